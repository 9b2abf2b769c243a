import hgmap


def test_every_sids_has_a_port(countries):
    ports = hgmap.load_ports()
    sids = set(countries.loc[countries["sids"], "iso3"])
    assert sids <= set(ports["iso3"])


def test_schema():
    ports = hgmap.load_ports()
    for col in ("port_id", "name", "iso3", "geometry", "origin", "source_url"):
        assert col in ports.columns
    assert ports.crs.to_epsg() == 4326
    assert ports["port_id"].is_unique
    assert set(ports["origin"]) == {"searoute-1.6.0", "hand-entered"}
    assert ports["source_url"].str.len().gt(0).all()


def test_hand_entered_ports_cited():
    ports = hgmap.load_ports().set_index("port_id")
    hand = ports[ports["origin"] == "hand-entered"]
    # PLW, TLS, MNP, AIA: countries searoute lacks; FSM (Pohnpei, Chuuk) and TON (Nuku'alofa):
    # principal ports of entry searoute lacks (data/build_ports.py SUPPLEMENT_PORTS, review 22).
    assert set(hand["iso3"]) == {"PLW", "TLS", "MNP", "AIA", "FSM", "TON", "KIR"}
    assert hand["source_url"].str.startswith("http").all()
    # Sint Maarten under its current code, not the Netherlands Antilles' AN prefix.
    assert ports.at["SXPHI", "iso3"] == "SXM"
    assert not ports.index.str.startswith(("AN", "CS")).any() or set(
        ports[ports.index.str.startswith(("AN", "CS"))]["iso3"]) <= {"CUW", "NLD", "MNE", "ABW"}


def test_ports_lie_in_their_country(countries):
    import shapely

    ports = hgmap.load_ports()
    geoms = countries.set_index("iso3").geometry
    hand = ports[ports["origin"] == "hand-entered"]
    for r in hand.itertuples():
        assert geoms[r.iso3].distance(shapely.Point(r.lon, r.lat)) < 0.05, r.port_id


def test_real_ports_snap_to_the_lanes(graph):
    # What test_network's "max <= 300 or any virtual port" meant to check, on real ports only.
    from hgmap.network import DEFAULT_MAX_SNAP_KM, port_table

    table = port_table(graph)
    virtual = table["port_id"].str.startswith("virtual:")
    real = table[~virtual].set_index("port_id")
    assert len(real) > 1000
    assert real["snap_km"].between(0, DEFAULT_MAX_SNAP_KM).all()
    # Ports in the graph are the shipped ports, at their shipped positions.
    shipped = hgmap.load_ports().set_index("port_id")
    assert set(real.index) <= set(shipped.index)
    assert (real["lon"] - shipped.loc[real.index, "lon"]).abs().max() < 1e-9
    assert (real["lat"] - shipped.loc[real.index, "lat"]).abs().max() < 1e-9
    # Palau's port is far from the lanes but within reach; Suva and Kingston are on them.
    assert 150 < real.loc[real["iso3"] == "PLW", "snap_km"].min() < DEFAULT_MAX_SNAP_KM
    for iso3 in ("FJI", "JAM", "HTI", "TUV"):
        assert real.loc[real["iso3"] == iso3, "snap_km"].min() < 150, iso3


def test_virtual_ports_only_where_no_real_port(graph):
    from hgmap.network import port_table

    table = port_table(graph)
    virtual = table[table["port_id"].str.startswith("virtual:")]
    real_countries = set(table.loc[~table["port_id"].str.startswith("virtual:"), "iso3"])
    assert not set(virtual["iso3"]) & real_countries
    assert (virtual["port_id"] == "virtual:" + virtual["iso3"]).all()


def test_kiritimati_has_its_port_of_entry(graph):
    """Kiritimati points were unreachable (no port within 300 km: Teraina is ~400 km away).
    Navy Harbour at London is Kiribati's second port of entry (WFP Logistics Capacity
    Assessment 2.1 Kiribati Port Assessment, https://dlca.logcluster.org/21-kiribati-port-assessment;
    position: London village, 1 59 N 157 28.5 W, https://wikimili.com/en/London,_Kiribati).
    Kosrae (FMKSA) stays out: no sourced position (data/build_ports.py)."""
    ports = hgmap.load_ports().set_index("port_id")
    assert ports.at["KICXI", "iso3"] == "KIR" and "logcluster" in ports.at["KICXI", "source_url"]
    assert "FMKSA" not in ports.index
    # A clinic at Tabwakea (Kiritimati) now joins a port of its own country.
    (joins,) = graph.attach_points([-157.45], [1.96], ["KIR"])
    assert joins and all(graph.node_country[n] == "KIR" for n, _ in joins)
    assert min(km for _, km in joins) < 20
