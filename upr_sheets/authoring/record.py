"""Record progress: one assessment or measurement, checked with the loader's rules, appended once.

The row's submission id makes a retry or a double click write one row: before appending, the sheet is
read and an entry whose id is already there counts as written. When the sheet cannot be reached, the
entry waits in the outbox and is tried again later (`retry_waiting`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from upr_sheets.checks.cells import to_text
from upr_sheets.core.contract import ASSESSMENTS, MEASUREMENTS, STATUS, Tab
from upr_sheets.core.errors import SourceError
from upr_sheets.core.model import Issue
from upr_sheets.core.settings import Settings
from upr_sheets.sources import read_source

from .additions import append_rows, check_additions, place
from .outbox import Entry, Outbox

TABS: dict[str, Tab] = {"assessment": ASSESSMENTS, "measurement": MEASUREMENTS}
AUTHOR = {"assessment": "assessed_by", "measurement": "reported_by"}
Status = Literal["written", "already", "refused", "queued"]
EXIT_CODES: dict[Status, int] = {"written": 0, "already": 1, "refused": 2, "queued": 2}


@dataclass
class Outcome:
    """What happened to one entry."""

    status: Status
    message: str
    entry: Entry
    issues: list[Issue] = field(default_factory=list)
    link: str = ""


def new_submission_id() -> str:
    """A fresh submission id (random, 16 hex digits)."""
    return uuid.uuid4().hex[:16]


def _canonical(tab: Tab, key: str, value: Any, settings: Settings) -> Any:
    """A status typed as an alias becomes its label (`in progress` → Partially implemented); dates become ISO."""
    if isinstance(value, date):
        return value.isoformat()
    try:
        col = tab.column(key)
    except KeyError:
        return value
    if col.choices == STATUS and isinstance(value, str):
        return settings.status_vocabulary.lookup_table().get(value.strip().casefold(), value)
    return value


def new_entry(kind: str, source: str, values: dict[str, Any], by: str, settings: Settings,
              submission_id: str | None = None) -> Entry:
    """An entry of `kind` (assessment / measurement); `by` is the signed-in member, never a typed name."""
    tab = TABS[kind]
    clean = {key: _canonical(tab, key, value, settings) for key, value in values.items() if value not in (None, "")}
    clean.setdefault("date", date.today().isoformat())
    if by:
        clean[AUTHOR[kind]] = by
    sid = submission_id or new_submission_id()
    clean["submission_id"] = sid
    return Entry(kind, source, clean, sid)


def _queued(entry: Entry, outbox: Outbox, why: str) -> Outcome:
    entry.last_error = why
    outbox.put(entry)
    return Outcome("queued", f"Not written yet ({why}). The entry is kept and will be written on the next try.",
                   entry)


def submit(entry: Entry, settings: Settings, outbox: Outbox) -> Outcome:
    """Write the entry once: refused when `check` would quarantine it, queued in the outbox when Google fails."""
    tab = TABS[entry.kind]
    try:
        raw = read_source(entry.source, settings)
    except SourceError as exc:
        return _queued(entry, outbox, str(exc))
    try:
        placement = place(raw, tab, settings)
        if "submission_id" not in placement.columns:
            raise SourceError(f"The `{placement.title}` tab has no Submission ID column, which keeps a retried "
                              "entry from being written twice. Run `setup-sheet` on the sheet to add it.")
        row = placement.row(entry.values)
    except SourceError as exc:
        return Outcome("refused", str(exc), entry)
    column = placement.columns["submission_id"]
    if any(len(r) > column and to_text(r[column]) == entry.submission_id for r in placement.rows[1:]):
        outbox.remove(entry.submission_id)
        return Outcome("already", f"This {entry.kind} is already in the `{placement.title}` tab "
                                  f"(submission {entry.submission_id}); nothing was written.", entry)
    issues = [i for i in check_additions(raw, settings, placement, [row]) if i.severity == "error"]
    if issues:
        if outbox.remove(entry.submission_id):
            entry.last_error = "; ".join(i.message for i in issues)
            outbox.put(entry)  # an entry that waited stays visible, with the reason
        return Outcome("refused", "Not written: " + " ".join(i.message for i in issues), entry, issues)
    try:
        link = append_rows(entry.source, settings, placement, [row])
    except SourceError as exc:
        return _queued(entry, outbox, str(exc))
    outbox.remove(entry.submission_id)
    return Outcome("written", f"Written to the `{placement.title}` tab.", entry, link=link)


def retry_waiting(settings: Settings, outbox: Outbox, source: str | None = None) -> list[Outcome]:
    """Try every waiting entry (of one source) again, oldest first."""
    return [submit(entry, settings, outbox) for entry in outbox.entries(source)]
