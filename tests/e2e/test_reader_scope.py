"""What a reader meets first, in a real headless Chromium: an address typed on a server nobody has visited yet, the
SDG filter, and the banner of a read-only link in the interface language."""

from __future__ import annotations

import pytest
from e2e.test_browser import TIMEOUT
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


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
