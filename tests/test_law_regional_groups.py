"""Regional groups (thirteenth pass, law17): the Kuwait Protocol, the African States, SADC.

Sources (also in ``data/law/research/README.md``, "Thirteenth pass (law17)"):

* Kuwait Protocol (ROPME, 1998) Parties and dates: IEADB current version (IEA# 3277,
  db_members.csv, Jan 2026; copy in github.com/mgaldino/treaties-ideal-point @746a24f);
  its articles only in ECOLEX's summary (TRE-001298): Art 5 imports from non-Contracting
  States prohibited "except if certain conditions are met"; Art 7 exports to
  non-Contracting States and Art 8 movements between Contracting States "under certain
  conditions only".
* Senegal: Code de l'environnement 2023 (Loi 2023-15, JO 16 Sep 2023) Art 80 (FAOLEX
  sen220404, OCR in github.com/Ansvar-Systems/Senegalese-law-mcp @1b8f1f7).
* African States: UN M49 region Africa (002), sovereign States.
* SADC members and accession dates: SARDC (SADC@40 p.36), Wikipedia member table.
"""
from __future__ import annotations

import datetime as dt

import pytest

from hgmap import law
from hgmap.law.state import get_state

DATE = "2026-06-01"


def _assess(o: str, d: str, op: str = "recovery", *, as_of: str = DATE) -> law.Decision:
    return law.assess(o, d, "lamps", op, as_of=as_of)


def _rules(dec: law.Decision) -> list[str]:
    return [r.rule_id for r in dec.reasons]


def _bans(dec: law.Decision) -> set[str]:
    return {b for r in dec.reasons for b in r.ban_ids}


# ----------------------------------------------------------------- Kuwait Protocol


def test_kuwait_protocol_art_5_flags_imports_from_non_contracting_states():
    """ECOLEX TRE-001298: Art 5 prohibits imports from non-Contracting States except under
    conditions not read: India -> Bahrain (a SIDS Party, IEADB: ratified 2005-06-08) is
    flagged with the article and cannot be better than low, the unknown named."""
    dec = _assess("IND", "BHR")
    flags = [r for r in dec.reasons if r.rule_id == "R4-kuwait-import"]
    assert flags and flags[0].effect == "flags"
    assert flags[0].citation == "Kuwait Protocol Art 5"
    assert dec.status != "prohibited" or "R4-kuwait-import" not in [r.rule_id for r in dec.reasons
                                                                     if r.effect == "prohibits"]
    assert dec.confidence == "low"
    assert any("Kuwait Protocol Art 5" in u for u in dec.unknowns)
    # Art 6 is named for disposal.
    disp = _assess("IND", "BHR", "disposal")
    assert any(r.citation == "Kuwait Protocol Art 5, Art 6" for r in disp.reasons if r.rule_id == "R4-kuwait-import")


def test_kuwait_flag_is_no_unknown_of_a_movement_prohibited_anyway():
    """USA -> Oman is prohibited by Basel Art 4(5) (the USA is not a Party): the Art 5 flag is
    reported, but the prohibition does not rest on its unknown."""
    dec = _assess("USA", "OMN")
    assert dec.status == "prohibited" and "R4-kuwait-import" in _rules(dec)
    assert not any("Kuwait Protocol Art 5" in u for u in dec.unknowns)


def test_kuwait_protocol_not_before_it_entered_into_force():
    """ECOLEX: in force 21 Aug 2005 (IEADB: 2005-09-04); nothing before."""
    dec = _assess("IND", "BHR", as_of="2004-06-01")
    assert "R4-kuwait-import" not in _rules(dec)
    assert not any("Kuwait" in c.citation for c in dec.requirements)


def test_kuwait_protocol_dates_per_party():
    """IEADB: Oman ratified 2007-04-07, in force 2007-07-06; UAE in force 2006-01-28; the first
    five Parties between the two sources' dates (low until 2005-09-04); Iraq not a Party."""
    s = get_state(dt.date(2007, 1, 1), None)
    assert not s.fact("kuwait", "OMN").value and s.fact("kuwait", "ARE").value
    assert get_state(dt.date(2007, 7, 6), None).fact("kuwait", "OMN").value
    early = get_state(dt.date(2005, 8, 25), None).fact("kuwait", "BHR")
    assert early.value and early.confidence == "low" and early.unknown
    later = get_state(dt.date(2006, 1, 1), None)
    parties = {c for c in later.codes if later.fact("kuwait", c).value}
    assert parties == {"BHR", "IRN", "KWT", "QAT", "SAU"}
    assert not get_state(dt.date(2026, 6, 1), None).fact("kuwait", "IRQ").value


def test_kuwait_protocol_art_7_and_art_8_conditions():
    """ECOLEX: exports to non-Contracting States (Art 7) and movements between Contracting
    States (Art 8) only under the Protocol's conditions: a condition names the article."""
    out = _assess("BHR", "DEU")
    assert out.status == "permitted_with_consent"
    assert [c.citation for c in out.requirements if c.instrument == "kuwait"] == ["Kuwait Protocol Art 7"]
    within = law.assess("BHR", "SAU", "lamps", "recovery", as_of=DATE)
    if within.status != "prohibited":
        assert [c.citation for c in within.requirements if c.instrument == "kuwait"] == ["Kuwait Protocol Art 8"]
    steps = law.procedure(out).steps
    assert any(st.citation == "Kuwait Protocol Art 7" for st in steps)
    # Not yet a Party: no condition.
    before = _assess("OMN", "DEU", as_of="2007-01-01")
    assert not [c for c in before.requirements if c.instrument == "kuwait"]


# ------------------------------------------------------------ Senegal and @africa


def test_senegal_2023_code_bans_imports_except_from_african_states():
    """Loi 2023-15 Art 80: 'L'importation des déchets dangereux ... est interdite. Toutefois, elle
    peut être autorisée avec les pays africains'; JO 16 Sep 2023; Art 255 repeals Loi 2001-01."""
    assert "SEN-CE-2023-80-IMPORT-NON-AFRICAN" in _bans(_assess("FRA", "SEN"))
    assert "SEN-CE-2023-80-IMPORT-NON-AFRICAN" in _bans(_assess("BRA", "SEN"))
    for african in ("MLI", "ZAF", "MAR", "EGY"):
        bans = _bans(_assess(african, "SEN"))
        assert "SEN-CE-2023-80-IMPORT-NON-AFRICAN" not in bans and "SEN-CE-2001-L39-IMPORT" not in bans
    # Reunion is France (an M49 'Africa' territory, not an African State): banned.
    assert "SEN-CE-2023-80-IMPORT-NON-AFRICAN" in _bans(_assess("REU", "SEN"))


def test_senegal_2001_row_ends_when_the_2023_code_applies():
    """Loi 2001-01 Art L39 banned every import until the 2023 Code's publication (16 Sep 2023)."""
    assert "SEN-CE-2001-L39-IMPORT" in _bans(_assess("MLI", "SEN", as_of="2023-09-15"))
    assert "SEN-CE-2023-80-IMPORT-NON-AFRICAN" not in _bans(_assess("FRA", "SEN", as_of="2023-09-15"))
    assert _bans(_assess("FRA", "SEN", as_of="2023-09-16")) >= {"SEN-CE-2023-80-IMPORT-NON-AFRICAN"}
    assert "SEN-CE-2001-L39-IMPORT" not in _bans(_assess("FRA", "SEN", as_of="2023-09-16"))


def test_africa_group_is_the_54_m49_african_states():
    """UN M49 region 002, sovereign States only (54); Western Sahara and the European
    territories listed under Africa are not in it."""
    s = get_state(dt.date(2026, 6, 1), None)
    africa = {c for c in s.codes if s.arr["africa"][s.idx(c)]}
    assert len(africa) == 54
    assert {"SEN", "ZAF", "EGY", "MAR", "SSD", "SYC", "CPV"} <= africa
    assert not africa & {"ESH", "REU", "MYT", "SHN", "IOT", "ATF", "FRA", "ESP"}


# -------------------------------------------------------------------------- SADC

#: The 16 SADC members (SARDC, SADC@40 p.36) and the list the ninth pass spelled out
#: for Zambia (every code but these and Western Sahara).
SADC16 = {"AGO", "BWA", "COM", "COD", "SWZ", "LSO", "MDG", "MWI", "MUS", "MOZ", "NAM", "SYC", "ZAF", "TZA",
          "ZMB", "ZWE"}


@pytest.mark.parametrize("as_of", ["2014-01-01", DATE])
def test_zambia_sadc_group_gives_the_spelled_out_answers(as_of):
    """S.I. 112 of 2013 reg 26(a): imports only from SADC. With the group '@sadc' the ban reaches
    exactly the States the spelled-out list named (every State but the 16 members), from
    2017-08-20 with Comoros a member; Western Sahara, missing from the old list, is now a
    partner (not a SADC member)."""
    s = get_state(dt.date.fromisoformat(as_of), None)
    old_partners = set(s.codes) - SADC16 - {"ESH", "ATA"}
    fired = set()
    for code in s.codes:
        if code in {"ATA", "ZMB"}:
            continue
        if "ZMB-SI-112-2013-26-IMPORT-NON-SADC" in _bans(_assess(code, "ZMB", as_of=as_of)):
            fired.add(code)
    expected = old_partners - {"ZMB"} | {"ESH"}
    if as_of < "2017-08-20":
        expected |= {"COM"}  # not yet a SADC member
    assert fired == expected


def test_sadc_accession_dates():
    """Comoros 'since 20 August 2017'; DRC since 8 Sep 1997; Madagascar admitted 18 Aug 2005."""
    assert not get_state(dt.date(2017, 8, 19), None).fact("sadc", "COM").value
    assert get_state(dt.date(2017, 8, 20), None).fact("sadc", "COM").value
    assert not get_state(dt.date(1997, 9, 7), None).fact("sadc", "COD").value
    assert get_state(dt.date(2005, 8, 18), None).fact("sadc", "MDG").value
