"""Controlled vocabularies and the strict date parser (hgmap.vocab)."""

from __future__ import annotations

import datetime as dt

import pytest

from hgmap.errors import DateError, UnknownStreamError
from hgmap.vocab import OPERATIONS, STREAMS, check_operation, check_stream, parse_date, parse_streams


@pytest.mark.parametrize(("text", "day"), [("2025-06-30", dt.date(2025, 6, 30)),
                                           ("2024-02-29", dt.date(2024, 2, 29)),
                                           (" 2025-01-01\n", dt.date(2025, 1, 1)),
                                           ("0001-01-01", dt.date(1, 1, 1)),
                                           ("9999-12-31", dt.date(9999, 12, 31))])
def test_parse_date_accepts_yyyy_mm_dd(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["20250101", "2025W011", "2025-W01-1", "2025-001", "2025-1-1", "25-01-01",
                                  "2025-01-01T00:00", "2025-01-01 12:00", "2025/01/01", "01-01-2025",
                                  "\u0662\u0660\u0662\u0665-\u0660\u0661-\u0660\u0661",  # Arabic-Indic digits
                                  "２０２５-０１-０１", "+2025-01-01", "today"])
def test_parse_date_refuses_other_forms(text):
    with pytest.raises(DateError, match="not a date in YYYY-MM-DD form") as info:
        parse_date(text, field="--as-of")
    assert str(info.value).startswith("--as-of: ")


@pytest.mark.parametrize(("text", "why"), [("2018-02-30", "February 2018 has no day 30"),
                                           ("2023-02-29", "February 2023 has no day 29"),
                                           ("2025-04-31", "April 2025 has no day 31"),
                                           ("2025-01-00", "January 2025 has no day 0"),
                                           ("2025-13-01", "there is no month 13"),
                                           ("2025-00-10", "there is no month 0"),
                                           ("0000-06-01", "there is no year 0")])
def test_parse_date_names_the_calendar_problem(text, why):
    with pytest.raises(DateError, match=why):
        parse_date(text)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_date_is_an_error_not_today(text):
    with pytest.raises(DateError, match="as_of: empty date"):
        parse_date(text, field="as_of")


def test_none_and_dates_pass_through():
    assert parse_date(None) is None
    assert parse_date(dt.date(2020, 1, 2)) == dt.date(2020, 1, 2)
    assert parse_date(dt.datetime(2020, 1, 2, 13, 5)) == dt.date(2020, 1, 2)


@pytest.mark.parametrize("value", [20250101, 2025.0, True, ["2025-01-01"], {"d": 1}])
def test_other_types_refused(value):
    with pytest.raises(DateError, match="not a date in YYYY-MM-DD form"):
        parse_date(value)


def test_streams_and_operations():
    assert check_stream("lamps") == "lamps"
    assert check_operation("recovery") == "recovery"
    assert OPERATIONS == ("disposal", "recovery")
    with pytest.raises(UnknownStreamError, match="'lamp'"):
        check_stream("lamp")
    with pytest.raises(UnknownStreamError, match="'burn'"):
        check_operation("burn")


def test_parse_streams():
    assert parse_streams(None) == STREAMS
    assert parse_streams(" ALL ") == STREAMS
    assert parse_streams("lamps, batteries,lamps") == ("lamps", "batteries")
    assert parse_streams(["other", "lamps"]) == ("other", "lamps")
    for bad in ("", ",", " , "):
        with pytest.raises(UnknownStreamError, match="names no waste stream"):
            parse_streams(bad)
    with pytest.raises(UnknownStreamError, match="'nope'"):
        parse_streams("lamps,nope")


def test_every_shipped_date_is_strict_yyyy_mm_dd():
    # Dates enter through the data too: each date cell of the shipped tables must parse.
    import csv
    import re

    from hgmap._io import data_path

    date_column = re.compile(r"(^|_)(date|as_of|signed|from|to|until|entry_into_force|eif_not_before|eif_not_after)$")
    files = sorted(data_path().glob("*.csv")) + sorted(data_path("law").glob("*.csv"))
    checked: set[str] = set()
    bad = []
    for path in files:
        with open(path, newline="", encoding="utf-8") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                for col in (c for c in row if c and date_column.search(c) and c not in ("accepts_from", "applies_to")):
                    checked.add(f"{path.name}:{col}")
                    if (row[col] or "").strip():
                        try:
                            parse_date(row[col], field=f"{path.name} line {line} {col}")
                        except DateError as exc:
                            bad.append(str(exc))
    assert {"facilities.csv:as_of", "memberships.csv:entry_into_force", "bans.csv:effective_from",
            "agreements.csv:in_force_from"} <= checked
    assert bad == []
