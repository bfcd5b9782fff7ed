"""The state one scenario builds up: its sessions, the objects it named, what its actions did.

Steps keep no state of their own; they read and write a ``SpecWorld``. Feature files name
sessions ("the session", "the second session") and objects (users by name, posts by title), and
the world maps those names to the Python objects so that identity (``is``) can be checked. Every
action a step performs is recorded as one ``Outcome`` (its value or its exception), which is
what Then steps judge.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Select, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from orm_spec.database import SpecDatabase
from orm_spec.domain import AuthoringError, DomainModels, Kind, ObjectName
from orm_spec.model_variants import BUILT_WHEN_CHOSEN, DOMAINS, variant
from orm_spec.run import Outcome, OutcomeKind, ScenarioRun
from orm_spec.session_io import Savepoint, SessionIO

T = TypeVar("T")


def _tables(models: DomainModels) -> set[str]:
    return {inspect(cls).local_table.name for _, cls in models.classes()}


MAIN = "main"
"""The key of "the session"; other sessions are keyed by their ordinal ("second", ...)."""


@dataclass
class SpecWorld:
    db: SpecDatabase
    models: DomainModels = field(default_factory=lambda: DOMAINS["seed"])
    factory_options: dict[str, Any] = field(default_factory=dict)
    sessions: dict[str, Session | AsyncSession] = field(default_factory=dict)
    objects: dict[str, dict[ObjectName, Any]] = field(default_factory=dict)
    """Per session key, the objects it loaded or created, by name."""
    keys: dict[ObjectName, int] = field(default_factory=dict)
    """Primary keys of the named rows, known once a row exists; a fresh session finds it by it."""
    outcomes: list[Outcome] = field(default_factory=list)
    savepoints: list[Savepoint] = field(default_factory=list)
    cleanups: list[Callable[[], Any]] = field(default_factory=list)
    """Undo actions (remove a listener, drop a table) run when the scenario ends, last first."""
    run: ScenarioRun = field(init=False)
    """The scenario's steps as they ran: what each caused (SQL, warnings) and how it ended."""

    def __post_init__(self) -> None:
        self.run = ScenarioRun(self.db.recorder, self.db)

    # -- the mapping in use --------------------------------------------------------------------
    def use_models(self, name: str) -> None:
        """Map the scenario's objects with the named variant from here on; re-issue what
        configuring it warned."""
        if name not in DOMAINS and name not in BUILT_WHEN_CHOSEN:
            known = ", ".join({**DOMAINS, **BUILT_WHEN_CHOSEN})
            raise AuthoringError(f"no model variant {name!r}: choose from {known}")
        chosen = variant(name)
        rows_elsewhere = self.keys and _tables(chosen) != _tables(self.models)
        if rows_elsewhere or any(s.identity_map for s in self.sessions.values()):
            raise AuthoringError(
                f'the model variant "{name}" is chosen after rows or objects of another mapping '
                "exist: put it first in the Background or scenario"
            )
        self.models = chosen
        for caught in chosen.configuration_warnings:
            warnings.warn_explicit(caught.message, caught.category, caught.filename, caught.lineno)

    def model(self, kind: Kind) -> type:
        return self.models.of(kind)

    # -- sessions ------------------------------------------------------------------------------
    @property
    def api(self) -> str:
        return self.db.backend.api

    def factory(self, **overrides: Any) -> Any:
        """sessionmaker, or async_sessionmaker on an async backend, with the scenario's options."""
        return self.db.api.sessionmaker(**{**self.factory_options, **overrides})

    def new_session(self, **overrides: Any) -> Any:
        """``factory(**overrides)()``, without a factory: one nobody keeps costs a class."""
        return self.db.api.new_session(**{**self.factory_options, **overrides})

    def open_session(self, key: str = MAIN, **options: Any) -> Session:
        return self.adopt_session(self.new_session(**options), key)

    def adopt_session(self, session: Session | AsyncSession, key: str = MAIN) -> Session:
        """Make a session built elsewhere (bound to a given connection) the named one."""
        if key in self.sessions:
            raise AuthoringError(f"the {key} session is already open: a step opens it twice")
        self.sessions[key] = session
        return self.io(key).session

    def session(self, key: str = MAIN) -> Session:
        """The named session (an AsyncSession's sync_session), opened on first use: what steps
        inspect and change without IO (add, expunge, expire, the identity map)."""
        return self.io(key).session

    def io(self, key: str = MAIN) -> SessionIO:
        """The named session for what may emit SQL (flush, commit, queries, refresh, ...)."""
        if key not in self.sessions:
            self.sessions[key] = self.new_session()
        return SessionIO(self.db.api, self.sessions[key])

    def in_fresh_session(self, work: Callable[[Session], T], **options: Any) -> T:
        """Run ``work`` in a short-lived session of its own (another user of the database)."""
        return self.db.api.fresh_session(work, **{**self.factory_options, **options})

    def peek(self, obj: Any, attr: str) -> Any:
        """An attribute as a Then step checks it: loaded if it must be, also on an async backend
        (inside SQLAlchemy's greenlet), so that checking never changes the answer's kind."""
        return self.db.api.with_implicit_io(lambda: getattr(obj, attr), self.sessions.get(MAIN))

    def close(self) -> None:
        for key in list(self.sessions):
            io = self.io(key)
            # Roll back first: after a failed COMMIT (SQLite's "database is locked"), close()
            # alone hands the connection back to the pool still inside the transaction.
            with contextlib.suppress(Exception):
                io.rollback()
            io.close()
        while self.cleanups:
            self.cleanups.pop()()

    # -- named objects -------------------------------------------------------------------------
    def remember(self, name: ObjectName, obj: T, key: str = MAIN) -> T:
        self.objects.setdefault(key, {})[name] = obj
        return obj

    def remember_loaded(self, value: Any, key: str = MAIN) -> None:
        """Name the domain objects in a value read (user.posts, a query result) for later steps."""
        for obj in value if isinstance(value, (list, tuple)) else [value]:
            name = self.models.name_of(obj)
            if name is not None:
                self.remember(name, obj, key)

    def obj(self, name: ObjectName, key: str = MAIN) -> Any:
        try:
            return self.objects[key][name]
        except KeyError:
            known = ", ".join(map(str, self.objects.get(key, {}))) or "none"
            raise AuthoringError(
                f"no object called {name} in the {key} session's view (known: {known}): a step "
                f"must load or create it first (Given {name} is loaded)"
            ) from None

    def name_of(self, obj: Any) -> str:
        """What the scenario calls ``obj``: the name it was loaded or created under (Alice stays
        Alice after her name attribute changed), else its label."""
        for named in self.objects.values():
            for name, known in named.items():
                if known is obj:
                    return str(name)
        return str(self.models.name_of(obj) or repr(obj))

    def forget(self, name: ObjectName) -> None:
        """Drop every reference the scenario holds to the object (for garbage collection)."""
        for named in self.objects.values():
            named.pop(name, None)
        self.outcomes.clear()
        self.run.forget_actions()

    def key_of(self, name: ObjectName) -> int:
        try:
            return self.keys[name]
        except KeyError:
            raise AuthoringError(
                f"{name} has no row yet: create it first (Given the users ... exist)"
            ) from None

    def lookup(self, name: ObjectName) -> Select[Any]:
        """The statement that finds the named row: by primary key once known, so a row renamed
        in a scenario is still found, else by its label (name or title)."""
        model = self.model(name.kind)
        if name in self.keys:
            return select(model).where(model.id == self.keys[name])  # type: ignore[attr-defined]
        return select(model).where(getattr(model, name.kind.label) == name.label)

    def note_keys(self, session: Session) -> None:
        """Remember the keys of the named rows a session holds, so a new session can find them."""
        for obj in list(session.identity_map.values()):
            state = inspect(obj)
            if state.expired or "id" in state.unloaded:
                continue  # reading the key would emit SQL outside any When block
            name = self.models.name_of(obj)
            if name is not None:
                self.keys[name] = state.dict["id"]

    # -- outcomes ------------------------------------------------------------------------------
    def act(
        self, step: str, action: Callable[[], Any], attempted: bool, kind: OutcomeKind | None
    ) -> Outcome:
        """Run one action and record its outcome; without ``attempted`` an exception fails."""
        outcome = Outcome(step, kind, attempted)
        self.outcomes.append(outcome)
        try:
            outcome.value = action()
        except AuthoringError:
            raise  # a mistake in the feature file is never the behaviour under test
        except Exception as exc:
            outcome.error = exc
            # What the action got before it failed, where it says (the partitions a streamed
            # result handed over before the driver gave up), for the Then steps to state.
            outcome.value = getattr(exc, "orm_spec_partial_value", None)
            if not attempted:
                raise
        finally:
            for session in self.sessions.values():
                self.note_keys(session)
        return outcome

    def last(self, kind: OutcomeKind) -> Outcome:
        """The last action that produced a value of this kind."""
        for outcome in reversed(self.outcomes):
            if outcome.kind is kind:
                return outcome
        raise AuthoringError(f"no step {kind.value} before this one: such a step must come first")

    def last_attempt(self) -> Outcome:
        for outcome in reversed(self.outcomes):
            if outcome.attempted:
                return outcome
        raise AuthoringError('no "I try to ..." step ran before this one: write the action so')
