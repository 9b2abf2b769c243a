"""hgmap.report.render: templates, Markdown escaping, CSV safety, formats (no solving needed)."""

from __future__ import annotations

import pytest

from hgmap.errors import HgmapError
from hgmap.report import Country, Entry, Option, SidsReport, csv_safe, md_escape, render_csv, render_html, \
    render_markdown
from hgmap.report.model import REPORT_DISCLAIMER
from hgmap.report.render import check_format

EVIL = "<script>alert(1)</script> *x* | [y](javascript:z)"


def _report() -> SidsReport:
    opt = Option(rank=1, facility_id="F-1", facility_name=EVIL, facility_iso3="AUS", facility_country="Australia",
                 operation="disposal", distance_km=3456.7, sea_km=3400.0, land_km=56.7, access_km=0.0,
                 transit=(), legal_status="permitted_with_consent", rules=("R6-pic",), conditions=("c",),
                 legal_confidence="high", legal_unknowns=(), facility_status="operating",
                 facility_confidence="high", basis="Basel Convention: both States are Parties",
                 procedure=("Step one.", "Step two."))
    e1 = Entry("FJI", "Fiji", "Pacific", "lamps", "reachable", (opt,), (), None, None, None, (), (), ())
    e2 = Entry("TUV", "Tuvalu", "Pacific", "lamps", "no_facility_for_stream", (), (), None, None, None,
               ("No operating facility in the catalogue accepts lamps.",), (), ())
    rep = SidsReport(streams=("lamps",), countries=(Country("FJI", "Fiji", "Pacific", True),
                                                    Country("TUV", "Tuvalu", "Pacific", True)),
                     entries={("FJI", "lamps"): e1, ("TUV", "lamps"): e2}, regions=(), as_of="2026-12-01",
                     data_date="2025-10-22", k=1, scenario=None, scenario_description="", operation=None,
                     circuity=1.3, sea_passage_is_transit=False, statuses=("operating",), what_if=False,
                     facilities_source="shipped catalogue", country_names={"FJI": "Fiji", "AUS": "Australia"})
    from hgmap.report.summary import regions

    rep.regions = regions(rep)
    return rep


def test_markdown_escapes_and_keeps_structure():
    md = render_markdown(_report(), detail=True)
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\\*x\\*" in md and "\\|" in md and "\\[y\\]" in md
    assert md.startswith("# Transboundary movement of mercury waste") and md.endswith("*\n")
    assert "| [Fiji](#sids-fji) (FJI) | [3,457 km](#sids-fji-lamps) |" in md
    assert "- Step one.\n- Step two.\n" in md
    assert "#### Tuvalu: Mercury-containing lamps (no facility accepts this stream)" in md
    assert md_escape(REPORT_DISCLAIMER) in md


def test_html_autoescapes_and_embeds_only_safe_links():
    html = render_html(_report(), maps={"lamps": "javascript:alert(1)"}, detail=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'src="#"' in html
    html = render_html(_report(), maps={"lamps": "maps/lamps.html"}, detail=True)
    assert 'src="maps/lamps.html"' in html
    assert "<style>\nbody{" in html  # the stylesheet asset is inlined


def test_csv_rows_and_formula_guard():
    text = render_csv(_report())
    lines = text.splitlines()
    assert lines[0].startswith("region,iso3,name,stream,status,rank")
    assert len(lines) == 3 and ",3456.7," in lines[1]
    assert csv_safe("=1+1") == "'=1+1" and csv_safe("-x") == "'-x" and csv_safe("ok") == "ok"


def test_formats():
    assert check_format(".MD") == "md" and check_format("htm") == "html" and check_format("markdown") == "md"
    with pytest.raises(HgmapError, match="unknown report format"):
        check_format("pdf")
    rep = _report()
    assert rep.render("csv") == render_csv(rep) and rep.render("md") == render_markdown(rep)


def test_overview_is_one_line_per_sids_and_stream_with_the_legs():
    rep = _report()
    md = render_markdown(rep)
    rows = [line for line in md.splitlines() if "(FJI) | Mercury" in line or "(TUV) | Mercury" in line]
    assert len(rows) == 2  # Fiji and Tuvalu, one stream each
    fiji = next(r for r in rows if "Fiji (FJI)" in r)
    assert "3,457 km (sea 3,400 km + land 57 km)" in fiji  # the total with the legs it adds up from
    assert "Australia (AUS)" in fiji and "Basel Convention: both States are Parties" in fiji and "high" in fiji
    assert "&lt;script&gt;" in fiji and "<script>" not in md
    assert "Procedure for option" not in md  # the detail stays in detail=True
    assert "Procedure for option" in render_markdown(rep, detail=True)
    assert rep.data_date in md and md_escape(REPORT_DISCLAIMER) in md
    assert "](dossiers/" not in md  # no dossiers: names are plain text


def test_overview_links_each_dossier_safely():
    rep = _report()
    links = {"FJI": [("en", "dossiers/dossier_FJI_en.html")],
             "TUV": [("en", "dossiers/dossier_TUV_en.html"), ("fr", "javascript:alert(1)")]}
    md = render_markdown(rep, dossiers=links)
    assert "[Fiji](dossiers/dossier_FJI_en.html) (FJI)" in md
    assert "[Tuvalu](dossiers/dossier_TUV_en.html) (TUV) · [fr](#)" in md
    html = render_html(rep, dossiers=links)
    assert '<a href="dossiers/dossier_FJI_en.html">Fiji</a>' in html
    assert 'href="javascript' not in html and "<script>alert" not in html
    assert "Procedure for option" not in html and "Procedure for option" in render_html(rep, detail=True)


@pytest.mark.parametrize("objective, words", [("cost", "by estimated transport cost, lowest first"),
                                              ("distance", "by route length, shortest first")])
def test_ranking_is_worded_by_the_objective_never_nearest(objective, words):
    """Options are ranked by the results' objective; no output of the report calls rank 1 "nearest"."""
    import dataclasses

    rep = dataclasses.replace(_report(), objective=objective)
    best = "lowest estimated transport cost" if objective == "cost" else "shortest route"
    for detail in (True, False):
        for text in (render_markdown(rep, detail=detail), render_html(rep, detail=detail)):
            assert words in text
            assert f"best legally accessible facility ({best})" in text
            low = text.lower()
            for wrong in ("nearest legally", "nearest facility", "nearest option", "nearest first", "nearer "):
                assert wrong not in low, [ln for ln in low.splitlines() if wrong in ln]


def test_assumptions_say_how_each_leg_is_measured():
    """Roads follow the road network; only the joins, port approaches and road-less islands'
    legs are straight-line estimates; the inland-ports caveat is stated."""
    from hgmap.network import DEFAULT_MAX_SNAP_KM
    from hgmap.report.render import assumptions

    text = " ".join(assumptions(_report()))
    assert "land or port-access legs measured as great-circle" not in text
    assert "Road legs follow the OpenStreetMap road network" in text
    assert f"ports up to {DEFAULT_MAX_SNAP_KM:,.0f} km from a lane" in text
    assert "straight-line estimate" in text and "circuity factor of 1.3" in text
    assert "inland places" in text and "Known gaps" in text
    md = render_markdown(_report())
    assert "Road legs follow the OpenStreetMap road network" in md


def test_an_earlier_as_of_date_says_the_facilities_are_the_catalogues():
    import dataclasses

    rep = dataclasses.replace(_report(), facilities_dates=("2026-11-26", "2026-12-01"), as_of="2010-06-01")
    for text in (render_markdown(rep), render_html(rep, detail=True)):
        assert "The law is read as of 2010-06-01; the facilities" in text
        assert "(2026-11-26 to 2026-12-01), not as they were on 2010-06-01" in text
    same = dataclasses.replace(rep, as_of="2026-12-01")
    assert "not as they were on" not in render_markdown(same)


def test_the_cost_that_ranks_the_options_is_shown_in_the_overview_and_the_detail():
    """Options are ranked by estimated transport cost (results' cost_usd_per_t_low/high, hgmap.costs):
    the overview line and the detail table show it (review of 2 Dec 2026: sids_report showed none)."""
    import dataclasses

    rep = _report()
    e = rep.entries[("FJI", "lamps")]
    opt = dataclasses.replace(e.options[0], cost_low=41.2, cost_high=1201.0)
    rep.entries[("FJI", "lamps")] = dataclasses.replace(e, options=(opt,))
    for detail in (False, True):
        md = render_markdown(rep, detail=detail)
        assert "Est. transport cost" in md and "| 41-1,201 USD/t |" in md
        html = render_html(rep, detail=detail)
        assert "<th>Est. transport cost</th>" in html and '<td class="n">41-1,201 USD/t</td>' in html
    assert "USD per tonne of a full 20-foot container" in render_markdown(rep)
    # an option the results did not price says so
    rep.entries[("FJI", "lamps")] = e
    assert "| n/a |" in render_markdown(rep)
