"""Result objects of the planner: :class:`PlanResult` (allocation) and :class:`HubResult`."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from ..labels import NOT_LEGAL_ADVICE, stream_title

__all__ = ["PlanResult", "HubResult", "UNMET_REASONS", "origin_text"]

#: Why tonnes stay unplaced.
UNMET_REASONS: dict[str, str] = {
    "no_legal_route": "no facility it may legally reach accepts the stream",
    "no_facility_for_stream": "no operating facility accepts the stream",
    "not_accepted": "every facility it may legally reach refuses waste from the origin (facility catalogue)",
    "no_route": "no sea or land route to a facility it may legally use",
    "capacity_exhausted": "every facility it may legally reach is full",
}


def _legal_words(status, confidence, unknowns, where: str) -> str:
    """``permitted_with_consent, confidence low, 4 unknown(s) (WHERE)``: a legal status is
    never shown without how sure it is (the unknowns in full are in the table ``where``)."""
    text = str(status or "")
    if confidence is not None and str(confidence) not in ("", "nan"):
        text += f", confidence {confidence}"
    n = len([u for u in str(unknowns).split(" | ") if u.strip()]) if isinstance(unknowns, str) else 0
    if n:
        text += f", {n} unknown(s) ({where})"
    return text


def cost_figures_line(ca: pd.DataFrame, file: str) -> str:
    """``cost figures: N default(s), M override(s); oldest ... dated ... (D days old)``."""
    n_def = int((ca["origin"] == "default").sum())
    oldest = ca.sort_values("as_of").iloc[0]
    return (f"  cost figures: {n_def} default(s), {len(ca) - n_def} override(s); oldest "
            f"{oldest['parameter']} dated {oldest['as_of']} ({oldest['age_days']} days old); see {file}")


def origin_text(iso3: str, origin_id: str = "", name: str = "") -> str:
    """An origin as outputs name it: ``FJI``, or a site ``FJI site suva-cwm (CWM Hospital)``."""
    if origin_id:
        return f"{iso3} site {origin_id}" + (f" ({name})" if name and name != origin_id else "")
    return iso3


@dataclass
class PlanResult:
    """A least-cost allocation of an inventory to facilities under capacity.

    Attributes
    ----------
    flows
        One row per origin, stream and facility with tonnes > 0: the origin
        (``origin_iso3``; ``origin_id`` and ``origin_name`` name the site of a row by
        origin id, ``origin_id`` is empty for a row by country), ``tonnes``,
        ``containers_low/high``, cost terms and ``cost_usd_low/high`` for that flow
        shipped once a year, ``cost_usd_per_t_low/high``, ``unpriced`` terms, the legal
        status and conditions of the movement, and the route ``geometry`` (EPSG:4326).
    unmet
        Tonnes not placed, per origin (country or site) and stream, with ``reason``
        (see :data:`UNMET_REASONS`), ``detail`` and ``inventory_line``.
    facility_load
        Every facility that received tonnes or has a capacity: ``load_t``,
        ``capacity_tpy`` (empty = unknown, not limited), ``capacity_source``,
        ``utilisation``.
    country_totals
        Per inventory row (country, or site with ``origin_id``/``origin_name``) and
        stream: ``inventory_t``, ``placed_t``, ``unmet_t``, costs.
    unquantified
        Inventory rows with no published figure (kept, never planned).

    :meth:`by_country` sums the rows of each country (its default origin and its
    sites) per stream.
    cost_assumptions
        Every cost figure used, with its source, confidence, as-of date, age in days
        and whether it is a default or an override.
    attrs
        ``as_of``, ``data_date`` (legal data), ``scenario``, ``solver``, ``status``,
        ``objective_usd``, LP size (``n_variables``, ``n_constraints``, ``n_nonzeros``),
        ``cost_basis`` and ``transport_model``.
    """

    flows: gpd.GeoDataFrame
    unmet: pd.DataFrame
    facility_load: pd.DataFrame
    country_totals: pd.DataFrame
    unquantified: pd.DataFrame
    cost_assumptions: pd.DataFrame
    attrs: dict = field(default_factory=dict)

    @property
    def placed_tonnes(self) -> float:
        return float(self.flows["tonnes"].sum()) if len(self.flows) else 0.0

    @property
    def unmet_tonnes(self) -> float:
        return float(self.unmet["tonnes"].sum()) if len(self.unmet) else 0.0

    def summary(self) -> str:
        """A few lines for the terminal."""
        a = self.attrs
        lines = [f"hgmap plan: as of {a['as_of']}; legal data {a['data_date']}. {NOT_LEGAL_ADVICE}",
                 f"  placed {self.placed_tonnes:,.1f} t in {len(self.flows)} flow(s); "
                 f"unmet {self.unmet_tonnes:,.1f} t",
                 f"  cost per year USD {a['total_usd_low']:,.0f} - {a['total_usd_high']:,.0f} "
                 f"(transport: {a['transport_model']})",
                 f"  LP: {a['n_variables']} variables, {a['n_constraints']} constraints, solver {a['solver']} "
                 f"({a['status']})"]
        if self.country_totals.empty:
            n_blank = len(self.unquantified)
            lines.append("  nothing to plan: no inventory row has a tonnage"
                         + (f" ({n_blank} row(s) without a published figure: unquantified.csv)" if n_blank
                            else " (the inventory has no row)"))
        lines += self._stream_lines()
        lines += self._legal_lines()
        if len(self.cost_assumptions):
            lines.append(cost_figures_line(self.cost_assumptions, "cost_assumptions.csv"))
        for r in self.unmet.itertuples():
            lines.append(f"  unmet {origin_text(r.origin_iso3, r.origin_id, r.origin_name)} {stream_title(r.stream)}: "
                         f"{r.tonnes:,.2f} t ({r.reason}: {r.detail})")
        if len(self.unquantified):
            lines.append(f"  not quantified (no published figure): {len(self.unquantified)} inventory row(s)")
        for w in a.get("inventory_warnings", []):
            lines.append(f"  inventory: {w}")
        return "\n".join(lines)

    def _legal_lines(self) -> list[str]:
        """How sure the flows' legal statuses are: the flows at confidence low (named, at most
        ten) and how many rest on unknowns (listed in full in ``flows.csv``)."""
        f = self.flows
        if not len(f) or "legal_confidence" not in f.columns:
            return []
        n_unknown = int(sum(bool(u) for u in f.get("legal_unknowns", pd.Series(dtype=object))
                            if isinstance(u, (list, tuple))))
        low = f[f["legal_confidence"].astype(str).isin(["low", "unknown"])]
        if not len(low) and not n_unknown:
            return []
        names = [f"{origin_text(r.origin_iso3, r.origin_id, '')} {r.stream} -> {r.facility_id}"
                 for r in low.head(10).itertuples()]
        more = f", and {len(low) - 10} more" if len(low) > 10 else ""
        text = f"  legal: {n_unknown} of {len(f)} flow(s) rest on unknowns (flows.csv legal_unknowns)"
        if len(low):
            text += f"; confidence low for {len(low)}: " + "; ".join(names) + more
        return [text]

    def by_stream(self) -> pd.DataFrame:
        """Per stream: ``inventory_t``, ``placed_t``, ``unmet_t``, ``cost_usd_low/high`` (of
        the placed tonnes), ``n_origins`` and ``facilities`` used."""
        t = self.country_totals
        cols = ["stream", "inventory_t", "placed_t", "unmet_t", "cost_usd_low", "cost_usd_high", "n_origins",
                "facilities"]
        if t.empty:
            return pd.DataFrame(columns=cols)
        g = t.groupby("stream", sort=False)
        out = g.agg(inventory_t=("inventory_t", "sum"), placed_t=("placed_t", "sum"), unmet_t=("unmet_t", "sum"),
                    cost_usd_low=("cost_usd_low", lambda s: s.sum(min_count=1)),
                    cost_usd_high=("cost_usd_high", lambda s: s.sum(min_count=1)),
                    n_origins=("inventory_t", "size"),
                    facilities=("facilities", lambda s: ";".join(sorted({f for v in s for f in str(v).split(";")
                                                                          if f and f != "nan"})))).reset_index()
        return out[cols]

    def _stream_lines(self) -> list[str]:
        """One summary line per stream: tonnes placed and unmet, cost band, facilities."""
        lines = []
        fl = self.facility_load
        unknown_cap = (set(fl.loc[fl["capacity_tpy"].isna(), "facility_id"])
                       if {"capacity_tpy", "facility_id"} <= set(fl.columns) else set())
        for r in self.by_stream().itertuples():
            cost = (f"USD {r.cost_usd_low:,.0f} - {r.cost_usd_high:,.0f} a year" if pd.notna(r.cost_usd_low)
                    else "no cost (nothing placed)")
            unmet = f", unmet {r.unmet_t:,.2f} t" if r.unmet_t > 0 else ""
            fac = f" at {r.facilities}" if r.facilities else ""
            n_unknown = sum(f in unknown_cap for f in r.facilities.split(";") if f)
            if n_unknown:
                fac += f" (capacity unknown, not limited: {n_unknown} of them)"
            lines.append(f"  {r.stream}: {r.placed_t:,.2f} of {r.inventory_t:,.2f} t placed{unmet}; {cost}{fac}")
        return lines

    def by_country(self) -> pd.DataFrame:
        """Per country and stream, every row of the country summed (its default origin and
        its sites): ``inventory_t``, ``placed_t``, ``unmet_t``, ``cost_usd_low/high``,
        ``facilities`` and ``sites`` (the origin ids that contributed; empty when the
        country was planned from its default origin only)."""
        t = self.country_totals
        cols = ["origin_iso3", "stream", "inventory_t", "placed_t", "unmet_t", "cost_usd_low", "cost_usd_high",
                "facilities", "sites", "n_rows"]
        if t.empty:
            return pd.DataFrame(columns=cols)
        ids = t["origin_id"] if "origin_id" in t.columns else pd.Series("", index=t.index)
        g = t.assign(_id=ids.fillna("")).groupby(["origin_iso3", "stream"], sort=True)
        out = g.agg(inventory_t=("inventory_t", "sum"), placed_t=("placed_t", "sum"), unmet_t=("unmet_t", "sum"),
                    cost_usd_low=("cost_usd_low", lambda s: s.sum(min_count=1)),
                    cost_usd_high=("cost_usd_high", lambda s: s.sum(min_count=1)),
                    facilities=("facilities", lambda s: ";".join(dict.fromkeys(f for v in s for f in str(v).split(";")
                                                                               if f))),
                    sites=("_id", lambda s: ";".join(v for v in s if v)),
                    n_rows=("inventory_t", "size")).reset_index()
        return out[cols]


@dataclass
class HubResult:
    """Regional consolidation hubs chosen by a p-median/fixed-charge MILP.

    Attributes
    ----------
    hubs
        The recommended hubs (at most ``p``; none when no hub saves): ``hub_iso3``,
        ``hub_name``, ``members``, ``tonnes``, onward ``facility_id`` and
        ``facility_iso3``, what the members pay together (``cost_usd``), would pay
        alone (``alone_usd``) and save (``saving_usd``, ``saving_pct``),
        ``opened_for`` (``saving``, or the members that gain a route through it);
        ``hub_capacity_tpy`` and ``storage_usd`` (for the ``collected_t`` from other
        members) with their sources: unknown (empty) unless the candidates file gives
        a sourced figure.
    assignments
        One row per member country: ``choice`` (``hub``, ``joins hub``, ``ships alone``,
        ``unserved``), ``hub_iso3`` (empty unless through a hub), the ``facility_id``
        its waste ends at, ``tonnes``, ``collect_km``, ``cost_usd`` (through a hub: its
        own legs plus its share, the hub's net saving being shared by tonnes),
        ``alone_usd`` shipping alone, ``saving_usd``/``saving_pct`` against that (empty
        when it has no route alone), ``leg_legal_status`` of the leg to the hub with
        ``leg_legal_confidence`` and ``leg_unknowns`` (the presumptions it rests on, joined
        with `` | ``; :func:`hgmap.law.assess` along the leg's route) and a
        ``note`` saying why it did not do otherwise.
    excluded
        Members that cannot legally join any hub (or reach no facility), with reasons.
    attrs
        ``region``, ``p``, ``stream``, ``as_of``, ``data_date``, ``total_usd``,
        ``alone_usd``, ``saving_usd``, ``n_alone``, ``n_through_hubs``,
        ``hubs_opened``, solver status and size, and ``unknowns``:
        what the totals leave out for want of a sourced figure (hub storage and
        handling, hub capacity, onward facility capacity).
    cost_assumptions
        Every cost figure used (plan cost rows for the stream and the transport
        parameters), with source, confidence, as-of date, age in days and whether it is
        a default or an override.
    """

    hubs: pd.DataFrame
    assignments: pd.DataFrame
    excluded: pd.DataFrame
    attrs: dict = field(default_factory=dict)
    cost_assumptions: pd.DataFrame | None = None

    def summary(self) -> str:
        a = self.attrs
        lines = [f"hgmap hubs: {a['region']} p={a['p']} {a['stream']}; as of {a['as_of']}; legal data "
                 f"{a['data_date']}. {NOT_LEGAL_ADVICE}"]
        if len(self.hubs):
            lines.append(f"  {len(self.hubs)} hub(s) recommended (at most {a['p']} asked): "
                         + ", ".join(self.hubs["hub_iso3"]) + f"; {a['n_alone']} member(s) ship alone")
        else:
            lines.append(f"  no hub recommended (at most {a['p']} asked): no hub saves significantly against every "
                         "member shipping alone at these tonnes and costs; every member ships alone")
        for j, why in a.get("hubs_not_recommended", {}).items():
            lines.append(f"  hub {j} not recommended: {why}"
                         + ("" if a.get("keep_insignificant") or "not significant" not in why else
                            " (keep_insignificant=True / --keep-insignificant keeps it)"))
        if a.get("p_note"):
            lines.append(f"  {a['p_note']}")
        by_reason: dict[str, list[str]] = {}
        for m, why in a.get("not_candidates", {}).items():
            by_reason.setdefault(why, []).append(m)
        for why, ms in by_reason.items():
            lines.append(f"  not a default candidate hub ({why}): " + ", ".join(ms)
                         + " (a candidates list may still name it)")
        lines.append(f"  total USD {a['total_usd']:,.0f} / year vs every member shipping alone USD "
                     f"{a['alone_usd']:,.0f} (saving USD {a['saving_usd']:,.0f}, {a['saving_pct']:.1f}%) for the "
                     f"{a['n_served']} {'country' if a['n_served'] == 1 else 'countries'} served (middle of each cost band)")
        for h in self.hubs.itertuples():
            extra = ""
            if pd.notna(getattr(h, "hub_capacity_tpy", np.nan)):
                extra += f"; capacity {h.hub_capacity_tpy:,.1f} t a year ({h.hub_capacity_source})"
            if pd.notna(getattr(h, "storage_usd", np.nan)):
                extra += f"; storage USD {h.storage_usd:,.0f} for {h.collected_t:,.1f} t collected ({h.storage_source})"
            gain = (f"; its members save USD {h.saving_usd:,.0f} ({h.saving_pct:.1f}%) against shipping alone"
                    if pd.notna(h.saving_pct) else "")
            if not getattr(h, "significant", True):
                gain += f"; {h.significance}"
            if h.opened_for != "saving":
                gain += f"; opened as the {h.opened_for}"
            if getattr(h, "detour_members", ""):
                gain += (f"; detour over {a.get('detour_factor', 1.5):g}x the km shipping alone for "
                         f"{h.detour_members} (its saving may not be real: hub_assignments.csv note)")
            lines.append(f"  hub {h.hub_iso3} ({h.hub_name}): {h.members} -> {h.facility_id} ({h.facility_iso3}); "
                         f"{h.tonnes:,.1f} t{gain}{extra}; onward leg "
                         + _legal_words(getattr(h, "onward_legal_status", ""),
                                        getattr(h, "onward_legal_confidence", ""), getattr(h, "onward_unknowns", ""),
                                        "hubs.csv onward_unknowns"))
        for r in self.assignments.itertuples():
            if r.choice == "unserved":
                continue
            choice = f"joins hub {r.hub_iso3}" if r.choice == "joins hub" else r.choice
            vs = (f"alone USD {r.alone_usd:,.0f}, saving USD {r.saving_usd:,.0f} ({r.saving_pct:.1f}%)"
                  if pd.notna(r.saving_usd) else "no route alone")
            why = f"; {r.note}" if r.choice == "ships alone" or pd.isna(r.saving_usd) else ""
            if getattr(r, "detour_flag", False):
                why += (f"; detour {r.detour_ratio:.2f}x: {r.via_hub_km:,.0f} km via {r.hub_iso3} against "
                        f"{r.direct_km:,.0f} km alone (sea legs are direct port-to-port: a lower bound)")
            if r.choice == "joins hub":
                why += (f"; leg {r.iso3} -> {r.hub_iso3} "
                        + _legal_words(r.leg_legal_status, getattr(r, "leg_legal_confidence", ""),
                                       getattr(r, "leg_unknowns", ""), "hub_assignments.csv leg_unknowns"))
            lines.append(f"  member {r.iso3}: {choice} -> {r.facility_id} ({r.facility_iso3}): "
                         f"USD {r.cost_usd:,.0f} ({vs}){why}")
        for e in self.excluded.itertuples():
            lines.append(f"  cannot join: {e.iso3}: {e.reason}")
        for u in a.get("unknowns", []):
            lines.append(f"  unknown: {u}")
        if self.cost_assumptions is not None and len(self.cost_assumptions):
            lines.append(cost_figures_line(self.cost_assumptions, "hub_cost_assumptions.csv"))
        return "\n".join(lines)
