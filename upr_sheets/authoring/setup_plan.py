"""What `setup-sheet` would add to a workbook: the pure plan, shared by the Google Sheets and .xlsx back ends.

The plan only ever adds: missing contract tabs (with their header row), missing columns after the last
used column, dropdowns, text formats, frozen and protected headers, Status colours. It never deletes,
renames, reorders or overwrites a tab, a column or a cell that holds data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from upr_sheets.core.contract import LISTS, STATUS, TABS, VOCABULARIES, Column, Kind, Tab, canonical
from upr_sheets.core.settings import Settings

# Columns outside the Recommendations tab whose values come from a Lists column as well.
EXTRA_LOOKUPS = {("members", "organization"): "organizations", ("members", "working_group"): "working_groups"}
PROTECT_DESCRIPTION = "UPR Monitor header row: rename or move a column only if you know the dashboard's contract"


@dataclass(frozen=True)
class Dropdown:
    """A column's dropdown: fixed values (accepting `aliases` too) or a column of the Lists tab."""

    values: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    lists_column: int | None = None  # 0-based column of the Lists tab
    multi: bool = False  # the cell may hold several values separated by ;

    def help_text(self) -> str:
        """The note shown when the cell is selected."""
        if self.lists_column is not None:
            extra = " Several values: separate them with ;." if self.multi else ""
            return f"Pick a value of the {LISTS.title} tab, or add it there first.{extra}"
        text = "Choose from the list."
        if self.aliases:
            shown = ", ".join(self.aliases[:12]) + (", …" if len(self.aliases) > 12 else "")
            text += f" Also accepted: {shown}."
        return text[:480]


@dataclass
class TabPlan:
    """One contract tab: where it is, which columns are where, what to add."""

    tab: Tab
    title: str
    exists: bool
    columns: dict[str, int]  # contract column key → 0-based column index (after the set-up)
    new_headers: list[tuple[int, str]] = field(default_factory=list)  # (column index, header) to write in row 1
    width: int = 0  # columns used after the set-up

    @property
    def changes(self) -> list[str]:
        """What adding the tab or its columns means, in words."""
        if not self.exists:
            return [f"add the `{self.title}` tab with its {len(self.new_headers)} column headers"]
        return [f"add column `{header}` to `{self.title}`" for _, header in self.new_headers]


def find_title(titles: list[str], tab: Tab, settings: Settings) -> str | None:
    """The title of the workbook's tab for this contract tab (configured title, contract title or alias)."""
    by_name = {canonical(title): title for title in reversed(titles)}
    for name in (settings.tab_title(tab.key), tab.title, *tab.aliases):
        if canonical(name) in by_name:
            return by_name[canonical(name)]
    return None


def _header_index(headers: list[Any], col: Column) -> int | None:
    names = {canonical(col.header), *(canonical(alias) for alias in col.aliases)}
    for index, header in enumerate(headers):
        if header not in (None, "") and canonical(str(header)) in names:
            return index
    return None


def plan_tab(tab: Tab, title: str | None, rows: list[list[Any]] | None, settings: Settings) -> TabPlan:
    """The plan for one tab given its rows (None when the tab does not exist)."""
    if title is None or rows is None:
        title = settings.tab_title(tab.key)
        columns = {col.key: i for i, col in enumerate(tab.columns)}
        return TabPlan(tab, title, False, columns, [(i, col.header) for i, col in enumerate(tab.columns)],
                       len(tab.columns))
    headers = list(rows[0]) if rows else []
    used = max((len(row) for row in rows), default=0)  # a column holding data below an empty header is used
    columns: dict[str, int] = {}
    taken: set[int] = set()
    for col in tab.columns:
        index = _header_index(headers, col)
        if index is not None and index not in taken:
            columns[col.key] = index
            taken.add(index)
    if not any(h not in (None, "") for h in headers) and used == 0:
        columns = {col.key: i for i, col in enumerate(tab.columns)}
        return TabPlan(tab, title, True, columns, [(i, col.header) for i, col in enumerate(tab.columns)],
                       len(tab.columns))
    new_headers = []
    next_index = used
    for col in tab.columns:
        if col.key not in columns:
            columns[col.key] = next_index
            new_headers.append((next_index, col.header))
            next_index += 1
    return TabPlan(tab, title, True, columns, new_headers, next_index)


def plan_tabs(tables: dict[str, list[list[Any]]], settings: Settings) -> list[TabPlan]:
    """A plan per contract tab, given every tab's rows keyed by title."""
    titles = list(tables)
    plans = []
    for tab in TABS:
        title = find_title(titles, tab, settings)
        plans.append(plan_tab(tab, title, tables.get(title) if title else None, settings))
    return plans


def is_text_column(col: Column) -> bool:
    """Columns whose values look like numbers but must stay text (ids, `16.10`)."""
    return col.kind is Kind.ID or col.key.endswith("_ids") or col.key == "sdgs"


def dropdown(tab: Tab, col: Column, settings: Settings, lists: TabPlan) -> Dropdown | None:
    """The dropdown of a column: its vocabulary with the loader's aliases, or its Lists column."""
    if col.choices:
        vocabulary = settings.status_vocabulary if col.choices == STATUS else VOCABULARIES[col.choices]
        return Dropdown(vocabulary.labels, tuple(vocabulary.aliases))
    if col.kind is Kind.BOOL:
        return Dropdown(("TRUE", "FALSE"), ("yes", "no"))
    lookup = col.lookup or EXTRA_LOOKUPS.get((tab.key, col.key))
    if lookup is None or lookup not in lists.columns:
        return None
    return Dropdown(lists_column=lists.columns[lookup], multi=col.kind is Kind.MULTI)


def status_columns(plan: TabPlan) -> list[int]:
    """Columns coloured by status (Status, Government Status)."""
    return [plan.columns[col.key] for col in plan.tab.columns if col.choices == STATUS]


def hex_colour(text: str) -> dict[str, float]:
    """#RRGGBB → the API's {red, green, blue} in 0–1."""
    text = text.lstrip("#")
    return {name: round(int(text[i:i + 2], 16) / 255, 4) for name, i in (("red", 0), ("green", 2), ("blue", 4))}


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on the background."""
    rgb = hex_colour(background)
    return "#000000" if 0.299 * rgb["red"] + 0.587 * rgb["green"] + 0.114 * rgb["blue"] > 0.6 else "#FFFFFF"


@dataclass
class SetupReport:
    """What a set-up did (or, with --dry-run, would do)."""

    target: str
    changes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # things left as the coalition made them
    requests: int = 0  # API write requests sent
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The report as printed."""
        if not self.changes:
            head = [f"Nothing to change: {self.target} is already set up."]
        else:
            verb = "Would make" if self.dry_run else "Made"
            head = [f"{verb} {len(self.changes)} change{'s' if len(self.changes) != 1 else ''} to {self.target}:"]
            head += [f"  - {change}" for change in self.changes]
        head += [f"  (kept) {item}" for item in self.kept]
        if self.requests:
            head.append(f"{self.requests} write request{'s' if self.requests != 1 else ''} sent.")
        return head
