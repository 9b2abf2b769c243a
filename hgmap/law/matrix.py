"""The legal status of every origin x destination pair: :func:`matrix` and :class:`LegalMatrix`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from ..errors import UnknownCountryError
from ..vocab import check_operation, check_stream
from .decision import Decision, decide, sea_passage_codes
from .rules import PAIR_RULES, PROHIBITED, RULE_IDS, STATUSES, Ctx, status_codes
from .scenario import Scenario
from .state import State, check_code, get_state, resolve_date, resolve_scenario
from .transit import transit_masks, transit_skip

__all__ = ["LegalMatrix", "matrix", "matrix_for"]


class LegalMatrix:
    """Legal status of every origin x destination pair for one stream and operation.

    Attributes
    ----------
    codes
        ISO3 codes of the countries layer (row and column order).
    index
        ``{iso3: position}``.
    status
        ``int8`` array (n x n); values index :data:`STATUSES`.
    allowed
        ``bool`` array: ``status != prohibited``.
    """

    def __init__(self, state: State, stream: str, operation: str, codes: tuple[str, ...],
                 status: np.ndarray, bits: np.ndarray) -> None:
        self._state = state
        self.stream, self.operation = stream, operation
        self.as_of = state.as_of
        self.scenario = state.scenario.name if state.scenario else None
        self.codes = codes
        self.index = {c: i for i, c in enumerate(codes)}
        self._pos = np.array([state.idx(c) for c in codes], dtype=np.int32)
        self.status = status
        self.allowed = status != PROHIBITED
        self.allowed.setflags(write=False)
        self._bits = bits

    def __repr__(self) -> str:
        return (f"LegalMatrix(stream={self.stream!r}, operation={self.operation!r}, "
                f"as_of={self.as_of.isoformat()!r}, n={len(self.codes)})")

    def _ij(self, origin: str, destination: str) -> tuple[int, int]:
        try:
            return self.index[origin], self.index[destination]
        except KeyError as exc:
            msg = f"{exc.args[0]!r} is not in the matrix's country list"
            raise UnknownCountryError(msg) from None

    def status_name(self, origin: str, destination: str) -> str:
        """The status of one pair, as :func:`assess` would return it (without transit)."""
        i, j = self._ij(origin, destination)
        return STATUSES[int(self.status[i, j])]

    def rules(self, origin: str, destination: str) -> tuple[str, ...]:
        """Ids of the rules that prohibit the pair (empty when it is not prohibited)."""
        i, j = self._ij(origin, destination)
        bits = int(self._bits[i, j])
        return tuple(rid for k, rid in enumerate(RULE_IDS) if bits >> k & 1)

    def transit_blockers(self, origin: str, destination: str, via: Iterable[str], *,
                         sea_passage: Iterable[str] = ()) -> dict[str, tuple[str, ...]]:
        """Transit States that prohibit the movement, with their rule ids (others omitted).

        ``sea_passage``: the via States the route passes only through their territorial sea
        (the Izmir Protocol's transit ban does not reach them, Art 6(4)); codes not in
        ``via`` are ignored.
        """
        s = self._state
        io, id_ = s.idx(origin), s.idx(destination)
        sea = frozenset(sea_passage)
        out: dict[str, tuple[str, ...]] = {}
        masks = transit_masks(s, self.stream, self.operation)
        for t in via:
            it = s.index.get(t)
            if it is None or transit_skip(s, io, id_, it):
                continue
            hits = tuple(dict.fromkeys(m.rule_id for m in masks if m.transit[it] and m.origins[io]
                                       and m.destinations[id_] and not (m.sea_exempt and t in sea)))
            if hits:
                out[t] = hits
        return out

    def decision(self, origin: str, destination: str, *, via: Iterable[str] = (),
                 sea_passage: Iterable[str] = ()) -> Decision:
        """The full :class:`Decision` for one pair (same date and scenario)."""
        s = self._state
        o, d = check_code(s, origin, "origin"), check_code(s, destination, "destination")
        via_codes = tuple(check_code(s, t, "via") for t in via)
        return decide(s, o, d, self.stream, self.operation, via_codes,
                      sea_passage_codes(s, via_codes, sea_passage))


def matrix_for(state: State, stream: str, operation: str) -> LegalMatrix:
    key = ("matrix", stream, operation)
    if key in state.cache:
        return state.cache[key]
    pos = np.array([state.idx(c) for c in state.matrix_codes], dtype=np.int32)
    O, D = pos[:, None], pos[None, :]
    c = Ctx(state, O, D, stream, operation)
    bits = np.zeros((len(pos), len(pos)), dtype=np.int32)
    for k, rule in enumerate(PAIR_RULES):
        m = rule.mask(c)  # type: ignore[misc]
        if m is not None:
            bits |= np.broadcast_to(m, bits.shape).astype(np.int32) << k
    bits[~np.broadcast_to(c.diff, bits.shape)] = 0
    status = status_codes(c, bits != 0)
    status = np.broadcast_to(status, bits.shape).copy()
    status.setflags(write=False)
    bits.setflags(write=False)
    out = LegalMatrix(state, stream, operation, state.matrix_codes, status, bits)
    state.cache[key] = out
    return out


def matrix(stream: str, operation: str, *, as_of: str | dt.date | None = None,
           scenario: str | Path | Scenario | None = None) -> LegalMatrix:
    """Status of every origin x destination pair of the countries layer.

    Vectorised (one boolean mask per rule) and cached per (date, scenario, stream,
    operation); :meth:`LegalMatrix.status_name` equals ``assess(...).status``.

    Parameters
    ----------
    stream, operation
        As for :func:`assess`.
    as_of, scenario
        As for :func:`assess`.

    Returns
    -------
    LegalMatrix
    """
    check_stream(stream)
    check_operation(operation)
    state = get_state(resolve_date(as_of), resolve_scenario(scenario))
    return matrix_for(state, stream, operation)
