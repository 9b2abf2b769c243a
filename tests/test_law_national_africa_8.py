"""National rules read in the sixteenth pass (issue #13, Africa, law16a).

This pass found no new national prohibition for its codes; it added partly-read coverage rows
(kept 'not researched') for Gabon, Sudan, Sierra Leone and the Gambia, and extended those of
Libya, Mozambique, Angola, Burkina Faso and Ethiopia (``data/law/research/coverage.csv``, ``checked`` starting
"SIXTEENTH PASS (law16a)"). Each test asks the public API (``hgmap.law.assess``) about a movement
into one of those States and checks that what was read is not over-read: no national ban is
invented and the State's import rules stay named as 'not researched'. Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, no_ban_of, unknown_not_researched

recovery = assessor(op="recovery", as_of="2025-06-01", stream="lamps")


def test_gabon_consent_procedure_is_not_a_ban():
    """Gabon's CNAP arrêté regulates 'les conditions d'obtention des consentements au transfert
    transfrontière des déchets dangereux' (title and visas read,
    https://pdfslide.tips/documents/ministere-de-lenvironnement-du-ministere-de-lenvironnement-du-republique.html),
    and Gabon exports hazardous wastes to EU treatment centres (Minister, 30 Nov 2012,
    https://bdpmodwoam.org/articles/2012/11/30/murir-la-reflexion-sur-la-gestion-des-dechets-chimiques):
    a consent regime, not a prohibition, and its articles were not read. Cameroon -> Gabon lamps
    for recovery (both Basel and Bamako Parties) stay permitted with consent, below high, and
    name Gabon's import rules as not researched."""
    d = recovery("CMR", "GAB")
    assert d.status == "permitted_with_consent"
    assert d.confidence != "high"
    assert no_ban_of(d, "GAB")
    assert unknown_not_researched(d, "Gabon")


def test_sudan_customs_lists_have_no_waste_item():
    """Sudan's prohibited-import list (U.S. Commercial Service Country Commercial Guide,
    https://www.trade.gov/country-commercial-guides/sudan-prohibited-and-restricted-imports)
    names no waste, and no environment statute was read: Egypt -> Sudan lamps for recovery is
    not prohibited by any Sudanese row and keeps Sudan's import rules unknown."""
    d = recovery("EGY", "SDN")
    assert d.status == "permitted_with_consent"
    assert no_ban_of(d, "SDN")
    assert unknown_not_researched(d, "Sudan")


def test_sierra_leone_2022_act_read_only_to_part_one():
    """The Environmental Protection Agency Act 2022 (Act 15 of 2022, commenced 15 Sep 2022,
    https://sierralii.gov.sl/akn/sl/act/2022/15/eng@2022-09-15) was read only in Part I:
    Guinea -> Sierra Leone lamps for recovery carries no Sierra Leone ban and names its import
    rules as not researched."""
    d = recovery("GIN", "SLE")
    assert d.status == "permitted_with_consent"
    assert no_ban_of(d, "SLE")
    assert unknown_not_researched(d, "Sierra Leone")


def test_libya_decision_293_of_2025_is_not_modelled_as_a_waste_ban():
    """Libya's Decision No. 293 of 2025 bans imports of used barrels and tanks and of used visual
    electronic devices (second-hand goods; https://a5r5br.net/libya/local-news/6284403-...), not
    wastes by its words, so it is not modelled: Egypt -> Libya lamps for recovery is not
    prohibited by a Libyan row and Libya's import rules stay not researched."""
    d = recovery("EGY", "LBY")
    assert d.status == "permitted_with_consent"
    assert no_ban_of(d, "LBY")
    assert unknown_not_researched(d, "Libya")


def test_gambia_waste_bill_not_enacted():
    """The Gambia's Waste Management Bill was still in clause-by-clause review before the National
    Assembly's Select Committee in February 2026 (https://standard.gm/na-concludes-stakeholder-consultation/),
    so no Gambian waste-movement rule is modelled: Senegal -> Gambia lamps for recovery stays
    permitted with consent and names the Gambia's import rules as not researched."""
    d = recovery("SEN", "GMB")
    assert d.status == "permitted_with_consent"
    assert no_ban_of(d, "GMB")
    assert unknown_not_researched(d, "Gambia")
