"""The results file, the answers, the HTML report and the diff, from real runs of the spec."""

from __future__ import annotations

import copy
import json
import platform
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy

from orm_spec import known_bugs
from orm_spec.__main__ import main
from orm_spec.answers import read
from orm_spec.diff import compare, diff_for_report, format_comparison, format_markdown
from orm_spec.report import load_results, render_report
from orm_spec.terminal import answers_text
from tests.report_runs import features_copy, run_spec

FEATURES = [
    "tests/features/test_lazy_loading.py",
    "tests/features/test_identity_map.py",
    "tests/features/test_backend_divergences.py",
]
BACKENDS = "sqlite,sqlite_transactional"
CHANGED = "A query does not overwrite values the session already holds"
DIVERGENCE = "A unique email that differs from another only in case"


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("runs") / "baseline.json"
    run_spec(path, *FEATURES, backends=BACKENDS)
    return path


@pytest.fixture(scope="module")
def changed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same scenarios with one deliberately different expectation."""
    root = tmp_path_factory.mktemp("changed")
    features = features_copy(root / "features")
    spec = features / "identity_map.feature"
    text = spec.read_text(encoding="utf-8")
    start = text.index(f"Scenario: {CHANGED}")
    end = text.index("Scenario:", start + 10)
    block = text[start:end].replace('And Alice\'s name is "Alicia"', 'And Alice\'s name is "Alice"')
    spec.write_text(text[:start] + block + text[end:], encoding="utf-8")
    path = root / "changed.json"
    run_spec(path, *FEATURES, features=features, backends=BACKENDS)
    return path


def _scenario(document: dict, name: str) -> dict:
    return next(s for f in document["features"] for s in f["scenarios"] if s["name"] == name)


def test_every_step_of_a_cell_carries_the_sql_it_emitted(baseline: Path) -> None:
    document = load_results(baseline)
    assert document["schema_version"] == 5
    assert document["known_bugs"] == [
        b.as_json(sqlalchemy.__version__) for b in known_bugs.affecting(sqlalchemy.__version__)
    ]
    assert all(b["known_bugs"] == [] for b in document["backends"].values())
    assert set(document["backends"]) == {"sqlite", "sqlite_transactional"}
    assert document["backends"]["sqlite_transactional"]["configuration"] == {
        "backend": "sqlite_transactional",
        "database": "sqlite",
        "driver": "pysqlite",
        "server": sqlite3.sqlite_version,
        "api": "sync",
        "sqlalchemy": sqlalchemy.__version__,
        "python": platform.python_version(),
    }
    scenario = _scenario(document, "The first access to user.posts emits one SELECT on posts")
    cell = scenario["results"]["sqlite"]
    assert cell["outcome"] == "passed"
    assert len(cell["steps"]) == len(scenario["steps"])
    when = [s["text"] for s in scenario["steps"]].index("I read Alice's posts")
    [statement] = cell["steps"][when]["sql"]
    assert (statement["kind"], statement["subject"], statement["sent"]) == ("SELECT", "posts", True)


def test_an_outlines_rows_differing_by_backend_are_one_behaviour(baseline: Path) -> None:
    answers = read([load_results(baseline)])
    [behaviour] = [b for b in answers.behaviours() if b.name == DIVERGENCE]
    assert set(behaviour.cells) == {"sqlite", "sqlite_transactional"}
    says = behaviour.cells["sqlite"].says
    assert says == "nothing was raised; a new session finds Alicia"


def test_an_outlines_rows_with_inputs_are_behaviours_of_their_own(baseline: Path) -> None:
    answers = read([load_results(baseline)])
    options = [b for b in answers.behaviours() if b.name.startswith("An eager loader option")]
    assert sorted(b.inputs["option"] for b in options) == [
        "joinedload",
        "lazyload",
        "selectinload",
        "subqueryload",
    ]


def test_the_report_shows_one_row_per_behaviour_with_each_answer(baseline: Path) -> None:
    html = render_report([load_results(baseline)])
    assert 'id="matrix"' in html
    matrix = html[html.index('id="matrix"') :].split("</table>")[0]
    assert matrix.count(f">{DIVERGENCE}</a>") == 1
    assert "a new session finds Alicia" in html
    assert '<pre class="sql">SELECT posts.id' in html
    assert "http://" not in html and "https://" not in html  # self-contained: no network


def test_results_of_two_releases_merge_into_columns_per_release(baseline: Path) -> None:
    document = load_results(baseline)
    older = copy.deepcopy(document)
    # Older than any release the spec installs (CI's lowest run installs 2.0.30): the column
    # order is the releases' order, whichever release this run has.
    release = "1.4.54"
    older["sqlalchemy"] = release
    for backend in older["backends"].values():
        backend["versions"]["sqlalchemy"] = release
        backend["configuration"]["sqlalchemy"] = release
    answers = read([older, document])
    ids = [c.id for c in answers.columns]
    assert ids[:2] == [
        f"sqlite @ SQLAlchemy {release}",
        f"sqlite @ SQLAlchemy {document['sqlalchemy']}",
    ]
    assert f"SQLAlchemy {release}" in render_report([older, document])


def test_the_terminal_view_groups_configurations_by_answer(baseline: Path) -> None:
    lines = list(answers_text([load_results(baseline)], differing=True))
    assert "backend_divergences.feature: Where SQLite, PostgreSQL and MariaDB differ" in lines
    assert any('sqlite_transactional: the table "ddl_probe" does not exist' in x for x in lines)
    assert not any(CHANGED in line for line in lines)  # the same answer everywhere: left out


def test_the_diff_reports_exactly_the_changed_behaviour(baseline: Path, changed_run: Path) -> None:
    comparison = compare([load_results(baseline)], [load_results(changed_run)])
    assert [(c.title, c.configuration, c.kind) for c in comparison.changes] == [
        (CHANGED, "sqlite", "worse"),
        (CHANGED, "sqlite_transactional", "worse"),
    ]
    assert comparison.worse
    text = format_comparison(comparison)
    assert "before  SQLite" in text and "passed -> failed" in text


def test_a_release_stating_another_answer_is_one_stated_difference(baseline: Path) -> None:
    document = load_results(baseline)
    newer = copy.deepcopy(document)
    scenario = _scenario(newer, DIVERGENCE)
    scenario["answer"] = {"outcome": "an IntegrityError was raised", "alicia": "does not find"}
    scenario["answer_steps"] = ["an IntegrityError was raised"]
    comparison = compare([document], [newer])
    [change] = [c for c in comparison.changes if c.configuration == "sqlite"]
    assert change.kind == "stated" and not comparison.worse
    assert change.old_says == "nothing was raised; a new session finds Alicia"


def test_the_diff_command_exits_1_only_when_an_outcome_got_worse(
    baseline: Path, changed_run: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(baseline), str(changed_run)]) == 1
    assert CHANGED in capsys.readouterr().out
    assert main(["diff", str(changed_run), str(baseline)]) == 0  # better is not a failure
    assert main(["diff", str(changed_run), str(baseline), "--fail-on-change"]) == 1
    assert main(["diff", str(baseline), str(baseline)]) == 0


def test_report_command_writes_html_with_the_old_sql_beside_the_new(
    baseline: Path, changed_run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(changed_run), "-o", str(out), "--diff-against", str(baseline)]) == 0
    html = out.read_text(encoding="utf-8")
    assert 'id="diff-table"' in html and CHANGED in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schema": "orm-spec-results", "schema_', "not valid JSON"),
        ("[1, 2]", "not an orm-spec results file"),
        ('{"schema": "orm-spec-results", "schema_version": 99}', "schema version 99"),
        ('{"schema": "orm-spec-results", "schema_version": 3, "features": []}', "no scenarios"),
    ],
)
def test_bad_results_give_one_line_and_no_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(bad), "-o", str(out)]) == 2
    error = capsys.readouterr().err.strip()
    assert message in error and "\n" not in error
    assert not out.exists()


def _on_python(document: dict[str, Any], version: str) -> dict[str, Any]:
    """The same run as another Python would have recorded it, with another answer to
    DIVERGENCE (as sqlite_transactional's answers differ on Python 3.12+)."""
    other = copy.deepcopy(document)
    scenario = _scenario(other, DIVERGENCE)
    scenario["answer"] = {"outcome": "an IntegrityError was raised"}
    scenario["answer_steps"] = ["an IntegrityError was raised"]
    other["python"] = version
    for backend in other["backends"].values():
        backend["configuration"]["python"] = version
    return other


def test_results_of_two_python_versions_merge_into_a_column_each(baseline: Path) -> None:
    document = load_results(baseline)
    newer = _on_python(document, "3.12.4")
    answers = read([document, newer])
    here = platform.python_version()
    assert [c.id for c in answers.columns] == [
        f"sqlite @ Python {here}",
        "sqlite @ Python 3.12.4",
        f"sqlite_transactional @ Python {here}",
        "sqlite_transactional @ Python 3.12.4",
    ]
    [behaviour] = [b for b in answers.behaviours() if b.name == DIVERGENCE]
    assert behaviour.cells["sqlite @ Python 3.12.4"].says == "an IntegrityError was raised"
    assert behaviour.cells[f"sqlite @ Python {here}"].says.startswith("nothing was raised")
    html = render_report([document, newer])
    assert "SQLite · Python 3.12.4" in html and f"SQLite · Python {here}" in html
    # One filter per dimension that varies, its options the release lines.
    filters = re.findall(r'data-dimension="(\w+)" value="([^"]+)"', html)
    line = ".".join(here.split(".")[:2])
    assert sorted(set(filters)) == sorted({("python", "3.12"), ("python", line)})


def test_the_same_configuration_in_two_files_is_one_column_the_later_wins(
    baseline: Path,
) -> None:
    document = load_results(baseline)
    again = copy.deepcopy(document)
    _scenario(again, DIVERGENCE)["answer_steps"] = ["changed"]
    answers = read([document, again])
    assert [c.id for c in answers.columns] == ["sqlite", "sqlite_transactional"]
    [behaviour] = [b for b in answers.behaviours() if b.name == DIVERGENCE]
    assert behaviour.cells["sqlite"].says == "changed"


def test_the_diff_matches_configurations_across_the_python_versions(baseline: Path) -> None:
    document = load_results(baseline)
    newer = _on_python(document, "3.12.4")
    comparison = compare([document], [newer])
    assert comparison.across == ["Python"]
    assert [(c.configuration, c.kind) for c in comparison.changes] == [
        ("sqlite", "stated"),
        ("sqlite_transactional", "stated"),
    ]
    assert "compared across Python" in format_comparison(comparison)
    here = platform.python_version()
    assert format_markdown(comparison).startswith(f"Python {here} (old) against 3.12.4 (new)")
    # A merge of both Pythons against one of them: each column finds its own.
    both = compare([document, newer], [newer])
    assert both.across == [] and [c.configuration for c in both.changes] == []
    assert both.compared == compare([newer], [newer]).compared


def test_a_version_3_results_file_is_still_read(baseline: Path, tmp_path: Path) -> None:
    document = load_results(baseline)
    old = copy.deepcopy(document)
    old["schema_version"] = 3
    del old["known_bugs"]
    for backend in old["backends"].values():
        del backend["known_bugs"]
        configuration = backend.pop("configuration")  # version 3 had these two instead
        backend.update(database=configuration["database"], api=configuration["api"])
    path = tmp_path / "v3.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    answers = read([load_results(path)])
    assert [c.configuration for c in answers.columns] == [
        c.configuration for c in read([document]).columns
    ]
    comparison = compare([load_results(path)], [document])
    assert comparison.changes == [] and comparison.compared > 0


def _on_release(document: dict[str, Any], release: str, tickets: list[int]) -> dict[str, Any]:
    """The document as a run on ``release`` whose sqlite scenarios met ``tickets`` would write."""
    moved = copy.deepcopy(document)
    moved["sqlalchemy"] = release
    moved["known_bugs"] = [b.as_json(release) for b in known_bugs.affecting(release)]
    table = known_bugs.load()
    for name, backend in moved["backends"].items():
        backend["configuration"]["sqlalchemy"] = release
        backend["known_bugs"] = [
            {**table[t].as_json(release), "scenarios": 1, "outcomes": {"xfailed": 1}}
            for t in (tickets if name == "sqlite" else [])
        ]
    return moved


def test_the_known_bugs_of_each_configuration_in_the_report_and_the_diff(baseline: Path) -> None:
    document = load_results(baseline)
    old, new = _on_release(document, "2.1.0", [13643]), _on_release(document, "2.1.5", [13688])
    html = render_report([old])
    assert "Known SQLAlchemy bugs per configuration" in html
    assert re.search(r'data-config="sqlite"><td>[^<]+</td><td>#13643</td>', html)
    assert "http://" not in html and "https://" not in html  # still self-contained
    assert "1 xfailed" in html
    unstated = len(known_bugs.affecting("2.1.0")) - 1
    assert f"SQLAlchemy 2.1.0: {unstated} more known bug(s) no scenario of the run states" in html
    comparison = compare([old], [new], old_name="a.json", new_name="b.json")
    assert [(b.ticket, b.fixed_in, b.configurations) for b in comparison.known_bugs_fixed] == [
        (13643, "2.1.4", ["sqlite"])
    ]
    assert [b.ticket for b in comparison.known_bugs_introduced] == [13688]
    text = format_comparison(comparison)
    assert "Known SQLAlchemy bugs fixed: 1\n  #13643 " in text
    assert "Known SQLAlchemy bugs introduced: 1\n  #13688 " in text
    assert "- Known SQLAlchemy bug fixed: [#13643](" in format_markdown(comparison)
    page = render_report([new], diff_for_report(comparison))
    assert 'id="known-bugs-fixed"' in page and 'id="known-bugs-introduced"' in page


def test_a_version_4_results_file_has_no_known_bugs(baseline: Path, tmp_path: Path) -> None:
    old = _on_release(load_results(baseline), "2.1.0", [13643])
    old["schema_version"] = 4
    del old["known_bugs"]
    for backend in old["backends"].values():
        del backend["known_bugs"]
    path = tmp_path / "v4.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    assert all(c.known_bugs == [] for c in read([load_results(path)]).columns)
    assert "Known SQLAlchemy bugs per configuration" not in render_report([load_results(path)])
