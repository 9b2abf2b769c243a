"""Transport cost of a route per 20' container, from :mod:`hgmap.costs` (the one home).

:func:`hgmap.costs.route_cost` prices a route in USD per tonne at the reference payload
(``reference_payload_t``, 20 t per TEU); the planner needs the cost of a *container*, so
that it can round a shipment up to whole boxes at the stream's own payload (see
:mod:`hgmap.plan.costs`). Here: per-TEU cost = route cost per tonne x reference payload.
"""

from __future__ import annotations

import numpy as np

from ..costs import Costs, load_costs, route_cost

__all__ = ["transport_usd_per_teu", "transport_note", "transport_assumptions"]


def transport_usd_per_teu(costs: Costs | None, *, sea_km, road_km, access_km, transit_states
                          ) -> tuple[np.ndarray, np.ndarray]:
    """Low and high transport cost (USD per 20' container) of routes (vectorised).

    A route that uses the sea makes two port calls (loading and unloading) and pays the
    dangerous-goods surcharge once; every transit State adds its per-tonne figure.
    Transshipments are not known from the access result and are not priced.
    """
    costs = costs or load_costs()
    sea = np.nan_to_num(np.asarray(sea_km, dtype=float))
    calls = np.where(sea > 0, 2, 0)
    out = []
    for level in ("low", "high"):
        per_t = route_cost(costs, sea_km=sea, road_km=np.nan_to_num(np.asarray(road_km, float)),
                           access_km=np.nan_to_num(np.asarray(access_km, float)), port_calls=calls,
                           transshipments=0, transit_states=np.asarray(transit_states, float), level=level)
        out.append(per_t * costs.value("reference_payload_t", level))
    return out[0], out[1]


def transport_note(costs: Costs | None) -> str:
    costs = costs or load_costs()
    oldest = min(p.as_of for p in costs.params.values() if p.as_of)
    user = [p.name for p in costs.params.values() if p.user]
    return (f"hgmap.costs (data/costs.csv, oldest figure {oldest}"
            + (f"; overridden: {', '.join(user)}" if user else "") + "); transshipments not priced")


def transport_assumptions(costs: Costs | None):
    """The transport figures as rows shaped like the plan cost table."""
    import pandas as pd

    costs = costs or load_costs()
    rows = [{"parameter": p["parameter"], "stream": "*", "operation": "*", "low": p["low"], "high": p["high"],
             "unit": p["unit"], "source_id": "", "source_url": p["source"], "confidence": p["confidence"],
             "as_of": p["as_of"], "notes": "transport (hgmap.costs)",
             "origin": "override" if p["user"] else "default"} for p in costs.provenance()]
    return pd.DataFrame(rows)
