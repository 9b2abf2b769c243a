"""hgmap.law.rules: one Rule per rule id, its mask and its explanation; structured reasons."""

from __future__ import annotations

import csv
import random

import pytest

from hgmap import law
from hgmap._io import data_path

AS_OF = "2026-12-01"


def test_every_rule_is_defined_once_and_documented():
    with open(data_path("law", "rules.csv"), newline="", encoding="utf-8") as fh:
        documented = {r["rule_id"] for r in csv.DictReader(fh)}
    ids = [r.rule_id for r in law.PAIR_RULES]
    assert len(ids) == len(set(ids))
    assert set(law.RULES) <= documented
    # Every rule a decision can name has a Rule (kind, instrument) - R5/R8/R9-wsr-procedure are text only.
    assert documented - set(law.RULES) <= {"R5-esm", "R8-minamata", "R9-wsr-procedure"}
    for rule in law.PAIR_RULES:
        assert rule.mask is not None and rule.explain is not None and rule.kind
    assert law.RULE_IDS == tuple(ids)


def test_reasons_carry_structured_fields():
    d = law.assess("NZL", "FJI", "lamps", "disposal", as_of=AS_OF)
    r = next(r for r in d.reasons if r.rule_id == "R4-waigani-export")
    assert (r.kind, r.instrument, r.states) == ("regional_export_ban", "waigani", ("NZL",))
    d = law.assess("TTO", "COL", "lamps", "disposal", as_of=AS_OF)
    r = next(r for r in d.reasons if r.rule_id == "R4-national-import")
    assert r.kind == "national_import_ban" and r.states == ("COL",) and r.ban_ids
    assert all(b in r.detail for b in r.ban_ids[:1])
    d = law.assess("FJI", "NZL", "lamps", "disposal", as_of=AS_OF)
    r = d.reasons_of("art11_agreement")[0]
    assert r.agreement_id == "WAIGANI-1995" and r.states == ("FJI",)
    assert r.to_dict()["agreement_id"] == "WAIGANI-1995"


def test_non_party_reason_names_the_non_party():
    # Haiti is not a Basel Party (data as of 2025); Japan is, and no Art 11 agreement links them.
    d = law.assess("HTI", "JPN", "lamps", "disposal", as_of=AS_OF)
    r = next(r for r in d.reasons if r.rule_id == "R2")
    assert r.kind == "non_party" and r.states == ("HTI",) and r.state == "JPN"
    # The other direction names the same non-Party.
    r = next(r for r in law.assess("JPN", "HTI", "lamps", "disposal", as_of=AS_OF).reasons if r.rule_id == "R2")
    assert r.states == ("HTI",)


def test_matrix_rules_equal_assess_rules_on_random_pairs():
    m = law.matrix("elemental_mercury", "recovery", as_of=AS_OF)
    rnd = random.Random(3)
    for _ in range(300):
        o, d = rnd.choice(m.codes), rnd.choice(m.codes)
        dec = law.assess(o, d, "elemental_mercury", "recovery", as_of=AS_OF)
        assert m.status_name(o, d) == dec.status
        assert m.rules(o, d) == dec.rule_ids


def test_transit_reasons_have_kinds():
    d = law.assess("JAM", "CAN", "lamps", "disposal", as_of=AS_OF, via=["USA"])
    assert d.transit[0].kinds == {"transit_non_party"} and d.transit[0].reasons[0].states == ("USA",)
    d = law.assess("BRB", "DEU", "lamps", "disposal", as_of=AS_OF, via=["BEL"])
    assert d.transit[0].kinds == {"transit_party", "transit_eu"}
