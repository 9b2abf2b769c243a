"""Time the country dossiers: one dossier cold, and all 58 SIDS from shared results (as ``hgmap run`` would).

Usage::

    HGMAP_CACHE_DIR=... python benchmarks/bench_dossier.py [--sids N] [--out DIR]

Prints figures; never asserts (speed is not a test).
"""

from __future__ import annotations

import argparse
import tempfile
import time

import hgmap
from hgmap.access import AccessModel
from hgmap.dossier import build_dossier, write_dossier
from hgmap.i18n import dossier_languages
from hgmap.origins import select_origins


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sids", type=int, default=58, help="how many SIDS to write (default all 58)")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="bench_dossier_")
    t0 = time.perf_counter()
    d = build_dossier("FJI")
    t1 = time.perf_counter()
    write_dossier(d, out, lang="en", fmt="all")
    t2 = time.perf_counter()
    print(f"FJI, 10 streams: build {t1 - t0:.2f} s, write html+md+docx {t2 - t1:.2f} s")

    model = AccessModel()
    t3 = time.perf_counter()
    results = {s: model.solve(s, k=3) for s in hgmap.STREAMS}
    t4 = time.perf_counter()
    print(f"shared results (all origins, 10 streams, k=3): {t4 - t3:.2f} s")
    sids = select_origins("sids")[: args.sids]
    n_files = 0
    for iso3 in sids:
        dd = build_dossier(iso3, results=results, model=model)
        for lang in dossier_languages(iso3):
            write_dossier(dd, out, lang=lang, fmt="html")
            n_files += 1
    t5 = time.perf_counter()
    print(f"{len(sids)} SIDS dossiers ({n_files} HTML files): {t5 - t4:.1f} s, {(t5 - t4) / len(sids):.2f} s per SIDS")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
