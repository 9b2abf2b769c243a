"""National law of territories (issue #13, tenth pass, territories, law9a).

Each test asks the public API (``hgmap.law.assess``) about a movement that only the
territory's own law (or the sovereign law extending to it) decides, with the source in
the docstring. Rows live in ``data/law/research/national_bans.csv`` and ``coverage.csv``
(notes start "TENTH PASS (law9a)"). Not legal advice.
"""

from __future__ import annotations

from hgmap import law

from ._law import assessor, decision_text

DAY = "2025-06-01"


assess = assessor(op="recovery", as_of=DAY)


text = decision_text


def test_greenland_bans_imports_of_hazardous_waste():
    """Greenland, Inatsisartutlov nr. 9 af 22. november 2011 om beskyttelse af miljøet § 38 as
    worded by Inatsisartutlov nr. 16 af 1. december 2021: 'Det er forbudt at importere affald til
    Grønland ... Der kan ikke gives tilladelse til ... import af farligt affald'
    (https://nalunaarutit.gl/groenlandsk-lovgivning/2021/l-16-2021?sc_lang=da). USA -> Greenland
    lamps for recovery is prohibited by GRL-IL-9-2011-38-IMPORT in 2025; in 2020, before the
    amending act (the earlier wording was not read), it is not."""
    dec = assess("USA", "GRL")
    assert dec.status == "prohibited" and "R4-national-import" in dec.rule_ids
    assert "GRL-IL-9-2011-38-IMPORT" in text(dec)
    before = assess("USA", "GRL", as_of="2020-06-01")
    assert before.status != "prohibited" and "GRL-IL-9-2011-38-IMPORT" not in text(before)


def test_greenland_import_ban_start_is_said_to_be_unknown():
    """The 2021 act's commencement clause was not read: between its date (2021-12-01) and the
    date the text was read, hgmap prohibits at low confidence and names the unknown start."""
    dec = assess("USA", "GRL")
    assert dec.confidence == "low"
    assert any("GRL-IL-9-2011-38-IMPORT" in u and "not established" in u for u in dec.unknowns)


def test_greenland_exports_only_to_basel_parties():
    """Same § 38, stk. 3: 'Eksport af affald må kun ske til lande omfattet af Baselkonventionen'
    (https://nalunaarutit.gl/groenlandsk-lovgivning/2021/l-16-2021?sc_lang=da). Greenland -> the
    USA (not a Basel Party) is prohibited by GRL-IL-9-2011-38-3-EXPORT; Greenland -> Iceland (a
    Party) is not caught by it."""
    dec = assess("GRL", "USA")
    assert dec.status == "prohibited" and "R4-national-export" in dec.rule_ids
    assert "GRL-IL-9-2011-38-3-EXPORT" in text(dec)
    isl = assess("GRL", "ISL")
    assert isl.status == "permitted_with_consent" and "GRL-IL-9-2011-38-3-EXPORT" not in text(isl)


def test_macao_prohibits_mercury_exports_from_december_2020():
    """Macao, Despacho do Chefe do Executivo 231/2020 (Lei 7/2003 Art 5(1)): 'proíbe ... a
    importação, o trânsito e a exportação de mercúrio e de ligas de mercúrio ... entrará em vigor
    a 24 de Dezembro de 2020' (https://gov.mo/pt/noticias/246983). Macao -> Japan elemental
    mercury for disposal is prohibited by MAC-DESCE-231-2020-HG-EXPORT in 2025, not in 2019."""
    dec = assess("MAC", "JPN", stream="elemental_mercury", op="disposal")
    assert dec.status == "prohibited" and "R4-national-export" in dec.rule_ids
    assert "MAC-DESCE-231-2020-HG-EXPORT" in text(dec)
    before = assess("MAC", "JPN", stream="elemental_mercury", op="disposal", as_of="2019-06-01")
    assert before.status == "permitted_with_consent"
    assert "MAC-DESCE-231-2020-HG-EXPORT" not in text(before)


def test_macao_mercury_added_product_ban_only_flags_waste_lamps():
    """Macao, Despacho do Chefe do Executivo 109/2025: 'São proibidos a importação, a exportação e
    o trânsito dos seguintes produtos com mercúrio adicionado ... Lâmpadas fluorescentes
    compactas' (https://bo.io.gov.mo/bo/i/2025/24/despce.asp?printer=1). Whether the product ban
    reaches spent lamps is not established: Macao -> Japan lamps is not prohibited, the decision
    flags the ban and is at most medium."""
    dec = assess("MAC", "JPN", as_of="2025-07-01")
    assert dec.status == "permitted_with_consent" and dec.confidence != "high"
    flags = dec.reasons_of("stream_scope")
    assert any("MAC-DESCE-109-2025-HG-PRODUCTS-EXPORT" in r.ban_ids for r in flags)


def test_gibraltar_applies_the_waste_shipment_regulation_export_bans():
    """Gibraltar's Environmental Agency: 'European Regulation (EC) 1013 / 2006 establishes two
    procedures ... controlling the import to, or export from, Gibraltar of waste material'
    (http://environmental-agency.gi/export-of-wastes); Gibraltar publishes the Regulation as it
    applies there (https://gibraltarlaws.gov.gi/legislations/regulation-ec-no-10132006-5519).
    Until 2020-12-31 EU law itself applied in Gibraltar (TFEU Art 355(3),
    https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016E355): the EU rules decide;
    from 2021-01-01 Gibraltar's retained Regulation does. Art 36: hazardous waste for recovery
    to a non-OECD country (India) is prohibited, to Japan (OECD) it is not; Art 34: disposal to
    Morocco is prohibited."""
    eu = assess("GIB", "IND", as_of="2015-06-01")
    assert eu.status == "prohibited" and "R9-wsr-recovery" in eu.rule_ids and "GIB-WSR-36" not in text(eu)
    dec = assess("GIB", "IND", as_of="2022-06-01")
    assert dec.status == "prohibited" and "GIB-WSR-36" in text(dec)
    jpn = assess("GIB", "JPN", as_of="2022-06-01")
    assert jpn.status == "permitted_with_consent" and "GIB-WSR-36" not in text(jpn)
    early = assess("GIB", "MAR", op="disposal", as_of="2015-06-01")
    assert early.status == "prohibited" and "R9-wsr-disposal" in early.rule_ids and "GIB-WSR-34" not in text(early)
    late = assess("GIB", "MAR", op="disposal")
    assert late.status == "prohibited" and "GIB-WSR-34" in text(late)


def test_territories_governed_by_their_sovereigns_statute_are_researched():
    """RCRA s.1004(31) (42 U.S.C. 6903(31)) defines 'State' to include Puerto Rico, Guam, the Virgin
    Islands, American Samoa and the CNMI (quoted in 40 CFR 272.1,
    http://www.law.cornell.edu/cfr/text/40/282.1); the Australian Hazardous Waste (Regulation of
    Exports and Imports) Act 1989 s.9 extends the Act to the external Territories
    (https://www.legislation.gov.au/C2004A03937/asmade/1990-01-17/text/original/epub/OEBPS/document_1/document_1.html);
    the French Code de l'environnement Art L541-40 I subjects shipments to Reg (EC) 1013/2006,
    which applies in Guadeloupe (TFEU Art 349). Imports into these territories no longer carry the
    'national rules not researched' unknown that an unresearched destination (Turkmenistan) does."""
    for dest in ("PRI", "GUM", "NFK", "CXR", "GLP", "NCL", "GRL"):
        dec = assess("JPN", dest)
        assert not any("not researched" in u for u in dec.unknowns), dest
    tkm = assess("JPN", "TKM")
    assert any("not researched" in u for u in tkm.unknowns)


def test_a_territorys_own_ban_reaches_waste_from_its_sovereign():
    """Basel Art 2(3) makes Mainland China -> Hong Kong a movement within one State, but Hong
    Kong's own law controls waste from the Mainland like any import: the Waste Disposal
    Ordinance prohibits disposing of imported waste in Hong Kong (EPD guide,
    https://epd.gov.hk/epd/english/environmentinhk/waste/guide_ref/guide_wiec_tcs2.html).
    The answer is prohibited by Hong Kong's ban, with the same-State reason kept. A State's
    own ban does not reach its territories' movements (Mainland China's ban is held by
    '=CHN'), and recovery, which Hong Kong does not ban from non-Annex VII States, stays
    domestic."""
    dis = law.assess("CHN", "HKG", "lamps", "disposal")
    assert dis.status == "prohibited" and "HKG-WDO-IMPORTED-WASTE-DISPOSAL" in text(dis)
    assert any(r.rule_id == "R0-same-state" for r in dis.reasons)
    assert law.assess("CHN", "HKG", "lamps", "recovery").status == "domestic"
    # Greenland's Environment Act s.38 (2021 wording) bars hazardous-waste imports, from Denmark too.
    grl = law.assess("DNK", "GRL", "lamps", "recovery")
    assert grl.status == "prohibited" and "GRL-IL-9-2011-38-IMPORT" in text(grl)
