"""The blank starter workbook: tabs, headers, dropdowns, frozen headers and cell formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from upr_sheets.authoring.template import DATE_FORMAT, HOW_TO_TITLE, TEXT_FORMAT, write_template
from upr_sheets.checks.validate import validate
from upr_sheets.core.contract import (
    ASSESSMENTS,
    INDICATORS,
    MEASUREMENTS,
    MEMBERS,
    RECOMMENDATIONS,
    SHARE_LINKS,
    TABS,
    Tab,
)
from upr_sheets.core.settings import Settings, StatusLevel
from upr_sheets.sources import read_source

STATUSES = '"Not implemented,Partially implemented,Fully implemented,No information"'


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Workbook:
    path = tmp_path_factory.mktemp("template") / "template.xlsx"
    write_template(path, settings)
    return load_workbook(path)


def letter(tab: Tab, key: str) -> str:
    """Column letter of a contract column."""
    return get_column_letter([c.key for c in tab.columns].index(key) + 1)


def dropdowns(book: Workbook, tab: Tab) -> dict[str, tuple[str, bool, str | None]]:
    """Column letter → (list formula, shows an error, error style) of each dropdown on a tab."""
    out = {}
    for dv in book[tab.title].data_validations.dataValidation:
        assert dv.type == "list"
        out[str(dv.sqref).split(":")[0].rstrip("0123456789")] = (dv.formula1, dv.showErrorMessage, dv.errorStyle)
    return out


def test_tabs_and_headers(book: Workbook) -> None:
    assert book.sheetnames == [HOW_TO_TITLE, *(tab.title for tab in TABS)]
    for tab in TABS:
        sheet = book[tab.title]
        assert [c.value for c in sheet[1]] == [c.header for c in tab.columns]
        assert all(c.font.bold for c in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.max_row == 1 or all(c.value is None for row in sheet.iter_rows(min_row=2) for c in row)
        assert all(sheet.column_dimensions[get_column_letter(i)].width >= 10 for i in range(1, len(tab.columns) + 1))
    assert "Recommendations" in " ".join(str(c.value) for c in book[HOW_TO_TITLE]["A"])


# (tab, column key) → expected dropdown (formula, shows an error, error style). Vocabulary lists warn instead of
# refusing: the loader accepts aliases such as `supported` for Accepted.
DROPDOWN_CASES = {
    "response": (RECOMMENDATIONS, "response", ('"Accepted,Partially accepted,Noted,Pending"', True, "warning")),
    "priority": (RECOMMENDATIONS, "priority", ('"Short-term,Medium-term,Long-term"', True, "warning")),
    "status": (RECOMMENDATIONS, "status", (STATUSES, True, "warning")),
    "government status": (RECOMMENDATIONS, "government_status", (STATUSES, True, "warning")),
    "action category": (RECOMMENDATIONS, "action_category", ('"1,2,3,4,5"', True, "warning")),
    "themes (multi)": (RECOMMENDATIONS, "themes", ("'Lists'!$A$2:$A$1001", False, None)),
    "ministries (multi)": (RECOMMENDATIONS, "ministries", ("'Lists'!$B$2:$B$1001", False, None)),
    "working group": (RECOMMENDATIONS, "working_group", ("'Lists'!$C$2:$C$1001", True, "warning")),
    "lead organization": (RECOMMENDATIONS, "lead_organization", ("'Lists'!$D$2:$D$1001", True, "warning")),
    "assessment status": (ASSESSMENTS, "status", (STATUSES, True, "warning")),
    "indicator type": (INDICATORS, "type", ('"Quantitative,Qualitative"', True, "warning")),
    "direction": (INDICATORS, "direction", ('"Increase,Decrease"', True, "warning")),
    "role": (MEMBERS, "role", ('"admin,editor,member"', True, "warning")),
    "member organization": (MEMBERS, "organization", ("'Lists'!$D$2:$D$1001", True, "warning")),
    "revoked": (SHARE_LINKS, "revoked", ('"TRUE,FALSE"', True, "warning")),
}


@pytest.mark.parametrize("tab, key, expected", DROPDOWN_CASES.values(), ids=DROPDOWN_CASES.keys())
def test_dropdowns(book: Workbook, tab: Tab, key: str, expected: tuple[str, bool, str | None]) -> None:
    formula, strict, style = dropdowns(book, tab)[letter(tab, key)]
    assert (formula, bool(strict), style) == expected


def test_free_text_columns_have_no_dropdown(book: Workbook) -> None:
    for tab, key in [(RECOMMENDATIONS, "id"), (RECOMMENDATIONS, "text"), (RECOMMENDATIONS, "evidence"),
                     (MEASUREMENTS, "value")]:
        assert letter(tab, key) not in dropdowns(book, tab)


# (tab, column key) → number format of the first and last formatted data cells
FORMAT_CASES = {
    "recommendation id": (RECOMMENDATIONS, "id", TEXT_FORMAT),
    "sdgs keep 16.10": (RECOMMENDATIONS, "sdgs", TEXT_FORMAT),
    "assessment recommendation id": (ASSESSMENTS, "rec_id", TEXT_FORMAT),
    "indicator id": (INDICATORS, "indicator_id", TEXT_FORMAT),
    "indicator recommendation ids": (INDICATORS, "rec_ids", TEXT_FORMAT),
    "measurement indicator id": (MEASUREMENTS, "indicator_id", TEXT_FORMAT),
    "share link id": (SHARE_LINKS, "link_id", TEXT_FORMAT),
    "last assessed": (RECOMMENDATIONS, "last_assessed", DATE_FORMAT),
    "assessment date": (ASSESSMENTS, "date", DATE_FORMAT),
    "expires": (SHARE_LINKS, "expires", DATE_FORMAT),
}


@pytest.mark.parametrize("tab, key, expected", FORMAT_CASES.values(), ids=FORMAT_CASES.keys())
def test_cell_formats(book: Workbook, tab: Tab, key: str, expected: str) -> None:
    sheet = book[tab.title]
    col = letter(tab, key)
    assert sheet[f"{col}2"].number_format == expected
    assert sheet[f"{col}1001"].number_format == expected


def test_custom_status_scale_with_commas_uses_a_hidden_list(tmp_path: Path) -> None:
    levels = [StatusLevel(label="Not started, or regressed", colour="#D55E00"),
              StatusLevel(label="Done", colour="#0072B2", default=True)]
    settings = Settings(status=levels)
    write_template(tmp_path / "t.xlsx", settings)
    book = load_workbook(tmp_path / "t.xlsx")
    formula = dropdowns(book, RECOMMENDATIONS)[letter(RECOMMENDATIONS, "status")][0]
    assert formula.startswith("Choices!")
    assert book["Choices"].sheet_state == "hidden"
    assert [c.value for c in book["Choices"]["A"]] == ["Not started, or regressed", "Done"]


def test_template_validates_clean(tmp_path: Path, settings: Settings) -> None:
    write_template(tmp_path / "t.xlsx", settings)
    dataset = validate(read_source(str(tmp_path / "t.xlsx"), settings), settings)
    assert dataset.issues == [] and dataset.quarantined_rows == 0
