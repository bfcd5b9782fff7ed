"""The tutorial's world, extended as far as the patterns beyond the seed need: tags on posts
(many-to-many, and an association object carrying a note), comments replying to comments (a
self-referential adjacency list), a user's profile (one-to-one), a post's details as JSON, and
users who pin one of their posts (two rows pointing at each other: post_update).

The seed's ``User`` and ``Post`` are not touched: the extended domain maps the seed's ``users``
and ``posts`` tables with classes of its own (``DOMAINS["the blog"]``), which add the
relationships; the new tables live on ``blog_metadata``. Each class is named for what it is.
"""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    and_,
    func,
    select,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.ext.mutable import MutableDict, MutableList, MutableSet
from sqlalchemy.orm import column_property, registry, relationship

from orm_spec.models import Base

blog_metadata = MetaData()

_users = Base.metadata.tables["users"]
_posts = Base.metadata.tables["posts"]

tags = Table(
    "tags",
    blog_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(50), nullable=False, unique=True),
)
post_tags = Table(
    "post_tags",
    blog_metadata,
    Column("post_id", Integer, ForeignKey(_posts.c.id), primary_key=True),
    Column("tag_id", Integer, ForeignKey(tags.c.id), primary_key=True),
)
"""The plain association table of Post.tags <-> Tag.posts (many-to-many)."""
taggings = Table(
    "taggings",
    blog_metadata,
    Column("post_id", Integer, ForeignKey(_posts.c.id), primary_key=True),
    Column("tag_id", Integer, ForeignKey(tags.c.id), primary_key=True),
    Column("note", String(100), nullable=True),
)
"""An association table with data of its own, mapped as the Tagging association object."""
comments = Table(
    "comments",
    blog_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("post_id", Integer, ForeignKey(_posts.c.id), nullable=False),
    Column("parent_id", Integer, ForeignKey("comments.id"), nullable=True),
    Column("text", String(200), nullable=False),
)
profiles = Table(
    "profiles",
    blog_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey(_users.c.id), nullable=False, unique=True),
    Column("bio", String(200), nullable=False),
)


class JSONSet(TypeDecorator[set[Any]]):
    """A set of strings stored as a sorted JSON list: JSON has no set, and MutableSet needs a
    type whose Python value is a set."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: set[Any] | None, dialect: Dialect) -> list[Any] | None:
        return None if value is None else sorted(value)

    def process_result_value(self, value: list[Any] | None, dialect: Dialect) -> set[Any] | None:
        return None if value is None else set(value)


post_details = Table(
    "post_details",
    blog_metadata,
    Column("post_id", Integer, ForeignKey(_posts.c.id), primary_key=True),
    # Plain JSON: SQLAlchemy sees a change only when the attribute is assigned anew;
    # MutableDict also sees a change made inside the dict.
    Column("meta", JSON, nullable=True),
    Column("tracked_meta", MutableDict.as_mutable(JSON), nullable=True),  # type: ignore[arg-type]
    # A post's keywords (a JSON list) and labels (a set), tracked in place the same way.
    Column("keywords", MutableList.as_mutable(JSON), nullable=True),  # type: ignore[arg-type]
    Column("labels", MutableSet.as_mutable(JSONSet), nullable=True),  # type: ignore[arg-type]
)


def _named(name: str, doc: str, label: str) -> type:
    def __repr__(self: Any) -> str:
        return f"{name}({self.__dict__.get(label)!r})"

    return type(name, (), {"__doc__": doc, "__repr__": __repr__})


BlogUser = _named("BlogUser", "A user of the extended domain: posts, a profile, pins", "name")
BlogPost = _named("BlogPost", "A post with tags, taggings, comments and details", "title")
Tag = _named("Tag", "A tag many posts share", "name")
Tagging = _named("Tagging", "A post tagged with a tag, with a note (association object)", "note")
Comment = _named("Comment", "A comment on a post, or a reply to another comment", "text")
Profile = _named("Profile", "A user's one profile (one-to-one)", "bio")
PostDetail = _named(
    "PostDetail", "A post's details: JSON metadata (plain and tracked), keywords, labels", "meta"
)


def _signature(self: Any) -> Any:
    return f"{self.name} <{self.email}>"


def _signature_sql(cls: Any) -> Any:
    return cls.name + " <" + cls.email + ">"


blog_registry = registry()
blog_registry.map_imperatively(
    BlogUser,
    _users,
    properties={
        # The seed's User.posts maps the same foreign key: the two never meet in one session.
        "posts": relationship(
            BlogPost,
            back_populates="author",
            cascade="all, delete-orphan",
            order_by=_posts.c.id,
            overlaps="author, posts",
        ),
        "posts_by_title": relationship(BlogPost, viewonly=True, order_by=_posts.c.title),
        "profile": relationship(
            Profile, back_populates="user", uselist=False, cascade="all, delete-orphan"
        ),
        "post_count": column_property(
            select(func.count(_posts.c.id)).where(_posts.c.user_id == _users.c.id).scalar_subquery()
        ),
    },
)
# A hybrid: Python on an instance, SQL in a query ("Alice <alice@example.com>").
BlogUser.signature = hybrid_property(_signature).expression(_signature_sql)  # type: ignore[attr-defined]
blog_registry.map_imperatively(
    BlogPost,
    _posts,
    properties={
        "author": relationship(BlogUser, back_populates="posts", overlaps="author, posts"),
        "tags": relationship(
            Tag, secondary=post_tags, back_populates="posts", order_by=tags.c.name
        ),
        "taggings": relationship(Tagging, back_populates="post", cascade="all, delete-orphan"),
        # A many-to-many with extra criteria in its primaryjoin: only the taggings noting
        # "featured" link a post to its featured tags (viewonly: it writes no taggings rows).
        "featured_tags": relationship(
            Tag,
            secondary=taggings,
            primaryjoin=and_(_posts.c.id == taggings.c.post_id, taggings.c.note == "featured"),
            secondaryjoin=tags.c.id == taggings.c.tag_id,
            order_by=tags.c.name,
            viewonly=True,
        ),
        "comments": relationship(
            Comment,
            back_populates="post",
            cascade="all, delete-orphan",
            order_by=comments.c.id,
            primaryjoin=_posts.c.id == comments.c.post_id,
        ),
        "detail": relationship(
            PostDetail, uselist=False, back_populates="post", cascade="all, delete-orphan"
        ),
    },
)
blog_registry.map_imperatively(
    Tag,
    tags,
    properties={
        "posts": relationship(BlogPost, secondary=post_tags, back_populates="tags"),
        "taggings": relationship(Tagging, back_populates="tag", overlaps="taggings"),
    },
)
blog_registry.map_imperatively(
    Tagging,
    taggings,
    properties={
        "post": relationship(BlogPost, back_populates="taggings"),
        "tag": relationship(Tag, back_populates="taggings"),
    },
)
blog_registry.map_imperatively(
    Comment,
    comments,
    properties={
        "post": relationship(BlogPost, back_populates="comments"),
        # The adjacency list: replies point at their parent through parent_id; remote_side
        # tells SQLAlchemy which side of the self-join is the parent.
        "parent": relationship(Comment, back_populates="replies", remote_side=[comments.c.id]),
        "replies": relationship(
            Comment, back_populates="parent", cascade="all, delete-orphan", order_by=comments.c.id
        ),
    },
)
blog_registry.map_imperatively(
    Profile, profiles, properties={"user": relationship(BlogUser, back_populates="profile")}
)
blog_registry.map_imperatively(
    PostDetail, post_details, properties={"post": relationship(BlogPost, back_populates="detail")}
)

# -- users who pin one of their posts: two rows that point at each other ------------------------
pinning_users = Table(
    "users_pinning",
    blog_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(50), nullable=False),
    Column("email", String(100), nullable=False, unique=True),
    Column("created_at", DateTime, default=datetime.datetime.now),
    # use_alter: the two tables' foreign keys form a cycle, so this one is added after both.
    Column(
        "pinned_post_id",
        Integer,
        ForeignKey("posts_pinned.id", use_alter=True, name="fk_pinned_post"),
        nullable=True,
    ),
)
pinned_posts = Table(
    "posts_pinned",
    blog_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(200), nullable=False),
    Column("content", Text, nullable=False),
    Column("user_id", Integer, ForeignKey(pinning_users.c.id), nullable=False),
    Column("published_at", DateTime, default=datetime.datetime.now),
)


PinningUser = _named("PinningUser", "A user who pins one of their posts", "name")
PinnedPost = _named("PinnedPost", "A post of a user who pins one", "title")

pinning_registry = registry()
pinning_registry.map_imperatively(
    PinningUser,
    pinning_users,
    properties={
        "posts": relationship(
            PinnedPost,
            back_populates="author",
            cascade="all, delete-orphan",
            foreign_keys=[pinned_posts.c.user_id],
        ),
        # The user row points at a post that points back at the user: post_update writes this
        # side with a second UPDATE, after both rows exist (or before either is deleted).
        "pinned_post": relationship(
            PinnedPost, foreign_keys=[pinning_users.c.pinned_post_id], post_update=True
        ),
    },
)
pinning_registry.map_imperatively(
    PinnedPost,
    pinned_posts,
    properties={
        "author": relationship(
            PinningUser, back_populates="posts", foreign_keys=[pinned_posts.c.user_id]
        )
    },
)

# -- the same pins, seen from the post too: a post knows the users who pinned it ----------------
PinningUserSeen = _named("PinningUserSeen", "A user who pins a post that knows it", "name")
PostPinnedBy = _named("PostPinnedBy", "A post that knows the users who pinned it", "title")

# Both mappings of these tables write the same columns: intended, a scenario uses one of them.
_PIN_OVERLAPS = "author, posts, pinned_post"
pinned_by_registry = registry()
pinned_by_registry.map_imperatively(
    PinningUserSeen,
    pinning_users,
    properties={
        "posts": relationship(
            PostPinnedBy,
            back_populates="author",
            cascade="all, delete-orphan",
            foreign_keys=[pinned_posts.c.user_id],
            overlaps=_PIN_OVERLAPS,
        ),
        # post_update on both sides: deleting the post clears, with a post-update UPDATE, the
        # pins of the users pinned_by still holds.
        "pinned_post": relationship(
            PostPinnedBy,
            foreign_keys=[pinning_users.c.pinned_post_id],
            post_update=True,
            back_populates="pinned_by",
            overlaps=_PIN_OVERLAPS,
        ),
    },
)
pinned_by_registry.map_imperatively(
    PostPinnedBy,
    pinned_posts,
    properties={
        "author": relationship(
            PinningUserSeen,
            back_populates="posts",
            foreign_keys=[pinned_posts.c.user_id],
            overlaps=_PIN_OVERLAPS,
        ),
        "pinned_by": relationship(
            PinningUserSeen,
            foreign_keys=[pinning_users.c.pinned_post_id],
            back_populates="pinned_post",
            post_update=True,
            overlaps=_PIN_OVERLAPS,
        ),
    },
)
