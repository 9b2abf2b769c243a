"""Review 27 of ``hgmap plan`` and its inventory: plans with nothing to place, legal unknowns
carried into the flows, inventory messages with hints, implausible tonnages, unmet reasons."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import hgmap
from hgmap.cli import main

AS_OF = "2025-06-01"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "data" / "inventory_sids.csv"
HEADER = "country_iso3,stream,tonnes_per_year,source,year,notes\n"
TABLES = ("flows.csv", "unmet.csv", "facility_load.csv", "country_totals.csv", "country_summary.csv",
          "unquantified.csv", "cost_assumptions.csv", "plan.json", "flows.geojson", "flows_map.html")


@pytest.fixture(scope="session")
def model():
    from hgmap.access import shared_model

    return shared_model(None, None)


def _sids_without_sri_lanka() -> str:
    # The shipped SIDS inventory: its 10 SIDS rows have no published tonnage (only Sri Lanka's has).
    lines = EXAMPLE.read_text().splitlines(keepends=True)
    return "".join(ln for ln in lines if not ln.startswith("LKA,"))


@pytest.mark.parametrize("content, n_blank", [
    (_sids_without_sri_lanka(), 10),
    (HEADER, 0),
    (HEADER + "FJI,lamps,,https://docslib.org/doc/10679531/hazardous-waste-in-the-pacific,2016,no tonnage found\n", 1),
])
def test_plan_with_no_tonnage_is_an_empty_plan(model, tmp_path, capsys, content, n_blank):
    # Main: exit 3, "internal error ... ValueError: Invalid input for linprog: c must be a 1-D array".
    inv = tmp_path / "inv.csv"
    inv.write_text(content)
    out = tmp_path / "out"
    with_map = n_blank == 10  # the map once (it is the slow part): the shipped SIDS rows
    assert main(["plan", "--inventory", str(inv), "--as-of", AS_OF, "--out", str(out)]
                + ([] if with_map else ["--no-map"])) == 0
    printed = capsys.readouterr().out
    assert "placed 0.0 t in 0 flow(s); unmet 0.0 t" in printed
    assert "nothing to plan: no inventory row has a tonnage" in printed
    for name in TABLES:
        assert (out / name).exists() or (name == "flows_map.html" and not with_map), name
    assert pd.read_csv(out / "flows.csv").empty and "legal_status" in pd.read_csv(out / "flows.csv").columns
    assert pd.read_csv(out / "unmet.csv").empty
    assert len(pd.read_csv(out / "unquantified.csv")) == n_blank
    if with_map:
        assert "Nothing to plan: no inventory row has a tonnage" in (out / "flows_map.html").read_text()
    meta = json.loads((out / "plan.json").read_text())
    assert meta["n_variables"] == 0 and meta["status"].startswith("not solved")
    res = hgmap.plan(inv, as_of=AS_OF, model=model)
    assert res.placed_tonnes == 0 and res.unmet_tonnes == 0 and len(res.unquantified) == n_blank


def test_rows_with_tonnes_and_no_option_still_unmet_with_reason(model):
    # The LP is skipped when no row has an option; every row is still unmet, with its reason.
    inv = pd.DataFrame({"country_iso3": ["HTI", "UMI"], "stream": ["dental_amalgam", "lamps"],
                        "tonnes_per_year": ["0.2", "1"], "source": ["test", "test"], "year": ["2024", "2024"]})
    res = hgmap.plan(inv, as_of=AS_OF, model=model)
    assert res.attrs["n_variables"] == 0
    assert res.unmet_tonnes == pytest.approx(1.2)
    assert set(res.unmet["origin_iso3"]) == {"HTI", "UMI"} and res.unmet["detail"].str.len().gt(0).all()


@pytest.fixture(scope="session")
def legal_plan(model, tmp_path_factory):
    """Fiji and Sri Lanka's lamps (the review's two flows) and Tuvalu's, planned and written."""
    inv = tmp_path_factory.mktemp("legal") / "inv.csv"
    inv.write_text(HEADER + "FJI,lamps,12,test,2020,\nLKA,lamps,5,test,2019,\nTUV,lamps,0.3,test,2021,\n")
    res = hgmap.plan(inv, as_of="2026-06-01", model=model)
    out = inv.parent / "out"
    from hgmap.plan.render import write_plan

    write_plan(res, out)
    return res, out


def test_flows_carry_the_legal_unknowns(model, legal_plan):
    # Main: flows.csv / plan.json had legal_confidence but no legal_unknowns (access had them).
    res, out = legal_plan
    flows = res.flows.set_index("origin_iso3")
    access = model.solve("lamps", as_of="2026-06-01", origins=["FJI", "LKA", "TUV"])
    for iso in ("FJI", "LKA", "TUV"):
        fid = flows.at[iso, "facility_id"]
        row = access[(access["origin_iso3"] == iso) & (access["facility_id"] == fid)].iloc[0]
        assert list(row["legal_unknowns"]), iso  # what access says the answer rests on ...
        assert set(row["legal_unknowns"]) <= set(flows.at[iso, "legal_unknowns"]), iso  # ... the flow says too
    # Every flow below high confidence says why.
    for r in res.flows.itertuples():
        if r.legal_confidence != "high":
            assert r.legal_unknowns, (r.origin_iso3, r.facility_id)
    table = pd.read_csv(out / "flows.csv")
    assert "legal_unknowns" in table.columns
    assert table["legal_unknowns"].fillna("").str.len().gt(0).all()
    meta = json.loads((out / "plan.json").read_text())
    assert {f["origin_iso3"] for f in meta["flows_legal"]} == {"FJI", "LKA", "TUV"}
    assert all(f["legal_unknowns"] for f in meta["flows_legal"])
    html = (out / "flows_map.html").read_text()
    assert "Rests on" in html and "confidence " in html
    assert "rest on unknowns (flows.csv legal_unknowns)" in res.summary()


def test_a_ban_that_may_reach_part_of_the_stream_is_an_unknown_of_the_flow(legal_plan):
    # Thailand's e-waste import ban (THA-IMPORT-4, data/national_bans.csv) may reach lamps: the flag
    # was only one sentence among legal_conditions; the shipper must check the consignment.
    res, out = legal_plan
    lka = res.flows[res.flows["origin_iso3"] == "LKA"].iloc[0]
    assert lka["facility_iso3"] == "THA"  # the cheapest option of Sri Lanka's lamps (2026-06-01)
    assert any("THA-IMPORT-4" in u for u in lka["legal_unknowns"])
    assert "THA-IMPORT-4" in pd.read_csv(out / "flows.csv").set_index("origin_iso3").at["LKA", "legal_unknowns"]
    # Every flagged flow names its flag among the unknowns.
    for r in res.flows.itertuples():
        if "FLAG-stream-scope" in r.legal_rules:
            assert any("may reach part of this stream" in u for u in r.legal_unknowns), r.origin_iso3


def test_unmet_detail_leads_with_the_facilities_that_treat_the_stream(model):
    # Main: "no_legal_route: HG-BRB-001 (BRB, 2,050 km): does not accept dental_amalgam; ..." - the
    # first reasons given were facilities that do not treat the stream at all, named by its key.
    inv = pd.DataFrame({"country_iso3": ["HTI"], "stream": ["dental_amalgam"], "tonnes_per_year": ["0.2"],
                        "source": ["test"], "year": ["2024"]})
    res = hgmap.plan(inv, as_of=AS_OF, model=model)
    row = res.unmet.iloc[0]
    assert row["reason"] == "no_legal_route"
    first = row["detail"].split("; ")[0]
    assert "is prohibited for dental amalgam" in first  # a facility that takes it, closed by the law
    assert "dental_amalgam" not in row["detail"] and "does not accept dental amalgam" in row["detail"]
    assert "unmet HTI Dental amalgam: 0.20 t (no_legal_route: " in res.summary()


def test_unmet_reason_is_why_the_facilities_that_treat_the_stream_are_closed():
    from hgmap.plan.allocate import unmet_reason

    def closed(*kinds):
        return [{"facility_id": f"F{i}", "facility_iso3": "XXX", "reason": k} for i, k in enumerate(kinds)]

    # Only facilities that do not take the stream, or are not operating: no facility for the stream.
    assert unmet_reason("no_legal_route", closed("stream", "stream", "status")) == "no_facility_for_stream"
    assert unmet_reason("no_legal_route", closed("stream", "law", "status")) == "no_legal_route"
    assert unmet_reason("no_legal_route", closed("stream", "transit")) == "no_legal_route"
    assert unmet_reason("no_legal_route", closed("stream", "acceptance", "acceptance")) == "not_accepted"
    assert unmet_reason("no_legal_route", closed("acceptance", "law")) == "no_legal_route"
    assert unmet_reason("no_route", closed("stream", "route")) == "no_route"
    # A list cut at its limit may hide facilities that treat the stream: the router's status stands.
    from hgmap.access import MAX_BLOCKED

    assert unmet_reason("no_legal_route", closed(*["status"] * MAX_BLOCKED)) == "no_legal_route"


def test_inventory_messages_give_a_hint(tmp_path, capsys):
    # Main: "year: '3024' is not a four-digit year" (it is one), "'1,5' is not a positive number" (no
    # hint of the decimal comma), and a ';'-separated file reported all five columns "missing".
    bad = tmp_path / "bad.csv"
    bad.write_text('country_iso3,stream,tonnes_per_year,source,year\nFJI,lamps,"1,5",x,2020\n'
                   'FJI,batteries,2,x,3024\nTUV,lamps,"1,500",x,2020\nTON,lamps,2 t,x,2020\n')
    assert main(["plan", "--inventory", str(bad), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "line 2: tonnes_per_year: '1,5' is not a number: a decimal comma? write 1.5" in err
    assert "line 3: year: 3024 is in the future" in err and "four-digit" not in err
    assert "line 4: tonnes_per_year: '1,500'" in err and "1500, if the comma separates thousands" in err
    assert "line 5: tonnes_per_year: '2 t' is not a number: give the number only" in err
    semi = tmp_path / "semi.csv"
    semi.write_text("country_iso3;stream;tonnes_per_year;source;year\nFJI;lamps;1,5;x;2020\n")
    assert main(["plan", "--inventory", str(semi), "--out", str(tmp_path / "o2")]) == 2
    err = capsys.readouterr().err
    assert "line 1 (header): the columns are separated by semicolons, not commas" in err
    assert "missing column" not in err


def test_an_implausible_tonnage_is_a_warning_naming_line_and_field(model, tmp_path, capsys):
    # Main planned "FJI,lamps,1e9" silently (USD 1.5 trillion a year). The bound is the largest
    # capacity_tpy the catalogue states for the stream (lamps: HG-JPN-001, Itomuka, 27,000 t a year,
    # data/facilities.csv with its source); the row is still planned as given.
    inv = tmp_path / "inv.csv"
    inv.write_text(HEADER + "FJI,lamps,1e9,test,2020,\nTUV,lamps,0.3,test,2021,\nFJI,dental_amalgam,0.1,test,2020,\n")
    res = hgmap.plan(inv, as_of=AS_OF, model=model)
    warnings = res.attrs["inventory_warnings"]
    assert len(warnings) == 1
    assert warnings[0].startswith("line 2: tonnes_per_year: 1,000,000,000 t a year (FJI, lamps) is implausible")
    assert "HG-JPN-001" in warnings[0] and "27,000 t a year" in warnings[0]
    assert f"  inventory: {warnings[0]}" in res.summary()
    assert res.placed_tonnes + res.unmet_tonnes == pytest.approx(1e9 + 0.4)
    # The bound follows the catalogue: a stream no facility states a capacity for uses the largest of any.
    from hgmap.plan.inventory import implausible_rows, load_inventory

    fac = model.facilities.copy()
    fac["capacity_tpy"] = float("nan")
    assert implausible_rows(load_inventory(inv), fac) == []
    fac.loc[fac.index[0], "capacity_tpy"] = 10.0
    assert len(implausible_rows(load_inventory(inv), fac)) == 1  # 1e9 > 10 t, the only stated capacity
