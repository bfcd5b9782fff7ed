"""Guards on the spec itself: what pytest-bdd would otherwise let through silently."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pytest_bdd.parser import FeatureParser

from orm_spec.backends import Backend, get_backend, select_backends
from orm_spec.catalogue import FEATURES_DIR, catalogue_ids, feature_files, scan_scenarios
from orm_spec.dimensions import Configuration
from orm_spec.examples import DIMENSIONS, api_tagged, applies

TESTS_DIR = Path(__file__).resolve().parent.parent / "features"
_BINDING = re.compile(r"""scenarios\(\s*["']([^"']+\.feature)["']""")


def bound_feature_files() -> set[str]:
    return {
        name
        for module in TESTS_DIR.glob("test_*.py")
        for name in _BINDING.findall(module.read_text(encoding="utf-8"))
    }


def test_every_feature_file_is_bound_by_a_test_module() -> None:
    unbound = sorted(p.name for p in feature_files() if p.name not in bound_feature_files())
    assert not unbound, (
        f"feature files no test module binds (their scenarios would never run): {unbound}; "
        'add tests/features/test_<name>.py with scenarios("<name>.feature")'
    )


def test_every_binding_names_an_existing_feature_file() -> None:
    missing = sorted(name for name in bound_feature_files() if not (FEATURES_DIR / name).is_file())
    assert not missing, f"test modules bind feature files that do not exist: {missing}"


@pytest.mark.parametrize("path", feature_files(), ids=lambda p: p.name)
def test_scenario_names_are_unique_within_a_feature_file(path: Path) -> None:
    # pytest-bdd keys scenarios by name: a second one with the same name (even under another
    # Rule) silently replaces the first, so one of them would never run.
    counts = Counter(s.name for s in scan_scenarios([path]))
    repeated = sorted(name for name, n in counts.items() if n > 1)
    assert not repeated, f"{path.name} repeats scenario names: {repeated}"


@pytest.mark.parametrize("path", feature_files(), ids=lambda p: p.name)
def test_every_scenario_names_a_catalogue_row(path: Path) -> None:
    # @walkthrough marks the tutorial's own replay: its reads state no catalogue row.
    known = {*catalogue_ids(), "walkthrough"}
    untagged = [s.name for s in scan_scenarios([path]) if not s.tags & known]
    assert not untagged, f"{path.name}: scenarios tagged with no catalogue ID: {untagged}"


def test_the_scanner_sees_scenarios_and_outlines_with_inherited_tags(tmp_path: Path) -> None:
    feature = tmp_path / "x.feature"
    feature.write_text(
        "@ST1\nFeature: F\n  Rule: R\n    @IM2 @IM3\n    Scenario: one\n      Given x\n"
        "  Rule: S\n    @UW1\n    Scenario Outline: two\n      Given <a>\n"
        "      Examples:\n        | a |\n        | 1 |\n",
        encoding="utf-8",
    )
    found = {s.name: s.tags for s in scan_scenarios([feature])}
    assert found == {"one": {"ST1", "IM2", "IM3"}, "two": {"ST1", "UW1"}}


def _server_version(backend: Backend) -> tuple[int, ...]:
    """The version a backend's rows are chosen for: its server's release line (10.11), or the
    SQLite library this Python links."""
    return tuple(int(part) for part in backend.server_release.split("."))


@pytest.mark.parametrize("path", feature_files(), ids=lambda p: p.name)
def test_backend_rows_agree_with_the_facts_they_prove(path: Path) -> None:
    """In an Outline tagged @fact:..., backends answering the facts alike are stated the same
    answer: a fact that is wrong for a backend, or a row that contradicts it, fails here."""
    feature = FeatureParser(str(path.parent), path.name).parse()
    problems = []
    for template in feature.scenarios.values():
        tags = template.tags | (template.rule.tags if template.rule else set())
        facts = sorted(t.removeprefix("fact:") for t in tags if t.startswith("fact:"))
        rows = [c for examples in template.examples for c in examples.as_contexts()]
        if not facts or not rows or "backend" not in rows[0]:
            continue
        stated: dict[tuple[object, ...], set[tuple[str, ...]]] = {}
        for backend in _backends_for(template, tags | feature.tags):
            at = Configuration.of(backend)
            answers = backend.facts(_server_version(backend))
            key = tuple(getattr(answers, fact) for fact in facts)
            for row in (r for r in rows if applies(r, rows, at)):
                # The configuration a row states (backend, sqlalchemy, api) is not its answer.
                stated.setdefault(key, set()).add(
                    tuple(v for k, v in row.items() if k not in DIMENSIONS)
                )
        for key, answers_stated in stated.items():
            if len(answers_stated) > 1:
                alike = dict(zip(facts, key, strict=True))
                problems.append(f"{path.name}: {template.name!r}: {alike} yet {answers_stated}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", feature_files(), ids=lambda p: p.name)
def test_every_backend_has_a_row_in_every_backend_table(path: Path) -> None:
    feature = FeatureParser(str(path.parent), path.name).parse()
    missing = []
    for template in feature.scenarios.values():
        rows = [c for examples in template.examples for c in examples.as_contexts()]
        if not rows or "backend" not in rows[0]:
            continue
        tags = template.tags | feature.tags | (template.rule.tags if template.rule else set())
        for backend in _backends_for(template, tags):
            at = Configuration.of(backend)
            if not any(applies(r, rows, at) for r in rows):
                missing.append(f"{path.name}: {template.name!r}: no row for {backend.name}")
    assert not missing, "\n".join(missing)


def _backends_for(template: object, tags: set[str]) -> list[Backend]:
    """The backends a scenario runs on, at every server version: all, or those of the Session
    API it is tagged with."""
    only = api_tagged(tags)
    every = [get_backend(name) for name in select_backends(["all@all"], None)]
    return [b for b in every if only is None or b.api == only]


def test_a_release_line_with_no_row_fails_naming_the_table(tmp_path: Path) -> None:
    """A future release (2.2) has no row in a `sqlalchemy` table: a failure, not a silence."""
    (tmp_path / "pretend_sqlalchemy_2_2.py").write_text(
        "import sqlalchemy\nsqlalchemy.__version__ = '2.2.0'\n", encoding="utf-8"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "pretend_sqlalchemy_2_2",
            "--backend",
            "sqlite",
            "tests/features/test_version_differences.py",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stdout[-2000:]
    assert "no Examples row states the behaviour on sqlite with SQLAlchemy 2.2.0" in done.stdout
    assert "version_differences.feature:" in done.stdout
