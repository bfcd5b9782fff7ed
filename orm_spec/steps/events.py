"""Session and state-transition events, listened to on the scenario's own session only.

Listeners go on the Session instance, not on the Session class or a sessionmaker, so nothing
outlives the scenario.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, then
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from orm_spec.steps.grammar import step
from orm_spec.world import SpecWorld

_SEEN = r"(?P<what>new|dirty|deleted) (?P<who>none|[A-Z][a-z]+(?:(?:, | and )[A-Z][a-z]+)*)"


def _log(world: SpecWorld) -> list[str]:
    return world.scratch.setdefault("events", [])


@given(step(r"a before_flush listener that records session\.new, dirty and deleted"))
def before_flush_recorder(world: SpecWorld) -> None:
    def record(session: Session, context: Any, instances: Any) -> None:
        world.scratch["before_flush"] = {
            which: sorted(o.name for o in getattr(session, which))
            for which in ("new", "dirty", "deleted")
        }

    event.listen(world.session(), "before_flush", record)


@given(step(r"a before_flush listener that upper-cases the email of each new user"))
def before_flush_changer(world: SpecWorld) -> None:
    user_model = world.models.user

    def shout(session: Session, context: Any, instances: Any) -> None:
        for obj in session.new:
            if isinstance(obj, user_model):
                obj.email = obj.email.upper()

    event.listen(world.session(), "before_flush", shout)


@then(step(rf"the before_flush listener saw {_SEEN}"))
def before_flush_saw(world: SpecWorld, what: str, who: str) -> None:
    seen = world.scratch.get("before_flush")
    assert seen is not None, "the before_flush listener never ran"
    expected = [] if who == "none" else sorted(w for w in who.replace(" and ", ", ").split(", "))
    assert seen[what] == expected, f"before_flush saw {what} = {seen[what]}"


TRANSACTION_EVENTS = ("after_begin", "after_commit", "after_rollback")
STATE_EVENTS = (
    "transient_to_pending",
    "pending_to_transient",
    "pending_to_persistent",
    "persistent_to_detached",
    "detached_to_persistent",
    "persistent_to_deleted",
    "deleted_to_detached",
)


@given(step(r"listeners that record the session's (?P<kind>transaction|state-transition) events"))
def record_events(world: SpecWorld, kind: str) -> None:
    names = TRANSACTION_EVENTS if kind == "transaction" else STATE_EVENTS
    for name in names:
        event.listen(world.session(), name, lambda *args, _name=name: _log(world).append(_name))


@then(step(r"the events recorded were (?P<names>[a-z_]+(?:, [a-z_]+)*)"))
def events_recorded(world: SpecWorld, names: str) -> None:
    assert _log(world) == names.split(", "), f"recorded: {_log(world)}"


@given(step(r"a do_orm_execute listener that hides inactive users from every SELECT"))
def global_filter(world: SpecWorld) -> None:
    user_model = world.models.user

    def hide_inactive(state: ORMExecuteState) -> None:
        _log(world).append("do_orm_execute")
        if state.is_select:
            state.statement = state.statement.options(
                with_loader_criteria(user_model, lambda cls: cls.is_active.is_(True))
            )

    event.listen(world.session(), "do_orm_execute", hide_inactive)
