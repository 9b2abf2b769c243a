"""Catalogue benchmark: import 10,000 generated entries into a GeoPackage, build the site,
and time the list's filters in headless Chromium (measured in the page).

Targets (issue 17): import <= 10 s, site <= 20 s, one filter change <= 200 ms.
Entries are generated from the shipped catalogue (random rows, ids renumbered); they exercise the code, they are not data.

    python benchmarks/bench_catalogue.py [--n 10000]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hgmap import catalogue  # noqa: E402
from hgmap._io import data_path  # noqa: E402
from tests import _browser  # noqa: E402

PROBE = """
var pick = function (id, value) { var s = document.getElementById(id); s.value = value;
  s.dispatchEvent(new Event("change")); };
var times = [];
[["f-stream", "lamps"], ["f-country", "JPN"], ["f-stream", ""], ["f-kind", "facility"], ["f-status", "operating"]]
  .forEach(function (p) { pick(p[0], p[1]); times.push(parseFloat(document.body.dataset.filterMs)); });
report({rows: document.getElementById("rows").children.length, filter_ms: times});
"""


def generate(n: int, path: Path) -> None:
    rng = random.Random(17)
    with open(data_path("facilities.csv"), newline="", encoding="utf-8") as fh:
        base = list(csv.DictReader(fh))
    cols = list(base[0]) + ["kind", "description"]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for i in range(n):
            row = dict(rng.choice(base))
            row["id"] = f"GEN-{i:05d}"
            row["kind"] = "facility"
            row["description"] = ""
            w.writerow(row)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-catalogue-"))
    src = tmp / "entries.csv"
    generate(args.n, src)
    cat = catalogue.init_catalogue(tmp / "catalogue.gpkg")
    t0 = time.perf_counter()
    res = catalogue.import_entries(cat, src, organisation="benchmark")
    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    site = catalogue.build_site(cat, tmp / "site")
    site_s = time.perf_counter() - t0
    cat.close()
    filter_ms = None
    if _browser.CHROMIUM:
        rep, _ = _browser.probe(site / "index.html", PROBE, tmp, budget_ms=60000)
        filter_ms = max(rep["filter_ms"])
        print(f"rows in page: {rep['rows']}; filter changes (ms): {json.dumps(rep['filter_ms'])}")
    print(f"entries: {len(res.created)}")
    print(f"import_s: {import_s:.2f}   (target 10)")
    print(f"site_s: {site_s:.2f}   (target 20)")
    print(f"filter_ms_max: {filter_ms if filter_ms is None else round(filter_ms, 1)}   (target 200)")


if __name__ == "__main__":
    main()
