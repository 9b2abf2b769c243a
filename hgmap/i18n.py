"""Languages of hgmap's own text: gettext catalogues built with Babel.

Every sentence hgmap writes in a dossier (labels, procedure steps, reasons,
conditions) is an English message marked with ``_()`` (or ``N_()`` where the
translation is looked up later); :func:`translation` returns the catalogue of a
language from ``hgmap/locale/<lang>/LC_MESSAGES/hgmap.mo``. The data's own text
(facility names and notes, source titles, legal citations) is never translated.

Rebuilding the catalogues (see ``docs/dossier.md``)::

    pybabel extract -F hgmap/locale/babel.cfg -k N_ -o hgmap/locale/hgmap.pot hgmap
    pybabel update -i hgmap/locale/hgmap.pot -d hgmap/locale -D hgmap
    pybabel compile -d hgmap/locale -D hgmap --statistics
"""

from __future__ import annotations

import functools
import gettext
import logging
from collections.abc import Callable
from importlib import resources
from typing import Literal

from .errors import HgmapError

__all__ = ["LANGS", "Lang", "NUMBER_LOCALES", "Named", "UnknownLanguageError", "check_lang", "translation", "N_",
           "dossier_languages", "french_a", "french_de", "whole_number"]

log = logging.getLogger(__name__)

Lang = Literal["en", "fr", "es"]
#: Languages hgmap writes dossiers in.
LANGS: tuple[str, ...] = ("en", "fr", "es")
DOMAIN = "hgmap"
#: The Babel locale each language writes its numbers in.
NUMBER_LOCALES: dict[str, str] = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}


class UnknownLanguageError(HgmapError):
    """A language hgmap has no catalogue for."""


_VOWELS = frozenset("AEIOUYÂÀÄÉÈÊËÎÏÔÖÛÙÜŸaeiouyâàäéèêëîïôöûùüÿ")


#: French preposition + definite article, contracted.
_FRENCH = {"de": {"le": "du ", "les": "des ", "la": "de la ", "l'": "de l'"},
           "à": {"le": "au ", "les": "aux ", "la": "à la ", "l'": "à l'"}}


def french_de(text: str, article: str, elide: bool = False) -> str:
    """``text`` after *de*, contracted with its article: "du Japon", "des Comores",
    "de la France", "de l'Australie", "d'Haïti" (``elide``), "de Maurice"."""
    if article in _FRENCH["de"]:
        return _FRENCH["de"][article] + text
    return f"d'{text}" if elide else f"de {text}"


def french_a(text: str, article: str) -> str:
    """``text`` after *à*, contracted with its article: "au Japon", "aux Comores",
    "à la France", "à l'Australie", "à Haïti"."""
    return _FRENCH["à"].get(article, "à ") + text


class Named(str):
    """Names of States as one text ("Haïti (HTI), Cuba (CUB)") that a message inflects.

    Its ``str`` is the names alone. A message's ``{a}`` writes each name with the English
    article "the" where its part carries it ("the Netherlands (NLD), Belgium (BEL)"; only
    English articles are "the") and ``{a:The}`` starts a sentence with it ("The United States
    (USA) is ..."). A French message writes ``{a}`` for the names alone, ``{a:de}`` for
    "d'Haïti (HTI), de Cuba (CUB)" and ``{a:à}`` for "à Haïti (HTI), à Cuba (CUB)"
    (:func:`french_de`, :func:`french_a`).

    Parameters
    ----------
    parts
        ``(text, article, elide)`` per State, in order (articles from
        :func:`hgmap.countries.country_articles` in the message's language; ``""`` and False
        where none).
    sep
        What joins the parts.
    """

    _parts: tuple[tuple[str, str, bool], ...]

    def __new__(cls, parts, sep: str = ", ") -> "Named":
        parts = tuple((str(t), a or "", bool(e)) for t, a, e in parts)
        self = super().__new__(cls, sep.join(t for t, _a, _e in parts))
        self._parts, self._sep = parts, sep
        return self

    def _english(self, first: str) -> str:
        out = [f"{a} {t}" if a == "the" else t for t, a, _e in self._parts]
        if out and first == "The" and out[0].startswith("the "):
            out[0] = "The" + out[0][3:]
        return self._sep.join(out)

    def __format__(self, spec: str) -> str:
        if spec in ("", "the", "The"):
            return self._english(spec)
        if spec == "de":
            return self._sep.join(french_de(t, a, e) for t, a, e in self._parts)
        if spec == "à":
            return self._sep.join(french_a(t, a) for t, a, _e in self._parts)
        raise ValueError(f"Named: unknown format {spec!r}; use 'The' (English), 'de' or 'à' (French)")


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (Babel keyword)."""
    return message


def check_lang(lang: str, *, field: str = "lang") -> str:
    """Return ``lang`` (lower case) if hgmap writes it, else raise :class:`UnknownLanguageError`."""
    code = str(lang).strip().lower()
    if code not in LANGS:
        raise UnknownLanguageError(f"{field}: unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    return code


@functools.lru_cache(maxsize=None)
def translation(lang: str = "en") -> gettext.NullTranslations:
    """The catalogue of ``lang`` (English: the messages themselves).

    Raises
    ------
    UnknownLanguageError
        For a language hgmap does not write, or when its compiled catalogue is missing.
    """
    code = check_lang(lang)
    if code == "en":
        return gettext.NullTranslations()
    mo = resources.files("hgmap").joinpath("locale", code, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    except FileNotFoundError as exc:
        raise UnknownLanguageError(f"lang: the {code} catalogue is not installed ({mo})") from exc


@functools.lru_cache(maxsize=None)
def whole_number(lang: str = "en") -> Callable[[float], str]:
    """A formatter of whole numbers with the digit grouping of ``lang`` (``1234.6`` ->
    ``"1,235"`` in English, ``"1\u202f235"`` in French).

    It is Babel's ``format_decimal(value, format="#,##0", locale=...)`` with the pattern and
    the locale parsed once: a dossier formats thousands of distances, and Babel parses both
    on every call.
    """
    from babel import Locale
    from babel.numbers import parse_pattern

    locale = Locale.parse(NUMBER_LOCALES[check_lang(lang)])
    return functools.partial(parse_pattern("#,##0").apply, locale=locale)


@functools.lru_cache(maxsize=None)
def dossier_languages(iso3: str) -> tuple[str, ...]:
    """Languages to write a country's dossier in: English, plus French and/or Spanish where they
    are official (or de facto) languages of the country in Unicode CLDR (via Babel).

    ``"HTI"`` -> ``("en", "fr")``; ``"CUB"`` -> ``("en", "es")``; ``"FJI"`` -> ``("en",)``.
    """
    import pycountry
    from babel.languages import get_official_languages

    rec = pycountry.countries.get(alpha_3=str(iso3).upper())
    if rec is None:
        return ("en",)
    official = get_official_languages(rec.alpha_2, de_facto=True)
    return ("en", *[lang for lang in LANGS if lang != "en" and lang in official])
