"""Pure metrics: Dataset (+ filters) → plain figures and tidy DataFrames. No I/O, no Streamlit.

Grouped metrics explode multi-valued columns: a recommendation with two themes counts once in
each. Rows without a value are kept as their own group, `(none)`, placed last, so that untagged
recommendations stay visible and the groups of a single-valued column add up to the total.
Percentages are 0–100; shares are unrounded, `*_pct` columns are rounded to one decimal (NaN when
there is nothing to divide by).

Frames hold the data's own words (statuses, responses, regional groups in English), which filters and
joins rely on; they are translated where they are shown (charts, pages). The labels that a metric
writes into its output for display (the `none` group, milestone names) are parameters; pages pass them
in the interface language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

import numpy as np
import pandas as pd

from .contract import TABS, VOCABULARIES, canonical
from .frames import explode, positions
from .i18n import N_, _
from .model import Dataset
from .regions import UNKNOWN, regional_group
from .settings import PrivacySettings, Settings
from .sheet_urls import tab_url

NONE = N_("(none)")  # the default group of rows without a value: a key, so shown untranslated unless passed in
RESPONSES = VOCABULARIES["response"].labels
UPR_INFO_BENCHMARKS = {"all": 48.0, "accepted": 55.0, "noted": 19.0}  # % triggered action by mid-term, 1st cycle
MILESTONES = {"review_date": N_("Review"), "adoption_date": N_("Adoption of the outcome"),
              "midterm_due": N_("Mid-term report due"), "next_review": N_("Next review")}


def pct(part: int, whole: int) -> float | None:
    """Percentage with one decimal, or None when there is nothing to divide by."""
    return round(100.0 * part / whole, 1) if whole else None


def triggered_action(recs: pd.DataFrame, settings: Settings) -> dict[str, float | None]:
    """% of recommendations whose status counts as triggered action: all, accepted, noted (UPR Info's measure)."""
    triggered = recs["status"].isin(settings.triggered_statuses)
    out = {"all": pct(int(triggered.sum()), len(recs))}
    for label, response in (("accepted", "Accepted"), ("noted", "Noted")):
        mask = recs["response"] == response
        out[label] = pct(int((triggered & mask).sum()), int(mask.sum()))
    return out


def counts(series: pd.Series, order: list[str] | tuple[str, ...] = ()) -> dict[str, int]:
    """Value counts as a plain dict, in the given order first (zero counts kept), then the rest."""
    found = series.dropna().astype(str).value_counts()
    out = {label: int(found.get(label, 0)) for label in order}
    out.update({str(k): int(v) for k, v in found.items() if k not in out})
    return out


def summary(dataset: Dataset, settings: Settings, cycle: int | None = None) -> dict:
    """Headline figures for the `summary` command and the Overview page."""
    recs = dataset.recommendations
    if cycle is not None:
        recs = recs[recs["cycle"] == cycle]
    by_cycle = {str(int(k)): int(v) for k, v in recs["cycle"].value_counts().sort_index().items()}
    return {
        "recommendations": len(recs),
        "by_cycle": by_cycle,
        "by_response": counts(recs["response"], ("Accepted", "Partially accepted", "Noted", "Pending")),
        "by_status": counts(recs["status"], settings.status_labels),
        "triggered_action": triggered_action(recs, settings),
    }


# ---- helpers ---------------------------------------------------------------------------------------

def _share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """100 * part / whole, 0 where whole is 0."""
    part, whole = np.asarray(part, dtype=float), np.asarray(whole, dtype=float)
    return np.divide(part * 100.0, whole, out=np.zeros(np.broadcast(part, whole).shape), where=whole > 0)


def _pct(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """100 * part / whole rounded to one decimal, NaN where whole is 0."""
    whole = np.asarray(whole, dtype=float)
    return np.where(whole > 0, np.round(_share(part, whole), 1), np.nan)


def _order(settings: Settings, found: pd.Series | np.ndarray) -> list[str]:
    """Status labels in scale order, then any other value found."""
    labels = list(settings.status_labels)
    return labels + sorted({v for v in pd.unique(found) if isinstance(v, str)} - set(labels))


def top_status(settings: Settings) -> str:
    """The highest level of the scale that counts as triggered action (`Fully implemented` by default)."""
    triggered = [label for label in settings.status_labels if label in settings.triggered_statuses]
    return triggered[-1] if triggered else settings.status_labels[-1]


def _groups(recs: pd.DataFrame, field: str, none: str | None = NONE) -> tuple[np.ndarray, np.ndarray]:
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


def _group_order(names: np.ndarray, *keys: np.ndarray, none: str = NONE) -> np.ndarray:
    """Indices sorting groups by the keys (descending), then name; the `none` group last."""
    text = np.array([str(n).casefold() for n in names], dtype=object)
    last = np.array([n == none for n in names])
    return np.lexsort((text, *[-k for k in reversed(keys)], last))


def _assessed(dataset: Dataset) -> pd.DataFrame:
    """[pos, date, row, status] of usable assessments, pos = the recommendation's position; sorted by pos, date, row."""
    a = dataset.assessments
    pos = positions(a["cycle"], a["rec_id"], dataset.recommendations) if len(a) else np.array([], dtype=np.int64)
    when = a["date"].to_numpy(dtype="datetime64[s]")
    keep = (pos >= 0) & ~np.isnat(when) & a["status"].notna().to_numpy()
    take = np.flatnonzero(keep)
    take = take[np.lexsort((a["row"].to_numpy()[take], when[take].astype(np.int64), pos[take]))]
    return pd.DataFrame({"pos": pos[take], "date": when[take], "row": a["row"].to_numpy()[take],
                         "status": a["status"].array.take(take)})


def _last(pos: np.ndarray) -> np.ndarray:
    """Mask of the last entry of each run of equal values."""
    last = np.ones(len(pos), dtype=bool)
    last[:-1] = pos[1:] != pos[:-1]
    return last


# ---- Overview ----------------------------------------------------------------------------------------

def headline(dataset: Dataset, settings: Settings) -> dict:
    """Counts by response, how many were assessed, % triggered action (all / accepted / noted) and benchmarks."""
    recs = dataset.recommendations
    by_response = counts(recs["response"], RESPONSES)
    return {"total": len(recs), "accepted": by_response["Accepted"],
            "partially_accepted": by_response["Partially accepted"], "noted": by_response["Noted"],
            "pending": by_response["Pending"], "assessed": int((recs["status"] != settings.default_status).sum()),
            "triggered_pct": triggered_action(recs, settings), "benchmarks": dict(UPR_INFO_BENCHMARKS)}


def status_distribution(recs: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """[status, count, share]: one row per status in scale order, zeros kept."""
    order = _order(settings, recs["status"])
    found = recs["status"].value_counts()
    count = np.array([int(found.get(s, 0)) for s in order], dtype=np.int64)
    return pd.DataFrame({"status": order, "count": count, "share": _share(count, count.sum())})


def progress_over_time(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    """[date, status, count]: per quarter end, recommendations in each status by their newest assessment so far."""
    # Quarters run from the first assessment to the last; never assessed (yet) counts as the default status.
    order = _order(settings, dataset.assessments["status"])
    a = _assessed(dataset)
    if a.empty:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[s]"), "status": pd.Series(dtype=str),
                             "count": pd.Series(dtype=np.int64)})
    quarter = a["date"].to_numpy().astype("datetime64[M]").astype(np.int64) // 3  # quarters since 1970Q1
    pos, code = a["pos"].to_numpy(), pd.Categorical(a["status"], categories=order).codes.astype(np.int64)
    last = _last(pos) | np.append(quarter[1:] != quarter[:-1], True)
    pos, q, code = pos[last], quarter[last], code[last]
    default = order.index(settings.default_status)
    prev = np.full(len(pos), default)
    same = np.append(False, pos[1:] == pos[:-1])
    prev[same] = code[:-1][same[1:]]
    moved = code != prev
    first = int(quarter.min())
    delta = np.zeros((int(quarter.max()) - first + 1, len(order)), dtype=np.int64)
    np.add.at(delta, (q[moved] - first, code[moved]), 1)
    np.add.at(delta, (q[moved] - first, prev[moved]), -1)
    level = np.cumsum(delta, axis=0)
    level[:, default] += len(dataset.recommendations)
    ends = ((np.arange(first, first + len(delta)) + 1) * 3).astype("datetime64[M]").astype("datetime64[D]")
    dates = (ends - np.timedelta64(1, "D")).astype("datetime64[s]")
    return pd.DataFrame({"date": np.repeat(dates, len(order)), "count": level.ravel(),
                         "status": pd.array(np.tile(np.array(order, dtype=object), len(dates)), dtype=str)}
                        )[["date", "status", "count"]]


def changes_since(dataset: Dataset, since: date | datetime | str, settings: Settings | None = None) -> pd.DataFrame:
    """[id, cycle, text, from, to, date]: recommendations whose status changed after `since`, newest first."""
    # from = the status as of `since` (with settings: the default status when not assessed before); to = the newest.
    a = _assessed(dataset)
    later = (a["date"] > pd.Timestamp(since)).to_numpy()
    before, after = a.loc[~later & _last(np.where(later, -1, a["pos"]))], a.loc[later & _last(a["pos"].to_numpy())]
    old = before.set_index("pos")["status"].reindex(after["pos"]).to_numpy(dtype=object)
    if settings is not None:
        old = np.where(pd.isna(old), settings.default_status, old)
    recs = dataset.recommendations.iloc[after["pos"].to_numpy()]
    out = pd.DataFrame({"id": recs["id"].to_numpy(), "cycle": recs["cycle"].array, "text": recs["text"].to_numpy(),
                        "from": pd.array(old, dtype=str), "to": pd.array(after["status"], dtype=str),
                        "date": after["date"].to_numpy()})
    out = out.loc[out["from"].ne(out["to"]).to_numpy(dtype=bool, na_value=True)].astype({"id": str, "text": str})
    return out.sort_values(["date", "cycle", "id"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def timeline(dataset: Dataset, today: date | datetime | str, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """[cycle, milestone, date, days_left] from the Cycles tab, by date; days_left < 0 for past dates.

    `labels` names the milestones (Cycles column key → label); by default MILESTONES, in the current language.
    """
    labels = {key: _(text) for key, text in MILESTONES.items()} if labels is None else labels
    cycles = dataset.cycles
    columns = [c for c in labels if c in cycles]
    long = cycles.melt(id_vars=["cycle"], value_vars=columns, var_name="key", value_name="date")
    long = long.loc[long["date"].notna() & long["cycle"].notna()].astype({"date": "datetime64[s]"})
    long = long.assign(order=long["key"].map({k: n for n, k in enumerate(columns)}))
    long = long.sort_values(["date", "cycle", "order"], kind="stable")
    days = (long["date"] - pd.Timestamp(today).normalize()).dt.days.astype(np.int64)
    return pd.DataFrame({"cycle": long["cycle"].astype("Int64").array,
                         "milestone": pd.array(long["key"].map(labels).to_numpy(dtype=object), dtype=str),
                         "date": long["date"].array, "days_left": days.to_numpy()})


# ---- Themes, ministries, States ------------------------------------------------------------------------

def _crosstab(recs: pd.DataFrame, field: str, column: str, order: list[str],
              none: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Group names and a groups × `order` grid counting `column`, with `field` exploded into groups."""
    rows, groups = _groups(recs, field, none)
    gcode, names = pd.factorize(groups)
    code = pd.Categorical(recs[column].array.take(rows), categories=order).codes
    ok = code >= 0
    grid = np.bincount(gcode[ok] * len(order) + code[ok], minlength=len(names) * len(order))
    return np.asarray(names, dtype=object), grid.reshape(len(names), len(order))


def _long(names: np.ndarray, grid: np.ndarray, order: list[str], sort: np.ndarray, key: str) -> pd.DataFrame:
    """[group, key, count, share] rows: groups in `sort` order, each with every value of `order`."""
    share = _share(grid, grid.sum(axis=1, keepdims=True))
    out = pd.DataFrame({"group": np.repeat(names[sort], len(order)),
                        key: np.tile(np.array(order, dtype=object), len(sort)),
                        "count": grid[sort].ravel().astype(np.int64), "share": share[sort].ravel()})
    return out.astype({"group": str, key: str})


def status_by(recs: pd.DataFrame, field: str, settings: Settings, none: str = NONE) -> pd.DataFrame:
    """[group, status, count, share]: every group × status (zeros kept), best implemented groups first."""
    # Groups by share at the top status, then share that triggered action, then name; statuses in scale order.
    order = _order(settings, recs["status"])
    names, grid = _crosstab(recs, field, "status", order, none)
    share = _share(grid, grid.sum(axis=1, keepdims=True))
    triggered = share[:, [i for i, s in enumerate(order) if s in settings.triggered_statuses]].sum(axis=1)
    sort = _group_order(names, share[:, order.index(top_status(settings))], triggered, none=none)
    return _long(names, grid, order, sort, "status")


def response_by(recs: pd.DataFrame, field: str, none: str = NONE) -> pd.DataFrame:
    """[group, response, count, share]: groups by number of recommendations, responses found in vocabulary order."""
    found = set(recs["response"].dropna())
    order = [r for r in RESPONSES if r in found] + sorted(found - set(RESPONSES))
    names, grid = _crosstab(recs, field, "response", order, none)
    return _long(names, grid, order, _group_order(names, grid.sum(axis=1), none=none), "response")


def recommendations_in(recs: pd.DataFrame, field: str, group: object, none: str = NONE) -> pd.DataFrame:
    """The recommendations behind one bar: rows whose `field` holds `group` (`none`: rows with no value)."""
    rows, groups = _groups(recs, field, none)
    return recs.iloc[np.unique(rows[groups == group])]


def _disagree(recs: pd.DataFrame, settings: Settings) -> np.ndarray:
    default = settings.default_status
    status, claim = recs["status"], recs["government_status"]
    return (status.ne(claim) & status.ne(default) & claim.ne(default) & claim.notna()).to_numpy(dtype=bool)


def disagreements(recs: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Recommendations where the coalition's status and the government's claim are both set and differ."""
    return recs.loc[_disagree(recs, settings)]


def last_assessed(dataset: Dataset) -> pd.Series:
    """Per recommendation (aligned with its rows): the newest of its assessment dates and Last Assessed."""
    a = _assessed(dataset)
    a = a.loc[_last(a["pos"].to_numpy())]
    newest = np.full(len(dataset.recommendations), np.datetime64("NaT"), dtype="datetime64[s]")
    newest[a["pos"].to_numpy()] = a["date"].to_numpy()
    typed = dataset.recommendations["last_assessed"].to_numpy(dtype="datetime64[s]")
    return pd.Series(np.where(np.isnat(typed) | (newest > typed), newest, typed))


def stale_mask(dataset: Dataset, today: date | datetime | str, months: int) -> np.ndarray:
    """Per recommendation (aligned with its rows): True when it has no assessment in the last `months` months."""
    newest = last_assessed(dataset)
    return (newest.isna() | (newest < pd.Timestamp(today) - pd.DateOffset(months=months))).to_numpy(dtype=bool)


def ministry_scorecard(dataset: Dataset, settings: Settings, today: date | datetime | str,
                       stale_months: int | None = None, none: str = NONE) -> pd.DataFrame:
    """[ministry, assigned, triggered_pct, stale, disagreements] per responsible body, most assigned first."""
    # stale = no assessment in the last `stale_months` months (default: settings' dashboard.stale_after_months).
    recs = dataset.recommendations
    stale = stale_mask(dataset, today, stale_months or settings.dashboard.stale_after_months)
    rows, groups = _groups(recs, "ministries", none)
    frame = pd.DataFrame({"ministry": groups.astype(str), "assigned": 1,
                          "triggered": recs["status"].isin(settings.triggered_statuses).to_numpy()[rows],
                          "stale": stale[rows], "disagreements": _disagree(recs, settings)[rows]})
    card = frame.groupby("ministry", sort=False).sum()
    card = card.iloc[_group_order(card.index.to_numpy(), card["assigned"].to_numpy(), none=none)]
    return pd.DataFrame({"ministry": card.index.to_numpy(dtype=object), "assigned": card["assigned"].to_numpy(),
                         "triggered_pct": _pct(card["triggered"], card["assigned"]),
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
    out = out.assign(triggered_pct=_pct(g["triggered"], g["count"]), fully_pct=_pct(g["fully"], g["count"]))
    return out.reset_index().astype({"cycle": "Int64"})


def _made(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    g = frame.groupby(key, sort=False).agg(made=("row", "size"), accepted=("accepted", "sum"),
                                           triggered=("triggered", "sum"))
    return g.assign(accepted_pct=_pct(g["accepted"], g["made"]), triggered_pct=_pct(g["triggered"], g["made"]))


def _by_state(recs: pd.DataFrame, settings: Settings, field: str) -> pd.DataFrame:
    rows, groups = _groups(recs, field, None)
    return pd.DataFrame({field: groups.astype(str), "row": rows,
                         "accepted": (recs["response"] == "Accepted").to_numpy()[rows],
                         "triggered": recs["status"].isin(settings.triggered_statuses).to_numpy()[rows]})


def state_table(recs: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """[state, regional_group, made, accepted_pct, triggered_pct] per recommending State, most recommendations first."""
    g = _made(_by_state(recs, settings, "states"), "states")
    g = g.iloc[_group_order(g.index.to_numpy(), g["made"].to_numpy())]
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
    g = g.iloc[_group_order(g.index.to_numpy(), g["made"].to_numpy())]
    return pd.DataFrame({"regional_group": g.index.to_numpy(dtype=object),
                         "states": per_group.reindex(g.index).fillna(0).to_numpy(np.int64),
                         "made": g["made"].to_numpy(np.int64), "accepted_pct": g["accepted_pct"].to_numpy(),
                         "triggered_pct": g["triggered_pct"].to_numpy()}).astype({"regional_group": str})


# ---- Indicators, one recommendation, data quality ------------------------------------------------------

def indicator_progress(dataset: Dataset) -> pd.DataFrame:
    """Per indicator: id, name, type, unit, direction, baseline, target, latest (value, date), count, progress %."""
    # progress_pct = (latest − baseline) / (target − baseline) × 100, clipped to −100…100; NaN for qualitative
    # indicators, a missing number, target = baseline, or a target on the wrong side of Direction.
    ind, m = dataset.indicators, dataset.measurements
    m = m.loc[m["date"].notna()].sort_values(["date", "row"], kind="stable")
    numeric = m.loc[m["numeric_value"].notna()].drop_duplicates("indicator_id", keep="last").set_index("indicator_id")
    newest = m.drop_duplicates("indicator_id", keep="last").set_index("indicator_id")
    ids = ind["indicator_id"]
    qualitative = (ind["type"] == "Qualitative").to_numpy(dtype=bool, na_value=False)
    latest = np.where(qualitative, np.nan, numeric["numeric_value"].reindex(ids).to_numpy(dtype=float))
    when = np.where(qualitative, newest["date"].reindex(ids), numeric["date"].reindex(ids))
    base, target = ind["baseline_value"].to_numpy(dtype=float), ind["target_value"].to_numpy(dtype=float)
    span = target - base
    direction = ind["direction"].to_numpy(dtype=object)
    wrong = ((direction == "Increase") & (span < 0)) | ((direction == "Decrease") & (span > 0))
    with np.errstate(divide="ignore", invalid="ignore"):
        progress = np.clip((latest - base) / span * 100.0, -100.0, 100.0)
    progress = np.where(qualitative | wrong | (span == 0) | ~np.isfinite(progress), np.nan, np.round(progress, 1))
    return pd.DataFrame({"indicator_id": ids.to_numpy(dtype=object),
                         "indicator": ind["indicator"].to_numpy(dtype=object),
                         "type": ind["type"].array, "unit": ind["unit"].to_numpy(dtype=object),
                         "direction": ind["direction"].array, "baseline": base, "target": target, "latest": latest,
                         "latest_date": pd.array(when, dtype=m["date"].dtype),
                         "measurements": m["indicator_id"].value_counts().reindex(ids).fillna(0).to_numpy(np.int64),
                         "progress_pct": progress})


def indicator_series(dataset: Dataset, indicator_id: str) -> pd.DataFrame:
    """[date, value, note, source]: an indicator's numeric measurements, oldest first."""
    m = dataset.measurements
    m = m.loc[(m["indicator_id"] == indicator_id) & m["date"].notna() & m["numeric_value"].notna()]
    m = m.sort_values(["date", "row"], kind="stable")
    return pd.DataFrame({"date": m["date"].array, "value": m["numeric_value"].to_numpy(dtype=float),
                         "note": m["note"].to_numpy(dtype=object), "source": m["source"].to_numpy(dtype=object)})


def qualitative_log(dataset: Dataset, indicator_id: str) -> pd.DataFrame:
    """[date, value, note, source]: every measurement of an indicator as a dated log, newest first."""
    m = dataset.measurements
    m = m.loc[m["indicator_id"] == indicator_id].sort_values(["date", "row"], ascending=False, kind="stable")
    return pd.DataFrame({"date": m["date"].array, "value": m["value"].to_numpy(dtype=object),
                         "note": m["note"].to_numpy(dtype=object), "source": m["source"].to_numpy(dtype=object)})


def private_keys(privacy: PrivacySettings) -> set[str]:
    """Column keys (any tab) whose headers the settings mark as private."""
    private = {canonical(h) for h in privacy.private_columns}
    return {c.key for tab in TABS for c in tab.columns if canonical(c.header) in private}


def recommendation_detail(dataset: Dataset, cycle: int, rec_id: str, settings: Settings | None = None,
                          include_private: bool = False) -> dict | None:
    """{"recommendation": fields, "assessments": history oldest first, "indicators": progress rows}, or None."""
    # Private columns (settings.privacy) are left out unless include_private; with settings, `disagrees` says
    # whether the coalition's status and the government's claim differ.
    recs = dataset.recommendations
    hit = recs.loc[(recs["cycle"] == cycle).to_numpy(dtype=bool, na_value=False) & (recs["id"] == rec_id).to_numpy()]
    if hit.empty:
        return None
    hidden = set() if include_private else private_keys(settings.privacy if settings else PrivacySettings())
    fields = {k: v for k, v in hit.iloc[0].items() if k not in hidden}
    if settings is not None:
        fields["disagrees"] = bool(_disagree(hit.iloc[:1], settings)[0])
    a = dataset.assessments
    a = a.loc[(a["cycle"] == cycle).to_numpy(dtype=bool, na_value=False) & (a["rec_id"] == rec_id).to_numpy()]
    a = a.sort_values(["date", "row"], kind="stable")
    columns = [c for c in ("date", "status", "government_status", "evidence", "assessed_by", "internal_notes")
               if c in a and c not in hidden]
    ind = dataset.indicators
    linked = [rec_id in rids and (pd.isna(c) or int(c) == cycle) for c, rids in zip(ind["cycle"], ind["rec_ids"])]
    progress = indicator_progress(dataset)
    return {"recommendation": fields, "assessments": a[columns].reset_index(drop=True),
            "indicators": progress.loc[np.array(linked, dtype=bool)].reset_index(drop=True)}


def sheet_link(dataset: Dataset, sheet: str, cell: str = "") -> str | None:
    """A link that opens the tab (and cell) in Google Sheets, or None for other sources."""
    return tab_url(dataset.url, dataset.sheet_ids.get(sheet), cell)


def issues_table(dataset: Dataset) -> pd.DataFrame:
    """[sheet, cell, code, severity, column, value, message, link] for every issue, in sheet order."""
    columns = ["sheet", "cell", "code", "severity", "column", "value", "message"]
    frame = pd.DataFrame([i.as_dict() for i in dataset.issues], columns=[*columns, "row"])[columns]
    links = [sheet_link(dataset, i.sheet, i.cell) for i in dataset.issues]
    return frame.assign(link=pd.Series(links, index=frame.index, dtype=object)).astype({c: str for c in columns})


def issue_groups(dataset: Dataset) -> pd.DataFrame:
    """[sheet, code, severity, count]: issues per tab (in sheet order) and code, most frequent first."""
    frame = issues_table(dataset)
    tab_order = {s: n for n, s in enumerate(dict.fromkeys(frame["sheet"]))}
    g = frame.groupby(["sheet", "code", "severity"], sort=False).size().rename("count").reset_index()
    g = g.assign(t=g["sheet"].map(tab_order)).sort_values(["t", "count", "code"], ascending=[True, False, True])
    return g.drop(columns="t").reset_index(drop=True).astype({"count": np.int64})
