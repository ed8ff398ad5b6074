"""The OHCHR "Thematic list of recommendations" matrix of one cycle, with the coalition's assessment (pure).

OHCHR publishes, for each State and cycle, a table of the recommendations grouped under full-width
"Theme: …" rows, with the columns `Recommendation | Position | Full list of themes | Assessment/comments on
level of implementation` (cycles 2–3; stakeholders fill the last column for their submissions). This module
builds that table from a Dataset and fills the last column from the coalition's Status, the newest
assessment date and the Evidence (the newest assessment's when the Evidence column is empty). The same
four-column layout is used for every cycle: OHCHR's cycle-4 matrix replaces the assessment column with
SDGs, which is not what a follow-up submission needs.

As OHCHR does, a recommendation with several themes is listed under its first theme only; the Recommendation
cell reads `ID text (States)`; themes are listed one per line. Writers: XLSX (openpyxl) and DOCX
(python-docx), both landscape, with the header row repeated on every printed page. In a member's internal
copy (a Dataset that is not public) the assessment cell also carries Lead Organization and Internal Notes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Border, Font, PatternFill, Side

from upr_sheets.analysis import metrics
from upr_sheets.analysis.filters import Filters
from upr_sheets.analysis.provenance import Provenance
from upr_sheets.core import i18n
from upr_sheets.core.errors import OutputError
from upr_sheets.core.i18n import N_, _
from upr_sheets.core.model import Dataset

from .export_cells import latest_assessments
from .office import (
    BOLD,
    HEADER_FILL,
    WRAP,
    about_rows,
    copy_notice,
    describe_filters,
    khmer_fonts,
    neutralise,
    put,
    save,
    write_about,
)

HEADERS = (N_("Recommendation"), N_("Position"), N_("Full list of themes"),
           N_("Assessment/comments on level of implementation"))
# The app's responses in OHCHR's words: "Supported" / "Noted"; a recommendation supported in part is
# "Supported/Noted" in OHCHR's Universal Human Rights Index. Pending ones have no position yet.
POSITIONS = {"Accepted": N_("Supported"), "Partially accepted": N_("Supported/Noted"), "Noted": N_("Noted"),
             "Pending": N_("Pending")}
NO_THEME = N_("(no theme)")
THEME_SHADE = "D9D9D9"
HEADER_SHADE = "BFBFBF"
WIDTHS_CM = (9.0, 2.6, 5.0, 8.4)  # landscape A4 minus 2 cm margins: 25 cm
XLSX_WIDTHS = (70, 14, 32, 60)
_PARTS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class MatrixRow:
    """A theme heading (`theme` set, `cells` empty) or one recommendation's four cells."""

    theme: str | None = None
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class Matrix:
    """The matrix of one cycle, ready to write: texts in the interface language of the moment it was built."""

    cycle: int
    title: str
    subtitle: str  # the data date, and the filters when any
    notice: str  # public or internal copy
    headers: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    recommendations: int
    public: bool
    about: tuple[tuple[str, str], ...]


def cycles_in(dataset: Dataset) -> list[int]:
    """The cycles of the dataset's recommendations, ascending."""
    return sorted({int(c) for c in dataset.recommendations["cycle"] if not pd.isna(c)})


def natural_key(rec_id: str) -> tuple:
    """Sort key putting `118.2` before `118.10` (numbers compared as numbers)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in _PARTS.split(rec_id) if p)


def _values(cell: object) -> tuple[str, ...]:
    return tuple(str(v) for v in cell) if isinstance(cell, tuple | list) else ()


def _evidence(typed: object, assessed: str | None) -> str | None:
    """The recommendation's Evidence, else that of its newest assessment."""
    return typed if isinstance(typed, str) and typed.strip() else assessed


def position(response: object) -> str:
    """The OHCHR position for an app response (`Accepted` → `Supported`), in the interface language."""
    return _(POSITIONS[response]) if isinstance(response, str) and response in POSITIONS else ""


def _assessment(status: object, when: object, evidence: object, internal: dict[str, object]) -> str:
    """The last column: the coalition's status (as of the newest assessment), evidence, internal lines."""
    status = status if isinstance(status, str) and status else ""
    shown = _(status)  # a word of the status scale, shown in the document's language
    lines = [_("{status}, as of {date}").format(status=shown, date=i18n.day(pd.Timestamp(when).date()))
             if status and not pd.isna(when) else shown]
    if isinstance(evidence, str) and evidence.strip():
        lines.append(evidence.strip())
    labels = {"lead_organization": _("Lead Organization: {value}"), "internal_notes": _("Internal Notes: {value}")}
    lines += [labels[key].format(value=value) for key, value in internal.items() if isinstance(value, str) and value]
    return "\n".join(line for line in lines if line)


def build_matrix(dataset: Dataset, cycle: int | None = None, filters: Filters | None = None,
                 today: date | None = None, notes: Provenance | None = None) -> Matrix:
    """The matrix of `cycle` (default: the latest cycle in the data); OutputError when that cycle has no row."""
    cycles = cycles_in(dataset)
    if cycle is None and not cycles:
        raise OutputError("There is no recommendation to put in a matrix (check the filters).")
    cycle = cycles[-1] if cycle is None else int(cycle)
    if cycle not in cycles:
        found = ", ".join(map(str, cycles)) or "none"
        raise OutputError(f"Cycle {cycle} has no recommendation in the data (cycles found: {found}).")
    recs = dataset.recommendations
    when = metrics.last_assessed(dataset)
    _dates, assessed_evidence = latest_assessments(dataset)
    internal = [k for k in ("lead_organization", "internal_notes") if k in recs and not dataset.public]
    groups: dict[str | None, list[tuple[tuple, tuple[str, ...]]]] = {}
    selected = (recs["cycle"] == cycle).to_numpy(dtype=bool, na_value=False).nonzero()[0]
    for i, rec in zip(selected, recs.iloc[selected].to_dict("records")):
        states = ", ".join(_values(rec["states"]))
        text = f"{rec['id']} {rec['text']}" + (f" ({states})" if states else "")
        themes = _values(rec["themes"])
        cells = (text, position(rec["response"]), "\n".join(themes),
                 _assessment(rec["status"], when.iloc[i], _evidence(rec.get("evidence"), assessed_evidence[i]),
                             {k: rec[k] for k in internal}))
        groups.setdefault(themes[0] if themes else None, []).append((natural_key(str(rec["id"])), cells))
    rows: list[MatrixRow] = []
    for theme in sorted((t for t in groups if t is not None), key=lambda t: (t.casefold(), t)) + (
            [None] if None in groups else []):
        rows.append(MatrixRow(theme=_("Theme: {theme}").format(theme=theme if theme is not None else _(NO_THEME))))
        rows += [MatrixRow(cells=cells) for _key, cells in sorted(groups[theme], key=lambda item: item[0])]
    count = sum(len(g) for g in groups.values())
    subtitle = _("Data as of {date}").format(date=i18n.day(dataset.fetched_at) if dataset.fetched_at
                                             else _("unknown"))
    if filters is not None and not filters.is_empty:
        subtitle += "\n" + _("Filters applied: {filters}").format(filters=describe_filters(filters).replace("\n", "; "))
    return Matrix(cycle, _("UPR recommendations for cycle {cycle}, with the coalition's assessment of "
                           "implementation").format(cycle=cycle), subtitle, copy_notice(dataset),
                  tuple(_(h) for h in HEADERS), tuple(rows), count, dataset.public,
                  tuple(about_rows(dataset, filters, today, notes)))


# ---- XLSX ---------------------------------------------------------------------------------------------

def matrix_xlsx(matrix: Matrix) -> bytes:
    """The matrix as .xlsx: title, merged shaded theme rows, wrapped text, landscape, header row on every page."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Matrix")
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    theme_fill = PatternFill("solid", fgColor=THEME_SHADE)
    put(sheet, 1, 1, matrix.title).font = Font(bold=True, size=14)
    put(sheet, 2, 1, "\n".join(t for t in (matrix.subtitle, "" if matrix.public else matrix.notice) if t))
    sheet.cell(row=2, column=1).alignment = WRAP
    sheet.row_dimensions[2].height = 15 * (1 + sheet.cell(row=2, column=1).value.count("\n"))
    for r in (1, 2):
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    header_row = 3
    for c, label in enumerate(matrix.headers, start=1):
        cell = put(sheet, header_row, c, label)
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEADER_FILL, WRAP, border
    for r, row in enumerate(matrix.rows, start=header_row + 1):
        if row.theme is not None:
            cell = put(sheet, r, 1, row.theme)
            cell.font, cell.fill, cell.alignment = BOLD, theme_fill, WRAP
            for c in range(1, 5):
                sheet.cell(row=r, column=c).border = border
                sheet.cell(row=r, column=c).fill = theme_fill
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
            continue
        for c, value in enumerate(row.cells, start=1):
            cell = put(sheet, r, c, value)
            cell.alignment, cell.border = WRAP, border
    for c, width in enumerate(XLSX_WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(row=header_row, column=c).column_letter].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    write_about(book, list(matrix.about))
    return save(book)


# ---- DOCX ---------------------------------------------------------------------------------------------

def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _write(cell, text: str, bold: bool = False) -> None:
    """Literal text in a table cell (line breaks kept), never a field or formula."""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(neutralise(text, quote=False))
    run.bold = bold or None


def matrix_docx(matrix: Matrix) -> bytes:
    """The matrix as a landscape Word document: title, data date, a table whose header row repeats on every page."""
    document = Document()
    khmer_fonts(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    document.core_properties.title = neutralise(matrix.title, quote=False)
    document.core_properties.author = "UPR Monitor"
    document.add_heading(neutralise(matrix.title, quote=False), level=1)
    for line in (matrix.subtitle, "" if matrix.public else matrix.notice):
        if line:
            document.add_paragraph(neutralise(line, quote=False))
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_CM):
        column.width = Cm(width)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeat on every page
    for cell, label, width in zip(header.cells, matrix.headers, WIDTHS_CM):
        _write(cell, label, bold=True)
        _shade(cell, HEADER_SHADE)
        cell.width = Cm(width)
    for row in matrix.rows:
        cells = table.add_row().cells
        if row.theme is not None:
            merged = cells[0].merge(cells[3])
            _write(merged, row.theme, bold=True)
            _shade(merged, THEME_SHADE)
            continue
        for cell, value, width in zip(cells, row.cells, WIDTHS_CM):
            _write(cell, value)
            cell.width = Cm(width)
    document.styles["Normal"].font.size = Pt(10)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
