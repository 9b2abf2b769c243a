"""``hgmap report``: the SIDS guidance report."""

from __future__ import annotations

import argparse
import sys

from . import _args


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="the SIDS transboundary guidance report (Markdown, HTML or CSV)")
    p.add_argument("--sids", action="store_true", required=True,
                   help="report on the 58 Small Island Developing States (required)")
    p.add_argument("--streams", type=_args.streams, help="waste streams separated by commas (default: all)")
    p.add_argument("--as-of", dest="as_of", type=_args.date, help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--k", type=_args.positive_int, default=3, help="facilities listed per SIDS and stream (default 3)")
    p.add_argument("--operation", choices=("disposal", "recovery"), help="only this operation")
    p.add_argument("--scenario", metavar="FILE", type=_args.input_file,
                   help="what-if scenario file (YAML or TOML) for the whole report")
    p.add_argument("--facilities", metavar="PATH", type=_args.catalogue, help="user facility catalogue (file, or a catalogue database: .gpkg or postgresql://...)")
    p.add_argument("--format", choices=("md", "html", "csv"), help="output format (default: from --out, else md)")
    p.add_argument("--maps", choices=("files", "inline", "none"), default="files",
                   help="HTML: maps in a <stem>_maps/ folder (default), inline, or none")
    p.add_argument("--online", action="store_true",
                   help="HTML maps that load Leaflet from its CDN and show web tiles (default: work offline)")
    p.add_argument("--no-what-if", dest="what_if", action="store_false",
                   help="do not search what-if scenarios for SIDS with no legal route")
    p.add_argument("--detail", action="store_true",
                   help="Markdown/HTML: the full report (every option, procedure, closed facility, what-if) "
                        "instead of the regional overview; the CSV is always complete")
    p.add_argument("--timestamp", action="store_true", help="print the generation time (not reproducible)")
    p.add_argument("--out", required=True, metavar="PATH", type=_args.output_file, help="output file")
    p.set_defaults(func=_cmd_report)


def _cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..report import sids_report
    from ..vocab import parse_date

    as_of = parse_date(args.as_of, field="--as-of")
    fmt = args.format or (Path(args.out).suffix.lstrip(".").lower() or "md")
    report = sids_report(streams=args.streams, as_of=as_of, k=args.k, scenario=args.scenario,
                         facilities=args.facilities, fmt=fmt, out=args.out, operation=args.operation,
                         what_if=args.what_if, maps=args.maps, online=args.online, timestamp=args.timestamp,
                         progress=sys.stderr.isatty(), detail=args.detail)
    no_route = sum(e.status != "reachable" for e in report.entries.values())
    print(f"wrote {args.out}: {len(report.countries)} SIDS x {len(report.streams)} streams, "
          f"{no_route} without a legal route (as of {report.as_of}; legal data {report.data_date}; "
          "not legal advice)", file=sys.stderr)
    return 0
