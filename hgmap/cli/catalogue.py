"""``hgmap catalogue``: the catalogue database (GeoPackage or PostgreSQL) and its website."""

from __future__ import annotations

import argparse
import sys

from . import _args

_DB_HELP = "catalogue database: a .gpkg file or a postgresql://user:password@host/db URL"


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("catalogue", help="the catalogue database: init, import, export, history, site",
                       description="Keep the facility, service and technology catalogue in a database "
                                   "(GeoPackage by default, or PostgreSQL/PostGIS) with an edit log, and "
                                   "publish it as a static website.")
    csub = p.add_subparsers(dest="catalogue_command", required=True, metavar="ACTION")

    def db_arg(q: argparse.ArgumentParser) -> None:
        q.add_argument("db", nargs="?", metavar="DB", help=_DB_HELP)
        q.add_argument("--db", dest="db_option", metavar="DB", help="the same, as an option")

    q = csub.add_parser("init", help="create an empty catalogue database")
    db_arg(q)
    q.set_defaults(func=_cmd_init)
    q = csub.add_parser("import", help="check a file of entries and add or update them (all or nothing)")
    db_arg(q)
    q.add_argument("file", metavar="FILE", type=_args.input_file, help="entries (.csv, .geojson or .gpkg)")
    q.add_argument("--organisation", required=True, help="the contributor's organisation (kept in the edit log)")
    q.add_argument("--source", help="where the facts come from (kept in the edit log; default: the file name)")
    q.add_argument("--skip-bad", action="store_true", help="import the good rows and list the bad ones")
    q.set_defaults(func=_cmd_import)
    q = csub.add_parser("export", help="write the entries to a file (with their versions)")
    db_arg(q)
    q.add_argument("file", metavar="FILE", type=_args.output_file, help="output (.csv, .geojson or .gpkg)")
    q.add_argument("--kind", choices=("facility", "service", "technology"), help="only entries of this kind")
    q.set_defaults(func=_cmd_export)
    q = csub.add_parser("history", help="every recorded change (of one entry, when ID is given)")
    db_arg(q)
    q.add_argument("id", nargs="?", metavar="ID", help="entry id")
    q.add_argument("--format", choices=("table", "csv"), default="table")
    q.set_defaults(func=_cmd_history)
    q = csub.add_parser("site", help="write the static, offline website of the catalogue")
    db_arg(q)
    q.add_argument("--out", required=True, metavar="DIR", type=_args.output_dir, help="folder of the site (replaced as a whole)")
    q.set_defaults(func=_cmd_site)


def _db(args: argparse.Namespace) -> str:
    from ..errors import HgmapError

    if args.db and args.db_option and args.db != args.db_option:
        raise HgmapError(f"two databases given: {args.db!r} and --db {args.db_option!r}")
    db = args.db or args.db_option
    if not db:
        raise HgmapError("no catalogue database given (DB or --db)")
    return db


def _cmd_init(args: argparse.Namespace) -> int:
    from ..catalogue import init_catalogue

    with init_catalogue(_db(args)) as cat:
        print(f"created {cat}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from ..catalogue import import_entries, open_catalogue
    from ..errors import ConflictError, ValidationError

    with open_catalogue(_db(args)) as cat:
        try:
            result = import_entries(cat, args.file, source=args.source, organisation=args.organisation,
                                    skip_bad=args.skip_bad)
        except (ValidationError, ConflictError) as exc:
            print(f"hgmap: {exc}", file=sys.stderr)
            return 1
    print(result.format())
    return 1 if result.skipped else 0


def _cmd_export(args: argparse.Namespace) -> int:
    from ..catalogue import export_entries, open_catalogue

    with open_catalogue(_db(args)) as cat:
        path = export_entries(cat, args.file, kind=args.kind)
        print(f"wrote {path}: {len(cat.frame(kind=args.kind))} entries")
    return 0


def _cmd_history(args: argparse.Namespace) -> int:
    from ..catalogue import open_catalogue
    from ..errors import HgmapError

    with open_catalogue(_db(args)) as cat:
        log = cat.history(args.id)
        if args.id and log.empty and args.id not in set(cat.frame()["id"]):
            raise HgmapError(f"no catalogue entry {args.id!r}")
    if args.format == "csv":
        log.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    if log.empty:
        print("no recorded change")
        return 0
    for row in log.itertuples(index=False):
        print(f"{row.changed_at}  {row.entry_id} v{row.version} {row.action} {row.field}: "
              f"{_short(row.old_value)} -> {_short(row.new_value)}  ({row.organisation}; {row.source})")
    print(f"{len(log)} change(s)")
    return 0


def _short(value: object, width: int = 60) -> str:
    text = "" if value is None else str(value)
    if len(text) <= width:
        return repr(text)
    cut = text[:width].rsplit(" ", 1)[0]
    return repr(cut + " …")


def _cmd_site(args: argparse.Namespace) -> int:
    from ..catalogue import build_site, open_catalogue

    with open_catalogue(_db(args)) as cat:
        out = build_site(cat, args.out)
        print(f"wrote the catalogue site to {out}/index.html ({len(cat.frame())} entries; works offline)")
    return 0
