"""hgmap.trees: facility search trees and re-routes, searched once and read back from disk."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest

import hgmap
from hgmap import trees
from hgmap.network import cache_dir

SMALL = ["HG-NZL-001", "HG-ZAF-001", "HG-USA-001"]


@pytest.fixture(scope="module")
def small():
    fac = hgmap.load_facilities()
    return fac[fac["id"].isin(SMALL)].reset_index(drop=True)


def test_trees_read_from_disk_equal_a_fresh_search(graph, small):
    model = hgmap.AccessModel(facilities=small, graph=graph)
    # The facility's State: its sovereign for a territory (none of these three is one).
    states = small["country_iso3"].tolist()
    # The rows come from the cache folder, not from the process.
    wdist, pred = trees.facility_trees(model.graph, graph, model.fac_nodes, states, objective="cost",
                                       costs=model.costs)
    assert wdist.dtype == np.float32 and pred.dtype == np.int32
    np.testing.assert_array_equal(wdist, model.wdist)
    np.testing.assert_array_equal(pred, model.pred)
    # Each tree starts at its own facility and reaches Fiji's origin.
    for i, node in enumerate(model.fac_nodes):
        assert wdist[i, node] == 0 and pred[i, node] == trees.NO_PRED
        assert np.isfinite(wdist[i, graph.origin_node["FJI"]])


def test_a_new_facility_is_the_only_new_search(graph, small, caplog):
    hgmap.AccessModel(facilities=small, graph=graph)
    # A New Zealand facility (iloc[0] is the US one: at Wellington it joined a US road node
    # 12,000 km away until review 22; now a point beyond the join limits joins nothing).
    extra = small[small["country_iso3"] == "NZL"].copy()
    # Wellington, moved by a few metres each run: its search is never on disk already,
    # even in a cache folder kept from an earlier run (HGMAP_CACHE_DIR).
    extra["id"], extra["lon"], extra["lat"] = "USR-NZL-2", 174.80 + time.time_ns() % 10**6 * 1e-10, -41.29
    cat = pd.concat([small, extra], ignore_index=True)
    with caplog.at_level(logging.INFO, logger="hgmap.trees"):
        model = hgmap.AccessModel(facilities=cat, graph=graph)
    assert "searching from 1 facilities (3 read from the cache)" in caplog.text
    res = model.solve("lamps", origins="FJI", as_of="2026-06-01", k=4)
    assert "USR-NZL-2" in set(res["facility_id"])


def test_reroutes_round_trip(tmp_path):
    new = {"a|ZAF|0|12": (3.5, np.array([12, 7, -2])), "b||1|9": (np.inf, None), "km|a|12": (41.25, None)}
    trees.save_reroutes(tmp_path, new)
    trees.save_reroutes(tmp_path, {"c|USA|0|1": (1.0, np.array([1, -2]))})  # merged, not replaced
    back = trees.load_reroutes(tmp_path)
    assert set(back) == {*new, "c|USA|0|1"}
    assert back["a|ZAF|0|12"][0] == 3.5 and back["a|ZAF|0|12"][1].tolist() == [12, 7, -2]
    assert back["b||1|9"] == (np.inf, None) and back["km|a|12"] == (41.25, None)
    assert trees.load_reroutes(tmp_path / "missing") == {}


@pytest.mark.slow
def test_a_second_process_reads_the_reroutes_and_answers_alike():
    """Lesotho avoiding South Africa is re-routed; a fresh process reads that re-route and
    its km from the cache and gives the same rows."""
    code = ("import hgmap; from hgmap.access import result_table; "
            "r = hgmap.accessibility('lamps', origins=['LSO', 'FJI'], avoid='ZAF', as_of='2026-06-01', k=2); "
            "print(result_table(r).to_csv(index=False))")
    env = dict(os.environ)
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=180)
            for _ in range(2)]
    for r in runs:
        assert r.returncode == 0, r.stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout and "LSO" in runs[0].stdout
    kept = [k for p in cache_dir().glob("trees-*") for k in trees.load_reroutes(p)]
    assert any("|ZAF|" in k for k in kept) and any(k.startswith("km|") for k in kept)


@pytest.mark.slow
def test_origin_km_walked_on_two_cores_equal_the_km_walked_in_one():
    """A new model walks the country origins' km columns with half of the facilities in a
    second process (``origin_km_beside``); with ``HGMAP_WORKERS=1`` the first ``km_at`` walks
    them all in one. Both give the same km, bit for bit (each node's km is its parent's plus
    its edge, summed from the facility down, whoever walks it)."""
    # The New Zealand facility moved by up to ten metres each run: no km of its tree is on disk
    # already, even in a kept cache folder, so the first process walks every origin's column.
    shift = 1e-6 + time.time_ns() % 10**6 * 1e-10
    code = ("import hashlib, hgmap, numpy as np; "
            f"fac = hgmap.load_facilities(); fac = fac[fac['id'].isin({SMALL!r})].reset_index(drop=True); "
            f"fac.loc[fac['id'] == 'HG-NZL-001', 'lon'] += {shift!r}; "
            "m = hgmap.AccessModel(facilities=fac); "
            "km = m.km_at(sorted(set(m.origin_nodes.values()))); "
            "print(km.shape, np.isfinite(km).sum(), hashlib.sha256(np.ascontiguousarray(km).tobytes()).hexdigest())")
    outs = []
    for n in ("2", "1"):
        env = {**os.environ, "HGMAP_WORKERS": n}
        r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=180)
        assert r.returncode == 0, r.stderr[-2000:]
        outs.append(r.stdout.strip())
    assert outs[0] == outs[1] and outs[0].startswith("(3, ")


def test_the_tree_cache_folder_depends_on_the_weight_code(monkeypatch):
    """A change in how edges are weighted (hgmap/network/graph.py) must not reuse old trees,
    even when the graph's nodes and edges are the same."""
    from pathlib import Path

    from hgmap import trees
    from hgmap.costs import load_costs
    from hgmap.network import build_graph

    g, costs = build_graph(), load_costs()
    before = trees.cache_folder(g, "cost", costs)
    real = Path.read_bytes

    def patched(self):
        data = real(self)
        return data + b"# changed" if self.name == "graph.py" and self.parent.name == "network" else data

    monkeypatch.setattr(Path, "read_bytes", patched)
    assert trees.cache_folder(g, "cost", costs) != before
