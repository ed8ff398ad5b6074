"""Multi-valued cells and row look-ups over the Dataset's frames, shared by filters, metrics and outputs.

A multi-valued column (themes, ministries, recommending States, SDGs, an indicator's recommendations)
holds a tuple per cell; a joined one (working group, lead organisation) keeps several values as one
`a; b` text. `explode` turns such a column into one entry per value; `positions` finds the row of each
(cycle, id) pair in the recommendations.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

JOINED = frozenset({"working_group", "lead_organization"})  # several values kept as one "a; b" text
MULTI = frozenset({"themes", "ministries", "states", "sdgs", "rec_ids"}) | JOINED


def parts(value: object, joined: bool = False) -> tuple:
    """The values of one cell: a tuple as is, `a; b` split when joined, a scalar alone, nothing for blanks."""
    if isinstance(value, tuple):
        return value
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ()
    if isinstance(value, str):
        if not value:
            return ()
        return tuple(p for p in value.split("; ") if p) if joined else (value,)
    return (value,)


def explode(series: pd.Series, none: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(row positions, values) with one entry per value of each cell; empty cells get `none` (or no entry)."""
    joined = series.name in JOINED
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    cell_parts = [parts(u, joined) for u in uniques] + [()]
    if none is not None:
        cell_parts = [p or (none,) for p in cell_parts]
    lens = np.fromiter(map(len, cell_parts), dtype=np.int64, count=len(cell_parts))
    flat = np.empty(int(lens.sum()), dtype=object)
    flat[:] = [v for p in cell_parts for v in p]
    starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
    row_lens = lens[codes]
    rows = np.repeat(np.arange(len(series)), row_lens)
    offsets = np.arange(len(rows)) - np.repeat(np.cumsum(row_lens) - row_lens, row_lens)
    return rows, flat[np.repeat(starts[codes], row_lens) + offsets]


def matches(series: pd.Series, selected: set) -> np.ndarray:
    """Boolean mask: the cell (or any of its values, for multi-valued columns) is selected."""
    if series.name not in MULTI:
        return series.isin(list(selected)).to_numpy(dtype=bool, na_value=False)
    joined = series.name in JOINED
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    hit = np.array([not selected.isdisjoint(parts(u, joined)) for u in uniques] + [False], dtype=bool)
    return hit[codes]


def distinct(series: pd.Series) -> set:
    """Every value that occurs in a column (multi-valued cells split)."""
    joined = series.name in JOINED
    return {v for u in pd.unique(series) for v in parts(u, joined)}


def positions(cycles: pd.Series, ids: pd.Series, recs: pd.DataFrame) -> np.ndarray:
    """Position in `recs` of each (cycle, id) pair, -1 when absent (the first one if `recs` repeats a pair)."""
    n = len(recs)
    codes, _ = pd.factorize(np.concatenate([recs["id"].to_numpy(dtype=object), ids.to_numpy(dtype=object)]))
    cycle = np.concatenate([recs["cycle"].to_numpy(dtype=float, na_value=np.nan),
                            cycles.to_numpy(dtype=float, na_value=np.nan)])
    valid = (codes >= 0) & ~np.isnan(cycle)
    keys = np.where(valid, codes * 16 + np.nan_to_num(cycle).astype(np.int64), -1)
    index = pd.Index(keys[:n])
    if index.is_unique:
        found = index.get_indexer(keys[n:])
    else:
        first = np.flatnonzero(~index.duplicated())
        found = index[first].get_indexer(keys[n:])
        found = np.where(found >= 0, first[found], -1)
    return np.where(valid[n:], found, -1)
