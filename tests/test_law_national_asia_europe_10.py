"""National rules and Art 11 agreements read in the eighteenth pass (issue #13, Asia and Europe, law19b).

Each test pins a row appended in this pass to ``data/law/research/national_bans.csv``,
``coverage.csv`` or ``article11_additions.csv`` (notes / ``checked`` starting "EIGHTEENTH PASS
(law19b)") through the public API (``hgmap.law.assess``, ``hgmap.law.load_tables``), with the source
in its docstring. Not legal advice.
"""

from __future__ import annotations

import datetime as dt

from hgmap import law

from ._law import assessor, ban_ids, unknown_not_researched

DAY = "2025-06-01"

assess = assessor(op="recovery", as_of=DAY, stream="lamps")

AND_IMPORT = "AND-LLEI-25-2004-27-3-IMPORT"


def _agreement(aid: str):
    return next(a for a in law.load_tables().agreements if a.agreement_id == aid)


def test_andorra_bans_waste_imports_from_2005():
    """Andorra, Llei 25/2004, del 14 de desembre, de residus, Art 27(3): 'Està prohibida la importació de
    residus a Andorra llevat que sigui per causes excepcionals justificades i mitjançant autorització expressa i
    temporal del Govern' (BOPA 3/2005, 11 Jan 2005; in force the day after publication; text in GitHub
    legalize-dev/legalize-ad @952b918, ad/BOPA-L-2004-25.md). Russia -> Andorra lamps for recovery (no EU or
    Swiss rule involved): prohibited by this row from 2005-01-12, permitted with consent the day before; Andorra
    is no longer a 'not researched' unknown; Switzerland -> Andorra elemental mercury for disposal carries the row
    too."""
    assert law.load_tables().researched("AND")
    now = assess("RUS", "AND")
    assert now.status == "prohibited"
    assert AND_IMPORT in ban_ids(now)
    assert not unknown_not_researched(now, "Andorra")
    assert AND_IMPORT in ban_ids(assess("CHE", "AND", op="disposal", stream="elemental_mercury"))
    first = assess("RUS", "AND", as_of="2005-01-12")
    assert first.status == "prohibited" and AND_IMPORT in ban_ids(first)
    before = assess("RUS", "AND", as_of="2005-01-11")
    assert before.status == "permitted_with_consent" and AND_IMPORT not in ban_ids(before)


def test_andorra_exports_to_spain_are_not_banned():
    """Llei 25/2004 Art 27(1)-(2) and the Reglament d'exportació de residus (Decret of 14 May 2008, Art 1):
    exports under the Basel Convention and the bilateral agreements - no export ban. Andorra -> Spain lamps for
    disposal: not prohibited (Basel prior informed consent), and no Andorran ban row applies."""
    out = assess("AND", "ESP", op="disposal")
    assert out.status != "prohibited"
    assert AND_IMPORT not in ban_ids(out)
    assert not unknown_not_researched(out, "Andorra")


def test_andorra_spain_2011_agreement_scope_and_dates():
    """Acuerdo entre el Reino de España y el Principado de Andorra sobre el traslado de residuos, Madrid,
    29 Nov 2011 (BOE núm. 311, 27 Dec 2011, BOE-A-2011-20263; GitHub legalize-dev/legalize-es @1aa8c04,
    es/15/BOE-A-2011-20263.md): Art 2 the wastes of Reg (EC) 1013/2006; Art 4(3) only wastes generated in
    Andorra that it cannot treat soundly go to Spain; Art 4(2) Spain -> Andorra only non-hazardous wastes for
    recovery (no hgmap stream, so no such direction); Art 9 provisional application from signature."""
    a = _agreement("AND-ESP-2011")
    assert set(a.members) == {"AND", "ESP"}
    assert set(a.exporters) == {"AND"} and set(a.importers) == {"ESP"}
    assert set(a.operations) == {"disposal", "recovery"}
    assert a.scope_limited
    assert a.in_force_from == dt.date(2011, 11, 29) and a.date_quality == "exact"
    assert a.confidence == "high"
    assert "entry into force 13 Jun 2012" in a.notes  # BOE-A-2012-8780


def test_andorra_spain_earlier_agreements_are_dated_from_signature():
    """The 2006 Agreement (signed Madrid 17 Oct 2006, 'expiró el 25 de mayo del 2011, fue prorrogado mediante
    Intercambio de Notas por un período de un año': preamble of the 2011 Agreement) and the 2000 Agreement
    (signed 27 Jan 2000, 'prorrogat el 9 de juliol del 2004 per dos anys, fins al 10 de juliol del 2006':
    Andorra's Decret of 14 Dec 2005, BOPA 106/2005). Entry into force not found: signature date, flagged; each
    ends on its last day in force (``in_force_to``; the 2006 one's one-year extension read as ending 25 May 2012)."""
    for aid, signed, end in (("AND-ESP-2006", dt.date(2006, 10, 17), dt.date(2012, 5, 25)),
                             ("AND-ESP-2000", dt.date(2000, 1, 27), dt.date(2006, 7, 10))):
        a = _agreement(aid)
        assert a.in_force_from == signed and a.date_quality == "signature"
        assert set(a.exporters) == {"AND"} and set(a.importers) == {"ESP"}
        assert a.in_force_to == end and f"in force until {end.isoformat()}" in a.notes
        assert a.confidence == "medium"


def test_an_expired_andorra_spain_agreement_no_longer_permits(tmp_path):
    """Agreements end (agreements.csv ``in_force_to``): the Andorra-Spain Agreement of 27 Jan 2000 was
    extended on 9 Jul 2004 'per dos anys, fins al 10 de juliol del 2006' (Andorra, Decret of 14 Dec 2005,
    BOPA 106/2005, exposició de motius), and the next one was signed on 17 Oct 2006 (BOE-A-2011-20263,
    preamble). In a what-if where Andorra is outside Basel (so only an Art 11 agreement can permit),
    Andorra -> Spain is permitted under AND-ESP-2000 on its last day, prohibited (Basel Art 4(5)) the
    day after, and permitted again under AND-ESP-2006 once it is signed."""
    p = tmp_path / "and_outside_basel.yaml"
    p.write_text('name: Andorra outside Basel\nchanges:\n  - action: leave\n    instrument: basel\n'
                 '    iso3: AND\n    date: "2000-01-01"\n', encoding="utf-8")
    scen = law.load_scenario(p)

    def on(day):
        return law.assess("AND", "ESP", "lamps", "disposal", as_of=day, scenario=scen)

    last, after, next_ = on("2006-07-10"), on("2006-07-11"), on("2007-01-01")
    assert last.status == "permitted_with_consent"
    assert "AND-ESP-2000" in {r.agreement_id for r in last.reasons}
    assert after.status == "prohibited"
    assert not {r.agreement_id for r in after.reasons} & {"AND-ESP-2000", "AND-ESP-2006"}
    assert next_.status == "permitted_with_consent"
    assert "AND-ESP-2006" in {r.agreement_id for r in next_.reasons}
    assert _agreement("AND-ESP-2000").in_force_to == dt.date(2006, 7, 10)
