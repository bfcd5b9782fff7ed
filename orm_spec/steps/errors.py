"""What a "When I try to ..." step raised (its class, its cause, its whole message, the earlier
error it quotes), or that it raised nothing; what SQLAlchemy warned."""

from __future__ import annotations

import sqlalchemy.exc

from orm_spec.steps.checks import check_exception
from orm_spec.steps.kit import RecordedWarning, then
from orm_spec.world import SpecWorld


@then(
    r"an? {exception} was raised(?: wrapping an? {cause:exception})?"
    r'(?: saying "(?P<message>[^"]+)")?'
)
def raised(
    world: SpecWorld,
    exception: type[BaseException],
    cause: type[BaseException] | None,
    message: str | None,
) -> None:
    error = world.last_attempt().error
    check_exception(error, exception, message)
    if cause is not None:
        # SQLAlchemy keeps the error it wrapped as .orig (StatementError, DBAPIError).
        check_exception(getattr(error, "orig", None) or error.__cause__, cause)


@then(r'an? {exception} was raised with code "(?P<code>\w+)"(?: saying "(?P<message>[^"]+)")?')
def raised_with_code(
    world: SpecWorld, exception: type[BaseException], code: str, message: str | None
) -> None:
    """SQLAlchemy's error code (``e.code``), the anchor of its errors page (#error-isce)."""
    error = world.last_attempt().error
    check_exception(error, exception, message)
    assert getattr(error, "code", None) == code, f"its code is {getattr(error, 'code', None)!r}"


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


@then(r'the driver refused the other query with its "Commands out of sync" error')
def out_of_sync_refused(world: SpecWorld) -> None:
    """The class is the backend's fact ``commands_out_of_sync_error`` (mysqlclient:
    ProgrammingError), so a driver that raises another class states it in its module."""
    expected = world.db.facts.commands_out_of_sync_error
    assert expected, f"{world.db.name}'s driver runs the other query: it refuses nothing"
    check_exception(
        world.last_attempt().error, getattr(sqlalchemy.exc, expected), "Commands out of sync"
    )


@then(r"the implicit IO was refused with MissingGreenlet")
def implicit_io_refused(world: SpecWorld) -> None:
    """Exactly as this backend's driver refuses it: the fact ``implicit_io_error`` says whether
    SQLAlchemy wraps the MissingGreenlet in a StatementError (see async_session.feature)."""
    expected = world.db.facts.implicit_io_error
    assert expected, f"{world.db.name} drives a sync Session: an implicit load just loads"
    error = world.last_attempt().error
    if expected.startswith("StatementError"):
        check_exception(error, sqlalchemy.exc.StatementError)
        check_exception(getattr(error, "orig", None), sqlalchemy.exc.MissingGreenlet)
    else:
        check_exception(error, sqlalchemy.exc.MissingGreenlet)


# -- what an error says --------------------------------------------------------------------------
@then(r"the {exception} raised quotes the {cause:exception} raised before it")
def error_quotes_earlier(
    world: SpecWorld, exception: type[BaseException], cause: type[BaseException]
) -> None:
    last = world.last_attempt()
    check_exception(last.error, exception)
    earlier = [o.error for o in world.outcomes[: world.outcomes.index(last)] if o.error]
    quoted = [e for e in earlier if type(e) is cause]
    assert quoted, f"no {cause.__name__} was raised before the {exception.__name__}"
    assert str(quoted[-1]) in str(last.error), f"the {exception.__name__} says {str(last.error)!r}"


@then(r"an? {exception} was raised whose message is:")
def raised_with_message(world: SpecWorld, exception: type[BaseException], docstring: str) -> None:
    """The whole message, quotes and all (``saying "..."`` cannot hold a double quote), up to
    the "(Background on this error at: ...)" link SQLAlchemy appends to some."""
    error = world.last_attempt().error
    check_exception(error, exception)
    message = str(error).split(" (Background on this error at:")[0]
    assert message == " ".join(docstring.split()), f"{exception.__name__} says {message!r}"
