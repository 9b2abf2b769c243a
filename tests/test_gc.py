"""The collector paused around heavy work (``hgmap._gc``): what a large piece of work keeps
skips the young generations; nothing frozen by someone else is given back."""

from __future__ import annotations

import gc

from hgmap._gc import paused_gc


def _survivors(n: int) -> list[list[int]]:
    return [[i] for i in range(n)]  # lists are always tracked by the collector


def test_large_work_freezes_its_survivors_and_keeps_what_others_froze():
    gc.unfreeze()
    try:
        with paused_gc():
            assert not gc.isenabled()
            kept = _survivors(300_000)  # net new tracked objects above the threshold
        frozen = gc.get_freeze_count()
        assert gc.isenabled() and frozen >= len(kept)
        # Small work: frozen objects stay frozen (a fork's parent relies on it). A frozen object
        # that dies (a worker thread's) leaves the count, so the test is that none is given
        # back wholesale (gc.unfreeze() empties it), not that the count never drops by one.
        with paused_gc():
            assert gc.get_freeze_count() >= len(kept)
        assert gc.get_freeze_count() >= len(kept) and len(kept) == 300_000
    finally:
        gc.unfreeze()


def test_small_work_and_nested_use_leave_the_generations_as_they_are():
    gc.unfreeze()
    try:
        with paused_gc():
            small = _survivors(1_000)
            with paused_gc():  # nested: the outer block decides
                more = _survivors(300_000)
            assert not gc.isenabled() and gc.get_freeze_count() == 0
            del more
        assert gc.isenabled() and gc.get_freeze_count() == 0 and len(small) == 1_000
        gc.disable()
        try:
            with paused_gc():  # collection already off: left off, nothing frozen
                kept = _survivors(300_000)
            assert not gc.isenabled() and gc.get_freeze_count() == 0 and kept
        finally:
            gc.enable()
    finally:
        gc.unfreeze()
