"""Small, hand-built inputs for the map tests (same schemas as docs/CONTRACTS.md).

Countries are boxes at roughly the right place; the values are made up but shaped
like real results: a Samoa -> Australia route split at the antimeridian, a Fiji
route that is *not* split (to exercise the renderer's guard), a ``no_legal_route``
row with blocked reasons, a ``no_facility_for_stream`` row, a SIDS with no result
row (Tonga), and facilities whose catalogue text carries script-injection payloads.
:func:`pacific_result` and :func:`pacific_facilities` add a Tonga -> New Zealand route
(split at ±180, as routes are) for the Pacific-centred view.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import MultiLineString, MultiPolygon, Point, box

#: The issue's literal payload; must show as text.
XSS_IMG = "<img src=x onerror=alert(1)>"
#: Payloads that would leave a trace on <html data-xss> if they ever ran.
XSS_ATTR = "<img src=x onerror=\"document.documentElement.dataset.xss='onerror'\">"
XSS_SCRIPT = "</script><script>document.documentElement.dataset.xss='script'</script>"
XSS_TEMPLATE = "${document.documentElement.dataset.xss='template'}`"

# iso3, name, sids, sids_region, un_member, sovereign_iso3, rep_lon, rep_lat, geometry
_COUNTRIES = [
    ("AUS", "Australia", False, None, True, None, 134.0, -25.0, box(113, -39, 153, -11)),
    ("NZL", "New Zealand", False, None, True, None, 172.5, -41.5, box(166, -47, 178.5, -34)),
    ("JPN", "Japan", False, None, True, None, 138.0, 36.0, box(130, 31, 145, 45)),
    ("USA", "United States of America", False, None, True, None, -98.0, 39.0, box(-124, 25, -67, 49)),
    ("DEU", "Germany", False, None, True, None, 10.4, 51.1, box(6, 47.3, 15, 55)),
    ("FRA", "France", False, None, True, None, 2.5, 46.5, box(-4.8, 42.3, 6, 51)),
    ("CIV", "Côte d'Ivoire", False, None, True, None, -5.5, 7.5, box(-8.6, 4.4, -2.5, 10.7)),
    ("TUV", "Tuvalu", True, "Pacific", True, None, 179.2, -8.5, box(179.1, -8.6, 179.3, -8.4)),
    (
        "FJI", "Fiji", True, "Pacific", True, None, 178.0, -17.8,
        MultiPolygon([box(177.0, -19.0, 180.0, -16.0), box(-180.0, -19.0, -179.5, -16.0)]),
    ),
    (
        "KIR", "Kiribati", True, "Pacific", True, None, 173.0, 1.4,
        MultiPolygon([box(172.9, 1.3, 173.1, 1.5), box(-157.5, 1.8, -157.3, 2.0)]),
    ),
    ("WSM", "Samoa", True, "Pacific", True, None, -172.1, -13.8, box(-172.8, -14.1, -171.4, -13.4)),
    ("TON", "Tonga", True, "Pacific", True, None, -175.2, -21.2, box(-175.4, -21.3, -175.0, -21.1)),
    ("JAM", "Jamaica", True, "Caribbean", True, None, -77.3, 18.1, box(-78.4, 17.7, -76.2, 18.5)),
    ("BRB", "Barbados", True, "Caribbean", True, None, -59.55, 13.15, box(-59.65, 13.05, -59.42, 13.33)),
    ("CUB", "Cuba", True, "Caribbean", True, None, -79.0, 21.8, box(-84.9, 19.8, -74.1, 23.2)),
    ("SGP", "Singapore", True, "AIS", True, None, 103.8, 1.35, box(103.6, 1.2, 104.0, 1.47)),
    ("MDV", "Maldives", True, "AIS", True, None, 73.5, 4.2, box(73.4, 4.1, 73.6, 4.3)),
]


def countries() -> gpd.GeoDataFrame:
    """A 17-row countries layer (10 SIDS)."""
    cols = ["iso3", "name", "sids", "sids_region", "un_member", "sovereign_iso3",
            "rep_lon", "rep_lat", "geometry"]
    return gpd.GeoDataFrame(pd.DataFrame(_COUNTRIES, columns=cols), geometry="geometry", crs=4326)


def _facility(fid, operator, name, city, iso3, lat, lon, technologies, streams, *,
              status="operating", website="", source_url="", confidence="medium", notes="",
              capacity=None, operations=("recovery",)):
    # Same columns as hgmap.facilities.load_facilities().
    return {
        "id": fid, "operator": operator, "name": name, "city": city, "country_iso3": iso3,
        "lat": lat, "lon": lon, "coord_precision": "city", "technologies": list(technologies),
        "streams": list(streams), "operations": {s: list(operations) for s in streams},
        "operations_basis": "derived", "capacity_tpy": capacity, "capacity_note": "",
        "status": status, "website": website,
        "source_url": [u.strip() for u in source_url.split(" | ") if u.strip()],
        "confidence": confidence, "as_of": "2025-05-01", "notes": notes,
        "geometry": Point(lon, lat),
    }


def facilities() -> gpd.GeoDataFrame:
    """Six facilities: four accept ``lamps`` and operate, one is closed, one takes batteries only."""
    rows = [
        _facility("HG-AUS-001", "Ecocycle Pty Ltd", "Ecocycle Mercury Recovery", "Melbourne", "AUS",
                  -37.8, 144.9, ["retorting", "lamp_recycling"], ["lamps", "batteries"],
                  website="https://www.ecocycle.com.au", capacity=5000.0,
                  source_url="https://example.org/a | https://example.org/b", confidence="high"),
        _facility("HG-JPN-001", "Nomura Kohsan Co., Ltd.", "Itomuka Plant", "Kitami", "JPN",
                  43.7, 143.3, ["retorting", "distillation"], ["lamps", "elemental_mercury"],
                  website="https://nkcl.jp", source_url="https://example.org/nomura",
                  capacity=27000.0),
        _facility("HG-DEU-001", "GMR Gesellschaft für Metallrecycling", "GMR Leipzig", "Leipzig",
                  "DEU", 51.3, 12.4, ["thermal_desorption"], ["lamps", "batteries"],
                  website="https://www.gmr-leipzig.de", source_url="https://example.org/gmr",
                  operations=("recovery", "disposal")),
        _facility("HG-FRA-999", XSS_ATTR, XSS_IMG, XSS_SCRIPT, "FRA", 45.7, 4.8,
                  ["sulfur_stabilization"], ["lamps"], website="javascript:alert(1)",
                  source_url="javascript:alert(2) | https://example.org/ok", notes=XSS_TEMPLATE,
                  confidence="low", operations=("disposal",)),
        _facility("HG-USA-001", "Closed Corp", "Old Retort", "Allentown", "USA", 40.6, -75.5,
                  ["retorting"], ["lamps"], status="closed", website="http://example.com/old"),
        _facility("HG-SGP-001", "Battery Co", "Cell Works", "Singapore", "SGP", 1.3, 103.7,
                  ["battery_recycling"], ["batteries"]),
    ]
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs=4326)


#: Facilities that accept ``lamps`` and operate (drawn in the main facility layer).
LAMP_FACILITIES = ("HG-AUS-001", "HG-JPN-001", "HG-DEU-001", "HG-FRA-999")

_FACILITY_NAMES = {
    "HG-AUS-001": ("Ecocycle Mercury Recovery", "AUS"),
    "HG-JPN-001": ("Itomuka Plant", "JPN"),
    "HG-DEU-001": ("GMR Leipzig", "DEU"),
    "HG-FRA-999": (XSS_IMG, "FRA"),
    "HG-USA-001": ("Old Retort", "USA"),
    "HG-NZL-001": ("Auckland Lamp Recovery", "NZL"),
}


def _row(origin, name, is_sids, region, status="reachable", rank=1, fid=None, km=None, *,
         transit=(), legal_status="permitted_with_consent", rules=(), conditions=(),
         geometry=None, blocked=(), nearest=None, operation="recovery"):
    fname, fiso = _FACILITY_NAMES.get(fid, (None, None))
    reachable = status == "reachable"
    return {
        "origin_iso3": origin, "origin_name": name, "is_sids": is_sids, "sids_region": region,
        "stream": "lamps", "status": status, "rank": rank,
        "facility_id": fid if reachable else None, "facility_name": fname if reachable else None,
        "facility_iso3": fiso if reachable else None, "operation": operation if reachable else None,
        "distance_km": km if reachable else float("nan"),
        "sea_km": (km * 0.9) if reachable else float("nan"),
        "land_km": (km * 0.1) if reachable else float("nan"),
        "access_km": 20.0 if reachable else float("nan"),
        "transit_iso3": list(transit), "legal_status": legal_status if reachable else None,
        "legal_rules": list(rules), "legal_conditions": list(conditions),
        "legal_confidence": "medium" if reachable else None, "legal_unknowns": [],
        "nearest_unconstrained_facility_id": (nearest or (fid, km))[0],
        "nearest_unconstrained_km": (nearest or (fid, km))[1],
        "blocked_reasons": [dict(b) for b in blocked], "geometry": geometry,
    }


def result() -> gpd.GeoDataFrame:
    """An ``accessibility(stream="lamps", k=3)`` style result for 12 origins."""
    wsm_aus = MultiLineString([
        [(-172.1, -13.8), (-176.0, -15.0), (-180.0, -16.0)],
        [(180.0, -16.0), (170.0, -22.0), (151.2, -33.9), (144.9, -37.8)],
    ])
    # Deliberately NOT split: the renderer must still never draw a 357-degree segment.
    fji_aus = MultiLineString([[(178.0, -17.8), (-179.0, -18.5), (179.0, -19.5), (151.2, -33.9)]])
    tuv_aus = MultiLineString([[(179.2, -8.5), (165.0, -15.0), (153.0, -27.5), (144.9, -37.8)]])
    tuv_jpn = MultiLineString([[(179.2, -8.5), (160.0, 10.0), (141.0, 35.0), (143.3, 43.7)]])
    kir_jpn = MultiLineString([[(173.0, 1.4), (150.0, 20.0), (143.3, 43.7)]])
    jam_deu = MultiLineString([[(-77.3, 18.1), (-40.0, 35.0), (-5.0, 48.0), (8.5, 53.5)],
                               [(8.5, 53.5), (12.4, 51.3)]])
    blocked_brb = [
        {"facility_id": "HG-USA-001", "facility_name": "Old Retort", "facility_iso3": "USA",
         "distance_km": 3100.0, "reason": "law", "rules": ["basel_art4_5_nonparty"],
         "detail": "USA is not a Basel Party; no Art. 11 agreement with BRB"},
        {"facility_id": "HG-DEU-001", "facility_name": "GMR Leipzig", "facility_iso3": "DEU",
         "distance_km": 7600.0, "reason": "transit", "rules": ["import_ban_XXX"],
         "detail": "transit state prohibits <b>import</b> & transit"},
    ]
    rows = [
        _row("TUV", "Tuvalu", True, "Pacific", fid="HG-AUS-001", km=4321.0, geometry=tuv_aus,
             rules=(), conditions=("PIC consent of AUS",)),
        _row("TUV", "Tuvalu", True, "Pacific", rank=2, fid="HG-JPN-001", km=6123.0,
             geometry=tuv_jpn),
        _row("TUV", "Tuvalu", True, "Pacific", rank=3, fid="HG-DEU-001", km=16789.0,
             transit=("SGP",), geometry=None),
        _row("WSM", "Samoa", True, "Pacific", fid="HG-AUS-001", km=4700.0, geometry=wsm_aus,
             transit=("FJI",)),
        _row("FJI", "Fiji", True, "Pacific", fid="HG-AUS-001", km=3900.0, geometry=fji_aus),
        _row("KIR", "Kiribati", True, "Pacific", fid="HG-JPN-001", km=5200.0, geometry=kir_jpn,
             legal_status="not_governed"),
        _row("JAM", "Jamaica", True, "Caribbean", fid="HG-DEU-001", km=8900.0, geometry=jam_deu,
             transit=("FRA", "NLD"), blocked=blocked_brb[:1], nearest=("HG-USA-001", 2500.0)),
        _row("BRB", "Barbados", True, "Caribbean", status="no_legal_route", blocked=blocked_brb,
             nearest=("HG-USA-001", 3100.0)),
        _row("CUB", "Cuba", True, "Caribbean", fid="HG-DEU-001", km=8900.0,
             geometry=MultiLineString([[(-79.0, 21.8), (-40.0, 35.0), (12.4, 51.3)]])),
        _row("SGP", "Singapore", True, "AIS", fid="HG-JPN-001", km=5300.0, geometry=None),
        _row("MDV", "Maldives", True, "AIS", status="no_facility_for_stream", nearest=(None, None)),
        _row("AUS", "Australia", False, None, fid="HG-AUS-001", km=35.0, legal_status="domestic",
             geometry=MultiLineString([[(151.2, -33.9), (144.9, -37.8)]])),
        _row("DEU", "Germany", False, None, fid="HG-DEU-001", km=35.0, legal_status="domestic"),
        _row("FRA", "France", False, None, fid="HG-FRA-999", km=12.0, legal_status="domestic"),
        _row("JPN", "Japan", False, None, fid="HG-JPN-001", km=35.0, legal_status="domestic"),
        _row("USA", "United States of America", False, None, fid="HG-DEU-001", km=7000.0,
             rules=(), conditions=("Art. 11 agreement",)),
    ]
    gdf = gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs=4326)
    gdf.attrs.update({
        "as_of": "2025-06-01", "data_date": "2025-05-15", "stream": "lamps",
        "operation": None, "scenario": None, "circuity": 1.0, "sea_passage_is_transit": False,
    })
    return gdf


#: SIDS in ``countries()`` (each must get a point symbol, Tonga included).
N_SIDS = 10


#: Tonga -> Auckland as :func:`hgmap.access.accessibility` returns it: two pieces that
#: meet at -180 / 180 (the world view draws them at opposite edges of the map).
TON_NZL = MultiLineString([
    [(-175.2, -21.2), (-177.5, -25.0), (-180.0, -28.0)],
    [(180.0, -28.0), (177.0, -32.0), (174.8, -36.8)],
])


def pacific_facilities() -> gpd.GeoDataFrame:
    """:func:`facilities` plus an operating lamp facility in Auckland (New Zealand)."""
    nzl = _facility("HG-NZL-001", "Auckland Lamp Co", "Auckland Lamp Recovery", "Auckland", "NZL",
                    -36.8, 174.8, ["lamp_recycling"], ["lamps"], website="https://example.org/nz")
    return gpd.GeoDataFrame(pd.concat([facilities(), gpd.GeoDataFrame([nzl], crs=4326)],
                                      ignore_index=True), geometry="geometry", crs=4326)


def pacific_result() -> gpd.GeoDataFrame:
    """:func:`result` plus Tonga, reachable: its nearest facility is in Auckland."""
    base = result()
    ton = _row("TON", "Tonga", True, "Pacific", fid="HG-NZL-001", km=2100.0, geometry=TON_NZL)
    gdf = gpd.GeoDataFrame(pd.concat([base, gpd.GeoDataFrame([ton], geometry="geometry", crs=4326)],
                                     ignore_index=True), geometry="geometry", crs=4326)
    gdf.attrs.update(base.attrs)
    return gdf


#: Pacific SIDS in ``countries()``.
PACIFIC_SIDS = ("FJI", "KIR", "TON", "TUV", "WSM")
#: Caribbean SIDS in ``countries()``.
CARIBBEAN_SIDS = ("BRB", "CUB", "JAM")
