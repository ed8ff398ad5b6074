"""Every page in a real headless Chromium against `streamlit run dashboard.py` on the demo workbook."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

METRIC = '[data-testid="stMetric"]'
TABLE = '[data-testid="stDataFrame"]'
STATIC_TABLE = '[data-testid="stTable"]'
CHART = '[data-testid="stPlotlyChart"]'
DRAWN_CHART = f"{CHART} .js-plotly-plot .main-svg"
# url path → (page heading, elements that must be visible)
PAGES: dict[str, tuple[str, list[str]]] = {
    "": ("Overview", [METRIC, DRAWN_CHART, TABLE]),
    "themes": ("Themes", [METRIC, DRAWN_CHART, TABLE]),
    "ministries": ("Ministries", [METRIC, DRAWN_CHART, TABLE]),
    "cycles": ("Cycles", [METRIC, DRAWN_CHART, TABLE]),
    "states": ("Recommending States", [METRIC, DRAWN_CHART, TABLE]),
    "indicators": ("Indicators", [METRIC, DRAWN_CHART, TABLE]),
    "recommendations": ("Recommendations", [TABLE, STATIC_TABLE]),
    "data_quality": ("Data quality", [METRIC]),
}
WIDTHS = {1280: 800, 390: 844}
ROWS = "li.upr-row"  # on a phone, a table of recommendations is shown as readable rows instead of the grid
PHONE_ROWS = {"themes", "recommendations"}
TIMEOUT = 30_000


def open_page(page: Page, url: str) -> None:
    """Go to a URL and wait until the app has rendered (charts drawn, not skeletons)."""
    page.goto(url, wait_until="domcontentloaded")
    expect(page.locator('[data-testid="stApp"]')).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(re.compile(r"^.*Synced .* ago|Synced just now"))).to_be_visible(timeout=TIMEOUT)
    charts = page.locator(CHART)
    for n in range(charts.count()):
        expect(page.locator(DRAWN_CHART).nth(n)).to_be_visible(timeout=TIMEOUT)


def full_screenshot(page: Page, path: Path) -> None:
    """Screenshot of the whole page: the app scrolls inside stMain, so grow the viewport to its height first."""
    size = page.viewport_size or {"width": 1280, "height": 800}
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight ?? 0")
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(height, 8000)})
        page.wait_for_timeout(500)
        for n in range(page.locator(CHART).count()):
            expect(page.locator(DRAWN_CHART).nth(n)).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=path, full_page=True)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("path", list(PAGES))
def test_page_shows_its_content(page: Page, app_url: str, screenshots: Path, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    open_page(page, f"{app_url}/{path}")
    heading, selectors = PAGES[path]
    if width < 640 and path in PHONE_ROWS:
        selectors = [ROWS if selector == TABLE else selector for selector in selectors]
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=TIMEOUT)
    for selector in selectors:
        expect(page.locator(selector).first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    full_screenshot(page, screenshots / f"{path or 'overview'}-{width}.png")


def metric_values(page: Page) -> dict[str, str]:
    """Metric label → value as displayed, once the page's script has finished (so every metric is drawn)."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"
        " === 'notRunning'", timeout=TIMEOUT)
    out = {}
    for metric in page.locator(METRIC).all():
        label = metric.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        out[label] = metric.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return out


def test_overview_second_cycle_figures(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/?cycle=2")
    expect(page.locator(METRIC).first).to_contain_text("Recommendations", timeout=TIMEOUT)
    expect(page.locator(METRIC).filter(has_text="Noted")).to_contain_text("42", timeout=TIMEOUT)
    shown = metric_values(page)
    assert (shown["Recommendations"], shown["Accepted"], shown["Noted"]) == ("205", "163", "42")


def test_filters_survive_a_page_switch(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, f"{app_url}/?cycle=2")
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Themes").click()
    expect(page.get_by_role("heading", name="Themes", exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"/themes\?cycle=2$"), timeout=TIMEOUT)
    expect(page.locator(METRIC).first).to_contain_text("205", timeout=TIMEOUT)


@pytest.mark.parametrize("path", ["themes", "data_quality"])
def test_a_page_link_is_the_first_visit_to_a_fresh_server(page: Page, fresh_app_url: str, path: str) -> None:
    """Opening a page's link first still goes through dashboard.py: navigation, filters, data, no error."""
    page.goto(f"{fresh_app_url}/{path}?cycle=2", wait_until="domcontentloaded")
    expect(page.locator('[data-testid="stSidebarNav"]').get_by_text("Recommending States")).to_be_visible(
        timeout=30_000)
    expect(page.get_by_test_id("stSidebarUserContent").get_by_text("Filters", exact=True)).to_be_visible(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_clicking_a_theme_bar_lists_its_recommendations(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 1400})
    open_page(page, f"{app_url}/themes")
    expect(page.get_by_text(re.compile(r"^\d+ recommendations? in "))).to_be_visible(timeout=TIMEOUT)
    status_chart = page.locator(CHART).first
    status_chart.locator("g.trace.bars g.point path").nth(5).click(force=True)  # 6th theme, first status
    expect(page.get_by_text(re.compile(r"^\d+ recommendations? in Judiciary\.$"))).to_be_visible(timeout=TIMEOUT)


def test_a_row_clicked_on_the_second_page_opens_that_recommendation(page: Page, app_url: str) -> None:
    """The table sends 50 rows at a time; a click on the third row of the second page opens the 53rd."""
    from upr_sheets.core.settings import DEMO_WORKBOOK, load_settings
    from upr_sheets.sync import load

    recs = load(str(DEMO_WORKBOOK), load_settings()).dataset.recommendations
    page.set_viewport_size({"width": 1366, "height": 1400})
    open_page(page, f"{app_url}/recommendations?cycle=all")
    expect(page.get_by_text(f"Rows 1–50 of {len(recs)}", exact=True)).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text(f"Rows 51–100 of {len(recs)}", exact=True)).to_be_visible(timeout=TIMEOUT)
    grid = page.locator('[class*="st-key-wide_rec_table_1"] [data-testid="stDataFrame"]')
    expect(grid).to_have_count(1, timeout=TIMEOUT)  # the first page's grid gone, the second's drawn
    expect(grid).to_be_visible(timeout=TIMEOUT)
    page.wait_for_timeout(1000)  # the grid drawn on its canvas
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 2 * 35 + 17)  # the third row's selection box
    rec_id, cycle = recs["id"].iloc[52], int(recs["cycle"].iloc[52])
    expect(page.get_by_role("heading", name=re.compile(rf"^{re.escape(rec_id)} · cycle {cycle}"))).to_be_visible(
        timeout=TIMEOUT)
