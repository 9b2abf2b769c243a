"""Build a :class:`~hgmap.dossier.model.Dossier` from the public APIs.

Inputs: :func:`hgmap.accessibility` rows (one call per stream, for the country and the
other SIDS of its region), :func:`hgmap.law.assess` decisions, the legal tables
(memberships, agreements, bans), the facility catalogue, the catalogue's services and
technologies (:func:`hgmap.catalogue.load_offers` / :func:`~hgmap.catalogue.offers_for`),
``data/authorities.csv`` and ``data/transport_codes.csv``. Nearer closed facilities and the what-if search are the
SIDS report's (:mod:`hgmap.report`), reused, not copied. Nothing here writes a sentence.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import yaml

from .. import law as _law
from .._io import data_path
from ..law import load_tables
from .._values import as_list, number, text
from ..countries import check_country, load_countries
from ..errors import DataError, HgmapError
from ..facilities import catalogue_dates, unconfirmed_note
from ..vocab import parse_date, parse_streams
from .model import (
    AgreementRef, Authority, Closed, Dossier, LegalPosition, Leg, Membership, NationalBan, Notification,
    NotificationField, Option, RegionalPeer, ScopeFlag, Service, Step, StreamSection, TransportCode, WhatIf,
)
from .itinerary import sea_ports
from .results import by_origin, facility_tables

__all__ = ["build_dossier", "INSTRUMENTS", "NOTIFICATION_FIELDS", "BASEL_CONTACTS_URL", "ANNEX_VA_SOURCE",
           "WAIGANI_PROCEDURES_URL"]

log = logging.getLogger(__name__)

#: Instruments of the legal position, in the order the dossier lists them.
INSTRUMENTS: tuple[str, ...] = ("basel", "ban_amendment", "minamata", "waigani", "bamako", "caa", "izmir", "kuwait",
                                 "oecd", "eu")

#: Why a nearer facility that takes the stream is closed, as the dossier lists it.
CLOSED_KINDS: tuple[str, ...] = ("law", "transit", "acceptance", "status")

#: Where to look for a competent authority hgmap does not know.
BASEL_CONTACTS_URL = "http://www.basel.int/Countries/CountryContacts/tabid/1342/Default.aspx"
#: The Waigani Convention's procedures, competent authorities and focal points (SPREP, its Secretariat).
WAIGANI_PROCEDURES_URL = "http://www.sprep.org/legal/procedures-waigani"
#: Basel Convention Annex V A (information to be provided on notification).
ANNEX_VA_SOURCE = ("https://github.com/statengeneraal/laws-markdown (verdrag/basel/BWBV0002081, Annex V A) ; "
                   "https://inview.nl/document/id43571153d02b7a037760c0c7c89c430a")

#: Basel Annex V A, fields 1-21 (the keys the renderers translate).
NOTIFICATION_FIELDS: tuple[str, ...] = (
    "reason", "exporter", "generator", "disposer", "carrier", "state_export", "states_transit",
    "state_import", "general_single", "dates_itinerary", "transport_means", "insurance", "designation",
    "packaging", "quantity", "process", "classification", "disposal_method", "declaration",
    "esm_information", "contract",
)


# ------------------------------------------------------------------------- data files


@functools.lru_cache(maxsize=1)
def _authorities() -> dict[str, tuple[Authority, ...]]:
    out: dict[str, list[Authority]] = {}
    with open(data_path("authorities.csv"), newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["iso3"], []).append(
                Authority(r["iso3"], r["role"], r["authority"], r["source_url"], r["confidence"], r["as_of"],
                          r.get("valid_from") or "", r.get("lang") or "en"))
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def _transport_codes() -> dict[str, TransportCode]:
    out = {}
    with open(data_path("transport_codes.csv"), newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out[r["stream"]] = TransportCode(r["un_number"] or None, r["shipping_name"] or None,
                                             r["hazard_class"] or None, r["packing_group"] or None,
                                             tuple(as_list(r["source_url"].replace(" ; ", ";"))),
                                             r["confidence"] or "unknown",
                                             tuple(as_list((r.get("special_provisions") or "").replace(" ", ""))),
                                             r.get("notes") or "")
    return out


@functools.lru_cache(maxsize=1)
def _service_destinations() -> dict[str, tuple[tuple[str, str], ...]]:
    """service id -> ((ISO3, source URL), ...): where its source says it ships the waste."""
    out: dict[str, list[tuple[str, str]]] = {}
    with open(data_path("service_destinations.csv"), newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["service_id"], []).append((r["ships_to_iso3"], r["source_url"]))
    return {k: tuple(v) for k, v in out.items()}


def _sources(value: Any) -> tuple[str, ...]:
    """Source URLs from a list, or from text joined with " ; " (the tables' convention)."""
    if isinstance(value, str) or value is None:
        items = text(value).split(" ; ")
    else:
        items = [text(v) for v in as_list(value)]
    return tuple(dict.fromkeys(s.strip() for s in items if s and s.strip()))


# ---------------------------------------------------------------------- legal position


def _legal_position(iso3: str, as_of: _dt.date, scenario: Any) -> LegalPosition:
    tables = load_tables()
    if scenario is not None:
        tables = scenario.apply(tables)
    terr = tables.territories.get(iso3)
    sovereign = terr.sovereign if terr is not None and not terr.own_treaty_status else None
    from ..law.state import get_state

    state = get_state(as_of, scenario)  # the legal engine's facts: territories through their coverage
    members = []
    for inst in INSTRUMENTS:
        fact = state.fact(inst, iso3)
        own = tables.memberships.get((inst, iso3), ())
        via = None
        rows = own
        if not own and sovereign is not None and (inst, sovereign) in tables.memberships:
            rows, via = tables.memberships[(inst, sovereign)], sovereign
        row = rows[-1] if rows else None
        since = row.entry_into_force.isoformat() if row is not None and row.entry_into_force and fact.value else None
        status = (row.status if row is not None else "none") if not fact.value else "party"
        undetermined = not fact.value and not fact.decisive and fact.unknown is not None
        known_to, sources = None, tuple(fact.sources)
        if undetermined:
            params = getattr(fact.unknown, "params", None) or {}
            dataset = tables.datasets.get(inst, {})
            known_to = params.get("complete") or (max(r.as_of for r in rows).isoformat() if rows else None) \
                or dataset.get("complete_until") or None
            if not sources and dataset.get("source"):  # absent from the list: the list is the source
                sources = (f"{dataset['source']} ({dataset.get('file', '')}, as of {dataset.get('as_of', '')})",)
        members.append(Membership(inst, bool(fact.value), status, since, fact.confidence,
                                  sources, fact.unknown is not None, via,
                                  undetermined, known_to, fact.unknown if undetermined else None))
    agreements = []
    groups = {inst for m in members if m.member for inst in [m.instrument]}
    for ag in tables.agreements:
        if ag.group is not None:
            inside = ag.group in groups
        else:
            inside = iso3 in ag.members or (sovereign is not None and sovereign in ag.members)
        if not inside:
            continue
        if ag.in_force_to is not None and as_of > ag.in_force_to:
            continue
        if ag.in_force_from is not None and as_of < ag.in_force_from:  # not yet in force on the as-of date
            continue
        partners = ag.members if ag.group is not None else tuple(m for m in ag.members if m != iso3)
        agreements.append(AgreementRef(ag.agreement_id, ag.title,
                                       ag.in_force_from.isoformat() if ag.in_force_from else None,
                                       tuple(partners), tuple(ag.sources), ag.confidence))
    bans = []
    for b in tables.bans:
        holders = {h.strip() for h in b.holder.split(";")}
        if iso3 in holders and b.in_force(as_of):
            bans.append(NationalBan(b.ban_id, b.measure, b.legal_basis, b.scope_wastes,
                                    b.effective_from.isoformat() if b.effective_from else None,
                                    tuple(b.sources), b.confidence))
    return LegalPosition(tuple(members), tuple(agreements), tuple(bans), sovereign,
                         terr.basel_coverage if terr is not None else None)


# --------------------------------------------------------------------------- procedure


#: hgmap.law.procedure step kinds -> the dossier's step codes (texts.step_text words them).
_STEP_KINDS = {
    "domestic": "domestic", "same_state": "same_state", "import_consent": "consent_import",
    "art11_procedure": "art11", "national_permits": "not_governed", "regional_procedure": "regional",
    "transit_consent": "consent_transit", "transit_notice": "notify_transit", "transit_eu": "transit_eu",
    "eu_wsr": "eu_wsr", "us_import": "us_import", "us_export": "us_export", "minamata_esm": "minamata",
    "minamata_tailings": "minamata_tailings",
}
#: hgmap.law.procedure paperwork kinds -> step codes ("documents": the movement document and
#: the financial guarantee of Basel Art 4(7) and 6(11)).
_PAPERWORK_KINDS = {"contract": ("contract",), "esm": ("esm",), "esm_import": ("esm_import",),
                    "justification": ("justification",), "documents": ("movement_document", "guarantee")}


def _procedure(origin: str, dest: str, transit: Sequence[str], decision: Any) -> tuple[Step, ...]:
    """The procedure as numbered steps (codes and States) from :func:`hgmap.law.procedure`.

    Only the procedure's structured fields are read (step ``kind``, ``states``,
    ``agreement_ids``; paperwork ``kind``), never its sentences. A step kind the dossier
    does not know yet is kept as ``law_step`` with its citation, so nothing is dropped.
    The Minamata step's variant (``basel`` or ``outside``, Art 11(3)(c)) follows from the
    procedure itself: Basel governs a movement with Basel consent, or under an Art 11
    agreement without an end outside Basel (no ``agreement_notice``).
    """
    if decision is None:
        return ()
    proc = _law.procedure(decision)
    steps: list[Step] = []
    by_agreement = any(st.kind == "agreement_notice" for st in proc.steps)
    under_basel = proc.basis_kind == "basel_consent" or (proc.basis_kind == "art11_agreement" and not by_agreement)
    # Outside Basel: at one end (an Art 11 agreement's notice) or at both (not governed, Art 11(3)(c)
    # then reaches no Basel Party, so its Basel clause is left out).
    minamata_variant = "basel" if under_basel else "outside_none" if proc.basis_kind == "not_governed" else "outside"
    if proc.basis_kind in ("basel_consent", "art11_agreement") and not by_agreement:
        steps.append(Step("notify", (origin, dest, *transit)))
    for st in proc.steps:
        if st.kind == "agreement_notice":
            # One end outside Basel (Fiji; or the USA as the destination): the notice and the consent
            # go under the Art 11 agreement's own procedure, at the article the law cites. The law
            # lists the end outside Basel first.
            ref, cite = "; ".join(st.agreement_ids), st.agreement_citation
            variant = "destination" if st.states and st.states[0] == dest and dest != origin else "origin"
            steps.append(Step("notify_agreement", (origin, dest, *transit), ref, cite, variant))
            steps.append(Step("consent_agreement", (dest,), ref, "", variant))
            continue
        code = _STEP_KINDS.get(st.kind)
        if code is None:
            log.warning("procedure step kind %r has no dossier wording; shown by its citation", st.kind)
            steps.append(Step("law_step", tuple(st.states), st.citation))
            continue
        ref = "; ".join(st.agreement_ids)
        states = tuple(st.states) or (origin, dest)
        if code == "consent_transit" and ref:
            # Every State of the movement is in the agreement (Fiji -> New Zealand via Tuvalu, all
            # Waigani): the transit consent follows it, Basel's does not apply (Basel Art 11(2)).
            steps.append(Step(code, states, ref, st.agreement_citation))
            continue
        if code == "same_state":
            # The law names the common sovereign only: the sentence names both ends, then the State.
            states = (origin, dest, *(x for x in st.states if x not in (origin, dest)))
        elif code == "regional" and ref and proc.basis_kind == "not_governed":
            # Neither end is a Basel Party (Fiji -> Niue): the regional convention is the procedure
            # itself, at its own articles (Waigani Art 6(1), Annex VI A; Art 6(9), Annex VI B).
            steps.append(Step("regional_own", (origin, dest), ref, st.citation))
            continue
        elif code == "regional" and not ref:
            # A regional condition on no agreement (Kuwait Protocol Art 7 or Art 8): its citation
            # picks the wording, and the sentence names both ends.
            ref, states = st.citation or "", (origin, dest)
        if code == "regional" and ref and not ref.startswith(("Kuwait", "kuwait")) and st.citation:
            # Under Basel too: the agreement's own article where the law gives it, else Basel Art 11
            # (an agreement whose articles hgmap has not read is cited by its id alone).
            own = st.agreement_citation if st.agreement_citation not in ("", *st.agreement_ids) else ""
            steps.append(Step(code, states, ref, own or st.citation))
            continue
        if code == "minamata":
            # Art 11(3)(c): under Basel, disposal in conformity with it; outside Basel, after taking
            # into account the relevant international rules (decided above from the law's objects).
            steps.append(Step(code, states, ref, variant=minamata_variant))
            continue
        if code in ("transit_eu", "eu_wsr"):
            # The Waste Shipment Regulation in force on the date, as the law cites it (Reg (EEC) 259/93,
            # (EC) 1013/2006 or (EU) 2024/1157; between third countries its transit articles).
            steps.append(Step(code, states, ref, st.citation))
            continue
        # The US import and export steps keep their citation: the wording depends on the rule in
        # force (262.84 or 262.60; 262.83 or 262.53).
        steps.append(Step(code, states, st.citation if code in ("us_import", "us_export") else ref))
    for cond in proc.paperwork:
        for code in _PAPERWORK_KINDS.get(cond.kind, ()):
            if code == "guarantee":  # Art 6(11): required by the State of import or a transit Party
                steps.append(Step(code, (dest, *transit)))
            elif code == "movement_document" and cond.agreement_id:
                # The agreement's movement document (Waigani Art 6(9), Annex VI B for Fiji).
                steps.append(Step(code, tuple(cond.states) or (origin,), cond.agreement_id,
                                  cond.agreement_citation))
            elif code == "contract" and by_agreement:
                steps.append(Step(code, tuple(cond.states) or (origin,), variant="agreement"))
            else:
                steps.append(Step(code, tuple(cond.states) or (origin,)))
    if proc.basis_kind in ("basel_consent", "art11_agreement"):
        # Under an agreement with an end outside Basel, Basel Art 6(9) does not bind both ends:
        # the confirmation goes on the agreement's movement document.
        steps.append(Step("confirm_disposal", (dest, origin), variant="agreement" if by_agreement else ""))
    order = {code: i for i, code in enumerate(_STEP_ORDER)}
    steps.sort(key=lambda st: order.get(st.code, _STEP_ORDER.index("law_step")))  # stable within a code
    return tuple(dict.fromkeys(steps))


#: Shipping order of the dossier's steps: who notifies, who consents, the paperwork before the
#: shipment starts, the conditions of the Minamata Convention, the movement, its end.
_STEP_ORDER: tuple[str, ...] = (
    "domestic", "same_state", "not_governed", "notify", "notify_agreement", "consent_import", "consent_agreement",
    "art11", "regional_own", "regional", "consent_transit", "notify_transit", "transit_eu", "eu_wsr", "us_import",
    "law_step",
    "contract", "esm", "esm_import", "justification", "guarantee", "minamata", "minamata_tailings",
    "movement_document", "confirm_disposal",
)


# ------------------------------------------------------------------------------ options


def _legs(row: Mapping[str, Any]) -> tuple[Leg, ...]:
    """Sea, road and access legs; ``other`` for what the result does not break down."""
    total = number(row.get("distance_km")) or 0.0
    road = number(row.get("road_km"))
    if road is None:
        road = number(row.get("land_km"))
    legs = [Leg("sea", number(row.get("sea_km")) or 0.0), Leg("road", road or 0.0),
            Leg("access", number(row.get("access_km")) or 0.0)]
    rest = total - sum(leg.km for leg in legs)
    if abs(rest) >= 0.5:
        legs.append(Leg("other", rest))
    return tuple(legs)


def _option(row: Mapping[str, Any], fac: Mapping[str, Any], decision: Any, steps: tuple[Step, ...],
            geometry: Any) -> Option:
    sources: list[str] = []
    for r in getattr(decision, "reasons", ()) or ():
        sources += list(r.sources)
    low = number(row.get("cost_usd_per_t_low"))
    high = number(row.get("cost_usd_per_t_high"))
    flags = _scope_flags(decision)
    # A rule that may reach part of the stream is a condition of the movement (the law's
    # ``stream_scope`` condition): the procedure opens with checking the consignment against it.
    steps = tuple(Step("scope_check", (f.state,), f.ban_id or "", f.basis) for f in flags) + tuple(steps)
    return Option(
        rank=int(row["rank"]), facility_id=text(row.get("facility_id")),
        facility_name=text(row.get("facility_name")) or text(fac.get("name")),
        facility_iso3=text(row.get("facility_iso3")) or text(fac.get("country_iso3")),
        city=text(fac.get("city")), operation=text(row.get("operation")) or None,
        distance_km=number(row.get("distance_km")) or 0.0, legs=_legs(row),
        transit=tuple(str(t) for t in as_list(row.get("transit_iso3"))), cost_low=low, cost_high=high,
        legal_status=text(row.get("legal_status")) or None,
        legal_confidence=text(row.get("legal_confidence")) or None,
        rules=tuple(str(r) for r in as_list(row.get("legal_rules"))),
        sources=tuple(dict.fromkeys(s for s in sources if s)),
        # The acceptance flag is hgmap's own sentence (hgmap.facilities.unconfirmed_note), not a
        # fact of the law: the dossier words it from the row's ``acceptance`` in its language.
        unknowns=tuple(u if isinstance(u, str) else str(u) for u in as_list(row.get("legal_unknowns"))
                       if u and str(u) != unconfirmed_note(text(row.get("origin_iso3")))),
        facility_confidence=text(fac.get("confidence")) or None,
        facility_sources=_sources(fac.get("source_url")), steps=steps, geometry=geometry,
        sea_ports=sea_ports(row.get("legs"), geometry),
        has_join_legs=(number(row.get("access_km")) or 0.0) >= 0.5,
        acceptance=text(row.get("acceptance")) or None,
        scope_flags=flags,
    )


def _scope_flags(decision: Any) -> tuple[ScopeFlag, ...]:
    """The decision's stream-scope flags, from its structured fields (State, ban id) and the ban's
    own record (measure, legal basis, listed wastes), never from the flag's sentence."""
    bans = {b.ban_id: b for b in load_tables().bans}
    out = []
    for r in getattr(decision, "reasons", ()) or ():
        if r.effect != "flags" or r.kind != "stream_scope":
            continue
        state = r.state or (r.states[0] if r.states else "")
        if r.ban_ids:
            for ban_id in r.ban_ids:
                ban = bans.get(ban_id)
                out.append(ScopeFlag(state, ban.measure if ban else "", ban_id,
                                     ban.legal_basis if ban else r.citation, ban.scope_wastes if ban else None))
        else:
            out.append(ScopeFlag(state, "", None, r.citation, None))
    return tuple(dict.fromkeys(out))


def _what_ifs(entry: Any) -> tuple[WhatIf, ...]:
    out = []
    bans = {b.ban_id: b for b in load_tables().bans}
    for w in entry.what_if:
        data = yaml.safe_load(w.scenario_yaml) or {}
        changes = data.get("changes") or []
        states: list[str] = []
        ban_ids: list[str] = []
        for ch in changes:
            if ch.get("action") == "lift_ban":
                ban_ids.append(str(ch.get("id")))
                holder = bans.get(str(ch.get("id")))
                if holder is not None:
                    states += [h.strip() for h in holder.holder.split(";") if h.strip()]
            elif ch.get("action") == "add_agreement":
                states += [str(p) for p in ch.get("parties", [])]
            elif ch.get("iso3"):
                states.append(str(ch["iso3"]))
        out.append(WhatIf(w.kind, tuple(dict.fromkeys(states)), tuple(ban_ids), bool(w.opens),
                          w.facility_name, w.facility_iso3, w.distance_km, w.scenario_yaml))
    return tuple(out)


def _closed(entry: Any) -> tuple[Closed, ...]:
    # Only the reasons that matter to the country: a facility that never takes the stream, or
    # lacks the operation, or that no sea or land route reaches, is not a "nearer closed" option.
    return tuple(Closed(c.facility_id, c.facility_name, c.facility_iso3, c.distance_km, c.reason, tuple(c.rules),
                        c.confidence, tuple(getattr(c, "transit_states", ()) or ()))
                 for c in entry.closed if c.reason in CLOSED_KINDS)


# --------------------------------------------------------------------------- notification


def _notification(d_iso3: str, section: StreamSection, position: LegalPosition,
                  authorities: Mapping[str, tuple[Authority, ...]], stream_row: Mapping[str, str]) -> Notification:
    opt = section.options[0]

    def ca(iso: str) -> str | None:
        names = [a.name for a in authorities.get(iso, ()) if a.role == "competent_authority"]
        return "; ".join(names) or None

    def pairs(isos: Iterable[str]) -> tuple[tuple[str, tuple[Authority, ...]], ...]:
        return tuple((iso, tuple(a for a in authorities.get(iso, ()) if a.role == "competent_authority"))
                     for iso in isos)

    def ca_src(isos: Iterable[str]) -> tuple[str, ...]:
        return tuple(s for iso in isos for a in authorities.get(iso, ()) if a.role == "competent_authority"
                     for s in _sources(a.source_url))

    transit = opt.transit
    codes = "; ".join(section.basel_codes)
    tc = section.transport
    un = None
    if tc is not None and tc.un_number:
        un = f"{tc.un_number} {tc.shipping_name or ''}".strip()
    values: dict[str, tuple[str | None, tuple[str, ...]]] = {
        "state_export": (f"{d_iso3}" + (f" | {ca(d_iso3)}" if ca(d_iso3) else ""), ca_src([d_iso3])),
        "states_transit": ("; ".join(t + (f" | {ca(t)}" if ca(t) else "") for t in transit) if transit else "-",
                           ca_src(transit)),
        "state_import": (opt.facility_iso3 + (f" | {ca(opt.facility_iso3)}" if ca(opt.facility_iso3) else ""),
                         ca_src([opt.facility_iso3])),
        "disposer": (f"{opt.facility_name}" + (f", {opt.city}" if opt.city else "") + f" ({opt.facility_iso3})",
                     opt.facility_sources),
        "designation": ("; ".join(x for x in (codes, un) if x) or None,
                        section.basel_codes_sources + (tc.sources if tc and tc.un_number else ())),
        "classification": ((f"UN class {tc.hazard_class}, PG {tc.packing_group}" if tc and tc.hazard_class else None),
                           tc.sources if tc and tc.hazard_class else ()),
        "disposal_method": (opt.operation, opt.facility_sources),
        "dates_itinerary": (" > ".join([d_iso3, *transit, opt.facility_iso3]), ()),
        # Real modes only: the join legs ("access": origin or facility to the network) go by road.
        "transport_means": ("; ".join(dict.fromkeys("road" if leg.kind == "access" else leg.kind for leg in opt.legs
                                                    if leg.km >= 0.5 and leg.kind != "other")), ()),
    }
    fields = []
    for i, key in enumerate(NOTIFICATION_FIELDS, start=1):
        value, src = values.get(key, (None, ()))
        states = {"state_export": pairs([d_iso3]), "states_transit": pairs(transit),
                  "state_import": pairs([opt.facility_iso3])}.get(key, ())
        fields.append(NotificationField(i, key, value or None, tuple(dict.fromkeys(src)), states))
    return Notification(section.stream, opt.facility_id, tuple(fields))


# ----------------------------------------------------------------------------- services


def _services_source(services: Any, facilities: Any) -> tuple[Any, str]:
    """Where the services come from: ``services`` if given, else the database given as
    ``facilities`` when it is one, else the shipped list; and how the dossier names it."""
    from ..catalogue import is_catalogue

    if services is not None:
        return services, "user catalogue"
    if isinstance(facilities, (str, os.PathLike)) and is_catalogue(facilities):
        return facilities, "user catalogue"
    return None, "shipped list"


def _services(offers: Any, iso3: str, stream: str, as_of: _dt.date, law: Any = None) -> tuple[Service, ...]:
    """The catalogue's services and technologies that serve ``stream`` for ``iso3``; where a
    service's source names the State it ships to, whether the law closes ``iso3`` -> that State."""
    from ..catalogue import offers_for

    out = []
    for m in offers_for(offers, iso3, stream, as_of=as_of):
        dests = _service_destinations().get(m.offer.id, ())
        ships = []
        for dest, _src in dests:
            rules: tuple[str, ...] = ()
            if law is not None and dest != iso3:
                dec = law.assess(iso3, dest, stream, None)
                if dec is not None and dec.status == "prohibited":
                    rules = tuple(dict.fromkeys(r.rule_id for r in dec.reasons if r.effect == "prohibits"))
            ships.append((dest, rules))
        out.append(Service(m.offer.id, m.offer.kind, m.offer.name, m.offer.operator, m.offer.country_iso3,
                           m.offer.description, m.offer.website, m.coverage, m.via, m.offer.sources,
                           m.offer.serves_sources, m.offer.confidence, m.offer.as_of, m.offer.notes,
                           tuple(ships), tuple(dict.fromkeys(src for _d, src in dests))))
    return tuple(out)


# ------------------------------------------------------------------------------ build


def build_dossier(
    iso3: str,
    *,
    streams: str | Iterable[str] | None = None,
    as_of: str | _dt.date | None = None,
    k: int = 3,
    scenario: Any = None,
    facilities: Any = None,
    results: Mapping[str, Any] | None = None,
    what_if: bool = True,
    model: Any = None,
    report_entries: Mapping[tuple[str, str], Any] | None = None,
    services: Any = None,
) -> Dossier:
    """Everything one country's dossier says, as data.

    Parameters
    ----------
    iso3
        The country (ISO 3166-1 alpha-3; a name raises with the code suggested).
    streams
        Waste streams (``None``: all of :data:`hgmap.STREAMS`).
    as_of
        Date the law is read at (``YYYY-MM-DD``; default today).
    k
        Options per stream.
    scenario
        A scenario file or :class:`hgmap.law.Scenario`.
    facilities
        A facility catalogue (path or GeoDataFrame; default the shipped one).
    results
        ``{stream: accessibility result}`` already computed (``hgmap run`` passes its own);
        each must hold the country's rows. Missing streams are computed.
    what_if
        Search what would open a stream with no legal route.
    model
        An :class:`hgmap.access.AccessModel` built on the same catalogue (``hgmap run``
        passes its own, so that nothing is computed twice); default: the cached one.
    report_entries
        ``SidsReport.entries`` of a report built from the same results: their closed
        facilities and what-ifs are reused instead of searched again.

    Returns
    -------
    Dossier

    Raises
    ------
    HgmapError
        On an unknown country, stream, date, scenario or catalogue.
    """
    from ..catalogue import load_offers
    from ..report.legal import LawView

    iso3, streams, as_date, scenario = _check_request(iso3, streams, k=k, as_of=as_of, scenario=scenario)
    countries = load_countries().set_index("iso3")
    names = countries["name"].to_dict()
    row = countries.loc[iso3]
    is_sids, region, peers = _region(countries, iso3)
    fac_frame, model = _catalogue_and_model(facilities, model)
    results = _complete_results(results, iso3, streams, [iso3, *peers], model=model, k=k, as_of=as_date,
                                scenario=scenario)
    data_date = text(next(iter(results.values())).attrs.get("data_date")) or _law.data_date()
    position = _legal_position(iso3, as_date, scenario)
    law_cache = LawView(as_of=as_date, operation=None, scenario=scenario)
    streams_rows = load_tables().streams
    fac_by_id = facility_tables(fac_frame)[0]
    entries = _entries(iso3, streams, results, report_entries, names=names, region=region, law=law_cache,
                       model=model, fac=facility_tables(model.facilities)[1], what_if=what_if, as_of=as_date)
    offers_src, services_label = _services_source(services, facilities)
    offers = load_offers(offers_src)
    sections = [_section(iso3, stream, results[stream], entries[(iso3, stream)], law=law_cache, fac_by_id=fac_by_id,
                         stream_row=streams_rows.get(stream, {}), offers=offers, as_of=as_date)
                for stream in streams]
    auth = _involved_authorities(iso3, sections, as_date)
    later_auth = _involved_authorities(iso3, sections, as_date, later=True)
    outside = _outside_basel(auth, as_date, scenario)
    notifications = tuple(_notification(iso3, s, position, auth, streams_rows.get(s.stream, {}))
                          for s in sections if s.options and s.options[0].legal_status != "domestic")
    return Dossier(
        iso3=iso3, name=names.get(iso3, iso3), region=region, is_sids=is_sids, as_of=as_date.isoformat(),
        data_date=data_date, k=int(k), scenario=getattr(scenario, "name", None), streams=tuple(sections),
        position=position, authorities=auth, notifications=notifications,
        regional=_regional(peers, streams, results), names=names, origin_point=_origin_point(results, iso3, row),
        facilities_source="shipped catalogue" if facilities is None else "user catalogue",
        services_source=services_label,
        objective=text(next(iter(results.values())).attrs.get("objective")) or getattr(model, "objective", "cost"),
        facilities_dates=catalogue_dates(fac_frame), outside_basel=outside, later_authorities=later_auth,
    )


def _check_request(iso3: str, streams: str | Iterable[str] | None, *, k: int, as_of: str | _dt.date | None,
                   scenario: Any) -> tuple[str, tuple[str, ...], _dt.date, Any]:
    """The checked country, streams and date, and the scenario loaded (errors name the argument)."""
    iso3 = check_country(iso3, field="iso3")
    streams = parse_streams(streams)
    if int(k) < 1:
        raise HgmapError(f"k: must be >= 1, got {k}")
    as_date = parse_date(as_of, field="as_of") if as_of is not None else _dt.date.today()
    if scenario is not None and not isinstance(scenario, _law.Scenario):
        scenario = _law.load_scenario(scenario)
    return iso3, streams, as_date, scenario


def _region(countries: Any, iso3: str) -> tuple[bool, str | None, list[str]]:
    """Whether the country is a SIDS, its SIDS region, and the region's other SIDS (sorted)."""
    row = countries.loc[iso3]
    is_sids = bool(row["sids"])
    region = row["sids_region"] if is_sids else None
    peers = sorted(countries.index[(countries["sids_region"] == region) & countries["sids"]]) if is_sids else []
    return is_sids, region, [p for p in peers if p != iso3]


def _catalogue_and_model(facilities: Any, model: Any) -> tuple[Any, Any]:
    """The facility frame and the access model built on it (the caller's, the cached one, or a new one)."""
    from ..access import AccessModel, shared_model
    from ..facilities import load_facilities

    if model is not None:
        return model.facilities, model
    if facilities is None or isinstance(facilities, (str, os.PathLike)):
        fac_frame = load_facilities(facilities)
        return fac_frame, shared_model(facilities, None)  # the model hgmap.accessibility caches
    return facilities, AccessModel(facilities=facilities)


def _complete_results(results: Mapping[str, Any] | None, iso3: str, streams: Sequence[str],
                      origins: list[str], *, model: Any, k: int, as_of: _dt.date,
                      scenario: Any) -> dict[str, Any]:
    """The given results, with every stream that lacks the country's rows solved for ``origins``."""
    results = dict(results or {})
    for stream in streams:
        res = results.get(stream)
        if res is None or iso3 not in by_origin(res)[0]:
            # What hgmap.accessibility does, on the one model (a user GeoDataFrame is not cached).
            results[stream] = model.solve(stream, origins=origins, k=k, as_of=as_of, scenario=scenario)
    return results


def _entries(iso3: str, streams: Sequence[str], results: Mapping[str, Any],
             report_entries: Mapping[tuple[str, str], Any] | None, *, names: Mapping[str, str],
             region: str | None, law: Any, model: Any, fac: Any, what_if: bool,
             as_of: _dt.date) -> dict[tuple[str, str], Any]:
    """SIDS report entries of the country's streams: nearer closed facilities and what-ifs.

    An entry the caller's report already holds is reused; the others are built here with the
    report's own functions, and the what-if search runs on them when ``what_if`` is set.
    """
    from ..report.build import closed_items, closed_list
    from ..report.model import Entry
    from ..report.whatif import search_what_ifs

    given = dict(report_entries or {})
    entries: dict[tuple[str, str], Any] = {}
    for stream in streams:
        if (iso3, stream) in given:  # the SIDS report's entry: closed facilities and what-ifs already found
            entries[(iso3, stream)] = given[(iso3, stream)]
            continue
        grp = by_origin(results[stream])[0].get(iso3, [])
        if not grp:
            raise DataError(f"result for {stream} has no row for {iso3}")
        first = grp[0][0]
        status = text(first["status"])
        taken = {str(rec["facility_id"]) for rec, _g in grp} if status == "reachable" else set()
        first_km = number(first.get("distance_km")) if status == "reachable" else None
        items = closed_items(iso3, stream, first.get("blocked_reasons"), first_km=first_km, taken=taken,
                             law=law, model=model, fac=fac, operation=None, statuses=("operating",))
        closed = closed_list(iso3, stream, items, law=law, operation=None)
        entries[(iso3, stream)] = Entry(iso3, names.get(iso3, iso3), region or "Other", stream, status, (), closed,
                                        None, None, None, (), (), ())
    todo = {key: e for key, e in entries.items() if key not in given}
    if what_if and todo:
        search_what_ifs(todo, law=law, model=model, fac=fac, names=names,
                        territories=_law.territory_sovereigns(), as_of=as_of, operation=None,
                        statuses=("operating",), max_what_if=4)
        entries.update(todo)
    return entries


def _section(iso3: str, stream: str, res: Any, entry: Any, *, law: Any, fac_by_id: Mapping[str, Mapping[str, Any]],
             stream_row: Mapping[str, Any], offers: Any, as_of: _dt.date) -> StreamSection:
    """One stream of the dossier: its options with their procedures, closed facilities, what-ifs, codes, services."""
    grp = by_origin(res)[0][iso3]
    status = text(grp[0][0]["status"])
    options = []
    if status == "reachable":
        for rec, geom in grp:
            frec = fac_by_id.get(text(rec.get("facility_id")), {})
            dest = text(rec.get("facility_iso3"))
            transit = tuple(str(t) for t in as_list(rec.get("transit_iso3")))
            op = text(rec.get("operation")) or None
            decision = law.assess(iso3, dest, stream, op, transit,
                                  tuple(str(t) for t in as_list(rec.get("sea_transit_iso3"))))
            steps = _procedure(iso3, dest, transit, decision)
            options.append(_option(rec, frec, decision, steps, geom))
    return StreamSection(
        stream, status, tuple(options), _closed(entry), _what_ifs(entry),
        _law.basel_entries(stream, as_of=as_of),  # the entries in force on the date (A1180 to 2024, A1181 after)
        _sources(stream_row.get("source_url")), _transport_codes().get(stream),
        _services(offers, iso3, stream, as_of, law))


def _involved_authorities(iso3: str, sections: Sequence[StreamSection], as_of: _dt.date | None = None,
                          *, later: bool = False) -> dict[str, tuple[Authority, ...]]:
    """The known authorities of every State the options involve (export, import, transit), by ISO3,
    whose legal basis is in force on ``as_of`` (``later=True``: those whose basis postdates it)."""
    authorities = _authorities()
    states = {iso3}
    for s in sections:
        for o in s.options:
            states.update([o.facility_iso3, *o.transit])

    def postdates(a: Authority) -> bool:
        return as_of is not None and bool(a.valid_from) and as_of < parse_date(a.valid_from, field="valid_from")

    out = {s: tuple(a for a in authorities.get(s, ()) if postdates(a) == later) for s in sorted(states)}
    return {k: v for k, v in out.items() if v} if later else out


#: Regional conventions whose Parties designate their own competent authorities and focal point.
_AUTHORITY_CONVENTIONS: tuple[str, ...] = ("waigani", "bamako")


def _outside_basel(states: Iterable[str], as_of: _dt.date, scenario: Any) -> dict[str, tuple[str, ...]]:
    """The States concerned that are not Basel Parties on ``as_of`` (the law's facts), each with
    the regional conventions it is a Party to that designate competent authorities: the Basel
    contact list does not name their authorities."""
    from ..law.state import get_state

    state = get_state(as_of, scenario)
    out = {}
    for iso in states:
        try:
            if state.fact("basel", iso).value:
                continue
            out[iso] = tuple(c for c in _AUTHORITY_CONVENTIONS if state.fact(c, iso).value)
        except HgmapError as exc:  # a code the law does not know: nothing to say
            log.debug("basel fact of %s: %s", iso, exc)
    return out


def _regional(peers: Sequence[str], streams: Sequence[str], results: Mapping[str, Any]) -> tuple[RegionalPeer, ...]:
    """How many streams each peer SIDS of the region reaches legally (peers absent from the results are left out)."""
    # One pass per stream (hgmap run's results hold every origin): rank-1 status by origin.
    first_status = {stream: by_origin(results[stream])[1] for stream in streams}
    regional = []
    for p in peers:
        seen = [first_status[s][p] for s in streams if p in first_status[s]]
        if seen:
            regional.append(RegionalPeer(p, sum(1 for st in seen if st == "reachable"), len(seen)))
    return tuple(regional)


def _origin_point(results: Mapping[str, Any], iso3: str, row: Mapping[str, Any]) -> tuple[float, float] | None:
    """The country's origin (lon, lat): the results' own, else the country table's representative point."""
    first = next(iter(results.values()))
    orow = by_origin(first)[0][iso3][0][0]
    if number(orow.get("origin_lon")) is not None and number(orow.get("origin_lat")) is not None:
        return (float(orow["origin_lon"]), float(orow["origin_lat"]))
    if number(row.get("rep_lon")) is not None:
        return (float(row["rep_lon"]), float(row["rep_lat"]))
    return None
