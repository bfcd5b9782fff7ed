"""Variants of the seed models, each named for the one thing it changes.

A variant that only changes ORM configuration (cascade, loader strategy, a deferred column) maps
the seed's own ``users`` and ``posts`` tables through a registry of its own, so it needs no extra
schema and its column definitions cannot drift from the seed's. A variant that needs other DDL
(a server default, a version column, ON DELETE CASCADE) gets tables of its own on
``variant_metadata``, created once per backend per run with the seed's tables.

Feature files choose a variant by its name in ``DOMAINS``:
``Given the model variant "posts with passive_deletes and ON DELETE CASCADE"``.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import random
import warnings
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    FetchedValue,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    event,
    inspect,
    true,
)
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import (
    attribute_keyed_dict,
    composite,
    deferred,
    query_expression,
    reconstructor,
    registry,
    relationship,
    validates,
)

from orm_spec.domain import DomainModels
from orm_spec.models import Base, Post, User
from orm_spec.models_blog import (
    BlogPost,
    BlogUser,
    Comment,
    PinnedPost,
    PinningUser,
    PinningUserSeen,
    PostPinnedBy,
    Profile,
    Tag,
    blog_metadata,
    blog_registry,
    pinned_by_registry,
    pinning_registry,
)
from orm_spec.models_dataclasses import (
    DefaultingPost,
    DefaultingUser,
    DefaultsBase,
    DraftablePost,
    DraftingUser,
    DraftsBase,
    SentinelBase,
    SentinelPost,
    SentinelUser,
    dataclass_metadata,
    posts_keyed_by_title,
)
from orm_spec.models_inheritance import (
    Contributors,
    contributors,
    inheritance_metadata,
    map_contributors,
)
from orm_spec.models_polymorphic_targets import (
    AnyPost,
    Attachment,
    PolymorphicTargetsBase,
    Writer,
    polymorphic_targets_metadata,
)
from orm_spec.models_types import Record, TypesBase, types_metadata

variant_metadata = MetaData()

_seed_users = Base.metadata.tables["users"]
_seed_posts = Base.metadata.tables["posts"]

OVERLAPS = "author, posts"


def _model_class(name: str, doc: str, bases: tuple[type, ...] = ()) -> type:
    def __repr__(self: Any) -> str:
        label = self.__dict__.get("title", self.__dict__.get("name"))
        return f"{name}(id={self.__dict__.get('id')!r}, {label!r})"

    return type(name, bases, {"__doc__": doc, "__repr__": __repr__})


def _variant(
    name: str,
    doc: str,
    users: Table = _seed_users,
    posts: Table = _seed_posts,
    posts_options: dict[str, Any] | None = None,
    post_properties: dict[str, Any] | None = None,
    user_properties: dict[str, Any] | None = None,
    user_mapper_options: dict[str, Any] | None = None,
    bases: tuple[type, ...] = (),
    back_populates: bool = True,
) -> DomainModels:
    """A User/Post pair on its own registry, differing from the seed only as the arguments say
    (``back_populates=False``: user.posts and post.author each change on their own)."""
    user_cls = _model_class(f"User{name}", doc, bases)
    post_cls = _model_class(f"Post{name}", doc, bases)
    mapping = registry()
    # Several variants map the same tables: "overlaps" tells SQLAlchemy that their relationships
    # writing posts.user_id is intended (each scenario uses one variant only).
    posts_options = {"cascade": "all, delete-orphan", "overlaps": OVERLAPS, **(posts_options or {})}
    users_side = {"back_populates": "author"} if back_populates else {}
    posts_side = {"back_populates": "posts"} if back_populates else {}
    mapping.map_imperatively(
        user_cls,
        users,
        properties={
            "posts": relationship(post_cls, **users_side, **posts_options),
            **(user_properties or {}),
        },
        **(user_mapper_options or {}),
    )
    mapping.map_imperatively(
        post_cls,
        posts,
        properties={
            "author": relationship(user_cls, **posts_side, overlaps=OVERLAPS),
            **(post_properties or {}),
        },
    )
    return DomainModels(user_cls, post_cls, _configure(mapping))


def _configure(mapping: registry) -> tuple[warnings.WarningMessage, ...]:
    """Configure the mappers now and keep what SQLAlchemy warned: configuration happens once
    per process, and a scenario choosing the mapping must see the same warnings every time."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mapping.configure()
    return tuple(caught)


# The blog's mapping writes the same comment columns: each scenario uses one mapping only.
_COMMENT_OVERLAPS = "comments, post, parent, replies"


def _comments_loaded_immediately() -> DomainModels:
    """Users, posts and their comments on a registry of their own over the blog's tables, with
    the adjacency list (comment.parent, comment.replies) loaded by lazy="immediate" both ways."""
    user_cls = _model_class("UserImmediateComments", "a user whose posts have comments")
    post_cls = _model_class("PostImmediateComments", "a post whose comments load immediately")
    comment_cls = type(
        "CommentImmediate",
        (),
        {
            "__doc__": "a comment whose parent and replies load immediately",
            "__repr__": lambda self: f"CommentImmediate({self.__dict__.get('text')!r})",
        },
    )
    comments = blog_metadata.tables["comments"]
    mapping = registry()
    mapping.map_imperatively(
        user_cls,
        _seed_users,
        properties={
            "posts": relationship(post_cls, back_populates="author", overlaps=OVERLAPS),
        },
    )
    mapping.map_imperatively(
        post_cls,
        _seed_posts,
        properties={
            "author": relationship(user_cls, back_populates="posts", overlaps=OVERLAPS),
            "comments": relationship(
                comment_cls, back_populates="post", overlaps=_COMMENT_OVERLAPS
            ),
        },
    )
    mapping.map_imperatively(
        comment_cls,
        comments,
        properties={
            "post": relationship(post_cls, back_populates="comments", overlaps=_COMMENT_OVERLAPS),
            "parent": relationship(
                comment_cls,
                back_populates="replies",
                remote_side=[comments.c.id],
                lazy="immediate",
                overlaps=_COMMENT_OVERLAPS,
            ),
            "replies": relationship(
                comment_cls,
                back_populates="parent",
                order_by=comments.c.id,
                lazy="immediate",
                overlaps=_COMMENT_OVERLAPS,
            ),
        },
    )
    return DomainModels(user_cls, post_cls, _configure(mapping), others=(("comment", comment_cls),))


def _user_columns(*extra: Column[Any]) -> list[Column[Any]]:
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("name", String(50), nullable=False),
        Column("email", String(100), nullable=False, unique=True),
        Column("created_at", DateTime, default=datetime.datetime.now),
        *extra,
    ]


def _post_columns(users: str, *, nullable: bool = False, **fk: Any) -> list[Column[Any]]:
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("title", String(200), nullable=False),
        Column("content", Text, nullable=False),
        Column("user_id", Integer, ForeignKey(f"{users}.id", **fk), nullable=nullable),
        Column("published_at", DateTime, default=datetime.datetime.now),
    ]


class _RecordsConstruction:
    """Notes on each object what ran to build it (``constructed_by``): ``__init__`` when
    application code creates it, ``@reconstructor`` and the ``load`` event when a query
    builds it from a row (the ORM never calls ``__init__`` for a loaded object)."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.setdefault("constructed_by", []).append("__init__")
        for key, value in values.items():
            setattr(self, key, value)

    @reconstructor
    def _reconstruct(self) -> None:
        self.__dict__.setdefault("constructed_by", []).append("the reconstructor")


def _on_load(target: Any, context: Any) -> None:
    target.__dict__.setdefault("constructed_by", []).append("the load event")


def _with_load_listener(models: DomainModels) -> DomainModels:
    event.listen(models.user, "load", _on_load)
    return models


# is_active filled in by the database, not by Python: what the ORM does to learn the value.
_sd_users = Table(
    "users_server_default",
    variant_metadata,
    *_user_columns(Column("is_active", Boolean, server_default=true(), nullable=False)),
)
_sd_posts = Table("posts_server_default", variant_metadata, *_post_columns("users_server_default"))

# A version counter the ORM checks in every UPDATE and DELETE (optimistic concurrency).
_versioned_users = Table(
    "users_versioned",
    variant_metadata,
    *_user_columns(
        Column("is_active", Boolean, default=True),
        Column("version_id", Integer, nullable=False),
    ),
)
_versioned_posts = Table("posts_versioned", variant_metadata, *_post_columns("users_versioned"))

# A table that tells SQLAlchemy not to use RETURNING for its INSERTs: the new keys come back
# another way (cursor.lastrowid, or a sequence fetched first), one INSERT per row.
_no_returning_users = Table(
    "users_no_returning",
    variant_metadata,
    *_user_columns(Column("is_active", Boolean, default=True)),
    implicit_returning=False,
)
_no_returning_posts = Table(
    "posts_no_returning", variant_metadata, *_post_columns("users_no_returning")
)

# A column the database sets on every UPDATE (a trigger's, ON UPDATE's): the ORM cannot know the
# new value, so an UPDATE that changes the row expires it on the objects it matched.
_onupdate_users = Table(
    "users_server_onupdate",
    variant_metadata,
    *_user_columns(
        Column("is_active", Boolean, default=True),
        Column("revision", String(50), server_onupdate=FetchedValue(), nullable=True),
    ),
)
_onupdate_posts = Table(
    "posts_server_onupdate", variant_metadata, *_post_columns("users_server_onupdate")
)


# A key the application computes from the row (a Python-side default on the primary key): the
# INSERT makes it, so a new object's identity is known only once it is flushed.
def _key_from_name(context: Any) -> int:
    name = context.get_current_parameters()["name"]
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:3], "big")


_named_key_users = Table(
    "users_keyed_by_name",
    variant_metadata,
    Column("id", Integer, primary_key=True, autoincrement=False, default=_key_from_name),
    *_user_columns(Column("is_active", Boolean, default=True))[1:],
)
_named_key_posts = Table(
    "posts_keyed_by_name", variant_metadata, *_post_columns("users_keyed_by_name")
)

# The database deletes a user's posts itself (where it enforces foreign keys).
_pd_users = Table(
    "users_cascading", variant_metadata, *_user_columns(Column("is_active", Boolean, default=True))
)
_pd_posts = Table(
    "posts_cascading", variant_metadata, *_post_columns("users_cascading", ondelete="CASCADE")
)

# The same, with a user_id that may be NULL: where the ORM sets a post's key to NULL the row stays,
# so what the ORM did (null it out, leave it to ON DELETE CASCADE) shows in the rows left.
_pn_users = Table(
    "users_cascading_nullable",
    variant_metadata,
    *_user_columns(Column("is_active", Boolean, default=True)),
)
_pn_posts = Table(
    "posts_cascading_nullable",
    variant_metadata,
    *_post_columns("users_cascading_nullable", nullable=True, ondelete="CASCADE"),
)

_NULLABLE_WITHOUT_DELETE = (
    "posts with ON DELETE CASCADE and a nullable user_id, without delete cascade"
)
_NO_SAVE_UPDATE = "merge, refresh-expire, expunge, delete"
"""Every cascade "all" names but save-update."""


# Users keyed by (account, id), as in a multi-tenant schema; a post names its author by both
# columns, each nullable: a post with an account but no user_id has a partly NULL foreign key.
_account_users = Table(
    "users_by_account",
    variant_metadata,
    Column("account", Integer, primary_key=True, autoincrement=False),
    Column("id", Integer, primary_key=True, autoincrement=False),
    *_user_columns(Column("is_active", Boolean, default=True))[1:],
)
_account_posts = Table(
    "posts_by_account",
    variant_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(200), nullable=False),
    Column("content", Text, nullable=False),
    Column("account", Integer, nullable=True),
    Column("user_id", Integer, nullable=True),
    Column("published_at", DateTime, default=datetime.datetime.now),
    ForeignKeyConstraint(
        ["account", "user_id"], ["users_by_account.account", "users_by_account.id"]
    ),
)


@dataclasses.dataclass(frozen=True)
class Contact:
    """A user's name and email as one value: the composite() of the variant "users whose name
    and email form a composite contact..."."""

    name: str
    email: str


POSTS_VALIDATION_LISTENERS: list[Callable[[Any, Any, bool | None], None]] = []
"""Who hears a posts validator's calls (user, post, is_remove or None): a scenario's event
recorder, removed when the scenario ends."""


def _posts_validated(**flags: bool) -> type:
    """A base class whose @validates("posts", **flags) reports each call and accepts the post
    (the variant's post class gets it too; it has no posts, so its validator never runs)."""

    class PostsValidated:
        @validates("posts", **flags)
        def validate_post(self, key: str, post: Any, *is_remove: bool) -> Any:
            for listener in POSTS_VALIDATION_LISTENERS:
                listener(self, post, is_remove[0] if is_remove else None)
            return post

    return PostsValidated


# Posts written to their user with post_update (user_id set by an UPDATE after the INSERTs,
# cleared by one before a DELETE), each carrying a version the application draws at random.
_rv_users = Table(
    "users_random_versions",
    variant_metadata,
    *_user_columns(Column("is_active", Boolean, default=True)),
)
_rv_posts = Table(
    "posts_random_versions",
    variant_metadata,
    *_post_columns("users_random_versions", nullable=True),
    Column("version_id", Integer, nullable=False),
)


def _random_version(_: int | None) -> int:
    # Not a counter: each post's new version tells nothing of its old one, so a version applied
    # to the wrong post shows as a mismatch.
    return random.randrange(1, 2**31)


def _posts_with_random_versions() -> DomainModels:
    doc = "user.posts with post_update=True; each post has a random version_id (version_id_col)"
    user_cls = _model_class("UserRandomVersions", doc)
    post_cls = _model_class("PostRandomVersions", doc)
    mapping = registry()
    mapping.map_imperatively(
        user_cls,
        _rv_users,
        properties={
            "posts": relationship(
                post_cls, back_populates="author", cascade="all, delete-orphan", post_update=True
            )
        },
    )
    mapping.map_imperatively(
        post_cls,
        _rv_posts,
        properties={"author": relationship(user_cls, back_populates="posts")},
        version_id_col=_rv_posts.c.version_id,
        version_id_generator=_random_version,
    )
    return DomainModels(user_cls, post_cls, _configure(mapping))


CONTRIBUTORS = "contributors, editors and chief editors"
"""The class hierarchy of models_inheritance, each of its mappings named after it."""


def contributor_models(hierarchy: Contributors, configured: bool = True) -> DomainModels:
    """A mapping of the contributors' hierarchy as the scenario's models, beside the seed's
    users and posts; configured now unless the scenario's own query must configure it."""
    warned = _configure(hierarchy.registry) if configured else ()
    others = (("contributor", hierarchy.contributor), ("draft", hierarchy.draft))
    return DomainModels(User, Post, warned, others=others)


@dataclasses.dataclass(frozen=True)
class KindAndName:
    """A contributor's kind and name as one value: the composite() of the variant
    "contributors ..., the base class with a composite of kind and name"."""

    kind: str
    name: str


def _contributors_with_composite() -> Contributors:
    hierarchy = map_contributors(
        "WithComposite", "the base class has composite(KindAndName, kind, name) as its label"
    )
    inspect(hierarchy.contributor).add_property(
        "label", composite(KindAndName, contributors.c.kind, contributors.c.name)
    )
    return hierarchy


# Pickled by scenarios (expunge_and_close.feature): pickle finds a class by its module and name,
# so this variant's classes are attributes of this module.
_posts_by_title = _variant(
    "PostsByTitle",
    'user.posts is a dict of posts keyed by title (attribute_keyed_dict("title"))',
    posts_options={"collection_class": attribute_keyed_dict("title")},
)
UserPostsByTitle = _posts_by_title.user
PostPostsByTitle = _posts_by_title.post


def _dataclass_posts_keyed_by_title() -> DomainModels:
    user_cls, post_cls, mapping = posts_keyed_by_title()
    return DomainModels(user_cls, post_cls, _configure(mapping))


# Users who pin one of their posts (post_update, as in post_update.feature), with a version
# counter on the user row: the flush's post-update UPDATE of the pin checks and bumps it too.
_vp_users = Table(
    "users_pinning_versioned",
    variant_metadata,
    *_user_columns(
        Column(
            "pinned_post_id",
            Integer,
            # use_alter: the two tables' foreign keys form a cycle.
            ForeignKey("posts_pinned_versioned.id", use_alter=True, name="fk_pinned_post_v"),
            nullable=True,
        ),
        Column("version_id", Integer, nullable=False),
    ),
)
_vp_posts = Table(
    "posts_pinned_versioned", variant_metadata, *_post_columns("users_pinning_versioned")
)


def _versioned_pinning_users() -> DomainModels:
    doc = "users carry version_id (version_id_col) and pin a post with post_update=True"
    user_cls = _model_class("UserPinningVersioned", doc)
    post_cls = _model_class("PostPinnedVersioned", doc)
    mapping = registry()
    mapping.map_imperatively(
        user_cls,
        _vp_users,
        properties={
            "posts": relationship(
                post_cls,
                back_populates="author",
                cascade="all, delete-orphan",
                foreign_keys=[_vp_posts.c.user_id],
            ),
            "pinned_post": relationship(
                post_cls, foreign_keys=[_vp_users.c.pinned_post_id], post_update=True
            ),
        },
        version_id_col=_vp_users.c.version_id,
    )
    mapping.map_imperatively(
        post_cls,
        _vp_posts,
        properties={
            "author": relationship(
                user_cls, back_populates="posts", foreign_keys=[_vp_posts.c.user_id]
            )
        },
    )
    return DomainModels(user_cls, post_cls, _configure(mapping))


# The primary key as the users table's last column: an UPDATE's RETURNING row, in the table's
# column order, starts with another column.
_key_last_users = Table(
    "users_key_last",
    variant_metadata,
    *_user_columns(Column("is_active", Boolean, default=True))[1:],
    Column("id", Integer, primary_key=True, autoincrement=True),
)
_key_last_posts = Table("posts_key_last", variant_metadata, *_post_columns("users_key_last"))

# Users and posts that record who changed them last (updated_by, set by the application); a
# post also records when, with a Python-side onupdate: every UPDATE of a post sets edited_at.
_edited_users = Table(
    "users_of_edited_posts",
    variant_metadata,
    *_user_columns(
        Column("is_active", Boolean, default=True),
        Column("updated_by", String(50), nullable=True),
    ),
)
_edited_posts = Table(
    "posts_edited",
    variant_metadata,
    *_post_columns("users_of_edited_posts"),
    Column("updated_by", String(50), nullable=True),
    Column("edited_at", DateTime, onupdate=datetime.datetime.now, nullable=True),
)


DOMAINS: dict[str, DomainModels] = {
    "seed": DomainModels(User, Post, _configure(Base.registry)),
    "without delete-orphan": _variant(
        "WithoutDeleteOrphan",
        'posts cascade "all" but not "delete-orphan"',
        posts_options={"cascade": "all"},
    ),
    "without delete cascade": _variant(
        "WithoutDeleteCascade",
        'posts cascade "save-update, merge" only: deleting a user does not delete its posts',
        posts_options={"cascade": "save-update, merge"},
    ),
    "posts with passive_deletes and ON DELETE CASCADE": _variant(
        "PassiveDeletes",
        "the database's ON DELETE CASCADE removes posts; the ORM does not load them to delete",
        users=_pd_users,
        posts=_pd_posts,
        posts_options={"passive_deletes": True},
    ),
    "posts with passive_deletes but no ON DELETE CASCADE": _variant(
        "PassiveDeletesWithoutOnDelete",
        "passive_deletes=True over the seed's posts, whose foreign key has no ON DELETE rule",
        posts_options={"passive_deletes": True},
    ),
    # One variant per passive_deletes value, none with a delete cascade ("all" refuses one).
    **{
        f"{_NULLABLE_WITHOUT_DELETE}{label}": _variant(
            f"NullableOnDelete{suffix}",
            f'posts cascade "save-update, merge", nullable user_id, ON DELETE CASCADE, '
            f"passive_deletes={passive!r}",
            users=_pn_users,
            posts=_pn_posts,
            posts_options={"cascade": "save-update, merge", "passive_deletes": passive},
        )
        for label, suffix, passive in (
            ("", "", False),
            (", passive_deletes=True", "Passive", True),
            (", passive_deletes='all'", "PassiveAll", "all"),
        )
    },
    "posts with passive_deletes='all' but no ON DELETE CASCADE, without delete cascade": _variant(
        "PassiveAllWithoutOnDelete",
        "passive_deletes='all' and cascade \"save-update, merge\" over the seed's posts, whose "
        "foreign key has no ON DELETE rule",
        posts_options={"cascade": "save-update, merge", "passive_deletes": "all"},
    ),
    # post.author not kept in step with user.posts: only user.posts sees a post removed from it.
    f"{_NULLABLE_WITHOUT_DELETE}, passive_deletes='all', without back_populates": _variant(
        "NullableOnDeletePassiveAllOneSided",
        'posts cascade "save-update, merge", nullable user_id, ON DELETE CASCADE, '
        "passive_deletes='all'; user.posts and post.author without back_populates",
        users=_pn_users,
        posts=_pn_posts,
        posts_options={"cascade": "save-update, merge", "passive_deletes": "all"},
        back_populates=False,
    ),
    "posts whose author is keyed by (account, user_id), users refusing partial keys": _variant(
        "KeyedByAccount",
        "users have the composite primary key (account, id), posts the foreign key (account, "
        "user_id); the user mapper has allow_partial_pks=False",
        users=_account_users,
        posts=_account_posts,
        user_mapper_options={"allow_partial_pks": False},
    ),
    "posts cascade without save-update": _variant(
        "WithoutSaveUpdate",
        f'posts cascade "{_NO_SAVE_UPDATE}": appending a post does not add it to the session',
        posts_options={"cascade": _NO_SAVE_UPDATE},
    ),
    # One variant per eager_defaults setting: the mapper option decides how the value is fetched.
    **{
        f"is_active from a server default{label}": _variant(
            f"ServerDefault{suffix}",
            f"is_active comes from a server default; eager_defaults={eager!r}",
            users=_sd_users,
            posts=_sd_posts,
            user_mapper_options={"eager_defaults": eager},
        )
        for label, suffix, eager in (
            ("", "", "auto"),
            (", eager_defaults=False", "NotEager", False),
            (", eager_defaults=True", "Eager", True),
        )
    },
    "users with a version counter": _variant(
        "Versioned",
        "users carry version_id, checked and incremented by every UPDATE (version_id_col)",
        users=_versioned_users,
        posts=_versioned_posts,
        user_mapper_options={"version_id_col": _versioned_users.c.version_id},
    ),
    "users without implicit RETURNING": _variant(
        "NoReturning",
        "the users table says implicit_returning=False: a flush learns new keys without RETURNING",
        users=_no_returning_users,
        posts=_no_returning_posts,
    ),
    "users with a revision the database sets on UPDATE": _variant(
        "ServerOnupdate",
        "users carry revision, a column with server_onupdate=FetchedValue()",
        users=_onupdate_users,
        posts=_onupdate_posts,
    ),
    "users whose id a Python-side default derives from the name": _variant(
        "KeyedByName",
        "users.id has no autoincrement: a Python-side default derives it from the name",
        users=_named_key_users,
        posts=_named_key_posts,
    ),
    "write_only posts": _variant(
        "WriteOnlyPosts",
        "user.posts is a write_only collection",
        posts_options={"lazy": "write_only"},
    ),
    "noload posts": _variant(
        "NoloadPosts", 'user.posts uses lazy="noload"', posts_options={"lazy": "noload"}
    ),
    "raise on posts": _variant(
        "RaisePosts", 'user.posts uses lazy="raise"', posts_options={"lazy": "raise"}
    ),
    "joined posts": _variant(
        "JoinedPosts", 'user.posts uses lazy="joined"', posts_options={"lazy": "joined"}
    ),
    "with AsyncAttrs": _variant(
        "AsyncAttrs",
        "the seed's mapping, with the AsyncAttrs mixin's awaitable_attrs on both classes",
        bases=(AsyncAttrs,),
    ),
    "the blog": DomainModels(
        BlogUser,
        BlogPost,
        _configure(blog_registry),
        others=(("tag", Tag), ("comment", Comment), ("profile", Profile)),
    ),
    # The adjacency list loaded by lazy="immediate" (adjacency_list.feature).
    "the blog, comments whose parent and replies load immediately": _comments_loaded_immediately(),
    "users who pin a post": DomainModels(PinningUser, PinnedPost, _configure(pinning_registry)),
    "posts written by post_update, with random versions": _posts_with_random_versions(),
    "users who pin a post, each post knowing who pinned it": DomainModels(
        PinningUserSeen, PostPinnedBy, _configure(pinned_by_registry)
    ),
    "deferred post content": _variant(
        "DeferredContent",
        "Post.content is deferred: loaded on first access",
        post_properties={"content": deferred(_seed_posts.c.content)},
    ),
    # Column loading (column_loading.feature, sql_expressions.feature, flush_events.feature).
    "post content and published_at deferred as a group": _variant(
        "DeferredGroup",
        'Post.content and Post.published_at are deferred in one group, "body"',
        post_properties={
            "content": deferred(_seed_posts.c.content, group="body"),
            "published_at": deferred(_seed_posts.c.published_at, group="body"),
        },
    ),
    "post content deferred with raiseload": _variant(
        "DeferredRaiseload",
        "Post.content is deferred with raiseload=True: reading it unloaded raises",
        post_properties={"content": deferred(_seed_posts.c.content, raiseload=True)},
    ),
    "posts with a query_expression title_length": _variant(
        "QueryExpression",
        "Post.title_length is a query_expression(), filled by with_expression() at query time",
        post_properties={"title_length": query_expression()},
    ),
    "users with a version counter set by the application": _variant(
        "VersionedByApplication",
        "users carry version_id as version_id_col with version_id_generator=False",
        users=_versioned_users,
        posts=_versioned_posts,
        user_mapper_options={
            "version_id_col": _versioned_users.c.version_id,
            "version_id_generator": False,
        },
    ),
    # Why __init__ is not called on load, and what runs instead (common_questions.feature).
    "users with an __init__, a reconstructor and a load listener": _with_load_listener(
        _variant(
            "Reconstructed",
            "both classes note in constructed_by whether __init__, the @reconstructor method or "
            "(users only) a load event listener ran",
            bases=(_RecordsConstruction,),
        )
    ),
    # One-to-one by convention only (one_to_one.feature):
    # no unique constraint keeps a second row out, so loading can find two.
    "a user's posts as one object (uselist=False)": _variant(
        "OnePost",
        "user.posts is a scalar, not a list: uselist=False on a one-to-many, ordered by id",
        posts_options={"uselist": False, "order_by": _seed_posts.c.id},
    ),
    "a user's posts as one object (uselist=False) without delete-orphan": _variant(
        "OnePostWithoutDeleteOrphan",
        'user.posts is a scalar (uselist=False) with cascade "all": a replaced post is kept',
        posts_options={"uselist": False, "order_by": _seed_posts.c.id, "cascade": "all"},
    ),
    "a user's posts as one object (uselist=False) without delete-orphan, user_id nullable": (
        _variant(
            "OneNullablePostWithoutDeleteOrphan",
            'user.posts is a scalar (uselist=False) with cascade "all"; posts.user_id may be NULL',
            users=_pn_users,
            posts=_pn_posts,
            posts_options={"uselist": False, "order_by": _pn_posts.c.id, "cascade": "all"},
        )
    ),
    # Validators of a collection, one variant per documented flag (attribute_events.feature).
    **{
        f"users whose posts are validated{label}": _variant(
            f"PostsValidated{suffix}",
            f'user.posts has a validator, @validates("posts"{label})',
            bases=(_posts_validated(**flags),),
        )
        for label, suffix, flags in (
            ("", "", {}),
            (", include_removes=True", "WithRemoves", {"include_removes": True}),
            (", include_backrefs=False", "WithoutBackrefs", {"include_backrefs": False}),
        )
    },
    "posts as a dict keyed by title": _posts_by_title,
    # Dataclass mappings (dataclass_mappings.feature), each on tables of its own.
    "dataclasses, drafts a post subclass whose status defaults to draft": DomainModels(
        DraftingUser, DraftablePost, _configure(DraftsBase.registry)
    ),
    "dataclasses, users whose status and code are init=False fields with defaults": DomainModels(
        DefaultingUser, DefaultingPost, _configure(DefaultsBase.registry)
    ),
    "dataclasses, users with an insert sentinel": DomainModels(
        SentinelUser, SentinelPost, _configure(SentinelBase.registry)
    ),
    # A composite whose set listeners are handed the old value (attribute_events.feature).
    "users whose name and email form a composite contact, with active_history=True": _variant(
        "WithContact",
        "user.contact is composite(Contact, name, email, active_history=True)",
        user_properties={
            "contact": composite(
                Contact, _seed_users.c.name, _seed_users.c.email, active_history=True
            )
        },
    ),
    # Known bugs of ORM DML and post_update on mappings the seed lacks (known_bugs.feature,
    # post_update.feature).
    "users who pin a post, with a version counter": _versioned_pinning_users(),
    "users whose id is the last column of their table": _variant(
        "KeyLast",
        "users.id is the last column of users_key_last, after name, email, created_at, is_active",
        users=_key_last_users,
        posts=_key_last_posts,
    ),
    "users and posts that record who changed them, posts also when": _variant(
        "EditedPosts",
        "users and posts carry updated_by; posts also edited_at, a Python-side onupdate",
        users=_edited_users,
        posts=_edited_posts,
    ),
    # Column types the databases store and hand back differently (column_types.feature).
    "typed columns": DomainModels(
        User, Post, _configure(TypesBase.registry), others=(("record", Record),)
    ),
    # How a query loads the subclasses' columns, one mapping each (inheritance_loading.feature).
    CONTRIBUTORS: contributor_models(
        map_contributors("", "joined-table inheritance; subclass columns load on first access")
    ),
    f"{CONTRIBUTORS} with with_polymorphic='*'": contributor_models(
        map_contributors(
            "Joined",
            'with_polymorphic="*" on every class: every query joins every subclass table',
            every_class={"with_polymorphic": "*"},
        )
    ),
    f"{CONTRIBUTORS}, the editors loaded with polymorphic_load='selectin'": contributor_models(
        map_contributors(
            "SelectinLoaded",
            'polymorphic_load="selectin" on Editor and ChiefEditor: one more SELECT per subclass',
            subclasses={"polymorphic_load": "selectin"},
        )
    ),
    f"{CONTRIBUTORS}, the base class with a composite of kind and name": contributor_models(
        _contributors_with_composite()
    ),
    # Relationships whose target is a joined-table hierarchy (polymorphic_relationships.feature).
    "posts of several kinds": DomainModels(
        Writer,
        AnyPost,
        _configure(PolymorphicTargetsBase.registry),
        others=(("attachment", Attachment),),
    ),
}
"""Model sets by the name feature files give them."""

BUILT_WHEN_CHOSEN: dict[str, Callable[[], DomainModels]] = {
    "dataclasses, posts a dict keyed by title with default_factory=dict": (
        _dataclass_posts_keyed_by_title
    ),
}
"""Variants some SQLAlchemy releases refuse to map (a known bug): built when a scenario chooses
one, so that the spec still imports there, then kept in ``DOMAINS``. They map the seed's tables."""


def variant(name: str) -> DomainModels:
    """The named model set, built now if it is built when chosen (what building raises, the
    scenario's step raises). KeyError for an unknown name."""
    found = DOMAINS.get(name)
    if found is None:
        found = DOMAINS[name] = BUILT_WHEN_CHOSEN[name]()
    return found


ALL_METADATA: tuple[MetaData, ...] = (
    Base.metadata,
    variant_metadata,
    blog_metadata,
    types_metadata,
    inheritance_metadata,
    polymorphic_targets_metadata,
    dataclass_metadata,
)
"""Every MetaData whose tables the spec's schema holds, in creation order."""


SUBJECT_OF_TABLE: dict[str, str] = {
    inspect(cls).local_table.name: kind.plural
    for models in DOMAINS.values()
    for kind, cls in models.classes()
}
"""Table name -> the plural of the kind of object it stores ("users_versioned" -> "users"): SQL
steps and the report speak of what a statement reads or writes, never of a variant's table."""
