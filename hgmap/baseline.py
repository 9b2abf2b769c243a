"""The naive answer, for checking the solver: one networkx search per origin.

:func:`reference_nearest` solves a stream the slow, obvious way on
:meth:`hgmap.network.TransportGraph.to_networkx` and the same legal matrices, so the
tests and ``benchmarks/bench_access.py`` can check :class:`hgmap.access.AccessModel`
against it. Slow by design: seconds per origin on the road network.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from . import law
from .access import AccessModel
from .answers import _MAX_REROUTES, NO_FACILITY, NO_LEGAL_ROUTE, REACHABLE
from .vocab import OPERATIONS, parse_date

__all__ = ["reference_nearest"]


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
            for _ in range(_MAX_REROUTES):
                # The nodes' countries and those whose land or internal waters a lane runs over.
                transit, sea = graph.transit_of(path, origin)
                if any(not mats[op].transit_blockers(origin, dest, transit, sea_passage=sea) for op in legal):
                    ok = True
                    break
                blockers = mats[legal[0]].transit_blockers(origin, dest, transit, sea_passage=sea)
                if set(blockers) & {origin, dest}:
                    break
                avoid |= set(blockers)
                lane = graph.lane_edges_over(avoid)  # lanes up the avoided States' rivers, on their lakes
                cut_edges = [(int(a), int(b)) for a, b in zip(graph.edge_u[lane], graph.edge_v[lane])]
                H = nx.restricted_view(G, np.flatnonzero(graph.country_nodes(avoid)).tolist(),
                                       cut_edges + [(b, a) for a, b in cut_edges])
                try:
                    d, path = nx.single_source_dijkstra(H, onode, fnode, weight="weight")
                except nx.NetworkXNoPath:
                    break
            if ok and (best is None or d < best[1]):
                best = (fac.at[i, "id"], d, km_of(path))
        if best is None:
            out[origin] = (NO_FACILITY if not cand else NO_LEGAL_ROUTE, None, None)
        else:
            out[origin] = (REACHABLE, best[0], best[2])
    return out
