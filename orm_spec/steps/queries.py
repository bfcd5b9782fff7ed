"""Reads: loading one object, selecting lists, textual SQL, and what they returned."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, bindparam, func, literal, select, text, union_all
from sqlalchemy.orm import Bundle, aliased

from orm_spec.domain import KINDS, ObjectName
from orm_spec.steps.checks import check_value
from orm_spec.steps.kit import action, given, then
from orm_spec.world import OutcomeKind, SpecWorld


def load(world: SpecWorld, obj: ObjectName, session: str, statement: Select[Any]) -> Any:
    found = world.io(session).scalars(statement).one()
    return world.remember(obj, found, session)


@given(r"{obj} is loaded{in_session}")
def is_loaded(world: SpecWorld, obj: ObjectName, in_session: str) -> None:
    statement = world.lookup(obj)
    world.act(
        f"{obj} is loaded", lambda: load(world, obj, in_session, statement), False, OutcomeKind.LOAD
    )


@action(
    r"I load {obj}(?: again)?(?P<populate> with populate_existing)?{in_session}", OutcomeKind.LOAD
)
def load_object(world: SpecWorld, obj: ObjectName, populate: str | None, in_session: str) -> Any:
    statement = world.lookup(obj)
    if populate:
        statement = statement.execution_options(populate_existing=True)
    return load(world, obj, in_session, statement)


@action(r"I load {obj} with FOR UPDATE", OutcomeKind.LOAD)
def load_for_update(world: SpecWorld, obj: ObjectName) -> Any:
    return load(world, obj, "main", world.lookup(obj).with_for_update())


_LOCK_OPTIONS = r"(?P<lock>(?:nowait|skip_locked|read|key_share)=True|of=User)"
"""The with_for_update() arguments a phrase may give: one flag, or of= the user class."""


def _with_for_update(world: SpecWorld, statement: Select[Any], lock: str) -> Select[Any]:
    name = lock.partition("=")[0]
    return statement.with_for_update(**{name: world.models.user if name == "of" else True})


@action(rf"I load {{obj}} using with_for_update\({_LOCK_OPTIONS}\)", OutcomeKind.LOAD)
def load_with_lock_options(world: SpecWorld, obj: ObjectName, lock: str) -> Any:
    return load(world, obj, "main", _with_for_update(world, world.lookup(obj), lock))


@action(
    r"another session (?:selects|(?P<attempt>tries to select)) "
    rf"(?:{{user}}|(?P<every>all users ordered by name)) using with_for_update\({_LOCK_OPTIONS}\)",
    OutcomeKind.QUERY,
)
def another_session_selects_locked(
    world: SpecWorld, user: ObjectName | None, every: str | None, lock: str
) -> list[Any]:
    """Another user of the database asks for row locks while the scenario's sessions hold
    theirs: a session of its own, rolled back (its locks released) when it is done."""
    every_user = QUERIES["all users ordered by name"]
    statement = every_user(world, None) if every else world.lookup(user)  # type: ignore[arg-type]
    locking = _with_for_update(world, statement, lock)
    return world.in_fresh_session(lambda session: list(session.scalars(locking).all()))


@action(
    r"I (?P<how>get|get_one) (?:{obj}|the (?P<kind>user|post) with id {count}) by primary key"
    r"(?: with (?P<option>populate_existing|with_for_update(?:=False)?))?{in_session}",
    OutcomeKind.LOAD,
)
def get_by_primary_key(
    world: SpecWorld,
    how: str,
    obj: ObjectName | None,
    kind: str | None,
    count: int | None,
    option: str | None,
    in_session: str,
) -> Any:
    model = world.model(obj.kind if obj else KINDS[kind or "user"])
    ident = world.key_of(obj) if obj else count
    # with_for_update=False is the default spelled out: no lock (#13176 once took it for one).
    name, _, value = (option or "").partition("=")
    options = {name: value != "False"} if option else {}
    return getattr(world.io(in_session), how)(model, ident, **options)


QUERIES: dict[str, Callable[[SpecWorld, ObjectName | None], Select[Any]]] = {
    "all users ordered by name": lambda w, _: select(w.models.user).order_by(w.models.user.name),
    "the active users": lambda w, _: (
        select(w.models.user).where(w.models.user.is_active.is_(True)).order_by(w.models.user.name)
    ),
    "the posts written by": lambda w, author: (
        select(w.models.post)
        .where(w.models.post.author == w.obj(author))  # type: ignore[arg-type]
        .order_by(w.models.post.published_at)
    ),
}


@action(
    rf"I select (?P<query>{'|'.join(QUERIES)})(?: {{user}})?"
    r"(?P<no_autoflush> inside session\.no_autoflush)?",
    OutcomeKind.QUERY,
)
def select_many(
    world: SpecWorld, query: str, user: ObjectName | None, no_autoflush: str | None
) -> list[Any]:
    statement, io = QUERIES[query](world, user), world.io()
    if no_autoflush:
        with io.session.no_autoflush:
            return list(io.scalars(statement).all())
    return list(io.scalars(statement).all())


@action(
    r'I select the (?:user named "(?P<name>[^"]+)"|users whose name is like "(?P<pattern>[^"]+)") '
    r"with (?P<method>scalar_one|scalar_one_or_none)",
    OutcomeKind.LOAD,
)
def select_one(world: SpecWorld, name: str | None, pattern: str | None, method: str) -> Any:
    user = world.models.user
    where = user.name == name if name is not None else user.name.like(pattern)
    found = getattr(world.io().execute(select(user).where(where)), method)()
    world.remember_loaded(found)
    return found


@action(
    r'I select the users whose name equals the bound parameter "(?P<key>\w+)"'
    r"(?: passing it {value})?",
    OutcomeKind.QUERY,
)
def select_with_bindparam(world: SpecWorld, key: str, value: Any) -> list[Any]:
    user = world.models.user
    statement = select(user).where(user.name == bindparam(key)).order_by(user.name)
    params = {key: value} if value is not None else None
    return list(world.io().execute(statement, params).scalars().all())


@action(r'I select the users whose name is like "(?P<pattern>[^"]+)"', OutcomeKind.QUERY)
def select_like(world: SpecWorld, pattern: str) -> list[Any]:
    user = world.models.user
    statement = select(user).where(user.name.like(pattern)).order_by(user.name)
    return list(world.io().scalars(statement).all())


@action(
    r'I count the rows of the users table whose name is "(?P<name>[^"]+)" with a select\(\) '
    r"naming User only in its WHERE",
    OutcomeKind.READ,
)
def count_table_rows_where_user(world: SpecWorld, name: str) -> Any:
    """SELECT count(*) FROM the Core table: the one ORM element is User.name in the WHERE,
    which is enough to make it an ORM statement that autoflushes (2.0.15, #9805)."""
    user = world.models.user
    statement = (
        select(func.count())
        .select_from(user.__table__)  # type: ignore[attr-defined]
        .where(user.name == name)
    )
    return world.io().execute(statement).scalar()


@action(r"I read {obj}'s {attr} with a textual SELECT", OutcomeKind.READ)
def read_raw(world: SpecWorld, obj: ObjectName, attr: str) -> Any:
    table = world.model(obj.kind).__table__.name  # type: ignore[attr-defined]
    sql = text(f"SELECT {attr} FROM {table} WHERE id = :id")
    return world.io().execute(sql, {"id": world.key_of(obj)}).scalar()


@action(r'I execute the textual SQL "(?P<sql>[^"]+)"', OutcomeKind.READ)
def execute_text(world: SpecWorld, sql: str) -> Any:
    return world.io().execute(text(sql)).scalar()


# -- what the reads returned ---------------------------------------------------------------------
@then(r"the last two loads returned (?P<verdict>the same|different) objects?")
def last_two_loads(world: SpecWorld, verdict: str) -> None:
    loads = [o.value for o in world.outcomes if o.kind is OutcomeKind.LOAD and o.error is None]
    assert len(loads) >= 2, f"{len(loads)} load(s) happened, not two"
    first, second = loads[-2:]
    assert (first is second) is (verdict == "the same"), f"{first!r} vs {second!r}"


@then(r"the object returned is {negated}{obj}{in_session}")
def object_returned(world: SpecWorld, negated: bool, obj: ObjectName, in_session: str) -> None:
    returned = world.last(OutcomeKind.LOAD).value
    same = returned is world.obj(obj, in_session)
    assert same is not negated, f"{returned!r} {'is' if same else 'is not'} {obj}"


@then(r"the object returned is None")
def object_returned_none(world: SpecWorld) -> None:
    returned = world.last(OutcomeKind.LOAD).value
    assert returned is None, f"returned {returned!r}"


def _labels(world: SpecWorld, objects: Any) -> list[str]:
    names = [world.models.name_of(o) for o in objects]
    return [name.label for name in names if name is not None]


@then(r"the users returned are (?:{users}|none)(?P<ordered>, in that order)?")
def users_returned(world: SpecWorld, users: list[ObjectName] | None, ordered: str | None) -> None:
    got = _labels(world, world.last(OutcomeKind.QUERY).value)
    expected = [u.label for u in users or []]
    if not ordered:
        got, expected = sorted(got), sorted(expected)
    assert got == expected, f"the users returned are {got}"


@then(r"the posts (?P<which>returned|read) are (?:{posts}|none)")
def posts_returned(world: SpecWorld, which: str, posts: list[ObjectName] | None) -> None:
    value = world.last(OutcomeKind.QUERY if which == "returned" else OutcomeKind.READ).value
    assert isinstance(value, list), f"the value {which} is a {type(value).__name__}, not a list"
    got = sorted(_labels(world, value))
    assert got == sorted(p.label for p in posts or []), f"the posts {which} are {got}"


@then(r"the value read is {value}")
def value_read(world: SpecWorld, value: Any) -> None:
    check_value(world.last(OutcomeKind.READ).value, value, "the value read")


@then(r"the value read is {obj} itself")
def value_read_is_object(world: SpecWorld, obj: ObjectName) -> None:
    read = world.last(OutcomeKind.READ).value
    assert read is world.obj(obj), f"read {read!r}"


@then(r"the value read is an? (?P<cls>[A-Za-z]\w+)")
def value_read_type(world: SpecWorld, cls: str) -> None:
    read = world.last(OutcomeKind.READ).value
    assert type(read).__name__ == cls, f"read a {type(read).__name__}"


@action(
    r'I load the users of the textual SELECT "(?P<sql>[^"]+)"'
    r" with select\(User\)\.from_statement\(\.\.\.\)\.params\({options}\)",
    OutcomeKind.QUERY,
)
def load_from_textual_select(world: SpecWorld, sql: str, options: dict[str, Any]) -> list[Any]:
    user = world.models.user
    statement = select(user).from_statement(text(sql)).params(**options)
    found = list(world.io().scalars(statement).all())
    world.remember_loaded(found)
    return found


# -- expressions of attributes, and entities over a CTE ------------------------------------------
_OPERAND = r'[a-z_]+|"[^"]*"'


@action(
    rf"I select the expression (?P<expression>(?:{_OPERAND})(?: \+ (?:{_OPERAND}))+) "
    r"of all users, sorted",
    OutcomeKind.READ,
)
def select_sum_of_attributes(world: SpecWorld, expression: str) -> list[Any]:
    """``name + " <" + email + ">"``: user attributes and string literals joined by +, as
    select(User.name + " <" + User.email + ">") writes them. Sorted here, not by an ORDER BY:
    a user attribute in the ORDER BY would make the statement an ORM one by itself."""
    user = world.models.user
    operands = [
        literal(part[1:-1]) if part.startswith('"') else getattr(user, part)
        for part in re.findall(_OPERAND, expression)
    ]
    statement = select(functools.reduce(operator.add, operands))
    return sorted(world.io().scalars(statement).all())


def _users_not_named(world: SpecWorld, name: str) -> Any:
    user = world.models.user
    return select(user).where(user.name != name).cte("users_not_named")


@action(
    r"I select aliased\(aliased\(User, cte\)\) "
    r'for the CTE of the users not named "(?P<name>[^"]+)"',
    OutcomeKind.QUERY,
)
def select_alias_of_cte_alias(world: SpecWorld, name: str) -> list[Any]:
    user = world.models.user
    alias = aliased(aliased(user, _users_not_named(world, name)), name="alias_of_alias")
    found = list(world.io().scalars(select(alias).order_by(alias.id)).all())
    world.remember_loaded(found)
    return found


@action(
    r"I load the users of select\(User\)\.from_statement\(a Core select\(\) of the users table\)",
    OutcomeKind.QUERY,
)
def load_from_core_select(world: SpecWorld) -> list[Any]:
    user = world.models.user
    core = select(user.__table__).order_by(user.__table__.c.name)  # type: ignore[attr-defined]
    found = list(world.io().scalars(select(user).from_statement(core)).all())
    world.remember_loaded(found)
    return found


@action(
    r"I select, sorted, the union_all\(\) of the names of aliased\(User, cte\) and the titles "
    r'of the posts joined to it, for the CTE of the users not named "(?P<name>[^"]+)"',
    OutcomeKind.READ,
)
def select_union_over_cte(world: SpecWorld, name: str) -> list[Any]:
    """One statement using the aliased CTE twice: its first SELECT reads it, its second joins it."""
    post = world.models.post
    alias = aliased(world.models.user, _users_not_named(world, name))
    statement = union_all(
        select(alias.name), select(post.title).join(alias, alias.id == post.user_id)
    )
    return sorted(world.io().scalars(statement).all())


@action(
    r'I select all users ordered by name with add_cte\(\) of a CTE "(?P<name>\w+)" the query '
    r"does not otherwise reference",
    OutcomeKind.QUERY,
)
def select_with_unreferenced_cte(world: SpecWorld, name: str) -> list[Any]:
    user = world.models.user
    cte = select(literal(1).label("x")).cte(name)
    return list(world.io().scalars(select(user).add_cte(cte).order_by(user.name)).all())


@action(
    r'I select Bundle\("b", User\.id, User\.name, Post\.id, Post\.title\) of each post joined '
    r"to its author and read the bundle's keys",
    OutcomeKind.READ,
)
def read_bundle_keys(world: SpecWorld) -> list[str]:
    """users.id and posts.id share the name id: the bundle keeps the attributes' own keys, as
    Query does (2.0.30, #11347)."""
    user, post = world.models.user, world.models.post
    bundle = Bundle("b", user.id, user.name, post.id, post.title)
    row = world.io().execute(select(bundle).join_from(user, post).limit(1)).one()
    return list(row.b._fields)


@action(
    r"I read the names of the users of select\(User\)\.from_statement\(a select\(\) of the "
    r'users table whose name column is replaced by name \+ "(?P<suffix>[^"]+)" labelled name\)',
    OutcomeKind.READ,
)
def read_names_from_labelled_select(world: SpecWorld, suffix: str) -> list[str]:
    """The inner SELECT names each mapped column by its attribute, labelled with its key, but
    its name is an expression labelled name: from_statement() matches it to User.name by that
    label (2.0.2, #9217)."""
    user = world.models.user
    keys = [c.key for c in user.__table__.c]  # type: ignore[attr-defined]
    columns = [
        (user.name + suffix).label("name") if key == "name" else getattr(user, key).label(key)
        for key in keys
    ]
    inner = select(*columns).order_by(user.name)
    return [u.name for u in world.io().scalars(select(user).from_statement(inner)).all()]
