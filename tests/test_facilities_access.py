"""End to end: facility acceptance reaches the accessibility results (needs the solver integration, #12).

These tests use the public :func:`hgmap.accessibility`; they pass once the solver closes
facilities with :func:`hgmap.facilities.acceptance_matrix` (blocked reason kind
``acceptance``, result column ``acceptance``, option ``confirmed_only``).
"""

import pandas as pd
import pytest

import hgmap

AS_OF = "2026-06-01"


@pytest.fixture(scope="module")
def elemental():
    return hgmap.accessibility("elemental_mercury", origins="all", k=3, as_of=AS_OF)


def _reasons(value):
    return " | ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


def test_no_foreign_origin_is_sent_to_the_doe_storage(elemental):
    wcs = elemental[elemental["facility_id"] == "HG-USA-007"]
    assert set(wcs["origin_iso3"]) <= {"USA", "ASM", "GUM", "MNP", "PRI", "UMI", "VIR"}
    for origin in ("FJI", "TLS", "HTI", "JAM", "TUV"):
        rows = elemental[elemental["origin_iso3"] == origin]
        assert "HG-USA-007" not in set(rows["facility_id"])


def test_no_foreign_elemental_mercury_to_perma_fix(elemental):
    pf = elemental[elemental["facility_id"] == "HG-USA-008"]
    assert set(pf["origin_iso3"]) <= {"USA"}


def test_unknown_acceptance_is_flagged_in_results(elemental):
    assert "acceptance" in elemental.columns
    found = elemental.dropna(subset=["facility_id"])
    by_fac = found.groupby("facility_id")["acceptance"].agg(set).to_dict()
    assert by_fac.get("HG-CHE-001", {"yes"}) == {"yes"}  # Batrec: sourced yes
    unknown = [f for f in ("HG-DEU-001", "HG-NLD-001", "HG-DEU-003") if f in by_fac]
    assert unknown and all(by_fac[f] == {"unknown"} for f in unknown)


def test_domestic_only_facility_serves_only_its_own_country(tmp_path):
    # Two lamp facilities: a domestic-only one in Australia and Batrec (accepts anyone).
    fac = hgmap.load_facilities()
    dom = fac[fac["id"] == "HG-AUS-003"].copy()
    dom["id"] = "DOM-AUS"
    dom["accepts_imports"] = "no"
    dom["accepts_from"] = [["domestic"]]
    dom["acceptance_source"] = [["https://example.org/domestic-only"]]
    frame = pd.concat([dom, fac[fac["id"] == "HG-CHE-001"]], ignore_index=True)
    path = hgmap.save_facilities(frame, tmp_path / "dom.csv")
    res = hgmap.accessibility("lamps", origins=["AUS", "NZL", "FJI"], k=2, as_of=AS_OF, facilities=path)
    served = set(res.loc[res["facility_id"] == "DOM-AUS", "origin_iso3"])
    assert served == {"AUS"}
    for origin, name in (("NZL", "New Zealand"), ("FJI", "Fiji")):
        rows = res[res["origin_iso3"] == origin]
        assert set(rows["facility_id"].dropna()) <= {"HG-CHE-001"}
        assert any(f"does not accept waste from {name}" in _reasons(v) for v in rows["blocked_reasons"])


def test_confirmed_only_keeps_sourced_acceptance():
    res = hgmap.accessibility("elemental_mercury", origins=["FJI", "JAM"], k=3, as_of=AS_OF, confirmed_only=True)
    found = res.dropna(subset=["facility_id"])
    assert set(found["acceptance"]) <= {"yes"}
