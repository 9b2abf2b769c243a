""":func:`accessibility_map`: one accessibility result as an interactive Leaflet map."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import folium
import geopandas as gpd
import pandas as pd
from folium.plugins import Fullscreen

from .._values import missing
from ..errors import DataError, HgmapError, UnknownCountryError
from ..labels import NOT_LEGAL_ADVICE, access_status_label
from .classify import NOT_ASSESSED_FILL, SEA_COLOUR, STATUS_FILL, TECH_CLASSES
from .features import (MapContext, country_features, facility_features, facility_records, route_features,
                       sids_features)
from .geometry import PACIFIC_SEAM
from .layers import PANE_ROUTES, PANE_SIDS, GeoJsonLayer, Panel, RawHtml
from .templating import asset_text, macro, render

__all__ = ["accessibility_map", "layer_data", "VIEWS", "resolve_online"]

#: Map views accepted by :func:`accessibility_map` (``"auto"`` picks one of the others).
VIEWS = ("world", "pacific", "auto")
# West edge of each view's frame, and where it opens (centre, zoom).
_VIEW_WEST = {"world": -180.0, "pacific": PACIFIC_SEAM}
_VIEW_START = {"world": ([12, 20], 2), "pacific": ([-10, 180], 2)}


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


def _attr(result: pd.DataFrame, key: str) -> Any:
    value = result.attrs.get(key)
    return None if missing(value) else value


def _data_date(result: pd.DataFrame) -> str:
    value = _attr(result, "data_date")
    if value is not None:
        return str(value)
    from ..law import DATA_DATE

    return str(DATA_DATE)


def _title_html(result: pd.DataFrame, stream: str, title: str | None) -> str:
    bits = [f"as of {_attr(result, 'as_of') or 'today'}", f"legal data {_data_date(result)}"]
    if _attr(result, "operation"):
        bits.append(f"operation {result.attrs['operation']}")
    scenario = _attr(result, "scenario")
    if scenario is not None:
        bits.append(f"scenario {getattr(scenario, 'name', scenario)}")
    return render("fragments/title.html", title=title, stream=stream, stream_words=stream.replace("_", " "),
                  bits=bits, not_legal_advice=NOT_LEGAL_ADVICE)


def _legend_html(ctx: MapContext, tech_present: set[str], has_routes: bool) -> str:
    statuses = [(access_status_label(s), STATUS_FILL[s]) for s in ("no_legal_route", "no_facility_for_stream")]
    statuses.append(("not assessed", NOT_ASSESSED_FILL))
    techs = [(label, colour) for key, label, colour, _m in TECH_CLASSES if key in tech_present]
    return render("fragments/legend.html", classes=list(zip(ctx.labels, ctx.colours)), statuses=statuses,
                  has_routes=has_routes, techs=techs)


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
                *, tolerance: float, shipped: bool) -> tuple[set[str], bool]:
    outlines = country_features(ctx, countries, tolerance, shipped=shipped)
    GeoJsonLayer(outlines, name="Countries: distance to nearest accessible facility",
                 className="hgmap-country", smoothFactor=0.5, attribution="Boundaries: Natural Earth").add_to(m)
    routes = route_features(ctx, route_codes)
    if routes:
        GeoJsonLayer(routes, name="Routes to the nearest accessible facility",
                     pane=PANE_ROUTES, className="hgmap-route").add_to(m)
    drawn = {f["id"] for f in outlines}
    GeoJsonLayer(sids_features(ctx, countries, drawn), name="Small Island Developing States (SIDS)",
                 point_to_layer="sidsPoint").add_to(m)
    groups = facility_features(ctx)
    names = {"accepts": str(macro("fragments/layer_names.html", "accepts")(ctx.stream.replace("_", " "))),
             "other": str(macro("fragments/layer_names.html", "other")())}
    for group, show in (("accepts", True), ("other", False)):
        if groups[group]:
            GeoJsonLayer(groups[group], name=names[group], point_to_layer="facilityPoint", show=show).add_to(m)
    return {f["properties"]["tech"] for f in groups["accepts"]}, bool(routes)


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
        is in the map's ``hgmap_view`` attribute.

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
    route_codes = _route_codes(routes_for, countries, ctx.first)
    view = _resolve_view(view, route_codes, countries, ctx.first)
    ctx.west = _VIEW_WEST[view]
    m = _new_map(view, is_online, tiles)
    tech_present, has_routes = _add_layers(m, ctx, countries, route_codes, tolerance=tolerance, shipped=shipped)
    Panel(_title_html(result, ctx.stream, title), position="topright",
          css_class="hgmap-panel hgmap-title").add_to(m)
    Panel(_legend_html(ctx, tech_present, has_routes), position="bottomleft",
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
