"""National rules read in the thirteenth pass (issue #13, asia_europe_pacific_territories, law13c).

Full statutes held in public GitHub repositories (consolidated Laws of the Cook Islands in
``mossly/ai-manako-tika``; the wetten.overheid.nl texts in ``statengeneraal/laws-markdown``) and short
official pages that state the rule (Albania's customs administration). Each test asks the public API
(``hgmap.law.assess``) about a movement that the national rule decides or that shows the State is now
researched, with the source in the docstring. Rows live in ``data/law/research/national_bans.csv`` and
``coverage.csv`` (notes start "THIRTEENTH PASS (law13c)"). Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, ban_ids, decision_text

DAY = "2025-06-01"
ALB_BAN = "ALB-LIWM-10463-2011-IMPORT"

assess = assessor(op="recovery", as_of=DAY)
text = decision_text


def not_researched(d, name: str) -> bool:
    return any("not researched" in u and name in u for u in d.unknowns)


def test_cook_islands_researched_without_a_national_ban():
    """Cook Islands: the Solid and Hazardous Waste Act 2025 s.7 and Schedule 1 prohibit imports of
    single-use plastics only; the Environment Act 2003 s.70(2)(e) merely empowers hazardous-waste
    import regulations (none made); the Customs Revenue and Border Protection Act 2012 Schedule 1 names
    no waste (https://cookislandslaws.gov.ck, read in
    https://github.com/mossly/ai-manako-tika/tree/57137441984c177a406f96cf7792b51188b064cf/data/markdown).
    Tonga -> Cook Islands (both Waigani island Parties, inside the Convention Area) stays permitted and
    no longer carries a 'not researched' unknown for the Cook Islands (Samoa, still unread, does)."""
    dec = assess("TON", "COK")
    assert dec.status == "permitted_with_consent" and not ban_ids(dec)
    assert not not_researched(dec, "Cook Islands")
    assert dec.confidence == "high"
    control = assess("TON", "WSM")
    assert not_researched(control, "Samoa") and control.confidence == "medium"


def test_caribbean_netherlands_researched_without_a_national_ban():
    """Wet VROM BES (BWBR0031218) Arts 4.15-4.24 copy the Basel rules (no shipments to or from
    non-Parties; permit and 'verklaring van geen bezwaar' otherwise) and were not yet in force
    (https://github.com/statengeneraal/laws-markdown/blob/91556a80a25a3da4234c8039945c6aeef4108d00/wet-BES/wet/volkshuisvesting/ruimtelijke/ordening/en/milieubeheer/bes/BWBR0031218/README.md).
    Colombia -> BES for recovery is not prohibited, and the decision does not list BES's national
    rules as 'not researched' (its Basel coverage stays 'not established')."""
    dec = assess("COL", "BES")
    assert dec.status == "permitted_with_consent" and not ban_ids(dec)
    assert not not_researched(dec, "Caribbean Netherlands")
    assert any("Basel coverage of Caribbean Netherlands" in u for u in dec.unknowns)


def test_albania_prohibits_all_waste_imports():
    """Albania's General Directorate of Customs: 'Importation of hazardous and non-hazardous waste in the
    Republic of Albania is prohibited in all the cases' (Law No. 10463/2011 on integrated waste
    management as amended in 2013; https://dogana.gov.al/english/d/185/263/0/184/health-and-environment).
    Italy -> Albania lamps for recovery is prohibited and cites the row in 2025 (next to the Izmir
    Protocol's ban and the 1994 decision); before the Law (2010) only the 1994 decision is cited."""
    dec = assess("ITA", "ALB")
    assert dec.status == "prohibited" and "R4-national-import" in dec.rule_ids
    assert ALB_BAN in ban_ids(dec)
    before = assess("ITA", "ALB", as_of="2010-06-01")
    assert before.status == "prohibited" and ALB_BAN not in ban_ids(before)
    assert "ALB-DCM-26-1994" in ban_ids(before)


def test_albania_import_ban_does_not_bind_its_exports():
    """The customs page makes exports of Green-List waste subject to the Minister's authorisation, not a
    ban: Albania -> Italy is not stopped by the import row."""
    dec = assess("ALB", "ITA")
    assert dec.status != "prohibited" and ALB_BAN not in text(dec)


def test_montenegro_researched_import_ban_stands_and_transit_is_by_permit():
    """Montenegro: 'Import of hazardous waste is prohibited' (Law on Waste Management, Sl. list CG 64/11,
    39/16, WTO QR #3499, https://qr.wto.org/en/qrs/3499/3499); transit of hazardous waste 'can only be
    carried out on the basis of a permit issued by the Environmental Protection Agency'
    (https://psc.gov.me/en/sektorske-informacije/ministarstvo-turizma-ekologije-odrzivog-razvoja-i-razvoja-sjevera/tranzit-opasnog-otpada).
    Serbia -> Montenegro lamps for recovery is prohibited by the national row, and the decision carries
    no 'not researched' unknown for Montenegro."""
    dec = assess("SRB", "MNE")
    assert dec.status == "prohibited" and "MNE-LWM-64-11-IMPORT" in ban_ids(dec)
    assert not not_researched(dec, "Montenegro")


def test_oman_used_battery_export_suspension_is_flagged_not_prohibiting():
    """Oman's Environment Authority suspended environmental permits for the export of used batteries
    (with tyres, cooking oil, scrap) from 1 Jan 2025 for a year, extended from 1 Jan 2026 'until further
    notice' (Zawya, https://www.zawya.com/en/economy/gcc/oman-ea-extends-suspension-of-exports-of-certain-wastes-and-scraps-x2ofkuow).
    Whether 'used batteries' reaches mercury cells is not stated, so Oman -> India batteries for recovery
    is flagged (the row is cited) but not prohibited; lamps are not flagged; in 2020, before the export
    licence regime's suspension could have started, the row is absent."""
    ban = "OMN-EA-2025-USED-BATTERIES-EXPORT-SUSPENSION"
    dec = assess("OMN", "IND", stream="batteries")
    assert dec.status == "permitted_with_consent" and ban in ban_ids(dec)
    lamps = assess("OMN", "IND")
    assert ban not in ban_ids(lamps)
    old = assess("OMN", "IND", stream="batteries", as_of="2020-06-01")
    assert ban not in ban_ids(old)
