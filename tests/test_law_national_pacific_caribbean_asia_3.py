"""National import rules read in the eleventh pass (issue #13, pacific_caribbean_asia, law10a).

Each test asks the public API (``hgmap.law.assess``) about a movement that only the national
measure decides, with the measure's source in the docstring. Rows live in
``data/law/research/national_bans.csv`` and ``coverage.csv`` (notes start "ELEVENTH PASS
(law10a)"). Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, ban_ids, decision_text

DAY = "2025-06-01"
NPL_BAN = "NPL-EPA-2076-16-IMPORT"
KHM_BAN = "KHM-SD-36-1999-21-IMPORT"


assess = assessor(op="recovery", as_of=DAY)


text = decision_text


def test_nepal_prohibits_imports_of_basel_listed_hazardous_substances():
    """Environment Protection Act 2076 (2019) s.16(1): 'no hazardous substance of any kind shall
    be imported into Nepal'; s.2(ch) defines hazardous substances as those listed in the Basel
    Convention (Nepal Law Commission text, https://lawcommission.gov.np/content/12571/12571-the-environment-protection-act,
    read in Ansvar-Systems/Nepal-law-mcp data/seed/np-content-12571.json @ 9796491). India -> Nepal
    elemental mercury for recovery is prohibited by Nepal's own ban."""
    dec = assess("IND", "NPL", stream="elemental_mercury")
    assert dec.status == "prohibited" and dec.rule_ids == ("R4-national-import",)
    assert dec.confidence == "high" and NPL_BAN in ban_ids(dec)


def test_nepal_ban_starts_with_the_2019_act():
    """The Act was authenticated on 2076-06-24 BS (11 Oct 2019) and commences on the eighth day
    after (s.1(2)): before it the row does not apply; inside the 18-19 Oct 2019 window the answer is
    low with the start 'not established' (https://lawcommission.gov.np/content/12571/12571-the-environment-protection-act)."""
    before = assess("IND", "NPL", stream="elemental_mercury", as_of="2019-06-01")
    assert before.status != "prohibited" and NPL_BAN not in ban_ids(before)
    edge = assess("IND", "NPL", stream="elemental_mercury", as_of="2019-10-18")
    assert edge.status == "prohibited" and edge.confidence == "low"
    assert any(NPL_BAN in u and "not established" in u for u in edge.unknowns)


def test_nepal_import_ban_does_not_bind_nepali_exports():
    """s.16(3) allows exports with the Ministry's permission; Environment Protection Rules 2077 r.15
    add the importing country's consent under the Basel Convention
    (https://lawcommission.gov.np/content/12941/12941-environment-protection-regulat). Nepal -> India
    lamps for recovery is not stopped by Nepal's import row."""
    dec = assess("NPL", "IND")
    assert dec.status != "prohibited" and NPL_BAN not in ban_ids(dec)


def test_cambodia_prohibits_imports_of_the_hazardous_wastes_its_annex_names():
    """Sub-decree No. 36 on Solid Waste Management (27 Apr 1999) Art 21: 'The importation of
    hazardous waste from abroad into the Kingdom of Cambodia is strictly prohibited'; its Annex names
    wastes from discarded electric lamps and from batteries (CDC unofficial translation,
    https://cdc.gov.kh/wp-content/uploads/2022/04/Sub-Degree-36-on-Solid-Waste-Management_990427.pdf,
    read in Ansvar-Systems/Cambodian-law-mcp @ ab0d91e). Japan -> Cambodia and Thailand -> Cambodia
    lamps and batteries for recovery are prohibited (medium: an unofficial translation)."""
    for origin, stream in (("JPN", "lamps"), ("THA", "batteries")):
        dec = assess(origin, "KHM", stream=stream)
        assert dec.status == "prohibited" and dec.rule_ids == ("R4-national-import",)
        assert dec.confidence == "medium" and KHM_BAN in ban_ids(dec)
    assert not any("Cambodia" in u and "not researched" in u for u in assess("JPN", "KHM").unknowns)


def test_cambodia_flags_elemental_mercury_which_its_annex_does_not_name():
    """The Annex's metal list (Zn, Se, Sn, V, Cu, As, Ba, Co, Ni, Sb, Be, Te, Pb, Ti, U, Ag) does
    not name mercury, so elemental mercury is flagged, not prohibited
    (https://cdc.gov.kh/wp-content/uploads/2022/04/Sub-Degree-36-on-Solid-Waste-Management_990427.pdf)."""
    dec = assess("THA", "KHM", stream="elemental_mercury")
    assert dec.status != "prohibited"
    assert any(r.rule_id == "FLAG-stream-scope" and KHM_BAN in r.detail for r in dec.reasons)


def test_cambodia_ban_starts_on_signature_and_leaves_exports_to_consent():
    """Art 32: in force from signature (27 Apr 1999): before it the row does not apply. Art 20:
    exports need the Ministry of Environment's agreement, a Ministry of Trade licence and the import
    country's permit, so Cambodia -> Thailand is not stopped by the import row
    (https://cdc.gov.kh/wp-content/uploads/2022/04/Sub-Degree-36-on-Solid-Waste-Management_990427.pdf)."""
    assert KHM_BAN not in ban_ids(assess("JPN", "KHM", as_of="1999-01-01"))
    dec = assess("KHM", "THA")
    assert dec.status != "prohibited" and KHM_BAN not in ban_ids(dec)


MEX_BAN = "MEX-LGPGIR-86-I-IMPORT-DISPOSAL"
KAZ_BAN = "KAZ-EC-2007-288-4-IMPORT-DISPOSAL"


def test_mexico_admits_hazardous_waste_imports_only_for_reuse_or_recycling():
    """LGPGIR Art 86 fr. I: imports of hazardous wastes 'Sólo se permitirá con el fin de reutilizar
    o reciclar los residuos' (Cámara de Diputados text, última reforma DOF 08-05-2023,
    https://www.diputados.gob.mx/LeyesBiblio/pdf/LGPGIR.pdf, read in
    madfam-org/leyes-como-codigo-mx data/federal/mx-fed-lgpgir-v2.xml @ 3636e03). Guatemala -> Mexico
    lamps for disposal is prohibited by Mexico's own rule; for recovery it is not."""
    dec = assess("GTM", "MEX", op="disposal")
    assert dec.status == "prohibited" and dec.rule_ids == ("R4-national-import",)
    assert dec.confidence == "high" and MEX_BAN in ban_ids(dec)
    assert MEX_BAN not in ban_ids(assess("GTM", "MEX", op="recovery"))


def test_mexico_rule_starts_ninety_days_after_the_2003_publication():
    """Transitorio Primero: in force 90 calendar days after publication in the DOF of 8 Oct 2003
    (6 Jan 2004); before it the row does not apply
    (https://www.diputados.gob.mx/LeyesBiblio/pdf/LGPGIR.pdf)."""
    assert MEX_BAN in ban_ids(assess("GTM", "MEX", op="disposal", as_of="2010-06-01"))
    assert MEX_BAN not in ban_ids(assess("GTM", "MEX", op="disposal", as_of="2003-06-01"))


def test_mexican_exports_need_consent_not_a_ban():
    """Art 87: export authorisations only with the prior consent of the importing and transit
    countries: Mexico's import rule does not stop Mexico -> United States lamps for disposal
    (https://www.diputados.gob.mx/LeyesBiblio/pdf/LGPGIR.pdf)."""
    dec = assess("MEX", "USA", op="disposal")
    assert dec.status != "prohibited" and MEX_BAN not in ban_ids(dec)


def test_kazakhstan_2007_code_barred_imports_for_burial_until_the_2021_code():
    """Ecological Code 2007 Art 288(4): 'Ввоз отходов с целью захоронения и обезвреживания
    запрещается' (consolidated to 25 Jun 2020; https://adilet.zan.kz/rus/docs/K070000212_, read in
    bnvStorm/promothod files/eco.pdf @ 705e930). China -> Kazakhstan lamps for disposal is prohibited
    in 2019 (medium), not for recovery (licence), and no longer after 30 Jun 2021: the 2021 Code's
    Art 416(1)-(2) brings it into force on 1 Jul 2021 and repeals the 2007 Code (kazakhstan-law/codes
    @2b7ec9f, rus/part003.md), when its own Art 346(9) takes over."""
    dec = assess("CHN", "KAZ", op="disposal", as_of="2019-06-01")
    assert dec.status == "prohibited" and dec.confidence == "medium" and KAZ_BAN in ban_ids(dec)
    assert KAZ_BAN not in ban_ids(assess("CHN", "KAZ", op="recovery", as_of="2019-06-01"))
    last = assess("CHN", "KAZ", op="disposal", as_of="2021-06-30")
    assert last.status == "prohibited" and KAZ_BAN in ban_ids(last)
    assert not any(KAZ_BAN in u and "not established" in u for u in last.unknowns)  # the end is dated now
    first = assess("CHN", "KAZ", op="disposal", as_of="2021-07-01")
    assert KAZ_BAN not in ban_ids(first) and "KAZ-EC-2021-346-9-IMPORT-DISPOSAL" in ban_ids(first)
    late = assess("CHN", "KAZ", op="disposal", as_of="2023-06-01")
    assert KAZ_BAN not in ban_ids(late)
    # seventeenth pass (law18b): the 2021 Code's Art 346(9) now decides (no longer 'not researched')
    assert "KAZ-EC-2021-346-9-IMPORT-DISPOSAL" in ban_ids(late)
