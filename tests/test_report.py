"""The SIDS guidance report (issue 6).

Results are computed once per session, for two streams, on the shipped catalogue plus
one facility whose catalogue text carries script-injection payloads
(``tests/data/report/xss_facility.csv``, a Barbados lamp recycler).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from types import SimpleNamespace

import pytest

XSS_NAME = "<img src=x onerror=alert(1)>"
AS_OF = "2025-06-01"
STREAMS = ("lamps", "chlor_alkali_residues")


@pytest.fixture(scope="session")
def xss_catalogue(tmp_path_factory, data_dir) -> Path:
    from hgmap._io import data_path

    shipped = data_path("facilities.csv").read_text(encoding="utf-8").rstrip("\n")
    extra = (data_dir / "report" / "xss_facility.csv").read_text(encoding="utf-8").split("\n", 1)[1]
    path = tmp_path_factory.mktemp("report") / "facilities_xss.csv"
    path.write_text(shipped + "\n" + extra, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def computed(xss_catalogue):
    from hgmap.access import AccessModel
    from hgmap.facilities import load_facilities

    facilities = load_facilities(xss_catalogue)
    model = AccessModel(facilities=facilities)
    results = {s: model.solve(s, as_of=AS_OF, origins="sids", k=3) for s in STREAMS}
    return SimpleNamespace(facilities=facilities, model=model, results=results)


@pytest.fixture(scope="session")
def report(computed):
    from hgmap.report import build_report

    return build_report(computed.results, facilities=computed.facilities, model=computed.model)


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_sids_appears_for_every_stream(report, countries):
    from hgmap.report import CSV_COLUMNS

    sids = set(countries.loc[countries["sids"], "iso3"])
    assert len(sids) == 58
    assert {c.iso3 for c in report.countries} == sids
    assert report.streams == STREAMS
    assert set(report.entries) == {(iso, s) for iso in sids for s in STREAMS}
    md = report.render("md", detail=True)
    html = report.render("html", detail=True)
    for iso in sids:
        for s in STREAMS:
            anchor = report.entry(iso, s).anchor
            assert f'<a id="{anchor}"></a>' in md
            assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
        assert f'href="#sids-{iso.lower()}"' in html
    rows = _csv_rows(report.render("csv"))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {(r["iso3"], r["stream"]) for r in rows} == {(iso, s) for iso in sids for s in STREAMS}
    for (iso, s), e in report.entries.items():
        ranks = [r["rank"] for r in rows if r["iso3"] == iso and r["stream"] == s]
        assert ranks == [str(i) for i in range(1, max(1, len(e.options)) + 1)]


def test_regional_summaries(report):
    assert [r.region for r in report.regions] == ["Caribbean", "Pacific", "AIS"]
    assert sum(len(r.sids) for r in report.regions) == 58
    for region in report.regions:
        for line in region.streams:
            assert line.reachable + line.no_legal_route + line.no_facility == len(region.sids)
            if line.reachable:
                assert line.median_km is not None and 0 < line.median_km <= line.max_km
        assert region.top_facilities
        assert all(n >= 1 for *_, n, _ in region.top_facilities)
    md = report.render("md", detail=True)
    assert "Facilities most relied on" in md and "Streams with no option for any SIDS" in md


def test_no_route_shows_reasons_and_what_would_open_one(report):
    blocked = [e for e in report.entries.values() if e.status == "no_legal_route"]
    assert blocked, "expected at least one SIDS without a legal route (e.g. Haiti, chlor-alkali residues)"
    e = report.entry("HTI", "chlor_alkali_residues")
    assert e.status == "no_legal_route" and not e.options
    assert e.reasons and any("Basel Art 4(5)" in r for r in e.reasons)
    law_closed = [c for c in e.closed if c.reason == "law"]
    assert law_closed and "R2" in law_closed[0].rules and "HTI" in law_closed[0].nonparty
    accession = next(w for w in e.what_if if w.kind == "accession")
    assert accession.opens and accession.facility_id and accession.distance_km > 0
    assert "action: join" in accession.scenario_yaml and "iso3: HTI" in accession.scenario_yaml
    assert any(w.kind == "agreement" for w in e.what_if)
    md = report.render("md", detail=True)
    section = md.split(f'<a id="{e.anchor}"></a>', 1)[1].split("<a id=", 1)[0]
    assert "**No legal route.**" in section
    assert "Party to non-Party (Basel Art 4(5))" in section
    assert "Haiti accedes to the Basel Convention: opens" in section
    assert f"{accession.distance_km:,.0f} km" in section
    rows = [r for r in _csv_rows(report.render("csv")) if r["iso3"] == "HTI" and r["stream"] == e.stream]
    assert rows[0]["status"] == "no_legal_route" and rows[0]["what_if_facility_id"] == accession.facility_id
    assert rows[0]["no_route_reasons"]


def test_reachable_entry_states_basis_procedure_and_transit(report):
    e = report.entry("ATG", "lamps")
    assert e.status == "reachable" and len(e.options) == 3
    assert [o.rank for o in e.options] == [1, 2, 3]
    # Ranked by estimated transport cost (the default objective), priced low-high.
    mids = [(o.cost_low + o.cost_high) / 2 for o in e.options]
    assert all(o.cost_low <= o.cost_high for o in e.options) and mids == sorted(mids)
    # Since Brazil's import ban (Law 12.305/2010 Art 49) Antigua's options need no transit;
    # any SIDS option that crosses a third State must list it in its procedure.
    with_transit = [o for e2 in report.entries.values() for o in e2.options if o.transit]
    assert with_transit
    opt = with_transit[0]
    assert any("transit" in step.lower() for step in opt.procedure)
    assert opt.procedure[0].startswith("Prior informed consent of")
    for e2 in report.entries.values():
        for o in e2.options:
            assert o.basis and o.procedure
    fiji = report.entry("FJI", "lamps").first
    assert "Waigani" in fiji.basis or "Art 11" in fiji.basis


def test_flags_low_confidence_and_unknown_data(report):
    flagged = [e for e in report.entries.values() if e.flags]
    assert flagged
    # The fixture facility has a low-confidence record; whoever relies on it is flagged.
    users = [e for e in report.entries.values() if any(o.facility_id == "HG-BRB-999" for o in e.options)]
    assert users
    assert all(any("facility record confidence is low" in f for f in e.flags) for e in users)


def test_two_runs_give_identical_files(computed, report, tmp_path):
    from hgmap.report import build_report

    again = build_report(computed.results, facilities=computed.facilities, model=computed.model)
    for fmt in ("md", "csv", "html"):
        a = report.write(tmp_path / "a" / f"report.{fmt}", maps="none").read_bytes()
        b = again.write(tmp_path / "b" / f"report.{fmt}", maps="none").read_bytes()
        assert a == b, fmt
    assert b"UTC" not in (tmp_path / "a" / "report.md").read_bytes()


def test_html_maps_are_embedded_and_reproducible(computed, tmp_path):
    from hgmap.report import build_report

    results = {"lamps": computed.results["lamps"]}
    pages = []
    for run in ("a", "b"):
        rep = build_report(results, facilities=computed.facilities, model=computed.model, what_if=False)
        out = rep.write(tmp_path / run / "sids.html", maps="files")
        map_file = tmp_path / run / "sids_maps" / "lamps.html"
        assert map_file.exists()
        pages.append((out.read_bytes(), map_file.read_bytes()))
    assert pages[0] == pages[1]
    html = pages[0][0].decode()
    assert '<iframe class="map"' in html and 'src="sids_maps/lamps.html"' in html


def test_html_and_markdown_escape_catalogue_text(report):
    html = report.render("html", detail=True)
    assert XSS_NAME not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script>alert" not in html
    md = report.render("md", detail=True)
    assert XSS_NAME not in md and "<img" not in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    text = report.render("csv")
    assert XSS_NAME in text  # CSV carries the data as it is...
    assert not any(line.split(",")[0].startswith("=") for line in text.splitlines())


def test_csv_neutralises_formulas():
    from hgmap.report import csv_safe

    assert csv_safe('=HYPERLINK("x")') == "'=HYPERLINK(\"x\")"
    assert csv_safe("Plain") == "Plain"


def test_report_states_dates_assumptions_and_disclaimer(report):
    for fmt in ("md", "html"):
        text = report.render(fmt)
        assert AS_OF in text and report.data_date in text
        assert "circuity factor of 1.3" in text
        assert "not counted as transit" in text
        assert "not legal advice" in text.lower()


def test_options_carry_the_law_procedure(report):
    from hgmap import law

    fiji = report.entry("FJI", "lamps").first
    dec = law.assess("FJI", fiji.facility_iso3, "lamps", fiji.operation, as_of=AS_OF, via=fiji.transit)
    proc = law.procedure(dec, names=report.country_names)
    assert fiji.basis == proc.basis and fiji.procedure == proc.texts and fiji.steps == proc.steps
    # Fiji is outside Basel: it notifies under the Waigani Convention (an Art 11 agreement).
    assert fiji.steps[0].kind == "agreement_notice" and fiji.steps[0].states == ("FJI", fiji.facility_iso3)
    assert "Waigani Art 6(1)" in fiji.steps[0].citation
    for e in report.entries.values():
        for o in e.options:
            assert o.steps and o.procedure == tuple(dict.fromkeys(st.text for st in o.steps))


def test_what_if_candidates_follow_the_closing_rules():
    import datetime as dt

    from hgmap.report import Closed, what_if_candidates

    closed = [
        Closed("F1", "One", "DEU", 100.0, "law", ("R2",), "", "", None, ("TLS",)),
        Closed("F2", "Two", "COL", 200.0, "law", ("R4-national-import",), "", "", None, ()),
        Closed("F3", "Three", "USA", 300.0, "status", (), "status is unknown", "", None, ()),
    ]
    cands = what_if_candidates("TLS", "lamps", closed, as_of=dt.date(2025, 6, 1))
    kinds = [k for k, _, _ in cands]
    assert kinds[0] == "accession"
    assert "agreement" in kinds and "lift_import_ban" in kinds
    lift = next(ch for k, _, ch in cands if k == "lift_import_ban")
    assert lift[0]["action"] == "lift_ban" and lift[0]["id"] == "COL-CONST-81"


def test_build_report_needs_the_scenario_of_the_results(computed):
    from hgmap.errors import HgmapError
    from hgmap.report import build_report

    res = computed.results["lamps"].copy()
    res.attrs = {**computed.results["lamps"].attrs, "scenario": "some scenario"}
    with pytest.raises(HgmapError, match="scenario"):
        build_report({"lamps": res}, facilities=computed.facilities, model=computed.model)


def test_cli_report_csv(xss_catalogue, tmp_path):
    from hgmap.cli import main

    out = tmp_path / "sids.csv"
    code = main(["report", "--sids", "--streams", "lamps", "--as-of", AS_OF, "--k", "1",
                 "--facilities", str(xss_catalogue), "--no-what-if", "--out", str(out)])
    assert code == 0
    rows = _csv_rows(out.read_text(encoding="utf-8"))
    assert len(rows) == 58 and {r["rank"] for r in rows} == {"1"}
    assert main(["report", "--sids", "--streams", "nope", "--out", str(tmp_path / "x.md")]) == 2


def test_cli_report_detail_keeps_the_full_report(tmp_path):
    from hgmap.cli import main

    args = ["report", "--sids", "--streams", "lamps", "--as-of", AS_OF, "--no-what-if"]
    assert main([*args, "--out", str(tmp_path / "overview.md")]) == 0
    assert main([*args, "--detail", "--out", str(tmp_path / "full.md")]) == 0
    overview = (tmp_path / "overview.md").read_text(encoding="utf-8")
    full = (tmp_path / "full.md").read_text(encoding="utf-8")
    assert "regional overview" in overview and "Procedure for option" not in overview
    assert "Procedure for option" in full and "## Country profiles" in full
    assert len(overview.splitlines()) < len(full.splitlines())


def test_closed_transit_states_come_from_the_states_field_never_the_sentence():
    """The report reads the transit States of a ``blocked_reasons`` entry from its ``states``
    field (ISO3 codes); the ``detail`` sentence is for people and is never parsed (an entry
    without ``states`` names no transit State, whatever its sentence says)."""
    from hgmap.report.build import closed_list
    from hgmap.report.legal import LawView

    view = LawView(as_of=None, operation=None, scenario=None)
    base = {"facility_id": "F1", "facility_name": "F", "facility_iso3": "USA", "distance_km": 10.0,
            "reason": "transit", "rules": ["R7-izmir-transit"]}
    given = dict(base, detail="every route crosses a state that bans the transit: FRA, ITA", states=["MAR"])
    words = dict(base, detail="every route crosses a state that bans the transit: FRA, ITA")
    ends = dict(base, detail="USA bans the movement", states=["USA", "ESH"])
    got = closed_list("ESH", "lamps", [given, words, ends], law=view, operation=None)
    assert [c.transit_states for c in got] == [("MAR",), (), ()]
    assert got[0].detail == given["detail"]


def test_the_csv_gives_the_cost_that_ranks_the_options(report):
    """The overview ranks options by estimated transport cost: the complete table carries it
    (cost_usd_per_t_low/high, USD per tonne, as the results give it), not only the HTML."""
    rows = [r for r in _csv_rows(report.render("csv")) if r["facility_id"]]
    assert rows and all(r["cost_usd_per_t_low"] and r["cost_usd_per_t_high"] for r in rows)
    assert all(float(r["cost_usd_per_t_low"]) <= float(r["cost_usd_per_t_high"]) for r in rows)
    e = next(e for e in report.entries.values() if e.options)
    opt = e.options[0]
    row = next(r for r in rows if r["iso3"] == e.iso3 and r["stream"] == e.stream and r["rank"] == "1")
    assert row["cost_usd_per_t_low"] == f"{opt.cost_low:.1f}"


def test_a_ban_that_may_reach_part_of_the_stream_is_flagged(access_model):
    """Thailand's import ban on e-waste (THA-IMPORT-4: assemblies and scrap containing mercury
    switches, CRTs, PCB capacitors ...) may reach part of a lamps consignment: the law makes it a
    ``stream_scope`` condition, not an unknown, and the overview flagged only unknowns (review 27):
    Maldives -> HG-THA-001 said nothing of it."""
    from hgmap.report import build_report

    res = access_model.solve("lamps", origins="sids", as_of=AS_OF, k=1)
    rep = build_report({"lamps": res}, model=access_model)
    option = rep.entry("MDV", "lamps").first
    assert option.facility_id == "HG-THA-001"
    assert any(f.startswith("check the consignment: ") and "THA-IMPORT-4" in f for f in option.flags)
