"""The facts of a backend: each way a database (or its driver) answers the same ORM code
differently, as a named predicate whose docstring is the question it answers, in the manner of
Django's ``DatabaseFeatures``.

Every backend module answers each one (a ``Facts`` subclass). Examples tables state a
divergence per fact value (a column named after the fact: ``examples``), and scenarios that prove
a fact carry it as a tag (``@fact:foreign_keys_enforced``); the report groups divergences by it.
Facts that depend on the server's version or the SQLAlchemy release are computed from the
version the run connected to and the release installed. Apart from how a database is provided
(``base``) and started (``orm_spec.containers``): a fact is what the database answers, not how
it is reached.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy


def installed_sqlalchemy() -> tuple[int, ...]:
    """The installed SQLAlchemy's version as numbers: (2, 1, 9)."""
    return tuple(int(p) for p in re.findall(r"\d+", sqlalchemy.__version__)[:3])


class Facts:
    """The facts of one backend at one server version. Subclasses answer every question."""

    def __init__(
        self, server_version: tuple[int, ...], sqlalchemy_version: tuple[int, ...] | None = None
    ) -> None:
        self.server_version = server_version
        self.sqlalchemy_version = sqlalchemy_version or installed_sqlalchemy()

    @classmethod
    def names(cls) -> list[str]:
        """Every fact a backend answers, in the order they are declared here."""
        return [name for name, value in vars(Facts).items() if isinstance(value, property)]

    @classmethod
    def question(cls, name: str) -> str:
        prop = vars(Facts).get(name)
        if not isinstance(prop, property):
            raise KeyError(name)
        return " ".join((prop.__doc__ or "").split())

    def answers(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.names()}

    # -- constraints ---------------------------------------------------------------------------
    @property
    def foreign_keys_enforced(self) -> bool:
        """Does a new connection reject a row whose foreign key matches no row?"""
        raise NotImplementedError

    @property
    def string_length_enforced(self) -> bool:
        """Is a value longer than its String(n) column refused rather than stored?"""
        raise NotImplementedError

    @property
    def unique_is_case_insensitive(self) -> bool:
        """Does a unique String column refuse a value that differs from another only in case?"""
        raise NotImplementedError

    @property
    def like_is_case_insensitive(self) -> bool:
        """Does LIKE 'ali%' match 'Alice'?"""
        raise NotImplementedError

    @property
    def like_folds_non_ascii_case(self) -> bool:
        """Does LIKE 'émile%' match 'Émile': does LIKE ignore the case of letters beyond ASCII?"""
        raise NotImplementedError

    @property
    def enum_storage(self) -> str:
        """What is an Enum column in the database: a native ENUM type (CREATE TYPE), an inline
        ENUM('draft', 'published') column type, both refusing other values, or a VARCHAR
        without a CHECK constraint, storing any string?"""
        raise NotImplementedError

    # -- generated keys ------------------------------------------------------------------------
    @property
    def deleted_max_key_reused(self) -> bool:
        """After the row with the highest generated key is deleted and committed, does the next
        INSERT get that key again?"""
        raise NotImplementedError

    @property
    def failed_insert_consumes_key(self) -> bool:
        """Does an INSERT that fails use up a generated key?"""
        raise NotImplementedError

    @property
    def explicit_key_advances_generated_keys(self) -> bool:
        """After a row is inserted with an explicit primary key above the generated ones, does
        the next generated key go past it (rather than collide with it, as a sequence that only
        nextval() advances does)?"""
        raise NotImplementedError

    @property
    def insert_returning(self) -> bool:
        """Can an INSERT hand back server-generated values with RETURNING?"""
        raise NotImplementedError

    @property
    def update_returning(self) -> bool:
        """Can an UPDATE hand back the rows it changed with RETURNING?"""
        raise NotImplementedError

    @property
    def delete_returning(self) -> bool:
        """Can a DELETE hand back the rows it removed with RETURNING?"""
        raise NotImplementedError

    @property
    def many_rows_in_one_insert(self) -> bool:
        """Does one flush write several new objects of a class with one multi-row INSERT
        (insertmanyvalues with RETURNING) rather than one INSERT per row?"""
        raise NotImplementedError

    # -- transactions --------------------------------------------------------------------------
    @property
    def transaction_begins_with_any_statement(self) -> bool:
        """Does the driver begin the transaction before any statement, a SELECT, a SAVEPOINT or
        DDL included, rather than only before an INSERT, UPDATE or DELETE?"""
        raise NotImplementedError

    @property
    def ddl_is_transactional(self) -> bool:
        """Is a CREATE TABLE undone by rolling back the session's transaction it ran in?"""
        raise NotImplementedError

    @property
    def default_isolation_level(self) -> str:
        """Which isolation level does a new connection report?"""
        raise NotImplementedError

    @property
    def isolation_levels(self) -> str:
        """Which isolation_level values does the dialect accept (the others raise
        ArgumentError), comma-separated in alphabetical order?"""
        raise NotImplementedError

    @property
    def autocommit_commits_each_statement(self) -> bool:
        """On a connection set to isolation_level AUTOCOMMIT, is a flushed change committed at
        once, so that rollback() does not undo it?"""
        raise NotImplementedError

    @property
    def transaction_reads_a_snapshot(self) -> bool:
        """Does a transaction keep reading the rows as of its first read, so that another
        session's later commit (an update, a delete) stays invisible to it?"""
        raise NotImplementedError

    @property
    def readers_block_writers(self) -> bool:
        """While one session's transaction has read a table, does another session's commit of a
        change to it fail (SQLite: "database is locked") instead of going through?"""
        raise NotImplementedError

    @property
    def writer_locks_database(self) -> bool:
        """While one session's transaction has written a row (a flushed UPDATE, not yet
        committed), does another session's write of another row fail ("database is locked")
        rather than go through (a row lock holds only the row written)?"""
        raise NotImplementedError

    @property
    def error_aborts_transaction(self) -> bool:
        """After a failed statement, does the database refuse every further statement of the
        transaction until it is rolled back?"""
        raise NotImplementedError

    @property
    def missing_table_error(self) -> str:
        """Which SQLAlchemy exception class reports a statement on a table that does not exist?"""
        raise NotImplementedError

    @property
    def has_row_locks(self) -> bool:
        """Does with_for_update() render a FOR UPDATE clause?"""
        raise NotImplementedError

    @property
    def shared_lock_clause(self) -> str | None:
        """Which clause does with_for_update(read=True) render for a shared row lock (None: no
        row locks)?"""
        raise NotImplementedError

    @property
    def for_update_of_tables(self) -> bool:
        """Does with_for_update(of=User) lock the rows of the named table only (FOR UPDATE OF
        users), rather than render a plain FOR UPDATE?"""
        raise NotImplementedError

    @property
    def key_share_lock(self) -> bool:
        """Does with_for_update(key_share=True) take the weaker FOR NO KEY UPDATE lock, rather
        than render a plain FOR UPDATE?"""
        raise NotImplementedError

    @property
    def nowait_refusal(self) -> str | None:
        """Which server error refuses FOR UPDATE NOWAIT on a row another transaction holds
        locked: PostgreSQL's lock_not_available (55P03), or MariaDB's lock wait timeout (1205),
        raised at once (None: no row locks)?"""
        raise NotImplementedError

    @property
    def skip_locked_supported(self) -> bool:
        """Does the server run FOR UPDATE SKIP LOCKED, returning the rows no other transaction
        holds locked (False: no row locks, or a syntax error before MariaDB 10.6)?"""
        raise NotImplementedError

    # -- types ---------------------------------------------------------------------------------
    @property
    def native_boolean(self) -> bool:
        """Is a Boolean column a boolean type, rather than an integer holding 1 and 0?"""
        raise NotImplementedError

    @property
    def datetime_stored_as_text(self) -> bool:
        """Is a DateTime value stored as text that only SQLAlchemy turns back into a datetime?"""
        raise NotImplementedError

    @property
    def datetime_keeps_microseconds(self) -> bool:
        """Does a plain DateTime column keep the microseconds of a value?"""
        raise NotImplementedError

    @property
    def aware_datetime_in_naive_column(self) -> str:
        """What becomes of an aware datetime saved to a naive DateTime column: its offset
        dropped, converted to the server's time zone first, or refused by the driver?"""
        raise NotImplementedError

    @property
    def aware_datetime_round_trips(self) -> bool:
        """Does a DateTime(timezone=True) column give an aware datetime back, the same instant
        as the one saved (rather than a naive datetime with the offset dropped)?"""
        raise NotImplementedError

    @property
    def aware_datetime_tzinfo(self) -> str | None:
        """Which tzinfo class does the driver give a datetime read from a timestamp with time
        zone: zoneinfo.ZoneInfo of the session's TimeZone, or datetime.timezone (None: the
        column keeps no time zone)?"""
        raise NotImplementedError

    @property
    def numeric_keeps_precision(self) -> bool:
        """Does a Numeric(30, 10) column give back all 30 digits of a Decimal, rather than the
        15 to 17 significant digits of a float?"""
        raise NotImplementedError

    @property
    def native_uuid(self) -> bool:
        """Is a Uuid column a UUID type of the database (PostgreSQL's uuid; MariaDB's UUID from
        10.7, used by SQLAlchemy 2.1), rather than CHAR(32) holding 32 hex digits?"""
        raise NotImplementedError

    @property
    def uuid_driver_type(self) -> str | None:
        """Which class does the driver hand back for a value of the database's UUID type, read
        with a textual SELECT (None: no UUID type in use)?"""
        raise NotImplementedError

    @property
    def json_decoded_by_driver(self) -> bool:
        """Does a textual SELECT of a JSON column give the decoded value (a dict), rather than
        the JSON text that only SQLAlchemy's JSON type decodes?"""
        raise NotImplementedError

    # -- errors --------------------------------------------------------------------------------
    @property
    def constraint_violation_error(self) -> str:
        """Which exception class reports a violated NOT NULL or foreign key constraint (a
        duplicate key is an IntegrityError everywhere)?"""
        return "IntegrityError"

    @property
    def stale_row_write_error(self) -> str | None:
        """When a transaction updates or deletes a row that another transaction changed and
        committed after this one read it, which exception class does the database itself
        raise (None: the statement runs, matches no row of the old version, and the ORM's
        version check raises StaleDataError)?"""
        return None

    @property
    def value_too_long_error(self) -> str | None:
        """Which exception class reports a value too long for its String(n) column (None: the
        value is stored)?"""
        raise NotImplementedError

    @property
    def aborted_transaction_error(self) -> str | None:
        """Which exception class refuses a statement in a transaction aborted by an earlier
        error (None: the database does not abort the transaction)?"""
        raise NotImplementedError

    # -- SQL each dialect writes, and what each driver hands back -------------------------------
    @property
    def string_concatenation(self) -> str:
        """How does ``a + b`` between strings render: the ``||`` operator or ``concat()``?"""
        return "||"

    @property
    def inner_join_keyword(self) -> str:
        """Which keyword does an inner join render with: ``JOIN`` or ``INNER JOIN``?"""
        return "JOIN"

    @property
    def single_row_insert_key_from(self) -> str:
        """Where does a one-row INSERT outside a flush get its generated key: RETURNING, or the
        cursor's lastrowid?"""
        return "lastrowid"

    @property
    def bulk_insert_as_one_multirow_insert(self) -> bool:
        """Does an ORM bulk INSERT of several rows go out as one INSERT with a multi-row VALUES
        clause, executed once, rather than an executemany() of a one-row INSERT?"""
        return False

    @property
    def upsert_conflict_target(self) -> str:
        """Which conflicts does an upsert handle: on the unique key its ON CONFLICT clause
        names, or on every unique key of the table (ON DUPLICATE KEY UPDATE)?"""
        return "the key it names"

    @property
    def upsert_counts_an_update_twice(self) -> bool:
        """Does an upsert's rowcount count a row it updated twice (an inserted row once)?"""
        return False

    @property
    def rowcount_of_insert_kept(self) -> bool:
        """Without preserve_rowcount, is an INSERT's rowcount (an upsert's) still known once
        SQLAlchemy has closed its cursor, rather than -1?"""
        return True

    @property
    def yield_per_survives_another_query(self) -> str:
        """While a yield_per result streams, what becomes of it when the connection runs
        another query (selectinload's, once per partition): it goes on, the driver drops its
        rest with a warning, or the driver refuses the other query?"""
        return "it goes on"

    @property
    def commands_out_of_sync_error(self) -> str | None:
        """Which exception class does the driver raise when the connection runs another query
        while a streamed (yield_per) result is not read to the end: libmariadb's "Commands out
        of sync" (None: the driver runs the other query)?"""
        raise NotImplementedError

    @property
    def enum_violation_error(self) -> str | None:
        """Which exception class reports a value outside an Enum column's values (None: the
        value is stored)?"""
        raise NotImplementedError

    @property
    def lock_not_available_error(self) -> str | None:
        """Which exception class reports, to a SELECT ... FOR UPDATE NOWAIT, a row another
        transaction holds locked (None: no row locks, the read goes through)?"""
        raise NotImplementedError

    # -- AsyncSession --------------------------------------------------------------------------
    @property
    def pool_keeps_returned_connections(self) -> bool:
        """Does the engine's pool keep a connection given back (a closed session's) open for
        the next checkout, rather than close it (the NullPool SQLAlchemy before 2.0.38 gave an
        AsyncEngine on a SQLite file)?"""
        return True

    @property
    def implicit_io_error(self) -> str | None:
        """Under AsyncSession, what does an implicit load (a lazy load, an expired attribute)
        raise: a StatementError wrapping MissingGreenlet, or a bare MissingGreenlet (None: not
        an AsyncSession backend, the load happens)?"""
        return None
