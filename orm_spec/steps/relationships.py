"""Relationship loading and collection changes: user.posts and post.author."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pytest_bdd import given, when
from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload, raiseload, selectinload, subqueryload

from orm_spec.steps.grammar import POST, USER, Ref, step
from orm_spec.steps.sessions import TRY
from orm_spec.world import SpecWorld

LOADER_OPTIONS: dict[str, Callable[[Any], Any]] = {
    "lazyload": lazyload,
    "selectinload": selectinload,
    "joinedload": joinedload,
    "subqueryload": subqueryload,
    "raiseload": raiseload,
}
STRATEGY = rf"(?P<strategy>{'|'.join(LOADER_OPTIONS)})"


@given(step(rf"(?P<name>{USER}) is loaded with {STRATEGY} on posts"))
def load_with_option(world: SpecWorld, name: str, strategy: str) -> None:
    user, ref = world.models.user, Ref("user", name)
    statement = world.lookup(ref).options(LOADER_OPTIONS[strategy](user.posts))
    world.remember(ref, world.session().scalars(statement).unique().one())


@when(step(rf"I load all users(?: with {STRATEGY})? and read each user's posts"))
def load_all_and_touch(world: SpecWorld, strategy: str | None) -> None:
    user = world.models.user
    statement = select(user).order_by(user.name)
    if strategy:
        statement = statement.options(LOADER_OPTIONS[strategy](user.posts))
    users = world.session().scalars(statement).unique().all()
    world.values.append({u.name: [p.title for p in u.posts] for u in users})


@when(step(rf"I {TRY}remove (?P<post>{POST}) from (?P<user>{USER})'s posts"))
def remove_post(world: SpecWorld, attempt: str | None, post: str, user: str) -> None:
    author, target = world.obj(Ref("user", user)), Ref.parse(post)

    def remove() -> None:
        found = next(p for p in author.posts if p.title == target.key)
        world.remember(target, found)
        author.posts.remove(found)

    world.run(remove, allowed_to_fail=bool(attempt))


@given(step(rf"I append a new post (?P<post>{POST}) to (?P<user>{USER})'s posts"))
@when(step(rf"I append a new post (?P<post>{POST}) to (?P<user>{USER})'s posts"))
def append_new_post(world: SpecWorld, post: str, user: str) -> None:
    created = world.models.post(title=post.strip('"'), content="New.")
    world.obj(Ref("user", user)).posts.append(world.remember(Ref.parse(post), created))


@given(step(rf"I create a new post (?P<post>{POST}) with author (?P<user>{USER})"))
@when(step(rf"I create a new post (?P<post>{POST}) with author (?P<user>{USER})"))
def new_post_with_author(world: SpecWorld, post: str, user: str) -> None:
    author = world.obj(Ref("user", user))
    created = world.models.post(title=post.strip('"'), content="New.", author=author)
    world.remember(Ref.parse(post), created)


@given(step(rf"I move (?P<post>{POST}) to (?P<user>{USER})'s posts"))
@when(step(rf"I move (?P<post>{POST}) to (?P<user>{USER})'s posts"))
def move_post(world: SpecWorld, post: str, user: str) -> None:
    world.obj(Ref("user", user)).posts.append(world.obj(Ref.parse(post)))
