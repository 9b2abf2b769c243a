"""The countries layer: Natural Earth 1:10m admin-0 with ISO3 codes and SIDS flags.

Built by ``data/build_countries.py`` from npm ``world-atlas@2.0.2`` (see DATA.md). The
names are the ones people use (``data/country_names.csv``, built by
``data/build_country_names.py``: UN M49 names where ISO's are inverted or formal,
else the ISO 3166-1 common or short name); Natural Earth's abbreviated labels stay in
``short_name`` for places where space demands them.
"""

from __future__ import annotations

import csv
import difflib
import functools
import logging
import unicodedata

import geopandas as gpd

from ._io import data_path
from .errors import UnknownCountryError

__all__ = ["load_countries", "country_codes", "check_country", "country_articles", "country_name", "country_names",
           "country_short_name",
           "suggest_country", "SIDS_REGIONS"]

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
    names = _name_table()
    frame["short_name"] = frame["name"]
    frame["name"] = [names.get(c, {}).get("name") or n for c, n in zip(frame["iso3"], frame["name"])]
    frame = frame.set_crs(4326, allow_override=True)
    log.debug("loaded %d countries from %s", len(frame), path)
    return frame


def _iso3_rows(name: str, missing: str) -> dict[str, dict[str, str]]:
    """ISO3 -> row of the shipped CSV ``name`` ({} with a warning ending ``missing`` when absent)."""
    path = data_path(name)
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            return {r["iso3"]: r for r in csv.DictReader(fh)}
    except FileNotFoundError:
        log.warning("%s is missing: %s", path, missing)
        return {}


@functools.lru_cache(maxsize=1)
def _name_table() -> dict[str, dict[str, str]]:
    return _iso3_rows("country_names.csv", "country names fall back to Natural Earth labels")


def load_countries() -> gpd.GeoDataFrame:
    """Load the shipped countries layer.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per country or territory, in EPSG:4326, with columns ``iso3``,
        ``name`` (the name people use, e.g. "Saint Vincent and the Grenadines"),
        ``short_name`` (Natural Earth's label, e.g. "St. Vin. and Gren."), ``sids``, ``sids_region`` (Caribbean / Pacific / AIS), ``un_member``,
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


@functools.lru_cache(maxsize=1)
def _short_names() -> dict[str, str]:
    return dict(zip(_countries()["iso3"], _countries()["short_name"]))


def _fold(text: str) -> str:
    """Lower case, accents and punctuation removed: "Côte d'Ivoire" -> "cote divoire"."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return " ".join("".join(ch for ch in text.casefold() if ch.isalnum() or ch.isspace()).split())


@functools.lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    """Folded name -> ISO3, from the full names, Natural Earth labels and ISO's names."""
    import pycountry

    index: dict[str, str] = {}
    codes = set(_names())
    for iso3 in sorted(codes):
        for label in (_names()[iso3], _short_names()[iso3]):
            index.setdefault(_fold(label), iso3)
        rec = pycountry.countries.get(alpha_3=iso3)
        if rec is not None:
            for attr in ("name", "common_name", "official_name"):
                if getattr(rec, attr, None):
                    index.setdefault(_fold(getattr(rec, attr)), iso3)
            index.setdefault(_fold(rec.alpha_2), iso3)
    return index


def suggest_country(text: str, *, n: int = 3) -> list[str]:
    """ISO3 codes whose name (or code) is closest to ``text``, best first.

    ``"Fiji"`` -> ``["FJI"]``; ``"St Vincent"`` -> ``["VCT"]``; a near-miss code such as
    ``"FJ"`` (alpha-2) or ``"FIJ"`` also finds its country. Empty when nothing is close.
    """
    key = _fold(text)
    if not key:
        return []
    index = _name_index()
    out: list[str] = []
    if key in index:
        out.append(index[key])
    out += [iso for name, iso in index.items() if name.startswith(key) and len(key) >= 4]
    out += [index[m] for m in difflib.get_close_matches(key, list(index), n=n, cutoff=0.75)]
    upper = str(text).strip().upper()
    out += difflib.get_close_matches(upper, list(_names()), n=n, cutoff=0.67) if len(upper) == 3 else []
    return list(dict.fromkeys(out))[:n]


def check_country(iso3: str, *, field: str = "country") -> str:
    """Return the upper-cased ``iso3`` if the countries layer has it, else raise.

    Raises
    ------
    UnknownCountryError
        With the offending value, the field it came from and, when the value looks like
        a country name or a near-miss code, the code meant (``Fiji`` -> did you mean FJI?).
    """
    code = str(iso3).strip().upper()
    if code not in _names():
        msg = f"{field}: unknown ISO 3166-1 alpha-3 code {iso3!r}"
        hints = suggest_country(str(iso3))
        if hints:
            msg += "; did you mean " + " or ".join(f"{h} ({_names()[h]})" for h in hints) + "?"
        raise UnknownCountryError(msg)
    return code


def country_name(iso3: str, *, lang: str = "en") -> str:
    """The name people use for ``iso3`` ("Saint Vincent and the Grenadines"; the code when unknown).

    ``lang="fr"`` or ``"es"`` gives the ISO 3166 name in that language where pycountry's
    translations have one in natural order ("Haïti", "San Vicente y las Granadinas"), else
    the English name.
    """
    if lang != "en":
        return country_names(lang).get(iso3, _names().get(iso3, iso3))
    return _names().get(iso3, iso3)


@functools.lru_cache(maxsize=None)
def country_names(lang: str = "en") -> dict[str, str]:
    """ISO3 -> name people use, in ``lang`` (``en``, ``fr``, ``es``; see :func:`country_name`).

    French names come from ``data/country_names_fr.csv`` (pycountry's ISO 3166 names, and
    the ISO French short name where pycountry has none: "Îles Salomon")."""
    names = dict(_names())
    if lang == "en":
        return names
    if lang == "fr" and _french_table():
        return {**names, **{k: r["name"] for k, r in _french_table().items() if k in names}}
    import gettext

    import pycountry

    try:
        trans = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        log.warning("no ISO 3166 names in %r: country names stay in English", lang)
        return names
    for iso3 in names:
        rec = pycountry.countries.get(alpha_3=iso3)
        if rec is None:
            continue
        for attr in ("common_name", "name"):
            source = getattr(rec, attr, None)
            if not source:
                continue
            local = trans.gettext(source)
            # An untranslated or inverted catalogue form ("Micronésie, États fédérés de") is not used.
            if local != source and ", " not in local:
                names[iso3] = local
                break
    return names


@functools.lru_cache(maxsize=1)
def _french_table() -> dict[str, dict[str, str]]:
    return _iso3_rows("country_names_fr.csv", "French country names come from pycountry, without articles")


def country_articles(lang: str = "fr") -> dict[str, tuple[str, bool]]:
    """ISO3 -> (definite article, elides *de*) of each name of :func:`country_names` in ``lang``.

    French: ``("les", False)`` for "Comores", ``("", True)`` for "Haïti" ("d'Haïti"), from
    ``data/country_names_fr.csv`` (the ISO 3166-1 French short names' articles). English:
    ``("the", False)`` for "Netherlands", "United States" (``data/country_names.csv``, ISO's
    "(the)"). ``{}`` for Spanish. :class:`hgmap.i18n.Named` writes them.
    """
    if lang == "en":
        return {k: ("the", False) for k, r in _name_table().items() if r.get("article") == "the"}
    if lang != "fr":
        return {}
    return {k: (r["article"], r["elide"] == "yes") for k, r in _french_table().items()}


def country_short_name(iso3: str) -> str:
    """Natural Earth's abbreviated label ("St. Vin. and Gren."), for where space demands it."""
    return _short_names().get(iso3, iso3)
