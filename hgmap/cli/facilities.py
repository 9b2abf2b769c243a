"""``hgmap facilities``: validate or list facility catalogues."""

from __future__ import annotations

import argparse
import sys

from . import _args


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("facilities", help="validate or list facility catalogues")
    fsub = p.add_subparsers(dest="facilities_command", required=True, metavar="ACTION")
    v = fsub.add_parser("validate", help="check a catalogue; exit 1 and list every bad row")
    v.add_argument("path", type=_args.input_file, help="catalogue (.csv, .geojson or .gpkg)")
    v.set_defaults(func=_cmd_facilities_validate)
    ls = fsub.add_parser("list", help="list facilities of the shipped (or a user) catalogue")
    ls.add_argument("--stream", type=_args.stream, help="only facilities accepting this waste stream")
    ls.add_argument("--country", type=_args.country, help="only facilities in this ISO3 country")
    ls.add_argument("--status", default=None, help="only this status (operating, closed, unknown, planned)")
    ls.add_argument("--facilities", metavar="PATH", type=_args.input_file,
                    help="user catalogue instead of the shipped one")
    ls.add_argument("--format", choices=("table", "csv", "json"), default="table")
    ls.set_defaults(func=_cmd_facilities_list)


def _cmd_facilities_validate(args: argparse.Namespace) -> int:
    from ..facilities import validate_facilities

    report = validate_facilities(args.path)
    print(report.format())
    return 0 if report.ok else 1


def _cmd_facilities_list(args: argparse.Namespace) -> int:
    import json

    from ..countries import check_country
    from ..facilities import load_facilities
    from ..vocab import check_stream

    frame = load_facilities(args.facilities)
    if args.stream:
        check_stream(args.stream)
        frame = frame[[args.stream in s for s in frame["streams"]]]
    if args.country:
        code = check_country(args.country, field="--country")
        frame = frame[frame["country_iso3"] == code]
    if args.status:
        frame = frame[frame["status"] == args.status]
    cols = ["id", "name", "operator", "city", "country_iso3", "lat", "lon", "status", "confidence",
            "technologies", "streams", "operations", "source_url"]
    table = frame[cols].copy()
    if args.format == "json":
        records = table.to_dict(orient="records")
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    for col in ("technologies", "streams", "source_url"):
        table[col] = table[col].map(lambda v: ";".join(v) if col != "source_url" else " | ".join(v))
    table["operations"] = table["operations"].map(lambda d: ";".join(f"{k}:{'|'.join(v)}" for k, v in d.items()))
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    short = table[["id", "name", "country_iso3", "status", "confidence", "streams"]]
    with_width = short.assign(name=short["name"].str.slice(0, 48), streams=short["streams"].str.slice(0, 60))
    print(with_width.to_string(index=False))
    print(f"{len(table)} facilities")
    return 0
