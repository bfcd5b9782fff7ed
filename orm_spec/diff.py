"""What changed between two runs, as a reader upgrading SQLAlchemy (or a server, or a driver)
wants to know it: behaviours whose answer, outcome or SQL changed, configuration by configuration.

Typical use: the spec run on SQLAlchemy 2.0 and on 2.1 (``nox``), or on a release and a branch,
or on two Python versions. Configurations are matched by their dimension values (``dimensions``),
except in the dimensions the two runs differ in as a whole (each side's SQLAlchemy releases, or
Python versions, none the other's): that is what the comparison is about. A dimension the
backend's name decides (database, driver, server version, API) is always matched.
SQL is compared after ``sql_text.normalise`` (so 2.0's column labels and parameter styles are not
changes), in the When and Then steps only unless ``include_given`` (setup SQL is not the
behaviour). A behaviour whose rows state a different answer for each release (a ``sqlalchemy``
Examples column) is one "stated difference" with both answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from orm_spec.answers import Answers, Behaviour, Cell, Column, read, statements
from orm_spec.dimensions import BY_NAME, DIMENSIONS, Dimension

WORSE = {("passed", "failed"), ("passed", "skipped"), ("xfailed", "failed")}


@dataclass(frozen=True)
class StepChange:
    index: int
    keyword: str
    text: str
    before: list[str]
    after: list[str]


@dataclass
class Change:
    behaviour: str
    title: str
    configuration: str
    kind: str
    """stated | worse | better | outcome | sql | gone | new"""
    old: str | None
    """The outcome before (None: the behaviour did not run there)."""
    new: str | None
    old_says: str | None = None
    new_says: str | None = None
    steps: list[StepChange] = field(default_factory=list)

    @property
    def worse(self) -> bool:
        return self.kind in ("worse", "gone")


@dataclass
class KnownBugChange:
    """A known SQLAlchemy bug (orm_spec/known_bugs.toml) one run met and the other did not."""

    ticket: int
    title: str
    fixed_in: str
    url: str
    configurations: list[str]


@dataclass
class Comparison:
    old: str
    new: str
    old_versions: list[str]
    new_versions: list[str]
    changes: list[Change]
    compared: int
    """Behaviour x configuration cells present in both runs."""
    old_release: str = ""
    """The old run's values in the dimensions compared across (its SQLAlchemy release)."""
    new_release: str = ""
    across: list[str] = field(default_factory=list)
    """The dimensions the runs differ in as a whole (``SQLAlchemy``): not matched."""
    subject: str = "SQLAlchemy"
    """What ``old_release`` and ``new_release`` are values of."""
    known_bugs_fixed: list[KnownBugChange] = field(default_factory=list)
    """Known SQLAlchemy bugs the old run met that the new one does not."""
    known_bugs_introduced: list[KnownBugChange] = field(default_factory=list)

    def by_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def worse(self) -> bool:
        return any(c.worse for c in self.changes)


def compare(
    old_documents: Sequence[dict[str, Any]],
    new_documents: Sequence[dict[str, Any]],
    include_given: bool = False,
    old_name: str = "old",
    new_name: str = "new",
) -> Comparison:
    old, new = read(old_documents), read(new_documents)
    across = _across(old.columns, new.columns)
    subject = across or [BY_NAME["sqlalchemy"]]  # what the versions line names when none differ
    old_cells, new_cells = _cells(old, across), _cells(new, across)
    # A column's name in the output: the newer run's, the older one's where it has no newer.
    names = {k: c.id for k, c in _keyed(old.columns, across).items()}
    names.update({k: c.id for k, c in _keyed(new.columns, across).items()})
    both = set(_keyed(old.columns, across)) & set(_keyed(new.columns, across))
    changes: list[Change] = []
    compared = 0
    for key in sorted(set(old_cells) | set(new_cells)):
        behaviour_key, configuration = key
        if configuration not in both:
            continue  # one run did not run that configuration at all: nothing to compare
        before, after = old_cells.get(key), new_cells.get(key)
        if before is None or after is None:
            behaviour, cell = (new_cells if before is None else old_cells)[key]
            changes.append(
                Change(
                    behaviour_key,
                    behaviour.title,
                    names[configuration],
                    "new" if before is None else "gone",
                    before and before[1].outcome,
                    after and after[1].outcome,
                    cell.says if before is not None else None,
                    cell.says if before is None else None,
                )
            )
            continue
        compared += 1
        change = _change(before[0], before[1], after[1], names[configuration], include_given)
        if change is not None:
            changes.append(change)
    fixed, introduced = _known_bug_changes(old, new, across, both, names)
    return Comparison(
        old_name,
        new_name,
        _versions(old),
        _versions(new),
        changes,
        compared,
        _values(old, subject),
        _values(new, subject),
        [d.title for d in across],
        " and ".join(d.title for d in subject),
        fixed,
        introduced,
    )


def _known_bug_changes(
    old: Answers,
    new: Answers,
    across: Sequence[Dimension],
    both: set[tuple[str, ...]],
    names: dict[tuple[str, ...], str],
) -> tuple[list[KnownBugChange], list[KnownBugChange]]:
    """The known bugs met on a configuration of one run and not on the same configuration of
    the other: fixed (old only) and introduced (new only)."""
    before = {k: c.known_bugs for k, c in _keyed(old.columns, across).items() if k in both}
    after = {k: c.known_bugs for k, c in _keyed(new.columns, across).items() if k in both}
    found: dict[str, dict[int, KnownBugChange]] = {"fixed": {}, "introduced": {}}
    for key in sorted(both):
        old_bugs = {b["ticket"]: b for b in before.get(key, [])}
        new_bugs = {b["ticket"]: b for b in after.get(key, [])}
        for kind, bugs, other in (
            ("fixed", old_bugs, new_bugs),
            ("introduced", new_bugs, old_bugs),
        ):
            for ticket in sorted(set(bugs) - set(other)):
                bug = bugs[ticket]
                change = found[kind].setdefault(
                    ticket,
                    KnownBugChange(ticket, bug["title"], bug["fixed_in"], bug.get("url", ""), []),
                )
                change.configurations.append(names[key])
    return list(found["fixed"].values()), list(found["introduced"].values())


def _across(old: Sequence[Column], new: Sequence[Column]) -> list[Dimension]:
    """The dimensions the runs differ in as a whole: no value of one side is the other's."""
    return [
        d
        for d in DIMENSIONS
        if not d.of_backend
        and {c.configuration[d.name] for c in old}.isdisjoint(
            {c.configuration[d.name] for c in new}
        )
    ]


def _key(column: Column, across: Sequence[Dimension]) -> tuple[str, ...]:
    """What a column is matched by: its values in every dimension but those compared across."""
    return tuple(column.configuration[d.name] for d in DIMENSIONS if d not in across)


def _keyed(columns: Sequence[Column], across: Sequence[Dimension]) -> dict[tuple[str, ...], Column]:
    # Columns of one side that differ only in ``across`` (a side merged from two releases
    # when the other has a third): the later one (in report order) is compared.
    return {_key(c, across): c for c in columns}


def _cells(
    answers: Answers, across: Sequence[Dimension]
) -> dict[tuple[str, tuple[str, ...]], tuple[Behaviour, Cell]]:
    key_of = {c.id: key for key, c in _keyed(answers.columns, across).items()}
    return {
        (behaviour.key, key_of[column]): (behaviour, cell)
        for behaviour in answers.behaviours()
        for column, cell in behaviour.cells.items()
        if column in key_of
    }


def _change(
    behaviour: Behaviour, before: Cell, after: Cell, column: str, include_given: bool
) -> Change | None:
    pair = (before.outcome, after.outcome)
    kind = None
    if pair[0] != pair[1]:
        kind = "worse" if pair in WORSE else "better" if pair[::-1] in WORSE else "outcome"
    elif before.answer != after.answer:
        kind = "stated"
    steps = _step_changes(behaviour, before, after, include_given)
    if kind is None and steps:
        kind = "sql"
    if kind is None:
        return None
    return Change(
        behaviour.key,
        behaviour.title,
        column,
        kind,
        before.outcome,
        after.outcome,
        before.says,
        after.says,
        steps,
    )


def _step_changes(
    behaviour: Behaviour, before: Cell, after: Cell, include_given: bool
) -> list[StepChange]:
    found = []
    for index, step in enumerate(behaviour.steps):
        if step.get("type") == "given" and not include_given:
            continue
        old = statements(before.steps[index]) if index < len(before.steps) else []
        new = statements(after.steps[index]) if index < len(after.steps) else []
        if old != new:
            text = after.step_texts[index]["text"] if index < len(after.step_texts) else ""
            found.append(StepChange(index + 1, step.get("keyword", ""), text, old, new))
    return found


def _versions(answers: Answers) -> list[str]:
    return [c.describe() for c in answers.columns]


def _values(answers: Answers, dimensions: Sequence[Dimension]) -> str:
    return "; ".join(
        ", ".join(sorted({c.configuration[d.name] for c in answers.columns}, key=d.sort))
        for d in dimensions
    )


def format_comparison(comparison: Comparison, limit_sql: int = 6) -> str:
    """The comparison as a reader wants it in a terminal: versions, then what changed."""
    lines = [
        f"orm-spec diff: {comparison.old} -> {comparison.new}",
        *(f"  before  {v}" for v in comparison.old_versions),
        *(f"  after   {v}" for v in comparison.new_versions),
        *([f"  compared across {', '.join(comparison.across)}"] if comparison.across else []),
        "",
    ]
    sections = [
        ("worse", "Worse (passed before, not now; or gone)"),
        ("gone", None),
        ("better", "Better"),
        ("outcome", "Other outcome changes"),
        ("stated", "Stated differences (the spec gives each release its own answer)"),
        ("new", "New behaviours"),
        ("sql", "Other SQL (When and Then steps, normalised)"),
    ]
    for kind, heading in sections:
        group = comparison.by_kind(kind)
        if kind == "worse":
            group = group + comparison.by_kind("gone")
        if not group or heading is None:
            continue
        lines.append(f"{heading}: {len(group)}")
        for title, changes in _by_behaviour(group):
            where = ", ".join(c.configuration for c in changes)
            first = changes[0]
            lines.append(f"  {title}  [{where}]")
            if kind in ("worse", "better", "outcome", "gone", "new"):
                lines.append(f"    {first.old or 'absent'} -> {first.new or 'absent'}")
            if kind == "stated" or (first.old_says and first.old_says != first.new_says):
                lines.append(f"    before: {first.old_says}")
                lines.append(f"    after:  {first.new_says}")
            for step in first.steps:
                lines.append(f"    step {step.index}: {step.keyword} {step.text}")
                lines += [f"      - {s}" for s in step.before[:limit_sql]]
                lines += [f"      + {s}" for s in step.after[:limit_sql]]
        lines.append("")
    lines += known_bug_lines(comparison)
    counts = {k: len(comparison.by_kind(k)) for k in ("stated", "worse", "gone", "better", "sql")}
    lines.append(
        f"{comparison.compared} behaviour x configuration cells compared: "
        f"{counts['stated']} stated differences, {counts['worse'] + counts['gone']} worse, "
        f"{counts['better']} better, {counts['sql']} with other SQL"
    )
    return "\n".join(lines)


def known_bug_lines(comparison: Comparison) -> list[str]:
    """The known SQLAlchemy bugs fixed and introduced between the runs, a section each."""
    lines = []
    for heading, bugs in (
        ("Known SQLAlchemy bugs fixed", comparison.known_bugs_fixed),
        ("Known SQLAlchemy bugs introduced", comparison.known_bugs_introduced),
    ):
        if bugs:
            lines.append(f"{heading}: {len(bugs)}")
            lines += [
                f"  #{b.ticket} {b.title} (fixed in {b.fixed_in})  [{', '.join(b.configurations)}]"
                for b in bugs
            ]
            lines.append("")
    return lines


def _by_behaviour(changes: list[Change]) -> list[tuple[str, list[Change]]]:
    """Changes of one behaviour that read the same on several configurations, once."""
    grouped: dict[tuple[str, str, str, str, str], list[Change]] = {}
    for change in changes:
        same = (
            change.title,
            f"{change.old}>{change.new}",
            f"{change.old_says}>{change.new_says}",
            repr([(s.index, s.before, s.after) for s in change.steps]),
            change.kind,
        )
        grouped.setdefault(same, []).append(change)
    return [(key[0], group) for key, group in grouped.items()]


def format_markdown(comparison: Comparison) -> str:
    """The stated differences and outcome changes as a Markdown list (for the README)."""
    lines = [
        f"{comparison.subject} {comparison.old_release} ({comparison.old}) against "
        f"{comparison.new_release} ({comparison.new}): {comparison.compared} behaviour x "
        "configuration cells compared; what the spec states differently, or saw change:",
        "",
    ]
    for kind in ("stated", "worse", "gone", "better", "outcome", "new"):
        for title, changes in _by_behaviour(comparison.by_kind(kind)):
            where = ", ".join(c.configuration for c in changes)
            first = changes[0]
            if kind == "stated":
                lines.append(
                    f"- **{title}** ({where}): before: {first.old_says}; after: {first.new_says}"
                )
            else:
                lines.append(
                    f"- **{title}** ({where}): {kind}, {first.old or 'absent'} -> "
                    f"{first.new or 'absent'}"
                )
    for kind, bugs in (
        ("fixed", comparison.known_bugs_fixed),
        ("introduced", comparison.known_bugs_introduced),
    ):
        lines += [
            f"- Known SQLAlchemy bug {kind}: [#{b.ticket}]({b.url}) {b.title} (fixed in "
            f"{b.fixed_in}; {', '.join(b.configurations)})"
            for b in bugs
        ]
    sql = _by_behaviour(comparison.by_kind("sql"))
    if sql:
        lines.append(
            f"- Other SQL in {len(sql)} behaviour(s) ({len(comparison.by_kind('sql'))} cells); "
            "`orm-spec diff` lists each statement."
        )
    return "\n".join(lines)


def diff_for_report(comparison: Comparison) -> dict[str, Any]:
    return {
        "old": comparison.old,
        "new": comparison.new,
        "old_versions": comparison.old_versions,
        "new_versions": comparison.new_versions,
        "changes": [asdict(c) | {"worse": c.worse} for c in comparison.changes],
        "compared": comparison.compared,
        "known_bugs": {
            "fixed": [asdict(b) for b in comparison.known_bugs_fixed],
            "introduced": [asdict(b) for b in comparison.known_bugs_introduced],
        },
    }
