"""The rules: one :class:`Rule` per rule id, holding its mask AND its explanation.

A prohibiting rule has a ``mask`` (a vectorised boolean over origin x destination
positions, used by both :func:`hgmap.law.assess` and :func:`hgmap.law.matrix`, so the
two always agree) and an ``explain`` (the :class:`~hgmap.law.reason.Reason` for one
pair). Informational rules (procedure, transit, flags) have neither; they only give
their ``kind`` and ``instrument`` to the reasons other modules build. Every rule is
defined once, next to its article: ``grep -n "Art 4(5)" hgmap/law/rules.py`` finds R2.

The rule texts and sources live in ``data/law/rules.csv``; ``docs/law.md`` documents them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .reason import Reason, build_reason
from .state import State
from .tables import Ban, Fact, min_conf

__all__ = ["Rule", "Ctx", "RULES", "PAIR_RULES", "RULE_IDS", "status_codes", "stream_scope_flags",
           "kuwait_import_flags", "national_bans", "wsr_label", "wsr_transit_citation", "STATUSES", "DOMESTIC",
           "NOT_GOVERNED", "PERMITTED", "PROHIBITED"]

#: Decision statuses; :attr:`hgmap.law.LegalMatrix.status` holds their index.
STATUSES: tuple[str, ...] = ("domestic", "not_governed", "permitted_with_consent", "prohibited")
DOMESTIC, NOT_GOVERNED, PERMITTED, PROHIBITED = range(4)

_WSR_2024 = dt.date(2026, 5, 21)  # Reg (EU) 2024/1157 replaces Reg (EC) 1013/2006
_HG_852 = dt.date(2018, 1, 1)  # Reg (EU) 2017/852 applies (before: Reg (EC) 1102/2008)
_WSR_2006 = dt.date(2007, 7, 12)  # Reg (EC) 1013/2006 applies (before: Reg (EEC) 259/93)


def wsr_label(on: dt.date) -> str:
    """The Waste Shipment Regulation that applies on ``on``: Reg (EEC) 259/93 (to 2007-07-11),
    Reg (EC) 1013/2006 (from 2007-07-12, its Art 64; to 2026-05-20), Reg (EU) 2024/1157 (from
    2026-05-21, its Art 86; https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A32024R1157)."""
    if on < _WSR_2006:
        return "Reg (EEC) 259/93"
    return "Reg (EC) 1013/2006" if on < _WSR_2024 else "Reg (EU) 2024/1157"


def wsr_transit_citation(on: dt.date, *, end_in_eu: bool = False) -> str:
    """Where the Waste Shipment Regulation in force on ``on`` asks the consent of an EU transit State.

    Between two third countries (``end_in_eu`` false): its transit title, Reg (EC) 1013/2006
    Arts 47-48 (Title VI) or Reg (EU) 2024/1157 Arts 57-58 (Art 57: waste for disposal; Art 58:
    for recovery, which applies Art 57 for non-OECD States; rules.csv R7-eu-transit). When the
    shipment starts or ends in EU law territory, the transit Member State consents within that
    export or import notification: the Regulation itself (:func:`wsr_label`) is cited. Reg (EEC)
    259/93's transit articles were not read: the Regulation is cited alone.
    """
    if end_in_eu or on < _WSR_2006:
        return wsr_label(on)
    return "Reg (EC) 1013/2006 Arts 47-48" if on < _WSR_2024 else "Reg (EU) 2024/1157 Arts 57-58"

Mask = Callable[["Ctx"], "np.ndarray | None"]
Explain = Callable[["Rule", State, str, str, str, str], Reason]


@dataclasses.dataclass(frozen=True)
class Rule:
    """One legal rule.

    Attributes
    ----------
    rule_id
        The id of ``rules.csv`` (``R2``, ``R4-national-import`` ...).
    kind
        What the rule is about, independent of wording (``Reason.kind``).
    instrument
        ``basel``, ``bamako``, ``waigani``, ``caa``, ``izmir``, ``eu``, ``us``, ``national``.
    mask
        Prohibiting rules: the vectorised test over a :class:`Ctx` (``None`` when the rule
        does not apply at all on the date, stream or operation).
    explain
        Prohibiting rules: the reason for one (origin, destination) pair.
    """

    rule_id: str
    kind: str
    instrument: str | None
    mask: Mask | None = None
    explain: Explain | None = None

    def reason(self, state: State, detail: str, facts: Sequence[Fact] = (), **kw: Any) -> Reason:
        """A :class:`Reason` of this rule (``kw`` as for :func:`~hgmap.law.reason.build_reason`)."""
        return build_reason(state, self.rule_id, self.kind, self.instrument, detail, facts, **kw)

    def why(self, state: State, o: str, d: str, stream: str, op: str) -> Reason:
        """The explanation of this prohibiting rule for the pair (o, d)."""
        assert self.explain is not None, self.rule_id
        return self.explain(self, state, o, d, stream, op)


class Ctx:
    """Pair-level arrays for one (stream, operation), broadcastable over (O, D) positions."""

    def __init__(self, state: State, O: np.ndarray, D: np.ndarray, stream: str, operation: str) -> None:
        self.s, self.O, self.D, self.stream, self.op = state, O, D, stream, operation
        self.a = state.arr
        self.same = state.sov[O] == state.sov[D]
        self.diff = O != D
        self.cover = state.art11_cover(operation, stream)[O, D]


def status_codes(c: Ctx, prohibited: np.ndarray) -> np.ndarray:
    """The status index (:data:`STATUSES`) of each pair, given which pairs a rule prohibits."""
    a = c.a
    neither = ~a["party"][c.O] & ~a["party"][c.D]
    not_gov = a["antarctic"][c.O] | neither
    out = np.where(prohibited, PROHIBITED, np.where(not_gov, NOT_GOVERNED, PERMITTED))
    # A territory and its sovereign are one State (Basel Art 2(3)): domestic in either
    # direction, unless a rule (EU law between a Member State and an OCT) prohibits.
    return np.where(c.diff & ~c.same, out, np.where(c.diff & prohibited, PROHIBITED, DOMESTIC)).astype(np.int8)


# ------------------------------------------------------------------- Basel Convention


def _r1_mask(c: Ctx) -> np.ndarray | None:
    """Basel Art 4(6): no export for disposal south of 60 deg S (Antarctica)."""
    if not c.s.bans("R1"):
        return None
    return c.a["antarctic"][c.D] & c.diff


def _r1_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    fo = s.fact("basel", o)
    outside = "" if fo.value else s.not_party("basel", o)
    binds = ", so Art 4(6) does not bind it" if outside == "not a Basel Party" else \
        ": if it is not one, Art 4(6) does not bind it"
    extra = "" if fo.value else (f" {s.name(o)} is {outside}{binds}; hgmap still reports the area as closed "
                                 "because Antarctica has no State of import that could consent (Art 6)")
    return rule.reason(s, "Parties may not allow the export of hazardous wastes for disposal in the "
                       f"area south of 60 deg S.{extra}", [], conf="high" if fo.value else "medium", who=o,
                       states=(d,))


R1 = Rule("R1", "antarctica", "basel", _r1_mask, _r1_explain)


def _r2_mask(c: Ctx) -> np.ndarray | None:
    """Basel Art 4(5): no export to / import from a non-Party, unless an Art 11 agreement covers it."""
    a = c.a
    one_party = a["party"][c.O] ^ a["party"][c.D]
    not_ata = ~a["antarctic"][c.O] & ~a["antarctic"][c.D]
    return one_party & not_ata & ~c.same & ~c.cover


def _r2_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    po, pd_ = s.fact("basel", o), s.fact("basel", d)
    party, non = (o, d) if po.value else (d, o)
    direction = "export to" if po.value else "import from"
    known_to = s.party_known_to("basel", non)
    # Past the list's evidence date the "not" is not established: say what is.
    what = (f"is not known to be one (not a Party on {known_to}; hgmap's list is complete to then; hgmap treats it "
            "as a non-Party)" if known_to else f"is not ({s.fact('basel', non).detail})")
    return rule.reason(s, f"{s.name(party)} is a Basel Party and {s.name(non)} {what}; a Party may not permit the "
                       f"{direction} a non-Party, "
                       f"and no Article 11 agreement covers {op} of this waste from {o} to {d} on "
                       f"{s.as_of.isoformat()}.", [po, pd_], who=party, states=(non,))


R2 = Rule("R2", "non_party", "basel", _r2_mask, _r2_explain)


def _r3_mask(c: Ctx) -> np.ndarray | None:
    """Basel Art 4A (Ban Amendment): bound Annex VII Party -> non-Annex VII State."""
    a = c.a
    return a["ban_bound"][c.O] & ~a["annex7"][c.D] & ~c.same


def _r3_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    facts = [s.fact("ban_amendment", o), s.fact("annex7", o), s.fact("annex7", d)]
    kind = ("disposal (Annex IV A, Art 4A(1))" if op == "disposal" else
            "recovery (Annex IV B; mercury wastes are Art 1(1)(a) wastes, Art 4A(2))")
    return rule.reason(s, f"{s.name(o)} is listed in Annex VII and bound by the Ban Amendment "
                       f"({facts[0].detail}); {s.name(d)} is not in Annex VII, so {s.name(o)} must prohibit "
                       f"movements for {kind}.", facts, who=o, states=(o,))


R3 = Rule("R3", "ban_amendment", "basel", _r3_mask, _r3_explain)


# ------------------------------------------------------------- national import/export bans


def national_bans(s: State, rule_id: str, stream: str, op: str, *, match: str = "yes") -> list[Ban]:
    """Bans of ``rule_id`` in force that reach ``op`` and ``stream`` (``match``: yes/partial)."""
    key = ("national_bans", rule_id, stream, op, match)
    if key not in s.cache:  # asked for every pair assessed on this state
        s.cache[key] = [b for b in s.bans(rule_id) if op in b.operations and s.ban_stream_match(b, stream) == match]
    return s.cache[key]


def _national_mask(c: Ctx, rule_id: str, holder_side: str) -> np.ndarray | None:
    """Basel Art 4(1)(b), 4(2)(e) and national law: import/export bans of bans.csv."""
    out = None
    for ban in national_bans(c.s, rule_id, c.stream, c.op):
        holder = c.s.group_mask(ban.holder)
        partners = c.s.partner_mask(ban.partners)
        h, p = (c.D, c.O) if holder_side == "import" else (c.O, c.D)
        m = holder[h] & partners[p]
        if not _territory_holder(c.s, ban.holder):
            # A State's own ban does not reach movements within it (Basel Art 2(3)) unless it
            # names the territory as a partner: Mainland China's import ban reaches Hong Kong's
            # and Macao's waste (separate customs territories). A territory's own law does
            # reach its State: Hong Kong's and Macao's controls reach waste from the Mainland,
            # Greenland's Environment Act s.38 waste from Denmark.
            m &= ~c.same | _named_partners(c.s, ban.partners)[p]
        out = m if out is None else out | m
    return out


def _reaches(s: State, ban: Ban, within: bool, partner: str) -> bool:
    """Whether ``ban`` reaches a movement with ``partner`` (``within``: inside one State), as
    :func:`_national_mask` decides it."""
    return not within or _territory_holder(s, ban.holder) or bool(_named_partners(s, ban.partners)[s.idx(partner)])


def _named_partners(s: State, spec: str) -> np.ndarray:
    """The territories a ban names code by code as partners (``HKG;MAC``): none for ``all``
    or a group, and never a State (whose code would stand for all its territories)."""
    key = ("named_partners", spec)
    if key not in s.cache:
        named = np.zeros(s.n, bool)
        if re.fullmatch(r"=?[A-Z]{3}(;[A-Z]{3})*", spec):
            named = np.isin(np.asarray(s.codes), spec.lstrip("=").split(";")) & s.is_territory
        s.cache[key] = named
    return s.cache[key]


def _territory_holder(s: State, spec: str) -> bool:
    """Whether a ban's holder is a territory (or several) with its own law, not a State."""
    if spec in ("*", "") or spec.startswith("@"):
        return False
    return all(code in s.territory for code in spec.lstrip("=").split(";"))


def prohibited_what(measure: str, scope: str) -> str:
    """What a ban prohibits, as a reason says it: ``the import of <scope>``, or the scope
    alone when its own words start with the measure ("imports of wastes for disposal",
    "transit of toxic wastes"): never "the import of imports of"."""
    scope = scope or "hazardous wastes"
    return scope if scope.lower().startswith(measure) else f"the {measure} of {scope}"


def _national_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    side = "import" if rule.rule_id.endswith("import") else "export"
    holder, partner = (d, o) if side == "import" else (o, d)
    within = s.sov[s.idx(o)] == s.sov[s.idx(d)]
    hits = [b for b in national_bans(s, rule.rule_id, stream, op)
            if s.group_mask(b.holder)[s.idx(holder)] and s.partner_mask(b.partners)[s.idx(partner)]
            and _reaches(s, b, within, partner)]
    # The firmest basis first: a ban whose start is established, then by confidence.
    hits.sort(key=lambda b: (b.date_unknown(s.as_of), ("high", "medium", "low").index(b.confidence)))
    ban = hits[0]
    unknown = ban.date_unknown(s.as_of)
    unk = f" ({ban.date_text(s.as_of)})" if unknown else ""
    more = f" (also: {', '.join(b.ban_id for b in hits[1:])})" if len(hits) > 1 else ""
    cit = (f"{ban.legal_basis}; Basel Art 4(1)(b), 4(2)(e)" if side == "import"
           else f"{ban.legal_basis}; Basel Art 4(11)")
    reason = rule.reason(s, f"{s.name(holder)} prohibits {prohibited_what(side, ban.scope_wastes)} "
                         f"[{ban.ban_id}]{unk}{more}.", citation=cit, conf="low" if unknown else ban.confidence,
                         sources=ban.sources, who=holder, ban_ids=tuple(b.ban_id for b in hits), states=(holder,))
    if unknown:
        # The date is an unknown the prohibition rests on: say it, never assume it silently.
        reason = dataclasses.replace(reason, unknowns=reason.unknowns + (
            f"{ban.ban_id} ({s.name(holder)}): {ban.date_text(s.as_of)}; hgmap treats it as in force on "
            f"{s.as_of.isoformat()}",))
    return reason


R4_IMPORT = Rule("R4-national-import", "national_import_ban", "national",
                 lambda c: _national_mask(c, "R4-national-import", "import"), _national_explain)
R4_EXPORT = Rule("R4-national-export", "national_export_ban", "national",
                 lambda c: _national_mask(c, "R4-national-export", "export"), _national_explain)


# ------------------------------------------------------------------- regional conventions


def _r4_bamako_mask(c: Ctx) -> np.ndarray | None:
    """Bamako Convention Art 4(1): no import into a Bamako Party from a non-Party."""
    if not c.s.bans("R4-bamako"):
        return None
    return c.a["bamako"][c.D] & ~c.a["bamako"][c.O] & ~c.same


def _r4_bamako_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    facts = [s.fact("bamako", d), s.fact("bamako", o)]
    return rule.reason(s, f"{s.name(d)} is a Bamako Party ({facts[0].detail}) and {s.name(o)} is not; Bamako "
                       "Parties prohibit the import of all hazardous wastes into Africa from non-Parties.",
                       facts, who=d, states=(d,))


R4_BAMAKO = Rule("R4-bamako", "regional_import_ban", "bamako", _r4_bamako_mask, _r4_bamako_explain)


def _r4_waigani_import_mask(c: Ctx) -> np.ndarray | None:
    """Waigani Art 4(1)(a): Pacific Island Developing Parties ban imports from outside the Convention Area."""
    if not c.s.bans("R4-waigani-import"):
        return None
    # Australia's external Territories count as Australia, inside the Convention Area: their
    # exports meet the Art 4(1)(b) export ban instead (:func:`_r4_waigani_export_mask`).
    return c.a["pidp"][c.D] & ~(c.a["waigani_area"][c.O] | c.a["aus_territory"][c.O]) & ~c.same


def _r4_waigani_import_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    facts = [s.fact("waigani", d), s.fact("waigani_area", o)]
    return rule.reason(s, f"{s.name(d)} is a Pacific Island Developing Party to Waigani ({facts[0].detail}) "
                       f"and {s.name(o)} is outside the Waigani Convention Area; such imports are banned.",
                       facts, who=d, states=(d,))


R4_WAIGANI_IMPORT = Rule("R4-waigani-import", "regional_import_ban", "waigani", _r4_waigani_import_mask,
                         _r4_waigani_import_explain)


def _r4_waigani_export_mask(c: Ctx) -> np.ndarray | None:
    """Waigani Art 4(1)(b): Australia and New Zealand ban exports to Forum Island Countries."""
    if not c.s.bans("R4-waigani-export"):
        return None
    return (c.a["ausnzl"][c.O] | c.a["aus_territory"][c.O]) & c.a["fic_target"][c.D] & ~c.same


def _r4_waigani_export_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    role = s.role("waigani_area", d).replace("_", " ")
    if s.arr["aus_territory"][s.idx(o)]:
        facts = [s.fact("waigani", "AUS"), s.fact("waigani_area", d)]
        reason = rule.reason(
            s, f"{s.name(o)} is an external Territory of Australia, whose Hazardous Waste (Regulation of Exports "
            f"and Imports) Act 1989 extends to it (s.9); Australia, a Waigani Party, must ban the export of "
            f"hazardous wastes to Forum Island Countries and Pacific territories in the Convention Area; "
            f"{s.name(d)} is a {role}.", facts, conf="low", who=o, states=("AUS",))
        return dataclasses.replace(reason, unknowns=reason.unknowns + (
            f"whether Australia's Waigani ratification covers {s.name(o)} was not read",))
    facts = [s.fact("waigani", o), s.fact("waigani_area", d)]
    return rule.reason(s, f"{s.name(o)} is a Waigani Party and must ban the export of hazardous wastes to "
                       f"Forum Island Countries and Pacific territories in the Convention Area; {s.name(d)} is "
                       f"a {role}.", facts, conf="low" if role == "pacific territory" else None, who=o,
                       states=(o,))


R4_WAIGANI_EXPORT = Rule("R4-waigani-export", "regional_export_ban", "waigani", _r4_waigani_export_mask,
                         _r4_waigani_export_explain)


def _r4_caa_mask(c: Ctx) -> np.ndarray | None:
    """Central American Agreement (1992) Art 3: no import from non-Parties."""
    if not c.s.bans("R4-caa"):
        return None
    return c.a["caa"][c.D] & ~c.a["caa"][c.O] & ~c.same


def _r4_caa_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    facts = [s.fact("caa", d), s.fact("caa", o)]
    return rule.reason(s, f"{s.name(d)} is a Party to the Central American Agreement and {s.name(o)} is not; the "
                       "Agreement bans imports of hazardous wastes from non-Parties (content paraphrased, verify).",
                       facts, who=d, states=(d,))


R4_CAA = Rule("R4-caa", "regional_import_ban", "caa", _r4_caa_mask, _r4_caa_explain)


def _r4_izmir_mask(c: Ctx) -> np.ndarray | None:
    """Izmir Protocol Art 5(4): non-EU Parties prohibit all imports."""
    if not c.s.bans("R4-izmir"):
        return None
    return c.a["izmir_non_eu"][c.D] & ~c.same


def _r4_izmir_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    return rule.reason(s, f"{s.name(d)} is a Party to the Izmir Protocol and not an EU Member State; such Parties "
                       "must prohibit all imports of hazardous wastes (Art 5(4)).",
                       [s.fact("izmir", d)], who=d, states=(d,))


R4_IZMIR = Rule("R4-izmir", "regional_import_ban", "izmir", _r4_izmir_mask, _r4_izmir_explain)


def _r4_izmir_export_mask(c: Ctx) -> np.ndarray | None:
    """Izmir Protocol Art 5(4): every Party prohibits exports to developing countries (Art 1(u): non-OECD)."""
    meta = c.s.tables.rules.get("R4-izmir-export")
    if meta is None or c.s.as_of.isoformat() < meta["in_force_from"]:
        return None
    return c.a["izmir"][c.O] & ~c.a["oecd"][c.D] & ~c.same


def _r4_izmir_export_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    return rule.reason(s, f"{s.name(o)} is a Party to the Izmir Protocol, which obliges every Party (EU Member "
                       "States included) to prohibit the export of hazardous wastes to developing countries "
                       f"(Art 5(4)); {s.name(d)} is not an OECD member on {s.as_of.isoformat()}, which is how the "
                       "Protocol defines a developing country (Art 1(u), as read).",
                       [s.fact("izmir", o), s.fact("oecd", d)], who=o, states=(o,))


R4_IZMIR_EXPORT = Rule("R4-izmir-export", "regional_export_ban", "izmir", _r4_izmir_export_mask,
                       _r4_izmir_export_explain)


# ----------------------------------------------------------------------------- EU law


def _wsr_citation(s: State, rule_id: str) -> str | None:
    """The instrument in force on the date: Reg 259/93 (from 1994, as amended by Reg 120/97
    from 1998), Reg 1013/2006 (from 2007-07-12), Reg 2024/1157 (from 2026-05-21)."""
    if rule_id not in {"R9-wsr-disposal", "R9-wsr-recovery"}:
        return "Reg (EU) 2024/1157 (replacing Reg (EC) 1013/2006 from 2026-05-21)" if s.as_of >= _WSR_2024 else None
    cited = s.tables.rules[rule_id]["citation"]
    if s.as_of >= _WSR_2024:
        # rules.csv: "...; Reg (EU) 2024/1157 from 2026-05-21: Art 39(1)" (how each article was
        # established, from data/law/research/wsr_2024_articles.csv, stays in the wording).
        art = _WSR_2024_ART.search(cited)
        return "Reg (EU) 2024/1157" + (f" {art.group(1).strip()}" if art else " (replacing Reg (EC) 1013/2006)")
    if s.as_of < _WSR_2006 and rule_id == "R9-wsr-disposal":
        return "Reg (EEC) 259/93 Art 14 (in force 1994-05-06 to 2007-07-11)"
    if s.as_of < _WSR_2006 and rule_id == "R9-wsr-recovery":
        return "Reg (EEC) 259/93 as amended by Reg (EC) 120/97 (1998-01-01 to 2007-07-11)"
    art = _WSR_2006_ART.match(cited)
    return art.group(0) if art else "Reg (EC) 1013/2006"


# The article of each Regulation in a rules.csv citation (the text before it is the Regulation's name,
# whose own "(EC)" is why the citation cannot be cut at its first parenthesis).
_WSR_2006_ART = re.compile(r"Reg \(EC\) 1013/2006 Arts? \d+(?:\(\d+\))?")
_WSR_2024_ART = re.compile(r"Reg \(EU\) 2024/1157 from 2026-05-21: ((?:[^;()]|\([^)]*\))+)")


def _r9_wsr_disposal_mask(c: Ctx) -> np.ndarray | None:
    """Reg (EC) 1013/2006 Art 34: no export for disposal except to EFTA States that are Basel Parties."""
    if c.op != "disposal" or not c.s.bans("R9-wsr-disposal"):
        return None
    a = c.a
    out = a["wsr"][c.O] & ~a["wsr"][c.D] & ~(a["efta"][c.D] & a["party"][c.D])
    return out & ~_art40_dest(c)


def _r9_wsr_disposal_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    facts = [s.fact("eu_law", o), s.fact("efta", d), s.fact("basel", d)]
    eea = "" if s.fact("eu_law", o).value else " (applied through the EEA Agreement)"
    cit = _wsr_citation(s, rule.rule_id)
    medium = eea or s.as_of < _WSR_2006 or s.as_of >= _WSR_2024  # 259/93 Art 14 text not read
    return rule.reason(s, f"EU law{eea} prohibits exporting any waste for disposal from {s.name(o)} except to "
                       f"EFTA States that are Basel Parties; {s.name(d)} is not one.", facts,
                       citation=cit, conf="medium" if medium else None, who=o, states=(o,))


R9_WSR_DISPOSAL = Rule("R9-wsr-disposal", "eu_export_ban", "eu", _r9_wsr_disposal_mask, _r9_wsr_disposal_explain)


def _r9_wsr_recovery_mask(c: Ctx) -> np.ndarray | None:
    """Reg (EC) 1013/2006 Art 36: no export of hazardous waste for recovery to non-OECD countries."""
    if c.op != "recovery" or not c.s.bans("R9-wsr-recovery"):
        return None
    a = c.a
    return a["wsr"][c.O] & ~a["wsr"][c.D] & ~a["oecd"][c.D] & ~_art40_dest(c)


def _r9_wsr_recovery_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    cit = _wsr_citation(s, rule.rule_id)
    return rule.reason(s, f"EU law prohibits exporting hazardous waste for recovery from {s.name(o)} to "
                       f"countries where the OECD Decision does not apply; {s.name(d)} is not an OECD member.",
                       [s.fact("eu_law", o), s.fact("oecd", d)], citation=cit,
                       conf="medium" if s.as_of >= _WSR_2024 else None, who=o, states=(o,))


R9_WSR_RECOVERY = Rule("R9-wsr-recovery", "eu_export_ban", "eu", _r9_wsr_recovery_mask, _r9_wsr_recovery_explain)


# Reg (EC) 1013/2006 Art 40 (Title IV, Chapter 3): exports to overseas countries or territories.


def _art40_in_force(s: State) -> bool:
    """Art 40 applies from Reg (EC) 1013/2006's application date (``rules.csv`` in_force_from)."""
    start = s.tables.rules["R9-wsr-oct"]["in_force_from"]
    return s.as_of >= dt.date.fromisoformat(start) and bool(s.bans("R9-wsr-disposal"))


def _art40_dest(c: Ctx) -> np.ndarray:
    """Destinations for which Art 40, not Arts 34/36, governs an export from EU law territory."""
    if not _art40_in_force(c.s):
        return np.zeros(c.s.n, bool)[c.D]
    return c.a["oct"][c.D]


def _hazardous(s: State, stream: str) -> bool:
    """A stream of Basel Annex I (Y) or Annex VIII (A) entries: hazardous waste for Art 36."""
    return any(e[:1] in {"Y", "A"} for e in s.basel_entries(stream))


def _r9_wsr_oct_mask(c: Ctx) -> np.ndarray | None:
    """Reg (EC) 1013/2006 Art 40: from EU law territory to an overseas country or territory
    (TFEU Annex II), disposal is prohibited (Art 40(1)); for recovery the Art 36 prohibition
    applies mutatis mutandis (Art 40(2)): hazardous wastes, which every hgmap stream is."""
    if not _art40_in_force(c.s):
        return None
    if c.op == "recovery" and not _hazardous(c.s, c.stream):
        return None  # Art 40(3): the Title IV procedure (not reached: every stream is hazardous)
    return c.a["wsr"][c.O] & ~c.a["oct"][c.O] & c.a["oct"][c.D] & c.diff


def _r9_wsr_oct_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    meta = s.tables.rules[rule.rule_id]
    oct_fact = s.oct_fact(d)
    eea = "" if s.fact("eu_law", o).value else " (applied through the EEA Agreement)"
    if op == "disposal":
        text = (f"EU law{eea} prohibits exporting waste for disposal from {s.name(o)} to an overseas country or "
                f"territory (Art 40(1)); {oct_fact.detail}.")
        art = "Art 40(1)"
    else:
        entries = "; ".join(s.basel_entries(stream))
        text = (f"EU law{eea} applies the Art 36 prohibition mutatis mutandis to exports for recovery to overseas "
                f"countries or territories (Art 40(2)): hazardous wastes (this stream: Basel {entries}) may not "
                f"be exported for recovery from {s.name(o)} to {s.name(d)}, whatever its OECD status; "
                f"{oct_fact.detail}.")
        art = "Art 40(2) with Art 36"
    unknowns: tuple[str, ...] = ()
    conf = min_conf(meta["confidence"], oct_fact.confidence)
    if eea:
        # Whether the EEA adaptation of Reg 1013/2006 carries Art 40 (about the EU's OCTs) was
        # not read: the rule is applied, and the answer says so.
        conf = "low"
        unknowns += (f"whether Reg (EC) 1013/2006 Art 40 binds {s.name(o)} through the EEA Agreement (it concerns "
                     "the EU's overseas countries and territories) was not read; hgmap applies it",)
    if s.as_of >= _WSR_2024:
        cit = f"Reg (EU) 2024/1157 (replacing Reg (EC) 1013/2006 {art} from 2026-05-21)"
        if op == "recovery":
            # The OCT provision of the 2024 Regulation was not read: the Art 40 rule is
            # carried over, and the answer says so.
            conf = "low"
            unknowns += ("the overseas-countries provision of Reg (EU) 2024/1157 (applicable from 2026-05-21) was "
                        f"not read; hgmap carries over Reg (EC) 1013/2006 {art}",)
    elif s.as_of < _WSR_2006:  # pragma: no cover - the rule is not in force then
        cit = meta["citation"]
    else:
        cit = f"Reg (EC) 1013/2006 {art}"
    reason = rule.reason(s, text, [s.fact("eu_law", o), oct_fact], citation=cit, conf=conf, who=o, states=(o,))
    return dataclasses.replace(reason, unknowns=reason.unknowns + unknowns) if unknowns else reason


R9_WSR_OCT = Rule("R9-wsr-oct", "eu_export_ban", "eu", _r9_wsr_oct_mask, _r9_wsr_oct_explain)


def _r9_wsr_import_mask(c: Ctx) -> np.ndarray | None:
    """Reg (EC) 1013/2006 Arts 41 and 43: imports only from Basel Parties, agreement partners (or OECD for recovery)."""
    if not c.s.bans("R9-wsr-import"):
        return None
    a = c.a
    ok = a["party"][c.O] | c.cover
    if c.op == "recovery":
        ok = ok | a["oecd"][c.O]
    return a["wsr"][c.D] & ~a["wsr"][c.O] & ~ok & ~a["antarctic"][c.O]


def _r9_wsr_import_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    extra = " or an OECD-Decision country" if op == "recovery" else ""
    return rule.reason(s, f"EU law admits imports into {s.name(d)} for {op} only from Basel Parties{extra} "
                       f"or under an agreement; {s.name(o)} is none of these.", [s.fact("basel", o)],
                       citation=_wsr_citation(s, rule.rule_id), who=d, states=(d,))


R9_WSR_IMPORT = Rule("R9-wsr-import", "eu_import_ban", "eu", _r9_wsr_import_mask, _r9_wsr_import_explain)


def _r9_hg_export_mask(c: Ctx) -> np.ndarray | None:
    """Reg (EU) 2017/852 Art 3(1) (Reg (EC) 1102/2008 Art 1(1) before 2018): no mercury export from the EU."""
    if c.s.stream_scope("eu_hg_export", c.stream) != "yes" or not c.s.bans("R9-hg-export"):
        return None
    return c.a["eu_law"][c.O] & ~c.a["eu_law"][c.D]


def _r9_hg_export_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    cit = "Reg (EC) 1102/2008 Art 1(1)" if s.as_of < _HG_852 else "Reg (EU) 2017/852 Art 3(1)"
    return rule.reason(s, "EU law prohibits exporting metallic mercury (including mercury waste) "
                       f"from {s.name(o)} to any non-EU country.", [s.fact("eu_law", o)], citation=cit, who=o,
                       states=(o,))


R9_HG_EXPORT = Rule("R9-hg-export", "eu_mercury_export_ban", "eu", _r9_hg_export_mask, _r9_hg_export_explain)


def _r9_hg_import_mask(c: Ctx) -> np.ndarray | None:
    """Reg (EU) 2017/852 Art 4(1): no import of mercury for purposes other than disposal."""
    if (c.op != "recovery" or c.s.stream_scope("eu_hg_export", c.stream) != "yes"
            or not c.s.bans("R9-hg-import")):
        return None
    return c.a["eu_law"][c.D] & ~c.a["eu_law"][c.O]


def _r9_hg_import_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    return rule.reason(s, f"EU law prohibits importing metallic mercury into {s.name(d)} for purposes other "
                       "than disposal as waste; recovery is not disposal.", [s.fact("eu_law", d)], who=d,
                       states=(d,))


R9_HG_IMPORT = Rule("R9-hg-import", "eu_mercury_import_ban", "eu", _r9_hg_import_mask, _r9_hg_import_explain)


# ----------------------------------------------------------------------------- US law


def _r10_meba_mask(c: Ctx) -> np.ndarray | None:
    """TSCA s.12(c), Mercury Export Ban Act 2008: no export of elemental mercury from the USA (2013)."""
    if c.s.stream_scope("us_meba", c.stream) != "yes" or not c.s.bans("R10-meba"):
        return None
    return c.a["us"][c.O] & ~c.a["us"][c.D]


def _r10_meba_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    terr = (" (a US territory; whether 'export from the United States' covers it was not verified)"
            if o != "USA" else "")
    return rule.reason(s, "US law has prohibited the export of elemental mercury from the United "
                       f"States since 1 Jan 2013, with no waste exception{terr}.",
                       conf="medium" if terr else None, who=o, states=(o,))


R10_MEBA = Rule("R10-meba", "us_export_ban", "us", _r10_meba_mask, _r10_meba_explain)


def _r10_lautenberg_mask(c: Ctx) -> np.ndarray | None:
    """TSCA s.12(c) as amended 2016: listed compounds (2020), except to OECD countries for disposal."""
    if c.s.stream_scope("us_lautenberg", c.stream) != "yes" or not c.s.bans("R10-lautenberg"):
        return None
    exempt = c.a["oecd"][c.D] if c.op == "disposal" else np.zeros(c.s.n, bool)[c.D]
    return c.a["us"][c.O] & ~c.a["us"][c.D] & ~exempt


def _r10_lautenberg_explain(rule: Rule, s: State, o: str, d: str, stream: str, op: str) -> Reason:
    return rule.reason(s, "US law has prohibited exporting the listed mercury compounds since 1 Jan "
                       "2020, except to OECD countries for environmentally sound disposal.", who=o, states=(o,))


R10_LAUTENBERG = Rule("R10-lautenberg", "us_export_ban", "us", _r10_lautenberg_mask, _r10_lautenberg_explain)


#: Prohibiting pair rules in evaluation order (RULES.md "suggested evaluation order").
PAIR_RULES: tuple[Rule, ...] = (
    R1, R2, R3, R9_WSR_DISPOSAL, R9_WSR_RECOVERY, R9_WSR_OCT, R9_HG_EXPORT, R10_MEBA, R10_LAUTENBERG, R4_EXPORT,
    R9_WSR_IMPORT, R9_HG_IMPORT, R4_IMPORT, R4_BAMAKO, R4_WAIGANI_IMPORT, R4_WAIGANI_EXPORT, R4_CAA, R4_IZMIR,
    R4_IZMIR_EXPORT,
)
#: Ids of :data:`PAIR_RULES` (bit ``k`` of a matrix cell is rule ``k``).
RULE_IDS: tuple[str, ...] = tuple(r.rule_id for r in PAIR_RULES)

#: Every rule: the prohibiting pair rules, then the procedural, transit and flag rules
#: (their reasons are built by :mod:`~hgmap.law.decision` and :mod:`~hgmap.law.transit`).
RULES: dict[str, Rule] = {r.rule_id: r for r in (
    *PAIR_RULES,
    Rule("R0-domestic", "domestic", None),
    Rule("R0-same-state", "same_state", "basel"),  # Basel Art 2(3)
    Rule("R2-art11", "art11_agreement", "basel"),  # Basel Art 11
    Rule("R2-not-governed", "not_governed", "basel"),  # Basel Art 4(5) not applicable
    Rule("R6-pic", "prior_informed_consent", "basel"),  # Basel Art 6(1)-(3)
    Rule("R7-party-transit", "transit_party", "basel"),  # Basel Art 6(4)
    Rule("R7-nonparty-transit", "transit_non_party", "basel"),  # Basel Art 7
    Rule("R7-eu-transit", "transit_eu", "eu"),  # Reg (EC) 1013/2006 Arts 47-48; Reg (EU) 2024/1157 Arts 57-58
    Rule("R7-caa-transit", "transit_ban", "caa"),
    Rule("R7-izmir-transit", "transit_ban", "izmir"),  # Izmir Protocol Art 5(4)
    Rule("R7-izmir-sea", "transit_sea_notice", "izmir"),  # Izmir Protocol Art 6(4) (territorial sea)
    Rule("R7-national-transit", "transit_ban", "national"),  # Basel Art 4(11)
    Rule("R7-transit", "transit_blocked", None),
    Rule("FLAG-stream-scope", "stream_scope", None),
    Rule("R10-us-import", "us_import", "us"),  # RCRA s.3017; 40 CFR 262 Subpart H (a condition)
    Rule("R10-us-export", "us_export", "us"),  # RCRA s.3017; 40 CFR 262.83 (a condition)
    Rule("NOTE-annex-vii", "annex_vii_reading", "basel"),  # how Annex VII is read (a note)
    Rule("R4-kuwait-import", "regional_import_ban", "kuwait"),  # Kuwait Protocol Art 5, Art 6 (a flag)
    Rule("R6-kuwait", "regional_procedure", "kuwait"),  # Kuwait Protocol Art 7, Art 8 (a condition)
)}


def stream_scope_flags(s: State, o: str, d: str, stream: str, op: str) -> list[Reason]:
    """Rules that may reach part of a stream (``partial`` scope): reported, never prohibiting."""
    a, io, id_ = s.arr, s.idx(o), s.idx(d)
    same = s.sov[io] == s.sov[id_]
    flag = RULES["FLAG-stream-scope"]
    out = []
    checks = [
        ("eu_hg_export", R9_HG_EXPORT, a["eu_law"][io] and not a["eu_law"][id_],
         "metallic mercury in this stream (for example mercury drained from devices) may not be exported from the EU"),
        ("us_meba", R10_MEBA, a["us"][io] and not same,
         "elemental mercury in this stream may not be exported from the United States"),
        ("us_lautenberg", R10_LAUTENBERG, a["us"][io] and not same and not (a["oecd"][id_] and op == "disposal"),
         "consignments that are a listed mercury compound (e.g. mercury(II) oxide, calomel, cinnabar) may not be "
         "exported from the United States"),
    ]
    for column, rule, applies, text in checks:
        if applies and s.stream_scope(column, stream) == "partial" and s.bans(rule.rule_id):
            meta = s.tables.rules[rule.rule_id]
            out.append(build_reason(s, flag.rule_id, flag.kind, rule.instrument, f"{meta['title']}: {text}.",
                                    citation=meta["citation"], sources=meta["source_url"].split(" ; "), who=o,
                                    states=(o,)))
    for rule, holder, partner in ((R4_IMPORT, d, o), (R4_EXPORT, o, d)):
        for ban in national_bans(s, rule.rule_id, stream, op, match="partial"):
            if not _reaches(s, ban, same, partner):
                continue  # as for the bans themselves (:func:`_national_mask`)
            if s.group_mask(ban.holder)[s.idx(holder)] and s.partner_mask(ban.partners)[s.idx(partner)]:
                out.append(build_reason(
                    s, flag.rule_id, flag.kind, "national",
                    f"{s.name(holder)}'s ban [{ban.ban_id}] on {ban.scope_wastes} may reach part of this "
                    "stream; check the consignment.", citation=ban.legal_basis, conf=ban.confidence,
                    sources=ban.sources, who=holder, ban_ids=(ban.ban_id,), states=(holder,)))
    return out


def kuwait_import_flags(s: State, o: str, d: str, op: str) -> list[Reason]:
    """Kuwait Protocol Art 5 (and Art 6 for disposal): a Party's imports from a non-Contracting State.

    The Protocol prohibits such imports "except if certain conditions are met" (Art 5, as
    ECOLEX summarises it); the conditions were not read, so the rule flags the movement and
    names the unknown instead of prohibiting it.
    """
    if "R4-kuwait-import" not in s.tables.rules:
        return []
    a, io, id_ = s.arr, s.idx(o), s.idx(d)
    if not a["kuwait"][id_] or a["kuwait"][io] or s.sov[io] == s.sov[id_]:
        return []
    fact = s.fact("kuwait", d)
    art6 = (" For disposal, Art 6 also prohibits the disposal of such wastes in the Protocol Area unless they are "
            "destined for Annex IV Section B (recovery) operations." if op == "disposal" else "")
    reason = build_reason(
        s, "R4-kuwait-import", "regional_import_ban", "kuwait",
        f"{s.name(d)} is a Party to the Kuwait Protocol ({fact.detail}) and {s.name(o)} is not: the Protocol "
        f"prohibits the import of hazardous wastes and other wastes from non-Contracting States, except if certain "
        f"conditions are met (Kuwait Protocol Art 5).{art6} The conditions were not read: the movement may be "
        "prohibited.", [fact], citation="Kuwait Protocol Art 5" + (", Art 6" if op == "disposal" else ""),
        who=d, states=(d,))
    return [dataclasses.replace(reason, unknowns=reason.unknowns + (
        f"whether the conditions of Kuwait Protocol Art 5 allow this import into {s.name(d)} from a non-Contracting "
        "State is not established (the Protocol's articles were read only in ECOLEX's summary)",))]
