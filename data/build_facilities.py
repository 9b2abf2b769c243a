"""Build ``data/facilities.csv`` from the facility research kept in ``data/facilities_research/``.

Usage::

    python data/build_facilities.py

Inputs (all in ``data/facilities_research/``, each row with its sources):

* ``research_2026-11-26.csv`` (+ ``_NOTES.md``): the team's first research pass, 56
  facilities, copied unchanged from the shared research folder.
* ``added.csv``: facilities researched later (review of 2026-12-01), same columns plus
  ``as_of`` and, where a source states them, ``operations`` and ``operations_basis``.
* ``review.csv``: corrections from the review of every entry against its sources and
  notes (``id, field, value, reason, source_url``); the reason is appended to the notes.
* ``acceptance.csv``: whom each facility serves (``accepts_imports``, ``accepts_from``,
  ``acceptance_source``, ``acceptance_confidence``, ``acceptance_note``).

Operations (disposal / recovery) per stream come from the source where it states them
(``SOURCE_OPERATIONS`` or a ``review.csv`` ``operations`` row), otherwise they are
derived from the technologies (``hgmap.facilities.TECHNOLOGY_OPERATION``) and marked
``derived``. Placeholder coordinates lower the confidence to ``low``. The result is
validated with ``hgmap.facilities.validate_facilities``; every id must have an
acceptance row.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from hgmap.facilities import COLUMNS, derive_operations, validate_facilities
from hgmap.facilities.schema import format_operations

HERE = Path(__file__).parent
RESEARCH = HERE / "facilities_research"
OUT = HERE / "facilities.csv"
FIRST_PASS = RESEARCH / "research_2026-11-26.csv"
#: Date of the first research snapshot (its files' date).
FIRST_AS_OF = "2026-11-26"
#: Date of the review and of the acceptance research.
REVIEW_AS_OF = "2026-12-01"

# Operations the sources state outright (from each row's own notes).
SOURCE_OPERATIONS = {
    "HG-USA-007": ({"elemental_mercury": ["disposal"]},
                   "source: DOE long-term storage of elemental mercury under the Mercury Export Ban Act"),
    "HG-CHN-001": ({"other": ["recovery"]},
                   "source: recycling of Hg-containing acid sludge with mercury metal output"),
    "HG-SWE-001": ({}, "source: interim storage/export hub, not a treatment plant; no operation counted"),
    "HG-MUS-001": ({}, "source: interim storage and export hub, not a treatment plant; no operation counted"),
}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(fh)]


def _join_urls(*cells: str) -> str:
    out: list[str] = []
    for cell in cells:
        for u in cell.replace(" | ", ";").split(";"):
            if u.strip() and u.strip() not in out:
                out.append(u.strip())
    return " | ".join(out)


def convert(r: dict[str, str], as_of: str) -> dict[str, str]:
    """One research row in the catalogue schema."""
    techs = [t for t in r["technologies"].split(";") if t]
    streams = [s for s in r["waste_types_accepted"].split(";") if s]
    cap = r["annual_capacity_tonnes"].strip()
    return {
        "id": r["facility_id"], "operator": r["operator"], "name": r["facility_name"], "city": r["city"],
        "country_iso3": r["country_iso3"], "lat": r["lat"], "lon": r["lon"],
        "coord_precision": r["coord_precision"], "technologies": ";".join(techs), "streams": ";".join(streams),
        "operations": "", "operations_basis": "", "capacity_tpy": cap,
        "capacity_note": (r.get("capacity_note") or "stated figure; see notes for what it measures") if cap else "",
        "status": r["status"], "accepts_imports": "", "accepts_from": "", "acceptance_source": "",
        "acceptance_confidence": "", "website": r["website"], "source_url": r["source_url"],
        "confidence": r["confidence"], "as_of": as_of, "notes": r["notes"],
    }


def main() -> None:
    rows = [convert(r, FIRST_AS_OF) for r in _read(FIRST_PASS)]
    added_path = RESEARCH / "added.csv"
    if added_path.exists():
        rows += [convert(r, r.get("as_of") or REVIEW_AS_OF) for r in _read(added_path)]
    by_id = {r["id"]: r for r in rows}
    if len(by_id) != len(rows):
        dup = [k for k, n in Counter(r["id"] for r in rows).items() if n > 1]
        sys.exit(f"duplicate facility ids: {', '.join(dup)}")
    # Added rows may state their operations (and why) themselves.
    explicit_ops: set[str] = set()
    if added_path.exists():
        for r in _read(added_path):
            if r.get("operations_basis"):
                row = by_id[r["facility_id"]]
                row["operations"], row["operations_basis"] = r.get("operations", ""), r["operations_basis"]
                explicit_ops.add(r["facility_id"])
    for fix in _read(RESEARCH / "review.csv"):
        row = by_id.get(fix["id"])
        if row is None:
            sys.exit(f"review.csv: unknown id {fix['id']}")
        if fix["field"] not in COLUMNS:
            sys.exit(f"review.csv: {fix['id']}: unknown field {fix['field']}")
        if fix["field"] == "notes":
            row["notes"] = fix["value"]
        else:
            row[fix["field"]] = fix["value"]
            row["notes"] = f"{row['notes']} [Review {REVIEW_AS_OF}: {fix['field']} -> {fix['value']}: {fix['reason']}]"
        if fix["field"] == "operations":
            explicit_ops.add(fix["id"])
            row["operations_basis"] = "source: " + fix["reason"]
        if fix["source_url"]:
            row["source_url"] = _join_urls(row["source_url"], fix["source_url"])
        row["as_of"] = REVIEW_AS_OF
    accept = {a["id"]: a for a in _read(RESEARCH / "acceptance.csv")}
    missing = sorted(set(by_id) - set(accept))
    if missing:
        sys.exit(f"acceptance.csv: no row for {', '.join(missing)}")
    for fid, a in accept.items():
        row = by_id.get(fid)
        if row is None:
            sys.exit(f"acceptance.csv: unknown id {fid}")
        row["accepts_imports"] = a["accepts_imports"]
        row["accepts_from"] = a["accepts_from"]
        row["acceptance_source"] = a["acceptance_source"]
        row["acceptance_confidence"] = a["acceptance_confidence"]
        if a["acceptance_note"]:
            row["notes"] = f"{row['notes']} [Acceptance: {a['acceptance_note']}]"
    for row in rows:
        fid = row["id"]
        if fid in explicit_ops:
            pass
        elif fid in SOURCE_OPERATIONS:
            ops, basis = SOURCE_OPERATIONS[fid]
            row["operations"], row["operations_basis"] = format_operations(ops), basis
        else:
            derived = derive_operations([t for t in row["technologies"].split(";") if t],
                                        [s for s in row["streams"].split(";") if s])
            row["operations"], row["operations_basis"] = format_operations(derived), "derived from technologies"
        if row["coord_precision"] == "placeholder" and row["confidence"] != "low":
            row["notes"] += f" [Confidence lowered from {row['confidence']} to low: placeholder coordinates.]"
            row["confidence"] = "low"
    tmp = OUT.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    tmp.replace(OUT)
    report = validate_facilities(OUT)
    print(report.format().splitlines()[0])
    for p in report.problems:
        print(f"  {p}")
    if not report.ok:
        sys.exit("the built catalogue has errors")
    print(f"wrote {OUT}: {len(rows)} facilities")
    for col in ("status", "accepts_imports", "confidence", "coord_precision"):
        print(f"  {col}: {dict(Counter(r[col] for r in rows))}")


if __name__ == "__main__":
    main()
