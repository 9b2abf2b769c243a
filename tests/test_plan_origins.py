"""Inventories keyed by origin id (hgmap.plan with an origins file): sites plan from their own point."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pyproj import Geod

import hgmap
from hgmap import law
from hgmap.errors import HgmapError, ValidationError
from hgmap.plan import load_inventory

AS_OF = "2025-06-01"
_GEOD = Geod(ellps="WGS84")

SITES = (
    "id,country,lat,lon,name\n"
    "fj-labasa,FJI,-16.43,179.39,Labasa Hospital\n"
    "fj-lautoka,FJI,-17.61,177.45,Lautoka Hospital\n"
    "jm-mobay,JAM,18.47,-77.92,</script><b>Montego Bay depot\n"
    "ht-cap,HTI,19.76,-72.20,Cap-Haitien depot\n"
)
INVENTORY = (
    "country_iso3,origin_id,stream,tonnes_per_year,source,year,notes\n"
    "FJI,,lamps,12,test fixture,2020,\n"
    ",fj-labasa,lamps,1.5,test fixture,2020,\n"
    "FJI,fj-lautoka,lamps,2,test fixture,2020,\n"
    ",jm-mobay,lamps,4,test fixture,2020,\n"
    ",ht-cap,contaminated_soil,10,test fixture,2020,\n"
    ",ht-cap,elemental_mercury,0.2,test fixture,2020,\n"
    ",fj-labasa,batteries,,test fixture,2020,no figure for the hospital's batteries\n"
    "TUV,,lamps,0.3,test fixture,2021,\n"
)


@pytest.fixture(scope="session")
def model():
    from hgmap.access import shared_model

    return shared_model(None, None)


@pytest.fixture(scope="session")
def files(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("plan_origins")
    (d / "sites.csv").write_text(SITES)
    (d / "inventory.csv").write_text(INVENTORY)
    return d / "inventory.csv", d / "sites.csv"


@pytest.fixture(scope="session")
def result(model, files):
    inv, sites = files
    return hgmap.plan(inv, origins=sites, as_of=AS_OF, model=model)


def _site_flows(res, oid):
    return res.flows[res.flows["origin_id"] == oid]


def test_inventory_rows_by_site_and_by_country(files):
    inv_path, sites = files
    inv = load_inventory(inv_path, origins=sites)
    site = inv.rows[inv.rows["origin_id"] == "fj-labasa"].iloc[0]
    assert site["country_iso3"] == "FJI"  # the site's country, filled in
    assert site["origin_name"] == "Labasa Hospital" and site["line"] == "3"
    by_country = inv.rows[inv.rows["origin_id"] == ""]
    assert sorted(by_country["country_iso3"]) == ["FJI", "TUV"]
    assert by_country["origin_name"].tolist() == ["Fiji", "Tuvalu"]
    # The country row and the two Fiji sites stay three rows (not summed together).
    fji = inv.rows[(inv.rows["country_iso3"] == "FJI") & (inv.rows["stream"] == "lamps")]
    assert sorted(fji["origin_id"]) == ["", "fj-labasa", "fj-lautoka"]
    assert fji["tonnes_per_year"].sum() == pytest.approx(15.5)
    assert inv.unquantified[["origin_id", "stream"]].values.tolist() == [["fj-labasa", "batteries"]]
    assert set(inv.sites["id"]) == {"fj-labasa", "fj-lautoka", "jm-mobay", "ht-cap"}


def test_a_site_plans_from_its_own_route(model, result, files):
    _, sites = files
    from hgmap.origins import load_origin_points_file

    points = load_origin_points_file(sites)
    labasa = _site_flows(result, "fj-labasa")
    assert len(labasa) == 1
    f = labasa.iloc[0]
    assert f["origin_iso3"] == "FJI" and f["origin_name"] == "Labasa Hospital"
    assert (f["origin_lon"], f["origin_lat"]) == (179.39, -16.43)
    # The same route AccessModel gives the site (its own road and access legs) ...
    own = model.solve("lamps", as_of=AS_OF, points=points[points["id"] == "fj-labasa"], k=1)
    assert own["status"].iloc[0] == "reachable"
    assert f["facility_id"] == own["facility_id"].iloc[0]
    assert f["distance_km"] == pytest.approx(own["distance_km"].iloc[0])
    assert f["access_km"] == pytest.approx(own["access_km"].iloc[0])
    # ... which is not the country's default route, and starts at the site.
    country = result.flows[(result.flows["origin_iso3"] == "FJI") & (result.flows["origin_id"] == "")
                           & (result.flows["stream"] == "lamps")].iloc[0]
    assert f["distance_km"] != pytest.approx(country["distance_km"])
    coords = np.array([c for line in f.geometry.geoms for c in line.coords])
    km = _GEOD.inv(np.full(len(coords), 179.39), np.full(len(coords), -16.43), coords[:, 0], coords[:, 1])[2] / 1000
    assert km.min() < 30


def test_tonnes_conserved_per_site_and_stream(result):
    placed = result.flows.groupby(["origin_iso3", "origin_id", "stream"])["tonnes"].sum()
    unmet = result.unmet.groupby(["origin_iso3", "origin_id", "stream"])["tonnes"].sum()
    tot = result.country_totals
    assert len(tot) == 7  # one row per inventory row with a figure
    for r in tot.itertuples():
        key = (r.origin_iso3, r.origin_id, r.stream)
        assert placed.get(key, 0.0) + unmet.get(key, 0.0) == pytest.approx(r.inventory_t)
        assert r.placed_t + r.unmet_t == pytest.approx(r.inventory_t)
    named = tot[tot["origin_id"] != ""]
    assert set(named["origin_name"]) >= {"Labasa Hospital", "Lautoka Hospital", "Cap-Haitien depot"}
    assert named["origin_lon"].notna().all()


def test_no_flow_from_a_site_on_a_prohibited_pair(result):
    sites = result.flows[result.flows["origin_id"] != ""]
    assert len(sites) >= 3
    for f in sites.itertuples():
        dec = law.assess(f.origin_iso3, f.facility_iso3, f.stream, f.operation, as_of=AS_OF,
                         via=tuple(f.transit_iso3))
        assert dec.status != "prohibited", (f.origin_id, f.facility_id)


def test_a_site_with_no_route_is_unmet_naming_the_site(result):
    row = result.unmet[(result.unmet["origin_id"] == "ht-cap") & (result.unmet["stream"] == "contaminated_soil")]
    assert len(row) == 1
    r = row.iloc[0]
    assert r["reason"] == "no_legal_route" and r["tonnes"] == pytest.approx(10)
    assert r["origin_name"] == "Cap-Haitien depot" and r["inventory_line"] == "6"
    assert "site 'ht-cap'" in r["detail"] and "inventory line 6, origin_id" in r["detail"]
    assert "unmet HTI site ht-cap (Cap-Haitien depot) Contaminated soil: 10.00 t" in result.summary()
    # The other stream of the same site is placed.
    assert len(_site_flows(result, "ht-cap")) == 1


def test_outputs_and_map_name_the_site(result, tmp_path):
    from hgmap.plan.render import write_plan

    files = write_plan(result, tmp_path)
    flows = pd.read_csv(files["flows"], dtype=str, keep_default_na=False)
    assert "Labasa Hospital" in set(flows["origin_name"]) and "fj-labasa" in set(flows["origin_id"])
    totals = pd.read_csv(files["country_totals"], dtype=str, keep_default_na=False)
    assert "fj-lautoka" in set(totals["origin_id"])
    unmet = pd.read_csv(files["unmet"], dtype=str, keep_default_na=False)
    assert unmet["origin_id"].tolist() == ["ht-cap"]
    html = files["map"].read_text()
    assert "<h1>Mercury waste plan: flows to facilities</h1>" in html
    assert "Labasa Hospital (site fj-labasa, FJI)" in html
    # A site name from the user's file is text, never markup.
    assert "</script><b>Montego" not in html
    assert "Montego Bay depot" in html


def test_errors_name_line_and_field(files, tmp_path):
    inv_path, sites = files
    with pytest.raises(ValidationError) as err:
        load_inventory(inv_path)  # ids but no origins file
    msg = str(err.value)
    assert "line 3: origin_id: 'fj-labasa' given but no origins file" in msg
    assert "line 2" not in msg  # the row by country is fine
    bad = tmp_path / "bad.csv"
    bad.write_text("country_iso3,origin_id,stream,tonnes_per_year,source,year\n"
                   ",fj-nowhere,lamps,1,x,2020\n"
                   ",fj-labasa,lamps,1,x,2020\n"
                   ",fj-labasa,lamps,2,x,2020\n"
                   "TON,fj-lautoka,lamps,1,x,2020\n"
                   ",,lamps,1,x,2020\n")
    with pytest.raises(ValidationError) as err:
        load_inventory(bad, origins=sites)
    msg = str(err.value)
    assert f"line 2: origin_id: 'fj-nowhere' is not an id in origins file {sites}" in msg
    assert "line 4: origin_id: 'fj-labasa' with stream 'lamps' is already given on line 3" in msg
    assert "line 5: country_iso3: TON but origin_id 'fj-lautoka' is a site in FJI" in msg
    assert "line 6: country_iso3: empty" in msg
    assert "line 3:" not in msg
    # A duplicate id in the origins file is named by the origins reader.
    dup = tmp_path / "dup_sites.csv"
    dup.write_text("id,country,lat,lon\na,FJI,-18.1,178.4\na,FJI,-17.6,177.4\n")
    with pytest.raises(ValidationError, match="line 3, field id: 'a' given twice"):
        load_inventory(bad, origins=dup)
    with pytest.raises(ValidationError, match="id 'a' given twice"):
        load_inventory(bad, origins=pd.DataFrame({"id": ["a", "a"], "country_iso3": ["FJI"] * 2,
                                                  "name": ["x", "y"], "lon": [178.4, 177.4], "lat": [-18.1, -17.6]}))


def test_only_origin_id_column_and_cli(files, tmp_path, capsys):
    from hgmap.cli import main

    _, sites = files
    inv = tmp_path / "sites_only.csv"
    inv.write_text("origin_id,stream,tonnes_per_year,source,year\nfj-labasa,lamps,1,x,2020\n")
    out = tmp_path / "out"
    assert main(["plan", "--inventory", str(inv), "--origins-file", str(sites), "--as-of", AS_OF,
                 "--no-map", "--out", str(out)]) == 0
    flows = pd.read_csv(out / "flows.csv", dtype=str, keep_default_na=False)
    assert flows["origin_id"].tolist() == ["fj-labasa"]
    capsys.readouterr()
    assert main(["plan", "--inventory", str(inv), "--as-of", AS_OF, "--out", str(tmp_path / "o2")]) == 2
    assert "line 2: origin_id: 'fj-labasa' given but no origins file" in capsys.readouterr().err


def test_origins_with_an_inventory_object_is_refused(model, files):
    inv_path, sites = files
    inv = load_inventory(inv_path, origins=sites)
    with pytest.raises(HgmapError, match="origins: load the inventory"):
        hgmap.plan(inv, origins=sites, model=model, as_of=AS_OF)


def test_hubs_count_sites_towards_their_country(model, files, tmp_path):
    _, sites = files
    inv = tmp_path / "hub_inv.csv"
    inv.write_text("country_iso3,origin_id,stream,tonnes_per_year,source,year\n"
                   "FJI,,lamps,3,x,2020\n,fj-labasa,lamps,1,x,2020\nTON,,lamps,1,x,2020\n")
    res = hgmap.hubs(["FJI", "TON"], 1, inventory=inv, origins=sites, model=model, as_of=AS_OF)
    q = res.assignments.set_index("iso3")["tonnes"]
    assert q["FJI"] == pytest.approx(4) and q["TON"] == pytest.approx(1)
    assert "fj-labasa (FJI, line 3)" in res.attrs["tonnage"]
    with pytest.raises(ValidationError, match="no origins file"):
        hgmap.hubs(["FJI", "TON"], 1, inventory=inv, model=model, as_of=AS_OF)


def test_k_nearest_keeps_sites(model, files, result):
    inv, sites = files
    fast = hgmap.plan(inv, origins=sites, as_of=AS_OF, model=model, k=1)
    assert fast.placed_tonnes == pytest.approx(result.placed_tonnes)
    assert set(fast.flows["origin_id"]) == set(result.flows["origin_id"])


def test_by_country_sums_a_countrys_sites(result, tmp_path):
    from hgmap.plan.render import write_plan

    summary = result.by_country().set_index(["origin_iso3", "stream"])
    fji = summary.loc[("FJI", "lamps")]
    assert fji["inventory_t"] == pytest.approx(15.5) and fji["n_rows"] == 3
    assert fji["placed_t"] + fji["unmet_t"] == pytest.approx(15.5)
    assert sorted(fji["sites"].split(";")) == ["fj-labasa", "fj-lautoka"]
    per_row = result.country_totals
    assert fji["cost_usd_low"] == pytest.approx(per_row.loc[(per_row["origin_iso3"] == "FJI")
                                                            & (per_row["stream"] == "lamps"), "cost_usd_low"].sum())
    assert summary.loc[("TUV", "lamps"), "sites"] == ""
    assert np.isnan(summary.loc[("HTI", "contaminated_soil"), "cost_usd_low"])
    files = write_plan(result, tmp_path, map_=False)
    assert len(pd.read_csv(files["country_summary"])) == len(summary)


def test_unknown_inventory_column_is_reported_not_silent(model, tmp_path):
    inv = tmp_path / "inv.csv"
    inv.write_text("country_iso3,stream,tonnes_per_year,unit,source,year\nTON,lamps,2,kg,x,2020\n")
    loaded = load_inventory(inv)
    assert loaded.warnings == ("header: unknown column 'unit' is ignored (columns: country_iso3, stream, "
                               "tonnes_per_year, source, year, origin_id, notes)",)
    res = hgmap.plan(inv, model=model, as_of=AS_OF)
    assert "inventory: header: unknown column 'unit' is ignored" in res.summary()


def test_an_inventory_object_without_its_sites_is_refused(model, files):
    from hgmap.plan import Inventory

    inv_path, sites = files
    inv = load_inventory(inv_path, origins=sites)
    orphan = Inventory(inv.rows, inv.unquantified, inv.path, None)
    with pytest.raises(ValidationError, match="no origin point") as err:
        hgmap.plan(orphan, model=model, as_of=AS_OF)
    assert "line 3: origin_id: 'fj-labasa'" in str(err.value)
