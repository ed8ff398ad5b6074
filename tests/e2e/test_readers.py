"""Every reader, every screen, in a real headless Chromium: phones (390 px), Khmer all the way, the clicks people
try first, the addresses they type, and paper."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e.conftest import running_app
from e2e.test_browser import CHART, TIMEOUT, open_page
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from upr_sheets.analysis import breakdowns
from upr_sheets.analysis.filters import current_cycle
from upr_sheets.app.style import PRINT_WIDTH
from upr_sheets.core.contract import VOCABULARIES
from upr_sheets.core.settings import DEMO_WORKBOOK, SOURCE_ENV, load_settings
from upr_sheets.sync import load

pytestmark = pytest.mark.e2e

PAGES = ["", "themes", "ministries", "cycles", "states", "indicators", "recommendations", "reports", "data_quality"]
REC_TABLE_PAGES = ["themes", "recommendations"]  # pages whose recommendations table shows without a choice first
MONTHS = ("January February March April May June July August September October November December").split()
PHONE = {"width": 390, "height": 844}


def forbidden_words() -> re.Pattern[str]:
    """English words a Khmer page must not show: the contract's vocabularies and the status scale (the action
    categories are numbers), and the English month names, whole and abbreviated."""
    words = {w for vocabulary in VOCABULARIES.values() for w in vocabulary.labels if not w.isdigit()}
    words |= set(load_settings().status_labels) | set(MONTHS) | {m[:3] for m in MONTHS}
    return re.compile(r"(?<![A-Za-z])(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True))
                      + r")(?![A-Za-z])")


def sheet_text() -> str:
    """Every text cell of the demo workbook: what editors typed stays in their language, on every page."""
    data = load(str(DEMO_WORKBOOK), load_settings()).dataset
    values = []
    for frame in (data.recommendations, data.indicators, data.measurements, data.assessments, data.cycles):
        for column in frame.columns:
            for value in frame[column]:
                values += [str(v) for v in value] if isinstance(value, tuple) else [str(value)]
    return "\n".join(values)


def visible_text(page: Page) -> list[str]:
    """Lines of the main area as a reader sees them: text, chart text (SVG) and the cells of grids."""
    return page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const svg = [...main.querySelectorAll('svg text')].map(t => t.textContent);
        const cells = [...main.querySelectorAll('[data-testid="stDataFrame"] table td, '
                                              + '[data-testid="stDataFrame"] table th')].map(c => c.textContent);
        return [...main.innerText.split('\\n'), ...svg, ...cells].map(s => s.trim()).filter(s => s);
    }""")


def settle(page: Page) -> None:
    """The page rendered (a heading) and no script run still going."""
    expect(page.locator('[data-testid="stHeading"]').first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=TIMEOUT)
    page.wait_for_timeout(1500)


@pytest.mark.parametrize("path", PAGES)
def test_no_page_is_wider_than_a_phone(page: Page, app_url: str, path: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{app_url}/{path}", wait_until="domcontentloaded")
    settle(page)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth, "
                           "document.querySelector('[data-testid=\"stMain\"]').scrollWidth]")
    assert max(widths) <= PHONE["width"], widths


@pytest.mark.parametrize("path", REC_TABLE_PAGES)
def test_recommendation_tables_show_a_status_on_every_row_on_a_phone(page: Page, app_url: str, path: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{app_url}/{path}", wait_until="domcontentloaded")
    settle(page)
    rows = page.locator("li.upr-row")
    expect(rows.first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('[class*="st-key-wide_"] [data-testid="stDataFrame"]').first).to_be_hidden()  # grid off
    page.wait_for_timeout(1000)  # every row drawn
    count = rows.count()
    statuses = page.locator("li.upr-row .upr-status").all_inner_texts()
    assert count > 3 and len(statuses) == count and all(s.strip() for s in statuses)
    box = rows.first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize("path", PAGES)
def test_khmer_pages_show_no_english_vocabulary_or_month(page: Page, app_url: str, path: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 2000})
    page.goto(f"{app_url}/{path}?lang=km", wait_until="domcontentloaded")
    settle(page)
    for n in range(page.locator(CHART).count()):
        expect(page.locator(f"{CHART} .js-plotly-plot .main-svg").nth(n)).to_be_visible(timeout=TIMEOUT)
    typed, forbidden = sheet_text(), forbidden_words()
    leaks = {line for line in visible_text(page) if forbidden.search(line) and line not in typed}
    assert not leaks


@pytest.fixture
def workbook_with_errors(tmp_path: Path) -> Iterator[str]:
    """A dashboard on a workbook whose Recommendations tab has a misspelt status and a missing response."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Recommendations"
    sheet.append(["ID", "Cycle", "Recommendation", "Recommending States", "Response", "Status"])
    sheet.append(["1.1", 2, "Ratify the Convention", "France", "Accepted", "Partialy implemented"])
    sheet.append(["1.2", 2, "Protect defenders", "Chile", "", "Not implemented"])
    sheet.append(["1.3", 2, "Improve prisons", "Kenya", "Noted", "Fully implemented"])
    path = tmp_path / "errors.xlsx"
    book.save(path)
    with running_app(tmp_path, {SOURCE_ENV: str(path)}) as url:
        yield url


def test_data_quality_messages_are_in_khmer(page: Page, workbook_with_errors: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 1600})
    page.goto(f"{workbook_with_errors}/data_quality?lang=km", wait_until="domcontentloaded")
    settle(page)
    table = page.locator('[data-testid="stTable"]').first
    expect(table).to_contain_text("មិនមែនជាស្ថានភាពទេ", timeout=TIMEOUT)  # "… is not a status"
    expect(table).to_contain_text("តើអ្នកចង់សំដៅលើ")  # "Did you mean …"
    expect(table).to_contain_text("ត្រូវតែបំពេញ")  # "… is required"
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert not re.search(r"\b(is not a status|Did you mean|is required|Use one of|Error|Warning)\b", text)
    assert "`" not in table.inner_text()  # values as typed are code spans, not raw backticks


def test_a_click_on_a_theme_segment_lists_its_rows_in_view(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, f"{app_url}/themes")
    status_chart = page.locator(CHART).first
    segment = status_chart.locator("g.trace.bars").first.locator("g.point path").nth(2)  # 3rd theme, 1st status
    segment.scroll_into_view_if_needed()
    segment.click(force=True)
    caption = page.get_by_text(re.compile(r"^\d+ recommendations? in .+ · .+\.$"))
    expect(caption).to_be_in_viewport(timeout=TIMEOUT)
    n, theme, status = re.match(r"^(\d+) recommendations? in (.+) · (.+)\.$", caption.inner_text()).groups()
    settings = load_settings()
    data = load(str(DEMO_WORKBOOK), settings).dataset
    recs = data.recommendations  # the cycle in view by default: the current one
    recs = recs.loc[(recs["cycle"] == current_cycle(data, settings)).to_numpy(dtype=bool)]
    rows = breakdowns.recommendations_in(recs, "themes", theme)
    assert int(n) == int((rows["status"] == status).sum()) < len(rows)  # the bar AND the segment
    grid = page.locator('.st-key-wide_themes_status_recs [data-testid="stDataFrame"]').first
    expect(grid).to_be_in_viewport(timeout=TIMEOUT)
    assert status_chart.locator("g.point path[style*='opacity: 0.2']").count() == 0  # no highlight left behind


def test_typed_addresses_open_their_page_or_say_so_in_the_interface_language(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/")  # a session exists: the address is resolved by dashboard.py
    page.goto(f"{app_url}/overview", wait_until="domcontentloaded")
    settle(page)
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{app_url}/data-quality", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Data quality", exact=True)).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{app_url}/no-such-page?lang=km", wait_until="domcontentloaded")
    settle(page)
    expect(page.get_by_text("គ្មានទំព័រនៅ “/no-such-page”")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_a_detail_has_a_link_that_opens_it(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 1400})
    page.goto(f"{app_url}/recommendations?rec=2-118.17", wait_until="domcontentloaded")
    settle(page)
    expect(page.get_by_role("heading", name=re.compile(r"^118\.17 · cycle 2"))).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stCode"]').first).to_contain_text("/recommendations?rec=2-118.17",
                                                                          timeout=TIMEOUT)


def test_print_drops_the_chrome_and_fits_a4(page: Page, app_url: str) -> None:
    """With the print stylesheet, the sidebar, header and buttons are gone, and the page (charts and grids drawn for
    a 1366-px screen included) is no wider than PRINT_WIDTH, which Chromium shrinks onto an A4 page between its
    margins (210 − 2 × 12 mm ≈ 703 CSS px, shrunk at most 1.5 times); test_print_browser.py checks the PDF itself."""
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, f"{app_url}/themes")
    page.emulate_media(media="print")
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden(timeout=TIMEOUT)
    hidden = page.evaluate("""() => ['stSidebar', 'stHeader', 'stToolbar'].map(id => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        return el === null || getComputedStyle(el).display === 'none'; })""")
    assert hidden == [True, True, True]
    right = page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMainBlockContainer"]');
        const wide = '.main-svg, [data-testid="stDataFrame"], [data-testid="stTable"]';
        const parts = [main, ...main.querySelectorAll(wide)];
        const left = main.getBoundingClientRect().left;
        return Math.max(...parts.map(el => el.getBoundingClientRect().right)) - left; }""")
    assert 0 < right <= PRINT_WIDTH <= 703 * 1.5  # from the left edge of the content to its widest part's right edge


def test_the_reports_page_hides_the_filters_it_ignores(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{app_url}/reports", wait_until="domcontentloaded")
    settle(page)
    expect(page.get_by_test_id("stSidebarUserContent").get_by_text("Filters", exact=True)).to_be_hidden()
    page.goto(f"{app_url}/themes", wait_until="domcontentloaded")
    settle(page)
    expect(page.get_by_test_id("stSidebarUserContent").get_by_text("Filters", exact=True)).to_be_visible()
