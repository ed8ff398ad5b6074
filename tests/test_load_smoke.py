"""A short run of benchmarks/load_viewers.py: a few protocol viewers against a real `streamlit run dashboard.py`.

It keeps the websocket/protobuf client working as Streamlit changes, and checks what the full
benchmark measures: no errors, every viewer served, and Sheets reads that follow the cache TTL, not
the number of viewers. About 30 s.
"""

from __future__ import annotations

import pytest

from benchmarks.load_viewers import Report, parse_args, run_load, summary

VIEWERS, DURATION, TTL = 5, 15, 5


@pytest.fixture(scope="module")
def report() -> Report:
    """One short load run shared by the checks below."""
    args = parse_args(["--viewers", str(VIEWERS), "--browsers", "0", "--duration", str(DURATION), "--ramp", "2",
                       "--interval", "4", "--ttl", str(TTL), "--recommendations", "300", "--timeout", "30"])
    return run_load(args)


def test_no_viewer_sees_an_error(report: Report) -> None:
    """No exception element, error alert, lost cached message, closed socket or timeout."""
    assert report.errors == []
    assert all(v.stale == 0 for v in report.viewers)


def test_every_viewer_is_served(report: Report) -> None:
    """Each viewer rendered its first page and switched page at least once."""
    assert len(report.viewers) == VIEWERS
    assert all(len(v.renders) >= 2 for v in report.viewers), [(v.name, len(v.renders)) for v in report.viewers]
    assert {page for v in report.viewers for page in v.by_page} >= {"overview", "themes"}


def test_sheets_reads_follow_the_ttl_not_the_viewers(report: Report) -> None:
    """One batchGet per TTL at most (plus the first), one metadata GET, whatever the number of renders."""
    figures = summary(report)
    assert report.requests["batch_get"] <= 1 + report.window / TTL, (report.requests, report.window)
    assert report.requests["batch_get"] >= 2, "the app did not take its TTL from $UPR_MONITOR_SETTINGS"
    assert report.requests["metadata"] <= 1 and report.requests["values_get"] == 0
    assert figures["renders"] > 2 * report.requests["batch_get"]
    assert figures["sync_fetches"] == report.requests["batch_get"]


def test_server_was_measured(report: Report) -> None:
    """CPU and memory samples were taken and make sense."""
    figures = summary(report)
    assert len(report.samples) >= DURATION
    assert figures["cpu_s"] > 0 and figures["rss_peak"] >= figures["rss_warm"] > 0
