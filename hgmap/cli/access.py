"""``hgmap access``: best legally accessible facilities, routed on sea and road by cost."""

from __future__ import annotations

import argparse
import sys

from . import _args


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("access", help="best legally accessible facility per origin for one stream")
    p.add_argument("--stream", required=True, type=_args.stream, help="waste stream (e.g. lamps, elemental_mercury)")
    p.add_argument("--origins", default="all", type=_args.origins, help="all, sids, or ISO3 codes separated by commas")
    p.add_argument("--origins-file", dest="origins_file", metavar="PATH", type=_args.input_file,
                   help="user origin points (CSV/GeoJSON/GPKG: id, country, lat, lon, optional name); "
                        "each point is solved on its own and keeps its id")
    p.add_argument("--as-of", dest="as_of", type=_args.date, help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--k", type=_args.positive_int, default=1, help="facilities per origin (default 1)")
    p.add_argument("--operation", choices=("disposal", "recovery"), help="only this operation")
    p.add_argument("--scenario", metavar="FILE", type=_args.input_file, help="what-if scenario file (YAML or TOML)")
    p.add_argument("--facilities", metavar="PATH", type=_args.catalogue,
                   help="user facility catalogue (file, or a catalogue database: .gpkg or postgresql://...)")
    p.add_argument("--objective", choices=("cost", "distance"), default="cost",
                   help="choose routes by generalised transport cost (default) or by km")
    p.add_argument("--costs", metavar="FILE", type=_args.input_file,
                   help="cost file overriding rows of the shipped data/costs.csv")
    p.add_argument("--avoid", metavar="ISO3,...", type=_args.countries, help="never transit or ship to these states: their territory is cut from the routes and their "
                   "facilities are closed (reason avoid)")
    p.add_argument("--max-transit", dest="max_transit", type=_args.non_negative_int, metavar="N",
                   help="at most N transit states per route")
    p.add_argument("--sea-only", dest="sea_only", action="store_true",
                   help="land only inside the origin and destination states")
    p.add_argument("--confirmed-only", dest="confirmed_only", action="store_true",
                   help="only facilities whose acceptance of the origin's waste is a sourced yes")
    p.add_argument("--format", choices=("csv", "json", "geojson", "gpkg", "parquet"), default="csv")
    p.add_argument("--out", default="-", type=_args.output_file_or_stdout,
                   help="output file, or - for standard output (default)")
    p.set_defaults(func=_cmd_access)


def _cmd_access(args: argparse.Namespace) -> int:
    from ..access import accessibility, write_result
    from ..vocab import check_stream, parse_date

    check_stream(args.stream)
    as_of = parse_date(args.as_of, field="--as-of")
    points = None
    if args.origins_file:
        from ..origins import load_origin_points_file

        points = load_origin_points_file(args.origins_file)
    result = accessibility(args.stream, as_of=as_of, origins=args.origins, points=points, k=args.k,
                           operation=args.operation, scenario=args.scenario, facilities=args.facilities,
                           objective=args.objective, costs=args.costs, avoid=args.avoid,
                           max_transit=args.max_transit, sea_only=args.sea_only,
                           confirmed_only=args.confirmed_only, progress=sys.stderr.isatty(),
                           # CSV and JSON carry no geometry: routes are drawn only for the
                           # formats that keep them (most of the time for many points).
                           geometry=args.format in ("geojson", "gpkg", "parquet"))
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
