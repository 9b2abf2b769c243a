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
                       pay: float, fixed: float, hub_extra: dict[str, dict]) -> Choices:
    """Every legal (member, onward option) pair, priced for the member's tonnes."""
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
    c = np.concatenate([ch.cost, opts["fixed"].to_numpy(float), alone_cost[alone_i], np.full(n_m, big)])
    nv = n_y + n_o + n_a + n_m
    u0 = n_y + n_o + n_a
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
    # (5) hubs with a capacity from the candidates file: tonnes collected from other members.
    capped = [a for a, j in enumerate(hub_cands) if "capacity_tpy" in hub_extra.get(j, {})]
    if capped and n_y:
        cons.append(_capacity_constraint(ch, hub_of, capped, members, hub_cands, q_of, hub_extra, nv))
    # A member goes to one hub whole: with capacities, y must be binary (without them the
    # LP relaxation of y is already integral once z is).
    y_kind = np.ones(n_y) if capped else np.zeros(n_y)
    a_kind = np.ones(n_a) if capped else np.zeros(n_a)
    integrality = np.concatenate([y_kind, np.ones(n_o), a_kind, np.zeros(n_m)])
    sol = milp(c, constraints=cons, integrality=integrality, bounds=Bounds(0, 1))
    if sol.status != 0 or sol.x is None:
        raise HgmapError(f"hub MILP failed: {sol.message}")
    a = np.zeros(n_m)
    a[alone_i] = sol.x[n_y + n_o:u0]
    return {"y": sol.x[:n_y], "z": np.round(sol.x[n_y:n_y + n_o]).astype(bool), "a": a, "u": sol.x[u0:],
            "message": sol.message, "n_variables": nv,
            "n_constraints": n_m + n_y + len(hub_cands) + 1 + len(capped)}
