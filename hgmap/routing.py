"""Routes on the facility search trees: costs at an origin's joins, re-routes, paths, km.

:class:`RouteSearch` is the half of :class:`hgmap.access.AccessModel` that works on the
searches alone, never on the law: the search weight from an origin (its joins to the
graph) to every facility, re-routes with some States cut off (a transit ban, ``avoid``)
or with land only in the origin and destination States (``sea_only``), the path of a
route and its breakdown by mode, km along the trees, and the drawn geometry. Re-routes
and the km at country origins are kept on disk beside the trees (:mod:`hgmap.trees`).

It expects the attributes :class:`~hgmap.access.AccessModel` sets: ``graph``,
``fac_nodes``, ``wdist``, ``pred``, ``objective``, ``costs``, ``_f_state``, ``_fkeys``,
``_tree_folder``, ``_caches`` (with ``_trees``, ``_bases``, ``_routes``, ``_slot_kms``,
``_km_cols`` bound to it), ``origin_nodes`` and ``_join_rate``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse.csgraph import dijkstra

from .costs import route_cost
from .network import TransportGraph, _state_of
from .network.base import KIND_ROAD
from .network.graph import lightest_per_key
from .route_ports import route_ports
from .tree_km import TreeKm
from .trees import load_reroutes, parse_key, reroute_key

__all__ = ["RouteSearch"]

# A re-route path's facility node on disk (its index depends on the catalogue order).
_OWN_MARK = -2


@dataclass
class _Route:
    path: list[int]
    weight: float
    km: float
    sea_km: float
    road_km: float
    access_km: float
    transit: list[str]
    port_calls: int = 0
    transshipments: int = 0
    legs: list = field(default_factory=list)
    join_km: float = 0.0
    geometry: object = None
    #: The transit States passed through their territorial sea only (``sea_passage_is_transit``).
    sea_transit: list[str] = field(default_factory=list)
    #: The first sea leg's port of departure and the last one's port of arrival (port ids,
    #: UN/LOCODE; None: no sea leg, or a virtual port: :func:`hgmap.route_ports.route_ports`).
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    #: Transit States entered by a sea lane over their land or internal waters (a river, a
    #: lake, a canal) and ``(iso3, km)`` of lanes drawn across a State's polygon that say
    #: nothing of the ship's track (:meth:`hgmap.network.TransportGraph.lane_passages`).
    inland_transit: list[str] = field(default_factory=list)
    lane_unknown: list = field(default_factory=list)
    #: Ship canals passed (:data:`hgmap.network.passages.CANALS`): not counted as transit.
    canals: list[str] = field(default_factory=list)

    @property
    def land_km(self) -> float:
        return self.road_km


@dataclass
class _Slot:
    """One origin to solve: a country's default point or a user point."""

    key: str
    iso3: str
    name: str
    lon: float
    lat: float
    basis: str
    attach: list[tuple[int, float]]  # (graph node, straight-line join km)


class RouteSearch(TreeKm):
    """Route search on the facility trees (mixed into :class:`hgmap.access.AccessModel`)."""

    @staticmethod
    def _state_of_iso(iso3: str) -> str:
        """The State whose territory ``iso3`` is (itself for a State)."""
        return _state_of().get(iso3, iso3)

    def _slot_costs(self, slot: _Slot, dist: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per facility: best search weight from the slot and which attach node gives it."""
        if len(slot.attach) == 1:
            node, km = slot.attach[0]
            return dist[:, node] + km * self._join_rate, np.zeros(dist.shape[0], np.int64)
        if not slot.attach:
            return np.full(dist.shape[0], np.inf), np.zeros(dist.shape[0], np.int64)
        nodes = [a for a, _ in slot.attach]
        add = np.asarray([km for _, km in slot.attach]) * self._join_rate
        m = dist[:, nodes] + add[None, :]
        best = m.argmin(axis=1)
        return m[np.arange(len(best)), best], best

    def _tree(self, fi: int, avoid: frozenset[str], sea_only: bool, limit: tuple[int, str] | None = None):
        """(dist, pred, layered) of facility ``fi``'s search with ``avoid`` cut off
        (``sea_only``: the layered graph of :meth:`TransportGraph.sea_only_csr`; ``limit``,
        ``(n, origin State)``: at most ``n`` transit countries on the way to that State's
        origins, :meth:`TransportGraph.transit_layers`). ``layered`` is None, or the
        layered graph's ``(base, source, target)``: ``base[i]`` is the graph node of
        layered node ``i`` (None: ``i % n``), ``target[x]`` the layered node a route to
        ``x`` ends at (None: ``x``)."""
        if not avoid and not sea_only and limit is None:
            return self.wdist[fi], self.pred[fi], None
        key = (fi, avoid, sea_only, limit)
        if key not in self._trees:
            g = self.graph
            fnode = int(self.fac_nodes[fi])
            # Oldest first out: a kept search only saves its re-run (a cut search takes ~10 ms).
            same = [k for k in self._trees if (k[3] is None) == (limit is None)]
            for k in same[: max(len(same) - (_MAX_CUT if limit is None else _MAX_LIMITED) + 1, 0)]:
                del self._trees[k]
            if limit is not None:
                self._trees[key] = self._limited_tree(fi, avoid, *limit)
            elif sea_only:
                A, base = g.sea_only_csr(self._f_state[fi], self.objective, self.costs)
                if avoid:
                    import scipy.sparse as sp

                    keep = sp.diags_array((~g.country_nodes(avoid)[base]).astype(float))
                    A = (keep @ A @ keep).tocsr()
                    A.eliminate_zeros()
                src = int(np.flatnonzero((base == fnode) & (np.arange(len(base)) >= g.n_nodes))[0])
                d, p = dijkstra(A, directed=True, indices=src, return_predecessors=True)
                # Origins live in layer 2 (the whole graph) only.
                self._trees[key] = (d[: g.n_nodes], p, (base, src, None))
            else:
                d, p = _cut_search(g, self._f_state[fi], self.objective, self.costs, fnode, avoid,
                                   self.wdist[fi], self.pred[fi], self._children(fi))
                self._trees[key] = (d, p, None)
        return self._trees[key]

    def _limited_tree(self, fi: int, avoid: frozenset[str], n_transit: int, o_state: str) -> tuple:
        """:meth:`_tree` with at most ``n_transit`` transit countries to origins in
        ``o_state``: one search on :meth:`TransportGraph.transit_layers`; a node's weight
        is its lightest over the layers."""
        g = self.graph
        n = g.n_nodes
        A = g.csr_into(self._f_state[fi], self.objective, self.costs)
        if avoid:
            A = g.without_countries(avoid, A=A)
        L = g.transit_layers(A, {self._f_state[fi], o_state}, n_transit)
        d, p = dijkstra(L, directed=True, indices=int(self.fac_nodes[fi]), return_predecessors=True)
        by_layer = d.reshape(n_transit + 1, n)
        best = by_layer.argmin(axis=0)
        # Layered node i is graph node i % n: no base array is kept (base None).
        return (by_layer.min(axis=0), p.astype(np.int32, copy=False), (None, int(self.fac_nodes[fi]),
                                                            (best * n + np.arange(n)).astype(np.int32)))

    def _children(self, fi: int) -> tuple[np.ndarray, np.ndarray]:
        """Facility ``fi``'s tree as child lists (CSR ``indptr``, ``indices``), kept for the
        last :data:`_MAX_CHILDREN` facilities re-routed (3 MB each on the world graph)."""
        kids = self._caches.setdefault("children", {})
        if fi not in kids:
            import scipy.sparse as sp

            pred = self.pred[fi]
            child = np.flatnonzero(pred >= 0).astype(np.int32)
            # A sparse matrix sorts the children by parent in one counting pass (an argsort
            # of 400,000 parents took three times as long); each row keeps them in order.
            tree = sp.csr_array((np.ones(len(child)), (pred[child], child)), shape=(len(pred), len(pred)))
            while len(kids) >= _MAX_CHILDREN:
                kids.pop(next(iter(kids)))
            kids[fi] = (tree.indptr.astype(np.int64), tree.indices.astype(np.int32))
        return kids[fi]

    def _disk_store(self) -> tuple[dict, dict]:
        """Re-routes by (facility index, node, cut, sea_only) and tree km by (facility key,
        node), read once from the trees' cache folder."""
        if self._caches["reroutes"] is None:
            by_key: dict[str, list[int]] = {}
            for i, k in enumerate(self._fkeys):
                by_key.setdefault(k, []).append(i)
            reroutes: dict = {}
            kms: dict = {}
            for k, (w, path) in load_reroutes(self._tree_folder).items():
                kind, fkey, *rest = parse_key(k)
                if kind == "km":
                    kms[(fkey, rest[0])] = w
                    continue
                cut, sea_only, node = rest
                for i in by_key.get(fkey, ()):
                    own = int(self.fac_nodes[i])
                    p = None if path is None else [own if n == _OWN_MARK else int(n) for n in path]
                    reroutes[(i, node, cut, sea_only)] = (w, p)
            self._caches["reroutes"], self._caches["km_disk"] = reroutes, kms
        return self._caches["reroutes"], self._caches["km_disk"]

    def _reroute(self, fi: int, node: int, avoid: frozenset[str], sea_only: bool) -> tuple[float, list[int] | None]:
        """Search weight and path (origin first) of facility ``fi``'s re-route to ``node``:
        from the re-route cache (in process, then on disk) or from a new search."""
        store, _ = self._disk_store()
        key = (fi, node, avoid, sea_only)
        if key not in store:
            dist, _, _ = self._tree(fi, avoid, sea_only)
            base = self._base(fi, node, avoid, sea_only) if np.isfinite(dist[node]) else None
            path = None  # a base built from its exit's is walked only where it is kept on disk
            if base is not None and (base["path"] is not None or node in self._origin_node_set):
                path = list(self._base_path(base))
            store[key] = (float(dist[node]), path)
            own = int(self.fac_nodes[fi])
            if node in self._origin_node_set:  # on disk for the country origins only (user points vary)
                on_disk = None if path is None else np.asarray([_OWN_MARK if n == own else n for n in path])
                self._caches["reroutes_new"][reroute_key(self._fkeys[fi], avoid, sea_only, node)] = (
                    float(dist[node]), on_disk)
        return store[key]

    def _base(self, fi: int, node: int, avoid: frozenset[str], sea_only: bool,
              path: list[int] | None = None, limit: tuple[int, str] | None = None) -> dict | None:
        """Path facility -> ``node`` (reversed: node first) and its breakdown, shared by every
        origin point that joins the graph at ``node``. ``path`` (origin first): a re-route's
        path from the cache, so no search is needed. ``limit``: as for :meth:`_tree`."""
        key = (fi, node, avoid, sea_only, limit)
        if key in self._bases:
            return self._bases[key]
        if path is not None:
            out = self._new_base(list(path))
            self._bases[key] = out
            return out
        if not sea_only and limit is None:
            out = self._road_prefix_base(fi, node, avoid)
            if out is not None:
                self._bases[key] = out
                return out
        dist, pred, layered = self._tree(fi, avoid, sea_only, limit)
        out = None
        if np.isfinite(dist[node]):
            fnode = int(self.fac_nodes[fi])
            if layered is None:
                path = TransportGraph.path_from_predecessors(pred, fnode, node)
            else:
                base, src, target = layered
                end = node if target is None else int(target[node])
                lpath = TransportGraph.path_from_predecessors(pred, src, end)
                if lpath is None:
                    path = None
                elif base is None:  # the transit layers: layered node i is graph node i % n
                    path = [i % self.graph.n_nodes for i in lpath]
                else:
                    path = [int(base[i]) for i in lpath]
                if path is not None:  # drop the zero-length layer switch (same node twice)
                    path = [n for i, n in enumerate(path) if i == 0 or n != path[i - 1]]
            if path is not None:
                path.reverse()  # origin -> facility
                out = self._new_base(path)
        self._bases[key] = out
        return out

    def _road_prefix_base(self, fi: int, node: int, avoid: frozenset[str] = frozenset()) -> dict | None:
        """The base route of a road node that reaches facility ``fi``'s tree path (its
        search with ``avoid`` cut off) through roads of its own country only up to an
        *exit* (the last such node: a border, a port or a facility follows), from the
        exit's base plus that road prefix; None when ``node`` is its own exit or not a
        road node.

        Points of one country join the graph at thousands of nodes whose routes leave it
        at a handful of exits, and the prefix changes only the road km and the first
        leg: the transit States, ports, sea km and later legs are the exit's. The path
        itself is walked only when the route is drawn (:meth:`_base_path`). Each node
        walked keeps its exit and km to it, so later points stop at the first one known.
        """
        g = self.graph
        kind, country = g.node_kind, g.node_country
        dist, pred, _ = self._tree(fi, avoid, False)  # a cut-off search is never layered
        if kind[node] != KIND_ROAD or not np.isfinite(dist[node]):
            return None
        exits = self._caches.setdefault("exits", {}).setdefault((fi, avoid), {})
        home = country[node]
        walk: list[int] = []
        u = node
        hit = exits.get(u)
        while hit is None:
            p = int(pred[u])
            if p < 0 or kind[p] != KIND_ROAD or country[p] != home:
                hit = (u, 0.0)  # u is the exit
                break
            walk.append(u)
            u = p
            hit = exits.get(u)
        exit_node, km_after = hit
        if walk:
            steps = g.edge_km[g._edge_ids(np.asarray(walk), np.asarray([*walk[1:], u]), self.objective, self.costs)]
            to_exit = np.cumsum(steps[::-1])[::-1] + km_after
            for w, km in zip(walk, to_exit.tolist()):
                exits[w] = (exit_node, km)
        if exit_node == node:
            return None
        base_e = self._base(fi, exit_node, avoid, False)
        if base_e is None:
            return None
        delta = exits[node][1]
        b_e = base_e["b"]
        legs = b_e["legs"]
        if legs and legs[0]["mode"] == "road":
            first = b_e["first_leg_km"] + delta
            legs = [{**legs[0], "km": round(first, 1)}, *legs[1:]]
        else:
            first = delta
            iso3 = str(home or "")
            legs = [{"mode": "road", "km": round(delta, 1), "from_iso3": iso3, "to_iso3": iso3}, *legs]
        b = {**b_e, "road_km": b_e["road_km"] + delta, "land_km": b_e["road_km"] + delta, "legs": legs,
             "first_leg_km": first}
        return {"path": None, "edges": None, "coords": None, "b": b, "tree": (fi, node, avoid), "exit": base_e}

    def _base_path(self, base: dict) -> list[int]:
        """The node path (origin first) of a base route, walked on its tree when the base
        was built from its exit's (:meth:`_road_prefix_base`)."""
        if base.get("path") is None:
            fi, node, avoid = base["tree"]
            after = base["exit"]  # the exit's base: its path is walked already
            tail = self._base_path(after)
            pred, stop = self._tree(fi, avoid, False)[1], tail[0]  # the search again if it was dropped
            prefix = [node]
            while prefix[-1] != stop:
                prefix.append(int(pred[prefix[-1]]))
            head = self.graph.path_edges(prefix, self.objective, self.costs)
            base["path"] = prefix[:-1] + tail
            base["edges"] = np.concatenate([head, after["edges"]])
        return base["path"]

    def _new_base(self, path: list[int]) -> dict:
        """A base route: its path, edges (looked up once: the breakdown and the drawing
        both need them) and breakdown."""
        edges = self.graph.path_edges(path, self.objective, self.costs)
        b = self.graph.breakdown(path, self.objective, self.costs, edges=edges)
        ports = route_ports(self.graph, path, edges)
        sea_legs = [leg for leg in b["legs"] if leg["mode"] == "sea"]
        for leg, (a, z) in zip(sea_legs, ports["ports"]):  # each sea leg names its ports
            leg["from_port"], leg["to_port"] = a, z
        b["port_of_loading"], b["port_of_discharge"] = ports["loading"], ports["discharge"]
        return {"path": path, "edges": edges, "coords": None, "b": b}

    def _route(self, fi: int, slot: _Slot, avoid: frozenset[str] = frozenset(), sea_only: bool = False,
               max_transit: int | None = None) -> _Route | None:
        """The best route from ``slot`` to facility ``fi`` with ``avoid`` cut off, land only in
        the end States (``sea_only``) and at most ``max_transit`` transit countries
        (:meth:`_limited_tree`; None: any number)."""
        limit = None if max_transit is None else (int(max_transit), self._state_of_iso(slot.iso3))
        key = (fi, slot.key, tuple(slot.attach), avoid, sea_only, limit)
        if key in self._routes:
            return self._routes[key]
        cached = None
        if (avoid or sea_only) and limit is None and len(slot.attach) == 1:
            # A re-route to a single join node: its weight and path may be cached.
            node0, join0 = slot.attach[0]
            w, path = self._reroute(fi, node0, avoid, sea_only)
            costs, which = np.asarray([w + join0 * self._join_rate]), np.zeros(1, np.int64)
            cached = path
        else:
            dist, _, _ = self._tree(fi, avoid, sea_only, limit)
            costs, which = self._slot_costs(slot, dist[None, :])
        route = None
        if np.isfinite(costs[0]):
            node, join = slot.attach[int(which[0])]
            base = self._base(fi, node, avoid, sea_only, cached, limit)
            if base is not None:
                b = base["b"]
                acc = b["access_km"] + join
                legs = b["legs"]
                if join > 0:
                    legs = [{"mode": "access", "km": round(join, 1), "from_iso3": slot.iso3,
                             "to_iso3": slot.iso3}, *legs]
                km = b["sea_km"] + b["road_km"] + acc
                transit, sea_transit = b["transit"], b.get("sea_transit", [])
                lanes = {"inland": b.get("inland_transit", []), "unknown": b.get("lane_unknown", [])}
                if self._state_of_iso(slot.iso3) != self._state_of_iso(str(self.graph.node_country[node])):
                    # The point joins the graph in another State (San Marino's points join Italian
                    # roads): the base's transit took that State for the origin's.
                    full = base["path"] if base["path"] is not None else self._base_path(base)
                    transit, sea_transit = self.graph.transit_of(full, slot.iso3)
                    lanes = self.graph.lane_passages(full, slot.iso3)
                route = _Route(base["path"], float(costs[0]), km, b["sea_km"], b["road_km"], acc, transit,
                               b["port_calls"], b["transshipments"], legs, join, sea_transit=sea_transit,
                               port_of_loading=b.get("port_of_loading"), port_of_discharge=b.get("port_of_discharge"),
                               inland_transit=list(lanes["inland"]), lane_unknown=list(lanes["unknown"]),
                               canals=list(b.get("canals", [])))
                route._base = base
        self._routes[key] = route
        return route

    def route_geometry(self, route: _Route, slot: _Slot | None = None, *, join_km: float = 0.0):
        """The route as drawn: the base path (roads as driven, split at +-180, cached per
        join node) plus the point's straight join segment (``join_km``: a join the route
        itself does not hold, when it was solved at the point's join node)."""
        if route.geometry is None:
            base = getattr(route, "_base", None)
            if base is None:
                base = {"coords": None, "split": None}
            if base.get("split") is None:
                from .geo import split_antimeridian

                if route.path is None and "tree" in base:
                    route.path = self._base_path(base)
                coords = self.graph.path_coords(route.path, self.objective, self.costs, edges=base.get("edges"))
                base["split"] = split_antimeridian(coords)
                base["first"] = coords[0]
            route.geometry = base["split"]
            route._first = base["first"]
        if slot is None or route.join_km + join_km <= 0:
            return route.geometry
        return _with_join(route.geometry, route._first, slot.lon, slot.lat)

    def route_cost(self, route: _Route) -> tuple[float, float]:
        """Low and high transport cost (USD/t) of a route, priced term by term (user points
        are priced over all their rows at once: :meth:`hgmap.point_rows.PointRows._point_option_cells`)."""
        kw = dict(sea_km=route.sea_km, road_km=route.road_km, access_km=route.access_km,
                  port_calls=route.port_calls, transshipments=route.transshipments,
                  transit_states=len(route.transit))
        return float(route_cost(self.costs, level="low", **kw)), float(route_cost(self.costs, level="high", **kw))

    def route_geometries(self, route: _Route, members: Sequence[tuple[_Slot, float]]) -> list:
        """:meth:`route_geometry` for each ``(slot, join)``, the join segments built at once."""
        import shapely

        base = self.route_geometry(route)
        need = [m for m, (slot, join) in enumerate(members) if route.join_km + join > 0]
        out = [base] * len(members)
        if not need:
            return out
        first = route._first
        parts = list(base.geoms)
        straight = [m for m in need if abs(first[0] - members[m][0].lon) < 180]
        if straight:
            pts = np.array([[(members[m][0].lon, members[m][0].lat), tuple(first)] for m in straight], float)
            segs = shapely.linestrings(pts)
            lines = np.concatenate([segs, np.tile(np.asarray(parts, object), len(straight))])
            idx = np.concatenate([np.arange(len(straight)), np.repeat(np.arange(len(straight)), len(parts))])
            order = np.argsort(idx, kind="stable")
            for m, g in zip(straight, shapely.multilinestrings(lines[order], indices=idx[order])):
                out[m] = g
        done = set(straight)
        for m in need:
            if m not in done:  # the join crosses +-180 (rare): split it
                slot = members[m][0]
                out[m] = _with_join(base, first, slot.lon, slot.lat)
        return out

    def origin_km(self, origin: str) -> np.ndarray:
        """km of every facility's best route (by the objective) from ``origin``'s default
        origin point; ``inf`` where there is none. Use this, not :attr:`wdist` (the search
        weight: USD/t with the cost objective), wherever km are shown."""
        return self._slot_km(self._country_slots([origin])[0]).copy()

    def _slot_km(self, slot: _Slot) -> np.ndarray:
        """Per facility, km of the unconstrained best route from ``slot`` (``inf``: none),
        kept per slot: the blocked list and the row both ask for it."""
        key = (slot.key, tuple(slot.attach))
        if key not in self._slot_kms:
            if not slot.attach:
                out = np.full(len(self.fac_nodes), np.inf)
            else:
                costs, which = self._slot_costs(slot, self.wdist)
                joins = np.asarray([j for _, j in slot.attach])
                km = self.km_at([a for a, _ in slot.attach])[np.arange(len(self.fac_nodes)), which] + joins[which]
                out = np.where(np.isfinite(costs), km, np.inf)
            if len(self._slot_kms) > _MAX_SLOT_KMS:
                self._slot_kms.clear()
            self._slot_kms[key] = out
        return self._slot_kms[key]


def _with_join(geom, first, lon: float, lat: float):
    """``geom`` (a MultiLineString) with the straight segment from (lon, lat) to its first
    point in front, split at +-180 when it crosses."""
    from shapely.geometry import LineString, MultiLineString

    from .geo import split_antimeridian

    first = tuple(first)
    if abs(first[0] - lon) < 180:
        pieces = [LineString([(lon, lat), first])]
    else:
        pieces = list(split_antimeridian([(lon, lat), first]).geoms)
    return MultiLineString([*pieces, *geom.geoms])


#: Searches limited in transit countries kept (8 MB each on the world graph for one limit) ...
_MAX_LIMITED = 32
#: ... and cut-off or sea-only searches (5 MB each; a world solve of ten streams makes ~180).
_MAX_CUT = 64
#: Slots whose km rows are kept (800 bytes each with 99 facilities): enough for the join
#: nodes of 100,000 user points (15,747 in bench_routes.py), which every stream asks again.
_MAX_SLOT_KMS = 65536
#: Above this share of the graph's nodes a cut-off search is done from scratch.
_CUT_FULL_SHARE = 0.4
#: Facilities whose trees are kept as child lists for re-routes.
_MAX_CHILDREN = 32


def _cut_search(g: TransportGraph, state: str, objective, costs, fnode: int, avoid: frozenset[str],
                dist0: np.ndarray, pred0: np.ndarray,
                children: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Distances and predecessors of the search from ``fnode`` (a facility in ``state``) on
    :meth:`TransportGraph.csr_into` with the territory of ``avoid`` cut off, from the
    facility's tree (``dist0``, ``pred0``) without the cut.

    Cutting nodes off lengthens only the routes through them: every node whose tree path
    avoids the cut keeps its distance and predecessor. The others (the cut nodes' subtrees)
    are searched again, starting from the unchanged nodes next to them: a route to such a
    node leaves the unchanged part once, for good. That search covers a small part of the
    graph for a small cut (Montenegro, Cameroon); a cut whose subtrees hold more than
    :data:`_CUT_FULL_SHARE` of the nodes is searched from scratch. Only the weights of the
    entries out of the nodes searched again are read (:meth:`TransportGraph.into_weights`),
    so the State's whole matrix is built only for a search from scratch. ``children``: the
    tree as child lists (:meth:`RouteSearch._children`).
    """
    import scipy.sparse as sp
    from scipy.sparse.csgraph import breadth_first_order

    base = g._csr(objective, costs)
    A, keys = base.A, base.keys  # the entries' places; the weights are the State's (into_weights)
    n = A.shape[0]
    cut = g.country_nodes(avoid)
    # The cut nodes' subtrees: a breadth-first walk down the tree from a root above them.
    indptr, kids = children
    tops = np.flatnonzero(cut & (pred0 >= 0))
    # float64 weights: scipy's graph routines copy any other dtype to float64 first (2.8 ms, not 0.5).
    tree = sp.csr_array((np.ones(len(kids) + len(tops)), np.concatenate([kids, tops]),
                         np.concatenate([indptr, [len(kids) + len(tops)]])), shape=(n + 1, n + 1))
    hit = breadth_first_order(tree, n, directed=True, return_predecessors=False)
    changed = np.zeros(n + 1, bool)
    changed[hit] = True
    changed = changed[:n]
    redo = changed & ~cut & np.isfinite(dist0)
    if redo.sum() > _CUT_FULL_SHARE * n:
        return dijkstra(g.without_countries(avoid, A=g.csr_into(state, objective, costs)), directed=True,
                        indices=fnode, return_predecessors=True)
    dist = dist0.astype(float)
    pred = pred0.astype(np.int32)
    dist[changed] = np.inf
    pred[changed] = -9999
    nodes = np.flatnonzero(redo)
    if not len(nodes):
        return dist, pred
    local = np.full(n, -1, np.int64)
    local[nodes] = np.arange(len(nodes))
    # Entries of A out of the nodes to search again, and their reverse (the graph runs
    # both ways but for facility edges; a reverse that is not stored is not an entry).
    starts, ends = A.indptr[nodes], A.indptr[nodes + 1]
    cnt = ends - starts
    pos = np.repeat(starts - np.cumsum(np.concatenate([[0], cnt[:-1]])), cnt) + np.arange(cnt.sum())
    src = np.repeat(nodes, cnt)
    dst = A.indices[pos].astype(np.int64)
    inner = local[dst] >= 0
    # Inside: the subgraph of the nodes to search again.
    sub_u, sub_v, sub_w = local[src[inner]], local[dst[inner]], g.into_weights(state, pos[inner], objective, costs)
    # From outside: an unchanged node u next to v, at dist0[u] plus the weight of u -> v.
    out_u, out_v = dst[~inner], src[~inner]
    ok = ~changed[out_u] & ~cut[out_u]
    out_u, out_v = out_u[ok], out_v[ok]
    k = out_u * n + out_v
    at = np.minimum(np.searchsorted(keys, k), len(keys) - 1)
    found = keys[at] == k
    out_u, out_v = out_u[found], out_v[found]
    w_in = dist[out_u] + g.into_weights(state, at[found], objective, costs)
    m = len(nodes)
    # One source before them all, joined to each entry node at its entry distance (the
    # lightest of its entries: a sparse matrix would sum them).
    B = _min_duplicates(np.concatenate([sub_u, np.full(len(w_in), m)]), np.concatenate([sub_v, local[out_v]]),
                        np.concatenate([sub_w, w_in]), m + 1)
    d_sub, p_sub = dijkstra(B, directed=True, indices=m, return_predecessors=True)
    dist[nodes] = d_sub[:m]
    reached = np.isfinite(d_sub[:m])
    p_loc = p_sub[:m]
    from_out = reached & (p_loc == m)
    inside = reached & ~from_out
    pred[nodes[inside]] = nodes[p_loc[inside]]
    if from_out.any():
        # The unchanged neighbour each entry came from: the lightest entry into it.
        best = lightest_per_key(local[out_v], w_in)
        best_u = np.full(m, -9999, np.int64)
        best_u[local[out_v][best]] = out_u[best]
        pred[nodes[from_out]] = best_u[np.flatnonzero(from_out)]
    return dist, pred


def _min_duplicates(u: np.ndarray, v: np.ndarray, w: np.ndarray, n: int):
    """CSR (n x n) of the entries, the lightest of each repeated (u, v) kept."""
    import scipy.sparse as sp

    sel = lightest_per_key(u * n + v, w)
    return sp.csr_array((np.maximum(w[sel], 1e-9), (u[sel], v[sel])), shape=(n, n))
