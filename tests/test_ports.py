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
    assert set(hand["iso3"]) == {"PLW", "TLS", "MNP", "AIA"}
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
