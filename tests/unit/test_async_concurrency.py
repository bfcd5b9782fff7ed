"""The scenario stating that a new AsyncSession refuses a second task while it provisions its
connection (async_session.feature, AS15) fails when SQLAlchemy does not refuse it: the spec run
in a subprocess with that one check of SQLAlchemy's taken away."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "pool_must_open_a_connection"
"""The test id of 'Two tasks querying a new AsyncSession while its pool must open a connection'."""

WITHOUT_THE_REFUSAL = '''
"""Let a second task through while the session provisions its connection (SQLAlchemy raises
InvalidRequestError code "isce" there); every other prerequisite state still raises."""
from sqlalchemy.orm.session import SessionTransaction, SessionTransactionState

_original = SessionTransaction._raise_for_prerequisite_state


def _lenient(self, operation_name, state):
    if state is SessionTransactionState.PROVISIONING_CONNECTION:
        return None
    return _original(self, operation_name, state)


SessionTransaction._raise_for_prerequisite_state = _lenient
'''


def _run_scenario(plugin_dir: Path, *plugin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            *plugin,
            "--backend",
            "sqlite_async",
            "--require-backends",
            "-k",
            SCENARIO,
            "tests/features/test_async_session.py",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_dir), str(ROOT)])},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def plugin_dir(tmp_path: Path) -> Path:
    (tmp_path / "orm_spec_without_isce.py").write_text(WITHOUT_THE_REFUSAL, encoding="utf-8")
    return tmp_path


def test_the_fresh_session_scenario_passes_on_sqlalchemy_as_it_is(plugin_dir: Path) -> None:
    done = _run_scenario(plugin_dir)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "1 passed" in done.stdout, done.stdout[-3000:]


def test_the_fresh_session_scenario_fails_when_the_second_task_is_not_refused(
    plugin_dir: Path,
) -> None:
    done = _run_scenario(plugin_dir, "-p", "orm_spec_without_isce")
    assert done.returncode == 1, done.stdout[-3000:]
    assert "1 failed" in done.stdout, done.stdout[-3000:]
    # It fails at the check of the refusal, not on the way there: SQLAlchemy's state machine
    # stops the second task later, with another error.
    assert re.search(r"steps/errors\.py:\d+: in raised\n", done.stdout), done.stdout[-3000:]
    assert "expected InvalidRequestError, got" in done.stdout, done.stdout[-3000:]
