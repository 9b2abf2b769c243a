"""Review of main (new user): ``hgmap hubs --region pacific --p 2`` made Tuvalu the hub for
Fiji, Tonga, Vanuatu... ("save USD 1,515 (1.4%)") although Fiji went 1,375 + 4,276 km via
Funafuti against 3,145 km alone, and sea legs are direct port-to-port (a feeder-served
island's cost is a lower bound, docs/routes.md); and Timor-Leste's note named only the hub
whose leg has a legal reason, not ASM (leg TLS -> ASM not_governed)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import hgmap
from hgmap import law
from hgmap.cli import main
from hgmap.errors import HgmapError
from hgmap.plan.hub_shares import DETOUR_FACTOR, settle, significance

AS_OF = "2025-06-01"


@pytest.fixture(scope="session")
def model():
    from hgmap.access import shared_model

    return shared_model(None, None)


@pytest.fixture(scope="session")
def kept(model):
    return hgmap.hubs("pacific", 2, model=model, as_of=AS_OF, keep_insignificant=True)


@pytest.fixture(scope="session")
def default(model):
    return hgmap.hubs("pacific", 2, model=model, as_of=AS_OF)


def test_significance_is_a_saving_beyond_half_the_cost_band():
    assert significance(90.0, 110.0, 10.1)[0]
    ok, words = significance(90.0, 110.0, 10.0)
    assert not ok and words.startswith("not significant: inside the cost band")


def test_settle_drops_a_hub_whose_saving_is_inside_the_band_unless_asked():
    # Two members, alone USD 100 each (band 90-110 each, 180-220 together), one hub option
    # with no onward fixed cost: own costs 95 each save 10 (< half band 20): not significant.
    opts = pd.DataFrame({"origin_iso3": ["A"], "fixed": [0.0]})
    alone = {m: {"cost": 100.0, "low": 90.0, "high": 110.0} for m in ("A", "B")}
    q = {"A": 1.0, "B": 1.0}
    small = {"A": (0, 95.0), "B": (0, 95.0)}
    st = settle(small, set(), opts, alone, q)
    assert st.open_opts == [] and st.dropped["A"].startswith("not significant: inside the cost band")
    assert st.alone == {"A", "B"} and st.dropped_member == {"A": "A", "B": "A"}
    st = settle(small, set(), opts, alone, q, keep_insignificant=True)
    assert st.open_opts == [0] and not st.dropped
    # Own costs 70 each save 60 (> 20): significant, recommended.
    assert settle({"A": (0, 70.0), "B": (0, 70.0)}, set(), opts, alone, q).open_opts == [0]


def test_pacific_p2_recommends_no_hub_whose_saving_is_inside_the_cost_band(default, kept):
    """With the sourced costs and 1 t a year per member, the hubs the solver picks for the Pacific
    (p=2) save less than half their members' cost band: none is recommended, each says why, and
    every member ships alone; kept on request, each hub is flagged with the band it is inside."""
    assert default.hubs.empty
    chosen = list(default.attrs["hubs_not_recommended"])
    assert len(chosen) == 2 and set(chosen) == set(kept.hubs["hub_iso3"])
    for hub in chosen:
        assert default.attrs["hubs_not_recommended"][hub].startswith("not significant: inside the cost band")
    a = default.assignments.set_index("iso3")
    assert (a["choice"] == "ships alone").sum() == len(a[a["choice"] != "unserved"])
    fiji_hub = kept.assignments.set_index("iso3").at["FJI", "hub_iso3"]
    assert a.at["FJI", "note"].startswith(f"ships alone: hub {fiji_hub} is not recommended (not significant")
    text = default.summary()
    assert f"hub {fiji_hub} not recommended: not significant: inside the cost band" in text
    assert "--keep-insignificant" in text
    # TLS was in neither hub: it still says why it could not have joined each of them.
    tls = a.at["TLS", "note"]
    assert "may not legally join the hub(s) the solver chose" in tls and all(f"to {h}:" in tls for h in chosen)
    # Kept on request, each hub says it is not significant, with the band it is inside.
    h = kept.hubs.set_index("hub_iso3")
    for hub in chosen:
        assert not h.at[hub, "significant"]
        lo, hi = h.at[hub, "alone_low_usd"], h.at[hub, "alone_high_usd"]
        assert lo < h.at[hub, "alone_usd"] < hi and h.at[hub, "saving_usd"] <= (hi - lo) / 2
        assert h.at[hub, "significance"].startswith("not significant: inside the cost band")
    assert "not significant: inside the cost band" in kept.summary()


def test_pacific_members_on_a_long_detour_are_flagged(kept):
    """Fiji's and Tonga's routes through the hub the solver picks are well over 1.5x their own
    (Fiji alone: ~3,145 km to New Zealand): sea legs are direct port-to-port and feeder islands'
    costs a lower bound (docs/routes.md), so such a saving may not be real: flagged."""
    a = kept.assignments.set_index("iso3")
    h = kept.hubs.set_index("hub_iso3")
    through = a[a["choice"].isin(["hub", "joins hub"])]
    for m, r in through.iterrows():
        onward = h.at[r["hub_iso3"], "onward_km"]
        assert r["via_hub_km"] == pytest.approx(r["collect_km"] + onward)
        assert r["detour_flag"] == (r["via_hub_km"] > DETOUR_FACTOR * r["direct_km"]), m
    for m in ("FJI", "TON"):
        hub = a.at[m, "hub_iso3"]
        assert a.at[m, "detour_flag"] and a.at[m, "detour_ratio"] > DETOUR_FACTOR and "detour:" in a.at[m, "note"], m
        assert f"{m} (" in h.at[hub, "detour_members"]
    assert not a.loc[a["choice"] == "ships alone", "detour_flag"].any()
    text = kept.summary()
    line = text.split("member FJI:")[1].split("\n")[0]
    assert "joins hub" in line and "detour 1." in line
    assert kept.attrs["n_detours"] == int(a["detour_flag"].sum()) >= 2


def test_timor_leste_names_the_reason_for_every_open_hub(kept):
    """TLS (not a Basel Party) may join none of the open hubs: each one's reason is named (the
    collection leg's rules, R2 = Basel Art 4(5), or, where the leg itself is legal, the hub's
    onward destination that TLS may not send to itself), never only the first hub's."""
    a = kept.assignments.set_index("iso3")
    note = a.at["TLS", "note"]
    assert a.at["TLS", "choice"] == "ships alone" and note.startswith("ships alone: may not legally join an open hub")
    h = kept.hubs.set_index("hub_iso3")
    assert len(h.index) == 2
    for hub in h.index:
        part = note.split(f"to {hub}:")[1].split(" | ")[0]
        assert "[R2" in part, (hub, part)
        if law.matrix("lamps", h.at[hub, "operation"], as_of=AS_OF).status_name("TLS", hub) != "prohibited":
            assert "onward shipment goes to" in part, (hub, part)


def test_cli_keep_insignificant_and_detour_factor(tmp_path, capsys):
    out = tmp_path / "o"
    assert main(["hubs", "--region", "FJI,TON,TUV,WSM", "--p", "1", "--as-of", AS_OF, "--keep-insignificant",
                 "--detour-factor", "1.2", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    hubs_csv = pd.read_csv(out / "hubs.csv", keep_default_na=False)
    a = pd.read_csv(out / "hub_assignments.csv", keep_default_na=False)
    assert {"significant", "significance", "detour_members", "alone_low_usd", "alone_high_usd"} <= set(hubs_csv.columns)
    assert {"direct_km", "via_hub_km", "detour_ratio", "detour_flag"} <= set(a.columns)
    assert "hgmap hubs:" in printed
    with pytest.raises(HgmapError):
        hgmap.hubs(["FJI", "TON"], 1, detour_factor=0.5)
    assert np.isfinite(DETOUR_FACTOR)
