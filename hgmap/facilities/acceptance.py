"""Whom a facility serves: the acceptance of waste by origin country.

Each catalogue row says whether the facility takes waste from outside its own State
(``accepts_imports``: ``yes`` / ``no`` / ``unknown``) and from whom
(``accepts_from``: ``;``-separated ISO3 codes and named groups; empty = anyone).
:func:`acceptance_matrix` turns that into two origin x facility boolean arrays that the
solver combines with its legal and route masks.

Rules (documented in DATA.md, "Facility catalogue"):

* A facility's own State's waste is always accepted (``domestic``). It is *confirmed*
  when the source speaks to whom the facility serves (``accepts_imports`` is ``yes`` or
  ``no``), or when ``accepts_from`` lists ``domestic`` or the State's code.
* **Territories.** The waste of a territory (``sovereign_iso3`` in the countries layer,
  e.g. Guam -> USA, New Caledonia -> FRA) counts as domestic for its sovereign's
  facilities: it is accepted, but *unconfirmed* unless ``accepts_from`` names the
  territory (or a group it belongs to in its own right, such as ``region:Pacific``),
  because a rule such as "US-generated mercury only" may or may not reach a territory.
  Waste from a sovereign to a facility in its territory, and between territories, is
  foreign. The same holds for groups: a territory matches ``OECD`` or ``EU`` through its
  sovereign, unconfirmed (the legal tables record membership for States only).
* ``accepts_imports = no``: only domestic waste (``accepts_from`` empty or ``domestic``).
* ``accepts_imports = yes``: the source says the facility takes foreign waste. Origins
  matching ``accepts_from`` (empty = anyone) are accepted and confirmed; any other
  origin is refused (``accepts_from`` then is the source's own restriction, such as
  "EU clients only").
* ``accepts_imports = unknown``: no source says whether (or from whom) it takes foreign
  waste. Every origin stays open; ``accepts_from`` then lists the origins a source shows
  it has served (e.g. ``IND`` for a documented shipment from India), which are
  confirmed, and every other foreign origin is unconfirmed. Analyses keep unconfirmed
  facilities open and flag them.

Groups: ``domestic``, ``OECD``, ``EU``, ``EFTA``, ``EEA``, ``SIDS``, and
``region:<sids_region>`` (``region:Caribbean``, ``region:Pacific``, ``region:AIS``, from
the countries layer). OECD/EU/EFTA/EEA membership is read from the shipped legal tables
on the analysis date (``as_of``).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._law_data import load_tables, membership_fact
from ..countries import SIDS_REGIONS, country_codes, country_name, load_countries
from ..errors import DataError, UnknownCountryError
from ..vocab import parse_date
from .schema import ACCEPTS_IMPORTS, split_list

__all__ = [
    "GROUPS", "acceptance_matrix", "parse_accepts_from", "refusal_reason", "unconfirmed_note",
]

log = logging.getLogger(__name__)

#: Named groups ``accepts_from`` may use (besides ISO3 codes and ``region:<name>``).
#: Instrument groups map to the legal tables' instrument keys.
GROUPS: dict[str, str | None] = {"domestic": None, "SIDS": None, "OECD": "oecd", "EU": "eu",
                                 "EFTA": "efta", "EEA": "eea"}
_GROUP_KEYS = {g.lower(): g for g in GROUPS}
_REGION_KEYS = {r.lower(): r for r in SIDS_REGIONS}


def parse_accepts_from(value: object) -> list[str]:
    """Canonical tokens of an ``accepts_from`` cell: ISO3 codes upper-cased, groups spelled as in :data:`GROUPS`.

    Raises
    ------
    ValueError
        Naming the first token that is neither a known ISO3 code nor a group.
    """
    codes = set(country_codes())
    out: list[str] = []
    for raw in split_list(value):
        low = raw.lower()
        if low in _GROUP_KEYS:
            tok = _GROUP_KEYS[low]
        elif low.startswith("region:"):
            name = low.split(":", 1)[1].strip()
            if name not in _REGION_KEYS:
                raise ValueError(f"unknown region {raw!r}; expected region:{', region:'.join(SIDS_REGIONS)}")
            tok = f"region:{_REGION_KEYS[name]}"
        elif raw.upper() in codes:
            tok = raw.upper()
        else:
            raise ValueError(f"{raw!r} is neither an ISO3 code nor a group "
                             f"({', '.join(GROUPS)}, region:<{'|'.join(SIDS_REGIONS)}>)")
        if tok not in out:
            out.append(tok)
    return out


def refusal_reason(origin: str) -> str:
    """The reason a refusing facility is closed for ``origin``: ``does not accept waste from <name>``."""
    return f"does not accept waste from {country_name(origin)}"


def unconfirmed_note(origin: str) -> str:
    """The flag shown where a facility whose acceptance of ``origin``'s waste is unconfirmed is recommended."""
    return f"acceptance of waste from {country_name(origin)} not confirmed (accepts_imports unknown)"


@functools.lru_cache(maxsize=4)
def _origin_table(origins: tuple[str, ...]) -> dict[str, np.ndarray]:
    countries = load_countries().set_index("iso3")
    known = set(countries.index)
    bad = [o for o in origins if o not in known]
    if bad:
        msg = f"origins: unknown ISO 3166-1 alpha-3 code(s) {', '.join(repr(b) for b in bad[:5])}"
        raise UnknownCountryError(msg)
    sub = countries.loc[list(origins)]
    sov = sub["sovereign_iso3"].map(lambda v: v if isinstance(v, str) and v else "")
    return {
        "code": np.array(origins, dtype=object),
        "sov": sov.to_numpy(object),
        "region": sub["sids_region"].map(lambda v: v if isinstance(v, str) else "").to_numpy(object),
        "sids": sub["sids"].fillna(False).astype(bool).to_numpy(),
    }


@functools.lru_cache(maxsize=64)
def _token_masks(token: str, origins: tuple[str, ...], on: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """``(direct, via_sovereign)`` masks over ``origins`` for one non-domestic token."""
    o = _origin_table(origins)
    none = np.zeros(len(origins), bool)
    if token == "SIDS":
        return o["sids"], none
    if token.startswith("region:"):
        return o["region"] == token.split(":", 1)[1], none
    if token in GROUPS:
        tables = load_tables()
        inst = GROUPS[token]
        members = {code for code in set(o["code"]) | set(o["sov"]) - {""}
                   if membership_fact(tables, inst, code, on).value}
        direct = np.isin(o["code"], list(members))
        via = np.isin(o["sov"], list(members)) & ~direct
        return direct, via
    # An ISO3 code: the country itself, and its territories through it.
    return o["code"] == token, o["sov"] == token


def _cell(frame: pd.DataFrame, col: str) -> list[str]:
    if col not in frame.columns:
        return [""] * len(frame)
    out = []
    for v in frame[col]:
        if isinstance(v, (list, tuple, np.ndarray)):
            out.append(";".join(str(x).strip() for x in v))
        elif v is None or (isinstance(v, float) and np.isnan(v)):
            out.append("")
        else:
            out.append(str(v).strip())
    return out


def acceptance_matrix(
    facilities: pd.DataFrame,
    origins: Sequence[str],
    *,
    as_of: str | dt.date | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Which facilities accept waste from which origin countries.

    Parameters
    ----------
    facilities
        A catalogue frame (:func:`hgmap.load_facilities`), in the solver's facility order.
        Missing ``accepts_imports`` / ``accepts_from`` columns read as ``unknown`` /
        anyone.
    origins
        ISO3 codes of the countries layer, in the solver's origin order.
    as_of
        Date on which OECD/EU/EFTA/EEA membership is read (``YYYY-MM-DD``; default today).

    Returns
    -------
    accepts, confirmed : numpy.ndarray
        Boolean arrays of shape ``(len(origins), len(facilities))``. ``accepts[i, j]`` is
        False when facility ``j`` does not accept waste from ``origins[i]``: close it with
        :func:`refusal_reason`. ``confirmed[i, j]`` is True only for a sourced "yes"
        (always False where ``accepts`` is False); an accepted but unconfirmed pair is
        "unknown": keep it open, flag it (:func:`unconfirmed_note`) and lower its
        confidence.

    Raises
    ------
    DataError
        A row with an ``accepts_imports`` or ``accepts_from`` value outside the vocabulary.
    UnknownCountryError
        An origin not in the countries layer.

    Examples
    --------
    >>> import hgmap
    >>> from hgmap.facilities import acceptance_matrix
    >>> fac = hgmap.load_facilities()
    >>> accepts, confirmed = acceptance_matrix(fac, ["FJI", "USA"], as_of="2026-06-01")
    >>> accepts.shape == (2, len(fac))
    True
    """
    on = parse_date(as_of, field="as_of") if as_of is not None else dt.date.today()
    origins_t = tuple(str(o).strip().upper() for o in origins)
    rows = tuple(zip(_cell(facilities, "id"), [c.upper() for c in _cell(facilities, "country_iso3")],
                     [v.lower() for v in _cell(facilities, "accepts_imports")], _cell(facilities, "accepts_from")))
    accepts, confirmed = _matrix(rows, origins_t, on)
    return accepts.copy(), confirmed.copy()


@functools.lru_cache(maxsize=16)
def _matrix(rows: tuple[tuple[str, str, str, str], ...], origins: tuple[str, ...],
            on: dt.date) -> tuple[np.ndarray, np.ndarray]:
    n, m = len(origins), len(rows)
    accepts = np.zeros((n, m), bool)
    confirmed = np.zeros((n, m), bool)
    if n == 0 or m == 0:
        return accepts, confirmed
    o = _origin_table(origins)
    everyone = np.ones(n, bool)
    for j, (fid, iso, imports, accepts_from) in enumerate(rows):
        imports = imports or "unknown"
        if imports not in ACCEPTS_IMPORTS:
            raise DataError(f"facility {fid!r} accepts_imports: {imports!r} is not one of {', '.join(ACCEPTS_IMPORTS)}")
        try:
            tokens = parse_accepts_from(accepts_from)
        except ValueError as exc:
            raise DataError(f"facility {fid!r} accepts_from: {exc}") from None
        home = o["code"] == iso
        home_territory = o["sov"] == iso
        listed_direct = np.zeros(n, bool)
        listed_via = np.zeros(n, bool)
        foreign_tokens = [t for t in tokens if t not in ("domestic", iso)]
        for tok in foreign_tokens:
            d, v = _token_masks(tok, origins, on)
            listed_direct |= d
            listed_via |= v
        sourced = imports in ("yes", "no") or "domestic" in tokens or iso in tokens
        if imports == "no":
            if foreign_tokens:
                raise DataError(f"facility {fid!r}: accepts_imports is 'no' but accepts_from lists "
                                f"{';'.join(foreign_tokens)}")
            acc = home | home_territory
            conf = home
        else:
            if imports == "yes":
                open_to = (listed_direct | listed_via) if foreign_tokens else everyone
                sure = listed_direct if foreign_tokens else everyone
                conf = home | sure
            else:  # unknown: open to anyone; confirmed only where a source shows it
                open_to = everyone
                conf = (home & sourced) | listed_direct
            acc = home | home_territory | open_to
        accepts[:, j] = acc
        confirmed[:, j] = conf & acc
    accepts.flags.writeable = False
    confirmed.flags.writeable = False
    return accepts, confirmed
