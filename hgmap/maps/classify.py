"""Distance classes and the map's colours (one concept: how a country is coloured)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import HgmapError

__all__ = ["classify_distances", "class_colours", "class_labels", "STATUS_FILL", "NOT_ASSESSED_FILL",
           "TECH_CLASSES", "tech_class", "ROUTE_COLOUR", "SEA_COLOUR"]

# ColorBrewer YlOrRd (9 classes): near = light, far = dark.
_YLORRD = ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c",
           "#fc4e2a", "#e31a1c", "#bd0026", "#800026")
#: Fill of countries whose status is not "reachable".
STATUS_FILL = {"no_legal_route": "#6a3d9a", "no_facility_for_stream": "#737373"}
#: Fill of countries without a row in the result.
NOT_ASSESSED_FILL = "#f2f2f2"
ROUTE_COLOUR = "#08519c"
#: Background of an offline map (no tiles): the sea.
SEA_COLOUR = "#d4e6f1"

#: (key, legend label, colour, technologies); the first class that matches wins, so a
#: plant that retorts and also crushes lamps is shown as thermal recovery.
TECH_CLASSES: tuple[tuple[str, str, str, frozenset[str]], ...] = (
    ("recovery", "Thermal recovery (retorting, distillation, desorption)", "#1b9e77",
     frozenset({"retorting", "distillation", "thermal_desorption", "amalgam_recovery",
                "soil_treatment"})),
    ("stabilisation", "Stabilisation / solidification", "#7570b3",
     frozenset({"sulfur_stabilization", "stabilization", "solidification"})),
    ("disposal", "Landfill / underground storage", "#d95f02",
     frozenset({"landfill", "underground_storage"})),
    ("recycling", "Lamp / battery recycling", "#e7298a",
     frozenset({"lamp_recycling", "battery_recycling"})),
    ("other", "Other / not stated", "#666666", frozenset()),
)


def tech_class(technologies: Sequence) -> str:
    """Key of the first :data:`TECH_CLASSES` entry sharing a technology (else ``"other"``)."""
    techs = {str(t) for t in technologies}
    for key, _label, _colour, members in TECH_CLASSES:
        if techs & members:
            return key
    return "other"


def classify_distances(
    values: Sequence[float] | np.ndarray | pd.Series,
    *,
    scheme: str = "FisherJenks",
    k: int = 5,
) -> tuple[np.ndarray, np.ndarray]:
    """Classify distances with :mod:`mapclassify`, tolerating ties, gaps and few values.

    Only finite values are classified; NaN/inf (unreachable) get class ``-1``. With at
    most ``k`` distinct values each distinct value is its own class, which avoids
    mapclassify's "fewer unique values than classes" failures.

    Parameters
    ----------
    values
        Distances (km).
    scheme
        A :func:`mapclassify.classify` scheme name.
    k
        Wanted number of classes (at least 1).

    Returns
    -------
    classes : numpy.ndarray
        Class index per value (``-1`` for non-finite values).
    bins : numpy.ndarray
        Increasing upper bounds of the classes.

    Raises
    ------
    HgmapError
        When ``k`` is below 1.
    """
    if k < 1:
        raise HgmapError(f"k must be at least 1, got {k}")
    y = np.asarray(values, dtype=float)
    finite = np.isfinite(y)
    classes = np.full(y.shape, -1, dtype=int)
    unique = np.unique(y[finite])
    if unique.size == 0:
        return classes, np.array([], dtype=float)
    if unique.size <= k:
        bins = unique
    elif scheme.lower() == "fisherjenks":
        bins = np.unique(fisher_jenks_bins(np.sort(y[finite]), k))
        bins[-1] = max(bins[-1], unique[-1])
    else:
        import mapclassify

        with warnings.catch_warnings():
            # mapclassify warns about a missing numba and about k it had to reduce.
            warnings.simplefilter("ignore")
            fitted = mapclassify.classify(y[finite], scheme, k=k)
        bins = np.unique(np.asarray(fitted.bins, dtype=float))
        bins[-1] = max(bins[-1], unique[-1])
    classes[finite] = np.clip(np.searchsorted(bins, y[finite], side="left"), 0, bins.size - 1)
    return classes, bins


def fisher_jenks_bins(values: np.ndarray, k: int) -> np.ndarray:
    """Fisher–Jenks natural breaks of sorted ``values``: the upper bound of each of ``k`` classes.

    The dynamic programme of ``mapclassify.FisherJenks`` (pure Python there without
    numba, ~0.1 s for 244 values), with each row computed by numpy in the same
    float32 arithmetic and the same order, so the breaks are identical to
    mapclassify's (the tests compare them).
    """
    x = np.asarray(values, dtype="f8")
    n = len(x)
    mat1 = np.zeros((n + 1, k + 1), dtype=np.int32)
    mat2 = np.zeros((n + 1, k + 1), dtype=np.float32)
    mat1[1, 1:] = 1
    mat2[2:, 1:] = np.inf
    vals = x.astype(np.float32)
    for last in range(2, n + 1):
        seq = vals[:last][::-1]  # m = 1..last takes values[last - m]
        s1 = np.cumsum(seq, dtype=np.float32)
        s2 = np.cumsum(seq * seq, dtype=np.float32)
        v = s2 - (s1 * s1) / np.arange(1, last + 1, dtype=np.float32)
        i3 = np.arange(last, 1, -1)  # m = 1..last-1 (i4 = i3 - 1 > 0)
        for j in range(2, k + 1):
            cand = v[:last - 1] + mat2[i3 - 1, j - 1]
            best = cand.min()
            # mapclassify updates on ">=" in order of m: the last minimum wins.
            at = len(cand) - 1 - int(np.argmin(cand[::-1]))
            if mat2[last, j] >= best:
                mat1[last, j] = i3[at]
                mat2[last, j] = best
        mat1[last, 1] = 1
        mat2[last, 1] = v[last - 1]
    kclass = np.zeros(k + 1, dtype=x.dtype)
    kclass[k] = x[n - 1]
    kclass[0] = x[0]
    row = n
    for count in range(k, 1, -1):
        pivot = mat1[row, count]
        kclass[count - 1] = x[int(pivot - 2)]
        row = int(pivot - 1)
    return np.delete(kclass, 0)


def class_colours(n: int) -> list[str]:
    """``n`` colours from light (near) to dark (far)."""
    if n <= 0:
        return []
    if n == 1:
        return [_YLORRD[4]]
    # Skip the near-white first step: it would read as "no data" on a light basemap.
    idx = np.linspace(1, len(_YLORRD) - 1, min(n, len(_YLORRD) - 1)).round().astype(int)
    colours = [_YLORRD[i] for i in idx]
    return colours + [colours[-1]] * (n - len(colours))


def class_labels(bins: np.ndarray, low: float) -> list[str]:
    """Legend labels ``"low – upper km"`` for classes with upper bounds ``bins``."""
    labels = []
    lower = low
    for upper in bins:
        if math.isclose(lower, upper):
            labels.append(f"{upper:,.0f} km")
        else:
            labels.append(f"{lower:,.0f} – {upper:,.0f} km")
        lower = upper
    return labels
