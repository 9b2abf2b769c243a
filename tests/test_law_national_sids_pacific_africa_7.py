"""National rules read in the fifteenth pass (issue #13, SIDS of the Pacific and Africa, law15b).

Codes: Pacific SIDS (MHL NRU PLW PNG TUV WSM KIR TLS COK NIU), African SIDS (CPV COM STP SYC MUS GNB) and the
Pacific territories (PYF WLF TKL PCN). Each test asks the public API (``hgmap.law.assess``,
``hgmap.law.load_tables``) about what the rows of this pass decide, with the source in the docstring. Rows live in
``data/law/research/national_bans.csv`` and ``coverage.csv`` (notes / ``checked`` start
"FIFTEENTH PASS (law15b)"). Not legal advice.
"""

from __future__ import annotations

from hgmap import law

from ._law import assessor, ban_ids

DAY = "2025-06-01"

assess = assessor(op="recovery", as_of=DAY, stream="lamps")


def not_researched(dec, name: str) -> bool:
    return any("not researched" in u and name in u for u in dec.unknowns)


def test_sao_tome_harmful_imports_prohibition_is_flagged_not_prohibiting():
    """Sao Tome and Principe, Lei n.º 10/99 (Lei de Bases do Ambiente): the government's investment agency
    (APCI, 'Guia do Investidor', https://apci.st/index.php/pt/guia-do-investidor/reg-amb-urb) summarises that
    'As ofensas ecológicas incluem ... a proibição de importações nocivas'; the law was published in the
    Diário da República n.º 15 of 31 Dec 1999 (L. Mandinga, 2010 dissertation, 1library copy). The article was
    not read, so the row flags every stream (low). Gabon -> Sao Tome and Principe lamps for recovery (both
    Basel Parties in 2025; STP only a Bamako signatory) stays permitted with consent but carries the flag, and
    Sao Tome and Principe is still named as not researched; before the law's publication there is no flag."""
    dec = assess("GAB", "STP")
    assert dec.status == "permitted_with_consent"
    assert "STP-LEI-10-1999-IMPORT-FLAG" in ban_ids(dec)
    assert dec.confidence != "high"
    assert not_researched(dec, "Sao Tome and Principe")
    before = assess("GAB", "STP", as_of="1999-06-01")
    assert "STP-LEI-10-1999-IMPORT-FLAG" not in ban_ids(before)


def test_sao_tome_flag_does_not_touch_exports():
    """The 1999 prohibition is on imports ('importações nocivas'): a movement out of Sao Tome and Principe
    (STP -> Gabon, lamps for recovery) carries no STP flag."""
    dec = assess("STP", "GAB")
    assert "STP-LEI-10-1999-IMPORT-FLAG" not in ban_ids(dec)


def test_seychelles_waste_import_ban_kept_after_the_fifteenth_pass_row():
    """Seychelles' coverage row was replaced in this pass (customs regulations on seylii.org, S.I. 43 of 2014
    and S.I. 67 of 2014, https://seylii.org/akn/sc/act/si/2014/67/eng@2017-11-08): it stays 'not researched'
    (export and transit rules for hazardous waste not read) and the WTO-notified prohibition 'of the imports of
    waste or waste product or both of any kind' (G/MA/QR/N/SYC/2, 2021) still decides Mauritius -> Seychelles
    lamps for recovery: prohibited."""
    tables = law.load_tables()
    assert not tables.researched("SYC")
    dec = assess("MUS", "SYC")
    assert dec.status == "prohibited"
    assert "SYC-QR-50-WASTE-IMPORT" in ban_ids(dec)


def test_partly_read_sids_and_territories_stay_not_researched():
    """Kiribati (SPREP PacWastePlus 2020: 'there is no specific legislation for waste management'), Wallis and
    Futuna (préfecture page: environment a territorial competence; hazardous-waste exports by authorisation in
    practice), French Polynesia (Code de l'environnement, loi du pays 2017-25, waste book not read) and Cabo
    Verde (press on a draft decree on transboundary movements, 2018 waste list) were read only in part, so each
    keeps 'not researched' and a movement into it names the gap (Fiji -> Kiribati, Samoa -> Wallis and Futuna,
    Nigeria -> Cabo Verde; lamps for recovery). Kiribati's 2002 import restriction for disposal still applies."""
    tables = law.load_tables()
    for iso in ("KIR", "WLF", "PYF", "CPV", "STP"):
        assert not tables.researched(iso), iso
    kir = assess("FJI", "KIR")
    assert not_researched(kir, "Kiribati")
    assert "KIR-CFS-2002-IMPORT-DISPOSAL" in ban_ids(assess("FJI", "KIR", op="disposal"))
    assert not_researched(assess("WSM", "WLF"), "Wallis and Futuna")
    assert not_researched(assess("NGA", "CPV"), "Cabo Verde")
