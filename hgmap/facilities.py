"""The facility catalogue: mercury-waste treatment facilities, loading and validation.

The shipped catalogue (``data/facilities.csv``) is built by ``data/build_facilities.py``
from the team's facility research; users can bring their own catalogue with the same
schema as CSV, GeoJSON or GeoPackage. Validation names every bad row by its line
number and field, and reports clean rows as fine.
"""

from __future__ import annotations

import functools
import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Geod
from shapely.ops import nearest_points

from ._io import data_path
from .countries import load_countries
from .errors import DataError, ValidationError
from .vocab import OPERATIONS, STREAMS

__all__ = [
    "COLUMNS",
    "TECHNOLOGIES",
    "STATUSES",
    "TECHNOLOGY_OPERATION",
    "Problem",
    "ValidationReport",
    "load_facilities",
    "read_catalogue",
    "validate_facilities",
    "derive_operations",
    "stream_operations",
]

log = logging.getLogger(__name__)
_GEOD = Geod(ellps="WGS84")

#: Catalogue columns, in file order.
COLUMNS: tuple[str, ...] = (
    "id", "operator", "name", "city", "country_iso3", "lat", "lon", "coord_precision",
    "technologies", "streams", "operations", "operations_basis", "capacity_tpy", "capacity_note",
    "status", "website", "source_url", "confidence", "as_of", "notes",
)
REQUIRED: tuple[str, ...] = (
    "id", "name", "country_iso3", "lat", "lon", "technologies", "streams", "status", "source_url", "confidence",
)

#: Basel operation class of each technology: recovery (Annex IV B, e.g. R4 metal
#: reclamation) or disposal (Annex IV A: D9 stabilisation, D5 engineered landfill, D12
#: permanent storage). ``other`` carries no inference.
TECHNOLOGY_OPERATION: dict[str, str | None] = {
    "retorting": "recovery",
    "distillation": "recovery",
    "thermal_desorption": "recovery",
    "lamp_recycling": "recovery",
    "battery_recycling": "recovery",
    "amalgam_recovery": "recovery",
    "sulfur_stabilization": "disposal",
    "stabilization": "disposal",
    "solidification": "disposal",
    "landfill": "disposal",
    "underground_storage": "disposal",
    "soil_treatment": "disposal",
    "other": None,
}
TECHNOLOGIES: tuple[str, ...] = tuple(TECHNOLOGY_OPERATION)

# Recovery technologies dedicated to one stream; every other technology can serve any
# stream the facility accepts.
_DEDICATED = {"lamp_recycling": {"lamps"}, "battery_recycling": {"batteries"}, "amalgam_recovery": {"dental_amalgam"}}

STATUSES: tuple[str, ...] = ("operating", "closed", "unknown", "planned")
CONFIDENCES: tuple[str, ...] = ("high", "medium", "low")
PRECISIONS: tuple[str, ...] = ("site", "city", "region")
#: Beyond this distance (km) from its stated country, a point draws a warning.
OUTSIDE_KM: dict[str, float] = {"site": 5.0, "city": 30.0, "region": 100.0}
#: Inside the country, or closer than this (km), counts as "in its country".
INSIDE_KM = 2.0


@dataclass(frozen=True)
class Problem:
    """One validation finding.

    ``where`` is ``line N`` for CSV (the header is line 1) or ``feature N`` for
    GeoJSON/GeoPackage (1-based).
    """

    where: str
    facility_id: str
    field: str
    severity: str  # "error" | "warning"
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

    def clean_rows(self) -> list[tuple[str, str]]:
        bad = {p.where for p in self.problems}
        return [r for r in self.rows if r[0] not in bad]

    def format(self) -> str:
        """Human-readable report: every problem, then the rows that are fine."""
        lines = [f"{self.path}: {len(self.rows)} rows, {len(self.errors)} errors, {len(self.warnings)} warnings"]
        lines += [f"  {p}" for p in self.problems]
        clean = self.clean_rows()
        if clean and self.problems:
            lines.append(f"  fine: {len(clean)} rows ({', '.join(f'{w} [{i}]' for w, i in clean)})")
        return "\n".join(lines)


def _split(value: object) -> list[str]:
    """Split a ``;``-separated catalogue cell (lists pass through)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(";") if v.strip()]


def derive_operations(technologies: list[str], streams: list[str]) -> dict[str, list[str]]:
    """Operations per stream implied by the technologies (see :data:`TECHNOLOGY_OPERATION`).

    A stream gets no entry when no technology implies an operation for it.
    """
    out: dict[str, list[str]] = {}
    for stream in streams:
        ops = set()
        for tech in technologies:
            op = TECHNOLOGY_OPERATION.get(tech)
            if op is None:
                continue
            if tech in _DEDICATED and stream not in _DEDICATED[tech]:
                continue
            ops.add(op)
        if ops:
            out[stream] = sorted(ops)
    return out


def _parse_operations(text: str, streams: list[str]) -> dict[str, list[str]]:
    """Parse ``stream:op|op;stream:op`` or a facility-wide ``op;op`` list."""
    text = (text or "").strip()
    if not text:
        return {}
    if ":" not in text:
        ops = sorted({o.strip() for o in text.replace("|", ";").split(";") if o.strip()})
        for o in ops:
            if o not in OPERATIONS:
                raise ValueError(f"unknown operation {o!r}")
        return {s: ops for s in streams}
    out: dict[str, list[str]] = {}
    for item in text.split(";"):
        if not item.strip():
            continue
        if ":" not in item:
            raise ValueError(f"{item!r} is not 'stream:operation'")
        stream, ops_text = (x.strip() for x in item.split(":", 1))
        if stream not in STREAMS:
            raise ValueError(f"unknown stream {stream!r}")
        ops = sorted({o.strip() for o in ops_text.split("|") if o.strip()})
        for o in ops:
            if o not in OPERATIONS:
                raise ValueError(f"unknown operation {o!r} for {stream}")
        out[stream] = ops
    return out


def stream_operations(facility: pd.Series | dict, stream: str) -> list[str]:
    """Operations a catalogue row offers for ``stream`` (empty when unknown)."""
    ops = facility["operations"]
    return list(ops.get(stream, [])) if isinstance(ops, dict) else []


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


def read_catalogue(path: str | os.PathLike[str]) -> tuple[pd.DataFrame, list[str]]:
    """Read a catalogue file as text columns; return the table and each row's location label."""
    p = Path(path)
    if not p.exists():
        raise DataError(f"{p}: no such file")
    suffix = p.suffix.lower()
    try:
        if suffix == ".csv":
            table = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
            where = [f"line {i + 2}" for i in range(len(table))]
        elif suffix in (".geojson", ".json", ".gpkg"):
            # Dates stay text: the validator checks them (GDAL would turn "2026-11-26" into a datetime).
            frame = gpd.read_file(p, engine="pyogrio", datetime_as_string=True)
            if frame.crs is not None and frame.crs.to_epsg() != 4326:
                raise DataError(f"{p}: CRS is {frame.crs.to_string()}; hgmap expects EPSG:4326 (use to_crs(4326))")
            table = pd.DataFrame(frame.drop(columns="geometry"))
            for col in table.columns:
                table[col] = table[col].map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v))
            if "lat" not in table.columns or "lon" not in table.columns:
                pts = frame.geometry
                table["lon"] = ["" if g is None or g.is_empty else repr(g.x) for g in pts]
                table["lat"] = ["" if g is None or g.is_empty else repr(g.y) for g in pts]
            where = [f"feature {i + 1}" for i in range(len(table))]
        else:
            raise DataError(f"{p}: unsupported catalogue format {suffix!r} (use .csv, .geojson or .gpkg)")
    except DataError:
        raise
    except Exception as exc:  # pandas/pyogrio raise many types for unreadable files
        raise DataError(f"{p}: cannot read catalogue: {exc}") from exc
    return table, where


def validate_facilities(path: str | os.PathLike[str] | None = None) -> ValidationReport:
    """Check a facility catalogue and report every problem by row and field.

    Errors: missing columns or required values, duplicate ids, unknown ISO3, lat/lon
    out of range or not numbers, lat and lon swapped (the point is far outside its
    stated country while the swapped point is inside), unknown streams, technologies,
    status, confidence or precision values, a missing source, a non-http(s) URL, a
    malformed ``operations`` field. Warnings: a point outside its stated country
    (with the distance), a stream with no known operation.

    Parameters
    ----------
    path
        CSV, GeoJSON or GeoPackage; ``None`` checks the shipped catalogue.
    """
    p = Path(path) if path is not None else data_path("facilities.csv")
    table, where = read_catalogue(p)
    return _check_table(table, where, str(p))


def _check_table(table: pd.DataFrame, where: list[str], label: str) -> ValidationReport:
    """The checks of :func:`validate_facilities` on a table already read."""
    problems: list[Problem] = []
    missing_cols = [c for c in REQUIRED if c not in table.columns]
    if missing_cols:
        problems.append(Problem("header", "", ",".join(missing_cols), "error",
                                f"missing required column(s): {', '.join(missing_cols)}"))
        return ValidationReport(label, list(zip(where, [""] * len(where))), problems)
    geoms = _country_geoms()
    seen: dict[str, str] = {}
    ids = []
    for i, row in table.iterrows():
        w = where[i]
        fid = str(row.get("id", "")).strip()
        ids.append((w, fid))

        def bad(field: str, msg: str, severity: str = "error") -> None:
            problems.append(Problem(w, fid, field, severity, msg))

        for col in REQUIRED:
            if str(row.get(col, "")).strip() == "":
                bad(col, "missing value" + (" (every facility needs a source)" if col == "source_url" else ""))
        if fid:
            if fid in seen:
                bad("id", f"duplicate id {fid!r} (first at {seen[fid]})")
            else:
                seen[fid] = w
        iso3 = str(row.get("country_iso3", "")).strip().upper()
        if iso3 and iso3 not in geoms:
            bad("country_iso3", f"unknown ISO 3166-1 alpha-3 code {iso3!r}")
        lat = lon = None
        for col in ("lat", "lon"):
            text = str(row.get(col, "")).strip()
            if not text:
                continue
            try:
                val = float(text)
            except ValueError:
                bad(col, f"{text!r} is not a number")
                continue
            if not math.isfinite(val):
                bad(col, f"{text!r} is not a finite number")
                continue
            limit = 90 if col == "lat" else 180
            if not -limit <= val <= limit:
                swapped_hint = " (lat and lon swapped?)" if col == "lat" and -180 <= val <= 180 else ""
                bad(col, f"{val} is outside [-{limit}, {limit}]{swapped_hint}")
                continue
            if col == "lat":
                lat = val
            else:
                lon = val
        if lat is not None and lon is not None and iso3 in geoms:
            geom = geoms[iso3]
            km = _km_outside(geom, lon, lat)
            precision = str(row.get("coord_precision", "")).strip() or "city"
            if km > INSIDE_KM:
                swapped_ok = -90 <= lon <= 90 and _km_outside(geom, lat, lon) <= INSIDE_KM
                if swapped_ok:
                    bad("lat/lon", f"lat and lon look swapped: ({lat}, {lon}) is {km:,.0f} km outside "
                        f"{iso3} while ({lon}, {lat}) is inside")
                elif km > OUTSIDE_KM.get(precision, 30.0):
                    bad("lat/lon", f"point is {km:,.0f} km outside {iso3} (coord_precision={precision})", "warning")
        streams = _split(row.get("streams", ""))
        for s in streams:
            if s not in STREAMS:
                bad("streams", f"unknown stream {s!r}; expected one of {', '.join(STREAMS)}")
        techs = _split(row.get("technologies", ""))
        for t in techs:
            if t not in TECHNOLOGY_OPERATION:
                bad("technologies", f"unknown technology {t!r}; expected one of {', '.join(TECHNOLOGIES)}")
        for col, allowed in (("status", STATUSES), ("confidence", CONFIDENCES), ("coord_precision", PRECISIONS)):
            val = str(row.get(col, "")).strip()
            if val and val not in allowed:
                bad(col, f"{val!r} is not one of {', '.join(allowed)}")
        for col in ("website", "source_url"):
            for url in str(row.get(col, "")).replace(" | ", ";").split(";"):
                url = url.strip()
                if url and not url.lower().startswith(("http://", "https://")):
                    bad(col, f"{url[:60]!r} is not an http(s) URL")
        try:
            ops = _parse_operations(str(row.get("operations", "")), streams)
        except ValueError as exc:
            bad("operations", str(exc))
            ops = {}
        if not str(row.get("operations", "")).strip():
            ops = derive_operations([t for t in techs if t in TECHNOLOGY_OPERATION], streams)
        if str(row.get("status", "")).strip() == "operating":
            for s in streams:
                if s in STREAMS and not ops.get(s):
                    bad("operations", f"no disposal/recovery operation known for stream {s!r}: "
                        "the facility is not counted for it", "warning")
        cap = str(row.get("capacity_tpy", "")).strip()
        if cap:
            try:
                if float(cap) < 0:
                    bad("capacity_tpy", f"{cap!r} is negative")
            except ValueError:
                bad("capacity_tpy", f"{cap!r} is not a number")
    return ValidationReport(label, ids, problems)


def _to_frame(table: pd.DataFrame) -> gpd.GeoDataFrame:
    frame = pd.DataFrame({c: table[c] if c in table.columns else "" for c in COLUMNS})
    frame["country_iso3"] = frame["country_iso3"].str.strip().str.upper()
    frame["lat"] = frame["lat"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    frame["technologies"] = [_split(v) for v in frame["technologies"]]
    frame["streams"] = [_split(v) for v in frame["streams"]]
    ops = []
    basis = []
    for text, techs, streams, b in zip(table.get("operations", [""] * len(frame)), frame["technologies"],
                                       frame["streams"], frame["operations_basis"]):
        parsed = _parse_operations(str(text), streams)
        if parsed or str(b).startswith("source"):
            ops.append(parsed)
            basis.append(b or "source")
        else:
            ops.append(derive_operations(techs, streams))
            basis.append("derived")
    frame["operations"] = ops
    frame["operations_basis"] = basis
    frame["capacity_tpy"] = pd.to_numeric(frame["capacity_tpy"].replace("", None), errors="coerce")
    frame["source_url"] = [[u.strip() for u in str(v).split(" | ") if u.strip()] for v in frame["source_url"]]
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4326)


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> gpd.GeoDataFrame:
    table, where = read_catalogue(path)
    report = _check_table(table, where, path)
    shipped = Path(path) == data_path("facilities.csv").resolve()
    for w in report.warnings:
        # The shipped catalogue's warnings are documented in DATA.md; a user's are news.
        log.log(logging.INFO if shipped else logging.WARNING, "%s: %s", Path(path).name, w)
    if not report.ok:
        raise ValidationError(f"{path}: {len(report.errors)} bad value(s) in the facility catalogue",
                              [str(e) for e in report.errors])
    return _to_frame(table)


def load_facilities(path: str | os.PathLike[str] | None = None) -> gpd.GeoDataFrame:
    """Load the shipped facility catalogue, or a user catalogue with the same schema.

    Parameters
    ----------
    path
        CSV, GeoJSON or GeoPackage; a catalogue database (a ``.gpkg`` made by
        ``hgmap catalogue init`` or a ``postgresql://`` URL: its ``facility`` entries);
        ``None`` loads the shipped ``data/facilities.csv``.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326 points with the columns of :data:`COLUMNS`; ``technologies``,
        ``streams`` and ``source_url`` are lists and ``operations`` maps each stream to
        its operations (``disposal``/``recovery``). Closed facilities are kept: the
        analyses exclude them.

    Raises
    ------
    ValidationError
        Listing every bad row by line (or feature) number and field.
    """
    if path is not None:
        from .catalogue.store import is_catalogue

        if is_catalogue(path):  # a catalogue database: its facility entries, validated
            from .catalogue import open_catalogue

            with open_catalogue(path) as cat:
                return cat.facilities()
    p = Path(path) if path is not None else data_path("facilities.csv")
    if not p.exists():
        raise DataError(f"{p}: no such file")
    return _load(str(p.resolve()), p.stat().st_mtime).copy()
