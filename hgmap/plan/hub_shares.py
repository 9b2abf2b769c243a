"""Who ships through a hub, who ships alone, and what each member pays.

The MILP (:mod:`hgmap.plan.hub_milp`) lets every member with a legal route of its own
ship alone, so it opens a hub only when that lowers the total. :func:`settle` turns its
solution into a recommendation:

- a "hub" that collects from no other member is not a hub: its country ships alone;
- a hub whose members together save nothing against shipping alone (a tie the solver
  may break either way) is not recommended: its members ship alone;
- a hub whose saving is not significant is not recommended either (unless
  ``keep_insignificant``): the hub's saving must take its members' cost through it
  (middle of the band) below the low end of the cost band (low-high) of their costs
  alone, i.e. exceed half that band; a smaller saving is inside the uncertainty of the
  plan's own costs ("not significant: inside the cost band"). A kept one says so.
  Hubs that give a member a route it has no other way open whatever they save;
- what a hub saves is shared by tonnes: a member that could ship alone pays its cost
  alone minus its tonnes' share of the hub's net saving (its members' costs alone minus
  their own costs through the hub and the onward fixed cost: one part-filled container
  and the per-shipment costs of the onward movement). Every such member saves the same
  per tonne and none pays more than shipping alone; members with no legal route of
  their own (they gain one through the hub) pay their own costs and carry, by tonnes,
  the onward fixed cost the others' savings do not cover.

:func:`assignment_rows` writes one row per member with its choice, cost, cost alone,
saving, the detour through its hub (collection + onward km against its own route's km,
flagged above :data:`DETOUR_FACTOR`: sea legs are direct port-to-port and a
feeder-served island's costs are a lower bound, so a long detour's saving may not be
real) and a note saying why it did not do otherwise.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

import numpy as np
import pandas as pd

from .hub_milp import Choices
from .hub_routes import onward_fixed

__all__ = ["Settlement", "settle", "assignment_rows", "CHOICES", "DETOUR_FACTOR", "significance"]

log = logging.getLogger(__name__)

#: A member's outcome in ``HubResult.assignments["choice"]``.
CHOICES = ("hub", "joins hub", "ships alone", "unserved")

#: USD: a hub saving this little or less over shipping alone is a tie, not a recommendation.
SAVING_TOLERANCE_USD = 0.5

#: A member's km through its hub (collection + onward) above this many times its own
#: route's km is flagged as a detour (``detour_flag``).
DETOUR_FACTOR = 1.5


class Settlement(NamedTuple):
    """The recommendation drawn from the MILP solution."""

    #: ``{member: (option, own cost through the hub before its share)}``.
    member_of: dict[str, tuple[int, float]]
    #: Members that ship alone.
    alone: set[str]
    #: Each hub member's share of its hub's onward fixed cost (USD).
    share: dict[str, float]
    #: Options of the hubs recommended.
    open_opts: list[int]
    #: Hubs the solver opened that are not recommended, with why.
    dropped: dict[str, str]
    #: ``{option: (low, high)}`` of every hub the solver opened: the band of its members'
    #: costs alone (those with a route alone).
    band: dict[int, tuple[float, float]] = {}
    #: ``{member: hub}`` of the members of a hub that is not recommended.
    dropped_member: dict[str, str] = {}
    #: Options of the hubs the solver opened that are not recommended.
    dropped_opts: list[int] = []


def significance(low: float, high: float, saving: float) -> tuple[bool, str]:
    """Whether a hub's ``saving`` over its members' costs alone (band ``low``-``high``) is
    significant, and the words: it must exceed half the band, i.e. take the members' cost
    through the hub (middle) below the low end of the band of their costs alone."""
    half = (high - low) / 2
    mid = (high + low) / 2
    if saving > half:
        return True, (f"significant: saves USD {saving:,.0f}, more than the half-width USD {half:,.0f} of its "
                      f"members' cost band alone (USD {low:,.0f}-{high:,.0f})")
    return False, (f"not significant: inside the cost band: saves USD {saving:,.0f} against its members' costs "
                   f"alone of USD {mid:,.0f} (band USD {low:,.0f}-{high:,.0f}: a saving under USD {half:,.0f} "
                   "is within the uncertainty of the plan's own costs)")


def _shares(fixed: float, gross: dict[str, float], access: list[str], q_of: dict[str, float]) -> dict[str, float]:
    """What each member adds to its own costs through the hub (negative: a credit) so that
    the members that could ship alone share the hub's net saving by tonnes, and those with
    no route of their own carry, by tonnes, the onward fixed cost the others' savings leave."""
    total_gross = sum(gross.values())
    share: dict[str, float] = {}
    covered = min(fixed, total_gross) if access else fixed
    if access:
        q_access = sum(q_of[m] for m in access)
        share.update({m: (fixed - covered) * q_of[m] / q_access for m in access})
    if gross:
        net = total_gross - covered
        q_gross = sum(q_of[m] for m in gross)
        # pays alone - net x q / Q, i.e. own costs + (gross - net x q / Q)
        share.update({m: g - net * q_of[m] / q_gross for m, g in gross.items()})
    return share


def settle(member_of: dict[str, tuple[int, float]], ships_alone: set[str], opts: pd.DataFrame,
           alone: dict[str, dict], q_of: dict[str, float], *, keep_insignificant: bool = False) -> Settlement:
    """The hubs worth recommending, each member's choice and its share of its hub's costs.

    A hub that only saves (none of its members lacks a route of its own) is dropped when
    it collects from nobody else, saves nothing, or (unless ``keep_insignificant``)
    saves too little to be significant (:func:`significance`)."""
    member_of = dict(member_of)
    alone_set = set(ships_alone)
    by_opt: dict[int, list[str]] = {}
    for m, (o, _) in member_of.items():
        by_opt.setdefault(o, []).append(m)
    share: dict[str, float] = {}
    open_opts: list[int] = []
    dropped: dict[str, str] = {}
    band: dict[int, tuple[float, float]] = {}
    dropped_member: dict[str, str] = {}
    dropped_opts: list[int] = []
    for o, ms in sorted(by_opt.items()):
        r = opts.iloc[o]
        j, fixed = r["origin_iso3"], onward_fixed(r, sum(q_of[m] for m in ms))
        access = [m for m in ms if m not in alone]
        gross = {m: max(alone[m]["cost"] - member_of[m][1], 0.0) for m in ms if m in alone}
        net = sum(gross.values()) - fixed
        lo = sum(alone[m].get("low", alone[m]["cost"]) for m in gross)
        hi = sum(alone[m].get("high", alone[m]["cost"]) for m in gross)
        band[o] = (lo, hi)
        why = ""
        if not access:
            if ms == [j]:
                why = "collects from no other member"
            elif net <= SAVING_TOLERANCE_USD:
                why = f"saves nothing against shipping alone (USD {net:,.0f})"
            elif not keep_insignificant and not significance(lo, hi, net)[0]:
                why = significance(lo, hi, net)[1]
        if why:
            dropped[j] = why
            dropped_opts.append(o)
            for m in ms:
                del member_of[m]
                alone_set.add(m)
                dropped_member[m] = j
            continue
        open_opts.append(o)
        share.update(_shares(fixed, gross, access, q_of))
    return Settlement(member_of, alone_set, share, open_opts, dropped, band, dropped_member, dropped_opts)


def _best_open_hub(i: int, ch: Choices, opts: pd.DataFrame, open_opts: list[int]) -> tuple[str, float] | None:
    """The open hub through which member ``i``'s own costs are lowest, and those costs."""
    sel = (ch.member == i) & np.isin(ch.option, open_opts)
    if not sel.any():
        return None
    v = np.flatnonzero(sel)[np.argmin(ch.cost[sel])]
    return str(opts.iloc[ch.option[v]]["origin_iso3"]), float(ch.cost[v])


def _full(j: str, q: float, st: Settlement, opts: pd.DataFrame, q_of: dict[str, float],
          hub_extra: dict[str, dict]) -> str:
    """``" (full: ...)"`` when hub ``j``'s sourced capacity has no room for ``q`` more tonnes."""
    cap = hub_extra.get(j, {}).get("capacity_tpy")
    if cap is None:
        return ""
    collected = sum(q_of[x] for x, (o, _) in st.member_of.items() if opts.iloc[o]["origin_iso3"] == j and x != j)
    if collected + q <= cap + 1e-9:
        return ""
    return (f"; hub {j} is full: it collects {collected:g} t of its capacity of {cap:g} t a year "
            f"({hub_extra[j]['source']})")


def _why_not_hub(m: str, o: int, opts: pd.DataFrame, leg: dict, mats: dict) -> str:
    """Why member ``m`` may not send its waste through the open hub option ``o``: no
    route to the hub, the collection leg closed for the hub's onward operation (its
    legal reasons), or the hub's final destination closed from ``m``'s own State."""
    r = opts.iloc[o]
    j, op, f = r["origin_iso3"], r["operation"], r["facility_iso3"]
    lg = leg.get((m, j), {})
    if lg.get("km") is None:
        return f"to {j}: no sea or land route"
    if op not in lg.get("ops", ()):
        return f"to {j}: {op} " + lg.get("why", {}).get(op, "not legal")
    mat = mats.get(op)
    if mat is not None and not mat.allowed[mat.index[m], mat.index[f]]:
        return (f"to {j}: its onward shipment goes to {r['facility_id']} ({f}, {op}), a destination {m} may not "
                f"send to itself [{', '.join(mat.rules(m, f))}]: a hub does not make a prohibited movement legal")
    return f"to {j}: no legal choice through it"


def _why_not_hubs(m: str, options: list[int], opts: pd.DataFrame, leg: dict, mats: dict | None) -> str:
    """:func:`_why_not_hub` for every hub option, by hub, joined with `` | ``."""
    return " | ".join(_why_not_hub(m, o, opts, leg, mats or {})
                      for o in sorted(options, key=lambda o: opts.iloc[o]["origin_iso3"]))


def _alone_note(m: str, i: int, ch: Choices, opts: pd.DataFrame, st: Settlement, leg: dict,
                q_of: dict[str, float], hub_extra: dict[str, dict], mats: dict | None = None) -> str:
    """Why a member ships alone rather than through an open hub: for every open hub the
    reason (legal, onward destination, capacity or cost)."""
    if m in st.dropped_member:
        j = st.dropped_member[m]
        why = st.dropped[j]
        if why.startswith("not significant"):
            why = "not significant: inside the cost band of its members' costs alone; hubs.json hubs_not_recommended"
        return f"ships alone: hub {j} is not recommended ({why})"
    if not st.open_opts:
        chosen = st.dropped_opts
        if chosen and _best_open_hub(i, ch, opts, chosen) is None:
            return ("ships alone: no hub saves significantly against shipping alone, and it may not legally join "
                    "the hub(s) the solver chose (" + _why_not_hubs(m, chosen, opts, leg, mats) + ")")
        return "ships alone: no hub saves significantly against shipping alone"
    best = _best_open_hub(i, ch, opts, st.open_opts)
    if best is None:
        return "ships alone: may not legally join an open hub (" + _why_not_hubs(m, st.open_opts, opts, leg, mats) + ")"
    j, cost = best
    return (f"ships alone: through hub {j} its own costs would be USD {cost:,.0f} before any share of the "
            "hub's onward costs" + _full(j, q_of[m], st, opts, q_of, hub_extra))


def _detour(m: str, via_km: float, alone: dict[str, dict], factor: float) -> dict:
    """The member's km through its hub against its own route's km, and the flag."""
    direct = alone[m]["km"] if m in alone else np.nan
    ratio = via_km / direct if np.isfinite(direct) and direct > 0 else np.nan
    return {"direct_km": direct, "via_hub_km": via_km, "detour_ratio": ratio,
            "detour_flag": bool(np.isfinite(ratio) and ratio > factor)}


def _hub_row(m: str, q: float, st: Settlement, opts: pd.DataFrame, leg: dict, mats: dict,
             alone: dict[str, dict], detour_factor: float = DETOUR_FACTOR) -> dict:
    """The row of a member shipping through a hub."""
    o, own = st.member_of[m]
    r = opts.iloc[o]
    j = r["origin_iso3"]
    lg = leg[(m, j)]
    cost = own + st.share.get(m, 0.0)
    status = "domestic" if m == j else mats[r["operation"]].status_name(m, j)
    if m not in alone:
        note = f"no legal route of its own: the hub {j} gives it one"
    elif m == j:
        note = "the hub: its own waste goes on with its members'"
    else:
        note = f"collected to {j} ({lg['km']:,.0f} km), then on with the hub's shipment"
    d = _detour(m, float(lg["km"]) + float(r["distance_km"]), alone, detour_factor)
    if d["detour_flag"]:
        note += (f"; detour: {d['via_hub_km']:,.0f} km via {j} ({lg['km']:,.0f} collection + "
                 f"{float(r['distance_km']):,.0f} onward) against {d['direct_km']:,.0f} km shipping alone, "
                 f"{d['detour_ratio']:.2f}x (over {detour_factor:g}x): sea legs are direct port-to-port and a "
                 "feeder-served island's costs are a lower bound, so this saving may not be real")
    return {"iso3": m, "choice": "hub" if m == j else "joins hub", "hub_iso3": j,
            "facility_id": r["facility_id"], "facility_iso3": r["facility_iso3"], "operation": r["operation"],
            "tonnes": q, "collect_km": lg["km"], "collect_transit_iso3": ";".join(lg.get("transit", [])),
            "leg_legal_status": status, "cost_usd": cost, "note": note, **d}


def assignment_rows(members: list[str], q_of: dict[str, float], st: Settlement, ch: Choices, opts: pd.DataFrame,
                    leg: dict, mats: dict, alone: dict[str, dict], hub_extra: dict[str, dict], *,
                    detour_factor: float = DETOUR_FACTOR) -> pd.DataFrame:
    """One row per member: ``choice``, hub, facility, cost (with its share of the hub's
    onward fixed cost), ``alone_usd``, ``saving_usd``/``saving_pct`` against shipping alone
    (empty when it has no route alone), through a hub ``direct_km`` (its own route's km
    alone), ``via_hub_km`` (collection + onward), ``detour_ratio`` and ``detour_flag``
    (ratio above ``detour_factor``), and a ``note``."""
    rows = []
    for i, m in enumerate(members):
        q = q_of[m]
        if m in st.member_of:
            row = _hub_row(m, q, st, opts, leg, mats, alone, detour_factor)
        elif m in st.alone and m in alone:
            a = alone[m]
            row = {"iso3": m, "choice": "ships alone", "hub_iso3": "", "facility_id": a["facility_id"],
                   "facility_iso3": a["facility_iso3"], "operation": a["operation"], "tonnes": q,
                   "collect_km": np.nan, "collect_transit_iso3": "", "leg_legal_status": "",
                   "cost_usd": a["cost"], "note": _alone_note(m, i, ch, opts, st, leg, q_of, hub_extra, mats)}
        else:
            row = {"iso3": m, "choice": "unserved", "hub_iso3": "", "facility_id": "", "facility_iso3": "",
                   "operation": "", "tonnes": q, "collect_km": np.nan, "collect_transit_iso3": "",
                   "leg_legal_status": "", "cost_usd": np.nan, "note": "see hub_excluded"}
        a_cost = alone[m]["cost"] if m in alone else np.nan
        saving = a_cost - row["cost_usd"] if m in alone and np.isfinite(row["cost_usd"]) else np.nan
        row.update(alone_usd=a_cost, saving_usd=saving,
                   saving_pct=100.0 * saving / a_cost if np.isfinite(saving) and a_cost else np.nan)
        rows.append(row)
    cols = ["iso3", "choice", "hub_iso3", "facility_id", "facility_iso3", "operation", "tonnes", "collect_km",
            "collect_transit_iso3", "leg_legal_status", "cost_usd", "alone_usd", "saving_usd", "saving_pct",
            "direct_km", "via_hub_km", "detour_ratio", "detour_flag", "note"]
    out = pd.DataFrame(rows, columns=cols)
    out["detour_flag"] = out["detour_flag"].eq(True)
    return out
