"""One backend's database as the spec uses it: an engine, the schema, a recorder, a cheap reset.

The schema is created once per backend per run; between scenarios the tables are emptied (and
their keys restarted, so ids and captured SQL parameters do not depend on run order).
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from orm_spec.backend_features import FEATURES, BackendFeatures
from orm_spec.model_variants import ALL_METADATA
from orm_spec.sql_capture import SqlRecorder


class BackendUnavailable(Exception):
    """The backend cannot run in this environment; the message says why and how to provide it."""


@dataclass
class ProvidedDatabase:
    """Where a backend's database lives and how to give it back."""

    url: URL
    how: str
    """How it was provided, for the run's summary ("container from image ...")."""
    release: Callable[[], None] = lambda: None
    owns_schema: bool = True
    """False when the user pointed us at a database: then our tables are dropped at the end."""


@dataclass
class SpecDatabase:
    features: BackendFeatures
    engine: Engine
    provided: ProvidedDatabase
    recorder: SqlRecorder = field(default_factory=SqlRecorder)
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.features.name

    @classmethod
    def open(cls, name: str, provided: ProvidedDatabase) -> SpecDatabase:
        engine = create_engine(provided.url)
        try:
            with engine.connect() as conn:
                server = conn.dialect.server_version_info
        except DBAPIError as exc:
            engine.dispose()
            where = provided.url.render_as_string(hide_password=True)
            first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise BackendUnavailable(
                f"could not connect to {where} ({provided.how}): {first}"
            ) from exc
        db = cls(FEATURES[name], engine, provided)
        db.versions = {
            "sqlalchemy": sqlalchemy.__version__,
            "driver": f"{engine.dialect.driver} {_driver_version(engine)}",
            "server": ".".join(str(p) for p in server or ()) or "unknown",
        }
        db.create_schema()
        db.recorder.attach(engine)
        return db

    def create_schema(self) -> None:
        with self.engine.begin() as conn:
            for metadata in reversed(ALL_METADATA):
                metadata.drop_all(conn)
            for metadata in ALL_METADATA:
                metadata.create_all(conn)

    def reset(self) -> None:
        """Empty the tables the last scenario wrote to and restart their keys.

        Only written tables: the recorder saw every INSERT, UPDATE and DELETE (failed ones too,
        which may have consumed a key), so the others are still empty and need no work.
        """
        written = self.recorder.written_tables
        everything = written is None
        tables = [
            t
            for t in _tables_children_first()
            if everything or t.name in written  # type: ignore[operator]
        ]
        if tables:
            with self.engine.begin() as conn:
                for statement in self._reset_statements(tables):
                    conn.execute(text(statement))
        self.recorder.clear()
        self.recorder.written_tables = set()

    def _reset_statements(self, tables: list[sqlalchemy.Table]) -> list[str]:
        statements: list[str] = []
        for template in self.features.reset_statements:
            if "{tables}" in template:
                statements.append(template.format(tables=", ".join(t.name for t in tables)))
            elif "{table}" in template:
                statements.extend(template.format(table=t.name) for t in tables)
            else:
                statements.append(template)
        return statements

    def checked_out_connections(self) -> int:
        return self.engine.pool.checkedout()  # type: ignore[attr-defined]

    def close(self) -> None:
        try:
            if not self.provided.owns_schema:
                with self.engine.begin() as conn:
                    for metadata in reversed(ALL_METADATA):
                        metadata.drop_all(conn)
        finally:
            self.engine.dispose()
            self.provided.release()


def _tables_children_first() -> list[sqlalchemy.Table]:
    """Every table of the spec once (variants may map the seed's tables), children first."""
    seen: dict[str, sqlalchemy.Table] = {}
    for metadata in reversed(ALL_METADATA):
        for table in reversed(metadata.sorted_tables):
            seen.setdefault(table.name, table)
    return list(seen.values())


def _driver_version(engine: Engine) -> str:
    module = engine.dialect.dbapi
    if hasattr(module, "sqlite_version"):
        return f"(SQLite library {module.sqlite_version})"
    # The distribution's version: PyMySQL's module __version__ is a MySQLdb-compatibility number.
    try:
        return importlib.metadata.version(module.__name__.split(".")[0])  # type: ignore[union-attr]
    except importlib.metadata.PackageNotFoundError:
        return str(getattr(module, "__version__", "")).partition(" ")[0]
