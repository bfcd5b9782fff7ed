"""One backend's database as the spec uses it (engine, schema, recorder, cheap reset), and the
run's set of them, each opened on first use and closed at the end.

The schema is created once per backend per run; between scenarios the tables are emptied (and
their keys restarted, so ids and captured SQL parameters do not depend on run order).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from orm_spec.backends import BACKENDS, Backend, BackendUnavailable, Facts, ProvidedDatabase
from orm_spec.model_variants import ALL_METADATA, SUBJECT_OF_TABLE
from orm_spec.sql_capture import SqlRecorder


@dataclass
class SpecDatabase:
    backend: Backend
    engine: Engine
    provided: ProvidedDatabase
    facts: Facts
    recorder: SqlRecorder
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.backend.name

    @classmethod
    def open(cls, backend: Backend, provided: ProvidedDatabase) -> SpecDatabase:
        engine = create_engine(provided.url, **backend.engine_options())
        backend.prepare_engine(engine)
        try:
            with engine.connect() as conn:
                server = tuple(conn.dialect.server_version_info or ())
        except DBAPIError as exc:
            engine.dispose()
            where = provided.url.render_as_string(hide_password=True)
            first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise BackendUnavailable(
                f"could not connect to {where} ({provided.how}): {first}"
            ) from exc
        recorder = SqlRecorder(subject_of_table=SUBJECT_OF_TABLE.get)
        db = cls(backend, engine, provided, backend.facts(server), recorder)
        db.versions = {
            "sqlalchemy": sqlalchemy.__version__,
            "driver": f"{engine.dialect.driver} {backend.driver_version(engine.dialect)}",
            "server": ".".join(str(p) for p in server) or "unknown",
        }
        db.create_schema()
        recorder.attach(engine)
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
        tables = [t for t in _tables_children_first() if written is None or t.name in written]
        if tables:
            with self.engine.begin() as conn:
                for statement in self._reset_statements(tables):
                    conn.execute(text(statement))
        self.recorder.clear()
        self.recorder.written_tables = set()

    def _reset_statements(self, tables: list[sqlalchemy.Table]) -> list[str]:
        statements: list[str] = []
        for template in self.backend.reset_statements:
            if "{tables}" in template:
                statements.append(template.format(tables=", ".join(t.name for t in tables)))
            elif "{table}" in template:
                statements.extend(template.format(table=t.name) for t in tables)
            else:
                statements.append(template)
        return statements

    def checked_out_connections(self) -> int:
        return self.engine.pool.checkedout()  # type: ignore[attr-defined,no-any-return]

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


@dataclass
class Databases:
    """The run's databases: each provided at most once, on first use, and closed at the end."""

    selected: list[str]
    required: bool = False
    _open: dict[str, SpecDatabase] = field(default_factory=dict)
    _unavailable: dict[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        for name in self.selected:
            BACKENDS[name].validate()

    def get(self, name: str) -> SpecDatabase:
        if name in self._unavailable:
            raise BackendUnavailable(self._unavailable[name])
        if name not in self._open:
            backend = BACKENDS[name]
            provided: ProvidedDatabase | None = None
            try:
                provided = backend.provide()
                self._open[name] = SpecDatabase.open(backend, provided)
            except BackendUnavailable as exc:
                if provided is not None:
                    provided.release()
                self._unavailable[name] = str(exc)
                raise
            except BaseException:
                if provided is not None:
                    provided.release()
                raise
        return self._open[name]

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
