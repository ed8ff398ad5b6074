"""Sync: read + validate, keep the last good snapshot on disk, serve it when the sheet fails.

The snapshot holds the raw cells exactly as read (gzip JSON; for a Google Sheet, its values:batchGet
answer as received), so it is re-validated with the current contract and settings when served: nothing
is lost across upgrades of the app. It is written by a thread of its own, off the request path. Every
Dataset returned here carries the source's display name (`Dataset.source_label`) for the outputs to show.

A refresh whose answer is the one already held (same digest, same settings) is not parsed, validated or
saved again: the held Dataset is served, marked as read now.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
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
_HELD = 4  # sources whose last Dataset is kept with its digest, to recognise an unchanged answer

# (source, snapshot folder) → (digest, settings, dataset) of the last load
_held: OrderedDict[tuple[str, Path], tuple[str, Settings, Dataset]] = OrderedDict()
_writers: dict[Path, threading.Thread] = {}  # snapshot path → the thread writing it
_lock = threading.Lock()


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


def _payload(raw: RawWorkbook) -> bytes:
    """The snapshot's JSON: the read's facts, then the tabs' cells (a Google Sheet's answer inserted as received)."""
    meta = {"source": raw.source, "kind": raw.kind, "url": raw.url, "requests": raw.requests,
            "fetched_at": raw.fetched_at.isoformat()}
    if raw.body:
        meta["tabs"] = [[t.title, t.sheet_id] for t in raw.tables.values()]
        return json.dumps(meta, ensure_ascii=False).encode()[:-1] + b', "batchGet": ' + raw.body + b"}"
    meta["tables"] = [{"title": t.title, "sheet_id": t.sheet_id, "rows": t.rows} for t in raw.tables.values()]
    return json.dumps(meta, ensure_ascii=False, default=_encode).encode()


def write_snapshot(raw: RawWorkbook, folder: Path) -> Path:
    """Save the raw workbook atomically (a crash mid-write never leaves a broken snapshot)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = _snapshot_path(folder, raw.source)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=1) as gz:
            gz.write(_payload(raw))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def save_snapshot_later(raw: RawWorkbook, folder: Path) -> threading.Thread:
    """write_snapshot in a thread of its own (writes of one snapshot in order); failures go to the sync log."""
    path = _snapshot_path(folder, raw.source)
    if raw.body:  # the answer's bytes are all it needs: the parsed cells are freed as soon as the load is done
        raw = replace(raw, tables={k: RawTable(t.title, [], t.sheet_id) for k, t in raw.tables.items()})

    def save(before: threading.Thread | None) -> None:
        if before is not None:
            before.join()
        try:
            write_snapshot(raw, folder)
        except OSError as exc:
            _log(folder, {"at": datetime.now(UTC), "source": describe_source(raw.source), "ok": True,
                          "snapshot": f"not saved ({exc.strerror})"})
        finally:
            with _lock:
                if _writers.get(path) is threading.current_thread():
                    del _writers[path]

    with _lock:
        thread = threading.Thread(target=save, args=(_writers.get(path),), name="upr-snapshot")
        _writers[path] = thread
        thread.start()
    return thread


def wait_for_snapshots(folder: Path | None = None, source: str | None = None) -> None:
    """Wait until the snapshots being written (of one source in `folder`, or all) are on disk."""
    with _lock:
        pending = [t for p, t in _writers.items()
                   if folder is None or source is None or p == _snapshot_path(folder, source)]
    for thread in pending:
        thread.join()


def read_snapshot(source: str, folder: Path) -> RawWorkbook | None:
    """The last good raw workbook of this source, or None when there is none (or it is unreadable)."""
    wait_for_snapshots(folder, source)
    path = _snapshot_path(folder, source)
    try:
        payload = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, EOFError, ValueError):
        return None
    if "batchGet" in payload:
        from upr_sheets.sources.gsheets_body import tables_from_body

        try:
            tables = tables_from_body(payload["batchGet"], [(title, sheet_id) for title, sheet_id in payload["tabs"]])
        except (SourceError, TypeError, ValueError):
            return None
    else:
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


def _held_for(source: str, settings: Settings, folder: Path) -> tuple[str, Dataset] | None:
    """(digest, dataset) last loaded from the source with these settings and snapshot folder, if its snapshot
    is there (or being written)."""
    with _lock:
        held = _held.get((source, folder))
        saving = _snapshot_path(folder, source) in _writers
    if held is None or not (held[1] is settings or held[1] == settings):
        return None
    if not saving and not _snapshot_path(folder, source).exists():
        return None  # the snapshot was removed: read and save again
    return held[0], held[2]


def _hold(source: str, settings: Settings, folder: Path, digest: str, dataset: Dataset) -> None:
    with _lock:
        _held[(source, folder)] = (digest, settings, dataset)
        _held.move_to_end((source, folder))
        while len(_held) > _HELD:
            _held.popitem(last=False)


def forget(source: str | None = None) -> None:
    """Drop the data held to recognise an unchanged answer (of one source, or all): the next load is a full one."""
    with _lock:
        for key in [k for k in _held if source is None or k[0] == source]:
            del _held[key]


def _read_and_validate(source: str, settings: Settings, say: Progress,
                       known: str = "") -> tuple[RawWorkbook, Dataset | None]:
    """One read of the source and its validation (None when the answer has the `known` digest).

    The collector is paused throughout, and what the load built is then frozen out of its way
    (core.perf.no_gc): a large Dataset is long-lived and freed by reference counting when replaced.
    """
    with no_gc(freeze=True):
        raw = read_source(source, settings, known_digest=known)
        if raw.unchanged:
            return raw, None
        rows = sum(max(len(t.rows) - 1, 0) for t in raw.tables.values())
        say(f"Validating {rows:,} rows from {len(raw.tables)} tabs…")
        return raw, _labelled(validate(raw, settings), source)


def load(source: str, settings: Settings, progress: Progress | None = None,
         folder: Path | None = None) -> LoadResult:
    """Read and validate the source; on a source failure serve the last good snapshot (or raise).

    An answer identical to the one already held is served from memory (no parse, validation or snapshot).
    """
    say = progress or (lambda _msg: None)
    folder = folder or snapshot_dir(settings)
    name = describe_source(source)
    held = _held_for(source, settings, folder)
    say(f"Reading {name}…")
    try:
        try:
            raw, dataset = _read_and_validate(source, settings, say, held[0] if held else "")
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
    if dataset is None:
        assert held is not None  # only a known digest can come back unchanged
        dataset = replace(held[1], fetched_at=raw.fetched_at, requests=raw.requests)
        _log(folder, {"at": raw.fetched_at, "source": name, "ok": True, "requests": raw.requests,
                      "rows": dataset.tabs["recommendations"].rows, "issues": len(dataset.issues), "unchanged": True})
        return LoadResult(dataset, source, raw.fetched_at)
    if raw.digest:
        _hold(source, settings, folder, raw.digest, dataset)
    save_snapshot_later(raw, folder)
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
