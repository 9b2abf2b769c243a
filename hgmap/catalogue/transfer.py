"""Moving entries in and out of a catalogue database: import a file, export a file."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .._io import atomic_path, atomic_write_text
from ..errors import DataError, ValidationError
from .entries import read_entries
from .schema import ENTRY_COLUMNS
from .store import Catalogue, EditResult

__all__ = ["import_entries", "export_entries", "EXPORT_FORMATS"]

log = logging.getLogger(__name__)

EXPORT_FORMATS: tuple[str, ...] = ("csv", "geojson", "gpkg")


def import_entries(catalogue: Catalogue, path: str | os.PathLike[str], *, source: str | None = None,
                   organisation: str, skip_bad: bool = False) -> EditResult:
    """Check a file of entries and apply it to ``catalogue`` in one transaction.

    Parameters
    ----------
    catalogue
        An open :class:`Catalogue`.
    path
        CSV, GeoJSON or GeoPackage with the entry columns (a row that changes an
        existing entry carries the ``version`` it was edited from).
    source
        Where the facts come from, logged with every change (default: the file name).
    organisation
        The contributor's organisation, logged with every change.
    skip_bad
        Apply the good rows and list the bad ones (and rows in conflict) instead of
        refusing the whole file.

    Raises
    ------
    ValidationError
        When any row is bad and ``skip_bad`` is false; nothing is written.
    ConflictError
        When a row was edited from an outdated version and ``skip_bad`` is false.
    """
    found = read_entries(path)
    errors = [p for p in found.problems if ": error: " in p]
    for p in found.problems:
        if ": warning: " in p:
            log.warning("%s", p)
    if errors and not skip_bad:
        raise ValidationError(f"{path}: {len(found.bad_rows)} bad row(s); nothing imported "
                              "(fix them, or pass --skip-bad to import the rest)", errors)
    result = catalogue.apply(found.rows, source=source or Path(path).name, organisation=organisation,
                             skip_conflicts=skip_bad)
    result.skipped = [f"{r}: bad row (see the problems above)" for r in found.bad_rows] + result.skipped
    if errors:
        result.skipped += errors
    return result


def export_entries(catalogue: Catalogue, path: str | os.PathLike[str], *, kind: str | None = None) -> Path:
    """Write every entry (or one ``kind``) to CSV, GeoJSON or GeoPackage, with its ``version``.

    The CSV is the file a contributor edits and sends back to ``catalogue import``.
    """
    out = Path(path)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        raise DataError(f"{out}: export format {fmt!r} not supported (use .csv, .geojson or .gpkg)")
    table = catalogue.frame(kind=kind)[[*ENTRY_COLUMNS, "version"]]
    if fmt == "csv":
        return atomic_write_text(out, table.to_csv(index=False, lineterminator="\n"))
    lon = pd.to_numeric(table["lon"], errors="coerce")
    lat = pd.to_numeric(table["lat"], errors="coerce")
    geom = gpd.points_from_xy(lon, lat)
    frame = gpd.GeoDataFrame(table.astype(str), geometry=[None if pd.isna(x) or pd.isna(y) else g
                                                         for g, x, y in zip(geom, lon, lat)], crs=4326)
    with atomic_path(out) as tmp:
        frame.to_file(tmp, driver="GeoJSON" if fmt == "geojson" else "GPKG", engine="pyogrio", layer="entries")
    return out


def check_importable(path: str | os.PathLike[str]) -> list[str]:
    """Every problem of an entries file, without a database (for `catalogue import --check`)."""
    try:
        return read_entries(path).problems
    except ValidationError as exc:
        return exc.problems
