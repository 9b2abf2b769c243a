"""km along the facility search trees: the trees are searched by the objective (USD/t with
the cost objective), so the km a row shows are walked back along each tree path.

:class:`TreeKm` is mixed into :class:`hgmap.routing.RouteSearch`; it uses its ``wdist``,
``pred``, ``fac_nodes``, ``graph``, ``objective``, ``costs``, ``_fkeys``, ``_km_cols``,
``_caches``, ``_origin_node_set`` and ``_disk_store``.

Walks share a memo (facilities x nodes: km from the facility of every node a walk has
passed) and stop at the first node it holds; the km are summed from the facility down, so
a node's km does not depend on which walk reached it first (the order of the solves).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from .trees import km_key

__all__ = ["TreeKm"]

log = logging.getLogger(__name__)

#: Nodes walked at once by :meth:`TreeKm.km_at` (and as many walkers by
#: :meth:`TreeKm._km_pairs`): the walks of one call stop only at earlier calls' trails.
_WALK_CHUNK = 16


class TreeKm:
    """km along the search trees (mixed into :class:`hgmap.routing.RouteSearch`)."""

    def km_at(self, nodes: Sequence[int]) -> np.ndarray:
        """km along every facility's search tree to each of ``nodes`` (facilities x nodes;
        ``inf`` where unreachable). With the distance objective this is the search weight
        itself; with the cost objective the tree paths are walked back to the facility,
        :data:`_WALK_CHUNK` nodes at a time, and the columns are kept for the next call."""
        nodes = np.asarray(nodes, np.int64).ravel()
        if self.objective == "distance":
            return np.asarray(self.wdist[:, nodes], float)
        todo = self._columns_to_walk(nodes.tolist())
        if todo:
            self._keep_columns(todo, self._walk_columns(np.arange(len(self.fac_nodes)), todo))
        if not len(nodes):
            return np.empty((len(self.fac_nodes), 0))
        return np.column_stack([self._km_cols[int(n)] for n in nodes])

    def origin_km_beside(self) -> None:
        """Walk the km columns of the country origins before a solve asks for them, half of
        the facilities in a forked child (the cost objective, two workers, and columns not
        on disk: a model's first solve after its searches). A node's km do not depend on
        which walk reached it first (:meth:`_walk_pairs`), nor on the other facilities', so
        the columns are those :meth:`km_at` would walk; ~1 s of a cold world solve becomes
        half of it."""
        from ._parallel import Background, workers

        if self.objective == "distance" or workers() < 2 or len(self.fac_nodes) < 2:
            return
        todo = self._columns_to_walk(self._origin_node_set)
        if len(todo) < _WALK_CHUNK:
            return
        n_f = len(self.fac_nodes)
        mine, theirs = np.arange(n_f // 2), np.arange(n_f // 2, n_f)
        child = Background(lambda: self._walk_columns(theirs, todo))
        try:
            km_mine = self._walk_columns(mine, todo)
        except BaseException:
            child.cancel()
            raise
        try:
            km_theirs = child.result()
        except Exception as exc:  # noqa: BLE001 - a child that died (memory) costs only time
            log.info("km walk worker failed (%s); walking its facilities here", exc)
            km_theirs = self._walk_columns(theirs, todo)
        self._keep_columns(todo, np.vstack([km_mine, km_theirs]))

    def _columns_to_walk(self, nodes) -> list[int]:
        """Of ``nodes``, those whose km column is neither kept nor on disk (every facility's),
        sorted: neighbours in the graph's numbering share their trails. Columns found on
        disk are kept."""
        todo = [n for n in dict.fromkeys(nodes) if n not in self._km_cols]
        if todo:
            _, disk = self._disk_store()
            left = []
            for n in todo:
                col = [disk.get((k, n)) for k in self._fkeys]
                if None in col:
                    left.append(n)
                else:
                    self._km_cols[n] = np.asarray(col, float)
            todo = left
        return sorted(todo)

    def _walk_columns(self, fac: np.ndarray, todo: Sequence[int]) -> np.ndarray:
        """km (``fac`` x ``todo``) walked back along the trees, :data:`_WALK_CHUNK` nodes at a
        time: the walks of one call stop only at earlier calls' trails, so 15,747 nodes at
        once walked 60 s, not 3."""
        out = np.empty((len(fac), len(todo)))
        for c in range(0, len(todo), _WALK_CHUNK):
            todo_a = np.asarray(todo[c: c + _WALK_CHUNK], np.int64)
            km = self._walk_pairs(np.repeat(fac, len(todo_a)), np.tile(todo_a, len(fac)))
            out[:, c: c + len(todo_a)] = km.reshape(len(fac), len(todo_a))
        return out

    def _keep_columns(self, todo: Sequence[int], km: np.ndarray) -> None:
        """Keep walked columns (facilities x ``todo``); the country origins' also on disk
        (queued with the new re-routes, written after the solve; user points vary)."""
        new, origins = self._caches["reroutes_new"], self._origin_node_set
        for j, n in enumerate(todo):
            col = km[:, j]
            self._km_cols[int(n)] = col
            if n in origins:
                for i, k in enumerate(self._fkeys):
                    new[km_key(k, int(n))] = (float(col[i]), None)

    def _km_pairs(self, fac: np.ndarray, nodes: np.ndarray) -> np.ndarray:
        """km along facility ``fac[i]``'s search tree to ``nodes[i]``, pair by pair (``inf``
        where unreachable): :meth:`km_at` for only the pairs asked. The country origins'
        columns come from :meth:`km_at` (kept on disk); other pairs are walked, a few
        nodes' worth at a time in node order, and not kept as columns."""
        fac, nodes = np.asarray(fac, np.int64), np.asarray(nodes, np.int64)
        if self.objective == "distance":
            return np.asarray(self.wdist[fac, nodes], float)
        out = np.empty(len(fac))
        origins = self._origin_node_set
        as_cols = np.fromiter((n in self._km_cols or n in origins for n in nodes.tolist()), bool, len(nodes))
        if as_cols.any():
            at = np.flatnonzero(as_cols)
            uniq, inv = np.unique(nodes[at], return_inverse=True)
            out[at] = self.km_at(uniq)[fac[at], inv]
        rest = np.flatnonzero(~as_cols)
        rest = rest[np.argsort(nodes[rest], kind="stable")]
        step = _WALK_CHUNK * len(self.fac_nodes)  # as many walkers as km_at's chunks
        for c in range(0, len(rest), step):
            sel = rest[c: c + step]
            out[sel] = self._walk_pairs(fac[sel], nodes[sel])
        return out

    def _walk_pairs(self, f: np.ndarray, cur: np.ndarray) -> np.ndarray:
        """km of each (facility ``f[i]``, node ``cur[i]``) walked back along the trees, all
        walkers at once. A walk stops at the facility or at the first node a walk has
        passed before (the memo: paths to nearby points share almost all of it); the km are
        then summed from the top down, each node's its parent's plus its edge, so a node's
        km is the same whichever walk reached it first."""
        memo = self._caches.get("km_memo")
        if memo is None:
            memo = self._caches["km_memo"] = (np.zeros(self.wdist.shape, bool), np.empty(self.wdist.shape))
        known, val = memo
        cur = np.array(cur, np.int64)  # walked in place
        km = np.zeros(len(f))  # km from the facility where each walk stops (0: at the facility)
        ok = np.isfinite(self.wdist[f, cur])
        live = np.flatnonzero(ok & (cur != self.fac_nodes[f]))
        trail_w, trail_n, trail_e = [], [], []
        while len(live):
            hit = known[f[live], cur[live]]
            if hit.any():
                done = live[hit]
                km[done] = val[f[done], cur[done]]
                live = live[~hit]
                if not len(live):
                    break
            parent = self.pred[f[live], cur[live]].astype(np.int64)
            trail_w.append(live)
            trail_n.append(cur[live])  # fancy indexing copies already
            trail_e.append(self.graph.edge_km[self.graph._edge_ids(parent, cur[live], self.objective, self.costs)])
            cur[live] = parent
            live = live[parent != self.fac_nodes[f[live]]]
        for w, nd, e in zip(trail_w[::-1], trail_n[::-1], trail_e[::-1]):  # top down
            km[w] += e
            val[f[w], nd] = km[w]
            known[f[w], nd] = True
        km[~ok] = np.inf
        return km
