"""Faults seen through the dashboard (AppTest on dashboard.py over the fake Google Sheet).

A good run, then the fault and a new run with an empty cache: no exception, a warning that says how
old the data is and why, the same figures as before; then the fault cleared: fresh figures.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree.ElementTree import ParseError

import pytest
import streamlit as st
from fakesheets import FakeSheets
from streamlit.testing.v1 import AppTest
from test_faults import ATTEMPTS, KEY, SOURCE, fast, tabs

from upr_sheets import sync
from upr_sheets.app import loader
from upr_sheets.core.settings import SOURCE_ENV

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
STORM = ATTEMPTS + 3


@pytest.fixture
def dashboard_on_fake_sheet(fake_sheets: FakeSheets, monkeypatch: pytest.MonkeyPatch,
                            tmp_path: Path) -> Iterator[FakeSheets]:
    """The dashboard reading the fake Sheet, with short timeouts, snapshots in tmp_path and an empty cache."""
    fake_sheets.add_spreadsheet(KEY, tabs())
    st.cache_data.clear()
    monkeypatch.setattr(loader, "get_settings", fast)
    monkeypatch.setattr(sync, "snapshot_dir", lambda settings: tmp_path / "snapshots")
    monkeypatch.setattr(sys, "argv", ["dashboard.py"])
    monkeypatch.setenv(SOURCE_ENV, SOURCE)
    yield fake_sheets
    st.cache_data.clear()


def run_app() -> AppTest:
    """One run of the dashboard with an empty data cache (as after the cache TTL)."""
    st.cache_data.clear()
    return AppTest.from_file(str(DASHBOARD), default_timeout=60).run()


def figures(at: AppTest) -> dict[str, str]:
    """Metric label → value as shown."""
    return {m.label: m.value for m in at.metric}


def age_snapshot(folder: Path, hours: int) -> None:
    """Make the saved snapshot look `hours` old."""
    sync.wait_for_snapshots()  # it is written off the request path (a server process's: wait for the file below)
    deadline = time.monotonic() + 10
    while not (paths := list(folder.glob("snapshot-*.json.gz"))) and time.monotonic() < deadline:
        time.sleep(0.05)
    [path] = paths
    payload = json.loads(gzip.decompress(path.read_bytes()))
    payload["fetched_at"] = (datetime.now(UTC) - timedelta(hours=hours)).isoformat()
    path.write_bytes(gzip.compress(json.dumps(payload).encode()))


def shown_text(at: AppTest) -> str:
    """All text elements of the page, for checks that nothing technical leaks."""
    parts = [*at.markdown, *at.caption, *at.warning, *at.error, *at.info, *at.exception]
    return "\n".join(str(getattr(p, "value", p)) for p in parts)


def _rename(fake: FakeSheets) -> None:
    fake.rename_tab(KEY, "Recommendations", "Old recs")


def _rename_back(fake: FakeSheets) -> None:
    fake.rename_tab(KEY, "Old recs", "Recommendations")


def _no_header(fake: FakeSheets) -> None:
    fake.set_rows(KEY, "Recommendations", tabs()["Recommendations"][1:])


def _header_back(fake: FakeSheets) -> None:
    fake.set_rows(KEY, "Recommendations", tabs()["Recommendations"])


FAULTS: list[tuple[str, Callable[[FakeSheets], None], Callable[[FakeSheets], None], str]] = [
    ("429-storm", lambda f: f.fail_next(*[429] * STORM), lambda f: f.faults.clear(), "60 reads per minute"),
    ("503-storm", lambda f: f.fail_next(*[503] * STORM), lambda f: f.faults.clear(), "503"),
    ("hang", lambda f: f.hang_next(2.0), lambda f: f.faults.clear(), "did not answer"),
    ("truncated-json", lambda f: f.truncate_next(kind="batch_get"), lambda f: f.faults.clear(), "cut off"),
    ("renamed-tab", _rename, _rename_back, "Old recs"),
    ("deleted-header-row", _no_header, _header_back, "Row 1 must hold the headers"),
    ("unshared", lambda f: f.unshare(KEY), lambda f: f.unshared.discard(KEY), "403"),
]


@pytest.mark.parametrize("name,inject,clear,reason", FAULTS, ids=[f[0] for f in FAULTS])
def test_dashboard_serves_last_good_data_then_recovers(
        dashboard_on_fake_sheet: FakeSheets, tmp_path: Path, name: str, inject: Callable[[FakeSheets], None],
        clear: Callable[[FakeSheets], None], reason: str) -> None:
    """Good run → fault: warning with age and reason, same figures → fault cleared: fresh figures."""
    fake = dashboard_on_fake_sheet
    good = run_app()
    assert not good.exception and not [w for w in good.warning if "last good data" in w.value]
    before = figures(good)
    assert before["Recommendations"] == "12"

    age_snapshot(tmp_path / "snapshots", hours=3)
    inject(fake)
    served = run_app()
    assert not served.exception
    assert figures(served) == before
    [warning] = [w.value for w in served.warning if "last good data" in w.value]
    assert "3 h ago" in warning
    assert reason.replace(" ", "") in warning.replace("\\", "").replace(" ", "")
    assert "Traceback" not in shown_text(served)

    clear(fake)
    fake.set_rows(KEY, "Recommendations", [*tabs()["Recommendations"], ["121.1", 2, "A new one", "Peru", "Noted"]])
    fresh = run_app()
    assert not fresh.exception
    assert not [w for w in fresh.warning if "last good data" in w.value]
    assert figures(fresh)["Recommendations"] == "13"


# -- failures the sync does not expect (a bug, memory, a reader meeting a file it cannot parse) --------------

def _broken_reader(error: BaseException) -> Callable[..., object]:
    def read_source(*args: object, **kwargs: object) -> object:
        raise error
    return read_source


UNEXPECTED = [
    ("bug-in-a-reader", RuntimeError("a reader bug"), "read_source"),
    ("out-of-memory", MemoryError(), "read_source"),
    ("bug-in-the-checks", KeyError("status"), "_read_and_validate"),
    ("xml-parse-error", ParseError("not well-formed"), "read_source"),
]


@pytest.mark.parametrize("name,error,where", UNEXPECTED, ids=[u[0] for u in UNEXPECTED])
def test_any_failure_serves_the_last_good_data_and_logs_the_traceback(
        dashboard_on_fake_sheet: FakeSheets, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture, name: str, error: BaseException, where: str) -> None:
    """Not a SourceError: still the last good data with its age and a plain reason; the traceback in the log only."""
    good = run_app()
    before = figures(good)
    age_snapshot(tmp_path / "snapshots", hours=3)
    working = getattr(sync, where)
    monkeypatch.setattr(sync, where, _broken_reader(error))
    with caplog.at_level("ERROR", logger="upr_sheets.app.loader"):
        served = run_app()
    assert not served.exception
    assert figures(served) == before
    [warning] = [w.value for w in served.warning if "last good data" in w.value]
    assert "3 h ago" in warning and "unexpected problem" in warning and "server log" in warning
    assert "Traceback" not in shown_text(served) and type(error).__name__ not in shown_text(served)
    [record] = [r for r in caplog.records if r.exc_info]
    assert record.exc_info[0] is type(error)
    assert "Traceback" in caplog.text

    monkeypatch.setattr(sync, where, working)  # mended
    fresh = run_app()
    assert not [w for w in fresh.warning if "last good data" in w.value]


def test_an_unexpected_failure_without_last_good_data_is_a_plain_error_page(
        dashboard_on_fake_sheet: FakeSheets, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing to fall back on: the error page says so in plain words, no traceback, a Try again button."""
    monkeypatch.setattr(sync, "read_source", _broken_reader(RuntimeError("a reader bug")))
    at = run_app()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "unexpected problem" in error and "RuntimeError" not in error and "Traceback" not in error
    assert [b.label for b in at.button] == ["Try again"]
