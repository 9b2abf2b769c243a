"""Build ``data/authorities.csv``: Basel competent authorities and focal points per country.

Usage::

    python data/build_authorities.py

The authoritative list is the Basel Convention's country contacts
(http://www.basel.int/Countries/CountryContacts/tabid/1342/Default.aspx), which hgmap
cannot read at run time. The rows below are the authorities (never persons) that public
pages found during research name for a country, each with its page; a country without a
row is unknown, and the dossier points the reader to the Basel country contacts. Re-run
after editing ``ROWS``; the script checks every row has a source, a confidence and a date.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).with_name("authorities.csv")
FIELDS = ("iso3", "role", "authority", "source_url", "confidence", "as_of", "valid_from", "lang", "notes")
#: Optional fields: ``valid_from`` is the date the row's legal basis took effect (the Act's or the
#: rule's, sourced in ``source_url`` and ``notes``; empty: not established, the row is shown for any
#: date); ``lang`` the language the name is recorded in (default en).
OPTIONAL = ("notes", "valid_from", "lang")
ROLES = ("competent_authority", "focal_point")

ROWS: list[dict[str, str]] = [
    {"iso3": "JAM", "role": "competent_authority",
     "authority": "Natural Resources Conservation Authority / National Environment and Planning Agency (NEPA)",
     "source_url": "https://websitearchive2020.nepa.gov.jm/newscenter/Press_releases/Archive/2004/"
                   "PR20042101-NewRegsTransBoundaryMovement.htm ; "
                   "https://jis.gov.jm/nepa-advances-efforts-to-align-countrys-waste-export-practices-with-basel-convention",
     "confidence": "high", "as_of": "2025-06-11",
     "notes": "NEPA press release 2004 (designated competent authority; issues export and transit permits); "
              "JIS 2025 shows NEPA still administering Basel exports"},
    {"iso3": "JAM", "role": "focal_point",
     "authority": "Office of the Prime Minister, Environmental Management Division",
     "source_url": "https://vdocuments.us/prepared-by-g-guthrie-environmental-management-division-office-of-the-prime.html",
     "confidence": "low", "as_of": "2011-01-01",
     "notes": "2011 customs-training slides; the 2004 NEPA release named the Ministry of Land and Environment. "
              "Ministries are reorganised often: check the Basel country contacts"},
    {"iso3": "NZL", "role": "competent_authority", "authority": "Environmental Protection Authority (EPA)",
     "source_url": "https://environment.govt.nz/what-government-is-doing/international-action/basel-convention/ ; "
                   "https://www.epa.govt.nz/industry-areas/hazardous-substances/hazardous-waste/importing-hazardous-waste/",
     "confidence": "high", "as_of": "2025-01-01",
     "notes": "permits under the Imports and Exports (Restrictions) Prohibition Order (No 2) 2004; "
              "import permits wait for the exporting State's competent authority"},
    {"iso3": "AUS", "role": "competent_authority",
     "authority": "Australian Government department administering the Hazardous Waste (Regulation of Exports "
                  "and Imports) Act 1989",
     "source_url": "https://www.legislation.gov.au/Details/C2017C00194 ; "
                   "http://www.nipera.org/WorkplaceGuide/LimitValuesAndHazardCommunication/Australia-HazardousMaterials.aspx",
     "confidence": "medium", "as_of": "2024-10-14",
     "notes": "the department's name changes with machinery-of-government changes; permits under the 1989 Act"},
    {"iso3": "CUB", "role": "competent_authority",
     "authority": "Centro de Inspección y Control Ambiental (CICA), Ministerio de Ciencia, Tecnología y Medio "
                  "Ambiente (CITMA)",
     "source_url": "https://www.ecured.cu/Centro_de_Inspecci%C3%B3n_y_Control_Ambiental ; "
                   "https://cmad.ama.cu/index.php/cmad/article/view/81",
     "confidence": "medium", "as_of": "2020-01-01", "lang": "es",
     "notes": "EcuRed: CICA is the responsible authority for the Basel Convention; CITMA Resolución 87/1999 "
              "regulates the functions of the Basel national authority and contact point"},
    {"iso3": "USA", "role": "competent_authority",
     "authority": "US Environmental Protection Agency (EPA), competent authority code USA01; notices through "
                  "EPA's Waste Import Export Tracking System (WIETS)",
     "source_url": "https://www.law.cornell.edu/regulations/utah/Utah-Admin-Code-R315-262-84 ; "
                   "https://regulations.justia.com/states/colorado/1000/1007-d-1/rule-6-ccr-1007-3/part-264/"
                   "subpart-b/section-6-ccr-1007-3-264-12 ; https://nepis.epa.gov/Exe/ZyPURL.cgi?Dockey=P100R5L5.txt ; "
                   "https://nepis.epa.gov/Exe/ZyPURL.cgi?Dockey=50000CLO.txt ; "
                   "https://regulations.justia.com/regulations/fedreg/2016/11/28/2016-27428.html",
     "confidence": "medium", "as_of": "2024-09-10", "valid_from": "2016-12-31",
     "notes": "40 CFR 262.84 (imports) read in its verbatim state adoption, Utah Admin. Code R315-262-84: where "
              "the country of export does not require the foreign exporter to notify and obtain consent, the "
              "importer notifies EPA at least 60 days before the first shipment, naming 'U.S.' as the country of "
              "import and 'USA01' as the relevant competent authority code; after the electronic import-export "
              "reporting compliance date notifications go through WIETS. Colorado 6 CCR 1007-3 264.12 (current "
              "through 10 Sep 2024) refers to 262.84 and WIETS. EPA OIG report 15-P-0172 (2015): EPA's consent "
              "precedes imports; it names the Office of Enforcement and Compliance Assurance (OECA) and its Office "
              "of Federal Activities among the offices concerned, and EPA's earlier import-export brochure "
              "(NEPIS 50000CLO, 401 M Street address) puts the Import-Export Program in OECA. The EPA division "
              "that handles notices today and its address were not read in a current source: check EPA's "
              "hazardous waste import-export pages. valid_from: the code USA01 and the 262.84 notices come from EPA's "
              "Hazardous Waste Export-Import Revisions final rule, 81 FR 85696 (28 Nov 2016), 'effective on "
              "December 31, 2016' (its DATES); before it imports followed 40 CFR 262.60, which names no such "
              "code or system: an earlier dossier does not name this row"},
    {"iso3": "TUV", "role": "competent_authority",
     "authority": "Department responsible for waste under the Waste Management Act 2017 (Part VI, s 33: "
                  "implements the waste-related conventions)",
     "source_url": "http://www.paclii.org/tv/legis/num_act/wma2017167/",
     "confidence": "low", "as_of": "2017-12-31", "valid_from": "2017-01-01",
     "notes": "PacLII, Tuvalu Sessional Legislation, Waste Management Act 2017 (Act No. 22 of 2017): its "
              "arrangement of sections was read on an anonymous mirror of PacLII with the same path (PacLII's "
              "Tuvalu sessional acts sit at paclii.org/tv/legis/num_act/, e.g. woasa2009332, the Waste "
              "Operations and Services Act 2009), which is no source to cite; Part VI 'Hazardous wastes and "
              "international conventions', s 33 'Department to implement certain waste related conventions'. "
              "The Act names 'the Department', not an agency: check the Basel country contacts and SPREP. "
              "valid_from: a lower bound, the first day of the Act's year (Act No. 22 of 2017); its date of "
              "commencement (s 1) was not read, so a dossier dated in 2017 before it still names this row; an "
              "earlier dossier does not (the Waste Operations and Services Act 2009 it follows has no Part on "
              "conventions in its arrangement of sections)"},
]


def main() -> int:
    seen = set()
    for i, row in enumerate(ROWS):
        row.setdefault("valid_from", "")
        row.setdefault("lang", "en")
        missing = [f for f in FIELDS if f not in OPTIONAL and not row.get(f)]
        if missing or row["role"] not in ROLES or row["confidence"] not in ("high", "medium", "low"):
            print(f"row {i} ({row.get('iso3')}): missing {missing} or bad role/confidence", file=sys.stderr)
            return 1
        key = (row["iso3"], row["role"], row["authority"])
        if key in seen:
            print(f"row {i}: duplicate {key}", file=sys.stderr)
            return 1
        seen.add(key)
    rows = sorted(ROWS, key=lambda r: (r["iso3"], ROLES.index(r["role"]), r["authority"]))
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {OUT.name}: {len(rows)} rows for {len({r['iso3'] for r in rows})} countries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
