"""Benchmark: cold ``hgmap run`` for all streams (empty graph cache, fresh process).

Run:  python benchmarks/bench_run.py [--streams lamps,...] [--online] [--no-what-if]

Starts ``hgmap.run.run`` in a new Python process (ending as the ``hgmap`` command does,
without the interpreter's teardown) with an empty ``HGMAP_CACHE_DIR`` and
a temporary output folder, so the graph is built from scratch, every stream is
solved, every map, the SIDS overview and a dossier per SIDS and language are written.
Prints the wall time of the whole process as ``run_s``, the number of dossier pages and
their total size, and, as its last lines, the seconds of each stage
(``graph``, ``solve``, ``tables``, ``maps``, ``report``, ``dossiers``, ``index``; from
:attr:`hgmap.run.RunSummary.timings`; ``tables`` and ``maps`` run in a second process
beside ``report`` and ``dossiers`` on two cores, so they are not counted in the setup time).
``--warm`` runs it twice on one cache folder and reports the second run (the user's second
``hgmap run``). ``--no-what-if`` skips the report's what-if
search, to measure the other stages alone.
Target on the project's 2-core machine: ``run_s`` <= 10 s with every stream.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The child leaves as the ``hgmap`` console script does (hgmap.cli.console): flushed, then
# os._exit, without the interpreter's teardown of the model (~0.9 s).
_CHILD = """
import json, os, sys
from hgmap.run import run
s = run(out=sys.argv[1], as_of="2026-06-01", streams=sys.argv[2] or None, online=sys.argv[3] == "1",
        what_if=sys.argv[4] == "1")
print(str(s).splitlines()[0])
print("TIMINGS " + json.dumps(s.timings))
sys.stdout.flush()
os._exit(0)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--streams", default="")
    parser.add_argument("--online", action="store_true")
    parser.add_argument("--no-what-if", dest="what_if", action="store_false")
    parser.add_argument("--warm", action="store_true", help="report a second run on the same cache folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hgmap-bench-run-") as tmp:
        env = {**os.environ, "HGMAP_CACHE_DIR": str(Path(tmp) / "cache")}
        cmd = [sys.executable, "-c", _CHILD, str(Path(tmp) / "out"), args.streams,
               "1" if args.online else "0", "1" if args.what_if else "0"]
        for _ in range(2 if args.warm else 1):
            t = time.perf_counter()
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
            elapsed = time.perf_counter() - t
        if proc.returncode != 0:
            sys.exit(f"hgmap run failed ({proc.returncode}):\n{proc.stderr}")
        lines = proc.stdout.strip().splitlines()
        timings = json.loads(next(line for line in lines if line.startswith("TIMINGS "))[8:])
        print(lines[0])
        sizes = sorted((p.stat().st_size, p.name) for p in (Path(tmp) / "out").rglob("*.html"))
        print(f"html files: {len(sizes)}, largest {sizes[-1][1]} {sizes[-1][0] / 1e6:.2f} MB")
        dossiers = list((Path(tmp) / "out" / "results" / "dossiers").glob("*.html"))
        if dossiers:
            total = sum(p.stat().st_size for p in dossiers)
            print(f"dossiers: {len(dossiers)} pages, {total / 1e6:.1f} MB, "
                  f"{total / len(dossiers) / 1e3:.0f} kB each on average (assets shared)")
        md = Path(tmp) / "out" / "results" / "sids_report.md"
        if md.is_file():
            print(f"overview markdown: {len(md.read_text(encoding='utf-8').splitlines())} lines")
    print(f"run_s: {elapsed:.1f}")
    # The tables and maps are written by a second process while the report and dossiers
    # are written (hgmap/_parallel.py): they are not on the run's own path.
    beside = [s for s in ("tables", "maps") if s in timings]
    print(f"imports_and_setup_s: {elapsed - sum(v for k, v in timings.items() if k not in beside):.1f}")
    for stage, seconds in timings.items():
        note = " (second process, beside report and dossiers)" if stage in beside else ""
        print(f"{stage}_s: {seconds:.1f}{note}")


if __name__ == "__main__":
    main()
