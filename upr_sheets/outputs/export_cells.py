"""Dataset values as the cells of exported files: text, dates, and each recommendation's newest assessment.

Shared by the export table (`exports`) and the OHCHR matrix (`matrix`); pure, no Streamlit.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from upr_sheets.analysis.frames import positions
from upr_sheets.core.model import Dataset


def cell_text(value: object) -> str | None:
    """A cell as text: tuples joined with `; `, blanks None."""
    if isinstance(value, tuple | list):
        return "; ".join(str(v) for v in value) or None
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value) if str(value) else None


def cell_day(value: object) -> date | None:
    """A cell as a date, blanks None."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def latest_assessments(dataset: Dataset) -> tuple[list[date | None], list[str | None]]:
    """Per recommendation: the date and evidence of its newest dated assessment."""
    recs, a = dataset.recommendations, dataset.assessments
    dates: list[date | None] = [None] * len(recs)
    evidence: list[str | None] = [None] * len(recs)
    if not len(a):
        return dates, evidence
    pos = positions(a["cycle"], a["rec_id"], recs)
    keep = (pos >= 0) & a["date"].notna().to_numpy()
    a = a.assign(_pos=pos).loc[keep].sort_values(["_pos", "date", "row"], kind="stable")
    a = a.drop_duplicates("_pos", keep="last")
    notes = a["evidence"] if "evidence" in a else pd.Series(None, index=a.index, dtype=object)
    for p, when, text in zip(a["_pos"], a["date"], notes):
        dates[p], evidence[p] = cell_day(when), cell_text(text)
    return dates, evidence
