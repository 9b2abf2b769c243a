"""Helpers shared by the law tests: a decision's text, its ban ids and unknowns, and an
``assess`` with a file's defaults."""

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


def ban_ids(d) -> set[str]:
    """Ids of every ban row a decision's reasons rest on."""
    return {b for r in d.reasons for b in r.ban_ids}


def no_ban_of(d, iso3: str) -> bool:
    """Whether none of the ban rows a decision rests on is held by ``iso3`` (ids ``ISO3-...``)."""
    return not any(b.startswith(f"{iso3}-") for b in ban_ids(d))


def unknown_not_researched(d, name: str) -> bool:
    """Whether the decision names ``name``'s national rules among its 'not researched' unknowns."""
    return any(name in u and "not researched" in u for u in d.unknowns)
