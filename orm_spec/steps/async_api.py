"""What exists only under AsyncSession: awaitable attributes, run_sync, streaming results,
async_scoped_session, concurrent tasks and disposing of the AsyncEngine.

These steps await on the backend's event loop (``world.db.api.run``); on a sync backend there
is nothing to await, and they say so. async_session.feature runs on async backends only.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession, async_scoped_session

from orm_spec.domain import USER, AuthoringError, ObjectName
from orm_spec.steps.checks import check_exception
from orm_spec.steps.grammar import Call
from orm_spec.steps.kit import action, given, then
from orm_spec.steps.loading import Partitioned, build_options, remember_with_related
from orm_spec.steps.rows import new_user
from orm_spec.world import MAIN, OutcomeKind, SpecWorld


def _async_session(world: SpecWorld, key: str = MAIN) -> AsyncSession:
    return world.io(key).async_session()


@action(r"I await {obj}'s {attr} through awaitable_attrs", OutcomeKind.READ)
def await_attribute(world: SpecWorld, obj: ObjectName, attr: str) -> Any:
    target = world.obj(obj)
    if not hasattr(target, "awaitable_attrs"):
        raise AuthoringError('awaitable_attrs needs the model variant "with AsyncAttrs"')
    value = world.db.api.run(getattr(target.awaitable_attrs, attr))
    world.remember_loaded(value)
    return value


@action(r"I read {obj}'s {attr} inside run_sync", OutcomeKind.READ)
def read_in_run_sync(world: SpecWorld, obj: ObjectName, attr: str) -> Any:
    target = world.obj(obj)
    value = world.db.api.run(_async_session(world).run_sync(lambda _: getattr(target, attr)))
    world.remember_loaded(value)
    return value


@action(r"I stream all users ordered by name(?: with {loader_options})?", OutcomeKind.QUERY)
def stream_users(world: SpecWorld, loader_options: list[list[Call]] | None) -> list[Any]:
    session, user = _async_session(world), world.models.user
    statement = select(user).order_by(user.name)
    if loader_options:
        statement = statement.options(*build_options(world, USER, loader_options))

    async def collect() -> list[Any]:
        result = await session.stream_scalars(statement)
        return [row async for row in result]

    found = world.db.api.run(collect())
    for each in found:
        remember_with_related(world, each)
    return found


@action(
    r"I stream {obj} with session\.(?P<method>stream|stream_scalars)"
    r"\(statement, execution_options={execution_options:info}\)",
    OutcomeKind.LOAD,
)
def stream_one_with_options(
    world: SpecWorld, obj: ObjectName, method: str, execution_options: dict[str, Any]
) -> Any:
    session, statement = _async_session(world), world.lookup(obj)

    async def first() -> Any:
        result = await getattr(session, method)(statement, execution_options=execution_options)
        rows = [row async for row in result]
        return rows[0][0] if method == "stream" else rows[0]

    return world.remember(obj, world.db.api.run(first()))


@action(
    r"I stream all users by id with session\.(?P<method>stream|stream_scalars)"
    r"\(statement, execution_options={execution_options:info}\), partition by partition",
    OutcomeKind.QUERY,
)
def stream_partitions(
    world: SpecWorld, method: str, execution_options: dict[str, Any]
) -> Partitioned:
    """The options reach the result only through the call's argument: the statement has none."""
    session, user = _async_session(world), world.models.user
    found = Partitioned()
    found.partitions, found.driver_warnings = [], []

    async def collect() -> None:
        result = await getattr(session, method)(
            select(user).order_by(user.id), execution_options=execution_options
        )
        try:
            async for part in result.partitions():
                found.partitions.append([row[0] if method == "stream" else row for row in part])
        finally:
            await result.close()

    world.db.api.run(collect())
    found.extend(obj for part in found.partitions for obj in part)
    world.remember_loaded(list(found))
    return found


@action(
    r'I stream the id of the user named "(?P<name>[^"]+)" and take scalar_one\(\)', OutcomeKind.READ
)
def stream_scalar_one(world: SpecWorld, name: str) -> Any:
    session, user = _async_session(world), world.models.user

    async def take() -> Any:
        result = await session.stream(select(user.id).where(user.name == name))
        return await result.scalar_one()

    return world.db.api.run(take())


@action(r"I add a new user {user} with an empty posts list")
def add_user_with_empty_posts(world: SpecWorld, user: ObjectName) -> None:
    created = new_user(world, user)
    created.posts = []  # assigned, not just read: a read of a transient collection stores nothing
    world.session().add(world.remember(user, created))


# -- one AsyncSession in two tasks at once ---------------------------------------------------------
def _in_two_tasks(world: SpecWorld, operation: Callable[[], Awaitable[Any]]) -> list[Any]:
    """Start ``operation`` in two tasks at once (asyncio.gather) and wait for both: per task, in
    the order they started, what it returned or raised. The first error is the step's outcome;
    the other task has finished too, so nothing is left running on the loop."""

    async def both() -> list[Any]:
        return list(await asyncio.gather(operation(), operation(), return_exceptions=True))

    results = world.db.api.run(both())
    errors = [r for r in results if isinstance(r, Exception)]
    if errors:
        errors[0].orm_spec_partial_value = results  # type: ignore[attr-defined]
        raise errors[0]
    return results


@action(r"I run two queries on the session at once", OutcomeKind.CONCURRENT)
def two_tasks_at_once(world: SpecWorld) -> list[Any]:
    session, user = _async_session(world), world.models.user

    async def query() -> list[Any]:
        return list((await session.scalars(select(user).order_by(user.name))).all())

    return _in_two_tasks(world, query)


@action(r"I (?P<method>commit|flush) the session in two tasks at once", OutcomeKind.CONCURRENT)
def commit_in_two_tasks(world: SpecWorld, method: str) -> list[Any]:
    session = _async_session(world)
    return _in_two_tasks(world, lambda: getattr(session, method)())


def _task_results(world: SpecWorld) -> list[Any]:
    results = world.last(OutcomeKind.CONCURRENT).value
    assert isinstance(results, list) and len(results) == 2, f"the tasks ended with {results!r}"
    return results


def _names(world: SpecWorld, got: Any) -> list[str]:
    assert isinstance(got, list), f"the query ended with {got!r}"
    return [world.models.name_of(o).label for o in got]  # type: ignore[union-attr]


@then(r"each of the two queries returned the users {users}, in that order")
def both_returned(world: SpecWorld, users: list[ObjectName]) -> None:
    expected = [u.label for u in users]
    for got in _task_results(world):
        assert _names(world, got) == expected, f"a query returned {got!r}"


_TASKS = {"first": 0, "second": 1}


@then(r"the (?P<task>first|second) task's query returned the users {users}, in that order")
def task_query_returned(world: SpecWorld, task: str, users: list[ObjectName]) -> None:
    got = _names(world, _task_results(world)[_TASKS[task]])
    assert got == [u.label for u in users], f"the {task} task's query returned {got}"


@then(
    r"the (?P<task>first|second) task (?:(?P<nothing>raised nothing)|raised an? {exception}"
    r'(?: with code "(?P<code>\w+)")?(?: saying "(?P<message>[^"]+)")?)'
)
def task_raised(
    world: SpecWorld,
    task: str,
    nothing: str | None,
    exception: type[BaseException] | None,
    code: str | None,
    message: str | None,
) -> None:
    ended = _task_results(world)[_TASKS[task]]
    if nothing:
        assert not isinstance(ended, BaseException), f"the {task} task raised {ended!r}"
        return
    assert exception is not None
    check_exception(ended if isinstance(ended, BaseException) else None, exception, message)
    if code is not None:
        assert getattr(ended, "code", None) == code, f"its code is {getattr(ended, 'code', None)!r}"


# -- what a refused implicit load left ------------------------------------------------------------
@then(r"{obj}'s {attr} (?:is|are) (?P<state>loaded|still unloaded){in_session}")
def attribute_loaded(
    world: SpecWorld, obj: ObjectName, attr: str, state: str, in_session: str
) -> None:
    """Read from inspect() without loading: a refused load must leave the attribute as it was,
    unloaded, neither an empty collection nor a None stored in its place."""
    insp = inspect(world.obj(obj, in_session))
    if attr not in insp.mapper.attrs:
        raise AuthoringError(f"{insp.mapper.class_.__name__} has no mapped attribute {attr!r}")
    unloaded = attr in insp.unloaded
    assert unloaded is (state == "still unloaded"), (
        f"{obj}'s {attr} is {'unloaded' if unloaded else 'loaded'}: {insp.dict.get(attr)!r}"
    )


@action(r"I dispose of the engine")
def dispose_engine(world: SpecWorld) -> None:
    api = world.db.api
    api.run(api.async_engine.dispose())


@action(r"I close every AsyncSession with AsyncSession\.close_all\(\)")
def close_all_async_sessions(world: SpecWorld) -> None:
    """The deprecated classmethod itself, not close_all_sessions(): what it does is the point."""
    api = world.db.api
    api.require_async()
    api.run(AsyncSession.close_all())


@then(r"the pool keeps (?P<idle>no|some) idle connections and none checked out")
def pool_holds(world: SpecWorld, idle: str) -> None:
    kept, out = world.db.idle_connections(), world.db.checked_out_connections()
    assert out == 0, f"{out} connection(s) are still checked out"
    assert (kept > 0) is (idle == "some"), f"the pool keeps {kept} idle connection(s)"


# -- async_scoped_session ------------------------------------------------------------------------
@dataclass
class TaskRegistry:
    """An async_scoped_session keyed by asyncio.current_task, and what its calls returned."""

    registry: async_scoped_session[AsyncSession]
    first_task: list[AsyncSession] = field(default_factory=list)
    second_task: list[AsyncSession] = field(default_factory=list)


@pytest.fixture
def task_registry() -> TaskRegistry:
    raise AuthoringError(
        'no async_scoped_session yet: write "Given an async_scoped_session keyed by task"'
    )


@given(r"an async_scoped_session keyed by task", target_fixture="task_registry")
def a_task_registry(world: SpecWorld) -> TaskRegistry:
    world.db.api.require_async()
    return TaskRegistry(async_scoped_session(world.factory(), scopefunc=asyncio.current_task))


@action(r"I call the registry twice in one task and once in another task")
def call_in_two_tasks(task_registry: TaskRegistry, world: SpecWorld) -> None:
    registry = task_registry.registry

    async def calls(into: list[AsyncSession], times: int) -> None:
        into.extend(registry() for _ in range(times))
        await registry.remove()  # a task's session must not outlive it

    async def both() -> None:
        await asyncio.gather(
            calls(task_registry.first_task, 2), calls(task_registry.second_task, 1)
        )

    world.db.api.run(both())


@then(r"the two calls in one task returned the same session, the other task another one")
def sessions_per_task(task_registry: TaskRegistry) -> None:
    first, second = task_registry.first_task, task_registry.second_task
    assert len(first) == 2 and len(second) == 1, "the registry was not called as the step says"
    assert first[0] is first[1], "two calls in one task returned different sessions"
    assert second[0] is not first[0], "the other task got the first task's session"


# -- the options an entry point takes, the same on Session and AsyncSession ---------------------
# Each step passes the option as the method's own argument (not on the statement), so that an
# AsyncSession method that dropped it on the way to its Session twin would show.
@action(
    r"I get {obj} by primary key with "
    r"(?:options=\[{loader_options}\]|execution_options={execution_options:info})",
    OutcomeKind.LOAD,
)
def get_with_options(
    world: SpecWorld,
    obj: ObjectName,
    loader_options: list[list[Call]] | None,
    execution_options: dict[str, Any] | None,
) -> Any:
    model, key = world.model(obj.kind), world.key_of(obj)
    if loader_options:
        found = world.io().get(model, key, options=build_options(world, obj.kind, loader_options))
    else:
        found = world.io().get(model, key, execution_options=execution_options)
    world.remember(obj, found)
    return remember_with_related(world, found)


@action(
    r"I load {obj} with session\.(?P<method>execute|scalars|scalar)"
    r"\(statement, execution_options={execution_options:info}\)",
    OutcomeKind.LOAD,
)
def load_with_execution_options(
    world: SpecWorld, obj: ObjectName, method: str, execution_options: dict[str, Any]
) -> Any:
    returned = world.io().call(method, world.lookup(obj), execution_options=execution_options)
    found = {
        "execute": lambda: returned.scalars().one(),
        "scalars": lambda: returned.one(),
        "scalar": lambda: returned,
    }[method]()
    return world.remember(obj, found)


@action(r"I refresh {obj} with with_for_update=True")
def refresh_for_update(world: SpecWorld, obj: ObjectName) -> None:
    world.io().call("refresh", world.obj(obj), with_for_update=True)


@action(r"I merge {obj} into {session} with options=\[{loader_options}\]", outcome=OutcomeKind.LOAD)
def merge_with_options(
    world: SpecWorld, obj: ObjectName, session: str, loader_options: list[list[Call]]
) -> Any:
    options = build_options(world, obj.kind, loader_options)
    merged = world.io(session).call("merge", world.obj(obj), options=options)
    world.remember(obj, merged, session)
    return merged


@action(
    r'I call run_sync\(read, {obj}, "(?P<name>[a-z_]+)"\) where read\(session, obj, name\) '
    r"returns getattr\(obj, name\)",
    OutcomeKind.READ,
)
def run_sync_with_arguments(world: SpecWorld, obj: ObjectName, name: str) -> Any:
    """run_sync passes its further arguments on to the function, after the Session."""
    sync_session = world.session()

    def read(session: Any, target: Any, attr: str) -> Any:
        if session is not sync_session:
            raise AssertionError(f"run_sync gave the function {session!r}, not the sync_session")
        return getattr(target, attr)

    value = world.db.api.run(_async_session(world).run_sync(read, world.obj(obj), name))
    world.remember_loaded(value)
    return value


_STREAMED_CHAINS = r'unique\(\)\.scalars\(\)|unique\(\)\.mappings\(\)|columns\("id"\)\.scalars\(\)'


@action(
    r"I stream the name and id of each post's author, by post title,"
    rf" and take (?P<chain>{_STREAMED_CHAINS})\.all\(\)",
    OutcomeKind.READ,
)
def stream_authors_through(world: SpecWorld, chain: str) -> Any:
    session, user, post = _async_session(world), world.models.user, world.models.post
    statement = select(user.name, user.id).select_from(post).join(post.author).order_by(post.title)

    async def take() -> Any:
        result = await session.stream(statement)
        try:
            if chain.startswith("unique"):
                filtered = result.unique()
                then_ = filtered.scalars() if chain.endswith("scalars()") else filtered.mappings()
            else:
                then_ = result.columns("id").scalars()
            rows = await then_.all()
        finally:
            # A failure must not leave the cursor open: SQLite would stay locked for the next
            # scenario's rows.
            await result.close()
        # a mapping row compares by its items: a plain dict keeps the check readable
        return [dict(row) for row in rows] if chain.endswith("mappings()") else list(rows)

    return world.db.api.run(take())


@then(r"the values read are {container}")
def values_read(world: SpecWorld, container: Any) -> None:
    read = world.last(OutcomeKind.READ).value
    assert read == container, f"the values read are {read!r}"


@action(r"I stream all users by id, freeze the result and replay it twice", OutcomeKind.QUERY)
def stream_and_freeze(world: SpecWorld) -> list[Any]:
    """Both replays are returned, one after the other: a frozen result gives its rows each time."""
    session, user = _async_session(world), world.models.user

    async def replay() -> list[Any]:
        result = await session.stream(select(user).order_by(user.id))
        try:
            frozen = await result.freeze()
        finally:
            await result.close()  # as above: never leave the cursor open
        return [*frozen().scalars(), *frozen().scalars()]

    found = world.db.api.run(replay())
    world.remember_loaded(found)
    return found


@given(r"the session's transaction was begun with begin\(\), the object it returned not kept")
def begin_dropping_transaction(world: SpecWorld) -> None:
    world.db.api.run(_async_session(world).begin())
    gc.collect()  # the AsyncSessionTransaction proxy is gone: only the Session's own remains


@action(r"I begin a nested transaction, the object it returned not kept")
def begin_nested_dropping(world: SpecWorld) -> None:
    world.db.api.run(_async_session(world).begin_nested())
    gc.collect()


@action(
    r"I ask the session for its (?P<which>transaction|nested transaction)"
    r" with get_(?:nested_)?transaction\(\)",
    OutcomeKind.READ,
)
def ask_transaction(world: SpecWorld, which: str) -> Any:
    session = _async_session(world)
    if which == "transaction":
        return session.get_transaction()
    return session.get_nested_transaction()


@then(r"the transaction read is the proxy of the session's (?P<which>root|nested) transaction")
def transaction_read_is(world: SpecWorld, which: str) -> None:
    read = world.last(OutcomeKind.READ).value
    sync = _async_session(world).sync_session
    expected = sync.get_transaction() if which == "root" else sync.get_nested_transaction()
    assert expected is not None, f"the session has no {which} transaction"
    got = getattr(read, "sync_transaction", None)
    assert got is expected, f"the transaction read is {read!r}, proxying {got!r}"
    assert read.nested is (which == "nested"), f"the transaction read has nested={read.nested}"
