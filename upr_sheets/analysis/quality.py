"""One recommendation in full, and the issues of a load as tables (with links to the cell in Google Sheets).
Pure: Dataset in, dicts and DataFrames out; private columns are left out unless asked for."""

from __future__ import annotations

import numpy as np
import pandas as pd

from upr_sheets.core.contract import TABS, canonical
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import PrivacySettings, Settings
from upr_sheets.core.sheet_urls import tab_url

from .indicator_figures import indicator_progress
from .metrics import disagree_mask


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
        fields["disagrees"] = bool(disagree_mask(hit.iloc[:1], settings)[0])
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
