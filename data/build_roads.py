"""Build ``data/roads.npz``: the world highway network, contracted, with a country per node.

Input: the ``world_highways`` geograph of the PyPI package ``scgraph_data==2.0.0`` (MIT;
derived from OpenStreetMap, data (c) OpenStreetMap contributors, ODbL 1.0). The package
stores it as a 36 MB Python literal (``graph`` = one ``{neighbour: km}`` dict per node,
``nodes`` = ``[lat, lon]`` per node) and needs ``scgraph<3`` to import, so it is read here
as text, never imported, and is not a runtime dependency::

    pip download --no-deps scgraph_data==2.0.0 -d /tmp/scg
    python data/build_roads.py /tmp/scg/scgraph_data-2.0.0-py3-none-any.whl

What the build does:

1. parses the 560,282 nodes and 1,652,213 arcs (made symmetric; duplicate arcs once);
2. gives every node the country (``data/countries.gpkg``) whose polygon contains it, or the
   nearest polygon within ``--coast-km`` (nodes on a coastline the 1:10m polygons cut
   off); farther nodes (none expected on land) are dropped and counted;
3. measures every original segment on the WGS84 ellipsoid (``pyproj.Geod``);
4. contracts chains of degree-2 nodes that stay in one country into single edges, keeping
   as kept nodes every junction, dead end and node next to a border, so every edge lies in
   one country or crosses exactly one border; an edge's length is the sum of its segments
   and its intermediate points are kept (3-decimal degrees, as in the source) so maps can
   draw the road as driven.

Output arrays (``numpy.savez_compressed``): ``node_lon``, ``node_lat`` (float64 degrees),
``node_country`` (index into ``countries``), ``edge_u``, ``edge_v`` (int32), ``edge_km``
(float32), ``geom_offsets`` (int64, edge i's intermediate points are
``geom_lonlat_e3[geom_offsets[i]:geom_offsets[i+1]]``), ``geom_lonlat_e3`` (int32,
degrees x 1000), ``countries`` (ISO3 codes), ``meta`` (JSON: source, counts, build date).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SOURCE = "scgraph_data==2.0.0 world_highways (https://pypi.org/project/scgraph-data/2.0.0/)"
LICENCE = "scgraph_data: MIT; data (c) OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)"


def _read_source(path: Path) -> str:
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as z:
            return z.read("scgraph_data/world_highways.py").decode()
    return path.read_text()


def parse(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Node lon/lat and arc (u, v) arrays from the geograph's Python literal."""
    g0 = text.index("graph=[") + len("graph=[")
    n0 = text.index("\nnodes=")
    gtext = text[g0:n0].rstrip()
    assert gtext.endswith("]")
    gtext = gtext[:-1]
    ntext = text[n0 + len("\nnodes="):text.index("\nworld_highways_geograph")]
    latlon = np.asarray(json.loads(ntext), dtype=float)
    rows = gtext.strip()[1:-1].split("}, {")
    counts = np.fromiter((r.count(":") if r.strip() else 0 for r in rows), np.int64, len(rows))
    flat = np.asarray(re.sub(r"[:,{}]", " ", gtext).split(), dtype=float)
    pairs = flat.reshape(-1, 2)
    if len(rows) != len(latlon) or counts.sum() != len(pairs):
        raise SystemExit(f"unexpected layout: {len(rows)} rows, {len(latlon)} nodes, {len(pairs)} arcs")
    u = np.repeat(np.arange(len(rows)), counts)
    v = pairs[:, 0].astype(np.int64)
    return latlon[:, 1].copy(), latlon[:, 0].copy(), u, v


def assign_countries(lon, lat, coast_km: float):
    import geopandas as gpd
    import shapely

    countries = gpd.read_file(HERE / "countries.gpkg", layer="countries")
    codes = countries["iso3"].to_numpy(object)
    geoms = countries.geometry.values
    tree = shapely.STRtree(geoms)
    pts = shapely.points(lon, lat)
    owner = np.full(len(lon), -1, np.int64)
    pi, gi = tree.query(pts, predicate="intersects")
    owner[pi] = gi  # a point on a shared border gets one of the two; both are neighbours
    rest = np.flatnonzero(owner < 0)
    if len(rest):
        # Nearest polygon within coast_km (in degrees, generous: the check below is geodesic).
        pi2, gi2 = tree.query_nearest(pts[rest], max_distance=coast_km / 111.0 * 3, return_distance=False)
        cand = rest[pi2]
        nearest_pts = shapely.shortest_line(pts[cand], geoms[gi2])
        xy = shapely.get_coordinates(nearest_pts).reshape(-1, 2, 2)
        from pyproj import Geod

        d = Geod(ellps="WGS84").inv(xy[:, 0, 0], xy[:, 0, 1], xy[:, 1, 0], xy[:, 1, 1])[2] / 1000.0
        ok = d <= coast_km
        owner[cand[ok]] = gi2[ok]
    return owner, codes


def contract(n: int, u: np.ndarray, v: np.ndarray, country: np.ndarray, lon, lat):
    import scipy.sparse as sp
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    A = sp.coo_array((np.ones(len(u)), (u, v)), shape=(n, n)).tocsr()
    A = ((A + A.T) > 0).astype(np.int8).tocsr()
    A.setdiag(0)
    A.eliminate_zeros()
    indptr, indices = A.indptr, A.indices
    deg = np.diff(indptr)
    src = np.repeat(np.arange(n), deg)
    border = np.zeros(n, bool)
    cross = country[src] != country[indices]
    border[src[cross]] = True
    keep = (deg != 2) | border
    # Segment lengths (km) in CSR order.
    seg_km = geod.inv(lon[src], lat[src], lon[indices], lat[indices])[2] / 1000.0
    visited_edge = np.zeros(len(indices), bool)
    out_u, out_v, out_km, geom = [], [], [], []

    def edge_pos(a: int, b: int) -> int:
        row = indices[indptr[a]:indptr[a + 1]]
        return indptr[a] + int(np.flatnonzero(row == b)[0])

    def walk(start: int, pos: int) -> None:
        km = 0.0
        inner: list[int] = []
        prev, cur = start, int(indices[pos])
        visited_edge[pos] = True
        visited_edge[edge_pos(cur, prev)] = True
        km += seg_km[pos]
        while not keep[cur]:
            inner.append(cur)
            a, b = indptr[cur], indptr[cur + 1]
            nxt_pos = a if indices[a] != prev else a + 1
            nxt = int(indices[nxt_pos])
            visited_edge[nxt_pos] = True
            visited_edge[edge_pos(nxt, cur)] = True
            km += seg_km[nxt_pos]
            prev, cur = cur, nxt
        if cur == start and not inner:
            return
        out_u.append(start)
        out_v.append(cur)
        out_km.append(km)
        geom.append(inner)

    for a in np.flatnonzero(keep):
        for pos in range(indptr[a], indptr[a + 1]):
            if not visited_edge[pos]:
                walk(int(a), pos)
    # Loops made only of degree-2 nodes (no kept node): keep one node of each.
    loops = 0
    while True:
        left = np.flatnonzero(~visited_edge)
        if not len(left):
            break
        a = int(src[left[0]])
        keep[a] = True
        loops += 1
        for pos in range(indptr[a], indptr[a + 1]):
            if not visited_edge[pos]:
                walk(a, pos)
    return keep, np.asarray(out_u), np.asarray(out_v), np.asarray(out_km), geom, loops


def _protected(lon, lat) -> np.ndarray:
    """Road nodes nearest to the shipped ports, facilities and default origins (never pruned)."""
    import csv

    from scipy.spatial import cKDTree

    pts = []
    for name, lon_f, lat_f in (("ports.csv", "lon", "lat"), ("facilities.csv", "lon", "lat"),
                               ("origins.csv", "lon", "lat")):
        path = HERE / name
        if not path.exists():
            continue
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                try:
                    pts.append((float(row[lon_f]), float(row[lat_f])))
                except (KeyError, ValueError):
                    continue
    if not pts:
        return np.zeros(len(lon), bool)
    xyz = _unit(lon, lat)
    tree = cKDTree(xyz)
    q = np.asarray(pts)
    _, idx = tree.query(_unit(q[:, 0], q[:, 1]), k=4)
    out = np.zeros(len(lon), bool)
    out[np.unique(idx.ravel())] = True
    return out


def _unit(lon, lat):
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def prune_spurs(n, u, v, km, protected, max_km: float):
    """Remove dead-end spurs shorter than ``max_km`` (a village lane adds nodes, not routes).

    Leaves are stripped one node per round, accumulating the spur's length on the node it
    hangs from; a spur reaching a protected node (the road node nearest a port, facility or
    origin) stays, and no component is removed entirely (its last node stays).
    """
    alive_e = np.ones(len(u), bool)
    alive_n = np.ones(n, bool)
    spur = np.zeros(n)
    rounds = 0
    while True:
        eu, ev, ek = u[alive_e], v[alive_e], km[alive_e]
        deg = np.bincount(eu, minlength=n) + np.bincount(ev, minlength=n)
        leaf_u = (deg[eu] == 1) & ~protected[eu] & (spur[eu] + ek < max_km)
        leaf_v = (deg[ev] == 1) & ~protected[ev] & (spur[ev] + ek < max_km)
        both = leaf_u & leaf_v
        leaf_u &= ~(both & (eu < ev))  # an isolated edge loses one end, not both
        leaf_v &= ~(both & (ev < eu))
        if not (leaf_u.any() or leaf_v.any()):
            break
        idx = np.flatnonzero(alive_e)
        gone = leaf_u | leaf_v
        np.maximum.at(spur, ev[leaf_u], spur[eu[leaf_u]] + ek[leaf_u])
        np.maximum.at(spur, eu[leaf_v], spur[ev[leaf_v]] + ek[leaf_v])
        alive_n[eu[leaf_u]] = False
        alive_n[ev[leaf_v]] = False
        alive_e[idx[gone]] = False
        rounds += 1
    return alive_n, alive_e, rounds


def bridge_gaps(lon, lat, eu, ev, country, *, max_km: float, max_nodes: int):
    """Join each small road component to the nearest node of another component when it is
    within ``max_km`` (the extract misses short links: Andorra's roads stop short of the
    French and Spanish ones). Returns the new edges and their lengths (straight line x 1.3,
    the circuity of ``hgmap.network.DEFAULT_CIRCUITY``)."""
    import scipy.sparse as sp
    from pyproj import Geod
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    n = len(lon)
    A = sp.coo_array((np.ones(len(eu)), (eu, ev)), shape=(n, n))
    _, lab = connected_components(A, directed=False)
    sizes = np.bincount(lab)
    xyz = _unit(lon, lat)
    tree = cKDTree(xyz)
    order = np.argsort(lab, kind="stable")
    bounds = np.searchsorted(lab[order], np.arange(len(sizes) + 1))
    geod = Geod(ellps="WGS84")
    chord = 2 * np.sin(max_km / 6371.0 / 2)
    bu, bv, bkm = [], [], []
    for comp in np.flatnonzero(sizes <= max_nodes):
        nodes = order[bounds[comp]:bounds[comp + 1]]
        d, j = tree.query(xyz[nodes], k=min(48, n), distance_upper_bound=chord)
        ok = (j < n)
        ok[ok] &= lab[j[ok]] != comp
        if not ok.any():
            continue
        dd = np.where(ok, d, np.inf)
        r, c = np.unravel_index(np.argmin(dd), dd.shape)
        a, b = int(nodes[r]), int(j[r, c])
        km = geod.inv(lon[a], lat[a], lon[b], lat[b])[2] / 1000.0
        if km <= max_km:
            bu.append(a)
            bv.append(b)
            bkm.append(km * 1.3)
    return np.asarray(bu, np.int64), np.asarray(bv, np.int64), np.asarray(bkm, float)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("source", type=Path, help="scgraph_data-2.0.0 wheel, or its world_highways.py")
    ap.add_argument("--out", type=Path, default=HERE / "roads.npz")
    ap.add_argument("--spur-km", type=float, default=50.0, help="dead-end spurs shorter than this are pruned")
    ap.add_argument("--bridge-km", type=float, default=5.0, help="largest gap bridged between road components")
    ap.add_argument("--bridge-nodes", type=int, default=5000, help="only components this small are bridged")
    ap.add_argument("--coast-km", type=float, default=25.0,
                    help="nodes outside every polygon join the nearest one within this distance")
    args = ap.parse_args()
    t0 = time.perf_counter()
    raw = _read_source(args.source)
    sha = hashlib.sha256(raw.encode()).hexdigest()
    lon, lat, u, v = parse(raw)
    del raw
    n = len(lon)
    print(f"parsed {n:,} nodes, {len(u):,} arcs in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    owner, codes = assign_countries(lon, lat, args.coast_km)
    dropped = int((owner < 0).sum())
    print(f"countries assigned; {dropped:,} nodes farther than {args.coast_km} km from any country dropped "
          f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    # Drop nodes without a country (and their arcs); unique undirected segments.
    alive = owner >= 0
    m = alive[u] & alive[v] & (u != v)
    a, b = np.minimum(u[m], v[m]), np.maximum(u[m], v[m])
    key = np.unique(a.astype(np.int64) * len(lon) + b)
    a, b = key // len(lon), key % len(lon)
    from pyproj import Geod

    seg = Geod(ellps="WGS84").inv(lon[a], lat[a], lon[b], lat[b])[2] / 1000.0
    keep_n, keep_e, rounds = prune_spurs(len(lon), a, b, seg, _protected(lon, lat), args.spur_km)
    alive &= keep_n
    print(f"pruned {int((~keep_n).sum()):,} spur nodes shorter than {args.spur_km} km in {rounds} rounds "
          f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    new_id = np.cumsum(alive) - 1
    u, v = new_id[a[keep_e]], new_id[b[keep_e]]
    lon, lat, owner = lon[alive], lat[alive], owner[alive]
    n = len(lon)
    keep, eu, ev, ekm, geom, loops = contract(n, u, v, owner, lon, lat)
    kidx = np.flatnonzero(keep)
    kmap = np.full(len(keep), -1, np.int64)
    kmap[kidx] = np.arange(len(kidx))
    bu, bv, bkm = bridge_gaps(lon[kidx], lat[kidx], kmap[eu], kmap[ev], owner[kidx], max_km=args.bridge_km,
                              max_nodes=args.bridge_nodes)
    bu, bv = kidx[bu], kidx[bv]
    print(f"bridged {len(bu)} gaps of at most {args.bridge_km} km (components of <= {args.bridge_nodes} nodes)",
          file=sys.stderr)
    for a, b, k in zip(bu, bv, bkm):
        if codes[owner[a]] != codes[owner[b]] or codes[owner[a]] in ("AND", "LIE", "MCO", "SMR"):
            print(f"  bridge {codes[owner[a]]}-{codes[owner[b]]} {k:.1f} km at {lon[a]:.3f},{lat[a]:.3f}",
                  file=sys.stderr)
    n_contracted = len(eu)
    eu = np.concatenate([eu, bu])
    ev = np.concatenate([ev, bv])
    ekm = np.concatenate([ekm, bkm])
    geom = [*geom, *([[]] * len(bu))]
    kept = np.flatnonzero(keep)
    remap = np.full(n, -1, np.int64)
    remap[kept] = np.arange(len(kept))
    offsets = np.zeros(len(geom) + 1, np.int64)
    offsets[1:] = np.cumsum([len(g) for g in geom])
    inner = np.fromiter((i for g in geom for i in g), np.int64, int(offsets[-1]))
    lonlat = np.round(np.column_stack([lon[inner], lat[inner]]) * 1000).astype(np.int32)
    used_codes = codes
    meta = {
        "source": SOURCE, "source_sha256": sha, "licence": LICENCE,
        "built": dt.date.today().isoformat(), "source_nodes": int(len(alive)), "dropped_nodes": dropped,
        "nodes": int(len(kept)), "edges": int(len(eu)), "degree2_loops": loops, "coast_km": args.coast_km,
        "spur_km": args.spur_km, "bridges": int(len(bu)), "bridge_km": args.bridge_km, "pruned_nodes": int((~keep_n).sum()),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as fh:
        np.savez_compressed(
            fh, node_lon=lon[kept], node_lat=lat[kept], node_country=owner[kept].astype(np.int16),
            edge_u=remap[eu].astype(np.int32), edge_v=remap[ev].astype(np.int32), edge_km=ekm.astype(np.float32),
            geom_offsets=offsets, geom_lonlat_e3=lonlat,
            edge_bridge=np.arange(len(eu)) >= n_contracted, countries=np.asarray(used_codes, dtype=str),
            meta=np.asarray(json.dumps(meta)))
    print(json.dumps(meta), file=sys.stderr)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
