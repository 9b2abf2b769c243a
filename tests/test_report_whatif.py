"""hgmap.report.whatif: candidates from the law's rule kinds, safe scenario YAML that loads back."""

from __future__ import annotations

import datetime as dt

import yaml

from hgmap import law
from hgmap.report import Closed, scenario_yaml, what_if_candidates

DAY = dt.date(2025, 6, 1)


def _closed(fid, iso, reason, rules, *, nonparty=(), transit=()):
    return Closed(fid, fid, iso, 100.0, reason, tuple(rules), "", "", None, tuple(nonparty),
                  transit_states=tuple(transit))


def test_scenario_yaml_round_trips_values_yaml_would_misread(tmp_path):
    # 'on', 'no', 'yes', '2025-06-01' and 'null' load as booleans, dates or None when unquoted.
    changes = [{"action": "add_agreement", "id": "on", "parties": ["NOR", "ISL"], "date": "2025-06-01",
                "title": "no: null # yes"}]
    text = scenario_yaml("on", "no", changes)
    data = yaml.safe_load(text)
    assert data["name"] == "on" and data["description"] == "no"
    assert data["changes"][0] == {**changes[0], "action": "add_agreement"}
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    scen = law.load_scenario(path)
    assert scen.name == "on" and scen.changes[0].get("date") == DAY


def test_candidates_follow_the_rule_kinds():
    closed = [
        _closed("F1", "DEU", "law", ["R2"], nonparty=["TLS"]),
        _closed("F2", "COL", "law", ["R4-national-import"]),
        _closed("F3", "USA", "status", []),
    ]
    cands = what_if_candidates("TLS", "lamps", closed, as_of=DAY, names={"TLS": "Timor-Leste"})
    kinds = [k for k, _, _ in cands]
    assert kinds == ["accession", "agreement", "lift_import_ban"]
    assert cands[0][1] == "Timor-Leste accedes to the Basel Convention"
    lift = cands[2][2]
    held = {b.ban_id for b in law.load_tables().bans if "COL" in b.holder.split(";") and b.measure == "import_ban"}
    assert {c["id"] for c in lift} <= held and lift[0]["action"] == "lift_ban"


def test_rules_no_state_can_change_give_no_candidate():
    closed = [_closed("F1", "NZL", "law", ["R4-waigani-export"]), _closed("F2", "FRA", "law", ["R3"])]
    assert what_if_candidates("FJI", "lamps", closed, as_of=DAY) == []


def test_territory_gets_a_coverage_candidate():
    territories = law.territory_sovereigns()
    iso, sov = next(iter(sorted(territories.items())))
    cands = what_if_candidates(iso, "lamps", [_closed("F1", "JPN", "law", ["R2"], nonparty=[iso])], as_of=DAY,
                               territories=territories)
    assert cands[0][0] == "coverage" and cands[0][2][0] == {
        "action": "set_coverage", "iso3": iso, "basel_coverage": "covered", "date": "2025-06-01"}
    assert sov


def test_transit_ban_candidate_uses_the_transit_states():
    bans = [b for b in law.load_tables().bans if b.rule_id in law.RULES
            and law.RULES[b.rule_id].kind == "transit_ban" and b.measure == "transit_ban"
            and law.RULES[b.rule_id].instrument == "national" and ";" not in b.holder and not b.holder.startswith("@")]
    assert bans, "the shipped data has national transit bans"
    holder = bans[0].holder
    closed = [_closed("F1", "AUS", "transit", [bans[0].rule_id], transit=[holder])]
    cands = what_if_candidates("FJI", "lamps", closed, as_of=DAY)
    assert [k for k, _, _ in cands] == ["lift_transit_ban"]
    assert bans[0].ban_id in {c["id"] for c in cands[0][2]}
