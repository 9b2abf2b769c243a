"""The facility catalogue schema: columns, controlled values and operations per stream."""

from __future__ import annotations

import math
import re

from ..vocab import OPERATIONS, STREAMS

__all__ = [
    "COLUMNS", "REQUIRED", "REQUIRED_LISTS", "TECHNOLOGY_OPERATION", "TECHNOLOGIES", "STATUSES",
    "CONFIDENCES", "PRECISIONS", "ACCEPTS_IMPORTS", "OUTSIDE_KM", "INSIDE_KM",
    "derive_operations", "parse_operations", "format_operations", "split_list", "split_urls", "parse_number",
]

#: Catalogue columns, in file order.
COLUMNS: tuple[str, ...] = (
    "id", "operator", "name", "city", "country_iso3", "lat", "lon", "coord_precision",
    "technologies", "streams", "operations", "operations_basis", "capacity_tpy", "capacity_note",
    "status", "website", "source_url", "confidence", "as_of", "notes",
    # Added in the acceptance review (#12); last, so that older 20-column rows still line up.
    "accepts_imports", "accepts_from", "acceptance_source", "acceptance_confidence",
)
#: Columns every row must fill.
REQUIRED: tuple[str, ...] = (
    "id", "name", "country_iso3", "lat", "lon", "technologies", "streams", "status", "source_url", "confidence",
)
#: Required columns holding lists: at least one real item, not only separators.
REQUIRED_LISTS: tuple[str, ...] = ("technologies", "streams", "source_url")
#: Columns a catalogue may omit (older user catalogues): they read as empty, and
#: acceptance then reads as ``unknown`` from anyone.
OPTIONAL_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in REQUIRED)

#: Basel operation class of each technology: recovery (Annex IV B, e.g. R4 metal
#: reclamation) or disposal (Annex IV A: D9 stabilisation, D5 engineered landfill, D12
#: permanent storage). ``other`` carries no inference.
TECHNOLOGY_OPERATION: dict[str, str | None] = {
    "retorting": "recovery",
    "distillation": "recovery",
    "thermal_desorption": "recovery",
    "lamp_recycling": "recovery",
    "battery_recycling": "recovery",
    "amalgam_recovery": "recovery",
    "sulfur_stabilization": "disposal",
    "stabilization": "disposal",
    "solidification": "disposal",
    "landfill": "disposal",
    "underground_storage": "disposal",
    "soil_treatment": "disposal",
    "other": None,
}
TECHNOLOGIES: tuple[str, ...] = tuple(TECHNOLOGY_OPERATION)

# Recovery technologies dedicated to one stream; every other technology can serve any
# stream the facility accepts.
_DEDICATED = {"lamp_recycling": {"lamps"}, "battery_recycling": {"batteries"}, "amalgam_recovery": {"dental_amalgam"}}

STATUSES: tuple[str, ...] = ("operating", "closed", "unknown", "planned")
CONFIDENCES: tuple[str, ...] = ("high", "medium", "low")
PRECISIONS: tuple[str, ...] = ("site", "city", "region", "placeholder")
#: Whether a facility takes waste from outside its own State (see
#: :mod:`hgmap.facilities.acceptance`).
ACCEPTS_IMPORTS: tuple[str, ...] = ("yes", "no", "unknown")
#: A point farther than this (km) outside its stated country is an error, by
#: ``coord_precision``. ``placeholder`` coordinates (a stand-in such as the capital,
#: the site being unknown) may lie anywhere in the country, up to 300 km off its coast.
OUTSIDE_KM: dict[str, float] = {"site": 5.0, "city": 30.0, "region": 100.0, "placeholder": 300.0}
#: Inside the country, or closer than this (km), counts as "in its country".
INSIDE_KM = 2.0

# A plain decimal number: no underscores (``1_0``), no ``nan``/``inf``, no hex.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def parse_number(text: object) -> float:
    """Parse a plain decimal number (``12``, ``-3.5``, ``1e3``); raise ``ValueError`` otherwise.

    ``float`` alone would read ``1_0`` as 10 and accept ``nan`` and ``inf``.
    """
    s = str(text).strip()
    if not _NUMBER.fullmatch(s):
        raise ValueError(f"{s!r} is not a number")
    value = float(s)
    if not math.isfinite(value):
        raise ValueError(f"{s!r} is not a finite number")
    return value


def split_list(value: object) -> list[str]:
    """Split a ``;``-separated catalogue cell (lists pass through); empty items dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(";") if v.strip()]


def split_urls(value: object) -> list[str]:
    """Split a `` | ``-separated ``source_url`` cell (``;`` also separates); lists pass through."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [u.strip() for u in str(value).replace(" | ", ";").split(";") if u.strip() and u.strip() != "|"]


def derive_operations(technologies: list[str], streams: list[str]) -> dict[str, list[str]]:
    """Operations per stream implied by the technologies (see :data:`TECHNOLOGY_OPERATION`).

    A stream gets no entry when no technology implies an operation for it.
    """
    out: dict[str, list[str]] = {}
    for stream in streams:
        ops = set()
        for tech in technologies:
            op = TECHNOLOGY_OPERATION.get(tech)
            if op is None:
                continue
            if tech in _DEDICATED and stream not in _DEDICATED[tech]:
                continue
            ops.add(op)
        if ops:
            out[stream] = sorted(ops)
    return out


def parse_operations(text: str, streams: list[str]) -> dict[str, list[str]]:
    """Parse ``stream:op|op;stream:op`` or a facility-wide ``op;op`` list.

    Raises
    ------
    ValueError
        Naming the unknown stream or operation.
    """
    text = (text or "").strip()
    if not text:
        return {}
    if ":" not in text:
        ops = sorted({o.strip() for o in text.replace("|", ";").split(";") if o.strip()})
        for o in ops:
            if o not in OPERATIONS:
                raise ValueError(f"unknown operation {o!r}")
        return {s: ops for s in streams}
    out: dict[str, list[str]] = {}
    for item in text.split(";"):
        if not item.strip():
            continue
        if ":" not in item:
            raise ValueError(f"{item!r} is not 'stream:operation'")
        stream, ops_text = (x.strip() for x in item.split(":", 1))
        if stream not in STREAMS:
            raise ValueError(f"unknown stream {stream!r}")
        ops = sorted({o.strip() for o in ops_text.split("|") if o.strip()})
        for o in ops:
            if o not in OPERATIONS:
                raise ValueError(f"unknown operation {o!r} for {stream}")
        out[stream] = ops
    return out


def format_operations(ops: dict[str, list[str]]) -> str:
    """The catalogue text of an ``operations`` mapping (inverse of :func:`parse_operations`)."""
    return ";".join(f"{s}:{'|'.join(o)}" for s, o in ops.items() if o)
