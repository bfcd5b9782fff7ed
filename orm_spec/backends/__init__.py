"""The backends the spec knows, one module each, and which ones a run selects.

A new database, or a new driver of one, is one module here: a ``Backend`` subclass (``base``)
with its ``Facts`` (``facts``), listed in ``BACKENDS``. A server backend also runs on the other
versions of its server, as ``NAME@VERSION`` (``postgresql@13``, ``mariadb_mysqlclient@11.8``).
"""

from __future__ import annotations

from collections.abc import Iterable

from orm_spec.backends.base import (
    Backend,
    BackendSelectionError,
    BackendUnavailable,
    ProvidedDatabase,
    ServerBackend,
)
from orm_spec.backends.facts import Facts
from orm_spec.backends.mariadb import MariaDB
from orm_spec.backends.mariadb_async import MariaDBAsync
from orm_spec.backends.mariadb_mariadbconnector import MariaDBMariadbconnector
from orm_spec.backends.mariadb_mysqlclient import MariaDBMysqlclient
from orm_spec.backends.postgresql import PostgreSQL
from orm_spec.backends.postgresql_async import PostgreSQLAsync
from orm_spec.backends.postgresql_pg8000 import PostgreSQLPg8000
from orm_spec.backends.postgresql_psycopg2 import PostgreSQLPsycopg2
from orm_spec.backends.postgresql_psycopg_async import PostgreSQLPsycopgAsync
from orm_spec.backends.sqlite import SQLite
from orm_spec.backends.sqlite_async import SQLiteAsync
from orm_spec.backends.sqlite_transactional import SQLiteTransactional

__all__ = [
    "APIS",
    "BACKENDS",
    "BACKENDS_ENV",
    "REQUIRE_ENV",
    "Backend",
    "BackendSelectionError",
    "BackendUnavailable",
    "Facts",
    "ProvidedDatabase",
    "ServerBackend",
    "backend_order",
    "get_backend",
    "select_backends",
    "truthy",
]

BACKENDS: dict[str, Backend] = {
    b.name: b
    for b in (
        SQLite(),
        SQLiteTransactional(),
        SQLiteAsync(),
        PostgreSQL(),
        PostgreSQLAsync(),
        PostgreSQLPsycopgAsync(),
        PostgreSQLPsycopg2(),
        PostgreSQLPg8000(),
        MariaDB(),
        MariaDBAsync(),
        MariaDBMysqlclient(),
        MariaDBMariadbconnector(),
    )
}
"""Every backend at its server's default version, by name, in the order reports show them."""

_AT_VERSION: dict[str, Backend] = {}


def get_backend(name: str) -> Backend:
    """The backend ``name`` names: ``postgresql``, or ``postgresql@13`` for another version."""
    if name in BACKENDS:
        return BACKENDS[name]
    if name not in _AT_VERSION:
        base, _, version = name.partition("@")
        backend = BACKENDS.get(base)
        if backend is None or not version:
            raise BackendSelectionError(_unknown([name]))
        if not isinstance(backend, ServerBackend):
            raise BackendSelectionError(
                f"{base} has no server versions to choose from: it runs the SQLite library "
                "the Python build links (name it without @VERSION)"
            )
        _AT_VERSION[name] = backend.at_version(version)
    return _AT_VERSION[name]


def backend_order(name: str) -> tuple[int, tuple[int, ...], str]:
    """Reports show backends in BACKENDS' order, each one's versions oldest first."""
    base, _, version = name.partition("@")
    order = list(BACKENDS)
    backend = BACKENDS.get(base)
    if not version and isinstance(backend, ServerBackend):
        version = backend.default_version
    numbers = tuple(int(p) for p in version.split(".") if p.isdigit())
    return (order.index(base) if base in order else len(order), numbers, name)


def _unknown(names: list[str]) -> str:
    return (
        f"unknown backend {', '.join(map(repr, names))}: choose from {', '.join(BACKENDS)} "
        f"or all, each optionally @VERSION or @all for server versions "
        f"(--backend NAME or {BACKENDS_ENV}=a,b)"
    )


BACKENDS_ENV = "ORM_SPEC_BACKENDS"
REQUIRE_ENV = "ORM_SPEC_REQUIRE_BACKENDS"


APIS = ("sync", "async")


def select_backends(
    cli_names: Iterable[str] | None, env_value: str | None, api: str | None = None
) -> list[str]:
    """The backends to run: ``--backend`` options win over the environment; default those
    marked default; ``api`` keeps those driven through that Session API only.

    ``all`` is every backend; ``NAME@VERSION`` runs NAME on that server version and
    ``NAME@all`` on every version its server has (``all@all``: the whole matrix).
    """
    if api is not None and api not in APIS:
        raise BackendSelectionError(f"unknown session API {api!r}: choose from {', '.join(APIS)}")
    raw: list[str] = []
    for chunk in list(cli_names or []) or ([env_value] if env_value else []):
        raw.extend(part.strip() for part in chunk.split(","))
    wanted = [name for name in raw if name] or [n for n, b in BACKENDS.items() if b.default]
    names: list[str] = []
    for token in wanted:
        base, at, version = token.partition("@")
        bases = list(BACKENDS) if base == "all" else [base]
        unknown = [b for b in bases if b not in BACKENDS]
        if unknown:
            raise BackendSelectionError(_unknown(unknown))
        for name in bases:
            backend = BACKENDS[name]
            if not at:
                names.append(name)
                continue
            if not isinstance(backend, ServerBackend):
                if base == "all":
                    names.append(name)  # all@all: SQLite at the one version it has
                    continue
                get_backend(token)  # raises: no server versions to choose from
            versions = backend.versions if version == "all" else (version,)  # type: ignore[attr-defined]
            names.extend(get_backend(f"{name}@{v}").name for v in versions)
    selected = [n for n in dict.fromkeys(names) if api in (None, get_backend(n).api)]
    return sorted(selected, key=backend_order)


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}
