"""The Session API adapter: sync or async is chosen once, when a backend's database is opened,
and nothing outside ``orm_spec/session_io.py`` asks which one it has."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, sessionmaker

from orm_spec.backends import BACKENDS
from orm_spec.domain import AuthoringError
from orm_spec.session_io import SESSION_APIS, AsyncApi, SessionApi, SyncApi, open_session_api

ORM_SPEC = Path(__file__).resolve().parents[2] / "orm_spec"
ADAPTER = ORM_SPEC / "session_io.py"

# The ways code has asked "is this backend async?": the AsyncEngine's presence, the type of a
# session or connection, the event loop, an async context manager.
ASKS_SYNC_OR_ASYNC = re.compile(
    r"async_engine is (not )?None|async_engine or |isinstance\([^)]*Async"
    r"|\.loop is (not )?None|__aenter__"
)


def test_only_the_adapter_asks_whether_the_api_is_sync_or_async() -> None:
    found = [
        f"{path.relative_to(ORM_SPEC.parent)}:{number}: {line.strip()}"
        for path in sorted(ORM_SPEC.rglob("*.py"))
        if path != ADAPTER
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if ASKS_SYNC_OR_ASYNC.search(line)
    ]
    assert not found, "ask db.api instead (orm_spec/session_io.py):\n" + "\n".join(found)


def test_every_backend_api_has_its_implementation() -> None:
    assert {b.api for b in BACKENDS.values()} <= set(SESSION_APIS)
    assert all(cls.api == name for name, cls in SESSION_APIS.items())


def test_an_unknown_api_is_a_one_line_error() -> None:
    with pytest.raises(ValueError, match=r"^mine declares api 'threads': choose from sync, async$"):
        open_session_api("mine", "threads", make_url("sqlite://"), {})


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest) -> Iterator[SessionApi]:
    url = make_url("sqlite://" if request.param == "sync" else "sqlite+aiosqlite://")
    opened = open_session_api("memory", request.param, url, {})
    yield opened
    opened.dispose()


def _one(conn: Connection) -> int:
    return int(conn.execute(text("SELECT 1")).scalar_one())


def test_both_apis_answer_the_same_calls(api: SessionApi) -> None:
    assert api.admin(_one) == 1
    assert api.fresh_session(lambda s: s.scalar(text("SELECT 2"))) == 2
    assert api.with_implicit_io(lambda: 3, None) == 3
    session = api.sessionmaker()()
    assert isinstance(api.sync_session(session), Session)
    with api.entered(api.sessionmaker().begin()) as inside:
        assert api.call(inside.scalar(text("SELECT 4"))) == 4
    connection = api.connect()
    assert api.sync_connection(connection).engine is api.engine
    api.call(connection.close())
    api.call(session.close())


def test_the_sync_api_makes_sessions_and_refuses_what_only_asyncsession_has() -> None:
    api = open_session_api("sqlite", "sync", make_url("sqlite://"), {})
    assert isinstance(api, SyncApi) and api.bind is api.engine
    assert isinstance(api.sessionmaker(), sessionmaker)
    tag = r"^sqlite drives a sync Session: tag the scenario @api:async$"
    with pytest.raises(AuthoringError, match=tag):
        api.require_async()
    with pytest.raises(AuthoringError, match=tag):
        api.async_session(Session(api.engine))
    with pytest.raises(AuthoringError, match=tag):
        _ = api.async_engine
    api.dispose()


def test_the_async_api_awaits_on_its_own_loop_which_a_second_engine_shares() -> None:
    api = open_session_api("sqlite_async", "async", make_url("sqlite+aiosqlite://"), {})
    assert isinstance(api, AsyncApi) and api.engine is api.async_engine.sync_engine
    assert isinstance(api.sessionmaker(), async_sessionmaker)
    api.require_async()
    session = api.sessionmaker()()
    assert isinstance(api.async_session(session), AsyncSession)
    api.run(session.close())
    second = api.another_engine(make_url("sqlite+aiosqlite://"), {})
    assert isinstance(second, AsyncApi) and second.loop is api.loop
    second.dispose()
    assert not api.loop.is_closed(), "a second engine closed the backend's loop"
    api.dispose()
    assert api.loop.is_closed()
