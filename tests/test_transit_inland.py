"""Sea lanes up rivers, across lakes and through canals make the State whose land or
internal waters they cross a transit State (review 27, freight forwarder, MAJOR).

Basel Convention Art 2(12): a "State of transit" is any State, other than the State of
export or import, through which a movement is planned or takes place; Art 4(12) keeps only
the navigation rights of international law at sea (territorial sea), not in a State's
internal waters or on its land (UNCLOS Art 8(1): internal waters lie landward of the
baseline). https://www.basel.int/TheConvention/Overview/TextoftheConvention/tabid/1275/Default.aspx
The USA is not a Party to the Basel Convention (Basel Art 7 applies to a transit of a
non-Party): https://www.basel.int/Countries/StatusofRatifications/PartiesSignatories/tabid/4499/Default.aspx
Land polygons: data/countries.gpkg (Natural Earth 1:10m admin-0, lakes and rivers inside).
"""

from __future__ import annotations

import numpy as np
import shapely

AS_OF = "2026-06-01"


def _row(access_model, stream, **kw):
    res = access_model.solve(stream, origins=["JAM"], as_of=AS_OF, k=1, **kw)
    return res.iloc[0]


def _inside(geom, countries, iso3) -> int:
    poly = countries.set_index("iso3").geometry[iso3]
    xy = np.concatenate([np.asarray(p.coords) for p in geom.geoms])
    return int(shapely.contains_xy(poly, xy[:, 0], xy[:, 1]).sum())


def test_lake_ontario_lane_makes_the_usa_a_transit_state(access_model, countries):
    """Jamaica -> Pickering (CAN, lamps) sails up the St Lawrence and across Lake Ontario:
    the lane's vertices inside the USA's polygon make the USA a transit State, in
    ``transit_iso3`` (not a territorial-sea passage), so the law checks its transit rules."""
    row = _row(access_model, "lamps")
    assert row["facility_id"] == "HG-CAN-001"
    assert _inside(row["geometry"], countries, "USA") > 0  # the drawn lane is in the USA
    assert "USA" in row["transit_iso3"]
    assert "USA" not in row["sea_transit_iso3"]
    assert any("United States" in u for u in row["legal_unknowns"])  # the law read the USA's transit


def test_max_transit_zero_refuses_the_lake_route(access_model):
    """With no transit State allowed, the lane through the USA's waters is not "no transit"."""
    row = _row(access_model, "lamps", max_transit=0)
    assert row["transit_iso3"] == []
    assert row["facility_id"] != "HG-CAN-001" or row["status"] != "reachable"


def test_sea_only_route_to_dorsten_stays_off_third_state_land(access_model, countries):
    """Jamaica -> Dorsten (DEU, elemental mercury, --sea-only) ended at Duisburg/Cologne by a
    lane across the Netherlands (and Belgium) with no transit State: the sea-only search now
    cuts lanes over third States' land, and the route drawn has no point in either."""
    row = _row(access_model, "elemental_mercury", sea_only=True)
    assert row["status"] == "reachable"
    assert row["transit_iso3"] == []
    for iso3 in ("NLD", "BEL"):
        assert _inside(row["geometry"], countries, iso3) == 0, iso3


def test_avoid_cuts_lanes_over_the_avoided_state(access_model, countries):
    """Avoiding the USA also cuts the lanes across its lake waters."""
    row = _row(access_model, "lamps", avoid=["USA"])
    if row["status"] == "reachable":
        assert "USA" not in row["transit_iso3"]
        assert _inside(row["geometry"], countries, "USA") == 0


def test_lane_passages_and_breakdown(graph):
    """A path along a lane edge whose vertex lies inside a State's polygon lists that State
    in ``transit`` and ``inland_transit`` of the breakdown, never in ``sea_transit``; the
    lanes over land are found once per network."""
    eid, iso3, km, vertex = graph.lanes_over_land()
    assert graph.lanes_over_land()[0] is eid  # computed once
    usa = np.flatnonzero((iso3 == "USA") & vertex & (graph.node_kind[graph.edge_u[eid]] == 0)
                         & (graph.node_kind[graph.edge_v[eid]] == 0))
    assert len(usa)
    e = int(eid[usa[0]])
    path = [int(graph.edge_u[e]), int(graph.edge_v[e])]
    b = graph.breakdown(path)
    assert b["transit"] == ["USA"] and b["inland_transit"] == ["USA"] and b["sea_transit"] == []
    assert graph.countries_on(path) == ["USA"]
    # Open-sea lanes are over no land.
    far = np.flatnonzero((graph.edge_mode == 0) & ~np.isin(np.arange(graph.n_edges), eid))[0]
    assert graph.breakdown([int(graph.edge_u[far]), int(graph.edge_v[far])])["transit"] == []


def test_lane_drawn_across_an_island_is_an_unknown_not_a_transit(graph):
    """A straight lane between two open-sea vertices drawn across Cape Verde's islands (the
    ship passes them by sea) does not make Cape Verde a transit State: it is named as not
    established (``lane_unknown``) instead."""
    eid, iso3, km, vertex = graph.lanes_over_land()
    u, v = graph.edge_u[eid], graph.edge_v[eid]
    sel = np.flatnonzero((iso3 == "CPV") & ~vertex & (km >= 5) & (graph.node_kind[u] == 0)
                         & (graph.node_kind[v] == 0))
    assert len(sel)
    e = int(eid[sel[0]])
    b = graph.breakdown([int(graph.edge_u[e]), int(graph.edge_v[e])])
    assert b["transit"] == [] and b["inland_transit"] == []
    assert [c for c, _ in b["lane_unknown"]] == ["CPV"]


def test_rows_say_which_internal_waters_they_pass_and_which_lanes_are_drawings(access_model):
    """The row names, in its route notes, the State whose lake or river it passes (a transit
    State the law reads) and, apart, a lane drawn across a State's island or cape, whose track
    is not established: a drawing at the coastline's resolution, not a legal unknown, so it
    neither enters ``legal_unknowns`` nor lowers the confidence."""
    row = _row(access_model, "lamps")
    assert any("internal waters" in n and "USA" in n for n in row["route_notes"])
    res = access_model.solve("lamps", as_of=AS_OF, k=1)
    drawn = res[res["route_notes"].map(lambda ns: any("drawn sea lane crosses" in n for n in ns))]
    assert len(drawn)  # Cabo Verde, the Maldives ... (review 27)
    for _, r in drawn.iterrows():
        assert not any("drawn sea lane" in u for u in r["legal_unknowns"])


def test_a_canal_passage_is_an_unknown_not_a_transit_ban(access_model):
    """The Panama Canal lies in Panama's territory, but whether Panama's transit rules (or the
    Central American Agreement's, Art 3) reach a ship's passage of the canal is not established
    (Panama Canal Neutrality Treaty 1977, Art II: open to vessels of all nations); Egypt's Law
    202/2020 Art 62 licenses ships through the Suez Canal Authority rather than banning them. A
    canal is therefore not counted as entering its State: the row names the passage as a legal
    unknown (low confidence) instead of reading a transit ban into it (Chile -> USA, lamps)."""
    row = access_model.solve("lamps", origins=["CHL"], as_of=AS_OF, k=1).iloc[0]
    assert row["facility_iso3"] == "USA"
    assert "PAN" not in row["transit_iso3"]
    canal = [u for u in row["legal_unknowns"] if "Panama Canal in Panama (PAN)" in u]
    assert canal and canal[0].code == "canal_passage"  # worded again in the dossier's language
    assert row["legal_confidence"] == "low"
