"""Scenario and ``assess`` hardening (issue #16 items 4, 5, 6, 8 and "Silently accepted:
Scenarios"): every bad input is an :class:`hgmap.errors.HgmapError` naming the value,
never a traceback from Python internals."""

from __future__ import annotations

import pytest


from hgmap import law
from hgmap.errors import HgmapError, ScenarioError


def scen(*changes, **top):
    doc = {"name": "t", "changes": list(changes), **top}
    return law.Scenario.from_dict(doc)


def join(**kw):
    return {"action": "join", "instrument": "basel", "iso3": "FJI", "date": "2030-01-01", **kw}


# -- item 4: date arithmetic at the edge of the calendar ---------------------------------------


@pytest.mark.parametrize("change", [
    {"action": "lift_ban", "id": "COL-CONST-81", "date": "0001-01-01"},
    {"action": "end_agreement", "id": "USA-CAN-1986", "date": "0001-01-01"},
])
def test_first_day_of_the_calendar_is_an_error_not_an_overflow(change):
    with pytest.raises(ScenarioError, match="0001-01-01"):
        s = scen(change)
        law.assess("USA", "CAN", "lamps", "disposal", as_of="2025-01-01", scenario=s)


# -- item 5: unreadable files ---------------------------------------------------------------------


def test_non_utf8_scenario_file(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_bytes(b"name: \xff\xfe\nchanges: []\n")
    with pytest.raises(ScenarioError, match="UTF-8"):
        law.load_scenario(p)


def test_scenario_path_is_a_directory(tmp_path):
    with pytest.raises(ScenarioError, match="directory"):
        law.load_scenario(tmp_path)


def test_empty_scenario_file(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("", encoding="utf-8")
    with pytest.raises(ScenarioError, match="empty"):
        law.load_scenario(p)


# -- item 6: unhashable or mixed-type values ---------------------------------------------------------


@pytest.mark.parametrize("change,field", [
    (join(action=["join"]), "action"),
    ({"action": "add_ban", "id": "X", "iso3": "FJI", "measure": ["import"], "date": "2030-01-01"}, "measure"),
    ({"action": "set_coverage", "iso3": "ABW", "basel_coverage": ["x"]}, "basel_coverage"),
    (join(instrument=["basel"]), "instrument"),
    ({"action": "set_coverage", "iso3": "ABW", "basel_coverage": "covered", "eu_law": {"a": 1}}, "eu_law"),
])
def test_unhashable_values_name_the_field(change, field):
    with pytest.raises(ScenarioError, match=field):
        scen(change)


def test_top_level_keys_mixing_ints_and_strings():
    with pytest.raises(ScenarioError, match="top level"):
        law.Scenario.from_dict({"name": "t", "changes": [join()], 1: "x"})


# -- item 8: via of the wrong type ---------------------------------------------------------------------


@pytest.mark.parametrize("via", [None, 123, 1.5, [None], [["FJI"]]])
def test_via_of_the_wrong_type(via):
    with pytest.raises(HgmapError, match="via"):
        law.assess("FJI", "AUS", "lamps", "disposal", as_of="2025-01-01", via=via)


def test_via_as_a_single_string_is_one_code():
    d = law.assess("FJI", "AUS", "lamps", "disposal", as_of="2025-01-01", via="NZL")
    assert [t.iso3 for t in d.transit] == ["NZL"]


# -- silently accepted scenarios ---------------------------------------------------------------------


def test_until_before_date():
    with pytest.raises(ScenarioError, match="until"):
        scen({"action": "add_ban", "id": "X", "iso3": "FJI", "measure": "import", "date": "2030-01-01",
              "until": "2029-01-01"})


def test_exporter_not_a_party_of_the_agreement():
    with pytest.raises(ScenarioError, match="exporters"):
        scen({"action": "add_agreement", "id": "A", "parties": ["FJI", "AUS"], "exporters": ["NZL"],
              "date": "2030-01-01"})


@pytest.mark.parametrize("bad", [{"x": 1}, ["a", "b"], 12.5])
def test_ids_must_be_text(bad):
    with pytest.raises(ScenarioError, match="id"):
        scen({"action": "add_ban", "id": bad, "iso3": "FJI", "measure": "import", "date": "2030-01-01"})


def test_id_given_as_a_date_is_refused():
    import datetime as dt

    with pytest.raises(ScenarioError, match="id"):
        scen({"action": "lift_ban", "id": dt.date(2020, 1, 1), "date": "2030-01-01"})


@pytest.mark.parametrize("bad", [["a", "b"], {"a": 1}, 3])
def test_description_must_be_text(bad):
    with pytest.raises(ScenarioError, match="description"):
        scen(join(), description=bad)


def test_note_must_be_text():
    with pytest.raises(ScenarioError, match="note"):
        scen(join(note=["a"]))


def test_a_good_scenario_still_works():
    s = scen(join(), description="Fiji joins Basel")
    d = law.assess("FJI", "AUS", "lamps", "disposal", as_of="2031-01-01", scenario=s)
    assert d.scenario == "t"
    assert law.assess("FJI", "AUS", "lamps", "disposal", as_of="2031-01-01").scenario is None


@pytest.mark.parametrize("date, says", [("2026-13-01", "no month 13"), ("2026-02-30", "no day 30"),
                                        ("2026-1-5", "YYYY-MM-DD")])
def test_a_bad_yaml_date_names_the_change_and_field(tmp_path, date, says):
    """An unquoted YAML date is a timestamp to PyYAML, whose constructor fails the whole file
    ('not valid YAML: month must be in 1..12'); the scenario loader keeps it as text so the
    field check names changes[i].date, as for every other field."""
    p = tmp_path / "s.yaml"
    p.write_text("name: t\nchanges:\n  - action: join\n    instrument: basel\n    iso3: FJI\n"
                 "    date: 2030-01-01\n  - action: leave\n    instrument: basel\n    iso3: FJI\n"
                 f"    date: {date}\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=rf"changes\[1\] \(action 'leave'\)\.date: .*{says}") as err:
        law.load_scenario(p)
    assert "not valid YAML" not in str(err.value) and ": date:" not in str(err.value)


def test_unquoted_yaml_dates_still_load(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("name: t\nchanges:\n  - action: join\n    instrument: basel\n    iso3: FJI\n"
                 "    date: 2030-01-01\n", encoding="utf-8")
    import datetime as dt

    assert law.load_scenario(p).changes[0].get("date") == dt.date(2030, 1, 1)
