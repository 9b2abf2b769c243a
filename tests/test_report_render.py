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
    md = render_markdown(_report())
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\\*x\\*" in md and "\\|" in md and "\\[y\\]" in md
    assert md.startswith("# Transboundary movement of mercury waste") and md.endswith("*\n")
    assert "| [Fiji](#sids-fji) (FJI) | [3,457 km](#sids-fji-lamps) |" in md
    assert "- Step one.\n- Step two.\n" in md
    assert "#### Tuvalu: Mercury-containing lamps (no facility accepts this stream)" in md
    assert md_escape(REPORT_DISCLAIMER) in md


def test_html_autoescapes_and_embeds_only_safe_links():
    html = render_html(_report(), maps={"lamps": "javascript:alert(1)"})
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'src="#"' in html
    html = render_html(_report(), maps={"lamps": "maps/lamps.html"})
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
