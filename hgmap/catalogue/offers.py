"""Services and technologies: the catalogue entries that do not treat waste at a site.

A ``service`` collects, packs, transports or exports mercury waste, or advises on it; a
``technology`` is equipment or a process on offer. Only facilities enter the
accessibility analysis; these are listed, per stream, in the country dossiers.

:func:`load_offers` reads them from the shipped list (``data/services.csv``, built with
its sources by ``data/build_services.py``), from a catalogue database, or from an
entries file; :func:`offers_for` picks those that serve one stream for one country.

Whom an entry serves is its ``accepts_from`` cell, in the facility catalogue's
vocabulary (:func:`hgmap.facilities.acceptance.parse_accepts_from`): ISO3 codes,
``domestic`` (the entry's own country), ``SIDS``, ``region:<sids_region>`` and the
instrument groups ``OECD``, ``EU``, ``EFTA``, ``EEA`` (read from the legal tables on the
date asked). An empty cell means no source states a coverage: the entry is **global**,
and the dossier says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import pandas as pd

from .._io import data_path
from ..errors import DataError, ValidationError
from ..vocab import check_stream

__all__ = ["OFFER_KINDS", "Coverage", "Offer", "OfferMatch", "load_offers", "offers_for"]

log = logging.getLogger(__name__)

#: Entry kinds listed (never analysed): services, then technologies.
OFFER_KINDS: tuple[str, ...] = ("service", "technology")

#: How an entry reaches a country: named (``country``), through a group it names
#: (``group``), or no coverage stated (``global``).
Coverage = Literal["country", "group", "global"]


@dataclasses.dataclass(frozen=True)
class Offer:
    """One service or technology entry (data text as the catalogue gives it)."""

    id: str
    kind: str  # service | technology
    name: str
    operator: str
    country_iso3: str  # where it is based ("" when no source says)
    description: str
    website: str
    streams: tuple[str, ...]
    serves: tuple[str, ...]  # accepts_from tokens; () = no coverage stated
    serves_sources: tuple[str, ...]
    sources: tuple[str, ...]
    confidence: str
    as_of: str
    status: str
    notes: str = ""


@dataclasses.dataclass(frozen=True)
class OfferMatch:
    """An entry that serves a stream for a country, and how it reaches that country."""

    offer: Offer
    coverage: str  # one of Coverage
    via: str | None = None  # the group token (``region:Pacific``, ``SIDS``, ``OECD`` ...) for ``group``


def _text(v: object) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    return str(v).strip()


def _urls(v: object) -> tuple[str, ...]:
    from ..facilities.schema import split_urls

    return tuple(dict.fromkeys(u for u in split_urls(_text(v) or None) if u))


def _offers(table: pd.DataFrame, label: str) -> tuple[Offer, ...]:
    """Offers from entry rows held as text (only the service and technology rows)."""
    from ..facilities.acceptance import parse_accepts_from
    from ..facilities.schema import split_list

    if "kind" not in table.columns:
        return ()
    out = []
    for r in table[table["kind"].astype(str).str.strip().isin(OFFER_KINDS)].to_dict("records"):
        eid = _text(r.get("id"))
        try:
            serves = tuple(parse_accepts_from(_text(r.get("accepts_from"))))
        except ValueError as exc:
            raise DataError(f"{label}: entry {eid} accepts_from: {exc}") from exc
        out.append(Offer(
            id=eid, kind=_text(r.get("kind")), name=_text(r.get("name")), operator=_text(r.get("operator")),
            country_iso3=_text(r.get("country_iso3")).upper(), description=_text(r.get("description")),
            website=_text(r.get("website")), streams=tuple(split_list(_text(r.get("streams")))),
            serves=serves, serves_sources=_urls(r.get("acceptance_source")), sources=_urls(r.get("source_url")),
            confidence=_text(r.get("confidence")) or "unknown", as_of=_text(r.get("as_of")),
            status=_text(r.get("status")) or "unknown", notes=_text(r.get("notes")),
        ))
    out.sort(key=lambda o: (OFFER_KINDS.index(o.kind), o.name.lower(), o.id))
    return tuple(out)


def _from_file(path: str) -> tuple[Offer, ...]:
    from .entries import read_entries

    checked = read_entries(path)
    errors = [p for p in checked.problems if ": error:" in p]
    if errors:
        raise ValidationError(f"{path}: {len(errors)} bad value(s) in the entries file", errors)
    return _offers(pd.DataFrame(checked.rows), path)


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple[Offer, ...]:
    path = data_path("services.csv")
    try:
        return _from_file(str(path))
    except ValidationError as exc:  # the shipped list is checked when it is built
        raise DataError(f"shipped services list {path} is invalid: {exc}") from exc


@functools.lru_cache(maxsize=8)
def _from_catalogue(where: str, revision: object) -> tuple[Offer, ...]:
    from .store import open_catalogue

    with open_catalogue(where) as cat:
        frames = [cat.frame(kind=k) for k in OFFER_KINDS]
    return _offers(pd.concat(frames, ignore_index=True), where)


def load_offers(source: str | os.PathLike[str] | pd.DataFrame | None = None) -> tuple[Offer, ...]:
    """The service and technology entries of a catalogue, services first, by name.

    Parameters
    ----------
    source
        ``None``: the shipped list (``data/services.csv``); a catalogue database (a
        GeoPackage made by ``hgmap catalogue init``, or a ``postgresql://`` URL): its
        entries of these kinds; an entries file (CSV, GeoJSON, GeoPackage) checked as
        ``hgmap catalogue import`` checks it; or a frame of entry rows. Facility rows
        are ignored.

    Returns
    -------
    tuple of Offer

    Raises
    ------
    ValidationError
        When an entries file has bad rows (each named by line and field).
    DataError
        When a coverage cell (``accepts_from``) holds an unknown code or group, or the
        source cannot be read.
    """
    if source is None:
        return _shipped()
    if isinstance(source, pd.DataFrame):
        return _offers(source.astype(object).where(source.notna(), ""), "entries")
    from .store import is_catalogue, source_stamp

    if is_catalogue(source):
        return _from_catalogue(*source_stamp(source))
    if not Path(source).is_file():
        raise DataError(f"services: no such file or catalogue database: {source}")
    return _from_file(str(source))


def offers_for(offers: Iterable[Offer], iso3: str, stream: str, *,
               as_of: str | dt.date | None = None) -> tuple[OfferMatch, ...]:
    """The entries that serve ``stream`` and reach ``iso3``: named, through a group, or global.

    Closed entries (``status`` ``closed``) are left out. Services come first, then
    technologies; within each, entries that name the country, then groups, then global.

    Raises
    ------
    UnknownCountryError, UnknownStreamError
        For a code or stream hgmap does not know.
    """
    from ..countries import check_country
    from ..vocab import parse_date

    iso3 = check_country(iso3, field="iso3")
    check_stream(stream)
    region = _sids_region(iso3)
    on = parse_date(as_of, field="as_of") if as_of is not None else dt.date.today()
    groups = _instrument_groups(iso3, on)
    out = []
    for o in offers:
        if stream not in o.streams or o.status == "closed":
            continue
        if not o.serves:
            out.append(OfferMatch(o, "global"))
            continue
        if iso3 in o.serves or ("domestic" in o.serves and o.country_iso3 == iso3):
            out.append(OfferMatch(o, "country"))
            continue
        via = None
        for tok in o.serves:
            if (tok == f"region:{region}" or (tok == "SIDS" and region is not None)) or tok in groups:
                via = tok
                break
        if via is not None:
            out.append(OfferMatch(o, "group", via))
    order = {"country": 0, "group": 1, "global": 2}
    out.sort(key=lambda m: (OFFER_KINDS.index(m.offer.kind), order[m.coverage], m.offer.name.lower()))
    return tuple(out)


@functools.lru_cache(maxsize=512)
def _sids_region(iso3: str) -> str | None:
    """The SIDS region of ``iso3`` (``None`` for a country that is not a SIDS)."""
    from ..countries import load_countries

    row = load_countries().set_index("iso3").loc[iso3]
    return str(row["sids_region"]) if bool(row["sids"]) else None


@functools.lru_cache(maxsize=512)
def _instrument_groups(iso3: str, on: dt.date) -> frozenset[str]:
    """The instrument groups (OECD, EU, EFTA, EEA) ``iso3`` belongs to on ``on``."""
    from ..facilities.acceptance import GROUPS
    from ..law.tables import load_tables, membership_fact

    tables = load_tables()
    return frozenset(g for g, inst in GROUPS.items()
                     if inst is not None and membership_fact(tables, inst, iso3, on).value)
