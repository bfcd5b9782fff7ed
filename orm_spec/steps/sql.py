"""What SQL the last block of When steps emitted: none, how many of a kind, in which order, and
the exact statements where the SQL is the behaviour.

Statements are named by what they read or write in the domain's words ("a SELECT of posts"),
whatever table a model variant maps; see ``sql_capture`` for how that is known.
"""

from __future__ import annotations

from collections.abc import Sequence

from orm_spec.sql_capture import Statement, describe_all
from orm_spec.sql_text import normalise
from orm_spec.steps.kit import then
from orm_spec.world import SpecWorld


def _window(world: SpecWorld) -> Sequence[Statement]:
    """The When steps' statements. A BEGIN (which SQLAlchemy sends itself where the driver
    would not, see ``backends/sqlite_transactional.py``) is left out, like COMMIT and ROLLBACK,
    which drivers send as calls rather than statements: counts compare across backends."""
    return [s for s in world.db.recorder.window() if s.kind != "BEGIN"]


def _matching(world: SpecWorld, kind: str, subject: str | None) -> list[Statement]:
    if kind == "statement":
        return [s for s in _window(world) if subject is None or s.subject == subject]
    return [s for s in _window(world) if s.is_(kind, subject)]


def _only(world: SpecWorld, kind: str, subject: str) -> Statement:
    found = _matching(world, kind, subject)
    assert len(found) == 1, (
        f"expected one {kind} of {subject}, got {len(found)}:\n{describe_all(_window(world))}"
    )
    return found[0]


@then(r"no SQL was emitted")
def no_sql(world: SpecWorld) -> None:
    emitted = _window(world)
    assert not emitted, f"expected no SQL, got:\n{describe_all(emitted)}"


@then(r"exactly {count} {sql_kind}s?(?: of {subject})? (?:was|were) emitted")
def exactly(world: SpecWorld, count: int, sql_kind: str, subject: str | None) -> None:
    found = _matching(world, sql_kind, subject)
    assert len(found) == count, (
        f"expected {count} {sql_kind}{f' of {subject}' if subject else ''}, got {len(found)}; "
        f"all SQL of the When steps:\n{describe_all(_window(world))}"
    )


@then(r"no {sql_kind}(?: of {subject})? was emitted")
def none_of(world: SpecWorld, sql_kind: str, subject: str | None) -> None:
    found = _matching(world, sql_kind, subject)
    assert not found, f"expected no {sql_kind}, got:\n{describe_all(found)}"


@then(
    r"the {first_kind:sql_kind} of {first:subject} came before "
    r"the {second_kind:sql_kind} of {second:subject}"
)
def came_before(
    world: SpecWorld, first_kind: str, first: str, second_kind: str, second: str
) -> None:
    emitted = list(_window(world))
    firsts = [i for i, s in enumerate(emitted) if s.is_(first_kind, first)]
    seconds = [i for i, s in enumerate(emitted) if s.is_(second_kind, second)]
    order = describe_all(emitted)
    assert firsts, f"no {first_kind} of {first} was emitted:\n{order}"
    assert seconds, f"no {second_kind} of {second} was emitted:\n{order}"
    assert max(firsts) < min(seconds), f"wrong order:\n{order}"


@then(r"the UPDATE of {subject} set only {attrs}")
def update_set_only(world: SpecWorld, subject: str, attrs: list[str]) -> None:
    statement = _only(world, "UPDATE", subject)
    assert list(statement.columns) == sorted(attrs), (
        f"the UPDATE set {list(statement.columns)}: {statement.describe()}"
    )


@then(r"the INSERTs? of {subject} (?P<verdict>returned|did not return) {attr} with RETURNING")
def insert_returning(world: SpecWorld, subject: str, verdict: str, attr: str) -> None:
    inserts = _matching(world, "INSERT", subject)
    assert inserts, f"no INSERT of {subject}:\n{describe_all(_window(world))}"
    for statement in inserts:
        returned = attr in statement.returning
        assert returned is (verdict == "returned"), (
            f"RETURNING {list(statement.returning) or 'nothing'}: {statement.describe()}"
        )


@then(r'the {sql_kind} of {subject} (?P<verdict>contained|did not contain) "(?P<fragment>[^"]+)"')
def statement_contains(
    world: SpecWorld, sql_kind: str, subject: str, verdict: str, fragment: str
) -> None:
    statement = _only(world, sql_kind, subject)
    found = fragment.upper() in " ".join(statement.sql.upper().split())
    assert found is (verdict == "contained"), statement.describe()


@then(r'the last {sql_kind} (?P<verdict>contained|did not contain) "(?P<fragment>[^"]+)"')
def last_statement_contains(world: SpecWorld, sql_kind: str, verdict: str, fragment: str) -> None:
    """For a statement whose first table depends on the release (a loader's SELECT)."""
    emitted = [s for s in _window(world) if s.kind == sql_kind]
    assert emitted, f"no {sql_kind} was emitted"
    found = fragment.upper() in " ".join(emitted[-1].sql.upper().split())
    assert found is (verdict == "contained"), emitted[-1].describe()


@then(r'the {sql_kind} of {subject} ended with "(?P<fragment>[^"]+)"')
def statement_ends_with(world: SpecWorld, sql_kind: str, subject: str, fragment: str) -> None:
    """The statement's last words, compared after ``sql_text.normalise`` (``?`` stands for a
    parameter in any driver's style): what a clause appended, or that nothing was."""
    statement = _only(world, sql_kind, subject)
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
    actual = [normalise(s.sql) for s in _window(world)]
    assert actual == [normalise(s) for s in expected], "the SQL emitted was:\n" + "\n".join(
        f"  {s}" for s in actual
    )
