"""The spec on a spread of SQLAlchemy releases, each in a virtualenv of its own.

    nox -s "spec(sqlalchemy='2.1')" -- --backend sqlite     newest 2.1.x
    nox -s "spec(sqlalchemy='2.0')"                         newest 2.0.x
    nox -s "spec(sqlalchemy='2.0.38')"                      one release
    nox -s "spec(sqlalchemy='lowest')"                      the lowest version pyproject declares
    nox -s spec                                             the whole spread (what CI runs)
    nox -s diff                                             2.0 -> 2.1, from the results files
    nox -s readme                                           rewrite the README's 2.0 -> 2.1 section

The spread (``SPREAD``): the oldest supported release, two in the middle of 2.0, the newest 2.0,
2.1.0 and the newest 2.1. Each run passes with the release's known bugs
(orm_spec/known_bugs.toml) as strict expected failures. Each spec session writes
results/sqlalchemy-<release>.json (arguments after ``--`` go to pytest, e.g. the backends);
``orm-spec diff`` and ``orm-spec report`` read them.
"""

from __future__ import annotations

import re
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["spec(sqlalchemy='2.0')", "spec(sqlalchemy='2.1')", "diff"]

ROOT = Path(__file__).parent
RESULTS = ROOT / "results"
README_MARKERS = ("<!-- sqlalchemy-2.0-to-2.1: begin -->", "<!-- sqlalchemy-2.0-to-2.1: end -->")


def lowest_sqlalchemy() -> str:
    declared = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'"sqlalchemy\[asyncio\]>=([0-9.]+)"', declared)
    if found is None:
        raise RuntimeError("pyproject.toml declares no lower bound for sqlalchemy[asyncio]")
    return found.group(1)


SPREAD = ["lowest", "2.0.38", "2.0.48", "2.0", "2.1.0", "2.1"]
"""The releases CI runs the SQLite spec on: a release line ("2.0") is its newest release."""


def requirement(release: str) -> str:
    """``lowest``: pyproject's lower bound; ``2.0``: the line's newest; ``2.0.38``: that one."""
    if release == "lowest":
        return f"sqlalchemy[asyncio]=={lowest_sqlalchemy()}"
    if release.count(".") == 2:
        return f"sqlalchemy[asyncio]=={release}"
    major, minor = release.split(".")
    return f"sqlalchemy[asyncio]>={release},<{major}.{int(minor) + 1}"


@nox.session
@nox.parametrize("sqlalchemy", SPREAD)
def spec(session: nox.Session, sqlalchemy: str) -> None:
    session.install("-e", ".[dev]", requirement(sqlalchemy))
    RESULTS.mkdir(exist_ok=True)
    args = session.posargs or ["--backend", "sqlite,sqlite_transactional,sqlite_async"]
    session.run(
        "python",
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:randomly",
        "-rx",  # each expected failure with its reason: the known bug and the fixing release
        "tests/features",
        "--require-backends",
        f"--spec-results={RESULTS / f'sqlalchemy-{sqlalchemy}.json'}",
        *args,
    )


@nox.session
def diff(session: nox.Session) -> None:
    session.install("-e", ".")
    session.run(
        "orm-spec",
        "diff",
        str(RESULTS / "sqlalchemy-2.0.json"),
        str(RESULTS / "sqlalchemy-2.1.json"),
    )


@nox.session
def readme(session: nox.Session) -> None:
    """Rewrite the README's answer to "what changed between 2.0 and 2.1" from the real diff."""
    session.install("-e", ".")
    text = session.run(
        "orm-spec",
        "diff",
        "--markdown",
        str(RESULTS / "sqlalchemy-2.0.json"),
        str(RESULTS / "sqlalchemy-2.1.json"),
        silent=True,
    )
    readme_path = ROOT / "README.md"
    current = readme_path.read_text(encoding="utf-8")
    begin, end = README_MARKERS
    head, _, rest = current.partition(begin)
    _, _, tail = rest.partition(end)
    readme_path.write_text(f"{head}{begin}\n{str(text).strip()}\n{end}{tail}", encoding="utf-8")
