"""Who ships through a hub, who ships alone, and what each member pays.

The MILP (:mod:`hgmap.plan.hub_milp`) lets every member with a legal route of its own
ship alone, so it opens a hub only when that lowers the total. :func:`settle` turns its
solution into a recommendation:

- a "hub" that collects from no other member is not a hub: its country ships alone;
- a hub whose members together save nothing against shipping alone (a tie the solver
  may break either way) is not recommended: its members ship alone;
- what a hub saves is shared by tonnes: a member that could ship alone pays its cost
  alone minus its tonnes' share of the hub's net saving (its members' costs alone minus
  their own costs through the hub and the onward fixed cost: one part-filled container
  and the per-shipment costs of the onward movement). Every such member saves the same
  per tonne and none pays more than shipping alone; members with no legal route of
  their own (they gain one through the hub) pay their own costs and carry, by tonnes,
  the onward fixed cost the others' savings do not cover.

:func:`assignment_rows` writes one row per member with its choice, cost, cost alone,
saving and a note saying why it did not do otherwise.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

import numpy as np
import pandas as pd

from .hub_milp import Choices
from .hub_routes import onward_fixed

__all__ = ["Settlement", "settle", "assignment_rows", "CHOICES"]

log = logging.getLogger(__name__)

#: A member's outcome in ``HubResult.assignments["choice"]``.
CHOICES = ("hub", "joins hub", "ships alone", "unserved")

#: USD: a hub saving this little or less over shipping alone is a tie, not a recommendation.
SAVING_TOLERANCE_USD = 0.5


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
           alone: dict[str, dict], q_of: dict[str, float]) -> Settlement:
    """The hubs worth recommending, each member's choice and its share of its hub's costs."""
    member_of = dict(member_of)
    alone_set = set(ships_alone)
    by_opt: dict[int, list[str]] = {}
    for m, (o, _) in member_of.items():
        by_opt.setdefault(o, []).append(m)
    share: dict[str, float] = {}
    open_opts: list[int] = []
    dropped: dict[str, str] = {}
    for o, ms in sorted(by_opt.items()):
        r = opts.iloc[o]
        j, fixed = r["origin_iso3"], onward_fixed(r, sum(q_of[m] for m in ms))
        access = [m for m in ms if m not in alone]
        gross = {m: max(alone[m]["cost"] - member_of[m][1], 0.0) for m in ms if m in alone}
        net = sum(gross.values()) - fixed
        if not access and (ms == [j] or net <= SAVING_TOLERANCE_USD):
            dropped[j] = ("collects from no other member" if ms == [j] else
                          f"saves nothing against shipping alone (USD {net:,.0f})")
            for m in ms:
                del member_of[m]
                alone_set.add(m)
            continue
        open_opts.append(o)
        share.update(_shares(fixed, gross, access, q_of))
    return Settlement(member_of, alone_set, share, open_opts, dropped)


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


def _alone_note(m: str, i: int, ch: Choices, opts: pd.DataFrame, st: Settlement, leg: dict,
                q_of: dict[str, float], hub_extra: dict[str, dict]) -> str:
    """Why a member ships alone rather than through an open hub."""
    if not st.open_opts:
        return "ships alone: no hub saves against shipping alone"
    best = _best_open_hub(i, ch, opts, st.open_opts)
    if best is None:
        hubs = sorted({opts.iloc[o]["origin_iso3"] for o in st.open_opts})
        why = [f"to {j}: " + "; ".join(f"{op} {w}" for op, w in leg[(m, j)]["why"].items())
               for j in hubs if leg.get((m, j), {}).get("why")]
        return "ships alone: may not legally join an open hub" + (f" ({' | '.join(why)})" if why else "")
    j, cost = best
    return (f"ships alone: through hub {j} its own costs would be USD {cost:,.0f} before any share of the "
            "hub's onward costs" + _full(j, q_of[m], st, opts, q_of, hub_extra))


def _hub_row(m: str, q: float, st: Settlement, opts: pd.DataFrame, leg: dict, mats: dict,
             alone: dict[str, dict]) -> dict:
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
    return {"iso3": m, "choice": "hub" if m == j else "joins hub", "hub_iso3": j,
            "facility_id": r["facility_id"], "facility_iso3": r["facility_iso3"], "operation": r["operation"],
            "tonnes": q, "collect_km": lg["km"], "collect_transit_iso3": ";".join(lg.get("transit", [])),
            "leg_legal_status": status, "cost_usd": cost, "note": note}


def assignment_rows(members: list[str], q_of: dict[str, float], st: Settlement, ch: Choices, opts: pd.DataFrame,
                    leg: dict, mats: dict, alone: dict[str, dict], hub_extra: dict[str, dict]) -> pd.DataFrame:
    """One row per member: ``choice``, hub, facility, cost (with its share of the hub's
    onward fixed cost), ``alone_usd``, ``saving_usd``/``saving_pct`` against shipping alone
    (empty when it has no route alone) and a ``note``."""
    rows = []
    for i, m in enumerate(members):
        q = q_of[m]
        if m in st.member_of:
            row = _hub_row(m, q, st, opts, leg, mats, alone)
        elif m in st.alone and m in alone:
            a = alone[m]
            row = {"iso3": m, "choice": "ships alone", "hub_iso3": "", "facility_id": a["facility_id"],
                   "facility_iso3": a["facility_iso3"], "operation": a["operation"], "tonnes": q,
                   "collect_km": np.nan, "collect_transit_iso3": "", "leg_legal_status": "",
                   "cost_usd": a["cost"], "note": _alone_note(m, i, ch, opts, st, leg, q_of, hub_extra)}
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
            "collect_transit_iso3", "leg_legal_status", "cost_usd", "alone_usd", "saving_usd", "saving_pct", "note"]
    return pd.DataFrame(rows, columns=cols)
