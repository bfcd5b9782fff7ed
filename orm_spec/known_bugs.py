"""Known SQLAlchemy bugs as data: the table ``known_bugs.toml`` and what a release has of it.

Each ``[[bug]]`` of the table is a SQLAlchemy ticket a Session user can observe, with the first
and last release that has it and the release that fixes it (confirmed by running
``.ci/known-bugs/<ticket>.py`` on each release). A bug fixed on the 2.0 series and separately on
2.1 also names ``last_buggy_2_1`` and ``fixed_in_2_1``. A scenario tagged ``@sqla:<ticket>``
states the behaviour the fix restored; on a release that has the bug the plugin makes it a strict
expected failure ("SQLAlchemy bug #13626, fixed in 2.1.2"): it must fail there, and a pass
means the table is wrong. A bug no scenario states says why with ``scenario = false`` and
``why = "..."``.

Everything that shows known bugs (the terminal summary, the results file, the report, the diff,
the README's table) reads them through here.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from orm_spec.backends.facts import Facts

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TABLE_PATH = Path(__file__).with_name("known_bugs.toml")
ITEM_KEY: pytest.StashKey[list[int]] = pytest.StashKey()
"""A test item's known bugs on the installed release: the tickets its expected failure names."""
TABLE_ENV = "ORM_SPEC_KNOWN_BUGS"
"""Another table in place of the package's (a test proving that a wrong entry fails the run)."""
TAG = "sqla:"
"""A scenario's tag naming the ticket whose fix it states: ``@sqla:13626``."""
CHANGELOG = "https://docs.sqlalchemy.org/en/21/changelog/{page}.html#change-{anchor}"
TICKET_URL = "https://github.com/sqlalchemy/sqlalchemy/issues/{ticket}"
LINE_2_1 = (2, 1, 0)

# A post-release (2.0.5.post1) is its release for the comparisons.
_RELEASE = re.compile(r"^\d+\.\d+\.\d+(?:\.post\d+)?$")
_REQUIRED = ("ticket", "title", "area", "first_buggy", "last_buggy", "fixed_in", "changelog")
_KNOWN = {
    *_REQUIRED,
    "last_buggy_2_1",
    "fixed_in_2_1",
    "confirmed",
    "confirmed_by",
    "note",
    "scenario",
    "why",
    "shows_where",
}


class KnownBugsError(Exception):
    """The table is wrong: one line per bad entry."""


def release(version: str) -> tuple[int, ...]:
    """``"2.1.0b2"`` -> (2, 1, 0): the numbers that order releases."""
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


@dataclass(frozen=True)
class KnownBug:
    ticket: int
    title: str
    """What breaks, in a Session user's words."""
    area: str
    first_buggy: str
    last_buggy: str
    fixed_in: str
    changelog: str
    last_buggy_2_1: str | None = None
    fixed_in_2_1: str | None = None
    confirmed: bool = False
    confirmed_by: str | None = None
    note: str | None = None
    scenario: bool = True
    """False: no scenario states it (``why`` says why); the guard then accepts no @sqla tag."""
    why: str | None = None
    shows_where: str | None = None
    """A fact of orm_spec/backends/facts.py: the bug shows only on backends answering yes. A
    backend answering no states another answer (an UPDATE ... RETURNING it cannot send) that the
    bug does not touch, so its scenario passes there on every release."""

    @property
    def url(self) -> str:
        return TICKET_URL.format(ticket=self.ticket)

    def affects(self, version: str) -> bool:
        """Does release ``version`` have the bug?"""
        have = release(version)
        if release(self.first_buggy) <= have <= release(self.last_buggy):
            return True
        return self.last_buggy_2_1 is not None and LINE_2_1 <= have <= release(self.last_buggy_2_1)

    def fixed_for(self, version: str) -> str:
        """The release that fixes the bug for someone on ``version``: 2.1's own fix on 2.1."""
        if self.fixed_in_2_1 is not None and release(version) >= LINE_2_1:
            return self.fixed_in_2_1
        return self.fixed_in

    def reason(self, version: str) -> str:
        """The expected failure's reason on ``version``."""
        return f"SQLAlchemy bug #{self.ticket}, fixed in {self.fixed_for(version)}"

    def buggy_ranges(self) -> list[str]:
        ranges = [_span(self.first_buggy, self.last_buggy)]
        if self.last_buggy_2_1 is not None:
            ranges.append(_span("2.1.0", self.last_buggy_2_1))
        return ranges

    def fixes(self) -> list[str]:
        return [self.fixed_in] + ([self.fixed_in_2_1] if self.fixed_in_2_1 else [])

    def as_json(self, version: str) -> dict[str, Any]:
        """What a results file records of it, for a run on ``version``."""
        return {
            "ticket": self.ticket,
            "title": self.title,
            "area": self.area,
            "fixed_in": self.fixed_for(version),
            "url": self.url,
        }


def _span(first: str, last: str) -> str:
    return first if first == last else f"{first} - {last}"


def _problems(index: int, entry: Any, seen: set[int]) -> list[str]:
    if not isinstance(entry, dict):
        return [f"entry {index}: a [[bug]] table expected"]
    ticket = entry.get("ticket")
    where = f"bug #{ticket}" if isinstance(ticket, int) else f"entry {index}"
    problems = [f"{where}: no {key}" for key in _REQUIRED if key not in entry]
    problems += [f"{where}: unknown key {key!r}" for key in sorted(set(entry) - _KNOWN)]
    if "ticket" in entry and not isinstance(ticket, int):
        problems.append(f"{where}: ticket {ticket!r} is not a number")
    elif isinstance(ticket, int):
        if ticket in seen:
            problems.append(f"{where}: listed twice")
        seen.add(ticket)
    versions = ("first_buggy", "last_buggy", "fixed_in", "last_buggy_2_1", "fixed_in_2_1")
    bad = [k for k in versions if k in entry and not _RELEASE.match(str(entry[k]))]
    problems += [f"{where}: {k} {entry[k]!r} is not a release (X.Y.Z)" for k in bad]
    if bad or any(k not in entry for k in ("first_buggy", "last_buggy", "fixed_in")):
        return problems
    first, last, fixed = (release(entry[k]) for k in ("first_buggy", "last_buggy", "fixed_in"))
    if not first <= last < fixed:
        problems.append(
            f"{where}: releases out of order: first_buggy {entry['first_buggy']} <= last_buggy "
            f"{entry['last_buggy']} < fixed_in {entry['fixed_in']} expected"
        )
    if ("last_buggy_2_1" in entry) != ("fixed_in_2_1" in entry):
        problems.append(f"{where}: last_buggy_2_1 and fixed_in_2_1 go together")
    elif "last_buggy_2_1" in entry:
        last_2_1, fixed_2_1 = release(entry["last_buggy_2_1"]), release(entry["fixed_in_2_1"])
        if not (LINE_2_1 <= last_2_1 < fixed_2_1 and last < LINE_2_1):
            problems.append(
                f"{where}: a 2.1 fix of a 2.0 bug: last_buggy < 2.1.0 <= last_buggy_2_1 "
                f"{entry['last_buggy_2_1']} < fixed_in_2_1 {entry['fixed_in_2_1']} expected"
            )
    fact = entry.get("shows_where")
    if fact is not None and not isinstance(getattr(Facts, str(fact), None), property):
        problems.append(
            f"{where}: shows_where {fact!r} is not a fact of orm_spec/backends/facts.py"
        )
    if entry.get("scenario", True) is False and not str(entry.get("why", "")).strip():
        problems.append(f'{where}: scenario = false needs why = "..." (why no scenario states it)')
    return problems


def parse(text: str, source: str = "known_bugs.toml") -> dict[int, KnownBug]:
    """The table's bugs by ticket; every bad entry is a line of the ``KnownBugsError``."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KnownBugsError(f"{source}: not valid TOML ({exc})") from None
    entries = document.get("bug", [])
    problems = [
        f"{source}: top-level key {k!r}: only [[bug]] tables" for k in document if k != "bug"
    ]
    seen: set[int] = set()
    for index, entry in enumerate(entries if isinstance(entries, list) else [entries], 1):
        problems += [f"{source}: {p}" for p in _problems(index, entry, seen)]
    if problems:
        raise KnownBugsError("\n".join(problems))
    return {entry["ticket"]: KnownBug(**entry) for entry in entries}


def load(path: Path | None = None) -> dict[int, KnownBug]:
    """The table (``$ORM_SPEC_KNOWN_BUGS`` or the package's), read once per path."""
    return _load(Path(path or os.environ.get(TABLE_ENV) or TABLE_PATH))


@cache
def _load(path: Path) -> dict[int, KnownBug]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnownBugsError(f"{path}: cannot read it ({exc.strerror})") from None
    return parse(text, path.name)


def tickets_of(tags: Iterable[str]) -> list[int]:
    """The tickets a scenario's tags name (``sqla:13626``); a tag that is no number is kept as
    -1 so that the caller refuses it."""
    found = []
    for tag in tags:
        if tag.startswith(TAG):
            value = tag.removeprefix(TAG)
            found.append(int(value) if value.isdigit() else -1)
    return sorted(found)


def tag_problem(tag: str, bugs: Mapping[int, KnownBug]) -> str | None:
    """Why ``@sqla:...`` may not be used, in one line, or None."""
    value = tag.removeprefix(TAG)
    if not value.isdigit():
        return f"tag @{tag}: @sqla: takes a SQLAlchemy ticket number (@sqla:13626)"
    if int(value) not in bugs:
        return (
            f"tag @{tag} names no ticket of orm_spec/known_bugs.toml: add the bug there "
            "(first_buggy, last_buggy, fixed_in) or fix the number"
        )
    return None


def affecting(version: str, bugs: Mapping[int, KnownBug] | None = None) -> list[KnownBug]:
    """The table's bugs that ``version`` has, by ticket."""
    table = load() if bugs is None else bugs
    return [table[t] for t in sorted(table) if table[t].affects(version)]


SPREAD = ("2.0.30", "2.0.38", "2.0.48", "2.0.58", "2.1.0", "2.1.9")
"""The releases the README's table has a column for: CI's spread (noxfile.py's ``SPREAD``: the
oldest supported release, two in the middle of 2.0, 2.1.0, and the newest 2.0 and 2.1 when
this was written)."""


def markdown(bugs: Mapping[int, KnownBug] | None = None, spread: Iterable[str] = SPREAD) -> str:
    """The README's table: one row per known bug, the releases that have it, and a column per
    release CI runs ("x": the run reports it as an expected failure)."""
    table = load() if bugs is None else bugs
    releases = list(spread)
    head = ["ticket", "what breaks", "area", "releases with the bug", "fixed in", "scenario"]
    head += releases
    lines = [
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
    ]
    for ticket in sorted(table):
        bug = table[ticket]
        marks = ["x" if bug.affects(r) else "" for r in releases]
        title = bug.title.replace("|", "\\|")
        cells = [
            f"[#{ticket}]({bug.url})",
            title,
            bug.area,
            ", ".join(bug.buggy_ranges()),
            ", ".join(bug.fixes()),
            "yes" if bug.scenario else "not yet",
            *marks,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    counts = ", ".join(f"{r}: {len(affecting(r, table))}" for r in releases)
    lines += [
        "",
        f"Known bugs per release of CI's spread: {counts}. A bug with a scenario is a strict "
        "expected failure of the spec on the releases marked x; the others are confirmed by "
        "their script in .ci/known-bugs/ only.",
    ]
    return "\n".join(lines)


def text(version: str, bugs: Mapping[int, KnownBug] | None = None) -> str:
    """The known bugs of ``version``, for a terminal."""
    found = affecting(version, bugs)
    if not found:
        return f"SQLAlchemy {version}: no known Session bug"
    lines = [f"SQLAlchemy {version}: {len(found)} known Session bug(s)"]
    lines += [f"  #{b.ticket} {b.title} (fixed in {b.fixed_for(version)})" for b in found]
    return "\n".join(lines)
