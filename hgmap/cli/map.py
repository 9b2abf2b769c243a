"""``hgmap map``: one interactive map."""

from __future__ import annotations

import argparse
import sys

from ..errors import HgmapError
from . import _args


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("map", help="interactive HTML map of accessibility for one stream",
                       description="Write an interactive map: countries coloured by distance to their "
                                   "best legally accessible facility (lowest estimated transport cost), "
                                   "every SIDS as a symbol, "
                                   "facilities and sea routes. Not legal advice.")
    p.add_argument("--stream", required=True, type=_args.stream, help="waste stream (e.g. lamps, elemental_mercury)")
    p.add_argument("--origins", default="all", type=_args.origins,
                   help="all, sids, or ISO3 codes separated by commas (default all)")
    p.add_argument("--routes", default="sids", metavar="WHICH", type=_args.routes,
                   help="whose routes to draw: sids (default), all, none, or ISO3 codes")
    p.add_argument("--as-of", dest="as_of", type=_args.date, help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--operation", choices=("disposal", "recovery"), help="only this operation")
    p.add_argument("--scenario", metavar="FILE", type=_args.input_file, help="what-if scenario file (YAML or TOML)")
    p.add_argument("--facilities", metavar="PATH", type=_args.catalogue, help="user facility catalogue (file, or a catalogue database: .gpkg or postgresql://...)")
    p.add_argument("--alternatives", type=_args.non_negative_int, default=3, metavar="N",
                   help="alternative facilities listed per country (default 3)")
    p.add_argument("--title", help="first title line (stream, dates and the not-legal-advice line stay)")
    p.add_argument("--online", action="store_true",
                   help="load Leaflet from its CDN and show a tile basemap (default: a self-contained "
                        "file that works with no network)")
    p.add_argument("--offline", action="store_true", help=argparse.SUPPRESS)  # the default; kept for scripts
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--view", choices=("world", "pacific", "auto"), default="auto",
                   help="world (centred on Greenwich), pacific (centred on 180, seam at 30W) or auto "
                        "(default: pacific when most drawn routes start in Pacific SIDS)")
    p.add_argument("--no-focus", dest="focus", action="store_const", const=False, default=None,
                   help="draw the world view even for one or a few origins (default: a map of up to 5 "
                        "origins opens on them and their routes, without the SIDS that were not assessed)")
    p.add_argument("--out", metavar="FILE", type=_args.output_file, help="output HTML (default maps/<stream>.html)")
    p.set_defaults(func=_cmd_map)


def _cmd_map(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..access import accessibility
    from ..facilities import load_facilities
    from ..maps import accessibility_map, save_map
    from ..vocab import check_stream, parse_date

    check_stream(args.stream)
    if args.online and args.offline:
        raise HgmapError("--online and --offline exclude each other")
    if args.alternatives < 0:
        raise HgmapError(f"--alternatives must be 0 or more, got {args.alternatives}")
    as_of = parse_date(args.as_of, field="--as-of")
    facilities = load_facilities(args.facilities)
    # The path, not the frame: accessibility() caches its model per catalogue file.
    result = accessibility(args.stream, as_of=as_of, origins=args.origins, k=args.alternatives + 1,
                           operation=args.operation, scenario=args.scenario, facilities=args.facilities,
                           progress=sys.stderr.isatty() and not args.quiet)
    # countries=None: the shipped layer, whose simplified outlines are cached on disk.
    m = accessibility_map(result, countries=None, facilities=facilities, routes_for=args.routes,
                          online=args.online, title=args.title, alternatives=args.alternatives,
                          view=args.view, focus=args.focus)
    path = save_map(m, Path(args.out) if args.out else Path("maps") / f"{args.stream}.html", online=args.online)
    size = path.stat().st_size
    print(f"wrote {path} ({size / 1e6:.2f} MB{'' if args.online else ', offline'}): {args.stream}, "
          f"{m.hgmap_view} view{', focused on ' + ', '.join(m.hgmap_focus) if m.hgmap_focus else ''}, "
          f"as of {result.attrs['as_of']}; legal data {result.attrs['data_date']}; "
          "not legal advice")
    return 0
