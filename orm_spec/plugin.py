"""The pytest plugin: backend options, one run of every scenario per backend, isolation, summary.

Loaded from the project's ``conftest.py`` (or ``-p orm_spec.plugin``). Every pytest-bdd scenario
is parametrised over the selected backends (the id and a marker carry the backend name); the
backend's database is provided on first use and reset before each scenario; the world holds the
scenario's run (``orm_spec.run``), which the step runner records. Nothing here touches Docker:
a container is started only when a scenario first needs that backend.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from orm_spec import known_bugs
from orm_spec.backends import (
    APIS,
    BACKENDS,
    BACKENDS_ENV,
    REQUIRE_ENV,
    BackendSelectionError,
    BackendUnavailable,
    Facts,
    get_backend,
    select_backends,
    truthy,
)
from orm_spec.catalogue import load_catalogue
from orm_spec.database import Databases, SpecDatabase
from orm_spec.dimensions import BY_COLUMN, BY_NAME, DIMENSIONS, Configuration
from orm_spec.examples import (
    applies,
    facts_at,
    states_dimension,
    step_text,
    table_problem,
    tagged_for,
)
from orm_spec.results import ResultsRecorder
from orm_spec.run import RUN_KEY, WORLD_KEY
from orm_spec.steps.kit import VOCABULARY, scenario_of
from orm_spec.timing import Timings
from orm_spec.world import SpecWorld

pytest_plugins = ["orm_spec.steps"]

REGISTRY_KEY = pytest.StashKey[Databases]()
NO_ROW_KEY = pytest.StashKey[str]()
PASSED_KEY = pytest.StashKey["PassedScenarios"]()
SCENARIO_ARG = "_pytest_bdd_example"
"""Every pytest-bdd scenario function takes this argument: how the plugin recognises one."""
BACKEND_PROPERTY = "orm_spec_backend"
KNOWN_BUGS_PROPERTY = "orm_spec_known_bugs"
_RUN_DIMENSIONS = [d.name for d in DIMENSIONS if not d.of_backend]
"""What a configuration is besides its backend (SQLAlchemy, Python): named where a row is
missing."""
FACT_TAG = "fact:"
"""A divergence scenario's tag naming the backend fact it proves: ``@fact:ddl_is_transactional``."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("orm-spec", "orm-spec backends")
    group.addoption(
        "--backend",
        action="append",
        dest="orm_spec_backends",
        metavar="NAME",
        help=f"run the spec on this backend (repeatable; {', '.join(BACKENDS)}, or all; "
        "NAME@VERSION or NAME@all for server versions). "
        f"Default: ${BACKENDS_ENV}, else each database's default backends.",
    )
    group.addoption(
        "--api",
        choices=list(APIS),
        dest="orm_spec_api",
        help="run only the backends driven through this Session API (sync: Session, "
        "async: AsyncSession)",
    )
    group.addoption(
        "--require-backends",
        action="store_true",
        default=None,
        dest="orm_spec_require",
        help=f"fail, not skip, when a selected backend is unavailable (or ${REQUIRE_ENV}=1)",
    )
    group.addoption(
        "--spec-answers",
        nargs="?",
        const="all",
        choices=["all", "differing"],
        dest="orm_spec_answers",
        help="print, at the end, what each behaviour did on each backend (=differing: only the "
        "behaviours whose answer differs between backends)",
    )
    group.addoption(
        "--spec-results",
        metavar="PATH",
        dest="orm_spec_results",
        help="write every scenario x backend result, with the SQL of each step, as JSON to PATH "
        "(render it with `orm-spec report PATH -o report.html`)",
    )
    group.addoption(
        "--spec-timing",
        metavar="PATH",
        dest="orm_spec_timing",
        help="write, per backend, the scenarios' wall time and the time spent inside the driver "
        "as JSON to PATH (what .ci/benchmark prints; not with -n)",
    )


def pytest_configure(config: pytest.Config) -> None:
    for name, backend in BACKENDS.items():
        config.addinivalue_line("markers", f"{name}: the scenario runs on {backend.title}")
    config.addinivalue_line(
        "markers", "walkthrough: a step of the seed tutorial's walkthrough, replayed as it is"
    )
    config.addinivalue_line(
        "markers", "fact(name): the scenario proves a backend fact (tag @fact:<name>)"
    )
    config.addinivalue_line(
        "markers", "api(name): the scenario states one Session API's answer (@api:sync/async)"
    )
    config.addinivalue_line(
        "markers",
        "sqla(ticket): the scenario states what a SQLAlchemy bug's fix restored "
        "(@sqla:<ticket>, orm_spec/known_bugs.toml)",
    )
    for area in load_catalogue():
        for row in area.rows:
            config.addinivalue_line("markers", f"{row.id}: catalogue row: {row.text}")
    try:
        known_bugs.load()
    except known_bugs.KnownBugsError as exc:
        raise pytest.UsageError(str(exc)) from None
    try:
        selected = select_backends(
            config.getoption("orm_spec_backends"),
            os.environ.get(BACKENDS_ENV),
            config.getoption("orm_spec_api"),
        )
        required = bool(config.getoption("orm_spec_require")) or truthy(os.environ.get(REQUIRE_ENV))
        registry = Databases(selected, required)
        registry.validate()
        if not _is_controller(config):
            registry.shared = config.workerinput.get("orm_spec_servers", {})  # type: ignore[attr-defined]
        if config.getoption("orm_spec_timing"):
            if getattr(config.option, "numprocesses", None):
                raise BackendSelectionError(
                    "--spec-timing measures one process: run it without -n (pytest-xdist)"
                )
            registry.timings = Timings()
            config.pluginmanager.register(TimingRecorder(registry.timings), "orm-spec-timing")
    except BackendSelectionError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[REGISTRY_KEY] = registry
    results_path, answers = (
        config.getoption("orm_spec_results"),
        config.getoption("orm_spec_answers"),
    )
    if results_path or answers:
        recorder = ResultsRecorder(Path(results_path) if results_path else None, answers)
        config.pluginmanager.register(recorder, "orm-spec-results")
    passed = PassedScenarios()
    config.pluginmanager.register(passed, "orm-spec-passed-scenarios")
    config.stash[PASSED_KEY] = passed


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Callable[..., Any]) -> bool | None:
    """``@fact:<name>`` becomes the marker ``fact(name)``, for a fact every backend answers;
    ``@api:sync`` / ``@api:async`` the marker ``api(name)``; ``@sqlalchemy:>=2.1`` and
    ``@python:>=3.12`` restrict the scenario to those releases (``examples.tagged_for``);
    ``@sqla:<ticket>`` the marker ``sqla(ticket)``, for a ticket of the known bugs' table."""
    if tag.startswith(known_bugs.TAG):
        # A tag naming no ticket is refused at collection, where the scenario's place is known.
        if known_bugs.tag_problem(tag, known_bugs.load()) is None:
            pytest.mark.sqla(int(tag.removeprefix(known_bugs.TAG)))(function)
        return True
    if tag.startswith("api:"):
        if tag.removeprefix("api:") not in APIS:
            raise pytest.UsageError(f"tag @{tag} names no session API: @api:sync or @api:async")
        pytest.mark.api(tag.removeprefix("api:"))(function)
        return True
    column, sep, cell = tag.partition(":")
    dimension = BY_COLUMN.get(column) if sep else None
    if dimension is not None and dimension.valid is not None:  # @sqlalchemy:>=2.1, @python:...
        if not dimension.valid(cell):
            raise pytest.UsageError(f"tag @{tag}: {column} is {dimension.choices}")
        return True  # read at collection (examples.tagged_for), not a marker
    if not tag.startswith(FACT_TAG):
        return None
    name = tag.removeprefix(FACT_TAG)
    if name not in Facts.names():
        raise pytest.UsageError(
            f"tag @{tag} names no backend fact: choose from {', '.join(Facts.names())} "
            "(orm_spec/backends/facts.py)"
        )
    pytest.mark.fact(name)(function)
    return True


@pytest.hookimpl(optionalhook=True)  # an xdist hook: absent when xdist is not installed
def pytest_configure_node(node: Any) -> None:
    """Under pytest-xdist the controller provides each server once, for every worker: a
    container per database version, and a database in it per worker."""
    registry = node.config.stash.get(REGISTRY_KEY, None)
    if registry is not None:
        node.workerinput["orm_spec_servers"] = registry.share_with_worker(node.gateway.id)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if SCENARIO_ARG not in metafunc.fixturenames:
        return
    # The backend must be in the test's own closure: step functions request fixtures late, and
    # pytest only parametrises what the test function itself depends on.
    metafunc.fixturenames.append("backend_name")
    metafunc.parametrize("backend_name", _backend_params(metafunc.config))


_BACKEND_PARAMS_KEY = pytest.StashKey[list[Any]]()


def _backend_params(config: pytest.Config) -> list[Any]:
    """One parameter per selected backend (its id and marker), built once for every scenario."""
    params = config.stash.get(_BACKEND_PARAMS_KEY, None)
    if params is None:
        params = config.stash[_BACKEND_PARAMS_KEY] = [
            pytest.param(name, id=name, marks=getattr(pytest.mark, get_backend(name).base_name))
            for name in config.stash[REGISTRY_KEY].selected
        ]
    return params


def pytest_collection_finish(session: pytest.Session) -> None:
    """What exists now (modules, mappers, parsed features, thousands of items) lives for the
    whole run: out of the garbage collector's sight, a scenario's collection (the identity
    map's weak references are proven with gc.collect()) scans what the scenario made alone."""
    if session.items:
        VOCABULARY.compile()
    gc.collect()
    gc.freeze()
    registry = session.config.stash.get(REGISTRY_KEY, None)
    # On one process: the servers the selected scenarios need start now, side by side, while
    # the first scenarios run (xdist's controller starts them for its workers, who wait).
    if (
        registry is not None
        and _is_controller(session.config)
        and not session.config.option.collectonly
    ):
        used = {
            item.callspec.params.get("backend_name")
            for item in session.items
            if hasattr(item, "callspec")
        }
        registry.start_servers([name for name in registry.selected if name in used])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run each Examples row only where it states the behaviour (see ``orm_spec.examples``);
    fail a scenario whose table has no row for a configuration the run selected."""
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    covered: dict[tuple[str, str], pytest.Item] = {}
    uncovered: dict[tuple[str, str], pytest.Item] = {}
    configurations: dict[str, Configuration] = {}
    # Per scenario, not per item (an item per backend and Examples row): its tags, its table's
    # rows and whether they state a dimension, read and checked once.
    scenarios: dict[object, tuple[set[str], list[dict[str, str]], bool]] = {}
    # Per scenario and backend: do its configuration tags admit the backend's configuration?
    admitted: dict[tuple[object, str], bool] = {}
    checked: set[object] = set()
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        template = scenario_of(item)
        if template is None or "backend_name" not in params:
            keep.append(item)
            continue
        read = scenarios.get(template)
        if read is None:
            read = scenarios[template] = _read_scenario(item, template)
        tags, rows, dimensional = read
        name = params["backend_name"]
        at = configurations.get(name)
        if at is None:
            at = configurations[name] = Configuration.of(get_backend(name))
        tagged = admitted.get((template, name))
        if tagged is None:
            tagged = admitted[template, name] = tagged_for(tags, at)
        if not tagged:
            dropped.append(item)  # another Session API's or release's behaviour: not applicable
            continue
        if rows and template not in checked:  # a misspelt fact column leaves no dimension
            checked.add(template)
            problem = table_problem(rows, step_text(template))
            if problem:
                where = f"{template.feature.rel_filename}: {template.name!r}"
                raise pytest.UsageError(f"{where}: {problem}")
        if not dimensional:
            keep.append(item)
            continue
        key = (item.nodeid.split("[")[0], name)
        if applies(params.get(SCENARIO_ARG) or {}, rows, at):
            keep.append(item)
            covered[key] = item
        else:
            dropped.append(item)
            uncovered.setdefault(key, item)
    for key, item in uncovered.items():
        if key not in covered:  # not one row of the table applies here: say so, do not hide it
            item.stash[NO_ROW_KEY] = (
                f"{_where(item)}: no Examples row states the behaviour on {key[1]} with "
                f"{configurations[key[1]].describe(_RUN_DIMENSIONS)}: add a row for it"
            )
            dropped.remove(item)
            keep.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
    _expect_known_bugs(items)


def _read_scenario(item: pytest.Item, template: Any) -> tuple[set[str], list[dict[str, str]], bool]:
    """A scenario's tags (its own, its Rule's, its Feature's), its Examples rows and whether they
    state a dimension; a tag naming no known bug refused."""
    tags = template.tags | template.feature.tags | (template.rule.tags if template.rule else set())
    table = known_bugs.load()
    for tag in sorted(t for t in tags if t.startswith(known_bugs.TAG)):
        problem = known_bugs.tag_problem(tag, table)
        if problem:
            raise pytest.UsageError(f"{_where(item)}: {problem}")
    rows = [c for examples in template.examples for c in examples.as_contexts()]
    return tags, rows, states_dimension(rows)


def _expect_known_bugs(items: list[pytest.Item]) -> None:
    """On a release inside a bug's [first_buggy, last_buggy], the scenarios that state its fix
    must fail: strictly, so that one passing there says the table is wrong."""
    table = known_bugs.load()
    for item in items:
        tickets = sorted({m.args[0] for m in item.iter_markers("sqla")})
        params = getattr(getattr(item, "callspec", None), "params", {})
        if not tickets or "backend_name" not in params:
            continue
        backend = get_backend(params["backend_name"])
        version = BY_NAME["sqlalchemy"].read(backend)
        found = [
            table[t]
            for t in tickets
            if table[t].affects(version)
            and (
                table[t].shows_where is None
                or getattr(facts_at(backend, version), str(table[t].shows_where)) is True
            )
        ]
        if found:
            item.stash[known_bugs.ITEM_KEY] = [b.ticket for b in found]
            reason = "; ".join(b.reason(version) for b in found)
            item.add_marker(pytest.mark.xfail(strict=True, reason=reason))


def _where(item: pytest.Item) -> str:
    template = scenario_of(item)
    assert template is not None
    return f"{template.feature.rel_filename}:{template.line_number} ({template.name!r})"


def pytest_runtest_setup(item: pytest.Item) -> None:
    reason = item.stash.get(NO_ROW_KEY, None)
    if reason is not None:
        pytest.fail(reason, pytrace=False)


@pytest.fixture
def spec_db(request: pytest.FixtureRequest, backend_name: str) -> SpecDatabase:
    registry = request.config.stash[REGISTRY_KEY]
    try:
        db = registry.get(backend_name)
    except BackendUnavailable as exc:
        reason = str(exc)
    else:
        db.reset()
        return db
    # Outside the except block: a failure raised there would print the whole chain of causes
    # (docker's HTTP errors, testcontainers') above the one line that says what to do.
    if registry.required:
        pytest.fail(f"required backend {backend_name!r} is unavailable: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def world(request: pytest.FixtureRequest, spec_db: SpecDatabase) -> Iterator[SpecWorld]:
    world = SpecWorld(spec_db)
    request.node.stash[RUN_KEY] = world.run  # for the hooks around every step, without a lookup
    request.node.stash[WORLD_KEY] = world
    yield world
    # The item outlives the run (pytest keeps every item): without this it would keep the
    # scenario's sessions, objects and caught exceptions, with their frames, alive to the end.
    del request.node.stash[RUN_KEY]
    del request.node.stash[WORLD_KEY]
    world.close()
    leaked = spec_db.checked_out_connections()
    if leaked:
        # Give the connections back so the next scenario's reset is not blocked by their locks.
        spec_db.dispose(finally_=False)
        spec_db.checked_out = 0
        pytest.fail(
            f"{leaked} connection(s) still checked out of the {spec_db.name} pool after the "
            "scenario: a step opened a connection or session it did not close",
            pytrace=False,
        )


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, exception: Exception
) -> None:
    """An undefined step: one line saying where it is and what to do, not a traceback."""
    pytest.fail(
        f"undefined step in {feature.rel_filename}:{step.line_number} "
        f'({scenario.name!r}): {step.keyword} "{step.name}" - rephrase it with an existing step '
        "(see orm_spec/steps/) or define it in the step module for its subject",
        pytrace=False,
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A scenario's report names its backend, also where it arrives from an xdist worker."""
    report: pytest.TestReport = yield
    params = getattr(getattr(item, "callspec", None), "params", {})
    if "backend_name" in params and SCENARIO_ARG in getattr(item, "fixturenames", ()):
        report.user_properties.append((BACKEND_PROPERTY, params["backend_name"]))
        tickets = item.stash.get(known_bugs.ITEM_KEY, None)
        if tickets:
            report.user_properties.append((KNOWN_BUGS_PROPERTY, tickets))
    return report


class TimingRecorder:
    """Adds each scenario's setup, call and teardown time to its backend's wall time, and the
    time its run's steps took to its steps time."""

    def __init__(self, timings: Timings) -> None:
        self.timings = timings

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        try:
            return (yield)
        finally:
            run = item.stash.get(RUN_KEY, None)
            if run is not None and run.db is not None:
                self.timings.cost(run.db.name).steps_s += sum(r.duration for r in run.steps)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for key, name in report.user_properties:
            if key == BACKEND_PROPERTY:
                cost = self.timings.cost(name)
                cost.wall_s += report.duration
                cost.scenarios += report.when == "call"


class PassedScenarios:
    """Counts passed scenarios per backend where reports arrive (on the xdist controller too)."""

    def __init__(self) -> None:
        self.per_backend: dict[str, int] = {}
        self.status: dict[str, str] = {}  # backend -> how it was provided, or why not
        self.known_bugs: dict[str, dict[int, dict[str, int]]] = {}
        """backend -> ticket -> outcome -> scenarios"""

    @pytest.hookimpl(optionalhook=True)  # an xdist hook: absent when xdist is not installed
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        """Under xdist the workers open the backends: collect how each was provided."""
        self.status.update(getattr(node, "workeroutput", {}).get("orm_spec_status", {}))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self._known_bugs(report)
        if report.when != "call" or not report.passed:
            return
        for key, name in report.user_properties:
            if key == BACKEND_PROPERTY:
                self.per_backend[name] = self.per_backend.get(name, 0) + 1

    def _known_bugs(self, report: pytest.TestReport) -> None:
        """Per backend and ticket, how its scenarios ended: "xfailed" as the table says, or
        "passed" (a strict XPASS: the run fails) or "failed" outside the test itself."""
        if report.when != "call" and not report.failed:
            return
        properties = dict(report.user_properties)
        tickets, name = properties.get(KNOWN_BUGS_PROPERTY), properties.get(BACKEND_PROPERTY)
        if not tickets or name is None:
            return
        if hasattr(report, "wasxfail"):
            outcome = "xfailed"
        elif report.when == "call" and report.failed and "XPASS" in str(report.longrepr):
            outcome = "passed"
        else:
            outcome = "failed" if report.failed else "passed"
        for ticket in tickets:
            counts = self.known_bugs.setdefault(name, {}).setdefault(ticket, {})
            counts[outcome] = counts.get(outcome, 0) + 1


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    registry = config.stash.get(REGISTRY_KEY, None)
    if registry is None:
        return
    ran = config.stash[PASSED_KEY].per_backend
    status = config.stash[PASSED_KEY].status
    if not ran and not status:
        return  # no scenario was selected (unit tests only): nothing to say about backends
    terminalreporter.section("orm-spec backends")
    for name in registry.selected:
        line = status.get(name, "not used by the selected tests")
        terminalreporter.write_line(f"{name}: {ran.get(name, 0)} scenarios passed; {line}")
    for line in known_bugs_summary(config.stash[PASSED_KEY].known_bugs, registry.selected):
        if line.startswith("## "):
            terminalreporter.section(line.removeprefix("## "))
        else:
            terminalreporter.write_line(line)


def known_bugs_summary(
    seen: dict[str, dict[int, dict[str, int]]], selected: list[str]
) -> list[str]:
    """The terminal's section: per configuration, the known bugs its scenarios met (ticket, what
    breaks, fixed in), and the release's known bugs no selected scenario states."""
    version = BY_NAME["sqlalchemy"].read(get_backend(selected[0])) if selected else "?"
    table = known_bugs.load()
    release_bugs = known_bugs.affecting(version, table)
    lines = [f"## known SQLAlchemy bugs on this release ({version})"]
    met: set[int] = set()
    for name in selected:
        for ticket, outcomes in sorted(seen.get(name, {}).items()):
            met.add(ticket)
            bug = table[ticket]
            counted = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items()))
            lines.append(
                f"{name}: #{ticket} {bug.title} - fixed in {bug.fixed_for(version)} ({counted})"
            )
            if outcomes.get("passed"):
                lines.append(
                    f"  #{ticket} passed on {version}, which the table says has the bug: "
                    "correct orm_spec/known_bugs.toml (first_buggy, last_buggy)"
                )
    if not met:
        lines.append(f"no selected scenario states a known bug of SQLAlchemy {version}")
    rest = [b for b in release_bugs if b.ticket not in met]
    if rest:
        lines.append(
            f"{len(rest)} more known bug(s) of {version} no selected scenario states: "
            + ", ".join(f"#{b.ticket}" for b in rest)
            + " (python -m orm_spec known-bugs)"
        )
    return lines


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    registry = session.config.stash.get(REGISTRY_KEY, None)
    if registry is None:
        return
    # Taken before closing: the summary is written after sessionfinish.
    status = session.config.stash[PASSED_KEY].status
    status.update(registry.status())
    if not _is_controller(session.config):
        session.config.workeroutput["orm_spec_status"] = status  # type: ignore[attr-defined]
    registry.close_all()
    timing_path = session.config.getoption("orm_spec_timing")
    if registry.timings is not None and timing_path:
        for cost in registry.timings.by_backend.values():
            cost.wall_s -= cost.provide_s
        registry.timings.write(Path(timing_path))
    if registry.required and exitstatus == 0 and _is_controller(session.config):
        ran = session.config.stash[PASSED_KEY].per_backend
        missing = [name for name in registry.selected if not ran.get(name)]
        if missing:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
            print(
                f"\norm-spec: required backend(s) {', '.join(missing)} ran no scenario: "
                "the run fails because --require-backends was given"
            )


def pytest_unconfigure(config: pytest.Config) -> None:
    """Whatever ended the run (an internal error skips sessionfinish), nothing stays running."""
    registry = config.stash.get(REGISTRY_KEY, None)
    if registry is not None:
        registry.close_all()


def _is_controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput")
