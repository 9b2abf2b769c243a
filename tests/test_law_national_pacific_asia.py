"""National import bans of Pacific and Asian States (issue #13, ninth pass, pacific_asia).

Each test asks the public API (``hgmap.law.assess``) about a movement that only the
national measure decides, with the measure's source in the docstring. Rows live in
``data/law/research/national_bans.csv`` and ``coverage.csv`` (notes start "NINTH PASS
(pacific_asia"). Not legal advice.
"""

from __future__ import annotations

import pytest

from ._law import assessor, decision_text

DAY = "2025-06-01"


assess = assessor(op="disposal", as_of=DAY)


text = decision_text


def test_kiribati_restricts_imports_for_final_disposal_at_low_confidence():
    """Basel Secretariat Country Fact Sheet for Kiribati (2002; status 20.11.2002): 'Kiribati
    restricts the import of hazardous wastes and other wastes for final disposal. The restriction
    covers all hazardous wastes' (http://muhaz.org/basel-convention/muhaz.org/basel-convention.html?page=46).
    Samoa -> Kiribati (both Waigani and Basel Parties) lamps for disposal is prohibited by
    KIR-CFS-2002-IMPORT-DISPOSAL, at low confidence ('restricts', legal basis not named); an import
    for recovery is not caught by it and Kiribati stays 'not researched'."""
    dec = assess("WSM", "KIR", op="disposal")
    assert dec.status == "prohibited" and dec.confidence == "low"
    assert "KIR-CFS-2002-IMPORT-DISPOSAL" in text(dec)
    rec = assess("WSM", "KIR", op="recovery")
    assert rec.status == "permitted_with_consent" and "KIR-CFS-2002-IMPORT-DISPOSAL" not in text(rec)
    assert any("Kiribati" in u and "not researched" in u for u in rec.unknowns)


def test_tonga_hazardous_wastes_act_2010_prohibits_imports():
    """Tonga, Hazardous Wastes and Chemicals Act 2010 (Act No. 28 of 2010), Part VI s.20
    'Importation of hazardous wastes prohibited' (http://www.paclii.org/to/legis/num_act/hwaca2010286),
    enacted 27 August 2010. Samoa -> Tonga lamps for recovery is prohibited by TON-HWCA-2010-20
    in 2025; in 2009, before the Act, it is not."""
    dec = assess("WSM", "TON", op="recovery")
    assert dec.status == "prohibited" and dec.confidence == "medium"
    assert "TON-HWCA-2010-20" in text(dec)
    before = assess("WSM", "TON", op="recovery", as_of="2009-06-01")
    assert before.status != "prohibited" and "TON-HWCA-2010-20" not in text(before)


def test_tonga_commencement_window_is_said_to_be_unknown():
    """The Act's commencement day was not read: between enactment (27 Aug 2010) and the 2017
    report that it is being enforced, hgmap prohibits at low confidence and says the start date
    is not established (http://www.topix.com/world/tonga/2017/02/parliament-pushes-to-control-littering-and-waste-disposal?fromrss=1)."""
    dec = assess("WSM", "TON", op="recovery", as_of="2012-06-01")
    assert dec.status == "prohibited" and dec.confidence == "low"
    assert any("TON-HWCA-2010-20" in u and "not established" in u for u in dec.unknowns)


def test_maldives_bars_disposal_of_hazardous_waste_so_imports_for_disposal():
    """Maldives, Environmental Protection and Preservation Act (Law No. 4/93) Art 8: 'Hazardous/
    Toxic or Nuclear Wastes that is harmful to human health and the environment shall not be
    disposed anywhere within the territory of the country' (quoted in the 2016 Hulhule-Male' Bridge
    EIA, https://www.yumpu.com/en/document/view/55255708/hulhule-male-bridge-project/67).
    India -> Maldives lamps for disposal is prohibited by MDV-EPPA-4-93-ART8-DISPOSAL; for recovery
    it is not (Waste Management Act 2022 s.44: import with the Ministry's permission)."""
    dec = assess("IND", "MDV", op="disposal")
    assert dec.status == "prohibited" and "MDV-EPPA-4-93-ART8-DISPOSAL" in text(dec)
    rec = assess("IND", "MDV", op="recovery")
    assert rec.status == "permitted_with_consent" and "MDV-EPPA-4-93-ART8-DISPOSAL" not in text(rec)
    assert "MDV-EPPA-4-93-ART8-DISPOSAL" not in text(assess("IND", "MDV", op="disposal", as_of="1992-06-01"))


def test_hong_kong_refuses_hazardous_waste_from_basel_ban_countries():
    """Hong Kong, Waste Disposal Ordinance (Cap. 354) as amended (gazetted 7 Apr 2006): EPD 'will
    refuse any application for a permit to import hazardous waste from countries that are on the
    Basel Ban's banned list'; 'Since December, 1998, Hong Kong has not granted import permits'
    (https://news.gov.hk/isd/ebulletin/en/category/environment/060407/html/060407en04003.htm).
    Japan (Annex VII) -> Hong Kong lamps for recovery is prohibited by HKG-WDO-BASEL-BAN-IMPORT
    (Hong Kong's own law, not China's); in mid-1998 that ban did not yet apply."""
    dec = assess("JPN", "HKG", op="recovery")
    assert dec.status == "prohibited" and "HKG-WDO-BASEL-BAN-IMPORT" in text(dec)
    assert "CHN-IMPORT-1" not in text(dec)
    assert "HKG-WDO-BASEL-BAN-IMPORT" not in text(assess("JPN", "HKG", op="recovery", as_of="1998-06-01"))


def test_hong_kong_prohibits_disposal_of_imported_waste_but_not_recovery():
    """EPD, 'Control on Import and Export of Waste': '"Disposal" of imported waste is prohibited !'
    (https://epd.gov.hk/epd/english/environmentinhk/waste/guide_ref/guide_wiec_tcs2.html).
    The Philippines (not Annex VII) -> Hong Kong: disposal is prohibited by
    HKG-WDO-IMPORTED-WASTE-DISPOSAL; recovery needs consent, and Hong Kong's import rules count as
    researched (no 'not researched' unknown for it)."""
    dec = assess("PHL", "HKG", op="disposal")
    assert dec.status == "prohibited" and "HKG-WDO-IMPORTED-WASTE-DISPOSAL" in text(dec)
    rec = assess("PHL", "HKG", op="recovery")
    assert rec.status == "permitted_with_consent"
    assert not any("Hong Kong" in u and "not researched" in u for u in rec.unknowns)


def test_bangladesh_import_policy_order_bars_all_waste():
    """Bangladesh, Import Policy Order 2021-2024 (notified 24 Apr 2022), Annex 1: 'all kinds of
    waste products are prohibited' (https://dailyindustry.news/import-of-28-categories-goods-banned/);
    the minister said the 2015-2018 Order (10 Feb 2016) 'restricts the entrance of any waste'
    (https://ban.org/news-new/2020/12/15/govt-wont-allow-plastic-waste-trade). India -> Bangladesh
    lamps for recovery is prohibited by BGD-IPO-WASTE-IMPORT in 2025, not in 2015 (before the
    2015-2018 Order), and at low confidence with an unknown start in 2019."""
    dec = assess("IND", "BGD", op="recovery")
    assert dec.status == "prohibited" and dec.confidence == "medium" and "BGD-IPO-WASTE-IMPORT" in text(dec)
    assert "BGD-IPO-WASTE-IMPORT" not in text(assess("IND", "BGD", op="recovery", as_of="2015-06-01"))
    mid = assess("IND", "BGD", op="recovery", as_of="2019-06-01")
    assert mid.status == "prohibited" and mid.confidence == "low"


@pytest.mark.parametrize("o,d", [("JPN", "SGP"), ("JPN", "KOR"), ("MYS", "BRN"), ("TON", "FSM")])
def test_permit_regimes_researched_without_a_ban(o, d):
    """Researched, no national ban: Singapore's Hazardous Waste (Control of Export, Import and
    Transit) Act 1997 s.25 ('must not import ... unless ... the holder of an import permit',
    https://laws.sg/legislation/act-1997-hwceita/section-25); Korea's Act No. 4534 (approval regime,
    https://elaw.klri.re.kr/eng_mobile/viewer.do?hseq=56444&type=part&key=39); Brunei's Hazardous
    Waste (Control of Export, Import and Transit) Order 2013 (permits); the FSM Constitution Art XIII
    s.2 (approval of the national government; http://muhaz.org/muhaz.org/basel-convention.html?page=55).
    A recovery movement there from a researched origin (Tonga, not Kiribati: its export rules are
    not researched) is permitted with consent at high confidence, with no 'not researched' unknown."""
    dec = assess(o, d, op="recovery")
    assert dec.status == "permitted_with_consent" and dec.confidence == "high"
    assert not any("not researched" in u for u in dec.unknowns)


def test_kyrgyzstan_bars_imports_for_burial_or_incineration_and_flags_annex1():
    """Kyrgyzstan, Governmental Order No. 193 (1999) on transboundary movement of hazardous waste, as
    abstracted by FAOLEX/ECOLEX: 'Import and transit of substances specified in the Annex 1 are
    prohibited ... Import of waste for burial or incineration is prohibited'
    (https://www.ecolex.org/fr/details/legislation/governmental-order-no193-on-transboundary-movement-of-hazardous-waste-lex-faoc067752/).
    Kazakhstan -> Kyrgyzstan lamps for disposal is prohibited by KGZ-GO-193-1999-DISPOSAL; for
    recovery it needs consent, with a flag that Annex 1 (not read) may list the stream, so the
    answer is at most medium; in 1998 neither row applies."""
    dec = assess("KAZ", "KGZ", op="disposal")
    assert dec.status == "prohibited" and "KGZ-GO-193-1999-DISPOSAL" in text(dec)
    rec = assess("KAZ", "KGZ", op="recovery")
    assert rec.status == "permitted_with_consent" and rec.confidence != "high"
    assert any(r.effect == "flags" and "KGZ-GO-193-1999-ANNEX1-IMPORT" in r.detail for r in rec.reasons)
    old = assess("KAZ", "KGZ", op="disposal", as_of="1998-06-01")
    assert "KGZ-GO-193-1999" not in text(old)


def test_taiwan_bans_hazardous_imports_and_limits_exports_to_oecd():
    """Chinese Taipei, Waste Disposal Act Art 38 as described by the EPA's Basel page: 'certain types
    of wastes are banned from importation including hazardous wastes, wastes collected from
    households' and hazardous industrial waste 'can only be exported to member countries of the
    Organization for Economic Co-operation and Development' or bilateral-agreement partners
    (https://basel.epa.gov.tw/eng_laws_and_regulations). Japan -> Taiwan lamps for recovery is
    prohibited by TWN-WDA-38-HAZARDOUS-IMPORT (no longer only flagged); Taiwan -> India elemental
    mercury is prohibited by TWN-WDA-38-HAZARDOUS-EXPORT, while household lamps are only flagged."""
    dec = assess("JPN", "TWN", op="recovery")
    assert dec.status == "prohibited" and "TWN-WDA-38-HAZARDOUS-IMPORT" in text(dec)
    exp = assess("TWN", "IND", "elemental_mercury", op="recovery")
    assert exp.status == "prohibited" and "TWN-WDA-38-HAZARDOUS-EXPORT" in text(exp)
    lamps = assess("TWN", "IND", "lamps", op="recovery")
    assert any(r.effect == "flags" and "TWN-WDA-38-HAZARDOUS-EXPORT" in r.ban_ids for r in lamps.reasons)


def test_uzbekistan_2024_prohibited_list_flags_imports_from_spring_2025():
    """Uzbekistan, Cabinet of Ministers Resolution No. 916 of 30 Dec 2024 approves a 'list of hazardous
    products and wastes prohibited for import', in force three months after official publication
    (https://uz.kursiv.media/uz/2025-01-10/importi-taqiqlangan-xavfli-mahsulotlar-ro%ca%bbyxati-tasdiqlandi/amp).
    The list was not read, so Kazakhstan -> Uzbekistan lamps for recovery is not prohibited by it but
    carries a flag in mid-2025, and no flag in mid-2024."""
    dec = assess("KAZ", "UZB", op="recovery")
    assert dec.status == "permitted_with_consent"
    assert any(r.effect == "flags" and "UZB-CM-916-2024-IMPORT-LIST" in r.ban_ids for r in dec.reasons)
    before = assess("KAZ", "UZB", op="recovery", as_of="2024-06-01")
    assert not any("UZB-CM-916-2024-IMPORT-LIST" in r.ban_ids for r in before.reasons)
