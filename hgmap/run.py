"""``hgmap run``: the whole analysis on the shipped (or a user's) data, replayable.

One call computes accessibility for every country and stream, draws one map per
stream, writes the SIDS guidance report and an ``index.html`` linking everything, and
records a manifest (versions, hashes of every input, parameters, as-of date, hashes of
every output) from which the same run can be replayed with ``hgmap run --replay``.
Every file is written atomically: an interrupted run leaves no half-written file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
import logging
import os
import platform
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from . import law
from ._io import atomic_path, atomic_write_text, data_path
from .access import AccessModel, geo_table, result_table
from .errors import HgmapError
from .vocab import STREAMS, check_stream, parse_date

__all__ = ["RunSummary", "run", "replay", "load_manifest", "MANIFEST_NAME"]

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
_PACKAGES = ("hgmap", "geopandas", "shapely", "pyproj", "pyogrio", "pandas", "numpy", "folium", "branca",
             "mapclassify", "networkx", "scipy", "searoute", "pycountry", "pyyaml")


@dataclass
class RunSummary:
    """What a run produced; ``str(summary)`` is the end-of-run text of the CLI."""

    as_of: str
    data_date: str
    streams: tuple[str, ...]
    reachable: dict[str, tuple[int, int]]  # stream -> (reachable countries, countries)
    sids_without_route: dict[str, list[str]]
    files: dict[str, Path] = field(default_factory=dict)
    manifest: Path | None = None

    def __str__(self) -> str:
        lines = [f"hgmap run: as of {self.as_of}; legal data {self.data_date}. Not legal advice."]
        width = max(len(s) for s in self.streams)
        for s in self.streams:
            ok, n = self.reachable[s]
            none = self.sids_without_route[s]
            tail = f"; SIDS with no route: {', '.join(none)}" if none else ""
            lines.append(f"  {s:<{width}}  {ok:>3}/{n} countries reach a facility{tail}")
        lines.append("files:")
        for label, path in self.files.items():
            lines.append(f"  {label:<14} {path}")
        if self.manifest:
            lines.append(f"  {'manifest':<14} {self.manifest}  (replay: hgmap run --replay {self.manifest})")
        return "\n".join(lines)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _inputs(facilities: str | None, scenario: str | None) -> dict[str, dict]:
    """Every file the run reads, with its SHA-256."""
    files: dict[str, Path] = {
        "data/countries.gpkg": data_path("countries.gpkg"),
        "data/ports.csv": data_path("ports.csv"),
        "searoute/marnet_searoute.geojson": Path(str(resources.files("searoute") / "data" / "marnet_searoute.geojson")),
    }
    files["facilities"] = Path(facilities) if facilities else data_path("facilities.csv")
    for p in sorted(data_path("law").glob("*.csv")):
        files[f"data/law/{p.name}"] = p
    if scenario:
        files["scenario"] = Path(scenario)
    return {k: {"path": str(p), "sha256": _sha256(p)} for k, p in files.items()}


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in _PACKAGES:
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def _index_html(summary: RunSummary, maps: dict[str, Path], report: dict[str, Path], index: Path,
                tables: dict[str, Path]) -> str:
    def rel(p: Path) -> str:
        return html.escape(os.path.relpath(p, index.parent).replace(os.sep, "/"), quote=True)

    rows = []
    for s in summary.streams:
        ok, n = summary.reachable[s]
        none = ", ".join(summary.sids_without_route[s]) or "none"
        link = f'<a href="{rel(maps[s])}">{html.escape(s)}</a>' if s in maps else html.escape(s)
        rows.append(f"<tr><td>{link}</td><td>{ok}/{n}</td><td>{html.escape(none)}</td></tr>")
    reports = " · ".join(f'<a href="{rel(p)}">{html.escape(k)}</a>' for k, p in report.items())
    data = " · ".join(f'<a href="{rel(p)}">{html.escape(k)}</a>' for k, p in tables.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>hgmap: mercury-waste accessibility</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}}
.nla{{background:#fff3cd;padding:.6rem;border:1px solid #e0c36b}}</style></head><body>
<h1>Where can mercury waste legally go?</h1>
<p class="nla"><strong>Not legal advice.</strong> Legal status as of {html.escape(summary.as_of)}; legal data
dated {html.escape(summary.data_date)}. Check every shipment with the competent authorities of the states of
export, transit and import.</p>
<h2>SIDS guidance report</h2><p>{reports}</p>
<h2>Maps by waste stream</h2>
<table><thead><tr><th>Stream (map)</th><th>Countries reaching a facility</th><th>SIDS with no legal route</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<h2>Tables</h2><p>{data}</p>
<p>Produced by hgmap; replay from this folder with <code>hgmap run --replay {rel(summary.manifest) if summary.manifest else ''}</code>
(the manifest records versions, input hashes and parameters).</p>
</body></html>
"""


def run(
    *,
    out: str | os.PathLike | None = None,
    as_of: str | _dt.date | None = None,
    streams: str | Iterable[str] | None = None,
    scenario: str | os.PathLike | None = None,
    facilities: str | os.PathLike | None = None,
    offline: bool = False,
    k: int = 3,
    what_if: bool = True,
    progress: bool = False,
    on_step: Callable[[str], None] | None = None,
) -> RunSummary:
    """Run the whole analysis and write maps, tables, the SIDS report and a manifest.

    Parameters
    ----------
    out
        Folder for everything (``maps/`` and ``results/`` inside it). ``None``: ``maps/``
        and ``results/`` in the current directory.
    as_of
        Date the law is read at; default today (recorded in the manifest, so a replay
        reads the law at the same date).
    streams
        Streams (list or comma-separated); default all of :data:`hgmap.STREAMS`.
    scenario
        What-if scenario file for the whole run.
    facilities
        User facility catalogue instead of the shipped one.
    offline
        Maps and report that need no network (scripts inlined, no tile layer).
    k
        Facilities kept per country and stream (the report lists them).
    what_if
        Search scenarios that would open a route for SIDS without one.
    progress
        Progress bar on standard error.
    on_step
        Called with a short label before each step (for custom progress display).

    Returns
    -------
    RunSummary
    """
    from . import maps as _maps
    from . import report as _report

    as_of_d = parse_date(as_of, field="as_of") or _dt.date.today()
    if streams is None:
        stream_list = list(STREAMS)
    elif isinstance(streams, str):
        stream_list = [s.strip() for s in streams.split(",") if s.strip()]
    else:
        stream_list = list(streams)
    for s in stream_list:
        check_stream(s)
    if not stream_list:
        raise HgmapError("no stream to run")
    base = Path(out) if out is not None else Path.cwd()
    maps_dir, results_dir = base / "maps", base / "results"
    scenario_path = str(Path(scenario).resolve()) if scenario else None
    facilities_path = str(Path(facilities).resolve()) if facilities else None
    scen = law.load_scenario(scenario_path) if scenario_path else None
    inputs = _inputs(facilities_path, scenario_path)

    steps = [f"access {s}" for s in stream_list] + [f"map {s}" for s in stream_list] + ["report", "manifest"]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(steps), unit="step", desc="hgmap run", file=sys.stderr)

    def step(label: str) -> None:
        if on_step:
            on_step(label)
        if bar is not None:
            bar.set_postfix_str(label)

    def done() -> None:
        if bar is not None:
            bar.update(1)

    try:
        model = AccessModel(facilities=facilities_path)
        results = {}
        for s in stream_list:
            step(f"access {s}")
            results[s] = model.solve(s, as_of=as_of_d, k=k, scenario=scen)
            done()

        files: dict[str, Path] = {}
        gpkg = results_dir / "accessibility.gpkg"
        with atomic_path(gpkg) as tmp:
            for s in stream_list:
                geo_table(results[s]).to_file(tmp, driver="GPKG", layer=s)
        files["geopackage"] = gpkg
        table = pd.concat([result_table(results[s]) for s in stream_list], ignore_index=True)
        files["csv"] = atomic_write_text(results_dir / "accessibility.csv", table.to_csv(index=False, lineterminator="\n"))

        map_files: dict[str, Path] = {}
        for s in stream_list:
            step(f"map {s}")
            m = _maps.accessibility_map(results[s], facilities=model.facilities, offline=offline,
                                        title=None)
            map_files[s] = _maps.save_map(m, maps_dir / f"{s}.html", offline=offline)
            done()

        step("report")
        rep = _report.build_report(results, facilities=facilities_path, scenario=scen, what_if=what_if,
                                   model=model)
        report_files = {
            "report (HTML)": results_dir / "sids_report.html",
            "report (Markdown)": results_dir / "sids_report.md",
            "report (CSV)": results_dir / "sids_report.csv",
        }
        hrefs = {s: os.path.relpath(p, results_dir).replace(os.sep, "/") for s, p in map_files.items()}
        atomic_write_text(report_files["report (HTML)"], _report.render_html(rep, maps=hrefs))
        atomic_write_text(report_files["report (Markdown)"], _report.render_markdown(rep))
        atomic_write_text(report_files["report (CSV)"], _report.render_csv(rep))
        done()

        reachable = {}
        sids_none = {}
        for s in stream_list:
            first = results[s][results[s]["rank"] == 1]
            reachable[s] = (int((first["status"] == "reachable").sum()), len(first))
            sids_none[s] = sorted(first.loc[first["is_sids"] & (first["status"] != "reachable"), "origin_iso3"])
        summary = RunSummary(as_of=as_of_d.isoformat(), data_date=law.data_date(), streams=tuple(stream_list),
                             reachable=reachable, sids_without_route=sids_none)
        step("manifest")
        manifest = results_dir / MANIFEST_NAME
        summary.manifest = manifest
        index = results_dir / "index.html"
        tables = {"accessibility.csv": files["csv"], "accessibility.gpkg": gpkg}
        atomic_write_text(index, _index_html(summary, map_files, report_files, index, tables))
        summary.files = {"index": index, **{f"map {s}": p for s, p in map_files.items()},
                         **{k_: v for k_, v in report_files.items()}, "table (CSV)": files["csv"],
                         "table (GPKG)": gpkg}
        outputs = {}
        for label, p in summary.files.items():
            # GeoPackage files embed write times; their hash is recorded but not compared on replay.
            outputs[label] = {"path": os.path.relpath(p, base).replace(os.sep, "/"), "sha256": _sha256(p),
                              "bytes": p.stat().st_size, "reproducible": p.suffix != ".gpkg"}
        doc = {
            "format": MANIFEST_FORMAT,
            "tool": "hgmap run",
            "versions": _versions(),
            "parameters": {
                "as_of": as_of_d.isoformat(), "streams": stream_list, "k": k, "offline": offline,
                "what_if": what_if, "scenario": scenario_path, "facilities": facilities_path,
                "circuity": model.graph.settings["circuity"],
                "sea_passage_is_transit": model.graph.settings["sea_passage_is_transit"],
                "restrictions": model.graph.settings["restrictions"],
                "max_snap_km": model.graph.settings["max_snap_km"],
            },
            "legal_data_date": law.data_date(),
            "inputs": inputs,
            "outputs": outputs,
            "disclaimer": "Not legal advice.",
        }
        atomic_write_text(manifest, json.dumps(doc, indent=2, sort_keys=True) + "\n")
        done()
    finally:
        if bar is not None:
            bar.close()
    return summary


def load_manifest(path: str | os.PathLike) -> dict:
    """Read and check a run manifest."""
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HgmapError(f"{p}: no such manifest") from None
    except json.JSONDecodeError as exc:
        raise HgmapError(f"{p}: not a JSON manifest ({exc})") from None
    if not isinstance(doc, dict) or doc.get("tool") != "hgmap run" or "parameters" not in doc:
        raise HgmapError(f"{p}: not an hgmap run manifest")
    if doc.get("format") != MANIFEST_FORMAT:
        raise HgmapError(f"{p}: manifest format {doc.get('format')!r}; this hgmap reads format {MANIFEST_FORMAT}")
    return doc


def replay(manifest: str | os.PathLike, *, out: str | os.PathLike | None = None, progress: bool = False,
           force: bool = False) -> tuple[RunSummary, list[str]]:
    """Run again with a manifest's parameters; return the summary and the differences.

    Raises :class:`HgmapError` when an input file changed since the manifest was
    written (the replay could not reproduce it), unless ``force``. The returned list
    names every reproducible output whose hash differs from the manifest's (empty:
    the same bytes).
    """
    doc = load_manifest(manifest)
    params = doc["parameters"]
    now = _inputs(params.get("facilities"), params.get("scenario"))
    changed = [k for k, v in doc["inputs"].items() if k not in now or now[k]["sha256"] != v["sha256"]]
    changed += [k for k in now if k not in doc["inputs"]]
    if changed and not force:
        raise HgmapError("cannot replay: these inputs changed since the manifest was written: "
                         + ", ".join(sorted(changed)) + " (use --force to run anyway)")
    if doc["versions"].get("hgmap") != _versions().get("hgmap"):
        log.warning("manifest written by hgmap %s, replaying with %s", doc["versions"].get("hgmap"),
                    _versions().get("hgmap"))
    base = Path(out) if out is not None else Path(manifest).resolve().parent.parent
    summary = run(out=base, as_of=params["as_of"], streams=params["streams"], scenario=params.get("scenario"),
                  facilities=params.get("facilities"), offline=params["offline"], k=params["k"],
                  what_if=params.get("what_if", True), progress=progress)
    new = json.loads(Path(summary.manifest).read_text(encoding="utf-8"))
    diffs = [label for label, o in doc["outputs"].items()
             if o.get("reproducible", True) and new["outputs"].get(label, {}).get("sha256") != o["sha256"]]
    return summary, diffs
