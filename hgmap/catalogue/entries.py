"""Reading and checking a file of catalogue entries before it may enter a database.

Facility rows are checked by the facility catalogue's own validator
(:func:`hgmap.validate_facilities`), so a facility that enters a database is one the
analyses accept. Services and technologies have no site: they need a name, a short
description, the streams they serve and a source.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from .. import facilities as _facilities
from ..countries import country_codes
from ..errors import HgmapError, ValidationError
from ..vocab import STREAMS, parse_date
from .schema import ENTRY_COLUMNS, KINDS

__all__ = ["read_entries", "check_table", "EntryFile"]

_CONFIDENCE = ("high", "medium", "low")


@dataclass
class EntryFile:
    """Rows of an entries file that passed the checks, and every problem found (by row and field)."""

    path: str
    rows: list[dict[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    bad_rows: list[str] = field(default_factory=list)


@contextlib.contextmanager
def temp_csv(table: pd.DataFrame) -> Iterator[str]:
    """Write ``table`` to a temporary CSV (removed afterwards) and yield its path."""
    fd, name = tempfile.mkstemp(prefix="hgmap-catalogue-", suffix=".csv")
    os.close(fd)
    try:
        table.to_csv(name, index=False, lineterminator="\n")
        yield name
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


def _http(value: str) -> bool:
    return value.startswith(("http://", "https://")) and len(value) > len("https://")


def _check_other(row: dict[str, str], where: str) -> list[str]:
    """Checks for a service or technology entry."""
    eid = row.get("id", "")
    out = []

    def bad(col: str, msg: str) -> None:
        out.append(f"{where} [{eid}] {col}: error: {msg}")

    if not row.get("name", "").strip():
        bad("name", "required")
    if not row.get("description", "").strip():
        bad("description", f"required for a {row['kind']} (a sentence on what it offers)")
    streams = [s.strip() for s in row.get("streams", "").split(";") if s.strip()]
    if not streams:
        bad("streams", "required: the waste streams it serves")
    for s in streams:
        if s not in STREAMS:
            bad("streams", f"unknown stream {s!r}")
    code = row.get("country_iso3", "").strip().upper()
    if code and code not in country_codes():
        bad("country_iso3", f"unknown ISO3 code {code!r}")
    urls = [u.strip() for u in row.get("source_url", "").split(" | ") if u.strip()]
    if not urls:
        bad("source_url", "required: where these facts come from")
    for u in urls:
        if not _http(u):
            bad("source_url", f"{u!r} is not an http(s) URL")
    site = row.get("website", "").strip()
    if site and not _http(site):
        bad("website", f"{site!r} is not an http(s) URL")
    if row.get("confidence", "") not in _CONFIDENCE:
        bad("confidence", f"{row.get('confidence', '')!r}: expected high, medium or low")
    try:
        if parse_date(row.get("as_of", ""), field="as_of") is None:
            bad("as_of", "required (YYYY-MM-DD)")
    except HgmapError as exc:
        bad("as_of", str(exc))
    return out


def read_entries(path: str | os.PathLike[str]) -> EntryFile:
    """Read a CSV, GeoJSON or GeoPackage of entries and check every row.

    Returns
    -------
    EntryFile
        ``rows`` holds the rows without errors (as text); ``problems`` every error and
        warning naming its row (``line N`` or ``feature N``) and field; ``bad_rows`` the
        rows left out.

    Raises
    ------
    ValidationError
        When the file lacks the ``id`` or ``name`` column.
    """
    read = _facilities.read_catalogue(path)
    table, where = read.table, read.where
    missing = [c for c in ("id", "name") if c not in table.columns]
    if missing:
        raise ValidationError(f"{path}: missing column(s): {', '.join(missing)}",
                              [f"header: expected the columns of {', '.join(ENTRY_COLUMNS)} (+ version)"])
    return check_table(table, where, str(path), read_problems=read.problems)


def check_table(table: pd.DataFrame, where: list[str], label: str, *,
                read_problems: list[tuple[str, str, str]] = ()) -> EntryFile:
    """Check entries held as text columns; ``where`` labels each row (``line N``).

    ``read_problems`` are ``(where, field, message)`` found while reading the file.
    """
    table = table.copy()
    if "updated_at" in table.columns:  # an export's bookkeeping, not an edit
        table = table.drop(columns="updated_at")
    if "kind" not in table.columns:
        table["kind"] = "facility"
    table["kind"] = table["kind"].str.strip().replace("", "facility")
    out = EntryFile(label)
    bad: set[int] = set()
    counts = Counter(table["id"].str.strip())
    for i, (eid, kind) in enumerate(zip(table["id"].str.strip(), table["kind"])):
        if not eid:
            out.problems.append(f"{where[i]} id: error: required")
            bad.add(i)
        elif counts[eid] > 1:
            out.problems.append(f"{where[i]} [{eid}] id: error: duplicate id ({counts[eid]} rows)")
            bad.add(i)
        if kind not in KINDS:
            out.problems.append(f"{where[i]} [{eid}] kind: error: {kind!r}: expected one of {', '.join(KINDS)}")
            bad.add(i)
    is_fac = (table["kind"] == "facility").to_numpy()
    row_of = {w: i for i, w in enumerate(where)}
    for w, fld, msg in read_problems:
        i = row_of.get(w)
        if i is None or not is_fac[i]:  # facility rows get theirs from the facility checks
            out.problems.append(f"{w} {fld}: error: {msg}")
            if i is not None:
                bad.add(i)
    if is_fac.any():
        sub_idx = [i for i in range(len(table)) if is_fac[i]]
        sub_where = [where[i] for i in sub_idx]
        sub = table.iloc[sub_idx][[c for c in table.columns if c not in ("kind", "description", "version")]]
        report = _facilities.check_catalogue(_facilities.Catalogue(
            label, sub.reset_index(drop=True), sub_where, [p for p in read_problems if p[0] in set(sub_where)]))
        for p in report.problems:
            ident = f" [{p.facility_id}]" if p.facility_id else ""
            out.problems.append(f"{p.where}{ident} {p.field}: {p.severity}: {p.message}")
            if p.severity == "error" and p.where in row_of:
                bad.add(row_of[p.where])
    records = table.to_dict(orient="records")
    for i, row in enumerate(records):
        if not is_fac[i] and row["kind"] in KINDS:
            found = _check_other(row, where[i])
            if found:
                bad.add(i)
                out.problems += found
    out.bad_rows = [f"{where[i]} [{records[i].get('id', '')}]" for i in sorted(bad)]
    out.rows = [{k: str(v) for k, v in r.items()} for i, r in enumerate(records) if i not in bad]
    return out


def entries_table(rows: list[dict[str, str]]) -> pd.DataFrame:
    """Rows as a frame with every entry column (missing ones empty)."""
    return pd.DataFrame([{c: r.get(c, "") for c in (*ENTRY_COLUMNS, "version")} for r in rows],
                        columns=[*ENTRY_COLUMNS, "version"])
