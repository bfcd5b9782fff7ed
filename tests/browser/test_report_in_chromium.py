"""The report as a reader sees it: rendered from a real run and opened in headless Chromium."""

from __future__ import annotations

import copy
import json
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
ASYNC_ONLY = "Under AsyncSession a many-to-one lazy load raises too"
DETACHED = [
    "A lazy load on a detached object names the attribute it could not load",
    "An expired attribute on a detached object says the refresh cannot proceed",
]
LOCKED = "refresh() of a row another session deleted and committed"
OLDER = "2.0.58"
OLDER_SQL = "SELECT users.id FROM users WHERE users.id = ?"
OTHER_PYTHON = "3.12.4"
OTHER_ANSWER = "an IntegrityError was raised on the other Python"
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
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run of three features on every backend this run may use (SQLite's three when none is
    named: they include a sync and an async one)."""
    path = tmp_path_factory.mktemp("run") / "results.json"
    backends = os.environ.get("ORM_SPEC_BACKENDS") or "sqlite,sqlite_transactional,sqlite_async"
    run_spec(
        path,
        "tests/features/test_lazy_loading.py",
        "tests/features/test_backend_divergences.py",
        "tests/features/test_session_errors.py",
        backends=backends,
    )
    return path


@pytest.fixture(scope="module")
def report(results: Path) -> tuple[Path, list[str]]:
    html = results.parent / "report.html"
    assert main(["report", str(results), "-o", str(html)]) == 0
    return html, list(load_results(results)["backends"])


@pytest.fixture(scope="module")
def older_release(results: Path) -> Path:
    """The same run as an older SQLAlchemy release would have reported it: other version
    labels, and one more SELECT (of users) before the lazy load's in LAZY's When step."""
    document = copy.deepcopy(load_results(results))
    document["sqlalchemy"] = OLDER
    for backend in document["backends"].values():
        backend["versions"]["sqlalchemy"] = OLDER
        backend["configuration"]["sqlalchemy"] = OLDER
    scenario = next(s for f in document["features"] for s in f["scenarios"] if s["name"] == LAZY)
    when = next(i for i, step in enumerate(scenario["steps"]) if step["type"] == "when")
    for cell in scenario["results"].values():
        statements = cell["steps"][when]["sql"]
        statements.insert(0, {**statements[0], "sql": OLDER_SQL})
    path = results.parent / "older.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _open(browser: Any, html: Path) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(html.as_uri())
    page.errors = errors
    return page


@pytest.fixture(scope="module")
def page(browser: Any, report: tuple[Path, list[str]]) -> Iterator[Any]:
    page = _open(browser, report[0])
    yield page
    page.close()


@pytest.fixture(scope="module")
def merged_page(browser: Any, results: Path, older_release: Path) -> Iterator[Any]:
    """One report merged from two results files: the older release's and this run's."""
    html = results.parent / "merged.html"
    assert main(["report", str(older_release), str(results), "-o", str(html)]) == 0
    page = _open(browser, html)
    yield page
    page.close()


@pytest.fixture(scope="module")
def other_python(results: Path) -> Path:
    """The same run as another Python would have recorded it (sqlite_transactional's answers
    differ on 3.12+): one answer changed, that column's cell alone shows it."""
    document = copy.deepcopy(load_results(results))
    document["python"] = OTHER_PYTHON
    for backend in document["backends"].values():
        backend["configuration"]["python"] = OTHER_PYTHON
    scenario = next(
        s for f in document["features"] for s in f["scenarios"] if s["name"] == DIVERGENCE
    )
    scenario["answer_steps"] = [OTHER_ANSWER]
    path = results.parent / "other-python.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def two_pythons_page(browser: Any, results: Path, other_python: Path) -> Iterator[Any]:
    """One report merged from two runs of the same SQLAlchemy on two Pythons."""
    html = results.parent / "two-pythons.html"
    assert main(["report", str(results), str(other_python), "-o", str(html)]) == 0
    page = _open(browser, html)
    yield page
    page.close()


@pytest.fixture(scope="module")
def upgrade_page(browser: Any, results: Path, older_release: Path) -> Iterator[Any]:
    """This run's report with what changed since the older release (--diff-against)."""
    html = results.parent / "upgrade.html"
    assert (
        main(["report", str(results), "-o", str(html), "--diff-against", str(older_release)]) == 0
    )
    page = _open(browser, html)
    yield page
    page.close()


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


def test_the_differs_filter_takes_not_applicable_for_no_answer(
    page: Any, report: tuple[Path, list[str]]
) -> None:
    """An async-only behaviour is "n/a" on the sync configurations: that is not a difference."""
    if len({BACKENDS[b].api for b in report[1]}) < 2:
        pytest.skip("the run had backends of one session API only: no n/a cells")
    row = page.locator("#matrix tr.behaviour-row", has_text=ASYNC_ONLY).first
    headings = page.locator("#matrix tr.feature-row")
    page.locator("#differs-only").check()
    hidden_row = not row.is_visible()
    shown_headings = [h.inner_text() for h in headings.all() if h.is_visible()]
    page.locator("#differs-only").uncheck()
    assert hidden_row and row.is_visible()
    # lazy_loading.feature has no behaviour whose answers differ: its heading goes too.
    assert shown_headings and not any("lazy_loading.feature" in h for h in shown_headings)


def test_a_dimension_filter_hides_the_other_configurations(
    page: Any, report: tuple[Path, list[str]]
) -> None:
    apis = {BACKENDS[b].api for b in report[1]}
    if len(apis) < 2:
        pytest.skip("the run had backends of one session API only: nothing to filter")
    page.locator('input.dimension[data-dimension="api"][value="async"]').uncheck()
    headers = [h for h in page.locator("#matrix th.backend").all() if h.is_visible()]
    page.locator('input.dimension[data-dimension="api"][value="async"]').check()
    visible = [h.inner_text() for h in headers]
    assert visible == [BACKENDS[b].title for b in report[1] if BACKENDS[b].api == "sync"]


def _shown(page: Any) -> list[str]:
    """The titles of the behaviours the matrix shows, each checked against its details."""
    titles = []
    for row in page.locator("#matrix tr.behaviour-row").all():
        details = page.locator(f"details#{row.get_attribute('data-anchor')}")
        assert row.is_visible() == details.is_visible()
        if row.is_visible():
            titles.append(row.locator("td.name").inner_text())
    return titles


def _count(page: Any) -> tuple[int, int]:
    shown, _, total = page.locator("#search-count").inner_text().partition(" of ")
    return int(shown), int(total.split()[0])


def test_searching_an_exception_class_shows_the_behaviours_raising_it(page: Any) -> None:
    total = page.locator("#matrix tr.behaviour-row").count()
    assert _count(page) == (total, total)
    page.locator("#search").fill("DetachedInstanceError")
    shown, count = _shown(page), _count(page)
    headings = [
        h.inner_text() for h in page.locator("section.feature-section h2").all() if h.is_visible()
    ]
    page.locator("#search").fill("")
    assert shown == DETACHED and count == (2, total)
    assert len(headings) == 1 and "session_errors.feature" in headings[0]
    assert not page.locator("#no-match").is_visible()
    # Cleared, the search shows every behaviour again.
    assert len(_shown(page)) == total and _count(page) == (total, total)


def test_searching_a_message_fragment_or_an_error_code(page: Any) -> None:
    page.locator("#search").fill('"database is locked"')
    locked = _shown(page)
    page.locator("#search").fill("bhk3")  # the error page SN37's catalogue row links to
    code = _shown(page)
    page.locator("#search").fill("is not bound to a Session lazy load")  # words, apart
    message = _shown(page)
    page.locator("#search").fill("FROM posts WHERE ? = posts.user_id")  # SQL text
    sql = _shown(page)
    page.locator("#search").fill("")
    assert locked == [LOCKED]
    assert code == DETACHED
    assert message == DETACHED[:1]
    assert LAZY in sql and DETACHED[0] not in sql


def test_the_search_combines_with_the_other_filters(page: Any) -> None:
    """A behaviour shows when it matches the search and every other filter."""
    page.locator("#search").fill("DetachedInstanceError")
    page.locator("#differs-only").check()  # the same answer everywhere: none left
    none = _shown(page), _count(page)[0], page.locator("#no-match").is_visible()
    page.locator("#search").fill('"database is locked"')
    differing = _shown(page)  # its answer differs where sqlite_transactional ran
    page.locator("#differs-only").uncheck()
    back = _shown(page)
    page.locator("#search").fill("")
    assert none == ([], 0, True)
    assert back == [LOCKED]
    assert differing == ([LOCKED] if "sqlite_transactional" in _backends(page) else [])
    assert not page.locator("#no-match").is_visible()


def _backends(page: Any) -> list[str]:
    return [r.get_attribute("data-config") for r in page.locator("tr.config").all()]


def test_no_console_errors(page: Any) -> None:
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def release(results: Path) -> str:
    """The SQLAlchemy release the run reported, as the report labels its configurations."""
    return str(load_results(results)["sqlalchemy"])


def test_a_merged_report_has_one_row_per_behaviour_and_a_column_per_release(
    merged_page: Any, report: tuple[Path, list[str]], release: str
) -> None:
    headers = merged_page.locator("#matrix th.backend").all_inner_texts()
    titles = [BACKENDS[b].title for b in report[1]]
    assert sorted(headers) == sorted(
        f"{t} · SQLAlchemy {v}" for t in titles for v in (OLDER, release)
    )
    assert merged_page.locator("#matrix tr.behaviour-row", has_text=LAZY).count() == 1
    row = merged_page.locator("#matrix tr.behaviour-row", has_text=DIVERGENCE).first
    assert row.locator("td.cell").count() == len(headers)


def test_the_release_filter_hides_the_other_releases_columns(merged_page: Any) -> None:
    line = ".".join(OLDER.split(".")[:2])
    release = merged_page.locator(f'input.dimension[data-dimension="sqlalchemy"][value="{line}"]')
    release.uncheck()
    visible = [
        h.inner_text() for h in merged_page.locator("#matrix th.backend").all() if h.is_visible()
    ]
    release.check()
    assert visible and all(OLDER not in title for title in visible)


def test_the_upgrade_view_shows_the_old_sql_beside_the_new(upgrade_page: Any, release: str) -> None:
    change = upgrade_page.locator("#diff-table tr.change-sql", has_text=OLDER_SQL).first
    old = change.locator("pre.sql.old", has_text=OLDER_SQL).first
    new = change.locator("pre.sql.new", has_text="FROM posts").first
    assert old.is_visible() and new.is_visible()
    assert change.locator("pre.sql.new", has_text=OLDER_SQL).count() == 0
    left, right = old.bounding_box(), new.bounding_box()
    assert left is not None and right is not None and left["x"] + left["width"] <= right["x"]
    versions = upgrade_page.locator("#diff + p.muted").inner_text()
    assert f"SQLAlchemy {OLDER}" in versions and f"SQLAlchemy {release}" in versions


def test_two_pythons_merge_into_a_column_each_with_a_python_filter(
    two_pythons_page: Any, results: Path
) -> None:
    document = load_results(results)
    here = str(document["python"])
    headers = two_pythons_page.locator("#matrix th.backend").all_inner_texts()
    titles = [BACKENDS[b].title for b in document["backends"]]
    assert headers == [f"{t} · Python {v}" for t in titles for v in (here, OTHER_PYTHON)]
    row = two_pythons_page.locator("#matrix tr.behaviour-row", has_text=DIVERGENCE).first
    cells = row.locator("td.cell").all_inner_texts()
    assert cells[1::2] == [OTHER_ANSWER] * len(titles)
    assert OTHER_ANSWER not in cells[0::2]
    # A filter per dimension whose values differ (the API and driver too when SQLite's async
    # backend ran), none for the release both runs share; unticking 3.12 leaves this Python.
    dimensions = two_pythons_page.locator("input.dimension")
    names = {d.get_attribute("data-dimension") for d in dimensions.all()}
    assert "python" in names and "sqlalchemy" not in names
    box = two_pythons_page.locator('input.dimension[data-dimension="python"][value="3.12"]')
    box.uncheck()
    visible = [
        h.inner_text()
        for h in two_pythons_page.locator("#matrix th.backend").all()
        if h.is_visible()
    ]
    box.check()
    assert visible == [f"{t} · Python {here}" for t in titles]


def test_no_console_errors_in_the_merged_and_upgrade_views(
    merged_page: Any, upgrade_page: Any, two_pythons_page: Any
) -> None:
    assert merged_page.errors == [] and upgrade_page.errors == []
    assert two_pythons_page.errors == []
