"""The unit of work: flush order, dirty tracking, autoflush, defaults and bulk statements."""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import given, when
from sqlalchemy import delete, insert, update

from orm_spec.steps.data import new_user
from orm_spec.steps.grammar import NAMES, POST, USER, Ref, names, step
from orm_spec.steps.grammar import value as literal
from orm_spec.steps.sessions import TRY, act
from orm_spec.world import MAIN, SpecWorld


@given(step(rf"I add the new users (?P<who>{NAMES})"))
@when(step(rf"I add the new users (?P<who>{NAMES})"))
def add_new_users(world: SpecWorld, who: str) -> None:
    users = [world.remember(Ref("user", n), new_user(world, n)) for n in names(who)]
    world.session().add_all(users)


_POST_BY_KEY = (
    rf"I add a new post (?P<title>{POST}) whose user_id is "
    rf"(?:(?P<name>{USER})'s id|(?P<number>\d+))"
)


@given(step(_POST_BY_KEY))
@when(step(_POST_BY_KEY))
def add_post_by_foreign_key(
    world: SpecWorld, title: str, name: str | None, number: str | None
) -> None:
    # Only the foreign key, not the relationship: the session learns of the link at flush.
    user_id = world.ids[Ref("user", name)] if name else int(number or 0)
    post = world.models.post(title=title.strip('"'), content="Draft.", user_id=user_id)
    world.session().add(world.remember(Ref.parse(title), post))


@when(step(rf"I bulk insert the users (?P<who>{NAMES})"))
def bulk_insert(world: SpecWorld, who: str) -> None:
    rows = [{"name": n, "email": f"{n.lower()}@example.com"} for n in names(who)]
    world.session().execute(insert(world.models.user), rows)


@when(
    step(
        rf"I bulk update the users named (?P<name>{USER}) setting name to (?P<raw>\"[^\"]+\") "
        r"with synchronize_session=(?P<sync>\w+)"
    )
)
def bulk_update(world: SpecWorld, name: str, raw: str, sync: str) -> None:
    user = world.models.user
    strategy: Any = False if sync == "False" else sync
    statement = update(user).where(user.name == name).values(name=literal(raw))  # type: ignore[attr-defined]
    world.session().execute(statement, execution_options={"synchronize_session": strategy})


@when(step(rf"I {TRY}bulk delete the users named (?P<name>{USER})"))
def bulk_delete(world: SpecWorld, attempt: str | None, name: str) -> None:
    user = world.models.user
    statement = delete(user).where(user.name == name)  # type: ignore[attr-defined]
    act(world, attempt, MAIN, lambda: world.session().execute(statement))


@when(step(r"I bulk update by primary key: (?P<changes>.+)"))
def bulk_update_by_primary_key(world: SpecWorld, changes: str) -> None:
    """ "Alice's name to "Alicia" and Bob's name to "Robert"" -> one executemany UPDATE."""
    rows = [
        {"id": world.ids[Ref("user", who)], attr: literal(raw)}
        for who, attr, raw in re.findall(rf"({USER})'s (\w+) to (\"[^\"]*\"|\S+)", changes)
    ]
    assert rows, f"no changes understood in {changes!r}: write Name's attribute to value"
    world.session().execute(update(world.models.user), rows)
