"""What exists only under AsyncSession: awaitable attributes, run_sync, streaming results,
async_scoped_session, concurrent tasks and disposing of the AsyncEngine.

These steps await on the backend's event loop (``world.db.api.run``); on a sync backend there
is nothing to await, and they say so. async_session.feature runs on async backends only.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_scoped_session

from orm_spec.domain import AuthoringError, ObjectName
from orm_spec.steps.kit import action, given, then
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


@action(r"I stream all users ordered by name", OutcomeKind.QUERY)
def stream_users(world: SpecWorld) -> list[Any]:
    session, user = _async_session(world), world.models.user

    async def collect() -> list[Any]:
        result = await session.stream_scalars(select(user).order_by(user.name))
        return [row async for row in result]

    return world.db.api.run(collect())


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


@action(r"I run two queries on the session at once", OutcomeKind.CONCURRENT)
def two_tasks_at_once(world: SpecWorld) -> list[Any]:
    session, user = _async_session(world), world.models.user

    async def query() -> list[Any]:
        return list((await session.scalars(select(user).order_by(user.name))).all())

    async def both() -> list[Any]:
        return list(await asyncio.gather(query(), query()))

    return world.db.api.run(both())


@then(r"each of the two queries returned the users {users}, in that order")
def both_returned(world: SpecWorld, users: list[ObjectName]) -> None:
    results = world.last(OutcomeKind.CONCURRENT).value
    assert results is not None and len(results) == 2, f"the queries returned {results!r}"
    expected = [u.label for u in users]
    for got in results:
        names = [world.models.name_of(o).label for o in got]  # type: ignore[union-attr]
        assert names == expected, f"a query returned {names}"


@action(r"I dispose of the engine")
def dispose_engine(world: SpecWorld) -> None:
    api = world.db.api
    api.run(api.async_engine.dispose())


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
