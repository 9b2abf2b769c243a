"""The countries layer: Natural Earth 1:10m admin-0 with ISO3 codes and SIDS flags.

Built by ``data/build_countries.py`` from npm ``world-atlas@2.0.2`` (see DATA.md).
"""

from __future__ import annotations

import functools
import logging

import geopandas as gpd

from ._io import data_path
from .errors import UnknownCountryError

__all__ = ["load_countries", "country_codes", "check_country", "country_name", "SIDS_REGIONS"]

log = logging.getLogger(__name__)

#: SIDS regions as used by UN-OHRLLS (AIS = Atlantic, Indian Ocean and South China Sea).
SIDS_REGIONS: tuple[str, ...] = ("Caribbean", "Pacific", "AIS")


@functools.lru_cache(maxsize=1)
def _countries() -> gpd.GeoDataFrame:
    path = data_path("countries.gpkg")
    frame = gpd.read_file(path, layer="countries")
    # Object columns so that "no value" is None, not NaN (which is truthy).
    for col in ("sids_region", "sovereign_iso3"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    frame = frame.set_crs(4326, allow_override=True)
    log.debug("loaded %d countries from %s", len(frame), path)
    return frame


def load_countries() -> gpd.GeoDataFrame:
    """Load the shipped countries layer.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per country or territory, in EPSG:4326, with columns ``iso3``,
        ``name``, ``sids``, ``sids_region`` (Caribbean / Pacific / AIS), ``un_member``,
        ``sovereign_iso3`` (for territories), ``rep_lon``/``rep_lat`` (a point inside the
        largest part of the country, never the centroid) and ``geometry``
        (MultiPolygon, cut at +-180 degrees).

    Examples
    --------
    >>> import hgmap
    >>> countries = hgmap.load_countries()
    >>> int(countries["sids"].sum())
    58
    """
    return _countries().copy()


@functools.lru_cache(maxsize=1)
def country_codes() -> tuple[str, ...]:
    """Sorted ISO3 codes of the countries layer."""
    return tuple(sorted(_countries()["iso3"]))


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return dict(zip(_countries()["iso3"], _countries()["name"]))


def check_country(iso3: str, *, field: str = "country") -> str:
    """Return the upper-cased ``iso3`` if the countries layer has it, else raise.

    Raises
    ------
    UnknownCountryError
        With the offending value and the field it came from.
    """
    code = str(iso3).strip().upper()
    if code not in _names():
        msg = f"{field}: unknown ISO 3166-1 alpha-3 code {iso3!r}"
        raise UnknownCountryError(msg)
    return code


def country_name(iso3: str) -> str:
    """English short name of ``iso3`` (the code itself when unknown)."""
    return _names().get(iso3, iso3)
