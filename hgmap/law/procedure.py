"""The procedure a movement implies, as data: :func:`procedure` -> :class:`Procedure`.

Built only from a :class:`~hgmap.law.decision.Decision`'s structured fields (reason
``kind``, ``agreement_id``, ``states``; condition ``kind``), never from its sentences:
the legal basis (domestic, same State, an Article 11 agreement, Basel prior informed
consent, national law only), then the steps in shipping order (who notifies and who
consents: the State of import, each transit Party; who is only notified: transit
non-Parties; the Article 11 or regional procedure; EU and Minamata requirements), each
with its citation. The paperwork (contract, environmentally sound management,
justification, movement document and financial guarantee) is in ``paperwork``.

Not legal advice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from ..labels import legal_status_label
from .decision import Decision
from .reason import Condition
from .rules import wsr_label, wsr_transit_citation
from .tables import Unknown, load_tables

__all__ = ["Procedure", "Step", "procedure", "agreement_label", "BASIS_KINDS"]

#: Kinds of legal basis (:attr:`Procedure.basis_kind`).
BASIS_KINDS: tuple[str, ...] = ("domestic", "same_state", "art11_agreement", "not_governed",
                                "basel_consent", "prohibited")

# Readable names of the regional instruments whose members form an Art 11 agreement.
_GROUP_LABELS = {
    "waigani": "Waigani Convention",
    "bamako": "Bamako Convention",
    "oecd": "OECD Council Decision C(2001)107 (recovery)",
    "caa": "Central American Regional Agreement",
    "izmir": "Izmir Protocol",
}
_PAPERWORK = ("contract", "esm", "esm_import", "justification", "documents")


@dataclasses.dataclass(frozen=True)
class Step:
    """One step of a movement's procedure.

    Attributes
    ----------
    kind
        ``domestic``, ``same_state``, ``import_consent``, ``art11_procedure``, ``agreement_notice``
        (an origin outside Basel notifies and the destination consents under the Art 11
        agreement's own procedure: Waigani Art 6(1) for Fiji), ``national_permits``,
        ``regional_procedure``, ``transit_consent``, ``transit_eu``,
        ``transit_notice``, ``eu_wsr``, ``us_import``, ``minamata_esm``, ``minamata_tailings``.
    text
        The step as a sentence.
    actor
        The State that acts (notifies, applies): the State of export.
    states
        The States that consent, are notified or whose law applies.
    citation
        Where the step comes from.
    agreement_ids
        Agreements whose procedure the step follows.
    agreement_citation
        Where the agreement's own text sets the step (``agreement_notice``: Waigani Art 6(1),
        Annex VI A; ``regional_procedure``: Waigani Art 6(1), Annex VI A; Waigani Art 6(9),
        Annex VI B, or the agreement's id where its articles were not read), as
        :attr:`Condition.agreement_citation`; ``""`` for other steps.
    """

    kind: str
    text: str
    actor: str | None = None
    states: tuple[str, ...] = ()
    citation: str = ""
    agreement_ids: tuple[str, ...] = ()
    agreement_citation: str = ""


@dataclasses.dataclass(frozen=True)
class Procedure:
    """The legal basis of a movement and its steps (see :func:`procedure`)."""

    basis_kind: str
    basis: str
    agreement_ids: tuple[str, ...]
    regional_ids: tuple[str, ...]
    steps: tuple[Step, ...]
    paperwork: tuple[Condition, ...]

    @property
    def texts(self) -> tuple[str, ...]:
        """The steps as sentences, without repeats."""
        return tuple(dict.fromkeys(s.text for s in self.steps))

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.citation for s in self.steps if s.citation))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (lists for tuples)."""
        return {"basis_kind": self.basis_kind, "basis": self.basis, "agreement_ids": list(self.agreement_ids),
                "regional_ids": list(self.regional_ids),
                "steps": [{**dataclasses.asdict(s), "states": list(s.states), "agreement_ids": list(s.agreement_ids)}
                          for s in self.steps],
                "paperwork": [c.to_dict() for c in self.paperwork]}


def agreement_label(agreement_id: str) -> str:
    """A readable name for an agreement id (``WAIGANI-1995`` -> ``Waigani Convention``)."""
    upper = agreement_id.upper()
    for group, label in _GROUP_LABELS.items():
        if upper.startswith(group.upper()):
            return label
    for a in load_tables().agreements:
        if a.agreement_id == agreement_id:
            return f"{a.short_title} [{agreement_id}]"
    return agreement_id


def _basel_open(dec: Decision) -> dict[str, str]:
    """ISO3 -> the date to which each State's non-membership of Basel is established, for the
    States whose Basel status on the date the data cannot establish (the decision's
    :class:`~hgmap.law.Unknown` ``basel_list``, read from its code and params)."""
    return {u.params["state"]: u.params.get("complete", "") for u in dec.unknowns
            if isinstance(u, Unknown) and u.code == "basel_list" and "state" in u.params}


def _labels(ids: tuple[str, ...]) -> str:
    return "; ".join(agreement_label(a) for a in ids)


def _basis(dec: Decision, nm, o: str, d: str) -> tuple[str, str, tuple[str, ...], list[Step]]:
    """(basis kind, basis text, Art 11 agreement ids, first steps)."""
    same = dec.reasons_of("same_state")
    art11 = tuple(dict.fromkeys(
        [r.agreement_id for r in dec.reasons_of("art11_agreement") if r.agreement_id]
        + [c.agreement_id for c in dec.requirements if c.kind == "art11_procedure" and c.agreement_id]))
    pic = (f"Prior informed consent of {nm(d)}: written consent of its competent authority and a contract for "
           "environmentally sound management before the shipment starts")
    if same:
        return ("same_state", f"Same State: {nm(o)} and {nm(d)} are parts of one State (Basel Art 2(3))", (),
                [Step("same_state", "Not a transboundary movement under Basel: the national law of the State "
                      "applies.", o, same[0].states, "Basel Art 2(3)")])
    regional = next((c for c in dec.requirements if c.kind == "import_consent" and c.rule_id == "R2-art11"), None)
    if art11 and regional is not None:
        # An end is outside Basel (Fiji under Waigani): the agreement's own notification
        # and consent are the procedure (decision._agreement_pic_conditions).
        return ("art11_agreement", "Basel Art 11 agreement: " + _labels(art11), art11,
                [Step("agreement_notice", regional.text, o, regional.states, regional.citation, art11,
                      regional.agreement_citation)])
    if art11:
        return ("art11_agreement", "Basel Art 11 agreement: " + _labels(art11), art11,
                [Step("import_consent", pic + ".", o, (d,), "Basel Art 6(1)-(3)"),
                 Step("art11_procedure", f"Follow the notification and consent procedure of the {_labels(art11)} "
                      "(Basel Art 11).", o, (o, d), "Basel Art 11", art11)])
    if dec.status == "not_governed" or dec.reasons_of("not_governed"):
        open_ = _basel_open(dec)
        basis = ("Not governed by Basel: neither State is known to be a Party (" + "; ".join(
            f"{nm(x)}: not a Party on {open_[x]}" for x in (o, d) if x in open_) + "; hgmap's list is complete to "
            "then)" if any(x in open_ for x in (o, d)) else "Not governed by Basel: neither State is a Party")
        return ("not_governed", basis, (),
                [Step("national_permits", f"Basel procedures do not apply: the national law of {nm(o)} and {nm(d)} "
                      "governs export and import; obtain both authorities' permits in writing.", o, (o, d))])
    if dec.status == "permitted_with_consent":
        return ("basel_consent", "Basel Convention: both States are Parties", (),
                [Step("import_consent", pic + " (Basel Art 6(1)-(3)).", o, (d,), "Basel Art 6(1)-(3)")])
    return ("prohibited" if dec.status == "prohibited" else dec.status, legal_status_label(dec.status), (), [])


def _transit_steps(dec: Decision, nm) -> list[Step]:
    # A movement entirely among the Parties to an Art 11 agreement (Fiji -> New Zealand via
    # Tuvalu under Waigani): its transit States follow the agreement, Basel's provisions do not
    # affect it (Basel Art 11(2); decision._transit_within_agreement).
    within = [c for c in dec.requirements if c.kind == "transit_consent" and c.agreement_id]
    in_agreement = {x for c in within for x in c.states}
    parties = tuple(t.iso3 for t in dec.transit if "transit_party" in t.kinds and t.iso3 not in in_agreement)
    nonparties = tuple(t.iso3 for t in dec.transit if "transit_non_party" in t.kinds and t.iso3 not in in_agreement)
    eu = tuple(t.iso3 for t in dec.transit if "transit_eu" in t.kinds)
    sea = tuple(t.iso3 for t in dec.transit if "transit_sea_notice" in t.kinds)
    o = dec.origin
    out = []
    if within:
        ids = tuple(dict.fromkeys(c.agreement_id for c in within))
        states = tuple(dict.fromkeys(x for c in within for x in c.states))
        own = "; ".join(dict.fromkeys(c.agreement_citation for c in within if c.agreement_citation))
        out.append(Step("transit_consent", "Notify each transit State and obtain its consent under the "
                        f"{_labels(ids)}: " + ", ".join(map(nm, states)) + f" ({own}; the agreement's transit "
                        "provisions were not read in hgmap's data). The movement takes place entirely among the "
                        "agreement's Parties (the States it covers), so Basel's transit provisions do not affect it "
                        "(Basel Art 11(2)).",
                        o, states, f"{own}; Basel Art 11(2)", ids, own))
    if parties:
        out.append(Step("transit_consent", "Written consent of each transit Party: " + ", ".join(map(nm, parties))
                        + " (Basel Art 6(4)).", o, parties, "Basel Art 6(4)"))
    if nonparties:
        # A transit State whose Basel status the data cannot establish says so by its name.
        open_ = _basel_open(dec)
        listed = ", ".join(nm(x) + (f" (not known to be a Party: not a Party on {open_[x]}; hgmap's list is complete "
                                    "to then)" if x in open_ else "") for x in nonparties)
        lead = "not (or not known to be)" if any(x in open_ for x in nonparties) else "not"
        out.append(Step("transit_notice", f"Notify the transit States that are {lead} Basel Parties: " + listed
                        + " (Basel Art 7); their national law applies.", o, nonparties, "Basel Art 7"))
    if sea:
        out.append(Step("transit_notice", "Notify in advance the Izmir Protocol Parties whose territorial sea alone "
                        "the route passes: " + ", ".join(map(nm, sea)) + " (Izmir Protocol Art 6(4)).", o, sea,
                        "Izmir Protocol Art 6(4)"))
    if eu:
        # The transit reasons' own citation (transit.assess_transit): between third countries the
        # Regulation's transit articles; with an end in EU law territory the Regulation itself.
        cite = next((r.citation for t in dec.transit for r in t.reasons if r.kind == "transit_eu"),
                    wsr_transit_citation(dec.as_of))
        out.append(Step("transit_eu", "Consent of the EU transit States under the Waste Shipment Regulation: "
                        + ", ".join(map(nm, eu)) + f" ({cite}).", o, eu, cite))
    return out


def procedure(decision: Decision, *, names: Mapping[str, str] | None = None) -> Procedure:
    """The legal basis and the steps of the movement ``decision`` assesses.

    Parameters
    ----------
    decision
        From :func:`hgmap.law.assess` (with ``via`` for the transit States).
    names
        ISO3 -> country name for the sentences (``"Fiji (FJI)"``; a code missing from it
        stands alone); default: the names of the legal tables.

    Returns
    -------
    Procedure
        ``basis_kind`` (:data:`BASIS_KINDS`), ``basis`` (one line), ``steps`` in shipping
        order, ``paperwork`` (the contract, ESM, justification and document conditions).
        A prohibited movement has no steps.
    """
    names = load_tables().names if names is None else names

    def nm(iso: str) -> str:
        return f"{names[iso]} ({iso})" if iso in names else iso

    o, d = decision.origin, decision.destination
    if (decision.status == "domestic" or decision.reasons_of("domestic")) and not decision.reasons_of("same_state"):
        return Procedure("domestic", "Domestic: the facility is in the same country", (), (),
                         (Step("domestic", "No transboundary movement: national rules on hazardous-waste transport "
                               "apply.", o, (o,)),), ())
    kind, basis, art11, steps = _basis(decision, nm, o, d)
    regional = tuple(a for a in dict.fromkeys(c.agreement_id for c in decision.requirements
                                              if c.kind == "regional_procedure" and c.agreement_id)
                     if a not in art11)
    if regional and kind == "not_governed":
        # Outside Basel the regional convention is the procedure itself, not an addition to Basel's.
        basis += "; " + _labels(regional)
        for c in decision.requirements:
            if c.kind == "regional_procedure" and c.agreement_id in regional:
                steps.append(Step("regional_procedure", c.text, o, tuple(c.states), c.citation, (c.agreement_id,),
                                  c.agreement_citation))
    elif regional:
        basis += "; also " + _labels(regional)
        # Under Basel (Tuvalu -> Australia, both Waigani Parties): Basel Art 11 lets the regional
        # procedure apply; where it is set is the agreement's own article (Waigani Art 6(1), 6(9)).
        own = "; ".join(dict.fromkeys(c.agreement_citation for c in decision.requirements
                                      if c.kind == "regional_procedure" and c.agreement_id in regional
                                      and c.agreement_citation))
        steps.append(Step("regional_procedure", f"Both States are in the {_labels(regional)}: its procedures apply "
                          "alongside Basel.", o, (o, d), "Basel Art 11", regional, own))
    for c in decision.requirements:
        # A regional condition that rests on no agreement (the Kuwait Protocol's Art 7 / Art 8)
        # is not in the step above: it is a step of its own, in its own words.
        if c.kind == "regional_procedure" and not c.agreement_id:
            steps.append(Step("regional_procedure", c.text, o, tuple(c.states), c.citation))
    steps += _transit_steps(decision, nm)
    wsr = next((c for c in decision.requirements if c.kind == "eu_wsr"), None)
    if wsr is not None:  # an end in EU law (an EU transit alone is the transit_eu step above)
        steps.append(Step("eu_wsr", f"EU notification and consent under the Waste Shipment Regulation "
                          f"({wsr_label(decision.as_of)}).", o, tuple(wsr.states), wsr.citation))
    for c in decision.requirements:
        if c.kind == "us_export":  # 40 CFR 262.83 (262.53 before 2016): EPA notice, AOC
            steps.append(Step("us_export", c.text, o, tuple(c.states) or (o,), c.citation))
    for c in decision.requirements:
        if c.kind == "us_import":  # 40 CFR 262.84 (262.60 before 2016): EPA consent, AOC, manifest
            steps.append(Step("us_import", c.text, o, tuple(c.states) or (d,), c.citation))
    for c in decision.requirements:
        if c.kind == "minamata_esm":  # the wording depends on the operation (see decision.conditions)
            steps.append(Step("minamata_esm", c.text, o, (o, d), c.citation))
    for c in decision.requirements:
        if c.kind == "minamata_tailings":
            steps.append(Step("minamata_tailings", c.text, o, (o,), c.citation))
    unique: dict[str, Step] = {}
    for s in steps:
        unique.setdefault(s.text, s)
    return Procedure(kind, basis, art11, regional, tuple(unique.values()),
                     tuple(c for c in decision.requirements if c.kind in _PAPERWORK))
