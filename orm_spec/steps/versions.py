"""Behaviour that changed between SQLAlchemy versions."""

from __future__ import annotations

from pytest_bdd import when
from sqlalchemy import text

from orm_spec.steps.grammar import step
from orm_spec.world import SpecWorld


@when(step(r'I execute the textual SQL "(?P<sql>[^"]+)"'))
def execute_text(world: SpecWorld, sql: str) -> None:
    world.values.append(world.session().execute(text(sql)).scalar())
