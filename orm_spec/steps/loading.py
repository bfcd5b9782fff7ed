"""Loader strategies beyond the lazy default: unique(), write_only, deferred columns."""

from __future__ import annotations

from pytest_bdd import given, then, when
from sqlalchemy import select
from sqlalchemy.orm import joinedload, undefer

from orm_spec.steps.grammar import POST, REF, USER, Ref, step
from orm_spec.steps.sessions import act
from orm_spec.world import MAIN, SpecWorld


@when(step(r"I try to load all users with joinedload on posts without unique\(\)"))
def joinedload_without_unique(world: SpecWorld) -> None:
    user = world.models.user
    statement = select(user).options(joinedload(user.posts))  # type: ignore[attr-defined]
    act(world, "try to", MAIN, lambda: world.session().scalars(statement).all())


@given(step(rf"(?P<post>{POST}) is loaded with undefer on content"))
def load_undeferred(world: SpecWorld, post: str) -> None:
    target = Ref.parse(post)
    statement = world.lookup(target).options(undefer(world.models.post.content))  # type: ignore[attr-defined]
    world.remember(target, world.session().scalars(statement).one())


@when(step(rf"I add a new post (?P<post>{POST}) through (?P<user>{USER})'s write-only posts"))
def add_through_write_only(world: SpecWorld, post: str, user: str) -> None:
    created = world.models.post(title=post.strip('"'), content="New.")
    world.obj(Ref("user", user)).posts.add(world.remember(Ref.parse(post), created))


@when(step(rf"I select (?P<user>{USER})'s posts through the write-only collection"))
def select_write_only(world: SpecWorld, user: str) -> None:
    collection = world.obj(Ref("user", user)).posts
    world.values.append(world.session().scalars(collection.select()).all())


@then(step(rf"the value read is (?P<ref>{REF}) itself"))
def value_read_is_object(world: SpecWorld, ref: str) -> None:
    assert world.values, "no When step read a value"
    assert world.values[-1] is world.obj(Ref.parse(ref)), f"read {world.values[-1]!r}"


@then(step(r"the value read is an? (?P<cls>[A-Za-z]\w+)"))
def value_read_type(world: SpecWorld, cls: str) -> None:
    assert world.values, "no When step read a value"
    assert type(world.values[-1]).__name__ == cls, f"read a {type(world.values[-1]).__name__}"


@when(step(r"I (?:try to )?iterate over the value read"))
def iterate_value(world: SpecWorld) -> None:
    target = world.values[-1]
    world.run(lambda: list(target), allowed_to_fail=True)
