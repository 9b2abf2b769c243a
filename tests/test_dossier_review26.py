"""Basel focal point's re-read of main, 2 Dec 2026 (fix26a): the notification's States and
authorities, its own stream's UN entry, dated authorities, internal-waters transit, the Bamako
date, French articles, Basel cited only where it applies, and the Thai scope flag."""

from __future__ import annotations

import re

import pytest

from hgmap.dossier import build_dossier
from hgmap.dossier.document import Heading, compose
from hgmap.i18n import translation


@pytest.fixture(scope="session")
def haiti():
    """Haiti -> USA: neither end a Basel Party (the USA never ratified Basel; Haiti signed, not
    ratified: data/law/memberships.csv); option 3 is Port Washington on Lake Michigan."""
    return build_dossier("HTI", streams=("other", "measuring_devices"), k=3, what_if=False)


@pytest.fixture(scope="session")
def tuvalu_2010():
    return build_dossier("TUV", streams=("elemental_mercury", "measuring_devices"), k=3, what_if=False,
                         as_of="2010-06-01")


@pytest.fixture(scope="session")
def comoros():
    return build_dossier("COM", streams=("lamps",), k=3, what_if=False)


@pytest.fixture(scope="session")
def maldives():
    return build_dossier("MDV", streams=("lamps",), k=3, what_if=False)


def _field(doc_text: str, number: int) -> list[str]:
    return [line for line in doc_text.splitlines() if line.startswith(f"{number} | ")]


def _usa_import(d):
    return next(n for n in d.notifications if dict(n.fields[7].states or ()).get("USA") is not None)


def test_field_8_names_the_epa_once_and_never_says_it_is_unknown(haiti):
    """data/authorities.csv: the EPA row's name contains '; ' (40 CFR 262.84, 'USA01', WIETS);
    the dossier split the joined field on '; ' and printed 'notices through ... (WIETS): competent
    authority not in hgmap's data'."""
    n = _usa_import(haiti)
    states = n.fields[7].states
    assert [iso for iso, _a in states] == ["USA"] and len(states[0][1]) == 1
    for lang in ("en", "fr"):
        lines = _field(compose(haiti, lang).text(), 8)
        assert lines, lang
        for line in lines:
            assert line.count("WIETS") == 1, line
            assert "not in hgmap's data" not in line and "absente des données" not in line, line


def test_fields_6_8_separator_is_translated_and_english_data_marked(haiti):
    """French writes a space before a colon; the EPA's name is English data text, marked like the
    other data text (texts.in_english)."""
    lines = _field(compose(haiti, "fr").text(), 8)
    assert any("États-Unis (USA) : US Environmental Protection Agency" in x and "(en anglais)" in x for x in lines)
    assert not any("(USA):" in x for x in _field(compose(haiti, "fr").text(), 6) + lines)


def test_field_17_is_the_notifications_own_stream(tuvalu_2010):
    """data/transport_codes.csv: measuring devices are UN 3506 (packing group '— (ADR Table A);
    III (IATA DGR)'), elemental mercury UN 2809 (packing group III). Both go to Bethlehem
    Apparatus on an equal option; field 17 of the measuring-devices draft took UN 2809's."""
    doc = compose(tuvalu_2010, "en")
    by_stream = {s.stream: s.transport for s in tuvalu_2010.streams}
    heads = [i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.level == 3
             and "Measuring devices: to" in b.text]
    assert heads, "the measuring-devices notification is drafted"
    table = next(b for b in doc.blocks[heads[-1]:] if hasattr(b, "rows"))
    cell = next(r[2] for r in table.rows if r[0] == "17")
    tc = by_stream["measuring_devices"]
    assert str(cell[0]).startswith(f"UN class {tc.hazard_class}, packing group {tc.packing_group};"), cell


def test_authorities_whose_basis_postdates_the_date_are_not_named(tuvalu_2010, haiti):
    """Hazardous Waste Export-Import Revisions, 81 FR 85696 (28 Nov 2016), effective 31 Dec 2016
    (https://regulations.justia.com/regulations/fedreg/2016/11/28/2016-27428.html): USA01 and WIETS
    notices; Tuvalu's Waste Management Act is Act No. 22 of 2017
    (http://www.paclii.org/tv/legis/num_act/wma2017167/). A 2010 dossier named both."""
    text = compose(tuvalu_2010, "en").text()
    for line in _field(text, 6) + _field(text, 8):
        assert "WIETS" not in line and "Waste Management Act 2017" not in line, line
    assert set(tuvalu_2010.later_authorities) == {"TUV", "USA"}
    assert "Not named for Tuvalu (TUV): Department responsible for waste" in text
    assert "took effect on 2016-12-31, after 2010-06-01" in text
    assert not haiti.later_authorities and "WIETS" in " ".join(_field(compose(haiti, "en").text(), 8))


def test_each_lake_port_option_has_the_internal_waters_unknown(haiti):
    """Port Washington (USPWA) on Lake Michigan is reached through the St Lawrence, whose waters are
    partly Canada's internal waters: option 3 said 'Transit States: none' with one unknown."""
    flagged = [o for s in haiti.streams for o in s.options
               if any(p is not None and p.inland_waters for pair in o.sea_ports for p in pair)]
    assert any(o.facility_name.startswith("Port Washington") for o in flagged)
    for lang, word in (("en", "Internal waters: Port Washington (USPWA)"),
                       ("fr", "Eaux intérieures : Port Washington (USPWA)"),
                       ("es", "Aguas interiores: Port Washington (USPWA)")):
        assert compose(haiti, lang).text().count(word) == len(flagged), lang
    en = compose(haiti, "en").text()
    opt = flagged[0]
    block = en.split(f"Option {opt.rank}: {opt.facility_name}", 1)[1].split("Procedure", 1)[0]
    # The States whose land or internal waters the lane crosses are transit States now (review 27):
    # the unknown asks to confirm the ship's track, and Canada is named among the transit States.
    assert "confirm the ship's track" in block and re.search(r"rests on [2-9] unknown", block), block
    assert "CAN" in opt.transit


def test_bamako_line_gives_the_countrys_own_date(comoros):
    """Bamako Convention in force 22 Apr 1998; the Comoros a Party since 15 Jul 2004
    (data/law/memberships.csv): the agreement line printed only 1998-04-22."""
    fr = compose(comoros, "fr").text()
    line = next(x for x in fr.splitlines() if x.startswith("Convention de Bamako [BAMAKO"))
    assert "en vigueur depuis le 1998-04-22" in line and "applicable aux Comores (COM) depuis le 2004-07-15" in line
    en = compose(comoros, "en").text()
    assert "; for the Comoros (COM) from 2004-07-15" in en or "; for Comoros (COM) from 2004-07-15" in en


def test_french_names_keep_their_article(comoros):
    """ISO 3166 French short names carry the article ('Comores (les)'): after a preposition other
    than de/à it was lost ('desservant Comores', 'pour Allemagne')."""
    fr = compose(comoros, "fr").text()
    assert "desservant Comores" not in fr
    if "n'est enregistré au service" in fr:
        assert "au service des Comores" in fr
    _ = translation("fr").gettext
    msg = _("Follow the EU notification and consent procedure of the Waste Shipment Regulation for {states} "
            "({cite}).")
    assert "pour {states}" not in msg and "{states:de}" in msg
    for mid in ("Exports from {a} before 31 December 2016: the primary exporter notified the US EPA 60 days "
                "before the initial shipment (40 CFR 262.53) and shipped only with EPA's Acknowledgment of Consent.",):
        assert "depuis {a}" not in _(mid) and "{a:de}" in _(mid)


def test_no_basel_article_or_heading_where_basel_governs_neither_end(haiti, tuvalu_2010):
    """Basel governs a movement only where an end is a Party: HTI -> USA and TUV (a Party from 2011)
    -> USA in 2010 are under national law ('The Basel procedures do not apply')."""
    for d in (haiti, tuvalu_2010):
        doc = compose(d, "en")
        heading = next(b.text for b in doc.blocks if isinstance(b, Heading) and b.anchor == "notification")
        usa = _usa_import(d)
        assert heading != "Draft Basel notification (Annex V A)"
        text = doc.text()
        for line in _field(text, 7) + _field(text, 10):
            if "to be completed" in line and "USDEL" in line:
                assert "Art 6(4)" not in line, line
        assert any(b.text.endswith(" (not a Basel notification)") for b in doc.blocks
                   if isinstance(b, Heading) and b.level == 3), usa.stream


def test_the_thai_scope_flag_names_thailand_and_its_ban(maldives):
    """data/law/bans.csv THA-IMPORT-4 (Ministry of Commerce Notification B.E. 2563, 2020): lamps
    Maldives -> Thailand. The basis line said 'A mercury rule may reach part of this stream
    [FLAG-stream-scope]'."""
    opt = next(o for s in maldives.streams for o in s.options if o.facility_iso3 == "THA")
    assert any(st.code == "scope_check" and st.ref == "THA-IMPORT-4" for st in opt.steps)
    for lang, basis, step in (
            ("en", "the ban of Thailand (THA) may reach part of this stream [THA-IMPORT-4]",
             "Check the consignment against the ban of Thailand (THA) [THA-IMPORT-4;"),
            ("fr", "l'interdiction de la Thaïlande (THA) peut viser une partie de ce flux [THA-IMPORT-4]",
             "Vérifier l'envoi au regard de l'interdiction de la Thaïlande (THA) [THA-IMPORT-4 ;"),
            ("es", "la prohibición de Tailandia (THA) puede alcanzar parte de este flujo [THA-IMPORT-4]",
             "Verificar el envío respecto de la prohibición de Tailandia (THA) [THA-IMPORT-4;")):
        text = compose(maldives, lang).text()
        assert "[FLAG-stream-scope]" not in text, lang
        assert basis in text and step in text, lang


@pytest.mark.parametrize("lang, words", [
    ("en", "whether Fiji (FJI) is a Party to the Basel Convention on"),
    ("fr", "on ne sait pas si Fidji (FJI) est Partie à la Convention de Bâle au"),
    ("es", "se desconoce si Fiyi (FJI) es Parte en el Convenio de Basilea el"),
])
def test_a_basel_list_unknown_is_worded_in_the_dossiers_language(lang, words):
    """Fiji's Basel row (memberships.csv, as of 2025-10-22) records a Cabinet decision to accede; after
    that date its status is unknown (code basel_list; an accession takes effect on the 90th day after
    deposit, Basel Art 25(2)): the dossier words the law's coded unknown in its own language."""
    from hgmap.dossier.unknowns import unknown_text

    fiji = build_dossier("FJI", streams=("lamps",), as_of="2026-06-01", k=1, what_if=False)
    found = [u for s in fiji.streams for o in s.options for u in o.unknowns if getattr(u, "code", "") == "basel_list"]
    assert found, "the Basel list unknown reaches Fiji's options"
    from hgmap.dossier.document import localize

    text, known = unknown_text(translation(lang).gettext, localize(fiji, lang), found[0])
    assert known and words in text, text
