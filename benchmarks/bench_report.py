"""Benchmark of the SIDS report: solve, ``build_report`` (closed facilities, what-ifs) and rendering.

Run ``python benchmarks/bench_report.py [--as-of YYYY-MM-DD]``. All ten streams, 58 SIDS,
k=3, shipped catalogue; the graph comes from the cache (``HGMAP_CACHE_DIR``). The last
line is ``report_s: <seconds>`` (solve + build + render, what ``sids_report`` does).

Measured on the shared 2-core machine (load 4-7), as of 2026-12-01: ``build_report``
10.3 s before the ``hgmap/report/`` package (issue #10), 1.1 s after; ``sids_report``
43.7 s -> 9.4 s in one process.
"""

from __future__ import annotations

import argparse
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--as-of", default="2026-12-01")
    args = ap.parse_args()
    t0 = time.perf_counter()
    from hgmap.access import AccessModel
    from hgmap.report import build_report, render_csv, render_html, render_markdown
    from hgmap.vocab import STREAMS

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    model = AccessModel()
    t_model = time.perf_counter() - t0
    t0 = time.perf_counter()
    results = {s: model.solve(s, as_of=args.as_of, origins="sids", k=3) for s in STREAMS}
    t_solve = time.perf_counter() - t0
    t0 = time.perf_counter()
    rep = build_report(results, model=model)
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    render_markdown(rep), render_html(rep), render_csv(rep)
    t_render = time.perf_counter() - t0
    n_what_if = sum(len(e.what_if) for e in rep.entries.values())
    print(f"import {t_import:.2f} s; model {t_model:.2f} s")
    print(f"solve (10 streams, 58 SIDS): {t_solve:.2f} s")
    print(f"build_report: {t_build:.2f} s ({n_what_if} what-if scenarios evaluated)")
    print(f"render md+html+csv: {t_render:.2f} s")
    print(f"report_s: {t_solve + t_build + t_render:.2f}")


if __name__ == "__main__":
    main()
