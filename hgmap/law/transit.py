"""Transit States: Basel Art 6(4) (Parties), Art 7 (non-Parties), regional and national transit bans.

A transit State passed only through its territorial sea (``sea_passage``: the router's
choice, see ``sea_passage_is_transit`` in :mod:`hgmap.network`) is still a transit State
for Basel, but the Izmir Protocol's transit ban does not reach it: Art 5(4) is "subject to"
Art 6(4), under which a movement through the territorial sea of a State of transit needs
only the prior notification of that State by the State of export.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

import numpy as np

from .reason import TransitAssessment, build_reason
from .rules import RULES, national_bans, prohibited_what, wsr_transit_citation
from .state import State
from .tables import Ban, Fact

__all__ = ["TransitMask", "transit_masks", "transit_skip", "assess_transit"]


class TransitMask(NamedTuple):
    """One transit prohibition: which transit States it binds, for which origins and destinations."""

    rule_id: str
    ban: Ban | None
    transit: np.ndarray  # bool over State positions: the transit States the ban binds
    origins: np.ndarray  # bool: origins it applies to
    destinations: np.ndarray  # bool: destinations it applies to
    sea_exempt: bool  # passage only through the transit State's territorial sea is not banned


def transit_masks(s: State, stream: str, op: str) -> list[TransitMask]:
    """Transit prohibitions in force on the state's date (cached per state, stream and operation)."""
    key = ("transit", stream, op)
    if key in s.cache:
        return s.cache[key]
    out: list[TransitMask] = []
    a = s.arr
    every = np.ones(s.n, bool)
    if s.bans("R7-caa-transit"):
        out.append(TransitMask("R7-caa-transit", None, a["caa"], ~a["caa"], every, False))
    if s.bans("R7-izmir-transit"):
        # Izmir Art 5(4): non-EU Parties prohibit all transit; every Party (the EU Member
        # State Parties too) prohibits transit to developing countries (Art 1(u): States
        # not members of the OECD). Both "subject to" Art 6(4) (territorial sea).
        out.append(TransitMask("R7-izmir-transit", None, a["izmir_non_eu"], every, every, True))
        out.append(TransitMask("R7-izmir-transit", None, a["izmir"] & ~a["izmir_non_eu"], every, ~a["oecd"], True))
    for ban in national_bans(s, "R7-national-transit", stream, op):
        out.append(TransitMask("R7-national-transit", ban, s.group_mask(ban.holder), s.partner_mask(ban.partners),
                               every, False))
    s.cache[key] = out
    return out


def transit_skip(s: State, o: int, d: int, t: int) -> bool:
    """Passing through one's own (or the other end's) State is not transit by another State."""
    return s.sov[t] in (s.sov[o], s.sov[d])


def _binds(m: TransitMask, io: int, id_: int, it: int, sea_only: bool) -> bool:
    return bool(m.transit[it] and m.origins[io] and m.destinations[id_]) and not (sea_only and m.sea_exempt)


def assess_transit(s: State, o: str, d: str, t: str, stream: str, op: str, *,
                   sea_passage: Collection[str] = ()) -> TransitAssessment:
    """How transit State ``t`` treats the movement o -> d (``t`` in ``sea_passage``: passed
    only through its territorial sea)."""
    io, id_, it = s.idx(o), s.idx(d), s.idx(t)
    n = s.name
    sea_only = t in sea_passage
    if transit_skip(s, io, id_, it):
        return TransitAssessment(t, "domestic", (RULES["R0-same-state"].reason(
            s, f"{n(t)} is part of the same State as an end of the movement; not a transit State.",
            effect="informs", states=(t,)),))
    reasons = []
    izmir_sea = False
    for m in transit_masks(s, stream, op):
        if not (m.transit[it] and m.origins[io] and m.destinations[id_]):
            continue
        if sea_only and m.sea_exempt:
            izmir_sea = izmir_sea or m.rule_id == "R7-izmir-transit"
            continue
        rule, ban = RULES[m.rule_id], m.ban
        if ban is not None:
            # As for import and export bans: a date the sources do not give makes it low.
            unk = f" ({ban.date_text(s.as_of)})" if ban.date_unknown(s.as_of) else ""
            reasons.append(rule.reason(s, f"{n(t)} prohibits {prohibited_what('transit', ban.scope_wastes)} "
                                       f"[{ban.ban_id}]{unk}.", citation=f"{ban.legal_basis}; Basel Art 4(11)",
                                       conf="low" if unk else ban.confidence, sources=ban.sources, who=t,
                                       ban_ids=(ban.ban_id,), states=(t,)))
        elif m.rule_id == "R7-caa-transit":
            reasons.append(rule.reason(s, f"{n(t)} is a Central American Agreement Party; transit of "
                                       f"hazardous wastes from non-Parties such as {n(o)} is restricted (paraphrase, "
                                       "verify).", [s.fact("caa", t)], who=t, states=(t,)))
        elif s.arr["izmir_non_eu"][it]:
            reasons.append(rule.reason(s, f"{n(t)} is a non-EU Party to the Izmir Protocol, which must prohibit all "
                                       "transit of hazardous wastes within the area under its jurisdiction (Art 5(4); "
                                       "Art 1(k): any land, marine area or airspace), overland transit included; "
                                       "passage only through its territorial sea would need prior notification "
                                       "instead (Art 6(4)).", [s.fact("izmir", t)], who=t, states=(t,)))
        else:
            reasons.append(rule.reason(s, f"{n(t)} is a Party to the Izmir Protocol, which must prohibit the transit "
                                       f"of hazardous wastes to developing countries (Art 5(4)); {n(d)} is not an OECD "
                                       f"member on {s.as_of.isoformat()} (Art 1(u), as read).",
                                       [s.fact("izmir", t), s.fact("oecd", d)], who=t, states=(t,)))
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
            s, f"{n(t)} is {_outside(s, t, pt)}: it must be notified (Art 7 applies Art 6(1)), and its own law "
            "applies.", [pt], who=t, states=(t,)))
        status = "not_governed"
    if izmir_sea:
        out.append(RULES["R7-izmir-sea"].reason(
            s, f"{n(t)} is passed only through its territorial sea: under the Izmir Protocol the State of export must "
            f"notify {n(t)} in advance (Art 6(4)); its transit ban (Art 5(4)) does not apply to that passage.",
            [s.fact("izmir", t)], who=t, states=(t,)))
    a = s.arr
    if a["wsr"][it] and not (a["wsr"][io] and a["wsr"][id_]):
        out.append(RULES["R7-eu-transit"].reason(
            s, f"Transit through {n(t)} (EU law applies) needs the consent of its competent authority under the "
            "Waste Shipment Regulation.", [s.fact("eu_law", t)], who=t, states=(t,),
            citation=wsr_transit_citation(s.as_of, end_in_eu=bool(a["wsr"][io] or a["wsr"][id_]))))
    out += _partial_transit_flags(s, io, it, t, stream, op)
    return TransitAssessment(t, status, tuple(out))


def _outside(s: State, t: str, fact: Fact) -> str:
    """"not a Basel Party (<the fact's detail>)", or, when the data cannot establish it, the
    law's own wording (:meth:`State.not_party`: "not known to be a Basel Party (not a Party
    on 2025-10-22; hgmap's list is complete to then)")."""
    phrase = s.not_party("basel", t)
    return f"{phrase} ({fact.detail})" if phrase == "not a Basel Party" else phrase


def _partial_transit_flags(s: State, io: int, it: int, t: str, stream: str, op: str) -> list:
    """National transit bans whose reach into the stream is not established (a list not
    read, e.g. Kyrgyzstan's Annex 1): reported, never prohibiting (FLAG-stream-scope)."""
    flag = RULES["FLAG-stream-scope"]
    out = []
    for ban in national_bans(s, "R7-national-transit", stream, op, match="partial"):
        if s.group_mask(ban.holder)[it] and s.partner_mask(ban.partners)[io]:
            out.append(build_reason(
                s, flag.rule_id, flag.kind, "national",
                f"{s.name(t)}'s transit ban [{ban.ban_id}] on {ban.scope_wastes} may reach part of this "
                "stream; check the consignment.", citation=f"{ban.legal_basis}; Basel Art 4(11)",
                conf=ban.confidence, sources=ban.sources, who=t, ban_ids=(ban.ban_id,), states=(t,)))
    return out
