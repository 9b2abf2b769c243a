"""A static website of a catalogue: a filterable list, a page per entry, how to contribute.

The site is plain files (HTML, CSS, JavaScript, CSV) that work offline and from a
file share: no server, no remote request. Every text from the catalogue is escaped by
the templates (autoescape); the list's filter data travels as JSON, read as data.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import os
import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from .. import __version__
from ..countries import load_countries
from ..errors import DataError
from ..labels import stream_title
from .schema import ENTRY_COLUMNS, KINDS
from .store import Catalogue

__all__ = ["build_site"]

log = logging.getLogger(__name__)

_COLUMN_HELP: dict[str, str] = {
    "id": "Unique id (keep it when correcting an entry; new entries: a new id such as ORG-ISO3-001)",
    "kind": "facility (treats waste at a site), service (collection, transport, export brokerage, "
            "consultancy) or technology (equipment or process on offer)",
    "operator": "Company or body that runs it",
    "name": "Name of the site, service or technology",
    "city": "City or region (facilities)",
    "country_iso3": "ISO 3166-1 alpha-3 code of the country",
    "lat": "Latitude, decimal degrees (WGS84), city level is enough",
    "lon": "Longitude, decimal degrees (WGS84)",
    "coord_precision": "site, city or region",
    "technologies": "Technologies, separated by ;",
    "streams": "Waste streams accepted or served, separated by ;",
    "operations": "Per stream, disposal and/or recovery (stream:recovery|disposal; ...)",
    "operations_basis": "Where the operations come from (source: ... or derived)",
    "capacity_tpy": "Capacity in tonnes per year, if published",
    "capacity_note": "What the capacity figure measures",
    "status": "operating, closed, unknown or planned",
    "website": "Website (http or https)",
    "source_url": "Sources of these facts, separated by ' | '",
    "confidence": "high, medium or low",
    "as_of": "Date the facts were checked (YYYY-MM-DD)",
    "notes": "Anything a reader should know",
    "description": "A sentence or two on what the business offers",
    "accepts_imports": "yes, no or unknown: does it take waste from abroad?",
    "accepts_from": "Whom it takes waste from (ISO3 codes or groups; empty = anyone)",
    "version": "The version you corrected (from the current catalogue); empty for a new entry",
}


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("hgmap.catalogue", "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


@functools.lru_cache(maxsize=1)
def _countries_js() -> str:
    frame = load_countries()[["iso3", "geometry"]].copy()
    frame["geometry"] = frame.geometry.simplify(0.05, preserve_topology=True)
    return "window.HGMAP_COUNTRIES = " + frame.to_json(drop_id=True) + ";\n"


def _asset_dir(package: str) -> Path:
    return Path(str(resources.files(package).joinpath("assets")))


def _split(text: str, sep: str = ";") -> list[str]:
    return [p.strip() for p in str(text or "").split(sep) if p.strip()]


def _http(url: str) -> bool:
    return bool(re.match(r"^https?://[^\s\"'<>]+$", url))


def _page_name(entry_id: str) -> str:
    """A safe file name for an entry page: the id where it is plain, else a slug plus a hash."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", entry_id).strip("_")[:60] or "entry"
    if slug != entry_id:
        slug += "-" + hashlib.sha1(entry_id.encode("utf-8")).hexdigest()[:8]
    return f"{slug}.html"


def _view(row: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    code = str(row.get("country_iso3", "")).strip().upper()
    streams, techs = _split(row.get("streams", "")), _split(row.get("technologies", ""))
    try:
        lon, lat = float(row.get("lon", "")), float(row.get("lat", ""))
        has_point = -180 <= lon <= 180 and -90 <= lat <= 90
    except (TypeError, ValueError):
        lon = lat = 0.0
        has_point = False
    website = str(row.get("website", "") or "").strip()
    facts = [("Streams", ", ".join(stream_title(s) for s in streams) or "not stated"),
             ("Technologies", ", ".join(t.replace("_", " ") for t in techs) or "not stated")]
    for col, label in (("operations", "Operations"), ("capacity_tpy", "Capacity (t/year)"),
                       ("capacity_note", "About the capacity"), ("accepts_imports", "Accepts imports"),
                       ("accepts_from", "Accepts waste from"), ("acceptance_source", "Acceptance source")):
        if str(row.get(col, "") or "").strip():
            facts.append((label, str(row[col])))
    return {
        **row, "country": code, "country_name": names.get(code, code), "page": _page_name(str(row["id"])),
        "streams": streams, "technologies": techs, "has_point": has_point, "lon": lon, "lat": lat,
        "streams_label": ", ".join(stream_title(s) for s in streams),
        "technologies_label": ", ".join(t.replace("_", " ") for t in techs),
        "website_url": website if _http(website) else "", "facts": facts,
        "sources": [(u, _http(u)) for u in _split(row.get("source_url", ""), " | ")],
        "accepts_imports": str(row.get("accepts_imports", "") or ""),
    }


def _facet(v: dict[str, Any], regions: dict[str, str]) -> dict[str, Any]:
    text = " ".join(str(v.get(c, "") or "") for c in ("name", "operator", "city", "country_name", "id"))
    return {"id": str(v["id"]), "stream": v["streams"], "country": v["country"], "region": regions.get(v["country"], "none"),
            "technology": v["technologies"], "kind": v["kind"], "acceptance": v["accepts_imports"] or "unknown",
            "status": v.get("status") or "n/a", "search": text.lower()}


def _filters(views: list[dict[str, Any]], facets: list[dict[str, Any]], names: dict[str, str]) -> list[dict]:
    def options(key: str, label=lambda x: x) -> list[tuple[str, str]]:
        values: set[str] = set()
        for f in facets:
            values.update(f[key] if isinstance(f[key], list) else [f[key]])
        return sorted(((v, label(v)) for v in values if v), key=lambda p: p[1].lower())

    return [
        {"key": "stream", "label": "Waste stream", "options": options("stream", stream_title)},
        {"key": "country", "label": "Country", "options": options("country", lambda c: names.get(c, c))},
        {"key": "region", "label": "SIDS region", "options": options(
            "region", lambda r: "not a SIDS" if r == "none" else r)},
        {"key": "technology", "label": "Technology", "options": options("technology", lambda t: t.replace("_", " "))},
        {"key": "kind", "label": "Kind", "options": [(k, k) for k in KINDS]},
        {"key": "acceptance", "label": "Accepts imports", "options": options("acceptance")},
        {"key": "status", "label": "Status", "options": options("status")},
    ]


def build_site(catalogue: Catalogue, out: str | os.PathLike[str], *, built: str | None = None) -> Path:
    """Write the static site of ``catalogue`` into the folder ``out`` (replaced as a whole).

    Parameters
    ----------
    catalogue
        An open catalogue database.
    out
        Folder to write; an existing site there is replaced only once the new one is complete.
    built
        Date printed as the build date (default: today, UTC).

    Returns
    -------
    pathlib.Path
        The folder written.
    """
    final = Path(out)
    if final.exists() and not final.is_dir():
        raise DataError(f"{final}: exists and is not a folder")
    table = catalogue.frame()
    history = catalogue.history()
    countries = load_countries()
    names = dict(zip(countries["iso3"], countries["name"]))
    regions = {c: r for c, r in zip(countries["iso3"], countries["sids_region"]) if isinstance(r, str)}
    views = [_view(r, names) for r in table.to_dict(orient="records")]
    facets = [_facet(v, regions) for v in views]
    by_entry: dict[str, list[dict]] = {}
    for h in history.to_dict(orient="records"):
        by_entry.setdefault(h["entry_id"], []).append(h)
    counts = {"total": len(views), **{k: sum(v["kind"] == k for v in views) for k in KINDS}}
    common = {"version": __version__, "counts": counts,
              "built": built or dt.datetime.now(dt.timezone.utc).date().isoformat()}
    env = _env()
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    try:
        (tmp / "entries").mkdir()
        assets = tmp / "assets"
        assets.mkdir()
        for src in _asset_dir("hgmap.catalogue").iterdir():
            shutil.copyfile(src, assets / src.name)
        for name in ("leaflet.js", "leaflet.css"):
            shutil.copyfile(_asset_dir("hgmap.maps") / name, assets / name)  # the vendored Leaflet
        (assets / "countries.js").write_text(_countries_js(), encoding="utf-8")
        page = env.get_template("entry.html")
        for v in views:
            (tmp / "entries" / v["page"]).write_text(
                page.render(e=v, history=by_entry.get(v["id"], []), root="../", **common), encoding="utf-8")
        (tmp / "index.html").write_text(env.get_template("index.html").render(
            entries=views, facets=facets, filters=_filters(views, facets, names), root="", **common),
            encoding="utf-8")
        columns = [(c, _COLUMN_HELP.get(c, "")) for c in (*ENTRY_COLUMNS, "version")]
        (tmp / "contribute.html").write_text(env.get_template("contribute.html").render(
            columns=columns, root="", **common), encoding="utf-8")
        header = ",".join((*ENTRY_COLUMNS, "version")) + "\n"
        (tmp / "catalogue_template.csv").write_text(header, encoding="utf-8")
        (tmp / "catalogue_current.csv").write_text(
            table[[*ENTRY_COLUMNS, "version"]].to_csv(index=False, lineterminator="\n"), encoding="utf-8")
        old = final.with_name(f".{final.name}.old")
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
            final.rename(old)
        tmp.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("catalogue site: %d entries written to %s", len(views), final)
    return final
