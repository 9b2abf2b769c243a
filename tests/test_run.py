import json

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from hgmap import run as run_mod
from hgmap.cli import main
from hgmap.errors import HgmapError

AS_OF = "2026-06-01"
STREAMS = ["lamps", "chlor_alkali_residues"]


@pytest.fixture(scope="module")
def done(tmp_path_factory, access_model):
    # access_model: the graph and search trees on disk first (one worker builds them under a
    # lock), so the run reads them instead of searching beside the other worker's build.
    out = tmp_path_factory.mktemp("run")
    summary = run_mod.run(out=out, as_of=AS_OF, streams=STREAMS)
    return out, summary


def test_outputs_exist_and_link(done):
    out, summary = done
    for rel in ("results/index.html", "results/accessibility.csv", "results/accessibility.gpkg",
                "results/sids_report.html", "results/sids_report.md", "results/sids_report.csv",
                "results/manifest.json", "maps/lamps.html", "maps/chlor_alkali_residues.html"):
        assert (out / rel).is_file(), rel
    assert not list(out.rglob("*.part*")) and not list(out.glob(".hgmap-run-*"))
    index = (out / "results" / "index.html").read_text()
    assert 'href="../maps/lamps.html"' in index and 'href="sids_report.html"' in index
    assert "Not legal advice" in index
    report = (out / "results" / "sids_report.html").read_text()
    assert "../maps/lamps.html" in report


def test_tables(done):
    out, _ = done
    assert set(pyogrio.list_layers(out / "results" / "accessibility.gpkg")[:, 0]) == set(STREAMS)
    layer = gpd.read_file(out / "results" / "accessibility.gpkg", layer="lamps")
    assert layer.crs.to_epsg() == 4326 and (layer["rank"] == 1).sum() == 244
    table = pd.read_csv(out / "results" / "accessibility.csv")
    assert set(table["stream"]) == set(STREAMS)
    assert (table.loc[table["rank"] == 1].groupby("stream").size() == 244).all()


def test_summary(done):
    _, summary = done
    text = str(summary)
    assert f"as of {AS_OF}" in text and "Not legal advice" in text
    # Western Sahara's only lamps route is by road through Morocco, an Izmir Protocol
    # Party whose Art 5(4) transit ban closes it (IEADB / ECOLEX membership, medium).
    # The U.S. Minor Outlying Islands are unreachable since review 22: their origin is 4,808 km
    # from their only port (Wake Island) and has no road; no leg beyond the limits is priced.
    assert summary.reachable["lamps"] == (242, 244)
    assert "FJI" in summary.sids_without_route["chlor_alkali_residues"]
    assert "--replay" in text


def test_manifest_and_replay(done, tmp_path):
    out, _ = done
    doc = run_mod.load_manifest(out / "results" / "manifest.json")
    assert doc["parameters"]["as_of"] == AS_OF and doc["parameters"]["streams"] == STREAMS
    assert {"data/countries.gpkg", "data/ports.csv", "facilities", "data/law/memberships.csv"} <= set(doc["inputs"])
    assert all(len(v["sha256"]) == 64 for v in doc["inputs"].values())
    assert doc["versions"]["hgmap"] and doc["legal_data_date"]
    summary, diffs = run_mod.replay(out / "results" / "manifest.json", out=tmp_path)
    assert diffs == []  # same inputs, same bytes, the GeoPackage included
    assert (tmp_path / "maps" / "lamps.html").read_bytes() == (out / "maps" / "lamps.html").read_bytes()


def test_replay_refuses_changed_inputs(tmp_path, capfd):
    scen = tmp_path / "s.yaml"
    scen.write_text("name: test\nchanges:\n  - action: remove_facility\n    id: HG-NZL-001\n")
    summary = run_mod.run(out=tmp_path / "a", as_of=AS_OF, streams=["lamps"], scenario=scen, what_if=False,
                          progress=True)
    # The progress bars, the maps' one drawn by the second process (so read at the fd).
    err = capfd.readouterr().err
    assert "graph" in err and "solve" in err and "maps" in err
    assert set(summary.timings) == set(run_mod.STAGES)
    scen.write_text("name: test\nchanges:\n  - action: remove_facility\n    id: HG-AUS-003\n")
    with pytest.raises(HgmapError, match="scenario"):
        run_mod.replay(tmp_path / "a" / "results" / "manifest.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    with pytest.raises(HgmapError, match="not an hgmap run manifest"):
        run_mod.load_manifest(bad)


def test_interrupted_run_keeps_the_previous_set(done, tmp_path, monkeypatch):
    """Outputs are replaced as one set: killed part-way, the old run stays whole."""
    import shutil

    from hgmap import maps

    out = tmp_path / "out"
    shutil.copytree(done[0], out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    calls = {"n": 0}
    real = maps.save_map

    def fail_second(m, path, **kw):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(m, path, **kw)

    monkeypatch.setattr(maps, "save_map", fail_second)
    with pytest.raises(KeyboardInterrupt):
        run_mod.run(out=out, as_of="2026-07-01", streams=STREAMS, what_if=False)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # nothing of the new run, nothing staged left behind
    assert run_mod.check_outputs(out / "results" / "manifest.json") == []


def test_check_outputs_finds_a_mixed_set(done, tmp_path):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(done[0], out)
    (out / "maps" / "lamps.html").write_text("a map of another run", encoding="utf-8")
    (out / "results" / "sids_report.csv").unlink()
    assert run_mod.check_outputs(out / "results" / "manifest.json") == ["map lamps", "report (CSV)"]
    assert main(["run", "--check", str(out / "results" / "manifest.json")]) == 1


def test_geopackage_is_reproducible(done, tmp_path):
    out, _ = done
    doc = run_mod.load_manifest(out / "results" / "manifest.json")
    assert doc["outputs"]["table (GPKG)"]["reproducible"] is True
    assert all(o["reproducible"] for o in doc["outputs"].values())


def test_cli_run_and_errors(tmp_path, capsys):
    assert main(["run", "--out", str(tmp_path), "--as-of", AS_OF, "--streams", "lamps", "--no-what-if",
                 "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "lamps" in text and "manifest" in text
    page = (tmp_path / "maps" / "lamps.html").read_text()
    assert "cdn.jsdelivr.net" not in page and "tile.openstreetmap.org" not in page  # offline by default
    assert main(["run", "--out", str(tmp_path), "--streams", "nope"]) == 2
    assert main(["run", "--replay", str(tmp_path / "missing.json")]) == 2
    doc = json.loads((tmp_path / "results" / "manifest.json").read_text())
    assert doc["parameters"]["online"] is False
    assert main(["run", "--out", str(tmp_path / "on"), "--as-of", AS_OF, "--streams", "lamps",
                 "--no-what-if", "--online", "-q"]) == 0
    assert "cdn.jsdelivr.net" in (tmp_path / "on" / "maps" / "lamps.html").read_text()
    assert main(["run", "--out", str(tmp_path), "--online", "--offline"]) == 2


def test_a_dossier_per_sids_and_language_linked_from_index_and_overview(done):
    import re

    from hgmap.countries import load_countries
    from hgmap.i18n import dossier_languages
    from hgmap.maps.offline import external_resources

    out, summary = done
    results = out / "results"
    sids = sorted(load_countries().query("sids")["iso3"])
    expected = {f"dossier_{iso}_{lang}.html" for iso in sids for lang in dossier_languages(iso)}
    assert len(sids) == 58 and "dossier_HTI_fr.html" in expected
    assert {p.name for p in (results / "dossiers").glob("*.html")} == expected
    index = (results / "index.html").read_text(encoding="utf-8")
    md = (results / "sids_report.md").read_text(encoding="utf-8")
    html = (results / "sids_report.html").read_text(encoding="utf-8")
    for name in expected:
        assert f'href="dossiers/{name}"' in index, name
        assert f"](dossiers/{name})" in md, name
        assert f'href="dossiers/{name}"' in html, name
    assert len(md.splitlines()) < 2000
    for target in re.findall(r"\]\((dossiers/[^)]+)\)", md):
        assert (results / target).is_file(), target
    # Every page references the shared assets relatively and makes no network request.
    assets = results / "dossiers" / "assets"
    for name in ("leaflet.js", "leaflet.css", "countries.js", "dossier_map.js", "images/layers.png"):
        assert (assets / name).is_file(), name
    page = (results / "dossiers" / "dossier_FJI_en.html").read_text(encoding="utf-8")
    assert external_resources(page, remote_only=True) == []
    for src in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page):
        assert (results / "dossiers" / src).is_file(), src
    assert '"home":"FJI"' in page and "hgmap-dossier-map" in page
    assert len(page) < 400_000 and "Leaflet 1." not in page  # Leaflet is shared, not inlined
    # The manifest hashes the dossiers and their assets, and --check finds them whole.
    doc = run_mod.load_manifest(results / "manifest.json")
    paths = {o["path"] for o in doc["outputs"].values()}
    assert {f"results/dossiers/{n}" for n in expected} <= paths
    assert "results/dossiers/assets/leaflet.js" in paths
    assert run_mod.check_outputs(results / "manifest.json") == []
    assert "country dossiers" in str(summary)


@pytest.mark.browser
def test_run_dossier_opens_offline_and_draws_every_route(done, tmp_path):
    """A dossier of the run, beside its shared assets, in headless Chromium: no request, every route."""
    import shutil

    from tests import _browser
    from tests.test_dossier_browser import _probe

    if not _browser.CHROMIUM:
        pytest.skip("headless Chromium not found")
    folder = tmp_path / "dossiers"
    shutil.copytree(done[0] / "results" / "dossiers", folder)
    page = folder / "dossier_FJI_en.html"
    text = page.read_text(encoding="utf-8")
    data = json.loads(text.split('id="hgmap-map-data">', 1)[1].split("</script>", 1)[0])
    lines = sum(len(r["lines"]) for r in data["routes"])
    assert data["routes"] and lines >= len(data["routes"])
    rep, requests = _probe(page, folder)  # the probed copy beside the page, so assets/ resolves
    assert "error" not in rep, rep.get("error")
    assert requests == [] and not [r for r in rep["resources"] if r.startswith(("http:", "https:"))]
    assert rep["leaflet"] and rep["maps"] == 1 and rep["origin"] == 1
    assert rep["routes"] == lines and rep["ends"] == sum(1 for r in data["routes"] if r["end"])
    assert all(t.strip() for t in rep["tooltips"])  # every route labelled
