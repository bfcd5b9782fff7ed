"""Relationships narrowed with of_type(): to one kind of a class hierarchy, to every kind at once
(with_polymorphic), or to an alias of their target; and the posts of several kinds they reach.

Loader options are written as Python writes them, against the class the option starts from:
``joinedload(posts.of_type(Article).and_(summary == "..."))``,
``joinedload(posts.of_type(with_polymorphic(Post, "*"))).selectinload(Review.article)``,
``subqueryload(posts.of_type(aliased(Post))).options(undefer(content))``. A class is named as
the domain names it (User, Post, Tag, Attachment) or by the name of a subclass in the
scenario's mapping (Article, Review, Image); ``with_polymorphic(X, "*")`` is built with
``flat=True``, as a relationship's target is, and a subclass attribute chained after it
(``Review.article``) is taken from that very entity (``poly.Review.article``), as SQLAlchemy's
documentation writes it. Each load names every object it loaded along the way, without IO, so
Then steps can ask what a load left unloaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import (
    Session,
    aliased,
    joinedload,
    selectinload,
    subqueryload,
    undefer,
    with_polymorphic,
)

from orm_spec.domain import KINDS, AuthoringError, ObjectName
from orm_spec.steps.kit import action, given
from orm_spec.steps.relationships import existing_row, save_new
from orm_spec.world import OutcomeKind, SpecWorld

_CLASS = r"[A-Z]\w*"
_TARGET = rf'aliased\({_CLASS}\)|with_polymorphic\({_CLASS}, "\*"\)|{_CLASS}'
"""What of_type() is given: a class, an alias of one, or a class with every subclass."""
_LOADERS: dict[str, Callable[[Any], Any]] = {
    "joinedload": joinedload,
    "selectinload": selectinload,
    "subqueryload": subqueryload,
}


# -- names resolved against the scenario's mapping -----------------------------------------------
def mapped_class(world: SpecWorld, name: str) -> type:
    """A kind's class (Post: the scenario's post class) or a subclass of one, by its name."""
    kind = KINDS.get(name.lower())
    if kind is not None:
        return world.model(kind)
    for _, cls in world.models.classes():
        for mapper in inspect(cls).self_and_descendants:
            if mapper.class_.__name__ == name:
                return mapper.class_  # type: ignore[no-any-return]
    raise AuthoringError(
        f"{name} names no class of this mapping: write a kind (User, Post, Tag, Attachment) or "
        "a subclass of one (Article, Review, Image, Link)"
    )


def attribute(entity: Any, name: str) -> Any:
    if not hasattr(entity, name):
        raise AuthoringError(f"{entity!r} has no attribute {name!r}")
    return getattr(entity, name)


def of_type_target(world: SpecWorld, written: str) -> Any:
    """``Article``, ``aliased(Post)`` or ``with_polymorphic(Post, "*")`` as the entity."""
    how = rf'(?P<how>aliased|with_polymorphic)\((?P<cls>{_CLASS})(?:, "\*")?\)'
    found = re.fullmatch(how, written)
    if found is None:
        return mapped_class(world, written)
    cls = mapped_class(world, found["cls"])
    return aliased(cls) if found["how"] == "aliased" else with_polymorphic(cls, "*", flat=True)


def subclass_attribute(entity: Any, written: str) -> Any:
    """``Review.article`` on a with_polymorphic entity: its ``entity.Review.article``."""
    cls, _, attr = written.partition(".")
    return attribute(attribute(entity, cls), attr)


def remember_graph(world: SpecWorld, found: Any) -> None:
    """Name every object a load returned and every object reachable from it through the
    relationships that load filled in, reading only what is already loaded."""
    pending = list(found) if isinstance(found, list) else [found]
    seen: set[int] = set()
    while pending:
        obj = pending.pop()
        if obj is None or id(obj) in seen:
            continue
        seen.add(id(obj))
        world.remember_loaded(obj)
        state = inspect(obj)
        for relationship in state.mapper.relationships:
            value = state.dict.get(relationship.key)
            pending.extend(value if isinstance(value, list) else [value])


def _load(world: SpecWorld, obj: ObjectName, option: Any) -> Any:
    found = world.io().scalars(world.lookup(obj).options(option)).unique().one()
    world.remember(obj, found)
    remember_graph(world, found)
    return found


# -- posts of several kinds, and their attachments -----------------------------------------------
def _write(world: SpecWorld, build: Callable[[Session], Any]) -> None:
    world.in_fresh_session(lambda session: save_new(world, session, [build(session)]))


@given(r'{user} has written the article {post} summarised as "(?P<summary>[^"]*)"')
def wrote_article(world: SpecWorld, user: ObjectName, post: ObjectName, summary: str) -> None:
    def build(session: Session) -> Any:
        author = existing_row(world, session, user)
        content = f"{post.label}, by {user.label}."
        return mapped_class(world, "Article")(
            title=post.label, content=content, summary=summary, author=author
        )

    _write(world, build)


@given(r"{user} has written the review {post} of {article:post}")
def wrote_review(world: SpecWorld, user: ObjectName, post: ObjectName, article: ObjectName) -> None:
    def build(session: Session) -> Any:
        author = existing_row(world, session, user)
        reviewed = existing_row(world, session, article)
        content = f"{post.label}, by {user.label}."
        return mapped_class(world, "Review")(
            title=post.label, content=content, article=reviewed, author=author
        )

    _write(world, build)


@given(
    r'{post} has the (?:image attachment "(?P<image>[^"]+)" captioned'
    r'|link attachment "(?P<link>[^"]+)" pointing to) "(?P<text>[^"]*)"'
)
def has_attachment(
    world: SpecWorld, post: ObjectName, image: str | None, link: str | None, text: str
) -> None:
    def build(session: Session) -> Any:
        owner = existing_row(world, session, post)
        if image is not None:
            owner.attachments.append(mapped_class(world, "Image")(name=image, caption=text))
        else:
            owner.attachments.append(mapped_class(world, "Link")(name=link, url=text))
        return owner

    _write(world, build)


# -- loading along of_type() ---------------------------------------------------------------------
@action(
    rf"I select all posts of every kind with joinedload\((?P<first>{_CLASS}\.[a-z_]+)\)"
    rf"\.joinedload\((?P<cls>{_CLASS})\.(?P<second>[a-z_]+)\)",
    OutcomeKind.QUERY,
)
def select_every_kind(world: SpecWorld, first: str, cls: str, second: str) -> list[Any]:
    """select(with_polymorphic(Post, "*", flat=True)): each row loaded as its own kind; the
    first option starts from a subclass of that entity (poly.Review.article)."""
    poly = with_polymorphic(world.models.post, "*", flat=True)
    option = joinedload(subclass_attribute(poly, first)).joinedload(
        attribute(mapped_class(world, cls), second)
    )
    statement = select(poly).order_by(poly.id).options(option)
    found = list(world.io().scalars(statement).unique().all())
    remember_graph(world, found)
    return found


@action(
    rf"I load {{user}} with (?P<loader>joinedload|selectinload|subqueryload)\((?P<rel>[a-z_]+)"
    rf"\.of_type\((?P<cls>{_CLASS})\)\.and_\({{attr}} == {{value}}\)\)",
    OutcomeKind.LOAD,
)
def load_of_type_with_criteria(
    world: SpecWorld, user: ObjectName, loader: str, rel: str, cls: str, attr: str, value: Any
) -> Any:
    """The relationship narrowed to one subclass, with criteria on a column of that subclass."""
    target = mapped_class(world, cls)
    path = attribute(world.models.user, rel).of_type(target)
    option = _LOADERS[loader](path.and_(attribute(target, attr) == value))
    return _load(world, user, option)


@action(
    rf"I load {{user}} with joinedload\((?P<rel>[a-z_]+)\)\.options\(joinedload\("
    rf"(?P<nested>[a-z_]+)\.of_type\((?P<target>{_TARGET})\)\)\)",
    OutcomeKind.LOAD,
)
def load_nested_of_type(
    world: SpecWorld, user: ObjectName, rel: str, nested: str, target: str
) -> Any:
    """An option nested with .options() under joinedload(), narrowed with of_type()."""
    outer = attribute(world.models.user, rel)
    inner = attribute(outer.property.mapper.class_, nested)
    option = joinedload(outer).options(joinedload(inner.of_type(of_type_target(world, target))))
    return _load(world, user, option)


@action(
    rf"I load {{user}} with joinedload\((?P<rel>[a-z_]+)\.of_type\("
    rf'with_polymorphic\((?P<cls>{_CLASS}), "\*"\)\)\)'
    rf"\.selectinload\((?P<chained>{_CLASS}\.[a-z_]+)\)",
    OutcomeKind.LOAD,
)
def load_chained_after_every_kind(
    world: SpecWorld, user: ObjectName, rel: str, cls: str, chained: str
) -> Any:
    """selectinload() chained after joinedload(rel.of_type(poly)), from a subclass of poly."""
    poly = with_polymorphic(mapped_class(world, cls), "*", flat=True)
    path = attribute(world.models.user, rel).of_type(poly)
    option = joinedload(path).selectinload(subclass_attribute(poly, chained))
    return _load(world, user, option)


@action(
    rf"I load {{obj}}(?: again)? with (?P<loader>selectinload|subqueryload)\((?P<rel>[a-z_]+)"
    rf"\.of_type\(aliased\((?P<cls>{_CLASS})\)\)\)"
    rf"(?:\.options\(undefer\((?P<column>[a-z_]+)\)\))?",
    OutcomeKind.LOAD,
)
def load_of_type_alias(
    world: SpecWorld, obj: ObjectName, loader: str, rel: str, cls: str, column: str | None
) -> Any:
    """The relationship's target aliased, a new aliased() on every load, as a function that
    builds the statement makes it; an option nested under it names the alias's column."""
    alias = aliased(mapped_class(world, cls))
    option = _LOADERS[loader](attribute(world.model(obj.kind), rel).of_type(alias))
    if column is not None:
        option = option.options(undefer(attribute(alias, column)))
    return _load(world, obj, option)
