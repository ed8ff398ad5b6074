"""Redaction: the one function that turns the full Dataset into what an outsider may see.

Every viewer page, outsider export and published page receives `public_dataset(...)`, never the
Dataset that validation returned. It drops the private columns and tabs named in the settings (and the
tabs the contract marks private), the rows outside a read-only link's scope, every issue and
quarantined row (they repeat raw cells, private ones included), and anything naming the source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from upr_sheets.analysis.filters import Filters, sdg_goal, sdg_mask
from upr_sheets.checks.cells import parse_cycle, suggest
from upr_sheets.core.contract import LISTS, TABS, canonical
from upr_sheets.core.errors import SettingsError
from upr_sheets.core.model import Dataset, TabReport
from upr_sheets.core.settings import Settings

PUBLIC_SOURCE = "UPR Monitor read-only view"
SCOPE_KEYS = ("cycle", "working-group", "theme", "ministry", "state", "sdg")
_SCOPE_COLUMNS = {"working-group": "working_group", "theme": "themes", "ministry": "ministries", "state": "states"}
_SCOPE_LISTS = {"working_groups": "working_group", "themes": "themes", "ministries": "ministries"}
_DERIVED = {"baseline": ("baseline_value",), "target": ("target_value",), "value": ("numeric_value",)}
_TABLES = ("recommendations", "assessments", "indicators", "measurements", "cycles", "members", "share_links")
Names = tuple[str, ...]  # the names a scope keeps, as typed in the Lists tab or the sheet


@dataclass(frozen=True)
class Scope:
    """Which rows a read-only link may see: within a key any value matches, across keys all must."""

    cycles: tuple[int, ...] = ()
    working_groups: Names = ()
    themes: Names = ()
    ministries: Names = ()
    states: Names = ()  # recommending States: a link for one embassy
    sdgs: tuple[int, ...] = ()  # Sustainable Development Goals, 1–17 (a goal keeps its targets)

    @classmethod
    def parse(cls, text: str | None) -> Scope:
        """`cycle=2;working-group=Land Rights` → Scope; blank → everything; ValueError when unreadable."""
        found: dict[str, list] = {key: [] for key in SCOPE_KEYS}
        for part in (text or "").split(";"):
            if not part.strip():
                continue
            name, sep, value = part.partition("=")
            key = "-".join(name.replace("_", " ").replace("-", " ").split()).casefold()
            value = " ".join(value.split())
            if not sep or key not in found:
                raise ValueError(f"`{part.strip()}` is not a scope. Use key=value with a key among "
                                 f"{', '.join(SCOPE_KEYS)}, several joined by `;` (e.g. `cycle=2;theme=Land`).")
            if not value:
                raise ValueError(f"The scope `{part.strip()}` has no value after `=`.")
            if key == "cycle":
                cycle = parse_cycle(value)
                if cycle is None:
                    raise ValueError(f"`{value}` is not a UPR cycle; use a number from 1 to 9.")
                value = cycle
            elif key == "sdg":
                goal = sdg_goal(value)
                if goal is None:
                    raise ValueError(f"`{value}` is not a Sustainable Development Goal; use a number from 1 to 17.")
                value = goal
            if value not in found[key]:
                found[key].append(value)
        return cls(tuple(found["cycle"]), tuple(found["working-group"]), tuple(found["theme"]),
                   tuple(found["ministry"]), tuple(found["state"]), tuple(found["sdg"]))

    @property
    def unrestricted(self) -> bool:
        """True when the scope lets every row through."""
        return not (self.cycles or self.working_groups or self.themes or self.ministries or self.states or self.sdgs)

    def items(self) -> list[tuple[str, str]]:
        """(scope key, value) pairs in a stable order."""
        values = (self.cycles, self.working_groups, self.themes, self.ministries, self.states, self.sdgs)
        return [(key, str(v)) for key, vals in zip(SCOPE_KEYS, values) for v in vals]

    def __str__(self) -> str:
        return ";".join(f"{key}={value}" for key, value in self.items())

    def label(self) -> str:
        """Human-readable form for a banner, e.g. `cycle 2, working group Land Rights` ('' for everything)."""
        return ", ".join(f"{key.replace('-', ' ')} {value}" for key, value in self.items())

    def as_filters(self, within: Filters | None = None) -> Filters:
        """The scope as filters, to say what a file cut to it holds: a filter already set in `within` (chosen among
        the scope's own values) stays as set."""
        base = within or Filters()
        scoped = {"cycles": self.cycles, "working_groups": self.working_groups, "themes": self.themes,
                  "ministries": self.ministries, "states": self.states, "sdgs": self.sdgs}
        return replace(base, **{key: values for key, values in scoped.items() if values and not getattr(base, key)})

    def mask(self, recs: pd.DataFrame) -> pd.Series:
        """Which Recommendations rows are inside the scope."""
        keep = pd.Series(True, index=recs.index)
        if self.cycles:
            keep &= recs["cycle"].isin(list(self.cycles)).fillna(False).astype(bool) if "cycle" in recs else False
        for key, wanted in (("working-group", self.working_groups), ("theme", self.themes),
                            ("ministry", self.ministries), ("state", self.states)):
            column = _SCOPE_COLUMNS[key]
            if wanted:
                keep &= recs[column].map(lambda cell, w=wanted: _any_of(cell, w)).astype(bool) if column in recs \
                    else False
        if self.sdgs:
            keep &= sdg_mask(recs["sdgs"], set(self.sdgs)) if "sdgs" in recs else False
        return keep


def _values(cell: object) -> tuple[str, ...]:
    """The values of one cell: tuples as is, `a; b` text split, blanks nothing."""
    if isinstance(cell, tuple | list):
        return tuple(str(v) for v in cell)
    if isinstance(cell, str):
        return tuple(p.strip() for p in cell.split(";") if p.strip())
    return ()


def _any_of(cell: object, wanted: Iterable[str]) -> bool:
    """True when one of the cell's values equals a wanted one, ignoring case and spacing."""
    targets = {canonical(w) for w in wanted}
    return any(canonical(v) in targets for v in _values(cell))


def _as_scope(scope: Scope | str | None) -> Scope:
    return scope if isinstance(scope, Scope) else Scope.parse(scope)


def _setting_error(key: str, noun: str, name: str, choices: list[str]) -> SettingsError:
    hint = suggest(name, choices)
    did = f" Did you mean `{hint}`?" if hint else ""
    return SettingsError(f"`{key}` in the settings: `{name}` is not a {noun} of the sheet contract, so it "
                         f"would protect nothing.{did}")


def private_columns(settings: Settings) -> dict[str, set[str]]:
    """Tab key → column keys to drop, from `privacy.private_columns` (headers or aliases, any case)."""
    names = {canonical(n): n for n in settings.privacy.private_columns}
    out: dict[str, set[str]] = {tab.key: set() for tab in TABS}
    matched: set[str] = set()
    for tab in TABS:
        for col in tab.columns:
            hits = {canonical(h) for h in (col.header, *col.aliases)} & names.keys()
            if hits:
                matched |= hits
                out[tab.key] |= {col.key, *_DERIVED.get(col.key, ())}
    unknown = [names[n] for n in names if n not in matched]
    if unknown:
        headers = [c.header for t in TABS for c in t.columns]
        raise _setting_error("privacy.private_columns", "column", unknown[0], headers)
    return out


def private_tabs(settings: Settings) -> set[str]:
    """Tab keys that outsiders never see: `privacy.private_tabs` plus the contract's private tabs."""
    keys = {tab.key for tab in TABS if tab.private}
    for name in settings.privacy.private_tabs:
        hit = [t.key for t in TABS if canonical(name) in
               {canonical(n) for n in (t.title, settings.tab_title(t.key), t.key, *t.aliases)}]
        if not hit:
            raise _setting_error("privacy.private_tabs", "tab", name, [settings.tab_title(t.key) for t in TABS])
        keys.update(hit)
    return keys


def _empty(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.iloc[0:0].copy(deep=True)


def _scoped(dataset: Dataset, scope: Scope) -> dict[str, pd.DataFrame]:
    """Each table cut to the scope: recommendations by the scope, the rest by what they refer to."""
    tables = {key: getattr(dataset, key) for key in _TABLES}
    if scope.unrestricted:
        return tables
    recs = dataset.recommendations.loc[scope.mask(dataset.recommendations)]
    keys = set(zip(recs["cycle"].astype(object), recs["id"]))
    ids = set(recs["id"])
    assess = dataset.assessments
    tables["recommendations"] = recs
    tables["assessments"] = assess.loc[[(c, r) in keys for c, r in zip(assess["cycle"].astype(object),
                                                                           assess["rec_id"])]]
    ind = dataset.indicators

    def linked(cycle: object, rec_ids: object) -> tuple[str, ...]:
        has_cycle = cycle is not None and not pd.isna(cycle)
        return tuple(r for r in _values(rec_ids) if ((int(cycle), r) in keys if has_cycle else r in ids))

    links = [linked(c, r) for c, r in zip(ind["cycle"].astype(object), ind["rec_ids"])]
    keep = [bool(lk) for lk in links]
    ind = ind.assign(rec_ids=pd.Series(links, index=ind.index, dtype=object)).loc[keep]
    tables["indicators"] = ind
    measured = dataset.measurements["indicator_id"].isin(set(ind["indicator_id"]))
    tables["measurements"] = dataset.measurements.loc[measured]
    if scope.cycles:
        tables["cycles"] = dataset.cycles.loc[dataset.cycles["cycle"].isin(list(scope.cycles)).fillna(False)
                                              .astype(bool)]
    return tables


def _lists(dataset: Dataset, recs: pd.DataFrame, hidden: set[str], scope: Scope) -> dict[str, tuple[str, ...]]:
    """Public vocabularies; under a scope, only the values the scoped recommendations use."""
    out: dict[str, tuple[str, ...]] = {}
    for name, values in dataset.lists.items():
        if name in hidden or name not in {c.key for c in LISTS.columns}:
            continue
        if not scope.unrestricted:
            column = _SCOPE_LISTS.get(name)
            used = {canonical(v) for cell in recs[column] for v in _values(cell)} if column in recs else set()
            values = tuple(v for v in values if canonical(v) in used)
        out[name] = tuple(values)
    return out


def public_dataset(dataset: Dataset, settings: Settings, scope: Scope | str | None = None) -> Dataset:
    """A new Dataset an outsider may see: no private column, tab, issue, quarantined row or source detail."""
    scope = _as_scope(scope)
    drop = private_columns(settings)
    hidden_tabs = private_tabs(settings)
    tables = _scoped(dataset, scope)
    public: dict[str, pd.DataFrame] = {}
    for key, frame in tables.items():
        frame = frame.drop(columns=[c for c in frame.columns if c in drop[key]])
        frame = _empty(frame) if key in hidden_tabs else frame.copy(deep=True)
        frame.attrs = {}
        public[key] = frame.reset_index(drop=True)
    rec_lookups = {col.lookup for tab in TABS for col in tab.columns if col.lookup and col.key in drop[tab.key]}
    hidden_lists = rec_lookups | drop["lists"] | ({c.key for c in LISTS.columns} if "lists" in hidden_tabs else set())
    lists = _lists(dataset, tables["recommendations"], hidden_lists, scope)
    reports = {}
    for tab in TABS:
        old = dataset.tabs.get(tab.key)
        present = old is not None and old.present and tab.key not in hidden_tabs
        rows = len(public[tab.key]) if tab.key in public else max(map(len, lists.values()), default=0)
        reports[tab.key] = TabReport(old.title, rows, rows, 0) if present else TabReport("", 0, 0, 0, present=False)
    return Dataset(lists=lists, issues=[], tabs=reports, quarantine={}, source=PUBLIC_SOURCE, kind="public",
                   url=None, fetched_at=dataset.fetched_at, requests=0, sheet_ids={}, public=True,
                   source_label=PUBLIC_SOURCE, **public)


def is_public(dataset: Dataset) -> bool:
    """True for a Dataset made by public_dataset()."""
    return dataset.public is True


def require_public(dataset: Dataset) -> Dataset:
    """The dataset itself when it is public; otherwise raise, so outsider code paths fail closed."""
    if not is_public(dataset):
        raise PermissionError("This view is for outsiders and needs the redacted dataset (public_dataset).")
    return dataset
