"""Legal tables: the shipped ``hgmap.data.law`` CSVs as frozen records, and dated facts.

Reads the CSVs (built by ``data/build_law.py``) once into :class:`Tables` of
:class:`Membership`, :class:`Agreement`, :class:`Ban` and :class:`Territory` records,
and resolves a membership to a dated :class:`Fact` (value, confidence, sources, and
what is unknown about it). Scenarios (:mod:`hgmap.law.scenario`) return modified copies.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import logging
from collections.abc import Iterable, Mapping
from typing import Literal

from .._io import data_path
from ..errors import DataError

__all__ = [
    "CONFIDENCES", "INSTRUMENTS", "INSTRUMENT_LABELS", "MEMBER_STATUSES", "Fact", "Unknown", "Membership", "Agreement",
    "Ban", "Territory", "Tables", "load_tables", "membership_fact", "min_conf", "max_conf",
    "iter_member_codes",
]

log = logging.getLogger(__name__)

#: Confidence levels, weakest first.
CONFIDENCES: tuple[str, ...] = ("low", "medium", "high")
_RANK = {c: i for i, c in enumerate(CONFIDENCES)}

#: Membership statuses that make a State a member (the others are recorded only).
MEMBER_STATUSES = frozenset({"party", "member", "accepted"})

#: Instruments a scenario may join or leave.
INSTRUMENTS: tuple[str, ...] = (
    "basel", "ban_amendment", "minamata", "bamako", "waigani", "caa", "izmir", "oecd", "eu",
    "efta", "eea", "annex_vii", "waigani_area", "kuwait", "africa", "sadc",
)


def min_conf(*levels: str) -> str:
    """The weakest of ``levels`` (``high`` when empty)."""
    return min(levels, key=_RANK.__getitem__, default="high")


def max_conf(*levels: str) -> str:
    """The strongest of ``levels`` (``low`` when empty)."""
    return max(levels, key=_RANK.__getitem__, default="low")


def _date(text: str) -> dt.date | None:
    text = (text or "").strip()
    return dt.date.fromisoformat(text[:10]) if text else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (text or "").split(";") if p.strip())


def _sources(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (text or "").split(" ; ") if p.strip())


# ----------------------------------------------------------------------------- records


class Unknown(str):
    """An unknown fact an answer rests on: the sentence (it is a ``str``) with a ``code``
    and the ``params`` (ISO3 codes, dates, labels as text) it was written from, so that a
    reader can word it again in another language without parsing the sentence.

    Codes: ``national_rules`` (role, state), ``basel_coverage``, ``oecd_territory``,
    ``annex7_territory``, ``waigani_coverage`` (territory, sovereign), ``eu_law_territory``
    (territory), ``minamata_list``, ``ban_amendment_list`` (state, on, complete),
    ``member_since`` (state, label, low, high, on).
    """

    code: str
    params: dict[str, str]

    def __new__(cls, text: str, code: str, **params: str) -> Unknown:
        obj = super().__new__(cls, text)
        obj.code, obj.params = code, {k: str(v) for k, v in params.items()}
        return obj

    def __reduce__(self):
        return (_unknown, (str(self), self.code, self.params))


def _unknown(text: str, code: str, params: dict[str, str]) -> Unknown:
    return Unknown(text, code, **params)


@dataclasses.dataclass(frozen=True)
class Fact:
    """A resolved, dated fact about one State (e.g. "FJI is a Basel Party on D")."""

    value: bool
    confidence: str
    sources: tuple[str, ...] = ()
    detail: str = ""
    unknown: str | None = None  # set when the value rests on an unestablished date or coverage
    # False: the membership itself is undetermined (a party list past its completeness date:
    # Minamata, Ban Amendment, Basel/Waigani/Bamako non-Parties), shown as "Unknown" by the dossier;
    # the unknown still reaches every answer whose reasons or basis facts rest on the fact.
    decisive: bool = True


@dataclasses.dataclass(frozen=True)
class Membership:
    """One row of ``memberships.csv`` (or a scenario change)."""

    instrument: str
    iso3: str
    name: str
    status: str
    role: str
    entry_into_force: dt.date | None
    eif_not_before: dt.date | None
    eif_not_after: dt.date | None
    in_force_to: dt.date | None
    sources: tuple[str, ...]
    confidence: str
    as_of: dt.date
    notes: str = ""
    scenario: str | None = None

    @property
    def is_member(self) -> bool:
        return self.status in MEMBER_STATUSES


@dataclasses.dataclass(frozen=True)
class Agreement:
    """An Art 11 agreement: who may send what to whom, for which operations, from when."""

    agreement_id: str
    title: str
    members: tuple[str, ...]  # ISO3 codes, or ("@instrument",) for regional conventions
    exporters: frozenset[str] | None  # None: any member
    importers: frozenset[str] | None
    operations: frozenset[str]
    streams: frozenset[str] | None  # None: every stream
    scope_limited: bool
    in_force_from: dt.date | None
    in_force_to: dt.date | None
    date_quality: str
    sources: tuple[str, ...]
    confidence: str
    as_of: dt.date
    notes: str = ""
    scenario: str | None = None
    waste_scope: str = ""

    @property
    def short_title(self) -> str:
        """The title before its parenthesis or first comma ("Waigani Convention")."""
        return self.title.split(" (")[0].split(",")[0].strip()

    @property
    def group(self) -> str | None:
        """The instrument whose members are the agreement's members, if any."""
        if len(self.members) == 1 and self.members[0].startswith("@"):
            return self.members[0][1:]
        return None


@dataclasses.dataclass(frozen=True)
class Ban:
    """An import, export or transit ban (``bans.csv`` or a scenario)."""

    ban_id: str
    holder: str  # ISO3 list "A;B", "@group" or "*"
    measure: str  # import_ban | export_ban | transit_ban
    rule_id: str
    legal_basis: str
    scope_wastes: str
    streams: str  # "all", "" (none), "a;b", or "scope:<streams.csv column>"
    flag_streams: frozenset[str]
    operations: frozenset[str]
    partners: str
    effective_from: dt.date | None
    effective_to: dt.date | None
    sources: tuple[str, ...]
    confidence: str
    as_of: dt.date
    notes: str = ""
    scenario: str | None = None
    effective_not_before: dt.date | None = None  # bounds when the start date is not known
    effective_not_after: dt.date | None = None
    effective_to_not_before: dt.date | None = None  # bounds when the end date is not known
    effective_to_not_after: dt.date | None = None

    def in_force(self, on: dt.date) -> bool:
        """Whether the ban may apply on ``on``.

        Never before its start (or, when the start is only bounded, before the lower
        bound), never after its end (or, when the end is only bounded, after the upper
        bound); between the bounds it counts as in force and :meth:`date_unknown` says
        the date is not established.
        """
        start = self.effective_from or self.effective_not_before
        if start is not None and on < start:
            return False
        end = self.effective_to or self.effective_to_not_after
        return end is None or on <= end

    def start_unknown(self, on: dt.date) -> bool:
        """True when the start date is not known and ``on`` precedes the date by which
        the ban is documented to be in force (its upper bound, else its evidence date)."""
        if self.effective_from is not None:
            return False
        return on < (self.effective_not_after or self.as_of)

    def end_unknown(self, on: dt.date) -> bool:
        """True when the end date is only bounded and ``on`` falls on or after its lower
        bound (a suspension whose lifting is not dated has a lower bound only)."""
        if self.effective_to is not None or (self.effective_to_not_after is None
                                             and self.effective_to_not_before is None):
            return False
        return on >= (self.effective_to_not_before or dt.date.min)

    def date_unknown(self, on: dt.date) -> bool:
        """Whether the ban's being in force on ``on`` rests on a date the sources do not give."""
        return self.start_unknown(on) or self.end_unknown(on)

    def start_text(self) -> str:
        """How the start date is known, for explanations."""
        if self.effective_from is not None:
            return f"in force from {self.effective_from.isoformat()}"
        lo = self.effective_not_before.isoformat() if self.effective_not_before else "an unknown date"
        hi = (self.effective_not_after or self.as_of).isoformat()
        return f"start date not established (between {lo} and {hi})"

    def date_text(self, on: dt.date) -> str:
        """How the dates that matter on ``on`` are known, for explanations."""
        parts = [self.start_text()] if self.start_unknown(on) else []
        if self.end_unknown(on):
            lo = self.effective_to_not_before.isoformat() if self.effective_to_not_before else "an unknown date"
            hi = self.effective_to_not_after.isoformat() if self.effective_to_not_after else "an unknown date"
            parts.append(f"end date not established (between {lo} and {hi}): it may no longer apply")
        return "; ".join(parts) or self.start_text()


@dataclasses.dataclass(frozen=True)
class Territory:
    """A territory and how its sovereign's treaties reach it."""

    iso3: str
    name: str
    sovereign: str
    basel_coverage: str  # covered | not_covered | unknown
    coverage_from: dt.date | None
    eu_law: str  # yes | no | unknown
    own_treaty_status: bool
    sources: tuple[str, ...]
    confidence: str
    notes: str = ""
    oecd_status: str = "unknown"  # yes | no | unknown: decided per territory, never copied
    annex_vii_status: str = "unknown"
    status_sources: tuple[str, ...] = ()
    status_confidence: str = "low"
    #: An overseas country or territory of TFEU Annex II (``octs.csv``): EU law does not
    #: apply there and Reg (EC) 1013/2006 Art 40 governs exports to it. ``oct_from`` /
    #: ``oct_to`` bound the period (``None``: open); ``oct`` False: never an OCT.
    oct: bool = False
    oct_from: dt.date | None = None
    oct_to: dt.date | None = None
    oct_sources: tuple[str, ...] = ()
    oct_confidence: str = "low"
    oct_notes: str = ""

    def is_oct(self, on: dt.date) -> bool:
        """Whether the territory is an overseas country or territory (TFEU Annex II) on ``on``."""
        return self.oct and (self.oct_from is None or on >= self.oct_from) and (
            self.oct_to is None or on <= self.oct_to)


def parse_basel_entries(cell: str, stream: str = "") -> tuple[tuple[str, dt.date | None, dt.date | None], ...]:
    """``streams.csv`` ``basel_entries`` as (code, in force from, in force to) triples.

    Entries are separated by ``;``; each is a code (``A1181``), optionally followed by
    ``from YYYY-MM-DD`` and/or ``to YYYY-MM-DD`` (both inclusive).

    Raises
    ------
    DataError
        Naming the stream and the entry that does not read so.
    """
    out = []
    for entry in (e.strip() for e in cell.split(";")):
        if not entry:
            continue
        words = entry.split()
        code, start, end = words[0], None, None
        rest = words[1:]
        try:
            while rest:
                key, value, rest = rest[0], rest[1], rest[2:]
                if key == "from" and start is None:
                    start = dt.date.fromisoformat(value)
                elif key == "to" and end is None:
                    end = dt.date.fromisoformat(value)
                else:
                    raise ValueError(key)
        except (IndexError, ValueError):
            raise DataError(f"streams.csv: stream {stream!r}: basel_entries entry {entry!r} is not "
                            "'CODE [from YYYY-MM-DD] [to YYYY-MM-DD]'") from None
        out.append((code, start, end))
    return tuple(out)


@dataclasses.dataclass(frozen=True)
class Tables:
    """Every legal table, possibly modified by a scenario."""

    memberships: Mapping[tuple[str, str], tuple[Membership, ...]]
    instruments: Mapping[str, dict[str, str]]
    agreements: tuple[Agreement, ...]
    bans: tuple[Ban, ...]
    territories: Mapping[str, Territory]
    streams: Mapping[str, dict[str, str]]
    rules: Mapping[str, dict[str, str]]
    datasets: Mapping[str, dict[str, str]]
    names: Mapping[str, str]
    data_date: str
    coverage: Mapping[str, dict[str, str]] = dataclasses.field(default_factory=dict)

    def researched(self, iso3: str, role: Literal["import", "export", "transit"] = "import") -> bool:
        """Whether the national import and export rules (``role`` import or export) or the
        transit rules of ``iso3`` were researched (``coverage.csv``: ``national_rules``,
        ``transit_rules``)."""
        row = self.coverage.get(iso3)
        if not row:
            return False
        column = "transit_rules" if role == "transit" and row.get("transit_rules") else "national_rules"
        return row.get(column) == "researched"

    def basel_entries(self, stream: str, on: dt.date) -> tuple[str, ...]:
        """The Basel Annex I / VIII entries of ``stream`` in force on ``on`` (``streams.csv``
        ``basel_entries``: ``"Y29; A1030; A1180 to 2024-12-31; A1181 from 2025-01-01"``, an
        entry dated with ``from`` / ``to`` where an amendment of the annexes replaced it:
        decision BC-15/18 replaced A1180 with A1181 from 1 Jan 2025)."""
        return tuple(code for code, start, end in parse_basel_entries(self.streams[stream]["basel_entries"], stream)
                     if (start is None or on >= start) and (end is None or on <= end))

    def instrument_eif(self, instrument: str) -> dt.date | None:
        row = self.instruments.get(instrument)
        return _date(row["entry_into_force"]) if row else None

    def codes(self) -> frozenset[str]:
        """ISO3 codes that the legal tables mention (not ``EUE``)."""
        out = {iso for (_, iso) in self.memberships} | set(self.territories)
        out.discard("EUE")
        return frozenset(out)


def _read(name: str) -> list[dict[str, str]]:
    path = data_path("law", name)
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            return [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(fh)]
    except FileNotFoundError:
        msg = f"shipped legal table {name} is missing ({path}); rebuild with data/build_law.py"
        raise DataError(msg) from None


@functools.lru_cache(maxsize=1)
def load_tables() -> Tables:
    """Read the shipped legal tables once."""
    try:
        return _load_tables()
    except (KeyError, ValueError) as exc:
        if isinstance(exc, DataError):
            raise
        msg = f"shipped legal tables are inconsistent: {exc}"
        raise DataError(msg) from exc


def _load_tables() -> Tables:
    memberships: dict[tuple[str, str], list[Membership]] = {}
    names: dict[str, str] = {}
    as_ofs: list[str] = []
    for r in _read("memberships.csv"):
        m = Membership(
            instrument=r["instrument"], iso3=r["iso3"], name=r["name"], status=r["status"],
            role=r["role"], entry_into_force=_date(r["entry_into_force"]),
            eif_not_before=_date(r["eif_not_before"]), eif_not_after=_date(r["eif_not_after"]),
            in_force_to=_date(r["in_force_to"]), sources=_sources(r["source_url"]),
            confidence=r["confidence"], as_of=_date(r["as_of"]) or dt.date.min, notes=r["notes"],
        )
        memberships.setdefault((m.instrument, m.iso3), []).append(m)
        names.setdefault(m.iso3, m.name)
        as_ofs.append(r["as_of"])
    agreements = tuple(
        Agreement(
            agreement_id=r["agreement_id"], title=r["title"], members=_split(r["members"]),
            exporters=None if r["exporters"] == "*" else frozenset(_split(r["exporters"])),
            importers=None if r["importers"] == "*" else frozenset(_split(r["importers"])),
            operations=frozenset(_split(r["operations"])),
            streams=None if r["streams"] == "all" else frozenset(_split(r["streams"])),
            scope_limited=r["scope_limited"] == "yes", in_force_from=_date(r["in_force_from"]),
            in_force_to=_date(r.get("in_force_to", "")), date_quality=r["date_quality"],
            sources=_sources(r["source_url"]),
            confidence=r["confidence"], as_of=_date(r["as_of"]) or dt.date.min, notes=r["notes"],
            waste_scope=r.get("waste_scope", ""),
        )
        for r in _read("agreements.csv")
    )
    bans = tuple(
        Ban(
            ban_id=r["ban_id"], holder=r["holder"], measure=r["measure"], rule_id=r["rule_id"],
            legal_basis=r["legal_basis"], scope_wastes=r["scope_wastes"], streams=r["streams"],
            flag_streams=frozenset(_split(r["flag_streams"])),
            operations=frozenset(_split(r["operations"])), partners=r["partners"],
            effective_from=_date(r["effective_from"]), effective_to=_date(r["effective_to"]),
            sources=_sources(r["source_url"]), confidence=r["confidence"],
            as_of=_date(r["as_of"]) or dt.date.min, notes=r["notes"],
            effective_not_before=_date(r.get("effective_not_before", "")),
            effective_not_after=_date(r.get("effective_not_after", "")),
            effective_to_not_before=_date(r.get("effective_to_not_before", "")),
            effective_to_not_after=_date(r.get("effective_to_not_after", "")),
        )
        for r in _read("bans.csv")
    )
    octs = {r["territory_iso3"]: r for r in _read("octs.csv")}
    territories = {}
    for r in _read("territories.csv"):
        o = octs.pop(r["territory_iso3"], None)
        territories[r["territory_iso3"]] = Territory(
            iso3=r["territory_iso3"], name=r["name"], sovereign=r["sovereign_iso3"],
            basel_coverage=r["basel_coverage"], coverage_from=_date(r["coverage_from"]),
            eu_law=r["eu_law_applies"] or "unknown", own_treaty_status=r["own_treaty_status"] == "yes",
            sources=_sources(r["source_url"]), confidence=r["confidence"] or "low", notes=r["notes"],
            oecd_status=r.get("oecd_status") or "unknown",
            annex_vii_status=r.get("annex_vii_status") or "unknown",
            status_sources=_sources(r.get("status_source_url", "")),
            status_confidence=r.get("status_confidence") or "low",
            **({} if o is None else {
                "oct": True, "oct_from": _date(o["oct_from"]), "oct_to": _date(o["oct_to"]),
                "oct_sources": _sources(o["source_url"]), "oct_confidence": o["confidence"] or "low",
                "oct_notes": o["notes"]}),
        )
        names.setdefault(r["territory_iso3"], r["name"])
    if octs:
        raise DataError(f"octs.csv: {', '.join(sorted(octs))} not in territories.csv")
    datasets = {r["dataset"]: r for r in _read("datasets.csv")}
    data_date = max([d for d in as_ofs if d] + [r["as_of"] for r in datasets.values() if r["as_of"]])
    return Tables(
        memberships={k: tuple(v) for k, v in memberships.items()},
        instruments={r["instrument"]: r for r in _read("instruments.csv")},
        agreements=agreements, bans=bans, territories=territories,
        streams=_streams(),
        rules={r["rule_id"]: r for r in _read("rules.csv")},
        datasets=datasets, names=names, data_date=data_date,
        coverage={r["iso3"]: r for r in _read("coverage.csv")},
    )


def _streams() -> dict[str, dict[str, str]]:
    """``streams.csv`` by stream, its dated ``basel_entries`` checked on load."""
    rows = {r["stream"]: r for r in _read("streams.csv")}
    for stream, row in rows.items():
        parse_basel_entries(row["basel_entries"], stream)
    return rows


# ---------------------------------------------------------------------------- facts


#: What a State that belongs to an instrument is called: a treaty has "party" States; the
#: organisations and groups of the tables (the OECD, the EU, EFTA, the EEA, SADC, the African
#: States, the Waigani Convention Area) have "member" States; Basel Annex VII "lists" States.
MEMBERSHIP_TERMS: dict[str, Literal["party", "member", "listed"]] = {
    **{g: "member" for g in ("oecd", "eu", "efta", "eea", "sadc", "africa", "waigani_area")},
    "annex_vii": "listed",
}


def membership_term(instrument: str) -> Literal["party", "member", "listed"]:
    """``party`` for a treaty (Basel, Minamata, Bamako ...), ``member`` for an organisation or
    group (``oecd``, ``eu`` ...), ``listed`` for Basel Annex VII: the word a sentence about a
    State's membership uses ("Not a member of the OECD", never "OECD: not a Party")."""
    return MEMBERSHIP_TERMS.get(instrument, "party")


#: Readable names of the instruments (for sentences).
INSTRUMENT_LABELS: dict[str, str] = {
    "basel": "Basel Convention", "ban_amendment": "Basel Ban Amendment", "minamata": "Minamata Convention",
    "bamako": "Bamako Convention", "waigani": "Waigani Convention", "caa": "Central American Agreement",
    "izmir": "Izmir Protocol", "oecd": "OECD", "eu": "European Union", "efta": "EFTA", "eea": "EEA",
    "annex_vii": "Basel Annex VII", "waigani_area": "Waigani Convention Area",
    "kuwait": "Kuwait Protocol (ROPME, 1998)", "africa": "African States (UN M49 Africa)",
    "sadc": "Southern African Development Community",
}


def membership_fact(tables: Tables, instrument: str, iso3: str, on: dt.date) -> Fact:
    """Whether ``iso3`` is a member of ``instrument`` on ``on``, from its own rows only.

    Rows are events on a timeline: each member row switches membership on at its entry
    into force (never before the instrument's own entry into force) and off after
    ``in_force_to``; a scenario ``leave`` row switches it off. The latest event not
    after ``on`` decides. A row whose entry into force is only bounded is taken to be in
    force from its lower bound, and the fact then says so in ``unknown``.
    """
    rows = tables.memberships.get((instrument, iso3), ())
    label = INSTRUMENT_LABELS.get(instrument, instrument)
    if not rows:
        return Fact(False, "medium", (), f"not recorded as a member of the {label}")
    inst_eif = tables.instrument_eif(instrument)
    events: list[tuple[dt.date, int, bool, Membership]] = []
    for row in rows:
        prio = 1 if row.scenario else 0  # on the same day a scenario change wins
        if row.status == "left":
            events.append((row.entry_into_force or dt.date.min, prio, False, row))
            continue
        if not row.is_member:
            events.append((dt.date.min, prio, False, row))
            continue
        start = row.entry_into_force or row.eif_not_before or inst_eif or dt.date.min
        if inst_eif is not None and instrument != "annex_vii":
            start = max(start, inst_eif)
        events.append((start, prio, True, row))
        if row.in_force_to is not None:
            events.append((row.in_force_to + dt.timedelta(days=1), prio, False, row))
    events.sort(key=lambda e: (e[0], e[1]))
    current = [e for e in events if e[0] <= on]
    if not current:
        first = min(events, key=lambda e: e[0])
        row = first[3]
        when = first[0].isoformat()
        return Fact(False, row.confidence, row.sources,
                    f"not yet a member of the {label} (in force for it from {when})")
    start, _, value, row = current[-1]
    src = row.sources if not row.scenario else (f"scenario: {row.scenario}",)
    if not value:
        if row.status == "left":
            return Fact(False, row.confidence, src, f"left the {label} with effect from {start.isoformat()}")
        if row.in_force_to is not None and on > row.in_force_to:
            return Fact(False, row.confidence, src,
                        f"member of the {label} until {row.in_force_to.isoformat()}")
        what = {"signatory": "a signatory only, not a party", "non-party": "not a party"}.get(
            row.status, row.status)
        return Fact(False, row.confidence, src, f"{what} to the {label} (evidence as of {row.as_of})")
    unknown = None
    if row.entry_into_force is None:
        known_by = row.eif_not_after or row.as_of
        if on < known_by:
            lo = row.eif_not_before.isoformat() if row.eif_not_before else "an unknown date"
            unknown = Unknown(f"the date from which {iso3} is a member of the {label} is not established "
                              f"(between {lo} and {known_by.isoformat()}); hgmap treats it as a member on "
                              f"{on.isoformat()}", "member_since", state=iso3, label=label, low=lo,
                              high=known_by.isoformat(), on=on.isoformat())
    conf = row.confidence if unknown is None else "low"
    since = row.entry_into_force.isoformat() if row.entry_into_force else "a date not established"
    return Fact(True, conf, src, f"member of the {label} since {since}", unknown)


def iter_member_codes(tables: Tables, instrument: str) -> Iterable[str]:
    """Codes with any row for ``instrument``."""
    return (iso for (inst, iso) in tables.memberships if inst == instrument)
