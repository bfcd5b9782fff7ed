"""ORM-enabled INSERT, UPDATE and DELETE statements run through session.execute()."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, insert, update

from orm_spec.domain import USER, ObjectName
from orm_spec.steps.checks import check_exception, check_value
from orm_spec.steps.grammar import VALUE, literal
from orm_spec.steps.kit import action, placeholder, then
from orm_spec.world import SpecWorld

_ASSIGNMENT = rf"({USER.pattern})'s ([a-z_]+) to ({VALUE})"


def _assignments(text: str) -> list[tuple[ObjectName, str, Any]]:
    """'Alice's name to "Alicia" and Bob's name to "Robert"' -> (Alice, name, "Alicia"), ..."""
    return [
        (ObjectName(USER, who), attr, literal(raw))
        for who, attr, raw in re.findall(_ASSIGNMENT, text)
    ]


placeholder("assignments", rf"{_ASSIGNMENT}(?: and {_ASSIGNMENT})*", _assignments)
placeholder("synchronize", "auto|evaluate|fetch|False", lambda t: False if t == "False" else t)


@action(r"I bulk insert the users {users}")
def bulk_insert(world: SpecWorld, users: list[ObjectName]) -> None:
    rows = [{"name": u.label, "email": f"{u.label.lower()}@example.com"} for u in users]
    world.io().execute(insert(world.models.user), rows)


@action(
    r"I bulk update the users named {user} setting name to {value} "
    r"with synchronize_session={synchronize}"
)
def bulk_update(world: SpecWorld, user: ObjectName, value: Any, synchronize: Any) -> None:
    model = world.models.user
    statement = update(model).where(model.name == user.label).values(name=value)
    world.io().execute(statement, execution_options={"synchronize_session": synchronize})


@action(r"I bulk delete the users named {user}", "bulk")
def bulk_delete(world: SpecWorld, user: ObjectName) -> int:
    model = world.models.user
    return world.io().execute(delete(model).where(model.name == user.label)).rowcount  # type: ignore[attr-defined,no-any-return]


@then(r"the bulk DELETE (?:deleted {count} rows?|failed with {exception})")
def bulk_result(world: SpecWorld, count: int | None, exception: type[BaseException] | None) -> None:
    outcome = world.last("bulk")
    if exception is not None:
        check_exception(outcome.error, exception)
    else:
        assert outcome.error is None, f"the bulk DELETE raised {outcome.error!r}"
        check_value(outcome.value, count, "the number of rows the bulk DELETE deleted")


@action(r"I bulk update by primary key: {assignments}")
def bulk_update_by_primary_key(
    world: SpecWorld, assignments: list[tuple[ObjectName, str, Any]]
) -> None:
    rows = [{"id": world.key_of(who), attr: value} for who, attr, value in assignments]
    world.io().execute(update(world.models.user), rows)
