import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pyproj import Geod

import hgmap
from hgmap.access import AccessModel, RESULT_COLUMNS, accessibility, result_table
from hgmap.baseline import reference_nearest
from hgmap.cli import main
from hgmap.errors import ScenarioError, UnknownCountryError, UnknownStreamError

GEOD = Geod(ellps="WGS84")
SCENARIO_DIR = __import__("pathlib").Path(__file__).parents[1] / "examples" / "scenarios"
AS_OF = "2026-06-01"


@pytest.fixture(scope="module")
def model():
    return AccessModel()


@pytest.fixture(scope="module")
def lamps(model):
    return model.solve("lamps", as_of=AS_OF).set_index("origin_iso3")


def test_every_country_has_a_row_with_the_schema(lamps):
    assert len(lamps) == 244
    for col in RESULT_COLUMNS:
        assert col in lamps.reset_index().columns
    assert set(lamps["status"]) <= {"reachable", "no_legal_route", "no_route", "no_facility_for_stream"}
    assert (lamps["status"] == "reachable").sum() >= 240
    assert lamps.attrs["objective"] == "cost"
    assert lamps.crs.to_epsg() == 4326
    assert lamps.attrs["as_of"] == AS_OF and lamps.attrs["data_date"]
    assert lamps.attrs["sea_passage_is_transit"] is False


def test_pacific_routes_cross_the_antimeridian(lamps):
    fac = hgmap.load_facilities().set_index("id")
    # Tonga and Samoa lie east of 180, Christchurch west of it.
    for origin in ("TON", "WSM"):
        row = lamps.loc[origin]
        assert row["status"] == "reachable" and row["facility_iso3"] == "NZL"
        parts = list(row.geometry.geoms)
        assert len(parts) >= 2
        for part in parts:
            xs = np.array(part.coords)[:, 0]
            assert xs.max() - xs.min() < 180  # never drawn across the whole map
        xs_all = np.concatenate([np.array(p.coords)[:, 0] for p in parts])
        assert xs_all.min() <= -179.9 and xs_all.max() >= 179.9
        # Length: drawn route on the ellipsoid vs the reported legs.
        drawn = sum(GEOD.geometry_length(p) for p in parts) / 1000
        assert row["sea_km"] * 0.95 < drawn < row["distance_km"] * 1.01 + 1  # roads drawn as driven
        f = fac.loc[row["facility_id"]]
        great_circle = GEOD.inv(row["origin_lon"], row["origin_lat"], f.lon, f.lat)[2] / 1000
        assert great_circle < row["distance_km"] < 2.0 * great_circle
        assert row["distance_km"] == pytest.approx(row["sea_km"] + row["land_km"] + row["access_km"], abs=0.2)


def test_landlocked_origin_goes_overland_through_transit_states(lamps):
    row = lamps.loc["ZMB"]
    assert row["status"] == "reachable" and row["facility_iso3"] == "ZAF"
    assert row["road_km"] > 500 and row["land_km"] == row["road_km"]
    assert row["transit_iso3"] and set(row["transit_iso3"]) <= {"BWA", "ZWE", "NAM", "MOZ", "MWI", "TZA"}
    assert "R7-party-transit" in row["legal_rules"]


def test_island_whose_only_port_is_far_from_the_lanes(lamps, model):
    from hgmap.network import port_table

    ports = port_table(model.base_graph)
    snap = ports.loc[ports["iso3"] == "PLW", "snap_km"].min()
    assert snap > 150
    row = lamps.loc["PLW"]
    assert row["status"] == "reachable"
    assert row["sea_km"] > snap


def test_nearest_facility_legally_closed_names_the_reason(lamps):
    row = lamps.loc["JAM"]
    assert row["status"] == "reachable"
    assert row["nearest_unconstrained_facility_id"] != row["facility_id"]
    law_blocked = [b for b in row["blocked_reasons"] if b["reason"] == "law"]
    usa = [b for b in law_blocked if b["facility_iso3"] == "USA"]
    assert usa and "R2" in usa[0]["rules"]  # Basel Art 4(5): Jamaica is a Party, the USA is not
    assert all(b["distance_km"] is not None for b in row["blocked_reasons"])


def test_domestic_route(lamps):
    row = lamps.loc["NZL"]
    assert row["facility_iso3"] == "NZL" and row["legal_status"] == "domestic"
    # Wellington (North Island) -> Christchurch: road, then the Cook Strait by sea.
    assert row["transit_iso3"] == [] and 0 < row["sea_km"] < 400 and row["road_km"] > 0


def test_no_legal_route_is_a_result_with_reasons(model):
    res = model.solve("chlor_alkali_residues", origins=["FJI"], as_of=AS_OF)
    row = res.iloc[0]
    assert row["status"] == "no_legal_route"
    assert row["facility_id"] is None and row.geometry is None and pd.isna(row["distance_km"])
    reasons = {b["reason"] for b in row["blocked_reasons"]}
    assert "law" in reasons
    assert any("R2" in b["rules"] for b in row["blocked_reasons"])  # Fiji is not a Basel Party


def test_no_facility_for_stream(model):
    res = model.solve("dental_amalgam", operation="disposal", origins="JAM,TUV", as_of=AS_OF)
    assert set(res["status"]) == {"no_facility_for_stream"}
    assert all(b["reason"] in {"stream", "operation", "status"} for bs in res["blocked_reasons"] for b in bs)


def test_scenario_removes_a_facility(model, lamps):
    before = lamps.loc["TON"]
    after = model.solve("lamps", origins=["TON"], as_of=AS_OF,
                        scenario=SCENARIO_DIR / "nz_plant_closes.yaml").iloc[0]
    assert before["facility_id"] == "HG-NZL-001"
    assert after["status"] == "reachable" and after["facility_id"] != "HG-NZL-001"
    assert after["distance_km"] > before["distance_km"]
    gone = [b for b in after["blocked_reasons"] if b["facility_id"] == "HG-NZL-001"]
    assert gone and gone[0]["reason"] == "status" and "scenario" in gone[0]["detail"]


def test_scenario_with_unknown_facility_is_refused(model, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nchanges:\n  - action: remove_facility\n    id: NOPE-1\n")
    with pytest.raises(ScenarioError, match=r"changes\[0\].*NOPE-1"):
        model.solve("lamps", origins=["TON"], scenario=bad)


def test_legal_scenario_opens_a_route(model):
    base = model.solve("chlor_alkali_residues", origins=["FJI"], as_of=AS_OF).iloc[0]
    what_if = model.solve("chlor_alkali_residues", origins=["FJI"], as_of=AS_OF,
                          scenario=SCENARIO_DIR / "fiji_accedes_basel.yaml").iloc[0]
    assert base["status"] == "no_legal_route" and what_if["status"] == "reachable"


def test_k_ranks(model):
    res = model.solve("lamps", origins=["TUV"], k=3, as_of=AS_OF)
    assert list(res["rank"]) == [1, 2, 3]
    assert res["facility_id"].is_unique
    mid = list((res["cost_usd_per_t_low"] + res["cost_usd_per_t_high"]) / 2)
    assert mid[0] <= max(mid[1:])  # ranked by cost, not km


def test_as_of_changes_the_answer(model):
    # Before the Ban Amendment entered into force (2019-12-05) the EU/Swiss rules differ;
    # a date before Basel existed makes no movement Basel-governed.
    early = model.solve("lamps", origins=["JAM"], as_of="1991-01-01").iloc[0]
    assert early["legal_status"] in {"not_governed", "domestic"}


@pytest.fixture(scope="module")
def km_model():
    fac = hgmap.load_facilities()
    keep = ["HG-NZL-001", "HG-ZAF-001", "HG-CHE-001", "HG-USA-001", "HG-JPN-002", "HG-BRA-001", "HG-DEU-001"]
    return AccessModel(facilities=fac[fac["id"].isin(keep)].reset_index(drop=True), objective="distance")


@pytest.fixture(scope="module")
def km_nx(km_model):
    return km_model.graph.to_networkx()


def test_solver_agrees_with_naive_baseline(km_model, km_nx):
    origins = ["TUV", "ZMB", "JAM"]
    cache: dict = {}
    for stream in ("lamps", "elemental_mercury"):
        _agree(km_model, stream, origins, km_nx, cache)


def test_rerouted_answers_agree_with_naive_baseline(km_model, km_nx):
    """Chad's nearest route runs through Cameroon, whose national law bans the transit, and
    is searched again with Cameroon cut off: the answer must be the one a plain networkx
    search on the graph without it finds."""
    _agree(km_model, "lamps", ["TCD"], km_nx, {})
    res = km_model.solve("lamps", origins=["TCD"]).iloc[0]
    assert res["status"] == "reachable" and "CMR" not in res["transit_iso3"]


def _agree(model, stream, origins, G, cache):
    res = model.solve(stream, origins=origins).set_index("origin_iso3")
    naive = reference_nearest(model, stream, origins, graph_nx=G, cache=cache)
    for o in origins:
        status, fid, km = naive[o]
        assert res.at[o, "status"] == status, o
        if status == "reachable":
            assert res.at[o, "distance_km"] == pytest.approx(km, abs=0.11), o
            assert res.at[o, "facility_id"] == fid, o


def test_bad_inputs(model):
    with pytest.raises(UnknownStreamError):
        model.solve("mercury")
    with pytest.raises(UnknownCountryError, match="XYZ"):
        model.solve("lamps", origins="JAM,XYZ")
    with pytest.raises(ValueError):
        model.solve("lamps", k=0)


def test_user_catalogue(tmp_path):
    fac = hgmap.load_facilities()
    src = pd.read_csv(hgmap._io.data_path("facilities.csv"), dtype=str, keep_default_na=False)
    extra = src[src["id"] == "HG-NZL-001"].copy()
    extra["id"], extra["name"], extra["country_iso3"] = "USR-FJI-1", "Suva lamp plant", "FJI"
    extra["lat"], extra["lon"], extra["city"] = "-18.14", "178.44", "Suva"
    path = tmp_path / "cat.csv"
    pd.concat([src, extra]).to_csv(path, index=False)
    res = accessibility("lamps", origins=["FJI"], facilities=path, as_of=AS_OF).iloc[0]
    assert res["facility_id"] == "USR-FJI-1" and res["legal_status"] == "domestic"
    assert len(fac) == len(src)


def test_result_table_and_cli_outputs(tmp_path, capsys, lamps):
    table = result_table(lamps.reset_index().head(3))
    assert "geometry" not in table.columns
    assert main(["access", "--stream", "lamps", "--origins", "ZMB,TUV", "--as-of", AS_OF]) == 0
    out = capsys.readouterr().out.splitlines()
    header = out[0].split(",")
    assert header[: len(RESULT_COLUMNS)] == list(RESULT_COLUMNS)
    zmb = next(line for line in out if line.startswith("ZMB"))
    assert "R7-party-transit" in zmb
    for fmt in ("geojson", "gpkg", "parquet"):
        path = tmp_path / f"out.{fmt}"
        assert main(["access", "--stream", "lamps", "--origins", "sids", "--format", fmt, "--out", str(path),
                     "--as-of", AS_OF]) == 0
        back = gpd.read_file(path) if fmt != "parquet" else gpd.read_parquet(path)
        assert len(back) == 58 and back.geometry.notna().sum() >= 50
    assert main(["access", "--stream", "lamps", "--format", "json", "--origins", "TUV"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["rows"][0]["origin_iso3"] == "TUV" and isinstance(doc["rows"][0]["transit_iso3"], list)
    assert main(["access", "--stream", "lamps", "--format", "gpkg", "--out", "-"]) == 2
    assert main(["access", "--stream", "lamps", "--origins", "QQQ"]) == 2
    assert "QQQ" in capsys.readouterr().err


def test_territory_of_the_destination_state_is_not_a_transit_state(model):
    # Aruba -> US plants: a transshipment in Puerto Rico is an import into the USA.
    res = model.solve("lamps", origins=["ABW"], k=3, as_of=AS_OF)
    assert (res["facility_iso3"] == "USA").any()
    for row in res.itertuples():
        if row.facility_iso3 == "USA":
            assert not {"PRI", "VIR", "GUM"} & set(row.transit_iso3)


@pytest.mark.parametrize("options", [{"k": 1}, {"k": 3}, {"k": 1, "avoid": "TUR"}, {"k": 1, "confirmed_only": True},
                                     {"k": 2, "operation": "disposal"},
                                     {"k": 1, "scenario": str(SCENARIO_DIR / "nz_plant_closes.yaml")},
                                     pytest.param({"k": 2, "max_transit": 1}, marks=pytest.mark.slow)])
def test_answers_worked_out_at_once_equal_the_loop_per_origin(access_model, monkeypatch, options):
    """Origins that join the graph at one node (every country, user points grouped by
    join node) are answered for all of them at once (``AccessModel._solve_joined``, an
    optimisation); the per-origin loop it replaces is the reference. Both must give the
    same rows, cell for cell, for countries and user points, with the routing options and
    ties, transit bans and re-routes among them (Kosovo, Armenia, Iran, Serbia, Fiji ...), an
    operation asked for and a scenario that closes a plant.
    The private name is patched on purpose: it is the one way to run the reference."""
    origins = ["FJI", "HTI", "JAM", "TUV", "XKX", "ARM", "IRN", "SRB", "CHE", "LSO", "BOL", "JPN", "SGP", "BHR",
               "GUY", "KIR", "CAN", "MNE", "ISR", "NOR"]
    pts = pd.DataFrame({"id": ["fj", "ht", "am", "rs", "ch"], "country_iso3": ["FJI", "HTI", "ARM", "SRB", "CHE"],
                        "name": "", "lon": [178.44, -72.33, 44.51, 20.46, 8.54],
                        "lat": [-18.14, 18.54, 40.18, 44.82, 47.37]})
    if "max_transit" in options:
        # Each of these origins re-routes on a layered search per facility (~0.2 s each, most
        # of them since canal and inland-water passages count as transit): a few of each kind.
        origins = ["JAM", "XKX", "SRB", "BOL"]
        pts = pts[pts["id"].isin(["rs", "ch"])]
    kw = {"as_of": AS_OF, **options}
    # With a transit limit one stream (five facilities: few layered searches) checks it.
    for stream in ("elemental_mercury",) if "max_transit" in options else ("lamps", "elemental_mercury"):
        fast = [access_model.solve(stream, origins=origins, **kw), access_model.solve(stream, points=pts, **kw)]
        with monkeypatch.context() as m:
            m.setattr(type(access_model), "_solve_joined", lambda self, slots, ctx: [None] * len(slots))
            loop = [access_model.solve(stream, origins=origins, **kw), access_model.solve(stream, points=pts, **kw)]
        for a, b in zip(fast, loop):
            pd.testing.assert_frame_equal(result_table(a), result_table(b))
            assert a.geometry.to_wkt().tolist() == b.geometry.to_wkt().tolist()


def test_blocked_reasons_name_their_states_as_a_field(model):
    """Every ``blocked_reasons`` entry has ``states`` (ISO3 codes; empty when none), so no reader
    parses the ``detail`` sentence. Chad, with a hypothetical Sudanese transit ban added by a
    scenario: every route crosses Cameroon (Loi 89/027, bans.csv CMR-LOI-89-027-TRANSIT) or Sudan;
    Jamaica with the USA avoided: the avoided State."""
    from hgmap.law import Scenario

    sdn = Scenario.from_dict({"name": "Sudan bans transit (hypothetical)", "changes": [
        {"action": "add_ban", "id": "TEST-SDN-TRANSIT", "iso3": "SDN", "measure": "transit", "date": "2000-01-01",
         "source": "hypothetical"}]})
    tcd = model.solve("lamps", origins=["TCD"], as_of=AS_OF, scenario=sdn).iloc[0]
    assert tcd["status"] == "no_legal_route"
    assert all(isinstance(b["states"], list) for b in tcd["blocked_reasons"])
    transit = [b for b in tcd["blocked_reasons"] if b["reason"] == "transit"]
    # Routes north through Suez also pass Egypt's internal waters (a transit State since review 27).
    assert transit and all(b["states"] in (["CMR", "SDN"], ["CMR", "EGY", "SDN"]) for b in transit), transit
    assert all(b["detail"].endswith(": " + ", ".join(b["states"])) for b in transit)  # the sentence as it was
    assert all(b["states"] == [] for b in tcd["blocked_reasons"] if b["reason"] in ("stream", "status", "law"))
    jam = model.solve("lamps", origins=["JAM"], avoid=["USA"], as_of=AS_OF).iloc[0]
    avoided = [b for b in jam["blocked_reasons"] if b["reason"] == "avoid"]
    assert avoided and all(b["states"] == ["USA"] for b in avoided)


def test_an_origin_that_joins_nothing_says_so_in_every_reason(model):
    """The US Minor Outlying Islands' origin has no road node within 50 km and no port of its own
    within 300 km (its only port is 4,808 km away): it is unreachable, and each facility's entry
    names that cause, not "no sea or road route on the network" (which blamed every facility)."""
    r = model.solve("lamps", origins=["UMI"], as_of=AS_OF)
    row = r.iloc[0]
    assert row["status"] == "no_route"
    details = {b["detail"] for b in row["blocked_reasons"]}
    assert details == {"the origin joins no road within 50 km and no port of UMI within 300 km: no route from it "
                       "(no leg is invented)"}
    joined = model.solve("lamps", origins=["FJI"], as_of=AS_OF).iloc[0]
    assert not any("joins no road" in b["detail"] for b in joined["blocked_reasons"])


def test_a_facility_a_routing_option_removes_from_the_first_k_is_listed(access_model):
    """Jamaica's elemental mercury: Batrec Wimmis (HG-CHE-001, catalogue) is an option by default
    (its route lands in France); with sea_only it has no route, and the row must say so
    (reason route, the option named) rather than drop it."""
    default = access_model.solve("elemental_mercury", origins=["JAM"], k=3)
    assert "HG-CHE-001" in set(default["facility_id"])
    res = access_model.solve("elemental_mercury", origins=["JAM"], k=3, sea_only=True)
    assert "HG-CHE-001" not in set(res["facility_id"])
    why = [b for b in res.iloc[0]["blocked_reasons"] if b["facility_id"] == "HG-CHE-001"]
    assert len(why) == 1 and why[0]["reason"] == "route" and "sea_only" in why[0]["detail"]


def test_closed_reasons_name_the_stream_by_its_label(access_model):
    """Haiti's dental amalgam: the nearer facilities that do not take it are kind "stream" and
    their detail names the stream as hgmap.labels does ("dental amalgam"), never the key; the
    row's stream column keeps the key."""
    res = access_model.solve("dental_amalgam", origins=["HTI"], k=1)
    row = res.iloc[0]
    assert row["stream"] == "dental_amalgam"
    details = [b["detail"] for b in row["blocked_reasons"]]
    assert details and not any("dental_amalgam" in d for d in details), details
    stream_kind = [b for b in row["blocked_reasons"] if b["detail"].startswith("does not accept")]
    assert stream_kind and all(b["reason"] == "stream" and b["detail"] == "does not accept dental amalgam"
                               for b in stream_kind)


def test_unjoined_origins_warned_only_when_solved(access_model, caplog):
    """Western Sahara's default origin (Meharrize) joins nothing (origin_info joined False,
    hgmap.network): a solve of it warns, once; a solve of user points elsewhere names neither
    ESH nor UMI."""
    import logging

    pts = pd.DataFrame({"id": ["suva"], "country_iso3": ["FJI"], "name": [""], "lon": [178.44], "lat": [-18.14]})
    with caplog.at_level(logging.WARNING, logger="hgmap"):
        access_model.solve("lamps", points=pts, geometry=False)
    assert not [r for r in caplog.records if "ESH" in r.getMessage() or "UMI" in r.getMessage()]
    caplog.clear()
    access_model.__dict__.pop("_warned_unjoined", None)  # the session's model may have warned already
    with caplog.at_level(logging.WARNING, logger="hgmap"):
        access_model.solve("lamps", origins=["ESH", "FJI"], geometry=False)
        access_model.solve("batteries", origins=["ESH"], geometry=False)
    named = [r for r in caplog.records if r.levelno == logging.WARNING and "origin of ESH" in r.getMessage()]
    assert len(named) == 1 and "unreachable" in named[0].getMessage()
