"""Build ``data/transport_codes.csv``: UN numbers and hazard classes of the mercury-waste streams.

Usage::

    python data/build_transport_codes.py

``special_provisions`` lists the ADR special provision numbers of the entry (column 6 of
ADR Table A; ``366``: articles with no more than 1 kg of mercury are not subject to ADR),
separated by ``;``, so that outputs can print each in their own language.

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
FIELDS = ("stream", "un_number", "shipping_name", "hazard_class", "packing_group", "special_provisions",
          "source_url", "confidence", "as_of", "notes")
STREAMS = ("elemental_mercury", "lamps", "batteries", "measuring_devices", "dental_amalgam",
           "contaminated_soil", "mining_tailings", "chlor_alkali_residues", "oil_gas_residues", "other")

#: UN Model Regulations, Part 3 (Dangerous Goods List, chapter 3.2), Rev.16 (2009): the
#: authority for UN 2809's class, subsidiary hazard and packing group. hgmap's stored copy
#: shows the chapter, not the row, so the row values are corroborated by a carrier's
#: dangerous-goods surcharge notice (AJOT/MSC: "Hg, UN 2809, class 8, PG III").
UN2809 = ("https://www.slideshare.net/slideshow/03-e-part3/4502415 ; "
          "https://ajot.com/news/article/msc-hazardous-surchargescopeusa-puerto-rico-to-indian-subcontinent-"
          "middle-east-and-red-sea")
#: ADR Table A, UN 3506 (a rendering of the row: class 8, classification code CT3, labels
#: 8 + 6.1, special provision 366, limited quantity 5 kg, E0, P003, PP90; column 4, the
#: packing group, is empty) and the IATA DGR 54th edition (air: class 8 (6.1), PG III).
UN3506 = ("https://sespel.com/about/technical-info/adr/rtut-soderzhashchayasya-v-promyshlennyh-izdeliyah ; "
          "http://airtransport-tozai.com/dg_eng/Q&A-Detail_eng.php?idn=1359684920")
#: Language-neutral (the dossier prints it in every language): "—" is ADR's empty column.
UN3506_PG = "— (ADR Table A); III (IATA DGR)"
SP366 = ("ADR Table A, UN 3506 (sespel.com rendering): classification code CT3, labels 8 + 6.1, packing group "
         "column empty; IATA DGR 54th ed. (airtransport-tozai.com): class 8 (6.1), PG III for air; "
         "special provision 366 (ADR): manufactured instruments and articles containing not more "
         "than 1 kg of mercury are not subject to ADR; for air, IATA special provision A191 drops the 6.1 label up "
         "to 5 kg of mercury. The IMDG Code entry (sea) was not reached by hgmap: check it before a sea shipment")

KNOWN: dict[str, dict[str, str]] = {
    "elemental_mercury": {"un_number": "UN 2809", "shipping_name": "MERCURY", "hazard_class": "8 (6.1)",
                          "packing_group": "III", "source_url": UN2809, "confidence": "medium",
                          "as_of": "2009-01-01",
                          "notes": "class 8, subsidiary hazard 6.1, packing group III: UN Model Regulations, "
                                   "Dangerous Goods List (Rev.16, 2009, Part 3; the row itself is not in hgmap's "
                                   "stored copy, so it is corroborated by a carrier's dangerous-goods surcharge "
                                   "notice, AJOT/MSC: class 8, PG III); confirm in the current ADR Table A or "
                                   "IMDG Code"},
    "lamps": {"un_number": "UN 3506", "shipping_name": "MERCURY CONTAINED IN MANUFACTURED ARTICLES",
              "hazard_class": "8 (6.1)", "packing_group": UN3506_PG, "special_provisions": "366",
              "source_url": UN3506, "confidence": "medium",
              "as_of": "2013-01-31",
              "notes": SP366 + "; check the lamps' mercury content per package and the mode of transport"},
    "measuring_devices": {"un_number": "UN 3506", "shipping_name": "MERCURY CONTAINED IN MANUFACTURED ARTICLES",
                          "hazard_class": "8 (6.1)", "packing_group": UN3506_PG, "special_provisions": "366",
                          "source_url": UN3506,
                          "confidence": "medium", "as_of": "2013-01-31",
                          "notes": "thermometers, barometers, manometers and other articles containing mercury; "
                                   + SP366},
}


def main(out: Path = OUT) -> int:
    rows = []
    for stream in STREAMS:
        row = {f: "" for f in FIELDS}
        row["stream"] = stream
        row.update(KNOWN.get(stream, {}))
        if not row["un_number"]:
            row["notes"] = "no sourced UN entry: classify by composition (UN Model Regulations / IMDG Code)"
        rows.append(row)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {out.name}: {len(rows)} streams, {sum(bool(r['un_number']) for r in rows)} with a UN number")
    return 0


if __name__ == "__main__":
    sys.exit(main())
