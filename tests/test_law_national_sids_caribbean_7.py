"""National rules read in the fifteenth pass (issue #13, SIDS Caribbean, law15a).

Each test asks the public API (``hgmap.law.assess``) about a movement that only the national rules of the
State under test decide, with the source in the docstring. Rows live in
``data/law/research/national_bans.csv`` and ``coverage.csv`` (notes start "FIFTEENTH PASS (law15a)").
Not legal advice.
"""

from __future__ import annotations

from ._law import assessor, ban_ids, unknown_not_researched

BAN = "SUR-SB-2003-74-NL-A3-IMPORT"

recovery = assessor(op="recovery", as_of="2025-06-01", stream="lamps")
disposal = assessor(op="disposal", as_of="2025-06-01", stream="elemental_mercury")


def test_suriname_prohibits_imports_of_chemical_wastes():
    """Suriname's Negative List 2003 (Staatsbesluit of 18 Sep 2003, S.B. 2003 no. 74, under the Wet
    Goederenverkeer), Sub A 'Verboden Invoer' item 3: 'Chemische en radioactieve afvalstoffen'
    (Suriname Customs extract, https://douanesuriname.com/negatievelijst.html; the WTO TPR
    WT/TPR/S/391/Rev.1 para 3.38, https://qr.wto.org/en/profile/suriname, confirms the list's import
    prohibitions still applied in 2019). Guyana -> Suriname mercury lamps for recovery and the USA ->
    Suriname elemental mercury for disposal are prohibited by the Suriname row, and Suriname is no
    longer listed as 'not researched'."""
    d = recovery("GUY", "SUR")
    assert d.status == "prohibited"
    assert BAN in ban_ids(d)
    assert not unknown_not_researched(d, "Suriname")
    d = disposal("USA", "SUR")
    assert d.status == "prohibited"
    assert BAN in ban_ids(d)


def test_suriname_ban_does_not_apply_before_the_negative_list():
    """The decree enters into force with the Wet Goederenverkeer (decree Art 4(3),
    https://www.global-regulation.com/translation/suriname/4688348/...), which the WTO TPR
    (WT/TPR/S/391/Rev.1 para 3.37) dates to October 2003; the decree itself is of 18 Sep 2003. On
    1 Jun 2003 the USA -> Suriname movement (neither a Basel Party then) is not governed by any
    prohibition, and on 1 Jun 2004 the Suriname import ban decides it."""
    before = recovery("USA", "SUR", as_of="2003-06-01")
    assert before.status != "prohibited"
    assert BAN not in ban_ids(before)
    after = recovery("USA", "SUR", as_of="2004-06-01")
    assert after.status == "prohibited"
    assert BAN in ban_ids(after)


def test_suriname_ban_flags_soil_without_prohibiting_it():
    """The list says 'chemical wastes' without saying whether mercury-contaminated soil or mining
    tailings count (https://douanesuriname.com/negatievelijst.html): the row flags those streams, so
    Guyana -> Suriname contaminated soil for disposal is not prohibited by it but names the ban and
    stays below high confidence."""
    d = disposal("GUY", "SUR", stream="contaminated_soil")
    assert d.status != "prohibited"
    assert BAN in ban_ids(d)
    assert d.confidence != "high"
