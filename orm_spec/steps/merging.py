"""merge(): copying detached or transient state into a session."""

from __future__ import annotations

from pytest_bdd import when

from orm_spec.steps.grammar import REF, Ref, session_key, step
from orm_spec.steps.sessions import act
from orm_spec.world import SpecWorld


@when(
    step(
        rf"I merge (?P<ref>{REF}) into the (?P<session>second |third |)session"
        r"(?P<no_load> with load=False)?"
    )
)
def merge(world: SpecWorld, ref: str, session: str, no_load: str | None) -> None:
    key, target = session_key(session.strip() or None), Ref.parse(ref)
    source = world.obj(target)
    merged = act(world, None, key, lambda: world.session(key).merge(source, load=not no_load))
    # The merged copy is the object of that name in that session; so are the posts it brought.
    world.remember(target, merged, key)
    world.remember_all(merged.__dict__.get("posts", []), key)
    world.loads.append(merged)
