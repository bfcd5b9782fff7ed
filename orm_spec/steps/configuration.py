"""How the scenario's ORM is set up: the session factory and the mapping (a model variant)."""

from __future__ import annotations

from typing import Any

from orm_spec.steps.kit import given
from orm_spec.world import SpecWorld

_CASCADE_VARIANTS = {"all, delete-orphan": "seed", "all": "without delete-orphan"}


@given(r"the session factory is sessionmaker\({options}\)")
def session_factory(world: SpecWorld, options: dict[str, Any]) -> None:
    world.factory_options = options


@given(r'the model variant "(?P<variant>[^"]+)"')
def model_variant(world: SpecWorld, variant: str) -> None:
    world.use_models(variant)


@given(r'the posts relationship has cascade "(?P<cascade>all, delete-orphan|all)"')
def posts_cascade(world: SpecWorld, cascade: str) -> None:
    world.use_models(_CASCADE_VARIANTS[cascade])
