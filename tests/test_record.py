"""`record`: one assessment or measurement, checked with the loader's rules, appended once (fake Sheets API and
real .xlsx); Google failures keep the entry in the outbox until a retry writes it exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakesheets import FakeSheets
from test_import_into import SMALL

from upr_sheets.authoring import outbox as outbox_module
from upr_sheets.authoring.outbox import Outbox
from upr_sheets.cli import main
from upr_sheets.core.contract import ASSESSMENTS, INDICATORS, MEASUREMENTS

KEY = "1RecordKey_abcdefghijklmnopqrstuvwxyz01234567"
SOURCE = f"gsheet:{KEY}"
EDITOR = "sok@coalition.example"


@pytest.fixture
def box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Outbox:
    monkeypatch.setattr(outbox_module, "outbox_dir", lambda settings: tmp_path / "outbox")
    return Outbox(tmp_path / "outbox")


@pytest.fixture
def sheet(fake_sheets: FakeSheets, tmp_path: Path, box: Outbox) -> FakeSheets:
    fake_sheets.add_spreadsheet(KEY, {"Sheet1": []})
    report = tmp_path / "report.txt"
    report.write_text(SMALL, encoding="utf-8")
    assert main(["setup-sheet", SOURCE]) == 0
    assert main(["import-report", str(report), "--cycle", "2", "--into", SOURCE]) == 0
    indicators = fake_sheets.tab(KEY, "Indicators").rows[:1]
    fake_sheets.set_rows(KEY, "Indicators", indicators + [["I-1", 2, "118.1", "Places of detention visited",
                                                           "Quantitative", "visits"]])
    fake_sheets.reset_counts()
    return fake_sheets


def assessments(fake: FakeSheets) -> list[list]:
    return fake.tab(KEY, "Assessments").rows[1:]


def at(tab, key: str) -> int:
    return [c.key for c in tab.columns].index(key)


def record(*args: str) -> int:
    return main(["record", "assessment", SOURCE, "--id", "118.1", "--cycle", "2", "--by", EDITOR, *args])


def test_written_once_with_the_member_and_submission_id(sheet: FakeSheets, box: Outbox, capsys) -> None:
    assert record("--status", "in progress", "--date", "2026-11-30", "--submission-id", "s-1") == 0
    assert sheet.counts["append"] == 1
    (row,) = assessments(sheet)
    assert row[at(ASSESSMENTS, "rec_id")] == "118.1" and row[at(ASSESSMENTS, "status")] == "Partially implemented"
    assert row[at(ASSESSMENTS, "assessed_by")] == EDITOR and row[at(ASSESSMENTS, "submission_id")] == "s-1"
    assert "#gid=" in capsys.readouterr().out  # a link to the row
    assert record("--status", "in progress", "--submission-id", "s-1") == 1  # a retried submit: already written
    assert len(assessments(sheet)) == 1 and sheet.counts["append"] == 1
    assert box.entries() == []


@pytest.mark.parametrize("args, code_in_message", [
    (("--status", "Partialy implemented"), "Did you mean `Partially implemented`"),
    (("--status", "Fully implemented", "--date", "31/31/2026"), "31/31/2026"),
])
def test_refused_with_checks_message_and_nothing_sent(sheet: FakeSheets, box: Outbox, capsys, args,
                                                      code_in_message: str) -> None:
    assert record(*args) == 2
    assert code_in_message in capsys.readouterr().err
    assert sheet.counts["append"] == 0 and assessments(sheet) == [] and box.entries() == []


def test_unknown_recommendation_is_refused(sheet: FakeSheets, capsys) -> None:
    assert main(["record", "assessment", SOURCE, "--id", "999.9", "--cycle", "2", "--status", "Fully implemented"]) == 2
    assert sheet.counts["append"] == 0


def test_500_storm_keeps_the_entry_and_a_retry_writes_it_once(sheet: FakeSheets, box: Outbox) -> None:
    sheet.fail_next(500, 500, 500, 500, kind="append")
    assert record("--status", "Fully implemented", "--submission-id", "storm") == 2
    assert [e.submission_id for e in box.entries()] == ["storm"] and assessments(sheet) == []
    assert sheet.counts["append"] == 1, "an append is sent once: a lost answer must not write twice"
    for _ in range(3):
        assert main(["record", "retry"]) == 2  # the storm goes on: still waiting
        assert len(box.entries()) == 1 and assessments(sheet) == []
    assert main(["record", "retry"]) == 0
    assert len(assessments(sheet)) == 1 and box.entries() == []
    assert main(["record", "retry"]) == 0 and len(assessments(sheet)) == 1


def test_answer_lost_after_the_write_counts_as_written(sheet: FakeSheets, box: Outbox) -> None:
    sheet.fail_next(503, kind="append")
    assert record("--status", "Fully implemented", "--submission-id", "lost") == 2
    header = sheet.tab(KEY, "Assessments").rows[0]
    row = [""] * len(header)
    row[at(ASSESSMENTS, "date")], row[at(ASSESSMENTS, "rec_id")] = "2026-12-01", "118.1"
    row[at(ASSESSMENTS, "status")], row[at(ASSESSMENTS, "submission_id")] = "Fully implemented", "lost"
    sheet.set_rows(KEY, "Assessments", [header, row])  # Google had written it before the answer was lost
    assert main(["record", "retry", SOURCE]) == 0
    assert len(assessments(sheet)) == 1 and box.entries() == []


def test_unreachable_sheet_queues(sheet: FakeSheets, box: Outbox, capsys) -> None:
    sheet.fail_next(*[503] * 8, kind="batch_get")
    assert record("--status", "Fully implemented") == 2
    assert "kept" in capsys.readouterr().err and len(box.entries()) == 1


def test_viewer_share_is_refused_and_kept(sheet: FakeSheets, box: Outbox, capsys) -> None:
    sheet.fail_next(403, kind="append")
    assert record("--status", "Fully implemented") == 2
    assert "as Editor" in capsys.readouterr().err and len(box.entries()) == 1


def test_measurement_value_must_be_a_number_for_a_quantitative_indicator(sheet: FakeSheets, capsys) -> None:
    base = ["record", "measurement", SOURCE, "--indicator", "I-1", "--by", EDITOR, "--date", "2026-10-01"]
    assert main([*base, "--value", "many"]) == 2
    assert main([*base, "--value", "12", "--data-source", "Ministry report"]) == 0
    (row,) = sheet.tab(KEY, "Measurements").rows[1:]
    assert row[at(MEASUREMENTS, "value")] == "12" and row[at(MEASUREMENTS, "reported_by")] == EDITOR
    assert len(INDICATORS.columns) > 5


@pytest.fixture
def book(tmp_path: Path, box: Outbox) -> Path:
    """A set-up .xlsx workbook holding the small report's recommendations."""
    path = tmp_path / "c.xlsx"
    report = tmp_path / "r.txt"
    report.write_text(SMALL, encoding="utf-8")
    assert main(["setup-sheet", str(path)]) == 0
    assert main(["import-report", str(report), "--cycle", "2", "--into", str(path)]) == 0
    return path


def test_record_into_xlsx(book: Path) -> None:
    args = ["record", "assessment", str(book), "--id", "118.2", "--cycle", "2", "--status", "Not implemented",
            "--submission-id", "x-1"]
    assert main(args) == 0 and main(args) == 1


def test_xlsx_entries_saved_at_once_both_stay(book: Path) -> None:
    import threading

    codes: list[int] = []

    def one(n: int) -> None:
        codes.append(main(["record", "assessment", str(book), "--id", "118.1", "--cycle", "2", "--status",
                           "Not implemented", "--date", f"2026-11-0{n}", "--submission-id", f"t-{n}"]))

    threads = [threading.Thread(target=one, args=(n,)) for n in (1, 2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [0, 0, 0]
    from openpyxl import load_workbook

    ids = [row[at(ASSESSMENTS, "submission_id")] for row in load_workbook(book)["Assessments"].iter_rows(
        min_row=2, values_only=True) if row[0]]
    assert sorted(ids) == ["t-1", "t-2", "t-3"] and not book.with_name("c.xlsx.lock").exists()
