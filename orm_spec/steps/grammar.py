"""The building blocks of step phrases, shared so every step reads (and parses) the same way.

Objects are named the way the tutorial names them: a user by a bare capitalised name (Alice), a
post by its title in double quotes ("Alice's First Post"). Sessions are "the session" or an
ordinal one ("the second session"). Values are Gherkin-friendly Python literals: "text", 3,
True, False, None.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

from pytest_bdd import parsers

USER = r"[A-Z][a-z]+"
POST = r'"[^"]+"'
REF = rf"(?:{USER}|{POST})"
SESSION = r"(?: in the (?P<session>second|third) session)?"
"""Optional suffix naming a session other than "the session"."""
VALUE = r'(?:"[^"]*"|-?\d[\d.]*|True|False|None|\[.*\]|\{.*\}|\(.*\))'
"""A literal as feature files write it: "text", a number, True, False, None, [..], {..}, (..)."""
NAMES = rf"{USER}(?:(?:, | and ){USER})*"
TITLES = rf"{POST}(?:(?:, | and ){POST})*"


def step(pattern: str) -> Any:
    """A full-match regex step parser (a partial match would silently drop words)."""
    return parsers.re(rf"^{pattern}$")


@dataclass(frozen=True)
class Ref:
    """A named object of the domain: a user by name or a post by title."""

    kind: str
    key: str

    @classmethod
    def parse(cls, text: str) -> Ref:
        text = text.strip()
        if text.startswith('"'):
            return cls("post", text.strip('"'))
        if re.fullmatch(USER, text):
            return cls("user", text)
        raise ValueError(f'{text!r} names no object: use a Name or a "Post title"')

    def __str__(self) -> str:
        return f'"{self.key}"' if self.kind == "post" else self.key


def names(text: str) -> list[str]:
    """ "Alice, Bob and Charlie" -> ["Alice", "Bob", "Charlie"]."""
    return re.findall(USER, text)


def titles(text: str) -> list[str]:
    """'"A" and "B"' -> ["A", "B"]."""
    return re.findall(r'"([^"]+)"', text)


def value(text: str) -> Any:
    """A literal as written in a feature file: "text" is a string, the rest Python literals."""
    text = text.strip()
    if text.startswith('"') and text.endswith('"'):
        return text[1:-1]
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise ValueError(
            f'{text!r} is not a value: quote text ("...") or write a number, True, False, None'
        ) from None


def options(text: str | None) -> dict[str, Any]:
    """ "expire_on_commit=False, autoflush=False" -> keyword arguments."""
    if not text:
        return {}
    result = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, raw = part.partition("=")
        if not sep:
            raise ValueError(f"{part!r} is not an option: write name=value")
        result[key.strip()] = value(raw)
    return result


def session_key(name: str | None) -> str:
    return name or "main"
