"""Geometry for display: simplified outlines, compact encodings, the Pacific frame.

A *world* view keeps longitudes in [-180, 180); a *Pacific* view draws every geometry
in the frame [-30, 330) (see :data:`PACIFIC_SEAM`), so that SIDS on both sides of 180°
and their routes sit together. Lines are cut at the frame's seam by
:func:`hgmap.geo.split_dateline`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from ..geo import split_dateline

__all__ = ["PACIFIC_SEAM", "display_cache_path", "display_countries", "shipped_display_countries", "polygon_quantized",
           "frame_lon", "frame_polygonal",
           "line_geojson", "point"]

#: West edge of the Pacific view's longitude frame [-30, 330): longitudes west of it
#: are drawn +360°. 30°W runs through the open Atlantic, which no SIDS route to an
#: Asia-Pacific facility crosses; of the countries only Greenland straddles it.
PACIFIC_SEAM = -30.0


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
    # Only the SIDS need to know whether they touch a neighbour.
    candidates = np.flatnonzero(sids & polygonal)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms[candidates], predicate="intersects")
    touching = np.zeros(len(geoms), dtype=bool)
    touching[candidates[left[candidates[left] != right]]] = True
    for i in candidates[~touching[candidates]]:
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


def polygon_quantized(geom: Any, ndigits: int) -> dict | None:
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


def frame_lon(lon: float, west: float) -> float:
    """``lon`` moved into the frame [``west``, ``west`` + 360) (identity for the world view)."""
    return lon + 360.0 if lon < west else lon


def _shifted_parts(part: Any, west: float) -> list:
    """One polygon west of / across the seam as polygons in the frame."""
    minx, _, maxx, _ = part.bounds
    pieces = [(part, True)] if maxx <= west else [
        (shapely.clip_by_rect(part, minx - 1.0, -90.0, west, 90.0), True),
        (shapely.clip_by_rect(part, west, -90.0, maxx + 1.0, 90.0), False)]
    out = []
    for piece, shift in pieces:
        for poly in shapely.get_parts(piece):
            if poly.geom_type != "Polygon" or poly.is_empty:
                continue
            out.append(shapely.transform(poly, lambda xy: xy + (360.0, 0.0)) if shift else poly)
    return out


def frame_polygonal(geom: Any, west: float) -> Any:
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
        if part.bounds[0] >= west:
            parts.append(part)
        else:
            parts.extend(_shifted_parts(part, west))
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


def _same_point(a: Sequence[float], b: Sequence[float]) -> bool:
    return math.isclose(a[0], b[0], abs_tol=1e-6) and math.isclose(a[1], b[1], abs_tol=1e-6)


def line_geojson(geom: Any, ndigits: int = 3, *, west: float = -180.0) -> dict | None:
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
        coords = [[frame_lon(float(x), west), float(y)] for x, y, *_ in part.coords]
        if west > -180.0 and pieces and _same_point(pieces[-1][-1], coords[0]):
            pieces[-1].extend(coords[1:])
        else:
            pieces.append(coords)
    lines = []
    for coords in pieces:
        for piece in split_dateline(coords, west=west):
            rounded = np.round(np.asarray(piece), ndigits).tolist()
            if len(rounded) >= 2:
                lines.append(rounded)
    if not lines:
        return None
    return {"type": "MultiLineString", "coordinates": lines}


def point(lon: Any, lat: Any, west: float = -180.0) -> dict:
    """A GeoJSON point in the frame, rounded to 4 decimals (about 11 m)."""
    return {"type": "Point", "coordinates": [round(frame_lon(float(lon), west), 4), round(float(lat), 4)]}


def display_cache_path(*, tolerance: float = 0.02) -> Path:
    """The cache file of :func:`shipped_display_countries` (it may not exist yet): keyed by
    ``data/countries.gpkg``, the tolerances and the GEOS version, in :func:`hgmap.network.cache_dir`."""
    import hashlib

    from .._io import data_path
    from ..network import cache_dir

    digest = hashlib.sha256(data_path("countries.gpkg").read_bytes())
    digest.update(f"{tolerance!r}|0.005|{shapely.geos_version_string}|{shapely.__version__}".encode())
    return cache_dir() / f"display-{digest.hexdigest()[:16]}.npz"


def shipped_display_countries(countries: gpd.GeoDataFrame, *, tolerance: float = 0.02) -> gpd.GeoDataFrame:
    """:func:`display_countries` of the shipped layer, cached on disk beside the graph.

    Simplifying the 244 shipped outlines takes seconds; the result depends only on
    ``data/countries.gpkg``, the tolerances and the GEOS version, which key the cache
    file (:func:`display_cache_path`). A missing or unreadable cache is rebuilt.
    """
    import logging

    from .._io import atomic_path

    log = logging.getLogger(__name__)
    path = display_cache_path(tolerance=tolerance)
    shown = countries.loc[~(countries.geometry.isna() | countries.geometry.is_empty)].copy()
    if path.exists():
        try:
            with np.load(path, allow_pickle=False) as z:
                if z["iso3"].tolist() == shown["iso3"].astype(str).tolist():
                    blob, ends = z["wkb"].tobytes(), z["ends"].tolist()
                    starts = [0, *ends[:-1]]
                    geoms = shapely.from_wkb([blob[a:b] for a, b in zip(starts, ends)])
                    shown["geometry"] = gpd.GeoSeries(geoms, index=shown.index, crs=4326)
                    return shown.set_crs(4326, allow_override=True)
        except (OSError, ValueError, KeyError) as exc:
            log.warning("display outline cache %s unreadable (%s); rebuilding", path, exc)
    out = display_countries(countries, tolerance=tolerance)
    wkb = shapely.to_wkb(out.geometry.values)
    try:
        with atomic_path(path) as tmp:
            with open(tmp, "wb") as fh:
                np.savez(fh, iso3=np.array(out["iso3"].astype(str).tolist(), dtype=str),
                         wkb=np.frombuffer(b"".join(wkb), dtype=np.uint8),
                         ends=np.cumsum([len(w) for w in wkb]))
    except OSError as exc:
        log.warning("cannot write display outline cache %s: %s", path, exc)
    return out
