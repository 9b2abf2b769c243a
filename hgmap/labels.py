"""Human labels for hgmap's controlled values (one home: maps, reports and dossiers use these).

The keys are the values hgmap computes (`hgmap.vocab.STREAMS`, legal and accessibility
statuses); the values are the English labels. Translations, where offered, key on
the same English text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

__all__ = ["STREAM_TITLES", "ACCESS_STATUS_LABELS", "LEGAL_STATUS_LABELS", "NOT_LEGAL_ADVICE",
           "stream_title", "access_status_label", "legal_status_label", "Objective", "objective_of", "best_by",
           "ranked_by", "ahead_of_last", "facilities_note"]

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

#: Accessibility statuses (`hgmap.accessibility`).
ACCESS_STATUS_LABELS: dict[str, str] = {
    "reachable": "reachable",
    "no_legal_route": "no legal route",
    "no_facility_for_stream": "no facility accepts this stream",
}

#: Legal statuses (`hgmap.law`).
LEGAL_STATUS_LABELS: dict[str, str] = {
    "prohibited": "prohibited",
    "permitted_with_consent": "permitted with prior informed consent",
    "not_governed": "not governed by the treaties checked",
    "domestic": "domestic (no transboundary movement)",
}

NOT_LEGAL_ADVICE = (
    "Not legal advice: check every shipment with the competent authorities "
    "of the states of export, transit and import."
)


def stream_title(stream: str) -> str:
    """``"lamps"`` -> ``"Mercury-containing lamps"`` (unknown values pass through)."""
    return STREAM_TITLES.get(stream, stream)


def access_status_label(status: str) -> str:
    """Label of an accessibility status (unknown values pass through)."""
    return ACCESS_STATUS_LABELS.get(status, status)


def legal_status_label(status: str) -> str:
    """Label of a legal status (unknown values pass through)."""
    return LEGAL_STATUS_LABELS.get(status, status)


# -- the order of the options ------------------------------------------------------------
# Options are ranked by the search weight of the accessibility result: its ``objective``
# (``result.attrs["objective"]``). With ``cost`` (the default) that is the generalised
# transport cost of :mod:`hgmap.costs` (USD per tonne), so rank 1 need not be the shortest
# route; with ``distance`` it is the route length. The closed facilities a result lists
# (``blocked_reasons``) are those lighter than its last option by the same weight.

Objective = Literal["cost", "distance"]

_BEST = {"cost": "lowest estimated transport cost", "distance": "shortest route"}
_RANKED = {"cost": "by estimated transport cost, lowest first", "distance": "by route length, shortest first"}
_AHEAD = {"cost": "with a lower estimated transport cost than the last option",
          "distance": "nearer (by route length) than the last option"}


def objective_of(result: Any) -> Objective:
    """The objective an accessibility result was ranked by (``cost`` when it does not say)."""
    attrs: Mapping = getattr(result, "attrs", None) or {}
    return "distance" if attrs.get("objective") == "distance" else "cost"


def best_by(objective: str) -> str:
    """What makes rank 1 the best: ``"lowest estimated transport cost"`` or ``"shortest route"``."""
    return _BEST["distance" if objective == "distance" else "cost"]


def ranked_by(objective: str) -> str:
    """The order of the options: ``"by estimated transport cost, lowest first"`` or by route length."""
    return _RANKED["distance" if objective == "distance" else "cost"]


def ahead_of_last(objective: str) -> str:
    """Which closed facilities a result lists: those ranked before its last option."""
    return _AHEAD["distance" if objective == "distance" else "cost"]


# -- the catalogue's date beside the law's -------------------------------------------------


def facilities_note(as_of: Any, dates: tuple[str, str] | None) -> str | None:
    """``--as-of`` dates the law only: the sentence an output with an as-of date earlier than
    the catalogue's records (``dates``: :func:`hgmap.facilities.catalogue_dates`) shows, else ``None``."""
    if dates is None or as_of is None or str(as_of)[:10] >= dates[1]:
        return None
    span = dates[0] if dates[0] == dates[1] else f"{dates[0]} to {dates[1]}"
    return (f"The law is read as of {str(as_of)[:10]}; the facilities, their statuses and what they accept are the "
            f"catalogue's as its records were checked ({span}), not as they were on {str(as_of)[:10]}.")
