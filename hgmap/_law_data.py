"""Legal tables and scenarios for :mod:`hgmap.law` (internal).

Reads the shipped ``hgmap.data.law`` CSVs (built by ``data/build_law.py``) into frozen
records, applies what-if scenarios to them, and resolves every membership to a dated
:class:`Fact` (value, confidence, sources, and what is unknown about it).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import logging
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ._io import data_path
from .errors import DataError, DateError, ScenarioError
from .vocab import OPERATIONS, STREAMS, parse_date

__all__ = [
    "CONFIDENCES", "Fact", "Membership", "Agreement", "Ban", "Territory", "Tables",
    "Scenario", "Change", "load_tables", "load_scenario", "min_conf", "max_conf",
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
    "efta", "eea", "annex_vii", "waigani_area",
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


@dataclasses.dataclass(frozen=True)
class Fact:
    """A resolved, dated fact about one State (e.g. "FJI is a Basel Party on D")."""

    value: bool
    confidence: str
    sources: tuple[str, ...] = ()
    detail: str = ""
    unknown: str | None = None  # set when the value rests on an unestablished date or coverage
    decisive: bool = True  # False: the unknown cannot change a status (e.g. Minamata)


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

    def in_force(self, on: dt.date) -> bool:
        """Whether the ban applies on ``on`` (an unknown start counts as in force)."""
        if self.effective_from is not None and on < self.effective_from:
            return False
        return self.effective_to is None or on <= self.effective_to

    def start_unknown(self, on: dt.date) -> bool:
        """True when the start date is not known and ``on`` precedes the evidence date."""
        return self.effective_from is None and on < self.as_of


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
            in_force_to=None, date_quality=r["date_quality"], sources=_sources(r["source_url"]),
            confidence=r["confidence"], as_of=_date(r["as_of"]) or dt.date.min, notes=r["notes"],
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
        )
        for r in _read("bans.csv")
    )
    territories = {}
    for r in _read("territories.csv"):
        territories[r["territory_iso3"]] = Territory(
            iso3=r["territory_iso3"], name=r["name"], sovereign=r["sovereign_iso3"],
            basel_coverage=r["basel_coverage"], coverage_from=_date(r["coverage_from"]),
            eu_law=r["eu_law_applies"] or "unknown", own_treaty_status=r["own_treaty_status"] == "yes",
            sources=_sources(r["source_url"]), confidence=r["confidence"] or "low", notes=r["notes"],
        )
        names.setdefault(r["territory_iso3"], r["name"])
    datasets = {r["dataset"]: r for r in _read("datasets.csv")}
    data_date = max([d for d in as_ofs if d] + [r["as_of"] for r in datasets.values() if r["as_of"]])
    return Tables(
        memberships={k: tuple(v) for k, v in memberships.items()},
        instruments={r["instrument"]: r for r in _read("instruments.csv")},
        agreements=agreements, bans=bans, territories=territories,
        streams={r["stream"]: r for r in _read("streams.csv")},
        rules={r["rule_id"]: r for r in _read("rules.csv")},
        datasets=datasets, names=names, data_date=data_date,
    )


# ---------------------------------------------------------------------------- facts


_LABELS = {
    "basel": "Basel Convention", "ban_amendment": "Basel Ban Amendment", "minamata": "Minamata Convention",
    "bamako": "Bamako Convention", "waigani": "Waigani Convention", "caa": "Central American Agreement",
    "izmir": "Izmir Protocol", "oecd": "OECD", "eu": "European Union", "efta": "EFTA", "eea": "EEA",
    "annex_vii": "Basel Annex VII", "waigani_area": "Waigani Convention Area",
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
    label = _LABELS.get(instrument, instrument)
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
            unknown = (f"the date from which {iso3} is a member of the {label} is not established "
                       f"(between {lo} and {known_by.isoformat()}); hgmap treats it as a member on "
                       f"{on.isoformat()}")
    conf = row.confidence if unknown is None else "low"
    since = row.entry_into_force.isoformat() if row.entry_into_force else "a date not established"
    return Fact(True, conf, src, f"member of the {label} since {since}", unknown)


# ------------------------------------------------------------------------- scenarios


@dataclasses.dataclass(frozen=True)
class Change:
    """One validated scenario entry."""

    action: str
    fields: tuple[tuple[str, Any], ...]

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.fields).get(key, default)


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A what-if scenario: dated changes to memberships, agreements, bans and coverage.

    Build one with :func:`load_scenario` (from a YAML or TOML file) or
    :meth:`from_dict`. Scenarios are immutable and hashable, so results computed
    under one are cached.
    """

    name: str
    changes: tuple[Change, ...]
    description: str = ""
    path: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "<scenario>") -> Scenario:
        """Validate a parsed scenario document.

        Raises
        ------
        ScenarioError
            Naming the entry (``changes[i]``) and the field that is wrong.
        """
        return _parse_scenario(data, source)

    def apply(self, tables: Tables) -> Tables:
        """Return ``tables`` with this scenario's changes applied."""
        return _apply(self, tables)


_ACTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # action: (required fields, optional fields)
    "join": (("instrument", "iso3", "date"), ("source", "note")),
    "leave": (("instrument", "iso3", "date"), ("source", "note")),
    "add_ban": (("id", "iso3", "measure", "date"),
                ("partners", "streams", "operations", "until", "citation", "source", "note")),
    "lift_ban": (("id", "date"), ("note",)),
    "add_agreement": (("id", "parties", "date"),
                      ("exporters", "importers", "operations", "streams", "title", "source", "note")),
    "end_agreement": (("id", "date"), ("note",)),
    "set_coverage": (("iso3", "basel_coverage"), ("date", "eu_law", "source", "note")),
    # Facility changes are not law: hgmap.access applies them to the catalogue.
    "remove_facility": (("id",), ("source", "note")),
    "set_facility_status": (("id", "status"), ("source", "note")),
}
#: Scenario actions that change the facility catalogue rather than the legal tables.
FACILITY_ACTIONS = frozenset({"remove_facility", "set_facility_status"})


def _known_codes() -> frozenset[str]:
    codes = set(load_tables().codes()) | {"ATA"}
    if data_path("countries.gpkg").exists():
        from .countries import country_codes

        codes |= set(country_codes())
    return frozenset(codes)


def _parse_scenario(data: Any, source: str) -> Scenario:
    def fail(where: str, msg: str) -> ScenarioError:
        return ScenarioError(f"scenario {source}: {where}: {msg}")

    if not isinstance(data, Mapping):
        raise fail("top level", "expected a mapping with 'name' and 'changes'")
    unknown_top = set(data) - {"name", "description", "changes"}
    if unknown_top:
        raise fail("top level", f"unknown key(s) {sorted(unknown_top)}; expected name, description, changes")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("name", "a non-empty string is required")
    raw = data.get("changes")
    if not isinstance(raw, list) or not raw:
        raise fail("changes", "a non-empty list of changes is required")
    codes = _known_codes()
    tables = load_tables()
    ban_ids = {b.ban_id for b in tables.bans}
    agreement_ids = {a.agreement_id for a in tables.agreements}
    changes = []
    for i, entry in enumerate(raw):
        where = f"changes[{i}]"
        if not isinstance(entry, Mapping):
            raise fail(where, "each change must be a mapping")
        action = entry.get("action")
        if action not in _ACTIONS:
            raise fail(f"{where}.action", f"{action!r} is not one of {', '.join(_ACTIONS)}")
        where = f"changes[{i}] (action {action!r})"
        required, optional = _ACTIONS[action]
        for key in required:
            if entry.get(key) in (None, ""):
                raise fail(f"{where}.{key}", "is required")
        extra = set(entry) - set(required) - set(optional) - {"action"}
        if extra:
            raise fail(where, f"unknown field(s) {sorted(extra)}; allowed: {', '.join(required + optional)}")
        fields: dict[str, Any] = {}
        for key, value in entry.items():
            if key == "action":
                continue
            fields[key] = _check_field(key, value, action, codes, fail, f"{where}.{key}")
        if action in {"lift_ban"} and fields["id"] not in ban_ids:
            raise fail(f"{where}.id", f"no ban with id {fields['id']!r} (see bans.csv)")
        if action == "set_coverage" and fields["iso3"] not in tables.territories:
            raise fail(f"{where}.iso3", f"{fields['iso3']} is not in territories.csv; only territories have a coverage")
        if action == "end_agreement" and fields["id"] not in agreement_ids:
            raise fail(f"{where}.id", f"no agreement with id {fields['id']!r} (see agreements.csv)")
        changes.append(Change(action, tuple(sorted(fields.items(), key=lambda kv: kv[0]))))
    return Scenario(name=name.strip(), changes=tuple(changes),
                    description=str(data.get("description") or ""),
                    path=None if source == "<scenario>" else source)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _check_field(key: str, value: Any, action: str, codes: frozenset[str], fail: Any, where: str) -> Any:
    if key in {"date", "until"}:
        try:
            parsed = parse_date(value, field=key)
        except DateError:
            parsed = None
        if parsed is None:
            raise fail(where, f"{value!r} is not a date in YYYY-MM-DD form")
        return parsed
    if key == "iso3":
        code = str(value).strip().upper()
        if code not in codes:
            raise fail(where, f"unknown ISO3 code {value!r}")
        return code
    if key in {"parties", "exporters", "importers"}:
        items = [str(v).strip().upper() for v in _as_list(value)]
        if not items:
            raise fail(where, "needs at least one ISO3 code")
        for code in items:
            if code not in codes:
                raise fail(where, f"unknown ISO3 code {code!r}")
        if key == "parties" and len(set(items)) < 2:
            raise fail(where, "an agreement needs at least two parties")
        return tuple(items)
    if key == "instrument":
        if value not in INSTRUMENTS:
            raise fail(where, f"{value!r} is not one of {', '.join(INSTRUMENTS)}")
        return value
    if key == "measure":
        allowed = {"import": "import_ban", "export": "export_ban", "transit": "transit_ban",
                   "import_ban": "import_ban", "export_ban": "export_ban", "transit_ban": "transit_ban"}
        if value not in allowed:
            raise fail(where, f"{value!r} is not one of import, export, transit")
        return allowed[value]
    if key == "streams":
        if value == "all":
            return "all"
        items = [str(v) for v in _as_list(value)]
        for s in items:
            if s not in STREAMS:
                raise fail(where, f"unknown stream {s!r}; expected 'all' or some of {', '.join(STREAMS)}")
        return tuple(items)
    if key == "operations":
        if value == "all":
            return tuple(OPERATIONS)
        items = [str(v) for v in _as_list(value)]
        for op in items:
            if op not in OPERATIONS:
                raise fail(where, f"unknown operation {op!r}; expected disposal and/or recovery")
        return tuple(items)
    if key == "partners":
        if value == "all":
            return "all"
        if isinstance(value, str) and value.startswith("non_members:"):
            inst = value.split(":", 1)[1]
            if inst not in INSTRUMENTS:
                raise fail(where, f"{inst!r} is not one of {', '.join(INSTRUMENTS)}")
            return value
        items = [str(v).strip().upper() for v in _as_list(value)]
        for code in items:
            if code not in codes:
                raise fail(where, f"unknown ISO3 code {code!r} (or use 'all' / 'non_members:<instrument>')")
        return ";".join(items)
    if key == "basel_coverage":
        if value not in {"covered", "not_covered", "unknown"}:
            raise fail(where, f"{value!r} is not one of covered, not_covered, unknown")
        return value
    if key == "status" and action == "set_facility_status":
        if value not in {"operating", "closed", "unknown", "planned"}:
            raise fail(where, f"{value!r} is not one of operating, closed, unknown, planned")
        return value
    if key == "eu_law":
        if value not in {"yes", "no", "unknown"}:
            raise fail(where, f"{value!r} is not one of yes, no, unknown")
        return value
    if key == "id":
        text = str(value).strip()
        if not text:
            raise fail(where, "must not be empty")
        return text
    if not isinstance(value, (str, int, float)):
        raise fail(where, "must be text")
    return str(value)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (``.yaml``/``.yml`` or ``.toml``).

    Parameters
    ----------
    path
        The scenario file. See ``docs/law.md`` for the format.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        When the file cannot be read or parsed, or an entry is invalid; the message
        names the file, the entry (``changes[i]``) and the field.
    """
    p = Path(path)
    try:
        stat = p.stat()
    except OSError as exc:
        msg = f"scenario {p}: cannot read: {exc.strerror or exc}"
        raise ScenarioError(msg) from None
    return _load_scenario_cached(str(p.resolve()), stat.st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _load_scenario_cached(path: str, _mtime: int) -> Scenario:
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    try:
        if p.suffix.lower() == ".toml":
            data = tomllib.loads(text)
        elif p.suffix.lower() in {".yaml", ".yml"}:
            import yaml

            data = yaml.safe_load(text)
        else:
            msg = f"scenario {p}: unsupported file type {p.suffix!r}; use .yaml, .yml or .toml"
            raise ScenarioError(msg)
    except ScenarioError:
        raise
    except Exception as exc:  # yaml.YAMLError / tomllib.TOMLDecodeError: report, don't crash
        msg = f"scenario {p}: not valid {p.suffix.lstrip('.').upper()}: {exc}"
        raise ScenarioError(msg) from None
    return _parse_scenario(data, str(p))


def _apply(scenario: Scenario, tables: Tables) -> Tables:
    memberships = {k: list(v) for k, v in tables.memberships.items()}
    agreements = list(tables.agreements)
    bans = list(tables.bans)
    territories = dict(tables.territories)
    tag = scenario.name
    for change in scenario.changes:
        if change.action in FACILITY_ACTIONS:
            continue
        f = dict(change.fields)
        src = (f"scenario: {tag}",) + ((f["source"],) if f.get("source") else ())
        date = f.get("date")
        if change.action in {"join", "leave"}:
            row = Membership(
                instrument=f["instrument"], iso3=f["iso3"], name=f["iso3"],
                status="party" if change.action == "join" else "left", role="",
                entry_into_force=date, eif_not_before=None, eif_not_after=None, in_force_to=None,
                sources=src, confidence="high", as_of=date, notes=f.get("note", ""), scenario=tag,
            )
            memberships.setdefault((row.instrument, row.iso3), []).append(row)
        elif change.action == "add_ban":
            streams = f.get("streams", "all")
            bans.append(Ban(
                ban_id=f["id"], holder=f["iso3"], measure=f["measure"],
                rule_id={"import_ban": "R4-national-import", "export_ban": "R4-national-export",
                         "transit_ban": "R7-national-transit"}[f["measure"]],
                legal_basis=f.get("citation", f"scenario: {tag}"), scope_wastes="hazardous wastes",
                streams=streams if streams == "all" else ";".join(streams), flag_streams=frozenset(),
                operations=frozenset(f.get("operations", OPERATIONS)), partners=f.get("partners", "all"),
                effective_from=date, effective_to=f.get("until"), sources=src, confidence="high",
                as_of=date, notes=f.get("note", ""), scenario=tag,
            ))
        elif change.action == "lift_ban":
            end = date - dt.timedelta(days=1)
            bans = [dataclasses.replace(b, effective_to=end if b.effective_to is None else min(b.effective_to, end),
                                        notes=f"{b.notes}; lifted by scenario {tag} from {date}".strip("; "))
                    if b.ban_id == f["id"] else b for b in bans]
        elif change.action == "add_agreement":
            parties = f["parties"]
            agreements.append(Agreement(
                agreement_id=f["id"], title=f.get("title", f"{f['id']} (scenario {tag})"),
                members=tuple(parties),
                exporters=frozenset(f["exporters"]) if f.get("exporters") else None,
                importers=frozenset(f["importers"]) if f.get("importers") else None,
                operations=frozenset(f.get("operations", OPERATIONS)),
                streams=None if f.get("streams", "all") == "all" else frozenset(f["streams"]),
                scope_limited=False, in_force_from=date, in_force_to=None, date_quality="scenario",
                sources=src, confidence="high", as_of=date, notes=f.get("note", ""), scenario=tag,
            ))
        elif change.action == "end_agreement":
            end = date - dt.timedelta(days=1)
            agreements = [dataclasses.replace(a, in_force_to=end) if a.agreement_id == f["id"] else a
                          for a in agreements]
        elif change.action == "set_coverage":
            old = territories.get(f["iso3"])
            if old is None:
                msg = (f"scenario {scenario.path or tag}: set_coverage: {f['iso3']} is not in "
                       "territories.csv; only territories can change coverage")
                raise ScenarioError(msg)
            territories[f["iso3"]] = dataclasses.replace(
                old, basel_coverage=f["basel_coverage"], coverage_from=date,
                eu_law=f.get("eu_law", old.eu_law), sources=src, confidence="high",
                notes=f"scenario {tag}",
            )
    return dataclasses.replace(
        tables, memberships={k: tuple(v) for k, v in memberships.items()},
        agreements=tuple(agreements), bans=tuple(bans), territories=territories,
    )


def iter_member_codes(tables: Tables, instrument: str) -> Iterable[str]:
    """Codes with any row for ``instrument``."""
    return (iso for (inst, iso) in tables.memberships if inst == instrument)
