"""Pure chart builders: a metrics DataFrame → a plotly Figure, readable on a projector and a phone.

Statuses take their colours from settings.status_colours only; every other series uses the
Okabe–Ito colour-blind-safe palette. Every user-visible string is a parameter; left out (None), it is
the default in the current interface language (upr_sheets.i18n). The words of the data model shown as
legends and categories (statuses, responses, UN regional groups) are translated here, where they are
drawn; sheet text (themes, ministries, States, indicators) never is. Sheet text is escaped with `plain`
wherever plotly would read it as HTML; `customdata[0]` carries the raw, untranslated group/State/status so
a page can map a clicked bar back to it.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .i18n import N_, _, day, number, percent, percent_sign
from .regions import REGIONAL_GROUPS
from .settings import Settings

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")
RESPONSE_COLOURS = {"Accepted": "#009E73", "Partially accepted": "#56B4E9", "Noted": "#CC79A7",
                    "Pending": "#F0E442"}
REGION_COLOURS = dict(zip(REGIONAL_GROUPS, ("#E69F00", "#009E73", "#56B4E9", "#CC79A7", "#0072B2", "#000000",
                                            "#999999")))
MEASURE_COLOURS = {"count": "#0072B2", "accepted": RESPONSE_COLOURS["Accepted"],
                   "partially_accepted": RESPONSE_COLOURS["Partially accepted"], "noted": RESPONSE_COLOURS["Noted"],
                   "pending": RESPONSE_COLOURS["Pending"], "triggered_pct": "#E69F00", "fully_pct": "#0072B2"}
FONT_SIZE = 18
TITLE_SIZE = 22
TITLE_WIDTH = 32  # characters per title line, so titles fit a 390-px phone (about 10 px a character)
LABEL_WIDTH = 21  # characters per axis-label line: leaves a phone most of its width for the bars
BAR_HEIGHT = 44  # px per horizontal bar
GREY = "#6E6E6E"
KHMER_COENG = "\u17d2"  # joins the next consonant below the previous one: never break around it
# Latin text in Open Sans / Noto Sans; Khmer glyphs from Khmer OS (Debian's fonts-khmeros) or Noto Sans Khmer:
# the browser picks a font per glyph down the list.
FONT_FAMILY = '"Open Sans", "Noto Sans", "Khmer OS", "Noto Sans Khmer", "Khmer OS System", sans-serif'


def _given(text: str | None, default: str) -> str:
    """A caller's label as given, or the default (marked with N_) in the current language."""
    return _(default) if text is None else text


def _cycle(template: str, cycle: object) -> str:
    """A cycle's label from a template with `{cycle}` (or a bare `{}`)."""
    return template.format(cycle, cycle=cycle)


def _figure(value: float) -> str:
    """An indicator value with at most four significant digits, in the current locale (`1,235`, `12.5`)."""
    return number(float(f"{value:.4g}"))


def plain(text: object) -> str:
    """Text safe for plotly's HTML subset: `&`, `<` and `>` escaped; None → ''."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _visible(text: str) -> int:
    """Characters that take room on a line: combining marks (Khmer vowel signs, subscripts) take none."""
    return sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Mc", "Me", "Cf"))


def _breakable(text: str, at: int) -> bool:
    """Whether a line may break before text[at] without splitting a cluster (a consonant and its marks, or a
    Khmer subscript: COENG U+17D2 and the consonant after it)."""
    return unicodedata.category(text[at]) not in ("Mn", "Mc", "Me") and KHMER_COENG not in text[at - 1:at + 1]


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most about `width` characters: at spaces where there are spaces; a longer run without
    spaces (Khmer writes words without them) is cut between clusters, never inside one."""
    lines = []
    for line in textwrap.wrap(text, width=width, break_long_words=False) or [""]:
        while _visible(line) > width:
            cuts = [i for i in range(1, len(line)) if _visible(line[:i]) <= width and _breakable(line, i)]
            if not cuts:
                break
            lines.append(line[:cuts[-1]])
            line = line[cuts[-1]:]
        lines.append(line)
    return lines


def label(text: object, width: int = LABEL_WIDTH) -> str:
    """An axis label: escaped and wrapped onto several lines (see wrap)."""
    return "<br>".join(plain(line) for line in wrap(str(text), width))


def style(fig: go.Figure, title: str, height: int = 440, legend: bool = True) -> go.Figure:
    """The shared look: large fonts, title then legend on top, tight margins, white template, escaped title."""
    lines = wrap(title, TITLE_WIDTH)
    top = 14 + 32 * len(lines)  # px taken by the title; the legend sits right under it and pushes the plot down
    fig.update_layout(
        template="plotly_white", height=height, showlegend=legend,
        title={"text": "<br>".join(plain(line) for line in lines), "x": 0, "xanchor": "left", "yref": "container",
               "y": 1 - (15 if len(lines) > 1 else 0) / height, "yanchor": "top", "pad": {"t": 10},
               "font": {"size": TITLE_SIZE}},  # plotly lifts a wrapped title by half a line, however many lines
        font={"size": FONT_SIZE, "family": FONT_FAMILY},
        hoverlabel={"font": {"size": FONT_SIZE - 2, "family": FONT_FAMILY}},
        legend={"orientation": "h", "xref": "container", "x": 0, "xanchor": "left", "yref": "container",
                "y": 1 - top / height, "yanchor": "top", "traceorder": "normal", "title": {"text": ""},
                "font": {"size": FONT_SIZE - 2}},
        margin={"l": 8, "r": 16, "t": top + 8, "b": 8})
    fig.update_xaxes(automargin=True, title_font={"size": FONT_SIZE})
    fig.update_yaxes(automargin=True, title_font={"size": FONT_SIZE})
    return fig


def _bars_height(labels: Sequence[str]) -> int:
    """Figure height giving each horizontal bar room for the longest (wrapped) label: plotly spaces bars evenly."""
    return 170 + len(labels) * max((max(BAR_HEIGHT, 22 * text.count("<br>") + 36) for text in labels), default=0)


def empty_figure(message: str, title: str = "") -> go.Figure:
    """A figure that says why there is nothing to show."""
    fig = go.Figure()
    fig.add_annotation(text=plain(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": FONT_SIZE + 2, "color": GREY})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return style(fig, title, height=260, legend=False)


def _colour(settings: Settings, status: str) -> str:
    colours = settings.status_colours
    return colours.get(status, colours.get(settings.default_status, GREY))


def status_donut(dist: pd.DataFrame, settings: Settings, title: str | None = None,
                 empty: str | None = None) -> go.Figure:
    """Donut of [status, count]: one slice per status in scale order, settings colours."""
    title = _given(title, N_("Implementation status"))
    if dist["count"].sum() == 0:
        return empty_figure(_given(empty, N_("No recommendations to show.")), title)
    fig = go.Figure(go.Pie(
        labels=[plain(_(s)) for s in dist["status"]], values=dist["count"].to_numpy(), hole=0.55, sort=False,
        direction="clockwise", marker={"colors": [_colour(settings, s) for s in dist["status"]]},
        customdata=dist["status"].to_numpy(dtype=object), textinfo="percent", textfont={"size": FONT_SIZE},
        hovertemplate="%{label}: %{value} (%{percent})<extra></extra>"))
    return style(fig, title, height=420)


def status_bar(dist: pd.DataFrame, settings: Settings, title: str | None = None,
               x_title: str | None = None, empty: str | None = None) -> go.Figure:
    """Horizontal bars of [status, count, share], one per status in scale order."""
    title = _given(title, N_("Implementation status"))
    if dist["count"].sum() == 0:
        return empty_figure(_given(empty, N_("No recommendations to show.")), title)
    labels = [label(_(s)) for s in dist["status"]]
    fig = go.Figure(go.Bar(
        y=labels, x=dist["count"].to_numpy(), orientation="h", text=[percent(s) for s in dist["share"]],
        marker={"color": [_colour(settings, s) for s in dist["status"]]}, textposition="auto",
        customdata=np.column_stack([dist["status"].to_numpy(dtype=object), dist["share"].to_numpy()]),
        hovertemplate="%{y}: %{x} (%{customdata[1]:.0f}%)<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_xaxes(title_text=plain(_given(x_title, N_("Recommendations"))))
    return style(fig, title, height=_bars_height(labels), legend=False)


def progress_area(progress: pd.DataFrame, settings: Settings, title: str | None = None,
                  y_title: str | None = None, empty: str | None = None) -> go.Figure:
    """Stacked areas of [date, status, count]: one trace per status, one point per quarter."""
    title = _given(title, N_("Progress over time"))
    if progress.empty:
        return empty_figure(_given(empty, N_("No dated assessments yet.")), title)
    fig = go.Figure()
    for status in dict.fromkeys(progress["status"]):
        sub = progress.loc[progress["status"] == status]
        colour = _colour(settings, status)
        fig.add_scatter(x=sub["date"], y=sub["count"].to_numpy(), name=plain(_(status)), mode="lines",
                        stackgroup="status", line={"color": colour, "width": 1}, fillcolor=colour,
                        hovertemplate="%{x|%d %b %Y}<br>%{fullData.name}: %{y}<extra></extra>")
    fig.update_yaxes(title_text=plain(_given(y_title, N_("Recommendations"))))
    fig.update_layout(hovermode="x unified")
    return style(fig, title, height=440)


def _stacked(long: pd.DataFrame, key: str, colours: Mapping[str, str], title: str, x_title: str,
             percent: bool, unit: str | None, empty: str | None) -> go.Figure:
    """Horizontal stacked bars of a long [group, key, count, share] frame, groups in the given order.

    `key` holds words of the data model (statuses, responses): each trace is named by its translation.
    """
    if long.empty or long["count"].sum() == 0:
        return empty_figure(_given(empty, N_("No recommendations to show.")), title)
    unit = _given(unit, N_("recommendations"))
    groups = list(dict.fromkeys(long["group"]))
    labels = {g: label(g) for g in groups}
    fig = go.Figure()
    for n, value in enumerate(dict.fromkeys(long[key])):
        sub = long.loc[long[key] == value]
        fig.add_bar(y=[labels[g] for g in sub["group"]], x=(sub["share"] if percent else sub["count"]).to_numpy(),
                    orientation="h", name=plain(_(value)),
                    marker={"color": colours.get(value, SERIES[n % len(SERIES)])},
                    customdata=np.column_stack([sub["group"].to_numpy(dtype=object), sub["count"].to_numpy(),
                                                sub["share"].to_numpy()]),
                    hovertemplate="%{y}<br>%{fullData.name}: %{customdata[1]} " + plain(unit)
                    + " (%{customdata[2]:.0f}%)<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=[labels[g] for g in groups], autorange="reversed")
    fig.update_xaxes(title_text=plain(x_title), range=[0, 100] if percent else None,
                     ticksuffix=percent_sign() if percent else "")
    return style(fig, title, height=_bars_height(list(labels.values())))


def status_by_bar(long: pd.DataFrame, settings: Settings, title: str | None = None,
                  x_title: str = "", percent: bool = True,
                  unit: str | None = None, empty: str | None = None) -> go.Figure:
    """Stacked bars of status_by's [group, status, count, share]: one trace per status, settings colours."""
    return _stacked(long, "status", settings.status_colours, _given(title, N_("Status by theme")), x_title, percent,
                    unit, empty)


def response_by_bar(long: pd.DataFrame, title: str | None = None,
                    x_title: str | None = None, percent: bool = False, unit: str | None = None,
                    empty: str | None = None) -> go.Figure:
    """Stacked bars of response_by's [group, response, count, share]: one trace per response."""
    return _stacked(long, "response", RESPONSE_COLOURS, _given(title, N_("Accepted and noted, by theme")),
                    _given(x_title, N_("Recommendations")), percent, unit, empty)


def scorecard_bar(card: pd.DataFrame, title: str | None = None,
                  x_title: str = "", benchmark: float | None = None,
                  benchmark_label: str | None = None, share_of: str | None = None,
                  empty: str | None = None) -> go.Figure:
    """Horizontal bars of ministry_scorecard's triggered_pct, labelled `x% of n`, with an optional benchmark line.

    `share_of` is the bar label's template, with `{percent}` and `{total}` (default `{percent} of {total}`).
    """
    title = _given(title, N_("Recommendations that triggered action, by ministry"))
    if card.empty:
        return empty_figure(_given(empty, N_("No recommendations to show.")), title)
    # TRANSLATORS: the label of a ministry's bar, e.g. "40% of 25" recommendations assigned to it.
    share_of = _given(share_of, N_("{percent} of {total}"))
    benchmark_label = _given(benchmark_label, N_("UPR Info benchmark"))
    labels = [label(m) for m in card["ministry"]]
    value = card["triggered_pct"].fillna(0).to_numpy()
    fig = go.Figure(go.Bar(
        y=labels, x=value, orientation="h", marker={"color": SERIES[0]}, textposition="auto", cliponaxis=False,
        text=[plain(share_of.format(percent=percent(v), total=number(n))) for v, n in zip(value, card["assigned"])],
        customdata=np.column_stack([card["ministry"].to_numpy(dtype=object), card["assigned"].to_numpy(),
                                    card["stale"].to_numpy(), card["disagreements"].to_numpy()]),
        hovertemplate="%{y}: %{x:.0f}%<extra></extra>"))
    if benchmark is not None:
        fig.add_vline(x=benchmark, line={"color": GREY, "dash": "dash", "width": 2})
        fig.add_annotation(x=benchmark, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                           text=plain(f"{benchmark_label} {percent(benchmark)}"), font={"color": GREY})
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_xaxes(title_text=plain(x_title), range=[0, 100], ticksuffix=percent_sign())
    style(fig, title, height=_bars_height(labels), legend=False)
    if benchmark is not None:  # room for the benchmark's label between the title and the bars
        fig.update_layout(margin_t=fig.layout.margin.t + 30, height=fig.layout.height + 30)
    return fig


def benchmark_bar(shares: Mapping[str, float | None], benchmarks: Mapping[str, float], labels: Mapping[str, str],
                  title: str, value_label: str, benchmark_label: str, x_title: str = "") -> go.Figure:
    """Grouped horizontal bars of % triggered action per response group (labels: key → row label), this
    coalition's figure beside the benchmark; a group with nothing to divide by shows `–`."""
    rows = [label(labels[k]) for k in labels]
    fig = go.Figure()
    for name, values, colour in ((value_label, [shares.get(k) for k in labels], SERIES[0]),
                                 (benchmark_label, [benchmarks.get(k) for k in labels], "#B0B0B0")):
        fig.add_bar(y=rows, x=[v or 0 for v in values], orientation="h", name=plain(name),
                    marker={"color": colour}, text=[percent(v) for v in values],
                    textposition="outside", cliponaxis=False,
                    hovertemplate="%{y}: %{text}<extra>" + plain(name) + "</extra>")
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    fig.update_yaxes(categoryorder="array", categoryarray=rows, autorange="reversed")
    fig.update_xaxes(title_text=plain(x_title), range=[0, 115], ticksuffix=percent_sign(), dtick=25)
    return style(fig, title, height=190 + 90 * len(rows))


def cycles_bar(comparison: pd.DataFrame, measures: Mapping[str, str] | None = None,
               title: str | None = None, y_title: str | None = None,
               cycle_label: str | None = None, empty: str | None = None) -> go.Figure:
    """Grouped bars of cycle_comparison: one trace per measure (column → legend label), one bar per cycle.

    `cycle_label` names a cycle's bars, with `{cycle}` (or `{}`) for its number.
    """
    title = _given(title, N_("Recommendations by cycle"))
    if measures is None:
        measures = {c: _(n) for c, n in (("accepted", N_("Accepted")), ("partially_accepted", N_("Partially accepted")),
                                         ("noted", N_("Noted")), ("pending", N_("Pending"))) if comparison[c].sum() > 0}
    if comparison.empty or not measures:
        return empty_figure(_given(empty, N_("No recommendations to show.")), title)
    cycle_label = _given(cycle_label, N_("Cycle {cycle}"))
    x = [plain(_cycle(cycle_label, c)) for c in comparison["cycle"]]
    fig = go.Figure()
    for n, (column, name) in enumerate(measures.items()):
        fig.add_bar(x=x, y=comparison[column].to_numpy(dtype=float), name=plain(name),
                    marker={"color": MEASURE_COLOURS.get(column, SERIES[n % len(SERIES)])},
                    customdata=comparison["cycle"].to_numpy(dtype=object),
                    hovertemplate="%{x}<br>%{fullData.name}: %{y}<extra></extra>")
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=plain(_given(y_title, N_("Recommendations"))))
    return style(fig, title, height=440)


def states_bar(table: pd.DataFrame, title: str | None = None,
               x_title: str | None = None, value: str = "made", top: int = 25,
               accepted: str | None = None, triggered: str | None = None,
               empty: str | None = None) -> go.Figure:
    """Horizontal bars of state_table's `value` for the top States, one trace per UN regional group."""
    title = _given(title, N_("Recommendations by recommending State"))
    if table.empty:
        return empty_figure(_given(empty, N_("No recommending States to show.")), title)
    accepted, triggered = _given(accepted, N_("accepted")), _given(triggered, N_("triggered action"))
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
    fig.update_xaxes(title_text=plain(_given(x_title, N_("Recommendations made"))))
    return style(fig, title, height=_bars_height(labels))


def indicator_chart(series: pd.DataFrame, baseline: float | None = None, target: float | None = None,
                    title: str | None = None, unit: str = "", value_label: str | None = None,
                    baseline_label: str | None = None, target_label: str | None = None, max_points: int = 500,
                    empty: str | None = None) -> go.Figure:
    """Line of indicator_series' [date, value] with baseline and target as horizontal reference lines."""
    # Long series are averaged per month so the browser never gets more than `max_points` points.
    title = _given(title, N_("Indicator"))
    if series.empty:
        return empty_figure(_given(empty, N_("No measurements yet.")), title)
    value_label = _given(value_label, N_("Measured"))
    baseline_label, target_label = _given(baseline_label, N_("Baseline")), _given(target_label, N_("Target"))
    if len(series) > max_points:
        series = series.set_index("date")["value"].resample("ME").mean().dropna().reset_index().tail(max_points)
    fig = go.Figure(go.Scatter(x=series["date"], y=series["value"].to_numpy(dtype=float), mode="lines+markers",
                               name=plain(value_label), line={"color": SERIES[0], "width": 3}, marker={"size": 10},
                               hovertemplate="%{x|%d %b %Y}: %{y:,.4~g} " + plain(unit) + "<extra></extra>"))
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
    return style(fig, title, height=420, legend=False)


def timeline_chart(timeline: pd.DataFrame, today: date | datetime | str, title: str | None = None,
                   today_label: str | None = None, cycle_label: str | None = None, date_format: str = "MMM y",
                   empty: str | None = None) -> go.Figure:
    """Timeline's milestones on a date axis: one row per milestone, one trace per cycle, a line for today.

    The milestone names are shown as the timeline holds them (metrics.timeline translates its labels); each
    marker's date is written in the current locale, with `date_format` (a CLDR pattern: `MMM y` → `Jun 2016`).
    """
    title = _given(title, N_("UPR calendar"))
    if timeline.empty:
        return empty_figure(_given(empty, N_("No dates in the Cycles tab.")), title)
    cycle_label = _given(cycle_label, N_("Cycle {cycle}"))
    milestones = [label(m, 16) for m in dict.fromkeys(timeline["milestone"])]
    fig = go.Figure()
    for n, cycle in enumerate(dict.fromkeys(timeline["cycle"])):
        sub = timeline.loc[timeline["cycle"] == cycle]
        fig.add_scatter(x=sub["date"], y=[label(m, 16) for m in sub["milestone"]], mode="markers+text",
                        name=plain(_cycle(cycle_label, cycle)), text=[day(d, date_format) for d in sub["date"]],
                        hovertext=[day(d) for d in sub["date"]], texttemplate="%{text}",
                        textposition="bottom center" if n % 2 else "top center",  # neighbours' dates apart
                        marker={"size": 16, "color": SERIES[n % len(SERIES)]},
                        cliponaxis=False,
                        customdata=sub["days_left"].to_numpy(),
                        hovertemplate="%{fullData.name}: %{y}<br>%{hovertext}<extra></extra>")
    when = pd.Timestamp(today)
    fig.add_shape(type="line", x0=when, x1=when, y0=0, y1=1, xref="x", yref="paper",
                  line={"color": GREY, "dash": "dash", "width": 2})
    fig.add_annotation(x=when, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                       text=plain(_given(today_label, N_("Today"))), font={"color": GREY})
    fig.update_yaxes(categoryorder="array", categoryarray=milestones, range=[len(milestones) - 0.5, -0.9])
    return style(fig, title, height=200 + 70 * len(milestones))
