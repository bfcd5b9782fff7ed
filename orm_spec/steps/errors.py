"""What a "When I try to ..." step raised, or that it raised nothing; what SQLAlchemy warned."""

from __future__ import annotations

from orm_spec.steps.kit import RecordedWarning, then
from orm_spec.world import SpecWorld


@then(r"an? {exception} was raised")
def raised(world: SpecWorld, exception: type[BaseException]) -> None:
    error = world.last_attempt().error
    assert isinstance(error, exception), f"expected {exception.__name__}, got {error!r}"


@then(r"nothing was raised")
def nothing_raised(world: SpecWorld) -> None:
    error = world.last_attempt().error
    assert error is None, f"raised {error!r}"


@then(r'SQLAlchemy warned "(?P<fragment>[^"]+)"')
def warned(sqlalchemy_warnings: list[RecordedWarning], fragment: str) -> None:
    matching = [w for w in sqlalchemy_warnings if fragment in w.text]
    assert matching, f"warnings issued: {[w.text for w in sqlalchemy_warnings] or 'none'}"
    for warning in matching:
        warning.expected = True


@then(r"SQLAlchemy did not warn")
def did_not_warn(sqlalchemy_warnings: list[RecordedWarning]) -> None:
    assert not sqlalchemy_warnings, f"warnings issued: {[w.text for w in sqlalchemy_warnings]}"
