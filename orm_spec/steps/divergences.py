"""Backend divergences: what the database itself does differently.

Steps here never ask which backend runs: what differs in *how* to do something lives in
``BackendFeatures`` (e.g. how to switch on foreign keys), and what differs in the *outcome* is
stated per backend in the feature file's Examples.
"""

from __future__ import annotations

import datetime

from pytest_bdd import given, then, when
from sqlalchemy import inspect, select, text

from orm_spec.steps.grammar import REF, Ref, step
from orm_spec.steps.sessions import TRY, act
from orm_spec.world import MAIN, SpecWorld

ISO_DATETIME = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d)?"


@given(step(r"a session whose connection enforces foreign keys"))
def session_enforcing_foreign_keys(world: SpecWorld) -> None:
    # A connection of its own, thrown away at the end: a PRAGMA must not reach the pool.
    connection = world.db.engine.connect()
    for statement in world.db.features.enable_foreign_keys:
        connection.exec_driver_sql(statement)
    connection.commit()

    def discard() -> None:
        connection.invalidate()
        connection.close()

    world.cleanups.append(discard)
    world.sessions[MAIN] = world.factory(bind=connection)()


@given(step(rf"I set (?P<ref>{REF})'s (?P<attr>\w+) to a string of (?P<length>\d+) characters"))
def set_long_string(world: SpecWorld, ref: str, attr: str, length: str) -> None:
    setattr(world.obj(Ref.parse(ref)), attr, "x" * int(length))


@given(step(rf"I set (?P<ref>{REF})'s (?P<attr>\w+) to the datetime (?P<raw>{ISO_DATETIME})"))
def set_datetime(world: SpecWorld, ref: str, attr: str, raw: str) -> None:
    setattr(world.obj(Ref.parse(ref)), attr, datetime.datetime.fromisoformat(raw))


@then(
    step(
        rf"a new session reads (?P<ref>{REF})'s (?P<attr>\w+) as the datetime "
        rf"(?P<raw>{ISO_DATETIME})"
    )
)
def new_session_reads_datetime(world: SpecWorld, ref: str, attr: str, raw: str) -> None:
    target = Ref.parse(ref)
    read = world.in_fresh_session(lambda s: getattr(s.scalars(world.lookup(target)).one(), attr))
    expected = datetime.datetime.fromisoformat(raw)
    assert read == expected and read.tzinfo == expected.tzinfo, f"read {read!r}"


@when(step(r'I select the users whose name is like "(?P<pattern>[^"]+)"'))
def select_like(world: SpecWorld, pattern: str) -> None:
    user = world.models.user
    statement = select(user).where(user.name.like(pattern)).order_by(user.name)  # type: ignore[attr-defined]
    world.values.append(world.session().scalars(statement).all())


@when(step(rf"I read (?P<ref>{REF})'s (?P<attr>\w+) with a textual SELECT"))
def read_raw(world: SpecWorld, ref: str, attr: str) -> None:
    target = Ref.parse(ref)
    table = world.model(target.kind).__table__  # type: ignore[attr-defined]
    sql = text(f"SELECT {attr} FROM {table.name} WHERE id = :id")
    world.values.append(world.session().execute(sql, {"id": world.ids[target]}).scalar())


@when(step(rf"I load (?P<ref>{REF}) with FOR UPDATE"))
def load_for_update(world: SpecWorld, ref: str) -> None:
    target = Ref.parse(ref)
    statement = world.lookup(target).with_for_update()
    world.remember(target, world.session().scalars(statement).one())


@when(step(rf'I {TRY}create the table "(?P<table>\w+)" in the session\'s transaction'))
def create_table(world: SpecWorld, attempt: str | None, table: str) -> None:
    def drop() -> None:
        with world.db.engine.begin() as conn:
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))

    world.cleanups.append(drop)
    sql = text(f"CREATE TABLE {table} (x INTEGER)")
    act(world, attempt, MAIN, lambda: world.session().execute(sql))


@then(step(r'the table "(?P<table>\w+)" (?P<verdict>exists|does not exist)'))
def table_exists(world: SpecWorld, table: str, verdict: str) -> None:
    with world.db.engine.connect() as conn:
        exists = inspect(conn).has_table(table)
    assert exists is (verdict == "exists"), f"the table {'exists' if exists else 'is missing'}"
