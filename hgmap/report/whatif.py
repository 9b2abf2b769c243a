"""The what-if search: for a SIDS with no legal route, which single change would open one?

Candidates come from the structured reasons that close the nearest facilities (the rule
``kind`` of :data:`hgmap.law.RULES`, ``Reason.states``, the ban records of the law's
tables); each is built as a :class:`hgmap.law.Scenario` and re-solved for that SIDS and
stream only, with the report's :class:`~hgmap.access.AccessModel` (the graph and the
route cache are reused; the law's per-date state is rebuilt only for the States the
change touches). A combination of all candidates is solved only when no single change
opens a route (it would be dropped otherwise).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import yaml

from .. import law as _law
from .._values import number, text
from ..errors import HgmapError
from ..vocab import STREAMS
from .legal import LawView, rule_kind
from .model import Closed, Entry, WhatIf

__all__ = ["what_if_candidates", "search_what_ifs", "scenario_yaml", "change_text"]

log = logging.getLogger(__name__)

Candidate = tuple[str, str, list[dict[str, Any]]]


def _held_bans(holder: str, measure: str, kinds: set[str], instrument: str | None = None) -> list[str]:
    """Bans of the law's tables held by ``holder`` whose rule is of one of ``kinds``."""
    out = []
    for ban in _law.load_tables().bans:
        rule = _law.RULES.get(ban.rule_id)
        if rule is None or rule.kind not in kinds or (instrument and rule.instrument != instrument):
            continue
        if holder in {h.strip() for h in ban.holder.split(";")} and ban.measure == measure:
            out.append(ban.ban_id)
    return sorted(dict.fromkeys(out))


def what_if_candidates(
    origin: str,
    stream: str,
    closed: Sequence[Closed],
    *,
    as_of: _dt.date,
    names: Mapping[str, str] | None = None,
    territories: Mapping[str, str] | None = None,
    max_states: int = 2,
) -> list[Candidate]:
    """Scenario changes that could open a legal route for ``origin``.

    Derived from the rules that close the nearest facilities (their ``kind``):

    * ``non_party`` (Basel Art 4(5)) where the SIDS is the non-Party: the SIDS accedes to
      Basel or, for a territory, its sovereign extends its ratification to it;
    * ``non_party`` for the facility's State: an Article 11 agreement between the SIDS
      and that State, for this stream;
    * ``national_import_ban`` of the facility's State, or a national ``transit_ban`` of a
      State on the route: the ban is lifted.

    Rules no single State can change (regional import bans, EU and US export law, the
    Ban Amendment) give no candidate.

    Parameters
    ----------
    origin, stream
        The SIDS and the waste stream.
    closed
        The closed facilities, nearest first (``Entry.closed``).
    as_of
        The date the changes take effect (the report's as-of date).
    names
        ISO3 -> country name, for the labels.
    territories
        Territory ISO3 -> sovereign ISO3 for territories whose Basel coverage a scenario
        can set (:func:`hgmap.law.territory_sovereigns`).
    max_states
        How many facility (and transit) States, nearest first, get a candidate.

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

    law_closed = [c for c in closed if c.reason == "law"]
    found = [*_party_candidates(origin, law_closed, territories=territories, nm=nm, date=date),
             *_facility_state_candidates(origin, stream, law_closed, nm=nm, date=date, max_states=max_states),
             *_transit_candidates(closed, nm=nm, date=date, max_states=max_states)]
    # The same change can be reached from two closed facilities: keep its first label only.
    out: list[Candidate] = []
    seen: set[str] = set()
    for kind, label, changes in found:
        key = repr(changes)
        if key not in seen:
            seen.add(key)
            out.append((kind, label, changes))
    return out


def _party_candidates(origin: str, law_closed: Sequence[Closed], *, territories: Mapping[str, str],
                      nm: Callable[[str], str], date: str) -> list[Candidate]:
    """The SIDS is the Basel non-Party: it accedes, or its sovereign extends its ratification to it."""
    if not any(origin in c.nonparty for c in law_closed):
        return []
    if origin in territories:
        sov = territories[origin]
        return [("coverage", f"{nm(sov)} extends its Basel ratification to {nm(origin)}",
                 [{"action": "set_coverage", "iso3": origin, "basel_coverage": "covered", "date": date}])]
    return [("accession", f"{nm(origin)} accedes to the Basel Convention",
             [{"action": "join", "instrument": "basel", "iso3": origin, "date": date}])]


def _facility_state_candidates(origin: str, stream: str, law_closed: Sequence[Closed], *,
                               nm: Callable[[str], str], date: str, max_states: int) -> list[Candidate]:
    """For the nearest facility States: an Article 11 agreement with a non-Party, or a lifted import ban."""
    out: list[Candidate] = []
    states = list(dict.fromkeys(c.facility_iso3 for c in law_closed if c.facility_iso3 and c.facility_iso3 != origin))
    for dest in states[:max_states]:
        kinds = {rule_kind(r) for c in law_closed if c.facility_iso3 == dest for r in c.rules}
        if "non_party" in kinds:
            out.append(("agreement", f"an Article 11 agreement between {nm(origin)} and {nm(dest)} for this stream",
                        [{"action": "add_agreement", "id": f"WHATIF-{origin}-{dest}", "parties": [origin, dest],
                          "exporters": [origin], "importers": [dest], "streams": [stream], "date": date,
                          "title": f"What-if Article 11 agreement {origin}-{dest}"}]))
        bans = _held_bans(dest, "import_ban", kinds & {"national_import_ban"})
        if bans:
            out.append(("lift_import_ban", f"{nm(dest)} lifts its import ban ({', '.join(bans)})",
                        [{"action": "lift_ban", "id": b, "date": date} for b in bans]))
    return out


def _transit_candidates(closed: Sequence[Closed], *, nm: Callable[[str], str], date: str,
                        max_states: int) -> list[Candidate]:
    """For the nearest transit States that close a route with a national transit ban: the ban is lifted."""
    out: list[Candidate] = []
    transit = [c for c in closed if c.reason == "transit"]
    transit_kinds = {rule_kind(r) for c in transit for r in c.rules}
    transit_states = list(dict.fromkeys(s for c in transit for s in c.transit_states))
    for state in transit_states[:max_states]:
        bans = _held_bans(state, "transit_ban", transit_kinds & {"transit_ban"}, "national")
        if bans:
            out.append(("lift_transit_ban", f"{nm(state)} lifts its transit ban ({', '.join(bans)})",
                        [{"action": "lift_ban", "id": b, "date": date} for b in bans]))
    return out


def scenario_yaml(name: str, description: str, changes: Sequence[Mapping[str, Any]]) -> str:
    """A scenario file an analyst can save and pass to ``--scenario`` (deterministic, safe YAML)."""

    def plain(v: Any) -> Any:
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return v if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)

    doc = {"name": name, "description": description,
           "changes": [{k: plain(ch[k]) for k in ("action", *sorted(k for k in ch if k != "action"))}
                       for ch in changes]}
    return yaml.safe_dump(doc, sort_keys=False, default_flow_style=False, allow_unicode=True, width=1000)


def change_text(change: Mapping[str, Any]) -> str:
    """One scenario change in words (``FJI joins basel on 2026-12-01``)."""
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


def _evaluate(entry: Entry, kind: str, label: str, changes: list[dict[str, Any]], *, law: LawView, model: Any,
              fac: Any, as_of: _dt.date, operation: str | None, statuses: Sequence[str]) -> WhatIf:
    from .build import closed_items, closed_list

    desc = f"hgmap report what-if for {entry.iso3} ({entry.stream})"
    yaml_text = scenario_yaml(label, desc, changes)
    texts = tuple(change_text(c) for c in changes)
    try:
        scen = law.combine(label, desc, changes)
        res = model.solve(entry.stream, as_of=as_of, origins=[entry.iso3], k=1, operation=operation,
                          scenario=scen, statuses=tuple(statuses))
    except HgmapError as exc:
        log.warning("what-if %r for %s/%s failed: %s", label, entry.iso3, entry.stream, exc)
        return WhatIf(kind, label, texts, yaml_text, False, note=f"could not be evaluated: {exc}")
    row = res.iloc[0]
    if text(row["status"]) == "reachable":
        return WhatIf(kind, label, texts, yaml_text, True, text(row["facility_id"]), text(row["facility_name"]),
                      text(row["facility_iso3"]), number(row["distance_km"]), text(row["legal_status"]) or None)
    view = law.with_scenario(scen)
    items = closed_items(entry.iso3, entry.stream, row["blocked_reasons"], first_km=None, taken=set(), law=view,
                         model=model, fac=fac, operation=operation, statuses=statuses)
    still = [c for c in closed_list(entry.iso3, entry.stream, items, law=view, operation=operation, max_assess=1)
             if c.reason in ("law", "transit")]
    note = ""
    if still:
        c = still[0]
        note = f"the nearest facility, {c.facility_name} ({c.facility_iso3}), stays closed: {c.explanation}"
    return WhatIf(kind, label, texts, yaml_text, False, note=note)


def search_what_ifs(entries: dict[tuple[str, str], Entry], *, law: LawView, model: Any, fac: Any,
                    names: Mapping[str, str], territories: Mapping[str, str], as_of: _dt.date | None,
                    operation: str | None, statuses: Sequence[str], max_what_if: int) -> None:
    """Fill ``Entry.what_if`` of every ``no_legal_route`` entry (in place)."""
    as_of = as_of or _dt.date.today()
    for key in sorted(entries, key=lambda kk: (STREAMS.index(kk[1]), kk[0])):
        entry = entries[key]
        if entry.status != "no_legal_route":
            continue
        cands = what_if_candidates(entry.iso3, entry.stream, entry.closed, as_of=as_of, names=names,
                                   territories=territories)[:max_what_if]
        found = [_evaluate(entry, kind, label, changes, law=law, model=model, fac=fac, as_of=as_of,
                           operation=operation, statuses=statuses) for kind, label, changes in cands]
        # The combination is reported only when no single change opens a route.
        if len(cands) > 1 and not any(w.opens for w in found):
            combined = [c for _, _, changes in cands for c in changes]
            found.append(_evaluate(entry, "combined", "All of the above together", combined, law=law, model=model,
                                   fac=fac, as_of=as_of, operation=operation, statuses=statuses))
        entries[key] = dataclasses.replace(entry, what_if=tuple(found))
