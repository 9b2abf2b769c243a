"""Review 24 of ``hgmap hubs``: cost alone as the plan prices it, sites that join nothing,
container-terminal candidates, the collection leg's legal confidence, wording."""

from __future__ import annotations

import pandas as pd
import pytest

import hgmap
from hgmap.cli import main

AS_OF = "2025-06-01"


@pytest.fixture(scope="session")
def model():
    from hgmap.access import shared_model

    return shared_model(None, None)


def test_cost_alone_is_the_plans_cost_for_the_same_shipment(model, tmp_path):
    # Main: Fiji 1 t lamps to HG-NZL-001 cost 9,060 in the plan (mid) but alone_usd 9,195 in
    # hubs (q*teu/payload + teu instead of whole containers). One home: plan.costs.option_costs.
    inv = tmp_path / "inv.csv"
    inv.write_text("country_iso3,stream,tonnes_per_year,source,year\n"
                   "FJI,lamps,1,test,2024\nTUV,lamps,1,test,2024\nJAM,lamps,1,test,2024\nHTI,lamps,1,test,2024\n")
    plan = hgmap.plan(inv, as_of=AS_OF, model=model)
    mid = plan.flows.assign(mid=(plan.flows["cost_usd_low"] + plan.flows["cost_usd_high"]) / 2)
    by_origin = mid.set_index("origin_iso3")
    h = hgmap.hubs(["FJI", "TUV", "JAM", "HTI"], 1, inventory=inv, as_of=AS_OF, model=model)
    a = h.assignments.set_index("iso3")
    for iso in ("FJI", "TUV", "JAM", "HTI"):
        assert a.at[iso, "alone_usd"] == pytest.approx(by_origin.at[iso, "mid"], rel=1e-9), iso
        if a.at[iso, "choice"] == "ships alone":
            assert a.at[iso, "facility_id"] == by_origin.at[iso, "facility_id"]
