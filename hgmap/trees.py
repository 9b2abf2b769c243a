"""Facility search trees: one Dijkstra per facility on the transport graph, cached.

A tree holds, for every node of the graph, the search weight of the best route from the
facility (km, or USD/t with the cost objective) and the node's predecessor on it. It
depends on the base graph, the facility's joins to it (where it is), the State it is in
(the border into that State is the import, not a transit, so it carries no transit-state
cost), the objective and the cost weights; not on the law, statuses or dates, nor on the
other facilities (facility edges run out of a facility only, so no search passes through
another one). Trees are therefore kept *per facility*: a catalogue that adds one facility
to the shipped ones searches once, not a hundred times.

The cache is on disk (beside the graph cache, :func:`hgmap.network.cache_dir`): one pair
of ``.npy`` rows per facility in a folder per base graph, objective and weights, so
another process (a second command, the examples) starts in a second instead of half a
minute. In process, :class:`hgmap.access.AccessModel` keeps the assembled arrays.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
from scipy.sparse.csgraph import dijkstra

from ._parallel import fork, workers
from .network import KIND_FACILITY, Objective, TransportGraph, cache_dir

__all__ = ["NO_PRED", "cache_folder", "facility_keys", "facility_trees", "km_key", "load_reroutes", "parse_key",
           "reroute_key", "save_reroutes"]

log = logging.getLogger(__name__)

#: csgraph's predecessor of a source or an unreached node.
NO_PRED = -9999
# On disk a row's own facility node is stored as this marker (its index depends on the
# facility's position in the catalogue).
_OWN = -2
_FORMAT = 3
_MAX_DIRS = 4
# Fewer searches than this are not worth a second process.
_PARALLEL_MIN = 8


def _graph_digest(base: TransportGraph) -> str:
    """Every node and edge of the base graph (computed once per graph object)."""
    if "digest" not in base._csrs:
        h = hashlib.sha256(f"{_FORMAT}:".encode())
        for arr in (base.node_lon, base.node_lat, base.node_kind, base.edge_u, base.edge_v, base.edge_km,
                    base.edge_mode):
            h.update(np.ascontiguousarray(arr).tobytes())
        h.update("|".join(base.node_country.astype(str)).encode())
        base._csrs["digest"] = h.hexdigest()[:20]
    return base._csrs["digest"]


def _folder_digest(base: TransportGraph, objective: Objective, weights: dict) -> str:
    h = hashlib.sha256(f"{_graph_digest(base)}:{objective}:{sorted(weights.items())!r}".encode())
    h.update(Path(__file__).read_bytes())  # the search itself is an input
    # So is how an edge's weight is computed (TransportGraph.weights / csr_into): a changed
    # weight on the same nodes and edges must not read old trees.
    # So are the lanes over land (network/passages.py), which the re-routes kept here cut.
    for part in ("graph.py", "passages.py"):
        h.update((Path(__file__).parent / "network" / part).read_bytes())
    return h.hexdigest()[:20]


def cache_folder(base: TransportGraph, objective: Objective, costs) -> Path:
    """The on-disk folder of the trees (and re-routes) of ``base``, ``objective`` and ``costs``."""
    return cache_dir() / f"trees-{_folder_digest(base, objective, costs.weights('mid'))}"


def facility_keys(graph: TransportGraph, n0: int, fac_nodes: np.ndarray, states: list[str]) -> list[str]:
    """Per facility, what its searches depend on: its joins to the base graph (node, km)
    and its State (see :func:`facility_trees`)."""
    u, v, km = graph.edge_u, graph.edge_v, graph.edge_km
    out_edges = np.flatnonzero(graph.node_kind[u] == KIND_FACILITY)
    by_node: dict[int, list[tuple[int, float]]] = {}
    for e in out_edges.tolist():
        by_node.setdefault(int(u[e]), []).append((int(v[e]), round(float(km[e]), 9)))
    keys = []
    for node, st in zip(fac_nodes.tolist(), states):
        joins = sorted(by_node.get(node, []))
        if any(t >= n0 for t, _ in joins):
            raise ValueError("a facility joins another facility; trees assume facilities join the base graph")
        keys.append(hashlib.sha256(f"{st}:{joins!r}".encode()).hexdigest()[:24])
    return keys


def _read_row(folder: Path, key: str) -> tuple[np.ndarray, np.ndarray] | None:
    try:
        return (np.load(folder / f"{key}.w.npy", mmap_mode="r"), np.load(folder / f"{key}.p.npy", mmap_mode="r"))
    except (OSError, ValueError):
        return None


def _write_rows(folder: Path, rows: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
    base = folder.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for key, (w, p) in rows.items():
            for suffix, arr in ((".w.npy", w), (".p.npy", p)):
                fd, tmp = tempfile.mkstemp(prefix=f".{key}", suffix=".npy", dir=folder)
                with os.fdopen(fd, "wb") as fh:
                    np.save(fh, arr)
                os.replace(tmp, folder / f"{key}{suffix}")
        os.utime(folder)
        old = sorted(base.glob("trees-*"), key=lambda p: p.stat().st_mtime)[:-_MAX_DIRS]
        for p in old:
            shutil.rmtree(p, ignore_errors=True)
    except OSError as exc:  # a cache that cannot be written only costs time
        log.warning("cannot write the search-tree cache in %s: %s", folder, exc)


def _search(graph: TransportGraph, n0: int, fac_nodes: np.ndarray, states: list[str], first: dict[str, int],
            keys: list[str], objective: Objective, costs) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Rows (base-graph part, own node as the marker) of the facilities ``keys``, one
    Dijkstra call per State."""
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for st in dict.fromkeys(states[first[k]] for k in keys):
        ks = [k for k in keys if states[first[k]] == st]
        d, p = dijkstra(graph.csr_into(st, objective, costs), directed=True,
                        indices=fac_nodes[[first[k] for k in ks]], return_predecessors=True)
        for j, k in enumerate(ks):
            own = int(fac_nodes[first[k]])
            p_row = p[j, :n0].astype(np.int32)
            p_row[p_row == own] = _OWN
            out[k] = (d[j, :n0].astype(np.float32), p_row)
    return out


def facility_trees(graph: TransportGraph, base: TransportGraph, fac_nodes: np.ndarray, states: list[str], *,
                   objective: Objective, costs, keys: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Search weights (float32) and predecessors (int32), facilities x nodes of ``graph``.

    Parameters
    ----------
    graph
        ``base`` with the facilities joined (:meth:`TransportGraph.with_facilities`).
    base
        The base graph (the trees' cache is per base graph).
    fac_nodes, states
        Each facility's node in ``graph`` and its State.
    objective, costs
        The search weight.
    keys
        :func:`facility_keys` of these facilities, when the caller has them.

    Each call assembles the rows from the disk cache (searching what is missing); keeping
    the arrays in process is the caller's business (:class:`hgmap.access.AccessModel`
    shares them between models of the same facility places).
    """
    n0, n = base.n_nodes, graph.n_nodes
    folder = cache_folder(base, objective, costs)
    keys = facility_keys(graph, n0, fac_nodes, states) if keys is None else keys
    # Every row's base part is written below; only the facility columns need filling.
    wdist = np.empty((len(fac_nodes), n), np.float32)
    pred = np.empty((len(fac_nodes), n), np.int32)
    wdist[:, n0:] = np.inf
    pred[:, n0:] = NO_PRED
    todo: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        row = None if key in todo else _read_row(folder, key)
        if row is None or len(row[0]) != n0:
            todo.setdefault(key, []).append(i)
            continue
        wdist[i, :n0] = row[0]
        pred[i, :n0] = row[1]
    done = len(keys) - sum(len(v) for v in todo.values())
    if todo:
        log.info("searching from %d facilities (%d read from the cache)", len(todo), done)
        first = {k: idx[0] for k, idx in todo.items()}
        keys_todo = list(first)
        # Half of the searches in a forked process when there are many and two cores: the
        # child writes its rows to the cache folder, the parent reads them back. Whatever
        # the child does not deliver the parent searches itself.
        child = None
        if len(keys_todo) >= _PARALLEL_MIN and workers() > 1:
            half = keys_todo[len(keys_todo) // 2:]
            keys_todo = keys_todo[: len(keys_todo) // 2]
            child = fork(lambda: _write_rows(folder, _search(graph, n0, fac_nodes, states, first, half,
                                                                objective, costs)))
        new = _search(graph, n0, fac_nodes, states, first, keys_todo, objective, costs)
        if child is not None:
            child.join()
            for k in half:
                row = _read_row(folder, k) if child.exitcode == 0 else None
                if row is None or len(row[0]) != n0:
                    log.info("search-tree worker delivered no row for %s; searching here", k)
                    new.update(_search(graph, n0, fac_nodes, states, first, [k], objective, costs))
                else:
                    new[k] = (np.asarray(row[0]), np.asarray(row[1]))
        for k, (w_row, p_row) in new.items():
            for i in todo[k]:
                wdist[i, :n0] = w_row
                pred[i, :n0] = p_row
        _write_rows(folder, {k: v for k, v in new.items() if child is None or k not in half})
    # Each facility's own node: the source of its tree (the marker on disk).
    for i, node in enumerate(fac_nodes.tolist()):
        wdist[i, node] = 0.0
        row = pred[i, :n0]
        row[row == _OWN] = node
    return wdist, pred


# -- re-routes ---------------------------------------------------------------------------
# A re-route is a search with some States cut off (a transit ban, ``avoid``) or with land
# only in the origin and destination States (``sea_only``). Its tree is used at a few
# nodes only (the origins), so what is kept on disk is, per facility key, cut, mode and
# node, the search weight there and the path (the facility's own node as the marker).
_REROUTES = "reroutes.npz"


def reroute_key(fkey: str, avoid: frozenset[str], sea_only: bool, node: int) -> str:
    """The on-disk key of a re-route of facility key ``fkey`` to ``node``."""
    return f"{fkey}|{','.join(sorted(avoid))}|{int(sea_only)}|{node}"


def km_key(fkey: str, node: int) -> str:
    """The on-disk key of the km along facility key ``fkey``'s tree to ``node``."""
    return f"km|{fkey}|{node}"


def parse_key(key: str) -> tuple:
    """``("km", fkey, node)`` or ``("reroute", fkey, cut, sea_only, node)`` from a key of
    :func:`km_key` or :func:`reroute_key`."""
    if key.startswith("km|"):
        _, fkey, node = key.split("|")
        return "km", fkey, int(node)
    fkey, cut, sea_only, node = key.split("|")
    return "reroute", fkey, frozenset(filter(None, cut.split(","))), sea_only == "1", int(node)


def load_reroutes(folder: Path) -> dict[str, tuple[float, np.ndarray | None]]:
    """Re-routes kept in ``folder`` (empty when there are none or the file is unreadable)."""
    try:
        with np.load(folder / _REROUTES, allow_pickle=False) as z:
            keys, weight, offsets, nodes = z["keys"].tolist(), z["weight"], z["offsets"], z["nodes"]
    except (OSError, ValueError, KeyError):
        return {}
    out = {}
    for i, k in enumerate(keys):
        a, b = int(offsets[i]), int(offsets[i + 1])
        out[k] = (float(weight[i]), None if a == b else nodes[a:b])
    return out


def save_reroutes(folder: Path, new: dict[str, tuple[float, np.ndarray | None]]) -> None:
    """Add ``new`` to the re-routes kept in ``folder`` (atomically; a lost race only costs time)."""
    if not new:
        return
    merged = {**load_reroutes(folder), **new}
    keys = list(merged)
    paths = [merged[k][1] for k in keys]
    lengths = [0 if p is None else len(p) for p in paths]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".reroutes", suffix=".npz", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, keys=np.asarray(keys, dtype=str), weight=np.asarray([merged[k][0] for k in keys], float),
                     offsets=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
                     nodes=np.concatenate([np.asarray(p, np.int64) for p in paths if p is not None]
                                          or [np.empty(0, np.int64)]))
        os.replace(tmp, folder / _REROUTES)
    except OSError as exc:
        log.warning("cannot write the re-route cache in %s: %s", folder, exc)
