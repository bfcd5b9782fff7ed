"""Every step line of every feature file means exactly one step definition.

pytest-bdd, left alone, runs the first definition it finds whose pattern matches, so two
overlapping phrases make a line's meaning depend on the order step modules were imported. The
vocabulary refuses to run an ambiguous line; this test finds every such line (and every line no
definition matches) before anything runs, naming the file, the line and the definitions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_bdd.parser import FeatureParser

from orm_spec.catalogue import FEATURES_DIR, feature_files
from orm_spec.steps.kit import PLACEHOLDERS, VOCABULARY, Placeholder, Vocabulary


@dataclass(frozen=True)
class StepLine:
    file: str
    line: int
    type: str
    text: str


def step_lines(path: Path) -> Iterator[StepLine]:
    """Every step of every scenario, Outlines rendered with each Examples row."""
    feature = FeatureParser(str(path.parent), path.name).parse()
    for template in feature.scenarios.values():
        contexts = [c for examples in template.examples for c in examples.as_contexts()] or [{}]
        for context in contexts:
            for step in template.render(context).steps:
                yield StepLine(path.name, step.line_number, step.type, step.name)


@pytest.mark.parametrize("path", feature_files(), ids=lambda p: p.name)
def test_every_step_line_matches_exactly_one_definition(path: Path) -> None:
    problems = []
    for line in dict.fromkeys(step_lines(path)):
        found = VOCABULARY.matching(line.type, line.text)
        if len(found) != 1:
            competing = "; ".join(d.where for d, _ in found) or "no definition"
            problems.append(f"{line.file}:{line.line}: {line.type} {line.text!r}: {competing}")
    assert not problems, "step lines that do not mean exactly one step:\n" + "\n".join(problems)


def test_every_definition_is_used_by_some_feature_line() -> None:
    used = {
        id(definition)
        for path in feature_files()
        for line in step_lines(path)
        for definition, _ in VOCABULARY.matching(line.type, line.text)
    }
    unused = [d.where for d in VOCABULARY.definitions if id(d) not in used]
    assert not unused, f"step definitions no feature file uses: {unused}"


def test_the_guard_sees_an_ambiguous_pair() -> None:
    vocabulary = Vocabulary()
    vocabulary.define(r"I count {count} things", ("when",))(lambda count: None)
    vocabulary.define(r"I count (?P<n>\d+) things", ("when",))(lambda n: None)
    assert len(vocabulary.matching("when", "I count 3 things")) == 2


def test_the_order_of_definitions_changes_no_line() -> None:
    """The same definitions registered in reverse resolve every feature line the same way."""
    reversed_vocabulary = Vocabulary(list(reversed(VOCABULARY.definitions)))
    for path in feature_files():
        for line in step_lines(path):
            forward = [d.where for d, _ in VOCABULARY.matching(line.type, line.text)]
            backward = [d.where for d, _ in reversed_vocabulary.matching(line.type, line.text)]
            assert forward == backward == forward[:1], f"{line}: {forward} vs {backward}"


def test_an_action_accepts_try_to_and_converts_placeholders() -> None:
    vocabulary = Vocabulary()
    vocabulary.define(r"I flush {session}", ("given", "when"), action=True)(lambda s: None)
    [(definition, match)] = vocabulary.matching("when", "I try to flush the second session")
    assert definition.arguments(match) == {"attempt": "try to ", "session": "second"}


def test_placeholders_are_anchored_patterns() -> None:
    for name, placeholder in PLACEHOLDERS.items():
        assert isinstance(placeholder, Placeholder)
        re.compile(placeholder.pattern)  # a broken pattern names itself here, not in a scenario
        assert not placeholder.pattern.startswith("^"), name


def test_feature_files_exist() -> None:
    assert feature_files(), f"no feature files in {FEATURES_DIR}"
