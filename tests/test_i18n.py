"""Languages of hgmap's own text (issue #14): catalogues complete, no English left in fr/es."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from hgmap.i18n import LANGS, NUMBER_LOCALES, UnknownLanguageError, check_lang, translation, whole_number

LOCALE = resources.files("hgmap").joinpath("locale")


def _pot():
    with LOCALE.joinpath("hgmap.pot").open("rb") as fh:
        return read_po(fh)


def _po(lang):
    with LOCALE.joinpath(lang, "LC_MESSAGES", "hgmap.po").open("rb") as fh:
        return read_po(fh)


def test_check_lang():
    assert check_lang("FR") == "fr"
    with pytest.raises(UnknownLanguageError, match="de"):
        check_lang("de")
    assert translation("en").gettext("Summary") == "Summary"


def test_template_is_current_with_the_code():
    """Every message the dossier code marks is in hgmap.pot (re-extract when this fails)."""
    import ast
    import pathlib

    import hgmap.dossier

    root = pathlib.Path(hgmap.dossier.__file__).parent
    marked = set()
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                marked.add(node.args[0].value)
    ids = {m.id for m in _pot() if m.id}
    assert marked and marked <= ids, sorted(marked - ids)[:5]


@pytest.mark.parametrize("lang", [x for x in LANGS if x != "en"])
def test_catalogue_complete_and_compiled(lang):
    ids = {m.id for m in _pot() if m.id}
    po = _po(lang)
    translated = {m.id: m.string for m in po if m.id}
    assert set(translated) == ids
    assert all(translated.values()), [k for k, v in translated.items() if not v][:5]
    assert not [m.id for m in po if m.id and m.fuzzy]
    with LOCALE.joinpath(lang, "LC_MESSAGES", "hgmap.mo").open("rb") as fh:
        mo = {m.id: m.string for m in read_mo(fh) if m.id}
    assert mo == translated, "the compiled .mo is stale: run pybabel compile (docs/dossier.md)"
    # Placeholders survive translation (a French one may ask for its contraction: "{a:de}").
    for msgid, msgstr in translated.items():
        names = r"\{(\w+)(?::[^}]*)?\}"
        assert sorted(re.findall(names, msgid)) == sorted(re.findall(names, msgstr)), msgid


def test_named_contracts_the_french_article():
    """French names take their article, contracted with de and à (ISO 3166-1 French short names:
    "Comores (les)", "Japon (le)", "Haïti" with a mute h)."""
    from hgmap.i18n import Named

    n = Named([("Haïti (HTI)", "", True), ("Comores (COM)", "les", False), ("Japon (JPN)", "le", False),
               ("France (FRA)", "la", False), ("Australie (AUS)", "l'", False), ("Maurice (MUS)", "", False)])
    assert f"{n}" == "Haïti (HTI), Comores (COM), Japon (JPN), France (FRA), Australie (AUS), Maurice (MUS)"
    assert f"{n:de}" == ("d'Haïti (HTI), des Comores (COM), du Japon (JPN), de la France (FRA), "
                         "de l'Australie (AUS), de Maurice (MUS)")
    assert f"{n:à}" == "à Haïti (HTI), aux Comores (COM), au Japon (JPN), à la France (FRA), à l'Australie (AUS), " \
                       "à Maurice (MUS)"
    assert n == str(n) and "{a}".format(a=n) == str(n)
    with pytest.raises(ValueError, match="unknown format"):
        f"{n:of}"


def test_every_french_contraction_is_one_named_understands():
    """A French message may write {x:de} or {x:à} only: anything else would fail when formatted."""
    from hgmap.i18n import Named

    value = Named([("Fidji (FJI)", "les", False)])
    for m in _po("fr"):
        if not m.id or ":" not in m.string:
            continue
        names = set(re.findall(r"\{(\w+)(?::[^}]*)?\}", m.string))
        specs = set(re.findall(r"\{\w+:([^}]*)\}", m.string))
        assert specs <= {"de", "à"}, (m.id, specs)
        m.string.format(**{k: value for k in names})


@pytest.fixture(scope="module")
def fiji():
    from hgmap.dossier import build_dossier

    return build_dossier("FJI", streams=("lamps", "chlor_alkali_residues"), as_of="2025-06-01", k=2)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_no_english_sentence_of_hgmap_left(fiji, lang):
    """Compare the dossier against the English messages: none that has its own translation survives."""
    from hgmap.dossier.document import compose

    english = compose(fiji, "en").text()
    text = compose(fiji, lang).text()
    po = {m.id: m.string for m in _po(lang) if m.id}
    leaks = []
    for msgid, msgstr in po.items():
        if msgstr == msgid:
            continue  # the same word in both languages ("Total", "Distance")
        # The fixed parts of the message (between placeholders), long enough to be a phrase.
        for part in re.split(r"\{\w+\}", msgid):
            part = part.strip(" .,:;()")
            if len(part) < 12 or part in msgstr:
                continue
            if part in english and part in text:
                leaks.append(part)
    assert not leaks, leaks[:10]
    assert text != english


def test_french_and_spanish_country_names_and_numbers(fiji):
    from hgmap.dossier.document import compose

    fr = compose(fiji, "fr")
    es = compose(fiji, "es")
    assert fr.title == "Dossier déchets de mercure : Fidji"
    assert "Nouvelle-Zélande" in fr.text() and "Nueva Zelanda" in es.text()
    assert re.search(r"\d\u202f\d{3} km|\d\u00a0\d{3} km", fr.text()), "French thousands separator"
    assert re.search(r"\d\.\d{3} km", es.text())


def test_dossier_languages_from_cldr():
    from hgmap.i18n import dossier_languages

    assert dossier_languages("HTI") == ("en", "fr")
    assert dossier_languages("CUB") == ("en", "es")
    assert dossier_languages("VUT") == ("en", "fr")
    assert dossier_languages("FJI") == ("en",)


@pytest.mark.parametrize("lang", LANGS)
def test_whole_number_is_babels_grouping_of_the_rounded_value(lang):
    """``whole_number(lang)`` writes what Babel's ``format_decimal(v, format="#,##0")`` writes in
    the language's locale (grouping of CLDR: "1,235" en, narrow no-break spaces fr, "1.235" es)."""
    from babel.numbers import format_decimal

    fmt = whole_number(lang)
    for v in (0, 7, 999.4, 1234.6, 12345, 2_655.5, 15_760, 1_234_567.89):
        assert fmt(v) == format_decimal(v, format="#,##0", locale=NUMBER_LOCALES[lang])
    assert fmt(1234.6) == {"en": "1,235", "fr": "1\u202f235", "es": "1.235"}[lang]
    assert whole_number(lang) is fmt  # parsed once per language


def test_named_gives_english_names_their_article():
    """English writes "the Netherlands", "the United States" (ISO 3166-1 English short names:
    "Netherlands (the)"): {a} mid-sentence, {a:The} at a sentence's start; French and Spanish
    messages take the names as they are."""
    from hgmap.i18n import Named

    n = Named([("United States (USA)", "the", False), ("Fiji (FJI)", "", False)])
    assert f"{n}" == "the United States (USA), Fiji (FJI)" and f"{n:The}" == "The United States (USA), Fiji (FJI)"
    assert str(n) == "United States (USA), Fiji (FJI)"
    fiji = Named([("Fiji (FJI)", "", False)])
    assert f"{fiji:The} is not a Basel Party" == "Fiji (FJI) is not a Basel Party"
    fr = Named([("États-Unis (USA)", "les", False)])
    assert f"{fr:The}" == "États-Unis (USA)" and f"{fr:de}" == "des États-Unis (USA)"


def test_every_english_message_spec_is_one_named_understands():
    """An English message may write {x:The} only (a sentence that starts with a State)."""
    from hgmap.i18n import Named

    value = Named([("Netherlands (NLD)", "the", False)])
    for m in _po("fr"):
        specs = set(re.findall(r"\{\w+:([^}]*)\}", m.id or ""))
        if not specs:
            continue
        assert specs <= {"The"}, (m.id, specs)
        names = set(re.findall(r"\{(\w+)(?::[^}]*)?\}", m.id))
        assert m.id.format(**{k: value for k in names}).startswith("The Netherlands (NLD)"), m.id
