"""Loading: loader options written as Python writes them, execution options that change a
load (populate_existing, identity tokens), yield_per partitions, and what a load left unloaded.

Loader options are written against the object's own class: ``load_only(title, raiseload=True)``,
``selectinload(posts).load_only(title)``, ``Load(User).raiseload("*")``,
``with_expression(title_length, length(title))``. The ``loader_options`` placeholder (``grammar``)
parses that small language once; the step resolves each name against the scenario's mapping (an
attribute of the class the chain has reached, a class by its name, ``length(...)`` as
``func.length``), so a feature file never names a variant's class.
"""

from __future__ import annotations

import operator
import re
import warnings
from collections.abc import Callable
from typing import Any

import sqlalchemy.orm
from sqlalchemy import Integer, Select, func, inspect, or_, select, union
from sqlalchemy.exc import SADeprecationWarning, SAWarning
from sqlalchemy.orm import (
    aliased,
    contains_eager,
    lazyload,
    selectinload,
    subqueryload,
    with_loader_criteria,
)
from sqlalchemy.sql.functions import Function

from orm_spec.domain import KINDS, POST, USER, AuthoringError, Kind, ObjectName
from orm_spec.steps.grammar import Call, Ref
from orm_spec.steps.kit import action, then
from orm_spec.world import OutcomeKind, SpecWorld

# -- the loader option language ------------------------------------------------------------------
LOADER_OPTIONS = (
    "load_only",
    "defer",
    "undefer",
    "undefer_group",
    "with_expression",
    "selectinload",
    "joinedload",
    "subqueryload",
    "lazyload",
    "raiseload",
    "defaultload",
    "immediateload",
)


class _UncachedFunction(Function[Any]):
    """A SQL function SQLAlchemy may not cache (inherit_cache=False), as a construct of an
    application's own without a cache key is: its statement is compiled anew each time."""

    inherit_cache = False


def _uncached_length(column: Any) -> Any:
    """length(column), rendered as func.length renders it, but not cacheable."""
    return _UncachedFunction("length", column, type_=Integer())


SQL_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "length": func.length,
    "uncached_length": _uncached_length,
    "+": operator.add,
}
"""The SQL an option's argument may compute; ``+`` adds an integer, sent as a bound value."""


def build_options(world: SpecWorld, kind: Kind, chains: list[list[Call]]) -> list[Any]:
    """The loader option objects, each name resolved against the scenario's mapping."""
    return [_build_chain(world, world.model(kind), chain) for chain in chains]


def _build_chain(world: SpecWorld, entity: type, chain: list[Call]) -> Any:
    option: Any = None
    current = entity
    for link in chain:
        if link.name == "Load":
            current = _resolve(world, current, link.args[0])
            option = sqlalchemy.orm.Load(current)
            continue
        if link.name not in LOADER_OPTIONS:
            raise AuthoringError(f"{link.name}() is not a loader option this spec knows")
        args = [_resolve(world, current, arg) for arg in link.args]
        kwargs = dict(link.kwargs)
        made = getattr(sqlalchemy.orm, link.name) if option is None else getattr(option, link.name)
        option = made(*args, **kwargs)
        # A relationship link moves the chain on to the related class (posts -> Post).
        target = getattr(getattr(args[0], "property", None), "mapper", None) if args else None
        if target is not None:
            current = target.class_
    return option


def _resolve(world: SpecWorld, current: type, arg: Any) -> Any:
    if isinstance(arg, Call):
        if arg.name not in SQL_FUNCTIONS:
            raise AuthoringError(f"{arg.name}() is not a SQL function this spec knows")
        return SQL_FUNCTIONS[arg.name](*(_resolve(world, current, a) for a in arg.args))
    if not isinstance(arg, Ref):
        return arg  # a string: "*" or a group name
    if arg.name[0].isupper():
        kind = KINDS.get(arg.name.lower())
        if kind is None:
            raise AuthoringError(f"{arg.name} names no kind of object: write User or Post")
        return world.model(kind)
    if not hasattr(current, arg.name):
        raise AuthoringError(f"{current.__name__} has no attribute {arg.name!r}")
    return getattr(current, arg.name)


def remember_with_related(world: SpecWorld, obj: Any) -> Any:
    """Name the object and the related objects its load brought along (eager loaders)."""
    world.remember_loaded(obj)
    state = inspect(obj)
    for relationship in state.mapper.relationships:
        if relationship.key in state.dict:
            value = state.dict[relationship.key]
            world.remember_loaded(list(value) if isinstance(value, list) else value)
    return obj


def _populated(statement: Select[Any], populate: str | None) -> Select[Any]:
    return statement.execution_options(populate_existing=True) if populate else statement


# -- loading with options ------------------------------------------------------------------------
@action(
    r"I load {obj}(?: again)? with {loader_options}(?P<populate> and populate_existing)?",
    OutcomeKind.LOAD,
)
def load_with_options(
    world: SpecWorld, obj: ObjectName, loader_options: list[list[Call]], populate: str | None
) -> Any:
    options = build_options(world, obj.kind, loader_options)
    statement = _populated(world.lookup(obj).options(*options), populate)
    found = world.io().scalars(statement).unique().one()
    world.remember(obj, found)
    return remember_with_related(world, found)


_KIND_OF_PLURAL = {"users": USER, "posts": POST}


@action(
    r"I select (?:all (?P<plural>users|posts)|the (?P<where>users|posts) whose {attr} "
    r"(?P<op>is|is at least) {value})(?: with {loader_options})?"
    r"(?P<populate> and populate_existing)?",
    OutcomeKind.QUERY,
)
def select_with_options(
    world: SpecWorld,
    plural: str | None,
    where: str | None,
    attr: str | None,
    op: str | None,
    value: Any,
    loader_options: list[list[Call]] | None,
    populate: str | None,
) -> list[Any]:
    kind = _KIND_OF_PLURAL[plural or where or "users"]
    model = world.model(kind)
    statement = select(model).order_by(model.id)  # type: ignore[attr-defined]
    if attr is not None:
        column = getattr(model, attr)
        statement = statement.where(column == value if op == "is" else column >= value)
    if loader_options:
        statement = statement.options(*build_options(world, kind, loader_options))
    found = list(world.io().scalars(_populated(statement, populate)).unique().all())
    for each in found:
        remember_with_related(world, each)
    return found


@action(
    r"I select all users with {loader_options}, "
    r"passing execution_options={info} to Session\.execute\(\)",
    OutcomeKind.QUERY,
)
def select_passing_execution_options(
    world: SpecWorld, loader_options: list[list[Call]], info: dict[str, Any]
) -> list[Any]:
    """The options given to the call, not to the statement: execute(stmt, execution_options=)."""
    user = world.models.user
    statement = select(user).order_by(user.id).options(*build_options(world, USER, loader_options))
    found = list(world.io().execute(statement, execution_options=info).scalars().all())
    for each in found:
        remember_with_related(world, each)
    return found


@action(
    r'I select the users who wrote a post titled like "(?P<pattern>[^"]+)", with contains_eager '
    r"on posts(?P<populate> and populate_existing)?",
    OutcomeKind.QUERY,
)
def select_with_contains_eager(world: SpecWorld, pattern: str, populate: str | None) -> list[Any]:
    user, post = world.models.user, world.models.post
    statement = (
        select(user)
        .join(user.posts)
        .where(post.title.like(pattern))
        .options(contains_eager(user.posts))
        .order_by(user.id)
    )
    found = list(world.io().scalars(_populated(statement, populate)).unique().all())
    for each in found:
        remember_with_related(world, each)
    return found


_CRITERIA_LOADERS = {"selectinload": selectinload, "subqueryload": subqueryload}


@action(
    rf"I load {{user}}(?: again)? with (?P<loader>{'|'.join(_CRITERIA_LOADERS)}) on posts "
    r'titled like "(?P<pattern>[^"]+)"(?P<populate> and populate_existing)?',
    OutcomeKind.LOAD,
)
def load_with_criteria(
    world: SpecWorld, user: ObjectName, loader: str, pattern: str, populate: str | None
) -> Any:
    model, post = world.models.user, world.models.post
    option = _CRITERIA_LOADERS[loader](model.posts.and_(post.title.like(pattern)))
    found = world.io().scalars(_populated(world.lookup(user).options(option), populate)).one()
    world.remember(user, found)
    return remember_with_related(world, found)


@action(
    r'I select all users with with_loader_criteria on posts titled like "(?P<pattern>[^"]+)"',
    OutcomeKind.QUERY,
)
def select_with_loader_criteria(world: SpecWorld, pattern: str) -> list[Any]:
    user, post = world.models.user, world.models.post
    criteria = with_loader_criteria(post, post.title.like(pattern))
    statement = select(user).order_by(user.id).options(criteria)
    found = list(world.io().scalars(statement).all())
    world.remember_loaded(found)
    return found


@action(
    r"I select all users ordered by name with execution_options\({options}\)", OutcomeKind.QUERY
)
def select_with_execution_options(world: SpecWorld, options: dict[str, Any]) -> list[Any]:
    user = world.models.user
    statement = select(user).order_by(user.name).execution_options(**options)
    found = list(world.io().scalars(statement).all())
    world.remember_loaded(found)
    return found


@action(r'I load {obj}(?: again)? with the identity token "(?P<token>\w+)"', OutcomeKind.LOAD)
def load_with_identity_token(world: SpecWorld, obj: ObjectName, token: str) -> Any:
    statement = world.lookup(obj).execution_options(identity_token=token)
    return world.remember(obj, world.io().scalars(statement).one())


# -- yield_per -----------------------------------------------------------------------------------
class Partitioned(list[Any]):
    """The objects a yield_per query returned, and the partitions they came in."""

    partitions: list[list[Any]]
    driver_warnings: list[str]


@action(
    r"I iterate over all users in partitions with yield_per={count}"
    r"(?P<unique>, uniquing the result)?(?: and {loader_options})?",
    OutcomeKind.QUERY,
)
def iterate_with_yield_per(
    world: SpecWorld, count: int, unique: str | None, loader_options: list[list[Call]] | None
) -> Partitioned:
    user = world.models.user
    statement = select(user).order_by(user.id).execution_options(yield_per=count)
    if loader_options:
        statement = statement.options(*build_options(world, USER, loader_options))
    io = world.io()
    found = Partitioned()
    found.driver_warnings = []
    found.partitions = []
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            io.partitions(statement, bool(unique), found.partitions)
    except Exception as exc:
        exc.orm_spec_partial_value = found  # type: ignore[attr-defined]
        found.extend(obj for part in found.partitions for obj in part)
        raise
    finally:
        for warning in caught:
            # The driver's own warnings are part of the outcome (the only sign that a streamed
            # result was cut short); SQLAlchemy's go on to the scenario's record.
            if issubclass(warning.category, (SAWarning, SADeprecationWarning)):
                warnings.warn_explicit(
                    warning.message, warning.category, warning.filename, warning.lineno
                )
            else:
                found.driver_warnings.append(str(warning.message))
    found.extend(obj for part in found.partitions for obj in part)
    world.remember_loaded(list(found))
    return found


@action(
    r"I query all users with "
    r"session\.query\(User\)\.enable_eagerloads\(False\)\.yield_per\({count}\)\.all\(\)",
    OutcomeKind.QUERY,
)
def query_without_eager_loads(world: SpecWorld, count: int) -> list[Any]:
    """The legacy Query, which AsyncSession does not have: there it runs inside run_sync."""
    user, io = world.models.user, world.io()
    query = io.session.query(user).enable_eagerloads(False).yield_per(count).order_by(user.id)
    found = list(world.db.api.with_implicit_io(query.all, io.target))
    world.remember_loaded(found)
    return found


@then(
    r"the users returned came in "
    r"(?:partitions of (?P<sizes>\d+(?:(?:, | and )\d+)*)|(?P<none>no partition at all))"
)
def partitions_of(world: SpecWorld, sizes: str | None, none: str | None) -> None:
    returned = world.last(OutcomeKind.QUERY).value
    assert isinstance(returned, Partitioned), "the last query was not iterated in partitions"
    expected = [] if none else [int(n) for n in re.split(r", | and ", sizes or "")]
    actual = [len(part) for part in returned.partitions]
    assert actual == expected, f"the partitions held {actual} users"


@then(r'the driver (?:warned "(?P<fragment>[^"]+)"|(?P<silent>did not warn)) during the iteration')
def driver_warned(world: SpecWorld, fragment: str | None, silent: str | None) -> None:
    returned = world.last(OutcomeKind.QUERY).value
    assert isinstance(returned, Partitioned), "the last query was not iterated in partitions"
    said = returned.driver_warnings
    if silent:
        assert not said, f"the driver warned {said}"
    else:
        assert any(fragment in text for text in said), f"the driver warned {said or 'nothing'}"


# -- what a load left unloaded, and identity tokens ----------------------------------------------
@then(r"the unloaded columns of {obj} are (?:(?P<none>none)|{attrs})")
def unloaded_columns(
    world: SpecWorld, obj: ObjectName, attrs: list[str] | None, none: str | None
) -> None:
    state = inspect(world.obj(obj))
    columns = {attr.key for attr in state.mapper.column_attrs}
    unloaded = sorted(state.unloaded & columns)
    assert unloaded == sorted(attrs or []), f"the unloaded columns of {obj} are {unloaded}"


@then(
    r'the object returned has (?:the identity token "(?P<token>\w+)"|(?P<none>no) identity token)'
)
def identity_token(world: SpecWorld, token: str | None, none: str | None) -> None:
    returned = world.last(OutcomeKind.LOAD).value
    key = inspect(returned).identity_key
    assert key is not None, f"{returned!r} has no identity key"
    assert key[2] == token, f"the identity key of {returned!r} is {key!r}"


@action(
    r'I load the user named "(?P<name>[^"]+)" with lazyload\(posts\.and_\(or_\('
    r'title == "(?P<first>[^"]+)", title == "(?P<second>[^"]+)"\)\)\) and read (?:her|the) posts',
    OutcomeKind.READ,
)
def load_with_or_criteria(world: SpecWorld, name: str, first: str, second: str) -> list[Any]:
    """The posts of the users found (none when no user has the name), each lazy-loaded with the
    criteria; the statement is built anew each time, as application code does."""
    user, post = world.models.user, world.models.post
    criteria = or_(post.title == first, post.title == second)
    statement = select(user).where(user.name == name).options(lazyload(user.posts.and_(criteria)))
    io = world.io()
    users = io.scalars(statement).all()
    # the lazy load is the behaviour: under AsyncSession it runs where implicit IO may
    found = world.db.api.with_implicit_io(lambda: [p for u in users for p in u.posts], io.target)
    world.remember_loaded(found)
    return found


# -- loader criteria whose values change from one execution to the next --------------------------
# Each statement is built anew, as application code does; only its values differ, so the second
# execution takes its compiled form from the compiled cache and must bind its own values.
@action(
    r'I read the titles of a union\(\) of the posts titled like "(?P<first>[^"]+)" and those '
    r'titled like "(?P<second>[^"]+)", with with_loader_criteria on posts written by {user}',
    OutcomeKind.READ,
)
def read_union_titles(world: SpecWorld, first: str, second: str, user: ObjectName) -> list[Any]:
    """The titles, ordered, of a union() run through the session; the option limits every
    SELECT of posts in it to the user's."""
    post = world.models.post
    titles = union(
        select(post.title).where(post.title.like(first)),
        select(post.title).where(post.title.like(second)),
    ).order_by("title")
    criteria = with_loader_criteria(post, post.user_id == world.key_of(user))
    return list(world.io().scalars(titles.options(criteria)).all())


@action(
    r"I read the titles of the posts joined to the users ON a plain comparison "
    r"\(join\(Post, Post\.user_id == User\.id\)\), with with_loader_criteria on posts "
    r'titled like "(?P<pattern>[^"]+)"',
    OutcomeKind.READ,
)
def read_titles_join_plain_on(world: SpecWorld, pattern: str) -> list[Any]:
    """The ON clause names no relationship: the criteria must still reach the joined posts
    (2.0.22, #10365)."""
    user, post = world.models.user, world.models.post
    statement = (
        select(post.title)
        .select_from(user)
        .join(post, post.user_id == user.id)
        .order_by(post.title)
        .options(with_loader_criteria(post, post.title.like(pattern)))
    )
    return list(world.io().scalars(statement).all())


@action(
    r'I load the user named "(?P<name>[^"]+)" from an aliased subquery with '
    r"selectinload\(alias\.posts\.and_\(Post\.user_id == alias\.id\)\) and read (?:her|his) posts",
    OutcomeKind.READ,
)
def load_aliased_subquery_with_criteria(world: SpecWorld, name: str) -> list[Any]:
    """``alias = aliased(User, select(User).where(User.name == name).subquery())``: the
    criteria name the alias, so the SELECT of posts holds the subquery and its name value."""
    user, post = world.models.user, world.models.post
    alias = aliased(user, select(user).where(user.name == name).subquery())
    option = selectinload(alias.posts.and_(post.user_id == alias.id))
    users = world.io().scalars(select(alias).options(option)).all()
    world.remember_loaded(list(users))
    found = [p for u in users for p in u.posts]  # loaded by selectinload: no IO here
    world.remember_loaded(found)
    return found


@action(
    r"I select all users with two with_loader_criteria on users, each a correlated EXISTS: "
    r'they have a post titled like "(?P<wanted>[^"]+)", and none titled like "(?P<unwanted>[^"]+)"',
    OutcomeKind.QUERY,
)
def select_with_two_exists_criteria(world: SpecWorld, wanted: str, unwanted: str) -> list[Any]:
    """``select(Post.id).where(Post.user_id == User.id, ...).exists()``, once as it is and once
    negated: each refers to the User it filters."""
    user, post = world.models.user, world.models.post

    def posts_titled(pattern: str) -> Any:
        return select(post.id).where(post.user_id == user.id, post.title.like(pattern)).exists()

    statement = (
        select(user)
        .order_by(user.id)
        .options(
            with_loader_criteria(user, posts_titled(wanted)),
            with_loader_criteria(user, ~posts_titled(unwanted)),
        )
    )
    found = list(world.io().scalars(statement).all())
    world.remember_loaded(found)
    return found


@action(
    r"I select all users with with_loader_criteria\(User, User\.posts\.any\(\)\) and "
    r'with_loader_criteria\(Post, Post\.author\.has\(User\.name != "(?P<name>[^"]+)"\)\)',
    OutcomeKind.QUERY,
)
def select_with_mutual_criteria(world: SpecWorld, name: str) -> list[Any]:
    user, post = world.models.user, world.models.post
    statement = (
        select(user)
        .order_by(user.id)
        .options(
            with_loader_criteria(user, user.posts.any()),
            with_loader_criteria(post, post.author.has(user.name != name)),
        )
    )
    found = list(world.io().scalars(statement).all())
    world.remember_loaded(found)
    return found
