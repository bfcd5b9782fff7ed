"""Transactions and expiry: transaction blocks, joining a connection, isolation, expire, refresh."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pytest_bdd import given, then, when
from sqlalchemy.orm import Session

from orm_spec.steps.data import new_user
from orm_spec.steps.grammar import REF, USER, Ref, step
from orm_spec.steps.sessions import TRY, act
from orm_spec.world import MAIN, SpecWorld


def _session_begin(world: SpecWorld) -> Any:
    return world.session().begin()


def _begin_nested(world: SpecWorld) -> Any:
    return world.session().begin_nested()


@contextmanager
def _with_session(world: SpecWorld) -> Iterator[Session]:
    with world.factory()() as session:
        yield session


@contextmanager
def _sessionmaker_begin(world: SpecWorld) -> Iterator[Session]:
    with world.factory().begin() as session:
        yield session


BLOCKS: dict[str, Callable[[SpecWorld], Any]] = {
    "with session.begin()": _session_begin,
    "with session.begin_nested()": _begin_nested,
    "with Session() as session": _with_session,
    "with sessionmaker.begin() as session": _sessionmaker_begin,
}
_BLOCK = "|".join(b.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.") for b in BLOCKS)


_ADD_INSIDE = (
    rf'I {TRY}add a new user (?P<name>{USER})(?: with email "(?P<email>[^"]+)")? inside '
    rf'"(?P<block>{_BLOCK})"(?P<then> and (?:raise ValueError|commit the session) in it)?'
)


@given(step(_ADD_INSIDE))
@when(step(_ADD_INSIDE))
def add_inside_block(
    world: SpecWorld,
    attempt: str | None,
    name: str,
    email: str | None,
    block: str,
    then: str | None,
) -> None:
    user = world.remember(Ref("user", name), new_user(world, name, email))

    def work() -> None:
        with BLOCKS[block](world) as entered:
            # session.begin*() yield a SessionTransaction, the others a Session of their own
            (entered if isinstance(entered, Session) else world.session()).add(user)
            if then and "commit" in then:
                world.session().commit()
            elif then:
                raise ValueError("raised by the scenario inside the block")

    act(world, attempt, MAIN, work)


@given(step(r"a connection with a transaction begun on it"))
def external_transaction(world: SpecWorld) -> None:
    connection = world.db.engine.connect()
    world.scratch["connection"] = connection
    world.scratch["outer"] = connection.begin()
    world.cleanups.append(connection.close)


@given(step(r'a session bound to that connection with join_transaction_mode="(?P<mode>[a-z_]+)"'))
def session_on_connection(world: SpecWorld, mode: str) -> None:
    session = Session(bind=world.scratch["connection"], join_transaction_mode=mode)  # type: ignore[arg-type]
    world.sessions[MAIN] = session


@when(step(r"I roll back the connection's transaction"))
def rollback_outer(world: SpecWorld) -> None:
    world.scratch["outer"].rollback()


@then(step(r"the session's isolation level is (?P<level>[A-Z ]+)"))
def isolation_level(world: SpecWorld, level: str) -> None:
    actual = world.session().connection().get_isolation_level()
    assert actual == level, f"the isolation level is {actual}"


@given(step(rf"I (?P<verb>refresh|expire) (?P<ref>{REF})'s (?P<attr>\w+)"))
@when(step(rf"I (?P<verb>refresh|expire) (?P<ref>{REF})'s (?P<attr>\w+)"))
def refresh_or_expire_attribute(world: SpecWorld, verb: str, ref: str, attr: str) -> None:
    getattr(world.session(), verb)(world.obj(Ref.parse(ref)), [attr])
