"""The SIDS transboundary guidance report (Markdown, HTML or CSV).

For each Small Island Developing State (the ``sids`` flag of the countries layer) and
each mercury-waste stream, the report lists the best legally accessible treatment
facilities (ranked by the results' objective: estimated transport cost by default; route
length, sea and land legs, transit states), the legal basis of each movement and the
procedure it implies (:func:`hgmap.law.procedure`), the facilities with a shorter route
than the first option that are closed to the SIDS and why, and the places where the answer rests
on weak or unknown data. Where no legal route exists it says why, and what would open
one (:mod:`hgmap.report.whatif`).

One concept per module: :mod:`~hgmap.report.model` (dataclasses),
:mod:`~hgmap.report.legal` (what the report asks of the law),
:mod:`~hgmap.report.build` (:func:`build_report`), :mod:`~hgmap.report.summary`
(regional summaries), :mod:`~hgmap.report.whatif` (the what-if search),
:mod:`~hgmap.report.render` (Markdown/HTML/CSV from the templates in
``hgmap/report/templates/``) and :mod:`~hgmap.report.write` (:func:`sids_report`).

Reports are reproducible: the same inputs give the same bytes (no timestamp unless
asked for, stable ordering, fixed number formats). Not legal advice.
"""

from __future__ import annotations

from ..law import agreement_label
from .build import build_report
from .legal import rule_text
from .model import (
    CLOSED_REASONS, CSV_COLUMNS, FORMATS, REGION_TITLES, REGIONS, REPORT_DISCLAIMER, Closed, Country, Entry,
    Option, RegionSummary, SidsReport, StreamSummary, WhatIf,
)
from .render import csv_safe, md_escape, render_csv, render_html, render_markdown
from .whatif import scenario_yaml, what_if_candidates
from .write import sids_report, write_report

__all__ = [
    "CSV_COLUMNS", "FORMATS", "REGIONS", "REGION_TITLES", "CLOSED_REASONS", "REPORT_DISCLAIMER",
    "Closed", "Country", "Entry", "Option", "RegionSummary", "SidsReport", "StreamSummary", "WhatIf",
    "build_report", "render_csv", "render_html", "render_markdown", "sids_report", "write_report",
    "what_if_candidates", "scenario_yaml", "rule_text", "agreement_label", "csv_safe", "md_escape",
]
