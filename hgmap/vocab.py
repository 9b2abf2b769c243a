"""Controlled vocabularies shared by every hgmap module: waste streams and operations."""

from __future__ import annotations

import datetime as _dt

from .errors import DateError, UnknownStreamError

__all__ = ["STREAMS", "OPERATIONS", "check_stream", "check_operation", "parse_date"]

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


def parse_date(value: str | _dt.date | None, *, field: str = "date") -> _dt.date | None:
    """Parse ``YYYY-MM-DD`` (or pass a ``date`` through); ``None`` and ``""`` give ``None``.

    Raises
    ------
    DateError
        When the text is not an ISO calendar date; the message names ``field``.
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        msg = f"{field}: {value!r} is not a date in YYYY-MM-DD form"
        raise DateError(msg) from None
