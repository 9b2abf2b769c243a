"""Transport cost of a route per 20' container, from :mod:`hgmap.costs` (the one home).

The access result prices every route in USD per tonne (``cost_usd_per_t_low/_high``,
:func:`hgmap.costs.route_cost` at the reference payload ``reference_payload_t``, 20 t per
TEU). The planner needs the cost of a *container*, so that it can round a shipment up
to whole boxes at the stream's own payload (:mod:`hgmap.plan.costs`): per-TEU cost =
route cost per tonne x reference payload. Collection legs of hubs, which are not access
results, are priced with :func:`hgmap.costs.route_cost` on the path's breakdown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..costs import Costs, route_cost

__all__ = ["teu_cost_of_results", "teu_cost_of_breakdowns", "transport_note", "transport_assumptions"]


def teu_cost_of_results(result: pd.DataFrame, costs: Costs) -> tuple[np.ndarray, np.ndarray]:
    """Low and high USD per 20' container of access-result rows (their own cost columns)."""
    lo = pd.to_numeric(result["cost_usd_per_t_low"], errors="coerce").to_numpy(float)
    hi = pd.to_numeric(result["cost_usd_per_t_high"], errors="coerce").to_numpy(float)
    return lo * costs.value("reference_payload_t", "low"), hi * costs.value("reference_payload_t", "high")


def teu_cost_of_breakdowns(breakdowns: list[dict], costs: Costs) -> tuple[np.ndarray, np.ndarray]:
    """Low and high USD per 20' container of graph paths (``TransportGraph.breakdown`` dicts)."""
    kw = dict(sea_km=np.array([b["sea_km"] for b in breakdowns], float),
              road_km=np.array([b.get("road_km", b.get("land_km", 0.0)) for b in breakdowns], float),
              access_km=np.array([b["access_km"] for b in breakdowns], float),
              port_calls=np.array([b.get("port_calls", 0) for b in breakdowns], float),
              transshipments=np.array([b.get("transshipments", 0) for b in breakdowns], float),
              transit_states=np.array([len(b["transit"]) for b in breakdowns], float))
    return (route_cost(costs, level="low", **kw) * costs.value("reference_payload_t", "low"),
            route_cost(costs, level="high", **kw) * costs.value("reference_payload_t", "high"))


def transport_note(costs: Costs) -> str:
    oldest = min(p.as_of for p in costs.params.values() if p.as_of)
    user = [p.name for p in costs.params.values() if p.user]
    return (f"hgmap.costs (data/costs.csv, oldest figure {oldest}"
            + (f"; overridden: {', '.join(user)}" if user else "") + ")")


def transport_assumptions(costs: Costs) -> pd.DataFrame:
    """The transport figures as rows shaped like the plan cost table."""
    rows = [{"parameter": p["parameter"], "stream": "*", "operation": "*", "low": p["low"], "high": p["high"],
             "unit": p["unit"], "source_id": "", "source_url": p["source"], "confidence": p["confidence"],
             "as_of": p["as_of"], "notes": "transport (hgmap.costs)",
             "origin": "override" if p["user"] else "default"} for p in costs.provenance()]
    return pd.DataFrame(rows)
