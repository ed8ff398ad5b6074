"""What a reader meets first, in a real headless Chromium: an address typed on a server nobody has visited yet, the
SDG filter, and the banner of a read-only link in the interface language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e.conftest import running_app
from e2e.test_browser import TIMEOUT
from playwright.sync_api import Browser, Page, expect

from upr_sheets.access import links

pytestmark = pytest.mark.e2e

SECRET = "e2e-reader-link-secret-" + "r" * 32
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@pytest.fixture(scope="module")
def linked_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on the demo, with a link secret, so read-only links can be opened on it."""
    folder = tmp_path_factory.mktemp("reader-links")
    env = {links.SECRET_ENV: SECRET, links.REGISTRY_ENV: str(folder / "links.json")}
    with running_app(folder, env) as url:
        yield url


def settle(page: Page) -> None:
    """The page rendered (a heading) and no script run still going."""
    expect(page.locator('[data-testid="stHeading"]').first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(DONE)).to_have_count(1, timeout=TIMEOUT)
    page.wait_for_timeout(800)


def no_dialog_left(page: Page) -> None:
    """Streamlit's English "Page not found" dialog is not on screen (it may open for a moment on the very first
    visit after a start, see app.routes, and is closed as soon as the dashboard runs)."""
    expect(page.get_by_role("dialog").filter(has_text="Page not found")).to_have_count(0, timeout=TIMEOUT)


@pytest.mark.parametrize(("path", "heading", "notice"), [
    ("nowhere?lang=km", "ទិដ្ឋភាពទូទៅ", "គ្មានទំព័រនៅ “/nowhere”"),
    ("nowhere", "Overview", "There is no page at “/nowhere”"),
    ("data-quality", "Data quality", None),
    ("overview", "Overview", None),
])
def test_an_address_typed_first_on_a_fresh_server(page: Page, fresh_app_url: str, path: str, heading: str,
                                                  notice: str | None) -> None:
    page.goto(f"{fresh_app_url}/{path}", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=TIMEOUT)
    if notice:
        expect(page.get_by_text(notice)).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=TIMEOUT)
    no_dialog_left(page)
    assert page.get_by_text("Page not found").count() == 0


@pytest.mark.parametrize(("scope", "lang", "said", "not_said"), [
    ("cycle=2", "km", "វដ្ដ 2", "cycle 2"),
    ("cycle=2;theme=Education", "en", "Cycle 2 · Theme: Education", "cycle 2, theme"),
    ("state=Belgium;sdg=4", "fr", "Belgium · ODD 4 : Éducation de qualité", "state Belgium"),
])
def test_a_link_banner_says_its_scope_in_the_interface_language(page: Page, linked_app: str, scope: str, lang: str,
                                                                said: str, not_said: str) -> None:
    link = links.create_link("Embassy of Belgium", None, scope, linked_app, SECRET)
    page.goto(f"{link.url}&lang={lang}", wait_until="domcontentloaded")
    settle(page)
    banner = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="Embassy of Belgium").first
    expect(banner).to_contain_text(said, timeout=TIMEOUT)
    assert not_said not in banner.inner_text()


def test_the_sdg_filter_names_goals_in_khmer_and_cuts_the_page(page: Page, linked_app: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{linked_app}/recommendations?lang=km&cycle=all", wait_until="domcontentloaded")
    settle(page)
    sidebar = page.get_by_test_id("stSidebarUserContent")
    sdg = sidebar.get_by_test_id("stMultiSelect").filter(has_text="SDGs")
    sdg.scroll_into_view_if_needed()
    sdg.get_by_role("combobox").click()
    option = page.get_by_role("option", name="5 · សមភាពយេនឌ័រ")
    expect(option).to_be_visible(timeout=TIMEOUT)
    option.click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"[?&]sdg=5(&|$)"), timeout=TIMEOUT)
    expect(page.locator(DONE)).to_have_count(1, timeout=TIMEOUT)
    expect(sdg).to_contain_text("5 · សមភាពយេនឌ័រ")


def test_a_date_column_sorts_by_date(page: Page, linked_app: str) -> None:
    """The assessment history of a recommendation: its dates show as 2019-07-11 and a click on the header sorts them
    as dates, also in Khmer."""
    page.set_viewport_size({"width": 1366, "height": 1400})
    page.goto(f"{linked_app}/recommendations?rec=2-118.17&lang=km", wait_until="domcontentloaded")
    settle(page)
    expect(page.get_by_text("ប្រវត្តិនៃការវាយតម្លៃ")).to_be_visible(timeout=TIMEOUT)  # Assessment history
    grids = page.locator('[data-testid="stDataFrame"]')
    expect(grids).to_have_count(3, timeout=TIMEOUT)  # the recommendations, its assessments, its indicators
    expect(grids.nth(1).locator("table tbody tr").first).to_be_attached(timeout=TIMEOUT)
    grid = next(grids.nth(n) for n in range(grids.count())
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", (read_column(grids.nth(n), 0) or [""])[0]))
    grid.scroll_into_view_if_needed()
    dates = read_column(grid, 0)
    assert dates and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates), dates
    box = grid.bounding_box()
    for order in (sorted(dates), sorted(dates, reverse=True)):
        page.mouse.click(box["x"] + 40, box["y"] + 18)  # the header of the first column
        page.wait_for_timeout(500)
        assert read_column(grid, 0) == order


def read_column(grid, n: int) -> list[str]:  # noqa: ANN001 - a Playwright locator
    """The cells of column n of a grid, top to bottom, from its accessible table."""
    return grid.evaluate("""(el, n) => [...el.querySelectorAll('table tbody tr')]
        .map(r => r.querySelectorAll('td')[n]?.textContent.trim() ?? '')""", n)


def test_screenshots(browser: Browser, linked_app: str, screenshots: Path) -> None:
    """What a member and a link holder see, at 1366 and 390 px, in English and Khmer (saved, for looking at)."""
    link = links.create_link("Embassy of Belgium", None, "cycle=2;state=Belgium", linked_app, SECRET)
    for who, url in (("member", f"{linked_app}/?sdg=16"), ("link", link.url)):
        for lang in ("en", "km"):
            for width in (1366, 390):
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                page.goto(f"{url}{'&' if '?' in url else '?'}lang={lang}", wait_until="domcontentloaded")
                settle(page)
                expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=TIMEOUT)
                if who == "member" and width > 800:  # the SDGs filter, at the foot of the sidebar
                    page.get_by_test_id("stSidebarUserContent").get_by_test_id("stMultiSelect").filter(
                        has_text="SDGs").scroll_into_view_if_needed()
                page.screenshot(path=str(screenshots / f"reader-{who}-{lang}-{width}.png"))
                context.close()
