"""The .xlsx reader (python-calamine): every row of workbooks written by other tools, and the same cells as openpyxl.

Workbooks come from tests/foreign_xlsx.py (XML written by hand the way Excel, LibreOffice, Google Sheets, Apache
POI's streaming writer and the OpenXML SDK write it) and from the bad-input corpus of tests/corpus.py; the
reference is openpyxl's read-only mode, the reader the project used before (tests/openpyxl_reader.py).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from corpus import generate, write_case
from foreign_xlsx import FLAVOURS, FormulaError, write_workbook
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl_reader import comparable, read_with_openpyxl

from upr_sheets.checks.validate import validate
from upr_sheets.cli import EXIT_QUARANTINED, main
from upr_sheets.core.errors import SourceError
from upr_sheets.core.raw import RawTable, RawWorkbook
from upr_sheets.sources import read_source

HEADER = ["ID", "Cycle", "Recommendation", "Response", "Last Assessed", "Status", "Checked"]
ROWS = [HEADER,
        ["118.10", 2, "Ratify « OP-CAT » & <protect> \"rights\"", "Accepted", date(2024, 5, 31), "Not implemented"],
        [None] * 6,
        ["118.1", 2.5, "  spaced\nover two lines ", "Noted", FormulaError("#REF!"), None, False],
        ["007", "2nd", "ការពារសិទ្ធិមនុស្ស", "Accepted", None, "in progress", True],
        *[[f"90.{k}", 1, f"Recommendation {k}", "Noted", date(2023, 1 + k % 12, 1 + k % 28)] for k in range(1, 300)]]


def expected(rows: list[list]) -> list[list]:
    """What the reader must give: dates as datetime, formula errors as their text, no trailing empty cells."""
    def cell(v):
        if isinstance(v, FormulaError):
            return v.text
        if isinstance(v, date):
            return datetime(v.year, v.month, v.day)
        return v
    return comparable([[cell(v) for v in row] for row in rows])


def typed(rows: list[list]) -> list[list]:
    """Rows with each cell's type beside its value (so 1 == True and 2 == 2.0 do not pass for equal)."""
    return [[(type(v).__name__, v) for v in row] for row in rows]


@pytest.mark.parametrize("dimension", ["auto", "A1", None], ids=["true-dimension", "stale-A1", "no-dimension"])
@pytest.mark.parametrize("strings", ["shared", "inline"])
@pytest.mark.parametrize("flavour", list(FLAVOURS))
def test_foreign_workbooks_give_every_row(tmp_path, settings, flavour, strings, dimension):
    path = write_workbook(tmp_path / "book.xlsx", {"Recommendations": ROWS}, flavour=flavour, strings=strings,
                          dimension=dimension, styles=flavour != "poi-streaming")
    rows = read_source(str(path), settings).tables["Recommendations"].rows
    assert typed(comparable(rows)) == typed(expected(ROWS))


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_a_stale_dimension_lost_rows_with_the_old_reader(tmp_path):
    path = write_workbook(tmp_path / "book.xlsx", {"Recommendations": ROWS}, flavour="poi-streaming",
                          strings="inline", dimension="A1")
    assert len(comparable(read_with_openpyxl(path)["Recommendations"])) == 1  # what `check` used to see
    assert len(comparable(read_with_openpyxl(path, reset_dimensions=True)["Recommendations"])) == len(ROWS)


@pytest.mark.parametrize("flavour", ["libreoffice", "google", "excel"])
def test_check_reports_foreign_workbooks_in_full(tmp_path, capsys, flavour):
    path = write_workbook(tmp_path / "book.xlsx", {"Recommendations": ROWS}, flavour=flavour, dimension="A1")
    assert main(["check", str(path), "--json"]) == EXIT_QUARANTINED
    report = json.loads(capsys.readouterr().out)
    assert report["tabs"]["Recommendations"] == {"rows": len(ROWS) - 2, "valid": len(ROWS) - 3, "quarantined": 1}
    assert {(i["cell"], i["code"], i["severity"]) for i in report["issues"]} == {
        ("B4", "bad-cycle", "error"), ("E4", "formula-error", "warning")}  # (an unknown column is kept silently)


@pytest.fixture(scope="module")
def corpus_books(tmp_path_factory) -> list[tuple[str, Path]]:
    """Every .xlsx workbook of the bad-input corpus, written once."""
    folder = tmp_path_factory.mktemp("corpus")
    return [(c.name, write_case(c, folder / c.name)) for c in generate() if c.fmt == "xlsx"]


def outcome(raw: RawWorkbook, settings) -> tuple:
    """Issues and quarantined rows of validating `raw`, or the error that stops the load."""
    try:
        dataset = validate(raw, settings)
    except SourceError as exc:
        return type(exc).__name__, str(exc)
    return [i.as_dict() for i in dataset.issues], dataset.quarantined_rows


def test_corpus_gives_the_same_cells_and_issues_as_openpyxl(corpus_books, settings):
    """Old reader and new reader: identical typed rows, identical issues, the same unreadable files."""
    compared = refused = 0
    for name, path in corpus_books:
        try:
            old = read_with_openpyxl(path)
        except Exception:  # noqa: BLE001 - the old reader's failure, whatever it was
            with pytest.raises(SourceError):
                read_source(str(path), settings)
            refused += 1
            continue
        new = read_source(str(path), settings)
        assert ({t: typed(comparable(r)) for t, r in old.items()}
                == {t: typed(comparable(table.rows)) for t, table in new.tables.items()}), name
        before = RawWorkbook(str(path), {t: RawTable(t, r) for t, r in old.items()}, kind="xlsx")
        assert outcome(new, settings) == outcome(before, settings), name
        compared += 1
    assert compared >= 120 and refused == 2


FORMATS = ["General", "0", "0.00", "0%", "@", "yyyy-mm-dd", "dd/mm/yyyy", "d-mmm-yy", "mmm d, yyyy",
           "[$-409]mmmm d, yyyy;@", "h:mm", "h:mm:ss AM/PM", "[h]:mm:ss", "mm:ss", "dd/mm/yyyy hh:mm", '"Q"0',
           '#,##0.00 "days"', "0.00E+00", "# ?/?", "[Red]0.00", "yyyy", "mmm", "ddd"]
VALUES = [45443, 45443.5, 0.25, 1.5, 60, 1, 0, 2958465, 1e15, -0.0, "118.10", "x\ny", "  pad  ", True,
          datetime(2024, 5, 31, 13, 5), time(13, 30), timedelta(hours=30), "#N/A"]


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date")
@pytest.mark.parametrize("epoch", ["1900", "1904"])
def test_number_formats_and_types_as_openpyxl_reads_them(tmp_path, settings, epoch):
    """Each value under each number format: the same type and value as openpyxl (dates, times, durations, ids)."""
    book = Workbook()
    values = VALUES
    if epoch == "1904":  # 9999-12-31 (1900 days) is past the last 1904 date: openpyxl says #VALUE!, calamine the number
        book.epoch, values = CALENDAR_MAC_1904, [v for v in VALUES if v != 2958465]
    sheet = book.active
    for r, fmt in enumerate(FORMATS, start=1):
        for c, value in enumerate(values, start=1):
            sheet.cell(row=r, column=c, value=value).number_format = fmt
    book.save(tmp_path / "formats.xlsx")
    old = comparable(read_with_openpyxl(tmp_path / "formats.xlsx")[sheet.title])
    new = read_source(str(tmp_path / "formats.xlsx"), settings).tables[sheet.title].rows
    assert typed(comparable(new)) == typed(old)


def test_a_duration_beyond_python_reads_that_tab_through_openpyxl(tmp_path, settings):
    """1E+20 shown as a duration is past Python's timedelta: python-calamine fails on that tab, which is then read
    through openpyxl (the cell as `#VALUE!`, an issue at that cell) instead of the whole workbook being refused."""
    book = Workbook()
    book.active.title = "Plain"
    book.active.append(["118.10", 2, datetime(2024, 5, 31)])
    odd = book.create_sheet("Odd")
    odd.append(["118.10", 1e20, 2])
    odd["B1"].number_format = "[h]:mm:ss"
    book.save(tmp_path / "odd.xlsx")
    tables = read_source(str(tmp_path / "odd.xlsx"), settings).tables
    assert tables["Plain"].rows == [["118.10", 2, datetime(2024, 5, 31)]]
    assert comparable(tables["Odd"].rows) == [["118.10", "#VALUE!", 2]]


def test_formula_errors_across_the_reading_buffers(tmp_path, settings):
    """Formula errors on every row of a sheet of several MB: those that straddle the guard's 1 MB buffers too."""
    rows = [["ID", "Cycle", "Recommendation", "Response", "Last Assessed"],
            *[[f"1.{k}", 2, "x" * (k % 50), "Noted", FormulaError(["#REF!", "#N/A", "#DIV/0!"][k % 3])]
              for k in range(40_000)]]
    path = write_workbook(tmp_path / "errors.xlsx", {"Recommendations": rows}, strings="inline")
    read = read_source(str(path), settings).tables["Recommendations"].rows
    assert [row[4] for row in read[1:]] == [["#REF!", "#N/A", "#DIV/0!"][k % 3] for k in range(40_000)]
