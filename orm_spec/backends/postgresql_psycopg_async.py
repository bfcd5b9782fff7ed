"""PostgreSQL through psycopg 3's asyncio mode, driven with AsyncSession, on the
``postgresql`` backend's database: the same driver as ``postgresql``, awaited."""

from __future__ import annotations

from orm_spec.backends.postgresql import PostgreSQL, PostgreSQLFacts


class PostgreSQLPsycopgAsyncFacts(PostgreSQLFacts):
    @property
    def implicit_io_error(self) -> str:
        # psycopg fails opening its async cursor, which SQLAlchemy 2.1 wraps and 2.0 did not.
        if self.sqlalchemy_version >= (2, 1):
            return "StatementError wrapping MissingGreenlet"
        return "MissingGreenlet"


class PostgreSQLPsycopgAsync(PostgreSQL):
    name = "postgresql_psycopg_async"
    title = "PostgreSQL (async, psycopg)"
    facts = PostgreSQLPsycopgAsyncFacts
    dialect = "postgresql+psycopg_async"
    api = "async"
    driver_module = "psycopg"
    default = False
