"""Read a folder of CSV files, one per tab, named after the tab."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from upr_sheets.core.errors import SourceNotFound, SourceUnavailable
from upr_sheets.core.raw import RawTable, RawWorkbook

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a cell may hold megabytes of text (the default is 128 KiB)


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; then Mac Roman for old Mac files (lone CR line ends), else cp1252."""
    old_mac = b"\r" in data and b"\n" not in data
    for encoding in ("utf-8-sig", "mac_roman" if old_mac else "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def read_csv_folder(folder: Path, *, source: str) -> RawWorkbook:
    """Every ``*.csv`` in the folder as a tab named after the file (text cells)."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise SourceNotFound(f"Folder {folder} holds no .csv files; "
                             "expected one file per tab, e.g. Recommendations.csv.")
    tables = {}
    for path in files:
        text = _decode(path.read_bytes())
        # Old Mac exports end lines with a lone CR; csv handles \r, \n and \r\n with newline="".
        try:
            reader = csv.reader(io.StringIO(text, newline=""))
            rows = [[cell if cell != "" else None for cell in row] for row in reader]
        except csv.Error as exc:
            raise SourceUnavailable(
                f"{path.name} could not be read as CSV ({exc}). Save it again from your spreadsheet program as "
                "'CSV UTF-8 (comma delimited)'."
            ) from None
        tables[path.stem] = RawTable(path.stem, rows)
    return RawWorkbook(source=source, tables=tables, kind="csv")
