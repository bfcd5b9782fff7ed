"""The known bugs' table (orm_spec/known_bugs.toml): its entries, the scenarios that state each
bug's fix, the strict expected failures on a buggy release, and the README's generated table."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from orm_spec import known_bugs
from orm_spec.catalogue import feature_files
from orm_spec.known_bugs import KnownBugsError, parse
from orm_spec.plugin import known_bugs_summary, pytest_bdd_apply_tag
from tests.report_runs import features_copy

ROOT = Path(__file__).resolve().parents[2]
README_MARKERS = ("<!-- known-bugs: begin -->", "<!-- known-bugs: end -->")
_SQLA_TAG = re.compile(r"@sqla:(\S+)")

GOOD = """
[[bug]]
ticket = 13643
title = "MutableDict |= is not detected"
area = "mutable"
first_buggy = "2.0.0"
last_buggy = "2.0.54"
fixed_in = "2.0.55"
last_buggy_2_1 = "2.1.3"
fixed_in_2_1 = "2.1.4"
changelog = "changelog_20 2.0.55 [orm extensions] (also 2.1.4)"
"""


def _tagged_tickets() -> dict[str, list[str]]:
    """Every @sqla:... tag of the features, with the files that carry it."""
    found: dict[str, list[str]] = {}
    for path in feature_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("@"):
                for value in _SQLA_TAG.findall(line):
                    found.setdefault(value, []).append(path.name)
    return found


def test_the_table_loads() -> None:
    bugs = known_bugs.load()
    assert bugs, "orm_spec/known_bugs.toml lists no bug"
    assert all(b.confirmed for b in bugs.values()), "every bug is confirmed by its script"


def test_every_ticket_of_the_table_is_stated_by_a_scenario() -> None:
    """A bug of the table states a behaviour: a scenario tagged with its ticket says what the
    fix restored, or the entry says why none does (scenario = false, why = ...)."""
    tagged = _tagged_tickets()
    missing = [
        f"#{ticket} ({bug.title})"
        for ticket, bug in sorted(known_bugs.load().items())
        if bug.scenario and str(ticket) not in tagged
    ]
    assert not missing, (
        "no scenario tagged @sqla:<ticket> states these bugs' fix: "
        + "; ".join(missing)
        + ' (tag one, or mark the entry scenario = false with why = "...")'
    )


def test_a_ticket_marked_without_scenario_has_none() -> None:
    tagged = _tagged_tickets()
    wrong = [t for t, b in known_bugs.load().items() if not b.scenario and str(t) in tagged]
    assert not wrong, f"scenario = false, yet a scenario is tagged with it: {wrong}"


def test_every_sqla_tag_names_a_ticket_of_the_table() -> None:
    bugs = known_bugs.load()
    problems = [
        f"{', '.join(files)}: {known_bugs.tag_problem('sqla:' + value, bugs)}"
        for value, files in _tagged_tickets().items()
        if known_bugs.tag_problem("sqla:" + value, bugs)
    ]
    assert not problems, "\n".join(problems)


def test_a_tag_naming_no_ticket_is_a_one_line_usage_error(tmp_path: Path) -> None:
    features = features_copy(tmp_path / "features")
    spec = features / "known_bugs.feature"
    spec.write_text(spec.read_text(encoding="utf-8").replace("@sqla:13176", "@sqla:1317"))
    done = _run(
        ROOT / "orm_spec" / "known_bugs.toml",
        "test_known_bugs.py",
        "-o",
        f"bdd_features_base_dir={features}/",
    )
    assert done.returncode == 4, done.stdout[-2000:]
    # One line (other plugins installed on the machine may warn on stderr too).
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    assert "Traceback" not in done.stderr and len(errors) == 1, done.stderr
    assert re.fullmatch(
        r"ERROR: features/known_bugs\.feature:\d+ \('get\(\) with with_for_update=False of a "
        r"loaded primary key emits no SQL'\): tag @sqla:1317 names no ticket of "
        r"orm_spec/known_bugs\.toml: add the bug there \(first_buggy, last_buggy, fixed_in\) or "
        r"fix the number",
        errors[0],
    ), errors[0]


def test_a_tag_names_its_ticket_as_a_marker() -> None:
    def scenario() -> None: ...

    assert pytest_bdd_apply_tag("sqla:13643", scenario) is True
    assert [m.args for m in scenario.pytestmark] == [(13643,)]  # type: ignore[attr-defined]


def test_releases_with_the_bug_and_the_fix_they_get() -> None:
    bug = parse(GOOD)[13643]
    assert [v for v in ("1.4.54", "2.0.0", "2.0.54", "2.0.55") if bug.affects(v)] == [
        "2.0.0",
        "2.0.54",
    ]
    assert [v for v in ("2.1.0", "2.1.3", "2.1.4", "2.2.0") if bug.affects(v)] == [
        "2.1.0",
        "2.1.3",
    ]
    assert bug.reason("2.0.30") == "SQLAlchemy bug #13643, fixed in 2.0.55"
    assert bug.reason("2.1.0") == "SQLAlchemy bug #13643, fixed in 2.1.4"
    assert bug.buggy_ranges() == ["2.0.0 - 2.0.54", "2.1.0 - 2.1.3"]


@pytest.mark.parametrize(
    ("change", "line"),
    [
        ('last_buggy = "2.0.54"', "bug #13643: no last_buggy"),
        ('fixed_in = "2.0.55"', "bug #13643: no fixed_in"),
    ],
)
def test_a_missing_key_is_one_line(change: str, line: str) -> None:
    with pytest.raises(KnownBugsError) as raised:
        parse(GOOD.replace(change, ""))
    assert str(raised.value) == f"known_bugs.toml: {line}"


def test_every_bad_entry_is_a_line_of_its_own() -> None:
    bad = (
        GOOD.replace('fixed_in = "2.0.55"', 'fixed_in = "2.0.50"')
        + GOOD.replace("13643", "13644").replace('"2.0.0"', '"two"')
        + GOOD.replace('last_buggy_2_1 = "2.1.3"\n', "").replace("13643", "13645")
        + GOOD.replace("13643", "13646")
        + "scenario = false\nsurprise = 1\n"
        + GOOD
    )
    with pytest.raises(KnownBugsError) as raised:
        parse(bad)
    assert str(raised.value).splitlines() == [
        "known_bugs.toml: bug #13643: releases out of order: first_buggy 2.0.0 <= last_buggy "
        "2.0.54 < fixed_in 2.0.50 expected",
        "known_bugs.toml: bug #13644: first_buggy 'two' is not a release (X.Y.Z)",
        "known_bugs.toml: bug #13645: last_buggy_2_1 and fixed_in_2_1 go together",
        "known_bugs.toml: bug #13646: unknown key 'surprise'",
        'known_bugs.toml: bug #13646: scenario = false needs why = "..." (why no scenario '
        "states it)",
        "known_bugs.toml: bug #13643: listed twice",
    ]


def test_the_terminal_names_each_configuration_s_known_bugs() -> None:
    seen = {"sqlite": {13643: {"xfailed": 1}}, "sqlite_async": {13643: {"passed": 1}}}
    lines = known_bugs_summary(seen, ["sqlite", "sqlite_async"])
    version = lines[0].split("(")[-1].rstrip(")")
    fixed = known_bugs.load()[13643].fixed_for(version)
    assert lines[1] == (
        f"sqlite: #13643 {known_bugs.load()[13643].title} - fixed in {fixed} (1 xfailed)"
    )
    assert lines[3].startswith(f"  #13643 passed on {version}, which the table says has the bug")


def test_the_readme_table_is_the_generated_one() -> None:
    """`python -m orm_spec known-bugs --markdown` writes it; a hand edit is overwritten."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    begin, end = README_MARKERS
    assert begin in text and end in text, f"README.md has no {begin} ... {end} block"
    block = text.split(begin, 1)[1].split(end, 1)[0].strip()
    assert block == known_bugs.markdown().strip(), (
        "README.md's known bugs table is not the generated one: "
        "python -m orm_spec known-bugs --markdown --write-readme"
    )


def _run(table: Path, module: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "--backend",
            "sqlite",
            f"tests/features/{module}",
            *args,
        ],
        cwd=ROOT,
        env={**os.environ, known_bugs.TABLE_ENV: str(table)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_wrong_entry_fails_the_run(tmp_path: Path) -> None:
    """The table says the installed release has a bug whose scenario passes here: the strict
    expected failure passes, and the run fails naming the bug. (A scenario that passes on every
    release stands in for one whose table entry is wrong: on the oldest supported release every
    real KB scenario has its bug.)"""
    import sqlalchemy

    features = features_copy(tmp_path / "features")
    spec = features / "identity_map.feature"
    name = "Scenario: get() of an already loaded primary key emits no SQL"
    text = spec.read_text(encoding="utf-8")
    assert name in text
    spec.write_text(text.replace(name, f"@sqla:99999\n  {name}"), encoding="utf-8")
    table = tmp_path / "known_bugs.toml"
    wrong = GOOD.replace("13643", "99999").replace('"2.0.54"', '"9.9.8"')
    table.write_text(
        wrong.replace('"2.0.55"', '"9.9.9"').split("last_buggy_2_1")[0] + ('changelog = "none"\n'),
        encoding="utf-8",
    )
    done = _run(
        table,
        "test_identity_map.py",
        "-k",
        "get_of_an_already_loaded_primary_key_emits_no_sql",
        "-o",
        f"bdd_features_base_dir={features}/",
    )
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-2000:]
    assert "[XPASS(strict)] SQLAlchemy bug #99999, fixed in 9.9.9" in done.stdout
    assert f"#99999 passed on {sqlalchemy.__version__}, which the table says has" in done.stdout


def test_a_broken_table_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "known_bugs.toml").write_text(GOOD.replace('fixed_in = "2.0.55"', ""))
    done = _run(tmp_path / "known_bugs.toml", "test_known_bugs.py")
    assert done.returncode == 4, done.stdout[-2000:]
    assert "known_bugs.toml: bug #13643: no fixed_in" in done.stderr


def test_shows_where_names_a_fact() -> None:
    assert parse(GOOD + 'shows_where = "update_returning"\n')[13643].shows_where == (
        "update_returning"
    )
    with pytest.raises(KnownBugsError) as raised:
        parse(GOOD + 'shows_where = "has_returning"\n')
    assert str(raised.value) == (
        "known_bugs.toml: bug #13643: shows_where 'has_returning' is not a fact of "
        "orm_spec/backends/facts.py"
    )


def test_a_bug_shown_only_where_a_fact_holds_is_not_expected_elsewhere(tmp_path: Path) -> None:
    """The same wrong entry as above, but for a bug that shows only on backends with row locks:
    SQLite has none, so its scenario is no expected failure there and the run passes."""
    features = features_copy(tmp_path / "features")
    spec = features / "identity_map.feature"
    name = "Scenario: get() of an already loaded primary key emits no SQL"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace(name, f"@sqla:99999\n  {name}"), encoding="utf-8")
    table = tmp_path / "known_bugs.toml"
    wrong = GOOD.replace("13643", "99999").replace('"2.0.54"', '"9.9.8"')
    table.write_text(
        wrong.replace('"2.0.55"', '"9.9.9"').split("last_buggy_2_1")[0]
        + 'changelog = "none"\nshows_where = "has_row_locks"\n',
        encoding="utf-8",
    )
    done = _run(
        table,
        "test_identity_map.py",
        "-k",
        "get_of_an_already_loaded_primary_key_emits_no_sql",
        "-o",
        f"bdd_features_base_dir={features}/",
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "XPASS" not in done.stdout and "xfail" not in done.stdout
