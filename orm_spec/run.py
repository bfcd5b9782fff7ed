"""One scenario's run: a record per step of what it was, what it caused and how it ended.

The world holds the run (``world.run``). The step executor (``kit._execute_step_function``, in
pytest-bdd's place) announces which step of which feature file runs next
(``ScenarioRun.announce``); the step runner (``kit.run_step``) opens that step's ``StepRecord``
and finishes it. Everything else reads the records: the SQL steps (``when_statements``), the
SQLAlchemy warnings check, the results file and the answers (``results``), the timing.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

import pytest

from orm_spec.sql_capture import SqlRecorder, Statement, Statements

if TYPE_CHECKING:
    from orm_spec.database import SpecDatabase


class OutcomeKind(Enum):
    """What an action's value is, so a Then step can name the one it judges; the value says
    what step produces it, for the error when none ran."""

    LOAD = "loaded an object (I load Alice, I get Alice by primary key)"
    READ = "read a value (I read Alice's name)"
    QUERY = "selected a list of objects (I select all users ordered by name)"
    ELSEWHERE = "had another session commit a change (another session tries to set ...)"
    BULK = "ran a bulk statement (I bulk delete the users named Alice)"
    CONCURRENT = "ran queries in concurrent tasks (I run two queries on the session at once)"
    BIND = "asked the session for a bind (I ask the session for the bind of the user class)"
    CONNECTION = "asked the session for its connection (I ask the session for its connection)"


@dataclass
class Outcome:
    """What one action did: the value it returned, or the exception it raised."""

    step: str
    kind: OutcomeKind | None
    attempted: bool
    """Written "I try to ...": an exception is the outcome instead of a failure."""
    value: Any = None
    error: BaseException | None = None


class StepOutcome(Enum):
    """How a step ended, as the results file writes it."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_RUN = "not run"


@dataclass(frozen=True)
class StepInFile:
    """Which step runs: what pytest-bdd's hook says about it before the step function runs."""

    file: str
    line: int
    keyword: str
    type: str
    text: str

    def __str__(self) -> str:
        return f'{self.file}:{self.line}: {self.keyword} "{self.text}"'


UNKNOWN_STEP = StepInFile("?", 0, "", "", "")


@dataclass
class RecordedWarning:
    """A SQLAlchemy warning a step caused; ``expected`` once a Then step states it."""

    step: StepRecord
    message: warnings.WarningMessage
    expected: bool = False

    @property
    def text(self) -> str:
        return str(self.message.message)


@dataclass(eq=False)
class StepRecord:
    """One step of the run: where it is written, what it caused, how it ended."""

    where: StepInFile
    start: int
    """The index in the recorder of the first statement the step caused."""
    end: int | None = None
    """One past its last statement; None while the step runs."""
    warnings: list[RecordedWarning] = field(default_factory=list)
    outcome: StepOutcome = StepOutcome.NOT_RUN
    action: Outcome | None = None
    """For an action, what it did (the world's ``Outcome``, which Then steps judge)."""
    duration: float = 0.0
    started: float = 0.0

    @property
    def type(self) -> str:
        return self.where.type

    def __str__(self) -> str:
        return str(self.where)


RUN_KEY = pytest.StashKey["ScenarioRun"]()
"""Where the test item keeps its scenario's run while the world lives (set by the world
fixture): for the hooks around a scenario, without a fixture lookup."""
WORLD_KEY = pytest.StashKey[Any]()
"""Where it keeps the scenario's world meanwhile: every step after the first finds it there,
not through pytest's fixture lookup (a tenth of a millisecond a scenario)."""


class ScenarioRun:
    """The steps of one scenario run so far, in order."""

    def __init__(self, recorder: SqlRecorder, db: SpecDatabase | None = None) -> None:
        self.recorder = recorder
        self.db = db
        """The backend's database the scenario runs on."""
        self.steps: list[StepRecord] = []
        self.warnings: list[RecordedWarning] = []
        """Every step's SQLAlchemy warnings, in order."""
        self.request: pytest.FixtureRequest | None = None
        """The request of the scenario's test, for the step runner to ask fixtures."""
        self._next: StepInFile = UNKNOWN_STEP

    def announce(self, request: pytest.FixtureRequest, step: StepInFile) -> None:
        """pytest-bdd is about to run this step: the next record the runner opens is it."""
        self.request = request
        self._next = step

    def begin(self) -> StepRecord:
        record = StepRecord(self._next, self.recorder.mark(), started=time.perf_counter())
        self._next = UNKNOWN_STEP
        self.steps.append(record)
        return record

    def finish(self, record: StepRecord, outcome: StepOutcome) -> None:
        record.end = self.recorder.mark()
        record.duration = time.perf_counter() - record.started
        record.outcome = outcome

    def warn(self, record: StepRecord, message: warnings.WarningMessage) -> None:
        recorded = RecordedWarning(record, message)
        record.warnings.append(recorded)
        self.warnings.append(recorded)

    def unexpected_warnings(self) -> list[RecordedWarning]:
        return [w for w in self.warnings if not w.expected]

    def statements(self, record: StepRecord) -> list[Statement]:
        """Every statement the step caused, as recorded (BEGIN and unsent ones included)."""
        end = self.recorder.mark() if record.end is None else record.end
        return self.recorder.statements[record.start : end]

    def when_statements(self) -> Statements:
        """The SQL the last block of When steps emitted: from its first When step up to the
        first Then step after it, so a Then step that itself reads an attribute (and so emits
        SQL) never changes what the When steps are judged by."""
        last_when = next(
            (i for i in range(len(self.steps) - 1, -1, -1) if self.steps[i].type == "when"),
            None,
        )
        if last_when is None:
            return Statements([], [])
        first = last_when
        while first > 0 and self.steps[first - 1].type == "when":
            first -= 1
        stop = next(
            (r.start for r in self.steps[last_when + 1 :] if r.type == "then"),
            self.recorder.mark(),
        )
        return Statements.emitted_from(self.recorder.statements, self.steps[first].start, stop)

    def forget_actions(self) -> None:
        """Drop the records' references to what actions returned (for garbage collection)."""
        for record in self.steps:
            record.action = None
