"""What is true of an object: its state, its attribute values, its identity."""

from __future__ import annotations

import re

from pytest_bdd import then
from sqlalchemy import inspect
from sqlalchemy.orm import object_session

from orm_spec.steps.grammar import REF, SESSION, VALUE, Ref, session_key, step, value
from orm_spec.world import SpecWorld

STATES = ("transient", "pending", "persistent", "deleted", "detached")


@then(step(rf"(?P<ref>{REF}) is (?P<state>{'|'.join(STATES)}){SESSION}"))
def object_state(world: SpecWorld, ref: str, state: str, session: str | None) -> None:
    insp = inspect(world.obj(Ref.parse(ref), session_key(session)))
    actual = [name for name in STATES if getattr(insp, name)]
    assert actual == [state], f"{ref} is {', '.join(actual)}, not {state}"


@then(step(rf"(?P<ref>{REF}) is (?P<negation>not )?in the (?P<session>second |third |)session"))
def in_session(world: SpecWorld, ref: str, negation: str | None, session: str) -> None:
    obj = world.obj(Ref.parse(ref))
    member = obj in world.session(session_key(session.strip() or None))
    assert member is not bool(negation), f"{ref} {'is' if member else 'is not'} in the session"


@then(step(rf"(?P<ref>{REF})'s (?P<attr>\w+) is (?P<expected>{VALUE})"))
def attribute_is(world: SpecWorld, ref: str, attr: str, expected: str) -> None:
    assert getattr(world.obj(Ref.parse(ref)), attr) == value(expected)


@then(step(rf"the value read is (?P<expected>{VALUE})"))
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


@then(step(rf"the object returned is (?P<negation>not )?(?P<ref>{REF}){SESSION}"))
def object_returned(world: SpecWorld, negation: str | None, ref: str, session: str | None) -> None:
    assert world.loads, "no When step loaded an object"
    expected = world.obj(Ref.parse(ref), session_key(session))
    same = world.loads[-1] is expected
    assert same is not bool(negation), f"{world.loads[-1]!r} {'is' if same else 'is not'} {ref}"


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


ATTRIBUTES = r"\w+(?:(?:, | and )\w+)*"
REFS = rf"{REF}(?:(?:, | and ){REF})*"


def refs(text: str) -> list[Ref]:
    return [Ref.parse(m) for m in re.findall(REF, text)]


@then(step(rf"(?P<ref>{REF}) has (?P<which>an|no) identity key"))
def identity_key(world: SpecWorld, ref: str, which: str) -> None:
    key = inspect(world.obj(Ref.parse(ref))).identity_key
    assert (key is not None) is (which == "an"), f"{ref}'s identity key is {key!r}"


@then(step(rf"(?P<ref>{REF}) (?P<verdict>was|was not) deleted"))
def was_deleted(world: SpecWorld, ref: str, verdict: str) -> None:
    actual = inspect(world.obj(Ref.parse(ref))).was_deleted
    assert actual is (verdict == "was"), f"inspect({ref}).was_deleted is {actual}"


@then(step(rf"session\.(?P<which>new|dirty|deleted) (?:holds (?P<who>{REFS})|is empty)"))
def session_collection(world: SpecWorld, which: str, who: str | None) -> None:
    held = getattr(world.session(), which)
    expected = [world.obj(r) for r in refs(who)] if who else []
    assert len(held) == len(expected) and all(obj in held for obj in expected), (
        f"session.{which} holds {sorted(map(repr, held))}"
    )


@then(step(rf"(?P<ref>{REF}) is (?P<negation>not )?modified"))
def is_modified(world: SpecWorld, ref: str, negation: str | None) -> None:
    actual = world.session().is_modified(world.obj(Ref.parse(ref)))
    assert actual is not bool(negation), f"session.is_modified({ref}) is {actual}"


@then(step(r"the session is (?P<negation>not )?active"))
def is_active(world: SpecWorld, negation: str | None) -> None:
    actual = world.session().is_active
    assert actual is not bool(negation), f"session.is_active is {actual}"


@then(step(r"the session is (?P<negation>not )?in a transaction"))
def in_transaction(world: SpecWorld, negation: str | None) -> None:
    actual = world.session().in_transaction()
    assert actual is not bool(negation), f"session.in_transaction() is {actual}"


@then(step(r"the identity map (?:holds (?P<count>\d+) objects?|is empty)"))
def identity_map_size(world: SpecWorld, count: str | None) -> None:
    held = list(world.session().identity_map.values())
    assert len(held) == int(count or 0), f"the identity map holds {held}"


@then(step(rf"the identity map (?P<verdict>holds|does not hold) (?P<ref>{REF})"))
def identity_map_holds(world: SpecWorld, verdict: str, ref: str) -> None:
    target = Ref.parse(ref)
    model = world.model(target.kind)
    key = world.session().identity_key(model, world.ids[target])
    actual = key in world.session().identity_map
    assert actual is (verdict == "holds"), (
        f"the identity map {'holds' if actual else 'lacks'} {ref}"
    )


@then(step(r"no connection is checked out of the pool"))
def no_connection_checked_out(world: SpecWorld) -> None:
    assert world.db.checked_out_connections() == 0, "the session still holds a connection"


@then(step(rf"the expired attributes of (?P<ref>{REF}) are (?P<which>none|{ATTRIBUTES})"))
def expired_attributes(world: SpecWorld, ref: str, which: str) -> None:
    expired = inspect(world.obj(Ref.parse(ref))).expired_attributes
    expected = set() if which == "none" else set(re.findall(r"\w+", which.replace(" and ", ",")))
    assert expired == expected, f"expired: {sorted(expired)}"
