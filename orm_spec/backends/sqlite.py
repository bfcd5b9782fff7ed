"""SQLite through pysqlite (the standard library's sqlite3), with the driver's defaults.

A file database in a per-run temporary directory: the same file serves every session of a run,
so a second session really is a second connection.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from typing import Any

from sqlalchemy.engine import URL, Dialect

from orm_spec.backends.base import Backend, ProvidedDatabase
from orm_spec.backends.facts import Facts


class SQLiteFacts(Facts):
    # Off by default, per connection, and only switchable outside a transaction.
    foreign_keys_enforced = False
    # Column types are affinities: a declared length is not checked.
    string_length_enforced = False
    # The default BINARY collation compares bytes.
    unique_is_case_insensitive = False
    # LIKE folds case, for ASCII letters only.
    like_is_case_insensitive = True
    like_folds_non_ascii_case = False
    # No CHECK constraint unless Enum(create_constraint=True).
    enum_storage = "VARCHAR"
    # An INTEGER PRIMARY KEY without AUTOINCREMENT takes max(rowid) + 1.
    deleted_max_key_reused = True
    update_returning = True
    delete_returning = True
    failed_insert_consumes_key = False
    # max(rowid) + 1 again: the explicit key is the highest one.
    explicit_key_advances_generated_keys = True
    # One INSERT ... RETURNING per row: SQLite does not promise RETURNING rows come back in the
    # order of the VALUES, so SQLAlchemy's dialect does not batch them for the ORM.
    many_rows_in_one_insert = False
    # pysqlite's default ("legacy") transaction handling sends BEGIN only before INSERT, UPDATE,
    # DELETE and REPLACE: a SELECT, a SAVEPOINT or DDL before them runs outside a transaction.
    transaction_begins_with_any_statement = False
    # SQLite itself rolls DDL back; with pysqlite's default only DDL that follows a write in the
    # same transaction is inside one.
    ddl_is_transactional = True
    default_isolation_level = "SERIALIZABLE"
    # PRAGMA read_uncommitted is all SQLite has, and pysqlite's own autocommit.
    isolation_levels = "AUTOCOMMIT, READ UNCOMMITTED, SERIALIZABLE"
    autocommit_commits_each_statement = True
    # Reported SERIALIZABLE, yet pysqlite opens no transaction for a SELECT: each SELECT reads
    # the latest commit.
    transaction_reads_a_snapshot = False
    readers_block_writers = False
    # A write takes the database's RESERVED lock until the transaction ends: one writer at a
    # time, the next one fails once its busy timeout runs out.
    writer_locks_database = True
    error_aborts_transaction = False
    missing_table_error = "OperationalError"
    has_row_locks = False
    shared_lock_clause = None
    for_update_of_tables = False
    key_share_lock = False
    nowait_refusal = None
    skip_locked_supported = False
    native_boolean = False
    datetime_stored_as_text = True
    datetime_keeps_microseconds = True
    aware_datetime_in_naive_column = "offset dropped"
    # DateTime(timezone=True) is the same text without an offset.
    aware_datetime_round_trips = False
    aware_datetime_tzinfo = None
    # NUMERIC affinity stores the value as a REAL: a float's 15 to 17 significant digits.
    numeric_keeps_precision = False
    # Uuid is CHAR(32); JSON is text.
    native_uuid = False
    uuid_driver_type = None
    json_decoded_by_driver = False
    value_too_long_error = None
    aborted_transaction_error = None
    enum_violation_error = None
    lock_not_available_error = None
    # pysqlite and aiosqlite read a statement's rows step by step and let the connection run
    # other statements meanwhile.
    commands_out_of_sync_error = None

    @property
    def insert_returning(self) -> bool:
        return self.server_version >= (3, 35)


class SQLite(Backend):
    name = "sqlite"
    database = "sqlite"
    title = "SQLite"
    facts = SQLiteFacts
    dialect = "sqlite+pysqlite"
    enable_foreign_keys = ("PRAGMA foreign_keys = ON",)
    # Plain INTEGER PRIMARY KEY columns take max(rowid)+1, so emptying a table restarts its keys;
    # sqlite_sequence only exists for AUTOINCREMENT tables, which the spec has none of.
    reset_statements = ("DELETE FROM {table}",)

    @property
    def server_release(self) -> str:
        return sqlite3.sqlite_version

    def provide(self) -> ProvidedDatabase:
        # A file database with the driver's defaults, as users run it; on a memory file system
        # where there is one, so that each COMMIT's fsync costs nothing.
        memory = "/dev/shm"
        fast = os.path.isdir(memory) and os.access(memory, os.W_OK)
        directory = tempfile.mkdtemp(prefix=f"orm-spec-{self.name}-", dir=memory if fast else None)
        return ProvidedDatabase(
            url=URL.create("sqlite", database=os.path.join(directory, "orm_spec.db")),
            how=f"file database in {directory}",
            release=lambda: shutil.rmtree(directory, ignore_errors=True),
        )

    def upsert(self, entity: Any, rows: Any, key: list[str], update: list[str]) -> Any:
        from sqlalchemy.dialects.sqlite import insert

        statement = insert(entity).values(rows)
        return statement.on_conflict_do_update(
            index_elements=key, set_={c: statement.excluded[c] for c in update}
        )

    def driver_version(self, dialect: Dialect) -> str:
        return f"(SQLite library {dialect.dbapi.sqlite_version})"  # type: ignore[union-attr]
