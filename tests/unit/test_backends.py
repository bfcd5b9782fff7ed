from __future__ import annotations

import pytest

from orm_spec.backends import BACKENDS, BackendSelectionError, Facts, select_backends


def test_default_is_every_default_backend_and_all_is_every_backend() -> None:
    assert select_backends(None, None) == [n for n, b in BACKENDS.items() if b.default]
    assert "postgresql_psycopg_async" not in select_backends(None, None)
    assert select_backends(["all"], None) == list(BACKENDS)


def test_command_line_wins_over_environment_and_keeps_canonical_order() -> None:
    assert select_backends(["postgresql", "sqlite"], "mariadb") == ["sqlite", "postgresql"]


def test_environment_is_a_comma_separated_list() -> None:
    assert select_backends([], "mariadb, sqlite") == ["sqlite", "mariadb"]


def test_an_unknown_name_is_a_usage_error_naming_the_valid_ones() -> None:
    with pytest.raises(BackendSelectionError) as caught:
        select_backends(["oracle"], None)
    message = str(caught.value)
    assert "'oracle'" in message
    assert all(name in message for name in BACKENDS)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("not a url", "is not a valid SQLAlchemy URL"),
        ("sqlite:///x.db", "names a 'sqlite' database"),
    ],
)
def test_a_bad_postgres_url_says_what_is_expected(
    monkeypatch: pytest.MonkeyPatch, raw: str, fragment: str
) -> None:
    monkeypatch.setenv("ORM_SPEC_POSTGRES_URL", raw)
    with pytest.raises(BackendSelectionError) as caught:
        BACKENDS["postgresql"].validate()
    assert fragment in str(caught.value)
    assert "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE" in str(caught.value)


def test_a_mariadb_url_may_use_the_mysql_dialect(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORM_SPEC_MARIADB_URL", "mysql+pymysql://u:p@localhost/db")
    BACKENDS["mariadb"].validate()


def test_every_fact_has_a_question() -> None:
    for name in Facts.names():
        assert Facts.question(name).endswith("?"), name


@pytest.mark.parametrize("name", list(BACKENDS))
def test_every_backend_answers_every_fact(name: str) -> None:
    facts = BACKENDS[name].facts((99, 0))
    assert set(facts.answers()) == set(Facts.names())


@pytest.mark.parametrize(
    ("name", "version", "returning"),
    [
        ("sqlite", (3, 34, 1), False),
        ("sqlite", (3, 35, 0), True),
        ("mariadb", (10, 4), False),
        ("mariadb", (10, 5, 1), True),
        ("postgresql", (13, 0), True),
    ],
)
def test_version_facts_follow_the_server_version(
    name: str, version: tuple[int, ...], returning: bool
) -> None:
    assert BACKENDS[name].facts(version).insert_returning is returning


def test_a_missing_async_driver_is_one_line_naming_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "asyncpg" else real(name)
    )
    message = BACKENDS["postgresql_async"].missing_driver()
    assert message is not None and "\n" not in message
    assert "pip install asyncpg" in message


def test_an_async_url_naming_a_sync_driver_says_which_form_to_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ORM_SPEC_POSTGRES_ASYNC_URL", "postgresql+psycopg://u:p@localhost/db")
    with pytest.raises(BackendSelectionError) as caught:
        BACKENDS["postgresql_async"].validate()
    message = str(caught.value)
    assert "a sync driver" in message
    assert "postgresql+asyncpg://USER:PASSWORD@HOST:PORT/DATABASE" in message


def test_an_async_url_with_an_async_driver_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORM_SPEC_MARIADB_ASYNC_URL", "mysql+asyncmy://u:p@localhost/db")
    BACKENDS["mariadb_async"].validate()
    assert BACKENDS["mariadb_async"].server_key != BACKENDS["mariadb"].server_key


def test_async_backends_share_their_database_server_with_the_sync_ones() -> None:
    assert BACKENDS["postgresql_async"].server_key == BACKENDS["postgresql"].server_key
    assert BACKENDS["sqlite_async"].server_key != BACKENDS["sqlite"].server_key  # own file


def test_the_api_option_keeps_the_backends_of_one_session_api() -> None:
    assert select_backends(None, None, "async") == [
        "sqlite_async",
        "postgresql_async",
        "mariadb_async",
    ]
    with pytest.raises(BackendSelectionError, match="unknown session API"):
        select_backends(None, None, "threads")


@pytest.mark.parametrize(
    ("name", "release", "kept"),
    [
        ("sqlite_async", (2, 0, 37), False),
        ("sqlite_async", (2, 0, 38), True),
        ("sqlite", (2, 0, 37), True),
        ("postgresql_async", (2, 0, 37), True),
    ],
)
def test_only_aiosqlite_before_2_0_38_closes_a_connection_given_back(
    name: str, release: tuple[int, ...], kept: bool
) -> None:
    assert BACKENDS[name].facts((3, 40), release).pool_keeps_returned_connections is kept


def test_a_missing_driver_built_from_source_names_the_package_and_what_it_builds_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "mariadb" else real(name)
    )
    message = BACKENDS["mariadb_mariadbconnector"].missing_driver()
    assert message is not None and "\n" not in message
    assert "pip install mariadb " in message
    assert "libmariadb-dev" in message


def test_connector_python_is_opt_in_and_shares_the_mariadb_server() -> None:
    assert "mariadb_mariadbconnector" not in select_backends(None, None)
    assert "mariadb_mariadbconnector@11.8" in select_backends(["all@all"], None)
    backend = BACKENDS["mariadb_mariadbconnector"]
    assert backend.server_key == BACKENDS["mariadb"].server_key


def test_connector_python_url_drops_the_charset_it_refuses() -> None:
    from sqlalchemy.engine import make_url

    from orm_spec.backends import ProvidedDatabase

    provided = ProvidedDatabase(
        make_url("mysql+pymysql://u:p@127.0.0.1:3306/db?charset=utf8mb4"), how="test"
    )
    url = BACKENDS["mariadb_mariadbconnector"].url(provided)
    assert url.drivername == "mariadb+mariadbconnector"
    assert "charset" not in url.query
