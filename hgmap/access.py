"""Each origin's nearest legally accessible facility, per waste stream, on sea and road.

The solver runs one Dijkstra search *from every facility* on the transport graph
(``scipy.sparse.csgraph``; lanes and roads run both ways, so facility -> origin costs
are origin -> facility costs; facilities are ends, never waypoints), weighted by the
*objective*: the generalised transport cost of :mod:`hgmap.costs` (default) or km.
Then, for each stream, it applies the legal matrix of :mod:`hgmap.law` as a mask over
origins x facilities. A legally open facility whose best route crosses a state that bans
the transit is re-routed on the graph without that state; routing options (``avoid``,
``max_transit``, ``sea_only``) restrict the routes the same way. If no route remains,
the facility is closed with the reason. Unreachable is a result with reasons, never a
fallback route.

Origins are countries (their default origin point: capital or main port city, see
``data/origins.csv``) or user points (:func:`hgmap.origins.load_origin_points_file`),
each solved on its own and keeping its id.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import dijkstra

from . import law
from .costs import Costs, load_costs, route_cost
from .countries import load_countries
from .errors import HgmapError
from .facilities import catalogue_stamp, load_facilities
from .network import Objective, TransportGraph, _state_of, build_graph
from .origins import select_origins
from .trees import cache_folder, facility_keys, facility_trees, load_reroutes, reroute_key, save_reroutes
from .vocab import OPERATIONS, STREAMS, check_operation, check_stream, parse_date

__all__ = [
    "NO_FACILITY",
    "NO_LEGAL_ROUTE",
    "NO_ROUTE",
    "REACHABLE",
    "RESULT_COLUMNS",
    "blocked_text",
    "shared_model",
    "AccessModel",
    "accessibility",
    "geo_table",
    "resolve_origins",
    "result_table",
    "write_result",
]

log = logging.getLogger(__name__)

REACHABLE = "reachable"
NO_LEGAL_ROUTE = "no_legal_route"
#: Every candidate facility is legal but no route satisfies the routing options
#: (``avoid``, ``max_transit``, ``sea_only``) or the network has none.
NO_ROUTE = "no_route"
NO_FACILITY = "no_facility_for_stream"

RESULT_COLUMNS: tuple[str, ...] = (
    "origin_iso3", "origin_name", "is_sids", "sids_region", "stream", "status", "rank",
    "facility_id", "facility_name", "facility_iso3", "operation", "distance_km", "sea_km", "land_km",
    "access_km", "transit_iso3", "legal_status", "legal_rules", "legal_conditions", "legal_confidence",
    "legal_unknowns", "nearest_unconstrained_facility_id", "nearest_unconstrained_km", "blocked_reasons",
    "origin_id", "origin_lon", "origin_lat", "origin_basis", "road_km", "port_calls", "transshipments",
    "cost_usd_per_t_low", "cost_usd_per_t_high", "legs", "acceptance",
)
#: How many nearer-but-closed facilities a row lists at most (nearest first); facilities
#: that simply do not take the stream are capped lower so that they never crowd out the
#: legal, transit and status reasons, which are what analysts need.
MAX_BLOCKED = 20
MAX_BLOCKED_STREAM = 3
_MAX_REROUTES = 6


def resolve_origins(origins: str | Iterable[str] | None) -> list[str]:
    """``None``/``"all"`` -> every country; ``"sids"`` -> the 58 SIDS; else ISO3 codes.

    Kept for compatibility: the one implementation is :func:`hgmap.origins.select_origins`.
    """
    return select_origins(origins)


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


@dataclass
class AccessModel:
    """A transport graph with facilities attached and their shortest-path trees.

    Build once, then :meth:`solve` any stream, date or scenario: the searches do not
    depend on the law, only the masks do.

    Parameters
    ----------
    facilities
        A GeoDataFrame from :func:`hgmap.load_facilities`, or a path to a catalogue,
        or ``None`` for the shipped catalogue.
    graph
        Base graph from :func:`hgmap.network.build_graph` (default settings if ``None``).
    objective
        ``"cost"`` (default: generalised transport cost, :mod:`hgmap.costs`) or
        ``"distance"`` (km).
    costs
        A :class:`hgmap.costs.Costs` or a cost-file path (default: the shipped defaults).
    """

    facilities: gpd.GeoDataFrame | str | os.PathLike | None = None
    graph: TransportGraph | None = None
    objective: Objective = "cost"
    costs: Costs | str | os.PathLike | None = None
    _routes: dict = field(default_factory=dict, repr=False)
    _trees: dict = field(default_factory=dict, repr=False)
    _decisions: dict = field(default_factory=dict, repr=False)
    _acc_cache: dict = field(default_factory=dict, repr=False)
    _bases: dict = field(default_factory=dict, repr=False)
    _slot_kms: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.objective not in ("cost", "distance"):
            raise HgmapError(f"objective must be 'cost' or 'distance', got {self.objective!r}")
        if not isinstance(self.costs, Costs):
            self.costs = load_costs(self.costs)
        if self.facilities is None or isinstance(self.facilities, (str, os.PathLike)):
            self.facilities = load_facilities(self.facilities)
        self.facilities = self.facilities.reset_index(drop=True)
        base = self.graph if self.graph is not None else build_graph()
        self.base_graph = base
        key = self._trees_key(base)
        shared = _SEARCH.get(key)
        if shared is None or shared[0] is not base:
            # What models of the same graph, facility places, objective and weights share:
            # the joined graph (its matrices) and every search made on it (re-routes,
            # paths, km), none of which depends on the law, statuses or dates.
            shared = (base, base.with_facilities(self.facilities),
                      {"trees": {}, "bases": {}, "routes": {}, "km": {}, "slot_km": {}, "reroutes": None,
                       "reroutes_new": {}})
            _SEARCH[key] = shared
            while len(_SEARCH) > _MAX_SEARCH:
                _SEARCH.pop(next(iter(_SEARCH)))
        self.graph = shared[1]
        caches = shared[2]
        self._trees, self._bases, self._routes = caches["trees"], caches["bases"], caches["routes"]
        self._slot_kms = caches["slot_km"]
        self._caches = caches
        self.fac_nodes = np.array([self.graph.facility_node[f] for f in self.facilities["id"]], dtype=np.int64)
        self._w = self.graph.weights(self.objective, self.costs)
        state = _state_of()
        self._f_state = [state.get(c, c) for c in self.facilities["country_iso3"]]
        self.wdist, self.pred = facility_trees(self.graph, base, self.fac_nodes, self._f_state,
                                               objective=self.objective, costs=self.costs,
                                               memo_key=key)
        self._fkeys = facility_keys(self.graph, base.n_nodes, self.fac_nodes, self._f_state)
        self._tree_folder = cache_folder(base, self.objective, self.costs)
        # km along the trees, filled per node on demand (:meth:`km_at`): only origins and
        # user points need them, and walking 244 origins' paths is ~50x cheaper than a
        # second search over every node per facility.
        self._km_cols: dict[int, np.ndarray] = caches["km"]
        countries = load_countries().set_index("iso3")
        self.countries = countries
        self._c_name = countries["name"].to_dict()
        self._c_sids = countries["sids"].astype(bool).to_dict()
        self._c_region = countries["sids_region"].to_dict()
        self._f_id = self.facilities["id"].tolist()
        self._f_name = self.facilities["name"].tolist()
        self._f_iso = self.facilities["country_iso3"].tolist()
        self._f_status = self.facilities["status"].tolist()
        self.origin_nodes = self.graph.origin_node
        self._origin_node_set = set(self.origin_nodes.values())
        w = self.costs.weights("mid")
        self._join_rate = w["road_usd_per_tkm"] if self.objective == "cost" else 1.0

    def _trees_key(self, base: TransportGraph) -> tuple:
        """What the facility search trees depend on: the graph, where each facility is,
        the objective and the cost weights (not the law, statuses or dates)."""
        f = self.facilities
        where = tuple(zip(f["id"], f["lon"].round(9), f["lat"].round(9), f["country_iso3"]))
        weights = tuple(sorted(self.costs.weights("mid").items()))
        return (id(base), self.objective, weights, where)

    def km_at(self, nodes: Sequence[int]) -> np.ndarray:
        """km along every facility's search tree to each of ``nodes`` (facilities x nodes;
        ``inf`` where unreachable). With the distance objective this is the search weight
        itself; with the cost objective the tree paths are walked back to the facility,
        all at once, and the columns are kept for the next call."""
        nodes = np.asarray(nodes, np.int64).ravel()
        if self.objective == "distance":
            return np.asarray(self.wdist[:, nodes], float)
        todo = [n for n in dict.fromkeys(nodes.tolist()) if n not in self._km_cols]
        if todo:
            disk = self._disk_store()["km"]
            left = []
            for n in todo:
                col = [disk.get((k, n)) for k in self._fkeys]
                if None in col:
                    left.append(n)
                else:
                    self._km_cols[n] = np.asarray(col, float)
            todo = left
        if todo:
            todo_a = np.asarray(todo, np.int64)
            km = self._walk_km(todo_a)
            new = self._caches["reroutes_new"]
            origins = self._origin_node_set
            for j, col in enumerate(km.reshape(len(self.fac_nodes), len(todo_a)).T):
                n = int(todo_a[j])
                self._km_cols[n] = col
                if n in origins:  # kept on disk for the country origins only (user points vary)
                    for i, k in enumerate(self._fkeys):
                        new[f"km|{k}|{n}"] = (float(col[i]), None)
        return np.column_stack([self._km_cols[int(n)] for n in nodes]) if len(nodes) else np.empty((len(self.fac_nodes), 0))

    def _walk_km(self, todo: np.ndarray) -> np.ndarray:
        """km (facilities x ``todo``, flattened) walked back along the trees, all walkers at
        once. Every node a walk passes is remembered (km from the facility), and a walk
        stops at the first remembered node: paths to nearby points share almost all of it."""
        n_f = len(self.fac_nodes)
        memo = self._caches.get("km_memo")
        if memo is None:
            memo = self._caches["km_memo"] = (np.zeros(self.wdist.shape, bool), np.empty(self.wdist.shape))
        known, val = memo
        f = np.repeat(np.arange(n_f), len(todo))
        cur = np.tile(todo, n_f)
        km = np.zeros(len(f))
        ok = np.isfinite(self.wdist[f, cur])
        live = np.flatnonzero(ok & (cur != self.fac_nodes[f]))
        trail_w, trail_n, trail_p = [], [], []
        while len(live):
            hit = known[f[live], cur[live]]
            if hit.any():
                done = live[hit]
                km[done] += val[f[done], cur[done]]
                live = live[~hit]
                if not len(live):
                    break
            trail_w.append(live)
            trail_n.append(cur[live].copy())
            trail_p.append(km[live].copy())
            parent = self.pred[f[live], cur[live]].astype(np.int64)
            km[live] += self.graph.edge_km[self.graph._edge_ids(parent, cur[live], self.objective, self.costs)]
            cur[live] = parent
            live = live[parent != self.fac_nodes[f[live]]]
        if trail_w:
            w, nd, part = np.concatenate(trail_w), np.concatenate(trail_n), np.concatenate(trail_p)
            val[f[w], nd] = km[w] - part
            known[f[w], nd] = True
        km[~ok] = np.inf
        return km

    # -- origins ------------------------------------------------------------------------
    def _country_slots(self, codes: Sequence[str]) -> list[_Slot]:
        info = self.graph.origin_info
        out = []
        for c in codes:
            i = info.get(c, {})
            out.append(_Slot(c, c, i.get("name", self._c_name[c]), i.get("lon", np.nan), i.get("lat", np.nan),
                             i.get("basis", ""), [(self.origin_nodes[c], 0.0)]))
        return out

    def _point_slots(self, points: pd.DataFrame) -> list[_Slot]:
        joins = self.graph.attach_points(points["lon"].to_numpy(float), points["lat"].to_numpy(float),
                                         points["country_iso3"].to_numpy(object))
        return [_Slot(str(r.id), r.country_iso3, str(r.name), float(r.lon), float(r.lat), "user", js)
                for r, js in zip(points.itertuples(index=False), joins)]

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

    # -- trees ----------------------------------------------------------------------------
    def _tree(self, fi: int, avoid: frozenset[str], sea_only: bool):
        """(dist, pred, base) of facility ``fi``'s search with ``avoid`` cut off (``sea_only``:
        the layered graph of :meth:`TransportGraph.sea_only_csr`)."""
        if not avoid and not sea_only:
            return self.wdist[fi], self.pred[fi], None
        key = (fi, avoid, sea_only)
        if key not in self._trees:
            g = self.graph
            fnode = int(self.fac_nodes[fi])
            if sea_only:
                A, base = g.sea_only_csr(self._f_state[fi], self.objective, self.costs)
                if avoid:
                    import scipy.sparse as sp

                    keep = sp.diags_array((~np.isin(g.node_country[base], list(avoid))).astype(float))
                    A = (keep @ A @ keep).tocsr()
                    A.eliminate_zeros()
                src = int(np.flatnonzero((base == fnode) & (np.arange(len(base)) >= g.n_nodes))[0])
                d, p = dijkstra(A, directed=True, indices=src, return_predecessors=True)
                # Best over the two layers for every graph node (origins live in layer 2 only).
                self._trees[key] = (d[: g.n_nodes], p, base, src)
            else:
                A = g.without_countries(avoid, A=g.csr_into(self._f_state[fi], self.objective, self.costs))
                d, p = dijkstra(A, directed=True, indices=fnode, return_predecessors=True)
                self._trees[key] = (d, p, None, fnode)
        d, p, base, src = self._trees[key]
        return d, p, None if base is None else (base, src)

    def _disk_store(self) -> dict:
        """Re-routes (and tree km, under ``"km"``) read once from the trees' cache folder."""
        store = self._caches["reroutes"]
        if store is None:
            by_key: dict[str, list[int]] = {}
            for i, k in enumerate(self._fkeys):
                by_key.setdefault(k, []).append(i)
            store = {"km": {}}
            for k, (w, path) in load_reroutes(self._tree_folder).items():
                if k.startswith("km|"):
                    _, fkey, nd = k.split("|")
                    store["km"][(fkey, int(nd))] = w
                    continue
                fkey, cut, so, nd = k.split("|")
                for i in by_key.get(fkey, ()):
                    own = int(self.fac_nodes[i])
                    p = None if path is None else [own if n == _OWN_MARK else int(n) for n in path]
                    store[(i, int(nd), frozenset(filter(None, cut.split(","))), so == "1")] = (w, p)
            self._caches["reroutes"] = store
        return store

    def _reroute(self, fi: int, node: int, avoid: frozenset[str], sea_only: bool) -> tuple[float, list[int] | None]:
        """Search weight and path (origin first) of facility ``fi``'s re-route to ``node``:
        from the re-route cache (in process, then on disk) or from a new search."""
        store = self._disk_store()
        key = (fi, node, avoid, sea_only)
        if key not in store:
            dist, _, _ = self._tree(fi, avoid, sea_only)
            base = self._base(fi, node, avoid, sea_only) if np.isfinite(dist[node]) else None
            path = None if base is None else list(base["path"])
            store[key] = (float(dist[node]), path)
            own = int(self.fac_nodes[fi])
            if node in self._origin_node_set:  # on disk for the country origins only (user points vary)
                self._caches["reroutes_new"][reroute_key(self._fkeys[fi], avoid, sea_only, node)] = (
                    float(dist[node]), None if path is None else np.asarray([_OWN_MARK if n == own else n for n in path]))
        return store[key]

    def _base(self, fi: int, node: int, avoid: frozenset[str], sea_only: bool,
              path: list[int] | None = None) -> dict | None:
        """Path facility -> ``node`` (reversed: node first) and its breakdown, shared by every
        origin point that joins the graph at ``node``. ``path`` (origin first): a re-route's
        path from the cache, so no search is needed."""
        key = (fi, node, avoid, sea_only)
        if key in self._bases:
            return self._bases[key]
        if path is not None:
            out = {"path": list(path), "b": self.graph.breakdown(path, self.objective, self.costs), "coords": None}
            self._bases[key] = out
            return out
        dist, pred, layered = self._tree(fi, avoid, sea_only)
        out = None
        if np.isfinite(dist[node]):
            fnode = int(self.fac_nodes[fi])
            if layered is None:
                path = TransportGraph.path_from_predecessors(pred, fnode, node)
            else:
                base, src = layered
                lpath = TransportGraph.path_from_predecessors(pred, src, node)
                path = None if lpath is None else [int(base[i]) for i in lpath]
                if path is not None:  # drop the zero-length layer switch (same node twice)
                    path = [n for i, n in enumerate(path) if i == 0 or n != path[i - 1]]
            if path is not None:
                path.reverse()  # origin -> facility
                out = {"path": path, "b": self.graph.breakdown(path, self.objective, self.costs), "coords": None}
        self._bases[key] = out
        return out

    def _route(self, fi: int, slot: _Slot, avoid: frozenset[str] = frozenset(), sea_only: bool = False) -> _Route | None:
        key = (fi, slot.key, tuple(slot.attach), avoid, sea_only)
        if key in self._routes:
            return self._routes[key]
        cached = None
        if (avoid or sea_only) and len(slot.attach) == 1:
            # A re-route to a single join node: its weight and path may be cached.
            node0, join0 = slot.attach[0]
            w, path = self._reroute(fi, node0, avoid, sea_only)
            costs, which = np.asarray([w + join0 * self._join_rate]), np.zeros(1, np.int64)
            cached = path
        else:
            dist, _, _ = self._tree(fi, avoid, sea_only)
            costs, which = self._slot_costs(slot, dist[None, :])
        route = None
        if np.isfinite(costs[0]):
            node, join = slot.attach[int(which[0])]
            base = self._base(fi, node, avoid, sea_only, cached)
            if base is not None:
                b = base["b"]
                acc = b["access_km"] + join
                legs = b["legs"]
                if join > 0:
                    legs = [{"mode": "access", "km": round(join, 1), "from_iso3": slot.iso3,
                             "to_iso3": slot.iso3}, *legs]
                km = b["sea_km"] + b["road_km"] + acc
                route = _Route(base["path"], float(costs[0]), km, b["sea_km"], b["road_km"], acc, b["transit"],
                               b["port_calls"], b["transshipments"], legs, join)
                route._base = base
        self._routes[key] = route
        return route

    def route_geometry(self, route: _Route, slot: _Slot | None = None):
        """The route as drawn: the base path (roads as driven, split at +-180, cached per
        join node) plus the point's straight join segment."""
        if route.geometry is None:
            from shapely.geometry import MultiLineString

            from .geo import split_antimeridian

            base = getattr(route, "_base", None)
            if base is None:
                base = {"coords": None, "split": None}
            if base.get("split") is None:
                coords = self.graph.path_coords(route.path, self.objective, self.costs)
                base["split"] = split_antimeridian(coords)
                base["first"] = coords[0]
            geom = base["split"]
            if slot is not None and route.join_km > 0:
                first = tuple(base["first"])
                if abs(first[0] - slot.lon) < 180:
                    from shapely.geometry import LineString

                    pieces = [LineString([(slot.lon, slot.lat), first])]
                else:
                    pieces = list(split_antimeridian([(slot.lon, slot.lat), first]).geoms)
                geom = MultiLineString([*pieces, *geom.geoms])
            route.geometry = geom
        return route.geometry

    def route_cost(self, route: _Route) -> tuple[float, float]:
        """Low and high transport cost (USD/t) of a route, priced term by term."""
        kw = dict(sea_km=route.sea_km, road_km=route.road_km, access_km=route.access_km,
                  port_calls=route.port_calls, transshipments=route.transshipments,
                  transit_states=len(route.transit))
        return (float(route_cost(self.costs, level="low", **kw)), float(route_cost(self.costs, level="high", **kw)))

    # -- law ----------------------------------------------------------------------------
    def _decision(self, origin, dest, stream, operation, via, as_of, scenario):
        key = (origin, dest, stream, operation, tuple(via), as_of, scenario)
        if key not in self._decisions:
            self._decisions[key] = law.assess(origin, dest, stream, operation, as_of=as_of, via=tuple(via),
                                              scenario=scenario)
        return self._decisions[key]

    # -- solve ------------------------------------------------------------------------
    def solve(
        self,
        stream: str,
        *,
        as_of=None,
        origins: str | Iterable[str] | None = None,
        points: pd.DataFrame | None = None,
        k: int = 1,
        operation: str | None = None,
        scenario=None,
        statuses: Sequence[str] = ("operating",),
        avoid: Iterable[str] | str | None = None,
        max_transit: int | None = None,
        sea_only: bool = False,
        confirmed_only: bool = False,
        progress: bool = False,
    ) -> gpd.GeoDataFrame:
        """Best legally accessible facilities for ``stream``; see :func:`accessibility`."""
        check_stream(stream)
        if operation is not None:
            check_operation(operation)
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
            raise HgmapError(f"k: expected a whole number of facilities, 1 or more; got {k!r}")
        k = int(k)
        if max_transit is not None and int(max_transit) < 0:
            raise HgmapError(f"max_transit must be >= 0, got {max_transit}")
        avoid_set = frozenset(_parse_avoid(avoid))
        as_of = parse_date(as_of, field="as_of") if as_of is not None else None
        if scenario is not None and not isinstance(scenario, law.Scenario):
            scenario = law.load_scenario(scenario)
        if points is not None:
            slots = self._point_slots(points)
        else:
            slots = self._country_slots(resolve_origins(origins))
        state = _state_of()
        for s in slots:
            if state.get(s.iso3, s.iso3) in {state.get(a, a) for a in avoid_set}:
                raise HgmapError(f"avoid: {s.iso3} is the origin of {s.key}; an origin cannot be avoided")
        fac = self.facilities
        removed, status_of = self._facility_changes(scenario)
        ops_wanted = (operation,) if operation else OPERATIONS
        fac_ops = [[op for op in ops.get(stream, []) if op in ops_wanted] for ops in fac["operations"]]
        accepts = np.array([stream in s for s in fac["streams"]])
        f_status = [status_of.get(f, s) for f, s in zip(self._f_id, self._f_status)]
        operating = np.isin(f_status, list(statuses)) & ~np.isin(self._f_id, list(removed))
        candidate = accepts & operating & np.array([bool(o) for o in fac_ops])
        avoided_fac = np.array([state.get(c, c) in {state.get(a, a) for a in avoid_set} for c in self._f_iso])
        matrices = {op: law.matrix(stream, op, as_of=as_of, scenario=scenario)
                    for op in ops_wanted if any(op in o for o in fac_ops)}
        acc_ok, acc_conf = self._acceptance([s.iso3 for s in slots], as_of)
        fac_iso = fac["country_iso3"].to_numpy(object)
        opts = {"avoid": avoid_set, "max_transit": None if max_transit is None else int(max_transit),
                "sea_only": bool(sea_only)}
        rows = []
        iterator: Iterable = list(enumerate(slots))
        if progress:
            from tqdm.auto import tqdm

            iterator = tqdm(iterator, desc=f"access {stream}", unit="origin", leave=False)
        for si, slot in iterator:
            origin = slot.iso3
            d_all, _ = self._slot_costs(slot, self.wdist)
            order = np.argsort(d_all, kind="stable")
            cand_order = [int(i) for i in order if candidate[i]]
            nearest_u = next((i for i in cand_order if np.isfinite(d_all[i])), None)
            accepted: list[tuple[float, int, str, _Route]] = []
            closed: dict[int, dict] = {}
            n_route_fail = 0
            for i in cand_order:
                if len(accepted) >= k and d_all[i] > max(a[0] for a in accepted):
                    break
                if not np.isfinite(d_all[i]):
                    closed[i] = self._blocked(i, None, "route", (), "no sea or road route on the network")
                    n_route_fail += 1
                    continue
                if avoided_fac[i]:
                    closed[i] = self._blocked(i, self._km(i, slot), "avoid", (),
                                              f"in an avoided state ({fac_iso[i]})")
                    n_route_fail += 1
                    continue
                if acc_ok is not None and not acc_ok[si, i]:
                    closed[i] = self._blocked(i, self._km(i, slot), "acceptance", (),
                                              f"does not accept waste from {self._c_name.get(origin, origin)}")
                    continue
                if confirmed_only and acc_conf is not None and not acc_conf[si, i]:
                    closed[i] = self._blocked(i, self._km(i, slot), "acceptance", (),
                                              f"acceptance of waste from {self._c_name.get(origin, origin)} "
                                              "is unknown (confirmed_only)")
                    continue
                dest = fac_iso[i]
                legal_ops = [op for op in fac_ops[i] if matrices[op].allowed[matrices[op].index[origin],
                                                                              matrices[op].index[dest]]]
                if not legal_ops:
                    rules = sorted({r for op in fac_ops[i] for r in matrices[op].rules(origin, dest)})
                    closed[i] = self._blocked(i, self._km(i, slot), "law", rules,
                                              f"{origin} -> {dest} is prohibited for {stream} "
                                              f"({'/'.join(fac_ops[i])})")
                    continue
                found = self._legal_route(i, slot, dest, legal_ops, matrices, opts)
                if isinstance(found, dict):
                    closed[i] = self._blocked(i, self._km(i, slot), found["kind"], found["rules"], found["detail"])
                    if found["kind"] == "route":
                        n_route_fail += 1
                    continue
                op, route = found
                accepted.append((route.weight, i, op, route))
            accepted.sort(key=lambda a: (a[0], self._f_id[a[1]]))
            accepted = accepted[:k]
            # Closed facilities cheaper than the last option shown (k > 1: they would be options).
            first_w = accepted[-1][0] if accepted else np.inf
            blocked = self._nearer_blocked(slot, d_all, order, first_w, candidate, accepts, operating,
                                           fac_ops, closed, stream, operation, statuses, removed, status_of)
            base = {
                "origin_iso3": origin,
                "origin_name": self._c_name.get(origin, origin) if points is None else slot.name,
                "is_sids": self._c_sids.get(origin, False),
                "sids_region": self._c_region.get(origin),
                "stream": stream,
                "nearest_unconstrained_facility_id": self._f_id[nearest_u] if nearest_u is not None else None,
                "nearest_unconstrained_km": (round(self._km(nearest_u, slot), 1)
                                             if nearest_u is not None and self._km(nearest_u, slot) is not None
                                             else None),
                "blocked_reasons": blocked,
                "origin_id": slot.key, "origin_lon": slot.lon, "origin_lat": slot.lat,
                "origin_basis": slot.basis,
            }
            if not accepted:
                if not candidate.any():
                    status = NO_FACILITY
                elif n_route_fail:
                    status = NO_ROUTE
                else:
                    status = NO_LEGAL_ROUTE
                log.info("%s: %s for %s", slot.key, status, stream)
                rows.append({**base, "status": status, "rank": 1, "facility_id": None, "facility_name": None,
                             "facility_iso3": None, "operation": None, "distance_km": None, "sea_km": None,
                             "land_km": None, "road_km": None, "access_km": None, "transit_iso3": [],
                             "port_calls": None, "transshipments": None, "cost_usd_per_t_low": None,
                             "cost_usd_per_t_high": None, "legs": [], "acceptance": None,
                             "legal_status": None, "legal_rules": [], "legal_conditions": [],
                             "legal_confidence": None, "legal_unknowns": [], "geometry": None})
                continue
            for rank, (_, i, op, route) in enumerate(accepted, start=1):
                dec = self._decision(origin, fac_iso[i], stream, op, route.transit, as_of, scenario)
                lo, hi = self.route_cost(route)
                rows.append({
                    **base, "status": REACHABLE, "rank": rank, "facility_id": self._f_id[i],
                    "facility_name": self._f_name[i], "facility_iso3": fac_iso[i], "operation": op,
                    "distance_km": round(route.km, 1), "sea_km": round(route.sea_km, 1),
                    "land_km": round(route.road_km, 1), "road_km": round(route.road_km, 1),
                    "access_km": round(route.access_km, 1), "transit_iso3": list(route.transit),
                    "port_calls": route.port_calls, "transshipments": route.transshipments,
                    "cost_usd_per_t_low": round(lo, 1), "cost_usd_per_t_high": round(hi, 1),
                    "legs": route.legs,
                    "acceptance": None if acc_conf is None else ("yes" if acc_conf[si, i] else "unknown"),
                    "legal_status": dec.status, "legal_rules": _rule_ids(dec),
                    "legal_conditions": list(dec.conditions), "legal_confidence": dec.confidence,
                    "legal_unknowns": list(dec.unknowns) + ([] if acc_conf is None or acc_conf[si, i]
                                                            else [_unconfirmed(origin)]),
                    "geometry": self.route_geometry(route, slot),
                })
        new = self._caches["reroutes_new"]
        if new:
            save_reroutes(self._tree_folder, dict(new))
            new.clear()
        frame = gpd.GeoDataFrame(rows, columns=[*RESULT_COLUMNS, "geometry"], geometry="geometry", crs=4326)
        frame.attrs.update({
            "stream": stream, "operation": operation, "k": k,
            "as_of": (as_of or _dt.date.today()).isoformat(), "data_date": law.DATA_DATE,
            "scenario": getattr(scenario, "name", None),
            "circuity": self.graph.settings["circuity"],
            "sea_passage_is_transit": self.graph.settings["sea_passage_is_transit"],
            "statuses": list(statuses), "objective": self.objective,
            "avoid": sorted(avoid_set), "max_transit": opts["max_transit"], "sea_only": bool(sea_only),
            "confirmed_only": bool(confirmed_only), "costs_file": self.costs.path,
            "land_km": "land_km equals road_km (kept for older consumers)",
        })
        return frame

    def origin_km(self, origin: str) -> np.ndarray:
        """km of every facility's best route (by the objective) from ``origin``'s default
        origin point; ``inf`` where there is none. Use this, not :attr:`wdist` (the search
        weight: USD/t with the cost objective), wherever km are shown."""
        return self._slot_km(self._country_slots([origin])[0]).copy()

    def _km(self, fi: int, slot: _Slot) -> float | None:
        """km of facility ``fi``'s unconstrained best route from ``slot`` (None if none)."""
        km = self._slot_km(slot)[fi]
        return float(km) if np.isfinite(km) else None

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
            if len(self._slot_kms) > 4096:
                self._slot_kms.clear()
            self._slot_kms[key] = out
        return self._slot_kms[key]

    # -- facility acceptance (issue #12) ---------------------------------------------
    def _acceptance(self, origins: list[str], as_of):
        """``(accepts, confirmed)`` matrices (origins x facilities) from
        :func:`hgmap.facilities.acceptance_matrix` (issue #12), computed once per distinct
        origin country and expanded to the slots (user points share their country's)."""
        from .facilities import acceptance_matrix

        uniq = list(dict.fromkeys(origins))
        key = (tuple(uniq), as_of)
        if key not in self._acc_cache:
            a, c = acceptance_matrix(self.facilities, uniq, as_of=as_of)
            self._acc_cache[key] = (np.asarray(a, bool), np.asarray(c, bool))
        a, c = self._acc_cache[key]
        pos = {o: i for i, o in enumerate(uniq)}
        idx = np.fromiter((pos[o] for o in origins), np.int64, len(origins))
        return a[idx], c[idx]

    def _facility_changes(self, scenario) -> tuple[set[str], dict[str, str]]:
        """Facilities a scenario removes, and statuses it sets (``remove_facility``,
        ``set_facility_status`` entries)."""
        from .errors import ScenarioError

        removed: set[str] = set()
        status_of: dict[str, str] = {}
        if scenario is None:
            return removed, status_of
        known = set(self._f_id)
        for i, change in enumerate(scenario.changes):
            fields = dict(change.fields)
            if change.action not in ("remove_facility", "set_facility_status"):
                continue
            if fields["id"] not in known:
                raise ScenarioError(f"scenario {scenario.path or scenario.name}: changes[{i}] (action "
                                    f"{change.action!r}).id: no facility {fields['id']!r} in the catalogue")
            if change.action == "remove_facility":
                removed.add(fields["id"])
            else:
                status_of[fields["id"]] = fields["status"]
        return removed, status_of


    def _legal_route(self, i: int, slot: _Slot, dest: str, legal_ops: list[str], matrices, opts) -> tuple | dict:
        """Best route whose transit states allow the movement and meet the routing
        options, or why none exists (``kind`` transit or route)."""
        origin = slot.iso3
        user_avoid = opts["avoid"]
        max_t = opts["max_transit"]
        sea_only = opts["sea_only"] or max_t == 0
        avoid: set[str] = set()
        rules: set[str] = set()
        too_many: list[_Route] = []
        for _ in range(_MAX_REROUTES):
            route = self._route(i, slot, frozenset(avoid | user_avoid), sea_only)
            if route is None:
                break
            blockers = {}
            for op in legal_ops:
                blockers = matrices[op].transit_blockers(origin, dest, route.transit)
                if not blockers:
                    if max_t is not None and len(route.transit) > max_t:
                        too_many.append(route)
                        blockers = {s: () for s in route.transit}
                        break
                    return op, route
            if not blockers:
                break
            for state, state_rules in blockers.items():
                if state in (origin, dest):
                    return {"kind": "transit", "rules": sorted(set(state_rules)), "detail": f"{state} bans the movement"}
                avoid.add(state)
                rules.update(state_rules)
        # More transit states than allowed on every route tried: the sea-only route has none.
        if max_t is not None and too_many and not sea_only:
            route = self._route(i, slot, frozenset(user_avoid), True)
            if route is not None and len(route.transit) <= max_t:
                return legal_ops[0], route
        what = []
        if sea_only:
            what.append("with land only in the origin and destination states (sea_only)" if opts["sea_only"]
                        else "without any transit state (max_transit 0)")
        elif max_t is not None:
            what.append(f"with at most {max_t} transit state(s)")
        if user_avoid:
            what.append("avoiding " + ", ".join(sorted(user_avoid)))
        if rules:
            return {"kind": "transit", "rules": sorted(rules),
                    "detail": "every route crosses a state that bans the transit: " + ", ".join(sorted(avoid))
                    + (f" (with {'; '.join(what)})" if what else "")}
        return {"kind": "route", "rules": [], "detail": "no route " + ("; ".join(what) if what else "on the network")}

    def _blocked(self, i: int, km: float | None, reason: str, rules, detail: str) -> dict:
        return {"facility_id": self._f_id[i], "facility_name": self._f_name[i],
                "facility_iso3": self._f_iso[i],
                "distance_km": round(float(km), 1) if km is not None and np.isfinite(km) else None,
                "reason": reason, "rules": list(rules), "detail": detail}

    def _nearer_blocked(self, slot, d_all, order, first_w, candidate, accepts, operating, fac_ops, closed,
                        stream, operation, statuses, removed, status_of) -> list[dict]:
        out = []
        n_stream = 0
        for i in order:
            i = int(i)
            if not d_all[i] < first_w:
                if np.isfinite(first_w):
                    break
                # Nothing reachable: list every facility closed for a reason, however far.
                if i in closed:
                    out.append(closed[i])
                continue
            if i in closed:
                out.append(closed[i])
            elif not accepts[i]:
                if n_stream >= MAX_BLOCKED_STREAM:
                    continue
                n_stream += 1
                out.append(self._blocked(i, self._km(i, slot), "stream", (), f"does not accept {stream}"))
            elif not operating[i]:
                why = ("removed by the scenario" if self._f_id[i] in removed else
                       f"status is {status_of.get(self._f_id[i], self._f_status[i])!r}, not " + "/".join(statuses))
                out.append(self._blocked(i, self._km(i, slot), "status", (), why))
            elif not fac_ops[i]:
                what = f"{operation} of {stream}" if operation else f"disposal or recovery of {stream}"
                out.append(self._blocked(i, self._km(i, slot), "operation", (), f"no known {what}"))
            if len(out) >= MAX_BLOCKED:
                break
        return out


def _unconfirmed(origin: str) -> str:
    from .facilities import unconfirmed_note

    return unconfirmed_note(origin)


def _parse_avoid(avoid) -> list[str]:
    from .countries import check_country

    if avoid is None:
        return []
    items = avoid.split(",") if isinstance(avoid, str) else list(avoid)
    return [check_country(a.strip(), field="avoid") for a in items if str(a).strip()]


def _rule_ids(decision) -> list[str]:
    """Rule ids of a decision, its transit states' included, without repeats."""
    ids = [r.rule_id for r in decision.reasons]
    ids += [r.rule_id for t in decision.transit for r in t.reasons]
    return list(dict.fromkeys(ids))


_MODELS: dict = {}
# A re-route path's facility node on disk (its index depends on the catalogue order).
_OWN_MARK = -2


# Per AccessModel._trees_key: the joined graph and the searches made on it (see __post_init__).
_SEARCH: dict = {}
_MAX_SEARCH = 3


def shared_model(facilities=None, graph=None, objective: Objective = "cost", costs=None) -> AccessModel:
    """The :class:`AccessModel` :func:`accessibility` uses for this catalogue, graph, objective
    and cost file, built once per process (a frame or a :class:`Costs` object: a new model,
    whose searches are still shared with any model of the same facility places).

    Parameters
    ----------
    facilities
        ``None`` (the shipped catalogue), a catalogue path or database URL, or a GeoDataFrame.
    graph
        Base graph (default: :func:`hgmap.network.build_graph`).
    objective, costs
        As for :class:`AccessModel`.
    """
    if isinstance(facilities, gpd.GeoDataFrame) or isinstance(costs, Costs):
        return AccessModel(facilities=facilities, graph=graph, objective=objective, costs=costs)
    key = (None if facilities is None else catalogue_stamp(facilities), id(graph), objective,
           None if costs is None else (os.path.abspath(os.fspath(costs)), os.stat(costs).st_mtime))
    if key not in _MODELS:
        _MODELS[key] = AccessModel(facilities=facilities, graph=graph, objective=objective, costs=costs)
    return _MODELS[key]


def accessibility(
    stream: str,
    *,
    as_of=None,
    origins: str | Iterable[str] | None = None,
    points: pd.DataFrame | str | os.PathLike | None = None,
    k: int = 1,
    operation: str | None = None,
    scenario=None,
    facilities=None,
    graph: TransportGraph | None = None,
    statuses: Sequence[str] = ("operating",),
    objective: Objective = "cost",
    costs=None,
    avoid: Iterable[str] | str | None = None,
    max_transit: int | None = None,
    sea_only: bool = False,
    confirmed_only: bool = False,
    progress: bool = False,
) -> gpd.GeoDataFrame:
    """Best legally accessible facility (or ``k`` of them) for each origin.

    Parameters
    ----------
    stream
        One of :data:`hgmap.STREAMS`.
    as_of
        Date the law is read at (``YYYY-MM-DD`` or ``date``); default today.
    origins
        ``None``/``"all"``, ``"sids"``, or ISO3 codes (list or comma-separated): each
        country starts at its default origin (capital or main port city).
    points
        User origin points instead (a table or a file for
        :func:`hgmap.origins.load_origin_points_file`): one answer per point, keeping its id.
    k
        Facilities per origin (ranked by the objective).
    operation
        ``"disposal"`` or ``"recovery"`` only; default: any operation the facility
        performs for the stream (from its technology), the legal one preferred.
    scenario
        Path of a scenario file, or a :class:`hgmap.law.Scenario`.
    facilities
        User catalogue (path or GeoDataFrame); default the shipped one.
    graph
        A prebuilt base graph; default :func:`build_graph`.
    statuses
        Facility statuses that count; closed and unknown-status facilities are
        excluded by default.
    objective
        ``"cost"`` (generalised transport cost, :mod:`hgmap.costs`) or ``"distance"``.
    costs
        Cost file overriding ``data/costs.csv`` rows (or a :class:`hgmap.costs.Costs`).
    avoid
        States never to transit (ISO3, list or comma-separated); facilities in them close.
    max_transit
        At most this many transit states per route (0 = land only in the origin and
        destination states).
    sea_only
        Land only inside the origin and destination states.
    confirmed_only
        Only facilities whose acceptance of the origin's waste is a sourced yes.
    progress
        Show a progress bar (the CLI turns it on for terminals).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`RESULT_COLUMNS` plus the route ``geometry`` (EPSG:4326,
        MultiLineString split at +-180, roads as driven). ``status`` is ``reachable``,
        ``no_legal_route``, ``no_route`` (the routing options leave none) or
        ``no_facility_for_stream``; unreachable rows carry ``blocked_reasons`` and no
        geometry. ``distance_km = sea_km + road_km + access_km``; ``land_km`` equals
        ``road_km``. ``attrs`` holds the as-of date, the legal data date and the
        modelling settings. Not legal advice.
    """
    if points is not None and not isinstance(points, pd.DataFrame):
        from .origins import load_origin_points_file

        points = load_origin_points_file(points)
    return shared_model(facilities, graph, objective, costs).solve(
        stream, as_of=as_of, origins=origins, points=points, k=k, operation=operation, scenario=scenario,
        statuses=statuses, avoid=avoid, max_transit=max_transit, sea_only=sea_only,
        confirmed_only=confirmed_only, progress=progress)


def all_streams(streams: Sequence[str] = STREAMS, **kwargs) -> dict[str, gpd.GeoDataFrame]:
    """:func:`accessibility` for several streams, sharing one model."""
    return {s: accessibility(s, **kwargs) for s in streams}


# -- output ---------------------------------------------------------------------------

FORMATS = ("csv", "json", "geojson", "gpkg", "parquet")
_LIST_COLUMNS = ("transit_iso3", "legal_rules", "legal_conditions", "legal_unknowns")


def _legs_text(legs) -> str:
    """``road 120 km (FJI); sea 2,310 km`` from a row's legs."""
    if not isinstance(legs, (list, tuple)):
        return ""
    out = []
    for leg in legs:
        where = leg["from_iso3"] if leg["from_iso3"] == leg["to_iso3"] else f"{leg['from_iso3']}->{leg['to_iso3']}"
        out.append(f"{leg['mode']} {leg['km']:,.0f} km ({where})" if where else f"{leg['mode']} {leg['km']:,.0f} km")
    return "; ".join(out)


def blocked_text(items: list[dict]) -> str:
    """One line for a row's ``blocked_reasons``: ``ID (ISO3 N km): reason [rules]; ...``."""
    parts = []
    for b in items or []:
        rules = f" [{', '.join(b['rules'])}]" if b.get("rules") else ""
        km = f" {b['distance_km']:.0f} km" if b.get("distance_km") is not None else ""
        parts.append(f"{b['facility_id']} ({b['facility_iso3']}{km}): {b['reason']}{rules}")
    return "; ".join(parts)


def _join_lists(frame):
    """``frame`` with its list columns joined with ``;`` (text formats cannot hold lists)."""
    for col in _LIST_COLUMNS:
        frame[col] = frame[col].map(lambda v: ";".join(v) if isinstance(v, (list, tuple)) else "")
    if "legs" in frame.columns:
        frame["legs"] = frame["legs"].map(_legs_text)
    return frame


def result_table(result: gpd.GeoDataFrame) -> pd.DataFrame:
    """The result as a flat table: lists joined with ``;``, no geometry."""
    table = _join_lists(pd.DataFrame(result.drop(columns="geometry")))
    table["blocked_reasons"] = table["blocked_reasons"].map(blocked_text)
    return table


def geo_table(result: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The result with its routes, ready for GeoJSON/GeoPackage/Parquet: lists joined with
    ``;`` and ``blocked_reasons`` as a JSON string."""
    import json

    geo = _join_lists(result.copy())
    geo["blocked_reasons"] = geo["blocked_reasons"].map(lambda v: json.dumps(v, ensure_ascii=False))
    return geo


def write_result(result: gpd.GeoDataFrame, out: str | os.PathLike | None, *, fmt: str = "csv",
                 layer: str | None = None) -> str | None:
    """Write an accessibility result atomically (``out=None`` or ``"-"`` returns text).

    ``csv``: one row per origin and rank, lists joined with ``;``. ``json``: records
    with lists kept, no geometry. ``geojson``, ``gpkg``, ``parquet``: with the route
    geometry (lists joined with ``;``, ``blocked_reasons`` as a JSON string).
    """
    import json

    from ._io import atomic_path, atomic_write_text
    from .errors import HgmapError

    if fmt not in FORMATS:
        raise HgmapError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    to_stdout = out is None or str(out) == "-"
    if fmt == "csv":
        text = result_table(result).to_csv(index=False, lineterminator="\n")
    elif fmt == "json":
        records = pd.DataFrame(result.drop(columns="geometry")).to_dict(orient="records")
        text = json.dumps({"attrs": result.attrs, "rows": records}, ensure_ascii=False, indent=1, default=str)
    elif fmt == "geojson":
        text = geo_table(result).to_json(drop_id=True)
    else:
        if to_stdout:
            raise HgmapError(f"--format {fmt} needs a file: give --out PATH")
        with atomic_path(out) as tmp:
            if fmt == "gpkg":
                geo_table(result).to_file(tmp, driver="GPKG", layer=layer or result.attrs.get("stream", "access"))
            else:
                geo_table(result).to_parquet(tmp)
        return None
    if to_stdout:
        return text
    atomic_write_text(out, text)
    return None


def _nx_path(preds: dict, source: int, target: int) -> list[int]:
    path = [target]
    while path[-1] != source:
        path.append(preds[path[-1]][0])
    return path[::-1]


def reference_nearest(model: AccessModel, stream: str, origins: Iterable[str], *, as_of=None,
                      scenario=None, graph_nx=None, cache: dict | None = None
                      ) -> dict[str, tuple[str, str | None, float | None]]:
    """The naive answer, for checking the solver: one networkx Dijkstra per origin.

    For each origin: a single-source Dijkstra from the origin node on
    :meth:`TransportGraph.to_networkx` (same objective and costs as ``model``), then the
    facilities in weight order filtered by the same legal matrices and transit rules
    (re-searching without the states that ban the transit). Returns
    ``{origin: (status, facility_id, distance_km)}`` with the km along the naive path.
    Slow by design (seconds per origin on the road network): the baseline of
    ``benchmarks/bench_access.py`` and of the tests. ``cache`` keeps the per-origin
    searches across streams.
    """
    import networkx as nx

    G = graph_nx if graph_nx is not None else model.graph.to_networkx(model.objective, model.costs)
    graph = model.graph
    fac = model.facilities
    cache = {} if cache is None else cache
    as_of = parse_date(as_of, field="as_of") if as_of is not None else None
    if scenario is not None and not isinstance(scenario, law.Scenario):
        scenario = law.load_scenario(scenario)
    removed, status_of = model._facility_changes(scenario)
    ops = [[op for op in d.get(stream, []) if op in OPERATIONS] for d in fac["operations"]]
    cand = [i for i in range(len(fac))
            if status_of.get(fac.at[i, "id"], fac.at[i, "status"]) == "operating" and fac.at[i, "id"] not in removed
            and stream in fac.at[i, "streams"] and ops[i]]
    mats = {op: law.matrix(stream, op, as_of=as_of, scenario=scenario) for op in OPERATIONS}
    state = _state_of()

    def km_of(path):
        return sum(G[a][b]["km"] for a, b in zip(path[:-1], path[1:]))

    out = {}
    for origin in origins:
        onode = graph.origin_node[origin]
        if onode not in cache:
            # Predecessors, not paths: networkx's path lists cost O(depth) per node.
            preds, dists = nx.dijkstra_predecessor_and_distance(G, onode, weight="weight")
            cache[onode] = (dists, preds)
        dist, preds = cache[onode]
        best = None
        for i in sorted(cand, key=lambda i: (dist.get(int(model.fac_nodes[i]), np.inf), i)):
            fnode = int(model.fac_nodes[i])
            if fnode not in dist:
                continue
            if best is not None and dist[fnode] > best[1]:
                break
            dest = fac.at[i, "country_iso3"]
            legal = [op for op in ops[i] if mats[op].allowed[mats[op].index[origin], mats[op].index[dest]]]
            if not legal:
                continue
            path, d, avoid = _nx_path(preds, onode, fnode), dist[fnode], set()
            ok = False
            ends = {state.get(origin, origin), state.get(dest, dest)}
            for _ in range(_MAX_REROUTES):
                transit = [c for c in dict.fromkeys(graph.node_country[n] for n in path)
                           if c and state.get(c, c) not in ends]
                if any(not mats[op].transit_blockers(origin, dest, transit) for op in legal):
                    ok = True
                    break
                blockers = mats[legal[0]].transit_blockers(origin, dest, transit)
                if set(blockers) & {origin, dest}:
                    break
                avoid |= set(blockers)
                keep = [n for n in G if graph.node_country[n] not in avoid]
                try:
                    d, path = nx.single_source_dijkstra(G.subgraph(keep), onode, fnode, weight="weight")
                except nx.NetworkXNoPath:
                    break
            if ok and (best is None or d < best[1]):
                best = (fac.at[i, "id"], d, km_of(path))
        if best is None:
            out[origin] = (NO_FACILITY if not cand else NO_LEGAL_ROUTE, None, None)
        else:
            out[origin] = (REACHABLE, best[0], best[2])
    return out
