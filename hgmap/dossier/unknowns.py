"""The unknown facts a legal answer rests on, in the dossier's language.

``Option.unknowns`` are sentences hgmap's own code writes in English (:mod:`hgmap.law`,
:func:`hgmap.facilities.unconfirmed_note`), not text quoted from data. Each known form is
recognised here and written again as a gettext message, with the States' names in the
dossier's language; a sentence of no known form is shown as it is (and the dossier says that
such text stays in English). Only text quoted from data (legal bases, ban ids, details of a
membership record) stays as the data gives it inside a translated sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Dossier

__all__ = ["unknown_text"]

Gettext = Callable[[str], str]

_STATE = r"(?P<{0}>.+?) \((?P<{0}_iso>[A-Z]{{3}})\)"
_DATE = r"\d{4}-\d{2}-\d{2}"


def _state(name: str) -> str:
    return _STATE.format(name)


_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((key, re.compile(pattern)) for key, pattern in (
    ("national", r"the national (?P<role>export|import|transit) rules of " + _state("a") + r" are not researched "
     r"in hgmap's legal data: a national ban of .+ would prohibit this movement"),
    ("oecd_territory", r"whether " + _state("s") + r"'s OECD membership \(and so the OECD Decision and Basel Annex "
     r"VII\) reaches " + _state("t") + r" is not established \(territories\.csv: unknown\); hgmap presumes it does"),
    ("annex7_territory", r"whether Basel Annex VII \(OECD/EU membership of " + _state("s") + r"\) reaches "
     + _state("t") + r" is not established \(territories\.csv: unknown\); hgmap presumes it does"),
    ("basel_coverage", r"Basel coverage of " + _state("t") + r" by " + _state("s") + r" is not established; hgmap "
     r"presumes coverage \(a treaty binds a State for its entire territory unless a different intention appears, "
     r"VCLT Art 29\)"),
    ("acceptance", r"acceptance of waste from (?P<a>.+) not confirmed \(accepts_imports unknown\)"),
    ("eu_law", r"whether EU law applies in " + _state("t") + r" is not established; treated as not applying"),
    ("basel_missing", r"the Basel status of " + _state("a") + r" is not in hgmap's data; treated as a non-Party"),
    ("minamata_after", _state("a") + r" was not a Minamata Party on (?P<d1>" + _DATE + r") \((?P<detail>.+)\); "
     r"whether it is one on (?P<d2>" + _DATE + r") is not established"),
    ("minamata_list", r"whether " + _state("a") + r" is a Minamata Party on (?P<d1>" + _DATE + r") is unknown "
     r"\(party list complete only to (?P<d2>" + _DATE + r")\)"),
    ("ban_amendment_list", r"whether " + _state("a") + r" has accepted the Ban Amendment by (?P<d1>" + _DATE
     + r") is unknown \(list complete only to (?P<d2>" + _DATE + r"); a few later acceptances are unnamed\)"),
    ("member_since", r"the date from which (?P<a_iso>[A-Z]{3}) is a member of the (?P<label>.+) is not established "
     r"\(between (?P<lo>.+) and (?P<hi>" + _DATE + r")\); hgmap treats it as a member on (?P<on>" + _DATE + r")"),
    ("waigani_coverage", r"whether Australia's Waigani ratification covers " + _state("a") + r" was not read"),
    ("eea_art40", r"whether Reg \(EC\) 1013/2006 Art 40 binds " + _state("a") + r" through the EEA Agreement \(it "
     r"concerns the EU's overseas countries and territories\) was not read; hgmap applies it"),
    ("wsr_2024_oct", r"the overseas-countries provision of Reg \(EU\) 2024/1157 \(applicable from 2026-05-21\) was "
     r"not read; hgmap carries over Reg \(EC\) 1013/2006 (?P<art>.+)"),
    ("kuwait_art5", r"whether the conditions of Kuwait Protocol Art 5 allow this import into " + _state("a")
     + (r" from a non-Contracting State is not established \(the Protocol's articles were read only in ECOLEX's "
        r"summary\)")),
))


def _name(d: Dossier, iso3: str) -> str:
    return f"{d.name_of(iso3)} ({iso3})"


def unknown_text(_: Gettext, d: Dossier, sentence: str) -> tuple[str, bool]:
    """``(text, translated)``: an unknown fact in the dossier's language, or as it is when
    its form is not known (``translated`` False)."""
    for key, pattern in _FORMS:
        m = pattern.fullmatch(sentence.strip())
        if m is not None:
            return _WRITE[key](_, d, m), True
    return sentence, False


def _national(_: Gettext, d: Dossier, m: re.Match[str]) -> str:
    a = _name(d, m["a_iso"])
    if m["role"] == "export":
        return _("the national export rules of {a} are not researched in hgmap's legal data: a national ban of "
                 "{a} would prohibit this movement").format(a=a)
    if m["role"] == "import":
        return _("the national import rules of {a} are not researched in hgmap's legal data: a national ban of "
                 "{a} would prohibit this movement").format(a=a)
    return _("the national transit rules of {a} are not researched in hgmap's legal data: a national ban of {a} "
             "would prohibit this movement").format(a=a)


_WRITE: dict[str, Callable[[Gettext, Dossier, re.Match[str]], str]] = {
    "national": _national,
    "oecd_territory": lambda _, d, m: _(
        "whether the OECD membership of {s} (and so the OECD Decision and Basel Annex VII) reaches {t} is not "
        "established (territories.csv: unknown); hgmap presumes it does").format(
            s=_name(d, m["s_iso"]), t=_name(d, m["t_iso"])),
    "annex7_territory": lambda _, d, m: _(
        "whether Basel Annex VII (OECD/EU membership of {s}) reaches {t} is not established (territories.csv: "
        "unknown); hgmap presumes it does").format(s=_name(d, m["s_iso"]), t=_name(d, m["t_iso"])),
    "basel_coverage": lambda _, d, m: _(
        "Basel coverage of {t} by {s} is not established; hgmap presumes coverage (a treaty binds a State for its "
        "entire territory unless a different intention appears, VCLT Art 29)").format(
            s=_name(d, m["s_iso"]), t=_name(d, m["t_iso"])),
    "acceptance": lambda _, d, m: _(
        "the facility's acceptance of waste from {a} is not confirmed (accepts_imports unknown)").format(
            a=d.name),  # the row's origin: the dossier's country
    "eu_law": lambda _, d, m: _(
        "whether EU law applies in {t} is not established; treated as not applying").format(t=_name(d, m["t_iso"])),
    "basel_missing": lambda _, d, m: _(
        "the Basel status of {a} is not in hgmap's data; treated as a non-Party").format(a=_name(d, m["a_iso"])),
    "minamata_after": lambda _, d, m: _(
        "{a} was not a Minamata Party on {d1}; whether it is one on {d2} is not established").format(
            a=_name(d, m["a_iso"]), d1=m["d1"], d2=m["d2"]),
    "minamata_list": lambda _, d, m: _(
        "whether {a} is a Minamata Party on {d1} is unknown (party list complete only to {d2})").format(
            a=_name(d, m["a_iso"]), d1=m["d1"], d2=m["d2"]),
    "ban_amendment_list": lambda _, d, m: _(
        "whether {a} has accepted the Ban Amendment by {d1} is unknown (list complete only to {d2}; a few later "
        "acceptances are unnamed)").format(a=_name(d, m["a_iso"]), d1=m["d1"], d2=m["d2"]),
    "member_since": lambda _, d, m: _(
        "the date from which {a} is a member of the {label} is not established (between {lo} and {hi}); hgmap "
        "treats it as a member on {on}").format(
            a=_name(d, m["a_iso"]), label=m["label"], hi=m["hi"], on=m["on"],
            lo=_("an unknown date") if m["lo"] == "an unknown date" else m["lo"]),
    "waigani_coverage": lambda _, d, m: _(
        "whether Australia's Waigani ratification covers {a} was not read").format(a=_name(d, m["a_iso"])),
    "eea_art40": lambda _, d, m: _(
        "whether Reg (EC) 1013/2006 Art 40 binds {a} through the EEA Agreement (it concerns the EU's overseas "
        "countries and territories) was not read; hgmap applies it").format(a=_name(d, m["a_iso"])),
    "wsr_2024_oct": lambda _, d, m: _(
        "the overseas-countries provision of Reg (EU) 2024/1157 (applicable from 2026-05-21) was not read; hgmap "
        "carries over Reg (EC) 1013/2006 {art}").format(art=m["art"]),
    "kuwait_art5": lambda _, d, m: _(
        "whether the conditions of Kuwait Protocol Art 5 allow this import into {a} from a non-Contracting State "
        "is not established (the Protocol's articles were read only in ECOLEX's summary)").format(
            a=_name(d, m["a_iso"])),
}
