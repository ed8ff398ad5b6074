"""No request to any host but the dashboard's own: every page, for a member and for a link holder, in Chromium.

A request to a font host or a CDN tells that host the address of whoever opened the page: for human-rights
defenders and embassy staff, that matters. Every request the browser makes is recorded (`page.on("request")`)
and must go to the app's own origin (or be inline data). The published site and the HTML of a report are
opened the same way and may only read their own files. The server itself, started as the Dockerfile starts
it (on every interface), opens no connection and resolves no name outside the machine.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from e2e.conftest import ROOT, running_app
from PIL import Image as PILImage
from playwright.sync_api import Page, Request, expect

from benchmarks.serving import free_port, http_get, streamlit_server
from upr_sheets.access import links
from upr_sheets.access.modes import EDITOR_PAGES, VIEWER_PAGES
from upr_sheets.core.settings import DEMO_WORKBOOK, SOURCE_ENV, load_settings

pytestmark = pytest.mark.e2e

SECRET = "e2e-link-secret-" + "n" * 32
TIMEOUT = 30_000
CHART = '[data-testid="stPlotlyChart"]'
INLINE = ("data:", "blob:", "about:")


@dataclass
class Recorder:
    """Every URL the page requested."""

    urls: list[str] = field(default_factory=list)

    def __call__(self, request: Request) -> None:
        self.urls.append(request.url)

    def foreign(self, origin: str) -> list[str]:
        """Requests that left `origin` (scheme://host:port, or a file:// folder), inline data aside."""
        return sorted({u for u in self.urls if not u.startswith(INLINE) and not u.startswith(origin)})


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The dashboard on the demo workbook with a link secret: (its URL, a valid link token)."""
    if not DEMO_WORKBOOK.exists():
        pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
    folder = tmp_path_factory.mktemp("no-third-party")
    env = {SOURCE_ENV: "demo", links.SECRET_ENV: SECRET, links.REGISTRY_ENV: str(folder / "links.json")}
    link = links.create_link("Embassy of Norway", None, "cycle=2", "http://127.0.0.1", SECRET)
    with running_app(folder, env) as url:
        yield url, link.token


def settle(page: Page, banner: str) -> None:
    """Wait until the page has rendered: banner, script done, charts drawn, then a moment for late requests."""
    expect(page.get_by_text(banner).first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(
        1, timeout=TIMEOUT)
    for n in range(page.locator(CHART).count()):
        expect(page.locator(f"{CHART} .js-plotly-plot .main-svg").nth(n)).to_be_visible(timeout=TIMEOUT)
    page.wait_for_timeout(1500)


def visit(page: Page, url: str, pages: tuple[str, ...], banner: str, query: str = "") -> Recorder:
    seen = Recorder()
    page.on("request", seen)
    for key in pages:
        page.goto(f"{url}/{'' if key == 'overview' else key}{query}", wait_until="domcontentloaded")
        settle(page, banner)
    return seen


def test_a_member_requests_nothing_from_another_host(page: Page, demo_server: tuple[str, str]) -> None:
    url, _token = demo_server
    seen = visit(page, url, EDITOR_PAGES, "Synced")
    assert any("/_stcore/" in u or "/static/" in u for u in seen.urls), "no request was recorded at all"
    assert any("favicon" in u or "/media/" in u for u in seen.urls), "the page icon was not requested"
    assert seen.foreign(origin(url)) == []


def test_a_link_holder_requests_nothing_from_another_host(page: Page, demo_server: tuple[str, str]) -> None:
    url, token = demo_server
    seen = visit(page, url, VIEWER_PAGES, "Read-only view for", f"?link={token}")
    page.goto(f"{url}/?link={token[:-3]}xyz", wait_until="domcontentloaded")  # the "not valid" page too
    expect(page.get_by_text("This link is not valid.")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_timeout(1500)
    assert seen.foreign(origin(url)) == []


def test_the_published_site_reads_only_its_own_files(page: Page, tmp_path: Path) -> None:
    from upr_sheets.outputs.publish import write_site
    from upr_sheets.sync import read

    if not DEMO_WORKBOOK.exists():
        pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
    settings = load_settings()
    site = tmp_path / "site"
    write_site(read("demo", settings), settings, site)
    seen = Recorder()
    page.on("request", seen)
    pages = sorted(site.glob("*.html"))
    assert len(pages) >= 8
    for html in pages:
        page.goto(html.as_uri(), wait_until="load")
        page.wait_for_timeout(300)
    assert any(u.endswith("plotly.min.js") for u in seen.urls)
    assert seen.foreign(site.as_uri() + "/") == []


def test_a_report_page_requests_nothing(page: Page, settings) -> None:  # noqa: ANN001 — conftest's fixture
    from upr_sheets.outputs.reports import build_report
    from upr_sheets.outputs.reports.images import Image
    from upr_sheets.outputs.reports.pdf import render_html
    from upr_sheets.sync import read

    if not DEMO_WORKBOOK.exists():
        pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
    png = io.BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(png, format="PNG")
    report = build_report(read("demo", settings), settings, "midterm", country="Cambodia")
    html = render_html(report, {c.key: Image(c.key, c.title, png.getvalue(), 900, 500) for c in report.charts()})
    seen = Recorder()
    page.on("request", seen)
    page.set_content(html, wait_until="load")
    assert page.locator("img").count() == len(report.charts()) > 0
    assert seen.foreign("file:///nothing/") == []


# Loaded by the server's Python at start-up (a sitecustomize module on PYTHONPATH): every connection to, and every
# name lookup of, a host outside the machine is written down and refused.
AUDIT = """
import os, socket
LOG, LOCAL = os.environ["UPR_AUDIT_LOG"], {"127.0.0.1", "::1", "localhost", "0.0.0.0", "::", "", None}
def note(what):
    with open(LOG, "a", encoding="utf-8") as fh:
        fh.write(what + "\\n")
real_connect, real_resolve = socket.socket.connect, socket.getaddrinfo
def connect(sock, address):
    host = address[0] if isinstance(address, tuple) else None
    if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in LOCAL:
        note(f"connect {host}")
        raise OSError("refused by the test")
    return real_connect(sock, address)
def getaddrinfo(host, *args, **kwargs):
    if (host.decode() if isinstance(host, bytes) else host) not in LOCAL:
        note(f"resolve {host}")
        raise socket.gaierror("refused by the test")
    return real_resolve(host, *args, **kwargs)
socket.socket.connect, socket.getaddrinfo = connect, getaddrinfo
"""


def test_the_server_contacts_no_other_host(page: Page, tmp_path: Path) -> None:
    """Started like the Dockerfile (all interfaces, headless), Streamlit would ask checkip.amazonaws.com for its
    address; .streamlit/config.toml's browser.serverAddress stops that. Nothing else leaves the machine either."""
    if not DEMO_WORKBOOK.exists():
        pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
    (tmp_path / "audit").mkdir()
    (tmp_path / "audit" / "sitecustomize.py").write_text(AUDIT, encoding="utf-8")
    log = tmp_path / "outside.log"
    env = {**os.environ, SOURCE_ENV: "demo", "PYTHONPATH": str(tmp_path / "audit"), "UPR_AUDIT_LOG": str(log)}
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.address", "0.0.0.0",
               "--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none"]
    with streamlit_server(command, port, cwd=ROOT, env=env, log=tmp_path / "server.log", start_timeout=30) as server:
        url = server.url
        page.goto(url, wait_until="domcontentloaded")
        settle(page, "Synced")
        assert http_get(f"{url}/_stcore/health")[1].strip() == b"ok"
    assert "URL: http://localhost" in (tmp_path / "server.log").read_text(encoding="utf-8")
    assert not log.exists(), log.read_text(encoding="utf-8")
