"""Dossier maps that share one asset folder: many dossiers, one Leaflet, one set of outlines.

``hgmap run`` writes a dossier for every SIDS (and every language of each) into
``results/dossiers/``. Inlining Leaflet (~150 kB) and country outlines cut to each view
into every page made each page cost ~1 s to write. Here the static parts are written
once into ``dossiers/assets/`` (Leaflet and its CSS images, the world's country outlines
simplified once, and the map script ``dossier_map.js``) and each page carries only its
own routes as JSON and relative ``<script src>``/``<link>`` references: still no network
request, from a file share too. ``hgmap dossier ISO3`` keeps its self-contained page
(:func:`hgmap.dossier.mapping.map_parts`).

The map shows what the inlined one shows: the country outlines (the home country
highlighted), every option's route with its label, the facilities numbered, the origin,
in the continuous longitude frame centred on the country (:func:`route_map`).
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import jinja2
import numpy as np
import shapely

from .._io import atomic_write_bytes, atomic_write_text
from ..countries import load_countries
from .mapping import _label, route_map
from .model import Dossier

__all__ = ["ASSET_FILES", "write_map_assets", "shared_map_parts", "OUTLINE_TOLERANCE"]

log = logging.getLogger(__name__)

#: Douglas-Peucker tolerance (degrees) of the shared outlines (parts it would collapse keep their outline).
OUTLINE_TOLERANCE = 0.03
#: Files of the asset folder, relative to it (Leaflet's CSS images under ``images/``).
ASSET_FILES: tuple[str, ...] = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                                "images/marker-icon.png", "countries.js", "dossier_map.js")


def _json(value: object) -> str:
    """Compact JSON that is safe inside a ``<script>`` element."""
    s = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@functools.lru_cache(maxsize=1)
def _outlines_js() -> str:
    """``countries.js``: every polygon part of the countries layer, simplified once."""
    frame = load_countries()[["iso3", "name", "geometry"]].explode(index_parts=False, ignore_index=True)
    full = frame.geometry.to_numpy()
    geoms = shapely.simplify(full, OUTLINE_TOLERANCE, preserve_topology=False)
    bad = shapely.is_empty(geoms) | ~shapely.is_valid(geoms)
    geoms[bad] = full[bad]
    geoms, idx = shapely.get_parts(geoms, return_index=True)  # simplification can split a part
    keep = shapely.get_type_id(geoms) == 3  # polygons only
    geoms, idx = geoms[keep], idx[keep]
    iso3 = frame["iso3"].astype(str).to_numpy()[idx].tolist()
    names = frame["name"].astype(str).to_numpy()[idx].tolist()
    xs = shapely.get_x(shapely.point_on_surface(geoms))
    # One vectorised pass: every ring's coordinates, then sliced per polygon part.
    _kind, coords, (ring_off, poly_off) = shapely.to_ragged_array(geoms)
    flat = np.round(coords[:, :2], 3).ravel().tolist()
    ends = (2 * np.asarray(ring_off)).tolist()
    parts = [[flat[ends[r]:ends[r + 1]] for r in range(p0, p1)] for p0, p1 in zip(poly_off[:-1], poly_off[1:])]
    doc = {"iso3": iso3, "name": names,
           "x": np.round(xs, 3).tolist(), "parts": parts}
    return ("/* Country outlines of hgmap's countries layer (Natural Earth), simplified at "
            f"{OUTLINE_TOLERANCE} degrees. */\nwindow.HGMAP_COUNTRIES = {_json(doc)};\n")


def write_map_assets(folder: str | Path) -> list[Path]:
    """Write the shared map assets into ``folder`` (atomically); returns the paths written."""
    from ..maps.templating import asset_bytes, asset_text

    folder = Path(folder)
    out = [atomic_write_text(folder / "leaflet.js", asset_text("leaflet.js")),
           atomic_write_text(folder / "leaflet.css", asset_text("leaflet.css"))]
    for name in ("layers.png", "layers-2x.png", "marker-icon.png"):
        out.append(atomic_write_bytes(folder / "images" / name, asset_bytes(name)))
    out.append(atomic_write_text(folder / "countries.js", _outlines_js()))
    script = resources.files(__package__).joinpath("assets", "dossier_map.js").read_text(encoding="utf-8")
    out.append(atomic_write_text(folder / "dossier_map.js", script))
    return out


@functools.lru_cache(maxsize=1)
def _macros() -> jinja2.runtime.TemplateModule:
    from .render import _env

    return _env().get_template("shared_map.html.j2").module


def shared_map_parts(d: Dossier, _: Callable[[str], str], *, lang: str = "en",
                     assets: str = "assets") -> tuple[str, str]:
    """(head, body) HTML of the dossier map referencing the shared assets at ``assets`` (relative)."""
    from .texts import STREAM_TITLES

    rm = route_map(d)
    lon_min, lat_min, lon_max, lat_max = rm.bounds
    data = {
        "home": d.iso3, "name": d.name, "west": rm.west,
        "bounds": [[lat_min, lon_min], [lat_max, lon_max]],
        "origin": [rm.origin[1], rm.origin[0]] if rm.origin is not None else None,
        "routes": [{"number": r.number, "colour": r.colour, "label": _label(_, d, r, STREAM_TITLES, lang),
                    "lines": [[[lat, lon] for lon, lat in line] for line in r.lines],
                    "end": [r.end[1], r.end[0]] if r.end is not None else None} for r in rm.routes],
    }
    macros = _macros()
    return str(macros.head(assets)), str(macros.body(_json(data)))
