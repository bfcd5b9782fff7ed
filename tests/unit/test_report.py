"""The results file, the HTML report and the diff, from real runs of the spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from orm_spec.__main__ import main
from orm_spec.diff import compare, outcomes_changed
from orm_spec.report import load_results, render_report
from tests.report_runs import features_copy, run_spec

FEATURES = ["tests/features/test_lazy_loading.py", "tests/features/test_identity_map.py"]
CHANGED = "A query does not overwrite values the session already holds"


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("runs") / "baseline.json"
    run_spec(path, *FEATURES)
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
    run_spec(path, *FEATURES, features=features)
    return path


def _scenario(document: dict, name: str) -> dict:
    return next(s for f in document["features"] for s in f["scenarios"] if s["name"] == name)


def test_every_step_of_a_cell_carries_the_sql_it_emitted(baseline: Path) -> None:
    document = load_results(baseline)
    assert document["schema_version"] == 2
    assert set(document["backends"]) == {"sqlite"}
    scenario = _scenario(document, "The first access to user.posts emits one SELECT on posts")
    cell = scenario["results"]["sqlite"]
    assert cell["outcome"] == "passed"
    assert len(cell["steps"]) == len(scenario["steps"])
    when = scenario["steps"].index(
        next(s for s in scenario["steps"] if s["text"] == "I read Alice's posts")
    )
    statements = [q["sql"] for q in cell["steps"][when]["sql"]]
    assert len(statements) == 1
    assert "FROM posts" in statements[0]


def test_the_report_shows_each_scenario_with_its_sql(baseline: Path) -> None:
    html = render_report([load_results(baseline)])
    assert 'id="matrix"' in html
    assert "The first access to user.posts emits one SELECT on posts" in html
    assert '<pre class="sql">SELECT posts.id' in html
    assert "http://" not in html and "https://" not in html  # self-contained: no network


def test_the_diff_reports_exactly_the_changed_scenario(baseline: Path, changed_run: Path) -> None:
    changes = compare(load_results(baseline), load_results(changed_run))
    assert [(c.scenario.split(" :: ")[1], c.backend, c.old, c.new) for c in changes] == [
        (CHANGED, "sqlite", "passed", "failed")
    ]
    assert outcomes_changed(changes)


def test_the_diff_command_exits_1_when_an_outcome_changed(
    baseline: Path, changed_run: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(baseline), str(changed_run)]) == 1
    assert CHANGED in capsys.readouterr().out
    assert main(["diff", str(baseline), str(baseline)]) == 0


def test_report_command_writes_html_with_a_diff_section(
    baseline: Path, changed_run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(changed_run), "-o", str(out), "--diff-against", str(baseline)]) == 0
    assert 'id="diff-table"' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schema": "orm-spec-results", "schema_', "not valid JSON"),
        ("[1, 2]", "not an orm-spec results file"),
        ('{"schema": "orm-spec-results", "schema_version": 99}', "schema version 99"),
        ('{"schema": "orm-spec-results", "schema_version": 2, "features": []}', "no scenarios"),
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
