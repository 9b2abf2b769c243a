"""Writing plans and hub results: tables, a JSON summary and an offline flows map.

Every file is written atomically. The map is one self-contained HTML file (Leaflet
inlined from ``hgmap/maps/assets``, no tiles, no network); all catalogue and user text goes
through Jinja2 autoescaping or the browser's ``textContent``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from .._io import atomic_write_text
from .._values import as_list, number, text
from ..countries import load_countries
from ..facilities import load_facilities
from ..labels import NOT_LEGAL_ADVICE, legal_status_label, stream_title
from .model import HubResult, PlanResult, origin_text
from .plan_tables import UNKNOWNS_SEP

__all__ = ["write_plan", "write_hubs", "flows_map_html"]

_COLOURS = ("#1b6ca8", "#e07a1f", "#2a9d8f", "#8e44ad", "#c0392b", "#6b8e23", "#d4a017", "#5d6d7e",
            "#a0522d", "#17becf")


def _json_for_script(data) -> str:
    out = json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=str)
    out = re.sub(r"<(?=[/!])", r"\\u003c", out)
    return out.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _asset(name: str) -> str:
    from ..maps.templating import asset_text  # the one home of the vendored Leaflet files

    return asset_text(name)


def _shift_shape(g, west: float, translate):
    """A country shape in the frame: parts lying west of ``west`` move by +360 degrees."""
    if g is None or g.is_empty:
        return g
    from shapely.geometry import MultiPolygon

    parts = list(g.geoms) if hasattr(g, "geoms") else [g]
    moved = [translate(p, 360) if p.bounds[2] <= west else p for p in parts]
    return MultiPolygon(moved) if len(moved) > 1 else moved[0]


def _frame(lon: float, west: float) -> float:
    return lon + 360.0 if lon < west else lon


def _parts(geom, west: float) -> list[list[list[float]]]:
    if geom is None or getattr(geom, "is_empty", True):
        return []
    lines = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
    out = []
    for line in lines:
        coords = [[round(lat, 3), round(_frame(lon, west), 3)] for lon, lat in line.coords]
        # Re-framing can put a ±180 split point on the wrong side; drop a jump > 180.
        part = [coords[0]] if coords else []
        for c in coords[1:]:
            if abs(c[1] - part[-1][1]) > 180:
                if len(part) > 1:
                    out.append(part)
                part = [c]
            else:
                part.append(c)
        if len(part) > 1:
            out.append(part)
    return out


def _frame_west(flows) -> float:
    """Western edge of the map frame: the middle of the widest empty band of longitudes
    (so that no drawn route is cut at the frame's edge); -180 when that band holds it."""
    lons = []
    for geom in flows.geometry if len(flows) else []:
        if geom is None or geom.is_empty:
            continue
        for line in (geom.geoms if hasattr(geom, "geoms") else [geom]):
            lons.extend(x for x, _ in line.coords)
    if not lons:
        return -180.0
    lon = np.unique(np.round(np.asarray(lons, float), 1))
    gaps = np.diff(np.concatenate([lon, [lon[0] + 360.0]]))
    k = int(np.argmax(gaps))
    if k == len(lon) - 1:  # the widest gap is the one across +-180: the usual frame
        return -180.0
    return float(lon[k] + gaps[k] / 2)


def _origin_popup(iso3: str, origin_id: str, name: str) -> str:
    """``Fiji (FJI)`` for a country; ``CWM Hospital (site suva-cwm, FJI)`` for a site."""
    if origin_id:
        return f"{name or origin_id} (site {origin_id}, {iso3})"
    return f"{name} ({iso3})"


def _country_shapes(countries, west: float) -> dict:
    """Country outlines (simplified, in the map's frame) as GeoJSON with no properties."""
    shapes = countries[["iso3", "geometry"]].copy()
    shapes["geometry"] = shapes.geometry.simplify(0.2, preserve_topology=True)
    if west != -180.0:
        from shapely.affinity import translate

        shapes["geometry"] = [_shift_shape(g, west, translate) for g in shapes.geometry]
    countries_geo = json.loads(shapes.to_json(drop_id=True))
    for feat in countries_geo["features"]:
        feat["properties"] = {}
    return countries_geo


def _flow_items(flows, colour: dict[str, str], west: float) -> list[dict]:
    """One line per flow, its width growing with the square root of its tonnes."""
    tmax = float(flows["tonnes"].max()) if len(flows) else 1.0
    flow_items = []
    for f in flows.itertuples():
        lo, hi = number(getattr(f, "cost_usd_low", None)), number(getattr(f, "cost_usd_high", None))
        cost = f"USD {lo:,.0f} - {hi:,.0f} a year" if lo is not None and hi is not None else "cost unknown"
        who = _origin_popup(f.origin_iso3, text(getattr(f, "origin_id", "")), text(f.origin_name))
        lines = [f"{who} -> {text(f.facility_name)} ({f.facility_iso3})",
                 f"{stream_title(f.stream)}: {f.tonnes:,.2f} t a year, {text(f.operation)}",
                 f"{number(f.distance_km) or 0:,.0f} km; transit: {', '.join(as_list(f.transit_iso3)) or 'none'}",
                 cost, f"Legal status: {legal_status_label(text(f.legal_status))}" + (f", confidence {text(f.legal_confidence)}"
                                                                 if text(getattr(f, "legal_confidence", "")) else "")]
        unknowns = as_list(getattr(f, "legal_unknowns", None))
        if unknowns:
            lines.append(f"Rests on {len(unknowns)} unknown(s):")
            lines += [f"- {text(u)}" for u in unknowns]
        if text(getattr(f, "unpriced", "")):
            lines.append(f"Not priced (no sourced figure): {f.unpriced}")
        flow_items.append({"parts": _parts(f.geometry, west), "colour": colour[f.stream],
                           "weight": round(2 + 8 * np.sqrt(f.tonnes / tmax), 1), "popup": lines})
    return flow_items


def _facility_items(result: PlanResult, fac, west: float) -> list[dict]:
    """One marker per facility receiving a flow, with its load and capacity."""
    flows = result.flows
    load = result.facility_load.set_index("facility_id")
    fac_items = []
    used = set(flows["facility_id"]) if len(flows) else set()
    for r in fac[fac["id"].isin(used)].itertuples():
        cap = number(load.at[r.id, "capacity_tpy"]) if r.id in load.index else None
        lt = number(load.at[r.id, "load_t"]) if r.id in load.index else 0.0
        fac_items.append({"latlon": [float(r.lat), _frame(float(r.lon), west)],
                          "popup": [f"{text(r.name)} ({r.country_iso3})", f"load {lt or 0:,.1f} t a year",
                                    f"capacity {cap:,.0f} t a year" if cap is not None else "capacity unknown"]})
    return fac_items


def _where(rep: pd.DataFrame, west: float, iso: str, lon, lat) -> list[float] | None:
    """A site at its own point; a country at its representative point (``None`` if unknown)."""
    lon, lat = number(lon), number(lat)
    if lon is not None and lat is not None:
        return [float(lat), _frame(float(lon), west)]
    if iso in rep.index:
        return [float(rep.at[iso, "rep_lat"]), _frame(float(rep.at[iso, "rep_lon"]), west)]
    return None


def _unmet_items(result: PlanResult, rep: pd.DataFrame, west: float) -> list[dict]:
    """One marker per unmet row, at its site or its country."""
    unmet_items = []
    for u in result.unmet.itertuples():
        oid = text(getattr(u, "origin_id", ""))
        latlon = (_where(rep, west, u.origin_iso3, getattr(u, "origin_lon", None), getattr(u, "origin_lat", None))
                  if oid else _where(rep, west, u.origin_iso3, None, None))
        if latlon is not None:
            who = origin_text(u.origin_iso3, oid, text(getattr(u, "origin_name", "")))
            unmet_items.append({"latlon": latlon,
                                "popup": [f"{who} {stream_title(u.stream)}: {u.tonnes:,.2f} t unmet",
                                          f"{u.reason}: {u.detail}"]})
    return unmet_items


def _origin_items(result: PlanResult, rep: pd.DataFrame, west: float) -> list[dict]:
    """One marker per origin (a country or a site) listing its streams' tonnes."""
    origin_items = []
    totals = result.country_totals.copy()
    if "origin_id" not in totals.columns:
        totals["origin_id"] = ""
    totals["origin_id"] = totals["origin_id"].map(text)
    for (iso, oid), g in totals.groupby(["origin_iso3", "origin_id"], sort=True):
        first = g.iloc[0]
        latlon = (_where(rep, west, iso, first.get("origin_lon"), first.get("origin_lat")) if oid
                  else _where(rep, west, iso, None, None))
        if latlon is None:
            continue
        head = (_origin_popup(iso, oid, text(first.get("origin_name"))) if oid
                else f"{text(rep.at[iso, 'name']) if iso in rep.index else iso} ({iso})")
        lines = [head]
        for r in g.itertuples():
            lines.append(f"{stream_title(r.stream)}: {r.inventory_t:,.2f} t, placed {r.placed_t:,.2f} t"
                         + (f", unmet {r.unmet_t:,.2f} t" if r.unmet_t > 0 else ""))
        origin_items.append({"latlon": latlon, "popup": lines})
    return origin_items


def flows_map_html(result: PlanResult, *, title: str | None = None, facilities=None) -> str:
    """The flows of a plan as one offline HTML page (lines sized by tonnes)."""
    flows = result.flows
    countries = load_countries()
    fac = facilities if facilities is not None else load_facilities()
    # The frame starts in the widest empty band of longitudes: a Pacific plan is centred on 180.
    west = _frame_west(flows)
    streams = list(dict.fromkeys(flows["stream"])) if len(flows) else []
    colour = {s: _COLOURS[i % len(_COLOURS)] for i, s in enumerate(streams)}
    rep = countries.set_index("iso3")
    data = {"countries": _country_shapes(countries, west), "flows": _flow_items(flows, colour, west),
            "facilities": _facility_items(result, fac, west), "unmet": _unmet_items(result, rep, west),
            "origins": _origin_items(result, rep, west),
            "centre": 180 if west != -180.0 else 0}
    a = result.attrs
    env = Environment(loader=PackageLoader("hgmap.plan", "templates"), autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("flows_map.html.j2").render(
        title=title or "Mercury waste plan: flows to facilities",
        headline=(f"{result.placed_tonnes:,.1f} t a year placed in {len(flows)} flow(s); "
                  f"{result.unmet_tonnes:,.1f} t unmet; USD {a['total_usd_low']:,.0f} - {a['total_usd_high']:,.0f} a year"
                  if len(result.country_totals) else
                  f"Nothing to plan: no inventory row has a tonnage ({len(result.unquantified)} row(s) without a "
                  "published figure: unquantified.csv)"),
        as_of=a["as_of"], data_date=a["data_date"],
        cost_note=f"sourced low-high defaults, oldest figure dated {a.get('oldest_cost_as_of') or 'n/a'} "
                  f"(see cost_assumptions.csv); transport: {a['transport_model']}",
        not_legal_advice=NOT_LEGAL_ADVICE,
        legend=[{"colour": colour[s], "label": stream_title(s)} for s in streams],
        leaflet_css=_asset("leaflet.css"), leaflet_js=_asset("leaflet.js"), data_json=_json_for_script(data))


def _unknowns_text(value) -> str:
    """A flow's legal unknowns in one cell, joined with `` | `` (a sentence may hold ``;``)."""
    return UNKNOWNS_SEP.join(text(u) for u in as_list(value) if text(u))


def _flows_legal(flows) -> list[dict]:
    """Per flow, how sure its legal status is: status, confidence and the unknowns it rests on."""
    cols = ("origin_iso3", "origin_id", "stream", "facility_id", "facility_iso3", "legal_status", "legal_confidence")
    out = []
    for f in (flows.to_dict(orient="records") if len(flows) else []):
        item = {c: text(f.get(c)) for c in cols}
        item["legal_unknowns"] = [text(u) for u in as_list(f.get("legal_unknowns")) if text(u)]
        out.append(item)
    return out


def _csv(frame: pd.DataFrame, path: Path) -> None:
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].map(lambda v: isinstance(v, (list, tuple))).any():
            frame[col] = frame[col].map(lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    atomic_write_text(path, frame.to_csv(index=False, lineterminator="\n"))


def write_plan(result: PlanResult, out: str | os.PathLike, *, map_: bool = True) -> dict[str, Path]:
    """Write a plan to folder ``out``; returns ``{label: path}``.

    Files: ``flows.csv``, ``flows.geojson``, ``unmet.csv``, ``facility_load.csv``,
    ``country_totals.csv`` (one row per inventory row: a country or a site),
    ``country_summary.csv`` (per country and stream, its sites summed),
    ``unquantified.csv``, ``cost_assumptions.csv``,
    ``plan.json`` (settings, totals, LP size) and ``flows_map.html``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    flat = pd.DataFrame(result.flows.drop(columns="geometry"))
    if "legal_unknowns" in flat.columns:
        flat["legal_unknowns"] = flat["legal_unknowns"].map(_unknowns_text)
    for label, frame in (("flows", flat), ("unmet", result.unmet), ("facility_load", result.facility_load),
                         ("country_totals", result.country_totals), ("country_summary", result.by_country()),
                         ("unquantified", result.unquantified),
                         ("cost_assumptions", result.cost_assumptions)):
        files[label] = out / f"{label}.csv"
        _csv(frame, files[label])
    geo = result.flows.copy()
    for col in ("transit_iso3", "legal_conditions", "legal_rules"):
        geo[col] = geo[col].map(lambda v: ";".join(v) if isinstance(v, (list, tuple)) else text(v))
    if "legal_unknowns" in geo.columns:
        geo["legal_unknowns"] = geo["legal_unknowns"].map(_unknowns_text)
    files["flows_geojson"] = out / "flows.geojson"
    atomic_write_text(files["flows_geojson"], geo.to_json(drop_id=True) if len(geo) else
                      json.dumps({"type": "FeatureCollection", "features": []}))
    files["plan_json"] = out / "plan.json"
    atomic_write_text(files["plan_json"], json.dumps({**result.attrs, "placed_t": result.placed_tonnes,
                                                      "unmet_t": result.unmet_tonnes,
                                                      "flows_legal": _flows_legal(result.flows)},
                                                     indent=1, default=str))
    if map_:
        files["map"] = out / "flows_map.html"
        atomic_write_text(files["map"], flows_map_html(result))
    return files


def write_hubs(result: HubResult, out: str | os.PathLike) -> dict[str, Path]:
    """Write ``hubs.csv``, ``hub_assignments.csv``, ``hub_excluded.csv``,
    ``hub_cost_assumptions.csv`` (every cost figure used, default or override, and its
    age) and ``hubs.json``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    tables = [("hubs", result.hubs), ("hub_assignments", result.assignments), ("hub_excluded", result.excluded)]
    if result.cost_assumptions is not None:
        tables.append(("hub_cost_assumptions", result.cost_assumptions))
    for label, frame in tables:
        files[label] = out / f"{label}.csv"
        _csv(frame, files[label])
    files["hubs_json"] = out / "hubs.json"
    atomic_write_text(files["hubs_json"], json.dumps(result.attrs, indent=1, default=str))
    return files
