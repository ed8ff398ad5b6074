"""Chart images for reports: plotly figures drawn to PNG by kaleido in the system Chromium.

One kaleido server (one Chromium) serves a whole report: `chart_server()` starts it unless a caller
already did (nested blocks share it; the outermost one stops it), so a test module or a batch of
reports can keep one browser for all of them. Drawing is serialised, since kaleido's sync server
answers one request at a time.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import kaleido
import plotly.graph_objects as go

from upr_sheets.core.errors import OutputError
from upr_sheets.core.fonts import FONT_STACK

from .model import Chart, Report

SCALE = 2  # PNG pixels per layout pixel: sharp on paper and on high-density screens
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL = "install chromium: apt-get install chromium (or set BROWSER_PATH to a Chrome or Chromium)"

_state = threading.Lock()
_drawing = threading.Lock()
_depth = 0


@dataclass(frozen=True)
class Image:
    """A chart drawn as PNG, with its size in layout pixels (the PNG is SCALE times larger)."""

    key: str
    title: str
    png: bytes
    width: int
    height: int


def browser_path() -> str:
    """The Chromium to use: $BROWSER_PATH, else one on PATH, else /usr/bin/chromium; OutputError when none."""
    chosen = os.environ.get("BROWSER_PATH", "").strip()
    if chosen:
        if Path(chosen).is_file() and os.access(chosen, os.X_OK):
            return chosen
        raise OutputError(f"BROWSER_PATH is set to `{chosen}`, which is not a program. Charts and PDF reports "
                          f"need Chromium: {INSTALL}.")
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    raise OutputError(f"Charts and PDF reports need Chromium, which was not found: {INSTALL}.")


@contextmanager
def chart_server() -> Iterator[None]:
    """Kaleido's sync server for the block: started unless already running here, stopped by the outermost block."""
    global _depth
    path = browser_path()
    with _state:
        if _depth == 0:
            try:
                kaleido.start_sync_server(silence_warnings=True, mathjax=False, path=path)
            except Exception as exc:  # noqa: BLE001 — any failure to start the browser
                raise OutputError(f"Chromium could not be started for the charts ({exc}); {INSTALL}.") from exc
        _depth += 1
    try:
        yield
    finally:
        with _state:
            _depth -= 1
            if _depth == 0:
                kaleido.stop_sync_server(silence_warnings=True)


def printable(chart: Chart) -> go.Figure:
    """A copy of the chart's figure with the report's fonts, width and a white background."""
    fig = go.Figure(chart.figure)
    fig.update_layout(font_family=FONT_STACK, width=chart.width, paper_bgcolor="white")
    return fig


def draw(chart: Chart) -> Image:
    """One chart as a PNG at SCALE; call inside chart_server()."""
    fig = printable(chart)
    height = int(fig.layout.height or 500)
    opts = {"format": "png", "width": chart.width, "height": height, "scale": SCALE}
    with _drawing:
        try:
            png = kaleido.calc_fig_sync(fig.to_dict(), opts=opts)
        except Exception as exc:  # noqa: BLE001 — kaleido and choreographer raise many kinds
            raise OutputError(f"The chart `{chart.title}` could not be drawn ({type(exc).__name__}: {exc}). "
                              f"Charts need Chromium: {INSTALL}.") from exc
    return Image(chart.key, chart.title, png, chart.width, height)


def chart_images(report: Report) -> dict[str, Image]:
    """Every chart of the report as PNG, keyed by chart key (one kaleido server for all of them)."""
    charts = report.charts()
    if not charts:
        return {}
    with chart_server():
        return {chart.key: draw(chart) for chart in charts}
