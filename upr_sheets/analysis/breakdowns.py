"""Figures by group: status and responses by theme, ministry or recommending State, the ministries'
scorecard, cycles side by side, States and UN regional groups. Pure: Dataset frames in, tidy DataFrames out.

Multi-valued columns are exploded: a recommendation with two themes counts once in each. Rows without a
value form their own group (`none`, default `(none)`), placed last, so untagged recommendations stay visible.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

from upr_sheets.core.model import Dataset
from upr_sheets.core.regions import UNKNOWN, regional_group
from upr_sheets.core.settings import Settings

from .frames import explode
from .metrics import NONE, RESPONSES, disagree_mask, pct_of, share_of, stale_mask, status_order, top_status


def groups_of_rows(recs: pd.DataFrame, field: str, none: str | None = NONE) -> tuple[np.ndarray, np.ndarray]:
    """(row positions, group values) for a column; `regional_group` groups the recommending States."""
    if field != "regional_group":
        return explode(recs[field], none)
    rows, states = explode(recs["states"])
    codes, uniques = pd.factorize(states)
    names, of_state = np.unique(np.array([regional_group(s) for s in uniques] + [UNKNOWN], dtype=object),
                                return_inverse=True)
    keys = np.unique(rows * len(names) + of_state[codes])
    rows, groups = keys // len(names), names[keys % len(names)]
    if none is not None:
        missing = np.setdiff1d(np.arange(len(recs)), rows)
        order = np.argsort(np.concatenate([rows, missing]), kind="stable")
        rows = np.concatenate([rows, missing])[order]
        groups = np.concatenate([groups, np.full(len(missing), none, dtype=object)])[order]
    return rows, groups


def group_order(names: np.ndarray, *keys: np.ndarray, none: str = NONE) -> np.ndarray:
    """Indices sorting groups by the keys (descending), then name; the `none` group last."""
    text = np.array([str(n).casefold() for n in names], dtype=object)
    last = np.array([n == none for n in names])
    return np.lexsort((text, *[-k for k in reversed(keys)], last))


def _crosstab(recs: pd.DataFrame, field: str, column: str, order: list[str],
              none: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Group names and a groups × `order` grid counting `column`, with `field` exploded into groups."""
    rows, groups = groups_of_rows(recs, field, none)
    gcode, names = pd.factorize(groups)
    code = pd.Categorical(recs[column].array.take(rows), categories=order).codes
    ok = code >= 0
    grid = np.bincount(gcode[ok] * len(order) + code[ok], minlength=len(names) * len(order))
    return np.asarray(names, dtype=object), grid.reshape(len(names), len(order))


def _long(names: np.ndarray, grid: np.ndarray, order: list[str], sort: np.ndarray, key: str) -> pd.DataFrame:
    """[group, key, count, share] rows: groups in `sort` order, each with every value of `order`."""
    share = share_of(grid, grid.sum(axis=1, keepdims=True))
    out = pd.DataFrame({"group": np.repeat(names[sort], len(order)),
                        key: np.tile(np.array(order, dtype=object), len(sort)),
                        "count": grid[sort].ravel().astype(np.int64), "share": share[sort].ravel()})
    return out.astype({"group": str, key: str})


def status_by(recs: pd.DataFrame, field: str, settings: Settings, none: str = NONE,
              by: str = "share") -> pd.DataFrame:
    """[group, status, count, share]: every group × status (zeros kept), best implemented groups first, or with
    `by="count"` the groups with the most recommendations first."""
    # By share: at the top status, then share that triggered action, then name; statuses in scale order.
    order = status_order(settings, recs["status"])
    names, grid = _crosstab(recs, field, "status", order, none)
    share = share_of(grid, grid.sum(axis=1, keepdims=True))
    triggered = share[:, [i for i, s in enumerate(order) if s in settings.triggered_statuses]].sum(axis=1)
    keys = (grid.sum(axis=1),) if by == "count" else (share[:, order.index(top_status(settings))], triggered)
    sort = group_order(names, *keys, none=none)
    return _long(names, grid, order, sort, "status")


def response_by(recs: pd.DataFrame, field: str, none: str = NONE) -> pd.DataFrame:
    """[group, response, count, share]: groups by number of recommendations, responses found in vocabulary order."""
    found = set(recs["response"].dropna())
    order = [r for r in RESPONSES if r in found] + sorted(found - set(RESPONSES))
    names, grid = _crosstab(recs, field, "response", order, none)
    return _long(names, grid, order, group_order(names, grid.sum(axis=1), none=none), "response")


def recommendations_in(recs: pd.DataFrame, field: str, group: object, none: str = NONE) -> pd.DataFrame:
    """The recommendations behind one bar: rows whose `field` holds `group` (`none`: rows with no value)."""
    rows, groups = groups_of_rows(recs, field, none)
    return recs.iloc[np.unique(rows[groups == group])]


def ministry_scorecard(dataset: Dataset, settings: Settings, today: date | datetime | str,
                       stale_months: int | None = None, none: str = NONE) -> pd.DataFrame:
    """[ministry, assigned, triggered_pct, stale, disagreements] per responsible body, most assigned first."""
    # stale = no assessment in the last `stale_months` months (default: settings' dashboard.stale_after_months).
    recs = dataset.recommendations
    stale = stale_mask(dataset, today, stale_months or settings.dashboard.stale_after_months)
    rows, groups = groups_of_rows(recs, "ministries", none)
    frame = pd.DataFrame({"ministry": groups.astype(str), "assigned": 1,
                          "triggered": recs["status"].isin(settings.triggered_statuses).to_numpy()[rows],
                          "stale": stale[rows], "disagreements": disagree_mask(recs, settings)[rows]})
    card = frame.groupby("ministry", sort=False).sum()
    card = card.iloc[group_order(card.index.to_numpy(), card["assigned"].to_numpy(), none=none)]
    return pd.DataFrame({"ministry": card.index.to_numpy(dtype=object), "assigned": card["assigned"].to_numpy(),
                         "triggered_pct": pct_of(card["triggered"], card["assigned"]),
                         "stale": card["stale"].to_numpy(np.int64),
                         "disagreements": card["disagreements"].to_numpy(np.int64)}).astype({"ministry": str})


def cycle_comparison(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    """[cycle, count, accepted, partially_accepted, noted, pending, triggered_pct, fully_pct] per cycle."""
    recs = dataset.recommendations
    frame = pd.DataFrame({"cycle": recs["cycle"].array, "count": 1,
                          "triggered": recs["status"].isin(settings.triggered_statuses).to_numpy(),
                          "fully": (recs["status"] == top_status(settings)).to_numpy()})
    for response in RESPONSES:
        frame[response.lower().replace(" ", "_")] = (recs["response"] == response).to_numpy()
    g = frame.dropna(subset=["cycle"]).groupby("cycle").sum().sort_index()
    out = g[["count", "accepted", "partially_accepted", "noted", "pending"]].astype(np.int64)
    out = out.assign(triggered_pct=pct_of(g["triggered"], g["count"]), fully_pct=pct_of(g["fully"], g["count"]))
    return out.reset_index().astype({"cycle": "Int64"})


def _made(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    g = frame.groupby(key, sort=False).agg(made=("row", "size"), accepted=("accepted", "sum"),
                                           triggered=("triggered", "sum"))
    return g.assign(accepted_pct=pct_of(g["accepted"], g["made"]), triggered_pct=pct_of(g["triggered"], g["made"]))


def _by_state(recs: pd.DataFrame, settings: Settings, field: str) -> pd.DataFrame:
    rows, groups = groups_of_rows(recs, field, None)
    return pd.DataFrame({field: groups.astype(str), "row": rows,
                         "accepted": (recs["response"] == "Accepted").to_numpy()[rows],
                         "triggered": recs["status"].isin(settings.triggered_statuses).to_numpy()[rows]})


def state_table(recs: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """[state, regional_group, made, accepted_pct, triggered_pct] per recommending State, most recommendations first."""
    g = _made(_by_state(recs, settings, "states"), "states")
    g = g.iloc[group_order(g.index.to_numpy(), g["made"].to_numpy())]
    states = g.index.to_numpy(dtype=object)
    return pd.DataFrame({"state": states, "regional_group": [regional_group(s) for s in states],
                         "made": g["made"].to_numpy(np.int64), "accepted_pct": g["accepted_pct"].to_numpy(),
                         "triggered_pct": g["triggered_pct"].to_numpy()}).astype({"state": str,
                                                                                  "regional_group": str})


def regional_table(recs: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """[regional_group, states, made, accepted_pct, triggered_pct] per UN regional group, largest first."""
    # A recommendation made by several States of one group counts once for it; states = distinct States.
    frame = _by_state(recs, settings, "regional_group")
    g = _made(frame, "regional_group")
    rows, names = explode(recs["states"])
    per_group = pd.Series([regional_group(s) for s in pd.unique(names)], dtype=object).value_counts()
    g = g.iloc[group_order(g.index.to_numpy(), g["made"].to_numpy())]
    return pd.DataFrame({"regional_group": g.index.to_numpy(dtype=object),
                         "states": per_group.reindex(g.index).fillna(0).to_numpy(np.int64),
                         "made": g["made"].to_numpy(np.int64), "accepted_pct": g["accepted_pct"].to_numpy(),
                         "triggered_pct": g["triggered_pct"].to_numpy()}).astype({"regional_group": str})
