"""National rules read in the seventeenth pass (issue #13, Africa, law18a).

This pass found no new national prohibition for its codes. It added partly-read coverage rows
(kept 'not researched') for Comoros, Guinea-Bissau, Equatorial Guinea, the Central African
Republic and South Sudan (constitutions read in full in the Constitute Project translations,
victor-guillard-avestaai/africa-constitutions @311c665: no waste clause) and extended those of
Mauritius and Seychelles (``data/law/research/coverage.csv``, ``checked`` starting
"SEVENTEENTH PASS (law18a)"). Each test asks the public API (``hgmap.law.assess``) about a
movement into or out of one of those States and checks that what was read is not over-read: no
national ban is invented and the State's rules stay named as 'not researched'. Not legal advice.
"""

from __future__ import annotations

from hgmap import law

from ._law import assessor, ban_ids, no_ban_of, unknown_not_researched

recovery = assessor(op="recovery", as_of="2025-06-01", stream="lamps")


def _checked(iso3: str) -> str:
    return law.load_tables().coverage[iso3]["checked"]


def test_comoros_constitution_has_no_waste_ban():
    """The Comoros Constitution 2018 (Constitute Project translation, Comoros_2018.pdf,
    https://github.com/victor-guillard-avestaai/africa-constitutions/blob/311c665/data/constitutions/Comoros_2018.pdf)
    has no waste clause (Art 43: right to a healthy environment), and only Arts 1-6 of Loi-cadre
    94-018 were read. Tanzania -> Comoros lamps for recovery (both Basel and Bamako Parties) stay
    permitted with consent, below high, with no Comorian ban, and name the Comoros' import rules
    as not researched; the coverage row says what was read."""
    d = recovery("TZA", "COM")
    assert d.status == "permitted_with_consent"
    assert d.confidence != "high"
    assert no_ban_of(d, "COM")
    assert unknown_not_researched(d, "Comoros")
    assert "SEVENTEENTH PASS (law18a)" in _checked("COM") and "94-018" in _checked("COM")


def test_guinea_bissau_constitution_has_no_waste_ban():
    """The Guinea-Bissau Constitution 1996 (Guinea_Bissau_1996.pdf @311c665, read in full) has
    no waste clause and Lei 1/2011 was read only in its preamble: Senegal -> Guinea-Bissau lamps
    for recovery carry no Bissau-Guinean ban and keep its import rules unknown."""
    d = recovery("SEN", "GNB")
    assert d.status == "permitted_with_consent"
    assert no_ban_of(d, "GNB")
    assert unknown_not_researched(d, "Guinea-Bissau")


def test_equatorial_guinea_authorisation_is_not_a_ban():
    """Ley 7/2003 Art 66 makes managing and transporting toxic and hazardous wastes without an
    environmental authorisation an infraction (Hay Derecho en Guinea, 25 Jun 2024,
    https://www.hayderechoenguinea.com/noticias/sociedad/derrame-de-lauril-sulfato-de-sodio-en-bata):
    an authorisation, not a prohibition. Cameroon -> Equatorial Guinea lamps for recovery stay
    permitted with consent, with no ban of Equatorial Guinea, its import rules not researched."""
    d = recovery("CMR", "GNQ")
    assert d.status == "permitted_with_consent"
    assert no_ban_of(d, "GNQ")
    assert unknown_not_researched(d, "Equatorial Guinea")


def test_mauritius_export_restriction_is_not_an_export_ban():
    """Mauritius restricts hazardous-waste exports under the Environment Protection (Standards for
    Hazardous Wastes) Regulations 2001 (Basel Country Fact Sheet, http://muhaz.org/basel-convention.html?page=53)
    and exports what cannot be treated locally to licensed facilities abroad (Ministry of
    Environment, https://environment.govmu.org/Pages/swmd/SWMD-Hazardous-Waste.aspx): a
    restriction, not a ban. Mauritius -> France lamps for recovery stay permitted with consent,
    with no Mauritian ban, and name Mauritius' export rules as not researched."""
    d = recovery("MUS", "FRA")
    assert d.status == "permitted_with_consent"
    assert no_ban_of(d, "MUS")
    assert unknown_not_researched(d, "Mauritius")


def test_seychelles_waste_import_ban_still_applies():
    """The 2026 WTO notification G/MA/QR/N/SYC/3 (https://qr.wto.org/fr/qrs/848) was read for its
    toxic-chemicals item only; it does not lift the 2021 waste prohibition No. 50
    (SYC-QR-50-WASTE-IMPORT, G/MA/QR/N/SYC/2). India -> Seychelles lamps for recovery stay
    prohibited by that row, and Seychelles stays 'not researched' (its export and transit rules
    are not read)."""
    d = recovery("IND", "SYC")
    assert d.status == "prohibited"
    assert "SYC-QR-50-WASTE-IMPORT" in ban_ids(d)
    assert law.load_tables().coverage["SYC"]["national_rules"] == "not researched"
