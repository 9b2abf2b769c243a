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
