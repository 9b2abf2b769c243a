"""Benchmark: hgmap.facilities.acceptance_matrix for every country x every facility.

Run:  python benchmarks/bench_acceptance.py [--repeat 10]

The solver calls it once per stream (and per scenario date) for 244 origins x the whole
catalogue. Prints the cold time (countries layer and legal tables loaded), the warm
time of a new date (group memberships recomputed), the cached time (same catalogue,
origins and date) and a row-by-row reference built with the documented rules, which
must give the same arrays. Last lines: ``cold_s``, ``new_date_ms``, ``cached_ms``,
``speedup_vs_rowwise``. Targets (2-core machine): cold_s <= 2, new_date_ms <= 50,
cached_ms <= 5.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import numpy as np


def _rowwise(fac, origins, on):
    """Reference: one membership look-up per origin x facility (what the vectorised code avoids)."""
    from hgmap._law_data import load_tables, membership_fact
    from hgmap.countries import load_countries
    from hgmap.facilities import parse_accepts_from

    c = load_countries().set_index("iso3")
    tables = load_tables()
    inst = {"OECD": "oecd", "EU": "eu", "EFTA": "efta", "EEA": "eea"}
    acc = np.zeros((len(origins), len(fac)), bool)
    conf = np.zeros_like(acc)
    for j, row in enumerate(fac.itertuples()):
        tokens = parse_accepts_from(row.accepts_from)
        foreign = [t for t in tokens if t not in ("domestic", row.country_iso3)]
        imports = row.accepts_imports or "unknown"
        for i, o in enumerate(origins):
            sov = c.at[o, "sovereign_iso3"] or ""
            home, terr = o == row.country_iso3, sov == row.country_iso3

            def direct(t):
                if t == "SIDS":
                    return bool(c.at[o, "sids"])
                if t.startswith("region:"):
                    return c.at[o, "sids_region"] == t.split(":", 1)[1]
                if t in inst:
                    return membership_fact(tables, inst[t], o, on).value
                return o == t

            def via(t):
                if t in inst and sov:
                    return not direct(t) and membership_fact(tables, inst[t], sov, on).value
                return t not in inst and not t.startswith("region:") and t != "SIDS" and sov == t

            d = any(direct(t) for t in foreign)
            v = any(via(t) for t in foreign)
            sourced = imports in ("yes", "no") or "domestic" in tokens or row.country_iso3 in tokens
            if imports == "no":
                a, k = home or terr, home
            elif imports == "yes":
                a = home or terr or (d or v if foreign else True)
                k = home or (d if foreign else True)
            else:
                a, k = True, (home and sourced) or d
            acc[i, j], conf[i, j] = a, k and a
    return acc, conf


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    import hgmap
    from hgmap.facilities import acceptance_matrix

    t0 = time.perf_counter()
    fac = hgmap.load_facilities()
    origins = hgmap.select_origins("all")
    acc, conf = acceptance_matrix(fac, origins, as_of="2026-06-01")
    cold = time.perf_counter() - t0
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=i) for i in range(args.repeat)]
    t0 = time.perf_counter()
    for d in days:
        acceptance_matrix(fac, origins, as_of=d)
    new_date = (time.perf_counter() - t0) / len(days)
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        acceptance_matrix(fac, origins, as_of="2026-06-01")
    cached = (time.perf_counter() - t0) / args.repeat
    t0 = time.perf_counter()
    ref_acc, ref_conf = _rowwise(fac, origins, dt.date(2026, 6, 1))
    rowwise = time.perf_counter() - t0
    assert (ref_acc == acc).all() and (ref_conf == conf).all(), "vectorised and row-wise results differ"
    print(f"origins x facilities: {len(origins)} x {len(fac)}; accepted {acc.sum()}, confirmed {conf.sum()}")
    print(f"rowwise_s: {rowwise:.2f}")
    print(f"cold_s: {cold:.2f}")
    print(f"new_date_ms: {new_date * 1000:.1f}")
    print(f"cached_ms: {cached * 1000:.2f}")
    print(f"speedup_vs_rowwise: {rowwise / max(new_date, 1e-9):.0f}")


if __name__ == "__main__":
    main()
