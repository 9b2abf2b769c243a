"""Origins: which countries a run is about, where each one's waste starts, user points.

* :func:`select_origins` turns ``"all"``, ``"sids"``, ``"none"``, ``"FJI,TUV"`` or a list of
  ISO3 codes into checked codes; every module that takes an ``origins`` argument calls it.
* :func:`default_origins` is each country's default origin point: its capital or, where
  the capital is not where the waste would leave from, its main port city (GeoNames,
  CC BY 4.0; ``data/origins.csv``, built by ``data/build_origins.py``), overridable with
  ``overrides`` (ISO3 -> (lon, lat[, name])).
* :func:`load_origin_points_file` reads user origin points (clinics, collection points,
  mining sites) from CSV, GeoJSON or GeoPackage, checked row by row.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .countries import check_country, load_countries
from .errors import DataError, HgmapError, ValidationError

__all__ = ["select_origins", "default_origins", "load_origin_points_file", "MAX_POINT_OFFSHORE_KM", "COLUMN_ALIASES"]

#: A user point may lie this far outside its stated country's polygon (coastlines,
#: harbours, the 1:10m generalisation); farther is a wrong country or a typo.
MAX_POINT_OFFSHORE_KM = 50.0


def select_origins(spec: str | Iterable[str] | None, *, default: str = "all") -> list[str]:
    """Resolve an origin selection to checked ISO3 codes.

    Parameters
    ----------
    spec
        ``"all"`` (every country), ``"sids"`` (the 58 SIDS), ``"none"`` (no country),
        a comma-separated string of ISO3 codes, or an iterable of them. ``None`` means
        ``default``.
    default
        What ``None`` stands for.

    Returns
    -------
    list of str
        ``all`` and ``sids`` give sorted codes; explicit codes keep their order, each once.

    Raises
    ------
    UnknownCountryError
        When a code is not in the countries layer (the message names it).
    HgmapError
        When an explicit selection names no country at all (``""``, ``","``).
    """
    if spec is None:
        spec = default
    countries = load_countries()
    if isinstance(spec, str):
        word = spec.strip().lower()
        if word == "all":
            return sorted(countries["iso3"])
        if word == "sids":
            return sorted(countries.loc[countries["sids"].fillna(False).astype(bool), "iso3"])
        if word == "none":
            return []
        items: list[str] = spec.split(",")
    else:
        items = [str(c) for c in spec]
    out: list[str] = []
    for item in items:
        if not item.strip():
            continue
        code = check_country(item, field="origins")
        if code not in out:
            out.append(code)
    if not out and isinstance(spec, str):
        raise HgmapError(f"origins: {spec!r} names no country; give ISO3 codes, 'sids' or 'all'")
    return out


def default_origins(overrides: Mapping[str, tuple] | None = None) -> pd.DataFrame:
    """Each country's default origin point (``iso3``, ``name``, ``lon``, ``lat``, ``basis``,
    ``source``, ``confidence``, ``as_of``), with ``overrides`` (ISO3 -> ``(lon, lat)`` or
    ``(lon, lat, name)``) replacing rows; overridden rows get basis ``user``."""
    from ._io import data_path

    table = pd.read_csv(data_path("origins.csv"), dtype={"geonameid": "string", "population": "string"},
                        keep_default_na=False)
    if overrides:
        table = table.set_index("iso3")
        for code, val in overrides.items():
            code = check_country(code, field="origin override")
            lon, lat = float(val[0]), float(val[1])
            _check_lonlat(lon, lat, f"origin override {code}")
            table.loc[code, ["lon", "lat", "basis", "source", "confidence"]] = [lon, lat, "user", "user", "user"]
            if len(val) > 2:
                table.loc[code, "name"] = str(val[2])
        table = table.reset_index()
    return table


def _check_lonlat(lon: float, lat: float, where: str) -> None:
    if not (-180 <= lon <= 180) or not (-90 <= lat <= 90):
        raise HgmapError(f"{where}: lon/lat ({lon}, {lat}) out of range")


def load_origin_points_file(path: str | os.PathLike) -> pd.DataFrame:
    """Read user origin points, one answer per point.

    Parameters
    ----------
    path
        CSV with columns ``id``, ``country`` (ISO3), ``lat``, ``lon`` and optionally
        ``name`` (headers are case-insensitive; ``latitude`` is read as ``lat`` and
        ``longitude``, ``long`` or ``lng`` as ``lon``, see :data:`COLUMN_ALIASES`); or a
        GeoJSON / GeoPackage of Point features with ``id``, ``country`` (and ``name``)
        attributes (EPSG:4326 or a CRS the file declares).

    Returns
    -------
    pandas.DataFrame
        ``id``, ``country_iso3``, ``name``, ``lon``, ``lat``, in file order.

    Raises
    ------
    ValidationError
        Bad rows, each named by line (CSV: file line; other formats: feature number)
        and field: missing id or duplicate id, a feature that is not a Point (null,
        empty, Polygon...), lat/lon not a number or out of range,
        unknown country, a point more than :data:`MAX_POINT_OFFSHORE_KM` km outside
        its stated country.
    """
    p = os.fspath(path)
    if not os.path.exists(p):
        raise DataError(f"origins file {p}: no such file")
    ext = os.path.splitext(p)[1].lower()
    raw, first_line = _read_points_table(p, ext)
    raw.columns = _aliased([str(c).strip().lower() for c in raw.columns])
    need = {"id", "country", "lat", "lon"}
    if not need <= set(raw.columns):
        missing = need - set(raw.columns)
        raise ValidationError(f"origins file {p}: needs columns id, country, lat, lon",
                              [f"line 1 (header): missing {', '.join(sorted(missing))}"
                               + (_header_hint(p, list(raw.columns)) if ext == ".csv" else "")
                               + _alias_hint(list(raw.columns), missing)])
    countries = load_countries().set_index("iso3")
    problems: list[str] = []
    rows = _checked_rows(raw, set(countries.index), "line" if ext == ".csv" else "feature", first_line, problems)
    problems += _offshore_problems(rows, countries)
    problems.sort(key=_problem_order)
    if problems:
        raise ValidationError(f"origins file {p}: {len(problems)} problem(s)", problems)
    if not rows:
        raise ValidationError(f"origins file {p}: no origin points", [])
    return pd.DataFrame(rows).drop(columns="_where")


#: The formats :func:`load_origin_points_file` reads, by file extension.
POINT_FORMATS = {".csv": "csv", ".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg"}


def _read_points_table(p: str, ext: str) -> tuple[pd.DataFrame, int]:
    """The file as text columns (points' lon/lat as columns) and its first data line's number
    (CSV: line 2; other formats: feature 1).

    Raises
    ------
    DataError
        An extension hgmap does not read (``.txt``, ``.xlsx``), an empty file, or a file its
        reader cannot open (the reader's message is kept)."""
    import geopandas as gpd

    if ext not in POINT_FORMATS:
        raise DataError(f"origins file {p}: unsupported format {ext or '(no extension)'!r} "
                        "(use .csv, .geojson or .gpkg; save a spreadsheet as CSV)")
    if os.path.getsize(p) == 0:
        raise DataError(f"origins file {p}: the file is empty (expected a header line id,country,lat,lon "
                        "and one line per point)")
    try:
        if ext == ".csv":
            return pd.read_csv(p, dtype=str, keep_default_na=False), 2
        gdf = gpd.read_file(p)
        if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
            gdf = gdf.to_crs(4326)
        attrs = pd.DataFrame(gdf.drop(columns="geometry"))
        raw = attrs.astype(object).where(attrs.notna(), "").astype(str)
        pts = gdf.geometry
        point = [g is not None and not g.is_empty and g.geom_type == "Point" for g in pts]
        raw["lon"] = [str(g.x) if ok else "" for g, ok in zip(pts, point)]
        raw["lat"] = [str(g.y) if ok else "" for g, ok in zip(pts, point)]
        raw[_GEOMETRY_PROBLEM] = ["" if ok else _geometry_problem(g) for g, ok in zip(pts, point)]
        return raw, 1
    except pd.errors.EmptyDataError:
        raise DataError(f"origins file {p}: the file holds no header line (expected id,country,lat,lon)") from None
    except pd.errors.ParserError as exc:
        raise DataError(f"origins file {p}: not a readable CSV ({exc})") from None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise DataError(f"origins file {p}: cannot read ({exc})") from exc
    except Exception as exc:  # pyogrio.errors.DataSourceError and its kin: not a readable GeoJSON / GeoPackage
        if type(exc).__module__.split(".")[0] in {"pyogrio", "fiona"}:
            raise DataError(f"origins file {p}: cannot read as {POINT_FORMATS[ext]} ({exc})") from None
        raise


#: The column of :func:`_read_points_table` (GeoJSON / GeoPackage) naming a feature whose
#: geometry is not a point (empty when it is one).
_GEOMETRY_PROBLEM = "hgmap_geometry_problem"

#: Header names read as ``lat`` / ``lon`` when the file has no column of that name
#: (case-insensitive; ``x``/``y`` are not taken: they are as often projected metres).
COLUMN_ALIASES = {"latitude": "lat", "long": "lon", "lng": "lon", "longitude": "lon"}


def _geometry_problem(g) -> str:
    """Why a feature gives no point: no geometry, an empty one, or another type (a feature
    of a GeoJSON / GeoPackage must be one Point)."""
    if g is None:
        return "no geometry (null); each feature must be a Point"
    if g.is_empty:
        return f"empty geometry ({g.geom_type}); each feature must be a Point"
    return f"geometry is not a Point ({g.geom_type})"


def _aliased(columns: list[str]) -> list[str]:
    """``columns`` with :data:`COLUMN_ALIASES` renamed to ``lat`` / ``lon`` where the file
    has no column of the canonical name and exactly one alias of it."""
    out = list(columns)
    for canon in ("lat", "lon"):
        if canon in out:
            continue
        hits = [i for i, c in enumerate(out) if COLUMN_ALIASES.get(c) == canon]
        if len(hits) == 1:
            out[hits[0]] = canon
    return out


def _alias_hint(columns: list[str], missing: set[str]) -> str:
    """How to name the missing lat/lon columns when the header has look-alikes (``x``/``y``,
    two aliases of one field, ``iso3`` for ``country``)."""
    hints = []
    if {"lat", "lon"} & missing and {"x", "y"} <= set(columns):
        hints.append("x/y found: if they are WGS84 degrees, rename y to lat and x to lon")
    for canon in ("lat", "lon"):
        twins = [c for c in columns if COLUMN_ALIASES.get(c) == canon]
        if canon in missing and len(twins) > 1:
            hints.append(f"{' and '.join(twins)} both read as {canon}: keep one")
    if "country" in missing:
        like = [c for c in columns if c in {"iso3", "country_iso3", "iso", "iso_a3", "country_code"}]
        if like:
            hints.append(f"rename {like[0]} to country (ISO3 codes)")
    return f" ({'; '.join(hints)})" if hints else ""


def _header_hint(p: str, columns: list[str]) -> str:
    """Why the header may lack the columns: another delimiter than the comma, or none at all."""
    if len(columns) == 1:
        head = columns[0]
        for sep, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
            if sep in head:
                return (f" (the header is one column {head!r}: the file seems separated by {name}; "
                        "save it as comma-separated CSV)")
        return f" (the header is one column {head!r}; columns must be separated by commas)"
    return ""


def _number_problem(where: str, fld: str, txt: str, lo: float, hi: float) -> str:
    """The message of a lat or lon that is not a number or out of range (a latitude that
    would be a valid longitude names the likely swap)."""
    try:
        v = float(txt)
    except ValueError:
        hint = ""
        if "," in txt:
            pointed = txt.replace(",", ".")
            try:
                float(pointed)
                hint = f" (decimal comma? use a point: {pointed})"
            except ValueError:
                hint = " (decimal comma? use a point, one per number)"
        return f"{where}, field {fld}: {txt!r} is not a number{hint}"
    hint = ""
    if fld == "lat" and -180 <= v <= 180:
        hint = " (lat and lon swapped?)"
    return f"{where}, field {fld}: {txt} is out of range [{lo}, {hi}]{hint}"


def _checked_rows(raw: pd.DataFrame, known: set[str], unit: str, first_line: int, problems: list[str]) -> list[dict]:
    """Rows with a unique id, lat/lon numbers in range and a known country; the problems
    of the others, named by line (or feature) and field, appended to ``problems``."""
    from .countries import country_name, suggest_country

    rows = []
    seen: set[str] = set()
    for n, r in enumerate(raw.itertuples(index=False), start=first_line):
        r = r._asdict()
        where = f"{unit} {n}"
        pid = str(r.get("id", "")).strip()
        bad = False
        if not pid:
            problems.append(f"{where}, field id: empty")
            bad = True
        elif pid in seen:
            problems.append(f"{where}, field id: {pid!r} given twice")
            bad = True
        seen.add(pid)
        vals = {}
        texts = {f: str(r.get(f, "")).strip() for f in ("lat", "lon")}
        geometry = str(r.get(_GEOMETRY_PROBLEM, "") or "")
        if geometry:
            problems.append(f"{where}: {geometry}")
            bad = True
        for fld, lo, hi in (("lat", -90, 90), ("lon", -180, 180)) if not geometry else ():
            txt = texts[fld]
            try:
                v = float(txt)
                ok = lo <= v <= hi and np.isfinite(v)
            except ValueError:
                ok = False
            if not ok:
                problems.append(_number_problem(where, fld, txt, lo, hi))
                bad = True
                continue
            vals[fld] = v
        given = str(r.get("country", "")).strip()
        code = given.upper()
        if code not in known:
            msg = f"{where}, field country: unknown ISO3 code {given!r}"
            hints = [h for h in suggest_country(given) if h in known]
            if hints:
                msg += "; did you mean " + " or ".join(f"{h} ({country_name(h)})" for h in hints) + "?"
            problems.append(msg)
            bad = True
        if bad:
            continue
        name = str(r.get("name", "") or "").strip() or pid
        rows.append({"id": pid, "country_iso3": code, "name": name, "lon": vals["lon"], "lat": vals["lat"],
                     "_where": where})
    return rows


def _problem_order(message: str) -> int:
    """The line (or feature) number a problem message starts with (``line 4, field ...``,
    ``feature 2: geometry ...``); 0 for others."""
    m = re.match(r"(?:line|feature) (\d+)\b", message)
    return int(m.group(1)) if m else 0


def _offshore_problems(rows: list[dict], countries) -> list[str]:
    """Points more than :data:`MAX_POINT_OFFSHORE_KM` from their stated country (geodesic
    km to the nearest point of its outline)."""
    import shapely
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    out = []
    for row in rows:
        geom = countries.at[row["country_iso3"], "geometry"]
        pt = shapely.Point(row["lon"], row["lat"])
        if geom.covers(pt):
            continue
        near = shapely.ops.nearest_points(pt, geom)[1]
        km = geod.inv(pt.x, pt.y, near.x, near.y)[2] / 1000
        if km > MAX_POINT_OFFSHORE_KM:
            hint = ""
            if -90 <= row["lon"] <= 90:
                swapped = shapely.Point(row["lat"], row["lon"])
                back = shapely.ops.nearest_points(swapped, geom)[1]
                if geod.inv(swapped.x, swapped.y, back.x, back.y)[2] / 1000 <= MAX_POINT_OFFSHORE_KM:
                    hint = f"; lat and lon swapped? ({row['lon']}, {row['lat']}) is in {row['country_iso3']}"
            out.append(f"{row['_where']}, field lat/lon: ({row['lat']}, {row['lon']}) is {km:,.0f} km "
                       f"from {row['country_iso3']} (at most {MAX_POINT_OFFSHORE_KM:.0f} km allowed){hint}")
    return out
