"""Build ``data/ports.csv`` from searoute 1.6.0's bundled ports plus cited hand entries.

Usage::

    python data/build_ports.py               # needs searoute==1.6.0 and data/countries.gpkg
    python data/build_ports.py --coast-only  # recompute only ``coast_km`` on the existing ports.csv

searoute's ports come from UNECE UN/LOCODE (maintainer, genthalili/searoute-py#49).
The LOCODE country prefix gives the ISO3 code, except:

* legacy prefixes ``AN`` (Netherlands Antilles, dissolved 2010) and ``CS`` (Serbia and
  Montenegro, split 2006): the country is the one whose polygon holds the port;
  Philipsburg is re-coded to Sint Maarten's current code ``SXPHI``;
* a port more than ``MISPLACED_KM`` from its prefix country's polygon but within
  ``NEAR_KM`` of another country's polygon is assigned to that country (e.g. Gustavia,
  coded under Guadeloupe before Saint-Barthelemy got its own code);

Each reassignment is printed and recorded in the ``notes`` column. A searoute port whose
position is wrong is moved to a cited one (``MOVED``: Gibraltar's lay on Spanish land across the bay). Ports in countries
searoute lacks (Palau, Timor-Leste, Northern Mariana Islands, Anguilla) are entered by
hand in ``HAND_PORTS`` with a source for each, and principal ports of entry searoute lacks
in other countries (Pohnpei and Chuuk, Micronesia; Nuku'alofa, Tonga) in ``SUPPLEMENT_PORTS``.

``coast_km`` (:func:`coast_km`) is the geodesic distance (WGS84, km, one decimal) from the
port to the coastline of ``data/countries.gpkg``'s land, 0 for a port at sea. The land is
the union of the country polygons; its coastline is the union's outer rings and the holes of
at least ``HOLE_MIN_KM2`` (the Caspian Sea; smaller holes are slivers between neighbouring
polygons, not water). A port inside the land is measured to the coastline's segments: candidates
are found in degrees (the nearest, then all within that distance widened by 1/cos(lat)), and
the geodesic distance to each candidate segment's nearest point is taken (on the layer's short
segments that point is all but the geodesically nearest one). UN/LOCODE lists inland places among
its ports (Douvaine 275 km, Leipzig 291 km from the coast); river and lake ports are far from
this coastline too (Seville 57 km, Baton Rouge 80 km, Chicago 953 km: the Great Lakes and
rivers are land in the polygons). The dossier marks ports more than 50 km from the coast.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from importlib import resources
from pathlib import Path

import geopandas as gpd
import numpy as np
import pycountry
import shapely
from pyproj import Geod

HERE = Path(__file__).parent
OUT = HERE / "ports.csv"
MISPLACED_KM = 50.0
NEAR_KM = 10.0
GEOD = Geod(ellps="WGS84")
HOLE_MIN_KM2 = 1000.0
COAST_PIECE = 1  # one segment per piece: the degree-nearest point of a segment is its geodesic one, nearly

# (port_id, name, iso3, lon, lat, source_url, notes)
HAND_PORTS = [
    ("PWROR", "Malakal (Koror)", "PLW", 134.456967, 7.331256,
     "https://dlca.logcluster.org/print-preview-current-section/1749",
     "WFP Logistics Capacity Assessment 'Palau Port of Koror' (April 2018): main port of Palau on "
     "Malakal island, lat 7.331256 lon 134.456967. LOCODE PWROR (Koror)."),
    ("TLDIL", "Dili", "TLS", 125.57639, -8.55167,
     "https://en.wikipedia.org/wiki/Port_of_Dili ; https://docslib.org/doc/5202760/cps-sector-assessment",
     "Port of Dili, UN/LOCODE TLDIL, 8°33'06\"S 125°34'35\"E. Container operations moved to the "
     "new Tibar Bay Port (~10 km west) on 30 Sep 2022; the sea-lane snap is the same."),
    ("MPSPN", "Saipan", "MNP", 145.7196, 15.2253,
     "https://cnmiports.com/spnprt.asp ; https://www.saipantribune.com/index.php/950ed509-1dfb-11e4-aedf-250bc8c9958e",
     "Port of Saipan (Saipan International Harbor, Tanapag Harbor), operated by the Commonwealth Ports "
     "Authority. Coordinates are the harbour basin at Tanapag, read off the named location (~1 km)."),
    ("AIRBY", "Road Bay (Sandy Ground)", "AIA", -63.0893, 18.2030,
     "https://portsidecaribbean.com/development/anguilla-development-progresses/ ; https://theanguillian.com/?p=62945",
     "Road Bay Cargo Port at Sandy Ground, Anguilla's main cargo port and port of entry (Anguilla Air "
     "and Sea Ports Authority). Coordinates read off the named location (~1 km)."),
]
# Principal ports of entry searoute lacks in countries where it has some other port (review 22:
# Micronesia had only Yap, 2,888 km from Palikir; Tonga only Pangai in Ha'apai, 220 km from
# Nuku'alofa). UN/LOCODE lists these codes without coordinates; each position is from the
# source given, with its confidence and as-of date in the notes. (port_id, name, iso3, lon,
# lat, source_url, notes). Kosrae (FMKSA, Micronesia's fourth international seaport per the
# same WFP assessment; its commercial port is Okat Harbour on the west coast) is not entered:
# no source giving its position was found (searched again in review 24: WFP LCA 2.1, port
# authority and cruising pages name Okat and Lelu harbours without coordinates).
SUPPLEMENT_PORTS = [
    ("KICXI", "Kiritimati (London, Navy Harbour)", "KIR", -157.475, 1.983333,
     "https://dlca.logcluster.org/21-kiribati-port-assessment ; https://wikimili.com/en/London,_Kiribati",
     "Kiribati's second port of entry: Navy Harbour at London (Ronton) on Kiritimati, operated by the Kiribati "
     "Ports Authority with customs, serving the Line and Phoenix Islands (WFP Logistics Capacity Assessment "
     "'2.1 Kiribati Port Assessment', 2018). Position: London village, 1 59 00 N 157 28 30 W (Wikipedia, "
     "London, Kiribati); the harbour and jetty lie at the village, within ~2 km. port_id KICXI is hgmap's "
     "(CXI is the IATA code of Kiritimati's Cassidy airport): no UN/LOCODE port entry was verified. "
     "Confidence medium (village position); as of 2018-04 (review 24: Kiritimati points were unreachable)."),
    ("FMTKK", "Chuuk (Weno)", "FSM", 151.839892, 7.445978, "https://dlca.logcluster.org/213-micronesia-port-chuuk",
     "UN/LOCODE FMTKK 'Chuuk (ex Truk)'. WFP Logistics Capacity Assessment '2.1.3 Micronesia Port of Chuuk' "
     "(Ian Ross, WFP, October 2022): Port of Chuuk at Weno, latitude 7 26 45.52 N, longitude 151 50 23.61 E; "
     "one of Micronesia's four international seaports (LCA 2.1). Confidence high; as of 2022-10."),
    ("FMPNI", "Pohnpei (Kolonia)", "FSM", 158.2, 6.966667,
     "https://dlca.logcluster.org/21-micronesia-port-assessment ; https://nds.wikipedia.org/wiki/Kolonia",
     "UN/LOCODE FMPNI 'Pohnpei (ex Ponape)': the Port of Pohnpei at Kolonia, one of Micronesia's four "
     "international seaports (WFP LCA 2.1, October 2022). Position: Kolonia, 6 58 N 158 12 E (Wikipedia); "
     "the port lies on the harbour north of the town, within ~2 km. Confidence medium (town position, "
     "1 arc-minute); as of 2022-10."),
    ("TOTBU", "Nuku'alofa", "TON", -175.1889, -21.135, "https://dlca.logcluster.org/print-preview/4372",
     "UN/LOCODE TOTBU (Nuku'alofa, Tongatapu), the principal port of entry. WFP Logistics Capacity "
     "Assessment 'Tonga - 2.1.1 Port of Nuku'alofa' (Akosita Lewai, WFP, October 2023): latitude -21.135, "
     "longitude -175.1889; the only deep-water harbour and the hub for the outer islands. Confidence high; "
     "as of 2023-10."),
]
# Natural Earth 10m (world-atlas 2.0.2) draws Crimea inside Russia; UN GA resolution 68/262
# affirms Ukraine's territorial integrity, so these ports keep their LOCODE country.
KEEP_LOCODE = {"UAFEO", "UAKEH", "UASVP", "UAYAL"}
RECODE = {"ANPHI": ("SXPHI", "UN/LOCODE Sint Maarten code SX (ISO 3166-1 since 2010) replaces legacy AN")}
# searoute ports whose position is wrong, moved to a cited one: code -> (lon, lat, source_url, note).
MOVED = {
    "GIGIB": (-5.3652, 36.1485,
              "https://review.clateway.com/wiki/view_html.php?q=Port_of_Gibraltar",
              "searoute's position (-5.443571, 36.071199) lies on Spanish land at Punta Carnero, across the Bay of "
              "Gibraltar from the port (its road join crossed the bay). Moved to Gibraltar Harbour, eastern shore "
              "of the Bay of Gibraltar, 36 08 55 N 5 21 55 W (Wikipedia 'Port of Gibraltar' / 'Gibraltar "
              "Harbour'). Confidence high; as of 2026-12-02."),
}


def coast_km(lon, lat, countries: gpd.GeoDataFrame) -> np.ndarray:
    """Geodesic km from each (lon, lat) to the coastline of ``countries``' land; 0 at sea.

    See the module docstring for the method (holes under ``HOLE_MIN_KM2`` are not coast).
    """
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    land = shapely.union_all(countries.geometry.values)
    polys, pieces = [], []
    for poly in getattr(land, "geoms", [land]):
        holes = [r for r in poly.interiors
                 if abs(GEOD.geometry_area_perimeter(shapely.Polygon(r))[0]) / 1e6 >= HOLE_MIN_KM2]
        polys.append(shapely.Polygon(poly.exterior, holes))
        for ring in (poly.exterior, *holes):
            xy = np.asarray(ring.coords)
            pieces += [shapely.LineString(xy[i:i + COAST_PIECE + 1]) for i in range(0, len(xy) - 1, COAST_PIECE)]
    land = shapely.MultiPolygon(polys)
    shapely.prepare(land)
    inside = shapely.contains_xy(land, lon, lat)
    tree = shapely.STRtree(pieces)
    out = np.zeros(len(lon))
    for i in np.flatnonzero(inside):
        pt = shapely.Point(lon[i], lat[i])
        deg = shapely.distance(pt, pieces[int(tree.query_nearest(pt)[0])])
        # A degree of longitude is shorter than one of latitude: the geodesically nearest piece
        # can be up to 1/cos(lat) farther in degrees.
        radius = deg / max(np.cos(np.radians(min(abs(lat[i]) + deg, 89.0))), 0.05) * 1.01 + 1e-9
        best = np.inf
        for k in tree.query(pt, predicate="dwithin", distance=radius):
            q = shapely.ops.nearest_points(pt, pieces[int(k)])[1]
            best = min(best, GEOD.inv(lon[i], lat[i], q.x, q.y)[2] / 1000)
        out[i] = best
    return out


def _write(rows: list[dict]) -> None:
    tmp = OUT.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    tmp.replace(OUT)


def _with_coast(rows: list[dict], countries: gpd.GeoDataFrame) -> list[dict]:
    km = coast_km([float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows], countries)
    return [{**r, "coast_km": f"{k:.1f}"} for r, k in zip(rows, km)]


def coast_only() -> None:
    """Recompute ``coast_km`` on the existing ports.csv (the other columns stay as they are)."""
    with OUT.open(newline="", encoding="utf-8") as fh:
        rows = [{k: v for k, v in r.items() if k != "coast_km"} for r in csv.DictReader(fh)]
    rows = _with_coast(rows, gpd.read_file(HERE / "countries.gpkg"))
    _write(rows)
    inland = sum(float(r["coast_km"]) > 50 for r in rows)
    print(f"wrote {OUT}: coast_km for {len(rows)} ports; {inland} are more than 50 km from the coast")


def main() -> None:
    countries = gpd.read_file(HERE / "countries.gpkg")
    layer = set(countries.iso3)
    geoms = dict(zip(countries.iso3, countries.geometry))
    tree = shapely.STRtree(countries.geometry.values)
    src = resources.files("searoute") / "data" / "ports.geojson"
    feats = json.loads(src.read_text(encoding="utf-8"))["features"]
    print(f"read {len(feats)} searoute ports")
    a2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}

    def km_to(iso3: str, pt: shapely.Point) -> float:
        g = geoms[iso3]
        if g.contains(pt):
            return 0.0
        near = shapely.ops.nearest_points(pt, g)[1]
        return GEOD.inv(pt.x, pt.y, near.x, near.y)[2] / 1000

    def by_location(pt: shapely.Point) -> tuple[str | None, float]:
        idx = tree.query(pt, predicate="dwithin", distance=0.5)
        best = (None, float("inf"))
        for i in idx:
            iso3 = countries.iso3.iat[i]
            d = km_to(iso3, pt)
            if d < best[1]:
                best = (iso3, d)
        return best

    rows = []
    seen = set()
    for f in feats:
        p = f["properties"]
        code = p["port"]
        lon, lat = f["geometry"]["coordinates"]
        pt = shapely.Point(lon, lat)
        notes = []
        if code in seen:
            print(f"skip duplicate port code {code}")
            continue
        seen.add(code)
        if code in RECODE:
            new, why = RECODE[code]
            notes.append(f"re-coded from {code}: {why}")
            code = new
        prefix = code[:2]
        iso3 = a2.get(prefix)
        loc_iso3, loc_km = by_location(pt)
        if prefix in ("AN", "CS") or iso3 is None:
            if loc_iso3 is None or loc_km > NEAR_KM:
                print(f"drop {code} {p['name']!r}: legacy/unknown prefix {prefix} and no country within {NEAR_KM} km")
                continue
            notes.append(f"LOCODE prefix {prefix} is legacy; country from location ({loc_km:.1f} km)")
            iso3 = loc_iso3
        elif code in KEEP_LOCODE:
            notes.append("LOCODE country kept although the Natural Earth polygon differs (UN GA res. 68/262)")
        elif iso3 in layer and loc_iso3 and loc_iso3 != iso3:
            d_own = km_to(iso3, pt)
            if d_own > MISPLACED_KM and loc_km <= NEAR_KM:
                notes.append(f"LOCODE prefix {prefix} but {d_own:.0f} km from {iso3}; "
                             f"assigned to {loc_iso3} ({loc_km:.1f} km)")
                print(f"reassign {code} {p['name']!r}: {iso3} -> {loc_iso3}")
                iso3 = loc_iso3
        if iso3 not in layer:
            notes.append(f"{iso3} is not in the countries layer: the port is kept but links to no origin")
        terminal = p.get("t")
        source = "searoute 1.6.0 searoute/data/ports.geojson (UN/LOCODE via UNECE; genthalili/searoute-py#49)"
        if code in MOVED:
            lon, lat, url, why = MOVED[code]
            if km_to(iso3, shapely.Point(lon, lat)) > 5:
                sys.exit(f"moved port {code} is more than 5 km from {iso3}")
            notes.append(why)
            source = f"{source} ; position: {url}"
        rows.append({
            "port_id": code, "name": p["name"], "iso3": iso3, "lon": round(lon, 6), "lat": round(lat, 6),
            "terminal": "" if terminal is None else str(int(terminal)),
            "origin": "searoute-1.6.0",
            "source_url": source,
            "notes": "; ".join(notes),
        })
    def hand_row(kind: str, code, name, iso3, lon, lat, url, note) -> dict:
        """A hand-entered port's row, within 5 km of its country."""
        d = km_to(iso3, shapely.Point(lon, lat))
        if d > 5:
            sys.exit(f"{kind} port {code} is {d:.1f} km from {iso3}")
        return {"port_id": code, "name": name, "iso3": iso3, "lon": lon, "lat": lat, "terminal": "",
                "origin": "hand-entered", "source_url": url, "notes": note}

    for entry in HAND_PORTS:
        code, iso3 = entry[0], entry[2]
        if code in seen:
            sys.exit(f"hand port {code} duplicates a searoute port")
        if iso3 in {r["iso3"] for r in rows}:
            sys.exit(f"hand port for {iso3} but searoute already has one: remove the hand entry")
        rows.append(hand_row("hand", *entry))

    for entry in SUPPLEMENT_PORTS:
        if entry[0] in seen or entry[0] in {r["port_id"] for r in rows}:
            sys.exit(f"supplement port {entry[0]} duplicates a port already listed: remove the entry")
        rows.append(hand_row("supplement", *entry))

    sids = set(countries.loc[countries.sids, "iso3"])
    missing = sids - {r["iso3"] for r in rows}
    if missing:
        sys.exit(f"SIDS without a port: {sorted(missing)}")
    rows.sort(key=lambda r: (r["iso3"], r["port_id"]))
    _write(_with_coast(rows, countries))
    print(f"wrote {OUT}: {len(rows)} ports in {len({r['iso3'] for r in rows})} countries; every SIDS has a port")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--coast-only", action="store_true",
                    help="recompute only coast_km on the existing ports.csv (searoute not needed)")
    if ap.parse_args().coast_only:
        coast_only()
    else:
        main()
