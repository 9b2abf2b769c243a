"""The report's data model: what a rendered report says, independent of the output format.

Not legal advice.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import pandas as pd

from ..law import Reason, Step

__all__ = [
    "CSV_COLUMNS", "FORMATS", "REGIONS", "REGION_TITLES", "CLOSED_REASONS", "REPORT_DISCLAIMER", "MapsMode",
    "Country", "Option", "Closed", "WhatIf", "Entry", "StreamSummary", "RegionSummary", "SidsReport",
]

#: Output formats of :func:`hgmap.report.sids_report`.
FORMATS: tuple[str, ...] = ("md", "html", "csv")
#: How the HTML report embeds maps.
MapsMode = Literal["files", "inline", "none"]
#: SIDS regions, in report order (UN-OHRLLS groups).
REGIONS: tuple[str, ...] = ("Caribbean", "Pacific", "AIS")
REGION_TITLES: dict[str, str] = {
    "Caribbean": "Caribbean",
    "Pacific": "Pacific",
    "AIS": "Atlantic, Indian Ocean and South China Sea (AIS)",
}
#: Why a nearer facility is closed (``Closed.reason``), as the report says it.
CLOSED_REASONS: dict[str, str] = {
    "law": "the movement is prohibited",
    "transit": "every route crosses a state that bans the transit",
    "status": "facility not known to operate",
    "operation": "no suitable operation for this stream",
    "route": "no sea or land route",
    "stream": "does not accept this stream",
}
#: The report's statement of what it is (the short form is :data:`hgmap.labels.NOT_LEGAL_ADVICE`).
REPORT_DISCLAIMER = (
    "This report is not legal advice. It is a screening of published treaty, membership and facility "
    "data; every shipment must be checked with the competent authorities of the states of export, "
    "transit and import, and with the facility."
)

#: CSV columns, one row per SIDS x stream x rank.
CSV_COLUMNS: tuple[str, ...] = (
    "region", "iso3", "name", "stream", "status", "rank", "facility_id", "facility_name",
    "facility_iso3", "facility_country", "operation", "distance_km", "sea_km", "land_km", "access_km",
    "cost_usd_per_t_low", "cost_usd_per_t_high", "port_of_loading", "port_of_discharge", "route_notes", "transit_iso3", "legal_status", "legal_basis", "procedure", "legal_rules", "legal_conditions",
    "legal_confidence", "legal_unknowns", "facility_status", "facility_confidence", "flags",
    "nearer_closed", "no_route_reasons", "what_if", "what_if_facility_id", "what_if_facility_iso3",
    "what_if_km", "as_of", "data_date", "scenario",
)


@dataclasses.dataclass(frozen=True)
class Country:
    """One SIDS as the report names it."""

    iso3: str
    name: str
    region: str
    un_member: bool
    sovereign_iso3: str | None = None


@dataclasses.dataclass(frozen=True)
class Option:
    """One legally accessible facility for a SIDS and a stream (rank 1 is the best: cheapest
    by estimated transport cost, or nearest with the distance objective)."""

    rank: int
    facility_id: str
    facility_name: str
    facility_iso3: str
    facility_country: str
    operation: str | None
    distance_km: float
    sea_km: float | None
    land_km: float | None
    access_km: float | None
    transit: tuple[str, ...]
    legal_status: str | None
    rules: tuple[str, ...]
    conditions: tuple[str, ...]
    legal_confidence: str | None
    legal_unknowns: tuple[str, ...]
    facility_status: str | None
    facility_confidence: str | None
    basis: str
    procedure: tuple[str, ...]
    flags: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    #: Estimated transport cost, USD per tonne (low, high); ``None`` when not priced.
    cost_low: float | None = None
    cost_high: float | None = None
    #: The route's first and last port ("Suva (FJSUV)"; None: no sea leg or no named port).
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    #: What the route does not model at its ports (a feeder leg not priced: the result's ``route_notes``).
    route_notes: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Closed:
    """A facility ranked before the last option by the objective (or any, when there is none) that is closed."""

    facility_id: str
    facility_name: str
    facility_iso3: str
    distance_km: float | None
    reason: str
    rules: tuple[str, ...]
    detail: str
    explanation: str
    confidence: str | None = None
    nonparty: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    transit_states: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class WhatIf:
    """One what-if scenario tried for a SIDS with no legal route, and what it opened."""

    kind: str
    label: str
    changes: tuple[str, ...]
    scenario_yaml: str
    opens: bool
    facility_id: str | None = None
    facility_name: str | None = None
    facility_iso3: str | None = None
    distance_km: float | None = None
    legal_status: str | None = None
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Entry:
    """The answer for one SIDS and one stream."""

    iso3: str
    name: str
    region: str
    stream: str
    status: str
    options: tuple[Option, ...]
    closed: tuple[Closed, ...]
    nearest_unconstrained_id: str | None
    nearest_unconstrained_name: str | None
    nearest_unconstrained_km: float | None
    reasons: tuple[str, ...]
    what_if: tuple[WhatIf, ...]
    flags: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return f"sids-{self.iso3.lower()}-{self.stream.replace('_', '-')}"

    @property
    def first(self) -> Option | None:
        return self.options[0] if self.options else None


@dataclasses.dataclass(frozen=True)
class StreamSummary:
    """One region x stream line of a regional summary."""

    stream: str
    n_sids: int
    reachable: int
    no_legal_route: int
    no_facility: int
    median_km: float | None
    max_km: float | None
    flagged: int
    opened_by_what_if: int
    no_route_sids: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class RegionSummary:
    """Regional summary: SIDS by status, distances, facilities relied on, streams with no option."""

    region: str
    title: str
    sids: tuple[str, ...]
    streams: tuple[StreamSummary, ...]
    top_facilities: tuple[tuple[str, str, str, int, int], ...]  # id, name, iso3, rank-1 pairs, SIDS
    no_option_streams: tuple[str, ...]
    sids_without_route: tuple[tuple[str, tuple[str, ...]], ...]  # iso3, streams with no route

    @property
    def anchor(self) -> str:
        return f"region-{self.region.lower()}"


@dataclasses.dataclass
class SidsReport:
    """Everything a rendered report says, independent of the output format.

    Build it with :func:`build_report` or :func:`sids_report`; render it with
    :meth:`render` or write it with :meth:`write`.
    """

    streams: tuple[str, ...]
    countries: tuple[Country, ...]
    entries: dict[tuple[str, str], Entry]
    regions: tuple[RegionSummary, ...]
    as_of: str
    data_date: str
    k: int
    scenario: str | None
    scenario_description: str
    operation: str | None
    circuity: float | None
    sea_passage_is_transit: bool | None
    statuses: tuple[str, ...]
    what_if: bool
    facilities_source: str
    generated: str | None = None
    #: What ranks the options and lists the closed facilities: ``cost`` (estimated
    #: transport cost, :mod:`hgmap.costs`) or ``distance`` (km); the results' objective.
    objective: str = "cost"
    #: (oldest, newest) ``as_of`` of the facility catalogue's records: facilities are the
    #: catalogue's as checked then, whatever the as-of date of the law.
    facilities_dates: tuple[str, str] | None = None
    country_names: dict[str, str] = dataclasses.field(default_factory=dict, repr=False)
    results: dict[str, gpd.GeoDataFrame] = dataclasses.field(default_factory=dict, repr=False, compare=False)
    facilities: gpd.GeoDataFrame | None = dataclasses.field(default=None, repr=False, compare=False)

    def entry(self, iso3: str, stream: str) -> Entry:
        """The :class:`Entry` of one SIDS and stream."""
        return self.entries[(iso3, stream)]

    def country_name(self, iso3: str | None) -> str:
        if not iso3:
            return ""
        return self.country_names.get(iso3, iso3)

    def render(self, fmt: str = "md", *, maps: Mapping[str, str] | None = None,
               inline_maps: Mapping[str, str] | None = None, detail: bool = False,
               dossiers: Mapping[str, Any] | None = None) -> str:
        """Render as ``"md"``, ``"html"`` or ``"csv"`` (see :func:`~hgmap.report.render_html` for ``maps``;
        ``detail``: the full report instead of the regional overview; ``dossiers``: links to them)."""
        from .render import render

        return render(self, fmt, maps=maps, inline_maps=inline_maps, detail=detail, dossiers=dossiers)

    def write(self, out: str | os.PathLike[str], *, fmt: str | None = None, maps: MapsMode = "files",
              online: bool = False, detail: bool = False) -> Path:
        """Write the report to ``out`` atomically; see :func:`~hgmap.report.sids_report` for ``maps``."""
        from .write import write_report

        return write_report(self, out, fmt=fmt, maps=maps, online=online, detail=detail)

    def to_frame(self) -> pd.DataFrame:
        """The CSV table as a DataFrame (one row per SIDS x stream x rank)."""
        from .render import csv_rows

        return pd.DataFrame(csv_rows(self), columns=list(CSV_COLUMNS))
