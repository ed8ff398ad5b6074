"""The blank starter workbook: every contract tab with its headers, dropdowns and cell formats."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from upr_sheets.core.contract import LISTS, STATUS, TABS, VOCABULARIES, Column, Kind, Tab
from upr_sheets.core.settings import Settings

from .setup_plan import EXTRA_LOOKUPS, is_text_column, text_colour

HOW_TO_TITLE = "How to use"
FORMATTED_ROWS = 1000  # rows below the header that get formats and dropdowns
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_WIDTHS = {"text": 70, "indicator": 50, "evidence": 45, "internal_notes": 40, "note": 40, "states": 30,
           "themes": 34, "ministries": 40, "working_group": 26, "lead_organization": 28, "organization": 28,
           "email": 30, "scope": 30, "audience": 26, "source": 30, "rec_ids": 22}
_HOW_TO = (
    "UPR Monitor — starter workbook",
    "",
    "1. Keep it as an .xlsx file, or prepare a Google Sheet with `python -m upr_sheets setup-sheet SHEET_URL`.",
    "2. Fill the Lists tab first: your themes, responsible ministries, working groups and member organisations. "
    "The dropdowns of the Recommendations tab offer these values.",
    "3. Add one row per recommendation in the Recommendations tab. ID, Cycle, Recommendation and Response "
    "are required. Type the ID exactly as printed in the UN report (e.g. 118.17): 118.1 and 118.10 are two "
    "different recommendations, so ID columns are formatted as text.",
    "4. Several values in one cell (Recommending States, Themes, Ministries, SDGs) are separated by ; "
    "(for example: Land and housing; Judiciary).",
    "5. Status is the coalition's own assessment; Government Status is what the government reports. "
    "A blank Status means No information.",
    "6. Record each new assessment as a new row of the Assessments tab (never overwrite old rows); the newest "
    "one should match the Status column of the recommendation.",
    "7. Indicators and Measurements are optional: one row per indicator, one row per measured value.",
    "8. Internal Notes, Assessed By, Reported By and Lead Organization, and the Members and Share Links tabs, "
    "are private: they are never shown to viewers or in exports for outsiders.",
    "9. Do not rename tabs or headers. Extra columns and tabs (like this one) are ignored.",
    "10. Run `python -m upr_sheets check SOURCE` (or open the Data quality page) to see every problem cell by cell.",
)


def _choices(col: Column, settings: Settings) -> tuple[str, ...] | None:
    """The values a controlled column's dropdown offers."""
    if col.choices == STATUS:
        return settings.status_labels
    if col.choices:
        return VOCABULARIES[col.choices].labels
    if col.kind is Kind.BOOL:
        return ("TRUE", "FALSE")
    return None


def _lookup(tab: Tab, col: Column) -> str | None:
    return col.lookup or EXTRA_LOOKUPS.get((tab.key, col.key))


def _lists_range(settings: Settings, key: str, lists_columns: dict[str, int] | None = None) -> str:
    index = (lists_columns or {c.key: i for i, c in enumerate(LISTS.columns)})[key]
    letter = get_column_letter(index + 1)
    return f"{quote_sheetname(settings.tab_title(LISTS.key))}!${letter}$2:${letter}${FORMATTED_ROWS + 1}"


def _inline(values: tuple[str, ...]) -> str | None:
    """An inline list formula, or None when the values cannot be written inline."""
    joined = ",".join(values)
    if any("," in v or '"' in v for v in values) or len(joined) > 250:
        return None
    return f'"{joined}"'


def _choices_range(book: Workbook, values: tuple[str, ...]) -> str:
    """A range on a hidden helper tab holding values that cannot be listed inline."""
    sheet = book["Choices"] if "Choices" in book.sheetnames else book.create_sheet("Choices")
    sheet.sheet_state = "hidden"
    column = sheet.max_column + 1 if sheet.max_row > 1 or sheet["A1"].value else 1
    for row, value in enumerate(values, start=1):
        sheet.cell(row=row, column=column, value=value)
    letter = get_column_letter(column)
    return f"Choices!${letter}$1:${letter}${len(values)}"


def _aliases(col: Column, settings: Settings) -> tuple[str, ...]:
    if col.choices == STATUS:
        return tuple(settings.status_vocabulary.aliases)
    return tuple(VOCABULARIES[col.choices].aliases) if col.choices else ()


def validation(book: Workbook, tab: Tab, col: Column, settings: Settings,
               lists_columns: dict[str, int] | None = None) -> DataValidation | None:
    """The dropdown for a column: a fixed vocabulary or a Lists column (0-based `lists_columns` when the Lists
    tab has its own order).

    A value outside the vocabulary gets a warning, not a refusal: the loader accepts aliases (`supported`
    for Accepted) and `check` reports anything else cell by cell.
    """
    values = _choices(col, settings)
    if values:
        formula = _inline(values) or _choices_range(book, values)
        aliases = _aliases(col, settings)
        also = f" Also accepted: {', '.join(aliases)}." if aliases else ""
        return DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                              errorStyle="warning", errorTitle=f"Not a usual {col.header}",
                              error=(f"Choose one of: {', '.join(values)}.{also}")[:255])
    lookup = _lookup(tab, col)
    if lookup is None:
        return None
    if col.kind is Kind.MULTI:
        return DataValidation(type="list", formula1=_lists_range(settings, lookup, lists_columns), allow_blank=True,
                              showErrorMessage=False)
    return DataValidation(type="list", formula1=_lists_range(settings, lookup, lists_columns), allow_blank=True,
                          showErrorMessage=True, errorStyle="warning", errorTitle=f"Not in the {LISTS.title} tab",
                          error=f"Add this value to the {LISTS.title} tab first, or pick one from the list.")


def cell_format(col: Column) -> str | None:
    """The number format a column's cells need: text for ids and SDG targets, a date format for dates."""
    return TEXT_FORMAT if is_text_column(col) else DATE_FORMAT if col.kind is Kind.DATE else None


def style_header(sheet: Worksheet, tab: Tab) -> None:
    """Write the tab's canonical headers in row 1: bold, shaded, frozen, with readable column widths."""
    for index, col in enumerate(tab.columns, start=1):
        header = sheet.cell(row=1, column=index, value=col.header)
        header.font = Font(bold=True)
        header.fill = _HEADER_FILL
        header.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(col.key, max(len(col.header) + 4, 14))
    sheet.freeze_panes = "A2"


def format_tab(book: Workbook, sheet: Worksheet, tab: Tab, settings: Settings) -> None:
    """Headers, formats, dropdowns and Status colours of a new tab."""
    style_header(sheet, tab)
    for index, col in enumerate(tab.columns, start=1):
        letter = get_column_letter(index)
        if number_format := cell_format(col):
            sheet.column_dimensions[letter].number_format = number_format
            for row in range(2, FORMATTED_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = number_format
        if (dv := validation(book, tab, col, settings)) is not None:
            dv.add(f"{letter}2:{letter}{FORMATTED_ROWS + 1}")
            sheet.add_data_validation(dv)
    colour_statuses(sheet, {col.key: i for i, col in enumerate(tab.columns)}, tab, settings)


def colour_statuses(sheet: Worksheet, columns: dict[str, int], tab: Tab, settings: Settings) -> int:
    """Conditional fills from the dashboard's status palette on the Status columns (0-based `columns`); rules added."""
    added = 0
    for col in tab.columns:
        if col.choices != STATUS:
            continue
        letter = get_column_letter(columns[col.key] + 1)
        cells = f"{letter}2:{letter}{FORMATTED_ROWS + 1}"
        if any(str(rng.sqref) == cells for rng in sheet.conditional_formatting):
            continue
        for label, colour in settings.status_colours.items():
            fill = PatternFill("solid", start_color=colour.lstrip("#"), end_color=colour.lstrip("#"))
            quoted = '"' + label.replace('"', '""') + '"'
            sheet.conditional_formatting.add(cells, CellIsRule(operator="equal", formula=[quoted], fill=fill,
                                                               font=Font(color=text_colour(colour)[1:])))
            added += 1
    return added


def write_template(path: Path, settings: Settings) -> None:
    """Write a blank workbook with every contract tab, canonical headers, dropdowns and text-formatted ids."""
    book = Workbook()
    how_to = book.active
    how_to.title = HOW_TO_TITLE
    for line in _HOW_TO:
        how_to.append([line])
    how_to["A1"].font = Font(bold=True, size=14)
    how_to.column_dimensions["A"].width = 120
    for row in how_to.iter_rows(min_row=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    for tab in TABS:
        format_tab(book, book.create_sheet(settings.tab_title(tab.key)), tab, settings)
    if "Choices" in book.sheetnames:
        book.move_sheet("Choices", offset=len(book.sheetnames))
    book.save(Path(path))
