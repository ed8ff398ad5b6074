"""`setup-sheet` on a Google Sheet: read the sheet in three requests, then write in at most two.

One spreadsheets.batchUpdate carries every structural change (new tabs, columns, dropdowns, text
formats, frozen and protected headers, Status colours); one values.batchUpdate writes the new header
cells. What is already there is read first, so a second run sends no write at all.
"""

from __future__ import annotations

from typing import Any

from upr_sheets.core.contract import LISTS, TABS
from upr_sheets.core.settings import Settings
from upr_sheets.sources.gsheets import quote_title
from upr_sheets.sources.gwrite import SheetWriter

from .setup_plan import (
    PROTECT_DESCRIPTION,
    Dropdown,
    SetupReport,
    TabPlan,
    dropdown,
    find_title,
    hex_colour,
    is_text_column,
    plan_tabs,
    status_columns,
    text_colour,
)

GRID_FIELDS = "sheets(properties(title),data(rowData(values(dataValidation,userEnteredFormat(numberFormat)))))"
NEW_TAB_ROWS = 1000


def column_letter(index: int) -> str:
    """0 → A, 26 → AA."""
    letters, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def rule_of(spec: Dropdown, lists_title: str) -> dict[str, Any]:
    """The Sheets API data-validation rule of a dropdown (not strict: the loader's aliases stay accepted)."""
    if spec.lists_column is not None:
        letter = column_letter(spec.lists_column)
        condition = {"type": "ONE_OF_RANGE",
                     "values": [{"userEnteredValue": f"={quote_title(lists_title)}!${letter}$2:${letter}"}]}
    else:
        condition = {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": v} for v in spec.values]}
    return {"condition": condition, "inputMessage": spec.help_text(), "strict": False, "showCustomUi": True}


def _replaceable(existing: dict[str, Any] | None, wanted: dict[str, Any], spec: Dropdown) -> bool:
    """Whether an existing rule may be replaced: none, or an older list of the same vocabulary."""
    if existing is None:
        return True
    condition = existing.get("condition") or {}
    if condition.get("type") != "ONE_OF_LIST" or spec.lists_column is not None:
        return False
    values = {str(v.get("userEnteredValue", "")).casefold() for v in condition.get("values", [])}
    known = {v.casefold() for v in (*spec.values, *spec.aliases)}
    return values <= known and existing != wanted


def _row2(grid: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Tab title → the cells of its row 2 (validation and number format)."""
    out = {}
    for sheet in grid.get("sheets", []):
        data = sheet.get("data") or [{}]
        rows = data[0].get("rowData") or [{}]
        out[sheet["properties"]["title"]] = rows[0].get("values") or []
    return out


def _cell(cells: list[dict[str, Any]], index: int) -> dict[str, Any]:
    return cells[index] if index < len(cells) else {}


class _Builder:
    def __init__(self, settings: Settings, sheets: dict[str, dict[str, Any]], row2: dict[str, list], lists: TabPlan):
        self.settings, self.sheets, self.row2, self.lists = settings, sheets, row2, lists
        self.requests: list[dict[str, Any]] = []
        self.changes: list[str] = []
        self.kept: list[str] = []
        self.next_id = max((s["properties"]["sheetId"] for s in sheets.values()), default=0) + 1

    def tab(self, plan: TabPlan) -> None:
        sheet = self.sheets.get(plan.title)
        props = sheet["properties"] if sheet else {}
        grid = props.get("gridProperties", {})
        if sheet is None:
            sheet_id, self.next_id = self.next_id, self.next_id + 1
            self.requests.append({"addSheet": {"properties": {
                "sheetId": sheet_id, "title": plan.title,
                "gridProperties": {"rowCount": NEW_TAB_ROWS, "columnCount": max(26, plan.width),
                                   "frozenRowCount": 1}}}})
        else:
            sheet_id = props["sheetId"]
            if grid.get("rowCount", NEW_TAB_ROWS) < 2:  # a header-only grid: room for rows to validate and format
                self.requests.append({"appendDimension": {"sheetId": sheet_id, "dimension": "ROWS",
                                                          "length": NEW_TAB_ROWS - grid.get("rowCount", 0)}})
                self.changes.append(f"add empty rows below the header of `{plan.title}`")
            if plan.width > grid.get("columnCount", 26):
                self.requests.append({"appendDimension": {"sheetId": sheet_id, "dimension": "COLUMNS",
                                                          "length": plan.width - grid.get("columnCount", 26)}})
            if grid.get("frozenRowCount", 0) < 1:
                self.requests.append({"updateSheetProperties": {
                    "properties": {"sheetId": sheet_id, "gridProperties": {"frozenRowCount": 1}},
                    "fields": "gridProperties.frozenRowCount"}})
                self.changes.append(f"freeze the header row of `{plan.title}`")
        self.changes += plan.changes
        protected = (sheet or {}).get("protectedRanges", [])
        if not any(p.get("description") == PROTECT_DESCRIPTION for p in protected):
            self.requests.append({"addProtectedRange": {"protectedRange": {
                "range": {"sheetId": sheet_id, "startRowIndex": 0, "endRowIndex": 1},
                "description": PROTECT_DESCRIPTION, "warningOnly": True}}})
            self.changes.append(f"protect the header row of `{plan.title}` (a warning before editing it)")
        self.columns(plan, sheet_id, self.row2.get(plan.title, []) if sheet else [])
        self.colours(plan, sheet_id, (sheet or {}).get("conditionalFormats", []))

    def columns(self, plan: TabPlan, sheet_id: int, row2: list[dict[str, Any]]) -> None:
        for col in plan.tab.columns:
            index = plan.columns[col.key]
            cell = _cell(row2, index)
            where = f"`{plan.title}`!{column_letter(index)} ({col.header})"
            column_range = {"sheetId": sheet_id, "startRowIndex": 1, "startColumnIndex": index,
                            "endColumnIndex": index + 1}
            fmt = (cell.get("userEnteredFormat") or {}).get("numberFormat") or {}
            if is_text_column(col) and fmt.get("type") != "TEXT":
                self.requests.append({"repeatCell": {"range": column_range,
                                                     "cell": {"userEnteredFormat": {"numberFormat": {"type": "TEXT"}}},
                                                     "fields": "userEnteredFormat.numberFormat"}})
                self.changes.append(f"format {where} as plain text")
            spec = dropdown(plan.tab, col, self.settings, self.lists)
            if spec is None:
                continue
            wanted = rule_of(spec, self.lists.title)
            existing = cell.get("dataValidation")
            if existing == wanted:
                continue
            if _replaceable(existing, wanted, spec):
                self.requests.append({"setDataValidation": {"range": column_range, "rule": wanted}})
                self.changes.append(f"dropdown on {where}")
            else:
                self.kept.append(f"your own dropdown on {where}")

    def colours(self, plan: TabPlan, sheet_id: int, existing: list[dict[str, Any]]) -> None:
        have = set()
        for rule in existing:
            condition = (rule.get("booleanRule") or {}).get("condition") or {}
            for grid_range in rule.get("ranges", []):
                for value in condition.get("values", []):
                    have.add((grid_range.get("startColumnIndex", 0), str(value.get("userEnteredValue", ""))))
        for index in status_columns(plan):
            added = 0
            for label, colour in self.settings.status_colours.items():
                if (index, label) in have:
                    continue
                fmt = {"backgroundColor": hex_colour(colour),
                       "textFormat": {"foregroundColor": hex_colour(text_colour(colour))}}
                self.requests.append({"addConditionalFormatRule": {"index": 0, "rule": {
                    "ranges": [{"sheetId": sheet_id, "startRowIndex": 1, "startColumnIndex": index,
                                "endColumnIndex": index + 1}],
                    "booleanRule": {"condition": {"type": "TEXT_EQ", "values": [{"userEnteredValue": label}]},
                                    "format": fmt}}}})
                added += 1
            if added:
                self.changes.append(f"colour `{plan.title}`!{column_letter(index)} by status ({added} colours)")


def header_ranges(plans: list[TabPlan]) -> list[tuple[str, list[list[Any]]]]:
    """values.batchUpdate data for the new header cells: one range per run of adjacent columns."""
    data = []
    for plan in plans:
        run: list[tuple[int, str]] = []
        for index, header in sorted(plan.new_headers) + [(-2, "")]:
            if run and index != run[-1][0] + 1:
                first, last = run[0][0], run[-1][0]
                cells = f"{column_letter(first)}1" + (f":{column_letter(last)}1" if last != first else "")
                data.append((f"{quote_title(plan.title)}!{cells}", [[h for _, h in run]]))
                run = []
            if index >= 0:
                run.append((index, header))
    return data


def setup_gsheet(writer: SheetWriter, settings: Settings, *, dry_run: bool = False) -> SetupReport:
    """Bring the Google Sheet up to the contract, adding only; a report of what changed."""
    meta = writer.spreadsheet()
    sheets = {s["properties"]["title"]: s for s in meta.get("sheets", [])
              if s["properties"].get("sheetType", "GRID") == "GRID"}
    titles = list(sheets)
    present = [t for t in (find_title(titles, tab, settings) for tab in TABS) if t]
    tables = writer.read_values(present)
    plans = plan_tabs({title: tables.get(title, []) for title in titles}, settings)
    with_rows = [t for t in present if sheets[t]["properties"].get("gridProperties", {}).get("rowCount", 2) >= 2]
    row2 = _row2(writer.spreadsheet(ranges=[f"{quote_title(t)}!2:2" for t in with_rows], fields=GRID_FIELDS)) \
        if with_rows else {}
    lists = next(p for p in plans if p.tab.key == LISTS.key)
    builder = _Builder(settings, sheets, row2, lists)
    for plan in plans:
        builder.tab(plan)
    report = SetupReport(f"Google Sheet {writer.key}", builder.changes, builder.kept, dry_run=dry_run)
    if dry_run or not builder.changes:
        return report
    before = writer.requests_made
    writer.batch_update(builder.requests)
    writer.write_values(header_ranges(plans))
    report.requests = writer.requests_made - before
    return report
