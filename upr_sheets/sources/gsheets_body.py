"""A values:batchGet answer → the tabs' cells, and its digest (no gspread: a snapshot is read without it).

The answer's bytes are what a refresh compares (`digest`) and what the snapshot keeps, so an unchanged
sheet costs one request and one hash, and the snapshot is the answer as received, not a re-encoding.
"""

from __future__ import annotations

import hashlib
from itertools import repeat
from typing import Any

from upr_sheets.core.errors import MalformedResponse
from upr_sheets.core.raw import RawTable

Tabs = list[tuple[str, int]]  # (title, sheetId) of every grid tab, in sheet order


def digest(body: bytes, tabs: Tabs) -> str:
    """A hash of the answer and of the tabs it was asked for: equal digests, equal cells and sheet ids."""
    h = hashlib.blake2b(repr(tabs).encode(), digest_size=16)
    h.update(body)
    return h.hexdigest()


def tables_from_body(body: Any, tabs: Tabs) -> dict[str, RawTable]:
    """The parsed batchGet answer as one RawTable per tab (cells as sent: "" stays "", read as empty)."""
    ranges = body.get("valueRanges") if isinstance(body, dict) else None
    if not isinstance(ranges, list) or len(ranges) != len(tabs):
        got = f"{len(ranges)} value ranges" if isinstance(ranges, list) else "no 'valueRanges' list"
        raise MalformedResponse(f"Expected {len(tabs)} value ranges (one per tab) from values:batchGet, got {got}.")
    tables: dict[str, RawTable] = {}
    for (title, sheet_id), value_range in zip(tabs, ranges, strict=True):
        values = value_range.get("values", []) if isinstance(value_range, dict) else None
        if not isinstance(values, list) or not all(map(isinstance, values, repeat(list))):
            raise MalformedResponse(f"Expected rows of cells for tab {title!r}, got {value_range!r:.120}.")
        tables[title] = RawTable(title, values, sheet_id=sheet_id)
    return tables
