"""Review 22 (new user): example 01 says how it ranks, and its map works offline."""

from __future__ import annotations

import importlib.util
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "01_pacific_lamps.py"


def _example():
    spec = importlib.util.spec_from_file_location("pacific_lamps", EXAMPLE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_example_01_ranks_by_cost_and_its_map_works_offline(tmp_path, capsys, monkeypatch):
    """It printed "the 3 nearest" although it ranks by estimated transport cost, and its
    default map loaded Leaflet from a CDN, against "every page works offline"."""
    mod = _example()
    monkeypatch.setattr(mod, "ORIGINS", ["FJI", "TUV"])
    paths = mod.run(tmp_path)
    out = capsys.readouterr().out
    assert "nearest" not in out and "by estimated transport cost, lowest first" in out
    page = paths["map"].read_text(encoding="utf-8")
    assert "unpkg.com" not in page and "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert "mercury-containing lamps" in page.lower() and "by estimated transport cost" in page
    readme = (EXAMPLE.parent / "README.md").read_text(encoding="utf-8")
    assert "Basel prior informed consent applies" not in readme and "Waigani" in readme
