"""The ``hgmap`` command line.

Each subcommand lives in its own module of this package with an ``add(sub)``
function that declares its arguments and sets ``func`` to a handler
``(args) -> int``; :data:`COMMANDS` lists the modules in help order. Logging handlers are
configured here, never in the library.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from ..errors import HgmapError

__all__ = ["main", "build_parser"]

log = logging.getLogger("hgmap")

#: Exit code for bad input (unknown code, stream, date, unreadable file).
EXIT_USAGE = 2


def _print_err(msg: str) -> None:
    print(f"hgmap: error: {msg}", file=sys.stderr)


#: Subcommand modules, in the order ``hgmap --help`` lists them.
COMMANDS: tuple[str, ...] = ("run", "access", "legal", "map", "report", "facilities", "plan", "hubs")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="hgmap",
        description="Where can a country legally and physically send its mercury waste? "
        "Not legal advice.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``hgmap`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except HgmapError as exc:
        _print_err(str(exc))
        return EXIT_USAGE
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
