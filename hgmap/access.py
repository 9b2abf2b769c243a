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
import hashlib
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from . import law
from .costs import Costs, load_costs
from .countries import load_countries
from ._gc import paused_gc
from .errors import HgmapError
from .facilities import catalogue_stamp, load_facilities
from .network import Objective, TransportGraph, _state_of, build_graph
from .origins import select_origins
from .results import FORMATS, blocked_text, geo_table, result_table, write_result  # noqa: F401  (re-exported)
from .answers import (MAX_BLOCKED, MAX_BLOCKED_STREAM, NO_FACILITY, NO_LEGAL_ROUTE, NO_ROUTE,  # noqa: F401
                      REACHABLE, Answers, _Context)
from .point_rows import PointRows, _group_points, join_notes
from .routing import RouteSearch, _Slot
from .trees import cache_folder, facility_keys, facility_trees, save_reroutes
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

RESULT_COLUMNS: tuple[str, ...] = (
    "origin_iso3", "origin_name", "is_sids", "sids_region", "stream", "status", "rank",
    "facility_id", "facility_name", "facility_iso3", "operation", "distance_km", "sea_km", "land_km",
    "access_km", "transit_iso3", "legal_status", "legal_rules", "legal_conditions", "legal_confidence",
    "legal_unknowns", "nearest_unconstrained_facility_id", "nearest_unconstrained_km", "blocked_reasons",
    "origin_id", "origin_lon", "origin_lat", "origin_basis", "road_km", "port_calls", "transshipments",
    "cost_usd_per_t_low", "cost_usd_per_t_high", "legs", "acceptance", "sea_transit_iso3",
    "port_of_loading", "port_of_loading_name", "port_of_discharge", "port_of_discharge_name", "route_notes",
)


def resolve_origins(origins: str | Iterable[str] | None) -> list[str]:
    """``None``/``"all"`` -> every country; ``"sids"`` -> the 58 SIDS; else ISO3 codes.

    Kept for compatibility: the one implementation is :func:`hgmap.origins.select_origins`.
    """
    return select_origins(origins)


@dataclass
class AccessModel(RouteSearch, Answers, PointRows):
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
    _joins: dict = field(default_factory=dict, repr=False)

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
                       "km_disk": None, "reroutes_new": {}})
            _SEARCH[key] = shared
            while len(_SEARCH) > _MAX_SEARCH:
                _SEARCH.pop(next(iter(_SEARCH)))
        self.graph = shared[1]
        caches = shared[2]
        self._trees, self._bases, self._routes = caches["trees"], caches["bases"], caches["routes"]
        self._slot_kms = caches["slot_km"]
        self._caches = caches
        self.fac_nodes = np.array([self.graph.facility_node[f] for f in self.facilities["id"]], dtype=np.int64)
        state = _state_of()
        self._f_state = [state.get(c, c) for c in self.facilities["country_iso3"]]
        if "wdist" not in caches:  # the searches, once per graph, facility places, objective and weights
            caches["fkeys"] = facility_keys(self.graph, base.n_nodes, self.fac_nodes, self._f_state)
            caches["folder"] = cache_folder(base, self.objective, self.costs)
            caches["wdist"], caches["pred"] = facility_trees(
                self.graph, base, self.fac_nodes, self._f_state, objective=self.objective, costs=self.costs,
                keys=caches["fkeys"])
        self.wdist, self.pred = caches["wdist"], caches["pred"]
        # Every route's edges are looked up in the searchable matrix: build it with the
        # model (a search from the cache did not need it), not inside the first solve.
        self.graph._csr(self.objective, self.costs)
        self._fkeys, self._tree_folder = caches["fkeys"], caches["folder"]
        self._disk_store()  # and the re-routes and km kept beside the trees, read once
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
        self.origin_km_beside()  # the first solve's km walks, on two cores

    def _trees_key(self, base: TransportGraph) -> tuple:
        """What the facility search trees depend on: the graph, where each facility is,
        the objective and the cost weights (not the law, statuses or dates)."""
        f = self.facilities
        where = tuple(zip(f["id"], f["lon"].round(9), f["lat"].round(9), f["country_iso3"]))
        weights = tuple(sorted(self.costs.weights("mid").items()))
        return (id(base), self.objective, weights, where)

    # -- origins ------------------------------------------------------------------------
    def _country_slots(self, codes: Sequence[str]) -> list[_Slot]:
        info = self.graph.origin_info
        out = []
        for c in codes:
            i = info.get(c, {})
            out.append(_Slot(c, c, i.get("name", self._c_name[c]), i.get("lon", np.nan), i.get("lat", np.nan),
                             i.get("basis", ""), [(self.origin_nodes[c], 0.0)]))
        return out

    def _point_slots(self, points: pd.DataFrame) -> tuple[list[_Slot], tuple, list[str]]:
        """The points as slots, their grouping by join node (:func:`_group_points`) and the
        points' long or missing joins (:func:`join_notes`), kept for the last few sets of
        points: the same points are usually solved for every stream, and joining 100,000
        points to the graph takes about a second."""
        lon, lat = points["lon"].to_numpy(float), points["lat"].to_numpy(float)
        iso = points["country_iso3"].to_numpy(object)
        ids = [str(x) for x in points["id"].to_numpy(object)]
        names = [str(x) for x in points["name"].to_numpy(object)]
        key = hashlib.sha1(lon.tobytes() + lat.tobytes() + "|".join(map(str, iso)).encode()
                           + "\x1f".join(ids).encode() + "\x1f".join(names).encode()).hexdigest()
        hit = self._joins.get(key)
        if hit is None:
            joins = self.graph.attach_points(lon, lat, iso)
            slots = [_Slot(i, c, n, x, y, "user", js)
                     for i, c, n, x, y, js in zip(ids, iso.tolist(), names, lon.tolist(), lat.tolist(), joins)]
            hit = (slots, _group_points(slots, self.graph), join_notes(slots))
            if len(self._joins) >= 4:
                self._joins.pop(next(iter(self._joins)))
            self._joins[key] = hit
        return hit

    # -- trees ----------------------------------------------------------------------------
    # -- law ----------------------------------------------------------------------------
    def _decision(self, origin, dest, stream, operation, via, as_of, scenario, sea_passage=()):
        key = (origin, dest, stream, operation, tuple(via), as_of, scenario, tuple(sea_passage))
        if key not in self._decisions:
            self._decisions[key] = law.assess(origin, dest, stream, operation, as_of=as_of, via=tuple(via),
                                              scenario=scenario, sea_passage=tuple(sea_passage))
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
        geometry: bool = True,
    ) -> gpd.GeoDataFrame:
        """Best legally accessible facilities for ``stream``; see :func:`accessibility`."""
        with paused_gc():
            return self._solve(stream, as_of=as_of, origins=origins, points=points, k=k, operation=operation,
                               scenario=scenario, statuses=statuses, avoid=avoid, max_transit=max_transit,
                               sea_only=sea_only, confirmed_only=confirmed_only, progress=progress,
                               geometry=geometry)

    def _solve(self, stream: str, *, as_of, origins, points, k, operation, scenario, statuses, avoid,
               max_transit, sea_only, confirmed_only, progress, geometry) -> gpd.GeoDataFrame:
        check_stream(stream)
        if operation is not None:
            check_operation(operation)
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
            raise HgmapError(f"k: expected a whole number of facilities, 1 or more; got {k!r}")
        if max_transit is not None and int(max_transit) < 0:
            raise HgmapError(f"max_transit must be >= 0, got {max_transit}")
        avoid_set = frozenset(_parse_avoid(avoid))
        as_of = parse_date(as_of, field="as_of") if as_of is not None else None
        if scenario is not None and not isinstance(scenario, law.Scenario):
            scenario = law.load_scenario(scenario)
        grouping, long_joins = None, []
        if points is not None:
            slots, grouping, long_joins = self._point_slots(points)
        else:
            slots = self._country_slots(resolve_origins(origins))
            self._warn_unjoined(slots)
        state = _state_of()
        avoided_states = {state.get(a, a) for a in avoid_set}
        for s in slots:
            if state.get(s.iso3, s.iso3) in avoided_states:
                raise HgmapError(f"avoid: {s.iso3} is the origin of {s.key}; an origin cannot be avoided")
        opts = {"avoid": avoid_set, "max_transit": None if max_transit is None else int(max_transit),
                "sea_only": bool(sea_only)}
        ctx = self._context(stream, operation=operation, k=int(k), statuses=tuple(statuses), scenario=scenario,
                            as_of=as_of, opts=opts, confirmed_only=confirmed_only)
        rows = self._rows(slots, ctx, grouping=grouping, geometry=geometry, progress=progress)
        new = self._caches["reroutes_new"]
        if new:
            save_reroutes(self._tree_folder, dict(new))
            new.clear()
        # Rows (countries) or columns (user points: :meth:`PointRows._point_columns`) alike.
        frame = gpd.GeoDataFrame(pd.DataFrame(rows, columns=[*RESULT_COLUMNS, "geometry"]), geometry="geometry",
                                 crs=4326)
        frame.attrs.update({
            "stream": stream, "operation": operation, "k": int(k),
            "as_of": (as_of or _dt.date.today()).isoformat(), "data_date": law.DATA_DATE,
            "scenario": getattr(scenario, "name", None),
            "circuity": self.graph.settings["circuity"],
            "sea_passage_is_transit": self.graph.settings["sea_passage_is_transit"],
            "statuses": list(statuses), "objective": self.objective,
            "avoid": sorted(avoid_set), "max_transit": opts["max_transit"], "sea_only": bool(sea_only),
            "confirmed_only": bool(confirmed_only), "costs_file": self.costs.path, "geometry": bool(geometry),
            "land_km": "land_km equals road_km (kept for older consumers)",
            # User points whose first leg is a long straight-line estimate or who join nothing: in
            # the result itself, not only in the log.
            "long_joins": list(long_joins),
        })
        return frame

    def _context(self, stream: str, *, operation, k: int, statuses: tuple, scenario, as_of, opts: dict,
                 confirmed_only: bool) -> _Context:
        """What every origin of one solve shares: which facilities are candidates for the
        stream (accepted, operating, an operation wanted), the legal matrices, the options."""
        state = _state_of()
        fac = self.facilities
        removed, status_of = self._facility_changes(scenario)
        ops_wanted = (operation,) if operation else OPERATIONS
        fac_ops = [[op for op in ops.get(stream, []) if op in ops_wanted] for ops in fac["operations"]]
        accepts = np.array([stream in s for s in fac["streams"]])
        f_status = [status_of.get(f, s) for f, s in zip(self._f_id, self._f_status)]
        operating = np.isin(f_status, list(statuses)) & ~np.isin(self._f_id, list(removed))
        candidate = accepts & operating & np.array([bool(o) for o in fac_ops])
        avoided = {state.get(a, a) for a in opts["avoid"]}
        avoided_fac = np.array([state.get(c, c) in avoided for c in self._f_iso])
        matrices = {op: law.matrix(stream, op, as_of=as_of, scenario=scenario)
                    for op in ops_wanted if any(op in o for o in fac_ops)}
        return _Context(stream=stream, operation=operation, k=k, candidate=candidate, accepts=accepts,
                        operating=operating, fac_ops=fac_ops, avoided_fac=avoided_fac, matrices=matrices,
                        fac_iso=fac["country_iso3"].to_numpy(object), opts=opts, confirmed_only=confirmed_only,
                        statuses=statuses, removed=removed, status_of=status_of, as_of=as_of, scenario=scenario)

    def _rows(self, slots: list[_Slot], ctx: _Context, *, grouping: tuple | None, geometry: bool,
              progress: bool) -> list | dict:
        """Every slot's rows, in slot order: a list of row dicts for countries, columns for
        user points (``grouping``: :func:`_group_points` of the points). User points that
        join the graph at the same single node have the same answer but for their own
        straight join (a constant added to every facility's weight, so the order, the law
        and the routes are the same): one solve per join node."""
        by_point = grouping is not None
        if by_point:
            solve_slots, member = grouping
        else:
            solve_slots, member = slots, [(i, 0.0) for i in range(len(slots))]
        ctx.acc_ok, ctx.acc_conf = self._acceptance([s.iso3 for s in solve_slots], ctx.as_of)
        # Solved country by country: the re-routes of one origin State around the same
        # transit bans share their cut-off searches, of which only the last few are kept
        # (user points in file order made lamps re-run 1,380 searches for 200 distinct).
        solved = self._solve_joined(solve_slots, ctx)
        iterator: Iterable = sorted((i for i, a in enumerate(solved) if a is None), key=lambda i: solve_slots[i].iso3)
        if progress:
            from tqdm.auto import tqdm

            iterator = tqdm(iterator, desc=f"access {ctx.stream}", unit="origin", leave=False)
        for si in iterator:
            solved[si] = self._solve_slot(si, solve_slots[si], ctx)
        if by_point:
            return self._point_columns(solved, slots, member, geometry=geometry)
        return [r for raw, slot in zip(solved, slots) for r in self._finish(raw, slot, geometry=geometry)]

    def _warn_unjoined(self, slots: list[_Slot]) -> None:
        """Warn, once per model, about each country origin solved that joins nothing (no road
        within the join limit, no port within reach: ESH, UMI); origins not solved (a run on
        a user's points) are not named."""
        from .network import DEFAULT_MAX_JOIN_KM, ROADLESS_PORT_KM

        seen = self.__dict__.setdefault("_warned_unjoined", set())
        info = self.graph.origin_info
        for s in slots:
            if s.iso3 not in seen and not info.get(s.iso3, {}).get("joined", True):
                seen.add(s.iso3)
                log.warning("origin of %s (%s) joins no road node within %.0f km and no port within %.0f km: "
                            "unreachable", s.iso3, info[s.iso3].get("name", s.iso3), DEFAULT_MAX_JOIN_KM,
                            ROADLESS_PORT_KM)

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


def _parse_avoid(avoid) -> list[str]:
    from .countries import check_country

    if avoid is None:
        return []
    items = avoid.split(",") if isinstance(avoid, str) else list(avoid)
    return [check_country(a.strip(), field="avoid") for a in items if str(a).strip()]


_MODELS: dict = {}
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
    geometry: bool = True,
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
    geometry
        Draw each route (``False``: ``geometry`` is empty; for tables of many user points,
        where the drawn routes cost most of the time and memory).

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
        confirmed_only=confirmed_only, progress=progress, geometry=geometry)


def all_streams(streams: Sequence[str] = STREAMS, **kwargs) -> dict[str, gpd.GeoDataFrame]:
    """:func:`accessibility` for several streams, sharing one model."""
    return {s: accessibility(s, **kwargs) for s in streams}
