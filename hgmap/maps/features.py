"""GeoJSON features of a map: country outlines, routes, SIDS symbols, facilities.

:class:`MapContext` reads one accessibility result once (rank-1 rows, distance
classes, fills, popups); the ``*_features`` functions turn it into the feature lists
the layers embed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .._values import as_list, missing, text
from .classify import (NOT_ASSESSED_FILL, ROUTE_COLOUR, STATUS_FILL, class_colours, class_labels,
                       classify_distances, tech_class)
from .geometry import (display_countries, frame_polygonal, line_geojson, point, polygon_quantized,
                       shipped_display_countries)
from .popups import OriginPopups, facility_popup

__all__ = ["MapContext", "country_features", "route_features", "sids_features", "facility_features",
           "facility_records"]

log = logging.getLogger(__name__)


def facility_records(facilities: pd.DataFrame) -> dict[str, dict]:
    """Facility records (without geometry) by id."""
    if not len(facilities):
        return {}
    table = facilities
    if isinstance(table, gpd.GeoDataFrame):
        table = pd.DataFrame(table.drop(columns=table.geometry.name))
    return {str(rec.get("id")): rec for rec in table.to_dict("records")}


@dataclass
class MapContext:
    """What every layer builder needs to know about one result."""

    result: pd.DataFrame
    stream: str
    facilities_by_id: dict[str, dict]
    alternatives: int
    precision: int
    online: bool
    scheme: str
    k: int
    west: float = -180.0  # west edge of the view's longitude frame
    popups: OriginPopups = field(init=False)

    def __post_init__(self) -> None:
        self.first = (self.result.sort_values("rank", kind="stable")
                      .drop_duplicates("origin_iso3").set_index("origin_iso3"))
        self.reachable = self.first["status"].eq("reachable")
        distances = pd.to_numeric(self.first["distance_km"], errors="coerce").where(self.reachable)
        classes, self.bins = classify_distances(distances.to_numpy(), scheme=self.scheme, k=self.k)
        self.class_of = dict(zip(self.first.index, classes))
        self.status_of = self.first["status"].to_dict()
        self.colours = class_colours(len(self.bins))
        low = float(np.nanmin(distances)) if np.isfinite(distances).any() else 0.0
        self.labels = class_labels(self.bins, low)
        self.popups = OriginPopups(self.result, self.facilities_by_id, alternatives=self.alternatives)

    def status(self, iso3: str) -> str | None:
        return self.status_of.get(iso3)

    def fill(self, iso3: str) -> str:
        status = self.status(iso3)
        if status in STATUS_FILL:
            return STATUS_FILL[status]
        cls = self.class_of.get(iso3, -1)
        return self.colours[cls] if cls >= 0 else NOT_ASSESSED_FILL

    def origin_html(self, rec: dict) -> tuple[str, str]:
        iso3 = str(rec["iso3"])
        is_sids = not missing(rec.get("sids")) and bool(rec.get("sids"))
        return self.popups.html(rec.get("name", iso3), iso3, rec.get("sids_region") if is_sids else None)


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
        shown = (shipped_display_countries(countries, tolerance=tolerance) if shipped
                 else display_countries(countries, tolerance=tolerance))
        records = shown.to_dict("records")
        if shipped:
            _DISPLAY[float(tolerance)] = records
    out = []
    for rec in records:
        geometry = polygon_quantized(frame_polygonal(rec["geometry"], west), precision)
        if geometry is not None:
            out.append((rec, geometry))
    if shipped:
        _OUTLINES[key] = out
    return out


def country_features(ctx: MapContext, countries: gpd.GeoDataFrame, tolerance: float, *,
                     shipped: bool = False) -> list[dict]:
    """One feature per country outline, filled by its class or status."""
    features = []
    for rec, geometry in _outlines(countries, tolerance, ctx.precision, shipped=shipped, west=ctx.west):
        iso3 = str(rec["iso3"])
        tip, pop = ctx.origin_html(rec)
        style = {"fillColor": ctx.fill(iso3), "color": "#555555", "weight": 0.5,
                 "opacity": 0.8, "fillOpacity": 0.7 if ctx.online else 0.85}
        if ctx.status(iso3) == "no_legal_route":
            style.update(color="#3f007d", weight=1.2, dashArray="3 3")
        features.append({"type": "Feature", "id": iso3, "geometry": geometry,
                         "properties": {"iso3": iso3, "tip": tip, "pop": pop, "style": style}})
    return features


def route_features(ctx: MapContext, codes: set[str] | None) -> list[dict]:
    """The rank-1 route of every reachable origin in ``codes`` (``None``: all)."""
    if not isinstance(ctx.result, gpd.GeoDataFrame):
        return []
    reachable = ctx.first.loc[ctx.reachable]
    geoms = reachable[ctx.result.geometry.name].to_dict()
    features = []
    for iso3, geom in geoms.items():
        if codes is not None and iso3 not in codes:
            continue
        geometry = line_geojson(geom, ctx.precision, west=ctx.west)
        if geometry is None:
            continue
        features.append({"type": "Feature", "id": f"route-{iso3}", "geometry": geometry,
                         "properties": {"tip": ctx.popups.route_tip(str(iso3)), "style": {
                             "color": ROUTE_COLOUR, "weight": 2.2, "opacity": 0.8}}})
    return features


def _sids_point(rec: dict) -> tuple[Any, Any] | None:
    lon, lat = rec.get("rep_lon"), rec.get("rep_lat")
    if missing(lon) or missing(lat):
        geom = rec.get("geometry")
        if geom is None or geom.is_empty:
            log.warning("SIDS %s has no geometry and no rep_lon/rep_lat; not drawn", rec["iso3"])
            return None
        # Never the centroid: Kiribati's falls in the Atlantic (data/REPORT.md §1.2).
        p = geom.representative_point()
        lon, lat = p.x, p.y
    return lon, lat


def sids_features(ctx: MapContext, countries: gpd.GeoDataFrame, drawn: set[str]) -> list[dict]:
    """SIDS symbols; those whose outline is in ``drawn`` reuse its popup in the page."""
    if "sids" not in countries:
        return []
    features = []
    for rec in countries.loc[countries["sids"].fillna(False).astype(bool)].to_dict("records"):
        iso3 = str(rec["iso3"])
        where = _sids_point(rec)
        if where is None:
            continue
        tip, pop = ctx.origin_html(rec)
        properties = {"iso3": iso3, "tip": tip} if iso3 in drawn else {"iso3": iso3, "tip": tip, "pop": pop}
        style = {"fillColor": ctx.fill(iso3) if iso3 in ctx.class_of else "#ffffff",
                 "fillOpacity": 0.95, "color": "#111111", "weight": 1.5}
        if ctx.status(iso3) == "no_legal_route":
            style["dashArray"] = "2 2"
        features.append({"type": "Feature", "id": f"sids-{iso3}", "geometry": point(*where, ctx.west),
                         "properties": {**properties, "style": style}})
    return features


def facility_features(ctx: MapContext) -> dict[str, list[dict]]:
    """Facility points split into ``accepts`` (operating, takes the stream) and ``other``."""
    chosen: dict[str, list[str]] = {}
    reachable = ctx.first.loc[ctx.reachable]
    names = reachable["origin_name"] if "origin_name" in reachable else pd.Series(reachable.index,
                                                                                 index=reachable.index)
    for iso3, fid, name in zip(reachable.index, reachable["facility_id"], names):
        chosen.setdefault(str(fid), []).append(str(iso3 if missing(name) else name))
    groups: dict[str, list[dict]] = {"accepts": [], "other": []}
    for fid, rec in ctx.facilities_by_id.items():
        lon, lat = rec.get("lon"), rec.get("lat")
        if missing(lon) or missing(lat):
            continue
        streams = {str(s) for s in as_list(rec.get("streams"))}
        operating = text(rec.get("status")).lower() == "operating"
        group = "accepts" if (ctx.stream in streams and operating) else "other"
        tip, pop = facility_popup(rec, ctx.stream, sorted(chosen.get(fid, [])))
        tech = tech_class(as_list(rec.get("technologies")))
        groups[group].append({"type": "Feature", "id": f"fac-{fid}", "geometry": point(lon, lat, ctx.west),
                              "properties": {"tip": tip, "pop": pop, "tech": tech, "group": group}})
    return groups
