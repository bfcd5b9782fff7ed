"""What SQL the last block of When steps emitted: none, how many of a kind, in which order.

"Statements" are the ones the driver received (see ``sql_capture``). Counts name a kind and
optionally a table: "exactly 1 SELECT on posts", "exactly 2 statements".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pytest_bdd import then

from orm_spec.sql_capture import CapturedStatement, describe_all
from orm_spec.steps.grammar import step
from orm_spec.world import SpecWorld

KIND = r"(?P<kind>SELECT|INSERT|UPDATE|DELETE|SAVEPOINT|RELEASE|ROLLBACK TO SAVEPOINT|statement)"
TABLE = r"(?: (?:on|into|from|of) (?P<table>\w+))?"


def _window(world: SpecWorld) -> Sequence[CapturedStatement]:
    return world.db.recorder.window()


def _matching(world: SpecWorld, kind: str, table: str | None) -> list[CapturedStatement]:
    if kind == "statement":
        return [s for s in _window(world) if table is None or s.table == table]
    return [s for s in _window(world) if s.is_(kind, table)]


@then(step(r"no SQL was emitted"))
def no_sql(world: SpecWorld) -> None:
    emitted = _window(world)
    assert not emitted, f"expected no SQL, got:\n{describe_all(emitted)}"


@then(step(rf"exactly (?P<count>\d+) {KIND}s?{TABLE} (?:was|were) emitted"))
def exactly(world: SpecWorld, count: str, kind: str, table: str | None) -> None:
    found = _matching(world, kind, table)
    assert len(found) == int(count), (
        f"expected {count} {kind}{f' on {table}' if table else ''}, got {len(found)}; "
        f"all SQL of the When steps:\n{describe_all(_window(world))}"
    )


@then(step(rf"no {KIND}{TABLE} was emitted"))
def none_of(world: SpecWorld, kind: str, table: str | None) -> None:
    found = _matching(world, kind, table)
    assert not found, f"expected no {kind}, got:\n{describe_all(found)}"


@then(
    step(
        r"the (?P<first_kind>[A-Z]+) (?:on|into|from|of) (?P<first_table>\w+) came before "
        r"the (?P<second_kind>[A-Z]+) (?:on|into|from|of) (?P<second_table>\w+)"
    )
)
def came_before(
    world: SpecWorld, first_kind: str, first_table: str, second_kind: str, second_table: str
) -> None:
    emitted = list(_window(world))
    firsts = [i for i, s in enumerate(emitted) if s.is_(first_kind, first_table)]
    seconds = [i for i, s in enumerate(emitted) if s.is_(second_kind, second_table)]
    order = describe_all(emitted)
    assert firsts, f"no {first_kind} on {first_table} was emitted:\n{order}"
    assert seconds, f"no {second_kind} on {second_table} was emitted:\n{order}"
    assert max(firsts) < min(seconds), f"wrong order:\n{order}"


def _only(world: SpecWorld, kind: str, table: str) -> CapturedStatement:
    found = _matching(world, kind, table)
    assert len(found) == 1, (
        f"expected one {kind} on {table}, got {len(found)}:\n{describe_all(_window(world))}"
    )
    return found[0]


@then(step(r"the UPDATE on (?P<table>\w+) set only (?P<columns>\w+(?:(?:, | and )\w+)*)"))
def update_set_only(world: SpecWorld, table: str, columns: str) -> None:
    statement = _only(world, "UPDATE", table)
    match = re.search(r"\bSET\s+(.*?)\s+WHERE\b", statement.sql, re.I | re.S)
    assert match, f"no SET clause in {statement.describe()}"
    assigned = re.findall(r"[`\"]?(\w+)[`\"]?\s*=", match.group(1))
    expected = re.findall(r"\w+", columns.replace(" and ", ", "))
    assert sorted(assigned) == sorted(expected), f"the UPDATE set {assigned}"


@then(
    step(
        r"the INSERTs? into (?P<table>\w+) (?P<verdict>returned|did not return) "
        r"(?P<column>\w+)(?: with RETURNING)?"
    )
)
def insert_returning(world: SpecWorld, table: str, verdict: str, column: str) -> None:
    inserts = _matching(world, "INSERT", table)
    assert inserts, f"no INSERT into {table}:\n{describe_all(_window(world))}"
    for statement in inserts:
        clause = re.search(r"\bRETURNING\b(.*)$", statement.sql, re.I | re.S)
        returned = bool(clause) and re.search(rf"\b{column}\b", clause.group(1)) is not None
        assert returned is (verdict == "returned"), f"{statement.describe()}"


@then(
    step(
        r"the (?P<kind>SELECT|INSERT|UPDATE|DELETE) (?:on|into|from) (?P<table>\w+) "
        r'(?P<verdict>contained|did not contain) "(?P<fragment>[^"]+)"'
    )
)
def statement_contains(
    world: SpecWorld, kind: str, table: str, verdict: str, fragment: str
) -> None:
    statement = _only(world, kind, table)
    found = fragment.upper() in " ".join(statement.sql.upper().split())
    assert found is (verdict == "contained"), statement.describe()
