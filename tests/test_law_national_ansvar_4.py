"""National rules read in the twelfth pass (issue #13, ansvar, law11).

Full statutes held as JSON/HTML in the ``Ansvar-Systems/<country>-law-mcp`` GitHub repositories,
which reproduce the official portals (UAE Ministry of Justice, Qatar's Al Meezan, FAOLEX). Each
test asks the public API (``hgmap.law.assess``) about a movement that only the national measure
decides, with the measure's source in the docstring. Rows live in
``data/law/research/national_bans.csv`` and ``coverage.csv`` (notes start "TWELFTH PASS (law11)").
Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, ban_ids, decision_text

DAY = "2025-06-01"
ARE_BAN = "ARE-FL-24-1999-62-1-IMPORT"
QAT_BAN = "QAT-DL-30-2002-24-IMPORT"
QAT_TRANSIT = "QAT-DL-30-2002-24-TRANSIT"


assess = assessor(op="recovery", as_of=DAY, stream="elemental_mercury")
text = decision_text


def test_uae_prohibits_imports_of_hazardous_wastes():
    """UAE Federal Law No. 24 of 1999, Art 62(1): 'يحظر على أية جهة عامة أو خاصة أو أي شخص طبيعي
    أو اعتباري استيراد أو جلب نفايات خطرة ...' (elaws.moj.gov.ae S-AL1_2_52736, read in
    https://github.com/Ansvar-Systems/uae-law-mcp/blob/6cb9e04f0789bcde6b6b0f2738f86b582571a457/data/source/fl-24-1999.html).
    India -> UAE elemental mercury for recovery is prohibited by the UAE's own ban."""
    dec = assess("IND", "ARE")
    assert dec.status == "prohibited" and dec.rule_ids == ("R4-national-import",)
    assert dec.confidence == "high" and ARE_BAN in ban_ids(dec)


def test_uae_ban_starts_with_the_1999_law():
    """Signed 17 Oct 1999, in force three months after publication in Official Gazette No. 340 (Art 101):
    not before 17 Jan 2000. In mid-1999 the row does not apply; in 2001 (before the implementing
    regulations of 9 Dec 2001) the answer is prohibited at low confidence, start 'not established'."""
    before = assess("IND", "ARE", as_of="1999-06-01")
    assert before.status != "prohibited" and ARE_BAN not in ban_ids(before)
    edge = assess("IND", "ARE", as_of="2001-01-01")
    assert edge.status == "prohibited" and edge.confidence == "low"
    assert any(ARE_BAN in u and "not established" in u for u in edge.unknowns)


def test_uae_import_ban_does_not_bind_uae_exports():
    """Art 62 governs imports and the passage of carriers (by the Agency's written permit, Art 62(3));
    it has no export rule. UAE -> India is not stopped by the UAE import row."""
    dec = assess("ARE", "IND")
    assert dec.status != "prohibited" and ARE_BAN not in text(dec)


def test_qatar_prohibits_imports_of_hazardous_wastes():
    """Qatar, Environment Protection Law (Decree-Law No. 30 of 2002), Art 24: 'يحظر استيراد النفايات
    الخطرة أو السماح بدخولها أو مرورها ...' (Al Meezan LawID=4114, read in
    https://github.com/Ansvar-Systems/Qatari-law-mcp/blob/02ab857c6edfe0a22451555759f3c1226028e893/data/seed/03344-qa-law-4114.json).
    India -> Qatar lamps for disposal is prohibited by Qatar's own ban; the start is bounded 2002-2005, so
    in 2001 the row does not apply."""
    dec = assess("IND", "QAT", stream="lamps", op="disposal")
    assert dec.status == "prohibited" and QAT_BAN in ban_ids(dec)
    assert dec.confidence == "high"
    before = assess("IND", "QAT", as_of="2001-06-01")
    assert QAT_BAN not in ban_ids(before)


def test_qatar_bars_passage_of_hazardous_wastes():
    """Same Art 24: allowing the passage ('مرورها') of hazardous wastes in the State is prohibited (ships in
    the territorial sea or EEZ only by permit; read as land transit). A movement between two EU States
    routed through Qatar is prohibited by QAT-DL-30-2002-24-TRANSIT (R7-national-transit); Qatar's own
    exports (Executive Regulation Art 39: by the Council's approval) are not."""
    dec = assess("DEU", "FRA", via=("QAT",))
    assert dec.status == "prohibited"
    assert [t.status for t in dec.transit] == ["prohibited"]
    assert QAT_TRANSIT in dec.transit[0].reasons[0].ban_ids
    out = assess("QAT", "IND")
    assert out.status != "prohibited" and QAT_BAN not in ban_ids(out)


LSO_BAN = "LSO-EA-2008-77-1-IMPORT"


def test_lesotho_prohibits_imports_of_hazardous_waste_from_june_2009():
    """Lesotho, Environment Act 2008 s.77(1): 'No person shall import into Lesotho any hazardous waste or
    substances' (LesLII https://lesotholii.org/akn/ls/act/2008/10/eng@2008-12-05, read in
    https://github.com/Ansvar-Systems/Lesotho-law-mcp/blob/64ceb83554ebb3dd01ff45b3988aa8d048c1584d/data/seed/environment-act-2008-10.json);
    commenced 16 Jun 2009 (Environment Act (Commencement) Notice 2009, per LesLII). South Africa ->
    Lesotho mercury for recovery is prohibited in 2025 by Lesotho's ban and not by it in January 2009."""
    dec = assess("ZAF", "LSO")
    assert dec.status == "prohibited" and dec.rule_ids == ("R4-national-import",)
    assert dec.confidence == "high" and LSO_BAN in ban_ids(dec)
    before = assess("ZAF", "LSO", as_of="2009-01-01")
    assert before.status != "prohibited" and LSO_BAN not in ban_ids(before)


def test_lesotho_exports_need_a_licence_not_a_ban():
    """s.77(2)-(3): exports of hazardous waste need the Director's licence and the receiving country's
    written confirmation; no export ban. Lesotho -> South Africa is not stopped by the import row."""
    dec = assess("LSO", "ZAF")
    assert dec.status != "prohibited" and LSO_BAN not in ban_ids(dec)


DNK_BAN = "DNK-BEK-1618-2010-10-IMPORT-DISPOSAL"


def test_denmark_prohibits_imports_of_waste_for_disposal():
    """Denmark, import-/eksportbekendtgørelsen BEK 1365/2024 § 12(1) (§ 10 of BEK 1618/2010, in force
    1 Jan 2011): 'Det er forbudt at overføre affald til bortskaffelse i Danmark' (Retsinformation, read in
    https://github.com/Ansvar-Systems/Danish-law-mcp/blob/7b40cb9c438a5b7267259d8b7ff0af3501a5cbc1/data/seed/2024_1365.json).
    Germany -> Denmark mercury for disposal is prohibited by the Danish row (medium: the D10-incineration
    and small-quantity exceptions are not modelled); for recovery it is not."""
    dec = assess("DEU", "DNK", op="disposal")
    assert dec.status == "prohibited" and dec.rule_ids == ("R4-national-import",)
    assert dec.confidence == "medium" and DNK_BAN in ban_ids(dec)
    rec = assess("DEU", "DNK", op="recovery")
    assert rec.status != "prohibited" and DNK_BAN not in ban_ids(rec)


def test_denmark_disposal_import_ban_starts_in_2011():
    """BEK 1618/2010 § 15: in force 1 Jan 2011 (the 2007 order it replaced was not read, so no earlier start
    is recorded). In 2010 the row does not apply."""
    dec = assess("DEU", "DNK", op="disposal", as_of="2010-06-01")
    assert DNK_BAN not in ban_ids(dec) and dec.status != "prohibited"


LVA_BAN = "LVA-AAL-42-2-IMPORT-DISPOSAL"


def test_latvia_prohibits_imports_of_waste_for_disposal():
    """Latvia, Waste Management Law Art 42(2): 'Latvijas teritorijā aizliegts ievest atkritumus apglabāšanai
    ... vai ilgstošai uzglabāšanai' (likumi.lv consolidated text, read in
    https://github.com/Ansvar-Systems/Latvian-law-mcp/blob/3244441a4305f5e0fa64c85fb46c6e81f14304a8/data/seed/law-221378-atkritumu-apsaimniekosanas-likums.json).
    Lithuania -> Latvia mercury for disposal is prohibited in 2026 (high); in 2015 the start is not
    established (bounded 2010-2026: low, named); for recovery the row does not apply."""
    dec = assess("LTU", "LVA", op="disposal", as_of="2026-06-01")
    assert dec.status == "prohibited" and dec.confidence == "high" and LVA_BAN in ban_ids(dec)
    mid = assess("LTU", "LVA", op="disposal", as_of="2015-06-01")
    assert mid.status == "prohibited" and mid.confidence == "low"
    assert any(LVA_BAN in u and "not established" in u for u in mid.unknowns)
    rec = assess("LTU", "LVA", op="recovery", as_of="2026-06-01")
    assert LVA_BAN not in ban_ids(rec)


BGR_BAN = "BGR-ZUO-2012-98-1-IMPORT-DISPOSAL"


def test_bulgaria_prohibits_shipments_of_waste_for_disposal_into_bulgaria():
    """Bulgaria, Waste Management Act 2012 Art 98(1): 'Забраняват се превозите на отпадъци за Република
    България, предназначени за обезвреждане' (parliament.bg ID 13631, read in
    https://github.com/Ansvar-Systems/Bulgarian-law-mcp/blob/300e369286cd44a657bd27d8e1f4e78e46cc35c2/data/seed/0456-act-13631.json);
    adopted 28 Jun 2012, in force on publication (by 13 Jul 2012). Romania -> Bulgaria mercury for disposal
    is prohibited in 2025 (medium: consolidated text not read); in 2011 the row does not apply; recovery is
    not caught."""
    dec = assess("ROU", "BGR", op="disposal")
    assert dec.status == "prohibited" and BGR_BAN in ban_ids(dec) and dec.confidence == "medium"
    assert BGR_BAN not in ban_ids(assess("ROU", "BGR", op="disposal", as_of="2011-06-01"))
    assert BGR_BAN not in ban_ids(assess("ROU", "BGR", op="recovery"))
