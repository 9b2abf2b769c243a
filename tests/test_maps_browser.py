"""Open written maps in headless Chromium and check what a reader would get.

One Chromium run per map (``--dump-dom`` with a virtual-time budget), on a copy of
the map with a small probe script appended. The probe counts the Leaflet objects in
the DOM, opens every popup and tooltip (which is when Leaflet parses their HTML),
follows the routes' coordinates and writes a JSON report into the page. Network
access is observed with Chromium's NetLog, and cut off with a proxy that points
nowhere, so the results do not depend on the machine's connection.

Needs Debian's ``chromium`` (``/usr/bin/chromium``; ``HGMAP_CHROMIUM`` overrides).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hgmap import maps

from . import _browser
from ._maps_data import fx

pytestmark = pytest.mark.browser

if not _browser.CHROMIUM:
    pytest.skip("headless Chromium not found (/usr/bin/chromium; apt-get install chromium)",
                allow_module_level=True)



# Appended before </body>. An executed payload would set <html data-xss>; alert is
# replaced so that the literal `onerror=alert(1)` payload would leave the same trace.
PROBE = """<script>
window.alert = function () { document.documentElement.dataset.xss = "alert"; };
window.addEventListener("load", function () {
  var rep = {leaflet: typeof L !== "undefined",
             nolib: !!document.querySelector(".hgmap-nolib")};
  try {
    var names = Object.keys(window).filter(function (k) {
      return /^map_/.test(k) && window[k] instanceof L.Map; });
    rep.maps = names.length;
    var map = window[names[0]];
    rep.containers = document.querySelectorAll(".leaflet-container").length;
    rep.sids = document.querySelectorAll("path.hgmap-sids").length;
    rep.facilities = document.querySelectorAll(".leaflet-marker-icon.hgmap-facility").length;
    rep.routes = document.querySelectorAll("path.hgmap-route").length;
    rep.countries = document.querySelectorAll("path.hgmap-country").length;
    rep.title = (document.querySelector(".hgmap-title") || {}).textContent || "";
    rep.legend = (document.querySelector(".hgmap-legend") || {}).textContent || "";
    rep.controls = {
      layers: !!document.querySelector(".leaflet-control-layers"),
      scale: !!document.querySelector(".leaflet-control-scale"),
      fullscreen: !!document.querySelector(".leaflet-control-zoom-fullscreen, .fullscreen-icon")};
    rep.popups = []; rep.tooltips = []; rep.maxJump = 0;
    var c = map.getCenter();
    rep.center = [c.lat, c.lng]; rep.zoom = map.getZoom();
    // Where each SIDS symbol is, and how far any outline or route spreads east-west.
    rep.sidsLng = {}; rep.ringMaxSpan = 0; rep.lngMin = 1e9; rep.lngMax = -1e9;
    var spread = function (lls) {
      if (!lls.length) { return; }
      if (Array.isArray(lls[0])) { lls.forEach(spread); return; }
      var lo = 1e9, hi = -1e9;
      lls.forEach(function (ll) { lo = Math.min(lo, ll.lng); hi = Math.max(hi, ll.lng); });
      rep.ringMaxSpan = Math.max(rep.ringMaxSpan, hi - lo);
      rep.lngMin = Math.min(rep.lngMin, lo); rep.lngMax = Math.max(rep.lngMax, hi);
    };
    map.eachLayer(function (layer) {
      if (layer instanceof L.CircleMarker && layer.feature) {
        rep.sidsLng[layer.feature.properties.iso3] = layer.getLatLng().lng;
      }
      if (layer instanceof L.Polyline) { spread(layer.getLatLngs()); }
      if (layer.getPopup && layer.getPopup()) {
        layer.openPopup(layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter());
        var el = layer.getPopup().getElement();
        rep.popups.push(el ? el.textContent : "");
        layer.closePopup();
      }
      if (layer.getTooltip && layer.getTooltip()) {
        layer.openTooltip(layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter());
        var tel = layer.getTooltip().getElement();
        rep.tooltips.push(tel ? tel.textContent : "");
        layer.closeTooltip();
      }
      if (layer instanceof L.Polyline && !(layer instanceof L.Polygon)) {
        var parts = layer.getLatLngs();
        if (parts.length && !Array.isArray(parts[0])) { parts = [parts]; }
        parts.forEach(function (part) {
          for (var i = 1; i < part.length; i++) {
            rep.maxJump = Math.max(rep.maxJump, Math.abs(part[i].lng - part[i - 1].lng));
          }
        });
      }
    });
    rep.payloadImgs = document.querySelectorAll("img[src=x]").length;
    rep.resources = performance.getEntriesByType("resource").map(function (e) { return e.name; });
  } catch (e) { rep.error = String(e); }
  setTimeout(function () {
    rep.xss = document.documentElement.dataset.xss || null;
    rep.docTitle = document.title;
    var pre = document.createElement("pre");
    pre.id = "hgmap-probe";
    pre.textContent = JSON.stringify(rep);
    document.body.appendChild(pre);
  }, 300);
});
</script>"""


def _chromium(args: list[str], tmp: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_browser.CHROMIUM, *_browser.FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
        capture_output=True, text=True, timeout=90, check=False)


def _probe(page: Path, tmp: Path) -> tuple[dict, list[str]]:
    return _browser.run_script(page, PROBE, tmp, beside=False)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("maps_browser")
    result, countries, facilities = fx.result(), fx.countries(), fx.facilities()
    out = {"tmp": tmp}
    for mode in ("offline", "online"):
        m = maps.accessibility_map(result, countries=countries, facilities=facilities,
                                   online=mode == "online")
        page = maps.save_map(m, tmp / f"{mode}.html")
        out[mode] = page
        out[f"{mode}_report"], out[f"{mode}_requests"] = _probe(page, tmp)
    return out


def test_offline_map_initialises_with_controls(written):
    rep = written["offline_report"]
    assert "error" not in rep, rep.get("error")
    assert rep["leaflet"] and rep["maps"] == 1 and rep["containers"] == 1
    assert rep["controls"] == {"layers": True, "scale": True, "fullscreen": True}
    assert "lamps" in rep["title"] and "2025-06-01" in rep["title"] and "2025-05-15" in rep["title"]
    assert "Not legal advice" in rep["title"]
    assert "km" in rep["legend"] and "no legal route" in rep["legend"]
    assert not rep["nolib"]


def test_expected_symbols_are_in_the_dom(written):
    rep = written["offline_report"]
    assert rep["sids"] == fx.N_SIDS
    assert rep["facilities"] == len(fx.LAMP_FACILITIES)
    # TUV, WSM, FJI, KIR, JAM, CUB have routes; SGP has none; AUS is not a SIDS.
    assert rep["routes"] == 6
    assert rep["countries"] == len(fx.countries())
    # Every country, SIDS symbol and shown facility has a popup with text.
    assert len(rep["popups"]) == len(fx.countries()) + fx.N_SIDS + len(fx.LAMP_FACILITIES)
    assert all(rep["popups"]) and all(rep["tooltips"])


def test_routes_never_jump_across_the_map(written):
    assert 0 < written["offline_report"]["maxJump"] <= 180


def test_catalogue_text_shows_as_text_and_never_runs(written):
    rep = written["offline_report"]
    assert rep["xss"] is None and rep["payloadImgs"] == 0
    assert rep["docTitle"] == ""
    texts = rep["popups"] + rep["tooltips"]
    assert any(fx.XSS_IMG in t for t in rep["popups"])
    assert any(fx.XSS_IMG in t for t in rep["tooltips"])
    assert any(fx.XSS_SCRIPT in t for t in texts)
    assert any("${document.documentElement" in t for t in texts)
    # Tonga has no result row but still gets a symbol and a popup.
    assert any(t.startswith("Tonga (TON)") and "Not assessed" in t for t in rep["popups"])
    brb = next(t for t in rep["popups"] if t.startswith("Barbados"))
    assert "no legal route" in brb and "Old Retort (USA)" in brb and "basel_art4_5_nonparty" in brb


def test_offline_map_makes_no_network_request(written):
    assert written["offline_requests"] == []
    assert not [r for r in written["offline_report"]["resources"]
                if urlsplit(r).scheme in ("http", "https")]


def test_online_map_uses_cdn_and_says_so_without_network(written):
    # The positive control for the NetLog check above: the same filter sees the CDN.
    assert any("leaflet" in url for url in written["online_requests"])
    rep = written["online_report"]
    assert not rep["leaflet"] and rep["nolib"]


def test_screenshot(written):
    tmp = written["tmp"]
    png = tmp / "offline.png"
    proc = _chromium(["--virtual-time-budget=5000", "--window-size=1280,800",
                      f"--screenshot={png}", written["offline"].as_uri()], tmp)
    assert png.exists(), proc.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


@pytest.fixture(scope="module")
def pacific(tmp_path_factory) -> dict:
    """The fixture result plus a Tonga -> Auckland route, in the Pacific view, offline."""
    tmp = tmp_path_factory.mktemp("maps_pacific")
    m = maps.accessibility_map(fx.pacific_result(), countries=fx.countries(),
                               facilities=fx.pacific_facilities(),
                               routes_for=list(fx.PACIFIC_SIDS))
    assert m.hgmap_view == "pacific"  # chosen by view="auto"
    page = maps.save_map(m, tmp / "pacific.html")
    report, requests = _probe(page, tmp)
    return {"tmp": tmp, "page": page, "report": report, "requests": requests}


def test_pacific_map_initialises_on_the_pacific(pacific):
    rep = pacific["report"]
    assert "error" not in rep, rep.get("error")
    assert rep["leaflet"] and rep["maps"] == 1 and not rep["nolib"]
    assert rep["controls"] == {"layers": True, "scale": True, "fullscreen": True}
    assert rep["center"] == [-10, 180] and rep["zoom"] == 2
    assert rep["sids"] == fx.N_SIDS and len(rep["sidsLng"]) == fx.N_SIDS
    assert rep["facilities"] == len(fx.LAMP_FACILITIES) + 1  # + Auckland
    assert rep["routes"] == len(fx.PACIFIC_SIDS)  # TON, FJI, WSM, TUV, KIR
    assert rep["countries"] == len(fx.countries())
    assert pacific["requests"] == [] and rep["xss"] is None


def test_pacific_map_keeps_the_pacific_in_one_piece(pacific):
    rep = pacific["report"]
    lngs = [rep["sidsLng"][iso3] for iso3 in fx.PACIFIC_SIDS]
    assert 170 <= min(lngs) and max(lngs) <= 190, rep["sidsLng"]  # Tonga at 184.8, not -175.2
    assert rep["sidsLng"]["TON"] == pytest.approx(184.8)
    assert 0 < rep["maxJump"] <= 180
    # No outline or route is drawn across the map, and all sit in the [-30, 330) frame.
    assert rep["ringMaxSpan"] <= 180 and rep["lngMin"] >= -30 and rep["lngMax"] <= 330
    assert any(t.startswith("Tonga (TON)") and "Auckland Lamp Recovery (NZL)" in t
               for t in rep["popups"])


def test_pacific_screenshot(pacific):
    tmp = pacific["tmp"]
    png = tmp / "pacific.png"
    proc = _chromium(["--virtual-time-budget=5000", "--window-size=1280,800",
                      f"--screenshot={png}", pacific["page"].as_uri()], tmp)
    assert png.exists(), proc.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def test_real_sids_map_from_the_cli(tmp_path):
    """End to end: ``hgmap map --origins sids`` (offline by default) on the shipped data."""
    from hgmap.cli import main
    from hgmap.countries import load_countries
    from hgmap.facilities import load_facilities

    page = tmp_path / "lamps.html"
    assert main(["map", "--stream", "lamps", "--origins", "sids", "--out", str(page)]) == 0
    assert page.stat().st_size <= maps.MAX_MAP_BYTES
    rep, requests = _probe(page, tmp_path)
    assert "error" not in rep, rep.get("error")
    assert requests == []
    assert rep["sids"] == int(load_countries()["sids"].sum()) == 58
    facilities = load_facilities()
    accepting = facilities[facilities["status"].eq("operating")
                           & facilities["streams"].map(lambda s: "lamps" in s)]
    assert rep["facilities"] == len(accepting) > 0
    assert rep["routes"] > 0 and rep["maxJump"] <= 180
    assert rep["xss"] is None
