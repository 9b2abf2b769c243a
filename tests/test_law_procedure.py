"""hgmap.law.procedure: the steps of a movement as data, from the Decision's structured fields."""

from __future__ import annotations

from hgmap import law

AS_OF = "2026-12-01"


def _proc(o, d, via=(), stream="lamps", op="disposal", **kw):
    return law.procedure(law.assess(o, d, stream, op, as_of=AS_OF, via=via), **kw)


def test_basel_consent_with_transit_non_party():
    p = _proc("JAM", "CAN", ["USA"], names={"CAN": "Canada", "USA": "United States"})
    assert p.basis_kind == "basel_consent"
    kinds = [s.kind for s in p.steps]
    assert kinds[0] == "import_consent" and p.steps[0].states == ("CAN",) and p.steps[0].actor == "JAM"
    notice = next(s for s in p.steps if s.kind == "transit_notice")
    assert notice.states == ("USA",) and "United States (USA)" in notice.text and notice.citation == "Basel Art 7"
    assert "transit_consent" not in kinds
    assert {c.kind for c in p.paperwork} == {"contract", "esm", "justification", "documents"}


def test_art11_agreement_and_transit_party():
    p = _proc("FJI", "NZL", ["TUV"])
    assert p.basis_kind == "art11_agreement" and p.agreement_ids == ("WAIGANI-1995",)
    assert "Waigani Convention" in p.basis
    # Fiji is outside Basel: the agreement's own notification and consent (Waigani Art 6(1)).
    notice = next(s for s in p.steps if s.kind == "agreement_notice")
    assert notice.agreement_ids == ("WAIGANI-1995",) and notice.states == ("FJI", "NZL")
    assert "Waigani Art 6(1)" in notice.citation
    # The agreement's own article is a field, apart from the Basel article (readers never split
    # the citation); the movement document likewise (Waigani Art 6(9), Annex VI B).
    assert notice.agreement_citation == "Waigani Art 6(1), Annex VI A"
    doc = next(c for c in p.paperwork if c.kind == "documents")
    assert doc.agreement_citation == "Waigani Art 6(9), Annex VI B" and "Basel Art 4(7)" in doc.citation
    assert not any(s.kind in ("import_consent", "art11_procedure") for s in p.steps)
    assert next(s for s in p.steps if s.kind == "transit_consent").states == ("TUV",)
    # Canada (a Party) -> the USA (outside Basel): under USA-CAN-1986, with the US import rule.
    p = _proc("CAN", "USA")
    assert p.steps[0].kind == "agreement_notice" and p.steps[0].agreement_ids[0] == "USA-CAN-1986"
    # hgmap has not read this agreement's articles: the agreement itself is what the step follows.
    assert p.steps[0].agreement_citation == "USA-CAN-1986"
    assert "us_import" in [s.kind for s in p.steps] and "import_consent" not in [s.kind for s in p.steps]


def test_outside_basel_a_regional_convention_is_the_procedure_itself():
    """Fiji -> Niue: neither is a Basel Party, both are Waigani Parties: the Waigani procedure is
    the one that applies (Waigani Art 6(1), 6(9); IEA coded text), not 'alongside Basel'."""
    p = _proc("FJI", "NIU")
    assert p.basis_kind == "not_governed" and "Waigani Convention" in p.basis
    step = next(s for s in p.steps if s.kind == "regional_procedure")
    assert "Waigani Art 6(1)" in step.citation and "alongside Basel" not in step.text


def test_regional_procedure_step_carries_the_agreement_article():
    """The regional step names where the convention sets its procedure, as a field (the dossier
    otherwise falls back to Basel Art 11). Waigani Art 6(1) (notification, Annex VI A) and
    Art 6(9) (movement document, Annex VI B), IEA coded text
    https://iea.uoregon.edu/coded-agreement-with-a-code-filter?title=3224. Tuvalu -> Australia:
    both Basel and Waigani Parties (Waigani alongside Basel, Basel Art 11); Fiji -> Niue: neither a
    Basel Party, both Waigani Parties (Waigani is the procedure itself). Benin -> Togo, both
    Bamako Parties: Bamako's articles are not read in hgmap's data, so the agreement's id."""
    waigani = "Waigani Art 6(1), Annex VI A; Waigani Art 6(9), Annex VI B"
    for o, d in (("TUV", "AUS"), ("FJI", "NIU")):
        dec = law.assess(o, d, "lamps", "disposal", as_of=AS_OF)
        cond = next(c for c in dec.requirements if c.kind == "regional_procedure")
        assert cond.agreement_id == "WAIGANI-1995" and cond.agreement_citation == waigani, (o, d)
        step = next(s for s in law.procedure(dec).steps if s.kind == "regional_procedure")
        assert step.agreement_ids == ("WAIGANI-1995",) and step.agreement_citation == waigani, (o, d)
    step = next(s for s in _proc("TUV", "AUS").steps if s.kind == "regional_procedure")
    assert step.citation == "Basel Art 11"  # the Basel basis stays apart from the agreement's article
    step = next(s for s in _proc("BEN", "TGO").steps if s.kind == "regional_procedure")
    assert step.agreement_ids == ("BAMAKO-1991",) and step.agreement_citation == "BAMAKO-1991"


def test_transit_entirely_among_the_agreement_parties_follows_the_agreement_not_basel_6_4():
    """Fiji (outside Basel) -> New Zealand via Tuvalu, all three Waigani Parties: Basel Art 11(2)
    ("The provisions of this Convention shall not affect transboundary movements which take place
    pursuant to such agreements", for movements "which take place entirely among the Parties to
    such agreements"; Basel text, e.g. the EU's OJ copy 21993A0216(02)) leaves Tuvalu's consent to
    the Waigani procedure (Art 6(1): notify the competent authority of the countries concerned; IEA
    coded text https://iea.uoregon.edu/coded-agreement-with-a-code-filter?title=3224). Basel Art
    6(4)'s consent duty binds a State of export that is a Party, and Art 7 covers movements "from a
    Party". Via Singapore (a Basel Party outside Waigani) the movement is not entirely among the
    agreement's Parties: Basel Art 6(4) binds Singapore as a transit Party."""
    p = _proc("FJI", "NZL", ["TUV"])
    step = next(s for s in p.steps if s.kind == "transit_consent")
    assert step.states == ("TUV",) and step.agreement_ids == ("WAIGANI-1995",)
    assert "Basel Art 11(2)" in step.citation and "Waigani Art 6(1)" in step.citation
    assert "Basel Art 6(4)" not in step.citation and step.agreement_citation == "Waigani Art 6(1), Annex VI A"
    dec = law.assess("FJI", "NZL", "lamps", "disposal", as_of=AS_OF, via=["TUV"])
    cond = next(c for c in dec.requirements if c.kind == "transit_consent")
    assert cond.agreement_id == "WAIGANI-1995" and cond.states == ("TUV",) and "Art 11(2)" in cond.citation
    step = next(s for s in _proc("FJI", "NZL", ["SGP"]).steps if s.kind == "transit_consent")
    assert step.states == ("SGP",) and step.citation == "Basel Art 6(4)" and not step.agreement_ids
    # Both ends Basel Parties (Tuvalu -> New Zealand via Fiji): Basel Art 7 for the non-Party transit.
    notice = next(s for s in _proc("TUV", "NZL", ["FJI"]).steps if s.kind == "transit_notice")
    assert notice.citation == "Basel Art 7"


def test_eu_transit_gives_eu_steps():
    p = _proc("BRB", "DEU", ["BEL"])
    kinds = [s.kind for s in p.steps]
    assert "transit_eu" in kinds and "eu_wsr" in kinds and "transit_consent" in kinds


def test_not_governed_same_state_domestic_prohibited():
    assert _proc("HTI", "USA").basis_kind == "not_governed"
    p = _proc("NCL", "FRA")
    assert p.basis_kind == "same_state" and p.steps[0].states == ("FRA",)
    p = _proc("FJI", "FJI")
    assert p.basis_kind == "domestic" and len(p.steps) == 1
    p = _proc("TTO", "COL")
    assert p.basis_kind == "prohibited" and p.steps == () and p.paperwork == ()


def test_steps_are_unique_and_cited():
    p = _proc("MUS", "FRA", ["DEU"])
    assert len(p.texts) == len(p.steps)
    assert all(s.citation for s in p.steps)
    assert "Basel Art 6(4)" in p.citations


def test_agreement_label():
    assert law.agreement_label("WAIGANI-1995") == "Waigani Convention"
    assert law.agreement_label("USA-CAN-1986").endswith("[USA-CAN-1986]")
    assert law.agreement_label("NOT-AN-ID") == "NOT-AN-ID"


def test_procedure_in_cli_and_json(capsys):
    import json

    from hgmap.cli import main

    argv = ["legal", "--from", "JAM", "--to", "CAN", "--stream", "lamps", "--operation", "disposal",
            "--via", "USA", "--as-of", AS_OF]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Procedure (Basel Convention: both States are Parties):" in out and "Canada (CAN)" in out
    assert out.rstrip().endswith("competent authorities of every State concerned.")
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["procedure"]["basis_kind"] == "basel_consent"
    assert [s["kind"] for s in data["procedure"]["steps"]][:2] == ["import_consent", "transit_notice"]


def test_import_into_the_usa_has_the_epa_step_of_the_rule_in_force():
    """40 CFR 262.84 (in force from 31 Dec 2016, 81 FR 85696): EPA consent and an AOC before
    the first shipment; before that, 40 CFR 262.60 (Subpart F)."""
    now = law.procedure(law.assess("HTI", "USA", "elemental_mercury", "disposal", as_of=AS_OF))
    step = next(s for s in now.steps if s.kind == "us_import")
    assert step.states == ("USA",) and "262.84" in step.citation and "Acknowledgment of Consent" in step.text
    old = law.procedure(law.assess("HTI", "USA", "elemental_mercury", "disposal", as_of="2015-06-01"))
    assert "262.60" in next(s for s in old.steps if s.kind == "us_import").citation
    # Not for exports from the USA, nor between two other States.
    assert "us_import" not in {s.kind for s in _proc("USA", "CAN").steps}
    assert "us_import" not in {s.kind for s in _proc("FJI", "NZL").steps}


def test_a_us_territory_exports_under_us_law_and_the_oecd_decision():
    """Guam -> Japan (recovery): the USA is not a Basel Party and RCRA's 'State' includes Guam
    (42 U.S.C. 6903(31)), so the export needs EPA's Acknowledgment of Consent (40 CFR 262.83, read
    in Wisconsin's verbatim adoption NR 662.083(1): exports 'are prohibited unless' the exporter
    'receives an AOC from EPA documenting consent from the countries of import and transit'); the
    movement goes under the OECD Decision (an Art 11 agreement), notified by the authority for Guam
    that the USA designates, not under Basel Art 6. Before 31 Dec 2016 the rule was 40 CFR 262.53
    (GPO text of July 2005: notify EPA 'sixty (60) days before the initial shipment')."""
    p = _proc("GUM", "JPN", op="recovery")
    kinds = [s.kind for s in p.steps]
    assert kinds[0] == "agreement_notice" and "us_export" in kinds and "import_consent" not in kinds
    assert "262.83" in next(s for s in p.steps if s.kind == "us_export").citation
    assert "designated by United States" in p.steps[0].text
    old = law.procedure(law.assess("USA", "CAN", "lamps", "disposal", as_of="2010-01-01"))
    assert "262.53" in next(s for s in old.steps if s.kind == "us_export").citation


def test_eu_steps_follow_the_regulation_in_force_and_only_where_eu_law_applies():
    """Reg (EC) 1013/2006 applies from 12 Jul 2007 (Art 64); before, Reg (EEC) 259/93: Andorra ->
    Spain through France in Aug 2006 cites 259/93 for the EU transit and the import. Jamaica ->
    Switzerland through France: EU law applies only to the French transit (transit_eu), so there is
    no EU notification step for Jamaica or Switzerland."""
    p = law.procedure(law.assess("AND", "ESP", "lamps", "disposal", as_of="2006-08-01", via=["FRA"]))
    assert {s.citation for s in p.steps if s.kind in ("transit_eu", "eu_wsr")} == {"Reg (EEC) 259/93"}
    q = _proc("JAM", "CHE", ["FRA"])
    kinds = [s.kind for s in q.steps]
    assert "transit_eu" in kinds and "eu_wsr" not in kinds


def test_waste_shipment_regulation_is_the_one_in_force_on_the_date():
    """The EU steps cite the Waste Shipment Regulation that applies on the as-of date: Reg (EEC)
    259/93 before 12 Jul 2007, Reg (EC) 1013/2006 (its Art 64) to 20 May 2026, Reg (EU) 2024/1157
    from 21 May 2026 (its Art 86; https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A32024R1157).
    Transit through the Union between third countries: 1013/2006 Arts 47-48 (Title VI), 2024/1157
    Arts 57-58 (Art 58, 'Durchfuhr von zur Verwertung bestimmten Abfällen durch die Union', applies
    Art 57 for non-OECD States; https://gesetze.legal/eu/vo_eu_2024_1157/58). With an end in the EU
    (Tuvalu -> Germany through France) the transit State consents within the import notification:
    the Regulation itself is cited, never the third-country transit articles."""
    def eu(o, d, on, via=()):
        p = law.procedure(law.assess(o, d, "elemental_mercury", "disposal", as_of=on, via=via))
        return {s.kind: s.citation for s in p.steps if s.kind in ("eu_wsr", "transit_eu")}

    assert eu("MUS", "DEU", "2010-06-01") == {"eu_wsr": "Reg (EC) 1013/2006"}
    assert eu("MUS", "DEU", "2026-12-02") == {"eu_wsr": "Reg (EU) 2024/1157"}
    assert eu("MUS", "DEU", "2006-08-01") == {"eu_wsr": "Reg (EEC) 259/93"}
    assert eu("TUV", "DEU", "2026-12-02", ["FRA"]) == {"eu_wsr": "Reg (EU) 2024/1157",
                                                       "transit_eu": "Reg (EU) 2024/1157"}
    assert eu("JAM", "CHE", "2026-12-02", ["FRA"]) == {"transit_eu": "Reg (EU) 2024/1157 Arts 57-58"}
    assert eu("JAM", "CHE", "2026-05-20", ["FRA"]) == {"transit_eu": "Reg (EC) 1013/2006 Arts 47-48"}
    dec = law.assess("MUS", "DEU", "elemental_mercury", "disposal", as_of="2010-06-01")
    wsr = next(c for c in dec.requirements if c.kind == "eu_wsr")
    assert "2024/1157" not in wsr.text and wsr.citation == "Reg (EC) 1013/2006"
    transit = law.assess("JAM", "CHE", "lamps", "disposal", as_of="2026-12-02", via=["FRA"]).transit[0]
    assert next(r for r in transit.reasons if r.kind == "transit_eu").citation == "Reg (EU) 2024/1157 Arts 57-58"
