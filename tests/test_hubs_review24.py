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


def test_sites_that_join_nothing_are_excluded_as_the_plan_leaves_them_unmet(model, tmp_path):
    # Main: plan left Kosrae sites unmet (no_route: the points join no road within 50 km and no
    # port of Micronesia within 300 km: Kosrae's port has no sourced position, data/build_ports.py)
    # while hubs counted them. Kiritimati now has its port of entry (KICXI) and is placed.
    sites = tmp_path / "sites.csv"
    sites.write_text("id,country,lat,lon,name\nki-kiritimati,KIR,1.87,-157.40,Kiritimati\n"
                     "fm-kosrae,FSM,5.33,163.00,Kosrae\n")
    inv = tmp_path / "inv.csv"
    inv.write_text("country_iso3,origin_id,stream,tonnes_per_year,source,year\n"
                   ",ki-kiritimati,lamps,0.3,test,2024\n,fm-kosrae,lamps,0.5,test,2024\n"
                   "TUV,,lamps,0.3,test,2024\nFJI,,lamps,1,test,2024\n")
    plan = hgmap.plan(inv, origins=sites, as_of=AS_OF, model=model)
    unmet = set(plan.unmet.loc[plan.unmet["reason"] == "no_route", "origin_id"])
    assert unmet == {"fm-kosrae"}
    h = hgmap.hubs("pacific", 2, inventory=inv, origins=sites, as_of=AS_OF, model=model)
    assert "FSM" not in set(h.assignments["iso3"]) and {"FJI", "TUV", "KIR"} <= set(h.assignments["iso3"])
    ex = h.excluded.set_index("iso3")["reason"]
    assert isinstance(ex["FSM"], str) and "fm-kosrae" in ex["FSM"] and "joins no road" in ex["FSM"], ex.get("FSM")
    assert "KIR" not in ex.index
    assert h.assignments["tonnes"].sum() == pytest.approx(plan.placed_tonnes)
    out = tmp_path / "out"
    assert main(["hubs", "--region", "pacific", "--p", "2", "--inventory", str(inv), "--origins-file", str(sites),
                 "--as-of", AS_OF, "--out", str(out)]) == 0
    csv = pd.read_csv(out / "hub_excluded.csv")
    assert csv.loc[csv["iso3"] == "FSM", "reason"].str.contains("fm-kosrae").all()
    assert (csv["iso3"] == "FSM").sum() == 1


def test_collection_leg_status_comes_with_its_confidence_and_unknowns(model, tmp_path):
    # Main: "GLP joins hub VGB ... permitted_with_consent" while hgmap.law.assess(GLP, VGB) is
    # confidence low on presumptions (the UK's OECD/Annex VII membership reaching the BVI,
    # data/law territories.csv: unknown). The table and the summary must carry them.
    from hgmap import law

    h = hgmap.hubs(["GLP", "VGB"], 1, candidates=["VGB"], tonnes=5.0, as_of=AS_OF, model=model, keep_insignificant=True)
    a = h.assignments.set_index("iso3")
    assert {"leg_legal_confidence", "leg_unknowns"} <= set(h.assignments.columns)
    assert {"onward_legal_confidence", "onward_unknowns"} <= set(h.hubs.columns)
    assert a.at["GLP", "choice"] == "joins hub"
    d = law.assess("GLP", "VGB", "lamps", a.at["GLP", "operation"], as_of=AS_OF)
    assert a.at["GLP", "leg_legal_confidence"] == d.confidence
    assert a.at["GLP", "leg_unknowns"].split(" | ") == list(d.unknowns) and d.unknowns
    assert f"leg GLP -> VGB {d.status}, confidence {d.confidence}, {len(d.unknowns)} unknown(s)" in h.summary()
    out = tmp_path / "out"
    from hgmap.plan.render import write_hubs

    write_hubs(h, out)
    csv = pd.read_csv(out / "hub_assignments.csv", keep_default_na=False)
    assert "leg_legal_confidence" in csv.columns and "leg_unknowns" in csv.columns


def test_default_candidates_are_members_with_a_terminal_port(model):
    # data/ports.csv (searoute 1.6.0, UN/LOCODE) leaves `terminal` empty for NUALO (Alofi, Niue),
    # NRINU and NRYAR (Nauru): main chose NIU as the Pacific p=1 hub (Alofi has no harbour;
    # containers are barged ashore). A candidates list still lets a user choose them.
    from hgmap.ports import load_ports

    ports = load_ports()
    with_terminal = set(ports.loc[ports["terminal"] == "1", "iso3"])
    assert "NIU" not in with_terminal and "NRU" not in with_terminal
    for p in (1, 2, 3):
        h = hgmap.hubs("pacific", p, as_of=AS_OF, model=model, keep_insignificant=True)
        assert set(h.attrs["candidates"]) <= with_terminal
        assert not {"NIU", "NRU"} & set(h.hubs["hub_iso3"])
        assert {"NIU", "NRU"} <= set(h.attrs["not_candidates"])
        assert "not a default candidate hub" in h.summary() and "NIU" in h.summary()
    chosen = hgmap.hubs(["NIU", "COK", "WSM"], 1, candidates=["NIU"], as_of=AS_OF, model=model)
    assert chosen.attrs["candidates"] == ["NIU"] and chosen.attrs["not_candidates"] == {}


def test_wording_of_errors_and_summary(model, tmp_path, capsys):
    from hgmap.errors import HgmapError, ValidationError

    # UMI and ESH join nothing: no trailing colon, the reason in words.
    with pytest.raises(HgmapError) as e:
        hgmap.hubs(["UMI", "ESH"], 1, candidates=["UMI", "ESH"], as_of=AS_OF, model=model)
    msg = str(e.value)
    assert not msg.rstrip().endswith(":") and "no candidate hub has a legal onward route" in msg
    assert "UMI: no sea or land route" in msg
    with pytest.raises(HgmapError, match="no member is a candidate hub by default"):
        hgmap.hubs(["UMI", "ESH"], 1, as_of=AS_OF, model=model)
    # The candidates file's prefix once.
    cand = tmp_path / "cand.csv"
    cand.write_text("iso3\nFJI\nXXX\n")
    with pytest.raises(ValidationError) as e:
        hgmap.hubs("pacific", 1, candidates=cand, as_of=AS_OF, model=model)
    assert all(not p.startswith("candidates ") for p in e.value.problems), e.value.problems
    assert e.value.problems == ["line 3: iso3: unknown ISO 3166-1 alpha-3 code 'XXX'"]
    # One country: "country", not "countries".
    one = hgmap.hubs(["FJI"], 1, as_of=AS_OF, model=model)
    assert "for the 1 country served" in one.summary()
    try:
        main(["hubs", "--help"])
    except SystemExit:
        pass
    assert "at most N hubs (fewer, or none, when more would not lower the total: members ship alone)" in \
        " ".join(capsys.readouterr().out.split())
