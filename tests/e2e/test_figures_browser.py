"""The Overview's figures in a real headless Chromium: the demo opens on its current cycle, each triggered-action
figure carries its n and only its own population's benchmark, "All cycles" is one click away, Pending is shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from builders import REC_HEADER, rec, write_xlsx
from e2e.conftest import running_app
from e2e.test_browser import METRIC, TIMEOUT, full_screenshot, metric_values, open_page
from playwright.sync_api import Page, expect

from upr_sheets.core.settings import SOURCE_ENV

pytestmark = pytest.mark.e2e


def delta(page: Page) -> str:
    """The delta line under the Triggered action metric ("" when there is none)."""
    metric = page.locator(METRIC).filter(has_text="Triggered action")
    found = metric.locator('[data-testid="stMetricDelta"]')
    return found.inner_text().strip() if found.count() else ""


def test_demo_overview_with_no_filter_is_the_current_cycle(page: Page, app_url: str, screenshots: Path) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, app_url)
    expect(page.locator(METRIC).first).to_contain_text("205", timeout=TIMEOUT)
    expect(page.locator(METRIC).filter(has_text="Noted")).to_contain_text("42", timeout=TIMEOUT)
    shown = metric_values(page)
    assert (shown["Recommendations"], shown["Accepted"], shown["Noted"]) == ("205", "163", "42")
    assert shown["Triggered action, of 205"].endswith("%")
    assert "48% of all recommendations" in delta(page)
    expect(page.get_by_text("Demo data: statuses are illustrative.")).to_be_visible()
    expect(page.get_by_text("Cycle 2, the current review.")).to_be_visible()
    full_screenshot(page, screenshots / "overview-current-cycle-1366.png")
    page.get_by_role("button", name="All cycles").click()
    expect(page.locator(METRIC).first).to_contain_text("296", timeout=TIMEOUT)
    expect(page.get_by_text(re.compile(r"these figures pool 2 reviews"))).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"cycle=all"), timeout=TIMEOUT)
    assert delta(page) == ""  # pooled reviews: no single-cycle benchmark


@pytest.mark.parametrize(("query", "n", "upr_info"), [("response=Accepted", 163, "55% of accepted ones"),
                                                        ("response=Noted", 42, "19% of noted ones")])
def test_a_response_is_compared_with_its_own_benchmark(page: Page, app_url: str, query: str, n: int,
                                                       upr_info: str) -> None:
    open_page(page, f"{app_url}/?cycle=2&{query}")
    expect(page.locator(METRIC).filter(has_text=f"Triggered action, of {n}")).to_be_visible(timeout=TIMEOUT)
    assert upr_info in delta(page) and "48%" not in delta(page)


def test_pending_is_shown_on_an_imported_sheet(page: Page, tmp_path: Path) -> None:
    rows = [REC_HEADER, *(rec(f"118.{k}", "2") for k in range(1, 4)),
            *(rec(f"119.{k}", "2", response="Pending") for k in range(1, 3))]
    book = write_xlsx(tmp_path / "imported.xlsx", {"Recommendations": rows}, {"Recommendations": {0}})
    with running_app(tmp_path, {SOURCE_ENV: str(book)}) as url:
        page.goto(url, wait_until="domcontentloaded")
        expect(page.locator(METRIC).filter(has_text="Pending")).to_be_visible(timeout=TIMEOUT)
        shown = metric_values(page)
        assert (shown["Accepted"], shown["Noted"], shown["Pending"], shown["Triggered action"]) == ("3", "0", "2", "–")
        expect(page.get_by_text(re.compile(r"record their responses in the Response column"))).to_be_visible()
        expect(page.get_by_text(re.compile(r"has been assessed yet"))).to_be_visible()
