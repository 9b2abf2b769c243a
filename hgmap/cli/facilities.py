"""``hgmap facilities``: validate or list facility catalogues."""

from __future__ import annotations

import argparse
import sys
import textwrap


def add(sub: argparse._SubParsersAction) -> None:
    from ..facilities import ACCEPTS_IMPORTS, STATUSES

    p = sub.add_parser("facilities", help="validate or list facility catalogues")
    fsub = p.add_subparsers(dest="facilities_command", required=True, metavar="ACTION")
    v = fsub.add_parser("validate", help="check a catalogue; exit 1 and list every bad row")
    v.add_argument("path", help="catalogue (.csv, .geojson or .gpkg)")
    v.set_defaults(func=_cmd_facilities_validate)
    ls = fsub.add_parser("list", help="list facilities of the shipped (or a user) catalogue")
    ls.add_argument("--stream", help="only facilities accepting this waste stream")
    ls.add_argument("--country", help="only facilities in this ISO3 country")
    ls.add_argument("--status", choices=STATUSES, default=None, help="only this status")
    ls.add_argument("--accepts-imports", choices=ACCEPTS_IMPORTS, default=None,
                    help="only facilities whose accepts_imports is this value")
    ls.add_argument("--accepts-from", metavar="ISO3",
                    help="only facilities that accept waste from this origin country (see DATA.md)")
    ls.add_argument("--confirmed-only", action="store_true",
                    help="with --accepts-from: only facilities whose acceptance of that origin is sourced")
    ls.add_argument("--facilities", metavar="PATH", help="user catalogue instead of the shipped one")
    ls.add_argument("--format", choices=("table", "csv", "json"), default="table")
    ls.set_defaults(func=_cmd_facilities_list)


def _cmd_facilities_validate(args: argparse.Namespace) -> int:
    from ..facilities import validate_facilities

    report = validate_facilities(args.path)
    print(report.format())
    return 0 if report.ok else 1


def _filters(args: argparse.Namespace) -> str:
    parts = [f"--{k.replace('_', '-')} {v}" for k, v in (
        ("stream", args.stream), ("country", args.country), ("status", args.status),
        ("accepts_imports", args.accepts_imports), ("accepts_from", args.accepts_from)) if v]
    if args.confirmed_only:
        parts.append("--confirmed-only")
    return " ".join(parts)


def _cmd_facilities_list(args: argparse.Namespace) -> int:
    import json

    from ..countries import check_country
    from ..errors import HgmapError
    from ..facilities import acceptance_matrix, format_operations, load_facilities
    from ..vocab import check_stream

    if args.confirmed_only and not args.accepts_from:
        raise HgmapError("--confirmed-only needs --accepts-from ISO3")
    frame = load_facilities(args.facilities)
    if args.stream:
        check_stream(args.stream)
        frame = frame[[args.stream in s for s in frame["streams"]]]
    if args.country:
        code = check_country(args.country, field="--country")
        frame = frame[frame["country_iso3"] == code]
    if args.status:
        frame = frame[frame["status"] == args.status]
    if args.accepts_imports:
        frame = frame[frame["accepts_imports"] == args.accepts_imports]
    if args.accepts_from:
        origin = check_country(args.accepts_from, field="--accepts-from")
        accepts, confirmed = acceptance_matrix(frame, [origin])
        frame = frame[(confirmed if args.confirmed_only else accepts)[0]]
    cols = ["id", "name", "operator", "city", "country_iso3", "lat", "lon", "coord_precision", "status",
            "confidence", "accepts_imports", "accepts_from", "acceptance_confidence", "technologies", "streams",
            "operations", "source_url"]
    table = frame[cols].copy()
    if args.format == "json":
        print(json.dumps(table.to_dict(orient="records"), ensure_ascii=False, indent=2))
        return 0
    for col in ("technologies", "streams", "accepts_from"):
        table[col] = table[col].map(";".join)
    table["source_url"] = table["source_url"].map(" | ".join)
    table["operations"] = table["operations"].map(format_operations)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    if table.empty:
        print(f"No facility matches {_filters(args) or 'the catalogue'} (0 facilities).")
        return 0
    short = textwrap.shorten
    view = table.assign(
        name=[short(n, width=48, placeholder=" ...") for n in table["name"]],
        streams=[short(s.replace(";", "; "), width=44, placeholder=" ...") for s in table["streams"]],
    )[["id", "name", "country_iso3", "status", "confidence", "accepts_imports", "streams"]]
    print(view.to_string(index=False))
    print(f"{len(table)} facilit{'y' if len(table) == 1 else 'ies'}")
    return 0
