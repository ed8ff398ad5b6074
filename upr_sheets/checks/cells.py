"""Single-cell interpretation: text, cycles, dates, numbers, multi-values, suggestions.

Pure functions over one value; the column-level code in `normalize` applies them to the distinct
values of a column only, so a 100,000-row tab costs a few thousand calls, not millions.
"""

from __future__ import annotations

import difflib
import math
import re
from datetime import date, datetime, timedelta

from upr_sheets.core.contract import FORMULA_ERRORS

_ORDINAL = re.compile(r"^(?:(?:upr\s+)?cycle\s*)?(\d+)\s*(?:st|nd|rd|th)?(?:\s*(?:upr\s+)?cycle)?$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
          "eighth": 8, "ninth": 9}
_SPLIT = re.compile(r"\s*(?:;|\r?\n|\r)\s*")
_BULLET = re.compile(r"^(?:[-•*·▪–]\s+)")
_SERIAL_EPOCH = date(1899, 12, 30)  # spreadsheet day 0 (Lotus 1900 leap-year bug included)
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$")
_ISO_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_TEXT_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$")
_TEXT_DATE_US = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$")
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$")


def to_text(cell: object) -> str:
    """A cell as the text an editor would see (trimmed; '' for empty)."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        if math.isnan(cell):
            return ""
        return str(int(cell)) if cell.is_integer() and abs(cell) < 1e15 else repr(cell)
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def is_formula_error(text: str) -> bool:
    """True for `#REF!`, `#N/A`, `#VALUE!` and the other spreadsheet error values."""
    return text.upper() in FORMULA_ERRORS


def parse_cycle(text: str) -> int | None:
    """`2`, `2nd`, `Cycle 2`, `II`, `second` → 2; None when it is not a cycle 1–9."""
    t = " ".join(text.casefold().replace("-", " ").split())
    if t.endswith(".0"):
        t = t[:-2]
    match = _ORDINAL.match(t)
    value = int(match.group(1)) if match else _ROMAN.get(t.removeprefix("cycle ").strip())
    if value is None:
        value = _WORDS.get(t.removesuffix(" cycle").removeprefix("cycle ").strip())
    return value if value is not None and 1 <= value <= 9 else None


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 and len(text) == 2 else year


def _month(name: str) -> int | None:
    return _MONTHS.get(name[:3].casefold())


def parse_date(cell: object) -> date | None:
    """A date from a date cell, ISO text, day/month/year text, `28 Jan 2014`, or a spreadsheet serial."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return _from_serial(float(cell))
    text = to_text(cell)
    if not text:
        return None
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _ISO_SLASH.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.match(text):
            return date(_year(m[3]), int(m[2]), int(m[1]))
        if (m := _TEXT_DATE.match(text)) and (month := _month(m[2])):
            return date(int(m[3]), month, int(m[1]))
        if (m := _TEXT_DATE_US.match(text)) and (month := _month(m[1])):
            return date(int(m[3]), month, int(m[2]))
    except ValueError:
        return None  # e.g. 31/02/2025
    if re.fullmatch(r"\d{3,6}(?:\.\d+)?", text):
        return _from_serial(float(text))
    return None


def _from_serial(serial: float) -> date | None:
    """Spreadsheet serial day number → date (1 = 1900-01-01); None outside 1900–2200."""
    if not 1 <= serial < 110_000:
        return None
    return _SERIAL_EPOCH + timedelta(days=int(serial))


def parse_number(cell: object) -> float | None:
    """A number from a numeric cell or text such as `1,234.5`, `12%` (→ 12.0); None otherwise."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return None if isinstance(cell, float) and math.isnan(cell) else float(cell)
    text = to_text(cell).replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if not text or not _NUMBER.match(text) or not any(ch.isdigit() for ch in text):
        return None
    return float(text.replace(",", ""))


def parse_bool(text: str) -> bool | None:
    """TRUE/FALSE, yes/no, y/n, 1/0, x (ticked) → bool; '' → False; None when unclear."""
    t = text.casefold()
    if t in {"true", "yes", "y", "1", "x", "✓", "revoked"}:
        return True
    if t in {"false", "no", "n", "0", ""}:
        return False
    return None


def split_multi(text: str) -> tuple[str, ...]:
    """`a; b`, one per line, or `- a` bullets → ('a', 'b'); empty parts dropped, order kept, no repeats."""
    parts = []
    for part in _SPLIT.split(text):
        part = " ".join(_BULLET.sub("", part.strip()).split())
        if part and part not in parts:
            parts.append(part)
    return tuple(parts)


def suggest(value: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest choice to a mistyped value, or None when nothing is close."""
    folded = {c.casefold(): c for c in choices}
    match = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.75)
    return folded[match[0]] if match else None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
