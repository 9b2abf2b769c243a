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


def test_p_equal_members_never_costs_more_than_shipping_alone(model):
    # At most p hubs: with p = every member the plan is at worst everyone shipping alone.
    res = hgmap.hubs(SMALL, len(SMALL), model=model, as_of=AS_OF)
    a = res.assignments
    assert set(a["choice"]) <= {"hub", "joins hub", "ships alone"}
    assert res.attrs["total_usd"] <= res.attrs["alone_usd"] + 1e-6
    assert (a["saving_usd"] >= -1e-6).all()
    assert len(res.hubs) <= len(SMALL)
    for h in res.hubs.itertuples():  # every recommended hub collects from another member and saves
        assert h.n_members >= 2 and h.saving_usd > 0


def test_without_a_saving_hub_every_member_ships_alone_at_its_own_cost(model):
    # NZL as the only candidate: the members' own best routes already go to HG-NZL-001, so a
    # hub there adds a collection shipment and saves nothing: no hub, totals equal alone.
    res = hgmap.hubs(["TON", "WSM", "TUV"], 1, candidates=["NZL"], model=model, as_of=AS_OF)
    assert res.hubs.empty and list(res.hubs.columns)[:3] == ["hub_iso3", "hub_name", "members"]
    a = res.assignments
    assert (a["choice"] == "ships alone").all() and (a["hub_iso3"] == "").all()
    assert (a["cost_usd"] == a["alone_usd"]).all() and (a["saving_usd"] == 0).all()
    assert res.attrs["total_usd"] == pytest.approx(res.attrs["alone_usd"], rel=1e-12)
    assert "no hub recommended (at most 1 asked)" in res.summary()


def test_pacific_p2_no_member_pays_more_than_shipping_alone(model):
    """The review of main: ``hgmap hubs --region pacific --p 2`` put all 18 non-hub members
    through a hub at a loss (saving -1.5 %; FJI sent 6,316 km to Timor-Leste, then to
    California). A member ships alone when that is cheaper, a hub that saves nothing is
    not recommended, and each member's saving against shipping alone is in the output."""
    res = hgmap.hubs("pacific", 2, model=model, as_of=AS_OF, keep_insignificant=True)
    a = res.assignments.set_index("iso3")
    assert res.attrs["saving_usd"] >= 0 and len(res.hubs) <= 2
    comparable = a[a["alone_usd"].notna() & (a["choice"] != "unserved")]
    assert (comparable["cost_usd"] <= comparable["alone_usd"] + 1e-6).all()
    assert comparable["saving_usd"].sub(comparable["alone_usd"] - comparable["cost_usd"]).abs().max() < 1e-6
    assert (a.loc[a["choice"] == "ships alone", "hub_iso3"] == "").all()
    for h in res.hubs.itertuples():
        assert h.saving_usd > 0 or h.opened_for != "saving", h.hub_iso3
        ms = h.members.split(";")
        assert len(ms) >= 2 and h.hub_iso3 in ms
        assert h.saving_usd == pytest.approx((a.loc[ms, "alone_usd"] - a.loc[ms, "cost_usd"]).sum())
    # Fiji is not sent through Timor-Leste at a loss.
    assert not (a.at["FJI", "hub_iso3"] == "TLS" and a.at["FJI", "saving_usd"] < 0)
    text = res.summary()
    for m in a.index:
        assert f"member {m}: " in text
    assert "saving USD" in text and "ships alone" in text


def test_hub_members_share_the_saving_by_tonnes(model, tmp_path):
    # Every member that could ship alone saves the same per tonne: the hub's net saving is
    # shared by tonnes (hgmap.plan.hub_shares).
    inv = tmp_path / "inv.csv"
    inv.write_text("country_iso3,stream,tonnes_per_year,source,year\n"
                   "TON,lamps,1,x,2020\nWSM,lamps,2,x,2020\nTUV,lamps,1,x,2020\n")
    res = hgmap.hubs(["TON", "WSM", "TUV"], 1, inventory=inv, model=model, as_of=AS_OF, keep_insignificant=True)
    assert len(res.hubs) == 1
    a = res.assignments
    per_t = a["saving_usd"] / a["tonnes"]
    assert per_t.min() > 0 and per_t.max() == pytest.approx(per_t.min(), rel=1e-9)
    assert a["saving_usd"].sum() == pytest.approx(res.attrs["saving_usd"])


def test_milp_lets_a_member_ship_alone_from_a_cost_matrix():
    # The MILP alone, on a two-member cost matrix: one hub option with a fixed cost of 100;
    # member 0 costs 10 through it (50 alone), member 1 costs 80 through it (60 alone).
    # Best: hub for member 0 only would cost 110 > 50, so nobody joins it (alone: 110);
    # with the fixed cost at 20, member 0 joins (30) and member 1 ships alone (60).
    import numpy as np
    import pandas as pd

    from hgmap.plan.hub_milp import Choices, solve_hubs

    ch = Choices(np.array([0, 1]), np.array([0, 0]), np.array([10.0, 80.0]), {}, {"A", "B"})
    for fixed, want_y, want_a in ((100.0, [0, 0], [1, 1]), (20.0, [1, 0], [0, 1])):
        opts = pd.DataFrame({"origin_iso3": ["A"], "fixed": [fixed]})
        sol = solve_hubs(ch, opts, ["A"], ["A", "B"], {"A": 1, "B": 1}, {}, 1, alone_cost=np.array([50.0, 60.0]))
        assert np.round(sol["y"]).tolist() == want_y and np.round(sol["a"]).tolist() == want_a
        assert sol["z"].tolist() == [bool(want_y[0])]
    # Without the alone option (the old model) both are forced through the hub.
    sol = solve_hubs(ch, pd.DataFrame({"origin_iso3": ["A"], "fixed": [100.0]}), ["A"], ["A", "B"],
                     {"A": 1, "B": 1}, {}, 1)
    assert np.round(sol["y"]).tolist() == [1, 1]


def test_p1_pacific_hub_is_legal_for_both_legs(model):
    res = hgmap.hubs("pacific", 1, model=model, as_of=AS_OF, keep_insignificant=True)
    assert len(res.hubs) <= 1
    served = res.assignments[res.assignments["choice"].isin(["hub", "joins hub"])]
    for hub in res.hubs.itertuples():
        assert _onward_ok(hub)
        assert set(served["hub_iso3"]) == {hub.hub_iso3}
    for r in served.itertuples():
        if r.iso3 != r.hub_iso3:
            dec = law.assess(r.iso3, r.hub_iso3, "lamps", r.operation, as_of=AS_OF,
                             via=tuple(t for t in r.collect_transit_iso3.split(";") if t))
            assert dec.status != "prohibited", r.iso3
    # ... and every member may legally send its waste on to the facility it ends at.
    for r in res.assignments[res.assignments["choice"] != "unserved"].itertuples():
        final = law.assess(r.iso3, r.facility_iso3, "lamps", r.operation, as_of=AS_OF)
        assert final.status != "prohibited", (r.iso3, r.facility_iso3)
    # Every member is either served (through a hub or alone) or listed, with a reason, as unable to join.
    from hgmap.plan.hubs import region_members

    members = set(region_members("pacific"))
    listed = set(res.assignments.loc[res.assignments["choice"] != "unserved", "iso3"]) | set(res.excluded["iso3"])
    assert res.excluded["reason"].str.len().gt(10).all()
    assert listed == members


def test_members_that_may_not_join_say_which_rule_blocks_them(model):
    res = hgmap.hubs("pacific", 1, model=model, as_of=AS_OF, keep_insignificant=True)
    hubs = set(res.hubs["hub_iso3"])
    hubs_rows = res.hubs.set_index("hub_iso3")
    blocked = res.assignments[res.assignments["note"].str.contains("may not legally join")]
    for r in blocked.itertuples():
        for hub in hubs:
            assert f"to {hub}:" in r.note  # every open hub has its reason
            part = r.note.split(f"to {hub}:")[1].split(" | ")[0]
            assert "[" in part  # the rule ids
            if "onward shipment goes to" in part:  # the hub's final destination is closed to the member
                fac = hubs_rows.at[hub, "facility_iso3"]
                assert law.matrix("lamps", "recovery", as_of=AS_OF).status_name(r.iso3, fac) == "prohibited"
            else:
                assert law.matrix("lamps", "recovery", as_of=AS_OF).status_name(r.iso3, hub) == "prohibited"
    for r in res.excluded.itertuples():
        if "no open hub" in r.reason:
            assert "[" in r.reason


def test_country_with_no_legal_option_is_excluded_with_reasons(model):
    res = hgmap.hubs("HTI,JAM,DOM,CUB", 1, stream="contaminated_soil", model=model, as_of=AS_OF)
    ex = res.excluded.set_index("iso3")
    assert "HTI" in ex.index
    assert "prohibited" in ex.at["HTI", "reason"] and "no legal onward route" in ex.at["HTI", "reason"]
    assert "HTI" not in set(res.assignments.loc[res.assignments["choice"] != "unserved", "iso3"])


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
    # p is "at most": more than the candidates with an onward route is said, not refused.
    many = hgmap.hubs(["FJI", "TON"], 5, model=model, as_of=AS_OF)
    assert many.attrs["p_note"].startswith("p=5 but only 1 candidate hub(s)") and many.attrs["p_note"] in many.summary()
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
    assert set(res.hubs["hub_iso3"]) <= {"NZL", "AUS"}
    assert res.attrs["candidates"] and set(res.attrs["candidates"]) <= {"NZL", "AUS"}
    for r in res.assignments[res.assignments["choice"] == "joins hub"].itertuples():
        assert r.hub_iso3 != r.iso3 and r.collect_km > 0
    bad = tmp_path / "bad.csv"
    bad.write_text("iso3\nZZZ\n")
    with pytest.raises(HgmapError, match="line 2"):
        hgmap.hubs(["TON"], 1, candidates=bad, model=model, as_of=AS_OF)


def test_a_hub_never_opens_a_final_destination_the_member_may_not_use(model):
    res = hgmap.hubs("caribbean", 3, model=model, as_of=AS_OF, keep_insignificant=True)
    hubs = res.hubs.set_index("hub_iso3")
    assert len(hubs)
    for r in res.assignments[res.assignments["choice"] != "unserved"].itertuples():
        if r.hub_iso3:
            assert hubs.at[r.hub_iso3, "facility_iso3"] == r.facility_iso3
        dec = law.assess(r.iso3, r.facility_iso3, "lamps", r.operation, as_of=AS_OF)
        assert dec.status != "prohibited", (r.iso3, r.hub_iso3, r.facility_iso3)


def test_hubs_route_onward_to_a_user_catalogue():
    # A user catalogue (here: two of the shipped facilities) is the only onward choice.
    fac = hgmap.load_facilities()
    mine = fac[fac["id"].isin(["HG-NZL-001", "HG-USA-001"])].copy()
    res = hgmap.hubs(["TON", "WSM", "TUV"], 1, facilities=mine, as_of=AS_OF)
    assert set(res.hubs["facility_id"]) <= {"HG-NZL-001", "HG-USA-001"}
    assert set(res.assignments["facility_id"]) <= {"HG-NZL-001", "HG-USA-001"}
    assert len(res.hubs) <= 1
