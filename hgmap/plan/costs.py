"""Plan-specific cost parts: payload per stream, gate fees, packaging, per-shipment costs.

The defaults live in ``data/plan_costs.csv`` (one row per parameter, stream and
operation, with a low and a high value, its source, confidence and as-of date; the
figures are those of the project's cost research). A user cost file with the same
columns overrides any row (``source_url`` then names the user's source). A figure
nobody has found stays unknown: the cost of an option then leaves that term out and
says so in ``unpriced``; nothing is guessed.

Transport per container (sea, road, port calls) is not priced here: see
:func:`hgmap.plan.transport.transport_usd_per_teu`.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._io import data_path
from ..errors import ValidationError
from ..vocab import OPERATIONS, STREAMS, parse_date

__all__ = ["PARAMETERS", "CostTable", "load_plan_costs", "option_costs", "CONTAINER_PAYLOAD_MAX_T",
           "OPTION_COST_COLUMNS", "containers", "container_cost_mid", "payload_band"]

#: Parameters of ``data/plan_costs.csv`` and their units.
PARAMETERS: dict[str, str] = {
    "payload_t_per_teu": "t/TEU",
    "gate_fee_usd_per_t": "USD/t",
    "packaging_usd_per_t": "USD/t",
    "notification_usd_per_shipment": "USD/shipment",
    "documents_usd_per_shipment": "USD/shipment",
    "insurance_usd_per_shipment": "USD/shipment",
}
_PER_SHIPMENT = ("notification_usd_per_shipment", "documents_usd_per_shipment", "insurance_usd_per_shipment")
_COLUMNS = ("parameter", "stream", "operation", "low", "high", "unit", "source_id", "source_url", "confidence",
            "as_of", "notes")
_CONFIDENCE = ("high", "medium", "low")

#: Physical limit of a 20' container (t): 21.75 t (one specification) to 28.2 t (Maersk);
#: COSTS.md G2. Used, and flagged, when a stream's payload is unknown: transport per
#: tonne is then a lower bound.
CONTAINER_PAYLOAD_MAX_T = (21.75, 28.2)

#: Columns of :func:`option_costs`, in order (also those of an empty result).
OPTION_COST_COLUMNS = [f"{term}_{side}" for term in ("containers", "transport_usd", "gate_fee_usd", "packaging_usd",
                                                     "fixed_usd") for side in ("low", "high")] + [
    "total_usd_low", "usd_per_t_low", "total_usd_high", "usd_per_t_high", "unpriced"]


@dataclass(frozen=True)
class CostTable:
    """The cost parameters in force: defaults with any overrides applied.

    Attributes
    ----------
    table
        One row per parameter, stream and operation (``*`` = any), with ``low``,
        ``high``, ``source_url``, ``confidence``, ``as_of``, ``origin`` (``default`` or
        the override file) and ``age_days`` (as-of date to today).
    """

    table: pd.DataFrame

    def lookup(self, parameter: str, stream: str, operation: str = "*") -> tuple[float, float] | None:
        """``(low, high)`` for the most specific matching row, or ``None`` when unknown."""
        t = self.table
        rows = t[(t["parameter"] == parameter) & t["stream"].isin([stream, "*"])
                 & t["operation"].isin([operation, "*"])]
        if rows.empty:
            return None
        rank = (rows["stream"] != "*").astype(int) * 2 + (rows["operation"] != "*").astype(int)
        best = rows.loc[rank.idxmax()]
        return float(best["low"]), float(best["high"])

    def used(self, streams, operations=OPERATIONS) -> pd.DataFrame:
        """The rows that price ``streams`` (for the output's cost-assumption table)."""
        t = self.table
        keep = t["stream"].isin([*streams, "*"]) & t["operation"].isin([*operations, "*"])
        return t[keep].reset_index(drop=True)


def _read(path, origin: str) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ValidationError(f"cost file {path}: cannot be read ({exc})") from None
    missing = [c for c in ("parameter", "stream", "operation", "low", "high", "source_url", "confidence", "as_of")
               if c not in table.columns]
    if missing:
        raise ValidationError(f"cost file {path}: missing column(s) {', '.join(missing)}")
    problems = []
    for i, row in table.iterrows():
        line = i + 2
        if row["parameter"] not in PARAMETERS:
            problems.append(f"line {line}: parameter: {row['parameter']!r} is not one of {', '.join(PARAMETERS)}")
        if row["stream"] not in (*STREAMS, "*"):
            problems.append(f"line {line}: stream: {row['stream']!r} is not a known stream or '*'")
        if row["operation"] not in (*OPERATIONS, "*"):
            problems.append(f"line {line}: operation: {row['operation']!r} is not disposal, recovery or '*'")
        vals = []
        for f in ("low", "high"):
            try:
                v = float(row[f])
                if not np.isfinite(v) or v < 0:
                    raise ValueError
                vals.append(v)
            except ValueError:
                problems.append(f"line {line}: {f}: {row[f]!r} is not a non-negative number")
        if len(vals) == 2 and vals[0] > vals[1]:
            problems.append(f"line {line}: low {vals[0]:g} is above high {vals[1]:g}")
        if row["parameter"] == "payload_t_per_teu" and vals and min(vals) <= 0:
            problems.append(f"line {line}: low: a payload must be above 0 t")
        if not row["source_url"].strip():
            problems.append(f"line {line}: source_url: empty (every cost figure needs its source)")
        if row["confidence"] not in _CONFIDENCE:
            problems.append(f"line {line}: confidence: {row['confidence']!r} is not high, medium or low")
        try:
            if parse_date(row["as_of"], field=f"line {line}: as_of") is None:
                problems.append(f"line {line}: as_of: empty")
        except Exception as exc:  # DateError names the line
            problems.append(str(exc))
    if problems:
        raise ValidationError(f"cost file {path}: {len(problems)} problem(s)", problems)
    for c in _COLUMNS:
        if c not in table.columns:
            table[c] = ""
    table = table[list(_COLUMNS)].copy()
    table["low"] = table["low"].astype(float)
    table["high"] = table["high"].astype(float)
    table["origin"] = origin
    return table


def load_plan_costs(overrides: str | os.PathLike | None = None, *, today: _dt.date | None = None) -> CostTable:
    """The shipped plan cost defaults, with the rows of ``overrides`` replacing theirs.

    Parameters
    ----------
    overrides
        A CSV with the columns of ``data/plan_costs.csv`` (``parameter``, ``stream``,
        ``operation``, ``low``, ``high``, ``source_url``, ``confidence``, ``as_of``;
        ``unit``, ``source_id`` and ``notes`` optional). A row replaces the default with
        the same parameter, stream and operation, or adds one.
    today
        Reference day for ``age_days`` (default: today).

    Raises
    ------
    ValidationError
        Naming the line and field of every bad row.
    """
    table = _read(data_path("plan_costs.csv"), "default")
    if overrides is not None:
        user = _read(overrides, f"override ({os.fspath(overrides)})")
        key = ["parameter", "stream", "operation"]
        drop = table.set_index(key).index.isin(user.set_index(key).index)
        table = pd.concat([table[~drop], user], ignore_index=True)
    today = today or _dt.date.today()
    table["age_days"] = [(today - parse_date(d)).days for d in table["as_of"]]
    return CostTable(table.reset_index(drop=True))


def payload_band(costs: CostTable, stream: str) -> tuple[tuple[float, float], bool]:
    """``(low, high)`` tonnes per 20' container for ``stream``, and whether it is known
    (unknown: the container's weight limit :data:`CONTAINER_PAYLOAD_MAX_T`, a lower bound
    on transport per tonne)."""
    payload = costs.lookup("payload_t_per_teu", stream)
    return (CONTAINER_PAYLOAD_MAX_T, False) if payload is None else (payload, True)


def containers(tonnes, payload: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Containers paid for one shipment of ``tonnes`` (a part-filled box is paid in full):
    ``(low, high)``, the low count with heavy boxes (high payload), the high with light."""
    tonnes = np.asarray(tonnes, dtype=float)
    return np.ceil(tonnes / payload[1] - 1e-9), np.ceil(tonnes / payload[0] - 1e-9)


def container_cost_mid(tonnes, teu_low, teu_high, payload: tuple[float, float]) -> np.ndarray:
    """The middle of the low-high transport cost of one shipment of ``tonnes``, as
    :func:`option_costs` prices it (low boxes at the low rate, high boxes at the high)."""
    lo, hi = containers(tonnes, payload)
    return (lo * np.asarray(teu_low, float) + hi * np.asarray(teu_high, float)) / 2


def option_costs(costs: CostTable, stream: str, operation: np.ndarray, tonnes: np.ndarray,
                 teu_low: np.ndarray, teu_high: np.ndarray) -> pd.DataFrame:
    """Low and high cost of shipping ``tonnes`` as one shipment per option (vectorised).

    Parameters
    ----------
    costs
        From :func:`load_plan_costs`.
    stream
        The waste stream of every option.
    operation
        Operation of each option (``disposal``/``recovery``).
    tonnes
        Tonnes of each shipment (> 0).
    teu_low, teu_high
        Transport cost per 20' container of each option's route (USD).

    Returns
    -------
    pandas.DataFrame
        ``containers_low/high`` (a part-filled box is paid in full), the terms
        ``transport_usd_*``, ``gate_fee_usd_*``, ``packaging_usd_*``, ``fixed_usd_*``,
        ``total_usd_low/high``, ``usd_per_t_low/high`` and ``unpriced`` (terms with no
        sourced figure, left out of the total).
    """
    tonnes = np.asarray(tonnes, dtype=float)
    n = len(tonnes)
    operation = np.asarray(operation, dtype=object)
    unpriced: list[list[str]] = [[] for _ in range(n)]
    payload, known = payload_band(costs, stream)
    if not known:
        for u in unpriced:
            u.append("payload (unknown for this stream: full container weight used, transport is a lower bound)")
    # Low cost: heavy boxes (high payload) at the low rate; high cost: the reverse.
    boxes_low, boxes_high = containers(tonnes, payload)
    out = {"containers_low": boxes_low, "containers_high": boxes_high,
           "transport_usd_low": boxes_low * teu_low, "transport_usd_high": boxes_high * teu_high}
    for term, param in (("gate_fee", "gate_fee_usd_per_t"), ("packaging", "packaging_usd_per_t")):
        lo = np.zeros(n)
        hi = np.zeros(n)
        for op in np.unique(operation):
            m = operation == op
            val = costs.lookup(param, stream, op)
            if val is None:
                for i in np.flatnonzero(m):
                    unpriced[i].append(term.replace("_", " "))
                continue
            lo[m], hi[m] = val
        out[f"{term}_usd_low"] = lo * tonnes
        out[f"{term}_usd_high"] = hi * tonnes
    fixed_lo = fixed_hi = 0.0
    for param in _PER_SHIPMENT:
        val = costs.lookup(param, stream)
        if val is None:
            for u in unpriced:
                u.append(param.replace("_usd_per_shipment", ""))
            continue
        fixed_lo += val[0]
        fixed_hi += val[1]
    out["fixed_usd_low"] = np.full(n, fixed_lo)
    out["fixed_usd_high"] = np.full(n, fixed_hi)
    frame = pd.DataFrame(out)
    for side in ("low", "high"):
        frame[f"total_usd_{side}"] = (frame[f"transport_usd_{side}"] + frame[f"gate_fee_usd_{side}"]
                                      + frame[f"packaging_usd_{side}"] + frame[f"fixed_usd_{side}"])
        frame[f"usd_per_t_{side}"] = frame[f"total_usd_{side}"] / tonnes
    frame["unpriced"] = ["; ".join(u) for u in unpriced]
    return frame[OPTION_COST_COLUMNS]
