"""`setup-sheet`: real gspread against the fake Sheets API, and real openpyxl workbooks. Adds only, idempotent."""

from __future__ import annotations

from pathlib import Path

from builders import REC_HEADER, rec, write_xlsx
from fakesheets import FakeSheets
from fakesheets_writes import cell_data
from openpyxl import load_workbook

from upr_sheets.authoring.setup_plan import PROTECT_DESCRIPTION
from upr_sheets.checks.validate import validate
from upr_sheets.cli import main
from upr_sheets.core.contract import RECOMMENDATIONS, TABS
from upr_sheets.core.settings import Settings
from upr_sheets.sources import read_source

KEY = "1SetupSheetKey_abcdefghijklmnopqrstuvwxyz012"
WRITES = ("batch_update", "values_batch_update", "append", "values_update", "clear")


def writes(fake: FakeSheets) -> int:
    return sum(fake.counts[kind] for kind in WRITES)


def col(tab, key: str) -> int:
    return [c.key for c in tab.columns].index(key)


def test_empty_sheet_gets_every_tab_in_two_write_requests(fake_sheets: FakeSheets, settings: Settings, capsys) -> None:
    fake_sheets.add_spreadsheet(KEY, {"Sheet1": []})
    assert main(["setup-sheet", f"gsheet:{KEY}"]) == 0
    assert (fake_sheets.counts["batch_update"], fake_sheets.counts["values_batch_update"]) == (1, 1)
    titles = [tab.title for tab in fake_sheets.books[KEY].tabs]
    assert titles == ["Sheet1", *(settings.tab_title(tab.key) for tab in TABS)]
    recs = fake_sheets.tab(KEY, "Recommendations")
    assert recs.rows[0] == [c.header for c in RECOMMENDATIONS.columns]
    assert recs.frozen_rows == 1
    assert [p["description"] for p in recs.protected] == [PROTECT_DESCRIPTION] and recs.protected[0]["warningOnly"]
    response = cell_data(recs, 5, col(RECOMMENDATIONS, "response"))["dataValidation"]
    assert [v["userEnteredValue"] for v in response["condition"]["values"]] == list(
        ("Accepted", "Partially accepted", "Noted", "Pending"))
    assert response["strict"] is False and "supported" in response["inputMessage"]  # the loader's alias is accepted
    themes = cell_data(recs, 5, col(RECOMMENDATIONS, "themes"))["dataValidation"]
    assert themes["condition"] == {"type": "ONE_OF_RANGE", "values": [{"userEnteredValue": "='Lists'!$A$2:$A"}]}
    assert cell_data(recs, 9, col(RECOMMENDATIONS, "id"))["userEnteredFormat"]["numberFormat"]["type"] == "TEXT"
    colours = {r["booleanRule"]["condition"]["values"][0]["userEnteredValue"]: r["booleanRule"]["format"]
               for r in recs.conditional if r["ranges"][0]["startColumnIndex"] == col(RECOMMENDATIONS, "status")}
    assert colours["Not implemented"]["backgroundColor"] == {"red": round(0xD5 / 255, 4),
                                                             "green": round(0x5E / 255, 4), "blue": 0.0}
    assert fake_sheets.tab(KEY, "Assessments").rows[0][-1] == "Submission ID"
    dataset = validate(read_source(f"gsheet:{KEY}", settings), settings)
    assert dataset.issues == []

    capsys.readouterr()
    before = writes(fake_sheets)
    assert main(["setup-sheet", f"gsheet:{KEY}"]) == 0
    assert writes(fake_sheets) == before, "a second run must not write"
    assert "Nothing to change" in capsys.readouterr().out


def test_existing_tab_keeps_its_data_and_gets_missing_columns_at_the_end(fake_sheets: FakeSheets) -> None:
    rows = [["Rec ID", "Cycle", "Recommendation", "Response", "Our own column"],
            ["118.10", 2, "Ratify OP-CAT", "supported", "keep me"]]
    fake_sheets.add_spreadsheet(KEY, {"Recs": rows, "Notes": [["anything"]]})
    old_rule = {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "Accepted"},
                                                                {"userEnteredValue": "Noted"}]}, "strict": True}
    custom = {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "our own"}]}, "strict": True}
    fake_sheets.tab(KEY, "Recs").validations += [({"sheetId": 0, "startRowIndex": 1, "startColumnIndex": 3,
                                                   "endColumnIndex": 4}, old_rule),
                                                  ({"sheetId": 0, "startRowIndex": 1, "startColumnIndex": 4,
                                                    "endColumnIndex": 5}, custom)]
    assert main(["setup-sheet", f"gsheet:{KEY}"]) == 0
    recs = fake_sheets.tab(KEY, "Recs")
    assert [tab.title for tab in fake_sheets.books[KEY].tabs][:2] == ["Recs", "Notes"]  # not renamed or moved
    assert recs.rows[1] == ["118.10", 2, "Ratify OP-CAT", "supported", "keep me"]  # data untouched
    missing = [c.header for c in RECOMMENDATIONS.columns if c.key not in ("id", "cycle", "text", "response")]
    assert recs.rows[0] == rows[0] + missing  # new columns after the last used one
    assert cell_data(recs, 1, 3)["dataValidation"]["strict"] is False  # the old strict template list was replaced
    assert cell_data(recs, 1, 4)["dataValidation"] == custom  # the coalition's own dropdown was kept
    assert fake_sheets.tab(KEY, "Notes").rows == [["anything"]]


def test_dry_run_writes_nothing(fake_sheets: FakeSheets, capsys) -> None:
    fake_sheets.add_spreadsheet(KEY, {"Sheet1": []})
    assert main(["setup-sheet", f"gsheet:{KEY}", "--dry-run"]) == 0
    assert writes(fake_sheets) == 0
    out = capsys.readouterr().out
    assert "Would make" in out and "add the `Recommendations` tab" in out


def test_viewer_share_says_share_as_editor(fake_sheets: FakeSheets, capsys) -> None:
    fake_sheets.add_spreadsheet(KEY, {"Sheet1": []})
    fake_sheets.unshare(KEY)
    assert main(["setup-sheet", f"gsheet:{KEY}"]) == 2
    assert "as Editor" in capsys.readouterr().err


def test_failed_batch_changes_nothing_and_a_rerun_completes(fake_sheets: FakeSheets, settings: Settings) -> None:
    fake_sheets.add_spreadsheet(KEY, {"Sheet1": []})
    fake_sheets.fail_next(500, 500, 500, 500, kind="batch_update")
    assert main(["setup-sheet", f"gsheet:{KEY}"]) == 2
    assert [tab.title for tab in fake_sheets.books[KEY].tabs] == ["Sheet1"]
    assert fake_sheets.sleeps, "the write was retried with back-off"
    assert main(["setup-sheet", f"gsheet:{KEY}"]) == 0
    assert validate(read_source(f"gsheet:{KEY}", settings), settings).issues == []


def test_new_xlsx_is_the_starter_workbook_and_a_rerun_changes_nothing(tmp_path: Path, capsys) -> None:
    path = tmp_path / "new.xlsx"
    assert main(["setup-sheet", str(path)]) == 0
    book = load_workbook(path)
    assert book["Assessments"]["I1"].value == "Submission ID"
    assert book["Recommendations"].conditional_formatting  # Status colours
    stamp = path.stat().st_mtime_ns
    capsys.readouterr()
    assert main(["setup-sheet", str(path)]) == 0
    assert "Nothing to change" in capsys.readouterr().out and path.stat().st_mtime_ns == stamp


def test_existing_xlsx_gets_tabs_and_columns_without_touching_data(tmp_path: Path, settings: Settings,
                                                                  capsys) -> None:
    path = write_xlsx(tmp_path / "ours.xlsx", {"Recommendations": [REC_HEADER, rec(id="118.10", status="in progress")],
                                              "Assessments": [["Date", "Recommendation ID", "Status"]]})
    before = [[c.value for c in row] for row in load_workbook(path)["Recommendations"].iter_rows()]
    assert main(["setup-sheet", str(path)]) == 0
    book = load_workbook(path)
    after = [[c.value for c in row] for row in book["Recommendations"].iter_rows()]
    assert [row[: len(before[0])] for row in after[: len(before)]] == before
    assert all(v is None for row in after[len(before):] for v in row)
    assert [c.value for c in book["Assessments"][1]][:3] == ["Date", "Recommendation ID", "Status"]
    assert "Submission ID" in [c.value for c in book["Assessments"][1]]
    assert {settings.tab_title(tab.key) for tab in TABS} <= set(book.sheetnames)
    status_letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.value for c in book["Assessments"][1]].index("Status")]
    assert any(f"{status_letter}2" in dv.sqref for dv in book["Assessments"].data_validations.dataValidation)
    dataset = validate(read_source(str(path), settings), settings)
    assert dataset.quarantined_rows == 0
    capsys.readouterr()
    assert main(["setup-sheet", str(path)]) == 0
    assert "Nothing to change" in capsys.readouterr().out


def test_a_header_only_grid_gets_rows_before_its_dropdowns(fake_sheets: FakeSheets, settings: Settings) -> None:
    fake_sheets.add_spreadsheet(KEY, {"Recommendations": [["ID", "Cycle", "Recommendation", "Response"]]},
                                grids={"Recommendations": (1, 4)})
    assert main(["setup-sheet", f"gsheet:{KEY}"]) == 0
    recs = fake_sheets.tab(KEY, "Recommendations")
    assert recs.row_count == 1000 and recs.column_count == len(RECOMMENDATIONS.columns)
    assert cell_data(recs, 1, 3)["dataValidation"]["strict"] is False  # Response, in the tab's own 4th column
    assert main(["setup-sheet", f"gsheet:{KEY}"]) == 0 and fake_sheets.counts["batch_update"] == 1
