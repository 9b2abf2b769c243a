"""National rules read in the seventeenth pass (issue #13, Asia, Middle East and Europe, law18b).

Each test pins a row appended in this pass to ``data/law/research/national_bans.csv`` or
``coverage.csv`` (notes / ``checked`` starting "SEVENTEENTH PASS (law18b)") through the public API
(``hgmap.law.assess``, ``hgmap.law.load_tables``), with the source in its docstring. Not legal advice.
"""

from __future__ import annotations

from hgmap import law

from ._law import assessor, ban_ids, unknown_not_researched

DAY = "2025-06-01"

assess = assessor(op="disposal", as_of=DAY, stream="lamps")

KAZ_2021 = "KAZ-EC-2021-346-9-IMPORT-DISPOSAL"


def test_kazakhstan_2021_code_bans_hazardous_waste_imports_for_disposal():
    """Kazakhstan's Ecological Code No. 400-VI of 2 Jan 2021, Art 346(9): 'Ввоз на территорию Республики
    Казахстан опасных отходов с целью их захоронения и обезвреживания запрещается' (Russian text of the
    original zan.gov.kz text of 2 Jan 2021, held in GitHub kazakhstan-law/codes @2b7ec9f,
    02-codes/2021/0102-ekologicheskii-kodeks-respubliki-kazakhstan-151312/rus/part002-sec019.md, unchanged in the
    editions of 27 Dec 2021 and 30 Dec 2022); in force 1 Jul 2021 (Art 416(1)). Uzbekistan -> Kazakhstan lamps
    for disposal: prohibited in 2025 by this row (it was the 'not researched' gap of the sixteenth pass) and
    already on 2021-09-01 with the row's own start established; not by it in 2020 (the 2007 Code row decides
    then) nor on 2021-06-30."""
    tables = law.load_tables()
    assert tables.researched("KAZ")
    now = assess("UZB", "KAZ")
    assert now.status == "prohibited"
    assert KAZ_2021 in ban_ids(now)
    assert not unknown_not_researched(now, "Kazakhstan")
    before = assess("UZB", "KAZ", as_of="2020-06-01")
    assert KAZ_2021 not in ban_ids(before)
    assert "KAZ-EC-2007-288-4-IMPORT-DISPOSAL" in ban_ids(before)
    first = assess("UZB", "KAZ", as_of="2021-09-01")
    assert first.status == "prohibited" and KAZ_2021 in ban_ids(first)
    assert not any(KAZ_2021 in u and "not established" in u for u in first.unknowns)
    assert KAZ_2021 not in ban_ids(assess("UZB", "KAZ", as_of="2021-06-30"))


def test_kazakhstan_recovery_imports_and_transit_are_not_banned():
    """Art 346(7): imports from and exports to non-EAEU States of hazardous wastes for recovery by licence;
    Art 346(2)-(3): transit under the Basel Convention on the environment authority's conclusion - no ban.
    China -> Kazakhstan lamps for recovery is not prohibited by the 2021 row (the EAEU Decision 30 flag
    stays); a movement through Kazakhstan no longer names it as 'not researched'."""
    rec = assess("CHN", "KAZ", op="recovery")
    assert KAZ_2021 not in ban_ids(rec)
    assert rec.status != "prohibited"
    via = law.assess("KGZ", "RUS", "lamps", "recovery", via=("KAZ",), as_of=DAY)
    assert not unknown_not_researched(via, "Kazakhstan")


def test_maldives_export_and_transit_rules_read():
    """Maldives: the Ministry of Environment (environment.gov.mv news 4333, 9 Jan 2017) says exporters of
    hazardous wastes must notify the EPA and the Waste Management Regulation 2013 requires special permission
    before exporting; transit of hazardous wastes needs the Ministry of Transport and Shipping's prior
    permission three months ahead (EPPA 4/93 legal summary, lawgratis.com): consents, not bans, so Maldives ->
    India lamps for recovery is permitted with consent and no longer lists the Maldives as 'not researched'."""
    tables = law.load_tables()
    assert tables.researched("MDV")
    dec = assess("MDV", "IND", op="recovery")
    assert dec.status == "permitted_with_consent"
    assert not unknown_not_researched(dec, "Maldives")


def test_moldova_transit_and_exports_by_notification_and_consent():
    """Moldova: Government Decision 411 of 22 Jun 2022 (Monitorul Oficial 284-290/723, 16 Sep 2022; in force
    16 Sep 2023; https://moldlex.md/lexact/77642) approves the Regulation on waste shipments, which covers
    imports for recovery, exports for recovery and disposal and transit through Moldova under prior written
    notification and consent (e-circular.org, Sep 2023); before it, Government Decision 637/2003. No transit
    ban: Ukraine -> Romania lamps for recovery through Moldova no longer names Moldova as 'not researched'."""
    tables = law.load_tables()
    assert tables.researched("MDA")
    via = law.assess("UKR", "ROU", "lamps", "recovery", via=("MDA",), as_of=DAY)
    assert not unknown_not_researched(via, "Moldova")
    assert "MDA-LEGE-1515-1993-73-IMPORT" not in ban_ids(via)
