"""Every source URL shipped in data/law and data/authorities.csv is a source, not a mirror or an unrelated site.

The hosts below were found citing legal facts shown in dossiers (Basel focal point review,
fix22a): a betting site reprinting a news story (ufabetindo.in, Thailand's 2025 e-waste
notification), an anonymous mirror of PacLII (890818.2vmbj36k4.asia, Tuvalu's Waste Management
Act 2017: the act is at http://www.paclii.org/tv/legis/num_act/wma2017167/), and a customs
chatbot's script (atezsoftware/customs-regulations-chatbot, Basel and EU statuses copied from the
UN Treaty Collection, https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XXVII/XXVII-3.en.xml).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
#: Hosts (or host + path prefixes) that are no source for a legal fact.
UNSUITABLE = ("ufabetindo.in", "2vmbj36k4.asia", "atezsoftware/customs-regulations-chatbot")
TABLES = sorted((DATA / "law").glob("*.csv")) + [DATA / "authorities.csv"]


def _sources(path: Path):
    with path.open(newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            for column, value in row.items():
                if column and "source" in column and value:
                    yield i, column, value


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_no_source_is_on_an_unsuitable_host(path):
    bad = [f"{path.name}:{i} {column}: {marker}" for i, column, value in _sources(path)
           for marker in UNSUITABLE if marker in value]
    assert not bad, bad


def test_the_replaced_rows_keep_a_real_source():
    """Tuvalu's competent authority cites PacLII itself; Fiji's Basel status the UN Treaty
    Collection; Thailand's e-waste ban only what the 2020 reports support (no 2025 claim)."""
    auth = {r["iso3"]: r for r in csv.DictReader((DATA / "authorities.csv").open(encoding="utf-8"))}
    assert re.match(r"http://www\.paclii\.org/tv/legis/num_act/wma2017167/?$", auth["TUV"]["source_url"])
    fiji = next(r for r in csv.DictReader((DATA / "law" / "memberships.csv").open(encoding="utf-8"))
                if r["instrument"] == "basel" and r["iso3"] == "FJI")
    assert "treaties.un.org" in fiji["source_url"]
    tha = next(r for r in csv.DictReader((DATA / "law" / "bans.csv").open(encoding="utf-8"))
               if r["ban_id"] == "THA-IMPORT-4")
    assert "2025" not in tha["legal_basis"] and "463" not in tha["scope_wastes"]


def test_the_us_import_consent_authority_is_epa_with_its_cited_rule():
    """Imports into the USA need EPA's consent (40 CFR 262.84, read in its verbatim Utah adoption,
    https://www.law.cornell.edu/regulations/utah/Utah-Admin-Code-R315-262-84: 'USA01' as the
    relevant competent authority code; notices through WIETS): the row names EPA and its code, cites
    the rule text, and carries a confidence and a date. No division or address is given that no
    current source was read for."""
    rows = [r for r in csv.DictReader((DATA / "authorities.csv").open(encoding="utf-8")) if r["iso3"] == "USA"]
    assert len(rows) == 1 and rows[0]["role"] == "competent_authority"
    usa = rows[0]
    assert "Environmental Protection Agency" in usa["authority"] and "USA01" in usa["authority"]
    assert "R315-262-84" in usa["source_url"] and usa["confidence"] in ("high", "medium", "low")
    assert re.match(r"\d{4}-\d{2}-\d{2}$", usa["as_of"])
    assert "Washington" not in usa["authority"] and "Division" not in usa["authority"]
