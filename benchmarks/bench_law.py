"""Benchmark of the legal engine: cold and warm ``law.matrix`` timings.

Run ``python benchmarks/bench_law.py``. The last line is ``matrix_s: <seconds>``, the
cold time for one stream (fresh process: tables, countries layer and per-date state are
loaded). Target: < 1 s cold for one stream; all streams x operations well under 1 s warm.

Measured on the 2-core dev machine (shared, ``nice``), before and after the ``hgmap/law/``
package (issue #10): one stream cold 0.209 s -> 0.089 s; all streams first time 0.054 s ->
0.019 s; ``assess()`` 0.47 ms -> 0.03 ms per pair (it now reads the pair's rules from the
cached matrix and the per-state cached ban and group masks instead of re-evaluating
every rule and ``np.isin`` per call).
"""

from __future__ import annotations

import datetime as dt
import time


def main() -> None:
    t0 = time.perf_counter()
    from hgmap import law
    from hgmap.vocab import OPERATIONS, STREAMS

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    m = law.matrix("lamps", "disposal")
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for stream in STREAMS:
        for op in OPERATIONS:
            law.matrix(stream, op)
    first_all = time.perf_counter() - t0
    t0 = time.perf_counter()
    for stream in STREAMS:
        for op in OPERATIONS:
            law.matrix(stream, op)
    warm_all = time.perf_counter() - t0
    t0 = time.perf_counter()
    other = law.matrix("lamps", "disposal", as_of=dt.date(2015, 1, 1))
    new_date = time.perf_counter() - t0
    t0 = time.perf_counter()
    for o in m.codes[:40]:
        for d in m.codes[:25]:
            law.assess(o, d, "lamps", "disposal")
    per_assess = (time.perf_counter() - t0) / 1000
    n = len(m.codes)
    print(f"countries: {n} ({n * n} pairs); import {t_import:.3f} s")
    print(f"one stream, cold: {cold:.3f} s")
    print(f"all {len(STREAMS)} streams x {len(OPERATIONS)} operations, first time after cold: {first_all:.3f} s")
    print(f"all streams x operations, warm (cached): {warm_all:.4f} s")
    print(f"one stream at a new date: {new_date:.3f} s ({other!r})")
    print(f"assess(): {per_assess * 1000:.2f} ms per pair")
    print(f"matrix_s: {cold:.3f}")


if __name__ == "__main__":
    main()
