"""What the report asks of :mod:`hgmap.law`, cached per report (one adapter, law objects only).

The report never reads the legal CSVs, never names a rule id and never parses the law's
sentences: it asks for :class:`~hgmap.law.Decision` objects, reads their structured
fields (``Reason.kind``, ``states``, ``ban_ids``, ``agreement_id``) and turns them into a
procedure with :func:`hgmap.law.procedure`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from .. import law
from ..errors import HgmapError

__all__ = ["LawView", "rule_text", "rule_kind"]

log = logging.getLogger(__name__)


def rule_text(rule_id: str) -> str:
    """``"Party to non-Party (Basel Art 4(5))"`` for ``"R2"``; the id itself when unknown."""
    row = law.load_tables().rules.get(rule_id)
    if not row:
        return rule_id
    cite = row.get("citation") or ""
    title = row.get("title") or rule_id
    return f"{title} ({cite})" if cite and cite != "-" else title


def rule_kind(rule_id: str) -> str:
    """The :attr:`hgmap.law.Rule.kind` of a rule id (``""`` when the law does not know it)."""
    rule = law.RULES.get(rule_id)
    return rule.kind if rule is not None else ""


class LawView:
    """Decisions, matrices and scenarios for one report (date, operation, scenario)."""

    def __init__(self, *, as_of: dt.date | None, operation: str | None, scenario: law.Scenario | None) -> None:
        self.as_of = as_of
        self.operation = operation
        self.scenario = scenario
        self._cache: dict = {}

    def with_scenario(self, scenario: law.Scenario | None) -> LawView:
        """The same view under another scenario."""
        return LawView(as_of=self.as_of, operation=self.operation, scenario=scenario)

    def assess(self, origin: str, dest: str, stream: str, operation: str | None,
               via: Sequence[str] = (), sea_passage: Sequence[str] = ()) -> law.Decision | None:
        """The decision for ``operation`` or, when ``None``, the least restrictive one
        (``sea_passage``: the ``via`` States passed through their territorial sea only)."""
        ops = (operation,) if operation else ("recovery", "disposal")
        key = (origin, dest, stream, ops, tuple(via), tuple(sea_passage))
        if key not in self._cache:
            best = None
            for op in ops:
                try:
                    dec = law.assess(origin, dest, stream, op, as_of=self.as_of, via=tuple(via),
                                     scenario=self.scenario, sea_passage=tuple(sea_passage))
                except HgmapError as exc:
                    log.debug("assess %s->%s %s %s failed: %s", origin, dest, stream, op, exc)
                    continue
                if best is None or (best.status == "prohibited" and dec.status != "prohibited"):
                    best = dec
            self._cache[key] = best
        return self._cache[key]

    def rules(self, origin: str, dest: str, stream: str, ops: Sequence[str]) -> tuple[str, ...] | None:
        """Prohibiting rule ids of the pair for every op in ``ops``; ``None`` when one op is allowed."""
        out: list[str] = []
        for op in ops:
            m = law.matrix(stream, op, as_of=self.as_of, scenario=self.scenario)
            if origin not in m.index or dest not in m.index:
                continue
            if m.allowed[m.index[origin], m.index[dest]]:
                return None
            out.extend(m.rules(origin, dest))
        return tuple(dict.fromkeys(out))

    def prohibiting(self, origin: str, dest: str, stream: str, ops: Sequence[str],
                    via: Sequence[str] = ()) -> tuple[law.Reason, ...]:
        """The prohibiting reasons (transit reasons included) of the pair, over ``ops``."""
        out: list[law.Reason] = []
        for op in ops:
            dec = self.assess(origin, dest, stream, op, via)
            if dec is None or dec.status != "prohibited":
                continue
            out += [r for r in dec.reasons if r.effect == "prohibits"]
            out += [r for t in dec.transit for r in t.reasons if r.effect == "prohibits"]
        return tuple(dict.fromkeys(out))

    def procedure(self, decision: law.Decision, names: Mapping[str, str]) -> law.Procedure:
        return law.procedure(decision, names=names)

    def combine(self, name: str, description: str, changes: Sequence[Mapping[str, Any]]) -> law.Scenario:
        """The base scenario plus ``changes``, as one :class:`~hgmap.law.Scenario`."""
        extra = law.Scenario.from_dict({"name": name, "description": description, "changes": list(changes)})
        if self.scenario is None:
            return extra
        return dataclasses.replace(extra, name=f"{self.scenario.name} + {name}",
                                   changes=tuple(self.scenario.changes) + tuple(extra.changes))
