"""``hgmap plan``: least-cost allocation of an inventory to facilities under capacity."""

from __future__ import annotations

import argparse

from . import _args


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="allocate an inventory (tonnes a year) to legal facilities at least cost, "
                                    "under capacity; flows, unmet tonnes with reasons, costs, a map")
    p.add_argument("--inventory", required=True, metavar="FILE", type=_args.input_file,
                   help="CSV: country_iso3 (or origin_id), stream, tonnes_per_year, source, year[, notes]")
    p.add_argument("--origins-file", dest="origins_file", metavar="PATH", type=_args.input_file,
                   help="user origin points (CSV/GeoJSON/GPKG: id, country, lat, lon, optional name, as for "
                        "'hgmap access --origins-file'): inventory rows with an origin_id are planned from that site")
    p.add_argument("--capacities", metavar="FILE", type=_args.input_file, help="CSV overriding capacities: facility_id, capacity_tpy, source")
    p.add_argument("--as-of", dest="as_of", type=_args.date, help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--scenario", metavar="FILE", type=_args.input_file, help="what-if scenario file (YAML or TOML)")
    p.add_argument("--costs", metavar="FILE", type=_args.input_file, help="CSV overriding plan cost defaults (columns of data/plan_costs.csv)")
    p.add_argument("--transport-costs", dest="transport_costs", metavar="FILE", type=_args.input_file,
                   help="CSV overriding transport cost defaults (data/costs.csv)")
    p.add_argument("--facilities", metavar="PATH", type=_args.catalogue, help="user facility catalogue")
    p.add_argument("--basis", choices=("low", "mid", "high"), default="mid",
                   help="which end of the cost band the allocation minimises (default mid)")
    p.add_argument("--k", type=_args.positive_int, default=None,
                   help="options per row: the k best-ranked legal facilities by estimated transport cost "
                        "(faster, may cost more in total); "
                        "default every facility (exact)")
    p.add_argument("--no-map", dest="map", action="store_false", help="skip the flows map")
    p.add_argument("--out", required=True, metavar="DIR", type=_args.output_dir, help="output folder")
    p.set_defaults(func=_cmd_plan)


def _cmd_plan(args: argparse.Namespace) -> int:
    from ..plan import plan
    from ..plan.render import write_plan
    from ..vocab import parse_date

    as_of = parse_date(args.as_of, field="--as-of")
    result = plan(args.inventory, origins=args.origins_file, capacities=args.capacities, as_of=as_of, scenario=args.scenario,
                  costs=args.costs, transport_costs=args.transport_costs, facilities=args.facilities,
                  basis=args.basis, k=args.k)
    files = write_plan(result, args.out, map_=args.map)
    print(result.summary())
    print("files:")
    for label, path in files.items():
        print(f"  {label:<17} {path}")
    return 0
