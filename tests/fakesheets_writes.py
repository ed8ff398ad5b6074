"""The write calls of the fake Sheets API: values.update / values.batchUpdate / values.clear and
spreadsheets.batchUpdate with the requests `setup-sheet` sends, plus grid data (validation and number
format per cell) for `spreadsheets.get?includeGridData=true`.

A spreadsheets.batchUpdate is atomic like the real one: when one request is refused, none applies.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import fakesheets as fs

SUPPORTED_REQUESTS = ("addSheet", "updateSheetProperties", "setDataValidation", "repeatCell", "addProtectedRange",
                      "addConditionalFormatRule", "appendDimension")


class RequestError(ValueError):
    """A request the API answers 400 INVALID_ARGUMENT for."""


def _bad(message: str) -> tuple[int, dict[str, Any]]:
    return 400, fs._error(400, message)


def _stored(cell: Any, option: str) -> Any:
    if cell == "":
        return None
    return cell if option == "RAW" else fs._user_entered(cell)


def _write(book: fs.Book, text: str, values: Any, option: str) -> dict[str, Any]:
    """Write a block of values at a range; the `updatedRange` answer of values.update."""
    if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
        raise RequestError(values)
    tab, r1, c1, _, _, _ = book_resolve(book, text)
    width = fs.put_rows(tab, r1, c1, [[_stored(cell, option) for cell in row] for row in values])
    height = len(values)
    end = "" if (width, height) == (1, 1) else f":{fs.column_letters(c1 + width - 1)}{r1 + height - 1}"
    return {"updatedRange": f"{fs.sheet_ref(tab.title)}!{fs.column_letters(c1)}{r1}{end}",
            "updatedRows": height, "updatedColumns": width, "updatedCells": sum(len(row) for row in values)}


def book_resolve(book: fs.Book, text: str):
    """The fake's own A1 resolution (tab, r1, c1, r2, c2, normalised)."""
    return fs.FakeSheets._resolve(None, book, text)  # type: ignore[arg-type]


def _invalid_values(values: Any) -> tuple[int, dict[str, Any]]:
    message = f"Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue), {json.dumps(values)}"
    body = fs._error(400, message)
    body["error"]["details"] = [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                                 "fieldViolations": [{"field": "data.values", "description": message}]}]
    return 400, body


def values_update(fake: fs.FakeSheets, key: str, book: fs.Book, text: str, query: dict[str, list[str]],
                  body: bytes) -> tuple[int, dict[str, Any]]:
    """PUT values/{range}: write one block."""
    option = query.get("valueInputOption", [""])[0]
    if option not in ("RAW", "USER_ENTERED"):
        return _bad("'valueInputOption' is required but not specified")
    values = json.loads(body or b"{}").get("values")
    try:
        return 200, {"spreadsheetId": key, **_write(book, text, values, option)}
    except RequestError:
        return _invalid_values(values)


def values_batch_update(fake: fs.FakeSheets, key: str, book: fs.Book, text: str, query: dict[str, list[str]],
                        body: bytes) -> tuple[int, dict[str, Any]]:
    """POST values:batchUpdate: several blocks in one request, all or nothing."""
    payload = json.loads(body or b"{}")
    option = payload.get("valueInputOption", "")
    if option not in ("RAW", "USER_ENTERED"):
        return _bad("'valueInputOption' is required but not specified")
    saved = copy.deepcopy(book.tabs)
    responses = []
    try:
        for item in payload.get("data", []):
            responses.append({"spreadsheetId": key, **_write(book, item.get("range", ""), item.get("values"), option)})
    except RequestError as exc:
        book.tabs[:] = saved
        return _invalid_values(exc.args[0])
    except fs.RangeError as exc:
        book.tabs[:] = saved
        return _bad(str(exc))
    answer: dict[str, Any] = {"spreadsheetId": key}
    if responses:
        answer.update(
            totalUpdatedRows=sum(r["updatedRows"] for r in responses),
            totalUpdatedColumns=max(r["updatedColumns"] for r in responses),
            totalUpdatedCells=sum(r["updatedCells"] for r in responses),
            totalUpdatedSheets=len({r["updatedRange"].split("!")[0] for r in responses}),
            responses=responses,
        )
    return 200, answer


def values_clear(fake: fs.FakeSheets, key: str, book: fs.Book, text: str, query: dict[str, list[str]],
                 body: bytes) -> tuple[int, dict[str, Any]]:
    """POST values/{range}:clear."""
    tab, r1, c1, r2, c2, normalised = book_resolve(book, text)
    for r in range(r1 - 1, min(r2, len(tab.rows))):
        row = tab.rows[r]
        for c in range(c1 - 1, min(c2, len(row))):
            row[c] = None
    return 200, {"spreadsheetId": key, "clearedRange": normalised}


# -- spreadsheets.batchUpdate ------------------------------------------------------------------------
def _tab_by_id(book: fs.Book, sheet_id: Any) -> fs.Tab:
    for tab in book.tabs:
        if tab.sheet_id == (sheet_id or 0):
            return tab
    raise RequestError(f"No grid with id: {sheet_id}")


def _add_sheet(book: fs.Book, spec: dict[str, Any]) -> dict[str, Any]:
    props = dict(spec.get("properties") or {})
    title = props.get("title") or f"Sheet{len(book.tabs) + 1}"
    if any(tab.title.casefold() == title.casefold() for tab in book.tabs):
        raise RequestError(f'A sheet with the name "{title}" already exists. Please enter another name.')
    sheet_id = props.get("sheetId")
    if sheet_id is None:
        sheet_id = max((tab.sheet_id for tab in book.tabs), default=0) + 1_000_003
    if any(tab.sheet_id == sheet_id for tab in book.tabs):
        raise RequestError(f"A sheet with id {sheet_id} already exists.")
    grid = props.get("gridProperties") or {}
    tab = fs.Tab(title, int(sheet_id), [], int(grid.get("rowCount", 1000)), int(grid.get("columnCount", 26)),
                 frozen_rows=int(grid.get("frozenRowCount", 0)))
    book.tabs.insert(min(int(props.get("index", len(book.tabs))), len(book.tabs)), tab)
    grid_props: dict[str, Any] = {"rowCount": tab.row_count, "columnCount": tab.column_count}
    if tab.frozen_rows:
        grid_props["frozenRowCount"] = tab.frozen_rows
    return {"addSheet": {"properties": {"sheetId": tab.sheet_id, "title": title, "index": book.tabs.index(tab),
                                        "sheetType": "GRID", "gridProperties": grid_props}}}


def _update_sheet_properties(book: fs.Book, spec: dict[str, Any]) -> dict[str, Any]:
    props = spec.get("properties") or {}
    fields = {f.strip() for f in str(spec.get("fields", "")).split(",") if f.strip()}
    if not fields:
        raise RequestError("At least one field must be updated, but 'fields' is empty.")
    tab = _tab_by_id(book, props.get("sheetId"))
    for name in fields:
        if name == "gridProperties.frozenRowCount":
            tab.frozen_rows = int((props.get("gridProperties") or {}).get("frozenRowCount", 0))
        elif name == "title":
            tab.title = props["title"]
        else:
            raise RequestError(f"FakeSheets does not implement updateSheetProperties field {name}")
    return {}


def _range_of(book: fs.Book, grid_range: dict[str, Any]) -> fs.Tab:
    tab = _tab_by_id(book, grid_range.get("sheetId"))
    if grid_range.get("endColumnIndex", 0) > tab.column_count or grid_range.get("endRowIndex", 0) > tab.row_count:
        raise RequestError(f"Range ({grid_range}) exceeds grid limits. Max rows: {tab.row_count}, "
                           f"max columns: {tab.column_count}")
    return tab


def _set_validation(book: fs.Book, spec: dict[str, Any]) -> dict[str, Any]:
    tab = _range_of(book, spec.get("range") or {})
    rule = spec.get("rule")
    condition = (rule or {}).get("condition") or {}
    if rule and condition.get("type") not in ("ONE_OF_LIST", "ONE_OF_RANGE", "CUSTOM_FORMULA", "BOOLEAN",
                                               "DATE_IS_VALID", "NUMBER_GREATER"):
        raise RequestError(f"Invalid data validation condition type: {condition.get('type')}")
    tab.validations.append((dict(spec["range"]), rule))
    return {}


def _repeat_cell(book: fs.Book, spec: dict[str, Any]) -> dict[str, Any]:
    tab = _range_of(book, spec.get("range") or {})
    if spec.get("fields") != "userEnteredFormat.numberFormat":
        raise RequestError(f"FakeSheets does not implement repeatCell fields {spec.get('fields')}")
    tab.formats.append((dict(spec["range"]), ((spec.get("cell") or {}).get("userEnteredFormat") or {})))
    return {}


def _add_protected(book: fs.Book, spec: dict[str, Any]) -> dict[str, Any]:
    item = dict(spec.get("protectedRange") or {})
    tab = _range_of(book, item.get("range") or {})
    item["protectedRangeId"] = 1_000 + sum(len(t.protected) for t in book.tabs)
    item.setdefault("requestingUserCanEdit", True)
    tab.protected.append(item)
    return {"addProtectedRange": {"protectedRange": item}}


def _add_conditional(book: fs.Book, spec: dict[str, Any]) -> dict[str, Any]:
    rule = dict(spec.get("rule") or {})
    ranges = rule.get("ranges") or []
    if not ranges:
        raise RequestError("Invalid requests: conditional format rule has no ranges")
    tab = _range_of(book, ranges[0])
    tab.conditional.insert(min(int(spec.get("index", 0)), len(tab.conditional)), rule)
    return {}


def _append_dimension(book: fs.Book, spec: dict[str, Any]) -> dict[str, Any]:
    tab = _tab_by_id(book, spec.get("sheetId"))
    length = int(spec.get("length", 0))
    if length <= 0:
        raise RequestError("Invalid requests: length must be positive")
    if spec.get("dimension") == "COLUMNS":
        tab.column_count += length
    elif spec.get("dimension") == "ROWS":
        tab.row_count += length
    else:
        raise RequestError(f"Invalid dimension: {spec.get('dimension')}")
    return {}


_REQUESTS = {"addSheet": _add_sheet, "updateSheetProperties": _update_sheet_properties,
             "setDataValidation": _set_validation, "repeatCell": _repeat_cell, "addProtectedRange": _add_protected,
             "addConditionalFormatRule": _add_conditional, "appendDimension": _append_dimension}


def batch_update(fake: fs.FakeSheets, key: str, book: fs.Book, text: str, query: dict[str, list[str]],
                 body: bytes) -> tuple[int, dict[str, Any]]:
    """POST spreadsheets/{key}:batchUpdate: every request applies, or none."""
    requests = json.loads(body or b"{}").get("requests") or []
    saved = copy.deepcopy(book.tabs)
    replies = []
    for index, request in enumerate(requests):
        (name, spec), = request.items()
        try:
            if name not in _REQUESTS:
                raise RequestError(f"FakeSheets does not implement {name}")
            replies.append(_REQUESTS[name](book, spec))
        except (RequestError, KeyError, TypeError, ValueError) as exc:
            book.tabs[:] = saved
            return _bad(f"Invalid requests[{index}].{name}: {exc.args[0] if exc.args else exc}")
    fake.batch_requests.append([next(iter(r)) for r in requests])
    return 200, {"spreadsheetId": key, "replies": replies}


def _covers(grid_range: dict[str, Any], row: int, column: int) -> bool:
    return (grid_range.get("startRowIndex", 0) <= row < grid_range.get("endRowIndex", 10**9)
            and grid_range.get("startColumnIndex", 0) <= column < grid_range.get("endColumnIndex", 10**9))


def cell_data(tab: fs.Tab, row: int, column: int) -> dict[str, Any]:
    """The dataValidation and userEnteredFormat.numberFormat of one cell (0-based), as gridData shows them."""
    cell: dict[str, Any] = {}
    for grid_range, rule in reversed(tab.validations):
        if _covers(grid_range, row, column):
            if rule:
                cell["dataValidation"] = rule
            break
    for grid_range, fmt in reversed(tab.formats):
        if _covers(grid_range, row, column) and fmt.get("numberFormat"):
            cell["userEnteredFormat"] = {"numberFormat": fmt["numberFormat"]}
            break
    return cell


def grid_data(fake: fs.FakeSheets, book: fs.Book, answer: dict[str, Any], ranges: list[str]) -> None:
    """Add `data` (validation and number format per cell) for the requested ranges to a metadata answer.

    Like the real API, only the sheets the ranges name are listed then.
    """
    wanted: dict[str, list[dict[str, Any]]] = {}
    for text in ranges:
        tab, r1, c1, r2, c2, _ = book_resolve(book, text)
        rows = [{"values": [cell_data(tab, r, c) for c in range(c1 - 1, c2)]} for r in range(r1 - 1, r2)]
        wanted.setdefault(tab.title, []).append({"startRow": r1 - 1, "startColumn": c1 - 1, "rowData": rows})
    sheets = [sheet for sheet in answer["sheets"] if sheet["properties"]["title"] in wanted] if ranges \
        else answer["sheets"]
    for sheet in sheets:
        sheet["data"] = wanted.get(sheet["properties"]["title"], [])
    answer["sheets"] = sheets


WRITE_KINDS = {"values_update": values_update, "values_batch_update": values_batch_update, "clear": values_clear,
               "batch_update": batch_update}
