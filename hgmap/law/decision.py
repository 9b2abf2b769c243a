"""The legal answer for one movement: :func:`assess` and its :class:`Decision`.

Not legal advice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import UnknownCountryError
from ..vocab import check_operation, check_stream
from .reason import Condition, Reason, TransitAssessment, Unknown, build_reason
from .rules import (PAIR_RULES, PROHIBITED, RULES, STATUSES, Ctx, kuwait_import_flags, status_codes,
                    stream_scope_flags, wsr_label)
from .scenario import Scenario
from .state import State, check_code, get_state, resolve_date, resolve_scenario
from .tables import Agreement, max_conf, min_conf
from .transit import assess_transit

__all__ = ["Decision", "assess", "decide", "sea_passage_codes", "NOT_ADVICE"]

NOT_ADVICE = "Not legal advice: check with the competent authorities of every State concerned."
_US_EXPORT_IMPORT_2016 = dt.date(2016, 12, 31)  # 40 CFR 262.84 (81 FR 85696); before: 262.60 (Subpart F)
_DATED = {"exact", "predecessor", "scenario"}  # agreement date qualities that need no caveat
_BY_ID = {r.rule_id: r for r in PAIR_RULES}


@dataclasses.dataclass(frozen=True)
class Decision:
    """The legal answer for one movement. See :func:`assess`.

    ``requirements`` are the structured conditions (:class:`~hgmap.law.reason.Condition`);
    ``conditions`` their sentences. ``sea_passage`` are the via States passed only through
    their territorial sea (Izmir Protocol Art 6(4)).
    """

    origin: str
    destination: str
    stream: str
    operation: str
    via: tuple[str, ...]
    as_of: dt.date
    status: str
    reasons: tuple[Reason, ...]
    requirements: tuple[Condition, ...]
    transit: tuple[TransitAssessment, ...]
    confidence: str
    unknowns: tuple[str, ...]
    notes: tuple[str, ...]
    data_date: str
    scenario: str | None = None
    sea_passage: tuple[str, ...] = ()

    @property
    def conditions(self) -> tuple[str, ...]:
        """What a permitted movement needs, as sentences (see ``requirements`` for the data)."""
        return tuple(c.text for c in self.requirements)

    @property
    def allowed(self) -> bool:
        """``True`` unless the status is ``prohibited``."""
        return self.status != "prohibited"

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Ids of the prohibiting rules (empty when not prohibited)."""
        return tuple(dict.fromkeys(r.rule_id for r in self.reasons if r.effect == "prohibits"))

    def reasons_of(self, *kinds: str) -> tuple[Reason, ...]:
        """The reasons (transit reasons excluded) whose ``kind`` is one of ``kinds``."""
        return tuple(r for r in self.reasons if r.kind in kinds)

    def to_dict(self) -> dict[str, Any]:
        """The decision as JSON-ready data (keys documented in ``docs/law.md``)."""
        return {
            "origin": self.origin, "destination": self.destination, "stream": self.stream,
            "operation": self.operation, "via": list(self.via),
            "sea_passage": list(self.sea_passage), "as_of": self.as_of.isoformat(),
            "status": self.status, "reasons": [r.to_dict() for r in self.reasons],
            "conditions": list(self.conditions), "requirements": [c.to_dict() for c in self.requirements],
            "transit": [t.to_dict() for t in self.transit],
            "confidence": self.confidence, "unknowns": list(self.unknowns), "notes": list(self.notes),
            "data_date": self.data_date, "scenario": self.scenario, "disclaimer": NOT_ADVICE,
        }

    def explain(self, *, procedure: bool = False) -> str:
        """A plain-text explanation (what ``hgmap legal`` prints); with ``procedure``, its steps too."""
        lines = [f"{self.origin} -> {self.destination}"
                 + (f" via {', '.join(self.via)}" if self.via else "")
                 + (f" (by sea only: {', '.join(self.sea_passage)})" if self.sea_passage else "")
                 + f": {self.stream}, {self.operation}, on {self.as_of.isoformat()}"
                 + (f" (scenario: {self.scenario})" if self.scenario else ""),
                 f"Status: {self.status.upper()} (confidence: {self.confidence})", "", "Reasons:"]
        for r in self.reasons:
            lines.append(f"  - [{r.rule_id}] {r.citation} ({r.effect}, {r.confidence}): {r.detail}")
        for t in self.transit:
            lines.append(f"  Transit {t.iso3}: {t.status}")
            for r in t.reasons:
                lines.append(f"    - [{r.rule_id}] {r.citation} ({r.effect}, {r.confidence}): {r.detail}")
        if self.conditions:
            lines += ["", "Conditions:"] + [f"  - {c}" for c in self.conditions]
        if self.unknowns:
            lines += ["", "Unknowns:"] + [f"  - {u}" for u in self.unknowns]
        if self.notes:
            lines += ["", "Notes:"] + [f"  - {n}" for n in self.notes]
        if procedure:
            from .procedure import procedure as _procedure

            proc = _procedure(self)
            lines += ["", f"Procedure ({proc.basis}):"] + [f"  {i}. {s.text}" for i, s in enumerate(proc.steps, 1)]
        lines += ["", f"Legal data as of {self.data_date}.", NOT_ADVICE]
        return "\n".join(lines)


# ------------------------------------------------------------------------------ decide


def _fired(s: State, io: int, id_: int, stream: str, op: str) -> tuple[list[str], int]:
    """(prohibiting rule ids, status code before transit) for one pair.

    Pairs of the countries layer are read from the cached matrix (computed once per date,
    scenario, stream and operation); other codes are evaluated rule by rule.
    """
    from .matrix import matrix_for

    m = matrix_for(s, stream, op)
    i, j = m.index.get(s.codes[io]), m.index.get(s.codes[id_])
    if i is not None and j is not None:
        return list(m.rules(s.codes[io], s.codes[id_])), int(m.status[i, j])
    c = Ctx(s, np.array([io]), np.array([id_]), stream, op)
    fired = [r.rule_id for r in PAIR_RULES if (mk := r.mask(c)) is not None and bool(mk[0])]  # type: ignore[misc]
    return fired, int(status_codes(c, np.array([bool(fired)]))[0])


def _basis_reasons(s: State, o: str, d: str, stream: str, op: str, code: int, fired: list[str]) -> list[Reason]:
    """Same State, Art 11 agreement, prior informed consent or 'not governed'."""
    io, id_, n = s.idx(o), s.idx(d), s.name
    po, pd_ = s.fact("basel", o), s.fact("basel", d)
    if s.sov[io] == s.sov[id_]:
        sov = s.codes[s.sov[io]]
        return [RULES["R0-same-state"].reason(s, f"{n(o)} and {n(d)} are parts of the same State ({n(sov)}): not a "
                                              "transboundary movement under Basel; its national law applies.",
                                              conf="medium", states=(sov,))]
    if code == PROHIBITED and "R2" in fired:
        return []
    if po.value != pd_.value and not s.arr["antarctic"][io] and not s.arr["antarctic"][id_]:
        out = []
        for a in s.covering_agreements(io, id_, op, stream):
            non = d if po.value else o
            extra = " Its scope is limited (see notes): check that the consignment qualifies." if a.scope_limited else ""
            unk = (f" Entry-into-force date: {a.date_quality}."
                   if a.date_quality not in _DATED and s.as_of < a.as_of else "")
            out.append(RULES["R2-art11"].reason(
                s, f"{n(non)} is {s.not_party('basel', non)}, but {a.title} [{a.agreement_id}] covers {op} from {o} "
                f"to {d}, "
                f"so Art 4(5) does not bar it.{extra}{unk}", [po, pd_], conf=a.confidence, sources=a.sources,
                citation=f"Basel Art 11; {a.agreement_id}", agreement_id=a.agreement_id, states=(non,)))
        return out
    if po.value and pd_.value and code != PROHIBITED:
        # Both Parties and nothing prohibits: the basis of the permission is the
        # Art 6 prior-informed-consent procedure, which the decision must name.
        return [RULES["R6-pic"].reason(s, f"{n(o)} and {n(d)} are both Basel Parties on {s.as_of}: the movement "
                                       "may go ahead only with the prior written consent of the State of import "
                                       "(Art 4(1)(c), Art 6(1)-(3)) and of each Party of transit (Art 6(4)).",
                                       [po, pd_], effect="permits", states=(d,))]
    if not po.value and not pd_.value:
        # Past a party list's evidence date neither "no" is established (Unknown basel_list):
        # the sentence says what is known, never "Neither ... is a Basel Party" as a fact.
        open_ = [(x, k) for x in (o, d) if (k := s.party_known_to("basel", x))]
        if open_:
            known = "; ".join(f"{n(x)}: not a Party on {k}" for x, k in open_)
            text = (f"Neither {n(o)} nor {n(d)} is known to be a Basel Party on {s.as_of} ({known}; hgmap's list "
                    "is complete to then): if neither is one, Basel does not govern the movement; national law "
                    "applies.")
        else:
            text = (f"Neither {n(o)} nor {n(d)} is a Basel Party on {s.as_of}: Basel does not govern the movement; "
                    "national law applies.")
        return [RULES["R2-not-governed"].reason(s, text, [po, pd_], states=(o, d))]
    return []


def _unknowns(s: State, o: str, d: str, reasons: list[Reason], transit: tuple[TransitAssessment, ...],
              basis: list[Any]) -> list[str]:
    """The unknowns the status rests on (Minamata unknowns cannot change a status: notes)."""
    out = [f.unknown for f in basis if f.unknown]
    out += [u for r in reasons if r.effect in {"prohibits", "permits"} for u in r.unknowns]
    # What a flag leaves unknown (the conditions of Kuwait Protocol Art 5, not read) is an
    # unknown the status rests on, unless the movement is prohibited anyway. Stream-scope
    # flags carry none: whether a consignment holds the listed part is the shipper's to check.
    if not any(r.effect == "prohibits" for r in reasons):
        out += [u for r in reasons if r.effect == "flags" for u in r.unknowns]
    out += [u for t in transit for r in t.reasons for u in r.unknowns]
    agreements: dict[str, Agreement] = {}
    for a in s.tables.agreements:
        agreements.setdefault(a.agreement_id, a)
    for r in reasons:
        if r.kind == "art11_agreement" and r.agreement_id in agreements:
            agr = agreements[r.agreement_id]
            if agr.date_quality not in _DATED and s.as_of < agr.as_of:
                out.append(f"the entry-into-force date of {agr.agreement_id} is not established "
                           f"({agr.date_quality}); hgmap treats it as in force on {s.as_of}")
    return list(dict.fromkeys(out))


def sea_passage_codes(s: State, via: tuple[str, ...], sea_passage: Any) -> tuple[str, ...]:
    """Checked ``sea_passage`` codes: ISO3 codes, each one of the ``via`` States."""
    out = tuple(check_code(s, t, "sea_passage") for t in _via_items(sea_passage, "sea_passage"))
    for t in out:
        if t not in via:
            msg = (f"sea_passage: {t!r} is not one of the via States ({', '.join(via) or 'none'}); a State passed "
                   "only through its territorial sea must also be listed in via")
            raise UnknownCountryError(msg)
    return tuple(dict.fromkeys(out))


#: Decisions kept per state (a dossier asks again what the report asked, 1,379 of 1,379 in
#: ``hgmap run``); past this many the memo starts afresh, so a loop over every pair stays bounded.
_MAX_DECISIONS = 50_000


def decide(s: State, o: str, d: str, stream: str, op: str, via: tuple[str, ...],
           sea_passage: tuple[str, ...] = ()) -> Decision:
    """The :class:`Decision` for checked codes on a resolved state (``sea_passage`` a subset of
    ``via``), memoised on the state: a decision is immutable and depends on nothing else."""
    memo = s.cache.setdefault("decisions", {})
    key = (o, d, stream, op, via, sea_passage)
    dec = memo.get(key)
    if dec is None:
        if len(memo) >= _MAX_DECISIONS:
            memo.clear()
        dec = memo[key] = _decide(s, o, d, stream, op, via, sea_passage)
    return dec


def _decide(s: State, o: str, d: str, stream: str, op: str, via: tuple[str, ...],
            sea_passage: tuple[str, ...]) -> Decision:
    tables, n = s.tables, s.name
    notes = []
    if s.as_of.isoformat() > tables.data_date:
        notes.append(f"The assessment date {s.as_of} is after the legal data date {tables.data_date}: "
                     "later accessions, amendments and bans are not in the data.")
    scen = s.scenario.name if s.scenario else None
    if scen:
        notes.append(f"Scenario applied: {scen}.")
    if o == d:
        reason = RULES["R0-domestic"].reason(s, f"Origin and destination are both {n(o)}: no transboundary "
                                             "movement; national law applies.", effect="informs", states=(o,))
        req = Condition("domestic", f"National law of {n(o)} applies.", states=(o,), rule_id="R0-domestic")
        return Decision(o, d, stream, op, (), s.as_of, "domestic", (reason,), (req,), (), "high", (),
                        tuple(notes), tables.data_date, scen)
    sea = sea_passage
    io, id_ = s.idx(o), s.idx(d)
    fired, code = _fired(s, io, id_, stream, op)
    same = bool(s.sov[io] == s.sov[id_])
    if same and not fired and all(s.sov[s.idx(t)] == s.sov[io] for t in via):
        reason = _basis_reasons(s, o, d, stream, op, code, fired)[0]
        transit = tuple(assess_transit(s, o, d, t, stream, op, sea_passage=sea) for t in via)
        return Decision(o, d, stream, op, via, s.as_of, "domestic", (reason,), _same_state_conditions(s, o, d),
                        transit, "medium", (), tuple(notes), tables.data_date, scen, sea)
    reasons = [_BY_ID[rid].why(s, o, d, stream, op) for rid in fired]
    basis_reasons = _basis_reasons(s, o, d, stream, op, code, fired)
    if same:
        reasons = basis_reasons + reasons
    else:
        reasons += basis_reasons
    reasons += stream_scope_flags(s, o, d, stream, op)
    reasons += kuwait_import_flags(s, o, d, op)
    transit = tuple(assess_transit(s, o, d, t, stream, op, sea_passage=sea) for t in via)
    blocked = [t for t in transit if t.status == "prohibited"]
    if blocked:
        reasons.append(RULES["R7-transit"].reason(
            s, "Transit is prohibited by " + ", ".join(f"{n(t.iso3)} ({', '.join(r.rule_id for r in t.reasons)})"
                                                       for t in blocked) + ".",
            conf=max_conf(*(r.confidence for t in blocked for r in t.reasons)), states=tuple(t.iso3 for t in blocked)))
        code = PROHIBITED
    status = STATUSES[code]
    within = _transit_within_agreement(s, o, d, reasons, transit) if status == "permitted_with_consent" else None
    if within is not None:
        transit = tuple(_agreement_transit(s, o, d, t, within) for t in transit)
    requirements = conditions(s, o, d, stream, op, status, reasons, transit)
    basis = _basis_facts(s, o, d, same)
    unknowns = _unknowns(s, o, d, reasons, transit, basis)
    for fct in (s.fact("minamata", o), s.fact("minamata", d)):
        if fct.unknown and fct.unknown not in notes:
            notes.append(fct.unknown[0].upper() + fct.unknown[1:] + ".")
    confidence = _confidence(s, o, d, via, status, [*reasons, *(r for t in transit for r in t.reasons
                                                         if r.effect == "flags")], basis, unknowns)
    if not same and (s.arr["annex7"][io] or "R3" in fired):
        notes.append(f"Basel Annex VII is read dynamically: Parties and other States that are members of the OECD "
                     f"or the EU on {s.as_of}, and Liechtenstein (NOTE-annex-vii; Basel Secretariat Q&A).")
    return Decision(o, d, stream, op, via, s.as_of, status, tuple(reasons), tuple(requirements), transit,
                    confidence, tuple(unknowns), tuple(notes), tables.data_date, scen, sea)


def _same_state_conditions(s: State, o: str, d: str) -> tuple[Condition, ...]:
    """Basel Art 2(3): a movement within one State is not transboundary, in either
    direction between a territory and its sovereign; within an EU Member State (an
    outermost region and the mainland) no EU notification applies either. EU rules still
    apply where EU law applies at one end only (a Member State and its OCT)."""
    n, a = s.name, s.arr
    io, id_ = s.idx(o), s.idx(d)
    sov = s.codes[s.sov[io]]
    if (a["oct"][io] and a["wsr"][id_]) or (a["oct"][id_] and a["wsr"][io]):
        # An overseas country or territory and its Member State: one State for Basel,
        # but EU law treats the OCT as outside the Union, so the shipment into EU law
        # territory follows the Waste Shipment Regulation's notification procedure.
        reg = wsr_label(s.as_of)
        return (Condition("domestic", f"A movement within one State (Basel Art 2(3)): no Basel transboundary "
                          f"procedure; the national law of {n(sov)} applies.", "Basel Art 2(3)", "national",
                          None, (sov,), "R0-same-state"),
                Condition("eu_wsr", f"{s.oct_fact(o if a['oct'][io] else d).detail}: the EU Waste Shipment "
                          f"Regulation treats it as outside the Union, so prior written notification and consent "
                          f"under it apply ({reg}).", reg, "eu", None,
                          tuple(x for x, i in ((o, io), (d, id_)) if a["wsr"][i]), "R9-wsr-procedure"))
    return (Condition("domestic", f"National law of {n(sov)} applies: a movement within one State (Basel "
                      "Art 2(3)), with no Basel or EU transboundary procedure.", "Basel Art 2(3)", "national",
                      None, (sov,), "R0-same-state"),)


def _basis_facts(s: State, o: str, d: str, same: bool) -> list:
    """The membership facts a decision between two States rests on."""
    if same:
        return []
    basis = [s.fact("basel", o), s.fact("basel", d)]
    if s.arr["annex7"][s.idx(o)]:
        basis.append(s.fact("ban_amendment", o))
    # A territory's OECD / Annex VII status decides R3, R9 and R10; when it is not
    # researched, the presumption is an unknown the answer rests on.
    for code_, other in ((o, d), (d, o)):
        if code_ in s.territory:
            # Annex VII (the Ban Amendment's list) matters only where Basel reaches the territory:
            # for Guam (the USA is no Party) only its OECD status does.
            basis += [s.fact("oecd", code_)] + ([s.fact("annex7", code_)] if s.fact("basel", code_).value else [])
            j = s.idx(other)
            # Whether the sovereign's Waigani ratification reaches the territory (Tokelau)
            # decides Arts 4(1) and 6 towards another Party or a place in the Convention Area.
            if s.arr["waigani"][j] or s.arr["waigani_area"][j]:
                basis.append(s.fact("waigani", code_))
    return basis


def _confidence(s: State, o: str, d: str, via: tuple[str, ...], status: str, reasons, basis,
                unknowns: list[str]) -> str:
    """A prohibition is as sure as its surest prohibiting reason; anything else as its
    weakest reason or fact, low with an unknown, and, for a movement that is permitted
    or that Basel does not govern (national law alone decides it), at most medium while
    the national rules of the origin (its exports), the destination (its imports) or a
    transit State are not researched (named in ``unknowns``)."""
    if status == "prohibited":
        return max_conf(*(r.confidence for r in reasons if r.effect == "prohibits"))
    confidence = min_conf(*(r.confidence for r in reasons if r.effect != "flags"), *(f.confidence for f in basis))
    if any(r.effect == "flags" for r in reasons):
        # A rule that may reach part of the stream (a listed compound, an article of it):
        # whether this consignment is caught is not known, so the answer cannot be "high".
        confidence = min_conf(confidence, "medium")
    if unknowns:
        confidence = "low"
    if status in ("permitted_with_consent", "not_governed"):
        # National rules hgmap has not researched may still forbid the export, the import
        # or the transit: the answer cannot be "high", and it names those States.
        roles = {o: "export"}
        roles.setdefault(d, "import")
        for t in via:
            roles.setdefault(t, "transit")
        unresearched = [(x, r) for x, r in roles.items() if not s.researched(x, r)]
        for x, role in unresearched:
            unknowns.append(Unknown(f"the national {role} rules of {s.name(x)} are not researched in hgmap's legal "
                                    f"data: a national ban of {s.name(x)} would prohibit this movement",
                                    "national_rules", role=role, state=x))
        if unresearched:
            confidence = min_conf(confidence, "medium")
    return confidence



def conditions(s: State, o: str, d: str, stream: str, op: str, status: str, reasons: list[Reason],
               transit: tuple[TransitAssessment, ...]) -> list[Condition]:
    """What a movement that is not prohibited needs, in order."""
    if status == "prohibited":
        return []
    n, a = s.name, s.arr
    io, id_ = s.idx(o), s.idx(d)
    out: list[Condition] = []
    if status == "permitted_with_consent":
        out += _pic_conditions(s, o, d, op, reasons)
    else:
        out.append(Condition("national_law", "Basel does not govern this movement: export and import need whatever "
                             f"permits the national law of {n(o)} and {n(d)} requires.", "", "national", None, (o, d),
                             "R2-not-governed"))
        for a_, exp, imp in s.agreements_in_force():
            # Outside Basel, a regional convention both States belong to has its own
            # notification and consent procedure (Waigani Art 6, Bamako Art 6, CAA).
            if a_.group in {"waigani", "bamako", "caa"} and exp[io] and imp[id_] and op in a_.operations:
                label = a_.short_title
                out.append(Condition("regional_procedure", f"Both States are Parties to {label} "
                                     f"[{a_.agreement_id}]: its own notification and prior written consent procedure "
                                     f"applies (the State of export notifies {n(d)}, which must consent in writing "
                                     "before the movement starts), with environmentally sound management and a "
                                     "movement document.", _regional_citation(a_, label), a_.group,
                                     a_.agreement_id, (o, d), "R2-art11", regional_agreement_citation(a_)))
    out += _kuwait_conditions(s, o, d)
    if a["wsr"][io] or a["wsr"][id_]:
        reg = wsr_label(s.as_of)
        out.append(Condition("eu_wsr", f"Prior written notification and consent under the EU Waste Shipment "
                             f"Regulation ({reg}).", reg, "eu", None,
                             tuple(x for x, i in ((o, io), (d, id_)) if a["wsr"][i]), "R9-wsr-procedure"))
    if a["us"][id_] and not a["us"][io]:
        out.append(_us_import_condition(s))
    if a["us"][io] and not a["us"][id_]:
        out.append(_us_export_condition(s, o))
    out += _minamata_conditions(s, o, d, stream, op, status)
    within = _transit_within_agreement(s, o, d, reasons, transit) if status == "permitted_with_consent" else None
    for t in transit:
        if within is not None and t.status != "domestic":
            out += _agreement_transit_conditions(s, o, d, t, within)
            continue
        for r in t.reasons:
            if r.effect == "requires":
                kind = {"transit_party": "transit_consent", "transit_non_party": "transit_notice",
                        "transit_sea_notice": "transit_notice"}.get(r.kind, r.kind)
                out.append(Condition(kind, r.detail, r.citation, r.instrument, None, (t.iso3,), r.rule_id))
    # A ban that may reach part of the stream (FLAG-stream-scope: Thailand's e-waste import ban for
    # lamps) prohibits nothing by itself, but the shipper must check the consignment against it:
    # a condition of the movement, so every table and report that lists the conditions names it
    # (Basel Art 4(1)(b), 4(2)(e) for an import ban; Art 4(11) for a transit ban).
    flags = [r for r in reasons if r.effect == "flags" and r.rule_id == "FLAG-stream-scope"]
    flags += [r for t in transit for r in t.reasons if r.effect == "flags" and r.rule_id == "FLAG-stream-scope"]
    for r in flags:
        out.append(Condition("stream_scope", r.detail, r.citation, r.instrument, None, tuple(r.states) or (d,),
                             r.rule_id))
    return out


#: Minamata Convention, Art 11 (text: https://www.mercuryconvention.org/en/documents/minamata-convention-
#: mercury-text-and-annexes). Art 11(3)(c), first sentence: "For Parties to the Basel Convention, not
#: transported across international boundaries except for the purpose of environmentally sound disposal
#: in conformity with this Article and with that Convention"; second: "In circumstances where the Basel
#: Convention does not apply to transport across international boundaries, a Party shall allow such
#: transport only after taking into account relevant international rules, standards, and guidelines."
_MINAMATA_BASEL = ("for Basel Parties it crosses borders only for environmentally sound disposal in conformity with "
                   "Art 11 and the Basel Convention (c)")
_MINAMATA_OUTSIDE = ("where the Basel Convention does not apply to the transport across borders, a Party allows it "
                     "only after taking into account relevant international rules, standards and guidelines (c)")


def _minamata_conditions(s: State, o: str, d: str, stream: str, op: str, status: str) -> list[Condition]:
    """Minamata Art 11(3) (and, for mining tailings, Art 11(2)) where the Convention is in force
    for the origin or the destination on the assessment date.

    Art 11(3)(c) has two branches: a Minamata Party that is a Basel Party moves mercury waste only
    for environmentally sound disposal under Basel; where Basel does not apply to the movement
    (``not_governed``: neither end is a Basel Party, or the Minamata Party is outside Basel) the
    Party allows it only after taking into account the relevant international rules, standards and
    guidelines. Each branch that applies is named, with its States.
    """
    parties = tuple(x for x in dict.fromkeys((o, d)) if s.fact("minamata", x).value)
    if not parties:
        return []
    n = s.name
    governed = status != "not_governed"
    basel = tuple(x for x in parties if governed and s.fact("basel", x).value)
    outside = tuple(x for x in parties if x not in basel)
    branches = []
    if basel:
        branches.append(_MINAMATA_BASEL if not outside else
                        _MINAMATA_BASEL.replace("for Basel Parties", f"for {_basel_parties_phrase(s, basel)}"))
    if outside:
        who = "" if not basel else f" (for {' and '.join(map(n, outside))})"
        branches.append(_MINAMATA_OUTSIDE + who)
    if op == "recovery":
        text = ("Minamata Art 11(3): manage the mercury waste in an environmentally sound manner (a); it may be "
                "recovered, recycled, reclaimed or directly re-used only for a use allowed to a Party under the "
                "Convention or for environmentally sound disposal (b); " + "; ".join(branches) + "."
                + (" Disposal in the Basel sense includes recovery operations (Annex IV B), so this recovery "
                   "movement must serve an allowed use or disposal." if basel else ""))
    else:
        text = ("Minamata Art 11(3): manage the mercury waste in an environmentally sound manner (a); "
                + "; ".join(branches) + ".")
    out = [Condition("minamata_esm", text, "Minamata Art 11(3)", "minamata", None, (o, d), "R8-minamata")]
    if stream == "mining_tailings":
        # Art 11(2): the definition of mercury waste "excludes overburden, waste rock and tailings from
        # mining, except from primary mercury mining, unless they contain mercury or mercury compounds
        # above thresholds defined by the Conference of the Parties".
        out.append(Condition(
            "minamata_tailings", "Minamata Art 11(2): the definition of mercury waste 'excludes overburden, waste "
            "rock and tailings from mining, except from primary mercury mining, unless they contain mercury or mercury "
            "compounds above thresholds defined by the Conference of the Parties': tailings from other mining, "
            "artisanal and small-scale gold mining included, are mercury waste when their mercury exceeds those "
            "thresholds (not in hgmap's data: check the consignment's mercury content).", "Minamata Art 11(2)", "minamata",
            None, parties, "R8-minamata"))
    return out


def _basel_parties_phrase(s: State, codes: tuple[str, ...]) -> str:
    """The Basel Parties of a Minamata branch, named: "Jamaica (JAM), a Basel Party"; "X and Y,
    Basel Parties"; a territory is no Party but is bound through its sovereign: "Anguilla (AIA)
    (covered by the Basel ratification of United Kingdom (GBR))"."""
    n = s.name
    parts = []
    for c in codes:
        terr = s.territory.get(c)
        parts.append(f"{n(c)} (covered by the Basel ratification of {n(terr.sovereign)})" if terr is not None
                     else n(c))
    states = [c for c in codes if c not in s.territory]
    if not states:
        return " and ".join(parts) + ","
    what = "a Basel Party" if len(states) == 1 else "Basel Parties"
    if len(states) < len(codes):
        what = "bound by the Basel Convention"
    return f"{' and '.join(parts)}, {what},"


def _kuwait_conditions(s: State, o: str, d: str) -> list[Condition]:
    """Kuwait Protocol Art 7 (export to a non-Contracting State) and Art 8 (between Contracting
    States): allowed "under certain conditions only" (ECOLEX's summary; the conditions not read)."""
    if "R6-kuwait" not in s.tables.rules:
        return []
    a, n = s.arr, s.name
    io, id_ = s.idx(o), s.idx(d)
    if not a["kuwait"][io] or s.sov[io] == s.sov[id_]:
        return []
    if a["kuwait"][id_]:
        return [Condition("regional_procedure", "Both States are Parties to the Kuwait Protocol (ROPME, 1998): a "
                          "transboundary movement between Contracting States is allowed only under the conditions of "
                          "Kuwait Protocol Art 8 (not read: check them with both competent authorities).",
                          "Kuwait Protocol Art 8", "kuwait", None, (o, d), "R6-kuwait")]
    return [Condition("regional_procedure", f"{n(o)} is a Party to the Kuwait Protocol (ROPME, 1998) and {n(d)} is "
                      "not: exports to non-Contracting States are allowed only under the conditions of Kuwait Protocol "
                      f"Art 7 (not read: check them with the competent authority of {n(o)}).",
                      "Kuwait Protocol Art 7", "kuwait", None, (o,), "R6-kuwait")]


def _us_export_condition(s: State, o: str) -> Condition:
    """The US export requirements in force on the assessment date (rule R10-us-export): from the
    USA and the territories RCRA counts as States (Puerto Rico, Guam, ...)."""
    if s.as_of >= _US_EXPORT_IMPORT_2016:
        text = (f"Exports from {s.name(o)} under US law (40 CFR 262.83): the exporter notifies EPA (at least 60 days "
                "before the first shipment) and may ship only after EPA's Acknowledgment of Consent (AOC) documents "
                "the consent of the countries of import and transit; it also meets the contract, movement document "
                "and manifest requirements of Subpart H (R10-us-export; medium: text read in a verbatim state "
                "adoption).")
        cite = "40 CFR 262.83 (RCRA s.3017; 40 CFR Part 262 Subpart H)"
    else:
        text = (f"Exports from {s.name(o)} before 31 Dec 2016: the primary exporter notified EPA of the intended "
                "export 60 days before the initial shipment (40 CFR 262.53, Subpart E) and shipped only with EPA's "
                "Acknowledgment of Consent (R10-us-export; medium).")
        cite = "40 CFR 262.53 (Subpart E, before 2016-12-31)"
    return Condition("us_export", text, cite, "us", None, (o,), "R10-us-export")


def _us_import_condition(s: State) -> Condition:
    """The US import requirements in force on the assessment date (rule R10-us-import)."""
    if s.as_of >= _US_EXPORT_IMPORT_2016:
        text = ("Imports into the United States (40 CFR 262.84): EPA must consent first. Normally the foreign "
                "exporter notifies its own competent authority and obtains EPA's consent; where the country of "
                "export does not require that notification and consent, the US importer must notify EPA at least "
                "60 days before the first shipment leaves the country of export (262.84(a)(2), (b)), and EPA "
                "sends an Acknowledgment of Consent (AOC) once it and the transit countries consent. The importer "
                "must also meet the contract requirements (262.84(f)), ensure a movement document accompanies "
                "each shipment to the receiving facility (262.84(d)) and follow the RCRA manifest instructions "
                "for imports (262.84(c)) (R10-us-import; RCRA s.3017, 40 CFR Part 262 Subpart H; medium: text "
                "read in verbatim state adoptions).")
        cite = "40 CFR 262.84 (RCRA s.3017; 40 CFR Part 262 Subpart H)"
    else:
        text = ("Imports into the United States before 31 Dec 2016: the importer had to comply with 40 CFR Part "
                "262 and the special requirements of its Subpart F (262.60, imports of hazardous waste), "
                "including a RCRA manifest naming the foreign generator and the US importer; imports for recovery "
                "from OECD countries also followed the then Subpart H (R10-us-import; medium).")
        cite = "40 CFR 262.60 (Subpart F, before 2016-12-31)"
    return Condition("us_import", text, cite, "us", None, ("USA",), "R10-us-import")


#: The articles of a regional convention that give a State of export outside Basel its
#: notification and movement document, as read in the convention's text (Waigani: IEA coded
#: text, https://iea.uoregon.edu/coded-agreement-with-a-code-filter?title=3224, Arts 6(1), 6(9)).
REGIONAL_ARTICLES: dict[str, dict[str, str]] = {
    "waigani": {"notify": "Waigani Art 6(1), Annex VI A", "document": "Waigani Art 6(9), Annex VI B"},
}


def _regional_citation(agr: Agreement, label: str) -> str:
    """Where a regional convention's own notification and movement document are (its articles
    where hgmap has read them, else the convention)."""
    arts = REGIONAL_ARTICLES.get(agr.group or "")
    return f"{arts['notify']}; {arts['document']}" if arts else label


def regional_agreement_citation(agr: Agreement) -> str:
    """A regional convention's own articles for its notification and movement document, as
    :attr:`Condition.agreement_citation` (Waigani: ``Waigani Art 6(1), Annex VI A; Waigani
    Art 6(9), Annex VI B``); the agreement's id where hgmap has not read its articles (Bamako,
    the CAA, Izmir, the OECD Decision), as for an unread Art 11 agreement."""
    arts = REGIONAL_ARTICLES.get(agr.group or "")
    return f"{arts['notify']}; {arts['document']}" if arts else agr.agreement_id


def _agreement_basis(s: State, o: str, d: str, used: list[str]) -> Agreement | None:
    """The Art 11 agreement whose procedure a movement follows when one end is outside Basel
    (Basel Art 6 binds Parties only): Fiji -> New Zealand under Waigani, the USA -> Canada under
    USA-CAN-1986, Aruba -> the USA under the OECD Decision. A regional convention first, then a
    bilateral agreement, then the OECD Decision."""
    a = s.arr["basel"]
    if a[s.idx(o)] and a[s.idx(d)]:
        return None
    agreements = [x for x in s.tables.agreements if x.agreement_id in used]
    agreements.sort(key=lambda x: 0 if x.group in {"waigani", "bamako", "caa"} else 2 if x.group == "oecd" else 1)
    return agreements[0] if agreements else None


def _agreement_members(s: State, agr: Agreement) -> np.ndarray:
    """Which States (and the territories through their sovereign) belong to ``agr``."""
    return s.group_mask(agr.members[0] if agr.group else ";".join(agr.members))


def _transit_within_agreement(s: State, o: str, d: str, reasons: list[Reason],
                              transit: tuple[TransitAssessment, ...]) -> Agreement | None:
    """The Art 11 agreement a movement with an end outside Basel takes place under, when every
    transit State is a Party to it too (Fiji -> New Zealand via Tuvalu, all Waigani Parties).

    Basel Art 11(2): Parties notify the Secretariat of the agreements "for the purpose of
    controlling transboundary movements of hazardous wastes and other wastes which take place
    entirely among the Parties to such agreements. The provisions of this Convention shall not
    affect transboundary movements which take place pursuant to such agreements provided that
    such agreements are compatible with the environmentally sound management ... as required by
    this Convention." Such a movement's transit States follow the agreement, not Basel Art 6(4)
    (whose consent duty binds a State of export that is a Party) or Art 7 (movements "from a
    Party" through non-Parties). ``None`` when there is no transit State, both ends are Basel
    Parties, or a transit State is outside the agreement (then Basel Art 6(4) binds a transit
    Party: the movement is not entirely among the agreement's Parties)."""
    crossed = [t for t in transit if t.status != "domestic"]
    if not crossed:
        return None
    used = [r.agreement_id for r in reasons if r.kind == "art11_agreement" and r.agreement_id]
    agr = _agreement_basis(s, o, d, used)
    if agr is None:
        return None
    members = _agreement_members(s, agr)
    if all(members[s.idx(x)] for x in (o, d, *(t.iso3 for t in crossed))):
        return agr
    return None


def _agreement_transit(s: State, o: str, d: str, t: TransitAssessment, agr: Agreement) -> TransitAssessment:
    """A transit State of a movement entirely among the Parties to an Art 11 agreement (see
    :func:`_transit_within_agreement`): its Basel reason (Art 6(4) consent or 60 days' tacit
    consent; Art 7 notice) gives way to the agreement's, since Basel's provisions "shall not
    affect" such a movement (Basel Art 11(2)); the State is a country concerned the exporting
    Party notifies and whose consent it obtains under the agreement (Waigani Art 6(1)). Its
    other reasons (EU law, Izmir's territorial sea, flags) stay."""
    if t.status == "domestic":
        return t
    n = s.name
    label, aid = agr.short_title, agr.agreement_id
    arts = REGIONAL_ARTICLES.get(agr.group or "", {})
    notify = arts.get("notify", aid)
    how = (f"{n(o)} notifies it as a country concerned and obtains the consent the agreement requires of a "
           f"transit State ({notify}): Basel's 60 days' tacit consent (Art 6(4)) does not apply, and the agreement's transit "
           "provisions beyond Art 6(1) were not read in hgmap's data" if arts else
           f"{n(o)} follows the agreement's procedure for transit States ({aid}; its articles were not read in "
           "hgmap's data)")
    out = []
    for r in t.reasons:
        if r.kind in ("transit_party", "transit_non_party"):
            out.append(build_reason(
                s, "R2-art11", "art11_transit", agr.group or "basel", f"{n(t.iso3)} is a transit State covered, like {n(o)} and {n(d)}, by the {label} [{aid}]: the "
                f"movement takes place entirely among the agreement's Parties, so Basel's transit provisions do not "
                f"affect it (Basel Art 11(2)); {how}.", citation=f"{notify}; Basel Art 11(2)", effect="requires",
                conf=r.confidence, sources=r.sources, who=t.iso3, states=(t.iso3,), agreement_id=aid))
        else:
            out.append(r)
    return dataclasses.replace(t, reasons=tuple(out))


def _agreement_transit_conditions(s: State, o: str, d: str, t: TransitAssessment, agr: Agreement
                                  ) -> list[Condition]:
    """A transit State of a movement entirely among the Parties to an Art 11 agreement (see
    :func:`_transit_within_agreement`): notified and consulted under the agreement's procedure
    (Waigani Art 6(1): the exporting Party notifies "the competent authority of the countries
    concerned"); what the agreement asks of a transit State beyond that is not read."""
    n = s.name
    label, aid = agr.short_title, agr.agreement_id
    arts = REGIONAL_ARTICLES.get(agr.group or "", {})
    notify = arts.get("notify", aid)
    how = (f"{n(o)} notifies {n(t.iso3)}, a country concerned ({notify}), and obtains the consent the agreement "
           "requires of a transit State" if arts else
           f"{n(o)} follows the agreement's procedure for transit States")
    text = (f"{n(t.iso3)} is a transit State and, like {n(o)} and {n(d)}, covered by the {label} [{aid}]: the "
            "movement takes place entirely among the agreement's Parties (the States it covers), so the provisions "
            "of the Basel Convention "
            "(its Art 6(4) transit consent and Art 7 included) do not affect it (Basel Art 11(2)); "
            f"{how} (the agreement's transit provisions were not read in hgmap's data: check them with the competent "
            f"authority of {n(t.iso3)}).")
    out = [Condition("transit_consent", text, f"{notify}; Basel Art 11(2)", agr.group or "basel", aid, (t.iso3,),
                     "R2-art11", notify)]
    # Other transit requirements that are not Basel's (EU law, the Izmir Protocol's territorial sea)
    for r in t.reasons:
        if r.effect == "requires" and r.kind not in ("transit_party", "transit_non_party", "art11_transit"):
            kind = {"transit_sea_notice": "transit_notice"}.get(r.kind, r.kind)
            out.append(Condition(kind, r.detail, r.citation, r.instrument, None, (t.iso3,), r.rule_id))
    return out


def _esm_condition(s: State, o: str, op: str) -> Condition:
    """The exporting Party's duty to be satisfied of environmentally sound management."""
    return Condition("esm", f"{s.name(o)} must be satisfied that the waste will be managed in an environmentally sound "
                     f"manner, at a facility authorised for this waste and for {op} (Basel Art 4(2)(e), 4(8)).",
                     "Basel Art 4(2)(e), 4(8)", "basel", None, (o,), "R5-esm")


def _agreement_pic_conditions(s: State, o: str, d: str, op: str, agr: Agreement) -> list[Condition]:
    """A movement under an Art 11 agreement with one end outside Basel: notification and consent
    under the agreement (its articles where hgmap has read them, else its id); the Basel Party's
    own duties (Arts 4(2)(e)/4(8) exporting, 4(2)(g) importing, 4(9), 11(1))."""
    n = s.name
    io, id_ = s.idx(o), s.idx(d)
    o_party, d_party = bool(s.arr["basel"][io]), bool(s.arr["basel"][id_])
    label, aid = agr.short_title, agr.agreement_id
    arts = REGIONAL_ARTICLES.get(agr.group or "", {})
    notify, doc = arts.get("notify", aid), arts.get("document", aid)
    inst = agr.group or "basel"
    outside = f"{n(o)} is {s.not_party('basel', o)}" if not o_party else f"{n(d)} is {s.not_party('basel', d)}"
    party = n(d) if d_party else n(o)
    read = "" if arts else " (its articles were not read in hgmap's data)"
    where = f" ({notify})" if arts else ""
    designated = f" (designated by {n(s.codes[s.sov[io]])})" if s.is_territory[io] else ""
    out = [
        Condition("import_consent", f"{outside}: under the {label} [{aid}]{read} the competent "
                  f"authority for {n(o)}{designated} notifies {n(d)} and every "
                  f"State concerned in writing{where}, and {n(d)}'s "
                  "competent authority consents in writing before the movement starts; a Basel Party may send waste "
                  f"to, or take it from, a State outside Basel only under such an agreement (Basel Art 11).",
                  # states: the end outside Basel first (what a reader words differently), then the other
                  f"{notify}; Basel Art 11", inst, aid, (o, d) if not o_party else (d, o), "R2-art11", notify),
        Condition("contract", "Confirm a contract between exporter and disposer specifying environmentally sound "
                  "management (what Basel Art 6(3)(b) requires before a Party lets a movement start).",
                  "Basel Art 6(3)(b)", "basel", None, (o, d), "R6-pic"),
    ]
    if o_party:
        out.append(_esm_condition(s, o, op))
    else:
        out.append(Condition("esm_import", f"{n(d)} must prevent the import if it has reason to believe that the waste "
                             f"will not be managed in an environmentally sound manner, at a facility authorised for "
                             f"this waste and for {op} (Basel Art 4(2)(g)); the agreement may not be less "
                             "environmentally sound than Basel (Basel Art 11(1)).", "Basel Art 4(2)(g), 11(1)", "basel",
                             None, (d,), "R5-esm"))
    out += [
        Condition("justification", f"The movement must be justified under Basel Art 4(9) (binding {party}): {n(o)} "
                  f"lacks the capacity or suitable facilities, or the waste is a raw material for recycling or "
                  f"recovery in {n(d)}.", "Basel Art 4(9)", "basel", None, (o, d), "R5-esm"),
        Condition("documents", f"A movement document goes with each movement ({doc}); package and label the waste "
                  "under the international rules (Basel Art 4(7)); provide insurance, bond or guarantee if required "
                  "(Art 6(11)).", f"{doc}; Basel Art 4(7), 6(11)", inst, aid, (o,), "R6-pic", doc),
    ]
    return out


def _pic_conditions(s: State, o: str, d: str, op: str, reasons: list[Reason]) -> list[Condition]:
    n = s.name
    io, id_ = s.idx(o), s.idx(d)
    used = [r.agreement_id for r in reasons if r.kind == "art11_agreement" and r.agreement_id]
    agreement = _agreement_basis(s, o, d, used)
    out = _agreement_pic_conditions(s, o, d, op, agreement) if agreement is not None else [
        Condition("import_consent", f"Notify {n(d)} (and every State concerned) and obtain the written consent of "
                  f"{n(d)}'s competent authority before the movement starts (Basel Art 6(1)-(3)).",
                  "Basel Art 6(1)-(3)", "basel", None, (d,), "R6-pic"),
        Condition("contract", "Confirm a contract between exporter and disposer specifying environmentally sound "
                  "management (Basel Art 6(3)(b)).", "Basel Art 6(3)(b)", "basel", None, (o, d), "R6-pic"),
        _esm_condition(s, o, op),
        Condition("justification", f"The movement must be justified under Basel Art 4(9): {n(o)} lacks the capacity "
                  f"or suitable facilities, or the waste is a raw material for recycling or recovery in {n(d)}.",
                  "Basel Art 4(9)", "basel", None, (o, d), "R5-esm"),
        Condition("documents", "Package, label and document the movement (Art 4(7)); provide insurance, bond or "
                  "guarantee if required (Art 6(11)).", "Basel Art 4(7), 6(11)", "basel", None, (o,), "R6-pic"),
    ]
    for aid in used:
        if agreement is None or aid != agreement.agreement_id:  # else its procedure is the first condition
            out.append(Condition("art11_procedure", f"Follow the notification and consent procedure of {aid}.",
                                 "Basel Art 11", "basel", aid, (o, d), "R2-art11"))
        agr = next((a for a in s.tables.agreements if a.agreement_id == aid), None)
        if agr is not None and agr.scope_limited:
            what = f" ({agr.waste_scope})" if agr.waste_scope else ""
            out.append(Condition("art11_scope", f"{aid} has a limited scope{what}: it covers only some generators "
                                 "or consignments; check that this consignment qualifies, otherwise Basel Art 4(5) "
                                 "prohibits the movement.", "Basel Art 11", "basel", aid, (o, d), "R2-art11"))
    for a_, exp, imp in s.agreements_in_force():
        if a_.group in {"waigani", "bamako", "caa", "izmir", "oecd"} and exp[io] and imp[id_] \
                and op in a_.operations and a_.agreement_id not in used:
            out.append(Condition("regional_procedure", f"Both States are in {a_.title.split(',')[0]} "
                                 f"[{a_.agreement_id}]: its procedures apply alongside Basel.", "Basel Art 11",
                                 a_.group, a_.agreement_id, (o, d), "R2-art11", regional_agreement_citation(a_)))
    return out


def assess(origin: str, destination: str, stream: str, operation: str, *,
           as_of: str | dt.date | None = None, via: Iterable[str] = (), sea_passage: Iterable[str] = (),
           scenario: str | Path | Scenario | None = None) -> Decision:
    """Decide whether ``stream`` may move from ``origin`` to ``destination``.

    Parameters
    ----------
    origin, destination
        ISO 3166-1 alpha-3 codes (countries, territories, ``ATA`` for Antarctica).
    stream
        A waste stream from :data:`hgmap.vocab.STREAMS`.
    operation
        ``disposal`` (Basel Annex IV A) or ``recovery`` (Annex IV B).
    as_of
        The date the law is taken at (``YYYY-MM-DD``); default today. States are
        non-Parties before their accession takes effect and rules do not exist before
        their entry into force.
    via
        Transit States in route order; each is assessed under Basel Art 6(4) (Parties),
        Art 7 (non-Parties) and regional and national transit bans.
    sea_passage
        The via States the route passes only through their territorial sea (with the
        graph option ``sea_passage_is_transit``). The Izmir Protocol's transit ban does
        not reach such a passage (Art 5(4) is subject to Art 6(4)): the State of export
        notifies the coastal Party instead. Each must also be in ``via``.
    scenario
        A scenario file path or :class:`Scenario` (see ``docs/law.md``).

    Returns
    -------
    Decision
        ``status`` is ``prohibited``, ``permitted_with_consent``, ``not_governed`` or
        ``domestic``; ``reasons`` lists every rule that fired, ``conditions`` what a
        permitted movement needs (``requirements``: the same as data).

    Raises
    ------
    UnknownCountryError, UnknownStreamError, DateError, ScenarioError
        For bad input.
    """
    check_stream(stream)
    check_operation(operation)
    state = get_state(resolve_date(as_of), resolve_scenario(scenario))
    o = check_code(state, origin, "origin")
    d = check_code(state, destination, "destination")
    via_codes = tuple(check_code(state, t, "via") for t in _via_items(via))
    return decide(state, o, d, stream, operation, via_codes, sea_passage_codes(state, via_codes, sea_passage))


def _via_items(via: Any, field: str = "via") -> tuple[str, ...]:
    """``via`` as a tuple of texts: one code as a string, or an iterable of strings."""
    if isinstance(via, str):
        return (via,) if via.strip() else ()
    if via is None or not isinstance(via, Iterable) or isinstance(via, (bytes, dict)):
        msg = f"{field}: expected a list of ISO3 codes, not {type(via).__name__} {via!r}"
        raise UnknownCountryError(msg)
    items = tuple(via)
    for t in items:
        if not isinstance(t, str):
            msg = f"{field}: expected ISO3 codes as text, not {type(t).__name__} {t!r}"
            raise UnknownCountryError(msg)
    return items

