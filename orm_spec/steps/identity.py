"""Identity keys and an object's identity by hand: Session.identity_key(), what the identity map
holds under a key, is_modified without collections, make_transient and make_transient_to_detached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session, make_transient, make_transient_to_detached

from orm_spec.domain import KINDS, ObjectName
from orm_spec.steps.kit import action, given, then
from orm_spec.steps.rows import new_user
from orm_spec.world import SpecWorld


# -- identity keys, is_modified ------------------------------------------------------------------
@action(
    r"I build the identity key of (?:the (?P<kind>user|post) class and {obj}'s id|{instance:obj} "
    r"itself) with Session\.identity_key\(\)",
    "identity_key",
)
def build_identity_key(
    world: SpecWorld, kind: str | None, obj: ObjectName | None, instance: ObjectName | None
) -> Any:
    if instance is not None:
        return Session.identity_key(instance=world.obj(instance))
    return Session.identity_key(world.model(KINDS[kind or "user"]), world.key_of(obj))  # type: ignore[arg-type]


@then(r"the key built is \(the (?P<kind>user|post) class, \((?:{count}|(?P<none>None)),\), None\)")
def key_built_is(world: SpecWorld, kind: str, count: int | None, none: str | None) -> None:
    key = world.last("identity_key").value
    expected = (world.model(KINDS[kind]), (None if none else count,), None)
    assert key == expected, f"the key built is {key!r}, not {expected!r}"


@then(r"the key built is {obj}'s identity key")
def key_built_is_objects(world: SpecWorld, obj: ObjectName) -> None:
    key, own = world.last("identity_key").value, inspect(world.obj(obj)).identity_key
    assert own is not None and key == own, f"the key built is {key!r}; {obj}'s is {own!r}"


@then(r"the identity map holds (?:{obj}|nothing) under the key built")
def identity_map_under_key(world: SpecWorld, obj: ObjectName | None) -> None:
    held = world.session().identity_map.get(world.last("identity_key").value)
    expected = world.obj(obj) if obj else None
    assert held is expected, f"the identity map holds {held!r} under the key built"


@then(r"{obj} is {negated}modified ignoring collections")
def is_modified_without_collections(world: SpecWorld, obj: ObjectName, negated: bool) -> None:
    actual = world.session().is_modified(world.obj(obj), include_collections=False)
    assert actual is not negated, f"is_modified({obj}, include_collections=False) is {actual}"


# -- make_transient, make_transient_to_detached --------------------------------------------------
STATE_FUNCTIONS: dict[str, Callable[[object], None]] = {
    "make_transient": make_transient,
    "make_transient_to_detached": make_transient_to_detached,
}


@action(rf"I call (?P<function>{'|'.join(STATE_FUNCTIONS)})\(\) on {{obj}}")
def call_state_function(world: SpecWorld, function: str, obj: ObjectName) -> None:
    STATE_FUNCTIONS[function](world.obj(obj))


@given(r"a new user {user} carrying the id of the existing row")
def new_user_with_existing_id(world: SpecWorld, user: ObjectName) -> None:
    created = new_user(world, user)
    created.id = world.key_of(user)  # only id, name and email are set: the rest is unloaded
    world.remember(user, created)
