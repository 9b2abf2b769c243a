"""The multimodal transport graph: sea lanes, ports, real roads and where the waste is.

Nodes are sea-lane vertices (searoute's Marnet), ports, road nodes (the OpenStreetMap
world highway network shipped as ``data/roads.npz``, built by ``data/build_roads.py``),
one *origin* node per country (its capital or main port city, ``data/origins.csv``) and,
once attached, facilities. Edges carry a length in km on the WGS84 ellipsoid
(``pyproj.Geod``) and a mode:

``sea``
    Marnet lanes, and each port's approach leg to its nearest lane vertex (the snap
    distance). Passage at sea is not transit (Basel Art 4(12)) unless
    ``sea_passage_is_transit=True``, in which case lane vertices within 12 nautical
    miles of a country's coast belong to that country's territorial sea.
``road``
    Road segments measured along the road (degree-2 chains contracted at build time;
    their geometry is kept for the maps). Every road node lies in one country, so a road
    edge whose ends lie in two states is a border crossing.
``access``
    The join of a port, an origin or a facility to its nearest road node *in its own
    country* (straight line, the join distance), and, for the countries without any road
    node in the network (15 SIDS such as Tuvalu, Nauru, Kiribati), a documented
    straight-line estimate (geodesic x ``circuity``) from the origin or facility to the
    country's ports. No road means no land route: two countries are linked by land only
    where a road crosses their border.

Every node knows the country whose territory it is in, so every route knows its
transit states: the countries of the nodes it passes through, other than the origin
and the destination (and their territories). The base graph (without facilities) is
cached on disk and rebuilt when its inputs or settings change.

Searches run on a weight per edge chosen by the *objective*: ``distance`` (km) or
``cost`` (USD per tonne at the midpoint of :mod:`hgmap.costs`: per t-km by sea and by
road, a port call plus half the dangerous-goods surcharge on every port approach, so a
direct sea leg weighs what the reported cost charges for it, and a transit-state cost on
every road border crossing). A sea leg is a direct port-to-port leg: transshipment at hubs
is not modelled. Reported costs are recomputed exactly on the
chosen route (:meth:`TransportGraph.breakdown`).

The package: :mod:`~hgmap.network.base` (modes, node kinds, default distances, helpers),
:mod:`~hgmap.network.graph` (:class:`TransportGraph`) and :mod:`~hgmap.network.build`
(:func:`build_graph`, the on-disk cache).
"""

# Re-exported: the package's public names (``__all__``) and the constants and helpers the
# rest of hgmap imports from ``hgmap.network``.
from ..geo import split_antimeridian
from .base import (  # noqa: F401
    ACCESS, DEFAULT_CIRCUITY, DEFAULT_MAX_JOIN_KM, DEFAULT_MAX_SNAP_KM, DEFAULT_RESTRICTIONS, GEOD, KIND_FACILITY,
    KIND_ORIGIN, KIND_PORT, KIND_ROAD, KIND_SEA, KINDS, LAND, MODES, PORT_BESIDE_ROAD_KM, ROAD, ROADLESS_PORT_KM, SEA,
    TERRITORIAL_SEA_KM,
    UNTAGGED_PASSAGES, Objective, _roads, _state_of, cache_dir, closed_borders, geodesic_km, road_links)
from .build import _MEMO, build_graph, load_origin_points, port_table  # noqa: F401
from .graph import TransportGraph

__all__ = [
    "ACCESS",
    "DEFAULT_CIRCUITY",
    "DEFAULT_MAX_JOIN_KM",
    "DEFAULT_MAX_SNAP_KM",
    "LAND",
    "MODES",
    "ROAD",
    "PORT_BESIDE_ROAD_KM",
    "ROADLESS_PORT_KM",
    "SEA",
    "Objective",
    "TransportGraph",
    "build_graph",
    "cache_dir",
    "closed_borders",
    "geodesic_km",
    "load_origin_points",
    "port_table",
    "road_links",
    "split_antimeridian",
]
