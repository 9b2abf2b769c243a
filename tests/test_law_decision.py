"""hgmap.law.decision: structured requirements behind the conditions; tables helpers."""

from __future__ import annotations

from hgmap import law

AS_OF = "2026-12-01"


def test_requirements_are_the_conditions_as_data():
    d = law.assess("WSM", "NZL", "mining_tailings", "disposal", as_of=AS_OF, via=["TUV"])
    assert d.conditions == tuple(c.text for c in d.requirements)
    kinds = [c.kind for c in d.requirements]
    assert kinds[:5] == ["import_consent", "contract", "esm", "justification", "documents"]
    assert "regional_procedure" in kinds and "minamata_tailings" in kinds and "transit_consent" in kinds
    regional = next(c for c in d.requirements if c.kind == "regional_procedure")
    assert regional.agreement_id == "WAIGANI-1995"
    assert d.to_dict()["requirements"][0]["kind"] == "import_consent"


def test_an_origin_outside_basel_follows_the_agreements_procedure_not_basel_art_6():
    """Fiji is not a Basel Party; New Zealand is, and both are Waigani Parties (an Art 11
    agreement). Basel Art 6(1) binds the State of export only if it is a Party, so Fiji notifies
    under Waigani Art 6(1): 'The exporting Party shall notify, or shall require the generator or
    exporter to notify, in writing, through its competent authority, the competent authority of
    the countries concerned ... the declarations and information specified in Annex VIA', with a
    movement document of Annex VIB (Art 6(9)) (IEA Database Project, coded Waigani text,
    https://iea.uoregon.edu/coded-agreement-with-a-code-filter?title=3224). New Zealand, the
    importing Party, must prevent an import it believes will not be managed soundly (Basel Art
    4(2)(g)). The USA (no Basel Party) exporting to Canada under USA-CAN-1986 is the same case."""
    d = law.assess("FJI", "NZL", "lamps", "recovery", as_of=AS_OF)
    first = d.requirements[0]
    assert first.kind == "import_consent" and first.agreement_id == "WAIGANI-1995"
    assert "Waigani Art 6(1)" in first.citation and "Basel Art 6" not in first.citation
    esm = next(c for c in d.requirements if c.kind.startswith("esm"))
    assert esm.kind == "esm_import" and esm.states == ("NZL",) and "4(2)(g)" in esm.citation
    assert "Waigani Art 6(9)" in next(c for c in d.requirements if c.kind == "documents").citation
    assert not any(c.kind == "art11_procedure" for c in d.requirements)
    us = law.assess("USA", "CAN", "lamps", "disposal", as_of=AS_OF)
    assert us.requirements[0].agreement_id == "USA-CAN-1986" and "Basel Art 6" not in us.requirements[0].citation
    # A Basel Party exporting under the same convention keeps Basel Art 6.
    wsm = law.assess("WSM", "NZL", "lamps", "recovery", as_of=AS_OF)
    assert wsm.requirements[0].citation == "Basel Art 6(1)-(3)"


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


def _minamata(o, d, stream, op, on):
    dec = law.assess(o, d, stream, op, as_of=on)
    return {c.kind: c for c in dec.requirements if c.instrument == "minamata"}


def test_minamata_tailings_condition_needs_the_convention_in_force_and_reads_art_11_2():
    """Minamata Convention Art 11(2) (in force 2017-08-16; text:
    https://www.mercuryconvention.org/en/documents/minamata-convention-mercury-text-and-annexes): the
    definition of mercury waste 'excludes overburden, waste rock and tailings from mining, except from
    primary mercury mining, unless they contain mercury or mercury compounds above thresholds defined
    by the Conference of the Parties'. In 2010 no end is bound: no Minamata condition at all. In 2026
    Australia is a Party: the condition says tailings from other mining (artisanal gold) can be
    mercury waste, never that only primary mercury mining counts."""
    assert _minamata("TUV", "AUS", "mining_tailings", "recovery", "2010-06-01") == {}
    now = _minamata("TUV", "AUS", "mining_tailings", "recovery", "2026-12-02")
    tailings = now["minamata_tailings"].text
    assert "unless they contain mercury or mercury compounds above thresholds" in tailings
    assert "artisanal" in tailings and "only when they come from primary" not in tailings
    assert "AUS" in now["minamata_tailings"].states
    assert "minamata_tailings" not in _minamata("TUV", "AUS", "lamps", "recovery", "2026-12-02")


def test_minamata_art_11_3_c_names_the_branch_that_applies():
    """Minamata Art 11(3)(c): 'For Parties to the Basel Convention, not transported across international
    boundaries except for the purpose of environmentally sound disposal in conformity with this Article
    and with that Convention. In circumstances where the Basel Convention does not apply to transport
    across international boundaries, a Party shall allow such transport only after taking into account
    relevant international rules, standards, and guidelines.' Haiti -> USA: Basel governs neither end
    (neither is a Basel Party), the USA is a Minamata Party: the second branch, not the first.
    Mauritius -> Germany (both Basel and Minamata Parties): the first branch only."""
    haiti = _minamata("HTI", "USA", "elemental_mercury", "disposal", "2026-12-02")["minamata_esm"].text
    assert "where the Basel Convention does not apply" in haiti
    assert "international rules, standards and guidelines" in haiti and "for Basel Parties" not in haiti
    mus = _minamata("MUS", "DEU", "elemental_mercury", "disposal", "2026-12-02")["minamata_esm"].text
    assert "for Basel Parties" in mus and "does not apply" not in mus
    assert _minamata("MUS", "DEU", "elemental_mercury", "disposal", "2010-06-01") == {}


def test_basel_e_waste_entry_is_the_one_in_force_on_the_date():
    """Decision BC-15/18 (the E-waste Amendments) replaced Annex VIII entry A1180 with A1181 'with
    effect on 1 January 2025' (Basel Secretariat FAQ,
    https://www.basel.int/Implementation/Ewaste/EwasteAmendments/EwasteAmendmentsFAQs/tabid/10107/Default.aspx).
    Lamps and batteries read A1180 to 31 Dec 2024 and A1181 from 1 Jan 2025, never both."""
    for stream in ("lamps", "batteries"):
        assert law.basel_entries(stream, as_of="2024-12-31") == ("Y29", "A1030", "A1180")
        assert law.basel_entries(stream, as_of="2025-01-01") == ("Y29", "A1030", "A1181")
    assert law.basel_entries("elemental_mercury", as_of="2010-06-01") == ("Y29", "A1010")
    # The EU OCT rule quotes the stream's entries in force (Reg 1013/2006 Art 40(2)).
    dec = law.assess("FRA", "PYF", "lamps", "recovery", as_of="2026-05-01")
    oct_reason = next(r for r in dec.reasons if r.rule_id == "R9-wsr-oct")
    assert "Y29; A1030; A1181" in oct_reason.detail and "A1180" not in oct_reason.detail


def test_a_malformed_basel_entry_names_the_stream_and_entry():
    import pytest

    from hgmap.errors import HgmapError
    from hgmap.law.tables import parse_basel_entries

    assert parse_basel_entries("Y29; A1180 to 2024-12-31", "lamps")[1][2].isoformat() == "2024-12-31"
    with pytest.raises(HgmapError, match="'lamps'.*'A1181 since 2025-01-01'"):
        parse_basel_entries("Y29; A1181 since 2025-01-01", "lamps")


def test_membership_term_tells_treaties_from_organisations():
    """The OECD and the EU are organisations with member States, not treaties with Parties
    (Basel Annex VII lists 'Parties and other States which are members of OECD, EC,
    Liechtenstein'); the Basel and Minamata Conventions have Parties."""
    assert law.membership_term("oecd") == "member" and law.membership_term("eu") == "member"
    assert law.membership_term("basel") == "party" and law.membership_term("minamata") == "party"
    assert law.membership_term("annex_vii") == "listed"
    assert {law.membership_term(i) for i in law.load_tables().instruments} == {"party", "member", "listed"}
