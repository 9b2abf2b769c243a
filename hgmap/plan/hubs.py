"""Regional consolidation hubs: which N ports should collect a region's waste?

A fixed-charge p-median MILP (HiGHS through :func:`scipy.optimize.milp`) on a legally
masked cost matrix:

- candidates ``j`` are countries (the hub sits at the country's origin point on the
  transport graph, its main port or capital; default: every member), each with its
  onward options ``(j, f)``: facilities
  ``f`` that :meth:`hgmap.AccessModel.solve` finds legally reachable *from the hub*
  (the hub State is the State of export of the onward movement);
- member ``i`` may join hub ``j`` only if ``i -> j`` is not prohibited for the stream
  and the onward operation (Basel, Waigani, Bamako, national bans, via
  :func:`hgmap.law.matrix`), no transit State on the collection route bans it, and
  ``i -> f`` (the final destination) is not prohibited either: a hub never turns a
  movement the member State may not make into a permitted one;
- cost of ``i`` via ``(j, f)``: tonnes x (collection + onward + gate fee + packaging per
  tonne) plus, for ``i != j``, the collection shipment's fixed costs (one part-filled
  container and the notification, documents and insurance of a transboundary
  movement); an open hub pays the onward shipment's fixed costs once;
- shipping alone is the same model with every country its own hub, so with ``p`` equal
  to the number of members the two totals coincide.

Members no open hub can legally take are *unserved* (with a penalty above any cost);
members with no legal option at all are *excluded*, with reasons. Facility capacity is
not modelled here (see :func:`hgmap.plan.plan`). Hub capacity and the cost of storage
and handling at a hub have no sourced default (``COSTS.md`` has none): they are
limited and priced only when the candidates file gives them with a source, and every
result names them in ``attrs["unknowns"]`` otherwise.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
from collections.abc import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse.csgraph import dijkstra

from .. import law
from ..access import AccessModel
from ..countries import check_country, load_countries
from ..errors import HgmapError, ValidationError
from ..labels import NOT_LEGAL_ADVICE
from ..network import TransportGraph
from ..origins import select_origins
from ..vocab import OPERATIONS, check_stream
from .costs import CostTable
from .inputs import resolve_inputs
from .inventory import Inventory, load_inventory
from .model import HubResult
from ..costs import Costs
from .transport import teu_cost_of_breakdowns, teu_cost_of_results, transport_note

__all__ = ["hubs", "region_members", "REGIONS"]

log = logging.getLogger(__name__)

REGIONS = ("pacific", "caribbean", "ais")


def region_members(region: str | Iterable[str]) -> list[str]:
    """ISO3 codes of ``pacific``, ``caribbean``, ``ais`` (SIDS regions) or of explicit codes."""
    if isinstance(region, str) and region.strip().lower() in REGIONS:
        c = load_countries()
        mask = c["sids_region"].fillna("").str.lower() == region.strip().lower()
        return sorted(c.loc[mask, "iso3"])
    return select_origins(region)


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


def _mid(pair) -> float:
    return (pair[0] + pair[1]) / 2


#: What a hub costs and holds that no source prices: named in every result, never guessed.
HUB_UNKNOWNS = {
    "storage": "storage and handling at the hub (no sourced figure; not in the totals unless the candidates "
               "file gives storage_usd_per_t with its source)",
    "capacity": "hub capacity (no sourced figure; not limited unless the candidates file gives capacity_tpy "
                "with its source)",
    "facility_capacity": "onward facility capacity (not modelled here; see hgmap plan)",
}


def _read_candidates(path) -> tuple[list[str], dict[str, dict]]:
    """Candidate hub countries of a CSV (``iso3``; optional ``capacity_tpy`` and
    ``storage_usd_per_t`` with the ``source`` of those figures), and the figures given."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise HgmapError(f"candidates {path}: cannot be read ({exc})") from None
    table.columns = [str(c).strip() for c in table.columns]
    if "iso3" not in table.columns:
        raise HgmapError(f"candidates {path}: missing column 'iso3' (one candidate hub country per line)")
    figures = [c for c in ("capacity_tpy", "storage_usd_per_t") if c in table.columns]
    if figures and "source" not in table.columns:
        raise HgmapError(f"candidates {path}: column(s) {', '.join(figures)} need a 'source' column "
                         "(where each figure comes from)")
    out: list[str] = []
    extra: dict[str, dict] = {}
    problems: list[str] = []
    for i, row in enumerate(table.to_dict(orient="records")):
        line = i + 2
        try:
            code = check_country(row["iso3"], field=f"candidates {path}: line {line}: iso3")
        except HgmapError as exc:
            problems.append(str(exc))
            continue
        if code in out:
            problems.append(f"line {line}: iso3: {code} is already a candidate")
            continue
        out.append(code)
        vals = {}
        for col in figures:
            raw = str(row[col]).strip()
            if not raw:
                continue
            try:
                v = float(raw)
                if not np.isfinite(v) or v < 0:
                    raise ValueError
            except ValueError:
                problems.append(f"line {line}: {col}: {raw!r} is not a non-negative number")
                continue
            vals[col] = v
        if vals:
            src = str(row.get("source", "")).strip()
            if not src:
                problems.append(f"line {line}: source: empty (say where {', '.join(vals)} comes from)")
            extra[code] = {**vals, "source": src}
    if problems:
        raise ValidationError(f"candidates {path}: {len(problems)} problem(s)", problems)
    if not out:
        raise HgmapError(f"candidates {path}: no candidate")
    return out, extra


def _hub_unknowns(hub: str, extra: dict, collected_t: float) -> dict:
    """The hub's capacity and storage cost columns: the candidates file's figures, or unknown."""
    src = extra.get("source", "")
    cap = extra.get("capacity_tpy")
    rate = extra.get("storage_usd_per_t")
    return {"hub_capacity_tpy": np.nan if cap is None else cap,
            "hub_capacity_source": f"candidates file: {src}" if cap is not None else "unknown (not limited)",
            "collected_t": collected_t,
            "storage_usd": np.nan if rate is None else rate * collected_t,
            "storage_source": (f"candidates file: {src}" if rate is not None
                               else "unknown (no sourced figure; not in the totals)")}


def hubs(
    region: str | Iterable[str],
    p: int,
    *,
    stream: str = "lamps",
    inventory: str | os.PathLike | pd.DataFrame | Inventory | None = None,
    origins: str | os.PathLike | pd.DataFrame | None = None,
    tonnes: float = 1.0,
    candidates: str | os.PathLike | Iterable[str] | None = None,
    as_of=None,
    scenario=None,
    costs: str | os.PathLike | CostTable | None = None,
    transport_costs: str | os.PathLike | Costs | None = None,
    facilities=None,
    model: AccessModel | None = None,
) -> HubResult:
    """Choose ``p`` consolidation hubs for a region's ``stream`` at least total cost.

    Parameters
    ----------
    region
        ``pacific``, ``caribbean``, ``ais`` or ISO3 codes (list or comma-separated).
    p
        Number of hubs (1 ... number of candidates with a legal onward route).
    stream
        Waste stream.
    inventory
        Tonnes per member from an inventory (members without a figure are excluded);
        without one every member counts ``tonnes`` a year (a nominal figure, stated in
        the output). Rows by site (``origin_id``) count towards their country, which
        collects at its hub point: hubs are chosen per country, so the site's own road
        leg to that point is not priced here (the output names those sites; plan them
        with :func:`hgmap.plan.plan` to price their legs).
    origins
        The user origins file the inventory's ``origin_id`` rows name (as for
        :func:`hgmap.plan.plan`).
    candidates
        Candidate hub countries (a CSV with an ``iso3`` column, or codes); default the
        members. The CSV may give, per candidate, ``capacity_tpy`` (tonnes a year it
        can take from other members) and ``storage_usd_per_t`` (storage and handling
        per tonne collected), with their ``source``: no sourced default exists for
        either, so without them a hub is not limited and its storage is unpriced, and
        the result says so (``attrs["unknowns"]``).
    as_of, scenario
        Law date and scenario, as for :func:`hgmap.accessibility`.
    costs
        A plan cost override file or :class:`~hgmap.plan.costs.CostTable`.
    transport_costs
        A transport cost override file (:func:`hgmap.costs.load_costs`) or ``Costs``
        (used by the model that routes; not with ``model``).
    facilities
        A user facility catalogue (path or GeoDataFrame) for the onward leg; default
        the shipped one (not with ``model``).
    model
        A prebuilt :class:`hgmap.AccessModel`.

    Returns
    -------
    HubResult
        Chosen hubs, who goes where, the saving against shipping alone, and who cannot
        legally join and why. Not legal advice.
    """
    check_stream(stream)
    members = region_members(region)
    region_label = region if isinstance(region, str) else ",".join(members)
    if not members:
        raise HgmapError(f"region {region!r} has no member")
    inputs = resolve_inputs(as_of=as_of, scenario=scenario, costs=costs, transport_costs=transport_costs,
                            facilities=facilities, model=model)
    day, scenario, table, model = inputs.day, inputs.scenario, inputs.costs, inputs.model
    transport = inputs.transport
    hub_extra: dict[str, dict] = {}
    if candidates is None:
        cands = list(members)
    elif isinstance(candidates, (str, os.PathLike)) and os.path.exists(os.fspath(candidates)):
        cands, hub_extra = _read_candidates(candidates)
    else:
        cands = select_origins(candidates)
    try:
        p = int(p)
    except (TypeError, ValueError):
        raise HgmapError(f"p: {p!r} is not a whole number") from None
    if p < 1:
        raise HgmapError(f"p must be at least 1, got {p}")

    # -- tonnes per member -------------------------------------------------------------
    excluded: list[dict] = []
    if inventory is not None:
        inv = load_inventory(inventory, origins=origins)
        rows = inv.rows[inv.rows["stream"] == stream]
        q_of = rows.groupby("country_iso3", sort=False)["tonnes_per_year"].sum().to_dict()
        for m in members:
            if m not in q_of:
                excluded.append({"iso3": m, "reason": f"no quantity for {stream} in the inventory"})
        members = [m for m in members if m in q_of]
        tonnage_note = f"tonnes from inventory {inv.path or '(table)'}"
        sites = rows[(rows["origin_id"] != "") & rows["country_iso3"].isin(members)]
        if len(sites):
            tonnage_note += ("; sites counted at their country's hub point (their own road leg to it is not priced "
                             "here): " + ", ".join(f"{r.origin_id} ({r.country_iso3}, line {r.line})"
                                                   for r in sites.itertuples()))
    else:
        if not tonnes > 0:
            raise HgmapError(f"tonnes must be above 0, got {tonnes}")
        q_of = {m: float(tonnes) for m in members}
        tonnage_note = f"nominal {tonnes:g} t a year per member (no inventory given): not a measured figure"
    if not members:
        raise HgmapError(f"region {region_label!r}: no member has a quantity of {stream}")

    # -- cost parameters (mid of each band) ------------------------------------------------
    payload = table.lookup("payload_t_per_teu", stream)
    payload_note = ""
    if payload is None:
        from .costs import CONTAINER_PAYLOAD_MAX_T

        payload, payload_note = CONTAINER_PAYLOAD_MAX_T, "payload unknown for the stream: full container weight used"
    pay = _mid(payload)
    fixed = sum(_mid(v) for v in (table.lookup(k, stream) for k in (
        "notification_usd_per_shipment", "documents_usd_per_shipment", "insurance_usd_per_shipment")) if v)

    def per_t(param, op):
        v = table.lookup(param, stream, op)
        return _mid(v) if v else 0.0

    # -- onward options from each candidate (legal from the hub State) --------------------------
    k = max(len(model.facilities), 1)
    res = model.solve(stream, as_of=day, origins=list(dict.fromkeys([*cands, *members])), k=k, scenario=scenario)
    ok = res[res["status"] == "reachable"].reset_index(drop=True)  # acceptance applied by the solver
    onward_status = {r.origin_iso3: r.status for r in res[res["status"] != "reachable"].itertuples()}
    lo, hi = teu_cost_of_results(ok, transport)
    teu = (lo + hi) / 2
    op_rate = {op: per_t("gate_fee_usd_per_t", op) + per_t("packaging_usd_per_t", op) for op in set(ok["operation"])}
    rate = teu / pay + ok["operation"].map(op_rate).to_numpy(float)
    ok["rate"], ok["fixed"] = rate, teu + fixed
    # Keep, per hub, the options no other option beats on both rate and fixed cost.
    srt = ok.sort_values(["origin_iso3", "rate", "fixed"], kind="stable")
    before = srt.groupby("origin_iso3", sort=False)["fixed"].transform(lambda f: f.cummin().shift(fill_value=np.inf))
    pareto = srt[srt["fixed"].to_numpy() < before.to_numpy() - 1e-9].reset_index(drop=True)
    # Shipping alone: each member's own best option (a member need not be a candidate hub).
    alone = {}
    for r in pareto[pareto["origin_iso3"].isin(q_of)].itertuples():
        alone[r.origin_iso3] = min(alone.get(r.origin_iso3, np.inf), q_of[r.origin_iso3] * r.rate + r.fixed)
    opts = pareto[pareto["origin_iso3"].isin(cands)].reset_index(drop=True)
    hub_cands = list(dict.fromkeys(opts["origin_iso3"]))
    if p > len(hub_cands):
        raise HgmapError(f"p={p} but only {len(hub_cands)} candidate hub(s) have a legal onward route for {stream}: "
                         + ", ".join(hub_cands))

    # -- collection legs member -> candidate: route, transit, legality --------------------
    graph = model.graph
    nodes = [graph.origin_node[c] for c in hub_cands]
    dist, pred = _searches(graph, tuple(nodes))
    mats = {op: law.matrix(stream, op, as_of=day, scenario=scenario) for op in OPERATIONS}
    leg: dict[tuple[str, str], dict] = {}
    for a, j in enumerate(hub_cands):
        for i in members:
            if i == j:
                leg[(i, j)] = {"km": 0.0, "teu": 0.0, "ops": set(OPERATIONS), "why": {}}
                continue
            ni = graph.origin_node[i]
            if not np.isfinite(dist[a, ni]):
                leg[(i, j)] = {"km": None, "ops": set(), "why": {op: "no sea or land route" for op in OPERATIONS}}
                continue
            path = TransportGraph.path_from_predecessors(pred[a], nodes[a], ni)
            b = graph.breakdown(path[::-1])
            ops, why = set(), {}
            for op, m in mats.items():
                if not m.allowed[m.index[i], m.index[j]]:
                    why[op] = "prohibited [" + ", ".join(m.rules(i, j)) + "]"
                    continue
                blockers = m.transit_blockers(i, j, b["transit"])
                if blockers:
                    why[op] = "transit banned by " + ", ".join(f"{s} [{', '.join(r)}]" for s, r in blockers.items())
                    continue
                ops.add(op)
            leg[(i, j)] = {"km": float(dist[a, ni]), "ops": ops, "why": why, "transit": b["transit"], "b": b}
    priced = [k for k, v in leg.items() if "b" in v]
    if priced:
        bs = [leg[k].pop("b") for k in priced]
        t_lo, t_hi = teu_cost_of_breakdowns(bs, transport)
        for k, lo_, hi_ in zip(priced, t_lo, t_hi):
            leg[k]["teu"] = float((lo_ + hi_) / 2)

    # -- variables: y[i, option], z[option], u[i] --------------------------------------------
    y_i, y_o, y_cost = [], [], []
    final_block: dict[str, set[str]] = {}
    for o, r in enumerate(opts.itertuples()):
        j = r.origin_iso3
        for i in members:
            lg = leg[(i, j)]
            if r.operation not in lg["ops"]:
                continue
            mat = mats[r.operation]
            if i != j and not mat.allowed[mat.index[i], mat.index[r.facility_iso3]]:
                # A hub does not launder a prohibited movement: the member State must be
                # allowed to send the waste to its final destination too.
                final_block.setdefault(i, set()).add(f"{r.facility_iso3} [{', '.join(mat.rules(i, r.facility_iso3))}]")
                continue
            q = q_of[i]
            collect = 0.0 if i == j else q * lg["teu"] / pay + lg["teu"] + fixed
            if i != j and "storage_usd_per_t" in hub_extra.get(j, {}):
                collect += q * hub_extra[j]["storage_usd_per_t"]
            y_i.append(members.index(i))
            y_o.append(o)
            y_cost.append(q * r.rate + collect)
    served_possible = set(members[i] for i in y_i)
    for i in members:
        if i in served_possible:
            continue
        reasons = []
        own = onward_status.get(i)
        if own:
            reasons.append(f"no legal onward route of its own ({own})")
        elif i not in hub_cands:
            reasons.append("not a candidate hub (it may still ship alone)")
        for j in hub_cands:
            if j == i:
                continue
            lg = leg[(i, j)]
            if not lg["ops"]:
                reasons.append(f"to {j}: " + "; ".join(f"{op} {w}" for op, w in lg["why"].items()))
        if i in final_block:
            reasons.append("final destination prohibited from its own State: " + ", ".join(sorted(final_block[i])))
        excluded.append({"iso3": i, "reason": " | ".join(reasons) or "no candidate hub it may legally ship to"})
    n_y, n_o, members_in = len(y_i), len(opts), [m for m in members if m in served_possible]
    n_m = len(members)
    y_i, y_o, y_cost = np.array(y_i, int), np.array(y_o, int), np.array(y_cost, float)
    big = 10.0 * (float(y_cost.max()) if n_y else 1.0) + 1e6
    c = np.concatenate([y_cost, opts["fixed"].to_numpy(float), np.full(n_m, big)])
    nv = n_y + n_o + n_m
    # (1) each member: sum_y + u = 1
    A1 = sp.csr_array((np.ones(n_y + n_m), (np.concatenate([y_i, np.arange(n_m)]),
                                            np.concatenate([np.arange(n_y), n_y + n_o + np.arange(n_m)]))),
                      shape=(n_m, nv))
    # (2) y <= z
    A2 = sp.csr_array((np.concatenate([np.ones(n_y), -np.ones(n_y)]),
                       (np.concatenate([np.arange(n_y)] * 2), np.concatenate([np.arange(n_y), n_y + y_o]))),
                      shape=(n_y, nv))
    # (3) one onward option per hub; (4) p hubs
    hub_of = opts["origin_iso3"].map({j: a for a, j in enumerate(hub_cands)}).to_numpy(int)
    A3 = sp.csr_array((np.ones(n_o), (hub_of, n_y + np.arange(n_o))), shape=(len(hub_cands), nv))
    A4 = sp.csr_array((np.ones(n_o), (np.zeros(n_o, int), n_y + np.arange(n_o))), shape=(1, nv))
    cons = [LinearConstraint(A1, 1, 1), LinearConstraint(A2, -np.inf, 0), LinearConstraint(A3, 0, 1),
            LinearConstraint(A4, p, p)]
    # (5) hubs with a capacity from the candidates file: tonnes collected from other members.
    capped = [a for a, j in enumerate(hub_cands) if "capacity_tpy" in hub_extra.get(j, {})]
    if capped and n_y:
        y_hub = hub_of[y_o]
        use = np.isin(y_hub, capped) & (np.array([members[i] for i in y_i]) != np.array(hub_cands)[y_hub])
        row_of_hub = {a: r for r, a in enumerate(capped)}
        A5 = sp.csr_array((np.array([q_of[members[i]] for i in y_i[use]], float),
                           ([row_of_hub[a] for a in y_hub[use]], np.flatnonzero(use))), shape=(len(capped), nv))
        cons.append(LinearConstraint(A5, -np.inf, [hub_extra[hub_cands[a]]["capacity_tpy"] for a in capped]))
    # A member goes to one hub whole: with capacities, y must be binary (without them the
    # LP relaxation of y is already integral once z is).
    y_kind = np.ones(n_y) if capped else np.zeros(n_y)
    integrality = np.concatenate([y_kind, np.ones(n_o), np.zeros(n_m)])
    sol = milp(c, constraints=cons, integrality=integrality, bounds=Bounds(0, 1))
    if sol.status != 0 or sol.x is None:
        raise HgmapError(f"hub MILP failed: {sol.message}")
    y = sol.x[:n_y]
    z = np.round(sol.x[n_y:n_y + n_o]).astype(bool)
    u = sol.x[n_y + n_o:]

    # -- results ---------------------------------------------------------------------------
    member_of = {}
    for v in np.flatnonzero(y > 0.5):
        member_of[members[y_i[v]]] = (int(y_o[v]), float(y_cost[v]))
    hub_rows, assign_rows = [], []
    open_opts = np.flatnonzero(z)
    for o in open_opts:
        r = opts.iloc[o]
        ms = [m for m, (oo, _) in member_of.items() if oo == o]
        q_hub = sum(q_of[m] for m in ms)
        hub_rows.append({"hub_iso3": r["origin_iso3"], "hub_name": model._c_name.get(r["origin_iso3"], r["origin_iso3"]),
                         "members": ";".join(sorted(ms)), "n_members": len(ms), "tonnes": q_hub,
                         "facility_id": r["facility_id"], "facility_name": r["facility_name"],
                         "facility_iso3": r["facility_iso3"], "operation": r["operation"],
                         "onward_km": r["distance_km"], "onward_transit_iso3": ";".join(r["transit_iso3"]),
                         "onward_legal_status": r["legal_status"], "hub_fixed_usd": float(r["fixed"]),
                         **_hub_unknowns(r["origin_iso3"], hub_extra.get(r["origin_iso3"], {}),
                                         sum(q_of[m] for m in ms if m != r["origin_iso3"]))})
    for m in members:
        q = q_of[m]
        if m in member_of:
            o, cost = member_of[m]
            r = opts.iloc[o]
            j = r["origin_iso3"]
            ms = [x for x, (oo, _) in member_of.items() if oo == o]
            share = float(r["fixed"]) * q / sum(q_of[x] for x in ms)
            lg = leg[(m, j)]
            status = "domestic" if m == j else mats[r["operation"]].status_name(m, j)
            assign_rows.append({"iso3": m, "hub_iso3": j, "tonnes": q, "collect_km": lg["km"],
                                "collect_transit_iso3": ";".join(lg.get("transit", [])), "leg_legal_status": status,
                                "cost_usd": cost + share, "alone_usd": alone.get(m, np.nan)})
        else:
            assign_rows.append({"iso3": m, "hub_iso3": "", "tonnes": q, "collect_km": np.nan,
                                "collect_transit_iso3": "", "leg_legal_status": "",
                                "cost_usd": np.nan, "alone_usd": alone.get(m, np.nan)})
    assignments = pd.DataFrame(assign_rows)
    served = assignments[assignments["hub_iso3"] != ""]
    comparable = served[served["alone_usd"].notna()]
    total = float(served["cost_usd"].sum())
    alone_total = float(comparable["alone_usd"].sum())
    saving = float(alone_total - comparable["cost_usd"].sum())
    unserved = [m for m, v in zip(members, u) if v > 0.5 and m in served_possible]
    open_hubs = sorted({opts.iloc[o]["origin_iso3"] for o in open_opts})
    could_join = {members[y_i[v]] for v in range(n_y) if z[y_o[v]]}
    for m in unserved:
        if m in could_join:
            full = [j for j in open_hubs if "capacity_tpy" in hub_extra.get(j, {})]
            excluded.append({"iso3": m, "reason": f"open hub(s) it may legally join are full with p={p}: "
                             + ", ".join(f"{j} (capacity {hub_extra[j]['capacity_tpy']:g} t a year, "
                                         f"{hub_extra[j]['source']})" for j in full)})
            continue
        why = [f"to {j}: " + "; ".join(f"{op} {w}" for op, w in leg[(m, j)]["why"].items())
               for j in open_hubs if leg[(m, j)]["why"]]
        if m in final_block:
            why.append("final destination prohibited from its own State: " + ", ".join(sorted(final_block[m])))
        excluded.append({"iso3": m, "reason": f"no open hub it may legally ship to with p={p}"
                         + (" (" + " | ".join(why) + ")" if why else "")})
    assumptions = inputs.cost_assumptions([stream])
    open_extra = [hub_extra.get(j, {}) for j in open_hubs]
    unknowns = [HUB_UNKNOWNS[k] for k, col in (("storage", "storage_usd_per_t"), ("capacity", "capacity_tpy"))
                if not all(col in e for e in open_extra)]
    unknowns.append(HUB_UNKNOWNS["facility_capacity"])
    attrs = {
        "region": region_label, "p": p, "stream": stream,
        "as_of": (day or _dt.date.today()).isoformat(), "data_date": law.data_date(),
        "scenario": getattr(scenario, "name", None), "total_usd": total, "alone_usd": alone_total,
        "saving_usd": saving, "saving_pct": 100.0 * saving / alone_total if alone_total else 0.0,
        "n_served": len(served), "n_gain_access": int(served["alone_usd"].isna().sum()),
        "solver": "HiGHS (scipy.optimize.milp)", "status": sol.message, "n_variables": nv,
        "n_constraints": n_m + n_y + len(hub_cands) + 1 + len(capped), "candidates": hub_cands,
        "unknowns": unknowns, "tonnage": tonnage_note,
        "transport_model": transport_note(transport), "payload_note": payload_note,
        "oldest_cost_as_of": min(assumptions["as_of"]) if len(assumptions) else None,
        "not_legal_advice": NOT_LEGAL_ADVICE,
        "members_in_model": members_in,
    }
    return HubResult(pd.DataFrame(hub_rows), assignments,
                     pd.DataFrame(excluded, columns=["iso3", "reason"]), attrs, assumptions)
