"""Refreshing a Google Sheet: an unchanged answer is not parsed, validated or saved again; snapshots hold the answer.

Real gspread against the local fake Sheets API (conftest's `fake_sheets`); the snapshot folder is tmp_path.
"""

from __future__ import annotations

import gc
import gzip
import json
import os
import weakref
from pathlib import Path

import pytest
from builders import default_settings
from fakesheets import FakeSheets

from upr_sheets import sync
from upr_sheets.core.perf import FREEZE_AT, no_gc
from upr_sheets.core.settings import Settings
from upr_sheets.sync import load, read_snapshot, wait_for_snapshots

KEY = "1RefreshUnchangedSheet_abcdefghijklmnopqrstu"
SOURCE = f"gsheet:{KEY}"
HEADER = ["ID", "Cycle", "Recommendation", "Response", "Status"]
ASSESS = ["Date", "Cycle", "Recommendation ID", "Status"]
TABS = {
    "Recommendations": [HEADER, ["118.10", 2, "Ratify OP-CAT", "Accepted", "Not implemented"],
                        ["118.1", 2, "Abolish the death penalty", "Noted", ""]],
    "Assessments": [ASSESS, ["2024-05-31", 2, "118.10", "Fully implemented"]],  # disagrees: one warning
}


@pytest.fixture
def sheet(fake_sheets: FakeSheets) -> FakeSheets:
    fake_sheets.add_spreadsheet(KEY, TABS)
    return fake_sheets


@pytest.fixture
def settings() -> Settings:
    """One settings object for every load of a test, as the app's get_settings() gives."""
    return default_settings()


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts sync's calls of validate (the real one still runs)."""
    calls: list[int] = []
    real = sync.validate

    def counting(raw, settings):
        calls.append(1)
        return real(raw, settings)

    monkeypatch.setattr(sync, "validate", counting)
    return calls


def snapshot(folder: Path) -> Path:
    wait_for_snapshots()
    [path] = folder.glob("snapshot-*.json.gz")
    return path


def log(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "sync-log.jsonl").read_text().splitlines()]


def test_unchanged_sheet_is_not_parsed_validated_or_saved_again(sheet: FakeSheets, tmp_path: Path,
                                                                 settings: Settings, validations: list[int]) -> None:
    folder = tmp_path / "snapshots"
    first = load(SOURCE, settings, folder=folder)
    os.utime(snapshot(folder), ns=(1, 1))  # any write would change this
    sheet.reset_counts()

    again = load(SOURCE, settings, folder=folder)
    assert validations == [1]  # the second load did not validate
    assert dict(sheet.counts) == {"batch_get": 1}  # but it did ask the sheet
    assert again.dataset.recommendations is first.dataset.recommendations  # the held frames, not a new parse
    assert again.dataset.issues == first.dataset.issues and len(again.dataset.issues) == 1
    assert again.fetched_at > first.fetched_at and again.dataset.fetched_at == again.fetched_at
    assert first.dataset.fetched_at == first.fetched_at  # the held dataset itself is not changed
    assert snapshot(folder).stat().st_mtime_ns == 1
    assert [entry.get("unchanged", False) for entry in log(folder)] == [False, True]


def test_a_changed_cell_is_read_validated_and_saved(sheet: FakeSheets, tmp_path: Path, settings: Settings,
                                                    validations: list[int]) -> None:
    folder = tmp_path / "snapshots"
    load(SOURCE, settings, folder=folder)
    sheet.set_rows(KEY, "Recommendations", [*TABS["Recommendations"], ["118.2", 2, "Free the press", "Accepted"]])
    changed = load(SOURCE, settings, folder=folder)
    assert validations == [1, 1]
    assert list(changed.dataset.recommendations["id"]) == ["118.10", "118.1", "118.2"]
    back = read_snapshot(SOURCE, folder)
    assert back is not None and back.tables["Recommendations"].rows[-1] == ["118.2", 2, "Free the press", "Accepted"]


def test_other_settings_or_a_lost_snapshot_mean_a_full_load(sheet: FakeSheets, tmp_path: Path, settings: Settings,
                                                            validations: list[int]) -> None:
    folder = tmp_path / "snapshots"
    load(SOURCE, settings, folder=folder)
    other = settings.model_copy(update={"sync": settings.sync.model_copy(update={"cache_ttl_seconds": 1})})
    load(SOURCE, other, folder=folder)  # validation depends on the settings
    assert validations == [1, 1]
    snapshot(folder).unlink()
    load(SOURCE, other, folder=folder)  # the snapshot must be written again
    assert validations == [1, 1, 1]
    assert read_snapshot(SOURCE, folder) is not None


def test_snapshot_is_the_answer_as_received_and_serves_the_same_data(sheet: FakeSheets, tmp_path: Path,
                                                                     settings: Settings) -> None:
    folder = tmp_path / "snapshots"
    good = load(SOURCE, settings, folder=folder)
    payload = gzip.decompress(snapshot(folder).read_bytes())
    assert b'"batchGet": {"spreadsheetId":' in payload  # the compact answer, inserted unchanged
    ids = [[tab.title, tab.sheet_id] for tab in sheet.books[KEY].tabs]
    assert json.loads(payload)["tabs"] == ids and [t for t, _ in ids] == ["Recommendations", "Assessments"]
    sheet.unshare(KEY)
    served = load(SOURCE, settings, folder=folder)
    assert served.stale and served.fetched_at == good.fetched_at
    assert served.dataset.recommendations.equals(good.dataset.recommendations)
    assert [i.as_dict() for i in served.dataset.issues] == [i.as_dict() for i in good.dataset.issues]


def test_google_is_asked_for_compact_json(sheet: FakeSheets, tmp_path: Path, settings: Settings) -> None:
    load(SOURCE, settings, folder=tmp_path / "snapshots")
    queries = {hit.kind: hit.query for hit in sheet.hits}
    assert "prettyPrint=false" in queries["batch_get"] and "prettyPrint=false" in queries["metadata"]
    assert b"\n" not in gzip.decompress(snapshot(tmp_path / "snapshots").read_bytes())  # no indentation kept


def test_a_large_load_is_frozen_out_of_the_collector_and_still_freed() -> None:
    """no_gc(freeze=True) moves a large load's objects out of the collector; dropping them still frees them."""
    import pandas as pd

    before = gc.get_freeze_count()
    with no_gc(freeze=True):
        rows = [[str(i), i] for i in range(FREEZE_AT)]
        frame = pd.DataFrame({"row": [r[0] for r in rows]})
    assert gc.isenabled() and gc.get_freeze_count() >= before + FREEZE_AT
    alive = weakref.ref(frame)
    del frame, rows
    assert alive() is None  # reference counting freed it, frozen or not
    gc.unfreeze()


def test_a_small_load_is_not_frozen() -> None:
    before = gc.get_freeze_count()
    with no_gc(freeze=True):
        rows = [[str(i)] for i in range(100)]
    assert gc.get_freeze_count() == before and len(rows) == 100
