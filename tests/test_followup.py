"""Follow-up columns (Next Step, Owner, Due): overdue / due-soon lists, the .ics calendar, the Overview panel."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from apptest_support import open_page
from builders import write_xlsx

from upr_sheets.analysis.followup import counts, follow_up
from upr_sheets.checks.validate import validate
from upr_sheets.cli import main
from upr_sheets.core.settings import SOURCE_ENV, Settings
from upr_sheets.outputs.calendar import calendar_ics
from upr_sheets.sources import read_source

HEADER = ["ID", "Cycle", "Recommendation", "Response", "Status", "Ministries", "Next Step", "Owner", "Due"]
ROWS = [
    ["118.1", 2, "Ratify OP-CAT", "Accepted", "Not implemented", "Justice", "Draft the bill", "Sok; CCHR",
     "2026-11-01"],
    ["118.2", 2, "Set up an NHRI", "Accepted", "Partially implemented", "Interior", "Meet the ministry", "LICADHO",
     "2026-12-20"],
    ["118.3", 2, "Free press, speech; assembly", "Accepted", "Fully implemented", "Justice", "", "", "2026-10-01"],
    ["118.4", 2, "Later", "Accepted", "Not implemented", "Justice", "", "", "2027-06-01"],
    ["118.5", 2, "No date", "Accepted", "Not implemented", "Justice", "", "", ""],
]
CYCLES = [["Cycle", "Review Date", "Mid-term Report Due"], [2, "2014-01-28", "2016-06-30"]]
TODAY = date(2026, 12, 2)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "followup.xlsx", {"Recommendations": [HEADER, *ROWS], "Cycles": CYCLES},
                      {"Recommendations": {0}})


def test_overdue_and_due_soon(book: Path, settings: Settings) -> None:
    dataset = validate(read_source(str(book), settings), settings)
    assert dataset.issues == []
    frame = follow_up(dataset, settings, TODAY)
    assert list(zip(frame["id"], frame["state"], strict=True)) == [("118.1", "overdue"), ("118.2", "soon")]
    assert counts(frame) == {"overdue": 1, "soon": 1}
    assert list(follow_up(dataset, settings, TODAY, ministry="Interior")["id"]) == ["118.2"]
    assert frame.loc[0, "owner"] == "Sok; CCHR" and frame.loc[1, "ministries"] == "Interior"


def test_calendar_events_escaped_folded_and_stable(book: Path, settings: Settings) -> None:
    dataset = validate(read_source(str(book), settings), settings)
    text = calendar_ics(dataset, now=datetime(2026, 12, 2, 9, 0))
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 4 + 2  # four due dates, two Cycles dates
    assert "UID:due-2-118.3@upr-monitor" in text and "DTSTART;VALUE=DATE:20261001" in text
    assert "DESCRIPTION:Free press\\, speech\\; assembly" in text
    assert "UID:midterm_due-2@upr-monitor" in text
    assert "Owner" not in text and "Owner: Sok\\; CCHR" in calendar_ics(dataset, internal=True)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert calendar_ics(dataset, now=datetime(2026, 12, 2, 9, 0)) == text


def test_calendar_command(book: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "upr.ics"
    assert main(["calendar", str(book), "--out", str(out)]) == 0
    assert out.read_bytes().count(b"BEGIN:VEVENT") == 6
    assert "Wrote 6 events" in capsys.readouterr().out


@pytest.mark.usefixtures("fresh_app")
def test_overview_shows_the_follow_up(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOURCE_ENV, str(book))
    at = open_page("overview")
    assert "Follow-up" in [h.value for h in at.subheader]
    assert any("overdue" in m.value for m in at.markdown)
