"""``hgmap legal``: one movement assessed under the law."""

from __future__ import annotations

import argparse

from . import _args


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("legal", help="may a waste stream move from one country to another? (rules, citations)",
                       description="Assess one movement under Basel, Minamata, regional, EU and US rules. "
                                   "Not legal advice.")
    p.add_argument("--from", dest="origin", required=True, type=_args.country, metavar="ISO3", help="State of export")
    p.add_argument("--to", dest="destination", required=True, type=_args.country, metavar="ISO3",
                   help="State of import")
    p.add_argument("--stream", required=True, type=_args.stream, help="waste stream (e.g. lamps, elemental_mercury)")
    p.add_argument("--operation", required=True, choices=("disposal", "recovery"), help="disposal or recovery")
    p.add_argument("--via", default=(), type=_args.countries, metavar="ISO3,...", help="transit States in route order")
    p.add_argument("--sea-passage", dest="sea_passage", default=(), type=_args.countries, metavar="ISO3,...",
                   help="those --via States passed through their territorial sea only (no port call, no land)")
    p.add_argument("--as-of", dest="as_of", type=_args.date, help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--scenario", metavar="FILE", type=_args.input_file, help="what-if scenario file (YAML or TOML)")
    p.add_argument("--json", action="store_true", help="print the decision as JSON")
    p.set_defaults(func=_cmd_legal)


def _cmd_legal(args: argparse.Namespace) -> int:
    import json

    from ..law import assess, procedure
    from ..vocab import parse_date

    via = list(args.via)
    decision = assess(args.origin, args.destination, args.stream, args.operation,
                      as_of=parse_date(args.as_of, field="--as-of"), via=via, scenario=args.scenario,
                      sea_passage=list(args.sea_passage))
    if args.json:
        print(json.dumps({**decision.to_dict(), "procedure": procedure(decision).to_dict()}, indent=2,
                         ensure_ascii=False))
    else:
        print(decision.explain(procedure=True))
    return 0
