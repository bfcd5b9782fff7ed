"""The behaviour catalogue (features/behaviour-catalogue.md) and which scenarios cover each row.

A scenario covers a row by carrying its ID as a tag (``@IM2``); pytest-bdd turns the tag into a
marker, which the plugin registers from this catalogue so ``--strict-markers`` rejects typos.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

CATALOGUE = "behaviour-catalogue.md"


def _features_dir() -> Path:
    """The spec next to the package in a checkout, else the copy installed inside it."""
    package = Path(__file__).resolve().parent
    checkout = package.parent / "features"
    return checkout if (checkout / CATALOGUE).is_file() else package / "spec"


FEATURES_DIR = _features_dir()
CATALOGUE_PATH = FEATURES_DIR / CATALOGUE

_AREA = re.compile(r"^##\s+(?P<code>[A-Z]{2}):\s*(?P<title>.+)$")
_ROW = re.compile(r"^-\s+(?P<id>[A-Z]{2}\d+)\s+(?P<text>.+)$")
_TAG = re.compile(r"@([A-Za-z0-9_.-]+)")
_SCENARIO = re.compile(
    r"^\s*(Scenario|Scenario Outline|Scenario Template|Example):\s*(?P<name>.+)$"
)
_CONTAINER = re.compile(r"^\s*(?P<kind>Feature|Rule):")


@dataclass(frozen=True)
class Row:
    id: str
    area: str
    text: str


@dataclass
class Area:
    code: str
    title: str
    rows: list[Row] = field(default_factory=list)


def load_catalogue(path: Path = CATALOGUE_PATH) -> list[Area]:
    areas: list[Area] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _AREA.match(line):
            areas.append(Area(match["code"], match["title"].strip()))
        elif (match := _ROW.match(line)) and areas:
            areas[-1].rows.append(Row(match["id"], areas[-1].code, match["text"].strip()))
    return areas


def catalogue_ids(path: Path = CATALOGUE_PATH) -> list[str]:
    return [row.id for area in load_catalogue(path) for row in area.rows]


@dataclass(frozen=True)
class TaggedScenario:
    feature_file: str
    name: str
    tags: frozenset[str]


def scan_scenarios(paths: Iterable[Path]) -> list[TaggedScenario]:
    """Every scenario of the feature files with its tags, Feature and Rule tags included."""
    found: list[TaggedScenario] = []
    for path in sorted(paths):
        feature_tags: set[str] = set()
        rule_tags: set[str] = set()
        pending: set[str] = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                continue
            if stripped.startswith("@"):
                pending |= set(_TAG.findall(stripped))
            elif container := _CONTAINER.match(line):
                if container["kind"] == "Feature":
                    feature_tags = pending
                rule_tags = pending if container["kind"] == "Rule" else set()
                pending = set()
            elif scenario := _SCENARIO.match(line):
                tags = frozenset(feature_tags | rule_tags | pending)
                found.append(TaggedScenario(path.name, scenario["name"].strip(), tags))
                pending = set()
            elif stripped and not stripped.startswith("|"):
                pending = pending if stripped.startswith("Examples") else set()
    return found


def feature_files(directory: Path = FEATURES_DIR) -> list[Path]:
    return sorted(directory.glob("*.feature"))


def coverage(areas: list[Area], scenarios: list[TaggedScenario]) -> dict[str, list[TaggedScenario]]:
    """Catalogue ID -> the scenarios tagged with it (empty list: uncovered)."""
    by_id: dict[str, list[TaggedScenario]] = {row.id: [] for a in areas for row in a.rows}
    for scenario in scenarios:
        for tag in scenario.tags:
            if tag in by_id:
                by_id[tag].append(scenario)
    return by_id


def coverage_report(directory: Path = FEATURES_DIR, verbose: bool = False) -> tuple[str, bool]:
    """The printed coverage table and whether every row is covered."""
    areas = load_catalogue(directory / CATALOGUE)
    covered = coverage(areas, scan_scenarios(feature_files(directory)))
    # Counts first: area titles are long and of any length, so they go last on the line.
    lines = [f"{'covered':>9}  area (uncovered rows)"]
    total = hit = 0
    for area in areas:
        ids = [row.id for row in area.rows]
        done = [i for i in ids if covered[i]]
        total += len(ids)
        hit += len(done)
        missing = ", ".join(i for i in ids if not covered[i])
        line = f"{len(done):>4}/{len(ids):<4}  {area.code} {area.title}"
        lines.append(f"{line}  (uncovered: {missing})" if missing else line)
        if verbose:
            for row in area.rows:
                names = "; ".join(f"{s.feature_file}: {s.name}" for s in covered[row.id])
                lines.append(f"    {row.id:<5} {names or 'UNCOVERED'}")
    share = 100.0 * hit / total if total else 100.0
    lines.append(f"{hit:>4}/{total:<4}  total ({share:.0f}% of catalogue rows covered)")
    return "\n".join(lines), hit == total
