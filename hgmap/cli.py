"""The ``hgmap`` command line.

Each subcommand has an ``_add_<name>(sub)`` function that declares its arguments
and sets ``func`` to a ``_cmd_<name>(args) -> int`` handler. Logging handlers are
configured here, never in the library.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from .errors import HgmapError

__all__ = ["main", "build_parser"]

log = logging.getLogger("hgmap")

#: Exit code for bad input (unknown code, stream, date, unreadable file).
EXIT_USAGE = 2


def _print_err(msg: str) -> None:
    print(f"hgmap: error: {msg}", file=sys.stderr)


# --- subcommands -----------------------------------------------------------------
# (each block below is owned by one module's author; keep them independent)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="hgmap",
        description="Where can a country legally and physically send its mercury waste? "
        "Not legal advice.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in _SUBCOMMANDS:
        add(sub)
    return parser


_SUBCOMMANDS: list = []

def _add_facilities(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("facilities", help="validate or list facility catalogues")
    fsub = p.add_subparsers(dest="facilities_command", required=True, metavar="ACTION")
    v = fsub.add_parser("validate", help="check a catalogue; exit 1 and list every bad row")
    v.add_argument("path", help="catalogue (.csv, .geojson or .gpkg)")
    v.set_defaults(func=_cmd_facilities_validate)
    ls = fsub.add_parser("list", help="list facilities of the shipped (or a user) catalogue")
    ls.add_argument("--stream", help="only facilities accepting this waste stream")
    ls.add_argument("--country", help="only facilities in this ISO3 country")
    ls.add_argument("--status", default=None, help="only this status (operating, closed, unknown, planned)")
    ls.add_argument("--facilities", metavar="PATH", help="user catalogue instead of the shipped one")
    ls.add_argument("--format", choices=("table", "csv", "json"), default="table")
    ls.set_defaults(func=_cmd_facilities_list)


def _cmd_facilities_validate(args: argparse.Namespace) -> int:
    from .facilities import validate_facilities

    report = validate_facilities(args.path)
    print(report.format())
    return 0 if report.ok else 1


def _cmd_facilities_list(args: argparse.Namespace) -> int:
    import json

    from .countries import check_country
    from .facilities import load_facilities
    from .vocab import check_stream

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


_SUBCOMMANDS.append(_add_facilities)


def _add_access(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("access", help="nearest legally accessible facility per country for one stream")
    p.add_argument("--stream", required=True, help="waste stream (e.g. lamps, elemental_mercury)")
    p.add_argument("--origins", default="all", help="all, sids, or ISO3 codes separated by commas")
    p.add_argument("--as-of", dest="as_of", help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--k", type=int, default=1, help="facilities per origin (default 1)")
    p.add_argument("--operation", choices=("disposal", "recovery"), help="only this operation")
    p.add_argument("--scenario", metavar="FILE", help="what-if scenario file (YAML or TOML)")
    p.add_argument("--facilities", metavar="PATH", help="user facility catalogue")
    p.add_argument("--format", choices=("csv", "json", "geojson", "gpkg", "parquet"), default="csv")
    p.add_argument("--out", default="-", help="output file, or - for standard output (default)")
    p.set_defaults(func=_cmd_access)


def _cmd_access(args: argparse.Namespace) -> int:
    from .access import accessibility, write_result
    from .vocab import check_stream, parse_date

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


_SUBCOMMANDS.append(_add_access)


def _add_run(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="the whole analysis on the shipped data: tables, maps, SIDS report, manifest")
    p.add_argument("--out", metavar="DIR", help="folder for everything (default: maps/ and results/ here)")
    p.add_argument("--as-of", dest="as_of", help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--streams", help="streams separated by commas (default: all)")
    p.add_argument("--scenario", metavar="FILE", help="what-if scenario file (YAML or TOML)")
    p.add_argument("--facilities", metavar="PATH", help="user facility catalogue")
    p.add_argument("--offline", action="store_true", help="maps and report that need no network")
    p.add_argument("--k", type=int, default=3, help="facilities kept per country and stream (default 3)")
    p.add_argument("--no-what-if", dest="what_if", action="store_false",
                   help="skip the search for scenarios that would open a route")
    p.add_argument("--replay", metavar="MANIFEST", help="run again with a manifest's parameters and inputs")
    p.add_argument("--force", action="store_true", help="with --replay: run even if inputs changed")
    p.set_defaults(func=_cmd_run)


def _cmd_run(args: argparse.Namespace) -> int:
    from .run import replay, run

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


_SUBCOMMANDS.append(_add_run)


def _add_legal(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("legal", help="may a waste stream move from one country to another? (rules, citations)",
                       description="Assess one movement under Basel, Minamata, regional, EU and US rules. "
                                   "Not legal advice.")
    p.add_argument("--from", dest="origin", required=True, metavar="ISO3", help="State of export")
    p.add_argument("--to", dest="destination", required=True, metavar="ISO3", help="State of import")
    p.add_argument("--stream", required=True, help="waste stream (e.g. lamps, elemental_mercury)")
    p.add_argument("--operation", required=True, help="disposal or recovery")
    p.add_argument("--via", default="", metavar="ISO3,...", help="transit States in route order")
    p.add_argument("--as-of", dest="as_of", help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--scenario", metavar="FILE", help="what-if scenario file (YAML or TOML)")
    p.add_argument("--json", action="store_true", help="print the decision as JSON")
    p.set_defaults(func=_cmd_legal)


def _cmd_legal(args: argparse.Namespace) -> int:
    import json

    from .law import assess
    from .vocab import parse_date

    via = [v.strip() for v in args.via.split(",") if v.strip()]
    decision = assess(args.origin, args.destination, args.stream, args.operation,
                      as_of=parse_date(args.as_of, field="--as-of"), via=via, scenario=args.scenario)
    if args.json:
        print(json.dumps(decision.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(decision.explain())
    return 0


_SUBCOMMANDS.append(_add_legal)


def _add_map(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("map", help="interactive HTML map of accessibility for one stream",
                       description="Write an interactive map: countries coloured by distance to their "
                                   "nearest legally accessible facility, every SIDS as a symbol, "
                                   "facilities and sea routes. Not legal advice.")
    p.add_argument("--stream", required=True, help="waste stream (e.g. lamps, elemental_mercury)")
    p.add_argument("--origins", default="all", help="all, sids, or ISO3 codes separated by commas (default all)")
    p.add_argument("--routes", default="sids", metavar="WHICH",
                   help="whose routes to draw: sids (default), all, none, or ISO3 codes")
    p.add_argument("--as-of", dest="as_of", help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--operation", choices=("disposal", "recovery"), help="only this operation")
    p.add_argument("--scenario", metavar="FILE", help="what-if scenario file (YAML or TOML)")
    p.add_argument("--facilities", metavar="PATH", help="user facility catalogue")
    p.add_argument("--alternatives", type=int, default=3, metavar="N",
                   help="alternative facilities listed per country (default 3)")
    p.add_argument("--title", help="first title line (stream, dates and the not-legal-advice line stay)")
    p.add_argument("--offline", action="store_true",
                   help="self-contained file that works with no network (no CDN, no tiles)")
    p.add_argument("--view", choices=("world", "pacific", "auto"), default="auto",
                   help="world (centred on Greenwich), pacific (centred on 180, seam at 30W) or auto "
                        "(default: pacific when most drawn routes start in Pacific SIDS)")
    p.add_argument("--out", metavar="FILE", help="output HTML (default maps/<stream>.html)")
    p.set_defaults(func=_cmd_map)


def _cmd_map(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .access import accessibility
    from .countries import load_countries
    from .facilities import load_facilities
    from .maps import accessibility_map, save_map
    from .vocab import check_stream, parse_date

    check_stream(args.stream)
    if args.alternatives < 0:
        raise HgmapError(f"--alternatives must be 0 or more, got {args.alternatives}")
    as_of = parse_date(args.as_of, field="--as-of")
    facilities = load_facilities(args.facilities)
    # The path, not the frame: accessibility() caches its model per catalogue file.
    result = accessibility(args.stream, as_of=as_of, origins=args.origins, k=args.alternatives + 1,
                           operation=args.operation, scenario=args.scenario, facilities=args.facilities,
                           progress=sys.stderr.isatty())
    m = accessibility_map(result, countries=load_countries(), facilities=facilities, routes_for=args.routes,
                          offline=args.offline, title=args.title, alternatives=args.alternatives,
                          view=args.view)
    path = save_map(m, Path(args.out) if args.out else Path("maps") / f"{args.stream}.html", offline=args.offline)
    size = path.stat().st_size
    print(f"wrote {path} ({size / 1e6:.2f} MB{', offline' if args.offline else ''}): {args.stream}, "
          f"{m._hgmap_view} view, as of {result.attrs['as_of']}; legal data {result.attrs['data_date']}; "
          "not legal advice")
    return 0


_SUBCOMMANDS.append(_add_map)


def _add_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="the SIDS transboundary guidance report (Markdown, HTML or CSV)")
    p.add_argument("--sids", action="store_true", required=True,
                   help="report on the 58 Small Island Developing States (required)")
    p.add_argument("--streams", help="waste streams separated by commas (default: all)")
    p.add_argument("--as-of", dest="as_of", help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--k", type=int, default=3, help="facilities listed per SIDS and stream (default 3)")
    p.add_argument("--operation", choices=("disposal", "recovery"), help="only this operation")
    p.add_argument("--scenario", metavar="FILE", help="what-if scenario file (YAML or TOML) for the whole report")
    p.add_argument("--facilities", metavar="PATH", help="user facility catalogue")
    p.add_argument("--format", choices=("md", "html", "csv"), help="output format (default: from --out, else md)")
    p.add_argument("--maps", choices=("files", "inline", "none"), default="files",
                   help="HTML: maps in a <stem>_maps/ folder (default), inline, or none")
    p.add_argument("--offline", action="store_true", help="HTML maps that need no network")
    p.add_argument("--no-what-if", dest="what_if", action="store_false",
                   help="do not search what-if scenarios for SIDS with no legal route")
    p.add_argument("--timestamp", action="store_true", help="print the generation time (not reproducible)")
    p.add_argument("--out", required=True, metavar="PATH", help="output file")
    p.set_defaults(func=_cmd_report)


def _cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .report import sids_report
    from .vocab import parse_date

    as_of = parse_date(args.as_of, field="--as-of")
    fmt = args.format or (Path(args.out).suffix.lstrip(".").lower() or "md")
    report = sids_report(streams=args.streams, as_of=as_of, k=args.k, scenario=args.scenario,
                         facilities=args.facilities, fmt=fmt, out=args.out, operation=args.operation,
                         what_if=args.what_if, maps=args.maps, offline=args.offline, timestamp=args.timestamp,
                         progress=sys.stderr.isatty())
    no_route = sum(e.status != "reachable" for e in report.entries.values())
    print(f"wrote {args.out}: {len(report.countries)} SIDS x {len(report.streams)} streams, "
          f"{no_route} without a legal route (as of {report.as_of}; legal data {report.data_date}; "
          "not legal advice)", file=sys.stderr)
    return 0


_SUBCOMMANDS.append(_add_report)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``hgmap`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except HgmapError as exc:
        _print_err(str(exc))
        return EXIT_USAGE
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
