"""Column-level normalisation of one tab: raw cells → typed columns plus Issues.

`TabFrame` finds the header row's columns, skips empty rows and turns each contract column into a
typed pandas Series indexed by sheet row number. Every problem becomes an Issue at its cell; rows
with an error are marked for quarantine. Work is done once per distinct value of a column.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd
from pandas._libs import lib  # to_object_array: ragged rows → a 2-D object array, in C

from upr_sheets.core.contract import Column, Tab, Vocabulary, canonical
from upr_sheets.core.model import Issue
from upr_sheets.core.raw import RawTable

from . import cells as C
from .codes import IssueCode, did_you_mean

_SAMPLE = 1000  # cells looked at to tell a free-text column from one with repeated values


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
        n = max(len(rows) - 1, 0)
        # One C pass turns the ragged rows into a grid (missing trailing cells become None).
        self._grid = lib.to_object_array(rows[1:], min_width=max(positions.values(), default=-1) + 1)
        self._positions = positions
        self._codes: dict[str, np.ndarray] = {}  # column key → per-row index into its distinct values
        self._raw: dict[str, np.ndarray] = {}  # distinct raw cells (+ a trailing None for empty)
        self._texts: dict[str, np.ndarray] = {}  # their text (+ "")
        self._clean: dict[str, np.ndarray] = {}
        filled = np.zeros(n, dtype=bool)
        for key, (codes, uniques) in _distinct_columns(self._grid, positions).items():
            self._codes[key] = codes
            self._raw[key] = np.append(uniques, None)
            self._texts[key] = texts = _texts(uniques)
            filled |= (texts != "")[codes]
        self.index = pd.Index(np.flatnonzero(filled) + 2)  # sheet row numbers of the non-empty rows
        self._codes = {key: codes[filled] for key, codes in self._codes.items()}
        self.total_rows = len(self.index)

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
                    self.issue(1, letter, "", "", IssueCode.MISSING_HEADER)
                continue
            col = names.get(canonical(text))
            if col is None:
                continue  # unknown columns are kept in the sheet and ignored
            if col.key in positions:
                self.issue(1, letter, text, text, IssueCode.DUPLICATE_HEADER, first=self.letters[col.key],
                           first_header=self.headers[col.key])
                continue
            positions[col.key] = j
            self.headers[col.key] = text
            self.letters[col.key] = letter
        for col in self.tab.columns:
            if col.required and col.key not in positions:
                self.missing.append(col)
        return positions

    # -- issues -------------------------------------------------------------------------------
    def issue(self, row: int, letter: str, column: str, value: str, code: IssueCode, /, *, required: bool = False,
              variant: str = "", **fields: object) -> None:
        """Record an issue at a cell (row in sheet numbering); errors quarantine the row.

        Severity and message come from the code's entry in the registry (`codes`): `required` decides
        a Rule.COLUMN code, `variant` picks a site's wording, `fields` fill the template's placeholders.
        """
        severity = code.severity(required)
        message = code.message(severity, variant, **{"value": value, "letter": letter, **fields})
        cell = f"{letter}{row}" if letter else ""
        self.issues.append(Issue(self.title, cell, row, column, value, code.value, severity, message))
        if severity == "error" and row >= 2:
            self.bad_rows.add(row)

    def cell_issue(self, row: int, key: str, value: str, code: IssueCode, /, *, required: bool | None = None,
                   variant: str = "", **fields: object) -> None:
        """An issue at the cell of column `key` in sheet row `row` (`required`: the column's, unless given)."""
        col = self.tab.column(key)
        self.issue(row, self.letters.get(key, ""), self.headers.get(key, col.header), value, code,
                   required=col.required if required is None else required, variant=variant,
                   **{"header": col.header, **fields})

    def cell_issues(self, key: str, code: IssueCode, rows: Sequence[int], values: Sequence[str], /, *,
                    variant: str = "", each: Mapping[str, Sequence[object]] | None = None, **fields: object) -> None:
        """cell_issue for many rows of one column at once: row i gets values[i] and each[name][i] as fields."""
        col = self.tab.column(key)
        letter, column = self.letters.get(key, ""), self.headers.get(key, col.header)
        severity = code.severity(col.required)
        template = code.spec.template if isinstance(code.spec.template, str) else code.spec.template[variant]
        if severity == "warning":
            template += _escape(code.spec.when_warning)
        columns = [values, *(each or {}).values()]
        if any(len(c) != len(rows) for c in columns):
            raise ValueError(f"cell_issues: {len(rows)} rows but fields of lengths {[len(c) for c in columns]}")
        fill = _positional(template, {"letter": letter, "header": col.header, **fields}, ["value", *(each or {})])
        cells = list(map(f"{letter}{{}}".format, rows)) if letter else [""] * len(rows)
        self.issues.extend(map(Issue, repeat(self.title), cells, rows, repeat(column), values, repeat(code.value),
                               repeat(severity), map(fill, *columns)))
        if severity == "error":
            self.bad_rows.update(r for r in rows if r >= 2)

    def has(self, key: str) -> bool:
        """Whether the column exists in the sheet."""
        return key in self._positions

    # -- typed columns ------------------------------------------------------------------------
    def _series(self, per_value: np.ndarray | list, key: str) -> pd.Series:
        """Per-distinct-value results spread to the rows."""
        return pd.Series(np.asarray(per_value, dtype=object)[self._codes[key]], index=self.index,
                         dtype=object)

    def _rows_where(self, per_value_flags: np.ndarray | list, key: str) -> list[int]:
        """Sheet rows whose value has the flag."""
        flags = np.asarray(per_value_flags, dtype=bool)
        if not flags.any():
            return []
        return list(self.index[flags[self._codes[key]]])

    def _empty(self, fill: Any) -> pd.Series:
        return pd.Series([fill] * len(self.index), index=self.index, dtype=object)

    def clean_texts(self, key: str) -> np.ndarray:
        """Distinct trimmed texts of a column with formula errors blanked (reported once per cell)."""
        if key in self._clean:
            return self._clean[key]
        col = self.tab.column(key)
        texts = self._texts[key].copy()
        formula = np.fromiter(map(str.startswith, texts.tolist(), repeat("#")), dtype=bool, count=len(texts))
        for i in np.flatnonzero(formula):
            formula[i] = C.is_formula_error(texts[i])
        for row in self._rows_where(formula, key):
            value = texts[self._codes[key][self.index.get_loc(row)]]
            self.cell_issue(row, key, value, IssueCode.FORMULA_ERROR)
        texts[formula] = ""
        if col.required:
            for row in self._rows_where((texts == "") & ~formula, key):
                self.cell_issue(row, key, "", IssueCode.MISSING_VALUE, header_lower=col.header.lower())
        self._clean[key] = texts
        return texts

    def text(self, key: str) -> pd.Series:
        """Trimmed text ('' for blank); formula errors reported and blanked; required blanks reported."""
        if not self.has(key):
            return self._empty("")
        return self._series(self.clean_texts(key), key)

    def ident(self, key: str) -> pd.Series:
        """Identifier text; a cell the spreadsheet stored as a number is flagged (118.10 → 118.1)."""
        out = self.text(key)
        if not self.has(key):
            return out
        raw = self._raw[key]
        if lib.is_string_array(raw[:-1], skipna=False):  # all text (the usual case): no number to flag
            return out
        numeric = [isinstance(v, (int, float)) and not isinstance(v, bool) for v in raw]
        for row in self._rows_where(numeric, key):
            value = out[row]
            self.cell_issue(row, key, value, IssueCode.ID_STORED_AS_NUMBER)
        return out

    def parsed(self, key: str, parse: Callable[[Any], Any], code: IssueCode, raw: bool = False) -> pd.Series:
        """Values parsed by `parse` (None = unreadable → issue `code`; error if required, else warning)."""
        if not self.has(key):
            return self._empty(None)
        texts = self.clean_texts(key)
        source = self._raw[key] if raw else texts
        values = [None if t == "" else parse(v) for v, t in zip(source, texts)]
        failed = [v is None and t != "" for v, t in zip(values, texts)]
        for row in self._rows_where(failed, key):
            typed = self._texts[key][self._codes[key][self.index.get_loc(row)]]
            self.cell_issue(row, key, typed, code)
        return self._series(values, key)

    def choice(self, key: str, vocab: Vocabulary, code: IssueCode, strict: bool) -> pd.Series:
        """One value of a vocabulary (aliases and case normalised); unknown → issue `code`, an error if strict."""
        if not self.has(key):
            return self._empty(None)
        table = vocab.lookup_table()
        labels = list(vocab.labels)
        texts = self.clean_texts(key)
        values = [table.get(" ".join(t.casefold().split())) if t else None for t in texts]
        unknown = [v is None and t != "" for v, t in zip(values, texts)]
        for row in self._rows_where(unknown, key):
            typed = texts[self._codes[key][self.index.get_loc(row)]]
            hint = C.suggest(typed, labels + list(vocab.aliases))
            hint = table.get(hint.casefold()) if hint else None
            self.cell_issue(row, key, typed, code, required=strict, did=did_you_mean(hint), choices=", ".join(labels))
        return self._series(values, key)

    def multi(self, key: str, allowed: tuple[str, ...] = (), code: IssueCode | None = None, *,
              joined: bool = False) -> pd.Series:
        """Tuples of values split on `;`, newlines or bullets; checked against a list (issue `code`) when given.

        `joined`: each cell's values joined with "; " instead (None for none), in a Series whose type pandas
        infers (text), as `Series.map` of the tuples would give.
        """
        if not self.has(key):
            return pd.Series([None] * len(self.index), index=self.index) if joined else self._empty(())
        texts = self.clean_texts(key)
        parts = [C.split_multi(t) if t else () for t in texts]
        if allowed and code is not None:
            folded = {a.casefold(): a for a in allowed}
            unknown = [tuple(p for p in ps if p.casefold() not in folded) for ps in parts]
            parts = [tuple(folded.get(p.casefold(), p) for p in ps) for ps in parts]
            for row in self._rows_where([bool(u) for u in unknown], key):
                i = self._codes[key][self.index.get_loc(row)]
                for part in unknown[i]:
                    self.cell_issue(row, key, texts[i], code, part=part, did=did_you_mean(C.suggest(part, allowed)))
        out = np.empty(len(parts), dtype=object)
        for i, p in enumerate(parts):
            out[i] = ("; ".join(p) if p else None) if joined else p
        if joined:
            return pd.Series(out[self._codes[key]], index=self.index)
        return self._series(out, key)

    def quarantine(self) -> pd.DataFrame:
        """The rows with errors, as text, with their sheet row and issue codes."""
        rows = sorted(self.bad_rows)
        at = np.asarray(rows, dtype=np.intp) - 2
        frame = pd.DataFrame({self.headers.get(k, k): [C.to_text(v) for v in self._grid[at, j]]
                              for k, j in self._positions.items()}, index=pd.Index(rows, name="row"))
        codes: dict[int, list[str]] = {}
        for i in self.issues:
            if i.severity == "error" and i.row in self.bad_rows and i.code not in codes.setdefault(i.row, []):
                codes[i.row].append(i.code)
        tab_level = ", ".join(dict.fromkeys(i.code for i in self.issues if i.severity == "error" and i.row < 2))
        frame["codes"] = [", ".join(codes.get(r, [])) or tab_level for r in rows]
        return frame.reset_index()


def _escape(text: str) -> str:
    """Text that `str.format` gives back as it is."""
    return text.replace("{", "{{").replace("}", "}}")


def _texts(uniques: np.ndarray) -> np.ndarray:
    """The distinct cells of a column as trimmed text, plus a trailing "" (for the empty cells)."""
    if lib.is_string_array(uniques, skipna=False):
        texts = list(map(str.strip, uniques.tolist()))
    else:
        texts = [u.strip() if type(u) is str else C.to_text(u) for u in uniques.tolist()]
    texts.append("")
    return np.array(texts, dtype=object)


def _positional(template: str, fixed: Mapping[str, object], names: Sequence[str]) -> Callable[..., str]:
    """`template.format` with the `fixed` fields filled in once: the result takes the `names` fields in order.

    For the same text as `template.format(**fixed, **dict(zip(names, args)))`, in less time when called
    for many rows.
    """
    parts = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        parts.append(_escape(literal))
        if field is None:
            continue
        tail = (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        if field in fixed:
            parts.append(_escape(("{0" + tail + "}").format(fixed[field])))
        else:
            parts.append("{" + str(list(names).index(field) if field in names else field) + tail + "}")
    return "".join(parts).format


class _BoolCell:
    """A TRUE/FALSE cell while its column is hashed: unequal to the numbers 1 and 0, which equal True and False."""

    __slots__ = ("value",)

    def __init__(self, value: bool):
        self.value = value


_BOOL_CELLS = {True: _BoolCell(True), False: _BoolCell(False)}


def _distinct_columns(grid: np.ndarray, positions: Mapping[str, int]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """`_distinct` of every located column of the grid, most of them hashed together in one pass.

    The columns whose cells are all text (or empty) are hashed as one block, read row by row: in the
    order the cells were read, which is much kinder to the memory caches than one column at a time.
    Equal texts are the same value whichever column they are in; each column then gets its own
    distinct values from the block's integer codes. A column holding any other kind of cell (numbers,
    booleans, dates) is hashed on its own, as `_distinct` does.
    """
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    block_keys: list[str] = []
    for key, j in positions.items():
        column = grid[:, j]
        if _mostly_distinct(column):
            out[key] = np.arange(len(column), dtype=np.intp), np.ascontiguousarray(column)
        else:
            block_keys.append(key)
    if not block_keys:
        return out
    block = np.take(grid, [positions[key] for key in block_keys], axis=1)  # C order (grid[:, list] is not)
    codes, uniques = pd.factorize(block.ravel(), use_na_sentinel=True)
    codes = codes.reshape(block.shape)
    uniques = np.asarray(uniques, dtype=object)
    other = None
    if len(uniques) and lib.infer_dtype(uniques, skipna=False) != "string":
        other = np.fromiter((type(u) is not str for u in uniques.tolist()), dtype=bool, count=len(uniques))
    for k, key in enumerate(block_keys):
        column_codes = codes[:, k]
        if other is not None and other[column_codes[column_codes >= 0]].any():
            out[key] = _distinct(np.ascontiguousarray(grid[:, positions[key]]))
            continue
        local, which = pd.factorize(column_codes)  # first-seen order, as hashing the column alone gives
        empty = np.flatnonzero(which < 0)
        if len(empty):  # the block's code for an empty cell became a value: make it -1 again
            local = np.where(local == empty[0], -1, local - (local > empty[0]))
            which = np.delete(which, empty[0])
        out[key] = local.astype(np.intp, copy=False), uniques[which]
    return {key: out[key] for key in positions}


def _mostly_distinct(column: np.ndarray) -> bool:
    """Whether the first cells of a column are nearly all different (free text, ids): not worth hashing."""
    sample = column[:_SAMPLE]
    return len(sample) >= _SAMPLE and len(set(sample.tolist())) > 0.9 * len(sample)


def _distinct(column: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(per-row index into the distinct cells, the distinct cells) of one column; empty cells → index -1.

    A column whose first cells are nearly all different (free text, ids) is not hashed: each cell is
    its own entry, which gives the same results for less work. A TRUE or FALSE cell stays apart from
    the numbers 1 and 0 (which Python counts as equal to True and False).
    """
    if _mostly_distinct(column):
        return np.arange(len(column), dtype=np.intp), column
    keyed = column
    if lib.infer_dtype(column, skipna=True) in ("mixed", "mixed-integer"):  # booleans beside other kinds?
        flags = np.fromiter((type(v) is bool for v in column.tolist()), dtype=bool, count=len(column))
        if flags.any():
            keyed = column.copy()
            keyed[flags] = [_BOOL_CELLS[v] for v in column[flags].tolist()]
    codes, uniques = pd.factorize(keyed, use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    if keyed is not column:
        uniques = np.array([u.value if type(u) is _BoolCell else u for u in uniques.tolist()] + [None],
                           dtype=object)[:-1]
    return codes, uniques
