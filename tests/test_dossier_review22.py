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
