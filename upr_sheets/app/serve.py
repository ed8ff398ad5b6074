"""`python -m upr_sheets.app.serve [streamlit run options]`: the dashboard's server, ready before its first visitor.

`streamlit run dashboard.py` imports the dashboard's code on the first visit, inside that visitor's wait: the
package and its analysis modules (about a second), then plotly's first figures, which import their property
validators as they are first used (a few tenths of a second more), and reads the source (seconds for a large
workbook). This command starts reading the source in a thread and does the imports once, while the server
starts, then runs `streamlit run dashboard.py` with the options given. What a page shows does not change: only
when the work is done.
"""

from __future__ import annotations

import logging
import sys
import time
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]  # where dashboard.py is
PAGE_MODULES = ("upr_sheets.analysis.breakdowns", "upr_sheets.analysis.charts", "upr_sheets.analysis.filters",
                "upr_sheets.analysis.indicator_figures", "upr_sheets.analysis.metrics", "upr_sheets.analysis.pageviews",
                "upr_sheets.analysis.quality", "upr_sheets.analysis.views", "upr_sheets.authoring.suggest_rows",
                "upr_sheets.checks.suggested")


def warm() -> float:
    """Import what pages import and draw the Overview's charts once, on the bundled demo (in English); seconds."""
    began = time.perf_counter()
    import importlib

    import upr_sheets.app  # noqa: F401 — the glue every page imports

    for name in PAGE_MODULES:
        importlib.import_module(name)
    from upr_sheets.analysis import charts, metrics
    from upr_sheets.analysis.filters import Filters, pooled_cycles
    from upr_sheets.core.settings import DEMO_WORKBOOK, load_settings
    from upr_sheets.sync import load

    settings = load_settings()
    data = load(str(DEMO_WORKBOOK), settings).dataset
    recs, today = data.recommendations, date.today()
    rows = metrics.triggered_rows(recs, settings, Filters(), pooled_cycles(data, Filters()))
    figures = [
        charts.benchmark_bar(rows, {"all": "All", "accepted": "Accepted", "noted": "Noted"}, title="", value_label="",
                             benchmark_label="", share_of="{percent} of {total}"),
        charts.status_bar(metrics.status_distribution(recs, settings), settings, title="", x_title=""),
        charts.progress_area(metrics.progress_over_time(data, settings), settings, title="", y_title="", empty=""),
        charts.timeline_chart(metrics.timeline(data, today, {"review_date": "Review"}), today, title="",
                              today_label="", cycle_label="{cycle}", empty=""),
    ]
    for figure in figures:
        figure.to_json()  # what st.plotly_chart sends
    return time.perf_counter() - began


def read_early(args: list[str]) -> None:
    """Start reading the dashboard's source (`-- --source`, $UPR_MONITOR_SOURCE, settings) in a thread: the first
    visit's load takes the result (app.loader.load_early). The data stays in the server, as any load's."""
    from upr_sheets.app import loader
    from upr_sheets.core.settings import load_settings

    settings = load_settings()
    rest = args[args.index("--") + 1:] if "--" in args else []
    loader.load_early(loader.current_source(settings, rest), settings)


def main(argv: list[str] | None = None) -> None:
    """Start reading the source, warm up (a failure is logged, never fatal), then `streamlit run dashboard.py
    ARGV…`."""
    args = sys.argv[1:] if argv is None else argv
    try:
        read_early(args)
    except Exception:  # noqa: BLE001 — settings that cannot be read: the first visit shows what is wrong
        log.warning("The source was not read at start; the first visit reads it.", exc_info=True)
    try:
        log.info("Ready for the first visitor in %.1f s.", warm())
    except Exception:  # noqa: BLE001 — the server starts anyway; the first visit then pays for the imports
        log.exception("Warming up failed; starting the server all the same.")
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "dashboard.py"), *args]
    cli.main()


if __name__ == "__main__":
    main()
