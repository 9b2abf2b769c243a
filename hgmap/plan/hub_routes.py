"""Routes of the hub model: onward options from each candidate hub, collection legs to it.

The onward options are :meth:`hgmap.AccessModel.solve` results from the hub (the hub
State is the State of export of the onward movement). A collection leg member -> hub
is the shortest path on the transport graph, legal for an operation when the movement
is not prohibited (:func:`hgmap.law.matrix`) and no transit State on it bans it.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import dijkstra

from ..access import AccessModel
from ..costs import Costs
from ..network import TransportGraph
from ..vocab import OPERATIONS
from .costs import CostTable, container_cost_mid, option_costs
from .hub_inputs import per_t_rate
from .transport import teu_cost_of_breakdowns, teu_cost_of_results

__all__ = ["onward_options", "collection_legs", "alone_costs", "onward_fixed", "leg_law"]

log = logging.getLogger(__name__)

_SEARCHES: dict = {}


def _searches(graph, nodes: tuple[int, ...]):
    """Shortest-path trees (km) from candidate hubs, kept for the last few graphs and
    candidate sets: choosing p = 1, 2, 3... hubs repeats the same searches."""
    key = (id(graph), nodes)
    hit = _SEARCHES.get(key)
    if hit is not None and hit[0] is graph:
        return hit[1], hit[2]
    dist, pred = dijkstra(graph.csr(), directed=True, indices=list(nodes), return_predecessors=True)
    if len(_SEARCHES) >= 4:
        _SEARCHES.pop(next(iter(_SEARCHES)))
    _SEARCHES[key] = (graph, dist, pred)
    return dist, pred


def _pareto(ok: pd.DataFrame) -> pd.DataFrame:
    """Per hub, the options no other option beats on both rate and fixed cost."""
    srt = ok.sort_values(["origin_iso3", "rate", "fixed"], kind="stable")
    before = srt.groupby("origin_iso3", sort=False)["fixed"].transform(lambda f: f.cummin().shift(fill_value=np.inf))
    return srt[srt["fixed"].to_numpy() < before.to_numpy() - 1e-9].reset_index(drop=True)


def onward_options(model: AccessModel, transport: Costs, table: CostTable, *, stream: str, day, scenario,
                   cands: list[str], members: list[str], q_of: dict[str, float],
                   payload: tuple[float, float], fixed: float) -> tuple[pd.DataFrame, list[str], dict[str, dict], dict[str, str]]:
    """The priced onward options of every candidate hub, and each member's cost alone.

    Returns
    -------
    opts : pandas.DataFrame
        Reachable results from the candidates (Pareto-optimal on ``rate`` per tonne
        and ``fixed`` per shipment).
    hub_cands : list of str
        Candidates with at least one option, in order.
    alone : dict
        ``{member: {"cost", "low", "high", "facility_id", "facility_iso3", "operation", "km"}}``
        (``cost`` the middle of the ``low``-``high`` band):
        shipping alone by its own best option, priced as :func:`hgmap.plan.plan` prices
        it (:func:`alone_costs`; a member need not be a candidate hub).
    onward_status : dict
        ``{country: status}`` of those with no reachable facility of their own.
    """
    k = max(len(model.facilities), 1)
    res = model.solve(stream, as_of=day, origins=list(dict.fromkeys([*cands, *members])), k=k, scenario=scenario)
    ok = res[res["status"] == "reachable"].reset_index(drop=True)  # acceptance applied by the solver
    onward_status = {r.origin_iso3: r.status for r in res[res["status"] != "reachable"].itertuples()}
    lo, hi = teu_cost_of_results(ok, transport)
    op_rate = {op: per_t_rate(table, "gate_fee_usd_per_t", stream, op)
               + per_t_rate(table, "packaging_usd_per_t", stream, op) for op in set(ok["operation"])}
    # Per tonne: gate fee and packaging; per shipment: whole containers (the first one in
    # ``fixed``, more as the MILP's tonnes need them) and the movement's own costs.
    ok["rate"] = ok["operation"].map(op_rate).to_numpy(float)
    ok["teu_lo"], ok["teu_hi"], ok["pay_lo"], ok["pay_hi"], ok["ship_fixed"] = lo, hi, payload[0], payload[1], fixed
    ok["fixed"] = container_cost_mid(np.full(len(ok), min(payload)), lo, hi, payload) + fixed
    pareto = _pareto(ok)
    alone = alone_costs(ok, table, stream=stream, q_of=q_of, teu_low=lo, teu_high=hi)
    opts = pareto[pareto["origin_iso3"].isin(cands)].reset_index(drop=True)
    return opts, list(dict.fromkeys(opts["origin_iso3"])), alone, onward_status


def alone_costs(ok: pd.DataFrame, table: CostTable, *, stream: str, q_of: dict[str, float], teu_low: np.ndarray,
                teu_high: np.ndarray) -> dict[str, dict]:
    """Each member's cost of shipping alone, priced exactly as :func:`hgmap.plan.plan` prices
    a flow (:func:`hgmap.plan.costs.option_costs`: whole containers, one shipment a year,
    the middle of the low-high band), by its cheapest reachable option.

    ``ok`` are reachable results (``origin_iso3`` per row), ``teu_low/high`` their
    transport cost per container.
    """
    mine = ok["origin_iso3"].isin(q_of).to_numpy()
    alone: dict[str, dict] = {}
    if not mine.any():
        return alone
    sub = ok[mine]
    priced = option_costs(table, stream, sub["operation"].to_numpy(object),
                          sub["origin_iso3"].map(q_of).to_numpy(float), teu_low[mine], teu_high[mine])
    low = priced["total_usd_low"].to_numpy(float)
    high = priced["total_usd_high"].to_numpy(float)
    cost = (low + high) / 2
    for c, lo_, hi_, r in zip(cost, low, high, sub.itertuples()):
        if c < alone.get(r.origin_iso3, {}).get("cost", np.inf):
            alone[r.origin_iso3] = {"cost": float(c), "low": float(lo_), "high": float(hi_), "facility_id": r.facility_id,
                                    "facility_iso3": r.facility_iso3, "operation": r.operation,
                                    "km": float(r.distance_km)}
    return alone


def onward_fixed(opt, tonnes: float) -> float:
    """What an open hub's onward shipment of ``tonnes`` costs besides the per-tonne terms:
    its whole containers (as :func:`hgmap.plan.plan` counts them) and the movement's own
    costs; ``opt["fixed"]`` for an option without container columns."""
    if "teu_lo" not in opt:
        return float(opt["fixed"])
    box = container_cost_mid(max(tonnes, 1e-9), opt["teu_lo"], opt["teu_hi"], (opt["pay_lo"], opt["pay_hi"]))
    return float(box) + float(opt["ship_fixed"])


def _leg_legality(mats: dict, i: str, j: str, transit, sea_passage=()) -> tuple[set[str], dict[str, str]]:
    """Operations for which the movement ``i -> j`` along ``transit`` is legal, and why not the
    others (``sea_passage``: the transit States passed through their territorial sea only)."""
    ops, why = set(), {}
    for op, m in mats.items():
        if not m.allowed[m.index[i], m.index[j]]:
            why[op] = "prohibited [" + ", ".join(m.rules(i, j)) + "]"
            continue
        blockers = m.transit_blockers(i, j, transit, sea_passage=sea_passage)
        if blockers:
            why[op] = "transit banned by " + ", ".join(f"{s} [{', '.join(r)}]" for s, r in blockers.items())
            continue
        ops.add(op)
    return ops, why


def leg_law(i: str, j: str, operation: str, leg: dict, *, stream: str, day, scenario) -> dict[str, str]:
    """The legal answer for the collection leg ``i -> j`` along its route
    (:func:`hgmap.law.assess` with its transit States): ``leg_legal_status``,
    ``leg_legal_confidence`` and ``leg_unknowns`` (the presumptions and open questions the
    status rests on, joined with `` | ``): :func:`_leg_legality` only says whether the leg is
    closed, not how sure that answer is."""
    if i == j:
        return {"leg_legal_status": "domestic", "leg_legal_confidence": "", "leg_unknowns": ""}
    from .. import law

    d = law.assess(i, j, stream, operation, as_of=day, via=tuple(leg.get("transit", ())),
                   sea_passage=tuple(leg.get("sea_transit", ())), scenario=scenario)
    return {"leg_legal_status": d.status, "leg_legal_confidence": d.confidence,
            "leg_unknowns": " | ".join(d.unknowns)}


def collection_legs(graph: TransportGraph, hub_cands: list[str], members: list[str], mats: dict,
                    transport: Costs) -> dict[tuple[str, str], dict]:
    """Every collection leg ``(member, hub)``: ``km``, ``teu`` (mid USD per container;
    ``teu_lo``, ``teu_hi`` the band),
    legal ``ops``, ``why`` the other operations are not, and ``transit``."""
    nodes = [graph.origin_node[c] for c in hub_cands]
    dist, pred = _searches(graph, tuple(nodes))
    leg: dict[tuple[str, str], dict] = {}
    for a, j in enumerate(hub_cands):
        for i in members:
            if i == j:
                leg[(i, j)] = {"km": 0.0, "teu": 0.0, "teu_lo": 0.0, "teu_hi": 0.0, "ops": set(OPERATIONS),
                               "why": {}}
                continue
            ni = graph.origin_node[i]
            if not np.isfinite(dist[a, ni]):
                leg[(i, j)] = {"km": None, "ops": set(), "why": {op: "no sea or land route" for op in OPERATIONS}}
                continue
            path = TransportGraph.path_from_predecessors(pred[a], nodes[a], ni)
            b = graph.breakdown(path[::-1])
            ops, why = _leg_legality(mats, i, j, b["transit"], b["sea_transit"])
            leg[(i, j)] = {"km": float(dist[a, ni]), "ops": ops, "why": why, "transit": b["transit"],
                           "sea_transit": b["sea_transit"], "b": b}
    # Price every routed leg in one vectorised call.
    priced = [k for k, v in leg.items() if "b" in v]
    if priced:
        bs = [leg[k].pop("b") for k in priced]
        t_lo, t_hi = teu_cost_of_breakdowns(bs, transport)
        for k, lo_, hi_ in zip(priced, t_lo, t_hi):
            leg[k]["teu"] = float((lo_ + hi_) / 2)
            leg[k]["teu_lo"], leg[k]["teu_hi"] = float(lo_), float(hi_)
    return leg
