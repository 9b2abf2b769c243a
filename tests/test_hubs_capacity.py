"""Hub capacity and storage cost (hgmap.hubs): unknown unless a candidates file gives sourced figures.

The WSM hub these tests exercise saves a few hundred dollars, inside the cost band of
its members' costs alone: not significant, so it is kept explicitly (keep_insignificant).
"""

from __future__ import annotations

import numpy as np
import pytest

import hgmap
from hgmap.errors import HgmapError, ValidationError

AS_OF = "2025-06-01"
MEMBERS = ["TON", "WSM", "TUV"]


@pytest.fixture(scope="session")
def model():
    from hgmap.access import shared_model

    return shared_model(None, None)


@pytest.fixture(scope="session")
def plain(model):
    # WSM collecting TON and TUV saves against each shipping alone (1 t a year each).
    return hgmap.hubs(MEMBERS, 1, candidates=["WSM"], model=model, as_of=AS_OF, keep_insignificant=True)


def test_without_figures_capacity_and_storage_are_named_unknowns(plain):
    hub = plain.hubs.iloc[0]
    assert hub["hub_iso3"] == "WSM" and hub["saving_usd"] > 0
    assert np.isnan(hub["hub_capacity_tpy"]) and np.isnan(hub["storage_usd"])
    assert hub["hub_capacity_source"].startswith("unknown") and hub["storage_source"].startswith("unknown")
    text = " | ".join(plain.attrs["unknowns"])
    assert "storage and handling at the hub" in text and "hub capacity" in text
    assert "onward facility capacity" in text
    assert "unknown: storage and handling at the hub" in plain.summary()


def test_a_sourced_storage_cost_is_added_per_collected_tonne(model, plain, tmp_path):
    cands = tmp_path / "cands.csv"
    cands.write_text("iso3,storage_usd_per_t,source\nWSM,10,https://example.org/quote-2026\n")
    res = hgmap.hubs(MEMBERS, 1, candidates=cands, model=model, as_of=AS_OF, keep_insignificant=True)
    hub = res.hubs.iloc[0]
    assert hub["collected_t"] == pytest.approx(2.0)
    assert hub["storage_usd"] == pytest.approx(20.0)
    assert "example.org" in hub["storage_source"]
    assert res.attrs["total_usd"] == pytest.approx(plain.attrs["total_usd"] + 20.0)
    assert not any("storage" in u for u in res.attrs["unknowns"])
    assert "storage USD 20 for 2.0 t collected (candidates file: https://example.org/quote-2026)" in res.summary()
    assert any("hub capacity" in u for u in res.attrs["unknowns"])
    # A storage cost above what the hub saves closes it: every member ships alone.
    dear = tmp_path / "dear.csv"
    dear.write_text("iso3,storage_usd_per_t,source\nWSM,250,https://example.org/quote-2026\n")
    res = hgmap.hubs(MEMBERS, 1, candidates=dear, model=model, as_of=AS_OF, keep_insignificant=True)
    assert res.hubs.empty and (res.assignments["choice"] == "ships alone").all()


def test_a_sourced_capacity_limits_what_a_hub_collects(model, tmp_path):
    cands = tmp_path / "cands.csv"
    cands.write_text("iso3,capacity_tpy,source\nWSM,1,https://example.org/permit\n")
    res = hgmap.hubs(MEMBERS, 1, candidates=cands, model=model, as_of=AS_OF, keep_insignificant=True)
    hub = res.hubs.iloc[0]
    assert hub["collected_t"] <= 1.0 + 1e-9 and hub["n_members"] == 2
    assert hub["hub_capacity_tpy"] == 1.0
    # The member that does not fit ships alone, and says the hub is full.
    alone = res.assignments[res.assignments["choice"] == "ships alone"]
    assert len(alone) == 1
    assert "hub WSM is full: it collects 1 t of its capacity of 1 t a year (https://example.org/permit)" \
        in alone["note"].iloc[0]
    # Every member is served or excluded with its reason: no tonne disappears.
    served = set(res.assignments.loc[res.assignments["choice"] != "unserved", "iso3"])
    assert served | set(res.excluded["iso3"]) == set(MEMBERS)


def test_candidate_figures_are_validated(model, tmp_path):
    nosrc = tmp_path / "nosrc.csv"
    nosrc.write_text("iso3,capacity_tpy\nNZL,5\n")
    with pytest.raises(HgmapError, match="need a 'source' column"):
        hgmap.hubs(MEMBERS, 1, candidates=nosrc, model=model, as_of=AS_OF, keep_insignificant=True)
    bad = tmp_path / "bad.csv"
    bad.write_text("iso3,capacity_tpy,storage_usd_per_t,source\nNZL,-1,,x\nAUS,,12,\nNZL,,,\n")
    with pytest.raises(ValidationError) as err:
        hgmap.hubs(MEMBERS, 1, candidates=bad, model=model, as_of=AS_OF, keep_insignificant=True)
    msg = str(err.value)
    assert "line 2: capacity_tpy: '-1' is not a non-negative number" in msg
    assert "line 3: source: empty" in msg
    assert "line 4: iso3: NZL is already a candidate" in msg


def test_hub_results_say_which_cost_figures_are_defaults_and_how_old(model, plain, tmp_path):
    ca = plain.cost_assumptions
    assert {"gate_fee_usd_per_t", "payload_t_per_teu", "notification_usd_per_shipment"} <= set(ca["parameter"])
    assert ca["source_url"].str.len().gt(0).all() and (ca["age_days"] >= 0).all()
    assert set(ca["origin"]) == {"default"}
    assert set(ca.loc[ca["parameter"] == "gate_fee_usd_per_t", "stream"]) <= {"lamps", "*"}
    assert plain.attrs["oldest_cost_as_of"] == min(ca["as_of"])
    over = tmp_path / "costs.csv"
    over.write_text("parameter,stream,operation,low,high,source_url,confidence,as_of\n"
                    "gate_fee_usd_per_t,lamps,*,0,0,https://example.org/quote,low,2026-01-01\n")
    res = hgmap.hubs(MEMBERS, 1, candidates=["WSM"], costs=over, model=model, as_of=AS_OF, keep_insignificant=True)
    row = res.cost_assumptions[res.cost_assumptions["parameter"] == "gate_fee_usd_per_t"]
    assert row["origin"].iloc[0].startswith("override") and "1 override(s)" in res.summary()
    assert res.attrs["total_usd"] < plain.attrs["total_usd"]
