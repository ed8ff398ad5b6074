"""The record forms in the dashboard (Streamlit AppTest, real gspread against the fake Sheets API)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from apptest_support import open_page
from fakesheets import FakeSheets
from test_import_into import SMALL

from upr_sheets.app import record_form
from upr_sheets.authoring import outbox as outbox_module
from upr_sheets.cli import main
from upr_sheets.core.contract import ASSESSMENTS
from upr_sheets.core.settings import SOURCE_ENV

pytestmark = pytest.mark.usefixtures("fresh_app")
KEY = "1RecordFormKey_abcdefghijklmnopqrstuvwxyz0123"
STATUS = [c.key for c in ASSESSMENTS.columns].index("status")


@pytest.fixture
def sheet(fake_sheets: FakeSheets, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeSheets:
    for module in (outbox_module, record_form):
        monkeypatch.setattr(module, "outbox_dir", lambda settings: tmp_path / "outbox")
    fake_sheets.add_spreadsheet(KEY, {"Sheet1": []})
    report = tmp_path / "report.txt"
    report.write_text(SMALL, encoding="utf-8")
    assert main(["setup-sheet", f"gsheet:{KEY}"]) == 0
    assert main(["import-report", str(report), "--cycle", "2", "--into", f"gsheet:{KEY}"]) == 0
    monkeypatch.setenv(SOURCE_ENV, f"gsheet:{KEY}")
    fake_sheets.reset_counts()
    return fake_sheets


def fill_and_submit(at, status: str):
    at.selectbox(key="assess_2_118.1_status").set_value(status)
    at.button[[b.label for b in at.button].index("Record")].click().run()
    return at


def test_member_records_an_assessment_once(sheet: FakeSheets) -> None:
    at = open_page("recommendations")
    assert at.selectbox(key="rec_pick").value[1] == "118.1"
    at = fill_and_submit(at, "Fully implemented")
    assert not at.exception, at.exception
    rows = sheet.tab(KEY, "Assessments").rows[1:]
    assert [r[STATUS] for r in rows] == ["Fully implemented"] and sheet.counts["append"] == 1
    assert any("Written to the sheet" in s.value for s in at.success)
    # visible at once: the history table of the detail view shows the new assessment
    assert any("status" in d.value.columns and "Fully implemented" in set(d.value["status"]) for d in at.dataframe)


def test_refused_value_is_not_written(sheet: FakeSheets) -> None:
    at = open_page("recommendations")
    at.button[[b.label for b in at.button].index("Record")].click().run()  # no status chosen
    assert any("Status" in e.value for e in at.error)
    assert sheet.counts["append"] == 0


def test_500_storm_keeps_the_entry_and_the_retry_button_writes_it_once(sheet: FakeSheets, tmp_path: Path) -> None:
    sheet.fail_next(500, kind="append")
    at = fill_and_submit(open_page("recommendations"), "Not implemented")
    assert any("waits here" in w.value for w in at.warning)
    assert len(list((tmp_path / "outbox").glob("*.json"))) == 1
    assert sheet.tab(KEY, "Assessments").rows[1:] == []
    at.button(key="record_retry").click().run()
    assert [r[STATUS] for r in sheet.tab(KEY, "Assessments").rows[1:]] == ["Not implemented"]
    assert list((tmp_path / "outbox").glob("*.json")) == []


def test_no_form_for_the_bundled_demo(fresh_app) -> None:
    at = open_page("recommendations")
    assert "Record" not in [b.label for b in at.button]


@pytest.mark.parametrize("role, public, source, shown", [
    ("editor", False, "gsheet:KEY", True),
    ("admin", False, "coalition.xlsx", True),
    ("member", False, "gsheet:KEY", False),
    ("viewer", True, "gsheet:KEY", False),
    ("editor", False, "demo", False),
    ("editor", False, "folder-of-csv", False),
])
def test_who_sees_the_form(role: str, public: bool, source: str, shown: bool) -> None:
    ctx = SimpleNamespace(public=public, access=SimpleNamespace(role=role), source=source)
    assert record_form.can_record(ctx) is shown  # type: ignore[arg-type]


def test_measurement_from_the_indicators_page(sheet: FakeSheets) -> None:
    header = sheet.tab(KEY, "Indicators").rows[:1]
    sheet.set_rows(KEY, "Indicators", header + [["I-1", 2, "118.1", "Visits to places of detention", "Quantitative",
                                                 "visits", "0", "", "12"]])
    at = open_page("indicators")
    at.text_input(key="measure_I-1_value").set_value("not a number")
    at.button[[b.label for b in at.button].index("Record")].click().run()
    assert at.error and sheet.counts["append"] == 0  # a quantitative indicator needs a number
    at.text_input(key="measure_I-1_value").set_value("7")
    at.button[[b.label for b in at.button].index("Record")].click().run()
    assert not at.exception, at.exception
    (row,) = sheet.tab(KEY, "Measurements").rows[1:]
    assert row[:3][1:] == ["I-1", "7"]


@pytest.fixture
def login(sheet: FakeSheets, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeSheets:
    """Login mode, with an editor and a member in the Members tab."""
    from upr_sheets import app
    from upr_sheets.core import settings as settings_module

    text = settings_module.SETTINGS_PATH.read_text(encoding="utf-8").replace('mode = "open"', 'mode = "login"')
    (tmp_path / "settings.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(settings_module, "SETTINGS_PATH", tmp_path / "settings.toml")
    app.get_settings.clear()
    header = sheet.tab(KEY, "Members").rows[:1]
    sheet.set_rows(KEY, "Members", header + [["sok@coalition.example", "Sok", "", "editor"],
                                             ["kim@coalition.example", "Kim", "", "member"]])
    yield sheet
    app.get_settings.clear()


@pytest.mark.parametrize("email, shown", [("sok@coalition.example", True), ("kim@coalition.example", False)])
def test_login_mode_editor_records_as_herself_and_a_member_sees_no_form(login: FakeSheets, monkeypatch, email: str,
                                                                      shown: bool) -> None:
    from upr_sheets.access.modes import User
    from upr_sheets.app import visitor

    monkeypatch.setattr(visitor, "current_user", lambda: User(email, "Someone", True))
    at = open_page("recommendations")
    assert ("Record" in [b.label for b in at.button]) is shown
    if shown:
        fill_and_submit(at, "Partially implemented")
        (row,) = login.tab(KEY, "Assessments").rows[1:]
        assert row[[c.key for c in ASSESSMENTS.columns].index("assessed_by")] == email
