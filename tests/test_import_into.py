"""`import-report --into`: append a report's recommendations to a Google Sheet (fake API) or an .xlsx, keyed by
(Cycle, ID); existing rows are never changed; a rerun adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakesheets import FakeSheets

from upr_sheets.checks.validate import validate
from upr_sheets.cli import main
from upr_sheets.core.settings import Settings
from upr_sheets.sources import read_source

KEY = "1ImportIntoKey_abcdefghijklmnopqrstuvwxyz0123"
DATA = Path(__file__).resolve().parents[2] / "shared" / "research" / "data"
REPORT_2014 = DATA / "cambodia_wg_report_A-HRC-26-16_2014.txt"
REPORT_2010 = DATA / "cambodia_wg_report_A-HRC-13-4_2010.txt"
SMALL = """\
118. The recommendations formulated during the interactive dialogue and listed below enjoy the support of Cambodia:
118.1 Ratify the Optional Protocol to the Convention against Torture (France);
118.2 Establish a national human rights institution (Belgium, Chile);
119. The following recommendations will be examined by Cambodia, which will provide responses in due time:
119.1 Abolish the death penalty in law (Germany);
120. The conclusions and recommendations contained in the present report reflect the position of the States.
"""


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture
def sheet(fake_sheets: FakeSheets) -> FakeSheets:
    fake_sheets.add_spreadsheet(KEY, {"Sheet1": []})
    assert main(["setup-sheet", f"gsheet:{KEY}"]) == 0
    fake_sheets.reset_counts()
    return fake_sheets


def test_appends_new_rows_in_one_request_and_a_rerun_adds_nothing(sheet: FakeSheets, report: Path,
                                                                   settings: Settings, capsys) -> None:
    assert main(["import-report", str(report), "--cycle", "2", "--into", f"gsheet:{KEY}"]) == 0
    assert sheet.counts["append"] == 1
    rows = sheet.tab(KEY, "Recommendations").rows
    at = {name: i for i, name in enumerate(rows[0])}
    assert [(r[at["ID"]], r[at["Cycle"]], r[at["Response"]]) for r in rows[1:]] == [
        ("118.1", 2, "Accepted"), ("118.2", 2, "Accepted"), ("119.1", 2, "Pending")]
    assert rows[2][at["Recommending States"]] == "Belgium; Chile"
    assert "Added 3" in capsys.readouterr().out
    assert main(["import-report", str(report), "--cycle", "2", "--into", f"gsheet:{KEY}"]) == 0
    assert sheet.counts["append"] == 1, "a rerun must not append"
    assert "Added 0; 3 were already in the sheet" in capsys.readouterr().out


def test_existing_rows_are_listed_when_they_differ_never_changed(sheet: FakeSheets, report: Path, capsys) -> None:
    header = sheet.tab(KEY, "Recommendations").rows[0]
    ours = {"ID": "118.1", "Cycle": "2nd", "Recommendation": "Ratify OP-CAT (our wording)",
            "Recommending States": "France", "Response": "supported"}
    row = [ours.get(name, "") for name in header]
    sheet.set_rows(KEY, "Recommendations", [header, row])
    assert main(["import-report", str(report), "--cycle", "2", "--into", f"gsheet:{KEY}"]) == 0
    rows = sheet.tab(KEY, "Recommendations").rows
    assert rows[1] == row, "a row already in the sheet is never changed"
    assert [r[0] for r in rows[1:]] == ["118.1", "118.2", "119.1"]
    out = capsys.readouterr().out
    assert "118.1 (cycle 2): Recommendation, Response differ from the report" in out


def test_not_a_report_exits_2_and_writes_nothing(sheet: FakeSheets, tmp_path: Path, capsys) -> None:
    other = tmp_path / "minutes.txt"
    other.write_text("Minutes of the coalition meeting.\n1. Welcome\n2. Budget\n", encoding="utf-8")
    assert main(["import-report", str(other), "--cycle", "2", "--into", f"gsheet:{KEY}"]) == 2
    assert "does not look like a UN Working Group report" in capsys.readouterr().err
    assert sheet.counts["append"] == 0


def test_existing_out_file_needs_force(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "recs.xlsx"
    out.write_bytes(b"keep me")
    assert main(["import-report", str(report), "--cycle", "2", "--out", str(out)]) == 2
    assert out.read_bytes() == b"keep me"
    assert main(["import-report", str(report), "--cycle", "2", "--out", str(out), "--force"]) == 0
    assert out.read_bytes() != b"keep me"


def test_into_xlsx_after_setup(report: Path, tmp_path: Path, settings: Settings) -> None:
    book = tmp_path / "coalition.xlsx"
    assert main(["setup-sheet", str(book)]) == 0
    for _ in range(2):
        assert main(["import-report", str(report), "--cycle", "2", "--into", str(book)]) == 0
    dataset = validate(read_source(str(book), settings), settings)
    assert list(dataset.recommendations["id"]) == ["118.1", "118.2", "119.1"]
    assert dataset.errors == []


def test_cycle_1_clusters_are_named(tmp_path: Path, capsys) -> None:
    text = ("82. The following recommendations will be examined by Cambodia:\n"
            "1. Continue the reform of the judiciary (Brazil);\n"
            "2.\nadopt the law on the independence of judges (Brazil);\n"
            "3. Ratify the Convention (France).\n83. The present report reflects the position of the States.\n")
    path = tmp_path / "c1.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["import-report", str(path), "--cycle", "1", "--out", str(tmp_path / "c1.csv")]) == 0
    out = capsys.readouterr().out
    assert "Check: 82.1–82.2" in out and "82.1: 2 numbered items" in out


@pytest.mark.skipif(not REPORT_2014.exists(), reason=f"research data not present ({REPORT_2014} is absent)")
def test_cambodia_2014_report_into_an_empty_sheet(sheet: FakeSheets, settings: Settings) -> None:
    assert main(["import-report", str(REPORT_2014), "--cycle", "2", "--into", f"gsheet:{KEY}"]) == 0
    dataset = validate(read_source(f"gsheet:{KEY}", settings), settings)
    assert len(dataset.recommendations) == 205 and dataset.issues == []
    assert (dataset.recommendations["response"] == "Pending").sum() == 34


@pytest.mark.skipif(not REPORT_2010.exists(), reason=f"research data not present ({REPORT_2010} is absent)")
def test_cambodia_2010_report_names_its_clusters(tmp_path: Path, capsys) -> None:
    assert main(["import-report", str(REPORT_2010), "--cycle", "1", "--out", str(tmp_path / "c1.csv")]) == 0
    out = capsys.readouterr().out
    assert "Check: 82.1–82.93: the report numbers these items 1, 2, 3" in out
    assert "Check: 82.1: one numbered item holds 6 recommendations" in out  # the six Brazil recommendations
