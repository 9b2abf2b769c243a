"""Tests of the legal engine (hgmap.law): one test per rule with real country pairs,
dates, transit, scenarios, the CLI and matrix/assess agreement."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from hgmap import law
from hgmap.cli import main
from hgmap.errors import DateError, HgmapError, ScenarioError, UnknownCountryError, UnknownStreamError
from hgmap.vocab import OPERATIONS, STREAMS

DATA = Path(__file__).parent / "data" / "law"
EXAMPLES = Path(__file__).parents[1] / "examples" / "scenarios"
DAY = "2025-01-01"


def status(o, d, stream="lamps", op="disposal", **kw):
    kw.setdefault("as_of", DAY)
    return law.assess(o, d, stream, op, **kw)


# -- R0 / R2: domestic, same State, not governed ------------------------------------


def test_domestic():
    d = status("FJI", "FJI")
    assert d.status == "domestic"
    assert d.reasons[0].rule_id == "R0-domestic"


def test_territory_to_sovereign_is_not_transboundary():
    # Issue #13: one State (Basel Art 2(3)) -> domestic, with the R0-same-state reason.
    d = status("PRI", "USA")
    assert d.status == "domestic"
    assert d.reasons[0].rule_id == "R0-same-state"


def test_haiti_to_usa_not_governed():
    d = status("HTI", "USA")
    assert d.status == "not_governed"
    assert "R2-not-governed" in [r.rule_id for r in d.reasons]
    assert any("national law" in c for c in d.conditions)


# -- R1 Antarctica ---------------------------------------------------------------------


def test_r1_antarctica():
    d = status("AUS", "ATA")
    assert d.status == "prohibited"
    assert d.rule_ids == ("R1",)
    assert "Art 4(6)" in d.reasons[0].citation


# -- R2 Art 4(5) and Art 11 --------------------------------------------------------------


def test_r2_party_to_nonparty_prohibited():
    d = status("JPN", "FJI")
    assert d.status == "prohibited"
    assert "R2" in d.rule_ids
    assert d.reasons[0].citation == "Basel Art 4(5)"


def test_r2_fiji_to_australia_waigani_art11():
    d = status("FJI", "AUS")
    assert d.status == "permitted_with_consent"
    art11 = [r for r in d.reasons if r.rule_id == "R2-art11"]
    assert art11 and "WAIGANI-1995" in art11[0].citation
    assert any("WAIGANI" in c or "written consent" in c for c in d.conditions)


def test_r2_usa_canada_lamps_permitted_by_agreement():
    d = status("USA", "CAN", "lamps", "disposal")
    assert d.status == "permitted_with_consent"
    assert any(r.rule_id == "R2-art11" and "USA-CAN-1986" in r.citation for r in d.reasons)


def test_r2_oecd_decision_recovery_only():
    # The OECD Decision is an Art 11 arrangement for recovery only: USA -> DEU disposal
    # is barred (Art 4(5) and EU import rules), recovery is not.
    assert status("USA", "DEU", "lamps", "recovery").status == "permitted_with_consent"
    d = status("USA", "DEU", "lamps", "disposal")
    assert d.status == "prohibited"
    assert {"R2", "R9-wsr-import"} <= set(d.rule_ids)


def test_r2_art11_direction():
    # US-Philippines covers imports into the USA only.
    assert status("PHL", "USA", "lamps", "disposal").status == "permitted_with_consent"
    d = status("USA", "PHL", "lamps", "disposal")
    assert d.status == "prohibited" and "R2" in d.rule_ids


def test_as_of_before_accession():
    # Afghanistan: Basel in force for it from 2013-06-23. (Destination Iran: Pakistan's
    # own import ban, PEPA 1997 s.13, is in the data since issue #13.)
    assert status("AFG", "IRN", as_of="2012-01-01").rule_ids == ("R2",)
    assert status("AFG", "IRN", as_of="2014-01-01").status == "permitted_with_consent"


def test_basel_does_not_exist_before_1992():
    # Vanuatu, not Fiji: Fiji's customs ban on hazardous-waste imports (FJI-CUSTOMS-PIE-HW-IMPORT,
    # tenth pass) has an unestablished start bounded from 1986, so it would decide JPN -> FJI in 1991.
    assert status("JPN", "VUT", as_of="1991-01-01").status == "not_governed"


def test_unknown_accession_date_lowers_confidence():
    # Grenada's Basel entry into force lies between 2021-08-11 and 2024-12-31 (undated).
    d = status("GRD", "USA", "lamps", "recovery", as_of="2022-06-01")
    assert d.status == "prohibited"
    assert d.confidence == "low"
    assert any("GRD" in u for u in d.unknowns)
    # On 2024-12-31 (the Basel list's completeness date, datasets.csv) Grenada's date is settled and
    # the USA's status still established; after it the USA's status is itself an unknown (fix26b).
    assert status("GRD", "USA", "lamps", "recovery", as_of="2024-12-31").confidence != "low"
    later = status("GRD", "USA", "lamps", "recovery", as_of="2025-06-01")
    assert not any("GRD" in u for u in later.unknowns)
    assert [u.code for u in later.unknowns if getattr(u, "code", None) == "basel_list"] == ["basel_list"]
    # Before the window Grenada was certainly not a Party: both ends are non-Parties.
    early = status("GRD", "USA", "lamps", "recovery", as_of="2021-06-01")
    assert early.status == "not_governed" and not early.unknowns


# -- R3 Ban Amendment ----------------------------------------------------------------------


def test_r3_switzerland_thailand_before_and_after_ban():
    # Before the Ban Amendment bound Switzerland, its own VeVA Art 14(1)(a) (OECD/EU
    # destinations only, since 2014-05-01) already prohibited the export (issue #13).
    before = status("CHE", "THA", as_of="2019-06-01")
    assert before.status == "prohibited" and before.rule_ids == ("R4-national-export",)
    after = status("CHE", "THA", as_of="2020-01-01")
    assert after.status == "prohibited"
    assert after.rule_ids == ("R3", "R4-national-export")
    assert "Art 4A" in after.reasons[0].citation


def test_r3_not_binding_non_accepting_annex_vii_state():
    # Japan has not accepted the Ban Amendment.
    assert status("JPN", "THA").status == "permitted_with_consent"


def test_r3_recovery_too():
    assert "R3" in status("NOR", "IND", "lamps", "recovery").rule_ids


# -- R4 import bans ------------------------------------------------------------------------


def test_r4_national_import_ban_colombia():
    d = status("JPN", "COL")
    assert d.status == "prohibited" and d.rule_ids == ("R4-national-import",)
    assert "Art 81" in d.reasons[0].citation


def test_r4_bamako():
    # Togo: a Bamako Party without a national import ban of its own (Benin, the earlier
    # example, has one since the ninth pass: Constitution 1990 Art 29).
    d = status("JPN", "TGO")
    assert d.rule_ids == ("R4-bamako",)
    # Between Bamako Parties the import ban does not apply.
    assert status("SEN", "TGO").status == "permitted_with_consent"
    # Before Bamako entered into force there was no ban.
    assert "R4-bamako" not in status("JPN", "TGO", as_of="1997-01-01").rule_ids


def test_r4_waigani_import_ban():
    d = status("JPN", "PNG")
    assert "R4-waigani-import" in d.rule_ids


def test_r4_waigani_export_ban_nz_to_fiji():
    d = status("NZL", "FJI")
    assert d.status == "prohibited"
    # Fiji's own import ban (FJI-CUSTOMS-PIE-HW-IMPORT, WTO TPR 2023) fires as well since the tenth pass.
    assert set(d.rule_ids) == {"R4-waigani-export", "R4-national-import"}
    assert "R2" not in d.rule_ids  # Waigani is the Art 11 agreement between them
    assert "R4-waigani-export" not in status("NZL", "FJI", as_of="2000-01-01").rule_ids


def test_r4_caa_medium_confidence():
    # Art 3 is now quoted from a secondary source (issue #13 research): medium, not low.
    d = status("JPN", "GTM")
    assert "R4-caa" in d.rule_ids
    assert d.confidence == "medium"


# -- R7 transit --------------------------------------------------------------------------------


def test_r7_party_transit_needs_consent():
    # Both ends Basel Parties: Basel Art 6(4) binds the transit Party.
    d = status("SLB", "AUS", via=["PNG"])
    assert d.status == "permitted_with_consent"
    t = d.transit[0]
    assert t.iso3 == "PNG" and t.status == "permitted_with_consent"
    assert t.reasons[0].rule_id == "R7-party-transit" and "Art 6(4)" in t.reasons[0].citation
    # Fiji (outside Basel) -> Australia via Papua New Guinea, all Waigani Parties: entirely among the
    # agreement's Parties, so Basel's transit provisions do not affect it (Basel Art 11(2)).
    w = status("FJI", "AUS", via=["PNG"]).transit[0]
    assert w.status == "permitted_with_consent"
    assert w.reasons[0].rule_id == "R2-art11" and "Waigani Art 6(1)" in w.reasons[0].citation


def test_r7_nonparty_transit_notification():
    d = status("CAN", "MEX", via=["USA"])
    assert d.transit[0].status == "not_governed"
    assert d.transit[0].reasons[0].citation == "Basel Art 7"


def test_r7_transit_ban_prohibits_route():
    d = status("FJI", "AUS", via=["PNG", "PHL"])
    assert d.status == "prohibited"
    assert "R7-transit" in d.rule_ids
    m = law.matrix("lamps", "disposal", as_of=DAY)
    assert m.transit_blockers("FJI", "AUS", ["PNG", "PHL"]) == {"PHL": ("R7-national-transit",)}
    assert m.status_name("FJI", "AUS") == "permitted_with_consent"  # the pair itself


# -- R8 Minamata -------------------------------------------------------------------------------


def test_r8_minamata_condition():
    d = status("USA", "CAN", "lamps", "recovery")
    assert any("Minamata Art 11(3)" in c for c in d.conditions)


# -- R9 EU ---------------------------------------------------------------------------------------


def test_r9_wsr_disposal_only_to_efta():
    d = status("DEU", "JPN")
    assert "R9-wsr-disposal" in d.rule_ids
    assert status("DEU", "CHE").status == "permitted_with_consent"


def test_r9_wsr_recovery_to_non_oecd():
    d = status("FRA", "IND", "lamps", "recovery")
    assert {"R3", "R9-wsr-recovery"} <= set(d.rule_ids)
    assert "R9-wsr-recovery" not in status("FRA", "JPN", "lamps", "recovery").rule_ids


def test_r9_wsr_from_1994_and_uk_retained_after_brexit():
    # Issue #13: Reg (EEC) 259/93 banned exports for disposal from 1994-05-06; after
    # 2020 the UK applies its retained copy of Reg 1013/2006 (a national export ban).
    assert "R9-wsr-disposal" not in status("DEU", "JPN", as_of="1994-01-01").rule_ids
    assert "R9-wsr-disposal" in status("DEU", "JPN", as_of="2006-01-01").rule_ids
    assert "R9-wsr-disposal" in status("GBR", "JPN", as_of="2020-06-01").rule_ids
    after = status("GBR", "JPN", as_of="2021-06-01")
    assert "R9-wsr-disposal" not in after.rule_ids
    assert after.status == "prohibited" and "R4-national-export" in after.rule_ids


def test_r9_eu_mercury_export_ban():
    d = status("DEU", "CHE", "elemental_mercury", "disposal")
    assert d.rule_ids == ("R9-hg-export",)
    assert "2017/852" in d.reasons[0].citation
    old = status("DEU", "CHE", "elemental_mercury", "disposal", as_of="2012-01-01")
    assert "1102/2008" in old.reasons[0].citation
    assert status("DEU", "CHE", "elemental_mercury", "disposal", as_of="2010-01-01").status != "prohibited"


def test_r9_eu_outermost_region_vs_oct():
    # Guadeloupe is EU territory (outermost region); French Polynesia is not.
    assert "R9-hg-export" not in status("GLP", "FRA", "elemental_mercury").rule_ids
    assert "R9-hg-export" in status("FRA", "PYF", "elemental_mercury").rule_ids


# -- R10 US ------------------------------------------------------------------------------------------


def test_r10_usa_canada_elemental_mercury():
    d = status("USA", "CAN", "elemental_mercury", "disposal")
    assert d.status == "prohibited"
    assert d.rule_ids == ("R10-meba",)
    assert status("USA", "CAN", "elemental_mercury", as_of="2012-06-01").status == "permitted_with_consent"


def test_r10_partial_scope_flags_not_prohibits():
    d = status("USA", "CAN", "measuring_devices", "disposal")
    assert d.status == "permitted_with_consent"
    assert any(r.rule_id == "FLAG-stream-scope" and r.effect == "flags" for r in d.reasons)


# -- territories ---------------------------------------------------------------------------------------


def test_territory_unknown_coverage_is_reported():
    d = status("BMU", "USA", "lamps", "recovery")
    assert d.confidence == "low"
    assert any("BMU" in u and "VCLT" in u for u in d.unknowns)


def test_greenland_before_extension_is_non_party():
    assert "R2" in status("GRL", "JPN", as_of="2005-01-01").rule_ids
    assert status("GRL", "JPN", as_of="2010-01-01").status == "permitted_with_consent"


def test_every_layer_code_has_a_status():
    m = law.matrix("lamps", "disposal", as_of=DAY)
    assert np.isin(m.status, range(4)).all()
    assert len(m.codes) >= 200
    assert (np.diag(m.status) == 0).all()


# -- scenarios ---------------------------------------------------------------------------------------


def test_scenario_fiji_accedes():
    path = EXAMPLES / "fiji_accedes_basel.yaml"
    assert status("FJI", "JPN", as_of="2026-06-01").status == "prohibited"
    d = status("FJI", "JPN", as_of="2026-06-01", scenario=path)
    assert d.status == "permitted_with_consent"
    assert d.scenario == "Fiji accedes to the Basel Convention"
    # Before the scenario date nothing changes.
    assert status("FJI", "JPN", as_of="2025-06-01", scenario=path).status == "prohibited"
    m = law.matrix("lamps", "disposal", as_of="2026-06-01", scenario=path)
    assert m.status_name("FJI", "JPN") == "permitted_with_consent"


def test_scenario_toml_ban_and_agreement():
    path = EXAMPLES / "pacific_hub.toml"
    d = status("AUS", "WSM", "lamps", "recovery", as_of="2027-06-01", scenario=path)
    assert "R4-national-import" in d.rule_ids
    assert status("FJI", "NZL", "lamps", "recovery", as_of="2027-06-01", scenario=path).status == "permitted_with_consent"


@pytest.mark.parametrize(("name", "needle"), [
    ("bad_iso3.yaml", "changes[1] (action 'join').iso3: unknown ISO3 code 'FJJ'"),
    ("bad_date.toml", "changes[0] (action 'add_ban').date"),
    ("bad_yaml.yaml", "not valid YAML"),
])
def test_invalid_scenarios(name, needle):
    with pytest.raises(ScenarioError, match=None) as err:
        law.load_scenario(DATA / name)
    assert needle in str(err.value)


def test_invalid_scenario_dict_names_field():
    with pytest.raises(ScenarioError, match=r"changes\[0\] \(action 'join'\)\.instrument"):
        law.Scenario.from_dict({"name": "x", "changes": [
            {"action": "join", "instrument": "nato", "iso3": "FJI", "date": "2026-01-01"}]})
    with pytest.raises(ScenarioError, match=r"changes\[0\]\.action"):
        law.Scenario.from_dict({"name": "x", "changes": [{"action": "annex", "iso3": "FJI"}]})


# -- errors, JSON, CLI -------------------------------------------------------------------------------


def test_bad_input_errors():
    with pytest.raises(UnknownCountryError):
        law.assess("XXX", "FJI", "lamps", "disposal")
    with pytest.raises(UnknownStreamError):
        law.assess("NZL", "FJI", "mercury", "disposal")
    with pytest.raises(UnknownStreamError):
        law.assess("NZL", "FJI", "lamps", "burning")
    with pytest.raises(DateError):
        law.assess("NZL", "FJI", "lamps", "disposal", as_of="2025-02-30")


def test_to_dict_keys_and_reason_fields():
    d = status("NZL", "FJI").to_dict()
    assert {"status", "reasons", "conditions", "as_of", "confidence", "unknowns", "transit", "data_date"} <= set(d)
    r = d["reasons"][0]
    assert {"rule_id", "citation", "detail", "sources", "confidence", "effect"} <= set(r)
    assert r["sources"] and all(isinstance(s, str) for s in r["sources"])
    json.dumps(d)


def test_cli_plain_and_json(capsys):
    assert main(["legal", "--from", "NZL", "--to", "FJI", "--stream", "lamps", "--operation", "disposal",
                 "--as-of", DAY]) == 0
    out = capsys.readouterr().out
    assert "PROHIBITED" in out and "Waigani Convention Art 4(1)(b)" in out and "Not legal advice" in out
    assert "Legal data as of" in out
    assert main(["legal", "--from", "USA", "--to", "CAN", "--stream", "lamps", "--operation", "disposal",
                 "--via", "MEX", "--as-of", DAY, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "permitted_with_consent"
    assert {"status", "reasons", "conditions", "as_of"} <= set(data)
    assert {"rule_id", "citation", "detail", "sources", "confidence"} <= set(data["reasons"][0])


@pytest.mark.parametrize("argv", [
    ["--from", "XXX", "--to", "FJI", "--stream", "lamps", "--operation", "disposal"],
    ["--from", "NZL", "--to", "FJI", "--stream", "soup", "--operation", "disposal"],
    ["--from", "NZL", "--to", "FJI", "--stream", "lamps", "--operation", "burn"],
    ["--from", "NZL", "--to", "FJI", "--stream", "lamps", "--operation", "disposal", "--as-of", "2025-13-01"],
    ["--from", "NZL", "--to", "FJI", "--stream", "lamps", "--operation", "disposal", "--via", "ZZZ"],
    ["--from", "NZL", "--to", "FJI", "--stream", "lamps", "--operation", "disposal", "--scenario", "nope.yaml"],
])
def test_cli_exit_2(argv, capsys):
    assert main(["legal", *argv]) == 2
    assert "hgmap: error:" in capsys.readouterr().err


def test_errors_are_hgmap_errors():
    assert issubclass(ScenarioError, HgmapError)


# -- matrix ------------------------------------------------------------------------------------------------


def test_matrix_agrees_with_assess_on_sample():
    rng = random.Random(7)
    for stream, op, day in [("lamps", "disposal", DAY), ("elemental_mercury", "recovery", "2021-01-01"),
                            ("batteries", "recovery", "2009-06-01")]:
        m = law.matrix(stream, op, as_of=day)
        pairs = [(rng.choice(m.codes), rng.choice(m.codes)) for _ in range(1200)]
        pairs += [("NZL", "FJI"), ("FJI", "AUS"), ("USA", "CAN"), ("HTI", "USA"), ("CHE", "THA")]
        for o, d in pairs:
            dec = law.assess(o, d, stream, op, as_of=day)
            assert dec.status == m.status_name(o, d), (o, d, stream, op, day)
            assert set(dec.rule_ids) == set(m.rules(o, d)), (o, d)


def test_matrix_is_cached_and_readonly():
    a = law.matrix("lamps", "disposal", as_of=DAY)
    assert law.matrix("lamps", "disposal", as_of=DAY) is a
    with pytest.raises(ValueError):
        a.status[0, 0] = 3
    assert a.allowed.dtype == bool and a.allowed.shape == a.status.shape
    for stream in STREAMS:
        for op in OPERATIONS:
            assert law.matrix(stream, op, as_of=DAY).status.shape == a.status.shape


def test_data_date_and_sources_everywhere():
    assert law.DATA_DATE >= "2024-01-01"
    for r in status("JPN", "BEN").reasons + status("CHE", "THA").reasons:
        assert r.sources, r


def test_a_decision_is_kept_for_its_date_and_scenario():
    """``assess`` keeps each decision on the law's state (a dossier asks again what the report
    asked): the same question on the same date gives the same, immutable object; another date
    or another route is decided afresh."""
    import dataclasses

    from hgmap.law import assess

    a = assess("FJI", "NZL", "lamps", "recovery", as_of="2026-06-01")
    assert assess("FJI", "NZL", "lamps", "recovery", as_of="2026-06-01") is a
    assert assess("FJI", "NZL", "lamps", "recovery", as_of="2020-06-01") is not a
    assert assess("FJI", "NZL", "lamps", "recovery", as_of="2026-06-01", via=("AUS",)) is not a
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.status = "prohibited"


def test_a_stream_scope_flag_is_a_condition_of_the_movement():
    """Thailand's e-waste import ban (THA-IMPORT-4: Ministry of Commerce Notification B.E. 2563, 2020)
    lists mercury switches: it may reach part of the lamps stream. It prohibits nothing by itself,
    but the exporting Party must not send waste a State of import bans (Basel Art 4(1)(b), 4(2)(e)):
    the shipper checks the consignment. That check is one of the movement's conditions, so the
    results' legal_conditions (and the report) name the State and the ban, not only the rule id."""
    d = status("MUS", "THA", "lamps", "recovery", as_of="2026-06-01")
    assert d.status == "permitted_with_consent"
    flag = [c for c in d.requirements if c.kind == "stream_scope"]
    assert len(flag) == 1 and flag[0].states == ("THA",) and flag[0].rule_id == "FLAG-stream-scope"
    assert "THA-IMPORT-4" in flag[0].text and "check the consignment" in flag[0].text
    assert flag[0].text in d.conditions
    # A prohibited movement has no conditions, flags or not.
    assert status("TTO", "COL", "lamps", "recovery").conditions == ()
