"""SQLite through aiosqlite, driven with AsyncSession.

aiosqlite runs the standard library's sqlite3 in a thread of its own, so its transaction handling
is pysqlite's default: the ``sqlite`` backend's facts hold here, but for what is async's own.
"""

from __future__ import annotations

from orm_spec.backends.sqlite import SQLite, SQLiteFacts


class SQLiteAsyncFacts(SQLiteFacts):
    @property
    def implicit_io_error(self) -> str:
        # The driver fails opening its cursor; SQLAlchemy 2.1 wraps that in a StatementError,
        # 2.0 let the MissingGreenlet through.
        if self.sqlalchemy_version >= (2, 1):
            return "StatementError wrapping MissingGreenlet"
        return "MissingGreenlet"

    @property
    def pool_keeps_returned_connections(self) -> bool:
        # SQLAlchemy's changelog for 2.0.38 calls aiosqlite's NullPool default a bug: a file
        # database gets a queue pool since, as the sync dialect has.
        return self.sqlalchemy_version >= (2, 0, 38)


class SQLiteAsync(SQLite):
    name = "sqlite_async"
    title = "SQLite (async)"
    facts = SQLiteAsyncFacts
    dialect = "sqlite+aiosqlite"
    api = "async"
    driver_module = "aiosqlite"
