"""Eighteenth pass (issue #13, Americas and Pacific, law19c): Tokelau under Waigani, Minamata parties.

The pass found no new national prohibition for its codes and could not name the Minamata Party
missing from the data (see data/law/research/README.md, "Eighteenth pass, americas_pacific
(law19c)"). These tests pin what the sources read do say, through the public API, so that a data
change that contradicts them fails here. Not legal advice.
"""

from __future__ import annotations

from hgmap import law

from ._law import assessor, no_ban_of

recovery = assessor(op="recovery", as_of="2025-06-01", stream="lamps")


def _rows(instrument: str, iso3: str):
    return law.load_tables().memberships.get((instrument, iso3), ())


def test_tokelau_has_no_waigani_membership_of_its_own():
    """No depositary record says whether New Zealand's Waigani ratification (deposit 30 Nov 2000)
    extends to Tokelau: the Pacific Islands Forum Secretariat is the depositary
    (https://forumsec.org/publications/treaty-collection) and its status list was not reached. New
    Zealand's practice of the period excludes Tokelau expressly unless a later declaration extends the
    treaty (Stockholm, https://cdn.nestjs.wipolex.wji.prd.web1.wipo.int/wipolex/zh/treaties/parties/remarks/NZ/265;
    Cartagena, http://www.wipo.int/wipolex/en/other_treaties/remarks.jsp?cnty_id=3592C), against its
    general statement of 10 Apr 2002 (https://wipo.int/wipolex/fr/treaties/parties/remarks/NZ/305).
    So Tokelau keeps no Waigani Party row of its own and stays a Pacific territory in the Convention
    Area; its coverage row says the extension is not established."""
    assert not _rows("waigani", "TKL")
    (area,) = _rows("waigani_area", "TKL")
    assert area.is_member and area.role == "pacific_territory"
    assert [r.status for r in _rows("waigani", "NZL")] == ["party"]
    row = law.load_tables().coverage["TKL"]
    assert row["national_rules"] == "not researched"
    assert "EIGHTEENTH PASS (law19c)" in row["checked"]
    assert "Waigani" in row["result"] and "not established" in row["result"]


def test_australia_to_tokelau_meets_the_waigani_export_ban_at_low_confidence():
    """Waigani Art 4(1)(b): 'Each Other Party shall take appropriate legal, administrative and other
    measures ... to ban the export of all hazardous wastes and radioactive wastes to all Forum Island
    Countries, or to territories located in the Convention Area with the exception of those that have
    the status of Other Parties in accordance with Annex IV' (IEA Database Project coded text,
    https://iea.uoregon.edu/coded-agreement-with-a-code-filter?title=3224 , filter SECF). Tokelau is
    recorded as a Pacific territory of the Convention Area, so Australia -> Tokelau lamps for recovery
    are prohibited; the engine keeps this low (the Convention Area list and Annex IV are not read), and
    no Tokelau ban is invented."""
    d = recovery("AUS", "TKL")
    assert d.status == "prohibited"
    assert d.confidence == "low"
    assert any(r.rule_id == "R4-waigani-export" for r in d.reasons)
    assert no_ban_of(d, "TKL")


def test_tokelau_to_new_zealand_is_domestic():
    """Tokelau forms part of New Zealand (Tokelau Act 1948 s.3, reprint as at 20 Sep 2007, contents),
    so a movement from Tokelau to New Zealand is not transboundary (Basel Art 2(3)): domestic, with
    no Waigani or Basel condition, whatever Tokelau's treaty coverage."""
    d = recovery("TKL", "NZL")
    assert d.status == "domestic"
    assert any(r.rule_id == "R0-same-state" for r in d.reasons)


#: Parties listed with reservations or declarations to the Minamata Convention by the Dutch treaty
#: database (https://verdragen.nl/en/Treaty/Details/012852_b.html), as ISO3 codes.
VERDRAGEN_MINAMATA_DECLARANTS = (
    "ARG", "ARM", "AUT", "BEL", "CAN", "CHN", "CUB", "CZE", "DNK", "EUE", "GEO", "DEU", "IND", "IRN", "JAM",
    "LBR", "MWI", "MUS", "MDA", "NAM", "NLD", "NOR", "PSE", "PER", "SYC", "SUR", "THA", "TUR", "UKR", "USA",
)


def test_every_minamata_declarant_in_the_dutch_treaty_database_is_a_recorded_party():
    """The verdragen.nl table of Minamata Parties with reservations or declarations (30 entries, among
    them Liberia, Malawi and Ukraine, which joined in 2023-2024) was compared with memberships.csv:
    each is recorded as a Party with an entry-into-force date. (It names no Party missing from the
    data, so the Party that the Secretariat's count of 151 on 23 Dec 2024 implies is still unnamed.)"""
    assert len(VERDRAGEN_MINAMATA_DECLARANTS) == 30
    for iso3 in VERDRAGEN_MINAMATA_DECLARANTS:
        rows = _rows("minamata", iso3)
        assert rows, iso3
        assert any(r.is_member and (r.entry_into_force or r.eif_not_after) for r in rows), iso3


def test_answers_between_tokelau_and_waigani_states_name_the_coverage_unknown():
    """Whether New Zealand's Waigani ratification (deposit 30 Nov 2000) reaches Tokelau is not
    established (sources as in the first test of this file): answers between Tokelau and a Waigani
    Party or a place in the Convention Area say so and are not "high"; Tokelau <-> New Zealand stays
    domestic (Basel Art 2(3)) and Tokelau -> USA (outside Waigani) does not carry it."""
    for o, d in (("FJI", "TKL"), ("TKL", "WSM"), ("AUS", "TKL"), ("TKL", "FJI")):
        dec = recovery(o, d)
        assert any("Waigani ratification covers Tokelau" in u for u in dec.unknowns), (o, d)
        assert dec.confidence != "high", (o, d)
    assert not any("Waigani" in u for u in recovery("TKL", "USA").unknowns)
    assert recovery("TKL", "NZL").status == "domestic"


def test_waigani_article_4_rules_cite_the_treaty_text():
    """Waigani Art 4(1)(a) and 4(1)(b), read in the IEA Database Project's coded text
    (https://iea.uoregon.edu/coded-agreement-with-a-code-filter?title=3224): the two rule rows cite it
    and quote the article, instead of a 1995 press-release paraphrase."""
    rules = law.load_tables().rules
    for rid, words in (("R4-waigani-import", "ban the import of all hazardous wastes and radioactive wastes from "
                        "outside the Convention Area"),
                       ("R4-waigani-export", "ban the export of all hazardous wastes and radioactive wastes to all "
                        "Forum Island Countries, or to territories located in the Convention Area")):
        row = rules[rid]
        assert "iea.uoregon.edu" in row["source_url"], rid
        assert words in row["notes"], rid
