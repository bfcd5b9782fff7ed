"""SQLite through pysqlite with real transactions, as SQLAlchemy's SQLite documentation
recommends ("Transactions with SQLite and the sqlite3 driver").

pysqlite's default ("legacy") transaction handling sends BEGIN only before INSERT, UPDATE,
DELETE and REPLACE, so a SELECT, a SAVEPOINT or DDL before them runs outside any transaction.
Here pysqlite's own handling is switched off and SQLAlchemy emits BEGIN whenever a transaction
starts (on Python 3.12+ the driver's ``autocommit=False`` does the same), so reads hold a
transaction and DDL is transactional. Teams that follow the recipe get these answers, not the
``sqlite`` backend's.
"""

from __future__ import annotations

import sys
from typing import Any

from sqlalchemy import Engine, event

from orm_spec.backends.sqlite import SQLite, SQLiteFacts


class SQLiteTransactionalFacts(SQLiteFacts):
    transaction_begins_with_any_statement = True
    # A transaction that has read holds a SHARED lock: another connection's commit needs an
    # EXCLUSIVE one and fails with "database is locked" once the busy timeout runs out.
    readers_block_writers = True
    # The recipe's BEGIN is emitted on SQLAlchemy's begin event, which AUTOCOMMIT fires too:
    # the flushed change waits in that transaction and rollback() undoes it (SQLAlchemy's
    # SQLite documentation calls AUTOCOMMIT "incompatible" with the recipe). With Python
    # 3.12's autocommit=False the driver ignores the isolation_level SQLAlchemy sets for it.
    autocommit_commits_each_statement = False


BUSY_TIMEOUT = 0.1
"""Seconds a connection waits for another's lock before "database is locked" (pysqlite's
default is 5): the spec states that it fails, not how long it waits."""


class SQLiteTransactional(SQLite):
    name = "sqlite_transactional"
    title = "SQLite (real transactions)"
    facts = SQLiteTransactionalFacts

    @property
    def how(self) -> str:
        mode = "autocommit=False" if _driver_has_autocommit() else "SQLAlchemy's BEGIN recipe"
        return f"file database in a per-run temporary directory, real transactions ({mode})"

    def engine_options(self) -> dict[str, Any]:
        connect_args: dict[str, Any] = {"timeout": BUSY_TIMEOUT}
        if _driver_has_autocommit():
            connect_args["autocommit"] = False
        return {"connect_args": connect_args}

    def prepare_engine(self, engine: Engine) -> None:
        if _driver_has_autocommit():
            return

        @event.listens_for(engine, "connect")
        def no_driver_transactions(dbapi_connection: Any, record: Any) -> None:
            # pysqlite then neither emits BEGIN itself nor COMMITs before DDL.
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN")


def _driver_has_autocommit() -> bool:
    return sys.version_info >= (3, 12)
