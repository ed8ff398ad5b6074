"""The look every chart shares: palette, font sizes and stack, titles and labels wrapped for a phone.

Pure plotly, no Streamlit. Used by charts (bars) and charts_time (dates) beside it; pages and outputs
import the builders from upr_sheets.analysis.charts. Text is escaped with `plain` wherever plotly would read it
as HTML, and wrapped without splitting a Khmer cluster (a consonant and its marks or subscripts). The font
stack is upr_sheets.core.fonts', shared with the PDF reports.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from upr_sheets.core.fonts import FONT_STACK
from upr_sheets.core.i18n import _, day
from upr_sheets.core.regions import REGIONAL_GROUPS
from upr_sheets.core.settings import Settings

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
FONT_FAMILY = FONT_STACK  # the stack of the PDF reports too: Latin fonts first, then Khmer OS for Khmer glyphs
TEMPLATE = "plotly_white"


def given(text: str | None, default: str) -> str:
    """A caller's label as given, or the default (marked with N_) in the current language."""
    return _(default) if text is None else text


def cycle_name(template: str, cycle: object) -> str:
    """A cycle's label from a template with `{cycle}` (or a bare `{}`)."""
    return template.format(cycle, cycle=cycle)


def plain(text: object) -> str:
    """Text safe for plotly's HTML subset: `&`, `<` and `>` escaped; None → ''."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


KHMER_WIDTH = 1.8  # a Khmer letter is about 1.8 times as wide as a Latin one at the same font size (Khmer OS)


def _visible(text: str) -> float:
    """Room a text takes on a line, in Latin letters: combining marks (Khmer vowel signs, subscripts) take none,
    a Khmer letter more than a Latin one (so Khmer titles wrap before the right edge of a phone)."""
    return sum(KHMER_WIDTH if "\u1780" <= ch <= "\u17ff" else 1 for ch in text
               if unicodedata.category(ch) not in ("Mn", "Mc", "Me", "Cf"))


def _breakable(text: str, at: int) -> bool:
    """Whether a line may break before text[at] without splitting a cluster (a consonant and its marks, or a
    Khmer subscript: COENG U+17D2 and the consonant after it)."""
    return unicodedata.category(text[at]) not in ("Mn", "Mc", "Me") and KHMER_COENG not in text[at - 1:at + 1]


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most about `width` characters: at spaces where there are spaces; a longer run without
    spaces (Khmer writes words without them) is cut between clusters, never inside one."""
    lines = []
    khmer = sum(1 for ch in text if "\u1780" <= ch <= "\u17ff")
    narrow = int(width / KHMER_WIDTH) if khmer > len(text) / 3 else width  # mostly Khmer: fewer letters a line
    for line in textwrap.wrap(text, width=narrow, break_long_words=False) or [""]:
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
    if pio.templates.default != TEMPLATE or fig.layout.template.layout.plot_bgcolor != _WHITE_PLOT:
        # Assigning a template re-validates all of it (about 15 ms a chart, a third of a page's run), while a
        # figure made when it is plotly's default starts with it for free: make it the default for the next ones.
        pio.templates.default = TEMPLATE
        fig.update_layout(template=TEMPLATE)
    fig.update_layout(
        height=height, showlegend=legend,
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


_WHITE_PLOT = pio.templates[TEMPLATE].layout.plot_bgcolor  # tells it from "plotly" and "streamlit"


def date_ticks(fig: go.Figure, dates: Iterable[object], most: int = 6) -> go.Figure:
    """The x axis's ticks at whole years (or months, for a short span), written in the interface language:
    plotly would write English month names whatever the language."""
    values = pd.to_datetime(pd.Series(list(dates), dtype=object), errors="coerce").dropna()
    if values.empty:
        return fig
    lo, hi = values.min().normalize(), values.max().normalize()
    if hi.year - lo.year >= 3:
        step = -(-(hi.year - lo.year + 1) // most)
        ticks = [pd.Timestamp(year, 1, 1) for year in range(lo.year + 1, hi.year + 1, step)]
        text = [str(t.year) for t in ticks]
    else:
        months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
        step = max(1, -(-months // most))
        ticks = list(pd.date_range(lo.replace(day=1), hi, freq=f"{step}MS")) or [lo]
        text = [day(t, "MMM y") for t in ticks]
    return fig.update_xaxes(tickvals=ticks, ticktext=text)


def bars_height(labels: Sequence[str]) -> int:
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


def status_colour(settings: Settings, status: str) -> str:
    colours = settings.status_colours
    return colours.get(status, colours.get(settings.default_status, GREY))
