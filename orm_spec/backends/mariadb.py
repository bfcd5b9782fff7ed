"""MariaDB through PyMySQL: ``ORM_SPEC_MARIADB_URL``, else a testcontainers container.

Versions 10.5, 10.11 (the default) and 11.8, as for PostgreSQL: ``mariadb@11.8``,
``ORM_SPEC_MARIADB_11_8_URL``, ``ORM_SPEC_MARIADB_11_8_IMAGE``.

Facts are those of Debian's default server configuration: strict SQL mode, utf8mb4 with a
case-insensitive default collation, InnoDB at REPEATABLE READ.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import URL, make_url

from orm_spec.backends.base import ServerBackend
from orm_spec.backends.facts import Facts


class MariaDBFacts(Facts):
    foreign_keys_enforced = True
    # Strict mode (the default since 10.2.4) refuses the value; a non-strict server would
    # truncate it with a warning.
    string_length_enforced = True
    # utf8mb4_general_ci (or utf8mb4_uca1400_ai_ci from 11.5) ignores case.
    unique_is_case_insensitive = True
    like_is_case_insensitive = True
    # The collation folds case (and accents) beyond ASCII too.
    like_folds_non_ascii_case = True
    # Strict mode refuses any other value (a non-strict server would store '').
    enum_storage = "inline ENUM"
    # AUTO_INCREMENT never goes back while the server runs, and a failed INSERT keeps its value.
    deleted_max_key_reused = False
    failed_insert_consumes_key = True
    # AUTO_INCREMENT moves past an explicit key above it.
    explicit_key_advances_generated_keys = True
    # MariaDB has RETURNING for INSERT (10.5+) and DELETE, not for UPDATE.
    update_returning = False
    delete_returning = True
    many_rows_in_one_insert = True
    transaction_begins_with_any_statement = True
    # DDL commits the transaction implicitly.
    ddl_is_transactional = False
    default_isolation_level = "REPEATABLE READ"
    isolation_levels = "AUTOCOMMIT, READ COMMITTED, READ UNCOMMITTED, REPEATABLE READ, SERIALIZABLE"
    autocommit_commits_each_statement = True
    # InnoDB's REPEATABLE READ reads the snapshot taken by the transaction's first read.
    transaction_reads_a_snapshot = True
    readers_block_writers = False
    writer_locks_database = False
    error_aborts_transaction = False
    missing_table_error = "ProgrammingError"
    has_row_locks = True
    shared_lock_clause = "LOCK IN SHARE MODE"
    # MySQL 8's FOR UPDATE OF and FOR SHARE are not rendered for MariaDB, nor is PostgreSQL's
    # FOR NO KEY UPDATE: both become a plain FOR UPDATE.
    for_update_of_tables = False
    key_share_lock = False
    # NOWAIT fails at once, with the error a lock wait timeout gives.
    nowait_refusal = "lock wait timeout (1205)"
    native_boolean = False
    datetime_stored_as_text = False
    # DATETIME without a precision, DATETIME(0), has no fractional seconds.
    datetime_keeps_microseconds = False
    aware_datetime_in_naive_column = "offset dropped"
    # DateTime(timezone=True) is a DATETIME too.
    aware_datetime_round_trips = False
    aware_datetime_tzinfo = None
    numeric_keeps_precision = True
    # JSON is an alias of LONGTEXT (with a json_valid CHECK).
    json_decoded_by_driver = False
    value_too_long_error = "DataError"
    aborted_transaction_error = None
    # "Data truncated for column 'status'"
    enum_violation_error = "DataError"
    lock_not_available_error = "OperationalError"

    string_concatenation = "concat()"
    inner_join_keyword = "INNER JOIN"
    # ON DUPLICATE KEY UPDATE: any unique key; an updated row counts 2 (MySQL's convention).
    upsert_conflict_target = "every unique key"
    upsert_counts_an_update_twice = True
    # PyMySQL and asyncmy stream yield_per rows through an unbuffered cursor.
    yield_per_survives_another_query = "the driver drops its rest with a warning"
    commands_out_of_sync_error = None

    @property
    def insert_returning(self) -> bool:
        return self.server_version >= (10, 5)

    @property
    def skip_locked_supported(self) -> bool:
        # SKIP LOCKED came with 10.6; SQLAlchemy renders it for every version.
        return self.server_version >= (10, 6)

    @property
    def native_uuid(self) -> bool:
        # The UUID type came with 10.7; SQLAlchemy 2.1 uses it there, 2.0 keeps CHAR(32).
        return self.server_version >= (10, 7) and self.sqlalchemy_version >= (2, 1)

    @property
    def uuid_driver_type(self) -> str | None:
        # The drivers hand a UUID value on as its text, with dashes.
        return "str" if self.native_uuid else None

    @property
    def stale_row_write_error(self) -> str | None:
        # innodb_snapshot_isolation, ON by default from 11.6.2: a write to a row changed since
        # the transaction's snapshot fails with error 1020 "Record has changed since last read".
        return "OperationalError" if self.server_version >= (11, 6, 2) else None


class MariaDB(ServerBackend):
    name = "mariadb"
    database = "mariadb"
    title = "MariaDB"
    facts = MariaDBFacts
    # TRUNCATE is DDL that recreates the table: 3.6 ms for two small tables, against 1.6 ms to
    # delete their few rows and restart AUTO_INCREMENT, which an empty InnoDB table takes as 1.
    # The checks are off so that tables whose foreign keys form a cycle empty in any order.
    reset_statements = (
        "SET FOREIGN_KEY_CHECKS = 0",
        "DELETE FROM {table}",
        "ALTER TABLE {table} AUTO_INCREMENT = 1",
        "SET FOREIGN_KEY_CHECKS = 1",
    )
    dialect = admin_dialect = "mysql+pymysql"
    env_prefix = "ORM_SPEC_MARIADB"
    image_kind = image_repository = "mariadb"
    data_directory = "/var/lib/mysql"
    versions = ("10.5", "10.11", "11.8")
    default_version = "10.11"
    version_parts = 2

    def upsert(self, entity: Any, rows: Any, key: list[str], update: list[str]) -> Any:
        # ON DUPLICATE KEY UPDATE: any unique key decides, not the ``key`` columns named.
        from sqlalchemy.dialects.mysql import insert

        statement = insert(entity).values(rows)
        return statement.on_duplicate_key_update({c: statement.inserted[c] for c in update})

    def container(self, image: str, user: str, password: str, admin_password: str) -> Any:
        from testcontainers.community.mysql import MySqlContainer

        return MySqlContainer(
            image,
            dialect="pymysql",
            username=user,
            password=password,
            root_password=admin_password,
            dbname="orm_spec",
        )

    def admin_url(self, url: URL, admin_password: str) -> URL:
        # The image's user may use its own database only: root creates the workers' ones.
        return url.set(username="root", password=admin_password)

    def create_database_statements(self, name: str, user: str | None) -> list[str]:
        grant = [f"GRANT ALL ON `{name}`.* TO '{user}'@'%'"] if user else []
        return [
            f"DROP DATABASE IF EXISTS `{name}`",
            f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4",
            *grant,
        ]

    def drop_database_statement(self, name: str) -> str:
        return f"DROP DATABASE IF EXISTS `{name}`"

    def connection_url(self, container: Any) -> str:
        # utf8mb4 explicitly: names and titles in the spec are Unicode. An IP address, not
        # "localhost": mysqlclient (libmariadb) takes that name for the server's Unix socket.
        # Any other host (the container's own address, TESTCONTAINERS_CONNECTION_MODE=bridge_ip)
        # is kept.
        url = make_url(f"{container.get_connection_url()}?charset=utf8mb4")
        if url.host == "localhost":
            url = url.set(host="127.0.0.1")
        return url.render_as_string(hide_password=False)
