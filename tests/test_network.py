import numpy as np
import pytest

from hgmap import network
from hgmap.network import (ACCESS, LAND, SEA, TransportGraph, build_graph, geodesic_km, port_table,
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
    assert g.edge_mode_between(0, 1) == LAND
    nxg = g.to_networkx()
    assert nxg[0][1]["weight"] == pytest.approx(3.0) and nxg[0][1]["mode"] == "land"
    assert nxg[1][0]["weight"] == pytest.approx(3.0)


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
    g._csr = None
    d = dijkstra(g.csr(), directed=True, indices=[2, 0])
    assert d[0, 1] == pytest.approx(1.0)  # the facility reaches both ports
    assert d[1, 1] == pytest.approx(100.0)  # but port 0 cannot reach port 1 through it
    G = g.to_networkx()
    assert G.has_edge(0, 2) and not G.has_edge(2, 0)


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
    assert s["land_edges"] > 300 and s["port_nodes"] > 3000
    assert np.all(graph.edge_km >= 0) and np.all(np.isfinite(graph.edge_km))
    # No sea vertex carries a country unless territorial seas count as transit.
    assert set(graph.node_country[graph.node_kind == 0]) == {""}
    # Longitudes are wrapped into [-180, 180].
    assert graph.node_lon.min() >= -180 and graph.node_lon.max() < 180


def test_ports_snap_and_palau(graph, countries):
    ports = port_table(graph)
    sids = set(countries.loc[countries["sids"], "iso3"])
    assert sids <= set(ports["iso3"])
    plw = ports[ports["iso3"] == "PLW"].iloc[0]
    assert 150 < plw["snap_km"] < network.DEFAULT_MAX_SNAP_KM  # Palau is far from the lanes
    assert ports["snap_km"].max() <= network.DEFAULT_MAX_SNAP_KM or ports["port_id"].str.startswith("virtual").any()


def test_land_links_between_neighbours(graph):
    o = graph.origin_node
    A = graph.csr()
    assert A[o["FRA"], o["DEU"]] > 0 and graph.edge_mode_between(o["FRA"], o["DEU"]) == LAND
    assert A[o["SXM"], o["MAF"]] > 0  # Sint Maarten and Saint-Martin share an island
    assert A[o["GBR"], o["FRA"]] == 0  # the Channel is sea
    land = np.flatnonzero(graph.edge_mode == LAND)
    assert all(len(graph.edge_countries(i)) == 2 for i in land)
    sea = np.flatnonzero((graph.edge_mode == SEA) & (graph.node_kind[graph.edge_u] == 0) & (graph.node_kind[graph.edge_v] == 0))
    assert graph.edge_countries(int(sea[0])) == ()
    mode = graph.edge_mode_between(o["JAM"], next(i for i in np.flatnonzero(graph.node_country == "JAM")
                                                   if graph.node_kind[i] == 1))
    assert mode == ACCESS


def test_cache_written_and_invalidated_by_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("HGMAP_CACHE_DIR", str(tmp_path))
    network._MEMO.clear()
    g1 = build_graph()
    files = list(tmp_path.glob("graph-*.npz"))
    assert len(files) == 1
    network._MEMO.clear()
    g2 = build_graph()  # from the cache file
    assert np.array_equal(g1.edge_km, g2.edge_km) and g1.origin_node == g2.origin_node
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
