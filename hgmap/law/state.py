"""Everything that depends only on (date, scenario): resolved facts and per-State arrays.

A :class:`State` is built once per ``(as_of, scenario)`` and cached; it resolves every
membership to a dated :class:`~hgmap.law.tables.Fact`, holds one boolean array per
instrument over the State codes, and caches the masks the rules use (groups, ban
partners, Article 11 cover), so that a rule is a few array look-ups.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import numpy as np

from .._io import data_path
from ..errors import UnknownCountryError
from ..vocab import parse_date
from .scenario import Scenario, load_scenario
from .tables import INSTRUMENT_LABELS, Agreement, Ban, Fact, Tables, Unknown, load_tables, membership_fact, min_conf

__all__ = ["State", "get_state", "resolve_date", "resolve_scenario", "check_code", "known_codes"]

log = logging.getLogger(__name__)


def _layer_codes() -> tuple[str, ...] | None:
    # The countries layer is optional while it is being built; the legal tables then
    # provide the code list.
    if not data_path("countries.gpkg").exists():
        return None
    from ..countries import country_codes

    return tuple(country_codes())


#: Party lists whose absence after their completeness date (datasets.csv) is an unknown:
#: instrument -> its dataset row. Bamako and Waigani share the ``regional`` row.
_LIST_DATASETS: dict[str, str] = {"basel": "basel", "waigani": "regional", "bamako": "regional"}
#: When a late accession takes effect, where the data has read the article.
_LIST_EIF: dict[str, str] = {"basel": "an accession takes effect on the 90th day after its deposit, Basel Art 25(2)"}


class State:
    """Everything that depends only on (as_of, scenario): facts and per-State arrays."""

    def __init__(self, as_of: dt.date, scenario: Scenario | None) -> None:
        base = load_tables()
        self.cache: dict[Any, Any] = {}
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
        self.facts: dict[tuple[str, str], Fact] = self._seed_facts()
        arr: dict[str, np.ndarray] = {}
        for inst in ("basel", "ban_amendment", "minamata", "bamako", "waigani", "caa", "izmir",
                     "oecd", "eu", "eu_law", "efta", "eea", "annex_vii", "waigani_area", "annex7",
                     "kuwait", "africa", "sadc"):
            arr[inst] = np.fromiter((self.fact(inst, c).value for c in self.codes), bool, n)
        codes = np.array(self.codes)
        arr["party"] = arr["basel"]
        arr["ban_bound"] = arr["ban_amendment"] & arr["basel"] & arr["annex7"]
        arr["wsr"] = arr["eu_law"] | arr["eea"]
        arr["pidp"] = arr["waigani"] & ~np.isin(codes, ["AUS", "NZL"])
        arr["ausnzl"] = arr["waigani"] & np.isin(codes, ["AUS", "NZL"])
        # Australia's external Territories: its Hazardous Waste Act reaches them (s.9), so its
        # Waigani Art 4(1)(b) export ban is applied to their exports too (low: whether the
        # ratification covers them was not read).
        aus = self.index.get("AUS")
        arr["aus_territory"] = np.isin(codes, [c for c, t in self.territory.items() if t.sovereign == "AUS"]) & (
            aus is not None and bool(arr["waigani"][aus]))
        roles = {c: self.role("waigani_area", c) for c in self.codes}
        arr["fic_target"] = arr["waigani_area"] & np.array(
            [roles[c] in {"forum_island_country", "pacific_territory"} for c in self.codes])
        arr["izmir_non_eu"] = arr["izmir"] & ~arr["eu_law"]
        arr["antarctic"] = codes == "ATA"
        # Overseas countries and territories of TFEU Annex II on the date (octs.csv).
        arr["oct"] = np.array([c in self.territory and self.territory[c].is_oct(as_of) for c in self.codes])
        us = self.index.get("USA", -1)
        arr["us"] = self.sov == us
        self.arr = arr

    # -- facts ------------------------------------------------------------------

    def _seed_facts(self) -> dict[tuple[str, str], Fact]:
        """Facts a scenario cannot change, copied from the state without the scenario.

        A fact about a State depends only on its own rows, its territory record and its
        sovereign's facts, so only the States a scenario joins, removes or re-covers (and
        their territories) are resolved again; this makes a what-if state cheap.
        """
        if self.scenario is None:
            return {}
        touched = {dict(ch.fields).get("iso3") for ch in self.scenario.changes
                   if ch.action in {"join", "leave", "set_coverage"}}
        touched.discard(None)
        touched |= {c for c, t in self.tables.territories.items() if t.sovereign in touched}
        base = get_state(self.as_of, None)
        if base.codes != self.codes:  # pragma: no cover - a scenario adds no code
            return {}
        return {k: f for k, f in base.facts.items() if k[1] not in touched}


    def name(self, code: str) -> str:
        if code == "ATA":
            return "Antarctica"
        return f"{self.tables.names.get(code, code)} ({code})"

    def role(self, inst: str, code: str) -> str:
        """The ``role`` column of a State's first row for ``inst`` (e.g. ``forum_island_country``)."""
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
        if inst == "annex7" and terr is not None:
            return self._territory_annex7(code, terr)
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
        if inst in _LIST_DATASETS and has_rows and not fact.value:
            listed = self._list_unknown(inst, code, fact)
            if listed is not None:
                return listed
        if inst == "minamata" and has_rows and not fact.value:
            rows = tables.memberships[(inst, code)]
            newest = max(r.as_of for r in rows)
            if all(not r.is_member for r in rows) and on > newest:
                # e.g. New Zealand: a signatory, not a Party on the evidence date; later unknown.
                return dataclasses.replace(fact, confidence="low", decisive=False, unknown=(
                    f"{self.name(code)} was not a Minamata Party on {newest.isoformat()} ({fact.detail}); "
                    f"whether it is one on {on} is not established"))
        if inst == "minamata" and not has_rows:
            complete = tables.datasets.get("minamata", {}).get("complete_until", "")
            if complete and on > dt.date.fromisoformat(complete):
                return Fact(False, "low", (), "not in hgmap's Minamata party list",
                            Unknown(f"whether {self.name(code)} is a Minamata Party on {on} is unknown "
                                    f"(party list complete only to {complete})", "minamata_list", state=code,
                                    on=on.isoformat(), complete=complete), decisive=False)
        if inst == "ban_amendment" and not has_rows and self.fact("basel", code).value:
            # Only a Basel Party can accept the amendment; for a Party, absence after the
            # list's completeness date is an unknown, not a "no".
            complete = tables.datasets.get("ban_amendment", {}).get("complete_until", "")
            if complete and on > dt.date.fromisoformat(complete):
                return Fact(False, "low", (), "not in hgmap's list of Ban Amendment acceptances",
                            Unknown(f"whether {self.name(code)} has accepted the Ban Amendment by {on} is unknown "
                                    f"(list complete only to {complete}; a few later acceptances are unnamed)",
                                    "ban_amendment_list", state=code, on=on.isoformat(), complete=complete),
                            decisive=False)
        return fact

    def _list_unknown(self, inst: str, code: str, fact: Fact) -> Fact | None:
        """A non-Party past its evidence date: an unknown, not a "no".

        ``fact`` is a "no" from rows that record ``code`` only as a non-Party or signatory.
        After the later of the list's ``complete_until`` date (datasets.csv) and the State's
        own newest row, an accession may have taken effect unseen (Basel Art 25(2): on the
        90th day after deposit), so the status is an :class:`Unknown` (code ``basel_list``,
        ``waigani_list`` or ``bamako_list``) the answer rests on. ``None`` when the date is
        within the evidence, or the rows record a membership, a withdrawal or a scenario.
        """
        rows = self.tables.memberships[(inst, code)]
        if any(r.is_member or r.status == "left" or r.scenario for r in rows):
            return None
        complete = self.tables.datasets.get(_LIST_DATASETS[inst], {}).get("complete_until", "")
        if not complete:
            return None
        evidence = max([dt.date.fromisoformat(complete), *(r.as_of for r in rows)])
        on = self.as_of
        if on <= evidence:
            return None
        label = INSTRUMENT_LABELS.get(inst, inst)
        since = _LIST_EIF.get(inst, "")
        return dataclasses.replace(fact, confidence="low", unknown=Unknown(
            f"whether {self.name(code)} is a Party to the {label} on {on} is unknown (not a Party on "
            f"{evidence.isoformat()}, the last date hgmap's data establishes; not established since"
            f"{': ' + since if since else ''})", f"{inst}_list", state=code, on=on.isoformat(),
            complete=evidence.isoformat(), label=label), decisive=False)

    def party_known_to(self, inst: str, code: str) -> str | None:
        """The date to which ``code``'s non-membership of ``inst`` is established, when the
        law cannot say whether it is a Party on the date (its :class:`Unknown` ``{inst}_list``:
        a non-Party on that date, nothing known since); ``None`` when the status is known
        (a Party, or a non-Party within the evidence).

        A territory whose sovereign's status is unknown takes the sovereign's date.
        """
        f = self.fact(inst, code)
        unk = f.unknown
        if f.value or not isinstance(unk, Unknown) or unk.code != f"{inst}_list":
            return None
        return unk.params.get("complete") or None

    def not_party(self, inst: str, code: str) -> str:
        """How a sentence says that ``code`` is outside ``inst`` on the date, from the
        structured fact, never stating as fact what the data cannot establish:

        * ``"not a Basel Party"`` when that is established;
        * ``"not known to be a Basel Party (not a Party on 2025-10-22; hgmap's list is
          complete to then)"`` past the list's evidence date (:meth:`party_known_to`);
        * ``"not recorded as a Basel Party (hgmap has no Basel data for it; treated as a
          non-Party)"`` for a code without rows.

        Only for a State the fact says is not a member (``fact(inst, code).value`` False).
        """
        label = {"basel": "Basel", "waigani": "Waigani", "bamako": "Bamako"}.get(inst)
        what = f"{label} Party" if label else f"Party to the {INSTRUMENT_LABELS.get(inst, inst)}"
        known_to = self.party_known_to(inst, code)
        if known_to:
            return f"not known to be a {what} (not a Party on {known_to}; hgmap's list is complete to then)"
        if inst == "basel" and (inst, code) not in self.tables.memberships and code not in self.territory \
                and code != "ATA":
            return f"not recorded as a {what} (hgmap has no Basel data for it; treated as a non-Party)"
        return f"not a {what}"

    def oct_fact(self, code: str) -> Fact:
        """Whether ``code`` is an overseas country or territory (TFEU Annex II) on the date."""
        terr = self.territory.get(code)
        if terr is None or not terr.is_oct(self.as_of):
            return Fact(False, "high", (), f"{self.name(code)} is not an overseas country or territory on "
                        f"{self.as_of.isoformat()}")
        period = " ".join(x for x in (f"from {terr.oct_from}" if terr.oct_from else "",
                                      f"until {terr.oct_to}" if terr.oct_to else "") if x)
        return Fact(True, terr.oct_confidence, terr.oct_sources,
                    f"{self.name(code)} is an overseas country or territory of {self.name(terr.sovereign)} "
                    f"(TFEU Annex II{', ' + period if period else ''})")

    def _territory_annex7(self, code: str, terr: Any) -> Fact:
        """Basel Annex VII status of a territory: from territories.csv, never copied."""
        sov, tname, sname = terr.sovereign, self.name(code), self.name(terr.sovereign)
        s = self.fact("annex7", sov)
        src = s.sources + terr.status_sources
        if terr.annex_vii_status == "no" or not s.value:
            return Fact(False, min_conf(s.confidence, terr.status_confidence) if s.value else s.confidence,
                        src, f"{tname} is not in Basel Annex VII (territory of {sname})")
        if terr.annex_vii_status == "yes":
            return Fact(True, min_conf(s.confidence, terr.status_confidence), src,
                        f"{tname} is in Basel Annex VII as part of {sname} (EU territory)")
        return Fact(True, "low", src, f"{tname}: Annex VII status not researched (territory of {sname})",
                    Unknown(f"whether Basel Annex VII (OECD/EU membership of {sname}) reaches {tname} is not "
                            "established (territories.csv: unknown); hgmap presumes it does", "annex7_territory",
                            territory=code, sovereign=sov))

    def researched(self, code: str, role: Literal["import", "export", "transit"] = "import") -> bool:
        """Whether ``code``'s national import and export rules (``role`` import or export)
        or transit rules were researched (``coverage.csv``); an EU territory shares its
        sovereign's row."""
        if self.tables.researched(code, role):
            return True
        terr = self.territory.get(code)
        return terr is not None and terr.eu_law == "yes" and self.tables.researched(terr.sovereign, role)

    def _territory_fact(self, inst: str, code: str, terr: Any) -> Fact:
        sov = terr.sovereign
        tname, sname = self.name(code), self.name(sov)
        if inst == "basel":
            s = self.fact("basel", sov)
            src = terr.sources + s.sources
            if terr.basel_coverage == "not_covered" and not s.value and not s.decisive \
                    and isinstance(s.unknown, Unknown) and s.unknown.code == "basel_list":
                # The sovereign's own status is past its list's evidence date (the USA: not a Party
                # on 2024-12-31): a ratification since could reach the territory, so its status is
                # as undetermined as the sovereign's (the sovereign's Unknown, never a "no").
                return Fact(False, "low", src, f"territory of {sname}; {sname}'s Basel ratification does not "
                            f"cover it ({sname}: {s.detail})", s.unknown, decisive=False)
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
                        Unknown(f"Basel coverage of {tname} by {sname} is not established; hgmap presumes "
                                "coverage (a treaty binds a State for its entire territory unless a different "
                                "intention appears, VCLT Art 29)", "basel_coverage", territory=code, sovereign=sov)
                        if s.value else s.unknown)
        if inst == "eu_law":
            s = self.fact("eu", sov)
            if terr.is_oct(self.as_of):
                # TFEU Art 355(2), Annex II: only the association regime applies there.
                return Fact(False, terr.oct_confidence, terr.oct_sources,
                            f"{tname} is an overseas country or territory of {sname} (TFEU Annex II): EU law "
                            "does not apply there; exports to it fall under Reg (EC) 1013/2006 Art 40")
            if terr.eu_law == "yes":
                return Fact(s.value, min_conf(s.confidence, terr.confidence), terr.sources,
                            f"EU law applies in {tname} (part of {sname})" if s.value else
                            f"EU law does not apply ({sname}: {s.detail})", s.unknown)
            if terr.eu_law == "no":
                return Fact(False, terr.confidence, terr.sources, f"EU law does not apply in {tname}")
            return Fact(False, "low", terr.sources, f"whether EU law applies in {tname} is not established",
                        Unknown(f"whether EU law applies in {tname} is not established; treated as not applying",
                                "eu_law_territory", territory=code))
        if inst == "eu":
            # A territory is in the EU only where EU law applies (TFEU Arts 349, 355).
            f = self.fact("eu_law", code)
            return dataclasses.replace(f, detail=f"EU membership through {sname}: {f.detail}")
        if inst == "oecd":
            s = self.fact("oecd", sov)
            src = s.sources + terr.status_sources
            if terr.oecd_status == "no" or not s.value:
                return Fact(False, min_conf(s.confidence, terr.status_confidence) if s.value else s.confidence,
                            src, f"territory of {sname}; the OECD Decision does not apply there")
            if terr.oecd_status == "yes":
                return Fact(True, min_conf(s.confidence, terr.status_confidence), src,
                            f"territory of {sname}, where the OECD Decision applies")
            return Fact(True, "low", src, f"territory of {sname} (OECD member); status of {tname} not researched",
                        Unknown(f"whether {sname}'s OECD membership (and so the OECD Decision and Basel Annex VII) "
                                f"reaches {tname} is not established (territories.csv: unknown); hgmap presumes it "
                                "does", "oecd_territory", territory=code, sovereign=sov))
        if inst == "annex_vii":
            return membership_fact(self.tables, inst, code, self.as_of)
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
        fact = membership_fact(self.tables, inst, code, self.as_of)
        if inst == "waigani" and (inst, code) not in self.tables.memberships:
            s, area = self.fact(inst, sov), membership_fact(self.tables, "waigani_area", code, self.as_of)
            if s.value and area.value:
                # Tokelau: New Zealand's instruments of the period exclude Tokelau expressly (Stockholm,
                # Cartagena) and the Waigani depositary's list was not read, so the extension is
                # unknown, not a "no" (research README, eighteenth pass, law19c).
                return Fact(False, "low", terr.sources + s.sources,
                            f"territory of {sname} in the Waigani Convention Area; whether {sname}'s "
                            f"ratification covers it is not established",
                            Unknown(f"whether {sname}'s Waigani ratification covers {tname} is not established; "
                                    f"hgmap treats {tname} as outside the Convention's Parties", "waigani_coverage",
                                    territory=code, sovereign=sov))
        return fact

    # -- index helpers ----------------------------------------------------------

    def idx(self, code: str) -> int:
        return self.index[code]

    def isin(self, codes: Iterable[str]) -> np.ndarray:
        return np.isin(np.array(self.codes), list(codes))

    def group_mask(self, spec: str) -> np.ndarray:
        """States denoted by ``spec``: ``@instrument``, ``*``, or ``A;B`` (with their territories)."""
        key = ("group", spec)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = self._group_mask(spec)
        return hit

    def _group_mask(self, spec: str) -> np.ndarray:
        if spec == "*":
            return np.ones(self.n, bool)
        if spec.startswith("@"):
            key = spec[1:]
            return self.arr["us"] if key == "us" else self.arr["wsr"] if key == "wsr_area" else self.arr[key]
        if spec.startswith("="):
            # Exactly these codes: law that does not extend to the State's territories
            # (e.g. the UK's retained EU law, not applicable in the Crown Dependencies).
            return self.isin(spec[1:].split(";"))
        listed = self.isin(spec.split(";"))
        # A State's law reaches its territories unless the territory is separately listed.
        return listed | (self.is_territory & listed[self.sov])

    def partner_mask(self, spec: str) -> np.ndarray:
        """The partner States of a ban (``all``, ``non_members:<inst>``, ``antarctic``, a group...)."""
        key = ("partners", spec)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = self._partner_mask(spec)
        return hit

    def _partner_mask(self, spec: str) -> np.ndarray:
        if spec == "all":
            return np.ones(self.n, bool)
        if spec.startswith("non_members:"):
            inst = spec.split(":", 1)[1]
            inst = {"eu": "eu_law", "basel": "party"}.get(inst, inst)
            return ~self.arr[inst]
        if spec == "outside:waigani_area":
            return ~self.arr["waigani_area"]
        if spec.startswith("waigani_area:"):
            return self.arr["fic_target"]
        if spec == "antarctic":
            return self.arr["antarctic"]
        if spec.startswith("not_in:"):
            # Everyone except members of any of the '|'-separated groups; a group may be an
            # '&' of arrays (e.g. "eu_law|efta&party": not EU, and not an EFTA Basel Party).
            inside = np.zeros(self.n, bool)
            for term in spec.split(":", 1)[1].split("|"):
                m = np.ones(self.n, bool)
                for name in term.split("&"):
                    m &= self.arr[name]
                inside |= m
            return ~inside
        return self.group_mask(spec)

    # -- bans and agreements ------------------------------------------------------

    def bans(self, rule_id: str) -> tuple[Ban, ...]:
        """The bans of ``rule_id`` in force on the state's date (``bans.csv`` order)."""
        by_rule = self.cache.get("bans")
        if by_rule is None:
            by_rule = {}
            for b in self.tables.bans:
                if b.in_force(self.as_of):
                    by_rule.setdefault(b.rule_id, []).append(b)
            by_rule = self.cache["bans"] = {k: tuple(v) for k, v in by_rule.items()}
        return by_rule.get(rule_id, ())

    def basel_entries(self, stream: str) -> tuple[str, ...]:
        """The Basel Annex I / VIII entries of ``stream`` in force on the state's date."""
        return self.tables.basel_entries(stream, self.as_of)

    def stream_scope(self, column: str, stream: str) -> str:
        """``yes``/``partial``/``no`` from ``streams.csv`` (e.g. column ``eu_hg_export``)."""
        return self.tables.streams[stream][column]

    def ban_stream_match(self, ban: Ban, stream: str) -> str:
        """``yes``/``partial``/``no``: does ``ban`` reach ``stream``?"""
        if ban.streams == "all":
            return "yes"
        if ban.streams.startswith("scope:"):
            return self.stream_scope(ban.streams[6:], stream)
        if stream in ban.streams.split(";"):
            return "yes"
        return "partial" if stream in ban.flag_streams else "no"

    def agreements_in_force(self) -> list[tuple[Agreement, np.ndarray, np.ndarray]]:
        """Art 11 agreements in force on the state's date, with exporter/importer masks."""
        key = "agreements"
        if key in self.cache:
            return self.cache[key]
        out = []
        for a in self.tables.agreements:
            if a.in_force_from is not None and self.as_of < a.in_force_from:
                continue
            if a.in_force_to is not None and self.as_of > a.in_force_to:
                continue
            members = self.group_mask(a.members[0] if a.group else ";".join(a.members))
            exp = members & (self.group_mask(";".join(sorted(a.exporters))) if a.exporters else True)
            imp = members & (self.group_mask(";".join(sorted(a.importers))) if a.importers else True)
            out.append((a, exp, imp))
        self.cache[key] = out
        return out

    def art11_cover(self, operation: str, stream: str) -> np.ndarray:
        """n x n: some Art 11 agreement covers (exporter, importer, operation, stream)."""
        key = ("art11", operation, stream)
        if key not in self.cache:
            cover = np.zeros((self.n, self.n), bool)
            for a, exp, imp in self.agreements_in_force():
                if operation in a.operations and (a.streams is None or stream in a.streams):
                    cover |= exp[:, None] & imp[None, :]
            self.cache[key] = cover
        return self.cache[key]

    def covering_agreements(self, o: int, d: int, operation: str, stream: str) -> list[Agreement]:
        """The agreements that cover (exporter ``o``, importer ``d``) by position."""
        return [a for a, exp, imp in self.agreements_in_force()
                if exp[o] and imp[d] and operation in a.operations and (a.streams is None or stream in a.streams)]


@functools.lru_cache(maxsize=16)
def get_state(as_of: dt.date, scenario: Scenario | None) -> State:
    return State(as_of, scenario)


def resolve_scenario(scenario: str | Path | Scenario | None) -> Scenario | None:
    if scenario is None or isinstance(scenario, Scenario):
        return scenario
    return load_scenario(scenario)


def resolve_date(as_of: str | dt.date | None) -> dt.date:
    return parse_date(as_of, field="as_of") or dt.date.today()


def known_codes() -> tuple[str, ...]:
    """ISO3 codes :func:`assess` accepts: the countries layer, the legal tables and ATA."""
    return get_state(dt.date.today(), None).codes


def check_code(state: State, code: str, field: str) -> str:
    c = str(code).strip().upper()
    if c not in state.index:
        msg = f"{field}: unknown ISO 3166-1 alpha-3 code {code!r}"
        raise UnknownCountryError(msg)
    return c
