"""Pure helpers behind the dashboard pages: why a view is empty, chart clicks, dates, capped and paged tables, and
the wording a page picks from its data (which caption, which title, what a click selects).

No Streamlit, no plotly (figures are built in upr_sheets.analysis.charts), no I/O. Text returned here is in the
interface language of the run (`_()` is called when the function runs, never at import).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import numpy as np
import pandas as pd

from upr_sheets.core.i18n import _, ngettext, number, percent
from upr_sheets.core.labels import SDG_NAMES
from upr_sheets.core.model import Dataset

from . import breakdowns
from .filters import Filters, sdg_goal
from .frames import explode
from .views import text_of

EmptyReason = Literal["no-data", "quarantined", "filtered"]
CHANGES_WINDOW_DAYS = 90  # default look-back of "what changed since"
PAGE_SIZE = 50  # rows of a long table sent to the browser at a time


def why_empty(full: Dataset, shown: Dataset, filters: Filters, table: str = "recommendations") -> EmptyReason | None:
    """Why a page has nothing to show: None when `table` has rows; else filtered out, all quarantined (never said
    to outsiders, who cannot see the Data quality page), or no data."""
    if len(getattr(shown, table)):
        return None
    if len(getattr(full, table)) and not filters.is_empty:
        return "filtered"
    report = full.tabs.get(table)
    return "quarantined" if report is not None and report.quarantined and not full.public else "no-data"


def capped(frame: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, int]:
    """The first `limit` rows of a frame and how many rows it had, so a page can say what it left out."""
    return frame.head(limit), len(frame)


@dataclass(frozen=True)
class Page:
    """One page of a long table: rows `start` to `stop` (excluded) of `total`; `number` counts from 0."""

    number: int
    pages: int
    start: int
    stop: int
    total: int

    @property
    def first(self) -> bool:
        return self.number == 0

    @property
    def last(self) -> bool:
        return self.number >= self.pages - 1

    def rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of `frame` on this page (by position)."""
        return frame.iloc[self.start:self.stop]

    def label(self) -> str:
        """`Rows 51–100 of 10,000` in the interface language (`No rows` for an empty table)."""
        if self.total == 0:
            return _("No rows")
        if self.stop - self.start == 1:
            return _("Row {first} of {total}").format(first=number(self.start + 1), total=number(self.total))
        return _("Rows {first}–{last} of {total}").format(first=number(self.start + 1), last=number(self.stop),
                                                         total=number(self.total))


def page_of(total: int, wanted: object = 0, size: int = PAGE_SIZE) -> Page:
    """Page `wanted` (from 0) of a table of `total` rows, `size` rows a page; a page out of range (the table got
    shorter, a stale number) is brought back to the nearest one that exists."""
    size = max(1, int(size))
    pages = max(1, math.ceil(total / size))
    try:
        wanted = int(wanted)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        wanted = 0
    at = min(max(wanted, 0), pages - 1)
    start = at * size
    return Page(at, pages, start, min(start + size, total), total)


def page_holding(recs: pd.DataFrame, cycle: int, rec_id: str, size: int = PAGE_SIZE) -> int | None:
    """The page (from 0) on which the recommendation (cycle, ID) is listed, in the order of `recs`; None if absent."""
    hits = np.flatnonzero((recs["cycle"].to_numpy() == cycle) & (recs["id"].astype(str).to_numpy() == str(rec_id)))
    return int(hits[0]) // max(1, int(size)) if len(hits) else None


def pick_on_page(pick: Sequence | None, choices: Sequence[tuple]) -> tuple | None:
    """The choice ((cycle, ID, text), views.detail_choices) of a page of rows that a picked recommendation is: itself,
    or the one with its cycle and ID (a link gives only those); None when it is not on the page."""
    if pick is None:
        return None
    key = tuple(pick[:2])
    return next((c for c in choices if tuple(c[:2]) == key), None)


def present(frame: pd.DataFrame, labels: Mapping[str, str]) -> dict[str, str]:
    """The columns of `labels` (column → label) that hold something other than zero in `frame`."""
    return {column: name for column, name in labels.items() if column in frame and frame[column].fillna(0).ne(0).any()}


def coverage(recs: pd.DataFrame, field: str) -> dict[str, int]:
    """{groups: distinct values of a multi-valued column, untagged: recommendations with none}."""
    rows, values = explode(recs[field])
    return {"groups": len(pd.unique(values)), "untagged": len(recs) - len(np.unique(rows))}


def groups_of(long: pd.DataFrame) -> list[str]:
    """The groups of a long status_by / response_by frame, in chart order."""
    return list(dict.fromkeys(long["group"]))


def clicked_group(state: Mapping | None) -> str | None:
    """The group behind the first clicked bar of a plotly selection state (`customdata[0]`), or None."""
    selection = (state or {}).get("selection") or {}
    for point in selection.get("points") or []:
        data = point.get("customdata")
        if isinstance(data, list | tuple) and data:
            return str(data[0])
        if isinstance(data, str):
            return data
    return None


def clicked_segment(state: Mapping | None) -> tuple[str, str | None] | None:
    """(group, segment) of the first clicked bar segment of a stacked bar chart (`customdata[0]` and `[3]`: the
    status or response of the segment), or None; the segment is None for a chart whose bars are not stacked."""
    selection = (state or {}).get("selection") or {}
    for point in selection.get("points") or []:
        data = point.get("customdata")
        if isinstance(data, list | tuple) and data:
            return str(data[0]), (str(data[3]) if len(data) > 3 and data[3] is not None else None)
    return None


def segment_rows(recs: pd.DataFrame, field: str, group: str, key: str, segment: str | None,
                 none: str) -> pd.DataFrame:
    """The recommendations behind one segment of a stacked bar: `field` holds `group` (breakdowns.recommendations_in)
    and `key` (status or response) is `segment` (any, when None)."""
    rows = breakdowns.recommendations_in(recs, field, group, none=none)
    return rows if segment is None or key not in rows else rows.loc[(rows[key] == segment).to_numpy(dtype=bool)]


def sdg_name(goal: int) -> str:
    """`16 · Peace, justice and strong institutions`, the goal's name in the interface language."""
    return f"{goal} · {_(SDG_NAMES[goal])}"


def with_sdg_goals(recs: pd.DataFrame) -> pd.DataFrame:
    """The recommendations with `sdg_goals`: the goals their SDGs cell names (targets counted under their goal),
    each once, named in the interface language, for breakdowns by goal."""
    goals = [tuple(sdg_name(g) for g in sorted({sdg_goal(v) for v in values} - {None}))
             for values in (recs["sdgs"] if "sdgs" in recs else [()] * len(recs))]
    return recs.assign(sdg_goals=pd.Series(goals, index=recs.index, dtype=object))


def since_range(dataset: Dataset, days: int = CHANGES_WINDOW_DAYS) -> tuple[date, date, date] | None:
    """(default, earliest, latest) for a "changed since" date: `days` before the newest assessment; None without any."""
    dates = pd.to_datetime(dataset.assessments["date"], errors="coerce").dropna()
    if dates.empty:
        return None
    first, last = dates.min().date(), dates.max().date()
    start = first - timedelta(days=1)  # changes are those *after* the date: the day before the first shows all
    return max(start, last - timedelta(days=days)), start, last


def next_milestones(timeline: pd.DataFrame, milestones: Sequence[str]) -> list[dict]:
    """For each milestone label: the nearest date still ahead, else the latest one past ({milestone, cycle, date,
    days_left}); milestones absent from the timeline are left out."""
    out = []
    for milestone in milestones:
        rows = timeline.loc[timeline["milestone"] == milestone]
        if rows.empty:
            continue
        ahead = rows.loc[rows["days_left"] >= 0]
        row = ahead.iloc[0] if len(ahead) else rows.iloc[-1]
        out.append({"milestone": milestone, "cycle": None if pd.isna(row["cycle"]) else int(row["cycle"]),
                    "date": pd.Timestamp(row["date"]).date(), "days_left": int(row["days_left"])})
    return out


def calendar_cards(timeline: pd.DataFrame) -> tuple[list[dict], int | None]:
    """The latest milestone past and the next one ahead ({milestone, cycle, date, days_left, upcoming}), and, when
    none is ahead, the cycle whose dates the Cycles tab should get next (one after the last it has), else None."""
    cards = []
    past, ahead = timeline.loc[timeline["days_left"] < 0], timeline.loc[timeline["days_left"] >= 0]
    for rows, row_at, upcoming in ((past, -1, False), (ahead, 0, True)):
        if len(rows):
            row = rows.iloc[row_at]
            cards.append({"milestone": row["milestone"], "cycle": None if pd.isna(row["cycle"]) else int(row["cycle"]),
                          "date": pd.Timestamp(row["date"]).date(), "days_left": int(row["days_left"]),
                          "upcoming": upcoming})
    cycles = timeline["cycle"].dropna()
    missing = None if len(ahead) or timeline.empty else (int(cycles.max()) + 1 if len(cycles) else 1)
    return cards, missing


def indicator_summary(progress: pd.DataFrame) -> dict[str, float | int | None]:
    """{indicators, measured: with at least one measurement, median_progress: of those with a progress %}."""
    known = progress["progress_pct"].dropna()
    return {"indicators": len(progress), "measured": int((progress["measurements"] > 0).sum()),
            "median_progress": float(known.median()) if len(known) else None}


def default_indicator(progress: pd.DataFrame) -> int:
    """Position of the indicator to show first: the first quantitative one with measurements, else the first."""
    measured = ((progress["type"] == "Quantitative").to_numpy(dtype=bool, na_value=False)
                & (progress["measurements"] > 0).to_numpy())
    return int(np.argmax(measured)) if measured.any() else 0


def indicator_choices(progress: pd.DataFrame) -> dict[str, str]:
    """Indicator id → `ID · name`, in the order of indicator_progress, for a picker."""
    pairs = zip(progress["indicator_id"], progress["indicator"], strict=True)
    return {i: f"{i} · {text_of(name)}" for i, name in pairs}


def indicator_info(dataset: Dataset, progress: pd.DataFrame, indicator_id: str) -> dict:
    """One indicator's progress row with its definition (baseline/target as typed, dates, source, linked
    recommendations); blanks and NaN become None."""
    row = progress.loc[progress["indicator_id"] == indicator_id].iloc[0].to_dict()
    ind = dataset.indicators
    definition = ind.loc[ind["indicator_id"] == indicator_id].iloc[0]
    typed = {"baseline_text": "baseline", "target_text": "target", "baseline_date": "baseline_date",
             "target_date": "target_date", "source": "source", "rec_ids": "rec_ids", "cycle": "cycle"}
    info = {**row, **{key: definition[column] for key, column in typed.items() if column in definition}}
    return {k: None if not isinstance(v, tuple) and (pd.isna(v) or v == "") else v for k, v in info.items()}



# ---- what a page says, decided from its data ---------------------------------------------------------------

def scope_caption(pooled: int, cycles: Sequence[int], current: int | None) -> str | None:
    """The Overview's line on which review its figures are of: several pooled (benchmarks not compared), the current
    cycle, another single cycle; None when the filters do not pick one cycle."""
    if pooled > 1:
        return _("All cycles: these figures pool {n} reviews, so UPR Info's benchmarks (one cycle each) are not "
                 "compared with them.").format(n=number(pooled))
    if len(cycles) == 1:
        cycle = cycles[0]
        return (_("Cycle {cycle}, the current review.") if cycle == current else _("Cycle {cycle}.")).format(
            cycle=cycle)
    return None


def triggered_figure(head: Mapping, rows: pd.DataFrame, populations: Mapping[str, str]) -> dict[str, str | None]:
    """The Overview's "triggered action" metric: {label, value, delta, help}. `rows` is metrics.triggered_rows (its
    first row is the population in view); the delta compares it with UPR Info's figure for the same population only
    (named by `populations`: group → words), and is None where there is no such figure (several cycles pooled)."""
    main = rows.iloc[0] if len(rows) else None
    share = _("Partially or fully implemented, as a share of the recommendations in view.")
    if main is None or not head["assessed"]:
        return {"label": _("Triggered action"), "value": "–", "delta": None, "help": share}
    bench = float(main["benchmark"])
    delta = None if math.isnan(bench) else _("{delta} points vs UPR Info ({benchmark} of {population})").format(
        delta=f"{main['pct'] - bench:+.0f}", benchmark=percent(bench), population=populations[main["group"]])
    return {"label": _("Triggered action, of {n}").format(n=number(int(main["n"]))), "value": percent(main["pct"]),
            "delta": delta, "help": _("Partially or fully implemented, as a share of the recommendations in view. UPR "
                                      "Info found this share by the mid-term of the first cycle; it is compared only "
                                      "with one cycle's figures, and with those of the same population (all, accepted "
                                      "or noted recommendations).")}


def benchmark_title(rows: pd.DataFrame) -> str:
    """The title of the Overview's triggered-action chart: against UPR Info's benchmarks only when one is shown."""
    compared = "benchmark" in rows and bool(rows["benchmark"].notna().any())
    return _("Triggered action, against UPR Info's benchmarks") if compared else _("Triggered action")


def search_caption(query: str, found: int, total: int) -> str:
    """The Recommendations page's count: how many match the search, or how many are in view."""
    said = (ngettext("{shown} of {n} recommendations matches the search",
                     "{shown} of {n} recommendations match the search", found) if query.strip()
            else ngettext("{shown} of {n} recommendation", "{shown} of {n} recommendations", total))
    return said.format(shown=number(found), n=number(total))


@dataclass(frozen=True)
class ThemeClick:
    """What a click on a Themes bar segment selects: the chart clicked, its group and segment (a status or a response,
    None for unstacked bars), and the charts' next generation (drawn again under new keys, without a highlight)."""

    chart: str
    theme: str
    segment: str | None
    generation: int

    def state(self) -> dict[str, str | None]:
        """{chart, theme, segment}, as the page keeps it between runs."""
        return {"chart": self.chart, "theme": self.theme, "segment": self.segment}


def theme_click(chart: str, selection: Mapping | None, generation: int) -> ThemeClick | None:
    """What a Themes chart's selection state selects (clicked_segment), with the next generation; None when the
    selection was cleared."""
    clicked = clicked_segment(selection)
    if clicked is None:
        return None
    return ThemeClick(chart, clicked[0], clicked[1], int(generation or 0) + 1)


def themes_titles(field: str, rank: str) -> tuple[str, str, str]:
    """(the status chart's title, the response chart's title, the picker's label) of the Themes page, grouped by
    theme or by SDG (`field`) and ranked by share fully implemented or by size (`rank`)."""
    if field == "sdg_goals":
        status = _("Status by SDG, best implemented first") if rank == "share" else _("Status by SDG, largest first")
        return status, _("Accepted and noted, by SDG"), _("Click a bar above, or choose a goal")
    status = (_("Status by theme, best implemented first") if rank == "share"
              else _("Status by theme, largest first"))
    return status, _("Accepted and noted, by theme"), _("Click a bar above, or choose a theme")
