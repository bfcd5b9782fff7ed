"""Records the SQL an engine sends to the database, with what each statement means.

The recorder listens to ``before_cursor_execute``: every statement that reaches a DBAPI cursor,
including the ones the ORM emits during flush, lazy loads and refreshes. COMMIT and ROLLBACK are
DBAPI connection calls, not cursor statements, so they never appear; SAVEPOINT statements do.

What a statement is (its kind, its table, the mapped entity it loads, the columns an UPDATE sets)
is read from the execution context SQLAlchemy passes with it: the compiled statement object, not
the SQL text. Only a statement that arrives as text (``text()``, ``exec_driver_sql``) is known by
its first word.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import MissingGreenlet
from sqlalchemy.sql import visitors
from sqlalchemy.sql.ddl import ExecutableDDLElement
from sqlalchemy.sql.dml import Delete, Insert, Update
from sqlalchemy.sql.elements import (
    BindParameter,
    ReleaseSavepointClause,
    RollbackToSavepointClause,
    SavepointClause,
)
from sqlalchemy.sql.schema import Table
from sqlalchemy.sql.selectable import Select

ROW_KINDS = ("SELECT", "INSERT", "UPDATE", "DELETE")
"""The kinds of statement that read or write rows."""
_CLAUSE_KINDS: tuple[tuple[type, str], ...] = (
    (Select, "SELECT"),
    (Insert, "INSERT"),
    (Update, "UPDATE"),
    (Delete, "DELETE"),
    (SavepointClause, "SAVEPOINT"),
    (RollbackToSavepointClause, "ROLLBACK TO SAVEPOINT"),
    (ReleaseSavepointClause, "RELEASE"),
    (ExecutableDDLElement, "DDL"),
)
_FIRST_WORD = re.compile(r"^(?:\s|--[^\n]*\n|/\*.*?\*/)*(\w+)", re.S)


@dataclass(frozen=True)
class Statement:
    """One statement as the driver received it, with its meaning."""

    sql: str
    parameters: Any
    executemany: bool = False
    kind: str = ""
    """SELECT, INSERT, UPDATE, DELETE, SAVEPOINT, RELEASE, ROLLBACK TO SAVEPOINT, DDL, or for
    a statement given as text its first word in capitals (PRAGMA, TRUNCATE, SET, ...)."""
    table: str | None = None
    """The table written, or for a SELECT the table of the entity it loads (else its first)."""
    subject: str | None = None
    """What the statement reads or writes in the domain's words ("users", "posts"), whatever
    variant table holds them; None for anything else."""
    columns: tuple[str, ...] = ()
    """For an UPDATE: the columns it sets, sorted."""
    returning: tuple[str, ...] = ()
    """The columns a RETURNING clause hands back, in order."""
    sent: bool = True
    """False when the driver never got to send it: an async driver asked for IO outside
    SQLAlchemy's greenlet (MissingGreenlet) after the statement was handed over."""

    def is_(self, kind: str, subject: str | None = None) -> bool:
        return self.kind == kind and (subject is None or self.subject == subject)

    def describe(self) -> str:
        one_line = " ".join(self.sql.split())
        return one_line if len(one_line) <= 160 else one_line[:157] + "..."

    def as_json(self, parameters: Any) -> dict[str, Any]:
        return {
            "sql": self.sql,
            "parameters": parameters,
            "executemany": self.executemany,
            "kind": self.kind,
            "table": self.table,
            "subject": self.subject,
            "columns": list(self.columns),
            "returning": list(self.returning),
            "sent": self.sent,
        }


# What a compiled statement is (kind, table, SET columns, RETURNING columns), by the compiled
# object: SQLAlchemy reuses one compiled object for every execution of a cached statement (the
# seed's INSERT, a flush's UPDATE), and reading its meaning (column_descriptions, the WHERE's
# binds) costs more than the execution's own bookkeeping. Weak: a compiled object dropped from
# SQLAlchemy's cache leaves with its entry. Everything cached is read from the compiled object
# alone, so a cached answer is the one computing it again would give.
_MEANINGS: weakref.WeakKeyDictionary[Any, tuple[str, str | None, tuple[str, ...], tuple[str, ...]]]
_MEANINGS = weakref.WeakKeyDictionary()


def describe(
    sql: str,
    parameters: Any,
    executemany: bool,
    context: Any,
    subject_of_table: Callable[[str], str | None] = lambda _: None,
) -> Statement:
    """The meaning of one statement, from the execution context SQLAlchemy passed with it."""
    compiled = getattr(context, "compiled", None)
    meaning = _MEANINGS.get(compiled) if compiled is not None else None
    if meaning is None:
        clause = getattr(compiled, "statement", None)
        kind = next((name for cls, name in _CLAUSE_KINDS if isinstance(clause, cls)), None)
        if kind is None:  # textual: its kind is read from the SQL sent, not cached
            first = _FIRST_WORD.match(sql)
            kind = first.group(1).upper() if first else ""
            return Statement(sql, parameters, executemany, kind)
        returning = tuple(
            getattr(c, "key", str(c)) for c in getattr(compiled, "effective_returning", None) or ()
        )
        columns = _updated_columns(clause, compiled) if kind == "UPDATE" else ()
        meaning = (kind, _table_of(clause), columns, returning)
        _MEANINGS[compiled] = meaning
    kind, table, columns, returning = meaning
    subject = subject_of_table(table) if table else None
    return Statement(sql, parameters, executemany, kind, table, subject, columns, returning)


def _table_of(clause: Any) -> str | None:
    if isinstance(clause, (Insert, Update, Delete)):
        # An ORM statement of a class mapped to a join (with_polymorphic="*") names the join;
        # what it writes is the class's own table.
        entity = getattr(clause.table, "_annotations", {}).get("parententity")
        if entity is not None and not isinstance(clause.table, Table):
            return entity.local_table.name  # type: ignore[no-any-return]
        return getattr(clause.table, "name", None)
    if isinstance(clause, Select):
        # The first mapped entity is what the SELECT loads, even when a subquery or a join comes
        # first in its FROM (subqueryload, joinedload); a Core SELECT has its FROM list.
        for description in clause.column_descriptions:
            entity = description.get("entity")
            if entity is not None:
                return entity.__mapper__.local_table.name  # type: ignore[no-any-return]
        froms = [f for f in clause.get_final_froms() if isinstance(f, Table)]
        return froms[0].name if froms else None
    return None


def _updated_columns(clause: Any, compiled: Any) -> tuple[str, ...]:
    """The SET list: explicit values (an ORM bulk UPDATE), else the parameter keys the statement
    was compiled for minus the ones its WHERE clause binds (a flush or bulk-by-key UPDATE)."""
    values = getattr(clause, "_values", None)
    if values:
        return tuple(sorted(getattr(column, "key", str(column)) for column in values))
    where = {
        node.key
        for criterion in getattr(clause, "_where_criteria", ())
        for node in visitors.iterate(criterion)
        if isinstance(node, BindParameter)
    }
    return tuple(sorted(k for k in compiled.column_keys or () if k not in where))


class WrittenTables:
    """The tables written since they were last emptied, shared by every recorder on one
    database (a sync and an async backend of one server write the same tables)."""

    def __init__(self) -> None:
        self._tables: set[str] | None = set()

    def add(self, table: str) -> None:
        if self._tables is not None:
            self._tables.add(table)

    def everything(self) -> None:
        """A write that cannot be attributed (DDL, a textual write): assume every table."""
        self._tables = None

    def take(self) -> set[str] | None:
        """What was written (None: possibly everything), and start afresh."""
        taken, self._tables = self._tables, set()
        return taken

    def peek(self) -> set[str] | None:
        return None if self._tables is None else set(self._tables)


@dataclass
class SqlRecorder:
    """Every statement an engine executed, in order. A scenario's run (``orm_spec.run``) knows
    which of them each step caused, by their indexes here."""

    subject_of_table: Callable[[str], str | None] = lambda _: None
    written: WrittenTables = field(default_factory=WrittenTables)
    statements: list[Statement] = field(default_factory=list)
    _last: weakref.ref[Any] | None = field(default=None, repr=False)
    """The execution context of the last statement recorded (weakly: it may reference what
    the statement loaded, which a scenario may prove collectable)."""

    def attach(self, engine: Engine) -> None:
        event.listen(engine, "before_cursor_execute", self._record)
        event.listen(engine, "handle_error", self._failed)

    def detach(self, engine: Engine) -> None:
        event.remove(engine, "before_cursor_execute", self._record)
        event.remove(engine, "handle_error", self._failed)

    def _failed(self, context: Any) -> None:
        """A statement an async driver could not send (no greenlet to await in) never reached
        the database: keep it, marked, for the record, but not as emitted SQL."""
        if not isinstance(context.original_exception, MissingGreenlet) or not self.statements:
            return
        # Only the statement this execution recorded: one that failed before it reached the
        # cursor (no connection could be had) is not the last one recorded, whatever its text.
        failed = context.execution_context
        if failed is not None and self._last is not None and failed is self._last():
            self.statements[-1] = replace(self.statements[-1], sent=False)

    def _record(
        self,
        conn: Any,
        cursor: Any,
        statement: str,
        parameters: Any,
        context: Any,
        executemany: bool,
    ) -> None:
        captured = describe(statement, parameters, executemany, context, self.subject_of_table)
        self.statements.append(captured)
        self._last = weakref.ref(context) if context is not None else None
        if captured.kind in _READ_ONLY:
            return
        if captured.kind in ("INSERT", "UPDATE", "DELETE") and captured.table:
            self.written.add(captured.table)
        else:  # DDL, a textual write: it may have touched anything
            self.written.everything()

    def clear(self) -> None:
        self.statements.clear()
        self._last = None

    def mark(self) -> int:
        return len(self.statements)


_READ_ONLY = frozenset(
    {"SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK TO SAVEPOINT", "PRAGMA", "SET", "SHOW", "BEGIN"}
)


def describe_all(statements: Sequence[Statement]) -> str:
    if not statements:
        return "  (no SQL)"
    return "\n".join(f"  {i}. {s.describe()}" for i, s in enumerate(statements, 1))


def emitted(statement: Statement) -> bool:
    """Whether a recorded statement counts as SQL the database was sent, the one rule every
    reader of emitted SQL applies (the SQL steps, the answers, the report). A BEGIN (which
    SQLAlchemy sends itself where the driver would not, see ``backends/sqlite_transactional.py``)
    is left out, like COMMIT and ROLLBACK, which drivers send as calls rather than statements:
    counts compare across backends. A statement an async driver never sent is left out too."""
    return statement.sent and statement.kind != "BEGIN"


ANY = "statement"
"""The kind that matches every statement: "exactly 2 statements of users were emitted"."""


class Statements(Sequence[Statement]):
    """The SQL a block of steps emitted, in order, with the queries the SQL steps make: small
    exact rules over the meaning each statement was recorded with (after SQLAlchemy's
    ``testing/assertsql.py``), never over parsed text. Each statement keeps its index in the
    recorder, so a subset (one engine's) can still be told apart."""

    def __init__(self, statements: Sequence[Statement], positions: Sequence[int]) -> None:
        self._statements = list(statements)
        self._positions = list(positions)

    @classmethod
    def emitted_from(cls, recorded: Sequence[Statement], start: int, stop: int) -> Statements:
        """The statements ``recorded[start:stop]`` that were ``emitted``."""
        kept = [i for i in range(start, min(stop, len(recorded))) if emitted(recorded[i])]
        return cls([recorded[i] for i in kept], kept)

    @classmethod
    def from_json(cls, recorded: Sequence[dict[str, Any]]) -> Statements:
        """A step's statements as a results file holds them (``Statement.as_json``)."""
        statements = [
            Statement(
                q["sql"],
                q.get("parameters"),
                q.get("executemany", False),
                q.get("kind", ""),
                q.get("table"),
                q.get("subject"),
                tuple(q.get("columns", ())),
                tuple(q.get("returning", ())),
                q.get("sent", True),
            )
            for q in recorded
        ]
        return cls.emitted_from(statements, 0, len(statements))

    def __getitem__(self, index: Any) -> Any:
        return self._statements[index]

    def __len__(self) -> int:
        return len(self._statements)

    def __repr__(self) -> str:
        return f"Statements({self._statements!r})"

    def describe(self) -> str:
        return describe_all(self._statements)

    def of(self, kind: str, subject: str | None = None) -> list[Statement]:
        """The statements of a kind (``ANY``: every one), of the subject if one is named."""
        if kind == ANY:
            return [s for s in self._statements if subject is None or s.subject == subject]
        return [s for s in self._statements if s.is_(kind, subject)]

    def only(self, kind: str, subject: str | None = None) -> Statement:
        """The one statement of a kind and subject; any other count fails listing all SQL."""
        found = self.of(kind, subject)
        if len(found) != 1:
            of = f" of {subject}" if subject else ""
            raise AssertionError(
                f"expected one {kind}{of}, got {len(found)}; all SQL:\n{self.describe()}"
            )
        return found[0]

    def sequence(self) -> list[tuple[str, str]]:
        """What each statement read or wrote, in order: (kind, subject or else table)."""
        return [(s.kind, s.subject or s.table or "") for s in self._statements]

    def rows(self) -> Statements:
        """Only the statements that read or write rows (no SAVEPOINT, PRAGMA, SET, ...)."""
        kept = [i for i, s in enumerate(self._statements) if s.kind in ROW_KINDS]
        return Statements([self._statements[i] for i in kept], [self._positions[i] for i in kept])

    def executed_at(self, positions: set[int]) -> Statements:
        """Those recorded at the given indexes (the statements one engine executed)."""
        kept = [i for i, p in enumerate(self._positions) if p in positions]
        return Statements([self._statements[i] for i in kept], [self._positions[i] for i in kept])
