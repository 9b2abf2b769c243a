"""Review 24 of ``hgmap plan``: a plan in which no inventory row can be placed."""

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


@pytest.mark.parametrize("rows, sites, reason", [
    # Haiti's dental amalgam: every facility that takes it is closed to Haiti (R2 etc.).
    ("HTI,,dental_amalgam,0.2", None, "no_legal_route"),
    # The U.S. Minor Outlying Islands' representative point joins no road or port.
    ("UMI,,lamps,1", None, "no_route"),
    # A lone site (Kosrae) that joins no road within 50 km and no port of FSM within 300 km.
    (",fm-kosrae,lamps,0.3", "id,country,lat,lon,name\nfm-kosrae,FSM,5.33,163.00,Kosrae\n", "no_route"),
])
def test_nothing_placeable_is_all_unmet_with_reasons_and_tables(model, tmp_path, capsys, rows, sites, reason):
    # Main crashed: KeyError "['origin_name', ...] not in index" in plan_flows (empty options frame).
    inv = tmp_path / "inv.csv"
    inv.write_text("country_iso3,origin_id,stream,tonnes_per_year,source,year\n" + rows + ",test,2024\n")
    args = ["plan", "--inventory", str(inv), "--as-of", AS_OF, "--out", str(tmp_path / "out"), "--no-map"]
    if sites:
        (tmp_path / "sites.csv").write_text(sites)
        args += ["--origins-file", str(tmp_path / "sites.csv")]
    res = hgmap.plan(inv, origins=tmp_path / "sites.csv" if sites else None, as_of=AS_OF, model=model)
    q = float(rows.split(",")[-1])
    assert res.placed_tonnes == 0 and res.unmet_tonnes == pytest.approx(q)
    assert res.unmet["reason"].tolist() == [reason] and res.unmet["detail"].iloc[0]
    assert len(res.flows) == 0 and {"cost_usd_low", "containers_low", "legal_status"} <= set(res.flows.columns)
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "placed 0.0 t in 0 flow(s); unmet" in out and f"({reason}: " in out
    unmet = pd.read_csv(tmp_path / "out" / "unmet.csv")
    assert unmet["reason"].tolist() == [reason]
    assert pd.read_csv(tmp_path / "out" / "flows.csv").empty
    assert (tmp_path / "out" / "country_totals.csv").exists()


def test_map_of_a_plan_with_one_unmet_origin_shows_it(model, tmp_path):
    # Nothing placed, one origin: fitBounds on a single point zoomed to a blank tile.
    from hgmap.plan.render import flows_map_html

    inv = tmp_path / "inv.csv"
    inv.write_text("country_iso3,stream,tonnes_per_year,source,year\nHTI,dental_amalgam,0.2,test,2024\n")
    html = flows_map_html(hgmap.plan(inv, as_of=AS_OF, model=model))
    assert "HTI Dental amalgam: 0.20 t unmet" in html and "maxZoom: 5" in html
