"""Allocation under capacity (hgmap.plan): conservation, capacity, law, monotonicity, unmet reasons."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import hgmap
from hgmap import law
from hgmap.errors import HgmapError, ValidationError
from hgmap.plan import load_inventory, load_plan_costs

AS_OF = "2025-06-01"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "data" / "inventory_sids.csv"


@pytest.fixture(scope="session")
def model():
    # The default model the CLI and hgmap.plan()/hubs() build and cache: one build per session.
    from hgmap.access import shared_model

    return shared_model(None, None)


@pytest.fixture(scope="session")
def inventory_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "inventory.csv"
    path.write_text(
        "country_iso3,stream,tonnes_per_year,source,year,notes\n"
        "FJI,lamps,12,test fixture,2020,\n"
        "JAM,lamps,30,test fixture,2020,\n"
        "HTI,elemental_mercury,0.5,test fixture,2020,\n"
        "HTI,contaminated_soil,40,test fixture,2020,\n"
        "TUV,lamps,0.3,test fixture,2021,\n"
        "TUV,batteries,,test fixture,2021,no published figure\n"
        "TON,lamps,2,test fixture,2019,\n"
    )
    return path


@pytest.fixture(scope="session")
def result(model, inventory_csv):
    return hgmap.plan(inventory_csv, as_of=AS_OF, model=model)


def _per_row(res):
    placed = res.flows.groupby(["origin_iso3", "stream"])["tonnes"].sum()
    unmet = res.unmet.groupby(["origin_iso3", "stream"])["tonnes"].sum() if len(res.unmet) else pd.Series(dtype=float)
    return placed, unmet


def test_tonnes_conserved_per_origin_and_stream(result):
    placed, unmet = _per_row(result)
    for r in result.country_totals.itertuples():
        key = (r.origin_iso3, r.stream)
        total = placed.get(key, 0.0) + unmet.get(key, 0.0)
        assert total == pytest.approx(r.inventory_t, rel=1e-9, abs=1e-9)
    assert result.placed_tonnes + result.unmet_tonnes == pytest.approx(result.attrs["inventory_t"])
    # The row without a figure is kept, not planned and not dropped.
    assert result.unquantified[["country_iso3", "stream"]].values.tolist() == [["TUV", "batteries"]]


def test_unreachable_country_is_unmet_with_reason(result):
    row = result.unmet[(result.unmet["origin_iso3"] == "HTI") & (result.unmet["stream"] == "contaminated_soil")]
    assert len(row) == 1
    assert row["tonnes"].iloc[0] == pytest.approx(40)
    assert row["reason"].iloc[0] == "no_legal_route"
    assert row["detail"].iloc[0]
    assert not ((result.flows["origin_iso3"] == "HTI") & (result.flows["stream"] == "contaminated_soil")).any()


def test_unmet_detail_says_in_words_why_each_nearer_facility_is_closed(result):
    # Main wrote the router's bare codes ("HG-BRB-001 (BRB 2050 km): stream", "...: law [R2]").
    detail = result.unmet.loc[(result.unmet["origin_iso3"] == "HTI")
                              & (result.unmet["stream"] == "contaminated_soil"), "detail"].iloc[0]
    parts = detail.split("; ")
    assert parts and all("): " in x for x in parts)
    whys = [x.split("): ", 1)[1] for x in parts]
    assert not {w.split(" [")[0] for w in whys} & {"law", "stream", "status", "operation", "transit", "route"}
    assert any("prohibited" in w or "does not accept" in w for w in whys)
    assert " km): " in detail


def test_summary_gives_tonnes_costs_and_facilities_per_stream(result):
    by = result.by_stream().set_index("stream")
    assert set(by.index) == set(result.country_totals["stream"])
    for stream, r in by.iterrows():
        rows = result.country_totals[result.country_totals["stream"] == stream]
        assert r["placed_t"] == pytest.approx(rows["placed_t"].sum())
        assert r["placed_t"] + r["unmet_t"] == pytest.approx(r["inventory_t"])
    assert by.loc["lamps", "cost_usd_low"] == pytest.approx(
        result.flows.loc[result.flows["stream"] == "lamps", "cost_usd_low"].sum())
    text = result.summary()
    lamps = by.loc["lamps"]
    assert f"  lamps: {lamps['placed_t']:,.2f} of {lamps['inventory_t']:,.2f} t placed; USD " in text
    assert "  contaminated_soil: 0.00 of 40.00 t placed, unmet 40.00 t; no cost (nothing placed)" in text


def test_no_flow_on_a_prohibited_pair(result):
    assert len(result.flows) >= 4
    for f in result.flows.itertuples():
        dec = law.assess(f.origin_iso3, f.facility_iso3, f.stream, f.operation, as_of=AS_OF, via=tuple(f.transit_iso3))
        assert dec.status != "prohibited", (f.origin_iso3, f.facility_id)


def test_no_flow_to_a_facility_that_refuses_the_origin(model, result):
    from hgmap.facilities import acceptance_matrix

    fac_ids = list(model.facilities["id"])
    for f in result.flows.itertuples():
        accepts, _ = acceptance_matrix(model.facilities, [f.origin_iso3], as_of=AS_OF)
        assert accepts[0, fac_ids.index(f.facility_id)], (f.origin_iso3, f.facility_id)
    assert result.flows["acceptance"].str.len().gt(0).all()


def test_no_facility_over_capacity(model, inventory_csv, result):
    # Cap the facility the unconstrained plan loads most, so the constraint binds.
    top = result.facility_load.iloc[0]
    cap = top["load_t"] / 2
    res = hgmap.plan(inventory_csv, as_of=AS_OF, model=model, capacities={top["facility_id"]: cap})
    load = res.facility_load.set_index("facility_id")
    assert load.at[top["facility_id"], "load_t"] <= cap + 1e-6
    capped = res.facility_load[res.facility_load["capacity_tpy"].notna()]
    assert (capped["load_t"] <= capped["capacity_tpy"] + 1e-6).all()
    placed, unmet = _per_row(res)
    assert res.placed_tonnes + res.unmet_tonnes == pytest.approx(res.attrs["inventory_t"])
    # The displaced tonnes went somewhere at a cost no lower than before.
    assert res.attrs["objective_usd"] >= result.attrs["objective_usd"] - 1e-6


def test_raising_a_capacity_never_raises_total_cost(model, inventory_csv, result):
    top = result.facility_load.iloc[0]["facility_id"]
    costs = []
    for cap in (0.0, 3.0, 10.0, 25.0, 1000.0):
        res = hgmap.plan(inventory_csv, as_of=AS_OF, model=model, capacities={top: cap})
        assert res.unmet_tonnes == pytest.approx(result.unmet_tonnes)  # only the unreachable row
        costs.append(res.attrs["objective_usd"])
    assert all(b <= a + 1e-6 for a, b in zip(costs, costs[1:])), costs
    assert costs[0] > costs[-1]  # the capacity mattered


def test_capacity_exhausted_is_a_reason(model, inventory_csv):
    fac = model.facilities
    zero = {f: 0.0 for f, s in zip(fac["id"], fac["streams"]) if "lamps" in s}
    res = hgmap.plan(inventory_csv, as_of=AS_OF, model=model, capacities=zero)
    lamps = res.unmet[res.unmet["stream"] == "lamps"]
    assert set(lamps["origin_iso3"]) == {"FJI", "JAM", "TUV", "TON"}
    assert (lamps["reason"] == "capacity_exhausted").all()
    assert lamps["detail"].str.startswith("full: ").all()
    assert not (res.flows["stream"] == "lamps").any()


def test_costs_have_low_high_and_sources(result):
    f = result.flows
    assert (f["cost_usd_low"] > 0).all() and (f["cost_usd_high"] >= f["cost_usd_low"]).all()
    assert (f["containers_low"] >= 1).all()
    # 30 t of lamps need two 20' boxes at the low payload (15-21.75 t).
    jam = f[(f["origin_iso3"] == "JAM") & (f["stream"] == "lamps")]
    assert jam["containers_high"].sum() >= 2
    ca = result.cost_assumptions
    assert ca["source_url"].str.len().gt(0).all() and ca["as_of"].str.len().eq(10).all()
    assert set(ca["origin"]) == {"default"} and (ca["age_days"] >= 0).all()
    # Elemental mercury has no packaging figure: the output says so instead of inventing one.
    hg = f[f["stream"] == "elemental_mercury"]
    assert hg["unpriced"].str.contains("packaging").all()


def test_cost_override_changes_the_gate_fee(model, inventory_csv, tmp_path, result):
    over = tmp_path / "costs.csv"
    over.write_text("parameter,stream,operation,low,high,source_url,confidence,as_of\n"
                    "gate_fee_usd_per_t,lamps,*,0,0,https://example.org/quote,low,2026-01-01\n")
    res = hgmap.plan(inventory_csv, as_of=AS_OF, model=model, costs=over)
    lamps = res.flows[res.flows["stream"] == "lamps"]
    assert (lamps["gate_fee_usd_high"] == 0).all()
    assert res.attrs["total_usd_high"] < result.attrs["total_usd_high"]
    row = res.cost_assumptions[(res.cost_assumptions["parameter"] == "gate_fee_usd_per_t")
                               & (res.cost_assumptions["stream"] == "lamps")]
    assert row["origin"].iloc[0].startswith("override")


def test_bad_cost_file_names_line_and_field(tmp_path):
    bad = tmp_path / "costs.csv"
    bad.write_text("parameter,stream,operation,low,high,source_url,confidence,as_of\n"
                   "gate_fee_usd_per_t,lamps,*,10,5,https://x.org,low,2026-01-01\n"
                   "teleport_usd,lamps,*,1,2,,sure,2026-13-01\n")
    with pytest.raises(ValidationError) as err:
        load_plan_costs(bad)
    msg = str(err.value)
    assert "line 2: low 10 is above high 5" in msg
    assert "line 3: parameter" in msg and "line 3: source_url" in msg and "line 3: confidence" in msg
    assert "line 3: as_of" in msg


def test_inventory_validation_names_line_and_field(tmp_path):
    bad = tmp_path / "inv.csv"
    bad.write_text("country_iso3,stream,tonnes_per_year,source,year\n"
                   "FJI,lamps,1,ok,2020\n"
                   "XXX,lamps,1,ok,2020\n"
                   "FJI,lampz,1,ok,2020\n"
                   "FJI,batteries,-3,ok,2020\n"
                   "FJI,other,,ok,2020\n"
                   "TON,lamps,2,,20x0\n")
    with pytest.raises(ValidationError) as err:
        load_inventory(bad)
    msg = str(err.value)
    for needle in ("line 3: country_iso3", "line 4: stream", "line 5: tonnes_per_year", "line 6: tonnes_per_year",
                   "line 7: source", "line 7: year"):
        assert needle in msg, needle
    with pytest.raises(HgmapError, match="missing column"):
        load_inventory(pd.DataFrame({"country_iso3": ["FJI"]}))


def test_capacity_file_validation(model, inventory_csv, tmp_path):
    caps = tmp_path / "caps.csv"
    caps.write_text("facility_id,capacity_tpy,source\nHG-NOPE-001,5,me\nHG-NZL-001,-1,me\n")
    with pytest.raises(ValidationError) as err:
        hgmap.plan(inventory_csv, as_of=AS_OF, model=model, capacities=caps)
    assert "line 2: facility_id" in str(err.value) and "line 3: capacity_tpy" in str(err.value)


def test_example_inventory_rows_are_cited():
    inv = load_inventory(EXAMPLE)
    table = pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)
    assert len(inv.rows) + len(inv.unquantified) >= 1
    assert table["source"].str.contains("http").all()
    # Every row without a figure says why.
    blank = table[table["tonnes_per_year"] == ""]
    assert blank["notes"].str.len().gt(10).all()


def test_cli_plan_writes_outputs_and_maps_errors(inventory_csv, tmp_path, capsys):
    from hgmap.cli import main

    out = tmp_path / "out"
    assert main(["plan", "--inventory", str(inventory_csv), "--as-of", AS_OF, "--out", str(out)]) == 0
    for name in ("flows.csv", "unmet.csv", "facility_load.csv", "country_totals.csv", "cost_assumptions.csv",
                 "plan.json", "flows_map.html", "flows.geojson"):
        assert (out / name).stat().st_size > 0, name
    html = (out / "flows_map.html").read_text()
    assert "Not legal advice" in html and "https://" not in html.split("<script>")[0].split("</style>")[-1]
    assert "capacity_exhausted" not in (out / "unmet.csv").read_text()
    bad = tmp_path / "bad.csv"
    bad.write_text("country_iso3,stream,tonnes_per_year,source,year\nFJI,lamps,abc,x,2020\n")
    assert main(["plan", "--inventory", str(bad), "--out", str(tmp_path / "o2")]) == 2
    assert "line 2: tonnes_per_year" in capsys.readouterr().err


def test_map_escapes_catalogue_text(model, inventory_csv, tmp_path):
    from hgmap.plan.render import flows_map_html

    fac = model.facilities.copy()
    res = hgmap.plan(inventory_csv, as_of=AS_OF, model=model)
    res.flows.loc[0, "facility_name"] = "</script><script>alert(1)</script>"
    html = flows_map_html(res, facilities=fac)
    assert "</script><script>alert(1)" not in html
    assert np.isfinite(res.attrs["objective_usd"])


def test_scenario_closing_a_facility_moves_its_tonnes(model, inventory_csv, result):
    scen = Path(__file__).resolve().parents[1] / "examples" / "scenarios" / "nz_plant_closes.yaml"
    assert (result.flows["facility_id"] == "HG-NZL-001").any()
    res = hgmap.plan(inventory_csv, as_of=AS_OF, model=model, scenario=scen)
    assert not (res.flows["facility_id"] == "HG-NZL-001").any()
    assert res.attrs["scenario"]
    assert res.placed_tonnes == pytest.approx(result.placed_tonnes)
    assert res.attrs["objective_usd"] >= result.attrs["objective_usd"] - 1e-6


def test_k_nearest_options_fall_back_to_every_facility_when_full(model, inventory_csv, result):
    fast = hgmap.plan(inventory_csv, as_of=AS_OF, model=model, k=3)
    assert fast.placed_tonnes == pytest.approx(result.placed_tonnes)
    assert fast.attrs["objective_usd"] >= result.attrs["objective_usd"] - 1e-6
    # Fill the 3 nearest lamp options of every origin: k=3 must still place what k=all places.
    fac = model.facilities
    zero = {f: 0.0 for f in result.flows.loc[result.flows["stream"] == "lamps", "facility_id"]}
    exact = hgmap.plan(inventory_csv, as_of=AS_OF, model=model, capacities=zero)
    quick = hgmap.plan(inventory_csv, as_of=AS_OF, model=model, capacities=zero, k=1)
    assert quick.unmet_tonnes == pytest.approx(exact.unmet_tonnes)
    # Nearest is not always cheapest: k trades exactness for speed, never placed tonnes.
    assert quick.attrs["objective_usd"] >= exact.attrs["objective_usd"] - 1e-6
    assert len(fac) > 1
