"""Controlled vocabularies shared by every hgmap module: waste streams and operations."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Iterable

from .errors import DateError, UnknownStreamError

__all__ = ["STREAMS", "OPERATIONS", "check_stream", "check_operation", "parse_date", "parse_streams"]

#: Mercury waste streams, in the order reports list them.
STREAMS: tuple[str, ...] = (
    "elemental_mercury",
    "lamps",
    "batteries",
    "measuring_devices",
    "dental_amalgam",
    "contaminated_soil",
    "mining_tailings",
    "chlor_alkali_residues",
    "oil_gas_residues",
    "other",
)

#: Basel Annex IV A (disposal, D-codes) and IV B (recovery, R-codes).
OPERATIONS: tuple[str, ...] = ("disposal", "recovery")


def check_stream(stream: str) -> str:
    """Return ``stream`` if it is in :data:`STREAMS`, else raise :class:`UnknownStreamError`."""
    if stream not in STREAMS:
        msg = f"unknown waste stream {stream!r}; expected one of: {', '.join(STREAMS)}"
        raise UnknownStreamError(msg)
    return stream


def check_operation(operation: str) -> str:
    """Return ``operation`` if it is ``disposal`` or ``recovery``, else raise."""
    if operation not in OPERATIONS:
        msg = f"unknown operation {operation!r}; expected 'disposal' or 'recovery'"
        raise UnknownStreamError(msg)
    return operation


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def parse_date(value: str | _dt.date | None, *, field: str = "date") -> _dt.date | None:
    """Parse exactly ``YYYY-MM-DD`` (or pass a ``date`` through); ``None`` gives ``None``.

    ``fromisoformat`` alone would also take ``20250101`` or week dates such as
    ``2025-W01-1``; those are refused so that a typo never silently runs another day.
    Only ASCII digits count, and an empty text is an error (``None``, not ``""``, is
    how a caller says "no date").

    Raises
    ------
    DateError
        When the text is empty, not ``YYYY-MM-DD``, or names no calendar day
        (``2018-02-30``: "February 2018 has no day 30"); the message names ``field``.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        msg = f"{field}: {value!r} is not a date in YYYY-MM-DD form"
        raise DateError(msg)
    text = value.strip()
    if not text:
        msg = f"{field}: empty date; give YYYY-MM-DD"
        raise DateError(msg)
    match = _ISO_DATE.fullmatch(text)
    if not match:
        msg = f"{field}: {value!r} is not a date in YYYY-MM-DD form"
        raise DateError(msg)
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if year < 1:
        msg = f"{field}: {value!r} is not a calendar date (there is no year 0)"
        raise DateError(msg)
    if not 1 <= month <= 12:
        msg = f"{field}: {value!r} is not a calendar date (there is no month {month})"
        raise DateError(msg)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        msg = f"{field}: {value!r} is not a calendar date ({_MONTHS[month - 1]} {year} has no day {day})"
        raise DateError(msg)
    return _dt.date(year, month, day)


def parse_streams(value: str | Iterable[str] | None, *, field: str = "streams") -> tuple[str, ...]:
    """Turn ``"lamps,batteries"``, a list, ``"all"`` or ``None`` into checked stream names.

    ``None`` and ``"all"`` give every stream in :data:`STREAMS` order; an explicit list
    keeps its order, each stream once.

    Raises
    ------
    UnknownStreamError
        For an unknown name, or a selection that names no stream (``""``, ``","``).
    """
    if value is None or (isinstance(value, str) and value.strip().lower() == "all"):
        return STREAMS
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    out: list[str] = []
    for item in items:
        name = item.strip()
        if not name:
            continue
        check_stream(name)
        if name not in out:
            out.append(name)
    if not out:
        msg = f"{field}: {value!r} names no waste stream; expected some of: {', '.join(STREAMS)}"
        raise UnknownStreamError(msg)
    return tuple(out)
