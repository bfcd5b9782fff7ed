"""The Session API beyond the basics: connections and binds, join_transaction_mode,
execution options, state management helpers and the errors the Session raises.

Everything that may do IO goes through the Session or the AsyncSession the scenario opened,
awaited on the backend's loop for an AsyncSession (``world.db.api``), so that every phrase means the
same on both APIs. A second engine (for ``binds``) is built like the backend's own engine, on the
same database; the scenario's SQL recorder listens to it too, so the SQL steps count what both
engines ran, and ``SecondEngine`` knows which statements were its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event, insert, inspect, select
from sqlalchemy.orm import Session, make_transient, make_transient_to_detached

from orm_spec.domain import KINDS, AuthoringError, ObjectName
from orm_spec.session_io import ConnectionIO, Savepoint
from orm_spec.steps.checks import check_exception, check_value
from orm_spec.steps.kit import action, given, then
from orm_spec.steps.rows import new_user
from orm_spec.steps.transactions import OuterTransaction
from orm_spec.world import MAIN, OutcomeKind, SpecWorld


# -- doing IO on either API ----------------------------------------------------------------------
def _call(world: SpecWorld, key: str, method: str, *args: Any, **kwargs: Any) -> Any:
    """Call a Session method that may do IO; an AsyncSession's coroutine is awaited."""
    return world.io(key).call(method, *args, **kwargs)


def _on_connection(world: SpecWorld, connection: Any, statement: Any) -> Any:
    """Execute on a connection of the scenario's own (awaited for an AsyncConnection)."""
    return world.db.api.call(connection.execute(statement))


# -- autobegin, begin(), reset(), invalidate() ---------------------------------------------------
@action(r"I open a session with {options}")
def open_session_with(world: SpecWorld, options: dict[str, Any]) -> None:
    world.open_session(**options)


@action(r"I begin a transaction on {session}")
def begin_transaction(world: SpecWorld, session: str) -> None:
    # Not as a context manager: the transaction stays begun for the steps that follow, as
    # session.begin() does in commit-as-you-go code.
    _call(world, session, "begin")


@action(r"I (?P<verb>invalidate|reset) {session}")
def invalidate_or_reset(world: SpecWorld, verb: str, session: str) -> None:
    _call(world, session, verb)


@given(r"the pool's invalidations are counted", target_fixture="invalidations")
def count_invalidations(world: SpecWorld) -> list[str]:
    seen: list[str] = []

    def invalidated(dbapi_connection: Any, record: Any, exception: Any) -> None:
        seen.append("invalidate")

    # On the backend's engine, shared by every scenario: removed when this one ends.
    event.listen(world.db.engine, "invalidate", invalidated)
    world.cleanups.append(lambda: event.remove(world.db.engine, "invalidate", invalidated))
    return seen


@pytest.fixture
def invalidations() -> list[str]:
    raise AuthoringError(
        'no invalidations are counted: write "Given the pool\'s invalidations are counted"'
    )


@then(r"the pool saw (?:exactly {count} invalidations?|no invalidation)")
def pool_saw_invalidations(invalidations: list[str], count: int | None) -> None:
    assert len(invalidations) == (count or 0), f"the pool saw {len(invalidations)} invalidation(s)"


# -- session options, sessionmaker, info ---------------------------------------------------------
@given(r"the session factory is sessionmaker\(info={info}\)")
def factory_with_info(world: SpecWorld, info: dict[str, Any]) -> None:
    world.factory_options = {**world.factory_options, "info": info}


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


# -- identity keys, is_modified ------------------------------------------------------------------
@action(
    r"I build the identity key of (?:the (?P<kind>user|post) class and {obj}'s id|{instance:obj} "
    r"itself) with Session\.identity_key\(\)",
    "identity_key",
)
def build_identity_key(
    world: SpecWorld, kind: str | None, obj: ObjectName | None, instance: ObjectName | None
) -> Any:
    if instance is not None:
        return Session.identity_key(instance=world.obj(instance))
    return Session.identity_key(world.model(KINDS[kind or "user"]), world.key_of(obj))  # type: ignore[arg-type]


@then(r"the key built is \(the (?P<kind>user|post) class, \((?:{count}|(?P<none>None)),\), None\)")
def key_built_is(world: SpecWorld, kind: str, count: int | None, none: str | None) -> None:
    key = world.last("identity_key").value
    expected = (world.model(KINDS[kind]), (None if none else count,), None)
    assert key == expected, f"the key built is {key!r}, not {expected!r}"


@then(r"the key built is {obj}'s identity key")
def key_built_is_objects(world: SpecWorld, obj: ObjectName) -> None:
    key, own = world.last("identity_key").value, inspect(world.obj(obj)).identity_key
    assert own is not None and key == own, f"the key built is {key!r}; {obj}'s is {own!r}"


@then(r"the identity map holds (?:{obj}|nothing) under the key built")
def identity_map_under_key(world: SpecWorld, obj: ObjectName | None) -> None:
    held = world.session().identity_map.get(world.last("identity_key").value)
    expected = world.obj(obj) if obj else None
    assert held is expected, f"the identity map holds {held!r} under the key built"


@then(r"{obj} is {negated}modified ignoring collections")
def is_modified_without_collections(world: SpecWorld, obj: ObjectName, negated: bool) -> None:
    actual = world.session().is_modified(world.obj(obj), include_collections=False)
    assert actual is not negated, f"is_modified({obj}, include_collections=False) is {actual}"


# -- make_transient, make_transient_to_detached --------------------------------------------------
STATE_FUNCTIONS: dict[str, Callable[[object], None]] = {
    "make_transient": make_transient,
    "make_transient_to_detached": make_transient_to_detached,
}


@action(rf"I call (?P<function>{'|'.join(STATE_FUNCTIONS)})\(\) on {{obj}}")
def call_state_function(world: SpecWorld, function: str, obj: ObjectName) -> None:
    STATE_FUNCTIONS[function](world.obj(obj))


@given(r"a new user {user} carrying the id of the existing row")
def new_user_with_existing_id(world: SpecWorld, user: ObjectName) -> None:
    created = new_user(world, user)
    created.id = world.key_of(user)  # only id, name and email are set: the rest is unloaded
    world.remember(user, created)


# -- Session.connection() and execution options --------------------------------------------------
@action(
    r"I call session\.connection\(\)(?: again)?(?: with execution_options {options})?",
    OutcomeKind.CONNECTION,
)
def session_connection(world: SpecWorld, options: dict[str, Any] | None) -> Connection:
    arguments = {"execution_options": options} if options else {}
    # The Connection itself: an AsyncConnection proxies one, and identity is checked on it.
    return world.db.api.sync_connection(_call(world, MAIN, "connection", **arguments))


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


# -- what an error says --------------------------------------------------------------------------
@then(r"the {exception} raised quotes the {cause:exception} raised before it")
def error_quotes_earlier(
    world: SpecWorld, exception: type[BaseException], cause: type[BaseException]
) -> None:
    last = world.last_attempt()
    check_exception(last.error, exception)
    earlier = [o.error for o in world.outcomes[: world.outcomes.index(last)] if o.error]
    quoted = [e for e in earlier if type(e) is cause]
    assert quoted, f"no {cause.__name__} was raised before the {exception.__name__}"
    assert str(quoted[-1]) in str(last.error), f"the {exception.__name__} says {str(last.error)!r}"
