"""PostgreSQL through psycopg2, the driver most PostgreSQL code still runs on, on the
``postgresql`` backend's server: what changes when a project moves to psycopg 3, or back."""

from __future__ import annotations

from orm_spec.backends.postgresql import PostgreSQL, PostgreSQLFacts


class PostgreSQLPsycopg2Facts(PostgreSQLFacts):
    """Every fact as with psycopg 3 but these: how a bulk INSERT is sent, an INSERT's rowcount,
    the tzinfo of an aware datetime read back."""

    # SQLAlchemy's psycopg2 dialect (executemany_mode "values_plus_batch") writes a bulk
    # INSERT's rows into one multi-row VALUES clause itself.
    bulk_insert_as_one_multirow_insert = True
    rowcount_of_insert_kept = True
    aware_datetime_tzinfo = "datetime.timezone"


class PostgreSQLPsycopg2(PostgreSQL):
    name = "postgresql_psycopg2"
    title = "PostgreSQL (psycopg2)"
    facts = PostgreSQLPsycopg2Facts
    dialect = "postgresql+psycopg2"
    driver_module = "psycopg2"
    driver_package = "psycopg2-binary"
    default = False
