"""Write a country dossier: ``hgmap.dossier(...)`` and ``hgmap dossier``."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from .._io import atomic_write_bytes, atomic_write_text
from ..errors import HgmapError
from ..i18n import check_lang
from .build import build_dossier
from .document import compose, localize
from .mapping import map_parts, map_png
from .model import Dossier
from .render import render_docx, render_html, render_markdown

__all__ = ["dossier", "write_dossier", "FORMATS"]

log = logging.getLogger(__name__)

Format = Literal["html", "md", "docx", "all"]
FORMATS: tuple[str, ...] = ("html", "md", "docx", "all")


def _formats(fmt: str | Iterable[str]) -> tuple[str, ...]:
    items = [fmt] if isinstance(fmt, str) else list(fmt)
    out: list[str] = []
    for item in items:
        for part in str(item).split(","):
            part = part.strip().lower()
            if part not in FORMATS:
                raise HgmapError(f"format: unknown dossier format {part!r}; choose from {', '.join(FORMATS)}")
            out += ["html", "md", "docx"] if part == "all" else [part]
    return tuple(dict.fromkeys(out))


def write_dossier(d: Dossier, out: str | os.PathLike[str], *, lang: str = "en",
                  fmt: str | Iterable[str] = "html", assets: str | None = None) -> dict[str, Path]:
    """Write an already built :class:`Dossier` to the folder ``out``.

    Files are named ``dossier_<ISO3>_<lang>.<ext>`` (plus ``.png`` for the static map of
    Markdown); every file is written atomically. Returns ``{format: path}``.

    ``assets``: the HTML map references the shared assets at this relative folder
    (written once by :func:`hgmap.dossier.shared_map.write_map_assets`) instead of
    inlining Leaflet and the outlines: what ``hgmap run`` does for its many dossiers.
    Default ``None``: one self-contained page.
    """
    from ..i18n import translation

    lang = check_lang(lang)
    fmts = _formats(fmt)
    doc = compose(d, lang)
    _ = translation(lang).gettext
    d = localize(d, lang)
    folder = Path(out)
    stem = f"dossier_{d.iso3}_{lang}"
    written: dict[str, Path] = {}
    png = map_png(d, _) if ("md" in fmts or "docx" in fmts) else None
    if "html" in fmts:
        if assets is None:
            head, body, _rm = map_parts(d, _, lang=lang)
        else:
            from .shared_map import shared_map_parts

            head, body = shared_map_parts(d, _, lang=lang, assets=assets)
        written["html"] = atomic_write_text(folder / f"{stem}.html", render_html(doc, map_head=head, map_body=body))
    if "md" in fmts:
        written["png"] = atomic_write_bytes(folder / f"{stem}_map.png", png)
        written["md"] = atomic_write_text(folder / f"{stem}.md", render_markdown(doc, map_png=f"{stem}_map.png"))
    if "docx" in fmts:
        written["docx"] = atomic_write_bytes(folder / f"{stem}.docx", render_docx(doc, map_png=png))
    for kind, path in written.items():
        log.info("wrote %s %s (%.0f kB)", kind, path, path.stat().st_size / 1e3)
    return written


def dossier(
    iso3: str,
    *,
    out: str | os.PathLike[str] | None = None,
    streams: str | Iterable[str] | None = None,
    as_of: Any = None,
    k: int = 3,
    scenario: Any = None,
    facilities: Any = None,
    lang: Literal["en", "fr", "es"] = "en",
    fmt: Format | Iterable[str] = "html",
    results: Mapping[str, Any] | None = None,
    what_if: bool = True,
    services: Any = None,
) -> Dossier | dict[str, Path]:
    """Build a country dossier and, with ``out``, write it.

    Parameters
    ----------
    iso3
        The country (ISO 3166-1 alpha-3).
    out
        Folder to write to; ``None`` returns the :class:`Dossier` without writing.
    streams, as_of, k, scenario, facilities, results, what_if, services
        See :func:`hgmap.dossier.build.build_dossier`.
    lang
        ``en``, ``fr`` or ``es``: every sentence hgmap writes is in this language; the
        data's own text (facility names, notes, sources) stays as it is.
    fmt
        ``html`` (interactive offline map, prints to PDF), ``md``, ``docx`` or ``all``.

    Returns
    -------
    Dossier or dict
        The dossier (``out=None``), else ``{format: path}`` of the written files.

    Examples
    --------
    >>> import hgmap
    >>> paths = hgmap.dossier("FJI", out="out", lang="en", fmt="all")  # doctest: +SKIP
    """
    lang = check_lang(lang)
    fmts = _formats(fmt)
    d = build_dossier(iso3, streams=streams, as_of=as_of, k=k, scenario=scenario, facilities=facilities,
                      results=results, what_if=what_if, services=services)
    if out is None:
        return d
    return write_dossier(d, out, lang=lang, fmt=fmts)
