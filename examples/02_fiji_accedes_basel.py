"""What if Fiji accedes to the Basel Convention? A before/after table for every stream.

The question
------------
Fiji is not a Party to the Basel Convention in hgmap's legal data. Basel Art 4(5)
forbids Parties to trade hazardous waste with non-Parties unless an Art 11
agreement covers the movement, so Fiji's options today are shaped by Waigani (an
Art 11 agreement among its Parties) and by trade with other non-Parties (e.g. the
USA). The scenario ``examples/scenarios/fiji_accedes_basel.yaml`` makes Fiji a Party
from 2026-01-01. For every mercury-waste stream, the script compares Fiji's cheapest
legally accessible option (rank 1: the lowest estimated transport cost, not always the
nearest facility) before and after, and checks the other SIDS of the region
in case the change reaches them (e.g. through transit rules).

How to run
----------
::

    python examples/02_fiji_accedes_basel.py [--out DIR] [-v]

Edit the constants below (``COUNTRY``, ``SCENARIO``, ``AS_OF``, ``STREAMS``,
``NEIGHBOUR_REGION``) to test another country or another scenario file (the format
is in ``docs/law.md``). ``AS_OF`` must fall after the scenario's dates, or the
scenario has no effect yet.

What it writes
--------------
``DIR/fiji_accedes_basel.csv``
    One row per stream for ``COUNTRY`` (and one per stream for any neighbour whose
    answer changes): status, facility, km and legal status before and after, the
    kind of change, and why a country has no legal route (``blocked_*``).

It prints the before/after table for ``COUNTRY`` and a line on the neighbours.
``DIR`` defaults to ``examples_output/`` in the current directory.

Not legal advice: the scenario is hypothetical, and hgmap models a subset of the
rules from public sources; check with the competent authorities (Basel focal
points) before any shipment.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

import hgmap
from hgmap import access, law
from hgmap._io import atomic_write_text

# --- Edit these ---------------------------------------------------------------------
#: The country whose accession is tested (ISO3).
COUNTRY = "FJI"
#: The what-if scenario (YAML or TOML, see docs/law.md).
SCENARIO = Path(__file__).resolve().parent / "scenarios" / "fiji_accedes_basel.yaml"
#: Date the law is read at: after the scenario's entry into force (2026-01-01).
AS_OF = "2026-06-01"
#: Streams compared (hgmap.STREAMS is all ten).
STREAMS: Sequence[str] = hgmap.STREAMS
#: The SIDS of this region are checked too (None: check only COUNTRY).
NEIGHBOUR_REGION: str | None = "Pacific"
#: Output file name (inside --out).
CSV_NAME = "fiji_accedes_basel.csv"
# ---------------------------------------------------------------------------------

log = logging.getLogger("hgmap.examples.fiji_accedes_basel")

CSV_COLUMNS = (
    "origin_iso3", "origin_name", "stream", "change", "why",
    "status_before", "facility_before", "facility_iso3_before", "km_before", "legal_status_before",
    "status_after", "facility_after", "facility_iso3_after", "km_after", "legal_status_after",
    "blocked_before", "blocked_after",
)


def origins_to_check(country: str, region: str | None) -> list[str]:
    """``country`` first, then the other SIDS of ``region``."""
    if region is None:
        return [country]
    countries = hgmap.load_countries()
    others = countries.loc[countries["sids"].astype(bool) & (countries["sids_region"] == region)
                           & (countries["iso3"] != country), "iso3"]
    return [country, *sorted(others)]


def classify(before: pd.Series, after: pd.Series) -> str:
    """A short word for what changed between two rank-1 rows."""
    ok_b, ok_a = before["status"] == access.REACHABLE, after["status"] == access.REACHABLE
    if not ok_b and ok_a:
        return "opens"
    if ok_b and not ok_a:
        return "closes"
    if not ok_b and not ok_a:
        return "unchanged" if before["status"] == after["status"] else "status"
    if before["facility_id"] != after["facility_id"]:
        return "nearer facility" if after["distance_km"] < before["distance_km"] else "farther facility"
    if before["legal_status"] != after["legal_status"]:
        return "legal status"
    return "unchanged"


def explain(change: str, before: pd.Series, after: pd.Series, *, stream: str,
            scenario: law.Scenario, operations: dict[str, dict[str, list[str]]]) -> str:
    """Why the answer changed: the facility that opened or closed, with the articles.

    ``operations`` maps facility ids to their operations per stream (catalogue column).
    """
    if change in ("opens", "nearer facility"):
        # The new choice must have been closed before, or it would have been chosen then.
        fid, blocked, verb, when = after["facility_id"], before["blocked_reasons"], "was closed", None
    elif change in ("closes", "farther facility"):
        fid, blocked, verb, when = before["facility_id"], after["blocked_reasons"], "is now closed", scenario
    else:
        return ""
    for b in blocked:
        if b["facility_id"] != fid:
            continue
        text = f"{fid} ({b['facility_iso3']}) {verb}: {b['reason']}"
        if b["reason"] != "law":
            return f"{text}: {b['detail']}"
        # Ask the legal engine for the articles behind the rule ids, under the law of the
        # side where the movement is prohibited.
        cites: dict[str, str] = {}
        for op in operations[fid].get(stream, []):
            decision = law.assess(before.name, b["facility_iso3"], stream, op, as_of=AS_OF, scenario=when)
            cites.update({r.rule_id: r.citation for r in decision.reasons if r.effect == "prohibits"})
        return f"{text}, " + "; ".join(f"{c} [{rid}]" for rid, c in cites.items())
    return ""


def compare(model: access.AccessModel, scenario: law.Scenario, origins: list[str]) -> pd.DataFrame:
    """One row per origin and stream: the rank-1 answer without and with ``scenario``."""
    operations = dict(zip(model.facilities["id"], model.facilities["operations"]))
    rows = []
    for stream in STREAMS:
        log.info("%s: %d origins, before and after", stream, len(origins))
        before = model.solve(stream, as_of=AS_OF, origins=origins)
        after = model.solve(stream, as_of=AS_OF, origins=origins, scenario=scenario)
        # The raw results keep blocked_reasons as dicts (for explain); the flat tables as text.
        text = {"before": access.result_table(before), "after": access.result_table(after)}
        text = {k: t[t["rank"] == 1].set_index("origin_iso3")["blocked_reasons"] for k, t in text.items()}
        before = before[before["rank"] == 1].set_index("origin_iso3")
        after = after[after["rank"] == 1].set_index("origin_iso3")
        for origin in origins:
            b, a = before.loc[origin], after.loc[origin]
            change = classify(b, a)
            why = explain(change, b, a, stream=stream, scenario=scenario, operations=operations)
            row = {"origin_iso3": origin, "origin_name": b["origin_name"], "stream": stream,
                   "change": change, "why": why}
            for suffix, r in (("before", b), ("after", a)):
                row[f"status_{suffix}"] = r["status"]
                row[f"facility_{suffix}"] = r["facility_id"]
                row[f"facility_iso3_{suffix}"] = r["facility_iso3"]
                row[f"km_{suffix}"] = r["distance_km"]
                row[f"legal_status_{suffix}"] = r["legal_status"]
                # Only unreachable rows need the why; reachable ones list nearer closed options.
                row[f"blocked_{suffix}"] = text[suffix][origin] if r["status"] != access.REACHABLE else ""
            rows.append(row)
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS))


def _where(facility: object, iso3: object, km: object) -> str:
    if not isinstance(facility, str):
        return "-"
    return f"{facility} ({iso3}) {km:,.0f} km"


def printable(table: pd.DataFrame) -> pd.DataFrame:
    """The before/after columns an analyst reads first."""
    return pd.DataFrame({
        "stream": table["stream"],
        "status_before": table["status_before"],
        "facility_km_before": [_where(*v) for v in zip(table["facility_before"], table["facility_iso3_before"],
                                                       table["km_before"])],
        "status_after": table["status_after"],
        "facility_km_after": [_where(*v) for v in zip(table["facility_after"], table["facility_iso3_after"],
                                                      table["km_after"])],
        "change": table["change"],
    })


def run(out: Path) -> Path:
    """Compare, write the CSV, print the tables; return the CSV path."""
    scenario = law.load_scenario(SCENARIO)
    origins = origins_to_check(COUNTRY, NEIGHBOUR_REGION)
    # One model: the shortest-path searches do not depend on the law, only the masks do.
    model = access.AccessModel()
    table = compare(model, scenario, origins)
    own = table[table["origin_iso3"] == COUNTRY]
    neighbours = table[(table["origin_iso3"] != COUNTRY) & (table["change"] != "unchanged")]
    csv_path = out / CSV_NAME
    atomic_write_text(csv_path, pd.concat([own, neighbours]).to_csv(index=False, lineterminator="\n"))

    name = own["origin_name"].iloc[0]
    print(f"{name} ({COUNTRY}): cheapest legally accessible option per stream (rank 1: lowest estimated "
          f"transport cost, not always the nearest), law as of {AS_OF}")
    print(f"before: shipped legal data; after: scenario {scenario.name!r} ({SCENARIO.name})")
    print(printable(own).to_string(index=False))
    counts = own["change"].value_counts()
    print("\nChanges: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    for stream, why in zip(own["stream"], own["why"]):
        if why:
            print(f"  {stream}: {why}")
    if NEIGHBOUR_REGION is not None:
        n_checked = len(origins) - 1
        if neighbours.empty:
            print(f"Other {NEIGHBOUR_REGION} SIDS ({n_checked} checked): no answer changes.")
        else:
            print(f"Other {NEIGHBOUR_REGION} SIDS whose answer changes ({n_checked} checked):")
            print(neighbours[["origin_iso3", "stream", "change", "facility_before", "facility_after"]]
                  .to_string(index=False))
    print(f"Wrote {csv_path}")
    print("Not legal advice: a hypothetical scenario; check with the Basel focal points.")
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
    try:
        run(args.out)
    except hgmap.HgmapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
