"""The HTML report: one self-contained page rendered from one or more results files.

Several files merge into one matrix (say one run per backend, or runs from several machines); a
later file's cell replaces an earlier one's for the same scenario and backend.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from orm_spec.backends import BACKENDS
from orm_spec.results import SCHEMA, SCHEMA_VERSION


class ResultsError(Exception):
    """A results file that cannot be used; the message is one line saying why."""


def load_results(path: Path) -> dict[str, Any]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ResultsError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResultsError(
            f"{path}: not valid JSON (line {exc.lineno}: {exc.msg}); truncated or not a results "
            "file: write one with `pytest --spec-results=PATH`"
        ) from None
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise ResultsError(f'{path}: not an orm-spec results file (no "schema": "{SCHEMA}")')
    if document.get("schema_version") != SCHEMA_VERSION:
        raise ResultsError(
            f"{path}: results schema version {document.get('schema_version')!r}, this orm-spec "
            f"reads version {SCHEMA_VERSION}: re-run the spec with this version"
        )
    if not any(f.get("scenarios") for f in document.get("features", [])):
        raise ResultsError(f"{path}: holds no scenarios (did the run select any tests?)")
    return document


def merge_results(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {"backends": {}, "features": {}, "runs": [], "facts": {}}
    for document in documents:
        merged["backends"].update(document["backends"])
        merged["facts"].update(document.get("facts", {}))
        merged["runs"].append({k: document.get(k) for k in ("created", "python", "sqlalchemy")})
        for feature in document["features"]:
            into = merged["features"].setdefault(feature["file"], {**feature, "scenarios": {}})
            for scenario in feature["scenarios"]:
                target = into["scenarios"].setdefault(scenario["key"], {**scenario, "results": {}})
                target["results"].update(scenario["results"])
    backends = [b for b in BACKENDS if b in merged["backends"]]
    backends += sorted(set(merged["backends"]) - set(backends))
    return {
        "backends": {b: merged["backends"][b] for b in backends},
        "facts": merged["facts"],
        "runs": merged["runs"],
        "features": [
            {**f, "scenarios": list(f["scenarios"].values())}
            for _, f in sorted(merged["features"].items())
        ],
    }


def sql_signature(result: dict[str, Any]) -> list[list[str]]:
    """Per step, the statements' text with whitespace normalised: what "the same SQL" means."""
    return [[" ".join(s["sql"].split()) for s in step["sql"]] for step in result.get("steps", [])]


def sql_shape(result: dict[str, Any]) -> list[list[str]]:
    """Per step, what each statement did ("SELECT posts"), as the run recorded it: what "the
    same SQL on two backends" means, whatever each dialect's spelling."""
    return [
        [f"{q['kind']} {q['subject'] or q['table'] or ''}".strip() for q in step["sql"]]
        for step in result.get("steps", [])
    ]


def scenario_view(scenario: dict[str, Any], backends: list[str]) -> dict[str, Any]:
    """What the template needs to show one scenario: outcomes, differences, SQL per step."""
    results = scenario["results"]
    outcomes = {b: results[b]["outcome"] for b in backends if b in results}
    shapes = {b: sql_shape(results[b]) for b in outcomes}
    steps = []
    sql_differs = False
    for index, step in enumerate(scenario["steps"]):
        per_backend = {}
        for backend in outcomes:
            ran = results[backend]["steps"]
            per_backend[backend] = ran[index] if index < len(ran) else None
        kinds = {json.dumps(shapes[b][index] if index < len(shapes[b]) else []) for b in outcomes}
        differs = len(kinds) > 1
        # Setup (Given) may differ in how rows are inserted; the behaviour is in When/Then.
        sql_differs = sql_differs or (differs and step.get("type") != "given")
        steps.append({**step, "results": per_backend, "sql_differs": differs})
    return {
        **scenario,
        "outcomes": outcomes,
        "outcome_differs": len(set(outcomes.values())) > 1,
        "sql_differs": sql_differs,
        "view_steps": steps,
        "anchor": "s" + hashlib.sha1(scenario["key"].encode()).hexdigest()[:12],
    }


def render_report(documents: Sequence[dict[str, Any]], diff: dict[str, Any] | None = None) -> str:
    merged = merge_results(documents)
    backends = list(merged["backends"])
    features = [
        {**f, "view_scenarios": [scenario_view(s, backends) for s in f["scenarios"]]}
        for f in merged["features"]
    ]
    proving: dict[str, list[dict[str, Any]]] = {}
    for feature in features:
        for scenario in feature["view_scenarios"]:
            for fact in scenario.get("facts", []):
                named = proving.setdefault(fact, [])
                if all(s["name"] != scenario["name"] for s in named):  # an Outline's rows: once
                    named.append(scenario)
    facts = [
        {
            "name": name,
            "question": question,
            "answers": {b: merged["backends"][b].get("facts", {}).get(name) for b in backends},
            "scenarios": proving.get(name, []),
        }
        for name, question in merged["facts"].items()
    ]
    totals: dict[str, dict[str, int]] = {b: {} for b in backends}
    for feature in features:
        for scenario in feature["view_scenarios"]:
            for backend, outcome in scenario["outcomes"].items():
                totals[backend][outcome] = totals[backend].get(outcome, 0) + 1
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("orm_spec", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["tojson_compact"] = lambda v: json.dumps(v, ensure_ascii=False)
    return environment.get_template("report.html.j2").render(
        backends=merged["backends"],
        runs=merged["runs"],
        features=features,
        totals=totals,
        facts=facts,
        diff=diff,
        generated=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    )


def write_text_atomically(path: Path, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
