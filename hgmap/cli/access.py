"""``hgmap access``: nearest legally accessible facilities."""

from __future__ import annotations

import argparse
import sys

from . import _args


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("access", help="nearest legally accessible facility per country for one stream")
    p.add_argument("--stream", required=True, type=_args.stream, help="waste stream (e.g. lamps, elemental_mercury)")
    p.add_argument("--origins", default="all", type=_args.origins, help="all, sids, or ISO3 codes separated by commas")
    p.add_argument("--as-of", dest="as_of", type=_args.date, help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--k", type=_args.positive_int, default=1, help="facilities per origin (default 1)")
    p.add_argument("--operation", choices=("disposal", "recovery"), help="only this operation")
    p.add_argument("--scenario", metavar="FILE", type=_args.input_file, help="what-if scenario file (YAML or TOML)")
    p.add_argument("--facilities", metavar="PATH", type=_args.catalogue, help="user facility catalogue (file, or a catalogue database: .gpkg or postgresql://...)")
    p.add_argument("--format", choices=("csv", "json", "geojson", "gpkg", "parquet"), default="csv")
    p.add_argument("--out", default="-", type=_args.output_file_or_stdout,
                   help="output file, or - for standard output (default)")
    p.set_defaults(func=_cmd_access)


def _cmd_access(args: argparse.Namespace) -> int:
    from ..access import accessibility, write_result
    from ..vocab import check_stream, parse_date

    check_stream(args.stream)
    as_of = parse_date(args.as_of, field="--as-of")
    result = accessibility(args.stream, as_of=as_of, origins=args.origins, k=args.k, operation=args.operation,
                           scenario=args.scenario, facilities=args.facilities, progress=sys.stderr.isatty())
    text = write_result(result, args.out, fmt=args.format)
    if text is not None:
        sys.stdout.write(text)
    else:
        reach = int((result.loc[result["rank"] == 1, "status"] == "reachable").sum())
        origins = int((result["rank"] == 1).sum())
        print(f"wrote {args.out}: {reach}/{origins} origins reach a facility for {args.stream} "
              f"(as of {result.attrs['as_of']}; legal data {result.attrs['data_date']}; not legal advice)",
              file=sys.stderr)
    return 0
