"""Shared fixtures: the project settings, a clean dashboard state, a fake Google Sheets API."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakesheets import FakeSheets

from upr_sheets.core.settings import SOURCE_ENV, Settings


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The project settings (config/settings.toml), read once for the whole run: builders.default_settings()."""
    from builders import default_settings

    return default_settings()


@pytest.fixture
def fresh_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """An empty data cache, snapshots in tmp_path, and no `--source` from pytest's own argv.

    Dashboard test modules ask for it with `pytestmark = pytest.mark.usefixtures("fresh_app")`."""
    import streamlit as st

    from upr_sheets import sync
    from upr_sheets.app import loader

    st.cache_data.clear()
    loader.refresh_marks_clear()
    monkeypatch.setattr(sync, "snapshot_dir", lambda settings: tmp_path / "snapshots")
    monkeypatch.setattr(sys, "argv", ["dashboard.py"])
    monkeypatch.delenv(SOURCE_ENV, raising=False)
    yield
    st.cache_data.clear()


@pytest.fixture
def fake_sheets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeSheets]:
    """A started FakeSheets that the Sheets source talks to, with no real credentials and no real waits.

    Sets $UPR_MONITOR_SHEETS_API to the fake, hides any secrets.toml / service-account key of the
    machine (so nothing signs in to Google), records back-off waits in `fake.sleeps` instead of
    sleeping, empties the tab-list cache before and after, and fails any connection to a host other
    than 127.0.0.1.
    """
    from upr_sheets.core import secrets
    from upr_sheets.sources import gsheets, gsheets_http

    real_connect = socket.socket.connect

    def loopback_only(sock: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1"):
            raise AssertionError(f"a test tried to connect to {host}; only 127.0.0.1 is allowed")
        real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", loopback_only)
    monkeypatch.delenv(secrets.SERVICE_ACCOUNT_ENV, raising=False)
    monkeypatch.setattr(secrets, "secrets_paths", lambda: [tmp_path / ".streamlit" / "secrets.toml"])
    monkeypatch.setattr(secrets, "gspread_default_key_file", lambda: tmp_path / "no-gspread-key.json")
    gsheets.clear_metadata_cache()
    with FakeSheets() as fake:
        monkeypatch.setattr(gsheets_http, "sleep", fake.sleeps.append)
        monkeypatch.setenv(gsheets_http.API_ENV, fake.base_url)
        yield fake
    gsheets.clear_metadata_cache()
