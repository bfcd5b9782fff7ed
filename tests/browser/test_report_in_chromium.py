"""The report as a reader sees it: rendered from a real run and opened in headless Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from orm_spec.__main__ import main
from orm_spec.backends import BACKENDS
from orm_spec.report import load_results
from tests.report_runs import run_spec

CHROMIUM = os.environ.get("ORM_SPEC_CHROMIUM", "/usr/bin/chromium")
LAZY = "The first access to user.posts emits one SELECT on posts"
DIVERGENCE = "A unique email that differs from another only in case"
# Chromium's own network services are refused by a closed network: keep them off.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: pip install -e '.[dev]'"
)
if not shutil.which(CHROMIUM):
    pytest.skip(
        f"no Chromium at {CHROMIUM}: apt-get install chromium (or set ORM_SPEC_CHROMIUM)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A report of two features on every backend this run may use (SQLite's three when none
    is named: they include a sync and an async one)."""
    directory = tmp_path_factory.mktemp("report")
    results = directory / "results.json"
    backends = os.environ.get("ORM_SPEC_BACKENDS") or "sqlite,sqlite_transactional,sqlite_async"
    run_spec(
        results,
        "tests/features/test_lazy_loading.py",
        "tests/features/test_backend_divergences.py",
        backends=backends,
    )
    html = directory / "report.html"
    assert main(["report", str(results), "-o", str(html)]) == 0
    return html, list(load_results(results)["backends"])


@pytest.fixture(scope="module")
def page(report: tuple[Path, list[str]]) -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(report[0].as_uri())
        page.errors = errors  # type: ignore[attr-defined]
        yield page
        browser.close()


def test_the_matrix_has_a_column_per_backend(page: Any, report: tuple[Path, list[str]]) -> None:
    headers = page.locator("#matrix th.backend").all_inner_texts()
    assert headers == [BACKENDS[b].title for b in report[1]]


def test_a_divergence_is_one_row_with_each_answer(page: Any) -> None:
    row = page.locator("#matrix tr.behaviour-row", has_text=DIVERGENCE).first
    assert row.count() == 1
    cells = row.locator("td.cell").all_inner_texts()
    assert any("a new session finds Alicia" in text for text in cells)


def test_expanding_a_behaviour_shows_its_sql(page: Any) -> None:
    details = page.locator("details.behaviour", has_text=LAZY).first
    when = details.locator("div.step", has_text="I read Alice's posts").first
    sql = when.locator("pre.sql", has_text="FROM posts").first
    assert not sql.is_visible()
    details.locator("> summary").click()
    assert sql.is_visible()
    if os.environ.get("ORM_SPEC_SCREENSHOTS"):
        shots = Path(os.environ["ORM_SPEC_SCREENSHOTS"])
        details.scroll_into_view_if_needed()
        details.screenshot(path=str(shots / "report-lazy-loading.png"))
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(shots / "report-overview.png"))


def test_the_differs_filter_hides_rows_that_agree(page: Any) -> None:
    rows = page.locator("#matrix tr.behaviour-row")
    total = rows.count()
    page.locator("#differs-only").check()
    visible = sum(1 for i in range(total) if rows.nth(i).is_visible())
    page.locator("#differs-only").uncheck()
    assert 0 < visible < total
    assert page.locator("#matrix tr.behaviour-row", has_text=DIVERGENCE).first.is_visible()


def test_a_dimension_filter_hides_the_other_configurations(
    page: Any, report: tuple[Path, list[str]]
) -> None:
    apis = {BACKENDS[b].api for b in report[1]}
    if len(apis) < 2:
        pytest.skip("the run had backends of one session API only: nothing to filter")
    page.locator('input.dimension[data-attribute="api"][value="async"]').uncheck()
    headers = [h for h in page.locator("#matrix th.backend").all() if h.is_visible()]
    page.locator('input.dimension[data-attribute="api"][value="async"]').check()
    visible = [h.inner_text() for h in headers]
    assert visible == [BACKENDS[b].title for b in report[1] if BACKENDS[b].api == "sync"]


def test_no_console_errors(page: Any) -> None:
    assert page.errors == []  # type: ignore[attr-defined]
