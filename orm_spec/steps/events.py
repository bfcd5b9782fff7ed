"""Events: every listener a scenario adds, and what the listeners heard.

One ``EventRecorder`` per scenario (the ``event_recorder`` fixture) adds every listener and keeps
what each heard, in order: the event's name, its target (the session, a mapper, the pool), the
object the listener was given and, for the session events that need it, what session.new, dirty
and deleted held. Session events are listened to on the scenario's own Session instance, not on
the Session class or a sessionmaker; mapper events (on the mapped class) and pool events (on the
backend's engine, shared by every scenario) can only be listened to globally, and so can
attribute events (on the mapped class's attribute) and the validators of the model variants that
have them. Every listener is removed when the scenario ends, and what a flag changed on the
attribute (active_history) is put back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import InstanceState, ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.orm.base import NO_VALUE

from orm_spec.domain import KINDS, AuthoringError, ObjectName
from orm_spec.model_variants import POSTS_VALIDATION_LISTENERS, Contact
from orm_spec.steps.kit import action, given, then
from orm_spec.world import SpecWorld

SESSION = "the session"
POOL = "the pool"


@dataclass(frozen=True)
class SessionState:
    """What a session listener found when it ran."""

    new: list[str]
    dirty: list[str]
    deleted: list[str]
    active: bool


@dataclass(frozen=True)
class Heard:
    """One event one listener heard."""

    name: str
    target: str
    """What was listened to: the session, the user mapper, the pool."""
    given: str | None = None
    """The named object the event handed the listener (instance and mapper events)."""
    session: SessionState | None = None
    """What the session held, for a listener that looks at it."""
    values: tuple[Any, ...] = ()
    """Other arguments the listener keeps (an attribute event's old value, is_remove)."""


class EventRecorder:
    """Every listener of the scenario, and what they heard in order."""

    def __init__(self, world: SpecWorld) -> None:
        self.world = world
        self.heard: list[Heard] = []
        self.listeners: list[tuple[Any, str, str, Callable[..., Any], bool]] = []
        """(listened object, event, target, listener, whether it records)"""
        self.restore: list[Callable[[], None]] = []
        """What puts back the state a flag changed beyond the listener itself."""
        self.hooks: set[str] = set()
        """What reports to the recorder other than a listener (the posts validator)."""

    def listen(
        self,
        on: Any,
        name: str,
        target: str,
        *,
        given: int | None = None,
        session_state: bool = False,
        keep: Callable[..., bool] | None = None,
        act: Callable[..., Any] | None = None,
        record: bool = True,
        values: tuple[int, ...] = (),
        flags: dict[str, bool] | None = None,
    ) -> None:
        """Listen to ``name`` on ``on``. ``given``: the position of the argument naming the
        object the event is about; ``session_state``: note what the session (the first
        argument) held; ``keep``: which calls count; ``act``: what the listener does besides
        (what it returns, the listener returns); ``values``: the positions of other arguments
        to keep; ``flags``: event.listen()'s keyword arguments."""

        def listener(*args: Any) -> Any:
            if record and (keep is None or keep(*args)):
                self.hear(
                    Heard(
                        name,
                        target,
                        None if given is None else self.describe(args[given]),
                        self._state(args[0]) if session_state else None,
                        tuple(args[i] for i in values),
                    )
                )
            return act(*args) if act is not None else None

        flags = flags or {}
        if flags.get("active_history"):
            # The flag is set on the attribute itself and outlives the listener.
            dispatch, before = on.dispatch, on.dispatch._active_history
            self.restore.append(lambda: setattr(dispatch, "_active_history", before))
        event.listen(on, name, listener, **flags)
        self.listeners.append((on, name, target, listener, record))

    def hear(self, heard: Heard) -> None:
        """Record what a listener, or a validator, heard."""
        self.heard.append(heard)

    def describe(self, given: Any) -> str:
        """The name of the object a listener was given, or of the object whose InstanceState it
        was given (raw=True)."""
        if isinstance(given, InstanceState):
            return f"the InstanceState of {self.world.name_of(given.obj())}"
        return self.world.name_of(given)

    def remove(self) -> None:
        while self.listeners:
            on, name, _, listener, _ = self.listeners.pop()
            event.remove(on, name, listener)
        while self.restore:
            self.restore.pop()()

    def _state(self, session: Session) -> SessionState:
        def names(objects: Any) -> list[str]:
            return sorted(self.world.name_of(o) for o in objects)

        return SessionState(
            names(session.new), names(session.dirty), names(session.deleted), session.is_active
        )

    # -- what the Then steps read --------------------------------------------------------------
    def records(self, name: str | None = None, target: str | None = None) -> bool:
        """Whether a recording listener (of that event, on that target) was added."""
        return any(
            record and name in (None, event_name) and target in (None, on_target)
            for _, event_name, on_target, _, record in self.listeners
        )

    def names(self) -> list[str]:
        return [heard.name for heard in self.heard]

    def last_state(self, name: str) -> SessionState | None:
        """What the session held when the ``name`` listener last ran (None: never)."""
        states = [h.session for h in self.heard if h.name == name and h.session is not None]
        return states[-1] if states else None

    def given_to(self, name: str) -> list[str]:
        return [h.given for h in self.heard if h.name == name and h.given is not None]


@pytest.fixture
def event_recorder(world: SpecWorld) -> EventRecorder:
    recorder = EventRecorder(world)
    world.cleanups.append(recorder.remove)
    return recorder


def _require(found: bool, message: str) -> None:
    """A Then step read events no Given listens to: an authoring mistake, not a failure."""
    if not found:
        raise AuthoringError(message)


_NO_LISTENER = "no listener records events: a Given step must add the listeners first"


@given(r"an after_begin listener that closes the session")
def after_begin_closer(world: SpecWorld, event_recorder: EventRecorder) -> None:
    # A listener that calls back into the session while one of its methods is still running.
    event_recorder.listen(
        world.session(), "after_begin", SESSION, act=lambda s, *_: s.close(), record=False
    )


# -- before_flush --------------------------------------------------------------------------------
@given(r"a before_flush listener that records session\.new, dirty and deleted")
def before_flush_recorder(world: SpecWorld, event_recorder: EventRecorder) -> None:
    event_recorder.listen(world.session(), "before_flush", SESSION, session_state=True)


@given(r"a before_flush listener that upper-cases the email of each new user")
def before_flush_changer(world: SpecWorld, event_recorder: EventRecorder) -> None:
    user_model = world.models.user

    def shout(session: Session, context: Any, instances: Any) -> None:
        for obj in session.new:
            if isinstance(obj, user_model):
                obj.email = obj.email.upper()

    event_recorder.listen(world.session(), "before_flush", SESSION, act=shout, record=False)


@then(r"the before_flush listener saw (?P<which>new|dirty|deleted) (?:{users}|none)")
def before_flush_saw(
    event_recorder: EventRecorder, which: str, users: list[ObjectName] | None
) -> None:
    _require(
        event_recorder.records("before_flush", SESSION),
        'no before_flush listener: write "Given a before_flush listener that records '
        'session.new, dirty and deleted" first',
    )
    seen = event_recorder.last_state("before_flush")
    assert seen is not None, "the before_flush listener never ran"
    expected = sorted(str(u) for u in users or [])
    assert getattr(seen, which) == expected, f"before_flush saw {which} {getattr(seen, which)}"


# -- transaction and state-transition events -----------------------------------------------------
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


def _outermost(name: str) -> Callable[..., bool]:
    def keep(session: Session, *args: Any) -> bool:
        outer = not args or not hasattr(args[0], "parent") or args[0].parent is None
        return outer or name not in ("after_transaction_create", "after_transaction_end")

    return keep


@given(r"listeners that record the session's (?P<kind>transaction|state-transition) events")
def record_events(world: SpecWorld, event_recorder: EventRecorder, kind: str) -> None:
    for name in TRANSACTION_EVENTS if kind == "transaction" else STATE_EVENTS:
        event_recorder.listen(world.session(), name, SESSION, keep=_outermost(name))


@given(r"a do_orm_execute listener that hides inactive users from every SELECT")
def global_filter(world: SpecWorld, event_recorder: EventRecorder) -> None:
    user_model = world.models.user

    def hide_inactive(state: ORMExecuteState) -> None:
        if state.is_select:
            state.statement = state.statement.options(
                with_loader_criteria(user_model, lambda cls: cls.is_active.is_(True))
            )

    event_recorder.listen(world.session(), "do_orm_execute", SESSION, act=hide_inactive)


EXECUTION_OPTIONS = "do_orm_execute, execution options"
"""What the listener recording each statement's execution options notes its calls as."""


@given(r"a do_orm_execute listener that records each statement's execution options")
def record_execution_options(world: SpecWorld, event_recorder: EventRecorder) -> None:
    def note(state: ORMExecuteState) -> None:
        # A relationship loader's own query: its path ends with the relationship it loads.
        loads = state.loader_strategy_path.path[-1].key if state.is_relationship_load else None
        options = dict(state.execution_options)
        event_recorder.hear(Heard(EXECUTION_OPTIONS, SESSION, values=(loads, options)))

    event_recorder.listen(world.session(), "do_orm_execute", SESSION, act=note, record=False)


@given(r"a do_orm_execute listener that notes ORMExecuteState\.is_select of each statement")
def note_is_select(world: SpecWorld, event_recorder: EventRecorder) -> None:
    def note(state: ORMExecuteState) -> None:
        event_recorder.hear(Heard("is_select", SESSION, values=(state.is_select,)))

    event_recorder.listen(world.session(), "do_orm_execute", SESSION, act=note, record=False)


@then(
    r"the do_orm_execute listener saw the query loading (?P<attr>[a-z_]+) "
    r"carry the execution options {info}"
)
def loader_query_options(event_recorder: EventRecorder, attr: str, info: dict[str, Any]) -> None:
    heard = [h.values for h in event_recorder.heard if h.name == EXECUTION_OPTIONS]
    _require(
        bool(heard) or any(name == "do_orm_execute" for _, name, *_ in event_recorder.listeners),
        "no listener: write \"Given a do_orm_execute listener that records each statement's "
        'execution options" first',
    )
    loads = [options for loads, options in heard if loads == attr]
    assert loads, f"no query loaded {attr}: the queries loaded {[loads for loads, _ in heard]}"
    for options in loads:
        carried = {key: options.get(key) for key in info}
        assert carried == info, f"the query loading {attr} carried {carried}"


@then(r"the do_orm_execute listener noted is_select (?P<flag>True|False)")
def noted_is_select(event_recorder: EventRecorder, flag: str) -> None:
    noted = [h.values[0] for h in event_recorder.heard if h.name == "is_select"]
    assert noted == [flag == "True"], f"is_select noted per statement: {noted}"


@then(r"(?:the events recorded were (?P<names>[a-z_]+(?:, [a-z_]+)*)|no events were recorded)")
def events_recorded(event_recorder: EventRecorder, names: str | None) -> None:
    _require(event_recorder.records(), _NO_LISTENER)
    expected = names.split(", ") if names else []
    recorded = event_recorder.names()
    assert recorded == expected, f"recorded: {recorded}"


# -- flush, commit, rollback, loading, mapper persistence ----------------------------------------
INSTANCE_EVENTS = ("loaded_as_persistent", "pending_to_transient", "deleted_to_persistent")
"""The session events whose listeners receive the object that changes state."""


@given(r"listeners on the session's {session_events} events?")
def listen_to_session(
    world: SpecWorld, event_recorder: EventRecorder, session_events: list[str]
) -> None:
    for name in session_events:
        # (session, instance): the object is the listener's second argument.
        given_at = 1 if name in INSTANCE_EVENTS else None
        event_recorder.listen(world.session(), name, SESSION, given=given_at, session_state=True)


@given(r"listeners on the (?P<kind>user|post) mapper's {mapper_events} events?")
def listen_to_mapper(
    world: SpecWorld, event_recorder: EventRecorder, kind: str, mapper_events: list[str]
) -> None:
    cls = world.model(KINDS[kind])
    for name in mapper_events:
        # (mapper, connection, target)
        event_recorder.listen(cls, name, f"the {kind} mapper", given=2)


@given(r"an after_flush_postexec listener that upper-cases the email of every user it finds")
def postexec_changer(world: SpecWorld, event_recorder: EventRecorder) -> None:
    user_model = world.models.user

    def shout(session: Session, context: Any) -> None:
        for obj in list(session.identity_map.values()):
            # Only a real change: setting the same value would mark the user modified again,
            # and a commit flushes until nothing is modified (100 times at most).
            if isinstance(obj, user_model) and obj.email != obj.email.upper():
                obj.email = obj.email.upper()

    event_recorder.listen(world.session(), "after_flush_postexec", SESSION, act=shout, record=False)


@then(
    r"the {session_event} listener saw session\.(?P<which>new|dirty|deleted) "
    r"(?:holding {objs}|(?P<empty>empty))"
)
def listener_saw(
    event_recorder: EventRecorder,
    session_event: str,
    which: str,
    objs: list[ObjectName] | None,
    empty: str | None,
) -> None:
    seen = event_recorder.last_state(session_event)
    assert seen is not None, f"the {session_event} listener never ran"
    expected = sorted(str(o) for o in objs or [])
    assert getattr(seen, which) == expected, f"it saw session.{which} {getattr(seen, which)}"


@then(r"the {session_event} listener found the session (?P<state>active|inactive)")
def listener_found_session(event_recorder: EventRecorder, session_event: str, state: str) -> None:
    seen = event_recorder.last_state(session_event)
    assert seen is not None, f"the {session_event} listener never ran"
    assert seen.active is (state == "active"), f"session.is_active was {seen.active}"


@then(r"the (?P<name>[a-z_]+) listener was given {objs}, in that order")
def listener_given(event_recorder: EventRecorder, name: str, objs: list[ObjectName]) -> None:
    given_to = event_recorder.given_to(name)
    assert given_to == [str(o) for o in objs], f"the {name} listener was given {given_to}"


# -- the unit of work's events -------------------------------------------------------------------
UNIT_OF_WORK_MAPPER_EVENTS = ("before_insert", "before_update", "before_delete")


@given(r"listeners that record do_orm_execute, before_flush and the user mapper's events")
def record_unit_of_work_events(world: SpecWorld, event_recorder: EventRecorder) -> None:
    session = world.session()
    event_recorder.listen(session, "do_orm_execute", SESSION)
    event_recorder.listen(session, "before_flush", SESSION)
    for name in UNIT_OF_WORK_MAPPER_EVENTS:
        event_recorder.listen(world.models.user, name, "the user mapper")


@then(r"the events seen were (?P<names>[a-z_]+(?:, [a-z_]+)*)")
def unit_of_work_events_seen(event_recorder: EventRecorder, names: str) -> None:
    _require(
        event_recorder.records(),
        'no listeners yet: write "Given listeners that record do_orm_execute, before_flush '
        "and the user mapper's events\" first",
    )
    seen = event_recorder.names()
    assert seen == names.split(", "), f"seen: {seen}"


# -- attribute events and validators ------------------------------------------------------------
ATTRIBUTE = "the user's name"
POSTS_VALIDATOR = "the posts validator"


@given(
    r"a listener on set events of the user's (?P<attribute>name|contact)(?:, with {event_flags},)?"
    r" that (?P<does>returns the new value upper-cased|records what it receives)"
)
def listen_to_name_set(
    world: SpecWorld,
    event_recorder: EventRecorder,
    attribute: str,
    event_flags: dict[str, bool] | None,
    does: str,
) -> None:
    def upper_cased(target: Any, value: str, oldvalue: Any, initiator: Any) -> str:
        return value.upper()

    if not hasattr(world.models.user, attribute):
        raise AuthoringError(
            f'the user has no {attribute}: choose the model variant "users whose name and email '
            'form a composite contact, with active_history=True" first'
        )
    event_recorder.listen(
        getattr(world.models.user, attribute),
        "set",
        f"the user's {attribute}",
        given=0,  # (target, value, oldvalue, initiator)
        values=(2,),
        act=upper_cased if does.startswith("returns") else None,
        flags=event_flags,
    )


@given(r"a load listener on the user class that reads the user's email(?:, with {event_flags})?")
def listen_to_user_load(
    world: SpecWorld, event_recorder: EventRecorder, event_flags: dict[str, bool] | None
) -> None:
    def read_email(target: Any, context: Any) -> None:
        target.email  # noqa: B018 - the read is the point: it may load the column

    event_recorder.listen(
        world.models.user, "load", "the user class", given=0, act=read_email, flags=event_flags
    )


def _heard_set(event_recorder: EventRecorder, attribute: str = ATTRIBUTE) -> list[Heard]:
    _require(
        event_recorder.records("set", attribute),
        f'no listener on {attribute}: write "Given a listener on set events of '
        f'{attribute} that records what it receives" first',
    )
    heard = [h for h in event_recorder.heard if h.name == "set" and h.target == attribute]
    assert heard, "the set listener never ran"
    return heard


@then(r"the set listener was given the InstanceState of {obj}")
def set_listener_given_state(event_recorder: EventRecorder, obj: ObjectName) -> None:
    given_to = [h.given for h in _heard_set(event_recorder)]
    assert given_to == [f"the InstanceState of {obj}"], f"the set listener was given {given_to}"


@then(r"the set listener received (?:the old value {value}|(?P<none>NO_VALUE) as the old value)")
def set_listener_old_value(event_recorder: EventRecorder, value: Any, none: str | None) -> None:
    old = [h.values[0] for h in _heard_set(event_recorder)]
    expected = NO_VALUE if none else value
    assert old == [expected], f"the set listener received the old value(s) {old}"


_CONTACT = r'name "(?P<name>[^"]*)" and email "(?P<email>[^"]*)"'
"""A user's contact (the composite of name and email) as a feature file writes it."""


@action(rf"I set {{user}}'s contact to the contact of {_CONTACT}")
def set_contact(world: SpecWorld, user: ObjectName, name: str, email: str) -> None:
    world.obj(user).contact = Contact(name, email)


@then(rf"the set listener received the old contact of {_CONTACT}")
def set_listener_old_contact(event_recorder: EventRecorder, name: str, email: str) -> None:
    old = [h.values[0] for h in _heard_set(event_recorder, "the user's contact")]
    assert old == [Contact(name, email)], f"the set listener received the old value(s) {old}"


@given(r"the posts validator's calls are recorded")
def record_posts_validator(world: SpecWorld, event_recorder: EventRecorder) -> None:
    if not hasattr(world.models.user, "validate_post"):
        raise AuthoringError(
            'the posts validator needs a model variant "users whose posts are validated..." first'
        )

    def heard(user: Any, post: Any, is_remove: bool | None) -> None:
        event_recorder.hear(
            Heard("validate", POSTS_VALIDATOR, event_recorder.describe(post), None, (is_remove,))
        )

    POSTS_VALIDATION_LISTENERS.append(heard)
    event_recorder.hooks.add(POSTS_VALIDATOR)
    event_recorder.restore.append(lambda: POSTS_VALIDATION_LISTENERS.remove(heard))


@then(
    r"the posts validator was (?:called for {post}(?:, with is_remove={is_remove:value})?"
    r"|(?P<never>not called))"
)
def posts_validator_called(
    event_recorder: EventRecorder, post: ObjectName | None, is_remove: Any, never: str | None
) -> None:
    _require(
        POSTS_VALIDATOR in event_recorder.hooks,
        "the posts validator's calls are not recorded: write \"Given the posts validator's "
        'calls are recorded" first',
    )
    calls = [(h.given, h.values[0]) for h in event_recorder.heard if h.target == POSTS_VALIDATOR]
    expected = [] if never else [(str(post), is_remove)]
    assert calls == expected, f"the posts validator was called for {calls or 'nothing'}"


# -- one listener on two sessionmakers -----------------------------------------------------------
MAKERS = ("first", "second")


@dataclass
class SharedListener:
    """Two sessionmakers and the one after_begin listener both were given (the same function:
    a wrapper per sessionmaker would be two listeners)."""

    makers: dict[str, Any]
    listener: Callable[..., None]
    ran: list[str]
    """The sessionmakers whose sessions the listener ran for, in the last round of sessions."""


@given(
    r"two sessionmakers, first and second, with one after_begin listener on both",
    target_fixture="shared_listener",
)
def two_sessionmakers_one_listener(world: SpecWorld) -> SharedListener:
    if world.api != "sync":
        raise AuthoringError(
            "an async_sessionmaker takes no session events (its sync_session_class does): "
            "tag the scenario @api:sync"
        )
    shared = SharedListener({}, lambda *_: None, [])

    def after_begin(session: Session, transaction: Any, connection: Any) -> None:
        shared.ran.append(session.info["sessionmaker"])

    shared.listener = after_begin
    shared.makers = {name: world.factory(info={"sessionmaker": name}) for name in MAKERS}
    for maker in shared.makers.values():
        event.listen(maker, "after_begin", after_begin)

    def remove_left() -> None:
        for maker in shared.makers.values():
            if event.contains(maker, "after_begin", after_begin):
                event.remove(maker, "after_begin", after_begin)

    world.cleanups.append(remove_left)
    return shared


@pytest.fixture
def shared_listener() -> SharedListener:
    raise AuthoringError(
        'no sessionmakers share a listener: write "Given two sessionmakers, first and second, '
        'with one after_begin listener on both" first'
    )


@action(r"I remove the after_begin listener from the (?P<which>first|second) sessionmaker")
def remove_shared_listener(shared_listener: SharedListener, which: str) -> None:
    event.remove(shared_listener.makers[which], "after_begin", shared_listener.listener)


@action(r"I begin a session of each sessionmaker")
def begin_session_of_each(shared_listener: SharedListener) -> None:
    shared_listener.ran.clear()
    for maker in shared_listener.makers.values():
        with maker() as session:
            session.connection()  # the transaction takes a connection: after_begin


@then(
    r"the after_begin listener ran for (?:the session of the (?P<which>first|second) "
    r"sessionmaker only|(?P<none>no session))"
)
def shared_listener_ran(
    shared_listener: SharedListener, which: str | None, none: str | None
) -> None:
    expected = [] if none else [which]
    assert shared_listener.ran == expected, (
        f"the after_begin listener ran for the sessions of {shared_listener.ran or 'none'}"
    )


# -- the pool ------------------------------------------------------------------------------------
@given(r"the pool's invalidations are counted")
def count_invalidations(world: SpecWorld, event_recorder: EventRecorder) -> None:
    event_recorder.listen(world.db.engine, "invalidate", POOL)


@then(r"the pool saw (?:exactly {count} invalidations?|no invalidation)")
def pool_saw_invalidations(event_recorder: EventRecorder, count: int | None) -> None:
    _require(
        event_recorder.records("invalidate", POOL),
        'no invalidations are counted: write "Given the pool\'s invalidations are counted"',
    )
    seen = len([h for h in event_recorder.heard if h.name == "invalidate" and h.target == POOL])
    assert seen == (count or 0), f"the pool saw {seen} invalidation(s)"
