"""Building the base transport graph from the shipped data (sea lanes, ports, roads,
origins), and its on-disk cache."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, replace
from importlib import resources
from importlib.metadata import version as _pkg_version
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from .._io import atomic_path, data_path
from ..countries import load_countries
from ..errors import DataError
from ..ports import load_ports
from .base import (ACCESS, DEFAULT_CIRCUITY, DEFAULT_MAX_JOIN_KM, DEFAULT_MAX_SNAP_KM, DEFAULT_RESTRICTIONS,
                   KIND_ORIGIN, KIND_PORT, KIND_ROAD, KIND_SEA, LAND_SNAP_TOLERANCE_KM, ROAD, ROADLESS_PORT_KM, SEA,
                   TERRITORIAL_SEA_KM, _CACHE_FORMAT, _roads,
                   UNTAGGED_PASSAGES, _unit_vectors, cache_dir, closed_borders, geodesic_km,
                   land_km, on_land, road_links)
from .graph import TransportGraph

log = logging.getLogger(__name__)


# -- building ---------------------------------------------------------------------------

def _marnet_path() -> Path:
    return Path(str(resources.files("searoute") / "data" / "marnet_searoute.geojson"))


def _inputs_digest(settings: dict) -> str:
    h = hashlib.sha256()
    for p in (data_path("countries.gpkg"), data_path("ports.csv"), data_path("origins.csv"),
              data_path("closed_borders.csv"), data_path("road_links.csv"), _marnet_path()):
        h.update(p.read_bytes())
    st = data_path("roads.npz").stat()
    h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    h.update(json.dumps(settings, sort_keys=True).encode())
    h.update(f"{_CACHE_FORMAT}:{_pkg_version('searoute')}".encode())
    # The code that builds the graph is an input too: a changed build never reads an old cache.
    for part in ("base.py", "build.py", "graph.py", "passages.py"):
        h.update((Path(__file__).parent / part).read_bytes())
    return h.hexdigest()[:20]


def _untagged_passage(a, b) -> str | None:
    """The :data:`UNTAGGED_PASSAGES` name of the lane from ``a`` to ``b`` (lon, lat), if any."""
    for name, (x0, x1, y0, y1) in UNTAGGED_PASSAGES.items():
        if all(x0 <= p[0] <= x1 and y0 <= p[1] <= y1 for p in (a, b)):
            return name
    return None


def _sea_network(restrictions: tuple[str, ...]):
    import searoute as sr

    M = sr.setup_M()
    index: dict[tuple[float, float], int] = {}
    lons: list[float] = []
    lats: list[float] = []

    def node(xy) -> int:
        lon = ((float(xy[0]) + 180.0) % 360.0) - 180.0  # 180 and -180 are the same meridian
        key = (round(lon, 6), round(float(xy[1]), 6))
        i = index.get(key)
        if i is None:
            i = index[key] = len(lons)
            lons.append(key[0])
            lats.append(key[1])
        return i

    eu, ev = [], []
    for a, b, d in M.edges(data=True):
        if (d.get("passage") or _untagged_passage(a, b)) in restrictions:
            continue
        i, j = node(a), node(b)
        if i != j:
            eu.append(i)
            ev.append(j)
    for n in M.nodes:
        node(n)
    return np.asarray(lons), np.asarray(lats), np.asarray(eu, np.int64), np.asarray(ev, np.int64)


def _nearest(tree: cKDTree, cand_lon, cand_lat, lon, lat, k: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Nearest candidate (by geodesic distance among the k chord-nearest) for each point."""
    k = min(k, len(cand_lon))
    _, idx = tree.query(_unit_vectors(np.asarray(lon), np.asarray(lat)), k=k)
    idx = np.atleast_2d(idx)
    n = idx.shape[0]
    d = geodesic_km(np.repeat(lon, k), np.repeat(lat, k), cand_lon[idx.ravel()], cand_lat[idx.ravel()]).reshape(n, k)
    best = d.argmin(axis=1)
    return idx[np.arange(n), best], d[np.arange(n), best]


def _territorial_owner(countries, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """ISO3 of the country whose coast lies within 12 nm of each point ('' if none)."""
    import shapely

    owner = np.full(len(lon), "", dtype=object)
    geoms = countries.geometry.values
    codes = countries["iso3"].to_numpy()
    tree = shapely.STRtree(geoms)
    pts = shapely.points(lon, lat)
    pi, gi = tree.query(pts, predicate="dwithin", distance=0.25)
    best = np.full(len(lon), np.inf)
    for p, g in zip(pi, gi):
        near = shapely.ops.nearest_points(pts[p], geoms[g])[1]
        d = float(geodesic_km(lon[p], lat[p], near.x, near.y))
        if d <= TERRITORIAL_SEA_KM and d < best[p]:
            best[p] = d
            owner[p] = codes[g]
    return owner


def load_origin_points() -> pd.DataFrame:
    """The shipped default origin per country (``data/origins.csv``: capital or main port city)."""
    return pd.read_csv(data_path("origins.csv"), dtype={"geonameid": "string", "population": "string"},
                       keep_default_na=False)


def _build(settings: dict) -> TransportGraph:
    """The base graph: sea lanes, ports snapped to them, roads, one origin per country, and
    the access joins of ports and origins to the roads (see the module docstring)."""
    countries = load_countries()
    codes_all = set(countries["iso3"])
    ports = load_ports()
    ports = ports[ports["iso3"].isin(codes_all)].reset_index(drop=True)
    sea = _sea_lanes(settings)
    ports, snap_node, snap_km, sea = _snapped_ports(ports, sea, settings)
    roads = _roads()
    r_country = roads["countries"].astype(object)[roads["node_country"].astype(np.int64)]
    with_road = set(pd.unique(r_country))
    origins = load_origin_points().set_index("iso3")
    o_codes = countries["iso3"].to_numpy(object)
    missing = [c for c in o_codes if c not in origins.index]
    if missing:
        raise ValueError(f"data/origins.csv lacks {', '.join(missing)}")
    o_lon = origins.loc[o_codes, "lon"].to_numpy(float)
    o_lat = origins.loc[o_codes, "lat"].to_numpy(float)
    virtual, v_snap, v_km = _virtual_ports(roads, r_country, with_road, set(ports["iso3"]), o_codes, o_lon, o_lat,
                                           sea)
    v_idx = np.asarray([int(np.flatnonzero(o_codes == c)[0]) for c in virtual], np.int64)
    graph = _base_graph(settings, countries, sea, ports, snap_node, snap_km, roads, r_country, with_road,
                        o_codes, o_lon, o_lat, virtual, v_idx, v_snap, v_km)
    graph = _with_road_links(_without_closed_borders(graph), settings["circuity"])
    graph, join_km = _join_ports(graph, len(ports), settings["max_join_km"])
    return _join_origins(graph, origins, o_codes, o_lon, o_lat, virtual, len(ports), with_road, join_km)


@dataclass
class _Sea:
    lon: np.ndarray
    lat: np.ndarray
    u: np.ndarray
    v: np.ndarray
    km: np.ndarray
    main_idx: np.ndarray  # vertices of the largest connected lane network
    tree: cKDTree  # over main_idx


def _sea_lanes(settings: dict) -> _Sea:
    s_lon, s_lat, s_u, s_v = _sea_network(tuple(settings["restrictions"]))
    n_sea = len(s_lon)
    s_km = geodesic_km(s_lon[s_u], s_lat[s_u], s_lon[s_v], s_lat[s_v])
    A = sp.coo_array((np.ones(len(s_u)), (s_u, s_v)), shape=(n_sea, n_sea))
    _, labels = connected_components(A, directed=False)
    main_idx = np.flatnonzero(labels == np.bincount(labels).argmax())
    return _Sea(s_lon, s_lat, s_u, s_v, s_km, main_idx, cKDTree(_unit_vectors(s_lon[main_idx], s_lat[main_idx])))


def _snapped_ports(ports: pd.DataFrame, sea: _Sea, settings: dict):
    """Ports joined to a lane vertex over water, their lane vertex and snap km.

    A port joins the nearest lane vertex (geodesic, among the chord-nearest) whose straight
    segment runs over no more land than the port's own distance from the coastline
    (``coast_km``: river ports) plus :data:`LAND_SNAP_TOLERANCE_KM` (:func:`land_km`), trying
    the next nearest vertices in batches of ``_SNAP_BATCH`` up to ``_SNAP_CANDIDATES``. A port
    with no such vertex within ``max_snap_km`` is left out, with a log line saying why (far
    from every lane, or every nearer lane vertex across land)."""
    p_lon, p_lat = ports["lon"].to_numpy(float), ports["lat"].to_numpy(float)
    allow = ports["coast_km"].to_numpy(float) + LAND_SNAP_TOLERANCE_KM if "coast_km" in ports \
        else np.full(len(ports), LAND_SNAP_TOLERANCE_KM)
    c_lon, c_lat = sea.lon[sea.main_idx], sea.lat[sea.main_idx]
    k = min(_SNAP_CANDIDATES, len(c_lon))
    _, cand = sea.tree.query(_unit_vectors(p_lon, p_lat), k=k)
    cand = np.atleast_2d(cand)
    n = len(ports)
    d = geodesic_km(np.repeat(p_lon, k), np.repeat(p_lat, k), c_lon[cand.ravel()], c_lat[cand.ravel()]).reshape(n, k)
    order = np.argsort(d, axis=1, kind="stable")
    cand = np.take_along_axis(cand, order, axis=1)
    d = np.take_along_axis(d, order, axis=1)
    chosen = np.full(n, -1, np.int64)
    chosen_km = np.full(n, np.nan)
    nearest_land = np.full(n, np.nan)
    limit = settings["max_snap_km"]
    todo = np.flatnonzero(d[:, 0] <= limit)
    # the nearest vertex of every port first (most pass), then the next ones in batches
    starts = [0, *range(1, k, _SNAP_BATCH)]
    for start, stop in zip(starts, [*starts[1:], k]):
        if not len(todo):
            break
        cols = np.arange(start, stop)
        rows = np.repeat(todo, len(cols))
        cc = np.tile(cols, len(todo))
        within = d[rows, cc] <= limit
        rows, cc = rows[within], cc[within]
        # a join no longer than the land it may cross needs no test
        land = np.zeros(len(rows))
        test = d[rows, cc] > allow[rows]
        land[test], _, _ = land_km(p_lon[rows[test]], p_lat[rows[test]], c_lon[cand[rows[test], cc[test]]],
                                   c_lat[cand[rows[test], cc[test]]])
        if start == 0:
            first = cc == 0
            nearest_land[rows[first]] = land[first]
        ok = land <= allow[rows]
        # the first (nearest) passing candidate of each port: rows ascend, cc ascends within a row
        okr, okc = rows[ok], cc[ok]
        first_ok = np.ones(len(okr), bool)
        first_ok[1:] = okr[1:] != okr[:-1]
        chosen[okr[first_ok]] = cand[okr[first_ok], okc[first_ok]]
        chosen_km[okr[first_ok]] = d[okr[first_ok], okc[first_ok]]
        todo = np.setdiff1d(todo[d[todo, min(stop, k - 1)] <= limit], okr[first_ok])
    moved = (chosen >= 0) & (chosen != cand[:, 0])
    log.info("%d port(s) join a farther lane vertex: the straight join to the nearest one crossed land", moved.sum())
    # No lane vertex in a straight line over water (Honiara: the one lane within 300 km runs
    # south of Guadalcanal): the shortest path over a water grid, kept as new lane vertices.
    boxed = np.flatnonzero((chosen < 0) & (d[:, 0] <= limit))
    sea, first_cell, grid_km = _water_paths(p_lon[boxed], p_lat[boxed], allow[boxed], sea, limit)
    chosen_node = np.where(chosen >= 0, sea.main_idx[np.maximum(chosen, 0)], -1)
    via = first_cell >= 0
    chosen_node[boxed[via]] = first_cell[via]
    chosen_km[boxed[via]] = grid_km[via]
    log.info("%d port(s) join the lanes by a path over water around the land (%.1f-degree grid)", via.sum(),
             _GRID_DEG)
    chosen = chosen_node
    # A port inland up a river (coast_km >= RIVER_PORT_COAST_KM: Guangzhou, Ho Chi Minh City,
    # Bremen, Seville) reaches the sea by its river, which the land polygons cover: its
    # nearest straight join stands for the river (logged). A coastal port is left out.
    coast = ports["coast_km"].to_numpy(float) if "coast_km" in ports else np.zeros(n)
    river = (chosen < 0) & (d[:, 0] <= limit) & (coast >= RIVER_PORT_COAST_KM)
    chosen[river] = sea.main_idx[cand[river, 0]]
    chosen_km[river] = d[river, 0]
    for i in np.flatnonzero(river):
        log.info("port %s (%s, %s) %.0f km inland: its straight join to the lanes (%.0f km, %.0f km over land) "
                 "stands for its river", ports["port_id"].iat[i], ports["name"].iat[i], ports["iso3"].iat[i],
                 coast[i], d[i, 0], nearest_land[i])
    left = chosen < 0
    for i in np.flatnonzero(left):
        r = ports.iloc[i].to_dict()
        if d[i, 0] > limit:
            log.info("port %s (%s, %s) left out: %.0f km from the nearest sea lane", r["port_id"], r["name"],
                     r["iso3"], d[i, 0])
        else:
            log.info("port %s (%s, %s) left out: no lane vertex within %.0f km is reached over water (the nearest, "
                     "%.0f km away, runs %.0f km over land)", r["port_id"], r["name"], r["iso3"], limit, d[i, 0],
                     nearest_land[i])
    keep = ~left
    return ports[keep].reset_index(drop=True), chosen[keep], chosen_km[keep], sea


#: A port at least this far inland (``coast_km``) is a river port (see :func:`_snapped_ports`).
RIVER_PORT_COAST_KM = 5.0
#: Cell size (degrees) of the water grid of :func:`_water_paths`, and its reach around a port.
_GRID_DEG = 0.1
_GRID_REACH_DEG = 1.5


def _water_paths(lon: np.ndarray, lat: np.ndarray, allow: np.ndarray, sea: _Sea, limit: float):
    """Shortest paths over water from each point to the sea lanes.

    A grid of ``_GRID_DEG`` cells within ``_GRID_REACH_DEG`` of the points; a cell is water
    when its centre is on no country's land (:func:`on_land`); cells join their 8 neighbours,
    a lane vertex the water cells around it, a point the water cells around it (its own and
    the 8 next) that it reaches over no more than ``allow`` km of land. Returns the lanes with
    the used cells appended as vertices (and their edges), and per point its first cell (-1
    when no path within ``limit`` km) and the km of its straight join to that cell."""
    from scipy.sparse.csgraph import dijkstra

    first = np.full(len(lon), -1, np.int64)
    km = np.full(len(lon), np.nan)
    if not len(lon):
        return sea, first, km
    G, W = _GRID_DEG, int(round(360 / _GRID_DEG))
    H = int(round(180 / _GRID_DEG))
    r = int(np.ceil(_GRID_REACH_DEG / G))
    px = np.floor((lon + 180.0) / G).astype(np.int64)
    py = np.floor((lat + 90.0) / G).astype(np.int64)
    ox, oy = np.meshgrid(np.arange(-r, r + 1), np.arange(-r, r + 1))
    cx = (px[:, None] + ox.ravel()[None, :]) % W
    cy = np.clip(py[:, None] + oy.ravel()[None, :], 0, H - 1)
    keys = np.unique(cy.ravel() * W + cx.ravel())
    c_lon = (keys % W + 0.5) * G - 180.0
    c_lat = (keys // W + 0.5) * G - 90.0
    wet = ~on_land(c_lon, c_lat)
    keys, c_lon, c_lat = keys[wet], c_lon[wet], c_lat[wet]
    nc = len(keys)

    def lookup(kx, ky):
        k = (np.clip(ky, 0, H - 1)) * W + (kx % W)
        pos = np.minimum(np.searchsorted(keys, k), max(nc - 1, 0))
        return np.where((keys[pos] == k) & (ky >= 0) & (ky < H), pos, -1)

    kx, ky = keys % W, keys // W
    eu, ev = [], []
    for dx, dy in ((1, 0), (0, 1), (1, 1), (1, -1)):
        nb = lookup(kx + dx, ky + dy)
        ok = nb >= 0
        eu.append(np.flatnonzero(ok))
        ev.append(nb[ok])
    # lane vertices (main network) near the cells, and the points
    lane = sea.main_idx
    lx = np.floor((sea.lon[lane] + 180.0) / G).astype(np.int64)
    ly = np.floor((sea.lat[lane] + 90.0) / G).astype(np.int64)

    def around(gx, gy):
        """(row, water cell) of every water cell among the 3 x 3 cells around each (gx, gy)."""
        rows, cells = [], []
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                c = lookup(gx + dx, gy + dy)
                ok = c >= 0
                rows.append(np.flatnonzero(ok))
                cells.append(c[ok])
        return np.concatenate(rows), np.concatenate(cells)

    lane_rows, lane_cells = around(lx, ly)
    used_lane = np.unique(lane_rows)
    lane_local = np.full(len(lane), -1, np.int64)
    lane_local[used_lane] = nc + np.arange(len(used_lane))
    pt_rows, pt_cells = around(px, py)
    # a point joins a cell around it only over no more land than it may cross (its ``allow``)
    land, _, _ = land_km(lon[pt_rows], lat[pt_rows], c_lon[pt_cells], c_lat[pt_cells])
    keep = land <= allow[pt_rows]
    pt_rows, pt_cells = pt_rows[keep], pt_cells[keep]
    n_all = nc + len(used_lane) + len(lon)
    pt_node = nc + len(used_lane) + np.arange(len(lon))
    node_lon = np.concatenate([c_lon, sea.lon[lane[used_lane]], lon])
    node_lat = np.concatenate([c_lat, sea.lat[lane[used_lane]], lat])
    u = np.concatenate([*eu, lane_local[lane_rows]])
    v = np.concatenate([*ev, lane_cells])
    w = np.maximum(geodesic_km(node_lon[u], node_lat[u], node_lon[v], node_lat[v]), 1e-6)
    w_pt = np.maximum(geodesic_km(node_lon[pt_cells], node_lat[pt_cells], lon[pt_rows], lat[pt_rows]), 1e-6)
    # both ways between cells and lane vertices; into a point only (no path runs through a port)
    A = sp.csr_array((np.concatenate([w, w, w_pt]), (np.concatenate([u, v, pt_cells]),
                                                     np.concatenate([v, u, pt_node[pt_rows]]))), shape=(n_all, n_all))
    if not len(used_lane):
        return sea, first, km
    dist, pred, src = dijkstra(A, directed=True, indices=nc + np.arange(len(used_lane)), min_only=True,
                               return_predecessors=True, limit=limit)
    new_index: dict[int, int] = {}
    add_lon, add_lat = [], []
    n_sea = len(sea.lon)

    def sea_node(c: int) -> int:  # a grid cell as a new lane vertex, or a lane vertex's own index
        if c >= nc:
            return int(lane[used_lane[c - nc]])
        if c not in new_index:
            new_index[c] = n_sea + len(add_lon)
            add_lon.append(float(c_lon[c]))
            add_lat.append(float(c_lat[c]))
        return new_index[c]

    edges = set()
    for i in range(len(lon)):
        node = int(pt_node[i])
        if not np.isfinite(dist[node]):
            continue
        path = []
        at = int(pred[node])
        while at >= 0:
            path.append(at)
            at = int(pred[at])
        if len(path) < 2:
            continue
        nodes = [sea_node(c) for c in path]
        first[i] = nodes[0]
        km[i] = float(dist[node])
        for a, b in zip(nodes[:-1], nodes[1:]):
            edges.add((min(a, b), max(a, b)))
    if not add_lon:
        return sea, first, km
    e = np.asarray(sorted(edges), np.int64).reshape(-1, 2)
    lon_all = np.concatenate([sea.lon, add_lon])
    lat_all = np.concatenate([sea.lat, add_lat])
    e_km = geodesic_km(lon_all[e[:, 0]], lat_all[e[:, 0]], lon_all[e[:, 1]], lat_all[e[:, 1]])
    # the port's snap km is its straight join to the first cell (the rest are lane edges)
    sea = replace(sea, lon=lon_all, lat=lat_all, u=np.concatenate([sea.u, e[:, 0]]),
                  v=np.concatenate([sea.v, e[:, 1]]), km=np.concatenate([sea.km, e_km]))
    ok = first >= 0
    km[ok] = geodesic_km(lon[ok], lat[ok], lon_all[first[ok]], lat_all[first[ok]])
    return sea, first, km


#: Lane vertices tried per port (nearest first), and how many are land-tested at a time.
_SNAP_CANDIDATES = 32
_SNAP_BATCH = 8


def _virtual_ports(roads: dict, r_country, with_road: set, with_port: set, o_codes, o_lon, o_lat, sea: _Sea):
    """Countries with no port and no road crossing to a neighbour get a virtual port at the
    lane vertex nearest their origin, so they are not cut off: (codes, lane vertex, km)."""
    ru, rv = roads["edge_u"].astype(np.int64), roads["edge_v"].astype(np.int64)
    border = r_country[ru] != r_country[rv]
    crossing = set(r_country[ru[border]]) | set(r_country[rv[border]])
    r_tree = cKDTree(_unit_vectors(roads["node_lon"], roads["node_lat"]))
    _, near_road = r_tree.query(_unit_vectors(o_lon, o_lat))
    near_km = geodesic_km(o_lon, o_lat, roads["node_lon"][near_road], roads["node_lat"][near_road])
    enclave = {c for c, km in zip(o_codes, near_km) if c not in with_road and km <= DEFAULT_MAX_JOIN_KM}
    virtual = [c for c in o_codes if c not in with_port and c not in crossing and c not in enclave]
    v_idx = np.asarray([int(np.flatnonzero(o_codes == c)[0]) for c in virtual], np.int64)
    v_local, v_km = _nearest(sea.tree, sea.lon[sea.main_idx], sea.lat[sea.main_idx], o_lon[v_idx], o_lat[v_idx])
    for c, km in zip(virtual, v_km):
        log.info("%s has no port and no road across a border: virtual port at the nearest lane vertex (%.0f km)",
                 c, km)
    return virtual, sea.main_idx[v_local], v_km


def _base_graph(settings, countries, sea: _Sea, ports, snap_node, snap_km, roads, r_country, with_road, o_codes,
                o_lon, o_lat, virtual, v_idx, v_snap, v_km) -> TransportGraph:
    """Nodes (sea, ports, roads, origins, in that order) and the sea and road edges."""
    n_sea, n_road = len(sea.lon), len(r_country)
    ru, rv = roads["edge_u"].astype(np.int64), roads["edge_v"].astype(np.int64)
    n_ports = len(ports) + len(virtual)
    port_lon = np.concatenate([ports["lon"].to_numpy(float), o_lon[v_idx]])
    port_lat = np.concatenate([ports["lat"].to_numpy(float), o_lat[v_idx]])
    port_country = np.concatenate([ports["iso3"].to_numpy(object), np.asarray(virtual, dtype=object)])
    port_label = np.concatenate([ports["port_id"].to_numpy(object),
                                 np.asarray([f"virtual:{c}" for c in virtual], dtype=object)])
    port_snap_node = np.concatenate([snap_node, v_snap])
    port_snap_km = np.concatenate([snap_km, v_km])
    port_ids = np.arange(n_sea, n_sea + n_ports)
    road_ids = np.arange(n_sea + n_ports, n_sea + n_ports + n_road)
    o_ids = np.arange(n_sea + n_ports + n_road, n_sea + n_ports + n_road + len(o_codes))
    sea_country = np.full(n_sea, "", dtype=object)
    if settings["sea_passage_is_transit"]:
        sea_country = _territorial_owner(countries, sea.lon, sea.lat)
    n_lane = len(sea.u) + n_ports
    return TransportGraph(
        node_lon=np.concatenate([sea.lon, port_lon, ((roads["node_lon"] + 180.0) % 360.0) - 180.0, o_lon]),
        node_lat=np.concatenate([sea.lat, port_lat, roads["node_lat"], o_lat]),
        node_kind=np.concatenate([np.full(n_sea, KIND_SEA, np.int8), np.full(n_ports, KIND_PORT, np.int8),
                                  np.full(n_road, KIND_ROAD, np.int8), np.full(len(o_codes), KIND_ORIGIN, np.int8)]),
        node_country=np.concatenate([sea_country, port_country, r_country, o_codes]),
        node_label=np.concatenate([np.full(n_sea, "", dtype=object), port_label,
                                   np.full(n_road, "", dtype=object), o_codes]),
        edge_u=np.concatenate([sea.u, port_ids, road_ids[ru]]).astype(np.int64),
        edge_v=np.concatenate([sea.v, port_snap_node, road_ids[rv]]).astype(np.int64),
        edge_km=np.concatenate([sea.km, port_snap_km, roads["edge_km"].astype(float)]),
        edge_mode=np.concatenate([np.full(n_lane, SEA, np.int8), np.full(len(ru), ROAD, np.int8)]),
        edge_geom=np.concatenate([np.full(n_lane, -1, np.int64), np.arange(len(ru), dtype=np.int64)]),
        origin_node=dict(zip(o_codes.tolist(), o_ids.tolist())),
        port_snap_km=dict(zip(port_ids.tolist(), port_snap_km.tolist())),
        settings={**settings, "virtual_ports": virtual, "roadless": sorted(set(o_codes) - with_road)},
    )


def _without_closed_borders(graph: TransportGraph) -> TransportGraph:
    """``graph`` without the road edges across a border closed to through freight
    (:func:`~hgmap.network.base.closed_borders`); each pair cut is logged."""
    st = graph.node_state()
    a, b = st[graph.edge_u], st[graph.edge_v]
    cross = (graph.edge_mode == ROAD) & (a != b)
    closed = closed_borders()
    drop = np.zeros(graph.n_edges, bool)
    cut: dict[frozenset, int] = dict.fromkeys(closed, 0)
    for i in np.flatnonzero(cross).tolist():
        pair = frozenset((a[i], b[i]))
        if pair in cut:
            drop[i] = True
            cut[pair] += 1
    for pair in sorted(tuple(sorted(p)) for p in closed):
        log.info("closed border %s-%s: %d road edge(s) left out (data/closed_borders.csv)", *pair,
                 cut[frozenset(pair)])
    keep = ~drop
    return replace(graph, edge_u=graph.edge_u[keep], edge_v=graph.edge_v[keep], edge_km=graph.edge_km[keep],
                   edge_mode=graph.edge_mode[keep], edge_geom=graph.edge_geom[keep], _csrs={})


#: How far a road link's end may lie from the road node it joins (Armenia's is 45.5 km).
_MAX_LINK_SNAP_KM = 60.0


def _with_road_links(graph: TransportGraph, circuity: float) -> TransportGraph:
    """``graph`` with the crossings of :func:`~hgmap.network.base.road_links`: a road edge
    between the road nodes of the two States nearest the crossing's two sides, its length
    the straight line x ``circuity`` (an estimate, drawn as a straight segment)."""
    links = road_links()
    if not links:
        return graph
    st = graph.node_state()
    road = graph.node_kind == KIND_ROAD
    eu, ev, ekm = [], [], []
    for link in links:
        ends = []
        for side in ("a", "b"):
            iso3 = link[f"state_{side}"]
            cand = np.flatnonzero(road & (st == iso3))
            km = geodesic_km(np.full(len(cand), link[f"lon_{side}"]), np.full(len(cand), link[f"lat_{side}"]),
                             graph.node_lon[cand], graph.node_lat[cand])
            # A road node this far from the crossing means a typo or a State without roads.
            if not len(cand) or km.min() > _MAX_LINK_SNAP_KM:
                raise DataError(f"data/road_links.csv line {link['line']}: state_{side} {iso3} has no road node "
                                f"within {_MAX_LINK_SNAP_KM:.0f} km of lon_{side}/lat_{side}")
            ends.append(int(cand[np.argmin(km)]))
        a, b = ends
        km = float(geodesic_km(graph.node_lon[a], graph.node_lat[a], graph.node_lon[b], graph.node_lat[b])) * circuity
        log.info("road link %s: %.0f km estimate between the nearest road nodes (data/road_links.csv)",
                 link["link_id"], km)
        eu.append(a)
        ev.append(b)
        ekm.append(km)
    return replace(graph, edge_u=np.concatenate([graph.edge_u, eu]).astype(np.int64),
                   edge_v=np.concatenate([graph.edge_v, ev]).astype(np.int64),
                   edge_km=np.concatenate([graph.edge_km, ekm]),
                   edge_mode=np.concatenate([graph.edge_mode, np.full(len(eu), ROAD, np.int8)]),
                   edge_geom=np.concatenate([graph.edge_geom, np.full(len(eu), -1, np.int64)]), _csrs={})


def _with_access(graph: TransportGraph, eu, ev, ekm, **fields) -> TransportGraph:
    """``graph`` with access edges ``eu -> ev`` (km ``ekm``) appended."""
    return replace(graph, edge_u=np.concatenate([graph.edge_u, eu]).astype(np.int64),
                   edge_v=np.concatenate([graph.edge_v, ev]).astype(np.int64),
                   edge_km=np.concatenate([graph.edge_km, ekm]),
                   edge_mode=np.concatenate([graph.edge_mode, np.full(len(eu), ACCESS, np.int8)]),
                   edge_geom=np.concatenate([graph.edge_geom, np.full(len(eu), -1, np.int64)]), _csrs={}, **fields)


def _join_ports(graph: TransportGraph, n_real: int, max_join_km: float) -> tuple[TransportGraph, dict[int, float]]:
    """Real ports join the nearest road node of their country (within ``max_join_km``)."""
    real = np.flatnonzero(graph.node_kind == KIND_PORT)[:n_real]
    pj = graph.attach_points(graph.node_lon[real], graph.node_lat[real], graph.node_country[real],
                             max_join_km=max_join_km, ports=False)
    eu, ev, ekm = [], [], []
    join_km: dict[int, float] = {}
    for node, js in zip(real, pj):
        for t, km in js:
            if graph.node_kind[t] == KIND_ROAD:
                eu.append(int(node))
                ev.append(t)
                ekm.append(km)
                join_km[int(node)] = km
    return _with_access(graph, eu, ev, ekm), join_km


def _join_origins(graph: TransportGraph, origins: pd.DataFrame, o_codes, o_lon, o_lat, virtual: list[str],
                  n_real: int, with_road: set, join_km: dict[int, float]) -> TransportGraph:
    """Origins join their country's road network (or its ports, road-less); a country with
    a virtual port reaches it by the straight-line estimate."""
    port_ids = np.flatnonzero(graph.node_kind == KIND_PORT)
    o_ids = [graph.origin_node[c] for c in o_codes]
    oj = graph.attach_points(o_lon, o_lat, o_codes)
    info = {}
    eu, ev, ekm = [], [], []
    for c, node, js, lo, la, nm, basis in zip(o_codes, o_ids, oj, o_lon, o_lat, origins.loc[o_codes, "name"],
                                              origins.loc[o_codes, "basis"]):
        if c in virtual:
            p = int(port_ids[n_real + virtual.index(c)])
            js = [*js, (p, 0.0)]
        for t, km in js:
            eu.append(int(node))
            ev.append(t)
            ekm.append(km)
        roads_j = [km for t, km in js if graph.node_kind[t] == KIND_ROAD]
        if roads_j:
            join_km[int(node)] = min(roads_j)
        info[c] = {"name": nm, "basis": basis, "lon": float(lo), "lat": float(la),
                   "roadless": c not in with_road, "joined": bool(js)}
        if not js:
            log.info("origin of %s (%s) joins no road node within %.0f km and no port within %.0f km: "
                     "unreachable", c, nm, DEFAULT_MAX_JOIN_KM, ROADLESS_PORT_KM)
    return _with_access(graph, eu, ev, ekm, join_km=join_km, origin_info=info)


def _save(graph: TransportGraph, path: Path) -> None:
    meta = {"origin_node": graph.origin_node, "settings": graph.settings,
            "port_snap_km": {str(k): v for k, v in graph.port_snap_km.items()},
            "join_km": {str(k): v for k, v in graph.join_km.items()}, "origin_info": graph.origin_info}
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez(fh, node_lon=graph.node_lon, node_lat=graph.node_lat, node_kind=graph.node_kind,
                     node_country=graph.node_country.astype(str), node_label=graph.node_label.astype(str),
                     edge_u=graph.edge_u, edge_v=graph.edge_v, edge_km=graph.edge_km, edge_mode=graph.edge_mode,
                     edge_geom=graph.edge_geom, meta=np.asarray(json.dumps(meta)),
                     # The sea edges over land (TransportGraph.lanes_over_land): 1-2 s of
                     # polygon tests that every process reading transit States would redo.
                     **_lane_arrays(graph))


def _lane_arrays(graph: TransportGraph) -> dict[str, np.ndarray]:
    eid, iso3, km, vertex = graph.lanes_over_land()
    return dict(zip(_LANE_KEYS, (eid, iso3.astype(str), km, vertex)))  # str: no pickles in the cache


_LANE_KEYS = ("lanes_eid", "lanes_iso3", "lanes_km", "lanes_vertex")


def _load(path: Path) -> TransportGraph:
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        graph = TransportGraph(
            node_lon=z["node_lon"], node_lat=z["node_lat"], node_kind=z["node_kind"],
            node_country=z["node_country"].astype(object), node_label=z["node_label"].astype(object),
            edge_u=z["edge_u"], edge_v=z["edge_v"], edge_km=z["edge_km"], edge_mode=z["edge_mode"],
            edge_geom=z["edge_geom"], origin_node=meta["origin_node"], settings=meta["settings"],
            port_snap_km={int(k): v for k, v in meta["port_snap_km"].items()},
            join_km={int(k): v for k, v in meta["join_km"].items()}, origin_info=meta["origin_info"],
        )
        if all(k in z for k in _LANE_KEYS):
            eid, iso3, km, vertex = (z[k] for k in _LANE_KEYS)
            graph.keep_lanes_over_land(eid, iso3.astype(object), km, vertex)
        return graph


_MEMO: dict[str, TransportGraph] = {}


def build_graph(
    *,
    circuity: float = DEFAULT_CIRCUITY,
    restrictions: tuple[str, ...] = DEFAULT_RESTRICTIONS,
    sea_passage_is_transit: bool = False,
    max_snap_km: float = DEFAULT_MAX_SNAP_KM,
    max_join_km: float = DEFAULT_MAX_JOIN_KM,
    cache: bool = True,
) -> TransportGraph:
    """Build (or load from the cache) the base transport graph, without facilities.

    Parameters
    ----------
    circuity
        Multiplier on the straight-line estimates: the origin -> port legs of road-less
        countries and the border crossings of ``data/road_links.csv``.
    restrictions
        Passage names whose lanes are left out: searoute's tags (``northwest``, ``suez``,
        ``panama``, ...) and :data:`~hgmap.network.base.UNTAGGED_PASSAGES` (``volga_don``).
        Default: the Northwest Passage and the Volga-Don waterway.
    sea_passage_is_transit
        If True, lane vertices within 12 nm of a coast count as that state's territory.
        Default False: passage at sea is not transit (Basel Art 4(12)).
    max_snap_km
        Ports farther than this from the sea lanes are left out (logged).
    max_join_km
        Ports farther than this from every road node of their country join no road.
    cache
        Read and write the on-disk cache in :func:`cache_dir`.
    """
    if not circuity >= 1.0:
        raise ValueError(f"circuity must be >= 1, got {circuity}")
    settings = {"circuity": float(circuity), "restrictions": sorted(restrictions),
                "sea_passage_is_transit": bool(sea_passage_is_transit), "max_snap_km": float(max_snap_km),
                "max_join_km": float(max_join_km)}
    key = _inputs_digest(settings)
    if key in _MEMO:
        return _MEMO[key]
    path = cache_dir() / f"graph-{key}.npz"
    graph = None
    if cache and path.exists():
        try:
            graph = _load(path)
        except Exception as exc:  # a corrupt cache is rebuilt, not fatal
            log.warning("graph cache %s unreadable (%s); rebuilding", path, exc)
    if graph is None:
        graph = _build(settings)
        if cache:
            try:
                _save(graph, path)
            except OSError as exc:
                log.warning("cannot write graph cache %s: %s", path, exc)
    _MEMO[key] = graph
    return graph


def port_table(graph: TransportGraph) -> pd.DataFrame:
    """Ports of the graph with their snap distance to the sea lanes and road join (km)."""
    idx = np.flatnonzero(graph.node_kind == KIND_PORT)
    return pd.DataFrame({
        "port_id": graph.node_label[idx], "iso3": graph.node_country[idx],
        "lon": graph.node_lon[idx], "lat": graph.node_lat[idx],
        "snap_km": [graph.port_snap_km[int(i)] for i in idx],
        "road_join_km": [graph.join_km.get(int(i), np.nan) for i in idx],
    })
