"""The typed placeholders every phrase is built from, each parsed once by its converter.

Objects are named the way the tutorial names them (``domain``): a user by a bare capitalised
name (Alice), a post by its title in double quotes ("Alice's First Post"). Sessions are "the
session" or an ordinal one ("the second session"). Values are written as Gherkin-friendly
literals: "text", 3, 2.5, True, False, None, a string of 60 characters, the datetime
2024-01-02 03:04:05+02:00 (an offset is a datetime.timezone; "the datetime 2024-01-02 01:04:05 in
Etc/UTC" is in a zoneinfo.ZoneInfo), the decimal 12.50, the UUID
12345678-1234-5678-1234-567812345678, the JSON {"n": 1} (the decoded value), the JSON text
{"n": 1} (the text itself), Status.draft (a member of an enum of the typed columns).
"""

from __future__ import annotations

import builtins
import datetime
import decimal
import json
import re
import uuid
import zoneinfo
from typing import Any

import sqlalchemy.exc
import sqlalchemy.orm.exc

from orm_spec.domain import ANY_NAME, POST, USER, AuthoringError, ObjectName, names_in
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
placeholder("email", r'"[^"@]+@[^"]+"', lambda text: text[1:-1])
placeholder("attr", r"[a-z_]+")
placeholder("attrs", _list_of(r"[a-z_]+"), lambda text: re.split(r", | and ", text))
placeholder("count", r"\d+", int)
placeholder("negated", "not ", bool, optional=True)


def _options(text: str) -> dict[str, Any]:
    """ "expire_on_commit=False, autoflush=False" -> keyword arguments."""
    pairs = (part.partition("=") for part in text.split(", "))
    return {key: literal(raw) for key, _, raw in pairs}


placeholder("options", rf"[a-z_]+=(?:{VALUE})(?:, [a-z_]+=(?:{VALUE}))*", _options)

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
