"""Indicators: each one's latest value against its baseline and target, its numeric series and the dated log of
a qualitative indicator. Pure: Dataset frames in, tidy DataFrames out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from upr_sheets.core.model import Dataset


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
