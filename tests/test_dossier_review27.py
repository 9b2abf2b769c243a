"""Basel focal point's review of 2 Dec 2026 (fix27d): a dossier never states as fact a Basel
status hgmap cannot establish.

On 2026-12-02 Fiji's Basel status is unknown: not a Party on 2025-10-22, the last date hgmap's
data establishes (data/law/memberships.csv; an accession takes effect on the 90th day after its
deposit, Basel Art 25(2)); Haiti's and the USA's likewise (not Parties on 2024-12-31; UN Treaty
Collection XXVII-3, https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVII-3&chapter=27).
The treaty table said "Unknown" while the procedure, the notification note and the authorities
table said "Fiji (FJI) is not a Basel Party" / "pas Partie à la Convention de Bâle". Within the
evidence (2025-01-01) the dossier says "not a Basel Party", as before.
"""

from __future__ import annotations

import pytest

from hgmap.dossier import build_dossier
from hgmap.dossier.document import compose
from hgmap.dossier.texts import basel_known_to

LATE = "2026-12-02"


@pytest.fixture(scope="session")
def fiji_late():
    return build_dossier("FJI", streams=("lamps",), k=3, what_if=False, as_of=LATE)


@pytest.fixture(scope="session")
def fiji_early():
    return build_dossier("FJI", streams=("lamps",), k=3, what_if=False, as_of="2025-01-01")


@pytest.fixture(scope="session")
def haiti_late():
    return build_dossier("HTI", streams=("measuring_devices",), k=3, what_if=False, as_of=LATE)


def test_fiji_procedure_and_notification_word_the_unknown_status(fiji_late):
    assert basel_known_to(fiji_late, "FJI") == "2025-10-22"
    text = compose(fiji_late, "en").text()
    assert "Unknown (not a Party on 2025-10-22; not established since)" in text  # the treaty table
    assert "is not a Basel Party" not in text
    assert ("Fiji (FJI) is not known to be a Basel Party (not a Party on 2025-10-22; hgmap's list is complete to "
            "then): the exporter (or generator) asks the competent authority for Fiji (FJI)") in text
    assert ("Fiji is not known to be a Basel Party (not a Party on 2025-10-22; hgmap's list is complete to then): "
            "this option is notified under the Waigani Convention") in text


def test_fiji_within_the_evidence_is_not_a_party(fiji_early):
    assert basel_known_to(fiji_early, "FJI") is None
    text = compose(fiji_early, "en").text()
    assert "Fiji (FJI) is not a Basel Party: the exporter (or generator) asks" in text
    assert "not known to be a Basel Party" not in text


@pytest.mark.parametrize("lang, status, wrong", [
    ("fr", "qualité de Partie à la Convention de Bâle non établie (non Partie le 2024-12-31 ; la liste de hgmap "
           "est complète jusqu'à cette date)", "pas Partie à la Convention de Bâle"),
    ("en", "not known to be a Basel Party (not a Party on 2024-12-31; hgmap's list is complete to then)",
     "; not a Basel Party"),
])
def test_haiti_authorities_and_notification_word_the_unknown_status(haiti_late, lang, status, wrong):
    """Haiti -> the USA, neither end known to be a Basel Party: the authorities row of each and
    the notification note say so, under a treaty table that says "Unknown"."""
    assert basel_known_to(haiti_late, "HTI") == "2024-12-31"
    assert basel_known_to(haiti_late, "USA") == "2024-12-31"
    text = compose(haiti_late, lang).text()
    assert status in text
    assert wrong not in text
    if lang == "en":
        assert ("Neither State of this option is known to be a Basel Party (Haiti (HTI): not a Party on "
                "2024-12-31") in text
        assert "Neither State of this option is a Basel Party" not in text
        assert "Neither State is a Basel Party [R2-not-governed]" not in text
        assert "Neither State is known to be a Basel Party [R2-not-governed]" in text
    else:
        assert "Inconnu" in text
        assert ("La qualité de Partie à Bâle n'est établie pour aucun des deux États de cette option "
                "(Haïti (HTI) : non Partie le 2024-12-31") in text


def test_un_line_sends_a_sea_shipment_to_the_imdg_code_first(fiji_late):
    """Freight forwarder's review: UN 3506 (data/transport_codes.csv: ADR Table A via sespel.com,
    IATA DGR 54th ed. via airtransport-tozai.com) showed "packing group — (ADR Table A); III (IATA
    DGR)" and a closing aside that "the IMDG Code entry ... is not checked", although every route
    from Fiji goes by sea. The IMDG Code's Dangerous Goods List row for UN 3506 could not be
    sourced (no stored copy of the row), so it stays an unknown, said first for a sea route."""
    lamps = fiji_late.streams[0]
    assert lamps.transport is not None and lamps.transport.un_number == "UN 3506"
    assert lamps.options and all(any(leg.kind == "sea" and leg.km > 0 for leg in o.legs) for o in lamps.options)
    lines = compose(fiji_late, "en").text().splitlines()
    un = next(i for i, line in enumerate(lines) if line.startswith("UN number: UN 3506"))
    assert lines[un + 1].startswith("Every option of this stream goes by sea: check the IMDG Code's Dangerous Goods "
                                    "List entry for UN 3506 first")
    assert "hgmap has not read it" in lines[un + 1]
    assert "whether the IMDG Code exempts the same articles on the sea leg is not checked" in lines[un + 2]
    fr = compose(fiji_late, "fr").text()
    assert "Toutes les options de ce flux passent par la mer : vérifier d'abord la rubrique" in fr
