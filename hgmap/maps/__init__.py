"""Interactive Folium maps of accessibility results.

:func:`accessibility_map` turns the output of :func:`hgmap.access.accessibility` into a
:class:`folium.Map`: countries coloured by distance to their best accessible
facility (rank 1 by the result's objective: lowest estimated transport cost by default),
every SIDS as a point symbol (small islands vanish at world zoom), the facilities styled by
technology, and the sea routes of selected origins. A *world* view is centred on Greenwich;
a *Pacific* view shows every geometry in the longitude frame [-30°, 330°), so that SIDS on
both sides of 180° and their routes to Australia, New Zealand or Japan sit together (the seam is in the mid-Atlantic).
:func:`save_map` writes it atomically; the page is self-contained (Leaflet inlined, no
tiles, zero network requests) unless ``online=True``.

The package, one concept per module: ``classify`` (distance classes and colours),
``geometry`` (display outlines, the Pacific frame), ``popups`` (view models rendered
by the Jinja2 templates in ``templates/``, autoescaped), ``features`` and ``layers``
(GeoJSON and Leaflet layers), ``offline`` (inlining the vendored assets in
``assets/`` and checking the document's real resources), ``build``
(:func:`accessibility_map`) and ``page`` (:func:`render_page`, :func:`save_map`).

Not legal advice: the maps carry the as-of date and the data date of the legal data.
"""

from __future__ import annotations

from ..origins import select_origins
from .build import FOCUS_MAX_ORIGINS, VIEWS, accessibility_map, layer_data
from .classify import classify_distances
from .geometry import PACIFIC_SEAM, display_countries
from .offline import external_resources
from .page import MAX_MAP_BYTES, render_page, save_map

__all__ = [
    "MAX_MAP_BYTES",
    "PACIFIC_SEAM",
    "VIEWS",
    "FOCUS_MAX_ORIGINS",
    "accessibility_map",
    "classify_distances",
    "display_countries",
    "external_resources",
    "layer_data",
    "render_page",
    "save_map",
    "select_origins",
]
