"""One origin's answer: the facilities in order of the objective, why each nearer one is
closed (stream, status, acceptance, law, transit, routing options), the options kept and
their result rows.

Each ``blocked_reasons`` entry is ``{facility_id, facility_name, facility_iso3, distance_km,
reason, rules, detail, states}``: ``states`` lists the ISO3 codes of the States that close the
facility (``transit``: the States whose transit ban every route crosses, or the origin or
destination that bans the movement; ``avoid``: the avoided State; empty otherwise), so that no
reader parses ``detail``, which says the same for people.

:class:`Answers` is the half of :class:`hgmap.access.AccessModel` that applies the law
and the routing options to the searches of :class:`hgmap.routing.RouteSearch`: the
solver asks it for each origin's answer (:meth:`Answers._solve_slot`) and turns the
answers into rows (:meth:`Answers._finish` for countries; user points' columns, all points
that join the graph at one node sharing one answer: :mod:`hgmap.point_rows`).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import numpy as np

from .routing import _Route, _Slot

__all__ = ["NO_FACILITY", "NO_LEGAL_ROUTE", "NO_ROUTE", "REACHABLE", "Answers"]

log = logging.getLogger(__name__)

REACHABLE = "reachable"
NO_LEGAL_ROUTE = "no_legal_route"
#: Every candidate facility is legal but no route satisfies the routing options
#: (``avoid``, ``max_transit``, ``sea_only``) or the network has none.
NO_ROUTE = "no_route"
NO_FACILITY = "no_facility_for_stream"

#: How many nearer-but-closed facilities a row lists at most (nearest first); facilities
#: that simply do not take the stream are capped lower so that they never crowd out the
#: legal, transit and status reasons, which are what analysts need.
MAX_BLOCKED = 20
MAX_BLOCKED_STREAM = 3
_MAX_REROUTES = 6
#: A facility's category for an origin country (:meth:`Answers._closures`): no reason to
#: list it, closed (by the status, operation or for this origin), lacking the stream, or
#: a candidate the law allows, whose route is still to be checked.
_NONE, _CLOSED, _STREAM, _CHECK = 0, 1, 2, 3
#: Slots answered at once by :meth:`Answers._solve_joined`: its matrices are facilities x
#: slots (99 x 4,096 float64 is 3 MB each), however many points join the graph.
_JOINED_CHUNK = 4096


#: The option cells of a row without a reachable facility.
_EMPTY_ROW = {"rank": 1, "facility_id": None, "facility_name": None, "facility_iso3": None, "operation": None,
              "distance_km": None, "sea_km": None, "land_km": None, "road_km": None, "access_km": None,
              "port_calls": None, "transshipments": None, "cost_usd_per_t_low": None, "cost_usd_per_t_high": None,
              "acceptance": None, "legal_status": None, "legal_confidence": None, "geometry": None,
              "transit_iso3": (), "sea_transit_iso3": (), "legal_rules": (), "legal_conditions": (),
              "legal_unknowns": (), "port_of_loading": None, "port_of_loading_name": None,
              "port_of_discharge": None, "port_of_discharge_name": None, "route_notes": ()}


class Answers:
    """Answers per origin (mixed into :class:`hgmap.access.AccessModel`, whose attributes
    it uses: ``wdist``, ``_f_id``, ``_f_name``, ``_f_iso``, ``_f_status``, ``_c_name``,
    ``_c_sids``, ``_c_region`` and the :class:`~hgmap.routing.RouteSearch` methods)."""

    def _solve_slot(self, si: int, slot: _Slot, ctx: "_Context") -> dict:
        """One origin's answer before rounding: its options (route, decision) and closed
        facilities with raw km, which :meth:`_finish` turns into rows."""
        origin = slot.iso3
        candidate, fac_ops, matrices, fac_iso = ctx.candidate, ctx.fac_ops, ctx.matrices, ctx.fac_iso
        acc_ok, acc_conf, stream, k = ctx.acc_ok, ctx.acc_conf, ctx.stream, ctx.k
        d_all, _ = self._slot_costs(slot, self.wdist)
        order = np.argsort(d_all, kind="stable")
        cand = order[candidate[order]]
        cand_order = cand.tolist()
        finite = cand[np.isfinite(d_all[cand])]
        nearest_u = int(finite[0]) if len(finite) else None
        km_row = self._slot_km(slot)  # km of each facility's best route, for the closed ones' rows
        accepted: list[tuple[float, int, str, _Route]] = []
        closed: dict[int, dict] = {}
        n_route_fail = 0
        no_route = _no_route_detail(self.graph, slot)
        for i in cand_order:
            if len(accepted) >= k and d_all[i] > max(a[0] for a in accepted):
                break
            if not np.isfinite(d_all[i]):
                closed[i] = self._blocked(i, None, "route", (), no_route, ())
                n_route_fail += 1
                continue
            if ctx.avoided_fac[i]:
                n_route_fail += 1
            dest = fac_iso[i]
            open_here = (not ctx.avoided_fac[i] and (acc_ok is None or acc_ok[si, i])
                         and not (ctx.confirmed_only and acc_conf is not None and not acc_conf[si, i]))
            legal_ops = [op for op in fac_ops[i] if open_here
                         and matrices[op].allowed[matrices[op].index[origin], matrices[op].index[dest]]]
            if not legal_ops:  # closed: avoided, refusing this origin, or barred by the law
                closed[i] = self._blocked(i, km_row[i], *self._closed_why(origin, si, i, ctx))
                continue
            found = self._legal_route(i, slot, dest, legal_ops, matrices, ctx.opts)
            if isinstance(found, dict):
                closed[i] = self._blocked(i, km_row[i], found["kind"], found["rules"], found["detail"],
                                          found["states"])
                if found["kind"] == "route":
                    n_route_fail += 1
                continue
            op, route = found
            accepted.append((route.weight, i, op, route))
        accepted.sort(key=lambda a: (a[0], self._f_id[a[1]]))
        accepted = accepted[:k]
        # Closed facilities cheaper than the last option shown (k > 1: they would be options).
        first_w = accepted[-1][0] if accepted else np.inf
        blocked = self._nearer_blocked(km_row, d_all, order, first_w, closed, origin, si, ctx)
        blocked = _with_option_closures(blocked, accepted, closed, d_all, order, k, self._f_id)
        options = []
        for _, i, op, route in accepted:
            dec = self._decision(origin, fac_iso[i], stream, op, route.transit, ctx.as_of, ctx.scenario,
                                 route.sea_transit)
            options.append((i, op, route, dec, None if acc_conf is None else bool(acc_conf[si, i])))
        status = REACHABLE
        if not accepted:
            status = NO_FACILITY if not candidate.any() else NO_ROUTE if n_route_fail else NO_LEGAL_ROUTE
            log.info("%s: %s for %s", slot.key, status, stream)
        near_km = None if nearest_u is None or not np.isfinite(km_row[nearest_u]) else float(km_row[nearest_u])
        return {"origin": origin, "stream": stream, "status": status, "options": options, "blocked": blocked,
                "nearest_u": nearest_u, "nearest_km": near_km}

    def _finish(self, raw: dict, slot: _Slot, *, geometry: bool = True) -> list[dict]:
        """Result rows of a country origin's solved answer, one per option (user points'
        rows are built as columns: :meth:`hgmap.point_rows.PointRows._point_columns`)."""
        origin = raw["origin"]
        near_km = raw["nearest_km"]
        base = {
            **self._answer_cells(raw),
            "origin_name": self._c_name.get(origin, origin),
            "nearest_unconstrained_km": None if near_km is None else round(near_km, 1),
            "blocked_reasons": [{**b, "distance_km": None if b["distance_km"] is None else round(b["distance_km"], 1)}
                                for b in raw["blocked"]],
            "origin_id": slot.key, "origin_lon": slot.lon, "origin_lat": slot.lat, "origin_basis": slot.basis,
        }
        if raw["status"] != REACHABLE:
            return [{**base, **_EMPTY_ROW, "status": raw["status"], "transit_iso3": [], "sea_transit_iso3": [],
                     "legs": [], "legal_rules": [], "legal_conditions": [], "legal_unknowns": [], "route_notes": []}]
        out = []
        for rank, (i, op, route, dec, confirmed) in enumerate(raw["options"], start=1):
            lo, hi = self.route_cost(route)
            out.append({
                **base, **self._option_cells(origin, rank, i, op, route, dec, confirmed),
                "distance_km": round(route.sea_km + route.road_km + route.access_km, 1),
                "access_km": round(route.access_km, 1),
                "cost_usd_per_t_low": round(lo, 1), "cost_usd_per_t_high": round(hi, 1), "legs": route.legs,
                "geometry": self.route_geometry(route, slot) if geometry else None,
            })
        return out

    def _answer_cells(self, raw: dict) -> dict:
        """The cells of every row of one answer: the origin country, the stream and the
        nearest facility by the objective, whatever the law says."""
        origin = raw["origin"]
        return {"origin_iso3": origin, "is_sids": self._c_sids.get(origin, False),
                "sids_region": self._c_region.get(origin), "stream": raw["stream"],
                "nearest_unconstrained_facility_id": (self._f_id[raw["nearest_u"]] if raw["nearest_u"] is not None
                                                      else None)}

    def _option_cells(self, origin: str, rank: int, i: int, op: str, route: _Route, dec,
                      confirmed: bool | None, memo: dict | None = None) -> dict:
        """The cells of one option that every member of its answer shares: the facility,
        the route's sea and road km, port calls and transit States, the acceptance and the
        decision (its rules, conditions and unknowns, the acceptance's among them; kept in
        ``memo`` per decision, which many answers share)."""
        canals = self._third_canals(route, origin, self._f_iso[i])
        key = (id(dec), origin, confirmed, canals)
        legal = None if memo is None else memo.get(key)
        if legal is None:
            unconfirmed = confirmed is not None and not confirmed
            unknowns = list(dec.unknowns) + ([_unconfirmed(origin)] if unconfirmed else [])
            # Whether the facility takes this origin's waste is not established: the answer
            # cannot be "high" (the cap an unresearched national rule gets, decision._confidence).
            conf = "medium" if unconfirmed and dec.confidence == "high" else dec.confidence
            if canals:  # an unknown the status rests on: low, as the law's own unknowns make it
                unknowns += [_canal_unknown(name, state, self._c_name.get(state, state)) for name, state in canals]
                conf = "low"
            legal = {"legal_rules": _rule_ids(dec), "legal_conditions": list(dec.conditions),
                     "legal_unknowns": unknowns, "legal_status": dec.status, "legal_confidence": conf,
                     "acceptance": None if confirmed is None else ("yes" if confirmed else "unknown")}
            if memo is not None:
                memo[key] = legal
        return {
            "transit_iso3": list(route.transit), "sea_transit_iso3": list(route.sea_transit), **legal,
            "status": REACHABLE, "rank": rank, "facility_id": self._f_id[i],
            "facility_name": self._f_name[i], "facility_iso3": self._f_iso[i], "operation": op,
            "sea_km": round(route.sea_km, 1), "land_km": round(route.road_km, 1),
            "road_km": round(route.road_km, 1), "port_calls": route.port_calls,
            "transshipments": route.transshipments, **_port_cells(route),
        }

    def _third_canals(self, route: _Route, origin: str, dest: str) -> tuple:
        """``(canal, State)`` of the ship canals the route passes in a third State."""
        from .network.passages import CANALS

        ends = {self._state_of_iso(origin), self._state_of_iso(dest)}
        return tuple((name, CANALS[name][0]) for name in route.canals if CANALS[name][0] not in ends)

    def _legal_route(self, i: int, slot: _Slot, dest: str, legal_ops: list[str], matrices, opts) -> tuple | dict:
        """Best route whose transit states allow the movement and meet the routing
        options, or why none exists (``kind`` transit or route)."""
        origin = slot.iso3
        user_avoid = opts["avoid"]
        max_t = opts["max_transit"]
        sea_only = opts["sea_only"] or max_t == 0
        avoid: set[str] = set()
        rules: set[str] = set()
        for _ in range(_MAX_REROUTES):
            cut = frozenset(avoid | user_avoid)
            route = self._route(i, slot, cut, sea_only)
            if route is not None and max_t is not None and len(route.transit) > max_t:
                # Too many transit countries: the best route with at most max_t, from a search
                # that counts them (the sea-only layers do not: there the route is refused).
                route = None if sea_only else self._route(i, slot, cut, False, max_transit=max_t)
            if route is not None and sea_only and set(route.transit) - set(route.sea_transit):
                # The sea-only layers cut lanes over third States' land and internal waters; a
                # route that still enters one (its own inland waters missed) is not sea only.
                route = None
            if route is None:
                break
            blockers = {}
            for op in legal_ops:
                blockers = matrices[op].transit_blockers(origin, dest, route.transit, sea_passage=route.sea_transit)
                if not blockers:
                    return op, route
            for state, state_rules in blockers.items():
                if state in (origin, dest):
                    return {"kind": "transit", "rules": sorted(set(state_rules)),
                            "detail": f"{state} bans the movement", "states": [state]}
                avoid.add(state)
                rules.update(state_rules)
        what = []
        if sea_only:
            what.append("with land only in the origin and destination states (sea_only)" if opts["sea_only"]
                        else "without any transit state (max_transit 0)")
        elif max_t is not None:
            what.append(f"with at most {max_t} transit state(s)")
        if user_avoid:
            what.append("avoiding " + ", ".join(sorted(user_avoid)))
        if rules:
            return {"kind": "transit", "rules": sorted(rules),
                    "detail": "every route crosses a state that bans the transit: " + ", ".join(sorted(avoid))
                    + (f" ({'; '.join(what)})" if what else ""), "states": sorted(avoid)}
        return {"kind": "route", "rules": [], "detail": "no route " + ("; ".join(what) if what else "on the network"),
                "states": []}

    def _solve_joined(self, slots: list[_Slot], ctx: "_Context") -> list[dict | None]:
        """:meth:`_solve_slot`'s answers of the slots that join the graph (the country origins,
        user points grouped by :func:`hgmap.point_rows._group_points`, and points with
        several joins: road-less islands, a road and a port), all at once; None where a
        slot needs the whole loop of :meth:`_solve_slot`: it joins nothing, or one of its
        first ``k`` facilities that the law allows is closed by a transit ban or a routing
        option, or re-routed, or two facilities tie, or fewer than ``k`` are left.

        Whether a facility takes the stream, from this country, and whether the country
        may ship there depends on the origin's country alone: it is asked once per
        country (:meth:`_closures`). The search weights, their order and the km of the
        slots are matrices (facilities x slots, :data:`_JOINED_CHUNK` slots at a time);
        the closed facilities each answer lists are picked from them by their place in
        the order (:func:`_listed`).
        """
        out: list[dict | None] = [None] * len(slots)
        fast = [j for j, s in enumerate(slots) if s.attach]
        if not fast or not len(self._f_id):
            return out
        origins = [slots[j].iso3 for j in fast]
        uniq = list(dict.fromkeys(origins))
        at = {c: u for u, c in enumerate(uniq)}
        u_all = np.fromiter((at[o] for o in origins), np.int64, len(origins))
        first_of = np.asarray(fast, np.int64)[np.unique(u_all, return_index=True)[1]]  # a slot of each country
        closures = self._closures(uniq, first_of, ctx)
        for c in range(0, len(fast), _JOINED_CHUNK):
            self._joined_chunk(slots, fast[c: c + _JOINED_CHUNK], u_all[c: c + _JOINED_CHUNK], closures, ctx, out)
        return out

    def _joined_chunk(self, slots: list[_Slot], fast: list[int], u_of: np.ndarray, closures: tuple,
                      ctx: "_Context", out: list) -> None:
        """:meth:`_solve_joined` for the slots ``fast`` (their countries ``u_of``), into ``out``."""
        cat, why, legal_ops = closures
        k = ctx.k
        D, node_of, join_of = self._joined_costs([slots[j].attach for j in fast])
        order = np.argsort(D, axis=0, kind="stable")
        cols = np.arange(len(fast))
        cat_s = cat[u_of].T[order, cols]
        d_s = D[order, cols]
        fin_s = np.isfinite(d_s)
        checkable = (cat_s == _CHECK) & fin_s
        upto = np.cumsum(checkable, axis=0)
        w_k = d_s[(upto >= k).argmax(axis=0), cols]  # the k-th option's weight (where there are k)
        # Equal weights among the candidates up to the k-th: the order of ties is the loop's.
        cand_d = np.sort(np.where(ctx.candidate[:, None], D, np.inf), axis=0)
        tie = ((cand_d[1:] == cand_d[:-1]) & (cand_d[1:] <= w_k[None, :])).any(axis=0)
        ok = np.flatnonzero((upto[-1] >= k) & ~tie)  # the slots answered here
        near_c = ctx.candidate[order] & fin_s
        has_near = near_c.any(axis=0)
        near_u = order[near_c.argmax(axis=0), cols]
        g_at, f_at, bounds = _listed(cat_s[:, ok], d_s[:, ok], w_k[ok], order[:, ok])
        g_at = ok[g_at]
        # km (not the weight) of the facilities shown: the closed ones listed, the nearest.
        near_g = ok[has_near[ok]]
        f_km, g_km = np.concatenate([f_at, near_u[near_g]]), np.concatenate([g_at, near_g])
        km = self._km_pairs(f_km, node_of[f_km, g_km]) + join_of[f_km, g_km]
        near_km = np.full(len(fast), np.nan)
        near_km[near_g] = km[len(f_at):]
        blocked_all = [self._blocked(f, x, *why(u, f))
                       for u, f, x in zip(u_of[g_at].tolist(), f_at.tolist(), km[: len(f_at)].tolist())]
        g_opt, p_opt = np.nonzero((checkable & (upto <= k)).T)
        opt_bounds = np.searchsorted(g_opt, np.arange(len(fast) + 1))
        opt_f = order[p_opt, g_opt].tolist()
        fac_iso, stream, acc_conf = ctx.fac_iso, ctx.stream, ctx.acc_conf
        for n, g in enumerate(ok.tolist()):
            j = fast[g]
            slot = slots[j]
            u = int(u_of[g])
            options = []
            for i in opt_f[opt_bounds[g]:opt_bounds[g + 1]]:
                found = self._legal_route(i, slot, fac_iso[i], legal_ops(u, i), ctx.matrices, ctx.opts)
                if not isinstance(found, tuple) or found[1].weight != D[i, g]:
                    break
                op, route = found
                dec = self._decision(slot.iso3, fac_iso[i], stream, op, route.transit, ctx.as_of, ctx.scenario,
                                     route.sea_transit)
                options.append((i, op, route, dec, None if acc_conf is None else bool(acc_conf[j, i])))
            else:
                nu = int(near_u[g]) if has_near[g] else None
                near = None if nu is None or not np.isfinite(near_km[g]) else float(near_km[g])
                out[j] = {"origin": slot.iso3, "stream": stream, "status": REACHABLE, "options": options,
                          "blocked": blocked_all[bounds[n]:bounds[n + 1]], "nearest_u": nu, "nearest_km": near}

    def _joined_costs(self, attach: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Search weights (facilities x slots) from slots joining the graph at ``attach``
        (each a list of (node, join km)), the best over a slot's joins as
        :meth:`~hgmap.routing.RouteSearch._slot_costs` computes it (the same sums, so the
        weights equal its routes' to the bit), with the node and join km of the best."""
        n_j = np.fromiter(map(len, attach), np.int64, len(attach))
        if (n_j == 1).all() and all(a[0][1] == 0.0 for a in attach):  # countries and grouped points
            nodes = np.fromiter((a[0][0] for a in attach), np.int64, len(attach))
            D = self.wdist[:, nodes]
            return D, np.broadcast_to(nodes, D.shape), np.zeros(D.shape)
        width = int(n_j.max())
        nodes = np.zeros((len(attach), width), np.int64)
        add = np.full((len(attach), width), np.inf)
        join = np.zeros((len(attach), width))
        for g, a in enumerate(attach):
            for j, (node, km) in enumerate(a):
                nodes[g, j], join[g, j] = node, km
            add[g, : len(a)] = join[g, : len(a)] * self._join_rate
        M = self.wdist[:, nodes] + add[None, :, :]  # facilities x slots x joins
        best = M.argmin(axis=2)
        f_ix, g_ix = np.ogrid[: M.shape[0], : M.shape[1]]
        D = M[f_ix, g_ix, best]
        return D, nodes[g_ix, best], join[g_ix, best]

    def _closures(self, origins: list[str], slot_of: np.ndarray, ctx: "_Context") -> tuple:
        """Per origin country and facility, its category: :data:`_CHECK` a candidate the law
        allows, whose route is to be checked; :data:`_NONE` no reason to list it; else
        closed, as :meth:`_solve_slot` and :meth:`_nearer_blocked` decide it. Also two
        functions of (country, facility), each asked only where an answer needs it: the
        reason it is closed (kind, rules, detail, states) and the operations the law allows.
        ``slot_of``: a slot of each country (its rows of the acceptance matrices)."""
        cand, accepts, fac_ops, fac_iso, matrices = ctx.candidate, ctx.accepts, ctx.fac_ops, ctx.fac_iso, ctx.matrices
        n_u, n_f = len(origins), len(self._f_id)
        cat = np.full((n_u, n_f), _NONE, np.int8)
        cat[:, ~cand] = np.where(accepts[~cand], _CLOSED, _STREAM)
        closed = np.zeros((n_u, n_f), bool) | ctx.avoided_fac[None, :]
        if ctx.acc_ok is not None:
            closed |= ~ctx.acc_ok[slot_of]
        if ctx.confirmed_only and ctx.acc_conf is not None:
            closed |= ~ctx.acc_conf[slot_of]
        allowed = {}  # the operations' law, origins x facilities
        for op, m in matrices.items():
            rows = np.fromiter((m.index[o] for o in origins), np.int64, n_u)
            cols = np.fromiter((m.index[d] for d in fac_iso), np.int64, n_f)
            allowed[op] = m.allowed[np.ix_(rows, cols)] & np.array([op in ops for ops in fac_ops])[None, :]
        legal = np.zeros((n_u, n_f), bool)
        for a in allowed.values():
            legal |= a
        cat[:, cand] = np.where(closed[:, cand] | ~legal[:, cand], _CLOSED, _CHECK)
        memo: dict = {}

        def why(u: int, i: int) -> tuple:
            if (u, i) not in memo:
                memo[(u, i)] = self._closed_why(origins[u], int(slot_of[u]), i, ctx)
            return memo[(u, i)]

        def legal_ops(u: int, i: int) -> list[str]:
            return [op for op in fac_ops[i] if allowed[op][u, i]]

        return cat, why, legal_ops

    def _closed_why(self, origin: str, si: int, i: int, ctx: "_Context") -> tuple:
        """Why facility ``i`` is closed to ``origin`` (kind, rules, detail, states): the one home of
        these reasons, for :meth:`_solve_slot`, :meth:`_nearer_blocked` and
        :meth:`_solve_joined` (``si``: a slot of the origin, its acceptance rows)."""
        fac_ops, fac_iso, matrices = ctx.fac_ops, ctx.fac_iso, ctx.matrices
        stream = _stream_words(ctx.stream)  # the label in the sentence; the key stays in the row's stream
        name = self._c_name.get(origin, origin)
        if not ctx.candidate[i]:
            if not ctx.accepts[i]:
                return "stream", (), f"does not accept {stream}", ()
            if not ctx.operating[i]:
                if self._f_id[i] in ctx.removed:
                    return "status", (), "removed by the scenario", ()
                status = ctx.status_of.get(self._f_id[i], self._f_status[i])
                return "status", (), f"status is {status!r}, not " + "/".join(ctx.statuses), ()
            what = f"{ctx.operation} of {stream}" if ctx.operation else f"disposal or recovery of {stream}"
            return "operation", (), f"no known {what}", ()
        if ctx.avoided_fac[i]:
            return "avoid", (), f"in an avoided state ({fac_iso[i]})", (fac_iso[i],)
        if ctx.acc_ok is not None and not ctx.acc_ok[si, i]:
            return "acceptance", (), f"does not accept waste from {name}", ()
        if ctx.confirmed_only and ctx.acc_conf is not None and not ctx.acc_conf[si, i]:
            return "acceptance", (), f"acceptance of waste from {name} is unknown (confirmed_only)", ()
        dest = fac_iso[i]
        rules = sorted({r for op in fac_ops[i] for r in matrices[op].rules(origin, dest)})
        return "law", rules, f"{origin} -> {dest} is prohibited for {stream} ({'/'.join(fac_ops[i])})", ()

    def _blocked(self, i: int, km: float | None, reason: str, rules, detail: str, states) -> dict:
        """One ``blocked_reasons`` entry. ``states``: the ISO3 codes of the States that close
        the facility (``transit``: those whose transit ban every route crosses, or the origin
        or destination that bans the movement; ``avoid``: the avoided State); empty for the
        other reasons. ``detail`` is the same in words, for people only: readers use ``states``."""
        return {"facility_id": self._f_id[i], "facility_name": self._f_name[i],
                "facility_iso3": self._f_iso[i],
                "distance_km": float(km) if km is not None and np.isfinite(km) else None,
                "reason": reason, "rules": list(rules), "detail": detail, "states": list(states)}

    def _nearer_blocked(self, km_row, d_all, order, first_w, closed: dict, origin: str, si: int,
                        ctx: "_Context") -> list[dict]:
        """The closed facilities an answer lists: those lighter than its last option
        (every one closed for a reason when nothing is reachable), nearest first, at most
        :data:`MAX_BLOCKED_STREAM` lacking the stream and :data:`MAX_BLOCKED` in all."""
        out = []
        n_stream = 0
        for i in order:
            i = int(i)
            if not d_all[i] < first_w:
                if np.isfinite(first_w):
                    break
                # Nothing reachable: list every facility closed for a reason, however far.
                if i in closed:
                    out.append(closed[i])
                continue
            if i in closed:
                out.append(closed[i])
            elif not ctx.candidate[i]:  # no stream, status or operation: the same for every origin
                if not ctx.accepts[i]:
                    if n_stream >= MAX_BLOCKED_STREAM:
                        continue
                    n_stream += 1
                out.append(self._blocked(i, km_row[i], *self._closed_why(origin, si, i, ctx)))
            if len(out) >= MAX_BLOCKED:
                break
        return out


#: The reasons a routing option (``avoid``, ``max_transit``, ``sea_only``) closes a facility for.
_OPTION_REASONS = ("route", "avoid")


def _with_option_closures(blocked: list[dict], accepted: list, closed: dict[int, dict], d_all: np.ndarray,
                          order: np.ndarray, k: int, f_id) -> list[dict]:
    """``blocked`` with every facility that a routing option removes from the first ``k``
    (by the unconstrained weight, among the facilities the law allows: the options kept and
    those closed by a route, transit or ``avoid`` reason) listed, nearest first: an option
    whose replacement weighs more would otherwise vanish from the row unexplained (Batrec
    Wimmis for Jamaica's elemental mercury with ``sea_only``)."""
    pool = [(float(d_all[i]), f_id[i], i) for _, i, _, _ in accepted]
    pool += [(float(d_all[i]), f_id[i], i) for i, b in closed.items()
             if b["reason"] in (*_OPTION_REASONS, "transit") and np.isfinite(d_all[i])]
    listed = {b["facility_id"] for b in blocked}
    extra = [closed[i] for _, _, i in sorted(pool)[:k]
             if i in closed and closed[i]["reason"] in _OPTION_REASONS and f_id[i] not in listed]
    if not extra:
        return blocked
    rank = {f_id[int(i)]: r for r, i in enumerate(order.tolist())}
    return sorted([*blocked, *extra], key=lambda b: rank.get(b["facility_id"], len(rank)))


def _listed(cat_s: np.ndarray, d_s: np.ndarray, w_k: np.ndarray, order: np.ndarray) -> tuple:
    """The closed facilities each answer lists, as :meth:`Answers._nearer_blocked` lists
    them: lighter than the last option, closed for a reason, at most
    :data:`MAX_BLOCKED_STREAM` lacking the stream and :data:`MAX_BLOCKED` in all, nearest
    first. The inputs are per slot (columns) in the order of the weights (rows); returns
    each entry's column and facility, and where each column's entries start and end."""
    listed = (d_s < w_k[None, :]) & (cat_s != _NONE) & (cat_s != _CHECK)
    lacks = listed & (cat_s == _STREAM)
    listed &= ~(lacks & (np.cumsum(lacks, axis=0) > MAX_BLOCKED_STREAM))
    listed &= np.cumsum(listed, axis=0) <= MAX_BLOCKED
    g_at, p_at = np.nonzero(listed.T)
    return g_at, order[p_at, g_at], np.searchsorted(g_at, np.arange(d_s.shape[1] + 1))


@dataclass
class _Context:
    """What every origin of one :meth:`AccessModel.solve` call shares."""

    stream: str
    operation: str | None
    k: int
    candidate: np.ndarray
    accepts: np.ndarray
    operating: np.ndarray
    fac_ops: list
    avoided_fac: np.ndarray
    matrices: dict
    fac_iso: np.ndarray
    opts: dict
    confirmed_only: bool
    statuses: tuple
    removed: set
    status_of: dict
    as_of: object
    scenario: object
    acc_ok: np.ndarray | None = None
    acc_conf: np.ndarray | None = None


def _stream_words(stream: str) -> str:
    """The stream as a sentence names it: its :mod:`hgmap.labels` title, lower-cased
    (``dental amalgam``, not the key ``dental_amalgam``)."""
    from .labels import stream_title

    title = stream_title(stream)
    return title[:1].lower() + title[1:]


def _no_route_detail(graph, slot: _Slot) -> str:
    """Why a facility has no route from ``slot``: the network has none, or the origin itself
    joins nothing (no road within the join limit, no port of its country within reach:
    :meth:`hgmap.network.TransportGraph.attach_points`), which every facility's entry names."""
    from .network import DEFAULT_MAX_JOIN_KM, ROADLESS_PORT_KM

    joined = bool(slot.attach)
    if joined and slot.basis != "user":  # a country origin's node exists, joined or not
        joined = graph.origin_info.get(slot.iso3, {}).get("joined", True)
    if joined:
        return "no sea or road route on the network"
    return (f"the origin joins no road within {DEFAULT_MAX_JOIN_KM:.0f} km and no port of {slot.iso3} within "
            f"{ROADLESS_PORT_KM:.0f} km: no route from it (no leg is invented)")


def _port_cells(route: _Route) -> dict:
    """A route's ports of loading and discharge (id and name) and what its row must say about
    them (:func:`hgmap.route_ports.port_notes`: a port with no container terminal known or
    served by feeders, whose feeder leg is not priced); worked out once per pair of ports."""
    a, z, notes = _port_pair(route.port_of_loading, route.port_of_discharge, route.sea_km > 0)
    return {"port_of_loading": a[0], "port_of_loading_name": a[1], "port_of_discharge": z[0],
            "port_of_discharge_name": z[1], "route_notes": [*notes, *_lane_notes(route)]}


def _canal_unknown(name: str, state: str, state_name: str) -> str:
    """The unknown of a passage of a third State's ship canal (:data:`hgmap.network.passages.CANALS`):
    a :class:`hgmap.law.Unknown` (code ``canal_passage``), so the dossier words it in its language."""
    from .law import Unknown

    return Unknown(f"the route passes the {name} in {state_name} ({state}): whether the transit rules of "
                   f"{state_name}, or notice to it as a State of transit (Basel Art 6(4)), reach a passage of its "
                   "canal is not established (not counted as a transit State)", "canal_passage", state=state,
                   label=name)


def _lane_notes(route: _Route) -> list[str]:
    """What a row says of its sea lanes over land (:meth:`hgmap.network.TransportGraph.lane_passages`):
    the States whose rivers, lakes or canals it passes (they are its transit States: the law
    reads them) and the lanes drawn across a State's island or cape, whose ship's track is not
    established (a drawing at the coastline's resolution, not a legal fact: no legal unknown)."""
    out = [f"passes the internal waters (a river, lake or canal) of {c}: a transit State of this route; "
           "canal and strait treaty regimes are not modelled" for c in route.inland_transit]
    out += [f"the drawn sea lane crosses {c}'s land for {km:,.0f} km (an island or cape at the coastline's "
            "resolution): the ship's track there, and whether it enters that State's internal waters, "
            "are not established" for c, km in route.lane_unknown]
    return out


@functools.lru_cache(maxsize=8192)
def _port_pair(loading: str | None, discharge: str | None, has_sea: bool) -> tuple:
    from .route_ports import port_name, port_notes

    return (loading, port_name(loading)), (discharge, port_name(discharge)), port_notes(loading, discharge, has_sea)


def _unconfirmed(origin: str) -> str:
    from .facilities import unconfirmed_note

    return unconfirmed_note(origin)


def _rule_ids(decision) -> list[str]:
    """Rule ids of a decision, its transit states' included, without repeats."""
    ids = [r.rule_id for r in decision.reasons]
    ids += [r.rule_id for t in decision.transit for r in t.reasons]
    return list(dict.fromkeys(ids))
