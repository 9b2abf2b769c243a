"""A second process on a two-core machine: forked, so it shares the graph, the searches
and the results instead of copying them.

Used by the facility searches (:mod:`hgmap.trees`) and by :func:`hgmap.run.run`, which
writes the tables and maps in a child while it writes the report and the dossiers.
``HGMAP_WORKERS=1`` keeps everything in one process; where ``fork`` is unavailable
(Windows) the work runs in the calling process, in the same order.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

__all__ = ["Background", "fork", "workers"]


def workers() -> int:
    """Processes to use: ``HGMAP_WORKERS`` if set, else up to two cores."""
    raw = os.environ.get("HGMAP_WORKERS", "")
    if raw.strip().isdigit() and int(raw) >= 1:
        return int(raw)
    return min(2, os.cpu_count() or 1)


def fork(work: Callable[[], Any]):
    """Start ``work`` in a forked child (its result is not returned: the child writes
    files); ``None`` where fork is unavailable."""
    import multiprocessing as mp

    try:
        proc = mp.get_context("fork").Process(target=work, daemon=True)
        proc.start()
    except (ValueError, OSError) as exc:
        log.info("no worker process (%s); working in one", exc)
        return None
    return proc


def _freeze() -> None:
    """Move every object the collector tracks out of its reach before a fork: a collection
    in either process would otherwise write to the headers of the shared objects (the
    graph, the searches, the solved rows) and copy their pages, which made the run's
    second process cost the parent ~2 s (Python's ``gc.freeze`` documentation gives the
    same advice). :func:`_thaw` gives them back once the child is done."""
    gc.freeze()


def _thaw() -> None:
    gc.unfreeze()


class Background:
    """``work()`` in a forked child when there is a second worker (and not ``inline``),
    else at once here; :meth:`result` returns its value or raises its exception, in
    either case.

    The value and the exception travel back pickled; an exception that cannot be
    pickled comes back as a :class:`RuntimeError` naming it.
    """

    def __init__(self, work: Callable[[], Any], *, inline: bool = False) -> None:
        self._proc = self._conn = None
        self._value: Any = None
        self._error: BaseException | None = None
        if workers() > 1 and not inline:
            import multiprocessing as mp

            try:
                ctx = mp.get_context("fork")
                self._conn, child = ctx.Pipe(duplex=False)
                self._proc = ctx.Process(target=_child, args=(work, child), daemon=True)
                _freeze()
                self._proc.start()
                child.close()
                return
            except (ValueError, OSError) as exc:
                log.info("no worker process (%s); working in one", exc)
                self._proc = self._conn = None
        try:
            self._value = work()
        except Exception as exc:  # noqa: BLE001 - re-raised by result(), as in the child case
            self._error = exc

    def result(self) -> Any:
        """The value of ``work()`` (waiting for the child), or its exception raised here."""
        if self._proc is not None:
            try:
                status, payload = self._conn.recv()
            except EOFError:
                self._proc.join()
                status, payload = "error", RuntimeError(f"the worker process ended with code {self._proc.exitcode}")
            self._proc.join()
            self._conn.close()
            self._proc = None
            _thaw()
            if status == "ok":
                self._value = payload
            else:
                self._error = payload
        if self._error is not None:
            raise self._error
        return self._value

    def cancel(self) -> None:
        """Stop the child (when the caller fails before it needs the result)."""
        if self._proc is not None:
            self._proc.terminate()
            self._proc.join()
            self._conn.close()
            self._proc = None
            _thaw()


def _child(work: Callable[[], Any], conn) -> None:
    try:
        out = ("ok", work())
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        out = ("error", exc)
    try:
        conn.send(out)
    except Exception:  # noqa: BLE001 - an unpicklable value or exception
        conn.send(("error", RuntimeError(f"{type(out[1]).__name__}: {out[1]}")))
    finally:
        conn.close()
