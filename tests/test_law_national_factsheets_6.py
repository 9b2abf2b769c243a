"""National rules read in the fourteenth pass (issue #13, factsheets, law14a).

Source family: the Basel Secretariat's Country Fact Sheets (2002/2003 editions, mirrored page by page on
muhaz.org) and its national-reporting compilations by question. Each test asks the public API
(``hgmap.law.assess``, ``hgmap.law.load_tables``) about a movement that the national rules of the State
under test decide, with the source in the docstring. Rows live in ``data/law/research/national_bans.csv``
and ``coverage.csv`` (notes / ``checked`` start "FOURTEENTH PASS (law14a)"). Not legal advice.
"""

from __future__ import annotations

from hgmap import law

from ._law import assessor

DAY = "2025-06-01"

assess = assessor(op="disposal", as_of=DAY, stream="lamps")


def transit_ban_ids(dec, iso3: str) -> set[str]:
    return {b for t in dec.transit if t.iso3 == iso3 for r in t.reasons for b in r.ban_ids}


def not_researched(dec, name: str) -> bool:
    return any("not researched" in u and name in u for u in dec.unknowns)


def test_azerbaijan_prohibits_transit_of_non_recoverable_wastes_from_2008():
    """Azerbaijan, Cabinet of Ministers Resolution No. 167 of 25 Jul 2008, Procedure for cross-border
    transportation of dangerous wastes, para 1.2 (CIS Legislation translation, as amended on 11-11-2021,
    https://cis-legislation.com/document.fwx?rgn=24348): 'Import to the Azerbaijan Republic of dangerous wastes
    which safe conversion is impossible for the purpose of their transit transportation, burial and
    neutralization is prohibited'; para 1.1: transit 'for the purpose of their use' is regulated; 'This
    Resolution becomes effective from the date of signing'. Turkmenistan -> Korea lamps for disposal through
    Azerbaijan is prohibited by AZE-CM-167-2008-1-2-TRANSIT (low: translated text) in 2025, not in June 2008
    (before signature); the same route for recovery is not stopped by it (consent regime)."""
    after = assess("TKM", "KOR", via=("AZE",))
    assert after.status == "prohibited" and after.confidence == "low"
    assert "AZE-CM-167-2008-1-2-TRANSIT" in transit_ban_ids(after, "AZE")
    before = assess("TKM", "KOR", via=("AZE",), as_of="2008-06-01")
    assert before.status == "permitted_with_consent"
    assert not transit_ban_ids(before, "AZE")
    recovery = assess("TKM", "KOR", via=("AZE",), op="recovery")
    assert recovery.status == "permitted_with_consent"
    assert not transit_ban_ids(recovery, "AZE")


def test_azerbaijan_researched_imports_for_use_by_consent():
    """Azerbaijan is now 'researched': import for use regulated by the 2008 Procedure (para 1.1), import of
    non-recoverable wastes for burial/neutralisation prohibited (para 1.2), export to non-Parties forbidden
    (para 1.4), and the Basel Country Fact Sheet 2003 (http://muhaz.org/memorandum.html?page=9): 'Azerbaijan
    restricts the export of hazardous wastes and other wastes for final disposal', export for recovery 'in a
    preparatory process'. Georgia -> Azerbaijan lamps for recovery is permitted with consent at high
    confidence with no 'not researched' unknown for Azerbaijan; for disposal the import ban applies."""
    dec = assess("GEO", "AZE", op="recovery")
    assert dec.status == "permitted_with_consent" and dec.confidence == "high"
    assert not not_researched(dec, "Azerbaijan")
    disposal = assess("GEO", "AZE")
    assert disposal.status == "prohibited"
    assert "AZE-CM-167-2008-1-2" in {b for r in disposal.reasons for b in r.ban_ids}


def test_tunisia_researched_and_algeria_still_not():
    """Tunisia: import of hazardous wastes prohibited (WTO TPR WT/TPR/S/341/Rev.1 para III.119), exports
    restricted by authorisation under Loi 96-41 as amended in 2001 (Basel national-reporting compilation
    '3c Restrictions on Exports for IV B', https://businessdocbox.com/Green_Solutions/99844819-3c-restrictions-on-exports-for-iv-b.html;
    Ministry procedure 'Autorisation pour l'exportation de déchets dangereux'), transit not read (Izmir Art 5(4)
    bars it anyway): coverage 'researched'. Algeria: the Country Fact Sheet 2003
    (http://muhaz.org/memorandum.html?page=2) says 'Algeria restricts the transit' but the terms are cut off, so
    Algeria stays 'not researched' and Mali -> Spain lamps for recovery through Algeria keeps the unknown
    (medium)."""
    tables = law.load_tables()
    assert tables.researched("TUN")
    assert not tables.researched("DZA")
    dec = assess("MLI", "ESP", via=("DZA",), op="recovery")
    assert dec.status == "permitted_with_consent" and dec.confidence == "medium"
    assert not_researched(dec, "Algeria")
