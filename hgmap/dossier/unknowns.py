"""The unknown facts a legal answer rests on, in the dossier's language.

``Option.unknowns`` are the law's :class:`hgmap.law.Unknown` sentences: each carries a
``code`` and the ``params`` it was written from (ISO3 codes, dates), so the dossier words
it again through gettext with the States' names in its language, without reading the
sentence. An unknown with no code (or a code the dossier does not know yet) is shown as
the law states it, in English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..i18n import N_, Named
from .model import Dossier, ScopeFlag
from .texts import in_english, state_list

__all__ = ["unknown_text", "scope_flag_text"]

Gettext = Callable[[str], str]

#: code -> message (gettext); the placeholders are the Unknown's params, ISO3 codes given as
#: "Name (ISO)" in the dossier's language.
_MESSAGES: Mapping[str, str] = {
    "national_rules:export": N_("the national export rules of {a} are not researched in hgmap's legal data: a "
                                "national ban of {a} would prohibit this movement"),
    "national_rules:import": N_("the national import rules of {a} are not researched in hgmap's legal data: a "
                                "national ban of {a} would prohibit this movement"),
    "national_rules:transit": N_("the national transit rules of {a} are not researched in hgmap's legal data: a "
                                 "national ban of {a} would prohibit this movement"),
    "oecd_territory": N_("whether the OECD membership of {s} (and so the OECD Decision and Basel Annex VII) reaches "
                         "{t} is not established (territories.csv: unknown); hgmap presumes it does"),
    "annex7_territory": N_("whether Basel Annex VII (OECD/EU membership of {s}) reaches {t} is not established "
                           "(territories.csv: unknown); hgmap presumes it does"),
    "basel_coverage": N_("Basel coverage of {t} by {s} is not established; hgmap presumes coverage (a treaty binds a "
                         "State for its entire territory unless a different intention appears, VCLT Art 29)"),
    "waigani_coverage": N_("whether the Waigani ratification of {s} covers {t} is not established; hgmap treats {t} "
                           "as outside the Convention's Parties"),
    "eu_law_territory": N_("whether EU law applies in {t} is not established; treated as not applying"),
    "basel_list": N_("whether {a} is a Party to the Basel Convention on {d1} is unknown (not a Party on {d2}, the last "
                     "date hgmap's data establishes; not established since: an accession takes effect on the 90th "
                     "day after its deposit, Basel Art 25(2))"),
    "waigani_list": N_("whether {a} is a Party to the Waigani Convention on {d1} is unknown (not a Party on {d2}, the "
                       "last date hgmap's data establishes; not established since)"),
    "bamako_list": N_("whether {a} is a Party to the Bamako Convention on {d1} is unknown (not a Party on {d2}, the "
                      "last date hgmap's data establishes; not established since)"),
    "minamata_list": N_("whether {a} is a Minamata Party on {d1} is unknown (party list complete only to {d2})"),
    "ban_amendment_list": N_("whether {a} has accepted the Ban Amendment by {d1} is unknown (list complete only to "
                             "{d2}; a few later acceptances are unnamed)"),
    "canal_passage": N_("the route passes the {label} in {a}: whether the transit rules of {a}, or notice to it as "
                        "a State of transit (Basel Art 6(4)), reach a passage of its canal is not established (not "
                        "counted as a transit State)"),
    "member_since": N_("the date from which {a} is a member of the {label} is not established (between {lo} and "
                       "{hi}); hgmap treats it as a member on {on}"),
}


def unknown_text(_: Gettext, d: Dossier, unknown: str) -> tuple[str, bool]:
    """``(text, translated)``: the unknown in the dossier's language from its code and params,
    or as the law states it (``translated`` False) when it carries no code the dossier knows."""
    code, p = getattr(unknown, "code", None), getattr(unknown, "params", None) or {}
    key = f"{code}:{p.get('role')}" if code == "national_rules" else code
    message = _MESSAGES.get(key or "")
    if message is None:
        return str(unknown), False

    def name(iso3: str | None) -> Named:
        # A Named even when the law names no State, so that a French {a:de} never fails.
        return state_list(d, (iso3,)) if iso3 else Named(())

    lo = p.get("low", "")
    return _(message).format(
        a=name(p.get("state")), s=name(p.get("sovereign")), t=name(p.get("territory")), d1=p.get("on", ""),
        d2=p.get("complete", ""), label=_(p["label"]) if code == "canal_passage" else p.get("label", ""),
        hi=p.get("high", ""), on=p.get("on", ""),
        lo=_("an unknown date") if lo == "an unknown date" else lo), True


#: The ship canals' names (hgmap.network.passages.CANALS), for the catalogues.
_CANAL_NAMES = (N_("Suez Canal"), N_("Panama Canal"), N_("Kiel Canal"))

_SCOPE_MESSAGES: Mapping[str, str] = {
    "import_ban": N_("the import ban of {a} [{ban}; {basis}] covers {scope}: it may reach part of this stream; "
                     "check the consignment before notifying"),
    "export_ban": N_("the export ban of {a} [{ban}; {basis}] covers {scope}: it may reach part of this stream; "
                     "check the consignment before notifying"),
}


def scope_flag_text(_: Gettext, d: Dossier, flag: ScopeFlag) -> str:
    """A rule that may reach part of the stream, as an unknown: the State, the ban (id, legal
    basis) and the wastes it lists, from the ban's record (data text marked when in English)."""
    message = _SCOPE_MESSAGES.get(flag.measure)
    if message is not None and flag.scope:
        return _(message).format(a=state_list(d, (flag.state,)), ban=flag.ban_id, basis=flag.basis,
                                 scope=in_english(_, flag.scope))
    return _("a mercury rule of {a} [{basis}] may reach part of this stream: check the consignment before "
             "notifying").format(a=state_list(d, (flag.state,)), basis=flag.basis)
