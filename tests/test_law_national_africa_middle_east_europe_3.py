"""National waste-shipment rules, eleventh pass, Africa, the Middle East and Europe (issue #13, law10b).

Each test cites the full text read for the ban or coverage row it checks (data/law/research/national_bans.csv,
coverage.csv) and asks the public API for the answer that text gives. Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, decision_text


assess = assessor(op="recovery", as_of="2015-06-01")


text = decision_text


def test_guinea_constitution_bars_transit_of_toxic_wastes():
    """Guinea, Constitution of 2010, Art 17: 'The transit, the importation, the storage, the dumping on the
    national territory of toxic waste or pollutants, and all agreements relative to the matter constitute a
    crime against the Nation' (Comparative Constitutions Project translation, constituteproject.org, mirrored
    at https://github.com/victor-guillard-avestaai/africa-constitutions/blob/311c665/data/constitutions/Guinea_2010.pdf).
    A movement between two EU States routed through Guinea in 2015 is prohibited by
    GIN-CONST-2010-17-TRANSIT (R7-national-transit)."""
    dec = assess("DEU", "FRA", via=("GIN",))
    assert dec.status == "prohibited"
    assert [t.status for t in dec.transit] == ["prohibited"]
    assert "GIN-CONST-2010-17-TRANSIT" in dec.transit[0].reasons[0].ban_ids


def test_guinea_transit_ban_starts_with_the_2010_constitution():
    """Same source: the article dates from the Constitution of 7 May 2010 (date cited by Guinea's Code de
    l'environnement 2019). In 2009 the transit ban does not apply to the same route."""
    dec = assess("DEU", "FRA", via=("GIN",), as_of="2009-06-01")
    assert not any("GIN-CONST-2010-17-TRANSIT" in r.ban_ids for t in dec.transit for r in t.reasons)
    assert "GIN-CONST-2010-17-TRANSIT" not in text(dec)


def test_guinea_import_ban_still_applies():
    """Same Art 17 (import, GIN-CONST-2010-17, whose words this pass read): Senegal -> Guinea is prohibited by
    the national import ban (R4-national-import)."""
    dec = assess("SEN", "GIN")
    assert dec.status == "prohibited" and "R4-national-import" in dec.rule_ids
    assert "GIN-CONST-2010-17" in text(dec)


def test_burundi_constitution_has_no_import_ban_and_stays_not_researched():
    """Burundi, Constitution of 2018 (constituteproject.org translation, mirrored at
    https://github.com/victor-guillard-avestaai/africa-constitutions/blob/311c665/data/constitutions/Burundi_2018.pdf):
    its only waste clause, Art 280, prohibits 'Agreements authorizing toxic waste storage'; there is no import or
    transit ban, and the Code de l'environnement was not read. A transit through Burundi is therefore not
    prohibited by a national rule but is capped below high with Burundi named as not researched."""
    dec = assess("DEU", "FRA", via=("BDI",), as_of="2025-06-01")
    assert dec.status == "permitted_with_consent" and dec.confidence != "high"
    assert any("Burundi" in u and "not researched" in u for u in dec.unknowns)
