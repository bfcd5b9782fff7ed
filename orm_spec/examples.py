"""Which rows of an Examples table state the behaviour of the configuration a test runs on.

An Examples column named after a dimension of the run (``orm_spec.dimensions`` declares them
and how a cell matches) holds, per row, the configurations the row states:

- ``backend``: a database (``sqlite``, ``postgresql``, ``mariadb``) or one backend of it
  (``sqlite_transactional``); the most specific row applies, so a database's row covers its
  other backends until one of them needs a row of its own. Either may carry a server version:
  a release line (``mariadb@10.5``) or a bound (``mariadb<10.7``, ``mariadb>=10.7``), compared
  with the version the backend runs (SQLite: its library's version);
- ``sqlalchemy``: a release line (``2.0``, ``2.1``), a bound (``<2.0.38``, ``>=2.0.38``) or
  bounds that must all hold (``>=2.0.59,<2.1``);
- ``api``: the Session API, ``sync`` (Session) or ``async`` (AsyncSession);
- ``python``: a release line (``3.12``) or a bound (``>=3.12``). An empty cell states every value.
- a backend fact (``ddl_is_transactional``, any of ``Facts.names()``): what the backend answers
  to that fact at the server version and SQLAlchemy release the run uses. A bool fact's cell is
  ``yes`` or ``no``, a string fact's cell the answer itself (``DataError``, ``LOCK IN SHARE
  MODE``), a fact answered None ``none``. This is how a divergence states its answers: per fact
  value, so a new backend is covered by its facts, not by rows of its own. A ``backend`` row
  remains only where no fact explains the difference, and its scenario says why (a description
  line starting ``Backend rows:``).

An empty cell of ``api``, ``sqlalchemy`` or a fact column states every value.

A scenario, Rule or Feature tagged with a configuration column's cell (``@api:sync``,
``@api:async``, ``@sqlalchemy:>=2.1``, ``@python:>=3.12``) runs only where that cell would
apply, the same way: for a behaviour other configurations do not have at all.

A row that does not apply is deselected on that configuration (not applicable rather than
skipped). A table that has no row for a configuration the run selects is an authoring mistake:
the plugin fails that scenario naming the table.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from orm_spec.backends import Backend, Facts, get_backend, select_backends
from orm_spec.backends.facts import installed_sqlalchemy
from orm_spec.dimensions import (
    BY_COLUMN,
    Configuration,
    invalid_cells,
    states_configuration,
)
from orm_spec.dimensions import COLUMNS as CONFIGURATION_COLUMNS

FACT_COLUMNS = tuple(Facts.names())
DIMENSIONS = (*CONFIGURATION_COLUMNS, *FACT_COLUMNS)
"""The columns that say where a row applies: the dimensions' columns (``orm_spec.dimensions``)
and the backend facts; every other column is an input or the answer."""

WHY_BACKEND_ROWS = "Backend rows:"
"""How a scenario's description begins the sentence saying why its table keeps backend rows."""

SQLALCHEMY_LINES = ((2, 0, 0), (2, 1, 0))
"""The SQLAlchemy release lines the spec runs on; a fact cell must be an answer of one of them."""


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def fact_cell(answer: object) -> str:
    """How an Examples cell spells a fact's answer: ``yes`` / ``no``, ``none``, or the text."""
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    return "none" if answer is None else str(answer)


_FACTS: dict[tuple[str, str], Facts] = {}


def facts_at(backend: Backend, sqlalchemy_release: str) -> Facts:
    """The backend's facts at the server version rows compare (its release line, or SQLite's
    library) and the given SQLAlchemy release; cached, as every row of every table asks."""
    key = (backend.name, sqlalchemy_release)
    if key not in _FACTS:
        _FACTS[key] = backend.facts(_numbers(backend.server_release), _numbers(sqlalchemy_release))
    return _FACTS[key]


def applies(row: Mapping[str, str], rows: Iterable[Mapping[str, str]], at: Configuration) -> bool:
    """Does ``row`` (one of ``rows``, its table) state the behaviour at ``at``?"""
    for column in FACT_COLUMNS:
        cell = row.get(column)
        if cell and cell != fact_cell(getattr(facts_at(at.spec_backend, at.sqlalchemy), column)):
            return False
    return states_configuration(row, list(rows), at)


def api_tagged(tags: Iterable[str]) -> str | None:
    """The Session API an ``@api:...`` tag restricts a scenario to, if any."""
    return configuration_tags(tags).get("api")


def configuration_tags(tags: Iterable[str]) -> dict[str, str]:
    """The configurations a scenario, Rule or Feature is restricted to by its tags: a dimension's
    Examples column and a cell of it, ``@api:async``, ``@sqlalchemy:>=2.1``, ``@python:>=3.12``
    (behave's active tags). The scenario does not apply elsewhere: it states a behaviour the other
    configurations do not have (an AsyncSession entry point, a parameter added in 2.1)."""
    found: dict[str, str] = {}
    for tag in tags:
        column, sep, cell = tag.partition(":")
        if sep and column in BY_COLUMN and column != "backend":
            found[column] = cell
    return found


def tagged_for(tags: Iterable[str], at: Configuration) -> bool:
    """Do the scenario's configuration tags (``configuration_tags``) admit ``at``?"""
    return all(
        BY_COLUMN[column].matches(cell, at, [])  # type: ignore[misc]
        for column, cell in configuration_tags(tags).items()
    )


def unknown_values(rows: Iterable[Mapping[str, str]]) -> dict[str, list[str]]:
    """Per configuration column, the cells that name no value of its dimension."""
    return invalid_cells(rows)


def possible_answers() -> dict[str, set[str]]:
    """Per fact, the cells some backend answers, at any of its server versions, on any
    SQLAlchemy release line: a cell outside them states a row no run can select."""
    if not _POSSIBLE:
        installed = ".".join(map(str, installed_sqlalchemy()))
        releases = {installed, *(".".join(map(str, line)) for line in SQLALCHEMY_LINES)}
        for name in select_backends(["all@all"], None):
            for release in releases:
                facts = facts_at(get_backend(name), release)
                for column in FACT_COLUMNS:
                    _POSSIBLE.setdefault(column, set()).add(fact_cell(getattr(facts, column)))
    return _POSSIBLE


_POSSIBLE: dict[str, set[str]] = {}

_FACT_LIKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")


def step_text(template: Any) -> str:
    """The text of a pytest-bdd ScenarioTemplate's steps, data tables and doc strings: where
    its Examples columns are used as ``<column>``."""
    parts = []
    for step in template.steps:
        parts.append(step.name)
        if step.docstring:
            parts.append(step.docstring)
        if step.datatable:
            parts.extend(cell.value for row in step.datatable.rows for cell in row.cells)
    return "\n".join(parts)


def table_problem(rows: Sequence[Mapping[str, str]], step_text: str) -> str | None:
    """What is wrong with a table's dimension columns (None: nothing), in one line: a backend
    cell naming no backend, a snake_case column no step uses that names no fact (a misspelt
    fact column), a fact cell no backend answers."""
    for column, cells in unknown_values(rows).items():
        return f"Examples column {column} names {cells}: choose from {BY_COLUMN[column].choices}"
    columns = list(rows[0]) if rows else []
    misspelt = [
        c
        for c in columns
        if c not in DIMENSIONS and _FACT_LIKE.match(c) and f"<{c}>" not in step_text
    ]
    if misspelt:
        close = difflib.get_close_matches(misspelt[0], FACT_COLUMNS, n=3)
        choose = f"did you mean {' or '.join(close)}?" if close else ", ".join(FACT_COLUMNS)
        return (
            f"Examples column {misspelt[0]!r} is no step's parameter and names no backend fact: "
            f"{choose} (orm_spec/backends/facts.py)"
        )
    possible = possible_answers()
    for column in (c for c in columns if c in FACT_COLUMNS):
        for cell in sorted({r[column] for r in rows if r.get(column)}):
            if cell not in possible[column]:
                return (
                    f"Examples column {column} has {cell!r}, which no backend answers: choose "
                    f"from {', '.join(sorted(possible[column]))}"
                )
    return None


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
    # A fact column is a dimension: rows of one fact value are one behaviour's answer there.
    groups: dict[tuple[str, ...], list[Mapping[str, str]]] = {}
    for row in rows:
        groups.setdefault(tuple(row.get(d, "") for d in DIMENSIONS), []).append(row)
    columns = [c for c in (rows[0] if rows else {}) if c not in DIMENSIONS]
    return [c for c in columns if any(len({r.get(c) for r in g}) > 1 for g in groups.values())]
