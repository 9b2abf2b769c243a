"""hgmap.plan.inputs.resolve_inputs: the one block plan() and hubs() resolve their inputs with."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import hgmap
from hgmap import law
from hgmap.errors import HgmapError, ValidationError
from hgmap.plan.costs import load_plan_costs
from hgmap.plan.inputs import resolve_inputs

SCENARIO = Path(__file__).resolve().parents[1] / "examples" / "scenarios" / "nz_plant_closes.yaml"


@pytest.fixture(scope="session")
def model():
    from hgmap.access import shared_model

    return shared_model(None, None)


def test_resolves_date_scenario_costs_and_reuses_the_model(model, tmp_path):
    over = tmp_path / "costs.csv"
    over.write_text("parameter,stream,operation,low,high,source_url,confidence,as_of\n"
                    "gate_fee_usd_per_t,lamps,*,1,2,https://example.org/quote,low,2026-01-01\n")
    got = resolve_inputs(as_of="2025-06-01", scenario=SCENARIO, costs=over, model=model)
    assert got.day == dt.date(2025, 6, 1)
    assert isinstance(got.scenario, law.Scenario) and got.scenario.name
    assert got.costs.lookup("gate_fee_usd_per_t", "lamps") == (1.0, 2.0)
    assert got.model is model and got.transport is model.costs
    table = load_plan_costs()
    same = resolve_inputs(costs=table, scenario=got.scenario, model=model)
    assert same.day is None and same.costs is table and same.scenario is got.scenario


def test_refuses_what_a_given_model_would_ignore(model, tmp_path):
    with pytest.raises(HgmapError, match="transport_costs: give them to the AccessModel"):
        resolve_inputs(model=model, transport_costs=tmp_path / "c.csv")
    with pytest.raises(HgmapError, match="facilities: give them to the AccessModel"):
        resolve_inputs(model=model, facilities=hgmap.load_facilities())
    with pytest.raises(HgmapError, match="as_of"):
        resolve_inputs(as_of="2025-13-01", model=model)
    bad = tmp_path / "bad.csv"
    bad.write_text("parameter,stream,operation,low,high,source_url,confidence,as_of\nx,lamps,*,1,2,u,low,2026-01-01\n")
    with pytest.raises(ValidationError, match="line 2: parameter"):
        resolve_inputs(costs=bad, model=model)


def test_plan_and_hubs_share_it(model):
    # Both planners refuse the same misuse with the same words: one block, not two copies.
    for call in (lambda: hgmap.plan(pd_inventory(), model=model, facilities=hgmap.load_facilities()),
                 lambda: hgmap.hubs(["FJI", "TON"], 1, model=model, transport_costs="x.csv")):
        with pytest.raises(HgmapError, match="give them to the AccessModel"):
            call()


def pd_inventory():
    import pandas as pd

    return pd.DataFrame({"country_iso3": ["FJI"], "stream": ["lamps"], "tonnes_per_year": ["1"],
                         "source": ["x"], "year": ["2020"]})
