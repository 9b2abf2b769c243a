"""Shared fixtures. Tests never read ../shared: everything comes from the package.

Expensive objects are built once per session and shared: the transport graph
(``graph``), the access model of the shipped catalogue (``access_model``) and solved
results (``solved(stream, as_of=..., k=...)``, memoised). Tests that take more than a few
seconds carry the ``slow`` marker, so ``pytest -m "not slow"`` is the quick subset; the
list below marks those whose modules do not mark them yet.
"""

from __future__ import annotations

import contextlib
import fcntl
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
    "tests/test_run.py::test_interrupted_run_keeps_the_previous_set",  # tests/test_io.py tests _io directly
    "tests/test_run.py::test_check_outputs_finds_a_mixed_set",
    "tests/test_run.py::test_geopackage_is_reproducible",
    "tests/test_run.py::test_a_dossier_per_sids_and_language_linked_from_index_and_overview",
    "tests/test_routes.py::test_cli_routing_options",  # a second (distance) world model
    "tests/test_plan_example.py::",  # a subprocess with a cold interpreter
    "tests/test_hubs.py::test_a_hub_never_opens_a_final_destination_the_member_may_not_use",
    "tests/test_hubs.py::test_hubs_route_onward_to_a_user_catalogue",
    "tests/test_hubs.py::test_p1_pacific_hub_is_legal_for_both_legs",
    "tests/test_network.py::test_cache_written_and_invalidated_by_settings",  # builds two graphs
    "tests/test_routes.py::test_sea_only_and_max_transit",
    "tests/test_access.py::test_user_catalogue",  # a model of another catalogue (one new search)
    "tests/test_hubs.py::test_unserved_members_say_which_rule_blocks_them",
    "tests/test_run.py::test_replay_refuses_changed_inputs",
    "tests/test_report.py::test_html_maps_are_embedded_and_reproducible",
    "tests/test_report.py::test_two_runs_give_identical_files",
    "tests/test_network.py::test_territorial_sea_setting_names_coastal_states",
    "tests/test_access.py::test_solver_agrees_with_naive_baseline",
    "tests/test_access.py::test_rerouted_answers_agree_with_naive_baseline",
)


#: The modules that take longest (seconds on two workers, Dec 2026), run first: with
#: ``--dist loadfile`` a long module handed out last keeps one worker busy while the other
#: idles (longest first is the classic fix for that tail).
HEAVY_FIRST = ("test_access.py", "test_examples.py", "test_run.py", "test_trees.py", "test_maps_browser.py",
               "test_network.py", "test_hubs.py", "test_routes.py", "test_maps.py", "test_law_truth.py")


def pytest_collection_modifyitems(config, items):
    slow = pytest.mark.slow
    for item in items:
        node = item.nodeid.replace("\\", "/")
        if item.get_closest_marker("browser") or node.startswith(SLOW):
            item.add_marker(slow)
    rank = {name: i for i, name in enumerate(HEAVY_FIRST)}
    items.sort(key=lambda it: rank.get(it.nodeid.replace("\\", "/").split("::")[0].rsplit("/", 1)[-1], len(rank)))


def pytest_xdist_auto_num_workers(config):
    """``-n auto`` means at most two workers: each builds or reads a world model (~2 GB),
    and the searches themselves use a second core when they can."""
    return max(1, min(2, os.cpu_count() or 1))


@pytest.fixture(scope="session", autouse=True)
def _graph_cache(tmp_path_factory):
    # Keep the on-disk graph cache inside the test session, never in the user's home;
    # under pytest-xdist one cache for all workers (the root of the session's temp dirs).
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    cache = root / "hgmap-cache"
    cache.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("HGMAP_CACHE_DIR", str(cache))
    yield


@contextlib.contextmanager
def _cache_lock():
    """One worker builds the graph and the search trees; the other waits, then reads them."""
    path = Path(os.environ["HGMAP_CACHE_DIR"]) / ".build.lock"
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


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

    with _cache_lock():
        return build_graph()


@pytest.fixture(scope="session")
def access_model(graph):
    """One :class:`hgmap.AccessModel` of the shipped catalogue for the whole session.

    Treat it as read-only: ``solve`` caches routes inside it, which is what makes sharing
    it cheap.
    """
    from hgmap import AccessModel

    with _cache_lock():
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
