"""Writing a catalogue frame back to CSV, GeoJSON or GeoPackage in the loader's schema."""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from .._io import atomic_path, atomic_write_text
from ..errors import DataError
from .read import FORMATS, LAYER
from .schema import COLUMNS, format_operations

__all__ = ["save_facilities"]

_LISTS = {"technologies": ";", "streams": ";", "accepts_from": ";", "source_url": " | ", "acceptance_source": " | "}


def _cell(col: str, value: object) -> str:
    if isinstance(value, dict):
        return format_operations(value)
    if isinstance(value, (list, tuple, np.ndarray, set)):
        return _LISTS.get(col, ";").join(str(v).strip() for v in value if str(v).strip())
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return repr(int(value)) if value.is_integer() and col == "capacity_tpy" else repr(value)
    if isinstance(value, (np.floating, np.integer)):
        return _cell(col, value.item())
    return str(value)


def _text_table(frame: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("id", "name", "country_iso3") if c not in frame.columns]
    if missing:
        raise DataError(f"save_facilities: the frame has no column(s) {', '.join(missing)}")
    has_geom = isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns
    out = {}
    for col in COLUMNS:
        if col in ("lat", "lon") and has_geom and (col not in frame.columns or frame[col].isna().any()):
            # Rows added without lat/lon take them from their geometry.
            geo = frame.geometry.y if col == "lat" else frame.geometry.x
            vals = frame[col].where(frame[col].notna(), geo) if col in frame.columns else geo
        elif col in frame.columns:
            vals = frame[col]
        else:
            vals = pd.Series([""] * len(frame), index=frame.index)
        out[col] = [_cell(col, v) for v in vals]
    return pd.DataFrame(out, columns=list(COLUMNS))


def save_facilities(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a catalogue frame to CSV, GeoJSON or GeoPackage, readable by :func:`load_facilities`.

    Lists are joined as in the shipped file (``;``, and `` | `` between URLs),
    ``operations`` is written as ``stream:op|op;...``, missing values as empty cells, and
    the columns in :data:`~hgmap.facilities.COLUMNS` order (others are dropped). Rows
    added in pandas may give ``lat``/``lon`` or only a point geometry. The file is
    written atomically; GeoJSON/GeoPackage get EPSG:4326 points from ``lon``/``lat``
    (GeoPackage layer ``facilities``). The frame is not validated here: load the file
    back (or :func:`validate_facilities` it) to check it.

    Parameters
    ----------
    frame
        A frame from :func:`load_facilities`, possibly edited, or any frame with the
        catalogue columns (list or text cells).
    path
        Output file; the suffix picks the format (``.csv``, ``.geojson``/``.json``, ``.gpkg``).

    Returns
    -------
    pathlib.Path
        The written path.

    Raises
    ------
    DataError
        Unsupported suffix, missing ``id``/``name``/``country_iso3`` columns, or the
        path cannot be written (a directory, under a regular file, no permission).

    Examples
    --------
    >>> import hgmap, tempfile, pathlib
    >>> fac = hgmap.load_facilities()
    >>> out = hgmap.save_facilities(fac, pathlib.Path(tempfile.mkdtemp()) / "cat.csv")
    >>> len(hgmap.load_facilities(out)) == len(fac)
    True
    """
    p = Path(path)
    if p.is_dir():
        raise DataError(f"{p}: is a directory; give a file name")
    kind = FORMATS.get(p.suffix.lower())
    if kind is None:
        raise DataError(f"{p}: unsupported catalogue format {p.suffix.lower()!r} (use .csv, .geojson or .gpkg)")
    table = _text_table(frame)
    try:
        if kind == "csv":
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(table.itertuples(index=False, name=None))
            atomic_write_text(p, buf.getvalue())
        else:
            lon = pd.to_numeric(table["lon"], errors="coerce")
            lat = pd.to_numeric(table["lat"], errors="coerce")
            geo = gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(lon, lat), crs=4326)
            with atomic_path(p) as tmp:
                if kind == "gpkg":
                    geo.to_file(tmp, driver="GPKG", layer=LAYER)
                else:
                    geo.to_file(tmp, driver="GeoJSON")
    except OSError as exc:
        raise DataError(f"{p}: cannot write the catalogue: {exc.strerror or exc}") from None
    return p
