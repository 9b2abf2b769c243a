"""Services and technologies in the country dossiers (issue #17): listed per stream, sourced, escaped."""

from __future__ import annotations

import csv

import pytest

from hgmap import catalogue
from hgmap.catalogue import ENTRY_COLUMNS
from hgmap.dossier import build_dossier, write_dossier
from hgmap.dossier.document import Table, compose

from ._entries import entry

AS_OF = "2025-06-01"
XSS_IMG = '<img src=x onerror="document.documentElement.dataset.xss=1">'
XSS_SCRIPT = "<script>document.documentElement.dataset.xss=2</script>"




# ------------------------------------------------------------------------------ dossiers


@pytest.fixture(scope="session")
def fiji():
    return build_dossier("FJI", streams=("lamps", "chlor_alkali_residues"), as_of=AS_OF, k=2, what_if=False)


@pytest.fixture(scope="session")
def user_catalogue(tmp_path_factory):
    """A catalogue database with one lamp service for Haiti and Fiji whose text is hostile."""
    tmp = tmp_path_factory.mktemp("services")
    src = tmp / "services.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(ENTRY_COLUMNS))
        w.writeheader()
        w.writerow(entry(id="SVC-TEST-1", name=f"Evil {XSS_IMG} | *bold* {XSS_SCRIPT}",
                          operator="Lamp Export Co", country_iso3="HTI", streams="lamps",
                          accepts_from="HTI;FJI", acceptance_source="https://example.org/coverage",
                          website="https://example.org/lamps", description=f"Packs lamps. {XSS_SCRIPT}",
                          notes=f"Unverified {XSS_IMG}"))
    db = tmp / "catalogue.gpkg"
    with catalogue.init_catalogue(db) as cat:
        catalogue.import_entries(cat, src, organisation="Test ministry")
    return db


@pytest.fixture(scope="session")
def haiti(user_catalogue):
    return build_dossier("HTI", streams=("lamps",), as_of=AS_OF, k=2, what_if=False, services=user_catalogue)


def _services_table(doc, stream_title):
    blocks = doc.blocks
    start = next(i for i, b in enumerate(blocks) if getattr(b, "text", None) == stream_title)
    for b in blocks[start + 1:]:
        if getattr(b, "level", None) == 2:
            return None
        if isinstance(b, Table) and b.kind == "services":
            return b
    return None


def test_fiji_dossier_lists_a_lamp_service_with_source_confidence_and_date(fiji):
    lamps = next(s for s in fiji.streams if s.stream == "lamps")
    spr = next(sv for sv in lamps.services if sv.entry_id == "SVC-WSM-001")
    assert spr.kind == "service" and spr.coverage == "country" and spr.sources and spr.as_of
    table = _services_table(compose(fiji, "en"), "Mercury-containing lamps")
    rows = {r[0]: r for r in table.rows}
    row = next(r for name, r in rows.items() if name.startswith("SPREP"))
    assert row[1] == "Service" and row[3] == "Fiji (named in its source)"
    assert any(getattr(c, "url", "").startswith("https://www.sprep.org") for c in row[6])
    assert f"({spr.confidence}, {spr.as_of})" in row[6]
    crusher = next(r for name, r in rows.items() if name.startswith("Bulb Eater"))
    assert crusher[3] == "global: its source states no coverage"


def test_a_stream_with_none_says_so(fiji):
    chlor = next(s for s in fiji.streams if s.stream == "chlor_alkali_residues")
    assert chlor.services == ()
    text = compose(fiji, "en").text()
    assert "No service or technology in the catalogue is recorded for this stream in Fiji." in text
    fr = compose(fiji, "fr").text()
    assert "Aucun service ni aucune technologie du catalogue" in fr and "Services et technologies" in fr
    es = compose(fiji, "es").text()
    assert "Servicios y tecnologías" in es and "No service" not in es


def test_haiti_dossier_lists_the_user_catalogues_lamp_service(haiti):
    lamps = haiti.streams[0]
    assert [sv.entry_id for sv in lamps.services if sv.kind == "service"] == ["SVC-TEST-1"]
    assert haiti.services_source == "user catalogue"
    sv = lamps.services[0]
    assert sv.coverage == "country" and sv.coverage_sources == ("https://example.org/coverage",)
    text = compose(haiti, "fr").text()
    assert "Haïti (nommé dans sa source)" in text and "Lamp Export Co" in text


def test_shipped_haiti_has_no_service_and_says_so():
    d = build_dossier("HTI", streams=("lamps",), as_of=AS_OF, k=1, what_if=False)
    lamps = d.streams[0]
    assert lamps.services and all(sv.kind == "technology" and sv.coverage == "global" for sv in lamps.services)
    assert "No service in the catalogue is recorded as serving Haiti for this stream." in compose(d, "en").text()


def test_xss_in_a_service_stays_text_in_html_docx_and_markdown(haiti, tmp_path):
    import docx

    out = write_dossier(haiti, tmp_path, lang="en", fmt="all")
    page = out["html"].read_text(encoding="utf-8")
    assert XSS_IMG not in page and XSS_SCRIPT not in page
    assert "Evil &lt;img src=x" in page and "Packs lamps. &lt;script&gt;" in page
    assert "Note: Unverified &lt;img src=x" in page
    assert 'href="https://example.org/lamps"' in page
    document = docx.Document(str(out["docx"]))
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert XSS_IMG in cells and XSS_SCRIPT in cells, "DOCX keeps the service's text as text"
    body = document.element.body.xml
    assert "<img" not in body and "<script" not in body
    md = out["md"].read_text(encoding="utf-8")
    assert "<img" not in md and "<script" not in md
    assert "Evil &lt;img src=x" in md and "\\| \\*bold\\*" in md


def test_cli_dossier_takes_a_services_catalogue(user_catalogue, tmp_path, capsys):
    from hgmap.cli import main

    rc = main(["dossier", "HTI", "--streams", "lamps", "--as-of", AS_OF, "--k", "1", "--no-what-if",
               "--services", str(user_catalogue), "--format", "md", "--out", str(tmp_path)])
    assert rc == 0
    md = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    assert "### Services and technologies" in md and "Lamp Export Co" in md
    assert main(["dossier", "HTI", "--services", str(tmp_path / "nope.gpkg"), "--out", str(tmp_path)]) == 2
