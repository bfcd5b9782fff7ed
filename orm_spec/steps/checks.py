"""How Then steps compare what happened with what a feature file states."""

from __future__ import annotations

import datetime
from typing import Any


def check_value(actual: Any, expected: Any, what: str) -> None:
    """``actual`` is the value the feature states (a datetime also in its time zone)."""
    same = actual == expected
    if isinstance(expected, datetime.datetime):
        same = same and isinstance(actual, datetime.datetime) and actual.tzinfo == expected.tzinfo
    assert same, f"{what} is {actual!r}, not {expected!r}"
