"""What a "When I try to ..." step raised, or that it raised nothing; what SQLAlchemy warned."""

from __future__ import annotations

from orm_spec.steps.checks import check_exception
from orm_spec.steps.kit import RecordedWarning, then
from orm_spec.world import SpecWorld


@then(r'an? {exception} was raised(?: saying "(?P<message>[^"]+)")?')
def raised(world: SpecWorld, exception: type[BaseException], message: str | None) -> None:
    check_exception(world.last_attempt().error, exception, message)


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
