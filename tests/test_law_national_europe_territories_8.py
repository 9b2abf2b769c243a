"""National rules read in the sixteenth pass (issue #13, Europe and territories, law16c).

Each test asks the public API (``hgmap.law.assess``) about a movement that only the national rules of the
State or territory under test decide, with the source in the docstring. Rows live in
``data/law/research/national_bans.csv`` and ``coverage.csv`` (notes start "SIXTEENTH PASS (law16c)").
Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, ban_ids, unknown_not_researched

SPM_34 = "SPM-CENV-L541-40-WSR-34"
SPM_36 = "SPM-CENV-L541-40-WSR-36"

disposal = assessor(op="disposal", as_of="2025-06-01", stream="lamps")
recovery = assessor(op="recovery", as_of="2025-06-01", stream="lamps")


def test_saint_pierre_and_miquelon_applies_the_waste_shipment_regulation_by_french_law():
    """French laws apply of right in Saint-Pierre-et-Miquelon from 1 Jan 2008 (CGCT Art LO 6413-1,
    https://github.com/etalab/codes-juridiques-francais, article-lo6413-1.md) and Code de
    l'environnement Art L541-40 I subjects 'l'importation, l'exportation et le transit de dechets' to
    Reg (EC) 1013/2006; the Ministry's GISTRID page treats shipments from SPM (975) as exports notified
    under the Regulation (http://info.gistrid.din.developpement-durable.gouv.fr/cas-specifique-l-outre-mer-a53.html).
    Its Art 34 bars exports for disposal outside EU/EFTA Basel Parties, so SPM -> Canada lamps for
    disposal is prohibited (it was permitted with consent before the row); SPM -> France stays domestic."""
    d = disposal("SPM", "CAN")
    assert d.status == "prohibited"
    assert SPM_34 in ban_ids(d)
    home = disposal("SPM", "FRA")
    assert home.status == "domestic"
    assert SPM_34 not in ban_ids(home)


def test_saint_pierre_and_miquelon_recovery_exports_outside_the_oecd_are_barred():
    """Reg 1013/2006 Art 36(1)(a), applied in SPM through Code de l'environnement Art L541-40: hazardous
    wastes for recovery may not go to countries to which the OECD Decision does not apply. SPM -> Brazil
    lamps for recovery cites the SPM row; SPM -> Canada (OECD) for recovery is not barred by it."""
    d = recovery("SPM", "BRA")
    assert d.status == "prohibited"
    assert SPM_36 in ban_ids(d)
    oecd = recovery("SPM", "CAN")
    assert oecd.status != "prohibited"
    assert SPM_36 not in ban_ids(oecd)


def test_saint_pierre_and_miquelon_rows_not_before_the_identity_rule():
    """CGCT Art LO 6413-1 makes French laws applicable in SPM only from 1 Jan 2008; the Legifrance
    version of 25 Jan 2014 of the Code's transboundary-shipment section already refers to 'le reglement
    communautaire mentionne a l'article L. 541-40'. Before 2008 the SPM row does not apply; in 2012 it
    applies with the start marked not established (low confidence)."""
    before = disposal("SPM", "CAN", as_of="2007-06-01")
    assert SPM_34 not in ban_ids(before)
    assert before.status != "prohibited"
    window = disposal("SPM", "CAN", as_of="2012-06-01")
    assert window.status == "prohibited"
    assert SPM_34 in ban_ids(window)
    assert window.confidence == "low"


def test_french_southern_territories_researched_without_a_ban():
    """Loi 55-1052 Art 1-1: in State matters only texts that say so apply in the TAAF; Code de
    l'environnement Art L640-1 lists the articles applicable there and none of the waste title
    (https://github.com/etalab/codes-juridiques-francais, livre-vi/titre-iv/article-l640-1.md).
    South Africa -> TAAF lamps for disposal is no longer capped by a 'not researched' unknown and no
    TAAF ban is cited."""
    d = disposal("ZAF", "ATF")
    assert not unknown_not_researched(d, "French Southern Territories")
    assert not any(b.startswith("ATF-") for b in ban_ids(d))
    assert d.status != "prohibited"


def test_belarus_researched_transit_permitted_with_pledge():
    """Belarus Council of Ministers Resolution No. 231 of 20 Feb 2008, made under Law 271-Z Art 28(3),
    sets the pledge due 'when implementing import of dangerous wastes to the Republic of Belarus or their
    movements by transit through the territory of the Republic of Belarus'
    (https://cis-legislation.com/document.fwx?rgn=22134): transit is permitted, not banned. Ukraine ->
    Belarus lamps for recovery no longer lists Belarus as 'not researched'; Poland -> Belarus for disposal
    stays prohibited by Law 271-Z (imports only for recycling)."""
    d = recovery("UKR", "BLR")
    assert not unknown_not_researched(d, "Belarus")
    assert "BLR-LAW-271Z-2007" in ban_ids(disposal("POL", "BLR"))
    t = recovery("POL", "RUS", via=["BLR"])
    assert not unknown_not_researched(t, "Belarus")
    assert not any(b.startswith("BLR-") and "TRANSIT" in b for b in ban_ids(t))


SJM_71 = "SJM-SVALBARDMILJOLOVEN-71-IMPORT"


def test_svalbard_bars_all_waste_imports_including_from_mainland_norway():
    """Svalbardmiljøloven (lov 15. juni 2001 nr. 79) § 71 second paragraph: 'Ingen må innføre avfall til
    Svalbard' (Lovdata consolidation, https://lovdata.no/dokument/NL/lov/2001-06-15-79, held in
    Ansvar-Systems/Norwegian-law-mcp data/seed/lov-2001-06-15-79.json). Norway -> Svalbard lamps for
    recovery, domestic under Basel Art 2(3), is prohibited by the territory's own rule; Russia -> Svalbard
    for disposal too, and Svalbard is no longer 'not researched'."""
    home = recovery("NOR", "SJM")
    assert home.status == "prohibited"
    assert SJM_71 in ban_ids(home)
    d = disposal("RUS", "SJM")
    assert d.status == "prohibited"
    assert SJM_71 in ban_ids(d)
    assert not unknown_not_researched(d, "Svalbard")


def test_svalbard_ban_bounded_by_the_act_and_its_2021_version():
    """The Act entered into force on 1 Jul 2002 and § 71 was amended in 2012 and 2021 (in force 1 Jul 2021);
    which version introduced the import sentence was not read, so before 2002 the row does not apply and in
    2015 it applies at low confidence; exports from Svalbard to mainland Norway are not barred (§ 71 third
    paragraph lets the Ministry require waste to be shipped away)."""
    assert SJM_71 not in ban_ids(recovery("NOR", "SJM", as_of="2001-06-01"))
    mid = recovery("NOR", "SJM", as_of="2015-06-01")
    assert mid.status == "prohibited" and mid.confidence == "low"
    out = recovery("SJM", "NOR")
    assert out.status != "prohibited"
    assert SJM_71 not in ban_ids(out)


def test_minor_outlying_islands_researched_under_us_federal_law():
    """TSCA 15 U.S.C. 2602(16)-(17) counts 'any other territory or possession of the United States' as a
    State, so the federal regime (TSCA's mercury export ban) reaches the Minor Outlying Islands; no
    territorial ban exists (https://github.com/codexstanford/markdonw-chunck-of-the-usa-code,
    chuncks/title-15/chunck-4889.md). Korea -> UMI lamps for recovery no longer lists UMI as 'not
    researched', and UMI -> Japan elemental mercury stays prohibited."""
    d = recovery("KOR", "UMI")
    assert not unknown_not_researched(d, "Minor Outlying Islands")
    assert not any(b.startswith("UMI-") for b in ban_ids(d))
    assert disposal("UMI", "JPN", stream="elemental_mercury").status == "prohibited"


def test_faroe_islands_stay_not_researched():
    """Danish Environmental Protection Act § 118: 'Loven gælder ikke for Færøerne og Grønland'
    (https://www.retsinformation.dk/eli/lta/2010/879); the Faroese own law was not reached, so the Faroes
    stay 'not researched' and answers into them keep the unknown."""
    d = recovery("GBR", "FRO")
    assert unknown_not_researched(d, "Faroe")


def test_the_danish_import_order_does_not_reach_the_faroe_islands():
    """The Danish import order (BEK nr. 1618 af 15/12/2010 § 10, continued as § 12 of BEK nr. 1365 of
    2024) rests on the Environmental Protection Act, which does not apply to the Faroe Islands or
    Greenland (Miljøbeskyttelsesloven § 118, LBK 879/2010 on Retsinformation, held in the Danish-law-mcp
    repository, data/seed/2010_879.json): its row
    is held by Denmark alone ('=DNK'). Germany -> Denmark for disposal is barred by it; Germany -> the
    Faroe Islands is not (only EU law decides it)."""
    dnk = "DNK-BEK-1618-2010-10-IMPORT-DISPOSAL"
    assert dnk in ban_ids(disposal("DEU", "DNK"))
    assert dnk not in ban_ids(disposal("DEU", "FRO"))
    assert dnk not in ban_ids(disposal("DEU", "GRL"))
