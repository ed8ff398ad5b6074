"""Sync: read + validate, keep the last good snapshot on disk, serve it when the sheet fails.

The snapshot holds the raw cells exactly as read (gzip JSON), so it is re-validated with the
current contract and settings when served: nothing is lost across upgrades of the app. Every Dataset
returned here carries the source's display name (`Dataset.source_label`) for the outputs to show.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from upr_sheets.checks.validate import validate
from upr_sheets.core import i18n
from upr_sheets.core.errors import MissingTab, SourceError
from upr_sheets.core.model import Dataset
from upr_sheets.core.perf import no_gc
from upr_sheets.core.raw import RawTable, RawWorkbook
from upr_sheets.core.settings import PROJECT_ROOT, Settings
from upr_sheets.sources import describe_source, forget_cached, read_source

Progress = Callable[[str], None]
_LOG_LIMIT = 1_000_000  # bytes of sync log kept before it is rotated


@dataclass
class LoadResult:
    """A dataset and how fresh it is."""

    dataset: Dataset
    source: str
    fetched_at: datetime  # when the data shown was read from the source
    stale: bool = False  # True when the source failed and the last good snapshot is served
    error: str | None = None  # why the source could not be read (when stale)

    def age_seconds(self, now: datetime | None = None) -> float:
        """Seconds since the data shown was read."""
        return ((now or datetime.now(UTC)) - self.fetched_at).total_seconds()


def snapshot_dir(settings: Settings) -> Path:
    """The snapshot folder (relative paths are relative to the project root)."""
    path = Path(settings.sync.snapshot_dir).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def _snapshot_path(folder: Path, source: str) -> Path:
    digest = hashlib.sha256(source.encode()).hexdigest()[:16]
    return folder / f"snapshot-{digest}.json.gz"


def _encode(cell: object) -> object:
    """JSON for the cells json cannot write itself (json.dumps calls this only for those: dates)."""
    if isinstance(cell, datetime):
        return {"$datetime": cell.isoformat()}
    if isinstance(cell, date):
        return {"$date": cell.isoformat()}
    raise TypeError(f"a {type(cell).__name__} cell cannot be saved in a snapshot")


def _decode(cell: object) -> object:
    if isinstance(cell, dict):
        if "$datetime" in cell:
            return datetime.fromisoformat(cell["$datetime"])
        if "$date" in cell:
            return date.fromisoformat(cell["$date"])
    return cell


def write_snapshot(raw: RawWorkbook, folder: Path) -> Path:
    """Save the raw workbook atomically (a crash mid-write never leaves a broken snapshot)."""
    folder.mkdir(parents=True, exist_ok=True)
    payload = {
        "source": raw.source, "kind": raw.kind, "url": raw.url, "requests": raw.requests,
        "fetched_at": raw.fetched_at.isoformat(),
        "tables": [{"title": t.title, "sheet_id": t.sheet_id, "rows": t.rows}
                   for t in raw.tables.values()],
    }
    path = _snapshot_path(folder, raw.source)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=1) as gz:
            gz.write(json.dumps(payload, ensure_ascii=False, default=_encode).encode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_snapshot(source: str, folder: Path) -> RawWorkbook | None:
    """The last good raw workbook of this source, or None when there is none (or it is unreadable)."""
    path = _snapshot_path(folder, source)
    try:
        payload = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, EOFError, ValueError):
        return None
    tables = {t["title"]: RawTable(t["title"], [[_decode(c) for c in r] for r in t["rows"]], t.get("sheet_id"))
              for t in payload["tables"]}
    return RawWorkbook(payload["source"], tables, payload["kind"], payload.get("url"), payload.get("requests", 0),
                       datetime.fromisoformat(payload["fetched_at"]))


def _log(folder: Path, entry: dict) -> None:
    """Append one line to the sync log (when, source, requests, rows, outcome)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "sync-log.jsonl"
        if path.exists() and path.stat().st_size > _LOG_LIMIT:
            os.replace(path, folder / "sync-log.1.jsonl")
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
    except OSError:
        pass  # the log is a convenience; never fail a load because of it


def source_label(source: str) -> str:
    """The source's display name for outputs, in English (they translate it where they show it)."""
    with i18n.use(i18n.SOURCE_LANGUAGE):
        return describe_source(source)


def _labelled(dataset: Dataset, source: str) -> Dataset:
    dataset.source_label = source_label(source)
    return dataset


def read(source: str, settings: Settings) -> Dataset:
    """Read and validate the source once, without snapshot or retry (the command line's load)."""
    return _labelled(validate(read_source(source, settings), settings), source)


def _read_and_validate(source: str, settings: Settings, say: Progress) -> tuple[RawWorkbook, Dataset]:
    """One read of the source (parsing its cells with the collector paused) and its validation."""
    with no_gc():
        raw = read_source(source, settings)
    rows = sum(max(len(t.rows) - 1, 0) for t in raw.tables.values())
    say(f"Validating {rows:,} rows from {len(raw.tables)} tabs…")
    return raw, _labelled(validate(raw, settings), source)


def load(source: str, settings: Settings, progress: Progress | None = None,
         folder: Path | None = None) -> LoadResult:
    """Read and validate the source; on a source failure serve the last good snapshot (or raise)."""
    say = progress or (lambda _msg: None)
    folder = folder or snapshot_dir(settings)
    name = describe_source(source)
    say(f"Reading {name}…")
    try:
        try:
            raw, dataset = _read_and_validate(source, settings, say)
        except MissingTab:
            if not forget_cached(source):
                raise
            raw, dataset = _read_and_validate(source, settings, say)  # the cached tab list was out of date
    except SourceError as exc:
        _log(folder, {"at": datetime.now(UTC), "source": name, "ok": False, "error": str(exc)})
        served = last_good(source, settings, str(exc), folder)
        if served is None:
            raise
        say("The sheet could not be read; showing the last good data…")
        return served
    try:
        write_snapshot(raw, folder)
    except OSError as exc:
        say(f"Could not save the snapshot ({exc.strerror}).")
    _log(folder, {"at": raw.fetched_at, "source": name, "ok": True, "requests": raw.requests,
                  "rows": dataset.tabs["recommendations"].rows, "issues": len(dataset.issues)})
    return LoadResult(dataset, source, raw.fetched_at)


def last_good(source: str, settings: Settings, error: str, folder: Path | None = None) -> LoadResult | None:
    """The last good snapshot of the source, validated again and marked stale with `error` as the reason (None
    when there is none): what is served whenever a read fails."""
    raw = read_snapshot(source, folder or snapshot_dir(settings))
    if raw is None:
        return None
    return LoadResult(_labelled(validate(raw, settings), source), source, raw.fetched_at, stale=True, error=error)
