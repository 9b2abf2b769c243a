"""data/transport_codes.csv: UN numbers, classes and packing groups of the streams, each with its source."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from hgmap._io import data_path

BUILD = Path(__file__).resolve().parents[1] / "data" / "build_transport_codes.py"


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, str]]:
    with open(data_path("transport_codes.csv"), newline="", encoding="utf-8") as fh:
        return {r["stream"]: r for r in csv.DictReader(fh)}


def test_un_3506_has_no_packing_group_under_adr_and_names_special_provision_366(rows):
    """UN 3506 MERCURY CONTAINED IN MANUFACTURED ARTICLES, class 8 (6.1): ADR Table A leaves
    its packing group column empty (https://sespel.com/about/technical-info/adr/
    rtut-soderzhashchayasya-v-promyshlennyh-izdeliyah: CT3, labels 8 + 6.1, SP 366, LQ 5 kg,
    E0, P003); only the air rules (IATA DGR 54th ed.) give PG III. Main said "III" plainly.
    SP 366: articles with no more than 1 kg of mercury are not subject to ADR."""
    for stream in ("lamps", "measuring_devices"):
        r = rows[stream]
        assert r["un_number"] == "UN 3506" and r["hazard_class"] == "8 (6.1)"
        assert r["packing_group"] != "III"
        assert r["packing_group"].startswith("— (ADR") and "III (IATA" in r["packing_group"]
        assert "special provision 366" in r["notes"] and "1 kg of mercury" in r["notes"]
        assert r["special_provisions"] == "366"
        assert "IMDG" in r["notes"]  # the sea entry not reached is named, not assumed
        assert "sespel.com" in r["source_url"]


def test_un_2809_cites_the_dangerous_goods_list_first(rows):
    """UN 2809 MERCURY, class 8, subsidiary 6.1, PG III: the UN Model Regulations Dangerous Goods
    List is the authority (Part 3, Rev.16, 2009); main cited only an AJOT surcharge news item."""
    r = rows["elemental_mercury"]
    assert (r["un_number"], r["hazard_class"], r["packing_group"]) == ("UN 2809", "8 (6.1)", "III")
    first = r["source_url"].split(" ; ")[0]
    assert "ajot" not in first and "03-e-part3" in first
    assert "Dangerous Goods List" in r["notes"]


def test_every_entry_has_sources_as_plain_urls_and_the_build_script_reproduces_the_file(rows, tmp_path):
    for r in rows.values():
        if r["un_number"]:
            urls = r["source_url"].split(" ; ")
            assert all(u.startswith("http") and " " not in u for u in urls), r["stream"]
            assert r["confidence"] in {"high", "medium", "low"} and len(r["as_of"]) == 10
        else:
            assert not r["source_url"] and "no sourced UN entry" in r["notes"]
    spec = importlib.util.spec_from_file_location("build_transport_codes", BUILD)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path / "transport_codes.csv"
    assert mod.main(out) == 0
    assert out.read_text(encoding="utf-8") == Path(data_path("transport_codes.csv")).read_text(encoding="utf-8")
