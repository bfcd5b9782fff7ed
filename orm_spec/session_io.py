"""The one adapter through which steps drive a session that may talk to the database.

A step that flushes, commits, queries, refreshes or deletes calls ``world.io(...)``: on a sync
backend that is the Session's own method, on an async backend the AsyncSession's coroutine,
awaited on the backend's event loop, one operation at a time, as application code would await
it. Everything that does no IO (add, expunge, expire, the identity map, session.new/dirty) is
the same on both, so steps use the Session itself (an AsyncSession's ``sync_session``).

Attribute access is never routed through here: reading an attribute that must be loaded is
exactly where AsyncSession differs (it raises instead of emitting SQL), and the spec states it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Result, ScalarResult
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from orm_spec.database import SpecDatabase


class Savepoint:
    """A begin_nested() transaction, ended by the step that ends it."""

    def __init__(self, commit: Callable[[], None], rollback: Callable[[], None]) -> None:
        self.commit, self.rollback = commit, rollback


class SessionIO:
    """What a step can do to a Session or an AsyncSession that may emit SQL."""

    def __init__(self, db: SpecDatabase, session: Session | AsyncSession) -> None:
        self.db = db
        self.target = session

    @property
    def session(self) -> Session:
        """The Session the step inspects: an AsyncSession's ``sync_session``."""
        target = self.target
        return target.sync_session if isinstance(target, AsyncSession) else target

    def _do(self, name: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.target, name)(*args, **kwargs)
        return self.db.run(result) if isinstance(self.target, AsyncSession) else result

    def flush(self) -> None:
        self._do("flush")

    def commit(self) -> None:
        self._do("commit")

    def rollback(self) -> None:
        self._do("rollback")

    def close(self) -> None:
        self._do("close")

    def delete(self, obj: Any) -> None:
        self._do("delete", obj)

    def refresh(self, obj: Any, attributes: list[str] | None = None) -> None:
        self._do("refresh", obj, attributes)

    def merge(self, obj: Any, load: bool = True) -> Any:
        return self._do("merge", obj, load=load)

    def get(self, model: type, ident: Any, **options: Any) -> Any:
        return self._do("get", model, ident, **options)

    def get_one(self, model: type, ident: Any, **options: Any) -> Any:
        return self._do("get_one", model, ident, **options)

    def scalars(self, statement: Any) -> ScalarResult[Any]:
        return self._do("scalars", statement)  # type: ignore[no-any-return]

    def execute(self, statement: Any, params: Any = None, **options: Any) -> Result[Any]:
        return self._do("execute", statement, params, **options)  # type: ignore[no-any-return]

    def connection(self, **options: Any) -> Any:
        """The session's Connection (an AsyncConnection for an AsyncSession), begun with
        ``execution_options`` if given."""
        return self._do("connection", **options)

    def isolation_level(self) -> str:
        connection = self._do("connection")
        level = connection.get_isolation_level()
        return self.db.run(level) if isinstance(self.target, AsyncSession) else level  # type: ignore[no-any-return]

    def begin_nested(self) -> Savepoint:
        nested = self._do("begin_nested")
        return Savepoint(lambda: self._end(nested, "commit"), lambda: self._end(nested, "rollback"))

    def _end(self, transaction: Any, how: str) -> None:
        done = getattr(transaction, how)()
        if isinstance(self.target, AsyncSession):
            self.db.run(done)

    @contextmanager
    def transaction_block(self, nested: bool) -> Iterator[None]:
        """``with session.begin()`` / ``begin_nested()``, or their ``async with`` forms."""
        block = self.target.begin_nested() if nested else self.target.begin()
        with _entered(self.db, block):
            yield


@contextmanager
def new_session_block(db: SpecDatabase, factory: Any, begin: bool) -> Iterator[SessionIO]:
    """``with Session() as session`` / ``with sessionmaker.begin() as session`` (or their async
    forms): a session of its own for the length of the block."""
    block = factory.begin() if begin else factory()
    with _entered(db, block) as session:
        yield SessionIO(db, session)


@contextmanager
def _entered(db: SpecDatabase, block: Any) -> Iterator[Any]:
    """Enter a context manager, awaiting ``__aenter__``/``__aexit__`` for an async one; the body
    runs between the two awaits, as the body of an ``async with`` does."""
    if not hasattr(block, "__aenter__"):
        with block as entered:
            yield entered
        return
    entered = db.run(block.__aenter__())
    try:
        yield entered
    except BaseException as exc:
        if not db.run(block.__aexit__(type(exc), exc, exc.__traceback__)):
            raise
    else:
        db.run(block.__aexit__(None, None, None))


class ConnectionIO:
    """A connection of the scenario's own (a Connection, or an AsyncConnection awaited on the
    backend's loop): what the test-isolation recipe and foreign-key PRAGMAs need."""

    def __init__(self, db: SpecDatabase) -> None:
        self.db = db
        if db.async_engine is None:
            self.bind: Any = db.engine.connect()
        else:
            self.bind = db.run(db.async_engine.connect())

    def _await(self, result: Any) -> Any:
        return self.db.run(result) if self.db.async_engine is not None else result

    def begin(self) -> Any:
        """Begin a transaction; the returned object's ``rollback()`` ends it."""
        transaction = self._await(self.bind.begin())
        return Savepoint(
            lambda: self._await(transaction.commit()), lambda: self._await(transaction.rollback())
        )

    def driver_execute(self, statement: str) -> None:
        """Send ``statement`` through the DBAPI connection itself, outside SQLAlchemy's
        transaction handling (a PRAGMA SQLite ignores inside a transaction)."""
        if self.db.async_engine is None:
            self.bind.connection.driver_connection.execute(statement)
        else:
            fairy = self.db.run(self.bind.get_raw_connection())
            self.db.run(fairy.driver_connection.execute(statement))

    def close(self, invalidate: bool = False) -> None:
        if invalidate:
            self._await(self.bind.invalidate())
        self._await(self.bind.close())
