"""PostgreSQL through psycopg 3: ``ORM_SPEC_POSTGRES_URL``, else a testcontainers container.

Versions 13, 15 (the default) and 17: ``postgresql@13`` runs on a server of its own
(``ORM_SPEC_POSTGRES_13_URL``, else the image ``ORM_SPEC_POSTGRES_13_IMAGE``, ``postgres:13`` or
``orm-spec/postgres:13`` from ``.ci/build-image postgres 13``).
"""

from __future__ import annotations

from typing import Any

from orm_spec.backends.base import Facts, ServerBackend


class PostgreSQLFacts(Facts):
    foreign_keys_enforced = True
    string_length_enforced = True
    # Deterministic collations compare case-sensitively.
    unique_is_case_insensitive = False
    # LIKE is case-sensitive; ILIKE is the case-insensitive one.
    like_is_case_insensitive = False
    # A sequence never goes back, and nextval() is not rolled back with a failed INSERT.
    deleted_max_key_reused = False
    failed_insert_consumes_key = True
    insert_returning = True
    update_returning = True
    delete_returning = True
    many_rows_in_one_insert = True
    transaction_begins_with_any_statement = True
    ddl_is_transactional = True
    default_isolation_level = "READ COMMITTED"
    transaction_reads_a_snapshot = False
    # "current transaction is aborted, commands ignored until end of transaction block"
    readers_block_writers = False
    error_aborts_transaction = True
    missing_table_error = "ProgrammingError"
    has_row_locks = True
    native_boolean = True
    datetime_stored_as_text = False
    datetime_keeps_microseconds = True
    # A naive TIMESTAMP receives the value as the server's TimeZone sees it.
    aware_datetime_in_naive_column = "converted to the server's time zone"
    value_too_long_error = "DataError"
    aborted_transaction_error = "InternalError"
    # No lastrowid: a single row's INSERT asks for its key.
    single_row_insert_key_from = "RETURNING"
    # psycopg 3 forgets an INSERT's rowcount when its cursor closes.
    rowcount_of_insert_kept = False


class PostgreSQL(ServerBackend):
    name = "postgresql"
    database = "postgresql"
    title = "PostgreSQL"
    facts = PostgreSQLFacts
    # One statement for every table: far cheaper than per-table DELETE + sequence resets.
    reset_statements = ("TRUNCATE {tables} RESTART IDENTITY CASCADE",)
    dialect = admin_dialect = "postgresql+psycopg"
    env_prefix = "ORM_SPEC_POSTGRES"
    image_kind = image_repository = "postgres"
    versions = ("13", "15", "17")
    default_version = "15"

    def upsert(self, entity: Any, rows: Any, key: list[str], update: list[str]) -> Any:
        from sqlalchemy.dialects.postgresql import insert

        statement = insert(entity).values(rows)
        return statement.on_conflict_do_update(
            index_elements=key, set_={c: statement.excluded[c] for c in update}
        )

    def container(self, image: str, user: str, password: str, admin_password: str) -> Any:
        from testcontainers.community.postgres import PostgresContainer

        # The image's user is a superuser: it creates the databases of xdist workers itself.
        return PostgresContainer(
            image, username=user, password=password, dbname="orm_spec", driver="psycopg"
        )

    def create_database_statements(self, name: str, user: str | None) -> list[str]:
        return [f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"']

    def drop_database_statement(self, name: str) -> str:
        return f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
