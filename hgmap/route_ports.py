"""The ports of a route: its port of loading and of discharge, and what a row must say about them.

A route's sea legs are direct port-to-port legs (``docs/routes.md``): transshipment at hubs is
not modelled. A port with no container terminal known (``data/ports.csv`` ``terminal`` 0 or
blank: searoute 1.6.0's UN/LOCODE-derived flag, the one :data:`hgmap.plan.hub_inputs.TERMINAL_REASONS`
reads) or one that sourced data say is served by feeders through a hub (``data/feeder_ports.csv``:
Funafuti via Suva) will most likely see the box carried by a feeder to a hub port first. That leg
is not priced: the row's cost is a lower bound and its ``transshipments`` 0 does not mean the box
is not transshipped. :func:`port_notes` says so, naming the port, in the row's ``route_notes``
(``likely`` for a flag 0 or a feeder-served port; ``may be needed`` for an unknown flag, which
searoute leaves blank for many large ports too).

The cost band is not widened for it: the only figure for such a leg (COSTS.md F_leg, 1,000-3,000
USD per TEU) is analyst judgment over unconverted currencies, so the row names the missing leg
instead of pricing it.
"""

from __future__ import annotations

import functools

import numpy as np

from ._io import data_path

__all__ = ["feeder_port", "port_info", "port_name", "port_notes", "route_ports"]

#: What a port's ``terminal`` flag says when it is not 1 (data/ports.csv).
_TERMINAL_WORDS = {"0": "no container terminal (data/ports.csv terminal = 0)",
                   "": "no container terminal known (data/ports.csv terminal unknown)"}
_NOT_PRICED = "a feeder or other leg to or from a hub port is likely and not priced (cost is a lower bound)"
#: A port whose flag is unknown may well have a terminal (searoute leaves many large ports blank).
_MAY_NEED = "a leg to or from a hub port may be needed and is not priced (cost may be a lower bound)"


@functools.lru_cache(maxsize=1)
def port_info() -> dict[str, tuple[str, str, str]]:
    """Per port id: (name, terminal flag ``1``/``0``/``""``, feeder sentence or ``""``)."""
    import pandas as pd

    from .ports import load_ports

    ports = load_ports()
    feeders = pd.read_csv(data_path("feeder_ports.csv"), dtype=str, keep_default_na=False)
    # No ";" in a note: the flat tables join a row's notes with it.
    feed = {r.port_id: f"served by feeders via {r.via}, {r.service.replace(';', ',')} ({r.source_url.split(' ; ')[0]}, "
                       f"confidence {r.confidence}, as of {r.as_of})" for r in feeders.itertuples()}
    return {str(p): (str(n), str(t), feed.get(str(p), ""))
            for p, n, t in zip(ports["port_id"], ports["name"], ports["terminal"])}


def route_ports(graph, path, edges) -> dict:
    """The sea legs' ports of a node path (origin first) and its ports of loading and discharge.

    Returns ``ports``: per sea leg of the path, in order (the runs of sea edges, as
    :meth:`hgmap.network.TransportGraph.breakdown` cuts its legs), the (from, to) port ids,
    ``None`` where the run does not start or end at a named port (a virtual port: the
    country has no port in the data); and ``loading``/``discharge``: the first leg's from
    port and the last leg's to port (None: no sea leg, or no named port).
    """
    from .network.base import KIND_PORT, SEA

    path = np.asarray(path, np.int64)
    if len(path) < 2 or edges is None or not len(edges):
        return {"ports": [], "loading": None, "discharge": None}
    sea = graph.edge_mode[edges] == SEA
    if not sea.any():
        return {"ports": [], "loading": None, "discharge": None}
    modes = graph.edge_mode[edges]
    cut = np.flatnonzero(np.diff(modes)) + 1
    starts = np.concatenate([[0], cut])
    ends = np.concatenate([cut, [len(modes)]])

    def label(node: int) -> str | None:
        if graph.node_kind[node] != KIND_PORT:
            return None
        lab = str(graph.node_label[node] or "")
        return None if not lab or lab.startswith("virtual:") else lab

    ports = [(label(int(path[s0])), label(int(path[s1])))
             for s0, s1 in zip(starts.tolist(), ends.tolist()) if modes[s0] == SEA]
    return {"ports": ports, "loading": ports[0][0] if ports else None,
            "discharge": ports[-1][1] if ports else None}


@functools.lru_cache(maxsize=1)
def _feeders() -> dict[str, tuple[str, str]]:
    import pandas as pd

    t = pd.read_csv(data_path("feeder_ports.csv"), dtype=str, keep_default_na=False)
    return {r.port_id: (r.via, r.source_url.split(" ; ")[0]) for r in t.itertuples()}


def feeder_port(port_id: str | None) -> tuple[str, str, str] | None:
    """Why a feeder leg from or to ``port_id`` is likely: ``(terminal flag, feeder via,
    source URL)`` (``via`` and the URL empty unless ``data/feeder_ports.csv`` names the
    port), or None when the port has a terminal and is not known to be feeder-served."""
    if port_id is None:
        return None
    _, terminal, _f = port_info().get(port_id, (port_id, "", ""))
    via, url = _feeders().get(port_id, ("", ""))
    if terminal == "1" and not via:
        return None
    return terminal, via, url


def port_name(port_id: str | None) -> str | None:
    """The port's name in ``data/ports.csv`` (None: no port)."""
    if port_id is None:
        return None
    return port_info().get(port_id, (port_id, "", ""))[0]


@functools.lru_cache(maxsize=4096)
def port_notes(loading: str | None, discharge: str | None, has_sea: bool = True) -> tuple[str, ...]:
    """What a row must say about its ports of loading and discharge: a port with no
    container terminal known or served by feeders (a feeder leg is likely and not
    priced), or a sea leg from or to no named port. ``has_sea``: the route uses the sea.
    A note holds no ``;`` (the flat tables join a row's notes with it)."""
    if not has_sea:
        return ()
    info = port_info()
    out = []
    for role, pid in (("loading", loading), ("discharge", discharge)):
        if pid is None:
            out.append(f"port of {role}: none named (the sea leg ends at a virtual port on the nearest lane: "
                       f"the country has no port in data/ports.csv), so {_NOT_PRICED}")
            continue
        name, terminal, feeder = info.get(pid, (pid, "", ""))
        why = []
        if terminal != "1":
            why.append(_TERMINAL_WORDS.get(terminal, _TERMINAL_WORDS[""]))
        if feeder:
            why.append(feeder)
        if why:
            then = _MAY_NEED if terminal not in ("0", "1") and not feeder else _NOT_PRICED
            out.append(f"port of {role} {pid} ({name}): {' and '.join(why)}, so {then}")
    return tuple(out)
