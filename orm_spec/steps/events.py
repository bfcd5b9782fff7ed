"""Session and state-transition events, listened to on the scenario's own session only.

Listeners go on the Session instance, not on the Session class or a sessionmaker, so nothing
outlives the scenario. What they saw is handed to the Then steps as the ``event_log`` and
``flush_watch`` fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from orm_spec.domain import AuthoringError, ObjectName
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
