"""Generalised transport costs: sourced low/high defaults and the cost of a route.

The defaults live in ``data/costs.csv`` (one row per parameter with its derivation,
source URL, confidence and as-of date; see ``docs/routes.md``). Every figure is in USD
per tonne, converted from per-container and per-truck figures at the reference payload
of 20 t per TEU (row ``reference_payload_t``); a plan with another payload rescales by
``20 / payload``.

A route's cost per tonne is::

    sea_km * sea + (road_km + access_km) * road + port_calls * port_call
    + transshipments * transshipment + transit_states * transit_state
    + (dangerous_goods if the route uses the sea)

It covers transport only: treatment gate fees, packaging, insurance and per-shipment
permits are planning inputs (``hgmap.plan``), not routing ones. The router searches on
the midpoint of each low/high pair (:meth:`Costs.weights`); the reported
``cost_usd_per_t_low``/``_high`` price the chosen route with the low and high sets.

A cost file (``--costs FILE``) overrides any subset of rows: columns ``parameter``,
``low``, ``high`` (required) and ``source``, ``confidence``, ``as_of`` (optional).
"""

from __future__ import annotations

import csv
import logging
import math
import os
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ._io import data_path
from .errors import DataError, ValidationError

__all__ = ["CostParameter", "Costs", "load_costs", "route_cost", "PARAMETERS", "Level"]

log = logging.getLogger(__name__)

Level = Literal["low", "mid", "high"]

#: Every parameter a cost file may set, in the order of ``data/costs.csv``.
PARAMETERS: tuple[str, ...] = (
    "reference_payload_t",
    "sea_usd_per_tkm",
    "road_usd_per_tkm",
    "port_call_usd_per_t",
    "transshipment_usd_per_t",
    "dangerous_goods_usd_per_t",
    "transit_state_usd_per_t",
)


@dataclass(frozen=True)
class CostParameter:
    """One cost figure with its provenance."""

    name: str
    low: float
    high: float
    unit: str
    source: str
    confidence: str
    as_of: str
    derivation: str = ""
    user: bool = False

    def value(self, level: Level = "mid") -> float:
        """The low, high or midpoint value."""
        if level == "low":
            return self.low
        if level == "high":
            return self.high
        if level == "mid":
            return (self.low + self.high) / 2.0
        raise ValueError(f"level must be low, mid or high, got {level!r}")


@dataclass(frozen=True)
class Costs:
    """A complete set of cost parameters (defaults, possibly overridden by a user file)."""

    params: dict[str, CostParameter]
    path: str | None = None

    def __getitem__(self, name: str) -> CostParameter:
        return self.params[name]

    def value(self, name: str, level: Level = "mid") -> float:
        return self.params[name].value(level)

    def weights(self, level: Level = "mid") -> dict[str, float]:
        """``{parameter: value}`` at one level (the router uses ``mid``); a new dict each call,
        built from one kept per level (every route is priced with it)."""
        memo = self.__dict__.setdefault("_weights", {})
        if level not in memo:
            memo[level] = {k: p.value(level) for k, p in self.params.items()}
        return dict(memo[level])

    def provenance(self) -> list[dict]:
        """One record per parameter (for result attrs and reports)."""
        return [{"parameter": p.name, "low": p.low, "high": p.high, "unit": p.unit, "source": p.source,
                 "confidence": p.confidence, "as_of": p.as_of, "user": p.user} for p in self.params.values()]


def _read(path: str | os.PathLike, *, shipped: bool) -> dict[str, CostParameter]:
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise DataError(f"cannot read cost file {path}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"cost file {path} is not UTF-8 text: {exc}") from exc
    problems: list[str] = []
    if rows and not {"parameter", "low", "high"} <= set(rows[0]):
        raise ValidationError(f"cost file {path}: needs columns parameter, low, high",
                              [f"header: found {', '.join(rows[0])}"])
    out: dict[str, CostParameter] = {}
    for line, row in enumerate(rows, start=2):
        name = (row.get("parameter") or "").strip()
        if name not in PARAMETERS:
            problems.append(f"line {line}, field parameter: unknown parameter {name!r} "
                            f"(expected one of {', '.join(PARAMETERS)})")
            continue
        if name in out:
            problems.append(f"line {line}, field parameter: {name!r} given twice")
            continue
        vals = {}
        for fld in ("low", "high"):
            raw = (row.get(fld) or "").strip()
            try:
                v = float(raw)
            except ValueError:
                problems.append(f"line {line}, field {fld}: {raw!r} is not a number")
                continue
            if not math.isfinite(v) or v < 0:
                problems.append(f"line {line}, field {fld}: {raw!r} must be a finite number >= 0")
                continue
            vals[fld] = v
        if len(vals) < 2:
            continue
        if vals["low"] > vals["high"]:
            problems.append(f"line {line}, field low: {vals['low']} is above high {vals['high']}")
            continue
        if name == "reference_payload_t" and vals["low"] <= 0:
            problems.append(f"line {line}, field low: the reference payload must be > 0")
            continue
        conf = (row.get("confidence") or "").strip() or ("" if shipped else "user")
        out[name] = CostParameter(
            name=name, low=vals["low"], high=vals["high"], unit=(row.get("unit") or "").strip(),
            source=(row.get("source") or "").strip() or ("" if shipped else f"user cost file {path}"),
            confidence=conf, as_of=(row.get("as_of") or "").strip(),
            derivation=(row.get("derivation") or "").strip(), user=not shipped)
    if problems:
        raise ValidationError(f"cost file {path}: {len(problems)} bad row(s)", problems)
    return out


_DEFAULTS: dict[str, CostParameter] | None = None


def load_costs(path: str | os.PathLike | None = None) -> Costs:
    """The shipped cost defaults, with the rows of a user cost file replacing theirs.

    Parameters
    ----------
    path
        Optional CSV with columns ``parameter``, ``low``, ``high`` (and optionally
        ``unit``, ``source``, ``confidence``, ``as_of``). Rows it does not list keep the
        shipped default.

    Raises
    ------
    ValidationError
        A row with an unknown parameter, a non-numeric or negative value, or low > high
        (the message names the line and field).
    """
    global _DEFAULTS
    if _DEFAULTS is None:
        _DEFAULTS = _read(data_path("costs.csv"), shipped=True)
        missing = set(PARAMETERS) - set(_DEFAULTS)
        if missing:
            raise DataError(f"shipped costs.csv lacks {', '.join(sorted(missing))}")
    params = dict(_DEFAULTS)
    if path is not None:
        user = _read(path, shipped=False)
        for name, p in user.items():
            base = params[name]
            params[name] = CostParameter(name, p.low, p.high, p.unit or base.unit, p.source, p.confidence,
                                         p.as_of, p.derivation, user=True)
        log.info("cost file %s overrides %s", path, ", ".join(user))
    return Costs({k: params[k] for k in PARAMETERS}, path=None if path is None else os.fspath(path))


def route_cost(
    costs: Costs,
    *,
    sea_km,
    road_km,
    access_km=0.0,
    port_calls=0,
    transshipments=0,
    transit_states=0,
    level: Level = "mid",
) -> np.ndarray:
    """Transport cost in USD per tonne (vectorised over numpy arrays).

    ``access_km`` (road joins, straight-line island legs) is priced at the road rate; the
    dangerous-goods surcharge is added once to every route with ``sea_km > 0``.
    """
    w = costs.weights(level)
    sea = np.asarray(sea_km, float)
    return (sea * w["sea_usd_per_tkm"]
            + (np.asarray(road_km, float) + np.asarray(access_km, float)) * w["road_usd_per_tkm"]
            + np.asarray(port_calls, float) * w["port_call_usd_per_t"]
            + np.asarray(transshipments, float) * w["transshipment_usd_per_t"]
            + np.asarray(transit_states, float) * w["transit_state_usd_per_t"]
            + (sea > 0) * w["dangerous_goods_usd_per_t"])
