"""Sessions: opening them, what a user does to a whole session, and what a session holds."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session, scoped_session

from orm_spec.domain import AuthoringError, ObjectName
from orm_spec.session_io import ConnectionIO
from orm_spec.steps.checks import check_exception
from orm_spec.steps.kit import action, given, then
from orm_spec.world import MAIN, OutcomeKind, SpecWorld


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


# -- one session, two threads -------------------------------------------------------------------
THREAD_TIMEOUT = 10.0
"""Seconds a thread waits for the other: a behaviour that blocks fails the scenario, never
hangs the run."""

_PAUSED_IN = {"flushing it": "before_flush", "procuring its connection": "after_begin"}
"""Where the other thread is held, so that the session is in the middle of that work
deterministically while this thread acts."""


@dataclass
class OtherThread:
    """What the other thread's work on the session ended with."""

    work: str
    error: BaseException | None = None


def _other_thread_work(world: SpecWorld, phase: str) -> Callable[[Session], Any]:
    if phase == "flushing it":
        return lambda session: session.flush()
    return lambda session: session.scalars(select(world.models.user)).all()


@action(
    r"I (?P<verb>flush|commit|close|roll back) the session while another thread is "
    rf"(?P<phase>{'|'.join(_PAUSED_IN)})"
)
def act_while_another_thread_works(world: SpecWorld, verb: str, phase: str) -> OtherThread:
    session = world.session()
    me = threading.current_thread()
    paused, resume = threading.Event(), threading.Event()
    other = OtherThread("flush" if phase == "flushing it" else "query")

    def hold(*_: Any) -> None:
        if threading.current_thread() is not me:
            paused.set()
            resume.wait(THREAD_TIMEOUT)

    name = _PAUSED_IN[phase]
    event.listen(session, name, hold)
    world.cleanups.append(lambda: event.remove(session, name, hold))
    work = _other_thread_work(world, phase)

    def run() -> None:
        try:
            work(session)
        except Exception as exc:
            other.error = exc

    thread = threading.Thread(target=run, name="other thread", daemon=True)
    thread.start()
    try:
        assert paused.wait(THREAD_TIMEOUT), f"the other thread never reached {name}"
        SESSION_ACTIONS[verb](world, MAIN)
    except Exception as exc:
        exc.orm_spec_partial_value = other  # type: ignore[attr-defined]
        raise
    finally:
        resume.set()
        thread.join(THREAD_TIMEOUT)
    assert not thread.is_alive(), "the other thread is still running"
    return other


@then(
    r"the other thread's (?P<work>flush|query) (?:(?P<through>went through)|failed with "
    r'{exception}(?: saying "(?P<message>[^"]+)")?)'
)
def other_thread_outcome(
    world: SpecWorld,
    work: str,
    through: str | None,
    exception: type[BaseException] | None,
    message: str | None,
) -> None:
    other = world.last_attempt().value
    assert isinstance(other, OtherThread) and other.work == work, (
        f"no other thread's {work} ran: write 'I ... the session while another thread is ...'"
    )
    if through:
        assert other.error is None, f"the other thread's {work} raised {other.error!r}"
    else:
        check_exception(other.error, exception, message)  # type: ignore[arg-type]


@action(r"I select all users ordered by name in another thread", OutcomeKind.QUERY)
def select_in_another_thread(world: SpecWorld) -> list[Any]:
    session, box = world.session(), OtherThread("query")
    found: list[Any] = []
    user = world.models.user

    def run() -> None:
        try:
            found.extend(session.scalars(select(user).order_by(user.name)))
        except Exception as exc:
            box.error = exc

    thread = threading.Thread(target=run, name="other thread", daemon=True)
    thread.start()
    thread.join(THREAD_TIMEOUT)
    assert not thread.is_alive(), "the query in the other thread is still running"
    if box.error is not None:
        raise box.error
    return found


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


@given(r"a session on the engine with execution_options\(compiled_cache=None\)")
def session_without_compiled_cache(world: SpecWorld) -> None:
    # compiled_cache is an engine or connection option only: a statement may not set it.
    world.adopt_session(
        world.factory(bind=world.db.api.bind.execution_options(compiled_cache=None))()
    )
