"""Pure chart builders: a metrics DataFrame → a plotly Figure, readable on a projector and a phone.

Statuses take their colours from settings.status_colours only; every other series uses the
Okabe–Ito colour-blind-safe palette. Every user-visible string is a parameter; left out (None), it is
the default in the current interface language (upr_sheets.core.i18n). The words of the data model shown as
legends and categories (statuses, responses, UN regional groups) are translated here, where they are
drawn; sheet text (themes, ministries, States, indicators) never is. Sheet text is escaped with `plain`
wherever plotly would read it as HTML; `customdata[0]` carries the raw, untranslated group/State/status so
a page can map a clicked bar back to it.

The bar and pie charts are built here, those over dates in upr_sheets.analysis.charts_time, and the look they share
(palette, fonts, wrapped titles and labels) is upr_sheets.analysis.charts_style. Callers import every builder from
this module.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from upr_sheets.core.i18n import N_, _, number, percent, percent_sign
from upr_sheets.core.settings import Settings

from .charts_style import (
    FONT_SIZE,
    GREY,
    MEASURE_COLOURS,
    REGION_COLOURS,
    RESPONSE_COLOURS,
    SERIES,
    bars_height,
    cycle_name,
    empty_figure,
    given,
    label,
    plain,
    status_colour,
    style,
)
from .charts_time import indicator_chart, progress_area, timeline_chart

INSIDE_FROM = 55  # % from which a scorecard bar is long enough to hold its `x% of n` label, even on a phone

__all__ = [  # the builders (those over dates are in charts_time), and the figure that says there is nothing to show
    "benchmark_bar", "cycles_bar", "empty_figure", "indicator_chart", "progress_area", "response_by_bar",
    "scorecard_bar", "states_bar", "status_bar", "status_by_bar", "status_donut", "timeline_chart"]


def status_donut(dist: pd.DataFrame, settings: Settings, title: str | None = None,
                 empty: str | None = None) -> go.Figure:
    """Donut of [status, count]: one slice per status in scale order, settings colours."""
    title = given(title, N_("Implementation status"))
    if dist["count"].sum() == 0:
        return empty_figure(given(empty, N_("No recommendations to show.")), title)
    fig = go.Figure(go.Pie(
        labels=[plain(_(s)) for s in dist["status"]], values=dist["count"].to_numpy(), hole=0.55, sort=False,
        direction="clockwise", marker={"colors": [status_colour(settings, s) for s in dist["status"]]},
        customdata=dist["status"].to_numpy(dtype=object), textinfo="percent", textfont={"size": FONT_SIZE},
        hovertemplate="%{label}: %{value} (%{percent})<extra></extra>"))
    return style(fig, title, height=420)


def status_bar(dist: pd.DataFrame, settings: Settings, title: str | None = None,
               x_title: str | None = None, empty: str | None = None) -> go.Figure:
    """Horizontal bars of [status, count, share], one per status in scale order."""
    title = given(title, N_("Implementation status"))
    if dist["count"].sum() == 0:
        return empty_figure(given(empty, N_("No recommendations to show.")), title)
    # One unit per chart: bars, their labels and the axis are counts; the share (whole percent) is in the hover.
    labels = [label(_(s)) for s in dist["status"]]
    total = number(int(dist["count"].sum()))
    shares = dist["pct"] if "pct" in dist else dist["share"].round()
    fig = go.Figure(go.Bar(
        y=labels, x=dist["count"].to_numpy(), orientation="h", text=[number(int(n)) for n in dist["count"]],
        marker={"color": [status_colour(settings, s) for s in dist["status"]]}, textposition="auto",
        customdata=np.column_stack([dist["status"].to_numpy(dtype=object), [percent(v) for v in shares]]),
        hovertemplate="%{y}: %{x} / " + total + " (%{customdata[1]})<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_xaxes(title_text=plain(given(x_title, N_("Recommendations"))), tickformat="d",
                     dtick=1 if dist["count"].max() <= 8 else None)  # whole recommendations, never steps of 0.5
    return style(fig, title, height=bars_height(labels), legend=False)


def _stacked(long: pd.DataFrame, key: str, colours: Mapping[str, str], title: str, x_title: str,
             percent: bool, unit: str | None, empty: str | None) -> go.Figure:
    """Horizontal stacked bars of a long [group, key, count, share] frame, groups in the given order, each group
    named with its number of recommendations (`Land · n = 4`), so that a share is never read without its n.

    `key` holds words of the data model (statuses, responses): each trace is named by its translation.
    """
    if long.empty or long["count"].sum() == 0:
        return empty_figure(given(empty, N_("No recommendations to show.")), title)
    unit = given(unit, N_("recommendations"))
    groups = list(dict.fromkeys(long["group"]))
    sizes = long.groupby("group", sort=False)["count"].sum()
    labels = {g: label(f"{g} ·\u00a0n\u00a0=\u00a0{number(int(sizes[g]))}") for g in groups}  # n kept whole
    fig = go.Figure()
    for n, value in enumerate(dict.fromkeys(long[key])):
        sub = long.loc[long[key] == value]
        fig.add_bar(y=[labels[g] for g in sub["group"]], x=(sub["share"] if percent else sub["count"]).to_numpy(),
                    orientation="h", name=plain(_(value)),
                    marker={"color": colours.get(value, SERIES[n % len(SERIES)])},
                    customdata=np.column_stack([sub["group"].to_numpy(dtype=object), sub["count"].to_numpy(),
                                                np.floor(sub["share"].to_numpy() + 0.5),
                                                sub[key].to_numpy(dtype=object)]),
                    hovertemplate="%{y}<br>%{fullData.name}: %{customdata[1]} " + plain(unit)
                    + " (%{customdata[2]:.0f}%)<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=[labels[g] for g in groups], autorange="reversed")
    fig.update_xaxes(title_text=plain(x_title), range=[0, 100] if percent else None,
                     ticksuffix=percent_sign() if percent else "")
    return style(fig, title, height=bars_height(list(labels.values())))


def status_by_bar(long: pd.DataFrame, settings: Settings, title: str | None = None,
                  x_title: str = "", percent: bool = True,
                  unit: str | None = None, empty: str | None = None) -> go.Figure:
    """Stacked bars of status_by's [group, status, count, share]: one trace per status, settings colours."""
    return _stacked(long, "status", settings.status_colours, given(title, N_("Status by theme")), x_title, percent,
                    unit, empty)


def response_by_bar(long: pd.DataFrame, title: str | None = None,
                    x_title: str | None = None, percent: bool = False, unit: str | None = None,
                    empty: str | None = None) -> go.Figure:
    """Stacked bars of response_by's [group, response, count, share]: one trace per response."""
    return _stacked(long, "response", RESPONSE_COLOURS, given(title, N_("Accepted and noted, by theme")),
                    given(x_title, N_("Recommendations")), percent, unit, empty)


def scorecard_bar(card: pd.DataFrame, title: str | None = None,
                  x_title: str = "", benchmark: float | None = None,
                  benchmark_label: str | None = None, share_of: str | None = None,
                  empty: str | None = None) -> go.Figure:
    """Horizontal bars of ministry_scorecard's triggered_pct, labelled `x% of n`, with an optional benchmark line.

    `share_of` is the bar label's template, with `{percent}` and `{total}` (default `{percent} of {total}`).
    """
    title = given(title, N_("Recommendations that triggered action, by ministry"))
    if card.empty:
        return empty_figure(given(empty, N_("No recommendations to show.")), title)
    # TRANSLATORS: the label of a ministry's bar, e.g. "40% of 25" recommendations assigned to it.
    share_of = given(share_of, N_("{percent} of {total}"))
    benchmark_label = given(benchmark_label, N_("UPR Info benchmark"))
    labels = [label(m) for m in card["ministry"]]
    value = card["triggered_pct"].fillna(0).to_numpy()
    text = [plain(share_of.format(percent=percent(v), total=number(n))) for v, n in zip(value, card["assigned"])]
    inside = value >= INSIDE_FROM  # a long bar holds its label; a short one has it after its end, on white
    fig = go.Figure(go.Bar(
        y=labels, x=value, orientation="h", marker={"color": SERIES[0]}, cliponaxis=False,
        text=[t if i else "" for t, i in zip(text, inside)], textposition="inside", insidetextanchor="end",
        textfont={"color": "white"},
        customdata=np.column_stack([card["ministry"].to_numpy(dtype=object), card["assigned"].to_numpy(),
                                    card["stale"].to_numpy(), card["disagreements"].to_numpy()]),
        hovertemplate="%{y}: %{x:.0f}%<extra></extra>"))
    for y, x, t, i in zip(labels, value, text, inside):
        if not i:  # on a white box, so the benchmark line passes behind the label, never through it
            fig.add_annotation(x=x, y=y, xref="x", yref="y", xanchor="left", xshift=3, showarrow=False, text=t,
                               bgcolor="rgba(255,255,255,0.92)", font={"size": FONT_SIZE})
    if benchmark is not None:  # below the bars: it never crosses a label inside a bar
        fig.add_vline(x=benchmark, line={"color": GREY, "dash": "dash", "width": 2}, layer="below")
        fig.add_annotation(x=benchmark, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                           text=plain(f"{benchmark_label} {percent(benchmark)}"), font={"color": GREY})
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_xaxes(title_text=plain(x_title), range=[0, 100], ticksuffix=percent_sign())
    style(fig, title, height=bars_height(labels), legend=False)
    if benchmark is not None:  # room for the benchmark's label between the title and the bars
        fig.update_layout(margin_t=fig.layout.margin.t + 30, height=fig.layout.height + 30)
    return fig


def benchmark_bar(rows: pd.DataFrame, labels: Mapping[str, str], title: str, value_label: str,
                  benchmark_label: str, x_title: str = "", share_of: str | None = None) -> go.Figure:
    """Grouped horizontal bars of metrics.triggered_rows' % triggered action per population (labels: group → row
    label), each labelled `x% of n`, beside UPR Info's benchmark of the same population where there is one."""
    # TRANSLATORS: the label of a bar, e.g. "40% of 25" recommendations.
    share_of = given(share_of, N_("{percent} of {total}"))
    names = [label(labels.get(g, g)) for g in rows["group"]]
    values = [None if pd.isna(v) else float(v) for v in rows["pct"]]
    fig = go.Figure()
    fig.add_bar(y=names, x=[v or 0 for v in values], orientation="h", name=plain(value_label),
                marker={"color": SERIES[0]}, textposition="outside", cliponaxis=False,
                text=[plain(share_of.format(percent=percent(v), total=number(int(n)))) for v, n in zip(values,
                                                                                                       rows["n"])],
                hovertemplate="%{y}: %{text}<extra>" + plain(value_label) + "</extra>")
    bench = rows["benchmark"]
    if bench.notna().any():
        fig.add_bar(y=names, x=bench.fillna(0).to_numpy(), orientation="h", name=plain(benchmark_label),
                    marker={"color": "#B0B0B0"}, text=[percent(None if pd.isna(v) else v) for v in bench],
                    textposition="outside", cliponaxis=False,
                    hovertemplate="%{y}: %{text}<extra>" + plain(benchmark_label) + "</extra>")
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    fig.update_yaxes(categoryorder="array", categoryarray=rows, autorange="reversed")
    fig.update_xaxes(title_text=plain(x_title), range=[0, 115], ticksuffix=percent_sign(), dtick=25)
    return style(fig, title, height=190 + 90 * len(names))


def cycles_bar(comparison: pd.DataFrame, measures: Mapping[str, str] | None = None,
               title: str | None = None, y_title: str | None = None,
               cycle_label: str | None = None, empty: str | None = None) -> go.Figure:
    """Grouped bars of cycle_comparison: one trace per measure (column → legend label), one bar per cycle.

    `cycle_label` names a cycle's bars, with `{cycle}` (or `{}`) for its number.
    """
    title = given(title, N_("Recommendations by cycle"))
    if measures is None:
        measures = {c: _(n) for c, n in (("accepted", N_("Accepted")), ("partially_accepted", N_("Partially accepted")),
                                         ("noted", N_("Noted")), ("pending", N_("Pending"))) if comparison[c].sum() > 0}
    if comparison.empty or not measures:
        return empty_figure(given(empty, N_("No recommendations to show.")), title)
    cycle_label = given(cycle_label, N_("Cycle {cycle}"))
    x = [plain(cycle_name(cycle_label, c)) for c in comparison["cycle"]]
    fig = go.Figure()
    for n, (column, name) in enumerate(measures.items()):
        fig.add_bar(x=x, y=comparison[column].to_numpy(dtype=float), name=plain(name),
                    marker={"color": MEASURE_COLOURS.get(column, SERIES[n % len(SERIES)])},
                    customdata=comparison["cycle"].to_numpy(dtype=object),
                    hovertemplate="%{x}<br>%{fullData.name}: %{y}<extra></extra>")
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=plain(given(y_title, N_("Recommendations"))))
    return style(fig, title, height=440)


def states_bar(table: pd.DataFrame, title: str | None = None,
               x_title: str | None = None, value: str = "made", top: int = 25,
               accepted: str | None = None, triggered: str | None = None,
               empty: str | None = None) -> go.Figure:
    """Horizontal bars of state_table's `value` for the top States, one trace per UN regional group."""
    title = given(title, N_("Recommendations by recommending State"))
    if table.empty:
        return empty_figure(given(empty, N_("No recommending States to show.")), title)
    accepted, triggered = given(accepted, N_("accepted")), given(triggered, N_("triggered action"))
    table = table.head(top)
    labels = [label(s) for s in table["state"]]
    table = table.assign(_label=labels)
    fig = go.Figure()
    groups = sorted(dict.fromkeys(table["regional_group"]), key=lambda g: (g not in REGION_COLOURS, str(g)))
    for group in groups:
        sub = table.loc[table["regional_group"] == group]
        fig.add_bar(y=sub["_label"].tolist(), x=sub[value].to_numpy(dtype=float), orientation="h", name=plain(_(group)),
                    marker={"color": REGION_COLOURS.get(group, GREY)},
                    customdata=np.column_stack([sub["state"].to_numpy(dtype=object), sub["made"].to_numpy(),
                                                sub["accepted_pct"].fillna(0).to_numpy(),
                                                sub["triggered_pct"].fillna(0).to_numpy()]),
                    hovertemplate="%{y} (%{fullData.name})<br>%{customdata[1]} · " + plain(accepted)
                    + " %{customdata[2]:.0f}% · " + plain(triggered) + " %{customdata[3]:.0f}%<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_xaxes(title_text=plain(given(x_title, N_("Recommendations made"))))
    return style(fig, title, height=bars_height(labels))
