"""Users and posts mapped as dataclasses (``MappedAsDataclass``), for what the unit of work does
with the defaults and collections a dataclass mapping declares.

A dataclass mapping writes its own tables (``__table__`` is refused for one), so each mapping
here has tables of its own on ``dataclass_metadata``, created with the seed's; each is named
for the one thing it adds, and chosen by its name in ``model_variants.DOMAINS``:

- ``DraftingUser`` / ``DraftablePost`` / ``Draft``: posts carry a ``status`` whose dataclass
  default is "published"; a ``Draft`` is a post (single-table inheritance on ``kind``) that
  declares the same column again (``use_existing_column=True``) with the default "draft".
- ``DefaultingUser`` / ``DefaultingPost``: users carry two fields left out of ``__init__``
  (``init=False``) with a column default: ``status`` the value "new", ``code`` a callable.
- ``SentinelUser`` / ``SentinelPost``: users carry an insert sentinel
  (``orm_insert_sentinel()``), the column that lets a batch INSERT with RETURNING match rows to
  parameters on a table whose key alone cannot.

``posts_keyed_by_title`` builds one more, on the seed's own tables, only when a scenario
chooses it: some releases refuse that mapping itself (#13718), and a mapping built at import
would keep the whole spec from importing there.
"""

from __future__ import annotations

import datetime
import warnings
from typing import Any

from sqlalchemy import ForeignKey, MetaData, String, Text
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    MappedAsDataclass,
    attribute_keyed_dict,
    mapped_column,
    orm_insert_sentinel,
    registry,
    relationship,
)

dataclass_metadata = MetaData()


def _label(obj: Any) -> str:
    label = obj.__dict__.get("title", obj.__dict__.get("name"))
    return f"{type(obj).__name__}(id={obj.__dict__.get('id')!r}, {label!r})"


class DraftsBase(MappedAsDataclass, DeclarativeBase):
    metadata = dataclass_metadata


class DraftingUser(DraftsBase):
    __tablename__ = "users_drafting"

    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    name: Mapped[str] = mapped_column(String(50))
    email: Mapped[str] = mapped_column(String(100), unique=True)
    posts: Mapped[list[DraftablePost]] = relationship(
        back_populates="author", cascade="all, delete-orphan", default_factory=list
    )

    __repr__ = _label


class DraftablePost(DraftsBase):
    __tablename__ = "posts_draftable"
    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "post"}  # noqa: RUF012

    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users_drafting.id"), init=False)
    kind: Mapped[str] = mapped_column(String(20), init=False)
    status: Mapped[str] = mapped_column(String(20), default="published")
    author: Mapped[DraftingUser | None] = relationship(back_populates="posts", default=None)

    __repr__ = _label


class Draft(DraftablePost):
    """A post not yet published: the status column again, with its own dataclass default."""

    __mapper_args__ = {"polymorphic_identity": "draft"}  # noqa: RUF012

    status: Mapped[str] = mapped_column(String(20), default="draft", use_existing_column=True)


def make_code() -> str:
    """The callable default of ``DefaultingUser.code``: the INSERT must call it, not bind it."""
    return "generated"


class DefaultsBase(MappedAsDataclass, DeclarativeBase):
    metadata = dataclass_metadata


# SQLAlchemy (2.0.30 to 2.1.9) deprecates a callable default= on a dataclass field as ambiguous
# (insert_default or default_factory say which) when the class is mapped; the form is the one
# #9936 is about, and KB87 says so. Kept out of every run's warnings: it is the mapping's,
# not a Session behaviour.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", r"Callable object passed to the ``default`` parameter")

    class DefaultingUser(DefaultsBase):
        __tablename__ = "users_defaulting"

        id: Mapped[int] = mapped_column(primary_key=True, init=False)
        name: Mapped[str] = mapped_column(String(50))
        email: Mapped[str] = mapped_column(String(100), unique=True)
        status: Mapped[str] = mapped_column(String(20), default="new", init=False)
        # A callable default= is what #9936 is about: still called at INSERT (KB87).
        code: Mapped[str] = mapped_column(String(20), default=make_code, init=False)
        posts: Mapped[list[DefaultingPost]] = relationship(
            back_populates="author", cascade="all, delete-orphan", default_factory=list
        )

        __repr__ = _label


class DefaultingPost(DefaultsBase):
    __tablename__ = "posts_defaulting"

    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users_defaulting.id"), init=False)
    author: Mapped[DefaultingUser | None] = relationship(back_populates="posts", default=None)

    __repr__ = _label


class SentinelBase(MappedAsDataclass, DeclarativeBase):
    metadata = dataclass_metadata


class SentinelUser(SentinelBase):
    __tablename__ = "users_with_sentinel"

    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    name: Mapped[str] = mapped_column(String(50))
    email: Mapped[str] = mapped_column(String(100), unique=True)
    # Its default is a column default the INSERT applies, not a value __init__ gives the object.
    _sentinel: Mapped[int] = orm_insert_sentinel()
    posts: Mapped[list[SentinelPost]] = relationship(
        back_populates="author", cascade="all, delete-orphan", default_factory=list
    )

    __repr__ = _label


class SentinelPost(SentinelBase):
    __tablename__ = "posts_with_sentinel"

    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users_with_sentinel.id"), init=False)
    author: Mapped[SentinelUser | None] = relationship(back_populates="posts", default=None)

    __repr__ = _label


def posts_keyed_by_title() -> tuple[type, type, registry]:
    """A dataclass User whose posts are a dict keyed by title, empty by default
    (``default_factory=dict``), on a registry of its own over the seed's ``users`` and
    ``posts`` (by name: its MetaData is never created, the seed's tables are). Only the columns
    the scenarios use are mapped; the rest keep their NULLs. Raises what the mapping raises,
    with the registry disposed of, so no later configure() meets half a mapping."""
    mapping = registry()

    class Base(MappedAsDataclass, DeclarativeBase):
        registry = mapping

    try:

        class UserWithPostsByTitle(Base):
            __tablename__ = "users"

            id: Mapped[int] = mapped_column(primary_key=True, init=False)
            name: Mapped[str] = mapped_column(String(50))
            email: Mapped[str] = mapped_column(String(100))
            is_active: Mapped[bool] = mapped_column(insert_default=True, init=False)
            created_at: Mapped[datetime.datetime] = mapped_column(
                insert_default=datetime.datetime.now, init=False
            )
            posts: Mapped[dict[str, PostByTitle]] = relationship(
                collection_class=attribute_keyed_dict("title"),
                back_populates="author",
                cascade="all, delete-orphan",
                default_factory=dict,
            )

            __repr__ = _label

        class PostByTitle(Base):
            __tablename__ = "posts"

            id: Mapped[int] = mapped_column(primary_key=True, init=False)
            title: Mapped[str] = mapped_column(String(200))
            content: Mapped[str] = mapped_column(Text)
            user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), init=False)
            published_at: Mapped[datetime.datetime] = mapped_column(
                insert_default=datetime.datetime.now, init=False
            )
            author: Mapped[UserWithPostsByTitle | None] = relationship(
                back_populates="posts", default=None
            )

            __repr__ = _label

        mapping.configure()
    except Exception:
        mapping.dispose()
        raise
    return UserWithPostsByTitle, PostByTitle, mapping
