"""Validation gaps of the facility catalogue (issue #12, #16): each one is an error with its row and field."""

import csv
import io

import geopandas as gpd
import pytest
import shapely

import hgmap
from hgmap.cli import main
from hgmap.errors import DataError, ValidationError
from hgmap.facilities import COLUMNS, validate_facilities

GOOD = {
    "id": "T-1", "operator": "Test", "name": "Clean facility", "city": "Wimmis", "country_iso3": "CHE",
    "lat": "46.676", "lon": "7.639", "coord_precision": "city", "technologies": "distillation",
    "streams": "lamps;batteries", "operations": "", "operations_basis": "", "capacity_tpy": "1200",
    "capacity_note": "", "status": "operating", "accepts_imports": "unknown", "accepts_from": "",
    "acceptance_source": "", "acceptance_confidence": "", "website": "", "source_url": "https://example.org/s",
    "confidence": "high", "as_of": "2026-11-01", "notes": "",
}


def _csv(tmp_path, *rows, header=COLUMNS, name="cat.csv"):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(c, "") for c in header] if isinstance(r, dict) else r)
    path = tmp_path / name
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _row(**changes):
    return {**GOOD, **changes}


def _fields(report):
    return {(p.where, p.field) for p in report.errors}


def test_good_row_is_fine(tmp_path):
    report = validate_facilities(_csv(tmp_path, _row()))
    assert report.ok and not report.problems
    assert report.clean_rows() == [("line 2", "T-1")]


@pytest.mark.parametrize("value", ["yesterday", "inf", "2025-02-30", "20250101", "2025-W01-1"])
def test_as_of_must_be_a_date(tmp_path, value):
    report = validate_facilities(_csv(tmp_path, _row(as_of=value)))
    assert ("line 2", "as_of") in _fields(report)


def test_missing_as_of_is_a_warning(tmp_path):
    report = validate_facilities(_csv(tmp_path, _row(as_of="")))
    assert report.ok and [p.field for p in report.warnings] == ["as_of"]


def test_point_far_from_its_country_is_an_error(tmp_path):
    # Lamps plant "in Switzerland" placed in Lagos (about 4,700 km away) and in Tokyo.
    rows = (_row(lat="6.45", lon="3.39"), _row(id="T-2", lat="35.68", lon="139.69"))
    report = validate_facilities(_csv(tmp_path, *rows))
    far = [p for p in report.errors if p.field == "lat/lon"]
    assert [p.where for p in far] == ["line 2", "line 3"]
    assert "km outside CHE" in far[1].message and "allows 30 km" in far[1].message
    # Region precision allows more, but not thousands of km.
    report = validate_facilities(_csv(tmp_path, _row(lat="35.68", lon="139.69", coord_precision="region")))
    assert ("line 2", "lat/lon") in _fields(report)


def test_placeholder_precision_is_accepted_inside_the_country(tmp_path):
    report = validate_facilities(_csv(tmp_path, _row(coord_precision="placeholder")))
    assert report.ok


def test_duplicate_column_names_are_an_error(tmp_path):
    header = [*COLUMNS, "streams"]
    path = _csv(tmp_path, [*[GOOD[c] for c in COLUMNS], "lamps"], header=header)
    report = validate_facilities(path)
    assert not report.ok
    assert any(p.where == "header" and "duplicate column name 'streams'" in p.message for p in report.errors)
    assert report.clean_rows() == [] and "fine:" not in report.format()


@pytest.mark.parametrize("value", ["nan", "inf", "1_0", "-5", "ten", "0x10"])
def test_capacity_must_be_a_plain_non_negative_number(tmp_path, value):
    report = validate_facilities(_csv(tmp_path, _row(capacity_tpy=value)))
    assert ("line 2", "capacity_tpy") in _fields(report)


@pytest.mark.parametrize("col,value", [("lat", "4_6.676"), ("lon", "7_6"), ("lat", "nan"), ("lon", "inf"),
                                       ("lat", "95"), ("lon", " ")])
def test_lat_lon_strict(tmp_path, col, value):
    report = validate_facilities(_csv(tmp_path, _row(**{col: value})))
    assert ("line 2", col) in _fields(report)


@pytest.mark.parametrize("col,value", [("streams", ";"), ("source_url", " | "), ("technologies", " ; ;"),
                                       ("source_url", "|")])
def test_list_fields_of_only_separators_are_missing(tmp_path, col, value):
    report = validate_facilities(_csv(tmp_path, _row(**{col: value})))
    errs = [p for p in report.errors if p.field == col]
    assert errs and "missing value" in errs[0].message


def test_rows_with_the_wrong_number_of_fields(tmp_path):
    long_row = [*[GOOD[c] for c in COLUMNS], "extra", "more"]
    short_row = ["T-3", "Test", "Short"]
    report = validate_facilities(_csv(tmp_path, long_row, _row(id="T-2"), short_row))
    msgs = {p.where: p for p in report.problems if p.field == "row"}
    assert msgs["line 2"].message.startswith(f"{len(COLUMNS) + 2} fields where the header has {len(COLUMNS)}")
    assert msgs["line 2"].severity == "error"
    # A short row reads its missing trailing fields as empty (a warning) and is then checked.
    assert "3 fields" in msgs["line 4"].message and msgs["line 4"].severity == "warning"
    assert ("line 4", "source_url") in _fields(report)
    assert ("line 3", "T-2") in report.clean_rows()
    assert main(["facilities", "validate", str(tmp_path / "cat.csv")]) == 1


def test_multiline_cells_keep_true_line_numbers(tmp_path):
    report = validate_facilities(_csv(tmp_path, _row(notes="first\nsecond"), _row(id="T-2", country_iso3="XXX")))
    assert ("line 4", "country_iso3") in _fields(report)


def test_header_mismatch_reports_missing_columns_and_no_fine_rows(tmp_path, capsys):
    path = tmp_path / "wrong.csv"
    path.write_text("facility_id,facility_name,country\nA,B,CHE\nC,D,FRA\n")
    report = validate_facilities(path)
    assert not report.ok and report.clean_rows() == []
    missing = next(p for p in report.errors if p.where == "header")
    assert "id" in missing.message and "source_url" in missing.message
    assert main(["facilities", "validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "missing required column(s)" in out and "fine" not in out and "rows not checked" in out


def test_header_only_catalogue_is_an_error(tmp_path):
    path = _csv(tmp_path)
    report = validate_facilities(path)
    assert not report.ok and report.errors[0].where == "file"
    with pytest.raises(ValidationError, match="no facility"):
        hgmap.load_facilities(path)


def test_acceptance_fields_are_checked(tmp_path):
    report = validate_facilities(_csv(
        tmp_path,
        _row(accepts_imports="maybe"),
        _row(id="T-2", accepts_imports="yes"),  # a yes needs its source
        _row(id="T-3", accepts_imports="no", accepts_from="OECD", acceptance_source="https://example.org/a"),
        _row(id="T-4", accepts_from="EU;Atlantis"),
        _row(id="T-5", accepts_from="region:Moon"),
        _row(id="T-6", acceptance_confidence="certain"),
        _row(id="T-7", accepts_imports="yes", accepts_from="OECD;region:Pacific;FJI",
             acceptance_source="https://example.org/a", acceptance_confidence="medium"),
    ))
    fields = _fields(report)
    assert ("line 2", "accepts_imports") in fields
    assert ("line 3", "acceptance_source") in fields
    assert ("line 4", "accepts_from") in fields
    assert ("line 5", "accepts_from") in fields and ("line 6", "accepts_from") in fields
    assert ("line 7", "acceptance_confidence") in fields
    assert ("line 8", "T-7") in report.clean_rows()


def test_missing_file_directory_and_encoding(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        hgmap.load_facilities(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="is a directory"):
        hgmap.load_facilities(tmp_path)
    with pytest.raises(DataError, match="is a directory"):
        validate_facilities(tmp_path)
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(",".join(COLUMNS).encode() + b"\nT-1,Op\xe9rateur\n")
    with pytest.raises(DataError, match="not UTF-8"):
        validate_facilities(bad)
    assert main(["facilities", "validate", str(tmp_path / "nope.csv")]) == 2
    assert main(["facilities", "list", "--facilities", str(tmp_path / "nope.csv")]) == 2


def _geo(tmp_path, geometry, ext=".geojson", **changes):
    frame = gpd.GeoDataFrame([_row(**changes)], geometry=[geometry], crs=4326)
    path = tmp_path / f"cat{ext}"
    frame.to_file(path, driver="GeoJSON" if ext == ".geojson" else "GPKG")
    return path


def test_geo_geometry_must_agree_with_lat_lon(tmp_path):
    assert validate_facilities(_geo(tmp_path, shapely.Point(7.639, 46.676))).ok
    report = validate_facilities(_geo(tmp_path, shapely.Point(100.0, 10.0)))
    assert ("feature 1", "geometry") in _fields(report)
    report = validate_facilities(_geo(tmp_path, shapely.box(7, 46, 8, 47), ext=".gpkg"))
    assert any("Polygon, not a Point" in p.message for p in report.errors)


def test_two_layer_geopackage(tmp_path):
    path = tmp_path / "two.gpkg"
    frame = gpd.GeoDataFrame([_row()], geometry=[shapely.Point(7.639, 46.676)], crs=4326)
    frame.to_file(path, driver="GPKG", layer="a")
    frame.assign(id="T-9").to_file(path, driver="GPKG", layer="b")
    with pytest.raises(DataError, match="2 layers"):
        validate_facilities(path)
    frame.assign(id="T-F").to_file(path, driver="GPKG", layer="facilities")
    assert list(hgmap.load_facilities(path)["id"]) == ["T-F"]


def test_list_says_when_nothing_matches_and_keeps_whole_words(tmp_path, capsys):
    assert main(["facilities", "list", "--country", "FJI"]) == 0
    out = capsys.readouterr().out
    assert "No facility matches --country FJI" in out and "Empty DataFrame" not in out
    long_name = "Alphaville Betatown Gammaworks Deltaplant Epsilonhall Zetasite Etaunit Thetaline"
    path = _csv(tmp_path, _row(name=long_name))
    assert main(["facilities", "list", "--facilities", str(path)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("T-1"))
    shown = line.split("T-1", 1)[1].split(" ...")[0].split()
    assert " ..." in line and shown == long_name.split()[: len(shown)]
    assert "1 facility" in out
    assert main(["facilities", "list", "--confirmed-only"]) == 2


def test_list_accepts_from(capsys):
    assert main(["facilities", "list", "--accepts-from", "FJI", "--stream", "elemental_mercury",
                 "--format", "csv"]) == 0
    ids = [line.split(",")[0] for line in capsys.readouterr().out.strip().splitlines()[1:]]
    assert "HG-USA-007" not in ids and "HG-CHE-001" in ids
    assert main(["facilities", "list", "--accepts-from", "USA", "--confirmed-only", "--format", "csv"]) == 0
    ids = [line.split(",")[0] for line in capsys.readouterr().out.strip().splitlines()[1:]]
    assert "HG-USA-007" in ids and "HG-DEU-001" not in ids
