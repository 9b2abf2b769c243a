"""Build ``data/services.csv``: the shipped services and technologies of the catalogue.

Usage::

    python data/build_services.py

A *service* collects, packs, transports or exports mercury waste, or advises on it; a
*technology* is equipment or a process on offer. Neither treats waste at a site, so
neither enters the accessibility analysis: the country dossiers list them for the
streams they serve (``hgmap.catalogue.load_offers``). The file has the columns of a
catalogue entry (``hgmap.catalogue.ENTRY_COLUMNS``), so it imports into a catalogue
database unchanged (``hgmap catalogue import DB data/services.csv``).

``accepts_from`` says whom an entry serves, in the facility catalogue's vocabulary
(ISO3 codes, ``domestic``, ``SIDS``, ``region:Pacific`` ...), with its own source
(``acceptance_source``). **Empty means no source states a coverage**: the dossier then
lists the entry as global, and says so. Nothing here is inferred from a firm's size or
location.

Every row carries the pages it rests on, a confidence and the date the facts were
checked (``as_of``). Four services are the export hubs that ``data/facilities.csv``
also lists as rows without a treatment operation (Barbados, French Polynesia, New
Caledonia, Mauritius); their facts and sources are the same as there. The UNEP Global
Mercury Partnership's own "Catalogue of Technologies and Services" was not found
(see ``data/facilities_research/research_2026-11-26_NOTES.md``), so no row comes from it.
Re-run after editing ``ROWS``; the script checks every row with the catalogue's own
validator before it writes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).with_name("services.csv")
CHECKED = "2026-12-02"

ROWS: list[dict[str, str]] = [
    {
        "id": "SVC-WSM-001", "kind": "service",
        "operator": "Secretariat of the Pacific Regional Environment Programme (SPREP)",
        "name": "SPREP hazardous-waste and mercury technical assistance (Mercury-Free Pacific campaign)",
        "city": "Apia", "country_iso3": "WSM", "lat": "-13.83", "lon": "-171.76", "coord_precision": "city",
        "technologies": "", "streams": "lamps;batteries;dental_amalgam", "operations": "", "operations_basis": "",
        "capacity_tpy": "", "capacity_note": "", "status": "operating", "website": "https://www.sprep.org",
        "source_url": "https://www.sprep.org/node/70795 | "
                      "https://www.sprep.org/news/progressing-the-mercury-free-pacific-campaign | "
                      "https://www.sprep.org/news/mercury-free-pacific-campaign-featured-during-third-clean-pacific-roundtable",
        "confidence": "medium", "as_of": CHECKED,
        "description": "Regional intergovernmental organisation of the Pacific islands: a hazardous-waste adviser "
                       "for its members, the Mercury-Free Pacific campaign (endorsed 2021) and, with UNEP and the "
                       "GEF, the Pacific Regional Action Plan on Mercury. It names fluorescent bulbs, batteries and "
                       "dental amalgam as the common mercury sources. Technical assistance, not a waste contractor.",
        "notes": "SPREP news, 3 Sep 2025 (node 70795) and 8 Sep 2023. Whether SPREP arranges shipments of mercury "
                 "waste is not stated in the pages read. Coverage: the SPREP member governments that Cleaner "
                 "Pacific 2025 (SPREP 2016) lists as consulted; SPREP's metropolitan members (Australia, France, "
                 "New Zealand, the United States, ...) are not listed here, nor Tokelau (not a separate country in the shipped boundaries).",
        "accepts_imports": "unknown",
        "accepts_from": "ASM;COK;FSM;FJI;PYF;GUM;KIR;NRU;NCL;NIU;PLW;PNG;MHL;WSM;SLB;TON;TUV;VUT;WLF",
        "acceptance_source": "https://docslib.org/doc/2053258/cleaner-pacific-2025-pacific-regional-waste-and-"
                             "pollution-management-strategy-2016-2025-acknowledgements",
        "acceptance_confidence": "medium",
    },
    {
        "id": "SVC-TTO-001", "kind": "service",
        "operator": "Basel Convention Regional Centre for Training and Technology Transfer for the Caribbean "
                    "(BCRC-Caribbean)",
        "name": "BCRC-Caribbean mercury management projects",
        "city": "Port of Spain", "country_iso3": "TTO", "lat": "10.65", "lon": "-61.52", "coord_precision": "city",
        "technologies": "", "streams": "lamps;other", "operations": "", "operations_basis": "",
        "capacity_tpy": "", "capacity_note": "", "status": "operating", "website": "https://www.bcrc-caribbean.org",
        "source_url": "https://www.bcrc-caribbean.org/our-projects/mercury-management/ | "
                      "https://www.bcrc-caribbean.org/mercury-storage-and-disposal-project-in-the-caribbean-underway-"
                      "with-national-workshops-conducted-in-jamaica-suriname-and-trinidad-tobago/ | "
                      "https://d3evokhjn14zll.cloudfront.net/case-studies/identifying-feasible-strategies-"
                      "environmentally-sound-disposal-spent-lighting-products",
        "confidence": "medium", "as_of": CHECKED,
        "description": "Basel Convention regional centre: technical assistance on mercury waste. The Mercury Storage "
                       "and Disposal Project (2016, Norway ODA) built inventories and national work plans for "
                       "storage and disposal; a UNEP study with the centre looked for ways to dispose of spent "
                       "mercury lamps. Advice and projects, not a waste contractor.",
        "notes": "The spent-lighting study found that only a small fraction of spent bulbs from large generators "
                 "was handled by private disposers in Trinidad and Tobago, and no disposer able to handle them in "
                 "the other study countries. Coverage: the countries these projects name, and the twelve "
                 "countries of the GEF ISLANDS child projects 10279 and 10472 that the centre executes (chemicals "
                 "and waste, including mercury materials); the centre's full membership was not read. Haiti is "
                 "in none of these lists.",
        "accepts_imports": "unknown",
        "accepts_from": "JAM;SUR;TTO;KNA;LCA;ATG;BRB;BLZ;DOM;GUY;BHS;CUB;DMA",
        "acceptance_source": "https://www.bcrc-caribbean.org/mercury-storage-and-disposal-project-in-the-caribbean-"
                             "underway-with-national-workshops-conducted-in-jamaica-suriname-and-trinidad-tobago/ | "
                             "https://d3evokhjn14zll.cloudfront.net/case-studies/identifying-feasible-strategies-"
                             "environmentally-sound-disposal-spent-lighting-products | "
                             "https://www.bcrc-caribbean.org/our-news-events/gef-islands-10279-ad-hoc-project-"
                             "steering-committee-meeting/",
        "acceptance_confidence": "medium",
    },
    {
        "id": "SVC-BRB-001", "kind": "service", "operator": "Caribbean LED Lighting Inc.",
        "name": "Caribbean LED Lighting lamp crushing and export",
        "city": "Barbados", "country_iso3": "BRB", "lat": "13.10", "lon": "-59.61", "coord_precision": "region",
        "technologies": "", "streams": "lamps", "operations": "", "operations_basis": "",
        "capacity_tpy": "", "capacity_note": "3,265 to 9,087 lamps a year in 2012-2017 (operator page)",
        "status": "unknown", "website": "https://caribbeanledlighting.com",
        "source_url": "https://caribbeanledlighting.com/bulbeater/ | "
                      "https://caribdirect.com/bulb-crusher-coming-to-b%e2%80%99dian-shores",
        "confidence": "low", "as_of": CHECKED,
        "description": "Crushes fluorescent tubes and compact lamps in drum-top crushers with HEPA and carbon "
                       "filters and ships the sealed 55-gallon drums in 20 ft containers to an EPA-approved "
                       "recycler in Florida (not named).",
        "notes": "hgmap's facility list records this export hub too, with the same facts and sources. "
                 "The CEO (CaribDirect): there are no "
                 "facilities on the island to deal with lamps properly. Current activity not verified.",
        "accepts_imports": "unknown", "accepts_from": "BRB",
        "acceptance_source": "https://caribdirect.com/bulb-crusher-coming-to-b%e2%80%99dian-shores",
        "acceptance_confidence": "medium",
    },
    {
        "id": "SVC-PYF-001", "kind": "service", "operator": "Fenua Ma",
        "name": "Fenua Ma lamp collection and export",
        "city": "Tahiti", "country_iso3": "PYF", "lat": "-17.65", "lon": "-149.45", "coord_precision": "region",
        "technologies": "", "streams": "lamps", "operations": "", "operations_basis": "",
        "capacity_tpy": "", "capacity_note": "", "status": "unknown", "website": "",
        "source_url": "http://www.ladepeche.pf/ampoules-basse-consommation-et-neons-un-recyclage-problematique/",
        "confidence": "low", "as_of": CHECKED,
        "description": "Collects every type of lamp (mostly from companies and administrations, e.g. street "
                       "lighting) and exports them to New Zealand for recycling, at cost (350 XPF per kg, 2015).",
        "notes": "hgmap's facility list records this export hub too, with the same facts "
                 "(La Dépêche de Tahiti, 2015: collecting "
                 "since 2008). The New Zealand recycler is not named. Current activity not verified.",
        "accepts_imports": "unknown", "accepts_from": "PYF",
        "acceptance_source": "http://www.ladepeche.pf/ampoules-basse-consommation-et-neons-un-recyclage-problematique/",
        "acceptance_confidence": "medium",
    },
    {
        "id": "SVC-NCL-001", "kind": "service", "operator": "Socadis",
        "name": "Socadis hazardous-waste collection, pre-treatment and export",
        "city": "Nouméa", "country_iso3": "NCL", "lat": "-22.27", "lon": "166.45", "coord_precision": "city",
        "technologies": "", "streams": "other", "operations": "", "operations_basis": "",
        "capacity_tpy": "", "capacity_note": "", "status": "unknown", "website": "",
        "source_url": "https://www.dnc.nc/collecte-des-dechets-dangereux/",
        "confidence": "low", "as_of": CHECKED,
        "description": "Takes hazardous waste of all types from industry, mines and garages (not radioactive "
                       "waste, explosives or gas), treats it and exports it to New Zealand, sometimes onward to "
                       "Australia, South Korea or Europe.",
        "notes": "hgmap's facility list records this export hub too, with the same facts. "
                 "Mercury waste is not named in the source.",
        "accepts_imports": "unknown", "accepts_from": "NCL",
        "acceptance_source": "https://www.dnc.nc/collecte-des-dechets-dangereux/",
        "acceptance_confidence": "medium",
    },
    {
        "id": "SVC-MUS-001", "kind": "service", "operator": "Polyeco (Mauritius) Ltd",
        "name": "Interim Storage Facility for Hazardous Waste (ISFHW), export service",
        "city": "La Chaumière", "country_iso3": "MUS", "lat": "-20.21", "lon": "57.52", "coord_precision": "region",
        "technologies": "", "streams": "batteries;other", "operations": "", "operations_basis": "",
        "capacity_tpy": "", "capacity_note": "stores up to about 1,700 t", "status": "operating",
        "website": "https://www.polyeco.mu/isfhw/",
        "source_url": "https://environment.govmu.org/Pages/swmd/SWMD-Hazardous-Waste.aspx | "
                      "https://allafrica.com/stories/201710130559.html | https://www.polyeco.mu/isfhw/",
        "confidence": "low", "as_of": CHECKED,
        "description": "Since April 2017, hazardous wastes that cannot be treated in Mauritius are tested, "
                       "repackaged, stored and exported to licensed recovery or disposal facilities. Used "
                       "batteries and heavy-metal wastes are in scope.",
        "notes": "hgmap's facility list records this export hub too, with the same facts. "
                 "Mercury waste is not named explicitly in "
                 "the sources read.",
        "accepts_imports": "unknown", "accepts_from": "MUS",
        "acceptance_source": "https://environment.govmu.org/Pages/swmd/SWMD-Hazardous-Waste.aspx",
        "acceptance_confidence": "medium",
    },
    {
        "id": "TEC-USA-001", "kind": "technology", "operator": "Air Cycle Corporation",
        "name": "Bulb Eater drum-top lamp crusher",
        "city": "", "country_iso3": "USA", "lat": "", "lon": "", "coord_precision": "",
        "technologies": "other", "streams": "lamps", "operations": "", "operations_basis": "",
        "capacity_tpy": "", "capacity_note": "", "status": "operating", "website": "https://www.aircycle.com",
        "source_url": "https://www.aircycle.com/articles/epa-study/ | "
                      "https://en.wikipedia.org/wiki/Fluorescent_lamp_crusher | "
                      "https://akcruise.org/what-is-a-bulb-eater/ | https://caribbeanledlighting.com/bulbeater/",
        "confidence": "high", "as_of": CHECKED,
        "description": "Crushes spent fluorescent lamps into a 55-gallon drum and captures mercury vapour and "
                       "powder in a multi-stage filter (HEPA and carbon). It cuts storage and shipping volume "
                       "before a lamp recycler; it does not recover the mercury itself.",
        "notes": "A US EPA study of drum-top crushers (2006) tested it. Drum-top crushing is regulated by some US "
                 "states and may need a permit elsewhere. Used in Barbados by Caribbean LED Lighting. "
                 "No coverage is stated: "
                 "equipment sold to any buyer.",
        "accepts_imports": "unknown", "accepts_from": "", "acceptance_source": "", "acceptance_confidence": "",
    },
    {
        "id": "TEC-ECON-001", "kind": "technology", "operator": "econ industries",
        "name": "VacuDry vacuum thermal desorption and distillation plant",
        "city": "", "country_iso3": "", "lat": "", "lon": "", "coord_precision": "",
        "technologies": "thermal_desorption;distillation", "streams": "oil_gas_residues", "operations": "",
        "operations_basis": "", "capacity_tpy": "", "capacity_note": "", "status": "operating",
        "website": "https://www.econindustries.com",
        "source_url": "https://www.econindustries.com/mercury-waste/largest-mercury-treatment-plant | "
                      "https://www.econindustries.com/mercury-waste/mercury-waste-treatment-2 | "
                      "https://www.pindan.com.au/news/news-items/2018/largest-mercury-treatment-plant-in-aus-opens-in-ka",
        "confidence": "high", "as_of": CHECKED,
        "description": "Vacuum thermal desorption and distillation plants that recover mercury from "
                       "mercury-contaminated solid waste of the oil and gas industry; one runs at Contract "
                       "Resources' Gap Ridge plant, Karratha, Australia (a facility of hgmap's catalogue).",
        "notes": "Technology supplier: the plant, not a treatment service. No coverage is stated.",
        "accepts_imports": "unknown", "accepts_from": "", "acceptance_source": "", "acceptance_confidence": "",
    },
]

#: Where a service says it ships the waste it collects (``data/service_destinations.csv``): the
#: dossier says beside the service when its own legal answer closes that State to the country.
#: Only what the entry's own source states; the recycler itself is not named in any of them.
DEST = Path(__file__).with_name("service_destinations.csv")
DEST_COLUMNS = ("service_id", "ships_to_iso3", "stated", "source_url", "confidence", "as_of")
DESTINATIONS: list[dict[str, str]] = [
    {"service_id": "SVC-BRB-001", "ships_to_iso3": "USA",
     "stated": "ships the sealed 55-gallon drums in 20 ft containers to an EPA-approved recycler in Florida",
     "source_url": "https://caribbeanledlighting.com/bulbeater/", "confidence": "low", "as_of": CHECKED},
    {"service_id": "SVC-PYF-001", "ships_to_iso3": "NZL",
     "stated": "exports them to New Zealand for recycling",
     "source_url": "http://www.ladepeche.pf/ampoules-basse-consommation-et-neons-un-recyclage-problematique/",
     "confidence": "low", "as_of": CHECKED},
    {"service_id": "SVC-NCL-001", "ships_to_iso3": "NZL",
     "stated": "exports it to New Zealand, sometimes onward to Australia, South Korea or Europe",
     "source_url": "https://www.dnc.nc/collecte-des-dechets-dangereux/", "confidence": "low", "as_of": CHECKED},
]


def write_destinations() -> None:
    ids = {r["id"] for r in ROWS}
    for d in DESTINATIONS:
        if d["service_id"] not in ids or len(d["ships_to_iso3"]) != 3 or not d["source_url"]:
            raise SystemExit(f"bad destination row {d}")
    tmp = DEST.with_name("service_destinations.tmp.csv")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(DEST_COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(DESTINATIONS)
    tmp.replace(DEST)
    print(f"wrote {DEST} ({len(DESTINATIONS)} rows)")


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from hgmap.catalogue import ENTRY_COLUMNS
    from hgmap.catalogue.entries import read_entries

    missing = [(r["id"], c) for r in ROWS for c in ENTRY_COLUMNS if c not in r]
    extra = [(r["id"], c) for r in ROWS for c in r if c not in ENTRY_COLUMNS]
    if missing or extra:
        print(f"missing columns {missing[:5]}, unknown columns {extra[:5]}", file=sys.stderr)
        return 1
    tmp = OUT.with_name("services.tmp.csv")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(ENTRY_COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(ROWS)
    from hgmap.facilities.acceptance import parse_accepts_from

    for r in ROWS:
        parse_accepts_from(r["accepts_from"])  # raises on a code or group the vocabulary does not know
    checked = read_entries(tmp)
    if checked.bad_rows or checked.problems:
        tmp.unlink()
        print("\n".join(checked.problems), file=sys.stderr)
        return 1
    tmp.replace(OUT)
    print(f"wrote {OUT} ({len(ROWS)} entries)")
    write_destinations()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
