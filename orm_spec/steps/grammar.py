"""The typed placeholders every phrase is built from, each parsed once by its converter.

Objects are named the way the tutorial names them (``domain``): a user by a bare capitalised
name (Alice), a post by its title in double quotes ("Alice's First Post"). Sessions are "the
session" or an ordinal one ("the second session"). Values are written as Gherkin-friendly
literals: "text", 3, 2.5, True, False, None, a string of 60 characters, the datetime
2024-01-02 03:04:05+02:00 (an offset is a datetime.timezone; "the datetime 2024-01-02 01:04:05 in
Etc/UTC" is in a zoneinfo.ZoneInfo), the decimal 12.50, the UUID
12345678-1234-5678-1234-567812345678, the JSON {"n": 1} (the decoded value), the JSON text
{"n": 1} (the text itself), Status.draft (a member of an enum of the typed columns).

Every placeholder of the vocabulary is declared here, grouped by what it names: objects,
sessions, values, relationships, loading (``loader_options`` parses the small language of
``selectinload(posts).load_only(title)``), ORM-enabled DML, events, errors and SQL. A converter
that needs the scenario's mapping leaves that part to the step (``loading`` resolves the option
chains).
"""

from __future__ import annotations

import ast
import builtins
import datetime
import decimal
import json
import re
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy.exc
import sqlalchemy.orm.exc
from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import joinedload, lazyload, raiseload, selectinload, subqueryload

from orm_spec.domain import (
    ANY_NAME,
    COMMENT,
    CONTRIBUTOR,
    DRAFT,
    POST,
    PROFILE,
    RECORD,
    TAG,
    USER,
    AuthoringError,
    ObjectName,
    names_in,
)
from orm_spec.models_types import ENUMS
from orm_spec.sql_capture import ROW_KINDS
from orm_spec.steps.kit import placeholder
from orm_spec.world import MAIN


def _list_of(pattern: str) -> str:
    return rf"(?:{pattern})(?:(?:, | and )(?:{pattern}))*"


# -- objects -------------------------------------------------------------------------------------
placeholder("obj", ANY_NAME, ObjectName.parse)
placeholder("user", USER.pattern, lambda text: ObjectName(USER, text))
placeholder("post", POST.pattern, lambda text: ObjectName(POST, POST.label_from(text)))
placeholder("objs", _list_of(ANY_NAME), names_in)
placeholder("users", _list_of(USER.pattern), names_in)
placeholder("posts", _list_of(POST.pattern), names_in)
placeholder("tag", TAG.pattern, lambda text: ObjectName(TAG, TAG.label_from(text)))
placeholder("tags", _list_of(TAG.pattern), names_in)
placeholder("comment", COMMENT.pattern, lambda text: ObjectName(COMMENT, COMMENT.label_from(text)))
placeholder("comments", _list_of(COMMENT.pattern), names_in)
placeholder("profile", PROFILE.pattern, lambda text: ObjectName(PROFILE, PROFILE.label_from(text)))
placeholder(
    "record", RECORD.pattern, lambda written: ObjectName(RECORD, RECORD.label_from(written))
)
placeholder(
    "contributor",
    CONTRIBUTOR.pattern,
    lambda written: ObjectName(CONTRIBUTOR, CONTRIBUTOR.label_from(written)),
)
placeholder("contributors", _list_of(CONTRIBUTOR.pattern), names_in)
placeholder("drafts", _list_of(DRAFT.pattern), names_in)
placeholder("subject", r"[a-z_]+")
"""What SQL reads or writes, in the domain's words: users, posts, tags, or a table no kind maps
(post_tags)."""

# -- sessions ------------------------------------------------------------------------------------
_ORDINAL = r"second|third"


def _session_key(text: str | None) -> str:
    found = re.search(_ORDINAL, text or "")
    return found.group(0) if found else MAIN


placeholder("session", rf"the (?:(?:{_ORDINAL}) )?session", _session_key)
"""'the session' or 'the second session'."""
placeholder("in_session", rf" in the (?:{_ORDINAL}) session", _session_key, optional=True)
"""An optional ' in the second session' after an object: without it, the session."""


# -- values --------------------------------------------------------------------------------------
_DATETIME = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d| in [A-Z]\w*/[A-Za-z_]+)?"
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
VALUE = (
    r'"[^"]*"|-?\d+(?:\.\d+)?|True|False|None'
    rf"|a string of \d+ characters|the datetime {_DATETIME}"
    rf"|the decimal -?\d+(?:\.\d+)?|the UUID {_UUID}|the JSON(?: text)? \{{[^{{}}]*\}}"
    rf"|(?:{'|'.join(ENUMS)})\.[a-z_]+"
)


def literal(text: str) -> Any:
    """A value as feature files write it."""
    if text.startswith('"'):
        return text[1:-1]
    if text.startswith("a string of "):
        return "x" * int(text.split()[3])
    if text.startswith("the datetime "):
        written, _, zone = text.removeprefix("the datetime ").partition(" in ")
        moment = datetime.datetime.fromisoformat(written)
        return moment.replace(tzinfo=zoneinfo.ZoneInfo(zone)) if zone else moment
    if text.startswith("the decimal "):
        return decimal.Decimal(text.removeprefix("the decimal "))
    if text.startswith("the UUID "):
        return uuid.UUID(text.removeprefix("the UUID "))
    if text.startswith("the JSON text "):
        return text.removeprefix("the JSON text ")
    if text.startswith("the JSON "):
        return json.loads(text.removeprefix("the JSON "))
    enum_name, dot, member = text.partition(".")
    if dot and enum_name in ENUMS:
        return ENUMS[enum_name][member]
    constants = {"True": True, "False": False, "None": None}
    if text in constants:
        return constants[text]
    return float(text) if "." in text else int(text)


placeholder("value", VALUE, literal)
_EMAIL = r'"[^"@]+@[^"]+"'
placeholder("email", _EMAIL, lambda text: text[1:-1])
placeholder("attr", r"[a-z_]+")
placeholder("attrs", _list_of(r"[a-z_]+"), lambda text: re.split(r", | and ", text))
placeholder("count", r"\d+", int)
placeholder("negated", "not ", bool, optional=True)


def _options(text: str) -> dict[str, Any]:
    """ "expire_on_commit=False, autoflush=False" -> keyword arguments."""
    pairs = (part.partition("=") for part in text.split(", "))
    return {key: literal(raw) for key, _, raw in pairs}


placeholder("options", rf"[a-z_]+=(?:{VALUE})(?:, [a-z_]+=(?:{VALUE}))*", _options)


def _info(text: str) -> dict[str, Any]:
    """'{"tenant": "acme", "level": 2}' -> {"tenant": "acme", "level": 2}."""
    return {key: literal(raw) for key, raw in re.findall(rf'"([a-z_]+)": ({VALUE})', text)}


_ENTRY = rf'"[a-z_]+": (?:{VALUE})'
placeholder("info", rf"\{{{_ENTRY}(?:, {_ENTRY})*\}}", _info)
"""A session's info dictionary: {"tenant": "acme", "level": 2}."""
placeholder("json_value", r"\{.*\}", json.loads)
"""A JSON object as a feature file writes it: {"views": 1, "stats": {"likes": 2}}."""
placeholder("qualname", r"[a-z_]\w*(?:\.\w+)+")
"""A class by its module and name, as ``f"{cls.__module__}.{cls.__qualname__}"`` spells it:
uuid.UUID, asyncpg.pgproto.pgproto.UUID, builtins.str."""


def _container(text: str) -> Any:
    """'["orm", "sql"]', '{"news"}', 'set()', '{"views": 1}' -> the Python list, set or dict."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise AuthoringError(f"{text} is not a Python list, set or dict literal") from None


placeholder("container", r"\[.*\]|\{.*\}|set\(\)", _container)
"""A list, set or dict as Python writes it: ["orm", "sql"], {"news"}, set(), {"views": 1}."""


@dataclass(frozen=True)
class InPlaceChange:
    """One Python statement changing a container in place, as a feature file writes it:
    keywords.append("rust"), del keywords[0], labels |= {"rust"}, tracked_meta["stats"].clear().
    ``name`` is the one name it uses (the attribute whose value it changes)."""

    text: str
    name: str
    code: Any

    def apply(self, value: Any) -> None:
        """Run the statement on ``value`` bound to the name: an augmented assignment rebinds
        only that local name, so the container's own in-place method is all that runs."""
        exec(self.code, {"__builtins__": {}}, {self.name: value})


_CHANGE_NODES = (
    ast.Module,
    ast.Expr,
    ast.Assign,
    ast.AugAssign,
    ast.Delete,
    ast.Call,
    ast.Attribute,
    ast.Subscript,
    ast.Slice,
    ast.Name,
    ast.Constant,
    ast.List,
    ast.Set,
    ast.Dict,
    ast.Tuple,
    ast.UnaryOp,
    ast.USub,
    ast.expr_context,
    ast.operator,
)


def _in_place_change(text: str) -> InPlaceChange:
    """Only literals, subscripts and method calls on one name: the statement is checked before
    it runs, so a feature file cannot run anything else."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        raise AuthoringError(f"{text!r} is not a Python statement") from None
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    allowed = all(isinstance(node, _CHANGE_NODES) for node in ast.walk(tree)) and not any(
        isinstance(node, ast.Attribute) and node.attr.startswith("_") for node in ast.walk(tree)
    )
    if len(tree.body) != 1 or len(names) != 1 or not allowed:
        raise AuthoringError(
            f"{text!r}: write one statement changing one name in place with literals "
            '(keywords.append("rust"), del keywords[0], labels |= {"rust"})'
        )
    return InPlaceChange(text, names.pop(), compile(tree, "<in-place change>", "exec"))


placeholder("in_place_change", r"\S.*", _in_place_change)


# -- relationships: tags and their notes ---------------------------------------------------------
_NOTED = re.compile(r'(?P<end>"[^"]+"|tag "[^"]+") noting "(?P<note>[^"]*)"')


def _noted(text: str) -> list[tuple[ObjectName, str]]:
    """'"Alice's First Post" noting "first" and tag "sql" noting ""' -> [(name, note), ...]"""
    return [(ObjectName.parse(m["end"]), m["note"]) for m in _NOTED.finditer(text)]


placeholder("taggings", _list_of(r'(?:"[^"]+"|tag "[^"]+") noting "[^"]*"'), _noted)
"""Taggings, each written as the object at its other end and its note:
'"Alice's First Post" noting "first"' (read from a tag) or 'tag "orm" noting "first"'."""

# -- loading -------------------------------------------------------------------------------------
RELATIONSHIP_LOADERS: dict[str, Callable[[Any], Any]] = {
    "lazyload": lazyload,
    "selectinload": selectinload,
    "joinedload": joinedload,
    "subqueryload": subqueryload,
    "raiseload": raiseload,
}
placeholder("loader", "|".join(RELATIONSHIP_LOADERS), RELATIONSHIP_LOADERS.__getitem__)
"""One relationship loader by its name: 'selectinload' -> sqlalchemy.orm.selectinload."""


@dataclass(frozen=True)
class Ref:
    """A bare name: an attribute of the class reached so far, or a class (User, Post)."""

    name: str


@dataclass(frozen=True)
class Call:
    """``name(args, key=value)``: one link of an option chain, or a SQL function in an
    argument (``length(title)``; ``length(title) + 1`` is ``Call("+", (length(title), 1))``)."""

    name: str
    args: tuple[Any, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()


_IDENT = r"[A-Za-z_]\w*"
# A function may be followed by "+ <integer>" (length(title) + 1): an expression with a bound value.
_ARG = rf'(?:{_IDENT}=(?:True|False|\d+)|"[^"]*"|{_IDENT}\({_IDENT}\)(?: \+ \d+)?|{_IDENT})'
_CALL = rf"{_IDENT}\((?:{_ARG}(?:, {_ARG})*)?\)"
_CHAIN = rf"{_CALL}(?:\.{_CALL})*"
_OPTION_TOKEN = re.compile(r'"[^"]*"|\w+|[().,=+]')


class _OptionParser:
    """Recursive descent over the tokens of an option list the placeholder's regex accepted."""

    def __init__(self, text: str) -> None:
        self.tokens = _OPTION_TOKEN.findall(text)
        self.at = 0

    def take(self, expected: str | None = None) -> str:
        token = self.tokens[self.at]
        if expected is not None and token != expected:
            raise AuthoringError(f"expected {expected!r} in the loader options, found {token!r}")
        self.at += 1
        return token

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def chains(self) -> list[list[Call]]:
        chains = [self.chain()]
        while self.peek() == ",":
            self.take(",")
            chains.append(self.chain())
        return chains

    def chain(self) -> list[Call]:
        links = [self.call(self.take())]
        while self.peek() == ".":
            self.take(".")
            links.append(self.call(self.take()))
        return links

    def call(self, name: str) -> Call:
        self.take("(")
        args: list[Any] = []
        kwargs: list[tuple[str, Any]] = []
        while self.peek() != ")":
            token = self.take()
            if self.peek() == "=":
                self.take("=")
                kwargs.append((token, _option_literal(self.take())))
            elif token.startswith('"'):
                args.append(token[1:-1])
            elif self.peek() == "(":
                function = self.call(token)
                if self.peek() == "+":
                    self.take("+")
                    function = Call("+", (function, int(self.take())))
                args.append(function)
            else:
                args.append(Ref(token))
            if self.peek() == ",":
                self.take(",")
        self.take(")")
        return Call(name, tuple(args), tuple(kwargs))


def _option_literal(token: str) -> Any:
    return {"True": True, "False": False}.get(token, int(token) if token.isdigit() else token)


placeholder(
    "loader_options", rf"{_CHAIN}(?:, {_CHAIN})*", lambda text: _OptionParser(text).chains()
)
"""'load_only(title), selectinload(posts).load_only(title)' -> the option chains, unresolved
(``loading`` resolves each name against the scenario's mapping)."""

# -- ORM-enabled INSERT, UPDATE and DELETE -------------------------------------------------------
_ASSIGNMENT = rf"({USER.pattern})'s ([a-z_]+) to ({VALUE})"


def _assignments(text: str) -> list[tuple[ObjectName, str, Any]]:
    """'Alice's name to "Alicia" and Bob's name to "Robert"' -> (Alice, name, "Alicia"), ..."""
    return [
        (ObjectName(USER, who), attr, literal(raw))
        for who, attr, raw in re.findall(_ASSIGNMENT, text)
    ]


placeholder("assignments", rf"{_ASSIGNMENT}(?: and {_ASSIGNMENT})*", _assignments)
placeholder("synchronize", "auto|evaluate|fetch|False", lambda t: False if t == "False" else t)


@dataclass(frozen=True)
class UserRow:
    """One parameter dictionary of a bulk INSERT or an upsert, as a feature file writes it."""

    name: str
    email: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The row's name and email only."""
        return {"name": self.name, "email": self.email or f"{self.name.lower()}@example.com"}

    def params(self) -> dict[str, Any]:
        """The row as sent: its other keys (is_active) only where the feature file gives them,
        so rows without them and rows with them have different keys."""
        return {**self.as_dict(), **self.extra}


_ROW = rf"({USER.pattern})(?: with email ({_EMAIL}))?(?: whose ([a-z_]+) is ({VALUE}))?"


def _rows(text: str) -> list[UserRow]:
    """'Dave, Erin whose is_active is None and Alicia with email "alice@example.com"'."""
    return [
        UserRow(name, email[1:-1] if email else None, {attr: literal(raw)} if attr else {})
        for name, email, attr, raw in re.findall(_ROW, text)
    ]


placeholder("user_rows", rf"{_ROW}(?:(?:, | and ){_ROW})*", _rows)

Criterion = Callable[[Any], ColumnElement[bool]]
"""Which users a WHERE clause picks, given the user class."""


def _criterion(text: str) -> Criterion:
    if text.startswith("named "):
        names = text.removeprefix("named ").split(" or ")
        if len(names) > 1:
            return lambda model: model.name.in_(names)  # type: ignore[no-any-return]
        return lambda model: model.name == names[0]  # type: ignore[no-any-return]
    lowered = text.removeprefix("whose lower-cased name is ")[1:-1]
    # A SQL function: the "evaluate" strategy has no Python version of it.
    return lambda model: func.lower(model.name) == lowered  # type: ignore[no-any-return]


placeholder(
    "which",
    rf'named {USER.pattern}(?: or {USER.pattern})*|whose lower-cased name is "[^"]+"',
    _criterion,
)

# -- events --------------------------------------------------------------------------------------
SESSION_EVENTS = (
    "before_commit",
    "after_flush",
    "after_flush_postexec",
    "after_soft_rollback",
    "after_rollback",
    "loaded_as_persistent",
    "pending_to_transient",
    "deleted_to_persistent",
)
"""The session events a scenario may name one by one ("listeners on the session's ...")."""
MAPPER_EVENTS = (
    "before_insert",
    "after_insert",
    "before_update",
    "after_update",
    "before_delete",
    "after_delete",
)


def _names(allowed: tuple[str, ...]) -> str:
    one = "|".join(allowed)
    return rf"(?:{one})(?:(?:, | and )(?:{one}))*"


LISTEN_FLAGS = ("retval", "raw", "active_history", "once", "propagate", "restore_load_context")
"""The flags of event.listen() a scenario may give a listener."""


def _event_flags(text: str) -> dict[str, bool]:
    """'retval=True and raw=True' -> {"retval": True, "raw": True}."""
    flags = {}
    for part in re.split(r", | and ", text):
        name, _, value = part.partition("=")
        if name not in LISTEN_FLAGS:
            raise AuthoringError(f"{name} is not one of {', '.join(LISTEN_FLAGS)}")
        flags[name] = value == "True"
    return flags


placeholder("event_flags", _list_of(r"[a-z_]+=(?:True|False)"), _event_flags)
placeholder("session_event", "|".join(SESSION_EVENTS))
placeholder("session_events", _names(SESSION_EVENTS), lambda t: re.split(r", | and ", t))
placeholder("mapper_events", _names(MAPPER_EVENTS), lambda t: re.split(r", | and ", t))

# -- what went wrong -----------------------------------------------------------------------------
_EXCEPTION_MODULES = (sqlalchemy.exc, sqlalchemy.orm.exc, builtins)


def exception_class(name: str) -> type[BaseException]:
    for module in _EXCEPTION_MODULES:
        found = getattr(module, name, None)
        if isinstance(found, type) and issubclass(found, BaseException):
            return found
    raise AuthoringError(
        f"{name} is not an exception of sqlalchemy.exc, sqlalchemy.orm.exc or builtins"
    )


placeholder("exception", r"[A-Z]\w+", exception_class)

# -- SQL -----------------------------------------------------------------------------------------
placeholder(
    "sql_kind",
    "|".join([*ROW_KINDS, "SAVEPOINT", "RELEASE", "ROLLBACK TO SAVEPOINT", "statement"]),
)
