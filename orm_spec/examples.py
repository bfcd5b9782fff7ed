"""Which rows of an Examples table state the behaviour of the configuration a test runs on.

An Examples column named after a dimension of the run holds, per row, the configurations the
row states:

- ``backend``: a database (``sqlite``, ``postgresql``, ``mariadb``) or one backend of it
  (``sqlite_transactional``); the most specific row applies, so a database's row covers its
  other backends until one of them needs a row of its own. Either may carry a server version:
  a release line (``mariadb@10.5``) or a bound (``mariadb<10.7``, ``mariadb>=10.7``), compared
  with the version the backend runs (SQLite: its library's version);
- ``sqlalchemy``: a release line (``2.0``, ``2.1``) or a bound (``<2.0.38``, ``>=2.0.38``);
- ``api``: the Session API, ``sync`` (Session) or ``async`` (AsyncSession).

A scenario, Rule or Feature tagged ``@api:sync`` or ``@api:async`` runs on backends of that API
only, the same way.

A row that does not apply is deselected on that configuration (not applicable rather than
skipped). A table that has no row for a configuration the run selects is an authoring mistake:
the plugin fails that scenario naming the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from orm_spec.backends import BACKENDS, Backend

DIMENSIONS = ("backend", "sqlalchemy", "api")


@dataclass(frozen=True)
class Configuration:
    backend: Backend
    sqlalchemy: str
    """The installed SQLAlchemy version, "2.1.9"."""


def _release_matches(wanted: str, installed: str) -> bool:
    """ "2.0" is every 2.0.x; "<2.0.38" and ">=2.0.38" compare whole versions."""
    for operator in ("<=", ">=", "<", ">"):
        if wanted.startswith(operator):
            bound, have = _numbers(wanted[len(operator) :]), _numbers(installed)
            return {
                "<=": have <= bound,
                ">=": have >= bound,
                "<": have < bound,
                ">": have > bound,
            }[operator]
    return installed.split(".")[: len(wanted.split("."))] == wanted.split(".")


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


_BACKEND_CELL = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)(?P<version>(?:@|<=|>=|<|>)[0-9.]+)?$")


def backend_cell(value: str) -> tuple[str, str | None]:
    """``mariadb>=10.7`` -> ("mariadb", ">=10.7"); ``mariadb@10.5`` -> ("mariadb", "10.5")."""
    match = _BACKEND_CELL.match(value.strip())
    if match is None:
        return value, None
    version = match["version"]
    return match["name"], version.removeprefix("@") if version else None


def applies(row: Mapping[str, str], rows: Iterable[Mapping[str, str]], at: Configuration) -> bool:
    """Does ``row`` (one of ``rows``, its table) state the behaviour at ``at``?"""
    wanted = row.get("backend")
    if wanted is not None:
        name, version = backend_cell(wanted)
        named = {backend_cell(r["backend"])[0] for r in rows if "backend" in r}
        exact = name == at.backend.base_name
        by_database = name == at.backend.database and at.backend.base_name not in named
        if not (exact or by_database):
            return False
        if version and not _release_matches(version, at.backend.server_release):
            return False
    api = row.get("api")
    if api and api != at.backend.api:  # an empty cell: every API
        return False
    release = row.get("sqlalchemy")
    return not release or _release_matches(release, at.sqlalchemy)


def api_tagged(tags: Iterable[str]) -> str | None:
    """The Session API an ``@api:...`` tag restricts a scenario to, if any."""
    found = {t.removeprefix("api:") for t in tags if t.startswith("api:")}
    return found.pop() if len(found) == 1 else None


def unknown_values(rows: Iterable[Mapping[str, str]]) -> list[str]:
    """Values of the backend column that name no backend or database."""
    known = set(BACKENDS) | {b.database for b in BACKENDS.values()}
    cells = {r["backend"] for r in rows if "backend" in r}
    return sorted(cell for cell in cells if backend_cell(cell)[0] not in known)


def states_dimension(rows: Iterable[Mapping[str, str]]) -> bool:
    return any(column in row for row in rows for column in DIMENSIONS)


def input_columns(rows: Sequence[Mapping[str, str]]) -> list[str]:
    """The columns that make rows different behaviours; the others are the answer.

    Rows stating the same configuration (the same dimension values) must be different
    behaviours, so a column that differs among such rows is an input (``option`` in a table of
    loader options). A column that only ever differs between configurations is the answer each
    configuration gives (``outcome`` in a table with a ``backend`` column): all such rows are
    one behaviour.
    """
    groups: dict[tuple[str, ...], list[Mapping[str, str]]] = {}
    for row in rows:
        groups.setdefault(tuple(row.get(d, "") for d in DIMENSIONS), []).append(row)
    columns = [c for c in (rows[0] if rows else {}) if c not in DIMENSIONS]
    return [c for c in columns if any(len({r.get(c) for r in g}) > 1 for g in groups.values())]
