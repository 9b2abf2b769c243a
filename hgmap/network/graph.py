"""The transport graph as numpy arrays: its searchable matrices, joins of points and
facilities, cut-offs (avoided States, sea only), and the breakdown and drawing of paths."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.spatial import cKDTree
from shapely.geometry import MultiLineString

from ..geo import split_antimeridian
from .passages import LANE_LAND_KM, LANE_MIN_KM, canals_on as _canals_on, lanes_over_land as _lanes_over_land
from .base import (ACCESS, KIND_SEA, DEFAULT_MAX_JOIN_KM, KINDS, KIND_FACILITY, KIND_PORT, KIND_ROAD, MODES, ROAD,
                   PORT_BESIDE_ROAD_KM, ROADLESS_PORT_KM, SEA, SEA_JOIN_TOLERANCE_KM, Objective, _MAX_INTO,
                   _road_geometry, _state_of, _unit_vectors, geodesic_km, land_km)

log = logging.getLogger(__name__)


@dataclass
class _Csr:
    """One searchable adjacency: CSR of weights plus, per stored entry, the edge id."""

    A: sp.csr_array
    keys: np.ndarray  # sorted u * n + v of the stored entries
    eid: np.ndarray  # graph edge index of each stored entry


@dataclass
class TransportGraph:
    """A multimodal graph held as numpy arrays (edges stored once, searched both ways).

    Attributes
    ----------
    node_lon, node_lat
        Coordinates (degrees, EPSG:4326, longitudes in [-180, 180)).
    node_kind
        0 sea, 1 port, 2 origin, 3 facility, 4 road (see :data:`KINDS`).
    node_country
        ISO3 of the territory a node is in ('' for the high seas).
    node_label
        Port id, country ISO3 (origins) or facility id; '' for sea and road nodes.
    edge_u, edge_v, edge_km, edge_mode
        One row per undirected edge; ``edge_mode`` indexes :data:`MODES`.
    edge_geom
        Road edges: index of the edge's intermediate points in the roads file; -1 else.
    origin_node
        ISO3 -> node index of the country's origin.
    port_snap_km
        Port node index -> distance to the sea lane it joins (km).
    join_km
        Node index (port, origin, facility) -> straight-line distance to the road node it
        joins (km); absent when it joins no road.
    settings
        ``circuity``, ``restrictions``, ``sea_passage_is_transit``, ``max_join_km``,
        ``roadless`` (countries without road nodes), ``virtual_ports``.
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
    edge_geom: np.ndarray | None = None
    join_km: dict[int, float] = field(default_factory=dict)
    origin_info: dict[str, dict] = field(default_factory=dict)
    facility_node: dict[str, int] = field(default_factory=dict)
    _csrs: dict = field(default_factory=dict, repr=False)
    # Per-country node indexes and road KD-trees: carried over by dataclasses.replace (the
    # derived graphs append facilities and joins, never road or port nodes), so they are
    # built once per network.
    _node_index: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.edge_geom is None:
            self.edge_geom = np.full(len(self.edge_u), -1, np.int64)

    @property
    def n_nodes(self) -> int:
        return len(self.node_lon)

    @property
    def n_edges(self) -> int:
        return len(self.edge_u)

    def node_state(self) -> np.ndarray:
        """Per node, the State whose territory it is in ('' at sea)."""
        if "node_state" not in self._csrs:  # computed once per graph: every search uses it
            state = _state_of()
            codes, inverse = np.unique(self.node_country.astype(str), return_inverse=True)
            mapped = np.asarray([state.get(c, c) for c in codes], dtype=object)
            self._csrs["node_state"] = mapped[inverse]
        return self._csrs["node_state"]

    def edge_countries(self, i: int) -> tuple[str, ...]:
        """Countries whose territory edge ``i`` uses (none for a lane on the high seas)."""
        ends = (self.node_country[self.edge_u[i]], self.node_country[self.edge_v[i]])
        return tuple(dict.fromkeys(c for c in ends if c))

    def summary(self) -> dict[str, int]:
        """Counts of nodes by kind and edges by mode."""
        out = {f"{k}_nodes": int((self.node_kind == i).sum()) for i, k in enumerate(KINDS)}
        out.update({f"{m}_edges": int((self.edge_mode == i).sum()) for i, m in enumerate(MODES)})
        return out

    # -- weights ----------------------------------------------------------------------
    def _crossings(self) -> np.ndarray:
        """Road edges whose ends lie in two different States (border crossings)."""
        if "crossings" not in self._csrs:
            st = self.node_state()
            road = self.edge_mode == ROAD
            self._csrs["crossings"] = road & (st[self.edge_u] != st[self.edge_v])
        return self._csrs["crossings"]

    def _approaches(self) -> np.ndarray:
        k = self.node_kind
        return (self.edge_mode == SEA) & ((k[self.edge_u] == KIND_PORT) ^ (k[self.edge_v] == KIND_PORT))

    def weights(self, objective: Objective = "distance", costs=None) -> np.ndarray:
        """Search weight of every edge: km, or USD/t at the cost midpoints.

        By cost, each port approach (the sea edge between a port and its lane vertex)
        carries one port call plus half the dangerous-goods surcharge: a direct sea leg
        (two approaches) weighs exactly what :func:`hgmap.costs.route_cost` charges for it
        (two port calls, no transshipment, one surcharge), the sea leg the results report.
        Transshipment at hubs is not modelled: an intermediate landing (four approaches)
        weighs two port calls and one surcharge more, where the reported cost counts one
        port call and one transshipment (always less), so the search lands only where no
        lane passes."""
        if objective == "distance":
            return self.edge_km.astype(float)
        if objective != "cost":
            raise ValueError(f"objective must be 'cost' or 'distance', got {objective!r}")
        from ..costs import load_costs

        w = (costs or load_costs()).weights("mid")
        rate = np.array([w["sea_usd_per_tkm"], w["road_usd_per_tkm"], w["road_usd_per_tkm"]])
        out = self.edge_km * rate[self.edge_mode]
        out = out + self._approaches() * (w["port_call_usd_per_t"] + w["dangerous_goods_usd_per_t"] / 2)
        out = out + self._crossings() * w["transit_state_usd_per_t"]
        return out

    def crossing_weight(self, objective: Objective = "distance", costs=None) -> float:
        """The search weight a border crossing carries (the transit-state cost; 0 for km)."""
        if objective != "cost":
            return 0.0
        from ..costs import load_costs

        return (costs or load_costs()).value("transit_state_usd_per_t", "mid")

    def csr_into(self, state: str, objective: Objective = "distance", costs=None) -> sp.csr_array:
        """:meth:`csr` for searches from a facility of ``state``: crossing *into* the
        destination state carries no transit-state cost (that border is the import,
        not a transit), so O -> X -> D pays one transit state and O -> D none."""
        t = self.crossing_weight(objective, costs)
        if t == 0:
            return self.csr(objective, costs)
        key = ("into", state, objective, None if costs is None else id(costs))
        if key not in self._csrs:
            c = self._csr(objective, costs)
            # Only the few thousand border-crossing entries differ between States: each
            # State's matrix is a copy of the data with those patched.
            hit = self._into_entries(state, objective, costs)
            data = c.A.data.copy()
            data[hit] = np.maximum(data[hit] - t, 1e-9)
            # The index arrays are shared with the base matrix; only the weights are new.
            A = sp.csr_array((data, c.A.indices, c.A.indptr), shape=c.A.shape, copy=False)
            into = [k for k in self._csrs if isinstance(k, tuple) and k and k[0] == "into"]
            for k in into[: max(len(into) - _MAX_INTO + 1, 0)]:
                del self._csrs[k]
            self._csrs[key] = A
        return self._csrs[key]

    # -- sparse form ----------------------------------------------------------------
    def csr(self, objective: Objective = "distance", costs=None) -> sp.csr_array:
        """CSR adjacency (search with ``directed=True``) with the *minimum* weight over
        parallel edges. Symmetric except facility edges, which run facility -> node only.

        ``scipy.sparse`` *sums* duplicate entries; a sea lane and an access leg between
        the same two nodes must keep the lighter one instead. Zero weights are stored as
        a tiny positive value because csgraph reads an explicit zero as "no edge".
        """
        return self._csr(objective, costs).A

    def _csr(self, objective: Objective = "distance", costs=None) -> _Csr:
        key = (objective, None if costs is None else id(costs))
        if key not in self._csrs:
            self._csrs[key] = self._build_csr(self.weights(objective, costs))
        return self._csrs[key]

    def _build_csr(self, weight: np.ndarray) -> _Csr:
        one_way = self.node_kind[self.edge_u] == KIND_FACILITY
        back = ~one_way
        eids = np.arange(self.n_edges)
        u = np.concatenate([self.edge_u, self.edge_v[back]])
        v = np.concatenate([self.edge_v, self.edge_u[back]])
        w = np.concatenate([weight, weight[back]])
        e = np.concatenate([eids, eids[back]])
        if not np.all(np.isfinite(w)) or np.any(w < 0):
            raise ValueError("edge lengths must be finite and non-negative")
        w = np.maximum(w, 1e-9)
        key = u.astype(np.int64) * self.n_nodes + v
        sel = lightest_per_key(key, w)
        key, u, v, w, e = key[sel], u[sel], v[sel], w[sel], e[sel]
        A = sp.csr_array((w, (u, v)), shape=(self.n_nodes, self.n_nodes))
        A.sort_indices()
        return _Csr(A, key, e)

    def _edge_ids(self, a: np.ndarray, b: np.ndarray, objective: Objective = "distance", costs=None) -> np.ndarray:
        c = self._csr(objective, costs)
        a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
        k = a * self.n_nodes + b
        pos = np.searchsorted(c.keys, k)
        pos = np.minimum(pos, len(c.keys) - 1)
        ok = c.keys[pos] == k
        if not ok.all():
            # Facility edges are stored one way only (facility -> node).
            k2 = b[~ok] * self.n_nodes + a[~ok]
            pos2 = np.minimum(np.searchsorted(c.keys, k2), len(c.keys) - 1)
            if not np.all(c.keys[pos2] == k2):
                raise KeyError("no edge between some consecutive path nodes")
            pos[~ok] = pos2
        return c.eid[pos]

    def edge_mode_between(self, a: int, b: int) -> int:
        """Mode of the (shortest) edge joining nodes ``a`` and ``b`` (either direction)."""
        return int(self.edge_mode[self._edge_ids([a], [b])[0]])

    # -- facilities -------------------------------------------------------------------
    def attach_points(self, lon, lat, country, *, max_join_km: float | None = None,
                      ports: bool = True) -> list[list[tuple[int, float]]]:
        """For each point, the nodes it joins and the km of each join (straight line; to a
        port, geodesic x ``circuity``).

        A point joins the nearest road node of its own country when that node is within
        ``max_join_km`` (``None``: :data:`DEFAULT_MAX_JOIN_KM`, or farther when the straight
        join runs over the country's land: a road join never crosses the sea). With
        ``ports``, it also joins the country's ports within :data:`ROADLESS_PORT_KM` when
        it joins no road (a road-less country, an island without roads of a country that
        has some: Grand Turk, Lakeba) and, when it joins a road node farther than
        :data:`PORT_BESIDE_ROAD_KM`, the ports nearer than that road node. A point with
        neither is not joined (unreachable, with a log line): a leg longer than the stated
        limits is not priced as an access leg.
        Enclaves without a road or a port of their own (San Marino) join the nearest
        road node of any country within :data:`DEFAULT_MAX_JOIN_KM`.
        """
        lon, lat = np.asarray(lon, float), np.asarray(lat, float)
        country = np.asarray(country, dtype=object)
        out: list[list[tuple[int, float]]] = [[] for _ in range(len(lon))]
        circuity = self.settings["circuity"]
        limit = DEFAULT_MAX_JOIN_KM if max_join_km is None else max_join_km
        for iso3 in pd.unique(country):
            sel = np.flatnonzero(country == iso3)
            tree, nodes = self._road_tree(iso3)
            road_km = np.full(len(sel), np.inf)
            if tree is not None and iso3 not in self.settings.get("roadless", ()):
                tgt, d = self._road_join(tree, nodes, iso3, lon[sel], lat[sel], limit,
                                         far_over_land=max_join_km is None)
                for i in np.flatnonzero(tgt >= 0):
                    out[sel[i]].append((int(tgt[i]), float(d[i])))
                    road_km[i] = d[i]
            if not ports:
                continue
            p_nodes = self._ports_of(iso3)
            if not len(p_nodes):
                if tree is None:
                    self._join_enclave(sel, lon, lat, out)
                continue
            n_p = len(p_nodes)  # every point to every port of the country, in one call
            geo = geodesic_km(np.repeat(lon[sel], n_p), np.repeat(lat[sel], n_p), np.tile(self.node_lon[p_nodes],
                              len(sel)), np.tile(self.node_lat[p_nodes], len(sel))).reshape(len(sel), n_p)
            beside = np.where(road_km > PORT_BESIDE_ROAD_KM, road_km, 0.0)  # inf where no road joins
            near = (geo <= ROADLESS_PORT_KM) & (geo < beside[:, None])
            for i in np.flatnonzero(near.any(axis=1)):
                out[sel[i]].extend((int(t), float(km)) for t, km in zip(p_nodes[near[i]], geo[i, near[i]] * circuity))
            self._port_instead_of_road(sel, lon, lat, geo, p_nodes, road_km, out)
        return out

    def _road_join(self, tree, nodes, iso3: str, lon, lat, limit: float, *, far_over_land: bool):
        """Per point, the road node of ``iso3`` it joins (-1: none) and the km.

        The nearest of the ``_ROAD_CANDIDATES`` chord-nearest road nodes whose straight join
        is within ``limit`` (or, with ``far_over_land``, farther but over the country's land:
        :func:`_over_land`) and runs over at most :data:`SEA_JOIN_TOLERANCE_KM` of water
        (:func:`~hgmap.network.base.land_km`): a road join never crosses the sea (Salelologa,
        on Savai'i, joined a road node on Upolu across the Apolima Strait)."""
        k = min(_ROAD_CANDIDATES, len(nodes))
        _, j = tree.query(_unit_vectors(lon, lat), k=k)
        j = np.asarray(j).reshape(len(lon), k)
        cand = nodes[j]
        d = geodesic_km(np.repeat(lon, k), np.repeat(lat, k), self.node_lon[cand.ravel()],
                        self.node_lat[cand.ravel()]).reshape(len(lon), k)
        order = np.argsort(d, axis=1, kind="stable")
        cand, d = np.take_along_axis(cand, order, axis=1), np.take_along_axis(d, order, axis=1)
        tgt = np.full(len(lon), -1, np.int64)
        km = np.full(len(lon), np.nan)
        todo = np.arange(len(lon))
        for c in range(k):
            if not len(todo):
                break
            t, dc = cand[todo, c], d[todo, c]
            ok = dc <= limit
            if far_over_land and (~ok).any():  # farther: only over the country's own land
                far = np.flatnonzero(~ok)
                ok[far] = _over_land(iso3, lon[todo[far]], lat[todo[far]], self.node_lon[t[far]],
                                     self.node_lat[t[far]])
            check = np.flatnonzero(ok & (dc > SEA_JOIN_TOLERANCE_KM))  # a shorter join cannot cross more water
            if len(check):
                _, _, crossing = land_km(lon[todo[check]], lat[todo[check]], self.node_lon[t[check]],
                                         self.node_lat[t[check]], iso3=iso3)
                ok[check] = crossing <= SEA_JOIN_TOLERANCE_KM
            tgt[todo[ok]] = t[ok]
            km[todo[ok]] = dc[ok]
            # the next candidate is tried only while it may still be a join (candidates ascend)
            rest = ~ok
            todo = todo[rest]
            if not far_over_land and c + 1 < k:
                todo = todo[d[todo, c + 1] <= limit]
        return tgt, km

    def _port_instead_of_road(self, sel, lon, lat, geo, p_nodes, road_km, out) -> None:
        """A point whose nearest port is nearer than its road node (that within
        :data:`PORT_BESIDE_ROAD_KM`) joins that port instead of the road node, when the port
        itself joins a road and the straight join to it crosses no more water than
        :data:`SEA_JOIN_TOLERANCE_KM`: a site beside Lautoka's wharf went out 9 km to a road
        node and 8 km back to the port. It keeps one join (points share one solve per join
        node); the port's own road join takes it inland."""
        best = geo.argmin(axis=1)
        g = geo[np.arange(len(sel)), best]
        port = p_nodes[best]
        has_road = np.fromiter((int(p) in self.join_km for p in port), bool, len(port))
        cand = np.flatnonzero(np.isfinite(road_km) & (road_km <= PORT_BESIDE_ROAD_KM) & (g < road_km) & has_road)
        if not len(cand):
            return
        ok = np.ones(len(cand), bool)
        long_ = g[cand] > SEA_JOIN_TOLERANCE_KM
        if long_.any():
            c = cand[long_]
            _, _, crossing = land_km(lon[sel[c]], lat[sel[c]], self.node_lon[port[c]], self.node_lat[port[c]])
            ok[long_] = crossing <= SEA_JOIN_TOLERANCE_KM
        circuity = self.settings["circuity"]
        for i in cand[ok]:
            out[sel[i]] = [(int(port[i]), float(g[i] * circuity))]

    def _join_enclave(self, sel: np.ndarray, lon: np.ndarray, lat: np.ndarray, out: list) -> None:
        """Points of a country without a road node or a port of its own (San Marino): the
        nearest road node of any country within :data:`DEFAULT_MAX_JOIN_KM`."""
        gtree, gnodes = self._road_tree(None)
        _, j = gtree.query(_unit_vectors(lon[sel], lat[sel]))
        tgt = gnodes[np.atleast_1d(j)]
        d = np.atleast_1d(geodesic_km(lon[sel], lat[sel], self.node_lon[tgt], self.node_lat[tgt]))
        for p, t, km in zip(sel, tgt, d):
            if km <= DEFAULT_MAX_JOIN_KM:
                out[p].append((int(t), float(km)))

    def _road_tree(self, iso3: str | None):
        """KD-tree of the road nodes of ``iso3`` (``None``: of every country) and their ids.

        Built once per set of road nodes: graphs derived by :func:`dataclasses.replace`
        with the same nodes (facilities and joins appended) share the trees."""
        key = ("tree", iso3)
        if key not in self._node_index:
            nodes = (np.flatnonzero(self.node_kind == KIND_ROAD) if iso3 is None
                     else self._nodes_by_country(KIND_ROAD).get(iso3, np.empty(0, np.int64)))
            self._node_index[key] = (cKDTree(_unit_vectors(self.node_lon[nodes], self.node_lat[nodes])), nodes) \
                if len(nodes) else (None, nodes)
        return self._node_index[key]

    def _nodes_by_country(self, kind: int) -> dict[str, np.ndarray]:
        """ISO3 -> the nodes of ``kind`` in that country (ascending), grouped once."""
        key = ("by_country", kind)
        if key not in self._node_index:
            nodes = np.flatnonzero(self.node_kind == kind)
            codes, inverse = np.unique(self.node_country[nodes].astype(str), return_inverse=True)
            order = np.argsort(inverse, kind="stable")
            bounds = np.searchsorted(inverse[order], np.arange(len(codes) + 1))
            self._node_index[key] = {c: nodes[order[bounds[i]:bounds[i + 1]]] for i, c in enumerate(codes)}
        return self._node_index[key]

    def _ports_of(self, iso3: str) -> np.ndarray:
        return self._nodes_by_country(KIND_PORT).get(iso3, np.empty(0, np.int64))

    def with_facilities(self, facilities) -> TransportGraph:
        """A copy with facility nodes joined to their nearest road node (or, in a
        road-less country, to its ports by a straight-line estimate).

        Parameters
        ----------
        facilities
            GeoDataFrame with ``id``, ``country_iso3``, ``lon``, ``lat``.
        """
        n0 = self.n_nodes
        ids = facilities["id"].tolist()
        lon = facilities["lon"].to_numpy(float)
        lat = facilities["lat"].to_numpy(float)
        iso = facilities["country_iso3"].to_numpy(object)
        joins = self.attach_points(lon, lat, iso)
        eu, ev, ekm = [], [], []
        join_km = dict(self.join_km)
        for i, (fid, js) in enumerate(zip(ids, joins)):
            if not js:
                log.warning("facility %s (%s): no road node of its country within %.0f km and no port within "
                            "%.0f km: not joined (unreachable)", fid, iso[i], DEFAULT_MAX_JOIN_KM, ROADLESS_PORT_KM)
            elif min(km for _, km in js) > DEFAULT_MAX_JOIN_KM:
                log.warning("facility %s (%s) is %.0f km from the road or port it joins: a straight-line estimate",
                            fid, iso[i], min(km for _, km in js))
            for t, km in js:
                eu.append(n0 + i)
                ev.append(t)
                ekm.append(km)
            if js:
                join_km[n0 + i] = min(km for _, km in js)
        n = len(ids)
        return replace(
            self,
            node_lon=np.concatenate([self.node_lon, lon]),
            node_lat=np.concatenate([self.node_lat, lat]),
            node_kind=np.concatenate([self.node_kind, np.full(n, KIND_FACILITY, np.int8)]),
            node_country=np.concatenate([self.node_country, iso]),
            node_label=np.concatenate([self.node_label, np.asarray(ids, dtype=object)]),
            edge_u=np.concatenate([self.edge_u, np.asarray(eu, np.int64)]),
            edge_v=np.concatenate([self.edge_v, np.asarray(ev, np.int64)]),
            edge_km=np.concatenate([self.edge_km, np.asarray(ekm, float)]),
            edge_mode=np.concatenate([self.edge_mode, np.full(len(eu), ACCESS, np.int8)]),
            edge_geom=np.concatenate([self.edge_geom, np.full(len(eu), -1, np.int64)]),
            join_km=join_km,
            facility_node={f: n0 + i for i, f in enumerate(ids)},
            _csrs={},
        )

    def country_nodes(self, countries) -> np.ndarray:
        """Boolean mask of the nodes on the territory of ``countries`` (ISO3 codes), kept
        per set of codes: re-routes ask for the same cut States again and again, and a
        test over the node codes as strings takes milliseconds."""
        key = ("country_nodes", frozenset(countries))
        if key not in self._csrs:
            codes, uniques = self.country_codes()
            want = np.flatnonzero(np.isin(np.asarray(uniques, dtype=object), list(key[1])))
            mask = np.isin(codes, want)
            # Lane vertices inside those States' polygons (up their rivers, on their lakes).
            lane = self.lane_edges_over(key[1])
            if lane.any():
                ends = np.concatenate([self.edge_u[lane], self.edge_v[lane]])
                ends = ends[self.node_kind[ends] == KIND_SEA]
                inside = self._lane_vertices_in(key[1])
                mask[np.intersect1d(ends, inside)] = True
            self._csrs[key] = mask
        return self._csrs[key]

    def into_weights(self, state: str, pos: np.ndarray, objective: Objective = "distance", costs=None) -> np.ndarray:
        """The weights of :meth:`csr_into` at entry positions ``pos`` of the searchable
        matrix, without building the State's matrix (a re-route reads a few thousand)."""
        c = self._csr(objective, costs)
        w = c.A.data[pos]
        t = self.crossing_weight(objective, costs)
        if t == 0 or not len(pos):
            return w
        hit = self._into_entries(state, objective, costs)
        at = np.minimum(np.searchsorted(hit, pos), max(len(hit) - 1, 0))
        mine = (hit[at] == pos) if len(hit) else np.zeros(len(pos), bool)
        w = w.copy()
        w[mine] = np.maximum(w[mine] - t, 1e-9)
        return w

    def _into_entries(self, state: str, objective: Objective, costs) -> np.ndarray:
        """Sorted positions in the searchable matrix of the border crossings into or out of
        ``state``: the entries whose weight :meth:`csr_into` lowers (found once for all
        States: the crossing entries and the States at their two ends)."""
        pos_key = ("crossing_entries", objective, None if costs is None else id(costs))
        if pos_key not in self._csrs:
            c = self._csr(objective, costs)
            pos = np.flatnonzero(self._crossings()[c.eid])
            e = c.eid[pos]
            st = self.node_state()
            self._csrs[pos_key] = (pos, st[self.edge_u[e]], st[self.edge_v[e]])
        pos, su, sv = self._csrs[pos_key]
        return pos[(su == state) | (sv == state)]

    def without_countries(self, countries, objective: Objective = "distance", costs=None, *,
                          A: sp.csr_array | None = None) -> sp.csr_array:
        """CSR adjacency (``A``, default :meth:`csr`) with every node on the territory of
        ``countries`` cut off."""
        A = self.csr(objective, costs) if A is None else A
        drop = self.country_nodes(countries)
        # Filter the stored entries (a row or a column on that territory goes) instead of
        # multiplying by diagonal masks: one pass over the data, ~10x cheaper.
        rows = np.repeat(np.arange(A.shape[0]), np.diff(A.indptr))
        keep = ~(drop[rows] | drop[A.indices])
        lane = self.lane_edges_over(countries)
        if lane.any():  # a lane up a river or across a lake of a cut State is cut as well
            n = A.shape[0]
            eu, ev = self.edge_u[lane], self.edge_v[lane]
            lk = np.unique(np.concatenate([eu * n + ev, ev * n + eu]))
            keep &= ~np.isin(rows.astype(np.int64) * n + A.indices, lk)
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[keep], minlength=A.shape[0]))])
        return sp.csr_array((A.data[keep], A.indices[keep], indptr.astype(A.indptr.dtype)), shape=A.shape)

    def lane_edges_over(self, states=None, *, other_than=None) -> np.ndarray:
        """Boolean mask of the edges whose sea lane runs over the land or internal waters
        of a State in ``states`` (or of any State but those in ``other_than``): a lane
        vertex inside its polygon, or a port approach over it for at least
        :data:`LANE_LAND_KM` (:meth:`lanes_over_land`; a State's territories count as the
        State)."""
        key = ("lane_edges_over", None if states is None else frozenset(states),
               None if other_than is None else frozenset(other_than))
        if key not in self._csrs:
            eid, iso3, km, vertex = self.lanes_over_land()
            state = _state_of()
            st = np.asarray([state.get(c, c) for c in iso3], dtype=object)
            u, v = self.edge_u[eid], self.edge_v[eid]
            approach = (self.node_kind[u] == KIND_PORT) | (self.node_kind[v] == KIND_PORT)
            sure = vertex | (approach & (km >= LANE_LAND_KM))
            if states is not None:
                sure &= np.isin(iso3, list(key[1])) | np.isin(st, list(key[1]))
            if other_than is not None:
                sure &= ~np.isin(st, [state.get(c, c) for c in other_than])
            mask = np.zeros(self.n_edges, bool)
            mask[eid[sure]] = True
            self._csrs[key] = mask
        return self._csrs[key]

    def _lane_vertices_in(self, countries) -> np.ndarray:
        """Lane vertices (sea nodes) inside the land polygons of ``countries`` (or their
        territories), found once per network."""
        key = ("lane_vertices",)
        if key not in self._node_index:
            import shapely

            from ..countries import load_countries

            c = load_countries()
            sea = np.flatnonzero(self.node_kind == KIND_SEA)
            pi, gi = shapely.STRtree(c.geometry.values).query(shapely.points(self.node_lon[sea], self.node_lat[sea]),
                                                              predicate="within")
            self._node_index[key] = (sea[pi], c["iso3"].to_numpy(object)[gi])
        nodes, iso3 = self._node_index[key]
        state = _state_of()
        want = set(countries)
        hit = np.asarray([c in want or state.get(c, c) in want for c in iso3], bool)
        return nodes[hit]

    def transit_layers(self, A: sp.csr_array, ends: set[str], levels: int) -> sp.csr_array:
        """``A`` (a searchable matrix of this graph) in ``levels + 1`` layers that count
        the transit countries a route enters: node ``x`` of layer ``l`` is ``l * n + x``.

        An entry into a node of another country than the node it comes from, whose State
        is not one of ``ends`` (the origin's and the destination's), moves up one layer;
        from the top layer it is gone. A search from a facility (layer 0) therefore
        reaches a node in layer ``l`` only by routes that enter ``l`` runs of third
        countries, the count :meth:`breakdown` lists as ``transit`` (a route entering the
        same country twice counts it twice: such a route can be missed, never one with too
        many transit countries returned).
        """
        n = self.n_nodes
        if (levels + 1) * n >= 2**31:  # csgraph's int32 indices
            raise ValueError(f"{levels} transit levels on {n} nodes exceed a searchable matrix")
        code, _ = self.country_codes()
        third = (self.node_country != "") & ~np.isin(self.node_state(), list(ends))
        rows = np.repeat(np.arange(n), np.diff(A.indptr))
        cols = A.indices.astype(np.int64)
        up = third[cols] & (code[rows] != code[cols])
        # A step along a lane over a third State's land or internal waters enters it too.
        lane = self.lane_edges_over(other_than=ends)
        if lane.any():
            eu, ev = self.edge_u[lane].astype(np.int64), self.edge_v[lane].astype(np.int64)
            lk = np.concatenate([eu * n + ev, ev * n + eu])
            # A CSR with sorted indices lists its entries in key order (row * n + col): the
            # lane steps' entries are found by bisection, not by a set test of every entry.
            keys = rows.astype(np.int64) * n + cols
            if not A.has_sorted_indices:
                up |= np.isin(keys, lk)
            else:
                pos = np.minimum(np.searchsorted(keys, lk), len(keys) - 1)
                up[pos[keys[pos] == lk]] = True
        r_all, c_all, d_all = [], [], []
        for lev in range(levels + 1):
            flat = ~up
            r_all += [rows[flat] + lev * n]
            c_all += [cols[flat] + lev * n]
            d_all += [A.data[flat]]
            if lev < levels:
                r_all += [rows[up] + lev * n]
                c_all += [cols[up] + (lev + 1) * n]
                d_all += [A.data[up]]
        size = (levels + 1) * n
        return sp.csr_array((np.concatenate(d_all), (np.concatenate(r_all), np.concatenate(c_all))),
                            shape=(size, size))

    def country_codes(self) -> tuple[np.ndarray, np.ndarray]:
        """Per node, an integer code of its country (``pd.factorize`` of the ISO3 codes)
        and the codes' ISO3, computed once per graph."""
        if "country_codes" not in self._csrs:
            self._csrs["country_codes"] = pd.factorize(self.node_country)
        return self._csrs["country_codes"]

    def sea_only_csr(self, state: str, objective: Objective = "distance", costs=None) -> tuple[sp.csr_array, np.ndarray]:
        """A layered adjacency for routes whose land lies only in the origin and ``state``.

        Searched from a facility of ``state`` (destination) towards origins: layer 1 is a
        copy of ``state``'s own nodes (its roads, ports, facilities; it may cross one land
        border into layer 2); layer 2 is the whole graph with every border crossing cut
        and port approaches usable only from the sea towards the land, so a route that
        has left the sea never takes to it again. A route ending at an origin therefore
        uses land of the destination state and of the origin only. Returns the CSR and
        ``base``: ``base[i]`` is the graph node of layered node ``i``.
        """
        key = ("sea_only", state, objective, None if costs is None else id(costs))
        if key in self._csrs:
            return self._csrs[key]
        n = self.n_nodes
        w = np.maximum(self.weights(objective, costs), 1e-9)
        st = self.node_state()
        in_s = st == state
        local = np.full(n, -1, np.int64)
        s_nodes = np.flatnonzero(in_s)
        local[s_nodes] = n + np.arange(len(s_nodes))
        u, v = self.edge_u, self.edge_v
        cross = self._crossings()
        appr = self._approaches()
        fac_u = self.node_kind[u] == KIND_FACILITY
        kind = self.node_kind
        rows, cols, data = [], [], []

        def add(a, b, x):
            rows.append(a)
            cols.append(b)
            data.append(x)

        # Layer 2: no border crossings; approaches only sea -> port; facilities never.
        # Lanes over the land or internal waters of another State than the destination
        # (up its rivers, across its lakes) are land of that State: cut in layer 2 (a
        # route through the origin's own inland waters is missed with them).
        keep2_lanes = ~self.lane_edges_over(other_than=(state,))
        keep2 = ~cross & ~fac_u & keep2_lanes
        plain = keep2 & ~appr
        add(u[plain], v[plain], w[plain])
        add(v[plain], u[plain], w[plain])
        a_sea_to_port = np.where(kind[u] == KIND_PORT, v, u)
        a_port = np.where(kind[u] == KIND_PORT, u, v)
        a2 = appr & keep2
        add(a_sea_to_port[a2], a_port[a2], w[a2])
        # Layer 1: edges with both ends in the state (both ways; facilities one way).
        both = in_s[u] & in_s[v]
        b1 = both & ~fac_u
        add(local[u[b1]], local[v[b1]], w[b1])
        add(local[v[b1]], local[u[b1]], w[b1])
        f1 = both & fac_u
        add(local[u[f1]], local[v[f1]], w[f1])
        # Layer 1 ports to and from the sea (transshipment in the destination state is not transit).
        s_appr = appr & (in_s[a_port]) & keep2_lanes  # an approach overland through another State is not sea
        add(local[a_port[s_appr]], a_sea_to_port[s_appr], w[s_appr])
        add(a_sea_to_port[s_appr], local[a_port[s_appr]], w[s_appr])
        # Layer 1 -> layer 2 across one border, and into the state's own layer-2 nodes.
        out1 = cross & (in_s[u] ^ in_s[v])
        a_in = np.where(in_s[u], u, v)[out1]
        b_out = np.where(in_s[u], v, u)[out1]
        # That border is the import into the destination state: no transit-state cost.
        add(local[a_in], b_out, np.maximum(w[out1] - self.crossing_weight(objective, costs), 1e-9))
        add(local[s_nodes], s_nodes, np.full(len(s_nodes), 1e-9))
        r, c, d = np.concatenate(rows), np.concatenate(cols), np.concatenate(data)
        N = n + len(s_nodes)
        sel = lightest_per_key(r.astype(np.int64) * N + c, d)
        A = sp.csr_array((d[sel], (r[sel], c[sel])), shape=(N, N))
        base = np.concatenate([np.arange(n), s_nodes])
        self._csrs[key] = (A, base)
        return A, base

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

    def breakdown(self, path: list[int], objective: Objective = "distance", costs=None, *,
                  edges: np.ndarray | None = None) -> dict:
        """Length by mode (km), port calls, transit countries and legs of a node path.

        Returns ``sea_km``, ``road_km``, ``access_km``, ``port_calls``,
        ``transshipments`` (landings between two legs other than at the ends: each port
        call beyond the first and the last; a direct port-to-port sea leg has none, and
        transshipment at hubs is not modelled), ``transit`` (ISO3, in order; territories of
        the origin's or the destination's State are not third States), ``sea_transit``
        (those of them passed through their territorial sea only), ``inland_transit`` (those
        of them whose land or internal waters a sea lane runs over, :meth:`lane_passages`),
        ``lane_unknown`` (``(iso3, km)``: third States whose polygon a lane touches for less
        than :data:`LANE_LAND_KM`: not established, not counted), ``legs`` (one
        dict per run of one mode: ``mode``, ``km``, ``from_iso3``, ``to_iso3``) and
        ``first_leg_km`` (the first leg's km before rounding). ``edges``:
        the path's edge ids (:meth:`path_edges`), when the caller has them already.
        """
        path = np.asarray(path, np.int64)
        km = {"sea": 0.0, "road": 0.0, "access": 0.0}
        legs: list[dict] = []
        first_leg_km = 0.0
        if len(path) > 1:
            e = self.path_edges(path, objective, costs) if edges is None else edges
            modes = self.edge_mode[e]
            lens = self.edge_km[e]
            for m in range(3):
                km[MODES[m]] = float(lens[modes == m].sum())
            cut = np.flatnonzero(np.diff(modes)) + 1
            starts = np.concatenate([[0], cut])
            ends = np.concatenate([cut, [len(modes)]])
            first_leg_km = float(lens[starts[0]:ends[0]].sum())
            for s0, s1 in zip(starts, ends):
                a, b = path[s0], path[s1]
                legs.append({"mode": MODES[int(modes[s0])], "km": round(float(lens[s0:s1].sum()), 1),
                             "from_iso3": self._country_near(a), "to_iso3": self._country_near(b)})
        transit, sea_transit, lanes = self._transit(path, None)
        # A port call is a port the route reaches or leaves by sea (a port passed on land,
        # between an access join and a road, is not a call).
        calls = self.node_kind[path] == KIND_PORT
        if len(path) > 1 and calls.any():
            sea_step = self.edge_mode[e] == SEA
            by_sea = np.zeros(len(path), bool)
            by_sea[:-1] |= sea_step
            by_sea[1:] |= sea_step
            calls &= by_sea
        port_calls = int(calls.sum())
        return {"sea_km": km["sea"], "road_km": km["road"], "land_km": km["road"], "access_km": km["access"],
                "port_calls": port_calls, "transshipments": max(port_calls - 2, 0), "transit": transit,
                "sea_transit": sea_transit, "inland_transit": lanes["inland"], "lane_unknown": lanes["unknown"],
                "canals": _canals_on(self.node_lon[path], self.node_lat[path]),
                "legs": legs, "first_leg_km": first_leg_km}

    def transit_of(self, path, origin_iso3: str | None = None) -> tuple[list[str], list[str]]:
        """``(transit, sea_transit)`` of a node path, as :meth:`breakdown` lists them: the
        countries whose State is neither the origin's nor the destination's, in order:
        those of the path's nodes and those whose land or internal waters (lakes, rivers,
        canals) a sea lane of the path runs over (:meth:`lane_passages`).
        ``origin_iso3``: the origin's own country when the path starts elsewhere (a user
        point of San Marino joins the graph at an Italian road node)."""
        transit, sea_transit, _ = self._transit(path, origin_iso3)
        return transit, sea_transit

    def lane_passages(self, path, origin_iso3: str | None = None) -> dict:
        """The third States whose land polygon (``data/countries.gpkg``: lakes, rivers and
        canals are inside it) the path's sea lanes run over.

        Returns ``inland`` (ISO3 in path order: a lane vertex inside the State's polygon, or
        port approaches over it for at least :data:`LANE_LAND_KM`; these are transit States
        of the route, in :meth:`transit_of`) and ``unknown`` (``(iso3, km)``, from
        :data:`LANE_MIN_KM`: a straight lane between two vertices outside the polygon that
        cuts across it, an island or a cape, or a shorter approach: whether the route
        enters the State's internal waters is not established)."""
        _, _, lanes = self._transit(path, origin_iso3)
        return lanes

    def _transit(self, path, origin_iso3: str | None) -> tuple[list[str], list[str], dict]:
        path = np.asarray(path, np.int64)
        state = _state_of()
        first = origin_iso3 if origin_iso3 else self.node_country[path[0]]
        ends_states = {state.get(c, c) for c in (first, self.node_country[path[-1]])}
        # First appearances in path order, without the end States (from the runs of one
        # country along the path: a few, where the path has hundreds of nodes).
        countries = self.node_country[path]
        starts = np.concatenate([[0], np.flatnonzero(countries[1:] != countries[:-1]) + 1])
        # Events in path order: node ``i`` at 2i, the lane step i -> i+1 at 2i+1.
        events = [(2 * int(i), countries[i]) for i in starts if countries[i]]
        steps = [st for st in self._lane_steps(path) if state.get(st[1], st[1]) not in ends_states]
        inland_set, over_km = _lane_verdicts(steps)
        events += [(pos, c) for pos, c, *_ in steps if c in inland_set]
        events.sort(key=lambda e: e[0])
        transit = [c for c in dict.fromkeys(c for _, c in events) if c and state.get(c, c) not in ends_states]
        # Transit States whose every node on the path is a lane vertex: passed through
        # their territorial sea only (only with ``sea_passage_is_transit``), which some
        # treaties treat differently (Izmir Protocol Art 6(4)). A lane over a State's land
        # or internal waters is not a passage of its territorial sea.
        on_land = set(countries[self.node_kind[path] != KIND_SEA]) | inland_set if transit else set()
        inland = [c for c in transit if c in inland_set]
        unknown = [(c, round(over_km[c], 1)) for c in dict.fromkeys(c for _, c, *_ in steps)
                   if c not in inland_set and c not in transit and over_km[c] >= LANE_MIN_KM]
        return transit, [c for c in transit if c not in on_land], {"inland": inland, "unknown": unknown}

    def _lane_steps(self, path: np.ndarray) -> list[tuple[int, str, float, bool, bool]]:
        """``(position, iso3, km, vertex, approach)`` of each step of ``path`` along a sea
        edge over a country's land polygon: the step's place (2i + 1 for step i -> i+1),
        the km of the edge over it, whether a lane vertex of the step lies inside it and
        whether the step is a port approach (:meth:`lanes_over_land`)."""
        path = np.asarray(path, np.int64)
        if len(path) < 2:
            return []
        keys, iso3, km, vertex, approach = self._lane_land_keys()
        if not len(keys):
            return []
        k = path[:-1] * self.n_nodes + path[1:]
        lo = np.searchsorted(keys, k, "left")
        hi = np.searchsorted(keys, k, "right")
        out = []
        for i in np.flatnonzero(hi > lo):
            for j in range(lo[i], hi[i]):
                out.append((2 * int(i) + 1, str(iso3[j]), float(km[j]), bool(vertex[j]), bool(approach[j])))
        return out

    def _lane_land_keys(self):
        """The sea edges over land (:meth:`lanes_over_land`) keyed by directed step
        ``u * n_nodes + v`` (sorted; both directions), for this graph's node count."""
        if "lane_land_keys" not in self._csrs:
            eid, iso3, km, vertex = self.lanes_over_land()
            u, v = self.edge_u[eid], self.edge_v[eid]
            approach = (self.node_kind[u] == KIND_PORT) | (self.node_kind[v] == KIND_PORT)
            keys = np.concatenate([u * self.n_nodes + v, v * self.n_nodes + u])
            order = np.argsort(keys, kind="stable")
            two = lambda a: np.concatenate([a, a])[order]  # noqa: E731
            self._csrs["lane_land_keys"] = (keys[order], two(iso3), two(km), two(vertex), two(approach))
        return self._csrs["lane_land_keys"]

    def lanes_over_land(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Sea edges (lanes and port approaches) whose straight line runs over a country's
        land polygon: ``(edge id, iso3, km over it, vertex)`` per edge and country, ``vertex``
        when a lane vertex (not a port) of the edge lies inside it. Worked out once per
        network (graphs with facilities appended share it), from the countries layer."""
        key = ("lanes_over_land",)
        if key not in self._node_index:
            self._node_index[key] = _lanes_over_land(self)
        return self._node_index[key]

    def keep_lanes_over_land(self, eid: np.ndarray, iso3: np.ndarray, km: np.ndarray, vertex: np.ndarray) -> None:
        """Take :meth:`lanes_over_land` as computed before (the graph cache keeps it)."""
        self._node_index[("lanes_over_land",)] = (eid, iso3, km, vertex)

    def _country_near(self, node: int) -> str:
        return str(self.node_country[node] or "")

    def countries_on(self, path: list[int]) -> list[str]:
        """Countries (in order, without repeats) whose territory the path uses: those of
        its nodes and those whose land or internal waters its sea edges run over
        (the ``inland`` of :meth:`lane_passages`)."""
        path = np.asarray(path, np.int64)
        if not len(path):
            return []
        countries = self.node_country[path]
        events = [(2 * i, c) for i, c in enumerate(countries.tolist()) if c]
        steps = self._lane_steps(path)
        inland_set, _ = _lane_verdicts(steps)
        events += [(pos, c) for pos, c, *_ in steps if c in inland_set]
        events.sort(key=lambda e: e[0])
        return list(dict.fromkeys(c for _, c in events))

    def path_edges(self, path: list[int], objective: Objective = "distance", costs=None) -> np.ndarray:
        """Edge id of each step of a node path (the lightest edge between consecutive nodes)."""
        path = np.asarray(path, np.int64)
        if len(path) < 2:
            return np.empty(0, np.int64)
        return self._edge_ids(path[:-1], path[1:], objective, costs)

    def path_coords(self, path: list[int], objective: Objective = "distance", costs=None, *,
                    edges: np.ndarray | None = None) -> np.ndarray:
        """lon/lat of the path, with every road edge's intermediate points as driven
        (``edges``: the path's edge ids, when the caller has them already)."""
        path = np.asarray(path, np.int64)
        if len(path) < 2:
            return np.column_stack([self.node_lon[path], self.node_lat[path]])
        e = self.path_edges(path, objective, costs) if edges is None else edges
        g = self.edge_geom[e]
        nodes = np.column_stack([self.node_lon[path], self.node_lat[path]])
        if not (g >= 0).any():
            return nodes
        # Each edge contributes its road's intermediate points (reversed when the edge is
        # stored the other way round) and then its end node: gather them all at once.
        off, inner = _road_geometry()
        road = g >= 0
        first = np.where(road, off[np.where(road, g, 0)], 0)
        count = np.where(road, off[np.where(road, g, 0) + 1] - first, 0)
        back = self.edge_u[e] != path[:-1]
        j = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        idx = np.where(np.repeat(back, count), np.repeat(first + count - 1, count) - j, np.repeat(first, count) + j)
        out = np.empty((1 + count.sum() + len(e), 2))
        at_node = np.cumsum(count + 1)  # index in ``out`` of each edge's end node
        out[0] = nodes[0]
        out[at_node] = nodes[1:]
        is_inner = np.ones(len(out), bool)
        is_inner[0] = False
        is_inner[at_node] = False
        out[is_inner] = inner[idx] / 1000.0
        return out

    def geometry(self, path: list[int], objective: Objective = "distance", costs=None) -> MultiLineString:
        """Route geometry along the path (roads as driven), split at +-180 degrees."""
        return split_antimeridian(self.path_coords(path, objective, costs))

    def to_networkx(self, objective: Objective = "distance", costs=None):
        """A ``networkx.DiGraph`` with ``weight``, ``km``, ``mode`` and ``countries`` on every edge.

        Every edge runs both ways except facility edges, which run *into* the facility
        only, so a search from an origin can end at a facility but never pass through
        one. Parallel edges are collapsed to the lightest one, as in :meth:`csr`.
        """
        import networkx as nx

        c = self._csr(objective, costs)
        n = self.n_nodes
        G = nx.DiGraph()
        G.add_nodes_from(range(n))
        # The CSR was built from the sorted unique keys, so its data is in key order.
        u = (c.keys // n).astype(np.int64)
        v = (c.keys % n).astype(np.int64)
        w = c.A.data
        fac = self.node_kind == KIND_FACILITY
        # Facility edges run into the facility: swap their ends.
        swap = fac[u]
        u, v = np.where(swap, v, u), np.where(swap, u, v)
        names = np.asarray(MODES, dtype=object)[self.edge_mode[c.eid]]
        km = self.edge_km[c.eid]
        G.add_edges_from((a, b, {"weight": x, "km": k, "mode": m})
                         for a, b, x, m, k in zip(u.tolist(), v.tolist(), w.tolist(), names.tolist(), km.tolist()))
        return G


#: Road nodes tried per point (nearest first) for a road join that does not cross the sea.
_ROAD_CANDIDATES = 8


def _lane_verdicts(steps) -> tuple[set[str], dict[str, float]]:
    """From a path's :meth:`TransportGraph._lane_steps`: the countries it enters by a sea
    edge over their land or internal waters (a lane vertex inside the polygon, up a river
    or on a lake; or port approaches over it for at least :data:`LANE_LAND_KM`: a straight
    approach to an inland place runs over the land between) and the km of sea edges over
    each country's polygon. A straight lane between two vertices outside the polygon that
    cuts across it (an island, a cape, a channel drawn straight) is no evidence the route
    enters its internal waters: not counted (its km is in the second value)."""
    sure: set[str] = set()
    approach_km: dict[str, float] = {}
    over_km: dict[str, float] = {}
    for _, iso3, km, vertex, approach in steps:
        over_km[iso3] = over_km.get(iso3, 0.0) + km
        if vertex:
            sure.add(iso3)
        elif approach:
            approach_km[iso3] = approach_km.get(iso3, 0.0) + km
    return sure | {c for c, km in approach_km.items() if km >= LANE_LAND_KM}, over_km


def lightest_per_key(key: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Positions of the lightest entry of each distinct ``key`` (ties: the first), in key
    order: parallel entries of a sparse matrix would be summed, the search wants the
    lightest. The order of ``np.lexsort((w, key))``, from a stable sort by key and a lexsort
    of the few entries whose key repeats (~8x faster on the 2.7M entries of the world graph)."""
    order = np.argsort(key, kind="stable")
    ks = key[order]
    first = np.ones(len(ks), dtype=bool)
    first[1:] = ks[1:] != ks[:-1]
    if not first.all():
        in_run = ~first
        in_run[:-1] |= ~first[1:]
        sel = np.flatnonzero(in_run)
        order[sel] = order[sel][np.lexsort((w[order[sel]], ks[sel]))]
    return order[first]


def _over_land(iso3: str, lon: np.ndarray, lat: np.ndarray, to_lon: np.ndarray, to_lat: np.ndarray) -> np.ndarray:
    """Whether each straight join (lon, lat) -> (to_lon, to_lat) runs over ``iso3``'s land:
    at least 90 % of 41 points evenly spaced along it inside the country's polygons
    (Natural Earth 1:10m, prepared once; a segment across the antimeridian counts as
    crossing the sea). A longer road join is drawn only over land: across the sea it would
    price a sea crossing as road."""
    import shapely

    geom = _land_of(iso3)
    out = np.zeros(len(lon), bool)
    if geom is None or not len(lon):
        return out
    t = np.linspace(0.0, 1.0, 41)
    x = lon[:, None] + (to_lon - lon)[:, None] * t
    y = lat[:, None] + (to_lat - lat)[:, None] * t
    inside = shapely.contains_xy(geom, x.ravel(), y.ravel()).reshape(x.shape)
    out = inside.mean(axis=1) >= 0.9
    out[np.abs(to_lon - lon) > 180] = False
    return out


_LAND: dict = {}


def _land_of(iso3: str):
    """``iso3``'s polygons from the countries layer, prepared for point tests (kept)."""
    if iso3 not in _LAND:
        import shapely

        from ..countries import load_countries

        geom = load_countries().set_index("iso3").geometry.get(iso3)
        if geom is not None:
            shapely.prepare(geom)
        _LAND[iso3] = geom
    return _LAND[iso3]
