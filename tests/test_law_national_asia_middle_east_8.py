"""National rules read in the sixteenth pass (issue #13, Central and South Asia and the Middle East, law16b).

No code of this pass reached 'researched' and no ban row was added: the texts that decide the open
directions (Kazakhstan's 2021 Code Art 346 beyond para 3, Bahrain's Law 7/2022, Oman's Decision 51/2023
Regulation, Jordan's 2005/2022 Regulations, Iraq's Law 27/2009 Art 20) were not reached. These tests pin what
the coverage rows appended in this pass say (``data/law/research/coverage.csv``, ``checked`` starting
"SIXTEENTH PASS (law16b)") and that the gaps still show in answers, through the public API
(``hgmap.law.assess``, ``hgmap.law.load_tables``). Not legal advice.
"""

from __future__ import annotations

from hgmap import law

from ._law import assessor, ban_ids, unknown_not_researched

DAY = "2025-06-01"

assess = assessor(op="recovery", as_of=DAY, stream="lamps")


def test_kazakhstan_burial_import_ban_applies_in_2019_not_under_the_2021_code():
    """Kazakhstan's 2007 Ecological Code Art 288(4) as consolidated to 25 Jun 2020 prohibits 'Ввоз отходов с
    целью захоронения и обезвреживания' (row KAZ-EC-2007-288-4-IMPORT-DISPOSAL, eleventh pass). The Kazakh
    text read in this pass (continent-online.com doc_id=31122785 page 22, a version after Law 505-IV of
    3 Dec 2011) still had the older para 4, 'only by decision of the Government' - the ban came later, inside
    the row's start window. Uzbekistan -> Kazakhstan lamps for disposal: prohibited in 2019 by the row; in 2023
    (2021 Code, Art 346 beyond para 3 unread) the row no longer applies and Kazakhstan stays 'not
    researched'."""
    in_2019 = assess("UZB", "KAZ", op="disposal", as_of="2019-06-01")
    assert in_2019.status == "prohibited"
    assert "KAZ-EC-2007-288-4-IMPORT-DISPOSAL" in ban_ids(in_2019)
    in_2023 = assess("UZB", "KAZ", op="disposal", as_of="2023-06-01")
    assert "KAZ-EC-2007-288-4-IMPORT-DISPOSAL" not in ban_ids(in_2023)
    # seventeenth pass (law18b): the 2021 Code's Art 346(9) was read and bans the same imports
    assert "KAZ-EC-2021-346-9-IMPORT-DISPOSAL" in ban_ids(in_2023)


def test_bahrain_and_oman_flags_stay_flags():
    """Bahrain: WTO TPR WT/TPR/S/419/Rev.1 para 3.41 (qr.wto.org profile) names 'the import of waste, parings
    and scrap of plastic through the Supreme Council for Environment Order No. 2 of 2019' as the new waste
    prohibition, so the Table 3.8 'Waste' item most likely means plastic waste; its tariff lines were not read
    and the flag is not turned into a ban: Saudi Arabia -> Bahrain elemental mercury for recovery stays
    permitted with consent, flagged, not high, Bahrain 'not researched'. Oman: the Environment Authority's
    notice of 2 Jan 2025 (@ea_oman, quoted by pravasidaily.com) extends the halt on export licences for 'some
    types of waste' without naming battery types, so Oman -> India batteries for recovery stays permitted
    with consent and carries the flag; lamps are untouched."""
    bhr = assess("SAU", "BHR", stream="elemental_mercury")
    assert bhr.status == "permitted_with_consent"
    assert "BHR-WTO-TPR-2021-WASTE-IMPORT" in ban_ids(bhr)
    assert bhr.confidence != "high"
    assert unknown_not_researched(bhr, "Bahrain")
    omn = assess("OMN", "IND", stream="batteries", as_of="2026-06-01")
    assert omn.status == "permitted_with_consent"
    assert "OMN-EA-2025-USED-BATTERIES-EXPORT-SUSPENSION" in ban_ids(omn)
    assert "OMN-EA-2025-USED-BATTERIES-EXPORT-SUSPENSION" not in ban_ids(
        assess("OMN", "IND", as_of="2026-06-01"))
    assert unknown_not_researched(assess("SAU", "OMN"), "Oman")


def test_jordan_1999_import_row_still_decides_and_jordan_stays_not_researched():
    """Jordan: a Minister of Environment's statement (al-Sijill weekly, issue 8: Jordan 'has never received any
    kind of hazardous waste from abroad' and any request 'will be refused') and the 2022 amending Regulation's
    stated aim (marayanews.com) are practice and purpose, not the text; the 1999 Regulation 43 Art 8(a) row
    (low) still decides Saudi Arabia -> Jordan lamps for recovery: prohibited, low."""
    tables = law.load_tables()
    assert not tables.researched("JOR")
    dec = assess("SAU", "JOR")
    assert dec.status == "prohibited"
    assert "JOR-REG-43-1999-8" in ban_ids(dec)
    assert dec.confidence == "low"


def test_codes_tried_without_a_text_name_the_gap():
    """Tajikistan, Armenia, Afghanistan, Bhutan, the DPRK and Yemen: the sixteenth pass reached no text that
    says what their law does with hazardous-waste imports (Afghanistan's Environment Law 2007 Art 33 'Import,
    export and trade in waste' only as a heading on afghan-web.com; Bhutan's 2012 Regulation 'provides for the
    import and export of waste' per ILO NATLEX; customs and Global Hand sheets list no waste item), so a
    movement into each still names it as 'not researched' and keeps below high confidence."""
    for origin, dest, name in (("KAZ", "TJK", "Tajikistan"), ("GEO", "ARM", "Armenia"),
                               ("PAK", "AFG", "Afghanistan"), ("IND", "BTN", "Bhutan"),
                               ("CHN", "PRK", "Korea"), ("SAU", "YEM", "Yemen")):
        dec = assess(origin, dest)
        assert unknown_not_researched(dec, name), dest
        assert dec.confidence != "high", dest


def test_kazakhstan_disposal_import_ban_starts_after_the_2011_amendment():
    """Kazakhstan's Ecological Code 2007 Art 288(4) in a version carrying the amendment notes of Law
    No. 505-IV of 3 Dec 2011 (https://continent-online.com/document/?doc_id=31122785&mode=p&page=22)
    lets wastes in for processing, burial or storage 'only by decision of the Government': a regime,
    not a ban; the ban on imports for burial (KAZ-EC-2007-288-4-IMPORT-DISPOSAL, consolidated text of
    2020) came later, so its start window is 2011-12-03 .. 2018-01-01. Uzbekistan -> Kazakhstan lamps
    for disposal: not barred by it in 2010, barred in 2019 (after the window)."""
    from hgmap.law import assess

    kaz = "KAZ-EC-2007-288-4-IMPORT-DISPOSAL"
    assert kaz not in ban_ids(assess("UZB", "KAZ", "lamps", "disposal", as_of="2010-06-01"))
    assert kaz in ban_ids(assess("UZB", "KAZ", "lamps", "disposal", as_of="2019-06-01"))
