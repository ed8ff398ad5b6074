"""Pure metrics: Dataset (+ filters) → headline figures, status over time, the UPR calendar. No I/O, no Streamlit.

The figures by group (theme, ministry, State, cycle) are in upr_sheets.analysis.breakdowns, indicators in
upr_sheets.indicators, one recommendation and the issues in upr_sheets.analysis.quality; the shared helpers they
use (shares, status order, the newest assessment of each recommendation) are here.
Percentages are 0–100; shares are unrounded (bar lengths), `pct` values and `*_pct` columns are whole percents
rounded half up (NaN / None when there is nothing to divide by): the one rounding rule of every label, page,
report, export and published page, so that a figure reads the same wherever it is shown.

Frames hold the data's own words (statuses, responses, regional groups in English), which filters and
joins rely on; they are translated where they are shown (charts, pages). The labels that a metric
writes into its output for display (the `none` group, milestone names) are parameters; pages pass them
in the interface language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime

import numpy as np
import pandas as pd

from upr_sheets.core.contract import VOCABULARIES
from upr_sheets.core.i18n import N_, _
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings

from .filters import FIELDS, Filters
from .frames import positions

NONE = N_("(none)")  # the default group of rows without a value: a key, so shown untranslated unless passed in
RESPONSES = VOCABULARIES["response"].labels
UPR_INFO_BENCHMARKS = {"all": 48.0, "accepted": 55.0, "noted": 19.0}  # % triggered action by mid-term, 1st cycle
MILESTONES = {"review_date": N_("Review"), "adoption_date": N_("Adoption of the outcome"),
              "midterm_due": N_("Mid-term report due"), "next_review": N_("Next review")}


def pct(part: int, whole: int) -> float | None:
    """Whole percentage rounded half up (64.5 → 65), or None when there is nothing to divide by."""
    return float(math.floor(100.0 * part / whole + 0.5)) if whole else None


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


def share_of(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """100 * part / whole, 0 where whole is 0."""
    part, whole = np.asarray(part, dtype=float), np.asarray(whole, dtype=float)
    return np.divide(part * 100.0, whole, out=np.zeros(np.broadcast(part, whole).shape), where=whole > 0)


def pct_of(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """100 * part / whole as a whole percent rounded half up (as `pct`), NaN where whole is 0."""
    whole = np.asarray(whole, dtype=float)
    return np.where(whole > 0, np.floor(share_of(part, whole) + 0.5), np.nan)


def status_order(settings: Settings, found: pd.Series | np.ndarray) -> list[str]:
    """Status labels in scale order, then any other value found."""
    labels = list(settings.status_labels)
    return labels + sorted({v for v in pd.unique(found) if isinstance(v, str)} - set(labels))


def top_status(settings: Settings) -> str:
    """The highest level of the scale that counts as triggered action (`Fully implemented` by default)."""
    triggered = [label for label in settings.status_labels if label in settings.triggered_statuses]
    return triggered[-1] if triggered else settings.status_labels[-1]


def assessed(dataset: Dataset) -> pd.DataFrame:
    """[pos, date, row, status] of usable assessments, pos = the recommendation's position; sorted by pos, date, row."""
    a = dataset.assessments
    pos = positions(a["cycle"], a["rec_id"], dataset.recommendations) if len(a) else np.array([], dtype=np.int64)
    when = a["date"].to_numpy(dtype="datetime64[s]")
    keep = (pos >= 0) & ~np.isnat(when) & a["status"].notna().to_numpy()
    take = np.flatnonzero(keep)
    take = take[np.lexsort((a["row"].to_numpy()[take], when[take].astype(np.int64), pos[take]))]
    return pd.DataFrame({"pos": pos[take], "date": when[take], "row": a["row"].to_numpy()[take],
                         "status": a["status"].array.take(take)})


def last_of_runs(pos: np.ndarray) -> np.ndarray:
    """Mask of the last entry of each run of equal values."""
    last = np.ones(len(pos), dtype=bool)
    last[:-1] = pos[1:] != pos[:-1]
    return last


def headline(dataset: Dataset, settings: Settings) -> dict:
    """Counts by response, how many were assessed, % triggered action (all / accepted / noted) and benchmarks."""
    recs = dataset.recommendations
    by_response = counts(recs["response"], RESPONSES)
    return {"total": len(recs), "accepted": by_response["Accepted"],
            "partially_accepted": by_response["Partially accepted"], "noted": by_response["Noted"],
            "pending": by_response["Pending"], "assessed": assessed_count(recs, settings),
            "triggered_pct": triggered_action(recs, settings), "benchmarks": dict(UPR_INFO_BENCHMARKS)}


def assessed_count(recs: pd.DataFrame, settings: Settings) -> int:
    """How many recommendations have a status other than the default one (`No information`)."""
    return int((recs["status"].notna() & (recs["status"] != settings.default_status)).sum())


def status_distribution(recs: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """[status, count, share, pct]: one row per status in scale order, zeros kept."""
    order = status_order(settings, recs["status"])
    found = recs["status"].value_counts()
    count = np.array([int(found.get(s, 0)) for s in order], dtype=np.int64)
    return pd.DataFrame({"status": order, "count": count, "share": share_of(count, count.sum()),
                         "pct": pct_of(count, np.full(len(count), count.sum()))})


def comparable(filters: Filters | None, pooled: int) -> bool:
    """Whether UPR Info's benchmarks describe the population in view: one cycle, cut by Response at most."""
    others = [attr for attr in FIELDS if attr not in ("cycles", "responses")]
    return pooled <= 1 and (filters is None or not any(getattr(filters, attr) for attr in others))


def triggered_rows(recs: pd.DataFrame, settings: Settings, filters: Filters | None = None,
                   pooled: int = 1) -> pd.DataFrame:
    """[group, n, triggered, pct, benchmark]: % triggered action of the populations in view (all, accepted,
    noted), each beside UPR Info's benchmark of the same population, or NaN where none compares like with like.

    "all" only when no Response is selected; a response group only when selected (or none is) and present.
    """
    chosen = set(filters.responses) if filters is not None else set()
    ok = comparable(filters, pooled)
    triggered = recs["status"].isin(settings.triggered_statuses).to_numpy(dtype=bool)
    rows = []
    if not chosen:
        rows.append(("all", np.ones(len(recs), dtype=bool)))
    for group, response in (("accepted", "Accepted"), ("noted", "Noted")):
        mask = (recs["response"] == response).to_numpy(dtype=bool, na_value=False)
        if (not chosen or response in chosen) and mask.any():
            rows.append((group, mask))
    n = [int(m.sum()) for _g, m in rows]
    hit = [int((triggered & m).sum()) for _g, m in rows]
    return pd.DataFrame({"group": [g for g, _m in rows], "n": np.array(n, dtype=np.int64),
                         "triggered": np.array(hit, dtype=np.int64),
                         "pct": [pct(h, k) for h, k in zip(hit, n)],
                         "benchmark": [UPR_INFO_BENCHMARKS[g] if ok else np.nan for g, _m in rows]}).astype(
        {"pct": float, "benchmark": float})


def progress_over_time(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    """[date, status, count]: per quarter end, recommendations in each status by their newest assessment so far."""
    # Quarters run from the first assessment to the last; never assessed (yet) counts as the default status.
    order = status_order(settings, dataset.assessments["status"])
    a = assessed(dataset)
    if a.empty:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[s]"), "status": pd.Series(dtype=str),
                             "count": pd.Series(dtype=np.int64)})
    quarter = a["date"].to_numpy().astype("datetime64[M]").astype(np.int64) // 3  # quarters since 1970Q1
    pos, code = a["pos"].to_numpy(), pd.Categorical(a["status"], categories=order).codes.astype(np.int64)
    last = last_of_runs(pos) | np.append(quarter[1:] != quarter[:-1], True)
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
    a = assessed(dataset)
    later = (a["date"] > pd.Timestamp(since)).to_numpy()
    before = a.loc[~later & last_of_runs(np.where(later, -1, a["pos"]))]
    after = a.loc[later & last_of_runs(a["pos"].to_numpy())]
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


def disagree_mask(recs: pd.DataFrame, settings: Settings) -> np.ndarray:
    default = settings.default_status
    status, claim = recs["status"], recs["government_status"]
    return (status.ne(claim) & status.ne(default) & claim.ne(default) & claim.notna()).to_numpy(dtype=bool)


def disagreements(recs: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Recommendations where the coalition's status and the government's claim are both set and differ."""
    return recs.loc[disagree_mask(recs, settings)]


def last_assessed(dataset: Dataset) -> pd.Series:
    """Per recommendation (aligned with its rows): the newest of its assessment dates and Last Assessed."""
    a = assessed(dataset)
    a = a.loc[last_of_runs(a["pos"].to_numpy())]
    newest = np.full(len(dataset.recommendations), np.datetime64("NaT"), dtype="datetime64[s]")
    newest[a["pos"].to_numpy()] = a["date"].to_numpy()
    typed = dataset.recommendations["last_assessed"].to_numpy(dtype="datetime64[s]")
    return pd.Series(np.where(np.isnat(typed) | (newest > typed), newest, typed))


def stale_mask(dataset: Dataset, today: date | datetime | str, months: int) -> np.ndarray:
    """Per recommendation (aligned with its rows): True when it has no assessment in the last `months` months."""
    newest = last_assessed(dataset)
    return (newest.isna() | (newest < pd.Timestamp(today) - pd.DateOffset(months=months))).to_numpy(dtype=bool)
