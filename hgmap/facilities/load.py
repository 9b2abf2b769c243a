"""Loading a facility catalogue into a GeoDataFrame (validated first)."""

from __future__ import annotations

import datetime as _dt
import functools
import logging
import os
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from .._io import data_path
from ..errors import DataError, ValidationError
from .acceptance import parse_accepts_from
from .read import read_catalogue
from .schema import COLUMNS, derive_operations, parse_operations, split_list, split_urls
from .validate import check_catalogue

__all__ = ["load_facilities", "stream_operations", "catalogue_stamp"]

log = logging.getLogger(__name__)


def stream_operations(facility: pd.Series | dict, stream: str) -> list[str]:
    """Operations a catalogue row offers for ``stream`` (empty when unknown)."""
    ops = facility["operations"]
    return list(ops.get(stream, [])) if isinstance(ops, dict) else []


def _to_frame(table: pd.DataFrame) -> gpd.GeoDataFrame:
    frame = pd.DataFrame({c: [str(v).strip() for v in table[c]] if c in table.columns else [""] * len(table)
                          for c in COLUMNS})
    frame["country_iso3"] = frame["country_iso3"].str.upper()
    frame["lat"] = frame["lat"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    frame["technologies"] = [split_list(v) for v in frame["technologies"]]
    frame["streams"] = [split_list(v) for v in frame["streams"]]
    ops, basis = [], []
    for text, techs, streams, b in zip(frame["operations"], frame["technologies"], frame["streams"],
                                       frame["operations_basis"]):
        parsed = parse_operations(text, streams)
        if parsed or b.startswith("source"):
            ops.append(parsed)
            basis.append(b or "source")
        else:
            ops.append(derive_operations(techs, streams))
            basis.append("derived")
    frame["operations"] = ops
    frame["operations_basis"] = basis
    frame["capacity_tpy"] = pd.to_numeric(frame["capacity_tpy"].replace("", None), errors="coerce")
    frame["accepts_imports"] = frame["accepts_imports"].replace("", "unknown")
    frame["accepts_from"] = [parse_accepts_from(v) for v in frame["accepts_from"]]
    # No stated confidence in whom a facility serves reads as the weakest.
    frame["acceptance_confidence"] = frame["acceptance_confidence"].replace("", "low")
    frame["source_url"] = [split_urls(v) for v in frame["source_url"]]
    frame["acceptance_source"] = [split_urls(v) for v in frame["acceptance_source"]]
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4326)


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime: float, size: int) -> gpd.GeoDataFrame:
    cat = read_catalogue(path)
    report = check_catalogue(cat)
    shipped = Path(path) == data_path("facilities.csv").resolve()
    for w in report.warnings:
        # The shipped catalogue's warnings are documented in DATA.md; a user's are news.
        log.log(logging.INFO if shipped else logging.WARNING, "%s: %s", Path(path).name, w)
    if not report.ok:
        raise ValidationError(f"{path}: {len(report.errors)} bad value(s) in the facility catalogue",
                              [str(e) for e in report.errors])
    return _to_frame(cat.table)


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
        ``streams``, ``accepts_from``, ``source_url`` and ``acceptance_source`` are lists
        and ``operations`` maps each stream to its operations (``disposal``/``recovery``).
        An empty ``accepts_imports`` reads as ``unknown`` and an empty
        ``acceptance_confidence`` as ``low``. Closed facilities are kept: the
        analyses exclude them. :func:`hgmap.save_facilities` writes the frame back.

    Raises
    ------
    DataError
        The file does not exist, is a directory or cannot be read, or holds no facility
        (an analysis needs at least one).
    ValidationError
        Listing every bad row by line (or feature) number and field.
    """
    if path is not None and _is_database(path):  # its facility entries, validated the same way
        from ..catalogue import open_catalogue

        with open_catalogue(path) as cat:
            return cat.facilities()
    resolved, mtime, size = catalogue_stamp(path)
    return _load(resolved, mtime, size).copy()


def _is_database(path: str | os.PathLike[str]) -> bool:
    from ..catalogue.store import is_catalogue

    return is_catalogue(path)


def catalogue_stamp(path: str | os.PathLike[str] | None = None) -> tuple[str, float, int]:
    """``(resolved path, mtime, size)`` of a catalogue file, for caches keyed on its version.

    For a catalogue database the second item is its last change number instead.

    Use this instead of ``os.stat`` so that a missing path or a directory is a clear
    :class:`~hgmap.errors.DataError` (naming the path) wherever a catalogue is accepted.

    Raises
    ------
    DataError
        The path does not exist or is a directory.
    """
    if path is not None and _is_database(path):
        from ..catalogue.store import source_stamp

        where, revision = source_stamp(path)
        return where, float(revision), 0
    p = Path(path) if path is not None else data_path("facilities.csv")
    if not p.exists():
        raise DataError(f"{p}: no such file (facility catalogue)")
    if p.is_dir():
        raise DataError(f"{p}: is a directory, not a facility catalogue")
    st = p.stat()
    return str(p.resolve()), st.st_mtime, st.st_size


def catalogue_dates(facilities: Any) -> tuple[str, str] | None:
    """``(oldest, newest)`` ``as_of`` of a facility catalogue's records (ISO dates), or ``None``:
    the facilities, their statuses and acceptance are the catalogue's as checked on those dates."""
    if facilities is None or "as_of" not in getattr(facilities, "columns", ()):
        return None
    days = []
    for value in facilities["as_of"]:
        try:
            days.append(_dt.date.fromisoformat(str(value).strip()[:10]))
        except ValueError:
            continue
    if not days:
        return None
    return min(days).isoformat(), max(days).isoformat()
