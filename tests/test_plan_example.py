"""examples/05_plan_budget.py runs and writes what it promises (in-process: one model)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

SCRIPT = Path(__file__).resolve().parents[1] / "examples" / "05_plan_budget.py"


def test_05_plan_budget(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("plan_budget_example", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Not legal advice" in out and "no published figure" in out
    for sub in ("inventory_plan", "unit_plan"):
        for name in ("flows.csv", "unmet.csv", "country_totals.csv", "cost_assumptions.csv", "flows_map.html"):
            assert (tmp_path / sub / name).stat().st_size > 0, (sub, name)
    totals = pd.read_csv(tmp_path / "unit_plan" / "country_totals.csv")
    assert len(totals) == len(mod.UNIT_ORIGINS) * len(mod.UNIT_STREAMS)
    assert (totals["placed_t"] + totals["unmet_t"]).round(9).eq(mod.UNIT_TONNES).all()
    unq = pd.read_csv(tmp_path / "inventory_plan" / "unquantified.csv")
    assert len(unq) >= 5 and unq["notes"].str.len().gt(10).all()
    hubs = pd.read_csv(tmp_path / "hubs" / "hubs.csv")
    assert len(hubs) <= mod.P and (hubs["saving_usd"] > 0).all()  # at most P hubs, each one saving
    members = pd.read_csv(tmp_path / "hubs" / "hub_assignments.csv")
    assert (members["saving_usd"].dropna() >= -1e-6).all()
    # The site plan routes each port of the origins file on its own and names it.
    sites = pd.read_csv(mod.SITES, dtype=str, keep_default_na=False)
    totals = pd.read_csv(tmp_path / "site_plan" / "country_totals.csv", dtype=str, keep_default_na=False)
    assert set(totals["origin_id"]) == set(sites["id"]) | {""}
    assert set(sites["name"]) <= set(totals["origin_name"])
    assert sites["source"].str.contains("UN/LOCODE").all()
    assert "Port of Lautoka" in out
    doc = SCRIPT.read_text()
    assert "python examples/05_plan_budget.py" in doc and 'AS_OF = "' in doc and "--out" in doc
