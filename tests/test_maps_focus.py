"""Maps focused on one country or a few (issue #14): fit to the origins and routes, no not-assessed clutter."""

from __future__ import annotations

import re

import pytest

from hgmap import maps
from hgmap.errors import HgmapError

from ._maps_data import fx


def _only(*codes):
    res = fx.result()
    out = res[res["origin_iso3"].isin(codes)].reset_index(drop=True)
    out.attrs.update(res.attrs)
    return out


def _map(result, **kw):
    return maps.accessibility_map(result, countries=fx.countries(), facilities=fx.facilities(), **kw)


def _layer(m, prefix):
    found = [v for k, v in maps.layer_data(m).items() if k.startswith(prefix)]
    return found[0] if found else {"features": []}


def _inside(bounds, lon, lat):
    (south, west), (north, east) = bounds
    return south <= lat <= north and west <= lon <= east


def _legend_and_title(m, tmp_path):
    page = maps.save_map(m, tmp_path / "m.html").read_text(encoding="utf-8")
    return page


def test_one_origin_map_fits_the_origin_and_its_route(tmp_path):
    m = _map(_only("FJI"))
    assert m.hgmap_focus == ("FJI",)
    # Fiji -> Melbourne crosses 180: the Pacific frame holds it in one piece (world: 357 deg wide).
    assert m.hgmap_view == "pacific"
    b = m.hgmap_bounds
    assert _inside(b, 178.0, -17.8) and _inside(b, 151.2, -33.9) and _inside(b, 181.0, -18.5)
    assert b[1][1] - b[0][1] < 40, b  # not the world
    assert [f["properties"]["iso3"] for f in _layer(m, "Small Island")["features"]] == ["FJI"]
    assert [f["id"] for f in _layer(m, "Routes")["features"]] == ["route-FJI"]
    page = _legend_and_title(m, tmp_path)
    assert re.search(r"map\.fitBounds\(\[\[", page)
    assert "not assessed: this map is for Fiji (FJI) only" in page
    assert "origins Fiji (FJI)" in page and "other SIDS not drawn" in page


def test_a_few_origins_are_focused_together_and_routes_follow_the_origins():
    m = _map(_only("JAM", "CUB", "AUS"))
    assert m.hgmap_focus == ("AUS", "CUB", "JAM")
    assert m.hgmap_view == "world"
    b = m.hgmap_bounds
    for lon, lat in [(-77.3, 18.1), (-79.0, 21.8), (12.4, 51.3), (151.2, -33.9), (144.9, -37.8)]:
        assert _inside(b, lon, lat), (lon, lat, b)
    # Australia is no SIDS, but its route is drawn: a focused map draws its origins' routes.
    assert {f["id"] for f in _layer(m, "Routes")["features"]} == {"route-JAM", "route-CUB", "route-AUS"}
    assert {f["properties"]["iso3"] for f in _layer(m, "Small Island")["features"]} == {"JAM", "CUB"}


def test_an_origin_without_a_route_opens_on_its_neighbourhood(tmp_path):
    m = _map(_only("BRB"))  # no legal route
    b = m.hgmap_bounds
    rep = fx.countries().set_index("iso3").loc["BRB"]
    assert _inside(b, rep["rep_lon"], rep["rep_lat"])
    assert b[1][1] - b[0][1] == pytest.approx(12) and b[1][0] - b[0][0] == pytest.approx(9)
    assert _layer(m, "Routes")["features"] == []


def test_a_non_sids_origin_has_no_sids_symbol_or_legend_line(tmp_path):
    m = _map(_only("AUS"))
    assert _layer(m, "Small Island")["features"] == []
    page = _legend_and_title(m, tmp_path)
    assert "SIDS (coloured as above" not in page and "origin SIDS" not in page
    assert "this map is for Australia (AUS) only" in page


def test_many_origins_keep_the_world_view_unless_asked():
    res = fx.result()
    assert res["origin_iso3"].nunique() > maps.FOCUS_MAX_ORIGINS
    m = _map(res)
    assert m.hgmap_focus is None and m.hgmap_bounds is None
    assert len(_layer(m, "Small Island")["features"]) == fx.N_SIDS
    forced = _map(res, focus=True)
    assert forced.hgmap_focus == tuple(sorted(res["origin_iso3"].unique()))
    assert forced.hgmap_bounds is not None
    page = maps.render_page(forced)
    assert f"this map is for the {res['origin_iso3'].nunique()} origins asked for only" in page


def test_focus_false_is_the_world_map(tmp_path):
    m = _map(_only("FJI"), focus=False)
    assert m.hgmap_focus is None and m.hgmap_bounds is None
    assert len(_layer(m, "Small Island")["features"]) == fx.N_SIDS
    page = _legend_and_title(m, tmp_path)
    assert not re.search(r"map\.fitBounds\(\[\[", page) and "this map is for" not in page


def test_explicit_routes_and_view_are_kept_on_a_focused_map():
    m = _map(_only("FJI", "TUV"), routes_for="none", view="world")
    assert m.hgmap_view == "world" and m.hgmap_focus == ("FJI", "TUV")
    assert _layer(m, "Routes")["features"] == []
    assert _inside(m.hgmap_bounds, 178.0, -17.8) and _inside(m.hgmap_bounds, 179.2, -8.5)


def test_bad_focus_is_refused():
    with pytest.raises(HgmapError, match="focus"):
        _map(_only("FJI"), focus="yes")


def test_cli_focus_flag():
    from hgmap.cli import build_parser

    assert build_parser().parse_args(["map", "--stream", "lamps"]).focus is None
    assert build_parser().parse_args(["map", "--stream", "lamps", "--no-focus"]).focus is False
