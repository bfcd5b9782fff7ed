"""What orm_spec takes from pytest-bdd beyond its public API, checked against the installed
release: a release that changed one of them fails here, naming it, instead of failing every
scenario with a traceback deep in pytest-bdd.

pytest-bdd offers no public way to look a step up without scanning every fixture, nor to find
the scenario behind a collected test item; orm_spec uses its internals for both, and
pyproject.toml pins pytest-bdd to the releases this was proven with.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
from collections.abc import Mapping
from typing import Any

import pytest
from pytest_bdd import hooks, parsers, steps
from pytest_bdd.compat import inject_fixture
from pytest_bdd.parser import ScenarioTemplate

from orm_spec.steps import kit

scenario_module = importlib.import_module("pytest_bdd.scenario")
RELEASE = importlib.metadata.version("pytest-bdd")


def _requires(condition: bool, what: str) -> None:
    if not condition:
        pytest.fail(
            f"pytest-bdd {RELEASE} lacks what orm_spec relies on: {what}. Pin pytest-bdd in "
            "pyproject.toml to a release that has it, or adapt orm_spec/steps/kit.py, "
            "orm_spec/plugin.py and orm_spec/results.py",
            pytrace=False,
        )


def _parameters(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_steps_are_looked_up_through_a_module_level_get_step_function() -> None:
    """kit replaces pytest_bdd.scenario.get_step_function, which _execute_scenario calls by
    its module-level name, with a direct lookup of the vocabulary's three definitions."""
    _requires(
        _parameters(kit._find_by_fixture_scan) == ["request", "step"],
        "pytest_bdd.scenario.get_step_function(request, step)",
    )
    execute = getattr(scenario_module, "_execute_scenario", None)
    _requires(
        execute is not None and "get_step_function" in execute.__code__.co_names,
        "pytest_bdd.scenario._execute_scenario calling get_step_function by its global name",
    )
    _requires(
        scenario_module.get_step_function is kit._get_step_function,
        "the patched get_step_function in place",
    )


def test_vocabulary_steps_are_run_through_a_module_level_execute_step_function() -> None:
    """kit replaces pytest_bdd.scenario._execute_step_function, which _execute_scenario calls
    by its module-level name, and calls pytest-bdd's own for any other step function."""
    _requires(
        _parameters(kit._execute_by_pytest_bdd) == ["request", "scenario", "step", "context"],
        "pytest_bdd.scenario._execute_step_function(request, scenario, step, context)",
    )
    execute = getattr(scenario_module, "_execute_scenario", None)
    _requires(
        execute is not None and "_execute_step_function" in execute.__code__.co_names,
        "pytest_bdd.scenario._execute_scenario calling _execute_step_function by its global name",
    )
    _requires(
        scenario_module._execute_step_function is kit._execute_step_function,
        "the patched _execute_step_function in place",
    )
    names = set(kit._execute_by_pytest_bdd.__code__.co_names)
    _requires(
        {
            "pytest_bdd_before_step",
            "pytest_bdd_before_step_call",
            "pytest_bdd_step_error",
            "pytest_bdd_after_step",
        }
        <= names,
        "pytest-bdd's step hooks, which kit calls as _execute_step_function does",
    )


def test_step_definitions_are_found_in_the_context_registry() -> None:
    registry = getattr(steps, "step_function_context_registry", None)
    _requires(isinstance(registry, Mapping), "pytest_bdd.steps.step_function_context_registry")
    contexts = kit._vocabulary_contexts()
    _requires(
        sorted(contexts) == sorted(kit.STEP_TYPES),
        "a StepFunctionContext with .type and .parser for each of given/when/then",
    )
    _requires(
        all(callable(c.step_func) for c in contexts.values()),
        "StepFunctionContext.step_func",
    )
    _requires(callable(inject_fixture), "pytest_bdd.compat.inject_fixture")
    _requires(
        {"is_matching", "parse_arguments"} <= set(vars(parsers.StepParser)),
        "pytest_bdd.parsers.StepParser.is_matching / parse_arguments",
    )


def test_a_test_item_s_scenario_is_found_in_the_template_registry() -> None:
    """plugin.py and results.py read the scenario behind an item: its feature, tags, rule,
    Examples and rendered steps."""
    _requires(
        isinstance(getattr(scenario_module, "scenario_wrapper_template_registry", None), Mapping),
        "pytest_bdd.scenario.scenario_wrapper_template_registry",
    )
    fields = {f for f in getattr(ScenarioTemplate, "__dataclass_fields__", {})}
    needed = {"feature", "name", "line_number", "description", "examples", "tags", "rule"}
    _requires(needed <= fields, f"ScenarioTemplate fields {sorted(needed - fields)}")
    _requires(
        all(hasattr(ScenarioTemplate, name) for name in ("render", "steps")),
        "ScenarioTemplate.render() and .steps",
    )


def test_the_hooks_give_what_orm_spec_reads() -> None:
    wanted = {
        "pytest_bdd_before_step": {"request", "feature", "scenario", "step", "step_func"},
        "pytest_bdd_before_step_call": {
            "request",
            "feature",
            "scenario",
            "step",
            "step_func",
            "step_func_args",
        },
        "pytest_bdd_after_step": {
            "request",
            "feature",
            "scenario",
            "step",
            "step_func",
            "step_func_args",
        },
        "pytest_bdd_step_error": {
            "request",
            "feature",
            "scenario",
            "step",
            "step_func",
            "step_func_args",
            "exception",
        },
        "pytest_bdd_apply_tag": {"tag", "function"},
        "pytest_bdd_step_func_lookup_error": {"request", "feature", "scenario", "step"},
    }
    for name, arguments in wanted.items():
        spec = getattr(hooks, name, None)
        _requires(
            spec is not None and arguments <= set(_parameters(spec)),
            f"the hook {name}({', '.join(sorted(arguments))})",
        )
