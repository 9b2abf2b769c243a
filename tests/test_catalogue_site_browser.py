"""The catalogue website in headless Chromium: filters, entry pages, escaping, no network."""

from __future__ import annotations

import csv

import pytest

from hgmap import catalogue
from hgmap._io import data_path

from . import _browser

pytestmark = pytest.mark.browser
if not _browser.CHROMIUM:
    pytest.skip("headless Chromium not found (/usr/bin/chromium; apt-get install chromium)", allow_module_level=True)

XSS_IMG = '<img src=x onerror="document.documentElement.dataset.xss=1">'
XSS_SCRIPT = "<script>document.documentElement.dataset.xss='script'</script>"

FILTER_PROBE = """
var pick = function (id, value) { var s = document.getElementById(id); s.value = value;
  s.dispatchEvent(new Event("change")); };
var facets = JSON.parse(document.getElementById("entries-data").textContent);
var visible = function () { var out = []; var rows = document.getElementById("rows").children;
  for (var i = 0; i < rows.length; i++) { if (!rows[i].hidden) { out.push(facets[i].id); } } return out.sort(); };
var rep = {all: visible().length, count0: document.getElementById("count").textContent};
pick("f-stream", "batteries"); rep.batteries = visible();
pick("f-country", "JPN"); rep.batteriesJpn = visible(); rep.count = document.getElementById("count").textContent;
rep.filterMs = parseFloat(document.body.dataset.filterMs);
pick("f-stream", ""); pick("f-country", ""); pick("f-kind", "service"); rep.services = visible();
document.getElementById("f-reset").click(); rep.afterReset = visible().length;
rep.xss = document.documentElement.dataset.xss || null;
rep.payloadImgs = document.querySelectorAll("#rows img").length;
rep.names = Array.prototype.map.call(document.querySelectorAll("#rows td:first-child a"), function (a) {
  return a.textContent; });
report(rep);
"""

ENTRY_PROBE = """
report({leaflet: typeof L !== "undefined", map: !!window.hgmapEntryMap,
        markers: document.querySelectorAll("path.cat-marker").length,
        history: document.querySelectorAll(".cat-history tbody tr").length,
        historyText: document.querySelector(".cat-history").textContent,
        title: document.querySelector("h1").textContent,
        xss: document.documentElement.dataset.xss || null,
        payloadImgs: document.querySelectorAll("main img").length});
"""


def _expected(frame, stream, country=None):
    ids = [r.id for r in frame.itertuples() if stream in r.streams.split(";")
           and (country is None or r.country_iso3 == country)]
    return sorted(ids)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("catalogue_site")
    with open(data_path("facilities.csv"), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    evil = dict(rows[0], id="HG-XSS-001", name=f"Evil {XSS_IMG}", operator=XSS_SCRIPT, country_iso3="FJI",
                city="Suva", lat="-18.14", lon="178.44",
                notes=f"notes {XSS_SCRIPT}")
    service = {"id": "SVC-XSS-<b>", "kind": "service", "name": f"Broker {XSS_IMG}", "country_iso3": "FJI",
               "streams": "lamps", "description": f"Exports {XSS_SCRIPT}", "source_url": "https://example.org",
               "confidence": "low", "as_of": "2026-11-30", "website": "https://example.org/?q=\"><script>alert(1)</script>"}
    path = tmp / "entries.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        cols = list(rows[0]) + ["kind", "description"]
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerows(rows + [evil])
        w.writerow({c: service.get(c, "") for c in cols})
    cat = catalogue.init_catalogue(tmp / "c.gpkg")
    catalogue.import_entries(cat, path, organisation="hgmap tests")
    cat.update("HG-JPN-001", {"status": "closed"}, version=1, source=f"https://example.org/{XSS_IMG}",
               organisation=f"Ministry {XSS_SCRIPT}")
    out = catalogue.build_site(cat, tmp / "site", built="2026-12-01")
    frame = cat.frame()
    cat.close()
    return {"out": out, "frame": frame, "tmp": tmp}


def test_filters_show_the_right_entries_with_no_network(site):
    rep, requests = _browser.probe(site["out"] / "index.html", FILTER_PROBE, site["tmp"])
    assert "error" not in rep, rep.get("error")
    frame = site["frame"]
    assert rep["all"] == len(frame) == rep["afterReset"]
    assert rep["batteries"] == _expected(frame, "batteries")
    assert rep["batteriesJpn"] == _expected(frame, "batteries", "JPN") == ["HG-JPN-001"]
    assert rep["count"] == "1 entry"
    assert rep["services"] == ["SVC-XSS-<b>"]
    assert requests == []


def test_catalogue_text_stays_text(site):
    rep, _ = _browser.probe(site["out"] / "index.html", FILTER_PROBE, site["tmp"])
    assert rep["xss"] is None and rep["payloadImgs"] == 0
    assert f"Evil {XSS_IMG}" in rep["names"] and f"Broker {XSS_IMG}" in rep["names"]


def test_entry_page_has_its_map_and_history(site):
    rep, requests = _browser.probe(site["out"] / "entries" / "HG-JPN-001.html", ENTRY_PROBE, site["tmp"])
    assert "error" not in rep, rep.get("error")
    assert rep["leaflet"] and rep["map"] and rep["markers"] == 1
    assert rep["history"] > 10 and "closed" in rep["historyText"] and "operating" in rep["historyText"]
    assert f"Ministry {XSS_SCRIPT}" in rep["historyText"]
    assert rep["xss"] is None and rep["payloadImgs"] == 0
    assert requests == []


def test_evil_ids_get_safe_pages(site):
    pages = {p.name for p in (site["out"] / "entries").iterdir()}
    assert "HG-XSS-001.html" in pages
    odd = [p for p in pages if p.startswith("SVC-XSS")]
    assert len(odd) == 1 and "<" not in odd[0]
    rep, _ = _browser.probe(site["out"] / "entries" / odd[0], ENTRY_PROBE, site["tmp"])
    assert rep["xss"] is None and rep["title"] == f"Broker {XSS_IMG}"
    text = (site["out"] / "entries" / odd[0]).read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)" in text


def test_contribute_page_and_templates(site):
    page = (site["out"] / "contribute.html").read_text(encoding="utf-8")
    assert "catalogue_template.csv" in page and "version" in page
    header = (site["out"] / "catalogue_template.csv").read_text(encoding="utf-8").strip().split(",")
    assert header[:2] == ["id", "kind"] and header[-1] == "version"
    # The current catalogue, as downloaded, imports back as "unchanged".
    with catalogue.open_catalogue(site["tmp"] / "c.gpkg") as cat:
        res = catalogue.import_entries(cat, site["out"] / "catalogue_current.csv", organisation="x")
    assert not res.created and not res.updated and not res.skipped
