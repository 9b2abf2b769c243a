"""Self-contained pages: vendored Leaflet inlined, and a check of the page's real resources.

Every page hgmap writes is offline unless ``online=True``: the CDN ``<script src>`` and
``<link rel=stylesheet>`` tags folium emits are replaced by the vendored files in
``hgmap/maps/assets`` (versions and licences in ``assets/README.md``), CSS images become
``data:`` URIs, and :func:`external_resources` then parses the document and lists any
resource that would still be fetched. Text inside scripts (a facility called
``<img src=x>`` in the embedded JSON) is data, not a resource, and is not reported.
"""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import PurePosixPath

import folium
from folium.plugins import Fullscreen

from ..errors import HgmapError
from .templating import asset_bytes, asset_text, render

__all__ = ["make_offline", "external_resources"]

# folium resource name -> vendored file in hgmap/maps/assets (see assets/README.md).
_VENDORED = {
    "leaflet": "leaflet.js",
    "leaflet_css": "leaflet.css",
    "Control.Fullscreen.js": "Control.FullScreen.js",
    "Control.FullScreen.css": "Control.FullScreen.css",
}
# folium defaults that hgmap maps never use; an offline map drops them.
_UNUSED = frozenset({
    "jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css",
    "awesome_markers_font_css", "awesome_markers_css", "awesome_rotate_css",
})
_SCRIPT_LINK = re.compile(r"<script\s+src=\"([^\"]*)\"\s*>\s*</script>", re.IGNORECASE)
_CSS_LINK = re.compile(r"<link\s+rel=\"stylesheet\"\s+href=\"([^\"]*)\"\s*/?>", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^)'\"]+)\1\s*\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml"}
# Attributes that make a browser fetch something, per element.
_FETCHING = {"script": ("src",), "link": ("href",), "img": ("src", "srcset"), "iframe": ("src",),
             "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
             "embed": ("src",), "object": ("data",), "input": ("src",), "track": ("src",)}
_REMOTE = re.compile(r"=['\"]\s*(?:[a-z][a-z0-9+.-]*:)?//|<style|style=", re.IGNORECASE)
_CSS_REMOTE = re.compile(r"url\(\s*['\"]?\s*(?:[a-z][a-z0-9+.-]*:)?//|@import", re.IGNORECASE)


def _data_uri(name: str) -> str:
    mime = _MIME.get(PurePosixPath(name).suffix.lower(), "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(asset_bytes(name)).decode('ascii')}"


def _inline_css(css: str) -> str:
    def repl(match: re.Match) -> str:
        target = match.group(2)
        if target.startswith(("data:", "#")):
            return match.group(0)
        return f'url("{_data_uri(PurePosixPath(target).name)}")'

    return _CSS_URL.sub(repl, css).replace("</style", "<\\/style")


def _asset_plan() -> dict[str, str | None]:
    plan: dict[str, str | None] = {}
    for name, url in [*folium.Map.default_js, *folium.Map.default_css,
                      *Fullscreen.default_js, *Fullscreen.default_css]:
        if name in _VENDORED:
            plan[url] = _VENDORED[name]
        elif name in _UNUSED:
            plan[url] = None
    return plan


class _Resources(HTMLParser):
    """Collects what a parsed document would fetch: element URLs and CSS references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = _FETCHING.get(tag, ())
        for name, value in attrs:
            if value is None:
                continue
            if name in wanted and not value.strip().lower().startswith(("data:", "#", "javascript:")):
                self.found.append(f"<{tag} {name}={value[:80]!r}>")
            elif name == "style" and _CSS_REMOTE.search(value):
                self.found.append(f"<{tag} style=...>")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _CSS_REMOTE.search(data):
            self.found.append("<style> with a remote url() or @import")


def external_resources(page: str, *, remote_only: bool = False) -> list[str]:
    """Resources the HTML document ``page`` would load from elsewhere (empty: self-contained).

    The document is parsed as a browser would: ``src``/``href``/``data`` attributes of
    fetching elements, and ``url()``/``@import`` in ``<style>`` elements and ``style``
    attributes. Script contents (the map's JSON, Leaflet's code) are not markup and
    are not searched; links (``<a href>``) are not fetched and not reported.

    Parameters
    ----------
    page
        An HTML document.
    remote_only
        Report only what needs the network (a URL with a scheme or starting ``//``),
        not files beside the page (a report's ``<iframe src="../maps/x.html">``).
    """
    parser = _Resources()
    parser.feed(page)
    parser.close()
    if remote_only:
        return [r for r in parser.found if _REMOTE.search(r)]
    return parser.found


def make_offline(page: str) -> str:
    """Replace CDN ``<script src>``/``<link>`` tags by the vendored files, inlined.

    Raises
    ------
    HgmapError
        When the page uses a library hgmap does not vendor, or still loads a resource.
    """
    plan = _asset_plan()

    def vendored(url: str) -> str | None:
        if url not in plan:
            raise HgmapError(f"offline map: no vendored copy of {url}; see hgmap/maps/assets/README.md")
        return plan[url]

    def script(match: re.Match) -> str:
        asset = vendored(match.group(1))
        if asset is None:
            return ""
        code = asset_text(asset).replace("</script", "<\\/script")
        return render("inline_asset.html", kind="script", name=asset, code=code)

    def stylesheet(match: re.Match) -> str:
        asset = vendored(match.group(1))
        if asset is None:
            return ""
        return render("inline_asset.html", kind="style", name=asset, code=_inline_css(asset_text(asset)))

    page = _SCRIPT_LINK.sub(script, page)
    page = _CSS_LINK.sub(stylesheet, page)
    leftovers = external_resources(page)
    if leftovers:
        raise HgmapError("offline map still references external resources: " + ", ".join(leftovers[:5]))
    return page
