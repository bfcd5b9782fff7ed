"""What is true of an object: its state, its attribute values, its identity."""

from __future__ import annotations

from pytest_bdd import then
from sqlalchemy import inspect
from sqlalchemy.orm import object_session

from orm_spec.steps.grammar import REF, SESSION, Ref, session_key, step, value
from orm_spec.world import SpecWorld

STATES = ("transient", "pending", "persistent", "deleted", "detached")


@then(step(rf"(?P<ref>{REF}) is (?P<state>{'|'.join(STATES)})"))
def object_state(world: SpecWorld, ref: str, state: str) -> None:
    insp = inspect(world.obj(Ref.parse(ref)))
    actual = [name for name in STATES if getattr(insp, name)]
    assert actual == [state], f"{ref} is {', '.join(actual)}, not {state}"


@then(step(rf"(?P<ref>{REF}) is (?P<negation>not )?in the (?P<session>second |third |)session"))
def in_session(world: SpecWorld, ref: str, negation: str | None, session: str) -> None:
    obj = world.obj(Ref.parse(ref))
    member = obj in world.session(session_key(session.strip() or None))
    assert member is not bool(negation), f"{ref} {'is' if member else 'is not'} in the session"


@then(step(rf"(?P<ref>{REF})'s (?P<attr>\w+) is (?P<expected>.+)"))
def attribute_is(world: SpecWorld, ref: str, attr: str, expected: str) -> None:
    assert getattr(world.obj(Ref.parse(ref)), attr) == value(expected)


@then(step(r"the value read is (?P<expected>.+)"))
def value_read(world: SpecWorld, expected: str) -> None:
    assert world.values, "no When step read a value"
    assert world.values[-1] == value(expected)


@then(step(rf"every attribute of (?P<ref>{REF}) is expired"))
def all_expired(world: SpecWorld, ref: str) -> None:
    insp = inspect(world.obj(Ref.parse(ref)))
    columns = {attr.key for attr in insp.mapper.column_attrs}
    assert columns <= insp.expired_attributes, (
        f"not expired: {sorted(columns - insp.expired_attributes)}"
    )


@then(step(rf"no attribute of (?P<ref>{REF}) is expired"))
def none_expired(world: SpecWorld, ref: str) -> None:
    expired = inspect(world.obj(Ref.parse(ref))).expired_attributes
    assert not expired, f"expired: {sorted(expired)}"


@then(step(r"the last two loads returned (?P<verdict>the same|different) objects?"))
def last_two_loads(world: SpecWorld, verdict: str) -> None:
    assert len(world.loads) >= 2, "fewer than two loads happened"
    first, second = world.loads[-2:]
    assert (first is second) is (verdict == "the same"), f"{first!r} vs {second!r}"


@then(step(rf"the object returned is (?P<ref>{REF}){SESSION}"))
def object_returned(world: SpecWorld, ref: str, session: str | None) -> None:
    assert world.loads, "no When step loaded an object"
    expected = world.obj(Ref.parse(ref), session_key(session))
    assert world.loads[-1] is expected, f"{world.loads[-1]!r} is not the {ref} loaded before"


@then(step(r"the object returned is None"))
def object_returned_none(world: SpecWorld) -> None:
    assert world.loads and world.loads[-1] is None, f"returned {world.loads[-1:]!r}"


@then(step(rf"(?P<ref>{REF}) belongs to (?P<what>no session|the (?:second |third |)session)"))
def belongs_to(world: SpecWorld, ref: str, what: str) -> None:
    owner = object_session(world.obj(Ref.parse(ref)))
    if what == "no session":
        assert owner is None, f"{ref} belongs to {owner!r}"
    else:
        key = session_key(what.removeprefix("the ").removesuffix("session").strip() or None)
        assert owner is world.session(key), f"{ref} belongs to {owner!r}"
