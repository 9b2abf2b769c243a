"""Popups and tooltips: view models built once per result, rendered by Jinja2 macros.

The result frame is read once (:class:`OriginPopups` turns it into plain records
grouped by origin); each country's popup is then rendered from a small dict by the
macros in ``templates/fragments/origin.html`` and cached, so a SIDS symbol reuses its
country's text. Facilities are rendered from ``templates/fragments/facility.html``.
All escaping is Jinja's autoescape; links are only emitted for ``http(s)`` URLs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from .._values import as_list, km, missing, text
from ..labels import access_status_label, ahead_of_last, best_by, legal_status_label, objective_of
from .templating import macro

__all__ = ["OriginPopups", "facility_popup", "safe_url", "stream_operations"]

_ORIGIN = "fragments/origin.html"
_FACILITY = "fragments/facility.html"
_REASON_ORDER = {"law": 0, "transit": 1, "operation": 2, "stream": 3}
_BLOCKED_LIMIT = 4
_NOTE_LIMIT = 400


def safe_url(value: Any) -> str | None:
    """``value`` if it is an absolute http(s) URL without control characters, else ``None``."""
    if missing(value):
        return None
    url = str(value).strip()
    if not url or any(ord(c) < 33 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _link(url: Any) -> dict:
    safe = safe_url(url)
    return {"href": safe, "text": safe if safe else text(url)}


def _facility(fid: Any, facilities_by_id: Mapping[str, Mapping], name: Any = None, iso3: Any = None) -> dict:
    info = facilities_by_id.get(fid, {}) if not missing(fid) else {}
    name = name if not missing(name) else info.get("name", fid)
    iso3 = iso3 if not missing(iso3) else info.get("country_iso3")
    return {"name": text(name), "iso3": text(iso3)}


def _strs(value: Any) -> list[str]:
    return [str(v) for v in as_list(value)]


def _legal(row: Mapping) -> dict:
    status = row.get("legal_status")
    return {"label": text(legal_status_label(status) if not missing(status) else status),
            "rules": _strs(row.get("legal_rules")), "confidence": text(row.get("legal_confidence")),
            "unknowns": _strs(row.get("legal_unknowns")), "conditions": _strs(row.get("legal_conditions"))}


def _blocked(reasons: list) -> list[dict]:
    """The first blocked facilities, legal reasons before stream mismatches."""
    def order(reason: Any) -> int:
        return _REASON_ORDER.get(reason.get("reason"), 4) if isinstance(reason, Mapping) else 5

    items = []
    for reason in sorted(reasons, key=order)[:_BLOCKED_LIMIT]:
        if not isinstance(reason, Mapping):
            items.append({"text": text(reason)})
            continue
        items.append({"head": text(reason.get("facility_name") or reason.get("facility_id")),
                      "head_iso3": text(reason.get("facility_iso3")), "km": km(reason.get("distance_km")),
                      "why": text(reason.get("reason")), "rules": _strs(reason.get("rules")),
                      "detail": text(reason.get("detail"))})
    return items


class OriginPopups:
    """Tooltip and popup HTML of every origin of one result, computed once each.

    Parameters
    ----------
    result
        An accessibility result (rows of every rank).
    facilities_by_id
        Facility records by id, for names and countries missing from the result.
    alternatives
        How many rank 2.. rows to list.
    """

    def __init__(self, result: pd.DataFrame, facilities_by_id: Mapping[str, Mapping], *,
                 alternatives: int = 3) -> None:
        table = pd.DataFrame(result.drop(columns=[result.geometry.name]) if hasattr(result, "geometry")
                             and result.geometry.name in result else result)
        table = table.sort_values(["origin_iso3", "rank"], kind="stable")
        self._rows: dict[str, list[dict]] = {}
        for rec in table.to_dict("records"):
            self._rows.setdefault(str(rec["origin_iso3"]), []).append(rec)
        self._facilities = facilities_by_id
        objective = objective_of(result)
        self._ranking = {"best_by": best_by(objective), "ahead": ahead_of_last(objective)}
        self._alternatives = alternatives
        self._cache: dict[tuple, tuple[str, str]] = {}
        self._tip = macro(_ORIGIN, "tip")
        self._popup = macro(_ORIGIN, "popup")
        self._route_tip = macro(_ORIGIN, "route_tip")

    def view(self, name: Any, iso3: str, region: Any = None) -> dict:
        """The view model of one origin (what the template shows)."""
        rows = self._rows.get(iso3, [])
        out: dict[str, Any] = {"name": text(name), "iso3": iso3, "region": text(region), "assessed": bool(rows),
                               **self._ranking}
        if not rows:
            return out
        first = rows[0]
        status = first.get("status")
        out.update(reachable=status == "reachable", status_label=text(access_status_label(status)),
                   nearest=None, blocked=_blocked(as_list(first.get("blocked_reasons"))),
                   more_blocked=max(0, len(as_list(first.get("blocked_reasons"))) - _BLOCKED_LIMIT),
                   alternatives=[])
        if out["reachable"]:
            out.update(facility=self._facility_of(first), operation=text(first.get("operation")),
                       distance=km(first.get("distance_km")), transit=_strs(first.get("transit_iso3")),
                       legal=_legal(first),
                       legs=[f"{label} {km(first.get(col))}" for col, label in
                             (("sea_km", "sea"), ("land_km", "land"), ("access_km", "access"))
                             if km(first.get(col))],
                       alternatives=[{"facility": self._facility_of(row), "distance": km(row.get("distance_km")),
                                      "legal": text(legal_status_label(row.get("legal_status"))
                                                    if not missing(row.get("legal_status")) else None),
                                      "transit": _strs(row.get("transit_iso3"))}
                                     for row in rows[1:1 + self._alternatives]])
        nearest_id = first.get("nearest_unconstrained_facility_id")
        if not missing(nearest_id) and nearest_id != first.get("facility_id"):
            out["nearest"] = {**_facility(nearest_id, self._facilities),
                              "km": km(first.get("nearest_unconstrained_km"))}
        return out

    def _facility_of(self, row: Mapping) -> dict:
        return _facility(row.get("facility_id"), self._facilities, row.get("facility_name"),
                         row.get("facility_iso3"))

    def html(self, name: Any, iso3: str, region: Any = None) -> tuple[str, str]:
        """``(tooltip, popup)`` HTML of one origin (cached per name, code and region)."""
        key = (text(name), iso3, text(region))
        if key not in self._cache:
            view = self.view(name, iso3, region)
            self._cache[key] = (str(self._tip(view)), str(self._popup(view)))
        return self._cache[key]

    def route_tip(self, iso3: str) -> str:
        """Tooltip of the rank-1 route of ``iso3``."""
        first = self._rows[iso3][0]
        return str(self._route_tip({"name": text(first.get("origin_name", iso3)),
                                    "facility": self._facility_of(first),
                                    "distance": km(first.get("distance_km"))}))


def stream_operations(value: Any, stream: str) -> list:
    """Operations a facility performs for ``stream`` (``operations`` may map stream -> list)."""
    if isinstance(value, Mapping):
        return as_list(value.get(stream))
    return as_list(value)


def _capacity(row: Mapping) -> str:
    capacity = row.get("capacity_tpy", row.get("capacity"))
    cap = ""
    if not missing(capacity):
        try:
            cap = f"{float(capacity):,.0f} t/yr"
        except (TypeError, ValueError):
            cap = str(capacity)
    note = text(row.get("capacity_note")).strip()
    if note:
        cap = f"{cap} ({note})" if cap else note
    return cap


def facility_popup(row: Mapping, stream: str, chosen_by: list[str]) -> tuple[str, str]:
    """``(tooltip, popup)`` HTML of one facility record for ``stream``."""
    note = text(row.get("notes")).strip() and text(row.get("notes"))
    view = {
        "name": text(row.get("name")), "operator": text(row.get("operator")), "city": text(row.get("city")),
        "iso3": text(row.get("country_iso3")), "precision": text(row.get("coord_precision")),
        "technologies": _strs(row.get("technologies")), "streams": _strs(row.get("streams")),
        "stream": stream, "operations": [str(o) for o in stream_operations(row.get("operations"), stream)],
        "derived": text(row.get("operations_basis")) == "derived", "capacity": _capacity(row),
        "status": text(row.get("status")),
        "website": _link(row.get("website")) if text(row.get("website")) else None,
        "sources": [_link(u) for u in as_list(row.get("source_url"))],
        "confidence": text(row.get("confidence")), "as_of": text(row.get("as_of")).strip(),
        "chosen_by": chosen_by,
        "note": note if len(note) <= _NOTE_LIMIT else note[:_NOTE_LIMIT] + "…",
    }
    return str(macro(_FACILITY, "tip")(view)), str(macro(_FACILITY, "popup")(view))
