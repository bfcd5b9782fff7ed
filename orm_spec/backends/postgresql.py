"""PostgreSQL through psycopg 3: ``ORM_SPEC_POSTGRES_URL``, else a testcontainers container.

Versions 13, 15 (the default) and 17: ``postgresql@13`` runs on a server of its own
(``ORM_SPEC_POSTGRES_13_URL``, else the image ``ORM_SPEC_POSTGRES_13_IMAGE``, ``postgres:13`` or
``orm-spec/postgres:13`` from ``.ci/build-image postgres 13``).
"""

from __future__ import annotations

from typing import Any

from orm_spec.backends.base import ServerBackend
from orm_spec.backends.facts import Facts


class PostgreSQLFacts(Facts):
    foreign_keys_enforced = True
    string_length_enforced = True
    # Deterministic collations compare case-sensitively.
    unique_is_case_insensitive = False
    # LIKE is case-sensitive; ILIKE is the case-insensitive one.
    like_is_case_insensitive = False
    like_folds_non_ascii_case = False
    # CREATE TYPE status AS ENUM ('draft', 'published'), with the table.
    enum_storage = "native ENUM type"
    # A sequence never goes back, and nextval() is not rolled back with a failed INSERT.
    deleted_max_key_reused = False
    failed_insert_consumes_key = True
    # Only nextval() advances the sequence: a row inserted with its own key leaves it behind.
    explicit_key_advances_generated_keys = False
    insert_returning = True
    update_returning = True
    delete_returning = True
    many_rows_in_one_insert = True
    transaction_begins_with_any_statement = True
    ddl_is_transactional = True
    default_isolation_level = "READ COMMITTED"
    isolation_levels = "AUTOCOMMIT, READ COMMITTED, READ UNCOMMITTED, REPEATABLE READ, SERIALIZABLE"
    autocommit_commits_each_statement = True
    transaction_reads_a_snapshot = False
    # "current transaction is aborted, commands ignored until end of transaction block"
    readers_block_writers = False
    writer_locks_database = False
    error_aborts_transaction = True
    missing_table_error = "ProgrammingError"
    has_row_locks = True
    shared_lock_clause = "FOR SHARE"
    for_update_of_tables = True
    key_share_lock = True
    # "could not obtain lock on row in relation"
    nowait_refusal = "lock_not_available (55P03)"
    skip_locked_supported = True
    native_boolean = True
    datetime_stored_as_text = False
    datetime_keeps_microseconds = True
    # A naive TIMESTAMP receives the value as the server's TimeZone sees it.
    aware_datetime_in_naive_column = "converted to the server's time zone"
    # TIMESTAMP WITH TIME ZONE keeps the instant; psycopg gives it in the session's TimeZone as
    # a zoneinfo.ZoneInfo.
    aware_datetime_round_trips = True
    aware_datetime_tzinfo = "zoneinfo.ZoneInfo"
    numeric_keeps_precision = True
    native_uuid = True
    uuid_driver_type = "uuid.UUID"
    json_decoded_by_driver = True
    value_too_long_error = "DataError"
    aborted_transaction_error = "InternalError"
    # No lastrowid: a single row's INSERT asks for its key.
    single_row_insert_key_from = "RETURNING"
    # psycopg 3 forgets an INSERT's rowcount when its cursor closes.
    rowcount_of_insert_kept = False

    # "invalid input value for enum status"
    enum_violation_error = "DataError"
    lock_not_available_error = "OperationalError"
    # yield_per streams through a named (server-side) cursor: other queries run beside it.
    commands_out_of_sync_error = None


class PostgreSQL(ServerBackend):
    name = "postgresql"
    database = "postgresql"
    title = "PostgreSQL"
    facts = PostgreSQLFacts
    # For tables whose foreign keys form a cycle, which DELETE cannot empty in any order.
    reset_statements = ("TRUNCATE {tables} RESTART IDENTITY CASCADE",)
    dialect = admin_dialect = "postgresql+psycopg"
    env_prefix = "ORM_SPEC_POSTGRES"
    image_kind = image_repository = "postgres"
    data_directory = "/var/lib/postgresql/data"
    versions = ("13", "15", "17")
    default_version = "15"

    def reset_sql(self, tables: list[Any]) -> list[str]:
        # TRUNCATE gives every table and index new files: about 20 ms for two tables. Deleting
        # a scenario's few rows and restarting the sequences in one DO block takes 2 ms.
        if _in_foreign_key_cycle(tables):
            return super().reset_sql(tables)
        work = [f'DELETE FROM "{t.name}";' for t in tables]
        for table in tables:
            column = table.autoincrement_column
            if column is not None:
                work.append(
                    f"PERFORM setval(pg_get_serial_sequence('\"{table.name}\"', "
                    f"'{column.name}'), 1, false);"
                )
        return ["DO $$BEGIN " + " ".join(work) + " END$$"]

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


def _in_foreign_key_cycle(tables: list[Any]) -> bool:
    """Do two of ``tables`` reference each other, directly or through others of them?"""
    names = {t.name for t in tables}
    edges = {
        t.name: {fk.column.table.name for fk in t.foreign_keys} & names - {t.name} for t in tables
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or reaches(n, goal, seen | {n}) for n in edges[start] - seen)

    return any(reaches(name, name, set()) for name in names)
