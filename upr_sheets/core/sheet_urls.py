"""Google Sheets addresses: the one place that knows how a spreadsheet's link is spelled.

Pure string functions, no network: the sources use them to tell a Google Sheet from a file and to give
editors the link they open; the Data quality views use them to link an issue to its tab and cell.
"""

from __future__ import annotations

import re

_KEY_IN_URL = re.compile(r"docs\.google\.com/spreadsheets/d/([A-Za-z0-9_-]+)")
PREFIX = "gsheet:"


def gsheet_key(source: str) -> str | None:
    """The spreadsheet key when the text names a Google Sheet (its URL or `gsheet:KEY`), else None."""
    if source.startswith(PREFIX):
        return source.removeprefix(PREFIX).strip() or None
    match = _KEY_IN_URL.search(source)
    return match.group(1) if match else None


def sheet_url(key: str) -> str:
    """The link editors open."""
    return f"https://docs.google.com/spreadsheets/d/{key}/edit"


def tab_url(url: str | None, gid: int | None, cell: str = "") -> str | None:
    """A link that opens one tab (and cell) of the spreadsheet at `url`, or None when `url` is not a Google Sheet."""
    text = url or ""
    match = _KEY_IN_URL.match(text.removeprefix("https://")) if text.startswith("https://") else None
    if match is None or gid is None:
        return None
    return f"{sheet_url(match.group(1))}#gid={gid}" + (f"&range={cell}" if cell else "")
