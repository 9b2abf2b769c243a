"""Lay a composed :class:`~hgmap.dossier.document.Document` out as HTML, Markdown or DOCX.

* HTML: a Jinja2 template with autoescape, print CSS and the interactive offline map;
* Markdown: for pasting, with the static map as a PNG beside it;
* DOCX: python-docx, with the static map, so that ministries can edit it in Word.

No sentence is written here: everything comes from :func:`~hgmap.dossier.document.compose`.
Data text is escaped in HTML (autoescape) and Markdown (table pipes, HTML brackets), and
DOCX stores it as text runs, never as markup.
"""

from __future__ import annotations

import functools
import io
import re
from typing import Any

import jinja2

from .document import Blank, Bullets, Document, Heading, Link, MapBlock, Para, Steps, Table

__all__ = ["render_html", "render_markdown", "render_docx", "safe_url"]

_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.I)


def safe_url(value: Any) -> bool:
    """Only ``http(s)://`` URLs become links (never ``javascript:`` or ``data:``)."""
    return bool(_SAFE_URL.match(str(value or "")))


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("hgmap.dossier", "templates"),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined, trim_blocks=False, lstrip_blocks=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.tests.update({
        "link": lambda c: isinstance(c, Link), "blank": lambda c: isinstance(c, Blank),
        "cell_list": lambda c: isinstance(c, list), "heading": lambda b: isinstance(b, Heading),
        "para": lambda b: isinstance(b, Para), "bullets": lambda b: isinstance(b, Bullets),
        "steps": lambda b: isinstance(b, Steps), "table": lambda b: isinstance(b, Table),
        "map_block": lambda b: isinstance(b, MapBlock), "safe_url": safe_url,
    })
    return env


def render_html(doc: Document, *, map_head: str = "", map_body: str = "") -> str:
    """The dossier page (one self-contained HTML file when the map parts are offline)."""
    from .. import __version__

    tmpl = _env().get_template("dossier.html.j2")
    return tmpl.render(doc=doc, map_head=map_head, map_body=map_body, version=__version__)


# ----------------------------------------------------------------------------- Markdown


def _md(text: Any) -> str:
    s = str(text)
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    s = re.sub(r"([*_`\[\]])", r"\\\1", s)
    return " ".join(s.split())


def _md_cell(c: Any) -> str:
    if isinstance(c, Link):
        return f"<{c.url}>" if safe_url(c.url) else _md(c.text or c.url)
    if isinstance(c, Blank):
        return f"**\\[{_md(c.mark)}\\]**"
    if isinstance(c, list):
        return " ".join(_md_cell(x) for x in c)
    return _md(c)


def render_markdown(doc: Document, *, map_png: str | None = None) -> str:
    """The dossier as Markdown (``map_png``: relative path of the static map image)."""
    out = [f"# {_md(doc.title)}", ""]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += [f"{'#' * b.level} {_md(b.text)}", ""]
        elif isinstance(b, Para):
            text = _md(b.text)
            if b.kind == "warn":
                text = f"> **{text}**"
            elif b.kind in ("note", "meta"):
                text = f"_{text}_"
            links = " ".join(_md_cell(link) for link in b.links)
            out += [text + (" " + links if links else ""), ""]
        elif isinstance(b, Bullets):
            out += [f"- {_md_cell(i)}" for i in b.items] + [""]
        elif isinstance(b, Steps):
            out += [f"{n}. {_md(i)}" for n, i in enumerate(b.items, start=1)] + [""]
        elif isinstance(b, Table):
            out.append("| " + " | ".join(_md(h) for h in b.head) + " |")
            out.append("|" + "|".join("---:" if i in b.numeric else "---" for i in range(len(b.head))) + "|")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in b.rows]
            out.append("")
        elif isinstance(b, MapBlock):
            if map_png:
                out += [f"![{_md(doc.labels['map_alt'])}]({map_png})", ""]
            out += [f"_{_md(b.caption)}_", ""] + [f"- {_md(x)}" for x in b.legend] + [""]
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------------- DOCX


def render_docx(doc: Document, *, map_png: bytes | None = None) -> bytes:
    """The dossier as a Word document (bytes of a .docx file)."""
    document = _docx_document(doc)
    for b in doc.blocks:
        if isinstance(b, Heading):
            document.add_heading(b.text, level=min(b.level, 4))
        elif isinstance(b, Para):
            _docx_para(document, b)
        elif isinstance(b, Bullets):
            for item in b.items:
                _docx_put(document.add_paragraph(style="List Bullet"), item)
        elif isinstance(b, Steps):
            _docx_steps(document, b)
        elif isinstance(b, Table):
            _docx_table(document, b)
        elif isinstance(b, MapBlock):
            _docx_map(document, b, map_png)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _docx_document(doc: Document) -> Any:
    """A new Word document with the dossier's page margins, body font, properties and title."""
    import docx
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    core = document.core_properties
    core.title = doc.title
    core.language = doc.lang
    core.author = "hgmap"
    document.add_heading(doc.title, level=0)
    return document


def _docx_shade(cell: Any, colour: str) -> None:
    """Fill a table cell with ``colour`` (hex RGB); python-docx has no API for cell shading."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    tc_pr.append(shd)


def _docx_put(paragraph: Any, c: Any) -> None:
    """Append one cell (text, link, blank or a list of them) to a paragraph as text runs."""
    from docx.shared import Pt, RGBColor

    if isinstance(c, Link):
        run = paragraph.add_run(c.text or c.url)
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x1B, 0x5E, 0x9A)
    elif isinstance(c, Blank):
        run = paragraph.add_run(f"[{c.mark}]")
        run.italic = True
        run.bold = True
    elif isinstance(c, list):
        for i, x in enumerate(c):
            if i:
                paragraph.add_run(" ")
            _docx_put(paragraph, x)
    else:
        paragraph.add_run(str(c))


def _docx_para(document: Any, b: Para) -> None:
    """A paragraph in its kind's style (warnings bold red, notes italic), then its links."""
    from docx.shared import RGBColor

    p = document.add_paragraph()
    run = p.add_run(b.text)
    if b.kind == "warn":
        run.bold = True
        run.font.color.rgb = RGBColor(0x8A, 0x1C, 0x1C)
    elif b.kind in ("note", "meta"):
        run.italic = True
    for link in b.links:
        p.add_run(" ")
        _docx_put(p, link)


def _docx_steps(document: Any, b: Steps) -> None:
    """Numbered procedure steps with a hanging indent."""
    from docx.shared import Cm

    # Numbers written out: Word's list numbering would run on from one procedure to the next.
    for n, item in enumerate(b.items, start=1):
        p = document.add_paragraph()
        p.paragraph_format.left_indent = Cm(0.8)
        p.paragraph_format.first_line_indent = Cm(-0.6)
        p.add_run(f"{n}. ").bold = True
        p.add_run(item)


def _docx_table(document: Any, b: Table) -> None:
    """A grid table: shaded bold head, numeric columns right-aligned, blank fields shaded to complete."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=1, cols=len(b.head))
    table.style = "Table Grid"
    for cell, h in zip(table.rows[0].cells, b.head):
        cell.text = ""
        run = cell.paragraphs[0].add_run(h)
        run.bold = True
        _docx_shade(cell, "F3F5F7")
    for row in b.rows:
        cells = table.add_row().cells
        for i, (cell, c) in enumerate(zip(cells, row)):
            para = cell.paragraphs[0]
            _docx_put(para, c)
            if i in b.numeric:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if isinstance(c, Blank):
                _docx_shade(cell, "FFF4D6")
    document.add_paragraph()


def _docx_map(document: Any, b: MapBlock, map_png: bytes | None) -> None:
    """The static map (when there is one), its caption and the numbered legend."""
    from docx.shared import Cm

    if map_png:
        document.add_picture(io.BytesIO(map_png), width=Cm(16.5))
    cap = document.add_paragraph()
    cap.add_run(b.caption).italic = True
    for line in b.legend:
        document.add_paragraph(line, style="List Bullet")
