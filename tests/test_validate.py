"""Validation and normalisation: issue codes at cells, quarantine counts, normalised values."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from builders import REC_HEADER, dataset, raw, rec, write_xlsx
from fakesheets import FakeSheets

from upr_sheets.checks.codes import IssueCode
from upr_sheets.checks.validate import validate
from upr_sheets.core.errors import MissingColumn, MissingTab
from upr_sheets.sources import read_source

CODES = {code.value for code in IssueCode}


def issues_of(ds) -> set[tuple[str, str, str]]:
    """(where, code, severity) of every issue; each code must be declared in the registry."""
    assert {i.code for i in ds.issues} <= CODES
    return {(i.where, i.code, i.severity) for i in ds.issues}


# Each case: rows after the header of the Recommendations tab → expected (where, code, severity).
RECOMMENDATION_CASES = {
    "clean": ([rec()], set()),
    "unknown status with suggestion": (
        [rec(status="Partialy implemented")], {("Recommendations!H2", "unknown-status", "error")}),
    "unknown response": ([rec(response="Maybe")], {("Recommendations!E2", "unknown-response", "error")}),
    "formula error in required column": (
        [rec(text="#REF!")], {("Recommendations!C2", "formula-error", "error")}),
    "formula error in optional column is a warning": (
        [rec(themes="#N/A")], {("Recommendations!F2", "formula-error", "warning")}),
    "missing required value": ([rec(text="")], {("Recommendations!C2", "missing-value", "error")}),
    "bad cycle": ([rec(cycle="twelve")], {("Recommendations!B2", "bad-cycle", "error")}),
    "duplicate id in a cycle": (
        [rec(), rec(text="Other")], {("Recommendations!A3", "duplicate-id", "error")}),
    "same id in two cycles is fine": ([rec(), rec(cycle="1")], set()),
    "118.1 and 118.10 are two ids": ([rec(id="118.1"), rec(id="118.10")], set()),
    "id stored as number": ([rec(id=118.2)], {("Recommendations!A2", "id-stored-as-number", "warning")}),
    "bad optional date": (
        [rec(last_assessed="31/02/2024")], {("Recommendations!J2", "bad-date", "warning")}),
    "unknown government status is a warning": (
        [rec(government_status="Done-ish")], {("Recommendations!I2", "unknown-status", "warning")}),
}


@pytest.mark.parametrize("rows,expected", RECOMMENDATION_CASES.values(), ids=RECOMMENDATION_CASES.keys())
def test_recommendation_issues(rows, expected):
    ds = dataset({"Recommendations": [REC_HEADER, *rows]})
    assert issues_of(ds) == expected
    errors = {i.row for i in ds.errors}
    assert ds.tabs["recommendations"].quarantined == len(errors)
    assert len(ds.recommendations) + len(errors) == len(rows)  # nothing silently dropped


NORMALISATION_CASES = [
    # column, typed value, normalised value
    ("cycle", "2nd", 2), ("cycle", "Cycle 2", 2), ("cycle", "II", 2), ("cycle", 2, 2), ("cycle", 2.0, 2),
    ("response", "supported", "Accepted"), ("response", " NOTED ", "Noted"), ("response", "rejected", "Noted"),
    ("response", "supported in part", "Partially accepted"),
    ("status", "in progress", "Partially implemented"), ("status", "ongoing", "Partially implemented"),
    ("status", "completed", "Fully implemented"), ("status", "not started", "Not implemented"),
    ("status", "", "No information"), ("status", "  fully   implemented ", "Fully implemented"),
    ("states", "Cuba; Viet Nam", ("Cuba", "Viet Nam")), ("states", "- Cuba\n- Viet Nam", ("Cuba", "Viet Nam")),
    ("states", "Venezuela (Bolivarian Republic of)", ("Venezuela (Bolivarian Republic of)",)),
    ("last_assessed", "2024-05-31", pd.Timestamp("2024-05-31")),
    ("last_assessed", "31/05/2024", pd.Timestamp("2024-05-31")),
    ("last_assessed", "31 May 2024", pd.Timestamp("2024-05-31")),
    ("last_assessed", 45443, pd.Timestamp("2024-05-31")),
    ("last_assessed", datetime(2024, 5, 31), pd.Timestamp("2024-05-31")),
    ("last_assessed", date(2024, 5, 31), pd.Timestamp("2024-05-31")),
    ("id", " 118.10 ", "118.10"),
]

_FIELD = {"cycle": "cycle", "response": "response", "status": "status", "states": "states",
          "last_assessed": "last_assessed", "id": "id"}


@pytest.mark.parametrize("column,typed,expected", NORMALISATION_CASES)
def test_normalisation(column, typed, expected):
    ds = dataset({"Recommendations": [REC_HEADER, rec(**{_FIELD[column]: typed})]})
    assert not ds.errors
    assert ds.recommendations.at[0, column] == expected


def test_headers_match_case_spaces_and_aliases():
    header = ["  rec id ", "CYCLE", "Text", "Recommending State", "Position", "Extra column"]
    ds = dataset({" recommendations ": [header, ["118.17", "2", "Establish a body", "Belgium", "Supported", "x"]]})
    assert not ds.issues
    row = ds.recommendations.iloc[0]
    assert (row["id"], row["cycle"], row["response"], row["states"]) == ("118.17", 2, "Accepted", ("Belgium",))


def test_duplicate_and_missing_headers():
    header = ["ID", "Cycle", "Recommendation", "Response", "Status", "", "status"]
    ds = dataset({"Recommendations": [header, ["1", "2", "t", "Noted", "Not implemented", "stray", "x"]]})
    assert issues_of(ds) == {("Recommendations!F1", "missing-header", "warning"),
                             ("Recommendations!G1", "duplicate-header", "warning")}
    assert ds.recommendations.at[0, "status"] == "Not implemented"


def test_empty_rows_are_skipped_silently():
    rows = [REC_HEADER, rec(id="1"), [None, "", "  "], [], rec(id="2")]
    ds = dataset({"Recommendations": rows})
    assert not ds.issues
    assert list(ds.recommendations["row"]) == [2, 5]


def test_missing_required_tab_names_the_tabs_that_exist(settings):
    with pytest.raises(MissingTab) as exc:
        validate(raw({"Recomendations": [REC_HEADER], "Lists": [["Themes"]]}), settings)
    assert "Recomendations" in str(exc.value) and "Lists" in str(exc.value)


def test_missing_required_column_stops_the_load(settings):
    with pytest.raises(MissingColumn) as exc:
        validate(raw({"Recommendations": [["ID", "Cycle", "Recommendation"], ["1", "2", "t"]]}), settings)
    assert "Response" in str(exc.value)


def test_optional_tab_missing_column_quarantines_its_rows():
    ds = dataset({"Recommendations": [REC_HEADER, rec()],
                  "Indicators": [["Indicator ID", "Unit"], ["I1", "%"]]})
    assert ("Indicators", "missing-column", "error") in issues_of(ds)
    assert ds.tabs["indicators"].quarantined == 1
    assert ds.quarantine["indicators"].at[0, "codes"] == "missing-column"


def test_lists_check_themes_with_suggestion_and_case():
    ds = dataset({"Recommendations": [REC_HEADER, rec(themes="land and housing; Judicary")],
                  "Lists": [["Themes"], ["Land and housing"], ["Judiciary"]]})
    [issue] = ds.issues
    assert (issue.where, issue.code, issue.severity) == ("Recommendations!F2", "unknown-theme", "warning")
    assert "`Judiciary`" in issue.message
    assert ds.recommendations.at[0, "themes"] == ("Land and housing", "Judicary")


ASSESSMENT_HEADER = ["Date", "Cycle", "Recommendation ID", "Status", "Assessed By"]
ASSESSMENT_CASES = {
    "valid": ([["2024-01-01", "2", "118.1", "Not implemented"]], set()),
    "cycle inferred when unique": ([["2024-01-01", "", "118.1", "Not implemented"]], set()),
    "unknown recommendation": (
        [["2024-01-01", "2", "999", "Not implemented"]], {("Assessments!C2", "unknown-recommendation", "error")}),
    "wrong cycle": ([["2024-01-01", "1", "118.1", "Not implemented"]],
                    {("Assessments!C2", "unknown-recommendation", "error")}),
    "bad date": ([["2024-13-01", "2", "118.1", "Not implemented"]], {("Assessments!A2", "bad-date", "error")}),
    "newest disagrees with Status": (
        [["2023-01-01", "2", "118.1", "Partially implemented"], ["2024-01-01", "2", "118.1", "Fully implemented"]],
        {("Recommendations!H2", "status-disagrees", "warning")}),
}


@pytest.mark.parametrize("rows,expected", ASSESSMENT_CASES.values(), ids=ASSESSMENT_CASES.keys())
def test_assessment_issues(rows, expected):
    ds = dataset({"Recommendations": [REC_HEADER, rec(status="Not implemented")],
                  "Assessments": [ASSESSMENT_HEADER, *rows]})
    assert issues_of(ds) == expected
    assert len(ds.assessments) + ds.tabs["assessments"].quarantined == len(rows)


def test_ambiguous_assessment_needs_a_cycle():
    ds = dataset({"Recommendations": [REC_HEADER, rec(cycle="1"), rec(cycle="2")],
                  "Assessments": [ASSESSMENT_HEADER, ["2024-01-01", "", "118.1", "Not implemented"]]})
    assert issues_of(ds) == {("Assessments!C2", "ambiguous-recommendation", "error")}


def test_indicators_and_measurements_cross_references():
    ds = dataset({
        "Recommendations": [REC_HEADER, rec()],
        "Indicators": [["Indicator ID", "Recommendation IDs", "Indicator", "Type", "Baseline", "Target"],
                       ["I1", "118.1", "Cases filed", "Quantitative", "10", "40"],
                       ["I2", "118.1; 118.99", "Law adopted", "Qualitative", "", ""],
                       ["I1", "118.1", "Again", "Quantitative", "", ""]],
        "Measurements": [["Date", "Indicator ID", "Value"],
                         ["2024-01-01", "I1", "12"], ["2024-02-01", "I1", "a dozen"],
                         ["2024-03-01", "I9", "3"], ["2024-03-01", "I2", "Draft published"]],
    })
    assert issues_of(ds) == {("Indicators!B3", "unknown-recommendation", "error"),
                             ("Indicators!A4", "duplicate-id", "error"),
                             ("Measurements!C3", "bad-number", "error"),
                             ("Measurements!B4", "unknown-indicator", "error")}
    assert ds.indicators.at[0, "baseline_value"] == 10.0
    assert list(ds.measurements["value"]) == ["12", "Draft published"]


# Each case: tabs added to a clean Recommendations tab (or replacing it) → expected (where, code, severity).
OTHER_TAB_CASES = {
    "revoked is not TRUE or FALSE": (
        {"Share Links": [["Link ID", "Revoked"], ["L1", "maybe"], ["L2", "yes"]]},
        {("Share Links!B2", "bad-boolean", "warning")}),
    "duplicate cycle": (
        {"Cycles": [["Cycle", "Review Date"], ["2", "2019-01-01"], ["2nd", "2024-01-01"]]},
        {("Cycles!A3", "duplicate-cycle", "error")}),
    "working group and lead organization not in Lists": (
        {"Recommendations": [[*REC_HEADER, "Working Group", "Lead Organization"], [*rec(), "Land rigths", "Org B"]],
         "Lists": [["Working Groups", "Organizations"], ["Land rights", "Org A"]]},
        {("Recommendations!L2", "unknown-working-group", "warning"),
         ("Recommendations!M2", "unknown-organization", "warning")}),
}


@pytest.mark.parametrize("tabs,expected", OTHER_TAB_CASES.values(), ids=OTHER_TAB_CASES.keys())
def test_other_tab_issues(tabs, expected):
    ds = dataset({"Recommendations": [REC_HEADER, rec()], **tabs})
    assert issues_of(ds) == expected
    assert ds.quarantined_rows == len({(i.sheet, i.row) for i in ds.errors})


def test_every_issue_has_all_fields():
    ds = dataset({"Recommendations": [REC_HEADER, rec(status="bad", response="zz", text="#VALUE!")]})
    for issue in ds.issues:
        assert issue.sheet == "Recommendations" and issue.row == 2 and issue.column
        assert issue.code in CODES and type(issue.code) is str
        assert issue.severity in {"error", "warning"} and len(issue.message) > 20


# A TRUE cell and cells holding 1 in one column: Python counts True, 1 and 1.0 as one value, the sheet does not.
TRUE_AND_ONE = {"TRUE first": ([True, 1, 1.0, "1", False, 0], ["TRUE", "1", "1", "1", "FALSE", "0"]),
                "1 first": ([1, 1.0, True, 0, False], ["1", "1", "TRUE", "0", "FALSE"])}


def _true_and_one_rows(cells: list[object]) -> dict[str, list[list[object]]]:
    rows = [rec(id=f"118.{n}", notes=cell) for n, cell in enumerate(cells, start=1)]
    rows += [rec(id=f"119.{n}", notes=cell) for n, cell in enumerate(cells, start=1)]  # repeats: hashed per value
    return {"Recommendations": [REC_HEADER, *rows]}


def _notes(ds) -> list[str]:
    return ds.recommendations["internal_notes"].tolist()


@pytest.mark.parametrize("cells,expected", TRUE_AND_ONE.values(), ids=TRUE_AND_ONE)
def test_a_true_cell_and_a_one_stay_apart(cells, expected):
    ds = dataset(_true_and_one_rows(cells))
    assert _notes(ds) == expected * 2


@pytest.mark.parametrize("cells,expected", TRUE_AND_ONE.values(), ids=TRUE_AND_ONE)
def test_a_true_cell_and_a_one_stay_apart_in_an_xlsx(tmp_path, settings, cells, expected):
    path = write_xlsx(tmp_path / "book.xlsx", _true_and_one_rows(cells))
    raw_book = read_source(str(path), settings)
    assert {type(r[10]) for r in raw_book.tables["Recommendations"].rows[1:]} >= {bool, int}  # as typed
    assert _notes(validate(raw_book, settings)) == expected * 2


@pytest.mark.parametrize("cells,expected", TRUE_AND_ONE.values(), ids=TRUE_AND_ONE)
def test_a_true_cell_and_a_one_stay_apart_in_a_google_sheet(fake_sheets: FakeSheets, settings, cells, expected):
    key = "1TrueAndOneStayApart_0123456789abcdefghijklm"
    fake_sheets.add_spreadsheet(key, _true_and_one_rows(cells))
    raw_book = read_source(f"gsheet:{key}", settings)
    assert {type(r[10]) for r in raw_book.tables["Recommendations"].rows[1:]} >= {bool, int}  # as sent
    assert _notes(validate(raw_book, settings)) == expected * 2
