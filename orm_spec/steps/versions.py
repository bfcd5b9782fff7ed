"""Behaviour that changed between SQLAlchemy versions."""

from __future__ import annotations

from pytest_bdd import given, when
from sqlalchemy import text

from orm_spec.steps.grammar import step
from orm_spec.steps.sessions import TRY, act
from orm_spec.world import MAIN, SpecWorld


@given(step(rf'I {TRY}execute the textual SQL "(?P<sql>[^"]+)"'))
@when(step(rf'I {TRY}execute the textual SQL "(?P<sql>[^"]+)"'))
def execute_text(world: SpecWorld, attempt: str | None, sql: str) -> None:
    read = act(world, attempt, MAIN, lambda: world.session().execute(text(sql)).scalar())
    world.values.append(read)
