"""Build ``data/country_names.csv``: the names people use for every code of the countries layer.

Usage::

    python data/build_country_names.py

Rule, in order (each row records which one gave its name):

1. ``OVERRIDES`` below: the UN M49 / UNTERM short name where the ISO 3166 English short
   name is an inverted catalogue form ("Virgin Islands, British") or a long formal name.
2. pycountry's ``common_name`` (the name in common use, e.g. "Bolivia", "Viet Nam" ->
   "Vietnam"), from the ISO 3166-1 data pycountry ships.
3. pycountry's ``name`` (the ISO 3166-1 English short name).
4. The Natural Earth name of the countries layer (codes ISO does not assign, e.g. XKX).

``short_name`` keeps the Natural Earth label of the countries layer ("St. Vin. and
Gren."): outputs use it only where space demands (map labels).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import geopandas as gpd
import pycountry

HERE = Path(__file__).resolve().parent
OUT = HERE / "country_names.csv"
AS_OF = "2026-12-01"
M49 = "https://unstats.un.org/unsd/methodology/m49/"

#: ISO3 -> (name, source URL). UN M49 country or area names, which the UN uses in its
#: statistics; only where ISO's short name is inverted or formal.
OVERRIDES: dict[str, tuple[str, str]] = {
    "VGB": ("British Virgin Islands", M49),
    "VIR": ("United States Virgin Islands", M49),
    "FSM": ("Micronesia (Federated States of)", M49),
    "COD": ("Democratic Republic of the Congo", M49),
    "PSE": ("State of Palestine", M49),
    "VAT": ("Holy See", M49),
    "PRK": ("Democratic People's Republic of Korea", M49),
    "MAF": ("Saint Martin (French part)", M49),
    "SXM": ("Sint Maarten (Dutch part)", M49),
    "FLK": ("Falkland Islands (Malvinas)", M49),
    "KOR": ("Republic of Korea", M49),
    "VEN": ("Venezuela (Bolivarian Republic of)", M49),
    "BOL": ("Bolivia (Plurinational State of)", M49),
    "IRN": ("Iran (Islamic Republic of)", M49),
    "TZA": ("United Republic of Tanzania", M49),
    "MDA": ("Republic of Moldova", M49),
    "LAO": ("Lao People's Democratic Republic", M49),
    "SYR": ("Syrian Arab Republic", M49),
    "RUS": ("Russian Federation", M49),
    "VNM": ("Viet Nam", M49),
}


def names(layer: gpd.GeoDataFrame) -> list[dict[str, str]]:
    rows = []
    for iso3, ne_name in sorted(zip(layer["iso3"], layer["name"])):
        rec = pycountry.countries.get(alpha_3=iso3)
        if iso3 in OVERRIDES:
            name, src = OVERRIDES[iso3]
            basis, conf = "override", "high"
        elif rec is not None and getattr(rec, "common_name", None):
            name, src, basis, conf = rec.common_name, "pycountry common_name (ISO 3166-1)", "common_name", "high"
        elif rec is not None:
            name, src, basis, conf = rec.name, "pycountry name (ISO 3166-1)", "iso_name", "high"
        else:
            name, src, basis, conf = ne_name, "Natural Earth 1:10m admin-0 (world-atlas 2.0.2)", "natural_earth", "medium"
        rows.append({"iso3": iso3, "name": name, "short_name": ne_name, "basis": basis, "source_url": src,
                     "confidence": conf, "as_of": AS_OF})
    return rows


def main() -> int:
    layer = gpd.read_file(HERE / "countries.gpkg", layer="countries")
    rows = names(layer)
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    by = {}
    for r in rows:
        by[r["basis"]] = by.get(r["basis"], 0) + 1
    print(f"wrote {OUT.name}: {len(rows)} names ({', '.join(f'{k} {v}' for k, v in sorted(by.items()))}); "
          f"pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
