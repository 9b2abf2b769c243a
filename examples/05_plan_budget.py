"""What would it cost a SIDS to ship its mercury waste, and would a regional hub pay?

The question
------------
A ministry budgets in tonnes and dollars. For the shipped example inventory
(``examples/data/inventory_sids.csv``: published figures only, and rows that say where
no figure exists), where can each tonne go legally, within facility capacity, and at
what cost (low-high)? Because published SIDS tonnages are almost absent, the script then
prices ONE TONNE a year of each stream for a few SIDS (a unit budget line, not an
estimate of their waste), and asks whether Pacific countries would save by
consolidating at up to ``P`` regional hubs (fewer, or none, open when more would not
lower the total: members then ship alone; candidate hubs are the members with a port
that has a terminal in ``data/ports.csv``). Last, it prices the same unit tonne collected at
other ports of the same countries (``SITES``: sites from an origins file, keyed by
``origin_id``), next to the tonne collected at each country's default origin, to show
what a second collection point costs.

How to run
----------
::

    python examples/05_plan_budget.py [--out DIR] [-v]

Edit the constants below (``AS_OF``, ``INVENTORY``, ``UNIT_ORIGINS``, ``UNIT_STREAMS``,
``UNIT_TONNES``, ``HUB_REGION``, ``P``, ``SITES``) to plan your own inventory (same
columns as the example; ``origin_id`` in place of ``country_iso3`` for a site of your
origins file), other countries, or another limit on the number of hubs.

What it writes
--------------
``DIR/inventory_plan/``
    The plan of the example inventory (``hgmap plan`` outputs: ``flows.csv``,
    ``unmet.csv``, ``facility_load.csv``, ``country_totals.csv``, ``unquantified.csv``,
    ``cost_assumptions.csv``, ``plan.json``, ``flows_map.html``).
``DIR/unit_plan/``
    The same for one tonne a year of each stream and country.
``DIR/hubs/``
    ``hubs.csv``, ``hub_assignments.csv``, ``hub_excluded.csv``, ``hubs.json``.
``DIR/site_plan/``
    One tonne of lamps a year from each site of ``SITES`` and from each of their
    countries' default origins (the ``hgmap plan`` outputs; flows name the sites).

It prints the plan summaries, a cost-per-tonne table and the hub choice. ``DIR``
defaults to ``examples_output/`` in the current directory.

Not legal advice: hgmap models a subset of the rules, from public sources, with the
confidence shown in each result; costs are sourced low-high bands, not quotes. Check
with the competent authorities (Basel focal points) before any shipment.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import pandas as pd

import hgmap
from hgmap.plan.render import write_hubs, write_plan

# --- Edit these ---------------------------------------------------------------------
#: Date the law is read at; fixed so that the output is reproducible.
AS_OF = "2026-06-01"
#: The inventory to plan (columns: country_iso3, stream, tonnes_per_year, source, year, notes).
INVENTORY = Path(__file__).resolve().parent / "data" / "inventory_sids.csv"
#: Countries and streams priced per unit tonne.
UNIT_ORIGINS = ["FJI", "JAM", "HTI", "TUV"]
UNIT_STREAMS = ["lamps", "batteries", "elemental_mercury"]
#: The unit: tonnes a year per country and stream (a budget line, not an inventory figure).
UNIT_TONNES = 1.0
#: Hubs: region and the most hubs to open (fewer open when more would not save).
HUB_REGION = "pacific"
P = 2
#: Sites (id, country, lat, lon, name): ports of the unit countries, as in data/ports.csv.
SITES = Path(__file__).resolve().parent / "data" / "origins_ports.csv"
#: Stream priced at the sites.
SITE_STREAM = "lamps"
# ---------------------------------------------------------------------------------

log = logging.getLogger("hgmap.examples.plan_budget")


def unit_inventory() -> pd.DataFrame:
    return pd.DataFrame([{"country_iso3": c, "stream": s, "tonnes_per_year": UNIT_TONNES,
                          "source": "unit budget line (examples/05_plan_budget.py)", "year": AS_OF[:4],
                          "notes": "one tonne a year, to price a budget line; not a measured quantity"}
                         for c in UNIT_ORIGINS for s in UNIT_STREAMS])


def site_inventory() -> pd.DataFrame:
    """One tonne of ``SITE_STREAM`` from each site of ``SITES`` and from each of their countries."""
    sites = pd.read_csv(SITES, dtype=str, keep_default_na=False)
    common = {"stream": SITE_STREAM, "tonnes_per_year": UNIT_TONNES, "year": AS_OF[:4],
              "source": "unit budget line (examples/05_plan_budget.py)",
              "notes": "one tonne a year, to price a budget line; not a measured quantity"}
    by_site = [{"country_iso3": "", "origin_id": i, **common} for i in sites["id"]]
    by_country = [{"country_iso3": c, "origin_id": "", **common} for c in dict.fromkeys(sites["country"])]
    return pd.DataFrame(by_country + by_site)


def cost_table(result) -> pd.DataFrame:
    """Cost per tonne (low-high), facility and unmet reason per origin (country or site) and stream."""
    rows = []
    flows = result.flows
    unmet = result.unmet
    for r in result.country_totals.itertuples():
        key = (r.origin_iso3, r.origin_id, r.stream)
        f = flows[(flows["origin_iso3"] == key[0]) & (flows["origin_id"] == key[1]) & (flows["stream"] == key[2])]
        u = unmet[(unmet["origin_iso3"] == key[0]) & (unmet["origin_id"] == key[1]) & (unmet["stream"] == key[2])]
        rows.append({
            "country": r.origin_iso3, "site": r.origin_name if r.origin_id else "(default origin)",
            "stream": r.stream, "tonnes": r.inventory_t,
            "facility": ";".join(f["facility_id"]) or "-",
            "usd_per_t": (f"{f['cost_usd_low'].sum() / r.placed_t:,.0f} - {f['cost_usd_high'].sum() / r.placed_t:,.0f}"
                          if r.placed_t else "-"),
            "not_priced": ";".join(sorted({x for x in f["unpriced"] if x})) or "-",
            "unmet": f"{u['tonnes'].sum():g} t: {u['reason'].iloc[0]}" if len(u) else "-",
        })
    return pd.DataFrame(rows)


def run(out: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}

    inv_plan = hgmap.plan(INVENTORY, as_of=AS_OF)  # builds the transport model once, then reuses it
    files.update({f"inventory_{k}": v for k, v in write_plan(inv_plan, out / "inventory_plan").items()})
    print(f"Example inventory {INVENTORY.name}, law as of {AS_OF}:")
    print(inv_plan.summary())
    print(cost_table(inv_plan).to_string(index=False))
    if len(inv_plan.unquantified):
        print("\nRows with no published figure (kept, not planned):")
        for r in inv_plan.unquantified.itertuples():
            print(f"  line {r.line}: {r.country_iso3} {r.stream}: {r.notes[:110]}")

    unit_plan = hgmap.plan(unit_inventory(), as_of=AS_OF)
    files.update({f"unit_{k}": v for k, v in write_plan(unit_plan, out / "unit_plan").items()})
    print(f"\nOne tonne a year of each stream (a budget line; law as of {AS_OF}):")
    print(cost_table(unit_plan).to_string(index=False))
    oldest = unit_plan.cost_assumptions.sort_values("as_of").iloc[0]
    print(f"Cost figures are defaults from data/plan_costs.csv and data/costs.csv; the oldest is "
          f"{oldest['parameter']} ({oldest['as_of']}, {oldest['age_days']} days old).")

    hubs = hgmap.hubs(HUB_REGION, P, stream="lamps", tonnes=UNIT_TONNES, as_of=AS_OF)
    files.update(write_hubs(hubs, out / "hubs"))
    print()
    print(hubs.summary())
    print(f"  tonnage: {hubs.attrs['tonnage']}")

    site_plan = hgmap.plan(site_inventory(), origins=SITES, as_of=AS_OF)
    files.update({f"site_{k}": v for k, v in write_plan(site_plan, out / "site_plan").items()})
    print(f"\nOne tonne of {SITE_STREAM} a year collected at other ports ({SITES.name}) or at the default origin:")
    print(cost_table(site_plan).to_string(index=False))
    print("Not legal advice: check with the Basel focal points before any shipment.")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("examples_output"), help="output folder")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    try:
        run(args.out)
    except hgmap.HgmapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
