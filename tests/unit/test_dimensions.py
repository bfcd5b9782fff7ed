"""The dimension registry: configurations, and how Examples cells state them."""

from __future__ import annotations

import platform

import pytest
import sqlalchemy

from orm_spec.backends import get_backend
from orm_spec.dimensions import COLUMNS, DIMENSIONS, Configuration, invalid_cells
from orm_spec.examples import applies


def _at(backend: str, **values: str) -> Configuration:
    return Configuration.from_dict({**Configuration.of(get_backend(backend)).as_dict(), **values})


def test_a_configuration_is_read_from_the_backend_and_this_interpreter() -> None:
    at = Configuration.of(get_backend("mariadb_async@10.5"))
    assert at.as_dict() == {
        "backend": "mariadb_async@10.5",
        "database": "mariadb",
        "driver": "asyncmy",
        "server": "10.5",
        "api": "async",
        "sqlalchemy": sqlalchemy.__version__,
        "python": platform.python_version(),
    }
    assert at.api == at["api"] == "async"
    assert [d.name for d in DIMENSIONS] == list(at.as_dict())


def test_the_examples_columns_are_the_dimensions_that_declare_one() -> None:
    assert COLUMNS == ("backend", "api", "sqlalchemy", "python")


@pytest.mark.parametrize(
    ("python", "stated"), [("3.11.7", "legacy"), ("3.12.1", "autocommit"), ("3.13.0", "autocommit")]
)
def test_a_python_column_states_a_release_line_or_a_bound(python: str, stated: str) -> None:
    rows = [
        {"backend": "sqlite", "python": "<3.12", "mode": "legacy"},
        {"backend": "sqlite", "python": ">=3.12", "mode": "autocommit"},
        {"backend": "postgresql", "python": "", "mode": "none"},
    ]
    at = _at("sqlite_transactional", python=python)
    assert [r["mode"] for r in rows if applies(r, rows, at)] == [stated]
    assert [r["mode"] for r in rows if applies(r, rows, _at("postgresql", python=python))] == [
        "none"
    ]


def test_the_most_specific_backend_row_applies_with_its_server_bound() -> None:
    rows = [
        {"backend": "mariadb", "x": "database"},
        {"backend": "mariadb_async>=10.7", "x": "async, new servers"},
        {"backend": "mariadb_async@10.5", "x": "async on 10.5"},
    ]
    found = {
        name: [r["x"] for r in rows if applies(r, rows, Configuration.of(get_backend(name)))]
        for name in ("mariadb", "mariadb@10.5", "mariadb_async", "mariadb_async@10.5")
    }
    assert found == {
        "mariadb": ["database"],
        "mariadb@10.5": ["database"],
        "mariadb_async": ["async, new servers"],
        "mariadb_async@10.5": ["async on 10.5"],
    }


def test_cells_no_configuration_can_have_are_refused() -> None:
    rows = [
        {"backend": "sqlight", "api": "asnc", "sqlalchemy": "2.x", "python": ""},
        {"backend": "", "api": "sync", "sqlalchemy": ">=2.0.38", "python": "3.12"},
    ]
    assert invalid_cells(rows) == {
        "backend": ["", "sqlight"],
        "api": ["asnc"],
        "sqlalchemy": ["2.x"],
    }


def test_configurations_sort_by_backend_then_version() -> None:
    names = ["postgresql@17", "sqlite", "postgresql", "postgresql@13"]
    ordered = sorted((Configuration.of(get_backend(n)) for n in names), key=Configuration.sort_key)
    assert [c.backend for c in ordered] == [
        "sqlite",
        "postgresql@13",
        "postgresql",
        "postgresql@17",
    ]
    older = _at("sqlite", python="3.9.18")
    assert sorted([_at("sqlite"), older], key=Configuration.sort_key)[0] == older


@pytest.mark.parametrize(
    ("release", "stated"),
    [("2.0.58", "values"), ("2.0.59", "expired"), ("2.1.0", "values"), ("2.1.9", "values")],
)
def test_a_sqlalchemy_cell_of_bounds_joined_by_commas_needs_them_all(
    release: str, stated: str
) -> None:
    rows = [
        {"sqlalchemy": "<2.0.59", "bob": "values"},
        {"sqlalchemy": ">=2.0.59,<2.1", "bob": "expired"},
        {"sqlalchemy": "2.1", "bob": "values"},
    ]
    at = _at("sqlite", sqlalchemy=release)
    assert [r["bob"] for r in rows if applies(r, rows, at)] == [stated]
    assert invalid_cells(rows) == {}
    assert invalid_cells([{"sqlalchemy": ">=2.0.59,,<2.1"}]) == {"sqlalchemy": [">=2.0.59,,<2.1"]}
