"""The typed results of a load: Issue, Dataset."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import pandas as pd

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One problem found in the sheet, located at a cell in the sheet's own numbering."""

    sheet: str  # tab title as in the source
    cell: str  # A1 reference, e.g. "E14"; the header cell for header problems; "" for a whole tab
    row: int  # sheet row number (header = 1); 0 for a whole tab
    column: str  # header as in the source (or the canonical header when the column is missing)
    value: str  # the value as typed ("" when empty)
    code: str  # stable kebab-case code
    severity: Severity
    message: str

    @property
    def where(self) -> str:
        """`Recommendations!E14`, or the tab alone for tab-level issues."""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form used by the CLI and the Data quality page."""
        return {"sheet": self.sheet, "cell": self.cell, "row": self.row, "column": self.column,
                "value": self.value, "code": self.code, "severity": self.severity, "message": self.message}


@dataclass(frozen=True)
class TabReport:
    """Row counts for one tab."""

    title: str  # tab title as in the source ("" when absent)
    rows: int  # non-empty data rows
    valid: int
    quarantined: int
    present: bool = True


@dataclass
class Dataset:
    """The normalised, typed workbook plus everything validation found.

    Tables (pandas DataFrames, one row per valid sheet row, with a `row` column = sheet row):
    recommendations, assessments, indicators, measurements, cycles, members, share_links;
    `lists` maps a list name (themes, ministries, working_groups, organizations) to its values.
    Multi-valued cells are tuples of strings. `quarantine` holds the raw rows that had errors.
    """

    recommendations: pd.DataFrame
    assessments: pd.DataFrame
    indicators: pd.DataFrame
    measurements: pd.DataFrame
    cycles: pd.DataFrame
    members: pd.DataFrame
    share_links: pd.DataFrame
    lists: dict[str, tuple[str, ...]]
    issues: list[Issue]
    tabs: dict[str, TabReport]  # keyed by tab key
    quarantine: dict[str, pd.DataFrame]  # tab key → raw rows (as text) with `row` and `codes`
    source: str = ""
    kind: str = "file"
    url: str | None = None
    fetched_at: datetime | None = None
    requests: int = 0
    sheet_ids: dict[str, int] = field(default_factory=dict)  # tab title → Sheets gid
    public: bool = False  # True only for the redacted copy made by redact.public_dataset
    # The source's display name for outputs, in English (translated where shown), set by `sync`; "" when the
    # Dataset was built otherwise (outputs then show `source`)
    source_label: str = ""

    @property
    def errors(self) -> list[Issue]:
        """Issues of severity error."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        """Issues of severity warning."""
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def quarantined_rows(self) -> int:
        """How many rows, over all tabs, could not be used."""
        return sum(t.quarantined for t in self.tabs.values())
