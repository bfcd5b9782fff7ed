"""Every check of the SQL the last block of When steps emitted: none, how many of a kind, in
which order, with what parameters or RETURNING, which engine received it, and the exact
statements where the SQL is the behaviour.

All of them judge one value, ``world.run.when_statements()`` (see ``orm_spec.run``): the
statements from the block's first When step up to its first Then step, by the one rule of what
counts as emitted (``sql_capture.emitted``). Statements are named by what they read or write in
the domain's words ("a SELECT of posts"), whatever table a model variant maps; see
``sql_capture`` for how that is known.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import inspect

from orm_spec.domain import ObjectName
from orm_spec.sql_capture import Statement, Statements, describe_all
from orm_spec.sql_text import normalise
from orm_spec.steps.connections import SecondEngine
from orm_spec.steps.kit import then
from orm_spec.world import SpecWorld


def _emitted(world: SpecWorld) -> Statements:
    return world.run.when_statements()


# -- how many ------------------------------------------------------------------------------------
@then(r"no SQL was emitted")
def no_sql(world: SpecWorld) -> None:
    emitted = _emitted(world)
    assert not emitted, f"expected no SQL, got:\n{emitted.describe()}"


@then(r"exactly {count} {sql_kind}s?(?: of {subject})? (?:was|were) emitted")
def exactly(world: SpecWorld, count: int, sql_kind: str, subject: str | None) -> None:
    emitted = _emitted(world)
    found = emitted.of(sql_kind, subject)
    assert len(found) == count, (
        f"expected {count} {sql_kind}{f' of {subject}' if subject else ''}, got {len(found)}; "
        f"all SQL of the When steps:\n{emitted.describe()}"
    )


@then(r"no {sql_kind}(?: of {subject})? was emitted")
def none_of(world: SpecWorld, sql_kind: str, subject: str | None) -> None:
    found = _emitted(world).of(sql_kind, subject)
    assert not found, f"expected no {sql_kind}, got:\n{describe_all(found)}"


@then(
    r"the second engine received "
    r"(?:(?:exactly {count} {sql_kind}s?|no {absent:sql_kind})(?: of {subject})?|no SQL)"
)
def second_engine_received(
    world: SpecWorld,
    second_engine: SecondEngine,
    count: int | None,
    sql_kind: str | None,
    absent: str | None,
    subject: str | None,
) -> None:
    received = _emitted(world).executed_at(second_engine.positions)
    kind = sql_kind or absent
    if kind is None:
        assert not received, f"the second engine received:\n{received.describe()}"
        return
    matching = received.of(kind, subject)
    assert len(matching) == (count or 0), (
        f"expected {count or 'no'} {kind}, the second engine received:\n{received.describe()}"
    )


# -- in which order ------------------------------------------------------------------------------
@then(
    r"the {first_kind:sql_kind} of {first:subject} came before "
    r"the {second_kind:sql_kind} of {second:subject}"
)
def came_before(
    world: SpecWorld, first_kind: str, first: str, second_kind: str, second: str
) -> None:
    emitted = _emitted(world)
    firsts = [i for i, s in enumerate(emitted) if s.is_(first_kind, first)]
    seconds = [i for i, s in enumerate(emitted) if s.is_(second_kind, second)]
    order = emitted.describe()
    assert firsts, f"no {first_kind} of {first} was emitted:\n{order}"
    assert seconds, f"no {second_kind} of {second} was emitted:\n{order}"
    assert max(firsts) < min(seconds), f"wrong order:\n{order}"


_KIND_OF = r"an? (?:SELECT|INSERT|UPDATE|DELETE) of [a-z_]+"


@then(rf"the statements emitted were (?P<sequence>{_KIND_OF}(?: then {_KIND_OF})*)")
def statements_in_order(world: SpecWorld, sequence: str) -> None:
    """What each statement of the When steps read or wrote, in order, whatever the SQL text
    (RETURNING id on SQLite, RETURNING users.id on PostgreSQL)."""
    expected = [tuple(part.split()[1::2]) for part in sequence.split(" then ")]
    emitted = _emitted(world)
    assert emitted.sequence() == expected, f"emitted:\n{emitted.describe()}"


def _deletes_of(world: SpecWorld, emitted: Statements, obj: ObjectName) -> list[int]:
    """The positions of the When steps' DELETEs of the object's row, found by its key among
    the statement's parameters (a tuple, a dict or, for executemany, a list of them)."""
    table = inspect(world.model(obj.kind)).local_table.name
    key = world.key_of(obj)
    return [
        i
        for i, s in enumerate(emitted)
        if s.is_("DELETE") and s.table == table and key in _parameter_values(s)
    ]


def _parameter_values(statement: Statement) -> list[Any]:
    sets = statement.parameters if statement.executemany else [statement.parameters]
    values: list[Any] = []
    for each in sets or ():
        values.extend(each.values() if isinstance(each, dict) else each)
    return values


@then(r"{obj} was deleted before {other:obj}")
def deleted_before(world: SpecWorld, obj: ObjectName, other: ObjectName) -> None:
    emitted = _emitted(world)
    first, second = _deletes_of(world, emitted, obj), _deletes_of(world, emitted, other)
    assert first, f"no DELETE of {obj} was emitted"
    assert second, f"no DELETE of {other} was emitted"
    assert max(first) < min(second), f"the DELETE of {other} came first"


# -- what one statement did ----------------------------------------------------------------------
@then(r"the UPDATE of {subject} set only {attrs}")
def update_set_only(world: SpecWorld, subject: str, attrs: list[str]) -> None:
    statement = _emitted(world).only("UPDATE", subject)
    assert list(statement.columns) == sorted(attrs), (
        f"the UPDATE set {list(statement.columns)}: {statement.describe()}"
    )


@then(r"the INSERTs? of {subject} (?P<verdict>returned|did not return) {attr} with RETURNING")
def insert_returning(world: SpecWorld, subject: str, verdict: str, attr: str) -> None:
    emitted = _emitted(world)
    inserts = emitted.of("INSERT", subject)
    assert inserts, f"no INSERT of {subject}:\n{emitted.describe()}"
    for statement in inserts:
        returned = attr in statement.returning
        assert returned is (verdict == "returned"), (
            f"RETURNING {list(statement.returning) or 'nothing'}: {statement.describe()}"
        )


@then(
    r"the (?P<kind>UPDATE|DELETE) of {subject} "
    r"(?:returned {attrs} with RETURNING|had no RETURNING clause)"
)
def update_or_delete_returning(
    world: SpecWorld, kind: str, subject: str, attrs: list[str] | None
) -> None:
    statement = _emitted(world).only(kind, subject)
    assert list(statement.returning) == (attrs or []), (
        f"RETURNING {list(statement.returning) or 'nothing'}: {statement.describe()}"
    )


@then(r"the {sql_kind} of {subject} was sent once with {count} parameter sets")
def sent_with_parameter_sets(world: SpecWorld, sql_kind: str, subject: str, count: int) -> None:
    """One DBAPI executemany() call carrying ``count`` rows, not ``count`` statements."""
    statement = _emitted(world).only(sql_kind, subject)
    assert statement.executemany, f"sent with execute(), not executemany(): {statement.describe()}"
    assert len(statement.parameters) == count, f"parameter sets: {statement.parameters!r}"


@then(r"the {sql_kind} of {subject} was sent once as one multi-row VALUES clause of {count} rows")
def sent_as_multirow_values(world: SpecWorld, sql_kind: str, subject: str, count: int) -> None:
    """One statement the dialect wrote the rows into (insertmanyvalues), sent with one
    parameter set: SQLAlchemy still calls it an executemany, the driver gets one execute()."""
    statement = _emitted(world).only(sql_kind, subject)
    one_set = isinstance(statement.parameters, Mapping)
    assert one_set, f"sent with {len(statement.parameters)} parameter sets: {statement.describe()}"
    values = statement.sql.partition(" VALUES ")[2]
    rows = values.count("), (") + 1 if values else 0
    assert rows == count, f"{rows} rows in the VALUES clause: {statement.describe()}"


# -- the SQL text --------------------------------------------------------------------------------
@then(r'the {sql_kind} of {subject} (?P<verdict>contained|did not contain) "(?P<fragment>[^"]+)"')
def statement_contains(
    world: SpecWorld, sql_kind: str, subject: str, verdict: str, fragment: str
) -> None:
    statement = _emitted(world).only(sql_kind, subject)
    found = fragment.upper() in " ".join(statement.sql.upper().split())
    assert found is (verdict == "contained"), statement.describe()


@then(r'the last {sql_kind} (?P<verdict>contained|did not contain) "(?P<fragment>[^"]+)"')
def last_statement_contains(world: SpecWorld, sql_kind: str, verdict: str, fragment: str) -> None:
    """For a statement whose first table depends on the release (a loader's SELECT)."""
    emitted = [s for s in _emitted(world) if s.kind == sql_kind]
    assert emitted, f"no {sql_kind} was emitted"
    found = fragment.upper() in " ".join(emitted[-1].sql.upper().split())
    assert found is (verdict == "contained"), emitted[-1].describe()


@then(r'the {sql_kind} of {subject} ended with "(?P<fragment>[^"]+)"')
def statement_ends_with(world: SpecWorld, sql_kind: str, subject: str, fragment: str) -> None:
    """The statement's last words, compared after ``sql_text.normalise`` (``?`` stands for a
    parameter in any driver's style): what a clause appended, or that nothing was."""
    statement = _emitted(world).only(sql_kind, subject)
    assert normalise(statement.sql).endswith(normalise(fragment)), normalise(statement.sql)


@then(r"the SQL emitted was:")
def exact_sql(world: SpecWorld, docstring: str) -> None:
    """One statement per line (a line indented further continues the one above), compared
    after ``sql_text.normalise`` with every statement of the When steps."""
    expected: list[str] = []
    for line in docstring.splitlines():
        if line.startswith((" ", "\t")) and expected:
            expected[-1] += " " + line.strip()
        elif line.strip():
            expected.append(line.strip())
    actual = [normalise(s.sql) for s in _emitted(world)]
    assert actual == [normalise(s) for s in expected], "the SQL emitted was:\n" + "\n".join(
        f"  {s}" for s in actual
    )
