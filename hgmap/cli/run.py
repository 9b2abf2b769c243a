"""``hgmap run``: the whole analysis."""

from __future__ import annotations

import argparse
import sys

from . import _args


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="the whole analysis on the shipped data: tables, maps, SIDS overview, country dossiers, manifest")
    p.add_argument("--out", metavar="DIR", type=_args.output_dir,
                   help="folder for everything (default: maps/ and results/ here)")
    p.add_argument("--as-of", dest="as_of", type=_args.date, help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--streams", type=_args.streams, help="streams separated by commas (default: all)")
    p.add_argument("--scenario", metavar="FILE", type=_args.input_file, help="what-if scenario file (YAML or TOML)")
    p.add_argument("--facilities", metavar="PATH", type=_args.catalogue, help="user facility catalogue (file, or a catalogue database: .gpkg or postgresql://...)")
    p.add_argument("--online", action="store_true",
                   help="maps load Leaflet from its CDN and show tile basemaps (default: every page "
                        "works offline, with no network request)")
    p.add_argument("--offline", action="store_true", help=argparse.SUPPRESS)  # the default; kept for scripts
    p.add_argument("--k", type=_args.positive_int, default=3, help="facilities kept per country and stream (default 3)")
    p.add_argument("--no-what-if", dest="what_if", action="store_false",
                   help="skip the search for scenarios that would open a route")
    p.add_argument("--replay", metavar="MANIFEST", type=_args.input_file,
                   help="run again with a manifest's parameters and inputs")
    p.add_argument("--check", metavar="MANIFEST", type=_args.input_file,
                   help="only check that the files beside a manifest are the run it records (exit 1 if not)")
    p.add_argument("--force", action="store_true", help="with --replay: run even if inputs changed")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=_cmd_run)


def _cmd_run(args: argparse.Namespace) -> int:
    from ..errors import HgmapError
    from ..run import check_outputs, replay, run

    if args.online and args.offline:
        raise HgmapError("--online and --offline exclude each other")
    progress = sys.stderr.isatty() and not args.quiet
    if args.check:
        bad = check_outputs(args.check)
        if bad:
            print(f"check: {len(bad)} output(s) are missing or not the manifest's (a mixed or incomplete "
                  f"set): {', '.join(bad)}")
            return 1
        print("check: every output is the one the manifest records")
        return 0
    if args.replay:
        summary, diffs = replay(args.replay, out=args.out, progress=progress, force=args.force)
        print(summary)
        if diffs:
            print(f"replay: {len(diffs)} output(s) differ from the manifest: {', '.join(diffs)}")
            return 1
        print("replay: every output is identical to the manifest's")
        return 0
    summary = run(out=args.out, as_of=args.as_of, streams=args.streams, scenario=args.scenario,
                  facilities=args.facilities, online=args.online, k=args.k, what_if=args.what_if,
                  progress=progress)
    print(summary)
    return 0
