"""National waste-import and transit bans, ninth pass (issue #13): the Americas and the Middle East.

Each test checks one researched State's rows (``data/law/research/national_bans.csv``,
``coverage.csv``) through the public API, with the source in its docstring. Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, decision_text

DAY = "2025-06-01"


assess = assessor(op="recovery", as_of=DAY)


text = decision_text


def test_nicaragua_bans_hazardous_waste_imports_even_from_caa_parties():
    """Central America. MARENA: 'la Asamblea Nacional de Nicaragua aprobó la Ley N°168, Ley Que Prohíbe el
    Trafico de Desechos Peligrosos y Sustancias Tóxicas, Gaceta 102 del 02 de junio de 1994', and Ley 217 (1996)
    has articles 'que prohíben la importación de desechos peligrosos'
    (https://deploy.studylib.es/doc/137093/direcci%C3%B3n-general-de-calidad-ambiental); WTO QR #749
    'Prohibición a la importación ... de residuos y desechos peligrosos' (https://qr.wto.org/fr/qrs/749/9461).
    Guatemala -> Nicaragua (both CAA Parties, so the CAA does not bar it) is prohibited by
    NIC-LEY-168-1994-IMPORT; in 1993, before Ley 168, that ban is not cited."""
    dec = assess("GTM", "NIC")
    assert dec.status == "prohibited" and "NIC-LEY-168-1994-IMPORT" in text(dec)
    assert "R4-national-import" in dec.rule_ids
    assert "NIC-LEY-168-1994-IMPORT" not in text(assess("GTM", "NIC", as_of="1993-06-01"))


def test_nicaragua_export_is_not_banned():
    """Central America. Ley 217 (1996) 'podrá autorizar la exportación cuando no existan procedimientos
    adecuados en Nicaragua ... requiriendo de previo el Consentimiento expreso del país receptor' (MARENA,
    https://deploy.studylib.es/doc/137093/direcci%C3%B3n-general-de-calidad-ambiental): Nicaragua's import ban
    does not stop Nicaragua -> Guatemala."""
    assert "NIC-LEY-168-1994-IMPORT" not in text(assess("NIC", "GTM"))


def test_el_salvador_bans_hazardous_waste_imports_from_1998():
    """Central America. Basel Country Fact Sheet for El Salvador (status 20.11.2002): 'Article 59 of the
    Environment Act prohibits the introduction of hazardous wastes into the national territory, as well as
    their transit, release or storage' (http://muhaz.org/basel-convention.html?page=31); Ley del Medio
    Ambiente, Decreto 233, D.O. 79 of 4 May 1998. Guatemala -> El Salvador is prohibited in 2025; in 1997, before
    the law was published, SLV-LMA-233-1998-59-IMPORT is not cited."""
    dec = assess("GTM", "SLV")
    assert dec.status == "prohibited" and "SLV-LMA-233-1998-59-IMPORT" in text(dec)
    assert "SLV-LMA-233-1998-59-IMPORT" not in text(assess("GTM", "SLV", as_of="1997-06-01"))


def test_el_salvador_export_is_not_banned():
    """Same fact sheet: 'El Salvador has no restrictions on the export of hazardous wastes and other wastes
    for final disposal' (http://muhaz.org/basel-convention.html?page=31): El Salvador -> Guatemala is not
    prohibited by a Salvadoran rule."""
    dec = assess("SLV", "GTM")
    assert not any(r.rule_id.startswith("R4-national") and "SLV" in r.detail for r in dec.reasons)
    assert "SLV-LMA-233-1998-59-IMPORT" not in text(dec)


def test_palestine_bans_hazardous_waste_imports():
    """Middle East. Environment Quality Authority: 'المادة 13 من قانون رقم 7 لسنة 1999 بشأن البيئة تنص على حظر
    استيراد النفايات الخطرة إلى الأراضي الفلسطينية' (https://environment.ps/, statement on a seized Israeli waste
    truck; same statement dated 6 Feb 2015 at https://www.prealmedia.com/ar/printPost/612). Jordan -> Palestine is
    prohibited by PSE-LAW-7-1999-13-IMPORT; in 1998, before the 1999 law, it is not cited."""
    dec = assess("JOR", "PSE")
    assert dec.status == "prohibited" and "PSE-LAW-7-1999-13-IMPORT" in text(dec)
    assert "PSE-LAW-7-1999-13-IMPORT" not in text(assess("JOR", "PSE", as_of="1998-06-01"))


def test_costa_rica_article_39_text_is_cited_and_still_flagged():
    """Central America. SCIJ, Ley 8839 Art 39 (ex 34): 'Prohíbese la importación y el movimiento
    transfronterizo por el territorio nacional de residuos peligrosos, radioactivos y bioinfecciosos'
    (http://www.pgrweb.go.cr/scij/, NRA 68300). The Ministry of Health authorises imports in practice, so the
    rows flag every stream: Guatemala -> Costa Rica cites CRI-LEY-8839-39-IMPORT, is not prohibited by it, and
    stays below high confidence."""
    dec = assess("GTM", "CRI")
    assert "CRI-LEY-8839-39-IMPORT" in text(dec)
    assert dec.status != "prohibited" and dec.confidence != "high"


def test_kuwait_and_saudi_arabia_are_researched_licence_regimes():
    """Middle East. Kuwait, Law 42/2014: only nuclear wastes are banned outright (Art 25); hazardous-waste
    movements need a licence and EPA approval (KUNA via http://estidamh.com/; Resolution 6/2017, FAOLEX
    summary at https://leap.unep.org/en/countries/kw/national-legislation/resolution-no6-2017-regarding-executive-regulations-management).
    Saudi Arabia, Waste Management Law: import of hazardous waste prohibited 'دون الحصول على رخصة من المركز'
    (without a licence from the Centre; https://yementime.net/news23071.html). Both are researched, so a
    permission to them carries no 'not researched' unknown for their national rules."""
    for dest, name in (("KWT", "Kuwait"), ("SAU", "Saudi Arabia")):
        dec = assess("JOR", dest)
        assert dec.status != "prohibited"
        assert not any(name in u and "not researched" in u for u in dec.unknowns)


def test_saint_kitts_and_nevis_bans_waste_imports():
    """Caribbean (SIDS). Solid Waste Management Act No. 11 of 2009, '29. Prohibition on the importation of
    waste'; the 2018 Minamata Initial Assessment: 'Section 29(2) makes it an offence to import hazardous waste'
    (https://minamataconvention.org/sites/default/files/documents/minamata_initial_assessment/Saint-Kitts-and-Nevis-MIA-2018.pdf).
    Jamaica -> Saint Kitts and Nevis is prohibited in 2025 by KNA-SWMA-11-2009-29-IMPORT; in 2005, before the
    2009 Act, that ban is not cited."""
    dec = assess("JAM", "KNA")
    assert dec.status == "prohibited" and "KNA-SWMA-11-2009-29-IMPORT" in text(dec)
    assert "KNA-SWMA-11-2009-29-IMPORT" not in text(assess("JAM", "KNA", as_of="2005-06-01"))


def test_grenada_bans_waste_imports():
    """Caribbean (SIDS). Waste Management Act 2001 (Cap. 334A), FAOLEX abstract: 'Importation of waste in
    Grenada is prohibited' (https://www.ecolex.org/details/legislation/waste-management-act-cap-334a-lex-faoc206408/).
    Jamaica -> Grenada is prohibited by GRD-WMA-2001-IMPORT; in 2000 it is not cited."""
    dec = assess("JAM", "GRD")
    assert dec.status == "prohibited" and "GRD-WMA-2001-IMPORT" in text(dec)
    assert "GRD-WMA-2001-IMPORT" not in text(assess("JAM", "GRD", as_of="2000-06-01"))


def test_saint_vincent_import_prohibition_is_low_confidence():
    """Caribbean (SIDS). Waste Management Act No. 31 of 2000 (Cap. 419): only the heading '33. Prohibition on
    importation of wastes' was read (https://scribd.com/document/550717574/CCap-419-National-Solid-Waste-Management-Act),
    not the section or its commencement: Jamaica -> Saint Vincent is prohibited, but only at low confidence."""
    dec = assess("JAM", "VCT")
    assert dec.status == "prohibited" and dec.confidence == "low" and "VCT-WMA-31-2000-33-IMPORT" in text(dec)


def test_iran_is_a_researched_basel_permit_regime():
    """Middle East. Iran, Waste Management Law of 9 May 2004 Art 14 and the Department of Environment's
    procedure for importing special wastes to licensed recycling units under the Basel Convention
    (https://eplonline.ir/); Cabinet regulation on import, export and transit of wastes of 23 Feb 2022
    (https://dotic.ir/news/11613). No ban: Jordan -> Iran is permitted with consent, with no 'not researched'
    unknown for Iran."""
    dec = assess("JOR", "IRN")
    assert dec.status == "permitted_with_consent"
    assert not any("Iran" in u and "not researched" in u for u in dec.unknowns)
