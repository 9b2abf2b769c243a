"""National rules read in the thirteenth pass (issue #13, americas_africa, law13b).

Each test asks the public API (``hgmap.law.assess``) about a movement that only the national rules of the
State under test decide, with the source in the docstring. Rows live in
``data/law/research/coverage.csv`` (``checked`` starts "THIRTEENTH PASS (law13b)"). Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, ban_ids, unknown_not_researched

DAY = "2025-06-01"

assess = assessor(op="recovery", as_of=DAY, stream="lamps")


def test_trinidad_and_tobago_researched_without_a_national_ban():
    """Trinidad and Tobago has not enacted the Basel Convention in national law: the Environmental
    Management Authority's 'Technical & Legislative Brief to inform proposed Basel Convention Legislation'
    (https://www.ema.co.tt/our-environment/waste/basel-convention/brief-for-basel-convention-legislation/,
    consultation 18 Nov 2024 - 7 Feb 2025) 'is intended to inform the drafting of legislation to enact the
    Basel Convention'; the Customs Act Chap. 78:01 s.45 prohibited/restricted imports name no waste
    (https://www.trade.gov/country-commercial-guides/trinidad-and-tobago-prohibited-and-restricted-imports;
    WTO TPR WT/TPR/S/388/Rev.1 paras 3.36-3.38). Jamaica -> Trinidad and Tobago lamps for recovery (two
    Basel Parties, neither in Annex VII) is therefore permitted with consent at high confidence, with no
    'not researched' unknown for Trinidad and Tobago."""
    dec = assess("JAM", "TTO")
    assert dec.status == "permitted_with_consent"
    assert dec.confidence == "high"
    assert not unknown_not_researched(dec, "Trinidad and Tobago")


def test_barbados_is_still_not_researched():
    """Control for the test above: Barbados' national rules are still 'not researched' (coverage.csv:
    the Basel fact sheet and the Customs Order 2009 were read only in part), so Jamaica -> Barbados is
    capped below high with Barbados named in the unknowns."""
    dec = assess("JAM", "BRB")
    assert dec.status == "permitted_with_consent"
    assert dec.confidence != "high"
    assert unknown_not_researched(dec, "Barbados")


def test_panama_import_ban_and_export_consent_regime():
    """Panama's customs authority (Autoridad Nacional de Aduanas, 'Requisitos', Convenio de Basilea,
    https://ana.gob.pa/w_av/index.php/requisitos/2-uncategorised): 'a través de la Ley 8 del 7 de junio de
    1991 se prohíbe la importación de desechos tóxicos y contaminantes al territorio nacional'; exports need
    the authorisation of the Subdirección General de Salud Ambiental and the written consent of the
    importing and transit States (also Basel Country Fact Sheet 2003, muhaz.org memorandum.html?page=82).
    Jamaica -> Panama lamps for recovery is prohibited by PAN-LEY-8-1991 (besides the CAA); Panama ->
    Mexico is not stopped by a Panamanian export ban (none exists) and Panama is no longer listed as
    'not researched'."""
    into = assess("JAM", "PAN")
    assert into.status == "prohibited" and "PAN-LEY-8-1991" in ban_ids(into)
    out = assess("PAN", "MEX")
    assert out.status == "permitted_with_consent" and "PAN-LEY-8-1991" not in ban_ids(out)
    assert not unknown_not_researched(out, "Panama")


def test_eac_customs_prohibited_goods_flag_hazardous_waste_imports_into_tanzania_and_burundi():
    """EAC Customs Management Act 2004, s.18 and Second Schedule Part A (prohibited imports): 'Hazardous
    wastes and their disposal as provided for under the base[l] conventions'
    (https://trade.gov/country-commercial-guides/tanzania-prohibited-restricted-imports;
    https://aowangaadvocates.com/prohibited-and-restricted-imports-in-kenya/; Burundi applies the Schedules:
    https://info.commerce.bi/menu/25). The reach of the item is unsettled, so the rows flag every stream.
    Mauritius -> Tanzania and DR Congo -> Burundi (Bamako Parties on both sides, so Bamako's import ban does
    not apply) stay permitted with consent but carry the EAC flag; before the Act (2004) no flag."""
    tza = assess("MUS", "TZA")
    assert tza.status == "permitted_with_consent"
    assert "TZA-EACCMA-2004-SCH2A-HW-IMPORT" in ban_ids(tza)
    bdi = assess("COD", "BDI")
    assert bdi.status == "permitted_with_consent"
    assert "BDI-EACCMA-2004-SCH2A-HW-IMPORT" in ban_ids(bdi)
    before = assess("MUS", "TZA", as_of="2003-06-01")
    assert "TZA-EACCMA-2004-SCH2A-HW-IMPORT" not in ban_ids(before)


def test_eac_customs_flag_reaches_every_partner_state_read():
    """The EACCMA Second Schedule Part A item binds every EAC Partner State, not only the two law13b
    flagged: Kenya (A. Owanga Advocates, 'Prohibited and restricted imports in Kenya', item 7,
    https://aowangaadvocates.com/prohibited-and-restricted-imports-in-kenya/) and Uganda (founding Partner
    States, from the Act's commencement on 1 January 2005), and Rwanda (a Partner State since 1 July 2007).
    Mauritius -> Kenya / Uganda / Rwanda lamps for recovery carry the flag and are not prohibited by it;
    before the Act none does."""
    for iso in ("KEN", "UGA", "RWA"):
        dec = assess("MUS", iso)
        assert f"{iso}-EACCMA-2004-SCH2A-HW-IMPORT" in ban_ids(dec), iso
        assert dec.status != "prohibited", iso  # a flag, not a prohibition
        assert f"{iso}-EACCMA-2004-SCH2A-HW-IMPORT" not in ban_ids(assess("MUS", iso, as_of="2003-06-01")), iso
