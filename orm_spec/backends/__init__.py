"""The backends the spec knows, one module each, and which ones a run selects.

A new database is one module here: a ``Backend`` subclass with its ``Facts``, listed in
``BACKENDS``.
"""

from __future__ import annotations

from collections.abc import Iterable

from orm_spec.backends.base import (
    Backend,
    BackendSelectionError,
    BackendUnavailable,
    Facts,
    ProvidedDatabase,
    ServerBackend,
)
from orm_spec.backends.mariadb import MariaDB
from orm_spec.backends.mariadb_async import MariaDBAsync
from orm_spec.backends.postgresql import PostgreSQL
from orm_spec.backends.postgresql_async import PostgreSQLAsync
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
        MariaDB(),
        MariaDBAsync(),
    )
}
"""Every backend, by name, in the order reports show them."""

BACKENDS_ENV = "ORM_SPEC_BACKENDS"
REQUIRE_ENV = "ORM_SPEC_REQUIRE_BACKENDS"


APIS = ("sync", "async")


def select_backends(
    cli_names: Iterable[str] | None, env_value: str | None, api: str | None = None
) -> list[str]:
    """The backends to run: ``--backend`` options win over the environment; default all;
    ``api`` keeps those driven through that Session API only."""
    if api is not None and api not in APIS:
        raise BackendSelectionError(f"unknown session API {api!r}: choose from {', '.join(APIS)}")
    raw: list[str] = []
    for chunk in list(cli_names or []) or ([env_value] if env_value else []):
        raw.extend(part.strip() for part in chunk.split(","))
    names = [name for name in raw if name] or [n for n, b in BACKENDS.items() if b.default]
    if "all" in names:
        names = list(BACKENDS)
    unknown = [name for name in names if name not in BACKENDS]
    if unknown:
        raise BackendSelectionError(
            f"unknown backend {', '.join(map(repr, unknown))}: "
            f"choose from {', '.join(BACKENDS)} or all (--backend NAME or {BACKENDS_ENV}=a,b)"
        )
    return [name for name in BACKENDS if name in names and api in (None, BACKENDS[name].api)]


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}
