"""Benchmark: the whole world x all streams, project solver vs a naive baseline.

Run:  python benchmarks/bench_access.py [--streams lamps,batteries] [--no-naive]

* graph build (cold: no on-disk cache) is timed separately;
* ``solve_s``: attaching the facilities, one Dijkstra from every facility
  (scipy.sparse.csgraph), legal matrices as masks, and the ranked result for every
  country and every stream (the law tables' first load included);
* naive baseline: for every stream and every origin, one networkx single-source
  Dijkstra from the origin, then the facilities filtered by the same legal matrices and
  transit checks (re-running the search without blocking transit states).

Checks that both give the same status, facility and distance for every origin and
stream, and prints as its last lines ``solve_s: <s>`` and ``speedup_vs_naive: <x>``.
Targets (2-core machine): solve_s <= 2, speedup >= 20, cold graph build <= 10 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import networkx as nx
import numpy as np


def naive(model, stream: str, origins: list[str]) -> dict[str, tuple[str, str | None, float | None]]:
    from hgmap import law
    from hgmap.facilities import stream_operations
    from hgmap.vocab import OPERATIONS

    G = model._nx
    graph = model.graph
    fac = model.facilities
    out = {}
    ops = [[op for op in stream_operations(r, stream) if op in OPERATIONS] for _, r in fac.iterrows()]
    cand = [i for i in range(len(fac)) if fac.at[i, "status"] == "operating" and stream in fac.at[i, "streams"] and ops[i]]
    mats = {op: law.matrix(stream, op) for op in OPERATIONS}
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
            for _ in range(6):
                transit = [c for c in dict.fromkeys(graph.node_country[n] for n in path) if c and c not in (origin, dest)]
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
            out[origin] = ("no_facility_for_stream" if not cand else "no_legal_route", None, None)
        else:
            out[origin] = ("reachable", best[0], best[1])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--streams", default=None)
    parser.add_argument("--no-naive", action="store_true")
    args = parser.parse_args()
    os.environ["HGMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="hgmap-bench-")

    import hgmap
    from hgmap.access import AccessModel
    from hgmap.countries import country_codes
    from hgmap.network import build_graph

    streams = args.streams.split(",") if args.streams else list(hgmap.STREAMS)
    hgmap.load_countries(), hgmap.load_facilities()  # data files read before timing

    t = time.perf_counter()
    graph = build_graph()
    build_s = time.perf_counter() - t
    print(f"graph_build_cold_s: {build_s:.2f}  ({graph.summary()})")

    t = time.perf_counter()
    model = AccessModel(graph=graph)
    results = {s: model.solve(s) for s in streams}
    solve_s = time.perf_counter() - t
    reach = {s: int((r["status"] == "reachable").sum()) for s, r in results.items()}
    print(f"origins: {len(country_codes())}, streams: {len(streams)}, reachable per stream: {reach}")
    t = time.perf_counter()
    for s in streams:
        model.solve(s)
    print(f"solve_warm_s: {time.perf_counter() - t:.2f} (law and routes cached)")

    if args.no_naive:
        print(f"solve_s: {solve_s:.3f}")
        return
    model._nx = model.graph.to_networkx()
    origins = list(country_codes())
    t = time.perf_counter()
    naive_res = {s: naive(model, s, origins) for s in streams}
    naive_s = time.perf_counter() - t
    mismatches = 0
    for s in streams:
        r = results[s].set_index("origin_iso3")
        for o in origins:
            status, fid, d = naive_res[s][o]
            row = r.loc[o]
            if row["status"] != status:
                mismatches += 1
                print(f"MISMATCH {s} {o}: solver {row['status']} vs naive {status}", file=sys.stderr)
            elif status == "reachable" and not np.isclose(row["distance_km"], round(d, 1), atol=0.11):
                mismatches += 1
                print(f"MISMATCH {s} {o}: solver {row['facility_id']} {row['distance_km']} km vs naive {fid} {d:.1f} km",
                      file=sys.stderr)
    checked = len(streams) * len(origins)
    print(f"naive_s: {naive_s:.2f}  agreement: {checked - mismatches}/{checked} origin-stream answers")
    if mismatches:
        sys.exit(f"{mismatches} disagreements between solver and naive baseline")
    print(f"solve_s: {solve_s:.3f}")
    print(f"speedup_vs_naive: {naive_s / solve_s:.1f}")


if __name__ == "__main__":
    main()
