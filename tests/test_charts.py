"""Chart builders: traces, colours, orientation, titles, escaping, aggregation and empty states."""

from __future__ import annotations

import base64
import json
from datetime import date
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest
from builders import dataset_of_records

from upr_sheets.analysis import breakdowns, indicator_figures
from upr_sheets.analysis import charts as C
from upr_sheets.analysis import charts_style as S
from upr_sheets.analysis import metrics as M
from upr_sheets.core.model import Dataset
from upr_sheets.core.regions import AFRICAN, GRULAC, WEOG

SCRIPT = "<script>alert('x')</script>"


workbook = dataset_of_records  # tabs as lists of {header: value} rows, validated


def rec(id: str, cycle: int, themes: str, status: str, response: str = "Accepted", states: str = "France",
        ministries: str = "") -> dict[str, str]:
    """One Recommendations row."""
    return {"ID": id, "Cycle": str(cycle), "Recommendation": f"Text {id}", "Response": response, "Themes": themes,
            "Status": status, "Recommending States": states, "Ministries": ministries}


@cache
def data() -> Dataset:
    """The sample workbook, validated on first use."""
    return workbook({
        "Recommendations": [
            rec("1", 1, "Land & housing", "Fully implemented", states="France; Kenya", ministries="Justice"),
            rec("2", 1, f"Land & housing; {SCRIPT}", "Partially implemented", "Noted", "Kenya", "Interior"),
            rec("3", 2, "Judiciary", "Not implemented", states="Nigeria"),
            rec("4", 2, "", "", "Noted", "Brazil"),
        ],
        "Assessments": [
            {"Date": "2023-02-01", "Cycle": "1", "Recommendation ID": "1", "Status": "Partially implemented"},
            {"Date": "2023-11-01", "Cycle": "1", "Recommendation ID": "1", "Status": "Fully implemented"},
            {"Date": "2024-05-01", "Cycle": "1", "Recommendation ID": "2", "Status": "Partially implemented"},
        ],
        "Indicators": [{"Indicator ID": "I1", "Recommendation IDs": "1", "Indicator": "Titles", "Baseline": "10",
                        "Target": "30", "Direction": "Increase", "Unit": "titles"}],
        "Measurements": [{"Date": d, "Indicator ID": "I1", "Value": v} for d, v in
                         (("2023-01-01", "12"), ("2024-01-01", "20"))],
        "Cycles": [{"Cycle": "2", "Review Date": "2014-01-28", "Mid-term Report Due": "2016-06-30",
                    "Next Review": "2019-01-22"}],
    })


def recs() -> pd.DataFrame:
    """The sample's recommendations."""
    return data().recommendations


def values(v: Any) -> list:
    """A trace array as a list, decoding plotly's base64 `{"dtype", "bdata"}` form."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v)


def rendered_strings(node: Any, skip: frozenset = frozenset({"customdata", "template"})) -> list[str]:
    """Every string plotly may render as HTML (everything but customdata and the template)."""
    if isinstance(node, dict):
        return [s for k, v in node.items() if k not in skip for s in rendered_strings(v, skip)]
    if isinstance(node, list):
        return [s for v in node for s in rendered_strings(v, skip)]
    return [node] if isinstance(node, str) else []


PLAIN_CASES = [("Land & housing", "Land &amp; housing"), (SCRIPT, "&lt;script&gt;alert('x')&lt;/script&gt;"),
               ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"), (None, ""), (2, "2"), (float("nan"), "")]


@pytest.mark.parametrize("text,expected", PLAIN_CASES)
def test_plain(text, expected):
    assert S.plain(text) == expected


def test_label_wraps_and_escapes():
    assert S.label("Ministry of Education, Youth and Sports <MoEYS>", 20) == \
        "Ministry of<br>Education, Youth and<br>Sports &lt;MoEYS&gt;"


def test_long_titles_wrap_for_phones(settings):
    fig = C.status_bar(M.status_distribution(recs(), settings), settings,
                       title="Recommendations by recommending State and regional group")
    assert fig.layout.title.text == "Recommendations by recommending<br>State and regional group"


def test_shared_style_is_readable_on_a_projector(settings):
    fig = C.status_donut(M.status_distribution(recs(), settings), settings, title="Statut & avancement")
    layout = fig.layout
    assert layout.font.size >= 16 and layout.title.font.size > layout.font.size
    assert layout.title.text == "Statut &amp; avancement"
    assert layout.legend.orientation == "h" and layout.legend.yref == "container"
    assert layout.legend.y < layout.title.y  # legend on top, right under the title
    assert layout.template == pio.templates["plotly_white"]
    assert layout.margin.l <= 16 and layout.margin.r <= 16


def test_status_donut(settings):
    labels, colours = list(settings.status_labels), settings.status_colours
    fig = C.status_donut(M.status_distribution(recs(), settings), settings)
    (pie,) = fig.data
    assert pie.type == "pie" and list(pie.labels) == labels and list(pie.customdata) == labels
    assert list(pie.marker.colors) == [colours[s] for s in labels]
    assert values(pie.values) == [1, 1, 1, 1] and fig.layout.title.text == "Implementation status"


def test_status_bar(settings):
    labels, colours = list(settings.status_labels), settings.status_colours
    fig = C.status_bar(M.status_distribution(recs(), settings), settings, title="Status")
    (bar,) = fig.data
    assert bar.orientation == "h" and list(bar.y) == labels
    assert list(bar.marker.color) == [colours[s] for s in labels]
    dist = M.status_distribution(recs(), settings)
    assert list(bar.text) == [str(n) for n in dist["count"]]  # a count axis: counts on the bars, % in the hover
    assert [row[1] for row in bar.customdata] == [f"{v:.0f}%" for v in dist["pct"]]


def test_progress_area(settings):
    labels, colours = list(settings.status_labels), settings.status_colours
    progress = M.progress_over_time(data(), settings)
    fig = C.progress_area(progress, settings, title="Progress")
    assert [t.name for t in fig.data] == labels
    assert [t.line.color for t in fig.data] == [colours[s] for s in labels]
    assert {t.stackgroup for t in fig.data} == {"status"}
    quarters = progress["date"].nunique()
    assert quarters == 6 and all(len(t.x) == quarters for t in fig.data)
    assert values(fig.data[2].y) == [0, 0, 0, 1, 1, 1]  # Fully implemented from the 4th quarter of 2023


def test_status_by_bar(settings):
    labels, colours = list(settings.status_labels), settings.status_colours
    long = breakdowns.status_by(recs(), "themes", settings)
    groups = list(dict.fromkeys(long["group"]))
    fig = C.status_by_bar(long, settings, title="Status by theme")
    assert [t.name for t in fig.data] == labels
    assert [t.marker.color for t in fig.data] == [colours[s] for s in labels]
    assert {t.orientation for t in fig.data} == {"h"} and fig.layout.barmode == "stack"
    for trace in fig.data:
        assert len(trace.y) == len(groups)  # one point per group, never per recommendation
        assert [row[0] for row in trace.customdata] == groups  # a click maps back to the raw group
    sizes = long.groupby("group", sort=False)["count"].sum()
    assert list(fig.data[2].y) == [S.label(f"{g} ·\u00a0n\u00a0=\u00a0{sizes[g]}") for g in groups]  # share with n
    assert values(fig.data[2].x) == pytest.approx(list(long.loc[long["status"] == labels[2], "share"]))
    counts = C.status_by_bar(long, settings, percent=False)
    assert values(counts.data[2].x) == list(long.loc[long["status"] == labels[2], "count"])


def test_sheet_text_is_escaped_in_the_figure_json(settings):
    fig = C.status_by_bar(breakdowns.status_by(recs(), "themes", settings), settings, title=f"Themes {SCRIPT}")
    data = json.loads(fig.to_json())
    shown = rendered_strings(data)
    assert not [s for s in shown if "<script" in s or "</script" in s]
    assert any("&lt;script&gt;" in s for s in values(data["data"][0]["y"]))
    assert "&lt;script&gt;" in data["layout"]["title"]["text"]
    assert SCRIPT in [row[0] for row in data["data"][0]["customdata"]]  # raw only where nothing renders it


def test_response_by_bar():
    fig = C.response_by_bar(breakdowns.response_by(recs(), "themes"), title="Responses")
    assert [t.name for t in fig.data] == ["Accepted", "Noted"]
    assert [t.marker.color for t in fig.data] == [S.RESPONSE_COLOURS["Accepted"], S.RESPONSE_COLOURS["Noted"]]
    assert {t.orientation for t in fig.data} == {"h"}


def test_scorecard_bar_with_benchmark(settings):
    card = breakdowns.ministry_scorecard(data(), settings, date(2024, 6, 30))
    fig = C.scorecard_bar(card, title="Ministries", benchmark=48.0)
    (bar,) = fig.data
    assert list(bar.y) == ["Interior", "Justice", "(none)"] and list(bar.text) == ["100% of 1", "100% of 1", ""]
    short = [a for a in fig.layout.annotations if a.yref == "y"]  # a short bar's label: after it, on white
    assert [(a.text, a.x, a.xanchor) for a in short] == [("0% of 2", 0, "left")] and short[0].bgcolor
    assert [(s.x0, s.layer) for s in fig.layout.shapes] == [(48.0, "below")]  # behind the bars and their labels
    assert fig.layout.annotations[-1].text == "UPR Info benchmark 48%"
    assert [row[0] for row in bar.customdata] == ["Interior", "Justice", "(none)"]


def test_scorecard_bar_leaves_room_for_the_benchmark_label(settings):
    card = breakdowns.ministry_scorecard(data(), settings, date(2024, 6, 30))
    plain, marked = C.scorecard_bar(card, title="Ministries"), C.scorecard_bar(card, title="Ministries", benchmark=48.0)
    assert marked.layout.margin.t == plain.layout.margin.t + 30 and marked.layout.height == plain.layout.height + 30


def test_bars_get_the_room_of_the_longest_label(settings):
    long = pd.DataFrame({"status": ["A", "An implementation status with a very long name indeed"], "count": [1, 2],
                         "share": [33.3, 66.7]})
    fig = C.status_bar(long, settings, title="Status")
    assert [label.count("<br>") for label in fig.data[0].y] == [0, 2]
    assert fig.layout.height == 170 + 2 * (22 * 2 + 36)  # plotly spaces bars evenly


def test_benchmark_bar():
    rows = pd.DataFrame({"group": ["all", "accepted", "noted"], "n": [205, 163, 42], "triggered": [95, 89, 6],
                         "pct": [46.0, 55.0, 14.0], "benchmark": [48.0, 55.0, 19.0]})
    labels = {"all": "All", "accepted": "Accepted <b>", "noted": "Noted"}
    fig = C.benchmark_bar(rows, labels, title="T", value_label="Ours", benchmark_label="UPR Info")
    ours, theirs = fig.data
    assert [t.name for t in fig.data] == ["Ours", "UPR Info"]
    assert list(ours.y) == ["All", "Accepted &lt;b&gt;", "Noted"]
    assert list(ours.text) == ["46% of 205", "55% of 163", "14% of 42"] and list(ours.x) == [46.0, 55.0, 14.0]
    assert list(theirs.x) == [48.0, 55.0, 19.0] and list(theirs.text) == ["48%", "55%", "19%"]
    assert fig.layout.font.size == S.FONT_SIZE
    alone = C.benchmark_bar(rows.assign(benchmark=np.nan), labels, title="T", value_label="Ours",
                            benchmark_label="UPR Info")
    assert [t.name for t in alone.data] == ["Ours"]  # nothing comparable: no benchmark bars at all


def test_cycles_bar(settings):
    fig = C.cycles_bar(breakdowns.cycle_comparison(data(), settings), title="Cycles")
    assert fig.layout.barmode == "group"
    assert [t.name for t in fig.data] == ["Accepted", "Noted"]  # responses nobody gave are left out
    assert list(fig.data[0].x) == ["Cycle 1", "Cycle 2"] and values(fig.data[0].y) == [1.0, 1.0]
    pct = C.cycles_bar(breakdowns.cycle_comparison(data(), settings), {"triggered_pct": "Triggered action"},
                       cycle_label="Cycle {} (2nd UPR)", y_title="%")
    assert [t.name for t in pct.data] == ["Triggered action"] and values(pct.data[0].y) == [100.0, 0.0]


def test_states_bar_one_trace_per_regional_group(settings):
    table = breakdowns.state_table(recs(), settings)
    fig = C.states_bar(table, top=3)
    assert [t.name for t in fig.data] == [AFRICAN, GRULAC, WEOG]
    assert [t.marker.color for t in fig.data] == [S.REGION_COLOURS[g] for g in (AFRICAN, GRULAC, WEOG)]
    assert sum(len(t.y) for t in fig.data) == 3
    assert fig.layout.yaxis.categoryarray == ("Kenya", "Brazil", "France")


def test_indicator_chart_reference_lines():
    series = indicator_figures.indicator_series(data(), "I1")
    fig = C.indicator_chart(series, baseline=10.0, target=30.0, title="Titles", unit="titles")
    assert [s.y0 for s in fig.layout.shapes] == [10.0, 30.0]
    assert [a.text for a in fig.layout.annotations] == ["Baseline: 10 titles", "Target: 30 titles"]
    assert values(fig.data[0].y) == [12.0, 20.0]


def test_indicator_chart_aggregates_long_series():
    days = pd.date_range("2000-01-01", periods=5000, freq="D")
    series = pd.DataFrame({"date": days, "value": np.arange(5000.0), "note": "", "source": ""})
    fig = C.indicator_chart(series, max_points=200)
    assert len(fig.data[0].x) <= 200


def test_timeline_chart():
    fig = C.timeline_chart(M.timeline(data(), date(2015, 1, 1)), date(2015, 1, 1), title="Calendar")
    (trace,) = fig.data
    assert trace.name == "Cycle 2" and list(trace.y) == ["Review", "Mid-term report<br>due", "Next review"]
    assert values(trace.customdata) == [-338, 546, 1482]
    assert fig.layout.shapes[0].x0 == pd.Timestamp("2015-01-01")
    assert fig.layout.annotations[0].text == "Today"


def test_timeline_dates_of_neighbouring_cycles_sit_on_either_side():
    fig = C.timeline_chart(M.timeline(data(), date(2015, 1, 1)).assign(cycle=[1, 2, 2]), date(2015, 1, 1))
    assert [t.textposition for t in fig.data] == ["top center", "bottom center"]


def no_recs() -> pd.DataFrame:
    """The sample's recommendations, all filtered out."""
    return recs().iloc[:0]


EMPTY_CASES = {  # each called with the settings
    "donut": lambda s: C.status_donut(M.status_distribution(no_recs(), s), s, empty="No data"),
    "status bar": lambda s: C.status_bar(M.status_distribution(no_recs(), s), s, empty="No data"),
    "progress": lambda s: C.progress_area(M.progress_over_time(workbook({"Recommendations": [rec("1", 1, "", "")]}), s),
                                          s, empty="No data"),
    "status by": lambda s: C.status_by_bar(breakdowns.status_by(no_recs(), "themes", s), s, empty="No data"),
    "response by": lambda s: C.response_by_bar(breakdowns.response_by(no_recs(), "themes"), empty="No data"),
    "scorecard": lambda s: C.scorecard_bar(breakdowns.ministry_scorecard(data(), s, "2024-01-01").iloc[:0],
                                           empty="No data"),
    "cycles": lambda s: C.cycles_bar(breakdowns.cycle_comparison(data(), s).iloc[:0], empty="No data"),
    "states": lambda s: C.states_bar(breakdowns.state_table(no_recs(), s), empty="No data"),
    "indicator": lambda s: C.indicator_chart(indicator_figures.indicator_series(data(), "nope"), 1.0, 2.0,
                                             empty="No data"),
    "timeline": lambda s: C.timeline_chart(M.timeline(data(), "2015-01-01").iloc[:0], "2015-01-01", empty="No data"),
}


@pytest.mark.parametrize("build", EMPTY_CASES.values(), ids=EMPTY_CASES.keys())
def test_empty_states_say_why(build, settings):
    fig = build(settings)
    assert len(fig.data) == 0 and [a.text for a in fig.layout.annotations] == ["No data"]
    assert fig.layout.xaxis.visible is False


def test_empty_figure_message_is_escaped():
    fig = C.empty_figure("Filters exclude <everything>", title="Themes")
    assert fig.layout.annotations[0].text == "Filters exclude &lt;everything&gt;"
    assert fig.layout.title.text == "Themes"


def test_charts_aggregate_before_plotting(settings):
    labels = list(settings.status_labels)
    n = 20_000
    rng = np.random.default_rng(3)
    themes = [("Land",), ("Judiciary", "Land"), ("Health",), (), ("Women", "Health", "Land")]
    recs = pd.DataFrame({"status": pd.array(rng.choice(labels, n), dtype=str),
                         "response": pd.array(rng.choice(["Accepted", "Noted"], n), dtype=str),
                         "themes": [themes[i] for i in rng.integers(0, len(themes), n)]})
    long = breakdowns.status_by(recs, "themes", settings)
    groups = long["group"].nunique()
    for fig in (C.status_by_bar(long, settings), C.response_by_bar(breakdowns.response_by(recs, "themes")),
                C.status_donut(M.status_distribution(recs, settings), settings)):
        assert all(len(values(t.y if t.type == "bar" else t.values)) <= max(groups, len(labels)) for t in fig.data)


@pytest.mark.parametrize("text", [
    "ស្ថានភាពតាមប្រធានបទ ដោយប្រធានបទដែលអនុវត្តបានល្អបំផុតនៅមុន",
    "អនុសាសន៍ដែលបានជំរុញសកម្មភាពតាមក្រសួងនិងស្ថាប័នទទួលខុសត្រូវផ្សេងៗទៀត",
])
def test_khmer_titles_wrap_between_clusters_only(text: str) -> None:
    """Khmer has no spaces between words: long runs are cut, but never before a vowel sign or inside a subscript."""
    import unicodedata

    lines = S.wrap(text, 12)
    assert len(lines) > 1 and "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert unicodedata.category(line[0]) not in ("Mn", "Mc"), line
        assert not line.endswith("\u17d2") and not line.startswith("\u17d2"), line
        assert S._visible(line) <= 12


def test_latin_titles_still_wrap_at_spaces() -> None:
    assert S.wrap("Status by theme, best implemented first", 20) == ["Status by theme,", "best implemented",
                                                                          "first"]


def test_every_chart_is_on_the_white_template_whatever_plotly_default_was() -> None:
    """style() makes plotly_white the default (assigning it per figure re-validates it) and the figure gets it."""
    import plotly.graph_objects as go
    import plotly.io as pio

    from upr_sheets.analysis import charts_style

    white = go.Figure().update_layout(template="plotly_white").to_plotly_json()["layout"]["template"]
    pio.templates.default = "plotly"  # e.g. Streamlit sets its own ("streamlit") when imported
    first = charts_style.style(go.Figure(go.Bar(x=[1], y=[2])), "A")
    assert pio.templates.default == "plotly_white"
    second = charts_style.style(go.Figure(go.Bar(x=[1], y=[2])), "A")  # made with the new default
    assert first.to_plotly_json() == second.to_plotly_json()
    assert first.to_plotly_json()["layout"]["template"] == white


def test_khmer_titles_wrap_sooner_than_latin_ones():
    """A Khmer letter is wider than a Latin one: a Khmer title gets fewer letters a line, so it fits a phone."""
    khmer = "រដ្ឋទាំង 20 ដែលបានផ្ដល់អនុសាសន៍ច្រើនជាងគេ"
    lines = S.wrap(khmer, S.TITLE_WIDTH)
    assert "".join(lines).replace(" ", "") == khmer.replace(" ", "")
    assert all(S._visible(line) <= S.TITLE_WIDTH for line in lines) and len(lines) >= 3
    latin = S.wrap("The 20 States that made the most recommendations", S.TITLE_WIDTH)
    assert latin[0] == "The 20 States that made the most"


@pytest.mark.parametrize(("lang", "dates", "ticks"), [
    ("km", ["2025-03-01", "2025-08-01"], ["មីនា\u00a02025", "មេសា\u00a02025", "ឧសភា\u00a02025"]),
    ("fr", ["2025-03-01", "2025-08-01"], ["mars\u00a02025", "avr.\u00a02025", "mai\u00a02025"]),
    ("en", ["2012-03-01", "2026-02-01"], ["2013", "2016", "2019"]),
])
def test_date_axes_are_written_in_the_interface_language(settings, lang, dates, ticks):
    from upr_sheets.core import i18n

    progress = pd.DataFrame({"date": pd.to_datetime(dates), "status": "Not implemented", "count": [1, 2]})
    with i18n.use(lang):
        fig = C.progress_area(progress, settings)
    assert list(fig.layout.xaxis.ticktext)[:3] == ticks
    assert all("%{x|" not in trace.hovertemplate for trace in fig.data)  # plotly's own dates are English


def test_a_few_recommendations_are_counted_in_whole_steps(settings):
    dist = pd.DataFrame({"status": ["Not implemented", "Fully implemented"], "count": [2, 1], "share": [66.7, 33.3]})
    fig = C.status_bar(dist, settings, title="Status")
    assert (fig.layout.xaxis.dtick, fig.layout.xaxis.tickformat) == (1, "d")
