"""Events: every listener a scenario adds, and what the listeners saw.

Session events are listened to on the scenario's own Session instance, not on the Session class
or a sessionmaker, so nothing outlives the scenario; mapper events (on the mapped class) and pool
events (on the backend's engine, shared by every scenario) are removed when the scenario ends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import (
    event,
)
from sqlalchemy.orm import (
    ORMExecuteState,
    Session,
    with_loader_criteria,
)

from orm_spec.domain import KINDS, AuthoringError, ObjectName
from orm_spec.steps.kit import given, then
from orm_spec.world import SpecWorld


@dataclass
class EventLog:
    """The names of the events the scenario's listeners saw, in order."""

    names: list[str] = field(default_factory=list)


@dataclass
class FlushWatch:
    """What session.new, dirty and deleted held when before_flush last ran (None: never)."""

    seen: dict[str, list[str]] | None = None


@pytest.fixture
def event_log() -> EventLog:
    raise AuthoringError("no listener records events: a Given step must add the listeners first")


@pytest.fixture
def flush_watch() -> FlushWatch:
    raise AuthoringError(
        'no before_flush listener: write "Given a before_flush listener that records '
        'session.new, dirty and deleted" first'
    )


@given(
    r"a before_flush listener that records session\.new, dirty and deleted",
    target_fixture="flush_watch",
)
def before_flush_recorder(world: SpecWorld) -> FlushWatch:
    watch = FlushWatch()

    def record(session: Session, context: Any, instances: Any) -> None:
        watch.seen = {
            which: sorted(world.name_of(o) for o in getattr(session, which))
            for which in ("new", "dirty", "deleted")
        }

    event.listen(world.session(), "before_flush", record)
    return watch


@given(r"a before_flush listener that upper-cases the email of each new user")
def before_flush_changer(world: SpecWorld) -> None:
    user_model = world.models.user

    def shout(session: Session, context: Any, instances: Any) -> None:
        for obj in session.new:
            if isinstance(obj, user_model):
                obj.email = obj.email.upper()

    event.listen(world.session(), "before_flush", shout)


@then(r"the before_flush listener saw (?P<which>new|dirty|deleted) (?:{users}|none)")
def before_flush_saw(flush_watch: FlushWatch, which: str, users: list[ObjectName] | None) -> None:
    assert flush_watch.seen is not None, "the before_flush listener never ran"
    expected = sorted(str(u) for u in users or [])
    assert flush_watch.seen[which] == expected, (
        f"before_flush saw {which} {flush_watch.seen[which]}"
    )


TRANSACTION_EVENTS = (
    "after_transaction_create",
    "after_begin",
    "after_commit",
    "after_rollback",
    "after_transaction_end",
)
"""after_transaction_create/end are recorded for the outermost transaction only: a flush runs
inside an inner transaction of its own, which is bookkeeping rather than the user's transaction."""


STATE_EVENTS = (
    "transient_to_pending",
    "pending_to_transient",
    "pending_to_persistent",
    "persistent_to_detached",
    "persistent_to_transient",
    "detached_to_persistent",
    "persistent_to_deleted",
    "deleted_to_detached",
)


@given(
    r"listeners that record the session's (?P<kind>transaction|state-transition) events",
    target_fixture="event_log",
)
def record_events(world: SpecWorld, kind: str) -> EventLog:
    log = EventLog()

    def recorder(name: str) -> Any:
        def record(session: Session, *args: Any) -> None:
            outer = not args or not hasattr(args[0], "parent") or args[0].parent is None
            if outer or name not in ("after_transaction_create", "after_transaction_end"):
                log.names.append(name)

        return record

    for name in TRANSACTION_EVENTS if kind == "transaction" else STATE_EVENTS:
        event.listen(world.session(), name, recorder(name))
    return log


@given(
    r"a do_orm_execute listener that hides inactive users from every SELECT",
    target_fixture="event_log",
)
def global_filter(world: SpecWorld) -> EventLog:
    log, user_model = EventLog(), world.models.user

    def hide_inactive(state: ORMExecuteState) -> None:
        log.names.append("do_orm_execute")
        if state.is_select:
            state.statement = state.statement.options(
                with_loader_criteria(user_model, lambda cls: cls.is_active.is_(True))
            )

    event.listen(world.session(), "do_orm_execute", hide_inactive)
    return log


@then(r"(?:the events recorded were (?P<names>[a-z_]+(?:, [a-z_]+)*)|no events were recorded)")
def events_recorded(event_log: EventLog, names: str | None) -> None:
    expected = names.split(", ") if names else []
    assert event_log.names == expected, f"recorded: {event_log.names}"


# -- events: flush, commit, rollback, loading, mapper persistence --------------------------------
INSTANCE_EVENTS = ("loaded_as_persistent", "pending_to_transient", "deleted_to_persistent")
"""The session events whose listeners receive the object that changes state."""


@dataclass(frozen=True)
class Snapshot:
    """What a listener found when it last ran."""

    new: list[str]
    dirty: list[str]
    deleted: list[str]
    active: bool


@dataclass
class SessionWatch:
    """The listeners' record: the names in order (the shared ``event_log``, which "the events
    recorded were ..." judges), each event's last snapshot, and the objects each was given."""

    log: EventLog = field(default_factory=EventLog)
    snapshots: dict[str, Snapshot] = field(default_factory=dict)
    objects: dict[str, list[str]] = field(default_factory=dict)


@pytest.fixture
def session_watch() -> SessionWatch:
    return SessionWatch()


def _snapshot(world: SpecWorld, session: Session) -> Snapshot:
    def names(objects: Any) -> list[str]:
        return sorted(world.name_of(o) for o in objects)

    return Snapshot(
        names(session.new), names(session.dirty), names(session.deleted), session.is_active
    )


@given(r"listeners on the session's {session_events} events?", target_fixture="event_log")
def listen_to_session(
    world: SpecWorld, session_watch: SessionWatch, session_events: list[str]
) -> EventLog:
    def recorder(name: str) -> Callable[..., None]:
        def record(session: Session, *args: Any) -> None:
            session_watch.log.names.append(name)
            session_watch.snapshots[name] = _snapshot(world, session)
            if name in INSTANCE_EVENTS:
                session_watch.objects.setdefault(name, []).append(world.name_of(args[0]))

        return record

    for name in session_events:
        event.listen(world.session(), name, recorder(name))
    return session_watch.log


@given(
    r"listeners on the (?P<kind>user|post) mapper's {mapper_events} events?",
    target_fixture="event_log",
)
def listen_to_mapper(
    world: SpecWorld, session_watch: SessionWatch, kind: str, mapper_events: list[str]
) -> EventLog:
    """Listeners on the mapped class are global: each is removed when the scenario ends."""
    cls = world.model(KINDS[kind])
    for name in mapper_events:

        def record(mapper: Any, connection: Any, target: Any, name: str = name) -> None:
            session_watch.log.names.append(name)
            session_watch.objects.setdefault(name, []).append(world.name_of(target))

        event.listen(cls, name, record)
        world.cleanups.append(lambda name=name, record=record: event.remove(cls, name, record))
    return session_watch.log


@given(r"an after_flush_postexec listener that upper-cases the email of every user it finds")
def postexec_changer(world: SpecWorld) -> None:
    user_model = world.models.user

    def shout(session: Session, context: Any) -> None:
        for obj in list(session.identity_map.values()):
            # Only a real change: setting the same value would mark the user modified again,
            # and a commit flushes until nothing is modified (100 times at most).
            if isinstance(obj, user_model) and obj.email != obj.email.upper():
                obj.email = obj.email.upper()

    event.listen(world.session(), "after_flush_postexec", shout)


@then(
    r"the {session_event} listener saw session\.(?P<which>new|dirty|deleted) "
    r"(?:holding {objs}|(?P<empty>empty))"
)
def listener_saw(
    session_watch: SessionWatch,
    session_event: str,
    which: str,
    objs: list[ObjectName] | None,
    empty: str | None,
) -> None:
    seen = session_watch.snapshots.get(session_event)
    assert seen is not None, f"the {session_event} listener never ran"
    expected = sorted(str(o) for o in objs or [])
    assert getattr(seen, which) == expected, f"it saw session.{which} {getattr(seen, which)}"


@then(r"the {session_event} listener found the session (?P<state>active|inactive)")
def listener_found_session(session_watch: SessionWatch, session_event: str, state: str) -> None:
    seen = session_watch.snapshots.get(session_event)
    assert seen is not None, f"the {session_event} listener never ran"
    assert seen.active is (state == "active"), f"session.is_active was {seen.active}"


@then(r"the (?P<name>[a-z_]+) listener was given {objs}, in that order")
def listener_given(session_watch: SessionWatch, name: str, objs: list[ObjectName]) -> None:
    given_to = session_watch.objects.get(name, [])
    assert given_to == [str(o) for o in objs], f"the {name} listener was given {given_to}"


# -- the unit of work's events -------------------------------------------------------------------
@dataclass
class UnitOfWorkEvents:
    """The names of the events seen, in order: do_orm_execute, before_flush and the user
    mapper's before_insert, before_update and before_delete."""

    names: list[str] = field(default_factory=list)


@pytest.fixture
def unit_of_work_events() -> UnitOfWorkEvents:
    raise AuthoringError(
        'no listeners yet: write "Given listeners that record do_orm_execute, before_flush '
        "and the user mapper's events\" first"
    )


_MAPPER_EVENTS = ("before_insert", "before_update", "before_delete")


@given(
    r"listeners that record do_orm_execute, before_flush and the user mapper's events",
    target_fixture="unit_of_work_events",
)
def record_unit_of_work_events(world: SpecWorld) -> UnitOfWorkEvents:
    log, session, model = UnitOfWorkEvents(), world.session(), world.models.user

    def on_execute(state: ORMExecuteState) -> None:
        log.names.append("do_orm_execute")

    def on_flush(session: Session, context: Any, instances: Any) -> None:
        log.names.append("before_flush")

    event.listen(session, "do_orm_execute", on_execute)
    event.listen(session, "before_flush", on_flush)
    # Mapper events can only be listened to on the class: removed when the scenario ends.
    for name in _MAPPER_EVENTS:
        listener = _mapper_recorder(log, name)
        event.listen(model, name, listener)
        world.cleanups.append(
            lambda name=name, listener=listener: event.remove(model, name, listener)
        )
    return log


def _mapper_recorder(log: UnitOfWorkEvents, name: str) -> Callable[..., None]:
    def record(*_: Any) -> None:
        log.names.append(name)

    return record


@then(r"the events seen were (?P<names>[a-z_]+(?:, [a-z_]+)*)")
def unit_of_work_events_seen(unit_of_work_events: UnitOfWorkEvents, names: str) -> None:
    assert unit_of_work_events.names == names.split(", "), f"seen: {unit_of_work_events.names}"


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
