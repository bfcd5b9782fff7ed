"""The results file: every (scenario, backend) cell of a run, with the SQL each step emitted.

Enabled by ``pytest --spec-results PATH``. Workers (pytest-xdist) attach one JSON record per test
to the report's ``user_properties``; whoever receives the reports (the controller, or the only
process without xdist) assembles them and writes the file at the end, through a temporary file
renamed into place, so a reader never sees half a file.

Schema, version 5 (``SCHEMA_VERSION``; the report and the diff read versions 3 and 4 too,
which have no known bugs)::

    {
      "schema": "orm-spec-results", "schema_version": 5,
      "created": ISO-8601 time, "python": "3.11.7", "sqlalchemy": "2.1.9",
      "known_bugs": [KNOWN_BUG],       # every bug of orm_spec/known_bugs.toml this release has
      "backends": {NAME: {"title": str, "provided": str,
                          "configuration": {DIMENSION: str},  # every dimension's value: see
                                          # orm_spec/dimensions.py (backend, database, driver,
                                          # server, api, sqlalchemy, python); version 3 had
                                          # "database" and "api" here instead
                          "versions": {"sqlalchemy": str, "driver": str, "server": str, ...},
                          "facts": {FACT: bool | str},     # see orm_spec/backends/facts.py
                          "known_bugs": [KNOWN_BUG + {"scenarios": int,
                                         "outcomes": {OUTCOME: int}}]}},  # those its scenarios
                                         # met: each an expected failure there ("xfailed")
      "facts": {FACT: str},            # each fact's question
      "features": [{
        "file": "identity_map.feature", "name": str, "description": str,
        "scenarios": [{
          "key": str,                  # stable id: file :: name :: example values (no backend)
          "behaviour": str,            # file :: name :: input values: an Outline's rows that
                                       # differ only by dimension (and answer) columns share it
          "inputs": {column: value},   # the Examples values that make it a behaviour of its own
          "answer": {column: value},   # what this row states (its other non-dimension values)
          "answer_steps": [str],       # the steps that state it, in the spec's words
          "dimensions": {column: value},  # the row's configuration columns (backend, api, ...)
          "name": str, "rule": str | null, "description": str, "tags": [str],
          "facts": [FACT],             # the backend facts the scenario proves (@fact:NAME tags)
          "example": {column: value},  # the Examples row, {} for a plain scenario
          "steps": [{"keyword": "And", "type": "given", "text": str, "docstring": str | null,
                     "datatable": [[str]] | null}],
          "results": {BACKEND: {
            "outcome": "passed" | "failed" | "skipped" | "xfailed" | "xpassed",
            "message": str | null,     # failure message, skip or xfail reason
            "known_bugs": [int],       # the tickets its expected failure names ([] if none)
            "duration": seconds,
            "steps": [{"outcome": "passed" | "failed" | "not run", "duration": seconds,
                       "sql": [STATEMENT]}]
          }}
        }]
      }]
    }

    KNOWN_BUG = {"ticket": int, "title": str, "area": str, "fixed_in": str, "url": str}
    STATEMENT = {"sql": str, "parameters": JSON, "executemany": bool,
                 "kind": "SELECT" | "INSERT" | "UPDATE" | "DELETE" | "SAVEPOINT" | ...,
                 "table": str | null, "subject": "users" | "posts" | null,
                 "columns": [str],      # what an UPDATE sets
                 "returning": [str]}    # what a RETURNING clause hands back

A statement's meaning is read from SQLAlchemy's execution context when it runs (see
``sql_capture``), so readers of this file never parse SQL. An Examples row with a ``backend``
column runs on its own backend only: the other backends have no cell for it (not applicable,
rather than skipped).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy

from orm_spec import known_bugs
from orm_spec.backends import BACKENDS, Facts
from orm_spec.dimensions import COLUMNS, Configuration
from orm_spec.examples import input_columns
from orm_spec.run import RUN_KEY, ScenarioRun
from orm_spec.steps.kit import scenario_of

SCHEMA = "orm-spec-results"
SCHEMA_VERSION = 5
READABLE_VERSIONS = (3, 4, 5)
"""Version 3 has no per-configuration "configuration": readers derive it (``answers``);
versions 3 and 4 have no "known_bugs": readers take none."""
_PROPERTY = "orm_spec_result"
_STEPS_KEY = pytest.StashKey[list[dict[str, Any]]]()
_DB_KEY = pytest.StashKey[Any]()


def json_safe(value: Any) -> Any:
    """Parameters as JSON can hold them: the reader wants to see them, not round-trip them."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    return repr(value) if not isinstance(value, (datetime.date, datetime.time)) else str(value)


def behaviour_key(file: str, name: str, inputs: dict[str, str]) -> str:
    values = ", ".join(f"{k}={v}" for k, v in inputs.items())
    return f"{file} :: {name}" + (f" [{values}]" if values else "")


def scenario_key(file: str, name: str, example: dict[str, str]) -> str:
    values = ", ".join(f"{k}={v}" for k, v in example.items() if k != "backend")
    return f"{file} :: {name}" + (f" [{values}]" if values else "")


def steps_json(run: ScenarioRun) -> list[dict[str, Any]]:
    """Each step the run recorded: its outcome, duration and every statement it caused."""
    return [
        {
            "outcome": record.outcome.value,
            "duration": round(record.duration, 6),
            "sql": [s.as_json(json_safe(s.parameters)) for s in run.statements(record)],
        }
        for record in run.steps
    ]


def describe_item(item: pytest.Item) -> dict[str, Any] | None:
    """The Gherkin behind a pytest-bdd test item, also for items that never ran a step."""
    template = scenario_of(item)
    if template is None:
        return None
    params = getattr(getattr(item, "callspec", None), "params", {})
    example = {str(k): str(v) for k, v in (params.get("_pytest_bdd_example") or {}).items()}
    scenario = template.render(example)
    feature = template.feature
    file = os.path.basename(feature.filename)
    tags = template.tags | (template.rule.tags if template.rule else set())
    rows = [c for examples in template.examples for c in examples.as_contexts()]
    inputs = input_columns(rows) if rows else []
    shown = {k: v for k, v in example.items() if k in inputs}
    steps = [
        {
            "keyword": step.keyword.strip(),
            "type": step.type,
            "text": step.name,
            "docstring": step.docstring,
            "datatable": [[str(c) for c in row] for row in step.datatable.raw()]
            if step.datatable
            else None,
        }
        for step in scenario.steps
    ]
    return {
        "feature": {
            "file": file,
            "name": feature.name,
            "description": (feature.description or "").strip(),
        },
        "scenario": {
            "key": scenario_key(file, template.name, example),
            "behaviour": behaviour_key(file, template.name, shown),
            "inputs": shown,
            "answer": {k: v for k, v in example.items() if k not in inputs and k not in COLUMNS},
            "dimensions": {k: v for k, v in example.items() if k in COLUMNS},
            "answer_steps": [
                rendered.name
                for raw, rendered in zip(template.steps, scenario.steps, strict=True)
                if any(f"<{k}>" in raw.name for k in example if k not in inputs)
                and rendered.type != "given"
            ],
            "name": template.name,
            "rule": template.rule.name if template.rule else None,
            "description": (template.description or "").strip(),
            "tags": sorted(tags),
            "facts": sorted(t.removeprefix("fact:") for t in tags if t.startswith("fact:")),
            "example": example,
            "steps": steps,
        },
        "backend": params.get("backend_name"),
    }


class ResultsRecorder:
    """Collects results where reports arrive and writes the results file at the end."""

    def __init__(self, path: Path | None, answers: str | None = None) -> None:
        self.path = path
        self.answers = answers
        """Print the answers at the end of the run: "all" behaviours, or the "differing" ones."""
        self.cells: dict[tuple[str, str], dict[str, Any]] = {}
        self.backends: dict[str, dict[str, Any]] = {}

    # -- on the process that runs the tests ------------------------------------------------------
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Iterator[None]:
        report: pytest.TestReport = yield
        described = describe_item(item)
        if described is None:
            return report
        run = item.stash.get(RUN_KEY, None)
        if run is not None:  # the world lives (the call and, after a failure, the setup)
            # Kept as JSON: the run is dropped with the world, before the teardown's report.
            item.stash[_STEPS_KEY] = steps_json(run)
            item.stash[_DB_KEY] = run.db
        db = item.stash.get(_DB_KEY, None)
        described["steps_run"] = item.stash.get(_STEPS_KEY, [])
        described["known_bugs"] = item.stash.get(known_bugs.ITEM_KEY, [])
        if db is not None:
            described["versions"] = db.versions
            described["provided"] = db.provided.how
            described["title"] = db.backend.title
            described["configuration"] = Configuration.of(db.backend).as_dict()
            described["facts"] = db.facts.answers()
        report.user_properties.append((_PROPERTY, json.dumps(described)))
        return report

    # -- where the reports arrive ---------------------------------------------------------------
    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        record = next((json.loads(v) for k, v in report.user_properties if k == _PROPERTY), None)
        if record is None or record.get("backend") is None:
            return
        backend = record["backend"]
        cell_key = (record["scenario"]["key"], backend)
        cell = self.cells.setdefault(
            cell_key,
            {
                "feature": record["feature"],
                "scenario": record["scenario"],
                "backend": backend,
                "outcome": "passed",
                "message": None,
                "duration": 0.0,
                "steps": [],
                "known_bugs": record.get("known_bugs", []),
            },
        )
        if "versions" in record:
            self.backends[backend] = {
                "title": record["title"],
                "configuration": record["configuration"],
                "provided": record["provided"],
                "versions": record["versions"],
                "facts": record["facts"],
            }
        cell["duration"] = round(cell["duration"] + report.duration, 6)
        if record["steps_run"]:
            cell["steps"] = [
                {"outcome": s["outcome"], "duration": s["duration"], "sql": s["sql"]}
                for s in record["steps_run"]
            ]
        outcome, message = _outcome(report)
        if outcome is not None and _rank(outcome) >= _rank(cell["outcome"]):
            cell["outcome"], cell["message"] = outcome, message

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(session.config, "workerinput"):
            return  # a worker: the controller writes the file
        if self.path is not None:
            write_json_atomically(self.path, self.document())

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter: Any, config: pytest.Config) -> None:
        if self.answers is None or hasattr(config, "workerinput") or not self.cells:
            return
        from orm_spec.terminal import answers_text

        terminalreporter.section("orm-spec answers")
        for line in answers_text([self.document()], differing=self.answers == "differing"):
            terminalreporter.write_line(line)

    def _known_bugs(self, backend: str, version: str) -> list[dict[str, Any]]:
        """The known bugs the backend's scenarios met, with how many and how they ended."""
        met: dict[int, dict[str, int]] = {}
        for cell in self.cells.values():
            if cell["backend"] == backend:
                for ticket in cell["known_bugs"]:
                    outcomes = met.setdefault(ticket, {})
                    outcomes[cell["outcome"]] = outcomes.get(cell["outcome"], 0) + 1
        table = known_bugs.load()
        return [
            {
                **table[ticket].as_json(version),
                "scenarios": sum(outcomes.values()),
                "outcomes": outcomes,
            }
            for ticket, outcomes in sorted(met.items())
        ]

    def document(self) -> dict[str, Any]:
        version = sqlalchemy.__version__
        features: dict[str, dict[str, Any]] = {}
        for cell in self.cells.values():
            feature = features.setdefault(
                cell["feature"]["file"], {**cell["feature"], "scenarios": {}}
            )
            scenario = feature["scenarios"].setdefault(
                cell["scenario"]["key"], {**cell["scenario"], "results": {}}
            )
            steps = cell["steps"] + [
                {"outcome": "not run", "duration": 0.0, "sql": []}
                for _ in scenario["steps"][len(cell["steps"]) :]
            ]
            scenario["results"][cell["backend"]] = {
                "outcome": cell["outcome"],
                "message": cell["message"],
                "known_bugs": cell["known_bugs"],
                "duration": cell["duration"],
                "steps": steps,
            }
        return {
            "schema": SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "sqlalchemy": sqlalchemy.__version__,
            "facts": {name: Facts.question(name) for name in Facts.names()},
            "known_bugs": [b.as_json(version) for b in known_bugs.affecting(version)],
            "backends": {
                name: {**self.backends[name], "known_bugs": self._known_bugs(name, version)}
                for name in sorted(self.backends, key=_backend_order)
            },
            "features": [
                {**f, "scenarios": list(f["scenarios"].values())}
                for _, f in sorted(features.items())
            ],
        }


def _backend_order(name: str) -> tuple[int, str]:
    order = list(BACKENDS)
    return (order.index(name) if name in order else len(order), name)


_RANKS = {"passed": 0, "xpassed": 1, "skipped": 2, "xfailed": 2, "failed": 3}


def _rank(outcome: str) -> int:
    return _RANKS.get(outcome, 0)


def _outcome(report: pytest.TestReport) -> tuple[str | None, str | None]:
    """A phase report's contribution to its cell: setup/teardown only count when not passed."""
    if hasattr(report, "wasxfail"):
        return ("xpassed" if report.passed else "xfailed"), report.wasxfail or None
    if report.skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        return "skipped", reason.removeprefix("Skipped: ")
    if report.failed:
        text = getattr(report.longrepr, "reprcrash", None)
        message = text.message if text is not None else str(report.longrepr)
        return "failed", message if report.when == "call" else f"{report.when}: {message}"
    return ("passed", None) if report.when == "call" else (None, None)


def write_json_atomically(path: Path, document: dict[str, Any]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, indent=1)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide the file from other readers
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
