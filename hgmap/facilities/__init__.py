"""The facility catalogue: mercury-waste treatment facilities, whom they serve, loading and validation.

The shipped catalogue (``data/facilities.csv``) is built by ``data/build_facilities.py``
from the team's facility research (``data/facilities_research/``); users can bring their
own catalogue with the same schema as CSV, GeoJSON or GeoPackage and write one with
:func:`save_facilities`. Validation names every bad row by its line number and field,
and reports clean rows as fine. :func:`acceptance_matrix` says which facility accepts
waste from which origin country.

Modules: :mod:`~hgmap.facilities.schema` (columns and vocabularies),
:mod:`~hgmap.facilities.read` (files to text), :mod:`~hgmap.facilities.validate`,
:mod:`~hgmap.facilities.load`, :mod:`~hgmap.facilities.save`,
:mod:`~hgmap.facilities.acceptance`.
"""

from __future__ import annotations

from .acceptance import GROUPS, acceptance_matrix, parse_accepts_from, refusal_reason, unconfirmed_note
from .load import catalogue_dates, catalogue_stamp, load_facilities, stream_operations
from .read import Catalogue, read_catalogue
from .save import save_facilities
from .schema import (
    ACCEPTS_IMPORTS, COLUMNS, CONFIDENCES, INSIDE_KM, OUTSIDE_KM, PRECISIONS, REQUIRED, STATUSES, TECHNOLOGIES,
    TECHNOLOGY_OPERATION, derive_operations, format_operations, parse_operations,
)
from .validate import Problem, ValidationReport, check_catalogue, validate_facilities

__all__ = [
    "COLUMNS", "REQUIRED", "TECHNOLOGIES", "STATUSES", "CONFIDENCES", "PRECISIONS", "ACCEPTS_IMPORTS",
    "TECHNOLOGY_OPERATION", "OUTSIDE_KM", "INSIDE_KM", "GROUPS", "Problem", "ValidationReport", "Catalogue",
    "load_facilities", "save_facilities", "read_catalogue", "validate_facilities", "check_catalogue",
    "catalogue_stamp", "catalogue_dates", "derive_operations", "parse_operations", "format_operations",
    "stream_operations",
    "acceptance_matrix", "parse_accepts_from", "refusal_reason", "unconfirmed_note",
]
