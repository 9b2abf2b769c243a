"""Helpers shared by the law tests: a decision's text and an ``assess`` with a file's defaults."""

from __future__ import annotations

from hgmap import law


def decision_text(d) -> str:
    """Everything a decision says (conditions, notes, unknowns, reasons), to look for a ban id or a phrase."""
    return " ".join([*d.conditions, *d.notes, *d.unknowns, *(r.detail for r in d.reasons)])


def assessor(*, op: str, as_of: str, stream: str = "lamps"):
    """``assess(o, d, stream=<stream>, op=<op>, **kw)`` with ``as_of`` defaulting to the given date."""

    def assess(o, d, stream=stream, op=op, **kw):
        kw.setdefault("as_of", as_of)
        return law.assess(o, d, stream, op, **kw)

    return assess
