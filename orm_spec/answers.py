"""Results files read as answers: one behaviour per row, one answer per configuration.

A behaviour is a scenario, or the rows of an Outline that differ only by the configuration they
state (``backend``, ``sqlalchemy``, ``api`` columns) and by the answer they give there. A
configuration is a backend in one run; results merged from runs of several SQLAlchemy releases
name it with the release too ("postgresql @ 2.0.58"). The HTML report, the diff and the
terminal view all read results through here, and none of them parses SQL: statements carry
their meaning from the run (see ``results``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from orm_spec.backends import BACKENDS
from orm_spec.sql_capture import Statements
from orm_spec.sql_text import normalise


@dataclass(frozen=True)
class Configuration:
    """One column of the answers: a backend, in a run of one SQLAlchemy release."""

    id: str
    backend: str
    title: str
    database: str
    api: str
    driver: str
    server: str
    sqlalchemy: str

    @property
    def line(self) -> str:
        """The SQLAlchemy release line: "2.1"."""
        return ".".join(self.sqlalchemy.split(".")[:2])

    def describe(self) -> str:
        return f"{self.title}: {self.driver}, server {self.server}, SQLAlchemy {self.sqlalchemy}"


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
    configurations: list[Configuration]
    features: list[Feature]
    facts: dict[str, str]
    """Each fact's question."""
    fact_answers: dict[str, dict[str, Any]]
    """Per configuration id, each fact's answer there."""
    runs: list[dict[str, Any]]

    def behaviours(self) -> Iterable[Behaviour]:
        for feature in self.features:
            yield from feature.behaviours


def read(documents: Sequence[dict[str, Any]]) -> Answers:
    """The answers of one or more results files (a later file's cell wins for the same
    behaviour, row and configuration)."""
    versions = {(name, d["sqlalchemy"]) for d in documents for name in d["backends"]}
    names = [name for name, _ in versions]
    ambiguous = {name for name in names if names.count(name) > 1}
    configurations: dict[str, Configuration] = {}
    fact_answers: dict[str, dict[str, Any]] = {}
    facts: dict[str, str] = {}
    features: dict[str, Feature] = {}
    behaviours: dict[str, Behaviour] = {}
    for document in documents:
        facts.update(document.get("facts", {}))
        release = document["sqlalchemy"]
        ids = {}
        for name, info in document["backends"].items():
            config_id = f"{name} @ {release}" if name in ambiguous else name
            ids[name] = config_id
            configurations[config_id] = _configuration(config_id, name, info, release)
            fact_answers[config_id] = info.get("facts", {})
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
                    if backend not in ids:
                        continue  # a cell of a backend the file does not describe
                    behaviour.cells[ids[backend]] = Cell(
                        result["outcome"],
                        scenario.get("answer", {}),
                        scenario.get("example", {}),
                        result.get("message"),
                        result.get("steps", []),
                        scenario["steps"],
                        scenario.get("answer_steps", []),
                    )
    order = [b for b in BACKENDS]
    ordered = sorted(
        configurations.values(),
        key=lambda c: (order.index(c.backend) if c.backend in order else len(order), c.id),
    )
    return Answers(
        ordered,
        [features[k] for k in sorted(features)],
        facts,
        fact_answers,
        [{k: d.get(k) for k in ("created", "python", "sqlalchemy")} for d in documents],
    )


def _configuration(config_id: str, name: str, info: dict[str, Any], release: str) -> Configuration:
    versions = info.get("versions", {})
    return Configuration(
        id=config_id,
        backend=name,
        title=info.get("title", name) + (f" · SQLAlchemy {release}" if " @ " in config_id else ""),
        database=info.get("database", name),
        api=info.get("api", versions.get("api", "sync")),
        driver=versions.get("driver", "?"),
        server=versions.get("server", "?"),
        sqlalchemy=versions.get("sqlalchemy", release),
    )


def statements(step: dict[str, Any]) -> list[str]:
    """A step's statements as the database got them (the statements the SQL steps judge, by the
    same rule: ``sql_capture.emitted``), made comparable across releases and drivers
    (parameter style, quoting, 2.0's column labels)."""
    return [normalise(s.sql) for s in Statements.from_json(step.get("sql", []))]
