"""Transport cost per 20' container along a route (INTERIM).

INTERIM: the routes work (``hgmap/costs.py`` and ``data/costs.csv``, branch ``routes``)
is the one home for transport costs; when it lands, :func:`interim_transport_usd_per_teu`
is deleted and the planner uses it instead. Until then the figures below are the
default cost model of the project's cost research (``COSTS.md`` section 2), each with
its source id there:

=====================  ==========  ==========  ==============  ===================================
term                   low         high        unit            sources (COSTS.md)
=====================  ==========  ==========  ==============  ===================================
sea rate               0.014       0.12        USD/TEU-km      S8 backhaul, S5/S6 mainline, S1 SIDS
feeder leg (SIDS)      1,000       3,000       USD/TEU         S2, S3, S4 (analyst judgment)
export port call       500         1,400       USD/TEU         P1 (World Bank Doing Business 2019)
import port call       300         650         USD/TEU         P2, S1
dangerous goods        130         800         USD/TEU         P4, P5
waiting (consent)      0           1,740       USD/TEU         P8, P9
road                   1.4         3.0         USD/truck-km    R1, R2, R3 (one TEU per truck)
=====================  ==========  ==========  ==============  ===================================

Currencies in S2, S3, P5 and R2 were not converted by the research; the band is an
order of magnitude, not a quote. Transshipment handling has no sourced figure and is
not priced.
"""

from __future__ import annotations

import numpy as np

__all__ = ["interim_transport_usd_per_teu", "INTERIM_SOURCE"]

INTERIM_SOURCE = ("interim transport model: COSTS.md section 2 (S1-S10, P1-P9, R1-R3), as of 2026-11-26; "
                  "to be replaced by hgmap.costs")
_AS_OF = "2026-11-26"

_SEA = (0.014, 0.12)
_FEEDER = (1000.0, 3000.0)
_PORT_EXPORT = (500.0, 1400.0)
_PORT_IMPORT = (300.0, 650.0)
_DG = (130.0, 800.0)
_WAIT = (0.0, 1740.0)
_ROAD = (1.4, 3.0)


def interim_transport_usd_per_teu(sea_km, land_km, *, origin_is_sids) -> tuple[np.ndarray, np.ndarray]:
    """Low and high transport cost (USD per 20' container) of routes (vectorised).

    A route with sea kilometres pays the sea rate, one export and one import port
    call, the dangerous-goods surcharge and the waiting band, plus a feeder lump sum
    when the origin is a SIDS; every route pays the road rate on its land and access
    kilometres. Domestic zero-length routes cost nothing.
    """
    sea = np.nan_to_num(np.asarray(sea_km, dtype=float))
    land = np.nan_to_num(np.asarray(land_km, dtype=float))
    sids = np.broadcast_to(np.asarray(origin_is_sids, dtype=bool), sea.shape)
    by_sea = sea > 0
    out = []
    for k in (0, 1):
        c = sea * _SEA[k] + land * _ROAD[k]
        c = c + by_sea * (_PORT_EXPORT[k] + _PORT_IMPORT[k] + _DG[k] + _WAIT[k])
        c = c + (by_sea & sids) * _FEEDER[k]
        out.append(c)
    return out[0], out[1]
