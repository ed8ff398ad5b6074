"""Read-only links in a real Chromium, on the canary workbook: what reaches the browser, and hostile text.

Every WebSocket frame the browser receives is kept: tables are drawn on a canvas, so the page's HTML
alone would not show a leaked cell, but the frames carry every value the server sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from canary import CANARY, write_canary_workbook
from e2e.conftest import running_app
from playwright.sync_api import Page, WebSocket, expect

from upr_sheets.access import links
from upr_sheets.access.modes import VIEWER_PAGES
from upr_sheets.core.settings import SOURCE_ENV, load_settings
from upr_sheets.sync import _snapshot_path as snapshot_path
from upr_sheets.sync import snapshot_dir

pytestmark = pytest.mark.e2e

SECRET = "e2e-link-secret-" + "k" * 32
AUDIENCE = "Embassy of Norway"
TIMEOUT = 30_000
CHART = '[data-testid="stPlotlyChart"]'
DRAWN_CHART = f"{CHART} .js-plotly-plot .main-svg"
NAV = '[data-testid="stSidebarNav"]'


@dataclass
class Server:
    url: str
    token: str


@dataclass
class Watch:
    """What the browser received and did: WebSocket frames, dialogs, page errors."""

    frames: list[bytes] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def received(self) -> str:
        return "\n".join(f.decode("utf-8", errors="replace") for f in self.frames).casefold()


@pytest.fixture(scope="module")
def canary_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`streamlit run dashboard.py` (open mode) on the canary workbook, with a link secret and its own registry."""
    folder = tmp_path_factory.mktemp("canary-e2e")
    source = write_canary_workbook(folder / "book")
    env = {SOURCE_ENV: str(source), links.SECRET_ENV: SECRET, links.REGISTRY_ENV: str(folder / "links.json")}
    link = links.create_link(AUDIENCE, None, None, "http://127.0.0.1", SECRET)
    try:
        with running_app(folder, env) as url:
            yield Server(url, link.token)
    finally:  # the server saved the canary workbook as its last good snapshot: leave no copy behind
        snapshot_path(snapshot_dir(load_settings()), str(source)).unlink(missing_ok=True)


def watch(page: Page) -> Watch:
    seen = Watch()

    def on_socket(ws: WebSocket) -> None:
        ws.on("framereceived", lambda payload: seen.frames.append(
            payload if isinstance(payload, bytes) else payload.encode()))

    page.on("websocket", on_socket)

    def on_dialog(dialog) -> None:  # noqa: ANN001
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def settle(page: Page, banner: str) -> None:
    """Wait until the page has rendered: its banner, its charts drawn, the script no longer running."""
    expect(page.get_by_text(banner).first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(1,
                                                                                                      timeout=TIMEOUT)
    for n in range(page.locator(CHART).count()):
        expect(page.locator(DRAWN_CHART).nth(n)).to_be_visible(timeout=TIMEOUT)
    page.wait_for_timeout(300)


def assert_inert(page: Page, seen: Watch, where: str) -> None:
    """No dialog fired, and no script or image element came from sheet text."""
    assert not seen.dialogs, f"{where}: a dialog fired: {seen.dialogs}"
    scripts = page.locator("script").evaluate_all("els => els.map(e => e.textContent || '')")
    assert not [s for s in scripts if "alert(1)" in s], f"{where}: a <script> element from sheet text"
    assert page.locator('img[src="x"]').count() == 0, f"{where}: an <img> element from sheet text"
    assert page.locator('a[href^="javascript:"]').count() == 0, f"{where}: a javascript: link"
    assert page.locator('[data-testid="stException"]').count() == 0, where


def test_viewer_pages_never_receive_a_private_value(page: Page, canary_server: Server) -> None:
    seen = watch(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    banner = f"Read-only view for {AUDIENCE}"
    for key in VIEWER_PAGES:
        path = "" if key == "overview" else key
        page.goto(f"{canary_server.url}/{path}?link={canary_server.token}", wait_until="domcontentloaded")
        settle(page, banner)
        assert CANARY not in page.content().casefold(), f"{key}: the canary is in the page"
        assert_inert(page, seen, key)
    assert seen.frames, "no WebSocket frame was captured"
    assert CANARY not in seen.received(), "the canary reached the browser through the WebSocket"


def test_a_viewer_keeps_the_link_while_clicking_through_the_pages(page: Page, canary_server: Server) -> None:
    seen = watch(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    banner = f"Read-only view for {AUDIENCE}"
    page.goto(f"{canary_server.url}/?link={canary_server.token}", wait_until="domcontentloaded")
    settle(page, banner)
    nav = page.locator(NAV)
    expect(nav.get_by_role("link")).to_have_count(len(VIEWER_PAGES), timeout=TIMEOUT)
    assert nav.get_by_text("Data quality").count() == 0
    for title in ("Themes", "Ministries", "Cycles", "Recommending States", "Indicators", "Recommendations"):
        nav.get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(timeout=TIMEOUT)
        settle(page, banner)
        expect(page).to_have_url(re.compile(r"[?&]link="), timeout=TIMEOUT)
        assert_inert(page, seen, title)
    assert CANARY not in seen.received()


def test_an_invalid_link_shows_one_sentence_and_nothing_else(page: Page, canary_server: Server) -> None:
    seen = watch(page)
    head, _, signature = canary_server.token.rpartition(".")
    page.goto(f"{canary_server.url}/?link={head}.x{signature[1:]}", wait_until="domcontentloaded")
    expect(page.get_by_text("This link is not valid.")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(1,
                                                                                                      timeout=TIMEOUT)
    assert page.locator(NAV).count() == 0
    assert page.locator('[data-testid="stMetric"], [data-testid="stDataFrame"], ' + CHART).count() == 0
    assert "recommendation 0" not in seen.received() and CANARY not in seen.received()


def test_member_pages_render_hostile_text_inertly_and_do_show_private_fields(page: Page,
                                                                          canary_server: Server) -> None:
    seen = watch(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    for key in (*VIEWER_PAGES, "data_quality"):
        page.goto(f"{canary_server.url}/{'' if key == 'overview' else key}", wait_until="domcontentloaded")
        settle(page, "Synced")
        assert_inert(page, seen, key)
    assert CANARY in seen.received(), "the leak checks cannot fail: members never receive the canary"


def test_a_page_address_opened_first_never_says_page_not_found(browser, canary_server: Server) -> None:  # noqa: ANN001
    """A member has used the server; then `/overview?link=…` (the landing page's own address) and `/overview` and
    `/themes` opened first in fresh browsers show their page, without Streamlit's "Page not found" dialog."""
    member = browser.new_page()
    member.goto(canary_server.url, wait_until="domcontentloaded")
    settle(member, "Synced")
    member.close()
    for path, heading, banner in ((f"overview?link={canary_server.token}", "Overview", "Read-only view for"),
                                  ("overview", "Overview", "Synced"), ("themes", "Themes", "Synced")):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{canary_server.url}/{path}", wait_until="domcontentloaded")
        settle(page, banner)
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=TIMEOUT)
        assert page.get_by_text("Page not found").count() == 0, path
        context.close()
