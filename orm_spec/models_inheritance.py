"""The blog's contributors as a class hierarchy: joined-table inheritance, a table per class.

A contributor writes drafts and may be on the team of an editor; an editor is a contributor who
edits a section and leads a team of contributors; a chief editor is an editor with a byline. A
chief editor is one row in each of ``contributors``, ``editors`` and ``chief_editors``, joined
by the primary key; ``contributors.kind`` says which class a row is. A contributor's bio is
deferred (loaded on first access): long text a list of contributors does not need.

The tables live on ``inheritance_metadata``, created once per run with the seed's. How a query
loads the subclasses' columns is the mapper's configuration, so each way is a mapping of its
own (a registry each, over the same tables), chosen by its name in ``model_variants.DOMAINS``:

- plain: a query of contributors selects from ``contributors`` alone; an editor's section loads
  on first access unless the query asks for it (``with_polymorphic()``,
  ``selectin_polymorphic()``);
- ``with_polymorphic="*"`` on every class: every query of them joins every subclass table;
- ``polymorphic_load="selectin"`` on the subclasses: after a query of contributors, one more
  SELECT per subclass found loads their columns.

``map_contributors()`` maps them and leaves the mappers unconfigured: ``model_variants``
configures its mappings at import; a scenario whose own query must configure them (as the first
query of a process does) maps them anew.
Feature files name a contributor by name and a draft by title: contributor "Grace",
draft "Indexes explained".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, Text, inspect
from sqlalchemy.orm import deferred, registry, relationship

inheritance_metadata = MetaData()

contributors = Table(
    "contributors",
    inheritance_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("name", String(50), nullable=False, unique=True),
    Column("bio", Text, nullable=True),
    Column("editor_id", Integer, ForeignKey("contributors.id"), nullable=True),
)
editors = Table(
    "editors",
    inheritance_metadata,
    Column("id", Integer, ForeignKey(contributors.c.id), primary_key=True),
    Column("section", String(50), nullable=False),
)
chief_editors = Table(
    "chief_editors",
    inheritance_metadata,
    Column("id", Integer, ForeignKey(editors.c.id), primary_key=True),
    Column("byline", String(100), nullable=False),
)
drafts = Table(
    "drafts",
    inheritance_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("contributor_id", Integer, ForeignKey(contributors.c.id), nullable=False),
    Column("title", String(200), nullable=False),
)

IDENTITIES = {"Contributor": "contributor", "Editor": "editor", "ChiefEditor": "chief editor"}
"""Each class of the hierarchy by the name feature files give it, and its polymorphic identity
(the value of ``contributors.kind``)."""

# Every mapping writes the same foreign keys through its own relationships: "overlaps" says that
# is intended (a scenario uses one mapping only).
_OVERLAPS = "drafts, editor, team"


class _Mapped:
    """Keyword construction and a readable repr for the classes each mapping makes anew."""

    def __init__(self, **values: Any) -> None:
        for key, value in values.items():
            setattr(self, key, value)

    def __repr__(self) -> str:
        label = self.__dict__.get("name", self.__dict__.get("title"))
        return f"{type(self).__name__}(id={self.__dict__.get('id')!r}, {label!r})"


@dataclass(frozen=True)
class Contributors:
    """One mapping of the hierarchy: its classes and the registry that holds them."""

    contributor: type
    draft: type
    registry: registry


def hierarchy_class(contributor: type, name: str) -> type:
    """The class of the mapping of ``contributor`` a feature file names: Contributor, Editor or
    ChiefEditor (read from the mapper's polymorphic map, which reading does not configure)."""
    if name not in IDENTITIES:
        raise ValueError(f"{name} is no class of the hierarchy: write {', '.join(IDENTITIES)}")
    return inspect(contributor).polymorphic_map[IDENTITIES[name]].class_  # type: ignore[no-any-return]


def map_contributors(
    suffix: str,
    doc: str,
    every_class: dict[str, Any] | None = None,
    subclasses: dict[str, Any] | None = None,
) -> Contributors:
    """The hierarchy mapped on a registry of its own, each class named with ``suffix``;
    ``every_class`` and ``subclasses`` are mapper arguments added to those classes. The mappers
    are left unconfigured: the caller configures them, or the first query does."""
    every_class, subclasses = every_class or {}, subclasses or {}

    def make(name: str, *bases: type) -> type:
        return type(f"{name}{suffix}", bases or (_Mapped,), {"__doc__": doc})

    contributor = make("Contributor")
    editor = make("Editor", contributor)
    chief_editor = make("ChiefEditor", editor)
    draft = make("Draft")
    mapping = registry()
    mapping.map_imperatively(draft, drafts)
    base = mapping.map_imperatively(
        contributor,
        contributors,
        polymorphic_on=contributors.c.kind,
        polymorphic_identity=IDENTITIES["Contributor"],
        properties={"bio": deferred(contributors.c.bio)},
        **every_class,
    )
    # The relationships are added after the columns, so the mapper lists its columns first, as
    # a declarative class declaring its columns before its relationships does: a query sets up
    # the attributes in that order (#13319 shows only when a column comes first).
    base.add_property("drafts", relationship(draft, order_by=drafts.c.id, overlaps=_OVERLAPS))
    base.add_property(
        "editor",
        relationship(
            editor,
            primaryjoin=lambda: contributors.c.editor_id == editor.id,  # type: ignore[attr-defined]
            foreign_keys=contributors.c.editor_id,
            remote_side=lambda: editor.id,  # type: ignore[attr-defined]
            back_populates="team",
            overlaps=_OVERLAPS,
        ),
    )
    middle = mapping.map_imperatively(
        editor,
        editors,
        inherits=contributor,
        polymorphic_identity=IDENTITIES["Editor"],
        **every_class,
        **subclasses,
    )
    middle.add_property(
        "team",
        relationship(
            contributor,
            primaryjoin=lambda: contributors.c.editor_id == editor.id,  # type: ignore[attr-defined]
            foreign_keys=contributors.c.editor_id,
            back_populates="editor",
            order_by=contributors.c.id,
            overlaps=_OVERLAPS,
        ),
    )
    mapping.map_imperatively(
        chief_editor,
        chief_editors,
        inherits=editor,
        polymorphic_identity=IDENTITIES["ChiefEditor"],
        **every_class,
        **subclasses,
    )
    return Contributors(contributor, draft, mapping)
