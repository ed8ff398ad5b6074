"""File sources: real .xlsx workbooks (typed cells) and folders of CSV files."""

from __future__ import annotations

from datetime import datetime

import pytest
from builders import REC_HEADER, rec, write_csv_folder, write_xlsx

from upr_sheets.checks.validate import validate
from upr_sheets.core.errors import SourceNotFound, SourceUnavailable
from upr_sheets.sources import describe_source, gsheet_key, read_source


def test_xlsx_typed_cells_are_normalised(tmp_path, settings):
    rows = [REC_HEADER,
            rec(id="118.10", cycle=2, last_assessed=datetime(2024, 5, 31)),
            rec(id=118.2, cycle=2.0, last_assessed=45443),
            rec(id="007", cycle="2nd", last_assessed="31/05/2024")]
    path = write_xlsx(tmp_path / "book.xlsx", {"Recommendations": rows}, {"Recommendations": {0}})
    ds = validate(read_source(str(path), settings), settings)
    assert list(ds.recommendations["id"]) == ["118.10", "118.2", "007"]
    assert list(ds.recommendations["cycle"]) == [2, 2, 2]
    assert {str(d.date()) for d in ds.recommendations["last_assessed"]} == {"2024-05-31"}
    assert {(i.where, i.code) for i in ds.issues} == {("Recommendations!A3", "id-stored-as-number")}


def test_xlsx_formula_error_cells(tmp_path, settings):
    path = write_xlsx(tmp_path / "book.xlsx", {"Recommendations": [REC_HEADER, rec(text="#DIV/0!")]})
    ds = validate(read_source(str(path), settings), settings)
    assert [(i.where, i.code) for i in ds.issues] == [("Recommendations!C2", "formula-error")]
    assert ds.tabs["recommendations"].quarantined == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_folder_encodings(tmp_path, encoding, settings):
    rows = [REC_HEADER, rec(id="118.10", states="Côte d'Ivoire"), rec(id="118.1")]
    folder = write_csv_folder(tmp_path / "csv", {"Recommendations": rows}, encoding=encoding)
    ds = validate(read_source(str(folder), settings), settings)
    assert list(ds.recommendations["id"]) == ["118.10", "118.1"]
    assert ds.recommendations.at[0, "states"] == ("Côte d'Ivoire",)


def test_csv_with_old_mac_line_endings(tmp_path, settings):
    folder = tmp_path / "csv"
    folder.mkdir()
    text = "\r".join(",".join(f'"{c}"' for c in r) for r in [REC_HEADER[:5], ["118.1", "2", "Text é", "Peru", "Noted"]])
    (folder / "Recommendations.csv").write_bytes(text.encode("mac_roman"))
    ds = validate(read_source(str(folder), settings), settings)
    assert ds.recommendations.at[0, "text"] == "Text é" and not ds.issues


@pytest.mark.parametrize("make,error", [
    (lambda p: p / "missing.xlsx", SourceNotFound),
    (lambda p: (p / "empty").mkdir() or p / "empty", SourceNotFound),
    (lambda p: (p / "bad.xlsx").write_text("not a zip") and p / "bad.xlsx", SourceUnavailable),
    (lambda p: (p / "notes.txt").write_text("x") and p / "notes.txt", SourceNotFound),
])
def test_file_errors(tmp_path, make, error, settings):
    with pytest.raises(error):
        read_source(str(make(tmp_path)), settings)


@pytest.mark.parametrize("source,key", [
    ("gsheet:abc123", "abc123"),
    ("https://docs.google.com/spreadsheets/d/1aB-c_D/edit#gid=0", "1aB-c_D"),
    ("book.xlsx", None), ("demo", None),
])
def test_gsheet_key(source, key):
    assert gsheet_key(source) == key


def test_describe_source_never_shows_a_path_prefix():
    assert describe_source("/home/someone/private/book.xlsx") == "book.xlsx"
