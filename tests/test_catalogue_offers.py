"""Services and technologies of the catalogue (issue #17): the shipped list, coverage, sources."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from hgmap import catalogue
from hgmap._io import data_path
from hgmap.catalogue import ENTRY_COLUMNS, load_offers, offers_for
from hgmap.errors import DataError, ValidationError
from hgmap.vocab import STREAMS, parse_date

from ._entries import entry

AS_OF = "2025-06-01"




def _frame(*rows: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(ENTRY_COLUMNS))


# ------------------------------------------------------------------------ the shipped list


def test_shipped_list_is_sourced_dated_and_of_the_two_kinds():
    offers = load_offers()
    assert {o.kind for o in offers} == {"service", "technology"}
    for o in offers:
        assert o.sources and all(u.startswith(("http://", "https://")) for u in o.sources), o.id
        assert o.confidence in ("high", "medium", "low"), o.id
        assert parse_date(o.as_of, field="as_of") is not None
        assert o.description and set(o.streams) <= set(STREAMS), o.id
        if o.serves:  # a stated coverage has its own source
            assert o.serves_sources, o.id
    assert [o.kind for o in offers] == sorted((o.kind for o in offers), key=("service", "technology").index)


def test_shipped_list_serves_fiji_lamps_by_name_and_keeps_global_ones_global():
    matches = offers_for(load_offers(), "FJI", "lamps", as_of=AS_OF)
    by_id = {m.offer.id: m for m in matches}
    assert by_id["SVC-WSM-001"].coverage == "country"  # SPREP names Fiji among its members
    assert by_id["TEC-USA-001"].coverage == "global"  # no source states whom the lamp crusher serves
    assert all("lamps" in m.offer.streams for m in matches)
    # The Caribbean's lamp services are not Fiji's.
    assert "SVC-BRB-001" not in by_id and "SVC-TTO-001" not in by_id
    assert matches[0].offer.kind == "service"


def test_coverage_through_countries_regions_sids_and_instruments():
    offers = load_offers(_frame(
        entry(id="S-1", name="Named", streams="lamps", accepts_from="HTI;JAM"),
        entry(id="S-2", name="Caribbean", streams="lamps", accepts_from="region:Caribbean"),
        entry(id="S-3", name="All SIDS", streams="lamps;batteries", accepts_from="SIDS"),
        entry(id="S-4", name="OECD only", streams="lamps", accepts_from="OECD"),
        entry(id="S-5", name="Closed", streams="lamps", status="closed"),
        entry(id="S-6", name="Batteries", streams="batteries"),
        entry(id="S-7", name="Own country", streams="lamps", country_iso3="NZL", accepts_from="domestic"),
        entry(id="F-1", kind="facility", name="A plant", streams="lamps"),
    ))
    assert [o.id for o in offers] == ["S-3", "S-6", "S-2", "S-5", "S-1", "S-4", "S-7"]  # by name, no facility

    def cov(iso3, stream="lamps"):
        return {m.offer.id: (m.coverage, m.via) for m in offers_for(offers, iso3, stream, as_of=AS_OF)}

    assert cov("HTI") == {"S-1": ("country", None), "S-2": ("group", "region:Caribbean"),
                          "S-3": ("group", "SIDS")}
    assert cov("FJI") == {"S-3": ("group", "SIDS")}
    assert cov("NZL") == {"S-4": ("group", "OECD"), "S-7": ("country", None)}
    assert cov("FJI", "batteries") == {"S-3": ("group", "SIDS"), "S-6": ("global", None)}
    assert cov("FJI", "dental_amalgam") == {}


def test_bad_coverage_or_entries_raise_hgmap_errors(tmp_path):
    with pytest.raises(DataError, match=r"S-1 accepts_from: 'XXX'"):
        load_offers(_frame(entry(id="S-1", name="Bad", streams="lamps", accepts_from="XXX")))
    bad = tmp_path / "bad.csv"
    with open(bad, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(ENTRY_COLUMNS))
        w.writeheader()
        w.writerow(entry(id="S-1", name="No streams", streams=""))
    with pytest.raises(ValidationError) as err:
        load_offers(bad)
    assert any("streams" in p for p in err.value.problems)
    with pytest.raises(DataError, match="no such file"):
        load_offers(tmp_path / "missing.csv")


def test_shipped_list_imports_into_a_catalogue_database_unchanged(tmp_path):
    db = tmp_path / "c.gpkg"
    with catalogue.init_catalogue(db) as cat:
        done = catalogue.import_entries(cat, data_path("services.csv"), organisation="hgmap tests")
        assert done.skipped == [] and len(done.created) == len(load_offers())
    assert load_offers(db) == load_offers()
    assert load_offers(str(db)) is load_offers(db)  # read once per database revision
