"""A Report as an editable Word document (python-docx): headings, key figures, tables, charts as pictures.

Every style's complex-script and East Asian font is "Khmer OS", so Khmer text renders in Word and
LibreOffice; the document language and core properties (title, subject, language) are set. Sheet text is
added as plain runs, never interpreted.
"""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from upr_sheets.outputs.office import khmer_fonts

from .images import chart_images
from .model import Bullets, Chart, KeyFigures, Paragraph, Report, Table

LOCALES = {"en": "en-GB", "fr": "fr-FR", "km": "km-KH"}
PAGE_W, PAGE_H, MARGIN = Mm(210), Mm(297), Mm(18)
TEXT_W, TEXT_H = PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN - Mm(30)  # room for a heading above a chart
GREY, RED = RGBColor(0x47, 0x54, 0x67), RGBColor(0xB4, 0x23, 0x18)


def _fonts(document, lang: str) -> None:
    """Complex-script and East Asian fonts = Khmer OS in every style; the document's language."""
    khmer_fonts(document)
    for node in document.styles.element.iter(qn("w:lang")):
        node.set(qn("w:val"), LOCALES.get(lang, lang))
        if lang == "km":
            node.set(qn("w:bidi"), "km-KH")


def _field(paragraph, code: str) -> None:
    """A simple field (e.g. PAGE) at the end of a paragraph."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page(document, report: Report) -> None:
    """A4, margins, the marking in the header and the footer line with the page number on every page."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_W, PAGE_H
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    head = section.header.paragraphs[0]
    run = head.add_run(report.marking)
    run.font.size, run.bold = Pt(9), report.internal
    run.font.color.rgb = RED if report.internal else GREY
    foot = section.footer.paragraphs[0]
    small = foot.add_run(f"{report.footer} · ")
    small.font.size = Pt(8)
    small.font.color.rgb = GREY
    _field(foot, "PAGE")


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def _table(document, table: Table) -> None:
    if table.caption:
        document.add_paragraph(table.caption, style="Caption")
    if not table.rows:
        _note(document, table.empty)
        return
    grid = document.add_table(rows=1, cols=len(table.columns), style="Table Grid")
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(table.widths)
    widths = [Emu(int(TEXT_W * w / total)) for w in table.widths]
    header = grid.rows[0]
    _repeat_header(header)
    for cell, name, width in zip(header.cells, table.columns, widths):
        cell.width = width
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        run.font.size = Pt(9)
    for values in table.rows:
        cells = grid.add_row().cells
        for n, (cell, value, width) in enumerate(zip(cells, values, widths)):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.add_run(value).font.size = Pt(9)
            if n in table.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()


def _figures(document, block: KeyFigures) -> None:
    grid = document.add_table(rows=1, cols=len(block.items), style="Table Grid")
    for cell, item in zip(grid.rows[0].cells, block.items):
        value = cell.paragraphs[0].add_run(item.value)
        value.bold, value.font.size = True, Pt(20)
        cell.add_paragraph(item.label)
        if item.note:
            note = cell.add_paragraph().add_run(item.note)
            note.font.size, note.font.color.rgb = Pt(8), GREY
    document.add_paragraph()


def _note(document, text: str) -> None:
    if text:
        run = document.add_paragraph().add_run(text)
        run.font.size, run.italic, run.font.color.rgb = Pt(9), True, GREY


def _chart(document, chart: Chart, image) -> None:
    width = TEXT_W if image.width >= 900 else Emu(int(TEXT_W * image.width / 900))
    if width * image.height / image.width > TEXT_H:  # a tall chart: shrink it to fit a page
        width = Emu(int(TEXT_H * image.width / image.height))
    document.add_picture(io.BytesIO(image.png), width=width)
    picture = document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for props in picture._p.iter(qn("wp:docPr")):
        props.set("descr", chart.title)


def render_docx(report: Report, timings: dict[str, float] | None = None) -> bytes:
    """The report as .docx bytes."""
    start = time.perf_counter()
    images = chart_images(report)
    drawn = time.perf_counter()
    document = Document()
    _fonts(document, report.lang)
    _page(document, report)
    props = document.core_properties
    props.title, props.subject, props.language = report.title, report.subtitle, LOCALES.get(report.lang, report.lang)
    props.author = props.last_modified_by = "UPR Monitor"
    props.keywords = "UPR; " + report.kind + ("; internal" if report.internal else "")
    props.created = props.modified = datetime.now(UTC).replace(tzinfo=None)
    props.revision = 1
    if report.internal:
        banner = document.add_paragraph().add_run(report.marking)
        banner.bold, banner.font.size, banner.font.color.rgb = True, Pt(14), RED
    document.add_heading(report.title, 0)
    document.add_paragraph(report.subtitle, style="Subtitle")
    _note(document, f"{report.data_date} · {report.generated}")
    for notice in report.notices:  # what the figures leave out, the demo mark: on the first page
        document.add_paragraph().add_run(notice).bold = True
    for section in report.sections:
        document.add_heading(section.heading, 1)
        for block in section.blocks:
            if isinstance(block, Paragraph) and block.note:
                _note(document, block.text)
            elif isinstance(block, Paragraph):
                document.add_paragraph(block.text)
            elif isinstance(block, Bullets):
                for item in block.items:
                    document.add_paragraph(item, style="List Bullet")
            elif isinstance(block, KeyFigures):
                _figures(document, block)
            elif isinstance(block, Table):
                _table(document, block)
            elif isinstance(block, Chart):
                _chart(document, block, images[block.key])
    out = io.BytesIO()
    document.save(out)
    if timings is not None:
        timings["charts"] = timings.get("charts", 0.0) + drawn - start
        timings["render"] = timings.get("render", 0.0) + time.perf_counter() - drawn
    return out.getvalue()
