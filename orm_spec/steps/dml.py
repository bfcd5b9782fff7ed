"""ORM-enabled INSERT, UPDATE and DELETE statements, and upserts, run through session.execute().

Rows are written the way feature files name users: "Dave", "Erin whose is_active is None",
"Alicia with email "alice@example.com"" (a user's email is their lower-cased name at
example.com unless the row says otherwise). Which users a WHERE clause picks is said in words
("named Alice", "whose lower-cased name is "alice"": a criterion the "evaluate" strategy cannot
compute in Python). Each database spells an upsert its own way; steps ask the backend for it
(``world.db.backend.upsert``) and never which database runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, inspect, select, update
from sqlalchemy.orm import Bundle, selectinload, with_loader_criteria

from orm_spec.domain import ObjectName
from orm_spec.steps.checks import check_exception, check_value
from orm_spec.steps.grammar import Criterion, UserRow
from orm_spec.steps.kit import action, then
from orm_spec.steps.loading import remember_with_related
from orm_spec.steps.objects import STATES
from orm_spec.steps.rows import new_user
from orm_spec.world import MAIN, OutcomeKind, SpecWorld

_SET_EXPRESSIONS: dict[str, Callable[[Any], Any]] = {
    # Python can compute name + "!" (the evaluator knows string concatenation) ...
    'its value followed by "!"': lambda column: column + "!",
    # ... but not upper(name), a SQL function.
    "its upper-cased value": func.upper,
}


def _set_value(world: SpecWorld, attr: str, value: Any, expression: str | None) -> Any:
    if expression is None:
        return value
    return _SET_EXPRESSIONS[expression](getattr(world.models.user, attr))


_SET = rf"setting {{attr}} to (?:{{value}}|(?P<expression>{'|'.join(_SET_EXPRESSIONS)}))"


_SYNCHRONIZE = r"(?: with synchronize_session={synchronize})?"


def _sync_options(synchronize: Any) -> dict[str, Any]:
    """No synchronize_session in the step: SQLAlchemy's default ("auto")."""
    if synchronize is None:
        return {}
    return {"execution_options": {"synchronize_session": synchronize}}


def _returned_users(world: SpecWorld, result: Any) -> list[Any]:
    """The objects a statement's RETURNING handed back, named for later steps: a name the
    scenario already uses keeps its object, so "Bob" stays the Bob loaded before, and a
    returned object that is another one for his row can be told apart from him."""
    users = list(result.scalars().all())
    known = world.objects.get(MAIN, {})
    world.remember_loaded([u for u in users if world.models.name_of(u) not in known])
    return users


# -- INSERT --------------------------------------------------------------------------------------
@action(
    r"I bulk insert the users {user_rows}(?: setting {attr} to {value} for every row)?"
    r"(?P<render_nulls> with render_nulls=True)?"
)
def bulk_insert(
    world: SpecWorld,
    user_rows: list[UserRow],
    attr: str | None,
    value: Any,
    render_nulls: str | None,
) -> None:
    statement = insert(world.models.user)
    if attr:
        statement = statement.values({attr: value})
    if render_nulls:
        statement = statement.execution_options(render_nulls=True)
    world.io().execute(statement, [row.params() for row in user_rows])


@action(
    r"I bulk insert the users {user_rows} with "
    r'insert\(User\)\.values\(name=bindparam\("new_name"\)\), each row giving its new_name'
)
def bulk_insert_bindparam_values(world: SpecWorld, user_rows: list[UserRow]) -> None:
    """values() names a bound parameter for the name: each parameter set fills it (2.0.11,
    #9583); the rows give new_name and not name."""
    statement = insert(world.models.user).values(name=bindparam("new_name"))
    rows = []
    for row in user_rows:
        params = row.params()
        params["new_name"] = params.pop("name")
        rows.append(params)
    world.io().execute(statement, rows)


@action(
    r"I bulk insert the users {user_rows} returning the users"
    r"(?P<ordered> sorted by parameter order)?",
    OutcomeKind.QUERY,
)
def bulk_insert_returning(
    world: SpecWorld, user_rows: list[UserRow], ordered: str | None
) -> list[Any]:
    model = world.models.user
    statement = insert(model).returning(model, sort_by_parameter_order=bool(ordered))
    return _returned_users(world, world.io().execute(statement, [r.params() for r in user_rows]))


@action(
    r"I insert the post {post} by {user} with insert\(Post\)\.returning\(Post\) and "
    r'selectinload\(author\)\.selectinload\(posts\.and_\(title\.like\("(?P<pattern>[^"]+)"\)\)\)',
    OutcomeKind.QUERY,
)
def insert_post_returning_with_criteria(
    world: SpecWorld, post: ObjectName, user: ObjectName, pattern: str
) -> list[Any]:
    """The new post, its author and the author's posts the criteria admit, loaded by the
    RETURNING statement's loader options; the statement is built anew each time."""
    model = world.models.post
    option = selectinload(model.author).selectinload(
        world.models.user.posts.and_(model.title.like(pattern))
    )
    row = {
        "title": post.label,
        "content": f"{post.label}, inserted.",
        "user_id": world.key_of(user),
    }
    statement = insert(model).returning(model).options(option)
    found = list(world.io().execute(statement, [row]).scalars().all())
    for each in found:
        remember_with_related(world, each)
    return found


@action(r"I bulk insert the user {user} with the key posts holding a new post {post}")
def bulk_insert_with_relationship(world: SpecWorld, user: ObjectName, post: ObjectName) -> None:
    row = {
        **UserRow(user.label).as_dict(),
        "posts": [world.models.post(title=post.label, content="In a bulk row.")],
    }
    world.io().execute(insert(world.models.user), [row])


@action(r"I insert the users {users} with one multi-row VALUES clause")
def insert_values(world: SpecWorld, users: list[ObjectName]) -> None:
    # Rows given to values(), no parameter list: not bulk mode, the statement runs as given.
    rows = [UserRow(u.label).as_dict() for u in users]
    world.io().execute(insert(world.models.user).values(rows))


# -- the legacy bulk API: Session.bulk_insert_mappings(), bulk_save_objects() ----------------------
@action(
    r"I call bulk_insert_mappings\(\) with the users {user_rows}"
    r"(?P<defaults> and return_defaults=True)?",
    OutcomeKind.BULK,
)
def bulk_insert_mappings(
    world: SpecWorld, user_rows: list[UserRow], defaults: str | None
) -> list[dict[str, Any]]:
    """The dicts given, kept: return_defaults=True writes the new keys into them."""
    mappings = [row.params() for row in user_rows]
    world.io().call(
        "bulk_insert_mappings", world.models.user, mappings, return_defaults=bool(defaults)
    )
    return mappings


@action(
    r"I call bulk_save_objects\(\) with the new users {users}"
    r"(?P<defaults> and return_defaults=True)?"
)
def bulk_save_objects(world: SpecWorld, users: list[ObjectName], defaults: str | None) -> None:
    created = [world.remember(u, new_user(world, u)) for u in users]
    world.io().call("bulk_save_objects", created, return_defaults=bool(defaults))


@then(r"each mapping given to bulk_insert_mappings\(\) holds the id of its new row")
def mappings_hold_new_ids(world: SpecWorld) -> None:
    mappings: list[dict[str, Any]] = world.last(OutcomeKind.BULK).value
    user = world.models.user
    got = {m["name"]: m.get("id") for m in mappings}
    # The rows are not committed: the session's own transaction reads them.
    in_db = {name: key for name, key in world.io().execute(select(user.name, user.id))}
    expected = {name: in_db.get(name) for name in got}
    assert got == expected, f"the mappings hold the ids {got}, the rows have {expected}"


# -- UPDATE and DELETE with a WHERE clause -------------------------------------------------------
@action(rf"I bulk update the users {{which}} {_SET}{_SYNCHRONIZE}", OutcomeKind.BULK)
def bulk_update(
    world: SpecWorld,
    which: Criterion,
    attr: str,
    value: Any,
    expression: str | None,
    synchronize: Any,
) -> int:
    model = world.models.user
    statement = (
        update(model).where(which(model)).values({attr: _set_value(world, attr, value, expression)})
    )
    return world.io().execute(statement, **_sync_options(synchronize)).rowcount  # type: ignore[attr-defined,no-any-return]


@action(
    r"I bulk update the users {which} setting {attr} to {value} returning the users"
    r"(?P<populate> with populate_existing)?",
    OutcomeKind.QUERY,
)
def bulk_update_returning(
    world: SpecWorld, which: Criterion, attr: str, value: Any, populate: str | None
) -> list[Any]:
    model = world.models.user
    statement = update(model).where(which(model)).values({attr: value}).returning(model)
    if populate:
        statement = statement.execution_options(populate_existing=True)
    return _returned_users(world, world.io().execute(statement))


@action(
    rf"I bulk update the users {{which}} setting {{attr}} to {{value}} "
    rf"returning their (?P<returned>[a-z_]+){_SYNCHRONIZE}",
    OutcomeKind.READ,
)
def bulk_update_returning_column(
    world: SpecWorld, which: Criterion, attr: str, value: Any, returned: str, synchronize: Any
) -> list[Any]:
    """RETURNING of one column, not of the entity: the rows hold what was asked for."""
    model = world.models.user
    statement = (
        update(model).where(which(model)).values({attr: value}).returning(getattr(model, returned))
    )
    return list(world.io().execute(statement, **_sync_options(synchronize)).scalars().all())


@then(r"the {attr} returned by RETURNING is {value}")
def column_returned(world: SpecWorld, attr: str, value: Any) -> None:
    returned = world.last(OutcomeKind.READ).value
    assert isinstance(returned, list) and len(returned) == 1, f"RETURNING gave {returned!r}"
    check_value(returned[0], value, f"the {attr} returned")


@action(
    r"I bulk update the users {which} setting {attr} to {value} returning "
    r'Bundle\("user", User\.id, User\.name\)',
    OutcomeKind.READ,
)
def bulk_update_returning_bundle(
    world: SpecWorld, which: Criterion, attr: str, value: Any
) -> list[Any]:
    """The names the bundles returned (2.0.24, #10776: an UPDATE with WHERE criteria)."""
    model = world.models.user
    bundle = Bundle("user", model.id, model.name)
    statement = update(model).where(which(model)).values({attr: value}).returning(bundle)
    return [row.user.name for row in world.io().execute(statement)]


@action(
    r"I execute a Core update\(\) of the users table setting {attr} to {value} where id is "
    r"session\.query\(func\.max\(users\.c\.id\)\)\.scalar_subquery\(\)"
)
def core_update_with_query_subquery(world: SpecWorld, attr: str, value: Any) -> None:
    """A legacy Query with no ORM entity, embedded in a Core UPDATE the session runs (2.0.19,
    #10098); building the Query emits nothing, so an AsyncSession's sync_session builds it."""
    table = world.models.user.__table__  # type: ignore[attr-defined]
    newest = world.session().query(func.max(table.c.id)).scalar_subquery()
    world.io().execute(update(table).where(table.c.id == newest).values({attr: value}))


@action(
    r"I bulk update every user setting {attr} to {value} "
    r"with loader criteria limiting it to {user}",
    OutcomeKind.BULK,
)
def bulk_update_with_loader_criteria(
    world: SpecWorld, attr: str, value: Any, user: ObjectName
) -> int:
    model = world.models.user
    criteria = with_loader_criteria(model, model.name == user.label)
    statement = update(model).values({attr: value}).options(criteria)
    return world.io().execute(statement).rowcount  # type: ignore[attr-defined,no-any-return]


@action(rf"I bulk delete the users {{which}}{_SYNCHRONIZE}", OutcomeKind.BULK)
def bulk_delete(world: SpecWorld, which: Criterion, synchronize: Any) -> int:
    model = world.models.user
    statement = delete(model).where(which(model))
    return world.io().execute(statement, **_sync_options(synchronize)).rowcount  # type: ignore[attr-defined,no-any-return]


@action(
    r"I bulk update the users' Table, not the user class, setting {attr} to {value} "
    r"where the user wrote {post}"
)
def bulk_update_table_where_post(world: SpecWorld, attr: str, value: Any, post: ObjectName) -> None:
    """update() of the Core Table, its WHERE naming the Post class: an UPDATE ... FROM posts."""
    users = inspect(world.models.user).local_table
    model = world.models.post
    statement = (
        update(users)
        .where(users.c.id == model.user_id, model.title == post.label)
        .values({attr: value})
    )
    world.io().execute(statement)


@action(r"I bulk delete the users {which} returning the users", OutcomeKind.QUERY)
def bulk_delete_returning(world: SpecWorld, which: Criterion) -> list[Any]:
    model = world.models.user
    return _returned_users(
        world, world.io().execute(delete(model).where(which(model)).returning(model))
    )


@action(r"I bulk delete the posts of {user}", OutcomeKind.BULK)
def bulk_delete_posts(world: SpecWorld, user: ObjectName) -> int:
    post = world.models.post
    statement = delete(post).where(post.user_id == world.key_of(user))
    return world.io().execute(statement).rowcount  # type: ignore[attr-defined,no-any-return]


@then(r"the bulk DELETE (?:deleted {count} rows?|failed with {exception})")
def bulk_result(world: SpecWorld, count: int | None, exception: type[BaseException] | None) -> None:
    outcome = world.last(OutcomeKind.BULK)
    if exception is not None:
        check_exception(outcome.error, exception)
    else:
        assert outcome.error is None, f"the bulk DELETE raised {outcome.error!r}"
        check_value(outcome.value, count, "the number of rows the bulk DELETE deleted")


@then(r"the bulk statement's rowcount is {value}")
def bulk_rowcount(world: SpecWorld, value: Any) -> None:
    outcome = world.last(OutcomeKind.BULK)
    assert outcome.error is None, f"the bulk statement raised {outcome.error!r}"
    check_value(outcome.value, value, "the bulk statement's rowcount")


# -- UPDATE by primary key -----------------------------------------------------------------------
@action(rf"I bulk update by primary key: {{assignments}}{_SYNCHRONIZE}")
def bulk_update_by_primary_key(
    world: SpecWorld, assignments: list[tuple[ObjectName, str, Any]], synchronize: Any
) -> None:
    rows = [{"id": world.key_of(who), attr: value} for who, attr, value in assignments]
    world.io().execute(update(world.models.user), rows, **_sync_options(synchronize))


@action(
    r"I bulk update by primary key(?:, where the users are {which},)? "
    rf"a row without an id setting {{attr}} to {{value}}{_SYNCHRONIZE}"
)
def bulk_update_without_key(
    world: SpecWorld, which: Criterion | None, attr: str, value: Any, synchronize: Any
) -> None:
    statement = update(world.models.user)
    if which is not None:
        statement = statement.where(which(world.models.user))
    world.io().execute(statement, [{attr: value}], **_sync_options(synchronize))


# -- upserts -------------------------------------------------------------------------------------
def _upsert(world: SpecWorld, rows: Sequence[dict[str, Any]]) -> Any:
    """INSERT the rows; a row whose email is taken updates that user's name instead."""
    return world.db.backend.upsert(world.models.user, list(rows), ["email"], ["name"])


@action(r"I upsert the users {user_rows}(?P<preserve> with preserve_rowcount)?", OutcomeKind.BULK)
def upsert(world: SpecWorld, user_rows: list[UserRow], preserve: str | None) -> int:
    options = {"execution_options": {"preserve_rowcount": True}} if preserve else {}
    result = world.io().execute(_upsert(world, [r.params() for r in user_rows]), **options)
    return result.rowcount  # type: ignore[attr-defined,no-any-return]


@action(
    r"I upsert the users {user_rows} returning the users(?P<populate> with populate_existing)?",
    OutcomeKind.QUERY,
)
def upsert_returning(world: SpecWorld, user_rows: list[UserRow], populate: str | None) -> list[Any]:
    statement = _upsert(world, [r.params() for r in user_rows]).returning(world.models.user)
    if populate:
        statement = statement.execution_options(populate_existing=True)
    return _returned_users(world, world.io().execute(statement))


@action(r"I upsert the user {user} with email {email} and {owner:user}'s id", OutcomeKind.BULK)
def upsert_with_key(world: SpecWorld, user: ObjectName, email: str, owner: ObjectName) -> int:
    row = {"id": world.key_of(owner), "name": user.label, "email": email}
    return world.io().execute(_upsert(world, [row])).rowcount  # type: ignore[attr-defined,no-any-return]


# -- what the statements returned ----------------------------------------------------------------
def _one_returned(world: SpecWorld) -> Any:
    returned = world.last(OutcomeKind.QUERY).value
    assert isinstance(returned, list) and len(returned) == 1, f"returned {returned!r}"
    return returned[0]


@then(r"the users returned (?P<verdict>include|do not include) {obj} itself")
def returned_include(world: SpecWorld, verdict: str, obj: ObjectName) -> None:
    returned = world.last(OutcomeKind.QUERY).value
    found = any(each is world.obj(obj) for each in returned)
    assert found is (verdict == "include"), f"returned {returned!r}, {obj} is {world.obj(obj)!r}"


@then(rf"the user returned is (?P<state>{'|'.join(STATES)})")
def returned_state(world: SpecWorld, state: str) -> None:
    insp = inspect(_one_returned(world))
    actual = [name for name in STATES if getattr(insp, name)]
    assert actual == [state], f"the user returned is {', '.join(actual)}, not {state}"


@then(r"the user returned is {negated}in {session}")
def returned_in_session(world: SpecWorld, negated: bool, session: str) -> None:
    member = _one_returned(world) in world.session(session)
    assert member is not negated, f"the user returned {'is' if member else 'is not'} in it"
