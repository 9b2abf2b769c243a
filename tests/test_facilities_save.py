"""hgmap.save_facilities: a catalogue frame round-trips through CSV, GeoJSON and GeoPackage."""

import geopandas as gpd
import pandas as pd
import pytest
import shapely

import hgmap
from hgmap.errors import DataError
from hgmap.facilities import COLUMNS, validate_facilities

COMPARE = ["id", "name", "country_iso3", "streams", "technologies", "operations", "accepts_imports", "accepts_from",
           "source_url", "acceptance_source", "status", "confidence", "as_of", "notes"]


@pytest.fixture(scope="module")
def shipped():
    return hgmap.load_facilities()


def _new_row(frame):
    row = frame[frame["id"] == "HG-CHE-001"].iloc[0].copy()
    row["id"] = "NEW-TTO-1"
    row["name"] = "New plant, added in pandas"
    row["country_iso3"] = "TTO"
    row["lat"], row["lon"] = 10.40, -61.47
    row["geometry"] = shapely.Point(-61.47, 10.40)
    row["streams"] = ["lamps"]
    row["technologies"] = ["lamp_recycling"]
    row["operations"] = {"lamps": ["recovery"]}
    row["accepts_from"] = ["region:Caribbean", "domestic"]
    row["accepts_imports"] = "yes"
    row["capacity_tpy"] = float("nan")
    return row


@pytest.mark.parametrize("ext", [".csv", ".geojson", ".gpkg"])
def test_round_trip_with_a_row_added_in_pandas(tmp_path, shipped, ext):
    frame = pd.concat([shipped, _new_row(shipped).to_frame().T], ignore_index=True)
    frame = gpd.GeoDataFrame(frame, geometry="geometry", crs=4326)
    path = hgmap.save_facilities(frame, tmp_path / f"cat{ext}")
    assert validate_facilities(path).ok
    back = hgmap.load_facilities(path)
    assert len(back) == len(shipped) + 1
    pd.testing.assert_frame_equal(back[COMPARE].reset_index(drop=True), frame[COMPARE].reset_index(drop=True),
                                  check_dtype=False)
    assert back["lat"].round(6).tolist() == frame["lat"].astype(float).round(6).tolist()
    assert back["capacity_tpy"].isna().tolist() == pd.to_numeric(frame["capacity_tpy"]).isna().tolist()
    new = back.set_index("id").loc["NEW-TTO-1"]
    assert new["accepts_from"] == ["region:Caribbean", "domestic"] and new["operations"] == {"lamps": ["recovery"]}


def test_to_csv_lists_are_refused_but_save_facilities_works(tmp_path, shipped):
    naive = tmp_path / "naive.csv"
    shipped.drop(columns="geometry").to_csv(naive, index=False)
    assert not validate_facilities(naive).ok  # Python list reprs are not catalogue values
    assert validate_facilities(hgmap.save_facilities(shipped, tmp_path / "ok.csv")).ok


def test_csv_round_trip_is_byte_stable(tmp_path, shipped):
    first = hgmap.save_facilities(shipped, tmp_path / "a.csv")
    second = hgmap.save_facilities(hgmap.load_facilities(first), tmp_path / "b.csv")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_text().splitlines()[0] == ",".join(COLUMNS)


def test_row_with_only_a_geometry(tmp_path, shipped):
    frame = shipped.head(2).copy()
    frame.loc[frame.index[1], ["lat", "lon"]] = float("nan")
    path = hgmap.save_facilities(frame, tmp_path / "geom.csv")
    back = hgmap.load_facilities(path)
    assert back["lon"].round(5).tolist() == shipped.head(2).geometry.x.round(5).tolist()


def test_bad_targets(tmp_path, shipped):
    with pytest.raises(DataError, match="unsupported"):
        hgmap.save_facilities(shipped, tmp_path / "cat.xlsx")
    with pytest.raises(DataError, match="directory"):
        hgmap.save_facilities(shipped, tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DataError, match="cannot write"):
        hgmap.save_facilities(shipped, blocker / "cat.csv")
    with pytest.raises(DataError, match="no column"):
        hgmap.save_facilities(pd.DataFrame({"x": [1]}), tmp_path / "x.csv")
