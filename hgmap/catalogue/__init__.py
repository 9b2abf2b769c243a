"""The catalogue as a shared database and a static website.

A catalogue database holds facilities (which the analyses use), services (collection,
transport, export brokerage, consultancy) and technologies (equipment or processes on
offer), keeps every change in an edit log, and refuses an update made from an
outdated version. It is a GeoPackage file by default, or a PostgreSQL/PostGIS server
(``postgresql://…``) shared by a team. Every analysis takes one as its catalogue
(``--facilities catalogue.gpkg`` or ``--facilities postgresql://…``).

Examples
--------
>>> from hgmap import catalogue
>>> cat = catalogue.init_catalogue("catalogue.gpkg")                    # doctest: +SKIP
>>> catalogue.import_entries(cat, "facilities.csv", organisation="UNEP")  # doctest: +SKIP
>>> catalogue.build_site(cat, "site/")                                   # doctest: +SKIP
"""

from __future__ import annotations

from .offers import OFFER_KINDS, Offer, OfferMatch, load_offers, offers_for
from .schema import ENTRY_COLUMNS, KINDS, LOG_COLUMNS
from .site import build_site
from .store import Catalogue, EditResult, init_catalogue, is_catalogue, open_catalogue
from .transfer import EXPORT_FORMATS, export_entries, import_entries

__all__ = [
    "Catalogue",
    "EditResult",
    "ENTRY_COLUMNS",
    "EXPORT_FORMATS",
    "KINDS",
    "LOG_COLUMNS",
    "build_site",
    "export_entries",
    "import_entries",
    "init_catalogue",
    "is_catalogue",
    "open_catalogue",
    "OFFER_KINDS",
    "Offer",
    "OfferMatch",
    "load_offers",
    "offers_for",
]
