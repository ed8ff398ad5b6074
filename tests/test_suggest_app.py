"""Suggested coding on the dashboard: the Data quality page lists the suggested cells still to review, and a
recommendation's detail shows the suggestion for its text and why (members only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_support import open_page
from openpyxl import load_workbook

from upr_sheets.cli import main
from upr_sheets.core.settings import SOURCE_ENV

pytestmark = pytest.mark.usefixtures("fresh_app")  # a clean data cache and snapshot folder

REPORT = """\
118. The recommendations formulated during the interactive dialogue and listed
below enjoy the support of Ruritania:
118.1 Ratify the Optional Protocol to the Convention against Torture (Denmark);
118.2 Continue its efforts to combat violence against women and girls (Chile).
119. All conclusions and/or recommendations contained in the present report reflect the position of
the submitting State(s) and/or the State under review.
"""


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The report imported with suggestions, and made the app's source."""
    report, out = tmp_path / "report.txt", tmp_path / "imported.xlsx"
    report.write_text(REPORT, encoding="utf-8")
    assert main(["import-report", str(report), "--cycle", "2", "--out", str(out)]) == 0
    monkeypatch.setenv(SOURCE_ENV, str(out))
    return out


def test_data_quality_lists_the_suggested_cells_to_review(imported: Path) -> None:
    at = open_page("data_quality")
    assert "6 suggested cells to review" in [s.value for s in at.subheader]
    table = at.dataframe[0].value
    assert set(zip(table["id"], table["column"])) == {(i, c) for i in ("118.1", "118.2")
                                                       for c in ("Action Category", "Themes", "Ministries")}
    book = load_workbook(imported)
    sheet = book["Recommendations"]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("Coded By") + 1, "Sok Malis")  # 118.1 reviewed
    sheet.cell(3, header.index("Action Category") + 1, 4)  # 118.2's category edited
    book.save(imported)
    import streamlit as st

    st.cache_data.clear()
    at = open_page("data_quality")
    assert "2 suggested cells to review" in [s.value for s in at.subheader]


def test_detail_shows_the_suggestion_and_why(imported: Path) -> None:
    at = open_page("recommendations")
    assert "Suggested coding" in [e.label for e in at.expander]
    assert any(i.value.startswith("Not reviewed yet: Action Category, Themes, Ministries") for i in at.info)
    why = [c.value for c in at.caption if c.value.startswith("Why:")]
    assert len(why) == 1 and "ratify" in why[0] and "Torture and other CID treatment" in why[0]
