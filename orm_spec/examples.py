"""Which rows of an Examples table state the behaviour of the configuration a test runs on.

An Examples column named after a dimension of the run (``orm_spec.dimensions`` declares them
and how a cell matches) holds, per row, the configurations the row states:

- ``backend``: a database (``sqlite``, ``postgresql``, ``mariadb``) or one backend of it
  (``sqlite_transactional``); the most specific row applies, so a database's row covers its
  other backends until one of them needs a row of its own. Either may carry a server version:
  a release line (``mariadb@10.5``) or a bound (``mariadb<10.7``, ``mariadb>=10.7``), compared
  with the version the backend runs (SQLite: its library's version);
- ``sqlalchemy``: a release line (``2.0``, ``2.1``) or a bound (``<2.0.38``, ``>=2.0.38``);
- ``api``: the Session API, ``sync`` (Session) or ``async`` (AsyncSession);
- ``python``: a release line (``3.12``) or a bound (``>=3.12``). An empty cell states every value.

A scenario, Rule or Feature tagged ``@api:sync`` or ``@api:async`` runs on backends of that API
only, the same way.

A row that does not apply is deselected on that configuration (not applicable rather than
skipped). A table that has no row for a configuration the run selects is an authoring mistake:
the plugin fails that scenario naming the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from orm_spec.dimensions import COLUMNS, Configuration, invalid_cells, states_configuration

DIMENSIONS = COLUMNS
"""The Examples columns that state configurations (see ``orm_spec.dimensions``)."""


def applies(row: Mapping[str, str], rows: Iterable[Mapping[str, str]], at: Configuration) -> bool:
    """Does ``row`` (one of ``rows``, its table) state the behaviour at ``at``?"""
    return states_configuration(row, list(rows), at)


def api_tagged(tags: Iterable[str]) -> str | None:
    """The Session API an ``@api:...`` tag restricts a scenario to, if any."""
    found = {t.removeprefix("api:") for t in tags if t.startswith("api:")}
    return found.pop() if len(found) == 1 else None


def unknown_values(rows: Iterable[Mapping[str, str]]) -> dict[str, list[str]]:
    """Per configuration column, the cells that name no value of its dimension."""
    return invalid_cells(rows)


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
