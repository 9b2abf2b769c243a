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


# -- review 22 (a new user's origins files): unreadable files and hints -------------------

@pytest.mark.parametrize(("name", "content", "fragment"), [
    ("pts.txt", "id,country,lat,lon\na,JAM,18.0,-76.8\n", "unsupported format '.txt'"),
    ("pts.xlsx", "PK\x03\x04 not really a workbook", "unsupported format '.xlsx'"),
    ("pts.geojson", "this is not json", "cannot read as geojson"),
    ("pts.csv", "", "the file is empty"),
    ("pts.csv", "\n\n", "no header line"),
])
def test_unreadable_origins_file_is_bad_input(tmp_path, name, content, fragment):
    """``.txt``/``.xlsx`` used to reach pyogrio and fail as an internal error
    (DataSourceError, exit 3); an empty CSV gave pandas' 'No columns to parse from file'."""
    from hgmap.errors import DataError

    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=fragment) as e:
        load_origin_points_file(f)
    assert name in str(e.value)


def _problems(tmp_path, text: str) -> list[str]:
    f = tmp_path / "p.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        load_origin_points_file(f)
    return e.value.problems


def test_origin_point_errors_carry_hints(tmp_path):
    """Swapped lat/lon, a country name for its code and a decimal comma, each named by
    line and field, with the fix (line order kept)."""
    probs = _problems(tmp_path, "id,country,lat,lon\n"
                                "kingston,JAM,-76.8,18.0\n"      # swapped: both in range
                                "suva,FJI,178.42,-18.14\n"       # swapped: lat out of range
                                "lautoka,Fiji,-17.6,177.4\n"     # a name, not the code
                                'nadi,FJI,"-17,8",177.4\n')      # decimal comma
    assert [p.split(",")[0] for p in probs] == ["line 2", "line 3", "line 4", "line 5"]
    assert "field lat/lon" in probs[0] and "lat and lon swapped?" in probs[0]
    assert "field lat" in probs[1] and "lat and lon swapped?" in probs[1]
    assert "field country: unknown ISO3 code 'Fiji'; did you mean FJI (Fiji)?" in probs[2]
    assert "field lat" in probs[3] and "decimal comma" in probs[3]


def test_semicolon_csv_names_the_delimiter(tmp_path):
    probs = _problems(tmp_path, "id;country;lat;lon\na;JAM;18.0;-76.8\n")
    assert len(probs) == 1 and probs[0].startswith("line 1 (header)") and "semicolons" in probs[0]


# -- review 24 (origins files): the decimal-comma hint, geometries, header aliases -------

def test_decimal_comma_hint_quotes_the_value(tmp_path):
    """The hint was a fixed text ('use a point: 18.1') whatever the value: '-18,14' must
    be answered with '-18.14' (sign and digits kept)."""
    probs = _problems(tmp_path, 'id,country,lat,lon\nsuva,FJI,"-18,14","178,42"\nx,FJI,"1,2,3",178.4\n')
    assert "field lat: '-18,14' is not a number (decimal comma? use a point: -18.14)" in probs[0]
    assert "field lon: '178,42' is not a number (decimal comma? use a point: 178.42)" in probs[1]
    assert "18.1)" not in " ".join(probs)
    assert "'1,2,3' is not a number (decimal comma? use a point, one per number)" in probs[2]


def _feature(pid: str, geometry: str) -> str:
    return f'{{"type":"Feature","properties":{{"id":"{pid}","country":"FJI"}},"geometry":{geometry}}}'


def test_geojson_features_that_are_not_points_are_named(tmp_path):
    """A null or polygon geometry used to read as "field lat: '' is not a number"."""
    f = tmp_path / "p.geojson"
    square = '{"type":"Polygon","coordinates":[[[178.4,-18.1],[178.5,-18.1],[178.5,-18.2],[178.4,-18.1]]]}'
    f.write_text('{"type":"FeatureCollection","features":['
                 + ",".join([_feature("suva", '{"type":"Point","coordinates":[178.44,-18.14]}'),
                             _feature("blank", "null"), _feature("area", square)]) + "]}")
    with pytest.raises(ValidationError) as e:
        load_origin_points_file(f)
    probs = e.value.problems
    assert probs == ["feature 2: no geometry (null); each feature must be a Point",
                     "feature 3: geometry is not a Point (Polygon)"]


@pytest.mark.parametrize("header", ["id,country,latitude,longitude", "ID,Country,Latitude,Lng",
                                    "id,country,lat,long"])
def test_common_lat_lon_header_aliases_are_read(tmp_path, header):
    f = tmp_path / "p.csv"
    f.write_text(f"{header}\nsuva,FJI,-18.14,178.44\n", encoding="utf-8")
    pts = load_origin_points_file(f)
    assert (pts.loc[0, "lat"], pts.loc[0, "lon"]) == (-18.14, 178.44)


def test_header_look_alikes_get_a_rename_hint(tmp_path):
    """x/y may be projected metres (not taken, but named); two aliases of one field are
    ambiguous; iso3 for country is named."""
    probs = _problems(tmp_path, "id,iso3,x,y\na,FJI,178.4,-18.1\n")
    assert probs[0].startswith("line 1 (header): missing country, lat, lon")
    assert "rename y to lat and x to lon" in probs[0] and "rename iso3 to country" in probs[0]
    probs = _problems(tmp_path, "id,country,lat,long,lng\na,FJI,-18.1,178.4,178.4\n")
    assert "missing lon" in probs[0] and "long and lng both read as lon: keep one" in probs[0]
