"""The HTML report: one self-contained page rendered from one or more results files.

One row per behaviour, one column per configuration (a value per dimension: see
``dimensions``), each cell the answer that held there. Several files merge into one page (a CI
matrix, runs on several SQLAlchemy releases or Python versions); a later file's cell replaces an
earlier one's for the same configuration. The configurations table and the filters are
generated from the dimension registry: a new dimension needs nothing here.
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

from orm_spec.answers import Answers, Behaviour, Column, Feature, read
from orm_spec.catalogue import FEATURES_DIR
from orm_spec.dimensions import DIMENSIONS
from orm_spec.find import ErrorCode, error_codes
from orm_spec.results import READABLE_VERSIONS, SCHEMA, SCHEMA_VERSION
from orm_spec.sql_text import normalise


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
    if document.get("schema_version") not in READABLE_VERSIONS:
        raise ResultsError(
            f"{path}: results schema version {document.get('schema_version')!r}, this orm-spec "
            f"reads versions {', '.join(map(str, READABLE_VERSIONS))}: re-run the spec with this "
            f"version (it writes version {SCHEMA_VERSION})"
        )
    if not any(f.get("scenarios") for f in document.get("features", [])):
        raise ResultsError(f"{path}: holds no scenarios (did the run select any tests?)")
    return document


def render_report(documents: Sequence[dict[str, Any]], diff: dict[str, Any] | None = None) -> str:
    """One self-contained page: every behaviour with the answer it gave on every configuration,
    the facts behind the divergences, and (with ``diff``) what changed since an older run."""
    answers = read(documents)
    configs = answers.columns
    codes = error_codes(FEATURES_DIR)
    features = [_feature_view(f, configs, codes) for f in answers.features]
    totals: dict[str, dict[str, int]] = {c.id: {} for c in configs}
    for feature in features:
        for behaviour in feature["behaviours"]:
            for config_id, cell in behaviour["cells"].items():
                if cell is not None:
                    totals[config_id][cell.outcome] = totals[config_id].get(cell.outcome, 0) + 1
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("orm_spec", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["tojson_compact"] = lambda v: json.dumps(v, ensure_ascii=False)
    return environment.get_template("report.html.j2").render(
        configurations=configs,
        dimensions=DIMENSIONS,
        filters=_filters(configs),
        filter_values=_filter_values(configs),
        runs=answers.runs,
        features=features,
        totals=totals,
        total=sum(len(f["behaviours"]) for f in features),
        facts=_facts_view(answers, features),
        known_bugs=_known_bugs_view(answers),
        diff=_diff_view(diff, answers) if diff else None,
        generated=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    )


def _filters(columns: Sequence[Column]) -> list[dict[str, Any]]:
    """The dimensions a reader can narrow the columns by (those whose values differ), with the
    values present, and per column the value it has in each."""
    found = []
    for dimension in DIMENSIONS:
        values = sorted({c.group(dimension) for c in columns}, key=dimension.sort)
        if dimension.filtered and len(values) > 1:
            found.append({"name": dimension.name, "title": dimension.title, "options": values})
    return found


def _filter_values(columns: Sequence[Column]) -> dict[str, dict[str, str]]:
    return {c.id: {d.name: c.group(d) for d in DIMENSIONS if d.filtered} for c in columns}


def _anchor(key: str) -> str:
    return "b" + hashlib.sha1(key.encode()).hexdigest()[:12]


def _feature_view(
    feature: Feature, configs: Sequence[Column], codes: dict[str, list[ErrorCode]]
) -> dict[str, Any]:
    return {
        "file": feature.file,
        "name": feature.name,
        "description": feature.description,
        "behaviours": [_behaviour_view(b, configs, codes) for b in feature.behaviours],
    }


def _behaviour_view(
    behaviour: Behaviour, configs: Sequence[Column], codes: dict[str, list[ErrorCode]]
) -> dict[str, Any]:
    cells = {c.id: behaviour.cells.get(c.id) for c in configs}
    ran = {k: v for k, v in cells.items() if v is not None}
    steps = []
    reference = next(iter(ran.values()), None)
    for index, step in enumerate(behaviour.steps):
        groups: dict[tuple[str, ...], list[str]] = {}
        per_config: dict[str, Any] = {}
        for config_id, cell in ran.items():
            sql = cell.sql(index)
            groups.setdefault(tuple(normalise(q["sql"]) for q in sql), []).append(config_id)
            per_config[config_id] = {
                "sql": sql,
                "outcome": cell.steps[index]["outcome"] if index < len(cell.steps) else "not run",
            }
        shown = (
            reference.step_texts[index] if reference and index < len(reference.step_texts) else step
        )
        steps.append(
            {
                **step,
                "text": shown.get("text", step["text"]),
                "groups": [
                    {"configs": ids, "sql": per_config[ids[0]]["sql"]} for ids in groups.values()
                ],
                "sql_differs": len(groups) > 1,
            }
        )
    return {
        "key": behaviour.key,
        "anchor": _anchor(behaviour.key),
        "title": behaviour.title,
        "name": behaviour.name,
        "rule": behaviour.rule,
        "description": behaviour.description,
        "tags": behaviour.tags,
        # The SQLAlchemy error pages its catalogue rows link to: a reader searches the code.
        "codes": [c for tag in behaviour.tags for c in codes.get(tag, [])],
        "facts": behaviour.facts,
        "cells": cells,
        "differs": behaviour.differs,
        "sql_differs": any(s["sql_differs"] and s.get("type") != "given" for s in steps),
        "steps": steps,
    }


def _facts_view(answers: Answers, features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    proving: dict[str, list[dict[str, Any]]] = {}
    for feature in features:
        for behaviour in feature["behaviours"]:
            for fact in behaviour["facts"]:
                proving.setdefault(fact, []).append(behaviour)
    return [
        {
            "name": name,
            "question": question,
            "answers": {
                c.id: answers.fact_answers.get(c.id, {}).get(name) for c in answers.columns
            },
            "behaviours": proving.get(name, []),
        }
        for name, question in answers.facts.items()
    ]


def _known_bugs_view(answers: Answers) -> dict[str, Any]:
    """Per configuration the known bugs its scenarios met; per release the others it has."""
    rows = []
    met: dict[str, set[int]] = {}
    for column in answers.columns:
        for bug in column.known_bugs:
            rows.append({"config": column.id, "title": column.title, "bug": bug})
            met.setdefault(column.configuration["sqlalchemy"], set()).add(bug["ticket"])
    unstated: dict[str, list[dict[str, Any]]] = {}
    for run in answers.runs:
        release = str(run.get("sqlalchemy"))
        rest = [b for b in run.get("known_bugs") or [] if b["ticket"] not in met.get(release, ())]
        if rest:
            unstated[release] = rest
    return {
        "rows": rows,
        "unstated": [{"release": r, "bugs": bugs} for r, bugs in unstated.items()],
    }


def _diff_view(diff: dict[str, Any], answers: Answers) -> dict[str, Any]:
    anchors = {b.key: _anchor(b.key) for b in answers.behaviours()}
    changes = [{**c, "anchor": anchors.get(c["behaviour"])} for c in diff["changes"]]
    order = ["worse", "gone", "better", "outcome", "stated", "new", "sql"]
    return {**diff, "changes": sorted(changes, key=lambda c: order.index(c["kind"]))}


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
