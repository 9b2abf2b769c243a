"""The law's sentences about a State outside Basel say what the data establishes (fix27d).

Basel focal point's review of 2 Dec 2026: ``hgmap legal --from FJI --to NZL --stream lamps
--operation recovery --as-of 2026-12-02`` said "Fiji (FJI) is not a Basel Party, but Waigani..."
in its rule, its conditions and procedure step 1, while its own Unknowns said Fiji's Basel
status on that date is unknown (not a Party on 2025-10-22: data/law/memberships.csv, evidence
date; datasets.csv ``basel`` complete_until; an accession takes effect on the 90th day after its
deposit, Basel Art 25(2), https://www.basel.int/TheConvention/Overview/TextoftheConvention/
tabid/1275/Default.aspx). Within the evidence (2025-01-01) Fiji is not a Party, and the law says so.

Freight forwarder's review: Thailand's e-waste import ban (data/law/bans.csv THA-IMPORT-4,
Ministry of Commerce Notification B.E. 2563, 2020,
https://www.bangkokpost.com/business/1996519/e-waste-imports-banned) was cut mid-list in the
stream-scope condition: "CRT glass, PCB  may reach part of this stream".
"""

from __future__ import annotations

import pytest

from hgmap import law

LATE, EARLY = "2026-12-02", "2025-01-01"
UNKNOWN_FJI = ("Fiji (FJI) is not known to be a Basel Party (not a Party on 2025-10-22; hgmap's list is complete "
               "to then)")


def test_fiji_outside_basel_past_the_evidence_date_is_not_stated_as_fact():
    dec = law.assess("FJI", "NZL", "lamps", "recovery", as_of=LATE)
    assert any(getattr(u, "code", "") == "basel_list" and u.params["state"] == "FJI" for u in dec.unknowns)
    texts = [r.detail for r in dec.reasons] + list(dec.conditions) + list(law.procedure(dec).texts)
    assert not [t for t in texts if "Fiji (FJI) is not a Basel Party" in t]
    assert any(t.startswith(UNKNOWN_FJI + ", but Waigani Convention") for t in texts)
    assert any(t.startswith(UNKNOWN_FJI + ": under the Waigani Convention") for t in dec.conditions)
    step1 = law.procedure(dec).steps[0]
    assert step1.kind == "agreement_notice" and step1.text.startswith(UNKNOWN_FJI)
    assert "Fiji (FJI) is not a Basel Party" not in dec.explain(procedure=True)


def test_fiji_within_the_evidence_is_not_a_party():
    dec = law.assess("FJI", "NZL", "lamps", "recovery", as_of=EARLY)
    assert not [u for u in dec.unknowns if getattr(u, "code", "") == "basel_list"]
    assert any(c.startswith("Fiji (FJI) is not a Basel Party: under the Waigani Convention") for c in dec.conditions)
    assert "not known to be" not in dec.explain(procedure=True)


def test_neither_party_past_the_evidence_date_says_what_is_known():
    """Haiti signed Basel and the USA signed it (22 Mar 1990), neither ratified: not Parties on
    2024-12-31 (data/law/memberships.csv, UN Treaty Collection XXVII-3,
    https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVII-3&chapter=27)."""
    dec = law.assess("HTI", "USA", "lamps", "recovery", as_of=LATE)
    detail = dec.reasons_of("not_governed")[0].detail
    assert detail.startswith("Neither Haiti (HTI) nor United States of America (USA) is known to be a Basel Party on "
                             "2026-12-02 (Haiti (HTI): not a Party on 2024-12-31;")
    assert "if neither is one, Basel does not govern" in detail
    assert "neither State is known to be a Party" in law.procedure(dec).basis
    early = law.assess("HTI", "USA", "lamps", "recovery", as_of="2024-06-01")
    assert early.reasons_of("not_governed")[0].detail.startswith(
        "Neither Haiti (HTI) nor United States of America (USA) is a Basel Party on 2024-06-01: Basel does not govern")
    assert law.procedure(early).basis == "Not governed by Basel: neither State is a Party"


def test_r2_prohibition_words_an_unknown_non_party_as_unknown():
    """Australia (a Basel Party) to Haiti (not a Party on 2024-12-31): Basel Art 4(5) prohibits it
    unless an Art 11 agreement covers it; the sentence must not state Haiti's status as fact."""
    dec = law.assess("AUS", "HTI", "lamps", "disposal", as_of=LATE)
    r2 = [r for r in dec.reasons if r.rule_id == "R2"]
    assert r2 and "Haiti (HTI) is not known to be one (not a Party on 2024-12-31" in r2[0].detail
    early = law.assess("AUS", "HTI", "lamps", "disposal", as_of="2024-06-01")
    assert "Haiti (HTI) is not (" in [r for r in early.reasons if r.rule_id == "R2"][0].detail


@pytest.mark.parametrize("code, expected", [
    ("FJI", "not known to be a Basel Party (not a Party on 2025-10-22; hgmap's list is complete to then)"),
    ("USA", "not known to be a Basel Party (not a Party on 2024-12-31; hgmap's list is complete to then)"),
])
def test_not_party_phrase_from_the_structured_fact(code, expected):
    from hgmap.law.state import get_state, resolve_date

    late = get_state(resolve_date(LATE), None)
    assert late.not_party("basel", code) == expected
    assert late.party_known_to("basel", code) == expected.split("on ")[1].split(";")[0]
    early = get_state(resolve_date("2024-06-01"), None)
    assert early.not_party("basel", code) == "not a Basel Party"
    assert early.party_known_to("basel", code) is None
    assert late.party_known_to("basel", "NZL") is None  # a Party


def test_stream_scope_condition_names_the_whole_ban_scope():
    """Maldives -> Thailand, lamps: the THA-IMPORT-4 flag is a condition with the ban's full scope."""
    dec = law.assess("MDV", "THA", "lamps", "recovery", as_of=LATE)
    flags = [c for c in dec.requirements if c.kind == "stream_scope"]
    assert flags, dec.conditions
    text = flags[0].text
    assert "  " not in text
    assert "PCB capacitors, or contaminated with cadmium, MERCURY, lead (428 tariff items in 2020) may reach part " \
           "of this stream; check the consignment." in text
    assert any(r.rule_id == "FLAG-stream-scope" and r.ban_ids == ("THA-IMPORT-4",) for r in dec.reasons)


def test_a_territory_outside_basel_through_its_sovereign_is_as_undetermined_as_the_sovereign():
    """American Samoa: not covered by Basel because the USA is not a Party (data/law/territories.csv,
    HUGGO_MEM: USA signatory only, 22 Mar 1990). Past the USA's evidence date (2024-12-31) an
    accession could reach it, so its status is the USA's unknown, never a "no" stated as fact."""
    from hgmap.law.state import get_state, resolve_date

    late = get_state(resolve_date(LATE), None)
    fact = late.fact("basel", "ASM")
    assert not fact.value and not fact.decisive and fact.unknown.code == "basel_list"
    assert fact.unknown.params["state"] == "USA"
    assert late.not_party("basel", "ASM").startswith("not known to be a Basel Party (not a Party on 2024-12-31")
    early = get_state(resolve_date("2024-06-01"), None)
    assert early.fact("basel", "ASM").decisive and early.not_party("basel", "ASM") == "not a Basel Party"
    dec = law.assess("ASM", "AUS", "lamps", "recovery", as_of=LATE)
    assert dec.conditions[0].startswith("American Samoa (ASM) is not known to be a Basel Party")
