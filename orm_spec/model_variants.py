"""Variants of the seed models, each named for the one thing it changes.

A variant that only changes ORM configuration (cascade, loader strategy) maps the seed's own
``users`` and ``posts`` tables through a registry of its own, so it needs no extra schema. A
variant that needs other columns or constraints gets tables of its own on ``variant_metadata``.
Every table here is created once per backend per run, with the seed's tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import MetaData
from sqlalchemy.orm import registry, relationship

from orm_spec.models import Base, Post, User

variant_metadata = MetaData()

_seed_users = Base.metadata.tables["users"]
_seed_posts = Base.metadata.tables["posts"]

# Same tables, other relationship configuration: mapped imperatively so the column definitions
# stay the seed's and cannot drift from them.
_without_delete_orphan = registry()


class UserWithoutDeleteOrphan:
    """A User whose posts cascade "all" but not "delete-orphan"."""

    def __repr__(self) -> str:
        return f"UserWithoutDeleteOrphan(id={self.id!r}, name={self.name!r})"  # type: ignore[attr-defined]


class PostOfUserWithoutDeleteOrphan:
    def __repr__(self) -> str:
        return f"PostOfUserWithoutDeleteOrphan(id={self.id!r}, title={self.title!r})"  # type: ignore[attr-defined]


_without_delete_orphan.map_imperatively(
    UserWithoutDeleteOrphan,
    _seed_users,
    properties={
        "posts": relationship(PostOfUserWithoutDeleteOrphan, back_populates="author", cascade="all")
    },
)
_without_delete_orphan.map_imperatively(
    PostOfUserWithoutDeleteOrphan,
    _seed_posts,
    properties={"author": relationship(UserWithoutDeleteOrphan, back_populates="posts")},
)

# -- variants for object states, expunge, scoped_session ---------------------------------------

# -- variants for the unit of work, autoflush, defaults, bulk statements --------------------------

# -- variants for transactions and expiry ---------------------------------------------------------

# -- variants for merge, cascades, optimistic concurrency, events ---------------------------------

# -- variants for loading strategies and version differences --------------------------------------

# -- variants for backend divergences -------------------------------------------------------------

ALL_METADATA: tuple[MetaData, ...] = (Base.metadata, variant_metadata)
"""Every MetaData whose tables the spec's schema holds, in creation order."""


@dataclass(frozen=True)
class DomainModels:
    """The user and post classes a scenario works with."""

    user: type
    post: type


DOMAINS: dict[str, DomainModels] = {
    "seed": DomainModels(User, Post),
    "without delete-orphan": DomainModels(UserWithoutDeleteOrphan, PostOfUserWithoutDeleteOrphan),
}
"""Model sets by the name feature files use for them ("the posts cascade ... without ...")."""
