"""National rules read in the seventeenth pass (issue #13, Americas, Pacific and territories, law18c).

This pass found no new national prohibition for its codes. It appended coverage rows
(``data/law/research/coverage.csv``, ``checked`` starting "SEVENTEENTH PASS (law18c)"): Fiji stays
researched with its transit rule still unread; Tuvalu, Saint Barthélemy, French Polynesia, Wallis and
Futuna, Tokelau, Barbados and Nauru are partly read and stay 'not researched'. Each test asks the
public API (``hgmap.law``) about a movement into one of those places and checks that what was read is
not over-read: no national ban is invented and the place's import rules stay named as 'not
researched'. Not legal advice.
"""

from __future__ import annotations

from hgmap import law

from ._law import assessor, ban_ids, no_ban_of, unknown_not_researched

recovery = assessor(op="recovery", as_of="2025-06-01", stream="lamps")


def _coverage(iso3: str):
    return law.load_tables().coverage[iso3]


def test_fiji_stays_researched_with_transit_unread():
    """Fiji's Customs (Prohibited Imports and Exports) Regulations 1986 have a reg 9 'Prohibited
    imports consigned to places outside the Fiji Islands' (table of provisions,
    https://documents.pub/document/customs-act-no11-of-1986-rev-2010-subsidiary-legislation-customs-act-no11.html);
    its text was not reached, so Fiji's import ban stands and its transit rules stay 'not
    researched'. New Zealand -> Fiji lamps for recovery is still prohibited by the Fiji row."""
    row = _coverage("FJI")
    assert row["national_rules"] == "researched"
    assert row["transit_rules"] == "not researched"
    assert "reg 9" in row["checked"]
    d = recovery("NZL", "FJI")
    assert d.status == "prohibited"
    assert "FJI-CUSTOMS-PIE-HW-IMPORT" in ban_ids(d)


def test_tuvalu_storage_offence_at_sea_is_not_an_import_ban():
    """Tuvalu's Marine Pollution Act (Cap. 48.16) s.20 makes it an offence to store toxic or other
    hazardous waste in Tuvalu waters or the seabed (arrangement,
    https://pacliirms.paclii.org/tv/legis/TV-consol_act_2008/mpa200; abstract,
    https://inms.international/de/node/14579); the import rules are left to regulations under the
    Waste Management Act 2017 s.36, none read. Fiji -> Tuvalu lamps for recovery (both inside the
    Waigani area) stay permitted with consent, carry no Tuvalu row and name Tuvalu's import rules
    as not researched."""
    d = recovery("FJI", "TUV")
    assert d.status == "permitted_with_consent"
    assert no_ban_of(d, "TUV")
    assert unknown_not_researched(d, "Tuvalu")
    assert _coverage("TUV")["national_rules"] == "not researched"


def test_saint_barthelemy_governs_its_own_environment_law():
    """CGCT Art LO 6213-1 with LO 6214-3 I 5° (etalab copy of Légifrance,
    https://github.com/etalab/codes-juridiques-francais @2afcea3): the collectivité fixes the rules on
    the environment, so the national Code de l'environnement does not apply of right; its own
    Code's waste-shipment rules were not read. USA -> Saint Barthélemy lamps for recovery carry no
    Saint-Barthélemy row, are not high and name its import rules as not researched."""
    d = recovery("USA", "BLM")
    assert d.status == "permitted_with_consent"
    assert d.confidence != "high"
    assert no_ban_of(d, "BLM")
    assert unknown_not_researched(d, "Saint Barth")
    assert "LO 6214-3" in _coverage("BLM")["checked"]


def test_tokelau_new_zealand_statutes_do_not_extend_of_themselves():
    """Tokelau Act 1948 s.6 'Statute law of New Zealand not applicable to Tokelau' (PacLII analysis,
    http://www.paclii.org/tk/legis/tk-nz_act/taaa1948245): New Zealand's waste-shipment controls do
    not reach Tokelau unless extended, and no Tokelau rule was read. Samoa -> Tokelau lamps for
    recovery carry no Tokelau row and name its import rules as not researched."""
    d = recovery("WSM", "TKL")
    assert d.status == "permitted_with_consent"
    assert no_ban_of(d, "TKL")
    assert unknown_not_researched(d, "Tokelau")


def test_barbados_customs_list_has_no_waste_item():
    """The First Schedule to Barbados' Customs (List of Prohibited and Restricted Imports and
    Exports) Order, 2009 (as listed at https://legacy.export.gov/article?id=Barbados-Prohibited-Restricted-Imports)
    names no waste, only 'goods the importation of which is banned by any other law of Barbados':
    Trinidad and Tobago -> Barbados lamps for recovery carry no Barbados row and name its import
    rules as not researched."""
    d = recovery("TTO", "BRB")
    assert d.status == "permitted_with_consent"
    assert no_ban_of(d, "BRB")
    assert unknown_not_researched(d, "Barbados")


def test_nauru_2020_act_read_only_to_its_contents():
    """Nauru's Environmental Management and Climate Change Act 2020 (No. 34 of 2020, certified
    23 Oct 2020, http://paclii.org/nr/legis/num_act/emacca2020357/) was read only in its table of
    contents (Part 4 conventions, Part 7 pollution control and waste): Papua New Guinea -> Nauru
    lamps for recovery carry no Nauru row and name its import rules as not researched."""
    d = recovery("PNG", "NRU")
    assert d.status == "permitted_with_consent"
    assert no_ban_of(d, "NRU")
    assert unknown_not_researched(d, "Nauru")
