"""Sync: the last good snapshot is served, with its age and the reason, when a load fails."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import REC_HEADER, rec, write_xlsx

from upr_sheets.core import i18n
from upr_sheets.core.errors import SourceNotFound
from upr_sheets.sync import load, read, read_snapshot, source_label, wait_for_snapshots

GOOD = {"Recommendations": [REC_HEADER, rec(id="118.1"), rec(id="118.10", last_assessed=datetime(2024, 1, 2))]}


@pytest.mark.parametrize("break_it,reason", [
    (lambda p: p.unlink(), "was not found"),
    (lambda p: p.write_bytes(b"garbage"), "could not be opened"),
    (lambda p: write_xlsx(p, {"Recommendations": [rec(id="1")]}), "no `ID`"),  # header row deleted
    (lambda p: write_xlsx(p, {"Recs2": [REC_HEADER, rec()]}), "Tabs found: Recs2"),  # tab renamed
])
def test_snapshot_served_when_source_breaks_then_recovery(tmp_path, break_it, reason, settings):
    book = write_xlsx(tmp_path / "book.xlsx", GOOD)
    snapshots = tmp_path / "snapshots"
    first = load(str(book), settings, folder=snapshots)
    assert not first.stale and list(first.dataset.recommendations["id"]) == ["118.1", "118.10"]

    break_it(book)
    served = load(str(book), settings, folder=snapshots)
    assert served.stale and reason in served.error
    assert served.fetched_at == first.fetched_at
    assert list(served.dataset.recommendations["id"]) == ["118.1", "118.10"]  # no valid row lost
    assert served.dataset.recommendations.at[1, "last_assessed"].year == 2024
    assert served.age_seconds(datetime.now(UTC)) >= 0

    write_xlsx(book, GOOD | {"Recommendations": [*GOOD["Recommendations"], rec(id="118.2")]})
    recovered = load(str(book), settings, folder=snapshots)
    assert not recovered.stale and len(recovered.dataset.recommendations) == 3


def test_no_snapshot_means_the_error_is_raised(tmp_path, settings):
    with pytest.raises(SourceNotFound):
        load(str(tmp_path / "nothing.xlsx"), settings, folder=tmp_path / "snapshots")


def test_progress_messages_and_sync_log(tmp_path, settings):
    book = write_xlsx(tmp_path / "book.xlsx", GOOD)
    messages: list[str] = []
    load(str(book), settings, progress=messages.append, folder=tmp_path / "s")
    assert messages[0].startswith("Reading") and "2 rows" in messages[1]
    log = (tmp_path / "s" / "sync-log.jsonl").read_text().splitlines()
    assert len(log) == 1 and '"ok": true' in log[0] and '"requests": 0' in log[0]


def test_every_dataset_served_names_its_source_in_english(tmp_path, settings):
    book = write_xlsx(tmp_path / "book.xlsx", GOOD)
    folder = tmp_path / "s"
    with i18n.use("km"):
        assert load(str(book), settings, folder=folder).dataset.source_label == "book.xlsx"
        book.unlink()
        served = load(str(book), settings, folder=folder)
        assert served.stale and served.dataset.source_label == "book.xlsx"
        assert source_label("demo") == "the bundled demo workbook"  # outputs translate it where they show it
    assert read(str(write_xlsx(tmp_path / "other.xlsx", GOOD)), settings).source_label == "other.xlsx"


def test_corrupt_snapshot_is_ignored(tmp_path, settings):
    folder = tmp_path / "s"
    book = write_xlsx(tmp_path / "book.xlsx", GOOD)
    load(str(book), settings, folder=folder)
    wait_for_snapshots()
    [snap] = folder.glob("snapshot-*.json.gz")
    snap.write_bytes(b"\x1f\x8b broken")
    assert read_snapshot(str(book), folder) is None


def test_snapshot_keeps_every_cell_type(tmp_path):
    """Text, numbers, booleans, empty cells, dates and date-times come back from the snapshot as they were read."""
    from datetime import date

    from upr_sheets.core.raw import RawTable, RawWorkbook
    from upr_sheets.sync import write_snapshot

    rows = [["ID", "Cycle", "Date", "At", "Flag", "Score"],
            ["118.10", 2, date(2024, 5, 31), datetime(2024, 5, 31, 9, 30), True, -1.5],
            ["007", "", None, "=HYPERLINK(\"x\")", False, 0]]
    fetched = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    raw = RawWorkbook("book.xlsx", {"Recommendations": RawTable("Recommendations", rows, 7)}, "xlsx", None, 1, fetched)
    write_snapshot(raw, tmp_path)
    back = read_snapshot("book.xlsx", tmp_path)
    assert back is not None and back.fetched_at == fetched
    assert back.tables["Recommendations"].rows == rows
    assert [type(c) for c in back.tables["Recommendations"].rows[1]] == [str, int, date, datetime, bool, float]
    assert back.tables["Recommendations"].sheet_id == 7
