"""The dashboard's own stylesheet, added to every page (`inject()`, from app.live): phones and paper.

- Phones (up to PHONE_PX wide): a table of recommendations is shown as readable rows (ID, status colour, the
  text wrapped, the States) instead of a grid whose status column is off-screen; `recommendation_grid()` puts
  both on the page, each in a keyed container (`st-key-wide_…`, `st-key-narrow_…`), and this sheet shows one.
- Metrics: the line under a figure (st.metric's delta, "vs UPR Info …") wraps instead of being cut with an
  ellipsis, which in Khmer on a phone hid most of it.
- Paper (browser print): the sidebar, header, toolbars and buttons are dropped, and the page is laid out at
  PRINT_WIDTH px, which the browser shrinks onto the width of an A4 page (as it does for any page wider than the
  paper), so charts and grids drawn for a wide screen are not cut at the right edge; charts, tables and metrics
  are not split across pages, headings stay with what follows.
  The shrinking is the browser's, not a CSS `zoom`: under a zoom, a chart drawn again for paper (when the page is
  switched to print media before printing) measures its labels in zoomed pixels, and they overlap.
"""

from __future__ import annotations

import streamlit as st

from upr_sheets.analysis.views import plain_md
from upr_sheets.core.settings import Settings

PHONE_PX = 640
# px the page is laid out at on paper: A4 minus 12 mm margins is 703 CSS px, and Chromium shrinks a page at most
# 1.5 times to fit the paper (wider content is cut at the right edge)
PRINT_WIDTH = 1000
# A keyed container of a fixed height sits in a wrapper of that height: the wrapper is what is hidden or shown.
WIDE = '[class*="st-key-wide_"], [data-testid="stLayoutWrapper"]:has(> [class*="st-key-wide_"])'
NARROW = '[class*="st-key-narrow_"], [data-testid="stLayoutWrapper"]:has(> [class*="st-key-narrow_"])'

CSS = f"""<style>
@media (max-width: {PHONE_PX}px) {{ {WIDE} {{ display: none !important; }} }}
@media (min-width: {PHONE_PX + 1}px) {{ {NARROW} {{ display: none !important; }} }}
ul.upr-rows {{ list-style: none; margin: 0; padding: 0; }}
li.upr-row {{ border-left: 6px solid #B0B0B0; padding: 0.35rem 0 0.45rem 0.6rem; margin: 0 0 0.4rem 0;
  border-bottom: 1px solid rgba(49, 51, 63, 0.1); overflow-wrap: anywhere; }}
.upr-head {{ display: flex; flex-wrap: wrap; gap: 0.2rem 0.75rem; align-items: baseline; }}
.upr-status {{ font-size: 0.9rem; white-space: nowrap; }}
.upr-dot {{ display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 50%; margin-right: 0.3rem; }}
.upr-text {{ margin-top: 0.15rem; line-height: 1.45; }}
.upr-states {{ font-size: 0.85rem; color: #555; margin-top: 0.15rem; }}
[data-testid="stMetricDelta"] {{ max-width: 100%; height: auto !important; }}
[data-testid="stMetricDelta"] div, [data-testid="stMetricDelta"] p {{ white-space: normal !important;
  text-overflow: clip !important; overflow: visible !important; }}  /* a long delta wraps, it is not cut with … */
@media print {{
  @page {{ size: A4; margin: 12mm; }}
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"], [data-testid="stStatusWidget"],
  [data-testid="stElementToolbar"], [data-testid="stDownloadButton"], [data-testid="stPopover"],
  [data-testid="stBottom"], [data-testid="stToast"], {NARROW} {{ display: none !important; }}
  {WIDE} {{ display: flex !important; }}
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
    overflow: visible !important; height: auto !important; position: static !important; }}
  [data-testid="stMain"] {{ margin: 0 !important; padding: 0 !important; width: auto !important;
    align-items: flex-start !important; }}
  [data-testid="stMainBlockContainer"] {{ width: {PRINT_WIDTH}px !important; max-width: none !important;
    min-width: {PRINT_WIDTH}px !important; box-sizing: border-box !important; margin: 0 !important;
    padding: 0 8px 0 0 !important; }}  /* a box drawn up to the edge of the paper loses its right border */
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stTable"], [data-testid="stMetric"],
  li.upr-row {{ break-inside: avoid; }}
  h1, h2, h3, [data-testid="stHeading"] {{ break-after: avoid; }}
}}
</style>"""


def scroll_to(key: str) -> None:
    """Bring the container with this key into view once it is on the page (after a click that filled it)."""
    selector = f".st-key-{key}"
    if not selector.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise ValueError(f"a container key of letters, digits, - and _ was expected; got {key!r}")
    st.html(f"""<script>
      (function find(tries) {{
        const el = window.document.querySelector("{selector}");
        if (el) {{ el.scrollIntoView({{block: "start", behavior: "instant"}}); }}
        else if (tries > 0) {{ setTimeout(() => find(tries - 1), 100); }}
      }})(30);
    </script>""", unsafe_allow_javascript=True)


def hide_filters() -> None:
    """On a page the sidebar filters do not apply to (Reports): the filters are not shown."""
    st.html('<style>[class*="st-key-sidebar_filters"] { display: none !important; }</style>')


def identity(settings: Settings) -> None:
    """The coalition ([coalition] of the settings) at the top of the sidebar: its logo, name, country and contact."""
    who = settings.coalition
    if who.logo:
        try:
            st.logo(who.logo, size="large")
        except Exception:  # noqa: BLE001 - a missing or unreadable logo file must not stop a page
            pass
    line = " · ".join(t for t in (who.name, who.country) if t)
    if line or who.contact:
        st.sidebar.caption("  \n".join(plain_md(t) for t in (line, who.contact) if t))


def inject() -> None:
    """Add the stylesheet to the page (an st.html holding only a style sheet takes no room)."""
    st.html(CSS)
