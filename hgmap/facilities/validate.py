"""Validation of a facility catalogue: every problem named by row and field."""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import shapely
from pyproj import Geod
from shapely.ops import nearest_points

from .._io import data_path
from ..countries import load_countries
from ..errors import DateError
from ..vocab import STREAMS, parse_date
from .acceptance import parse_accepts_from
from .read import Catalogue, read_catalogue
from .schema import (
    ACCEPTS_IMPORTS, CONFIDENCES, COLUMNS, INSIDE_KM, OUTSIDE_KM, PRECISIONS, REQUIRED, REQUIRED_LISTS,
    STATUSES, TECHNOLOGIES, TECHNOLOGY_OPERATION, derive_operations, parse_number, parse_operations,
    split_list, split_urls,
)

__all__ = ["Problem", "ValidationReport", "validate_facilities", "check_catalogue"]

log = logging.getLogger(__name__)
_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Problem:
    """One validation finding.

    ``where`` is ``line N`` for CSV (the header is line 1), ``feature N`` for
    GeoJSON/GeoPackage (1-based), ``header`` for the columns or ``file`` for the whole file.
    """

    where: str
    facility_id: str
    field: str
    severity: Literal["error", "warning"]
    message: str

    def __str__(self) -> str:
        ident = f" [{self.facility_id}]" if self.facility_id else ""
        return f"{self.where}{ident} {self.field}: {self.severity}: {self.message}"


@dataclass
class ValidationReport:
    """Result of :func:`validate_facilities`."""

    path: str
    rows: list[tuple[str, str]]  # (where, id) for every row
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when no row has an error (warnings allowed)."""
        return not self.errors

    @property
    def header_ok(self) -> bool:
        """False when the columns themselves are wrong (then no row was checked)."""
        return not any(p.where in ("header", "file") and p.severity == "error" for p in self.problems)

    def clean_rows(self) -> list[tuple[str, str]]:
        """Rows without any finding; none when the header is wrong (the rows were not checked)."""
        if not self.header_ok:
            return []
        bad = {p.where for p in self.problems}
        return [r for r in self.rows if r[0] not in bad]

    def format(self) -> str:
        """Human-readable report: every problem, then the rows that are fine."""
        lines = [f"{self.path}: {len(self.rows)} rows, {len(self.errors)} errors, {len(self.warnings)} warnings"]
        lines += [f"  {p}" for p in self.problems]
        clean = self.clean_rows()
        if not self.header_ok:
            lines.append("  rows not checked: fix the header first")
        elif clean and self.problems:
            lines.append(f"  fine: {len(clean)} rows ({', '.join(f'{w} [{i}]' for w, i in clean)})")
        return "\n".join(lines)


@functools.lru_cache(maxsize=1)
def _country_geoms() -> dict[str, shapely.Geometry]:
    countries = load_countries()
    return dict(zip(countries["iso3"], countries.geometry))


def _km_outside(geom: shapely.Geometry, lon: float, lat: float) -> float:
    pt = shapely.Point(lon, lat)
    if geom.contains(pt):
        return 0.0
    near = nearest_points(pt, geom)[1]
    return _GEOD.inv(lon, lat, near.x, near.y)[2] / 1000.0


def validate_facilities(path: str | os.PathLike[str] | None = None) -> ValidationReport:
    """Check a facility catalogue and report every problem by row and field.

    Errors: a header with missing required or duplicate columns; a row with more or
    fewer fields than the header; a missing required value (a list field holding only
    separators, such as ``streams=";"``, counts as missing); duplicate ids; unknown ISO3;
    lat/lon that are not plain decimal numbers (``1_0``, ``nan``, ``inf`` are refused),
    out of range, or swapped; a point farther outside its stated country than
    :data:`~hgmap.facilities.OUTSIDE_KM` allows for its ``coord_precision``; in a
    GeoJSON/GeoPackage, a geometry that is not a finite point or disagrees with the
    lat/lon properties; unknown streams, technologies, status, confidence, precision,
    ``accepts_imports`` or ``accepts_from`` values; ``accepts_imports=no`` with foreign
    ``accepts_from``; a non-http(s) URL; a malformed ``operations`` field; a
    ``capacity_tpy`` that is not a non-negative number; an ``as_of`` that is not a
    YYYY-MM-DD date; a catalogue with no rows. Warnings: a point outside its country but
    within the allowed distance is not reported; a stream with no known operation; an
    unknown column (ignored); a row without ``as_of``.

    Parameters
    ----------
    path
        CSV, GeoJSON or GeoPackage; ``None`` checks the shipped catalogue.

    Raises
    ------
    DataError
        When the file cannot be read at all (missing, a directory, not UTF-8, ...).
    """
    p = Path(path) if path is not None else data_path("facilities.csv")
    return check_catalogue(read_catalogue(p))


def check_catalogue(cat: Catalogue) -> ValidationReport:
    """The checks of :func:`validate_facilities` on a catalogue already read."""
    table, where = cat.table, cat.where
    problems: list[Problem] = []
    ids_of = [str(v).strip() for v in table["id"]] if "id" in table.columns else [""] * len(table)
    id_at = dict(zip(where, ids_of))
    for w, fld, msg, severity in cat.problems:
        problems.append(Problem(w, id_at.get(w, ""), fld, severity, msg))
    rows = list(zip(where, ids_of))
    missing_cols = _header_problems(table, problems)
    if missing_cols or any(p.where == "header" and p.severity == "error" for p in problems):
        return ValidationReport(cat.path, rows, problems)
    if not len(table):
        problems.append(Problem("file", "", "rows", "error", "the catalogue has a header but no facility"))
        return ValidationReport(cat.path, rows, problems)
    geoms = _country_geoms()
    seen: dict[str, str] = {}
    get = {c: (table[c].tolist() if c in table.columns else [""] * len(table)) for c in COLUMNS}
    for i in range(len(table)):
        w = where[i]
        row = {c: str(get[c][i]).strip() for c in COLUMNS}
        fid = row["id"]

        def bad(fld: str, msg: str, severity: Literal["error", "warning"] = "error", w=w, fid=fid) -> None:
            problems.append(Problem(w, fid, fld, severity, msg))

        _check_required(row, bad)
        if fid:
            if fid in seen:
                bad("id", f"duplicate id {fid!r} (first at {seen[fid]})")
            else:
                seen[fid] = w
        _check_place(row, geoms, bad)
        streams, techs = _check_vocabulary(row, bad)
        _check_acceptance(row, bad)
        _check_operations(row, streams, techs, bad)
        _check_numbers(row, bad)
    return ValidationReport(cat.path, rows, problems)


def _header_problems(table, problems: list[Problem]) -> list[str]:
    """Missing required columns (errors) and unknown ones (warnings); the missing ones."""
    missing_cols = [c for c in REQUIRED if c not in table.columns]
    if missing_cols:
        problems.append(Problem("header", "", ",".join(missing_cols), "error",
                                f"missing required column(s): {', '.join(missing_cols)}"))
    for col in table.columns:
        if col not in COLUMNS and col != "geometry":
            problems.append(Problem("header", "", col, "warning",
                                    f"unknown column {col!r} is ignored (columns: {', '.join(COLUMNS)})"))
    return missing_cols


def _check_required(row: dict[str, str], bad) -> None:
    for col in REQUIRED:
        value = row[col]
        if col in REQUIRED_LISTS and value:
            value = split_urls(value) if col == "source_url" else split_list(value)
        if not value:
            bad(col, "missing value" + (" (every facility needs a source)" if col == "source_url" else "")
                + (f" ({row[col]!r} holds only separators)" if row[col] else ""))


def _check_place(row: dict[str, str], geoms: dict, bad) -> None:
    """The country code, the coordinates' ranges, and the point against its country
    (swapped lat/lon named as such; the distance allowed depends on ``coord_precision``)."""
    iso3 = row["country_iso3"].upper()
    if iso3 and iso3 not in geoms:
        bad("country_iso3", f"unknown ISO 3166-1 alpha-3 code {iso3!r}")
    coords: dict[str, float] = {}
    for col, limit in (("lat", 90), ("lon", 180)):
        text = row[col]
        if not text:
            continue
        try:
            val = parse_number(text)
        except ValueError as exc:
            bad(col, str(exc))
            continue
        if not -limit <= val <= limit:
            hint = " (lat and lon swapped?)" if col == "lat" and -180 <= val <= 180 else ""
            bad(col, f"{val} is outside [-{limit}, {limit}]{hint}")
            continue
        coords[col] = val
    precision = row["coord_precision"] or "city"
    if len(coords) == 2 and iso3 in geoms:
        lat, lon = coords["lat"], coords["lon"]
        geom = geoms[iso3]
        km = _km_outside(geom, lon, lat)
        if km > INSIDE_KM:
            swapped_ok = -90 <= lon <= 90 and _km_outside(geom, lat, lon) <= INSIDE_KM
            limit_km = OUTSIDE_KM.get(precision, OUTSIDE_KM["city"])
            if swapped_ok:
                bad("lat/lon", f"lat and lon look swapped: ({lat}, {lon}) is {km:,.0f} km outside "
                    f"{iso3} while ({lon}, {lat}) is inside")
            elif km > limit_km:
                bad("lat/lon", f"point is {km:,.0f} km outside {iso3}; coord_precision={precision} "
                    f"allows {limit_km:,.0f} km")


def _check_vocabulary(row: dict[str, str], bad) -> tuple[list[str], list[str]]:
    """Streams, technologies and the enumerated columns; the row's streams and technologies."""
    streams = split_list(row["streams"])
    for s in streams:
        if s not in STREAMS:
            bad("streams", f"unknown stream {s!r}; expected one of {', '.join(STREAMS)}")
    techs = split_list(row["technologies"])
    for t in techs:
        if t not in TECHNOLOGY_OPERATION:
            bad("technologies", f"unknown technology {t!r}; expected one of {', '.join(TECHNOLOGIES)}")
    for col, allowed in (("status", STATUSES), ("confidence", CONFIDENCES), ("coord_precision", PRECISIONS),
                         ("accepts_imports", ACCEPTS_IMPORTS), ("acceptance_confidence", CONFIDENCES)):
        val = row[col]
        if val and val not in allowed:
            bad(col, f"{val!r} is not one of {', '.join(allowed)}")
    return streams, techs


def _check_acceptance(row: dict[str, str], bad) -> None:
    """Whom the facility serves, with its source, and every URL column."""
    iso3 = row["country_iso3"].upper()
    try:
        tokens = parse_accepts_from(row["accepts_from"])
    except ValueError as exc:
        bad("accepts_from", str(exc))
        tokens = []
    foreign = [t for t in tokens if t not in ("domestic", iso3)]
    if row["accepts_imports"] == "no" and foreign:
        bad("accepts_from", f"accepts_imports is 'no' but accepts_from lists {';'.join(foreign)}")
    if row["accepts_imports"] in ("yes", "no") and not split_urls(row["acceptance_source"]):
        bad("acceptance_source", f"accepts_imports={row['accepts_imports']!r} needs a source "
            "(use 'unknown' when none says whom the facility serves)")
    for col in ("website", "source_url", "acceptance_source"):
        for url in split_urls(row[col]):
            if not url.lower().startswith(("http://", "https://")):
                bad(col, f"{url[:60]!r} is not an http(s) URL")


def _check_operations(row: dict[str, str], streams: list[str], techs: list[str], bad) -> None:
    """Declared operations, or those derived from the technologies; an operating facility
    with no known operation for a stream is not counted for it (a warning)."""
    if row["operations"]:
        try:
            ops = parse_operations(row["operations"], streams)
        except ValueError as exc:
            bad("operations", str(exc))
            ops = {}
    else:
        ops = derive_operations([t for t in techs if t in TECHNOLOGY_OPERATION], streams)
    if row["status"] == "operating":
        for s in streams:
            if s in STREAMS and not ops.get(s):
                bad("operations", f"no disposal/recovery operation known for stream {s!r}: "
                    "the facility is not counted for it", "warning")


def _check_numbers(row: dict[str, str], bad) -> None:
    """Capacity (not negative) and the as-of date (strict; a missing one is a warning)."""
    cap = row["capacity_tpy"]
    if cap:
        try:
            if parse_number(cap) < 0:
                bad("capacity_tpy", f"{cap!r} is negative")
        except ValueError as exc:
            bad("capacity_tpy", str(exc))
    if row["as_of"]:
        try:
            parse_date(row["as_of"], field="as_of")
        except DateError as exc:
            bad("as_of", str(exc).removeprefix("as_of: "))
    else:
        bad("as_of", "no as-of date: say when the facts were checked (YYYY-MM-DD)", "warning")
