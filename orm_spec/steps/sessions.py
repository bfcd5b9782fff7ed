"""Sessions: opening them, what a user does to a whole session, and what a session holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy.orm import Session, scoped_session

from orm_spec.domain import AuthoringError, ObjectName
from orm_spec.session_io import ConnectionIO
from orm_spec.steps.kit import action, given, then
from orm_spec.world import SpecWorld


@given(r"an? (?P<ordinal>second |third |)session(?: with {options})?")
def a_session(world: SpecWorld, ordinal: str, options: dict[str, Any] | None) -> None:
    world.open_session(ordinal.strip() or "main", **(options or {}))


@action(r"I open a session")
def open_session(world: SpecWorld) -> None:
    world.open_session()


# -- autobegin, begin(), reset(), invalidate() ---------------------------------------------------
@action(r"I open a session with {options}")
def open_session_with(world: SpecWorld, options: dict[str, Any]) -> None:
    world.open_session(**options)


@action(r"I begin a transaction on {session}")
def begin_transaction(world: SpecWorld, session: str) -> None:
    # Not as a context manager: the transaction stays begun for the steps that follow, as
    # session.begin() does in commit-as-you-go code.
    world.io(session).call("begin")


@action(r"I (?P<verb>invalidate|reset) {session}")
def invalidate_or_reset(world: SpecWorld, verb: str, session: str) -> None:
    world.io(session).call(verb)


@given(r"a session whose connection enforces foreign keys")
def session_enforcing_foreign_keys(world: SpecWorld) -> None:
    # A connection of its own, thrown away at the end: a PRAGMA must not reach the pool. Sent
    # to the driver directly: SQLite ignores it inside a transaction, which SQLAlchemy would
    # begin first where it emits BEGIN itself.
    connection = ConnectionIO(world.db)
    for statement in world.db.backend.enable_foreign_keys:
        connection.driver_execute(statement)
    world.cleanups.append(lambda: connection.close(invalidate=True))
    world.adopt_session(world.factory(bind=connection.bind)())


SESSION_ACTIONS: dict[str, Callable[[SpecWorld, str], Any]] = {
    "flush": lambda world, key: world.io(key).flush(),
    "commit": lambda world, key: world.io(key).commit(),
    "roll back": lambda world, key: world.io(key).rollback(),
    "close": lambda world, key: world.io(key).close(),
    "expire all objects in": lambda world, key: world.session(key).expire_all(),
    "expunge all objects from": lambda world, key: world.session(key).expunge_all(),
}


@action(rf"I (?P<verb>{'|'.join(SESSION_ACTIONS)}) {{session}}")
def session_action(world: SpecWorld, verb: str, session: str) -> None:
    SESSION_ACTIONS[verb](world, session)


@then(r"session\.(?P<which>new|dirty|deleted) (?:holds {objs}|is empty)")
def session_collection(world: SpecWorld, which: str, objs: list[ObjectName] | None) -> None:
    held = getattr(world.session(), which)
    expected = [world.obj(name) for name in objs or []]
    assert len(held) == len(expected) and all(obj in held for obj in expected), (
        f"session.{which} holds {sorted(map(repr, held))}"
    )


@then(r"the session is {negated}active")
def is_active(world: SpecWorld, negated: bool) -> None:
    actual = world.session().is_active
    assert actual is not negated, f"session.is_active is {actual}"


@then(r"the session is {negated}in a transaction")
def in_transaction(world: SpecWorld, negated: bool) -> None:
    actual = world.session().in_transaction()
    assert actual is not negated, f"session.in_transaction() is {actual}"


@then(r"the identity map (?:holds {count} objects?|is empty)")
def identity_map_size(world: SpecWorld, count: int | None) -> None:
    held = list(world.session().identity_map.values())
    assert len(held) == (count or 0), f"the identity map holds {held}"


@then(r"no connection is checked out of the pool")
def no_connection_checked_out(world: SpecWorld) -> None:
    checked_out = world.db.checked_out_connections()
    assert checked_out == 0, f"{checked_out} connection(s) are still checked out"


# -- scoped_session ------------------------------------------------------------------------------
@dataclass
class ScopedRegistry:
    """A scoped_session and the sessions its calls returned, in order."""

    registry: scoped_session[Session]
    calls: list[Session] = field(default_factory=list)


@pytest.fixture
def scoped_registry() -> ScopedRegistry:
    raise AuthoringError('no scoped_session registry yet: write "Given a scoped_session registry"')


@given(r"a scoped_session registry", target_fixture="scoped_registry")
def a_scoped_registry(world: SpecWorld) -> ScopedRegistry:
    registry = scoped_session(world.factory())
    world.cleanups.append(registry.remove)
    return ScopedRegistry(registry)


@action(r"I call the registry(?: again)?")
def call_registry(scoped_registry: ScopedRegistry) -> None:
    scoped_registry.calls.append(scoped_registry.registry())


@action(r"I call the registry in another thread")
def call_registry_in_thread(scoped_registry: ScopedRegistry) -> None:
    import threading

    registry, box = scoped_registry.registry, []

    def work() -> None:
        box.append(registry())
        registry.remove()  # that thread's session must not outlive it holding a connection

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    scoped_registry.calls.append(box[0])


@given(r"{obj} is loaded through the registry")
def load_through_registry(
    world: SpecWorld, scoped_registry: ScopedRegistry, obj: ObjectName
) -> None:
    world.remember(obj, scoped_registry.registry().scalars(world.lookup(obj)).one())


@action(r"I remove the registry's session")
def remove_registry_session(scoped_registry: ScopedRegistry) -> None:
    scoped_registry.calls.append(scoped_registry.registry.registry())
    scoped_registry.registry.remove()


@then(r"the last two calls returned (?P<verdict>the same|different) sessions?")
def last_two_calls(scoped_registry: ScopedRegistry, verdict: str) -> None:
    calls = scoped_registry.calls
    assert len(calls) >= 2, "fewer than two calls to the registry were made"
    same = calls[-1] is calls[-2]
    assert same is (verdict == "the same"), f"the sessions were {'' if same else 'not '}the same"
