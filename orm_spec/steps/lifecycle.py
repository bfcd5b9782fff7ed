"""Object states, expunge, close and scoped_session."""

from __future__ import annotations

import gc
import threading
from typing import Any

from pytest_bdd import given, then, when
from sqlalchemy.orm import Session, scoped_session

from orm_spec.steps.grammar import REF, Ref, step
from orm_spec.world import SpecWorld


@when(step(rf"I drop every reference to (?P<ref>{REF}) and collect garbage"))
def drop_references(world: SpecWorld, ref: str) -> None:
    world.forget(Ref.parse(ref))
    gc.collect()


@given(step(r"a scoped_session registry"))
def scoped_registry(world: SpecWorld) -> None:
    registry = scoped_session(world.factory())
    world.scratch["scoped"] = registry
    world.scratch["calls"] = []
    world.cleanups.append(registry.remove)


def _registry(world: SpecWorld) -> scoped_session[Session]:
    return world.scratch["scoped"]


@given(step(r"I call the registry(?: again)?"))
@when(step(r"I call the registry(?: again)?"))
def call_registry(world: SpecWorld) -> None:
    world.scratch["calls"].append(_registry(world)())


@when(step(r"I call the registry in another thread"))
def call_registry_in_thread(world: SpecWorld) -> None:
    registry = _registry(world)
    box: list[Session] = []

    def work() -> None:
        box.append(registry())
        registry.remove()  # that thread's session must not outlive it holding a connection

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    world.scratch["calls"].append(box[0])


@given(step(rf"(?P<ref>{REF}) is loaded through the registry"))
def load_through_registry(world: SpecWorld, ref: str) -> None:
    target = Ref.parse(ref)
    world.remember(target, _registry(world)().scalars(world.lookup(target)).one())


@when(step(r"I remove the registry's session"))
def remove_registry_session(world: SpecWorld) -> None:
    world.scratch["calls"].append(_registry(world).registry())
    _registry(world).remove()


@then(step(r"the last two calls returned (?P<verdict>the same|different) sessions?"))
def last_two_calls(world: SpecWorld, verdict: str) -> None:
    calls: list[Any] = world.scratch["calls"]
    assert len(calls) >= 2, "fewer than two calls to the registry were made"
    same = calls[-1] is calls[-2]
    assert same is (verdict == "the same"), f"the sessions were {'' if same else 'not '}the same"
