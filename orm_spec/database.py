"""One backend's database as the spec uses it (engine, schema, recorder, cheap reset), and the
run's set of them, each opened on first use and closed at the end.

A provided database (a container, a URL, a SQLite file) is a ``Server``: the backends of one
database share it (PostgreSQL's sync and async backends use one container), so its schema is
created once per run and the tables any of them wrote are emptied, and their keys restarted,
before the next scenario on any of them.

How the engine is driven, with Session or AsyncSession, is the backend's ``SessionApi``
(``session_io``), chosen when the database is opened: ``db.api``.
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from orm_spec.backends import (
    Backend,
    BackendUnavailable,
    Facts,
    ProvidedDatabase,
    ServerBackend,
    get_backend,
)
from orm_spec.model_variants import ALL_METADATA, SUBJECT_OF_TABLE
from orm_spec.session_io import SessionApi, open_session_api
from orm_spec.sql_capture import SqlRecorder, WrittenTables
from orm_spec.timing import Timings

T = TypeVar("T")


@dataclass
class Server:
    """One provided database and what the spec knows of its tables."""

    key: str
    provided: ProvidedDatabase
    written: WrittenTables = field(default_factory=WrittenTables)
    schema_ready: bool = False
    clients: int = 0


@dataclass
class SpecDatabase:
    backend: Backend
    server: Server
    api: SessionApi
    """How the engine is driven: Session, or AsyncSession on the backend's event loop."""
    facts: Facts
    recorder: SqlRecorder
    versions: dict[str, str] = field(default_factory=dict)
    checked_out: int = 0
    """Connections handed out by the pool and not yet given back: counted from the pool's own
    events, since not every pool can be asked (NullPool, SQLAlchemy 2.0's aiosqlite default)."""

    @property
    def name(self) -> str:
        return self.backend.name

    @property
    def provided(self) -> ProvidedDatabase:
        return self.server.provided

    @property
    def engine(self) -> Engine:
        """The synchronous engine: for an async backend, its AsyncEngine's ``sync_engine``,
        which events (the SQL recorder, the pool) attach to."""
        return self.api.engine

    @classmethod
    def open(cls, backend: Backend, server: Server, timings: Timings | None = None) -> SpecDatabase:
        url = backend.url(server.provided)
        options = backend.engine_options()
        # A table no kind maps (an association table) is its own subject: "post_tags".
        recorder = SqlRecorder(lambda t: SUBJECT_OF_TABLE.get(t, t), server.written)
        api = open_session_api(backend.name, backend.api, url, options)
        db = cls(backend, server, api, Facts((0,)), recorder)
        backend.prepare_engine(db.engine)
        if timings is not None:
            timings.time_driver(backend.name, db.engine.dialect)
        event.listen(db.engine, "checkout", db._checked_out)
        event.listen(db.engine, "checkin", db._checked_in)
        try:
            server_version = db.admin(lambda conn: tuple(conn.dialect.server_version_info or ()))
        except DBAPIError as exc:
            db.dispose()
            where = url.render_as_string(hide_password=True)
            first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise BackendUnavailable(
                f"could not connect to {where} ({server.provided.how}): {first}"
            ) from exc
        check = getattr(backend, "check_server_version", None)
        if check is not None:
            try:
                check(server_version, server.provided.how)
            except BackendUnavailable:
                db.dispose()
                raise
        db.facts = backend.facts(server_version)
        db.versions = {
            "sqlalchemy": sqlalchemy.__version__,
            "driver": f"{db.engine.dialect.driver} {backend.driver_version(db.engine.dialect)}",
            "server": ".".join(str(p) for p in server_version) or "unknown",
            "api": backend.api,
        }
        if not server.schema_ready:
            db.admin(_create_schema)
            server.schema_ready = True
        recorder.attach(db.engine)
        server.clients += 1
        return db

    # -- running work on the database ----------------------------------------------------------
    def admin(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` on a connection of its own, in a transaction that is committed."""
        return self.api.admin(work)

    # -- between scenarios ---------------------------------------------------------------------
    def reset(self) -> None:
        """Empty the tables any backend of this server wrote to and restart their keys.

        Only written tables: the recorders saw every INSERT, UPDATE and DELETE (failed ones
        too, which may have consumed a key), so the others are still empty and need no work.
        """
        written = self.server.written.take()
        tables = [t for t in _tables_children_first() if written is None or t.name in written]
        if tables:
            statements = self.backend.reset_sql(tables)

            def empty(conn: Connection) -> None:
                # To the driver as written: a text() construct is parsed for bound parameters
                # and looked up in the compiled cache, for statements that have none.
                for statement in statements:
                    conn.exec_driver_sql(statement)

            self.admin(empty)
            self.server.written.take()  # the reset's own statements wrote nothing to keep
        self.recorder.clear()

    def _checked_out(self, *_: Any) -> None:
        self.checked_out += 1

    def _checked_in(self, *_: Any) -> None:
        self.checked_out -= 1

    def checked_out_connections(self) -> int:
        return self.checked_out

    def idle_connections(self) -> int:
        """Connections the pool keeps open for the next checkout (none for a NullPool)."""
        checkedin = getattr(self.engine.pool, "checkedin", None)
        return int(checkedin()) if checkedin else 0

    def dispose(self, *, finally_: bool = True) -> None:
        """Close the pool's connections; ``finally_`` also closes the event loop for good."""
        self.api.dispose(finally_=finally_)

    def close(self) -> None:
        """Dispose of the engine; the last backend of a server drops what it must and releases
        the server."""
        self.server.clients -= 1
        try:
            if self.server.clients == 0 and not self.provided.owns_schema:
                self.admin(_drop_schema)
        finally:
            self.dispose()
            if self.server.clients == 0:
                self.provided.release()


def _create_schema(conn: Connection) -> None:
    _drop_schema(conn)
    for metadata in ALL_METADATA:
        metadata.create_all(conn)


def _drop_schema(conn: Connection) -> None:
    for metadata in reversed(ALL_METADATA):
        metadata.drop_all(conn)


@functools.cache  # the tables are all declared at import; sorting them is not free
def _tables_children_first() -> list[sqlalchemy.Table]:
    """Every table of the spec once (variants may map the seed's tables), children first."""
    seen: dict[str, sqlalchemy.Table] = {}
    for metadata in reversed(ALL_METADATA):
        for table in reversed(metadata.sorted_tables):
            seen.setdefault(table.name, table)
    return list(seen.values())


@dataclass
class Databases:
    """The run's databases: each backend opened at most once, on first use, on a server shared
    with the other backends of its database, and everything closed at the end."""

    selected: list[str]
    required: bool = False
    _open: dict[str, SpecDatabase] = field(default_factory=dict)
    _servers: dict[str, Server] = field(default_factory=dict)
    _unavailable: dict[str, str] = field(default_factory=dict)
    timings: Timings | None = None
    """Set when the run measures its cost (--spec-timing)."""
    shared: dict[str, dict[str, str]] = field(default_factory=dict)
    """On a pytest-xdist worker: per server key, the database the controller made for this
    worker on the run's one server (``url``, ``how``), or why there is none (``unavailable``)."""
    _starting: dict[str, Future[ProvidedDatabase]] = field(default_factory=dict)
    """Per server key, a server being provided in the background (``start_servers``)."""
    _executor: ThreadPoolExecutor | None = None
    _rendezvous: Path | None = None
    """On the xdist controller: the directory of the files that tell workers their databases."""
    _worker_databases: list[tuple[ServerBackend, ProvidedDatabase, URL]] = field(
        default_factory=list
    )

    def validate(self) -> None:
        for name in self.selected:
            get_backend(name).validate()

    def get(self, name: str) -> SpecDatabase:
        if name in self._unavailable:
            raise BackendUnavailable(self._unavailable[name])
        if name not in self._open:
            backend = get_backend(name)
            try:
                missing = backend.missing_driver()
                if missing:
                    raise BackendUnavailable(missing)
                began = time.perf_counter()
                server = self._server(backend)
                self._open[name] = SpecDatabase.open(backend, server, self.timings)
                if self.timings is not None:
                    self.timings.cost(name).provide_s += time.perf_counter() - began
            except BackendUnavailable as exc:
                self._unavailable[name] = str(exc)
                self._release_unused()
                raise
            except BaseException:
                self._release_unused()
                raise
        return self._open[name]

    def _server(self, backend: Backend) -> Server:
        key = backend.server_key
        if key not in self._servers:
            given = self.shared.get(key)
            if given is not None:
                if "pending" in given:
                    given = _await_told(Path(given["pending"]))
                if "unavailable" in given:
                    raise BackendUnavailable(given["unavailable"])
                provided = ProvidedDatabase(make_url(given["url"]), how=given["how"])
                self._servers[key] = Server(key, provided, schema_ready=bool(given.get("schema")))
            elif key in self._starting:
                # Left among the started ones until it is here: if an interrupt ends the wait,
                # close_all gives it back.
                provided = self._starting[key].result()
                del self._starting[key]
                self._servers[key] = Server(key, provided)
            else:
                self._servers[key] = Server(key, backend.provide())
        return self._servers[key]

    # -- servers started in the background -----------------------------------------------------
    def start_servers(self, names: list[str]) -> None:
        """Start the servers of these backends now, side by side and in the background (a
        container takes a second or two): the run goes on collecting, starting xdist's workers
        or running SQLite's scenarios until a scenario needs one (``_server`` waits for it)."""
        for name in names:
            backend = get_backend(name)
            if isinstance(backend, ServerBackend) and not backend.own_url():
                self._start_server(backend)

    def _start_server(self, backend: ServerBackend) -> Future[ProvidedDatabase]:
        key = backend.server_key
        if key not in self._starting:
            self._starting[key] = self._background().submit(backend.provide)
        return self._starting[key]

    def _background(self) -> ThreadPoolExecutor:
        if self._executor is None:
            from orm_spec import containers

            containers.trap_sigterm()  # a signal handler is set from the main thread only
            self._executor = ThreadPoolExecutor(8, thread_name_prefix="orm-spec-server")
        return self._executor

    # -- one server per database version, shared by pytest-xdist workers -----------------------
    def share_with_worker(self, worker: str) -> dict[str, dict[str, str]]:
        """On the xdist controller: provide each selected server once (the first worker asks),
        and make ``worker`` a database of its own on each, its schema created.

        Nothing here waits: the worker is told, per server, a file where what it would have
        been told appears (its database's URL, or why there is none), so the servers start
        while the workers start and collect instead of before."""
        told: dict[str, dict[str, str]] = {}
        if self._rendezvous is None:
            self._rendezvous = Path(tempfile.mkdtemp(prefix="orm-spec-servers-"))
        for name in self.selected:
            backend = get_backend(name)
            if not isinstance(backend, ServerBackend) or backend.own_url():
                continue  # SQLite: a file per worker; an async backend's own URL: its own
            key = backend.server_key
            if key in told:
                continue
            server = self._start_server(backend)
            path = self._rendezvous / f"{worker}-{len(told)}.json"
            self._background().submit(self._make_worker_database, backend, server, worker, path)
            told[key] = {"pending": str(path)}
        return told

    def _make_worker_database(
        self,
        backend: ServerBackend,
        server: Future[ProvidedDatabase],
        worker: str,
        path: Path,
    ) -> None:
        try:
            provided = server.result()
            url = backend.worker_database(provided, worker)
            self._worker_databases.append((backend, provided, url))
            engine = sqlalchemy.create_engine(url.set(drivername=backend.admin_dialect))
            try:
                with engine.begin() as conn:
                    _create_schema(conn)
            finally:
                engine.dispose()
            told = {
                "url": url.render_as_string(hide_password=False),
                "how": f"{provided.how}; a database per xdist worker on that one server",
                "schema": "created",
            }
        except Exception as exc:  # the worker says it, each scenario failing or skipping
            told = {"unavailable": str(exc) if isinstance(exc, BackendUnavailable) else repr(exc)}
        written = path.with_suffix(".tmp")
        written.write_text(json.dumps(told))
        written.replace(path)  # whole or absent: the worker never reads half a file

    def _release_unused(self) -> None:
        for key, server in list(self._servers.items()):
            if server.clients == 0:
                server.provided.release()
                del self._servers[key]

    def status(self) -> dict[str, str]:
        """One line per selected backend that was asked for: how it ran, or why it did not."""
        lines = {}
        for name in self.selected:
            if name in self._open:
                db = self._open[name]
                versions = ", ".join(f"{k} {v}" for k, v in db.versions.items())
                lines[name] = f"{db.provided.how}; {versions}"
            elif name in self._unavailable:
                lines[name] = f"UNAVAILABLE: {self._unavailable[name]}"
        return lines

    def close_all(self) -> None:
        while self._open:
            _, db = self._open.popitem()
            db.close()
        try:
            if self._executor is not None:
                # A server still starting (an interrupted run) is waited for, then given back.
                self._executor.shutdown(wait=True, cancel_futures=True)
            for backend, provided, url in self._worker_databases:
                if not provided.owns_schema:  # the user's server: leave it as it was
                    backend.drop_worker_database(provided, url)
        finally:
            self._worker_databases.clear()
            self._release_unused()
            for starting in self._starting.values():
                if not starting.cancelled() and starting.exception() is None:
                    starting.result().release()
            self._starting.clear()
            if self._rendezvous is not None:
                shutil.rmtree(self._rendezvous, ignore_errors=True)
                self._rendezvous = None


_TOLD_WITHIN_S = 600.0
"""How long a worker waits for the controller to provide a server: testcontainers gives a
container's start 120 s, and the controller builds no image."""


def _await_told(path: Path) -> dict[str, str]:
    """On a pytest-xdist worker: what the controller wrote to ``path`` once it provided the
    server and made this worker's database on it."""
    deadline = time.monotonic() + _TOLD_WITHIN_S
    while not path.exists():
        if time.monotonic() > deadline:
            raise BackendUnavailable(
                f"the pytest-xdist controller did not provide the server within "
                f"{_TOLD_WITHIN_S:.0f} s ({path} never appeared): run without -n to see why"
            )
        time.sleep(0.02)
    told: dict[str, str] = json.loads(path.read_text())
    return told
