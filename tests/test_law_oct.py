"""EU exports to overseas countries and territories (OCTs): Reg (EC) 1013/2006 Art 40.

Each test names its source. The Art 40 content is read from the UK Transfrontier Shipment
of Waste Regulations 2007 (SI 2007/1711, as made) reg 25, which makes it an offence to
transport waste "destined for disposal in an overseas country or territory in breach of
Article 40(1)" and waste "destined for recovery in an overseas country or territory in
breach of Article 40(2) (prohibition on the export of certain waste)"
(http://www.opsi.gov.uk/si/si2007/plain/uksi_20071711_en_4); the OCTs are those of TFEU
Annex II (data/law/octs.csv). Not legal advice.
"""

from __future__ import annotations

import csv

import pytest

from hgmap import law
from hgmap._io import data_path


def _prohibiting(dec: law.Decision) -> dict[str, law.Reason]:
    return {r.rule_id: r for r in dec.reasons if r.effect == "prohibits"}


def test_germany_to_aruba_recovery_prohibited_by_art_40_2():
    """Germany -> Aruba for recovery was permitted (Aruba's OECD status presumed from the
    Netherlands). Reg 1013/2006 Art 40(2): the Art 36 prohibition applies to exports for
    recovery to OCTs (SI 2007/1711 reg 25(c)); Aruba is in TFEU Annex II."""
    dec = law.assess("DEU", "ABW", "lamps", "recovery", as_of="2020-01-01")
    assert dec.status == "prohibited"
    rules = _prohibiting(dec)
    assert set(rules) == {"R9-wsr-oct"}  # not R9-wsr-recovery: Art 40 is the specific rule
    assert "Art 40(2)" in rules["R9-wsr-oct"].citation and "Art 36" in rules["R9-wsr-oct"].citation
    assert dec.confidence == "medium"  # Art 40 read through SI 2007/1711, not verbatim
    assert "http://www.opsi.gov.uk/si/si2007/plain/uksi_20071711_en_4" in rules["R9-wsr-oct"].sources


def test_germany_to_aruba_recovery_today_carries_art_40_over_with_low_confidence():
    """From 2026-05-21 Reg (EU) 2024/1157 replaces Reg 1013/2006; its OCT provision was not
    read (rules.csv R9-wsr-oct notes), so the answer is low and says so."""
    dec = law.assess("DEU", "ABW", "lamps", "recovery", as_of="2026-12-02")
    assert dec.status == "prohibited"
    reason = _prohibiting(dec)["R9-wsr-oct"]
    assert "2024/1157" in reason.citation
    assert dec.confidence == "low"
    assert any("2024/1157" in u for u in dec.unknowns)


def test_disposal_to_an_oct_prohibited_by_art_40_1_not_art_34():
    """Art 40(1): exports for disposal to an OCT are prohibited (SI 2007/1711 reg 25(b)).
    The reason is Art 40(1), not the general Art 34 ban (R9-wsr-disposal)."""
    dec = law.assess("DEU", "NCL", "batteries", "disposal", as_of="2015-06-01")
    assert dec.status == "prohibited"
    rules = _prohibiting(dec)
    assert "R9-wsr-oct" in rules and "R9-wsr-disposal" not in rules
    assert rules["R9-wsr-oct"].citation == "Reg (EC) 1013/2006 Art 40(1)"


def test_art_40_not_before_reg_1013_2006_applies():
    """Reg 1013/2006 applies from 12 Jul 2007 (rules.csv in_force_from); Reg 259/93's OCT
    article (Art 18) was not read, so before then the general Reg 259/93 Art 14 export ban
    for disposal (bans.csv EU-259-93-14) is the reason."""
    dec = law.assess("DEU", "ABW", "lamps", "disposal", as_of="2006-01-01")
    rules = _prohibiting(dec)
    assert "R9-wsr-oct" not in rules
    assert "R9-wsr-disposal" in rules and "259/93" in rules["R9-wsr-disposal"].citation


def test_member_state_to_its_own_oct_is_prohibited_although_one_state():
    """France -> French Polynesia is one State for Basel (Art 2(3)), but EU law applies only
    in France: Art 40(2) prohibits hazardous waste for recovery (TFEU Annex II lists French
    Polynesia; ADRAC / DEAL Guadeloupe: an OCT is a third country for Reg 1013/2006)."""
    dec = law.assess("FRA", "PYF", "dental_amalgam", "recovery", as_of="2020-01-01")
    assert dec.status == "prohibited"
    assert "R9-wsr-oct" in _prohibiting(dec)


def test_oct_to_its_member_state_needs_the_eu_procedure():
    """Aruba -> the Netherlands: domestic for Basel (Art 2(3)), but shipments from an OCT into
    the EU follow the Waste Shipment Regulation's notification and consent ('les transports
    de déchets dangereux depuis les PTOM sont soumis à notification', ADRAC,
    https://www.adrac.fr/index.php/articles/1073-transit-transfert-de-dechets-dangereux)."""
    dec = law.assess("ABW", "NLD", "lamps", "disposal", as_of="2020-01-01")
    assert dec.status == "domestic"
    assert "eu_wsr" in {c.kind for c in dec.requirements}
    steps = law.procedure(dec)
    assert steps.basis_kind == "same_state"
    assert "eu_wsr" in {s.kind for s in steps.steps}
    # An outermost region is EU territory: no EU procedure within France (TFEU Art 349).
    inside = law.assess("MTQ", "FRA", "lamps", "disposal", as_of="2020-01-01")
    assert inside.status == "domestic" and "eu_wsr" not in {c.kind for c in inside.requirements}


def test_uk_octs_only_until_2020():
    """The 12 UK OCTs are excluded from the association from 2021 (Council Decision (EU)
    2021/1764 recital 2); EU law applied to the UK until 2020-12-31. Bermuda is an OCT for
    Germany's exports in 2019, a third country in 2022."""
    assert "R9-wsr-oct" in _prohibiting(law.assess("DEU", "BMU", "lamps", "recovery", as_of="2019-06-01"))
    assert "R9-wsr-oct" not in _prohibiting(law.assess("DEU", "BMU", "lamps", "recovery", as_of="2022-06-01"))
    # And the UK, a Member State in 2019, could not send waste for disposal to its own OCT.
    assert "R9-wsr-oct" in _prohibiting(law.assess("GBR", "CYM", "lamps", "disposal", as_of="2019-06-01"))


def test_dated_oct_periods_mayotte_and_saint_barthelemy():
    """Mayotte was an OCT until it became an outermost region on 1 Jan 2014; Saint-Barthélemy
    became an OCT on 1 Jan 2012 ('devenu PTOM le 1er janvier 2012', DEAL Guadeloupe via
    ADRAC). octs.csv oct_to / oct_from."""
    assert law.assess("FRA", "MYT", "lamps", "disposal", as_of="2010-01-01").status == "prohibited"
    assert law.assess("FRA", "MYT", "lamps", "disposal", as_of="2015-01-01").status == "domestic"
    assert "R9-wsr-oct" in _prohibiting(law.assess("DEU", "BLM", "lamps", "recovery", as_of="2013-01-01"))


@pytest.mark.parametrize("code", ["FRO", "GLP", "GIB", "JEY", "PRI"])
def test_territories_outside_annex_ii_are_not_octs(code):
    """The Faroes (TFEU Art 355(5)(a)), Guadeloupe (an outermost region, Art 349), Gibraltar
    (Art 355(3)), Jersey (Art 355(5)(c)) and Puerto Rico (a US territory) are not in TFEU
    Annex II, so Art 40 never gives the reason."""
    for op in ("disposal", "recovery"):
        assert "R9-wsr-oct" not in _prohibiting(law.assess("DEU", code, "lamps", op, as_of="2019-06-01"))


def test_every_annex_ii_territory_gets_art_40_and_the_matrix_agrees():
    """Every OCT of octs.csv (TFEU Annex II) is an Art 40 destination on 2019-06-01 (all
    still in the association then), and law.matrix gives the same answer as law.assess."""
    with open(data_path("law", "octs.csv"), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    octs = {r["territory_iso3"] for r in rows if r["oct_to"] in ("", "2020-12-31") and not r["oct_from"]}
    assert {"ABW", "CUW", "SXM", "BES", "GRL", "NCL", "PYF", "WLF", "SPM", "ATF", "BMU", "CYM"} <= octs
    m = law.matrix("lamps", "recovery", as_of="2019-06-01")
    for code in sorted(octs):
        dec = law.assess("DEU", code, "lamps", "recovery", as_of="2019-06-01")
        assert "R9-wsr-oct" in _prohibiting(dec), code
        if code in m.codes:
            assert m.status_name("DEU", code) == dec.status == "prohibited"
    for r in rows:
        assert r["source_url"] and r["confidence"] in {"high", "medium", "low"} and r["as_of"]


def test_eea_exporter_gets_art_40_with_low_confidence_and_the_unknown():
    """Reg 1013/2006 applies in Norway through the EEA Agreement (as R9-wsr-disposal does);
    whether the EEA adaptation carries Art 40, which concerns the EU's OCTs, was not read:
    the rule applies with low confidence and names the unknown."""
    dec = law.assess("NOR", "ABW", "lamps", "disposal", as_of="2020-01-01")
    reason = _prohibiting(dec)["R9-wsr-oct"]
    assert reason.confidence == "low" and "EEA" in reason.detail
    assert any("EEA Agreement" in u for u in dec.unknowns)
