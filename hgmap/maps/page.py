"""Writing a map: one deterministic HTML page, offline unless asked otherwise."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import folium
from branca.element import Element

from .._io import atomic_write_text
from ..errors import HgmapError
from .build import resolve_online
from .offline import make_offline

__all__ = ["MAX_MAP_BYTES", "render_page", "save_map"]

log = logging.getLogger(__name__)

#: Size budget of a world map for one stream; :func:`save_map` warns above it.
MAX_MAP_BYTES = 3_000_000

# folium writes an element's id only inside its name, "<kind>_<32 hex>".
_RANDOM_ID = re.compile(r"(?<=_)[0-9a-f]{32}(?![0-9a-f])")


def _has_tiles(m: folium.Map) -> bool:
    return any(isinstance(child, folium.TileLayer) for child in m._children.values())


def _online(m: folium.Map, online: bool | None, offline: bool | None) -> bool:
    return resolve_online(online, offline, default=bool(getattr(m, "hgmap_online", False)))


def render_page(m: folium.Map, *, online: bool | None = None, offline: bool | None = None) -> str:
    """The map as one HTML page: same map, same bytes.

    folium names every element with a random 32-hex id; they are renumbered in order
    of appearance so that two runs on the same inputs write identical files (other
    32-hex text, such as a catalogue URL, is left as it is). Unless
    the page is ``online``, the vendored Leaflet files are inlined (see :func:`save_map`).

    Raises
    ------
    HgmapError
        When an offline page is asked for a map with a remote tile layer, or for a map
        that uses a library hgmap does not vendor.
    """
    is_online = _online(m, online, offline)
    if not is_online and _has_tiles(m):
        raise HgmapError("offline map requested, but the map has a remote tile layer; "
                         "build it with accessibility_map(..., online=False)")
    root = m.get_root()
    page = root.render()
    if not is_online:
        page = make_offline(page)
    # Only folium's element ids: a 32-hex string in a catalogue URL is left alone.
    ids = _element_ids(root)
    mapping: dict[str, str] = {}

    def renumber(mt: re.Match) -> str:
        found = mt.group(0)
        return mapping.setdefault(found, f"{len(mapping):032x}") if found in ids else found

    return _RANDOM_ID.sub(renumber, page)


def _element_ids(root: Element) -> set[str]:
    ids, stack = set(), [root]
    while stack:
        element = stack.pop()
        ids.add(element._id)
        stack.extend(element._children.values())
        stack.extend(part for part in (getattr(element, attr, None) for attr in ("header", "html", "script"))
                     if isinstance(part, Element))
    return ids


def save_map(
    m: folium.Map,
    path: str | Path,
    *,
    online: bool | None = None,
    offline: bool | None = None,
) -> Path:
    """Write ``m`` to ``path`` as HTML, atomically, and log its size.

    Parameters
    ----------
    m
        A map, usually from :func:`accessibility_map`.
    path
        Output file; parent folders are created. A failure leaves no partial file.
    online
        ``False``: inline Leaflet and the plugins from ``hgmap/maps/assets`` and drop the
        other CDN links, so the page makes no network request. ``True``: load them
        from the CDN. ``None`` follows how ``m`` was built (``accessibility_map(online=...)``).
    offline
        Older spelling of ``not online``.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    HgmapError
        When an offline page is asked for a map with a remote tile layer, or for a map
        that uses a library hgmap does not vendor.
    """
    is_online = _online(m, online, offline)
    page = render_page(m, online=is_online)
    out = atomic_write_text(path, page)
    size = out.stat().st_size
    log.info("wrote %s (%.2f MB%s)", out, size / 1e6, "" if is_online else ", offline")
    if size > MAX_MAP_BYTES:
        log.warning("%s is %.2f MB, above the %.1f MB budget; raise tolerance or lower precision",
                    out, size / 1e6, MAX_MAP_BYTES / 1e6)
    return out
