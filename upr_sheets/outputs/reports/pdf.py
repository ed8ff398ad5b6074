"""A Report as PDF: HTML from a Jinja2 template (autoescaped), printed by headless Chromium.

Sheet text is untrusted. The template escapes every value; text that must go into CSS (the page
footer) is written as CSS hex escapes; the page forbids scripts and any fetch but inline data images
(Content-Security-Policy: no script source at all), so nothing in a cell can run.
Charts are embedded as PNG data URIs. Fonts fall back to "Khmer OS" for Khmer, which Chromium embeds.
"""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from upr_sheets.core.errors import OutputError
from upr_sheets.core.fonts import FONT_STACK

from .images import INSTALL, Image, browser_path, chart_images
from .model import Paragraph, Report, Section, Table

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "report.html.j2"
PRINT_TIMEOUT = 120  # seconds
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
                  "--disable-extensions", "--disable-sync", "--disable-background-networking",
                  "--disable-component-update")


def css_string(text: object) -> Markup:
    """A CSS string literal of any text: everything but ASCII letters and digits as a hex escape."""
    # Each escape is 6 digits and a space, which CSS consumes as the escape's end (a bare space would be eaten)
    body = "".join(ch if ch.isascii() and ch.isalnum() else f"\\{ord(ch):06x} " for ch in str(text))
    return Markup(f'"{body}"')


def _widths(table: Table) -> list[str]:
    total = sum(table.widths) or 1
    return [f"{100 * w / total:.2f}" for w in table.widths]


def _cell_class(table: Table, column: int, head: bool = False) -> Markup:
    """The class attribute of a cell: right-aligned numbers ("n"), short values that wrap only between words ("w"),
    IDs and dates that never wrap ("k"; their heading wraps between words)."""
    classes = (("n", table.numeric), ("w", table.words), ("w" if head else "k", table.whole))
    names = list(dict.fromkeys(name for name, columns in classes if column in columns))
    return Markup(f' class="{" ".join(names)}"') if names else Markup("")


def _lead_table(section: Section) -> int:
    """How many blocks open the section with a table: its intro paragraphs and the table (0: it opens with no table
    of rows). The heading, the intro and the table's first row are kept on one page."""
    for n, block in enumerate(section.blocks):
        if isinstance(block, Table):
            return n + 1 if block.rows else 0
        if not isinstance(block, Paragraph):
            return 0
    return 0


def _image_uri(image: Image) -> str:
    return "data:image/png;base64," + base64.b64encode(image.png).decode("ascii")


def _image_width(image: Image) -> str:
    return f"{min(100.0, 100 * image.width / 900):.0f}"


def environment() -> Environment:
    """The Jinja2 environment of report templates: autoescape on, undefined names are errors."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["css_string"] = css_string
    env.globals.update(block_kind=lambda block: type(block).__name__, widths=_widths, cell_class=_cell_class,
                       image_uri=_image_uri, lead_table=_lead_table,
                       image_width=_image_width, fonts=Markup(FONT_STACK))
    return env


def render_html(report: Report, images: dict[str, Image]) -> str:
    """The report as one self-contained HTML page (charts inline as PNG data URIs)."""
    return environment().get_template(TEMPLATE).render(report=report, images=images)


def print_pdf(html: str, timeout: float = PRINT_TIMEOUT) -> bytes:
    """HTML printed to PDF by headless Chromium, in a temporary folder of its own."""
    browser = browser_path()
    with tempfile.TemporaryDirectory(prefix="upr-report-") as folder:
        page, out = Path(folder) / "report.html", Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={Path(folder) / 'profile'}",
                   f"--print-to-pdf={out}", page.as_uri()]
        home = {"XDG_CONFIG_HOME": str(Path(folder) / "config"), "XDG_CACHE_HOME": str(Path(folder) / "cache")}
        env = {**os.environ, **home}  # Chromium's crash reports and caches stay in the temporary folder too
        try:  # a session of its own, so that a timeout ends Chromium's helper processes too
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                                    start_new_session=True)
        except OSError as exc:
            raise OutputError(f"Chromium could not be started to print the PDF ({exc}); {INSTALL}.") from exc
        with proc:
            try:
                _, errors = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                raise OutputError(f"Chromium did not print the PDF within {timeout:g} s.") from None
        if proc.returncode != 0 or not out.exists() or out.stat().st_size == 0:
            tail = " ".join(errors.strip().splitlines()[-3:])
            raise OutputError(f"Chromium could not print the PDF (exit {proc.returncode}). {tail}".strip())
        return out.read_bytes()


def render_pdf(report: Report, timings: dict[str, float] | None = None) -> bytes:
    """The report as PDF bytes."""
    start = time.perf_counter()
    images = chart_images(report)
    drawn = time.perf_counter()
    html = render_html(report, images)
    made = time.perf_counter()
    pdf = print_pdf(html)
    if timings is not None:
        steps = {"charts": drawn - start, "render": made - drawn, "print": time.perf_counter() - made}
        for key, seconds in steps.items():
            timings[key] = timings.get(key, 0.0) + seconds
    return pdf
