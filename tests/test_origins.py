import pytest

from hgmap.errors import HgmapError, UnknownCountryError, ValidationError
from hgmap.origins import default_origins, load_origin_points_file, select_origins


def test_select_origins():
    assert len(select_origins("all")) == 244 and len(select_origins("sids")) == 58
    assert select_origins("FJI, tuv,FJI") == ["FJI", "TUV"]
    assert select_origins("none") == []
    with pytest.raises(UnknownCountryError, match="XYZ"):
        select_origins("FJI,XYZ")
    with pytest.raises(HgmapError):
        select_origins(",")


def test_default_origins_are_sourced_capitals_or_ports():
    o = default_origins().set_index("iso3")
    assert len(o) == 244
    assert o.at["FJI", "name"] == "Suva" and o.at["FJI", "basis"] == "capital"
    assert o.at["PLW", "basis"] == "main_port_city" and o.at["PLW", "name"] == "Koror"
    assert o.at["TZA", "name"] == "Dar es Salaam"
    sourced = o[o["basis"] != "representative_point"]
    assert sourced["source"].str.startswith("https://www.geonames.org/").all()
    assert set(o["confidence"]) <= {"high", "medium", "low"}


def test_default_origin_override():
    o = default_origins({"FJI": (177.42, -17.80, "Lautoka")}).set_index("iso3")
    assert o.at["FJI", "name"] == "Lautoka" and o.at["FJI", "basis"] == "user"
    with pytest.raises(HgmapError, match="out of range"):
        default_origins({"FJI": (200, 0)})


def test_origin_points_geojson(tmp_path):
    f = tmp_path / "p.geojson"
    f.write_text('{"type":"FeatureCollection","features":['
                 '{"type":"Feature","properties":{"id":"a","country":"JAM","name":"Kingston clinic"},'
                 '"geometry":{"type":"Point","coordinates":[-76.79,17.99]}},'
                 '{"type":"Feature","properties":{"id":"b","country":"JAM"},'
                 '"geometry":{"type":"Point","coordinates":[2.35,48.85]}}]}')
    with pytest.raises(ValidationError) as err:
        load_origin_points_file(f)
    assert "feature 2, field lat/lon" in str(err.value)
    f.write_text(f.read_text().replace("[2.35,48.85]", "[-77.92,18.47]"))
    pts = load_origin_points_file(f)
    assert list(pts["id"]) == ["a", "b"] and pts.loc[0, "name"] == "Kingston clinic" and pts.loc[1, "name"] == "b"


def test_origin_points_header_checked(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("id,lat,lon\na,1,2\n")
    with pytest.raises(ValidationError, match="country"):
        load_origin_points_file(f)
