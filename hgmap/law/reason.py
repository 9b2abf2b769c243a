"""The records a decision is made of: one :class:`Reason` per rule that fired.

Every reason carries structured fields (``rule_id``, ``kind``, ``instrument``,
``agreement_id``, ``ban_ids``, ``states``) beside its plain-language ``detail``, so a
consumer (the report, a dossier) never has to read the sentence to know what it says.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from .state import State
from .tables import Fact, Unknown, min_conf

__all__ = ["Reason", "TransitAssessment", "Condition", "Unknown", "build_reason"]


@dataclasses.dataclass(frozen=True)
class Reason:
    """One rule that fired.

    Attributes
    ----------
    rule_id
        Stable id (``R1`` ... ``R10-*``; see ``data/law/rules.csv``).
    citation
        Article citation, e.g. ``Basel Art 4(5)``.
    effect
        ``prohibits``, ``permits``, ``requires``, ``informs`` or ``flags``.
    detail
        One plain-language sentence.
    sources
        URLs (or references) of the facts and the rule.
    confidence
        ``high``, ``medium`` or ``low``: the weakest of the rule and the facts it used.
    state
        The ISO3 code whose law or obligation this is (``None`` when shared).
    unknowns
        What the reason rests on that is not established.
    kind
        What sort of rule this is, independent of wording (see ``docs/law.md``), e.g.
        ``non_party``, ``national_import_ban``, ``art11_agreement``, ``prior_informed_consent``,
        ``transit_party``, ``transit_ban``.
    instrument
        The instrument the rule belongs to: ``basel``, ``bamako``, ``waigani``, ``caa``,
        ``izmir``, ``eu``, ``us``, ``national`` (or ``None``).
    agreement_id
        The Art 11 agreement the reason relies on (``agreements.csv`` id), if any.
    ban_ids
        The bans (``bans.csv`` or scenario ids) behind the reason, if any.
    states
        The States the reason is about, by kind: for ``non_party`` the non-Party, for a
        ban its holder, for transit kinds the transit State, for ``prior_informed_consent``
        the State of import, for ``same_state`` the common sovereign.
    """

    rule_id: str
    citation: str
    effect: str
    detail: str
    sources: tuple[str, ...]
    confidence: str
    state: str | None = None
    unknowns: tuple[str, ...] = ()
    kind: str = ""
    instrument: str | None = None
    agreement_id: str | None = None
    ban_ids: tuple[str, ...] = ()
    states: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "citation": self.citation, "effect": self.effect,
                "detail": self.detail, "sources": list(self.sources),
                "confidence": self.confidence, "state": self.state, "unknowns": list(self.unknowns),
                "kind": self.kind, "instrument": self.instrument, "agreement_id": self.agreement_id,
                "ban_ids": list(self.ban_ids), "states": list(self.states)}


@dataclasses.dataclass(frozen=True)
class TransitAssessment:
    """How one transit State treats the movement."""

    iso3: str
    status: str
    reasons: tuple[Reason, ...]

    @property
    def kinds(self) -> frozenset[str]:
        """The ``kind`` of every reason (``transit_party``, ``transit_non_party``, ``transit_eu`` ...)."""
        return frozenset(r.kind for r in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        return {"iso3": self.iso3, "status": self.status,
                "reasons": [r.to_dict() for r in self.reasons]}


@dataclasses.dataclass(frozen=True)
class Condition:
    """One thing a permitted movement needs (``Decision.requirements``).

    Attributes
    ----------
    kind
        ``import_consent``, ``contract``, ``esm``, ``esm_import`` (the importing Party's, Basel
        Art 4(2)(g), when the origin is outside Basel), ``justification``, ``documents``,
        ``art11_procedure``, ``regional_procedure``, ``national_law``, ``eu_wsr``,
        ``minamata_esm``, ``minamata_tailings``, ``us_import``, ``us_export``, ``transit_consent``, ``transit_notice``,
        ``transit_eu``, ``domestic``.
    text
        The plain-language condition (what ``Decision.conditions`` lists).
    citation
        The article it comes from.
    instrument, agreement_id, states
        As for :class:`Reason`; ``states`` are the States that act (consent, notify ...).
    rule_id
        The rule of ``rules.csv`` the condition comes from (``R6-pic``, ``R5-esm``,
        ``R2-art11``, ``R9-wsr-procedure``, ``R8-minamata``, a transit rule ...).
    agreement_citation
        Where ``agreement_id``'s own text sets the step (``Waigani Art 6(1), Annex VI A``),
        apart from the Basel articles in ``citation``; the agreement's id where hgmap has
        not read its articles; ``""`` when the condition follows no agreement's text.
    """

    kind: str
    text: str
    citation: str = ""
    instrument: str | None = None
    agreement_id: str | None = None
    states: tuple[str, ...] = ()
    rule_id: str | None = None
    agreement_citation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "citation": self.citation, "rule_id": self.rule_id,
                "instrument": self.instrument, "agreement_id": self.agreement_id, "states": list(self.states),
                "agreement_citation": self.agreement_citation}


def build_reason(state: State, rule_id: str, kind: str, instrument: str | None, detail: str,
                 facts: Sequence[Fact] = (), *, citation: str | None = None, effect: str | None = None,
                 conf: str | None = None, sources: Sequence[str] = (), who: str | None = None,
                 agreement_id: str | None = None, ban_ids: Sequence[str] = (),
                 states: Sequence[str] = ()) -> Reason:
    """A :class:`Reason` with the rule's citation, effect, sources and confidence from ``rules.csv``."""
    meta = state.tables.rules[rule_id]
    src: list[str] = []
    for s in [*sources, *(x for f in facts for x in f.sources), *meta["source_url"].split(" ; ")]:
        if s and s not in src:
            src.append(s)
    confidence = min_conf(conf or meta["confidence"], *(f.confidence for f in facts))
    unknowns = tuple(dict.fromkeys(f.unknown for f in facts if f.unknown))
    return Reason(rule_id, citation or meta["citation"], effect or meta["effect"], detail,
                  tuple(src), confidence, who, unknowns, kind, instrument, agreement_id,
                  tuple(ban_ids), tuple(states))
