"""Benchmark: the whole world x all streams, project solver vs a naive baseline.

Run:  python benchmarks/bench_access.py [--streams lamps,batteries] [--no-naive] [--naive-origins N]

* graph build (cold: no on-disk cache) is timed separately;
* ``solve_s``: attaching the facilities, one Dijkstra from every facility
  (scipy.sparse.csgraph), legal matrices as masks, and the ranked result for every
  country and every stream (the law tables' first load included);
* naive baseline: for every stream and a sample of origins (``--naive-origins``, default
  12: on the road network one networkx search takes seconds), one networkx single-source
  Dijkstra from the origin (kept across streams), then the facilities filtered by the
  same legal matrices and transit checks (re-running the search without blocking transit
  states). The agreement check runs on a model with ``objective="distance"``: with the
  cost objective the solver prices the border into the destination state differently
  per destination (``TransportGraph.csr_into``), which a single origin search cannot.

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

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--streams", default=None)
    parser.add_argument("--no-naive", action="store_true")
    parser.add_argument("--naive-origins", type=int, default=12)
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
    from hgmap.baseline import reference_nearest

    t = time.perf_counter()
    km_model = AccessModel(graph=graph, objective="distance")
    results = {s: km_model.solve(s) for s in streams}
    km_solve_s = time.perf_counter() - t
    G = km_model.graph.to_networkx()
    sample = ["TUV", "FJI", "JAM", "HTI", "ZMB", "CHE", "PLW", "MDV", "USA", "BRA", "KIR", "TLS", "LSO", "BOL"]
    origins = sample[: args.naive_origins]
    t = time.perf_counter()
    cache: dict = {}
    naive_res = {s: reference_nearest(km_model, s, origins, graph_nx=G, cache=cache) for s in streams}
    naive_s = time.perf_counter() - t
    # Scale the solver's time to the same number of origins for the speed-up.
    solve_per_origin = km_solve_s / len(country_codes())
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
    print(f"speedup_vs_naive (per origin, model searches included): "
          f"{(naive_s / len(origins)) / solve_per_origin:.1f}")


if __name__ == "__main__":
    main()
