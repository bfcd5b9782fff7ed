"""Rows that exist before a scenario starts, other users' changes, and what the database holds.

Given steps write with a short-lived session of their own and commit, so the scenario's own
sessions start with nothing loaded. Then steps read with a new session: they show what another
user of the database would see, which is the point of commit and rollback.
"""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import Connection, func, insert, inspect, select
from sqlalchemy.orm import Session

from orm_spec.domain import POST, USER, Kind, ObjectName
from orm_spec.steps.checks import check_exception, check_value
from orm_spec.steps.kit import action, given, then
from orm_spec.world import OutcomeKind, SpecWorld


def email_of(name: ObjectName) -> str:
    return f"{name.label.lower()}@example.com"


def new_user(world: SpecWorld, name: ObjectName, email: str | None = None) -> Any:
    return world.models.user(name=name.label, email=email or email_of(name))


def _commit_and_note_keys(world: SpecWorld, session: Session, objects: list[Any]) -> None:
    session.add_all(objects)
    session.flush()
    world.note_keys(session)  # before commit expires the keys
    session.commit()


def _first_post(author: str) -> dict[str, str]:
    return {"title": f"{author}'s First Post", "content": f"This is {author}'s first post."}


@given(
    r"the (?:user|users) {users} (?:exists|exist)(?P<with_posts>,? (?:each )?with a first post)?"
)
def users_exist(world: SpecWorld, users: list[ObjectName], with_posts: str | None) -> None:
    if _writes_plainly(world, world.models.user, world.models.post):
        world.db.admin(lambda connection: _insert_users(world, connection, users, bool(with_posts)))
        return

    def create(session: Session) -> None:
        created = [new_user(world, name) for name in users]
        for user in created if with_posts else ():
            world.models.post(author=user, **_first_post(user.name))  # the backref: user.posts
        _commit_and_note_keys(world, session, created)

    world.in_fresh_session(create)


# -- the rows most scenarios start from, written without the unit of work -----------------------
# A Given only has to leave rows in the tables. A Core INSERT ... RETURNING writes the same rows
# as a flush (the columns' defaults are the same Python callables) at a third of the cost, and
# most scenarios begin with one. Where the mapping adds something a Core INSERT would not (a
# version counter, validators, insert or attribute events, inheritance), the flush writes them.
# The INSERT runs in a transaction of its own on the engine, committed, as the short-lived
# session would run it (the same statements reach the driver): a Session costs as much again.
# Unless the scenario's session factory says something about the connection (its bind, its
# execution options), which the session would apply and the engine's connection would not.
_CONNECTION_NEUTRAL = frozenset({"autoflush", "expire_on_commit", "info"})
"""Session factory options that change nothing in a Core INSERT on the session's connection."""


def _writes_plainly(world: SpecWorld, *classes: type) -> bool:
    if not _CONNECTION_NEUTRAL.issuperset(world.factory_options):
        return False
    if not world.db.engine.dialect.insert_executemany_returning_sort_by_parameter_order:
        return False
    for cls in classes:
        mapper = inspect(cls)
        manager = mapper.class_manager
        if (
            mapper.inherits is not None
            or mapper.polymorphic_on is not None  # the base of a hierarchy: its discriminator
            or mapper.version_id_col is not None
            or mapper.validators
            or mapper.dispatch.before_insert
            or mapper.dispatch.after_insert
            or any(manager[attr.key].dispatch.set for attr in mapper.column_attrs)
        ):
            return False
    return True


def _insert_rows(connection: Connection, cls: type, rows: list[dict[str, Any]]) -> list[Any]:
    """INSERT ``rows`` (attribute values) into the table of ``cls``; their keys, in order."""
    statement, column = _plain_insert(inspect(cls))
    params = [{column[k].key: v for k, v in row.items()} for row in rows]
    return list(connection.scalars(statement, params))


# Weakly: a mapping a scenario makes (and drops) must not stay reachable through this cache.
_PLAIN_INSERTS: weakref.WeakKeyDictionary[Any, tuple[Any, dict[str, Any]]]
_PLAIN_INSERTS = weakref.WeakKeyDictionary()


def _plain_insert(mapper: Any) -> tuple[Any, dict[str, Any]]:
    """The INSERT of a mapper's table and its columns by attribute, built once per mapping:
    a statement object keeps its cache key, which SQLAlchemy would otherwise compute again
    for every new INSERT."""
    built = _PLAIN_INSERTS.get(mapper)
    if built is None:
        column = {attr.key: attr.columns[0] for attr in mapper.column_attrs}
        statement = insert(mapper.local_table).returning(
            *mapper.primary_key, sort_by_parameter_order=True
        )
        built = _PLAIN_INSERTS[mapper] = (statement, column)
    return built


def _insert_users(
    world: SpecWorld, connection: Connection, users: list[ObjectName], with_posts: bool
) -> None:
    user_cls, post_cls = world.models.user, world.models.post
    rows = [{"name": n.label, "email": email_of(n)} for n in users]
    keys = _insert_rows(connection, user_cls, rows)
    world.keys.update(zip(users, keys, strict=True))
    if with_posts:
        ((foreign, _),) = inspect(post_cls).relationships["author"].local_remote_pairs
        author = inspect(post_cls).get_property_by_column(foreign).key
        posts = [{**_first_post(n.label), author: key} for n, key in zip(users, keys, strict=True)]
        post_keys = _insert_rows(connection, post_cls, posts)
        names = [ObjectName(POST, post["title"]) for post in posts]
        world.keys.update(zip(names, post_keys, strict=True))


@given(r"{user} has (?:also )?written the (?:post|posts) {posts}")
def user_wrote_posts(world: SpecWorld, user: ObjectName, posts: list[ObjectName]) -> None:
    def create(session: Session) -> None:
        author = session.get(world.models.user, world.key_of(user))
        written = [
            world.models.post(title=p.label, content=f"{p.label}, by {user.label}.", author=author)
            for p in posts
        ]
        _commit_and_note_keys(world, session, written)

    world.in_fresh_session(create)


@action(
    r"another session (?:sets|(?P<attempt>tries to set)) {obj}'s {attr} to {value} and commits?",
    OutcomeKind.ELSEWHERE,
)
def another_session_commits_change(
    world: SpecWorld, obj: ObjectName, attr: str, value: Any
) -> None:
    def change(session: Session) -> None:
        setattr(session.get(world.model(obj.kind), world.key_of(obj)), attr, value)
        session.commit()

    world.in_fresh_session(change)


@action(
    r"another session (?:deletes|(?P<attempt>tries to delete)) {obj} and commits?",
    OutcomeKind.ELSEWHERE,
)
def another_session_deletes(world: SpecWorld, obj: ObjectName) -> None:
    def remove(session: Session) -> None:
        session.delete(session.get(world.model(obj.kind), world.key_of(obj)))
        session.commit()

    world.in_fresh_session(remove)


@then(
    r"the other session's commit (?:(?P<through>went through)|failed with {exception}"
    r'(?: saying "(?P<message>[^"]+)")?)'
)
def other_session_commit(
    world: SpecWorld,
    through: str | None,
    exception: type[BaseException] | None,
    message: str | None,
) -> None:
    error = world.last(OutcomeKind.ELSEWHERE).error
    if through:
        assert error is None, f"the other session's commit raised {error!r}"
    else:
        check_exception(error, exception, message)  # type: ignore[arg-type]


def _labels_held(world: SpecWorld, kind: Kind) -> list[str]:
    column = getattr(world.model(kind), kind.label)
    return world.in_fresh_session(lambda s: list(s.scalars(select(column).order_by(column))))


@then(r"the database holds the users {users}")
def database_holds_users(world: SpecWorld, users: list[ObjectName]) -> None:
    held = _labels_held(world, USER)
    assert held == sorted(u.label for u in users), f"the database holds the users {held}"


@then(r"the database holds the (?:post|posts) {posts}")
def database_holds_posts(world: SpecWorld, posts: list[ObjectName]) -> None:
    held = _labels_held(world, POST)
    assert held == sorted(p.label for p in posts), f"the database holds the posts {held}"


@then(r"the database holds no (?P<kind>users|posts)")
def database_holds_none(world: SpecWorld, kind: str) -> None:
    model = world.model(USER if kind == "users" else POST)
    count = world.in_fresh_session(lambda s: s.scalar(select(func.count()).select_from(model)))
    assert count == 0, f"the database still holds {count} {kind}"


@then(r"a new session (?P<verdict>finds|does not find) {obj}")
def new_session_finds(world: SpecWorld, verdict: str, obj: ObjectName) -> None:
    found = world.in_fresh_session(lambda s: s.scalars(world.lookup(obj)).all())
    assert bool(found) == (verdict == "finds"), f"a new session found {found!r}"


@then(r"a new session reads {obj}'s {attr} as {value}")
def new_session_reads(world: SpecWorld, obj: ObjectName, attr: str, value: Any) -> None:
    def read(session: Session) -> Any:
        found = session.scalars(world.lookup(obj)).one_or_none()
        assert found is not None, f"a new session finds no row for {obj}"
        return getattr(found, attr)

    check_value(world.in_fresh_session(read), value, f"{obj}'s {attr} read by a new session")


@then(r'the table "(?P<table>\w+)" (?P<verdict>exists|does not exist)')
def table_exists(world: SpecWorld, table: str, verdict: str) -> None:
    exists = world.db.admin(lambda conn: inspect(conn).has_table(table))
    assert exists is (verdict == "exists"), f"the table {'exists' if exists else 'is missing'}"
