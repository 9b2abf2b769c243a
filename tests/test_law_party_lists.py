"""A non-Party past the evidence date of its party list is an unknown, not a "no" (fix26b).

Sources: data/law/datasets.csv (Basel list complete to 2024-12-31; Bamako and Waigani, the
``regional`` row, to 2020-07-01) and data/law/memberships.csv (basel, FJI, as_of 2025-10-22: FBC
News reports Cabinet agreed to accede, no instrument found, https://www.fbcnews.com.fj/news/fiji-to-
join-basel-convention-to-safely-manage-hazardous-waste/). Basel Art 25(2): for a State acceding
after the 20th deposit the Convention enters into force on the 90th day after its deposit (text:
https://github.com/statengeneraal/laws-markdown, verdrag/basel/BWBV0002081).
"""

from __future__ import annotations

import datetime as dt

from hgmap.law import assess
from hgmap.law.state import get_state


def _basel_unknowns(dec, iso3):
    return [u for u in dec.unknowns if getattr(u, "code", None) == "basel_list" and u.params.get("state") == iso3]


def test_fiji_basel_status_unknown_after_its_evidence_date():
    late = assess("FJI", "NZL", "lamps", "recovery", as_of="2026-06-01")
    [u] = _basel_unknowns(late, "FJI")
    assert u.params == {"state": "FJI", "on": "2026-06-01", "complete": "2025-10-22", "label": "Basel Convention"}
    assert "Art 25(2)" in u and "2026-06-01" in u
    assert late.confidence == "low"
    early = assess("FJI", "NZL", "lamps", "recovery", as_of="2024-06-01")
    assert not _basel_unknowns(early, "FJI")
    assert not any("Basel Party on" in u for u in early.unknowns)


def test_basel_party_has_no_list_unknown():
    """New Zealand ratified Basel (in force 1995; UNTC XXVII-3): a Party, so no list unknown."""
    dec = assess("NZL", "AUS", "lamps", "recovery", as_of="2026-06-01")
    assert not [u for u in dec.unknowns if getattr(u, "code", None) == "basel_list"]


def test_basel_unknown_named_by_a_transit_non_party():
    """Every option resting on Fiji's Basel status names it, also as a transit State."""
    dec = assess("TUV", "AUS", "lamps", "recovery", via=("FJI",), as_of="2026-06-01")
    assert _basel_unknowns(dec, "FJI")


def test_bamako_non_party_unknown_after_regional_list_date():
    """Seychelles: Bamako non-Party in memberships.csv (as_of 2024-03-01; IEADB, BAN wiki)."""
    late = get_state(dt.date.fromisoformat("2026-06-01"), None).fact("bamako", "SYC")
    assert not late.value and late.unknown is not None and late.unknown.code == "bamako_list"
    early = get_state(dt.date.fromisoformat("2023-06-01"), None).fact("bamako", "SYC")
    assert not early.value and early.unknown is None


def test_waigani_non_party_unknown_after_regional_list_date():
    """Marshall Islands: Waigani non-Party in memberships.csv (as_of 2020-07-01; IEADB)."""
    late = get_state(dt.date.fromisoformat("2026-06-01"), None).fact("waigani", "MHL")
    assert late.unknown is not None and late.unknown.code == "waigani_list"
    assert get_state(dt.date.fromisoformat("2020-01-01"), None).fact("waigani", "MHL").unknown is None


def test_transit_within_waigani_follows_the_agreement():
    """Fiji -> New Zealand via Tuvalu, all Waigani Parties: the movement lies entirely among the
    agreement's Parties, so Basel's provisions do not affect it (Basel Art 11(2)); Tuvalu is a
    country concerned notified under Waigani Art 6(1) (AustLII, Waigani Convention Regulations 1999,
    Sch 1, http://classic.austlii.edu.au/au/legis/cth/num_reg/hwoeaicr1999835/sch1.html). No Basel
    Art 6(4) transit reason (60 days' silence) may remain."""
    dec = assess("FJI", "NZL", "lamps", "recovery", via=("TUV",), as_of="2026-06-01")
    [t] = dec.transit
    ids = [r.rule_id for r in t.reasons]
    assert "R7-party-transit" not in ids
    [r] = [r for r in t.reasons if r.kind == "art11_transit"]
    assert "Waigani Art 6(1)" in r.citation and "Basel Art 11(2)" in r.citation
    assert "does not apply" in r.detail and "60 days" in r.detail
    assert "R7-party-transit" not in dec.explain()
    # outside an agreement Basel Art 6(4) still binds a transit Party
    other = assess("FJI", "NZL", "lamps", "recovery", via=("SGP",), as_of="2026-06-01")
    assert any(r.rule_id == "R7-party-transit" for t in other.transit for r in t.reasons)


def test_minamata_branch_names_a_territory_as_covered_not_a_party():
    """Anguilla is a UK territory (data/law/territories.csv): not itself a Party to Basel, covered by
    the UK's ratification; the USA is no Basel Party (signatory, UNTC XXVII-3)."""
    dec = assess("AIA", "USA", "lamps", "recovery", as_of="2026-06-01")
    text = " ".join(c.text for c in dec.requirements if c.kind == "minamata_esm")
    assert "Anguilla (AIA), Basel Parties" not in text
    assert "Anguilla (AIA) (covered by the Basel ratification of United Kingdom" in text


def test_fiji_basel_membership_shown_as_unknown():
    """The fact is undetermined (``decisive`` False), as for Minamata, so a reader shows "Unknown
    (not a Party on 2025-10-22; not established since)" rather than "Not a Party"."""
    f = get_state(dt.date.fromisoformat("2026-06-01"), None).fact("basel", "FJI")
    assert not f.value and not f.decisive and f.confidence == "low"
    assert get_state(dt.date.fromisoformat("2024-06-01"), None).fact("basel", "FJI").decisive
