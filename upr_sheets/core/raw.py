"""What a source hands to validation: every tab's cells, as the editors typed them.

Cells are `str` (text as typed or displayed), `int`/`float` (a cell the spreadsheet stores as a
number), `bool`, `datetime.date`/`datetime.datetime` (a cell stored as a date), or `None` or `""` (empty:
the Sheets API sends `""` for an empty cell between filled ones, and it is kept as sent).
Row 0 is the header row; trailing empty cells may be missing, as in the Sheets API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

Cell = Any


@dataclass
class RawTable:
    """One tab: its title as written in the source and its rows (header row first)."""

    title: str
    rows: list[list[Cell]]
    # Sheets: the tab's numeric id (used to link issues to cells); None elsewhere.
    sheet_id: int | None = None


@dataclass
class RawWorkbook:
    """All tabs read from one source in one go."""

    source: str  # the source string as the user gave it (never holds secrets)
    tables: dict[str, RawTable]  # keyed by the tab title as it appears in the source
    kind: str = "file"  # "gsheet" | "xlsx" | "csv"
    url: str | None = None  # link for editors (Google Sheets), if any
    requests: int = 0  # API requests this read took
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    # Google Sheets: the values:batchGet answer as received, and its digest (sources.gsheets_body.digest)
    body: bytes | None = None
    digest: str = ""
    # True when the source answered exactly what the caller already held (its `known_digest`): no tables then
    unchanged: bool = False
