"""Connections: Session.connection() and its execution options, results kept unread, binds to a
second engine, and a session joining a connection's transaction (join_transaction_mode).

Everything that may do IO goes through the Session or the AsyncSession the scenario opened,
awaited on the backend's loop for an AsyncSession (``world.db.api``), so that every phrase means the
same on both APIs. A second engine (for ``binds``) is built like the backend's own engine, on the
same database; the scenario's SQL recorder listens to it too, so the SQL steps count what both
engines ran, and ``SecondEngine`` knows which statements were its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event, insert, select
from sqlalchemy.pool import AsyncAdaptedQueuePool, QueuePool

from orm_spec.domain import KINDS, AuthoringError, ObjectName
from orm_spec.session_io import ConnectionIO, Savepoint
from orm_spec.steps.kit import action, given, then
from orm_spec.steps.transactions import OuterTransaction
from orm_spec.world import OutcomeKind, SpecWorld


def _on_connection(world: SpecWorld, connection: Any, statement: Any) -> Any:
    """Execute on a connection of the scenario's own (awaited for an AsyncConnection)."""
    return world.db.api.call(connection.execute(statement))


# -- Session.connection() and execution options --------------------------------------------------
@action(
    r"I call session\.connection\(\)(?: again)?(?: with execution_options {options})?",
    OutcomeKind.CONNECTION,
)
def session_connection(world: SpecWorld, options: dict[str, Any] | None) -> Connection:
    arguments = {"execution_options": options} if options else {}
    # The Connection itself: an AsyncConnection proxies one, and identity is checked on it.
    return world.db.api.sync_connection(world.io().call("connection", **arguments))


def _connections(world: SpecWorld) -> list[Connection]:
    return [o.value for o in world.outcomes if o.kind is OutcomeKind.CONNECTION and o.error is None]


@then(r"the last two connections returned are (?P<verdict>the same|different) objects?")
def last_two_connections(world: SpecWorld, verdict: str) -> None:
    returned = _connections(world)
    assert len(returned) >= 2, f"{len(returned)} connection(s) were returned, not two"
    same = returned[-1] is returned[-2]
    assert same is (verdict == "the same"), f"the connections were {'' if same else 'not '}the same"


@then(r"the connection returned is {negated}in a transaction")
def connection_in_transaction(world: SpecWorld, negated: bool) -> None:
    connection: Connection = world.last(OutcomeKind.CONNECTION).value
    actual = connection.in_transaction()
    assert actual is not negated, f"the connection's in_transaction() is {actual}"


@action(
    r"I select all users ordered by name(?: from a statement carrying {statement:options},)? "
    r"passing {options} to session\.execute\(\)",
    OutcomeKind.QUERY,
)
def select_with_execution_options(
    world: SpecWorld, statement: dict[str, Any] | None, options: dict[str, Any]
) -> list[Any]:
    user = world.models.user
    query = select(user).order_by(user.name)
    if statement:
        query = query.execution_options(**statement)
    found = list(world.io().execute(query, execution_options=options).scalars())
    world.remember_loaded(found)
    return found


@action(
    r"I execute a select of all users ordered by name(?P<prebuffer> with prebuffer_rows=True)? "
    r"and keep its result unread",
    target_fixture="kept_result",
)
def keep_result(world: SpecWorld, prebuffer: str | None) -> Any:
    user = world.models.user
    options = {"prebuffer_rows": True} if prebuffer else {}
    return world.io().execute(select(user).order_by(user.name), execution_options=options)


@pytest.fixture
def kept_result() -> Any:
    raise AuthoringError("no result is kept: a step must execute a select and keep its result")


@action(r"I read the users from the kept result", OutcomeKind.QUERY)
def read_kept_result(world: SpecWorld, kept_result: Any) -> list[Any]:
    found = list(kept_result.scalars().all())
    world.remember_loaded(found)
    return found


# -- binds: a second engine ----------------------------------------------------------------------
@dataclass
class SecondEngine:
    """An engine of its own on the scenario's database, as a Session's ``binds`` name one."""

    engine: Engine
    """The synchronous engine (an AsyncEngine's sync_engine): what events and get_bind() see."""
    bind: Any
    """What the session is given: the Engine, or the AsyncEngine on an async backend."""
    positions: set[int] = field(default_factory=set)
    """Indexes into the scenario's recorded statements of those this engine executed."""


@pytest.fixture
def second_engine() -> SecondEngine:
    raise AuthoringError(
        'no second engine: write "Given a session whose posts are bound to a second engine"'
    )


def _build_second_engine(world: SpecWorld) -> SecondEngine:
    backend = world.db.backend
    url, options = backend.url(world.db.provided), backend.engine_options()
    driven = world.db.api.another_engine(url, options)
    engine, bind = driven.engine, driven.bind
    backend.prepare_engine(engine)  # the same transaction handling as the backend's engine
    second = SecondEngine(engine, bind)
    recorder = world.db.recorder

    def mark(*_: Any) -> None:
        second.positions.add(len(recorder.statements) - 1)

    # The scenario's recorder sees this engine's SQL too (the SQL steps, the tables to empty);
    # mark runs after it and notes which statements were this engine's.
    recorder.attach(engine)
    event.listen(engine, "before_cursor_execute", mark)

    def dispose() -> None:
        event.remove(engine, "before_cursor_execute", mark)
        recorder.detach(engine)
        driven.dispose()

    world.cleanups.append(dispose)
    return second


@given(r"every session of the scenario uses an engine whose queue pool has {options}")
def sessions_on_own_engine(world: SpecWorld, options: dict[str, Any]) -> None:
    """An engine with pool options of the scenario's own (a pool of one connection), built as
    the backend builds its engine; the rows of the Background stay on the backend's engine.
    The queue pool is named: before 2.0.38 an AsyncEngine on a SQLite file had a NullPool,
    which refuses pool_size (see VD5)."""
    backend = world.db.backend
    url = backend.url(world.db.provided)
    pool = AsyncAdaptedQueuePool if world.api == "async" else QueuePool
    engine_options = {**backend.engine_options(), "poolclass": pool, **options}
    driven = world.db.api.another_engine(url, engine_options)
    backend.prepare_engine(driven.engine)
    world.db.recorder.attach(driven.engine)

    def dispose() -> None:
        world.db.recorder.detach(driven.engine)
        driven.dispose()

    world.cleanups.append(dispose)
    world.factory_options["bind"] = driven.bind


@action(r"I invalidate the session's connection, as a dropped connection does")
def invalidate_connection(world: SpecWorld) -> None:
    # Connection.invalidate() is what SQLAlchemy itself does on a disconnect error: the DBAPI
    # connection is discarded while the session's transaction is still on it.
    connection = world.io().call("connection")
    world.db.api.call(connection.invalidate())


def _declarative_base(cls: type) -> type:
    return next(c for c in cls.__mro__ if "registry" in vars(c))


@given(
    r"a session whose (?P<what>posts are bound to a second engine|mapped classes are bound to "
    r"a second engine through their declarative base)",
    target_fixture="second_engine",
)
def session_with_binds(world: SpecWorld, what: str) -> SecondEngine:
    second = _build_second_engine(world)
    post = world.models.post
    key = post if what.startswith("posts") else _declarative_base(post)
    world.adopt_session(world.factory(binds={key: second.bind})())
    return second


@given(
    r"a session with no default bind, whose users are bound to its engine and posts to a "
    r"second engine",
    target_fixture="second_engine",
)
def session_without_default_bind(world: SpecWorld) -> SecondEngine:
    second = _build_second_engine(world)
    own = world.db.api.bind
    binds = {world.models.user: own, world.models.post: second.bind}
    world.adopt_session(world.factory(bind=None, binds=binds)())
    return second


@action(
    r"I ask the session for the bind of (?:the (?P<kind>user|post) class|no class)",
    OutcomeKind.BIND,
)
def ask_bind(world: SpecWorld, kind: str | None) -> Any:
    session = world.session()
    return session.get_bind(world.model(KINDS[kind])) if kind else session.get_bind()


@then(r"the bind returned is (?P<which>the second engine|the session's own engine)")
def bind_returned(world: SpecWorld, second_engine: SecondEngine, which: str) -> None:
    returned = world.last(OutcomeKind.BIND).value
    expected = second_engine.engine if which == "the second engine" else world.db.engine
    assert returned is expected, f"the bind returned is {returned!r}, not {which}"


# -- join_transaction_mode -----------------------------------------------------------------------
@given(
    r"a connection with a transaction and a SAVEPOINT begun on it",
    target_fixture="outer_transaction",
)
def connection_in_savepoint(world: SpecWorld) -> OuterTransaction:
    connection = ConnectionIO(world.db)
    world.cleanups.append(connection.close)
    outer = connection.begin()
    connection.begin_nested()
    return OuterTransaction(connection, Savepoint(outer.commit, outer.rollback))


@given(r"the connection has inserted a new user {user}")
def connection_inserts(
    world: SpecWorld, outer_transaction: OuterTransaction, user: ObjectName
) -> None:
    row = {"name": user.label, "email": f"{user.label.lower()}@example.com"}
    _on_connection(world, outer_transaction.connection.bind, insert(world.models.user).values(row))


@given(r"a session bound to that connection with the default join_transaction_mode")
def session_on_connection_default(world: SpecWorld, outer_transaction: OuterTransaction) -> None:
    world.adopt_session(world.factory(bind=outer_transaction.connection.bind)())


@then(r"the connection is {negated}in a transaction")
def outer_connection_in_transaction(outer_transaction: OuterTransaction, negated: bool) -> None:
    actual = outer_transaction.connection.bind.in_transaction()
    assert actual is not negated, f"the connection's in_transaction() is {actual}"


@then(r"the connection (?P<verdict>finds|does not find) {user}")
def connection_finds(
    world: SpecWorld, outer_transaction: OuterTransaction, verdict: str, user: ObjectName
) -> None:
    model = world.models.user
    statement = select(model.name).where(model.name == user.label)
    found = _on_connection(world, outer_transaction.connection.bind, statement).all()
    assert bool(found) is (verdict == "finds"), f"the connection found {found!r}"
