"""Follow-up: who does what by when — the recommendations whose Due date has passed or comes soon (pure)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd

from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings

from .metrics import top_status

COLUMNS = ["due_date", "state", "cycle", "id", "text", "next_step", "owner", "ministries"]
SOON_DAYS = 30


def follow_up(dataset: Dataset, settings: Settings, today: date | datetime | str, *, days: int = SOON_DAYS,
              ministry: str | None = None) -> pd.DataFrame:
    """[due_date, state (overdue / soon), cycle, id, text, next_step, owner, ministries]: recommendations not fully
    implemented whose Due date has passed or falls within `days`, soonest first (of one ministry, when given)."""
    recs = dataset.recommendations
    if recs.empty or "due_date" not in recs:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    day = pd.Timestamp(today).normalize()
    due = pd.to_datetime(recs["due_date"], errors="coerce")
    keep = due.notna() & (due <= day + timedelta(days=days)) & (recs["status"] != top_status(settings))
    if ministry is not None:
        keep &= recs["ministries"].map(lambda ms: ministry in (ms or ()))
    out = recs.loc[keep, [c for c in COLUMNS if c in recs and c not in ("due_date", "state")]].copy()
    out.insert(0, "due_date", due[keep])
    out.insert(1, "state", ["overdue" if d < day else "soon" for d in due[keep]])
    for column in COLUMNS:
        if column not in out:
            out[column] = None
    out["ministries"] = out["ministries"].map(lambda ms: "; ".join(ms) if isinstance(ms, tuple) else ms)
    return out[COLUMNS].sort_values(["due_date", "cycle", "id"], kind="stable").reset_index(drop=True)


def counts(frame: pd.DataFrame) -> dict[str, int]:
    """{"overdue": n, "soon": m} of a follow_up() frame."""
    return {"overdue": int((frame["state"] == "overdue").sum()), "soon": int((frame["state"] == "soon").sum())}
