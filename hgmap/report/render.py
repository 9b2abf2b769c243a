"""Render a :class:`~hgmap.report.SidsReport` as Markdown, HTML or CSV.

All markup is in Jinja2 templates (``hgmap/report/templates/``): the HTML environment
autoescapes every value; the Markdown one passes every text from data through the
``md`` filter (:func:`md_escape`). The CSV guards against spreadsheet formulas.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import jinja2

from .._values import km as _km_text
from .._values import text
from ..errors import HgmapError
from ..labels import access_status_label, best_by, facilities_note, legal_status_label, ranked_by, stream_title
from ..network import DEFAULT_MAX_JOIN_KM, DEFAULT_MAX_SNAP_KM
from .model import CLOSED_REASONS, CSV_COLUMNS, FORMATS, REGION_TITLES, REPORT_DISCLAIMER, Country, SidsReport, WhatIf

__all__ = ["render", "render_markdown", "render_html", "render_csv", "csv_rows", "md_escape", "csv_safe",
           "check_format"]


def check_format(fmt: str) -> str:
    """``md``, ``html`` or ``csv`` (also ``markdown``, ``htm``, with or without a dot)."""
    fmt = (fmt or "").lower().lstrip(".")
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise HgmapError(f"unknown report format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    return fmt


def km(value: float | None) -> str:
    """Deterministic human distance: ``12,345 km`` (``n/a`` when unknown)."""
    return _km_text(value, empty="n/a")


def cost(option: Any) -> str:
    """An option's estimated transport cost, ``41-201 USD/t`` (low-high USD per tonne of a full 20 t
    container, :mod:`hgmap.costs`; ``n/a`` when the result carries none), saying when it is a lower
    bound (its ``route_notes``: a feeder leg not priced, :mod:`hgmap.route_ports`)."""
    lo, hi = getattr(option, "cost_low", None), getattr(option, "cost_high", None)
    if lo is None and hi is None:
        return "n/a"
    notes = getattr(option, "route_notes", ()) or ()
    # A feeder leg at a port without a known terminal, or a feeder-served one, is not priced.
    # (an unknown terminal flag, common at large ports, stays in the row's notes and flags only).
    bound = " (lower bound: feeder leg not priced)" if any("is likely" in n for n in notes) else ""
    return f"{'?' if lo is None else f'{lo:,.0f}'}-{'?' if hi is None else f'{hi:,.0f}'} USD/t{bound}"


def _one_decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def md_escape(value: Any) -> str:
    """Markdown-safe inline text: no HTML, no table breaks, no accidental emphasis or links."""
    out = " ".join(text(value).split())
    # Raw HTML passes through Markdown renderers: neutralise tags and entities, keep a plain "&".
    out = re.sub(r"&(?=#?\w+;)", "&amp;", out).replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]{}|#!~])", r"\\\1", out)


def csv_safe(value: str) -> str:
    """Spreadsheet formula injection: catalogue text must not start a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _safe_href(target: str) -> str:
    """Relative file links and http(s) URLs only (never ``javascript:``)."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:", target) and not re.match(r"^https?://", target, re.I):
        return "#"
    return quote(target, safe="/:#?&=%._-~")


# ---------------------------------------------------------------------- shared text


def assumptions(report: SidsReport) -> list[str]:
    circ = f"{report.circuity:g}" if report.circuity is not None else "the default"
    lines = [
        "Distances are the lengths of the routes on hgmap's transport network, for comparison, not shipping "
        "quotes. Sea legs follow searoute's Marnet sea lanes; each port reaches its nearest lane by a "
        f"straight-line approach (by default, ports up to {DEFAULT_MAX_SNAP_KM:,.0f} km from a lane are kept). "
        "Road legs follow the OpenStreetMap road network (the world_highways extract of scgraph_data). The legs "
        "joining an origin, a port or a facility to the nearest road node of its own country are straight lines (up to "
        f"{DEFAULT_MAX_JOIN_KM:,.0f} km); in the countries with no road in the network (Tuvalu, Nauru, Kiribati "
        "and other islands) the leg from the origin to the port is a straight-line estimate, the great-circle "
        f"distance multiplied by a circuity factor of {circ}.",
        "Some UN/LOCODE ports are inland places (Milan, Duisburg, Poznań, Dnipro and many US inland points): their "
        "straight approach from the sea lane counts as sea distance, often over land, standing in for a barge or "
        "road leg at the sea rate, so routes to them are shorter and cheaper than real ones (docs/routes.md, "
        "Known gaps).",
        ("Passage through the territorial sea (12 nautical miles) of a state counts as transit."
         if report.sea_passage_is_transit else
         "Passage at sea, including the territorial sea, is not counted as transit (Basel Art 4(12), "
         "navigational rights); transit states are those whose land or ports the route uses."),
        f"Only facilities with status {', '.join(report.statuses)} in the {report.facilities_source} are "
        "counted as options; facilities with another status appear among the closed facilities listed (those "
        "with a shorter route than the first option).",
        "The legal assessment covers the Basel Convention (incl. the Ban Amendment and Article 11 "
        "agreements), the Minamata Convention, the Bamako and Waigani Conventions, regional agreements, "
        "recorded national import, export and transit bans, and EU and US export rules, as of the date "
        "above. Every mercury waste stream is treated as a hazardous waste.",
        f"Up to {report.k} legally accessible facilities are listed per SIDS and stream, ranked "
        f"{ranked_by(report.objective)}" + (
            " (the transport cost model of hgmap.costs), so the first "
            "option is not always the shortest route." if report.objective != "distance" else ".")
        + (f" Only {report.operation} operations are considered." if report.operation else ""),
        "Estimated transport cost (Est. transport cost): USD per tonne of a full 20-foot container (20 t), low to "
        "high, for transport and port costs only: sea freight and road per tonne-km, each port call, each "
        "transshipment, a dangerous-goods surcharge once per sea route and each transit state (hgmap.costs). "
        "It excludes the treatment (gate) fee, insurance, packaging and permits; a smaller consignment costs far "
        "more per tonne (price a real shipment with hgmap plan).",
    ]
    if report.what_if:
        lines.append("Where no legal route exists, the analysis is re-run under what-if scenarios (a change "
                     "to treaty membership, a new Article 11 agreement, or a lifted ban), one change at a time "
                     "and then all together; the facility such a scenario would open is reported. A what-if "
                     "is a planning aid, not a prediction.")
    return lines


def front_matter(report: SidsReport) -> list[tuple[str, str]]:
    rows = [
        ("Law as of", report.as_of),
        *((("Facilities", note),) if (note := facilities_note(report.as_of, report.facilities_dates)) else ()),
        ("Legal data date", report.data_date),
        ("Scenario", (f"{report.scenario}" + (f" ({report.scenario_description})"
                                              if report.scenario_description else ""))
         if report.scenario else "none (recorded law)"),
        ("Waste streams", ", ".join(stream_title(s) for s in report.streams)),
        ("SIDS", f"{len(report.countries)} (" + ", ".join(f"{r.title}: {len(r.sids)}" for r in report.regions) + ")"),
        ("Facilities per SIDS and stream", str(report.k)),
        ("Facility catalogue", report.facilities_source),
    ]
    if report.generated:
        rows.append(("Generated", report.generated))
    return rows


def country_line(report: SidsReport, c: Country) -> str:
    bits = [f"SIDS region: {REGION_TITLES.get(c.region, c.region)}."]
    if c.sovereign_iso3:
        bits.append(f"Territory of {report.country_name(c.sovereign_iso3)} ({c.sovereign_iso3}).")
    elif not c.un_member:
        bits.append("Not a UN member state.")
    reach = sum(report.entry(c.iso3, s).status == "reachable" for s in report.streams)
    bits.append(f"Legal route for {reach} of {len(report.streams)} streams.")
    return " ".join(bits)


def what_if_result(wi: WhatIf) -> str:
    if wi.opens:
        return (f"opens {wi.facility_name} ({wi.facility_iso3}) at {km(wi.distance_km)} "
                f"({legal_status_label(wi.legal_status) if wi.legal_status else 'n/a'}).")
    return "does not open a route" + (f"; {wi.note}" if wi.note else "") + "."


def _context(report: SidsReport) -> dict[str, Any]:
    return {"r": report, "nla": REPORT_DISCLAIMER, "front": front_matter(report), "assumptions": assumptions(report),
            "km": km, "cost": cost, "stitle": stream_title, "status_title": access_status_label,
            "closed_reason": lambda s: CLOSED_REASONS.get(s, s), "what_if_result": what_if_result,
            "country_line": lambda c: country_line(report, c), "plural": _plural,
            "best_by": best_by(report.objective)}


@functools.lru_cache(maxsize=2)
def _env(kind: str) -> jinja2.Environment:
    loader = jinja2.PackageLoader("hgmap.report", "templates")
    if kind == "html":
        env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                                 keep_trailing_newline=True)
    else:
        env = jinja2.Environment(loader=loader, autoescape=False, undefined=jinja2.StrictUndefined,
                                 keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
        env.filters["md"] = md_escape
    env.filters["stitle"] = stream_title
    return env


# -------------------------------------------------------------------------- renderers


Dossiers = Mapping[str, Sequence[tuple[str, str]]]


def _legs_text(o: Any) -> str:
    """``12,345 km (sea 12,000 + land 300 + access 45)``: the total with the legs it adds up from."""
    legs = [(name, getattr(o, attr, None)) for name, attr in
            (("sea", "sea_km"), ("road", "road_km"), ("land", "land_km"), ("access", "access_km"))]
    shown = [f"{name} {km(v)}" for name, v in legs if v is not None and v > 0.05]
    a, z = getattr(o, "port_of_loading", None), getattr(o, "port_of_discharge", None)
    ports = f", {a or 'no named port'} to {z or 'no named port'}" if a or z else ""
    return km(o.distance_km) + (f" ({' + '.join(shown)})" if shown else "") + ports


def _overview_context(report: SidsReport, dossiers: Dossiers | None, kind: str) -> dict[str, Any]:
    links = {iso: [(lang, _safe_href(str(href))) for lang, href in items] for iso, items in (dossiers or {}).items()}

    def country_cell(c: Country, fmt: str = "md") -> str:
        name = md_escape(c.name)
        items = links.get(c.iso3, [])
        if not items:
            return f"{name} ({c.iso3})"
        first, *more = items
        extra = "".join(f" · [{lang}]({href})" for lang, href in more)
        return f"[{name}]({first[1]}) ({c.iso3}){extra}"

    def first_option(e: Any) -> str:
        o = e.first
        if o is None:
            if e.status != "no_legal_route":
                return "no facility takes it"
            opened = next((w for w in e.what_if if w.opens), None)
            return "none" + (f" (would open: {opened.label}, {opened.facility_name} ({opened.facility_iso3}))"
                             if opened else "")
        return f"{o.facility_name}, {o.facility_country} ({o.facility_iso3})"

    def legs(e: Any) -> str:
        return _legs_text(e.first) if e.first else ""

    return {**_context(report), "countries": {c.iso3: c for c in report.countries}, "dossiers": links,
            "country_cell": country_cell, "first_option": first_option, "legs": legs}


def render_markdown(report: SidsReport, *, detail: bool = False, dossiers: Dossiers | None = None) -> str:
    """The report as Markdown (CommonMark with pipe tables), ready to paste into a document.

    Parameters
    ----------
    report
        From :func:`~hgmap.report.build_report`.
    detail
        ``False`` (the default): the regional overview, one line per SIDS and stream
        (status, first option, total km with its legs, legal basis, confidence) grouped
        by region, with the regional summaries. ``True``: the full report, every option
        with its procedure, the nearer closed facilities and the what-ifs.
    dossiers
        ``{iso3: [(lang, relative href), ...]}`` of the country dossiers to link from the
        overview (``hgmap run`` writes them); without it the names are plain text.
    """
    if detail:
        return _env("md").get_template("report.md.j2").render(_context(report))
    return _env("md").get_template("overview.md.j2").render(_overview_context(report, dossiers, "md"))


def render_html(report: SidsReport, *, maps: Mapping[str, str] | None = None,
                inline_maps: Mapping[str, str] | None = None, detail: bool = False,
                dossiers: Dossiers | None = None) -> str:
    """The report as a standalone HTML page, every catalogue and user text escaped.

    Parameters
    ----------
    report
        From :func:`~hgmap.report.build_report`.
    maps
        ``{stream: relative path or http(s) URL}`` of map pages to embed in ``<iframe>``s.
    inline_maps
        ``{stream: map page HTML}`` to embed with ``srcdoc`` (a single-file report).
    detail, dossiers
        As for :func:`render_markdown`: the regional overview (default) or the full report.
    """
    embedded: dict[str, dict[str, str]] = {}
    for s, target in (maps or {}).items():
        embedded[s] = {"src": _safe_href(str(target)), "srcdoc": ""}
    for s, page in (inline_maps or {}).items():
        embedded[s] = {"src": "", "srcdoc": page}
    if detail:
        return _env("html").get_template("report.html.j2").render(_context(report), maps=embedded)
    return _env("html").get_template("overview.html.j2").render(
        _overview_context(report, dossiers, "html"), maps=embedded)


def csv_rows(report: SidsReport) -> list[dict[str, str]]:
    """The CSV table as dicts (one per SIDS x stream x rank)."""
    rows = []
    for c in report.countries:
        for s in report.streams:
            e = report.entry(c.iso3, s)
            closed = "; ".join(f"{x.facility_id} ({x.facility_iso3}, {_one_decimal(x.distance_km)} km): {x.reason}"
                               + (f" [{', '.join(x.rules)}]" if x.rules else "") for x in e.closed)
            opened = next((w for w in e.what_if if w.opens), None)
            base = {
                "region": c.region, "iso3": c.iso3, "name": c.name, "stream": s, "status": e.status,
                "flags": " | ".join(e.flags), "nearer_closed": closed, "no_route_reasons": " ".join(e.reasons),
                "what_if": opened.label if opened else "",
                "what_if_facility_id": opened.facility_id if opened else "",
                "what_if_facility_iso3": opened.facility_iso3 if opened else "",
                "what_if_km": _one_decimal(opened.distance_km) if opened else "",
                "as_of": report.as_of, "data_date": report.data_date, "scenario": report.scenario or "",
            }
            if not e.options:
                rows.append({**base, "rank": "1"})
                continue
            for opt in e.options:
                rows.append({
                    **base, "rank": str(opt.rank), "facility_id": opt.facility_id,
                    "facility_name": opt.facility_name, "facility_iso3": opt.facility_iso3,
                    "facility_country": opt.facility_country, "operation": opt.operation or "",
                    "distance_km": _one_decimal(opt.distance_km), "sea_km": _one_decimal(opt.sea_km),
                    "land_km": _one_decimal(opt.land_km), "access_km": _one_decimal(opt.access_km),
                    "cost_usd_per_t_low": _one_decimal(opt.cost_low), "cost_usd_per_t_high": _one_decimal(opt.cost_high),
                    "port_of_loading": opt.port_of_loading or "", "port_of_discharge": opt.port_of_discharge or "",
                    "route_notes": " | ".join(opt.route_notes),
                    "transit_iso3": ";".join(opt.transit), "legal_status": opt.legal_status or "",
                    "legal_basis": opt.basis, "procedure": " | ".join(opt.procedure),
                    "legal_rules": ";".join(opt.rules), "legal_conditions": " | ".join(opt.conditions),
                    "legal_confidence": opt.legal_confidence or "",
                    "legal_unknowns": " | ".join(opt.legal_unknowns),
                    "facility_status": opt.facility_status or "",
                    "facility_confidence": opt.facility_confidence or "",
                    "flags": " | ".join(opt.flags) if opt.rank > 1 else base["flags"],
                })
    return rows


def render_csv(report: SidsReport) -> str:
    """The report as CSV: one row per SIDS x stream x rank (:data:`~hgmap.report.CSV_COLUMNS`)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    numeric = {"rank", "distance_km", "sea_km", "land_km", "access_km", "what_if_km", "cost_usd_per_t_low",
               "cost_usd_per_t_high"}
    for row in csv_rows(report):
        writer.writerow({k: (row.get(k, "") if k in numeric else csv_safe(text(row.get(k, "")))) for k in CSV_COLUMNS})
    return buf.getvalue()


def render(report: SidsReport, fmt: str = "md", *, maps: Mapping[str, str] | None = None,
           inline_maps: Mapping[str, str] | None = None, detail: bool = False,
           dossiers: Dossiers | None = None) -> str:
    """Render as ``"md"``, ``"html"`` or ``"csv"`` (the CSV is always complete)."""
    fmt = check_format(fmt)
    if fmt == "md":
        return render_markdown(report, detail=detail, dossiers=dossiers)
    if fmt == "csv":
        return render_csv(report)
    return render_html(report, maps=maps, inline_maps=inline_maps, detail=detail, dossiers=dossiers)
