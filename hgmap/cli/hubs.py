"""``hgmap hubs``: choose regional consolidation hubs (p-median MILP on a legal cost matrix)."""

from __future__ import annotations

import argparse

from . import _args


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("hubs", help="choose N regional consolidation hubs: who goes where, the saving against "
                                    "shipping alone, who cannot legally join and why")
    p.add_argument("--region", required=True, type=_args.region, help="pacific, caribbean, ais, or ISO3 codes separated by commas")
    p.add_argument("--p", type=_args.positive_int, required=True, metavar="N", help="at most N hubs (fewer, or none, when more would not lower the total: members ship alone)")
    p.add_argument("--stream", default="lamps", type=_args.stream, help="waste stream (default lamps)")
    p.add_argument("--candidates", metavar="FILE", type=_args.input_file, help="CSV with an iso3 column: candidate hub countries "
                   "(default: every member with a port that has a terminal in data/ports.csv); optional capacity_tpy and storage_usd_per_t with their source "
                   "(no sourced default exists: without them hubs are unlimited and storage unpriced)")
    p.add_argument("--inventory", metavar="FILE", type=_args.input_file, help="inventory CSV giving each member's tonnes")
    p.add_argument("--origins-file", dest="origins_file", metavar="PATH", type=_args.input_file,
                   help="user origin points the inventory's origin_id rows name (their tonnes count towards "
                        "their country)")
    p.add_argument("--tonnes", type=float, default=1.0,
                   help="without --inventory: nominal tonnes a year per member (default 1; stated in the output)")
    p.add_argument("--as-of", dest="as_of", type=_args.date, help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--scenario", metavar="FILE", type=_args.input_file, help="what-if scenario file (YAML or TOML)")
    p.add_argument("--costs", metavar="FILE", type=_args.input_file, help="CSV overriding plan cost defaults")
    p.add_argument("--transport-costs", dest="transport_costs", metavar="FILE", type=_args.input_file,
                   help="CSV overriding transport cost defaults (data/costs.csv)")
    p.add_argument("--facilities", metavar="PATH", type=_args.catalogue, help="user facility catalogue")
    p.add_argument("--keep-insignificant", dest="keep_insignificant", action="store_true",
                   help="keep a hub whose saving is not significant (inside the cost band, low-high, of its members' "
                        "costs alone; flagged); default: such a hub is not recommended and its members ship alone")
    p.add_argument("--detour-factor", dest="detour_factor", type=float, default=1.5, metavar="X",
                   help="flag members whose km via their hub (collection + onward) exceed their own route's km by "
                        "more than X times (default 1.5)")
    p.add_argument("--out", metavar="DIR", type=_args.output_dir, help="folder for hubs.csv, hub_assignments.csv, hub_excluded.csv")
    p.set_defaults(func=_cmd_hubs)


def _cmd_hubs(args: argparse.Namespace) -> int:
    from ..plan import hubs
    from ..plan.render import write_hubs
    from ..vocab import check_stream, parse_date

    check_stream(args.stream)
    as_of = parse_date(args.as_of, field="--as-of")
    result = hubs(args.region, args.p, stream=args.stream, inventory=args.inventory, origins=args.origins_file,
                  tonnes=args.tonnes,
                  candidates=args.candidates, as_of=as_of, scenario=args.scenario, costs=args.costs,
                  transport_costs=args.transport_costs, facilities=args.facilities,
                  keep_insignificant=args.keep_insignificant, detour_factor=args.detour_factor)
    print(result.summary())
    print(f"  tonnage: {result.attrs['tonnage']}")
    if args.out:
        for label, path in write_hubs(result, args.out).items():
            print(f"  {label:<16} {path}")
    return 0
