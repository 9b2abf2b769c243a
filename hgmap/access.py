"""Each country's nearest legally accessible facility, per waste stream.

The solver runs one Dijkstra search *from every facility* on the transport graph
(``scipy.sparse.csgraph``; lanes and roads run both ways, so facility -> origin distances
are origin -> facility distances; facilities are ends, never waypoints), then, for each stream, applies the legal matrix of
:mod:`hgmap.law` as a mask over origins x facilities. A legally open facility whose
shortest route crosses a state that bans the transit is re-routed on the graph without
that state; if no route remains, it is closed for "transit". Unreachable is a result
with reasons, never a fallback route.
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
from .countries import load_countries
from .origins import select_origins
from .facilities import catalogue_stamp, load_facilities
from .network import TransportGraph, build_graph
from .vocab import OPERATIONS, STREAMS, check_operation, check_stream, parse_date

__all__ = [
    "AccessModel",
    "accessibility",
    "resolve_origins",
    "RESULT_COLUMNS",
    "geo_table",
    "result_table",
    "write_result",
    "REACHABLE",
    "NO_LEGAL_ROUTE",
    "NO_FACILITY",
]

log = logging.getLogger(__name__)

REACHABLE = "reachable"
NO_LEGAL_ROUTE = "no_legal_route"
NO_FACILITY = "no_facility_for_stream"

RESULT_COLUMNS: tuple[str, ...] = (
    "origin_iso3", "origin_name", "is_sids", "sids_region", "stream", "status", "rank",
    "facility_id", "facility_name", "facility_iso3", "operation", "distance_km", "sea_km", "land_km",
    "access_km", "transit_iso3", "legal_status", "legal_rules", "legal_conditions", "legal_confidence",
    "legal_unknowns", "nearest_unconstrained_facility_id", "nearest_unconstrained_km", "blocked_reasons",
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
    km: float
    sea_km: float
    land_km: float
    access_km: float
    transit: list[str]
    geometry: object = None


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
    """

    facilities: gpd.GeoDataFrame | str | os.PathLike | None = None
    graph: TransportGraph | None = None
    _routes: dict = field(default_factory=dict, repr=False)
    _reroutes: dict = field(default_factory=dict, repr=False)
    _decisions: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.facilities is None or isinstance(self.facilities, (str, os.PathLike)):
            self.facilities = load_facilities(self.facilities)
        self.facilities = self.facilities.reset_index(drop=True)
        base = self.graph if self.graph is not None else build_graph()
        self.base_graph = base
        self.graph = base.with_facilities(self.facilities)
        self.fac_nodes = np.array([self.graph.facility_node[f] for f in self.facilities["id"]], dtype=np.int64)
        csr = self.graph.csr()
        self.dist, self.pred = dijkstra(csr, directed=True, indices=self.fac_nodes, return_predecessors=True)
        countries = load_countries().set_index("iso3")
        self.countries = countries
        # Plain lists: pandas scalar access costs ~30 us and the solver reads a lot.
        self._c_name = countries["name"].to_dict()
        self._c_sids = countries["sids"].astype(bool).to_dict()
        self._c_region = countries["sids_region"].to_dict()
        self._f_id = self.facilities["id"].tolist()
        self._f_name = self.facilities["name"].tolist()
        self._f_iso = self.facilities["country_iso3"].tolist()
        self._f_status = self.facilities["status"].tolist()
        self.origin_nodes = self.graph.origin_node

    # -- routes -----------------------------------------------------------------------
    def _route(self, fi: int, origin: str, avoid: frozenset[str] = frozenset()) -> _Route | None:
        key = (fi, origin, avoid)
        if key in self._routes:
            return self._routes[key]
        onode = self.origin_nodes[origin]
        if avoid:
            pkey = (fi, avoid)
            if pkey not in self._reroutes:
                csr = self.graph.without_countries(avoid)
                d, p = dijkstra(csr, directed=True, indices=int(self.fac_nodes[fi]), return_predecessors=True)
                self._reroutes[pkey] = (d, p)
            dist, pred = self._reroutes[pkey]
        else:
            dist, pred = self.dist[fi], self.pred[fi]
        route = None
        if np.isfinite(dist[onode]):
            path = TransportGraph.path_from_predecessors(pred, int(self.fac_nodes[fi]), onode)
            if path is not None:
                path.reverse()  # origin -> facility
                b = self.graph.breakdown(path)
                route = _Route(path, float(dist[onode]), b["sea_km"], b["land_km"], b["access_km"], b["transit"])
        self._routes[key] = route
        return route

    def route_geometry(self, route: _Route):
        if route.geometry is None:
            route.geometry = self.graph.geometry(route.path)
        return route.geometry

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
        k: int = 1,
        operation: str | None = None,
        scenario=None,
        statuses: Sequence[str] = ("operating",),
        progress: bool = False,
    ) -> gpd.GeoDataFrame:
        """Nearest legally accessible facilities for ``stream``; see :func:`accessibility`."""
        check_stream(stream)
        if operation is not None:
            check_operation(operation)
        if int(k) < 1:
            raise ValueError(f"k must be >= 1, got {k}")
        k = int(k)
        as_of = parse_date(as_of, field="as_of") if as_of is not None else None
        if scenario is not None and not isinstance(scenario, law.Scenario):
            scenario = law.load_scenario(scenario)
        origin_codes = resolve_origins(origins)
        fac = self.facilities
        removed, status_of = self._facility_changes(scenario)
        ops_wanted = (operation,) if operation else OPERATIONS
        fac_ops = [[op for op in ops.get(stream, []) if op in ops_wanted] for ops in fac["operations"]]
        accepts = np.array([stream in s for s in fac["streams"]])
        f_status = [status_of.get(f, s) for f, s in zip(self._f_id, self._f_status)]
        operating = np.isin(f_status, list(statuses)) & ~np.isin(self._f_id, list(removed))
        candidate = accepts & operating & np.array([bool(o) for o in fac_ops])
        matrices = {op: law.matrix(stream, op, as_of=as_of, scenario=scenario)
                    for op in ops_wanted if any(op in o for o in fac_ops)}
        fac_iso = fac["country_iso3"].to_numpy(object)
        rows = []
        iterator: Iterable = origin_codes
        if progress:
            from tqdm.auto import tqdm

            iterator = tqdm(origin_codes, desc=f"access {stream}", unit="country", leave=False)
        for origin in iterator:
            onode = self.origin_nodes[origin]
            d_all = self.dist[:, onode]
            order = np.argsort(d_all, kind="stable")
            cand_order = [int(i) for i in order if candidate[i]]
            nearest_u = next((i for i in cand_order if np.isfinite(d_all[i])), None)
            accepted: list[tuple[float, int, str, _Route]] = []
            closed: dict[int, dict] = {}
            for i in cand_order:
                if len(accepted) >= k and d_all[i] > max(a[0] for a in accepted):
                    break
                if not np.isfinite(d_all[i]):
                    closed[i] = self._blocked(i, d_all[i], "route", (), "no sea or land route on the network")
                    continue
                dest = fac_iso[i]
                legal_ops = [op for op in fac_ops[i] if matrices[op].allowed[matrices[op].index[origin],
                                                                              matrices[op].index[dest]]]
                if not legal_ops:
                    rules = sorted({r for op in fac_ops[i] for r in matrices[op].rules(origin, dest)})
                    closed[i] = self._blocked(i, d_all[i], "law", rules,
                                              f"{origin} -> {dest} is prohibited for {stream} "
                                              f"({'/'.join(fac_ops[i])})")
                    continue
                found = self._legal_route(i, origin, dest, legal_ops, matrices)
                if isinstance(found, dict):
                    closed[i] = self._blocked(i, d_all[i], "transit", found["rules"], found["detail"])
                    continue
                op, route = found
                accepted.append((route.km, i, op, route))
            accepted.sort(key=lambda a: (a[0], self._f_id[a[1]]))
            accepted = accepted[:k]
            first_km = accepted[0][0] if accepted else np.inf
            blocked = self._nearer_blocked(origin, d_all, order, first_km, candidate, accepts, operating,
                                           fac_ops, closed, stream, operation, statuses, removed, status_of)
            base = {
                "origin_iso3": origin,
                "origin_name": self._c_name[origin],
                "is_sids": self._c_sids[origin],
                "sids_region": self._c_region[origin],
                "stream": stream,
                "nearest_unconstrained_facility_id": self._f_id[nearest_u] if nearest_u is not None else None,
                "nearest_unconstrained_km": round(float(d_all[nearest_u]), 1) if nearest_u is not None else None,
                "blocked_reasons": blocked,
            }
            if not accepted:
                status = NO_FACILITY if not candidate.any() else NO_LEGAL_ROUTE
                if not candidate.any():
                    log.info("%s: no operating facility accepts %s%s", origin, stream,
                             f" for {operation}" if operation else "")
                else:
                    log.info("%s: no legal route to any facility for %s", origin, stream)
                rows.append({**base, "status": status, "rank": 1, "facility_id": None, "facility_name": None,
                             "facility_iso3": None, "operation": None, "distance_km": None, "sea_km": None,
                             "land_km": None, "access_km": None, "transit_iso3": [], "legal_status": None,
                             "legal_rules": [], "legal_conditions": [], "legal_confidence": None,
                             "legal_unknowns": [], "geometry": None})
                continue
            for rank, (km, i, op, route) in enumerate(accepted, start=1):
                dec = self._decision(origin, fac_iso[i], stream, op, route.transit, as_of, scenario)
                rows.append({
                    **base, "status": REACHABLE, "rank": rank, "facility_id": self._f_id[i],
                    "facility_name": self._f_name[i], "facility_iso3": fac_iso[i], "operation": op,
                    "distance_km": round(km, 1), "sea_km": round(route.sea_km, 1), "land_km": round(route.land_km, 1),
                    "access_km": round(route.access_km, 1), "transit_iso3": list(route.transit),
                    "legal_status": dec.status, "legal_rules": _rule_ids(dec),
                    "legal_conditions": list(dec.conditions), "legal_confidence": dec.confidence,
                    "legal_unknowns": list(dec.unknowns), "geometry": self.route_geometry(route),
                })
        frame = gpd.GeoDataFrame(rows, columns=[*RESULT_COLUMNS, "geometry"], geometry="geometry", crs=4326)
        frame.attrs.update({
            "stream": stream, "operation": operation, "k": k,
            "as_of": (as_of or _dt.date.today()).isoformat(), "data_date": law.DATA_DATE,
            "scenario": getattr(scenario, "name", None),
            "circuity": self.graph.settings["circuity"],
            "sea_passage_is_transit": self.graph.settings["sea_passage_is_transit"],
            "statuses": list(statuses),
        })
        return frame

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

    def _legal_route(self, i: int, origin: str, dest: str, legal_ops: list[str], matrices) -> tuple | dict:
        """Shortest route whose transit states allow the movement, or why none exists."""
        avoid: set[str] = set()
        rules: set[str] = set()
        for _ in range(_MAX_REROUTES):
            route = self._route(i, origin, frozenset(avoid))
            if route is None:
                return {"rules": sorted(rules), "detail": "every route crosses a state that bans the transit: "
                        + ", ".join(sorted(avoid))}
            for op in legal_ops:
                blockers = matrices[op].transit_blockers(origin, dest, route.transit)
                if not blockers:
                    return op, route
            # Avoid the states blocking the first (preferred) operation and try again.
            blockers = matrices[legal_ops[0]].transit_blockers(origin, dest, route.transit)
            for state, state_rules in blockers.items():
                if state in (origin, dest):
                    return {"rules": sorted(set(state_rules)), "detail": f"{state} bans the movement"}
                avoid.add(state)
                rules.update(state_rules)
        return {"rules": sorted(rules), "detail": "no route avoids the states that ban the transit: "
                + ", ".join(sorted(avoid))}

    def _blocked(self, i: int, km: float, reason: str, rules, detail: str) -> dict:
        return {"facility_id": self._f_id[i], "facility_name": self._f_name[i],
                "facility_iso3": self._f_iso[i],
                "distance_km": round(float(km), 1) if np.isfinite(km) else None,
                "reason": reason, "rules": list(rules), "detail": detail}

    def _nearer_blocked(self, origin, d_all, order, first_km, candidate, accepts, operating, fac_ops, closed,
                        stream, operation, statuses, removed, status_of) -> list[dict]:
        out = []
        n_stream = 0
        for i in order:
            i = int(i)
            if not d_all[i] < first_km:
                break
            if i in closed:
                out.append(closed[i])
            elif not accepts[i]:
                if n_stream >= MAX_BLOCKED_STREAM:
                    continue
                n_stream += 1
                out.append(self._blocked(i, d_all[i], "stream", (), f"does not accept {stream}"))
            elif not operating[i]:
                why = ("removed by the scenario" if self._f_id[i] in removed else
                       f"status is {status_of.get(self._f_id[i], self._f_status[i])!r}, not " + "/".join(statuses))
                out.append(self._blocked(i, d_all[i], "status", (), why))
            elif not fac_ops[i]:
                what = f"{operation} of {stream}" if operation else f"disposal or recovery of {stream}"
                out.append(self._blocked(i, d_all[i], "operation", (), f"no known {what}"))
            if len(out) >= MAX_BLOCKED:
                break
        return out


def _rule_ids(decision) -> list[str]:
    """Rule ids of a decision, its transit states' included, without repeats."""
    ids = [r.rule_id for r in decision.reasons]
    ids += [r.rule_id for t in decision.transit for r in t.reasons]
    return list(dict.fromkeys(ids))


_MODELS: dict = {}


def _model(facilities, graph) -> AccessModel:
    if isinstance(facilities, gpd.GeoDataFrame):
        return AccessModel(facilities=facilities, graph=graph)
    key = (None if facilities is None else catalogue_stamp(facilities), id(graph))
    if key not in _MODELS:
        _MODELS[key] = AccessModel(facilities=facilities, graph=graph)
    return _MODELS[key]


def accessibility(
    stream: str,
    *,
    as_of=None,
    origins: str | Iterable[str] | None = None,
    k: int = 1,
    operation: str | None = None,
    scenario=None,
    facilities=None,
    graph: TransportGraph | None = None,
    statuses: Sequence[str] = ("operating",),
    progress: bool = False,
) -> gpd.GeoDataFrame:
    """Nearest legally accessible facility (or ``k`` of them) for each origin country.

    Parameters
    ----------
    stream
        One of :data:`hgmap.STREAMS`.
    as_of
        Date the law is read at (``YYYY-MM-DD`` or ``date``); default today.
    origins
        ``None``/``"all"``, ``"sids"``, or ISO3 codes (list or comma-separated).
    k
        Facilities per origin (ranked by route length).
    operation
        ``"disposal"`` or ``"recovery"`` only; default: any operation the facility
        performs for the stream (from its technology), the legal one preferred.
    scenario
        Path of a scenario file, or a :class:`hgmap.law.Scenario`.
    facilities
        User catalogue (path or GeoDataFrame); default the shipped one.
    graph
        A prebuilt base graph (e.g. with another circuity); default :func:`build_graph`.
    statuses
        Facility statuses that count; closed and unknown-status facilities are
        excluded by default.
    progress
        Show a progress bar (the CLI turns it on for terminals).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`RESULT_COLUMNS` plus the route ``geometry`` (EPSG:4326,
        MultiLineString split at +-180). ``status`` is ``reachable``,
        ``no_legal_route`` or ``no_facility_for_stream``; unreachable rows carry
        ``blocked_reasons`` and no geometry. ``attrs`` holds the as-of date, the
        legal data date and the modelling settings. Not legal advice.
    """
    return _model(facilities, graph).solve(stream, as_of=as_of, origins=origins, k=k, operation=operation,
                                           scenario=scenario, statuses=statuses, progress=progress)


def all_streams(streams: Sequence[str] = STREAMS, **kwargs) -> dict[str, gpd.GeoDataFrame]:
    """:func:`accessibility` for several streams, sharing one model."""
    return {s: accessibility(s, **kwargs) for s in streams}


# -- output ---------------------------------------------------------------------------

FORMATS = ("csv", "json", "geojson", "gpkg", "parquet")
_LIST_COLUMNS = ("transit_iso3", "legal_rules", "legal_conditions", "legal_unknowns")


def _blocked_text(items: list[dict]) -> str:
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
    return frame


def result_table(result: gpd.GeoDataFrame) -> pd.DataFrame:
    """The result as a flat table: lists joined with ``;``, no geometry."""
    table = _join_lists(pd.DataFrame(result.drop(columns="geometry")))
    table["blocked_reasons"] = table["blocked_reasons"].map(_blocked_text)
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


def reference_nearest(model: AccessModel, stream: str, origins: Iterable[str], *, as_of=None,
                      scenario=None, graph_nx=None) -> dict[str, tuple[str, str | None, float | None]]:
    """The naive answer, for checking the solver: one networkx Dijkstra per origin.

    For each origin: a single-source Dijkstra from the origin on
    :meth:`TransportGraph.to_networkx`, then the facilities in distance order filtered
    by the same legal matrices and transit rules (re-searching without the states that
    ban the transit). Returns ``{origin: (status, facility_id, distance_km)}``. Slow by
    design: it is the baseline of ``benchmarks/bench_access.py`` and of the tests.
    """
    import networkx as nx

    G = graph_nx if graph_nx is not None else model.graph.to_networkx()
    graph = model.graph
    fac = model.facilities
    as_of = parse_date(as_of, field="as_of") if as_of is not None else None
    if scenario is not None and not isinstance(scenario, law.Scenario):
        scenario = law.load_scenario(scenario)
    removed, status_of = model._facility_changes(scenario)
    ops = [[op for op in d.get(stream, []) if op in OPERATIONS] for d in fac["operations"]]
    cand = [i for i in range(len(fac))
            if status_of.get(fac.at[i, "id"], fac.at[i, "status"]) == "operating" and fac.at[i, "id"] not in removed
            and stream in fac.at[i, "streams"] and ops[i]]
    mats = {op: law.matrix(stream, op, as_of=as_of, scenario=scenario) for op in OPERATIONS}
    out = {}
    for origin in origins:
        onode = graph.origin_node[origin]
        dist, paths = nx.single_source_dijkstra(G, onode, weight="weight")
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
            path, d, avoid = paths[fnode], dist[fnode], set()
            ok = False
            for _ in range(_MAX_REROUTES):
                transit = [c for c in dict.fromkeys(graph.node_country[n] for n in path)
                           if c and c not in (origin, dest)]
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
                best = (fac.at[i, "id"], d)
        if best is None:
            out[origin] = (NO_FACILITY if not cand else NO_LEGAL_ROUTE, None, None)
        else:
            out[origin] = (REACHABLE, best[0], best[1])
    return out
