"""Every sentence hgmap's dossier writes, as gettext messages.

The functions take the catalogue's ``gettext`` (``_``) and the dossier's names, and
return text in that language. Codes become words here and nowhere else; data text
(facility names, legal bases, citations, URLs) is passed through unchanged.
"""

from __future__ import annotations

import re

from collections.abc import Callable, Sequence

from ..i18n import N_, Named
from .model import Closed, Dossier, Membership, Service, Step, WhatIf

__all__ = [
    "STREAM_TITLES", "INSTRUMENT_TITLES", "LEG_LABELS", "LEGAL_STATUS", "ACCESS_STATUS", "CLOSED_REASONS",
    "RULE_TITLES", "FIELD_LABELS", "OPERATION_LABELS", "step_text", "membership_text", "closed_text",
    "what_if_text", "state_list", "in_english", "SERVICE_KINDS", "coverage_text", "joined", "regulation_text",
    "basel_known_to", "outside_basel", "not_basel_party", "open_basel",
]

Gettext = Callable[[str], str]

STREAM_TITLES: dict[str, str] = {
    "elemental_mercury": N_("Elemental mercury"),
    "lamps": N_("Mercury-containing lamps"),
    "batteries": N_("Mercury-containing batteries"),
    "measuring_devices": N_("Measuring devices"),
    "dental_amalgam": N_("Dental amalgam"),
    "contaminated_soil": N_("Contaminated soil"),
    "mining_tailings": N_("Mining tailings"),
    "chlor_alkali_residues": N_("Chlor-alkali residues"),
    "oil_gas_residues": N_("Oil and gas residues"),
    "other": N_("Other mercury waste"),
}

#: Instruments one is a member of, not a Party to (an organisation, not a treaty).
ORGANISATIONS: frozenset[str] = frozenset({"oecd", "eu"})

INSTRUMENT_TITLES: dict[str, str] = {
    "basel": N_("Basel Convention"),
    "ban_amendment": N_("Basel Ban Amendment"),
    "minamata": N_("Minamata Convention"),
    "waigani": N_("Waigani Convention"),
    "bamako": N_("Bamako Convention"),
    "caa": N_("Central American Regional Agreement"),
    "izmir": N_("Izmir Protocol"),
    "kuwait": N_("Kuwait Protocol (ROPME)"),
    "oecd": N_("OECD"),
    "eu": N_("European Union"),
}

LEG_LABELS: dict[str, str] = {
    "sea": N_("Sea"),
    "road": N_("Road"),
    "access": N_("Access"),
    "other": N_("Not broken down"),
}

OPERATION_LABELS: dict[str, str] = {
    "disposal": N_("Disposal (D operation, Basel Annex IV A)"),
    "recovery": N_("Recovery (R operation, Basel Annex IV B)"),
}

LEGAL_STATUS: dict[str, str] = {
    "prohibited": N_("prohibited"),
    "permitted_with_consent": N_("permitted with prior informed consent"),
    "not_governed": N_("not governed by the treaties checked"),
    "domestic": N_("domestic (no transboundary movement)"),
}

ACCESS_STATUS: dict[str, str] = {
    "reachable": N_("legal route found"),
    "no_legal_route": N_("no legal route"),
    "no_facility_for_stream": N_("no facility accepts this stream"),
}

CONFIDENCE: dict[str, str] = {
    "high": N_("high"), "medium": N_("medium"), "low": N_("low"), "unknown": N_("unknown"),
}

CLOSED_REASONS: dict[str, str] = {
    "law": N_("the movement is prohibited"),
    "transit": N_("every route crosses a State that bans the transit"),
    "acceptance": N_("the facility does not accept waste from this country"),
    "status": N_("the facility is not known to operate"),
    "operation": N_("no suitable operation for this stream"),
    "route": N_("no sea or land route"),
}

#: Short titles of the legal rules (``data/law/rules.csv``), translated.
RULE_TITLES: dict[str, str] = {
    "R0-domestic": N_("Origin and destination are the same country"),
    "R0-same-state": N_("Movement within one State (territory and its sovereign)"),
    "R1": N_("Antarctica"),
    "R2": N_("Party to non-Party"),
    "R2-art11": N_("Article 11 agreement"),
    "R2-not-governed": N_("Neither State is a Basel Party"),
    "R3": N_("Ban Amendment"),
    "R4-national-import": N_("National import ban"),
    "R4-national-export": N_("National export ban"),
    "R4-bamako": N_("Bamako import ban"),
    "R4-waigani-import": N_("Waigani import ban into Pacific Island Developing Parties"),
    "R4-waigani-export": N_("Australia/New Zealand export ban to Forum Island Countries"),
    "R4-caa": N_("Central American import ban"),
    "R4-izmir": N_("Izmir Protocol import ban (non-EU Parties)"),
    "R4-izmir-export": N_("Izmir Protocol export ban to developing countries (every Party)"),
    "R4-kuwait-import": N_("Kuwait Protocol: imports from non-Contracting States (may be prohibited)"),
    "R5-esm": N_("Environmentally sound management"),
    "R6-pic": N_("Prior informed consent"),
    "R6-kuwait": N_("Kuwait Protocol notification and consent"),
    "R7-party-transit": N_("Transit through a Party"),
    "R7-nonparty-transit": N_("Transit through a non-Party"),
    "R7-caa-transit": N_("Central American transit ban"),
    "R7-izmir-transit": N_("Izmir Protocol transit ban (non-EU Parties: all transit; every Party: transit to "
                           "developing countries)"),
    "R7-izmir-sea": N_("Izmir Protocol: passage through a Party's territorial sea (prior notification)"),
    "R7-national-transit": N_("National transit ban"),
    "R7-transit": N_("A transit State prohibits the movement"),
    "R7-eu-transit": N_("Transit through the EU"),
    "R8-minamata": N_("Minamata mercury-waste rules"),
    "R9-wsr-disposal": N_("EU ban on exports for disposal"),
    "R9-wsr-recovery": N_("EU ban on hazardous-waste exports for recovery to non-OECD countries"),
    "R9-wsr-oct": N_("EU ban on exports to overseas countries or territories (OCTs)"),
    "R9-wsr-import": N_("EU import conditions"),
    "R9-wsr-procedure": N_("EU notification and consent"),
    "R9-hg-export": N_("EU mercury export ban"),
    "R9-hg-import": N_("EU mercury import ban other than for disposal"),
    "R10-meba": N_("US elemental mercury export ban"),
    "R10-lautenberg": N_("US export ban on listed mercury compounds"),
    "R10-us-import": N_("US import requirements (national law)"),
    "NOTE-annex-vii": N_("Reading of Basel Annex VII"),
    "FLAG-stream-scope": N_("A mercury rule may reach part of this stream"),
}

#: Basel Annex V A field labels.
FIELD_LABELS: dict[str, str] = {
    "reason": N_("Reason for waste export"),
    "exporter": N_("Exporter of the waste"),
    "generator": N_("Generator(s) of the waste and site of generation"),
    "disposer": N_("Disposer of the waste and actual site of disposal"),
    "carrier": N_("Intended carrier(s) of the waste or their agents, if known"),
    "state_export": N_("Country of export of the waste; competent authority"),
    "states_transit": N_("Expected countries of transit; competent authority"),
    "state_import": N_("Country of import of the waste; competent authority"),
    "general_single": N_("General or single notification"),
    "dates_itinerary": N_("Projected date(s) of shipment(s), period of export and proposed itinerary"),
    "transport_means": N_("Means of transport envisaged"),
    "insurance": N_("Information relating to insurance"),
    "designation": N_("Designation and physical description of the waste, Y number and UN number"),
    "packaging": N_("Type of packaging envisaged"),
    "quantity": N_("Estimated quantity in weight/volume"),
    "process": N_("Process by which the waste is generated"),
    "classification": N_("Annex III classification: hazardous characteristic, H number and UN class"),
    "disposal_method": N_("Method of disposal as per Annex IV"),
    "declaration": N_("Declaration by the generator and exporter that the information is correct"),
    "esm_information": N_("Information from the disposer on which the assessment of environmentally sound "
                          "management is based"),
    "contract": N_("Information concerning the contract between the exporter and disposer"),
}


def tr(_: Gettext, table: dict[str, str], key: str | None) -> str:
    """The translated label of ``key`` in ``table`` (the key itself when unknown)."""
    if key is None:
        return _("unknown")
    return _(table[key]) if key in table else key


def in_english(_: Gettext, value: str) -> str:
    """Data text (catalogue notes, a ban's scope, the law's sentences) as recorded, in English:
    never translated, marked "(in English)" in a dossier in another language."""
    mark = _("(in English)")
    return value if not value or mark == "(in English)" else f"{value} {mark}"


def joined(_: Gettext, items) -> str:
    """Items of a list in running text, with the language's separator ("Y29; A1030", French
    "Y29 ; A1030": a space before the semicolon)."""
    return _("; ").join(items)


def state_list(d: Dossier, states: Sequence[str]) -> Named:
    """"Fiji (FJI), New Zealand (NZL)" -- names are data, codes are codes; a French message
    contracts it with *de* or *à* (``{a:de}``: :class:`hgmap.i18n.Named`)."""
    return d.named(states)


def step_text(_: Gettext, d: Dossier, step: Step) -> str:
    """One procedure step as a sentence."""
    s = step.states
    names = {i: state_list(d, (x,)) for i, x in enumerate(s)}
    first = names.get(0, "")
    second = names.get(1, "")
    # Each code belongs to one group; a code no group words is shown as itself.
    for group in (_scope_step_text, _consent_step_text, _paperwork_step_text):
        out = group(_, d, step, first, second)
        if out is not None:
            return out
    return step.code


def basel_known_to(d: Dossier, iso3: str) -> str | None:
    """The date to which ``iso3``'s non-membership of Basel is established, when the law cannot
    say whether it is a Party on the dossier's date; ``None`` when its status is known.

    Read from the law's structured facts, never its sentences: the country's own membership
    (``Membership.undetermined``, ``known_to``), else the law's :class:`hgmap.law.Unknown`
    ``basel_list`` (params ``state``, ``complete``) an option's answer rests on.
    """
    if iso3 == d.iso3:
        for m in d.position.memberships:
            if m.instrument == "basel":
                return m.known_to if m.undetermined and not m.member and m.known_to else None
    for section in d.streams:
        for o in section.options:
            for u in o.unknowns:
                params = getattr(u, "params", None)
                if getattr(u, "code", None) == "basel_list" and params and params.get("state") == iso3:
                    return params.get("complete") or None
    return None


def open_basel(_: Gettext, d: Dossier, states: Sequence[str]) -> str:
    """"Haiti (HTI): not a Party on 2024-12-31; ..." for the ``states`` whose Basel status the law
    cannot establish on the date (:func:`basel_known_to`); ``""`` when every status is known."""
    return joined(_, tuple(_("{a}: not a Party on {date}").format(a=d.named((x,)), date=k)
                           for x in dict.fromkeys(states) if (k := basel_known_to(d, x))))


def outside_basel(_: Gettext, d: Dossier, iso3: str, named: Named | str) -> str:
    """"Fiji (FJI) is not a Basel Party", or, when the law cannot establish it (:func:`basel_known_to`),
    "Fiji (FJI) is not known to be a Basel Party (not a Party on 2025-10-22; hgmap's list is complete
    to then)": the opening of a sentence about a State outside Basel."""
    known_to = basel_known_to(d, iso3)
    if known_to:
        return _("{a:The} is not known to be a Basel Party (not a Party on {date}; hgmap's list is complete to "
                 "then)").format(a=named, date=known_to)
    return _("{a:The} is not a Basel Party").format(a=named)


def not_basel_party(_: Gettext, d: Dossier, iso3: str) -> str:
    """"not a Basel Party", or "not known to be a Basel Party (not a Party on DATE; hgmap's list is
    complete to then)" (:func:`basel_known_to`): a State's status in a table cell."""
    known_to = basel_known_to(d, iso3)
    if known_to:
        return _("not known to be a Basel Party (not a Party on {date}; hgmap's list is complete to then)").format(
            date=known_to)
    return _("not a Basel Party")


def _scope_step_text(_: Gettext, d: Dossier, step: Step, first: str, second: str) -> str | None:
    """Steps that say which law governs a movement Basel's procedure does not cover."""
    if step.code == "domestic":
        return _("No transboundary movement: the national rules of {state} on hazardous-waste transport "
                 "apply.").format(state=first)
    if step.code == "same_state":
        if len(step.states) > 2:  # two territories of one sovereign: name the State
            return _("Not a transboundary movement under Basel (Art 2(3)): {a} and {b} are parts of one State, "
                     "{state}; its national law applies.").format(
                         a=first, b=second, state=state_list(d, (step.states[2],)))
        return _("Not a transboundary movement under Basel (Art 2(3)): {a} and {b} are parts of one State; "
                 "its national law applies.").format(a=first, b=second)
    if step.code == "not_governed":
        return _("The Basel procedures do not apply: the national law of {a} and of {b} governs the export "
                 "and the import. Obtain both authorities' permits in writing.").format(a=first, b=second)
    return None


def _consent_step_text(_: Gettext, d: Dossier, step: Step, first: str, second: str) -> str | None:
    """Notification and consent steps: Basel, Article 11 and regional agreements, the EU and the US."""
    s = step.states
    if step.code == "notify":
        others = state_list(d, s[1:])
        return _("The exporter (or generator) asks the competent authority of {a} to notify in writing the "
                 "competent authorities of every State concerned: {others} (Basel Art 6(1), using the "
                 "notification form below).").format(a=first, others=others)
    if step.code == "notify_agreement":
        # The end outside Basel: the destination (the USA) or the origin (Fiji), worded from its
        # membership, never "not a Basel Party" where the data cannot establish it.
        outside = (1, second) if step.variant == "destination" else (0, first)
        fmt = {"a": first, "others": state_list(d, s[1:]), "agreement": agreement_name(_, step.ref),
               "cite": cite_text(_, step.cite),
               "lead": outside_basel(_, d, s[outside[0]] if len(s) > outside[0] else "", outside[1])}
        if step.variant != "destination" and d.position.sovereign:
            return _("{lead}: the exporter (or generator) asks the competent authority for {a}, as {sovereign} "
                     "designates it, to notify in writing the competent authorities of every State concerned: "
                     "{others}, under the {agreement} ({cite}), using the notification form below.").format(
                         sovereign=state_list(d, (d.position.sovereign,)), **fmt)
        return _("{lead}: the exporter (or generator) asks the competent authority for {a} to notify in writing the "
                 "competent authorities of every State concerned: {others}, under the {agreement} ({cite}), using "
                 "the notification form below.").format(**fmt)
    if step.code == "consent_agreement":
        if step.variant == "destination":
            known_to = basel_known_to(d, s[0]) if s else None
            if known_to:
                return _("Wait for the written consent of {b} under the {agreement} before the shipment starts; {b} "
                         "is not known to be a Basel Party (not a Party on {date}; hgmap's list is complete to "
                         "then): if it is not one, a Party may send it waste only under such an agreement (Basel "
                         "Art 11).").format(b=first, agreement=agreement_name(_, step.ref), date=known_to)
            return _("Wait for the written consent of {b} under the {agreement} before the shipment starts; {b} is "
                     "not a Basel Party, so a Party may send it waste only under such an agreement (Basel "
                     "Art 11).").format(b=first, agreement=agreement_name(_, step.ref))
        return _("Wait for the written consent of {b} under the {agreement} before the shipment starts; as a "
                 "Basel Party, {b} may take waste from a State outside Basel only under such an agreement "
                 "(Basel Art 11).").format(b=first, agreement=agreement_name(_, step.ref))
    if step.code == "us_export":
        if "262.53" in (step.ref or ""):
            return _("Exports from {a} before 31 December 2016: the primary exporter notified the US EPA 60 days "
                     "before the initial shipment (40 CFR 262.53) and shipped only with EPA's Acknowledgment of "
                     "Consent.").format(a=first)
        return _("Exports from {a} need the consent of the US EPA (40 CFR 262.83): the exporter notifies EPA at "
                 "least 60 days before the first shipment and ships only after EPA's Acknowledgment of Consent "
                 "(AOC), which documents the consent of the countries of import and transit; the contract, "
                 "movement document and manifest requirements also apply.").format(a=first)
    if step.code == "art11":
        return _("Follow the notification and consent procedure of the {agreement} (Basel Art 11).").format(
            agreement=agreement_name(_, step.ref))
    if step.code == "consent_import":
        return _("Wait for the written consent of {b}: its competent authority must consent, and confirm a "
                 "contract for environmentally sound management, before the shipment starts "
                 "(Basel Art 6(2)-(3)).").format(b=first)
    if step.code == "consent_transit" and step.ref:
        return _("Notify each transit State and obtain its written consent under the {agreement} ({cite}): "
                 "{states}; Basel's transit provisions do not affect a movement entirely among the agreement's "
                 "Parties (Basel Art 11(2)).").format(agreement=agreement_name(_, step.ref),
                                                       cite=cite_text(_, step.cite), states=state_list(d, s))
    if step.code == "consent_transit":
        return _("Obtain the written consent of each transit State that is a Basel Party: {states} "
                 "(Basel Art 6(4)).").format(states=state_list(d, s))
    if step.code == "notify_transit":
        open_ = open_basel(_, d, s)
        if open_:  # a transit State whose Basel status the law cannot establish on the date says so
            return _("Notify the transit States that are not (or not known to be) Basel Parties: {states} (Basel "
                     "Art 7; {known}; hgmap's list is complete to then); their national law applies.").format(
                         states=state_list(d, s), known=open_)
        return _("Notify the transit States that are not Basel Parties: {states} (Basel Art 7); their "
                 "national law applies.").format(states=state_list(d, s))
    if step.code == "transit_eu":
        return _("Obtain the consent of the EU transit States under the Waste Shipment Regulation: {states} "
                 "({cite}).").format(states=state_list(d, s), cite=regulation_text(_, step.cite))
    if step.code == "eu_wsr":
        return _("Follow the EU notification and consent procedure of the Waste Shipment Regulation for "
                 "{states} ({cite}).").format(states=state_list(d, s), cite=regulation_text(_, step.cite))
    if step.code == "us_import":
        if "262.60" in (step.ref or ""):
            return _("Imports into the United States before 31 December 2016: the US importer follows 40 CFR "
                     "Part 262 Subpart F (262.60), with a RCRA manifest naming the foreign generator and the "
                     "importer.")
        return _("Imports into the United States need the consent of the US EPA (40 CFR 262.84): the "
                 "authority of the State of export notifies EPA or, where that State does not require it, the "
                 "US importer notifies EPA at least 60 days before the first shipment; EPA sends an "
                 "Acknowledgment of Consent (AOC). A movement document and the RCRA manifest go with each "
                 "shipment.")
    if step.code == "regional":
        return _regional_step_text(_, step, first, second)
    if step.code == "regional_own":
        # Neither end is a Basel Party: the convention's own procedure, not one "alongside Basel".
        return _("{a:The} and {b} are both in the {agreement}: its own notification and prior written consent "
                 "procedure applies ({cite}), with environmentally sound management and a movement "
                 "document.").format(a=first, b=second, agreement=agreement_name(_, step.ref),
                                    cite=cite_text(_, step.cite))
    return None


def _paperwork_step_text(_: Gettext, d: Dossier, step: Step, first: str, second: str) -> str | None:
    """Conditions before and after the shipment: contract, guarantee, ESM, Minamata, movement document."""
    s = step.states
    if step.code == "contract" and step.variant == "agreement":
        return _("Sign a contract between the exporter and the disposer that specifies the environmentally "
                 "sound management of the waste (what Basel Art 6(3)(b) requires of the Party).")
    if step.code == "contract":
        return _("Sign a contract between the exporter and the disposer that specifies the environmentally "
                 "sound management of the waste (Basel Art 6(3)(b)).")
    if step.code == "guarantee":
        return _("Cover the movement by the insurance, bond or other guarantee that the State of import or a "
                 "transit Party may require: {states} (Basel Art 6(11)).").format(states=state_list(d, s))
    if step.code == "minamata" and step.variant == "outside_none" and open_basel(_, d, s):
        return _("Minamata Convention Art 11(3): manage the mercury waste in an environmentally sound manner (a); "
                 "mercury recovered from it only for a use allowed to a Party or for environmentally sound "
                 "disposal (b). Neither State is known to be a Basel Party ({known}; hgmap's list is complete to "
                 "then); if neither is one, a Minamata Party allows the transport only after taking into account "
                 "the relevant international rules, standards and guidelines (c).").format(known=open_basel(_, d, s))
    if step.code == "minamata" and step.variant == "outside_none":
        return _("Minamata Convention Art 11(3): manage the mercury waste in an environmentally sound manner (a); "
                 "mercury recovered from it only for a use allowed to a Party or for environmentally sound "
                 "disposal (b). Neither State is a Basel Party, so a Minamata Party allows the transport only "
                 "after taking into account the relevant international rules, standards and guidelines (c).")
    if step.code == "minamata" and step.variant == "outside":
        return _("Minamata Convention Art 11(3): manage the mercury waste in an environmentally sound manner (a); "
                 "mercury recovered from it only for a use allowed to a Party or for environmentally sound "
                 "disposal (b). The Basel Convention does not govern this movement at both ends, so a Party allows "
                 "the transport only after taking into account the relevant international rules, standards and "
                 "guidelines, and an end that is a Basel Party only for environmentally sound disposal in "
                 "conformity with Art 11 and with that Convention (c).")
    if step.code == "minamata":
        return _("Minamata Convention Art 11(3): manage the mercury waste in an environmentally sound manner (a); "
                 "mercury recovered from it only for a use allowed to a Party or for environmentally sound "
                 "disposal (b). The Basel Convention governs this movement, so the waste crosses borders only for "
                 "environmentally sound disposal in conformity with Art 11 and with the Basel Convention, whose "
                 "disposal covers every Annex IV operation, recovery included (c).")
    if step.code == "esm":
        return _("{a:The} must be satisfied that the waste will be managed in an environmentally sound manner, at a "
                 "facility authorised for this waste and this operation (Basel Art 4(2)(e), 4(8)).").format(a=first)
    if step.code == "esm_import":
        return _("{a:The} must refuse the import if it has reason to believe that the waste will not be managed in an "
                 "environmentally sound manner (Basel Art 4(2)(g)); the agreement may not be less environmentally "
                 "sound than Basel (Basel Art 11(1)).").format(a=first)
    if step.code == "justification":
        return _("The movement must be justified (Basel Art 4(9)): the State of export lacks the capacity or "
                 "suitable facilities to manage the waste, or the waste is a raw material for recycling or "
                 "recovery in the State of import.")
    if step.code == "minamata_tailings":
        return _("Minamata Convention Art 11(2): the definition of mercury waste “excludes overburden, waste "
                 "rock and tailings from mining, except from primary mercury mining, unless they contain mercury "
                 "or mercury compounds above thresholds defined by the Conference of the Parties”. Tailings "
                 "from other mining, artisanal and small-scale gold mining included, are mercury waste when their "
                 "mercury exceeds those thresholds, which are not in hgmap's data: check the mercury content of "
                 "the consignment.")
    if step.code == "scope_check" and step.ref:
        return _("Check the consignment against the ban of {a} [{ban}; {basis}] before notifying: it may "
                 "reach part of this stream, and a part it covers may not cross.").format(
                     a=first, ban=step.ref, basis=step.cite)
    if step.code == "scope_check":
        return _("Check the consignment against the mercury rule of {a} [{basis}] before notifying: it may reach "
                 "part of this stream.").format(a=first, basis=step.cite or "-")
    if step.code == "law_step":
        return _("A further requirement of the law applies: see {ref}.").format(ref=step.ref or "-")
    if step.code == "movement_document" and step.cite:
        return _("Package and label the waste under the international rules; a movement document accompanies "
                 "the shipment from the start of the movement to the disposal ({cite}).").format(
                     cite=cite_text(_, step.cite))
    if step.code == "movement_document":
        return _("Package and label the waste under the international rules; a movement document accompanies "
                 "the shipment from the start of the movement to the disposal, signed by each person who takes "
                 "charge of it (Basel Art 4(7)).")
    if step.code == "confirm_disposal" and step.variant == "agreement":
        return _("The disposer informs the exporter and the competent authority of {b} of the receipt of the "
                 "waste and of the completion of the disposal, on the movement document.").format(b=second)
    if step.code == "confirm_disposal":
        return _("The disposer informs the exporter and the competent authority of {b} of the receipt of the "
                 "waste and of the completion of the disposal (Basel Art 6(9)).").format(b=second)
    return None


def _regional_step_text(_: Gettext, step: Step, first: str, second: str) -> str:
    """A regional instrument's procedure. The ends may be territories (covered through their
    sovereign), so no sentence calls them "States"; the OECD has members, not Parties."""
    ref = step.ref or ""
    if "Kuwait Protocol Art 8" in ref:
        return _("{a:The} and {b} are both Contracting States of the Kuwait Protocol (ROPME, 1998): a movement "
                 "between them is allowed only under the conditions of its Art 8 (not read by hgmap: check them "
                 "with both competent authorities).").format(a=first, b=second)
    if "Kuwait Protocol Art 7" in ref:
        return _("{a:The} is a Contracting State of the Kuwait Protocol (ROPME, 1998) and {b} is not: exports to "
                 "non-Contracting States are allowed only under the conditions of its Art 7 (not read by hgmap: "
                 "check them with the competent authority of {a}).").format(a=first, b=second)
    ids = [r.strip() for r in ref.split(";") if r.strip()]
    if ids and all(r.upper().startswith("OECD-") for r in ids):
        # The Decision's articles are not read by hgmap: the law's citation (Basel Art 11) is given.
        return _("{a:The} and {b} are both covered by the OECD Council Decision C(2001)107/FINAL, as amended, on "
                 "the control of transboundary movements of wastes destined for recovery operations (through "
                 "their own or their sovereign's OECD membership): its procedures apply alongside Basel "
                 "({cite}).").format(a=first, b=second, cite=cite_text(_, step.cite or "Basel Art 11"))
    if step.cite:  # the agreement's own article (Condition.agreement_citation)
        return _("{a:The} and {b} are both covered by the {agreement}: its procedures apply alongside Basel "
                 "({cite}).").format(a=first, b=second, agreement=agreement_name(_, ref), cite=cite_text(_, step.cite))
    return _("{a:The} and {b} are both covered by the {agreement}: its procedures apply alongside Basel.").format(
        a=first, b=second, agreement=agreement_name(_, ref))


#: Names of the regional instruments as agreements ("under the ..."), where the instrument's
#: title is not that name: the OECD is an organisation, its instrument a Council Decision.
AGREEMENT_TITLES: dict[str, str] = {
    "oecd": N_("OECD Council Decision C(2001)107/FINAL, as amended, on the control of transboundary movements "
               "of wastes destined for recovery operations"),
}


def cite_text(_: Gettext, cite: str) -> str:
    """An article citation the law gives as data ("Waigani Art 6(1), Annex VI A") in the
    dossier's style ("Waigani, art. 6(1), annexe VI A"): only the words Art and Annex change, and
    the name Basel, which French and Spanish write otherwise ("Bâle, art. 11", "Basilea, art. 11")."""
    out = re.sub(r"\bBasel(?= Art )", lambda m: _("Basel"), cite)
    out = re.sub(r"(\w) Art ", lambda m: m.group(1) + _(" Art "), out)
    return re.sub(r"\bAnnex ", _("Annex") + " ", out)


_REGULATION = re.compile(r"^Reg \((EEC|EC|EU)\) (\d+/\d+)(?: Arts (\d+)-(\d+))?$")


def regulation_text(_: Gettext, cite: str) -> str:
    """The Waste Shipment Regulation the law cites for a date (``hgmap.law.rules.wsr_label`` and
    ``wsr_transit_citation``: "Reg (EC) 1013/2006 Arts 47-48", "Reg (EU) 2024/1157") in the
    dossier's language; another citation as :func:`cite_text` words it, none as unknown."""
    m = _REGULATION.match(cite.strip())
    if not m:
        return cite_text(_, cite) if cite.strip() else _("the Regulation in force: not established")
    body, number, first, last = m.groups()
    if body == "EEC":
        out = _("Reg (EEC) {number}").format(number=number)
    elif body == "EC":
        out = _("Reg (EC) {number}").format(number=number)
    else:
        out = _("Reg (EU) {number}").format(number=number)
    if first:
        out = _("{regulation} Arts {first}-{last}").format(regulation=out, first=first, last=last)
    return out


def agreement_name(_: Gettext, ref: str) -> str:
    """A regional instrument's translated name for an agreement id (``WAIGANI-1995``,
    ``OECD-C(2001)107``); other ids (``USA-CAN-1986``) as they are."""
    names = []
    for one in [r.strip() for r in ref.split(";") if r.strip()] or [ref]:
        group = next((g for g in INSTRUMENT_TITLES if one.upper().startswith(g.upper() + "-")), None)
        names.append(_(AGREEMENT_TITLES.get(group) or INSTRUMENT_TITLES[group]) if group else one)
    return joined(_, names)


def membership_text(_: Gettext, d: Dossier, m: Membership) -> str:
    """"Party since 2001-10-21" and the like."""
    organisation = m.instrument in ORGANISATIONS
    if m.member:
        if organisation:
            out = _("Member since {date}").format(date=m.since) if m.since else _("Member (date not established)")
        elif m.since:
            out = _("Party since {date}").format(date=m.since)
        else:
            out = _("Party (date not established)")
    elif m.undetermined:
        # The law does not know (a list complete only to a date): never "not a Party".
        if m.status == "none" and m.known_to:
            out = _("Unknown (hgmap's list is complete to {date})").format(date=m.known_to)
        elif m.known_to:
            out = _("Unknown (not a Party on {date}; not established since)").format(date=m.known_to)
        else:
            out = _("unknown")
    elif m.status == "signatory":
        out = _("Signatory, not a Party")
    elif m.status == "left":
        out = _("Has left")
    elif organisation:
        out = _("Not a member")
    else:
        out = _("Not a Party")
    if m.via:
        out += " " + _("(through {state})").format(state=state_list(d, (m.via,)))
    if m.unknown and not m.undetermined:  # an undetermined status says so already
        out += " " + _("(the date or coverage is not established)")
    return out


def closed_text(_: Gettext, d: Dossier, c: Closed) -> str:
    """Why a closed facility (shorter route than option 1) is closed: the reason, the transit
    States that close it and the rules."""
    out = tr(_, CLOSED_REASONS, c.reason)
    if c.reason == "transit" and c.states:
        out = _("every route crosses a State that bans the transit: {a}").format(a=state_list(d, c.states))
    if c.rules:
        rules = joined(_, (tr(_, RULE_TITLES, r) + f" [{r}]" for r in c.rules))
        out = _("{reason}: {rules}").format(reason=out, rules=rules)
    return out


def what_if_text(_: Gettext, d: Dossier, w: WhatIf) -> str:
    """The change a what-if scenario tries."""
    s = w.states
    a = state_list(d, s[:1])
    b = state_list(d, s[1:2])
    if w.kind == "accession":
        return _("{a:The} accedes to the Basel Convention").format(a=a)
    if w.kind == "coverage":
        return _("the sovereign State extends its Basel ratification to {a}").format(a=a)
    if w.kind == "agreement":
        return _("an Article 11 agreement between {a} and {b} for this stream").format(a=a, b=b)
    if w.kind == "lift_import_ban":
        return _("{a:The} lifts its import ban ({bans})").format(a=a, bans=", ".join(w.bans))
    if w.kind == "lift_transit_ban":
        return _("{a:The} lifts its transit ban ({bans})").format(a=a, bans=", ".join(w.bans))
    if w.kind == "combined":
        return _("all of the above together")
    return w.kind


SERVICE_KINDS: dict[str, str] = {"service": N_("Service"), "technology": N_("Technology")}

#: The SIDS regions of the countries layer, as a coverage names them (``region:<name>``).
REGION_NAMES: dict[str, str] = {
    "Caribbean": N_("the Caribbean"), "Pacific": N_("the Pacific"),
    "AIS": N_("the Atlantic, Indian Ocean and South China Sea"),
}

#: Named groups of a coverage (the facility catalogue's ``accepts_from`` vocabulary).
GROUP_NAMES: dict[str, str] = {
    "OECD": INSTRUMENT_TITLES["oecd"], "EU": INSTRUMENT_TITLES["eu"],
    "EFTA": N_("the European Free Trade Association"), "EEA": N_("the European Economic Area"),
}


def coverage_text(_: Gettext, d: Dossier, s: Service) -> str:
    """Whom a service or technology serves, as its source states it (or that none does)."""
    if s.coverage == "country":
        return _("{country} (named in its source)").format(country=d.name)
    if s.coverage == "group":
        via = s.via or ""
        if via.startswith("region:"):
            return _("small island developing States of {region}").format(
                region=tr(_, REGION_NAMES, via.split(":", 1)[1]))
        if via == "SIDS":
            return _("all small island developing States")
        return _("members of {group}").format(group=tr(_, GROUP_NAMES, via))
    return _("global: its source states no coverage")
