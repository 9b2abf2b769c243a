"""Entries of the report from accessibility results and law objects: :func:`build_report`.

Results are read once per stream into plain records and the facility catalogue once into
arrays, so building the 580 SIDS x stream entries is a few dictionary look-ups each.
"""

from __future__ import annotations

import datetime as _dt
import logging
import math
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np

from .. import law as _law
from .._values import as_list, km, number, text
from ..countries import load_countries
from ..errors import DataError, HgmapError
from ..facilities import catalogue_dates, load_facilities
from ..labels import stream_title
from ..vocab import STREAMS, check_stream, parse_date
from .legal import LawView, rule_text
from .model import CLOSED_REASONS, REGIONS, Closed, Country, Entry, Option, SidsReport
from .summary import regions

__all__ = ["build_report"]

log = logging.getLogger(__name__)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in as_list(value))


class _Facilities:
    """The catalogue as arrays, in the model's order (read once per report)."""

    def __init__(self, frame: gpd.GeoDataFrame) -> None:
        records = frame.drop(columns="geometry", errors="ignore").to_dict("records")
        self.ids = [str(r["id"]) for r in records]
        self.by_id = dict(zip(self.ids, records))
        self.names = [text(r.get("name")) for r in records]
        self.iso = [str(r["country_iso3"]) for r in records]
        self.status = [text(r.get("status")) for r in records]
        self.streams = [frozenset(as_list(r.get("streams"))) for r in records]
        self.ops = [r.get("operations") if isinstance(r.get("operations"), dict) else {} for r in records]
        self._ids = np.array(self.ids)

    def order(self, dist: np.ndarray) -> np.ndarray:
        """Positions by distance, then id."""
        return np.lexsort((self._ids, dist))


def _country_table(countries: gpd.GeoDataFrame | None) -> tuple[list[Country], dict[str, str]]:
    countries = load_countries() if countries is None else countries
    names = {str(r.iso3): str(r.name) for r in countries.itertuples()}
    sids = []
    for r in countries.itertuples():
        if not bool(r.sids):
            continue
        sov = text(getattr(r, "sovereign_iso3", None)) or None
        sids.append(Country(str(r.iso3), str(r.name), text(r.sids_region) or "Other",
                            bool(getattr(r, "un_member", True)), sov))
    order = {reg: i for i, reg in enumerate(REGIONS)}
    sids.sort(key=lambda c: (order.get(c.region, len(REGIONS)), c.name.casefold(), c.iso3))
    return sids, names


def _attr(results: Mapping[str, gpd.GeoDataFrame], key: str, default: Any = None) -> Any:
    values = []
    for stream, res in results.items():
        value = res.attrs.get(key, default)
        if isinstance(value, list):
            value = tuple(value)
        values.append((stream, value))
    distinct = {v for _, v in values}
    if len(distinct) > 1:
        msg = f"results disagree on {key}: " + ", ".join(f"{s}={v}" for s, v in values)
        raise HgmapError(msg)
    return values[0][1] if values else default


def _transit_states(item: Mapping[str, Any], origin: str) -> tuple[str, ...]:
    """The transit States that close a facility: the ``states`` of the result's
    ``blocked_reasons`` entry (ISO3 codes; never read from the ``detail`` sentence), less
    the origin and the facility's own State (an end that bans the movement is no transit)."""
    states = [text(s) for s in as_list(item.get("states"))]
    return tuple(s for s in dict.fromkeys(states) if s and s != origin and s != text(item.get("facility_iso3")))


#: Reasons of the solver's ``blocked_reasons`` that close a facility the law allows.
_SOLVER_CLOSED: frozenset[str] = frozenset({"transit", "acceptance", "avoid", "route"})


def closed_items(origin: str, stream: str, raw: Any, *, first_km: float | None, taken: set[str],
                 law: LawView, model: Any, fac: _Facilities | None, operation: str | None,
                 statuses: Sequence[str], limit: int = 8) -> list[dict[str, Any]]:
    """Facilities accepting ``stream`` nearer than the first option (all when none), classified.

    The result's ``blocked_reasons`` list is capped and also names facilities that never
    take the stream; with a model it is rebuilt from the facilities that accept the stream.
    """
    raw_items = [b for b in as_list(raw) if isinstance(b, Mapping)]
    if model is None or fac is None or origin not in model.origin_nodes:
        # A facility that never takes this stream is not "closed" to the SIDS; it is noise.
        return [dict(b) for b in raw_items if text(b.get("reason")) != "stream"][:limit]
    raw_by_id = {text(b.get("facility_id")): b for b in raw_items}
    dist = model.origin_km(origin)
    items: list[dict[str, Any]] = []
    for i in fac.order(dist):
        d = float(dist[i])
        if first_km is not None and not d < first_km:
            break
        fid = fac.ids[i]
        if stream not in fac.streams[i] or fid in taken:
            continue
        ops = [op for op in fac.ops[i].get(stream, []) if operation in (None, op)]
        iso = fac.iso[i]
        item: dict[str, Any] = {"facility_id": fid, "facility_name": fac.names[i], "facility_iso3": iso,
                                "distance_km": round(d, 1) if math.isfinite(d) else None, "rules": (),
                                "detail": "", "ops": ops}
        if not math.isfinite(d):
            item.update(reason="route", detail="no sea or land route on the network")
        elif fac.status[i] not in statuses:
            item.update(reason="status", detail=f"status is {fac.status[i] or 'not given'}")
        elif not ops:
            item.update(reason="operation", detail=f"no known {operation or 'disposal or recovery'} of {stream}")
        else:
            rules = law.rules(origin, iso, stream, ops)
            prev = raw_by_id.get(fid, {})
            if rules is None:
                # The law allows the pair: the facility is closed only for the reason the solver
                # gives (a transit ban naming its States, acceptance, an avoided State, no route).
                # One the solver does not list as closed is legal and ranked below the last
                # option by the objective: it is not "closed", so it is left out.
                reason = text(prev.get("reason"))
                if reason not in _SOLVER_CLOSED:
                    continue
                states = _transit_states(prev, origin)
                if reason == "transit" and not states:
                    log.warning("%s %s: %s is listed as transit-closed without a State", origin, stream, fid)
                    continue
                item.update(reason=reason, rules=_strs(prev.get("rules")), detail=text(prev.get("detail")),
                            states=list(states))
            else:
                item.update(reason="law", rules=rules, detail=text(prev.get("detail")))
        items.append(item)
        if len(items) >= limit:
            break
    return items


def closed_list(origin: str, stream: str, items: Sequence[Mapping[str, Any]], *, law: LawView,
                operation: str | None, max_assess: int = 4) -> tuple[Closed, ...]:
    """:class:`Closed` records; the nearest ``max_assess`` prohibited ones explained by the law."""
    out = []
    assessed = 0
    for item in items:
        reason = text(item.get("reason"))
        rules = _strs(item.get("rules"))
        iso = text(item.get("facility_iso3"))
        detail = text(item.get("detail"))
        if rules:
            explanation = "; ".join(rule_text(r) for r in rules)
            if reason == "transit" and detail:
                explanation = f"{detail} ({explanation})"
        else:
            explanation = detail or CLOSED_REASONS.get(reason, reason)
        confidence = None
        nonparty: tuple[str, ...] = ()
        reasons: tuple[_law.Reason, ...] = ()
        if reason == "law" and iso and assessed < max_assess:
            assessed += 1
            dec = law.assess(origin, iso, stream, operation)
            if dec is not None and dec.status == "prohibited":
                prohibits = [r for r in dec.reasons if r.effect == "prohibits"]
                details = [f"{r.detail} ({r.citation})" for r in prohibits]
                if details:
                    explanation = " ".join(dict.fromkeys(details))
                confidence = dec.confidence
                reasons = tuple(prohibits)
                nonparty = tuple(s for r in dec.reasons_of("non_party") for s in r.states)
        transit = _transit_states(item, origin) if reason == "transit" else ()
        out.append(Closed(text(item.get("facility_id")), text(item.get("facility_name")), iso,
                          number(item.get("distance_km")), reason, rules, detail, explanation, confidence,
                          nonparty, reasons, transit))
    return tuple(out)


def _no_route_reasons(status: str, closed: Sequence[Closed], stream: str, fac_other: int) -> tuple[str, ...]:
    if status == "no_facility_for_stream":
        lines = [f"No operating facility in the catalogue accepts {stream_title(stream).lower()}."]
        if fac_other:
            lines.append(f"{_plural(fac_other, 'facility', 'facilities')} that accept it "
                         "are listed with another status (closed, planned or unknown).")
        return tuple(lines)
    counts = Counter(c.reason for c in closed)
    by_rule = Counter(r for c in closed for r in c.rules)
    lines = []
    for reason, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{_plural(n, 'facility', 'facilities')}: {CLOSED_REASONS.get(reason, reason)}.")
    if by_rule:
        lines.append("Rules that close them: " + "; ".join(
            f"{rule_text(r)} ({n})" for r, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))) + ".")
    if not lines:
        lines.append("No facility accepting this stream can be reached legally.")
    return tuple(lines)


def _entry_flags(options: Sequence[Option], closed: Sequence[Closed]) -> tuple[str, ...]:
    flags: list[str] = []
    for opt in options:
        flags.extend(f"option {opt.rank}: {f}" for f in opt.flags)
    for c in closed:
        if c.reason == "status" and "closed" not in c.detail:
            flags.append(f"nearer facility {c.facility_name} ({c.facility_iso3}, {km(c.distance_km, empty='n/a')}) "
                         f"is not known to operate: {c.detail}")
        elif c.confidence == "low":
            flags.append(f"the prohibition closing {c.facility_name} ({c.facility_iso3}) rests on "
                         f"low-confidence legal data")
    return tuple(dict.fromkeys(flags))


def _option_flags(legal_confidence: str | None, unknowns: Sequence[str], fac_status: str | None,
                  fac_conf: str | None) -> tuple[str, ...]:
    flags = []
    if legal_confidence in ("low", "unknown"):
        flags.append(f"legal confidence is {legal_confidence}")
    flags.extend(f"unknown: {u}" for u in unknowns if u)
    if fac_conf in ("low", "unknown"):
        flags.append(f"facility record confidence is {fac_conf}")
    if fac_status and fac_status != "operating":
        flags.append(f"facility status is {fac_status}")
    return tuple(flags)


def _scope_flags(decision) -> tuple[str, ...]:
    """The law's ``stream_scope`` conditions (a ban that may reach part of the stream, such as
    Thailand's e-waste import ban for lamps): no unknown of the law, but what the consignment
    must be checked against, so the overview flags it as the dossier does."""
    if decision is None:
        return ()
    return tuple(f"check the consignment: {c.text}" for c in decision.requirements if c.kind == "stream_scope")


def _option(country: Country, stream: str, row: Mapping[str, Any], *, law: LawView, names: Mapping[str, str],
            fac_by_id: Mapping[str, Mapping]) -> Option:
    fid = text(row.get("facility_id"))
    fac = fac_by_id.get(fid, {})
    dest = text(row.get("facility_iso3")) or text(fac.get("country_iso3"))
    transit = _strs(row.get("transit_iso3"))
    unknowns = _strs(row.get("legal_unknowns"))
    notes = _strs(row.get("route_notes"))
    op = text(row.get("operation")) or None
    decision = law.assess(country.iso3, dest, stream, op, transit, _strs(row.get("sea_transit_iso3")))
    proc = law.procedure(decision, names) if decision is not None else None
    fac_status = text(fac.get("status")) or None
    fac_conf = text(fac.get("confidence")) or None
    legal_conf = text(row.get("legal_confidence")) or None
    return Option(
        rank=int(row["rank"]), facility_id=fid,
        facility_name=text(row.get("facility_name")) or text(fac.get("name")) or fid,
        facility_iso3=dest, facility_country=names.get(dest, dest), operation=op,
        distance_km=number(row.get("distance_km")) or 0.0, sea_km=number(row.get("sea_km")),
        land_km=number(row.get("road_km", row.get("land_km"))), access_km=number(row.get("access_km")),
        transit=transit,
        legal_status=text(row.get("legal_status")) or None, rules=_strs(row.get("legal_rules")),
        conditions=_strs(row.get("legal_conditions")), legal_confidence=legal_conf, legal_unknowns=unknowns,
        facility_status=fac_status, facility_confidence=fac_conf,
        basis=proc.basis if proc else "unknown", procedure=proc.texts if proc else (),
        flags=(*_option_flags(legal_conf, unknowns, fac_status, fac_conf), *_scope_flags(decision),
               *(f"route: {n}" for n in notes)),
        steps=proc.steps if proc else (),
        cost_low=number(row.get("cost_usd_per_t_low")), cost_high=number(row.get("cost_usd_per_t_high")),
        port_of_loading=_port(row, "port_of_loading"), port_of_discharge=_port(row, "port_of_discharge"),
        route_notes=notes,
    )


def _port(row: Mapping[str, Any], col: str) -> str | None:
    """``Suva (FJSUV)`` from a result row's port id and name columns (None: no port)."""
    pid = text(row.get(col))
    if not pid:
        return None
    name = text(row.get(f"{col}_name"))
    return f"{name} ({pid})" if name else pid


def _entry(country: Country, stream: str, rows: Sequence[Mapping[str, Any]], *, ctx: dict[str, Any]) -> Entry:
    law: LawView = ctx["law"]
    first = rows[0]
    status = text(first["status"])
    options = [] if status != "reachable" else [
        _option(country, stream, row, law=law, names=ctx["names"], fac_by_id=ctx["fac_by_id"]) for row in rows]
    items = closed_items(country.iso3, stream, first.get("blocked_reasons"),
                         first_km=options[0].distance_km if options else None,
                         taken={o.facility_id for o in options}, law=law, model=ctx["model"], fac=ctx["fac"],
                         operation=ctx["operation"], statuses=ctx["statuses"])
    closed = closed_list(country.iso3, stream, items, law=law, operation=ctx["operation"])
    nu_id = text(first.get("nearest_unconstrained_facility_id")) or None
    nu_name = (text(ctx["fac_by_id"].get(nu_id, {}).get("name")) or nu_id) if nu_id else None
    reasons = () if status == "reachable" else _no_route_reasons(status, closed, stream, ctx["fac_other"][stream])
    return Entry(country.iso3, country.name, country.region, stream, status, tuple(options), closed,
                 nu_id, nu_name, number(first.get("nearest_unconstrained_km")), reasons, (),
                 _entry_flags(options, closed))


def _rows_by_origin(res: gpd.GeoDataFrame, sids_codes: set[str]) -> dict[str, list[dict[str, Any]]]:
    sub = res[res["origin_iso3"].isin(sids_codes)].drop(columns="geometry", errors="ignore")
    out: dict[str, list[dict[str, Any]]] = {}
    for row in sub.to_dict("records"):
        out.setdefault(str(row["origin_iso3"]), []).append(row)
    for rows in out.values():
        rows.sort(key=lambda r: int(r["rank"]))
    return out


def _check_results(results: Mapping[str, gpd.GeoDataFrame]) -> tuple[str, ...]:
    if not results:
        raise HgmapError("no results to report on")
    for s in results:
        check_stream(s)
    for s, res in results.items():
        missing = {"origin_iso3", "status", "rank", "facility_id", "blocked_reasons"} - set(res.columns)
        if missing:
            raise DataError(f"result for {s} is not an accessibility result: missing {sorted(missing)}")
    return tuple(s for s in STREAMS if s in results)


def _scenario(scenario: Any, scenario_name: str | None) -> _law.Scenario | None:
    if scenario is not None and not isinstance(scenario, _law.Scenario):
        scenario = _law.load_scenario(scenario)
    if scenario_name and scenario is None:
        raise HgmapError(f"the results were computed under scenario {scenario_name!r}: pass the same "
                         "scenario= to build_report")
    return scenario


def build_report(
    results: Mapping[str, gpd.GeoDataFrame],
    *,
    facilities: gpd.GeoDataFrame | str | os.PathLike[str] | None = None,
    scenario: Any = None,
    what_if: bool = True,
    model: Any = None,
    countries: gpd.GeoDataFrame | None = None,
    timestamp: bool | str = False,
    max_what_if: int = 4,
) -> SidsReport:
    """Turn accessibility results into a :class:`~hgmap.report.SidsReport`.

    Parameters
    ----------
    results
        ``{stream: result}`` from :func:`hgmap.access.accessibility` (any ``k``; origins
        must include the SIDS, other origins are ignored). All results must share the
        as-of date, data date and settings (``attrs``).
    facilities
        The catalogue the results were computed with (GeoDataFrame or path); ``None``:
        the shipped one. Used for facility confidence and status, and for what-ifs.
    scenario
        The :class:`hgmap.law.Scenario` (or path) the results were computed under;
        required when the results carry a scenario name.
    what_if
        Search what-if scenarios for SIDS with no legal route (:mod:`hgmap.report.whatif`).
    model
        An :class:`hgmap.access.AccessModel` to list closed facilities and re-solve
        what-ifs with (built from ``facilities`` when ``None``).
    countries
        Countries layer; ``None`` loads the shipped one.
    timestamp
        ``False`` (reproducible, the default), ``True`` (UTC now) or a text to print as
        the generation time.
    max_what_if
        Single-change scenarios tried per SIDS and stream (plus their combination).

    Returns
    -------
    SidsReport

    Raises
    ------
    HgmapError
        On an unknown stream, results that disagree on their settings, or results
        computed under a scenario that is not given.
    """
    streams = _check_results(results)
    sids, names = _country_table(countries)
    as_of, operation, scenario_name, statuses, k = _settings(results)
    fac_source, fac_frame = _catalogue(facilities)
    scen = _scenario(scenario, scenario_name)
    law = LawView(as_of=parse_date(as_of), operation=operation, scenario=scen)
    model = _model(model, fac_frame, results)
    fac = _Facilities(fac_frame)
    model_fac = fac if model.facilities is fac_frame else _Facilities(model.facilities)
    ctx = {"law": law, "model": model, "fac": model_fac, "fac_by_id": fac.by_id, "names": names,
           "operation": operation, "statuses": statuses,
           "fac_other": _other_status_counts(fac, streams, statuses)}
    entries = _entries(results, streams, sids, ctx=ctx)
    if what_if:
        from .whatif import search_what_ifs

        search_what_ifs(entries, law=law, model=model, fac=model_fac, names=names,
                        territories=_law.territory_sovereigns(), as_of=parse_date(as_of),
                        operation=operation, statuses=statuses, max_what_if=max_what_if)
    report = SidsReport(
        streams=streams, countries=tuple(sids), entries=entries, regions=(), as_of=as_of,
        data_date=text(_attr(results, "data_date")) or "unknown", k=k, scenario=scenario_name or (
            scen.name if scen is not None else None),
        scenario_description=" ".join(text(scen.description).split()) if scen is not None else "",
        operation=operation, circuity=number(_attr(results, "circuity")),
        sea_passage_is_transit=_attr(results, "sea_passage_is_transit"), statuses=statuses,
        what_if=bool(what_if), facilities_source=fac_source, generated=_generated(timestamp),
        country_names=names, results=dict(results), facilities=fac_frame,
        objective=text(_attr(results, "objective")) or getattr(model, "objective", "cost"),
        facilities_dates=catalogue_dates(fac_frame),
    )
    report.regions = regions(report)
    return report


def _settings(results: Mapping[str, gpd.GeoDataFrame]) -> tuple[str, Any, Any, tuple[str, ...], int]:
    """The results' shared settings: as-of date, operation, scenario name, statuses and ``k``."""
    as_of = text(_attr(results, "as_of")) or _dt.date.today().isoformat()
    operation = _attr(results, "operation")
    scenario_name = _attr(results, "scenario")
    statuses = tuple(_attr(results, "statuses") or ("operating",))
    k = int(max(int(res["rank"].max()) if len(res) else 1 for res in results.values()))
    k = int(_attr(results, "k") or k)
    return as_of, operation, scenario_name, statuses, k


def _other_status_counts(fac: _Facilities, streams: Sequence[str], statuses: Sequence[str]) -> dict[str, int]:
    """Per stream, the catalogue's facilities that take it but are not in one of ``statuses`` (e.g. planned)."""
    return {s: sum(1 for i in range(len(fac.ids)) if s in fac.streams[i] and fac.status[i] not in statuses)
            for s in streams}


def _catalogue(facilities: gpd.GeoDataFrame | str | os.PathLike[str] | None) -> tuple[str, gpd.GeoDataFrame]:
    """How the report names the catalogue, and the catalogue itself (loaded when a path or ``None``)."""
    if facilities is None or isinstance(facilities, (str, os.PathLike)):
        fac_source = "shipped catalogue" if facilities is None else f"user catalogue {Path(facilities).name}"
        return fac_source, load_facilities(facilities)
    return "user catalogue", facilities


def _model(model: Any, fac_frame: gpd.GeoDataFrame, results: Mapping[str, gpd.GeoDataFrame]) -> Any:
    """The access model for closed facilities and what-ifs (built on the catalogue when not given)."""
    if model is None:
        from ..access import AccessModel

        model = AccessModel(facilities=fac_frame)
    # A different circuity changes the distances of closed facilities and what-ifs: say so, not silently.
    res_circ, model_circ = _attr(results, "circuity"), model.graph.settings.get("circuity")
    if res_circ is not None and model_circ is not None and float(res_circ) != float(model_circ):
        log.warning("closed facilities and what-ifs use circuity %s, the results %s", model_circ, res_circ)
    return model


def _entries(results: Mapping[str, gpd.GeoDataFrame], streams: Sequence[str], sids: Sequence[Country], *,
             ctx: dict[str, Any]) -> dict[tuple[str, str], Entry]:
    """One entry per SIDS and stream, in stream then country order."""
    entries: dict[tuple[str, str], Entry] = {}
    sids_codes = {c.iso3 for c in sids}
    for stream in streams:
        by_origin = _rows_by_origin(results[stream], sids_codes)
        for country in sids:
            rows = by_origin.get(country.iso3)
            if not rows:
                raise DataError(f"result for {stream} has no row for SIDS {country.iso3}; compute it with "
                                "origins='sids' or 'all'")
            entries[(country.iso3, stream)] = _entry(country, stream, rows, ctx=ctx)
    return entries


def _generated(timestamp: bool | str) -> str | None:
    """The generation time to print: none (reproducible), UTC now, or the caller's text."""
    if not timestamp:
        return None
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if timestamp is True else str(timestamp)
