"""Results files read as answers: one behaviour per row, one answer per configuration.

A behaviour is a scenario, or the rows of an Outline that differ only by the configuration they
state (``backend``, ``sqlalchemy``, ``api`` columns: see ``dimensions``) and by the answer they
give there. Each column of the answers is one configuration (a value per dimension); results
merged from runs that differ in a dimension the backend does not decide (SQLAlchemy, Python)
name a backend's columns with those values too ("sqlite @ Python 3.12.1"). The HTML report,
the diff and the terminal view all read results through here, and none of them parses SQL:
statements carry their meaning from the run (see ``results``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from orm_spec.backends import BackendSelectionError, ServerBackend, get_backend
from orm_spec.dimensions import DIMENSIONS, Configuration, Dimension, differing
from orm_spec.sql_capture import Statements
from orm_spec.sql_text import normalise


@dataclass
class Column:
    """One column of the answers: a configuration, as a results file described it."""

    id: str
    """The backend's name, with the values that tell its columns apart where a merge has
    several ("sqlite @ SQLAlchemy 2.0.58")."""
    title: str
    configuration: Configuration
    versions: dict[str, str]
    """What the run measured once connected (the driver's and the server's versions)."""
    known_bugs: list[dict[str, Any]] = field(default_factory=list)
    """The known SQLAlchemy bugs its scenarios met (results schema 5; none before)."""

    def shown(self, dimension: Dimension) -> str:
        """The dimension's value for people: what was measured where the run measured it."""
        value = self.configuration[dimension.name]
        return self.versions.get(dimension.detail, value) if dimension.detail else value

    def group(self, dimension: Dimension) -> str:
        """The value a report filter offers for this column."""
        return dimension.group(self.configuration[dimension.name])

    def describe(self) -> str:
        shown = [d for d in DIMENSIONS if d.name not in ("backend", "database")]
        return f"{self.title}: " + ", ".join(f"{d.title} {self.shown(d)}" for d in shown)


@dataclass
class Cell:
    """What one behaviour did on one configuration."""

    outcome: str
    answer: dict[str, str]
    """The row's answer: the Examples values that held there ({} for a plain scenario)."""
    example: dict[str, str]
    message: str | None
    steps: list[dict[str, Any]]
    step_texts: list[dict[str, Any]]
    """The Gherkin steps as this row rendered them."""
    answer_steps: list[str] = field(default_factory=list)
    """The When and Then steps that state the answer, in the spec's own words."""

    @property
    def says(self) -> str:
        """The answer in words: the steps that state it, the row's values, or the outcome."""
        if self.answer_steps:
            return "; ".join(self.answer_steps)
        if not self.answer:
            return self.outcome
        return "; ".join(f"{k}: {v}" for k, v in self.answer.items())

    def sql(self, index: int) -> list[dict[str, Any]]:
        return self.steps[index]["sql"] if index < len(self.steps) else []


@dataclass
class Behaviour:
    key: str
    file: str
    name: str
    rule: str | None
    description: str
    tags: list[str]
    facts: list[str]
    inputs: dict[str, str]
    steps: list[dict[str, Any]]
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def title(self) -> str:
        shown = ", ".join(f"{k}={v}" for k, v in self.inputs.items())
        return f"{self.name} [{shown}]" if shown else self.name

    @property
    def differs(self) -> bool:
        """Different answers (or outcomes) on different configurations."""
        return len({(c.says, c.outcome) for c in self.cells.values()}) > 1


@dataclass
class Feature:
    file: str
    name: str
    description: str
    behaviours: list[Behaviour] = field(default_factory=list)


@dataclass
class Answers:
    columns: list[Column]
    """In the order reports show them: by backend, then by the other dimensions."""
    features: list[Feature]
    facts: dict[str, str]
    """Each fact's question."""
    fact_answers: dict[str, dict[str, Any]]
    """Per column id, each fact's answer there."""
    runs: list[dict[str, Any]]

    def behaviours(self) -> Iterable[Behaviour]:
        for feature in self.features:
            yield from feature.behaviours


def read(documents: Sequence[dict[str, Any]]) -> Answers:
    """The answers of one or more results files (a later file's cell wins for the same
    behaviour, row and configuration)."""
    described: dict[Configuration, tuple[str, dict[str, Any]]] = {}
    per_document: list[dict[str, Configuration]] = []
    for document in documents:
        found = {}
        for name, info in document["backends"].items():
            found[name] = configuration_of(name, info, document)
            described[found[name]] = (name, info)
        per_document.append(found)
    columns = _columns(described)
    fact_answers = {columns[c].id: info.get("facts", {}) for c, (_, info) in described.items()}
    facts: dict[str, str] = {}
    features: dict[str, Feature] = {}
    behaviours: dict[str, Behaviour] = {}
    for document, configurations in zip(documents, per_document, strict=True):
        facts.update(document.get("facts", {}))
        for feature in document["features"]:
            into = features.setdefault(
                feature["file"], Feature(feature["file"], feature["name"], feature["description"])
            )
            for scenario in feature["scenarios"]:
                key = scenario.get("behaviour", scenario["key"])
                behaviour = behaviours.get(key)
                if behaviour is None:
                    behaviour = behaviours[key] = Behaviour(
                        key,
                        feature["file"],
                        scenario["name"],
                        scenario.get("rule"),
                        scenario.get("description", ""),
                        scenario.get("tags", []),
                        scenario.get("facts", []),
                        scenario.get("inputs", {}),
                        scenario["steps"],
                    )
                    into.behaviours.append(behaviour)
                for backend, result in scenario["results"].items():
                    if backend not in configurations:
                        continue  # a cell of a backend the file does not describe
                    behaviour.cells[columns[configurations[backend]].id] = Cell(
                        result["outcome"],
                        scenario.get("answer", {}),
                        scenario.get("example", {}),
                        result.get("message"),
                        result.get("steps", []),
                        scenario["steps"],
                        scenario.get("answer_steps", []),
                    )
    return Answers(
        sorted(columns.values(), key=lambda c: c.configuration.sort_key()),
        [features[k] for k in sorted(features)],
        facts,
        fact_answers,
        [{k: d.get(k, [] if k == "known_bugs" else None) for k in _RUN_KEYS} for d in documents],
    )


_RUN_KEYS = ("created", "python", "sqlalchemy", "known_bugs")


def _columns(
    described: dict[Configuration, tuple[str, dict[str, Any]]],
) -> dict[Configuration, Column]:
    """A column per configuration, named by its backend, and where a backend has several, by
    the dimensions its configurations differ in."""
    by_backend: dict[str, list[Configuration]] = {}
    for configuration, (name, _) in described.items():
        by_backend.setdefault(name, []).append(configuration)
    columns = {}
    for configuration, (name, info) in described.items():
        title, column_id = info.get("title", name), name
        apart = differing(by_backend[name])
        if apart:
            values = configuration.describe(d.name for d in apart)
            title, column_id = f"{title} · {values}", f"{name} @ {values}"
        columns[configuration] = Column(
            column_id,
            title,
            configuration,
            info.get("versions", {}),
            info.get("known_bugs", []),
        )
    return columns


def configuration_of(name: str, info: dict[str, Any], document: dict[str, Any]) -> Configuration:
    """The configuration a results file describes ``name`` with; derived for a version 3 file,
    which did not record it."""
    if "configuration" in info:
        return Configuration.from_dict(info["configuration"])
    versions = info.get("versions", {})
    server = versions.get("server", "?")
    try:
        backend = get_backend(name)
    except BackendSelectionError:
        backend = None
    if isinstance(backend, ServerBackend):
        server = backend.server_release  # what version 4 records: the release line
    return Configuration.from_dict(
        {
            "backend": name,
            "database": info.get("database", name),
            "driver": versions.get("driver", "?").split(" ")[0],
            "server": server,
            "api": info.get("api", versions.get("api", "sync")),
            "sqlalchemy": versions.get("sqlalchemy", document.get("sqlalchemy", "?")),
            "python": document.get("python", "?"),
        }
    )


def statements(step: dict[str, Any]) -> list[str]:
    """A step's statements as the database got them (the statements the SQL steps judge, by the
    same rule: ``sql_capture.emitted``), made comparable across releases and drivers
    (parameter style, quoting, 2.0's column labels)."""
    return [normalise(s.sql) for s in Statements.from_json(step.get("sql", []))]
