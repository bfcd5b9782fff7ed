"""Relationships whose target is a class hierarchy: a user's posts of several kinds.

A post is a plain post, an article (with a summary) or a review (with a rating, reviewing one
article); each kind keeps its own columns in a table of its own, joined to the common row of
``posts_of_kinds`` (joined-table inheritance). Every post, of any kind, has an author (a
relationship declared once, on the base class) and attachments, themselves of several kinds: an
image with a caption, a link with a url. So a relationship reaches a hierarchy from a plain class
(``user.posts``, ``post.attachments``) and from one subclass to another (``review.article``):
the paths along which ``of_type()``, ``with_polymorphic()`` and loader options chained under
them meet.

The seed's ``users`` table is mapped by a class of its own (``Writer``), as the blog does; the
other tables live on ``polymorphic_targets_metadata``, created once per run with the seed's.
Feature files choose the mapping with ``Given the model variant "posts of several kinds"``.
"""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, MetaData, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from orm_spec.models import Base

polymorphic_targets_metadata = MetaData()

_users: Table = Base.metadata.tables["users"]


class PolymorphicTargetsBase(DeclarativeBase):
    metadata = polymorphic_targets_metadata


def _label_repr(self: Any) -> str:
    label = self.__dict__.get("title", self.__dict__.get("name"))
    return f"{type(self).__name__}(id={self.__dict__.get('id')!r}, {label!r})"


class Writer(PolymorphicTargetsBase):
    """A user whose posts are of several kinds (the seed's users table)."""

    __table__ = _users
    __repr__ = _label_repr

    posts: Mapped[list[AnyPost]] = relationship(
        back_populates="author", cascade="all, delete-orphan", order_by="AnyPost.id"
    )


class AnyPost(PolymorphicTargetsBase):
    """A post of any kind: the base of the hierarchy, and a plain post itself."""

    __tablename__ = "posts_of_kinds"
    __repr__ = _label_repr

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey(_users.c.id), nullable=False)
    published_at: Mapped[datetime.datetime] = mapped_column(DateTime, default=datetime.datetime.now)

    # Declared on the base class: every kind of post has an author.
    author: Mapped[Writer] = relationship(back_populates="posts")
    attachments: Mapped[list[Attachment]] = relationship(
        cascade="all, delete-orphan", order_by="Attachment.id"
    )

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "post"}  # noqa: RUF012


class Article(AnyPost):
    """A post with a summary of its own."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(ForeignKey(AnyPost.id), primary_key=True)
    summary: Mapped[str | None] = mapped_column(String(200))

    __mapper_args__ = {"polymorphic_identity": "article"}  # noqa: RUF012


class Review(AnyPost):
    """A post rating an article: a relationship from one kind of post to another."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(ForeignKey(AnyPost.id), primary_key=True)
    rating: Mapped[int | None] = mapped_column(Integer)
    article_id: Mapped[int | None] = mapped_column(ForeignKey(Article.id))

    article: Mapped[Article | None] = relationship(foreign_keys=[article_id])

    __mapper_args__ = {"polymorphic_identity": "review"}  # noqa: RUF012


class Attachment(PolymorphicTargetsBase):
    """Something attached to a post, of several kinds; named by its file or page name."""

    __tablename__ = "attachments"
    __repr__ = _label_repr

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    post_id: Mapped[int] = mapped_column(ForeignKey(AnyPost.id), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "attachment"}  # noqa: RUF012


class Image(Attachment):
    """An attached image, with a caption."""

    __tablename__ = "images"

    id: Mapped[int] = mapped_column(ForeignKey(Attachment.id), primary_key=True)
    caption: Mapped[str | None] = mapped_column(String(200))

    __mapper_args__ = {"polymorphic_identity": "image"}  # noqa: RUF012


class Link(Attachment):
    """An attached link, with its url."""

    __tablename__ = "links"

    id: Mapped[int] = mapped_column(ForeignKey(Attachment.id), primary_key=True)
    url: Mapped[str | None] = mapped_column(String(200))

    __mapper_args__ = {"polymorphic_identity": "link"}  # noqa: RUF012


POST_KINDS: dict[str, type[AnyPost]] = {"post": AnyPost, "article": Article, "review": Review}
"""The kinds of post by the word feature files use."""
ATTACHMENT_KINDS: dict[str, type[Attachment]] = {"image": Image, "link": Link}
"""The kinds of attachment by the word feature files use."""
