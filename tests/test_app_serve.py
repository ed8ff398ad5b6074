"""The server's start (upr_sheets.app.serve): the source read in a thread is what the first visit shows, a read that
failed or is older than the cache's TTL is read again, and the warm-up draws the Overview's charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_support import open_page

from upr_sheets.app import context, loader, serve
from upr_sheets.core.settings import DEMO_WORKBOOK, load_settings

pytestmark = pytest.mark.usefixtures("fresh_app")


def test_the_first_visit_shows_the_source_read_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPR_MONITOR_SOURCE", str(DEMO_WORKBOOK))
    early = loader.load_early(str(DEMO_WORKBOOK), load_settings())
    at = open_page("overview")
    state = at.session_state[context.STATE_KEY]
    assert state.result is early.result()  # that very load, not a second read
    assert str(DEMO_WORKBOOK) not in loader._early  # taken once
    again = loader.load_early(str(DEMO_WORKBOOK), load_settings())
    assert open_page("overview").session_state[context.STATE_KEY].result is not again.result()  # cached already
    loader._early.clear()


def test_a_failed_read_at_start_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "later.xlsx"
    monkeypatch.setenv("UPR_MONITOR_SOURCE", str(missing))
    loader.load_early(str(missing), load_settings()).exception()
    missing.write_bytes(DEMO_WORKBOOK.read_bytes())  # the file is there by the first visit
    at = open_page("overview")
    assert at.session_state[context.STATE_KEY].result.dataset.tabs["recommendations"].rows > 0


def test_a_read_older_than_the_ttl_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPR_MONITOR_SOURCE", str(DEMO_WORKBOOK))
    early = loader.load_early(str(DEMO_WORKBOOK), load_settings())
    early.result()
    began, future = loader._early[str(DEMO_WORKBOOK)]
    loader._early[str(DEMO_WORKBOOK)] = (began - 10 * load_settings().sync.cache_ttl_seconds, future)
    assert open_page("overview").session_state[context.STATE_KEY].result is not early.result()
    assert not loader._early


def test_read_early_takes_the_source_after_the_double_dash(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(DEMO_WORKBOOK.read_bytes())
    serve.read_early(["--server.port", "1", "--", "--source", str(book)])
    assert loader._early.pop(str(book))[1].result().dataset.tabs["recommendations"].rows > 0


def test_warm_up_draws_the_charts() -> None:
    assert serve.warm() > 0


def test_a_status_line_only_when_the_source_may_be_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page run served from the shared cache draws no "Loading…" line: the browser has less to draw per run."""
    source, ttl = str(DEMO_WORKBOOK), load_settings().sync.cache_ttl_seconds
    monkeypatch.setenv("UPR_MONITOR_SOURCE", source)
    assert loader.needs_reading(source, ttl)  # never read in this process
    open_page("overview")
    assert not loader.needs_reading(source, ttl)  # read just now: the next runs are served from the cache
    assert loader.needs_reading(source, ttl, now=loader._read_at[source] + ttl + 1)  # the cache has expired
    assert loader.needs_reading("/elsewhere.xlsx", ttl)
    loader.refresh()
    assert loader.needs_reading(source, ttl)  # Refresh reads again, with its status line
    early = loader.load_early(source, load_settings())
    early.result()
    assert not loader.needs_reading(source, ttl)  # read as the server started: taking it is instant
    loader._early.clear()
    assert loader.needs_reading(source, ttl)
