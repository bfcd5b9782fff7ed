"""PostgreSQL through pg8000, the pure-Python driver, on the ``postgresql`` backend's server."""

from __future__ import annotations

from orm_spec.backends.postgresql import PostgreSQL, PostgreSQLFacts


class PostgreSQLPg8000Facts(PostgreSQLFacts):
    # pg8000 raises its ProgrammingError for every server error but a unique violation, and
    # SQLAlchemy wraps the DBAPI class it gets: NOT NULL, foreign keys, too-long values and
    # the aborted transaction all come back as ProgrammingError, not as psycopg's classes.
    constraint_violation_error = "ProgrammingError"
    value_too_long_error = "ProgrammingError"
    aborted_transaction_error = "ProgrammingError"
    rowcount_of_insert_kept = True
    enum_violation_error = "ProgrammingError"
    lock_not_available_error = "ProgrammingError"
    aware_datetime_tzinfo = "datetime.timezone"


class PostgreSQLPg8000(PostgreSQL):
    name = "postgresql_pg8000"
    title = "PostgreSQL (pg8000)"
    facts = PostgreSQLPg8000Facts
    dialect = "postgresql+pg8000"
    driver_module = "pg8000"
    default = False
