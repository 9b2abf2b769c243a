"""hgmap.law.decision: structured requirements behind the conditions; tables helpers."""

from __future__ import annotations

from hgmap import law

AS_OF = "2026-12-01"


def test_requirements_are_the_conditions_as_data():
    d = law.assess("FJI", "NZL", "mining_tailings", "disposal", as_of=AS_OF, via=["TUV"])
    assert d.conditions == tuple(c.text for c in d.requirements)
    kinds = [c.kind for c in d.requirements]
    assert kinds[:5] == ["import_consent", "contract", "esm", "justification", "documents"]
    assert "art11_procedure" in kinds and "minamata_tailings" in kinds and "transit_consent" in kinds
    art11 = next(c for c in d.requirements if c.kind == "art11_procedure")
    assert art11.agreement_id == "WAIGANI-1995"
    assert d.to_dict()["requirements"][0]["kind"] == "import_consent"


def test_prohibited_has_no_requirements_and_domestic_one():
    assert law.assess("TTO", "COL", "lamps", "disposal", as_of=AS_OF).requirements == ()
    d = law.assess("FJI", "FJI", "lamps", "disposal", as_of=AS_OF)
    assert [c.kind for c in d.requirements] == ["domestic"]


def test_not_governed_requirement_names_both_states():
    d = law.assess("HTI", "USA", "lamps", "disposal", as_of=AS_OF)
    c = next(c for c in d.requirements if c.kind == "national_law")
    assert c.states == ("HTI", "USA")


def test_territory_sovereigns():
    settable = law.territory_sovereigns()
    everything = law.territory_sovereigns(coverage_settable=False)
    assert set(settable) <= set(everything) and settable
    tables = law.load_tables()
    for iso, sov in settable.items():
        t = tables.territories[iso]
        assert t.sovereign == sov and t.basel_coverage != "covered" and not t.own_treaty_status


def test_every_requirement_names_a_documented_rule():
    rules = law.load_tables().rules
    for o, d, via in (("FJI", "NZL", ["TUV"]), ("BRB", "DEU", ["BEL"]), ("HTI", "USA", []), ("FJI", "FJI", []),
                      ("JAM", "CAN", ["USA"])):
        for req in law.assess(o, d, "mining_tailings", "disposal", as_of=AS_OF, via=via).requirements:
            assert req.rule_id in rules, req
