"""The catalogue database on both back ends: GeoPackage (always) and PostgreSQL/PostGIS.

The PostgreSQL tests use ``$HGMAP_TEST_PG_URL`` (``.ci/run`` starts a server and sets it);
they are skipped, with the reason printed, only when no server answers.
"""

from __future__ import annotations

import csv
import os
import uuid

import pytest

import hgmap
from hgmap import catalogue
from hgmap._io import data_path
from hgmap.errors import ConflictError, DataError, HgmapError, ValidationError

PG_URL = os.environ.get("HGMAP_TEST_PG_URL", "postgresql://hgmap:hgmap@127.0.0.1:5432/hgmap_test")


def _pg_schema_url(request) -> str:
    """A fresh schema on the test server (dropped afterwards), so that tests never share tables."""
    import sqlalchemy as sa

    schema = "t_" + uuid.uuid4().hex[:10]
    engine = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public"))
    except sa.exc.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at {PG_URL.split('@')[-1]} ({exc.orig}); .ci/run starts one")
    except BaseException:
        engine.dispose()
        raise

    def drop() -> None:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()

    request.addfinalizer(drop)
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema},public"


@pytest.fixture(params=["gpkg", "postgresql"])
def db(request, tmp_path):
    if request.param == "gpkg":
        return str(tmp_path / "catalogue.gpkg")
    return _pg_schema_url(request)


def _write(path, rows, columns=None):
    columns = columns or list(rows[0])
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)
    return path


def _shipped_rows():
    with open(data_path("facilities.csv"), newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


SERVICE = {"id": "SVC-FJI-001", "kind": "service", "name": "Pacific hazardous waste brokerage",
           "operator": "Example Brokers", "country_iso3": "FJI", "streams": "lamps;batteries",
           "description": "Collects lamps and batteries and arranges export under Basel.",
           "website": "https://example.org", "source_url": "https://example.org/about", "confidence": "low",
           "as_of": "2026-11-30"}


def test_init_import_and_analysis_use_only_facilities(db, tmp_path):
    with catalogue.init_catalogue(db) as cat:
        res = catalogue.import_entries(cat, data_path("facilities.csv"), organisation="hgmap team")
        assert len(res.created) == len(_shipped_rows()) and not res.skipped
        extra = _write(tmp_path / "svc.csv", [SERVICE])
        catalogue.import_entries(cat, extra, organisation="SPREP")
        assert set(cat.frame()["kind"]) == {"facility", "service"}
    # An analysis takes the database as its catalogue, and only its facilities.
    fac = hgmap.load_facilities(db)
    assert len(fac) == len(_shipped_rows()) and "SVC-FJI-001" not in set(fac["id"])
    shipped = hgmap.load_facilities().set_index("id")
    assert fac.set_index("id").loc["HG-JPN-001", "streams"] == shipped.loc["HG-JPN-001", "streams"]


def test_every_change_is_logged_and_conflicts_are_refused(db):
    with catalogue.init_catalogue(db) as cat:
        catalogue.import_entries(cat, data_path("facilities.csv"), organisation="hgmap team")
        v = int(cat.frame().set_index("id").loc["HG-JPN-001", "version"])
        assert cat.update("HG-JPN-001", {"status": "closed"}, version=v, source="https://x.example/news",
                          organisation="Ministry A") == v + 1
        # A second editor who started from the same version must not overwrite it.
        with pytest.raises(ConflictError, match="version"):
            cat.update("HG-JPN-001", {"status": "operating"}, version=v, source="s", organisation="Ministry B")
        assert cat.frame().set_index("id").loc["HG-JPN-001", "status"] == "closed"
        hist = cat.history("HG-JPN-001")
        last = hist.iloc[-1]
        assert (last["field"], last["old_value"], last["new_value"]) == ("status", "operating", "closed")
        assert (last["organisation"], last["source"], int(last["version"])) == ("Ministry A", "https://x.example/news", v + 1)
        assert (hist["action"] == "create").sum() >= 10


def test_import_is_all_or_nothing_unless_skip_bad(db, tmp_path):
    rows = _shipped_rows()[:3]
    bad = dict(rows[1], lat="95", id="HG-BAD-001")
    path = _write(tmp_path / "mixed.csv", [rows[0], bad, rows[2]])
    with catalogue.init_catalogue(db) as cat:
        with pytest.raises(ValidationError) as err:
            catalogue.import_entries(cat, path, organisation="org")
        assert "line 3" in str(err.value) and "lat" in str(err.value)
        assert cat.frame().empty
        res = catalogue.import_entries(cat, path, organisation="org", skip_bad=True)
        assert sorted(res.created) == sorted([rows[0]["id"], rows[2]["id"]])
        assert any("line 3" in s for s in res.skipped)


def test_reimport_of_an_outdated_export_is_a_conflict(db, tmp_path):
    with catalogue.init_catalogue(db) as cat:
        catalogue.import_entries(cat, data_path("facilities.csv"), organisation="org")
        exported = catalogue.export_entries(cat, tmp_path / "export.csv")
        cat.update("HG-JPN-001", {"notes": "changed meanwhile"}, version=1, source="s", organisation="A")
        with open(exported, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        for r in rows:
            if r["id"] == "HG-JPN-001":
                r["capacity_note"] = "edited from version 1"
        edited = _write(tmp_path / "edited.csv", rows)
        with pytest.raises(ConflictError, match="HG-JPN-001"):
            catalogue.import_entries(cat, edited, organisation="B")
        assert cat.frame().set_index("id").loc["HG-JPN-001", "notes"] == "changed meanwhile"


def test_export_round_trip_in_every_format(db, tmp_path):
    with catalogue.init_catalogue(db) as cat:
        catalogue.import_entries(cat, data_path("facilities.csv"), organisation="org")
        for fmt in catalogue.EXPORT_FORMATS:
            out = catalogue.export_entries(cat, tmp_path / f"all.{fmt}")
            assert len(hgmap.load_facilities(out)) == len(_shipped_rows())
            again = catalogue.import_entries(cat, out, organisation="org")
            assert not again.created and not again.updated, fmt


def test_services_need_a_description_and_streams(tmp_path):
    bad = dict(SERVICE, description="", streams="lamps;nonsense")
    path = _write(tmp_path / "svc.csv", [bad])
    with catalogue.init_catalogue(tmp_path / "c.gpkg") as cat:
        with pytest.raises(ValidationError) as err:
            catalogue.import_entries(cat, path, organisation="org")
    text = str(err.value)
    assert "description" in text and "nonsense" in text and "line 2" in text


def test_geopackage_is_a_real_geopackage(tmp_path):
    import pyogrio

    with catalogue.init_catalogue(tmp_path / "c.gpkg") as cat:
        catalogue.import_entries(cat, data_path("facilities.csv"), organisation="org")
    layers = dict(pyogrio.list_layers(tmp_path / "c.gpkg"))
    assert layers["entries"] == "Point" and "edit_log" in layers
    frame = pyogrio.read_dataframe(tmp_path / "c.gpkg", layer="entries")
    row = frame.set_index("id").loc["HG-JPN-001"]
    assert (round(row.geometry.x, 2), round(row.geometry.y, 2)) == (143.33, 43.7)


def test_errors_name_the_database(tmp_path):
    with pytest.raises(DataError, match="no such catalogue"):
        catalogue.open_catalogue(tmp_path / "missing.gpkg")
    with pytest.raises(DataError, match=r"\.gpkg file or a postgresql"):
        catalogue.init_catalogue(tmp_path / "c.sqlite")
    catalogue.init_catalogue(tmp_path / "c.gpkg").close()
    with pytest.raises(DataError, match="already exists"):
        catalogue.init_catalogue(tmp_path / "c.gpkg")
    assert issubclass(ConflictError, HgmapError)


def test_cli(tmp_path, capsys):
    from hgmap.cli import main

    db = str(tmp_path / "c.gpkg")
    assert main(["catalogue", "init", db]) == 0
    assert main(["catalogue", "import", db, str(data_path("facilities.csv")), "--organisation", "hgmap"]) == 0
    assert " created" in capsys.readouterr().out
    assert main(["catalogue", "history", db, "HG-JPN-001"]) == 0
    assert "HG-JPN-001 v1 create name" in capsys.readouterr().out
    assert main(["catalogue", "export", "--db", db, str(tmp_path / "x.csv")]) == 0
    assert main(["catalogue", "history", db, "NOPE"]) == 2
    bad = _write(tmp_path / "bad.csv", [dict(SERVICE, confidence="sure")])
    assert main(["catalogue", "import", db, str(bad), "--organisation", "x"]) == 1
    assert "confidence" in capsys.readouterr().err
    assert main(["catalogue", "site", db, "--out", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "index.html").is_file()


def test_an_update_is_validated_like_an_import(tmp_path):
    with catalogue.init_catalogue(tmp_path / "c.gpkg") as cat:
        catalogue.import_entries(cat, data_path("facilities.csv"), organisation="org")
        with pytest.raises(ValidationError, match="lat"):
            cat.update("HG-JPN-001", {"lat": "123"}, version=1, source="s", organisation="o")
        with pytest.raises(ValidationError, match="website"):
            cat.update("HG-JPN-001", {"website": "javascript:alert(1)"}, version=1, source="s", organisation="o")
        assert int(cat.frame().set_index("id").loc["HG-JPN-001", "version"]) == 1
