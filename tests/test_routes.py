"""Routes a shipping agent would book: origins where the waste is, real roads, cost."""

import pandas as pd
import pytest

import hgmap
from hgmap.access import AccessModel, result_table
from hgmap.cli import main
from hgmap.errors import HgmapError, ValidationError
from hgmap.network import geodesic_km
from hgmap.origins import load_origin_points_file

AS_OF = "2026-06-01"
#: A small catalogue keeps the searches cheap: one plant per region.
IDS = ["HG-DEU-001", "HG-ZAF-001", "HG-NZL-001", "HG-JPN-002", "HG-BRA-001", "HG-CHE-001"]


@pytest.fixture(scope="module")
def small():
    fac = hgmap.load_facilities()
    return fac[fac["id"].isin(IDS)].reset_index(drop=True)


@pytest.fixture(scope="module")
def model(small):
    return AccessModel(facilities=small)


@pytest.fixture(scope="module")
def germany(small):
    return AccessModel(facilities=small[small["id"] == "HG-DEU-001"].reset_index(drop=True))


def test_kiribati_starts_on_tarawa(model):
    row = model.solve("lamps", origins=["KIR"], as_of=AS_OF).iloc[0]
    assert row["origin_name"] == "Kiribati" and row["origin_basis"] == "capital"
    assert float(geodesic_km(row["origin_lon"], row["origin_lat"], 172.98, 1.33)) < 30  # Tarawa
    assert float(geodesic_km(row["origin_lon"], row["origin_lat"], -157.4, 1.9)) > 2500  # not Kiritimati


def test_japan_to_germany_goes_by_sea(germany):
    row = germany.solve("lamps", origins=["JPN"], as_of=AS_OF).iloc[0]
    assert row["status"] == "reachable" and row["facility_iso3"] == "DEU"
    assert row["sea_km"] > 15000 and row["road_km"] < 500
    assert "RUS" not in row["transit_iso3"]
    assert row["distance_km"] == pytest.approx(row["sea_km"] + row["road_km"] + row["access_km"], abs=0.2)
    assert row["land_km"] == row["road_km"]
    assert 0 < row["cost_usd_per_t_low"] < row["cost_usd_per_t_high"]
    assert [leg["mode"] for leg in row["legs"]].count("sea") == 1
    # By km alone the Russian road would win; the default objective is cost.
    by_km = AccessModel(facilities=germany.facilities, objective="distance")
    km_row = by_km.solve("lamps", origins=["JPN"], as_of=AS_OF).iloc[0]
    assert km_row["distance_km"] <= row["distance_km"]


def test_tuvalu_never_uses_russian_roads(model):
    for stream in ("lamps", "elemental_mercury", "batteries"):
        res = model.solve(stream, origins=["TUV"], k=3, as_of=AS_OF)
        for r in res[res["status"] == "reachable"].itertuples():
            assert "RUS" not in r.transit_iso3
            assert r.road_km < 1500
            assert r.sea_km > 0


@pytest.mark.parametrize("origin, neighbours", [("LSO", {"ZAF"}), ("BOL", {"PER", "CHL", "ARG", "BRA", "PRY"})])
def test_landlocked_origin_reaches_the_sea_through_a_named_neighbour(germany, origin, neighbours):
    row = germany.solve("lamps", origins=[origin], as_of=AS_OF).iloc[0]
    assert row["status"] == "reachable", row["blocked_reasons"]
    assert row["road_km"] > 50 and row["sea_km"] > 5000
    assert row["transit_iso3"] and row["transit_iso3"][0] in neighbours
    modes = [leg["mode"] for leg in row["legs"] if leg["mode"] != "access"]
    assert modes[0] == "road" and "sea" in modes
    road_leg = next(leg for leg in row["legs"] if leg["mode"] == "road")
    assert road_leg["from_iso3"] == origin


def test_avoid_removes_a_state_or_says_there_is_none(model, germany):
    base = germany.solve("lamps", origins=["LSO"], as_of=AS_OF).iloc[0]
    assert "ZAF" in base["transit_iso3"]
    # Lesotho is enclaved in South Africa: avoiding it leaves no route, with the reason.
    none = germany.solve("lamps", origins=["LSO"], avoid="ZAF", as_of=AS_OF).iloc[0]
    assert none["status"] == "no_route" and none["geometry"] is None
    assert any(b["reason"] in ("route", "avoid") and "ZAF" in b["detail"] for b in none["blocked_reasons"])
    res = model.solve("lamps", origins="ZMB,MWI", avoid=["ZWE"], as_of=AS_OF)
    for r in res.itertuples():
        assert "ZWE" not in r.transit_iso3
        assert r.status in ("reachable", "no_route", "no_legal_route")
    with pytest.raises(HgmapError, match="origin"):
        model.solve("lamps", origins=["ZWE"], avoid="ZWE", as_of=AS_OF)


def test_sea_only_and_max_transit(model):
    free = model.solve("lamps", origins=["ZMB"], as_of=AS_OF).iloc[0]
    assert free["transit_iso3"]  # Zambia is landlocked: any route transits
    sea = model.solve("lamps", origins=["ZMB"], sea_only=True, as_of=AS_OF).iloc[0]
    assert sea["status"] == "no_route" and sea["transit_iso3"] == []
    assert any("sea_only" in b["detail"] for b in sea["blocked_reasons"])
    one = model.solve("lamps", origins=["ZMB"], max_transit=1, as_of=AS_OF).iloc[0]
    assert one["status"] != "reachable" or len(one["transit_iso3"]) <= 1
    island = model.solve("lamps", origins=["FJI"], sea_only=True, as_of=AS_OF).iloc[0]
    assert island["status"] == "reachable" and island["transit_iso3"] == []


def test_max_transit_is_the_best_route_within_the_limit(model):
    """``max_transit=1`` gives the cheapest route with at most one transit country: no
    dearer than any route confined to the origin, one third State and the facilities'
    States (every other State avoided) that has at most one."""
    free = model.solve("lamps", origins=["TJK"], as_of=AS_OF).iloc[0]
    assert len(free["transit_iso3"]) > 1  # the limit matters here
    one = model.solve("lamps", origins=["TJK"], max_transit=1, as_of=AS_OF).iloc[0]
    assert one["status"] == "reachable" and len(one["transit_iso3"]) <= 1
    assert one["cost_usd_per_t_low"] >= free["cost_usd_per_t_low"]
    countries = hgmap.load_countries()
    states = set(countries.loc[countries["sovereign_iso3"].fillna("") == "", "iso3"])
    keep = {"TJK", *model.facilities["country_iso3"]}
    within = []
    for third in ("CHN", "UZB", "KGZ", "AFG", "KAZ", "TKM", "IRN", "PAK"):
        r = model.solve("lamps", origins=["TJK"], avoid=sorted(states - keep - {third}), as_of=AS_OF).iloc[0]
        if r["status"] == "reachable" and len(r["transit_iso3"]) <= 1:
            within.append(r["cost_usd_per_t_low"])
    assert within and one["cost_usd_per_t_low"] <= min(within) + 0.1


def test_max_transit_beats_the_former_heuristic(access_model):
    """Hungary's lamps with ``max_transit=1``: Germany (HG-DEU-003) through Austria alone,
    865 km. The former heuristic (re-search without the transit States of a route with
    too many, then sea only) gave Italy (HG-ITA-001), 916 km and dearer (2026-12-02 data)."""
    one = access_model.solve("lamps", origins=["HUN"], max_transit=1, as_of=AS_OF).iloc[0]
    assert one["facility_id"] == "HG-DEU-003" and list(one["transit_iso3"]) == ["AUT"]


def test_max_transit_without_a_route_says_so(access_model):
    """Kosovo's one-transit routes reach the sea through Albania only (the Vermica-Morine
    crossing, data/road_links.csv; Serbia and North Macedonia are landlocked), and Albania, an
    Izmir Protocol Party, bans the transit: ``no_legal_route``. Avoiding Albania leaves no
    route with one transit State at all: ``no_route`` (the former heuristic could not tell the
    two apart: it blamed transit bans of States it had cut itself)."""
    r = access_model.solve("lamps", origins=["XKX"], max_transit=1, as_of=AS_OF).iloc[0]
    assert r["status"] == "no_legal_route"
    r = access_model.solve("lamps", origins=["XKX"], max_transit=1, avoid="ALB", as_of=AS_OF).iloc[0]
    assert r["status"] == "no_route"


def test_closed_borders_are_not_crossed(access_model):
    """Armenia's waste leaves through Iran (Agarak-Norduz), never Azerbaijan (border closed
    since 1989); Ethiopia's never crosses into Eritrea (closed by Eritrea on 22 Apr 2019)."""
    res = access_model.solve("lamps", origins=["ARM", "ETH"], as_of=AS_OF, k=3)
    for r in res.itertuples():
        assert "AZE" not in r.transit_iso3 and "ERI" not in r.transit_iso3, (r.origin_iso3, r.transit_iso3)
    arm = res[res["origin_iso3"] == "ARM"].iloc[0]
    assert arm["status"] == "reachable" and "IRN" in arm["transit_iso3"]


def test_enclave_point_lists_the_state_around_it_as_transit(access_model):
    """A user point in San Marino joins the graph at an Italian road node (San Marino has no road
    node of its own); its route to Switzerland still crosses Italy, a transit State, as the
    country origin's does (the transit used to be taken from the join node's State: none)."""
    pts = pd.DataFrame({"id": ["sm1"], "country_iso3": ["SMR"], "name": [""], "lon": [12.4578], "lat": [43.9424]})
    point = access_model.solve("elemental_mercury", points=pts, as_of=AS_OF, geometry=False).iloc[0]
    country = access_model.solve("elemental_mercury", origins=["SMR"], as_of=AS_OF, geometry=False).iloc[0]
    assert point["facility_id"] == country["facility_id"]
    assert list(point["transit_iso3"]) == list(country["transit_iso3"]) == ["ITA"]
    assert point["cost_usd_per_t_low"] == pytest.approx(country["cost_usd_per_t_low"], abs=0.2)


def test_user_origin_points_one_row_each(model, tmp_path):
    f = tmp_path / "pts.csv"
    f.write_text("id,country,lat,lon,name\nclinic-1,FJI,-17.80,177.42,Lautoka clinic\n"
                 "site-9,JAM,18.47,-77.92,Montego Bay\nc3,FJI,-16.43,179.37,Labasa\n")
    pts = load_origin_points_file(f)
    res = model.solve("lamps", points=pts, as_of=AS_OF)
    assert list(res["origin_id"]) == ["clinic-1", "site-9", "c3"]
    assert list(res["origin_iso3"]) == ["FJI", "JAM", "FJI"]
    assert res.loc[0, "origin_name"] == "Lautoka clinic"
    assert res.loc[0, "origin_lon"] == pytest.approx(177.42)
    assert (res["status"] == "reachable").all()
    # Each point is solved on its own: Labasa (Vanua Levu) differs from Lautoka (Viti Levu).
    assert res.loc[0, "distance_km"] != res.loc[2, "distance_km"]


def test_bad_origin_rows_named_by_line_and_field(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("id,country,lat,lon\nok,FJI,-18.1,178.4\nfar,FJI,-95,178.4\nx,XYZ,1,1\n"
                 "paris,FJI,48.85,2.35\nok,FJI,-18.1,178.4\n")
    with pytest.raises(ValidationError) as err:
        load_origin_points_file(f)
    msg = str(err.value)
    assert "line 3, field lat" in msg
    assert "line 4, field country" in msg and "XYZ" in msg
    assert "line 5, field lat/lon" in msg and "FJI" in msg
    assert "line 6, field id" in msg


def test_cli_routing_options(tmp_path, capsys):
    f = tmp_path / "pts.csv"
    f.write_text("id,country,lat,lon\np1,FJI,-17.80,177.42\np2,TUV,-8.52,179.19\n")
    assert main(["access", "--stream", "lamps", "--origins-file", str(f), "--as-of", AS_OF,
                 "--objective", "distance"]) == 0
    out = capsys.readouterr().out.splitlines()
    header = out[0].split(",")
    assert {"origin_id", "origin_lon", "origin_lat", "road_km", "cost_usd_per_t_low", "legs"} <= set(header)
    assert len(out) == 3
    assert main(["access", "--stream", "lamps", "--origins", "LSO", "--avoid", "ZAF", "--max-transit", "1",
                 "--as-of", AS_OF]) == 0
    assert "no_route" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("id,country,lat,lon\np1,QQQ,1,1\n")
    assert main(["access", "--stream", "lamps", "--origins-file", str(bad)]) == 2
    assert "line 2, field country" in capsys.readouterr().err


def test_result_table_has_legs_text(model):
    res = model.solve("lamps", origins=["FJI"], as_of=AS_OF)
    table = result_table(res)
    assert "sea" in table.loc[0, "legs"] and "km" in table.loc[0, "legs"]
    assert isinstance(res.loc[0, "legs"], list)


def test_points_sharing_a_join_node_are_each_answered_as_if_alone(model):
    """Points joining the graph at one node are solved once at that node; every row must
    still be the point's own answer: its km, cost, legs and drawn route from the point."""
    pts = pd.DataFrame({"id": ["a", "b", "c"], "country_iso3": ["JAM", "JAM", "FJI"], "name": "",
                        "lon": [-76.7936, -76.7930, 178.4419], "lat": [17.9968, 17.9975, -18.1416]})
    (na, _), (nb, _) = (j[0] for j in model.graph.attach_points(pts["lon"][:2], pts["lat"][:2], pts["country_iso3"][:2]))
    assert na == nb  # the case under test: one join node
    both = model.solve("lamps", points=pts, as_of=AS_OF, k=2)
    for pid in ("a", "b", "c"):
        alone = model.solve("lamps", points=pts[pts["id"] == pid], as_of=AS_OF, k=2).reset_index(drop=True)
        mine = both[both["origin_id"] == pid].reset_index(drop=True)
        pd.testing.assert_frame_equal(result_table(mine), result_table(alone))
        assert mine.geometry.to_wkt().tolist() == alone.geometry.to_wkt().tolist()
        first = mine.geometry.iloc[0].geoms[0].coords[0]
        row = pts[pts["id"] == pid].iloc[0]
        assert first == pytest.approx((row["lon"], row["lat"]))
    a, b = (both[(both["origin_id"] == p) & (both["rank"] == 1)].iloc[0] for p in ("a", "b"))
    assert a["facility_id"] == b["facility_id"] and a["access_km"] != b["access_km"]
    bare = model.solve("lamps", points=pts, as_of=AS_OF, k=2, geometry=False)
    assert bare.geometry.isna().all()
    pd.testing.assert_frame_equal(result_table(bare), result_table(both))


def test_point_routes_km_match_the_drawn_roads(model):
    """User points in large countries join the roads at many nodes whose routes are built
    from a few exits (the last node on their own country's roads) plus their road prefix;
    the km reported must be those of the route actually driven. Drawn in full (the path
    walked on the tree), its geodesic length agrees with ``distance_km``, and the road legs
    add up to ``road_km``, for points spread over Brazil, the USA, China and India."""
    import numpy as np
    from pyproj import Geod

    origins = hgmap.network.load_origin_points().set_index("iso3")
    rng = np.random.default_rng(3)
    rows = [{"id": f"{c}{k}", "country_iso3": c, "name": "", "lon": origins.loc[c, "lon"] + rng.normal(0, 1.5),
             "lat": origins.loc[c, "lat"] + rng.normal(0, 1.0)} for c in ("BRA", "USA", "CHN", "IND") for k in range(8)]
    res = model.solve("lamps", points=pd.DataFrame(rows), as_of=AS_OF)
    reached = res[res["status"] == "reachable"]
    assert len(reached) >= 24
    geod = Geod(ellps="WGS84")
    for _, r in reached.iterrows():
        drawn = sum(geod.line_length(*zip(*line.coords)) for line in r.geometry.geoms) / 1000
        assert abs(drawn - r.distance_km) <= 0.01 * r.distance_km + 1, (r.origin_id, drawn, r.distance_km)
        road = sum(leg["km"] for leg in r.legs if leg["mode"] == "road")
        assert abs(road - r.road_km) <= 0.05 * len(r.legs) + 0.1, (r.origin_id, r.legs, r.road_km)


# -- review 22: island points and long joins ---------------------------------------------

def test_island_point_joins_a_port_and_a_long_join_is_named(model, caplog):
    """A point on Lakeba (Fiji; no road node on the island) joined a Viti Levu road 283 km
    across the sea, priced as road, without a word. Now it joins Fiji's ports (a road-less
    join) and the long straight-line join is named in a warning; a point of Grand Turk
    (Turks and Caicos) leaves from Grand Turk's port (TCGTK, 1 km), not by 110 km of
    'road' to Providenciales; a point beyond every limit is unreachable, not joined."""
    pts = pd.DataFrame({"id": ["lakeba", "grand-turk", "kingston", "far"], "country_iso3": ["FJI", "TCA", "JAM", "UMI"],
                        "name": ["Lakeba", "Grand Turk", "Kingston", "Palmyra"],
                        "lon": [-178.8, -71.14, -76.79, -162.07], "lat": [-18.2, 21.47, 17.99, 5.88]})
    with caplog.at_level("WARNING", logger="hgmap.point_rows"):
        full = model.solve("lamps", points=pts, as_of=AS_OF, geometry=False)
    r = full[full["rank"] == 1].set_index("origin_id")
    assert r.at["lakeba", "status"] == "reachable"
    assert r.at["grand-turk", "access_km"] < 40  # 1 km to the port + the destination's joins
    assert r.at["far", "status"] != "reachable"
    text = caplog.text
    assert "'lakeba'" in text and "straight-line estimate" in text
    assert "'far'" in text and "unreachable" in text
    assert "'kingston'" not in text and "'grand-turk'" not in text
    # The result itself names them too (not only the log).
    joins = " ".join(full.attrs["long_joins"])
    assert "'lakeba'" in joins and "'far'" in joins and "'kingston'" not in joins


def _points(rows):
    return pd.DataFrame(rows, columns=["id", "country_iso3", "name", "lon", "lat"])


def test_rows_name_their_ports_of_loading_and_discharge(model):
    """Every reachable sea route names its first and last port (UN/LOCODE id and name from
    data/ports.csv), as columns and in its sea legs; country origins and user points alike."""
    pts = _points([("lab", "FJI", "Labasa", 179.39, -16.43)])
    for res in (model.solve("lamps", origins=["FJI"], as_of=AS_OF), model.solve("lamps", points=pts, as_of=AS_OF)):
        row = res.iloc[0]
        assert row["facility_id"] == "HG-NZL-001"
        assert row["port_of_loading"].startswith("FJ") and row["port_of_discharge"].startswith("NZ")
        ports = hgmap.load_ports().set_index("port_id")
        assert row["port_of_loading_name"] == ports.loc[row["port_of_loading"], "name"]
        assert row["port_of_discharge_name"] == ports.loc[row["port_of_discharge"], "name"]
        sea = [leg for leg in row["legs"] if leg["mode"] == "sea"]
        assert sea[0]["from_port"] == row["port_of_loading"] and sea[-1]["to_port"] == row["port_of_discharge"]
    assert res.iloc[0]["port_of_loading"] == "FJLBS"  # Labasa loads at Lambasa, not Suva
    domestic = model.solve("lamps", origins=["DEU"], as_of=AS_OF).iloc[0]
    assert domestic["port_of_loading"] is None and domestic["route_notes"] == []


def test_ports_without_a_known_terminal_or_feeder_served_say_the_cost_is_a_lower_bound(model):
    """Luganville loads at Santo (VUSAN: data/ports.csv terminal = 0, searoute 1.6.0) and Labasa
    at Lambasa (FJLBS: terminal unknown); Funafuti (TVFUN) has about 20 vessel calls a year and
    is served via Suva (Logistics Cluster LCA, https://dlca.logcluster.org/pages/viewpage.action?pageId=127140357;
    RNZ 13 May 2009; data/feeder_ports.csv). Each row names the port and the unpriced feeder leg;
    Suva (FJSUV, terminal 1) says nothing."""
    pts = _points([("lug", "VUT", "Luganville", 167.17, -15.52), ("lab", "FJI", "Labasa", 179.39, -16.43),
                   ("fun", "TUV", "Funafuti", 179.19, -8.52), ("suv", "FJI", "Suva", 178.44, -18.14)])
    res = model.solve("lamps", points=pts, as_of=AS_OF).set_index("origin_id")
    assert res.loc["lug", "port_of_loading"] == "VUSAN" and res.loc["fun", "port_of_loading"] == "TVFUN"
    for pid, words in (("lug", "VUSAN (Santo): no container terminal (data/ports.csv terminal = 0)"),
                       ("lab", "FJLBS (Lambasa): no container terminal known"),
                       ("fun", "TVFUN (Funafuti): served by feeders via Suva (FJSUV)")):
        notes = [n for n in res.loc[pid, "route_notes"] if n.startswith("port of")]  # not the lane notes
        assert len(notes) == 1 and words in notes[0], notes
        assert notes[0].startswith("port of loading") and "not priced (cost" in notes[0]
        assert ("likely" in notes[0]) == (pid != "lab")  # an unknown flag: "may be needed"
        assert res.loc[pid, "transshipments"] == 0  # the modelled route: the note is what says more
    assert res.loc["suv", "port_of_loading"] == "FJSUV" and res.loc["suv", "route_notes"] == []
    # The country origin of Tuvalu says it too.
    tuv = model.solve("lamps", origins=["TUV"], as_of=AS_OF)
    assert "TVFUN" in tuv.iloc[0]["route_notes"][0]


def test_dossier_route_section_says_a_feeder_leg_is_not_priced():
    """Tuvalu's dossier (lamps): its port of loading Funafuti (TVFUN) is feeder-served via Suva
    (data/feeder_ports.csv, Logistics Cluster LCA) and the route section says the cost is a lower
    bound, in English and French."""
    from hgmap.dossier import build_dossier
    from hgmap.dossier.document import compose

    d = build_dossier("TUV", streams=("lamps",), as_of=AS_OF, k=1)
    en = " ".join(compose(d, "en").text().split())
    assert "port of loading Funafuti (TVFUN): served by feeders via Suva (FJSUV)" in en
    assert "the estimated cost is a lower bound" in en
    fr = " ".join(compose(d, "fr").text().split())
    assert "port de chargement Funafuti (TVFUN)" in fr and "le coût estimé est un minimum" in fr


def test_report_cost_and_legs_name_the_ports_and_the_lower_bound():
    """The SIDS report's overview: the legs text names the ports of loading and discharge and the
    cost says it is a lower bound where a feeder leg is likely (Funafuti, data/feeder_ports.csv)."""
    from types import SimpleNamespace

    from hgmap.report.render import _legs_text, cost

    o = SimpleNamespace(distance_km=4276.0, sea_km=4264.0, road_km=8.0, land_km=None, access_km=4.0,
                        cost_low=40.0, cost_high=207.0, port_of_loading="Funafuti (TVFUN)",
                        port_of_discharge="Christchurch (NZCHC)",
                        route_notes=("port of loading TVFUN (Funafuti): served by feeders via Suva (FJSUV), so a "
                                     "feeder or other leg to or from a hub port is likely and not priced",))
    assert _legs_text(o).endswith("Funafuti (TVFUN) to Christchurch (NZCHC)")
    assert cost(o) == "40-207 USD/t (lower bound: feeder leg not priced)"
    assert cost(SimpleNamespace(cost_low=40.0, cost_high=207.0, route_notes=())) == "40-207 USD/t"
