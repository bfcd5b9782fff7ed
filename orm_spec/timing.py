"""What a run costs per backend, against the time its driver spends: the benchmark's figures.

``--spec-timing=PATH`` measures, per backend, the wall time of its scenarios (setup, call and
teardown: the reset, the steps, the checks) without the one-time work of providing the database
(a container start, the schema), the part of it inside the steps (each scenario run's step
records, ``orm_spec.run``), and the time spent inside the driver: every call SQLAlchemy's
dialect makes into the DBAPI (connect, execute, executemany, commit, rollback). Their ratio is
the spec's own overhead per unit of real database work; ``.ci/benchmark`` prints it.

The driver is timed at the dialect's ``do_*`` methods, the narrowest place every statement of
every API goes through: for an async backend that includes the event loop's turn to the driver,
which is the driver's cost as AsyncSession users pay it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Dialect

DRIVER_CALLS = (
    "connect",
    "do_execute",
    "do_executemany",
    "do_execute_no_params",
    "do_commit",
    "do_rollback",
    "do_begin",
    "do_close",
)
"""The dialect methods that hand work to the DBAPI (do_begin is a no-op except on drivers that
need an explicit BEGIN; timing it costs nothing)."""


@dataclass
class BackendCost:
    scenarios: int = 0
    wall_s: float = 0.0
    """Scenario setup + call + teardown, the database's provision excluded."""
    steps_s: float = 0.0
    """Inside the steps, as the scenario runs recorded each (the rest of the wall time is the
    harness: pytest, pytest-bdd, the reset before each scenario)."""
    driver_s: float = 0.0
    driver_calls: int = 0
    provide_s: float = 0.0
    """Providing the database and creating the schema, once per run."""


class Timings:
    """The run's costs, by backend."""

    def __init__(self) -> None:
        self.by_backend: dict[str, BackendCost] = {}

    def cost(self, backend: str) -> BackendCost:
        return self.by_backend.setdefault(backend, BackendCost())

    def time_driver(self, backend: str, dialect: Dialect) -> None:
        """Wrap the dialect's DBAPI calls so that their time adds to ``backend``'s driver time."""
        cost = self.cost(backend)
        for name in DRIVER_CALLS:
            original = getattr(dialect, name, None)
            if original is not None:
                setattr(dialect, name, _timed(original, cost))

    def write(self, path: Path) -> None:
        path.write_text(
            json.dumps({name: asdict(c) for name, c in self.by_backend.items()}, indent=2) + "\n"
        )


def _timed(method: Callable[..., Any], cost: BackendCost) -> Callable[..., Any]:
    clock = time.perf_counter

    def timed(*args: Any, **kwargs: Any) -> Any:
        began = clock()
        try:
            return method(*args, **kwargs)
        finally:
            cost.driver_s += clock() - began
            cost.driver_calls += 1

    return timed
