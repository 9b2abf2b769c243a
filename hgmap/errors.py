"""The hgmap exception hierarchy.

Every error hgmap raises on purpose derives from :class:`HgmapError`, itself a
``ValueError`` so that callers who already catch ``ValueError`` keep working.
Unreachable destinations are *not* errors: they are results with reasons.
"""

from __future__ import annotations

__all__ = [
    "HgmapError",
    "DataError",
    "ValidationError",
    "UnknownCountryError",
    "UnknownStreamError",
    "ScenarioError",
    "DateError",
    "ConflictError",
]


class HgmapError(ValueError):
    """Base class of every hgmap error."""


class DataError(HgmapError):
    """A shipped or user-supplied dataset cannot be read or is inconsistent."""


class ValidationError(DataError):
    """A user file has bad rows.

    Parameters
    ----------
    message
        Summary line.
    problems
        One entry per problem, each naming the row (line number) and field.
    """

    def __init__(self, message: str, problems: list | None = None) -> None:
        self.problems = list(problems or [])
        if self.problems:
            lines = "\n".join(f"  {p}" for p in self.problems)
            message = f"{message}\n{lines}"
        super().__init__(message)


class UnknownCountryError(HgmapError):
    """An ISO 3166-1 alpha-3 code that hgmap does not know."""


class UnknownStreamError(HgmapError):
    """A waste stream or operation outside hgmap's controlled vocabulary."""


class ScenarioError(HgmapError):
    """A scenario file is malformed; the message names the entry."""


class DateError(HgmapError):
    """A date that cannot be parsed (expected ``YYYY-MM-DD``)."""


class ConflictError(HgmapError):
    """A catalogue change made from an older version than the database holds (nothing written)."""
