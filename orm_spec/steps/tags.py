"""Tags: posts tagged with tags (many-to-many, post.tags and tag.posts) and the Tagging
association object that carries a note on each link.

Tags are named as ``domain`` names them: tag "orm". Actions change the collections the way
application code does; Then steps read them through ``world.peek`` or with a new session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager, defaultload

from orm_spec.domain import POST, TAG, ObjectName
from orm_spec.models_blog import Tagging, post_tags
from orm_spec.steps.kit import action, given, then
from orm_spec.steps.relationships import existing_row, save_new
from orm_spec.world import OutcomeKind, SpecWorld


def _tag_row(world: SpecWorld, session: Session, name: ObjectName) -> Any:
    """The tag's row, created if no Given made it yet."""
    found = session.scalars(world.lookup(name)).one_or_none()
    return found if found is not None else world.model(TAG)(name=name.label)


# -- rows that exist before the scenario ---------------------------------------------------------
@given(r"{tags} (?:exists|exist)")
def tags_exist(world: SpecWorld, tags: list[ObjectName]) -> None:
    world.in_fresh_session(
        lambda s: save_new(world, s, [world.model(TAG)(name=t.label) for t in tags])
    )


@given(r"{post} is tagged with {tags}")
def post_is_tagged(world: SpecWorld, post: ObjectName, tags: list[ObjectName]) -> None:
    def tag(session: Session) -> None:
        found = existing_row(world, session, post)
        found.tags.extend(_tag_row(world, session, t) for t in tags)
        save_new(world, session, [found])

    world.in_fresh_session(tag)


@given(r'{post} is tagged with {tag} through a tagging noting "(?P<note>[^"]*)"')
def post_has_tagging(world: SpecWorld, post: ObjectName, tag: ObjectName, note: str) -> None:
    def tag_it(session: Session) -> None:
        found = existing_row(world, session, post)
        found.taggings.append(Tagging(note=note, tag=_tag_row(world, session, tag)))
        save_new(world, session, [found])

    world.in_fresh_session(tag_it)


# -- many-to-many: tags --------------------------------------------------------------------------
@action(r"I tag {post} with (?P<new>a new )?{tag}")
def tag_post(world: SpecWorld, post: ObjectName, new: str | None, tag: ObjectName) -> None:
    chosen = world.remember(tag, world.model(TAG)(name=tag.label)) if new else world.obj(tag)
    world.obj(post).tags.append(chosen)


@action(
    r"I read the names of the tags joined to the posts by "
    r"join\(Post\.tags\.and_\(post_tags\.c\.tag_id == {tag}'s id\)\)",
    OutcomeKind.READ,
)
def read_tags_joined_with_secondary_criteria(world: SpecWorld, tag: ObjectName) -> list[str]:
    """The criteria name the secondary table: the join must alias it as the join itself does
    (2.0.28, #11010)."""
    post, tag_model = world.models.post, world.model(TAG)
    statement = (
        select(tag_model.name)
        .select_from(post)
        .join(post.tags.and_(post_tags.c.tag_id == world.key_of(tag)))
        .order_by(tag_model.name)
    )
    return list(world.io().scalars(statement).all())


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


@action(
    r"I select all posts joined to their taggings and tags, "
    r"with contains_eager\(taggings\) and defaultload\(taggings\)\.contains_eager\(tag\)",
    OutcomeKind.QUERY,
)
def select_with_nested_contains_eager(world: SpecWorld) -> list[Any]:
    """Each post's taggings, and each tagging's tag, filled from the query's own JOINs."""
    post = world.model(POST)
    statement = (
        select(post)
        .join(post.taggings)
        .join(Tagging.tag)
        .options(
            contains_eager(post.taggings), defaultload(post.taggings).contains_eager(Tagging.tag)
        )
        .order_by(post.id)
    )
    found = list(world.io().scalars(statement).unique().all())
    world.remember_loaded(found)
    return found


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
        return _taggings(
            world, existing_row(world, session, obj).taggings, lambda t: getattr(t, attr)
        )

    got = world.in_fresh_session(read)
    assert got == expected, f"a new session reads {obj}'s taggings as {got}"
