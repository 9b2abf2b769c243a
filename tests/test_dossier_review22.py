"""Practitioner reviews of main, 2 Dec 2026 (fix22b): closed facilities, flags, memberships,
the draft notification, costs, language marks and services."""

from __future__ import annotations

import pytest

from hgmap.dossier import build_dossier
from hgmap.dossier.document import compose


@pytest.fixture(scope="session")
def bahamas_soil():
    return build_dossier("BHS", streams=("contaminated_soil",), k=3, what_if=False)


def test_a_legal_facility_ranked_below_option_k_is_not_closed_for_transit(bahamas_soil):
    """Bahamas -> Dorsten (DEU) is permitted with consent and has no transit State (``hgmap access
    --stream contaminated_soil --origins BHS --k 6`` ranks it 4th); with k=3 it is ranked below
    option 3 by estimated cost, not closed by a transit ban nobody names."""
    s = bahamas_soil.streams[0]
    assert len(s.options) == 3
    assert all(c.facility_id != "HG-DEU-001" for c in s.closed), s.closed
    assert all(c.states for c in s.closed if c.reason == "transit")
    assert "bans the transit" not in compose(bahamas_soil, "en").text()


def test_a_transit_closed_facility_names_the_states():
    from hgmap.dossier.model import Closed
    from hgmap.dossier.texts import closed_text
    from hgmap.i18n import translation

    d = build_dossier("BHS", streams=("lamps",), k=1, what_if=False)
    c = Closed("X", "Plant", "USA", 100.0, "transit", ("R7-izmir-transit",), None, ("TUR",))
    out = closed_text(translation("en").gettext, d, c)
    assert out.startswith("every route crosses a State that bans the transit: Türkiye (TUR)"), out
    assert "R7-izmir-transit" in out


@pytest.fixture(scope="session")
def mauritius_lamps():
    return build_dossier("MUS", streams=("lamps",), k=3, what_if=False)


@pytest.mark.parametrize("lang, words", [
    ("en", ("the import ban of Thailand (THA) [THA-IMPORT-4;", "covers e-waste:", "may reach part of this stream")),
    ("fr", ("l'interdiction d'importation de la Thaïlande (THA) [THA-IMPORT-4 ;", "(en anglais)",
            "peut concerner une partie de ce flux")),
    ("es", ("la prohibición de importación de Tailandia (THA) [THA-IMPORT-4;", "(en inglés)",
            "puede alcanzar parte de este flujo")),
])
def test_a_flagged_national_import_ban_is_an_unknown_that_names_the_state_and_ban(mauritius_lamps, lang, words):
    """Mauritius -> BMT Asia (Thailand), lamps: Thailand's e-waste import ban THA-IMPORT-4 (Ministry of
    Commerce Notification B.E. 2563, 2020; data/law/bans.csv) may reach part of the stream (hgmap legal
    --from MUS --to THA --stream lamps --operation recovery): it is counted and shown as an unknown."""
    opt = next(o for o in mauritius_lamps.streams[0].options if o.facility_iso3 == "THA")
    assert [(f.state, f.ban_id, f.measure) for f in opt.scope_flags] == [("THA", "THA-IMPORT-4", "import_ban")]
    assert "e-waste" in opt.scope_flags[0].scope
    lines = compose(mauritius_lamps, lang).text().splitlines()
    i = next(i for i, line in enumerate(lines) if "THA-IMPORT-4" in line and "[R" not in line)
    for w in words:
        assert w in lines[i], lines[i]
    # the count above the list includes it: the national export rules of Mauritius + the ban
    n = len(opt.unknowns) + (opt.acceptance == "unknown") + 1
    assert any(f" {n} " in line for line in lines[i - 3:i]), lines[i - 3:i]


def _status_rows(d, lang="en"):
    lines = compose(d, lang).text().splitlines()
    return {line.split(" | ")[0]: line.split(" | ")[1] for line in lines if line.count(" | ") == 3}


@pytest.fixture(scope="session")
def haiti_lamps():
    return build_dossier("HTI", streams=("lamps",), k=3, what_if=False)


def test_absence_from_a_list_complete_to_a_date_is_unknown_not_non_party(haiti_lamps):
    """data/law/datasets.csv: the Minamata party list is complete to 2024-04-25 and 'absence of a State
    after the complete_until date means unknown, not non-Party'; Haiti is absent (hgmap.law: 'whether
    Haiti (HTI) is a Minamata Party on 2026-12-02 is unknown')."""
    rows = _status_rows(haiti_lamps)
    assert rows["Minamata Convention"] == "Unknown (hgmap's list is complete to 2024-04-25)"
    assert rows["OECD"] == "Not a member" and rows["European Union"] == "Not a member"
    text = compose(haiti_lamps, "en").text()
    assert "whether Haiti (HTI) is a Minamata Party on 2026-12-02 is unknown" in text
    minamata = next(line for line in text.splitlines() if line.startswith("Minamata Convention |"))
    assert "no source" not in minamata and "IEADB" in minamata
    assert _status_rows(haiti_lamps, "fr")["Convention de Minamata"].startswith("Inconnu (")


def test_ban_amendment_of_a_party_absent_after_the_list_date_is_unknown_and_tuvalu_2010_is_not_a_party():
    """Tuvalu: a Basel Party absent from the Ban Amendment list (complete to 2024-03-21) -> unknown; on
    2010-06-01 Tuvalu was not yet a Basel Party (in force for it 2020-2021, memberships.csv)."""
    rows = _status_rows(build_dossier("TUV", streams=("lamps",), k=1, what_if=False))
    assert rows["Basel Ban Amendment"] == "Unknown (hgmap's list is complete to 2024-03-21)"
    rows = _status_rows(build_dossier("TUV", streams=("lamps",), k=1, what_if=False, as_of="2010-06-01"))
    assert rows["Basel Convention"] == "Not a Party" and rows["OECD"] == "Not a member"


@pytest.fixture(scope="session")
def jamaica_lamps():
    return build_dossier("JAM", streams=("lamps",), k=3, what_if=False)


@pytest.mark.parametrize("lang, mark", [("en", "to be completed"), ("fr", "à compléter"), ("es", "por completar")])
def test_transit_and_itinerary_are_to_be_completed_where_the_route_stops_modelling_the_shipment(
        jamaica_lamps, lang, mark):
    """Jamaica -> Pickering (CAN): the sea leg ends at Toronto (CATOR), a lake port ~399 km from the coast
    (data/ports.csv coast_km), reached along the St Lawrence through inland waters; the States whose
    waters it crosses are States of transit (Basel Art 6(4)) hgmap does not model, so fields 7 and 10
    are left to the exporter, saying why."""
    from hgmap.dossier.document import Blank

    opt = jamaica_lamps.streams[0].options[0]
    assert any(p is not None and p.inland_waters for pair in opt.sea_ports for p in pair)
    table = next(b for b in compose(jamaica_lamps, lang).blocks if getattr(b, "kind", "") == "notification")
    rows = {r[0]: r[2] for r in table.rows}
    for n in ("7", "10"):
        assert isinstance(rows[n], list) and isinstance(rows[n][0], Blank) and rows[n][0].mark == mark
        assert "CATOR" in rows[n][1] and "6(4)" in rows[n][1]
    assert "none (direct shipment)" not in str(rows["7"])


def test_an_inland_place_is_named_in_the_transit_field():
    from hgmap.dossier.document import _notification_value
    from hgmap.dossier.model import NotificationField, PortCall
    import dataclasses

    d = build_dossier("JAM", streams=("lamps",), k=1, what_if=False)
    opt = d.streams[0].options[0]
    duisburg = PortCall("DEU", "DEDUI", "Duisburg", 168.0, 170.0)  # data/ports.csv: 168 km from the coast
    opt = dataclasses.replace(opt, sea_ports=((opt.sea_ports[0][0], duisburg),))
    from hgmap.i18n import translation

    cell = _notification_value(d, NotificationField(7, "states_transit", "-", ()), "to be completed",
                               translation("en").gettext, opt)
    assert "Duisburg (DEDUI), Germany, is an inland place 168 km from the coast" in cell[1]


@pytest.mark.parametrize("lang, words", [
    ("en", ("UN class 8 (6.1), packing group — (ADR Table A); III (IATA DGR);", "H number", "to be completed")),
    ("fr", ("classe ONU 8 (6.1), groupe d'emballage — (ADR Table A); III (IATA DGR) ;", "numéro H", "à compléter")),
    ("es", ("clase ONU 8 (6.1), grupo de embalaje — (ADR Table A); III (IATA DGR);", "número H", "por completar")),
])
def test_field_17_gives_the_un_class_and_leaves_the_h_number_to_be_completed(jamaica_lamps, lang, words):
    """Basel Annex V A field 17 asks for the Annex III characteristic, H number and UN class; hgmap knows
    only the UN class of lamps (UN 3506, class 8 (6.1); no packing group in ADR Table A, III for air under
    the IATA DGR: data/transport_codes.csv)."""
    from hgmap.dossier.document import _cell_text

    table = next(b for b in compose(jamaica_lamps, lang).blocks if getattr(b, "kind", "") == "notification")
    cell = _cell_text(next(r[2] for r in table.rows if r[0] == "17"))
    for w in words:
        assert w in cell, cell


def test_a_state_outside_basel_is_not_sent_to_the_basel_contact_list(haiti_lamps):
    """Haiti and the United States are not Basel Parties (memberships.csv: signatories); Fiji is not one
    either but designates its authorities under the Waigani Convention (SPREP:
    http://www.sprep.org/legal/procedures-waigani)."""
    from hgmap.dossier.build import BASEL_CONTACTS_URL

    text = compose(haiti_lamps, "en").text().splitlines()
    rows = [line for line in text if line.startswith("Haiti (HTI) | unknown")]
    assert len(rows) == 1
    for line in rows:
        assert "national law" in line and BASEL_CONTACTS_URL not in line
    # The US import consent goes to EPA (data/authorities.csv, 40 CFR 262.84).
    assert any(line.startswith("United States (USA) | Competent authority | US Environmental Protection Agency")
               for line in text)
    fiji = build_dossier("FJI", streams=("lamps",), k=1, what_if=False)
    row = next(line for line in compose(fiji, "en").text().splitlines() if line.startswith("Fiji (FJI) | "))
    assert "Waigani Convention" in row and "sprep.org" in row and BASEL_CONTACTS_URL not in row


@pytest.mark.parametrize("lang, mark", [("fr", "(en anglais)"), ("es", "(en inglés)")])
def test_catalogue_text_in_english_is_marked_not_translated(haiti_lamps, lang, mark):
    """data/services.csv TEC-USA-001 (Bulb Eater, Air Cycle Corporation) carries an English note on the US
    EPA study of drum-top crushers: quoted as recorded, marked as English in a French or Spanish dossier."""
    from hgmap.dossier.document import _cell_text

    table = next(b for b in compose(haiti_lamps, lang).blocks if getattr(b, "kind", "") == "services")
    row = next(r for r in table.rows if "Bulb Eater" in r[0])
    offers = _cell_text(row[4])
    assert "A US EPA study" in offers and offers.count(mark) == 2, offers  # description and note
    en = next(r for r in next(b for b in compose(haiti_lamps, "en").blocks
                              if getattr(b, "kind", "") == "services").rows if "Bulb Eater" in r[0])
    assert "(in English)" not in _cell_text(en[4])


@pytest.mark.parametrize("lang, words", [
    ("en", "It ships to the United States (USA), which this dossier finds closed to Barbados (BRB) for this stream"),
    ("fr", "Il expédie à destination des États-Unis (USA) ; ce dossier trouve cette destination fermée au départ "
           "de la Barbade (BRB)"),
    ("es", "Envía a Estados Unidos (USA), destino que este expediente encuentra cerrado para Barbados (BRB)"),
])
def test_a_service_shipping_to_a_state_the_dossier_closes_says_so(lang, words):
    """SVC-BRB-001 ships to 'an EPA-approved recycler in Florida' (caribbeanledlighting.com/bulbeater,
    data/service_destinations.csv); Barbados -> United States is closed (R2, Basel Art 4(5): the USA is
    not a Basel Party), so the service's row says so, with the rule."""
    d = build_dossier("BRB", streams=("lamps",), k=1, what_if=False)
    sv = next(s for s in d.streams[0].services if s.entry_id == "SVC-BRB-001")
    assert sv.ships_to and sv.ships_to[0][0] == "USA" and "R2" in sv.ships_to[0][1]
    text = compose(d, lang).text()
    assert words in text, [line for line in text.splitlines() if "Caribbean LED" in line]
    assert "[R2]" in text


def test_service_notes_carry_no_internal_references():
    """A ministry reads the notes: no catalogue ids or repository paths (review: 'The same facts as
    HG-MUS-001 in data/facilities.csv')."""
    import csv
    import re

    from hgmap._io import data_path

    with open(data_path("services.csv"), newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for field in ("description", "notes"):
                assert not re.search(r"\b(HG|SVC|TEC)-[A-Z]+-\d+|data/\w+\.csv", row[field]), (row["id"], row[field])


def test_wording_minamata_outside_basel_at_both_ends_and_waigani_alongside_basel_cites_an_article():
    """Fiji -> USA: neither is a Basel Party (memberships.csv), so Minamata Art 11(3)(c) has no Basel end;
    Tuvalu -> Australia/New Zealand: Basel Parties in the Waigani Convention, an Art 11 agreement (Basel
    Art 11); French says which list is empty (no 'Aucun(e)')."""
    fiji = build_dossier("FJI", streams=("lamps",), k=3, what_if=False)
    text = compose(fiji, "en").text()
    usa = [st for o in fiji.streams[0].options if o.facility_iso3 == "USA" for st in o.steps if st.code == "minamata"]
    assert usa and all(st.variant == "outside_none" for st in usa)
    # Past both lists' evidence dates neither "no" is established (fix27d): the step says what is known.
    assert ("Neither State is known to be a Basel Party (Fiji (FJI): not a Party on 2025-10-22; the United States "
            "(USA): not a Party on 2024-12-31; hgmap's list is complete to then); if neither is one, a Minamata Party "
            "allows the transport") in text
    tuv = build_dossier("TUV", streams=("lamps",), k=2, what_if=False)
    lines = [line for line in compose(tuv, "en").text().splitlines() if "alongside Basel" in line]
    assert lines and all(line.endswith("alongside Basel (Waigani Art 6(1), Annex VI A; Waigani Art 6(9), Annex VI B).")
                         for line in lines), lines
    hti = compose(build_dossier("HTI", streams=("lamps",), k=1, what_if=False), "fr").text()
    assert "Aucun(e)" not in compose(fiji, "fr").text() + hti
    assert "Aucun accord dans les données de hgmap." in hti
