"""Relationship patterns of the extended domain: tags (many-to-many and the Tagging
association object), comments replying to comments, a user's profile, pinned posts.

The objects are named as ``domain`` names them: tag "orm", comment "Nice post!", profile
"Writes about ORMs". Actions change relationships the way application code does (append to a
collection, assign a scalar, add a new object to the session); Then steps read relationships
through ``world.peek`` (loaded if they must be, also under AsyncSession) or with a new session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from orm_spec.domain import COMMENT, PROFILE, TAG, AuthoringError, ObjectName
from orm_spec.models_blog import Tagging
from orm_spec.steps.kit import action, given, then
from orm_spec.world import MAIN, OutcomeKind, SpecWorld


# -- helpers -------------------------------------------------------------------------------------
def _save(world: SpecWorld, session: Session, objects: Iterable[Any]) -> None:
    """Commit what a Given step built, remembering the keys of the named rows first (commit
    expires them)."""
    session.add_all(list(objects))
    session.flush()
    world.note_keys(session)
    session.commit()


def _row(world: SpecWorld, session: Session, name: ObjectName) -> Any:
    found = session.scalars(world.lookup(name)).one_or_none()
    if found is None:
        raise AuthoringError(f"{name} does not exist: create it first in a Given step")
    return found


def _tag_row(world: SpecWorld, session: Session, name: ObjectName) -> Any:
    """The tag's row, created if no Given made it yet."""
    found = session.scalars(world.lookup(name)).one_or_none()
    return found if found is not None else world.model(TAG)(name=name.label)


def _labels(world: SpecWorld, objects: Iterable[Any]) -> list[str | None]:
    return [getattr(world.models.name_of(o), "label", None) for o in objects]


def _check_objects(
    world: SpecWorld, got: list[Any], expected: list[ObjectName], ordered: bool, what: str
) -> None:
    """The same labels (in order, if ``ordered``), and where the scenario already holds an
    object of that name in the session, that very object: a copy would pass a label check."""
    labels, wanted = _labels(world, got), [name.label for name in expected]
    if not ordered:
        labels, wanted = sorted(labels, key=str), sorted(wanted)
    assert labels == wanted, f"{what} are {labels}"
    known = world.objects.get(MAIN, {})
    for name in expected:
        if name in known:
            assert any(o is known[name] for o in got), f"{what} hold a copy of {name}, not it"


# -- rows that exist before the scenario ---------------------------------------------------------
@given(r"{tags} (?:exists|exist)")
def tags_exist(world: SpecWorld, tags: list[ObjectName]) -> None:
    world.in_fresh_session(
        lambda s: _save(world, s, [world.model(TAG)(name=t.label) for t in tags])
    )


@given(r"{post} is tagged with {tags}")
def post_is_tagged(world: SpecWorld, post: ObjectName, tags: list[ObjectName]) -> None:
    def tag(session: Session) -> None:
        found = _row(world, session, post)
        found.tags.extend(_tag_row(world, session, t) for t in tags)
        _save(world, session, [found])

    world.in_fresh_session(tag)


@given(r'{post} is tagged with {tag} through a tagging noting "(?P<note>[^"]*)"')
def post_has_tagging(world: SpecWorld, post: ObjectName, tag: ObjectName, note: str) -> None:
    def tag_it(session: Session) -> None:
        found = _row(world, session, post)
        found.taggings.append(Tagging(note=note, tag=_tag_row(world, session, tag)))
        _save(world, session, [found])

    world.in_fresh_session(tag_it)


@given(r"{post} has {comment}")
def post_has_comment(world: SpecWorld, post: ObjectName, comment: ObjectName) -> None:
    def write(session: Session) -> None:
        found = _row(world, session, post)
        _save(world, session, [world.model(COMMENT)(text=comment.label, post=found)])

    world.in_fresh_session(write)


@given(r"{parent:comment} has the repl(?:y|ies) {comments}")
def comment_has_replies(world: SpecWorld, parent: ObjectName, comments: list[ObjectName]) -> None:
    def write(session: Session) -> None:
        found = _row(world, session, parent)
        model = world.model(COMMENT)
        replies = [model(text=c.label, post_id=found.post_id, parent=found) for c in comments]
        _save(world, session, replies)

    world.in_fresh_session(write)


@given(r"{user} has {profile}")
def user_has_profile(world: SpecWorld, user: ObjectName, profile: ObjectName) -> None:
    def write(session: Session) -> None:
        owner = _row(world, session, user)
        _save(world, session, [world.model(PROFILE)(bio=profile.label, user=owner)])

    world.in_fresh_session(write)


@given(r"{user} has pinned {post}")
def user_has_pinned(world: SpecWorld, user: ObjectName, post: ObjectName) -> None:
    def pin(session: Session) -> None:
        owner = _row(world, session, user)
        owner.pinned_post = _row(world, session, post)
        _save(world, session, [owner])

    world.in_fresh_session(pin)


# -- loading -------------------------------------------------------------------------------------
@given(r"{obj} is loaded with (?:its|her|his) {attrs}")
def loaded_with_relationships(world: SpecWorld, obj: ObjectName, attrs: list[str]) -> None:
    """A state, not the behaviour under test: the object and the named relationships loaded
    (with selectinload), so that reading them later needs no IO under AsyncSession either."""
    model = world.model(obj.kind)
    statement = world.lookup(obj).options(*(selectinload(getattr(model, a)) for a in attrs))
    loaded = world.remember(obj, world.io().scalars(statement).one())
    for attr in attrs:
        # An object already in the identity map keeps what it had loaded: load the rest.
        value = world.peek(loaded, attr)
        world.remember_loaded(list(value) if isinstance(value, list) else value)


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


# -- many-to-many: tags --------------------------------------------------------------------------
@action(r"I tag {post} with (?P<new>a new )?{tag}")
def tag_post(world: SpecWorld, post: ObjectName, new: str | None, tag: ObjectName) -> None:
    chosen = world.remember(tag, world.model(TAG)(name=tag.label)) if new else world.obj(tag)
    world.obj(post).tags.append(chosen)


@action(r"I remove {tag} from {post}'s tags")
def untag_post(world: SpecWorld, tag: ObjectName, post: ObjectName) -> None:
    world.obj(post).tags.remove(world.obj(tag))


@action(r"I add {post} to {tag}'s posts")
def add_post_to_tag(world: SpecWorld, post: ObjectName, tag: ObjectName) -> None:
    world.obj(tag).posts.append(world.obj(post))


# -- the association object: taggings ------------------------------------------------------------
@action(r'I tag {post} with {tag} through a new tagging noting "(?P<note>[^"]*)"')
def add_tagging(world: SpecWorld, post: ObjectName, tag: ObjectName, note: str) -> None:
    world.obj(post).taggings.append(Tagging(note=note, tag=world.obj(tag)))


@action(r"I remove {post}'s tagging with {tag}")
def remove_tagging(world: SpecWorld, post: ObjectName, tag: ObjectName) -> None:
    taggings = world.obj(post).taggings
    taggings.remove(next(t for t in taggings if t.tag is world.obj(tag)))


# -- the adjacency list: comments and replies ----------------------------------------------------
@action(r"I add a new {comment} to {post}")
def add_comment(world: SpecWorld, comment: ObjectName, post: ObjectName) -> None:
    created = world.model(COMMENT)(text=comment.label, post=world.obj(post))
    # post= alone does not put the comment in the session (no cascade along a backref).
    world.session().add(world.remember(comment, created))


@action(r"I add a new reply {comment} to {parent:comment}")
def add_reply(world: SpecWorld, comment: ObjectName, parent: ObjectName) -> None:
    above = world.obj(parent)
    # The reply belongs to its parent's post: the object if the parent is new, else its key
    # (reading parent.post of a loaded comment would be a lazy load).
    post = above.__dict__.get("post")
    on_post = {"post": post} if post is not None else {"post_id": above.post_id}
    created = world.model(COMMENT)(text=comment.label, parent=above, **on_post)
    world.session().add(world.remember(comment, created))


@action(r"I move {comment} under {parent:comment}")
def move_reply(world: SpecWorld, comment: ObjectName, parent: ObjectName) -> None:
    world.obj(comment).parent = world.obj(parent)


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
    _check_objects(world, list(value), objs or [], bool(ordered), f"{obj}'s {attr}")


@then(r"{obj}'s {attr} is {other:obj} itself")
def related_object_is(world: SpecWorld, obj: ObjectName, attr: str, other: ObjectName) -> None:
    value = world.peek(world.obj(obj), attr)
    assert value is world.obj(other), f"{obj}'s {attr} is {value!r}, not {other} itself"


def _taggings(
    world: SpecWorld, taggings: Iterable[Any], far_end: Callable[[Any], Any]
) -> list[tuple[str, str]]:
    """Each tagging as its other end's name and its note, sorted (taggings have no order)."""
    return sorted((str(world.models.name_of(far_end(t))), t.note) for t in taggings)


def _expected_taggings(taggings: list[tuple[ObjectName, str]]) -> tuple[str, list[tuple[str, str]]]:
    """The attribute leading to the other end (tag when the tags are named), and the pairs."""
    far_end = "tag" if taggings[0][0].kind is TAG else "post"
    return far_end, sorted((str(name), note) for name, note in taggings)


@then(r"{obj}'s taggings are {taggings}")
def taggings_are(world: SpecWorld, obj: ObjectName, taggings: list[tuple[ObjectName, str]]) -> None:
    attr, expected = _expected_taggings(taggings)
    held = world.peek(world.obj(obj), "taggings")
    got = _taggings(world, held, lambda t: world.peek(t, attr))
    assert got == expected, f"{obj}'s taggings are {got}"


@then(r"a new session reads {obj}'s taggings as {taggings}")
def new_session_reads_taggings(
    world: SpecWorld, obj: ObjectName, taggings: list[tuple[ObjectName, str]]
) -> None:
    attr, expected = _expected_taggings(taggings)

    def read(session: Session) -> list[tuple[str, str]]:
        return _taggings(world, _row(world, session, obj).taggings, lambda t: getattr(t, attr))

    got = world.in_fresh_session(read)
    assert got == expected, f"a new session reads {obj}'s taggings as {got}"


@then(r"a new session reads {obj}'s {attr} as (?:the list {objs}|(?P<empty>an empty list))")
def new_session_reads_collection(
    world: SpecWorld, obj: ObjectName, attr: str, objs: list[ObjectName] | None, empty: str | None
) -> None:
    def read(session: Session) -> list[str | None]:
        return _labels(world, getattr(_row(world, session, obj), attr))

    got = world.in_fresh_session(read)
    expected = [name.label for name in objs or []]
    assert got == expected, f"a new session reads {obj}'s {attr} as {got}"


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
