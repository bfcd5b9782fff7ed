"""Transactions: savepoints, the transaction context managers, a session joined to an outer
connection's transaction, isolation levels and DDL inside a transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text

from orm_spec.domain import AuthoringError, ObjectName
from orm_spec.session_io import ConnectionIO, Savepoint, SessionIO, new_session_block
from orm_spec.steps.kit import action, given, then
from orm_spec.steps.rows import new_user
from orm_spec.world import SpecWorld


@action(r"I begin a savepoint")
def begin_savepoint(world: SpecWorld) -> None:
    world.savepoints.append(world.io().begin_nested())


@action(r"I (?P<verb>roll back|commit) the savepoint")
def end_savepoint(world: SpecWorld, verb: str) -> None:
    if not world.savepoints:
        raise AuthoringError('no savepoint is open: write "I begin a savepoint" first')
    savepoint = world.savepoints.pop()
    savepoint.rollback() if verb == "roll back" else savepoint.commit()


BLOCKS: dict[str, Callable[[SpecWorld], Any]] = {
    # Each yields the SessionIO the block's work goes to: the scenario's own session for the
    # transaction blocks, a session of its own for the other two.
    "with session.begin()": lambda world: _in_transaction_block(world, nested=False),
    "with session.begin_nested()": lambda world: _in_transaction_block(world, nested=True),
    "with Session() as session": lambda world: new_session_block(world.db, world.factory(), False),
    "with sessionmaker.begin() as session": lambda world: new_session_block(
        world.db, world.factory(), True
    ),
}
_BLOCK = "|".join(b.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.") for b in BLOCKS)


@contextmanager
def _in_transaction_block(world: SpecWorld, nested: bool) -> Iterator[SessionIO]:
    io = world.io()
    with io.transaction_block(nested):
        yield io


@action(
    rf'I add a new user {{user}}(?: with email {{email}})? inside "(?P<block>{_BLOCK})"'
    r"(?: and (?P<then>raise ValueError|commit the session|flush) in it)?"
)
def add_inside_block(
    world: SpecWorld, user: ObjectName, email: str | None, block: str, then: str | None
) -> None:
    created = world.remember(user, new_user(world, user, email))
    with BLOCKS[block](world) as inside:
        inside.session.add(created)
        if then == "commit the session":
            world.io().commit()
        elif then == "flush":
            inside.flush()
        elif then:
            raise ValueError("raised by the scenario inside the block")


# -- a session joined to an outer transaction ----------------------------------------------------
@dataclass
class OuterTransaction:
    """A connection and the transaction a test begun on it, as the test-isolation recipe has."""

    connection: ConnectionIO
    transaction: Savepoint


@pytest.fixture
def outer_transaction() -> OuterTransaction:
    raise AuthoringError(
        'no outer transaction yet: write "Given a connection with a transaction begun on it"'
    )


@given(r"a connection with a transaction begun on it", target_fixture="outer_transaction")
def external_transaction(world: SpecWorld) -> OuterTransaction:
    connection = ConnectionIO(world.db)
    world.cleanups.append(connection.close)
    return OuterTransaction(connection, connection.begin())


@given(r'a session bound to that connection with join_transaction_mode="(?P<mode>[a-z_]+)"')
def session_on_connection(world: SpecWorld, outer_transaction: OuterTransaction, mode: str) -> None:
    world.adopt_session(
        world.factory(bind=outer_transaction.connection.bind, join_transaction_mode=mode)()
    )


@action(r"I roll back the connection's transaction")
def rollback_outer(outer_transaction: OuterTransaction) -> None:
    outer_transaction.transaction.rollback()


# -- isolation and DDL ---------------------------------------------------------------------------
@action(r'I begin the session\'s transaction at isolation level "(?P<level>[A-Z][A-Z ]+)"')
def begin_at_isolation_level(world: SpecWorld, level: str) -> None:
    """session.connection(execution_options={"isolation_level": ...}), the Session's way to
    set the level of one transaction, before anything else uses a connection. The pool is
    emptied when the scenario ends: a connection whose level was changed is reset when it is
    given back, and on pysqlite that reset sets the driver's isolation_level to "" (its legacy
    transaction handling), undoing the sqlite_transactional recipe's None for the connections
    of the next scenarios."""
    world.cleanups.append(lambda: world.db.dispose(finally_=False))
    world.io().connection(execution_options={"isolation_level": level})


@then(r"the session's isolation level is (?P<level>[A-Z][A-Z ]+)")
def isolation_level(world: SpecWorld, level: str) -> None:
    actual = world.io().isolation_level()
    assert actual == level, f"the isolation level is {actual}"


@action(r'I create the table "(?P<table>\w+)" in the session\'s transaction')
def create_table(world: SpecWorld, table: str) -> None:
    world.cleanups.append(
        lambda: world.db.admin(lambda conn: conn.execute(text(f"DROP TABLE IF EXISTS {table}")))
    )
    world.io().execute(text(f"CREATE TABLE {table} (x INTEGER)"))


# -- two writers ---------------------------------------------------------------------------------
_LOCK_TIMEOUT = {
    "sqlite": "PRAGMA busy_timeout = 10",
    "postgresql": "SET lock_timeout = '10ms'",
    # InnoDB counts whole seconds, 1 at least.
    "mysql": "SET SESSION innodb_lock_wait_timeout = 1",
    "mariadb": "SET SESSION innodb_lock_wait_timeout = 1",
}
"""How long a connection waits for another's lock, by dialect: the spec states that a second
writer fails or waits, never how long (SQLite's default is 5 s, InnoDB's 50 s)."""


@given(r"a second session that waits at most a moment for a lock")
def second_session_with_lock_timeout(world: SpecWorld) -> None:
    # A connection of its own, thrown away at the end: the timeout must not reach the pool.
    connection = ConnectionIO(world.db)
    api, bind = world.db.api, connection.bind
    world.cleanups.append(lambda: connection.close(invalidate=True))
    dialect = world.db.engine.dialect.name
    if dialect not in _LOCK_TIMEOUT:
        raise AuthoringError(f"no lock timeout known for the {dialect} dialect: add it here")
    api.call(bind.execute(text(_LOCK_TIMEOUT[dialect])))
    api.call(bind.commit())
    world.adopt_session(world.factory(bind=bind)(), "second")
