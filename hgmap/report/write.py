"""Compute and write the SIDS report: :func:`sids_report` and :func:`write_report`."""

from __future__ import annotations

import datetime as _dt
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd

from .. import law
from .._io import atomic_write_text
from ..errors import HgmapError
from ..facilities import load_facilities
from ..labels import stream_title
from ..vocab import STREAMS, parse_date, parse_streams
from .build import build_report
from .model import MapsMode, SidsReport
from .render import check_format, render_csv, render_html, render_markdown

__all__ = ["sids_report", "write_report"]

log = logging.getLogger(__name__)


def _map_pages(report: SidsReport, *, online: bool) -> dict[str, Any]:
    from .. import maps as _maps

    pages = {}
    for s in report.streams:
        res = report.results.get(s)
        if res is None:
            continue
        pages[s] = _maps.accessibility_map(res, facilities=report.facilities, routes_for="sids", online=online,
                                           title=f"SIDS report: {stream_title(s)}")
    return pages


def write_report(report: SidsReport, out: str | os.PathLike[str], *, fmt: str | None = None,
                 maps: MapsMode = "files", online: bool = False, detail: bool = False) -> Path:
    """Write ``report`` to ``out`` atomically (format from ``fmt`` or the suffix).

    For HTML, ``maps`` is ``"files"`` (a ``<stem>_maps/`` folder beside the report,
    embedded in ``<iframe>``s), ``"inline"`` (``srcdoc``) or ``"none"``. ``detail``: the full
    report (every option, procedure, closed facility and what-if) instead of the regional
    overview; the CSV is always complete.
    """
    out = Path(out)
    fmt = check_format(fmt or out.suffix or "md")
    if maps not in ("files", "inline", "none"):
        raise HgmapError(f"maps must be 'files', 'inline' or 'none', got {maps!r}")
    if fmt == "md":
        return atomic_write_text(out, render_markdown(report, detail=detail))
    if fmt == "csv":
        return atomic_write_text(out, render_csv(report))
    hrefs: dict[str, str] = {}
    inline: dict[str, str] = {}
    if maps != "none" and report.results:
        from .. import maps as _maps

        folder = out.parent / f"{out.stem}_maps"
        for s, m in _map_pages(report, online=online).items():
            if maps == "files":
                _maps.save_map(m, folder / f"{s}.html", online=online)
                hrefs[s] = f"{folder.name}/{s}.html"
            else:
                inline[s] = _maps.render_page(m, online=online)
    return atomic_write_text(out, render_html(report, maps=hrefs, inline_maps=inline, detail=detail))


def sids_report(
    *,
    streams: str | Iterable[str] | None = None,
    as_of: str | _dt.date | None = None,
    k: int = 3,
    scenario: Any = None,
    facilities: gpd.GeoDataFrame | str | os.PathLike[str] | None = None,
    fmt: str = "md",
    out: str | os.PathLike[str] | None = None,
    operation: str | None = None,
    what_if: bool = True,
    maps: MapsMode = "files",
    online: bool = False,
    timestamp: bool | str = False,
    progress: bool = False,
    detail: bool = False,
) -> SidsReport:
    """Compute accessibility for the SIDS and write the guidance report.

    Parameters
    ----------
    streams
        Waste streams (list or comma-separated); ``None``: all of :data:`hgmap.STREAMS`.
    as_of
        Date the law is read at (``YYYY-MM-DD``); default today.
    k
        Facilities listed per SIDS and stream.
    scenario
        A what-if scenario (path or :class:`hgmap.law.Scenario`) for the whole report.
    facilities
        User catalogue (path or GeoDataFrame); default the shipped one.
    fmt
        ``"md"``, ``"html"`` or ``"csv"``; when ``out`` has one of these suffixes and
        ``fmt`` is left at its default, the suffix wins.
    out
        Output file (written atomically); ``None``: nothing is written.
    operation
        ``"disposal"`` or ``"recovery"`` only (default: either).
    what_if
        Search what-if scenarios for SIDS with no legal route.
    maps
        HTML only: ``"files"`` (a ``<stem>_maps/`` folder beside the report, embedded in
        ``<iframe>``s), ``"inline"`` (``srcdoc``, one self-contained file) or ``"none"``.
    online
        Maps that load Leaflet from its CDN and show web tiles; the default is maps that
        work with no network (see :func:`hgmap.maps.save_map`).
    timestamp
        Print the generation time (breaks byte-reproducibility); default off.
    progress
        Progress bars while computing.
    detail
        Markdown/HTML: the full report (every option with its procedure, closed facilities,
        what-ifs) instead of the regional overview (one line per SIDS and stream).

    Returns
    -------
    SidsReport
        Render it again in another format with :meth:`SidsReport.render`.
    """
    from ..access import AccessModel

    stream_list, fmt = _check_request(streams, k=k, fmt=fmt, out=out)
    as_of_date = parse_date(as_of, field="as_of")
    if scenario is not None and not isinstance(scenario, law.Scenario):
        scenario = law.load_scenario(scenario)
    fac_frame = load_facilities(facilities) if not isinstance(facilities, gpd.GeoDataFrame) else facilities
    model = AccessModel(facilities=fac_frame)
    results = _solve_sids(model, stream_list, as_of=as_of_date, k=int(k), operation=operation, scenario=scenario,
                          progress=progress)
    report = build_report(results, facilities=fac_frame, scenario=scenario, what_if=what_if, model=model,
                          timestamp=timestamp)
    if facilities is None:
        report.facilities_source = "shipped catalogue"
    elif not isinstance(facilities, gpd.GeoDataFrame):
        report.facilities_source = f"user catalogue {Path(facilities).name}"
    if out is not None:
        report.write(out, fmt=fmt, maps=maps, online=online, detail=detail)
    return report


def _check_request(streams: str | Iterable[str] | None, *, k: int, fmt: str,
                   out: str | os.PathLike[str] | None) -> tuple[list[str], str]:
    """The streams to solve and the output format, checked before anything is computed."""
    stream_list = list(STREAMS) if streams is None else list(parse_streams(streams))
    if not stream_list:
        raise HgmapError("no waste stream given")
    if int(k) < 1:
        raise HgmapError(f"k must be >= 1, got {k}")
    # An out= suffix wins over the default format (not over a format the caller chose).
    if out is not None and fmt == "md" and Path(out).suffix.lower().lstrip(".") in ("html", "htm", "csv"):
        fmt = Path(out).suffix
    return stream_list, check_format(fmt)


def _solve_sids(model: Any, streams: Iterable[str], *, as_of: _dt.date, k: int, operation: str | None,
                scenario: Any, progress: bool) -> dict[str, gpd.GeoDataFrame]:
    """Accessibility of every SIDS for each stream, on one model (the graph is built once)."""
    results = {}
    for s in streams:
        log.info("report: solving %s", s)
        results[s] = model.solve(s, as_of=as_of, origins="sids", k=k, operation=operation,
                                 scenario=scenario, progress=progress)
    return results
