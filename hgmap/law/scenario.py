"""What-if scenarios: dated changes to memberships, agreements, bans and coverage.

:func:`load_scenario` reads and validates a YAML or TOML file (every error names the
entry and the field); :meth:`Scenario.apply` returns the legal tables with the changes.
The format is documented in ``docs/law.md``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._io import data_path
from ..errors import DateError, ScenarioError
from ..vocab import OPERATIONS, STREAMS, parse_date
from .tables import INSTRUMENTS, Agreement, Ban, Membership, Tables, load_tables

__all__ = ["Scenario", "Change", "load_scenario", "FACILITY_ACTIONS"]

log = logging.getLogger(__name__)

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
        from ..countries import country_codes

        codes |= set(country_codes())
    return frozenset(codes)


def _parse_scenario(data: Any, source: str) -> Scenario:
    def fail(where: str, msg: str) -> ScenarioError:
        return ScenarioError(f"scenario {source}: {where}: {msg}")

    if not isinstance(data, Mapping):
        raise fail("top level", "expected a mapping with 'name' and 'changes'")
    unknown_top = [k for k in data if k not in {"name", "description", "changes"}]
    if unknown_top:
        shown = sorted(repr(k) for k in unknown_top)
        raise fail("top level", f"unknown key(s) {', '.join(shown)}; expected name, description, changes")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("name", "a non-empty string is required")
    description = data.get("description")
    if description is not None and not isinstance(description, str):
        raise fail("description", f"must be text, not {type(description).__name__} {description!r}")
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
        bad_keys = [k for k in entry if not isinstance(k, str)]
        if bad_keys:
            raise fail(where, f"field names must be text, not {bad_keys[0]!r}")
        action = entry.get("action")
        if not isinstance(action, str) or action not in _ACTIONS:
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
        if action in {"lift_ban", "end_agreement"} and fields["date"] <= dt.date.min:
            raise fail(f"{where}.date", f"{fields['date'].isoformat()} is the first day of the calendar; "
                       "a lift or end takes effect the day before, which does not exist")
        if "until" in fields and "date" in fields and fields["until"] < fields["date"]:
            raise fail(f"{where}.until", f"{fields['until'].isoformat()} is before date {fields['date'].isoformat()}")
        if action == "add_agreement":
            parties = set(fields["parties"])
            for key in ("exporters", "importers"):
                outside = [c for c in fields.get(key, ()) if c not in parties]
                if outside:
                    raise fail(f"{where}.{key}", f"{', '.join(outside)} not among the parties {', '.join(fields['parties'])}")
        if action in {"lift_ban"} and fields["id"] not in ban_ids:
            raise fail(f"{where}.id", f"no ban with id {fields['id']!r} (see bans.csv)")
        if action == "set_coverage" and fields["iso3"] not in tables.territories:
            raise fail(f"{where}.iso3", f"{fields['iso3']} is not in territories.csv; only territories have a coverage")
        if action == "end_agreement" and fields["id"] not in agreement_ids:
            raise fail(f"{where}.id", f"no agreement with id {fields['id']!r} (see agreements.csv)")
        changes.append(Change(action, tuple(sorted(fields.items(), key=lambda kv: kv[0]))))
    return Scenario(name=name.strip(), changes=tuple(changes),
                    description=description or "",
                    path=None if source == "<scenario>" else source)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


_CHOICE_FIELDS = frozenset({"instrument", "measure", "basel_coverage", "eu_law", "status"})


def _check_field(key: str, value: Any, action: str, codes: frozenset[str], fail: Any, where: str) -> Any:
    # Choices are compared with sets and dicts: an unhashable value (a list, a mapping)
    # must be refused here, naming the field, not crash in the comparison.
    if key in _CHOICE_FIELDS and not isinstance(value, str):
        raise fail(where, f"must be text, not {type(value).__name__} {value!r}")
    if key == "iso3" and not isinstance(value, str):
        raise fail(where, f"must be an ISO3 code as text, not {type(value).__name__} {value!r}")
    if key in {"parties", "exporters", "importers"} and not (
            isinstance(value, str) or (isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value))):
        raise fail(where, f"must be ISO3 codes (text or a list of text), not {value!r}")
    if key in {"streams", "operations"} and not (
            isinstance(value, str) or (isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value))):
        raise fail(where, f"must be text or a list of text, not {value!r}")
    if key in {"date", "until"}:
        try:
            parsed = parse_date(value, field=key)
        except DateError as exc:
            msg = str(exc)  # "date: ..." -- the field is already in ``where``
            raise fail(where, msg.removeprefix(f"{key}: ")) from None
        if parsed is None:
            raise fail(where, f"{value!r} is not a date in YYYY-MM-DD form")
        return parsed
    if key == "iso3":
        code = str(value).strip().upper()
        if code not in codes:
            raise fail(where, f"unknown ISO3 code {value!r}")
        return code
    if key in _LIST_FIELDS:
        return _check_list_field(key, value, codes, fail, where)
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
        # Text or a whole number; a mapping, list, date or float is never an id.
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise fail(where, f"must be text, not {type(value).__name__} {value!r}")
        text = str(value).strip()
        if not text:
            raise fail(where, "must not be empty")
        return text
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise fail(where, f"must be text, not {type(value).__name__} {value!r}")
    return str(value)


_LIST_FIELDS = frozenset({"parties", "exporters", "importers", "instrument", "measure", "streams", "operations",
                          "partners"})


def _check_list_field(key: str, value: Any, codes: frozenset[str], fail: Any, where: str) -> Any:
    """The fields that hold codes, streams, operations or a controlled value."""
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
    raise fail(where, f"unexpected field {key!r}")  # pragma: no cover - _LIST_FIELDS lists the branches


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
    if p.is_dir():
        msg = f"scenario {p}: is a directory, not a scenario file"
        raise ScenarioError(msg)
    return _load_scenario_cached(str(p.resolve()), stat.st_mtime_ns)


def _yaml_load(text: str) -> Any:
    """YAML without implicit timestamps: ``date: 2026-13-01`` stays the text ``"2026-13-01"``,
    so the strict :func:`~hgmap.vocab.parse_date` of the field check refuses it naming
    ``changes[i].date`` (PyYAML's own timestamp constructor would fail the whole file with
    "month must be in 1..12", naming no row or field)."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


@functools.lru_cache(maxsize=32)
def _load_scenario_cached(path: str, _mtime: int) -> Scenario:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        msg = f"scenario {p}: not UTF-8 text (byte {exc.start}: {exc.reason})"
        raise ScenarioError(msg) from None
    except OSError as exc:
        msg = f"scenario {p}: cannot read: {exc.strerror or exc}"
        raise ScenarioError(msg) from None
    if not text.strip():
        msg = f"scenario {p}: the file is empty"
        raise ScenarioError(msg)
    try:
        if p.suffix.lower() == ".toml":
            data = tomllib.loads(text)
        elif p.suffix.lower() in {".yaml", ".yml"}:
            data = _yaml_load(text)
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
