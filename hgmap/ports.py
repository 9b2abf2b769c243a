"""The ports layer: searoute's UN/LOCODE ports plus cited hand entries.

Built by ``data/build_ports.py`` (see DATA.md).
"""

from __future__ import annotations

import functools

import geopandas as gpd
import pandas as pd

from ._io import data_path

__all__ = ["load_ports"]


@functools.lru_cache(maxsize=1)
def _ports() -> gpd.GeoDataFrame:
    table = pd.read_csv(data_path("ports.csv"), dtype={"terminal": "string", "notes": "string"},
                        keep_default_na=False)
    return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs=4326)


def load_ports() -> gpd.GeoDataFrame:
    """Load the shipped ports layer.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326 points with ``port_id`` (UN/LOCODE), ``name``, ``iso3``, ``lon``,
        ``lat``, ``terminal``, ``origin`` (``searoute-1.6.0`` or ``hand-entered``),
        ``source_url`` and ``notes`` (re-codings and reassignments are explained there).
    """
    return _ports().copy()
