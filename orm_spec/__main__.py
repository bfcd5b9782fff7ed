"""Command line: ``orm-spec`` / ``python -m orm_spec``.

orm-spec coverage [--verbose] [--features DIR]   catalogue rows covered by scenario tags
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from orm_spec.catalogue import FEATURES_DIR, coverage_report


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="orm-spec", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    cov = commands.add_parser("coverage", help="print catalogue coverage per area")
    cov.add_argument("--features", default=str(FEATURES_DIR), help="the features directory")
    cov.add_argument("--verbose", "-v", action="store_true", help="list the scenarios per row")
    cov.add_argument("--strict", action="store_true", help="exit 1 when a row is uncovered")
    cov.set_defaults(run=_coverage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
