"""Human labels for hgmap's controlled values (one home: maps, reports and dossiers use these).

The keys are the values hgmap computes (`hgmap.vocab.STREAMS`, legal and accessibility
statuses); the values are the English labels. Translations, where offered, key on
the same English text.
"""

from __future__ import annotations

__all__ = ["STREAM_TITLES", "ACCESS_STATUS_LABELS", "LEGAL_STATUS_LABELS", "NOT_LEGAL_ADVICE",
           "stream_title", "access_status_label", "legal_status_label"]

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
