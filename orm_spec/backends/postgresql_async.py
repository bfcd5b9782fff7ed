"""PostgreSQL through asyncpg, driven with AsyncSession, on the ``postgresql`` backend's
database (the same container, or ``ORM_SPEC_POSTGRES_URL`` with the driver swapped)."""

from __future__ import annotations

from orm_spec.backends.postgresql import PostgreSQL, PostgreSQLFacts


class PostgreSQLAsyncFacts(PostgreSQLFacts):
    # asyncpg opens its cursor without IO; the MissingGreenlet comes from executing, unwrapped.
    implicit_io_error = "MissingGreenlet"
    # SQLAlchemy's asyncpg adapter maps integrity errors to IntegrityError, but hands these on
    # as the generic DBAPIError.
    value_too_long_error = "DBAPIError"
    aborted_transaction_error = "DBAPIError"
    # asyncpg encodes a naive TIMESTAMP itself and refuses an aware datetime for it.
    aware_datetime_in_naive_column = "refused by the driver"
    rowcount_of_insert_kept = True
    aware_datetime_tzinfo = "datetime.timezone"
    # asyncpg's own UUID class, a subclass of uuid.UUID: the ORM's Uuid hands it on unconverted.
    uuid_driver_type = "asyncpg.pgproto.pgproto.UUID"
    # SQLAlchemy's asyncpg dialect maps no READ UNCOMMITTED to asyncpg's isolation names.
    isolation_levels = "AUTOCOMMIT, READ COMMITTED, REPEATABLE READ, SERIALIZABLE"
    enum_violation_error = "DBAPIError"
    lock_not_available_error = "DBAPIError"


class PostgreSQLAsync(PostgreSQL):
    name = "postgresql_async"
    title = "PostgreSQL (async)"
    facts = PostgreSQLAsyncFacts
    dialect = "postgresql+asyncpg"
    api = "async"
    driver_module = "asyncpg"
