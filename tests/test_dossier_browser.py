"""Open written dossiers in headless Chromium (issue #14): offline, the map starts, every route drawn, XSS inert.

One Chromium run per page (``--dump-dom`` with a virtual-time budget) on a copy with a probe
script appended; network access is observed with Chromium's NetLog and cut off with a proxy
that points nowhere (the same method as ``test_maps_browser.py``).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import hgmap
from hgmap.dossier import build_dossier, write_dossier

from . import _browser

pytestmark = pytest.mark.browser

if not _browser.CHROMIUM:
    pytest.skip("headless Chromium not found", allow_module_level=True)

XSS_IMG = '<img src=x onerror="document.documentElement.dataset.xss=1">'
XSS_SCRIPT = "<script>document.documentElement.dataset.xss=2</script>"

PROBE = """<script>
window.alert = function () { document.documentElement.dataset.xss = "alert"; };
window.addEventListener("load", function () {
  var rep = {leaflet: typeof L !== "undefined"};
  try {
    var names = Object.keys(window).filter(function (k) { return /^map_/.test(k) && window[k] instanceof L.Map; });
    rep.maps = names.length;
    var map = window[names[0]];
    rep.routes = document.querySelectorAll("path.hgmap-dossier-route").length;
    rep.ends = document.querySelectorAll("path.hgmap-dossier-facility").length;
    rep.origin = document.querySelectorAll("path.hgmap-dossier-origin").length;
    rep.zoom = map.getZoom();
    var b = map.getBounds(); rep.bounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    rep.tooltips = [];
    map.eachLayer(function (layer) {
      if (layer instanceof L.Polyline && !(layer instanceof L.Polygon) && layer.getTooltip && layer.getTooltip()) {
        layer.openTooltip(layer.getBounds().getCenter());
        var el = layer.getTooltip().getElement();
        rep.tooltips.push(el ? el.textContent : "");
        layer.closeTooltip();
      }
    });
    rep.payloadImgs = document.querySelectorAll("img[src=x]").length;
    rep.resources = performance.getEntriesByType("resource").map(function (e) { return e.name; });
    rep.h1 = document.querySelector("h1").textContent;
  } catch (e) { rep.error = String(e); }
  setTimeout(function () {
    rep.xss = document.documentElement.dataset.xss || null;
    var pre = document.createElement("pre"); pre.id = "hgmap-probe"; pre.textContent = JSON.stringify(rep);
    document.body.appendChild(pre);
  }, 300);
});
</script>"""


def _probe(page: Path, tmp: Path) -> tuple[dict, list[str]]:
    return _browser.run_script(page, PROBE, tmp, beside=False)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dossier_browser")
    fiji = build_dossier("FJI", streams=("lamps", "elemental_mercury"), as_of="2025-06-01", k=3, what_if=False)
    fac = hgmap.load_facilities()
    i = fac.index[fac["id"] == "HG-NZL-001"][0]
    fac.loc[i, "name"] = f"Evil {XSS_IMG} {XSS_SCRIPT}"
    hostile = build_dossier("FJI", streams=("lamps",), as_of="2025-06-01", k=2, facilities=fac, what_if=False)
    out = {"fiji_dossier": fiji}
    for key, d, lang in (("fiji", fiji, "fr"), ("hostile", hostile, "en")):
        page = write_dossier(d, tmp / key, lang=lang, fmt="html")["html"]
        out[key] = _probe(page, tmp)
    return out


def test_dossier_opens_offline_with_zero_requests(pages):
    rep, requests = pages["fiji"]
    assert "error" not in rep, rep.get("error")
    assert requests == []
    assert not [r for r in rep["resources"] if urlsplit(r).scheme in ("http", "https")]


def test_map_starts_zoomed_to_the_country_and_its_routes(pages):
    rep, _ = pages["fiji"]
    assert rep["leaflet"] and rep["maps"] == 1 and rep["origin"] == 1
    assert rep["zoom"] >= 1
    west, south, east, north = rep["bounds"]
    # Fiji (178 E, 18 S) is inside the view, in the frame centred on it (no jump at 180).
    assert west < 178 < east and south < -18 < north
    assert east - west < 300, "zoomed to the routes, not the whole world"


def test_every_route_of_the_options_is_drawn_and_labelled(pages):
    rep, _ = pages["fiji"]
    n = len({o.facility_id for s in pages["fiji_dossier"].streams for o in s.options})
    assert n >= 3
    assert rep["routes"] == n and rep["ends"] == n
    assert len(rep["tooltips"]) == n and all(re.match(r"\d+\. ", t.strip()) for t in rep["tooltips"])
    assert rep["h1"].startswith("Dossier déchets de mercure")
    assert any("\u202f" in t or "\u00a0" in t for t in rep["tooltips"]), "French numbers in the map labels"


def test_xss_payloads_stay_text_in_the_browser(pages):
    rep, requests = pages["hostile"]
    assert "error" not in rep, rep.get("error")
    assert rep["xss"] is None and rep["payloadImgs"] == 0
    assert any(XSS_IMG in t for t in rep["tooltips"]), rep["tooltips"]
    assert requests == []
