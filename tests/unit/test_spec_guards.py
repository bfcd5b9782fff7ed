"""Guards on the spec itself: what pytest-bdd would otherwise let through silently."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy
from pytest_bdd.parser import FeatureParser

from orm_spec.backends import Backend, get_backend, select_backends
from orm_spec.catalogue import FEATURES_DIR, catalogue_ids, feature_files, scan_scenarios
from orm_spec.dimensions import Configuration
from orm_spec.examples import (
    DIMENSIONS,
    FACT_COLUMNS,
    SQLALCHEMY_LINES,
    WHY_BACKEND_ROWS,
    api_tagged,
    applies,
    facts_at,
    input_columns,
    table_problem,
    tagged_for,
)

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
def test_every_backend_has_a_row_in_every_backend_or_fact_table(path: Path) -> None:
    """Every backend at every server version finds its row, on every SQLAlchemy release line:
    a fact-keyed table must have a row for each answer a backend gives."""
    feature = FeatureParser(str(path.parent), path.name).parse()
    missing = []
    for template in feature.scenarios.values():
        rows = [c for examples in template.examples for c in examples.as_contexts()]
        if not rows or not any(c == "backend" or c in FACT_COLUMNS for c in rows[0]):
            continue
        tags = template.tags | feature.tags | (template.rule.tags if template.rule else set())
        releases = [sqlalchemy.__version__] if "sqlalchemy" in rows[0] else _RELEASES
        for backend in _backends_for(template, tags):
            for release in releases:
                at = Configuration.of(backend, sqlalchemy=release)
                if not tagged_for(tags, at):
                    continue  # @sqlalchemy:>=2.1: not applicable on that release
                if not any(applies(r, rows, at) for r in rows):
                    missing.append(
                        f"{path.name}: {template.name!r}: no row for {backend.name} on "
                        f"SQLAlchemy {release}"
                    )
    assert not missing, "\n".join(missing)


_RELEASES = sorted(
    {sqlalchemy.__version__, *(".".join(map(str, line)) for line in SQLALCHEMY_LINES)}
)
"""The SQLAlchemy releases a table's rows are checked at: the installed one, and each line's
first (facts such as native_uuid and implicit_io_error change between them)."""


def backend_table_problems(
    where: str, rows: list[dict[str, str]], tags: set[str], description: str
) -> list[str]:
    """What is wrong with a table keyed by backend: it restates what the scenario's @fact tags
    decide (its answers are a function of those facts on every backend at every server version
    and release line), or it does not say why no fact explains it."""
    if not rows or "backend" not in rows[0]:
        return []
    problems = []
    facts = sorted(t.removeprefix("fact:") for t in tags if t.startswith("fact:"))
    deciding = [f for f in [facts, *([f] for f in FACT_COLUMNS)] if f and _decides(f, rows, tags)]
    if deciding and deciding[0] == facts:
        problems.append(
            f"{where}: its backend rows restate what @fact:{' @fact:'.join(facts)} decides: "
            f"key the table by {', '.join(facts)} (orm_spec/examples.py)"
        )
    if WHY_BACKEND_ROWS not in description:
        hint = f" ({', '.join(deciding[0])} decides it: key the table by it)" if deciding else ""
        problems.append(
            f"{where}: a table keyed by backend must say why no fact explains it, in a line of "
            f"the scenario's description starting {WHY_BACKEND_ROWS!r}{hint}"
        )
    return problems


def _decides(facts: list[str], rows: list[dict[str, str]], tags: set[str]) -> bool:
    """Are the rows that apply a function of these facts' answers (and of the Session API and
    SQLAlchemy release, where the table has a column for them)?"""
    answers: dict[tuple[object, ...], list[tuple[tuple[str, str], ...]]] = {}
    for backend in _backends_for(None, tags):
        for release in _RELEASES:
            at = Configuration.of(backend, sqlalchemy=release)
            known = facts_at(backend, release)
            key = (
                *(getattr(known, f) for f in facts),
                backend.api if "api" in rows[0] else None,
                release if "sqlalchemy" in rows[0] else None,
            )
            stated = sorted(
                tuple((k, v) for k, v in r.items() if k != "backend")
                for r in rows
                if applies(r, rows, at)
            )
            if answers.setdefault(key, stated) != stated:
                return False
    return True


@pytest.mark.parametrize("path", feature_files(), ids=lambda p: p.name)
def test_no_backend_table_restates_a_fact_and_each_says_why(path: Path) -> None:
    feature = FeatureParser(str(path.parent), path.name).parse()
    problems = []
    for template in feature.scenarios.values():
        rows = [c for examples in template.examples for c in examples.as_contexts()]
        tags = template.tags | feature.tags | (template.rule.tags if template.rule else set())
        where = f"{path.name}:{template.line_number} {template.name!r}"
        problems += backend_table_problems(where, rows, tags, template.description or "")
    assert not problems, "\n".join(problems)


def test_the_guard_fails_a_backend_table_that_restates_a_fact() -> None:
    """Deliberately bad: SQLite's row and the servers' rows are just foreign_keys_enforced."""
    rows = [
        {"backend": "sqlite", "outcome": "nothing was raised"},
        {"backend": "postgresql", "outcome": "an IntegrityError was raised"},
        {"backend": "mariadb", "outcome": "an IntegrityError was raised"},
    ]
    tags = {"DV1", "fact:foreign_keys_enforced"}
    problems = backend_table_problems("bad.feature:1 'x'", rows, tags, "Backend rows: because.")
    assert problems == [
        "bad.feature:1 'x': its backend rows restate what @fact:foreign_keys_enforced decides: "
        "key the table by foreign_keys_enforced (orm_spec/examples.py)"
    ]


def test_the_guard_fails_a_backend_table_that_says_no_why() -> None:
    """Deliberately bad: no tag, no why; the guard names the fact that would decide it."""
    rows = [
        {"backend": "sqlite", "join": "JOIN"},
        {"backend": "postgresql", "join": "JOIN"},
        {"backend": "mariadb", "join": "INNER JOIN"},
    ]
    problems = backend_table_problems("bad.feature:1 'x'", rows, {"CL30"}, "")
    assert len(problems) == 1
    assert "must say why no fact explains it" in problems[0]
    assert "Backend rows:" in problems[0]
    # A table no fact decides (PostgreSQL 13 and 15 answer every fact alike) passes once its
    # description says why.
    rows = [
        {"backend": "sqlite", "answer": "1"},
        {"backend": "postgresql<15", "answer": "2"},
        {"backend": "postgresql>=15", "answer": "1"},
        {"backend": "mariadb", "answer": "1"},
    ]
    why = "Backend rows: nothing the backends answer tells PostgreSQL 13 from 15 here."
    assert not any(_decides([fact], rows, set()) for fact in FACT_COLUMNS)
    assert backend_table_problems("ok.feature:1 'y'", rows, set(), why) == []


def test_a_fact_keyed_table_passes_the_guard_and_applies_by_the_fact() -> None:
    rows = [
        {"foreign_keys_enforced": "no", "outcome": "nothing was raised"},
        {"foreign_keys_enforced": "yes", "outcome": "an IntegrityError was raised"},
    ]
    assert (
        backend_table_problems("ok.feature:1 'x'", rows, {"fact:foreign_keys_enforced"}, "") == []
    )
    assert backend_table_problems("ok.feature:1 'x'", rows, set(), "") == []
    stated = {
        name: [
            r["outcome"]
            for r in rows
            if applies(r, rows, Configuration.of(get_backend(name), sqlalchemy="2.1.9"))
        ]
        for name in ("sqlite", "sqlite_transactional", "postgresql", "mariadb@10.5")
    }
    assert stated == {
        "sqlite": ["nothing was raised"],
        "sqlite_transactional": ["nothing was raised"],
        "postgresql": ["an IntegrityError was raised"],
        "mariadb@10.5": ["an IntegrityError was raised"],
    }
    # The fact column is a dimension: the table is one behaviour, its outcome the answer.
    assert input_columns(rows) == []


def test_a_fact_answer_that_depends_on_versions_is_read_at_the_run_s_versions() -> None:
    rows = [{"uuid_driver_type": v, "x": v} for v in ("none", "str", "uuid.UUID")]
    rows.append({"uuid_driver_type": "asyncpg.pgproto.pgproto.UUID", "x": "asyncpg"})
    at = {
        (name, release): [
            r["x"]
            for r in rows
            if applies(r, rows, Configuration.of(get_backend(name), sqlalchemy=release))
        ]
        for name in ("mariadb@10.5", "mariadb@11.8")
        for release in ("2.0.58", "2.1.9")
    }
    assert at == {
        ("mariadb@10.5", "2.0.58"): ["none"],
        ("mariadb@10.5", "2.1.9"): ["none"],
        ("mariadb@11.8", "2.0.58"): ["none"],
        ("mariadb@11.8", "2.1.9"): ["str"],
    }


@pytest.mark.parametrize(
    ("header", "cells", "steps", "fragment"),
    [
        (
            "foreign_keys_enforcd",
            ["yes"],
            "Then <outcome>",
            "Examples column 'foreign_keys_enforcd' is no step's parameter and names no "
            "backend fact: did you mean foreign_keys_enforced?",
        ),
        (
            "foreign_keys_enforced",
            ["true"],
            "Then <outcome>",
            "Examples column foreign_keys_enforced has 'true', which no backend answers: "
            "choose from no, yes",
        ),
        (
            "shared_lock_clause",
            ["FOR KEY SHARE"],
            "Then <outcome>",
            "has 'FOR KEY SHARE', which no backend answers: choose from FOR SHARE, LOCK IN "
            "SHARE MODE, none",
        ),
    ],
)
def test_a_bad_fact_column_is_one_line_naming_what_to_choose(
    header: str, cells: list[str], steps: str, fragment: str
) -> None:
    rows = [{header: cell, "outcome": "nothing was raised"} for cell in cells]
    problem = table_problem(rows, steps)
    assert problem is not None
    assert fragment in problem
    assert "\n" not in problem


def test_a_snake_case_column_a_step_uses_is_no_fact_column() -> None:
    rows = [{"first_name": "Alice", "backend": "sqlite"}]
    assert table_problem(rows, "Given a user <first_name>") is None
    assert table_problem([{"first table": "posts"}], "Then <x>") is None


def test_dimensions_are_the_run_s_and_every_fact() -> None:
    configuration_columns = DIMENSIONS[: len(DIMENSIONS) - len(FACT_COLUMNS)]
    assert set(configuration_columns) == {"backend", "api", "sqlalchemy", "python"}
    assert DIMENSIONS[len(configuration_columns) :] == FACT_COLUMNS


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


def test_configuration_tags_restrict_a_scenario_to_the_cells_they_name() -> None:
    from orm_spec.examples import configuration_tags, tagged_for

    tags = {"FQ12", "sqlalchemy:>=2.1", "api:async", "fact:native_uuid"}
    assert configuration_tags(tags) == {"sqlalchemy": ">=2.1", "api": "async"}
    backend = get_backend("sqlite_async")
    assert tagged_for(tags, Configuration.of(backend, sqlalchemy="2.1.0"))
    assert not tagged_for(tags, Configuration.of(backend, sqlalchemy="2.0.58"))
    assert not tagged_for(tags, Configuration.of(get_backend("sqlite"), sqlalchemy="2.1.0"))
