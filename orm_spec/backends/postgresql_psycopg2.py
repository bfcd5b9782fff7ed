"""PostgreSQL through psycopg2, the driver most PostgreSQL code still runs on, on the
``postgresql`` backend's server: what changes when a project moves to psycopg 3, or back."""

from __future__ import annotations

from orm_spec.backends.postgresql import PostgreSQL, PostgreSQLFacts


class PostgreSQLPsycopg2Facts(PostgreSQLFacts):
    """Every fact as with psycopg 3 but the tzinfo of an aware datetime read back."""

    aware_datetime_tzinfo = "datetime.timezone"


class PostgreSQLPsycopg2(PostgreSQL):
    name = "postgresql_psycopg2"
    title = "PostgreSQL (psycopg2)"
    facts = PostgreSQLPsycopg2Facts
    dialect = "postgresql+psycopg2"
    driver_module = "psycopg2"
    driver_package = "psycopg2-binary"
    default = False
