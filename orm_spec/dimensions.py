"""The dimensions a configuration of the spec varies in, each declared once, here.

A configuration is one value per dimension: the backend (``postgresql@13``, its test id), the
database, the driver, the server version, the Session API, the SQLAlchemy release and the Python
version. Everything that tells configurations apart reads this registry: which Examples columns
state a configuration and how their cells match (``examples``), the test ids' configuration
(``plugin``), what the results file records per configuration (``results``), the report's
columns and filters (``report``), how ``orm-spec diff`` matches two runs' configurations
(``diff``).

A new dimension is one ``Dimension`` in ``DIMENSIONS``: how it is read for a backend in this
process, and, if an Examples column may state it, the column's name and how a cell matches.
"""

from __future__ import annotations

import platform
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy

from orm_spec.backends import APIS, BACKENDS, Backend, backend_order, get_backend

Rows = Sequence[Mapping[str, str]]


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def release_matches(wanted: str, installed: str) -> bool:
    """ "2.0" is every 2.0.x; "<2.0.38" and ">=2.0.38" compare whole versions; parts joined by
    commas must all hold (">=2.0.59,<2.1": a fix on one line that the next has not had yet)."""
    if "," in wanted:
        return all(release_matches(part.strip(), installed) for part in wanted.split(","))
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


_RELEASE_PART = r"(?:<=|>=|<|>)?[0-9]+(?:\.[0-9]+)*"
_RELEASE_CELL = re.compile(rf"^{_RELEASE_PART}(?:,\s*{_RELEASE_PART})*$")
_BACKEND_CELL = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)(?P<version>(?:@|<=|>=|<|>)[0-9.]+)?$")


def backend_cell(value: str) -> tuple[str, str | None]:
    """``mariadb>=10.7`` -> ("mariadb", ">=10.7"); ``mariadb@10.5`` -> ("mariadb", "10.5")."""
    match = _BACKEND_CELL.match(value.strip())
    if match is None:
        return value, None
    version = match["version"]
    return match["name"], version.removeprefix("@") if version else None


def _backend_matches(cell: str, at: Configuration, rows: Rows) -> bool:
    # The most specific row applies: a database's row covers its backends until one of them
    # has a row of its own.
    name, version = backend_cell(cell)
    base = at.backend.partition("@")[0]
    named = {backend_cell(r["backend"])[0] for r in rows if "backend" in r}
    if not (name == base or (name == at.database and base not in named)):
        return False
    return not version or release_matches(version, at.server)


def _known_backend(cell: str) -> bool:
    known = set(BACKENDS) | {b.database for b in BACKENDS.values()}
    return backend_cell(cell)[0] in known


def _line(version: str) -> str:
    """The release line: "2.1" of "2.1.9", "3.12" of "3.12.1"."""
    return ".".join(version.split(".")[:2])


def _same(value: str) -> str:
    return value


def _text(value: str) -> Any:
    return value


def _version_order(value: str) -> Any:
    return (_numbers(value), value)


@dataclass(frozen=True)
class Dimension:
    name: str
    """Its key in the results file, in the report's filters (``data-dimension``) and code."""
    title: str
    """For people: the report's headings and filters, the diff's descriptions."""
    read: Callable[[Backend], str]
    """Its value for a backend in this process (before any connection: the value an Examples
    row is chosen by)."""
    of_backend: bool
    """The backend's name decides the value: it never tells two columns of one backend apart,
    and ``orm-spec diff`` never compares across it."""
    column: str | None = None
    """The Examples column that states configurations by it, if any."""
    matches: Callable[[str, Configuration, Rows], bool] | None = None
    """Does a (non-empty) cell of ``column`` state the configuration? The table's rows are
    given for cells that depend on the other rows (the most specific backend row)."""
    valid: Callable[[str], bool] | None = None
    """A cell an author may write; the others are refused at collection, naming ``choices``."""
    choices: str = ""
    detail: str | None = None
    """The key in a results file's ``versions`` holding what the run measured once connected
    (``psycopg 3.2.1``, server ``15.4``): shown in the report in place of the value."""
    sort: Callable[[str], Any] = _text
    group: Callable[[str], str] = _same
    """The value the report's filter offers (a release line for a full version)."""
    filtered: bool = True
    """The report offers a filter on it when its values differ between columns."""


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "backend",
        "backend",
        lambda b: b.name,
        of_backend=True,
        column="backend",
        matches=_backend_matches,
        valid=_known_backend,
        choices=f"{', '.join(BACKENDS)} or a database "
        f"({', '.join(sorted({b.database for b in BACKENDS.values()}))}), optionally with a "
        "server version (mariadb@10.5, mariadb>=10.7)",
        sort=lambda name: backend_order(name),
        filtered=False,  # the columns themselves
    ),
    Dimension("database", "database", lambda b: b.database, of_backend=True),
    Dimension("driver", "driver", lambda b: b.driver, of_backend=True, detail="driver"),
    Dimension(
        "server",
        "server version",
        lambda b: b.server_release,
        of_backend=True,
        detail="server",
        sort=_version_order,
    ),
    Dimension(
        "api",
        "Session API",
        lambda b: b.api,
        of_backend=True,
        column="api",
        matches=lambda cell, at, rows: cell == at.api,
        valid=lambda cell: cell in APIS,
        choices=" or ".join(APIS),
    ),
    Dimension(
        "sqlalchemy",
        "SQLAlchemy",
        # Read when asked, not at import: a run may stand in another release (a test does).
        lambda b: sqlalchemy.__version__,
        of_backend=False,
        column="sqlalchemy",
        matches=lambda cell, at, rows: release_matches(cell, at.sqlalchemy),
        valid=_RELEASE_CELL.match,  # type: ignore[arg-type]
        choices="a release line (2.0), a bound (<2.0.38, >=2.0.38) or bounds (>=2.0.59,<2.1)",
        sort=_version_order,
        group=_line,
    ),
    Dimension(
        "python",
        "Python",
        lambda b: platform.python_version(),
        of_backend=False,
        column="python",
        matches=lambda cell, at, rows: release_matches(cell, at.python),
        valid=_RELEASE_CELL.match,  # type: ignore[arg-type]
        choices="a release line (3.12) or a bound (<3.12, >=3.12)",
        sort=_version_order,
        group=_line,
    ),
)
BY_NAME: dict[str, Dimension] = {d.name: d for d in DIMENSIONS}
_INDEX: dict[str, int] = {d.name: i for i, d in enumerate(DIMENSIONS)}

COLUMNS: tuple[str, ...] = tuple(d.column for d in DIMENSIONS if d.column)
"""The Examples columns that state configurations rather than behaviours or answers."""
BY_COLUMN: dict[str, Dimension] = {d.column: d for d in DIMENSIONS if d.column}


@dataclass(frozen=True)
class Configuration:
    """One configuration the spec runs on: a value per dimension, in ``DIMENSIONS``' order.

    ``at.api``, ``at["api"]``: a dimension's value by its name.
    """

    values: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.values) != len(DIMENSIONS):
            raise ValueError(f"a configuration has {len(DIMENSIONS)} values, not {self.values!r}")

    @classmethod
    def of(cls, backend: Backend, **values: str) -> Configuration:
        """The configuration ``backend`` runs on in this process, or with the dimensions named in
        ``values`` standing in another value (``sqlalchemy="2.0.58"``: what a guard asks of a
        release it does not run)."""
        unknown = set(values) - set(_INDEX)
        if unknown:
            raise ValueError(f"no dimension {sorted(unknown)}: choose from {', '.join(_INDEX)}")
        return cls(tuple(values.get(d.name) or d.read(backend) for d in DIMENSIONS))

    @classmethod
    def from_dict(cls, values: Mapping[str, str]) -> Configuration:
        """As a results file records it; a dimension it does not record is "?" (a dimension
        added since the file was written)."""
        return cls(tuple(str(values.get(d.name, "?")) for d in DIMENSIONS))

    def as_dict(self) -> dict[str, str]:
        return dict(zip(_INDEX, self.values, strict=True))

    def __getitem__(self, name: str) -> str:
        return self.values[_INDEX[name]]

    def __getattr__(self, name: str) -> str:
        index = _INDEX.get(name)
        if index is None:
            raise AttributeError(name)
        return self.values[index]

    @property
    def spec_backend(self) -> Backend:
        """The backend the configuration runs (from its name: valid in the process that runs
        it, or for a backend this orm-spec knows)."""
        return get_backend(self.backend)

    def sort_key(self) -> tuple[Any, ...]:
        return tuple(d.sort(v) for d, v in zip(DIMENSIONS, self.values, strict=True))

    def describe(self, names: Iterable[str]) -> str:
        """``SQLAlchemy 2.1.9, Python 3.12.1``: the named dimensions, for people."""
        return ", ".join(f"{BY_NAME[n].title} {self[n]}" for n in names)


def states_configuration(row: Mapping[str, str], rows: Rows, at: Configuration) -> bool:
    """Does every configuration column of ``row`` (one of ``rows``, its table) state ``at``?
    An empty cell states every value."""
    for column, dimension in BY_COLUMN.items():
        cell = row.get(column)
        if cell and dimension.matches is not None and not dimension.matches(cell, at, rows):
            return False
    return True


def invalid_cells(rows: Iterable[Mapping[str, str]]) -> dict[str, list[str]]:
    """Per configuration column, the cells no configuration can have (a typo, an unknown
    backend): refused at collection rather than never matching."""
    found: dict[str, set[str]] = {}
    for row in rows:
        for column, dimension in BY_COLUMN.items():
            cell = row.get(column)
            if cell is None or dimension.valid is None:
                continue
            # An empty cell states every value, but an empty backend cell names no backend.
            if (column == "backend" or cell) and not dimension.valid(cell.strip()):
                found.setdefault(column, set()).add(cell)
    return {column: sorted(cells) for column, cells in found.items()}


def differing(configurations: Sequence[Configuration]) -> list[Dimension]:
    """The dimensions whose values differ between ``configurations``."""
    return [d for d in DIMENSIONS if len({c[d.name] for c in configurations}) > 1]
