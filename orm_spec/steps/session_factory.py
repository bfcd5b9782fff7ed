"""The session factory: sessionmaker options and info, sessions made by calling it, a kept
sessionmaker reconfigured, and options set on a session already made.
"""

from __future__ import annotations

from typing import Any

import pytest

from orm_spec.domain import AuthoringError
from orm_spec.steps.checks import check_value
from orm_spec.steps.kit import action, given, then
from orm_spec.world import MAIN, SpecWorld


# -- session options, sessionmaker, info ---------------------------------------------------------
@given(r"the session factory is sessionmaker\(info={info}\)")
def factory_with_info(world: SpecWorld, info: dict[str, Any]) -> None:
    world.factory_options = {**world.factory_options, "info": info}


@given(r"the session factory is sessionmaker\(execution_options={options:info}\)")
def factory_with_execution_options(world: SpecWorld, options: dict[str, Any]) -> None:
    """Session-level execution options (SQLAlchemy 2.1). A connection whose isolation level
    they changed is reset when given back, which on pysqlite undoes the sqlite_transactional
    recipe: the pool is emptied when the scenario ends (as for session.connection()'s)."""
    if "isolation_level" in options:
        world.cleanups.append(lambda: world.db.dispose(finally_=False))
    world.factory_options = {**world.factory_options, "execution_options": options}


@action(
    r"I make a (?P<ordinal>second |)session by calling the factory"
    r"(?: with (?:info={info}|{options}))?"
)
def session_from_factory_call(
    world: SpecWorld, ordinal: str, info: dict[str, Any] | None, options: dict[str, Any] | None
) -> None:
    # The arguments go to the factory's __call__, not to sessionmaker(): per session.
    arguments = {"info": info} if info is not None else options or {}
    world.adopt_session(world.factory()(**arguments), ordinal.strip() or MAIN)


@action(r'I set "(?P<key>[a-z_]+)" to {value} in the info of {session}')
def set_info(world: SpecWorld, key: str, value: Any, session: str) -> None:
    world.session(session).info[key] = value


@then(r'the info of {session} (?:maps "(?P<key>[a-z_]+)" to {value}|has no "(?P<missing>[a-z_]+)")')
def info_holds(
    world: SpecWorld, session: str, key: str | None, value: Any, missing: str | None
) -> None:
    info = world.session(session).info
    if missing is not None:
        assert missing not in info, f"the info of the {session} session is {info!r}"
    else:
        assert key in info, f"the info of the {session} session is {info!r}"
        check_value(info[key], value, f'info["{key}"] of the {session} session')


@action(r"I set the session's (?P<option>expire_on_commit|autoflush) to {value}")
def set_session_option(world: SpecWorld, option: str, value: Any) -> None:
    setattr(world.session(), option, value)


@given(r"a sessionmaker object", target_fixture="kept_factory")
def a_sessionmaker(world: SpecWorld) -> Any:
    return world.factory()


@pytest.fixture
def kept_factory() -> Any:
    raise AuthoringError('no sessionmaker is kept: write "Given a sessionmaker object" first')


@action(r"I call configure\({options}\) on that sessionmaker")
def configure_factory(kept_factory: Any, options: dict[str, Any]) -> None:
    kept_factory.configure(**options)


@action(r"I make a (?P<ordinal>second |)session with that sessionmaker")
def session_from_kept_factory(world: SpecWorld, kept_factory: Any, ordinal: str) -> None:
    world.adopt_session(kept_factory(), ordinal.strip() or MAIN)
