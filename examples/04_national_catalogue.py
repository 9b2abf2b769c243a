"""A national facility catalogue from a CSV: validate it, clean it, then run the analysis on it.

The question
------------
A ministry keeps its own list of licensed mercury-waste facilities. Which Pacific
SIDS could legally and physically send their waste to those facilities, and how far
is it? The example list, ``examples/data/national_catalogue.csv``, holds three real
Australian facilities (copied from hgmap's shipped catalogue and re-keyed
``AU-HG-01``...) and one deliberately bad row (an older copy of a facility with a
duplicate id, lat and lon swapped and a free-text stream), as such lists often do.

The script validates the list and prints hgmap's report (every problem by line
number and field), then drops the rows with errors *explicitly*, printing each one,
writes the cleaned list, validates it again, and runs the accessibility analysis on
it alone (no other facility counts) for a few streams.

How to run
----------
::

    python examples/04_national_catalogue.py [--out DIR] [--catalogue CSV] [-v]

``--catalogue`` takes your own list (a CSV with the columns of
``hgmap.facilities.COLUMNS``; copy the header of ``data/facilities.csv``). Edit the
constants below (``STREAMS``, ``AS_OF``, ``REGION``) to change the question. Fix a
dropped row in your file rather than relying on the drop: a dropped facility is
simply missing from the answer.

What it writes
--------------
``DIR/national_catalogue_clean.csv``
    The list without the rows that have errors.
``DIR/national_access.csv``
    The accessibility result, one row per stream and country (the columns of
    :data:`hgmap.access.RESULT_COLUMNS`).
``DIR/national_access.gpkg``
    The same with the route geometry (layer ``national_access``), for a GIS.

It prints the validation reports, the dropped rows, and a country x stream table of
the cheapest option on the list (rank 1: the lowest estimated transport cost, not always
the nearest) and its distance. ``DIR`` defaults to
``examples_output/`` in the current directory.

Not legal advice: hgmap models a subset of the rules from public sources; check with
the competent authorities (Basel focal points) before any shipment.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

import hgmap
from hgmap import access
from hgmap._io import atomic_write_text

# --- Edit these ---------------------------------------------------------------------
#: The national list (CSV, schema hgmap.facilities.COLUMNS); --catalogue overrides it.
CATALOGUE = Path(__file__).resolve().parent / "data" / "national_catalogue.csv"
#: Streams analysed (from hgmap.STREAMS).
STREAMS: Sequence[str] = ("lamps", "dental_amalgam", "oil_gas_residues")
#: Date the law is read at; fixed so that the output is reproducible.
AS_OF = "2026-06-01"
#: SIDS region whose members are the origins ("Pacific", "Caribbean" or "AIS").
REGION = "Pacific"
#: Output file names (inside --out).
CLEAN_NAME = "national_catalogue_clean.csv"
CSV_NAME = "national_access.csv"
GPKG_NAME = "national_access.gpkg"
# ---------------------------------------------------------------------------------

log = logging.getLogger("hgmap.examples.national_catalogue")


def line_index(where: str) -> int:
    """Table index of a validation location ``line N`` (the header is line 1)."""
    kind, _, number = where.partition(" ")
    if kind != "line" or not number.isdigit():
        raise SystemExit(f"cannot drop {where!r}: only rows of a CSV can be dropped; fix the file")
    return int(number) - 2


def clean_catalogue(path: Path, out_path: Path) -> Path:
    """Validate ``path``; write it without the rows that have errors to ``out_path``.

    Rows with warnings only are kept (a warning is worth reading, not fatal). Each
    dropped row is printed with its errors. Raises ``SystemExit`` when the cleaned
    catalogue still fails or has no row left.
    """
    report = hgmap.validate_facilities(path)
    print(report.format())
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    errors_by_line: dict[str, list[str]] = {}
    for p in report.errors:
        errors_by_line.setdefault(p.where, []).append(f"{p.field}: {p.message}")
    if errors_by_line:
        print(f"\nDropping {len(errors_by_line)} row(s) with errors (fix them in {path.name} to keep them):")
        for where, problems in errors_by_line.items():
            fid = table.at[line_index(where), "id"] if "id" in table.columns else ""
            print(f"  {where} [{fid}]: " + "; ".join(problems))
        table = table.drop(index=[line_index(w) for w in errors_by_line])
    else:
        print("\nNo row has an error: nothing dropped.")
    if table.empty:
        raise SystemExit(f"{path}: no valid row left")
    atomic_write_text(out_path, table.to_csv(index=False, lineterminator="\n"))

    # Re-validate what will be analysed: dropping rows must not hide a new problem.
    again = hgmap.validate_facilities(out_path)
    print(f"\nAfter cleaning:\n{again.format()}")
    if not again.ok:
        raise SystemExit(f"{out_path}: still has errors")
    return out_path


def pivot(result: pd.DataFrame) -> pd.DataFrame:
    """Country x stream: the cheapest option on the list (rank 1) and its km, or why there is none."""
    first = result[result["rank"] == 1]
    cell = [f"{fid} {km:,.0f} km" if status == access.REACHABLE else status
            for fid, km, status in zip(first["facility_id"], first["distance_km"], first["status"])]
    table = pd.DataFrame({"country": first["origin_name"], "stream": first["stream"], "cell": cell})
    wide = table.pivot(index="country", columns="stream", values="cell")
    return wide[[s for s in STREAMS if s in wide.columns]].reset_index()


def run(out: Path, catalogue: Path) -> dict[str, Path]:
    """Clean the catalogue, run the analysis, write and print; return the paths."""
    clean = clean_catalogue(catalogue, out / CLEAN_NAME)

    countries = hgmap.load_countries()
    origins = sorted(countries.loc[countries["sids"].astype(bool) & (countries["sids_region"] == REGION), "iso3"])
    # One model for every stream: the route searches depend on the facilities only.
    model = access.AccessModel(facilities=clean)
    log.info("%d facilities, %d origins, streams %s", len(model.facilities), len(origins), ", ".join(STREAMS))
    results = [model.solve(stream, as_of=AS_OF, origins=origins) for stream in STREAMS]
    result = gpd.GeoDataFrame(pd.concat(results, ignore_index=True), geometry="geometry", crs=4326)
    result.attrs.update(results[0].attrs, stream=",".join(STREAMS))

    paths = {"clean": clean, "csv": out / CSV_NAME, "gpkg": out / GPKG_NAME}
    access.write_result(result, paths["csv"], fmt="csv")
    access.write_result(result, paths["gpkg"], fmt="gpkg", layer="national_access")

    print(f"\n{REGION} SIDS, law as of {AS_OF}: cheapest legally accessible option on {catalogue.name} "
          "(rank 1: lowest estimated transport cost, not always the nearest; no other facility counts)")
    print(pivot(result).to_string(index=False))
    first = result[result["rank"] == 1]
    for stream in STREAMS:
        rows = first[first["stream"] == stream]
        n_ok = int((rows["status"] == access.REACHABLE).sum())
        print(f"  {stream}: {n_ok} of {len(rows)} countries can use a facility on the list")
    # Why a country cannot: the facilities that are closed to it, nearest first.
    flat = access.result_table(first[first["status"] != access.REACHABLE])
    for (name, why), rows in flat.groupby(["origin_name", "blocked_reasons"], sort=False):
        print(f"  {name} ({', '.join(rows['stream'])}): {rows['status'].iloc[0]}: {why or 'no facility'}")
    for p in paths.values():
        print(f"Wrote {p}")
    print("Not legal advice: check with the Basel focal points before any shipment.")
    return paths


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("examples_output"),
                        help="output folder (default: ./examples_output)")
    parser.add_argument("--catalogue", type=Path, default=CATALOGUE,
                        help=f"national list as CSV (default: {CATALOGUE.name} shipped with the examples)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        run(args.out, args.catalogue)
    except hgmap.HgmapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
