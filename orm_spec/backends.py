"""Which backends exist, which ones a run selected, and how each one's database is provided.

SQLite is a file in a per-run temporary directory. A server backend is, in this order: the URL in
its environment variable, else a testcontainers container started once per run, else
unavailable with a reason that says what was tried and how to provide it.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from orm_spec import containers
from orm_spec.backend_features import BACKEND_NAMES
from orm_spec.database import BackendUnavailable, ProvidedDatabase, SpecDatabase

BACKENDS_ENV = "ORM_SPEC_BACKENDS"
REQUIRE_ENV = "ORM_SPEC_REQUIRE_BACKENDS"


class BackendSelectionError(ValueError):
    """A usage error in choosing or configuring backends."""


def select_backends(cli_names: Iterable[str] | None, env_value: str | None) -> list[str]:
    """The backends to run: ``--backend`` options win over the environment; default all."""
    raw: list[str] = []
    for chunk in list(cli_names or []) or ([env_value] if env_value else []):
        raw.extend(part.strip() for part in chunk.split(","))
    names = [name for name in raw if name]
    if not names:
        return list(BACKEND_NAMES)
    unknown = [name for name in names if name not in BACKEND_NAMES]
    if unknown:
        raise BackendSelectionError(
            f"unknown backend {', '.join(map(repr, unknown))}: "
            f"choose from {', '.join(BACKEND_NAMES)} (--backend NAME or {BACKENDS_ENV}=a,b)"
        )
    return [name for name in BACKEND_NAMES if name in names]


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


class SqliteProvider:
    name = "sqlite"

    def validate(self) -> None:
        pass

    def provide(self) -> ProvidedDatabase:
        directory = tempfile.mkdtemp(prefix="orm-spec-sqlite-")
        return ProvidedDatabase(
            url=URL.create("sqlite", database=os.path.join(directory, "orm_spec.db")),
            how="file database in a per-run temporary directory",
            release=lambda: shutil.rmtree(directory, ignore_errors=True),
        )


@dataclass
class ServerProvider:
    """A database server: from a URL variable, else a container, else unavailable."""

    name: str
    title: str
    url_env: str
    image_env: str
    default_image: str
    dialect: str
    container: Callable[[str, str, str], Any]
    """Builds the (not yet started) container from image, user and password."""
    connection_url: Callable[[Any], str]
    image_kind: str
    """The argument of ``.ci/build-image`` that builds an image for this backend offline."""

    def validate(self) -> None:
        raw = os.environ.get(self.url_env)
        if raw:
            self._parse_url(raw)

    def _parse_url(self, raw: str) -> URL:
        try:
            url = make_url(raw)
        except ArgumentError as exc:
            raise BackendSelectionError(
                f"{self.url_env} is not a valid SQLAlchemy URL ({exc}): expected "
                f"{self.dialect}://USER:PASSWORD@HOST:PORT/DATABASE"
            ) from None
        if url.get_backend_name() not in {self.dialect.split("+")[0], self.name}:
            raise BackendSelectionError(
                f"{self.url_env} names a {url.get_backend_name()!r} database, not "
                f"{self.title}: expected {self.dialect}://USER:PASSWORD@HOST:PORT/DATABASE"
            )
        return url

    def provide(self) -> ProvidedDatabase:
        raw = os.environ.get(self.url_env)
        if raw:
            if os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") != "1":
                # Every worker would create, empty and drop the same tables under the others.
                raise BackendUnavailable(
                    f"{self.url_env} names one database, which several pytest-xdist workers "
                    "cannot share: run without -n, or unset it to get a container per worker"
                )
            return ProvidedDatabase(self._parse_url(raw), how=self.url_env, owns_schema=False)
        image = os.environ.get(self.image_env) or self.default_image
        user, password = "orm_spec", secrets.token_urlsafe(18)
        how_to_fix = (
            f"pull it, build one with `.ci/build-image {self.image_kind}`, "
            f"or set {self.image_env} to an image you have"
        )
        began = time.perf_counter()
        try:
            started = containers.start(
                lambda: self.container(image, user, password), image, how_to_fix
            )
        except containers.ContainerUnavailable as exc:
            raise BackendUnavailable(
                f"{self.title} unavailable: {self.url_env} is not set and {exc}. "
                f"Provide {self.title} with a Docker engine (image {image}) "
                f"or with {self.url_env}=<SQLAlchemy URL>"
            ) from exc
        return ProvidedDatabase(
            url=make_url(self.connection_url(started)),
            how=f"testcontainers, image {image}, ready in {time.perf_counter() - began:.1f} s",
            release=lambda: containers.stop(started),
        )


def _postgres_container(image: str, user: str, password: str) -> Any:
    from testcontainers.community.postgres import PostgresContainer

    return PostgresContainer(
        image, username=user, password=password, dbname="orm_spec", driver="psycopg"
    )


def _mariadb_container(image: str, user: str, password: str) -> Any:
    from testcontainers.community.mysql import MySqlContainer

    return MySqlContainer(
        image,
        dialect="pymysql",
        username=user,
        password=password,
        root_password=secrets.token_urlsafe(18),
        dbname="orm_spec",
    )


PROVIDERS: dict[str, Any] = {
    "sqlite": SqliteProvider(),
    "postgresql": ServerProvider(
        name="postgresql",
        title="PostgreSQL",
        url_env="ORM_SPEC_POSTGRES_URL",
        image_env="ORM_SPEC_POSTGRES_IMAGE",
        default_image="postgres:15",
        dialect="postgresql+psycopg",
        container=_postgres_container,
        connection_url=lambda c: c.get_connection_url(),
        image_kind="postgres",
    ),
    "mariadb": ServerProvider(
        name="mariadb",
        title="MariaDB",
        url_env="ORM_SPEC_MARIADB_URL",
        image_env="ORM_SPEC_MARIADB_IMAGE",
        default_image="mariadb:10.11",
        dialect="mysql+pymysql",
        container=_mariadb_container,
        # utf8mb4 explicitly: names and titles in the spec are Unicode.
        connection_url=lambda c: c.get_connection_url() + "?charset=utf8mb4",
        image_kind="mariadb",
    ),
}


@dataclass
class BackendRegistry:
    """The run's databases: each provided at most once, on first use, and closed at the end."""

    selected: list[str]
    required: bool = False
    _open: dict[str, SpecDatabase] = field(default_factory=dict)
    _unavailable: dict[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        for name in self.selected:
            PROVIDERS[name].validate()

    def get(self, name: str) -> SpecDatabase:
        if name in self._unavailable:
            raise BackendUnavailable(self._unavailable[name])
        if name not in self._open:
            provided: ProvidedDatabase | None = None
            try:
                provided = PROVIDERS[name].provide()
                self._open[name] = SpecDatabase.open(name, provided)
            except BackendUnavailable as exc:
                if provided is not None:
                    provided.release()
                self._unavailable[name] = str(exc)
                raise
            except BaseException:
                if provided is not None:
                    provided.release()
                raise
        return self._open[name]

    def status(self) -> dict[str, str]:
        """One line per selected backend that was asked for: how it ran, or why it did not."""
        lines = {}
        for name in self.selected:
            if name in self._open:
                db = self._open[name]
                versions = ", ".join(f"{k} {v}" for k, v in db.versions.items())
                lines[name] = f"{db.provided.how}; {versions}"
            elif name in self._unavailable:
                lines[name] = f"UNAVAILABLE: {self._unavailable[name]}"
        return lines

    def close_all(self) -> None:
        while self._open:
            _, db = self._open.popitem()
            db.close()
