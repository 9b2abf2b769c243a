"""The hub MILP: which member joins which hub's onward option, solved with HiGHS.

Variables ``y[i, option]`` (member ``i`` sent through an open hub option), ``z[option]``
(the hub opens with that onward option), ``a[i]`` (member ``i`` ships alone, by its own
best option, at its own cost) and ``u[i]`` (member unserved, at a penalty above any
cost); constraints: each member through one hub, alone or unserved, ``y <= z``, one
onward option per hub, at most ``p`` hubs, and the capacity a candidates file gives.

Because every member that has a legal route of its own may ship alone, a hub opens
only when it lowers the total (or gives a member a route it has no other way), and no
member joins a hub through which its own costs exceed shipping alone.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from ..errors import HgmapError
from .costs import container_cost_mid

__all__ = ["Choices", "assignment_choices", "solve_hubs"]

log = logging.getLogger(__name__)


class Choices(NamedTuple):
    """The ``y`` variables: member index, option index and cost of each legal choice."""

    member: np.ndarray
    option: np.ndarray
    cost: np.ndarray
    #: ``{member: {"ISO3 [rules]", ...}}``: final destinations its own State may not send to.
    final_block: dict[str, set[str]]
    #: Members with at least one legal choice.
    served_possible: set[str]


def assignment_choices(opts: pd.DataFrame, members: list[str], leg: dict, mats: dict, q_of: dict[str, float], *,
                       payload: tuple[float, float], fixed: float, hub_extra: dict[str, dict]) -> Choices:
    """Every legal (member, onward option) pair, priced for the member's tonnes (the
    collection shipment in whole containers, as :func:`hgmap.plan.plan` counts them)."""
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
            collect = 0.0 if i == j else float(container_cost_mid(q, lg["teu_lo"], lg["teu_hi"], payload)) + fixed
            if i != j and "storage_usd_per_t" in hub_extra.get(j, {}):
                collect += q * hub_extra[j]["storage_usd_per_t"]
            y_i.append(members.index(i))
            y_o.append(o)
            y_cost.append(q * r.rate + collect)
    served_possible = {members[i] for i in y_i}
    return Choices(np.array(y_i, int), np.array(y_o, int), np.array(y_cost, float), final_block, served_possible)


def _capacity_constraint(ch: Choices, hub_of: np.ndarray, capped: list[int], members: list[str],
                         hub_cands: list[str], q_of: dict[str, float], hub_extra: dict[str, dict],
                         nv: int) -> LinearConstraint:
    """Tonnes a capped hub collects from other members stay within its capacity."""
    y_hub = hub_of[ch.option]
    use = np.isin(y_hub, capped) & (np.array([members[i] for i in ch.member]) != np.array(hub_cands)[y_hub])
    row_of_hub = {a: r for r, a in enumerate(capped)}
    A5 = sp.csr_array((np.array([q_of[members[i]] for i in ch.member[use]], float),
                       ([row_of_hub[a] for a in y_hub[use]], np.flatnonzero(use))), shape=(len(capped), nv))
    return LinearConstraint(A5, -np.inf, [hub_extra[hub_cands[a]]["capacity_tpy"] for a in capped])


def solve_hubs(ch: Choices, opts: pd.DataFrame, hub_cands: list[str], members: list[str], q_of: dict[str, float],
               hub_extra: dict[str, dict], p: int, *, alone_cost: np.ndarray | None = None) -> dict:
    """Solve the MILP; returns ``y``, ``z`` (bool), ``a`` (ships alone), ``u``, the solver
    ``message`` and its size.

    ``alone_cost[i]`` is member ``i``'s cost of shipping alone (``nan`` or ``inf``: it has
    no legal route of its own); ``None`` forbids shipping alone (every member through a
    hub or unserved). At most ``p`` hubs open.
    """
    n_y, n_o, n_m = len(ch.member), len(opts), len(members)
    alone_cost = np.full(n_m, np.nan) if alone_cost is None else np.asarray(alone_cost, float)
    alone_i = np.flatnonzero(np.isfinite(alone_cost))
    n_a = len(alone_i)
    top = max([float(ch.cost.max()) if n_y else 1.0, *(alone_cost[alone_i] if n_a else [])])
    big = 10.0 * top + 1e6
    # Options with container columns (hub_routes.onward_options): ``fixed`` pays the first
    # container; integer ``e_lo``/``e_hi`` count the more the hub's tonnes need (low and
    # high payload), so the onward shipment is priced in whole containers as the plan does.
    boxes = n_o > 0 and {"teu_lo", "teu_hi", "pay_lo", "pay_hi"} <= set(opts.columns)
    n_e = 2 * n_o if boxes else 0
    c_e = (np.concatenate([opts["teu_lo"].to_numpy(float), opts["teu_hi"].to_numpy(float)]) / 2 if boxes
           else np.zeros(0))
    c = np.concatenate([ch.cost, opts["fixed"].to_numpy(float), alone_cost[alone_i], np.full(n_m, big), c_e])
    nv = n_y + n_o + n_a + n_m + n_e
    u0 = n_y + n_o + n_a
    e0 = u0 + n_m
    # (1) each member: sum_y + a + u = 1
    A1 = sp.csr_array((np.ones(n_y + n_a + n_m),
                       (np.concatenate([ch.member, alone_i, np.arange(n_m)]),
                        np.concatenate([np.arange(n_y), n_y + n_o + np.arange(n_a), u0 + np.arange(n_m)]))),
                      shape=(n_m, nv))
    # (2) y <= z
    A2 = sp.csr_array((np.concatenate([np.ones(n_y), -np.ones(n_y)]),
                       (np.concatenate([np.arange(n_y)] * 2), np.concatenate([np.arange(n_y), n_y + ch.option]))),
                      shape=(n_y, nv))
    # (3) one onward option per hub; (4) p hubs
    hub_of = opts["origin_iso3"].map({j: a for a, j in enumerate(hub_cands)}).to_numpy(int)
    A3 = sp.csr_array((np.ones(n_o), (hub_of, n_y + np.arange(n_o))), shape=(len(hub_cands), nv))
    A4 = sp.csr_array((np.ones(n_o), (np.zeros(n_o, int), n_y + np.arange(n_o))), shape=(1, nv))
    cons = [LinearConstraint(A1, 1, 1), LinearConstraint(A2, -np.inf, 0), LinearConstraint(A3, 0, 1),
            LinearConstraint(A4, 0, p)]
    if boxes:
        # (6) payload x (z + e) >= tonnes through the option, for each payload end.
        q_y = np.array([q_of[members[i]] for i in ch.member], float)
        for k, pay in enumerate((opts["pay_hi"].to_numpy(float), opts["pay_lo"].to_numpy(float))):
            A6 = sp.csr_array((np.concatenate([-q_y, pay, pay]),
                               (np.concatenate([ch.option, np.arange(n_o), np.arange(n_o)]),
                                np.concatenate([np.arange(n_y), n_y + np.arange(n_o), e0 + k * n_o + np.arange(n_o)]))),
                              shape=(n_o, nv))
            cons.append(LinearConstraint(A6, 0, np.inf))
    # (5) hubs with a capacity from the candidates file: tonnes collected from other members.
    capped = [a for a, j in enumerate(hub_cands) if "capacity_tpy" in hub_extra.get(j, {})]
    if capped and n_y:
        cons.append(_capacity_constraint(ch, hub_of, capped, members, hub_cands, q_of, hub_extra, nv))
    # A member goes to one hub whole: with capacities or whole containers, y must be binary
    # (without them the LP relaxation of y is already integral once z is).
    whole = bool(capped) or boxes
    y_kind = np.ones(n_y) if whole else np.zeros(n_y)
    a_kind = np.ones(n_a) if whole else np.zeros(n_a)
    integrality = np.concatenate([y_kind, np.ones(n_o), a_kind, np.zeros(n_m), np.ones(n_e)])
    upper = np.concatenate([np.ones(nv - n_e), np.full(n_e, np.inf)])
    sol = milp(c, constraints=cons, integrality=integrality, bounds=Bounds(0, upper))
    if sol.status != 0 or sol.x is None:
        raise HgmapError(f"hub MILP failed: {sol.message}")
    a = np.zeros(n_m)
    a[alone_i] = sol.x[n_y + n_o:u0]
    return {"y": sol.x[:n_y], "z": np.round(sol.x[n_y:n_y + n_o]).astype(bool), "a": a, "u": sol.x[u0:e0],
            "message": sol.message, "n_variables": nv,
            "n_constraints": n_m + n_y + len(hub_cands) + 1 + len(capped) + (2 * n_o if boxes else 0)}
