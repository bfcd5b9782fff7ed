"""What changed between two runs: scenarios whose outcome or emitted SQL differs, per backend.

Typical use: the spec run on SQLAlchemy 2.0 and on 2.1, or on the last release and on a branch.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from orm_spec.report import sql_signature


@dataclass(frozen=True)
class Change:
    scenario: str
    backend: str
    old: str | None
    """The outcome before, None when the scenario did not run on that backend."""
    new: str | None
    what: str


def _cells(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (scenario["key"], backend): result
        for feature in document["features"]
        for scenario in feature["scenarios"]
        for backend, result in scenario["results"].items()
    }


def _first_sql_difference(old: dict[str, Any], new: dict[str, Any]) -> str:
    before, after = sql_signature(old), sql_signature(new)
    for index, (a, b) in enumerate(zip(before, after, strict=False), start=1):
        if a != b:
            return f"SQL of step {index}: {len(a)} -> {len(b)} statement(s)"
    return f"SQL: {len(before)} -> {len(after)} steps"


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    before, after = _cells(old), _cells(new)
    changes = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        scenario, backend = key
        if a is None or b is None:
            what = "new scenario" if a is None else "scenario gone"
            changes.append(Change(scenario, backend, a and a["outcome"], b and b["outcome"], what))
        elif a["outcome"] != b["outcome"]:
            changes.append(Change(scenario, backend, a["outcome"], b["outcome"], "outcome"))
        elif sql_signature(a) != sql_signature(b):
            changes.append(
                Change(scenario, backend, a["outcome"], b["outcome"], _first_sql_difference(a, b))
            )
    return changes


def outcomes_changed(changes: list[Change]) -> bool:
    return any(c.old != c.new for c in changes)


def format_changes(changes: list[Change]) -> str:
    if not changes:
        return "no scenario changed its outcome or SQL"
    lines = [
        f"{c.backend:<11} {c.old or 'absent':>8} -> {c.new or 'absent':<8} "
        f"{c.what:<28} {c.scenario}"
        for c in changes
    ]
    changed = sum(1 for c in changes if c.old != c.new)
    lines.append(f"{len(changes)} change(s), {changed} of them in outcome")
    return "\n".join(lines)


def diff_for_report(old_name: str, changes: list[Change]) -> dict[str, Any]:
    return {"old": old_name, "changes": [asdict(c) for c in changes]}
