"""Result and catalogue tables read once for every dossier built from them.

``hgmap run`` builds one dossier per SIDS from the same accessibility results and the
same facility catalogue; these caches turn each table into plain records once, keyed by
the table's ``id`` (the table itself is kept so that its id is not reused).
"""

from __future__ import annotations

import logging
from typing import Any

__all__ = ["by_origin", "facility_tables"]

log = logging.getLogger(__name__)

# {id(table): (table, len(table), {iso3: [(record, geometry), ...] by rank}, {iso3: rank-1 status})}
_BY_ORIGIN: dict[int, tuple[Any, int, dict[str, list[tuple[dict, Any]]], dict[str, str]]] = {}


def by_origin(res: Any) -> tuple[dict[str, list[tuple[dict, Any]]], dict[str, str]]:
    """Rows of every origin as records with their geometry, by rank; and rank-1 status by origin.

    Parameters
    ----------
    res
        An accessibility result (:func:`hgmap.accessibility`), one or many origins.

    Returns
    -------
    tuple
        ``{iso3: [(record, geometry), ...]}`` ordered by rank, and ``{iso3: status}`` of rank 1.
    """
    hit = _BY_ORIGIN.get(id(res))
    if hit is not None and hit[0] is res and hit[1] == len(res):
        return hit[2], hit[3]
    ordered = res.sort_values(["origin_iso3", "rank"], kind="stable")
    records = ordered.drop(columns="geometry", errors="ignore").to_dict("records")
    geoms = list(ordered.geometry) if "geometry" in ordered else [None] * len(records)
    rows: dict[str, list[tuple[dict, Any]]] = {}
    for rec, geom in zip(records, geoms):
        rows.setdefault(str(rec["origin_iso3"]), []).append((rec, geom))
    rank1 = res["rank"].to_numpy() == 1
    first = dict(zip(res["origin_iso3"].to_numpy(object)[rank1], res["status"].to_numpy(object)[rank1]))
    if len(_BY_ORIGIN) >= 64:
        _BY_ORIGIN.clear()
    _BY_ORIGIN[id(res)] = (res, len(res), rows, first)
    return rows, first


_FAC_CACHE: dict[int, tuple[Any, dict[str, dict], Any]] = {}


def facility_tables(frame: Any) -> tuple[dict[str, dict], Any]:
    """``{id: record}`` and the report's ``_Facilities`` of one catalogue frame, read once.

    Parameters
    ----------
    frame
        A facility catalogue (GeoDataFrame, as :func:`hgmap.facilities.load_facilities` gives).

    Returns
    -------
    tuple
        ``{facility id: record}`` and the SIDS report's array view of the same catalogue.
    """
    from ..report.build import _Facilities

    hit = _FAC_CACHE.get(id(frame))
    if hit is not None and hit[0] is frame:
        return hit[1], hit[2]
    by_id = {str(r["id"]): r for r in frame.drop(columns="geometry", errors="ignore").to_dict("records")}
    _FAC_CACHE.clear()
    _FAC_CACHE[id(frame)] = (frame, by_id, _Facilities(frame))
    return by_id, _FAC_CACHE[id(frame)][2]
