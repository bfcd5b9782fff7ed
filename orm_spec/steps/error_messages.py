"""What an error says beyond its class: its whole message, and the earlier error it quotes."""

from __future__ import annotations

from orm_spec.steps.checks import check_exception
from orm_spec.steps.kit import then
from orm_spec.world import SpecWorld


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
