"""Build ``data/countries.gpkg`` from Natural Earth 1:10m admin-0 (npm ``world-atlas@2.0.2``).

Reproducible: the input is pinned by SHA-256 and every step is deterministic.

Usage::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python data/build_countries.py package/countries-10m.json \
        --research ../shared/research/legal

What it does (each step reported on stdout, nothing dropped without a line):

1. Reads the TopoJSON ``countries`` layer (GDAL's TopoJSON driver) and sets EPSG:4326.
2. Cuts rings that world-atlas "geostitched" across the antimeridian (Fiji, Russia)
   at +-180 instead of letting them smear across the map; drops Antarctica's polar ring.
3. Repairs geometries with ``shapely.make_valid`` and keeps polygon parts only.
4. Maps ISO 3166-1 numeric ids to alpha-3 (pycountry); features without an id are
   merged into their de-jure state, split into their ISO territory, or dropped
   (disputed reefs, the UK Sovereign Base Areas) -- see ``NO_ID_FEATURES``.
5. Splits Guadeloupe, Martinique, French Guiana, Reunion and Mayotte out of France
   (Natural Earth's admin-0 *countries* keeps them inside FRA).
6. Adds ``sids``, ``sids_region``, ``un_member``, ``sovereign_iso3`` and a
   representative point of the largest part (not the centroid: Kiribati's centroid is
   in the Atlantic).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pycountry
import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.affinity import translate

WORLD_ATLAS_SHA256 = "3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79"
OUT = Path(__file__).with_name("countries.gpkg")

# Features of world-atlas 10m without an ISO numeric id: (action, target ISO3).
# "merge" joins the de-jure state; "split" assigns parts by bounding box; "drop" removes.
NO_ID_FEATURES: dict[str, tuple[str, str | None]] = {
    "Kosovo": ("keep", "XKX"),  # user-assigned code used by the EU and World Bank
    "Somaliland": ("merge", "SOM"),
    "N. Cyprus": ("merge", "CYP"),
    "Cyprus U.N. Buffer Zone": ("merge", "CYP"),
    "USNB Guantanamo Bay": ("merge", "CUB"),
    "Baikonur": ("merge", "KAZ"),
    "Coral Sea Is.": ("merge", "AUS"),
    "Clipperton I.": ("merge", "FRA"),
    "Indian Ocean Ter.": ("split", None),  # Christmas Island (CXR) + Cocos (Keeling) (CCK)
    # The UK Sovereign Base Areas have no ISO code; merging them into GBR would
    # invent a land border between the UK and Cyprus.
    "Dhekelia": ("drop", None),
    "Akrotiri": ("drop", None),
    # Disputed, uninhabited: no ISO code and no role in waste movements.
    "Siachen Glacier": ("drop", None),
    "Spratly Is.": ("drop", None),
    "Bajo Nuevo Bank": ("drop", None),
    "Serranilla Bank": ("drop", None),
    "Scarborough Reef": ("drop", None),
}
SPLIT_BOXES = {
    "Indian Ocean Ter.": (("CXR", "Christmas Island", (105.0, -11.0, 106.2, -10.0)),
                          ("CCK", "Cocos (Keeling) Islands", (96.5, -12.5, 97.2, -11.7))),
    "France": (("GLP", "Guadeloupe", (-61.9, 15.8, -60.9, 16.6)),
               ("MTQ", "Martinique", (-61.3, 14.3, -60.7, 14.95)),
               ("GUF", "French Guiana", (-54.7, 2.0, -51.5, 6.0)),
               ("REU", "Réunion", (55.1, -21.5, 56.0, -20.8)),
               ("MYT", "Mayotte", (44.9, -13.1, 45.4, -12.6))),
}

# Sovereign state of each territory in the layer (ISO 3166-1 entries; each territory's
# ISO record names the state it belongs to). Cook Islands and Niue are states in free
# association with New Zealand and act on their own under treaties: no sovereign here.
SOVEREIGN = {
    "ABW": "NLD", "CUW": "NLD", "SXM": "NLD",
    "AIA": "GBR", "BMU": "GBR", "CYM": "GBR", "FLK": "GBR", "GGY": "GBR", "GIB": "GBR",
    "IMN": "GBR", "IOT": "GBR", "JEY": "GBR", "MSR": "GBR", "PCN": "GBR", "SGS": "GBR",
    "SHN": "GBR", "TCA": "GBR", "VGB": "GBR",
    "ASM": "USA", "GUM": "USA", "MNP": "USA", "PRI": "USA", "UMI": "USA", "VIR": "USA",
    "ATF": "FRA", "BLM": "FRA", "MAF": "FRA", "NCL": "FRA", "PYF": "FRA", "SPM": "FRA",
    "WLF": "FRA", "GLP": "FRA", "MTQ": "FRA", "GUF": "FRA", "REU": "FRA", "MYT": "FRA",
    "FRO": "DNK", "GRL": "DNK",
    "HKG": "CHN", "MAC": "CHN",
    "ALA": "FIN",
    "HMD": "AUS", "NFK": "AUS", "CXR": "AUS", "CCK": "AUS",
}
SOVEREIGN_SOURCE = "ISO 3166-1 (https://www.iso.org/obp/ui/#search/code/), territory entries"

# Codes in the Basel party table that are not UN members (plus the EU's internal code).
NOT_UN = {"COK", "NIU", "PSE", "VAT", "TWN", "XKX", "EUE"}

GEOD = Geod(ellps="WGS84")


def _parts(geom) -> list[Polygon]:
    if geom is None or geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
        out: list[Polygon] = []
        for g in geom.geoms:
            out.extend(_parts(g))
        return out
    return []  # points and lines left by make_valid carry no area


def polygons_only(geom) -> MultiPolygon:
    """Valid MultiPolygon of the polygonal parts of ``geom``."""
    return MultiPolygon(_parts(shapely.make_valid(geom)))


def cut_antimeridian(geom) -> MultiPolygon:
    """Cut parts spanning more than 180 degrees of longitude at +-180."""
    out: list[Polygon] = []
    for part in _parts(geom):
        minx, miny, maxx, _ = part.bounds
        if maxx - minx <= 180:
            out.append(part)
            continue
        if miny < -89:  # Antarctica's polar ring: not an antimeridian artefact
            continue

        def unwrap(xy: np.ndarray) -> np.ndarray:
            return np.column_stack([np.where(xy[:, 0] < 0, xy[:, 0] + 360, xy[:, 0]), xy[:, 1]])

        shifted = shapely.make_valid(shapely.transform(part, unwrap))
        west = shifted.intersection(box(-180, -90, 180, 90))
        east = translate(shifted.intersection(box(180, -90, 540, 90)), xoff=-360)
        out.extend(_parts(west))
        out.extend(_parts(east))
    return MultiPolygon(out)


def geodesic_area(poly: Polygon) -> float:
    area, _ = GEOD.geometry_area_perimeter(shapely.geometry.polygon.orient(poly))
    return abs(area)


def representative_point(geom: MultiPolygon) -> tuple[float, float]:
    """A point inside the largest part (by ellipsoidal area)."""
    largest = max(geom.geoms, key=geodesic_area)
    p = largest.representative_point()
    return round(p.x, 6), round(p.y, 6)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def build(src: Path, research: Path, out: Path = OUT) -> gpd.GeoDataFrame:
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    if digest != WORLD_ATLAS_SHA256:
        sys.exit(f"{src}: sha256 {digest} is not world-atlas@2.0.2's countries-10m.json")
    raw = gpd.read_file(src, layer="countries").set_crs(4326)
    print(f"read {len(raw)} features from {src.name}")
    num2a3 = {c.numeric: c.alpha_3 for c in pycountry.countries}

    pieces: list[dict] = []  # iso3, name, geometry (merged later)
    for row in raw.itertuples():
        geom = polygons_only(cut_antimeridian(row.geometry))
        if row.id is not None and row.id == row.id:
            iso3 = num2a3.get(row.id)
            if iso3 is None:
                sys.exit(f"feature {row.name!r}: ISO numeric {row.id} unknown to pycountry")
            if iso3 == "ATA":
                print("drop Antarctica (ATA): polar ring; Basel Art 4(6) is handled by the law engine")
                continue
            pieces.append({"iso3": iso3, "name": row.name, "geometry": geom})
            continue
        action, target = NO_ID_FEATURES.get(row.name, ("unknown", None))
        if action == "unknown":
            sys.exit(f"feature {row.name!r} has no ISO id and no rule in NO_ID_FEATURES")
        print(f"{action:5s} {row.name!r}" + (f" -> {target}" if target else ""))
        if action == "drop":
            continue
        if action == "split":
            for iso3, name, bb in SPLIT_BOXES[row.name]:
                part = polygons_only(geom.intersection(box(*bb)))
                if part.is_empty:
                    sys.exit(f"split of {row.name!r}: nothing inside the {iso3} box")
                pieces.append({"iso3": iso3, "name": name, "geometry": part})
            continue
        pieces.append({"iso3": target, "name": row.name if action == "keep" else None, "geometry": geom})

    # Overseas departments out of France.
    fra = next(p for p in pieces if p["iso3"] == "FRA" and p["name"] == "France")
    for iso3, name, bb in SPLIT_BOXES["France"]:
        part = polygons_only(fra["geometry"].intersection(box(*bb)))
        if part.is_empty:
            sys.exit(f"{iso3}: nothing of France inside its box {bb}")
        pieces.append({"iso3": iso3, "name": name, "geometry": part})
        fra["geometry"] = polygons_only(fra["geometry"].difference(box(*bb)))
        print(f"split {name} ({iso3}) out of France")

    frame = gpd.GeoDataFrame(pieces, crs=4326)
    names = frame.dropna(subset=["name"]).groupby("iso3")["name"].first()
    merged = frame.dissolve("iso3", as_index=False, aggfunc="first")
    merged["name"] = merged["iso3"].map(names)
    merged["geometry"] = [polygons_only(g) for g in merged.geometry]

    empty = merged[merged.geometry.is_empty]
    for r in empty.itertuples():
        print(f"drop {r.iso3} ({r.name}): its 1:10m polygon collapses to nothing when repaired")
    merged = merged[~merged.geometry.is_empty].copy()

    sids = {r["iso3"]: r for r in read_csv(research / "sids.csv")}
    basel = {r["iso3"] for r in read_csv(research / "basel_parties.csv")}
    un = basel - NOT_UN
    if len(un) != 193:
        sys.exit(f"expected 193 UN members from basel_parties.csv, got {len(un)}")
    merged["sids"] = merged["iso3"].isin(sids)
    merged["sids_region"] = merged["iso3"].map(lambda c: sids[c]["region"] if c in sids else None)
    merged["un_member"] = merged["iso3"].isin(un)
    merged["sovereign_iso3"] = merged["iso3"].map(SOVEREIGN)
    points = [representative_point(g) for g in merged.geometry]
    merged["rep_lon"] = [p[0] for p in points]
    merged["rep_lat"] = [p[1] for p in points]

    missing = sorted(set(sids) - set(merged["iso3"]))
    if missing:
        sys.exit(f"SIDS missing from the layer: {missing}")
    invalid = merged[~merged.is_valid]
    if len(invalid):
        sys.exit(f"invalid geometries: {invalid.iso3.tolist()}")
    wide = [r.iso3 for r in merged.itertuples() if any(p.bounds[2] - p.bounds[0] > 180 for p in r.geometry.geoms)]
    if wide:
        sys.exit(f"parts wider than 180 degrees remain: {wide}")
    for r in merged.itertuples():
        if not r.geometry.contains(shapely.Point(r.rep_lon, r.rep_lat)):
            sys.exit(f"{r.iso3}: representative point outside its polygon")

    cols = ["iso3", "name", "sids", "sids_region", "un_member", "sovereign_iso3", "rep_lon", "rep_lat", "geometry"]
    merged = merged[cols].sort_values("iso3").reset_index(drop=True)
    tmp = out.with_suffix(".tmp.gpkg")
    tmp.unlink(missing_ok=True)
    merged.to_file(tmp, driver="GPKG", layer="countries")
    tmp.replace(out)
    print(f"wrote {out} ({out.stat().st_size:,} B): {len(merged)} countries, "
          f"{int(merged.sids.sum())} SIDS, {int(merged.un_member.sum())} UN members")
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("countries_10m", type=Path, help="countries-10m.json from world-atlas@2.0.2")
    parser.add_argument("--research", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "research" / "legal",
                        help="folder with sids.csv and basel_parties.csv (the team's legal research)")
    args = parser.parse_args()
    build(args.countries_10m, args.research)


if __name__ == "__main__":
    main()
