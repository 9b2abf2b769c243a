"""Build hgmap's shipped legal tables (``data/law/*.csv``) from the legal research.

Usage::

    python data/build_law.py [RESEARCH_DIR] [--extra DIR] [--out DIR]

``RESEARCH_DIR`` defaults to ``../shared/research/legal`` relative to the repository
root; ``--extra`` (default ``data/law/research``) holds additional researched rows
(``*_additions.csv``, ``territories.csv``) that are merged over the shared ones when
present. The output is deterministic: rows are sorted and no timestamp is written, so
re-running the script on the same inputs gives byte-identical files.

Merging rule for additional rows: for the same (instrument, iso3) the row with the
higher confidence wins; on a tie the row with an exact entry-into-force date wins, then
the row with the later ``as_of``. The loser's source and facts are kept in ``notes``
("superseded: ...") and its ``source_url`` is appended to the winner's.

Nothing here guesses: a fact the research does not give stays blank, and the row's
``confidence`` and ``notes`` say why.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import logging
import sys
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger("build_law")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_RESEARCH = REPO.parent / "shared" / "research" / "legal"
DEFAULT_EXTRA = REPO / "data" / "law" / "research"
DEFAULT_OUT = REPO / "data" / "law"

CONF_RANK = {"low": 0, "medium": 1, "high": 2}

# Snapshot dates of the research's sources (RULES.md §4). They are approximate where the
# research only gives a period; the engine uses ``as_of`` only as "documented by".
AS_OF_IEADB = "2020-07-01"  # IEADB / HUGGO membership data, "c. Jul 2020"
AS_OF_UNTC = "2024-12-31"  # UNTC XXVII-3 snapshot "from 2024 or later"
AS_OF_VERDRAGENBANK = "2024-03-18"  # list includes Dominican Republic 18 Mar 2024
AS_OF_BAN_WIKI_2013 = "2013-07-01"  # BAN "deposit box", about mid-2013
AS_OF_BAN_WIKI_2024 = "2024-03-01"  # BAN wiki country-status table, Mar 2024
AS_OF_OECD = "2021-05-25"  # 38 members incl. Costa Rica
AS_OF_RESEARCH = "2024-12-31"  # newest evidence the research cites (Minamata count Dec 2024)

PARTY_STATUSES = {"party", "member", "accepted"}

MEMBERSHIP_COLUMNS = [
    "instrument", "iso3", "name", "status", "role", "deposit_date", "entry_into_force",
    "eif_not_before", "eif_not_after", "in_force_to", "source_url", "confidence", "as_of",
    "notes",
]


# --------------------------------------------------------------------------- helpers


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items() if k is not None}
                for row in csv.DictReader(fh)]


def write_csv(path: Path, columns: list[str], rows: Iterable[dict[str, str]]) -> int:
    rows = list(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".csv.part")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    tmp.replace(path)
    log.info("wrote %s (%d rows)", path, len(rows))
    return len(rows)


def is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def plus_days(text: str, days: int) -> str:
    return (dt.date.fromisoformat(text) + dt.timedelta(days=days)).isoformat()


def join_sources(*parts: str) -> str:
    seen: list[str] = []
    for part in parts:
        for url in (p.strip() for p in part.split(" ; ")):
            if url and url not in seen:
                seen.append(url)
    return " ; ".join(seen)


def as_of_for(sources: str, default: str = AS_OF_RESEARCH) -> str:
    """The snapshot date of the newest-dated source in ``sources`` (see constants)."""
    if "verdragenbank" in sources:
        return AS_OF_VERDRAGENBANK
    if "XXVII-3.en.xml" in sources or "discovery.researcher.life" in sources:
        return AS_OF_UNTC
    if "oldid=1858" in sources:
        return AS_OF_BAN_WIKI_2024
    if "Ban_Ratification_Deposit_Box" in sources:
        return AS_OF_BAN_WIKI_2013
    if "manyenviron" in sources:
        return AS_OF_IEADB
    return default


def row_score(row: dict[str, str]) -> tuple[int, int, str]:
    return (CONF_RANK.get(row.get("confidence", ""), 0),
            1 if is_date(row.get("entry_into_force", "")) else 0,
            row.get("as_of", ""))


def merge_rows(base: dict[tuple[str, str], dict[str, str]], extra: list[dict[str, str]],
               key_fields: tuple[str, str] = ("instrument", "iso3")) -> None:
    """Merge ``extra`` over ``base`` in place (see the module docstring)."""
    for row in extra:
        key = tuple(row[k] for k in key_fields)
        old = base.get(key)
        if old is None:
            base[key] = row
            continue
        win, lose = (row, old) if row_score(row) >= row_score(old) else (old, row)
        facts = ", ".join(f"{c}={lose[c]}" for c in ("status", "entry_into_force", "confidence", "as_of")
                          if lose.get(c))
        merged = dict(win)
        merged["source_url"] = join_sources(win.get("source_url", ""), lose.get("source_url", ""))
        note = f"superseded: {lose.get('source_url', '')} ({facts})"
        merged["notes"] = "; ".join(x for x in (win.get("notes", ""), note) if x)
        base[key] = merged


# --------------------------------------------------------------------- memberships


def basel_rows(research: Path) -> list[dict[str, str]]:
    rows = []
    for r in read_csv(research / "basel_parties.csv"):
        src = r["source_url"]
        eif = r["entry_into_force"]
        row = {
            "instrument": "basel", "iso3": r["iso3"], "name": r["name"], "status": r["status"],
            "deposit_date": r["date_of_ratification_or_accession"], "entry_into_force": eif,
            "source_url": src, "confidence": r["confidence"], "notes": r["notes"],
            "as_of": AS_OF_UNTC if r["status"] != "party" or not eif else as_of_for(src),
        }
        if r["status"] == "party" and not eif:
            # Accessions the research dates only to a period: 2020-2024 for GRD, SLB
            # ("absent from 2019/2020 IEADB data"), 2020 for TUV (YIEL 2020).
            notes = r["notes"].lower()
            if "2020 and 2024" in notes:
                row["eif_not_before"] = "2020-01-01"
                row["eif_not_after"] = AS_OF_UNTC
            elif "accession in 2020" in notes:
                row["eif_not_before"] = plus_days("2020-01-01", 90)
                row["eif_not_after"] = plus_days("2020-12-31", 90)
        rows.append(row)
    return rows


def ban_rows(research: Path) -> list[dict[str, str]]:
    rows = []
    for r in read_csv(research / "ban_amendment.csv"):
        acc = r["date_of_acceptance"]
        eif = r["entry_into_force"]
        row = {
            "instrument": "ban_amendment", "iso3": r["iso3"], "name": r["name"], "status": "accepted",
            "deposit_date": acc if is_date(acc) else "", "source_url": r["source_url"],
            "confidence": r["confidence"], "notes": r["notes"], "as_of": as_of_for(r["source_url"]),
        }
        if acc and not is_date(acc):
            row["notes"] = f"acceptance dated only '{acc}' in the source; {r['notes']}".strip("; ")
        if eif and is_date(eif):
            row["entry_into_force"] = eif
        elif len(acc) == 4 and acc.isdigit():
            # Basel Art 17(5): in force for the accepting Party on the 90th day after deposit.
            row["eif_not_before"] = plus_days(f"{acc}-01-01", 90)
            row["eif_not_after"] = plus_days(f"{acc}-12-31", 90)
        rows.append(row)
    # Annex VII states the research shows as NOT having accepted the amendment.
    for r in read_csv(research / "annex_vii.csv"):
        flag = r["ban_amendment_accepted"]
        if flag.startswith("no"):
            note = ("absent from the verified acceptance list" if flag == "no"
                    else "not ratified as of Sep 2019; not re-verified after")
            rows.append({
                "instrument": "ban_amendment", "iso3": r["iso3"], "name": r["name"],
                "status": "non-party", "source_url": r["source_url"],
                "confidence": "high" if flag == "no" else "medium",
                "as_of": AS_OF_VERDRAGENBANK if flag == "no" else "2019-09-30",
                "notes": f"annex_vii.csv: {flag}; {note}",
            })
    return rows


def minamata_rows(research: Path) -> list[dict[str, str]]:
    rows = []
    for r in read_csv(research / "minamata_parties.csv"):
        src = r["source_url"]
        rows.append({
            "instrument": "minamata", "iso3": r["iso3"], "name": r["name"], "status": "party",
            "deposit_date": r["date"], "entry_into_force": r["entry_into_force"], "source_url": src,
            "confidence": r["confidence"], "notes": r["notes"],
            "as_of": AS_OF_IEADB if "IEADB membership data" in r["notes"] else "2023-09-30",
        })
    return rows


def regional_rows(research: Path) -> list[dict[str, str]]:
    names = {"bamako": "bamako", "waigani": "waigani", "central_american": "caa",
             "izmir": "izmir", "oecd_decision_c2001_107": "oecd"}
    rows = []
    for r in read_csv(research / "regional.csv"):
        inst = names[r["convention"]]
        row = {"instrument": inst, "iso3": r["iso3"], "name": r["name"], "status": r["status"],
               "source_url": r["source_url"], "confidence": r["confidence"], "notes": r["notes"],
               "as_of": as_of_for(r["source_url"])}
        notes = r["notes"]
        if inst == "oecd":
            row["entry_into_force"] = r["date"]
            row["as_of"] = AS_OF_OECD
        elif r["status"] == "party":
            row["deposit_date"] = r["date"]
            eif = ""
            if "EIF " in notes:
                eif = notes.split("EIF ", 1)[1][:10]
            row["entry_into_force"] = eif if is_date(eif) else ""
            if not row["entry_into_force"]:
                # No EIF in the research (Izmir): documented as a Party by the source date.
                row["eif_not_after"] = row["as_of"]
        else:
            row["deposit_date"] = r["date"] if r["status"] == "signatory" else ""
        rows.append(row)
    return rows


EU_SOURCE = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12019W/TXT(02)"
EFTA_SOURCE = "https://www.efta.int/about-efta/history"
EEA_SOURCE = "https://www.efta.int/eea/eea-agreement"


def union_rows(research: Path) -> list[dict[str, str]]:
    """EU, EFTA and EEA memberships, plus Liechtenstein's express Annex VII listing."""
    rows = []
    for r in read_csv(research / "annex_vii.csv"):
        if r["eu_accession_date"]:
            rows.append({
                "instrument": "eu", "iso3": r["iso3"], "name": r["name"], "status": "member",
                "entry_into_force": r["eu_accession_date"], "source_url": r["source_url"],
                "confidence": "high", "as_of": AS_OF_RESEARCH,
                "notes": "EU (EEC/EC) accession date from annex_vii.csv",
            })
        if r["iso3"] == "LIE":
            rows.append({
                "instrument": "annex_vii", "iso3": "LIE", "name": r["name"], "status": "member",
                "entry_into_force": r["annex_vii_since"], "source_url": r["source_url"],
                "confidence": r["confidence"], "as_of": AS_OF_RESEARCH,
                "notes": "named expressly in Basel Annex VII",
            })
    rows.append({
        "instrument": "eu", "iso3": "GBR", "name": "United Kingdom of Great Britain and Northern Ireland",
        "status": "member", "entry_into_force": "1973-01-01", "in_force_to": "2020-12-31",
        "source_url": EU_SOURCE, "confidence": "high", "as_of": AS_OF_RESEARCH,
        "notes": ("member 1973-01-01 to 2020-01-31; Union law (incl. the Waste Shipment "
                  "Regulation) applied to and in the UK until the end of the transition period, "
                  "2020-12-31 (Withdrawal Agreement Arts 126-127)"),
    })
    efta = [("CHE", "Switzerland", "1960-05-03"), ("ISL", "Iceland", "1970-03-01"),
            ("LIE", "Liechtenstein", "1991-09-01"), ("NOR", "Norway", "1960-05-03")]
    for iso3, name, date in efta:
        rows.append({
            "instrument": "efta", "iso3": iso3, "name": name, "status": "member",
            "entry_into_force": date, "source_url": EFTA_SOURCE, "confidence": "high",
            "as_of": AS_OF_RESEARCH,
            "notes": "current EFTA member; hgmap's rules only need membership since 2007",
        })
    eea = [("ISL", "Iceland", "1994-01-01"), ("LIE", "Liechtenstein", "1995-05-01"),
           ("NOR", "Norway", "1994-01-01")]
    for iso3, name, date in eea:
        rows.append({
            "instrument": "eea", "iso3": iso3, "name": name, "status": "member",
            "entry_into_force": date, "source_url": join_sources(EEA_SOURCE, "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32006R1013"),
            "confidence": "medium", "as_of": AS_OF_RESEARCH,
            "notes": ("EEA EFTA state; applies the EU Waste Shipment Regulation through the EEA "
                      "Agreement (research: medium)"),
        })
    return rows


WAIGANI_TEXT = "http://classic.austlii.edu.au/au/legis/cth/num_reg/hwoeaicr1999835/sch1.html"
WAIGANI_AREA_NOTE = ("Convention Area per Waigani Art 1 as paraphrased in the research (RULES.md §3); "
                     "text of the definition not re-read")
FORUM_ISLAND_COUNTRIES = [
    ("COK", "Cook Islands"), ("FSM", "Micronesia (Federated States of)"), ("FJI", "Fiji"),
    ("KIR", "Kiribati"), ("MHL", "Marshall Islands"), ("NRU", "Nauru"), ("NIU", "Niue"),
    ("PLW", "Palau"), ("PNG", "Papua New Guinea"), ("WSM", "Samoa"), ("SLB", "Solomon Islands"),
    ("TON", "Tonga"), ("TUV", "Tuvalu"), ("VUT", "Vanuatu"),
]
WAIGANI_TERRITORIES = [
    ("ASM", "American Samoa"), ("PYF", "French Polynesia"), ("GUM", "Guam"),
    ("NCL", "New Caledonia"), ("MNP", "Northern Mariana Islands"), ("PCN", "Pitcairn"),
    ("TKL", "Tokelau"), ("WLF", "Wallis and Futuna"),
]


def waigani_area_rows() -> list[dict[str, str]]:
    """Waigani Convention Area (geographic, independent of party status)."""
    src = join_sources(WAIGANI_TEXT, "https://en.wikipedia.org/wiki/Waigani_Convention",
                       "https://www.envirotrain.co.uk/module-b/b3-controls-on-the-management-of-contained-waste/b3-6-agreements-and-protocols/b3-6-4the-waigani-convention")
    rows = []
    for iso3, name in [("AUS", "Australia"), ("NZL", "New Zealand")]:
        rows.append({"instrument": "waigani_area", "iso3": iso3, "name": name, "status": "member",
                     "entry_into_force": "2001-10-21", "role": "developed_party_state", "source_url": src, "confidence": "medium",
                     "as_of": AS_OF_RESEARCH, "notes": WAIGANI_AREA_NOTE})
    for iso3, name in FORUM_ISLAND_COUNTRIES:
        rows.append({"instrument": "waigani_area", "iso3": iso3, "name": name, "status": "member",
                     "entry_into_force": "2001-10-21", "role": "forum_island_country", "source_url": src, "confidence": "medium",
                     "as_of": AS_OF_RESEARCH,
                     "notes": WAIGANI_AREA_NOTE + "; Forum Island Country when the Convention was adopted (1995)"})
    for iso3, name in WAIGANI_TERRITORIES:
        rows.append({"instrument": "waigani_area", "iso3": iso3, "name": name, "status": "member",
                     "entry_into_force": "2001-10-21", "role": "pacific_territory", "source_url": src, "confidence": "medium",
                     "as_of": AS_OF_RESEARCH,
                     "notes": (WAIGANI_AREA_NOTE + "; whether the AUS/NZL export ban covers this "
                               "territory (as a 'territory in the Convention Area' or, for PYF/NCL, "
                               "as Forum members since 2016) is not verified (L)")})
    return rows


def membership_table(research: Path, extra: Path) -> list[dict[str, str]]:
    base: dict[tuple[str, str], dict[str, str]] = {}
    for row in (basel_rows(research) + ban_rows(research) + minamata_rows(research)
                + regional_rows(research) + union_rows(research) + waigani_area_rows()):
        key = (row["instrument"], row["iso3"])
        if key in base:
            raise SystemExit(f"duplicate membership row {key}")
        base[key] = row
    additions = {
        "basel_parties_additions.csv": ("basel", "date_of_ratification_or_accession"),
        "ban_amendment_additions.csv": ("ban_amendment", "date_of_acceptance"),
        "minamata_additions.csv": ("minamata", "date"),
    }
    for fname, (inst, date_col) in additions.items():
        path = extra / fname
        if not path.exists():
            log.info("no %s yet", path)
            continue
        rows = []
        for r in read_csv(path):
            status = r.get("status") or ("accepted" if inst == "ban_amendment" else "party")
            if inst == "ban_amendment" and status == "party":
                status = "accepted"
            deposit = r.get(date_col, "")
            eif = r.get("entry_into_force", "")
            row = {"instrument": inst, "iso3": r["iso3"].upper(), "name": r.get("name", ""),
                   "status": status, "deposit_date": deposit if is_date(deposit) else "",
                   "entry_into_force": eif if is_date(eif) else "",
                   "source_url": r.get("source_url", ""), "confidence": r.get("confidence", "low"),
                   "as_of": r.get("as_of", "") or AS_OF_RESEARCH, "notes": r.get("notes", "")}
            if status in PARTY_STATUSES and not row["entry_into_force"]:
                if is_date(deposit):
                    row["notes"] = (row["notes"] + "; entry into force not given: bounded by deposit + 90 days").strip("; ")
                    row["eif_not_before"] = deposit
                    row["eif_not_after"] = plus_days(deposit, 90)
                else:
                    row["eif_not_after"] = row["as_of"]
            rows.append(row)
        log.info("merging %d rows from %s", len(rows), path)
        merge_rows(base, rows)
    # Membership additions, then the regional groups read in the thirteenth pass (law17):
    # the Kuwait Protocol's Parties, the African States (UN M49) and SADC's members.
    for name in ("memberships_additions.csv", *REGIONAL_GROUP_FILES):
        path = extra / name
        if not path.exists():
            continue
        rows = []
        for i, r in enumerate(read_csv(path), start=2):
            for col in ("deposit_date", "entry_into_force", "eif_not_before", "eif_not_after", "in_force_to", "as_of"):
                if r.get(col) and not is_date(r[col]):
                    raise SystemExit(f"{path}:{i}: {col} {r[col]!r} is not a YYYY-MM-DD date")
            rows.append({c: r.get(c, "") for c in MEMBERSHIP_COLUMNS})
        log.info("merging %d rows from %s", len(rows), path)
        merge_rows(base, rows)
    for key, (not_before, source, why) in NARROWED_WINDOWS.items():
        row = base[key]
        if not row.get("entry_into_force") and (row.get("eif_not_before") or "") < not_before:
            row["eif_not_before"] = not_before
            row["source_url"] = join_sources(row["source_url"], source)
            row["notes"] = f"{row['notes']}; {why}".strip("; ")
    return sorted(base.values(), key=lambda r: (r["instrument"], r["iso3"]))


#: Research files of regional groups (data/law/research/), memberships_additions.csv columns.
REGIONAL_GROUP_FILES: tuple[str, ...] = ("kuwait_protocol_parties.csv", "africa_m49.csv", "sadc_members.csv")


# Lower bounds on an undated entry into force, from evidence that a State was not yet a
# Party on a date (second research pass, data/law/research/basel_parties_additions.csv).
_KRUZNA = ("https://kruzna-ekonomija.com/2021/05/13/baselska-konvencija-osnovne-cinjenice/ ; "
           "https://www.lexisnexis.co.uk/legal/guidance/the-basel-convention-snapshot")
NARROWED_WINDOWS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("basel", "GRD"): ("2021-08-11", _KRUZNA, "listed among UN members not yet Party on 2021-05-13 (188 Parties), "
                       "so in force no earlier than 2021-08-11 (deposit + 90 days, Art 25(2))"),
    ("basel", "SLB"): ("2021-08-11", _KRUZNA, "listed among UN members not yet Party on 2021-05-13 (188 Parties), "
                       "so in force no earlier than 2021-08-11 (deposit + 90 days, Art 25(2))"),
}


# ---------------------------------------------------------------------- instruments

INSTRUMENT_COLUMNS = ["instrument", "title", "entry_into_force", "in_force_to", "source_url",
                      "confidence", "as_of", "notes"]
IEADB = "https://github.com/globalgov/manyenviron/blob/48ab597/data-raw/memberships/IEADB_MEM/iea-memb.xlsx"
# Izmir Protocol Art 5(4) as paraphrased in the UNEP/MAP Barcelona Convention Reporting System form for the
# Hazardous Wastes Protocol (seventh pass; the Protocol text itself is reachable only as its preamble).
IZMIR_ART5 = "https://github.com/eaudeweb/barcelona-convention-webforms/blob/0572511/hwp/src/assets/form.js"
IZMIR_TEXT = ("https://webdosya.csb.gov.tr/db/ab/yayinlar/AB-Sozlesme-03-BarselonaSozlesmesi/files/basic-html/page51.html"
              " ; https://webdosya.csb.gov.tr/db/ab/yayinlar/AB-Sozlesme-03-BarselonaSozlesmesi/files/basic-html/page46.html")
IEADB_CURRENT = ("https://www.iea.ulaval.ca/en/download/ieadb-dataset-current-version-all-ieadb-dataset-files (IEADB current "
                 "version, files dated 2026-01-23; copy read at https://github.com/mgaldino/treaties-ideal-point/blob/746a24f/data/raw/ieadb/all-csv-files.zip)")
# Waigani Convention text (Arts 4(1)(a)-(b) read there, eighteenth pass).
WAIGANI_IEA_TEXT = "https://iea.uoregon.edu/coded-agreement-with-a-code-filter?title=3224"
# Kuwait Protocol (ROPME, 1998): the articles were read only in ECOLEX's summary; the stored copies of the text
# (scribd, its arietiform mirror, the UAE decree's Arabic attachment) stop after the preamble and Art 1(1).
KUWAIT_ECOLEX = ("https://www.ecolex.org/details/treaty/protocol-on-the-control-of-marine-transboundary-movements-and-disposal-"
                 "of-hazardous-wastes-and-other-wastes-tre-001298/")
KUWAIT_TEXT = ("https://arietiform.com/application/nph-tsq.cgi/en/20/https/www.scribd.com/document/516664418/Pcmt-Kuwait-1998 ; "
               "https://fr.scribd.com/document/185756101/Hazardous-Wastes-Protocol")
KUWAIT_NOTE = ("Articles read only in ECOLEX's summary (IUCN, TRE-001298): 'importation of hazardous wastes and other wastes from "
               "non-contracting States is prohibited, except if certain conditions are met (art. 5), disposal of such wastes in "
               "the Protocol Area is also prohibited, unless they are destined for operations specified in Annex IV Section B "
               "(art. 6), and exportation of hazardous wastes and other wastes to non-contracting States is allowed under certain "
               "conditions only (art. 7), as is transboundary movement of such wastes between contracting States (art. 8)'; the "
               "Protocol Area is defined in Art 3. The stored copies of the text (scribd and its mirror; the Arabic text annexed "
               "to UAE Federal Decree 77/2005 on theuaelaw.com; Iran's approving law) stop after the preamble and Art 1(1): the "
               "conditions of Arts 5, 7 and 8 and the Protocol Area (Art 3) were not read. Eighteenth pass (law19b): no "
               "fuller copy reached either (ECOLEX, scribd, IEA/uoregon, GitHub statute corpora; Iran's approving law of "
               "15/2/1380 (5 May 2001), oshagh.ir, stops after its single article, which says the Protocol has sixteen "
               "articles and five annexes); the article numbers cited (Arts 3, 5, 6, 7, 8, Annex IV Section B) are "
               "ECOLEX's and are kept")
M49_AFRICA = ("https://unstats.un.org/unsd/methodology/m49/ (region 002 Africa; read in the derived list "
              "https://github.com/lukes/ISO-3166-Countries-with-Regional-Codes/blob/b6e238f/all/all.csv, column region)")
SADC_SOURCE = "https://www.sadc.int/member-states"
IZMIR_NOTE = ("Protocol text read in the bilingual edition of Turkey's Ministry of Environment (csb.gov.tr, pages 45-51; "
              "each stored copy breaks off, so the UNEP/MAP reporting format fills in Art 5(4)): 'Subject to the specific "
              "provisions referred to in Art. 6 para. 4 relating to the transboundary movement of hazardous waste through "
              "the territorial sea of the State of transit, prohibition, by the Parties which are not Member States of the "
              "European Community of all imports and transit of hazardous waste'. The measures apply 'within the area "
              "under their jurisdiction' (Art 1(k): land, marine area or airspace), so overland transit is covered. The "
              "same Article obliges every Party to prohibit the export and transit of hazardous waste to developing "
              "countries (rule R4-izmir-export). Art 2 (the Protocol Area) was not read. ECOLEX TRE-001334 and "
              "what-when-how summarise it the same way")


def instrument_rows() -> list[dict[str, str]]:
    basel_text = "https://github.com/statengeneraal/laws-markdown (verdrag/basel/BWBV0002081)"
    return [
        {"instrument": "basel", "title": "Basel Convention on the Control of Transboundary Movements of Hazardous Wastes and their Disposal (1989)",
         "entry_into_force": "1992-05-05", "source_url": join_sources(basel_text, "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVII-3&chapter=27&clang=_en"),
         "confidence": "high", "notes": "UNTC XXVII-3"},
        {"instrument": "ban_amendment", "title": "Amendment to the Basel Convention (Ban Amendment, decision III/1, 1995): Art 4A and Annex VII",
         "entry_into_force": "2019-12-05", "source_url": "http://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XXVII/XXVII-3-a.en.xml ; http://www.basel.int/Default.aspx?tabid=3596",
         "confidence": "high", "notes": "binds only Annex VII Parties that accepted it, from its entry into force for each (deposit + 90 days, Basel Art 17(5))"},
        {"instrument": "minamata", "title": "Minamata Convention on Mercury (2013)", "entry_into_force": "2017-08-16",
         "source_url": "http://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XXVII/XXVII-17.en.xml",
         "confidence": "high", "notes": "Party list complete only to about Jul 2020 plus individual additions (see datasets.csv)"},
        {"instrument": "bamako", "title": "Bamako Convention on the Ban of the Import into Africa and the Control of Transboundary Movement and Management of Hazardous Wastes within Africa (1991)",
         "entry_into_force": "1998-04-22", "source_url": join_sources(IEADB, "https://m.global.ssl.fastly.net/Bamako_Convention"), "confidence": "high", "notes": ""},
        {"instrument": "waigani", "title": "Waigani Convention (Convention to Ban the Importation into Forum Island Countries of Hazardous and Radioactive Wastes ..., 1995)",
         "entry_into_force": "2001-10-21", "source_url": join_sources(IEADB, "https://www.informea.org/en/node/376092", WAIGANI_TEXT), "confidence": "high", "notes": ""},
        {"instrument": "waigani_area", "title": "Waigani Convention Area (Art 1: Forum Island Countries, Australia, New Zealand and listed Pacific territories)",
         "entry_into_force": "2001-10-21", "source_url": WAIGANI_TEXT, "confidence": "medium", "notes": WAIGANI_AREA_NOTE},
        {"instrument": "caa", "title": "Central American Regional Agreement on the Transboundary Movement of Hazardous Wastes (1992)",
         "entry_into_force": "1995-11-17", "source_url": IEADB, "confidence": "medium", "notes": "content of the import/transit ban paraphrased from memory in the research (L)"},
        {"instrument": "izmir", "title": "Izmir Protocol on the Prevention of Pollution of the Mediterranean Sea by Transboundary Movements of Hazardous Wastes and their Disposal (1996)",
         "entry_into_force": "2008-01-19", "source_url": join_sources("https://cil.nus.edu.sg/?p=55331", "http://what-when-how.com/Tutorial/topic-186589lff/Environmental-Management-235.html"),
         "confidence": "low", "notes": "EIF date from memory in the research; non-EU Parties prohibit all imports and transits (secondary summary only)"},
        {"instrument": "kuwait", "title": "Kuwait Protocol: Protocol on the Control of Marine Transboundary Movements and Disposal of Hazardous Wastes and Other Wastes (ROPME, Tehran 1998), to the Kuwait Regional Convention (1978)",
         "entry_into_force": "2005-08-21", "source_url": join_sources(IEADB_CURRENT, KUWAIT_ECOLEX, KUWAIT_TEXT), "confidence": "medium",
         "notes": "entry into force 21 Aug 2005 per ECOLEX (TRE-001298); IEADB (IEA# 3277) says 2005-09-04, so the first five Parties' rows are bounded 2005-08-21..2005-09-04 (low in between). " + KUWAIT_NOTE},
        {"instrument": "africa", "title": "African States: the UN M49 region Africa (002), sovereign States only (a partner group, not a treaty)",
         "entry_into_force": "", "source_url": M49_AFRICA, "confidence": "high",
         "notes": "used for national rules that name 'African States' (Senegal's Code de l'environnement 2023 Art 80); territories of non-African States listed by M49 under Africa (Reunion, Mayotte, Saint Helena, BIOT, French Southern Territories) are not African States; Western Sahara (M49 Africa, not a UN member) is left out and said so"},
        {"instrument": "sadc", "title": "Southern African Development Community (SADC Treaty, Windhoek 1992): member States with their accession dates",
         "entry_into_force": "1993-09-30", "source_url": SADC_SOURCE, "confidence": "medium",
         "notes": "a partner group (Zambia's S.I. 112 of 2013 reg 26(a)); see sadc_members.csv for each member's date and source"},
        {"instrument": "oecd", "title": "Membership of the OECD (scope of OECD Decision C(2001)107/FINAL)", "entry_into_force": "1961-09-30",
         "source_url": "https://github.com/openclimatedata/countrygroups/blob/master/data/oecd.csv", "confidence": "high", "notes": ""},
        {"instrument": "eu", "title": "Membership of the European Union (EEC/EC/EU); 'eu_law' territories in territories.csv", "entry_into_force": "1958-01-01",
         "source_url": "https://eur-lex.europa.eu/", "confidence": "high", "notes": ""},
        {"instrument": "efta", "title": "European Free Trade Association", "entry_into_force": "1960-05-03", "source_url": EFTA_SOURCE, "confidence": "high", "notes": ""},
        {"instrument": "eea", "title": "Agreement on the European Economic Area (EEA EFTA states)", "entry_into_force": "1994-01-01", "source_url": EEA_SOURCE, "confidence": "high", "notes": ""},
        {"instrument": "annex_vii", "title": "Basel Annex VII (Parties and other States which are members of OECD, EC, Liechtenstein); hgmap derives it as OECD or EU membership, plus Liechtenstein (dynamic reading)",
         "entry_into_force": "2019-12-05", "source_url": "http://www.basel.int/Default.aspx?tabid=3596", "confidence": "medium",
         "notes": "dynamic reading per the Basel Secretariat Q&A present tense (research: M)"},
    ]


# -------------------------------------------------------------------- agreements

AGREEMENT_COLUMNS = ["agreement_id", "title", "members", "exporters", "importers", "operations",
                     "streams", "scope_limited", "waste_scope", "signed", "in_force_from", "in_force_to",
                     "date_quality", "source_url", "confidence", "as_of", "notes"]


def agreement_rows(research: Path, extra: Path = DEFAULT_EXTRA) -> list[dict[str, str]]:
    """Art 11 agreements with machine-readable direction, operations and members.

    ``members`` is ``@instrument`` for regional conventions (members resolved by date
    from memberships.csv) or ISO3 codes; ``exporters``/``importers`` restrict the
    direction ("*" = any member). Agreements researched after the shared research
    (``extra/article11_additions.csv``, eighteenth pass) carry their own direction,
    operations and scope; an ``expires`` date there is not modelled by the engine
    (agreements.csv has no end column) and is written into ``notes``.
    """
    spec = {
        # id: (members, exporters, importers, operations, scope_limited)
        "USA-CAN-1986": ("USA;CAN", "*", "*", "disposal;recovery", "no"),
        "USA-MEX-1986": ("USA;MEX", "*", "*", "disposal;recovery", "no"),
        "OECD-C(2001)107": ("@oecd", "*", "*", "recovery", "no"),
        "USA-CRI-1997": ("USA;CRI", "CRI", "USA", "disposal;recovery", "yes"),
        "USA-MYS": ("USA;MYS", "MYS", "USA", "disposal;recovery", "yes"),
        "USA-PHL-2001": ("USA;PHL", "PHL", "USA", "disposal;recovery", "yes"),
        "FRA-CMR-2000": ("FRA;CMR", "CMR", "FRA", "disposal;recovery", "yes"),
        "FRA-GAB-2003": ("FRA;GAB", "GAB", "FRA", "disposal", "no"),
        "SMR-ITA-2000": ("SMR;ITA", "SMR", "ITA", "recovery", "no"),
        "CIS-1996": ("ARM;BLR;KAZ;KGZ;RUS;TJK;UZB", "*", "*", "disposal;recovery", "no"),
        "BAMAKO-1991": ("@bamako", "*", "*", "disposal;recovery", "no"),
        "WAIGANI-1995": ("@waigani", "*", "*", "disposal;recovery", "no"),
        "CAA-1992": ("@caa", "*", "*", "disposal;recovery", "no"),
        "IZMIR-1996": ("@izmir", "*", "*", "disposal;recovery", "no"),
    }
    rows = []
    for r in read_csv(research / "article11_agreements.csv"):
        aid = r["agreement_id"]
        members, exporters, importers, ops, limited = spec[aid]
        in_force, quality = r["in_force"], "exact"
        if not in_force and aid == "OECD-C(2001)107":
            # C(2001)107 revises C(92)39/FINAL of 30 Mar 1992 (research, article11_agreements.csv).
            in_force, quality = "1992-03-30", "predecessor"
        elif not in_force and is_date(r["signed"]):
            in_force, quality = r["signed"], "signature"
        elif not in_force:
            quality = "unknown"
        notes = r["notes"]
        if aid in {"FRA-CMR-2000"}:
            notes = (notes + "; operations not stated in the source: both assumed, flagged").strip("; ")
        if aid == "CIS-1996":
            notes = (notes + "; members listed are the IEADB ratifiers").strip("; ")
        rows.append({
            "agreement_id": aid, "title": r["title"], "members": members, "exporters": exporters,
            "importers": importers, "operations": ops, "streams": "all", "scope_limited": limited,
            # date_quality: exact | predecessor (C(92)39/FINAL of 1992) | signature (EIF not found) | unknown
            "waste_scope": r["waste_scope"], "signed": r["signed"] if is_date(r["signed"]) else "",
            "in_force_from": in_force, "in_force_to": "", "date_quality": quality, "source_url": r["source_url"],
            "confidence": r["confidence"], "as_of": as_of_for(r["source_url"]), "notes": notes,
        })
    additions = extra / "article11_additions.csv"
    for r in read_csv(additions) if additions.exists() else []:
        aid = r["agreement_id"]
        if aid in spec or any(x["agreement_id"] == aid for x in rows):
            raise SystemExit(f"{additions.name}: agreement_id {aid!r} is already defined")
        for field in ("members", "exporters", "importers", "operations", "scope_limited", "confidence"):
            if not r[field].strip():
                raise SystemExit(f"{additions.name}: {aid}: field {field!r} is empty")
        bad_ops = set(r["operations"].split(";")) - {"disposal", "recovery"}
        if bad_ops or r["scope_limited"] not in {"yes", "no"} or r["confidence"] not in CONF_RANK:
            raise SystemExit(f"{additions.name}: {aid}: bad operations, scope_limited or confidence")
        for field in ("signed", "in_force", "expires", "as_of"):
            if r.get(field, "") and not is_date(r[field]):
                raise SystemExit(f"{additions.name}: {aid}: field {field!r} is not a date: {r[field]!r}")
        in_force, quality = r["in_force"], "exact"
        if not in_force and r["signed"]:
            in_force, quality = r["signed"], "signature"
        elif not in_force:
            quality = "unknown"
        notes = r["notes"]
        if r["expires"]:
            notes = f"in force until {r['expires']} (in_force_to); {notes}".strip("; ")
        rows.append({
            "agreement_id": aid, "title": r["title"], "members": r["members"], "exporters": r["exporters"],
            "importers": r["importers"], "operations": r["operations"], "streams": "all",
            "scope_limited": r["scope_limited"], "waste_scope": r["waste_scope"], "signed": r["signed"],
            "in_force_from": in_force, "in_force_to": r["expires"], "date_quality": quality,
            "source_url": r["source_url"], "confidence": r["confidence"],
            "as_of": r.get("as_of") or as_of_for(r["source_url"]), "notes": notes,
        })
    return sorted(rows, key=lambda r: r["agreement_id"])


# -------------------------------------------------------------------------- bans

BAN_COLUMNS = ["ban_id", "holder", "measure", "rule_id", "legal_basis", "scope_wastes",
               "streams", "flag_streams", "operations", "partners", "effective_from", "effective_not_before",
               "effective_not_after", "effective_to", "effective_to_not_before", "effective_to_not_after",
               "source_url", "confidence", "as_of", "notes"]


def ban_table(research: Path, extra: Path) -> list[dict[str, str]]:
    """Import, export and transit bans.

    ``rule_id`` names the engine rule that implements the row. Rows for
    ``R4-national-*``/``R7-national-transit`` are evaluated generically from
    ``holder``/``partners``/``streams``/``operations``; the others are built-in rules
    whose dates and sources come from here.
    """
    src = {r["legal_basis"]: r for r in read_csv(research / "import_bans.csv")}

    def pick(basis_start: str) -> dict[str, str]:
        for basis, r in src.items():
            if basis.startswith(basis_start):
                return r
        raise SystemExit(f"import_bans.csv has no row whose legal_basis starts {basis_start!r}")

    def base(r: dict[str, str]) -> dict[str, str]:
        return {"legal_basis": r["legal_basis"], "scope_wastes": r["scope_wastes"],
                "source_url": r["source_url"], "confidence": r["confidence"],
                "as_of": AS_OF_RESEARCH, "notes": r["notes"]}

    rows = [
        {**base(pick("Constitution 1991 Art 81")), "ban_id": "COL-CONST-81", "holder": "COL",
         "measure": "import_ban", "rule_id": "R4-national-import", "streams": "all",
         "operations": "disposal;recovery", "partners": "all", "effective_from": "1991-07-04"},
        {**base(pick("Constitution 1999 Art 129")), "ban_id": "VEN-CONST-129", "holder": "VEN",
         "measure": "import_ban", "rule_id": "R4-national-import", "streams": "all",
         "operations": "disposal;recovery", "partners": "all", "effective_from": "1999-12-30"},
        {**base(pick("Bamako Convention Art 4(1)")), "ban_id": "BAMAKO-4-1", "holder": "@bamako",
         "measure": "import_ban", "rule_id": "R4-bamako", "streams": "all",
         "operations": "disposal;recovery", "partners": "non_members:bamako",
         "effective_from": "1998-04-22"},
        {**base(pick("Waigani Convention Art 4(1)(a)")), "ban_id": "WAIGANI-4-1-A",
         "holder": "@waigani_pidp", "measure": "import_ban", "rule_id": "R4-waigani-import",
         "streams": "all", "operations": "disposal;recovery", "partners": "outside:waigani_area",
         "effective_from": "2001-10-21"},
        {**base(pick("Waigani Convention Art 4(1)(b)")), "ban_id": "WAIGANI-4-1-B",
         "holder": "AUS;NZL", "measure": "export_ban", "rule_id": "R4-waigani-export",
         "streams": "all", "operations": "disposal;recovery",
         "partners": "waigani_area:forum_island_country;pacific_territory",
         "effective_from": "2001-10-21",
         "source_url": join_sources(pick("Waigani Convention Art 4(1)(b)")["source_url"],
                                    "http://foreignminister.gov.au/releases/1995/m113.html")},
        {**base(pick("Central American Regional Agreement")), "ban_id": "CAA-IMPORT",
         "holder": "@caa", "measure": "import_ban", "rule_id": "R4-caa", "streams": "all",
         "operations": "disposal;recovery", "partners": "non_members:caa",
         "effective_from": "1995-11-17"},
        {**base(pick("Central American Regional Agreement")), "ban_id": "CAA-TRANSIT",
         "holder": "@caa", "measure": "transit_ban", "rule_id": "R7-caa-transit", "streams": "all",
         "operations": "disposal;recovery", "partners": "non_members:caa",
         "effective_from": "1995-11-17"},
        {"ban_id": "IZMIR-IMPORT", "holder": "@izmir_non_eu", "measure": "import_ban",
         "rule_id": "R4-izmir", "legal_basis": "Izmir Protocol (1996) Art 5(4)",
         "scope_wastes": "hazardous wastes incl. radioactive", "streams": "all",
         "operations": "disposal;recovery", "partners": "all", "effective_from": "2008-01-19",
         "source_url": join_sources(IZMIR_TEXT, IZMIR_ART5, "https://cil.nus.edu.sg/?p=55331", "http://what-when-how.com/Tutorial/topic-186589lff/Environmental-Management-235.html"),
         "confidence": "medium", "as_of": AS_OF_RESEARCH,
         "notes": IZMIR_NOTE},
        {"ban_id": "IZMIR-TRANSIT", "holder": "@izmir_non_eu", "measure": "transit_ban",
         "rule_id": "R7-izmir-transit", "legal_basis": "Izmir Protocol (1996) Art 5(4)",
         "scope_wastes": "hazardous wastes incl. radioactive", "streams": "all",
         "operations": "disposal;recovery", "partners": "all", "effective_from": "2008-01-19",
         "source_url": join_sources(IZMIR_TEXT, IZMIR_ART5, "https://cil.nus.edu.sg/?p=55331", "http://what-when-how.com/Tutorial/topic-186589lff/Environmental-Management-235.html"),
         "confidence": "medium", "as_of": AS_OF_RESEARCH,
         "notes": "see IZMIR-IMPORT; Art 5(4) is 'subject to' Art 6(4), under which a movement through the territorial sea of a transit State needs only prior notification (reporting format, Art 6.4)"},
    ]
    wsr = pick("Reg (EC) 1013/2006 Art 34")
    rows += [
        {**base(wsr), "ban_id": "EU-WSR-34", "holder": "@wsr_area", "measure": "export_ban",
         "rule_id": "R9-wsr-disposal", "legal_basis": "Reg (EC) 1013/2006 Art 34; Reg (EU) 2024/1157 from 2026-05-21",
         "streams": "all", "operations": "disposal", "partners": "except:efta_basel_party",
         "effective_from": "2007-07-12"},
        {**base(wsr), "ban_id": "EU-WSR-36", "holder": "@wsr_area", "measure": "export_ban",
         "rule_id": "R9-wsr-recovery", "legal_basis": "Reg (EC) 1013/2006 Art 36; Reg (EU) 2024/1157 from 2026-05-21",
         "streams": "all", "operations": "recovery", "partners": "except:oecd",
         "effective_from": "2007-07-12"},
        {**base(wsr), "ban_id": "EU-WSR-41-43", "holder": "@wsr_area", "measure": "import_ban",
         "rule_id": "R9-wsr-import", "legal_basis": "Reg (EC) 1013/2006 Arts 41 (disposal) and 43 (recovery)",
         "scope_wastes": "all wastes imported into the Community",
         "streams": "all", "operations": "disposal;recovery",
         "partners": "except:basel_party;art11;oecd_for_recovery", "effective_from": "2007-07-12",
         "confidence": "medium",
         "notes": "RULES.md R9: 'imports from outside the EU need Basel-Party status or an agreement' (Art 43 also admits OECD-Decision countries for recovery)"},
    ]
    hg = pick("Reg (EU) 2017/852 Art 3(1)")
    rows.append({**base(hg), "ban_id": "EU-HG-EXPORT", "holder": "@eu_law", "measure": "export_ban",
                 "rule_id": "R9-hg-export", "streams": "scope:eu_hg_export",
                 "operations": "disposal;recovery", "partners": "non_members:eu_law",
                 "effective_from": "2011-03-15",
                 "notes": hg["notes"] + "; metallic mercury export banned since 2011-03-15 by Reg (EC) 1102/2008 Art 1(1); compounds from 2018-01-01"})
    hgi = pick("Reg (EU) 2017/852 Art 4")
    rows.append({**base(hgi), "ban_id": "EU-HG-IMPORT", "holder": "@eu_law", "measure": "import_ban",
                 "rule_id": "R9-hg-import", "streams": "scope:eu_hg_export", "operations": "recovery",
                 "partners": "non_members:eu_law", "effective_from": "2018-01-01"})
    meba = pick("Mercury Export Ban Act 2008")
    rows.append({**base(meba), "ban_id": "US-MEBA", "holder": "@us", "measure": "export_ban",
                 "rule_id": "R10-meba", "streams": "scope:us_meba", "operations": "disposal;recovery",
                 "partners": "all", "effective_from": "2013-01-01"})
    laut = pick("TSCA s.12(c) as amended")
    rows.append({**base(laut), "ban_id": "US-LAUTENBERG", "holder": "@us", "measure": "export_ban",
                 "rule_id": "R10-lautenberg", "streams": "scope:us_lautenberg",
                 "operations": "disposal;recovery", "partners": "except:oecd_for_disposal",
                 "effective_from": "2020-01-01"})
    ant = pick("Basel Art 4(6)")
    rows.append({**base(ant), "ban_id": "BASEL-4-6", "holder": "*", "measure": "export_ban",
                 "rule_id": "R1", "streams": "all", "operations": "disposal;recovery",
                 "partners": "antarctic", "effective_from": "1992-05-05"})

    # Scope of the researched national bans in hgmap's stream/operation terms. A ban whose
    # reach into a stream is not established flags that stream instead of prohibiting.
    addition_scope = {
        ("THA", "import_ban"): {"streams": "", "flag_streams": "lamps;batteries;measuring_devices;other",
                                "note": "hgmap: an e-waste ban (mercury switches, batteries in assemblies); which mercury streams count as the listed e-waste is not established, so it flags rather than prohibits"},
        ("IND", "import_ban"): {"operations": "disposal", "note": "hgmap: import for disposal only"},
    }
    path = extra / "import_bans_additions.csv"
    if path.exists():
        for i, r in enumerate(read_csv(path), start=1):
            holder = r.get("iso3_or_group", "").upper()
            measure = r.get("measure", "import_ban") or "import_ban"
            if measure not in {"import_ban", "export_ban", "transit_ban"} or len(holder) != 3:
                log.warning("%s row %d: measure %r / holder %r not a national ban; kept out", path, i, measure, holder)
                continue
            eff = r.get("effective_date", "")[:10]
            rule = {"import_ban": "R4-national-import", "export_ban": "R4-national-export",
                    "transit_ban": "R7-national-transit"}[measure]
            scope = addition_scope.get((holder, measure), {})
            rows.append({
                # A national law whose State has SARs or territories with their own waste regimes
                # reaches only the State itself: China's Solid Waste Law does not apply in Hong Kong
                # or Macao (Basic Laws Art 18; separate Basel competent authorities).
                "ban_id": f"{holder}-{measure.split('_')[0].upper()}-{i}", "holder": OWN_TERRITORY_ONLY.get(holder, holder),
                "measure": measure, "rule_id": rule, "legal_basis": r.get("legal_basis", ""),
                "scope_wastes": r.get("scope_wastes", ""), "streams": scope.get("streams", "all"),
                "flag_streams": scope.get("flag_streams", ""),
                "operations": scope.get("operations", "disposal;recovery"), "partners": "all",
                "effective_from": eff if is_date(eff) else "",
                "source_url": r.get("source_url", ""), "confidence": r.get("confidence", "low"),
                "as_of": r.get("as_of", "") or AS_OF_RESEARCH,
                "notes": "; ".join(x for x in (scope.get("note", ""), r.get("partners", ""), r.get("mercury_specific", ""), r.get("notes", "")) if x),
            })
    rows += national_ban_rows(extra)
    seen: set[str] = set()
    for r in rows:
        if r["ban_id"] in seen:
            raise SystemExit(f"duplicate ban_id {r['ban_id']}")
        seen.add(r["ban_id"])
    return rows


#: Holders whose national bans stop at the State's own territory (``=`` prefix: not its SARs).
OWN_TERRITORY_ONLY = {"CHN": "=CHN"}

MEASURE_RULES = {"import_ban": "R4-national-import", "export_ban": "R4-national-export",
                 "transit_ban": "R7-national-transit"}


def national_ban_rows(extra: Path) -> list[dict[str, str]]:
    """Rows of ``research/national_bans.csv`` (already in bans.csv form, one fact a row).

    A start date that the sources only bound is kept as ``effective_not_before`` /
    ``effective_not_after`` with ``effective_from`` blank: the engine then treats the
    ban as not in force before the lower bound, in force after the upper bound, and
    says the date is unknown in between. An end that the sources only bound (a
    suspension whose lifting is not dated, a repeal inferred from a later law) is
    ``effective_to_not_before`` / ``effective_to_not_after`` with ``effective_to`` blank:
    in force until the upper bound, its end unknown from the lower one.
    """
    path = extra / "national_bans.csv"
    if not path.exists():
        return []
    out = []
    for i, r in enumerate(read_csv(path), start=2):
        measure = r["measure"]
        if measure not in MEASURE_RULES:
            raise SystemExit(f"{path}:{i}: measure {measure!r} is not one of {sorted(MEASURE_RULES)}")
        for col in ("effective_from", "effective_not_before", "effective_not_after", "effective_to",
                    "effective_to_not_before", "effective_to_not_after", "as_of"):
            if r.get(col) and not is_date(r[col]):
                raise SystemExit(f"{path}:{i}: {col} {r[col]!r} is not a YYYY-MM-DD date")
        if not r.get("source_url") or r.get("confidence") not in CONF_RANK:
            raise SystemExit(f"{path}:{i}: every ban needs a source_url and a confidence")
        row = {c: r.get(c, "") for c in BAN_COLUMNS}
        row["rule_id"] = r.get("rule_id") or MEASURE_RULES[measure]
        out.append(row)
    log.info("merged %d rows from %s", len(out), path)
    return out


# ---------------------------------------------------------------------- territories

TERRITORY_COLUMNS = ["territory_iso3", "name", "sovereign_iso3", "basel_coverage", "coverage_from",
                     "eu_law_applies", "oecd_status", "annex_vii_status", "status_source_url",
                     "status_confidence", "own_treaty_status", "source_url", "confidence", "as_of", "notes"]
GLOBAL_REG = "https://www.global-regulation.com (Austrian BGBl notice 'Scope of the Basel Convention')"
VERDRAGEN = "https://verdragenbank.overheid.nl/en/Verdrag/Details/003765_b"
VLEX = "https://international.vlex.com/vid/866751911"
EU_OCT = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016E355 (TFEU Arts 349, 355)"


def default_territories() -> list[dict[str, str]]:
    """The territories table of RULES.md §3, plus codes the countries layer may carry."""
    t = []

    def add(iso3, name, sov, cov, cov_from, eu, src, conf, notes):
        t.append({"territory_iso3": iso3, "name": name, "sovereign_iso3": sov, "basel_coverage": cov,
                  "coverage_from": cov_from, "eu_law_applies": eu, "source_url": src,
                  "confidence": conf, "as_of": AS_OF_RESEARCH, "notes": notes})

    for iso3, name in [("GRL", "Greenland"), ("FRO", "Faroe Islands")]:
        add(iso3, name, "DNK", "covered", "2008-04-30", "no", GLOBAL_REG, "medium",
            "territorial extension 30 Apr 2008 (RULES.md §3, M-H); not in the EU")
    add("JEY", "Jersey", "GBR", "covered", "2007-09-14", "no", GLOBAL_REG, "medium", "extension 14 Sep 2007")
    for iso3, name in [("GIB", "Gibraltar"), ("IMN", "Isle of Man"), ("GGY", "Guernsey"),
                       ("BMU", "Bermuda"), ("CYM", "Cayman Islands"), ("VGB", "British Virgin Islands"),
                       ("AIA", "Anguilla"), ("MSR", "Montserrat"), ("TCA", "Turks and Caicos Islands"),
                       ("FLK", "Falkland Islands (Malvinas)"), ("SHN", "Saint Helena, Ascension and Tristan da Cunha"),
                       ("PCN", "Pitcairn"), ("IOT", "British Indian Ocean Territory"),
                       ("SGS", "South Georgia and the South Sandwich Islands")]:
        eu = "unknown" if iso3 == "GIB" else "no"
        add(iso3, name, "GBR", "unknown", "", eu, VERDRAGEN, "low",
            "UK listed among declarants in the Dutch treaty DB; text not seen"
            + ("; EU law applied in Gibraltar until 2020-12-31 (not modelled per territory)" if iso3 == "GIB" else ""))
    for iso3, name in [("PRI", "Puerto Rico"), ("GUM", "Guam"), ("VIR", "United States Virgin Islands"),
                       ("ASM", "American Samoa"), ("MNP", "Northern Mariana Islands"),
                       ("UMI", "United States Minor Outlying Islands")]:
        add(iso3, name, "USA", "not_covered", "", "no",
            "https://github.com/globalgov/manyenviron/blob/48ab597/data-raw/memberships/HUGGO_MEM/HUGGO_MEM_reconciled.csv",
            "high", "the USA is not a Basel Party")
    for iso3, name, eu in [("GLP", "Guadeloupe", "yes"), ("MTQ", "Martinique", "yes"),
                           ("GUF", "French Guiana", "yes"), ("REU", "Réunion", "yes"),
                           ("MYT", "Mayotte", "yes"), ("MAF", "Saint Martin (French part)", "yes"),
                           ("BLM", "Saint Barthélemy", "no"), ("SPM", "Saint Pierre and Miquelon", "no"),
                           ("PYF", "French Polynesia", "no"), ("NCL", "New Caledonia", "no"),
                           ("WLF", "Wallis and Futuna", "no"),
                           ("ATF", "French Southern Territories", "no")]:
        kind = "outermost region: EU law applies" if eu == "yes" else "overseas country or territory: EU law does not apply"
        add(iso3, name, "FRA", "covered", "", eu, join_sources(VERDRAGEN, EU_OCT), "medium",
            f"France made no territorial declaration, so by default (VCLT Art 29) Basel applies to its whole territory; {kind} (EU part from memory, M)")
    for iso3, name in [("ABW", "Aruba"), ("CUW", "Curaçao"), ("SXM", "Sint Maarten (Dutch part)"),
                       ("BES", "Bonaire, Sint Eustatius and Saba")]:
        add(iso3, name, "NLD", "unknown", "", "no", VERDRAGEN, "low",
            "Dutch treaty DB records application per Kingdom part; Basel page not retrieved; overseas country/territory for EU law")
    add("HKG", "Hong Kong", "CHN", "covered", "1997-07-01", "no", VLEX, "medium",
        "China notification of 1997 recorded by UNTC/vlex")
    add("MAC", "Macao", "CHN", "covered", "1999-12-20", "no", VLEX, "medium",
        "China notification of 1999 recorded by UNTC/vlex")
    add("TKL", "Tokelau", "NZL", "not_covered", "", "no",
        join_sources(VERDRAGEN, "https://www.wipo.int/wipolex"), "low",
        "probably excluded: NZ made a Basel declaration and NZ practice excludes Tokelau (L-M)")
    add("SJM", "Svalbard and Jan Mayen", "NOR", "unknown", "", "no", VERDRAGEN, "low",
        "Norway made declarations; content not seen")
    add("BVT", "Bouvet Island", "NOR", "unknown", "", "no", VERDRAGEN, "low",
        "uninhabited; Norway's declarations not seen")
    add("ALA", "Åland Islands", "FIN", "unknown", "", "yes", EU_OCT, "low",
        "no research on Finland's Basel territorial scope; EU law applies (with derogations)")
    for iso3, name in [("CCK", "Cocos (Keeling) Islands"), ("CXR", "Christmas Island"),
                       ("NFK", "Norfolk Island"), ("HMD", "Heard Island and McDonald Islands")]:
        add(iso3, name, "AUS", "unknown", "", "no", "", "low",
            "Australian external territory; no research on Australia's Basel territorial scope")
    # Northern Cyprus and Somaliland are not separate entries: the countries layer merges
    # them into Cyprus and Somalia (their de-jure States, see DATA.md).
    return t


def territory_table(extra: Path, memberships: list[dict[str, str]]) -> list[dict[str, str]]:
    """Territories; ``own_treaty_status`` = yes for associated States with their own Basel
    status (Cook Islands, Niue), which the engine never resolves through the sovereign."""
    rows = {r["territory_iso3"]: r for r in default_territories()}
    path = extra / "territories.csv"
    if path.exists():
        for r in read_csv(path):
            code = r.get("territory_iso3", "").upper()
            if not code:
                continue
            new = {c: r.get(c, "") for c in TERRITORY_COLUMNS}
            new["territory_iso3"] = code
            new["as_of"] = new["as_of"] or AS_OF_RESEARCH
            old = rows.get(code)
            if old is not None:
                if CONF_RANK.get(new["confidence"], 0) >= CONF_RANK.get(old["confidence"], 0):
                    new["source_url"] = join_sources(new["source_url"], old["source_url"])
                    new["notes"] = "; ".join(x for x in (new["notes"], f"superseded: {old['basel_coverage']} ({old['confidence']}) {old['source_url']}") if x)
                else:
                    old["source_url"] = join_sources(old["source_url"], new["source_url"])
                    old["notes"] = "; ".join(x for x in (old["notes"], f"research row not used: {new['basel_coverage']} ({new['confidence']})") if x)
                    continue
            rows[code] = new
        log.info("merged %s", path)
    own = {r["iso3"] for r in memberships if r["instrument"] == "basel"}
    for r in rows.values():
        r["own_treaty_status"] = "yes" if r["territory_iso3"] in own else "no"
    status = extra / "territory_status.csv"
    if status.exists():
        for r in read_csv(status):
            t = rows.get(r["territory_iso3"])
            if t is None:
                raise SystemExit(f"{status}: {r['territory_iso3']} is not in the territories table")
            for col in ("oecd_status", "annex_vii_status"):
                if r[col] not in {"yes", "no", "unknown"}:
                    raise SystemExit(f"{status}: {r['territory_iso3']} {col} {r[col]!r}")
                t[col] = r[col]
            t["status_source_url"] = r["source_url"]
            t["status_confidence"] = r["confidence"]
            t["notes"] = "; ".join(x for x in (t["notes"], "OECD/Annex VII: " + r["notes"]) if x)
    for t in rows.values():
        # Never copied from the sovereign: a territory without a researched status is unknown.
        t["oecd_status"] = t.get("oecd_status") or "unknown"
        t["annex_vii_status"] = t.get("annex_vii_status") or "unknown"
        t["status_confidence"] = t.get("status_confidence") or "low"
    return sorted(rows.values(), key=lambda r: r["territory_iso3"])


# --------------------------------------------------------------------------- coverage

COVERAGE_SOURCE = "data/law/research/coverage.csv (hgmap research log: States whose national law was read)"
COVERAGE_AS_OF = "2026-12-01"  # date of the third research pass
COVERAGE_COLUMNS = ["iso3", "name", "national_rules", "transit_rules", "checked", "result", "source_url", "confidence",
                    "as_of"]


def coverage_rows(extra: Path, memberships: list[dict[str, str]],
                  territories: list[dict[str, str]]) -> list[dict[str, str]]:
    """Which States' national import/export/transit rules hgmap has researched.

    Every State and territory of the tables gets a row: ``researched`` (with what was
    checked) or ``not researched``. The engine caps the confidence of a permission
    whose destination or transit State is ``not researched``.
    """
    names: dict[str, str] = {}
    for r in memberships:
        if r["instrument"] == "basel" and r["iso3"] != "EUE":
            names.setdefault(r["iso3"], r["name"])
    for t in territories:
        names.setdefault(t["territory_iso3"], t["name"])
    researched: dict[str, dict[str, str]] = {}
    path = extra / "coverage.csv"
    if path.exists():
        for i, r in enumerate(read_csv(path), start=2):
            if r["national_rules"] not in {"researched", "not researched"}:
                raise SystemExit(f"{path}:{i}: national_rules {r['national_rules']!r}")
            researched[r["iso3"]] = r
    # States researched whose transit rules were not read: their transit stays 'not researched'.
    unread_path = extra / "transit_unread.csv"
    unread = {r["iso3"] for r in read_csv(unread_path)} if unread_path.exists() else set()
    out = []
    for code in sorted(set(names) | set(researched)):
        r = researched.get(code)
        if r is None:
            out.append({"iso3": code, "name": names.get(code, ""), "national_rules": "not researched",
                        "transit_rules": "not researched",
                        "checked": "no national statute or constitution read for this State",
                        "result": "national import/export/transit rules unknown",
                        "source_url": COVERAGE_SOURCE, "confidence": "high", "as_of": COVERAGE_AS_OF})
        else:
            row = {**{c: r.get(c, "") for c in COVERAGE_COLUMNS}, "name": names.get(code, "")}
            row["transit_rules"] = "not researched" if code in unread else r["national_rules"]
            row["source_url"] = row["source_url"] or COVERAGE_SOURCE
            out.append(row)
    return out


# --------------------------------------------------------------------------- streams

STREAM_COLUMNS = ["stream", "basel_entries", "eu_hg_export", "us_meba", "us_lautenberg",
                  "minamata_art11", "source_url", "confidence", "as_of", "notes"]


#: The e-waste entry of Basel Annex VIII, dated: decision BC-15/18 (COP-15, 2022) replaced A1180 with
#: A1181 "with effect on 1 January 2025" (Basel Secretariat, E-waste Amendments FAQ, question 2).
EWASTE = "Y29; A1030; A1180 to 2024-12-31; A1181 from 2025-01-01"
EWASTE_FAQ = "https://www.basel.int/Implementation/Ewaste/EwasteAmendments/EwasteAmendmentsFAQs/tabid/10107/Default.aspx"
EWASTE_READ = "2026-12-02"
EWASTE_NOTE = ("Basel e-waste entry dated (law: hgmap.law.basel_entries): 'The following changes were made to Annexes "
               "II, VIII and IX to the Convention, with effect on 1 January 2025: Annex VIII ...: replacement of entry "
               "A1180 with entry A1181 covering all hazardous e-waste, e-waste components, and wastes from the processing "
               "of e-waste' (decision BC-15/18; Basel Secretariat FAQ, read 2026-12-02). A1180 is given no start date "
               "(Annex VIII's own start is not in this table). Whether a given lamp or battery consignment is e-waste "
               "under A1181 or only an A1030 waste is the competent authority's call.")


def stream_rows() -> list[dict[str, str]]:
    """Which mercury rules reach each waste stream: yes / partial / no.

    ``partial`` never prohibits on its own: the decision carries a flag saying which
    consignments of the stream the rule would reach.
    """
    basel = "https://github.com/statengeneraal/laws-markdown (verdrag/basel/BWBV0002081)"
    eu = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A32017R0852"
    us = "https://www.epa.gov/mercury/questions-and-answers-mercury-export-ban-act-meba-2008 ; https://www.strtrade.com/news-publications-exports-mercury-compounds-prohibit-EPA-083116.html"
    rows = [
        ("elemental_mercury", "Y29; A1010", "yes", "yes", "no", "yes",
         "metallic (elemental) mercury that is waste"),
        ("lamps", EWASTE, "no", "no", "no", "yes",
         "mercury-added products are not metallic mercury or listed compounds"),
        ("batteries", EWASTE, "no", "no", "partial", "yes",
         "mercury(II) oxide button cells contain a Lautenberg-listed compound; whether the export ban reaches the battery waste is not established"),
        ("measuring_devices", "Y29; A1010; A1030", "partial", "partial", "no", "yes",
         "devices are products; mercury drained from them is metallic mercury"),
        ("dental_amalgam", "Y29; A1030", "no", "no", "no", "yes", "amalgam is an alloy, not metallic mercury"),
        ("contaminated_soil", "Y29; A1030", "no", "no", "no", "yes", "contaminated with mercury or compounds"),
        ("mining_tailings", "Y29; A1030", "no", "no", "partial", "partial",
         "Minamata Art 11(2): the definition of mercury waste excludes overburden, waste rock and tailings from mining, except from primary mercury mining, unless they contain mercury or mercury compounds above thresholds defined by the Conference of the Parties (tailings from artisanal gold mining can be mercury waste); cinnabar (HgS) is Lautenberg-listed and in Reg 2017/852 Annex I"),
        ("chlor_alkali_residues", "Y29; A1010; A1030", "partial", "partial", "partial", "yes",
         "may be metallic mercury (Reg 2017/852 Art 11: chlor-alkali mercury is waste) or sludges/compounds"),
        ("oil_gas_residues", "Y29; A1010; A1030", "partial", "partial", "no", "yes",
         "gas-cleaning mercury may be metallic mercury"),
        ("other", "Y29; A1030", "partial", "partial", "partial", "yes", "composition not known"),
    ]
    return [{"stream": s, "basel_entries": b, "eu_hg_export": e, "us_meba": m, "us_lautenberg": lt,
             "minamata_art11": mi,
             "source_url": join_sources(basel, eu, us, *((EWASTE_FAQ,) if b == EWASTE else ())),
             "confidence": "medium",
             "as_of": EWASTE_READ if b == EWASTE else AS_OF_RESEARCH,
             "notes": ("hgmap assumption: every stream is an Art 1(1)(a) hazardous waste (Y29 in Annex I; "
                       "Annex VIII entries presumed hazardous). " + note
                       + (" " + EWASTE_NOTE if b == EWASTE else ""))}
            for s, b, e, m, lt, mi, note in rows]


# ----------------------------------------------------------------------------- rules

RULE_COLUMNS = ["rule_id", "title", "citation", "effect", "in_force_from", "source_url",
                "confidence", "as_of", "notes"]


ECFR_262_84 = "https://www.ecfr.gov/current/title-40/chapter-I/subchapter-I/part-262/subpart-H/section-262.84"


def rule_rows(extra: Path | None = None) -> list[dict[str, str]]:
    basel = "https://github.com/statengeneraal/laws-markdown (verdrag/basel/BWBV0002081)"
    ban = "http://www.basel.int/Default.aspx?tabid=3596"
    wsr = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32006R1013"
    wsr24 = "https://eur-lex.europa.eu/legal-content/EN/ALL/?uri=OJ%3AL_202401157"
    hg = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A32017R0852"
    minamata = "https://github.com/statengeneraal/laws-markdown (BWBV0006298)"
    r = [
        ("R0-domestic", "Origin and destination are the same country", "-", "informs", "", "", "high", ""),
        ("R0-same-state", "Movement within one State (territory and its sovereign)", "Basel Art 2(3)", "informs", "1992-05-05", basel, "medium",
         "a transboundary movement is one between areas under the jurisdiction of different States"),
        ("R1", "Antarctica", "Basel Art 4(6)", "prohibits", "1992-05-05", basel, "high", "export for disposal south of 60 deg S"),
        ("R2", "Party to non-Party", "Basel Art 4(5)", "prohibits", "1992-05-05", basel, "high", ""),
        ("R2-art11", "Article 11 agreement", "Basel Art 11", "permits", "1992-05-05", basel, "high", ""),
        ("R2-not-governed", "Neither State is a Basel Party", "Basel Art 4(5) (not applicable)", "informs", "", basel, "high", ""),
        ("R3", "Ban Amendment", "Basel Art 4A (Ban Amendment, decision III/1)", "prohibits", "2019-12-05", ban, "high", ""),
        ("R4-national-import", "National import ban", "Basel Art 4(1)(b), 4(2)(e); national law", "prohibits", "", basel, "high", ""),
        ("R4-national-export", "National export ban", "national law; Basel Art 4(11)", "prohibits", "", basel, "high", ""),
        ("R4-bamako", "Bamako import ban", "Bamako Convention Art 4(1)", "prohibits", "1998-04-22", "https://m.global.ssl.fastly.net/Bamako_Convention", "high", "article text paraphrased in the research"),
        ("R4-waigani-import", "Waigani import ban into Pacific Island Developing Parties", "Waigani Convention Art 4(1)(a)", "prohibits", "2001-10-21", WAIGANI_IEA_TEXT + " ; http://foreignminister.gov.au/releases/1995/m113.html", "high", "Art 4(1)(a), read in the IEA Database Project's coded text (eighteenth pass, law19c): 'Each Pacific Island Developing Party shall take appropriate legal, administrative and other measures within the area under its jurisdiction to ban the import of all hazardous wastes and radioactive wastes from outside the Convention Area. Such import shall be deemed an illegal and criminal act'"),
        ("R4-waigani-export", "Australia/New Zealand export ban to Forum Island Countries", "Waigani Convention Art 4(1)(b)", "prohibits", "2001-10-21", WAIGANI_IEA_TEXT + " ; http://foreignminister.gov.au/releases/1995/m113.html", "high", "Art 4(1)(b), read in the IEA Database Project's coded text (eighteenth pass, law19c): 'Each Other Party shall take appropriate legal, administrative and other measures within the area under its jurisdiction to ban the export of all hazardous wastes and radioactive wastes to all Forum Island Countries, or to territories located in the Convention Area with the exception of those that have the status of Other Parties in accordance with Annex IV. Such export shall be deemed an illegal and criminal act'. The Art 1 list of the Convention Area and Annex IV were not read: exports to Pacific territories stay low"),
        ("R4-caa", "Central American import ban", "Central American Regional Agreement (1992) Art 3", "prohibits", "1995-11-17",
         join_sources("https://www.abc.com.py/autor/luis-prette-santander", "http://wiki.ban.org/index.php?title=Central_American_Agreement&diff=773&oldid=571", IEADB), "medium",
         "Art 3 as quoted (abc.com.py): Central American countries shall prohibit 'la importación y tránsito de desechos considerados peligrosos, hacia Centroamérica desde países que no sean parte de este acuerdo'; text of the Agreement on the BAN wiki"),
        ('R4-izmir', 'Izmir Protocol import ban (non-EU Parties)', 'Izmir Protocol (1996) Art 5(4)', 'prohibits', '2008-01-19', 'https://webdosya.csb.gov.tr/db/ab/yayinlar/AB-Sozlesme-03-BarselonaSozlesmesi/files/basic-html/page51.html ; https://webdosya.csb.gov.tr/db/ab/yayinlar/AB-Sozlesme-03-BarselonaSozlesmesi/files/basic-html/page46.html ; https://github.com/eaudeweb/barcelona-convention-webforms/blob/0572511/hwp/src/assets/form.js ; http://what-when-how.com/Tutorial/topic-186589lff/Environmental-Management-235.html', 'medium', "Art 5(4): non-EU Parties prohibit all imports of hazardous wastes. Protocol text read in the bilingual (Turkish/English) edition of the Barcelona Convention and its Protocols published by Turkey's Ministry of Environment (csb.gov.tr, pages 45-51): Art 5(4) 'Subject to the specific provisions relating to the transboundary movement of hazardous wastes through the territorial sea of a State of transit, referred to in Article 6.4 of this Protocol, all Parties shall take appropriate legal, administrative and other measures within the area under their jurisdiction to prohibit the ...' (the page copy breaks off there; the rest as in the UNEP/MAP reporting format: export and transit to developing countries, and, by the Parties which are not EC Member States, all imports and transit); Art 1(k) 'area under the national jurisdiction of a State' is any land, marine area or airspace within which a State exercises administrative and regulatory responsibility (Turkish text); Art 1(f) a transboundary movement is any movement from an area under the national jurisdiction of one State to or through such an area of another State. Art 2 (Protocol Area) was not found in any readable copy. The ban is framed by the area under the Party's jurisdiction (land included), not by the Mediterranean Sea Area, so it is applied to every import into a non-EU Party. The all-Parties ban on exports to developing countries is R4-izmir-export; transit is R7-izmir-transit."),
        ('R4-izmir-export', 'Izmir Protocol export ban to developing countries (every Party)', 'Izmir Protocol (1996) Art 5(4); Art 1(u) (developing countries: States not members of the OECD)', 'prohibits', '2008-01-19', 'https://webdosya.csb.gov.tr/db/ab/yayinlar/AB-Sozlesme-03-BarselonaSozlesmesi/files/basic-html/page51.html ; https://webdosya.csb.gov.tr/db/ab/yayinlar/AB-Sozlesme-03-BarselonaSozlesmesi/files/basic-html/page46.html ; https://github.com/eaudeweb/barcelona-convention-webforms/blob/0572511/hwp/src/assets/form.js ; http://what-when-how.com/Tutorial/topic-186589lff/Environmental-Management-235.html', 'medium', 'Art 5(4): \'all Parties shall take appropriate legal, administrative and other measures within the area under their jurisdiction to prohibit the export and transit of hazardous wastes to developing countries\' (English text, csb.gov.tr p.51, and the UNEP/MAP reporting format item \'prohibition of the export and transit of hazardous waste, within the area under their jurisdiction, to developing countries\'). Art 1(u) read only in the Turkish text, whose line breaks off after \'"Gelismekte olan ulkeler" Iktisadi Isbirligi ve Kalkinma Teskilati (OECD) uye-\' (developing countries: [non-]members of the OECD): read as States that are not OECD members on the assessment date (dynamic, as hgmap reads Annex VII); hence medium. Applies to every Party, Malta included (EU rules already bar the same exports). From each Party\'s entry into force (the Protocol: 2008-01-19).'),
        ('R4-kuwait-import', 'Kuwait Protocol: imports from non-Contracting States (prohibited except under conditions not read): a flag', 'Kuwait Protocol Art 5; Art 6 (disposal)', 'flags', '2005-08-21', KUWAIT_ECOLEX + ' ; ' + IEADB_CURRENT, 'low', 'ECOLEX summary (TRE-001298): importation of hazardous wastes and other wastes from non-contracting States is prohibited, except if certain conditions are met (art. 5); disposal of such wastes in the Protocol Area is prohibited unless destined for Annex IV Section B operations (art. 6). The conditions and the Protocol Area (Art 3) were not read, so an import into a Party from a non-Party is flagged (confidence low, the unknown named), never prohibited. Parties: BHR, IRN, KWT, OMN, QAT, SAU, ARE (IEADB IEA# 3277); Iraq has no recorded signature or ratification.'),
        ('R6-kuwait', 'Kuwait Protocol: exports to non-Contracting States (Art 7) and movements between Contracting States (Art 8) only under its conditions', 'Kuwait Protocol Art 7; Art 8', 'requires', '2005-08-21', KUWAIT_ECOLEX, 'low', 'ECOLEX summary (TRE-001298): exportation of hazardous wastes and other wastes to non-contracting States is allowed under certain conditions only (art. 7), as is transboundary movement of such wastes between contracting States (art. 8). A condition naming the article; the conditions themselves were not read.'),
        ("R5-esm", "Environmentally sound management", "Basel Art 4(2)(e), 4(2)(g), 4(8), 4(9)", "requires", "1992-05-05", basel, "high", ""),
        ("R6-pic", "Prior informed consent", "Basel Art 6(1)-(3)", "requires", "1992-05-05", basel, "high", ""),
        ("R7-party-transit", "Transit through a Party", "Basel Art 6(4)", "requires", "1992-05-05", basel, "high", ""),
        ("R7-nonparty-transit", "Transit through a non-Party", "Basel Art 7", "requires", "1992-05-05", basel, "high", ""),
        ("R7-caa-transit", "Central American transit ban", "Central American Regional Agreement (1992) Art 3", "prohibits", "1995-11-17",
         join_sources("https://www.abc.com.py/autor/luis-prette-santander", IEADB), "medium", "import and transit from non-Parties (Art 3 as quoted)"),
        ('R7-izmir-transit', 'Izmir Protocol transit ban (non-EU Parties: all transit; every Party: transit to developing countries)', 'Izmir Protocol (1996) Art 5(4)', 'prohibits', '2008-01-19', 'https://webdosya.csb.gov.tr/db/ab/yayinlar/AB-Sozlesme-03-BarselonaSozlesmesi/files/basic-html/page51.html ; https://webdosya.csb.gov.tr/db/ab/yayinlar/AB-Sozlesme-03-BarselonaSozlesmesi/files/basic-html/page46.html ; https://webdosya.csb.gov.tr/db/ab/yayinlar/AB-Sozlesme-03-BarselonaSozlesmesi/files/basic-html/page45.html ; https://github.com/eaudeweb/barcelona-convention-webforms/blob/0572511/hwp/src/assets/form.js ; http://what-when-how.com/Tutorial/topic-186589lff/Environmental-Management-235.html', 'medium', "Art 5(4): non-EU Parties prohibit all transit of hazardous wastes; every Party (Malta, an EU Member State, too) prohibits transit to developing countries (non-OECD, Art 1(u)). Protocol text read in the bilingual (Turkish/English) edition of the Barcelona Convention and its Protocols published by Turkey's Ministry of Environment (csb.gov.tr, pages 45-51): Art 5(4) 'Subject to the specific provisions relating to the transboundary movement of hazardous wastes through the territorial sea of a State of transit, referred to in Article 6.4 of this Protocol, all Parties shall take appropriate legal, administrative and other measures within the area under their jurisdiction to prohibit the ...' (the page copy breaks off there; the rest as in the UNEP/MAP reporting format: export and transit to developing countries, and, by the Parties which are not EC Member States, all imports and transit); Art 1(k) 'area under the national jurisdiction of a State' is any land, marine area or airspace within which a State exercises administrative and regulatory responsibility (Turkish text); Art 1(f) a transboundary movement is any movement from an area under the national jurisdiction of one State to or through such an area of another State. Art 2 (Protocol Area) was not found in any readable copy. Overland transit through a Party's land territory (e.g. Western Sahara -> Morocco by road -> an Atlantic port) is 'within the area under its jurisdiction' (Art 1(k): any land) and is banned; whether Art 2 limits the Protocol to movements affecting the Mediterranean Sea Area was not read (unknown). Passage only through the transit State's territorial sea is not banned: Art 5(4) is subject to Art 6(4), under which it needs prior notification by the State of export (R7-izmir-sea; the caller says which via States are passed by sea only)."),
        ('R7-izmir-sea', "Izmir Protocol: passage through a Party's territorial sea (prior notification)", 'Izmir Protocol (1996) Art 6(4)', 'requires', '2008-01-19', 'https://github.com/eaudeweb/barcelona-convention-webforms/blob/0572511/hwp/src/assets/form.js ; https://webdosya.csb.gov.tr/db/ab/yayinlar/AB-Sozlesme-03-BarselonaSozlesmesi/files/basic-html/page51.html', 'medium', "UNEP/MAP reporting format, 'Article 6.3 / Article 6.4 Notification procedure': 'The transboundary movements of hazardous waste through the territorial sea of the State of transit only takes place with the prior notification by the State of export to the State of transit as specified in Annex IV'; the bans of Art 5(4) are 'subject to' this provision (English text, csb.gov.tr p.51). Used when the caller marks a via State as passed only through its territorial sea (sea_passage). The Art 6(4) text itself was not read (the csb page copy breaks off before it)."),
        ("R7-national-transit", "National transit ban", "national law; Basel Art 4(11)", "prohibits", "", basel, "high", ""),
        ("R7-transit", "A transit State prohibits the movement", "see the transit reasons", "prohibits", "", "", "high", ""),
        ("R7-eu-transit", "Transit through the EU", "Reg (EC) 1013/2006 Arts 47-48 (transit); Reg (EU) 2024/1157 Arts 57-58 from 2026-05-21", "requires", "2007-07-12",
         join_sources(wsr, wsr24, "https://gesetze.legal/eu/vo_eu_2024_1157/58"), "medium",
         "Dated by hgmap.law.rules.wsr_transit_citation: Reg (EEC) 259/93 to 2007-07-11 (its transit articles not read: the Regulation alone is cited), Reg (EC) 1013/2006 Title VI Arts 47-48 (transit through the Community from and to third countries) from 2007-07-12, Reg (EU) 2024/1157 Arts 57-58 from 2026-05-21 (its Art 86; EUR-Lex CELEX 32024R1157). Art 58 (read in the German text, gesetze.legal copy of the OJ text): 'Durchfuhr von zur Verwertung bestimmten Abfällen durch die Union' - waste for recovery shipped through Member States from and to a State to which the OECD Decision does not apply: 'so gilt Artikel 57 entsprechend' (Art 57: transit of waste for disposal, its text not read); from and to OECD-Decision States Art 53 applies with the transit authorities' duties of Art 58(2). When the shipment starts or ends in EU law territory the transit Member State consents within that export or import notification: the Regulation in force is cited without the transit articles."),
        ("R8-minamata", "Minamata mercury-waste rules", "Minamata Convention Art 11(3)", "requires", "2017-08-16", minamata, "high", ""),
        ("R9-wsr-disposal", "EU ban on exports for disposal", "Reg (EC) 1013/2006 Art 34 (1994-05-06 to 2007-07-11: Reg (EEC) 259/93 Art 14)", "prohibits", "1994-05-06", join_sources(wsr, wsr24, "https://app.lexploria.com/document/221866-d"), "high", "Reg (EU) 2024/1157 replaces it from 2026-05-21; Reg (EEC) 259/93 applied from 1994-05-06 (bans.csv EU-259-93-14, medium)"),
        ("R9-wsr-recovery", "EU ban on hazardous-waste exports for recovery to non-OECD countries", "Reg (EC) 1013/2006 Art 36 (1998-01-01 to 2007-07-11: Reg (EEC) 259/93 as amended by Reg (EC) 120/97)", "prohibits", "1998-01-01", join_sources(wsr, wsr24, "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=uriserv%3AOJ.L_.1997.022.01.0014.01.ENG"), "high", "Reg (EU) 2024/1157 replaces it from 2026-05-21; Reg (EC) 120/97 from 1998-01-01 (bans.csv EU-120-97)"),
        ("R9-wsr-oct", 'EU ban on exports to overseas countries or territories (OCTs)', 'Reg (EC) 1013/2006 Art 40 (40(1): disposal prohibited; 40(2): the Art 36 prohibition applies mutatis mutandis to recovery)', "prohibits", "2007-07-12",
         join_sources('http://www.opsi.gov.uk/si/si2007/plain/uksi_20071711_en_4', 'http://www.legislation.gov.uk/eur/2006/1013/contents/data.html', 'https://eur-lex.europa.eu/legal-content/EN/ALL/?uri=CELEX:32006R1013', 'http://wordscope.be/anglais/francais/Export+of+waste.html', 'https://www.adrac.fr/index.php/articles/1073-transit-transfert-de-dechets-dangereux'), "medium",
         "Art 40 text itself not read (EUR-Lex and legislation.gov.uk copies in the store stop before Title IV Chapter 3); its content is established from the Transfrontier Shipment of Waste Regulations 2007 (SI 2007/1711, as made) reg 25: offences of transporting waste 'destined for disposal in an overseas country or territory in breach of Article 40(1)', 'destined for recovery in an overseas country or territory in breach of Article 40(2) (prohibition on the export of certain waste)' and waste 'specified in Article 40(3)' (the procedure for the rest); the EU Overseas Association Decision clause 'The Union shall prohibit all direct or indirect export of waste to the OCTs, with the exception of exports of non-hazardous waste destined for recovery operations' (wordscope.be quotation; decision and article number not identified) gives the same result for hazardous waste; DEAL Guadeloupe (quoted by ADRAC): an OCT is treated as a third country under Reg 1013/2006. OCT list: octs.csv (TFEU Annex II). Reg (EEC) 259/93's OCT article (Art 18) not read: before 2007-07-12 the general 259/93 export rules (R9-wsr-disposal, R9-wsr-recovery) apply to OCTs. From 2026-05-21 Reg (EU) 2024/1157's OCT provision not read: carried over (recovery answers low). The UK's retained Art 40 after 2020 not read: not applied to UK exports."),
        ("R9-wsr-import", "EU import conditions", "Reg (EC) 1013/2006 Arts 41 and 43", "prohibits", "2007-07-12", wsr, "medium", ""),
        ("R9-wsr-procedure", "EU notification and consent", "Reg (EC) 1013/2006 Titles II-V", "requires", "2007-07-12", join_sources(wsr, wsr24), "high", ""),
        ("R9-hg-export", "EU mercury export ban", "Reg (EU) 2017/852 Art 3(1) (before 2018: Reg (EC) 1102/2008 Art 1(1))", "prohibits", "2011-03-15", hg, "medium", ""),
        ("R9-hg-import", "EU mercury import ban other than for disposal", "Reg (EU) 2017/852 Art 4(1)", "prohibits", "2018-01-01", hg, "medium", ""),
        ("R10-meba", "US elemental mercury export ban", "TSCA s.12(c) (15 U.S.C. 2611(c)), Mercury Export Ban Act 2008", "prohibits", "2013-01-01", "https://www.epa.gov/mercury/questions-and-answers-mercury-export-ban-act-meba-2008", "high", ""),
        ("R10-lautenberg", "US export ban on listed mercury compounds", "TSCA s.12(c) as amended by the Lautenberg Act 2016", "prohibits", "2020-01-01", "https://www.strtrade.com/news-publications-exports-mercury-compounds-prohibit-EPA-083116.html", "high", ""),
        ("R10-us-export", "US export requirements (national law)", "40 CFR 262.83 (RCRA s.3017; 40 CFR Part 262 Subpart H)", "requires", "2016-12-31",
         join_sources("https://www.ecfr.gov/current/title-40/chapter-I/subchapter-I/part-262/subpart-H/section-262.83",
                      "https://regulations.justia.com/states/wisconsin/nr/nr-600-699/chapter-nr-662/subchapter-h/section-nr-662-083",
                      "http://edocket.access.gpo.gov/cfr_2005/julqtr/40cfr262.53.htm"), "medium",
         "40 CFR 262.83 (Hazardous Waste Export-Import Revisions, 81 FR 85696, effective 31 Dec 2016), read in Wisconsin's verbatim "
         "adoption NR 662.083(1): exports of hazardous waste 'are prohibited unless' the exporter complies with the contract "
         "requirements, the notification requirements, 'receives an AOC from EPA documenting consent from the countries of import "
         "and transit', ensures movement documents and follows the manifest instructions for exports. Before 31 Dec 2016: 40 CFR "
         "Part 262 Subpart E, 262.53(a) (GPO text, July 2005): 'A primary exporter of hazardous waste must notify EPA of an "
         "intended export ... sixty (60) days before the initial shipment'. RCRA 'State' includes Puerto Rico, the Virgin "
         "Islands, Guam, American Samoa and the Northern Mariana Islands (42 U.S.C. 6903(31))"),
        ("R10-us-import", "US import requirements (national law)", "40 CFR 262.84 (RCRA s.3017; 40 CFR Part 262 Subpart H)", "requires", "2016-12-31",
         join_sources(ECFR_262_84, "https://regulations.justia.com/states/south-carolina/chapter-61/subchapter-61-79/part-61-79-262/subpart-h/section-61-79-262-h-84",
                      "https://docs-preview.legis.wisconsin.gov/scroll/down/874/code/admin_code/nr/600/662",
                      "https://regulations.justia.com/regulations/fedreg/2016/11/28/2016-27428.html",
                      "http://federal.elaws.us/cfr/title40.part262.section262.60",
                      "https://19january2021snapshot.epa.gov/hwgenerators/resource-conservation-and-recovery-act-rcra-requirements-previously-consented-imports_.html"), "medium",
         "40 CFR 262.84 (Hazardous Waste Export-Import Revisions, 81 FR 85696, effective 31 Dec 2016): any person who imports hazardous "
         "waste into the USA must comply with Part 262 and Subpart H (a)(1); where the country of export does not require the foreign "
         "exporter to notify and obtain consent, the importer notifies EPA at least 60 days before the first shipment leaves "
         "(a)(2), (b)(1), and EPA sends the importer an Acknowledgment of Consent (AOC) when EPA and the transit countries consent; "
         "the importer meets the contract requirements (f), ensures a movement document accompanies each shipment (d) and follows "
         "the RCRA manifest instructions for imports (c); shipments under an EPA consent issued before 31 Dec 2016 follow that consent "
         "until it expires. Before 31 Dec 2016: 262.60 (Subpart F, 'Any person who imports hazardous waste ... must comply with the "
         "requirements of this part and the special requirements of this subpart', manifest with the foreign generator and the importer) and, "
         "for recovery imports from OECD countries, the then Subpart H (EPA 2021 snapshot). Text read in the verbatim state adoptions (South Carolina R.61-79.262.84; Wisconsin NR 662.084); the eCFR "
         "page itself was not in the store (medium)"),
        ("NOTE-annex-vii", "Reading of Basel Annex VII", "Basel Annex VII (Ban Amendment)", "informs", "2019-12-05", ban, "medium",
         "hgmap reads Annex VII dynamically: Parties and other States that are members of the OECD or the EU on the assessment date, and Liechtenstein (Basel Secretariat Q&A, present tense)"),
        ("FLAG-stream-scope", "A mercury rule may reach part of this stream", "see detail", "flags", "", "", "medium", ""),
    ]
    rows = [dict(zip(RULE_COLUMNS, (rid, title, cit, eff, since, src, conf, AS_OF_RESEARCH, notes)))
            for rid, title, cit, eff, since, src, conf, notes in r]
    return wsr_2024_articles(rows, extra) if extra is not None else rows


def wsr_2024_articles(rows: list[dict[str, str]], extra: Path) -> list[dict[str, str]]:
    """``rows`` with the Reg (EU) 2024/1157 article of each EU rule (``wsr_2024_articles.csv``,
    twentieth pass) added to its citation, sources and notes; how each number was established
    (read, cross-reference, not found) and its confidence are said in the notes, and an article not
    read says so in the citation itself."""
    path = extra / "wsr_2024_articles.csv"
    if not path.exists():
        return rows
    by_id = {r["rule_id"]: r for r in rows}
    for i, a in enumerate(read_csv(path), start=2):
        rule = by_id.get(a["rule_id"])
        if rule is None or a.get("confidence") not in CONF_RANK or not a.get("source_url"):
            raise SystemExit(f"{path}:{i}: unknown rule_id {a['rule_id']!r}, or no source/confidence")
        rule["citation"] = f"{rule['citation']}; Reg (EU) 2024/1157 from 2026-05-21: {a['article']}"
        rule["source_url"] = join_sources(rule["source_url"], a["source_url"])
        how = f"Reg (EU) 2024/1157 {a['article']}: {a['established_by']}, {a['confidence']}. {a['notes']}"
        rule["notes"] = " | ".join(p for p in (rule["notes"], how) if p)
    return rows


# -------------------------------------------------------------------------- datasets

DATASET_COLUMNS = ["dataset", "file", "as_of", "complete_until", "source", "notes"]
BAN_COMPLETE_UNTIL = "2024-03-21"
MINAMATA_COMPLETE_UNTIL = "2024-04-25"


# Where the missing acceptances and Parties lie in time, from the running counts the sources
# give (fourth to seventh passes, issue #13): a State absent from the list may be one of these.
BAN_GAPS = ("Croatia's deposit of 6 Sep 2019 was the 97th (gstimes.in; OHCHR) and 97 are recorded by then, EU "
            "included; the IEADB current version (Jan 2026, seventh pass) adds the 3 later acceptances the earlier "
            "passes could not name (Nicaragua 2021-01-13, Mexico 2022-05-12, Thailand 2023-03-09), so with Costa "
            "Rica, Sierra Leone, Brazil and the Dominican Republic (2024-03-18) all 104 are recorded, the count the "
            "BAN wiki gives on 21 Mar 2024: the list is taken as complete to that day")
MINAMATA_GAPS = ("The IEADB current version (Jan 2026, seventh pass) plus the Maldives reproduces every running count "
                 "the Secretariat and the press give up to Mozambique, the 148th Party (deposit 2024-02-19): "
                 "Comoros 111th, 113 on 23 Sep 2019, the Philippines 123rd, Zimbabwe 133rd, Iraq 134th, Poland 135th, "
                 "Turkiye 138th, Algeria 139th, Eritrea 140th, Bangladesh 141st, Belize 142nd, Georgia 144th, "
                 "Kenya 147th; and the UNTC XXVII-17 status page in the store still shows 148 Parties while listing "
                 "C.N.138.2024 of 25 Apr 2024, so the list is taken as complete to 2024-04-25. One Party, the 149th, "
                 "deposited between 2024-04-25 and 2024-09-24, is still unnamed (Liberia, 24 Sep 2024, was the 150th and "
                 "the Maldives, the same day, the 151st)")


def _newest_read(extra: Path) -> str:
    """The newest date a State's national law was read (``research/coverage.csv``)."""
    path = extra / "coverage.csv"
    dates = [r["as_of"] for r in read_csv(path) if is_date(r.get("as_of", ""))] if path.exists() else []
    return max([AS_OF_RESEARCH, *dates])


def dataset_rows(memberships: list[dict[str, str]], *, national_read: str = AS_OF_RESEARCH) -> list[dict[str, str]]:
    """``datasets.csv``: each table's as-of date (the newest evidence or reading behind it;
    ``national_read`` for the national bans and coverage, read State by State) and the date
    to which a membership list is complete."""
    newest = {}
    for r in memberships:
        newest[r["instrument"]] = max(newest.get(r["instrument"], ""), r["as_of"])
    n_ban = sum(1 for r in memberships if r["instrument"] == "ban_amendment" and r["status"] in PARTY_STATUSES)
    n_mina = sum(1 for r in memberships if r["instrument"] == "minamata" and r["status"] in PARTY_STATUSES)
    n_mina_2024 = sum(1 for r in memberships if r["instrument"] == "minamata" and r["status"] in PARTY_STATUSES
                      and (r["entry_into_force"] or r["eif_not_before"] or r["eif_not_after"]) <= "2025-03-23")
    return [
        {"dataset": "basel", "file": "memberships.csv", "as_of": newest.get("basel", ""),
         "complete_until": AS_OF_UNTC, "source": "UNTC XXVII-3, HUGGO/IEADB", "notes": "191 Parties (190 States + EU)"},
        {"dataset": "ban_amendment", "file": "memberships.csv", "as_of": newest.get("ban_amendment", ""),
         # Croatia's deposit of 6 Sep 2019 was the 97th and 97 are recorded by then (BAN_GAPS):
         # after that date a State's absence means "unknown", not "has not accepted".
         "complete_until": BAN_COMPLETE_UNTIL,
         "source": "verdragenbank 006967, BAN wiki, UNTC XXVII-3-a, ECOLEX TRE-001340 (globalgov/manyenviron), IEADB (current version, Jan 2026)",
         "notes": f"{n_ban} of 104 acceptances recorded (UNTC count, EU included). " + BAN_GAPS},
        {"dataset": "minamata", "file": "memberships.csv", "as_of": newest.get("minamata", ""),
         "complete_until": MINAMATA_COMPLETE_UNTIL, "source": "IEADB (current version, Jan 2026), UNTC XXVII-17, individual additions",
         "notes": f"{n_mina} Parties recorded, {n_mina_2024} of them deposited by Dec 2024 (151 on 23 Dec 2024, Secretariat, EU included); absence of a State after the "
                  "complete_until date means 'unknown', not 'non-Party'. " + MINAMATA_GAPS},
        {"dataset": "regional", "file": "memberships.csv", "as_of": newest.get("bamako", ""),
         "complete_until": AS_OF_IEADB, "source": "IEADB, BAN wiki", "notes": "Bamako, Waigani, CAA, Izmir (Izmir incomplete)"},
        {"dataset": "kuwait", "file": "memberships.csv", "as_of": newest.get("kuwait", ""),
         "complete_until": "2026-01-23", "source": "IEADB (current version, Jan 2026, IEA# 3277), ECOLEX TRE-001298",
         "notes": "Kuwait Protocol (ROPME 1998): 7 Parties (BHR, IRN, KWT, OMN, QAT, SAU, ARE); Iraq has no recorded signature or ratification; the articles read only in ECOLEX's summary"},
        {"dataset": "groups", "file": "memberships.csv", "as_of": max(newest.get("africa", ""), newest.get("sadc", "")),
         "complete_until": "", "source": "UN M49 (lukes/ISO-3166-Countries-with-Regional-Codes), SARDC, Wikipedia",
         "notes": "partner groups, not treaties: africa (54 M49 African States), sadc (16 members with accession dates; sadc.int not reached)"},
        {"dataset": "oecd", "file": "memberships.csv", "as_of": newest.get("oecd", ""),
         "complete_until": AS_OF_OECD, "source": "openclimatedata/countrygroups", "notes": "38 members"},
        {"dataset": "agreements", "file": "agreements.csv", "as_of": AS_OF_RESEARCH, "complete_until": "",
         "source": "EPA, IEADB", "notes": "Art 11 agreements known to the research; not exhaustive"},
        {"dataset": "bans", "file": "bans.csv", "as_of": national_read, "complete_until": "",
         "source": "import_bans.csv, research/national_bans.csv", "notes": "national bans of the States marked 'researched' in coverage.csv; the other States are 'not researched' (the Basel Secretariat's compilations of Art 4(1)(a) and Art 13 restrictions are reachable only as their first page; eighth to tenth passes: constitutions and waste laws read State by State)"},
        {"dataset": "coverage", "file": "coverage.csv", "as_of": national_read, "complete_until": "",
         "source": "research/coverage.csv", "notes": "per-State coverage of national import/export/transit rules: researched / not researched"},
        {"dataset": "territories", "file": "territories.csv", "as_of": AS_OF_RESEARCH, "complete_until": "",
         "source": "RULES.md §3", "notes": ""},
    ]


# ------------------------------------------------------------------------- docs/law.md

DOC = REPO / "docs" / "law.md"
DOC_START, DOC_END = "<!-- coverage:start -->", "<!-- coverage:end -->"


def coverage_section(coverage: list[dict[str, str]], bans: list[dict[str, str]]) -> str:
    """The generated "Coverage of national law" section of docs/law.md."""
    by_holder: dict[str, list[str]] = {}
    for b in bans:
        holder = b["holder"].lstrip("=")
        if b["rule_id"] in MEASURE_RULES.values() and len(holder) == 3:
            by_holder.setdefault(holder, []).append(f"{b['ban_id']} ({b['measure'].replace('_', ' ')}, {b['confidence']})")
    n_rows = sum(len(v) for v in by_holder.values())
    n_import = len({b["holder"].lstrip("=") for b in bans
                    if b["rule_id"] == MEASURE_RULES["import_ban"] and len(b["holder"].lstrip("=")) == 3})
    done = [r for r in coverage if r["national_rules"] == "researched"]
    todo = [r for r in coverage if r["national_rules"] != "researched"]
    lines = [
        "Generated by `data/build_law.py` from `data/law/coverage.csv` and `bans.csv`; do not edit by hand.",
        "",
        f"**{len(done)} States researched, {len(todo)} not researched.** \"researched\" means their constitution",
        "or waste-shipment law was read for import, export and transit bans (EU/EEA members: the harmonised EU",
        "regime, national measures beyond it not read). For every other State hgmap knows only the treaties:",
        "a permission into or through it is at most *medium* confidence and names the gap.",
        "",
        f"National ban rows (import, export, transit): **{n_rows}**, held by **{len(by_holder)} States**, "
        f"of which **{n_import} have an import ban**.",
        "",
        "| State | What was checked | Bans in the data |",
        "|---|---|---|",
    ]
    for r in done:
        lines.append(f"| {r['name'] or r['iso3']} ({r['iso3']}) | {r['checked']} | "
                     f"{'; '.join(by_holder.get(r['iso3'], [])) or r['result'] or '-'} |")
    partial = [r for r in todo if r["iso3"] in by_holder]
    if partial:
        lines += ["", "Not researched, but with one provision read (a ban applies; the rest of the law is unknown):", ""]
        lines += [f"- {r['name'] or r['iso3']} ({r['iso3']}): {'; '.join(by_holder[r['iso3']])}" for r in partial]
    no_transit = [r["iso3"] for r in done if r.get("transit_rules") == "not researched"]
    if no_transit:
        lines += ["", "Researched, but their transit rules were not read (`research/transit_unread.csv`; a route "
                  "through them is at most *medium* and names the gap): " + ", ".join(no_transit) + "."]
    lines += ["", "Not researched (national rules unknown): "
              + ", ".join(f"{r['iso3']}" for r in todo) + "."]
    return "\n".join(lines)


def write_coverage_doc(coverage: list[dict[str, str]], bans: list[dict[str, str]], doc: Path = DOC) -> None:
    if not doc.exists():
        return
    text = doc.read_text(encoding="utf-8")
    if DOC_START not in text or DOC_END not in text:
        log.warning("%s has no coverage markers; section not written", doc)
        return
    head, rest = text.split(DOC_START, 1)
    _, tail = rest.split(DOC_END, 1)
    new = f"{head}{DOC_START}\n{coverage_section(coverage, bans)}\n{DOC_END}{tail}"
    if new != text:
        tmp = doc.with_suffix(".md.part")
        tmp.write_text(new, encoding="utf-8")
        tmp.replace(doc)
        log.info("wrote the coverage section of %s", doc)


# ------------------------------------------------------------------------------ main


#: Source addresses that are no source for a legal fact: a chatbot's script (whose status table was
#: copied from the UN Treaty Collection, which the rows cite themselves), a betting site reprinting a
#: news story, an anonymous mirror of PacLII. The build drops them from ``source_url`` and says so in
#: ``notes``; a row left with one dataset source only loses "high". tests/test_law_sources.py keeps
#: them (and the hosts in UNSUITABLE_HOSTS) out of every shipped table.
UNSUITABLE_SOURCES = {
    "atezsoftware/customs-regulations-chatbot": "a customs chatbot's script, not a source",
    "ufabetindo.in": "a betting site reprinting a news story, not a source",
    "2vmbj36k4.asia": "an anonymous mirror of PacLII (cite paclii.org)",
}


def drop_unsuitable_sources(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """``rows`` without the :data:`UNSUITABLE_SOURCES` in ``source_url`` (noted in ``notes``)."""
    out = []
    for row in rows:
        parts = [p.strip() for p in row.get("source_url", "").split(" ; ") if p.strip()]
        dropped = {why for p in parts for marker, why in UNSUITABLE_SOURCES.items() if marker in p}
        if not dropped:
            out.append(row)
            continue
        kept = [p for p in parts if not any(marker in p for marker in UNSUITABLE_SOURCES)]
        row = {**row, "source_url": " ; ".join(kept)}
        if len(kept) == 1 and row.get("confidence") == "high":
            row["confidence"] = "medium"
        row["notes"] = (row.get("notes", "") + f" | source dropped (fix22a): {'; '.join(sorted(dropped))}"
                        + ("; one dataset source left, so at most medium" if len(kept) == 1 else "")).lstrip(" |")
        out.append(row)
    return out


REVIEW_KEYS = {"bans": lambda r: r["ban_id"], "coverage": lambda r: r["iso3"],
               "memberships": lambda r: f"{r['instrument']}:{r['iso3']}"}
REVIEW_NOTES = {"bans": "notes", "coverage": "checked", "memberships": "notes"}


def apply_source_reviews(table: str, rows: list[dict[str, str]], extra: Path) -> list[dict[str, str]]:
    """``rows`` of ``table`` with the reviews of ``source_reviews.csv`` (twentieth pass: facts that rested
    only on re-upload hosts) applied: a source added, the confidence set, the reason appended to the notes.
    A review may lower a confidence, or keep it when it adds a source; it never raises one without a new
    source, and a review whose key matches no row is an error (the fact it reviewed has gone)."""
    path = extra / "source_reviews.csv"
    if not path.exists():
        return rows
    key, notes = REVIEW_KEYS[table], REVIEW_NOTES[table]
    for i, rv in enumerate(read_csv(path), start=2):
        if rv["table"] != table:
            continue
        hits = [r for r in rows if key(r) == rv["key"]]
        if not hits or rv.get("confidence") not in CONF_RANK or not rv.get("notes"):
            raise SystemExit(f"{path}:{i}: no {table} row {rv['key']!r}, or no confidence/notes")
        for r in hits:
            if not rv["add_source"] and CONF_RANK[rv["confidence"]] > CONF_RANK.get(r["confidence"], 0):
                raise SystemExit(f"{path}:{i}: raises {rv['key']!r} to {rv['confidence']} without a new source")
            r["source_url"] = join_sources(r["source_url"], rv["add_source"])
            r["confidence"] = rv["confidence"]
            if rv["add_source"] and rv.get("as_of") and "as_of" in r and rv["as_of"] > r["as_of"]:
                r["as_of"] = rv["as_of"]  # the date of the new evidence
            r[notes] = " | ".join(p for p in (r.get(notes, ""), rv["notes"]) if p)
    return rows


def build(research: Path, extra: Path, out: Path) -> dict[str, int]:
    if not (research / "RULES.md").exists():
        raise SystemExit(f"{research} does not look like the legal research folder (no RULES.md)")
    memberships = apply_source_reviews("memberships", drop_unsuitable_sources(membership_table(research, extra)), extra)
    territories = territory_table(extra, memberships)
    counts = {
        "memberships.csv": write_csv(out / "memberships.csv", MEMBERSHIP_COLUMNS, memberships),
        "instruments.csv": write_csv(out / "instruments.csv", INSTRUMENT_COLUMNS,
                                     [{**r, "as_of": AS_OF_RESEARCH} for r in instrument_rows()]),
        "agreements.csv": write_csv(out / "agreements.csv", AGREEMENT_COLUMNS, agreement_rows(research, extra)),
        "bans.csv": write_csv(out / "bans.csv", BAN_COLUMNS,
                              apply_source_reviews("bans", drop_unsuitable_sources(ban_table(research, extra)), extra)),
        "territories.csv": write_csv(out / "territories.csv", TERRITORY_COLUMNS, territories),
        "coverage.csv": write_csv(out / "coverage.csv", COVERAGE_COLUMNS,
                                  apply_source_reviews("coverage", coverage_rows(extra, memberships, territories),
                                                       extra)),
        "streams.csv": write_csv(out / "streams.csv", STREAM_COLUMNS, stream_rows()),
        "rules.csv": write_csv(out / "rules.csv", RULE_COLUMNS, rule_rows(extra)),
        "datasets.csv": write_csv(out / "datasets.csv", DATASET_COLUMNS,
                                  dataset_rows(memberships, national_read=_newest_read(extra))),
    }
    write_coverage_doc(read_csv(out / "coverage.csv"), read_csv(out / "bans.csv"))
    for path in sorted(out.glob("*.csv")):
        for i, row in enumerate(read_csv(path), start=2):
            if "confidence" in row and row["confidence"] not in CONF_RANK:
                raise SystemExit(f"{path}:{i}: bad confidence {row['confidence']!r}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("research", nargs="?", type=Path, default=DEFAULT_RESEARCH)
    parser.add_argument("--extra", type=Path, default=DEFAULT_EXTRA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = build(args.research.resolve(), args.extra.resolve(), args.out.resolve())
    for name, n in counts.items():
        print(f"{name}: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
