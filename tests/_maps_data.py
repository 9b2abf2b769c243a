"""The map tests' hand-built inputs (``tests/data/maps/fixtures.py``), loaded in one place
for every map test module (``from ._maps_data import fx``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("maps_fixtures", Path(__file__).parent / "data" / "maps" / "fixtures.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)
