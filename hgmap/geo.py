"""Geometry helpers shared by the network, the maps and the reports (one home each).

Coordinates are lon/lat degrees (EPSG:4326), x before y.
"""

from __future__ import annotations

import numpy as np
from shapely.geometry import LineString, MultiLineString

__all__ = ["split_antimeridian", "split_dateline"]


def split_antimeridian(coords: list[tuple[float, float]] | np.ndarray) -> MultiLineString:
    """Turn a lon/lat polyline into a MultiLineString that never jumps across the map.

    Longitudes are unwrapped so that consecutive points differ by at most 180 degrees,
    then the line is cut where it crosses a +-180 meridian and each piece is shifted
    back into [-180, 180]. A line from Suva (178.4) to Apia (-171.8) becomes two
    pieces meeting at 180 / -180.
    """
    xy = np.asarray(coords, dtype=float)
    if len(xy) < 2:
        return MultiLineString()
    x = xy[:, 0]
    if x.min() >= -180.0 and x.max() < 180.0 and np.abs(np.diff(x)).max() < 180.0:
        # Most routes never come near the seam: one piece, as below but without the
        # unwrapping (which leaves such a line as it is).
        if len(xy) == 2 and np.allclose(xy[0], xy[-1]):
            return MultiLineString()
        return MultiLineString([LineString(xy)])
    lon = np.unwrap(np.radians(xy[:, 0]))
    lon = np.degrees(lon)
    # Start in [-180, 180).
    lon = lon - 360.0 * np.floor((lon[0] + 180.0) / 360.0)
    lat = xy[:, 1]
    # Only the segments that cross a seam need work: cut there, slice the rest.
    k = np.floor((lon + 180.0) / 360.0)
    pieces: list[np.ndarray] = []
    head: list[np.ndarray] = []  # seam point that starts the current piece
    start = 0
    for i in (np.flatnonzero(k[1:] != k[:-1]) + 1).tolist():
        x0, y0, x1, y1 = lon[i - 1], lat[i - 1], lon[i], lat[i]
        k0, k1 = k[i - 1], k[i]
        # Crosses one (or, for absurd input, more) seam at x = 360*k - 180.
        step = 1 if k1 > k0 else -1
        for kk in np.arange(k0 + (step > 0), k1 + (step > 0), step):
            seam = 360.0 * kk - 180.0
            t = (seam - x0) / (x1 - x0)
            ys = y0 + t * (y1 - y0)
            pieces.append(np.concatenate([*head, np.column_stack([lon[start:i], lat[start:i]]), [[seam, ys]]]))
            head, start = [np.array([[seam, ys]])], i
    pieces.append(np.concatenate([*head, np.column_stack([lon[start:], lat[start:]])]))
    lines = []
    for piece in pieces:
        arr = np.array(piece, dtype=float)
        if len(arr) < 2:
            continue
        # Shift the piece so that its midpoint lies in [-180, 180].
        mid = (arr[:, 0].min() + arr[:, 0].max()) / 2.0
        shift = 360.0 * np.round(mid / 360.0)
        arr[:, 0] -= shift
        arr[:, 0] = np.clip(arr[:, 0], -180.0, 180.0)
        if len(arr) == 2 and np.allclose(arr[0], arr[-1]):
            continue
        lines.append(LineString(arr))
    return MultiLineString(lines)


def split_dateline(coords, *, west: float = -180.0) -> list[list[list[float]]]:
    """Cut a polyline wherever a segment jumps more than 180 degrees in longitude.

    Unlike :func:`split_antimeridian`, which unwraps any line and cuts it at +-180,
    this keeps the longitudes as given: ``coords`` lie in the frame [``west``,
    ``west`` + 360) (the world frame by default, [-30, 330) for a Pacific-centred
    map) and a jump of more than 180 degrees between two points is taken to cross
    the frame's seam. The line is cut there, at the edge on the side of the previous
    point and, mirrored, at the other edge.

    Parameters
    ----------
    coords
        ``(lon, lat[, ...])`` points in the frame.
    west
        West edge of the frame.

    Returns
    -------
    list of list of [lon, lat]
        Pieces of at least two points each.
    """
    mid = west + 180.0
    parts: list[list[list[float]]] = []
    current: list[list[float]] = []
    prev: tuple[float, float] | None = None
    for lon, lat, *_ in coords:
        lon, lat = float(lon), float(lat)
        if prev is not None and abs(lon - prev[0]) > 180.0:
            plon, plat = prev
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
