"""From an empty Google Sheet to a recorded assessment, in a real headless Chromium against the fake Sheets API:
setup-sheet → import-report --into (the Working Group report) → check clean → record on the detail view → the
row is in the Assessments tab once and the Overview changed; and the same through a storm of 500s."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e.conftest import running_app
from fakesheets import FakeSheets
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from upr_sheets.cli import main
from upr_sheets.core.contract import ASSESSMENTS
from upr_sheets.core.settings import SETTINGS_ENV, SETTINGS_PATH, SOURCE_ENV

pytestmark = pytest.mark.e2e
REPORT = Path(__file__).resolve().parents[3] / "shared" / "research" / "data" / \
    "cambodia_wg_report_A-HRC-26-16_2014.txt"
KEY = "1EndToEndKey_abcdefghijklmnopqrstuvwxyz0123456"
SOURCE = f"gsheet:{KEY}"
STATUS = [c.key for c in ASSESSMENTS.columns].index("status")
TIMEOUT = 60_000
NO_ASSESSMENTS = "No dated assessments yet: add rows to the Assessments tab to follow changes."


@pytest.fixture
def live_sheet(fake_sheets: FakeSheets, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The report imported into an empty, set-up spreadsheet, and a dashboard server reading it."""
    if not REPORT.exists():
        pytest.skip(f"the Working Group report is not here ({REPORT}; it lives in ../shared/research/data)")
    settings = tmp_path / "settings.toml"
    settings.write_text(SETTINGS_PATH.read_text(encoding="utf-8").replace(
        'snapshot_dir = ".upr-monitor/snapshots"', f'snapshot_dir = "{tmp_path / "snapshots"}"'), encoding="utf-8")
    monkeypatch.setenv(SETTINGS_ENV, str(settings))
    fake_sheets.add_spreadsheet(KEY, {"Sheet1": []})
    assert main(["setup-sheet", SOURCE]) == 0
    assert main(["import-report", str(REPORT), "--cycle", "2", "--into", SOURCE]) == 0
    assert len(fake_sheets.tab(KEY, "Recommendations").rows) == 206
    assert main(["check", SOURCE]) == 0
    with running_app(tmp_path, {SOURCE_ENV: SOURCE, SETTINGS_ENV: str(settings),
                                "UPR_MONITOR_SERVICE_ACCOUNT": ""}) as url:
        yield url


def record_fully_implemented(page: Page, url: str) -> None:
    page.goto(f"{url}/recommendations", wait_until="domcontentloaded")
    form = page.locator('[data-testid="stExpander"]').filter(has_text="Record an assessment")
    expect(form).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(re.compile(r"Synced .* ago|Synced just now"))).to_be_visible(timeout=TIMEOUT)
    form.get_by_text("Record an assessment").click()
    box = form.locator('[data-testid="stSelectbox"]').filter(has_text="Coalition status")
    chosen = box.get_by_text("Fully implemented").or_(box.locator('input[value="Fully implemented"]'))
    for _ in range(5):  # the page may still be re-rendering after its first load: choose again
        box.locator("input").click()
        try:
            page.get_by_role("option", name="Fully implemented", exact=True).click(timeout=5_000)
            expect(chosen).to_have_count(1, timeout=5_000)
            break
        except (AssertionError, PlaywrightTimeout):
            page.keyboard.press("Escape")
    expect(chosen).to_have_count(1)
    form.get_by_role("button", name="Record").click()


def statuses(fake: FakeSheets) -> list[str]:
    return [row[STATUS] for row in fake.tab(KEY, "Assessments").rows[1:]]


def test_recorded_in_the_browser_once_and_the_overview_changes(page: Page, live_sheet: str,
                                                               fake_sheets: FakeSheets) -> None:
    page.goto(live_sheet, wait_until="domcontentloaded")
    expect(page.get_by_text(NO_ASSESSMENTS)).to_be_visible(timeout=TIMEOUT)
    record_fully_implemented(page, live_sheet)
    expect(page.get_by_text("Written to the sheet.")).to_be_visible(timeout=TIMEOUT)
    assert statuses(fake_sheets) == ["Fully implemented"]
    page.goto(live_sheet, wait_until="domcontentloaded")
    expect(page.get_by_text(re.compile("Status changes since"))).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(NO_ASSESSMENTS)).to_have_count(0)
    assert statuses(fake_sheets) == ["Fully implemented"]


def test_500_storm_waits_in_the_outbox_and_is_written_once(page: Page, live_sheet: str,
                                                          fake_sheets: FakeSheets) -> None:
    fake_sheets.fail_next(500, 500, kind="append")
    record_fully_implemented(page, live_sheet)
    waiting = page.get_by_text("1 entry is waiting to be written")
    expect(waiting).to_be_visible(timeout=TIMEOUT)
    assert statuses(fake_sheets) == []
    page.get_by_role("button", name="Try again now").click()  # the storm goes on
    expect(waiting).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Try again now").click()
    expect(waiting).to_have_count(0, timeout=TIMEOUT)
    assert statuses(fake_sheets) == ["Fully implemented"]
