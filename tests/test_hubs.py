"""Regional consolidation hubs (hgmap.hubs): legality of both legs, p = n, exclusions."""

from __future__ import annotations

import pytest

import hgmap
from hgmap import law
from hgmap.errors import HgmapError

AS_OF = "2025-06-01"
SMALL = ["FJI", "TON", "WSM", "TUV", "VUT"]


@pytest.fixture(scope="session")
def model():
    # The default model the CLI and hgmap.plan()/hubs() build and cache: one build per session.
    from hgmap.access import shared_model

    return shared_model(None, None)


def _onward_ok(h):
    dec = law.assess(h.hub_iso3, h.facility_iso3, "lamps", h.operation, as_of=AS_OF,
                     via=tuple(t for t in h.onward_transit_iso3.split(";") if t))
    return dec.status != "prohibited"


def test_p_equal_members_each_its_own_hub_and_total_equals_alone(model):
    res = hgmap.hubs(SMALL, len(SMALL), model=model, as_of=AS_OF)
    a = res.assignments
    assert (a["hub_iso3"] == a["iso3"]).all()
    assert sorted(res.hubs["hub_iso3"]) == sorted(SMALL)
    assert res.attrs["total_usd"] == pytest.approx(res.attrs["alone_usd"], rel=1e-9)
    assert res.attrs["saving_usd"] == pytest.approx(0.0, abs=1e-6)


def test_p1_pacific_hub_is_legal_for_both_legs(model):
    res = hgmap.hubs("pacific", 1, model=model, as_of=AS_OF)
    assert len(res.hubs) == 1
    hub = next(res.hubs.itertuples())
    assert _onward_ok(hub)
    served = res.assignments[res.assignments["hub_iso3"] != ""]
    assert len(served) >= 10
    for r in served.itertuples():
        assert r.hub_iso3 == hub.hub_iso3
        if r.iso3 != r.hub_iso3:
            dec = law.assess(r.iso3, r.hub_iso3, "lamps", hub.operation, as_of=AS_OF,
                             via=tuple(t for t in r.collect_transit_iso3.split(";") if t))
            assert dec.status != "prohibited", r.iso3
        # ... and every member may legally send its waste on to the hub's facility.
        final = law.assess(r.iso3, hub.facility_iso3, "lamps", hub.operation, as_of=AS_OF)
        assert final.status != "prohibited", (r.iso3, hub.facility_iso3)
    # Every member is either served or listed, with a reason, as unable to join.
    from hgmap.plan.hubs import region_members

    members = set(region_members("pacific"))
    listed = set(served["iso3"]) | set(res.excluded["iso3"])
    assert listed == set(res.assignments["iso3"]) | set(res.excluded["iso3"])
    assert res.excluded["reason"].str.len().gt(10).all()
    assert listed == members


def test_unserved_members_say_which_rule_blocks_them(model):
    res = hgmap.hubs("pacific", 1, model=model, as_of=AS_OF)
    hub = res.hubs["hub_iso3"].iloc[0]
    for r in res.excluded.itertuples():
        if "no open hub" in r.reason:
            assert f"to {hub}:" in r.reason and "[" in r.reason  # the rule ids
            assert law.matrix("lamps", "recovery", as_of=AS_OF).status_name(r.iso3, hub) == "prohibited"


def test_country_with_no_legal_option_is_excluded_with_reasons(model):
    res = hgmap.hubs("HTI,JAM,DOM,CUB", 1, stream="contaminated_soil", model=model, as_of=AS_OF)
    ex = res.excluded.set_index("iso3")
    assert "HTI" in ex.index
    assert "prohibited" in ex.at["HTI", "reason"] and "no legal onward route" in ex.at["HTI", "reason"]
    assert "HTI" not in set(res.assignments.loc[res.assignments["hub_iso3"] != "", "iso3"])


def test_p1_is_the_cheapest_single_hub(model):
    # The MILP's choice costs no more than any single candidate forced as the hub.
    region = ["TON", "WSM", "TUV", "VUT", "FJI"]
    best = hgmap.hubs(region, 1, tonnes=0.5, model=model, as_of=AS_OF)
    n = best.attrs["n_served"]
    for j in region:
        try:
            forced = hgmap.hubs(region, 1, tonnes=0.5, candidates=[j], model=model, as_of=AS_OF)
        except HgmapError:
            continue  # no legal onward route from j
        if forced.attrs["n_served"] == n:
            assert best.attrs["total_usd"] <= forced.attrs["total_usd"] + 1e-6, j


def test_inventory_tonnes_and_bad_input(model, tmp_path):
    inv = tmp_path / "inv.csv"
    inv.write_text("country_iso3,stream,tonnes_per_year,source,year\nFJI,lamps,3,x,2020\nTON,lamps,1,x,2020\n")
    res = hgmap.hubs(["FJI", "TON", "WSM"], 1, inventory=inv, model=model, as_of=AS_OF)
    assert set(res.assignments["iso3"]) == {"FJI", "TON"}
    assert "WSM" in set(res.excluded["iso3"])
    assert res.assignments["tonnes"].sum() == pytest.approx(4)
    with pytest.raises(HgmapError, match="p="):
        hgmap.hubs(["FJI", "TON"], 5, model=model, as_of=AS_OF)
    with pytest.raises(HgmapError):
        hgmap.hubs("atlantis", 1, model=model)


def test_cli_hubs(tmp_path, capsys):
    from hgmap.cli import main

    assert main(["hubs", "--region", "FJI,TON,WSM", "--p", "1", "--as-of", AS_OF, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Not legal advice" in out and "nominal" in out
    assert (tmp_path / "hubs.csv").exists() and (tmp_path / "hub_assignments.csv").exists()
    assert (tmp_path / "hub_cost_assumptions.csv").stat().st_size > 0
    assert "cost figures:" in out and "hub_cost_assumptions.csv" in out
    assert main(["hubs", "--region", "FJI", "--p", "0"]) == 2


def test_candidates_file_outside_the_region(model, tmp_path):
    cands = tmp_path / "cands.csv"
    cands.write_text("iso3\nNZL\nAUS\n")
    res = hgmap.hubs(["TON", "WSM", "TUV"], 1, candidates=cands, model=model, as_of=AS_OF)
    assert res.hubs["hub_iso3"].iloc[0] in {"NZL", "AUS"}
    assert res.attrs["candidates"] and set(res.attrs["candidates"]) <= {"NZL", "AUS"}
    for r in res.assignments[res.assignments["hub_iso3"] != ""].itertuples():
        assert r.hub_iso3 != r.iso3 and r.collect_km > 0
    bad = tmp_path / "bad.csv"
    bad.write_text("iso3\nZZZ\n")
    with pytest.raises(HgmapError, match="line 2"):
        hgmap.hubs(["TON"], 1, candidates=bad, model=model, as_of=AS_OF)


def test_a_hub_never_opens_a_final_destination_the_member_may_not_use(model):
    res = hgmap.hubs("caribbean", 3, model=model, as_of=AS_OF)
    hubs = res.hubs.set_index("hub_iso3")
    for r in res.assignments[res.assignments["hub_iso3"] != ""].itertuples():
        h = hubs.loc[r.hub_iso3]
        dec = law.assess(r.iso3, h["facility_iso3"], "lamps", h["operation"], as_of=AS_OF)
        assert dec.status != "prohibited", (r.iso3, r.hub_iso3, h["facility_iso3"])


def test_hubs_route_onward_to_a_user_catalogue():
    # A user catalogue (here: two of the shipped facilities) is the only onward choice.
    fac = hgmap.load_facilities()
    mine = fac[fac["id"].isin(["HG-NZL-001", "HG-USA-001"])].copy()
    res = hgmap.hubs(["TON", "WSM", "TUV"], 1, facilities=mine, as_of=AS_OF)
    assert set(res.hubs["facility_id"]) <= {"HG-NZL-001", "HG-USA-001"}
    assert len(res.hubs) == 1
