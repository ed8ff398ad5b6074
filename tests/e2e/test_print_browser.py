"""Printing a page from the browser (Chromium's print to PDF, as Ctrl+P → Save as PDF does): the charts are drawn,
nothing runs past the right margin of an A4 page, and the sidebar is not printed. Also the other rule of the
dashboard's stylesheet that is about fitting text: a metric's delta line wraps on a phone instead of being cut.

The page is printed as a reader would print it, from the screen layout: the print stylesheet (upr_sheets/app/style.py)
applies only while Chromium lays the page out for paper, with no script run in between."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from e2e.test_browser import CHART, TIMEOUT, open_page
from e2e.test_readers import settle
from playwright.sync_api import Page, expect
from pypdf import PdfReader

pytestmark = pytest.mark.e2e

A4_PT = (595.92, 842.88)  # 210 × 297 mm in PDF points (1/72 inch), as Chromium writes them
MARGIN_PT = 12 / 25.4 * 72  # the @page margin of the print stylesheet
PAGES = {"": "Overview", "themes": "Themes", "recommendations": "Recommendations"}  # path → heading
# the dashboard's stylesheet (upr_sheets/app/style.py) is on the page: it comes with the script run, after the heading
PRINT_STYLESHEET = "() => [...document.querySelectorAll('style')].some(s => s.textContent.includes('@page'))"
CHARTS = {"": 4, "themes": 2, "recommendations": 0}  # charts each page draws on the demo workbook


def squeeze(text: str) -> str:
    """Text without any whitespace: a chart label wraps or splits differently in the PDF than in the SVG."""
    return re.sub(r"\s+", "", text)


def charts_drawn(page: Page, count: int) -> None:
    """Wait until the main area holds `count` plotly charts, each drawn."""
    expect(page.locator(f"{CHART} .js-plotly-plot")).to_have_count(count, timeout=TIMEOUT)
    for n in range(count):
        expect(page.locator(f"{CHART} .js-plotly-plot").nth(n).locator(".main-svg").first).to_be_visible(
            timeout=TIMEOUT)


def chart_texts(page: Page) -> list[list[str]]:
    """For each chart of the main area, the pieces of text it draws (tick labels, bar labels, titles, legend)."""
    return page.evaluate("""(chart) => [...document.querySelectorAll(`[data-testid="stMain"] ${chart}`)].map(c =>
        [...c.querySelectorAll('.main-svg text')].filter(t => {  // drawn: not hidden, inside the chart
            const box = t.getBoundingClientRect(), frame = c.getBoundingClientRect(), style = getComputedStyle(t);
            return box.width > 0 && style.visibility !== 'hidden' && style.opacity !== '0'
              && t.closest('[style*="display: none"], [display="none"]') === null
              && box.left >= frame.left - 1 && box.right <= frame.right + 1; })
          .flatMap(t => {
            const spans = t.querySelectorAll('tspan');
            return spans.length ? [...spans].map(s => s.textContent) : [t.textContent]; })
          .map(s => s.trim()).filter(s => s.length >= 2))""", CHART)


def overlapping_labels(page: Page) -> list[str]:
    """Tick labels of a chart's category axis drawn over one another (a chart drawn again under a CSS zoom measures
    its labels in zoomed pixels and packs them too tightly)."""
    return page.evaluate("""(chart) => [...document.querySelectorAll(`[data-testid="stMain"] ${chart}`)].flatMap(c => {
        const boxes = [...c.querySelectorAll('.ytick text')].map(t => [t.textContent, t.getBoundingClientRect()])
          .filter(([, b]) => b.height > 0).sort((a, b) => a[1].top - b[1].top);
        return boxes.slice(1).filter(([, b], i) => b.top < boxes[i][1].bottom - 1)
          .map(([text], i) => `${boxes[i][0]} / ${text}`); })""", CHART)


def sidebar_only_lines(page: Page) -> list[str]:
    """Lines of the sidebar (its links, the language and the filters) that the main area (its text, charts and grids)
    does not show too."""
    return page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const drawn = main.querySelectorAll('svg text, [data-testid="stDataFrame"] th, [data-testid="stDataFrame"] td');
        const shown = [main.innerText, ...[...drawn].map(t => t.textContent)]
          .join('\\n').replace(/\\s+/g, '');
        const side = document.querySelector('[data-testid="stSidebar"]').innerText.split('\\n');
        return side.map(s => s.trim()).filter(s => s.length >= 4 && !shown.includes(s.replace(/\\s+/g, '')));
    }""")


def font_of(text: pdfium.PdfTextPage, index: int) -> str:
    """The name of the font a character is drawn in ('' for a character the PDF only implies, such as a space)."""
    name = ctypes.create_string_buffer(256)
    pdfium_c.FPDFText_GetFontInfo(text, index, name, len(name), ctypes.byref(ctypes.c_int()))
    return name.value.decode("latin-1")


def text_beyond_the_right_margin(path: Path) -> list[str]:
    """Characters drawn to the right of the page's right margin (cut at the edge of the paper or close to it).
    Icons (a Material Symbols ligature such as "refresh") and implied characters have no box of their own."""
    document = pdfium.PdfDocument(str(path))
    beyond = []
    try:
        for number in range(len(document)):
            pdf_page = document[number]
            width = pdf_page.get_width()
            text = pdf_page.get_textpage()
            for i in range(text.count_chars()):
                right = text.get_charbox(i)[2]
                font = font_of(text, i)
                if right > width - MARGIN_PT + 2 and font and "MaterialSymbols" not in font:
                    beyond.append(f"page {number + 1}: {text.get_text_range(i, 1)!r} ({font}) ends at {right:.0f} pt")
    finally:
        document.close()
    return beyond


@pytest.mark.parametrize(("path", "emulate"), [("", False), ("themes", False), ("recommendations", False),
                                               ("themes", True)])
def test_a_printed_page_has_its_charts_on_a4_without_the_sidebar(page: Page, app_url: str, tmp_path: Path,
                                                                  screenshots: Path, path: str,
                                                                  emulate: bool) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, f"{app_url}/{path}")
    settle(page)
    page.wait_for_function(PRINT_STYLESHEET, timeout=TIMEOUT)
    charts_drawn(page, CHARTS[path])
    sidebar = sidebar_only_lines(page)
    assert sidebar, "the sidebar shows lines of its own (its links and filters)"
    if emulate:  # the page switched to print media first: its charts are drawn again for the print layout
        page.emulate_media(media="print")
        page.wait_for_timeout(1500)
        charts_drawn(page, CHARTS[path])
        assert overlapping_labels(page) == []
    charts = chart_texts(page)
    assert len(charts) == CHARTS[path] and all(charts), "each chart draws some text"
    name = f"print-{path or 'overview'}{'-emulated' if emulate else ''}"
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)  # what Ctrl+P → Save as PDF writes

    reader = PdfReader(pdf)
    for pdf_page in reader.pages:
        assert (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)) == pytest.approx(A4_PT, abs=1)
    text = "\n".join(pdf_page.extract_text() for pdf_page in reader.pages)
    printed = squeeze(text)
    assert squeeze(PAGES[path]) in printed
    for n, pieces in enumerate(charts):  # a chart printed blank leaves none of its text in the PDF
        missing = [piece for piece in pieces if squeeze(piece) not in printed]
        assert not missing, f"chart {n + 1} of {len(charts)} printed without {missing}"
    assert [line for line in sidebar if squeeze(line) in printed] == []
    assert text_beyond_the_right_margin(pdf) == []

    document = pdfium.PdfDocument(str(pdf))  # what a reader gets, to look at: test-artifacts/screenshots/print-*.png
    try:
        for number in range(min(len(document), 3)):
            document[number].render(scale=1).to_pil().save(screenshots / f"{name}-{number + 1}.png")
    finally:
        document.close()


def test_a_metric_delta_wraps_in_khmer_on_a_phone(page: Page, app_url: str, screenshots: Path) -> None:
    """The Overview's "vs UPR Info …" line under Triggered action is long in Khmer: at 390 px it wraps, whole."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/?lang=km", wait_until="domcontentloaded")
    settle(page)
    page.wait_for_function(PRINT_STYLESHEET, timeout=TIMEOUT)
    delta = page.locator('[data-testid="stMetricDelta"]').first
    expect(delta).to_contain_text("UPR Info", timeout=TIMEOUT)
    cut = delta.evaluate("""d => [d, ...d.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1)
        .map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)""")
    assert cut == []
    lines = delta.evaluate("""d => { const range = document.createRange(); range.selectNodeContents(d);
        return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))).size; }""")
    assert lines >= 2  # the text is longer than the phone is wide: it takes more than one line
    metric = page.locator('[data-testid="stMetric"]').filter(has=delta)
    box, frame = delta.bounding_box(), metric.bounding_box()
    assert box and frame and box["x"] + box["width"] <= frame["x"] + frame["width"]
    metric.screenshot(path=screenshots / "metric-delta-km-390.png")
