"""Transactions: savepoints, the transaction context managers, a session joined to an outer
connection's transaction, isolation levels and DDL inside a transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Connection, RootTransaction, text
from sqlalchemy.orm import Session

from orm_spec.domain import AuthoringError, ObjectName
from orm_spec.steps.kit import action, given, then
from orm_spec.steps.rows import new_user
from orm_spec.world import SpecWorld


@action(r"I begin a savepoint")
def begin_savepoint(world: SpecWorld) -> None:
    world.savepoints.append(world.session().begin_nested())


@action(r"I (?P<verb>roll back|commit) the savepoint")
def end_savepoint(world: SpecWorld, verb: str) -> None:
    if not world.savepoints:
        raise AuthoringError('no savepoint is open: write "I begin a savepoint" first')
    savepoint = world.savepoints.pop()
    savepoint.rollback() if verb == "roll back" else savepoint.commit()


@contextmanager
def _with_session(world: SpecWorld) -> Iterator[Session]:
    with world.factory()() as session:
        yield session


@contextmanager
def _sessionmaker_begin(world: SpecWorld) -> Iterator[Session]:
    with world.factory().begin() as session:
        yield session


BLOCKS: dict[str, Callable[[SpecWorld], Any]] = {
    "with session.begin()": lambda world: world.session().begin(),
    "with session.begin_nested()": lambda world: world.session().begin_nested(),
    "with Session() as session": _with_session,
    "with sessionmaker.begin() as session": _sessionmaker_begin,
}
_BLOCK = "|".join(b.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.") for b in BLOCKS)


@action(
    rf'I add a new user {{user}}(?: with email {{email}})? inside "(?P<block>{_BLOCK})"'
    r"(?: and (?P<then>raise ValueError|commit the session|flush) in it)?"
)
def add_inside_block(
    world: SpecWorld, user: ObjectName, email: str | None, block: str, then: str | None
) -> None:
    created = world.remember(user, new_user(world, user, email))
    with BLOCKS[block](world) as entered:
        # session.begin*() yield a SessionTransaction, the others a Session of their own
        inside = entered if isinstance(entered, Session) else world.session()
        inside.add(created)
        if then == "commit the session":
            world.session().commit()
        elif then == "flush":
            inside.flush()
        elif then:
            raise ValueError("raised by the scenario inside the block")


# -- a session joined to an outer transaction ----------------------------------------------------
@dataclass
class OuterTransaction:
    """A connection and the transaction a test begun on it, as the test-isolation recipe has."""

    connection: Connection
    transaction: RootTransaction


@pytest.fixture
def outer_transaction() -> OuterTransaction:
    raise AuthoringError(
        'no outer transaction yet: write "Given a connection with a transaction begun on it"'
    )


@given(r"a connection with a transaction begun on it", target_fixture="outer_transaction")
def external_transaction(world: SpecWorld) -> OuterTransaction:
    connection = world.db.engine.connect()
    world.cleanups.append(connection.close)
    return OuterTransaction(connection, connection.begin())


@given(r'a session bound to that connection with join_transaction_mode="(?P<mode>[a-z_]+)"')
def session_on_connection(world: SpecWorld, outer_transaction: OuterTransaction, mode: str) -> None:
    world.adopt_session(Session(bind=outer_transaction.connection, join_transaction_mode=mode))  # type: ignore[arg-type]


@action(r"I roll back the connection's transaction")
def rollback_outer(outer_transaction: OuterTransaction) -> None:
    outer_transaction.transaction.rollback()


# -- isolation and DDL ---------------------------------------------------------------------------
@then(r"the session's isolation level is (?P<level>[A-Z][A-Z ]+)")
def isolation_level(world: SpecWorld, level: str) -> None:
    actual = world.session().connection().get_isolation_level()
    assert actual == level, f"the isolation level is {actual}"


@action(r'I create the table "(?P<table>\w+)" in the session\'s transaction')
def create_table(world: SpecWorld, table: str) -> None:
    def drop() -> None:
        with world.db.engine.begin() as conn:
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))

    world.cleanups.append(drop)
    world.session().execute(text(f"CREATE TABLE {table} (x INTEGER)"))
