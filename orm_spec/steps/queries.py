"""The tutorial's reads: select() statements executed through the session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pytest_bdd import then, when
from sqlalchemy import Select, select

from orm_spec.steps.grammar import NAMES, TITLES, USER, Ref, names, step, titles
from orm_spec.steps.sessions import TRY, act
from orm_spec.world import MAIN, SpecWorld

QUERIES: dict[str, Callable[[SpecWorld, str | None], Select[Any]]] = {
    "all users ordered by name": lambda w, _: select(w.models.user).order_by(w.models.user.name),
    "the active users": lambda w, _: (
        select(w.models.user).where(w.models.user.is_active.is_(True)).order_by(w.models.user.name)
    ),
    "the posts written by": lambda w, author: (
        select(w.models.post)
        .where(w.models.post.author == w.obj(Ref("user", author or "")))
        .order_by(w.models.post.published_at)
    ),
}


@when(
    step(
        rf"I select (?P<query>{'|'.join(QUERIES)})(?: (?P<author>{USER}))?"
        r"(?P<no_autoflush> inside session\.no_autoflush)?"
    )
)
def select_many(world: SpecWorld, query: str, author: str | None, no_autoflush: str | None) -> None:
    statement = QUERIES[query](world, author)
    session = world.session()
    if no_autoflush:
        with session.no_autoflush:
            world.values.append(session.scalars(statement).all())
    else:
        world.values.append(session.scalars(statement).all())


@when(step(rf'I {TRY}select the user named "(?P<name>[^"]+)" with scalar_one'))
def select_one(world: SpecWorld, attempt: str | None, name: str) -> None:
    user = world.models.user
    statement = select(user).where(user.name == name)
    found = act(world, attempt, MAIN, lambda: world.session().execute(statement).scalar_one())
    if found is not None:
        world.remember(Ref("user", name), found)
        world.loads.append(found)


def _labels(objects: Any) -> list[str]:
    return [getattr(o, "title", None) or o.name for o in objects]


@then(step(rf"the users returned are (?P<who>{NAMES}|none)(?P<ordered>, in that order)?"))
def users_returned(world: SpecWorld, who: str, ordered: str | None) -> None:
    got, expected = _labels(world.values[-1]), names(who) if who != "none" else []
    assert (got if ordered else sorted(got)) == (expected if ordered else sorted(expected))


@then(step(rf"the posts (?:returned|read) are (?P<which>{TITLES})"))
def posts_returned(world: SpecWorld, which: str) -> None:
    assert sorted(_labels(world.values[-1])) == sorted(titles(which))
