"""What every backend module provides: its identity and how its database is provided.

A backend is one database as the spec runs it (SQLite, PostgreSQL, MariaDB), through one driver
and one Session API. Its module holds a ``Backend`` subclass (name, title, how the database is
provided and emptied) and a ``Facts`` subclass (``facts``: what the database answers).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import sqlalchemy
import sqlalchemy.exc
from sqlalchemy.engine import URL, Dialect, Engine, make_url
from sqlalchemy.exc import ArgumentError

from orm_spec.backends.facts import Facts


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
    data_directory: ClassVar[str]
    """Where the server keeps its data in the container: a tmpfs there, since nothing is kept
    and a file write (MariaDB's reset, ALTER TABLE ... AUTO_INCREMENT) then waits for no disk:
    2.4 -> 0.2 ms a table."""
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
                lambda: self.container(image, user, password, admin_password).with_tmpfs_mount(
                    self.data_directory
                ),
                image,
                how_to_fix,
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
