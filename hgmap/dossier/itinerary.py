"""The ports of a route: where each sea leg leaves and arrives, for the notification's itinerary.

A result row names its legs (``legs``: mode, km, from and to State) but not its ports; its
geometry passes through them. A sea leg's port of exit is the geometry vertex that lies on
a port of the leg's ``from_iso3`` (within :data:`ON_PORT_KM`), and its port of entry the one
on a port of its ``to_iso3``; where the leg's km put it along the geometry chooses between
candidates. A port that cannot be matched so stays unknown (``None``), never guessed. Each
port carries its distance from the coast (``data/ports.csv`` ``coast_km``): one more than
:data:`INLAND_KM` away is an inland place UN/LOCODE lists among its ports (docs/routes.md,
"Known gaps").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from pyproj import Geod

from .._values import as_list, number, text
from .model import PortCall

__all__ = ["sea_ports", "ON_PORT_KM", "INLAND_KM"]

#: How close (km) a route vertex must be to a port to be that port (graph nodes sit on them).
ON_PORT_KM = 1.0
#: A port farther than this from the coast (km) is an inland place: its sea leg stands in for an inland one.
INLAND_KM = 50.0

_GEOD = Geod(ellps="WGS84")


@functools.lru_cache(maxsize=1)
def _ports_by_state() -> dict[str, tuple[np.ndarray, np.ndarray, tuple[str, ...], tuple[str, ...], np.ndarray]]:
    from ..ports import load_ports

    out = {}
    ports = load_ports()
    if "coast_km" not in ports.columns:  # a ports layer without the column: distances unknown
        ports["coast_km"] = np.nan
    for iso3, grp in ports.groupby("iso3"):
        out[str(iso3)] = (grp["lon"].to_numpy(float), grp["lat"].to_numpy(float),
                          tuple(str(x) for x in grp["port_id"]), tuple(str(x) for x in grp["name"]),
                          grp["coast_km"].to_numpy(float))
    return out


@functools.lru_cache(maxsize=1)
def _approach_km() -> dict[str, float]:
    """Each port's straight approach to its sea lane (km) in the default graph: a river or lake
    seaport the lanes reach (Chicago, Montreal) has a short one, an inland place a long one."""
    from ..network import build_graph, port_table

    table = port_table(build_graph())
    return dict(zip(table["port_id"].astype(str), table["snap_km"].astype(float)))


def _vertices(geometry: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """lon, lat and the km walked to each vertex of a (Multi)LineString, parts in order."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    coords = np.asarray([c[:2] for p in parts for c in p.coords], float)
    if len(coords) == 0:
        return np.empty(0), np.empty(0), np.empty(0)
    lon, lat = coords[:, 0], coords[:, 1]
    _, _, d = _GEOD.inv(lon[:-1], lat[:-1], lon[1:], lat[1:]) if len(lon) > 1 else (None, None, np.empty(0))
    return lon, lat, np.concatenate([[0.0], np.cumsum(d) / 1000.0])


def _port_at(lon: np.ndarray, lat: np.ndarray, walked: np.ndarray, iso3: str, at_km: float) -> PortCall | None:
    """The port of ``iso3`` a vertex of the route lies on, the one nearest ``at_km`` along it."""
    known = _ports_by_state().get(iso3)
    if known is None or len(lon) == 0:
        return None
    plon, plat, ids, names, coast = known
    # Only pairs a few hundredths of a degree apart can be within ON_PORT_KM: measure those.
    near = np.argwhere((np.abs(lat[:, None] - plat[None, :]) < 0.02)
                       & (np.abs((lon[:, None] - plon[None, :] + 180.0) % 360.0 - 180.0) < 0.05))
    if len(near) == 0:
        return None
    _, _, d = _GEOD.inv(lon[near[:, 0]], lat[near[:, 0]], plon[near[:, 1]], plat[near[:, 1]])
    keep = d / 1000.0 <= ON_PORT_KM
    on, d = near[keep], d[keep]
    if len(on) == 0:
        return None
    best = int(np.argmin(np.abs(walked[on[:, 0]] - at_km) + d * 1e-9))
    p = int(on[best, 1])
    # The port's straight approach to the lane is one of the two segments at its vertex (the
    # other is its short join to the road): a river or lake seaport the lanes reach has a short one.
    approach = _approach_km().get(ids[p])
    return PortCall(iso3, ids[p], names[p], None if np.isnan(coast[p]) else float(coast[p]), approach)


def sea_ports(legs: Sequence[Mapping[str, Any]] | Any, geometry: Any) -> tuple[tuple[PortCall | None,
                                                                                  PortCall | None], ...]:
    """(port of exit, port of entry) of each sea leg of a route, in order (``None``: not identified)."""
    legs = [leg for leg in as_list(legs) if isinstance(leg, Mapping)]
    if geometry is None or getattr(geometry, "is_empty", True) or not any(text(x.get("mode")) == "sea" for x in legs):
        return ()
    lon, lat, walked = _vertices(geometry)
    out = []
    at = 0.0
    for leg in legs:
        km = number(leg.get("km")) or 0.0
        if text(leg.get("mode")) == "sea":
            out.append((_port_at(lon, lat, walked, text(leg.get("from_iso3")), at),
                        _port_at(lon, lat, walked, text(leg.get("to_iso3")), at + km)))
        at += km
    return tuple(out)
