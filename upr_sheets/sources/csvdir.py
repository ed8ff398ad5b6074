"""Read a folder of CSV files, one per tab, named after the tab."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from upr_sheets.core.errors import SourceNotFound, SourceUnreadable
from upr_sheets.core.raw import RawTable, RawWorkbook
from upr_sheets.core.settings import ReadingSettings

from .guard import read_regular, shown


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; then Mac Roman for old Mac files (lone CR line ends), else cp1252."""
    old_mac = b"\r" in data and b"\n" not in data
    for encoding in ("utf-8-sig", "mac_roman" if old_mac else "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _lines(text: str) -> Iterator[str]:
    """Lines ending in \\r\\n, \\n or \\r, kept (as io.StringIO(newline="") gives them, without its 4-byte copy)."""
    for match in _LINE.finditer(text):
        if line := match.group():
            yield line


def _read_csv(path: Path, limits: ReadingSettings) -> list[list[str | None]]:
    text = _decode(read_regular(path, limits))
    # Old Mac exports end lines with a lone CR; csv handles \r, \n and \r\n as line ends.
    rows: list[list[str | None]] = []
    try:
        for row in csv.reader(_lines(text)):
            rows.append([cell if cell != "" else None for cell in row])
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise SourceUnreadable(
                f"{shown(path.name)}: a cell in row {len(rows) + 1} holds more than {limits.max_cell_characters:,} "
                "characters, the most one cell may hold (setting reading.max_cell_characters).") from None
        raise SourceUnreadable(
            f"{shown(path.name)} could not be read as CSV ({shown(exc)}). Save it again from your spreadsheet "
            "program as 'CSV UTF-8 (comma delimited)'.") from None
    return rows


def read_csv_folder(folder: Path, *, source: str, limits: ReadingSettings | None = None) -> RawWorkbook:
    """Every ``*.csv`` in the folder as a tab named after the file (text cells); refused beyond the limits.

    Each file must be a regular file (not a FIFO or a link to a device) of at most `reading.max_part_mb`, and no
    cell may hold more than `reading.max_cell_characters`.
    """
    limits = limits or ReadingSettings()
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and not p.is_dir())
    if not files:
        raise SourceNotFound(f"Folder {shown(folder)} holds no .csv files; "
                             "expected one file per tab, e.g. Recommendations.csv.")
    tables = {}
    before = csv.field_size_limit(limits.max_cell_characters)  # the reader stops at the first longer cell
    try:
        for path in files:
            tables[path.stem] = RawTable(path.stem, _read_csv(path, limits))
    finally:
        csv.field_size_limit(before)
    return RawWorkbook(source=source, tables=tables, kind="csv")
