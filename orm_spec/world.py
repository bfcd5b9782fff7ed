"""The state one scenario builds up: its sessions, the objects it named, what last went wrong.

Steps never keep state of their own; they read and write a ``SpecWorld``. Feature files name
sessions ("the session", "the second session") and objects (users by name, posts by title), and
the world maps those names to the Python objects so that identity (``is``) can be checked.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from orm_spec.database import SpecDatabase
from orm_spec.model_variants import DOMAINS, DomainModels
from orm_spec.steps.grammar import Ref

T = TypeVar("T")

MAIN = "main"
"""The key of "the session"; other sessions are keyed by their ordinal ("second", ...)."""


@dataclass
class Attempt:
    """What an action that was allowed to fail ("When I try to ...") did."""

    error: BaseException | None
    value: Any = None


@dataclass
class SpecWorld:
    db: SpecDatabase
    models: DomainModels = field(default_factory=lambda: DOMAINS["seed"])
    factory_options: dict[str, Any] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per session key, the objects it loaded or created, by label (user name, post title)."""
    ids: dict[Ref, int] = field(default_factory=dict)
    """Primary keys of the named rows, known once a row exists; a fresh session finds it by it."""
    loads: list[Any] = field(default_factory=list)
    """Every object the scenario loaded, in order, for identity checks across loads."""
    values: list[Any] = field(default_factory=list)
    """Every value a When step read, in order."""
    savepoints: list[SessionTransaction] = field(default_factory=list)
    attempt: Attempt | None = None
    caught_warnings: list[warnings.WarningMessage] = field(default_factory=list)
    last_step_type: str | None = None
    scratch: dict[str, Any] = field(default_factory=dict)
    """What one subject's steps hand each other (a scoped_session, recorded events, ...)."""
    cleanups: list[Callable[[], Any]] = field(default_factory=list)
    """Undo actions (remove a listener, drop a table) run when the scenario ends, last first."""

    # -- sessions -------------------------------------------------------------------------------
    def factory(self, **overrides: Any) -> sessionmaker[Session]:
        return sessionmaker(**{"bind": self.db.engine, **self.factory_options, **overrides})

    def open_session(self, key: str = MAIN, **options: Any) -> Session:
        if key in self.sessions:
            raise AssertionError(f"the {key} session is already open: a step opens it twice")
        session = self.factory(**options)()
        self.sessions[key] = session
        return session

    def session(self, key: str = MAIN) -> Session:
        """The named session, opened with the factory's options on first use."""
        if key not in self.sessions:
            return self.open_session(key)
        return self.sessions[key]

    def close(self) -> None:
        for session in self.sessions.values():
            session.close()
        while self.cleanups:
            self.cleanups.pop()()

    # -- named objects --------------------------------------------------------------------------
    def remember(self, ref: Ref, obj: Any, key: str = MAIN) -> Any:
        self.objects.setdefault(key, {})[str(ref)] = obj
        return obj

    def remember_all(self, objects: Any, key: str = MAIN) -> None:
        """Name the domain objects in a value read (user.posts, a query result) for later steps."""
        if not isinstance(objects, (list, tuple)):
            objects = [objects]
        for obj in objects:
            if hasattr(obj, "title") and "title" in getattr(obj, "__dict__", {}):
                self.remember(Ref("post", obj.__dict__["title"]), obj, key)
            elif hasattr(obj, "name") and "name" in getattr(obj, "__dict__", {}):
                self.remember(Ref("user", obj.__dict__["name"]), obj, key)

    def forget(self, ref: Ref) -> None:
        """Drop every reference the scenario holds to the object (for garbage collection)."""
        for named in self.objects.values():
            named.pop(str(ref), None)
        self.loads.clear()
        self.values.clear()
        self.attempt = None

    def obj(self, ref: Ref, key: str = MAIN) -> Any:
        try:
            return self.objects[key][str(ref)]
        except KeyError:
            known = ", ".join(self.objects.get(key, {})) or "none"
            raise AssertionError(
                f"no object called {ref} in the {key} session's view (known: {known}); "
                "a Given step must load or create it first"
            ) from None

    def model(self, kind: str) -> type:
        return self.models.post if kind == "post" else self.models.user

    def lookup(self, ref: Ref) -> Select[Any]:
        """The statement that finds the referenced row: by primary key once known, so a row
        renamed in a scenario is still found, else by its natural key (name or title)."""
        model = self.model(ref.kind)
        if ref in self.ids:
            return select(model).where(model.id == self.ids[ref])  # type: ignore[attr-defined]
        column = model.title if ref.kind == "post" else model.name  # type: ignore[attr-defined]
        return select(model).where(column == ref.key)

    # -- outcomes -------------------------------------------------------------------------------
    def run(self, action: Callable[[], T], allowed_to_fail: bool) -> T | None:
        """Run a When action; with ``allowed_to_fail`` record its exception for Then steps."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = action()
            except Exception as exc:
                if not allowed_to_fail:
                    raise
                self.attempt = Attempt(exc)
                return None
            finally:
                self.caught_warnings.extend(caught)
        if allowed_to_fail:
            self.attempt = Attempt(None, value)
        return value

    def in_fresh_session(self, work: Callable[[Session], T], **options: Any) -> T:
        """Run ``work`` in a short-lived session of its own (another user of the database)."""
        with self.factory(**options)() as session:
            return work(session)
