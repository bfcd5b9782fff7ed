"""SQL text made comparable across drivers and SQLAlchemy releases.

Two renderings of one statement differ in parameter style (``?``, ``%s``, ``%(name)s``,
``$1``, ``:name``, psycopg's ``%(name)s::VARCHAR``), identifier quoting, whitespace, and in
the labels SQLAlchemy 2.0 gives selected columns (``users.id AS users_id``) where 2.1 gives
none, and the names of anonymous labels. SQLAlchemy's own ``CompiledSQL`` assertions compare
after the same normalisation.
"""

from __future__ import annotations

import re

_PARAMETER = re.compile(r"%\(\w+\)s|%s|\$\d+|(?<![:\w]):\w+|\?")
_PARAMETER_CAST = re.compile(
    r"\?::(?:TIMESTAMP WITH(?:OUT)? TIME ZONE|DOUBLE PRECISION|[A-Z][A-Z0-9_]*)(?:\([\d, ]+\))?"
)
"""psycopg renders a bound parameter with an explicit cast: ``%(name)s::VARCHAR``."""
_QUOTED = re.compile(r'[`"](\w+)[`"]')
_DEFAULT_LABEL = re.compile(r"\b(\w+)\.(\w+) AS \1_\2\b")
_SPACE_IN_PARENS = re.compile(r"\(\s+|\s+\)")
_ANONYMOUS_LABEL = re.compile(r"\) AS [a-z]+_(\d+)\b")
"""An expression's anonymous label: ``length(posts.title) AS length_1`` (2.0), ``anon_1`` (2.1)."""


def normalise(sql: str) -> str:
    """One line, parameters as ``?``, identifiers unquoted, default column labels dropped."""
    text = " ".join(sql.split())
    text = _QUOTED.sub(r"\1", text)
    text = _PARAMETER_CAST.sub("?", _PARAMETER.sub("?", text))
    text = _DEFAULT_LABEL.sub(r"\1.\2", text)
    text = _ANONYMOUS_LABEL.sub(r") AS anon_\1", text)
    return _SPACE_IN_PARENS.sub(lambda m: m.group(0).strip(), text).rstrip("; ")
