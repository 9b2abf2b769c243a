"""Accessibility results as files: the flat table, the geo table and the writer.

A result (:func:`hgmap.accessibility`) holds lists (transit States, rules, conditions,
legs) and dicts (``blocked_reasons``) that text formats cannot: here they are joined
with ``;`` or written as JSON, and every file is written atomically.
"""

from __future__ import annotations

import os

import geopandas as gpd
import pandas as pd

__all__ = ["FORMATS", "blocked_text", "geo_table", "result_table", "write_result"]

FORMATS = ("csv", "json", "geojson", "gpkg", "parquet")
_LIST_COLUMNS = ("transit_iso3", "legal_rules", "legal_conditions", "legal_unknowns", "sea_transit_iso3",
                 "route_notes")


def _legs_text(legs) -> str:
    """``road 120 km (FJI); sea 2,310 km`` from a row's legs."""
    if not isinstance(legs, (list, tuple)):
        return ""
    out = []
    for leg in legs:
        where = leg["from_iso3"] if leg["from_iso3"] == leg["to_iso3"] else f"{leg['from_iso3']}->{leg['to_iso3']}"
        if leg.get("from_port") or leg.get("to_port"):  # a sea leg names its ports
            where += f", {leg.get('from_port') or '?'}->{leg.get('to_port') or '?'}"
        out.append(f"{leg['mode']} {leg['km']:,.0f} km ({where})" if where else f"{leg['mode']} {leg['km']:,.0f} km")
    return "; ".join(out)


def blocked_text(items: list[dict]) -> str:
    """One line for a row's ``blocked_reasons``: ``ID (ISO3 N km): reason [rules]; ...``."""
    parts = []
    for b in items or []:
        rules = f" [{', '.join(b['rules'])}]" if b.get("rules") else ""
        km = f" {b['distance_km']:.0f} km" if b.get("distance_km") is not None else ""
        parts.append(f"{b['facility_id']} ({b['facility_iso3']}{km}): {b['reason']}{rules}")
    return "; ".join(parts)


def _join_lists(frame):
    """``frame`` with its list columns joined with ``;`` (text formats cannot hold lists)."""
    for col in (c for c in _LIST_COLUMNS if c in frame.columns):
        frame[col] = frame[col].map(lambda v: ";".join(v) if isinstance(v, (list, tuple)) else "")
    if "legs" in frame.columns:
        frame["legs"] = frame["legs"].map(_legs_text)
    return frame


def result_table(result: gpd.GeoDataFrame) -> pd.DataFrame:
    """The result as a flat table: lists joined with ``;``, no geometry."""
    table = _join_lists(pd.DataFrame(result.drop(columns="geometry")))
    table["blocked_reasons"] = table["blocked_reasons"].map(blocked_text)
    return table


def geo_table(result: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The result with its routes, ready for GeoJSON/GeoPackage/Parquet: lists joined with
    ``;`` and ``blocked_reasons`` as a JSON string."""
    import json

    geo = _join_lists(result.copy())
    geo["blocked_reasons"] = geo["blocked_reasons"].map(lambda v: json.dumps(v, ensure_ascii=False))
    return geo


def write_result(result: gpd.GeoDataFrame, out: str | os.PathLike | None, *, fmt: str = "csv",
                 layer: str | None = None) -> str | None:
    """Write an accessibility result atomically (``out=None`` or ``"-"`` returns text).

    ``csv``: one row per origin and rank, lists joined with ``;``. ``json``: records
    with lists kept, no geometry. ``geojson``, ``gpkg``, ``parquet``: with the route
    geometry (lists joined with ``;``, ``blocked_reasons`` as a JSON string).
    """
    import json

    from ._io import atomic_path, atomic_write_text
    from .errors import HgmapError

    if fmt not in FORMATS:
        raise HgmapError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    to_stdout = out is None or str(out) == "-"
    if fmt == "csv":
        text = result_table(result).to_csv(index=False, lineterminator="\n")
    elif fmt == "json":
        records = pd.DataFrame(result.drop(columns="geometry")).to_dict(orient="records")
        text = json.dumps({"attrs": result.attrs, "rows": records}, ensure_ascii=False, indent=1, default=str)
    elif fmt == "geojson":
        text = geo_table(result).to_json(drop_id=True)
    else:
        if to_stdout:
            raise HgmapError(f"--format {fmt} needs a file: give --out PATH")
        with atomic_path(out) as tmp:
            if fmt == "gpkg":
                geo_table(result).to_file(tmp, driver="GPKG", layer=layer or result.attrs.get("stream", "access"))
            else:
                geo_table(result).to_parquet(tmp)
        return None
    if to_stdout:
        return text
    atomic_write_text(out, text)
    return None
