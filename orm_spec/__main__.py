"""Command line: ``orm-spec`` or ``python -m orm_spec``.

orm-spec coverage [--verbose] [--strict]          catalogue rows covered by scenario tags
orm-spec find TEXT [--backend NAME] [--results RESULTS]
                                                  the behaviours TEXT names (an exception,
                                                  a message, an error code), with their answers
orm-spec report RESULTS... -o report.html [--diff-against OLD]
orm-spec diff OLD NEW [--include-given] [--fail-on-change] [--markdown]
                                                  exit 1 when an outcome got worse
orm-spec known-bugs [--release X.Y.Z] [--markdown [--write-readme]]
                                                  the known SQLAlchemy bugs of a release
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from orm_spec import find, known_bugs
from orm_spec.answers import read
from orm_spec.backends import APIS, BACKENDS, BACKENDS_ENV, BackendSelectionError, select_backends
from orm_spec.catalogue import FEATURES_DIR, coverage_report
from orm_spec.diff import compare, diff_for_report, format_comparison, format_markdown
from orm_spec.report import ResultsError, load_results, render_report, write_text_atomically


def _coverage(args: argparse.Namespace) -> int:
    directory = Path(args.features)
    if not (directory / "behaviour-catalogue.md").is_file():
        print(
            f"orm-spec: no behaviour-catalogue.md in {directory}: pass --features DIR",
            file=sys.stderr,
        )
        return 2
    text, complete = coverage_report(directory, verbose=args.verbose)
    print(text)
    return 0 if complete or not args.strict else 1


def _find(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    directory = Path(args.features)
    if not any(directory.glob("*.feature")):
        print(f"orm-spec: no feature files in {directory}: pass --features DIR", file=sys.stderr)
        return 2
    recorded = read([load_results(Path(p)) for p in args.results]) if args.results else None
    backends: list[str] | None = None
    if recorded is None or args.backend or args.api:
        try:
            backends = select_backends(args.backend, os.environ.get(BACKENDS_ENV), args.api)
        except BackendSelectionError as exc:
            print(f"orm-spec: {exc}", file=sys.stderr)
            return 2
        if not backends:
            print(f"orm-spec: no backend of the {args.api} Session API selected", file=sys.stderr)
            return 2
    found = find.search(find.load(directory), text)
    if not found:
        print(f'orm-spec: no behaviour matches "{text}"')
        return 1
    for item in found:
        if recorded is not None:
            item.answers = find.recorded_answers(item.behaviour, recorded, backends)
        else:
            assert backends is not None
            item.answers = find.stated_answers(item.behaviour, backends)
    lines = find.format_found(found, text)
    if recorded is None:
        assert backends is not None
        lines.append(find.at(backends))
    try:
        print("\n".join(lines), flush=True)
    except BrokenPipeError:  # `orm-spec find ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _report(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    documents = [load_results(Path(p)) for p in args.results]
    diff = None
    if args.diff_against:
        old = load_results(Path(args.diff_against))
        names = ", ".join(Path(p).name for p in args.results)
        diff = diff_for_report(
            compare([old], documents, old_name=Path(args.diff_against).name, new_name=names)
        )
    html = render_report(documents, diff)
    write_text_atomically(Path(args.output), html)
    elapsed = time.perf_counter() - started
    print(f"orm-spec: wrote {args.output} ({len(html.encode()) / 1024:.0f} KiB in {elapsed:.2f} s)")
    return 0


def _diff(args: argparse.Namespace) -> int:
    comparison = compare(
        [load_results(Path(args.old))],
        [load_results(Path(args.new))],
        include_given=args.include_given,
        old_name=Path(args.old).name,
        new_name=Path(args.new).name,
    )
    print(format_markdown(comparison) if args.markdown else format_comparison(comparison))
    if comparison.worse or (args.fail_on_change and comparison.changes):
        return 1
    return 0


README_MARKERS = ("<!-- known-bugs: begin -->", "<!-- known-bugs: end -->")


def _known_bugs(args: argparse.Namespace) -> int:
    try:
        table = known_bugs.load()
    except known_bugs.KnownBugsError as exc:
        print(f"orm-spec: {exc}", file=sys.stderr)
        return 2
    if not args.markdown:
        import sqlalchemy

        print(known_bugs.text(args.release or sqlalchemy.__version__, table))
        return 0
    generated = known_bugs.markdown(table)
    if not args.write_readme:
        print(generated)
        return 0
    readme = Path(args.write_readme)
    current = readme.read_text(encoding="utf-8")
    begin, end = README_MARKERS
    if begin not in current or end not in current:
        print(f"orm-spec: {readme} has no {begin} ... {end} block", file=sys.stderr)
        return 2
    head, _, rest = current.partition(begin)
    _, _, tail = rest.partition(end)
    write_text_atomically(readme, f"{head}{begin}\n{generated}\n{end}{tail}")
    print(f"orm-spec: wrote the known bugs' table into {readme}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="orm-spec", description=(__doc__ or "").splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    cov = commands.add_parser("coverage", help="print catalogue coverage per area")
    cov.add_argument("--features", default=str(FEATURES_DIR), help="the features directory")
    cov.add_argument("--verbose", "-v", action="store_true", help="list the scenarios per row")
    cov.add_argument("--strict", action="store_true", help="exit 1 when a row is uncovered")
    cov.set_defaults(run=_coverage)

    fin = commands.add_parser(
        "find",
        help="the behaviours whose title, description, steps, exception, message or error code "
        "match TEXT, with each configuration's answer",
    )
    fin.add_argument("text", nargs="+", metavar="TEXT", help="words that must all occur")
    fin.add_argument(
        "--backend",
        action="append",
        metavar="NAME",
        help=f"answers on this backend (repeatable, as pytest's; {', '.join(BACKENDS)}, all, "
        f"NAME@VERSION). Default: ${BACKENDS_ENV}, else each database's default backends",
    )
    fin.add_argument("--api", choices=list(APIS), help="only the backends of this Session API")
    fin.add_argument(
        "--results",
        action="append",
        metavar="RESULTS",
        help="show the answers (and SQL) a run recorded (pytest --spec-results=PATH), repeatable",
    )
    fin.add_argument("--features", default=str(FEATURES_DIR), help="the features directory")
    fin.set_defaults(run=_find)

    rep = commands.add_parser("report", help="render results files as one HTML page")
    rep.add_argument("results", nargs="+", help="results files from pytest --spec-results=PATH")
    rep.add_argument("-o", "--output", required=True, help="the HTML file to write")
    rep.add_argument("--diff-against", metavar="OLD", help="add a section on changes since OLD")
    rep.set_defaults(run=_report)

    dif = commands.add_parser(
        "diff", help="behaviours whose answer, outcome or SQL changed between two runs"
    )
    dif.add_argument("old")
    dif.add_argument("new")
    dif.add_argument(
        "--include-given", action="store_true", help="compare the SQL of Given steps too"
    )
    dif.add_argument(
        "--fail-on-change",
        action="store_true",
        help="exit 1 on any change, not only on an outcome that got worse",
    )
    dif.add_argument("--markdown", action="store_true", help="a Markdown list, for a README")
    dif.set_defaults(run=_diff)

    bugs = commands.add_parser(
        "known-bugs", help="the known SQLAlchemy Session bugs (orm_spec/known_bugs.toml)"
    )
    bugs.add_argument(
        "--release", metavar="X.Y.Z", help="the bugs of this release (default: the installed one)"
    )
    bugs.add_argument(
        "--markdown", action="store_true", help="the README's table: every bug, per release"
    )
    bugs.add_argument(
        "--write-readme",
        metavar="README",
        nargs="?",
        const="README.md",
        help="with --markdown: replace the table between the README's known-bugs markers",
    )
    bugs.set_defaults(run=_known_bugs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ResultsError as exc:
        print(f"orm-spec: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
