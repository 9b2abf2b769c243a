"""``hgmap run``: the whole analysis."""

from __future__ import annotations

import argparse
import sys

from . import _args


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="the whole analysis on the shipped data: tables, maps, SIDS report, manifest")
    p.add_argument("--out", metavar="DIR", type=_args.output_dir,
                   help="folder for everything (default: maps/ and results/ here)")
    p.add_argument("--as-of", dest="as_of", type=_args.date, help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--streams", type=_args.streams, help="streams separated by commas (default: all)")
    p.add_argument("--scenario", metavar="FILE", type=_args.input_file, help="what-if scenario file (YAML or TOML)")
    p.add_argument("--facilities", metavar="PATH", type=_args.input_file, help="user facility catalogue")
    p.add_argument("--offline", action="store_true", help="maps and report that need no network")
    p.add_argument("--k", type=_args.positive_int, default=3, help="facilities kept per country and stream (default 3)")
    p.add_argument("--no-what-if", dest="what_if", action="store_false",
                   help="skip the search for scenarios that would open a route")
    p.add_argument("--replay", metavar="MANIFEST", type=_args.input_file,
                   help="run again with a manifest's parameters and inputs")
    p.add_argument("--force", action="store_true", help="with --replay: run even if inputs changed")
    p.set_defaults(func=_cmd_run)


def _cmd_run(args: argparse.Namespace) -> int:
    from ..run import replay, run

    progress = sys.stderr.isatty()
    if args.replay:
        summary, diffs = replay(args.replay, out=args.out, progress=progress, force=args.force)
        print(summary)
        if diffs:
            print(f"replay: {len(diffs)} output(s) differ from the manifest: {', '.join(diffs)}")
            return 1
        print("replay: every reproducible output is identical to the manifest's")
        return 0
    summary = run(out=args.out, as_of=args.as_of, streams=args.streams, scenario=args.scenario,
                  facilities=args.facilities, offline=args.offline, k=args.k, what_if=args.what_if,
                  progress=progress)
    print(summary)
    return 0
