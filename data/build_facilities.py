"""Build ``data/facilities.csv`` from the team's facility research.

Usage::

    python data/build_facilities.py [../shared/research/facilities/facilities.csv]

Keeps every source and note. Operations (disposal / recovery) per stream come from
the source where it states them (``SOURCE_OPERATIONS``, with the evidence), otherwise
they are derived from the technologies (``hgmap.facilities.TECHNOLOGY_OPERATION``) and
marked ``derived``. The result is validated with ``hgmap.facilities.validate_facilities``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from hgmap.facilities import COLUMNS, derive_operations, validate_facilities

HERE = Path(__file__).parent
OUT = HERE / "facilities.csv"
DEFAULT_SRC = HERE.resolve().parents[1] / "shared" / "research" / "facilities" / "facilities.csv"
#: Date of the research snapshot the catalogue was compiled from (its files' date).
AS_OF = "2026-11-26"

# Operations the sources state outright (from each row's own notes).
SOURCE_OPERATIONS = {
    "HG-USA-007": ({"elemental_mercury": ["disposal"]},
                   "source: DOE long-term storage of elemental mercury under the Mercury Export Ban Act"),
    "HG-CHN-001": ({"other": ["recovery"]},
                   "source: recycling of Hg-containing acid sludge with mercury metal output"),
    "HG-SWE-001": ({}, "source: interim storage/export hub, not a treatment plant; no operation counted"),
    "HG-MUS-001": ({}, "source: interim storage and export hub, not a treatment plant; no operation counted"),
}


def fmt_ops(ops: dict[str, list[str]]) -> str:
    return ";".join(f"{s}:{'|'.join(o)}" for s, o in ops.items())


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SRC
    with src.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        techs = [t for t in r["technologies"].split(";") if t]
        streams = [s for s in r["waste_types_accepted"].split(";") if s]
        if r["facility_id"] in SOURCE_OPERATIONS:
            ops, basis = SOURCE_OPERATIONS[r["facility_id"]]
            ops_text = fmt_ops(ops) if ops else "none"
        else:
            ops_text, basis = fmt_ops(derive_operations(techs, streams)), "derived from technologies"
        cap = r["annual_capacity_tonnes"].strip()
        out.append({
            "id": r["facility_id"], "operator": r["operator"], "name": r["facility_name"], "city": r["city"],
            "country_iso3": r["country_iso3"], "lat": r["lat"], "lon": r["lon"],
            "coord_precision": r["coord_precision"], "technologies": ";".join(techs), "streams": ";".join(streams),
            "operations": "" if ops_text == "none" else ops_text, "operations_basis": basis,
            "capacity_tpy": cap,
            "capacity_note": "stated figure; see notes for what it measures" if cap else "",
            "status": r["status"], "website": r["website"], "source_url": r["source_url"],
            "confidence": r["confidence"], "as_of": AS_OF, "notes": r["notes"],
        })
    tmp = OUT.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    tmp.replace(OUT)
    report = validate_facilities(OUT)
    print(report.format())
    if not report.ok:
        sys.exit("the built catalogue has errors")
    print(f"wrote {OUT}: {len(out)} facilities")


if __name__ == "__main__":
    main()
