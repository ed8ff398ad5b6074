"""What is checked before a file's cells are read, so that no file can hang the reader or exhaust memory.

- Only regular files are opened (a FIFO would block for ever, a link to /dev/zero would never end).
- A file, and each part inside an .xlsx, is at most `reading.max_part_mb` uncompressed: both the size the
  zip declares and the bytes it really expands to are counted.
- No part may hold a DTD or an entity declaration.
- No run of text in a sheet or in the shared strings may be longer than one cell could be
  (`reading.max_cell_characters`; the exact count is checked again on the values read).
- The grid of each tab (rows × columns from the cell positions, not from the `<dimension>` the file claims)
  stays within `reading.max_cells`: the reader allocates the whole rectangle at once.

The scan also collects the formula errors of the sheets (`#REF!`, `#N/A`…), which the reader itself turns into
empty cells.
"""

from __future__ import annotations

import html
import io
import os
import posixpath
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from upr_sheets.core.errors import SourceUnreadable
from upr_sheets.core.settings import ReadingSettings

from .xlsx_grid import REF, Grid

MB = 1024 * 1024
CHUNK = MB
# Bytes one character may take in XML text, generously (UTF-8 is at most 4; a character reference up to 10).
BYTES_PER_CHARACTER = 16
_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}
_MARKUP = (b"<!DOCTYPE", b"<!ENTITY")


def shown(name: object) -> str:
    """A file, part or tab name on one printable line: newlines and other control characters escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(name))


def _mb(size: int) -> str:
    return f"{size / MB:,.1f}".removesuffix(".0")


def _limit_text(limits: ReadingSettings) -> str:
    return f"the limit is {limits.max_part_mb:,} MB (setting reading.max_part_mb)"


def read_regular(path: Path, limits: ReadingSettings) -> bytes:
    """The bytes of a regular file within the size limit; a FIFO, a device or a link to one is refused unopened."""
    name = shown(path.name)
    cap = limits.max_part_mb * MB
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(name, mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise SourceUnreadable(f"{name} could not be opened: {shown(exc.strerror or exc)}.") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):  # replaced between the two looks
            raise _not_regular(name, info.st_mode)
        if info.st_size > cap:
            raise SourceUnreadable(f"{name} is {_mb(info.st_size)} MB; {_limit_text(limits)}.")
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise SourceUnreadable(f"{name} is over {limits.max_part_mb:,} MB; {_limit_text(limits)}.")
    return data


def _not_regular(name: str, mode: int) -> SourceUnreadable:
    kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
    return SourceUnreadable(f"{name} is {kind}, not a regular file: give an .xlsx workbook or a folder of CSV files.")


@dataclass
class WorkbookScan:
    """What the scan found: each worksheet's part and formula errors, and the cells the reader will allocate."""

    parts: dict[str, str]  # worksheet name → part
    errors: dict[str, dict[tuple[int, int], str]]  # worksheet name → {(row, col) from 0: "#REF!"}
    cells: int


def scan_xlsx(data: bytes, name: str, limits: ReadingSettings) -> WorkbookScan:
    """Check every part of the workbook against the limits (raises SourceUnreadable), reading no cell value."""
    cap = limits.max_part_mb * MB
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        infos = book.infolist()
        for info in infos:
            if info.file_size > cap:
                raise SourceUnreadable(f"{name}: part {shown(info.filename)} expands to {_mb(info.file_size)} MB; "
                                       f"{_limit_text(limits)}.")
        parts, shared = _worksheet_parts(book, name, limits)
        names = {info.filename.lower().replace("\\", "/"): info.filename for info in infos}
        parts = {title: part if part in book.NameToInfo else names.get(part.lower(), part)
                 for title, part in parts.items()}
        grids = {part: Grid() for part in parts.values()}
        cells = 0
        for info in infos:
            grid = grids.get(info.filename)
            title = next((t for t, part in parts.items() if part == info.filename), "") if grid else ""
            _scan_part(book, info, name, limits, grid=grid, text=bool(grid) or info.filename == shared, title=title)
            if grid is not None:
                rows, cols = grid.size()
                cells += rows * cols * sum(part == info.filename for part in parts.values())
                if cells > limits.max_cells:
                    raise SourceUnreadable(
                        f"{name}: tab {shown(title)} spans {rows:,} rows × {cols:,} columns; the limit is "
                        f"{limits.max_cells:,} cells in all tabs (setting reading.max_cells).")
                grid.scanned = True
        if missing := [title for title, part in parts.items() if not grids[part].scanned]:  # only scanned tabs are read
            raise SourceUnreadable(f"{name}: the part of tab {shown(missing[0])} is missing from the file.")
        errors = {title: grids[part].errors for title, part in parts.items()}
    except zipfile.BadZipFile as exc:
        raise SourceUnreadable(f"{name} could not be opened as an .xlsx workbook ({shown(exc)}): it is not one, or "
                               "it is damaged. Save it again from your spreadsheet program as 'Excel workbook "
                               "(.xlsx)'.") from None
    except SourceUnreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - zlib.error, struct.error, ParseError…: whatever a damaged zip raises
        raise SourceUnreadable(f"{name} could not be read as an .xlsx workbook ({shown(exc)}). "
                               "Save it again from your spreadsheet program as 'Excel workbook (.xlsx)'.") from None
    return WorkbookScan(parts, errors, cells)


def _small_part(book: zipfile.ZipFile, part: str, name: str, limits: ReadingSettings) -> ElementTree.Element:
    data = book.open(part).read(limits.max_part_mb * MB + 1)
    if len(data) > limits.max_part_mb * MB or any(m in data for m in _MARKUP):
        _scan_part(book, book.getinfo(part), name, limits, grid=None, text=False)  # raises with the reason
    return ElementTree.fromstring(data)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: ElementTree.Element, local: str) -> str:
    return next((v for k, v in element.attrib.items() if _local(k) == local), "")


def _relations(book: zipfile.ZipFile, part: str, name: str, limits: ReadingSettings) -> list[tuple[str, str, str]]:
    """(id, type, target part) of a part's relationships."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in book.NameToInfo:
        return []
    out = []
    for rel in _small_part(book, rels, name, limits).iter():
        target = rel.get("Target", "")
        if _local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Id", ""), rel.get("Type", ""), path))
    return out


def _worksheet_parts(book: zipfile.ZipFile, name: str, limits: ReadingSettings) -> tuple[dict[str, str], str]:
    """Worksheet name → its part, and the shared-strings part, from the workbook's relationships."""
    main = next((t for _, kind, t in _relations(book, "", name, limits) if kind.endswith("/officeDocument")), "")
    if main not in book.NameToInfo:
        raise ValueError("no workbook part (xl/workbook.xml)")
    rels = _relations(book, main, name, limits)
    sheets = {rid: target for rid, kind, target in rels if kind.endswith("/worksheet")}
    shared = next((t for _, kind, t in rels if kind.endswith("/sharedStrings")), "")
    parts = {}
    for sheet in _small_part(book, main, name, limits).iter():
        rid = _attr(sheet, "id")
        if _local(sheet.tag) == "sheet" and rid in sheets:
            parts[sheet.get("name", "")] = sheets[rid]
    return parts, shared


def _scan_part(book: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: ReadingSettings, *,
               grid: Grid | None, text: bool, title: str = "") -> None:
    """Stream one part: its real size, no DTD, no over-long cell; count its grid when it is a worksheet."""
    cap, most = limits.max_part_mb * MB, limits.max_cell_characters
    xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
    total, carry, tail = 0, b"", b""
    with book.open(info) as stream:
        while True:
            chunk = stream.read(CHUNK)
            total += len(chunk)
            if total > cap:
                raise SourceUnreadable(f"{name}: part {shown(info.filename)} expands to more than "
                                       f"{limits.max_part_mb:,} MB; {_limit_text(limits)}.")
            buffer = carry + chunk
            cut = buffer.rfind(b"<") if chunk else len(buffer)
            whole, carry = (buffer[:cut], buffer[cut:]) if cut > 0 or not chunk else (b"", buffer)
            if not xml:
                carry = b""
            elif any(m in whole for m in _MARKUP):
                raise SourceUnreadable(f"{name}: part {shown(info.filename)} declares a DTD or entities, which a "
                                       "workbook never needs; it is refused. Save the file again from your "
                                       "spreadsheet program.")
            if text:
                if len(carry) > most * BYTES_PER_CHARACTER:  # a run of text still going: far too long already
                    raise _long_cell(name, info.filename, title, tail + whole, None, limits)
                for begin, end in _long_runs(whole, most):
                    length = _characters(whole[begin:end])
                    if length > most:
                        raise _long_cell(name, info.filename, title, tail + whole[:begin], length, limits)
            if grid is not None:
                grid.feed(whole)
            tail = (tail + whole[-2000:])[-2000:]
            if not chunk:
                return


def _long_runs(data: bytes, longest: int) -> list[tuple[int, int]]:
    """(begin, end) of each stretch of `data` without markup longer than `longest` bytes."""
    step = max(longest // 2, 1)  # such a stretch holds a whole aligned block of `step` bytes free of '<'
    runs: list[tuple[int, int]] = []
    for start in range(0, len(data) - step + 1, step):
        if data.find(b"<", start, start + step) < 0 and not (runs and start < runs[-1][1]):
            begin, end = data.rfind(b"<", 0, start) + 1, data.find(b"<", start + step)
            end = len(data) if end < 0 else end
            if end - begin > longest:
                runs.append((begin, end))
    return runs


def _characters(run: bytes) -> int:
    """Characters of the text in a run such as `t xml:space="preserve">text…` (entities counted as one)."""
    text = run.split(b">", 1)[-1].decode("utf-8", "replace")
    return len(html.unescape(text)) if "&" in text else len(text)


def _long_cell(name: str, part: str, title: str, before: bytes, length: int | None,
               limits: ReadingSettings) -> SourceUnreadable:
    refs = REF.findall(before[-2000:])
    if refs and title:
        where = f"cell {shown(title)}!{refs[-1][0].decode()}{refs[-1][1].decode()}"
    else:
        where = f"a text in part {shown(part)}"
    size = f"{length:,}" if length else f"more than {limits.max_cell_characters:,}"
    return SourceUnreadable(f"{name}: {where} holds {size} characters; the most one cell may hold is "
                            f"{limits.max_cell_characters:,} (setting reading.max_cell_characters). The file is "
                            "refused before its cells are read.")
