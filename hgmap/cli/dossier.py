"""``hgmap dossier``: one country's dossier (HTML with an offline map, Markdown, DOCX)."""

from __future__ import annotations

import argparse
import sys

from ..i18n import LANGS
from . import _args


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dossier", help="one country's dossier: legal position, options, procedure, draft "
                       "Basel notification, map (HTML/Markdown/DOCX; en/fr/es)")
    p.add_argument("iso3", metavar="ISO3", type=_args.country, help="the country (ISO 3166-1 alpha-3 code, e.g. FJI)")
    p.add_argument("--streams", type=_args.streams, help="waste streams separated by commas (default: all)")
    p.add_argument("--as-of", dest="as_of", type=_args.date, help="date the law is read at (YYYY-MM-DD; default today)")
    p.add_argument("--k", type=_args.positive_int, default=3, help="options listed per stream (default 3)")
    p.add_argument("--scenario", metavar="FILE", type=_args.input_file, help="what-if scenario file (YAML or TOML)")
    p.add_argument("--facilities", metavar="PATH", type=_args.catalogue, help="user facility catalogue (file, or a catalogue database: .gpkg or postgresql://...)")
    p.add_argument("--services", metavar="PATH", type=_args.catalogue, help="services and technologies listed per stream: a catalogue database (.gpkg or postgresql://...) or an entries file (default: the --facilities database if it is one, else the shipped list)")
    p.add_argument("--lang", choices=LANGS, default="en", help="language of hgmap's text (default en)")
    p.add_argument("--format", dest="fmt", default="html", metavar="{html,md,docx,all}",
                   help="output format(s), comma-separated or 'all' (default html)")
    p.add_argument("--no-what-if", dest="what_if", action="store_false",
                   help="do not search what would open a stream with no legal route")
    p.add_argument("--out", required=True, metavar="DIR", type=_args.output_dir, help="output folder")
    p.set_defaults(func=_cmd_dossier)


def _cmd_dossier(args: argparse.Namespace) -> int:
    from ..dossier import dossier

    written = dossier(args.iso3, out=args.out, streams=args.streams, as_of=args.as_of, k=args.k,
                      scenario=args.scenario, facilities=args.facilities, lang=args.lang, fmt=args.fmt,
                      what_if=args.what_if, services=args.services)
    for kind, path in written.items():
        print(f"wrote {path} ({kind})", file=sys.stderr)
    print("not legal advice: check every shipment with the competent authorities", file=sys.stderr)
    return 0
