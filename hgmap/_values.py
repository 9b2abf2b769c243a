"""Value helpers for result tables (internal; one home for every renderer).

Result frames hold NaN, None, numpy arrays and lists side by side; these helpers
read them the same way everywhere.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["missing", "text", "number", "as_list", "km", "rounded"]


def missing(value: Any) -> bool:
    """True for ``None``, NaN and pandas' missing markers; containers are never missing."""
    if value is None:
        return True
    # Fast paths: the renderers call this for every cell of every table.
    if isinstance(value, str):
        return False
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, (int, list, tuple, set, dict, np.ndarray, pd.Series)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def text(value: Any) -> str:
    """``str(value)``, or ``""`` when missing."""
    return "" if missing(value) else str(value)


def number(value: Any) -> float | None:
    """A finite float, or ``None`` (missing, NaN, infinite or not a number)."""
    if missing(value):
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def as_list(value: Any) -> list:
    """A list from a list-like, or from text joined with ``;`` or ``|``; ``[]`` when missing."""
    if missing(value):
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;|]", value) if v.strip()]
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return list(value)
    return [value]


def km(value: Any, *, empty: str = "") -> str:
    """``12,345 km`` (rounded to the kilometre), or ``empty`` when not a finite number."""
    n = number(value)
    return empty if n is None else f"{round(n):,d} km"


def rounded(x: np.ndarray) -> list[float | None]:
    """``[round(v, 1) for v in x]`` for a float array, NaN as None, at numpy speed.

    ``np.round`` scales by ten and rounds the scaled value, which differs from Python's
    correctly rounded ``round`` where the scaled value lies within an ulp of a half
    (``0.15`` is 0.1499... in binary: Python gives 0.1, ``np.round`` 0.2); those few are
    rounded by Python, so the cells are the floats a row dict would hold.
    """
    x = np.asarray(x, float)
    out = np.round(x, 1).tolist()
    t = x * 10.0
    with np.errstate(invalid="ignore"):  # inf - inf: not near a half, rounds to itself
        near_half = np.flatnonzero(np.abs(t - np.floor(t) - 0.5) < 1e-6)
    for i in near_half.tolist():
        out[i] = round(float(x[i]), 1)
    for i in np.flatnonzero(np.isnan(x)).tolist():
        out[i] = None
    return out
