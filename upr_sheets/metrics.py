"""Pure metrics: Dataset (+ filters) → plain figures and tidy DataFrames. No I/O, no Streamlit."""

from __future__ import annotations

import pandas as pd

from .model import Dataset
from .settings import Settings


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
