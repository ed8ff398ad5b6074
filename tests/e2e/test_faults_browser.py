"""Faults seen in a real Chromium: whatever breaks under a running dashboard, the page keeps its last good data.

One `streamlit run dashboard.py` per kind of source (the fake Google Sheet, a folder of CSV files, an .xlsx
workbook), each with its snapshots and short timeouts in a settings file of its own. For every fault that
tests/test_faults.py injects at the sync level (and a workbook replaced by a corrupt one), a member's page is
refreshed with the fault in place: it must show the same figures under the banner that says how old the data is
and why, and never Streamlit's "This app has encountered an error"; then the fault is mended and the next
refresh is fresh again.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from builders import write_csv_folder, write_xlsx
from e2e.conftest import running_app
from fakesheets import FakeSheets
from playwright.sync_api import Page, expect
from test_faults import KEY, SOURCE, tabs
from test_faults_app import age_snapshot

from upr_sheets.access.links import REGISTRY_ENV, SECRET_ENV, create_link
from upr_sheets.core.settings import SETTINGS_ENV, SETTINGS_PATH, SOURCE_ENV
from upr_sheets.sources.gsheets_http import API_ENV

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000
GENERIC_ERROR = "This app has encountered an error"
STALE = "Showing the last good data"
ATTEMPTS = 2
SECRET = "e2e-fault-link-secret-" + "f" * 32
STORM = ATTEMPTS + 2


@dataclass
class Served:
    """A running dashboard, what it reads, and where it keeps its snapshots."""

    url: str
    source: Path | None
    snapshots: Path
    fake: FakeSheets | None = None


def settings_file(folder: Path) -> Path:
    """config/settings.toml with snapshots in `folder`, short timeouts and few attempts (the faults are met fast)."""
    text = SETTINGS_PATH.read_text(encoding="utf-8")
    replace = {"snapshot_dir": json.dumps(str(folder / "snapshots")), "request_timeout_seconds": "3",
               "max_attempts": str(ATTEMPTS), "max_total_wait_seconds": "1"}
    lines = []
    for line in text.splitlines():
        key = line.split("=", 1)[0].strip()
        lines.append(f"{key} = {replace[key]}" if key in replace and "=" in line else line)
    path = folder / "settings.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def serve(folder: Path, source: str, extra: dict[str, str] | None = None):
    """The dashboard on `source`, with the settings above (a context manager yielding its URL)."""
    env = {SOURCE_ENV: source, SETTINGS_ENV: str(settings_file(folder)), "NO_PROXY": "127.0.0.1", **(extra or {})}
    return running_app(folder, env)


@pytest.fixture(scope="module")
def sheet_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The dashboard reading gsheet:KEY from a fake Sheets API on 127.0.0.1 (no credentials: none are sent)."""
    folder = tmp_path_factory.mktemp("faults-sheet")
    with FakeSheets({KEY: tabs()}, max_hang=8) as fake, serve(folder, SOURCE, {API_ENV: fake.base_url}) as url:
        yield Served(url, None, folder / "snapshots", fake)


def _file_app(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]) -> Iterator[Served]:
    """The dashboard reading the file source `make` writes into a fresh folder (with a link secret)."""
    folder = factory.mktemp(f"faults-{name}")
    source = make(folder)
    with serve(folder, str(source), {SECRET_ENV: SECRET, REGISTRY_ENV: str(folder / "links.json")}) as url:
        yield Served(url, source, folder / "snapshots")


@pytest.fixture(scope="module")
def csv_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The dashboard reading a folder of CSV files."""
    yield from _file_app(tmp_path_factory, "csv", lambda folder: write_csv_folder(folder / "csv", tabs()))


@pytest.fixture(scope="module")
def xlsx_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The dashboard reading an .xlsx workbook."""
    yield from _file_app(tmp_path_factory, "xlsx", lambda folder: write_xlsx(folder / "book.xlsx", tabs()))


def settle(page: Page) -> None:
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(
        1, timeout=TIMEOUT)
    expect(page.get_by_text("Synced").first).to_be_visible(timeout=TIMEOUT)


def refresh(page: Page) -> None:
    """Click the banner's Refresh (it empties the shared data cache) and wait for the page to run again."""
    page.get_by_role("button", name="Refresh").click()
    page.wait_for_timeout(300)
    settle(page)


def recommendations(page: Page) -> str:
    """The value of the card labelled exactly "Recommendations" (other cards' labels and help mention the word)."""
    label = page.get_by_test_id("stMetricLabel").filter(has_text=re.compile(r"^\s*Recommendations\s*$"))
    metric = page.locator('[data-testid="stMetric"]').filter(has=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def assert_no_generic_error(page: Page, where: str) -> None:
    assert GENERIC_ERROR not in page.inner_text("body"), f"{where}: Streamlit's generic error page"
    assert page.locator('[data-testid="stException"]').count() == 0, f"{where}: an exception box"
    assert "Traceback" not in page.inner_text("body"), f"{where}: a traceback"


def survive(page: Page, served: Served, name: str, inject: Callable[[], None], mend: Callable[[], None] | None,
            reason: str) -> None:
    """Good page → fault, Refresh: same figure under the stale banner → mended, Refresh: fresh again."""
    page.goto(served.url, wait_until="domcontentloaded")
    settle(page)
    before = recommendations(page)
    assert before == "12"
    age_snapshot(served.snapshots, hours=3)
    inject()
    refresh(page)
    banner = page.locator('[data-testid="stAlert"]').filter(has_text=STALE)
    expect(banner).to_be_visible(timeout=TIMEOUT)
    text = banner.inner_text()
    assert "3 h ago" in text, f"{name}: {text}"
    assert reason.casefold() in text.casefold(), f"{name}: {reason!r} not in {text!r}"
    assert recommendations(page) == before, name
    assert_no_generic_error(page, name)
    if mend is None:
        return
    mend()
    refresh(page)
    expect(page.locator('[data-testid="stAlert"]').filter(has_text=STALE)).to_have_count(0, timeout=TIMEOUT)
    assert recommendations(page) == before
    assert_no_generic_error(page, f"{name}, mended")


# -- the Google Sheet: the faults of tests/test_faults.py's SHEET_FAULTS ----------------------------

def _restore(fake: FakeSheets) -> None:
    fake.faults.clear()
    fake.unshared.discard(KEY)
    if "Recommendations" not in [tab.title for tab in fake.books[KEY].tabs]:
        old = [tab.title for tab in fake.books[KEY].tabs if tab.title == "Recs 2024 (old)"]
        if old:
            fake.rename_tab(KEY, old[0], "Recommendations")
        else:
            fake.add_tab(KEY, "Recommendations", tabs()["Recommendations"])
    fake.set_rows(KEY, "Recommendations", tabs()["Recommendations"])


SHEET_FAULTS: list[tuple[str, Callable[[FakeSheets], None], str]] = [
    ("429-storm", lambda f: f.fail_next(*[429] * STORM), "60 reads per minute"),
    ("429-storm-retry-after", lambda f: f.fail_next(*[429] * STORM, retry_after="1"), "60 reads per minute"),
    ("500", lambda f: f.fail_next(*[500] * STORM), "500"),
    ("503", lambda f: f.fail_next(*[503] * STORM), "503"),
    ("5xx-mixed", lambda f: f.fail_next(500, 503, 502, 504), "HTTP 50"),
    ("hang", lambda f: f.hang_next(6.0), "did not answer"),
    ("truncated-json", lambda f: f.truncate_next(kind="batch_get"), "cut off"),
    ("renamed-tab", lambda f: f.rename_tab(KEY, "Recommendations", "Recs 2024 (old)"), "Recs 2024 (old)"),
    ("deleted-tab", lambda f: f.delete_tab(KEY, "Recommendations"), "Recommendations"),
    ("deleted-header-row", lambda f: f.set_rows(KEY, "Recommendations", tabs()["Recommendations"][1:]),
     "Row 1 must hold the headers"),
    ("unshared", lambda f: f.unshare(KEY), "403"),
]


def test_sheet_faults_in_the_browser(page: Page, sheet_app: Served) -> None:
    fake = sheet_app.fake
    assert fake is not None
    for name, inject, reason in SHEET_FAULTS:
        survive(page, sheet_app, name, lambda inject=inject: inject(fake), lambda: _restore(fake), reason)
    # last, as the fake cannot come back on the same port: the Sheets API stops answering altogether
    survive(page, sheet_app, "unreachable", fake.stop, None, "could not")


def test_a_restarted_server_meeting_a_storm_serves_the_saved_snapshot(page: Page, tmp_path: Path) -> None:
    """test_faults.py's storm before the tab list is cached: a new server process (after a restart or an upgrade,
    the snapshot folder kept) meets 429s on its very first read and serves the last good data from disk."""
    with FakeSheets({KEY: tabs()}) as fake:
        extra = {API_ENV: fake.base_url}
        with serve(tmp_path, SOURCE, extra) as url:
            page.goto(url, wait_until="domcontentloaded")
            settle(page)
            assert recommendations(page) == "12"
        age_snapshot(tmp_path / "snapshots", hours=3)
        fake.fail_next(*[429] * STORM)
        with serve(tmp_path, SOURCE, extra) as url:
            page.goto(url, wait_until="domcontentloaded")
            settle(page)
            banner = page.locator('[data-testid="stAlert"]').filter(has_text=STALE)
            expect(banner).to_be_visible(timeout=TIMEOUT)
            assert "3 h ago" in banner.inner_text() and "60 reads per minute" in banner.inner_text()
            assert recommendations(page) == "12"
            assert_no_generic_error(page, "storm on a fresh server")
        assert fake.counts["metadata"] >= ATTEMPTS


# -- a folder of CSV files: test_faults.py's test_csv_that_disappears ------------------------------

def test_csv_faults_in_the_browser(page: Page, csv_app: Served) -> None:
    folder = csv_app.source
    assert folder is not None

    def truncate() -> None:
        path = folder / "Recommendations.csv"
        path.write_bytes(path.read_bytes()[:25])

    faults: list[tuple[str, Callable[[], None], str]] = [
        ("csv-removed", lambda: (folder / "Recommendations.csv").unlink(), "Recommendations"),
        ("folder-removed", lambda: shutil.rmtree(folder), "csv"),
        ("csv-emptied", lambda: (folder / "Recommendations.csv").write_bytes(b""), "Recommendations"),
        ("csv-cut-short", truncate, "Recommendations"),
    ]
    for name, inject, reason in faults:
        survive(page, csv_app, name, inject, lambda: write_csv_folder(folder, tabs()), reason)


# -- an .xlsx workbook replaced by a corrupt one (the failure the readers did not expect) ------------

def _rewrite_part(path: Path, part: str, data: bytes) -> None:
    good = path.read_bytes()
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(good)
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, data if item.filename == part else src.read(item.filename))
    tmp.unlink()


def test_corrupt_workbook_in_the_browser(page: Page, xlsx_app: Served) -> None:
    book = xlsx_app.source
    assert book is not None
    faults: list[tuple[str, Callable[[], None], str]] = [
        ("not-a-zip", lambda: book.write_bytes(b"PK\x03\x04 this is not a workbook any more"), ""),
        ("broken-sheet-xml", lambda: _rewrite_part(book, "xl/worksheets/sheet1.xml",
                                                   b"<worksheet><sheetData><row r='1'><c"), ""),
        ("workbook-deleted", book.unlink, ""),
    ]
    for name, inject, reason in faults:
        survive(page, xlsx_app, name, inject, lambda: write_xlsx(book, tabs()), reason)


def test_a_link_holder_gets_the_last_good_data_too(page: Page, xlsx_app: Served) -> None:
    """The workbook turns corrupt under a member's Refresh: a link holder's page shows the last good data, marked
    as such, never the generic error."""
    book = xlsx_app.source
    assert book is not None
    token = create_link("Embassy of Norway", None, "cycle=2", "http://127.0.0.1", SECRET).token
    page.goto(xlsx_app.url, wait_until="domcontentloaded")
    settle(page)
    book.write_bytes(b"PK\x03\x04 this is not a workbook any more")
    try:
        refresh(page)
        expect(page.locator('[data-testid="stAlert"]').filter(has_text=STALE)).to_be_visible(timeout=TIMEOUT)
        viewer = page.context.browser.new_context().new_page()
        viewer.goto(f"{xlsx_app.url}/?link={token}", wait_until="domcontentloaded")
        expect(viewer.get_by_text("Read-only view for").first).to_be_visible(timeout=TIMEOUT)
        stale = viewer.locator('[data-testid="stAlert"]').filter(has_text=STALE)
        expect(stale).to_be_visible(timeout=TIMEOUT)
        assert "could not be refreshed" in stale.inner_text() and "book.xlsx" not in viewer.inner_text("body")
        assert recommendations(viewer) == "12"
        assert_no_generic_error(viewer, "link holder")
    finally:
        write_xlsx(book, tabs())
