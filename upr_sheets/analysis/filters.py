"""Sidebar filters: one frozen selection that round-trips through the URL query string and cuts a Dataset.

Query scheme: one key per filter, repeated for several values, never comma-split (theme names hold
commas): `?cycle=2&theme=Land+and+housing&theme=Judiciary`. Within a filter any selected value
matches (OR); across filters all must match (AND). A multi-valued cell matches when any of its values
is selected. The SDG filter selects goals (`?sdg=16`): a recommendation matches when its SDGs cell names the goal
or one of its targets (`16.3`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from upr_sheets.checks.cells import parse_cycle
from upr_sheets.core.contract import VOCABULARIES
from upr_sheets.core.labels import SDG_NAMES
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings

from .frames import distinct, matches, positions

# Filters field → (query-string key, Recommendations column)
FIELDS: dict[str, tuple[str, str]] = {
    "cycles": ("cycle", "cycle"), "responses": ("response", "response"), "themes": ("theme", "themes"),
    "ministries": ("ministry", "ministries"), "working_groups": ("working_group", "working_group"),
    "statuses": ("status", "status"), "priorities": ("priority", "priority"), "states": ("state", "states"),
    "sdgs": ("sdg", "sdgs"),
}
ALL_CYCLES = "all"  # `?cycle=all`: every cycle, pooled, instead of the current one
NUMBERED = ("cycles", "sdgs")  # filters whose values are numbers: cycles, and SDGs by goal
_GOAL = re.compile(r"^\s*(?:sdg|goal)?\s*(\d{1,2})(?:\.\w+)?\s*$", re.IGNORECASE)


def sdg_goal(value: object) -> int | None:
    """The goal (1–17) of an SDGs cell value: `16`, `16.3`, `16.a`, `SDG 5`, `Goal 5.2`; else None."""
    hit = _GOAL.match(str(value))
    goal = int(hit.group(1)) if hit else None
    return goal if goal in SDG_NAMES else None


def _goals(values: Iterable[object]) -> set[int]:
    return {sdg_goal(v) for v in values} - {None}


def _cell_values(cell: object) -> tuple:
    return cell if isinstance(cell, tuple | list) else () if cell is None or cell is pd.NA or cell != cell else (cell,)


def current_cycle(dataset: Dataset, settings: Settings) -> int | None:
    """The review a coalition follows: settings' `current_cycle` when it has recommendations, else the latest cycle
    that has some; None without recommendations."""
    found = sorted(int(c) for c in distinct(dataset.recommendations["cycle"]))
    chosen = settings.dashboard.current_cycle
    return chosen if chosen in found else (found[-1] if found else None)


def with_default_cycle(query: Mapping[str, list[str]], current: int | None) -> dict[str, list[str]]:
    """Query parameters with the current cycle filled in when they name no cycle; `cycle=all` selects every cycle.

    So a page, a copied link or a command opens on the current review, and pooling the reviews is asked for.
    """
    out = {key: list(values) for key, values in query.items()}
    cycles = out.get("cycle", [])
    if any(v.strip().casefold() == ALL_CYCLES for v in cycles):
        out.pop("cycle")
    elif not cycles and current is not None:
        out["cycle"] = [str(current)]
    return out


def query_with_cycles(filters: Filters, current: int | None) -> dict[str, list[str]]:
    """Filters.to_query, saying `cycle=all` when every cycle is selected while a current one exists."""
    query = filters.to_query()
    if not filters.cycles and current is not None:
        query = {"cycle": [ALL_CYCLES], **query}
    return query


def pooled_cycles(dataset: Dataset, filters: Filters) -> int:
    """How many cycles' reviews the figures of `filters` pool (2 or more: say so beside them)."""
    found = distinct(dataset.recommendations["cycle"])
    return len([c for c in found if not filters.cycles or int(c) in filters.cycles])


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
    sdgs: tuple[int, ...] = ()  # goals, 1–17

    def __post_init__(self) -> None:
        for f in fields(self):
            values = getattr(self, f.name)
            values = (values,) if isinstance(values, str | int) else tuple(values)
            if f.name in NUMBERED:
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
            elif attr == "sdgs":
                chosen[attr] = tuple(g for g in map(sdg_goal, values) if g is not None)
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


def recommendation_mask(recs: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Boolean mask over the recommendations that pass every filter."""
    mask = np.ones(len(recs), dtype=bool)
    for attr, (_, column) in FIELDS.items():
        selected = getattr(filters, attr)
        if selected and column in recs:
            mask &= sdg_mask(recs[column], set(selected)) if attr == "sdgs" else matches(recs[column], set(selected))
    return mask


def sdg_mask(cells: pd.Series, goals: set[int]) -> np.ndarray:
    """Boolean mask: the SDGs cell names one of `goals`, or one of their targets."""
    codes, uniques = pd.factorize(cells.map(_cell_values), use_na_sentinel=True)
    hit = np.array([not goals.isdisjoint(_goals(u)) for u in uniques] + [False], dtype=bool)
    return hit[codes]


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
        if attr == "sdgs":
            out[attr] = sorted(_goals(found))
        elif attr == "cycles":
            out[attr] = sorted(int(c) for c in found)
        elif attr == "statuses":
            out[attr] = _in_order(found, settings.status_labels)
        elif attr in ("responses", "priorities"):
            out[attr] = _in_order(found, VOCABULARIES[column].labels)
        else:
            out[attr] = sorted(found, key=lambda v: (str(v).casefold(), str(v)))
    return out
