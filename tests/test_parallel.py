"""The second process: values and errors come back as if the work had run here."""

from __future__ import annotations

import os

import pytest

from hgmap._parallel import Background, workers
from hgmap.errors import DataError


def _fail():
    raise DataError("facilities.csv, row 3, field lat: 95 is outside [-90, 90]")


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle")


def _fail_unpicklable():
    raise _Unpicklable("a lock inside")


@pytest.mark.parametrize("inline", [False, True])
def test_value_and_error_come_back(inline):
    job = Background(lambda: (os.getpid(), {"maps": 1.5}), inline=inline)
    pid, timings = job.result()
    assert timings == {"maps": 1.5}
    assert (pid == os.getpid()) == (inline or workers() == 1)
    with pytest.raises(DataError, match="row 3, field lat"):
        Background(_fail, inline=inline).result()


def test_an_error_that_cannot_travel_is_named():
    if workers() == 1:
        pytest.skip("one worker: the work runs here and its own exception is raised")
    with pytest.raises(RuntimeError, match="_Unpicklable: a lock inside"):
        Background(_fail_unpicklable).result()


def test_one_worker_keeps_the_work_here(monkeypatch):
    monkeypatch.setenv("HGMAP_WORKERS", "1")
    assert workers() == 1
    assert Background(os.getpid).result() == os.getpid()


def test_cancel_stops_the_child():
    import time

    if workers() == 1:
        pytest.skip("one worker: no child to stop")
    job = Background(lambda: time.sleep(30))
    job.cancel()  # returns at once, the child is gone
    job.cancel()  # and a second call does nothing
