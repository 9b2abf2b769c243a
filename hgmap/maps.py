"""Interactive Folium maps of accessibility results.

:func:`accessibility_map` turns the output of :func:`hgmap.access.accessibility` into a
:class:`folium.Map`: countries coloured by distance to their nearest accessible
facility, every SIDS as a point symbol (small islands vanish at world zoom), the
facilities styled by technology, and the sea routes of selected origins. A *world*
view is centred on Greenwich; a *Pacific* view shows every geometry in the longitude
frame [-30°, 330°), so that SIDS on both sides of 180° and their routes to
Australia, New Zealand or Japan sit together (the seam is in the mid-Atlantic).
:func:`save_map` writes it atomically, optionally as a self-contained *offline* file.

Every text that reaches the page from a catalogue, a result or a user file is
HTML-escaped in Python (:func:`_esc`) and then JSON-encoded into the page; popups and
tooltips are bound with plain Leaflet calls, never through folium templates that paste
text into JavaScript template literals. Links are only emitted for ``http(s)`` URLs.

Not legal advice: the maps carry the as-of date and the data date of the legal data.
"""

from __future__ import annotations

import base64
import html
import json
import logging
import math
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.map import Layer
from folium.plugins import Fullscreen
from folium.template import Template

from ._io import atomic_write_text
from .errors import DataError, HgmapError, UnknownCountryError

__all__ = [
    "MAX_MAP_BYTES",
    "PACIFIC_SEAM",
    "VIEWS",
    "accessibility_map",
    "render_page",
    "classify_distances",
    "display_countries",
    "save_map",
    "select_origins",
]

log = logging.getLogger(__name__)

#: Size budget of a world map for one stream (issue 5); :func:`save_map` warns above it.
MAX_MAP_BYTES = 3_000_000

#: Map views accepted by :func:`accessibility_map` (``"auto"`` picks one of the others).
VIEWS = ("world", "pacific", "auto")
#: West edge of the Pacific view's longitude frame [-30, 330): longitudes west of it
#: are drawn +360°. 30°W runs through the open Atlantic, which no SIDS route to an
#: Asia-Pacific facility crosses; of the countries only Greenland straddles it.
PACIFIC_SEAM = -30.0
# West edge of each view's frame, and where it opens (centre, zoom).
_VIEW_WEST = {"world": -180.0, "pacific": PACIFIC_SEAM}
_VIEW_START = {"world": ([12, 20], 2), "pacific": ([-10, 180], 2)}

NOT_LEGAL_ADVICE = (
    "Not legal advice: check every shipment with the competent authorities "
    "of the states of export, transit and import."
)

STATUS_LABELS: dict[str, str] = {
    "reachable": "reachable",
    "no_legal_route": "no legal route",
    "no_facility_for_stream": "no facility accepts this stream",
}
LEGAL_LABELS: dict[str, str] = {
    "prohibited": "prohibited",
    "permitted_with_consent": "permitted with prior informed consent",
    "not_governed": "not governed by the treaties checked",
    "domestic": "domestic (no transboundary movement)",
}

# ColorBrewer YlOrRd (9 classes): near = light, far = dark.
_YLORRD = ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c",
           "#fc4e2a", "#e31a1c", "#bd0026", "#800026")
_STATUS_FILL = {"no_legal_route": "#6a3d9a", "no_facility_for_stream": "#737373"}
_NOT_ASSESSED_FILL = "#f2f2f2"
_ROUTE_COLOUR = "#08519c"
_SEA_COLOUR = "#d4e6f1"

# (key, legend label, colour, technologies); the first class that matches wins, so a
# plant that retorts and also crushes lamps is shown as thermal recovery.
_TECH_CLASSES: tuple[tuple[str, str, str, frozenset[str]], ...] = (
    ("recovery", "Thermal recovery (retorting, distillation, desorption)", "#1b9e77",
     frozenset({"retorting", "distillation", "thermal_desorption", "amalgam_recovery",
                "soil_treatment"})),
    ("stabilisation", "Stabilisation / solidification", "#7570b3",
     frozenset({"sulfur_stabilization", "stabilization", "solidification"})),
    ("disposal", "Landfill / underground storage", "#d95f02",
     frozenset({"landfill", "underground_storage"})),
    ("recycling", "Lamp / battery recycling", "#e7298a",
     frozenset({"lamp_recycling", "battery_recycling"})),
    ("other", "Other / not stated", "#666666", frozenset()),
)

_PANE_ROUTES = "hgmapRoutes"
_PANE_SIDS = "hgmapSids"  # also named in _JS (sidsPoint)

# Helpers shared by every layer. Feature properties carry HTML that Python already
# escaped; country outlines arrive delta-encoded (see _polygon_quantized) and are
# decoded here into ordinary GeoJSON coordinates before Leaflet sees them.
_JS = """<script>
var hgmap = {
  decode: function (fc) {
    fc.features.forEach(function (f) {
      var g = f.geometry;
      if (!g || !g.q) { return; }
      var s = g.s;
      g.coordinates = g.q.map(function (poly) {
        return poly.map(function (ring) {
          var out = [], x = 0, y = 0;
          for (var i = 0; i < ring.length; i += 2) {
            x += ring[i]; y += ring[i + 1]; out.push([x / s, y / s]);
          }
          return out;
        });
      });
      delete g.q;
    });
    return fc;
  },
  style: function (feature) { return feature.properties.style || {}; },
  pops: {},
  bind: function (feature, layer) {
    var p = feature.properties || {};
    // A SIDS symbol shares its country's popup (layers are built countries first).
    var pop = p.pop || (p.iso3 && hgmap.pops[p.iso3]);
    if (p.pop && p.iso3) { hgmap.pops[p.iso3] = p.pop; }
    if (p.tip) { layer.bindTooltip(p.tip, {sticky: true, direction: "top"}); }
    if (pop) { layer.bindPopup(pop, {maxWidth: 380, maxHeight: 340}); }
  },
  sidsPoint: function (feature, latlng) {
    return L.circleMarker(latlng, Object.assign(
      {pane: "hgmapSids", className: "hgmap-sids", radius: 6}, feature.properties.style));
  },
  facilityPoint: function (feature, latlng) {
    var p = feature.properties;
    return L.marker(latlng, {
      icon: L.divIcon({className: "hgmap-facility hgmap-tech-" + p.tech + " hgmap-fac-" + p.group,
                       html: "<span></span>", iconSize: [14, 14], iconAnchor: [7, 7]}),
      keyboard: true, riseOnHover: true});
  }
};
</script>"""

_CSS = """<style>
.hgmap-panel{background:rgba(255,255,255,.93);padding:6px 10px;border-radius:5px;
 box-shadow:0 1px 5px rgba(0,0,0,.4);font:12px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#222;max-width:420px}
.hgmap-title .hgmap-h{font-size:14px;font-weight:600}
.hgmap-title .hgmap-nla{font-weight:600;color:#7a1c00}
.hgmap-legend .hgmap-sw{display:inline-block;width:14px;height:11px;margin-right:6px;vertical-align:-1px;border:1px solid #555}
.hgmap-legend .hgmap-dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin:0 7px 0 2px;border:1.5px solid #111;vertical-align:-1px}
.hgmap-legend .hgmap-line{display:inline-block;width:16px;height:0;border-top:2.5px solid #08519c;margin-right:5px;vertical-align:3px}
.hgmap-legend .hgmap-dia{display:inline-block;width:9px;height:9px;margin:0 8px 0 3px;transform:rotate(45deg);border:1.5px solid #111}
.hgmap-legend b{display:block;margin-top:4px}
.hgmap-legend summary{cursor:pointer}
.hgmap-legend summary b{display:inline}
.hgmap-facility span{display:block;width:10px;height:10px;margin:1px;transform:rotate(45deg);border:1.5px solid #111;box-sizing:content-box}
.hgmap-fac-other span{opacity:.5;border-style:dashed}
.hgmap-pop h4{margin:0 0 4px;font-size:13px}
.hgmap-pop{font-size:12px;line-height:1.35}
.hgmap-pop ul,.hgmap-pop ol{margin:2px 0 4px 16px;padding:0}
.hgmap-pop .hgmap-muted{color:#666}
.hgmap-pop summary{cursor:pointer;color:#333}
.hgmap-pop details+br{display:none}
.hgmap-nolib{position:fixed;top:0;left:0;right:0;z-index:10000;padding:12px;background:#fff3cd;
 border-bottom:1px solid #c9a400;font:14px system-ui,Arial,sans-serif}
%TECH%
</style>"""

# A map written without --offline needs the CDN; say so instead of showing a blank page.
_NOLIB_SCRIPT = """<script>
window.addEventListener("load", function () {
  if (typeof L === "undefined") {
    var d = document.createElement("div");
    d.className = "hgmap-nolib";
    d.textContent = "This map could not load its map library from the internet. "
      + "Ask for the offline version (hgmap map --offline), which works without a connection.";
    document.body.insertBefore(d, document.body.firstChild);
  }
});
</script>"""


# --- escaping ---------------------------------------------------------------------


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, tuple, np.ndarray, dict)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _esc(value: Any) -> str:
    """HTML-escape ``value`` (``None``/NaN give ``""``).

    Backtick, ``$`` and backslash are turned into entities as well: they are harmless
    in HTML but live inside a JavaScript template literal, which is where folium's own
    ``Popup``/``Tooltip`` put their text, should anyone pass this HTML there.
    """
    if _missing(value):
        return ""
    text = html.escape(str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def _safe_url(value: Any) -> str | None:
    """Return ``value`` if it is an absolute http(s) URL, else ``None``."""
    if _missing(value):
        return None
    url = str(value).strip()
    if not url or any(ord(c) < 33 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _link(url: Any, label: Any = None) -> str:
    """An ``<a>`` for an http(s) URL; anything else is shown as (escaped) text."""
    safe = _safe_url(url)
    if safe is None:
        return _esc(url)
    text = _esc(label if not _missing(label) else safe)
    return f'<a href="{_esc(safe)}" target="_blank" rel="noopener noreferrer">{text}</a>'


def _as_list(value: Any) -> list:
    if _missing(value):
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;|]", value) if v.strip()]
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return list(value)
    return [value]


def _km(value: Any) -> str:
    if _missing(value):
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return _esc(value)
    return f"{number:,.0f} km" if math.isfinite(number) else ""


# --- classification ---------------------------------------------------------------


def classify_distances(
    values: Sequence[float] | np.ndarray | pd.Series,
    *,
    scheme: str = "FisherJenks",
    k: int = 5,
) -> tuple[np.ndarray, np.ndarray]:
    """Classify distances with :mod:`mapclassify`, tolerating ties, gaps and few values.

    Only finite values are classified; NaN/inf (unreachable) get class ``-1``. With at
    most ``k`` distinct values each distinct value is its own class, which avoids
    mapclassify's "fewer unique values than classes" failures.

    Parameters
    ----------
    values
        Distances (km).
    scheme
        A :func:`mapclassify.classify` scheme name.
    k
        Wanted number of classes (at least 1).

    Returns
    -------
    classes : numpy.ndarray
        Class index per value (``-1`` for non-finite values).
    bins : numpy.ndarray
        Increasing upper bounds of the classes.
    """
    if k < 1:
        raise HgmapError(f"k must be at least 1, got {k}")
    y = np.asarray(values, dtype=float)
    finite = np.isfinite(y)
    classes = np.full(y.shape, -1, dtype=int)
    unique = np.unique(y[finite])
    if unique.size == 0:
        return classes, np.array([], dtype=float)
    if unique.size <= k:
        bins = unique
    else:
        import mapclassify

        with warnings.catch_warnings():
            # mapclassify warns about a missing numba and about k it had to reduce.
            warnings.simplefilter("ignore")
            fitted = mapclassify.classify(y[finite], scheme, k=k)
        bins = np.unique(np.asarray(fitted.bins, dtype=float))
        bins[-1] = max(bins[-1], unique[-1])
    classes[finite] = np.clip(np.searchsorted(bins, y[finite], side="left"), 0, bins.size - 1)
    return classes, bins


def _class_colours(n: int) -> list[str]:
    if n <= 0:
        return []
    if n == 1:
        return [_YLORRD[4]]
    # Skip the near-white first step: it would read as "no data" on a light basemap.
    idx = np.linspace(1, len(_YLORRD) - 1, min(n, len(_YLORRD) - 1)).round().astype(int)
    colours = [_YLORRD[i] for i in idx]
    return colours + [colours[-1]] * (n - len(colours))


def _class_labels(bins: np.ndarray, low: float) -> list[str]:
    labels = []
    lower = low
    for upper in bins:
        if math.isclose(lower, upper):
            labels.append(f"{upper:,.0f} km")
        else:
            labels.append(f"{lower:,.0f} – {upper:,.0f} km")
        lower = upper
    return labels


# --- geometry for display ---------------------------------------------------------


def display_countries(
    countries: gpd.GeoDataFrame,
    *,
    tolerance: float = 0.02,
    island_tolerance: float = 0.005,
) -> gpd.GeoDataFrame:
    """Simplify a countries layer for display, keeping shared borders shared.

    All polygons are simplified together as one coverage
    (:func:`shapely.coverage_simplify`, Visvalingam–Whyatt), so neighbours keep a
    common border with no gaps or overlaps. SIDS that touch no other country are
    then simplified on their own with ``island_tolerance``, so atolls keep their shape.
    A geometry that the simplification empties is restored from the input: no
    country, and in particular no SIDS, disappears. Empty input geometries are dropped.

    Parameters
    ----------
    countries
        The :func:`hgmap.countries.load_countries` layer (EPSG:4326).
    tolerance
        Coverage simplification tolerance in degrees (about the square root of the
        area of the triangles removed).
    island_tolerance
        Tolerance for SIDS without land neighbours.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy with simplified geometry.
    """
    gdf = countries.loc[~(countries.geometry.isna() | countries.geometry.is_empty)].copy()
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs(4326)
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    if len(geoms) == 0:
        return gdf
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6))
    simplified = geoms.copy()
    if polygonal.any():
        simplified[polygonal] = shapely.coverage_simplify(geoms[polygonal], tolerance)
    sids = gdf["sids"].fillna(False).astype(bool).to_numpy() if "sids" in gdf else np.zeros(len(gdf), bool)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    n_touching = np.bincount(left[left != right], minlength=len(geoms))
    for i in np.flatnonzero(sids & (n_touching == 0) & polygonal):
        simplified[i] = shapely.coverage_simplify(geoms[i], island_tolerance)
    lost = shapely.is_empty(simplified) | shapely.is_missing(simplified)
    simplified[lost] = geoms[lost]
    gdf["geometry"] = gpd.GeoSeries(simplified, index=gdf.index, crs=4326)
    return gdf


def _ring(coords: Any, scale: int) -> list | None:
    xy = np.round(np.asarray(coords, dtype=float)[:, :2] * scale).astype(np.int64)
    if len(xy) > 1:
        keep = np.ones(len(xy), dtype=bool)
        keep[1:] = np.any(xy[1:] != xy[:-1], axis=1)
        xy = xy[keep]
    if len(xy) < 4:
        return None
    xy[1:] = np.diff(xy, axis=0)
    return xy.ravel().tolist()


def _polygon_quantized(geom: Any, ndigits: int) -> dict | None:
    """Country outline as delta-encoded integers, decoded in the page by ``hgmap.decode``.

    Each ring is a flat ``[x0, y0, dx1, dy1, ...]`` list at ``10**ndigits`` per
    degree: shared borders stay identical (same input, same rounding) and the JSON is
    about half the size of decimal coordinates. Rings that collapse when rounded are
    dropped; if every ring of a geometry collapses, more digits are tried so that no
    country (an atoll, say) vanishes.
    """
    if geom is None or geom.is_empty:
        return None
    for digits in (ndigits, ndigits + 1, ndigits + 2):
        scale = 10**digits
        polygons = []
        for part in getattr(geom, "geoms", [geom]):
            if part.geom_type != "Polygon" or part.is_empty:
                continue
            rings = []
            for ring in (part.exterior, *part.interiors):
                q = _ring(ring.coords, scale)
                if q is None:
                    if not rings:
                        break  # the shell collapsed: drop the part, holes and all
                    continue
                rings.append(q)
            if rings:
                polygons.append(rings)
        if polygons:
            return {"type": "MultiPolygon", "s": scale, "q": polygons}
    return None


def _frame_lon(lon: float, west: float) -> float:
    """``lon`` moved into the frame [``west``, ``west`` + 360) (identity for the world view)."""
    return lon + 360.0 if lon < west else lon


def _frame_polygonal(geom: Any, west: float) -> Any:
    """A country outline in the longitude frame [``west``, ``west`` + 360).

    Parts west of the seam move by +360°; a part that straddles it (Greenland at 30°W)
    is cut there first, so that no polygon is drawn across the whole map. Parts that
    now meet at 180° (Fiji's islands, Chukotka) are merged, so that no outline stroke
    runs along the old antimeridian. The world view returns ``geom`` unchanged.
    """
    if west <= -180.0 or geom is None or geom.is_empty:
        return geom
    parts = []
    for part in getattr(geom, "geoms", [geom]):
        if part.geom_type != "Polygon" or part.is_empty:
            continue
        minx, _, maxx, _ = part.bounds
        if minx >= west:
            parts.append(part)
            continue
        pieces = [(part, True)] if maxx <= west else [
            (shapely.clip_by_rect(part, minx - 1.0, -90.0, west, 90.0), True),
            (shapely.clip_by_rect(part, west, -90.0, maxx + 1.0, 90.0), False)]
        for piece, shift in pieces:
            for poly in shapely.get_parts(piece):
                if poly.geom_type != "Polygon" or poly.is_empty:
                    continue
                parts.append(shapely.transform(poly, lambda xy: xy + (360.0, 0.0)) if shift else poly)
    at_180 = [i for i, poly in enumerate(parts) if 180.0 in (poly.bounds[0], poly.bounds[2])]
    if len({parts[i].bounds[0] == 180.0 for i in at_180}) == 2:  # parts on both sides
        try:
            merged = shapely.get_parts(shapely.union_all([parts[i] for i in at_180])).tolist()
        except shapely.errors.GEOSException:  # an invalid outline: draw the parts as they are
            merged = [parts[i] for i in at_180]
        joined = set(at_180)
        parts = [poly for i, poly in enumerate(parts) if i not in joined] + [
            poly for poly in merged if poly.geom_type == "Polygon" and not poly.is_empty]
    return shapely.MultiPolygon(parts) if parts else None


def _split_dateline(coords: Sequence[Sequence[float]], *, west: float = -180.0) -> list[list[list[float]]]:
    """Cut a line wherever a segment jumps more than 180° in longitude.

    Routes from :func:`hgmap.access.accessibility` are already split at ±180; this is
    the guard that keeps a single unsplit segment from being drawn across the world.
    ``coords`` must lie in the frame [``west``, ``west`` + 360); the cut is made at
    its edges (±180 for the world view, -30/330 for the Pacific view).
    """
    mid = west + 180.0
    parts: list[list[list[float]]] = []
    current: list[list[float]] = []
    prev: tuple[float, float] | None = None
    for lon, lat, *_ in coords:
        lon, lat = float(lon), float(lat)
        if prev is not None and abs(lon - prev[0]) > 180.0:
            plon, plat = prev
            # Crossing longitude on the side of the previous point, then mirrored.
            east = plon > mid
            edge = west + 360.0 if east else west
            unwrapped = lon + 360.0 if east else lon - 360.0
            t = (edge - plon) / (unwrapped - plon) if unwrapped != plon else 0.0
            cross_lat = plat + t * (lat - plat)
            current.append([edge, cross_lat])
            if len(current) >= 2:
                parts.append(current)
            current = [[edge - 360.0 if east else edge + 360.0, cross_lat]]
        current.append([lon, lat])
        prev = (lon, lat)
    if len(current) >= 2:
        parts.append(current)
    return parts


def _same_point(a: Sequence[float], b: Sequence[float]) -> bool:
    return math.isclose(a[0], b[0], abs_tol=1e-6) and math.isclose(a[1], b[1], abs_tol=1e-6)


def _line_geojson(geom: Any, ndigits: int = 3, *, west: float = -180.0) -> dict | None:
    """A route as GeoJSON in the frame [``west``, ``west`` + 360), never jumping > 180°.

    Outside the world view the pieces of a route are first moved into the frame and
    re-joined where one ends at the next one's start: a route split at ±180 (Tonga to
    New Zealand) becomes one line again, then it is cut only at the new seam.
    """
    if geom is None or geom.is_empty:
        return None
    pieces: list[list[list[float]]] = []
    for part in getattr(geom, "geoms", [geom]):
        if part.geom_type != "LineString" or part.is_empty:
            continue
        coords = [[_frame_lon(float(x), west), float(y)] for x, y, *_ in part.coords]
        if west > -180.0 and pieces and _same_point(pieces[-1][-1], coords[0]):
            pieces[-1].extend(coords[1:])
        else:
            pieces.append(coords)
    lines = []
    for coords in pieces:
        for piece in _split_dateline(coords, west=west):
            rounded = np.round(np.asarray(piece), ndigits).tolist()
            if len(rounded) >= 2:
                lines.append(rounded)
    if not lines:
        return None
    return {"type": "MultiLineString", "coordinates": lines}


# --- selection --------------------------------------------------------------------


def select_origins(
    spec: str | Iterable[str] | None,
    countries: gpd.GeoDataFrame,
) -> list[str] | None:
    """Resolve an origin selection to ISO3 codes.

    Parameters
    ----------
    spec
        ``"all"`` or ``None`` (every country: returns ``None``), ``"sids"``, ``"none"``
        (an empty list), a comma-separated string of ISO3 codes or an iterable of them.
    countries
        The countries layer, used for the SIDS flag and to check codes.

    Returns
    -------
    list of str or None
        Sorted ISO3 codes, or ``None`` for all countries.

    Raises
    ------
    UnknownCountryError
        When a code is not in ``countries``.
    """
    if spec is None:
        return None
    if isinstance(spec, str):
        word = spec.strip().lower()
        if word in ("", "all"):
            return None
        if word == "none":
            return []
        if word == "sids":
            return sorted(countries.loc[countries["sids"].fillna(False).astype(bool), "iso3"])
        codes = [c.strip().upper() for c in spec.split(",") if c.strip()]
    else:
        codes = [str(c).strip().upper() for c in spec]
    known = set(countries["iso3"])
    unknown = sorted(set(codes) - known)
    if unknown:
        raise UnknownCountryError(f"unknown ISO3 code(s): {', '.join(unknown)}")
    return sorted(set(codes))


# --- popups -----------------------------------------------------------------------


def _facility_label(fid: Any, facilities_by_id: Mapping[str, Mapping], name: Any = None,
                    iso3: Any = None) -> str:
    info = facilities_by_id.get(fid, {}) if not _missing(fid) else {}
    name = name if not _missing(name) else info.get("name", fid)
    iso3 = iso3 if not _missing(iso3) else info.get("country_iso3")
    text = _esc(name)
    return f"{text} ({_esc(iso3)})" if not _missing(iso3) else text


def _legal_html(row: Mapping) -> str:
    status = row.get("legal_status")
    out = [f"<b>Legal basis:</b> {_esc(LEGAL_LABELS.get(status, status)) or 'n/a'}"]
    rules = _as_list(row.get("legal_rules"))
    if rules:
        out.append(f"<br><span class=hgmap-muted>Rules:</span> {_esc(', '.join(map(str, rules)))}")
    if not _missing(row.get("legal_confidence")):
        out.append(f"<br><span class=hgmap-muted>Confidence:</span> {_esc(row['legal_confidence'])}")
    unknowns = _as_list(row.get("legal_unknowns"))
    if unknowns:
        out.append("<br><span class=hgmap-muted>Unknowns:</span> " + _esc("; ".join(map(str, unknowns))))
    conditions = _as_list(row.get("legal_conditions"))
    if conditions:
        # Folded: the conditions run to several sentences each and would push the
        # transit states and alternatives out of the popup.
        items = "".join(f"<li>{_esc(c)}</li>" for c in conditions)
        out.append(f"<details><summary>Conditions ({len(conditions)})</summary><ul>{items}</ul></details>")
    return "".join(out)


_REASON_ORDER = {"law": 0, "transit": 1, "operation": 2, "stream": 3}


def _blocked_html(reasons: list, limit: int = 4) -> str:
    """The first ``limit`` blocked facilities, legal reasons before stream mismatches."""
    def order(reason: Any) -> int:
        return _REASON_ORDER.get(reason.get("reason"), 4) if isinstance(reason, Mapping) else 5

    items = []
    for reason in sorted(reasons, key=order)[:limit]:
        if not isinstance(reason, Mapping):
            items.append(f"<li>{_esc(reason)}</li>")
            continue
        head = _esc(reason.get("facility_name") or reason.get("facility_id"))
        if not _missing(reason.get("facility_iso3")):
            head += f" ({_esc(reason['facility_iso3'])})"
        bits = [head]
        if _km(reason.get("distance_km")):
            bits.append(_km(reason.get("distance_km")))
        why = _esc(reason.get("reason"))
        rules = _as_list(reason.get("rules"))
        if rules:
            why += f": {_esc(', '.join(map(str, rules)))}"
        bits.append(f"<i>{why}</i>")
        if not _missing(reason.get("detail")):
            bits.append(_esc(reason["detail"]))
        items.append("<li>" + " — ".join(b for b in bits if b) + "</li>")
    more = f"<li>… {len(reasons) - limit} more</li>" if len(reasons) > limit else ""
    return "<ul>" + "".join(items) + more + "</ul>"


def _origin_html(
    name: Any,
    iso3: str,
    rows: pd.DataFrame | None,
    facilities_by_id: Mapping[str, Mapping],
    *,
    sids_region: Any = None,
    alternatives: int = 3,
) -> tuple[str, str]:
    """(tooltip, popup) HTML for one origin country."""
    title = f"{_esc(name)} ({_esc(iso3)})"
    if not _missing(sids_region):
        title += f" <span class=hgmap-muted>· SIDS, {_esc(sids_region)}</span>"
    if rows is None or rows.empty:
        tip = f"{_esc(name)}: not assessed"
        return tip, f"<div class=hgmap-pop><h4>{title}</h4>Not assessed in this run.</div>"
    rows = rows.sort_values("rank")
    first = rows.iloc[0].to_dict()
    status = first.get("status")
    parts = [f"<div class=hgmap-pop><h4>{title}</h4>"]
    if status == "reachable":
        facility = _facility_label(first.get("facility_id"), facilities_by_id,
                                   first.get("facility_name"), first.get("facility_iso3"))
        tip = f"{_esc(name)}: {_km(first.get('distance_km'))} to {facility}"
        parts.append(f"<b>Nearest accessible facility:</b> {facility}")
        if not _missing(first.get("operation")):
            parts.append(f" <span class=hgmap-muted>({_esc(first['operation'])})</span>")
        legs = [f"{label} {_km(first.get(col))}" for col, label in
                (("sea_km", "sea"), ("land_km", "land"), ("access_km", "access"))
                if _km(first.get(col))]
        parts.append(f"<br><b>Distance:</b> {_km(first.get('distance_km'))}")
        if legs:
            parts.append(f" <span class=hgmap-muted>({_esc(', '.join(legs))})</span>")
        transit = _as_list(first.get("transit_iso3"))
        parts.append(f"<br><b>Transit states:</b> {_esc(', '.join(map(str, transit))) or 'none'}")
        parts.append("<br>" + _legal_html(first))
    else:
        label = STATUS_LABELS.get(status, status)
        tip = f"{_esc(name)}: {_esc(label)}"
        parts.append(f"<b>Status:</b> {_esc(label)}")
    nearest_id = first.get("nearest_unconstrained_facility_id")
    if (not _missing(nearest_id) and nearest_id != first.get("facility_id")):
        nearest = _facility_label(nearest_id, facilities_by_id)
        parts.append(f"<br><b>Nearest facility ignoring the law:</b> {nearest}, "
                     f"{_km(first.get('nearest_unconstrained_km'))}")
    blocked = _as_list(first.get("blocked_reasons"))
    if blocked:
        parts.append("<br><b>Why nearer facilities are closed to it:</b>" + _blocked_html(blocked))
    alt = rows.iloc[1:1 + alternatives]
    if status == "reachable" and not alt.empty:
        items = []
        for _, row in alt.iterrows():
            label = _facility_label(row.get("facility_id"), facilities_by_id,
                                    row.get("facility_name"), row.get("facility_iso3"))
            legal = LEGAL_LABELS.get(row.get("legal_status"), row.get("legal_status"))
            transit = _as_list(row.get("transit_iso3"))
            via = f", via {_esc(', '.join(map(str, transit)))}" if transit else ""
            items.append(f"<li>{label} — {_km(row.get('distance_km'))}; {_esc(legal)}{via}</li>")
        parts.append(f"<br><b>Alternatives:</b><ol start=2>{''.join(items)}</ol>")
    parts.append("</div>")
    return tip, "".join(parts)


def _tech_class(technologies: list) -> str:
    techs = {str(t) for t in technologies}
    for key, _label, _colour, members in _TECH_CLASSES:
        if techs & members:
            return key
    return "other"


def _stream_operations(value: Any, stream: str) -> list:
    """Operations a facility performs for ``stream`` (``operations`` may map stream -> list)."""
    if isinstance(value, Mapping):
        return _as_list(value.get(stream))
    return _as_list(value)


def _facility_html(row: Mapping, stream: str, chosen_by: list[str]) -> tuple[str, str]:
    name = _esc(row.get("name"))
    operator = _esc(row.get("operator"))
    tip = f"{name} — {operator}" if operator else name
    capacity = row.get("capacity_tpy", row.get("capacity"))
    cap_text = ""
    if not _missing(capacity):
        try:
            cap_text = f"{float(capacity):,.0f} t/yr"
        except (TypeError, ValueError):
            cap_text = _esc(capacity)
    if not _missing(row.get("capacity_note")) and str(row.get("capacity_note")).strip():
        cap_text = f"{cap_text} ({_esc(row['capacity_note'])})" if cap_text else _esc(row["capacity_note"])
    sources = [_link(u) for u in _as_list(row.get("source_url"))]
    operations = _stream_operations(row.get("operations"), stream)
    basis = row.get("operations_basis")
    lines = [
        f"<div class=hgmap-pop><h4>{name}</h4>",
        f"<b>Operator:</b> {operator}",
        f"<br><b>City:</b> {_esc(row.get('city'))} ({_esc(row.get('country_iso3'))})",
    ]
    if not _missing(row.get("coord_precision")):
        lines.append(f" <span class=hgmap-muted>location: {_esc(row['coord_precision'])} precision</span>")
    lines += [
        f"<br><b>Technologies:</b> {_esc(', '.join(map(str, _as_list(row.get('technologies')))))}",
        f"<br><b>Streams:</b> {_esc(', '.join(map(str, _as_list(row.get('streams')))))}",
    ]
    if operations:
        lines.append(f"<br><b>Operations for {_esc(stream)}:</b> {_esc(', '.join(map(str, operations)))}")
        if not _missing(basis) and str(basis) == "derived":
            lines.append(" <span class=hgmap-muted>(derived from the technology)</span>")
    lines += [
        f"<br><b>Capacity:</b> {cap_text or 'not stated'}",
        f"<br><b>Status:</b> {_esc(row.get('status'))}",
        f"<br><b>Website:</b> {_link(row.get('website')) or 'n/a'}",
        f"<br><b>Source:</b> {' · '.join(s for s in sources if s) or 'n/a'}",
        f"<br><b>Confidence:</b> {_esc(row.get('confidence')) or 'n/a'}",
    ]
    if not _missing(row.get("as_of")) and str(row.get("as_of")).strip():
        lines.append(f" <span class=hgmap-muted>(checked {_esc(row['as_of'])})</span>")
    if chosen_by:
        lines.append(f"<br><b>Nearest accessible facility for:</b> {_esc(', '.join(chosen_by))}")
    if not _missing(row.get("notes")) and str(row.get("notes")).strip():
        note = str(row["notes"])
        note = note if len(note) <= 400 else note[:400] + "…"
        lines.append(f"<br><span class=hgmap-muted>{_esc(note)}</span>")
    lines.append("</div>")
    return tip, "".join(lines)


# --- panels -----------------------------------------------------------------------


class _Panel(MacroElement):
    """A Leaflet control holding fixed HTML (title, legend), inside the map container
    so it stays visible in fullscreen mode."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, *, position: str, css_class: str) -> None:
        super().__init__()
        self._name = "HgmapPanel"
        self.html = html_text
        self.position = position
        self.css_class = css_class


def _json_for_script(data: Any) -> str:
    """Compact JSON that is safe inside a ``<script>`` element.

    In script data only ``</`` (an end tag) and ``<!`` (``<!--`` switches the parser
    into its escaped states) are special, so only those ``<`` are escaped; escaping
    every ``<``, ``>``, ``&`` and ``'`` as jinja's ``tojson`` does costs about 7 % of a
    world map in popup HTML.
    """
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    text = re.sub(r"<(?=[/!])", r"\\u003c", text)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class _GeoJsonLayer(Layer):
    """A GeoJSON overlay with compact embedded data and the ``hgmap`` JS helpers.

    folium's ``GeoJson`` embeds data with indentation-free but space-separated JSON
    and builds its own tooltip code; this layer keeps the HTML budget for geometry
    and binds the pre-escaped popups with plain Leaflet.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson(hgmap.decode({{ this.data_json }}), {
            onEachFeature: hgmap.bind,
            style: hgmap.style,
            {%- if this.point_to_layer %}
            pointToLayer: hgmap.{{ this.point_to_layer }},
            {%- endif %}
            ...{{ this.options|tojavascript }}
        });
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict], *, name: str, show: bool = True,
                 point_to_layer: str | None = None, **options: Any) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "HgmapGeoJson"
        self.data_json = _json_for_script({"type": "FeatureCollection", "features": features})
        self.point_to_layer = point_to_layer
        self.options = options


def _attr(result: gpd.GeoDataFrame, key: str) -> Any:
    value = result.attrs.get(key)
    return None if _missing(value) else value


def _data_date(result: gpd.GeoDataFrame) -> str:
    value = _attr(result, "data_date")
    if value is not None:
        return str(value)
    try:
        from .law import DATA_DATE
    except ImportError:  # pragma: no cover - law is always present in a release
        return "unknown"
    return str(DATA_DATE)


def _title_html(result: gpd.GeoDataFrame, stream: str, title: str | None) -> str:
    heading = _esc(title) if title else (
        f"Mercury waste “{_esc(stream.replace('_', ' '))}”: distance to the nearest "
        "legally accessible facility")
    as_of = _attr(result, "as_of") or "today"
    bits = [f"as of {_esc(as_of)}", f"legal data {_esc(_data_date(result))}"]
    if _attr(result, "operation"):
        bits.append(f"operation {_esc(result.attrs['operation'])}")
    scenario = _attr(result, "scenario")
    if scenario is not None:
        bits.append(f"scenario {_esc(getattr(scenario, 'name', scenario))}")
    return (f"<div class=hgmap-h>{heading}</div><div>Stream {_esc(stream)} · "
            f"{' · '.join(bits)}</div><div class=hgmap-nla>{_esc(NOT_LEGAL_ADVICE)}</div>")


def _legend_html(labels: list[str], colours: list[str], tech_present: list[str],
                 has_routes: bool) -> str:
    # <details> lets a reader on a small screen fold the legend away without any script.
    out = ["<details open><summary><b>Distance to nearest accessible facility</b></summary>"]
    if not labels:
        out.append("<div class=hgmap-muted>no reachable country</div>")
    for label, colour in zip(labels, colours):
        out.append(f"<div><span class=hgmap-sw style='background:{colour}'></span>{_esc(label)}</div>")
    for status in ("no_legal_route", "no_facility_for_stream"):
        out.append(f"<div><span class=hgmap-sw style='background:{_STATUS_FILL[status]}'></span>"
                   f"{_esc(STATUS_LABELS[status])}</div>")
    out.append(f"<div><span class=hgmap-sw style='background:{_NOT_ASSESSED_FILL}'></span>not assessed</div>")
    out.append("<div><span class=hgmap-dot style='background:#fff'></span>SIDS (coloured as above)</div>")
    if has_routes:
        out.append("<div><span class=hgmap-line></span>sea/land route to the facility</div>")
    if tech_present:
        out.append("<b>Facilities by technology</b>")
        for key, label, colour, _members in _TECH_CLASSES:
            if key in tech_present:
                out.append(f"<div><span class=hgmap-dia style='background:{colour}'></span>{_esc(label)}</div>")
    out.append("</details>")
    return "".join(out)


# --- the map ----------------------------------------------------------------------


def _load_countries() -> gpd.GeoDataFrame:
    from .countries import load_countries

    return load_countries()


def _load_facilities() -> gpd.GeoDataFrame:
    from .facilities import load_facilities

    return load_facilities()


def _route_codes(routes_for: str | Iterable[str] | None, countries: gpd.GeoDataFrame,
                 first: pd.DataFrame) -> set[str] | None:
    """Origins whose route is drawn (``None`` = all); SIDS by default."""
    if routes_for is None or (isinstance(routes_for, str) and routes_for.strip().lower() == "sids"):
        codes = set(countries.loc[countries["sids"].fillna(False).astype(bool), "iso3"])
        if "is_sids" in first:
            codes |= set(first.index[first["is_sids"].fillna(False).astype(bool)])
        return codes
    selected = select_origins(routes_for, countries)
    return None if selected is None else set(selected)


def _check_result(result: pd.DataFrame) -> None:
    needed = {"origin_iso3", "status", "rank", "distance_km"}
    missing = sorted(needed - set(result.columns))
    if missing:
        raise DataError(f"not an accessibility result: missing column(s) {', '.join(missing)}")


def _point(lon: Any, lat: Any, west: float = -180.0) -> dict:
    return {"type": "Point", "coordinates": [round(_frame_lon(float(lon), west), 4), round(float(lat), 4)]}


def _resolve_view(view: str, codes: set[str] | None, countries: gpd.GeoDataFrame,
                  first: pd.DataFrame) -> str:
    """``"world"`` or ``"pacific"``; ``"auto"`` is Pacific when most drawn routes start there.

    The origins counted are those whose routes are drawn (``codes`` that have a row in
    the result; all of them if none has one, every result origin if ``codes`` is
    ``None``). A tie is the world view: it is the one every reader knows.
    """
    key = str(view).strip().lower()
    if key not in VIEWS:
        raise HgmapError(f"unknown map view {view!r}; expected one of {', '.join(VIEWS)}")
    if key != "auto":
        return key
    origins = set(map(str, first.index))
    drawn = origins if codes is None else ((codes & origins) or codes)
    if not drawn:
        return "world"
    region: dict[str, Any] = {}
    if "sids_region" in first:
        region.update(first["sids_region"].dropna().astype(str).to_dict())
    if "sids_region" in countries:
        sids = countries.loc[countries["sids"].fillna(False).astype(bool)] if "sids" in countries else countries
        region.update(dict(zip(sids["iso3"].astype(str), sids["sids_region"])))
    pacific = sum(region.get(code) == "Pacific" for code in drawn)
    return "pacific" if 2 * pacific > len(drawn) else "world"


@dataclass
class _Context:
    """What every layer builder needs to know about one result."""

    result: pd.DataFrame
    stream: str
    facilities_by_id: dict[str, dict]
    alternatives: int
    precision: int
    offline: bool
    scheme: str
    k: int
    west: float = -180.0  # west edge of the view's longitude frame (see _VIEW_WEST)

    def __post_init__(self) -> None:
        self.by_origin = dict(iter(self.result.groupby("origin_iso3", sort=False)))
        self.first = (self.result.sort_values("rank", kind="stable")
                      .drop_duplicates("origin_iso3").set_index("origin_iso3"))
        self.reachable = self.first["status"].eq("reachable")
        distances = pd.to_numeric(self.first["distance_km"], errors="coerce").where(self.reachable)
        classes, self.bins = classify_distances(distances.to_numpy(), scheme=self.scheme, k=self.k)
        self.class_of = dict(zip(self.first.index, classes))
        self.colours = _class_colours(len(self.bins))
        low = float(np.nanmin(distances)) if np.isfinite(distances).any() else 0.0
        self.labels = _class_labels(self.bins, low)

    def status(self, iso3: str) -> str | None:
        return self.first.at[iso3, "status"] if iso3 in self.first.index else None

    def fill(self, iso3: str) -> str:
        status = self.status(iso3)
        if status in _STATUS_FILL:
            return _STATUS_FILL[status]
        cls = self.class_of.get(iso3, -1)
        return self.colours[cls] if cls >= 0 else _NOT_ASSESSED_FILL

    def origin_html(self, rec: Mapping) -> tuple[str, str]:
        iso3 = str(rec["iso3"])
        is_sids = not _missing(rec.get("sids")) and bool(rec.get("sids"))
        return _origin_html(rec.get("name", iso3), iso3, self.by_origin.get(iso3),
                            self.facilities_by_id, alternatives=self.alternatives,
                            sids_region=rec.get("sids_region") if is_sids else None)


# Simplified outlines of the shipped countries layer per tolerance, and their
# quantized form per (tolerance, precision, frame): simplifying 244 countries takes
# ~1.5 s and `hgmap run` draws ten maps.
_DISPLAY: dict[float, list[dict]] = {}
_OUTLINES: dict[tuple[float, int, float], list[tuple[dict, dict]]] = {}


def _outlines(countries: gpd.GeoDataFrame, tolerance: float, precision: int, *, shipped: bool,
              west: float = -180.0) -> list:
    key = (float(tolerance), int(precision), float(west))
    if shipped and key in _OUTLINES:
        return _OUTLINES[key]
    records = _DISPLAY.get(float(tolerance)) if shipped else None
    if records is None:
        # Simplified in the world frame, then moved: the coverage (shared borders) is
        # the same in every view, and the cut at the seam is one straight edge.
        records = display_countries(countries, tolerance=tolerance).to_dict("records")
        if shipped:
            _DISPLAY[float(tolerance)] = records
    out = []
    for rec in records:
        geometry = _polygon_quantized(_frame_polygonal(rec["geometry"], west), precision)
        if geometry is not None:
            out.append((rec, geometry))
    if shipped:
        _OUTLINES[key] = out
    return out


def _country_features(ctx: _Context, countries: gpd.GeoDataFrame, tolerance: float, *,
                      shipped: bool = False) -> list[dict]:
    features = []
    for rec, geometry in _outlines(countries, tolerance, ctx.precision, shipped=shipped, west=ctx.west):
        iso3 = str(rec["iso3"])
        tip, pop = ctx.origin_html(rec)
        style = {"fillColor": ctx.fill(iso3), "color": "#555555", "weight": 0.5,
                 "opacity": 0.8, "fillOpacity": 0.85 if ctx.offline else 0.7}
        if ctx.status(iso3) == "no_legal_route":
            style.update(color="#3f007d", weight=1.2, dashArray="3 3")
        features.append({"type": "Feature", "id": iso3, "geometry": geometry,
                         "properties": {"iso3": iso3, "tip": tip, "pop": pop, "style": style}})
    return features


def _route_features(ctx: _Context, codes: set[str] | None) -> list[dict]:
    if not isinstance(ctx.result, gpd.GeoDataFrame):
        return []
    geom_col = ctx.result.geometry.name
    features = []
    for iso3, row in ctx.first.loc[ctx.reachable].iterrows():
        if codes is not None and iso3 not in codes:
            continue
        geometry = _line_geojson(row[geom_col], ctx.precision, west=ctx.west)
        if geometry is None:
            continue
        facility = _facility_label(row.get("facility_id"), ctx.facilities_by_id,
                                   row.get("facility_name"), row.get("facility_iso3"))
        tip = f"{_esc(row.get('origin_name', iso3))} → {facility}: {_km(row.get('distance_km'))}"
        features.append({"type": "Feature", "id": f"route-{iso3}", "geometry": geometry,
                         "properties": {"tip": tip, "style": {
                             "color": _ROUTE_COLOUR, "weight": 2.2, "opacity": 0.8}}})
    return features


def _sids_features(ctx: _Context, countries: gpd.GeoDataFrame, drawn: set[str]) -> list[dict]:
    """SIDS symbols; those whose outline is in ``drawn`` reuse its popup in the page."""
    if "sids" not in countries:
        return []
    features = []
    for rec in countries.loc[countries["sids"].fillna(False).astype(bool)].to_dict("records"):
        iso3 = str(rec["iso3"])
        lon, lat = rec.get("rep_lon"), rec.get("rep_lat")
        if _missing(lon) or _missing(lat):
            geom = rec.get("geometry")
            if geom is None or geom.is_empty:
                log.warning("SIDS %s has no geometry and no rep_lon/rep_lat; not drawn", iso3)
                continue
            # Never the centroid: Kiribati's falls in the Atlantic (data/REPORT.md §1.2).
            point = geom.representative_point()
            lon, lat = point.x, point.y
        tip, pop = ctx.origin_html(rec)
        properties = {"iso3": iso3, "tip": tip} if iso3 in drawn else {"iso3": iso3, "tip": tip, "pop": pop}
        style = {"fillColor": ctx.fill(iso3) if iso3 in ctx.class_of else "#ffffff",
                 "fillOpacity": 0.95, "color": "#111111", "weight": 1.5}
        if ctx.status(iso3) == "no_legal_route":
            style["dashArray"] = "2 2"
        features.append({"type": "Feature", "id": f"sids-{iso3}", "geometry": _point(lon, lat, ctx.west),
                         "properties": {**properties, "style": style}})
    return features


def _facility_features(ctx: _Context) -> dict[str, list[dict]]:
    """Facility points split into ``accepts`` (operating, takes the stream) and ``other``."""
    chosen: dict[str, list[str]] = {}
    for iso3, row in ctx.first.loc[ctx.reachable].iterrows():
        chosen.setdefault(str(row.get("facility_id")), []).append(str(row.get("origin_name", iso3)))
    groups: dict[str, list[dict]] = {"accepts": [], "other": []}
    for fid, rec in ctx.facilities_by_id.items():
        lon, lat = rec.get("lon"), rec.get("lat")
        if _missing(lon) or _missing(lat):
            continue
        streams = {str(s) for s in _as_list(rec.get("streams"))}
        operating = str(rec.get("status", "")).lower() == "operating"
        group = "accepts" if (ctx.stream in streams and operating) else "other"
        tip, pop = _facility_html(rec, ctx.stream, sorted(chosen.get(fid, [])))
        tech = _tech_class(_as_list(rec.get("technologies")))
        groups[group].append({"type": "Feature", "id": f"fac-{fid}", "geometry": _point(lon, lat, ctx.west),
                              "properties": {"tip": tip, "pop": pop, "tech": tech, "group": group}})
    return groups


def _facility_records(facilities: pd.DataFrame) -> dict[str, dict]:
    if not len(facilities):
        return {}
    table = facilities
    if isinstance(table, gpd.GeoDataFrame):
        table = pd.DataFrame(table.drop(columns=table.geometry.name))
    return {str(rec.get("id")): rec for rec in table.to_dict("records")}


def accessibility_map(
    result: gpd.GeoDataFrame,
    *,
    countries: gpd.GeoDataFrame | None = None,
    facilities: gpd.GeoDataFrame | None = None,
    routes_for: str | Iterable[str] | None = None,
    offline: bool = False,
    title: str | None = None,
    scheme: str = "FisherJenks",
    k: int = 5,
    alternatives: int = 3,
    tolerance: float = 0.02,
    precision: int = 3,
    tiles: str = "OpenStreetMap",
    view: str = "auto",
) -> folium.Map:
    """Build an interactive map of one accessibility result.

    Parameters
    ----------
    result
        Output of :func:`hgmap.access.accessibility` (schema in ``docs/CONTRACTS.md``);
        rank-1 rows colour the countries, ranks 2.. are listed as alternatives.
    countries
        Countries layer; ``None`` loads :func:`hgmap.countries.load_countries`.
    facilities
        Facility catalogue used for ``result``; ``None`` loads
        :func:`hgmap.facilities.load_facilities`. Facilities that operate and accept
        the stream are shown; the others are in a layer that starts hidden.
    routes_for
        Origins whose rank-1 route is drawn: ``None`` or ``"sids"`` (every SIDS,
        the default), ``"all"``, ``"none"``, or ISO3 codes (see :func:`select_origins`).
    offline
        Build for :func:`save_map` ``offline=True``: no remote tile layer; the
        country layer is the basemap on a sea-coloured background.
    title
        First title line; the stream, as-of date, data date and the not-legal-advice
        line are always shown.
    scheme, k
        :func:`mapclassify.classify` scheme and number of distance classes.
    alternatives
        How many rank 2.. rows to list in each origin's popup.
    tolerance
        Boundary simplification tolerance in degrees (see :func:`display_countries`).
    precision
        Decimal places kept in coordinates (3 ≈ 110 m).
    tiles
        Tile layer for online maps.
    view
        ``"world"`` (centred on Greenwich), ``"pacific"`` (every geometry in the
        longitude frame [-30°, 330°), see :data:`PACIFIC_SEAM`, opening on the
        Pacific) or ``"auto"`` (the default): Pacific when more than half of the
        origins whose routes are drawn are Pacific SIDS (``sids_region ==
        "Pacific"``), else world. The view chosen is in ``m._hgmap_view``.

    Returns
    -------
    folium.Map
        Write it with :func:`save_map`.

    Raises
    ------
    DataError
        When ``result`` lacks the accessibility columns.
    UnknownCountryError
        When ``routes_for`` names a code that is not in ``countries``.
    HgmapError
        When ``view`` is not one of :data:`VIEWS`.
    """
    _check_result(result)
    shipped = countries is None
    if countries is None:
        countries = _load_countries()
    if facilities is None:
        facilities = _load_facilities()
    stream = _attr(result, "stream")
    if stream is None:
        stream = result["stream"].iloc[0] if "stream" in result and len(result) else "unknown"
    ctx = _Context(result=result, stream=str(stream), facilities_by_id=_facility_records(facilities),
                   alternatives=alternatives, precision=precision, offline=offline, scheme=scheme, k=k)
    route_codes = _route_codes(routes_for, countries, ctx.first)
    view = _resolve_view(view, route_codes, countries, ctx.first)
    ctx.west = _VIEW_WEST[view]
    location, zoom = _VIEW_START[view]

    m = folium.Map(
        location=location, zoom_start=zoom, min_zoom=1, tiles=None if offline else tiles,
        control_scale=True, prefer_canvas=False, world_copy_jump=False,
    )
    m._hgmap_offline = bool(offline)  # read by save_map
    m._hgmap_view = view
    # Only Leaflet itself: jQuery, Bootstrap and Font Awesome are unused here and cost
    # users on slow links several hundred kB (they are dropped from offline maps too).
    m.default_js = [(n, u) for n, u in folium.Map.default_js if n == "leaflet"]
    m.default_css = [(n, u) for n, u in folium.Map.default_css if n == "leaflet_css"]
    # SVG panes, not canvas: symbols stay DOM elements (clickable, testable).
    folium.map.CustomPane(_PANE_ROUTES, z_index=420, pointer_events=True).add_to(m)
    folium.map.CustomPane(_PANE_SIDS, z_index=450, pointer_events=True).add_to(m)
    tech_css = "\n".join(f".hgmap-tech-{key} span{{background:{colour}}}"
                         for key, _l, colour, _m in _TECH_CLASSES)
    css = _CSS.replace("%TECH%", tech_css)
    if offline:
        # Two classes: must beat leaflet.css, which is inlined after this block.
        css = css.replace("</style>", f".folium-map.leaflet-container{{background:{_SEA_COLOUR}}}\n</style>")
    root = m.get_root()
    root.header.add_child(Element(css), name="hgmap_css")
    root.header.add_child(Element(_NOLIB_SCRIPT), name="hgmap_nolib")
    root.header.add_child(Element(_JS), name="hgmap_js")

    outlines = _country_features(ctx, countries, tolerance, shipped=shipped)
    _GeoJsonLayer(
        outlines, name="Countries: distance to nearest accessible facility",
        className="hgmap-country", smoothFactor=0.5, attribution="Boundaries: Natural Earth",
    ).add_to(m)
    routes = _route_features(ctx, route_codes)
    if routes:
        _GeoJsonLayer(routes, name="Routes to the nearest accessible facility",
                      pane=_PANE_ROUTES, className="hgmap-route").add_to(m)
    drawn = {f["id"] for f in outlines}
    _GeoJsonLayer(_sids_features(ctx, countries, drawn), name="Small Island Developing States (SIDS)",
                  point_to_layer="sidsPoint").add_to(m)
    groups = _facility_features(ctx)
    stream_label = ctx.stream.replace("_", " ")
    for group, name, show in (
        ("accepts", f"Facilities accepting {stream_label} (operating)", True),
        ("other", "Other facilities (other streams, closed or status unknown)", False),
    ):
        if groups[group]:
            _GeoJsonLayer(groups[group], name=_esc(name), point_to_layer="facilityPoint",
                          show=show).add_to(m)

    tech_present = sorted({f["properties"]["tech"] for f in groups["accepts"]})
    _Panel(_title_html(result, ctx.stream, title), position="topright",
           css_class="hgmap-panel hgmap-title").add_to(m)
    _Panel(_legend_html(ctx.labels, ctx.colours, tech_present, bool(routes)),
           position="bottomleft", css_class="hgmap-panel hgmap-legend").add_to(m)
    Fullscreen(position="topleft").add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    return m


# --- writing ----------------------------------------------------------------------

# folium resource name -> vendored file in hgmap/assets (see assets/README.md).
_VENDORED = {
    "leaflet": "leaflet.js",
    "leaflet_css": "leaflet.css",
    "Control.Fullscreen.js": "Control.FullScreen.js",
    "Control.FullScreen.css": "Control.FullScreen.css",
}
# folium defaults that hgmap maps never use; an offline map drops them.
_UNUSED = frozenset({
    "jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css",
    "awesome_markers_font_css", "awesome_markers_css", "awesome_rotate_css",
})
_SCRIPT_LINK = re.compile(r"<script\s+src=\"([^\"]*)\"\s*>\s*</script>", re.IGNORECASE)
_CSS_LINK = re.compile(r"<link\s+rel=\"stylesheet\"\s+href=\"([^\"]*)\"\s*/?>", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^)'\"]+)\1\s*\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml"}


def _asset_text(name: str) -> str:
    return resources.files("hgmap").joinpath("assets", name).read_text(encoding="utf-8")


def _asset_data_uri(name: str) -> str:
    data = resources.files("hgmap").joinpath("assets", name).read_bytes()
    mime = _MIME.get(Path(name).suffix.lower(), "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _inline_css(css: str) -> str:
    def repl(match: re.Match) -> str:
        target = match.group(2)
        if target.startswith(("data:", "#")):
            return match.group(0)
        return f'url("{_asset_data_uri(Path(target).name)}")'

    return _CSS_URL.sub(repl, css).replace("</style", "<\\/style")


def _asset_plan() -> dict[str, str | None]:
    plan: dict[str, str | None] = {}
    for name, url in [*folium.Map.default_js, *folium.Map.default_css,
                      *Fullscreen.default_js, *Fullscreen.default_css]:
        if name in _VENDORED:
            plan[url] = _VENDORED[name]
        elif name in _UNUSED:
            plan[url] = None
    return plan


def _make_offline(page: str) -> str:
    """Replace CDN ``<script src>``/``<link>`` tags by the vendored files, inlined."""
    plan = _asset_plan()

    def vendored(url: str) -> str | None:
        if url not in plan:
            raise HgmapError(f"offline map: no vendored copy of {url}; see hgmap/assets/README.md")
        return plan[url]

    def script(match: re.Match) -> str:
        asset = vendored(match.group(1))
        if asset is None:
            return ""
        code = _asset_text(asset).replace("</script", "<\\/script")
        return f"<script>/* {asset} (vendored, see hgmap/assets) */\n{code}\n</script>"

    def stylesheet(match: re.Match) -> str:
        asset = vendored(match.group(1))
        if asset is None:
            return ""
        return f"<style>/* {asset} (vendored) */\n{_inline_css(_asset_text(asset))}\n</style>"

    page = _SCRIPT_LINK.sub(script, page)
    page = _CSS_LINK.sub(stylesheet, page)
    leftovers = re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", page, re.IGNORECASE)
    if leftovers or re.search(r"url\(\s*['\"]?(?:https?:)?//|@import", page, re.IGNORECASE):
        raise HgmapError("offline map still references external resources: "
                         + ", ".join(sorted(set(leftovers))[:5]))
    return page


def _has_tiles(m: folium.Map) -> bool:
    return any(isinstance(child, folium.TileLayer) for child in m._children.values())


_RANDOM_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def render_page(m: folium.Map, *, offline: bool | None = None) -> str:
    """The map as one HTML page: same map, same bytes.

    folium names every element with a random 32-hex id; they are renumbered in order
    of appearance so that two runs on the same inputs write identical files. With
    ``offline`` the vendored Leaflet files are inlined (see :func:`save_map`).
    """
    if offline is None:
        offline = bool(getattr(m, "_hgmap_offline", False))
    if offline and _has_tiles(m):
        raise HgmapError("offline map requested, but the map has a remote tile layer; "
                         "build it with accessibility_map(..., offline=True)")
    page = m.get_root().render()
    if offline:
        page = _make_offline(page)
    mapping: dict[str, str] = {}
    return _RANDOM_ID.sub(lambda mt: mapping.setdefault(mt.group(0), f"{len(mapping):032x}"), page)


def save_map(
    m: folium.Map,
    path: str | Path,
    *,
    offline: bool | None = None,
) -> Path:
    """Write ``m`` to ``path`` as HTML, atomically, and log its size.

    Parameters
    ----------
    m
        A map, usually from :func:`accessibility_map`.
    path
        Output file; parent folders are created. A failure leaves no partial file.
    offline
        Inline Leaflet and the plugins from ``hgmap/assets`` and drop the other CDN
        links, so the page needs no network. ``None`` follows how ``m`` was built
        (``accessibility_map(offline=...)``).

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    HgmapError
        When ``offline`` is asked for a map with a remote tile layer, or for a map
        that uses a library hgmap does not vendor.
    """
    if offline is None:
        offline = bool(getattr(m, "_hgmap_offline", False))
    page = render_page(m, offline=offline)
    out = atomic_write_text(path, page)
    size = out.stat().st_size
    log.info("wrote %s (%.2f MB%s)", out, size / 1e6, ", offline" if offline else "")
    if size > MAX_MAP_BYTES:
        log.warning("%s is %.2f MB, above the %.1f MB budget; raise tolerance or lower precision",
                    out, size / 1e6, MAX_MAP_BYTES / 1e6)
    return out
