"""The extent of a worksheet's cells, counted from the XML without parsing it, and its formula errors.

python-calamine allocates a sheet's whole rectangle (first to last row, first to last column used) at once,
and a failed allocation aborts the process: a 1 KB file with cells at A1 and XFD1048576 asks for 512 GB. So
the rows and columns are bounded first, from the positions the cells and rows give (never from the
`<dimension>` the file claims), counting also cells and rows that have no position. The bound may exceed
the truth (the guard then refuses a little early), never fall short of it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

_ROOT = re.compile(rb"<(\w+:)?worksheet\b")
_ROW_R = re.compile(rb'row r="(\d+)"')
_WIDE = re.compile(rb' r="([A-Z]{2,})\d')
REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_ERROR_CELL = re.compile(rb'<((?:\w+:)?c)\s([^>]*?\bt="e"[^>]*?)(?<!/)>(.*?)</\1>', re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</")


@dataclass
class Grid:
    """The extent of one worksheet's cells, from their positions, and its formula errors."""

    prefix: bytes | None = None
    max_row: int = 0
    max_col: int = 0
    rows: int = 0  # <row> elements
    rows_placed: int = 0  # of which with a leading r="…"
    unplaced: bool = False  # some <c> element does not start with its position r="…"
    widest_unplaced: int = 0  # most cells in one row (counted only when some cell has no position)
    pending: int = 0
    held: bytes = b""  # the start of a formula-error cell that the buffer cut
    scanned: bool = False  # the whole part went through `feed`
    errors: dict[tuple[int, int], str] = field(default_factory=dict)

    def feed(self, data: bytes) -> None:
        """Count one buffer of whole tags."""
        if self.prefix is None:
            match = _ROOT.search(data)
            self.prefix = (match.group(1) or b"") if match else b""
        tag = b"<" + self.prefix
        self.rows += data.count(tag + b"row")  # (and the one <rowBreaks>, if any: a bound need not be exact)
        if not self.unplaced and _unplaced(self.prefix).search(data):
            self.unplaced = True
        placed = [int(r) for r in _ROW_R.findall(data)]
        self.rows_placed += len(placed)
        self.max_row = max([self.max_row, *placed])
        if _below(self.max_row).search(data):  # a cell further down than every row: take every cell's row
            self.max_row = max([self.max_row, *(int(row) for _, row in REF.findall(data))])
        wide = [_column(letters) for letters in set(_WIDE.findall(data))]
        self.max_col = max([self.max_col, *wide])
        while self.max_col < 26 and (match := re.search(rb' r="[%c-Z]' % (65 + self.max_col), data)):
            self.max_col = match.group()[-1] - 64  # a column further right than any so far (A–Z)
        if self.unplaced:  # some cells have no leading position: count the cells of each row
            counts = [s.count(tag + b"c ") + s.count(tag + b"c>") for s in data.split(b"</" + self.prefix + b"row>")]
            counts[0] += self.pending
            self.widest_unplaced = max(self.widest_unplaced, *counts)
            self.pending = counts[-1]
        if self.held or b't="e"' in data:
            self._errors(data)

    def _errors(self, data: bytes) -> None:
        """Collect the formula errors of a buffer; an error cell cut by the buffer's end waits for the next one."""
        text, self.held = self.held + data, b""
        if text.rfind(b't="e"') > text.rfind(b"</" + self.prefix + b"c>"):
            start = text.rfind(b"<" + self.prefix + b"c", 0, text.rfind(b't="e"'))
            text, self.held = text[:start], text[start:]
        for match in _ERROR_CELL.finditer(text):
            self._error(match)

    def _error(self, match: re.Match[bytes]) -> None:
        ref, value = REF.search(match.group(2)), _VALUE.search(match.group(3))
        if value is None:
            return
        if ref is None:
            raise ValueError("a formula error cell has no position (r attribute)")
        row, col = int(ref.group(2)) - 1, _column(ref.group(1)) - 1
        self.errors[(row, col)] = value.group(1).decode("utf-8", "replace")

    def size(self) -> tuple[int, int]:
        """Rows and columns the reader will allocate, at most."""
        rows = self.max_row + max(self.rows - self.rows_placed, 0)
        return rows, self.max_col + self.widest_unplaced


@functools.lru_cache(maxsize=8)
def _unplaced(prefix: bytes) -> re.Pattern[bytes]:
    """A cell element that does not begin with its position (`<c>`, `<c/>`, `<c t="s" r="B2">`)."""
    return re.compile(rb'<%sc(?:>|/>|\s(?!r="))' % re.escape(prefix))


@functools.lru_cache(maxsize=64)
def _below(row: int) -> re.Pattern[bytes]:
    """A cell reference whose row number is greater than `row` (found without reading every reference)."""
    digits = str(row)
    greater = [digits[:i] + f"[{int(d) + 1}-9]" + r"\d" * (len(digits) - i - 1)
               for i, d in enumerate(digits) if d != "9"]
    return re.compile(rb' r="[A-Z]+(?:%s|\d{%d,})"' % ("|".join(greater).encode() or b"(?!)", len(digits) + 1))


def _column(letters: bytes) -> int:
    n = 0
    for b in letters:
        n = n * 26 + b - 64
    return n
