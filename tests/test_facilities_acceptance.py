"""Whom facilities serve: hgmap.facilities.acceptance_matrix and the shipped acceptance data."""

import numpy as np
import pandas as pd
import pytest

import hgmap
from hgmap.errors import DataError, UnknownCountryError
from hgmap.facilities import acceptance_matrix, parse_accepts_from, refusal_reason, unconfirmed_note

ALL = hgmap.select_origins("all")


def _frame(*rows):
    return pd.DataFrame(rows, columns=["id", "country_iso3", "accepts_imports", "accepts_from"])


def _cols(matrix, origins, j):
    return {origins[i] for i in np.flatnonzero(matrix[:, j])}


@pytest.fixture(scope="module")
def shipped():
    fac = hgmap.load_facilities()
    accepts, confirmed = acceptance_matrix(fac, ALL, as_of="2026-06-01")
    return fac, accepts, confirmed


def test_shape_and_types(shipped):
    fac, accepts, confirmed = shipped
    assert accepts.shape == confirmed.shape == (len(ALL), len(fac))
    assert accepts.dtype == bool and confirmed.dtype == bool
    assert not (confirmed & ~accepts).any()  # nothing confirmed that is refused


def test_wcs_doe_storage_takes_no_foreign_mercury(shipped):
    fac, accepts, confirmed = shipped
    j = list(fac["id"]).index("HG-USA-007")
    # Only the US and its territories (the territories unconfirmed).
    assert _cols(accepts, ALL, j) == {"USA", "ASM", "GUM", "MNP", "PRI", "UMI", "VIR"}
    assert _cols(confirmed, ALL, j) == {"USA"}
    for origin in ("FJI", "TLS", "HTI", "JAM", "CAN", "MEX"):
        assert not accepts[ALL.index(origin), j]
    row = fac.set_index("id").loc["HG-USA-007"]
    assert row["accepts_imports"] == "no" and row["accepts_from"] == ["domestic"]
    assert row["status"] != "operating"  # designation history: receipts not verified


def test_perma_fix_takes_no_ordinary_elemental_mercury(shipped):
    fac = shipped[0].set_index("id")
    assert "elemental_mercury" not in fac.loc["HG-USA-008", "streams"]
    assert "radioactive" in fac.loc["HG-USA-008", "notes"].lower()


def test_hidronor_placeholder_is_marked_and_low(shipped):
    fac = shipped[0].set_index("id")
    row = fac.loc["HG-CHL-001"]
    assert row["coord_precision"] == "placeholder"
    assert row["confidence"] == "low"
    assert "elemental_mercury" not in row["streams"]
    assert (fac[fac["coord_precision"] == "placeholder"]["confidence"] == "low").all()


def test_domestic_only_serves_its_own_country():
    frame = _frame(("D", "FRA", "no", "domestic"))
    accepts, confirmed = acceptance_matrix(frame, ALL, as_of="2026-06-01")
    assert _cols(accepts, ALL, 0) == {"FRA"} | {c for c in ALL if c in
                                               {"ATF", "BLM", "GLP", "GUF", "MAF", "MTQ", "MYT", "NCL",
                                                "PYF", "REU", "SPM", "WLF"}}
    assert _cols(confirmed, ALL, 0) == {"FRA"}
    # The sovereign's waste is foreign to a facility in a territory.
    frame = _frame(("T", "NCL", "no", ""))
    accepts, _ = acceptance_matrix(frame, ["FRA", "NCL", "PYF"])
    assert accepts[:, 0].tolist() == [False, True, False]


def test_yes_with_groups_refuses_everyone_else():
    frame = _frame(("EU-ONLY", "DEU", "yes", "EU"), ("ANY", "CHE", "yes", ""), ("PAC", "AUS", "yes", "region:Pacific"))
    origins = ["DEU", "FRA", "CHE", "FJI", "NCL", "USA", "GUM"]
    accepts, confirmed = acceptance_matrix(frame, origins, as_of="2026-06-01")
    assert accepts[:, 0].tolist() == [True, True, False, False, True, False, False]
    # New Caledonia matches "EU" only through France: open but unconfirmed.
    assert confirmed[:, 0].tolist() == [True, True, False, False, False, False, False]
    assert accepts[:, 1].all() and confirmed[:, 1].all()
    assert accepts[:, 2].tolist() == [False, False, False, True, True, False, True]
    assert confirmed[:, 2].tolist() == [False, False, False, True, True, False, True]


def test_unknown_stays_open_and_confirms_only_the_listed():
    frame = _frame(("U", "BEL", "unknown", "NLD;FRA"), ("U0", "BEL", "unknown", ""))
    origins = ["BEL", "NLD", "FRA", "FJI"]
    accepts, confirmed = acceptance_matrix(frame, origins)
    assert accepts.all()
    assert confirmed[:, 0].tolist() == [False, True, True, False]
    assert not confirmed[:, 1].any()


def test_groups_follow_the_date():
    frame = _frame(("O", "FRA", "yes", "OECD"))
    col = ["COL"]  # Colombia joined the OECD on 2020-04-28
    assert not acceptance_matrix(frame, col, as_of="2019-06-01")[0][0, 0]
    assert acceptance_matrix(frame, col, as_of="2021-06-01")[0][0, 0]


def test_missing_columns_read_as_unknown():
    frame = pd.DataFrame({"id": ["X"], "country_iso3": ["JPN"]})
    accepts, confirmed = acceptance_matrix(frame, ["JPN", "FJI"])
    assert accepts.all() and not confirmed.any()


def test_bad_values_raise():
    with pytest.raises(DataError, match="accepts_imports"):
        acceptance_matrix(_frame(("B", "FRA", "maybe", "")), ["FRA"])
    with pytest.raises(DataError, match="Atlantis"):
        acceptance_matrix(_frame(("B", "FRA", "yes", "Atlantis")), ["FRA"])
    with pytest.raises(DataError, match="accepts_imports is 'no'"):
        acceptance_matrix(_frame(("B", "FRA", "no", "OECD")), ["FRA"])
    with pytest.raises(UnknownCountryError, match="XXX"):
        acceptance_matrix(_frame(("B", "FRA", "yes", "")), ["XXX"])


def test_tokens_and_texts():
    tokens = parse_accepts_from("oecd; fji ;Region:pacific;domestic;OECD")
    assert tokens == ["OECD", "FJI", "region:Pacific", "domestic"]
    with pytest.raises(ValueError, match="region"):
        parse_accepts_from("region:Atlantis")
    assert refusal_reason("FJI") == "does not accept waste from Fiji"
    assert "Fiji" in unconfirmed_note("FJI") and "not confirmed" in unconfirmed_note("FJI")


def test_result_is_a_copy(shipped):
    fac = shipped[0]
    a1, _ = acceptance_matrix(fac, ["FJI"])
    a1[:] = False
    a2, _ = acceptance_matrix(fac, ["FJI"])
    assert a2.any()


def test_own_code_counts_as_domestic():
    frame = _frame(("O", "NZL", "no", "NZL"), ("U", "NZL", "unknown", "NZL"))
    accepts, confirmed = acceptance_matrix(frame, ["NZL", "AUS"])
    assert accepts[:, 0].tolist() == [True, False] and confirmed[:, 0].tolist() == [True, False]
    assert accepts[:, 1].tolist() == [True, True] and confirmed[:, 1].tolist() == [True, False]
