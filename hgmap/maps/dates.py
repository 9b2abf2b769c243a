"""The facility catalogue's own date, beside the date the law is read at.

``--as-of`` dates the law only: the facilities, their statuses and their acceptance are
the catalogue's, as its records were checked (their ``as_of`` column), not as they were
on the as-of date. Outputs that show an as-of date earlier than the catalogue's say so.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

__all__ = ["catalogue_dates", "facilities_note"]


def catalogue_dates(facilities: Any) -> tuple[str, str] | None:
    """``(oldest, newest)`` ``as_of`` of a facility catalogue's records (ISO dates), or ``None``."""
    if facilities is None or "as_of" not in getattr(facilities, "columns", ()):
        return None
    days = []
    for value in facilities["as_of"]:
        try:
            days.append(_dt.date.fromisoformat(str(value).strip()[:10]))
        except ValueError:
            continue
    if not days:
        return None
    return min(days).isoformat(), max(days).isoformat()


def _span(dates: tuple[str, str]) -> str:
    return dates[0] if dates[0] == dates[1] else f"{dates[0]} to {dates[1]}"


def facilities_note(as_of: Any, dates: tuple[str, str] | None) -> str | None:
    """The sentence an output with an earlier as-of date shows (``None`` when not earlier)."""
    if dates is None or as_of is None or str(as_of)[:10] >= dates[1]:
        return None
    return (f"The law is read as of {str(as_of)[:10]}; the facilities, their statuses and what they accept are the "
            f"catalogue's as its records were checked ({_span(dates)}), not as they were on {str(as_of)[:10]}.")
