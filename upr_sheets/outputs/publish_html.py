"""The HTML of the published site's pages: escaped tables, inert chart blocks, figure cards and the page frame.

Every piece of sheet text is escaped with html.escape; a chart is a plotly figure whose spec sits in an
inert JSON block (`<`, `>` and `&` escaped) and is drawn by the site's own charts.js with a local
plotly.min.js. Pages allow scripts only from files beside them, and no fetch, frame or remote resource.
"""

from __future__ import annotations

import html
import numbers
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from upr_sheets.access.redact import Scope
from upr_sheets.analysis import views
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings

PLOTLY_JS = "plotly.min.js"
CHARTS_JS = "charts.js"
# file name → (title, one-line description); index.html links to each
PAGES: dict[str, tuple[str, str]] = {
    "overview.html": ("Overview", "Headline figures against UPR Info's benchmarks, status and progress."),
    "themes.html": ("Themes", "Implementation status and responses by theme."),
    "ministries.html": ("Ministries", "A scorecard per responsible body."),
    "cycles.html": ("Cycles", "The UPR cycles side by side."),
    "states.html": ("Recommending States", "Who recommended what, by State and UN regional group."),
    "indicators.html": ("Indicators", "Each indicator against its baseline and target."),
    "recommendations.html": ("Recommendations", "Every recommendation, its response and status."),
}
# scripts only from files beside the page (never inline), no fetches, no frames, no remote anything
_CSP = "default-src 'none'; script-src 'self' file:; style-src 'unsafe-inline'; img-src data:"
DRAW_CHARTS = """document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (el) {
  var fig = JSON.parse(el.textContent);
  Plotly.newPlot(el.getAttribute('data-chart'), fig.data, fig.layout, {responsive: true, displaylogo: false});
});
"""
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1B1F24;line-height:1.45}
header{background:#0072B2;color:#fff;padding:.8rem 1.2rem}header a{color:#fff}
nav ul{list-style:none;margin:.4rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.1rem}
nav a[aria-current]{font-weight:700;text-decoration:none}
main{max-width:1200px;margin:0 auto;padding:1rem 1.2rem}
.cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{border:1px solid #D0D5DD;border-radius:.5rem;padding:.6rem 1rem}
.card b{display:block;font-size:1.8rem}.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.92rem;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #E4E7EC;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#F2F4F7}td.n{text-align:right;white-space:nowrap}
footer{border-top:1px solid #D0D5DD;color:#475467;font-size:.9rem;padding:1rem 1.2rem;margin-top:2rem}
.plotly-graph-div{margin:.5rem 0 1.5rem}
.notice{border-left:4px solid #B54708;background:#FFFAEB;padding:.5rem .8rem;margin:.8rem 0}
"""


@dataclass(frozen=True)
class Site:
    """What every page shares: the public data, the settings, the title, the scope and the dates."""

    data: Dataset
    settings: Settings
    title: str
    scope: Scope
    data_date: str
    published: str
    notices: tuple[str, ...] = ()  # on every page: the demo mark, rows left out for errors


def escape(text: object) -> str:
    """Any value as text, escaped for HTML (quotes too)."""
    return html.escape(views.text_of(text), quote=True)


def _cell(value: object) -> str:
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return "" if pd.isna(value) else f"{float(value):,.4g}"
    return escape(value)


def table(frame: pd.DataFrame, columns: Mapping[str, str], numeric: tuple[str, ...] = ()) -> str:
    """An HTML table of `columns` (key → header) of a frame, every cell escaped; `numeric` columns right-aligned."""
    keys = [k for k in columns if k in frame]
    head = "".join(f"<th>{escape(columns[k])}</th>" for k in keys)
    rows = []
    for record in frame[keys].astype(object).itertuples(index=False):
        cells = "".join(f'<td class="n">{_cell(v)}</td>' if k in numeric else f"<td>{_cell(v)}</td>"
                        for k, v in zip(keys, record))
        rows.append(f"<tr>{cells}</tr>")
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def chart(fig: go.Figure, chart_id: str) -> str:
    """A plotly figure as a div plus its spec in an inert JSON block (drawn by charts.js)."""
    spec = fig.to_json(validate=False, engine="json")
    spec = spec.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return (f'<div class="plotly-graph-div" id="{html.escape(chart_id)}"></div>\n'
            f'<script type="application/json" data-chart="{html.escape(chart_id)}">{spec}</script>')


def cards(figures: Mapping[str, str]) -> str:
    """Headline figures as cards."""
    return '<div class="cards">' + "".join(f'<div class="card">{escape(k)}<b>{escape(v)}</b></div>'
                                           for k, v in figures.items()) + "</div>"


def document(site: Site, current: str, heading: str, body: str) -> str:
    """A whole page: navigation to every page, the body, and the date of the data in the footer."""
    links = [("index.html", "Home"), *((name, title) for name, (title, _) in PAGES.items())]
    mark = {current: ' aria-current="page"'}
    nav = "".join(f'<li><a href="{name}"{mark.get(name, "")}>{escape(title)}</a></li>' for name, title in links)
    scope = escape(site.scope.label() or "all public data")
    data_date, published = escape(site.data_date), escape(site.published)
    notices = "".join(f'<p class="notice" role="note">{escape(text)}</p>' for text in site.notices)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="referrer" content="no-referrer">
<title>{escape(heading)} · {escape(site.title)}</title><style>{_CSS}</style>
<script src="{PLOTLY_JS}"></script></head>
<body><header><a href="index.html"><strong>{escape(site.title)}</strong></a><nav><ul>{nav}</ul></nav></header>
<main>{notices}<h1>{escape(heading)}</h1>
{body}
</main>
<footer>Data as of {data_date} · {scope} · published {published} with UPR Monitor, a read-only
snapshot of the coalition's public data.</footer>
<script src="{CHARTS_JS}"></script>
</body></html>
"""
