"""Rows that exist before a scenario starts, and what the database holds when it ends.

Given steps write with a short-lived session of their own and commit, so the scenario's own
sessions start with nothing loaded. Then steps read with a new session: they show what another
user of the database would see, which is the point of commit and rollback.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, then
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orm_spec.steps.grammar import NAMES, REF, TITLES, Ref, names, step, titles, value
from orm_spec.world import SpecWorld


def new_user(world: SpecWorld, name: str, email: str | None = None) -> Any:
    return world.models.user(name=name, email=email or f"{name.lower()}@example.com")


def first_post(world: SpecWorld, author: Any) -> Any:
    return world.models.post(
        title=f"{author.name}'s First Post",
        content=f"This is {author.name}'s first post.",
        author=author,
    )


def _commit_and_note_ids(world: SpecWorld, session: Session, objects: list[Any]) -> None:
    session.add_all(objects)
    session.commit()
    for obj in session.identity_map.values():
        world.ids[_ref_of(obj)] = obj.id


def _ref_of(obj: Any) -> Ref:
    return Ref("post", obj.title) if hasattr(obj, "title") else Ref("user", obj.name)


@given(step(rf"the users? (?P<who>{NAMES}) exists?(?P<posts>, each with a first post)?"))
def users_exist(world: SpecWorld, who: str, posts: str | None) -> None:
    def create(session: Session) -> None:
        users = [new_user(world, name) for name in names(who)]
        if posts:
            for user in users:
                first_post(world, user)  # the author backref puts it in user.posts
        _commit_and_note_ids(world, session, users)

    world.in_fresh_session(create)


@given(step(rf"(?P<name>[A-Z][a-z]+) has (?:also )?written the posts? (?P<which>{TITLES})"))
def user_wrote_posts(world: SpecWorld, name: str, which: str) -> None:
    def create(session: Session) -> None:
        author = session.get(world.models.user, world.ids[Ref("user", name)])
        posts = [
            world.models.post(title=title, content=f"{title}, by {name}.", author=author)
            for title in titles(which)
        ]
        _commit_and_note_ids(world, session, posts)

    world.in_fresh_session(create)


@given(step(rf"another session sets (?P<ref>{REF})'s (?P<attr>\w+) to (?P<raw>.+) and commits"))
def another_session_commits_change(world: SpecWorld, ref: str, attr: str, raw: str) -> None:
    target = Ref.parse(ref)

    def change(session: Session) -> None:
        setattr(session.get(world.model(target.kind), world.ids[target]), attr, value(raw))
        session.commit()

    world.in_fresh_session(change)


def _held(world: SpecWorld, kind: str) -> list[str]:
    model = world.model(kind)
    column = model.title if kind == "post" else model.name  # type: ignore[attr-defined]
    return world.in_fresh_session(lambda s: list(s.scalars(select(column).order_by(column))))


@then(step(rf"the database holds the users (?P<who>{NAMES})"))
def database_holds_users(world: SpecWorld, who: str) -> None:
    assert _held(world, "user") == sorted(names(who))


@then(step(rf"the database holds the posts? (?P<which>{TITLES})"))
def database_holds_posts(world: SpecWorld, which: str) -> None:
    assert _held(world, "post") == sorted(titles(which))


@then(step(r"the database holds no (?P<kind>user|post)s"))
def database_holds_none(world: SpecWorld, kind: str) -> None:
    model = world.model(kind)
    count = world.in_fresh_session(lambda s: s.scalar(select(func.count()).select_from(model)))
    assert count == 0, f"the database still holds {count} {kind}(s)"


@then(step(rf"a new session (?P<verdict>finds|does not find) (?P<ref>{REF})"))
def new_session_finds(world: SpecWorld, verdict: str, ref: str) -> None:
    found = world.in_fresh_session(lambda s: s.scalars(world.lookup(Ref.parse(ref))).all())
    assert bool(found) == (verdict == "finds"), f"a new session found {found!r}"


@then(step(rf"a new session reads (?P<ref>{REF})'s (?P<attr>\w+) as (?P<expected>.+)"))
def new_session_reads(world: SpecWorld, ref: str, attr: str, expected: str) -> None:
    target = Ref.parse(ref)

    def read(session: Session) -> Any:
        obj = session.scalars(world.lookup(target)).one_or_none()
        assert obj is not None, f"a new session finds no row for {target}"
        return getattr(obj, attr)

    assert world.in_fresh_session(read) == value(expected)


@given(step(rf"another session deletes (?P<ref>{REF}) and commits"))
def another_session_deletes(world: SpecWorld, ref: str) -> None:
    target = Ref.parse(ref)

    def remove(session: Session) -> None:
        session.delete(session.get(world.model(target.kind), world.ids[target]))
        session.commit()

    world.in_fresh_session(remove)
