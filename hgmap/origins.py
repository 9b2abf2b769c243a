"""Origin selection: which countries a run, a map or a report is about.

One home for turning ``"all"``, ``"sids"``, ``"none"``, ``"FJI,TUV"`` or a list of ISO3
codes into checked codes; every module that takes an ``origins`` argument calls
:func:`select_origins`.
"""

from __future__ import annotations

from collections.abc import Iterable

from .countries import check_country, load_countries
from .errors import HgmapError

__all__ = ["select_origins"]


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
