"""Column-level normalisation of one tab: raw cells → typed columns plus Issues.

`TabFrame` finds the header row's columns, skips empty rows and turns each contract column into a
typed pandas Series indexed by sheet row number. Every problem becomes an Issue at its cell; rows
with an error are marked for quarantine. Work is done once per distinct value of a column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from . import cells as C
from .contract import Column, Kind, Tab, Vocabulary, canonical
from .model import Issue, Severity
from .raw import RawTable

_BLANK = object()


def per_unique(values: pd.Series, fn: Callable[[Any], Any]) -> np.ndarray:
    """fn applied to each distinct value only (missing values get fn(None)), as an object array."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):
        results[i] = fn(u)
    if (codes < 0).any():
        results[-1] = fn(None)
    return results[codes]  # code -1 picks the last slot


class TabFrame:
    """One tab being checked: located columns, non-empty rows, issues and rows to quarantine."""

    def __init__(self, tab: Tab, table: RawTable):
        self.tab = tab
        self.title = table.title
        self.issues: list[Issue] = []
        self.bad_rows: set[int] = set()
        self.headers: dict[str, str] = {}  # column key → header as typed
        self.letters: dict[str, str] = {}  # column key → column letter
        self.missing: list[Column] = []  # required columns not found
        rows = table.rows
        header = [C.to_text(h) for h in rows[0]] if rows else []
        positions = self._locate(header, rows)
        body = rows[1:]
        wanted = sorted(positions.values())
        if body and wanted:
            width = max(len(r) for r in body)
            grid = pd.DataFrame([r if len(r) == width else list(r) + [None] * (width - len(r)) for r in body],
                                dtype=object)
            frame = pd.DataFrame({key: grid[j] if j < grid.shape[1] else pd.Series(None, index=grid.index, dtype=object)
                                  for key, j in positions.items()})
            frame.index = pd.RangeIndex(2, len(body) + 2)
        else:
            frame = pd.DataFrame({key: pd.Series(dtype=object) for key in positions})
        self.total_rows = 0
        self.frame = self._drop_empty(frame)
        self.total_rows = len(self.frame)
        self._text_cache: dict[str, pd.Series] = {}

    # -- header -------------------------------------------------------------------------------
    def _locate(self, header: list[str], rows: list[list[Any]]) -> dict[str, int]:
        names: dict[str, Column] = {}
        for col in self.tab.columns:
            for name in (col.header, *col.aliases):
                names.setdefault(canonical(name), col)
        positions: dict[str, int] = {}
        for j, text in enumerate(header):
            letter = C.column_letter(j)
            if not text:
                if any(len(r) > j and C.to_text(r[j]) for r in rows[1:51]):
                    self.issue(1, letter, "", "", "missing-header", "warning",
                               f"Column {letter} has values but no header, so it is ignored. "
                               "Type a header in row 1 (see the sheet contract) or clear the column.")
                continue
            col = names.get(canonical(text))
            if col is None:
                continue  # unknown columns are kept in the sheet and ignored
            if col.key in positions:
                first = self.letters[col.key]
                self.issue(1, letter, text, text, "duplicate-header", "warning",
                           f"Header `{text}` repeats column {first} ({self.headers[col.key]}); column {letter} "
                           f"is ignored. Rename or delete one of the two columns.")
                continue
            positions[col.key] = j
            self.headers[col.key] = text
            self.letters[col.key] = letter
        for col in self.tab.columns:
            if col.required and col.key not in positions:
                self.missing.append(col)
        return positions

    def _drop_empty(self, frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty:
            return frame
        filled = np.zeros(len(frame), dtype=bool)
        for key in frame.columns:
            filled |= per_unique(frame[key], lambda v: C.to_text(v) != "").astype(bool)
        return frame[filled]

    # -- issues -------------------------------------------------------------------------------
    def issue(self, row: int, letter: str, column: str, value: str, code: str, severity: Severity,
              message: str) -> None:
        """Record an issue at a cell (row in sheet numbering); errors quarantine the row."""
        cell = f"{letter}{row}" if letter else ""
        self.issues.append(Issue(self.title, cell, row, column, value, code, severity, message))
        if severity == "error" and row >= 2:
            self.bad_rows.add(row)

    def cell_issue(self, row: int, key: str, value: str, code: str, severity: Severity, message: str) -> None:
        """An issue at the cell of column `key` in sheet row `row`."""
        self.issue(row, self.letters.get(key, ""), self.headers.get(key, self.tab.column(key).header),
                   value, code, severity, message)

    def has(self, key: str) -> bool:
        """Whether the column exists in the sheet."""
        return key in self.frame.columns

    # -- typed columns ------------------------------------------------------------------------
    def text(self, key: str) -> pd.Series:
        """Trimmed text ('' for blank); formula errors reported and blanked; required blanks reported."""
        if key in self._text_cache:
            return self._text_cache[key]
        col = self.tab.column(key)
        if not self.has(key):
            out = pd.Series("", index=self.frame.index, dtype=object)
            self._text_cache[key] = out
            return out
        out = pd.Series(per_unique(self.frame[key], C.to_text), index=self.frame.index, dtype=object)
        hashed = out.str.startswith("#")
        formula_rows = set()
        if hashed.any():
            for row, value in out[hashed].items():
                if C.is_formula_error(value):
                    self.cell_issue(row, key, value, "formula-error", "error" if col.required else "warning",
                                    f"`{value}` is a formula error, not a value. Fix the formula or type the "
                                    f"{col.header} by hand." + ("" if col.required else " The cell is read as empty."))
                    out[row] = ""
                    formula_rows.add(row)
        if col.required:
            for row in out.index[(out == "").to_numpy()]:
                if row not in formula_rows:
                    self.cell_issue(row, key, "", "missing-value", "error",
                                    f"{col.header} is required; this cell is empty. Type the {col.header.lower()} "
                                    "or delete the row.")
        self._text_cache[key] = out
        return out

    def ident(self, key: str) -> pd.Series:
        """Identifier text; a cell the spreadsheet stored as a number is flagged (118.10 → 118.1)."""
        out = self.text(key)
        if not self.has(key):
            return out
        numeric = per_unique(self.frame[key], lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
        for row in out.index[numeric.astype(bool)]:
            value = out[row]
            self.cell_issue(row, key, value, "id-stored-as-number", "warning",
                            f"`{value}` is stored as a number, so an id such as 118.10 may have become 118.1. "
                            "Format the column as Plain text and retype the id exactly as in the UN report.")
        return out

    def parsed(self, key: str, parse: Callable[[str], Any], code: str, expected: str,
               raw: bool = False) -> pd.Series:
        """Values parsed by `parse` (None = unreadable → issue `code`; error if required, else warning)."""
        text = self.text(key)
        col = self.tab.column(key)
        if not self.has(key):
            return pd.Series(None, index=self.frame.index, dtype=object)
        source = self.frame[key] if raw else text
        values = pd.Series(per_unique(source, lambda v: _BLANK if C.to_text(v) == "" else parse(v)),
                           index=self.frame.index, dtype=object)
        blank = (text == "").to_numpy() | np.array([v is _BLANK for v in values], dtype=bool)
        failed = values.isna().to_numpy() & ~blank
        severity: Severity = "error" if col.required else "warning"
        for row in values.index[failed]:
            self.cell_issue(row, key, text[row], code, severity,
                            f"`{text[row]}` is not {expected}." +
                            ("" if col.required else " The cell is read as empty until it is corrected."))
        values[blank] = None
        return values

    def choice(self, key: str, vocab: Vocabulary, noun: str, strict: bool) -> pd.Series:
        """One value of a vocabulary (aliases and case normalised); unknown → `unknown-<noun>`."""
        table = vocab.lookup_table()
        labels = list(vocab.labels)
        text = self.text(key)
        values = text.map(lambda t: table.get(" ".join(t.casefold().split()), None) if t else "")
        severity: Severity = "error" if strict else "warning"
        code = f"unknown-{noun.replace(' ', '-')}"
        for row in values.index[values.isna().to_numpy()]:
            typed = text[row]
            hint = C.suggest(typed, labels + list(vocab.aliases))
            hint = table.get(hint.casefold()) if hint else None
            did = f" Did you mean `{hint}`?" if hint else ""
            self.cell_issue(row, key, typed, code, severity,
                            f"`{typed}` is not a {noun}.{did} Use one of: {', '.join(labels)}." +
                            ("" if strict else " The cell is read as empty until it is corrected."))
        return values.fillna("").replace("", None)

    def multi(self, key: str, allowed: tuple[str, ...] = (), noun: str = "") -> pd.Series:
        """Tuples of values split on `;`, newlines or bullets; checked against a list when given."""
        text = self.text(key)
        values = pd.Series(per_unique(text, lambda t: C.split_multi(t) if t else ()), index=text.index,
                           dtype=object)
        if not allowed:
            return values
        folded = {a.casefold(): a for a in allowed}

        def fix(parts: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
            fixed, unknown = [], []
            for p in parts:
                hit = folded.get(p.casefold())
                fixed.append(hit or p)
                if hit is None:
                    unknown.append(p)
            return tuple(fixed), tuple(unknown)

        pairs = per_unique(values, fix)
        values = pd.Series([p[0] for p in pairs], index=text.index, dtype=object)
        for row, (_, unknown) in zip(text.index, pairs):
            for part in unknown:
                hint = C.suggest(part, allowed)
                did = f" Did you mean `{hint}`?" if hint else ""
                self.cell_issue(row, key, text[row], f"unknown-{noun.replace(' ', '-')}", "warning",
                                f"`{part}` is not in Lists!{noun.title()}s.{did} Add it to the list or correct "
                                "the spelling; the value is kept as typed.")
        return values

    def quarantine(self) -> pd.DataFrame:
        """The rows with errors, as text, with their sheet row and issue codes."""
        rows = sorted(self.bad_rows)
        frame = pd.DataFrame({self.headers.get(k, k): [C.to_text(v) for v in self.frame.loc[rows, k]]
                              for k in self.frame.columns}, index=pd.Index(rows, name="row"))
        codes: dict[int, list[str]] = {}
        for i in self.issues:
            if i.severity == "error" and i.row in self.bad_rows and i.code not in codes.setdefault(i.row, []):
                codes[i.row].append(i.code)
        tab_level = ", ".join(dict.fromkeys(i.code for i in self.issues if i.severity == "error" and i.row < 2))
        frame["codes"] = [", ".join(codes.get(r, [])) or tab_level for r in rows]
        return frame.reset_index()

