"""The vocabulary kit: how a step phrase is defined, found, parsed and run.

Step modules define phrases with ``action``, ``given`` and ``then``. A phrase is a regex in which
``{name}`` (or ``{param:name}``) stands for a typed placeholder from ``grammar``: the placeholder
brings its pattern and the converter that turns the matched text into a Python value, once,
before the step function runs (pytest-bdd's ``converters=``, declared once per placeholder
instead of once per step).

- ``action`` defines a phrase for Given and When at once. It starts with "I " and can always be
  written "I try to ...": the exception it raises is then its outcome instead of a failure (a
  phrase with another actor spells the attempt itself: "another session (?P<attempt>tries to
  ...)"). Every action records one ``Outcome`` in the scenario's world, which Then steps judge.
- Every step line of a feature file must match exactly one definition. pytest-bdd sees one step
  definition per step type, whose parser asks this vocabulary; a line that two definitions match
  fails with both named (``tests/unit/test_vocabulary.py`` checks every feature file up front),
  so the order in which step modules are imported cannot change what a line means. Looking a
  line up is one cached dictionary access, however large the vocabulary grows.
- An authoring mistake (``AuthoringError``) fails the scenario with one line naming the feature
  file, the line and what to write instead.
- Every SQLAlchemy warning a step causes is recorded; one that no Then step states ("SQLAlchemy
  warned ...") fails the scenario.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import inspect
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
import sqlalchemy.exc
from pytest_bdd import given as bdd_given
from pytest_bdd import then as bdd_then
from pytest_bdd import when as bdd_when
from pytest_bdd.parsers import StepParser

from orm_spec.domain import AuthoringError
from orm_spec.run import RUN_KEY, WORLD_KEY, ScenarioRun, StepInFile, StepOutcome, StepRecord
from orm_spec.run import RecordedWarning as RecordedWarning  # what "SQLAlchemy warned" reads

if TYPE_CHECKING:
    from orm_spec.world import OutcomeKind, SpecWorld

# -- pytest-bdd's internals, all in one place ----------------------------------------------------
# pytest-bdd has no public way to look a step up without scanning every fixture, nor to find the
# scenario behind a collected test item. pyproject.toml pins the releases these were proven with;
# tests/unit/test_pytest_bdd_internals.py checks the rest of what is relied on.
PYTEST_BDD_PROVEN = ">=9.0.0,<9.1"
try:
    from pytest_bdd.compat import inject_fixture
    from pytest_bdd.parser import ScenarioTemplate
    from pytest_bdd.scenario import scenario_wrapper_template_registry
    from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

    # The module, not the function pytest_bdd exports under the same name.
    pytest_bdd_scenario = importlib.import_module("pytest_bdd.scenario")
    _find_by_fixture_scan = pytest_bdd_scenario.get_step_function
except (ImportError, AttributeError) as exc:
    raise ImportError(
        f"orm-spec runs on pytest-bdd {PYTEST_BDD_PROVEN} (pyproject.toml); the installed "
        f"{importlib.metadata.version('pytest-bdd')} lacks what it relies on: {exc}"
    ) from None


def scenario_of(item: pytest.Item) -> ScenarioTemplate | None:
    """The Gherkin scenario a pytest-bdd test item runs (None for any other test)."""
    return scenario_wrapper_template_registry.get(getattr(item, "obj", None))


F = TypeVar("F", bound=Callable[..., Any])

STEP_TYPES = ("given", "when", "then")
ATTEMPT = "attempt"
"""The group of an action's optional "try to "."""


@dataclass(frozen=True)
class Placeholder:
    """A typed part of a phrase: what it matches and what it becomes."""

    pattern: str
    convert: Callable[[Any], Any] = str
    optional: bool = False
    """May be absent from the line: the converter then receives None."""


PLACEHOLDERS: dict[str, Placeholder] = {}


def placeholder(
    name: str, pattern: str, convert: Callable[[Any], Any] = str, optional: bool = False
) -> None:
    if name in PLACEHOLDERS:
        raise ValueError(f"placeholder {{{name}}} is defined twice")
    PLACEHOLDERS[name] = Placeholder(pattern, convert, optional)


_TOKEN = re.compile(r"\{(?:(?P<param>[a-z_]\w*):)?(?P<name>[a-z_]\w*)\}")


@dataclass
class Definition:
    """One phrase and the function that performs it."""

    phrase: str
    types: tuple[str, ...]
    func: Callable[..., Any]
    action: bool = False
    outcome: OutcomeKind | None = None
    """For an action: the kind of value it produces (a load, a value read, a query's list)."""
    target_fixture: str | None = None
    regex: re.Pattern[str] | None = None
    placeholders: dict[str, Placeholder] = field(default_factory=dict)

    @functools.cached_property
    def parameters(self) -> tuple[str, ...]:
        """The step function's parameter names, read once (inspect.signature is not cheap)."""
        return tuple(inspect.signature(self.func).parameters)

    @property
    def where(self) -> str:
        code = self.func.__code__
        return f"{Path(code.co_filename).name}:{code.co_firstlineno} {self.func.__name__}"

    def compile(self) -> None:
        """The full-match regex of the phrase and the placeholder of each of its groups. Done
        when the first line is looked up, so a module may use a placeholder another defines."""
        placeholders: dict[str, Placeholder] = {}

        def expand(token: re.Match[str]) -> str:
            kind = PLACEHOLDERS.get(token["name"])
            if kind is None:
                raise ValueError(f"unknown placeholder {token.group(0)} in {self.where}")
            param = token["param"] or token["name"]
            placeholders[param] = kind
            return f"(?P<{param}>{kind.pattern})" + ("?" if kind.optional else "")

        body = _TOKEN.sub(expand, self.phrase)
        if self.action and f"(?P<{ATTEMPT}>" not in body:
            body = f"I (?P<{ATTEMPT}>try to )?{body[2:]}"
        self.regex = re.compile(rf"^{body}$")
        self.placeholders = placeholders

    def arguments(self, match: re.Match[str]) -> dict[str, Any]:
        """The named groups, each placeholder's converted. A placeholder inside an optional
        part of the phrase that is absent is None; an optional placeholder converts None."""
        arguments: dict[str, Any] = {}
        for name, text in match.groupdict().items():
            kind = self.placeholders.get(name)
            if kind is None:
                arguments[name] = text
            else:
                arguments[name] = kind.convert(text) if text is not None or kind.optional else None
        return arguments


@dataclass
class Vocabulary:
    definitions: list[Definition] = field(default_factory=list)
    _compiled: bool = False
    _cache: dict[tuple[str, str], list[tuple[Definition, re.Match[str]]]] = field(
        default_factory=dict
    )

    def define(
        self,
        phrase: str,
        types: tuple[str, ...],
        action: bool = False,
        outcome: OutcomeKind | None = None,
        target_fixture: str | None = None,
    ) -> Callable[[F], F]:
        if action and not phrase.startswith("I ") and f"(?P<{ATTEMPT}>" not in phrase:
            raise ValueError(
                f"an action phrase starts with 'I ' (or spells its own attempt group): {phrase!r}"
            )

        def register(func: F) -> F:
            self.definitions.append(
                Definition(phrase, types, func, action, outcome, target_fixture)
            )
            self._compiled = False
            self._cache.clear()
            return func

        return register

    def compile(self) -> None:
        """Every phrase's regex (a tenth of a second for the whole vocabulary): once every step
        module is loaded, and before the first scenario, which would otherwise pay for it."""
        if not self._compiled:
            for definition in self.definitions:
                definition.compile()
            self._compiled = True

    def matching(self, type_: str, text: str) -> list[tuple[Definition, re.Match[str]]]:
        key = (type_, text)
        found = self._cache.get(key)
        if found is None:
            self.compile()
            found = [
                (definition, match)
                for definition in self.definitions
                if type_ in definition.types and (match := definition.regex.match(text))  # type: ignore[union-attr]
            ]
            self._cache[key] = found
        return found


VOCABULARY = Vocabulary()


def action(
    phrase: str, outcome: OutcomeKind | None = None, target_fixture: str | None = None
) -> Callable[[F], F]:
    """A phrase for Given and When: "I flush the session", also "I try to flush the session"."""
    return VOCABULARY.define(phrase, ("given", "when"), True, outcome, target_fixture)


def given(phrase: str, target_fixture: str | None = None) -> Callable[[F], F]:
    """A state the scenario starts from: "the users Alice and Bob exist"."""
    return VOCABULARY.define(phrase, ("given",), target_fixture=target_fixture)


def then(phrase: str) -> Callable[[F], F]:
    """A check of what happened. It must be able to fail."""
    return VOCABULARY.define(phrase, ("then",))


# -- running a step ------------------------------------------------------------------------------
def _is_sqlalchemy_warning(category: type[Warning]) -> bool:
    return issubclass(category, (sqlalchemy.exc.SAWarning, sqlalchemy.exc.SADeprecationWarning))


def fail_authoring(where: StepRecord | None, message: str) -> None:
    pytest.fail(f"{where or 'a step'}: {message}", pytrace=False)


def run_step(world: SpecWorld, type_: str, text: str, **extra: Any) -> Any:
    """Find the one definition of ``text`` and run it (pytest-bdd calls this for every step),
    as one record of the scenario's run."""
    __tracebackhide__ = True
    run = world.run
    record = run.begin()
    outcome = StepOutcome.FAILED
    caught: list[Any] = []
    try:
        found = VOCABULARY.matching(type_, text)
        if len(found) != 1:
            competing = "; ".join(d.where for d, _ in found)
            fail_authoring(
                record,
                f"the line matches {len(found)} step definitions ({competing}): "
                "make the phrases distinct so that one phrase means one step",
            )
        definition, match = found[0]
        with warnings.catch_warnings(record=True) as caught:
            # Record everything: the configured filters would turn an SAWarning into an
            # exception inside SQLAlchemy, where it cannot be told from a failure of the
            # behaviour itself.
            warnings.simplefilter("always")
            value = _call(world, record, definition, match, text, extra)
        outcome = StepOutcome.PASSED
        return value
    except AuthoringError as exc:
        fail_authoring(record, str(exc))
    finally:
        run.finish(record, outcome)
        _sort_warnings(run, record, caught)  # outside the recording: re-issued ones escape


def _call(
    world: SpecWorld,
    record: StepRecord,
    definition: Definition,
    match: re.Match[str],
    text: str,
    extra: dict[str, Any],
) -> Any:
    __tracebackhide__ = True
    kwargs = definition.arguments(match)
    attempted = bool(kwargs.pop(ATTEMPT, None)) if definition.action else False
    request = world.run.request
    for name in definition.parameters:
        if name not in kwargs:
            if name in extra:
                kwargs[name] = extra[name]
            elif name == "world":
                kwargs[name] = world
            else:
                kwargs[name] = request.getfixturevalue(name)  # type: ignore[union-attr]
    if definition.action:
        record.action = world.act(
            str(record), lambda: definition.func(**kwargs), attempted, definition.outcome
        )
        value = record.action.value
    else:
        value = definition.func(**kwargs)
    if definition.target_fixture:
        inject_fixture(request, definition.target_fixture, value)
    return value


def _sort_warnings(run: ScenarioRun, record: StepRecord, caught: list[Any]) -> None:
    """SQLAlchemy's warnings go to the step's record; any other warning is re-issued to the
    filters the run configured."""
    for message in caught:
        if _is_sqlalchemy_warning(message.category):
            run.warn(record, message)
        else:
            warnings.warn_explicit(
                message.message, message.category, message.filename, message.lineno
            )


@pytest.fixture
def sqlalchemy_warnings(world: SpecWorld) -> list[RecordedWarning]:
    """The SQLAlchemy warnings the scenario's steps caused so far (the run's live list)."""
    return world.run.warnings


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """A scenario that passed fails when a step caused a SQLAlchemy warning nobody stated."""
    result = yield
    run = item.stash.get(RUN_KEY, None)
    unexpected = run.unexpected_warnings() if run is not None else []
    if unexpected:
        lines = [f"{w.step}: {w.message.category.__name__}: {w.text}" for w in unexpected]
        pytest.fail(
            "SQLAlchemy warned and no step states it (add 'Then SQLAlchemy warned \"...\"' or "
            "fix the scenario):\n" + "\n".join(lines),
            pytrace=False,
        )
    return result


# -- the bridge to pytest-bdd --------------------------------------------------------------------
class _VocabularyParser(StepParser):
    """What pytest-bdd asks about a step line: answered by the vocabulary for one step type."""

    def __init__(self, type_: str) -> None:
        super().__init__(f"orm-spec vocabulary ({type_})")
        self.type = type_

    def is_matching(self, name: str) -> bool:
        # Ambiguous lines match too: running them fails with the competing definitions named.
        return bool(VOCABULARY.matching(self.type, name))

    def parse_arguments(self, name: str) -> dict[str, Any]:
        return {"orm_spec_step": name}


def _step_function(type_: str) -> Callable[..., Any]:
    # ``world``, not ``request``: asking pytest-bdd for "request" would ask pytest, which builds
    # a new fixture definition for it each time (a fifth of pytest-bdd's cost per step).
    def step(orm_spec_step: str, world: SpecWorld, docstring: str | None = None) -> Any:
        return run_step(world, type_, orm_spec_step, docstring=docstring)

    # pytest-bdd reads the signature at least twice per step; inspect.signature does not cache.
    step.__signature__ = inspect.signature(step)  # type: ignore[attr-defined]
    step.__name__ = f"_{type_}_step"
    return step


_given_step = bdd_given(_VocabularyParser("given"))(_step_function("given"))
_when_step = bdd_when(_VocabularyParser("when"))(_step_function("when"))
_then_step = bdd_then(_VocabularyParser("then"))(_step_function("then"))


# -- step lookup without the fixture scan --------------------------------------------------------
# pytest-bdd finds a step's definition by asking every fixture name of the session whether it is
# a step that parses the line (thousands of lookups per step, growing with every fixture). Every
# line of the spec is answered by the three definitions above, so a line the vocabulary knows
# goes straight to its definition; any other line (a project's own pytest-bdd steps) is looked up
# the usual way.
def _vocabulary_contexts() -> dict[str, StepFunctionContext]:
    return {
        context.type: context
        for context in list(step_function_context_registry.values())
        if isinstance(context.parser, _VocabularyParser) and context.type
    }


_CONTEXTS: dict[str, StepFunctionContext] = {}


def _get_step_function(request: pytest.FixtureRequest, step: Any) -> StepFunctionContext | None:
    if not _CONTEXTS:
        _CONTEXTS.update(_vocabulary_contexts())
    context = _CONTEXTS.get(step.type)
    if context is not None and VOCABULARY.matching(step.type, step.name):
        return context
    return _find_by_fixture_scan(request=request, step=step)


pytest_bdd_scenario.get_step_function = _get_step_function


# -- running a vocabulary step without pytest-bdd's generic call ---------------------------------
# pytest-bdd's _execute_step_function serves any step function: per step it reads the function's
# signature twice, parses the arguments through the parser and its converters, asks pytest for
# every parameter as a fixture and calls the function as a fixture (it might be a generator).
# The vocabulary's three step functions take the line, the world and the doc string, and are
# plain functions: their steps are run here, with pytest-bdd's hooks called as it calls them (its
# own reporting reads them). Any other step function goes through pytest-bdd's.
_execute_by_pytest_bdd = pytest_bdd_scenario._execute_step_function


def _execute_step_function(
    request: pytest.FixtureRequest, scenario: Any, step: Any, context: StepFunctionContext
) -> None:
    __tracebackhide__ = True
    if not isinstance(context.parser, _VocabularyParser):
        return _execute_by_pytest_bdd(request, scenario, step, context)  # type: ignore[no-any-return]
    hook = request.config.hook
    kw: dict[str, Any] = {
        "request": request,
        "feature": scenario.feature,
        "scenario": scenario,
        "step": step,
        "step_func": context.step_func,
        "step_func_args": {},
    }
    hook.pytest_bdd_before_step(**kw)
    # The first step creates the world (and its run); later ones find it in the item's stash.
    world = request.node.stash.get(WORLD_KEY, None)
    if world is None:
        world = request.getfixturevalue("world")
    # Tell the scenario's run which step of which feature file runs next.
    world.run.announce(
        request,
        StepInFile(
            scenario.feature.rel_filename,
            step.line_number,
            step.keyword.strip(),
            step.type,
            step.name,
        ),
    )
    try:
        kwargs: dict[str, Any] = {"orm_spec_step": step.name, "world": world}
        if step.docstring is not None:
            kwargs["docstring"] = step.docstring
        kw["step_func_args"] = kwargs
        hook.pytest_bdd_before_step_call(**kw)
        return_value = context.step_func(**kwargs)
    except (Exception, pytest.fail.Exception) as exception:
        hook.pytest_bdd_step_error(exception=exception, **kw)
        raise
    if context.target_fixture is not None:
        inject_fixture(request, context.target_fixture, return_value)
    hook.pytest_bdd_after_step(**kw)
    return None


pytest_bdd_scenario._execute_step_function = _execute_step_function
