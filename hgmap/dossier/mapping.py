"""The dossier's map: zoomed to the country and its routes, every option's route drawn and labelled.

Two renderings of one :class:`RouteMap`: an interactive folium/Leaflet map that works
offline (the vendored Leaflet of ``hgmap/maps/assets`` inlined by
:func:`hgmap.maps.render_page`), and a static PNG drawn with matplotlib on the shipped
country boundaries (for DOCX and Markdown). Longitudes are put in one continuous frame
centred on the country, so that Pacific routes do not break at +-180 degrees.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import io
import logging
import re
from collections.abc import Callable

import numpy as np
import shapely
from shapely.geometry import box

from ..countries import load_countries
from ..i18n import whole_number
from .model import Dossier

__all__ = ["RouteMap", "MapRoute", "route_map", "folium_map", "map_parts", "map_png"]

log = logging.getLogger(__name__)

COLOURS = ("#1b5e9a", "#c0392b", "#2e7d32", "#8e44ad", "#d35400", "#00838f", "#6d4c41", "#ad1457",
           "#455a64", "#827717")


@dataclasses.dataclass(frozen=True)
class MapRoute:
    """One drawn route: the facility it leads to and the options (stream, rank) that use it."""

    number: int
    facility_id: str
    facility_name: str
    facility_iso3: str
    distance_km: float
    uses: tuple[tuple[str, int], ...]  # (stream, rank)
    lines: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) in the map frame
    end: tuple[float, float] | None
    colour: str


@dataclasses.dataclass(frozen=True)
class RouteMap:
    """What the map shows, in the continuous longitude frame ``[west, west + 360)``."""

    iso3: str
    origin: tuple[float, float] | None
    west: float
    routes: tuple[MapRoute, ...]
    bounds: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max


def _shift(lon: np.ndarray, west: float) -> np.ndarray:
    return (lon - west) % 360.0 + west


def route_map(d: Dossier) -> RouteMap:
    """Collect the routes of every option, one per facility, in the country's frame."""
    lon0 = d.origin_point[0] if d.origin_point else 0.0
    west = lon0 - 180.0
    by_fac: dict[str, dict] = {}
    for s in d.streams:
        for o in s.options:
            rec = by_fac.setdefault(o.facility_id, {"o": o, "uses": []})
            rec["uses"].append((s.stream, o.rank))
            if o.distance_km < rec["o"].distance_km:
                rec["o"] = o
    routes = []
    pts = [] if d.origin_point is None else [(_shift(np.array([lon0]), west)[0], d.origin_point[1])]
    order = sorted(by_fac.values(), key=lambda r: (r["o"].distance_km, r["o"].facility_id))
    for i, rec in enumerate(order, start=1):
        o = rec["o"]
        lines = []
        geom = o.geometry
        if geom is not None and not getattr(geom, "is_empty", True):
            parts = getattr(geom, "geoms", [geom])
            for part in parts:
                xy = np.asarray(part.coords)[:, :2]
                if len(xy) < 2:
                    continue
                xy[:, 0] = _shift(xy[:, 0], west)
                # A line that crosses the frame's edge (west + 180 from the country) is cut there,
                # not drawn back across the whole map.
                cuts = np.flatnonzero(np.abs(np.diff(xy[:, 0])) > 180.0) + 1
                for piece in np.split(xy, cuts):
                    if len(piece) >= 2:
                        lines.append(tuple((round(x, 4), round(y, 4)) for x, y in piece.tolist()))
                pts += [tuple(p) for p in xy[[0, -1]]]
        end = lines[-1][-1] if lines else None
        routes.append(MapRoute(i, o.facility_id, o.facility_name, o.facility_iso3, o.distance_km,
                               tuple(rec["uses"]), tuple(lines), end, COLOURS[(i - 1) % len(COLOURS)]))
        for line in lines:
            pts += list(line[:: max(1, len(line) // 20)])
    if pts:
        arr = np.asarray(pts, dtype=float)
        lo_x, lo_y = arr.min(axis=0)
        hi_x, hi_y = arr.max(axis=0)
    else:
        lo_x, lo_y, hi_x, hi_y = lon0 - 10, -10, lon0 + 10, 10
    pad_x = max(2.0, (hi_x - lo_x) * 0.06)
    pad_y = max(2.0, (hi_y - lo_y) * 0.08)
    bounds = (lo_x - pad_x, max(-85.0, lo_y - pad_y), hi_x + pad_x, min(85.0, hi_y + pad_y))
    origin = None
    if d.origin_point is not None:
        origin = (float(_shift(np.array([lon0]), west)[0]), d.origin_point[1])
    return RouteMap(d.iso3, origin, west, tuple(routes), bounds)


@functools.lru_cache(maxsize=1)
def _parts() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every polygon part of the countries layer, simplified once for small-scale maps:
    (iso3 per part, part geometries, x of a point inside each part). Parts never cross
    +-180 (the layer is cut there), so each can be shifted into a frame as a whole."""
    frame = load_countries()[["iso3", "geometry"]].explode(index_parts=False, ignore_index=True)
    full = frame.geometry.to_numpy()
    # Douglas-Peucker without topology checks is ~20x faster; a part it collapses keeps its outline.
    geoms = shapely.simplify(full, 0.01, preserve_topology=False)
    bad = shapely.is_empty(geoms) | ~shapely.is_valid(geoms)
    geoms[bad] = full[bad]
    xs = shapely.get_x(shapely.point_on_surface(geoms))
    return frame["iso3"].to_numpy(object), geoms, xs


def _countries_in_frame(rm: RouteMap, tolerance: float, *, margin: float = 0.0):
    """Country outlines in the map frame, clipped to the map's bounds (plus ``margin`` of
    their size on each side, so panning does not show the cut): (iso3, polygon part) pairs."""
    iso, geoms, xs = _parts()
    x0, y0, x1, y1 = rm.bounds
    dx, dy = (x1 - x0) * margin, (y1 - y0) * margin
    view = box(x0 - dx, max(-89.0, y0 - dy), x1 + dx, min(89.0, y1 + dy))
    shift = _shift(xs, rm.west) - xs
    out_iso, out_geom = [], []
    for delta in np.unique(np.round(shift)):
        sel = np.round(shift) == delta
        g = geoms[sel]
        if delta:
            g = shapely.transform(g, lambda c, delta=delta: c + np.array([delta, 0.0]))
        hit = shapely.intersects(g, view)
        if not hit.any():
            continue
        clipped = shapely.intersection(g[hit], view)
        if tolerance > 0.01:  # the parts are already light: topology-preserving is affordable here
            clipped = shapely.simplify(clipped, tolerance, preserve_topology=True)
        out_iso += list(iso[sel][hit])
        out_geom += list(clipped)
    return [(i, g) for i, g in zip(out_iso, out_geom) if g is not None and not g.is_empty]


def _label(_: Callable[[str], str], d: Dossier, r: MapRoute, stream_titles: dict[str, str], lang: str) -> str:
    uses = ", ".join(f"{_(stream_titles.get(s, s))} #{rank}" for s, rank in r.uses)
    km = whole_number(lang)(round(r.distance_km)) + " km"
    return _("{n}. {facility} ({iso3}), {km}: {uses}").format(
        n=r.number, facility=r.facility_name, iso3=r.facility_iso3, km=km, uses=uses)


def folium_map(d: Dossier, _: Callable[[str], str], *, lang: str = "en", height: int = 480):
    """The interactive map (no tile layer: the country outlines are the base map)."""
    import folium

    from .texts import STREAM_TITLES

    rm = route_map(d)
    lon_min, lat_min, lon_max, lat_max = rm.bounds
    m = folium.Map(location=[(lat_min + lat_max) / 2, (lon_min + lon_max) / 2], tiles=None, zoom_start=3,
                   control_scale=True, width="100%", height=height, world_copy_jump=False, prefer_canvas=False)
    m._hgmap_offline = True
    span = max(lon_max - lon_min, lat_max - lat_min)
    tol = max(0.02, span / 500.0)
    by_country: dict[str, list] = {}
    for iso3, geom in _countries_in_frame(rm, tol, margin=0.35):
        by_country.setdefault(iso3, []).extend(
            p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon")
    feats = []
    for iso3, polys in by_country.items():
        if not polys:
            continue
        geom = shapely.transform(shapely.multipolygons(polys), lambda c: np.round(c, 3))
        feats.append({"type": "Feature", "properties": {"iso3": iso3, "name": d.name_of(iso3)},
                      "geometry": shapely.geometry.mapping(geom)})
    folium.GeoJson(
        {"type": "FeatureCollection", "features": feats}, name="countries",
        style_function=lambda f, home=d.iso3: {
            "color": "#7f8c8d", "weight": 0.6, "fillOpacity": 0.9 if f["properties"]["iso3"] == home else 0.55,
            "fillColor": "#f6d58e" if f["properties"]["iso3"] == home else "#e9ecef"},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(m)
    for r in rm.routes:
        label = html.escape(_label(_, d, r, STREAM_TITLES, lang))
        if r.lines:
            folium.PolyLine([[(lat, lon) for lon, lat in line] for line in r.lines], color=r.colour, weight=3,
                            opacity=0.9, class_name="hgmap-dossier-route",
                            tooltip=folium.Tooltip(label, sticky=True)).add_to(m)
        if r.end is not None:
            folium.CircleMarker([r.end[1], r.end[0]], radius=6, color=r.colour, fill=True, fill_opacity=1,
                                class_name="hgmap-dossier-facility",
                                tooltip=folium.Tooltip(html.escape(f"{r.number}"), permanent=True,
                                                       direction="right", class_name="hgmap-dossier-label"),
                                ).add_to(m)
    if rm.origin is not None:
        folium.CircleMarker([rm.origin[1], rm.origin[0]], radius=7, color="#222", fill=True, fill_color="#f1c40f",
                            fill_opacity=1, class_name="hgmap-dossier-origin",
                            tooltip=folium.Tooltip(html.escape(d.name), permanent=True,
                                                   direction="left")).add_to(m)
    m.fit_bounds([[lat_min, lon_min], [lat_max, lon_max]])
    return m, rm


_HEAD = re.compile(r"<head>(.*?)</head>", re.S | re.I)
_BODY = re.compile(r"<body>(.*?)</body>(.*?)</html>", re.S | re.I)


def map_parts(d: Dossier, _: Callable[[str], str], *, lang: str = "en") -> tuple[str, str, RouteMap]:
    """(head, body) HTML of the offline interactive map, for embedding in the dossier page."""
    from ..maps import render_page

    m, rm = folium_map(d, _, lang=lang)
    page = render_page(m, offline=True)
    head = _HEAD.search(page).group(1)
    found = _BODY.search(page)
    body = found.group(1) + found.group(2)  # folium writes the map's script after </body>
    # folium's page styles size html/body to the map; the dossier is a document.
    head = re.sub(r"<style>\s*html,\s*body\s*\{[^}]*\}\s*</style>", "", head)
    head = re.sub(r"<style>\s*#map\s*\{[^}]*\}\s*</style>", "", head)
    return head, body, rm


def map_png(d: Dossier, _: Callable[[str], str], *, width_in: float = 7.0, dpi: int = 150) -> bytes:
    """The static map as PNG bytes (matplotlib, Agg backend, offline)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Polygon as MplPolygon

    rm = route_map(d)
    lon_min, lat_min, lon_max, lat_max = rm.bounds
    aspect = max(0.35, min(1.2, (lat_max - lat_min) / max(1e-6, lon_max - lon_min) / np.cos(
        np.radians(np.clip((lat_min + lat_max) / 2, -70, 70)))))
    fig, ax = plt.subplots(figsize=(width_in, width_in * aspect), dpi=dpi)
    span = max(lon_max - lon_min, lat_max - lat_min)
    patches_home, patches = [], []
    for iso3, geom in _countries_in_frame(rm, max(0.01, span / 600.0)):
        for poly in getattr(geom, "geoms", [geom]):
            if poly.geom_type != "Polygon":
                continue
            (patches_home if iso3 == d.iso3 else patches).append(MplPolygon(np.asarray(poly.exterior.coords)))
    ax.add_collection(PatchCollection(patches, facecolor="#e9ecef", edgecolor="#7f8c8d", linewidth=0.4))
    ax.add_collection(PatchCollection(patches_home, facecolor="#f6d58e", edgecolor="#7f8c8d", linewidth=0.5))
    for r in rm.routes:
        for line in r.lines:
            xy = np.asarray(line)
            ax.plot(xy[:, 0], xy[:, 1], color=r.colour, linewidth=1.8, solid_capstyle="round")
        if r.end is not None:
            ax.plot([r.end[0]], [r.end[1]], "o", color=r.colour, markersize=6, markeredgecolor="white")
            ax.annotate(str(r.number), r.end, xytext=(5, 4), textcoords="offset points", fontsize=9,
                        fontweight="bold", color=r.colour)
    if rm.origin is not None:
        ax.plot([rm.origin[0]], [rm.origin[1]], "o", color="#f1c40f", markersize=8, markeredgecolor="#222")
        ax.annotate(d.name, rm.origin, xytext=(-6, -12), textcoords="offset points", fontsize=8, ha="right")
    ax.set_xlim(lon_min, lon_max)
    ax.set_ylim(lat_min, lat_max)
    ax.set_aspect(1.0 / np.cos(np.radians(np.clip((lat_min + lat_max) / 2, -70, 70))))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("#d6eaf8")
    fig.tight_layout(pad=0.2)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()
