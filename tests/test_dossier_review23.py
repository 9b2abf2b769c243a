"""Practitioner review of main, 2 Dec 2026 (fix23a): the dossier prints the law's dated Waste
Shipment Regulation, Minamata Art 11(2) as written, the Basel entries in force, ADR special
provision 366 and the OECD Decision's citation."""

from __future__ import annotations

import pytest

from hgmap import law
from hgmap.dossier import build_dossier
from hgmap.dossier.build import _procedure
from hgmap.dossier.document import Para, compose
from hgmap.dossier.texts import step_text
from hgmap.i18n import translation


@pytest.fixture(scope="session")
def tuvalu():
    return build_dossier("TUV", streams=("lamps", "elemental_mercury"), k=3, what_if=False)


def _steps(origin, dest, stream, op, via, as_of):
    return _procedure(origin, dest, via, law.assess(origin, dest, stream, op, via=via, as_of=as_of))


def _text(d, step, lang="en"):
    return step_text(translation(lang).gettext, d, step)


@pytest.mark.parametrize("as_of, cite, absent", [
    ("2006-06-01", "Reg (EEC) 259/93", ("1013/2006", "2024/1157")),
    ("2010-06-01", "Reg (EC) 1013/2006", ("259/93", "2024/1157", "21 May 2026")),
    ("2026-12-02", "Reg (EU) 2024/1157", ("1013/2006", "21 May 2026")),
])
def test_the_eu_step_cites_the_regulation_in_force_on_the_date(tuvalu, as_of, cite, absent):
    """Reg (EEC) 259/93 applied to 11 Jul 2007, Reg (EC) 1013/2006 from 12 Jul 2007 (its Art 64) to
    20 May 2026, Reg (EU) 2024/1157 from 21 May 2026 (its Art 86;
    https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A32024R1157): Mauritius -> Germany,
    elemental mercury for disposal (hgmap.law.rules.wsr_label). The dossier printed '(Reg (EC)
    1013/2006; Reg (EU) 2024/1157 from 21 May 2026)' on every date."""
    wsr = next(s for s in _steps("MUS", "DEU", "elemental_mercury", "disposal", (), as_of) if s.code == "eu_wsr")
    assert wsr.cite == cite
    out = _text(tuvalu, wsr)
    assert out.endswith(f"({cite}).") and "Germany (DEU)" in out, out
    for word in absent:
        assert word not in out, out


def test_the_eu_transit_step_cites_the_regulation_and_its_transit_articles(tuvalu):
    """Tuvalu -> Germany via France: an end in the EU, so France consents within Germany's import
    notification under the Regulation itself; between two third countries (Tuvalu -> USA via France)
    Reg (EU) 2024/1157 Arts 57-58 (Reg (EC) 1013/2006 Arts 47-48 to 20 May 2026)."""
    tr = next(s for s in _steps("TUV", "DEU", "elemental_mercury", "disposal", ("FRA",), "2026-12-02")
              if s.code == "transit_eu")
    assert tr.states == ("FRA",) and tr.cite == "Reg (EU) 2024/1157"
    assert _text(tuvalu, tr).endswith("France (FRA) (Reg (EU) 2024/1157).")
    third = next(s for s in _steps("TUV", "USA", "lamps", "recovery", ("FRA",), "2026-12-02") if s.code == "transit_eu")
    assert _text(tuvalu, third).endswith("(Reg (EU) 2024/1157 Arts 57-58).")
    old = next(s for s in _steps("TUV", "USA", "lamps", "recovery", ("FRA",), "2020-06-01") if s.code == "transit_eu")
    assert _text(tuvalu, old, "fr").endswith("(règl. (CE) 1013/2006, art. 47-48).")
    assert _text(tuvalu, old, "es").endswith("(Regl. (CE) 1013/2006, arts. 47-48).")
    assert "(règl. (UE) 2024/1157)." in _text(tuvalu, tr, "fr")


def test_minamata_art_11_2_is_worded_as_written_and_only_where_the_law_has_it(tuvalu):
    """Minamata Convention Art 11(2) (https://www.mercuryconvention.org/en/resources/minamata-convention-
    mercury-text-and-annexes): the definition 'excludes overburden, waste rock and tailings from mining,
    except from primary mercury mining, unless they contain mercury or mercury compounds above thresholds
    defined by the Conference of the Parties'. In force from 16 Aug 2017 (Art 31): no step before."""
    steps = _steps("TUV", "AUS", "mining_tailings", "disposal", (), "2026-12-02")
    step = next(s for s in steps if s.code == "minamata_tailings")
    en = _text(tuvalu, step)
    assert "“excludes overburden, waste rock and tailings from mining, except from primary mercury mining, unless " \
           "they contain mercury or mercury compounds above thresholds defined by the Conference of the Parties”" in en
    assert "artisanal and small-scale gold mining" in en and "only when they come from" not in en
    assert "sauf ceux de l'extraction minière primaire de mercure" in _text(tuvalu, step, "fr")
    assert "salvo los de la extracción primaria de mercurio" in _text(tuvalu, step, "es")
    assert not [s for s in _steps("TUV", "AUS", "mining_tailings", "disposal", (), "2016-06-01")
                if s.code.startswith("minamata")]
    assert not [s for s in _steps("TUV", "AUS", "lamps", "recovery", (), "2026-12-02") if s.code == "minamata_tailings"]


@pytest.mark.parametrize("as_of, codes", [("2026-12-02", ("Y29", "A1030", "A1181")),
                                          ("2024-06-01", ("Y29", "A1030", "A1180"))])
def test_notification_field_13_has_the_basel_entries_in_force(as_of, codes):
    """Decision BC-15/18: A1181 replaces A1180 from 1 Jan 2025 (data/streams.csv 'A1180 to
    2024-12-31; A1181 from 2025-01-01'; hgmap.law.basel_entries). The dossier split the raw column."""
    d = build_dossier("TUV", streams=("lamps",), k=1, what_if=False, as_of=as_of)
    assert d.streams[0].basel_codes == codes
    text = compose(d, "en").text()
    assert "; ".join(codes) in text and " to 2024-12-31" not in text


@pytest.mark.parametrize("lang, words", [
    # fix27d: the provision is named as ADR's (road transport); the sea leg's IMDG entry is said first, apart.
    ("en", ("Special provision 366 (ADR, road transport): manufactured instruments and articles containing no more "
            "than 1 kg of mercury are not subject to ADR")),
    ("fr", "Disposition spéciale 366 (ADR, transport routier) : les instruments et objets manufacturés ne contenant "
           "pas plus de 1 kg"),
    ("es", "Disposición especial 366 (ADR, transporte por carretera): los instrumentos y objetos manufacturados que "
           "no contengan más de 1 kg"),
])
def test_special_provision_366_is_printed_for_un_3506(tuvalu, lang, words):
    """ADR special provision 366 (UN 3506; data/transport_codes.csv, sespel.com rendering of ADR Table A):
    articles with no more than 1 kg of mercury are not subject to ADR. Not for UN 2809 (mercury)."""
    lamps = next(s for s in tuvalu.streams if s.stream == "lamps")
    assert lamps.transport.special_provisions == ("366",)
    hg = next(s for s in tuvalu.streams if s.stream == "elemental_mercury")
    assert hg.transport.special_provisions == ()
    hits = [b for b in compose(tuvalu, lang).blocks if isinstance(b, Para) and words in b.text]
    assert len(hits) == 1, hits  # lamps only
    assert "IMDG" in hits[0].text and any("sespel.com" in link.url for link in hits[0].links)


@pytest.mark.parametrize("lang, cite", [("en", "(Basel Art 11)."), ("fr", "(Bâle, art. 11)."),
                                        ("es", "(Basilea, art. 11).")])
def test_the_oecd_step_cites_the_decision_and_the_law_article(tuvalu, lang, cite):
    """Aruba -> Germany, lamps for recovery: both OECD-covered (Aruba through the Netherlands), the
    OECD Council Decision C(2001)107/FINAL, as amended (data/law/agreements.csv, EPA) applies alongside
    Basel as an Art 11 arrangement; the law cites Basel Art 11, as it does for the Waigani lines."""
    step = next(s for s in _steps("ABW", "DEU", "lamps", "recovery", (), "2026-12-02") if s.code == "regional")
    assert step.cite == "Basel Art 11"
    out = _text(tuvalu, step, lang)
    assert out.endswith(cite) and "C(2001)107/FINAL" in out, out
    # Waigani's own articles where the law has read them (Art 6(1), Annex VI A; Art 6(9), Annex VI B).
    waigani = next(s for s in _steps("TUV", "AUS", "lamps", "recovery", (), "2026-12-02") if s.code == "regional")
    assert waigani.cite.startswith("Waigani Art 6(1)")
    assert "6(9)" in _text(tuvalu, waigani, lang) and not _text(tuvalu, waigani, lang).endswith(cite)


def test_the_art_11_2_sentence_says_the_thresholds_are_not_in_hgmaps_data(tuvalu):
    """The COP thresholds of Minamata Art 11(2) are not in hgmap's data (data/law: none recorded);
    the sentence said "hgmap's data does not hold them", where "them" could be read as the tailings."""
    step = next(s for s in _steps("TUV", "AUS", "mining_tailings", "disposal", (), "2026-12-02")
                if s.code == "minamata_tailings")
    assert "those thresholds, which are not in hgmap's data: check the mercury content" in _text(tuvalu, step)
    assert "seuils, qui ne figurent pas dans les données de hgmap" in _text(tuvalu, step, "fr")


def test_french_lists_put_a_space_before_the_semicolon(tuvalu):
    """French typography (Imprimerie nationale, Lexique des règles typographiques): a space before ';',
    as hgmap's French messages write it. The Basel codes, the legal basis of an option and field 13 of
    the notification joined their items with '; ' in every language ('Y29; A1030')."""
    fr = compose(tuvalu, "fr").text()
    assert "Codes de Bâle (rubriques Y et de l'annexe VIII) : Y29 ; A1030 ; A1181." in fr
    assert "Y29; A1030" not in fr
    assert "Y29; A1030; A1181" in compose(tuvalu, "en").text()
    assert "Y29; A1030; A1181" in compose(tuvalu, "es").text()


def test_french_what_ifs_give_each_state_its_article():
    """French country names take their article (ISO 3166-1 French short names: 'Chili (le)',
    'États-Unis (les)', 'Haïti' without one; data/country_names_fr.csv): Haiti's what-ifs read
    'entre Haïti (HTI) et Chili (CHL)' and 'Chili (CHL) lève son interdiction', without the article."""
    import dataclasses

    from hgmap.dossier.document import localize
    from hgmap.dossier.model import WhatIf
    from hgmap.dossier.texts import what_if_text

    en = build_dossier("HTI", streams=("lamps",), k=1, what_if=False)
    en = dataclasses.replace(en, names={**en.names, "CHL": "Chile", "USA": "United States"})
    d = localize(en, "fr")
    _ = translation("fr").gettext
    fields = {f.name: None for f in dataclasses.fields(WhatIf)}

    def w(**kw):
        return WhatIf(**{**fields, **kw})

    assert what_if_text(_, d, w(kind="agreement", states=("HTI", "CHL"))) == \
        "un accord au titre de l'article 11 entre le gouvernement d'Haïti (HTI) et celui du Chili (CHL) pour ce flux"
    assert what_if_text(_, d, w(kind="lift_import_ban", states=("CHL",), bans=("CHL-LEY-20920-8",))) == \
        "levée de l'interdiction d'importation du Chili (CHL) (CHL-LEY-20920-8)"
    assert what_if_text(_, d, w(kind="lift_transit_ban", states=("USA",), bans=("X",))) == \
        "levée de l'interdiction de transit des États-Unis (USA) (X)"
    assert what_if_text(_, d, w(kind="accession", states=("HTI",))) == "adhésion d'Haïti (HTI) à la Convention de Bâle"
    assert what_if_text(translation("en").gettext, en, w(kind="accession", states=("HTI",))) == \
        "Haiti (HTI) accedes to the Basel Convention"


def test_french_sentences_that_name_a_state_first_keep_its_article():
    """ISO 3166-1 French short names: 'Vanuatu (le)', 'États-Unis (les)', 'Allemagne (l')'
    (data/country_names_fr.csv). Sentences opened by a bare name read 'Vanuatu (VUT) doit s'assurer'
    (189 times in the 10 French dossiers of hgmap run) and 'États-Unis (USA) n'est pas Partie' (27);
    they now contract the name with à or de, or name it after a colon."""
    import dataclasses

    from hgmap.dossier.document import localize
    from hgmap.dossier.model import Step

    en = build_dossier("VUT", streams=("lamps",), k=1, what_if=False)
    en = dataclasses.replace(en, names={**en.names, "USA": "United States", "ABW": "Aruba", "DEU": "Germany"})
    d = localize(en, "fr")
    _ = translation("fr").gettext
    assert step_text(_, d, Step("esm", ("VUT",))).startswith("Il appartient au Vanuatu (VUT) de s'assurer")
    assert step_text(_, d, Step("esm_import", ("USA",))).startswith("Il appartient aux États-Unis (USA) de refuser")
    notify = step_text(_, d, Step("notify_agreement", ("ABW", "USA"), "OECD-C(2001)107", "Basel Art 11",
                                  "destination"))
    assert notify.startswith("État non Partie à Bâle : États-Unis (USA). L'exportateur (ou le producteur) demande "
                             "à l'autorité compétente d'Aruba (ABW) d'informer"), notify
    both = step_text(_, d, Step("regional", ("VUT", "DEU"), "WAIGANI-1995", "Basel Art 11"))
    assert both.startswith("Les deux extrémités du mouvement (Vanuatu (VUT) et Allemagne (DEU)) relèvent de"), both
    assert step_text(translation("en").gettext, en, Step("esm", ("VUT",))).startswith("Vanuatu (VUT) must be")
    assert "Vanuatu (VUT) doit" not in compose(en, "fr").text()


@pytest.mark.parametrize("lang, words", [
    ("en", ("under the Waigani Convention (Waigani Art 6(1), Annex VI A)", "Tuvalu (TUV)", "Basel Art 11(2)")),
    ("fr", ("au titre de la Convention de Waigani", "Tuvalu (TUV)", "art. 11(2)")),
    ("es", ("en virtud del Convenio de Waigani", "Tuvalu (TUV)", "art. 11(2)")),
])
def test_transit_among_the_agreements_parties_is_consented_under_it(tuvalu, lang, words):
    """Fiji -> New Zealand via Tuvalu, all three Waigani Parties: Basel 'shall not affect' a movement
    entirely among an agreement's Parties (Basel Art 11(2)), so Tuvalu consents under Waigani, not
    under Basel Art 6(4) (which binds a Basel Party of export; Fiji is not one)."""
    step = next(s for s in _steps("FJI", "NZL", "lamps", "recovery", ("TUV",), "2026-06-01")
                if s.code == "consent_transit")
    assert step.ref == "WAIGANI-1995"
    out = _text(tuvalu, step, lang)
    for w in words:
        assert w in out, out
    assert "6(4)" not in out
