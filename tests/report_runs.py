"""Real runs of the spec in a subprocess, shared by the report tests (results are cached per
session so the browser test and the unit tests do not each pay for a run)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_spec(
    results: Path, *args: str, features: Path | None = None, backends: str | None = "sqlite"
) -> None:
    """Run the spec (by default on SQLite only: fast, always there) and write its results."""
    env = {**os.environ}
    if backends:
        env["ORM_SPEC_BACKENDS"] = backends
    else:
        env.pop("ORM_SPEC_BACKENDS", None)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:randomly",
        "-p",
        "no:xdist",
        f"--spec-results={results}",
        *args,
    ]
    if features is not None:
        command += ["-o", f"bdd_features_base_dir={features}/"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode not in (0, 1):  # 1: some scenarios failed, as a test may intend
        raise AssertionError(f"the spec run failed to run:\n{done.stdout[-3000:]}{done.stderr}")


def features_copy(destination: Path) -> Path:
    shutil.copytree(ROOT / "features", destination)
    return destination
