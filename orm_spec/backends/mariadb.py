"""MariaDB through PyMySQL: ``ORM_SPEC_MARIADB_URL``, else a testcontainers container.

Facts are those of Debian's default server configuration: strict SQL mode, utf8mb4 with a
case-insensitive default collation, InnoDB at REPEATABLE READ.
"""

from __future__ import annotations

import secrets
from typing import Any

from orm_spec.backends.base import Facts, ServerBackend


class MariaDBFacts(Facts):
    foreign_keys_enforced = True
    # Strict mode (the default since 10.2.4) refuses the value; a non-strict server would
    # truncate it with a warning.
    string_length_enforced = True
    # utf8mb4_general_ci (or utf8mb4_uca1400_ai_ci from 11.5) ignores case.
    unique_is_case_insensitive = True
    like_is_case_insensitive = True
    # AUTO_INCREMENT never goes back while the server runs, and a failed INSERT keeps its value.
    deleted_max_key_reused = False
    failed_insert_consumes_key = True
    # MariaDB has RETURNING for INSERT (10.5+) and DELETE, not for UPDATE.
    update_returning = False
    delete_returning = True
    many_rows_in_one_insert = True
    transaction_begins_with_any_statement = True
    # DDL commits the transaction implicitly.
    ddl_is_transactional = False
    default_isolation_level = "REPEATABLE READ"
    # InnoDB's REPEATABLE READ reads the snapshot taken by the transaction's first read.
    transaction_reads_a_snapshot = True
    readers_block_writers = False
    error_aborts_transaction = False
    missing_table_error = "ProgrammingError"
    has_row_locks = True
    native_boolean = False
    datetime_stored_as_text = False
    # DATETIME without a precision, DATETIME(0), has no fractional seconds.
    datetime_keeps_microseconds = False
    aware_datetime_in_naive_column = "offset dropped"
    value_too_long_error = "DataError"
    aborted_transaction_error = None

    @property
    def insert_returning(self) -> bool:
        return self.server_version >= (10, 5)


class MariaDB(ServerBackend):
    name = "mariadb"
    database = "mariadb"
    title = "MariaDB"
    facts = MariaDBFacts
    # TRUNCATE restarts AUTO_INCREMENT; MariaDB refuses it on a table that a foreign key
    # references unless the checks are off for this connection.
    reset_statements = (
        "SET FOREIGN_KEY_CHECKS = 0",
        "TRUNCATE TABLE {table}",
        "SET FOREIGN_KEY_CHECKS = 1",
    )
    url_env = "ORM_SPEC_MARIADB_URL"
    image_env = "ORM_SPEC_MARIADB_IMAGE"
    default_image = "mariadb:10.11"
    dialect = "mysql+pymysql"
    image_kind = "mariadb"

    def upsert(self, entity: Any, rows: Any, key: list[str], update: list[str]) -> Any:
        # ON DUPLICATE KEY UPDATE: any unique key decides, not the ``key`` columns named.
        from sqlalchemy.dialects.mysql import insert

        statement = insert(entity).values(rows)
        return statement.on_duplicate_key_update({c: statement.inserted[c] for c in update})

    def container(self, image: str, user: str, password: str) -> Any:
        from testcontainers.community.mysql import MySqlContainer

        return MySqlContainer(
            image,
            dialect="pymysql",
            username=user,
            password=password,
            root_password=secrets.token_urlsafe(18),
            dbname="orm_spec",
        )

    def connection_url(self, container: Any) -> str:
        # utf8mb4 explicitly: names and titles in the spec are Unicode.
        return f"{container.get_connection_url()}?charset=utf8mb4"
