"""What a "When I try to ..." step raised, or that it raised nothing."""

from __future__ import annotations

import builtins

import sqlalchemy.exc
import sqlalchemy.orm.exc
from pytest_bdd import then

from orm_spec.steps.grammar import step
from orm_spec.world import SpecWorld

_EXCEPTION_MODULES = (sqlalchemy.exc, sqlalchemy.orm.exc, builtins)


def exception_class(name: str) -> type[BaseException]:
    for module in _EXCEPTION_MODULES:
        found = getattr(module, name, None)
        if isinstance(found, type) and issubclass(found, BaseException):
            return found
    raise ValueError(
        f"{name} is not an exception of sqlalchemy.exc, sqlalchemy.orm.exc or builtins"
    )


@then(step(r"an? (?P<name>\w+) was raised"))
def raised(world: SpecWorld, name: str) -> None:
    assert world.attempt is not None, 'no "When I try to ..." step ran'
    expected = exception_class(name)
    error = world.attempt.error
    assert isinstance(error, expected), f"expected {name}, got {error!r}"


@then(step(r"nothing was raised"))
def nothing_raised(world: SpecWorld) -> None:
    assert world.attempt is not None, 'no "When I try to ..." step ran'
    assert world.attempt.error is None, f"raised {world.attempt.error!r}"


@then(step(r'SQLAlchemy warned "(?P<fragment>[^"]+)"'))
def warned(world: SpecWorld, fragment: str) -> None:
    messages = [str(w.message) for w in world.caught_warnings]
    assert any(fragment in m for m in messages), f"warnings issued: {messages or 'none'}"
