"""Leaflet layers and panels of a map page (folium elements with compact embedded data).

:class:`GeoJsonLayer` embeds a FeatureCollection as compact JSON and binds the
pre-rendered popups and tooltips with the ``hgmap`` helpers (``assets/hgmap.js``);
:class:`Panel` is a Leaflet control holding fixed HTML (the title and the legend).
"""

from __future__ import annotations

import json
import re
from typing import Any

from branca.element import Element, MacroElement
from folium.elements import ElementAddToElement
from folium.map import Layer
from folium.template import Template

__all__ = ["GeoJsonLayer", "Panel", "RawHtml", "FitFocus", "json_for_script", "PANE_ROUTES", "PANE_SIDS"]

PANE_ROUTES = "hgmapRoutes"
PANE_SIDS = "hgmapSids"  # also named in assets/hgmap.js (sidsPoint)


def json_for_script(data: Any) -> str:
    """Compact JSON that is safe inside a ``<script>`` element.

    In script data only ``</`` (an end tag) and ``<!`` (``<!--`` switches the parser
    into its escaped states) are special, so only those ``<`` are escaped; escaping
    every ``<``, ``>``, ``&`` and ``'`` as jinja's ``tojson`` does costs about 7 % of a
    world map in popup HTML.
    """
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    text = re.sub(r"<(?=[/!])", r"\\u003c", text)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class RawHtml(Element):
    """Markup already rendered by hgmap's templates, written into the page as it is.

    ``branca.element.Element(text)`` would compile ``text`` as a Jinja template (slow
    for the inlined scripts, and wrong for any ``{{`` in them); this one does not.
    """

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "HgmapRawHtml"
        self.markup = markup


def _render_macros(element: MacroElement, kwargs: dict) -> None:
    """``MacroElement.render`` without its re-templating.

    branca wraps what each macro rendered in ``Element(text)``, which compiles the
    text as a new Jinja template: slow for a 2 MB layer, and a catalogue value such
    as ``{{ 7*7 }}`` would be evaluated. Here the rendered text goes in as it is.
    """
    figure = element.get_root()
    module = element._template.module.__dict__
    for part in ("header", "html", "script"):
        macro = module.get(part)
        if macro is not None:
            getattr(figure, part).add_child(RawHtml(macro(element, kwargs)), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


class Panel(MacroElement):
    """A Leaflet control holding fixed HTML (title, legend), inside the map container
    so it stays visible in fullscreen mode."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, *, position: str, css_class: str) -> None:
        super().__init__()
        self._name = "HgmapPanel"
        self.html = html_text
        self.position = position
        self.css_class = css_class

    def render(self, **kwargs: Any) -> None:
        _render_macros(self, kwargs)


class GeoJsonLayer(Layer):
    """A GeoJSON overlay with compact embedded data and the ``hgmap`` JS helpers.

    folium's ``GeoJson`` embeds data with space-separated JSON and builds its own
    tooltip code; this layer keeps the HTML budget for geometry and binds the
    pre-rendered popups with plain Leaflet.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson(hgmap.decode({{ this.data_json }}), {
            onEachFeature: hgmap.bind,
            style: hgmap.style,
            {%- if this.point_to_layer %}
            pointToLayer: hgmap.{{ this.point_to_layer }},
            {%- endif %}
            ...{{ this.options|tojavascript }}
        });
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict], *, name: str, show: bool = True,
                 point_to_layer: str | None = None, **options: Any) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "HgmapGeoJson"
        self.data_json = json_for_script({"type": "FeatureCollection", "features": features})
        self.features = features
        self.point_to_layer = point_to_layer
        self.options = options

    def render(self, **kwargs: Any) -> None:
        if self.show:  # as folium's Layer.render: add the layer to its map
            self.add_child(ElementAddToElement(element_name=self.get_name(),
                                               element_parent_name=self._parent.get_name()),
                           name=self.get_name() + "_add")
        _render_macros(self, kwargs)


class FitFocus(MacroElement):
    """Open the map on ``bounds`` (``[[south, west], [north, east]]``), clear of the panels.

    The title panel sits top right and the legend bottom left, so the padding leaves room
    for them, in proportion to the map's size (a phone screen is not a 1400 px window).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var size = map.getSize();
            var side = Math.min(40, size.x * 0.05);
            map.fitBounds({{ this.bounds|tojson }}, {
                paddingTopLeft: [side, Math.min(140, size.y * 0.18)],
                paddingBottomRight: [side, Math.min(210, size.y * 0.25)],
                maxZoom: {{ this.max_zoom|tojson }}});
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], *, max_zoom: int) -> None:
        super().__init__()
        self._name = "HgmapFitFocus"
        self.bounds = bounds
        self.max_zoom = int(max_zoom)

    def render(self, **kwargs: Any) -> None:
        _render_macros(self, kwargs)
