"""The multimodal transport graph: sea lanes, ports, land links and facility access.

Nodes are sea-lane vertices (searoute's Marnet), ports, one *origin* node per country
(its representative point) and, once attached, facilities. Edges carry a length in km
on the WGS84 ellipsoid (``pyproj.Geod``) and a mode:

``sea``
    Marnet lanes, and each port's approach leg to its nearest lane vertex (the snap
    distance). Passage at sea is not transit (Basel Art 4(12)) unless
    ``sea_passage_is_transit=True``, in which case lane vertices within 12 nautical
    miles of a country's coast belong to that country's territorial sea.
``land``
    Between the origins of neighbouring countries (shared border from the polygons):
    geodesic distance between representative points x ``circuity``.
``access``
    A country's origin to each of its ports, and a facility to its country's origin
    and ports: geodesic distance x ``circuity``.

Every node knows the country whose territory it is in, so every route knows its
transit states: the countries of the nodes it passes through, other than the origin
and the destination. The base graph (without facilities) is cached on disk and
rebuilt when its inputs or settings change.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.metadata import version as _pkg_version
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely
from pyproj import Geod
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree
from shapely.geometry import LineString, MultiLineString

from .geo import split_antimeridian
from ._io import atomic_path, data_path
from .countries import load_countries
from .ports import load_ports

__all__ = [
    "TransportGraph",
    "build_graph",
    "cache_dir",
    "split_antimeridian",
    "geodesic_km",
    "DEFAULT_CIRCUITY",
    "DEFAULT_MAX_SNAP_KM",
    "port_table",
    "SEA",
    "LAND",
    "ACCESS",
    "MODES",
]

log = logging.getLogger(__name__)

GEOD = Geod(ellps="WGS84")

#: Road-distance / great-circle ratio applied to land and access legs. Ballou,
#: Rahardja & Sakai (2002, Transportation Research Part A 36(9)) measured national
#: circuity factors of about 1.1-1.4; 1.3 is a middle value. A documented assumption.
DEFAULT_CIRCUITY = 1.3
#: Territorial sea breadth (UNCLOS Art 3): 12 nautical miles.
TERRITORIAL_SEA_KM = 12 * 1.852
#: Ports farther than this from any sea lane are left out (UN/LOCODE lists inland
#: places such as Denver or Lhasa as ports; a 1,000 km "approach leg" would be
#: fiction). Palau's Malakal, the farthest real SIDS port, snaps at ~210 km.
DEFAULT_MAX_SNAP_KM = 300.0
#: searoute's default: the Northwest Passage is seasonal and ice-bound.
DEFAULT_RESTRICTIONS: tuple[str, ...] = ("northwest",)

SEA, LAND, ACCESS = 0, 1, 2
MODES = ("sea", "land", "access")
KIND_SEA, KIND_PORT, KIND_ORIGIN, KIND_FACILITY = 0, 1, 2, 3
KINDS = ("sea", "port", "origin", "facility")

_CACHE_FORMAT = 3


def geodesic_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Ellipsoidal (WGS84) distance in km; vectorised over numpy arrays."""
    _, _, d = GEOD.inv(np.asarray(lon1, float), np.asarray(lat1, float),
                       np.asarray(lon2, float), np.asarray(lat2, float))
    return np.asarray(d) / 1000.0


def cache_dir() -> Path:
    """Folder of the on-disk graph cache: ``$HGMAP_CACHE_DIR`` or ``~/.cache/hgmap``."""
    env = os.environ.get("HGMAP_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "hgmap"


@dataclass
class TransportGraph:
    """A multimodal graph held as numpy arrays (edges stored once, searched both ways).

    Attributes
    ----------
    node_lon, node_lat
        Coordinates (degrees, EPSG:4326, longitudes in [-180, 180)).
    node_kind
        0 sea, 1 port, 2 origin, 3 facility (see :data:`KINDS`).
    node_country
        ISO3 of the territory a node is in ('' for the high seas).
    node_label
        Port id, country ISO3 (origins) or facility id; '' for sea nodes.
    edge_u, edge_v, edge_km, edge_mode
        One row per undirected edge; ``edge_mode`` indexes :data:`MODES`.
    origin_node
        ISO3 -> node index of the country's origin.
    port_snap_km
        Port node index -> distance to the sea lane it joins (km).
    settings
        ``circuity``, ``restrictions``, ``sea_passage_is_transit``, ``virtual_ports``.
    """

    node_lon: np.ndarray
    node_lat: np.ndarray
    node_kind: np.ndarray
    node_country: np.ndarray
    node_label: np.ndarray
    edge_u: np.ndarray
    edge_v: np.ndarray
    edge_km: np.ndarray
    edge_mode: np.ndarray
    origin_node: dict[str, int]
    port_snap_km: dict[int, float]
    settings: dict
    facility_node: dict[str, int] = field(default_factory=dict)
    _csr: sp.csr_array | None = field(default=None, repr=False)
    _mode_csr: sp.csr_array | None = field(default=None, repr=False)
    _edges: dict | None = field(default=None, repr=False)

    @property
    def n_nodes(self) -> int:
        return len(self.node_lon)

    @property
    def n_edges(self) -> int:
        return len(self.edge_u)

    def edge_countries(self, i: int) -> tuple[str, ...]:
        """Countries whose territory edge ``i`` uses (none for a lane on the high seas).

        A land edge uses both neighbours; an access edge its country; a port's approach
        leg the port's country; a lane, the coastal state only when territorial seas
        count as transit (``sea_passage_is_transit``).
        """
        ends = (self.node_country[self.edge_u[i]], self.node_country[self.edge_v[i]])
        return tuple(dict.fromkeys(c for c in ends if c))

    def summary(self) -> dict[str, int]:
        """Counts of nodes by kind and edges by mode."""
        out = {f"{k}_nodes": int((self.node_kind == i).sum()) for i, k in enumerate(KINDS)}
        out.update({f"{m}_edges": int((self.edge_mode == i).sum()) for i, m in enumerate(MODES)})
        return out

    # -- sparse form ----------------------------------------------------------------
    def csr(self) -> sp.csr_array:
        """CSR adjacency (search with ``directed=True``) with the *minimum* length over
        parallel edges. Symmetric except facility edges, which run facility -> node only.

        ``scipy.sparse`` and ``networkx.to_scipy_sparse_array`` both *sum* duplicate
        entries; a sea lane and an access leg between the same two nodes must keep
        the shorter one instead. Zero-length edges are stored as a tiny positive
        length because csgraph would otherwise read an explicit zero as "no edge".
        """
        if self._csr is None:
            self._csr, self._mode_csr = self._build_csr()
        return self._csr

    def _build_csr(self) -> tuple[sp.csr_array, sp.csr_array]:
        # Facility edges run one way only (facility -> node): a route may end at a
        # facility but never pass *through* one, e.g. from one US port to another via
        # a US plant. Searches start at the facilities, so that is the direction kept.
        one_way = self.node_kind[self.edge_u] == KIND_FACILITY
        back = ~one_way
        u = np.concatenate([self.edge_u, self.edge_v[back]])
        v = np.concatenate([self.edge_v, self.edge_u[back]])
        w = np.concatenate([self.edge_km, self.edge_km[back]])
        m = np.concatenate([self.edge_mode, self.edge_mode[back]])
        if not np.all(np.isfinite(w)) or np.any(w < 0):
            raise ValueError("edge lengths must be finite and non-negative")
        w = np.maximum(w, 1e-9)
        # Keep the minimum per (u, v): sort by key then weight, take the first of each key.
        key = u.astype(np.int64) * self.n_nodes + v
        order = np.lexsort((w, key))
        key, u, v, w, m = key[order], u[order], v[order], w[order], m[order]
        first = np.ones(len(key), dtype=bool)
        first[1:] = key[1:] != key[:-1]
        u, v, w, m = u[first], v[first], w[first], m[first]
        shape = (self.n_nodes, self.n_nodes)
        A = sp.csr_array((w, (u, v)), shape=shape)
        M = sp.csr_array((m.astype(np.float64) + 1.0, (u, v)), shape=shape)  # +1: keep mode 0 stored
        return A, M

    def _edge_table(self) -> dict[tuple[int, int], tuple[float, int]]:
        # Element access on scipy sparse arrays costs ~20 us; routes read thousands of edges.
        if self._edges is None:
            A = self.csr().tocoo()
            M = self._mode_csr.tocoo()
            self._edges = {(int(u), int(v)): (float(w), int(m) - 1)
                           for u, v, w, m in zip(A.row, A.col, A.data, M.data)}
        return self._edges

    def _edge(self, a: int, b: int) -> tuple[float, int]:
        edges = self._edge_table()
        return edges[(a, b)] if (a, b) in edges else edges[(b, a)]

    def edge_mode_between(self, a: int, b: int) -> int:
        """Mode of the (shortest) edge joining nodes ``a`` and ``b`` (either direction)."""
        return self._edge(a, b)[1]

    # -- facilities -------------------------------------------------------------------
    def with_facilities(self, facilities) -> TransportGraph:
        """A copy with facility nodes linked to their country's origin and ports.

        Parameters
        ----------
        facilities
            GeoDataFrame with ``id``, ``country_iso3``, ``lon``, ``lat``.
        """
        circuity = self.settings["circuity"]
        ports_by_country: dict[str, np.ndarray] = {}
        port_idx = np.flatnonzero(self.node_kind == KIND_PORT)
        for iso3 in np.unique(self.node_country[port_idx]):
            ports_by_country[iso3] = port_idx[self.node_country[port_idx] == iso3]
        n0 = self.n_nodes
        lons, lats, countries, labels = [], [], [], []
        eu, ev, ekm = [], [], []
        fac_node = {}
        for i, row in enumerate(facilities.itertuples()):
            node = n0 + i
            fac_node[row.id] = node
            lons.append(row.lon)
            lats.append(row.lat)
            countries.append(row.country_iso3)
            labels.append(row.id)
            targets = []
            if row.country_iso3 in self.origin_node:
                targets.append(self.origin_node[row.country_iso3])
            targets.extend(ports_by_country.get(row.country_iso3, []))
            if not targets:
                log.warning("facility %s: country %s has neither an origin nor a port in the graph",
                            row.id, row.country_iso3)
                continue
            targets = np.asarray(targets)
            d = geodesic_km(np.full(len(targets), row.lon), np.full(len(targets), row.lat),
                            self.node_lon[targets], self.node_lat[targets]) * circuity
            eu.extend([node] * len(targets))
            ev.extend(targets.tolist())
            ekm.extend(d.tolist())
        n = len(lons)
        return replace(
            self,
            node_lon=np.concatenate([self.node_lon, np.asarray(lons, float)]),
            node_lat=np.concatenate([self.node_lat, np.asarray(lats, float)]),
            node_kind=np.concatenate([self.node_kind, np.full(n, KIND_FACILITY, np.int8)]),
            node_country=np.concatenate([self.node_country, np.asarray(countries, dtype=object)]),
            node_label=np.concatenate([self.node_label, np.asarray(labels, dtype=object)]),
            edge_u=np.concatenate([self.edge_u, np.asarray(eu, np.int64)]),
            edge_v=np.concatenate([self.edge_v, np.asarray(ev, np.int64)]),
            edge_km=np.concatenate([self.edge_km, np.asarray(ekm, float)]),
            edge_mode=np.concatenate([self.edge_mode, np.full(len(eu), ACCESS, np.int8)]),
            facility_node=fac_node,
            _csr=None,
            _mode_csr=None,
            _edges=None,
        )

    def without_countries(self, countries: set[str] | frozenset[str]) -> sp.csr_array:
        """CSR adjacency with every node on the territory of ``countries`` cut off."""
        A = self.csr()
        drop = np.isin(self.node_country, list(countries))
        keep = sp.diags_array((~drop).astype(float))
        # Multiplying by a 0/1 diagonal removes rows and columns without touching
        # the other stored lengths.
        B = (keep @ A @ keep).tocsr()
        B.eliminate_zeros()  # only the rows/cols zeroed above; real lengths are >= 1e-9
        return B

    # -- routes -----------------------------------------------------------------------
    @staticmethod
    def path_from_predecessors(pred: np.ndarray, source: int, target: int) -> list[int] | None:
        """Node path source -> target from a csgraph predecessor row, or None."""
        if source == target:
            return [source]
        if pred[target] < 0:
            return None
        path = [target]
        node = target
        while node != source:
            node = int(pred[node])
            if node < 0:
                return None
            path.append(node)
        path.reverse()
        return path

    def breakdown(self, path: list[int]) -> dict:
        """Length by mode (km) and transit countries of a node path."""
        km = {"sea": 0.0, "land": 0.0, "access": 0.0}
        for a, b in zip(path[:-1], path[1:]):
            w, m = self._edge(a, b)
            km[MODES[m]] += w
        # A territory of the origin's or destination's own State is not a third State:
        # Jamaica -> a US plant via San Juan (Puerto Rico) is an import into the USA.
        state = _state_of()
        ends = {state.get(c, c) for c in (self.node_country[path[0]], self.node_country[path[-1]])}
        transit: list[str] = []
        for n in path:
            c = self.node_country[n]
            if c and state.get(c, c) not in ends and c not in transit:
                transit.append(c)
        return {"sea_km": km["sea"], "land_km": km["land"], "access_km": km["access"], "transit": transit}

    def countries_on(self, path: list[int]) -> list[str]:
        """Countries (in order, without repeats) whose territory the path uses."""
        out: list[str] = []
        for n in path:
            c = self.node_country[n]
            if c and c not in out:
                out.append(c)
        return out

    def geometry(self, path: list[int]) -> MultiLineString:
        """Route geometry along the path's nodes, split at +-180 degrees."""
        return split_antimeridian(np.column_stack([self.node_lon[path], self.node_lat[path]]))

    def to_networkx(self):
        """A ``networkx.DiGraph`` with ``weight`` (km), ``mode`` and ``countries`` on every edge.

        Every edge runs both ways except facility edges, which run *into* the facility
        only, so a search from an origin can end at a facility but never pass through
        one. Parallel edges are collapsed to the shortest one, as in :meth:`csr`.
        """
        import networkx as nx

        G = nx.DiGraph()
        for i in range(self.n_nodes):
            G.add_node(i, kind=KINDS[self.node_kind[i]], country=self.node_country[i], label=self.node_label[i],
                       lon=float(self.node_lon[i]), lat=float(self.node_lat[i]))
        is_fac = self.node_kind == KIND_FACILITY
        for a, b, w, m in zip(self.edge_u.tolist(), self.edge_v.tolist(), self.edge_km.tolist(),
                              self.edge_mode.tolist()):
            if a == b:
                continue
            w = max(w, 1e-9)
            pairs = [(b, a)] if is_fac[a] else [(a, b), (b, a)]
            countries = tuple(dict.fromkeys(c for c in (self.node_country[a], self.node_country[b]) if c))
            for x, y in pairs:
                if G.has_edge(x, y) and G[x][y]["weight"] <= w:
                    continue
                G.add_edge(x, y, weight=w, mode=MODES[m], countries=countries)
        return G


# -- building ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _state_of() -> dict[str, str]:
    """ISO3 -> the State it belongs to (its sovereign for territories, else itself)."""
    countries = load_countries()
    return {c: (s or c) for c, s in zip(countries["iso3"], countries["sovereign_iso3"])}


def _marnet_path() -> Path:
    return Path(str(resources.files("searoute") / "data" / "marnet_searoute.geojson"))


def _inputs_digest(settings: dict) -> str:
    h = hashlib.sha256()
    for p in (data_path("countries.gpkg"), data_path("ports.csv"), _marnet_path()):
        h.update(p.read_bytes())
    h.update(json.dumps(settings, sort_keys=True).encode())
    h.update(f"{_CACHE_FORMAT}:{_pkg_version('searoute')}".encode())
    return h.hexdigest()[:20]


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
    dropped = 0
    for a, b, d in M.edges(data=True):
        if d.get("passage") in restrictions:
            dropped += 1
            continue
        i, j = node(a), node(b)
        if i != j:
            eu.append(i)
            ev.append(j)
    for n in M.nodes:
        node(n)
    log.debug("marnet: %d nodes, %d edges (%d restricted edges left out)", len(lons), len(eu), dropped)
    return np.asarray(lons), np.asarray(lats), np.asarray(eu, np.int64), np.asarray(ev, np.int64)


def _unit_vectors(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _nearest(tree: cKDTree, cand_lon, cand_lat, lon, lat, k: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Nearest candidate (by geodesic distance among the k chord-nearest) for each point."""
    k = min(k, len(cand_lon))
    _, idx = tree.query(_unit_vectors(np.asarray(lon), np.asarray(lat)), k=k)
    idx = np.atleast_2d(idx)
    n = idx.shape[0]
    d = geodesic_km(np.repeat(lon, k), np.repeat(lat, k), cand_lon[idx.ravel()], cand_lat[idx.ravel()]).reshape(n, k)
    best = d.argmin(axis=1)
    return idx[np.arange(n), best], d[np.arange(n), best]


def _neighbours(countries) -> list[tuple[str, str]]:
    """Pairs of countries whose polygons touch (within 0.01 degrees, ~1 km)."""
    geoms = countries.geometry.values
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="dwithin", distance=0.01)
    codes = countries["iso3"].to_numpy()
    pairs = {(codes[a], codes[b]) for a, b in zip(left, right) if a < b}
    return sorted(pairs)


def _territorial_owner(countries, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """ISO3 of the country whose coast lies within 12 nm of each point ('' if none)."""
    owner = np.full(len(lon), "", dtype=object)
    geoms = countries.geometry.values
    codes = countries["iso3"].to_numpy()
    tree = shapely.STRtree(geoms)
    pts = shapely.points(lon, lat)
    # 0.25 degrees covers 12 nm at every latitude where lanes run (cos(75) * 111 km > 22 km).
    pi, gi = tree.query(pts, predicate="dwithin", distance=0.25)
    best = np.full(len(lon), np.inf)
    for p, g in zip(pi, gi):
        near = shapely.ops.nearest_points(pts[p], geoms[g])[1]
        d = float(geodesic_km(lon[p], lat[p], near.x, near.y))
        if d <= TERRITORIAL_SEA_KM and d < best[p]:
            best[p] = d
            owner[p] = codes[g]
    return owner


def _build(settings: dict) -> TransportGraph:
    circuity = settings["circuity"]
    countries = load_countries()
    ports = load_ports()
    ports = ports[ports["iso3"].isin(set(countries["iso3"]))].reset_index(drop=True)

    s_lon, s_lat, s_u, s_v = _sea_network(tuple(settings["restrictions"]))
    n_sea = len(s_lon)
    s_km = geodesic_km(s_lon[s_u], s_lat[s_u], s_lon[s_v], s_lat[s_v])
    # Snap only to the main connected component: restricted passages can strand vertices.
    A = sp.coo_array((np.ones(len(s_u)), (s_u, s_v)), shape=(n_sea, n_sea))
    _, labels = connected_components(A, directed=False)
    main = labels == np.bincount(labels).argmax()
    main_idx = np.flatnonzero(main)
    tree = cKDTree(_unit_vectors(s_lon[main_idx], s_lat[main_idx]))

    # Ports.
    p_lon, p_lat = ports["lon"].to_numpy(float), ports["lat"].to_numpy(float)
    snap_local, snap_km = _nearest(tree, s_lon[main_idx], s_lat[main_idx], p_lon, p_lat)
    far = snap_km > settings["max_snap_km"]
    for r, km in zip(ports[far].itertuples(), snap_km[far]):
        log.info("port %s (%s, %s) left out: %.0f km from the nearest sea lane", r.port_id, r.name, r.iso3, km)
    ports = ports[~far].reset_index(drop=True)
    p_lon, p_lat = p_lon[~far], p_lat[~far]
    snap_node = main_idx[snap_local[~far]]
    snap_km = snap_km[~far]

    # Countries without a port that have no land neighbour either get a virtual port at
    # the lane vertex nearest their representative point, so they are not cut off.
    pairs = _neighbours(countries)
    has_neighbour = {a for a, _ in pairs} | {b for _, b in pairs}
    with_port = set(ports["iso3"])
    virtual = [c for c in countries["iso3"] if c not in with_port and c not in has_neighbour]
    v_rows = countries.set_index("iso3").loc[virtual]
    v_local, v_km = _nearest(tree, s_lon[main_idx], s_lat[main_idx],
                             v_rows["rep_lon"].to_numpy(float), v_rows["rep_lat"].to_numpy(float))
    for c, km in zip(virtual, v_km):
        log.info("%s has no port and no land neighbour: virtual port at the nearest lane vertex (%.0f km)", c, km)

    n_ports = len(ports) + len(virtual)
    port_lon = np.concatenate([p_lon, v_rows["rep_lon"].to_numpy(float)])
    port_lat = np.concatenate([p_lat, v_rows["rep_lat"].to_numpy(float)])
    port_country = np.concatenate([ports["iso3"].to_numpy(object), np.asarray(virtual, dtype=object)])
    port_label = np.concatenate([ports["port_id"].to_numpy(object),
                                 np.asarray([f"virtual:{c}" for c in virtual], dtype=object)])
    port_snap_node = np.concatenate([snap_node, main_idx[v_local]])
    port_snap_km = np.concatenate([snap_km, v_km])
    port_ids = np.arange(n_sea, n_sea + n_ports)

    # Origins.
    o_codes = countries["iso3"].to_numpy(object)
    o_lon, o_lat = countries["rep_lon"].to_numpy(float), countries["rep_lat"].to_numpy(float)
    o_ids = np.arange(n_sea + n_ports, n_sea + n_ports + len(o_codes))
    origin_node = dict(zip(o_codes.tolist(), o_ids.tolist()))

    # Edges: sea lanes, port approaches, origin-port access, land links.
    e_u = [s_u, port_ids]
    e_v = [s_v, port_snap_node]
    e_km = [s_km, port_snap_km]
    e_mode = [np.full(len(s_u), SEA, np.int8), np.full(n_ports, SEA, np.int8)]
    o_of_port = np.asarray([origin_node[c] for c in port_country])
    acc = geodesic_km(port_lon, port_lat, o_lon[o_of_port - o_ids[0]], o_lat[o_of_port - o_ids[0]]) * circuity
    e_u.append(o_of_port)
    e_v.append(port_ids)
    e_km.append(acc)
    e_mode.append(np.full(n_ports, ACCESS, np.int8))
    a_idx = np.asarray([origin_node[a] for a, _ in pairs])
    b_idx = np.asarray([origin_node[b] for _, b in pairs])
    land = geodesic_km(o_lon[a_idx - o_ids[0]], o_lat[a_idx - o_ids[0]],
                       o_lon[b_idx - o_ids[0]], o_lat[b_idx - o_ids[0]]) * circuity
    e_u.append(a_idx)
    e_v.append(b_idx)
    e_km.append(land)
    e_mode.append(np.full(len(pairs), LAND, np.int8))

    sea_country = np.full(n_sea, "", dtype=object)
    if settings["sea_passage_is_transit"]:
        sea_country = _territorial_owner(countries, s_lon, s_lat)

    graph = TransportGraph(
        node_lon=np.concatenate([s_lon, port_lon, o_lon]),
        node_lat=np.concatenate([s_lat, port_lat, o_lat]),
        node_kind=np.concatenate([np.full(n_sea, KIND_SEA, np.int8), np.full(n_ports, KIND_PORT, np.int8),
                                  np.full(len(o_codes), KIND_ORIGIN, np.int8)]),
        node_country=np.concatenate([sea_country, port_country, o_codes]),
        node_label=np.concatenate([np.full(n_sea, "", dtype=object), port_label, o_codes]),
        edge_u=np.concatenate(e_u).astype(np.int64),
        edge_v=np.concatenate(e_v).astype(np.int64),
        edge_km=np.concatenate(e_km).astype(float),
        edge_mode=np.concatenate(e_mode).astype(np.int8),
        origin_node=origin_node,
        port_snap_km=dict(zip(port_ids.tolist(), port_snap_km.tolist())),
        settings={**settings, "virtual_ports": virtual},
    )
    return graph


def _save(graph: TransportGraph, path: Path) -> None:
    meta = {"origin_node": graph.origin_node, "settings": graph.settings,
            "port_snap_km": {str(k): v for k, v in graph.port_snap_km.items()}}
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez(fh, node_lon=graph.node_lon, node_lat=graph.node_lat, node_kind=graph.node_kind,
                     node_country=graph.node_country.astype(str), node_label=graph.node_label.astype(str),
                     edge_u=graph.edge_u, edge_v=graph.edge_v, edge_km=graph.edge_km, edge_mode=graph.edge_mode,
                     meta=np.asarray(json.dumps(meta)))


def _load(path: Path) -> TransportGraph:
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        return TransportGraph(
            node_lon=z["node_lon"], node_lat=z["node_lat"], node_kind=z["node_kind"],
            node_country=z["node_country"].astype(object), node_label=z["node_label"].astype(object),
            edge_u=z["edge_u"], edge_v=z["edge_v"], edge_km=z["edge_km"], edge_mode=z["edge_mode"],
            origin_node=meta["origin_node"], settings=meta["settings"],
            port_snap_km={int(k): v for k, v in meta["port_snap_km"].items()},
        )


_MEMO: dict[str, TransportGraph] = {}


def build_graph(
    *,
    circuity: float = DEFAULT_CIRCUITY,
    restrictions: tuple[str, ...] = DEFAULT_RESTRICTIONS,
    sea_passage_is_transit: bool = False,
    max_snap_km: float = DEFAULT_MAX_SNAP_KM,
    cache: bool = True,
) -> TransportGraph:
    """Build (or load from the cache) the base transport graph, without facilities.

    Parameters
    ----------
    circuity
        Multiplier on geodesic distance for land and access legs (default 1.3).
    restrictions
        searoute passage names whose lanes are left out (default: the Northwest Passage).
    sea_passage_is_transit
        If True, lane vertices within 12 nm of a coast count as that state's territory,
        so routes through territorial seas name the coastal state as a transit state.
        Default False: passage at sea is not transit (Basel Art 4(12)).
    max_snap_km
        Ports farther than this from the sea lanes are left out (logged).
    cache
        Read and write the on-disk cache in :func:`cache_dir`. The cache key hashes the
        countries and ports files, searoute's network and these settings.
    """
    if not circuity >= 1.0:
        raise ValueError(f"circuity must be >= 1, got {circuity}")
    settings = {"circuity": float(circuity), "restrictions": sorted(restrictions),
                "sea_passage_is_transit": bool(sea_passage_is_transit), "max_snap_km": float(max_snap_km)}
    key = _inputs_digest(settings)
    if key in _MEMO:
        return _MEMO[key]
    path = cache_dir() / f"graph-{key}.npz"
    graph = None
    if cache and path.exists():
        try:
            graph = _load(path)
            log.debug("graph loaded from cache %s", path)
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
    """Ports of the graph with their snap distance to the sea lanes (km)."""
    idx = np.flatnonzero(graph.node_kind == KIND_PORT)
    return pd.DataFrame({
        "port_id": graph.node_label[idx], "iso3": graph.node_country[idx],
        "lon": graph.node_lon[idx], "lat": graph.node_lat[idx],
        "snap_km": [graph.port_snap_km[int(i)] for i in idx],
    })
