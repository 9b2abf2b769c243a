"""A focused map in headless Chromium: it opens on the origin and its route, with no other SIDS drawn."""

from __future__ import annotations

import subprocess

import pytest

from hgmap import maps

from . import _browser
from ._maps_data import fx

pytestmark = pytest.mark.browser

if not _browser.CHROMIUM:
    pytest.skip("headless Chromium not found (/usr/bin/chromium; apt-get install chromium)",
                allow_module_level=True)


# What the reader sees when the page has opened: the view, which points it shows, the symbols.
PROBE = """
var names = Object.keys(window).filter(function (k) { return /^map_/.test(k) && window[k] instanceof L.Map; });
var map = window[names[0]];
var b = map.getBounds();
var routeEnds = [];
map.eachLayer(function (l) {
  if (l instanceof L.Polyline && !(l instanceof L.Polygon) && l.options.className === "hgmap-route") {
    var ll = l.getLatLngs(); var flat = [].concat.apply([], Array.isArray(ll[0]) ? ll : [ll]);
    routeEnds.push([flat[0].lat, flat[0].lng], [flat[flat.length - 1].lat, flat[flat.length - 1].lng]);
  }
});
var sids = [];
document.querySelectorAll("path.hgmap-sids").forEach(function (p) { sids.push(p.getAttribute("d")); });
report({zoom: map.getZoom(), south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast(),
        routes: document.querySelectorAll("path.hgmap-route").length, sids: sids.length,
        routeEnds: routeEnds, routesInView: routeEnds.every(function (p) { return b.contains(p); }),
        legend: (document.querySelector(".hgmap-legend") || {}).textContent || "",
        title: (document.querySelector(".hgmap-title") || {}).textContent || ""});
"""


def _inside(rep, lat, lng):
    return rep["south"] <= lat <= rep["north"] and rep["west"] <= lng <= rep["east"]


@pytest.fixture(scope="module")
def fiji(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("maps_focus")
    res = fx.result()
    one = res[res["origin_iso3"] == "FJI"].reset_index(drop=True)
    one.attrs.update(res.attrs)
    m = maps.accessibility_map(one, countries=fx.countries(), facilities=fx.facilities())
    page = maps.save_map(m, tmp / "fiji.html")
    report, requests = _browser.probe(page, PROBE, tmp)
    return {"tmp": tmp, "page": page, "report": report, "requests": requests}


def test_focused_map_opens_on_fiji_and_its_route(fiji):
    rep = fiji["report"]
    assert "error" not in rep, rep.get("error")
    assert rep["zoom"] >= 3, rep  # not the world view (zoom 2)
    assert _inside(rep, -17.8, 178.0) and _inside(rep, -33.9, 151.2), rep
    assert rep["routes"] == 1 and rep["routesInView"], rep["routeEnds"]
    assert rep["east"] - rep["west"] < 180, rep  # the world view shows 280 degrees at this size
    assert rep["sids"] == 1  # Fiji only: the other SIDS were not assessed
    assert "this map is for Fiji (FJI) only" in rep["legend"] and "origins Fiji (FJI)" in rep["title"]
    assert fiji["requests"] == []


def test_focused_map_screenshot(fiji):
    tmp = fiji["tmp"]
    png = tmp / "fiji.png"
    subprocess.run([_browser.CHROMIUM, *_browser.FLAGS, f"--user-data-dir={tmp / 'profile'}",
                    "--virtual-time-budget=5000", "--window-size=1280,800", f"--screenshot={png}",
                    fiji["page"].as_uri()], capture_output=True, timeout=120, check=False)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def test_real_fiji_map_from_the_cli_is_focused(tmp_path):
    """``hgmap map --origins FJI`` on the shipped data: Fiji, its route, its facility; no other SIDS."""
    from hgmap.cli import main

    page = tmp_path / "fji.html"
    assert main(["map", "--stream", "lamps", "--origins", "FJI", "--as-of", "2025-06-01", "-q",
                 "--out", str(page)]) == 0
    rep, requests = _browser.probe(page, PROBE, tmp_path)
    assert "error" not in rep, rep.get("error")
    assert requests == []
    assert rep["sids"] == 1 and rep["routes"] == 1 and rep["routesInView"], rep
    assert _inside(rep, -18.1, 178.4), rep  # Suva
    assert rep["zoom"] >= 3 and rep["east"] - rep["west"] < 180, rep
    assert "this map is for Fiji (FJI) only" in rep["legend"]
