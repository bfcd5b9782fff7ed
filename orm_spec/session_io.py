"""The one adapter through which the spec drives a database: sync or async is chosen here, once.

A backend's ``api`` names a ``SessionApi``, opened with its engine when the backend's database is
opened (``SpecDatabase.open``): ``SyncApi`` drives an Engine and Sessions, ``AsyncApi`` an
AsyncEngine and AsyncSessions, awaited on a private event loop (one per backend for the whole
run, since async drivers bind their connections to the loop that made them), one operation at a
time, as application code would await them. Nothing else in the spec asks which one it has.

A step that flushes, commits, queries, refreshes or deletes calls ``world.io(...)``: on a sync
backend that is the Session's own method, on an async backend the AsyncSession's coroutine,
awaited. Everything that does no IO (add, expunge, expire, the identity map, session.new/dirty) is
the same on both, so steps use the Session itself (an AsyncSession's ``sync_session``).

Attribute access is never routed through here: reading an attribute that must be loaded is
exactly where AsyncSession differs (it raises instead of emitting SQL), and the spec states it.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, ClassVar, Protocol, TypeVar

from sqlalchemy import Connection, Engine, Result, ScalarResult, create_engine
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session, sessionmaker

from orm_spec.domain import AuthoringError

T = TypeVar("T")


class SessionApi(ABC):
    """How the spec drives one engine: the Session API a backend's scenarios use."""

    api: ClassVar[str]
    """The backend's ``api`` this drives: "sync" or "async"."""

    engine: Engine
    """The synchronous engine: for an AsyncEngine its ``sync_engine``, which events (the SQL
    recorder, the pool) attach to and ``get_bind()`` returns."""
    bind: Engine | AsyncEngine
    """What a session is given: the Engine, or the AsyncEngine."""

    def __init__(self, backend: str) -> None:
        self.backend = backend

    @classmethod
    @abstractmethod
    def create(cls, backend: str, url: URL, options: dict[str, Any]) -> SessionApi:
        """This API with a new engine on ``url`` (see ``open_session_api``)."""

    @abstractmethod
    def another_engine(self, url: URL, options: dict[str, Any]) -> SessionApi:
        """A second engine on ``url``, driven the same way (on the same event loop)."""

    # -- sessions and connections --------------------------------------------------------------
    @abstractmethod
    def sessionmaker(self, **options: Any) -> Any:
        """The session factory scenarios use: sessionmaker, or async_sessionmaker."""

    def new_session(self, **options: Any) -> Any:
        """What ``sessionmaker(**options)()`` returns, for a factory nobody keeps."""
        return self.sessionmaker(**options)()

    @abstractmethod
    def sync_session(self, session: Any) -> Session:
        """The Session a step inspects: an AsyncSession's ``sync_session``."""

    @abstractmethod
    def sync_connection(self, connection: Any) -> Connection:
        """The Connection itself: an AsyncConnection proxies one, and identity is checked on it."""

    @abstractmethod
    def call(self, result: Any) -> Any:
        """What a call that may do IO returned: an AsyncSession's (AsyncConnection's, ...)
        awaitable is awaited on the loop, a Session's result is the result."""

    @abstractmethod
    def entered(self, block: Any) -> AbstractContextManager[Any]:
        """``with block`` / ``async with block``: the body runs between ``__aenter__`` and
        ``__aexit__``, as the body of an ``async with`` does."""

    @abstractmethod
    def with_implicit_io(self, work: Callable[[], T], session: Any | None) -> T:
        """Run ``work`` where an implicit load may emit SQL: under AsyncSession inside
        SQLAlchemy's greenlet (``run_sync`` on ``session``, or on a session of its own)."""

    @abstractmethod
    def fresh_session(self, work: Callable[[Session], T], **options: Any) -> T:
        """Run ``work`` with a short-lived session of its own (another user of the database);
        an AsyncSession's sync_session, inside the greenlet, under AsyncSession."""

    @abstractmethod
    def admin(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` on a connection of its own, in a transaction that is committed."""

    @abstractmethod
    def connect(self) -> Connection | AsyncConnection:
        """A connection of the scenario's own, as its session is given it as a bind."""

    @abstractmethod
    def driver_execute(self, connection: Any, statement: str) -> None:
        """Send ``statement`` through the DBAPI connection itself, outside SQLAlchemy's
        transaction handling."""

    @abstractmethod
    def partitions(self, session: Any, statement: Any, unique: bool, into: list[list[Any]]) -> None:
        """Iterate a yield_per query's result partition by partition into ``into``, which keeps
        what arrived if the iteration fails half-way."""

    @abstractmethod
    def dispose(self, *, finally_: bool = True) -> None:
        """Close the pool's connections; ``finally_`` also closes an event loop of its own."""

    # -- what exists only under AsyncSession ---------------------------------------------------
    def run(self, awaitable: Awaitable[T]) -> T:
        """Await one thing on the backend's event loop (async_session.feature's own steps)."""
        raise self._not_async()

    def async_session(self, session: Any) -> AsyncSession:
        raise self._not_async()

    @property
    def async_engine(self) -> AsyncEngine:
        raise self._not_async()

    def require_async(self) -> None:
        """For a step that states what exists only under AsyncSession."""
        raise self._not_async()

    def _not_async(self) -> AuthoringError:
        return AuthoringError(f"{self.backend} drives a sync Session: tag the scenario @api:async")


class SyncApi(SessionApi):
    """Session on an Engine."""

    api = "sync"

    def __init__(self, backend: str, engine: Engine) -> None:
        super().__init__(backend)
        self.engine = self.bind = engine

    @classmethod
    def create(cls, backend: str, url: URL, options: dict[str, Any]) -> SyncApi:
        return cls(backend, create_engine(url, **options))

    def another_engine(self, url: URL, options: dict[str, Any]) -> SyncApi:
        return SyncApi(self.backend, create_engine(url, **options))

    def sessionmaker(self, **options: Any) -> Any:
        return sessionmaker(**{"bind": self.engine, **options})

    def new_session(self, **options: Any) -> Any:
        # The Session itself, with what sessionmaker would pass it: each sessionmaker makes a
        # Session subclass whose event dispatch SQLAlchemy sets up (about 25 class-level
        # dispatchers) and the garbage collector later has to find, for a factory thrown away
        # at once. No step keeps this factory, so no listener can be attached to its class.
        return Session(**{"bind": self.engine, **options})

    def sync_session(self, session: Any) -> Session:
        return session  # type: ignore[no-any-return]

    def sync_connection(self, connection: Any) -> Connection:
        return connection  # type: ignore[no-any-return]

    def call(self, result: Any) -> Any:
        return result

    def entered(self, block: Any) -> AbstractContextManager[Any]:
        return block  # type: ignore[no-any-return]

    def with_implicit_io(self, work: Callable[[], T], session: Any | None) -> T:
        return work()

    def fresh_session(self, work: Callable[[Session], T], **options: Any) -> T:
        # Not through sessionmaker: each sessionmaker makes a Session subclass, whose event
        # dispatch SQLAlchemy then sets up, and that the garbage collector has to find later.
        with Session(self.engine, **options) as session:
            try:
                return work(session)
            except BaseException:
                session.rollback()  # a failed COMMIT must not reach the pool inside a txn
                raise

    def admin(self, work: Callable[[Connection], T]) -> T:
        with self.engine.begin() as conn:
            return work(conn)

    def connect(self) -> Connection:
        return self.engine.connect()

    def driver_execute(self, connection: Any, statement: str) -> None:
        connection.connection.driver_connection.execute(statement)

    def partitions(self, session: Any, statement: Any, unique: bool, into: list[list[Any]]) -> None:
        result = session.scalars(statement)
        try:
            for part in (result.unique() if unique else result).partitions():
                into.append(list(part))
        finally:
            result.close()

    def dispose(self, *, finally_: bool = True) -> None:
        self.engine.dispose()


class AsyncApi(SessionApi):
    """AsyncSession on an AsyncEngine, awaited on a private event loop."""

    api = "async"

    def __init__(
        self,
        backend: str,
        engine: AsyncEngine,
        loop: asyncio.AbstractEventLoop,
        owns_loop: bool = True,
    ) -> None:
        super().__init__(backend)
        self.bind, self.engine = engine, engine.sync_engine
        self.loop, self.owns_loop = loop, owns_loop

    @classmethod
    def create(cls, backend: str, url: URL, options: dict[str, Any]) -> AsyncApi:
        return cls(backend, create_async_engine(url, **options), asyncio.new_event_loop())

    def another_engine(self, url: URL, options: dict[str, Any]) -> AsyncApi:
        engine = create_async_engine(url, **options)
        return AsyncApi(self.backend, engine, self.loop, owns_loop=False)

    def require_async(self) -> None:
        pass

    def run(self, awaitable: Awaitable[T]) -> T:
        return self.loop.run_until_complete(awaitable)  # type: ignore[arg-type]

    def async_session(self, session: Any) -> AsyncSession:
        return session  # type: ignore[no-any-return]

    @property
    def async_engine(self) -> AsyncEngine:
        return self.bind  # type: ignore[return-value]

    def sessionmaker(self, **options: Any) -> Any:
        return async_sessionmaker(**{"bind": self.bind, **options})

    def sync_session(self, session: Any) -> Session:
        return session.sync_session  # type: ignore[no-any-return]

    def sync_connection(self, connection: Any) -> Connection:
        return connection.sync_connection  # type: ignore[no-any-return]

    def call(self, result: Any) -> Any:
        return self.run(result)

    @contextmanager
    def entered(self, block: Any) -> Iterator[Any]:
        entered = self.run(block.__aenter__())
        try:
            yield entered
        except BaseException as exc:
            if not self.run(block.__aexit__(type(exc), exc, exc.__traceback__)):
                raise
        else:
            self.run(block.__aexit__(None, None, None))

    def with_implicit_io(self, work: Callable[[], T], session: Any | None) -> T:
        # run_sync only lends its greenlet: which session hosts it does not change the load.
        host = session if session is not None else AsyncSession(self.bind)
        return self.run(host.run_sync(lambda _: work()))

    def fresh_session(self, work: Callable[[Session], T], **options: Any) -> T:
        bind = self.bind

        async def in_greenlet() -> T:
            async with AsyncSession(bind, **options) as session:
                try:
                    return await session.run_sync(work)  # type: ignore[no-any-return]
                except BaseException:
                    await session.rollback()
                    raise

        return self.run(in_greenlet())

    def admin(self, work: Callable[[Connection], T]) -> T:
        engine = self.async_engine

        async def in_greenlet() -> T:
            async with engine.begin() as conn:
                return await conn.run_sync(work)

        return self.run(in_greenlet())

    def connect(self) -> AsyncConnection:
        return self.run(self.async_engine.connect())

    def driver_execute(self, connection: Any, statement: str) -> None:
        fairy = self.run(connection.get_raw_connection())
        self.run(fairy.driver_connection.execute(statement))

    def partitions(self, session: Any, statement: Any, unique: bool, into: list[list[Any]]) -> None:
        # AsyncSession buffers scalars(); a server-side, batched result is stream_scalars().
        async def collect() -> None:
            result = await session.stream_scalars(statement)
            try:
                chosen = result.unique() if unique else result
                async for part in chosen.partitions():
                    into.append(list(part))
            finally:
                await result.close()  # a refused iteration must not leave the cursor streaming

        self.run(collect())

    def dispose(self, *, finally_: bool = True) -> None:
        self.run(self.async_engine.dispose())
        if finally_ and self.owns_loop:
            self.loop.close()


SESSION_APIS: dict[str, type[SessionApi]] = {"sync": SyncApi, "async": AsyncApi}
"""Each backend ``api`` and the class that drives it."""


def open_session_api(backend: str, api: str, url: URL, options: dict[str, Any]) -> SessionApi:
    """The Session API ``backend`` declares, with a new engine on ``url``."""
    if api not in SESSION_APIS:
        raise ValueError(f"{backend} declares api {api!r}: choose from {', '.join(SESSION_APIS)}")
    return SESSION_APIS[api].create(backend, url, options)


class Savepoint:
    """A begin_nested() transaction, ended by the step that ends it."""

    def __init__(self, commit: Callable[[], None], rollback: Callable[[], None]) -> None:
        self.commit, self.rollback = commit, rollback


class SessionIO:
    """What a step can do to a Session or an AsyncSession that may emit SQL."""

    def __init__(self, api: SessionApi, session: Session | AsyncSession) -> None:
        self.api = api
        self.target = session

    @property
    def session(self) -> Session:
        """The Session the step inspects: an AsyncSession's ``sync_session``."""
        return self.api.sync_session(self.target)

    def async_session(self) -> AsyncSession:
        """The AsyncSession itself, for what exists only under AsyncSession."""
        return self.api.async_session(self.target)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call the session's method ``name``, which may do IO."""
        return self.api.call(getattr(self.target, name)(*args, **kwargs))

    def flush(self) -> None:
        self.call("flush")

    def commit(self) -> None:
        self.call("commit")

    def rollback(self) -> None:
        self.call("rollback")

    def close(self) -> None:
        self.call("close")

    def delete(self, obj: Any) -> None:
        self.call("delete", obj)

    def refresh(self, obj: Any, attributes: list[str] | None = None) -> None:
        self.call("refresh", obj, attributes)

    def merge(self, obj: Any, load: bool = True) -> Any:
        return self.call("merge", obj, load=load)

    def get(self, model: type, ident: Any, **options: Any) -> Any:
        return self.call("get", model, ident, **options)

    def get_one(self, model: type, ident: Any, **options: Any) -> Any:
        return self.call("get_one", model, ident, **options)

    def scalars(self, statement: Any) -> ScalarResult[Any]:
        return self.call("scalars", statement)  # type: ignore[no-any-return]

    def execute(self, statement: Any, params: Any = None, **options: Any) -> Result[Any]:
        return self.call("execute", statement, params, **options)  # type: ignore[no-any-return]

    def connection(self, **options: Any) -> Any:
        """The session's Connection (an AsyncConnection for an AsyncSession), begun with
        ``execution_options`` if given."""
        return self.call("connection", **options)

    def isolation_level(self) -> str:
        return self.api.call(self.call("connection").get_isolation_level())  # type: ignore[no-any-return]

    def partitions(self, statement: Any, unique: bool, into: list[list[Any]]) -> None:
        """A yield_per query's result, partition by partition, into ``into``."""
        self.api.partitions(self.target, statement, unique, into)

    def begin_nested(self) -> Savepoint:
        nested = self.call("begin_nested")
        return Savepoint(
            lambda: self.api.call(nested.commit()), lambda: self.api.call(nested.rollback())
        )

    @contextmanager
    def transaction_block(self, nested: bool) -> Iterator[None]:
        """``with session.begin()`` / ``begin_nested()``, or their ``async with`` forms."""
        block = self.target.begin_nested() if nested else self.target.begin()
        with self.api.entered(block):
            yield


class OpenDatabase(Protocol):
    """What the helpers below need of a backend's opened database (``SpecDatabase``): its
    Session API. A protocol, so this module does not import the database that imports it."""

    @property
    def api(self) -> SessionApi: ...


@contextmanager
def new_session_block(db: OpenDatabase, factory: Any, begin: bool) -> Iterator[SessionIO]:
    """``with Session() as session`` / ``with sessionmaker.begin() as session`` (or their async
    forms): a session of its own for the length of the block."""
    block = factory.begin() if begin else factory()
    with db.api.entered(block) as session:
        yield SessionIO(db.api, session)


class ConnectionIO:
    """A connection of the scenario's own (a Connection, or an AsyncConnection awaited on the
    backend's loop): what the test-isolation recipe and foreign-key PRAGMAs need."""

    def __init__(self, db: OpenDatabase) -> None:
        self.api = db.api
        self.bind: Any = self.api.connect()

    def begin(self) -> Savepoint:
        """Begin a transaction; the returned object's ``rollback()`` ends it."""
        return self._begun(self.bind.begin())

    def begin_nested(self) -> Savepoint:
        """Begin a SAVEPOINT inside the connection's transaction."""
        return self._begun(self.bind.begin_nested())

    def _begun(self, transaction: Any) -> Savepoint:
        # An AsyncTransaction starts when awaited; a Transaction has begun already.
        begun = self.api.call(transaction)
        return Savepoint(
            lambda: self.api.call(begun.commit()), lambda: self.api.call(begun.rollback())
        )

    def driver_execute(self, statement: str) -> None:
        """Send ``statement`` through the DBAPI connection itself, outside SQLAlchemy's
        transaction handling (a PRAGMA SQLite ignores inside a transaction)."""
        self.api.driver_execute(self.bind, statement)

    def close(self, invalidate: bool = False) -> None:
        if invalidate:
            self.api.call(self.bind.invalidate())
        self.api.call(self.bind.close())
