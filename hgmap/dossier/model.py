"""What a country dossier says, as data: no sentence, no language, no format.

:func:`hgmap.dossier.build.build_dossier` fills these; the renderers
(:mod:`hgmap.dossier.render`) turn them into sentences in a language and a format.
Codes (ISO3, rule ids, step codes, leg kinds) stay codes here; text fields hold data
text only (facility names, legal bases, citations), which is never translated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from ..i18n import Named

__all__ = [
    "Membership", "AgreementRef", "NationalBan", "LegalPosition", "Leg", "Step", "Option", "Closed",
    "WhatIf", "PortCall", "TransportCode", "StreamSection", "Authority", "NotificationField", "Notification",
    "RegionalPeer", "Service", "Dossier", "ScopeFlag", "LEG_KINDS", "STEP_CODES",
]

#: Legs of a route, in shipping order (``other``: distance the result does not break down).
LEG_KINDS: tuple[str, ...] = ("sea", "road", "access", "other")

#: Procedure step codes (see :mod:`hgmap.dossier.render.texts` for their sentences).
STEP_CODES: tuple[str, ...] = (
    "domestic", "same_state", "not_governed", "notify", "notify_agreement", "art11", "consent_import",
    "consent_agreement", "consent_transit", "notify_transit", "transit_eu", "eu_wsr", "regional",
    "regional_own", "contract", "esm",
    "esm_import", "justification", "guarantee", "minamata", "minamata_tailings", "movement_document",
    "confirm_disposal", "us_export", "us_import", "law_step", "scope_check",
)


@dataclasses.dataclass(frozen=True)
class Membership:
    """The country's status in one instrument on the as-of date."""

    instrument: str
    member: bool
    status: str  # party | member | accepted | signatory | non-party | left | none
    since: str | None
    confidence: str
    sources: tuple[str, ...]
    unknown: bool = False  # the date, coverage or status rests on an unestablished fact
    via: str | None = None  # sovereign ISO3 whose membership reaches a territory
    #: The law cannot say whether the country is a member on the date (absent from a list complete
    #: only to ``known_to``, or a non-Party on ``known_to`` with nothing later): "unknown", never "no".
    undetermined: bool = False
    known_to: str | None = None
    #: The law's :class:`hgmap.law.Unknown` (or sentence) of the fact, when there is one.
    note: Any = None


@dataclasses.dataclass(frozen=True)
class AgreementRef:
    """An Article 11 (or regional) agreement the country is in."""

    agreement_id: str
    title: str  # data text
    in_force_from: str | None
    partners: tuple[str, ...]  # ISO3 codes, or ("@waigani",) for a regional convention
    sources: tuple[str, ...]
    confidence: str


@dataclasses.dataclass(frozen=True)
class NationalBan:
    """A national import, export or transit ban the country holds."""

    ban_id: str
    measure: str  # import_ban | export_ban | transit_ban
    legal_basis: str  # data text
    scope: str  # data text
    effective_from: str | None
    sources: tuple[str, ...]
    confidence: str


@dataclasses.dataclass(frozen=True)
class LegalPosition:
    """The country's legal position: treaties, agreements, bans."""

    memberships: tuple[Membership, ...]
    agreements: tuple[AgreementRef, ...]
    bans: tuple[NationalBan, ...]
    sovereign: str | None = None  # for a territory
    basel_coverage: str | None = None  # covered | not_covered | unknown (territories)


@dataclasses.dataclass(frozen=True)
class Leg:
    """One leg of a route."""

    kind: str  # one of LEG_KINDS
    km: float


@dataclasses.dataclass(frozen=True)
class Step:
    """One step of the procedure: a code, the States it concerns, and a reference."""

    code: str  # one of STEP_CODES
    states: tuple[str, ...] = ()
    ref: str = ""  # an agreement id, data text
    cite: str = ""  # the article the law gives for it, where the wording needs it (data text)
    variant: str = ""  # a wording the build decided from the law's objects (minamata: "basel" or "outside")


@dataclasses.dataclass(frozen=True)
class PortCall:
    """A port a route's sea leg leaves from or arrives at (``data/ports.csv``)."""

    iso3: str
    port_id: str  # UN/LOCODE
    name: str  # data text
    coast_km: float | None = None  # distance to the coast (data/ports.csv ``coast_km``; 0 at sea)
    approach_km: float | None = None  # the straight approach to the sea lane drawn on the route

    @property
    def inland(self) -> bool:
        """More than :data:`hgmap.dossier.itinerary.INLAND_KM` from the coast and reached by a
        straight approach longer than that: an inland place UN/LOCODE lists among its ports,
        whose sea leg stands in for an inland leg (a lake or river seaport the lanes reach, such
        as Chicago or Montreal, is not one)."""
        from .itinerary import INLAND_KM

        return (self.coast_km is not None and self.coast_km > INLAND_KM
                and (self.approach_km is None or self.approach_km > INLAND_KM))

    @property
    def inland_waters(self) -> bool:
        """A lake or river seaport the lanes reach (Chicago, Port Washington, Toronto): more than
        :data:`~hgmap.dossier.itinerary.INLAND_KM` from the coast, reached along a lane through
        inland waters (the St Lawrence) whose States the route counts as transit States (review 27)."""
        from .itinerary import INLAND_KM

        return self.coast_km is not None and self.coast_km > INLAND_KM and not self.inland


@dataclasses.dataclass(frozen=True)
class ScopeFlag:
    """A rule that may reach part of the stream (the law's ``stream_scope`` flag): an unknown for the
    shipper, who must check whether the consignment holds the part it names."""

    state: str  # the State whose rule it is
    measure: str  # import_ban | export_ban | "" (a rule that is not a national ban)
    ban_id: str | None
    basis: str  # the rule's legal basis (data, as recorded)
    scope: str | None  # the wastes the ban lists (data, as recorded); None when not a national ban


@dataclasses.dataclass(frozen=True)
class Option:
    """One legally accessible facility for the country and a stream (rank 1 is the best by the objective:
    lowest estimated transport cost by default, shortest with the distance objective)."""

    rank: int
    facility_id: str
    facility_name: str
    facility_iso3: str
    city: str
    operation: str | None  # disposal | recovery
    distance_km: float
    legs: tuple[Leg, ...]
    transit: tuple[str, ...]
    cost_low: float | None  # USD per tonne, when the result carries it
    cost_high: float | None
    legal_status: str | None
    legal_confidence: str | None
    rules: tuple[str, ...]
    sources: tuple[str, ...]
    unknowns: tuple[str, ...]  # the facts the answer rests on that hgmap does not know (hgmap.law.Unknown)
    facility_confidence: str | None
    facility_sources: tuple[str, ...]
    steps: tuple[Step, ...]
    geometry: Any = dataclasses.field(default=None, compare=False, repr=False)
    #: (port of exit, port of entry) of each sea leg, in order; ``None`` where not identified.
    sea_ports: tuple[tuple[PortCall | None, PortCall | None], ...] = ()
    #: Whether the route has join legs (origin or facility to the network; priced and shown as access).
    has_join_legs: bool = False
    #: ``unknown``: no source confirms that the facility takes this origin's waste (the row's
    #: ``acceptance``); the dossier words it itself, it is not among ``unknowns``.
    acceptance: str | None = None
    #: Rules that may reach part of the stream (an import ban on e-waste for lamps): unknowns too.
    scope_flags: tuple[ScopeFlag, ...] = ()


@dataclasses.dataclass(frozen=True)
class Closed:
    """A facility ranked before the last option (by the objective) that takes the stream but is
    closed to the country."""

    facility_id: str
    facility_name: str
    facility_iso3: str
    distance_km: float | None
    reason: str  # law | transit | acceptance | status | operation | route
    rules: tuple[str, ...]
    confidence: str | None
    states: tuple[str, ...] = ()  # the transit States that close it (reason "transit")


@dataclasses.dataclass(frozen=True)
class WhatIf:
    """One change that was tried to open a route, and what it opened."""

    kind: str  # accession | coverage | agreement | lift_import_ban | lift_transit_ban | combined
    states: tuple[str, ...]
    bans: tuple[str, ...]
    opens: bool
    facility_name: str | None
    facility_iso3: str | None
    distance_km: float | None
    scenario_yaml: str


@dataclasses.dataclass(frozen=True)
class TransportCode:
    """UN number and hazard class of a stream, as sourced in ``data/transport_codes.csv``."""

    un_number: str | None
    shipping_name: str | None  # data text
    hazard_class: str | None
    packing_group: str | None
    sources: tuple[str, ...]
    confidence: str
    special_provisions: tuple[str, ...] = ()  # ADR special provisions of the entry ("366")
    notes: str = ""  # data text (English)


@dataclasses.dataclass(frozen=True)
class Service:
    """A catalogue service or technology that serves the stream for the country.

    Listed, never analysed: it treats no waste at a site. ``coverage`` says how it
    reaches the country: ``country`` (named by its source), ``group`` (through ``via``,
    e.g. ``region:Pacific``), or ``global`` (no source states a coverage).
    """

    entry_id: str
    kind: str  # service | technology
    name: str  # data text
    operator: str  # data text
    based_iso3: str  # "" when no source says
    description: str  # data text
    website: str
    coverage: str  # country | group | global
    via: str | None
    sources: tuple[str, ...]
    coverage_sources: tuple[str, ...]
    confidence: str
    as_of: str
    notes: str = ""  # data text: the caveats the catalogue records
    #: States its source says it ships the waste to (``data/service_destinations.csv``), each with the
    #: rules that close the country -> that State for the stream (``()``: not closed) and its source.
    ships_to: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ships_to_sources: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class StreamSection:
    """Everything the dossier says about one stream."""

    stream: str
    status: str  # reachable | no_legal_route | no_facility_for_stream
    options: tuple[Option, ...]
    closed: tuple[Closed, ...]
    what_if: tuple[WhatIf, ...]
    basel_codes: tuple[str, ...]  # Y and Annex VIII entries
    basel_codes_sources: tuple[str, ...]
    transport: TransportCode | None
    services: tuple[Service, ...] = ()  # services and technologies for the stream, services first


@dataclasses.dataclass(frozen=True)
class Authority:
    """A Basel competent authority or focal point (an authority, never a person)."""

    iso3: str
    role: str  # competent_authority | focal_point
    name: str  # data text
    source_url: str
    confidence: str
    as_of: str
    #: The date its legal basis took effect (``data/authorities.csv`` ``valid_from``; "" unknown):
    #: a dossier read as of an earlier date does not name it.
    valid_from: str = ""
    #: The language its name is recorded in (``lang``: en, es...): English data text is marked
    #: "(in English)" in a French or Spanish dossier.
    lang: str = "en"


@dataclasses.dataclass(frozen=True)
class NotificationField:
    """One field of Basel Annex V A; ``value`` is ``None`` when hgmap does not know it."""

    number: int
    key: str
    value: str | None  # data text or codes
    sources: tuple[str, ...] = ()
    #: Fields 6-8: (ISO3, its competent authorities) per State, never a joined string (an
    #: authority's name may itself contain "; ").
    states: tuple[tuple[str, tuple[Authority, ...]], ...] = ()


@dataclasses.dataclass(frozen=True)
class Notification:
    """The pre-filled draft notification for one stream's first option."""

    stream: str
    facility_id: str
    fields: tuple[NotificationField, ...]


@dataclasses.dataclass(frozen=True)
class RegionalPeer:
    """Another country of the region: how many streams have a legal route."""

    iso3: str
    reachable: int
    streams: int


@dataclasses.dataclass
class Dossier:
    """One country's dossier; render it with :func:`hgmap.dossier.render.render`."""

    iso3: str
    name: str
    region: str | None
    is_sids: bool
    as_of: str
    data_date: str
    k: int
    scenario: str | None
    streams: tuple[StreamSection, ...]
    position: LegalPosition
    authorities: dict[str, tuple[Authority, ...]]
    notifications: tuple[Notification, ...]
    regional: tuple[RegionalPeer, ...]
    names: dict[str, str]
    origin_point: tuple[float, float] | None
    facilities_source: str = "shipped catalogue"
    services_source: str = "shipped list"  # shipped list | user catalogue
    #: What ranks the options and lists the closed facilities: the search weight of the
    #: results (``cost``: estimated transport cost, :mod:`hgmap.costs`; ``distance``: km).
    objective: str = "cost"
    #: (oldest, newest) ``as_of`` of the catalogue's facility records: ``as_of`` dates the law only.
    facilities_dates: tuple[str, str] | None = None
    #: ISO3 -> (article, elides *de*) of ``names`` in the dossier's language (French only:
    #: :func:`hgmap.countries.country_articles`; empty in English and Spanish).
    articles: dict[str, tuple[str, bool]] = dataclasses.field(default_factory=dict)
    #: ISO3 -> regional conventions (``waigani``, ``bamako``) of each State concerned that is not a
    #: Basel Party on the date: its authority is not on the Basel contact list.
    outside_basel: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    #: ISO3 -> the authorities of ``data/authorities.csv`` whose legal basis took effect after
    #: ``as_of`` (``Authority.valid_from``): not named in the dossier, which says so.
    later_authorities: dict[str, tuple[Authority, ...]] = dataclasses.field(default_factory=dict)

    def name_of(self, iso3: str | None) -> str:
        """The country name of ``iso3`` (the code itself when unknown)."""
        if not iso3:
            return ""
        return self.names.get(iso3, iso3)

    def named(self, states: Sequence[str], *, code: bool = True) -> Named:
        """"Fiji (FJI), New Zealand (NZL)" (``code=False``: the names alone) as a
        :class:`hgmap.i18n.Named` a French message contracts ("des Fidji (FJI)")."""
        return Named(((f"{self.name_of(s)} ({s})" if code else self.name_of(s), *self.articles.get(s, ("", False)))
                      for s in states))

    def states(self) -> tuple[str, ...]:
        """Every State the dossier's options concern (export, transit, import), in order."""
        out = [self.iso3]
        for s in self.streams:
            for o in s.options:
                out += [*o.transit, o.facility_iso3]
        return tuple(dict.fromkeys(x for x in out if x))
