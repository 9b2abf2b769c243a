"""National import/transit bans, ninth pass, West/Central/North Africa (issue #13, law8c).

Each test cites the source read for the ban row it checks (data/law/research/national_bans.csv)
and asks the public API for the answer that source gives. Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, decision_text


assess = assessor(op="recovery", as_of="2025-06-01")


text = decision_text


def test_benin_constitution_bans_imports_of_toxic_wastes_even_from_a_bamako_party():
    """Benin, Constitution of 11 December 1990 (revised 2019), Art 29: 'Le transit, l'importation, le
    stockage, l'enfouissement, le déversement sur le territoire national des déchets toxiques ou polluants
    étrangers et tout accord y relatif constituent un crime contre la Nation'
    (https://github.com/Curtis1706/lahalex-v0/blob/65a08988/content/documents/constitution-benin-2019/titre-2/article-29-.md;
    1990 wording in English: https://techsb.ca/benin/; date 'constitution du 11 Décembre 1990', memoireonline
    2022). Togo -> Benin (both Bamako Parties, so Bamako does not bar it) lamps for recovery is prohibited by
    ban BEN-CONST-1990-29 (R4-national-import), high."""
    dec = assess("TGO", "BEN")
    assert dec.status == "prohibited" and dec.confidence == "high"
    assert "BEN-CONST-1990-29" in text(dec) and "R4-national-import" in dec.rule_ids


def test_benin_ban_starts_with_the_1990_constitution():
    """Same source: the ban dates from the Constitution of 11 December 1990. In June 1990 it does not
    apply (and Basel was not yet in force); in 1995, before Benin joined Bamako (1998) or Basel, the
    national ban alone prohibits Togo -> Benin."""
    assert "BEN-CONST-1990-29" not in text(assess("TGO", "BEN", as_of="1990-06-01"))
    dec = assess("TGO", "BEN", as_of="1995-06-01")
    assert dec.status == "prohibited" and "BEN-CONST-1990-29" in text(dec)


def test_benin_constitution_bars_transit():
    """Same Art 29 ('Le transit ... sur le territoire national des déchets toxiques ou polluants étrangers';
    Code pénal 2018 Art 852 punishes the transit of toxic wastes): a movement between two EU States routed through Benin is prohibited by
    BEN-CONST-1990-29-TRANSIT (R7-national-transit)."""
    dec = assess("DEU", "FRA", via=("BEN",))
    assert dec.status == "prohibited"
    assert [t.status for t in dec.transit] == ["prohibited"]
    assert "BEN-CONST-1990-29-TRANSIT" in dec.transit[0].reasons[0].ban_ids


def test_liberia_epml_section_55_is_cited_at_low_confidence():
    """Liberia, Environment Protection and Management Law (approved 26 Nov 2002, published 30 Apr 2003),
    s.55(1), which per the EPA of Liberia 'prohibits the illegal importation into Liberia of any hazardous
    waste or substance' (https://liberiapublicradio.com/2020/01/13/liberias-environmental-agency-returns-harmful-chemical-to-greece).
    Senegal -> Liberia in 2010 (before Liberia joined Bamako in 2017) is prohibited by LBR-EPML-2003-55-IMPORT
    alone, at low confidence (the section's text was not read); in 2001, before the Law, it is not cited."""
    dec = assess("SEN", "LBR", as_of="2010-06-01")
    assert dec.status == "prohibited" and dec.confidence == "low"
    assert "LBR-EPML-2003-55-IMPORT" in text(dec)
    assert "LBR-EPML-2003-55-IMPORT" not in text(assess("SEN", "LBR", as_of="2001-06-01"))


def test_liberia_transit_rules_stay_not_researched():
    """coverage.csv keeps Liberia 'not researched' (only the EPA's account of EPML s.55(1), an import
    provision, was read; its transit rules were not): a movement between two EU States through Liberia
    is not prohibited by a Liberian rule, and the answer names Liberia's transit rules as not researched."""
    dec = assess("DEU", "FRA", via=("LBR",))
    assert "R7-national-transit" not in dec.rule_ids
    assert any("Liberia" in u and "not researched" in u for u in dec.unknowns)


def test_senegal_2001_code_banned_hazardous_waste_imports_until_the_2023_code():
    """Senegal, Code de l'environnement (Loi n° 2001-01 du 15 janvier 2001) Art L39: 'Il est formellement
    interdit d'importer des déchets dangereux sur le territoire sénégalais' (FAOLEX text,
    https://faolex.fao.org/docs/pdf/sen34608.pdf, as quoted in a 4P-Index coding script; Basel fact sheet
    2002: 'Art. L39, which entered into force in 2001', http://muhaz.org/basel-convention.html?page=74).
    Benin -> Senegal (both Bamako Parties) is prohibited by SEN-CE-2001-L39-IMPORT in 2010; in 1999, before
    the Code, and in 2024, after its repeal by Loi n° 2023-15 (whose Art 80 exception for African imports
    with consent is not modelled), the ban does not apply and the movement needs consent."""
    dec = assess("BEN", "SEN", as_of="2010-06-01")
    assert dec.status == "prohibited" and "SEN-CE-2001-L39-IMPORT" in text(dec)
    for day in ("1999-06-01", "2024-06-01"):
        other = assess("BEN", "SEN", as_of=day)
        assert other.status == "permitted_with_consent" and "SEN-CE-2001-L39-IMPORT" not in text(other)
        # Senegal is researched since the twelfth pass (2023 Code Arts 80-81 read): no 'not researched' unknown.
        assert not any("Senegal" in u and "not researched" in u for u in other.unknowns)
