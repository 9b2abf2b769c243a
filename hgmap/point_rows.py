"""User points' rows as columns: every point of one solved answer (the points that join
the graph at one node, :func:`_group_points`) gets the answer's cells, its own km, cost,
legs, closed facilities' km and drawn route from the point itself, built column by column
for all points at once (a row dict per point cost ~2 s a stream on 100,000 points).

:class:`PointRows` is the third half of :class:`hgmap.access.AccessModel`: it turns the
answers of :class:`hgmap.answers.Answers` into the columns of the result frame.
"""

from __future__ import annotations

import logging

import numpy as np

from ._values import rounded
from .answers import _EMPTY_ROW, REACHABLE
from .network import TransportGraph
from .routing import _Slot

__all__ = ["PointRows", "LONG_JOIN_KM", "join_notes"]

log = logging.getLogger(__name__)

#: A user point whose nearest join (to a road node or a port) is longer than this is named
#: in a warning: its first leg is a straight-line estimate over that distance (the same
#: 50 km as :data:`hgmap.origins.MAX_POINT_OFFSHORE_KM` and the road join limit).
LONG_JOIN_KM = 50.0

#: Cells of a user point's row shared by every member of its answer (copied as they are) ...
_SHARED_CELLS = ("origin_iso3", "is_sids", "sids_region", "stream", "nearest_unconstrained_facility_id",
                 "status", "rank", "facility_id", "facility_name", "facility_iso3", "operation", "sea_km",
                 "land_km", "road_km", "port_calls", "transshipments", "acceptance", "legal_status",
                 "legal_confidence", "port_of_loading", "port_of_loading_name", "port_of_discharge",
                 "port_of_discharge_name")
#: ... and the list cells, one new list per row.
_LIST_CELLS = ("transit_iso3", "sea_transit_iso3", "legal_rules", "legal_conditions", "legal_unknowns",
               "route_notes")


class PointRows:
    """Rows of user points (mixed into :class:`hgmap.access.AccessModel`; uses
    :meth:`Answers._answer_cells`, :meth:`Answers._option_cells` and the route drawing of
    :class:`~hgmap.routing.RouteSearch`)."""

    def _point_columns(self, solved: list[dict], slots: list[_Slot], member: list[tuple[int, float]], *,
                       geometry: bool) -> dict[str, list]:
        """The rows of user points as columns (the rows :meth:`_finish` makes, cell for
        cell, in point order and by rank within a point), priced at once: per-row work
        on 100,000 points is what a row-dict per point cost (~2 s a stream)."""
        _warn_long_joins(slots, self.__dict__.setdefault("_warned_joins", set()))
        specs, routes, start, count, near = self._point_specs(solved)
        g_of = np.fromiter((g for g, _ in member), np.int64, len(slots))
        join_p = np.fromiter((j for _, j in member), float, len(slots))
        per_pt = count[g_of]
        row_p = np.repeat(np.arange(len(slots)), per_pt)
        row_s = _runs(start[g_of], per_pt)
        rs, rp = row_s.tolist(), row_p.tolist()
        cols: dict[str, list] = {}
        for name in _SHARED_CELLS:
            cols[name] = _take([sp[name] for sp in specs], rs)
        for name in _LIST_CELLS:  # one list per row, as in a row dict
            cols[name] = list(map(list, _take([sp[name] for sp in specs], rs)))
        for name, attr in (("origin_name", "name"), ("origin_id", "key"), ("origin_lon", "lon"),
                           ("origin_lat", "lat"), ("origin_basis", "basis")):
            cols[name] = _take([getattr(sl, attr) for sl in slots], rp)
        join_r = join_p[row_p]
        near_r = (near[g_of] + join_p)[row_p]
        cols["nearest_unconstrained_km"] = rounded(near_r)
        cols["blocked_reasons"] = _point_blocked(solved, g_of, join_p, rp)
        cols.update(self._point_option_cells(routes, row_s, join_r))
        cols["legs"] = _point_legs(routes, slots, rs, rp, join_r)
        cols["geometry"] = (self._point_geometries(routes, slots, rs, rp, join_r) if geometry
                            else [None] * len(rs))
        return cols

    def _point_specs(self, solved: list[dict]) -> tuple:
        """What the members of each solved answer share, one spec per (answer, option):
        the specs, their routes (None: no reachable facility), each answer's first spec
        and spec count, and its nearest unconstrained km (NaN: none)."""
        specs: list[dict] = []
        routes: list = []
        start = np.zeros(len(solved), np.int64)
        count = np.zeros(len(solved), np.int64)
        near = np.full(len(solved), np.nan)
        memo: dict = {}  # the decision's cells, per decision (the decisions are the model's: ids hold)
        for gi, raw in enumerate(solved):
            start[gi] = len(specs)
            if raw["nearest_km"] is not None:
                near[gi] = raw["nearest_km"]
            common = self._answer_cells(raw)
            if raw["status"] != REACHABLE:
                specs.append({**common, **_EMPTY_ROW, "status": raw["status"]})
                routes.append(None)
            for rank, (i, op, route, dec, confirmed) in enumerate(raw["options"] if raw["status"] == REACHABLE
                                                                 else (), start=1):
                specs.append({**common, **self._option_cells(raw["origin"], rank, i, op, route, dec, confirmed, memo)})
                routes.append(route)
            count[gi] = len(specs) - start[gi]
        return specs, routes, start, count, near

    def _point_option_cells(self, routes: list, row_s: np.ndarray, join_r: np.ndarray) -> dict[str, list]:
        """km and cost cells of every row: the route's plus the point's own join, priced
        with :func:`hgmap.costs.route_cost` over all rows at once (None: not reachable)."""
        from .costs import route_cost

        def per_route(get) -> np.ndarray:
            return np.array([get(r) if r is not None else np.nan for r in routes], float)[row_s]

        sea, road = per_route(lambda r: r.sea_km), per_route(lambda r: r.road_km)
        acc = per_route(lambda r: r.access_km) + join_r
        kw = {"port_calls": np.nan_to_num(per_route(lambda r: r.port_calls)),
              "transshipments": np.nan_to_num(per_route(lambda r: r.transshipments)),
              "transit_states": np.nan_to_num(per_route(lambda r: len(r.transit)))}
        lo = route_cost(self.costs, level="low", sea_km=sea, road_km=road, access_km=acc, **kw)
        hi = route_cost(self.costs, level="high", sea_km=sea, road_km=road, access_km=acc, **kw)
        reach = np.array([r is not None for r in routes], bool)[row_s]

        def cells(x: np.ndarray) -> list:
            return rounded(np.where(reach, x, np.nan))

        return {"distance_km": cells(sea + road + acc), "access_km": cells(acc),
                "cost_usd_per_t_low": cells(lo), "cost_usd_per_t_high": cells(hi)}

    def _point_geometries(self, routes: list, slots: list[_Slot], rs: list[int], rp: list[int],
                          join_r: np.ndarray) -> list:
        """Each row's drawn route (:meth:`route_geometries`, the joins of one option's
        points built at once)."""
        geoms: list = [None] * len(rs)
        rows_of: dict[int, list[int]] = {}
        for r_i, s_i in enumerate(rs):
            if routes[s_i] is not None:
                rows_of.setdefault(s_i, []).append(r_i)
        for s_i, r_list in rows_of.items():
            drawn = self.route_geometries(routes[s_i], [(slots[rp[r]], float(join_r[r])) for r in r_list])
            for r, g in zip(r_list, drawn):
                geoms[r] = g
        return geoms


def _group_points(slots: list[_Slot], graph: TransportGraph) -> tuple[list[_Slot], list[tuple[int, float]]]:
    """Slots to solve and, per user point, (its solved slot, km to add). Points of one
    country joining at the same single node share a slot at that node (join 0); points
    with several joins (road-less countries) or none are solved as they are."""
    solve: list[_Slot] = []
    at: dict = {}
    member = []
    for s in slots:
        if len(s.attach) == 1:
            node, join = s.attach[0]
            key = (s.iso3, node)
            if key not in at:
                at[key] = len(solve)
                solve.append(_Slot(f"@{s.iso3}:{node}", s.iso3, "", float(graph.node_lon[node]),
                                   float(graph.node_lat[node]), "user", [(node, 0.0)]))
            member.append((at[key], float(join)))
        else:
            member.append((len(solve), 0.0))
            solve.append(s)
    return solve, member


def _take(values: list, at: list[int]) -> list:
    """``[values[i] for i in at]``, the loop in C."""
    return list(map(values.__getitem__, at))


def _runs(first: np.ndarray, count: np.ndarray) -> np.ndarray:
    """``first[j], first[j] + 1, ..., first[j] + count[j] - 1`` for every ``j``, concatenated."""
    return np.repeat(first, count) + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)


def _point_blocked(solved: list[dict], g_of: np.ndarray, join_p: np.ndarray, rp: list[int]) -> list:
    """Each row's closed facilities: its answer's, with km from the point itself (the
    answer's km plus the point's join). One list per point, shared by its ranks (as the
    row dicts shared it); the km are summed and rounded for all points at once, and each
    entry is its answer's copied (a copy of a small dict is cheaper than a new one)."""
    lists = [raw["blocked"] for raw in solved]
    n_b = np.fromiter(map(len, lists), np.int64, len(lists))
    flat = [b for lst in lists for b in lst]
    km0 = np.array([np.nan if b["distance_km"] is None else b["distance_km"] for b in flat], float)
    per_pt = n_b[g_of]
    ends = np.cumsum(per_pt)
    at = _runs(np.concatenate([[0], np.cumsum(n_b)[:-1]])[g_of], per_pt)
    copy = dict.copy
    entries = [copy(flat[a]) for a in at.tolist()]
    for e, km in zip(entries, rounded(km0[at] + np.repeat(join_p, per_pt)) if len(at) else ()):
        e["distance_km"] = km
    bounds = np.concatenate([[0], ends]).tolist()
    blocked_p = [entries[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    return [blocked_p[p] for p in rp]


def _point_legs(routes: list, slots: list[_Slot], rs: list[int], rp: list[int], join_r: np.ndarray) -> list:
    """Each row's legs: the route's, after the point's own straight join when it has one."""
    legs = []
    for s_i, p, j, j1 in zip(rs, rp, join_r.tolist(), rounded(join_r)):
        route = routes[s_i]
        if route is None:
            legs.append([])
        elif j > 0:
            iso3 = slots[p].iso3
            legs.append([{"mode": "access", "km": j1, "from_iso3": iso3, "to_iso3": iso3}, *route.legs])
        else:
            legs.append(route.legs)
    return legs


def join_notes(slots: list[_Slot], *, limit: float = LONG_JOIN_KM) -> list[str]:
    """One sentence per user point whose nearest join is longer than ``limit`` km (its
    first leg is a straight-line estimate that long) or that joins nothing (no road node
    of its country within the join limit and no port within
    :data:`hgmap.network.ROADLESS_PORT_KM`: unreachable), naming the point."""
    out = []
    for s in slots:
        if not s.attach:
            out.append(f"origin point {s.key!r} ({s.iso3}, lat {s.lat:g}, lon {s.lon:g}) joins no road within "
                       f"{limit:.0f} km and no port of {s.iso3} within 300 km: unreachable (no leg is invented)")
            continue
        km = min(j for _, j in s.attach)
        if km > limit:
            out.append(f"origin point {s.key!r} ({s.iso3}, lat {s.lat:g}, lon {s.lon:g}) is {km:,.0f} km from the "
                       f"road or port it joins: its first leg is a straight-line estimate, not a surveyed route")
    return out


def _warn_long_joins(slots: list[_Slot], seen: set | None) -> None:
    """Log :func:`join_notes` once per point (``seen``: ids already named, kept by the model)."""
    notes = join_notes([s for s in slots if seen is None or s.key not in seen])
    if seen is not None:
        seen.update(s.key for s in slots)
    for text in notes[:20]:
        log.warning(text)
    if len(notes) > 20:
        log.warning("... and %d more origin points with a long join or none", len(notes) - 20)
