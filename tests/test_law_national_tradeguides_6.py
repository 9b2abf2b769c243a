"""National rules read in the fourteenth pass (issue #13, trade guides and WTO registers, law14b).

Each test asks the public API (``hgmap.law.assess``) about a movement that only the national rules of the
State under test decide, with the source in the docstring. Rows live in
``data/law/research/national_bans.csv`` and ``coverage.csv`` (notes / ``checked`` start "FOURTEENTH PASS
(law14b)"). Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, ban_ids, unknown_not_researched

DAY = "2025-06-01"

assess = assessor(op="recovery", as_of=DAY, stream="lamps")


def test_israel_e_waste_import_prohibition_is_flagged_and_israel_is_researched():
    """WTO quantitative-restrictions register, Israel #8629 v.2 (G/MA/QR/N/ISR/3, 11 Apr 2025, valid from
    30 Sep 2024, https://qr.wto.org/en/qrs/8629): 'Prohibition on the importation and exportation of
    electronic waste', legal basis Art 37(2) of the Environmental Treatment of Electrical and Electronic
    Equipment and Batteries Law 5772-2012, codes CP / CP-X (prohibition except under defined conditions),
    HS 85.49 'Waste of Batteries and electric or electronic waste'. The conditions were not read, so the row
    flags lamps and batteries. The Law came into force on 1 Mar 2014 (Jerusalem Post; Adam Teva V'Din), so
    the flag is absent in 2013. With the 1994 Hazardous Substances Regulations (ECOLEX abstract) Israel's
    import and export rules are now read: no 'not researched' unknown for Israel. Seventeenth pass: the Law's
    Hebrew text (guyfreund/israeli-law-graph @7e160ff) has no import prohibition (s.37(2) restricts exports),
    so the import flag's own confidence is low until the instrument behind the notification is found."""
    now = assess("TUR", "ISR")
    flag = next(r for r in now.reasons if "ISR-EEEB-2012-37-2-EWASTE-IMPORT" in r.ban_ids)
    assert flag.effect == "flags" and flag.confidence == "low"
    assert now.status == "permitted_with_consent"
    assert "ISR-EEEB-2012-37-2-EWASTE-IMPORT" in ban_ids(now)
    assert not unknown_not_researched(now, "Israel")
    assert "ISR-EEEB-2012-37-2-EWASTE-IMPORT" in ban_ids(assess("TUR", "ISR", stream="batteries"))
    before = assess("TUR", "ISR", as_of="2013-06-01")
    assert "ISR-EEEB-2012-37-2-EWASTE-IMPORT" not in ban_ids(before)
    # the flag does not reach streams outside e-waste
    assert not any(b.startswith("ISR-EEEB") for b in ban_ids(assess("TUR", "ISR", stream="elemental_mercury")))


def test_israel_e_waste_export_prohibition_flags_lamps_leaving_israel():
    """Same WTO register entry (#8629, CP-X: exports prohibited except under defined conditions). Israel ->
    Republic of Korea lamps for recovery (OECD members, Basel Parties) stays permitted with consent but
    carries the Israeli export flag after 2014 and not before; elemental mercury is not flagged."""
    now = assess("ISR", "KOR")
    assert now.status == "permitted_with_consent"
    assert "ISR-EEEB-2012-37-2-EWASTE-EXPORT" in ban_ids(now)
    assert "ISR-EEEB-2012-37-2-EWASTE-EXPORT" not in ban_ids(assess("ISR", "KOR", as_of="2013-06-01"))
    assert "ISR-EEEB-2012-37-2-EWASTE-EXPORT" not in ban_ids(assess("ISR", "KOR", stream="elemental_mercury"))


def test_israel_disposal_imports_stay_prohibited():
    """The 1994 Regulations (ECOLEX LEX-FAOC178821: 'A permit may not be issued for the import or export of
    hazardous waste for purposes of disposal') still decide disposal movements into Israel."""
    dec = assess("TUR", "ISR", op="disposal")
    assert dec.status == "prohibited"
    assert "ISR-HSR-1994-IMPORT-DISPOSAL" in ban_ids(dec)


def test_bahrain_waste_import_prohibition_is_flagged_but_bahrain_stays_not_researched():
    """WTO Trade Policy Review of Bahrain, WT/TPR/S/419/Rev.1 (2021), Table 3.8 'Prohibited imports, 2021':
    'HS code: Numerous; Product description: Waste; ... Institution: Supreme Council for Environment' (tariff
    lines in G/MA/QR/N/BHR/1/Rev.1 of 10 Mar 2021, not read; https://edb.wto.org/search?page=501&type=tpr).
    The reach of the item is unsettled (plastic waste certainly, SCE Order No. 2 of 2019), so the row flags
    every stream at low confidence and Saudi Arabia -> Bahrain lamps for recovery stays permitted with
    consent, flagged, with Bahrain still named as 'not researched' (Law 7/2022's waste articles unread)."""
    dec = assess("SAU", "BHR")
    assert dec.status == "permitted_with_consent"
    assert "BHR-WTO-TPR-2021-WASTE-IMPORT" in ban_ids(dec)
    assert dec.confidence != "high"
    assert unknown_not_researched(dec, "Bahrain")
    # an export from Bahrain is not touched by an import item
    assert "BHR-WTO-TPR-2021-WASTE-IMPORT" not in ban_ids(assess("BHR", "SAU"))
