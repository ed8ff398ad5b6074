"""FakeSheets answers like the real API: replay gspread's recorded Google responses against it.

For each recording, the fake is loaded with the sheet contents the recording shows, the same gspread
calls are made, and every request must have the recorded URI and body and get the recorded status and
body (values, append, batchUpdate and error bodies byte for byte; spreadsheet metadata by shape).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gspread
import pytest
from fakesheets import FakeSheets, Formula
from gspread.utils import DateTimeOption, ValidationConditionType, ValueRenderOption

from upr_sheets.core.settings import load_settings
from upr_sheets.sources.gsheets_http import GOOGLE_BASE, make_client

CASSETTES = Path(__file__).resolve().parents[2] / "shared" / "research" / "gspread-cassettes"
EMPTY_LAYOUT = [["A1", "B1", "", "D1"], ["", "b2", "", ""], ["", "", "", ""], ["A4", "B4", "", "D4"]]
FRUIT = [["🍇", "🍉", "🍋"], ["🍐", "🍎", "🍓"]]
RENDER_ROWS = [  # what USER_ENTERED [["=4/2","2020-01-01","string",53],["=3/2",0.12,"1999-01-02",""]] stores
    [Formula("=4/2", 2), dt.date(2020, 1, 1), "string", 53],
    [Formula("=3/2", 1.5), 0.12, dt.date(1999, 1, 2), None],
]
RENDER_OPTIONS = [(v, d) for v in (ValueRenderOption.unformatted, ValueRenderOption.formatted)
                  for d in (DateTimeOption.serial_number, DateTimeOption.formatted_string)]


@dataclass
class Case:
    """One recording: the tabs to load and the gspread calls to repeat."""

    cassette: str
    tabs: dict[str, list[list[Any]]]
    calls: Callable[[gspread.Client, str, FakeSheets], None]
    grids: dict[str, tuple[int, int]] = field(default_factory=dict)
    sheet_ids: dict[str, int] = field(default_factory=dict)
    key: str | None = None  # default: the first spreadsheet the recording opens
    unshared: bool = False


def _emoji_tab(cassette: str, sheet_id: int) -> dict[str, Any]:
    title = f"🌵 {cassette.split('.')[-1]} 1"
    return {"tabs": {"Sheet1": [], title: FRUIT}, "grids": {title: (10, 10)}, "sheet_ids": {title: sheet_id}}


def _date_time_reads(gc: gspread.Client, key: str, fake: FakeSheets) -> None:
    ws = gc.open_by_key(key).sheet1
    ws.get("A1:D2")  # before the cells are written: an empty range
    fake.set_rows(key, "Sheet1", RENDER_ROWS)
    for value_option, date_option in RENDER_OPTIONS:
        ws.get_all_values(value_render_option=value_option, date_time_render_option=date_option)


def _record_reads(gc: gspread.Client, key: str, fake: FakeSheets) -> None:
    ws = gc.open_by_key(key).sheet1
    ws.get("A1:D2")
    fake.set_rows(key, "Sheet1", RENDER_ROWS)
    for option in (None, ValueRenderOption.unformatted, ValueRenderOption.formula):
        ws.get_all_values(value_render_option=option)


def _append_with_table_range(gc: gspread.Client, key: str, fake: FakeSheets) -> None:
    ws = gc.open_by_key(key).sheet1
    row = [f"test_append_row_with_empty_value_and_table_range {i}" if i != 2 else "" for i in (1, 2, 3)]
    ws.append_row(row)
    ws.append_row(row, table_range="A1")
    ws.row_values(2)


def _batch_update(gc: gspread.Client, key: str, fake: FakeSheets) -> None:
    ws = gc.open_by_key(key).sheet1
    ws.clear()
    ws.batch_update([{"range": "A1:D1", "values": [EMPTY_LAYOUT[0]]}, {"range": "A4:D4", "values": [EMPTY_LAYOUT[3]]}])
    ws.get("A1:D4")


def _add_validation(gc: gspread.Client, key: str, fake: FakeSheets) -> None:
    ws = gc.open_by_key(key).sheet1
    ws.clear()
    ws.add_validation("A1", ValidationConditionType.one_of_list, ["y"], inputMessage="n", strict=True)
    with pytest.raises(gspread.exceptions.APIError):
        ws.update("X", "A1")  # type: ignore[arg-type]  # a value where rows belong: the API's 400
    assert fake.tab(key, "Sheet1").validations, "the rule was not stored"


def _raises(error: type[BaseException], call: Callable[[gspread.Client, str], Any]):
    def calls(gc: gspread.Client, key: str, fake: FakeSheets) -> None:
        with pytest.raises(error):
            call(gc, key)
    return calls


CASES = [
    Case("SpreadsheetTest.test_values_get", **_emoji_tab("SpreadsheetTest.test_values_get", 463885193),
         calls=lambda gc, key, fake: gc.open_by_key(key).values_get("🌵 test_values_get 1")),
    Case("SpreadsheetTest.test_values_batch_get", **_emoji_tab("SpreadsheetTest.test_values_batch_get", 901015854),
         calls=lambda gc, key, fake: gc.open_by_key(key).values_batch_get(
             [f"🌵 test_values_batch_get 1!{c}:{c}" for c in "ABC"])),
    Case("WorksheetTest.test_batch_get", {"Sheet1": EMPTY_LAYOUT},
         calls=lambda gc, key, fake: gc.open_by_key(key).sheet1.batch_get(["A1:B1", "B4:D4"])),
    Case("WorksheetTest.test_batch_update", {"Sheet1": [["left over"]]}, calls=_batch_update),
    Case("WorksheetTest.test_add_validation", {"Sheet1": []}, calls=_add_validation),
    Case("WorksheetTest.test_update_works_with_swapped_values_and_range", {"Sheet1": EMPTY_LAYOUT},
         calls=lambda gc, key, fake: gc.open_by_key(key).sheet1.get("D4:A1")),
    Case("WorksheetTest.test_get_all_values_date_time_render_options", {"Sheet1": []},
         grids={"Sheet1": (2, 4)}, calls=_date_time_reads),
    Case("WorksheetTest.test_get_all_records_value_render_options", {"Sheet1": []},
         grids={"Sheet1": (2, 4)}, calls=_record_reads),
    Case("WorksheetTest.test_get_all_records_numericise_unformatted",
         {"Sheet1": [["A", "", "C", "3_1_0"], [Formula("=3/2", 1.5), 0.12, "", "3_2_1"]]}, grids={"Sheet1": (2, 4)},
         calls=lambda gc, key, fake: gc.open_by_key(key).sheet1.get_all_values(
             value_render_option=ValueRenderOption.unformatted)),
    Case("WorksheetTest.test_append_row", {"Sheet1": []},
         calls=lambda gc, key, fake: (
             gc.open_by_key(key).sheet1.append_row([f"test_append_row {i}" for i in range(1, 11)]),
             gc.open_by_key(key).sheet1.row_values(1))),
    Case("WorksheetTest.test_append_row_with_empty_value_and_table_range", {"Sheet1": []},
         calls=_append_with_table_range),
    Case("ClientTest.test_access_non_existing_spreadsheet", {}, key="test",
         calls=_raises(gspread.SpreadsheetNotFound, lambda gc, key: gc.open_by_key(key))),
    Case("ClientTest.test_access_private_spreadsheet", {"Sheet1": []}, unshared=True,
         key="1jIKzPs8LsiZZdLdeMEP-5ZIHw6RkjiOmj1LrJN706Yc",
         calls=_raises(PermissionError, lambda gc, key: gc.open_by_key(key))),
]


def load_interactions(name: str) -> list[dict[str, Any]]:
    """The recorded interactions of one cassette (skips when the recordings are not here)."""
    path = CASSETTES / f"{name}.json"
    if not path.is_file():
        pytest.skip(f"recorded Google responses not found at {path} (they live in ../shared/research/)")
    return json.loads(path.read_text(encoding="utf-8"))["interactions"]


def first_key(interactions: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The first spreadsheet the recording opens, and its recorded metadata."""
    for item in interactions:
        uri, response = item["request"]["uri"], item["response"]
        if uri.startswith(GOOGLE_BASE + "/v4/spreadsheets/") and uri.endswith("?includeGridData=false"):
            return uri.split("/")[-1].split("?")[0], json.loads(response["body"]["string"])
    raise AssertionError("no spreadsheet metadata in the recording")


def _set(body: dict[str, Any]) -> dict[str, Any]:
    """A request body without its null fields."""
    return {key: value for key, value in body.items() if value is not None}


def shape(value: Any) -> Any:
    """The structure of a JSON value: keys and element types, not the data."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return "number" if isinstance(value, (int, float)) and not isinstance(value, bool) else type(value).__name__


@pytest.mark.parametrize("case", CASES, ids=[case.cassette for case in CASES])
def test_fake_answers_like_the_recording(fake_sheets: FakeSheets, case: Case) -> None:
    interactions = load_interactions(case.cassette)
    key, metadata = first_key(interactions)
    key = case.key or key
    if case.tabs:
        fake_sheets.add_spreadsheet(key, case.tabs, title=metadata["properties"]["title"], grids=case.grids,
                                    sheet_ids=case.sheet_ids)
    if case.unshared:
        fake_sheets.unshare(key)
    gc = make_client(load_settings(), None, fake_sheets.base_url)
    case.calls(gc, key, fake_sheets)

    assert fake_sheets.bodies, "no request reached the fake"
    compared = 0
    for hit, status, body in fake_sheets.bodies:
        recorded = next((item["response"] for item in interactions
                         if item["request"]["method"] == hit.method
                         and item["request"]["uri"] == GOOGLE_BASE + hit.uri), None)
        assert recorded is not None, f"gspread sent {hit.method} {hit.uri}, which the recording never did"
        assert status == recorded["status"]["code"], hit.uri
        sent = next(item["request"]["body"] for item in interactions if item["response"] is recorded)
        if sent:  # a write: gspread sent the fake what it sent Google (today's gspread adds explicit nulls)
            assert _set(json.loads(hit.body)) == _set(json.loads(sent)), hit.uri
        expected = recorded["body"]["string"]
        if hit.kind == "metadata" and status == 200:
            ours, theirs = json.loads(body), json.loads(expected)
            assert set(ours) == set(theirs)
            assert set(ours["properties"]) == set(theirs["properties"])
            assert shape(ours["sheets"][0]) == shape(theirs["sheets"][0])
            assert ours["spreadsheetUrl"] == theirs["spreadsheetUrl"]
        else:
            assert body == expected, hit.uri
            compared += 1
    assert compared >= 1


@pytest.mark.parametrize("recorded_range,rows,grid,expected", [
    ("'Sheet1'", [["a"]], (1000, 26), "Sheet1!A1:Z1000"),
    ("'Sheet1'!A:A", [["a"]], (10, 10), "Sheet1!A1:A10"),
    ("'Sheet1'!A1:1", [["a"]], (1000, 26), "Sheet1!A1:Z1"),
    ("'Sheet1'!A2:2", [["a"]], (1000, 26), "Sheet1!A2:Z2"),
    ("'Sheet1'!D4:A1", [["a"]], (1000, 26), "Sheet1!A1:D4"),
    ("Sheet1!B4:D4", [["a"]], (1000, 26), "Sheet1!B4:D4"),
])
def test_range_normalisation_seen_in_recordings(
    fake_sheets: FakeSheets, recorded_range: str, rows: list, grid: tuple[int, int], expected: str
) -> None:
    fake_sheets.add_spreadsheet("k", {"Sheet1": rows}, grids={"Sheet1": grid})
    gc = make_client(load_settings(), None, fake_sheets.base_url)
    assert gc.http_client.values_get("k", recorded_range)["range"] == expected
