"""National rules read in the eighteenth pass (issue #13, Africa and the Middle East, law19a).

This pass found no new national prohibition for its codes. It extended the partly-read coverage
rows of Algeria and Seychelles and gave Syria and Afghanistan their first rows (all kept 'not
researched'; ``data/law/research/coverage.csv``, ``checked`` starting "EIGHTEENTH PASS
(law19a)"). Each test asks the public API (``hgmap.law.assess``) about a movement into or out of
one of those States and checks that what was read is not over-read: no national ban is invented,
the rows already recorded still decide, and the State's rules stay named as 'not researched'.
Not legal advice.
"""

from __future__ import annotations

from hgmap import law

from ._law import assessor, ban_ids, no_ban_of, unknown_not_researched

recovery = assessor(op="recovery", as_of="2025-06-01", stream="lamps")


def _checked(iso3: str) -> str:
    return law.load_tables().coverage[iso3]["checked"]


def test_algeria_export_committee_is_an_authorisation_not_a_ban():
    """The Journal officiel texts of 2019-2023 (copy in GitHub RayaneLalam/Algerian-Law-RAG-Project
    @0b86d5c, https://github.com/RayaneLalam/Algerian-Law-RAG-Project/blob/0b86d5cca8fa51889dc36dc3714eb398c57b22b0/structured%20data/jo/french/jo_2020_chunks.json)
    constitute and run the 'comité intersectoriel d'exportation des déchets spéciaux dangereux'
    of Décret exécutif 19-10 (Art 13): an export authorisation regime, not a prohibition.
    Algeria -> Germany lamps for recovery stay permitted with consent, below high, with no
    Algerian ban, and keep Algeria's export rules as not researched."""
    d = recovery("DZA", "DEU")
    assert d.status == "permitted_with_consent"
    assert d.confidence != "high"
    assert no_ban_of(d, "DZA")
    assert unknown_not_researched(d, "Algeria")
    checked = _checked("DZA")
    assert "EIGHTEENTH PASS (law19a)" in checked and "comité intersectoriel" in checked


def test_algeria_import_ban_still_applies():
    """Nothing read in the 2020-2025 Journal officiel lifts Loi 01-19's ban on importing
    hazardous special wastes (DZA-LOI-01-19-IMPORT, Basel Country Fact Sheet 2003,
    http://muhaz.org/memorandum.html?page=2): Tunisia -> Algeria lamps for recovery stay
    prohibited by that row."""
    d = recovery("TUN", "DZA")
    assert d.status == "prohibited"
    assert "DZA-LOI-01-19-IMPORT" in ban_ids(d)


def test_syria_first_row_invents_no_ban():
    """Syria's first coverage row records the 2012 Constitution's Art 27 environmental duty
    (UNESCO summary, https://en.unesco.org/creativity/policy-monitoring-platform/syrias-new-constitution)
    and the environment laws read only in their definitions: Syria -> Germany lamps for recovery
    stay permitted with consent, below high, with no Syrian ban, and name Syria's export rules as
    not researched."""
    d = recovery("SYR", "DEU")
    assert d.status == "permitted_with_consent"
    assert d.confidence != "high"
    assert no_ban_of(d, "SYR")
    assert unknown_not_researched(d, "Syrian Arab Republic")
    assert "EIGHTEENTH PASS (law19a)" in _checked("SYR") and "Art 27" in _checked("SYR")


def test_afghanistan_waste_trade_article_is_unread_not_a_ban():
    """The 2007 Environment Law (Official Gazette 912) has an Art 33 'Import, export and trade in
    waste' whose text was not reached (table of contents at
    https://www.afghan-web.com/environment/environmental_law/): Pakistan -> Afghanistan lamps for
    recovery stay permitted with consent, below high, with no Afghan ban, and name Afghanistan's
    import rules as not researched."""
    d = recovery("PAK", "AFG")
    assert d.status == "permitted_with_consent"
    assert d.confidence != "high"
    assert no_ban_of(d, "AFG")
    assert unknown_not_researched(d, "Afghanistan")
    assert "Art 33" in _checked("AFG")
    assert law.load_tables().coverage["AFG"]["national_rules"] == "not researched"


def test_seychelles_2024_amendment_read_does_not_lift_the_waste_ban():
    """S.I. 64 of 2024 amended the 2023 prohibited-goods Regulations (WTO licensing notification,
    http://web.wtocenter.org.tw/Page/13644/404742; content not read): it does not lift the 2021
    waste prohibition No. 50 (SYC-QR-50-WASTE-IMPORT). India -> Seychelles lamps for recovery stay
    prohibited by that row, and Seychelles stays 'not researched'."""
    d = recovery("IND", "SYC")
    assert d.status == "prohibited"
    assert "SYC-QR-50-WASTE-IMPORT" in ban_ids(d)
    assert "S.I 64 of 2024" in _checked("SYC")
    assert law.load_tables().coverage["SYC"]["national_rules"] == "not researched"


def test_oman_no_objection_letter_is_an_export_control_not_a_ban():
    """Since 2 Sep 2018 exports of used lead-acid batteries, e-waste, scrap and other listed
    wastes from Oman need a be'ah 'no objection' letter (Times of Oman, 25 Aug 2018,
    https://timesofoman.com/article/139963/Oman/Environment/New-restrictions-on-exporting-waste-from-Oman):
    a control, not a prohibition. Oman -> Germany lamps for recovery stay permitted with consent,
    below high, with no Omani ban, and keep Oman's export rules as not researched; the battery
    export suspension stays a flag (OMN-EA-2025-USED-BATTERIES-EXPORT-SUSPENSION), not a ban."""
    d = recovery("OMN", "DEU")
    assert d.status == "permitted_with_consent"
    assert d.confidence != "high"
    assert no_ban_of(d, "OMN")
    assert unknown_not_researched(d, "Oman")
    b = recovery("OMN", "IND", stream="batteries")
    assert b.status == "permitted_with_consent"
    assert "OMN-EA-2025-USED-BATTERIES-EXPORT-SUSPENSION" in ban_ids(b)
    assert "no objection" in _checked("OMN")
