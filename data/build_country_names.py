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

``article`` is "the" where English writes "the Netherlands", "the United States": the
ISO 3166-1 English short names mark it "(the)" (``ISO_THE``, read in the copy of the ISO
Online Browsing Platform list held in asaskevich/govalidator ``types.go``); and, where the
name shown is not ISO's form ("British Virgin Islands" for "Virgin Islands (British)"), the
UN's English usage (``USAGE_THE``, UNTERM). ``hgmap.i18n.Named`` writes it (``{a:the}``).
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


ISO_SRC = ("ISO 3166-1 English short names, '(the)' (https://www.iso.org/obp/ui/#search/code/), read in "
           "https://github.com/asaskevich/govalidator/blob/a2aa46c022cf1ac238a10b010a446c91c6e41a60/types.go")
UNTERM = "https://unterm.un.org (UN English usage of the name shown)"
#: Codes whose ISO 3166-1 English short name carries "(the)".
ISO_THE = frozenset("ARE ATF BHS CAF CCK COD COG COK COM CYM DOM FLK FRO GBR GMB IOT KOR LAO MDA MHL MNP NER NLD "
                    "PHL PRK RUS SDN TCA UMI USA VAT".split())
#: Names shown in a form other than ISO's that English writes with "the" (UN usage).
USAGE_THE = frozenset("IMN PSE SYR TZA VGB VIR".split())


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
        article = "the" if iso3 in ISO_THE | USAGE_THE else ""
        art_src = ISO_SRC if iso3 in ISO_THE or not article else UNTERM
        rows.append({"iso3": iso3, "name": name, "short_name": ne_name, "basis": basis, "source_url": src,
                     "confidence": conf, "as_of": AS_OF, "article": article, "article_source": art_src})
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
