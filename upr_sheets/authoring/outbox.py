"""The local outbox: entries that could not be written to the sheet yet, one JSON file each, written atomically.

An entry stays here until a write succeeds or the sheet shows its submission id, so nothing typed into
the form is lost when Google fails; the dashboard shows these as "waiting to be written".
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from upr_sheets.core.settings import PROJECT_ROOT, Settings

_SAFE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass
class Entry:
    """One row to add: which tab (assessments / measurements), its values by column key, and its submission id."""

    kind: str
    source: str
    values: dict[str, Any]
    submission_id: str
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    last_error: str = ""

    def label(self) -> str:
        """A short description for lists: `assessment of 118.17 (cycle 2), 2026-12-02`."""
        v = self.values
        if self.kind == "assessment":
            return f"assessment of {v.get('rec_id', '?')} (cycle {v.get('cycle', '?')}), {v.get('date', '')}"
        return f"measurement of {v.get('indicator_id', '?')}, {v.get('date', '')}: {v.get('value', '')}"


def outbox_dir(settings: Settings) -> Path:
    """The outbox folder, next to the snapshots (relative paths are relative to the project root)."""
    snapshots = Path(settings.sync.snapshot_dir).expanduser()
    base = snapshots if snapshots.is_absolute() else PROJECT_ROOT / snapshots
    return base.parent / "outbox"


class Outbox:
    """The entries waiting in a folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, submission_id: str) -> Path:
        return self.folder / f"{_SAFE.sub('_', submission_id)}.json"

    def put(self, entry: Entry) -> Path:
        """Keep (or update) an entry; the file is replaced atomically."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(entry.submission_id)
        handle, tmp = tempfile.mkstemp(prefix=".entry-", suffix=".json", dir=self.folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as fh:
                json.dump(asdict(entry), fh, ensure_ascii=False, indent=1, default=str)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return path

    def remove(self, submission_id: str) -> bool:
        """Forget an entry once it is in the sheet; True when there was one."""
        try:
            self._path(submission_id).unlink()
            return True
        except FileNotFoundError:
            return False

    def entries(self, source: str | None = None) -> list[Entry]:
        """Waiting entries (of one source), oldest first; unreadable files are skipped, never deleted."""
        found = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                entry = Entry(**json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                continue
            if source is None or entry.source == source:
                found.append(entry)
        return sorted(found, key=lambda e: e.created)
