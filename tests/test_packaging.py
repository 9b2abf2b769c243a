"""The installed package carries its data, and every shipped fact carries provenance."""

import csv
import datetime as dt
import fnmatch
import tomllib
from pathlib import Path

import pytest

import hgmap
from hgmap._io import data_path

ROOT = Path(__file__).parents[1]


def _packages() -> dict[str, Path]:
    """Every package setup.py installs, with the folder it comes from."""
    from setuptools import find_packages

    out = {p: ROOT / p.replace(".", "/") for p in find_packages(str(ROOT), include=["hgmap", "hgmap.*"])}
    out["hgmap.data"] = ROOT / "data"
    out.update({f"hgmap.data.{p}": ROOT / "data" / p.replace(".", "/") for p in find_packages(str(ROOT / "data"))})
    return out


def test_every_shipped_file_is_declared_package_data():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    packages = _packages()
    assert "hgmap.data.law" in packages and "hgmap.cli" in packages
    for pkg, root in packages.items():
        patterns = package_data.get(pkg, []) + package_data.get("*", [])
        for path in root.rglob("*"):
            rel = path.relative_to(root).as_posix()
            if path.is_dir() or path.suffix in {".py", ".pyc"} or "__pycache__" in rel:
                continue
            if any(f"{pkg}.{rel.split('/')[0]}" == other for other in packages):
                continue  # belongs to a sub-package, checked there
            if pkg.startswith("hgmap.data") and "/" in rel and not rel.startswith(("templates/", "assets/")):
                continue  # data/<folder>/ without __init__.py: build inputs, not shipped
            assert any(fnmatch.fnmatch(rel, p) for p in patterns), f"{path} would not ship in the wheel"


def test_data_resolves_through_the_package():
    assert data_path("countries.gpkg").is_file()
    assert data_path("law", "memberships.csv").is_file()
    assert hgmap.__version__ != "0+unknown"


def test_package_never_reads_the_research_folder():
    for path in (ROOT / "hgmap").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "shared/research" not in text and "../shared" not in text, path


def _rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", sorted(p.name for p in data_path("law").glob("*.csv") if p.name != "datasets.csv"))
def test_every_legal_fact_has_source_confidence_and_date(name):
    rows = _rows(data_path("law", name))
    assert rows
    for i, row in enumerate(rows, start=2):
        if name == "rules.csv" and (row["citation"] == "-" or row["citation"].startswith("see ")):
            continue  # definitions and roll-ups of other rules, whose own sources they carry
        assert row["source_url"].strip(), f"{name} line {i}: no source"
        assert row["confidence"] in {"high", "medium", "low"}, f"{name} line {i}: confidence {row['confidence']!r}"
        dt.date.fromisoformat(row["as_of"])


def test_every_facility_and_hand_port_has_a_source():
    for i, row in enumerate(_rows(data_path("facilities.csv")), start=2):
        assert row["source_url"].startswith("http"), i
        assert row["confidence"] in {"high", "medium", "low"}
        dt.date.fromisoformat(row["as_of"])
    for row in _rows(data_path("ports.csv")):
        assert row["source_url"].strip()
