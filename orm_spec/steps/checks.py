"""How Then steps compare what happened with what a feature file states."""

from __future__ import annotations

import datetime
import decimal
from typing import Any


def check_value(actual: Any, expected: Any, what: str) -> None:
    """The same type and the same value (``1 == True`` in Python, but not here), for a datetime
    the same time zone, for a Decimal the same digits and scale (12.50 is not 12.5)."""
    same = type(actual) is type(expected) and actual == expected
    if isinstance(expected, datetime.datetime):
        same = same and actual.tzinfo == expected.tzinfo
    if isinstance(expected, decimal.Decimal):
        same = same and actual.as_tuple() == expected.as_tuple()
    assert same, f"{what} is {actual!r} ({type(actual).__name__}), not {expected!r}"


def check_exception(
    error: BaseException | None, expected: type[BaseException], message: str | None = None
) -> None:
    """Exactly this class (a subclass names itself: ObjectDeletedError is not the
    InvalidRequestError it derives from), and the message where the step gives one."""
    assert error is not None, f"nothing was raised, not {expected.__name__}"
    assert type(error) is expected, (
        f"expected {expected.__name__}, got {type(error).__module__}.{type(error).__name__}: "
        f"{error}"
    )
    if message is not None:
        assert message in str(error), f"{expected.__name__} says {str(error)!r}"
