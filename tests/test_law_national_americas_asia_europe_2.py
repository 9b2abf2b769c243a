"""National import rules read in the tenth pass (issue #13, americas_asia_europe, law9c).

Each test asks the public API (``hgmap.law.assess``) about a movement that only the national
measure decides, with the measure's source in the docstring. Rows live in
``data/law/research/national_bans.csv`` and ``coverage.csv`` (notes start "TENTH PASS
(law9c)"). Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, decision_text

DAY = "2025-06-01"
FJI_BAN = "FJI-CUSTOMS-PIE-HW-IMPORT"


assess = assessor(op="disposal", as_of=DAY)


text = decision_text


def test_fiji_prohibits_hazardous_waste_imports_from_inside_the_waigani_area():
    """WTO Trade Policy Review of Fiji, WT/TPR/S/444/Rev.1 (2023) para 3.26: 'Prohibited imports
    include counterfeit currency, pornographic or subversive materials, goods infringing intellectual
    property rights, and hazardous waste' (https://qr.wto.org/es/profile/fiji); Customs (Prohibited
    Imports and Exports) Regulations 1986 reg 3 (http://www.paclii.org/fj/legis/sub_leg/ca1986ciaer1986682).
    Tonga -> Fiji and Samoa -> Fiji stay inside the Waigani Convention Area, so Waigani Art 4(1)(a)
    does not bar them; Fiji's own ban does, for disposal and for recovery."""
    for origin, op in (("TON", "disposal"), ("WSM", "recovery")):
        dec = assess(origin, "FJI", op=op)
        assert dec.status == "prohibited" and dec.rule_ids == ("R4-national-import",)
        assert dec.confidence == "medium" and FJI_BAN in text(dec)


def test_fiji_ban_start_is_said_to_be_unknown_between_its_bounds():
    """The amending instrument that put hazardous waste on Fiji's prohibited list was not read:
    between the 1986 Regulations and the 2023 review, hgmap prohibits at low confidence and says the
    start date is not established; before 1986 the row does not apply
    (https://qr.wto.org/es/profile/fiji)."""
    mid = assess("TON", "FJI", as_of="2010-06-01")
    assert mid.status == "prohibited" and mid.confidence == "low"
    assert any(FJI_BAN in u and "not established" in u for u in mid.unknowns)
    assert FJI_BAN not in text(assess("TON", "FJI", as_of="1985-06-01"))


def test_fiji_import_ban_does_not_bind_fijian_exports():
    """The TPR lists export licensing only (para 3.33), so Fiji -> Australia lamps for disposal stays
    with the Basel/Waigani procedure and Fiji's import row does not fire
    (https://qr.wto.org/es/profile/fiji)."""
    dec = assess("FJI", "AUS")
    assert dec.status != "prohibited" and FJI_BAN not in " ".join(r.rule_id + " " + " ".join(r.ban_ids) for r in dec.reasons)


def test_eaeu_decision_30_flags_every_stream_into_eaeu_states_without_prohibiting():
    """Eurasian Economic Commission Board Decision No. 30 of 21 Apr 2015, Annex 1 (import
    prohibitions), section 1.2: hazardous wastes prohibited from import into the EAEU customs
    territory (https://mt.vinculum.ru/informatsiya/resheniya-evrazijskoj-ekonomicheskoj-komissii/o-merakh-netarifnogo-regulirovaniya-30-ot-21-04-2015;
    https://cis-legislation.com/document.fwx?rgn=118323, Art 1: 'Sections 1.2 and 2.3 of the single
    inventory'). The list was not read, so China -> Kazakhstan lamps for recovery is flagged
    (FLAG-stream-scope naming KAZ-EAEU-D30-S1.2-IMPORT), not prohibited."""
    dec = assess("CHN", "KAZ", op="recovery")
    assert dec.status == "permitted_with_consent"
    flags = [r for r in dec.reasons if r.rule_id == "FLAG-stream-scope"]
    assert flags and any("KAZ-EAEU-D30-S1.2-IMPORT" in r.ban_ids for r in flags)
    before = assess("CHN", "KAZ", op="recovery", as_of="2014-06-01")
    assert not any("KAZ-EAEU-D30-S1.2-IMPORT" in r.ban_ids for r in before.reasons)


def test_vanuatu_and_solomon_islands_researched_without_a_national_ban():
    """WTO TPRs list every customs import prohibition of Vanuatu (WT/TPR/S/378/Rev.1, Order No. 115
    of 2014, https://qr.wto.org/en/profile/vanuatu) and Solomon Islands (WT/TPR/S/465, Second Schedule
    to the Customs and Excise Act, https://qr.wto.org/en/profile/solomon-islands): none names waste.
    Vanuatu -> Solomon Islands (both Waigani Parties, inside the Convention Area) is therefore not
    prohibited, and neither State's national rules are listed as 'not researched'."""
    dec = assess("VUT", "SLB", op="recovery")
    assert dec.status != "prohibited"
    assert not any("not researched" in u and ("Vanuatu" in u or "Solomon" in u) for u in dec.unknowns)


def test_north_macedonia_prohibits_imports_of_waste_for_disposal():
    """North Macedonia, Law on Waste Management (Official Gazette 216/21): 'Со новиот Закон и натаму
    се забранува увоз на отпад за складирање заради отстранување' - the import of waste for storage
    for disposal remains prohibited (RFE/RL via https://rabotnik.com.mk/, adoption of the Law;
    http://www.moepp.gov.mk/ on Official Gazette 31/2020). Serbia -> North Macedonia lamps for disposal
    is prohibited by MKD-LWM-IMPORT-DISPOSAL in 2025; for recovery it is not; in 2003, before the 2004
    Law on Waste Management (the lower bound of the unestablished start), it is not."""
    dec = assess("SRB", "MKD", op="disposal")
    assert dec.status == "prohibited" and dec.rule_ids == ("R4-national-import",)
    assert any("MKD-LWM-IMPORT-DISPOSAL" in r.ban_ids for r in dec.reasons)
    rec = assess("SRB", "MKD", op="recovery")
    assert rec.status == "permitted_with_consent" and not any(r.ban_ids for r in rec.reasons)
    old = assess("SRB", "MKD", op="disposal", as_of="2003-06-01")
    assert not any("MKD-LWM-IMPORT-DISPOSAL" in r.ban_ids for r in old.reasons)


def test_a_transit_ban_of_unread_scope_flags_the_transit_state():
    """Kyrgyzstan, Governmental Order No. 193 (1999), FAOLEX/ECOLEX abstract: 'Import and transit of
    substances specified in the Annex 1 are prohibited'
    (https://www.ecolex.org/fr/details/legislation/governmental-order-no193-on-transboundary-movement-of-hazardous-waste-lex-faoc067752/).
    Annex 1 was not read, so transit through Kyrgyzstan is flagged (KGZ-GO-193-1999-ANNEX1-TRANSIT),
    not prohibited, and the answer cannot be 'high'."""
    from hgmap import law

    d = law.assess("KAZ", "TJK", "lamps", "recovery", via=("KGZ",))
    assert d.status == "permitted_with_consent" and d.confidence != "high"
    kgz = d.transit[0]
    assert any(r.effect == "flags" and "KGZ-GO-193-1999-ANNEX1-TRANSIT" in r.ban_ids for r in kgz.reasons)
    # Before the Order (start bounded to 1999) there is no flag.
    early = law.assess("KAZ", "TJK", "lamps", "recovery", via=("KGZ",), as_of="1998-06-01")
    assert not any(r.effect == "flags" for t in early.transit for r in t.reasons)
