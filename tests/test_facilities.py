import json

import geopandas as gpd
import pandas as pd
import pytest

import hgmap
from hgmap.cli import main
from hgmap.errors import DataError, ValidationError
from hgmap.facilities import COLUMNS, derive_operations, validate_facilities

STREAMS = set(hgmap.STREAMS)


def test_shipped_catalogue():
    fac = hgmap.load_facilities()
    assert len(fac) >= 56
    assert fac.crs.to_epsg() == 4326
    assert fac["id"].is_unique
    assert list(fac.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert all(s in STREAMS for streams in fac["streams"] for s in streams)
    assert all(len(u) >= 1 and all(x.startswith("http") for x in u) for u in fac["source_url"])
    assert set(fac["confidence"]) <= {"high", "medium", "low"}
    assert all(hgmap.vocab.parse_date(d) for d in fac["as_of"])
    assert set(fac["accepts_imports"]) <= {"yes", "no", "unknown"}
    # A sourced yes/no always carries its source.
    sourced = fac[fac["accepts_imports"] != "unknown"]
    assert all(len(u) >= 1 for u in sourced["acceptance_source"])
    # Closed facilities stay in the catalogue (excluded from analyses later).
    assert (fac["status"] == "closed").sum() >= 3
    assert validate_facilities().ok


def test_operations_source_or_derived():
    fac = hgmap.load_facilities().set_index("id")
    batrec = fac.loc["HG-CHE-001"]
    assert batrec["operations"]["elemental_mercury"] == ["disposal", "recovery"]
    assert batrec["operations_basis"].startswith("derived")
    assert fac.loc["HG-USA-007", "operations"] == {"elemental_mercury": ["disposal"]}
    assert fac.loc["HG-USA-007", "operations_basis"].startswith("source")
    assert fac.loc["HG-MUS-001", "operations"] == {}  # storage hub: nothing counted
    # Lamp recycling recovers lamps, not batteries.
    assert derive_operations(["lamp_recycling"], ["lamps", "batteries"]) == {"lamps": ["recovery"]}
    assert derive_operations(["other"], ["lamps"]) == {}


def test_bad_catalogue_reports_every_row(data_dir):
    report = validate_facilities(data_dir / "facilities_bad.csv")
    assert not report.ok
    by = {(p.where, p.field, p.severity) for p in report.problems}
    assert ("line 3", "country_iso3", "error") in by
    assert ("line 4", "lat", "error") in by
    assert ("line 5", "lat/lon", "error") in by
    assert ("line 6", "lat/lon", "error") in by
    assert ("line 7", "streams", "error") in by
    assert ("line 8", "id", "error") in by
    assert ("line 9", "source_url", "error") in by
    swapped = next(p for p in report.problems if p.where == "line 5")
    assert "swapped" in swapped.message
    far = next(p for p in report.problems if p.where == "line 6")
    assert "km outside CHE" in far.message and "allows 30 km" in far.message
    # Clean rows in a bad file are reported as fine.
    assert ("line 2", "T-OK-1") in report.clean_rows()
    assert ("line 10", "T-OK-2") in report.clean_rows()
    text = report.format()
    assert "fine: 2 rows" in text and "line 9 [T-NOSRC] source_url" in text


def test_load_bad_catalogue_raises_with_rows(data_dir):
    with pytest.raises(ValidationError) as exc:
        hgmap.load_facilities(data_dir / "facilities_bad.csv")
    assert len(exc.value.problems) == 7
    assert "line 3" in str(exc.value)


def test_missing_file_and_format(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        hgmap.load_facilities(tmp_path / "nope.csv")
    bad = tmp_path / "cat.xlsx"
    bad.write_text("x")
    with pytest.raises(DataError, match="unsupported"):
        hgmap.load_facilities(bad)
    hdr = tmp_path / "nohdr.csv"
    hdr.write_text("id,name\nA,B\n")
    report = validate_facilities(hdr)
    assert not report.ok and report.problems[0].where == "header"


@pytest.mark.parametrize("ext,driver", [(".geojson", "GeoJSON"), (".gpkg", "GPKG")])
def test_user_catalogue_geo_formats(tmp_path, ext, driver):
    """A geo file whose points come only from its geometry (no lat/lon properties)."""
    fac = hgmap.load_facilities().head(5).copy()
    csv_path = hgmap.save_facilities(fac, tmp_path / "cat.csv")
    table = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    geo = gpd.GeoDataFrame(table.drop(columns=["lat", "lon"]),
                           geometry=gpd.points_from_xy(fac["lon"], fac["lat"]), crs=4326)
    path = tmp_path / f"cat{ext}"
    geo.to_file(path, driver=driver)
    back = hgmap.load_facilities(path)
    assert list(back["id"]) == list(fac["id"])
    assert back.geometry.x.round(3).tolist() == fac.geometry.x.round(3).tolist()
    assert back.iloc[0]["operations"] == fac.iloc[0]["operations"]


def test_geo_catalogue_in_wrong_crs_is_refused(tmp_path):
    fac = hgmap.load_facilities().head(2)[["id", "name", "geometry"]].to_crs(3857)
    path = tmp_path / "merc.gpkg"
    fac.to_file(path, driver="GPKG")
    with pytest.raises(DataError, match="EPSG:4326"):
        hgmap.load_facilities(path)


def test_cli_validate_exit_codes(data_dir, capsys):
    assert main(["facilities", "validate", str(data_dir / "facilities_bad.csv")]) == 1
    out = capsys.readouterr().out
    assert "line 5 [T-SWAP] lat/lon: error: lat and lon look swapped" in out
    good = data_dir / "facilities_good.csv"
    lines = (data_dir / "facilities_bad.csv").read_text().splitlines()
    good.write_text("\n".join([lines[0], lines[1], lines[-1]]) + "\n")
    try:
        assert main(["facilities", "validate", str(good)]) == 0
    finally:
        good.unlink()


def test_cli_list_filters_and_formats(capsys):
    assert main(["facilities", "list", "--stream", "elemental_mercury", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records and all("elemental_mercury" in r["streams"] for r in records)
    assert main(["facilities", "list", "--country", "aus", "--format", "csv"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith("id,name") and len(out) == 4
    assert main(["facilities", "list", "--stream", "nope"]) == 2
    assert "unknown waste stream" in capsys.readouterr().err
    assert main(["facilities", "list"]) == 0
    assert f"{len(hgmap.load_facilities())} facilities" in capsys.readouterr().out
