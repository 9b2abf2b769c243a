"""Reading a catalogue file (CSV, GeoJSON, GeoPackage) into a text table, strictly.

Every cell comes back as text, with each row's location label (``line N`` of a CSV,
counting the header as line 1 and multi-line quoted cells correctly; ``feature N`` of a
GeoJSON/GeoPackage) and the problems that reading itself found (duplicate column names,
rows with the wrong number of fields, geometries that are not points or disagree with
the ``lat``/``lon`` properties). :func:`hgmap.facilities.validate_facilities` checks the
values.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..errors import DataError
from .schema import parse_number

__all__ = ["Catalogue", "read_catalogue", "FORMATS"]

#: File suffixes and the format each is read as.
FORMATS: dict[str, str] = {".csv": "csv", ".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg"}
#: The GeoPackage layer read when a file has several (``save_facilities`` writes it).
LAYER = "facilities"
# Two points closer than this (degrees, ~1 m) agree.
_AGREE_DEG = 1e-5


@dataclass
class Catalogue:
    """A catalogue file read as text."""

    path: str
    table: pd.DataFrame
    where: list[str]
    #: ``(where, field, message, severity)`` of every problem found while reading.
    problems: list[tuple[str, str, str, str]] = field(default_factory=list)


def _text(v: object) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
        return ""
    # GDAL types date-like text in GeoJSON/GPKG; give the day back as YYYY-MM-DD.
    if isinstance(v, (pd.Timestamp, dt.datetime)):
        if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0) and v.tzinfo is None:
            return v.date().isoformat()
        return v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _read_csv(p: Path) -> Catalogue:
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[tuple[str, str, str, str]] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise DataError(f"{p}: cannot read the CSV header: {exc}") from None
    if header is None or not any(h.strip() for h in header):
        raise DataError(f"{p}: empty file (no header row)")
    header = [h.strip() for h in header]
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if h in seen:
            problems.append(("header", h or f"column {i + 1}",
                             f"duplicate column name {h!r} (columns {seen[h] + 1} and {i + 1})", "error"))
        else:
            seen[h] = i
        if not h:
            problems.append(("header", f"column {i + 1}", "empty column name", "error"))
    rows: list[list[str]] = []
    where: list[str] = []
    start = reader.line_num + 1
    try:
        for rec in reader:
            label = f"line {start}"
            start = reader.line_num + 1
            if not rec or (len(rec) == 1 and not rec[0].strip()):
                continue  # blank line
            if len(rec) > len(header):
                problems.append((label, "row", f"{len(rec)} fields where the header has {len(header)}: "
                                 "the extra values belong to no column", "error"))
                rec = rec[: len(header)]
            elif len(rec) < len(header):
                # Shorter rows are common (older files, trailing empty cells dropped): the
                # missing trailing fields read as empty, and the value checks still run.
                problems.append((label, "row", f"{len(rec)} fields where the header has {len(header)}: "
                                 f"the last {len(header) - len(rec)} read as empty", "warning"))
                rec = rec + [""] * (len(header) - len(rec))
            rows.append(rec)
            where.append(label)
    except csv.Error as exc:
        raise DataError(f"{p}: line {reader.line_num}: malformed CSV: {exc}") from None
    # Duplicate names: keep the first column under its name, the others are reported.
    keep = [seen[h] for h in dict.fromkeys(header)]
    table = pd.DataFrame([[r[i] for i in keep] for r in rows], columns=[header[i] for i in keep], dtype=object)
    return Catalogue(str(p), table, where, problems)


def _read_geo(p: Path, kind: str) -> Catalogue:
    problems: list[tuple[str, str, str, str]] = []
    layer = None
    if kind == "gpkg":
        layers = [str(name) for name, *_ in gpd.list_layers(p).itertuples(index=False)]
        if not layers:
            raise DataError(f"{p}: the GeoPackage has no layer")
        if len(layers) > 1:
            if LAYER not in layers:
                raise DataError(f"{p}: the GeoPackage has {len(layers)} layers ({', '.join(layers)}); "
                                f"name the catalogue layer {LAYER!r} or save one layer per file")
            layer = LAYER
    frame = gpd.read_file(p, layer=layer) if layer else gpd.read_file(p)
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        raise DataError(f"{p}: CRS is {frame.crs.to_string()}; hgmap expects EPSG:4326 (use to_crs(4326))")
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    for col in table.columns:
        table[col] = table[col].map(_text).astype(object)
    where = [f"feature {i + 1}" for i in range(len(table))]
    has_ll = "lat" in table.columns and "lon" in table.columns
    lons, lats = [], []
    for i, g in enumerate(frame.geometry):
        lon = lat = ""
        if g is None or g.is_empty:
            if not has_ll:
                problems.append((where[i], "geometry", "no geometry and no lat/lon properties", "error"))
        elif g.geom_type != "Point":
            problems.append((where[i], "geometry", f"a {g.geom_type}, not a Point", "error"))
        elif not (math.isfinite(g.x) and math.isfinite(g.y)):
            problems.append((where[i], "geometry", f"point ({g.x}, {g.y}) is not finite", "error"))
        else:
            lon, lat = repr(float(g.x)), repr(float(g.y))
            if has_ll:
                try:
                    plon, plat = parse_number(table.at[i, "lon"]), parse_number(table.at[i, "lat"])
                except ValueError:
                    pass  # the value check reports it
                else:
                    if abs(plon - g.x) > _AGREE_DEG or abs(plat - g.y) > _AGREE_DEG:
                        problems.append((where[i], "geometry",
                                         f"point ({g.x:.6f}, {g.y:.6f}) disagrees with the lon/lat properties "
                                         f"({plon}, {plat})", "error"))
        lons.append(lon)
        lats.append(lat)
    if not has_ll:
        table["lon"] = lons
        table["lat"] = lats
    return Catalogue(str(p), table.reset_index(drop=True), where, problems)


def read_catalogue(path: str | os.PathLike[str]) -> Catalogue:
    """Read a catalogue file as text columns.

    Raises
    ------
    DataError
        The file does not exist, is a directory, is not UTF-8, has an unsupported
        suffix, several GeoPackage layers none of which is ``facilities``, a CRS other
        than EPSG:4326, or cannot be parsed at all.
    """
    p = Path(path)
    if not p.exists():
        raise DataError(f"{p}: no such file")
    if p.is_dir():
        raise DataError(f"{p}: is a directory, not a catalogue file")
    kind = FORMATS.get(p.suffix.lower())
    if kind is None:
        raise DataError(f"{p}: unsupported catalogue format {p.suffix.lower()!r} (use .csv, .geojson or .gpkg)")
    try:
        return _read_csv(p) if kind == "csv" else _read_geo(p, kind)
    except DataError:
        raise
    except Exception as exc:  # pyogrio raises many types for unreadable files
        raise DataError(f"{p}: cannot read catalogue: {exc}") from exc
