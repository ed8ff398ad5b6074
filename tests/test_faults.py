"""Faults at the sync level: the last good data is served with an honest reason, then recovery.

Each case loads a good sheet, breaks it (through the fake Sheets API or the file sources), loads
again and expects the last good snapshot with `stale=True` and a plain-language error, then clears
the fault, adds a row, and expects the very next load to be fresh and to include the new row.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd
import pytest
from builders import default_settings, write_csv_folder, write_xlsx
from fakesheets import FakeSheets
from openpyxl import Workbook

from upr_sheets.core.settings import Settings
from upr_sheets.sources import gsheets
from upr_sheets.sync import LoadResult, load

KEY = "1FaultInjectionSheet_abcdefghijklmnopqrstuvwx"
SOURCE = f"gsheet:{KEY}"
REC_HEADER = ["ID", "Cycle", "Recommendation", "Recommending States", "Response", "Status", "Last Assessed"]
ASSESS_HEADER = ["Date", "Cycle", "Recommendation ID", "Status"]
# What must never reach a banner: a traceback, a Python exception class, a key.
NOT_FOR_USERS = re.compile(r"Traceback|File \"|\b\w*(?:Error|Exception|Timeout)\b|\bErrno\b|"
                           r"\b(?:requests|gspread|urllib3|google|builtins)\.\w|"
                           r"PRIVATE KEY|private_key|Bearer|access_token|<[a-z]+ object at 0x")


ATTEMPTS = 4  # [sync] max_attempts of fast()


def with_sync(**changes: Any) -> Settings:
    """The project settings with some [sync] values changed."""
    settings = default_settings()
    return settings.model_copy(update={"sync": settings.sync.model_copy(update=changes)})


@cache
def fast() -> Settings:
    """The project settings with a short timeout and few attempts, so that a fault is met quickly."""
    return with_sync(request_timeout_seconds=0.5, max_attempts=ATTEMPTS, max_total_wait_seconds=15)


def rec_row(i: int) -> list[Any]:
    """A valid Recommendations row; ids keep trailing and leading zeros (118.10, 007)."""
    rid = ["118.10", "007", "118.1"][i] if i < 3 else f"120.{i}"
    return [rid, 2, f"Recommendation {i}", "France; Kenya", ["Accepted", "Noted", "supported"][i % 3],
            ["Not implemented", "in progress", ""][i % 3], "2024-05-31" if i % 2 else None]


def tabs(n: int = 12) -> dict[str, list[list[Any]]]:
    """A small valid workbook: n recommendations and one assessment of each of the first three."""
    return {
        "Recommendations": [REC_HEADER, *[rec_row(i) for i in range(n)]],
        "Assessments": [ASSESS_HEADER, *[["2024-06-01", 2, rec_row(i)[0], rec_row(i)[5] or "No information"]
                                         for i in range(3)]],
        "Lists": [["Themes"], ["Torture"]],
    }


def ids(result: LoadResult) -> list[tuple[int, str]]:
    """(cycle, id) of every valid recommendation, in sheet order."""
    frame = result.dataset.recommendations
    return list(zip(frame["cycle"].astype(int), frame["id"], strict=True))


def assert_plain(error: str | None) -> None:
    """A message for people: present, and free of tracebacks, exception classes and secrets."""
    assert error and error.strip()
    assert not NOT_FOR_USERS.search(error), error


def assert_served(served: LoadResult, good: LoadResult) -> None:
    """The last good data, marked stale, with its original read time."""
    assert served.stale
    assert_plain(served.error)
    assert served.fetched_at == good.fetched_at
    assert ids(served) == ids(good)
    pd.testing.assert_frame_equal(served.dataset.recommendations, good.dataset.recommendations)
    pd.testing.assert_frame_equal(served.dataset.assessments, good.dataset.assessments)
    assert served.dataset.quarantined_rows == good.dataset.quarantined_rows


# -- the Google Sheet (real gspread against FakeSheets) ---------------------------------------------

@dataclass(frozen=True)
class SheetFault:
    """How to break the fake sheet, how to mend it, and what the load should have met."""

    name: str
    inject: Callable[[FakeSheets], None]
    clear: Callable[[FakeSheets], None]
    requests: int | None = None  # HTTP requests the failing load made (None: not checked)
    sleeps: int = 0  # back-off waits recorded


def _unshare(fake: FakeSheets) -> None:
    fake.unshare(KEY)


def _reshare(fake: FakeSheets) -> None:
    fake.unshared.discard(KEY)


def _drop_faults(fake: FakeSheets) -> None:
    fake.faults.clear()


def _restore_recommendations(fake: FakeSheets) -> None:
    titles = [tab.title for tab in fake.books[KEY].tabs]
    if "Recommendations" not in titles:
        fake.add_tab(KEY, "Recommendations", tabs()["Recommendations"])
    fake.set_rows(KEY, "Recommendations", tabs()["Recommendations"])


def _rename_back(fake: FakeSheets) -> None:
    fake.rename_tab(KEY, "Recs 2024 (old)", "Recommendations")


def _delete_header(fake: FakeSheets) -> None:
    fake.set_rows(KEY, "Recommendations", tabs()["Recommendations"][1:])


STORM = ATTEMPTS + 3
SHEET_FAULTS = [
    SheetFault("429-storm", lambda f: f.fail_next(*[429] * STORM), _drop_faults, ATTEMPTS, ATTEMPTS - 1),
    SheetFault("429-storm-retry-after", lambda f: f.fail_next(*[429] * STORM, retry_after="3"), _drop_faults,
               ATTEMPTS, ATTEMPTS - 1),
    SheetFault("500", lambda f: f.fail_next(*[500] * STORM), _drop_faults, ATTEMPTS, ATTEMPTS - 1),
    SheetFault("503", lambda f: f.fail_next(*[503] * STORM), _drop_faults, ATTEMPTS, ATTEMPTS - 1),
    SheetFault("5xx-mixed", lambda f: f.fail_next(500, 503, 502, 504, 500, 503), _drop_faults,
               ATTEMPTS, ATTEMPTS - 1),
    SheetFault("hang", lambda f: f.hang_next(2.0), _drop_faults, 1),
    SheetFault("truncated-json", lambda f: f.truncate_next(kind="batch_get"), _drop_faults, 1),
    SheetFault("renamed-tab", lambda f: f.rename_tab(KEY, "Recommendations", "Recs 2024 (old)"), _rename_back, 5),
    SheetFault("deleted-tab", lambda f: f.delete_tab(KEY, "Recommendations"), _restore_recommendations, 5),
    SheetFault("deleted-header-row", _delete_header, _restore_recommendations, 1),
    SheetFault("unshared", _unshare, _reshare, 1),
]


@pytest.fixture
def sheet(fake_sheets: FakeSheets) -> FakeSheets:
    """The fake serving the small good workbook."""
    fake_sheets.add_spreadsheet(KEY, tabs())
    return fake_sheets


def _add_row(fake: FakeSheets) -> None:
    fake.set_rows(KEY, "Recommendations", [*tabs()["Recommendations"], ["121.1", 2, "A new one", "Peru", "Noted"]])


@pytest.mark.parametrize("fault", SHEET_FAULTS, ids=lambda f: f.name)
def test_sheet_fault_serves_last_good_data_then_recovers(sheet: FakeSheets, tmp_path: Path,
                                                         fault: SheetFault) -> None:
    """Good load → fault → last good data, stale, plain reason → fault cleared → fresh with the new row."""
    folder = tmp_path / "snapshots"
    good = load(SOURCE, fast(), folder=folder)
    assert not good.stale and good.error is None
    assert ids(good)[:3] == [(2, "118.10"), (2, "007"), (2, "118.1")] and len(ids(good)) == 12

    fault.inject(sheet)
    sheet.reset_counts()
    served = load(SOURCE, fast(), folder=folder)
    assert_served(served, good)
    if fault.requests is not None:
        assert sum(sheet.counts.values()) == fault.requests
    assert len(sheet.sleeps) == fault.sleeps
    assert sum(sheet.sleeps) <= fast().sync.max_total_wait_seconds

    fault.clear(sheet)
    _add_row(sheet)
    fresh = load(SOURCE, fast(), folder=folder)
    assert not fresh.stale and fresh.error is None
    assert ids(fresh) == [*ids(good), (2, "121.1")]
    assert fresh.fetched_at > good.fetched_at

    log = (folder / "sync-log.jsonl").read_text(encoding="utf-8")
    assert [line.count('"ok": true') for line in log.splitlines()] == [1, 0, 1]


@pytest.mark.parametrize("status", [429, 500, 503])
def test_storm_before_the_tab_list_is_cached(sheet: FakeSheets, tmp_path: Path, status: int) -> None:
    """A fresh process (no cached tab list) meeting a storm on its metadata request is served the snapshot too."""
    folder = tmp_path / "snapshots"
    good = load(SOURCE, fast(), folder=folder)
    gsheets.clear_metadata_cache()
    sheet.reset_counts()
    sheet.fail_next(*[status] * STORM)
    served = load(SOURCE, fast(), folder=folder)
    assert_served(served, good)
    assert dict(sheet.counts) == {"metadata": fast().sync.max_attempts}
    sheet.faults.clear()
    assert not load(SOURCE, fast(), folder=folder).stale


@pytest.mark.parametrize("statuses", [(429,), (429, 429), (503, 500, 429)], ids=str)
def test_short_burst_is_absorbed_by_the_retry(sheet: FakeSheets, tmp_path: Path, statuses: tuple[int, ...]) -> None:
    """Fewer failures than max_attempts: the same refresh succeeds, fresh, with the waits recorded."""
    folder = tmp_path / "snapshots"
    load(SOURCE, fast(), folder=folder)
    sheet.fail_next(*statuses)
    _add_row(sheet)
    result = load(SOURCE, fast(), folder=folder)
    assert not result.stale and ids(result)[-1] == (2, "121.1")
    assert len(sheet.sleeps) == len(statuses)


def test_server_unreachable_then_back(sheet: FakeSheets, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Connections refused (the API is down): retried, then the last good data; back up: fresh."""
    from upr_sheets.sources import gsheets_http

    folder = tmp_path / "snapshots"
    good = load(SOURCE, fast(), folder=folder)
    sheet.stop()
    served = load(SOURCE, fast(), folder=folder)
    assert_served(served, good)
    assert len(sheet.sleeps) == fast().sync.max_attempts - 1
    sheet.start()
    monkeypatch.setenv(gsheets_http.API_ENV, sheet.base_url)
    _add_row(sheet)
    fresh = load(SOURCE, fast(), folder=folder)
    assert not fresh.stale and ids(fresh)[-1] == (2, "121.1")


def test_unshared_with_no_snapshot_raises_a_plain_source_error(sheet: FakeSheets, tmp_path: Path) -> None:
    """No last good data yet: the error itself reaches the caller (the app shows it without a traceback)."""
    from upr_sheets.core.errors import SourcePermissionDenied

    sheet.unshare(KEY)
    with pytest.raises(SourcePermissionDenied) as caught:
        load(SOURCE, fast(), folder=tmp_path / "snapshots")
    assert_plain(str(caught.value))


def test_renamed_optional_tab_keeps_loading_fresh(sheet: FakeSheets, tmp_path: Path) -> None:
    """Renaming an optional tab is not a fault: the load is fresh, Recommendations intact."""
    folder = tmp_path / "snapshots"
    good = load(SOURCE, fast(), folder=folder)
    sheet.rename_tab(KEY, "Assessments", "Old assessments")
    result = load(SOURCE, fast(), folder=folder)
    assert not result.stale and ids(result) == ids(good)
    assert not result.dataset.tabs["assessments"].present and result.dataset.assessments.empty


def test_blank_rows_in_the_sheet(sheet: FakeSheets, tmp_path: Path, settings: Settings) -> None:
    """100,000 empty rows between records: every record kept at its own sheet row, nothing quarantined."""
    rows = tabs()["Recommendations"]
    sheet.set_rows(KEY, "Recommendations", [*rows, *[[] for _ in range(100_000)], ["130.1", 2, "After", "", "Noted"]])
    sheet.tab(KEY, "Recommendations").row_count = len(rows) + 100_001
    result = load(SOURCE, settings, folder=tmp_path / "snapshots")
    assert not result.stale and result.dataset.quarantined_rows == 0
    frame = result.dataset.recommendations
    assert len(frame) == 13 and frame["row"].iloc[-1] == len(rows) + 100_001


def test_5mb_cell_in_the_sheet(sheet: FakeSheets, tmp_path: Path) -> None:
    """A 5 MB Evidence cell arrives and is kept whole, also in the snapshot served afterwards."""
    big = "evidence " * 600_000
    rows = tabs()["Recommendations"]
    sheet.set_rows(KEY, "Recommendations", [[*rows[0], "Evidence"], [*rows[1], big], *rows[2:]])
    folder = tmp_path / "snapshots"
    good = load(SOURCE, fast(), folder=folder)
    assert not good.stale and good.dataset.recommendations.at[0, "evidence"] == big.strip()
    sheet.unshare(KEY)
    served = load(SOURCE, fast(), folder=folder)
    assert served.stale and served.dataset.recommendations.at[0, "evidence"] == big.strip()


# -- file sources ----------------------------------------------------------------------------------

def _xlsx_with_blank_rows(path: Path, blank: int) -> Path:
    """A workbook whose Recommendations tab has `blank` formatted but empty rows before a last record."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Recommendations"
    for row in tabs()["Recommendations"]:
        sheet.append(row)
    first = sheet.max_row + 1
    for r in range(first, first + blank):
        sheet.cell(row=r, column=1).number_format = "@"  # styled, valueless: what 'format whole column' leaves
        sheet.cell(row=r, column=3).value = "   " if r % 1000 == 0 else None  # and the odd space-only cell
    sheet.append(["130.1", 2, "After the blank rows", "", "Noted"])
    book.save(path)
    return path


def _csv_with_blank_rows(folder: Path, blank: int) -> Path:
    write_csv_folder(folder, tabs())
    with (folder / "Recommendations.csv").open("a", encoding="utf-8", newline="") as fh:
        fh.write(",,,,,,\r\n" * blank)
        fh.write("130.1,2,After the blank rows,,Noted,,\r\n")
    return folder


@pytest.mark.parametrize("make", [_xlsx_with_blank_rows, _csv_with_blank_rows], ids=["xlsx", "csv"])
def test_100k_blank_rows_load_without_quarantine(tmp_path: Path, make: Callable[[Path, int], Path],
                                                  settings: Settings) -> None:
    """100,000 blank rows: skipped silently, the record after them kept at its real row number."""
    source = make(tmp_path / ("book.xlsx" if make is _xlsx_with_blank_rows else "csv"), 100_000)
    result = load(str(source), settings, folder=tmp_path / "snapshots")
    assert not result.stale and result.dataset.quarantined_rows == 0 and result.dataset.issues == []
    frame = result.dataset.recommendations
    assert len(frame) == 13 and frame["row"].iloc[-1] == 12 + 100_000 + 2
    assert frame["id"].iloc[-1] == "130.1"


def _big_xlsx(path: Path, big: str) -> Path:
    """An .xlsx with the big cell (openpyxl cuts cells at Excel's 32,767 characters, so it is put in afterwards)."""
    rows = tabs()["Recommendations"]
    marker = "BIG-CELL-MARKER"
    written = write_xlsx(path.with_suffix(".tmp.xlsx"), {"Recommendations": [[*rows[0], "Evidence"],
                                                                            [*rows[1], marker], *rows[2:]]})
    with zipfile.ZipFile(written) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if marker.encode() in data:
                data = data.replace(f">{marker}<".encode(), f' xml:space="preserve">{escape(big)}<'.encode())
                data = data.replace(b'<t xml:space="preserve" xml:space="preserve">', b'<t xml:space="preserve">')
            dst.writestr(item, data)
    written.unlink()
    return path


def _big_csv(folder: Path, big: str) -> Path:
    rows = tabs()["Recommendations"]
    return write_csv_folder(folder, {"Recommendations": [[*rows[0], "Evidence"], [*rows[1], big], *rows[2:]]})


@pytest.mark.parametrize("make", [_big_xlsx, _big_csv], ids=["xlsx", "csv"])
def test_a_full_cell_is_kept_intact_and_a_5mb_cell_refused(tmp_path: Path, make: Callable[[Path, str], Path],
                                                           settings: Settings) -> None:
    """A cell of 50,000 characters, the most one may hold (with newlines, quotes and non-ASCII), loads whole and
    survives the snapshot; the file with a 5 MB cell instead is refused unread, and the snapshot is served."""
    text = "Rapport « complet », \"cité\"\n" * 200_000
    full = text[:settings.reading.max_cell_characters]
    source = make(tmp_path / ("book.xlsx" if make is _big_xlsx else "csv"), full)
    folder = tmp_path / "snapshots"
    good = load(str(source), settings, folder=folder)
    assert not good.stale and good.dataset.quarantined_rows == 0
    assert good.dataset.recommendations.at[0, "evidence"] == full.strip()
    assert len(good.dataset.recommendations) == 12
    shutil.rmtree(source) if source.is_dir() else source.unlink()
    make(source, text[:5_000_000])
    served = load(str(source), settings, folder=folder)
    assert_served(served, good)
    assert "50,000" in served.error and served.dataset.recommendations.at[0, "evidence"] == full.strip()


def _remove_recommendations_csv(folder: Path) -> None:
    (folder / "Recommendations.csv").unlink()


def _remove_folder(folder: Path) -> None:
    shutil.rmtree(folder)


def _empty_the_csv(folder: Path) -> None:
    (folder / "Recommendations.csv").write_bytes(b"")


def _truncate_the_csv(folder: Path) -> None:
    path = folder / "Recommendations.csv"
    path.write_bytes(path.read_bytes()[:25])  # cut inside the header row


@pytest.mark.parametrize("break_it", [_remove_recommendations_csv, _remove_folder, _empty_the_csv,
                                      _truncate_the_csv], ids=lambda f: f.__name__.strip("_"))
def test_csv_that_disappears(tmp_path: Path, break_it: Callable[[Path], None], settings: Settings) -> None:
    """A CSV removed, emptied or cut short under a running app: last good data, then recovery."""
    folder = write_csv_folder(tmp_path / "csv", tabs())
    snapshots = tmp_path / "snapshots"
    good = load(str(folder), settings, folder=snapshots)
    assert not good.stale and len(ids(good)) == 12

    break_it(folder)
    served = load(str(folder), settings, folder=snapshots)
    assert_served(served, good)

    more = tabs(13)
    write_csv_folder(folder, more)
    fresh = load(str(folder), settings, folder=snapshots)
    assert not fresh.stale and len(ids(fresh)) == 13
