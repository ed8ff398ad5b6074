"""Sidebar filters: one frozen selection that round-trips through the URL query string and cuts a Dataset.

Query scheme: one key per filter, repeated for several values, never comma-split (theme names hold
commas): `?cycle=2&theme=Land+and+housing&theme=Judiciary`. Within a filter any selected value
matches (OR); across filters all must match (AND). A multi-valued cell matches when any of its values
is selected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from .cells import parse_cycle
from .contract import VOCABULARIES
from .model import Dataset
from .settings import Settings

# Filters field → (query-string key, Recommendations column)
FIELDS: dict[str, tuple[str, str]] = {
    "cycles": ("cycle", "cycle"),
    "responses": ("response", "response"),
    "themes": ("theme", "themes"),
    "ministries": ("ministry", "ministries"),
    "working_groups": ("working_group", "working_group"),
    "statuses": ("status", "status"),
    "priorities": ("priority", "priority"),
    "states": ("state", "states"),
}
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


@dataclass(frozen=True)
class Filters:
    """What the sidebar selected; empty tuples select everything."""

    cycles: tuple[int, ...] = ()
    responses: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    ministries: tuple[str, ...] = ()
    working_groups: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    states: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for f in fields(self):
            values = getattr(self, f.name)
            values = (values,) if isinstance(values, str | int) else tuple(values)
            if f.name == "cycles":
                values = tuple(int(v) for v in values)
            object.__setattr__(self, f.name, tuple(dict.fromkeys(values)))

    @classmethod
    def from_query(cls, params: Mapping[str, str | list[str]]) -> Filters:
        """Filters from query parameters; unknown keys, blank values and unreadable cycles are ignored."""
        # Accepts a plain mapping or anything with get_all (st.query_params) so repeated keys are all read.
        get_all = getattr(params, "get_all", None)
        chosen: dict[str, tuple] = {}
        for attr, (key, _) in FIELDS.items():
            raw = get_all(key) if callable(get_all) else params.get(key)
            if raw is None:
                continue
            values = [raw] if isinstance(raw, str) else [v for v in raw if isinstance(v, str)]
            values = [v for v in values if v.strip()]
            if attr == "cycles":
                chosen[attr] = tuple(c for c in map(parse_cycle, values) if c is not None)
            else:
                chosen[attr] = tuple(values)
        return cls(**chosen)

    def to_query(self) -> dict[str, list[str]]:
        """Query parameters (key → list of values, repeated keys in the URL) for the active filters."""
        return {key: [str(v) for v in getattr(self, attr)] for attr, (key, _) in FIELDS.items()
                if getattr(self, attr)}

    @property
    def is_empty(self) -> bool:
        """True when nothing is selected (every recommendation passes)."""
        return not any(getattr(self, attr) for attr in FIELDS)

    @property
    def active(self) -> tuple[str, ...]:
        """Names of the filters that select something."""
        return tuple(attr for attr in FIELDS if getattr(self, attr))

    def within(self, options: Mapping[str, list]) -> Filters:
        """The same filters without the values that `filter_options` does not offer (e.g. from an old link)."""
        offered = {attr: set(options.get(attr, ())) for attr in FIELDS}
        return replace(self, **{attr: tuple(v for v in getattr(self, attr) if v in offered[attr]) for attr in FIELDS})


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


def recommendation_mask(recs: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Boolean mask over the recommendations that pass every filter."""
    mask = np.ones(len(recs), dtype=bool)
    for attr, (_, column) in FIELDS.items():
        selected = getattr(filters, attr)
        if selected and column in recs:
            mask &= matches(recs[column], set(selected))
    return mask


def apply_filters(dataset: Dataset, filters: Filters) -> Dataset:
    """A new Dataset: the recommendations that pass, with only their assessments, indicators and measurements."""
    # Indicators linked to no recommendation are dropped as soon as any filter is set.
    if filters.is_empty:
        return replace(dataset)
    recs = dataset.recommendations
    kept = recs.loc[recommendation_mask(recs, filters)].reset_index(drop=True)
    assessments = dataset.assessments
    if len(assessments):
        assessments = assessments.loc[positions(assessments["cycle"], assessments["rec_id"], kept) >= 0]
    indicators, measurements = dataset.indicators, dataset.measurements
    if len(indicators):
        pairs = {(int(c), r) for c, r in zip(kept["cycle"], kept["id"]) if not pd.isna(c)}
        ids = set(kept["id"])
        linked = [any((int(c), r) in pairs for r in rids) if not pd.isna(c) else not ids.isdisjoint(rids)
                  for c, rids in zip(indicators["cycle"], indicators["rec_ids"])]
        indicators = indicators.loc[np.array(linked, dtype=bool)]
    if len(measurements):
        measurements = measurements.loc[measurements["indicator_id"].isin(set(indicators["indicator_id"]))]
    return replace(dataset, recommendations=kept, assessments=assessments.reset_index(drop=True),
                   indicators=indicators.reset_index(drop=True), measurements=measurements.reset_index(drop=True))


def _in_order(found: set, order: tuple[str, ...]) -> list:
    return [v for v in order if v in found] + sorted(found - set(order), key=str.casefold)


def filter_options(dataset: Dataset, settings: Settings) -> dict[str, list]:
    """Filters field → the choices present in the data, in the order a sidebar should list them."""
    # Cycles ascending, statuses in scale order, responses and priorities in vocabulary order, the rest A–Z.
    recs = dataset.recommendations
    out: dict[str, list] = {}
    for attr, (_, column) in FIELDS.items():
        found = distinct(recs[column]) if column in recs else set()
        if attr == "cycles":
            out[attr] = sorted(int(c) for c in found)
        elif attr == "statuses":
            out[attr] = _in_order(found, settings.status_labels)
        elif attr in ("responses", "priorities"):
            out[attr] = _in_order(found, VOCABULARIES[column].labels)
        else:
            out[attr] = sorted(found, key=lambda v: (str(v).casefold(), str(v)))
    return out
