"""Pacific SIDS: where can each one legally send its used fluorescent lamps?

The question
------------
For every Pacific Small Island Developing State, which operating treatment
facilities for mercury-containing lamps can it reach, legally (Basel, Waigani,
national bans... read on ``AS_OF``) and physically (sea lanes and land)? The
script lists ``K`` legally accessible facilities per country, with the
route length, the legal status of the movement and the states crossed in transit,
and draws the rank-1 routes on an interactive map. The ``K`` options are ranked by
estimated transport cost, lowest first (``hgmap.costs``), not by distance: rank 1 need
not be the nearest.

How to run
----------
::

    python examples/01_pacific_lamps.py [--out DIR] [--online] [-v]

Edit the constants below (``STREAM``, ``AS_OF``, ``REGION``, ``ORIGINS``, ``K``)
to ask the same question for another stream, date or group of countries.

What it writes
--------------
``DIR/pacific_lamps.csv``
    The full accessibility result (one row per country and rank; the columns of
    :data:`hgmap.access.RESULT_COLUMNS`, lists joined with ``;``).
``DIR/pacific_lamps_map.html``
    The map (open it in a browser). It works offline (Leaflet inlined, no background
    tiles); ``--online`` loads Leaflet and map tiles from the network instead.

It prints one line per country and rank: facility, its country, route km, legal
status and transit states. ``DIR`` defaults to ``examples_output/`` in the current
directory.

Not legal advice: hgmap models a subset of the rules, from public sources, with
the confidence shown in each result; check with the competent authorities (Basel
focal points) before any shipment.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

import hgmap
from hgmap import access, labels, maps

# --- Edit these ---------------------------------------------------------------------
#: Waste stream (one of hgmap.STREAMS).
STREAM = "lamps"
#: Date the law is read at; fixed so that the output is reproducible.
AS_OF = "2026-06-01"
#: SIDS region whose members are the origins ("Pacific", "Caribbean" or "AIS").
REGION = "Pacific"
#: Or an explicit list of ISO3 codes (e.g. ["FJI", "WSM", "TON"]); None = every SIDS in REGION.
ORIGINS: list[str] | None = None
#: How many facilities to list per country (lowest estimated transport cost first).
K = 3
#: Output file names (inside --out).
CSV_NAME = "pacific_lamps.csv"
MAP_NAME = "pacific_lamps_map.html"
# ---------------------------------------------------------------------------------

log = logging.getLogger("hgmap.examples.pacific_lamps")


def region_origins(region: str) -> list[str]:
    """ISO3 codes of the SIDS in ``region``, sorted."""
    countries = hgmap.load_countries()
    codes = countries.loc[countries["sids"].astype(bool) & (countries["sids_region"] == region), "iso3"]
    if codes.empty:
        raise SystemExit(f"no SIDS in region {region!r}; expected Caribbean, Pacific or AIS")
    return sorted(codes)


def summary_table(result: gpd.GeoDataFrame, name_width: int = 42) -> pd.DataFrame:
    """The columns an analyst reads first, one row per country and rank."""
    table = access.result_table(result)
    facility = table["facility_name"].fillna("").map(
        lambda s: s if len(s) <= name_width else s[: name_width - 1] + "…")
    return pd.DataFrame({
        "country": table["origin_name"],
        "rank": table["rank"],
        # Unreachable rows have no facility: show why instead.
        "facility": [f"{fid} {name}" if isinstance(fid, str) else status
                     for fid, name, status in zip(table["facility_id"], facility, table["status"])],
        "facility_country": table["facility_iso3"].fillna("-"),
        "km": table["distance_km"].map(lambda v: "-" if pd.isna(v) else f"{v:,.0f}"),
        "legal_status": table["legal_status"].fillna("-"),
        "transit": table["transit_iso3"].replace("", "-"),
    }).sort_values(["country", "rank"], kind="stable")


def run(out: Path, *, offline: bool = True) -> dict[str, Path]:
    """Compute the result, write the CSV and the map, print the summary; return the paths."""
    origins = ORIGINS or region_origins(REGION)
    log.info("%d origins: %s", len(origins), ", ".join(origins))
    result = hgmap.accessibility(STREAM, as_of=AS_OF, origins=origins, k=K)

    csv_path = out / CSV_NAME
    access.write_result(result, csv_path, fmt="csv")
    m = maps.accessibility_map(result, offline=offline,
                               title=f"{REGION} SIDS: legally accessible facilities for "
                                     f"{labels.stream_title(STREAM).lower()}, {labels.ranked_by('cost')}")
    map_path = maps.save_map(m, out / MAP_NAME)

    print(f"{REGION} SIDS, {STREAM}, law as of {AS_OF} (legal data date {result.attrs['data_date']}); "
          f"{K} legally accessible facilities per country, {labels.ranked_by(result.attrs.get('objective', 'cost'))}")
    print(summary_table(result).to_string(index=False))
    first = result[result["rank"] == 1]
    n_ok = int((first["status"] == access.REACHABLE).sum())
    print(f"\n{n_ok} of {len(first)} countries have at least one legal route.")
    unreachable = first.loc[first["status"] != access.REACHABLE, "origin_iso3"].tolist()
    if unreachable:
        print(f"No legal route: {', '.join(unreachable)} (see blocked_reasons in the CSV).")
    print(f"Wrote {csv_path}\nWrote {map_path}")
    print("Not legal advice: check with the Basel focal points before any shipment.")
    return {"csv": csv_path, "map": map_path}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("examples_output"),
                        help="output folder (default: ./examples_output)")
    parser.add_argument("--online", action="store_true",
                        help="load Leaflet and map tiles from the network (default: a page that works offline, "
                             "Leaflet inlined, no tiles)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        run(args.out, offline=not args.online)
    except hgmap.HgmapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
