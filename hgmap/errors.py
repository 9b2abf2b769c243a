"""The hgmap exception hierarchy.

Every error hgmap raises on purpose derives from :class:`HgmapError`, itself a
``ValueError`` so that callers who already catch ``ValueError`` keep working.
Unreachable destinations are *not* errors: they are results with reasons.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

__all__ = [
    "HgmapError",
    "DataError",
    "ValidationError",
    "UnknownCountryError",
    "UnknownStreamError",
    "ScenarioError",
    "DateError",
    "ConflictError",
    "OutputError",
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


class OutputError(HgmapError):
    """An output cannot be written where it was asked for.

    Parameters
    ----------
    path
        The output path the user gave (or the one hgmap derived from it).
    reason
        Why, in words (``"it is a directory"``, ``"permission denied"`` ...).
    """

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"cannot write {self.path}: {reason}")

    @classmethod
    def from_os_error(cls, path: str | os.PathLike[str], exc: OSError) -> OutputError:
        """The :class:`OutputError` for an ``OSError`` raised while writing ``path``."""
        target = Path(path)
        code = exc.errno
        if code == errno.EISDIR or (code in (errno.EEXIST, errno.EACCES) and target.is_dir()):
            return cls(target, "it is a directory; give a file name")
        if code in (errno.ENOTDIR, errno.EEXIST):
            blocker = next((p for p in [target, *target.parents] if p.exists() and not p.is_dir()), None)
            if blocker is not None:
                return cls(target, f"{blocker} is a file, not a folder")
        if code in (errno.EACCES, errno.EPERM):
            where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(target) else ""
            return cls(target, f"permission denied{where}")
        if code == errno.EROFS:
            return cls(target, "read-only file system")
        if code == errno.ENOSPC:
            return cls(target, "no space left on the device")
        return cls(target, exc.strerror or str(exc))
