"""The domain's kinds of object and how feature files name them, in one table.

A user is named by a bare capitalised name (Alice), a post by its title in double quotes
("Alice's First Post"). Every other part of the spec (the scenario state, the step grammar, the
SQL recorder) asks this module what kind an object, a name or a table is, instead of deciding it
again.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


class AuthoringError(Exception):
    """A mistake in a feature file (an unknown name, a step in the wrong order): the message says
    what to write instead. The step layer reports it with the feature file and line."""


@dataclass(frozen=True)
class Kind:
    """One kind of domain object."""

    name: str
    """Singular, as steps say it: "user"."""
    plural: str
    """As SQL steps and the report name what a statement reads or writes: "users"."""
    label: str
    """The attribute that names an object of this kind in feature files."""
    pattern: str
    """How a feature file writes one name of this kind (a regex without groups)."""

    prefix: str = ""
    """The word a feature file writes before the quoted label (tag "orm"); none for users and
    posts, the tutorial's own kinds."""

    def label_from(self, written: str) -> str:
        """The attribute value behind a written name: the text inside the quotes."""
        written = written.removeprefix(f"{self.prefix} ") if self.prefix else written
        return written[1:-1] if written.startswith('"') else written

    def write(self, label: str) -> str:
        if self.pattern.startswith('"') or self.prefix:
            return f'{self.prefix} "{label}"'.lstrip()
        return label


def _prefixed(name: str, plural: str, label: str) -> Kind:
    return Kind(name, plural, label, rf'{name} "[^"]+"', name)


# None, True and False are values, never a user's name; a name may have Latin-1 letters (Émile).
USER = Kind("user", "users", "name", r"(?!(?:None|True|False)\b)[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+")
POST = Kind("post", "posts", "title", r'"[^"]+"')
TAG = _prefixed("tag", "tags", "name")
COMMENT = _prefixed("comment", "comments", "text")
PROFILE = _prefixed("profile", "profiles", "bio")
RECORD = _prefixed("record", "records", "label")
CONTRIBUTOR = _prefixed("contributor", "contributors", "name")
DRAFT = _prefixed("draft", "drafts", "title")
ATTACHMENT = _prefixed("attachment", "attachments", "name")

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (USER, POST, TAG, COMMENT, PROFILE, RECORD, CONTRIBUTOR, DRAFT, ATTACHMENT)
}
"""Every kind, by its singular name: a user (Alice), a post ("Alice's First Post"), and in the
extended domain a tag (tag "orm"), a comment (comment "Nice post!"), a profile (profile "..."),
in the typed columns a record (record "deposit"), in the class hierarchy of
models_inheritance a contributor (contributor "Grace", whatever its class) and a draft
(draft "Indexes explained"), and among posts of several kinds an attachment
(attachment "diagram.png")."""

ANY_NAME = "|".join(f"(?:{kind.pattern})" for kind in KINDS.values())
"""A regex matching the name of an object of any kind."""


@dataclass(frozen=True)
class ObjectName:
    """An object as a feature file names it: its kind and its label (user name, post title)."""

    kind: Kind
    label: str

    @classmethod
    def parse(cls, written: str) -> ObjectName:
        written = written.strip()
        for kind in KINDS.values():
            if re.fullmatch(kind.pattern, written):
                return cls(kind, kind.label_from(written))
        raise AuthoringError(f'{written!r} names no object: write a Name or a "Post title"')

    def __str__(self) -> str:
        return self.kind.write(self.label)


def names_in(text: str) -> list[ObjectName]:
    """Every object named in "Alice, Bob and Charlie" or '"A" and "B"', in order."""
    return [ObjectName.parse(m.group(0)) for m in re.finditer(ANY_NAME, text)]


@dataclass(frozen=True)
class DomainModels:
    """The mapped classes a scenario works with, one per kind: the seed's or a variant's."""

    user: type
    post: type
    configuration_warnings: tuple[warnings.WarningMessage, ...] = ()
    """What SQLAlchemy warned while configuring these mappers (once per process, so it is kept
    here and re-issued to every scenario that chooses them)."""
    others: tuple[tuple[str, type], ...] = ()
    """The classes of the other kinds (tag, comment, ...), where the mapping has them."""

    def of(self, kind: Kind) -> type:
        if kind.name in ("user", "post"):
            return getattr(self, kind.name)  # type: ignore[no-any-return]
        for name, cls in self.others:
            if name == kind.name:
                return cls
        raise AuthoringError(
            f"this mapping has no {kind.plural}: choose the model variant that maps them first "
            '(Given the model variant "the blog")'
        )

    def classes(self) -> Iterator[tuple[Kind, type]]:
        yield USER, self.user
        yield POST, self.post
        for name, cls in self.others:
            yield KINDS[name], cls

    def name_of(self, obj: Any) -> ObjectName | None:
        """The name a feature file gives ``obj``, read without emitting SQL (None if unloaded)."""
        for kind, cls in self.classes():
            if isinstance(obj, cls):
                label = obj.__dict__.get(kind.label)
                return ObjectName(kind, label) if label is not None else None
        return None
