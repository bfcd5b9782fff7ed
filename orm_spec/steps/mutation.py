"""Mutation tracking: a post's detail with a plain JSON column (meta) and tracked ones
(tracked_meta a MutableDict, keywords a MutableList, labels a MutableSet), changed in place,
reassigned, flagged or expired, and what the session noticed.
"""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from orm_spec.domain import AuthoringError, ObjectName
from orm_spec.models_blog import BlogPost, PostDetail
from orm_spec.steps.grammar import InPlaceChange
from orm_spec.steps.kit import action, given, then
from orm_spec.world import OutcomeKind, SpecWorld

# -- JSON details and mutation tracking ----------------------------------------------------------
COLUMN = r"(?P<column>meta|tracked_meta)"
CONTAINERS = ("meta", "tracked_meta", "keywords", "labels")
"""The detail's JSON columns a statement may change in place."""


def _detail(world: SpecWorld, post: ObjectName) -> Any:
    loaded = world.obj(post).__dict__.get("detail")
    if loaded is None:
        raise AuthoringError(
            f"{post}'s detail is not loaded: write \"Given {post} is loaded with "
            'its detail" (the model variant "the blog")'
        )
    return loaded


@given(r"{post} has a detail whose meta and tracked_meta are {json_value}")
def post_has_detail(world: SpecWorld, post: ObjectName, json_value: dict[str, Any]) -> None:
    if world.models.post is not BlogPost:
        raise AuthoringError('post details need the model variant "the blog" first')

    def write(session: Session) -> None:
        # Two copies: the plain JSON column and the tracked one must not share a dict.
        detail = PostDetail(
            post_id=world.key_of(post), meta=json_value, tracked_meta=copy.deepcopy(json_value)
        )
        session.add(detail)
        session.commit()

    world.in_fresh_session(write)


@action(rf'I set "(?P<key>\w+)" to {{value}} in place in the {COLUMN} of {{post}}\'s detail')
def set_key_in_place(world: SpecWorld, key: str, value: Any, column: str, post: ObjectName) -> None:
    getattr(_detail(world, post), column)[key] = value


@given(r"{post}'s detail has the keywords {container} and the labels {labels:container}")
def detail_has_keywords_and_labels(
    world: SpecWorld, post: ObjectName, container: list[Any], labels: set[Any]
) -> None:
    def write(session: Session) -> None:
        detail = session.get(PostDetail, world.key_of(post))
        if detail is None:
            raise AuthoringError(f"{post} has no detail yet: give it one first")
        detail.keywords, detail.labels = container, labels
        session.commit()

    world.in_fresh_session(write)


@action(r"I change {post}'s detail in place: {in_place_change}")
def change_in_place(world: SpecWorld, post: ObjectName, in_place_change: InPlaceChange) -> None:
    """The statement runs on the attribute's value, read once and never assigned back (a real
    ``detail.keywords += [...]`` also sets the attribute, which would hide an in-place method
    that forgot to tell the session): only the container's own method can tell it."""
    if in_place_change.name not in CONTAINERS:
        raise AuthoringError(
            f"{in_place_change.text!r} changes {in_place_change.name}: a detail has "
            f"{', '.join(CONTAINERS)}"
        )
    in_place_change.apply(getattr(_detail(world, post), in_place_change.name))


@action(
    rf'I set "(?P<key>\w+)" to {{value}} in place inside "(?P<outer>\w+)" in the {COLUMN} of '
    r"{post}'s detail"
)
def set_nested_key_in_place(
    world: SpecWorld, key: str, value: Any, outer: str, column: str, post: ObjectName
) -> None:
    getattr(_detail(world, post), column)[outer][key] = value


@action(rf"I assign the new dict {{json_value}} to the {COLUMN} of {{post}}'s detail")
def assign_new_dict(
    world: SpecWorld, json_value: dict[str, Any], column: str, post: ObjectName
) -> None:
    setattr(_detail(world, post), column, json_value)


@action(rf"I flag the {COLUMN} of {{post}}'s detail as modified")
def flag_detail_modified(world: SpecWorld, column: str, post: ObjectName) -> None:
    flag_modified(_detail(world, post), column)


@action(rf"I expire the {COLUMN} of {{post}}'s detail")
def expire_detail_column(world: SpecWorld, column: str, post: ObjectName) -> None:
    world.session().expire(_detail(world, post), [column])


@action(rf"I read the {COLUMN} of {{post}}'s detail", OutcomeKind.READ)
def read_detail_column(world: SpecWorld, column: str, post: ObjectName) -> Any:
    return getattr(_detail(world, post), column)


@then(r"the detail of {post} is {negated}(?P<what>modified|in session\.dirty)")
def detail_modified(world: SpecWorld, post: ObjectName, negated: bool, what: str) -> None:
    detail, session = _detail(world, post), world.session()
    actual = session.is_modified(detail) if what == "modified" else detail in session.dirty
    assert actual is not negated, f"the detail of {post} is {'' if actual else 'not '}{what}"


@then(r"the value read is the dict {json_value}")
def value_read_is_dict(world: SpecWorld, json_value: dict[str, Any]) -> None:
    read = world.last(OutcomeKind.READ).value
    assert isinstance(read, dict) and dict(read) == json_value, f"read {read!r}"


@then(rf"a new session reads the {COLUMN} of {{post}}'s detail as {{json_value}}")
def new_session_reads_detail(
    world: SpecWorld, column: str, post: ObjectName, json_value: dict[str, Any]
) -> None:
    def read(session: Session) -> Any:
        return getattr(session.get(PostDetail, world.key_of(post)), column)

    stored = world.in_fresh_session(read)
    assert stored == json_value, f"a new session reads {stored!r}"


@then(r"the (?P<column>keywords|labels) of {post}'s detail (?:are|is) {container}")
def collection_in_memory(world: SpecWorld, column: str, post: ObjectName, container: Any) -> None:
    """The value the loaded detail holds now, before any flush: what the change made of it."""
    held = getattr(_detail(world, post), column)
    assert held == container, f"the {column} of {post}'s detail are {held!r}"


@then(r"a new session reads the (?P<column>keywords|labels) of {post}'s detail as {container}")
def new_session_reads_collection(
    world: SpecWorld, column: str, post: ObjectName, container: Any
) -> None:
    def read(session: Session) -> Any:
        return getattr(session.get(PostDetail, world.key_of(post)), column)

    stored = world.in_fresh_session(read)
    assert stored == container, f"a new session reads {stored!r}"
