"""Benchmark and checks for issue #11: routes a shipping agent would book.

Run:  python benchmarks/bench_routes.py [--streams lamps,batteries] [--points 100000]

Prints, over all countries x streams (rank-1 rows):

* the share of reachable routes with >= 3 transit states (target <= 2 %);
* the longest road distance driven through third countries, and the island (SIDS)
  origin whose nearest route drives the most road in all (target <= 1,500 km);
* the routes longer than 3x the great circle between origin and facility;
* timings: graph build cold (no on-disk cache; target <= 60 s, <= 3 GB peak RSS), graph
  load warm, model (facility searches), the whole world x all streams solve (target
  <= 1 s) the first time, again in the same process, and in a new process that reads
  the searches from the cache, and N user origin points x all streams (target: 100,000
  in <= 10 s), as tables (``geometry=False``), and once with every route drawn;
* the slowest stage.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--streams", default=None)
    ap.add_argument("--points", type=int, default=100_000, help="user origin points (0: skip)")
    args = ap.parse_args()
    os.environ["HGMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="hgmap-bench-routes-")

    import hgmap
    from hgmap import network
    from hgmap.access import AccessModel
    from hgmap.network import build_graph, geodesic_km

    streams = args.streams.split(",") if args.streams else list(hgmap.STREAMS)
    countries = hgmap.load_countries().set_index("iso3")
    fac = hgmap.load_facilities().set_index("id")
    stages: dict[str, float] = {}

    t = time.perf_counter()
    graph = build_graph()
    stages["graph_build_cold"] = time.perf_counter() - t
    network._MEMO.clear()
    t = time.perf_counter()
    graph = build_graph()
    stages["graph_load_warm"] = time.perf_counter() - t
    t = time.perf_counter()
    model = AccessModel(graph=graph)
    stages["model_searches"] = time.perf_counter() - t
    t = time.perf_counter()
    results = {s: model.solve(s) for s in streams}
    stages["solve_world_x_streams_first"] = time.perf_counter() - t
    t = time.perf_counter()
    for s in streams:
        model.solve(s)
    stages["solve_world_x_streams_warm"] = time.perf_counter() - t
    # A fresh process on the same cache: trees, re-routes and their km are read from disk.
    import subprocess
    import sys

    child = ("import time, hgmap; m = hgmap.AccessModel(); t = time.perf_counter(); "
             f"[m.solve(s) for s in {streams!r}]; print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True)
    stages["solve_world_x_streams_new_process"] = float(out.stdout.strip().splitlines()[-1])

    rows = []
    for s, r in results.items():
        r = r[(r["rank"] == 1) & (r["status"] == "reachable")]
        rows.extend(r.to_dict("records"))
    n = len(rows)
    three = [r for r in rows if len(r["transit_iso3"]) >= 3]
    print(f"reachable nearest routes: {n} (of {sum(len(r[r['rank'] == 1]) for r in results.values())} rows)")
    print(f"share_with_3plus_transit: {100 * len(three) / max(n, 1):.2f} % ({len(three)} routes; target <= 2 %)")
    for r in three[:10]:
        print(f"  {r['stream']} {r['origin_iso3']} -> {r['facility_id']}: {', '.join(r['transit_iso3'])}")

    def third_road(r):
        return sum(leg["km"] for leg in r["legs"] if leg["mode"] == "road"
                   and leg["from_iso3"] not in (r["origin_iso3"], r["facility_iso3"]))

    worst = max(rows, key=third_road, default=None)
    if worst:
        print(f"longest_road_through_third_countries_km: {third_road(worst):.0f} "
              f"({worst['stream']} {worst['origin_iso3']} -> {worst['facility_id']} via {worst['transit_iso3']})")
    sids = [r for r in rows if r["is_sids"]]
    island = max(sids, key=lambda r: r["road_km"], default=None)
    if island:
        print(f"max_island_origin_road_km: {island['road_km']:.0f} ({island['stream']} {island['origin_iso3']} -> "
              f"{island['facility_id']}; target <= 1,500)")
    gc = np.array([float(geodesic_km(r["origin_lon"], r["origin_lat"], fac.at[r["facility_id"], "lon"],
                                     fac.at[r["facility_id"], "lat"])) for r in rows])
    d = np.array([r["distance_km"] for r in rows])
    long = np.flatnonzero(d > 3 * np.maximum(gc, 1))
    print(f"routes_longer_than_3x_great_circle: {len(long)}")
    for i in long[:10]:
        r = rows[i]
        print(f"  {r['stream']} {r['origin_iso3']} -> {r['facility_id']}: {d[i]:.0f} km vs {gc[i]:.0f} km great circle")

    if args.points:
        rng = np.random.default_rng(0)
        # Points near the default origins (within ~0.3 degrees), so they lie in their country.
        o = hgmap.network.load_origin_points()
        pick = rng.integers(0, len(o), args.points)
        import pandas as pd

        pts = pd.DataFrame({"id": [f"p{i}" for i in range(args.points)], "country_iso3": o["iso3"].to_numpy()[pick],
                            "name": "", "lon": o["lon"].to_numpy()[pick] + rng.normal(0, 0.1, args.points),
                            "lat": o["lat"].to_numpy()[pick] + rng.normal(0, 0.1, args.points)})
        joins = model.graph.attach_points(pts["lon"], pts["lat"], pts["country_iso3"])
        n_join = len({(c, j[0][0] if len(j) == 1 else tuple(j)) for c, j in zip(pts["country_iso3"], joins)})
        print(f"user_points: {args.points} joining the graph at {n_join} distinct nodes (one solve each)")
        # The target counts the tables; drawing every point's route costs more than solving
        # it, so the drawn routes are timed separately, for the first stream.
        t = time.perf_counter()
        for s in streams:
            model.solve(s, points=pts, geometry=False)
        stages[f"user_points_{args.points}_x_streams_tables"] = time.perf_counter() - t
        t = time.perf_counter()
        model.solve(streams[0], points=pts)
        stages[f"user_points_{args.points}_x_1_stream_with_routes_drawn"] = time.perf_counter() - t

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for k, v in stages.items():
        print(f"{k}_s: {v:.2f}")
    print(f"peak_rss_mb: {peak:.0f}")
    slow = max(stages, key=stages.get)
    print(f"slowest_stage: {slow} ({stages[slow]:.2f} s)")
    del countries


if __name__ == "__main__":
    main()
