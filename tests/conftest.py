"""Shared fixtures. Tests never read ../shared: everything comes from the package.

Expensive objects are built once per session and shared: the transport graph
(``graph``), the access model of the shipped catalogue (``access_model``) and solved
results (``solved(stream, as_of=..., k=...)``, memoised). Tests that take more than a few
seconds carry the ``slow`` marker, so ``pytest -m "not slow"`` is the quick subset; the
list below marks those whose modules do not mark them yet.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

#: The date the shared solved results are read at (any fixed date: results must not move with today).
AS_OF = "2026-06-01"

#: Tests of more than ~1.5 s on the 2-core machine (pytest --durations), by node id prefix.
#: Prefer ``@pytest.mark.slow`` in the test module; this list covers modules not yet marked.
SLOW = (
    "tests/test_maps_browser.py::",  # headless Chromium
    "tests/test_examples.py::",  # each example is a subprocess with a cold interpreter
    "tests/test_maps.py::test_real_countries_world_map_fits_the_size_budget",
    # test_run's module fixture "done" is a whole run with the what-if search; the quick subset
    # keeps test_cli_run_and_errors (one stream, no what-if) as its run.
    "tests/test_run.py::test_outputs_exist_and_link",
    "tests/test_run.py::test_tables",
    "tests/test_run.py::test_summary",
    "tests/test_run.py::test_manifest_and_replay",
    "tests/test_run.py::test_interrupted_run_leaves_no_partial_file",  # tests/test_io.py tests _io directly
    "tests/test_run.py::test_replay_refuses_changed_inputs",
    "tests/test_report.py::test_html_maps_are_embedded_and_reproducible",
    "tests/test_report.py::test_two_runs_give_identical_files",
    "tests/test_network.py::test_territorial_sea_setting_names_coastal_states",
    "tests/test_access.py::test_solver_agrees_with_naive_baseline",
)


def pytest_collection_modifyitems(config, items):
    slow = pytest.mark.slow
    for item in items:
        node = item.nodeid.replace("\\", "/")
        if item.get_closest_marker("browser") or node.startswith(SLOW):
            item.add_marker(slow)


@pytest.fixture(scope="session", autouse=True)
def _graph_cache(tmp_path_factory):
    # Keep the on-disk graph cache inside the test session, never in the user's home.
    os.environ.setdefault("HGMAP_CACHE_DIR", str(tmp_path_factory.mktemp("hgmap-cache")))
    yield


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def countries():
    import hgmap

    return hgmap.load_countries()


@pytest.fixture(scope="session")
def graph():
    """The default transport graph (built once, from the on-disk cache when present)."""
    from hgmap.network import build_graph

    return build_graph()


@pytest.fixture(scope="session")
def access_model(graph):
    """One :class:`hgmap.AccessModel` of the shipped catalogue for the whole session.

    Treat it as read-only: ``solve`` caches routes inside it, which is what makes sharing
    it cheap.
    """
    from hgmap import AccessModel

    return AccessModel(graph=graph)


@pytest.fixture(scope="session")
def solved(access_model):
    """``solved("lamps", as_of=AS_OF, k=3)`` -> the result, solved once per session.

    Results are shared: copy before changing one.
    """
    cache: dict = {}

    def solve(stream: str, *, as_of: str = AS_OF, k: int = 3, origins: str = "all", operation=None):
        key = (stream, as_of, k, origins, operation)
        if key not in cache:
            cache[key] = access_model.solve(stream, as_of=as_of, k=k, origins=origins, operation=operation)
        return cache[key]

    return solve
