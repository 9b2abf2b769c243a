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
- every member with a legal route of its own may instead **ship alone** (its own best
  option, with its own fixed costs), and at most ``p`` hubs open: a hub opens only when
  it lowers the total or gives a member a route it has no other way, a "hub" that
  collects from nobody else, saves nothing, or saves too little to be significant
  (inside the cost band of its members' costs alone; ``keep_insignificant`` keeps
  it, flagged) is not recommended, and the hub's net
  saving is shared by tonnes, so no member pays more than shipping alone
  (:mod:`hgmap.plan.hub_shares`); each member's cost, cost alone and saving are in
  ``assignments``.

Members with no route of their own that no open hub can legally take are *unserved*
(with a penalty above any cost); members with no legal option at all are *excluded*,
with reasons. Facility capacity is
not modelled here (see :func:`hgmap.plan.plan`). Hub capacity and the cost of storage
and handling at a hub have no sourced default (``COSTS.md`` has none): they are
limited and priced only when the candidates file gives them with a source, and every
result names them in ``attrs["unknowns"]`` otherwise.

The parts live in their own modules: the inputs (candidates, tonnes, unit costs) in
:mod:`hgmap.plan.hub_inputs`, onward options and collection legs in
:mod:`hgmap.plan.hub_routes`, the MILP in :mod:`hgmap.plan.hub_milp`, who ships how and
pays what in :mod:`hgmap.plan.hub_shares`; this module chains them and writes the
result tables.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .. import law
from ..access import AccessModel
from ..costs import Costs
from ..countries import load_countries
from ..errors import HgmapError
from .._values import as_list
from ..labels import NOT_LEGAL_ADVICE
from ..origins import select_origins
from ..vocab import OPERATIONS, check_stream
from .costs import CostTable
from .hub_inputs import HUB_UNKNOWNS, candidate_hubs, hub_unknowns, member_tonnes, unit_costs
from .hub_milp import Choices, assignment_choices, solve_hubs
from .hub_shares import DETOUR_FACTOR, Settlement, assignment_rows, settle, significance
from .hub_routes import collection_legs, leg_law, onward_fixed, onward_options
from .inputs import resolve_inputs
from .inventory import Inventory
from .model import HubResult
from .transport import transport_note

__all__ = ["hubs", "region_members", "REGIONS", "HUB_UNKNOWNS"]

log = logging.getLogger(__name__)

REGIONS = ("pacific", "caribbean", "ais")

#: Columns of ``HubResult.hubs`` (also when no hub is recommended).
HUB_COLUMNS = ["hub_iso3", "hub_name", "members", "n_members", "tonnes", "facility_id", "facility_name",
               "facility_iso3", "operation", "onward_km", "onward_transit_iso3", "onward_legal_status",
               "onward_legal_confidence", "onward_unknowns", "hub_fixed_usd", "cost_usd", "alone_usd", "saving_usd", "saving_pct",
               "alone_low_usd", "alone_high_usd", "significant", "significance", "detour_members", "opened_for",
               "hub_capacity_tpy", "hub_capacity_source", "collected_t", "storage_usd", "storage_source"]


def region_members(region: str | Iterable[str]) -> list[str]:
    """ISO3 codes of ``pacific``, ``caribbean``, ``ais`` (SIDS regions) or of explicit codes."""
    if isinstance(region, str) and region.strip().lower() in REGIONS:
        c = load_countries()
        mask = c["sids_region"].fillna("").str.lower() == region.strip().lower()
        return sorted(c.loc[mask, "iso3"])
    return select_origins(region)


def _whole_p(p) -> int:
    """``p`` as a whole number of hubs, at least 1."""
    try:
        p = int(p)
    except (TypeError, ValueError):
        raise HgmapError(f"p: {p!r} is not a whole number") from None
    if p < 1:
        raise HgmapError(f"p must be at least 1, got {p}")
    return p


def _without_choice(members: list[str], ch: Choices, onward_status: dict[str, str], hub_cands: list[str],
                    leg: dict, alone: dict[str, dict]) -> list[dict]:
    """Exclusions of the members with no legal choice at all (no hub and no route of their
    own), with every reason."""
    excluded = []
    for i in members:
        if i in ch.served_possible or i in alone:
            continue
        reasons = []
        own = onward_status.get(i)
        if own:
            reasons.append(f"no legal onward route of its own ({own})")
        elif i not in hub_cands:
            reasons.append("not a candidate hub")
        for j in hub_cands:
            if j == i:
                continue
            lg = leg[(i, j)]
            if not lg["ops"]:
                reasons.append(f"to {j}: " + "; ".join(f"{op} {w}" for op, w in lg["why"].items()))
        if i in ch.final_block:
            reasons.append("final destination prohibited from its own State: " + ", ".join(sorted(ch.final_block[i])))
        excluded.append({"iso3": i, "reason": " | ".join(reasons) or "no candidate hub it may legally ship to"})
    return excluded


def _too_few_candidates(p: int, stream: str, cands: list[str], hub_cands: list[str],
                        onward_status: dict[str, str]) -> str:
    """Why ``p`` hubs cannot be chosen: how many candidates have a legal onward route, and
    why the others have none."""
    none = [c for c in cands if c not in hub_cands]
    have = (f"only {len(hub_cands)} candidate hub(s) have a legal onward route for {stream} ("
            + ", ".join(hub_cands) + ")") if hub_cands else f"no candidate hub has a legal onward route for {stream}"
    from .model import UNMET_REASONS

    why = "; ".join(f"{c}: {UNMET_REASONS.get(onward_status.get(c, ''), onward_status.get(c, 'no reachable facility'))}"
                    f" ({onward_status.get(c, '')})" for c in none)
    return (f"p={p} but {have}" + (f": at most {len(hub_cands)} can open" if hub_cands else "")
            + (f"; without one: {why}" if why else ""))


def _hub_rows(opts: pd.DataFrame, st: Settlement, assignments: pd.DataFrame, q_of: dict[str, float],
              hub_extra: dict[str, dict], names: dict[str, str]) -> list[dict]:
    """One row per recommended hub: its members, tonnes, onward option, what its members
    pay together and save against shipping alone, and the hub's unknowns."""
    hub_rows = []
    a = assignments.set_index("iso3")
    for o in st.open_opts:
        r = opts.iloc[o]
        j = r["origin_iso3"]
        ms = sorted(m for m, (oo, _) in st.member_of.items() if oo == o)
        rows = a.loc[ms]
        comparable = rows[rows["alone_usd"].notna()]
        alone_usd = float(comparable["alone_usd"].sum())
        saving = alone_usd - float(comparable["cost_usd"].sum())
        access = [m for m in ms if pd.isna(a.at[m, "alone_usd"])]
        lo, hi = st.band.get(o, (np.nan, np.nan))
        sig, sig_words = significance(lo, hi, saving) if len(comparable) else (True, "no member has a route alone")
        detours = rows.index[rows["detour_flag"].to_numpy(bool)]
        hub_rows.append({"hub_iso3": j, "hub_name": names.get(j, j),
                         "members": ";".join(ms), "n_members": len(ms), "tonnes": sum(q_of[m] for m in ms),
                         "facility_id": r["facility_id"], "facility_name": r["facility_name"],
                         "facility_iso3": r["facility_iso3"], "operation": r["operation"],
                         "onward_km": r["distance_km"], "onward_transit_iso3": ";".join(r["transit_iso3"]),
                         "onward_legal_status": r["legal_status"],
                         "onward_legal_confidence": r["legal_confidence"],
                         "onward_unknowns": " | ".join(map(str, r["legal_unknowns"] if isinstance(r["legal_unknowns"], (list, tuple)) else as_list(r["legal_unknowns"]))), "hub_fixed_usd": onward_fixed(r, sum(q_of[m] for m in ms)),
                         "cost_usd": float(rows["cost_usd"].sum()), "alone_usd": alone_usd, "saving_usd": saving,
                         "saving_pct": 100.0 * saving / alone_usd if alone_usd else np.nan,
                         "alone_low_usd": lo, "alone_high_usd": hi, "significant": sig, "significance": sig_words,
                         "detour_members": ";".join(f"{m} ({rows.at[m, 'detour_ratio']:.2f}x)" for m in detours),
                         "opened_for": ("saving" if not access else
                                        "route for " + ";".join(access) + " (no legal route of their own)"),
                         **hub_unknowns(j, hub_extra.get(j, {}), sum(q_of[m] for m in ms if m != j))})
    return hub_rows


def _unserved(members: list[str], u: np.ndarray, ch: Choices, could_join: set[str], open_hubs: list[str],
              leg: dict, hub_extra: dict[str, dict], p: int) -> list[dict]:
    """Exclusions of the members left unserved by the chosen hubs: full, or none legal."""
    excluded = []
    unserved = [m for m, v in zip(members, u) if v > 0.5 and m in ch.served_possible]
    for m in unserved:
        if m in could_join:
            full = [j for j in open_hubs if "capacity_tpy" in hub_extra.get(j, {})]
            excluded.append({"iso3": m, "reason": f"open hub(s) it may legally join are full with p={p}: "
                             + ", ".join(f"{j} (capacity {hub_extra[j]['capacity_tpy']:g} t a year, "
                                         f"{hub_extra[j]['source']})" for j in full)})
            continue
        why = [f"to {j}: " + "; ".join(f"{op} {w}" for op, w in leg[(m, j)]["why"].items())
               for j in open_hubs if leg[(m, j)]["why"]]
        if m in ch.final_block:
            why.append("final destination prohibited from its own State: " + ", ".join(sorted(ch.final_block[m])))
        excluded.append({"iso3": m, "reason": f"no open hub it may legally ship to with p={p}"
                         + (" (" + " | ".join(why) + ")" if why else "")})
    return excluded


def _with_leg_law(assignments: pd.DataFrame, leg: dict, *, stream: str, day, scenario) -> pd.DataFrame:
    """The legal status of each member's collection leg to its hub with its confidence and
    unknowns (:func:`hgmap.plan.hub_routes.leg_law`); empty for members not through a hub."""
    cols = {"leg_legal_status": [], "leg_legal_confidence": [], "leg_unknowns": []}
    for r in assignments.itertuples():
        if r.choice in ("hub", "joins hub"):
            got = leg_law(r.iso3, r.hub_iso3, r.operation, leg[(r.iso3, r.hub_iso3)], stream=stream, day=day,
                          scenario=scenario)
        else:
            got = dict.fromkeys(cols, "")
        for k in cols:
            cols[k].append(got[k])
    out = assignments.drop(columns=["leg_legal_status"])
    at = list(assignments.columns).index("leg_legal_status")
    for n, (k, v) in enumerate(cols.items()):
        out.insert(at + n, k, v)
    return out


def _unknowns(open_hubs: list[str], hub_extra: dict[str, dict], hub_cands: list[str]) -> list[str]:
    """What the totals leave out: storage and capacity unless every open hub (every
    candidate, when none opens) has a sourced figure."""
    open_extra = [hub_extra.get(j, {}) for j in (open_hubs or hub_cands)]
    unknowns = [HUB_UNKNOWNS[k] for k, col in (("storage", "storage_usd_per_t"), ("capacity", "capacity_tpy"))
                if not all(col in e for e in open_extra)]
    unknowns.append(HUB_UNKNOWNS["facility_capacity"])
    return unknowns


def _attrs(assignments: pd.DataFrame, sol: dict, *, region_label: str, p: int, stream: str, day, scenario,
           hub_cands: list[str], unknowns: list[str], tonnage_note: str, transport: Costs, payload_note: str,
           assumptions: pd.DataFrame, members_in: list[str]) -> dict:
    """The result's settings, totals (via hubs, alone, saving) and MILP size."""
    served = assignments[assignments["choice"] != "unserved"]
    comparable = served[served["alone_usd"].notna()]
    total = float(served["cost_usd"].sum())
    alone_total = float(comparable["alone_usd"].sum())
    saving = float(alone_total - comparable["cost_usd"].sum())
    through = served[served["choice"] != "ships alone"]
    return {
        "region": region_label, "p": p, "stream": stream,
        "as_of": (day or _dt.date.today()).isoformat(), "data_date": law.data_date(),
        "scenario": getattr(scenario, "name", None), "total_usd": total, "alone_usd": alone_total,
        "saving_usd": saving, "saving_pct": 100.0 * saving / alone_total if alone_total else 0.0,
        "n_served": len(served), "n_gain_access": int(served["alone_usd"].isna().sum()),
        "n_through_hubs": len(through), "n_alone": int((served["choice"] == "ships alone").sum()),
        "solver": "HiGHS (scipy.optimize.milp)", "status": sol["message"], "n_variables": sol["n_variables"],
        "n_constraints": sol["n_constraints"], "candidates": hub_cands,
        "unknowns": unknowns, "tonnage": tonnage_note,
        "transport_model": transport_note(transport), "payload_note": payload_note,
        "oldest_cost_as_of": min(assumptions["as_of"]) if len(assumptions) else None,
        "not_legal_advice": NOT_LEGAL_ADVICE,
        "members_in_model": members_in,
    }


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
    keep_insignificant: bool = False,
    detour_factor: float = DETOUR_FACTOR,
) -> HubResult:
    """Choose ``p`` consolidation hubs for a region's ``stream`` at least total cost.

    Parameters
    ----------
    region
        ``pacific``, ``caribbean``, ``ais`` or ISO3 codes (list or comma-separated).
    p
        At most this many hubs (more than the candidates with a legal onward route
        is read as that many, and ``attrs["p_note"]`` says so): fewer open, or none, when more hubs would not lower the total (members ship
        alone instead; ``attrs["hubs_not_recommended"]`` names hubs the solver's tie
        opened that save nothing).
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
    keep_insignificant
        Keep a hub whose saving is not significant: inside the cost band (low-high)
        of its members' costs alone (the saving does not exceed half that band, so the
        members' cost through the hub, middle of its band, is not below the band's low
        end). Default ``False``: such a hub is not recommended (``attrs
        ["hubs_not_recommended"]`` says why) and its members ship alone; a kept one is
        flagged (``hubs["significant"]``, ``hubs["significance"]``). A hub that gives
        a member a route it has no other way is recommended whatever it saves, and
        flagged the same way.
    detour_factor
        Flag every member whose km through its hub (collection + onward) exceed its
        own route's km shipping alone by more than this factor (``assignments
        ["detour_flag"]``, ``hubs["detour_members"]``, the summary): sea legs are
        direct port-to-port and a feeder-served island's costs are a lower bound, so a
        long detour's saving may not be real. Default :data:`DETOUR_FACTOR` (1.5).

    Returns
    -------
    HubResult
        Recommended hubs (each saving against its members shipping alone), each
        member's choice (``hub``, ``joins hub``, ``ships alone``, ``unserved``), cost,
        cost alone and saving, and who cannot legally join and why. Not legal advice.
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
    cands, hub_extra, not_candidates = candidate_hubs(candidates, members)
    if not cands:
        raise HgmapError(f"region {region_label!r}: no member is a candidate hub by default ("
                         + "; ".join(f"{m}: {w}" for m, w in not_candidates.items())
                         + "): name candidate hubs (candidates=, --candidates)")
    p = _whole_p(p)
    try:
        detour_factor = float(detour_factor)
    except (TypeError, ValueError):
        raise HgmapError(f"detour_factor: {detour_factor!r} is not a number") from None
    if not np.isfinite(detour_factor) or detour_factor < 1:
        raise HgmapError(f"detour_factor must be a number of at least 1, got {detour_factor}")
    members, q_of, tonnage_note, excluded = member_tonnes(members, stream, inventory=inventory, origins=origins,
                                                          tonnes=tonnes, graph=model.graph)
    if not members:
        raise HgmapError(f"region {region_label!r}: no member has a quantity of {stream}")
    pay, payload_note, fixed = unit_costs(table, stream)

    # Onward options are legal from the hub State; collection legs from each member State.
    opts, hub_cands, alone, onward_status = onward_options(
        model, transport, table, stream=stream, day=day, scenario=scenario, cands=cands, members=members,
        q_of=q_of, payload=pay, fixed=fixed)
    if not hub_cands:
        raise HgmapError(_too_few_candidates(p, stream, cands, hub_cands, onward_status))
    # p is at most: with fewer candidates that have an onward route, at most those open.
    p_note = _too_few_candidates(p, stream, cands, hub_cands, onward_status) if p > len(hub_cands) else ""
    mats = {op: law.matrix(stream, op, as_of=day, scenario=scenario) for op in OPERATIONS}
    leg = collection_legs(model.graph, hub_cands, members, mats, transport)

    ch = assignment_choices(opts, members, leg, mats, q_of, payload=pay, fixed=fixed, hub_extra=hub_extra)
    excluded += _without_choice(members, ch, onward_status, hub_cands, leg, alone)
    members_in = [m for m in members if m in ch.served_possible or m in alone]
    # Every member with a legal route of its own may ship alone: a hub opens only if it saves.
    sol = solve_hubs(ch, opts, hub_cands, members, q_of, hub_extra, p,
                     alone_cost=np.array([alone[m]["cost"] if m in alone else np.nan for m in members]))

    member_of = {members[ch.member[v]]: (int(ch.option[v]), float(ch.cost[v])) for v in np.flatnonzero(sol["y"] > 0.5)}
    st = settle(member_of, {m for m, v in zip(members, sol["a"]) if v > 0.5}, opts, alone, q_of,
                keep_insignificant=keep_insignificant)
    assignments = assignment_rows(members, q_of, st, ch, opts, leg, mats, alone, hub_extra,
                                  detour_factor=detour_factor)
    assignments = _with_leg_law(assignments, leg, stream=stream, day=day, scenario=scenario)
    hub_rows = _hub_rows(opts, st, assignments, q_of, hub_extra, model._c_name)
    open_hubs = sorted({opts.iloc[o]["origin_iso3"] for o in st.open_opts})
    could_join = {members[ch.member[v]] for v in range(len(ch.member)) if sol["z"][ch.option[v]]}
    excluded += _unserved(members, sol["u"], ch, could_join, open_hubs, leg, hub_extra, p)
    assumptions = inputs.cost_assumptions([stream])
    attrs = _attrs(assignments, sol, region_label=region_label, p=p, stream=stream, day=day, scenario=scenario,
                   hub_cands=hub_cands, unknowns=_unknowns(open_hubs, hub_extra, hub_cands), tonnage_note=tonnage_note,
                   transport=transport, payload_note=payload_note, assumptions=assumptions, members_in=members_in)
    attrs.update(hubs_opened=open_hubs, hubs_not_recommended=st.dropped, not_candidates=not_candidates,
                 p_note=p_note, keep_insignificant=bool(keep_insignificant), detour_factor=float(detour_factor),
                 n_detours=int(assignments["detour_flag"].sum()))
    return HubResult(pd.DataFrame(hub_rows, columns=HUB_COLUMNS), assignments,
                     pd.DataFrame(excluded, columns=["iso3", "reason"]), attrs, assumptions)
