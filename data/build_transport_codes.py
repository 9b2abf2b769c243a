"""Build ``data/transport_codes.csv``: UN numbers and hazard classes of the mercury-waste streams.

Usage::

    python data/build_transport_codes.py

Only entries a public source gives are filled; the others stay empty, and the dossier
marks the UN number as "to be determined" (the consignor classifies the waste by its
composition under the UN Model Regulations / IMDG Code). Basel Y and Annex VIII codes are
not here: they come from ``data/law/streams.csv`` (``basel_entries``).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).with_name("transport_codes.csv")
FIELDS = ("stream", "un_number", "shipping_name", "hazard_class", "packing_group", "source_url",
          "confidence", "as_of", "notes")
STREAMS = ("elemental_mercury", "lamps", "batteries", "measuring_devices", "dental_amalgam",
           "contaminated_soil", "mining_tailings", "chlor_alkali_residues", "oil_gas_residues", "other")

UN2809 = ("https://ajot.com/news/article/msc-hazardous-surchargescopeusa-puerto-rico-to-indian-subcontinent-"
          "middle-east-and-red-sea (via research costs/COSTS.md P4: Hg, UN 2809, class 8, PG III)")
UN3506 = ("http://airtransport-tozai.com/dg_eng/Q&A-Detail_eng.php?idn=1359684920 ; "
          "https://sespel.com/about/technical-info/adr/rtut-soderzhashchayasya-v-promyshlennyh-izdeliyah")

KNOWN: dict[str, dict[str, str]] = {
    "elemental_mercury": {"un_number": "UN 2809", "shipping_name": "MERCURY", "hazard_class": "8 (6.1)",
                          "packing_group": "III", "source_url": UN2809, "confidence": "medium",
                          "as_of": "2025-01-01", "notes": "subsidiary hazard 6.1 per the UN Model Regulations"},
    "lamps": {"un_number": "UN 3506", "shipping_name": "MERCURY CONTAINED IN MANUFACTURED ARTICLES",
              "hazard_class": "8 (6.1)", "packing_group": "III", "source_url": UN3506, "confidence": "medium",
              "as_of": "2013-01-31",
              "notes": "ADR special provision 366: articles with no more than 1 kg of mercury are not subject "
                       "to ADR; check the lamps' mercury content and the mode of transport"},
    "measuring_devices": {"un_number": "UN 3506", "shipping_name": "MERCURY CONTAINED IN MANUFACTURED ARTICLES",
                          "hazard_class": "8 (6.1)", "packing_group": "III", "source_url": UN3506,
                          "confidence": "medium", "as_of": "2013-01-31",
                          "notes": "thermometers, barometers, manometers and other articles containing mercury"},
}


def main() -> int:
    rows = []
    for stream in STREAMS:
        row = {f: "" for f in FIELDS}
        row["stream"] = stream
        row.update(KNOWN.get(stream, {}))
        if not row["un_number"]:
            row["notes"] = "no sourced UN entry: classify by composition (UN Model Regulations / IMDG Code)"
        rows.append(row)
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {OUT.name}: {len(rows)} streams, {sum(bool(r['un_number']) for r in rows)} with a UN number")
    return 0


if __name__ == "__main__":
    sys.exit(main())
