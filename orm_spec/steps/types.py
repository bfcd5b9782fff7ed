"""Typed columns: records of the typed-columns model, and what the database and the driver give
back for each type (the value, and its exact class where the driver decides it).

Values are written as ``grammar`` literals: the decimal 12.50, the UUID ..., the JSON {...},
Status.draft, the datetime ... in Etc/UTC.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from orm_spec.domain import RECORD, ObjectName
from orm_spec.steps.checks import check_exception, check_value
from orm_spec.steps.kit import given, then
from orm_spec.world import OutcomeKind, SpecWorld


def _qualname(value: Any) -> str:
    cls = type(value)
    return f"{cls.__module__}.{cls.__qualname__}"


@given(r"the {record} exists with its {attr} set to {value}")
def record_exists(world: SpecWorld, record: ObjectName, attr: str, value: Any) -> None:
    """Written through the ORM by a session of its own and committed, as rows of the seed are:
    the scenario's sessions start with nothing loaded."""

    def create(session: Session) -> None:
        created = world.model(RECORD)(label=record.label, **{attr: value})
        session.add(created)
        session.flush()
        world.note_keys(session)  # before commit expires the key; held by ``created`` till then
        session.commit()

    world.in_fresh_session(create)


@then(r"the value read is an? {qualname} equal to {value}")
def value_read_of_class(world: SpecWorld, qualname: str, value: Any) -> None:
    read = world.last(OutcomeKind.READ).value
    assert _qualname(read) == qualname and read == value, (
        f"the value read is {read!r}, a {_qualname(read)}"
    )


@then(r"a new session reads {obj}'s {attr} as an? {qualname} equal to {value}")
def new_session_reads_of_class(
    world: SpecWorld, obj: ObjectName, attr: str, qualname: str, value: Any
) -> None:
    def read(session: Session) -> Any:
        found = session.scalars(world.lookup(obj)).one()
        return getattr(found, attr)

    got = world.in_fresh_session(read)
    assert _qualname(got) == qualname and got == value, (
        f"{obj}'s {attr} read by a new session is {got!r}, a {_qualname(got)}"
    )


@then(r"the database holds {value} in {obj}'s {attr}")
def database_holds_raw(world: SpecWorld, value: Any, obj: ObjectName, attr: str) -> None:
    """Read with a textual SELECT in a new session: the stored value as the driver gives it,
    whatever the ORM's type would make of it."""
    table = world.model(obj.kind).__table__.name  # type: ignore[attr-defined]
    sql = text(f"SELECT {attr} FROM {table} WHERE id = :id")
    held = world.in_fresh_session(lambda s: s.execute(sql, {"id": world.key_of(obj)}).scalar())
    check_value(held, value, f"{obj}'s {attr} as the database holds it")


@then(r'a new session fails to load {obj} with {exception}(?: saying "(?P<message>[^"]+)")?')
def new_session_fails_to_load(
    world: SpecWorld, obj: ObjectName, exception: type[BaseException], message: str | None
) -> None:
    def load(session: Session) -> BaseException | None:
        try:
            session.scalars(world.lookup(obj)).one()
        except Exception as exc:
            return exc
        return None

    check_exception(world.in_fresh_session(load), exception, message)
