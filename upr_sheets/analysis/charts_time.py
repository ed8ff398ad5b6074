"""Pure chart builders over dates: progress over time, an indicator's measurements, the UPR calendar.

The conventions of charts.py beside it hold here too (strings as parameters with translated defaults, sheet
text escaped, the shared look of charts_style); callers import these from upr_sheets.analysis.charts.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go

from upr_sheets.core.i18n import N_, _, day, number
from upr_sheets.core.settings import Settings

from .charts_style import GREY, SERIES, cycle_name, date_ticks, empty_figure, given, label, plain, status_colour, style


def _figure(value: float) -> str:
    """An indicator value with at most four significant digits, in the current locale (`1,235`, `12.5`)."""
    return number(float(f"{value:.4g}"))


def progress_area(progress: pd.DataFrame, settings: Settings, title: str | None = None,
                  y_title: str | None = None, empty: str | None = None) -> go.Figure:
    """Stacked areas of [date, status, count]: one trace per status, one point per quarter."""
    title = given(title, N_("Progress over time"))
    if progress.empty:
        return empty_figure(given(empty, N_("No dated assessments yet.")), title)
    fig = go.Figure()
    for status in dict.fromkeys(progress["status"]):
        sub = progress.loc[progress["status"] == status]
        colour = status_colour(settings, status)
        fig.add_scatter(x=sub["date"], y=sub["count"].to_numpy(), name=plain(_(status)), mode="lines",
                        stackgroup="status", line={"color": colour, "width": 1}, fillcolor=colour,
                        hovertext=[day(d) for d in sub["date"]],
                        hovertemplate="%{hovertext}<br>%{fullData.name}: %{y}<extra></extra>")
    fig.update_yaxes(title_text=plain(given(y_title, N_("Recommendations"))))
    fig.update_layout(hovermode="x")
    return date_ticks(style(fig, title, height=440), progress["date"])


def indicator_chart(series: pd.DataFrame, baseline: float | None = None, target: float | None = None,
                    title: str | None = None, unit: str = "", value_label: str | None = None,
                    baseline_label: str | None = None, target_label: str | None = None, max_points: int = 500,
                    empty: str | None = None) -> go.Figure:
    """Line of indicator_series' [date, value] with baseline and target as horizontal reference lines."""
    # Long series are averaged per month so the browser never gets more than `max_points` points.
    title = given(title, N_("Indicator"))
    if series.empty:
        return empty_figure(given(empty, N_("No measurements yet.")), title)
    value_label = given(value_label, N_("Measured"))
    baseline_label, target_label = given(baseline_label, N_("Baseline")), given(target_label, N_("Target"))
    if len(series) > max_points:
        series = series.set_index("date")["value"].resample("ME").mean().dropna().reset_index().tail(max_points)
    fig = go.Figure(go.Scatter(x=series["date"], y=series["value"].to_numpy(dtype=float), mode="lines+markers",
                               name=plain(value_label), line={"color": SERIES[0], "width": 3}, marker={"size": 10},
                               hovertext=[day(d) for d in series["date"]],
                               hovertemplate="%{hovertext}: %{y:,.4~g} " + plain(unit) + "<extra></extra>"))
    for value, text, colour, dash in ((baseline, baseline_label, GREY, "dot"), (target, target_label, "#009E73",
                                                                                 "dash")):
        if value is not None and not pd.isna(value):
            fig.add_hline(y=float(value), line={"color": colour, "dash": dash, "width": 2})
            fig.add_annotation(x=0, xref="paper", y=float(value), yref="y", xanchor="left", yanchor="bottom",
                               showarrow=False,
                               text=plain(_("{label}: {value} {unit}").format(
                                   label=text, value=_figure(float(value)), unit=unit).strip()),
                               font={"color": colour}, bgcolor="rgba(255,255,255,0.7)")  # legible over the line
    fig.update_yaxes(title_text=plain(unit))
    return date_ticks(style(fig, title, height=420, legend=False), series["date"])


def timeline_chart(timeline: pd.DataFrame, today: date | datetime | str, title: str | None = None,
                   today_label: str | None = None, cycle_label: str | None = None, date_format: str = "MMM y",
                   empty: str | None = None) -> go.Figure:
    """Timeline's milestones on a date axis: one row per milestone, one trace per cycle, a line for today.

    The milestone names are shown as the timeline holds them (metrics.timeline translates its labels); each
    marker's date is written in the current locale, with `date_format` (a CLDR pattern: `MMM y` → `Jun 2016`).
    """
    title = given(title, N_("UPR calendar"))
    if timeline.empty:
        return empty_figure(given(empty, N_("No dates in the Cycles tab.")), title)
    cycle_label = given(cycle_label, N_("Cycle {cycle}"))
    milestones = [label(m, 16) for m in dict.fromkeys(timeline["milestone"])]
    fig = go.Figure()
    for n, cycle in enumerate(dict.fromkeys(timeline["cycle"])):
        sub = timeline.loc[timeline["cycle"] == cycle]
        fig.add_scatter(x=sub["date"], y=[label(m, 16) for m in sub["milestone"]], mode="markers+text",
                        name=plain(cycle_name(cycle_label, cycle)), text=[day(d, date_format) for d in sub["date"]],
                        hovertext=[day(d) for d in sub["date"]], texttemplate="%{text}",
                        textposition="bottom center" if n % 2 else "top center",  # neighbours' dates apart
                        marker={"size": 16, "color": SERIES[n % len(SERIES)],  # past: hollow, ahead: filled
                                "symbol": ["circle-open" if d < 0 else "circle" for d in sub["days_left"]],
                                "line": {"width": 3, "color": SERIES[n % len(SERIES)]}},
                        cliponaxis=False,
                        customdata=sub["days_left"].to_numpy(),
                        hovertemplate="%{fullData.name}: %{y}<br>%{hovertext}<extra></extra>")
    when = pd.Timestamp(today)
    fig.add_shape(type="line", x0=when, x1=when, y0=0, y1=1, xref="x", yref="paper",
                  line={"color": GREY, "dash": "dash", "width": 2})
    fig.add_annotation(x=when, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                       text=plain(given(today_label, N_("Today"))), font={"color": GREY})
    fig.update_yaxes(categoryorder="array", categoryarray=milestones, range=[len(milestones) - 0.5, -0.9])
    return date_ticks(style(fig, title, height=200 + 70 * len(milestones)), [*timeline["date"], when])
