"""The garbage collector paused around allocation-heavy work.

A world solve creates ~10^5 small objects (rows, reasons, legs) while the model keeps
~10^5 more (routes, re-routes, decisions); each full collection the allocations trigger
walks all of them, which took a quarter of a world solve (1.4-1.8 s against 1.0-1.1 s
with collection paused, measured on the shipped data). The work makes no reference cycles
worth collecting before it ends; collection resumes, as it was, when it does.

What a large piece of work leaves behind (the rows of 100,000 user points: ~10^6 objects)
would then be walked by the next young collections, and again by the middle one, before
it reaches the oldest generation: 3.3 s of the 28.8 s that 100,000 points x ten streams
took (``gc.callbacks``, ``benchmarks/bench_routes.py``'s workload). Results and caches hold
no reference cycles (dropping a world or a 5,000-point result frees nothing cyclic), so
those survivors are moved out of the collector's reach at once (:func:`gc.freeze`); they
are still freed by reference counting when dropped. Nothing here unfreezes: the run's
second process (:mod:`hgmap._parallel`) freezes the parent's objects so that no collection
copies the pages it shares with the child, and a solve in the meantime (the report's
what-if search) must not give them back. Smaller work leaves the generations as they are.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]

#: Net new tracked objects above which the survivors skip the young generations.
_FREEZE_ABOVE = 200_000


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause automatic garbage collection for the ``with`` block (nested use is safe)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if gc.get_count()[0] > _FREEZE_ABOVE:
                gc.freeze()
            gc.enable()
