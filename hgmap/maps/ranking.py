"""How hgmap's English outputs word the order of the options (maps, SIDS report).

Options are ranked by the search weight of the accessibility result: its ``objective``
(``result.attrs["objective"]``). With ``cost`` (the default) that is the generalised
transport cost of :mod:`hgmap.costs` (USD per tonne), so rank 1 need not be the shortest
route; with ``distance`` it is the route length. The closed facilities a result lists
(``blocked_reasons``) are those lighter than its last option by the same weight.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

__all__ = ["Objective", "objective_of", "best_by", "ranked_by", "ahead_of_last"]

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
