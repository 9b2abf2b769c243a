"""The SIDS transboundary guidance report (Markdown, HTML or CSV).

For each Small Island Developing State (the ``sids`` flag of the countries layer) and
each mercury-waste stream, the report lists the nearest legally accessible treatment
facilities (route length, sea and land legs, transit states), the legal basis of each
movement and the procedure it implies, the nearer facilities that are closed to the
SIDS and why, and the places where the answer rests on weak or unknown data. Where no
legal route exists it says why, and what would open one: the analysis is re-run under
what-if scenarios built with the :class:`hgmap.law.Scenario` API (the SIDS accedes to
Basel, a new Article 11 agreement, a facility state lifts its import ban...).

Two levels:

* :func:`sids_report` computes the accessibility results and writes the report;
* :func:`build_report` turns results that are already computed (``{stream: result}``)
  into a :class:`SidsReport`, which :func:`render_markdown`, :func:`render_html` and
  :func:`render_csv` (or :meth:`SidsReport.write`) turn into text.

Reports are reproducible: the same inputs give the same bytes (no timestamp unless
asked for, stable ordering, fixed number formats). Not legal advice.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as _dt
import functools
import io
import logging
import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import geopandas as gpd
import jinja2
import pandas as pd

from ._io import atomic_write_text, data_path
from .countries import load_countries
from .errors import DataError, HgmapError
from .facilities import load_facilities, stream_operations
from .vocab import STREAMS, check_stream, parse_date

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "REGIONS",
    "Closed",
    "Country",
    "Entry",
    "Option",
    "RegionSummary",
    "SidsReport",
    "StreamSummary",
    "WhatIf",
    "build_report",
    "render_csv",
    "render_html",
    "render_markdown",
    "sids_report",
    "what_if_candidates",
]

log = logging.getLogger(__name__)

#: Output formats of :func:`sids_report`.
FORMATS: tuple[str, ...] = ("md", "html", "csv")
#: SIDS regions, in report order (UN-OHRLLS groups).
REGIONS: tuple[str, ...] = ("Caribbean", "Pacific", "AIS")
REGION_TITLES: dict[str, str] = {
    "Caribbean": "Caribbean",
    "Pacific": "Pacific",
    "AIS": "Atlantic, Indian Ocean and South China Sea (AIS)",
}
STREAM_TITLES: dict[str, str] = {
    "elemental_mercury": "Elemental mercury",
    "lamps": "Mercury-containing lamps",
    "batteries": "Mercury-containing batteries",
    "measuring_devices": "Measuring devices",
    "dental_amalgam": "Dental amalgam",
    "contaminated_soil": "Contaminated soil",
    "mining_tailings": "Mining tailings",
    "chlor_alkali_residues": "Chlor-alkali residues",
    "oil_gas_residues": "Oil and gas residues",
    "other": "Other mercury waste",
}
STATUS_TITLES: dict[str, str] = {
    "reachable": "reachable",
    "no_legal_route": "no legal route",
    "no_facility_for_stream": "no facility for this stream",
}
LEGAL_TITLES: dict[str, str] = {
    "permitted_with_consent": "permitted with prior informed consent",
    "not_governed": "not governed by the treaties checked",
    "domestic": "domestic (no transboundary movement)",
    "prohibited": "prohibited",
}
CLOSED_REASONS: dict[str, str] = {
    "law": "the movement is prohibited",
    "transit": "every route crosses a state that bans the transit",
    "status": "facility not known to operate",
    "operation": "no suitable operation for this stream",
    "route": "no sea or land route",
    "stream": "does not accept this stream",
}
NOT_LEGAL_ADVICE = (
    "This report is not legal advice. It is a screening of published treaty, membership and facility "
    "data; every shipment must be checked with the competent authorities of the states of export, "
    "transit and import, and with the facility."
)

#: CSV columns, one row per SIDS x stream x rank.
CSV_COLUMNS: tuple[str, ...] = (
    "region", "iso3", "name", "stream", "status", "rank", "facility_id", "facility_name",
    "facility_iso3", "facility_country", "operation", "distance_km", "sea_km", "land_km", "access_km",
    "transit_iso3", "legal_status", "legal_basis", "procedure", "legal_rules", "legal_conditions",
    "legal_confidence", "legal_unknowns", "facility_status", "facility_confidence", "flags",
    "nearer_closed", "no_route_reasons", "what_if", "what_if_facility_id", "what_if_facility_iso3",
    "what_if_km", "as_of", "data_date", "scenario",
)

# Rules that a what-if scenario can act on, and the rules that only describe procedure.
_PARTY_RULES = frozenset({"R2"})
_IMPORT_BAN_RULES = frozenset({"R4-national-import"})
_TRANSIT_BAN_RULES = frozenset({"R7-national-transit"})
_REGIONAL = (
    ("WAIGANI", "Waigani Convention"),
    ("BAMAKO", "Bamako Convention"),
    ("OECD", "OECD Council Decision C(2001)107 (recovery)"),
    ("CAA", "Central American Regional Agreement"),
    ("IZMIR", "Izmir Protocol"),
)


# ----------------------------------------------------------------------------- model


@dataclasses.dataclass(frozen=True)
class Country:
    """One SIDS as the report names it."""

    iso3: str
    name: str
    region: str
    un_member: bool
    sovereign_iso3: str | None = None


@dataclasses.dataclass(frozen=True)
class Option:
    """One legally accessible facility for a SIDS and a stream (rank 1 is the nearest)."""

    rank: int
    facility_id: str
    facility_name: str
    facility_iso3: str
    facility_country: str
    operation: str | None
    distance_km: float
    sea_km: float | None
    land_km: float | None
    access_km: float | None
    transit: tuple[str, ...]
    legal_status: str | None
    rules: tuple[str, ...]
    conditions: tuple[str, ...]
    legal_confidence: str | None
    legal_unknowns: tuple[str, ...]
    facility_status: str | None
    facility_confidence: str | None
    basis: str
    procedure: tuple[str, ...]
    flags: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Closed:
    """A facility nearer than the first option (or any, when there is none) that is closed."""

    facility_id: str
    facility_name: str
    facility_iso3: str
    distance_km: float | None
    reason: str
    rules: tuple[str, ...]
    detail: str
    explanation: str
    confidence: str | None = None
    nonparty: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class WhatIf:
    """One what-if scenario tried for a SIDS with no legal route, and what it opened."""

    kind: str
    label: str
    changes: tuple[str, ...]
    scenario_yaml: str
    opens: bool
    facility_id: str | None = None
    facility_name: str | None = None
    facility_iso3: str | None = None
    distance_km: float | None = None
    legal_status: str | None = None
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Entry:
    """The answer for one SIDS and one stream."""

    iso3: str
    name: str
    region: str
    stream: str
    status: str
    options: tuple[Option, ...]
    closed: tuple[Closed, ...]
    nearest_unconstrained_id: str | None
    nearest_unconstrained_name: str | None
    nearest_unconstrained_km: float | None
    reasons: tuple[str, ...]
    what_if: tuple[WhatIf, ...]
    flags: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return f"sids-{self.iso3.lower()}-{self.stream.replace('_', '-')}"

    @property
    def first(self) -> Option | None:
        return self.options[0] if self.options else None


@dataclasses.dataclass(frozen=True)
class StreamSummary:
    """One region x stream line of a regional summary."""

    stream: str
    n_sids: int
    reachable: int
    no_legal_route: int
    no_facility: int
    median_km: float | None
    max_km: float | None
    flagged: int
    opened_by_what_if: int
    no_route_sids: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class RegionSummary:
    """Regional summary: SIDS by status, distances, facilities relied on, streams with no option."""

    region: str
    title: str
    sids: tuple[str, ...]
    streams: tuple[StreamSummary, ...]
    top_facilities: tuple[tuple[str, str, str, int, int], ...]  # id, name, iso3, rank-1 pairs, SIDS
    no_option_streams: tuple[str, ...]
    sids_without_route: tuple[tuple[str, tuple[str, ...]], ...]  # iso3, streams with no route

    @property
    def anchor(self) -> str:
        return f"region-{self.region.lower()}"


@dataclasses.dataclass
class SidsReport:
    """Everything a rendered report says, independent of the output format.

    Build it with :func:`build_report` or :func:`sids_report`; render it with
    :meth:`render` or write it with :meth:`write`.
    """

    streams: tuple[str, ...]
    countries: tuple[Country, ...]
    entries: dict[tuple[str, str], Entry]
    regions: tuple[RegionSummary, ...]
    as_of: str
    data_date: str
    k: int
    scenario: str | None
    scenario_description: str
    operation: str | None
    circuity: float | None
    sea_passage_is_transit: bool | None
    statuses: tuple[str, ...]
    what_if: bool
    facilities_source: str
    generated: str | None = None
    country_names: dict[str, str] = dataclasses.field(default_factory=dict, repr=False)
    results: dict[str, gpd.GeoDataFrame] = dataclasses.field(default_factory=dict, repr=False, compare=False)
    facilities: gpd.GeoDataFrame | None = dataclasses.field(default=None, repr=False, compare=False)

    def entry(self, iso3: str, stream: str) -> Entry:
        """The :class:`Entry` of one SIDS and stream."""
        return self.entries[(iso3, stream)]

    def country_name(self, iso3: str | None) -> str:
        if not iso3:
            return ""
        return self.country_names.get(iso3, iso3)

    def render(self, fmt: str = "md", *, maps: Mapping[str, str] | None = None,
               inline_maps: Mapping[str, str] | None = None) -> str:
        """Render as ``"md"``, ``"html"`` or ``"csv"`` (see :func:`render_html` for ``maps``)."""
        fmt = _check_format(fmt)
        if fmt == "md":
            return render_markdown(self)
        if fmt == "csv":
            return render_csv(self)
        return render_html(self, maps=maps, inline_maps=inline_maps)

    def write(self, out: str | os.PathLike[str], *, fmt: str | None = None, maps: str = "files",
              offline: bool = False) -> Path:
        """Write the report to ``out`` atomically; see :func:`sids_report` for ``maps``."""
        return _write(self, out, fmt=fmt, maps=maps, offline=offline)

    def to_frame(self) -> pd.DataFrame:
        """The CSV table as a DataFrame (one row per SIDS x stream x rank)."""
        return pd.DataFrame(_csv_rows(self), columns=list(CSV_COLUMNS))


# ---------------------------------------------------------------------------- helpers


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict, set)) else False
    except (TypeError, ValueError):
        return False


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value)


def _num(value: Any) -> float | None:
    if _missing(value):
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def _as_tuple(value: Any) -> tuple:
    if _missing(value):
        return ()
    if isinstance(value, str):
        return (value,) if value else ()
    if hasattr(value, "tolist"):
        value = value.tolist()
    return tuple(value)


def _km(value: float | None) -> str:
    """Deterministic human distance: ``12,345 km``."""
    if value is None:
        return "n/a"
    return f"{round(value):,d} km"


def _km_csv(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _check_format(fmt: str) -> str:
    fmt = (fmt or "").lower().lstrip(".")
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise HgmapError(f"unknown report format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    return fmt


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


@functools.lru_cache(maxsize=1)
def _rules_table() -> dict[str, dict[str, str]]:
    """rule_id -> row of the shipped ``rules.csv`` (titles and citations for explanations)."""
    try:
        with open(data_path("law", "rules.csv"), newline="", encoding="utf-8") as fh:
            return {row["rule_id"]: row for row in csv.DictReader(fh)}
    except FileNotFoundError:
        log.warning("rules.csv is not shipped; rule ids are shown without titles")
        return {}


@functools.lru_cache(maxsize=1)
def _bans_table() -> tuple[dict[str, str], ...]:
    try:
        with open(data_path("law", "bans.csv"), newline="", encoding="utf-8") as fh:
            return tuple(csv.DictReader(fh))
    except FileNotFoundError:
        return ()


def rule_text(rule_id: str) -> str:
    """``"Party to non-Party (Basel Art 4(5))"`` for ``"R2"``; the id itself when unknown."""
    row = _rules_table().get(rule_id)
    if not row:
        return rule_id
    cite = row.get("citation") or ""
    title = row.get("title") or rule_id
    return f"{title} ({cite})" if cite and cite != "-" else title


# ------------------------------------------------------------------------ legal basis


@functools.lru_cache(maxsize=1)
def _agreement_titles() -> dict[str, str]:
    """agreement_id -> short title (shipped ``agreements.csv``)."""
    try:
        with open(data_path("law", "agreements.csv"), newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        return {}
    return {r["agreement_id"]: r["title"].split(" (")[0].split(",")[0].strip() for r in rows}


def agreement_label(agreement_id: str) -> str:
    """A readable name for an agreement id (``WAIGANI-1995`` -> ``Waigani Convention``)."""
    upper = agreement_id.upper()
    for key, label in _REGIONAL:
        if upper.startswith(key):
            return label
    title = _agreement_titles().get(agreement_id)
    return f"{title} [{agreement_id}]" if title else agreement_id


_ART11_CONDITION = re.compile(r"procedure of (?P<id>[^\s]+?)\.?$")
_REGIONAL_CONDITION = re.compile(r"\[(?P<id>[^\]]+)\]: its procedures apply alongside Basel")


def _agreements(rules: Sequence[str], conditions: Sequence[str], decision: Any) -> tuple[list[str], list[str]]:
    """(Art 11 agreements the movement relies on, regional agreements that apply alongside Basel)."""
    art11: list[str] = []
    for reason in getattr(decision, "reasons", ()) or ():
        if reason.rule_id == "R2-art11" and "; " in reason.citation:
            art11.append(reason.citation.split("; ", 1)[1])
    regional: list[str] = []
    for cond in conditions:
        m = _ART11_CONDITION.search(cond)
        if m and "notification and consent procedure" in cond:
            art11.append(m.group("id"))
        m = _REGIONAL_CONDITION.search(cond)
        if m:
            regional.append(m.group("id"))
    if "R2-art11" in rules and not art11:
        art11.append("an Article 11 agreement")
    return list(dict.fromkeys(art11)), [r for r in dict.fromkeys(regional) if r not in art11]


def _transit_split(decision: Any, transit: Sequence[str]) -> tuple[list[str], list[str], list[str], bool]:
    """(transit Parties whose written consent is needed, non-Parties to notify, EU transit
    states, whether the split is known)."""
    entries = getattr(decision, "transit", None) if decision is not None else None
    if not entries:
        return [], [], [], False
    parties: list[str] = []
    nonparties: list[str] = []
    eu: list[str] = []
    for item in entries:
        ids = {r.rule_id for r in item.reasons}
        if "R7-party-transit" in ids:
            parties.append(item.iso3)
        if "R7-nonparty-transit" in ids:
            nonparties.append(item.iso3)
        if "R7-eu-transit" in ids:
            eu.append(item.iso3)
    return parties, nonparties, eu, True


def legal_procedure(
    origin: str,
    dest: str,
    *,
    legal_status: str | None,
    rules: Sequence[str],
    conditions: Sequence[str] = (),
    transit: Sequence[str] = (),
    decision: Any = None,
    names: Mapping[str, str] | None = None,
) -> tuple[str, tuple[str, ...]]:
    """The legal basis of a movement and the procedure it implies, in a few lines.

    Parameters
    ----------
    origin, dest
        ISO3 codes of the states of export and import.
    legal_status, rules, conditions, transit
        From an accessibility result row (``legal_*`` and ``transit_iso3`` columns).
    decision
        The :class:`hgmap.law.Decision` of the movement, if available: its reasons name
        the Article 11 agreement and its transit entries tell Parties from non-Parties.
    names
        ISO3 -> country name, for the text.

    Returns
    -------
    (basis, steps)
        One line naming the legal basis, and the procedural steps in shipping order.
        The full conditions of the legal engine stay in the CSV (``legal_conditions``).
    """
    names = names or {}

    def nm(iso: str) -> str:
        return f"{names[iso]} ({iso})" if iso in names else iso

    rules = set(rules)
    cond_text = " ".join(conditions)
    if legal_status == "domestic" or "R0-domestic" in rules:
        return ("Domestic: the facility is in the same country",
                ("No transboundary movement: national rules on hazardous-waste transport apply.",))
    art11, regional = _agreements(tuple(rules), conditions, decision)
    steps: list[str] = []
    if "R0-same-state" in rules:
        basis = f"Same State: {nm(origin)} and {nm(dest)} are parts of one State (Basel Art 2(3))"
        steps.append("Not a transboundary movement under Basel: the national law of the State applies.")
    elif art11:
        basis = "Basel Art 11 agreement: " + "; ".join(agreement_label(a) for a in art11)
        steps.append(f"Prior informed consent of {nm(dest)}: written consent of its competent authority and "
                     "a contract for environmentally sound management before the shipment starts.")
        steps.append("Follow the notification and consent procedure of the "
                     + "; ".join(agreement_label(a) for a in art11) + " (Basel Art 11).")
    elif legal_status == "not_governed" or "R2-not-governed" in rules:
        basis = "Not governed by Basel: neither State is a Party"
        steps.append(f"Basel procedures do not apply: the national law of {nm(origin)} and {nm(dest)} governs "
                     "export and import; obtain both authorities' permits in writing.")
    elif legal_status == "permitted_with_consent":
        basis = "Basel Convention: both States are Parties"
        steps.append(f"Prior informed consent of {nm(dest)}: written consent of its competent authority and "
                     "a contract for environmentally sound management before the shipment starts "
                     "(Basel Art 6(1)-(3)).")
    else:
        basis = LEGAL_TITLES.get(legal_status or "", legal_status or "unknown")
    if regional:
        basis += "; also " + "; ".join(agreement_label(a) for a in regional)
        steps.append("Both States are in the " + "; ".join(agreement_label(a) for a in regional)
                     + ": its procedures apply alongside Basel.")
    parties, nonparties, eu, known = _transit_split(decision, transit)
    if known:
        if parties:
            steps.append("Written consent of each transit Party: " + ", ".join(nm(t) for t in parties)
                         + " (Basel Art 6(4)).")
        if nonparties:
            steps.append("Notify the transit States that are not Basel Parties: "
                         + ", ".join(nm(t) for t in nonparties) + " (Basel Art 7); their national law applies.")
        if eu:
            steps.append("Consent of the EU transit States under the Waste Shipment Regulation: "
                         + ", ".join(nm(t) for t in eu) + ".")
    elif transit:
        steps.append("Consent or notification of each transit State: " + ", ".join(nm(t) for t in transit)
                     + " (Basel Art 6(4) for Parties, Art 7 for non-Parties).")
    if "Waste Shipment Regulation" in cond_text:
        steps.append("EU notification and consent under the Waste Shipment Regulation (Reg (EC) 1013/2006; "
                     "Reg (EU) 2024/1157 from 21 May 2026).")
    if "Minamata Art 11(3)" in cond_text:
        steps.append("Minamata Convention Art 11(3): the waste crosses borders only for environmentally sound "
                     "disposal; recovered mercury only for a use allowed to the Party.")
    for cond in conditions:
        if "Minamata Art 11(2)" in cond:
            steps.append(cond)
    return basis, tuple(dict.fromkeys(steps))


# ------------------------------------------------------------------------ the law API


class _Law:
    """The few things the report asks of :mod:`hgmap.law`, cached per report."""

    def __init__(self, *, as_of: _dt.date | None, operation: str | None, scenario: Any) -> None:
        from . import law  # the report renders synthetic results without the legal engine

        self.law = law
        self.as_of = as_of
        self.operation = operation
        self.scenario = scenario
        self._cache: dict = {}

    def assess(self, origin: str, dest: str, stream: str, operation: str | None,
               via: Sequence[str] = ()) -> Any:
        """The decision for ``operation`` or, when ``None``, the least restrictive one."""
        ops = (operation,) if operation else ("recovery", "disposal")
        key = (origin, dest, stream, ops, tuple(via))
        if key not in self._cache:
            best = None
            for op in ops:
                try:
                    dec = self.law.assess(origin, dest, stream, op, as_of=self.as_of, via=tuple(via),
                                          scenario=self.scenario)
                except HgmapError as exc:
                    log.debug("assess %s->%s %s %s failed: %s", origin, dest, stream, op, exc)
                    continue
                if best is None or (best.status == "prohibited" and dec.status != "prohibited"):
                    best = dec
            self._cache[key] = best
        return self._cache[key]

    def rules(self, origin: str, dest: str, stream: str, ops: Sequence[str]) -> tuple[str, ...] | None:
        """Prohibiting rule ids of the pair for every op in ``ops``; ``None`` when one op is allowed."""
        out: list[str] = []
        for op in ops:
            m = self.law.matrix(stream, op, as_of=self.as_of, scenario=self.scenario)
            if origin not in m.index or dest not in m.index:
                continue
            if m.allowed[m.index[origin], m.index[dest]]:
                return None
            out.extend(m.rules(origin, dest))
        return tuple(dict.fromkeys(out))

    def combine(self, name: str, description: str, changes: Sequence[Mapping[str, Any]]) -> Any:
        """The base scenario plus ``changes``, as one :class:`~hgmap.law.Scenario`."""
        extra = self.law.Scenario.from_dict({"name": name, "description": description, "changes": list(changes)})
        if self.scenario is None:
            return extra
        return dataclasses.replace(extra, name=f"{self.scenario.name} + {name}",
                                   changes=tuple(self.scenario.changes) + tuple(extra.changes))


# ----------------------------------------------------------------------- what-if search


def _ban_ids(holder: str, measure: str, rules: Iterable[str]) -> list[str]:
    """National bans held by ``holder`` that carry one of ``rules`` (shipped ``bans.csv``)."""
    rules = set(rules)
    out = []
    for row in _bans_table():
        holders = {h.strip() for h in row.get("holder", "").split(";")}
        if holder in holders and row.get("measure") == measure and row.get("rule_id") in rules:
            out.append(row["ban_id"])
    return sorted(out)


def what_if_candidates(
    origin: str,
    stream: str,
    closed: Sequence[Closed],
    *,
    as_of: _dt.date,
    names: Mapping[str, str] | None = None,
    territories: Mapping[str, str] | None = None,
    max_states: int = 2,
) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Scenario changes that could open a legal route for ``origin``.

    Derived from the rules that close the nearest facilities:

    * Basel Art 4(5) (Party to non-Party) where the SIDS is the non-Party: the SIDS
      accedes to Basel or, for a territory, its sovereign extends its ratification to it;
    * Basel Art 4(5) for the facility's State: an Article 11 agreement between the SIDS
      and that State, for this stream (Art 11 agreements also rescue a non-Party SIDS);
    * a national import ban of the facility's State, or a national transit ban on the
      route: the ban is lifted.

    Rules no single State can change (regional import bans, EU and US export law, the
    Ban Amendment) give no candidate. Each candidate is one change.

    Parameters
    ----------
    origin, stream
        The SIDS and the waste stream.
    closed
        The closed facilities, nearest first (from :class:`Entry`).
    as_of
        The date the changes take effect (the report's as-of date).
    names
        ISO3 -> country name, for the labels.
    territories
        Territory ISO3 -> sovereign ISO3 for territories whose Basel coverage a scenario
        can set (``territories.csv``).
    max_states
        How many facility States (nearest first) get an agreement or ban candidate.

    Returns
    -------
    list of (kind, label, changes)
        ``changes`` are scenario entries in the format of ``docs/law.md``.
    """
    names = names or {}
    territories = territories or {}
    date = as_of.isoformat()

    def nm(iso: str) -> str:
        return names.get(iso, iso)

    out: list[tuple[str, str, list[dict[str, Any]]]] = []
    seen: set[str] = set()

    def add(kind: str, label: str, changes: list[dict[str, Any]]) -> None:
        key = repr(changes)
        if key not in seen:
            seen.add(key)
            out.append((kind, label, changes))

    law_closed = [c for c in closed if c.reason == "law"]
    if any(origin in c.nonparty for c in law_closed):
        if origin in territories:
            sov = territories[origin]
            add("coverage", f"{nm(sov)} extends its Basel ratification to {nm(origin)}",
                [{"action": "set_coverage", "iso3": origin, "basel_coverage": "covered", "date": date}])
        else:
            add("accession", f"{nm(origin)} accedes to the Basel Convention",
                [{"action": "join", "instrument": "basel", "iso3": origin, "date": date}])
    states: list[str] = []
    for c in law_closed:
        if c.facility_iso3 and c.facility_iso3 != origin and c.facility_iso3 not in states:
            states.append(c.facility_iso3)
    for dest in states[:max_states]:
        rules = {r for c in law_closed if c.facility_iso3 == dest for r in c.rules}
        if rules & _PARTY_RULES:
            add("agreement", f"an Article 11 agreement between {nm(origin)} and {nm(dest)} for this stream",
                [{"action": "add_agreement", "id": f"WHATIF-{origin}-{dest}", "parties": [origin, dest],
                  "exporters": [origin], "importers": [dest], "streams": [stream], "date": date,
                  "title": f"What-if Article 11 agreement {origin}-{dest}"}])
        bans = _ban_ids(dest, "import_ban", rules & _IMPORT_BAN_RULES)
        if bans:
            add("lift_import_ban", f"{nm(dest)} lifts its import ban ({', '.join(bans)})",
                [{"action": "lift_ban", "id": b, "date": date} for b in bans])
    transit_states: list[str] = []
    transit_rules: set[str] = set()
    for c in closed:
        if c.reason != "transit":
            continue
        transit_rules.update(c.rules)
        for state in re.findall(r"\b[A-Z]{3}\b", c.detail):
            if state not in transit_states and state != origin and state != c.facility_iso3:
                transit_states.append(state)
    for state in transit_states[:max_states]:
        bans = _ban_ids(state, "transit_ban", transit_rules & _TRANSIT_BAN_RULES)
        if bans:
            add("lift_transit_ban", f"{nm(state)} lifts its transit ban ({', '.join(bans)})",
                [{"action": "lift_ban", "id": b, "date": date} for b in bans])
    return out


def _scenario_yaml(name: str, description: str, changes: Sequence[Mapping[str, Any]]) -> str:
    """A scenario file an analyst can save and pass to ``--scenario`` (deterministic)."""

    def scalar(v: Any) -> str:
        if isinstance(v, (list, tuple)):
            return "[" + ", ".join(scalar(x) for x in v) + "]"
        text = str(v)
        if re.fullmatch(r"[A-Za-z0-9_.\-]+", text) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return text
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"name: {scalar(name)}", f"description: {scalar(description)}", "changes:"]
    for change in changes:
        first = True
        for key in ("action", *sorted(k for k in change if k != "action")):
            lines.append(f"  {'- ' if first else '  '}{key}: {scalar(change[key])}")
            first = False
    return "\n".join(lines) + "\n"


def _change_text(change: Mapping[str, Any]) -> str:
    a = change["action"]
    if a == "join":
        return f"{change['iso3']} joins {change['instrument']} on {change['date']}"
    if a == "set_coverage":
        return f"Basel coverage of {change['iso3']}: {change['basel_coverage']} from {change['date']}"
    if a == "add_agreement":
        return (f"agreement {'-'.join(change['parties'])} ({', '.join(change.get('streams', ['all']))}) "
                f"from {change['date']}")
    if a == "lift_ban":
        return f"ban {change['id']} lifted on {change['date']}"
    return ", ".join(f"{k}={v}" for k, v in change.items())


# ------------------------------------------------------------------------ build_report


def _country_table(countries: gpd.GeoDataFrame | None) -> tuple[list[Country], dict[str, str], dict[str, str]]:
    countries = load_countries() if countries is None else countries
    names = {str(r.iso3): str(r.name) for r in countries.itertuples()}
    sids = []
    territories = {}
    for r in countries.itertuples():
        sov = _text(getattr(r, "sovereign_iso3", None)) or None
        if sov:
            territories[str(r.iso3)] = sov
        if not bool(r.sids):
            continue
        sids.append(Country(str(r.iso3), str(r.name), _text(r.sids_region) or "Other",
                            bool(getattr(r, "un_member", True)), sov))
    order = {reg: i for i, reg in enumerate(REGIONS)}
    sids.sort(key=lambda c: (order.get(c.region, len(REGIONS)), c.name.casefold(), c.iso3))
    return sids, names, territories


def _attr(results: Mapping[str, gpd.GeoDataFrame], key: str, default: Any = None) -> Any:
    values = []
    for stream, res in results.items():
        value = res.attrs.get(key, default)
        if isinstance(value, list):
            value = tuple(value)
        values.append((stream, value))
    distinct = {v for _, v in values}
    if len(distinct) > 1:
        msg = f"results disagree on {key}: " + ", ".join(f"{s}={v}" for s, v in values)
        raise HgmapError(msg)
    return values[0][1] if values else default


def _closed_list(
    origin: str,
    stream: str,
    raw: Any,
    *,
    first_km: float | None,
    taken: set[str],
    law: _Law | None,
    model: Any,
    names: Mapping[str, str],
    operation: str | None,
    statuses: Sequence[str],
    limit: int = 8,
    max_assess: int = 4,
) -> tuple[Closed, ...]:
    """Facilities nearer than the first option (all, when there is none) that are closed.

    The result's ``blocked_reasons`` list is capped and also names facilities that never
    take the stream; with a model, the list is rebuilt from the facilities that accept
    the stream, so the rules that matter are not crowded out.
    """
    raw_items = [b for b in _as_tuple(raw) if isinstance(b, Mapping)]
    raw_by_id = {_text(b.get("facility_id")): b for b in raw_items}
    items: list[dict[str, Any]] = []
    if model is not None and law is not None and origin in model.origin_nodes:
        fac = model.facilities
        dist = model.dist[:, model.origin_nodes[origin]]
        order = sorted(range(len(fac)), key=lambda i: (dist[i], str(fac.at[i, "id"])))
        for i in order:
            km = float(dist[i])
            if first_km is not None and not km < first_km:
                break
            row = fac.iloc[i]
            fid = str(row["id"])
            if stream not in _as_tuple(row["streams"]) or fid in taken:
                continue
            ops = [op for op in stream_operations(row, stream) if operation in (None, op)]
            iso = str(row["country_iso3"])
            item = {"facility_id": fid, "facility_name": _text(row["name"]), "facility_iso3": iso,
                    "distance_km": round(km, 1) if math.isfinite(km) else None, "rules": (), "detail": ""}
            if not math.isfinite(km):
                item.update(reason="route", detail="no sea or land route on the network")
            elif _text(row["status"]) not in statuses:
                item.update(reason="status", detail=f"status is {_text(row['status']) or 'not given'}")
            elif not ops:
                item.update(reason="operation", detail=f"no known {operation or 'disposal or recovery'} of {stream}")
            else:
                rules = law.rules(origin, iso, stream, ops)
                if rules is None:
                    prev = raw_by_id.get(fid, {})
                    item.update(reason="transit", rules=tuple(_as_tuple(prev.get("rules"))),
                                detail=_text(prev.get("detail")) or "every route crosses a state that bans the transit")
                else:
                    item.update(reason="law", rules=rules, detail=_text(raw_by_id.get(fid, {}).get("detail")))
            items.append(item)
            if len(items) >= limit:
                break
    else:
        # A facility that never takes this stream is not "closed" to the SIDS; it is noise.
        items = [dict(b) for b in raw_items if _text(b.get("reason")) != "stream"][:limit]
    out = []
    assessed = 0
    for item in items:
        reason = _text(item.get("reason"))
        rules = tuple(str(r) for r in _as_tuple(item.get("rules")))
        iso = _text(item.get("facility_iso3"))
        detail = _text(item.get("detail"))
        if rules:
            explanation = "; ".join(rule_text(r) for r in rules)
            if reason == "transit" and detail:
                explanation = f"{detail} ({explanation})"
        else:
            explanation = detail or CLOSED_REASONS.get(reason, reason)
        confidence = None
        nonparty: tuple[str, ...] = ()
        if law is not None and reason == "law" and iso and assessed < max_assess:
            assessed += 1
            dec = law.assess(origin, iso, stream, operation)
            if dec is not None and dec.status == "prohibited":
                details = [f"{r.detail} ({r.citation})" for r in dec.reasons if r.effect == "prohibits"]
                if details:
                    explanation = " ".join(dict.fromkeys(details))
                confidence = dec.confidence
                nonparty = tuple(x for r in dec.reasons if r.rule_id == "R2" for x in (origin, iso)
                                 if x != r.state)
        out.append(Closed(_text(item.get("facility_id")), _text(item.get("facility_name")), iso,
                          _num(item.get("distance_km")), reason, rules, detail, explanation, confidence,
                          nonparty))
    return tuple(out)


def _no_route_reasons(status: str, closed: Sequence[Closed], stream: str, fac_other: int) -> tuple[str, ...]:
    if status == "no_facility_for_stream":
        lines = [f"No operating facility in the catalogue accepts {STREAM_TITLES.get(stream, stream).lower()}."]
        if fac_other:
            lines.append(f"{_plural(fac_other, 'facility', 'facilities')} that accept it "
                         "are listed with another status (closed, planned or unknown).")
        return tuple(lines)
    counts = Counter(c.reason for c in closed)
    by_rule = Counter(r for c in closed for r in c.rules)
    lines = []
    for reason, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{_plural(n, 'facility', 'facilities')}: {CLOSED_REASONS.get(reason, reason)}.")
    if by_rule:
        lines.append("Rules that close them: " + "; ".join(
            f"{rule_text(r)} ({n})" for r, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))) + ".")
    if not lines:
        lines.append("No facility accepting this stream can be reached legally.")
    return tuple(lines)


def _entry_flags(options: Sequence[Option], closed: Sequence[Closed], status: str) -> tuple[str, ...]:
    flags: list[str] = []
    for opt in options:
        flags.extend(f"option {opt.rank}: {f}" for f in opt.flags)
    for c in closed:
        if c.reason == "status" and "closed" not in c.detail:
            flags.append(f"nearer facility {c.facility_name} ({c.facility_iso3}, {_km(c.distance_km)}) is "
                         f"not known to operate: {c.detail}")
        elif c.confidence == "low":
            flags.append(f"the prohibition closing {c.facility_name} ({c.facility_iso3}) rests on "
                         f"low-confidence legal data")
    return tuple(dict.fromkeys(flags))


def _option_flags(legal_confidence: str | None, unknowns: Sequence[str], fac_status: str | None,
                  fac_conf: str | None) -> tuple[str, ...]:
    flags = []
    if legal_confidence in ("low", "unknown"):
        flags.append(f"legal confidence is {legal_confidence}")
    flags.extend(f"unknown: {u}" for u in unknowns if u)
    if fac_conf in ("low", "unknown"):
        flags.append(f"facility record confidence is {fac_conf}")
    if fac_status and fac_status != "operating":
        flags.append(f"facility status is {fac_status}")
    return tuple(flags)


def build_report(
    results: Mapping[str, gpd.GeoDataFrame],
    *,
    facilities: gpd.GeoDataFrame | str | os.PathLike[str] | None = None,
    scenario: Any = None,
    what_if: bool = True,
    model: Any = None,
    countries: gpd.GeoDataFrame | None = None,
    timestamp: bool | str = False,
    max_what_if: int = 4,
) -> SidsReport:
    """Turn accessibility results into a :class:`SidsReport`.

    Parameters
    ----------
    results
        ``{stream: result}`` from :func:`hgmap.access.accessibility` (any ``k``; origins
        must include the SIDS, other origins are ignored). All results must share the
        as-of date, data date and settings (``attrs``).
    facilities
        The catalogue the results were computed with (GeoDataFrame or path); ``None``:
        the shipped one. Used for facility confidence and status, and for what-ifs.
    scenario
        The :class:`hgmap.law.Scenario` (or path) the results were computed under;
        required for what-ifs when the results carry a scenario name.
    what_if
        Search what-if scenarios for SIDS with no legal route (needs :mod:`hgmap.law`).
    model
        An :class:`hgmap.access.AccessModel` to re-solve what-ifs with (built from
        ``facilities`` when ``None``).
    countries
        Countries layer; ``None`` loads the shipped one.
    timestamp
        ``False`` (reproducible, the default), ``True`` (UTC now) or a text to print as
        the generation time.
    max_what_if
        Single-change scenarios tried per SIDS and stream (plus their combination).

    Returns
    -------
    SidsReport

    Raises
    ------
    HgmapError
        On an unknown stream, results that disagree on their settings, or what-ifs
        asked for results computed under a scenario that is not given.
    """
    if not results:
        raise HgmapError("no results to report on")
    streams = tuple(s for s in STREAMS if s in results)
    for s in results:
        check_stream(s)
    for s, res in results.items():
        missing = {"origin_iso3", "status", "rank", "facility_id", "blocked_reasons"} - set(res.columns)
        if missing:
            raise DataError(f"result for {s} is not an accessibility result: missing {sorted(missing)}")
    sids, names, territories = _country_table(countries)
    as_of = _text(_attr(results, "as_of")) or _dt.date.today().isoformat()
    data_date = _text(_attr(results, "data_date")) or "unknown"
    operation = _attr(results, "operation")
    scenario_name = _attr(results, "scenario")
    statuses = tuple(_attr(results, "statuses") or ("operating",))
    k = int(max(int(res["rank"].max()) if len(res) else 1 for res in results.values()))
    k = int(_attr(results, "k") or k)

    if facilities is None or isinstance(facilities, (str, os.PathLike)):
        fac_source = "shipped catalogue" if facilities is None else f"user catalogue {Path(facilities).name}"
        fac_frame = load_facilities(facilities)
    else:
        fac_source = "user catalogue"
        fac_frame = facilities
    fac_by_id = {str(r["id"]): r for r in fac_frame.to_dict("records")}

    law = None
    scen_obj = None
    try:
        from . import law as _law_mod
    except ImportError:  # the legal engine is optional for rendering synthetic results
        _law_mod = None
    if _law_mod is not None:
        if scenario is not None and not isinstance(scenario, _law_mod.Scenario):
            scenario = _law_mod.load_scenario(scenario)
        scen_obj = scenario
        if scenario_name and scen_obj is None:
            raise HgmapError(f"the results were computed under scenario {scenario_name!r}: pass the same "
                             "scenario= to build_report")
        law = _Law(as_of=parse_date(as_of), operation=operation, scenario=scen_obj)
    elif what_if:
        raise HgmapError("what-if scenarios need hgmap.law; pass what_if=False")
    scen_desc = " ".join(_text(getattr(scen_obj, "description", "")).split()) if scen_obj is not None else ""
    if scen_obj is not None and not scenario_name:
        scenario_name = scen_obj.name

    if model is None and law is not None:
        from .access import AccessModel

        model = AccessModel(facilities=fac_frame)
    if model is not None:
        res_circ = _attr(results, "circuity")
        model_circ = model.graph.settings.get("circuity")
        if res_circ is not None and model_circ is not None and float(res_circ) != float(model_circ):
            log.warning("closed facilities and what-ifs use circuity %s, the results %s", model_circ, res_circ)

    entries: dict[tuple[str, str], Entry] = {}
    sids_codes = {c.iso3 for c in sids}
    for stream in streams:
        res = results[stream]
        res = res[res["origin_iso3"].isin(sids_codes)]
        by_origin = {iso: grp.sort_values("rank") for iso, grp in res.groupby("origin_iso3", sort=True)}
        fac_other = sum(1 for r in fac_by_id.values()
                        if stream in _as_tuple(r.get("streams")) and _text(r.get("status")) not in statuses)
        for country in sids:
            grp = by_origin.get(country.iso3)
            if grp is None or grp.empty:
                raise DataError(f"result for {stream} has no row for SIDS {country.iso3}; compute it with "
                                "origins='sids' or 'all'")
            entries[(country.iso3, stream)] = _entry(country, stream, grp, law=law, model=model, names=names,
                                                     fac_by_id=fac_by_id, operation=operation,
                                                     statuses=statuses, fac_other=fac_other)
    if what_if and law is not None and model is not None:
        _search_what_ifs(entries, law=law, model=model, names=names, territories=_territories(),
                         as_of=parse_date(as_of), operation=operation, statuses=statuses,
                         max_what_if=max_what_if)
    generated = None
    if timestamp:
        generated = (_dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if timestamp is True
                     else str(timestamp))
    report = SidsReport(
        streams=streams, countries=tuple(sids), entries=entries, regions=(), as_of=as_of,
        data_date=data_date, k=k, scenario=scenario_name, scenario_description=scen_desc,
        operation=operation, circuity=_num(_attr(results, "circuity")),
        sea_passage_is_transit=_attr(results, "sea_passage_is_transit"), statuses=statuses,
        what_if=bool(what_if), facilities_source=fac_source, generated=generated,
        country_names=names, results=dict(results), facilities=fac_frame,
    )
    report.regions = _regions(report)
    return report


def _entry(country: Country, stream: str, grp: pd.DataFrame, *, law: _Law | None, model: Any,
           names: Mapping[str, str], fac_by_id: Mapping[str, Mapping], operation: str | None,
           statuses: Sequence[str], fac_other: int) -> Entry:
    first = grp.iloc[0]
    status = _text(first["status"])
    options = []
    if status == "reachable":
        for row in grp.itertuples(index=False):
            row = row._asdict()
            fid = _text(row.get("facility_id"))
            fac = fac_by_id.get(fid, {})
            dest = _text(row.get("facility_iso3")) or _text(fac.get("country_iso3"))
            transit = tuple(str(t) for t in _as_tuple(row.get("transit_iso3")))
            rules = tuple(str(r) for r in _as_tuple(row.get("legal_rules")))
            conditions = tuple(str(c) for c in _as_tuple(row.get("legal_conditions")))
            unknowns = tuple(str(u) for u in _as_tuple(row.get("legal_unknowns")))
            op = _text(row.get("operation")) or None
            decision = law.assess(country.iso3, dest, stream, op, transit) if law is not None else None
            basis, steps = legal_procedure(country.iso3, dest, legal_status=_text(row.get("legal_status")) or None,
                                           rules=rules, conditions=conditions, transit=transit,
                                           decision=decision, names=names)
            fac_status = _text(fac.get("status")) or None
            fac_conf = _text(fac.get("confidence")) or None
            legal_conf = _text(row.get("legal_confidence")) or None
            options.append(Option(
                rank=int(row["rank"]), facility_id=fid,
                facility_name=_text(row.get("facility_name")) or _text(fac.get("name")) or fid,
                facility_iso3=dest, facility_country=names.get(dest, dest), operation=op,
                distance_km=_num(row.get("distance_km")) or 0.0, sea_km=_num(row.get("sea_km")),
                land_km=_num(row.get("land_km")), access_km=_num(row.get("access_km")), transit=transit,
                legal_status=_text(row.get("legal_status")) or None, rules=rules, conditions=conditions,
                legal_confidence=legal_conf, legal_unknowns=unknowns, facility_status=fac_status,
                facility_confidence=fac_conf, basis=basis, procedure=steps,
                flags=_option_flags(legal_conf, unknowns, fac_status, fac_conf),
            ))
    closed = _closed_list(country.iso3, stream, first.get("blocked_reasons"),
                          first_km=options[0].distance_km if options else None,
                          taken={o.facility_id for o in options}, law=law, model=model, names=names,
                          operation=operation, statuses=statuses)
    nu_id = _text(first.get("nearest_unconstrained_facility_id")) or None
    nu_name = _text(fac_by_id.get(nu_id, {}).get("name")) or nu_id if nu_id else None
    reasons = () if status == "reachable" else _no_route_reasons(status, closed, stream, fac_other)
    return Entry(country.iso3, country.name, country.region, stream, status, tuple(options), closed,
                 nu_id, nu_name, _num(first.get("nearest_unconstrained_km")), reasons, (),
                 _entry_flags(options, closed, status))


def _search_what_ifs(entries: dict[tuple[str, str], Entry], *, law: _Law, model: Any, names: Mapping[str, str],
                     territories: Mapping[str, str], as_of: _dt.date | None, operation: str | None,
                     statuses: Sequence[str], max_what_if: int) -> None:
    as_of = as_of or _dt.date.today()
    scenarios: dict[str, Any] = {}
    for key in sorted(entries, key=lambda kk: (STREAMS.index(kk[1]), kk[0])):
        entry = entries[key]
        if entry.status != "no_legal_route":
            continue
        cands = what_if_candidates(entry.iso3, entry.stream, entry.closed, as_of=as_of, names=names,
                                   territories=territories)[:max_what_if]
        if len(cands) > 1:
            combined = [c for _, _, changes in cands for c in changes]
            cands.append(("combined", "All of the above together", combined))
        found: list[WhatIf] = []
        for kind, label, changes in cands:
            desc = f"hgmap report what-if for {entry.iso3} ({entry.stream})"
            yaml_text = _scenario_yaml(label, desc, changes)
            cache_key = yaml_text
            try:
                if cache_key not in scenarios:
                    scenarios[cache_key] = law.combine(label, desc, changes)
                scen = scenarios[cache_key]
                res = model.solve(entry.stream, as_of=as_of, origins=[entry.iso3], k=1, operation=operation,
                                  scenario=scen, statuses=tuple(statuses))
            except HgmapError as exc:
                log.warning("what-if %r for %s/%s failed: %s", label, entry.iso3, entry.stream, exc)
                found.append(WhatIf(kind, label, tuple(_change_text(c) for c in changes), yaml_text, False,
                                    note=f"could not be evaluated: {exc}"))
                continue
            row = res.iloc[0]
            if _text(row["status"]) == "reachable":
                found.append(WhatIf(kind, label, tuple(_change_text(c) for c in changes), yaml_text, True,
                                    _text(row["facility_id"]), _text(row["facility_name"]),
                                    _text(row["facility_iso3"]), _num(row["distance_km"]),
                                    _text(row["legal_status"]) or None))
            else:
                still = _closed_list(entry.iso3, entry.stream, row["blocked_reasons"], first_km=None, taken=set(),
                                     law=_Law(as_of=as_of, operation=operation, scenario=scen), model=model,
                                     names=names, operation=operation, statuses=statuses, max_assess=1)
                still = [c for c in still if c.reason in ("law", "transit")]
                note = ""
                if still:
                    c = still[0]
                    note = (f"the nearest facility, {c.facility_name} ({c.facility_iso3}), stays closed: "
                            f"{c.explanation}")
                found.append(WhatIf(kind, label, tuple(_change_text(c) for c in changes), yaml_text, False,
                                    note=note))
        if any(w.kind == "combined" for w in found) and any(w.opens for w in found if w.kind != "combined"):
            # The combination adds nothing when one change alone already opens a route.
            found = [w for w in found if w.kind != "combined"]
        entries[key] = dataclasses.replace(entry, what_if=tuple(found))


@functools.lru_cache(maxsize=1)
def _territories() -> dict[str, str]:
    """Territories whose Basel coverage a scenario can set, with their sovereign."""
    try:
        with open(data_path("law", "territories.csv"), newline="", encoding="utf-8") as fh:
            # A territory with its own treaty status (Niue, Cook Islands) accedes in its own name.
            return {r["territory_iso3"]: r["sovereign_iso3"] for r in csv.DictReader(fh)
                    if r.get("basel_coverage") != "covered" and r.get("own_treaty_status") != "yes"}
    except FileNotFoundError:
        return {}


def _median(values: Sequence[float]) -> float | None:
    values = sorted(values)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def _regions(report: SidsReport) -> tuple[RegionSummary, ...]:
    out = []
    regions = [r for r in REGIONS if any(c.region == r for c in report.countries)]
    regions += sorted({c.region for c in report.countries} - set(REGIONS))
    for region in regions:
        members = [c for c in report.countries if c.region == region]
        lines = []
        relied: Counter = Counter()
        relied_sids: dict[str, set[str]] = {}
        fac_names: dict[str, tuple[str, str]] = {}
        no_option = []
        for stream in report.streams:
            es = [report.entry(c.iso3, stream) for c in members]
            km = [e.first.distance_km for e in es if e.first is not None]
            for e in es:
                if e.first is not None:
                    relied[e.first.facility_id] += 1
                    relied_sids.setdefault(e.first.facility_id, set()).add(e.iso3)
                    fac_names[e.first.facility_id] = (e.first.facility_name, e.first.facility_iso3)
            reach = sum(e.status == "reachable" for e in es)
            if reach == 0:
                no_option.append(stream)
            lines.append(StreamSummary(
                stream=stream, n_sids=len(es), reachable=reach,
                no_legal_route=sum(e.status == "no_legal_route" for e in es),
                no_facility=sum(e.status == "no_facility_for_stream" for e in es),
                median_km=_median(km), max_km=max(km) if km else None,
                flagged=sum(bool(e.flags) for e in es),
                opened_by_what_if=sum(any(w.opens for w in e.what_if) for e in es),
                no_route_sids=tuple(e.iso3 for e in es if e.status != "reachable"),
            ))
        top = sorted(relied.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        without = []
        for c in members:
            missing = tuple(s for s in report.streams if report.entry(c.iso3, s).status != "reachable")
            if missing:
                without.append((c.iso3, missing))
        out.append(RegionSummary(
            region=region, title=REGION_TITLES.get(region, region), sids=tuple(c.iso3 for c in members),
            streams=tuple(lines),
            top_facilities=tuple((fid, fac_names[fid][0], fac_names[fid][1], n, len(relied_sids[fid]))
                                 for fid, n in top),
            no_option_streams=tuple(no_option), sids_without_route=tuple(without),
        ))
    return tuple(out)


# ------------------------------------------------------------------------- renderers


def _assumptions(report: SidsReport) -> list[str]:
    circ = f"{report.circuity:g}" if report.circuity is not None else "the default"
    sea = report.sea_passage_is_transit
    lines = [
        "Distances are shortest routes on a transport network: sea lanes (searoute's Marnet) between "
        "ports, and land or port-access legs measured as great-circle distance multiplied by a "
        f"circuity factor of {circ}. They are route lengths for comparison, not shipping quotes.",
        ("Passage through the territorial sea (12 nautical miles) of a state counts as transit."
         if sea else
         "Passage at sea, including the territorial sea, is not counted as transit (Basel Art 4(12), "
         "navigational rights); transit states are those whose land or ports the route uses."),
        f"Only facilities with status {', '.join(report.statuses)} in the {report.facilities_source} are "
        "counted as options; facilities with another status appear among the nearer closed facilities.",
        "The legal assessment covers the Basel Convention (incl. the Ban Amendment and Article 11 "
        "agreements), the Minamata Convention, the Bamako and Waigani Conventions, regional agreements, "
        "recorded national import, export and transit bans, and EU and US export rules, as of the date "
        "above. Every mercury waste stream is treated as a hazardous waste.",
        f"Up to {report.k} legally accessible facilities are listed per SIDS and stream, nearest first."
        + (f" Only {report.operation} operations are considered." if report.operation else ""),
    ]
    if report.what_if:
        lines.append("Where no legal route exists, the analysis is re-run under what-if scenarios (a change "
                     "to treaty membership, a new Article 11 agreement, or a lifted ban), one change at a time "
                     "and then all together; the facility such a scenario would open is reported. A what-if "
                     "is a planning aid, not a prediction.")
    return lines


def _md(value: Any) -> str:
    """Markdown-safe inline text: no HTML, no table breaks, no accidental emphasis or links."""
    text = " ".join(_text(value).split())
    # Raw HTML passes through Markdown renderers: neutralise tags and entities, keep a plain "&".
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]{}|#!~])", r"\\\1", text)


def _stream_title(stream: str) -> str:
    return STREAM_TITLES.get(stream, stream)


def _option_cells(opt: Option) -> list[str]:
    return [
        str(opt.rank), f"{_md(opt.facility_name)}", f"{_md(opt.facility_country)} ({_md(opt.facility_iso3)})",
        _md(opt.operation or "n/a"), _km(opt.distance_km), _km(opt.sea_km), _km(opt.land_km),
        _md(", ".join(opt.transit) or "none"), _md(opt.basis),
        _md(opt.legal_confidence or "n/a"),
    ]


def render_markdown(report: SidsReport) -> str:
    """The report as Markdown (CommonMark with pipe tables), ready to paste into a document."""
    out: list[str] = []
    w = out.append
    w("# Transboundary movement of mercury waste from Small Island Developing States")
    w("")
    w(f"**{_md(NOT_LEGAL_ADVICE)}**")
    w("")
    for label, value in _front_matter(report):
        w(f"- **{label}:** {_md(value)}")
    w("")
    w("## Assumptions")
    w("")
    for line in _assumptions(report):
        w(f"- {_md(line)}")
    w("")
    w("## Contents")
    w("")
    w("- [Overview](#overview)")
    w("- Regional summaries: " + ", ".join(f"[{_md(r.title)}](#{r.anchor})" for r in report.regions))
    for region in report.regions:
        links = ", ".join(f"[{_md(report.country_name(iso))}](#sids-{iso.lower()})" for iso in region.sids)
        w(f"- {_md(region.title)}: {links}")
    w("")
    w('<a id="overview"></a>')
    w("")
    w("## Overview")
    w("")
    w("Distance to the nearest legally accessible facility; **none** = no legal route, "
      "**n/f** = no facility accepts the stream.")
    w("")
    w("| SIDS | " + " | ".join(_md(_stream_title(s)) for s in report.streams) + " |")
    w("|---|" + "---:|" * len(report.streams))
    for c in report.countries:
        cells = []
        for s in report.streams:
            e = report.entry(c.iso3, s)
            label = (_km(e.first.distance_km) if e.first else
                     ("none" if e.status == "no_legal_route" else "n/f"))
            cells.append(f"[{label}](#{e.anchor})")
        w(f"| [{_md(c.name)}](#sids-{c.iso3.lower()}) ({c.iso3}) | " + " | ".join(cells) + " |")
    w("")
    w("## Regional summaries")
    for region in report.regions:
        w("")
        w(f'<a id="{region.anchor}"></a>')
        w("")
        w(f"### {_md(region.title)} ({_plural(len(region.sids), 'SIDS', 'SIDS')})")
        w("")
        w("| Stream | Reachable | No legal route | No facility | Median km | Max km | Flagged | "
          "Opened by a what-if |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|")
        for line in region.streams:
            w(f"| {_md(_stream_title(line.stream))} | {line.reachable} | {line.no_legal_route} | "
              f"{line.no_facility} | {_km(line.median_km)} | {_km(line.max_km)} | {line.flagged} | "
              f"{line.opened_by_what_if} |")
        w("")
        if region.top_facilities:
            w("Facilities most relied on (nearest option of a SIDS for a stream):")
            w("")
            for fid, name, iso, n, n_sids in region.top_facilities:
                w(f"1. {_md(name)} ({_md(iso)}, {_md(fid)}): {_plural(n, 'SIDS-stream pair')}, "
                  f"{_plural(n_sids, 'SIDS', 'SIDS')}")
            w("")
        w("Streams with no option for any SIDS of the region: "
          + (_md(", ".join(_stream_title(s) for s in region.no_option_streams)) or "none") + ".")
        w("")
        if region.sids_without_route:
            w("SIDS without a legal route for some streams:")
            w("")
            for iso, streams in region.sids_without_route:
                w(f"- [{_md(report.country_name(iso))}](#sids-{iso.lower()}): "
                  + _md(", ".join(_stream_title(s) for s in streams)))
            w("")
    w("## Country profiles")
    for c in report.countries:
        w("")
        w(f'<a id="sids-{c.iso3.lower()}"></a>')
        w("")
        w(f"### {_md(c.name)} ({c.iso3})")
        w("")
        w(_md(_country_line(report, c)))
        for s in report.streams:
            e = report.entry(c.iso3, s)
            w("")
            w(f'<a id="{e.anchor}"></a>')
            w("")
            w(f"#### {_md(c.name)}: {_md(_stream_title(s))} ({_md(STATUS_TITLES.get(e.status, e.status))})")
            w("")
            _md_entry(w, report, e)
    w("")
    w("---")
    w("")
    w(f"*{_md(NOT_LEGAL_ADVICE)}*")
    return "\n".join(out) + "\n"


def _country_line(report: SidsReport, c: Country) -> str:
    bits = [f"SIDS region: {REGION_TITLES.get(c.region, c.region)}."]
    if c.sovereign_iso3:
        bits.append(f"Territory of {report.country_name(c.sovereign_iso3)} ({c.sovereign_iso3}).")
    elif not c.un_member:
        bits.append("Not a UN member state.")
    reach = sum(report.entry(c.iso3, s).status == "reachable" for s in report.streams)
    bits.append(f"Legal route for {reach} of {len(report.streams)} streams.")
    return " ".join(bits)


def _md_entry(w: Callable[[str], None], report: SidsReport, e: Entry) -> None:
    if e.options:
        w("| # | Facility | Country | Operation | Distance | Sea | Land | Transit | Legal basis | Confidence |")
        w("|---:|---|---|---|---:|---:|---:|---|---|---|")
        for opt in e.options:
            w("| " + " | ".join(_option_cells(opt)) + " |")
        w("")
        for opt in e.options[:1]:
            w(f"Procedure for option {opt.rank} ({_md(opt.facility_name)}):")
            w("")
            for step in opt.procedure:
                w(f"- {_md(step)}")
            w("")
        for opt in e.options[1:]:
            w(f"Procedure for option {opt.rank} ({_md(opt.facility_name)}): " + _md(" ".join(opt.procedure)))
            w("")
    else:
        w(f"**No legal route.** {_md(' '.join(e.reasons))}")
        w("")
        if e.nearest_unconstrained_id:
            w(f"Nearest facility for this stream regardless of the law: "
              f"{_md(e.nearest_unconstrained_name)} ({_km(e.nearest_unconstrained_km)}).")
            w("")
    if e.closed:
        w("Nearer facilities that are closed to it:" if e.options else "Closed facilities, nearest first:")
        w("")
        for c in e.closed:
            w(f"- {_md(c.facility_name)} ({_md(c.facility_iso3)}, {_km(c.distance_km)}): "
              f"{_md(CLOSED_REASONS.get(c.reason, c.reason))}. {_md(c.explanation)}")
        w("")
    if e.status == "no_legal_route":
        if e.what_if:
            w("What would open a route (what-if scenarios re-run through the analysis):")
            w("")
            for wi in e.what_if:
                w(f"- {_md(wi.label)}: " + _md(_what_if_result(wi)))
            w("")
        elif report.what_if:
            w("What would open a route: no what-if scenario derived from the closing rules was found.")
            w("")
    if e.flags:
        w("Flags (answer rests on weak or unknown data):")
        w("")
        for f in e.flags:
            w(f"- {_md(f)}")
        w("")


def _what_if_result(wi: WhatIf) -> str:
    if wi.opens:
        return (f"opens {wi.facility_name} ({wi.facility_iso3}) at {_km(wi.distance_km)} "
                f"({LEGAL_TITLES.get(wi.legal_status or '', wi.legal_status or 'n/a')}).")
    return "does not open a route" + (f"; {wi.note}" if wi.note else "") + "."


def _front_matter(report: SidsReport) -> list[tuple[str, str]]:
    rows = [
        ("Law as of", report.as_of),
        ("Legal data date", report.data_date),
        ("Scenario", (f"{report.scenario}" + (f" ({report.scenario_description})"
                                              if report.scenario_description else ""))
         if report.scenario else "none (recorded law)"),
        ("Waste streams", ", ".join(_stream_title(s) for s in report.streams)),
        ("SIDS", f"{len(report.countries)} ("
         + ", ".join(f"{r.title}: {len(r.sids)}" for r in report.regions) + ")"),
        ("Facilities per SIDS and stream", str(report.k)),
        ("Facility catalogue", report.facilities_source),
    ]
    if report.generated:
        rows.append(("Generated", report.generated))
    return rows


# ---- CSV


def _csv_safe(value: str) -> str:
    # Spreadsheet formula injection: catalogue text must not start a formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_rows(report: SidsReport) -> list[dict[str, str]]:
    rows = []
    region_of = {c.iso3: c.region for c in report.countries}
    for c in report.countries:
        for s in report.streams:
            e = report.entry(c.iso3, s)
            closed = "; ".join(f"{x.facility_id} ({x.facility_iso3}, {_km_csv(x.distance_km)} km): {x.reason}"
                               + (f" [{', '.join(x.rules)}]" if x.rules else "") for x in e.closed)
            opened = next((w for w in e.what_if if w.opens), None)
            base = {
                "region": region_of[c.iso3], "iso3": c.iso3, "name": c.name, "stream": s, "status": e.status,
                "flags": " | ".join(e.flags), "nearer_closed": closed, "no_route_reasons": " ".join(e.reasons),
                "what_if": opened.label if opened else "",
                "what_if_facility_id": opened.facility_id if opened else "",
                "what_if_facility_iso3": opened.facility_iso3 if opened else "",
                "what_if_km": _km_csv(opened.distance_km) if opened else "",
                "as_of": report.as_of, "data_date": report.data_date, "scenario": report.scenario or "",
            }
            if not e.options:
                rows.append({**base, "rank": "1"})
                continue
            for opt in e.options:
                rows.append({
                    **base, "rank": str(opt.rank), "facility_id": opt.facility_id,
                    "facility_name": opt.facility_name, "facility_iso3": opt.facility_iso3,
                    "facility_country": opt.facility_country, "operation": opt.operation or "",
                    "distance_km": _km_csv(opt.distance_km), "sea_km": _km_csv(opt.sea_km),
                    "land_km": _km_csv(opt.land_km), "access_km": _km_csv(opt.access_km),
                    "transit_iso3": ";".join(opt.transit), "legal_status": opt.legal_status or "",
                    "legal_basis": opt.basis, "procedure": " | ".join(opt.procedure),
                    "legal_rules": ";".join(opt.rules), "legal_conditions": " | ".join(opt.conditions),
                    "legal_confidence": opt.legal_confidence or "",
                    "legal_unknowns": " | ".join(opt.legal_unknowns),
                    "facility_status": opt.facility_status or "",
                    "facility_confidence": opt.facility_confidence or "",
                    "flags": " | ".join(opt.flags) if opt.rank > 1 else base["flags"],
                })
    return rows


def render_csv(report: SidsReport) -> str:
    """The report as CSV: one row per SIDS x stream x rank (:data:`CSV_COLUMNS`)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    numeric = {"rank", "distance_km", "sea_km", "land_km", "access_km", "what_if_km"}
    for row in _csv_rows(report):
        writer.writerow({k: (row.get(k, "") if k in numeric else _csv_safe(_text(row.get(k, ""))))
                         for k in CSV_COLUMNS})
    return buf.getvalue()


# ---- HTML


def _safe_href(target: str) -> str:
    """Relative file links and http(s) URLs only (never ``javascript:``)."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:", target) and not re.match(r"^https?://", target, re.I):
        return "#"
    return quote(target, safe="/:#?&=%._-~")


_HTML = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Transboundary movement of mercury waste from SIDS ({{ r.as_of }})</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d1d1d;margin:0 auto;max-width:1200px;padding:0 20px 60px}
h1{font-size:26px;margin:24px 0 8px}h2{border-bottom:2px solid #0b4f6c;padding-bottom:3px;margin-top:36px}
h3{margin-top:28px;color:#0b4f6c}h4{margin:18px 0 6px}
.nla{background:#fff3cd;border:1px solid #c9a400;padding:8px 12px;border-radius:4px;font-weight:600}
table{border-collapse:collapse;margin:6px 0 10px;font-size:13.5px}th,td{border:1px solid #ccd;padding:3px 7px;vertical-align:top}
th{background:#eef3f6;text-align:left}td.n{text-align:right;white-space:nowrap}
.ov td{text-align:right;white-space:nowrap}.ov td:first-child{text-align:left}
.st-no_legal_route{background:#efe6f5}.st-no_facility_for_stream{background:#eee}
.muted{color:#666}.flag{color:#8a4b00}.opens{color:#0a6b2d;font-weight:600}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:2px 14px}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
nav.toc ul{columns:3;list-style:none;padding-left:0}nav.toc li{margin:1px 0}
iframe.map{width:100%;height:560px;border:1px solid #99a}
details pre{background:#f6f6f6;padding:6px;font-size:12px;overflow:auto}
@media print{iframe.map{display:none}}
</style>
</head>
<body>
<h1>Transboundary movement of mercury waste from Small Island Developing States</h1>
<p class="nla">{{ nla }}</p>
<dl class="meta">{% for label, value in front %}<dt>{{ label }}</dt><dd>{{ value }}</dd>{% endfor %}</dl>
<h2 id="assumptions">Assumptions</h2>
<ul>{% for a in assumptions %}<li>{{ a }}</li>{% endfor %}</ul>
<nav class="toc"><h2 id="contents">Contents</h2>
<p><a href="#overview">Overview</a> · Regional summaries: {% for reg in r.regions %}<a href="#{{ reg.anchor }}">{{ reg.title }}</a>{{ " · " if not loop.last }}{% endfor %}{% if maps %} · <a href="#maps">Maps</a>{% endif %}</p>
{% for reg in r.regions %}<h4>{{ reg.title }}</h4><ul>{% for iso in reg.sids %}<li><a href="#sids-{{ iso|lower }}">{{ r.country_name(iso) }}</a></li>{% endfor %}</ul>{% endfor %}
</nav>
<h2 id="overview">Overview</h2>
<p>Distance to the nearest legally accessible facility; <b>none</b> = no legal route, <b>n/f</b> = no facility accepts the stream.</p>
<table class="ov"><thead><tr><th>SIDS</th>{% for s in r.streams %}<th>{{ stitle(s) }}</th>{% endfor %}</tr></thead><tbody>
{% for c in r.countries %}<tr><td><a href="#sids-{{ c.iso3|lower }}">{{ c.name }}</a> ({{ c.iso3 }})</td>{% for s in r.streams %}{% set e = r.entry(c.iso3, s) %}<td class="st-{{ e.status }}"><a href="#{{ e.anchor }}">{{ km(e.first.distance_km) if e.first else ("none" if e.status == "no_legal_route" else "n/f") }}</a></td>{% endfor %}</tr>
{% endfor %}</tbody></table>
<h2 id="regions">Regional summaries</h2>
{% for reg in r.regions %}<h3 id="{{ reg.anchor }}">{{ reg.title }} ({{ reg.sids|length }} SIDS)</h3>
<table><thead><tr><th>Stream</th><th>Reachable</th><th>No legal route</th><th>No facility</th><th>Median km</th><th>Max km</th><th>Flagged</th><th>Opened by a what-if</th></tr></thead><tbody>
{% for l in reg.streams %}<tr><td>{{ stitle(l.stream) }}</td><td class="n">{{ l.reachable }}</td><td class="n">{{ l.no_legal_route }}</td><td class="n">{{ l.no_facility }}</td><td class="n">{{ km(l.median_km) }}</td><td class="n">{{ km(l.max_km) }}</td><td class="n">{{ l.flagged }}</td><td class="n">{{ l.opened_by_what_if }}</td></tr>
{% endfor %}</tbody></table>
{% if reg.top_facilities %}<p>Facilities most relied on (nearest option of a SIDS for a stream):</p><ol>{% for fid, name, iso, n, ns in reg.top_facilities %}<li>{{ name }} ({{ iso }}, {{ fid }}): {{ n }} SIDS-stream pair{{ "s" if n != 1 }}, {{ ns }} SIDS</li>{% endfor %}</ol>{% endif %}
<p>Streams with no option for any SIDS of the region: {{ reg.no_option_streams|map("stitle")|join(", ") if reg.no_option_streams else "none" }}.</p>
{% if reg.sids_without_route %}<p>SIDS without a legal route for some streams:</p><ul>{% for iso, ss in reg.sids_without_route %}<li><a href="#sids-{{ iso|lower }}">{{ r.country_name(iso) }}</a>: {{ ss|map("stitle")|join(", ") }}</li>{% endfor %}</ul>{% endif %}
{% endfor %}
{% if maps %}<h2 id="maps">Maps</h2>
{% for s in r.streams %}{% if s in maps %}<h3 id="map-{{ s|replace("_", "-") }}">{{ stitle(s) }}</h3>
{% if maps[s].src %}<iframe class="map" loading="lazy" title="Map: {{ stitle(s) }}" src="{{ maps[s].src }}"></iframe><p class="muted"><a href="{{ maps[s].src }}">Open the map of {{ stitle(s)|lower }} in its own window</a></p>
{% else %}<iframe class="map" loading="lazy" title="Map: {{ stitle(s) }}" sandbox="allow-scripts allow-popups" srcdoc="{{ maps[s].srcdoc }}"></iframe>{% endif %}
{% endif %}{% endfor %}{% endif %}
<h2 id="profiles">Country profiles</h2>
{% for c in r.countries %}<section>
<h3 id="sids-{{ c.iso3|lower }}">{{ c.name }} ({{ c.iso3 }})</h3>
<p>{{ country_line(c) }} Streams: {% for s in r.streams %}{% set e = r.entry(c.iso3, s) %}<a href="#{{ e.anchor }}">{{ stitle(s) }}</a>{{ " · " if not loop.last }}{% endfor %}</p>
{% for s in r.streams %}{% set e = r.entry(c.iso3, s) %}
<h4 id="{{ e.anchor }}">{{ stitle(s) }}: {{ status_title(e.status) }}{% if maps and s in maps %} <a class="muted" href="#map-{{ s|replace("_", "-") }}">(map)</a>{% endif %}</h4>
{% if e.options %}<table><thead><tr><th>#</th><th>Facility</th><th>Country</th><th>Operation</th><th>Distance</th><th>Sea</th><th>Land</th><th>Transit</th><th>Legal basis</th><th>Confidence</th></tr></thead><tbody>
{% for o in e.options %}<tr><td class="n">{{ o.rank }}</td><td>{{ o.facility_name }}</td><td>{{ o.facility_country }} ({{ o.facility_iso3 }})</td><td>{{ o.operation or "n/a" }}</td><td class="n">{{ km(o.distance_km) }}</td><td class="n">{{ km(o.sea_km) }}</td><td class="n">{{ km(o.land_km) }}</td><td>{{ o.transit|join(", ") or "none" }}</td><td>{{ o.basis }}</td><td>{{ o.legal_confidence or "n/a" }}</td></tr>
{% endfor %}</tbody></table>
{% for o in e.options %}{% if loop.first %}<p>Procedure for option {{ o.rank }} ({{ o.facility_name }}):</p><ul>{% for step in o.procedure %}<li>{{ step }}</li>{% endfor %}</ul>{% else %}<p>Procedure for option {{ o.rank }} ({{ o.facility_name }}): {{ o.procedure|join(" ") }}</p>{% endif %}{% endfor %}
{% else %}<p><b>No legal route.</b> {{ e.reasons|join(" ") }}</p>
{% if e.nearest_unconstrained_id %}<p>Nearest facility for this stream regardless of the law: {{ e.nearest_unconstrained_name }} ({{ km(e.nearest_unconstrained_km) }}).</p>{% endif %}
{% endif %}
{% if e.closed %}<p>{{ "Nearer facilities that are closed to it:" if e.options else "Closed facilities, nearest first:" }}</p><ul>{% for x in e.closed %}<li>{{ x.facility_name }} ({{ x.facility_iso3 }}, {{ km(x.distance_km) }}): {{ closed_reason(x.reason) }}. <span class="muted">{{ x.explanation }}</span></li>{% endfor %}</ul>{% endif %}
{% if e.status == "no_legal_route" %}{% if e.what_if %}<p>What would open a route (what-if scenarios re-run through the analysis):</p><ul>{% for wi in e.what_if %}<li>{{ wi.label }}: <span class="{{ "opens" if wi.opens }}">{{ what_if_result(wi) }}</span>
<details><summary>scenario file</summary><pre>{{ wi.scenario_yaml }}</pre></details></li>{% endfor %}</ul>
{% elif r.what_if %}<p>What would open a route: no what-if scenario derived from the closing rules was found.</p>{% endif %}{% endif %}
{% if e.flags %}<p class="flag">Flags (answer rests on weak or unknown data):</p><ul class="flag">{% for f in e.flags %}<li>{{ f }}</li>{% endfor %}</ul>{% endif %}
{% endfor %}</section>
{% endfor %}
<hr><p class="nla">{{ nla }}</p>
</body>
</html>
"""


@functools.lru_cache(maxsize=1)
def _html_template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False,
                             keep_trailing_newline=True)
    env.filters["stitle"] = _stream_title
    return env.from_string(_HTML)


def render_html(
    report: SidsReport,
    *,
    maps: Mapping[str, str] | None = None,
    inline_maps: Mapping[str, str] | None = None,
) -> str:
    """The report as a standalone HTML page, every catalogue and user text escaped.

    Parameters
    ----------
    report
        From :func:`build_report`.
    maps
        ``{stream: relative path or http(s) URL}`` of map pages to embed in ``<iframe>``s.
    inline_maps
        ``{stream: map page HTML}`` to embed with ``srcdoc`` (a single-file report).
    """
    embedded: dict[str, dict[str, str]] = {}
    for s, target in (maps or {}).items():
        embedded[s] = {"src": _safe_href(str(target)), "srcdoc": ""}
    for s, page in (inline_maps or {}).items():
        embedded[s] = {"src": "", "srcdoc": page}
    return _html_template().render(
        r=report, nla=NOT_LEGAL_ADVICE, front=_front_matter(report), assumptions=_assumptions(report),
        maps=embedded, km=_km, stitle=_stream_title, status_title=lambda s: STATUS_TITLES.get(s, s),
        closed_reason=lambda s: CLOSED_REASONS.get(s, s), what_if_result=_what_if_result,
        country_line=lambda c: _country_line(report, c),
    )


# --------------------------------------------------------------------------- writing


def _freeze_ids(m: Any) -> None:
    """Give every element of a folium map a sequential id (folium uses random UUIDs)."""
    counter = 0
    stack = [m.get_root()]
    seen = set()
    while stack:
        el = stack.pop(0)
        if id(el) in seen:
            continue
        seen.add(id(el))
        if hasattr(el, "_id"):
            el._id = f"{counter:032x}"
            counter += 1
        children = getattr(el, "_children", {})
        stack.extend(children.values())
        for attr in ("header", "html", "script"):
            sub = getattr(el, attr, None)
            if sub is not None and hasattr(sub, "_children"):
                stack.append(sub)




def _map_pages(report: SidsReport, *, offline: bool) -> dict[str, str]:
    from . import maps as _maps

    pages = {}
    for s in report.streams:
        res = report.results.get(s)
        if res is None:
            continue
        m = _maps.accessibility_map(res, facilities=report.facilities, routes_for="sids", offline=offline,
                                    title=f"SIDS report: {_stream_title(s)}")
        _freeze_ids(m)
        pages[s] = m
    return pages


def _write(report: SidsReport, out: str | os.PathLike[str], *, fmt: str | None, maps: str,
           offline: bool) -> Path:
    out = Path(out)
    fmt = _check_format(fmt or out.suffix or "md")
    if maps not in ("files", "inline", "none"):
        raise HgmapError(f"maps must be 'files', 'inline' or 'none', got {maps!r}")
    if fmt == "md":
        return atomic_write_text(out, render_markdown(report))
    if fmt == "csv":
        return atomic_write_text(out, render_csv(report))
    hrefs: dict[str, str] = {}
    inline: dict[str, str] = {}
    if maps != "none" and report.results:
        from . import maps as _maps

        pages = _map_pages(report, offline=offline)
        folder = out.parent / f"{out.stem}_maps"
        for s, m in pages.items():
            if maps == "files":
                path = folder / f"{s}.html"
                _maps.save_map(m, path, offline=offline)
                hrefs[s] = f"{folder.name}/{s}.html"
            else:
                inline[s] = _maps.render_page(m, offline=offline)
    return atomic_write_text(out, render_html(report, maps=hrefs, inline_maps=inline))


# ------------------------------------------------------------------------- sids_report


def sids_report(
    *,
    streams: str | Iterable[str] | None = None,
    as_of: str | _dt.date | None = None,
    k: int = 3,
    scenario: Any = None,
    facilities: gpd.GeoDataFrame | str | os.PathLike[str] | None = None,
    fmt: str = "md",
    out: str | os.PathLike[str] | None = None,
    operation: str | None = None,
    what_if: bool = True,
    maps: str = "files",
    offline: bool = False,
    timestamp: bool | str = False,
    progress: bool = False,
) -> SidsReport:
    """Compute accessibility for the SIDS and write the guidance report.

    Parameters
    ----------
    streams
        Waste streams (list or comma-separated); ``None``: all of :data:`hgmap.STREAMS`.
    as_of
        Date the law is read at (``YYYY-MM-DD``); default today.
    k
        Facilities listed per SIDS and stream.
    scenario
        A what-if scenario (path or :class:`hgmap.law.Scenario`) for the whole report.
    facilities
        User catalogue (path or GeoDataFrame); default the shipped one.
    fmt
        ``"md"``, ``"html"`` or ``"csv"``; when ``out`` has one of these suffixes and
        ``fmt`` is left at its default, the suffix wins.
    out
        Output file (written atomically); ``None``: nothing is written.
    operation
        ``"disposal"`` or ``"recovery"`` only (default: either).
    what_if
        Search what-if scenarios for SIDS with no legal route.
    maps
        HTML only: ``"files"`` (a ``<stem>_maps/`` folder beside the report, embedded in
        ``<iframe>``s), ``"inline"`` (``srcdoc``, one self-contained file) or ``"none"``.
    offline
        Build maps that need no network (see :func:`hgmap.maps.save_map`).
    timestamp
        Print the generation time (breaks byte-reproducibility); default off.
    progress
        Progress bars while computing.

    Returns
    -------
    SidsReport
        Render it again in another format with :meth:`SidsReport.render`.
    """
    from .access import AccessModel

    if streams is None:
        stream_list = list(STREAMS)
    else:
        stream_list = [s.strip() for s in streams.split(",")] if isinstance(streams, str) else list(streams)
        stream_list = [check_stream(s) for s in stream_list if s]
        if not stream_list:
            raise HgmapError("no waste stream given")
    if int(k) < 1:
        raise HgmapError(f"k must be >= 1, got {k}")
    if out is not None and fmt == "md" and Path(out).suffix.lower().lstrip(".") in ("html", "htm", "csv"):
        fmt = Path(out).suffix
    fmt = _check_format(fmt)
    as_of_date = parse_date(as_of, field="as_of")
    if scenario is not None:
        from . import law

        if not isinstance(scenario, law.Scenario):
            scenario = law.load_scenario(scenario)
    fac_frame = load_facilities(facilities) if not isinstance(facilities, gpd.GeoDataFrame) else facilities
    model = AccessModel(facilities=fac_frame)
    results = {}
    for s in stream_list:
        log.info("report: solving %s", s)
        results[s] = model.solve(s, as_of=as_of_date, origins="sids", k=int(k), operation=operation,
                                 scenario=scenario, progress=progress)
    report = build_report(results, facilities=fac_frame, scenario=scenario, what_if=what_if, model=model,
                          timestamp=timestamp)
    if facilities is None:
        report.facilities_source = "shipped catalogue"
    elif not isinstance(facilities, gpd.GeoDataFrame):
        report.facilities_source = f"user catalogue {Path(facilities).name}"
    if out is not None:
        report.write(out, fmt=fmt, maps=maps, offline=offline)
    return report
