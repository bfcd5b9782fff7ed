"""What every backend module provides: its identity, how its database is provided, its facts.

A backend is one database as the spec runs it (SQLite, PostgreSQL, MariaDB). Its module holds a
``Backend`` subclass (name, title, how the database is provided and emptied) and a ``Facts``
subclass: each way the database answers the same ORM code differently, as a named predicate whose
docstring is the question it answers, in the manner of Django's ``DatabaseFeatures``. Scenarios
that prove a fact carry it as a tag (``@fact:foreign_keys_enforced``); the report groups
divergences by it. Facts that depend on the server's version are computed from the version the
run connected to.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import sqlalchemy
import sqlalchemy.exc
from sqlalchemy.engine import URL, Dialect, Engine, make_url
from sqlalchemy.exc import ArgumentError


class BackendSelectionError(ValueError):
    """A usage error in choosing or configuring backends; the message says what to do."""


class BackendUnavailable(Exception):
    """The backend cannot run in this environment; the message says why and how to provide it."""


@dataclass
class ProvidedDatabase:
    """Where a backend's database lives and how to give it back."""

    url: URL
    how: str
    """How it was provided, for the run's summary ("testcontainers, image ...")."""
    release: Callable[[], None] = lambda: None
    owns_schema: bool = True
    """False when the user pointed us at a database: then our tables are dropped at the end."""
    admin_url: URL | None = None
    """A URL allowed to create and drop databases on the server (a container's root), for a
    database per pytest-xdist worker; None: ``url`` itself."""


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


class Backend:
    """One database as the spec runs it. Subclasses fill in the class attributes."""

    name: ClassVar[str]
    """On the command line, in test ids and as a pytest marker."""
    title: ClassVar[str]
    """The product name a reader knows."""
    database: ClassVar[str]
    """The database it is one backend of: an Examples row naming the database applies to it
    unless a row names the backend itself."""
    facts: ClassVar[type[Facts]]
    dialect: ClassVar[str]
    """The SQLAlchemy dialect+driver of its URL (``postgresql+psycopg``)."""
    default: ClassVar[bool] = True
    """In the run when no backend is named (each database's default driver per Session API);
    the others run when named (``--backend NAME`` or ``--backend all``)."""
    api: ClassVar[str] = "sync"
    """The Session API scenarios drive on it: "sync" (Session) or "async" (AsyncSession)."""
    driver_module: ClassVar[str | None] = None
    """A driver module that is not a dependency of every install (async drivers): checked up
    front, so a missing one is one line naming the package."""
    driver_package: ClassVar[str | None] = None
    """The distribution that installs ``driver_module``, where the names differ (``MySQLdb``
    comes from ``mysqlclient``)."""
    driver_needs: ClassVar[str] = ""
    """What installing the driver needs besides pip (system packages to build it)."""
    enable_foreign_keys: ClassVar[tuple[str, ...]] = ()
    """Statements that make a connection enforce foreign keys (none where they always are)."""
    reset_statements: ClassVar[tuple[str, ...]]
    """Statements that empty the spec's tables and restart their keys: ``{tables}`` is filled
    with every table to empty, children first; ``{table}`` repeats the statement per table."""

    @property
    def server_release(self) -> str:
        """The server version this backend runs, as Examples rows compare it (``10.11``)."""
        return ""

    @property
    def base_name(self) -> str:
        """The module's backend (``postgresql`` for ``postgresql@13``): its pytest marker."""
        return type(self).name

    @property
    def driver(self) -> str:
        return self.dialect.partition("+")[2] or self.dialect

    @property
    def server_key(self) -> str:
        """Backends with the same key share one provided database (a container)."""
        return self.name

    def validate(self) -> None:
        """Raise BackendSelectionError for a configuration that cannot work (a bad URL)."""

    def missing_driver(self) -> str | None:
        """Why the driver cannot be imported, as one line naming what to install; else None."""
        if self.driver_module and importlib.util.find_spec(self.driver_module) is None:
            package = self.driver_package or self.driver_module
            needs = f"; it needs {self.driver_needs}" if self.driver_needs else ""
            return (
                f"the {self.name} backend needs the {package} package: "
                f"pip install {package} (or pip install -e '.[dev,drivers]'){needs}"
            )
        return None

    def provide(self) -> ProvidedDatabase:
        raise NotImplementedError

    def url(self, provided: ProvidedDatabase) -> URL:
        """This backend's URL to the provided database: its own driver on the same database."""
        return provided.url.set(drivername=self.dialect)

    def reset_sql(self, tables: list[Any]) -> list[str]:
        """The statements that empty ``tables`` (children first) and restart their keys:
        ``reset_statements`` filled in."""
        statements: list[str] = []
        for template in self.reset_statements:
            if "{tables}" in template:
                statements.append(template.format(tables=", ".join(t.name for t in tables)))
            elif "{table}" in template:
                statements.extend(template.format(table=t.name) for t in tables)
            else:
                statements.append(template)
        return statements

    def upsert(self, entity: Any, rows: Any, key: list[str], update: list[str]) -> Any:
        """An INSERT of ``rows`` into ``entity`` that updates the ``update`` columns of the row
        whose ``key`` columns already hold the values: each database spells it its own way
        (ON CONFLICT ... DO UPDATE, ON DUPLICATE KEY UPDATE)."""
        raise NotImplementedError

    def engine_options(self) -> dict[str, Any]:
        """Keyword arguments for create_engine beyond the URL."""
        return {}

    def prepare_engine(self, engine: Engine) -> None:
        """Set the engine up before its first connection (event listeners)."""

    def driver_version(self, dialect: Dialect) -> str:
        """The driver's distribution version (a module's __version__ can be a compatibility
        number: PyMySQL's says 1.4.6)."""
        module = dialect.dbapi
        # An async dialect's dbapi is SQLAlchemy's adapter: the driver is the module it adapts.
        name = (
            self.driver_package
            or self.driver_module
            or getattr(module, "__name__", "").split(".")[0]
        )
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return str(getattr(module, "__version__", "")).partition(" ")[0]


class ServerBackend(Backend):
    """A database server at one version: from a URL variable, else a container, else
    unavailable.

    The instance in ``BACKENDS`` runs the database's default version; ``at_version`` gives the
    same backend on another one, named ``NAME@VERSION`` (``postgresql_pg8000@13``), with its own
    variables (``ORM_SPEC_POSTGRES_13_URL``, ``ORM_SPEC_POSTGRES_13_IMAGE``) and its own server.
    """

    env_prefix: ClassVar[str]
    """``ORM_SPEC_POSTGRES``: the variables are ``<prefix>[_<VERSION>]_URL`` and ``..._IMAGE``."""
    image_kind: ClassVar[str]
    """The argument of ``.ci/build-image`` that builds an image for this backend offline."""
    image_repository: ClassVar[str]
    """The official image's repository (``postgres``): its tag is the version."""
    versions: ClassVar[tuple[str, ...]]
    """The server versions ``.ci/build-image`` builds images of, oldest first."""
    default_version: ClassVar[str]
    admin_dialect: ClassVar[str]
    """A sync dialect+driver every install has, for creating the databases of xdist workers."""
    version_parts: ClassVar[int] = 1
    """How many numbers name a release line: 1 for PostgreSQL (15), 2 for MariaDB (10.11)."""

    def __init__(self, version: str | None = None) -> None:
        self.server_version = version or self.default_version
        if self.versioned:
            # Instance attributes over the module's class attributes: the name in test ids and
            # results, the title in the report.
            self.name = f"{type(self).name}@{self.server_version}"  # type: ignore[misc]
            self.title = f"{type(self).title} {self.server_version}"  # type: ignore[misc]

    @property
    def versioned(self) -> bool:
        return self.server_version != self.default_version

    @property
    def server_release(self) -> str:
        return self.server_version

    def at_version(self, version: str) -> ServerBackend:
        """This backend on another server version; only versions with an image to build, or
        with a URL variable of their own, can run."""
        if version == self.server_version:
            return self
        variant = type(self)(version)
        known = version in self.versions
        if not known and not os.environ.get(variant.url_env):
            raise BackendSelectionError(
                f"unknown {self.title} version {version!r} for {self.base_name}: choose from "
                f"{', '.join(self.versions)} (images built by .ci/build-image {self.image_kind} "
                f"VERSION), or set {variant.url_env} to a server of that version"
            )
        return variant

    def _variable(self, suffix: str) -> str:
        version = f"_{self.server_version.replace('.', '_')}" if self.versioned else ""
        return f"{self.env_prefix}{version}_{suffix}"

    @property
    def url_env(self) -> str:
        return self._variable("URL")

    @property
    def image_env(self) -> str:
        return self._variable("IMAGE")

    @property
    def image_candidates(self) -> list[str]:
        """Images that run this version, in the order they are looked for locally: the
        official one, then the one ``.ci/build-image`` makes."""
        return [
            f"{self.image_repository}:{self.server_version}",
            f"orm-spec/{self.image_kind}:{self.server_version}",
        ]

    def release_line(self, server_version: tuple[int, ...]) -> str:
        return ".".join(str(p) for p in server_version[: self.version_parts])

    def check_server_version(self, server_version: tuple[int, ...], how: str) -> None:
        """Refuse a server of another release line than the one this backend names: its
        facts would be right, but the Examples rows chosen for it would be another version's."""
        found = self.release_line(server_version)
        if found != self.server_version:
            other = type(self)(found)
            raise BackendUnavailable(
                f"{self.name} expects {type(self).title} {self.server_version}, but {how} runs "
                f"{'.'.join(map(str, server_version))}: for that server select "
                f"--backend {other.name} and set {other.url_env}"
            )

    @property
    def own_url_env(self) -> str | None:
        """An async backend may be pointed at a database of its own (``..._ASYNC_URL``)."""
        return self.url_env.replace("_URL", "_ASYNC_URL") if self.api == "async" else None

    def own_url(self) -> str | None:
        return os.environ.get(self.own_url_env) if self.own_url_env else None

    @property
    def server_key(self) -> str:
        # One container (or one URL) serves every backend of the database at that version:
        # sync and async, every driver.
        if self.own_url():
            return f"{self.name} ({self.own_url_env})"
        return f"{self.database}@{self.server_version}"

    def container(self, image: str, user: str, password: str, admin_password: str) -> Any:
        """The (not yet started) testcontainers container for ``image``."""
        raise NotImplementedError

    def connection_url(self, container: Any) -> str:
        return container.get_connection_url()  # type: ignore[no-any-return]

    def validate(self) -> None:
        raw = os.environ.get(self.url_env)
        if raw:
            self._parse_url(raw, self.url_env)
        own = self.own_url()
        if own:
            url = self._parse_url(own, self.own_url_env or "")
            try:
                is_async = url.get_dialect().is_async
            except Exception:  # the driver's dialect cannot be loaded: not an async one we know
                is_async = False
            if not is_async:
                raise BackendSelectionError(
                    f"{self.own_url_env} names {url.drivername}, a sync driver: the "
                    f"{self.name} backend needs an async one, e.g. "
                    f"{self.dialect}://USER:PASSWORD@HOST:PORT/DATABASE"
                )

    def _parse_url(self, raw: str, variable: str) -> URL:
        expected = f"{self.dialect}://USER:PASSWORD@HOST:PORT/DATABASE"
        try:
            url = make_url(raw)
        except ArgumentError as exc:
            raise BackendSelectionError(
                f"{variable} is not a valid SQLAlchemy URL ({exc}): expected {expected}"
            ) from None
        if url.get_backend_name() not in {self.dialect.split("+")[0], self.database}:
            raise BackendSelectionError(
                f"{variable} names a {url.get_backend_name()!r} database, not "
                f"{self.title}: expected {expected}"
            )
        return url

    def url(self, provided: ProvidedDatabase) -> URL:
        if provided.how == self.own_url_env:
            return provided.url  # the user's own async URL, driver and all
        return super().url(provided)

    def provide(self) -> ProvidedDatabase:
        own = self.own_url()
        if own and self.own_url_env:
            if os.environ.get("PYTEST_XDIST_WORKER"):
                # Every worker would create, empty and drop the same tables under the others.
                raise BackendUnavailable(
                    f"{self.own_url_env} names one database, which pytest-xdist workers cannot "
                    f"share: run without -n, or unset it to use {self.url_env}'s server (or a "
                    "container) with a database per worker"
                )
            url = self._parse_url(own, self.own_url_env)
            return ProvidedDatabase(url, how=self.own_url_env, owns_schema=False)
        raw = os.environ.get(self.url_env)
        if raw:
            url = self._parse_url(raw, self.url_env)
            return ProvidedDatabase(url, how=self.url_env, owns_schema=False)
        return self._from_container()

    def _from_container(self) -> ProvidedDatabase:
        import secrets
        import time

        from orm_spec import containers  # imports docker: only when a container is wanted

        build = f".ci/build-image {self.image_kind} {self.server_version}"
        user, password = "orm_spec", secrets.token_urlsafe(18)
        admin_password = secrets.token_urlsafe(18)
        how_to_fix = f"build it with `{build}`, or set {self.image_env} to an image you have"
        began = time.perf_counter()
        image = os.environ.get(self.image_env) or self.image_candidates[0]
        try:
            if not os.environ.get(self.image_env):
                # Not here at all: pulled by its official name, where a registry is reachable.
                image = containers.first_local_image(self.image_candidates) or image
            started = containers.start(
                lambda: self.container(image, user, password, admin_password), image, how_to_fix
            )
        except containers.ContainerUnavailable as exc:
            raise BackendUnavailable(
                f"{self.title} unavailable: {self.url_env} is not set and {exc}. "
                f"Provide {self.title} with a Docker engine (image {image}) "
                f"or with {self.url_env}=<SQLAlchemy URL>"
            ) from exc
        url = make_url(self.connection_url(started))
        return ProvidedDatabase(
            url=url,
            how=f"testcontainers, image {image}, ready in {time.perf_counter() - began:.1f} s",
            release=lambda: containers.stop(started),
            admin_url=self.admin_url(url, admin_password),
        )

    def admin_url(self, url: URL, admin_password: str) -> URL:
        """The URL that may create databases on a container this backend started."""
        return url

    # -- a database per pytest-xdist worker on one shared server ---------------------------------
    def worker_database(self, provided: ProvidedDatabase, worker: str) -> URL:
        """Create the database ``worker`` (``gw0``) runs in on the shared server; its URL."""
        name = f"{provided.url.database}_{worker}"
        admin = provided.admin_url or provided.url
        engine = sqlalchemy.create_engine(
            admin.set(drivername=self.admin_dialect), isolation_level="AUTOCOMMIT"
        )
        try:
            with engine.connect() as conn:
                # Another user than the admin needs rights on the new database.
                grantee = provided.url.username if provided.admin_url is not None else None
                for statement in self.create_database_statements(name, grantee):
                    conn.execute(sqlalchemy.text(statement))
        except sqlalchemy.exc.DBAPIError as exc:
            first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise BackendUnavailable(
                f"cannot create the database {name} for pytest-xdist worker {worker} on "
                f"{provided.how} ({first}): grant its user CREATE (and DROP) on databases, "
                "or run without -n"
            ) from exc
        finally:
            engine.dispose()
        return provided.url.set(database=name)

    def drop_worker_database(self, provided: ProvidedDatabase, url: URL) -> None:
        admin = provided.admin_url or provided.url
        engine = sqlalchemy.create_engine(
            admin.set(drivername=self.admin_dialect), isolation_level="AUTOCOMMIT"
        )
        try:
            with engine.connect() as conn:
                conn.execute(sqlalchemy.text(self.drop_database_statement(str(url.database))))
        finally:
            engine.dispose()

    def create_database_statements(self, name: str, user: str | None) -> list[str]:
        raise NotImplementedError

    def drop_database_statement(self, name: str) -> str:
        raise NotImplementedError
