"""hgmap: legally and physically accessible mercury-waste treatment facilities.

For every country and mercury-waste stream, hgmap finds the operating treatment
facilities a country may legally ship to (Basel, Minamata, Bamako, Waigani, EU and
US rules, as of a date) and physically reach over sea lanes and land, and explains
why nearer facilities are closed. Not legal advice: every decision carries its
sources, confidence and data date.

Main entry points
-----------------
load_countries, load_ports, load_facilities
    The shipped data layers as GeoDataFrames (EPSG:4326).
accessibility
    Nearest legally accessible facilities for one waste stream.
law.assess, law.matrix
    The dated legal engine.
maps.accessibility_map, report.sids_report
    Interactive maps and the SIDS guidance report.
"""

from __future__ import annotations

import importlib
import logging
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from . import errors, vocab
from .countries import load_countries
from .errors import HgmapError
from .facilities import load_facilities, validate_facilities
from .facilities import save_facilities
from .ports import load_ports
from .vocab import OPERATIONS, STREAMS

try:
    __version__ = version("hgmap")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+unknown"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# Modules that pull in the legal tables, folium or the report templates load on first use.
_LAZY_MODULES = {"law", "access", "maps", "report", "network", "run", "cli", "origins", "geo", "labels", "i18n",
                 "dossier", "plan", "costs", "catalogue"}
_LAZY_ATTRS = {"accessibility": "access", "AccessModel": "access", "assess": "law", "matrix": "law",
               "build_graph": "network", "select_origins": "origins", "load_costs": "costs",
               "hubs": "plan"}  # hgmap.plan(...) and hgmap.dossier(...): callable packages

__all__ = [
    "HgmapError",
    "OPERATIONS",
    "STREAMS",
    "AccessModel",
    "accessibility",
    "assess",
    "build_graph",
    "dossier",
    "errors",
    "load_countries",
    "load_facilities",
    "load_ports",
    "matrix",
    "plan",
    "hubs",
    "load_costs",
    "catalogue",
    "save_facilities",
    "select_origins",
    "validate_facilities",
    "vocab",
    "__version__",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _LAZY_ATTRS:
        module = importlib.import_module(f".{_LAZY_ATTRS[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'hgmap' has no attribute {name!r}")
