"""Practitioner review of 2 Dec 2026 (fix21d): regional procedures outside Basel, agreement
names, agreements not yet in force, the Minamata condition, inland ports."""

from __future__ import annotations

import csv

import pytest

from hgmap._io import data_path
from hgmap.dossier import build_dossier
from hgmap.dossier.document import compose

LANGS = ("en", "fr", "es")


@pytest.fixture(scope="session")
def fiji_niue(tmp_path_factory):
    """Fiji's lamps to a (test) facility in Niue: neither is a Basel Party, both are Waigani Parties."""
    with open(data_path("facilities.csv"), newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        row = dict(next(reader))
        fields = reader.fieldnames
    row.update(id="HG-NIU-T01", name="Test plant", city="Alofi", country_iso3="NIU", lat="-19.05", lon="-169.92",
               accepts_imports="yes", accepts_from="")
    path = tmp_path_factory.mktemp("niue") / "F.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerow(row)
    return build_dossier("FJI", streams=("lamps",), facilities=path, k=1, what_if=False, as_of="2026-06-01")


def test_waigani_outside_basel_is_its_own_procedure_not_alongside_basel(fiji_niue):
    opt = fiji_niue.streams[0].options[0]
    assert opt.facility_iso3 == "NIU"
    own = [st for st in opt.steps if st.code == "regional_own"]
    assert len(own) == 1 and own[0].ref == "WAIGANI-1995" and "Waigani Art 6(1)" in own[0].cite
    assert not any(st.code == "regional" for st in opt.steps)
    en = compose(fiji_niue, "en").text()
    assert "alongside Basel" not in en
    assert ("Fiji (FJI) and Niue (NIU) are both in the Waigani Convention: its own notification and prior written "
            "consent procedure applies (Waigani Art 6(1), Annex VI A; Waigani Art 6(9), Annex VI B), with "
            "environmentally sound management and a movement document.") in en
    assert "Waigani Art 6(1), Annex VI A" in compose(fiji_niue, "fr").text()
    assert "propre procédure" in compose(fiji_niue, "fr").text()
    assert "propio procedimiento" in compose(fiji_niue, "es").text()


@pytest.mark.parametrize("lang, name", [
    ("en", "OECD Council Decision C(2001)107 on transboundary movements of wastes destined for recovery operations"),
    ("fr", "Décision du Conseil de l'OCDE C(2001)107 sur les mouvements transfrontières de déchets destinés à des "
           "opérations de valorisation"),
    ("es", "Decisión del Consejo de la OCDE C(2001)107 sobre movimientos transfronterizos de desechos destinados a "
           "operaciones de valorización"),
])
def test_the_oecd_agreement_is_named_as_its_council_decision(fiji_niue, lang, name):
    from hgmap.dossier.model import Step
    from hgmap.dossier.texts import step_text
    from hgmap.i18n import translation

    _ = translation(lang).gettext
    notify = step_text(_, fiji_niue, Step("notify_agreement", ("USA", "CAN"), "OECD-C(2001)107; USA-CAN-1986",
                                          "OECD Council Decision C(2001)107"))
    assert f"{name}; USA-CAN-1986" in notify, notify
    art11 = step_text(_, fiji_niue, Step("art11", ("USA", "CAN"), "OECD-C(2001)107"))
    assert name in art11, art11
    for text in (notify, art11):
        assert "the OECD;" not in text and "the OECD (" not in text and "de l'OCDE (" not in text
    # an id that is no regional instrument stays an id; the Waigani Convention keeps its name
    assert "USA-MEX-1986" in step_text(_, fiji_niue, Step("art11", ("USA", "MEX"), "USA-MEX-1986"))


@pytest.fixture(scope="session")
def andorra_2006():
    return build_dossier("AND", streams=("lamps",), as_of="2006-08-01", k=1, what_if=False)


def test_agreements_not_yet_in_force_on_the_as_of_date_are_not_listed(andorra_2006):
    ids = {a.agreement_id for a in andorra_2006.position.agreements}
    assert not ids & {"AND-ESP-2000", "AND-ESP-2006", "AND-ESP-2011"}, ids
    text = compose(andorra_2006, "en").text()
    assert "AND-ESP-2006" not in text and "AND-ESP-2011" not in text
    later = build_dossier("AND", streams=("lamps",), as_of="2012-01-01", k=1, what_if=False)
    assert {"AND-ESP-2006", "AND-ESP-2011"} <= {a.agreement_id for a in later.position.agreements}


@pytest.fixture(scope="session")
def tuvalu_haiti():
    return (build_dossier("TUV", streams=("lamps",), as_of="2026-06-01", k=1, what_if=False),
            build_dossier("HTI", streams=("elemental_mercury",), as_of="2026-06-01", k=1, what_if=False))


def _minamata(d):
    return [st for s in d.streams for o in s.options for st in o.steps if st.code == "minamata"]


@pytest.mark.parametrize("lang, under, outside", [
    ("en", "in conformity with Art 11 and with the Basel Convention, whose disposal covers every Annex IV operation, "
           "recovery included (c)", "after taking into account the relevant international rules, standards and "
                                    "guidelines"),
    ("fr", "toute opération de l'annexe IV, valorisation comprise", "règles, normes et directives internationales"),
    ("es", "toda operación del anexo IV, incluida la valorización",
     "normas, criterios y directrices internacionales"),
])
def test_minamata_step_words_art_11_3_c_under_basel_or_outside(tuvalu_haiti, lang, under, outside):
    """Tuvalu -> New Zealand: both Basel Parties (Basel consent); Haiti -> USA: neither is (not governed)."""
    tuv, hti = tuvalu_haiti
    assert [st.variant for st in _minamata(tuv)] == ["basel"]
    assert [st.variant for st in _minamata(hti)] == ["outside"]
    t_text, h_text = compose(tuv, lang).text(), compose(hti, lang).text()
    assert under in t_text and outside not in t_text
    assert outside in h_text and under not in h_text
    assert "crosses borders only for environmentally sound disposal; recovered mercury" not in t_text + h_text


def test_minamata_variant_outside_when_one_end_is_not_a_basel_party():
    """Fiji (outside Basel) -> Australia under the Waigani Convention (an Art 11 agreement)."""
    import hgmap.law as law
    from hgmap.dossier.build import _procedure

    dec = law.assess("FJI", "AUS", "lamps", "recovery", as_of="2026-06-01")
    steps = _procedure("FJI", "AUS", (), dec)
    assert [st.variant for st in steps if st.code == "minamata"] == ["outside"]
    dec = law.assess("TUV", "AUS", "lamps", "recovery", as_of="2026-06-01")
    assert [st.variant for st in _procedure("TUV", "AUS", (), dec) if st.code == "minamata"] == ["basel"]


def test_the_agreements_list_names_the_oecd_decision():
    d = build_dossier("ABW", streams=("dental_amalgam",), as_of="2025-06-01", k=1, what_if=False)
    assert "OECD-C(2001)107" in {a.agreement_id for a in d.position.agreements}
    text = compose(d, "en").text()
    assert ("OECD Council Decision C(2001)107 on transboundary movements of wastes destined for recovery operations "
            "[OECD-C(2001)107]") in text
    assert "OECD [OECD-C(2001)107]" not in text
    assert "Décision du Conseil de l'OCDE C(2001)107" in compose(d, "fr").text()
