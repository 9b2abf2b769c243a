""":func:`accessibility_map`: one accessibility result as an interactive Leaflet map."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium.plugins import Fullscreen

from .._values import missing
from ..errors import DataError, HgmapError, UnknownCountryError
from ..facilities import catalogue_dates
from ..labels import NOT_LEGAL_ADVICE, access_status_label, best_by, facilities_note, objective_of, stream_title
from .classify import NOT_ASSESSED_FILL, SEA_COLOUR, STATUS_FILL, TECH_CLASSES
from .features import (MapContext, country_features, facility_features, facility_records, route_features,
                       sids_features)
from .geometry import PACIFIC_SEAM, frame_lon
from .layers import PANE_ROUTES, PANE_SIDS, FitFocus, GeoJsonLayer, Panel, RawHtml
from .templating import asset_text, macro, render

__all__ = ["accessibility_map", "layer_data", "VIEWS", "FOCUS_MAX_ORIGINS", "resolve_online"]

#: Map views accepted by :func:`accessibility_map` (``"auto"`` picks one of the others).
VIEWS = ("world", "pacific", "auto")
# West edge of each view's frame, and where it opens (centre, zoom).
_VIEW_WEST = {"world": -180.0, "pacific": PACIFIC_SEAM}
_VIEW_START = {"world": ([12, 20], 2), "pacific": ([-10, 180], 2)}
#: A result with at most this many origins gets a focused map by default (``focus=None``):
#: the view fits them and their routes, and the other SIDS are not drawn.
FOCUS_MAX_ORIGINS = 5
# Smallest box a focused map opens on (degrees of longitude, latitude), so that one island
# with no route still shows its neighbourhood; and the deepest zoom it opens at.
_FOCUS_MIN_BOX = (12.0, 9.0)
_FOCUS_MAX_ZOOM = 7


def resolve_online(online: bool | None, offline: bool | None, default: bool = False) -> bool:
    """``online`` wins; ``offline`` is the older spelling of ``not online``."""
    if online is not None:
        return bool(online)
    if offline is not None:
        return not offline
    return default


def _sids_codes(countries: gpd.GeoDataFrame) -> set[str]:
    return set(countries.loc[countries["sids"].fillna(False).astype(bool), "iso3"]) if "sids" in countries else set()


def _route_codes(routes_for: str | Iterable[str] | None, countries: gpd.GeoDataFrame,
                 first: pd.DataFrame) -> set[str] | None:
    """Origins whose route is drawn (``None`` = all); SIDS by default."""
    word = routes_for.strip().lower() if isinstance(routes_for, str) else None
    if routes_for is None or word == "sids":
        codes = _sids_codes(countries)
        if "is_sids" in first:
            codes |= set(first.index[first["is_sids"].fillna(False).astype(bool)])
        return codes
    if word in ("all", ""):
        return None
    if word == "none":
        return set()
    from ..origins import select_origins

    codes = set(select_origins(routes_for))
    unknown = sorted(codes - set(countries["iso3"]))
    if unknown:
        raise UnknownCountryError(f"routes_for: not in the countries layer: {', '.join(unknown)}")
    return codes


def _check_result(result: Any) -> None:
    needed = {"origin_iso3", "status", "rank", "distance_km"}
    missing_cols = sorted(needed - set(getattr(result, "columns", ())))
    if missing_cols:
        raise DataError(f"not an accessibility result: missing column(s) {', '.join(missing_cols)}")


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


def _focus_origins(focus: bool | None, first: pd.DataFrame) -> list[str] | None:
    """The origins a focused map is about (``None``: a world map of every origin)."""
    if focus is not None and not isinstance(focus, bool):
        raise HgmapError(f"focus: expected True, False or None, got {focus!r}")
    origins = sorted(map(str, first.index))
    if focus is False or not origins:
        return None
    if focus is None and len(origins) > FOCUS_MAX_ORIGINS:
        return None
    return origins


def _focus_points(ctx: MapContext, origins: list[str], countries: gpd.GeoDataFrame,
                  route_codes: set[str] | None) -> np.ndarray:
    """Longitude/latitude pairs a focused map must show: origins, drawn routes, their facilities."""
    pts: list[tuple[float, float]] = []
    reps = countries.set_index("iso3") if "iso3" in countries else None
    for iso3 in origins:
        row = ctx.first.loc[iso3]
        lon, lat = row.get("origin_lon"), row.get("origin_lat")
        if (missing(lon) or missing(lat)) and reps is not None and iso3 in reps.index and "rep_lon" in reps:
            lon, lat = reps.at[iso3, "rep_lon"], reps.at[iso3, "rep_lat"]
        if not (missing(lon) or missing(lat)):
            pts.append((float(lon), float(lat)))
        if not bool(ctx.reachable.get(iso3, False)) or (route_codes is not None and iso3 not in route_codes):
            continue
        geom = row.get(ctx.result.geometry.name) if isinstance(ctx.result, gpd.GeoDataFrame) else None
        if geom is not None and not geom.is_empty:
            pts += [tuple(xy) for xy in shapely.get_coordinates(geom)]
        fac = ctx.facilities_by_id.get(str(row.get("facility_id")), {})
        if not (missing(fac.get("lon")) or missing(fac.get("lat"))):
            pts.append((float(fac["lon"]), float(fac["lat"])))
    return np.asarray(pts, dtype=float).reshape(-1, 2)


def _frame_span(lons: np.ndarray, west: float) -> float:
    framed = np.where(lons < west, lons + 360.0, lons)
    return float(framed.max() - framed.min()) if len(framed) else 0.0


def _focus_view(points: np.ndarray, tie: str) -> str:
    """The view whose longitude frame holds the focus in the narrowest span (``tie`` when equal)."""
    if not len(points):
        return tie
    spans = {v: _frame_span(points[:, 0], west) for v, west in _VIEW_WEST.items()}
    if abs(spans["pacific"] - spans["world"]) < 1e-9:
        return tie
    return "pacific" if spans["pacific"] < spans["world"] else "world"


def _focus_bounds(points: np.ndarray, west: float) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` in the view's frame, at least :data:`_FOCUS_MIN_BOX`."""
    if not len(points):
        return None
    lons = np.array([frame_lon(float(x), west) for x in points[:, 0]])
    lats = points[:, 1]
    lo_x, hi_x, lo_y, hi_y = lons.min(), lons.max(), lats.min(), lats.max()
    min_w, min_h = _FOCUS_MIN_BOX
    if hi_x - lo_x < min_w:
        mid = (hi_x + lo_x) / 2
        lo_x, hi_x = mid - min_w / 2, mid + min_w / 2
    if hi_y - lo_y < min_h:
        mid = (hi_y + lo_y) / 2
        lo_y, hi_y = max(-85.0, mid - min_h / 2), min(85.0, mid + min_h / 2)
    return [[round(float(lo_y), 3), round(float(lo_x), 3)], [round(float(hi_y), 3), round(float(hi_x), 3)]]


def _origin_names(origins: list[str], countries: gpd.GeoDataFrame) -> str:
    """"Fiji (FJI), Tuvalu (TUV)"; past :data:`FOCUS_MAX_ORIGINS`, "the 16 origins asked for"."""
    if len(origins) > FOCUS_MAX_ORIGINS:
        return f"the {len(origins)} origins asked for"
    names = dict(zip(countries["iso3"].astype(str), countries["name"].astype(str))) if "name" in countries else {}
    return ", ".join(f"{names.get(o, o)} ({o})" for o in origins)


def _attr(result: pd.DataFrame, key: str) -> Any:
    value = result.attrs.get(key)
    return None if missing(value) else value


def _data_date(result: pd.DataFrame) -> str:
    value = _attr(result, "data_date")
    if value is not None:
        return str(value)
    from ..law import DATA_DATE

    return str(DATA_DATE)


def _title_html(result: pd.DataFrame, stream: str, title: str | None, focus_names: str | None = None,
                facilities: Any = None) -> str:
    bits = [f"as of {_attr(result, 'as_of') or 'today'}", f"legal data {_data_date(result)}"]
    if focus_names:
        bits.insert(0, f"origins {focus_names}")
    if _attr(result, "operation"):
        bits.append(f"operation {result.attrs['operation']}")
    scenario = _attr(result, "scenario")
    if scenario is not None:
        bits.append(f"scenario {getattr(scenario, 'name', scenario)}")
    return render("fragments/title.html", title=title, stream=stream, stream_words=stream_title(stream),
                  bits=bits, not_legal_advice=NOT_LEGAL_ADVICE, best_by=best_by(objective_of(result)),
                  facilities_note=facilities_note(_attr(result, "as_of"), catalogue_dates(facilities)))


def _legend_html(ctx: MapContext, tech_present: set[str], has_routes: bool,
                 focus_names: str | None = None, has_sids: bool = True) -> str:
    statuses = [(access_status_label(s), STATUS_FILL[s]) for s in ("no_legal_route", "no_facility_for_stream")]
    statuses.append((f"not assessed: this map is for {focus_names} only" if focus_names else "not assessed",
                     NOT_ASSESSED_FILL))
    techs = [(label, colour) for key, label, colour, _m in TECH_CLASSES if key in tech_present]
    return render("fragments/legend.html", classes=list(zip(ctx.labels, ctx.colours)), statuses=statuses,
                  best_by=best_by(objective_of(ctx.result)),
                  has_routes=has_routes, techs=techs, focused=bool(focus_names), has_sids=has_sids)


def _new_map(view: str, online: bool, tiles: str) -> folium.Map:
    location, zoom = _VIEW_START[view]
    m = folium.Map(location=location, zoom_start=zoom, min_zoom=1, tiles=tiles if online else None,
                   control_scale=True, prefer_canvas=False, world_copy_jump=False)
    m.hgmap_online = online  # read by save_map
    m.hgmap_view = view
    # Only Leaflet itself: jQuery, Bootstrap and Font Awesome are unused here and cost
    # users on slow links several hundred kB (they are dropped from offline maps too).
    m.default_js = [(n, u) for n, u in folium.Map.default_js if n == "leaflet"]
    m.default_css = [(n, u) for n, u in folium.Map.default_css if n == "leaflet_css"]
    # SVG panes, not canvas: symbols stay DOM elements (clickable, testable).
    folium.map.CustomPane(PANE_ROUTES, z_index=420, pointer_events=True).add_to(m)
    folium.map.CustomPane(PANE_SIDS, z_index=450, pointer_events=True).add_to(m)
    head = render("head.html", css=asset_text("hgmap.css"), js=asset_text("hgmap.js"),
                  nolib=asset_text("nolib.js"), online=online,
                  techs=[(key, colour) for key, _l, colour, _m in TECH_CLASSES],
                  sea=None if online else SEA_COLOUR)
    m.get_root().header.add_child(RawHtml(head), name="hgmap_head")
    return m


def _add_layers(m: folium.Map, ctx: MapContext, countries: gpd.GeoDataFrame, route_codes: set[str] | None,
                *, tolerance: float, shipped: bool, sids_only: set[str] | None = None) -> tuple[set[str], bool, bool]:
    outlines = country_features(ctx, countries, tolerance, shipped=shipped)
    GeoJsonLayer(outlines, name="Countries: distance to the best accessible facility",
                 className="hgmap-country", smoothFactor=0.5, attribution="Boundaries: Natural Earth").add_to(m)
    routes = route_features(ctx, route_codes)
    if routes:
        GeoJsonLayer(routes, name="Routes to the best accessible facility (rank 1)",
                     pane=PANE_ROUTES, className="hgmap-route").add_to(m)
    drawn = {f["id"] for f in outlines}
    sids = sids_features(ctx, countries, drawn)
    if sids_only is not None:  # a focused map: the other SIDS were not assessed, so they are not drawn
        sids = [f for f in sids if f["properties"]["iso3"] in sids_only]
    if sids:
        GeoJsonLayer(sids, name="Small Island Developing States (SIDS)", point_to_layer="sidsPoint").add_to(m)
    groups = facility_features(ctx)
    names = {"accepts": str(macro("fragments/layer_names.html", "accepts")(ctx.stream.replace("_", " "))),
             "other": str(macro("fragments/layer_names.html", "other")())}
    for group, show in (("accepts", True), ("other", False)):
        if groups[group]:
            GeoJsonLayer(groups[group], name=names[group], point_to_layer="facilityPoint", show=show).add_to(m)
    return {f["properties"]["tech"] for f in groups["accepts"]}, bool(routes), bool(sids)


def accessibility_map(
    result: gpd.GeoDataFrame,
    *,
    countries: gpd.GeoDataFrame | None = None,
    facilities: gpd.GeoDataFrame | None = None,
    routes_for: str | Iterable[str] | None = None,
    online: bool | None = None,
    offline: bool | None = None,
    title: str | None = None,
    scheme: str = "FisherJenks",
    k: int = 5,
    alternatives: int = 3,
    tolerance: float = 0.02,
    precision: int = 3,
    tiles: str = "OpenStreetMap",
    view: Literal["world", "pacific", "auto"] = "auto",
    focus: bool | None = None,
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
        the default), ``"all"``, ``"none"``, or ISO3 codes
        (see :func:`hgmap.origins.select_origins`).
    online
        ``False`` (the default): a page that needs no network; no remote tile layer,
        the country layer is the basemap on a sea-coloured background, and
        :func:`save_map` inlines Leaflet. ``True``: Leaflet from its CDN and
        ``tiles`` as the basemap.
    offline
        Older spelling of ``not online`` (used when ``online`` is not given).
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
        origins whose routes are drawn are Pacific SIDS, else world. The view chosen
        is in the map's ``hgmap_view`` attribute. On a focused map, ``"auto"`` is the
        frame in which the origins and their routes lie closest together (Fiji's routes to
        the Americas are drawn across the Pacific, not around the world).
    focus
        ``None`` (the default): focus when the result has at most
        :data:`FOCUS_MAX_ORIGINS` origins; ``True``: always; ``False``: never. A focused
        map opens on the origins, their routes and facilities (``fitBounds``), draws
        the routes of every origin in the result when ``routes_for`` is ``None``, draws
        no symbol for the SIDS that were not assessed, and says in its title and legend
        which origins it is for. The origins are in the map's ``hgmap_focus`` attribute
        (``None`` when not focused) and the box it opens on in ``hgmap_bounds``.

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
        When ``view`` is not one of :data:`VIEWS`, or ``focus`` is not a bool or ``None``.
    """
    _check_result(result)
    is_online = resolve_online(online, offline)
    shipped = countries is None
    if countries is None:
        from ..countries import load_countries

        countries = load_countries()
    if facilities is None:
        from ..facilities import load_facilities

        facilities = load_facilities()
    stream = _attr(result, "stream")
    if stream is None:
        stream = result["stream"].iloc[0] if "stream" in result and len(result) else "unknown"
    ctx = MapContext(result=result, stream=str(stream), facilities_by_id=facility_records(facilities),
                     alternatives=alternatives, precision=precision, online=is_online, scheme=scheme, k=k)
    focused = _focus_origins(focus, ctx.first)
    if focused is not None and routes_for is None:
        route_codes: set[str] | None = set(focused)
    else:
        route_codes = _route_codes(routes_for, countries, ctx.first)
    points = _focus_points(ctx, focused, countries, route_codes) if focused is not None else None
    if focused is not None and str(view).strip().lower() == "auto":
        # On a tie (Fiji -> New Zealand fits both frames) the regions decide, as for any map:
        # the Pacific frame keeps Fiji's islands east of 180 beside the others.
        view = _focus_view(points, _resolve_view("auto", set(focused), countries, ctx.first))
    else:
        view = _resolve_view(view, route_codes, countries, ctx.first)
    ctx.west = _VIEW_WEST[view]
    m = _new_map(view, is_online, tiles)
    tech_present, has_routes, has_sids = _add_layers(
        m, ctx, countries, route_codes, tolerance=tolerance, shipped=shipped,
        sids_only=set(focused) if focused is not None else None)
    names = _origin_names(focused, countries) if focused is not None else None
    bounds = _focus_bounds(points, ctx.west) if points is not None else None
    m.hgmap_focus = tuple(focused) if focused is not None else None
    m.hgmap_bounds = bounds
    if bounds is not None:
        FitFocus(bounds, max_zoom=_FOCUS_MAX_ZOOM).add_to(m)
    Panel(_title_html(result, ctx.stream, title, names, facilities), position="topright",
          css_class="hgmap-panel hgmap-title").add_to(m)
    Panel(_legend_html(ctx, tech_present, has_routes, names, has_sids), position="bottomleft",
          css_class="hgmap-panel hgmap-legend").add_to(m)
    Fullscreen(position="topleft").add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    return m


def layer_data(m: folium.Map) -> dict[str, dict]:
    """The GeoJSON FeatureCollection each overlay of an hgmap map embeds, by layer name.

    Feature properties hold the rendered (escaped) ``tip`` and ``pop`` HTML and the
    ``style``; country outlines are delta-encoded (see
    :func:`hgmap.maps.geometry.polygon_quantized`).
    """
    return {child.layer_name: {"type": "FeatureCollection", "features": child.features}
            for child in m._children.values() if isinstance(child, GeoJsonLayer)}
