"""National waste-shipment rules, tenth pass, Africa and the Middle East (issue #13, law9b).

Each test cites the source read for the coverage or ban row it checks (data/law/research/coverage.csv,
national_bans.csv) and asks the public API for the answer that source gives. Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, decision_text


assess = assessor(op="recovery", as_of="2025-06-01")


text = decision_text


def test_palestine_transit_needs_a_permit_and_is_no_longer_an_unknown():
    """State of Palestine, Law No. 7 of 1999 on the Environment: the Environment Quality Authority's head
    states that the law 'prohibits the import of hazardous wastes into Palestine, and prohibits their passage
    through Palestinian land except with a permit' ('ويحظر مرورها عبر الأرض الفلسطينية إلا بتصريح',
    https://howiyya.com/VwNews5View?start=1648); Art 12 (https://maqam.najah.edu/legislation/250/item/11032/)
    subjects all handling of hazardous wastes to the Ministry's regulations. Transit is therefore a permit
    regime, not a ban: a movement between two EU States routed through Palestine is not prohibited by a
    Palestinian rule, and since coverage.csv now marks PSE researched the answer no longer lists Palestine's
    transit rules as unknown (it did before the tenth pass)."""
    dec = assess("DEU", "FRA", via=("PSE",))
    assert dec.status == "permitted_with_consent"
    assert "R7-national-transit" not in dec.rule_ids
    assert not any("Palestine" in u for u in dec.unknowns)
    assert [t.status for t in dec.transit] == ["permitted_with_consent"]


def test_palestine_import_ban_still_applies():
    """Same law, Art 13 as stated by the Environment Quality Authority ('المادة 13 من قانون رقم 7 لسنة 1999
    بشأن البيئة تنص على حظر استيراد النفايات الخطرة إلى الأراضي الفلسطينية', https://environment.ps/ ; dated
    6 Feb 2015 at https://www.prealmedia.com/ar/printPost/612): Jordan -> Palestine stays prohibited by
    PSE-LAW-7-1999-13-IMPORT (R4-national-import)."""
    dec = assess("JOR", "PSE")
    assert dec.status == "prohibited" and "R4-national-import" in dec.rule_ids
    assert "PSE-LAW-7-1999-13-IMPORT" in text(dec)


def test_bahrain_stays_not_researched_after_partial_reading():
    """Bahrain: Decision No. 3 of 2006 was reached only in its preamble (tenth pass), so coverage.csv keeps
    BHR 'not researched' and a transit through Bahrain is capped below high with the unknown named. (Qatar,
    the example until the twelfth pass, is now researched: Decree-Law 30/2002 Art 24 bars passage.)"""
    dec = assess("DEU", "FRA", via=("BHR",))
    assert dec.status == "permitted_with_consent" and dec.confidence != "high"
    assert any("Bahrain" in u and "not researched" in u for u in dec.unknowns)



def test_togo_1988_environment_code_banned_toxic_waste_imports_until_2008():
    """Togo: Greenpeace International, 'POPs in Africa: hazardous waste trade 1980-2000' (2nd ed., 22 May 2001),
    Togo page (https://www.yumpu.com/en/document/view/15764659/pops-in-africa-hazardous-waste-trade-1980-2000-arte/112):
    'On September 7, 1988, the Togolese government passed a strict law banning the import, sale, transport, or
    storage of toxic or radioactive wastes. The law, known as the Environment Code ...'. Senegal -> Togo in 2003
    (both Bamako Parties, so Bamako does not bar it) is prohibited by TGO-CODE-1988-IMPORT alone, at low
    confidence; in June 1988, before the law, it is not cited; from 30 May 2008 (the Loi-cadre 2008-005 that
    replaced the Code; end inferred, see the row) it no longer applies."""
    dec = assess("SEN", "TGO", as_of="2003-06-01")
    assert dec.status == "prohibited" and dec.confidence == "low"
    assert "R4-national-import" in dec.rule_ids and "TGO-CODE-1988-IMPORT" in text(dec)
    assert "TGO-CODE-1988-IMPORT" not in text(assess("SEN", "TGO", as_of="1988-06-01"))
    later = assess("SEN", "TGO", as_of="2009-06-01")
    assert "TGO-CODE-1988-IMPORT" not in text(later) and later.status == "permitted_with_consent"


def test_liberia_1989_law_banned_hazardous_waste_imports():
    """Liberia: the same Greenpeace inventory, Liberia page (https://www.yumpu.com/en/document/view/15764659/pops-in-africa-hazardous-waste-trade-1980-2000-arte/63):
    'On August 3, 1989, Liberia banned the import of hazardous wastes. Under the new law, anyone convicted of
    importing wastes will be imprisoned for a 10 to 25 years'. Ghana -> Liberia in 2000 (neither a Basel Party
    yet, Liberia not yet in Bamako) is prohibited by LBR-LAW-1989-IMPORT alone, at low confidence; in June 1989,
    before the law, it is not cited."""
    dec = assess("GHA", "LBR", as_of="2000-06-01")
    assert dec.status == "prohibited" and dec.confidence == "low"
    assert any("LBR-LAW-1989-IMPORT" in r.ban_ids for r in dec.reasons)
    assert "LBR-LAW-1989-IMPORT" not in text(assess("GHA", "LBR", as_of="1989-06-01"))


def test_madagascar_transit_is_a_consent_regime_and_no_longer_unknown():
    """Madagascar: the national Basel focal point (https://midi-madagasikara.mg/convention-de-bale-importation-de-dechets-dangereux-interdite-a-madagascar):
    'En cas d'expédition et de transit il est impératif que la société ... dépose au ministère chargé de
    l'Environnement sa demande d'expédition ou de transit ... Il faut par ailleurs un consentement préalable entre
    les pays concernés', under Décret n° 2012-754 du 07 août 2012 (https://textes.lexxika.com/lois-malagasy/decret-n2012-754-du-07-aout-2012-fixant-les-procedures-de-gestion-des-produits-en-fin-de-vie-sources-de-dechets-et-des-dechets-dangereux-nuisibles-a-lenvironnement-dans-le-cadre-de-la-mise-en/).
    coverage.csv now marks MDG researched: a movement between two EU States routed through Madagascar is not
    prohibited by a Malagasy rule and names no Malagasy unknown, while imports stay barred (MDG-DECRETS-2012)."""
    dec = assess("DEU", "FRA", via=("MDG",))
    assert dec.status == "permitted_with_consent" and "R7-national-transit" not in dec.rule_ids
    assert not any("Madagascar" in u for u in dec.unknowns)
    imp = assess("TGO", "MDG")
    assert imp.status == "prohibited" and "MDG-DECRETS-2012" in text(imp)


def test_a_ban_whose_end_is_not_established_says_so():
    """Tanzania, Vice-President's Office statement of 21 Mar 2019 (Xinhua,
    http://www.a5128.cn/english/africa/2019-03/21/c_137913561.htm; Daily News via
    https://allafrica.com/stories/201903220777.html): importation and exportation of hazardous
    waste 'suspended ... until a new system regulating it is announced'. The Hazardous Waste
    Regulations of 14 May 2021 are presumably that system, so the end is bounded
    (effective_to_not_before 2019-03-22, effective_to_not_after 2021-05-14): in between, the
    prohibition is low and names the unknown end; after the upper bound it no longer applies."""
    before = assess("TZA", "ZAF", as_of="2019-01-01")
    assert "TZA-VPO-2019-SUSPENSION-EXPORT" not in text(before)
    during = assess("TZA", "ZAF", as_of="2020-01-01")
    assert during.status == "prohibited" and during.confidence == "low"
    assert any("TZA-VPO-2019-SUSPENSION-EXPORT" in u and "end date not established" in u for u in during.unknowns)
    after = assess("TZA", "ZAF", as_of="2022-01-01")
    assert "TZA-VPO-2019-SUSPENSION-EXPORT" not in text(after)
    # Togo's 1988 Code: its end is bounded by the 2008 framework law (repeal clause not read).
    togo = assess("SEN", "TGO", as_of="2005-06-01")
    assert any("TGO-CODE-1988-IMPORT" in u and "end date not established" in u for u in togo.unknowns)
