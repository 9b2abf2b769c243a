"""hgmap.maps without a browser: classification, geometry, escaping, offline writing (public API only)."""

from __future__ import annotations

import json
import re

import folium
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import MultiLineString, Polygon

from hgmap import maps
from hgmap.maps.classify import NOT_ASSESSED_FILL, STATUS_FILL, fisher_jenks_bins
from hgmap.maps.geometry import line_geojson, polygon_quantized
from hgmap.maps.layers import json_for_script
from hgmap.maps.popups import OriginPopups, safe_url
from hgmap.errors import DataError, HgmapError, UnknownCountryError

from ._maps_data import fx


@pytest.fixture(scope="module")
def inputs():
    return fx.result(), fx.countries(), fx.facilities()


def _layers(m: folium.Map) -> dict[str, dict]:
    """Layer name -> embedded FeatureCollection."""
    return maps.layer_data(m)


def _layer(m: folium.Map, prefix: str) -> dict:
    found = [v for k, v in _layers(m).items() if k.startswith(prefix)]
    assert len(found) == 1, (prefix, list(_layers(m)))
    return found[0]


# --- classification ---------------------------------------------------------------


def test_classify_handles_ties_few_values_and_non_finite():
    classes, bins = maps.classify_distances([100.0, 100.0, np.nan, np.inf, 300.0], k=5)
    assert bins.tolist() == [100.0, 300.0]
    assert classes.tolist() == [0, 0, -1, -1, 1]


def test_classify_without_finite_values():
    classes, bins = maps.classify_distances([np.nan, np.inf], k=5)
    assert bins.size == 0 and classes.tolist() == [-1, -1]


def test_classify_many_values_uses_mapclassify():
    rng = np.random.default_rng(1)
    y = np.concatenate([rng.gamma(2.0, 2000.0, 200), [np.nan] * 5])
    classes, bins = maps.classify_distances(y, scheme="FisherJenks", k=5)
    assert 1 < bins.size <= 5 and np.all(np.diff(bins) > 0)
    finite = np.isfinite(y)
    assert classes[~finite].tolist() == [-1] * 5
    assert classes[finite].min() == 0 and classes[finite].max() == bins.size - 1
    assert classes[np.nanargmax(y)] == bins.size - 1
    # Every value sits at or under the upper bound of its class.
    assert np.all(y[finite] <= bins[classes[finite]] + 1e-9)


def test_fisher_jenks_matches_mapclassify():
    from mapclassify.classifiers import _fisher_jenks_means

    rng = np.random.default_rng(7)
    for n, k in ((244, 5), (30, 3), (57, 6)):
        for y in (rng.gamma(2.0, 3000.0, n), rng.integers(0, 12, n) * 750.0):
            x = np.sort(y)
            assert np.array_equal(fisher_jenks_bins(x, k), _fisher_jenks_means(x, classes=k))


def test_classify_rejects_k_below_one():
    with pytest.raises(HgmapError):
        maps.classify_distances([1.0], k=0)


# --- geometry ---------------------------------------------------------------------


def test_line_geojson_keeps_split_routes_and_never_jumps():
    already = MultiLineString([[(-172.0, -14.0), (-180.0, -16.0)], [(180.0, -16.0), (151.0, -34.0)]])
    assert len(line_geojson(already)["coordinates"]) == 2
    unsplit = MultiLineString([[(178.0, -17.8), (-179.0, -18.5), (179.0, -19.5), (151.2, -33.9)]])
    lines = line_geojson(unsplit)["coordinates"]
    assert len(lines) == 3
    for line in lines:
        lons = np.array(line)[:, 0]
        assert np.all(np.abs(np.diff(lons)) <= 180.0)


def _decode(q: dict) -> list:
    out = []
    for polygon in q["q"]:
        rings = []
        for ring in polygon:
            xy = np.cumsum(np.array(ring).reshape(-1, 2), axis=0) / q["s"]
            rings.append(xy)
        out.append(rings)
    return out


def test_quantized_outline_roundtrips_within_precision():
    poly = Polygon([(10.12345, 1.0), (11.98765, 1.0), (11.5, 2.33333), (10.12345, 1.0)],
                   holes=[[(11.0, 1.2), (11.2, 1.2), (11.1, 1.4), (11.0, 1.2)]])
    q = polygon_quantized(poly, 3)
    (shell, hole), = _decode(q)
    assert np.allclose(shell, np.round(np.asarray(poly.exterior.coords), 3))
    assert np.allclose(hole, np.round(np.asarray(poly.interiors[0].coords), 3))


def test_quantized_outline_keeps_a_tiny_island():
    atoll = Polygon([(179.2, -8.5), (179.2004, -8.5), (179.2004, -8.5003), (179.2, -8.5)])
    q = polygon_quantized(atoll, 3)
    assert q is not None and q["s"] > 1000


def test_display_countries_keeps_shared_borders_and_every_country():
    xs = np.linspace(0, 10, 400)
    edge = list(zip(xs, 5 + 0.2 * np.sin(xs * 9)))
    south = Polygon([(0, 0), (10, 0), *edge[::-1]])
    north = Polygon([*edge, (10, 10), (0, 10)])
    atoll = Polygon([(20, 20), (20.01, 20), (20.01, 20.01), (20, 20.01)])
    import geopandas as gpd

    layer = gpd.GeoDataFrame({"iso3": ["AAA", "BBB", "TUV"], "sids": [False, False, True]},
                             geometry=[south, north, atoll], crs=4326)
    out = maps.display_countries(layer, tolerance=0.5)
    assert len(out) == 3 and not out.geometry.is_empty.any()
    assert shapely.get_num_coordinates(out.geometry.iloc[0]) < shapely.get_num_coordinates(south)
    # Still a coverage: no overlap, no gap along the shared border.
    a, b = out.geometry.iloc[0], out.geometry.iloc[1]
    assert a.intersection(b).area < 1e-9
    assert a.union(b).area == pytest.approx(100.0, rel=1e-6)
    assert out.geometry.iloc[2].area == pytest.approx(atoll.area, rel=0.05)


def test_real_countries_world_map_fits_the_size_budget(tmp_path):
    """Issue 5: a world map for one stream is at most 3 MB; no SIDS vanishes."""
    countries_mod = pytest.importorskip("hgmap.countries")
    countries = countries_mod.load_countries()
    shown = maps.display_countries(countries)
    sids = countries.loc[countries["sids"], "iso3"]
    assert set(sids) <= set(shown["iso3"])
    assert not shown.loc[shown["sids"]].geometry.is_empty.any()
    # A synthetic result with a row for every country and a route for every SIDS.
    result = fx.result().iloc[0:0].copy()
    rows = []
    template = fx.result().iloc[0].to_dict()
    rng = np.random.default_rng(0)
    for rec in countries.to_dict("records"):
        row = dict(template)
        row.update(origin_iso3=rec["iso3"], origin_name=rec["name"], is_sids=bool(rec["sids"]),
                   distance_km=float(rng.uniform(10, 15000)))
        row["geometry"] = MultiLineString([[(rec["rep_lon"], rec["rep_lat"]), (144.9, -37.8)]])
        rows.append(row)
    import geopandas as gpd

    result = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)
    result.attrs.update(fx.result().attrs)
    for online, view in ((True, "world"), (False, "world"), (False, "pacific")):
        # countries=None is the same shipped layer, with its simplified outlines cached.
        m = maps.accessibility_map(result, countries=None, facilities=fx.facilities(),
                                   online=online, view=view)
        assert len(_layer(m, "Small Island")["features"]) == len(sids)
        path = maps.save_map(m, tmp_path / f"{view}-{online}.html")
        assert path.stat().st_size <= maps.MAX_MAP_BYTES, path.stat().st_size
    # Pacific view: Greenland is cut at 30 W, Fiji and Russia are whole at 180, no
    # outline part is drawn across the map.
    outlines = {f["id"]: f for f in _layer(m, "Countries")["features"]}
    assert len(outlines) == len(shown)
    for iso3, feature in outlines.items():
        for shell in _outline_parts(feature):
            assert np.ptp(shell[:, 0]) <= 180.0 and shell[:, 0].min() >= -30.0, iso3
    assert {round(s[:, 0].max()) for s in _outline_parts(outlines["GRL"])} >= {330}
    assert {round(s[:, 0].min()) for s in _outline_parts(outlines["GRL"])} >= {-30}
    for iso3 in ("FJI", "RUS"):
        assert not any(s[:, 0].min() == 180.0 for s in _outline_parts(outlines[iso3])), iso3


# --- selection and escaping -------------------------------------------------------


def test_routes_for_unknown_code_is_refused(inputs):
    result, countries, facilities = inputs
    with pytest.raises(UnknownCountryError, match="XXX"):
        maps.accessibility_map(result, countries=countries, facilities=facilities, routes_for="TUV,XXX")
    assert maps.select_origins is not None  # re-exported from hgmap.origins


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=1", True), ("http://example.org", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" javascript:x", False),
    ("data:text/html,<script>", False), ("//evil.example", False), ("https:///x", False),
    ("https://ex ample.org", False), ("vbscript:x", False), (None, False), ("", False),
])
def test_only_http_urls_become_links(url, ok):
    assert (safe_url(url) is not None) is ok


def test_catalogue_text_is_never_evaluated_as_a_template(inputs):
    """branca re-templates what elements render; hgmap's layers must not (``{{ 7*7 }}`` stays text)."""
    result, countries, facilities = inputs
    facilities = facilities.copy()
    facilities.loc[facilities["id"] == "HG-FRA-999", "name"] = "Plant {{ 7*7 }} {% if 1 %}x{% endif %}"
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    page = maps.render_page(m)
    assert "Plant {{ 7*7 }} {% if 1 %}x{% endif %}" in page and "Plant 49" not in page


# --- the map ----------------------------------------------------------------------


def test_map_layers_and_counts(inputs):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    assert isinstance(m, folium.Map)
    assert len(_layer(m, "Small Island")["features"]) == fx.N_SIDS
    accepting = _layer(m, "Facilities accepting")["features"]
    assert sorted(f["id"] for f in accepting) == sorted(f"fac-{i}" for i in fx.LAMP_FACILITIES)
    other = _layer(m, "Other facilities")["features"]
    assert sorted(f["id"] for f in other) == ["fac-HG-SGP-001", "fac-HG-USA-001"]
    routes = _layer(m, "Routes")["features"]
    assert sorted(f["id"] for f in routes) == [f"route-{c}" for c in
                                               ("CUB", "FJI", "JAM", "KIR", "TUV", "WSM")]
    for feature in routes:
        for line in feature["geometry"]["coordinates"]:
            assert np.all(np.abs(np.diff(np.array(line)[:, 0])) <= 180.0)
    page = maps.render_page(m)
    assert "L.control.layers(" in page and "L.control.fullscreen(" in page and "L.control.scale(" in page
    assert "tile.openstreetmap.org" not in page  # offline by default: no tiles
    online = maps.render_page(maps.accessibility_map(result, countries=countries, facilities=facilities,
                                                     online=True))
    assert "tile.openstreetmap.org" in online


def test_routes_for_selection(inputs):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities, routes_for="none")
    assert not any(k.startswith("Routes") for k in _layers(m))
    m = maps.accessibility_map(result, countries=countries, facilities=facilities,
                               routes_for=["AUS", "WSM"])
    assert sorted(f["id"] for f in _layer(m, "Routes")["features"]) == ["route-AUS", "route-WSM"]
    m = maps.accessibility_map(result, countries=countries, facilities=facilities, routes_for="all")
    assert len(_layer(m, "Routes")["features"]) == 7


# --- Pacific view -----------------------------------------------------------------


@pytest.fixture(scope="module")
def pacific_inputs():
    return fx.pacific_result(), fx.countries(), fx.pacific_facilities()


def _max_jump(line: list) -> float:
    lons = np.array(line)[:, 0]
    return float(np.abs(np.diff(lons)).max()) if len(lons) > 1 else 0.0


def _symbols(m: folium.Map) -> dict[str, list[float]]:
    return {f["id"]: f["geometry"]["coordinates"] for f in _layer(m, "Small Island")["features"]}


def test_pacific_view_puts_pacific_sids_and_routes_together(pacific_inputs):
    result, countries, facilities = pacific_inputs
    world = maps.accessibility_map(result, countries=countries, facilities=facilities, view="world")
    m = maps.accessibility_map(result, countries=countries, facilities=facilities, view="pacific")
    assert (world.hgmap_view, m.hgmap_view) == ("world", "pacific")
    assert m.location == [-10, 180] and world.location == [12, 20]
    # On the world map Tonga and Fiji sit at opposite edges; here they are neighbours.
    assert abs(_symbols(world)["sids-TON"][0] - _symbols(world)["sids-FJI"][0]) > 180
    pacific = {k: v for k, v in _symbols(m).items() if k[5:] in fx.PACIFIC_SIDS}
    lons = sorted(lon for lon, _lat in pacific.values())
    assert lons[-1] - lons[0] < 20 and 170 <= lons[0] and lons[-1] <= 190, pacific
    assert _symbols(m)["sids-TON"] == [184.8, -21.2] and _symbols(m)["sids-FJI"] == [178.0, -17.8]
    routes = {f["id"]: f["geometry"]["coordinates"] for f in _layer(m, "Routes")["features"]}
    # Tonga -> Auckland: split at +-180 in the result, one continuous line here.
    (ton,) = routes["route-TON"]
    assert _max_jump(ton) <= 180 and ton[0] == [184.8, -21.2] and ton[-1] == [174.8, -36.8]
    assert [180.0, -28.0] in ton
    assert len(next(f for f in _layer(world, "Routes")["features"]
                    if f["id"] == "route-TON")["geometry"]["coordinates"]) == 2
    (wsm,) = routes["route-WSM"]  # Samoa -> Melbourne, also split at +-180 in the result
    assert wsm[0][0] == pytest.approx(187.9) and wsm[-1] == [144.9, -37.8]
    # The facility marker is where the route ends.
    nzl = next(f for f in _layer(m, "Facilities accepting")["features"] if f["id"] == "fac-HG-NZL-001")
    assert nzl["geometry"]["coordinates"] == ton[-1]
    for feature in routes.values():
        for line in feature:
            assert _max_jump(line) <= 180.0
            assert all(-30.0 <= lon <= 330.0 for lon, _lat in line)
    # Caribbean -> Germany routes cross the seam in the Atlantic: cut there, not smeared.
    jam = routes["route-JAM"]
    assert len(jam) == 2 and jam[0][-1][0] == 330.0 and jam[1][0][0] == -30.0


def test_pacific_view_changes_only_coordinates(pacific_inputs):
    result, countries, facilities = pacific_inputs
    world = maps.accessibility_map(result, countries=countries, facilities=facilities, view="world")
    m = maps.accessibility_map(result, countries=countries, facilities=facilities, view="pacific")
    for name, layer in _layers(world).items():
        other = _layers(m)[name]
        assert [f["id"] for f in layer["features"]] == [f["id"] for f in other["features"]]
        assert [f["properties"] for f in layer["features"]] == [f["properties"] for f in other["features"]]


def _outline_parts(feature: dict) -> list[np.ndarray]:
    return [rings[0] for rings in _decode(feature["geometry"])]


def test_pacific_view_cuts_outlines_at_the_seam(pacific_inputs):
    result, countries, facilities = pacific_inputs
    greenland = Polygon([(-73.0, 78.0), (-60.0, 82.0), (-12.0, 81.0), (-20.0, 70.0), (-44.0, 60.0),
                         (-53.0, 66.0), (-73.0, 78.0)])
    import geopandas as gpd
    import pandas as pd

    grl = gpd.GeoDataFrame({"iso3": ["GRL"], "name": ["Greenland"], "sids": [False]},
                           geometry=[greenland], crs=4326)
    layer = gpd.GeoDataFrame(pd.concat([countries, grl], ignore_index=True), crs=4326)
    m = maps.accessibility_map(result, countries=layer, facilities=facilities, view="pacific")
    outlines = {f["id"]: f for f in _layer(m, "Countries")["features"]}
    assert set(outlines) == set(layer["iso3"])
    for iso3, feature in outlines.items():
        for shell in _outline_parts(feature):
            assert np.ptp(shell[:, 0]) <= 180.0, iso3
            assert shell[:, 0].min() >= -30.0 and shell[:, 0].max() <= 330.0, iso3
    # Greenland straddles 30 W: two pieces that meet at the seam, from opposite sides.
    west, east = sorted(_outline_parts(outlines["GRL"]), key=lambda shell: shell[:, 0].min())
    assert west[:, 0].min() == -30.0 and west[:, 0].max() == pytest.approx(-12.0)
    assert east[:, 0].max() == 330.0 and east[:, 0].min() == pytest.approx(287.0)
    # Fiji's parts on both sides of 180 become one island: no stroke along 180.
    (fji,) = _outline_parts(outlines["FJI"])
    assert fji[:, 0].min() == 177.0 and fji[:, 0].max() == 180.5
    # Kiribati's Line Islands (-157.5) join the Gilberts (173) in one range.
    assert all(172.0 < shell[:, 0].min() for shell in _outline_parts(outlines["KIR"]))


@pytest.mark.parametrize("routes_for, expected", [
    (list(fx.PACIFIC_SIDS), "pacific"),
    (list(fx.CARIBBEAN_SIDS), "world"),
    ("TON", "pacific"),            # no result row: the selection itself decides
    (None, "world"),               # every SIDS: 4 of the 9 in the result are Pacific
    ("all", "world"),
    ("none", "world"),
    (["FJI", "WSM", "JAM", "CUB"], "world"),  # a tie is the world view
])
def test_auto_view_follows_the_drawn_routes(inputs, routes_for, expected):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities, routes_for=routes_for)
    assert m.hgmap_view == expected
    assert m.location == ([-10, 180] if expected == "pacific" else [12, 20])


def test_auto_view_counts_only_origins_in_the_result(inputs):
    result, countries, facilities = inputs
    pacific_only = result[result["origin_iso3"].isin(["TUV", "WSM", "FJI", "AUS"])]
    m = maps.accessibility_map(pacific_only, countries=countries, facilities=facilities)
    assert m.hgmap_view == "pacific"  # default routes_for="sids": TUV, WSM, FJI are drawn
    m = maps.accessibility_map(pacific_only, countries=countries, facilities=facilities, view="world")
    assert m.hgmap_view == "world"


def test_unknown_view_is_refused(inputs):
    result, countries, facilities = inputs
    with pytest.raises(HgmapError, match="view"):
        maps.accessibility_map(result, countries=countries, facilities=facilities, view="atlantic")


def test_pacific_page_is_deterministic_and_offline(pacific_inputs, tmp_path):
    result, countries, facilities = pacific_inputs
    pages = []
    for name in ("a", "b"):
        m = maps.accessibility_map(result, countries=countries, facilities=facilities, view="pacific")
        pages.append(maps.save_map(m, tmp_path / f"{name}.html").read_bytes())
    assert pages[0] == pages[1]
    page = pages[0].decode("utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I) and "center: [-10.0, 180.0]" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_country_styles_and_popups(inputs):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    by_iso = {f["id"]: f["properties"] for f in _layer(m, "Countries")["features"]}
    assert len(by_iso) == len(countries)
    fills = {iso: p["style"]["fillColor"] for iso, p in by_iso.items()}
    assert fills["BRB"] == STATUS_FILL["no_legal_route"]
    assert fills["MDV"] == STATUS_FILL["no_facility_for_stream"]
    assert fills["TON"] == fills["NZL"] == NOT_ASSESSED_FILL
    assert fills["DEU"] != fills["JAM"]  # 35 km and 8,900 km fall in different classes
    tuv = by_iso["TUV"]["pop"]
    for needle in ("Ecocycle Mercury Recovery (AUS)", "4,321 km", "permitted with prior informed consent",
                   "PIC consent of AUS", "Transit states:</b> none", "Alternatives",
                   "Itomuka Plant (JPN)", "via SGP"):
        assert needle in tuv, needle
    brb = by_iso["BRB"]["pop"]
    assert "no legal route" in brb and "basel_art4_5_nonparty" in brb
    assert "&lt;b&gt;import&lt;/b&gt; &amp; transit" in brb  # reason detail escaped


def test_facility_popup_escapes_catalogue_text(inputs):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    bad = next(f for f in _layer(m, "Facilities accepting")["features"] if f["id"] == "fac-HG-FRA-999")
    pop = bad["properties"]["pop"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pop
    assert "<img" not in pop and "<script" not in pop and "javascript:" not in pop.split("</b>")[0]
    assert 'href="javascript' not in pop and "href='javascript" not in pop
    assert '<a href="https://example.org/ok"' in pop
    assert "${document" in pop  # text in the popup's HTML; no template literal ever holds it
    good = next(f for f in _layer(m, "Facilities accepting")["features"] if f["id"] == "fac-HG-AUS-001")
    for needle in ("Ecocycle Pty Ltd", "Melbourne", "retorting, lamp_recycling", "lamps, batteries",
                   "5,000 t/yr", '<a href="https://www.ecocycle.com.au"', "high",
                   "Best accessible facility (rank 1) for:</b> Australia, Fiji, Samoa, Tuvalu"):
        assert needle in good["properties"]["pop"], needle
    assert good["properties"]["tech"] == "recovery"


def test_rendered_page_has_title_legend_and_no_raw_payload(inputs, tmp_path):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities,
                               title="Lamps & tubes <draft>", online=True)
    page = maps.save_map(m, tmp_path / "m.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "</script><script>document" not in page
    assert "Lamps \\u0026amp; tubes \\u0026lt;draft\\u0026gt;" in page
    for needle in ("2025-06-01", "2025-05-15", "Not legal advice", " km"):
        assert needle in page, needle
    assert "cdn.jsdelivr.net/npm/leaflet@" in page and "tile.openstreetmap.org" in page
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()


def test_offline_page_is_self_contained(inputs, tmp_path):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    page = maps.save_map(m, tmp_path / "offline.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "tile.openstreetmap.org" not in page and "L.tileLayer" not in page
    assert "Leaflet 1.9.3" in page and "data:image/png;base64," in page
    assert "Control.FullScreen" in page


def test_save_map_follows_how_the_map_was_built(inputs, tmp_path):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    page = maps.save_map(m, tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<script src=" not in page


def test_offline_refuses_a_remote_tile_layer(inputs, tmp_path):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities, online=True)
    with pytest.raises(HgmapError, match="tile layer"):
        maps.save_map(m, tmp_path / "x.html", online=False)
    assert list(tmp_path.iterdir()) == []


def test_offline_refuses_libraries_it_cannot_inline(inputs, tmp_path):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    folium.plugins.MiniMap().add_to(m)
    with pytest.raises(HgmapError, match="no vendored copy"):
        maps.save_map(m, tmp_path / "x.html")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_file(inputs, tmp_path, monkeypatch):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    target = tmp_path / "keep.html"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr("hgmap.maps.page.make_offline", lambda page: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        maps.save_map(m, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.html"]


def test_save_map_logs_the_size(inputs, tmp_path, caplog):
    result, countries, facilities = inputs
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    with caplog.at_level("INFO", logger="hgmap.maps"):
        path = maps.save_map(m, tmp_path / "sub" / "m.html")
    assert path.exists() and "MB" in caplog.text and "offline" in caplog.text


def test_sids_without_rep_point_still_drawn(inputs):
    result, countries, facilities = inputs
    countries = countries.copy()
    countries.loc[countries["iso3"] == "TUV", ["rep_lon", "rep_lat"]] = np.nan
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    assert len(_layer(m, "Small Island")["features"]) == fx.N_SIDS


def test_rejects_a_table_that_is_not_a_result(inputs):
    _, countries, facilities = inputs
    with pytest.raises(DataError, match="origin_iso3"):
        maps.accessibility_map(countries, countries=countries, facilities=facilities)


def test_embedded_json_cannot_close_the_script():
    data = {"t": "</script><script>x()</script><!-- <b>ok</b> \u2028", "n": [1.5, None]}
    text = json_for_script(data)
    assert "</" not in text and "<!" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_cli_map_end_to_end(tmp_path, capsys, monkeypatch):
    pytest.importorskip("hgmap.access")
    from hgmap.cli import main

    monkeypatch.chdir(tmp_path)
    rc = main(["map", "--stream", "lamps", "--origins", "TUV,WSM,FJI,AUS", "--alternatives", "2"])
    assert rc == 0
    out = tmp_path / "maps" / "lamps.html"
    printed = capsys.readouterr().out
    assert re.search(r"wrote maps/lamps\.html \(\d+\.\d\d MB, offline\)", printed), printed
    # --view auto: the routes drawn (TUV, WSM, FJI) all start in Pacific SIDS.
    assert "pacific view" in printed
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", page) and "Not legal advice" in page
    assert out.stat().st_size <= maps.MAX_MAP_BYTES
    assert main(["map", "--stream", "lamps", "--origins", "TUV,XXX", "--out", "x.html"]) == 2
    assert not (tmp_path / "x.html").exists()


def test_blocked_reasons_put_legal_ones_first():
    reasons = [
        {"facility_name": "Lamp plant", "facility_iso3": "COL", "distance_km": 100.0, "reason": "stream",
         "rules": [], "detail": "does not accept elemental_mercury"},
        {"facility_name": "Retort", "facility_iso3": "USA", "distance_km": 300.0, "reason": "law",
         "rules": ["R2"], "detail": "prohibited"},
    ]
    reasons = reasons[:1] * 2 + reasons[1:] * 3  # 5 reasons: 4 shown, legal ones first
    result = pd.DataFrame([{"origin_iso3": "COL", "rank": 1, "status": "no_legal_route",
                            "distance_km": np.nan, "blocked_reasons": reasons}])
    tip, pop = OriginPopups(result, {}).html("Colombia", "COL")
    assert tip == "Colombia: no legal route"
    assert pop.count("Retort (USA)") == 3 and pop.count("Lamp plant (COL)") == 1 and "… 1 more" in pop
    assert pop.index("Retort") < pop.index("Lamp plant")


def test_renumbering_ids_leaves_catalogue_urls_alone(inputs):
    """Only folium's element ids are renumbered; a 32-hex name in a source URL stays intact."""
    result, countries, facilities = inputs
    facilities = facilities.copy()
    url = "https://archive.epa.gov/newsreleases/cf9b9f45d9e9a5b98525766a005b6844.html"
    facilities.loc[facilities["id"] == "HG-AUS-001", "source_url"] = url
    pages = [maps.render_page(maps.accessibility_map(result, countries=countries, facilities=facilities))
             for _ in range(2)]
    assert pages[0] == pages[1] and url in pages[0]
    assert "00000000000000000000000000000000" in pages[0]


def test_offline_check_reads_the_documents_real_resources(inputs, tmp_path):
    """Issue 16, item 9: markup inside the page's JSON is data, not a resource."""
    result, countries, facilities = inputs
    facilities = facilities.copy()
    result = result.copy()
    facilities.loc[facilities["id"] == "HG-AUS-001", "id"] = 'AUS<img src="https://evil.example/x.png">'
    result.loc[result["facility_id"] == "HG-AUS-001", "facility_id"] = 'AUS<img src="https://evil.example/x.png">'
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    page = maps.save_map(m, tmp_path / "m.html").read_text(encoding="utf-8")
    assert maps.external_resources(page) == []
    assert "evil.example" in page  # still there, as text in the data


@pytest.mark.parametrize("markup, found", [
    ('<script src="https://cdn.example/x.js"></script>', 1),
    ('<link rel="stylesheet" href="//cdn.example/x.css">', 1),
    ('<img srcset="a.png 1x">', 1),
    ("<style>body{background:url('https://t.example/a.png')}</style>", 1),
    ('<div style="background:url(//t.example/a.png)"></div>', 1),
    ("<style>@import 'x.css';</style>", 1),
    ('<img src="data:image/png;base64,AAAA">', 0),
    ('<a href="https://example.org">a link is not fetched</a>', 0),
    ('<script>var s = "<img src=https://x.example/y.png>";</script>', 0),
])
def test_external_resources(markup, found):
    assert len(maps.external_resources(f"<!DOCTYPE html><html><body>{markup}</body></html>")) == found


def test_external_resources_remote_only():
    page = '<iframe src="../maps/lamps.html"></iframe><script src="https://cdn.example/x.js"></script>'
    assert len(maps.external_resources(page)) == 2
    assert len(maps.external_resources(page, remote_only=True)) == 1


@pytest.mark.parametrize("objective, words", [("cost", "lowest estimated transport cost"),
                                              ("distance", "shortest route")])
def test_map_labels_rank_one_by_the_objective_not_nearest(inputs, objective, words):
    """Rank 1 is the best by the result's objective (estimated transport cost by default):
    the title, legend and popups say so and never call it the nearest."""
    result, countries, facilities = inputs
    result = result.copy()
    result.attrs = {**result.attrs, "objective": objective}
    m = maps.accessibility_map(result, countries=countries, facilities=facilities)
    page = m.get_root().render()
    assert f"distance to the best legally accessible facility ({words})" in page
    assert f"Distance to the best accessible facility ({words})" in page
    assert "nearest accessible" not in page.lower() and "nearer facilities" not in page.lower()
    pops = " ".join(f["properties"].get("pop", "") for f in _layer(m, "Countries")["features"])
    assert f"Best accessible facility ({words}):" in pops


def test_map_title_says_facilities_are_the_catalogues_when_the_law_is_older(inputs):
    result, countries, facilities = inputs
    old = result.copy()
    old.attrs = {**result.attrs, "as_of": "2010-06-01"}
    facilities = facilities.copy()
    facilities["as_of"] = "2026-12-01"
    page = maps.accessibility_map(old, countries=countries, facilities=facilities).get_root().render()
    assert "The law is read as of 2010-06-01; the facilities" in page and "not as they were on 2010-06-01" in page
    new = result.copy()
    new.attrs = {**result.attrs, "as_of": "2026-12-01"}
    page = maps.accessibility_map(new, countries=countries, facilities=facilities).get_root().render()
    assert "not as they were on" not in page
