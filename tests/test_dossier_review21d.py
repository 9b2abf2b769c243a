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
    assert "Waigani, art. 6(1), annexe VI A" in compose(fiji_niue, "fr").text()  # the citation in French style
    assert "propre procédure" in compose(fiji_niue, "fr").text()
    assert "propio procedimiento" in compose(fiji_niue, "es").text()
    # the draft notification still says the convention's notification applies (not "national forms")
    assert "both are in the Waigani Convention, whose notification applies" in en


@pytest.mark.parametrize("lang, name", [
    ("en", "OECD Council Decision C(2001)107/FINAL, as amended, on the control of transboundary movements of "
           "wastes destined for recovery operations"),
    ("fr", "Décision du Conseil de l'OCDE C(2001)107/FINAL, telle que modifiée, sur le contrôle des mouvements "
           "transfrontières de déchets destinés à des opérations de valorisation"),
    ("es", "Decisión del Consejo de la OCDE C(2001)107/FINAL, modificada, relativa al control de los movimientos "
           "transfronterizos de desechos destinados a operaciones de valorización"),
])
def test_the_oecd_agreement_is_named_as_its_council_decision(fiji_niue, lang, name):
    from hgmap.dossier.model import Step
    from hgmap.dossier.texts import step_text
    from hgmap.i18n import translation

    _ = translation(lang).gettext
    notify = step_text(_, fiji_niue, Step("notify_agreement", ("USA", "CAN"), "OECD-C(2001)107; USA-CAN-1986",
                                          "OECD Council Decision C(2001)107"))
    sep = " ; " if lang == "fr" else "; "  # French: a space before the semicolon
    assert f"{name}{sep}USA-CAN-1986" in notify, notify
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
    assert [st.variant for st in _minamata(hti)] == ["outside_none"]
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
    assert ("OECD Council Decision C(2001)107/FINAL, as amended, on the control of transboundary movements of wastes "
            "destined for recovery operations [OECD-C(2001)107]") in text
    assert "OECD [OECD-C(2001)107]" not in text
    assert "Décision du Conseil de l'OCDE C(2001)107" in compose(d, "fr").text()


def test_ports_carry_their_distance_from_the_coast():
    from hgmap import load_ports

    ports = load_ports().set_index("port_id")
    assert (ports["coast_km"] >= 0).all()
    assert ports.loc["FRDOU", "coast_km"] > 200 and ports.loc["DELEJ", "coast_km"] > 200  # Douvaine, Leipzig
    assert ports.loc["FJSUV", "coast_km"] < 5 and ports.loc["DEHAM", "coast_km"] < 50  # Suva, Hamburg


def test_build_ports_coast_km_measures_inland_points_geodesically():
    import importlib.util

    import geopandas as gpd
    import shapely

    spec = importlib.util.spec_from_file_location("build_ports", data_path("build_ports.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    land = gpd.GeoDataFrame({"iso3": ["AAA", "BBB"]}, geometry=[shapely.box(0, -1, 1, 1), shapely.box(1, -1, 2, 1)],
                            crs=4326)
    km = mod.coast_km([1.0, 1.0, 3.0, 0.5], [0.0, 0.9, 0.0, 0.0], land)
    # the shared border is no coast: the centre is 1 degree of latitude (110.6 km) from the coast
    assert km[0] == pytest.approx(110.6, abs=0.5)
    assert km[1] == pytest.approx(11.1, abs=0.3) and km[2] == 0.0
    assert km[3] == pytest.approx(55.7, abs=0.3)  # half a degree of longitude, not of latitude


@pytest.fixture(scope="session")
def jamaica():
    """Jamaica's dental amalgam: option 1 is GMR Leipzig, reached through the Leipzig "port"."""
    return build_dossier("JAM", streams=("dental_amalgam",), as_of="2026-06-01", k=1, what_if=False)


@pytest.mark.parametrize("lang, inland, caveat", [
    ("en", "Leipzig (DELEJ; an inland place {km} from the coast: the sea leg stands in for an inland leg, "
           "see the caveat under the route map), Germany", "Caveat, inland ports:"),
    ("fr", "Leipzig (DELEJ ; un lieu intérieur à {km} de la côte", "Mise en garde, ports intérieurs :"),
    ("es", "Leipzig (DELEJ; un lugar interior a {km} de la costa", "Advertencia, puertos interiores:"),
])
def test_inland_ports_are_marked_in_the_itinerary_and_the_map_caption(jamaica, lang, inland, caveat):
    exit_port, entry_port = jamaica.streams[0].options[0].sea_ports[0]
    assert entry_port.port_id == "DELEJ" and entry_port.inland and not exit_port.inland
    text = compose(jamaica, lang).text()
    field10 = next(ln for ln in text.splitlines() if ln.startswith("10 | "))
    km = f"{round(entry_port.coast_km)} km"
    assert entry_port.coast_km > 200
    assert inland.format(km=km) in field10, field10
    assert "Kingston (JMKIN), Jama" in field10  # a seaport stays as it was
    assert text.count(caveat) == 1 and f"(DELEJ, {km})" in text


def test_no_inland_caveat_when_every_port_is_on_the_coast(tuvalu_haiti):
    tuv, _hti = tuvalu_haiti
    assert not any(p.inland for s in tuv.streams for o in s.options for pair in o.sea_ports for p in pair if p)
    assert "inland" not in compose(tuv, "en").text()


def test_a_lake_or_river_seaport_the_lanes_reach_is_not_an_inland_place():
    """Toronto is 399 km from the coastline of the countries layer (the Great Lakes count as land
    there) but the sea lanes reach it (St Lawrence Seaway): its approach is short, so it is a
    seaport; Leipzig's 296 km straight approach over land is what marks an inland place."""
    from hgmap.dossier.model import PortCall
    from hgmap.network import build_graph, port_table

    snap = dict(zip(port_table(build_graph())["port_id"], port_table(build_graph())["snap_km"]))
    assert snap["CATOR"] < 50 < snap["DELEJ"]
    assert not PortCall("CAN", "CATOR", "Toronto", 399.0, snap["CATOR"]).inland
    assert PortCall("DEU", "DELEJ", "Leipzig", 291.0, snap["DELEJ"]).inland


def test_a_destination_outside_basel_and_a_us_territory_origin_are_worded_as_the_law_gives_them():
    """Aruba (covered by the Netherlands' Basel ratification) -> the USA (no Basel Party): the
    notice and consent go under the OECD Decision and the dossier says that the *destination* is
    outside Basel, with no Basel Art 6 consent asked of the USA. Guam -> Japan: Guam's notice
    comes from the authority the USA designates, and the US export rule applies (40 CFR 262.83:
    an EPA Acknowledgment of Consent; Wisconsin NR 662.083(1), a verbatim adoption)."""
    from hgmap.dossier.document import compose

    aruba = build_dossier("ABW", streams=("lamps",), as_of="2026-06-01", k=1, what_if=False)
    opt = aruba.streams[0].options[0]
    assert opt.facility_iso3 == "USA"
    codes = {s.code: s for s in opt.steps}
    assert codes["notify_agreement"].variant == "destination" and "consent_import" not in codes
    text = compose(aruba, "en").text()
    # 2026-06-01 is past the USA's Basel evidence date (not a Party on 2024-12-31): "not known to be" (fix27d)
    assert "United States (USA) is not known to be a Basel Party (not a Party on 2024-12-31" in text
    assert "Basel Art 6(2)-(3)" not in text
    guam = build_dossier("GUM", streams=("lamps",), as_of="2026-06-01", k=1, what_if=False)
    gtext = compose(guam, "en").text()
    assert "as the United States (USA) designates it" in gtext
    assert "40 CFR 262.83" in gtext and "A further requirement of the law applies" not in gtext
    assert "Las exportaciones desde" in compose(guam, "es").text()  # the US export step, in Spanish


def test_third_review_aruba_note_names_the_us_and_citations_are_localised():
    """Third review: Aruba (covered by the Netherlands' Basel ratification) -> USA: the draft
    notification note must name the USA, not Aruba, as the State outside Basel; Fiji's Waigani
    citations read "Waigani, art. 6(9), annexe VI B" in French; under an agreement the disposer's
    confirmation goes on the movement document (Basel Art 6(9) binds Parties only)."""
    from hgmap.dossier.document import compose

    aruba = build_dossier("ABW", streams=("lamps",), as_of="2026-06-01", k=1, what_if=False)
    text = compose(aruba, "en").text()
    assert ("United States is not known to be a Basel Party (not a Party on 2024-12-31; hgmap's list is complete to "
            "then): this option is notified") in text
    assert "Aruba is not" not in text
    fiji = build_dossier("FJI", streams=("lamps",), as_of="2026-06-01", k=1, what_if=False)
    fr = compose(fiji, "fr").text()
    assert "(Waigani, art. 6(9), annexe VI B)" in fr and "Waigani Art 6(9)" not in fr
    en = compose(fiji, "en").text()
    assert "(Waigani Art 6(9), Annex VI B)" in en and "on the movement document" in en
    assert "completion of the disposal (Basel Art 6(9))" not in en
