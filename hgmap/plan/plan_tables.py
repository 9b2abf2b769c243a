"""The tables of a plan, from the allocation LP's solution.

:func:`hgmap.plan.plan` solves how many tonnes of each inventory row go to each
option (``x``) and how many stay unmet (``u``); these functions turn that into the
:class:`~hgmap.plan.model.PlanResult` tables: flows re-priced for their own tonnage,
unmet tonnes with reasons, facility loads and per-row totals.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd

from .._values import as_list
from ..origins import default_origins
from .costs import OPTION_COST_COLUMNS, CostTable, option_costs
from .inventory import Inventory

__all__ = ["FLOW_COLUMNS", "UNMET_COLUMNS", "plan_flows", "row_points", "facility_load", "unmet_table",
           "row_totals", "flow_unknowns", "UNKNOWNS_SEP"]

#: How a flow's ``legal_unknowns`` are joined in text files (a sentence may hold ``;``), as
#: ``hub_assignments.csv`` joins ``leg_unknowns``.
UNKNOWNS_SEP = " | "

#: The law's flag for a rule that may reach part of a stream (an import ban on e-waste for lamps).
_SCOPE_FLAG = "FLAG-stream-scope"

log = logging.getLogger(__name__)

#: Columns of an option a flow keeps (then its cost terms and ``geometry``).
FLOW_COLUMNS = ["origin_iso3", "origin_id", "origin_name", "origin_lon", "origin_lat", "is_sids", "sids_region",
                "stream", "facility_id", "facility_name", "facility_iso3", "operation", "tonnes", "distance_km",
                "sea_km", "land_km", "access_km", "transit_iso3", "legal_status", "legal_conditions", "legal_rules",
                "legal_confidence", "legal_unknowns", "acceptance"]

#: Columns of the unmet table.
UNMET_COLUMNS = ["origin_iso3", "origin_id", "origin_name", "origin_lon", "origin_lat", "stream", "tonnes",
                 "inventory_t", "reason", "detail", "inventory_line"]


def flow_unknowns(options: pd.DataFrame, x: np.ndarray, *, as_of, scenario) -> pd.Series:
    """The ``legal_unknowns`` of every option, with, for a chosen option whose movement is
    flagged by a rule that may reach part of the stream (``FLAG-stream-scope``: Thailand's
    e-waste import ban for lamps), that rule's condition: the shipper must check the
    consignment against it, which hgmap cannot, so it is an unknown of the flow as well as
    a condition (the dossier treats it so). Only flagged chosen options are re-assessed
    (:func:`hgmap.law.assess` along the option's route), once per movement."""
    from .. import law

    base = options["legal_unknowns"] if "legal_unknowns" in options.columns else pd.Series(index=options.index,
                                                                                           dtype=object)
    out = [list(as_list(v)) for v in base]
    if not len(options) or "legal_rules" not in options.columns:
        return pd.Series(out, index=options.index, dtype=object)
    memo: dict[tuple, list[str]] = {}
    for j in np.flatnonzero(x > 0):
        row = options.iloc[j]
        if _SCOPE_FLAG not in as_list(row["legal_rules"]):
            continue
        via = tuple(as_list(row.get("transit_iso3")))
        sea = tuple(as_list(row.get("sea_transit_iso3")))
        key = (row["origin_iso3"], row["facility_iso3"], row["stream"], row["operation"], via, sea)
        if key not in memo:
            dec = law.assess(key[0], key[1], key[2], key[3], as_of=as_of, via=via, sea_passage=sea,
                             scenario=scenario)
            memo[key] = [c.text for c in dec.requirements if c.kind == "stream_scope"]
        out[j] += [t for t in memo[key] if t not in out[j]]
    return pd.Series(out, index=options.index, dtype=object)


def plan_flows(options: pd.DataFrame, x: np.ndarray, table: CostTable) -> tuple[pd.DataFrame, gpd.GeoDataFrame]:
    """The chosen options (with ``tonnes``) and the flows table.

    The LP priced each option for its row's whole tonnage; a flow is re-priced for its
    own tonnage (one shipment a year), since containers round up per shipment. With no
    option chosen (no row could be placed) the flows table is empty, with its columns.
    """
    chosen = options[x > 0].copy()
    # An empty options frame (no row has a legal option) has only a few columns.
    chosen = chosen.reindex(columns=list(dict.fromkeys([*chosen.columns, *FLOW_COLUMNS, "geometry"])))
    chosen["tonnes"] = x[x > 0]
    flow_parts = []
    for stream, g in chosen.groupby("stream", sort=False):
        priced = option_costs(table, stream, g["operation"].to_numpy(object), g["tonnes"].to_numpy(float),
                              g["teu_usd_low"].to_numpy(float), g["teu_usd_high"].to_numpy(float))
        priced.index = g.index
        flow_parts.append(priced)
    flows = chosen[FLOW_COLUMNS + ["geometry"]].copy()
    priced = pd.concat(flow_parts) if flow_parts else pd.DataFrame(columns=OPTION_COST_COLUMNS, index=chosen.index)
    for col in priced.columns:
        flows[col] = priced[col]
    flows = flows.rename(columns={"total_usd_low": "cost_usd_low", "total_usd_high": "cost_usd_high",
                                  "usd_per_t_low": "cost_usd_per_t_low", "usd_per_t_high": "cost_usd_per_t_high"})
    flows = gpd.GeoDataFrame(flows.reset_index(drop=True), geometry="geometry", crs=4326)
    flows = flows.sort_values(["origin_iso3", "origin_id", "stream", "tonnes"],
                              ascending=[True, True, True, False]).reset_index(drop=True)
    return chosen, flows


def row_points(inv: Inventory) -> tuple[np.ndarray, np.ndarray]:
    """Where each inventory row starts (lon, lat): a site at its own point, a country at
    its default origin."""
    rows = inv.rows
    start = default_origins().set_index("iso3")
    site_lon = np.array(rows["country_iso3"].map(start["lon"]), dtype=float)
    site_lat = np.array(rows["country_iso3"].map(start["lat"]), dtype=float)
    if inv.sites is not None and (rows["origin_id"] != "").any():
        pts = inv.sites.set_index("id")
        is_site = (rows["origin_id"] != "").to_numpy()
        site_lon[is_site] = pts.loc[rows.loc[is_site, "origin_id"], "lon"].to_numpy(float)
        site_lat[is_site] = pts.loc[rows.loc[is_site, "origin_id"], "lat"].to_numpy(float)
    return site_lon, site_lat


def facility_load(fac: pd.DataFrame, chosen: pd.DataFrame, fac_index: Mapping[str, int], capacity: np.ndarray,
                  cap_origin: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Tonnes placed at each facility, and the table of those loaded or with a capacity."""
    load = np.zeros(len(fac))
    if len(chosen):
        np.add.at(load, chosen["facility_id"].map(fac_index).to_numpy(int), chosen["tonnes"].to_numpy(float))
    show = (load > 0) | np.isfinite(capacity)
    fl = pd.DataFrame({"facility_id": fac["id"], "facility_name": fac["name"], "facility_iso3": fac["country_iso3"],
                       "status": fac["status"], "load_t": load, "capacity_tpy": capacity,
                       "capacity_source": cap_origin})[show]
    fl["utilisation"] = np.where(np.isfinite(fl["capacity_tpy"]) & (fl["capacity_tpy"] > 0),
                                 fl["load_t"] / fl["capacity_tpy"], np.nan)
    fl = fl.sort_values(["load_t", "facility_id"], ascending=[False, True]).reset_index(drop=True)
    return load, fl


def unmet_table(rows: pd.DataFrame, u: np.ndarray, no_option: Mapping[int, tuple[str, str]], options: pd.DataFrame,
                full: np.ndarray, fac_index: Mapping[str, int], site_lon: np.ndarray, site_lat: np.ndarray
                ) -> pd.DataFrame:
    """Unmet tonnes per row: no legal option (its status and detail), or every option full."""
    unmet = []
    for r in np.flatnonzero(u > 0):
        row = rows.iloc[r]
        if r in no_option:
            reason, detail = no_option[r]
        else:
            reason = "capacity_exhausted"
            opts = options.loc[options["row"] == r, "facility_id"].tolist()
            detail = "full: " + ", ".join(f for f in opts if full[fac_index[f]])
        unmet.append({"origin_iso3": row["country_iso3"], "origin_id": row["origin_id"],
                      "origin_name": row["origin_name"], "origin_lon": site_lon[r], "origin_lat": site_lat[r],
                      "stream": row["stream"], "tonnes": float(u[r]), "inventory_t": float(row["tonnes_per_year"]),
                      "reason": reason, "detail": detail, "inventory_line": row["line"]})
    return pd.DataFrame(unmet, columns=UNMET_COLUMNS)


def row_totals(rows: pd.DataFrame, site_lon: np.ndarray, site_lat: np.ndarray, flows: pd.DataFrame,
               u: np.ndarray) -> pd.DataFrame:
    """Per inventory row (a country or a site) and stream: inventory, placed and unmet
    tonnes, cost band and the facilities used."""
    tot = rows[["country_iso3", "origin_id", "origin_name", "stream", "tonnes_per_year", "source", "line"]].rename(
        columns={"country_iso3": "origin_iso3", "tonnes_per_year": "inventory_t", "line": "inventory_line"})
    tot.insert(3, "origin_lon", site_lon)
    tot.insert(4, "origin_lat", site_lat)
    if len(flows):
        agg = flows.groupby(["origin_iso3", "origin_id", "stream"]).agg(
            placed_t=("tonnes", "sum"), cost_usd_low=("cost_usd_low", "sum"), cost_usd_high=("cost_usd_high", "sum"),
            facilities=("facility_id", lambda s: ";".join(s))).reset_index()
        tot = tot.merge(agg, on=["origin_iso3", "origin_id", "stream"], how="left")
    else:
        for col in ("placed_t", "cost_usd_low", "cost_usd_high", "facilities"):
            tot[col] = np.nan
    tot["placed_t"] = tot["placed_t"].fillna(0.0)
    tot["unmet_t"] = u
    tot["facilities"] = tot["facilities"].astype(object).fillna("")
    return tot
