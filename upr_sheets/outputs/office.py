"""Writing spreadsheet and Word files safely and alike: formula neutralisation, XLSX cells, the About sheet,
Khmer fonts in Word.

Shared by the export table (`exports`), the OHCHR matrix (`matrix`) and Word reports (`reports.word`);
pure, no Streamlit.

Sheet text is untrusted. Every writer passes each value through `neutralise()`: a text that a spreadsheet
could read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, after any spaces)
is prefixed with `'` in CSV (OWASP's rule against CSV injection) and stored as a string cell in XLSX
(never a formula); characters that XML forbids are dropped. Numbers and dates are typed as such and never
touched. Labels are in the current interface language (`i18n.use`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from upr_sheets.analysis.filters import FIELDS, Filters
from upr_sheets.analysis.provenance import DEMO_MARK, Provenance, provenance
from upr_sheets.core import i18n
from upr_sheets.core.fonts import KHMER_FONT
from upr_sheets.core.i18n import N_, _
from upr_sheets.core.model import Dataset

FORMULA_START = frozenset("=+-@\t\r")
XLSX_MAX_CHARS = 32_767  # Excel's limit for one cell
_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

FILTER_LABELS = {"cycles": N_("Cycle"), "responses": N_("Response"), "themes": N_("Themes"),
                 "ministries": N_("Ministries"), "working_groups": N_("Working Group"), "statuses": N_("Status"),
                 "priorities": N_("Priority"), "states": N_("Recommending States"), "sdgs": N_("SDGs")}
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


# ---- formula neutralisation, shared by every writer ------------------------------------------------------

def formula_like(text: str) -> bool:
    """True when a spreadsheet could read the text as a formula (a plain number such as `-5` is not one)."""
    head = text.lstrip(" \n\u00a0")
    return bool(head) and head[0] in FORMULA_START and not _NUMBER.fullmatch(head)


def neutralise(value: object, quote: bool = True) -> object:
    """A value safe to write: text without XML-illegal characters, prefixed with `'` when formula-like and
    `quote` (CSV); writers that store text as text (XLSX string cells, DOCX) pass quote=False. Non-text as is."""
    if not isinstance(value, str):
        return value
    text = _XML_ILLEGAL.sub("", value)
    return "'" + text if quote and formula_like(text) else text


def csv_bytes(header: Iterable[object], rows: Iterable[Iterable[object]], cell: Callable[[object], object]) -> bytes:
    """A table as CSV, UTF-8 with a byte-order mark (so Excel reads Khmer); `cell` gives what each value is written as
    (formula-like text quoted, see neutralise)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


# ---- XLSX -------------------------------------------------------------------------------------------------

def put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one XLSX cell: text always as a string cell (never a formula), dates and numbers typed."""
    cell = sheet.cell(row=row, column=column)
    value = neutralise(value, quote=False)
    if isinstance(value, str):
        if len(value) > XLSX_MAX_CHARS:
            value = value[:XLSX_MAX_CHARS - 1] + "…"
        cell.value = value
        cell.data_type = "s"  # openpyxl would otherwise store a text starting with `=` as a formula
        if formula_like(value):
            cell.quotePrefix = True  # Excel keeps it text even when someone edits the cell
    else:
        cell.value = value
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
    return cell


def write_table(sheet: Worksheet, header: Sequence[str], widths: Sequence[float],
                rows: Iterable[Iterable[object]], text_column: int | None = None, freeze: str = "A2") -> None:
    """A table on a sheet: bold grey header, column widths, every cell wrapped (text as text, see put), filters on
    the header, panes frozen at `freeze`; `text_column` (1-based) is formatted as text, so an id such as 118.10
    stays 118.10."""
    for c, (label, width) in enumerate(zip(header, widths, strict=True), start=1):
        cell = put(sheet, 1, c, label)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
        sheet.column_dimensions[cell.column_letter].width = width
    last = 1
    for last, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = put(sheet, last, c, value)
            cell.alignment = WRAP
            if c == text_column:
                cell.number_format = "@"
    sheet.freeze_panes = freeze
    if header:
        sheet.auto_filter.ref = f"A1:{sheet.cell(row=1, column=len(header)).column_letter}{last}"


def save(book: Workbook) -> bytes:
    """The workbook as bytes."""
    buffer = io.BytesIO()
    book.properties.creator = "UPR Monitor"
    book.save(buffer)
    return buffer.getvalue()


# ---- what the file holds: the About sheet -------------------------------------------------------------

def describe_filters(filters: Filters | None) -> str:
    """The filters applied, one per line (`Themes: Land; Health`), or a sentence saying there are none."""
    if filters is None or filters.is_empty:
        return _("None: every recommendation in the data")
    return "\n".join(f"{_(FILTER_LABELS[attr])}: " + "; ".join(str(v) for v in getattr(filters, attr))
                     for attr in FIELDS if getattr(filters, attr))


def copy_notice(dataset: Dataset) -> str:
    """Says whether the file is the public copy or a member's internal copy."""
    if dataset.public:
        return _("Public copy: internal notes and private columns are left out.")
    return _("Internal copy for coalition members: it includes Lead Organization and Internal Notes. "
             "Do not share it outside the coalition.")


def about_rows(dataset: Dataset, filters: Filters | None = None, today: date | None = None,
               notes: Provenance | None = None) -> list[tuple[str, str]]:
    """(label, value) rows describing an export: source, data date, filters, rows left out, public or internal.

    `notes`: what the data leaves out, taken before it was redacted (default: from `dataset` itself)."""
    source = _(dataset.source_label) if dataset.source_label else dataset.source
    when = dataset.fetched_at
    notes = notes if notes is not None else provenance(dataset)
    return [(_("Source"), source or _("unknown")),
            *([(_("Demo"), _(DEMO_MARK))] if notes.demo else []),
            (_("Data as of"), i18n.day(when) if when else _("unknown")),
            (_("Exported on"), i18n.day(today or datetime.now(UTC).date())),
            (_("Recommendations"), i18n.number(len(dataset.recommendations))),
            (_("Left out"), notes.left_out() or _("No row of the sheet is left out for errors.")),
            (_("Filters applied"), describe_filters(filters)),
            (_("Copy"), copy_notice(dataset)),
            (_("Formulas"), _("Text that begins like a spreadsheet formula (=, +, -, @) is kept as text and "
                              "never calculated."))]


def write_about(book: Workbook, rows: list[tuple[str, str]]) -> Worksheet:
    """Add the "About" sheet: one label and value per row."""
    sheet = book.create_sheet(_("About"))
    for r, (label, value) in enumerate(rows, start=1):
        put(sheet, r, 1, label).font = BOLD
        put(sheet, r, 2, value).alignment = WRAP
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 90
    return sheet


# ---- Word -------------------------------------------------------------------------------------------------

def _child(parent, tag: str, first: bool = True):
    """The `tag` child of an XML element, added (first or last) when missing."""
    node = parent.find(qn(tag))
    if node is None:
        node = OxmlElement(tag)
        if first:
            parent.insert(0, node)
        else:
            parent.append(node)
    return node


def khmer_fonts(document) -> None:
    """Khmer OS as the complex-script and East Asian font of a python-docx document's defaults and styles."""
    styles = document.styles.element
    rpr = _child(_child(_child(styles, "w:docDefaults"), "w:rPrDefault"), "w:rPr", first=False)
    _child(rpr, "w:rFonts")
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.element.find(qn("w:rPr")) is not None:
            _child(style.element.get_or_add_rPr(), "w:rFonts")
    for fonts in styles.iter(qn("w:rFonts")):  # Latin text keeps the template's font
        for theme_attr in ("w:eastAsiaTheme", "w:cstheme"):  # a theme font would win over the named one
            fonts.attrib.pop(qn(theme_attr), None)
        fonts.set(qn("w:eastAsia"), KHMER_FONT)
        fonts.set(qn("w:cs"), KHMER_FONT)
