"""Browser fixtures: the system Chromium for pytest-playwright and a running `streamlit run dashboard.py`."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from benchmarks.serving import ServerDidNotStart, free_port, streamlit_command, streamlit_server
from upr_sheets.core.settings import DEMO_WORKBOOK, SOURCE_ENV

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch the Debian chromium (no `playwright install`), headless and quiet."""
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.skip(f"no Chromium at {executable} (apt-get install -y chromium, or set CHROMIUM_PATH)")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@contextlib.contextmanager
def running_app(log_dir: Path, env_overrides: Mapping[str, str] | None = None) -> Iterator[str]:
    """`streamlit run dashboard.py` on a free local port while the block runs: on the demo workbook, unless
    `env_overrides` names another source ($UPR_MONITOR_SOURCE) or sets other variables for the server."""
    env = {**os.environ, SOURCE_ENV: "demo", **(env_overrides or {})}
    if env[SOURCE_ENV] == "demo" and not DEMO_WORKBOOK.exists():
        pytest.skip(f"the demo workbook {DEMO_WORKBOOK} has not been generated")
    port = free_port()
    command = streamlit_command(sys.executable, ROOT / "dashboard.py", port)
    try:
        with streamlit_server(command, port, cwd=ROOT, env=env, log=log_dir / "server.log", start_timeout=30) as server:
            yield server.url
    except ServerDidNotStart as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One running dashboard shared by the browser tests."""
    with running_app(tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture
def fresh_app_url(tmp_path: Path) -> Iterator[str]:
    """A dashboard server that no browser has visited yet."""
    with running_app(tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder screenshots are saved to (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
