"""``orm-spec find TEXT``: from the error or the words a user has to the behaviours that explain
them, with what each configuration answers.

It reads the feature files (the copy installed with the package, or ``--features DIR``), so it
needs no database and no run: a scenario's answer on a backend is the Examples row that states
it there (``examples.applies``: by the backend's facts at its default server version, and by
the dimension columns ``backend``, ``api``, ``sqlalchemy``, ``python`` at the installed
SQLAlchemy and this Python), and a plain scenario's answer is the same on every backend. With
``--results`` the answers are the ones a run recorded instead, with the SQL of its When and
Then steps.

What is searched, per behaviour: its name, the feature's name and description, the Rule's and
the scenario's descriptions, every step as each of its Examples rows renders it (docstrings and
data tables too), the rows' cells, its tags, and the SQLAlchemy error codes its catalogue rows
link to (``errors.html#error-bhk3``) with the link's text. Matching ignores case; each word of
TEXT (or "quoted phrase") must occur somewhere. The closest matches come first, in full: TEXT
as one phrase in the behaviour's own words; then as one phrase only in its feature's name or
description (which every scenario of the feature shares); then its words apart.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytest_bdd.parser import FeatureParser, ScenarioTemplate, Step

from orm_spec.answers import Answers, Behaviour
from orm_spec.answers import statements as recorded_statements
from orm_spec.backends import Backend, get_backend
from orm_spec.catalogue import CATALOGUE, feature_files
from orm_spec.dimensions import COLUMNS, Configuration
from orm_spec.examples import (
    api_tagged,
    applies,
    configuration_tags,
    input_columns,
    states_dimension,
    tagged_for,
)
from orm_spec.results import behaviour_key

ERRORS_PAGE = "https://docs.sqlalchemy.org/en/21/errors.html#error-"
_ERROR_LINK = re.compile(
    r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]*errors\.html#error-(?P<code>\w+))\)"
)
_ERROR_URL = re.compile(r"errors\.html#error-(?P<code>\w+)")
_STEP_CODE = re.compile(r'\bcode "(?P<code>\w+)"')
_ROW = re.compile(r"^-\s+(?P<id>[A-Z]{2}\d+)\s+(?P<text>.+)$")
SAME_EVERYWHERE = "same on every backend"
FEATURE_FIELDS = ("feature", "feature description")
"""What a behaviour shares with every scenario of its feature."""
PHRASE, IN_FEATURE, APART = 0, 1, 2
CLOSENESS = {
    IN_FEATURE: "as one phrase only in the feature's name or description",
    APART: "every word, not as one phrase",
}


@dataclass(frozen=True)
class ErrorCode:
    code: str
    url: str
    text: str = ""
    """What the link says: the message SQLAlchemy's error page is titled with."""


@dataclass
class Answer:
    """What one group of configurations answers."""

    where: list[str]
    """The backends (or recorded configurations) giving it; empty: every backend."""
    says: str
    sql: list[tuple[str, list[str]]] = field(default_factory=list)
    """With ``--results``: per When and Then step, the statements the run recorded."""


@dataclass
class SpecBehaviour:
    """A scenario, or the rows of an Outline that share its input values."""

    path: Path
    line: int
    feature: str
    name: str
    inputs: dict[str, str]
    tags: list[str]
    codes: list[ErrorCode]
    fields: list[tuple[str, str]]
    """What a search reads: (what it is, its text)."""
    template: ScenarioTemplate
    rows: list[dict[str, str]]
    """The Examples rows of this behaviour ([{}] for a plain scenario)."""
    table: list[dict[str, str]]
    """Every row of its Examples tables: which row applies depends on the others."""

    @property
    def title(self) -> str:
        shown = ", ".join(f"{k}={v}" for k, v in self.inputs.items())
        return f"{self.name} [{shown}]" if shown else self.name

    @property
    def key(self) -> str:
        """Its key in a results file."""
        return behaviour_key(self.path.name, self.name, self.inputs)

    @property
    def api(self) -> str | None:
        return api_tagged(self.tags)


@dataclass
class Found:
    behaviour: SpecBehaviour
    closeness: int
    """``PHRASE``, ``IN_FEATURE`` or ``APART``: how closely the behaviour holds TEXT."""
    matched: tuple[str, str]
    """The field shown as where it matched."""
    answers: list[Answer] = field(default_factory=list)


_FIELD_RANK = {
    kind: rank
    for rank, kind in enumerate(("title", "description", "rule", "rule description", "step", "row"))
}
"""Where a match counts most, among behaviours equally close: the scenario's own name first."""

_TERM = re.compile(r'"(?P<phrase>[^"]+)"|(?P<word>\S+)')


def _words(text: str) -> list[str]:
    """What must occur: each word, and each "quoted phrase" as it is."""
    terms = (m["phrase"] or m["word"] for m in _TERM.finditer(_flat(text)))
    return [t.strip("\"' ") for t in terms if t.strip("\"' ")]


def _flat(text: str) -> str:
    return " ".join(text.split()).lower()


def error_codes(directory: Path) -> dict[str, list[ErrorCode]]:
    """Per catalogue row ID, the SQLAlchemy error pages its text links to."""
    path = directory / CATALOGUE
    if not path.is_file():
        return {}
    found: dict[str, list[ErrorCode]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = _ROW.match(line)
        if row is None:
            continue
        linked = [ErrorCode(m["code"], m["url"], m["text"]) for m in _ERROR_LINK.finditer(line)]
        bare = {m["code"] for m in _ERROR_URL.finditer(line)} - {c.code for c in linked}
        linked += [ErrorCode(code, ERRORS_PAGE + code) for code in sorted(bare)]
        if linked:
            found[row["id"]] = linked
    return found


def _step_fields(steps: Iterable[Step]) -> list[tuple[str, str]]:
    fields = []
    for step in steps:
        fields.append(("step", f"{step.keyword} {step.name}"))
        if step.docstring:
            fields.append(("step", step.docstring))
        if step.datatable:
            fields.append(("step", " | ".join(str(c) for r in step.datatable.raw() for c in r)))
    return fields


def load(directory: Path) -> list[SpecBehaviour]:
    """Every behaviour of the feature files in ``directory``, in file order."""
    codes = error_codes(directory)
    found: list[SpecBehaviour] = []
    for path in feature_files(directory):
        feature = FeatureParser(str(directory), path.name).parse()
        for template in feature.scenarios.values():
            rule = template.rule
            tags = sorted(template.tags | feature.tags | (rule.tags if rule else set()))
            table = [c for examples in template.examples for c in examples.as_contexts()]
            inputs = input_columns(table) if table else []
            groups: dict[tuple[str, ...], list[dict[str, str]]] = {}
            for row in table or [{}]:
                groups.setdefault(tuple(row.get(c, "") for c in inputs), []).append(row)
            linked = [c for tag in tags for c in codes.get(tag, [])]
            for values, rows in groups.items():
                # In the order a match is shown from: the scenario's own words first.
                fields = [("title", template.name), ("description", template.description or "")]
                if rule:
                    fields += [("rule", rule.name), ("rule description", rule.description or "")]
                fields += _step_fields(template.steps)
                for row in rows:
                    if row:
                        fields += _step_fields(template.render(row).steps)
                        fields.append(("row", " | ".join(f"{k}: {v}" for k, v in row.items())))
                fields += [("error code", f"{c.code} {c.url} {c.text}") for c in linked]
                fields.append(("tags", " ".join(f"@{t}" for t in tags)))
                fields += [
                    ("feature", feature.name),
                    ("feature description", feature.description or ""),
                ]
                in_steps = {m["code"] for _, text in fields for m in _STEP_CODE.finditer(text)}
                in_steps -= {c.code for c in linked}
                found.append(
                    SpecBehaviour(
                        path=path,
                        line=template.line_number,
                        feature=feature.name,
                        name=template.name,
                        inputs=dict(zip(inputs, values, strict=True)),
                        tags=tags,
                        codes=linked + [ErrorCode(c, ERRORS_PAGE + c) for c in sorted(in_steps)],
                        fields=[(kind, text) for kind, text in fields if text.strip()],
                        template=template,
                        rows=rows,
                        table=table,
                    )
                )
    return found


def search(behaviours: Sequence[SpecBehaviour], text: str) -> list[Found]:
    """The behaviours holding every word of ``text``, the closest first (see ``Found``)."""
    words, phrase = _words(text), _flat(text).strip("\"'")
    if not words:
        return []
    found: list[Found] = []
    for behaviour in behaviours:
        flat = [(kind, _flat(value)) for kind, value in behaviour.fields]
        whole = " \n ".join(value for _, value in flat)
        if not all(w in whole for w in words):
            continue
        at = next((i for i, (_, value) in enumerate(flat) if phrase in value), None)
        if at is None:  # the field holding most of the words
            at = max(range(len(flat)), key=lambda i: sum(w in flat[i][1] for w in words))
        own = " \n ".join(value for kind, value in flat if kind not in FEATURE_FIELDS)
        closeness = PHRASE if phrase in own else IN_FEATURE if phrase in whole else APART
        found.append(Found(behaviour, closeness, behaviour.fields[at]))
    # A behaviour named for the words (its title) is the answer a reader came for; one that only
    # uses them in a step comes after it. Stable: file order within each.
    return sorted(
        found, key=lambda f: (f.closeness, _FIELD_RANK.get(f.matched[0], len(_FIELD_RANK)))
    )


# -- answers --------------------------------------------------------------------------------------
def _says(behaviour: SpecBehaviour, row: Mapping[str, str]) -> str:
    """The row's answer in the spec's words, as ``--spec-answers`` shows it: the When and Then
    steps its answer columns fill in, else those values, else its Then steps."""
    answer = {k: v for k, v in row.items() if k not in behaviour.inputs and k not in COLUMNS}
    rendered = behaviour.template.render(row).steps
    steps = [
        shown.name
        for raw, shown in zip(behaviour.template.steps, rendered, strict=True)
        if any(f"<{k}>" in raw.name for k in row if k not in behaviour.inputs)
        and shown.type != "given"
    ]
    if steps:
        return "; ".join(steps)
    if answer:
        return "; ".join(f"{k}: {v}" for k, v in answer.items())
    return _then(behaviour, row)  # every column is an input: its Then steps are the answer


def _then(behaviour: SpecBehaviour, row: Mapping[str, str]) -> str:
    steps = behaviour.template.render(row).steps if row else behaviour.template.steps
    return "; ".join(s.name for s in steps if s.type == "then")


def stated_answers(behaviour: SpecBehaviour, backends: Sequence[str]) -> list[Answer]:
    """Per group of backends, the answer the feature file states for them."""
    configurations = {name: _configuration(name) for name in backends}
    # Its configuration tags (@api:async, @sqlalchemy:>=2.1) decide where it applies, as at
    # collection.
    applicable = [n for n in backends if tagged_for(behaviour.tags, configurations[n])]
    if not applicable:
        only = ", ".join(f"@{c}:{v}" for c, v in configuration_tags(behaviour.tags).items())
        return [Answer([], f"not applicable: the scenario states {only} only")]
    if not states_dimension(behaviour.table):
        # Its answer does not depend on the configuration.
        says = _then(behaviour, behaviour.rows[0])
        where = [] if len(applicable) == len(backends) else applicable
        return [Answer(where, f"{SAME_EVERYWHERE}: {says}" if not where else says)]
    groups: dict[str, list[str]] = {}
    for name in applicable:
        row = next(
            (r for r in behaviour.rows if applies(r, behaviour.table, configurations[name])), None
        )
        if row is not None:
            says = _says(behaviour, row)
        elif any(applies(r, behaviour.table, configurations[name]) for r in behaviour.table):
            says = "not applicable"  # another row of the table states this backend
        else:
            says = "no Examples row states it: the run fails the scenario there"
        groups.setdefault(says, []).append(name)
    if len(groups) == 1 and len(applicable) == len(backends):
        return [Answer([], f"{SAME_EVERYWHERE}: {next(iter(groups))}")]
    return [Answer(where, says) for says, where in groups.items()]


_CONFIGURATIONS: dict[str, Configuration] = {}


def _configuration(name: str) -> Configuration:
    if name not in _CONFIGURATIONS:
        backend: Backend = get_backend(name)
        _CONFIGURATIONS[name] = Configuration.of(backend)
    return _CONFIGURATIONS[name]


def recorded_answers(
    behaviour: SpecBehaviour, answers: Answers, backends: Sequence[str] | None = None
) -> list[Answer]:
    """Per group of the recorded configurations (of ``backends`` only, if given), what the run
    recorded, with its SQL."""
    recorded: Behaviour | None = next(
        (b for b in answers.behaviours() if b.key == behaviour.key), None
    )
    if recorded is None:
        return [Answer([], "not in the results: the run did not select it")]
    groups: dict[tuple[str, str, tuple[Any, ...]], list[str]] = {}
    sql: dict[tuple[str, str, tuple[Any, ...]], list[tuple[str, list[str]]]] = {}
    for column in answers.columns:
        cell = recorded.cells.get(column.id)
        if cell is None or (backends is not None and column.configuration.backend not in backends):
            continue
        steps = []
        for index, step in enumerate(cell.step_texts):
            if step.get("type") == "given":
                continue
            recorded_step = cell.steps[index] if index < len(cell.steps) else {}
            steps.append((f"{step['keyword']} {step['text']}", recorded_statements(recorded_step)))
        says = cell.says if cell.says == cell.outcome else f"{cell.says} ({cell.outcome})"
        key = (cell.outcome, says, tuple((s, tuple(q)) for s, q in steps))
        groups.setdefault(key, []).append(column.id)
        sql[key] = steps
    if not groups:
        return [Answer([], "recorded on no configuration selected")]
    if len(groups) == 1:
        key, where = next(iter(groups.items()))
        return [
            Answer([], f"same on every configuration recorded ({len(where)}): {key[1]}", sql[key])
        ]
    return [Answer(where, key[1], sql[key]) for key, where in groups.items()]


# -- the command ---------------------------------------------------------------------------------
def where_shown(path: Path) -> str:
    """A path a terminal can open: relative to the working directory when under it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def _clip(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def format_found(found: Sequence[Found], text: str) -> list[str]:
    """The closest behaviours in full, with their answers; the others one line each ("database
    is locked" is a message, while its words apart are in any description of row locks)."""
    best = min((f.closeness for f in found), default=PHRASE)
    lines: list[str] = []
    for item in (f for f in found if f.closeness == best):
        lines.extend(_block(item))
        lines.append("")
    for closeness, how in CLOSENESS.items():
        others = [f for f in found if f.closeness == closeness and closeness != best]
        if others:
            lines.append(f'Also holding "{text}", {how}:')
            lines.extend(
                f"  {where_shown(f.behaviour.path)}:{f.behaviour.line}: {f.behaviour.title}"
                for f in others
            )
            lines.append("")
    count = f'{len(found)} behaviour(s) match "{text}"'
    shown = sum(1 for f in found if f.closeness == best)
    if shown < len(found):
        count += f", {shown} shown in full"
    lines.append(count)
    return lines


def _block(item: Found) -> list[str]:
    behaviour = item.behaviour
    lines = [f"{where_shown(behaviour.path)}:{behaviour.line}: {behaviour.title}"]
    lines.append(f"  feature: {behaviour.feature}")
    lines.append(f"  tags: {' '.join(f'@{t}' for t in behaviour.tags) or '(none)'}")
    for code in behaviour.codes:
        title = f' "{code.text}"' if code.text else ""
        lines.append(f"  SQLAlchemy error {code.code}{title}: {code.url}")
    kind, value = item.matched
    lines.append(f"  matches ({kind}): {_clip(value)}")
    for answer in item.answers:
        where = f"{', '.join(answer.where)}: " if answer.where else ""
        lines.append(f"  {where}{answer.says}")
        emitting = [(step, statements) for step, statements in answer.sql if statements]
        for step, statements in emitting:
            lines.append(f"      {step}")
            lines.extend(f"        > {s}" for s in statements)
        if answer.sql and not emitting:
            lines.append("      (no SQL in its When and Then steps)")
    return lines


def at(backends: Sequence[str]) -> str:
    """Where the stated answers hold: the backends, and the release and Python the rows were
    chosen for."""
    configuration = _configuration(backends[0])
    return (
        f"answers as the feature files state them, on {', '.join(backends)} (each at its "
        f"default server version; {configuration.describe(['sqlalchemy', 'python'])})"
    )
