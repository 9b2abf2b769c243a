"""Regional summaries of a report: SIDS by status, distances, facilities relied on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .model import REGION_TITLES, REGIONS, RegionSummary, SidsReport, StreamSummary

__all__ = ["regions"]


def _median(values: Sequence[float]) -> float | None:
    values = sorted(values)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def regions(report: SidsReport) -> tuple[RegionSummary, ...]:
    out = []
    regions = [r for r in REGIONS if any(c.region == r for c in report.countries)]
    regions += sorted({c.region for c in report.countries} - set(REGIONS))
    for region in regions:
        members = [c for c in report.countries if c.region == region]
        lines = []
        relied: Counter = Counter()
        relied_sids: dict[str, set[str]] = {}
        fac_names: dict[str, tuple[str, str]] = {}
        no_option = []
        for stream in report.streams:
            es = [report.entry(c.iso3, stream) for c in members]
            km = [e.first.distance_km for e in es if e.first is not None]
            for e in es:
                if e.first is not None:
                    relied[e.first.facility_id] += 1
                    relied_sids.setdefault(e.first.facility_id, set()).add(e.iso3)
                    fac_names[e.first.facility_id] = (e.first.facility_name, e.first.facility_iso3)
            reach = sum(e.status == "reachable" for e in es)
            if reach == 0:
                no_option.append(stream)
            lines.append(StreamSummary(
                stream=stream, n_sids=len(es), reachable=reach,
                no_legal_route=sum(e.status == "no_legal_route" for e in es),
                no_facility=sum(e.status == "no_facility_for_stream" for e in es),
                median_km=_median(km), max_km=max(km) if km else None,
                flagged=sum(bool(e.flags) for e in es),
                opened_by_what_if=sum(any(w.opens for w in e.what_if) for e in es),
                no_route_sids=tuple(e.iso3 for e in es if e.status != "reachable"),
            ))
        top = sorted(relied.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        without = []
        for c in members:
            missing = tuple(s for s in report.streams if report.entry(c.iso3, s).status != "reachable")
            if missing:
                without.append((c.iso3, missing))
        out.append(RegionSummary(
            region=region, title=REGION_TITLES.get(region, region), sids=tuple(c.iso3 for c in members),
            streams=tuple(lines),
            top_facilities=tuple((fid, fac_names[fid][0], fac_names[fid][1], n, len(relied_sids[fid]))
                                 for fid, n in top),
            no_option_streams=tuple(no_option), sids_without_route=tuple(without),
        ))
    return tuple(out)
