"""Published snapshot: the viewer pages as a self-contained static site, for readers without an account.

`build_site` is pure (a Dataset → {file name: text}); `write_site` writes it to a folder. The site is
made from `public_dataset(full, settings, scope)` only, so nothing private can be in it. This module says
what each page shows; `publish_html` writes the HTML (every piece of sheet text escaped, charts drawn by
one local plotly.min.js, no server, no CDN).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
from plotly.offline import get_plotlyjs

from upr_sheets.access.redact import Scope, public_dataset, require_public
from upr_sheets.analysis import breakdowns, charts, filters, indicator_figures, metrics, pageviews, views
from upr_sheets.analysis.provenance import Provenance, provenance
from upr_sheets.core import i18n
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings

from .publish_html import CHARTS_JS, DRAW_CHARTS, PAGES, PLOTLY_JS, Site, cards, chart, document, escape, table

GROUPS = {"all": "All recommendations", "accepted": "Accepted", "noted": "Noted"}
RESPONSES = {"accepted": "Accepted", "partially_accepted": "Partially accepted", "noted": "Noted", "pending": "Pending"}
REC_COLUMNS = {**views.REC_COLUMNS, "evidence": "Evidence"}


def _pct(value: float | None) -> str:
    return "–" if value is None or pd.isna(value) else f"{value:.0f}%"


def index_page(site: Site) -> str:
    """Home: headline figures and a link to every page."""
    head = metrics.headline(site.data, site.settings)
    items = "".join(f'<li><a href="{name}">{escape(title)}</a>: {escape(about)}</li>'
                    for name, (title, about) in PAGES.items())
    body = (f"<p>Follow-up of the recommendations of the UN Universal Periodic Review, as assessed by the "
            f"coalition. Data as of {escape(site.data_date)}.</p>{_headline(head)}<h2>Pages</h2><ul>{items}</ul>")
    return document(site, "index.html", site.title, body)


def _cycles(dataset: Dataset) -> int:
    return filters.pooled_cycles(dataset, filters.Filters())


def _headline(head: dict) -> str:
    """Recommendations, the responses (Pending and Partially accepted when there are any), triggered action of n."""
    figures = {"Recommendations": f"{head['total']:,}", "Accepted": f"{head['accepted']:,}",
               "Partially accepted": f"{head['partially_accepted']:,}", "Noted": f"{head['noted']:,}",
               "Pending": f"{head['pending']:,}",
               f"Triggered action, of {head['total']:,}": _pct(head["triggered_pct"]["all"]) if head["assessed"]
               else "none assessed yet"}
    return cards({k: v for k, v in figures.items() if v != "0" or k in ("Accepted", "Noted", "Recommendations")})


def overview(site: Site) -> str:
    """Headline figures, triggered action against UPR Info's benchmarks, status, progress, the calendar."""
    d, s = site.data, site.settings
    head = metrics.headline(d, s)
    dist = metrics.status_distribution(d.recommendations, s)
    parts = [_headline(head),
             chart(charts.benchmark_bar(metrics.triggered_rows(d.recommendations, s, None, _cycles(d)), GROUPS,
                                       title="Triggered action, against UPR Info's benchmarks",
                                       value_label="This coalition's assessment",
                                       benchmark_label="UPR Info, first cycle at mid-term"), "overview-benchmark"),
             chart(charts.status_bar(dist, s, title="Implementation status"), "overview-status"),
             table(dist, {"status": "Status", "count": "Recommendations", "pct": "Share (%)"}, ("count", "pct")),
             chart(charts.progress_area(metrics.progress_over_time(d, s), s, title="Progress over time, from dated "
                                        "assessments"), "overview-progress")]
    today = datetime.now(UTC).date()
    line = metrics.timeline(d, today)
    if not line.empty:
        parts.append(chart(charts.timeline_chart(line, today, title="Milestones of each cycle"), "overview-timeline"))
    return document(site, "overview.html", "Overview", "\n".join(parts))


def themes(site: Site) -> str:
    """Status and responses by theme, as charts and a table."""
    recs, s = site.data.recommendations, site.settings
    status = breakdowns.status_by(recs, "themes", s, none="(no theme)")
    grid = status.pivot_table(index="group", columns="status", values="count", aggfunc="sum", sort=False)
    grid = grid.reindex(columns=[c for c in s.status_labels if c in grid.columns]).fillna(0).astype(int).reset_index()
    parts = [chart(charts.status_by_bar(status, s, title="Implementation status by theme, best implemented first",
                                        x_title="Share of the theme's recommendations"), "themes-status"),
             chart(charts.response_by_bar(breakdowns.response_by(recs, "themes", none="(no theme)"),
                                          title="Accepted and noted, by theme", percent=True,
                                          x_title="Share of the theme's recommendations"), "themes-response"),
             table(grid, {"group": "Theme", **{c: c for c in s.status_labels}}, tuple(s.status_labels))]
    return document(site, "themes.html", "Themes", "\n".join(parts))


def ministries(site: Site) -> str:
    """The scorecard of each responsible body, and where the coalition disputes the government's claim."""
    d, s = site.data, site.settings
    card = breakdowns.ministry_scorecard(d, s, datetime.now(UTC).date(), s.dashboard.stale_after_months,
                                      none="(no ministry)")
    disputed = metrics.disagreements(d.recommendations, s)
    parts = [chart(charts.scorecard_bar(card, title="Recommendations that triggered action, by responsible body",
                                        x_title="% of the recommendations assigned"),
                   "ministries-scorecard"),
             table(card, {"ministry": "Responsible body", "assigned": "Assigned",
                          "triggered_pct": "Triggered action (%)", "stale": "Not assessed lately",
                          "disagreements": "Government claim disputed"},
                   ("assigned", "triggered_pct", "stale", "disagreements")),
             "<h2>Where the coalition and the government disagree</h2>",
             table(views.recommendation_table(disputed, {"id": "ID", "cycle": "Cycle", "text": "Recommendation",
                                                         "status": "Coalition's assessment",
                                                         "government_status": "Government says"}),
                   {k: k for k in ("ID", "Cycle", "Recommendation", "Coalition's assessment", "Government says")})]
    return document(site, "ministries.html", "Ministries", "\n".join(parts))


def cycles(site: Site) -> str:
    """The cycles side by side."""
    comparison = breakdowns.cycle_comparison(site.data, site.settings)
    implementation = {"triggered_pct": "Triggered action", "fully_pct": "Fully implemented"}
    parts = [chart(charts.cycles_bar(comparison, pageviews.present(comparison, RESPONSES), title="Responses by cycle"),
                   "cycles-responses"),
             chart(charts.cycles_bar(comparison, implementation, title="Implementation by cycle",
                                     y_title="% of the cycle's recommendations"), "cycles-implementation"),
             table(comparison, {"cycle": "Cycle", "count": "Recommendations", **RESPONSES,
                                "triggered_pct": "Triggered action (%)", "fully_pct": "Fully implemented (%)"},
                   ("count", *RESPONSES, "triggered_pct", "fully_pct"))]
    return document(site, "cycles.html", "Cycles", "\n".join(parts))


def states(site: Site) -> str:
    """Recommending States and UN regional groups."""
    recs, s = site.data.recommendations, site.settings
    found = breakdowns.state_table(recs, s)
    shares = {"made": "Recommendations made", "accepted_pct": "Accepted (%)", "triggered_pct": "Triggered action (%)"}
    parts = [chart(charts.states_bar(found, title="The States that made the most recommendations", top=20),
                   "states-top"),
             "<h2>Every recommending State</h2>",
             table(found, {"state": "State", "regional_group": "UN regional group", **shares}, tuple(shares)),
             "<h2>By UN regional group</h2>",
             table(breakdowns.regional_table(recs, s), {"regional_group": "UN regional group", "states": "States",
                                                     **shares}, ("states", *shares))]
    return document(site, "states.html", "Recommending States", "\n".join(parts))


def indicators(site: Site) -> str:
    """Every indicator's progress; a chart per measured quantitative indicator, a log per qualitative one."""
    d = site.data
    progress = indicator_figures.indicator_progress(d)
    parts = [table(progress, {"indicator_id": "ID", "indicator": "Indicator", "type": "Type", "unit": "Unit",
                              "direction": "Direction", "baseline": "Baseline", "target": "Target", "latest": "Latest",
                              "latest_date": "Measured on", "measurements": "Measurements",
                              "progress_pct": "Progress to target (%)"},
                   ("baseline", "target", "latest", "measurements", "progress_pct"))]
    for n, row in enumerate(progress.itertuples(index=False)):
        if not row.measurements:
            continue
        parts.append(f"<h2>{escape(row.indicator_id)} · {escape(row.indicator)}</h2>")
        if row.type == "Qualitative":
            parts.append(table(indicator_figures.qualitative_log(d, row.indicator_id),
                               {"date": "Date", "value": "Value", "note": "Note", "source": "Source"}))
        else:
            info = pageviews.indicator_info(d, progress, row.indicator_id)
            series = indicator_figures.indicator_series(d, row.indicator_id)
            figure = charts.indicator_chart(series, info["baseline"], info["target"],
                                            title=views.text_of(row.indicator), unit=views.text_of(info["unit"]))
            parts.append(chart(figure, f"indicator-{n}"))
    return document(site, "indicators.html", "Indicators", "\n".join(parts))


def recommendations(site: Site) -> str:
    """Every recommendation as one table."""
    recs = site.data.recommendations
    shown = views.recommendation_table(recs, REC_COLUMNS)
    body = f"<p>{len(shown):,} recommendations.</p>" + table(shown, {v: v for v in REC_COLUMNS.values()})
    return document(site, "recommendations.html", "Recommendations", body)


BUILDERS: dict[str, Callable[[Site], str]] = {
    "index.html": index_page, "overview.html": overview, "themes.html": themes, "ministries.html": ministries,
    "cycles.html": cycles, "states.html": states, "indicators.html": indicators,
    "recommendations.html": recommendations,
}


def data_date(dataset: Dataset) -> str:
    """The date the data was read from the sheet, e.g. `23 Nov 2026` (`unknown` when not recorded)."""
    when = dataset.fetched_at
    return f"{when:%d %b %Y}" if when else "unknown"


def build_site(dataset: Dataset, settings: Settings, scope: Scope | str | None = None, title: str = "",
               today: date | None = None, notes: Provenance | None = None) -> dict[str, str]:
    """{file name: text} of the static site, made from public_dataset(dataset, settings, scope) only.

    Every page says what `notes` (default: the provenance of `dataset`) leaves out, and marks the bundled demo."""
    scope = scope if isinstance(scope, Scope) else Scope.parse(scope)
    public = require_public(public_dataset(dataset, settings, scope))
    with i18n.use(i18n.SOURCE_LANGUAGE):  # the site is in English
        notices = (notes if notes is not None else provenance(dataset)).statements()
    title = title or " · ".join(t for t in (settings.coalition.name, settings.coalition.country) if t) or "UPR Monitor"
    site = Site(public, settings, " ".join(title.split()), scope, data_date(public),
                f"{today or datetime.now(UTC).date():%d %b %Y}", notices)
    files = {name: build(site) for name, build in BUILDERS.items()}
    files[CHARTS_JS] = DRAW_CHARTS
    files[PLOTLY_JS] = get_plotlyjs()
    return files


def write_site(dataset: Dataset, settings: Settings, out_dir: Path, scope: Scope | str | None = None,
               title: str = "UPR Monitor", notes: Provenance | None = None) -> list[Path]:
    """Write the static site into out_dir (created if needed); returns the files written."""
    files = build_site(dataset, settings, scope, title, notes=notes)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
