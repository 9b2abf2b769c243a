"""The legal engine: may mercury waste stream S move from A to B (through T...) on date D?

Every answer carries the rules that fired, with article citations, plain-language
sentences, sources and a confidence; unknown facts are reported, never guessed. The
rules (R1-R10, from the project's legal research) are documented in ``docs/law.md``;
each is implemented once, as a vectorised mask used both by :func:`assess` (one pair,
with explanations) and :func:`matrix` (all pairs), so the two always agree.

Not legal advice.

Examples
--------
>>> from hgmap import law
>>> law.assess("NZL", "FJI", "lamps", "disposal", as_of="2025-01-01").status
'prohibited'
>>> law.assess("FJI", "AUS", "lamps", "disposal", as_of="2025-01-01").status
'permitted_with_consent'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ._io import data_path
from ._law_data import (
    Agreement, Ban, Fact, Scenario, Tables, load_scenario, load_tables, max_conf,
    membership_fact, min_conf,
)
from .errors import UnknownCountryError
from .vocab import check_operation, check_stream, parse_date

__all__ = [
    "assess", "matrix", "load_scenario", "Scenario", "Decision", "Reason", "TransitAssessment",
    "LegalMatrix", "STATUSES", "DATA_DATE", "data_date", "known_codes",
]

log = logging.getLogger(__name__)

#: Decision statuses; :attr:`LegalMatrix.status` holds their index.
STATUSES: tuple[str, ...] = ("domestic", "not_governed", "permitted_with_consent", "prohibited")
DOMESTIC, NOT_GOVERNED, PERMITTED, PROHIBITED = range(4)

_NOT_ADVICE = "Not legal advice: check with the competent authorities of every State concerned."
_WSR_2024 = dt.date(2026, 5, 21)  # Reg (EU) 2024/1157 replaces Reg (EC) 1013/2006
_HG_852 = dt.date(2018, 1, 1)  # Reg (EU) 2017/852 applies (before: Reg (EC) 1102/2008)


def data_date() -> str:
    """The as-of date of the legal data: the newest evidence date in the shipped tables."""
    return load_tables().data_date


def __getattr__(name: str) -> Any:
    # DATA_DATE is read from the shipped tables on first use, not at import.
    if name == "DATA_DATE":
        return data_date()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------------------- results


@dataclasses.dataclass(frozen=True)
class Reason:
    """One rule that fired.

    Attributes
    ----------
    rule_id
        Stable id (``R1`` ... ``R10-*``; see ``data/law/rules.csv``).
    citation
        Article citation, e.g. ``Basel Art 4(5)``.
    effect
        ``prohibits``, ``permits``, ``requires``, ``informs`` or ``flags``.
    detail
        One plain-language sentence.
    sources
        URLs (or references) of the facts and the rule.
    confidence
        ``high``, ``medium`` or ``low``: the weakest of the rule and the facts it used.
    state
        The ISO3 code whose law or obligation this is (``None`` when shared).
    """

    rule_id: str
    citation: str
    effect: str
    detail: str
    sources: tuple[str, ...]
    confidence: str
    state: str | None = None
    unknowns: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "citation": self.citation, "effect": self.effect,
                "detail": self.detail, "sources": list(self.sources),
                "confidence": self.confidence, "state": self.state, "unknowns": list(self.unknowns)}


@dataclasses.dataclass(frozen=True)
class TransitAssessment:
    """How one transit State treats the movement."""

    iso3: str
    status: str
    reasons: tuple[Reason, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"iso3": self.iso3, "status": self.status,
                "reasons": [r.to_dict() for r in self.reasons]}


@dataclasses.dataclass(frozen=True)
class Decision:
    """The legal answer for one movement. See :func:`assess`."""

    origin: str
    destination: str
    stream: str
    operation: str
    via: tuple[str, ...]
    as_of: dt.date
    status: str
    reasons: tuple[Reason, ...]
    conditions: tuple[str, ...]
    transit: tuple[TransitAssessment, ...]
    confidence: str
    unknowns: tuple[str, ...]
    notes: tuple[str, ...]
    data_date: str
    scenario: str | None = None

    @property
    def allowed(self) -> bool:
        """``True`` unless the status is ``prohibited``."""
        return self.status != "prohibited"

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Ids of the prohibiting rules (empty when not prohibited)."""
        return tuple(dict.fromkeys(r.rule_id for r in self.reasons if r.effect == "prohibits"))

    def to_dict(self) -> dict[str, Any]:
        """The decision as JSON-ready data (keys documented in ``docs/law.md``)."""
        return {
            "origin": self.origin, "destination": self.destination, "stream": self.stream,
            "operation": self.operation, "via": list(self.via), "as_of": self.as_of.isoformat(),
            "status": self.status, "reasons": [r.to_dict() for r in self.reasons],
            "conditions": list(self.conditions), "transit": [t.to_dict() for t in self.transit],
            "confidence": self.confidence, "unknowns": list(self.unknowns), "notes": list(self.notes),
            "data_date": self.data_date, "scenario": self.scenario, "disclaimer": _NOT_ADVICE,
        }

    def explain(self) -> str:
        """A plain-text explanation (what ``hgmap legal`` prints)."""
        lines = [f"{self.origin} -> {self.destination}"
                 + (f" via {', '.join(self.via)}" if self.via else "")
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
        lines += ["", f"Legal data as of {self.data_date}.", _NOT_ADVICE]
        return "\n".join(lines)


# ------------------------------------------------------------------------------ state


def _layer_codes() -> tuple[str, ...] | None:
    # The countries layer is optional while it is being built; the legal tables then
    # provide the code list.
    if not data_path("countries.gpkg").exists():
        return None
    from .countries import country_codes

    return tuple(country_codes())


class _State:
    """Everything that depends only on (as_of, scenario): facts and per-State arrays."""

    def __init__(self, as_of: dt.date, scenario: Scenario | None) -> None:
        base = load_tables()
        self.as_of = as_of
        self.scenario = scenario
        self.tables: Tables = scenario.apply(base) if scenario else base
        layer = _layer_codes()
        universe = set(self.tables.codes()) | {"ATA"} | set(layer or ())
        self.codes: tuple[str, ...] = tuple(sorted(universe))
        self.index = {c: i for i, c in enumerate(self.codes)}
        self.matrix_codes: tuple[str, ...] = tuple(layer) if layer else tuple(
            c for c in self.codes if c != "ATA")
        n = len(self.codes)
        self.n = n
        terr = self.tables.territories
        self.territory = {c: t for c, t in terr.items() if not t.own_treaty_status}
        sov_codes = [self.territory[c].sovereign if c in self.territory else c for c in self.codes]
        self.sov = np.array([self.index.get(s, i) for i, s in enumerate(sov_codes)], dtype=np.int32)
        self.is_territory = np.array([c in self.territory for c in self.codes])
        self.facts: dict[tuple[str, str], Fact] = {}
        arr: dict[str, np.ndarray] = {}
        for inst in ("basel", "ban_amendment", "minamata", "bamako", "waigani", "caa", "izmir",
                     "oecd", "eu", "eu_law", "efta", "eea", "annex_vii", "waigani_area", "annex7"):
            arr[inst] = np.fromiter((self.fact(inst, c).value for c in self.codes), bool, n)
        codes = np.array(self.codes)
        arr["party"] = arr["basel"]
        arr["ban_bound"] = arr["ban_amendment"] & arr["basel"] & arr["annex7"]
        arr["wsr"] = arr["eu_law"] | arr["eea"]
        arr["pidp"] = arr["waigani"] & ~np.isin(codes, ["AUS", "NZL"])
        arr["ausnzl"] = arr["waigani"] & np.isin(codes, ["AUS", "NZL"])
        roles = {c: self._role("waigani_area", c) for c in self.codes}
        arr["fic_target"] = arr["waigani_area"] & np.array(
            [roles[c] in {"forum_island_country", "pacific_territory"} for c in self.codes])
        arr["izmir_non_eu"] = arr["izmir"] & ~arr["eu_law"]
        arr["antarctic"] = codes == "ATA"
        us = self.index.get("USA", -1)
        arr["us"] = self.sov == us
        self.arr = arr
        self.cache: dict[Any, Any] = {}

    # -- facts ------------------------------------------------------------------

    def name(self, code: str) -> str:
        if code == "ATA":
            return "Antarctica"
        return f"{self.tables.names.get(code, code)} ({code})"

    def _role(self, inst: str, code: str) -> str:
        rows = self.tables.memberships.get((inst, code), ())
        return rows[0].role if rows else ""

    def fact(self, inst: str, code: str) -> Fact:
        key = (inst, code)
        hit = self.facts.get(key)
        if hit is None:
            hit = self.facts[key] = self._fact(inst, code)
        return hit

    def _fact(self, inst: str, code: str) -> Fact:
        on, tables = self.as_of, self.tables
        if code == "ATA":
            return Fact(False, "high", (), "Antarctica is not a State")
        terr = self.territory.get(code)
        if inst == "annex7":
            parts = [self.fact(i, code) for i in ("oecd", "eu", "annex_vii")]
            true = [f for f in parts if f.value]
            if true:
                best = max(true, key=lambda f: ("low", "medium", "high").index(f.confidence))
                return Fact(True, best.confidence, best.sources,
                            "listed in Basel Annex VII (OECD/EU member or Liechtenstein; dynamic reading)",
                            best.unknown)
            return Fact(False, min_conf(*(f.confidence for f in parts)), (),
                        "not listed in Basel Annex VII (not an OECD or EU member, not Liechtenstein)")
        if terr is not None:
            return self._territory_fact(inst, code, terr)
        if inst == "eu_law":
            f = self.fact("eu", code)
            return dataclasses.replace(f, detail=("EU law applies" if f.value else "EU law does not apply")
                                       + f" ({f.detail})")
        fact = membership_fact(tables, inst, code, on)
        has_rows = (inst, code) in tables.memberships
        if inst == "basel" and not has_rows:
            return Fact(False, "low", (), f"no Basel Convention data for {code}",
                        f"the Basel status of {self.name(code)} is not in hgmap's data; treated as a non-Party")
        if inst == "minamata" and not has_rows:
            complete = tables.datasets.get("minamata", {}).get("complete_until", "")
            if complete and on > dt.date.fromisoformat(complete):
                return Fact(False, "low", (), "not in hgmap's Minamata party list",
                            f"whether {self.name(code)} is a Minamata Party on {on} is unknown "
                            f"(party list complete only to {complete})", decisive=False)
        return fact

    def _territory_fact(self, inst: str, code: str, terr: Any) -> Fact:
        sov = terr.sovereign
        tname, sname = self.name(code), self.name(sov)
        if inst == "basel":
            s = self.fact("basel", sov)
            src = terr.sources + s.sources
            if terr.basel_coverage == "not_covered":
                return Fact(False, terr.confidence, src,
                            f"territory of {sname}; {sname}'s Basel ratification does not cover it")
            if terr.basel_coverage == "covered":
                if terr.coverage_from and self.as_of < terr.coverage_from:
                    return Fact(False, terr.confidence, src,
                                f"territory of {sname}; Basel extended to it only from {terr.coverage_from}")
                return Fact(s.value, min_conf(s.confidence, terr.confidence), src,
                            f"territory of {sname}, covered by its ratification; {sname}: {s.detail}", s.unknown)
            return Fact(s.value, "low", src,
                        f"territory of {sname}; whether {sname}'s ratification covers it is not established",
                        (f"Basel coverage of {tname} by {sname} is not established; hgmap presumes "
                         "coverage (a treaty binds a State for its entire territory unless a different "
                         "intention appears, VCLT Art 29)") if s.value else s.unknown)
        if inst == "eu_law":
            s = self.fact("eu", sov)
            if terr.eu_law == "yes":
                return Fact(s.value, min_conf(s.confidence, terr.confidence), terr.sources,
                            f"EU law applies in {tname} (part of {sname})" if s.value else
                            f"EU law does not apply ({sname}: {s.detail})", s.unknown)
            if terr.eu_law == "no":
                return Fact(False, terr.confidence, terr.sources, f"EU law does not apply in {tname}")
            return Fact(False, "low", terr.sources, f"whether EU law applies in {tname} is not established",
                        f"whether EU law applies in {tname} is not established; treated as not applying")
        if inst in {"oecd", "eu", "annex_vii"}:
            s = self.fact(inst, sov)
            if not s.value:
                return Fact(False, s.confidence, s.sources, f"territory of {sname}: {s.detail}")
            return Fact(True, min_conf(s.confidence, "medium"), s.sources + terr.sources,
                        f"territory of {sname}, which is {s.detail}",
                        s.unknown or (f"whether {sname}'s {inst.upper()} membership reaches {tname} "
                                      "is not established; hgmap assumes it does"))
        if inst == "ban_amendment":
            b = self.fact("basel", code)
            s = self.fact(inst, sov)
            if not (b.value and s.value):
                return Fact(False, min_conf(s.confidence, b.confidence), s.sources,
                            f"territory of {sname}; not bound by the Ban Amendment")
            return Fact(True, min_conf(s.confidence, b.confidence, "medium"), s.sources + terr.sources,
                        f"territory of {sname}, which is {s.detail}", s.unknown or b.unknown)
        if inst == "minamata":
            s = self.fact(inst, sov)
            return Fact(s.value, min_conf(s.confidence, "medium"), s.sources,
                        f"territory of {sname} ({sname}: {s.detail})",
                        f"the Minamata territorial scope for {tname} is not researched", decisive=False)
        # Regional instruments and EFTA/EEA: only the territory's own rows count.
        return membership_fact(self.tables, inst, code, self.as_of)

    # -- index helpers ----------------------------------------------------------

    def idx(self, code: str) -> int:
        return self.index[code]

    def isin(self, codes: Iterable[str]) -> np.ndarray:
        return np.isin(np.array(self.codes), list(codes))

    def group_mask(self, spec: str) -> np.ndarray:
        """States denoted by ``spec``: ``@instrument``, ``*``, or ``A;B`` (with their territories)."""
        if spec == "*":
            return np.ones(self.n, bool)
        if spec.startswith("@"):
            key = spec[1:]
            return self.arr["us"] if key == "us" else self.arr["wsr"] if key == "wsr_area" else self.arr[key]
        listed = self.isin(spec.split(";"))
        # A State's law reaches its territories unless the territory is separately listed.
        return listed | (self.is_territory & listed[self.sov])


@functools.lru_cache(maxsize=16)
def _state(as_of: dt.date, scenario: Scenario | None) -> _State:
    return _State(as_of, scenario)


def _resolve_scenario(scenario: str | Path | Scenario | None) -> Scenario | None:
    if scenario is None or isinstance(scenario, Scenario):
        return scenario
    return load_scenario(scenario)


def _resolve_date(as_of: str | dt.date | None) -> dt.date:
    return parse_date(as_of, field="as_of") or dt.date.today()


def known_codes() -> tuple[str, ...]:
    """ISO3 codes :func:`assess` accepts: the countries layer, the legal tables and ATA."""
    return _state(dt.date.today(), None).codes


def _check_code(state: _State, code: str, field: str) -> str:
    c = str(code).strip().upper()
    if c not in state.index:
        msg = f"{field}: unknown ISO 3166-1 alpha-3 code {code!r}"
        raise UnknownCountryError(msg)
    return c


# ------------------------------------------------------------------------------ rules


def _rule_meta(state: _State, rid: str) -> dict[str, str]:
    return state.tables.rules[rid]


def _reason(state: _State, rid: str, detail: str, facts: Sequence[Fact] = (), *,
            citation: str | None = None, effect: str | None = None, conf: str | None = None,
            sources: Sequence[str] = (), who: str | None = None) -> Reason:
    meta = _rule_meta(state, rid)
    src: list[str] = []
    for s in [*sources, *(x for f in facts for x in f.sources), *meta["source_url"].split(" ; ")]:
        if s and s not in src:
            src.append(s)
    confidence = min_conf(conf or meta["confidence"], *(f.confidence for f in facts))
    unknowns = tuple(dict.fromkeys(f.unknown for f in facts if f.unknown))
    return Reason(rid, citation or meta["citation"], effect or meta["effect"], detail,
                  tuple(src), confidence, who, unknowns)


def _agreements_in_force(state: _State) -> list[tuple[Agreement, np.ndarray, np.ndarray]]:
    """Art 11 agreements in force on the state's date, with exporter/importer masks."""
    key = "agreements"
    if key in state.cache:
        return state.cache[key]
    out = []
    for a in state.tables.agreements:
        if a.in_force_from is not None and state.as_of < a.in_force_from:
            continue
        if a.in_force_to is not None and state.as_of > a.in_force_to:
            continue
        members = state.group_mask(a.members[0] if a.group else ";".join(a.members))
        exp = members & (state.group_mask(";".join(sorted(a.exporters))) if a.exporters else True)
        imp = members & (state.group_mask(";".join(sorted(a.importers))) if a.importers else True)
        out.append((a, exp, imp))
    state.cache[key] = out
    return out


def _art11_cover(state: _State, operation: str, stream: str) -> np.ndarray:
    """n x n: some Art 11 agreement covers (exporter, importer, operation, stream)."""
    key = ("art11", operation, stream)
    if key not in state.cache:
        cover = np.zeros((state.n, state.n), bool)
        for a, exp, imp in _agreements_in_force(state):
            if operation in a.operations and (a.streams is None or stream in a.streams):
                cover |= exp[:, None] & imp[None, :]
        state.cache[key] = cover
    return state.cache[key]


def _covering_agreements(state: _State, o: int, d: int, operation: str, stream: str) -> list[Agreement]:
    return [a for a, exp, imp in _agreements_in_force(state)
            if exp[o] and imp[d] and operation in a.operations and (a.streams is None or stream in a.streams)]


def _partner_mask(state: _State, spec: str) -> np.ndarray:
    if spec == "all":
        return np.ones(state.n, bool)
    if spec.startswith("non_members:"):
        inst = spec.split(":", 1)[1]
        inst = {"eu": "eu_law", "basel": "party"}.get(inst, inst)
        return ~state.arr[inst]
    if spec == "outside:waigani_area":
        return ~state.arr["waigani_area"]
    if spec.startswith("waigani_area:"):
        return state.arr["fic_target"]
    if spec == "antarctic":
        return state.arr["antarctic"]
    return state.group_mask(spec)


def _stream_scope(state: _State, column: str, stream: str) -> str:
    return state.tables.streams[stream][column]


def _ban_stream_match(state: _State, ban: Ban, stream: str) -> str:
    """``yes``/``partial``/``no``: does ``ban`` reach ``stream``?"""
    if ban.streams == "all":
        return "yes"
    if ban.streams.startswith("scope:"):
        return _stream_scope(state, ban.streams[6:], stream)
    if stream in ban.streams.split(";"):
        return "yes"
    return "partial" if stream in ban.flag_streams else "no"


def _bans(state: _State, rule_id: str) -> list[Ban]:
    return [b for b in state.tables.bans if b.rule_id == rule_id and b.in_force(state.as_of)]


class _Ctx:
    """Pair-level arrays for one (stream, operation), broadcastable over (O, D)."""

    def __init__(self, state: _State, O: np.ndarray, D: np.ndarray, stream: str, operation: str) -> None:
        self.s, self.O, self.D, self.stream, self.op = state, O, D, stream, operation
        a = state.arr
        self.a = a
        self.same = state.sov[O] == state.sov[D]
        self.diff = O != D
        self.cover = _art11_cover(state, operation, stream)[O, D]


# Each rule: (rule_id, mask function). A mask returns a bool array over (O, D) or None
# when the rule does not apply at all (date, stream or operation). Prohibiting rules only.


def _r1_antarctica(c: _Ctx) -> np.ndarray | None:
    """Basel Art 4(6): no export for disposal south of 60 deg S (Antarctica)."""
    if not _bans(c.s, "R1"):
        return None
    return c.a["antarctic"][c.D] & c.diff


def _r2_art_4_5(c: _Ctx) -> np.ndarray | None:
    """Basel Art 4(5): no export to / import from a non-Party, unless an Art 11 agreement covers it."""
    a = c.a
    one_party = a["party"][c.O] ^ a["party"][c.D]
    not_ata = ~a["antarctic"][c.O] & ~a["antarctic"][c.D]
    return one_party & not_ata & ~c.same & ~c.cover


def _r3_art_4a(c: _Ctx) -> np.ndarray | None:
    """Basel Art 4A (Ban Amendment): bound Annex VII Party -> non-Annex VII State."""
    a = c.a
    return a["ban_bound"][c.O] & ~a["annex7"][c.D] & ~c.same


def _national(c: _Ctx, rule_id: str, holder_side: str) -> np.ndarray | None:
    """Basel Art 4(1)(b), 4(2)(e) and national law: import/export bans of bans.csv."""
    out = None
    for ban in _bans(c.s, rule_id):
        if c.op not in ban.operations or _ban_stream_match(c.s, ban, c.stream) != "yes":
            continue
        holder = c.s.group_mask(ban.holder)
        partners = _partner_mask(c.s, ban.partners)
        h, p = (c.D, c.O) if holder_side == "import" else (c.O, c.D)
        m = holder[h] & partners[p] & ~c.same
        out = m if out is None else out | m
    return out


def _r4_import(c: _Ctx) -> np.ndarray | None:
    return _national(c, "R4-national-import", "import")


def _r4_export(c: _Ctx) -> np.ndarray | None:
    return _national(c, "R4-national-export", "export")


def _r4_bamako(c: _Ctx) -> np.ndarray | None:
    """Bamako Convention Art 4(1): no import into a Bamako Party from a non-Party."""
    if not _bans(c.s, "R4-bamako"):
        return None
    return c.a["bamako"][c.D] & ~c.a["bamako"][c.O] & ~c.same


def _r4_waigani_import(c: _Ctx) -> np.ndarray | None:
    """Waigani Art 4(1)(a): Pacific Island Developing Parties ban imports from outside the Convention Area."""
    if not _bans(c.s, "R4-waigani-import"):
        return None
    return c.a["pidp"][c.D] & ~c.a["waigani_area"][c.O] & ~c.same


def _r4_waigani_export(c: _Ctx) -> np.ndarray | None:
    """Waigani Art 4(1)(b): Australia and New Zealand ban exports to Forum Island Countries."""
    if not _bans(c.s, "R4-waigani-export"):
        return None
    return c.a["ausnzl"][c.O] & c.a["fic_target"][c.D] & ~c.same


def _r4_caa(c: _Ctx) -> np.ndarray | None:
    """Central American Agreement (1992) Art 3: no import from non-Parties."""
    if not _bans(c.s, "R4-caa"):
        return None
    return c.a["caa"][c.D] & ~c.a["caa"][c.O] & ~c.same


def _r4_izmir(c: _Ctx) -> np.ndarray | None:
    """Izmir Protocol Art 5(4): non-EU Parties prohibit all imports."""
    if not _bans(c.s, "R4-izmir"):
        return None
    return c.a["izmir_non_eu"][c.D] & ~c.same


def _r9_wsr_disposal(c: _Ctx) -> np.ndarray | None:
    """Reg (EC) 1013/2006 Art 34: no export for disposal except to EFTA States that are Basel Parties."""
    if c.op != "disposal" or not _bans(c.s, "R9-wsr-disposal"):
        return None
    a = c.a
    return a["wsr"][c.O] & ~a["wsr"][c.D] & ~(a["efta"][c.D] & a["party"][c.D])


def _r9_wsr_recovery(c: _Ctx) -> np.ndarray | None:
    """Reg (EC) 1013/2006 Art 36: no export of hazardous waste for recovery to non-OECD countries."""
    if c.op != "recovery" or not _bans(c.s, "R9-wsr-recovery"):
        return None
    a = c.a
    return a["wsr"][c.O] & ~a["wsr"][c.D] & ~a["oecd"][c.D]


def _r9_wsr_import(c: _Ctx) -> np.ndarray | None:
    """Reg (EC) 1013/2006 Arts 41 and 43: imports only from Basel Parties, agreement partners (or OECD for recovery)."""
    if not _bans(c.s, "R9-wsr-import"):
        return None
    a = c.a
    ok = a["party"][c.O] | c.cover
    if c.op == "recovery":
        ok = ok | a["oecd"][c.O]
    return a["wsr"][c.D] & ~a["wsr"][c.O] & ~ok & ~a["antarctic"][c.O]


def _r9_hg_export(c: _Ctx) -> np.ndarray | None:
    """Reg (EU) 2017/852 Art 3(1) (Reg (EC) 1102/2008 Art 1(1) before 2018): no mercury export from the EU."""
    if _stream_scope(c.s, "eu_hg_export", c.stream) != "yes" or not _bans(c.s, "R9-hg-export"):
        return None
    return c.a["eu_law"][c.O] & ~c.a["eu_law"][c.D]


def _r9_hg_import(c: _Ctx) -> np.ndarray | None:
    """Reg (EU) 2017/852 Art 4(1): no import of mercury for purposes other than disposal."""
    if (c.op != "recovery" or _stream_scope(c.s, "eu_hg_export", c.stream) != "yes"
            or not _bans(c.s, "R9-hg-import")):
        return None
    return c.a["eu_law"][c.D] & ~c.a["eu_law"][c.O]


def _r10_meba(c: _Ctx) -> np.ndarray | None:
    """TSCA s.12(c), Mercury Export Ban Act 2008: no export of elemental mercury from the USA (2013)."""
    if _stream_scope(c.s, "us_meba", c.stream) != "yes" or not _bans(c.s, "R10-meba"):
        return None
    return c.a["us"][c.O] & ~c.a["us"][c.D]


def _r10_lautenberg(c: _Ctx) -> np.ndarray | None:
    """TSCA s.12(c) as amended 2016: listed compounds (2020), except to OECD countries for disposal."""
    if _stream_scope(c.s, "us_lautenberg", c.stream) != "yes" or not _bans(c.s, "R10-lautenberg"):
        return None
    exempt = c.a["oecd"][c.D] if c.op == "disposal" else np.zeros(c.s.n, bool)[c.D]
    return c.a["us"][c.O] & ~c.a["us"][c.D] & ~exempt


#: Prohibiting pair rules in evaluation order (RULES.md "suggested evaluation order").
_PAIR_RULES: tuple[tuple[str, Any], ...] = (
    ("R1", _r1_antarctica),
    ("R2", _r2_art_4_5),
    ("R3", _r3_art_4a),
    ("R9-wsr-disposal", _r9_wsr_disposal),
    ("R9-wsr-recovery", _r9_wsr_recovery),
    ("R9-hg-export", _r9_hg_export),
    ("R10-meba", _r10_meba),
    ("R10-lautenberg", _r10_lautenberg),
    ("R4-national-export", _r4_export),
    ("R9-wsr-import", _r9_wsr_import),
    ("R9-hg-import", _r9_hg_import),
    ("R4-national-import", _r4_import),
    ("R4-bamako", _r4_bamako),
    ("R4-waigani-import", _r4_waigani_import),
    ("R4-waigani-export", _r4_waigani_export),
    ("R4-caa", _r4_caa),
    ("R4-izmir", _r4_izmir),
)
RULE_IDS: tuple[str, ...] = tuple(rid for rid, _ in _PAIR_RULES)


def _status_codes(c: _Ctx, prohibited: np.ndarray) -> np.ndarray:
    a = c.a
    neither = ~a["party"][c.O] & ~a["party"][c.D]
    not_gov = c.same | a["antarctic"][c.O] | neither
    out = np.where(prohibited, PROHIBITED, np.where(not_gov, NOT_GOVERNED, PERMITTED))
    return np.where(c.diff, out, DOMESTIC).astype(np.int8)


# --------------------------------------------------------------------- explanations


def _explain(state: _State, rid: str, o: str, d: str, stream: str, op: str) -> Reason:
    """The plain-language reason for prohibiting rule ``rid`` on the pair (o, d)."""
    f, n = state.fact, state.name
    on = state.as_of.isoformat()
    if rid == "R1":
        fo = f("basel", o)
        conf = "high" if fo.value else "medium"
        extra = "" if fo.value else (f" {n(o)} is not a Basel Party, so Art 4(6) does not bind it; hgmap "
                                     "still reports the area as closed because Antarctica has no State of "
                                     "import that could consent (Art 6)")
        return _reason(state, rid, f"Parties may not allow the export of hazardous wastes for disposal in the "
                       f"area south of 60 deg S.{extra}", [], conf=conf, who=o)
    if rid == "R2":
        po, pd_ = f("basel", o), f("basel", d)
        party, non = (o, d) if po.value else (d, o)
        direction = "export to" if po.value else "import from"
        return _reason(state, rid, f"{n(party)} is a Basel Party and {n(non)} is not ({f('basel', non).detail}); "
                       f"a Party may not permit the {direction} a non-Party, and no Article 11 agreement "
                       f"covers {op} of this waste from {o} to {d} on {on}.", [po, pd_], who=party)
    if rid == "R3":
        facts = [f("ban_amendment", o), f("annex7", o), f("annex7", d)]
        kind = "disposal (Annex IV A, Art 4A(1))" if op == "disposal" else "recovery (Annex IV B; mercury wastes are Art 1(1)(a) wastes, Art 4A(2))"
        return _reason(state, rid, f"{n(o)} is listed in Annex VII and bound by the Ban Amendment "
                       f"({facts[0].detail}); {n(d)} is not in Annex VII, so {n(o)} must prohibit "
                       f"movements for {kind}.", facts, who=o)
    if rid in {"R4-national-import", "R4-national-export"}:
        side = "import" if rid.endswith("import") else "export"
        holder, partner = (d, o) if side == "import" else (o, d)
        reasons = []
        for ban in _bans(state, rid):
            if op not in ban.operations or _ban_stream_match(state, ban, stream) != "yes":
                continue
            hm, pm = state.group_mask(ban.holder), _partner_mask(state, ban.partners)
            if hm[state.idx(holder)] and pm[state.idx(partner)]:
                unk = "" if not ban.start_unknown(state.as_of) else " (start date not established)"
                reasons.append((ban, unk))
        ban, unk = reasons[0]
        more = f" (also: {', '.join(b.ban_id for b, _ in reasons[1:])})" if len(reasons) > 1 else ""
        cit = (f"{ban.legal_basis}; Basel Art 4(1)(b), 4(2)(e)" if side == "import"
               else f"{ban.legal_basis}; Basel Art 4(11)")
        return _reason(state, rid, f"{n(holder)} prohibits the {side} of {ban.scope_wastes or 'hazardous wastes'} "
                       f"[{ban.ban_id}]{unk}{more}.", citation=cit, conf=ban.confidence,
                       sources=ban.sources, who=holder)
    if rid == "R4-bamako":
        facts = [f("bamako", d), f("bamako", o)]
        return _reason(state, rid, f"{n(d)} is a Bamako Party ({facts[0].detail}) and {n(o)} is not; Bamako "
                       "Parties prohibit the import of all hazardous wastes into Africa from non-Parties.",
                       facts, who=d)
    if rid == "R4-waigani-import":
        facts = [f("waigani", d), f("waigani_area", o)]
        return _reason(state, rid, f"{n(d)} is a Pacific Island Developing Party to Waigani ({facts[0].detail}) "
                       f"and {n(o)} is outside the Waigani Convention Area; such imports are banned.",
                       facts, who=d)
    if rid == "R4-waigani-export":
        facts = [f("waigani", o), f("waigani_area", d)]
        role = state._role("waigani_area", d).replace("_", " ")
        conf = "low" if role == "pacific territory" else None
        return _reason(state, rid, f"{n(o)} is a Waigani Party and must ban the export of hazardous wastes to "
                       f"Forum Island Countries and Pacific territories in the Convention Area; {n(d)} is a {role}.",
                       facts, conf=conf, who=o)
    if rid == "R4-caa":
        facts = [f("caa", d), f("caa", o)]
        return _reason(state, rid, f"{n(d)} is a Party to the Central American Agreement and {n(o)} is not; the "
                       "Agreement bans imports of hazardous wastes from non-Parties (content paraphrased, verify).",
                       facts, who=d)
    if rid == "R4-izmir":
        facts = [f("izmir", d)]
        return _reason(state, rid, f"{n(d)} is a non-EU Party to the Izmir Protocol, whose non-EU Parties "
                       "prohibit all imports of hazardous wastes (secondary summary, verify).", facts, who=d)
    wsr_cit = None
    if rid in {"R9-wsr-disposal", "R9-wsr-recovery", "R9-wsr-import"} and state.as_of >= _WSR_2024:
        wsr_cit = f"Reg (EU) 2024/1157 (replacing {_rule_meta(state, rid)['citation']} from 2026-05-21)"
    if rid == "R9-wsr-disposal":
        facts = [f("eu_law", o), f("efta", d), f("basel", d)]
        eea = "" if f("eu_law", o).value else " (applied through the EEA Agreement)"
        return _reason(state, rid, f"EU law{eea} prohibits exporting any waste for disposal from {n(o)} except to "
                       f"EFTA States that are Basel Parties; {n(d)} is not one.", facts,
                       citation=wsr_cit, conf="medium" if wsr_cit or eea else None, who=o)
    if rid == "R9-wsr-recovery":
        facts = [f("eu_law", o), f("oecd", d)]
        return _reason(state, rid, f"EU law prohibits exporting hazardous waste for recovery from {n(o)} to "
                       f"countries where the OECD Decision does not apply; {n(d)} is not an OECD member.",
                       facts, citation=wsr_cit, conf="medium" if wsr_cit else None, who=o)
    if rid == "R9-wsr-import":
        facts = [f("basel", o)]
        extra = " or an OECD-Decision country" if op == "recovery" else ""
        return _reason(state, rid, f"EU law admits imports into {n(d)} for {op} only from Basel Parties{extra} "
                       f"or under an agreement; {n(o)} is none of these.", facts, citation=wsr_cit, who=d)
    if rid == "R9-hg-export":
        old = state.as_of < _HG_852
        cit = "Reg (EC) 1102/2008 Art 1(1)" if old else "Reg (EU) 2017/852 Art 3(1)"
        return _reason(state, rid, f"EU law prohibits exporting metallic mercury (including mercury waste) "
                       f"from {n(o)} to any non-EU country.", [f("eu_law", o)], citation=cit, who=o)
    if rid == "R9-hg-import":
        return _reason(state, rid, f"EU law prohibits importing metallic mercury into {n(d)} for purposes other "
                       "than disposal as waste; recovery is not disposal.", [f("eu_law", d)], who=d)
    if rid == "R10-meba":
        terr = " (a US territory; whether 'export from the United States' covers it was not verified)" \
            if o != "USA" else ""
        return _reason(state, rid, f"US law has prohibited the export of elemental mercury from the United "
                       f"States since 1 Jan 2013, with no waste exception{terr}.",
                       conf="medium" if terr else None, who=o)
    if rid == "R10-lautenberg":
        return _reason(state, rid, "US law has prohibited exporting the listed mercury compounds since 1 Jan "
                       "2020, except to OECD countries for environmentally sound disposal.", who=o)
    raise KeyError(rid)  # pragma: no cover - every prohibiting rule has a text


def _flags(state: _State, o: str, d: str, stream: str, op: str) -> list[Reason]:
    """Rules that may reach part of a stream (``partial`` scope): reported, never prohibiting."""
    a, io, id_ = state.arr, state.idx(o), state.idx(d)
    same = state.sov[io] == state.sov[id_]
    out = []
    checks = [
        ("eu_hg_export", "R9-hg-export", a["eu_law"][io] and not a["eu_law"][id_],
         "metallic mercury in this stream (for example mercury drained from devices) may not be exported from the EU"),
        ("us_meba", "R10-meba", a["us"][io] and not same,
         "elemental mercury in this stream may not be exported from the United States"),
        ("us_lautenberg", "R10-lautenberg", a["us"][io] and not same and not (a["oecd"][id_] and op == "disposal"),
         "consignments that are a listed mercury compound (e.g. mercury(II) oxide, calomel, cinnabar) may not be exported from the United States"),
    ]
    for column, rid, applies, text in checks:
        if applies and _stream_scope(state, column, stream) == "partial" and _bans(state, rid):
            meta = _rule_meta(state, rid)
            out.append(_reason(state, "FLAG-stream-scope", f"{meta['title']}: {text}.",
                               citation=meta["citation"], sources=meta["source_url"].split(" ; "),
                               who=o))
    for rid, holder, partner in (("R4-national-import", d, o), ("R4-national-export", o, d)):
        for ban in _bans(state, rid):
            if (op in ban.operations and _ban_stream_match(state, ban, stream) == "partial"
                    and state.group_mask(ban.holder)[state.idx(holder)]
                    and _partner_mask(state, ban.partners)[state.idx(partner)] and not same):
                out.append(_reason(state, "FLAG-stream-scope",
                                   f"{state.name(holder)}'s ban [{ban.ban_id}] on {ban.scope_wastes[:120]} may reach "
                                   f"part of this stream; check the consignment.", citation=ban.legal_basis,
                                   conf=ban.confidence, sources=ban.sources, who=holder))
    return out


# --------------------------------------------------------------------------- transit


def _transit_masks(state: _State, stream: str, op: str) -> list[tuple[str, Ban | None, np.ndarray, np.ndarray]]:
    """Transit prohibitions as (rule_id, ban, transit-state mask, origin mask)."""
    key = ("transit", stream, op)
    if key in state.cache:
        return state.cache[key]
    out: list[tuple[str, Ban | None, np.ndarray, np.ndarray]] = []
    a = state.arr
    if _bans(state, "R7-caa-transit"):
        out.append(("R7-caa-transit", None, a["caa"], ~a["caa"]))
    if _bans(state, "R7-izmir-transit"):
        out.append(("R7-izmir-transit", None, a["izmir_non_eu"], np.ones(state.n, bool)))
    for ban in _bans(state, "R7-national-transit"):
        if op in ban.operations and _ban_stream_match(state, ban, stream) == "yes":
            out.append(("R7-national-transit", ban, state.group_mask(ban.holder), _partner_mask(state, ban.partners)))
    state.cache[key] = out
    return out


def _transit_skip(state: _State, o: int, d: int, t: int) -> bool:
    # Passing through one's own (or the other end's) State is not transit by another State.
    return state.sov[t] in (state.sov[o], state.sov[d])


def _assess_transit(state: _State, o: str, d: str, t: str, stream: str, op: str) -> TransitAssessment:
    io, id_, it = state.idx(o), state.idx(d), state.idx(t)
    n = state.name
    if _transit_skip(state, io, id_, it):
        return TransitAssessment(t, "domestic", (_reason(
            state, "R0-same-state", f"{n(t)} is part of the same State as an end of the movement; not a transit State.",
            effect="informs"),))
    reasons: list[Reason] = []
    for rid, ban, tm, om in _transit_masks(state, stream, op):
        if tm[it] and om[io]:
            if ban is not None:
                reasons.append(_reason(state, rid, f"{n(t)} prohibits the transit of {ban.scope_wastes[:160]} [{ban.ban_id}].",
                                       citation=f"{ban.legal_basis}; Basel Art 4(11)", conf=ban.confidence,
                                       sources=ban.sources, who=t))
            elif rid == "R7-caa-transit":
                reasons.append(_reason(state, rid, f"{n(t)} is a Central American Agreement Party; transit of "
                                       f"hazardous wastes from non-Parties such as {n(o)} is restricted (paraphrase, verify).",
                                       [state.fact("caa", t)], who=t))
            else:
                reasons.append(_reason(state, rid, f"{n(t)} is a non-EU Izmir Protocol Party; such Parties prohibit "
                                       "the transit of hazardous wastes (secondary summary, verify).",
                                       [state.fact("izmir", t)], who=t))
    if reasons:
        return TransitAssessment(t, "prohibited", tuple(reasons))
    pt = state.fact("basel", t)
    out: list[Reason] = []
    if pt.value:
        out.append(_reason(state, "R7-party-transit", f"{n(t)} is a Basel Party: the movement may not start without "
                           f"its written consent (or 60 days' silence if it has waived prior written consent).",
                           [pt], who=t))
        status = "permitted_with_consent"
    else:
        out.append(_reason(state, "R7-nonparty-transit", f"{n(t)} is not a Basel Party ({pt.detail}): it must be "
                           "notified (Art 7 applies Art 6(1)), and its own law applies.", [pt], who=t))
        status = "not_governed"
    a = state.arr
    if a["wsr"][it] and not (a["wsr"][io] and a["wsr"][id_]):
        out.append(_reason(state, "R7-eu-transit", f"Transit through {n(t)} (EU law applies) needs the consent of its "
                           "competent authority under the Waste Shipment Regulation.", [state.fact("eu_law", t)], who=t))
    return TransitAssessment(t, status, tuple(out))


# ---------------------------------------------------------------------------- assess


def _decide(state: _State, o: str, d: str, stream: str, op: str, via: tuple[str, ...]) -> Decision:
    io, id_ = state.idx(o), state.idx(d)
    tables, n = state.tables, state.name
    notes = []
    if state.as_of.isoformat() > tables.data_date:
        notes.append(f"The assessment date {state.as_of} is after the legal data date {tables.data_date}: "
                     "later accessions, amendments and bans are not in the data.")
    if state.scenario is not None:
        notes.append(f"Scenario applied: {state.scenario.name}.")
    if o == d:
        reason = _reason(state, "R0-domestic", f"Origin and destination are both {n(o)}: no transboundary "
                         "movement; national law applies.", effect="informs")
        return Decision(o, d, stream, op, (), state.as_of, "domestic", (reason,),
                        (f"National law of {n(o)} applies.",), (), "high", (), tuple(notes),
                        tables.data_date, state.scenario.name if state.scenario else None)
    O, D = np.array([io]), np.array([id_])
    c = _Ctx(state, O, D, stream, op)
    fired = []
    for rid, fn in _PAIR_RULES:
        m = fn(c)
        if m is not None and bool(m[0]):
            fired.append(rid)
    code = int(_status_codes(c, np.array([bool(fired)]))[0])
    reasons: list[Reason] = [_explain(state, rid, o, d, stream, op) for rid in fired]
    facts_used = [state.fact("basel", o), state.fact("basel", d)]
    same = state.sov[io] == state.sov[id_]
    if same:
        sov = state.codes[state.sov[io]]
        reasons.insert(0, _reason(state, "R0-same-state", f"{n(o)} and {n(d)} are parts of the same State "
                                  f"({n(sov)}): not a transboundary movement under Basel; its national law applies.",
                                  conf="medium"))
    elif code != PROHIBITED or "R2" not in fired:
        po, pd_ = facts_used
        if po.value != pd_.value and not state.arr["antarctic"][io] and not state.arr["antarctic"][id_]:
            for a in _covering_agreements(state, io, id_, op, stream):
                non = d if po.value else o
                extra = " Its scope is limited (see notes): check that the consignment qualifies." if a.scope_limited else ""
                unk = (f" Entry-into-force date: {a.date_quality}."
                       if a.date_quality not in {"exact", "predecessor", "scenario"} and state.as_of < a.as_of else "")
                reasons.append(_reason(state, "R2-art11", f"{n(non)} is not a Basel Party, but {a.title} "
                                       f"[{a.agreement_id}] covers {op} from {o} to {d}, so Art 4(5) does not bar it."
                                       f"{extra}{unk}", facts_used, conf=a.confidence, sources=a.sources,
                                       citation=f"Basel Art 11; {a.agreement_id}"))
        elif po.value and pd_.value and code != PROHIBITED:
            # Both Parties and nothing prohibits: the basis of the permission is the
            # Art 6 prior-informed-consent procedure, which the decision must name.
            reasons.append(_reason(state, "R6-pic", f"{n(o)} and {n(d)} are both Basel Parties on {state.as_of}: "
                                   "the movement may go ahead only with the prior written consent of the State "
                                   "of import (Art 4(1)(c), Art 6(1)-(3)) and of each Party of transit (Art 6(4)).",
                                   facts_used, effect="permits"))
        elif not po.value and not pd_.value:
            reasons.append(_reason(state, "R2-not-governed", f"Neither {n(o)} nor {n(d)} is a Basel Party on "
                                   f"{state.as_of}: Basel does not govern the movement; national law applies.",
                                   facts_used))
    reasons += _flags(state, o, d, stream, op)
    transit = tuple(_assess_transit(state, o, d, t, stream, op) for t in via)
    blocked = [t for t in transit if t.status == "prohibited"]
    if blocked:
        reasons.append(_reason(state, "R7-transit", "Transit is prohibited by "
                               + ", ".join(f"{n(t.iso3)} ({', '.join(r.rule_id for r in t.reasons)})" for t in blocked)
                               + ".", conf=max_conf(*(r.confidence for t in blocked for r in t.reasons))))
        code = PROHIBITED
    status = STATUSES[code]
    conditions = _conditions(state, o, d, stream, op, status, reasons, transit)
    # The facts the status rests on; an unknown in one of them caps the confidence.
    # Minamata unknowns cannot change a status, so they are notes, not unknowns.
    unknowns: list[str] = []
    basis = [] if same else list(facts_used)
    if not same and state.arr["annex7"][io]:
        basis.append(state.fact("ban_amendment", o))
    for fct in basis:
        if fct.unknown:
            unknowns.append(fct.unknown)
    for r in reasons:
        if r.effect in {"prohibits", "permits"}:
            unknowns += r.unknowns
    for t in transit:
        for r in t.reasons:
            unknowns += r.unknowns
    for r in reasons:
        if r.rule_id == "R2-art11":
            aid = r.citation.split("; ", 1)[1]
            agr = next(a for a in state.tables.agreements if a.agreement_id == aid)
            if agr.date_quality not in {"exact", "predecessor", "scenario"} and state.as_of < agr.as_of:
                unknowns.append(f"the entry-into-force date of {aid} is not established ({agr.date_quality}); "
                                f"hgmap treats it as in force on {state.as_of}")
    unknowns = list(dict.fromkeys(unknowns))
    decisive = bool(unknowns)
    for fct in (state.fact("minamata", o), state.fact("minamata", d)):
        if fct.unknown and fct.unknown not in notes:
            notes.append(fct.unknown[0].upper() + fct.unknown[1:] + ".")
    if status == "prohibited":
        confidence = max_conf(*(r.confidence for r in reasons if r.effect == "prohibits"))
    else:
        confidence = min_conf(*(r.confidence for r in reasons if r.effect != "flags"),
                              *(f.confidence for f in basis))
        if decisive:
            confidence = "low"
    return Decision(o, d, stream, op, via, state.as_of, status, tuple(reasons), tuple(conditions),
                    transit, confidence, tuple(unknowns), tuple(notes), tables.data_date,
                    state.scenario.name if state.scenario else None)


def _conditions(state: _State, o: str, d: str, stream: str, op: str, status: str,
                reasons: list[Reason], transit: tuple[TransitAssessment, ...]) -> list[str]:
    if status == "prohibited":
        return []
    n, a = state.name, state.arr
    io, id_ = state.idx(o), state.idx(d)
    out: list[str] = []
    if status == "permitted_with_consent":
        out += [
            f"Notify {n(d)} (and every State concerned) and obtain the written consent of {n(d)}'s competent "
            "authority before the movement starts (Basel Art 6(1)-(3)).",
            "Confirm a contract between exporter and disposer specifying environmentally sound management "
            "(Basel Art 6(3)(b)).",
            f"{n(o)} must be satisfied that the waste will be managed in an environmentally sound manner, at a "
            f"facility authorised for this waste and for {op} (Basel Art 4(2)(e), 4(8)).",
            f"The movement must be justified under Basel Art 4(9): {n(o)} lacks the capacity or suitable facilities, "
            f"or the waste is a raw material for recycling or recovery in {n(d)}.",
            "Package, label and document the movement (Art 4(7)); provide insurance, bond or guarantee if "
            "required (Art 6(11)).",
        ]
        for r in reasons:
            if r.rule_id == "R2-art11":
                out.append(f"Follow the notification and consent procedure of {r.citation.split('; ', 1)[1]}.")
        for a_, exp, imp in _agreements_in_force(state):
            if a_.group in {"waigani", "bamako", "caa", "izmir", "oecd"} and exp[io] and imp[id_] \
                    and op in a_.operations and not any(a_.agreement_id in r.citation for r in reasons):
                out.append(f"Both States are in {a_.title.split(',')[0]} [{a_.agreement_id}]: its procedures apply "
                           "alongside Basel.")
    else:
        out.append(f"Basel does not govern this movement: export and import need whatever permits the national "
                   f"law of {n(o)} and {n(d)} requires.")
    if a["wsr"][io] or a["wsr"][id_]:
        out.append("Prior written notification and consent under the EU Waste Shipment Regulation "
                   "(Reg (EC) 1013/2006; Reg (EU) 2024/1157 from 21 May 2026).")
    if state.fact("minamata", o).value or state.fact("minamata", d).value:
        out.append("Minamata Art 11(3): manage the mercury waste in an environmentally sound manner; mercury "
                   "recovered from it may only be used for a use allowed to the Party or go to environmentally "
                   "sound disposal; it moves across borders only for environmentally sound disposal.")
    if stream == "mining_tailings":
        out.append("Minamata Art 11(2) excludes mining tailings unless they come from primary mercury mining.")
    for t in transit:
        for r in t.reasons:
            if r.effect == "requires":
                out.append(r.detail)
    return out


def assess(origin: str, destination: str, stream: str, operation: str, *,
           as_of: str | dt.date | None = None, via: Iterable[str] = (),
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
    scenario
        A scenario file path or :class:`Scenario` (see ``docs/law.md``).

    Returns
    -------
    Decision
        ``status`` is ``prohibited``, ``permitted_with_consent``, ``not_governed`` or
        ``domestic``; ``reasons`` lists every rule that fired, ``conditions`` what a
        permitted movement needs.

    Raises
    ------
    UnknownCountryError, UnknownStreamError, DateError, ScenarioError
        For bad input.
    """
    check_stream(stream)
    check_operation(operation)
    day = _resolve_date(as_of)
    scen = _resolve_scenario(scenario)
    state = _state(day, scen)
    o = _check_code(state, origin, "origin")
    d = _check_code(state, destination, "destination")
    via_codes = tuple(_check_code(state, t, "via") for t in via)
    return _decide(state, o, d, stream, operation, via_codes)


# ---------------------------------------------------------------------------- matrix


class LegalMatrix:
    """Legal status of every origin x destination pair for one stream and operation.

    Attributes
    ----------
    codes
        ISO3 codes of the countries layer (row and column order).
    index
        ``{iso3: position}``.
    status
        ``int8`` array (n x n); values index :data:`STATUSES`.
    allowed
        ``bool`` array: ``status != prohibited``.
    """

    def __init__(self, state: _State, stream: str, operation: str, codes: tuple[str, ...],
                 status: np.ndarray, bits: np.ndarray) -> None:
        self._state = state
        self.stream, self.operation = stream, operation
        self.as_of = state.as_of
        self.scenario = state.scenario.name if state.scenario else None
        self.codes = codes
        self.index = {c: i for i, c in enumerate(codes)}
        self._pos = np.array([state.idx(c) for c in codes], dtype=np.int32)
        self.status = status
        self.allowed = status != PROHIBITED
        self.allowed.setflags(write=False)
        self._bits = bits

    def __repr__(self) -> str:
        return (f"LegalMatrix(stream={self.stream!r}, operation={self.operation!r}, "
                f"as_of={self.as_of.isoformat()!r}, n={len(self.codes)})")

    def _ij(self, origin: str, destination: str) -> tuple[int, int]:
        try:
            return self.index[origin], self.index[destination]
        except KeyError as exc:
            msg = f"{exc.args[0]!r} is not in the matrix's country list"
            raise UnknownCountryError(msg) from None

    def status_name(self, origin: str, destination: str) -> str:
        """The status of one pair, as :func:`assess` would return it (without transit)."""
        i, j = self._ij(origin, destination)
        return STATUSES[int(self.status[i, j])]

    def rules(self, origin: str, destination: str) -> tuple[str, ...]:
        """Ids of the rules that prohibit the pair (empty when it is not prohibited)."""
        i, j = self._ij(origin, destination)
        bits = int(self._bits[i, j])
        return tuple(rid for k, rid in enumerate(RULE_IDS) if bits >> k & 1)

    def transit_blockers(self, origin: str, destination: str, via: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Transit States that prohibit the movement, with their rule ids (others omitted)."""
        s = self._state
        io, id_ = s.idx(origin), s.idx(destination)
        out: dict[str, tuple[str, ...]] = {}
        masks = _transit_masks(s, self.stream, self.operation)
        for t in via:
            it = s.index.get(t)
            if it is None or _transit_skip(s, io, id_, it):
                continue
            hits = tuple(dict.fromkeys(rid for rid, _, tm, om in masks if tm[it] and om[io]))
            if hits:
                out[t] = hits
        return out

    def decision(self, origin: str, destination: str, *, via: Iterable[str] = ()) -> Decision:
        """The full :class:`Decision` for one pair (same date and scenario)."""
        s = self._state
        return _decide(s, origin, destination, self.stream, self.operation, tuple(via))


def _matrix(state: _State, stream: str, operation: str) -> LegalMatrix:
    key = ("matrix", stream, operation)
    if key in state.cache:
        return state.cache[key]
    pos = np.array([state.idx(c) for c in state.matrix_codes], dtype=np.int32)
    O, D = pos[:, None], pos[None, :]
    c = _Ctx(state, O, D, stream, operation)
    bits = np.zeros((len(pos), len(pos)), dtype=np.int32)
    for k, (_, fn) in enumerate(_PAIR_RULES):
        m = fn(c)
        if m is not None:
            bits |= np.broadcast_to(m, bits.shape).astype(np.int32) << k
    bits[~np.broadcast_to(c.diff, bits.shape)] = 0
    status = _status_codes(c, bits != 0)
    status = np.broadcast_to(status, bits.shape).copy()
    status.setflags(write=False)
    bits.setflags(write=False)
    out = LegalMatrix(state, stream, operation, state.matrix_codes, status, bits)
    state.cache[key] = out
    return out


def matrix(stream: str, operation: str, *, as_of: str | dt.date | None = None,
           scenario: str | Path | Scenario | None = None) -> LegalMatrix:
    """Status of every origin x destination pair of the countries layer.

    Vectorised (one boolean mask per rule) and cached per (date, scenario, stream,
    operation); :meth:`LegalMatrix.status_name` equals ``assess(...).status``.

    Parameters
    ----------
    stream, operation
        As for :func:`assess`.
    as_of, scenario
        As for :func:`assess`.

    Returns
    -------
    LegalMatrix
    """
    check_stream(stream)
    check_operation(operation)
    state = _state(_resolve_date(as_of), _resolve_scenario(scenario))
    return _matrix(state, stream, operation)
