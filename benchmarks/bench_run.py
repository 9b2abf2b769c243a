"""Benchmark: cold ``hgmap run`` for all streams (empty graph cache, fresh process).

Run:  python benchmarks/bench_run.py [--streams lamps,...] [--offline]

Starts ``hgmap run`` in a new Python process with an empty ``HGMAP_CACHE_DIR`` and a
temporary output folder, so the graph is built from scratch, every stream is solved,
every map and the SIDS report are written. Prints as its last line ``run_s: <seconds>``.
Target on the project's 2-core machine: <= 30 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--streams", default=None)
    parser.add_argument("--offline", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hgmap-bench-run-") as tmp:
        env = {**os.environ, "HGMAP_CACHE_DIR": str(Path(tmp) / "cache")}
        cmd = [sys.executable, "-m", "hgmap.cli", "run", "--out", str(Path(tmp) / "out"), "--as-of", "2026-06-01"]
        if args.streams:
            cmd += ["--streams", args.streams]
        if args.offline:
            cmd.append("--offline")
        t = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        if proc.returncode != 0:
            sys.exit(f"hgmap run failed ({proc.returncode}):\n{proc.stderr}")
        print(proc.stdout.strip().splitlines()[0])
        sizes = sorted((p.stat().st_size, p.name) for p in (Path(tmp) / "out").rglob("*.html"))
        print(f"html files: {len(sizes)}, largest {sizes[-1][1]} {sizes[-1][0] / 1e6:.2f} MB")
    print(f"run_s: {elapsed:.1f}")


if __name__ == "__main__":
    main()
