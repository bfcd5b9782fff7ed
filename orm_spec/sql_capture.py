"""Records the SQL an engine sends to the database, so scenarios can prove what was emitted.

The recorder listens to ``before_cursor_execute``: every statement that reaches a DBAPI cursor,
including the ones the ORM emits during flush, lazy loads and refreshes. COMMIT and ROLLBACK are
DBAPI connection calls, not cursor statements, so they never appear; SAVEPOINT statements do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

_LEADING_COMMENTS = re.compile(r"^(\s|--[^\n]*\n|/\*.*?\*/)*", re.S)
_IDENT = r'[`"\[]?(?:\w+[`"\]]?\.)?[`"\[]?(\w+)[`"\]]?'
_TABLE_PATTERNS: dict[str, re.Pattern[str]] = {
    "INSERT": re.compile(rf"^INSERT\s+(?:IGNORE\s+)?INTO\s+{_IDENT}", re.I),
    "UPDATE": re.compile(rf"^UPDATE\s+{_IDENT}", re.I),
    "DELETE": re.compile(rf"^DELETE\s+FROM\s+{_IDENT}", re.I),
    "SELECT": re.compile(rf"\bFROM\s+{_IDENT}", re.I),
}
# The table of the first selected column ("SELECT posts.id, ..."): what the SELECT loads, even
# when its FROM starts with a subquery or a join (subqueryload, joinedload).
_FIRST_COLUMN = re.compile(r"^SELECT\s+(?:DISTINCT\s+)?[`\"]?(\w+)[`\"]?\.", re.I)


_WRITES = frozenset({"INSERT", "UPDATE", "DELETE"})
_READ_ONLY = frozenset(
    {"SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK TO SAVEPOINT", "PRAGMA", "SET", "SHOW", "BEGIN"}
)


@dataclass(frozen=True)
class CapturedStatement:
    """One statement as the driver received it."""

    sql: str
    parameters: Any
    executemany: bool = False

    @property
    def kind(self) -> str:
        """The statement's verb: SELECT, INSERT, UPDATE, DELETE, SAVEPOINT, RELEASE, ..."""
        body = _LEADING_COMMENTS.sub("", self.sql)
        words = body.split(None, 2)
        if not words:
            return ""
        verb = words[0].upper()
        if verb == "WITH":  # a CTE: the verb that matters is the one the CTE feeds
            match = re.search(r"\)\s*(SELECT|INSERT|UPDATE|DELETE)\b", body, re.I)
            return match.group(1).upper() if match else verb
        if verb == "ROLLBACK" and len(words) > 1 and words[1].upper() == "TO":
            return "ROLLBACK TO SAVEPOINT"
        return verb

    @property
    def table(self) -> str | None:
        """The table the statement writes to, or for a SELECT the first table it reads from."""
        pattern = _TABLE_PATTERNS.get(self.kind)
        if pattern is None:
            return None
        body = _LEADING_COMMENTS.sub("", self.sql)
        if self.kind == "SELECT":
            column = _FIRST_COLUMN.match(body)
            # anon_1, users_1: an alias of a subquery or table, not a table name
            if column and not re.fullmatch(r"\w+_\d+", column.group(1)):
                return column.group(1).lower()
        match = pattern.search(body)
        return match.group(1).lower() if match else None

    def is_(self, kind: str, table: str | None = None) -> bool:
        return self.kind == kind.upper() and (table is None or self.table == table.lower())

    def describe(self) -> str:
        one_line = " ".join(self.sql.split())
        return one_line if len(one_line) <= 160 else one_line[:157] + "..."


@dataclass
class SqlRecorder:
    """Every statement an engine executed, in order, with windows steps can assert on.

    A window is a ``slice`` of ``statements``: the plugin opens one when a block of When steps
    begins and closes it when the Then steps begin, so a Then step that itself reads an
    attribute (and so emits SQL) never changes what the When steps are judged by.
    """

    statements: list[CapturedStatement] = field(default_factory=list)
    window_start: int = 0
    window_end: int | None = 0
    written_tables: set[str] | None = None
    """Tables written since the owner last emptied them; None means "assume all of them"."""

    def attach(self, engine: Engine) -> None:
        event.listen(engine, "before_cursor_execute", self._record)

    def detach(self, engine: Engine) -> None:
        event.remove(engine, "before_cursor_execute", self._record)

    def _record(
        self,
        conn: Any,
        cursor: Any,
        statement: str,
        parameters: Any,
        context: Any,
        executemany: bool,
    ) -> None:
        captured = CapturedStatement(statement, parameters, executemany)
        self.statements.append(captured)
        if self.written_tables is not None and captured.kind not in _READ_ONLY:
            table = captured.table if captured.kind in _WRITES else None
            if table is None:  # DDL, a statement we cannot attribute: empty everything
                self.written_tables = None
            else:
                self.written_tables.add(table)

    def clear(self) -> None:
        self.statements.clear()
        self.window_start = 0
        self.window_end = 0

    def open_window(self) -> None:
        self.window_start = len(self.statements)
        self.window_end = None

    def close_window(self) -> None:
        if self.window_end is None:
            self.window_end = len(self.statements)

    def window(self) -> Sequence[CapturedStatement]:
        """The statements of the last block of When steps."""
        return self.statements[self.window_start : self.window_end]

    def since(self, mark: int) -> Sequence[CapturedStatement]:
        return self.statements[mark:]

    def mark(self) -> int:
        return len(self.statements)


def data_statements(statements: Sequence[CapturedStatement]) -> Iterator[CapturedStatement]:
    """The statements that read or write rows (no SAVEPOINT, PRAGMA, SET, ...)."""
    return (s for s in statements if s.kind in {"SELECT", "INSERT", "UPDATE", "DELETE"})


def describe_all(statements: Sequence[CapturedStatement]) -> str:
    if not statements:
        return "  (no SQL)"
    return "\n".join(f"  {i}. {s.describe()}" for i, s in enumerate(statements, 1))
