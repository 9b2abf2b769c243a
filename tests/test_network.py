import numpy as np
import pytest

from hgmap import network
from hgmap.network import (ACCESS, LAND, ROAD, SEA, TransportGraph, build_graph, geodesic_km, port_table,
                           split_antimeridian)


@pytest.fixture(scope="module")
def graph():
    return build_graph()


def _tiny(edges):
    u, v, w, m = (np.array(x) for x in zip(*edges))
    n = int(max(u.max(), v.max())) + 1
    return TransportGraph(
        node_lon=np.zeros(n), node_lat=np.zeros(n), node_kind=np.zeros(n, np.int8),
        node_country=np.array([""] * n, dtype=object), node_label=np.array([""] * n, dtype=object),
        edge_u=u.astype(np.int64), edge_v=v.astype(np.int64), edge_km=w.astype(float),
        edge_mode=m.astype(np.int8), origin_node={}, port_snap_km={}, settings={"circuity": 1.3})


def test_parallel_edges_keep_the_shortest_not_the_sum():
    g = _tiny([(0, 1, 5.0, SEA), (0, 1, 3.0, LAND), (1, 2, 2.0, SEA)])
    A = g.csr()
    assert A[0, 1] == pytest.approx(3.0) and A[1, 0] == pytest.approx(3.0)
    assert g.edge_mode_between(0, 1) == LAND == ROAD
    nxg = g.to_networkx()
    assert nxg[0][1]["weight"] == pytest.approx(3.0) and nxg[0][1]["mode"] == "road"
    assert nxg[1][0]["weight"] == pytest.approx(3.0)


def test_parallel_edges_every_pair_keeps_its_lightest_and_ties_the_direction_stored():
    # Three parallel edges 0-1 (two of equal length), one reversed 2-1 beside 1-2.
    g = _tiny([(0, 1, 4.0, SEA), (1, 0, 2.0, SEA), (0, 1, 2.0, LAND), (1, 2, 7.0, SEA), (2, 1, 6.0, LAND),
               (3, 2, 1.0, SEA)])
    A = g.csr()
    assert A[0, 1] == A[1, 0] == pytest.approx(2.0) and A[1, 2] == A[2, 1] == pytest.approx(6.0)
    # Of the two 2 km edges, the one stored in the direction asked for.
    assert g.edge_mode_between(0, 1) == LAND and g.edge_mode_between(1, 0) == SEA
    assert g.edge_mode_between(2, 1) == LAND and A[3, 2] == A[2, 3] == pytest.approx(1.0)
    assert A.nnz == 6


def test_zero_length_edge_is_still_an_edge():
    from scipy.sparse.csgraph import dijkstra

    g = _tiny([(0, 1, 0.0, SEA), (1, 2, 4.0, SEA)])
    d = dijkstra(g.csr(), directed=True, indices=0)
    assert d[2] == pytest.approx(4.0)


def test_facilities_are_ends_never_waypoints():
    from scipy.sparse.csgraph import dijkstra

    # Two ports (0, 1) of a country, a facility (2) linked to both; the sea path 0-3-1 is long.
    g = _tiny([(0, 3, 50.0, SEA), (3, 1, 50.0, SEA), (2, 0, 1.0, ACCESS), (2, 1, 1.0, ACCESS)])
    g.node_kind[2] = network.KIND_FACILITY
    g._csrs.clear()
    d = dijkstra(g.csr(), directed=True, indices=[2, 0])
    assert d[0, 1] == pytest.approx(1.0)  # the facility reaches both ports
    assert d[1, 1] == pytest.approx(100.0)  # but port 0 cannot reach port 1 through it
    G = g.to_networkx()
    assert G.has_edge(0, 2) and not G.has_edge(2, 0)


def test_transit_layers_count_entries_into_third_countries():
    """Nodes 0 (DEU, the facility side) - 1 (AUT) - 2 (CZE) - 3 (AUT again) - 4 (HUN, the origin):
    entering AUT, CZE and AUT again counts three entries; with one level the far end is out of
    reach, with three it is reached on the top layer; a short cut 0 - 5 (POL) - 4 costs more
    but enters one third country only, so one level finds it."""
    from scipy.sparse.csgraph import dijkstra

    g = _tiny([(0, 1, 1.0, ROAD), (1, 2, 1.0, ROAD), (2, 3, 1.0, ROAD), (3, 4, 1.0, ROAD)])
    g.node_country[:] = ["DEU", "AUT", "CZE", "AUT", "HUN"]
    n = g.n_nodes
    for levels, reached in ((1, False), (2, False), (3, True)):
        d = dijkstra(g.transit_layers(g.csr(), {"DEU", "HUN"}, levels), directed=True, indices=0)
        assert np.isfinite(d.reshape(levels + 1, n)[:, 4]).any() == reached, levels
    g2 = _tiny([(0, 1, 1.0, ROAD), (1, 2, 1.0, ROAD), (2, 3, 1.0, ROAD), (3, 4, 1.0, ROAD),
                (0, 5, 5.0, ROAD), (5, 4, 5.0, ROAD)])
    g2.node_country[:] = ["DEU", "AUT", "CZE", "AUT", "HUN", "POL"]
    d = dijkstra(g2.transit_layers(g2.csr(), {"DEU", "HUN"}, 1), directed=True, indices=0).reshape(2, 6)
    assert d[:, 4].min() == pytest.approx(10.0) and d[1, 4] == pytest.approx(10.0)  # one entry: POL


def test_every_origin_stays_connected(graph):
    """No border closure (data/closed_borders.csv) or lane restriction may cut a country off
    without a word: every default origin lies in the one component of the graph that holds the
    ocean lanes (the virtual ports of port-less, road-less countries are decided before the
    closures are applied)."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    n = graph.n_nodes
    A = sp.csr_array((np.ones(graph.n_edges), (graph.edge_u, graph.edge_v)), shape=(n, n))
    _, label = connected_components(A, directed=False)
    main = np.bincount(label).argmax()
    cut = [iso for iso, node in graph.origin_node.items() if label[node] != main]
    # The exceptions join nothing (unreachable) instead of an "access" leg beyond the limits:
    # the U.S. Minor Outlying Islands' origin (a representative point near Palmyra) is 4,808 km
    # from the country's only port (Wake Island) and has no road; Western Sahara's origin
    # (Meharrize) has no port and its one road node is 485 km away, the straight join running
    # two thirds through Mauritania.
    assert cut == ["ESH", "UMI"]
    assert [c for c, i in graph.origin_info.items() if not i["joined"]] == ["ESH", "UMI"]


def test_hand_curated_border_tables_name_line_and_field(tmp_path, monkeypatch):
    """A bad row of data/closed_borders.csv or data/road_links.csv is a DataError naming the
    file, the line and the field, never a KeyError or a silent cut."""
    import shutil

    from hgmap import _io
    from hgmap.errors import DataError
    from hgmap.network import base

    real = _io.data_path("closed_borders.csv").parent
    for f in real.iterdir():
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    monkeypatch.setattr(base, "data_path", lambda name: tmp_path / name)
    rows = (tmp_path / "closed_borders.csv").read_text().splitlines()
    cases = [(rows[0] + "\nARM,XYZ,closed,1990,x,https://x,low,2020-01-01,", "line 2: state_b 'XYZ'"),
             (rows[0] + "\nARM,AZE,reopened,1990,x,https://x,low,2020-01-01,", "line 2: status 'reopened'"),
             (rows[0] + "\nARM,AZE,closed,1990,x,no-url,low,2020-01-01,", "line 2: source_url")]
    for text, want in cases:
        (tmp_path / "closed_borders.csv").write_text(text + "\n")
        base.closed_borders.cache_clear()
        with pytest.raises(DataError, match=want):
            base.closed_borders()
    (tmp_path / "closed_borders.csv").write_text("\n".join(rows) + "\n")
    base.closed_borders.cache_clear()
    links = (tmp_path / "road_links.csv").read_text().splitlines()
    (tmp_path / "road_links.csv").write_text(links[0] + "\nX,x,ARM,46,39,AZE,46,39.1,https://x,low,2024-01-01,\n")
    base.road_links.cache_clear()
    with pytest.raises(DataError, match="line 2: ARM-AZE is a closed border"):
        base.road_links()
    base.road_links.cache_clear()
    base.closed_borders.cache_clear()


def test_geodesic_not_planar():
    # Suva -> Apia across the antimeridian: ~1,152 km on the WGS84 ellipsoid.
    assert float(geodesic_km(178.44, -18.14, -171.76, -13.83)) == pytest.approx(1152, abs=5)
    # Planar degrees would make it ~350 degrees long; haversine differs by up to 0.3 %.
    assert float(geodesic_km(178.44, -18.14, 181.0 - 360, -18.14)) < 300


def test_split_antimeridian_pieces():
    line = split_antimeridian([(178.4, -18.1), (179.5, -17.0), (-179.5, -16.0), (-171.8, -13.8)])
    assert len(line.geoms) == 2
    for part in line.geoms:
        xs = np.array(part.coords)[:, 0]
        assert xs.max() - xs.min() < 180
    assert {round(line.geoms[0].coords[-1][0]), round(line.geoms[1].coords[0][0])} == {180, -180}
    same = split_antimeridian([(10, 0), (20, 5)])
    assert len(same.geoms) == 1


def test_graph_shape(graph):
    s = graph.summary()
    assert s["sea_nodes"] > 9000 and s["origin_nodes"] == 244
    assert s["road_nodes"] > 300_000 and s["road_edges"] > 500_000 and s["port_nodes"] > 3000
    assert np.all(graph.edge_km >= 0) and np.all(np.isfinite(graph.edge_km))
    assert set(graph.node_country[graph.node_kind == 0]) == {""}
    assert graph.node_lon.min() >= -180 and graph.node_lon.max() < 180
    # Every road node lies in a country.
    assert (graph.node_country[graph.node_kind == network.KIND_ROAD] != "").all()


def test_caspian_ports_have_no_sea_lane_to_the_ocean(graph):
    """The Volga-Don waterway, the one searoute lane from the Caspian to the Sea of Azov, is
    Russian inland water (foreign-flag navigation only by treaty or a Russian Government
    decision: Inland Water Transport Code Art 23.1, Federal Law 203-FZ of 11 July 2011) and is
    left out by default: with it, Iran's and Azerbaijan's waste went to Italy "by sea" through
    Russia with no transit State listed. The Caspian lanes are then cut off from the ocean
    lanes, and the Caspian ports (Baku, Nowshahr), too far from any ocean lane, are left out."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    water = graph.edge_mode == SEA
    u, v = graph.edge_u[water], graph.edge_v[water]
    A = sp.csr_array((np.ones(len(u)), (u, v)), shape=(graph.n_nodes, graph.n_nodes))
    _, label = connected_components(A, directed=False)
    lon, lat, kind = graph.node_lon, graph.node_lat, graph.node_kind
    caspian = (lon > 46.5) & (lon < 55) & (lat > 36.5) & (lat < 47.3)
    assert (caspian & (kind == 0)).sum() > 20  # the basin's own lanes are there ...
    ports = port_table(graph)
    ocean = {int(label[graph.node_label == pid][0]) for pid in ports.loc[ports["iso3"].isin(["ITA", "TUR"]), "port_id"]}
    assert not set(label[caspian & (kind == 0)].tolist()) & ocean  # ... but reach no ocean port
    assert not (caspian & (kind == network.KIND_PORT)).any()
    assert "volga_don" in network.DEFAULT_RESTRICTIONS


def test_closed_borders_have_no_road_and_missing_crossings_are_added(graph):
    """Borders closed to through freight (data/closed_borders.csv: Armenia-Azerbaijan since
    1989, Algeria-Morocco since 1994, Eritrea-Ethiopia since 22 Apr 2019, China-India border
    trade only, India-Pakistan since 23 Apr 2025, the Koreas, Israel-Lebanon) keep no road
    edge; the Agarak-Norduz crossing (Armenia-Iran, 400-450 trucks a day, Azatutyun, March
    2024), which the road extract lacks, is a road edge (data/road_links.csv)."""
    st = graph.node_state()
    road = graph.edge_mode == ROAD
    pairs = {frozenset(p) for p in zip(st[graph.edge_u[road]], st[graph.edge_v[road]]) if p[0] != p[1]}
    for a, b in [("ARM", "AZE"), ("DZA", "MAR"), ("ERI", "ETH"), ("CHN", "IND"), ("IND", "PAK"), ("KOR", "PRK"),
                 ("ISR", "LBN")]:
        assert frozenset((a, b)) in network.closed_borders()
        assert frozenset((a, b)) not in pairs, (a, b)
    assert frozenset(("ARM", "IRN")) in pairs
    assert frozenset(("ARM", "GEO")) in pairs and frozenset(("FRA", "DEU")) in pairs  # open borders stay


def test_ports_snap_and_palau(graph, countries):
    ports = port_table(graph)
    sids = set(countries.loc[countries["sids"], "iso3"])
    assert sids <= set(ports["iso3"])
    plw = ports[ports["iso3"] == "PLW"].iloc[0]
    assert 150 < plw["snap_km"] < network.DEFAULT_MAX_SNAP_KM  # Palau is far from the lanes
    # Ports join their country's road network; the join distance is recorded.
    jam = ports[ports["iso3"] == "JAM"]
    assert (jam["road_join_km"] <= network.DEFAULT_MAX_JOIN_KM).any()
    assert ports["road_join_km"].dropna().max() <= network.DEFAULT_MAX_JOIN_KM


def test_roads_not_straight_lines_between_neighbours(graph):
    o = graph.origin_node
    A = graph.csr()
    assert A[o["FRA"], o["DEU"]] == 0  # no origin-to-origin land links any more
    road = np.flatnonzero(graph.edge_mode == ROAD)
    assert all(len(graph.edge_countries(i)) >= 1 for i in road[:1000])
    # Border crossings exist where roads cross borders (France-Germany), not across the Channel.
    cross = graph._crossings()
    pairs = {tuple(sorted((graph.node_country[graph.edge_u[i]], graph.node_country[graph.edge_v[i]])))
             for i in np.flatnonzero(cross)}
    assert ("DEU", "FRA") in pairs and ("BOL", "PER") in pairs
    assert ("FRA", "GBR") not in pairs
    # The Darien Gap: no road between Panama and Colombia.
    assert ("COL", "PAN") not in pairs


def test_roadless_sids_use_a_straight_line_estimate(graph):
    roadless = set(graph.settings["roadless"])
    assert {"TUV", "NRU", "MHL", "KIR"} <= roadless
    o = graph.origin_node["TUV"]
    e = np.flatnonzero(graph.edge_u == o)
    assert len(e) and set(graph.edge_mode[e]) == {ACCESS}
    assert all(graph.node_kind[graph.edge_v[i]] == network.KIND_PORT for i in e)
    # Kiribati's origin is on Tarawa, not Kiritimati (3,000 km east).
    kir = graph.origin_info["KIR"]
    assert float(geodesic_km(kir["lon"], kir["lat"], 172.98, 1.33)) < 30


def test_route_geometry_follows_the_road(graph):
    from scipy.sparse.csgraph import dijkstra

    o = graph.origin_node
    d, p = dijkstra(graph.csr(), directed=True, indices=o["LSO"], return_predecessors=True)
    path = TransportGraph.path_from_predecessors(p, o["LSO"], o["ZAF"])
    b = graph.breakdown(path)
    assert b["road_km"] > 300 and b["sea_km"] == 0 and b["transit"] == []
    coords = graph.path_coords(path)
    assert len(coords) > len(path)  # intermediate road points kept
    drawn = float(geodesic_km(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1]).sum())
    assert drawn == pytest.approx(b["road_km"] + b["access_km"], rel=0.02)


def test_cost_weights(graph):
    from hgmap.costs import load_costs

    w = graph.weights("cost")
    km = graph.weights("distance")
    sea = (graph.edge_mode == SEA) & ~graph._approaches()
    road = graph.edge_mode == ROAD
    c = load_costs()
    i = np.flatnonzero(sea & (km > 10))[0]
    assert w[i] == pytest.approx(km[i] * c.value("sea_usd_per_tkm"))
    j = np.flatnonzero(road & ~graph._crossings() & (km > 1))[0]
    assert w[j] == pytest.approx(km[j] * c.value("road_usd_per_tkm"))
    with pytest.raises(ValueError):
        graph.weights("fastest")


def test_cache_written_and_invalidated_by_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("HGMAP_CACHE_DIR", str(tmp_path))
    network._MEMO.clear()
    g1 = build_graph()
    files = list(tmp_path.glob("graph-*.npz"))
    assert len(files) == 1
    network._MEMO.clear()
    g2 = build_graph()  # from the cache file
    assert np.array_equal(g1.edge_km, g2.edge_km) and g1.origin_node == g2.origin_node
    assert g1.origin_info == g2.origin_info and g1.join_km == g2.join_km
    network._MEMO.clear()
    build_graph(circuity=1.5)
    assert len(list(tmp_path.glob("graph-*.npz"))) == 2
    network._MEMO.clear()
    with pytest.raises(ValueError):
        build_graph(circuity=0.5)


def test_territorial_sea_setting_names_coastal_states(tmp_path, monkeypatch):
    monkeypatch.setenv("HGMAP_CACHE_DIR", str(tmp_path))
    g = build_graph(sea_passage_is_transit=True)
    owners = set(g.node_country[g.node_kind == 0]) - {""}
    assert {"SGP", "IDN", "MYS"} & owners
    # A State whose territorial sea is the only part of it a route uses is a sea-only
    # transit State (the Izmir Protocol treats it differently, Art 6(4)); one whose road
    # or port the route uses is not.
    u, v = g.edge_u, g.edge_v
    # A lane vertex in Tunisia's territorial sea between two lanes outside it, next to a
    # Tunisian port.
    for n in np.flatnonzero((g.node_kind == 0) & (g.node_country == "TUN")):
        nbr = np.concatenate([v[u == n], u[v == n]])
        lanes = nbr[(g.node_kind[nbr] == 0) & (g.node_country[nbr] != "TUN")]
        ports = nbr[(g.node_kind[nbr] == 1) & (g.node_country[nbr] == "TUN")]
        if len(lanes) >= 2 and len(ports):
            break
    else:
        raise AssertionError("no Tunisian lane vertex between two others beside a Tunisian port")
    a, b, n, p = int(lanes[0]), int(lanes[1]), int(n), int(ports[0])
    sea = g.breakdown([a, n, b])  # passing by
    assert "TUN" in sea["transit"] and "TUN" in sea["sea_transit"]
    call = g.breakdown([a, n, p, n, b])  # a port call: Tunisia's territory, not only its sea
    assert "TUN" in call["transit"] and "TUN" not in call["sea_transit"]


# -- review 22 (freight forwarder): island origins and points join their own ports -------

def _joins(graph, node):
    e = np.flatnonzero((graph.edge_u == node) | (graph.edge_v == node))
    other = np.where(graph.edge_u[e] == node, graph.edge_v[e], graph.edge_u[e])
    return [(network.KINDS[graph.node_kind[t]], graph.node_label[t], float(graph.edge_km[i]))
            for t, i in zip(other, e)]


def test_island_origins_join_their_own_port(graph):
    """Palikir joined only Yap (2,888 km across open ocean, priced as road): Micronesia's
    four international seaports are Pohnpei, Chuuk, Yap and Kosrae (WFP Logistics Capacity
    Assessment 2.1, https://dlca.logcluster.org/21-micronesia-port-assessment). Nuku'alofa
    joined Pangai (Ha'apai, 220 km): the port of Nuku'alofa (UN/LOCODE TOTBU) is Tonga's
    principal port (https://dlca.logcluster.org/print-preview/4372). Cockburn Town (Grand Turk)
    joined the roads of Providenciales 110 km away; Grand Turk's port TCGTK is 1 km away."""
    o = graph.origin_node
    fsm = _joins(graph, o["FSM"])
    assert ("port", "FMPNI") in {(k, lab) for k, lab, _ in fsm}
    assert min(km for _, _, km in fsm) < 15
    ton = {lab: km for _, lab, km in _joins(graph, o["TON"])}
    assert ton["TOTBU"] < 5
    tca = _joins(graph, o["TCA"])
    assert {lab: km for _, lab, km in tca}["TCGTK"] < 5
    assert not [j for j in tca if j[0] == "road"]  # no road join across the sea
    # No origin joins a port beyond the stated limit (the old fallback: the nearest at any distance).
    limit = network.ROADLESS_PORT_KM * graph.settings["circuity"]
    far = [(iso, label, round(km)) for iso, node in o.items() for kind, label, km in _joins(graph, node)
           if kind == "port" and km > limit + 1e-6]
    assert far == []


def test_points_on_islands_without_roads_join_ports_or_nothing(graph):
    """A point on Lakeba (Fiji, no road node on the island) joined a Viti Levu road 283 km
    across the sea, priced as road; a point 4,000 km from its country's only port joined it
    as an access leg. Now: the island point joins Fiji's ports (a road-less join, as for
    Tuvalu); the far point joins nothing (unreachable), never a leg beyond the limits."""
    lakeba, umi, kingston = graph.attach_points([-178.8, -162.07, -76.79], [-18.2, 5.88, 17.99],
                                                ["FJI", "UMI", "JAM"])
    assert lakeba and all(graph.node_kind[t] == network.KIND_PORT for t, _ in lakeba)
    assert all(graph.node_country[t] == "FJI" for t, _ in lakeba)
    assert umi == []
    assert [graph.node_kind[t] for t, _ in kingston] == [network.KIND_ROAD]  # a mainland point keeps its road


def test_search_weight_is_the_reported_cost_of_a_direct_sea_leg(graph):
    """The search charged each port approach a port call plus half a transshipment (one
    transshipment per sea route) and no dangerous-goods surcharge, while the reported cost
    (hgmap.costs.route_cost) charges two port calls, no transshipment and one surcharge:
    the two disagreed by 16.7 USD/t on every sea route. Now a direct port-to-port leg weighs
    exactly its reported midpoint cost."""
    from scipy.sparse.csgraph import dijkstra

    from hgmap.costs import load_costs, route_cost

    costs = load_costs()
    o = graph.origin_node
    w = graph.weights("cost", costs)
    for a, b in (("FJI", "NZL"), ("JAM", "USA"), ("TUV", "FJI")):
        _, pred = dijkstra(graph.csr("cost", costs), indices=o[b], return_predecessors=True)
        path = graph.path_from_predecessors(pred, o[b], o[a])[::-1]
        bd = graph.breakdown(path, "cost", costs)
        assert bd["sea_km"] > 0 and bd["port_calls"] == 2 and bd["transshipments"] == 0 and not bd["transit"]
        searched = float(w[graph.path_edges(path, "cost", costs)].sum())
        reported = float(route_cost(costs, sea_km=bd["sea_km"], road_km=bd["road_km"], access_km=bd["access_km"],
                                    port_calls=bd["port_calls"], transshipments=bd["transshipments"],
                                    level="mid"))
        assert searched == pytest.approx(reported, rel=1e-6), (a, b)


def test_a_port_is_joined_beside_a_road_only_when_the_road_node_is_far():
    """Inland, a point joins its road node only (the roads take it to the port), so points there
    share one solve per join node: a Kingston (Jamaica) point 1 km inland of the port. On Grand
    Turk the nearest road node is on Providenciales, over the sea: the point joins its own port
    (TCGTK, 1 km) and no road (PORT_BESIDE_ROAD_KM, DEFAULT_MAX_JOIN_KM). At the port itself
    (JMKIN, the road node 0.2 km away) the point joins the port: it is nearer than the road node."""
    import numpy as np

    from hgmap.network import KIND_PORT, KIND_ROAD, PORT_BESIDE_ROAD_KM, build_graph

    g = build_graph()
    i = int(np.flatnonzero(g.node_label == "JMKIN")[0])
    at_port, inland, grand_turk = g.attach_points([g.node_lon[i], -76.79, -71.14], [g.node_lat[i], 17.99, 21.47],
                                                  ["JAM", "JAM", "TCA"])
    assert len(inland) == 1 and g.node_kind[inland[0][0]] == KIND_ROAD and inland[0][1] < PORT_BESIDE_ROAD_KM
    assert [g.node_label[t] for t, _ in at_port] == ["JMKIN"]
    assert g.node_label[min(grand_turk, key=lambda j: j[1])[0]] == "TCGTK"
    assert all(g.node_kind[t] == KIND_PORT for t, _ in grand_turk)


def test_a_port_nearer_than_the_road_node_is_joined_directly(graph):
    """A site 1.5 km from Lautoka's wharf (FJLTK) went out 9 km to a road node and 8 km back to
    the port ("access 9 km (FJI); access 8 km (FJI)"): the port is nearer than the road node, so the
    point joins the port (straight line x circuity), one join; the port's own road join takes it
    inland. A Suva point whose road node (2.9 km) is nearer than every port keeps its road join."""
    i = int(np.flatnonzero(graph.node_label == "FJLTK")[0])
    site, inland = graph.attach_points([177.455, 178.45], [-17.615, -18.10], ["FJI", "FJI"])
    assert [graph.node_label[t] for t, _ in site] == ["FJLTK"]
    km = float(geodesic_km(177.455, -17.615, graph.node_lon[i], graph.node_lat[i]))
    assert km < 2 and site[0][1] == pytest.approx(km * graph.settings["circuity"])
    assert [graph.node_kind[t] for t, _ in inland] == [network.KIND_ROAD]


def _land_along(lon0, lat0, lon1, lat1):
    """km of the straight segment over the land polygons of data/countries.gpkg (shapely, exact)."""
    import shapely

    from hgmap.countries import load_countries

    line = shapely.LineString([(lon0, lat0), (lon1, lat1)])
    geoms = load_countries().geometry.values
    land = sum(shapely.intersection(line, g).length for g in geoms if shapely.intersects(line, g))
    return land / line.length * float(geodesic_km(lon0, lat0, lon1, lat1))


def test_port_joins_to_the_sea_lanes_do_not_cross_land(graph):
    """Honiara's port (SBHIR) joined the lane vertex 62 km south of it by a straight line
    ~41.6 km across Guadalcanal, counted as sea km (in the Solomon Islands answer); Labasa's
    (FJLBS) 48 km join ran ~29.8 km across Vanua Levu. The one lane vertex within 300 km of
    Honiara lies south of the island: the port now reaches the lanes by a path over water
    (new lane vertices of a water grid); Labasa joins a farther vertex reached over water.
    Every step of the path from each port to the original lanes is checked here against the
    land polygons with shapely (exact intersection), independently of the build's sampling."""
    from scipy.sparse.csgraph import dijkstra

    from hgmap.ports import load_ports

    coast = load_ports().set_index("port_id")["coast_km"]
    A = graph.csr()
    for port in ("SBHIR", "FJLBS"):
        p = int(np.flatnonzero(graph.node_label == port)[0])
        approach = np.flatnonzero((graph.edge_u == p) & (graph.node_kind[graph.edge_v] == network.KIND_SEA))
        assert len(approach) == 1, port
        v = int(graph.edge_v[approach[0]])
        # the port's own distance inland (FJLBS: UN/LOCODE places it at Labasa town, 3.8 km) is land it must cross
        land = _land_along(graph.node_lon[p], graph.node_lat[p], graph.node_lon[v], graph.node_lat[v])
        assert land < coast[port] + 5.0, (port, land)
        # then along the sea edges from that vertex: the first 150 km (Honiara's grid path) over water
        dist, pred = dijkstra(A, indices=v, return_predecessors=True, limit=400.0)
        far = np.flatnonzero((graph.node_kind == network.KIND_SEA) & np.isfinite(dist) & (dist > 150))
        path = graph.path_from_predecessors(pred, v, int(far[np.argmin(dist[far])]))
        for a, b in zip(path[:-1], path[1:]):
            if graph.node_kind[a] == network.KIND_SEA and graph.node_kind[b] == network.KIND_SEA:
                assert _land_along(graph.node_lon[a], graph.node_lat[a], graph.node_lon[b], graph.node_lat[b]) < 2.0


def test_road_joins_never_cross_the_sea(graph):
    """A point at Salelologa (Savai'i, Samoa, 13.72 S 172.20 W) got "access 30 km (WSM); road
    46 km": a straight join over the Apolima Strait to a road node on Upolu (roads.npz has no
    node on Savai'i). A road join never crosses the sea: the point is road-less for the join and
    the port rules apply. No Savai'i wharf is in ports.csv (no position could be sourced), so it
    joins Samoa's port (Apia) by the road-less straight-line estimate, as Lakeba does Fiji's
    ports: an access leg, never a road join. Points at Labasa (Vanua Levu, Fiji) and Luganville
    (Espiritu Santo, Vanuatu), islands without road nodes, join their own island's port."""
    pts = {"salelologa": (-172.20, -13.72, "WSM"), "labasa": (179.35, -16.43, "FJI"),
           "luganville": (167.17, -15.51, "VUT")}
    joins = dict(zip(pts, graph.attach_points(*(list(x) for x in zip(*pts.values())))))
    for name, js in joins.items():
        assert js and all(graph.node_kind[t] == network.KIND_PORT for t, _ in js), name
    nearest = {name: graph.node_label[min(js, key=lambda j: j[1])[0]] for name, js in joins.items()}
    assert nearest == {"salelologa": "WSAPW", "labasa": "FJLBS", "luganville": "VUSAN"}
    # a point on Upolu keeps its road join, over land
    (upolu,) = graph.attach_points([-171.78], [-13.85], ["WSM"])
    assert [graph.node_kind[t] for t, _ in upolu] == [network.KIND_ROAD]
