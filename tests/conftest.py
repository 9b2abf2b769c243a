"""Shared fixtures. Tests never read ../shared: everything comes from the package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


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
