"""Relationships: user.posts and post.author, a user's profile (one-to-one) and pinned post
(post_update), back_populates and viewonly, how related objects load, changes to a collection,
and what a relationship holds, in the session or read by a new one.

Then steps read relationships through ``world.peek`` (loaded if they must be, also under
AsyncSession) or with a new session. The helpers (``save_new``, ``existing_row``,
``check_objects``) are shared with ``tags`` and ``comments``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, joinedload, registry, relationship, selectinload, undefer

from orm_spec.domain import COMMENT, POST, PROFILE, TAG, AuthoringError, ObjectName
from orm_spec.models import Base
from orm_spec.steps.kit import action, given, then
from orm_spec.world import MAIN, OutcomeKind, SpecWorld


# -- loading -------------------------------------------------------------------------------------
@given(r"{user} is loaded with {loader} on posts")
def load_with_option(world: SpecWorld, user: ObjectName, loader: Callable[[Any], Any]) -> None:
    statement = world.lookup(user).options(loader(world.models.user.posts))
    loaded = world.remember(user, world.io().scalars(statement).unique().one())
    # Loaded with it, if eager: a list, or one post (or None) where uselist=False.
    world.remember_loaded(loaded.__dict__.get("posts", []))


@given(r"{user}'s posts are loaded")
def posts_are_loaded(world: SpecWorld, user: ObjectName) -> None:
    """A state, not the behaviour under test: loaded however the session API allows (inside
    SQLAlchemy's greenlet on an async backend, as awaitable_attrs would)."""
    world.remember_loaded(list(world.peek(world.obj(user), "posts")))


@action(r"I load all users(?: with {loader})? and read each user's posts", OutcomeKind.QUERY)
def load_all_and_touch(world: SpecWorld, loader: Callable[[Any], Any] | None) -> list[Any]:
    user = world.models.user
    statement = select(user).order_by(user.name)
    if loader:
        statement = statement.options(loader(user.posts))
    users = list(world.io().scalars(statement).unique().all())
    for each in users:
        world.remember_loaded(list(each.posts))
    return users


@action(r"I load all users with joinedload on posts without unique\(\)", OutcomeKind.QUERY)
def joinedload_without_unique(world: SpecWorld) -> list[Any]:
    user = world.models.user
    return list(world.io().scalars(select(user).options(joinedload(user.posts))).all())


@given(r"{post} is loaded with undefer on content")
def load_undeferred(world: SpecWorld, post: ObjectName) -> None:
    statement = world.lookup(post).options(undefer(world.models.post.content))
    world.remember(post, world.io().scalars(statement).one())


# -- changing the collection ---------------------------------------------------------------------
@action(r"I remove {post} from {user}'s posts")
def remove_post(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    author = world.obj(user)
    found = next(p for p in author.posts if p.title == post.label)
    author.posts.remove(world.remember(post, found))


@action(r"I append a new post {post} to {user}'s posts")
def append_new_post(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    created = world.remember(post, world.models.post(title=post.label, content="New."))
    world.obj(user).posts.append(created)


@action(r"I put a new post {post} into {user}'s posts under its title")
def put_new_post(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    """user.posts mapped as a dict keyed by title (attribute_keyed_dict): set by its key."""
    created = world.remember(post, world.models.post(title=post.label, content="New."))
    world.obj(user).posts[post.label] = created


@action(r"I append a new draft {post} to {user}'s posts")
def append_new_draft(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    """A post of the mapping's subclass whose polymorphic identity is "draft"."""
    subclass = inspect(world.models.post).polymorphic_map.get("draft")
    if subclass is None:
        raise AuthoringError(
            'this mapping has no drafts: choose the model variant "dataclasses, drafts a post '
            'subclass whose status defaults to draft" first'
        )
    created = world.remember(post, subclass.class_(title=post.label, content="Draft."))
    world.obj(user).posts.append(created)


@action(r"I append None to {user}'s posts")
def append_none(world: SpecWorld, user: ObjectName) -> None:
    world.obj(user).posts.append(None)


@action(r"I create a new post {post} with author {user}")
def new_post_with_author(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    created = world.models.post(title=post.label, content="New.", author=world.obj(user))
    world.remember(post, created)


@action(r"I set {user}'s posts to a new post {post}")
def set_scalar_post(world: SpecWorld, user: ObjectName, post: ObjectName) -> None:
    """user.posts mapped with uselist=False: one post or None, replaced by assignment."""
    created = world.remember(post, world.models.post(title=post.label, content="New."))
    world.obj(user).posts = created


@action(r"I set {user}'s posts to a list holding {post}")
def set_posts_list(world: SpecWorld, user: ObjectName, post: ObjectName) -> None:
    world.obj(user).posts = [world.obj(post)]


@action(r"I move {post} to {user}'s posts")
def move_post(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    world.obj(user).posts.append(world.obj(post))


# -- mapping a relationship in the scenario ------------------------------------------------------
_PASSIVE_DELETES: dict[str, bool | str] = {"True": True, "False": False, "'all'": "all"}


@action(
    r'I map user\.posts with cascade "(?P<cascade>[a-z, -]+)" '
    r"and passive_deletes=(?P<passive>True|False|'all')"
)
def map_posts(world: SpecWorld, cascade: str, passive: str) -> None:
    """Map the seed's tables anew with this relationship and configure the mappers: what
    configuration refuses is raised here. The registry is disposed of either way, so no other
    scenario's configure() meets its mappers."""
    mapping = registry()
    user_cls: type = type("UserMappedInScenario", (), {})
    post_cls: type = type("PostMappedInScenario", (), {})
    posts = relationship(
        post_cls,
        cascade=cascade,
        passive_deletes=_PASSIVE_DELETES[passive],
        overlaps="author, posts",
    )
    try:
        mapping.map_imperatively(
            user_cls, Base.metadata.tables["users"], properties={"posts": posts}
        )
        mapping.map_imperatively(post_cls, Base.metadata.tables["posts"])
        mapping.configure()
    finally:
        mapping.dispose()


# -- write_only collections ----------------------------------------------------------------------
@action(r"I add a new post {post} through {user}'s write-only posts")
def add_through_write_only(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    created = world.remember(post, world.models.post(title=post.label, content="New."))
    world.obj(user).posts.add(created)


@action(r"I select {user}'s posts through the write-only collection", OutcomeKind.QUERY)
def select_write_only(world: SpecWorld, user: ObjectName) -> list[Any]:
    collection = world.obj(user).posts
    return list(world.io().scalars(collection.select()).all())


@action(r"I iterate over the value read")
def iterate_value(world: SpecWorld) -> list[Any]:
    return list(world.last(OutcomeKind.READ).value)


# -- helpers -------------------------------------------------------------------------------------
def save_new(world: SpecWorld, session: Session, objects: Iterable[Any]) -> None:
    """Commit what a Given step built, remembering the keys of the named rows first (commit
    expires them)."""
    session.add_all(list(objects))
    session.flush()
    world.note_keys(session)
    session.commit()


@given(r"the post {post} exists with {options}")
def post_exists_with(world: SpecWorld, post: ObjectName, options: dict[str, Any]) -> None:
    """A post of its own, its columns as given (account=1, user_id=None): no author needed."""
    content = f"The content of {post.label}."
    created = world.model(POST)(title=post.label, content=content, **options)
    world.in_fresh_session(lambda session: save_new(world, session, [created]))


def existing_row(world: SpecWorld, session: Session, name: ObjectName) -> Any:
    found = session.scalars(world.lookup(name)).one_or_none()
    if found is None:
        raise AuthoringError(f"{name} does not exist: create it first in a Given step")
    return found


def labels_of(world: SpecWorld, objects: Iterable[Any]) -> list[str | None]:
    return [getattr(world.models.name_of(o), "label", None) for o in objects]


def check_objects(
    world: SpecWorld, got: list[Any], expected: list[ObjectName], ordered: bool, what: str
) -> None:
    """The same labels (in order, if ``ordered``), and where the scenario already holds an
    object of that name in the session, that very object: a copy would pass a label check."""
    labels, wanted = labels_of(world, got), [name.label for name in expected]
    if not ordered:
        labels, wanted = sorted(labels, key=str), sorted(wanted)
    assert labels == wanted, f"{what} are {labels}"
    known = world.objects.get(MAIN, {})
    for name in expected:
        if name in known:
            assert any(o is known[name] for o in got), f"{what} hold a copy of {name}, not it"


@given(r"{user} has {profile}")
def user_has_profile(world: SpecWorld, user: ObjectName, profile: ObjectName) -> None:
    def write(session: Session) -> None:
        owner = existing_row(world, session, user)
        save_new(world, session, [world.model(PROFILE)(bio=profile.label, user=owner)])

    world.in_fresh_session(write)


@given(r"{user} has pinned {post}")
def user_has_pinned(world: SpecWorld, user: ObjectName, post: ObjectName) -> None:
    def pin(session: Session) -> None:
        owner = existing_row(world, session, user)
        owner.pinned_post = existing_row(world, session, post)
        save_new(world, session, [owner])

    world.in_fresh_session(pin)


# -- loading -------------------------------------------------------------------------------------
@given(r"{obj} is loaded with (?:its|her|his) {attrs}{in_session}")
def loaded_with_relationships(
    world: SpecWorld, obj: ObjectName, attrs: list[str], in_session: str
) -> None:
    """A state, not the behaviour under test: the object and the named relationships loaded
    (with selectinload), so that reading them later needs no IO under AsyncSession either."""
    model = world.model(obj.kind)
    statement = world.lookup(obj).options(*(selectinload(getattr(model, a)) for a in attrs))
    loaded = world.remember(obj, world.io(in_session).scalars(statement).one(), in_session)
    for attr in attrs:
        # An object already in the identity map keeps what it had loaded: load the rest.
        value = world.peek(loaded, attr)
        world.remember_loaded(list(value) if isinstance(value, list) else value, in_session)


@action(r"I load {obj} with {loader} on {attr}", OutcomeKind.LOAD)
def load_with_loader(
    world: SpecWorld, obj: ObjectName, loader: Callable[[Any], Any], attr: str
) -> Any:
    model = world.model(obj.kind)
    statement = world.lookup(obj).options(loader(getattr(model, attr)))
    loaded = world.remember(obj, world.io().scalars(statement).unique().one())
    value = loaded.__dict__.get(attr)
    world.remember_loaded(list(value) if isinstance(value, list) else value)
    return loaded


# -- one-to-one: profiles ------------------------------------------------------------------------
@action(r"I give {user} a new {profile}")
def give_profile(world: SpecWorld, user: ObjectName, profile: ObjectName) -> None:
    created = world.remember(profile, world.model(PROFILE)(bio=profile.label))
    world.obj(user).profile = created


# -- post_update: pinned posts -------------------------------------------------------------------
@action(r"I pin {post} for {user}")
def pin_post(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    world.obj(user).pinned_post = world.obj(post)


# -- back_populates and viewonly -----------------------------------------------------------------
@action(r"I make {user} the author of {post}")
def make_author(world: SpecWorld, user: ObjectName, post: ObjectName) -> None:
    world.obj(post).author = world.obj(user)


@action(r"I append a new post {post} to {user}'s posts_by_title")
def append_to_viewonly(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    created = world.remember(post, world.models.post(title=post.label, content="New."))
    world.obj(user).posts_by_title.append(created)


# -- what is true of the relationships -----------------------------------------------------------
@then(r"{obj}'s {attr} are (?:{objs}|(?P<empty>empty))(?P<ordered>, in that order)?")
def collection_is(
    world: SpecWorld,
    obj: ObjectName,
    attr: str,
    objs: list[ObjectName] | None,
    empty: str | None,
    ordered: str | None,
) -> None:
    value = world.peek(world.obj(obj), attr)
    assert isinstance(value, list), f"{obj}'s {attr} is a {type(value).__name__}, not a list"
    check_objects(world, list(value), objs or [], bool(ordered), f"{obj}'s {attr}")


@then(r"{obj}'s {attr} is {other:obj} itself")
def related_object_is(world: SpecWorld, obj: ObjectName, attr: str, other: ObjectName) -> None:
    value = world.peek(world.obj(obj), attr)
    assert value is world.obj(other), f"{obj}'s {attr} is {value!r}, not {other} itself"


@then(r"a new session reads {obj}'s {attr} as (?:the list {objs}|(?P<empty>an empty list))")
def new_session_reads_collection(
    world: SpecWorld, obj: ObjectName, attr: str, objs: list[ObjectName] | None, empty: str | None
) -> None:
    def read(session: Session) -> list[str | None]:
        return labels_of(world, getattr(existing_row(world, session, obj), attr))

    got = world.in_fresh_session(read)
    expected = [name.label for name in objs or []]
    assert got == expected, f"a new session reads {obj}'s {attr} as {got}"


@then(r"a new session reads {obj}'s {attr} as a dict of {objs}, each under its title")
def new_session_reads_dict(
    world: SpecWorld, obj: ObjectName, attr: str, objs: list[ObjectName]
) -> None:
    def read(session: Session) -> Any:
        held = getattr(existing_row(world, session, obj), attr)
        if not isinstance(held, dict):
            return held
        return {key: labels_of(world, [value])[0] for key, value in held.items()}

    got = world.in_fresh_session(read)
    expected = {name.label: name.label for name in objs}
    assert got == expected, f"a new session reads {obj}'s {attr} as {got!r}"


@then(r"the database holds the (?:tag|tags|comment|comments|profile|profiles) {objs}")
def database_holds(world: SpecWorld, objs: list[ObjectName]) -> None:
    kind = objs[0].kind
    column = getattr(world.model(kind), kind.label)
    held = world.in_fresh_session(lambda s: list(s.scalars(select(column).order_by(column))))
    assert held == sorted(o.label for o in objs), f"the database holds the {kind.plural} {held}"


@then(r"the database holds no (?P<plural>tags|comments|profiles)")
def database_holds_none_of(world: SpecWorld, plural: str) -> None:
    kind = next(k for k in (TAG, COMMENT, PROFILE) if k.plural == plural)
    held = world.in_fresh_session(lambda s: list(s.scalars(select(world.model(kind)))))
    assert not held, f"the database still holds {held}"
