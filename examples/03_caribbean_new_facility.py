"""Caribbean: which SIDS would use a new treatment plant, and how many km would they save?

The question
------------
Suppose a lamp-recycling plant opened in Trinidad and Tobago (a HYPOTHETICAL plant:
no such facility is in hgmap's catalogue). Which Caribbean Small Island Developing
States would switch to it as their nearest legally accessible facility, and how much
shorter would their route be? The script builds a user catalogue (the shipped one plus
the new row) in the output folder, validates it, and compares the nearest legally
accessible facility of every Caribbean SIDS with and without the new plant: the legal
option with the shortest route, from every legal option of the country (hgmap ranks
options by estimated transport cost, and rank 1, the cheapest, is not always the
nearest: Trinidad and Tobago's cheapest is HG-GBR-001, its nearest HG-CAN-001). SIDS that
do not switch although the plant is nearer are listed with the reason (usually a
legal rule: e.g. the Basel Ban Amendment for the EU's overseas territories).

How to run
----------
::

    python examples/03_caribbean_new_facility.py [--out DIR] [-v]

Edit the constants below: ``NEW_FACILITY`` (where the plant is, which streams and
technologies it has), ``STREAM``, ``REGION``, ``AS_OF``. The row must follow the
catalogue schema (``hgmap.facilities.COLUMNS``; see DATA.md).

What it writes
--------------
``DIR/caribbean_catalogue.csv``
    The user catalogue: the shipped ``data/facilities.csv`` plus the new row (marked
    hypothetical in ``notes``, ``confidence`` low). Reuse it with
    ``hgmap.accessibility(..., facilities=PATH)`` or ``hgmap run --facilities PATH``.
``DIR/caribbean_new_facility.csv``
    One row per SIDS: nearest legal facility and km before and after, whether it switches
    to the new plant, km saved, and why it does not when the new plant is nearer.

It prints the validation summary, the SIDS that switch with the km saved, and the
ones that could not use the nearer plant. ``DIR`` defaults to ``examples_output/``.

Not legal advice: the facility is invented for the example, and hgmap models a
subset of the rules from public sources; check with the competent authorities
(Basel focal points) before any shipment.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

import hgmap
from hgmap import law
from hgmap._io import atomic_write_text, data_path
from hgmap.facilities import COLUMNS

# --- Edit these ---------------------------------------------------------------------
#: Waste stream compared (one of hgmap.STREAMS); the new facility must accept it.
STREAM = "lamps"
#: Date the law is read at; fixed so that the output is reproducible.
AS_OF = "2026-06-01"
#: SIDS region whose members are the origins ("Caribbean", "Pacific" or "AIS").
REGION = "Caribbean"
#: Where this example lives: the new row's source (validation requires an http(s) URL).
EXAMPLE_URL = "https://example.org/hgmap/examples/03_caribbean_new_facility.py"
#: The new facility, one catalogue row (columns: hgmap.facilities.COLUMNS).
NEW_FACILITY: dict[str, str] = {
    "id": "EX-TTO-001",
    "operator": "Hypothetical operator (hgmap example)",
    "name": "HYPOTHETICAL lamp-recycling plant, Point Lisas",
    "city": "Point Lisas Industrial Estate, Couva",
    "country_iso3": "TTO",
    "lat": "10.40",
    "lon": "-61.47",
    "coord_precision": "city",
    "technologies": "lamp_recycling;distillation",
    "streams": "lamps",
    "operations": "lamps:recovery",
    "operations_basis": "derived from technologies",
    "capacity_tpy": "",
    "capacity_note": "",
    "status": "operating",
    "website": "",
    "source_url": EXAMPLE_URL,
    "confidence": "low",
    "as_of": AS_OF,
    "notes": "HYPOTHETICAL facility invented by the hgmap example 03_caribbean_new_facility.py "
             "to test the effect of a new plant; it does not exist.",
}
#: Output file names (inside --out).
CATALOGUE_NAME = "caribbean_catalogue.csv"
CSV_NAME = "caribbean_new_facility.csv"
# ---------------------------------------------------------------------------------

log = logging.getLogger("hgmap.examples.caribbean_new_facility")


def write_catalogue(path: Path, new_row: dict[str, str]) -> Path:
    """The shipped catalogue plus ``new_row``, written atomically to ``path``."""
    # Read as text so that every shipped value is written back unchanged.
    shipped = pd.read_csv(data_path("facilities.csv"), dtype=str, keep_default_na=False)
    unknown = sorted(set(new_row) - set(COLUMNS))
    if unknown:
        raise SystemExit(f"NEW_FACILITY has unknown column(s): {', '.join(unknown)}")
    if new_row["id"] in set(shipped["id"]):
        raise SystemExit(f"NEW_FACILITY id {new_row['id']!r} is already in the shipped catalogue")
    row = pd.DataFrame([{c: new_row.get(c, "") for c in shipped.columns}])
    table = pd.concat([shipped, row], ignore_index=True)
    atomic_write_text(path, table.to_csv(index=False, lineterminator="\n"))
    return path


def check_catalogue(path: Path, new_id: str) -> None:
    """Validate the catalogue; stop with the full report if any row has an error."""
    report = hgmap.validate_facilities(path)
    if not report.ok:
        print(report.format())
        raise SystemExit(f"{path}: fix the errors above (NEW_FACILITY is the last line)")
    own = [p for p in report.problems if p.facility_id == new_id]
    print(f"Validated {path.name}: {len(report.rows)} rows, {len(report.errors)} errors, "
          f"{len(report.warnings)} warnings ({len(own)} on the new row; the shipped rows' "
          "warnings are documented in DATA.md)")
    for p in own:
        print(f"  {p}")


def citations(origin: str, destination: str, operations: Sequence[str]) -> str:
    """The articles that prohibit ``origin -> destination`` (for the operations given)."""
    cites: dict[str, str] = {}
    for op in operations:
        decision = law.assess(origin, destination, STREAM, op, as_of=AS_OF)
        cites.update({r.rule_id: r.citation for r in decision.reasons if r.effect == "prohibits"})
    return "; ".join(f"{c} [{rid}]" for rid, c in cites.items())


def _nearest(result: pd.DataFrame) -> pd.DataFrame:
    """Per origin, its nearest legally accessible facility: the reachable option with the
    shortest route (``distance_km``). ``result`` holds every option of every origin, ranked by
    estimated cost: rank 1 is the cheapest, not always the nearest (README, "rank 1")."""
    ok = result[result["status"] == "reachable"]
    return ok.loc[ok.groupby("origin_iso3")["distance_km"].idxmin()].set_index("origin_iso3")


def compare(before: pd.DataFrame, after: pd.DataFrame, new_id: str, new_ops: Sequence[str]) -> pd.DataFrame:
    """One row per origin: its nearest legally accessible facility without and with the new one.

    ``before``/``after`` hold every legal option of each origin (``k`` = every facility);
    ``new_ops`` are the new facility's operations for :data:`STREAM`.
    """
    b, a = _nearest(before), _nearest(after)
    first = after.groupby("origin_iso3").head(1).set_index("origin_iso3")
    rows = []
    for origin in sorted(set(before["origin_iso3"])):
        rb = b.loc[origin] if origin in b.index else None
        ra = a.loc[origin] if origin in a.index else None
        switches = ra is not None and ra["facility_id"] == new_id
        # Was the new plant nearer than the facility it would use, but closed (law, transit)?
        blocked = next((x for x in first.at[origin, "blocked_reasons"] or [] if x["facility_id"] == new_id
                        and (ra is None or (x["distance_km"] or 0) < ra["distance_km"])), None)
        km_before = rb["distance_km"] if rb is not None else None
        rows.append({
            "origin_iso3": origin,
            "origin_name": first.at[origin, "origin_name"],
            "facility_before": rb["facility_id"] if rb is not None else None,
            "facility_iso3_before": rb["facility_iso3"] if rb is not None else None,
            "km_before": km_before,
            "legal_status_before": rb["legal_status"] if rb is not None else None,
            "facility_after": ra["facility_id"] if ra is not None else None,
            "facility_iso3_after": ra["facility_iso3"] if ra is not None else None,
            "km_after": ra["distance_km"] if ra is not None else None,
            "legal_status_after": ra["legal_status"] if ra is not None else None,
            "switches_to_new": bool(switches),
            "km_saved": round(km_before - ra["distance_km"], 1) if switches and km_before is not None else None,
            "new_facility_km": blocked["distance_km"] if blocked else (ra["distance_km"] if switches else None),
            "new_facility_closed_because": _why(origin, blocked, new_ops),
        })
    return pd.DataFrame(rows)


def _why(origin: str, blocked: dict | None, new_ops: Sequence[str]) -> str:
    if blocked is None:
        return ""
    if blocked["reason"] == "law":
        # The rule ids are terse; the legal engine gives the article behind each one.
        return f"law: {citations(origin, blocked['facility_iso3'], new_ops)}"
    return f"{blocked['reason']}: {blocked['detail']}"


def run(out: Path) -> Path:
    """Build and validate the catalogue, compare, write the CSV, print; return the CSV path."""
    new_id = NEW_FACILITY["id"]
    catalogue = write_catalogue(out / CATALOGUE_NAME, NEW_FACILITY)
    check_catalogue(catalogue, new_id)

    countries = hgmap.load_countries()
    origins = sorted(countries.loc[countries["sids"].astype(bool) & (countries["sids_region"] == REGION), "iso3"])
    log.info("%d %s SIDS: %s", len(origins), REGION, ", ".join(origins))
    catalogue_rows = hgmap.load_facilities(catalogue).set_index("id")
    # Every legal option of each origin (k = every facility), so that the nearest one can be
    # picked: the options are ranked by estimated cost, and the cheapest is not always the nearest.
    every = len(catalogue_rows)
    before = hgmap.accessibility(STREAM, as_of=AS_OF, origins=origins, k=every, geometry=False)
    after = hgmap.accessibility(STREAM, as_of=AS_OF, origins=origins, facilities=catalogue, k=every,
                                geometry=False)
    new_ops = catalogue_rows.at[new_id, "operations"].get(STREAM, [])
    if not new_ops:
        raise SystemExit(f"NEW_FACILITY does not treat {STREAM!r}: check its streams and technologies")
    table = compare(before, after, new_id, new_ops)
    csv_path = out / CSV_NAME
    atomic_write_text(csv_path, table.to_csv(index=False, lineterminator="\n"))

    fac = f"{new_id} ({NEW_FACILITY['country_iso3']}, hypothetical)"
    switched = table[table["switches_to_new"]].sort_values("km_saved", ascending=False)
    print(f"\n{REGION} SIDS, {STREAM}, law as of {AS_OF}: {len(switched)} of {len(table)} "
          f"would use {fac} as their nearest legally accessible facility (shortest route among their legal "
          "options; the cheapest option may be another)")
    if not switched.empty:
        show = pd.DataFrame({
            "country": switched["origin_name"],
            "before": [f"{f} ({i})" if isinstance(f, str) else "no legal route"
                       for f, i in zip(switched["facility_before"], switched["facility_iso3_before"])],
            "km_before": switched["km_before"].map(lambda v: "-" if pd.isna(v) else f"{v:,.0f}"),
            "km_after": switched["km_after"].map(lambda v: f"{v:,.0f}"),
            "km_saved": switched["km_saved"].map(lambda v: "-" if pd.isna(v) else f"{v:,.0f}"),
            "legal_status_after": switched["legal_status_after"],
        })
        print(show.to_string(index=False))
        print(f"Total route length saved: {switched['km_saved'].sum():,.0f} km (one shipment each, against each "
              "country's nearest legal facility today)")
    closed = table[table["new_facility_closed_because"] != ""]
    if not closed.empty:
        print(f"\nNearer than their current choice but closed to them ({len(closed)}):")
        for _, r in closed.iterrows():
            print(f"  {r['origin_iso3']} ({r['new_facility_km']:,.0f} km): {r['new_facility_closed_because']}")
    print(f"\nWrote {out / CATALOGUE_NAME}\nWrote {csv_path}")
    print("Not legal advice: a hypothetical facility; check with the Basel focal points.")
    return csv_path


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("examples_output"),
                        help="output folder (default: ./examples_output)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not args.verbose:
        # check_catalogue() prints the validation summary; the loader would log every
        # warning of the shipped rows again.
        logging.getLogger("hgmap.facilities").setLevel(logging.ERROR)
    try:
        run(args.out)
    except hgmap.HgmapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
