"""Transit States: Basel Art 6(4) (Parties), Art 7 (non-Parties), regional and national transit bans."""

from __future__ import annotations

import numpy as np

from .reason import TransitAssessment
from .rules import RULES, national_bans
from .state import State
from .tables import Ban

__all__ = ["transit_masks", "transit_skip", "assess_transit"]


def transit_masks(s: State, stream: str, op: str) -> list[tuple[str, Ban | None, np.ndarray, np.ndarray]]:
    """Transit prohibitions as (rule_id, ban, transit-state mask, origin mask), cached per state."""
    key = ("transit", stream, op)
    if key in s.cache:
        return s.cache[key]
    out: list[tuple[str, Ban | None, np.ndarray, np.ndarray]] = []
    a = s.arr
    if s.bans("R7-caa-transit"):
        out.append(("R7-caa-transit", None, a["caa"], ~a["caa"]))
    if s.bans("R7-izmir-transit"):
        out.append(("R7-izmir-transit", None, a["izmir_non_eu"], np.ones(s.n, bool)))
    for ban in national_bans(s, "R7-national-transit", stream, op):
        out.append(("R7-national-transit", ban, s.group_mask(ban.holder), s.partner_mask(ban.partners)))
    s.cache[key] = out
    return out


def transit_skip(s: State, o: int, d: int, t: int) -> bool:
    """Passing through one's own (or the other end's) State is not transit by another State."""
    return s.sov[t] in (s.sov[o], s.sov[d])


def assess_transit(s: State, o: str, d: str, t: str, stream: str, op: str) -> TransitAssessment:
    """How transit State ``t`` treats the movement o -> d."""
    io, id_, it = s.idx(o), s.idx(d), s.idx(t)
    n = s.name
    if transit_skip(s, io, id_, it):
        return TransitAssessment(t, "domestic", (RULES["R0-same-state"].reason(
            s, f"{n(t)} is part of the same State as an end of the movement; not a transit State.",
            effect="informs", states=(t,)),))
    reasons = []
    for rid, ban, tm, om in transit_masks(s, stream, op):
        if not (tm[it] and om[io]):
            continue
        rule = RULES[rid]
        if ban is not None:
            reasons.append(rule.reason(s, f"{n(t)} prohibits the transit of {ban.scope_wastes[:160]} [{ban.ban_id}].",
                                       citation=f"{ban.legal_basis}; Basel Art 4(11)", conf=ban.confidence,
                                       sources=ban.sources, who=t, ban_ids=(ban.ban_id,), states=(t,)))
        elif rid == "R7-caa-transit":
            reasons.append(rule.reason(s, f"{n(t)} is a Central American Agreement Party; transit of "
                                       f"hazardous wastes from non-Parties such as {n(o)} is restricted (paraphrase, "
                                       "verify).", [s.fact("caa", t)], who=t, states=(t,)))
        else:
            reasons.append(rule.reason(s, f"{n(t)} is a non-EU Izmir Protocol Party; such Parties prohibit "
                                       "the transit of hazardous wastes (secondary summary, verify).",
                                       [s.fact("izmir", t)], who=t, states=(t,)))
    if reasons:
        return TransitAssessment(t, "prohibited", tuple(reasons))
    pt = s.fact("basel", t)
    out = []
    if pt.value:
        out.append(RULES["R7-party-transit"].reason(
            s, f"{n(t)} is a Basel Party: the movement may not start without its written consent (or 60 days' "
            "silence if it has waived prior written consent).", [pt], who=t, states=(t,)))
        status = "permitted_with_consent"
    else:
        out.append(RULES["R7-nonparty-transit"].reason(
            s, f"{n(t)} is not a Basel Party ({pt.detail}): it must be notified (Art 7 applies Art 6(1)), and its "
            "own law applies.", [pt], who=t, states=(t,)))
        status = "not_governed"
    a = s.arr
    if a["wsr"][it] and not (a["wsr"][io] and a["wsr"][id_]):
        out.append(RULES["R7-eu-transit"].reason(
            s, f"Transit through {n(t)} (EU law applies) needs the consent of its competent authority under the "
            "Waste Shipment Regulation.", [s.fact("eu_law", t)], who=t, states=(t,)))
    return TransitAssessment(t, status, tuple(out))
