"""Relationships: user.posts and post.author, how they load, and changes to the collection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload, undefer

from orm_spec.domain import ObjectName
from orm_spec.steps.kit import action, given
from orm_spec.world import OutcomeKind, SpecWorld


# -- loading -------------------------------------------------------------------------------------
@given(r"{user} is loaded with {loader} on posts")
def load_with_option(world: SpecWorld, user: ObjectName, loader: Callable[[Any], Any]) -> None:
    statement = world.lookup(user).options(loader(world.models.user.posts))
    loaded = world.remember(user, world.io().scalars(statement).unique().one())
    world.remember_loaded(list(loaded.__dict__.get("posts", [])))  # loaded with it, if eager


@given(r"{user}'s posts are loaded")
def posts_are_loaded(world: SpecWorld, user: ObjectName) -> None:
    """A state, not the behaviour under test: loaded however the session API allows (inside
    SQLAlchemy's greenlet on an async backend, as awaitable_attrs would)."""
    world.remember_loaded(list(world.peek(world.obj(user), "posts")))


@action(r"I load all users(?: with {loader})? and read each user's posts", OutcomeKind.QUERY)
def load_all_and_touch(world: SpecWorld, loader: Callable[[Any], Any] | None) -> list[Any]:
    user = world.models.user
    statement = select(user).order_by(user.name)
    if loader:
        statement = statement.options(loader(user.posts))
    users = list(world.io().scalars(statement).unique().all())
    for each in users:
        world.remember_loaded(list(each.posts))
    return users


@action(r"I load all users with joinedload on posts without unique\(\)", OutcomeKind.QUERY)
def joinedload_without_unique(world: SpecWorld) -> list[Any]:
    user = world.models.user
    return list(world.io().scalars(select(user).options(joinedload(user.posts))).all())


@given(r"{post} is loaded with undefer on content")
def load_undeferred(world: SpecWorld, post: ObjectName) -> None:
    statement = world.lookup(post).options(undefer(world.models.post.content))
    world.remember(post, world.io().scalars(statement).one())


# -- changing the collection ---------------------------------------------------------------------
@action(r"I remove {post} from {user}'s posts")
def remove_post(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    author = world.obj(user)
    found = next(p for p in author.posts if p.title == post.label)
    author.posts.remove(world.remember(post, found))


@action(r"I append a new post {post} to {user}'s posts")
def append_new_post(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    created = world.remember(post, world.models.post(title=post.label, content="New."))
    world.obj(user).posts.append(created)


@action(r"I create a new post {post} with author {user}")
def new_post_with_author(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    created = world.models.post(title=post.label, content="New.", author=world.obj(user))
    world.remember(post, created)


@action(r"I move {post} to {user}'s posts")
def move_post(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    world.obj(user).posts.append(world.obj(post))


# -- write_only collections ----------------------------------------------------------------------
@action(r"I add a new post {post} through {user}'s write-only posts")
def add_through_write_only(world: SpecWorld, post: ObjectName, user: ObjectName) -> None:
    created = world.remember(post, world.models.post(title=post.label, content="New."))
    world.obj(user).posts.add(created)


@action(r"I select {user}'s posts through the write-only collection", OutcomeKind.QUERY)
def select_write_only(world: SpecWorld, user: ObjectName) -> list[Any]:
    collection = world.obj(user).posts
    return list(world.io().scalars(collection.select()).all())


@action(r"I iterate over the value read")
def iterate_value(world: SpecWorld) -> list[Any]:
    return list(world.last(OutcomeKind.READ).value)
