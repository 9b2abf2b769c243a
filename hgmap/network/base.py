"""Modes, node kinds and default distances of the transport graph, and its small helpers
(geodesic km, the cache folder, the State of a territory)."""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Literal

import numpy as np
from pyproj import Geod

from .._io import data_path
from ..countries import load_countries

log = logging.getLogger(__name__)

GEOD = Geod(ellps="WGS84")

Objective = Literal["cost", "distance"]

#: Road-distance / great-circle ratio applied to the straight-line estimates of the
#: road-less countries (origin -> port). Ballou, Rahardja & Sakai (2002, Transportation
#: Research Part A 36(9)) measured national circuity factors of about 1.1-1.4; 1.3 is a
#: middle value. A documented assumption; road legs are measured along the road.
DEFAULT_CIRCUITY = 1.3
#: Territorial sea breadth (UNCLOS Art 3): 12 nautical miles.
TERRITORIAL_SEA_KM = 12 * 1.852
#: Ports farther than this from any sea lane are left out (UN/LOCODE lists inland
#: places such as Denver or Lhasa as ports). Palau's Malakal snaps at ~210 km.
DEFAULT_MAX_SNAP_KM = 300.0
#: A port (or facility) farther than this from every road node of its country is not
#: joined to the road network (an outer-island port: reachable by sea only).
DEFAULT_MAX_JOIN_KM = 50.0
#: Road-less countries: their origin links (straight line) to the ports within this
#: distance, or to the nearest port when none is that close.
ROADLESS_PORT_KM = 300.0
#: A point that joins a road node joins its country's nearer ports as well only when that
#: road node is farther than this: nearer, the roads take it to the port (a port join beside
#: a road join also keeps the point out of the one-solve-per-join-node grouping, which made
#: 100,000 points x 10 streams twice as slow); farther, the road node may be on another island
#: (Grand Turk's nearest road is on Providenciales, 110 km).
PORT_BESIDE_ROAD_KM = 10.0
#: A road join (a point to a road node, a port to a road node) may cross this much water
#: between two shores (``crossing_km`` of :func:`land_km`, Natural Earth 1:10m coastline: a
#: harbour basin, a river mouth). A longer sea crossing is not a road join (the Apolima Strait
#: between Savai'i and Upolu is 13 km wide). Water before the join first meets land is not a crossing:
#: UN/LOCODE places many ports a few km off the coast (Singapore, Gibraltar).
SEA_JOIN_TOLERANCE_KM = 2.0
#: A port's straight join to a sea-lane vertex may run this far over land beyond the port's
#: own distance from the coastline (``coast_km`` of ``data/ports.csv``: river and lake ports lie
#: inland; a port up a winding estuary, Hobart, reaches open water by no straight line): more is
#: a join across an island or a cape (Honiara's old join ran ~42 km across Guadalcanal,
#: Labasa's ~30 km across Vanua Levu), and the next nearest lane vertex is tried.
LAND_SNAP_TOLERANCE_KM = 10.0
#: Lanes left out by default: the Northwest Passage (searoute's default: seasonal and
#: ice-bound) and the Volga-Don waterway, the one lane linking the Caspian to the open sea:
#: Russian inland waters, open to foreign-flag ships only by treaty or a decision of the
#: Russian Government (Inland Water Transport Code Art 23.1, Federal Law 203-FZ of
#: 11 Jul 2011) and iced in winter. With it, Caspian ports reached Italy "by sea" through
#: Russia with no transit State listed (sea lanes belong to no State).
DEFAULT_RESTRICTIONS: tuple[str, ...] = ("northwest", "volga_don")
#: Lanes searoute does not tag, named by the box (lon min, lon max, lat min, lat max) both
#: their ends lie in: the Volga-Don canal and the Tsimlyansk reservoir, between the Volga
#: at Volgograd and the lower Don.
UNTAGGED_PASSAGES: dict[str, tuple[float, float, float, float]] = {"volga_don": (42.0, 43.8, 47.5, 48.7)}

SEA, ROAD, ACCESS = 0, 1, 2
#: Kept for callers of the old straight-line land links: road is the land mode now.
LAND = ROAD
MODES = ("sea", "road", "access")
KIND_SEA, KIND_PORT, KIND_ORIGIN, KIND_FACILITY, KIND_ROAD = 0, 1, 2, 3, 4
KINDS = ("sea", "port", "origin", "facility", "road")

_CACHE_FORMAT = 7
#: State-specific search matrices kept per graph (each is the weights of ~1.4M entries).
_MAX_INTO = 4


def geodesic_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Ellipsoidal (WGS84) distance in km; vectorised over numpy arrays."""
    _, _, d = GEOD.inv(np.asarray(lon1, float), np.asarray(lat1, float),
                       np.asarray(lon2, float), np.asarray(lat2, float))
    return np.asarray(d) / 1000.0


def cache_dir() -> Path:
    """Folder of the on-disk graph cache: ``$HGMAP_CACHE_DIR`` or ``~/.cache/hgmap``."""
    env = os.environ.get("HGMAP_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "hgmap"


@functools.lru_cache(maxsize=1)
def _state_of() -> dict[str, str]:
    """ISO3 -> the State it belongs to (its sovereign for territories, else itself)."""
    countries = load_countries()
    return {c: (s or c) for c, s in zip(countries["iso3"], countries["sovereign_iso3"])}


@functools.lru_cache(maxsize=1)
def closed_borders() -> frozenset[frozenset[str]]:
    """State pairs whose land border is closed to through freight (``data/closed_borders.csv``,
    one sourced, dated row per pair): the graph keeps no road across them."""
    from ..errors import DataError

    out = set()
    for line, row in _sourced_rows("closed_borders.csv", ("state_a", "state_b", "status", "source_url")):
        if row["status"] not in ("closed", "border trade only"):
            raise DataError(f"data/closed_borders.csv line {line}: status {row['status']!r} is not 'closed' or "
                            "'border trade only' (delete the row of a border that reopened)")
        out.add(frozenset((row["state_a"], row["state_b"])))
    return frozenset(out)


def _sourced_rows(name: str, required: tuple[str, ...]):
    """(line, row) of a hand-curated ``data/`` CSV of State pairs, each checked: the required
    columns present, ``state_a`` and ``state_b`` two different States, a URL source."""
    import csv

    from ..errors import DataError

    states = set(_state_of().values())
    with open(data_path(name), newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(f"data/{name}: column(s) {', '.join(missing)} missing")
        for line, row in enumerate(reader, start=2):
            for f in ("state_a", "state_b"):
                if row[f] not in states:
                    raise DataError(f"data/{name} line {line}: {f} {row[f]!r} is not a State of data/countries.gpkg")
            if row["state_a"] == row["state_b"]:
                raise DataError(f"data/{name} line {line}: state_a and state_b are the same ({row['state_a']})")
            if not row["source_url"].startswith("http"):
                raise DataError(f"data/{name} line {line}: source_url must be a URL")
            yield line, row


@functools.lru_cache(maxsize=1)
def road_links() -> tuple[dict, ...]:
    """Border crossings the road extract lacks (``data/road_links.csv``, sourced rows): the
    two States and a point on each side, joined at build time by a straight-line estimate."""
    from ..errors import DataError

    out = []
    closed = closed_borders()
    cols = ("link_id", "state_a", "lon_a", "lat_a", "state_b", "lon_b", "lat_b", "source_url")
    for line, row in _sourced_rows("road_links.csv", cols):
        try:
            pts = {f: float(row[f]) for f in ("lon_a", "lat_a", "lon_b", "lat_b")}
        except ValueError as exc:
            raise DataError(f"data/road_links.csv line {line}: a coordinate is not a number ({exc})") from None
        if frozenset((row["state_a"], row["state_b"])) in closed:
            raise DataError(f"data/road_links.csv line {line}: {row['state_a']}-{row['state_b']} is a closed border "
                            "(data/closed_borders.csv)")
        out.append({**row, **pts, "line": line})
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _roads() -> dict:
    with np.load(data_path("roads.npz"), allow_pickle=False) as z:
        return {k: z[k] for k in z.files}


@functools.lru_cache(maxsize=1)
def _road_geometry() -> tuple[np.ndarray, np.ndarray]:
    """``(geom_offsets, geom_lonlat_e3)`` of ``roads.npz``: all a drawing needs (a graph
    read from the cache has the rest; reading two arrays takes 10 ms, all of them 150)."""
    with np.load(data_path("roads.npz"), allow_pickle=False) as z:
        return z["geom_offsets"], z["geom_lonlat_e3"]


@functools.lru_cache(maxsize=1)
def _land():
    """The country polygons of ``data/countries.gpkg`` (prepared) and their bounds."""
    import shapely

    geoms = np.asarray(load_countries().geometry.values, dtype=object)
    shapely.prepare(geoms)
    return geoms, shapely.bounds(geoms)


@functools.lru_cache(maxsize=None)
def _land_of_country(iso3: str):
    """``iso3``'s polygons (prepared, one array entry) and bounds, as :func:`_land` gives all."""
    import shapely

    geoms, _ = _land()
    codes = load_countries()["iso3"].to_numpy()
    sel = geoms[codes == iso3]
    return sel, shapely.bounds(sel).reshape(-1, 4)


def land_km(lon0, lat0, lon1, lat1, *, step_km: float = 1.0, max_samples: int = 50,
            iso3: str | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """How much of each straight segment (lon0, lat0) -> (lon1, lat1) runs over land.

    Each segment (straight in lon/lat, the way joins are drawn; across the antimeridian the
    short way round) is cut into equal pieces of at most ``step_km`` (at most ``max_samples``
    pieces: a 300 km segment is read every 6 km) and each piece's midpoint is tested against
    the polygons of the countries whose bounds the segment's bounds meet (Natural Earth 1:10m,
    ``data/countries.gpkg``, prepared), all segments in one vectorised pass. With ``iso3``,
    only that country's polygons are land (a road join within one country: faster).

    Returns
    -------
    (land_km, length_km, crossing_km)
        Per segment, the km over land, the geodesic length and the km of water after its
        first piece over land (a sea crossing away from the start's shore; water before it is
        a start lying off the coastline, a UN/LOCODE port position, not a crossing).
    """
    import shapely

    lon0, lat0 = np.atleast_1d(np.asarray(lon0, float)), np.atleast_1d(np.asarray(lat0, float))
    lon1, lat1 = np.atleast_1d(np.asarray(lon1, float)), np.atleast_1d(np.asarray(lat1, float))
    length = np.atleast_1d(geodesic_km(lon0, lat0, lon1, lat1))
    if not len(length):
        return np.zeros(0), length, np.zeros(0)
    dlon = lon1 - lon0
    dlon = np.where(dlon > 180, dlon - 360, np.where(dlon < -180, dlon + 360, dlon))
    end = lon0 + dlon
    wraps = (end > 180) | (end < -180)
    geoms, bounds = _land()
    if iso3 is not None:
        geoms, bounds = _land_of_country(iso3)
    # (segment, country) pairs whose bounds meet; a segment across the antimeridian meets every longitude
    x_lo = np.where(wraps, -180.0, np.minimum(lon0, end))
    x_hi = np.where(wraps, 180.0, np.maximum(lon0, end))
    y_lo, y_hi = np.minimum(lat0, lat1), np.maximum(lat0, lat1)
    meet = ((x_lo[:, None] <= bounds[None, :, 2]) & (x_hi[:, None] >= bounds[None, :, 0])
            & (y_lo[:, None] <= bounds[None, :, 3]) & (y_hi[:, None] >= bounds[None, :, 1]))
    si, gi = np.nonzero(meet)
    n = np.clip(np.ceil(length / step_km), 1, max_samples).astype(np.int64)
    # every sample of each pair's segment, tested against the pair's country
    cnt = n[si]
    pair = np.repeat(np.arange(len(si)), cnt)
    j = np.arange(cnt.sum()) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    seg = si[pair]
    t = (j + 0.5) / n[seg]
    x = ((lon0[seg] + dlon[seg] * t + 180.0) % 360.0) - 180.0
    y = lat0[seg] + (lat1 - lat0)[seg] * t
    hit = shapely.contains_xy(geoms[gi[pair]], x, y)
    # a sample is over land when any country holds it (neighbouring polygons do not overlap)
    offs = (np.cumsum(n) - n)[seg] + j
    inside = np.zeros(int(n.sum()), bool)
    inside[offs[hit]] = True
    seg_of_sample = np.repeat(np.arange(len(n)), n)
    n_land = np.bincount(seg_of_sample, weights=inside, minlength=len(n))
    # water after the first land sample from the start: the segment leaves the start's shore
    # and crosses water (a point or port lying off the coast has water before it, not a crossing;
    # a segment over no land at all cannot be told and counts none)
    idx = np.arange(len(inside)) - np.repeat(np.cumsum(n) - n, n)
    first = np.minimum.reduceat(np.where(inside, idx, np.iinfo(np.int64).max), np.cumsum(n) - n)
    gap = np.where(n_land > 0, (n - first) - n_land, 0) / n
    return n_land / n * length, length, gap * length


def on_land(lon, lat, *, chunk: int = 20000) -> np.ndarray:
    """Whether each point lies in a country polygon of ``data/countries.gpkg`` (vectorised)."""
    import shapely

    lon, lat = np.atleast_1d(np.asarray(lon, float)), np.atleast_1d(np.asarray(lat, float))
    geoms, bounds = _land()
    out = np.zeros(len(lon), bool)
    for a in range(0, len(lon), chunk):
        x, y = lon[a:a + chunk], lat[a:a + chunk]
        meet = ((x[:, None] >= bounds[None, :, 0]) & (x[:, None] <= bounds[None, :, 2])
                & (y[:, None] >= bounds[None, :, 1]) & (y[:, None] <= bounds[None, :, 3]))
        pi, gi = np.nonzero(meet)
        hit = shapely.contains_xy(geoms[gi], x[pi], y[pi])
        out[a + pi[hit]] = True
    return out


def _unit_vectors(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    lo, la = np.radians(np.asarray(lon, float)), np.radians(np.asarray(lat, float))
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


