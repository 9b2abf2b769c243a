import numpy as np
import pytest
import shapely

import hgmap
from hgmap.countries import check_country, country_codes
from hgmap.errors import HgmapError, UnknownCountryError

# The 58 SIDS of the UN-OHRLLS lists (copied from the team's research sids.csv).
SIDS = set("""CPV COM GNB MDV MUS STP SYC SGP ATG BHS BRB BLZ CUB DMA DOM GRD GUY HTI JAM KNA LCA VCT
SUR TTO FJI KIR MHL FSM NRU PLW PNG WSM SLB TLS TON TUV VUT BHR COK NIU ASM AIA ABW BMU VGB CYM MNP CUW
PYF GLP GUM MTQ MSR NCL PRI SXM TCA VIR""".split())


def test_schema_and_crs(countries):
    for col in ("iso3", "name", "sids", "sids_region", "un_member", "sovereign_iso3", "rep_lon", "rep_lat", "geometry"):
        assert col in countries.columns
    assert countries.crs.to_epsg() == 4326
    assert countries["iso3"].is_unique
    assert countries["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert "-99" not in set(countries["iso3"])


def test_all_58_sids_present_with_regions(countries):
    assert len(SIDS) == 58
    got = set(countries.loc[countries["sids"], "iso3"])
    assert got == SIDS
    regions = countries.loc[countries["sids"], "sids_region"]
    assert set(regions) == {"Caribbean", "Pacific", "AIS"}
    assert countries.loc[~countries["sids"], "sids_region"].isna().all()
    row = countries.set_index("iso3")
    assert row.at["TUV", "sids_region"] == "Pacific"
    assert row.at["JAM", "sids_region"] == "Caribbean"
    assert row.at["MDV", "sids_region"] == "AIS"


def test_guadeloupe_martinique_split_from_france(countries):
    c = countries.set_index("iso3")
    for iso in ("GLP", "MTQ"):
        assert c.at[iso, "sovereign_iso3"] == "FRA"
        assert not c.at[iso, "geometry"].intersects(c.at["FRA", "geometry"])
    assert c.at["GLP", "geometry"].contains(shapely.Point(-61.40, 16.30))  # Grande-Terre
    assert c.at["MTQ", "geometry"].contains(shapely.Point(-61.02, 14.65))
    assert not c.at["FRA", "geometry"].contains(shapely.Point(-61.02, 14.65))


def test_geometries_valid_and_cut_at_antimeridian(countries):
    assert countries.is_valid.all()
    assert not countries.geometry.is_empty.any()
    for geom in countries.geometry:
        for part in geom.geoms:
            minx, _, maxx, _ = part.bounds
            assert maxx - minx <= 180
    c = countries.set_index("iso3")
    for iso in ("FJI", "RUS"):
        xs = [p.bounds for p in c.at[iso, "geometry"].geoms]
        assert any(b[0] < -170 for b in xs) and any(b[2] > 170 for b in xs), iso
    # Fiji's land area is ~18,300 km2; a smeared ring would be millions.
    fji = hgmap.load_countries().to_crs(3832).set_index("iso3").at["FJI", "geometry"]
    assert 15_000e6 < fji.area < 25_000e6


def test_representative_points_inside_not_centroids(countries):
    for row in countries.itertuples():
        assert row.geometry.contains(shapely.Point(row.rep_lon, row.rep_lat)), row.iso3
    kir = countries.set_index("iso3").loc["KIR"]
    centroid = kir.geometry.centroid
    assert -60 < centroid.x < 0  # the planar centroid of Kiribati falls in the Atlantic
    assert not (-60 < kir.rep_lon < 0)


def test_un_members(countries):
    assert int(countries["un_member"].sum()) == 193
    c = countries.set_index("iso3")
    assert not c.at["COK", "un_member"] and not c.at["PRI", "un_member"]
    assert c.at["TUV", "un_member"]


def test_codes_and_errors():
    codes = country_codes()
    assert "TUV" in codes and list(codes) == sorted(codes)
    assert check_country(" jam ") == "JAM"
    with pytest.raises(UnknownCountryError, match="XXX"):
        check_country("XXX", field="--from")
    assert issubclass(UnknownCountryError, HgmapError) and issubclass(HgmapError, ValueError)


def test_load_returns_copies():
    a = hgmap.load_countries()
    a.loc[0, "name"] = "changed"
    assert hgmap.load_countries().loc[0, "name"] != "changed"
    assert np.isfinite(a["rep_lon"]).all()


# -- names people use (issue #14) -----------------------------------------------------


def test_full_common_names_not_abbreviations(countries):
    from hgmap.countries import country_name, country_short_name

    assert country_name("VCT") == "Saint Vincent and the Grenadines"
    assert country_name("ATG") == "Antigua and Barbuda"
    assert country_name("PYF") == "French Polynesia"
    assert country_name("FSM") == "Micronesia (Federated States of)"
    assert country_name("VGB") == "British Virgin Islands"
    assert country_short_name("VCT") == "St. Vin. and Gren."
    named = countries.set_index("iso3")
    assert named.at["SLB", "name"] == "Solomon Islands"
    assert named.at["SLB", "short_name"] == "Solomon Is."
    # No Natural Earth abbreviation survives in the full names.
    assert not countries["name"].str.contains(r"\b(?:Is|Rep|St|Fr|Gren|Barb|Herz|Ter|Dem)\.", regex=True).any()
    inverted = r", (?:British|U\.S\.|Republic of|State of|Federated|Islamic|Bolivarian|Plurinational|The |Province)"
    assert not countries["name"].str.contains(inverted, regex=True).any(), "inverted ISO names must be overridden"


def test_country_names_table_is_sourced():
    import csv

    from hgmap._io import data_path

    rows = list(csv.DictReader(open(data_path("country_names.csv"), encoding="utf-8")))
    assert {r["iso3"] for r in rows} == set(country_codes())
    for r in rows:
        assert r["source_url"] and r["confidence"] in {"high", "medium", "low"} and r["as_of"], r


def test_check_country_suggests_code_for_a_name():
    from hgmap.errors import UnknownCountryError

    for text, code in [("Fiji", "FJI"), ("haiti", "HTI"), ("St Vincent and the Grenadines", "VCT"),
                       ("Cote d'Ivoire", "CIV"), ("FJ", "FJI")]:
        with pytest.raises(UnknownCountryError, match=f"did you mean {code}"):
            check_country(text)
    with pytest.raises(UnknownCountryError) as exc:
        check_country("Qwxz")
    assert "did you mean" not in str(exc.value)


def test_french_names_and_articles():
    """French names are ISO 3166's (pycountry, else the ISO French short name in natural order)
    and carry the article French gives them (data/country_names_fr.csv)."""
    from hgmap.countries import country_articles, country_names

    fr = country_names("fr")
    assert fr["SLB"] == "Îles Salomon" and fr["RUS"] == "Fédération de Russie" and fr["HTI"] == "Haïti"
    arts = country_articles("fr")
    assert arts["COM"] == ("les", False) and arts["JPN"] == ("le", False) and arts["HTI"] == ("", True)
    assert arts["GLP"] == ("la", False) and arts["MHL"] == ("les", False) and arts["CPV"] == ("le", False)
    assert set(arts) >= set(fr) - {"XKX"} and country_articles("es") == {}
