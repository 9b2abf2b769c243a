"""``hgmap run``: the whole analysis on the shipped (or a user's) data, replayable.

One call computes accessibility for every country and stream, draws one map per
stream, writes the SIDS guidance report and an ``index.html`` linking everything, and
records a manifest (versions, hashes of every input, parameters, as-of date, hashes of
every output) from which the same run can be replayed with ``hgmap run --replay``.

The outputs are replaced as one set: everything is written into a staging folder
beside them (``.hgmap-run-*``), then moved into place file by file with the old
manifest removed first and the new one written last. An interrupted run leaves
either the previous set with its manifest, or files without a manifest, which
:func:`check_outputs` and the index page's footer identify as not a complete run;
never a half-written file. The GeoPackage is written with a fixed timestamp (the
as-of date), so every output, the GeoPackage included, is byte-reproducible.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import logging
import multiprocessing
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pandas as pd

from . import law
from ._io import atomic_path, atomic_write_text, data_path
from ._gc import paused_gc
from ._parallel import Background
from .access import AccessModel, geo_table, result_table
from .errors import HgmapError
from .vocab import STREAMS, check_stream, parse_date

__all__ = ["RunSummary", "run", "replay", "load_manifest", "check_outputs", "MANIFEST_NAME", "STAGES"]

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
#: Stages timed in :attr:`RunSummary.timings` (seconds), in the order they run.
STAGES = ("graph", "solve", "tables", "maps", "report", "dossiers", "index")
_STAGING_PREFIX = ".hgmap-run-"
_DOSSIER_LABEL = "dossier "  # manifest labels of the dossier pages and their shared assets
_DOSSIER_ASSETS = "assets"  # folder of the shared map assets, relative to results/dossiers/
_PACKAGES = ("hgmap", "geopandas", "shapely", "pyproj", "pyogrio", "pandas", "numpy", "folium", "branca",
             "mapclassify", "networkx", "scipy", "searoute", "pycountry", "pyyaml", "jinja2")


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
    timings: dict[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        lines = [f"hgmap run: as of {self.as_of}; legal data {self.data_date}. Not legal advice."]
        width = max(len(s) for s in self.streams)
        for s in self.streams:
            ok, n = self.reachable[s]
            none = self.sids_without_route[s]
            tail = f"; SIDS with no route: {', '.join(none)}" if none else ""
            lines.append(f"  {s:<{width}}  {ok:>3}/{n} countries reach a facility{tail}")
        lines.append("files:")
        dossiers = [p for label, p in self.files.items() if label.startswith(_DOSSIER_LABEL)]
        for label, path in self.files.items():
            if not label.startswith(_DOSSIER_LABEL):
                lines.append(f"  {label:<14} {path}")
        if dossiers:
            pages = [p for p in dossiers if p.suffix == ".html"]
            folder = pages[0].parent if pages else dossiers[0].parent
            lines.append(f"  {'dossiers':<14} {folder}  ({len(pages)} country dossiers, HTML)")
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


class _Progress:
    """tqdm bars for the graph build, the solve and the map writing (or nothing)."""

    def __init__(self, enabled: bool, on_step: Callable[[str], None] | None) -> None:
        self.enabled = enabled
        self.on_step = on_step
        self.timings: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(self, name: str, items: list[str] | None = None, *, bar: bool = False,
              position: int | None = None) -> Iterator[Callable]:
        """Time stage ``name``; yield ``tick(label)``, called before each item (``position``:
        the bar's line, for a bar drawn by a second process beside this one's)."""
        shown = None
        if self.enabled and bar:
            from tqdm.auto import tqdm

            shown = tqdm(total=len(items) if items else 1, desc=name, unit="step" if not items else "stream",
                         file=sys.stderr, leave=False, position=position)

        ticks = [0]

        def tick(label: str) -> None:
            if self.on_step:
                self.on_step(label)
            if shown is not None:
                if ticks[0]:
                    shown.update(1)  # the previous item is done
                shown.set_postfix_str(label)
            ticks[0] += 1

        start = time.perf_counter()
        try:
            yield tick
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start
            if shown is not None:
                shown.update(shown.total - shown.n)
                shown.close()


class _Staging:
    """A staging folder beside the outputs; :meth:`commit` moves its files into place."""

    def __init__(self, base: Path) -> None:
        self.base = base
        base.mkdir(parents=True, exist_ok=True)
        for old in base.glob(f"{_STAGING_PREFIX}*"):  # left by a killed run
            shutil.rmtree(old, ignore_errors=True)
        self.root = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=base))

    def path(self, final: Path) -> Path:
        """Where the output that ends at ``final`` is written first."""
        return self.root / final.relative_to(self.base)

    def commit(self, finals: Iterable[Path], manifest: Path) -> None:
        """Old manifest out, every file in (``os.replace``), the new manifest last."""
        with contextlib.suppress(FileNotFoundError):
            manifest.unlink()
        for final in finals:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.path(final), final)
        manifest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.path(manifest), manifest)

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _stream_list(streams: str | Iterable[str] | None) -> list[str]:
    if streams is None:
        out = list(STREAMS)
    elif isinstance(streams, str):
        out = [s.strip() for s in streams.split(",") if s.strip()]
    else:
        out = list(streams)
    for s in out:
        check_stream(s)
    if not out:
        raise HgmapError("no stream to run")
    return out


@contextlib.contextmanager
def _gdal_date(as_of: _dt.date) -> Iterator[None]:
    """GeoPackage timestamps fixed at the as-of date (GDAL's ``OGR_CURRENT_DATE``)."""
    import pyogrio

    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": f"{as_of.isoformat()}T00:00:00.000Z"})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


def _outlines_beside(*, enabled: bool):
    """The shipped countries' display outlines, simplified in a forked child while this
    process builds the graph (one core is idle then), when the disk cache lacks them: the
    maps would otherwise simplify them first (~1.5 s). The child only fills the cache
    (:func:`hgmap.maps.geometry.shipped_display_countries`); join it before the maps."""
    from ._parallel import fork, workers
    from .maps.geometry import display_cache_path

    if not enabled or workers() < 2 or display_cache_path().exists():
        return None

    def work() -> None:
        from .countries import load_countries
        from .maps.geometry import shipped_display_countries

        shipped_display_countries(load_countries())

    return fork(work)


def _write_tables(results: dict, stage: _Staging, results_dir: Path, as_of: _dt.date) -> dict[str, Path]:
    gpkg = results_dir / "accessibility.gpkg"
    with _gdal_date(as_of), atomic_path(stage.path(gpkg)) as tmp:
        for s, res in results.items():
            geo_table(res).to_file(tmp, driver="GPKG", layer=s)
    csv = results_dir / "accessibility.csv"
    table = pd.concat([result_table(res) for res in results.values()], ignore_index=True)
    atomic_write_text(stage.path(csv), table.to_csv(index=False, lineterminator="\n"))
    return {"table (CSV)": csv, "table (GPKG)": gpkg}


def _write_maps(results: dict, model: AccessModel, stage: _Staging, maps_dir: Path, online: bool,
                tick: Callable[[str], None]) -> dict[str, Path]:
    from . import maps as _maps

    out = {}
    for s, res in results.items():
        tick(f"map {s}")
        m = _maps.accessibility_map(res, facilities=model.facilities, online=online)
        _maps.save_map(m, stage.path(maps_dir / f"{s}.html"), online=online)
        out[s] = maps_dir / f"{s}.html"
    return out


def _tables_and_maps(results: dict, model: AccessModel, stage: _Staging, results_dir: Path, maps_dir: Path,
                     as_of: _dt.date, online: bool, bars: _Progress) -> tuple[dict[str, Path], dict[str, float]]:
    """The tables and the maps (in :class:`~hgmap._parallel.Background`), and their seconds;
    the maps' bar on the line below the caller's."""
    with bars.stage("tables") as tick:
        tick("tables")
        tables = _write_tables(results, stage, results_dir, as_of)
    with bars.stage("maps", list(results), bar=True, position=1) as tick:
        _write_maps(results, model, stage, maps_dir, online, tick)
    return tables, {k: bars.timings[k] for k in ("tables", "maps")}


def _dossier_plan(rep: Any, dossier_dir: Path) -> dict[str, list[tuple[str, Path]]]:
    """``{iso3: [(lang, final path), ...]}``: one dossier per SIDS of the report and language."""
    from .i18n import dossier_languages

    return {c.iso3: [(lang, dossier_dir / f"dossier_{c.iso3}_{lang}.html") for lang in dossier_languages(c.iso3)]
            for c in rep.countries}


def _write_report(results: dict, model: AccessModel, stage: _Staging, results_dir: Path,
                  map_files: dict[str, Path], *, facilities: str | None, scenario: Any,
                  what_if: bool, dossiers: bool = True) -> tuple[dict[str, Path], Any, dict]:
    """The regional overview (HTML, Markdown) linking the dossiers, and the complete CSV."""
    from . import report as _report

    rep = _report.build_report(results, facilities=facilities, scenario=scenario, what_if=what_if, model=model)
    files = {"report (HTML)": results_dir / "sids_report.html",
             "report (Markdown)": results_dir / "sids_report.md",
             "report (CSV)": results_dir / "sids_report.csv"}
    hrefs = {s: os.path.relpath(p, results_dir).replace(os.sep, "/") for s, p in map_files.items()}
    plan = _dossier_plan(rep, results_dir / "dossiers") if dossiers else {}
    links = {iso: [(lang, os.path.relpath(p, results_dir).replace(os.sep, "/")) for lang, p in items]
             for iso, items in plan.items()}
    atomic_write_text(stage.path(files["report (HTML)"]), _report.render_html(rep, maps=hrefs, dossiers=links))
    atomic_write_text(stage.path(files["report (Markdown)"]), _report.render_markdown(rep, dossiers=links))
    atomic_write_text(stage.path(files["report (CSV)"]), _report.render_csv(rep))
    return files, rep, plan


def _write_dossiers(rep: Any, plan: dict[str, list[tuple[str, Path]]], results: dict, model: AccessModel,
                    stage: _Staging, *, as_of: _dt.date, k: int, scenario: Any, what_if: bool,
                    facilities: str | None, tick: Callable[[str], None]) -> dict[str, Path]:
    """One HTML dossier per SIDS and language, sharing one offline asset folder.

    Built from the run's own results, model and report entries (nothing is solved or
    searched again); the map assets (Leaflet, the outlines simplified once, the map
    script) are written once into ``dossiers/assets/`` and referenced relatively.
    """
    from .dossier.build import build_dossier
    from .dossier.shared_map import ASSET_FILES, write_map_assets
    from .dossier.write import write_dossier

    if not plan:
        return {}
    folder = next(iter(plan.values()))[0][1].parent
    out: dict[str, Path] = {}
    write_map_assets(stage.path(folder / _DOSSIER_ASSETS))
    for name in ASSET_FILES:
        out[f"{_DOSSIER_LABEL}asset {name}"] = folder / _DOSSIER_ASSETS / name
    streams = list(results)
    for iso3, items in plan.items():
        tick(f"dossier {iso3}")
        d = build_dossier(iso3, streams=streams, as_of=as_of, k=k, scenario=scenario, facilities=facilities,
                          results=results, model=model, report_entries=rep.entries, what_if=what_if)
        for lang, final in items:
            write_dossier(d, stage.path(final.parent), lang=lang, fmt="html", assets=_DOSSIER_ASSETS)
            out[f"{_DOSSIER_LABEL}{iso3} {lang}"] = final
    return out


def _index_html(summary: RunSummary, index: Path, maps: dict[str, Path], report: dict[str, Path],
                tables: dict[str, Path], rep: Any = None, plan: dict | None = None) -> str:
    from .maps.templating import render

    def rel(p: Path) -> str:
        return os.path.relpath(p, index.parent).replace(os.sep, "/")

    from .countries import country_name
    from .labels import stream_title

    rows = [{"stream": s, "title": stream_title(s), "href": rel(maps[s]) if s in maps else None,
             "reachable": summary.reachable[s],
             "sids": ", ".join(f"{country_name(c)} ({c})" for c in summary.sids_without_route[s]) or "none"}
            for s in summary.streams]
    from .report.model import REGION_TITLES

    dossiers = []  # (region title, [(name, iso3, [(lang, href), ...]), ...])
    if rep is not None and plan:
        for reg in rep.regions:
            dossiers.append((REGION_TITLES.get(reg.region, reg.region),
                             [(rep.country_name(iso), iso, [(lang, rel(p)) for lang, p in plan[iso]])
                              for iso in reg.sids if iso in plan]))
    return render("index.html", summary=summary, rows=rows, dossiers=dossiers,
                  reports=[(label, rel(p)) for label, p in report.items()],
                  tables=[(p.name, rel(p)) for p in tables.values()],
                  manifest=rel(summary.manifest) if summary.manifest else "")


# A page can only load a remote resource through a fetching element whose attributes hold
# "//" (or a character reference that could spell it), or through CSS (url(), @import).
# Pages with neither (the dossiers: hgmap's own markup, data text escaped) skip the parse.
_FETCHING = re.compile(r"<(?:script|link|img|iframe|source|video|audio|embed|object|input|track)\b[^>]*?(?://|&)")
_STYLE_REF = re.compile(r"\bstyle\s*=\s*[\"']?[^>]*?&")


def _maybe_remote(page: str) -> bool:
    """Whether ``page`` might load a remote resource (then it is parsed to know). Run on
    the lower-cased page with plain patterns: a case-insensitive scan of the three took
    13 ms a dossier, ~1 s a run."""
    low = page.lower()
    if "url(" in low or "@import" in low:
        return True
    return bool(_FETCHING.search(low) or ("style" in low and _STYLE_REF.search(low)))


def _warn_remote(stage: _Staging, files: Iterable[Path]) -> None:
    """Log every HTML output of an offline run that would still make a network request."""
    from .maps.offline import external_resources

    for p in files:
        if p.suffix == ".html":
            page = stage.path(p).read_text(encoding="utf-8")
            if not _maybe_remote(page):
                continue
            remote = external_resources(page, remote_only=True)
            if remote:
                log.warning("%s is not self-contained: %s", p.name, ", ".join(remote[:3]))


def _summarise(results: dict, as_of: _dt.date) -> RunSummary:
    reachable, sids_none = {}, {}
    for s, res in results.items():
        first = res[res["rank"] == 1]
        reachable[s] = (int((first["status"] == "reachable").sum()), len(first))
        sids_none[s] = sorted(first.loc[first["is_sids"] & (first["status"] != "reachable"), "origin_iso3"])
    return RunSummary(as_of=as_of.isoformat(), data_date=law.data_date(), streams=tuple(results),
                      reachable=reachable, sids_without_route=sids_none)


def _manifest(summary: RunSummary, stage: _Staging, base: Path, params: dict, model: AccessModel,
              inputs: dict) -> str:
    outputs = {}
    for label, p in summary.files.items():
        staged = stage.path(p)
        outputs[label] = {"path": os.path.relpath(p, base).replace(os.sep, "/"), "sha256": _sha256(staged),
                          "bytes": staged.stat().st_size, "reproducible": True}
    settings = model.graph.settings
    doc = {
        "format": MANIFEST_FORMAT,
        "tool": "hgmap run",
        "versions": _versions(),
        "parameters": {**params, "circuity": settings["circuity"],
                       "sea_passage_is_transit": settings["sea_passage_is_transit"],
                       "restrictions": settings["restrictions"], "max_snap_km": settings["max_snap_km"]},
        "legal_data_date": law.data_date(),
        "inputs": inputs,
        "outputs": outputs,
        "disclaimer": "Not legal advice.",
    }
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def run(
    *,
    out: str | os.PathLike | None = None,
    as_of: str | _dt.date | None = None,
    streams: str | Iterable[str] | None = None,
    scenario: str | os.PathLike | None = None,
    facilities: str | os.PathLike | None = None,
    online: bool | None = None,
    offline: bool | None = None,
    k: int = 3,
    what_if: bool = True,
    progress: bool = False,
    on_step: Callable[[str], None] | None = None,
) -> RunSummary:
    """Run the whole analysis and write maps, tables, the SIDS overview, the dossiers and a manifest.

    Besides the maps and tables, ``results/`` holds the SIDS report as a regional
    overview (``sids_report.md``/``.html``: one line per SIDS and stream, linking each
    country's dossier; the CSV is complete) and ``results/dossiers/``: one HTML dossier
    per SIDS in each of its languages (:func:`hgmap.i18n.dossier_languages`), sharing
    one offline asset folder ``dossiers/assets/``.

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
    online
        ``False`` (the default): every page needs no network (Leaflet inlined, no
        tiles). ``True``: maps load Leaflet from its CDN and show a tile basemap.
    offline
        Older spelling of ``not online``.
    k
        Facilities kept per country and stream (the report lists them).
    what_if
        Search scenarios that would open a route for SIDS without one.
    progress
        Progress bars on standard error (graph build, solve, maps).
    on_step
        Called with a short label before each step (for custom progress display); with
        it, every step runs in this process, in order (without it the tables and maps are
        written by a second process, see :mod:`hgmap._parallel`).

    Returns
    -------
    RunSummary
        With ``timings``: seconds per stage of :data:`STAGES`.
    """
    from .maps.build import resolve_online

    is_online = resolve_online(online, offline)
    as_of_d = parse_date(as_of, field="as_of") or _dt.date.today()
    stream_list = _stream_list(streams)
    base = Path(out) if out is not None else Path.cwd()
    maps_dir, results_dir = base / "maps", base / "results"
    scenario_path = str(Path(scenario).resolve()) if scenario else None
    facilities_path = str(Path(facilities).resolve()) if facilities else None
    scen = law.load_scenario(scenario_path) if scenario_path else None
    inputs = _inputs(facilities_path, scenario_path)
    bars = _Progress(progress, on_step)
    stage = _Staging(base)
    written = outlines = None
    try:
        outlines = _outlines_beside(enabled=on_step is None)
        with bars.stage("graph", bar=True) as tick:
            tick("graph")
            model = AccessModel(facilities=facilities_path)
        results = {}
        with bars.stage("solve", stream_list, bar=True) as tick:
            for s in stream_list:
                tick(f"access {s}")
                results[s] = model.solve(s, as_of=as_of_d, k=k, scenario=scen)
        if outlines is not None:
            outlines.join()
            outlines = None
        # The tables and maps need only the results: a second process writes them while
        # this one writes the report and the dossiers (in this order in one process).
        map_files = {s: maps_dir / f"{s}.html" for s in results}
        if progress and on_step is None:
            from tqdm.auto import tqdm

            try:
                tqdm.set_lock(multiprocessing.RLock())  # one lock for the two processes' bars
            except OSError as exc:  # no shared semaphores here: the bars may overlap, nothing else
                log.debug("no lock shared by the progress bars: %s", exc)
        child_bars = _Progress(progress, on_step)
        written = Background(lambda: _tables_and_maps(results, model, stage, results_dir, maps_dir, as_of_d,
                                                       is_online, child_bars), inline=on_step is not None)
        with bars.stage("report") as tick:
            tick("report")
            report_files, rep, plan = _write_report(results, model, stage, results_dir, map_files,
                                                    facilities=facilities_path, scenario=scen, what_if=what_if)
        # Rendering 70 pages allocates millions of short-lived objects and keeps almost none:
        # the collections they triggered took 0.68 s of the stage (gc.callbacks), most of it
        # full ones walking the report's objects, and found nothing to free.
        with bars.stage("dossiers", sorted(plan), bar=True) as tick, paused_gc():
            dossier_files = _write_dossiers(rep, plan, results, model, stage, as_of=as_of_d, k=k, scenario=scen,
                                            what_if=what_if, facilities=facilities_path, tick=tick)
        with bars.stage("index") as tick:
            tick("tables and maps")
            tables, timings = written.result()
            bars.timings.update(timings)
            tick("manifest")
            summary = _summarise(results, as_of_d)
            summary.manifest = results_dir / MANIFEST_NAME
            index = results_dir / "index.html"
            atomic_write_text(stage.path(index), _index_html(summary, index, map_files, report_files, tables,
                                                                     rep, plan))
            summary.files = {"index": index, **{f"map {s}": p for s, p in map_files.items()},
                             **report_files, **tables, **dossier_files}
            params = {"as_of": as_of_d.isoformat(), "streams": stream_list, "k": k, "online": is_online,
                      "what_if": what_if, "scenario": scenario_path, "facilities": facilities_path}
            atomic_write_text(stage.path(summary.manifest),
                              _manifest(summary, stage, base, params, model, inputs))
            if not is_online:
                _warn_remote(stage, summary.files.values())
            stage.commit(summary.files.values(), summary.manifest)
    finally:
        if outlines is not None:  # the run failed before the maps: let the child finish its file
            outlines.join()
        if written is not None:
            written.cancel()
        stage.cleanup()
    summary.timings = bars.timings
    return summary


def load_manifest(path: str | os.PathLike) -> dict:
    """Read and check a run manifest.

    Raises
    ------
    HgmapError
        When the file is missing, not JSON, or not a manifest this hgmap reads.
    """
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HgmapError(f"{p}: no such manifest") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise HgmapError(f"{p}: cannot read the manifest ({exc})") from None
    except json.JSONDecodeError as exc:
        raise HgmapError(f"{p}: not a JSON manifest ({exc})") from None
    if not isinstance(doc, dict) or doc.get("tool") != "hgmap run" or "parameters" not in doc:
        raise HgmapError(f"{p}: not an hgmap run manifest")
    if doc.get("format") != MANIFEST_FORMAT:
        raise HgmapError(f"{p}: manifest format {doc.get('format')!r}; this hgmap reads format {MANIFEST_FORMAT}")
    return doc


def check_outputs(manifest: str | os.PathLike) -> list[str]:
    """Outputs beside ``manifest`` that are missing or differ from it (empty: one complete set).

    A run killed while its files were being moved into place leaves files of two runs
    side by side; this names every one that is not the manifest's.
    """
    doc = load_manifest(manifest)
    base = Path(manifest).resolve().parent.parent
    bad = []
    for label, o in doc["outputs"].items():
        p = base / o["path"]
        if not p.is_file() or _sha256(p) != o["sha256"]:
            bad.append(label)
    return bad


def replay(manifest: str | os.PathLike, *, out: str | os.PathLike | None = None, progress: bool = False,
           force: bool = False) -> tuple[RunSummary, list[str]]:
    """Run again with a manifest's parameters; return the summary and the differences.

    Raises :class:`HgmapError` when an input file changed since the manifest was
    written (the replay could not reproduce it), unless ``force``. The returned list
    names every output whose hash differs from the manifest's (empty: the same bytes).
    Manifests written before the GeoPackage was reproducible mark it
    ``"reproducible": false``; its layers are then compared by content.
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
    old_base = Path(manifest).resolve().parent.parent
    base = Path(out) if out is not None else old_base
    online = params["online"] if "online" in params else not params.get("offline", True)
    with tempfile.TemporaryDirectory(prefix="hgmap-replay-") as keep:
        # Outputs the old manifest could not hash reproducibly: keep a copy to compare by content.
        kept = {}
        for label, o in doc["outputs"].items():
            p = old_base / o["path"]
            if not o.get("reproducible", True) and p.is_file() and _sha256(p) == o["sha256"]:
                kept[label] = Path(shutil.copy2(p, Path(keep) / f"{len(kept)}{p.suffix}"))
        summary, diffs = _replay_run(doc, base, kept, online=online, progress=progress)
    return summary, diffs


def _replay_run(doc: dict, base: Path, kept: dict[str, Path], *, online: bool,
                progress: bool) -> tuple[RunSummary, list[str]]:
    params = doc["parameters"]
    summary = run(out=base, as_of=params["as_of"], streams=params["streams"], scenario=params.get("scenario"),
                  facilities=params.get("facilities"), online=online, k=params["k"],
                  what_if=params.get("what_if", True), progress=progress)
    new = json.loads(Path(summary.manifest).read_text(encoding="utf-8"))
    diffs = []
    for label, o in doc["outputs"].items():
        mine = new["outputs"].get(label, {})
        if mine.get("sha256") == o["sha256"]:
            continue
        if label in kept and mine and _same_geopackage(kept[label], base / mine["path"]):
            continue
        diffs.append(label)
    return summary, diffs


def _same_geopackage(a: Path, b: Path) -> bool:
    """Same layers with the same rows (timestamps aside); ``False`` if ``a`` is gone."""
    import pyogrio

    if not a.is_file() or not b.is_file():
        return False
    layers_a, layers_b = [sorted(pyogrio.list_layers(p)[:, 0]) for p in (a, b)]
    if layers_a != layers_b:
        return False
    for layer in layers_a:
        fa, fb = (pyogrio.read_dataframe(p, layer=layer) for p in (a, b))
        if list(fa.columns) != list(fb.columns) or not fa.equals(fb):
            return False
    return True
