"""The Izmir Protocol (1996) as hgmap reads it: Art 5(4) bans, Art 6(4) territorial sea, Art 1(u).

Sources (read 2 Dec 2026):

* Protocol text, bilingual edition of Turkey's Ministry of Environment:
  https://webdosya.csb.gov.tr/db/ab/yayinlar/AB-Sozlesme-03-BarselonaSozlesmesi/files/basic-html/page51.html
  (Art 5(4): "Subject to the specific provisions relating to the transboundary movement of
  hazardous wastes through the territorial sea of a State of transit, referred to in Article
  6.4 of this Protocol, all Parties shall take appropriate legal, administrative and other
  measures within the area under their jurisdiction to prohibit the ...") and page46.html
  (Art 1(k): the area under national jurisdiction is any land, marine area or airspace;
  Art 1(u): developing countries, defined by OECD membership).
* UNEP/MAP reporting format for the Protocol (eaudeweb/barcelona-convention-webforms,
  hwp/src/assets/form.js, commit 0572511): Art 5.4 "prohibition of the export and transit of
  hazardous waste, within the area under their jurisdiction, to developing countries" and
  "prohibition, by the Parties which are not Member States of the European Community of all
  imports and transit of hazardous waste"; Art 6.4 "through the territorial sea of the State of
  transit only takes place with the prior notification by the State of export".
"""

from __future__ import annotations

import pytest

from hgmap import law
from hgmap.errors import UnknownCountryError

DATE = "2025-06-01"


def _assess(o: str, d: str, op: str = "recovery", *, as_of: str = DATE, **kw) -> law.Decision:
    return law.assess(o, d, "lamps", op, as_of=as_of, **kw)


def test_overland_transit_through_a_non_eu_party_is_prohibited():
    """Art 5(4) with Art 1(k): a non-EU Party bans all transit 'within the area under its
    jurisdiction', which is any land, marine area or airspace. Transit by road through
    Morocco (as Western Sahara's only road runs) is therefore banned, Atlantic port or not."""
    d = _assess("DZA", "PRT", via=("MAR",))
    assert d.status == "prohibited"
    (mar,) = d.transit
    assert mar.status == "prohibited" and [r.rule_id for r in mar.reasons] == ["R7-izmir-transit"]
    assert "any land" in mar.reasons[0].detail and mar.reasons[0].confidence == "medium"


def test_territorial_sea_passage_needs_notification_not_a_ban():
    """Art 5(4) is 'subject to' Art 6(4): passing only through a Party's territorial sea needs
    the State of export's prior notification of that Party, so the transit ban does not apply."""
    d = _assess("DZA", "PRT", via=("MAR",), sea_passage=("MAR",))
    assert d.status == "permitted_with_consent"
    (mar,) = d.transit
    assert mar.status == "permitted_with_consent"
    assert {r.rule_id for r in mar.reasons} == {"R7-party-transit", "R7-izmir-sea"}
    assert "transit_sea_notice" in mar.kinds
    notice = [c for c in d.requirements if c.rule_id == "R7-izmir-sea"]
    assert notice and notice[0].kind == "transit_notice" and notice[0].states == ("MAR",)
    steps = law.procedure(d).steps
    assert any(s.kind == "transit_notice" and s.citation == "Izmir Protocol Art 6(4)" and s.states == ("MAR",)
               for s in steps)
    assert d.to_dict()["sea_passage"] == ["MAR"]
    assert "by sea only: MAR" in d.explain()


def test_matrix_transit_blockers_know_the_sea_passage():
    """The router's check (``LegalMatrix.transit_blockers``) agrees with ``assess``."""
    m = law.matrix("lamps", "recovery", as_of=DATE)
    assert m.transit_blockers("DZA", "PRT", ["MAR"]) == {"MAR": ("R7-izmir-transit",)}
    assert m.transit_blockers("DZA", "PRT", ["MAR"], sea_passage=["MAR"]) == {}
    assert m.decision("DZA", "PRT", via=["MAR"], sea_passage=["MAR"]).status == "permitted_with_consent"


def test_national_transit_bans_still_apply_to_sea_passage():
    """Only the Izmir ban carries the Art 6(4) carve-out; a national transit ban (the
    Philippines, RA 6969) is not lifted by passing through the territorial sea."""
    d = _assess("SGP", "JPN", via=("PHL",), sea_passage=("PHL",))
    assert d.status == "prohibited"
    assert [r.rule_id for r in d.transit[0].reasons] == ["R7-national-transit"]


def test_every_party_bans_exports_to_developing_countries():
    """Art 5(4): all Parties prohibit exports of hazardous wastes to developing countries;
    Art 1(u) defines them by (non-)membership of the OECD. Albania (a Party since the
    Protocol's entry into force, 2008-01-19) -> Serbia (not OECD) is prohibited; -> Germany
    (OECD) is not; before 2008 the Protocol was not in force."""
    d = _assess("ALB", "SRB", "disposal")
    assert "R4-izmir-export" in d.rule_ids
    (r,) = d.reasons_of("regional_export_ban")
    assert r.instrument == "izmir" and r.states == ("ALB",) and r.confidence == "medium"
    assert "R4-izmir-export" not in _assess("ALB", "DEU", "disposal").rule_ids
    assert "R4-izmir-export" not in _assess("ALB", "SRB", "disposal", as_of="2005-01-01").rule_ids


def test_developing_country_follows_oecd_membership_on_the_date():
    """Chile joined the OECD on 2010-05-07: Tunisia -> Chile is barred by Art 5(4) in 2009,
    not in 2011 (OECD membership read on the assessment date, as hgmap reads Annex VII)."""
    assert "R4-izmir-export" in _assess("TUN", "CHL", "disposal", as_of="2009-06-01").rule_ids
    assert "R4-izmir-export" not in _assess("TUN", "CHL", "disposal", as_of="2011-06-01").rule_ids
    m = law.matrix("lamps", "disposal", as_of="2009-06-01")
    assert "R4-izmir-export" in m.rules("TUN", "CHL")


def test_malta_bans_transit_to_developing_countries_only():
    """Malta is an EU Member State, so the all-imports-and-transit ban of non-EU Parties does
    not bind it, but the every-Party ban on transit to developing countries does."""
    assert _assess("EGY", "ZAF", "disposal", via=("MLT",)).transit[0].status == "prohibited"
    assert _assess("EGY", "DEU", "disposal", via=("MLT",)).transit[0].status == "permitted_with_consent"
    m = law.matrix("lamps", "disposal", as_of=DATE)
    assert m.transit_blockers("EGY", "ZAF", ["MLT"]) == {"MLT": ("R7-izmir-transit",)}
    assert m.transit_blockers("EGY", "ZAF", ["MLT"], sea_passage=["MLT"]) == {}


def test_sea_passage_must_be_a_via_state():
    with pytest.raises(UnknownCountryError, match="sea_passage: 'MAR' is not one of the via States"):
        _assess("DZA", "PRT", via=("ESP",), sea_passage=("MAR",))
    with pytest.raises(UnknownCountryError, match="sea_passage"):
        _assess("DZA", "PRT", via=("MAR",), sea_passage=("XXX",))
