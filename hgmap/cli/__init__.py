"""The ``hgmap`` command line.

Each subcommand lives in its own module of this package with an ``add(sub)``
function that declares its arguments and sets ``func`` to a handler
``(args) -> int``; :data:`COMMANDS` lists the modules in help order. Option values are
checked by the typed helpers of :mod:`hgmap.cli._args`. Logging handlers are configured
here, never in the library.

Exit codes: 0 success; 1 findings (``facilities validate`` found bad rows, ``run
--replay`` found differing outputs); 2 bad input (an unknown code, stream or date, an
unreadable input, an output that cannot be written: the message names the value);
3 an internal error, a bug to report (the traceback is shown with ``-v``).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from ..errors import HgmapError

__all__ = ["main", "console", "build_parser"]

log = logging.getLogger("hgmap")

#: Exit code for success.
EXIT_OK = 0
#: Exit code for findings: bad catalogue rows, replayed outputs that differ.
EXIT_FINDINGS = 1
#: Exit code for bad input (unknown code, stream, date, unreadable file, unwritable output).
EXIT_USAGE = 2
#: Exit code for an internal error (a bug in hgmap; please report it).
EXIT_INTERNAL = 3


def _print_err(msg: str) -> None:
    print(f"hgmap: error: {msg}", file=sys.stderr)


#: Subcommand modules, in the order ``hgmap --help`` lists them.
COMMANDS: tuple[str, ...] = ("run", "access", "legal", "map", "report", "dossier", "plan", "hubs", "facilities",
                             "catalogue")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors start with ``hgmap: error:`` like every other error."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"hgmap: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    parser = _Parser(
        prog="hgmap",
        description="Where can a country legally and physically send its mercury waste? "
        "Not legal advice.",
        epilog="Exit codes: 0 ok, 1 findings (bad catalogue rows, replay differences), 2 bad input, "
        "3 internal error (please report).",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="more log output; with an internal error, the traceback")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").add(sub)
    _add_verbose(sub)
    return parser


def _add_verbose(sub: argparse._SubParsersAction) -> None:
    # "-v" after the subcommand too (hgmap run -v); SUPPRESS keeps the top-level count.
    for p in sub.choices.values():
        p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                       help="more log output; with an internal error, the traceback")
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                _add_verbose(action)


def _exit_status(code: object) -> int:
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    return EXIT_USAGE


def _silence_stdout() -> None:
    # After a closed pipe (hgmap ... | head), keep Python's exit-time flush quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def console() -> NoReturn:
    """The ``hgmap`` console script (and ``python -m hgmap``): :func:`main`, then leave the
    process without tearing the interpreter down.

    After ``hgmap run`` the process holds millions of objects (routes, decisions, rows);
    Python freed them one by one at exit for ~0.8 s (a warm run: 10.3-10.5 s wall against
    9.4-9.6 s inside :func:`hgmap.run.run`). By then every output is written atomically and
    closed, the second process joined, the bars closed; any child an interruption left
    running is stopped, the streams and the log are flushed here, and the operating system
    reclaims the memory, as mod_wsgi's ``WSGIDestroyInterpreter Off`` does
    (https://modwsgi.readthedocs.io/en/latest/configuration-directives/WSGIDestroyInterpreter.html).
    hgmap registers no ``atexit`` handler. Call :func:`main` to run a command inside a Python
    program.
    """
    code = main()
    import multiprocessing

    for child in multiprocessing.active_children():  # left running only after an interruption
        child.terminate()  # what multiprocessing's exit handler does for daemonic children
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``hgmap`` console script; returns the exit code.

    Never raises: argparse errors and :class:`~hgmap.errors.HgmapError` give 2 with the
    message, an ``OSError`` naming a file gives 2 with the file, anything else is an
    internal error (3, one line; the traceback with ``-v``).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) and usage errors (2)
        return _exit_status(exc.code)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except HgmapError as exc:
        _print_err(str(exc))
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        _print_err("interrupted")
        return 130
    except OSError as exc:
        if exc.filename is None:
            return _internal(exc, args.verbose)
        _print_err(f"{exc.filename}: {exc.strerror or exc}")
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        return _internal(exc, args.verbose)


def _internal(exc: BaseException, verbose: int) -> int:
    # The traceback (with -v) first, so that the one-line summary is the last line printed.
    if verbose:
        traceback.print_exception(exc, file=sys.stderr)
    first = (str(exc).splitlines() or [""])[0]
    _print_err(f"internal error (please report): {type(exc).__name__}: {first}"
               + ("" if verbose else " (run with -v for the traceback)"))
    return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
