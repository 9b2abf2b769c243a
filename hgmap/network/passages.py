"""Sea lanes over land: the lanes (Marnet) that run up rivers, across lakes and through
canals, tested against the countries' land polygons.

Marnet's lanes reach inland ports: up the Rhine to Duisburg, up the St Lawrence and
across Lake Ontario to Toronto, through the Panama and Suez canals. The land polygons of
``data/countries.gpkg`` (Natural Earth 1:10m admin-0) hold those rivers, lakes and
canals: a lane over a State's polygon is in its land territory or internal waters, where
the navigation rights at sea (Basel Art 4(12), UNCLOS Part II) do not apply, so that State
is a State of transit (Basel Art 2(12)) of a route through it: where a lane vertex lies
inside its polygon (the lane runs up its river, across its lake, through its canal), or a
port approach runs over it for at least :data:`LANE_LAND_KM` (the straight approach to an
inland place, Genoa -> Douvaine across Italy). A straight lane between two vertices outside
the polygon that cuts across it (a small island such as Cape Verde's, a cape) says nothing
of the ship's track: not counted, and named as not established from :data:`LANE_MIN_KM`
(:meth:`hgmap.network.TransportGraph.lane_passages`).
"""

from __future__ import annotations

import logging

import numpy as np

from .base import KIND_SEA, SEA

log = logging.getLogger(__name__)

__all__ = ["CANALS", "LANE_LAND_KM", "LANE_MIN_KM", "LANE_SAMPLE_KM", "canals_on", "lanes_over_land"]

#: Ship canals (name: State, lon min, lon max, lat min, lat max): a lane through one is not
#: counted as entering the canal State. Whether the canal State's transit rules reach a
#: passage of its canal is not established (Suez: Egypt's Law 202/2020 Art 62 licenses ships
#: through the Suez Canal Authority; Panama: the 1977 Neutrality Treaty; Kiel: open to
#: all ships), so a route through one says so as a legal unknown instead of a transit ban
#: being read into it (:func:`canals_on`).
CANALS = {"Suez Canal": ("EGY", 32.1, 32.7, 29.6, 31.4),
          "Panama Canal": ("PAN", -80.1, -79.4, 8.75, 9.8),
          "Kiel Canal": ("DEU", 9.1, 10.2, 53.85, 54.45)}


def _in_canal(lon: np.ndarray, lat: np.ndarray, iso3) -> np.ndarray:
    """Whether each point lies in the box of a canal of the State ``iso3`` (one per point)."""
    out = np.zeros(len(lon), bool)
    for state, x0, x1, y0, y1 in CANALS.values():
        out |= (np.asarray(iso3, object) == state) & (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)
    return out


def canals_on(lon: np.ndarray, lat: np.ndarray) -> list[str]:
    """The canals (:data:`CANALS` names) a path with these vertices passes, in order."""
    out = []
    for name, (_, x0, x1, y0, y1) in CANALS.items():
        inside = np.flatnonzero((lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1))
        if len(inside):
            out.append((int(inside[0]), name))
    return [n for _, n in sorted(out)]

#: km of port approach over a State's land polygon (summed along a route) from which the
#: State is a transit State of the route (a lane vertex inside the polygon counts whatever
#: the km). Below it, an approach cut across a cape or a harbour mouth: Marnet's lanes and
#: the approaches are straight lines, the coastline is at 1:10m (about 1 km).
LANE_LAND_KM = 5.0
#: km over a polygon from which a passage not counted is named as not established.
LANE_MIN_KM = 1.0
#: Spacing of the points tested along each lane (at most :data:`_MAX_SAMPLES` per lane).
LANE_SAMPLE_KM = 1.0
_MAX_SAMPLES = 2000


def lanes_over_land(graph) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(edge id, iso3, km, vertex)`` for every sea edge of ``graph`` and country whose land
    polygon the edge's straight line (as drawn: straight in lon/lat) runs over, sampled
    every :data:`LANE_SAMPLE_KM`; ``vertex``: a lane vertex (a sea node, not a port) of the
    edge lies inside the polygon. An edge across +-180 is not tested (open sea).

    Vectorised: candidate (edge, country) pairs from the polygons' bounding boxes
    (``shapely.STRtree``), then the samples of each country's candidates tested at once
    against its prepared polygons (``shapely.contains_xy``)."""
    import shapely

    from ..countries import load_countries

    countries = load_countries()
    geoms = countries.geometry.values
    iso = countries["iso3"].to_numpy(object)
    sea = np.flatnonzero(graph.edge_mode == SEA)
    u, v = graph.edge_u[sea], graph.edge_v[sea]
    x0, y0, x1, y1 = graph.node_lon[u], graph.node_lat[u], graph.node_lon[v], graph.node_lat[v]
    ok = np.abs(x1 - x0) <= 180
    sea, u, v, x0, y0, x1, y1 = sea[ok], u[ok], v[ok], x0[ok], y0[ok], x1[ok], y1[ok]
    empty = (np.empty(0, np.int64), np.empty(0, object), np.empty(0, float), np.empty(0, bool))
    if not len(sea):
        return empty
    boxes = shapely.box(np.minimum(x0, x1), np.minimum(y0, y1), np.maximum(x0, x1), np.maximum(y0, y1))
    tree = shapely.STRtree(geoms)
    li, gi = tree.query(boxes)  # bounding boxes only: the points below decide
    km_edge = graph.edge_km[sea]
    n_pts = np.clip(np.ceil(km_edge / LANE_SAMPLE_KM).astype(np.int64) + 1, 3, _MAX_SAMPLES)
    kind = graph.node_kind
    out_e, out_c, out_km, out_v = [], [], [], []
    for g in np.unique(gi):
        sel = li[gi == g]
        geom = geoms[g]
        if geom is None or geom.is_empty:
            continue
        shapely.prepare(geom)
        cnt = n_pts[sel]
        rep = np.repeat(np.arange(len(sel)), cnt)
        t = (np.arange(cnt.sum()) - np.repeat(np.cumsum(cnt) - cnt, cnt)) / np.repeat(cnt - 1, cnt)
        e = sel[rep]
        inside = shapely.contains_xy(geom, x0[e] + (x1[e] - x0[e]) * t, y0[e] + (y1[e] - y0[e]) * t)
        share = np.bincount(rep, inside, minlength=len(sel)) / cnt
        hit = share > 0
        if not hit.any():
            continue
        first, last = np.cumsum(cnt) - cnt, np.cumsum(cnt) - 1
        vertex = ((inside[first] & (kind[u[sel]] == KIND_SEA)) | (inside[last] & (kind[v[sel]] == KIND_SEA)))
        out_e.append(sea[sel[hit]])
        out_c.append(np.full(int(hit.sum()), iso[g], object))
        out_km.append(share[hit] * km_edge[sel[hit]])
        out_v.append(vertex[hit])
    if not out_e:
        return empty
    res = (np.concatenate(out_e), np.concatenate(out_c), np.concatenate(out_km), np.concatenate(out_v))
    # A canal is not entered as its State's inland waters (CANALS): its edges are left out.
    eu, ev = graph.edge_u[res[0]], graph.edge_v[res[0]]
    canal = (_in_canal(graph.node_lon[eu], graph.node_lat[eu], res[1])
             | _in_canal(graph.node_lon[ev], graph.node_lat[ev], res[1]))
    res = tuple(a[~canal] for a in res)
    if not len(res[0]):
        return empty
    log.debug("%d sea edges run over a country's land polygon", len(np.unique(res[0])))
    return res
