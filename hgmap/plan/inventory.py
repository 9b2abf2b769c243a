"""Waste inventories: how many tonnes of which stream each country generates a year.

An inventory is a CSV with ``country_iso3``, ``stream``, ``tonnes_per_year``,
``source`` and ``year`` (optional ``notes``). It is validated like a catalogue: every
problem names its line and field, and nothing is dropped silently. A row whose
``tonnes_per_year`` is empty records that no published figure exists; it is kept as
*not quantified* (reported, never planned, never invented).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..countries import check_country
from ..errors import HgmapError, ValidationError
from ..vocab import STREAMS

__all__ = ["Inventory", "load_inventory", "INVENTORY_COLUMNS"]

INVENTORY_COLUMNS = ("country_iso3", "stream", "tonnes_per_year", "source", "year")


@dataclass(frozen=True)
class Inventory:
    """A validated inventory.

    Attributes
    ----------
    rows
        Quantified rows: ``line`` (in the file), ``country_iso3``, ``stream``,
        ``tonnes_per_year`` (> 0), ``source``, ``year``, ``notes``. Rows repeating a
        country and stream are summed (their lines and sources joined with ``;``).
    unquantified
        Rows with no figure (empty ``tonnes_per_year``), with their notes.
    path
        The file read, or ``None``.
    """

    rows: pd.DataFrame
    unquantified: pd.DataFrame
    path: str | None = None

    @property
    def total_tonnes(self) -> float:
        return float(self.rows["tonnes_per_year"].sum())

    def scaled(self, factor: float) -> Inventory:
        """A copy with every quantity multiplied by ``factor`` (scenarios, benchmarks)."""
        rows = self.rows.copy()
        rows["tonnes_per_year"] = rows["tonnes_per_year"] * float(factor)
        return Inventory(rows, self.unquantified.copy(), self.path)


def _frame(records: list[dict]) -> pd.DataFrame:
    cols = ["line", "country_iso3", "stream", "tonnes_per_year", "source", "year", "notes"]
    return pd.DataFrame(records, columns=cols)


def load_inventory(source: str | os.PathLike | pd.DataFrame) -> Inventory:
    """Read and validate an inventory (a CSV path or a DataFrame with the same columns).

    Raises
    ------
    ValidationError
        Listing every bad row as ``line N: field: problem`` (unknown country or stream,
        a quantity that is not a positive number, no source, a year that is not a year).
    HgmapError
        When the file cannot be read or a required column is missing.
    """
    path = None
    if isinstance(source, pd.DataFrame):
        table = source.astype(str).replace({"nan": "", "None": ""})
    else:
        path = os.fspath(source)
        try:
            table = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
        except FileNotFoundError:
            raise HgmapError(f"inventory {path}: no such file") from None
        except (OSError, pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
            raise HgmapError(f"inventory {path}: cannot be read ({exc})") from None
    where = path or "inventory"
    table.columns = [str(c).strip() for c in table.columns]
    missing = [c for c in INVENTORY_COLUMNS if c not in table.columns]
    if missing:
        raise HgmapError(f"{where}: missing column(s) {', '.join(missing)}; expected {', '.join(INVENTORY_COLUMNS)}")
    if "notes" not in table.columns:
        table["notes"] = ""
    problems: list[str] = []
    good: list[dict] = []
    blank: list[dict] = []
    for i, row in enumerate(table.to_dict(orient="records")):
        line = i + 2
        rec = {k: str(row.get(k, "")).strip() for k in (*INVENTORY_COLUMNS, "notes")}
        ok = True
        try:
            rec["country_iso3"] = check_country(rec["country_iso3"], field=f"line {line}: country_iso3")
        except HgmapError as exc:
            problems.append(str(exc) if str(exc).startswith("line") else f"line {line}: country_iso3: {exc}")
            ok = False
        if rec["stream"] not in STREAMS:
            problems.append(f"line {line}: stream: {rec['stream']!r} is not one of {', '.join(STREAMS)}")
            ok = False
        if not rec["source"]:
            problems.append(f"line {line}: source: empty (every figure, or its absence, needs a source)")
            ok = False
        year = rec["year"]
        if year and not (year.isdigit() and 1900 <= int(year) <= 2100):
            problems.append(f"line {line}: year: {year!r} is not a four-digit year")
            ok = False
        qty = rec["tonnes_per_year"]
        if qty == "":
            if not rec["notes"]:
                problems.append(f"line {line}: tonnes_per_year: empty without notes saying why "
                                "(write what is missing in 'notes')")
                ok = False
            if ok:
                blank.append({"line": line, **rec, "tonnes_per_year": np.nan})
            continue
        try:
            value = float(qty)
            if not np.isfinite(value) or value <= 0:
                raise ValueError
        except ValueError:
            problems.append(f"line {line}: tonnes_per_year: {qty!r} is not a positive number")
            continue
        if ok:
            good.append({"line": line, **rec, "tonnes_per_year": value})
    if problems:
        raise ValidationError(f"{where}: {len(problems)} problem(s)", problems)
    rows = _frame(good)
    if not rows.empty:
        rows["line"] = rows["line"].astype(str)
        rows = (rows.groupby(["country_iso3", "stream"], sort=False, as_index=False)
                .agg({"line": ";".join, "tonnes_per_year": "sum", "source": lambda s: " ; ".join(dict.fromkeys(s)),
                      "year": lambda s: ";".join(dict.fromkeys(v for v in s if v)),
                      "notes": lambda s: " ; ".join(dict.fromkeys(v for v in s if v))}))
        rows = rows[["line", "country_iso3", "stream", "tonnes_per_year", "source", "year", "notes"]]
    return Inventory(rows.reset_index(drop=True), _frame(blank), path)
