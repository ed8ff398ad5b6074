"""Render time of the six analysis pages at 1k / 10k / 100k recommendations, server side and in a browser.

The workbook is benchmarks/synthetic.py's (n recommendations over 4 cycles, 5 assessments each, n/10
indicators, 2n measurements) plus a Cycles tab, written as a folder of CSV files in a temporary
directory (the fastest source to load) that $UPR_MONITOR_SOURCE points at. Snapshots go to the same
temporary directory.

- Server side: `AppTest.from_file(dashboard.py)`, switched to each page. The cache is warmed first
  (one run loads the workbook, one run per page fills the page's own caches, e.g. the recurring
  recommendations), so the figures are rendering alone: the whole script run of dashboard.py (settings,
  cached load, sidebar filters, banner) and the page. Median of `--runs` runs. The baseline, measured
  in the same run the same way, is the Data quality page of the same workbook (clean: three metrics and
  a message), i.e. what every page pays before drawing anything.
- Browser (`--browser-size`, default 10k): `streamlit run dashboard.py` on 127.0.0.1 and the Debian
  Chromium through Playwright. Time from `page.goto` to the moment every chart of the page is drawn
  (each `stPlotlyChart` holds a plotly `.main-svg`), its metrics are shown and the script has stopped
  running. Each page is visited once to warm the server's cache, then timed `--runs` times (a new
  browser tab, so a new session, each time). The baseline is again the Data quality page (no chart):
  Streamlit's own start-up in the browser, which every page pays.

Targets: every page under 1 s server side at 10k recommendations and under 3 s at 100k.

    python benchmarks/bench_pages.py                                  # 1k, 10k, 100k + browser at 10k
    python benchmarks/bench_pages.py --sizes 1000 10000 --no-browser
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from serving import free_port, run_arguments, streamlit_server  # noqa: E402

PAGES = {"overview": 4, "themes": 2, "ministries": 1, "cycles": 2, "states": 1, "indicators": 1}  # page → charts
BASELINE = "data_quality"
TARGETS = {10_000: 1.0, 100_000: 3.0}  # seconds, server side
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CYCLES = [["Cycle", "Review Date", "Adoption Date", "Mid-term Report Due", "Next Review"],
          ["1", "2010-01-01", "2010-06-01", "2012-06-01", "2014-01-01"],
          ["2", "2014-01-01", "2014-06-01", "2016-06-01", "2019-01-01"],
          ["3", "2019-01-01", "2019-06-01", "2021-06-01", "2024-01-01"],
          ["4", "2024-01-01", "2024-06-01", "2026-06-01", "2029-01-01"]]


def write_workbook(n: int, folder: Path) -> Path:
    """The synthetic workbook of n recommendations as one CSV file per tab, made clean: each Status is the
    newest assessment's, so the sheet has no issue and the Data quality page is a fair baseline."""
    from synthetic import workbook_rows

    tabs = workbook_rows(n)
    recs, assessments = tabs["Recommendations"], tabs["Assessments"]
    status = recs[0].index("Status")
    newest = {(row[1], row[2]): row[3] for row in sorted(assessments[1:], key=lambda row: row[0])}
    for row in recs[1:]:
        row[status] = newest.get((row[1], row[0]), row[status])
    folder.mkdir(parents=True, exist_ok=True)
    for title, rows in {**tabs, "Cycles": CYCLES}.items():
        with (folder / f"{title}.csv").open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows)
    return folder


def median_run(at, runs: int) -> float:
    """Median wall time of re-running the current page."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return statistics.median(times)


def server_times(source: Path, snapshots: Path, runs: int) -> dict[str, float]:
    """Page → median seconds of an AppTest run of dashboard.py on that page, cache warm."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from upr_sheets import sync
    from upr_sheets.core.settings import SOURCE_ENV

    sync.snapshot_dir = lambda settings: snapshots
    os.environ[SOURCE_ENV] = str(source)
    sys.argv = [str(ROOT / "dashboard.py")]
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=900).run()  # loads the workbook
    assert not at.exception, at.exception
    out = {}
    for page in [BASELINE, *PAGES]:
        at.switch_page(f"pages/{page}.py").run()  # warm-up run: the page's own caches
        assert not at.exception, at.exception
        out[page] = median_run(at, runs)
    return out


SERVE = """import sys
from pathlib import Path
from upr_sheets import sync
folder = Path(sys.argv[1])
sync.snapshot_dir = lambda settings: folder
from streamlit.web import cli
sys.argv = ["streamlit", "run", *sys.argv[2:]]
cli.main()
"""

ALL_DRAWN = """([n]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return app && app.getAttribute('data-test-script-state') === 'notRunning' && charts.length >= n
    && charts.every(c => c.querySelector('.js-plotly-plot .main-svg'))
    && document.querySelector('[data-testid="stMetric"]') !== null;
}"""


def browser_times(source: Path, snapshots: Path, runs: int) -> dict[str, float]:
    """Page → median seconds from navigation to the last chart drawn, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    from upr_sheets.core.settings import SOURCE_ENV

    port = free_port()
    command = [sys.executable, "-c", SERVE, str(snapshots), *run_arguments(ROOT / "dashboard.py", port)]
    env = {**os.environ, SOURCE_ENV: str(source)}
    with streamlit_server(command, port, cwd=ROOT, env=env, log=snapshots / "server.log") as server:
        out = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for page_name, charts in {BASELINE: 0, **PAGES}.items():
                path = "" if page_name == "overview" else page_name
                times = []
                for attempt in range(runs + 1):  # the first visit warms the server's cache
                    tab = browser.new_page(viewport={"width": 1280, "height": 800})
                    start = time.perf_counter()
                    tab.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
                    tab.wait_for_function(ALL_DRAWN, arg=[charts], timeout=120_000, polling=50)
                    if attempt:
                        times.append(time.perf_counter() - start)
                    if tab.locator('[data-testid="stException"]').count():
                        raise RuntimeError(f"{page_name}: the page shows an exception")
                    tab.close()
                out[page_name] = statistics.median(times)
            browser.close()
        return out


def main(argv: list[str] | None = None) -> None:
    """Measure, then print one table: pages × sizes, ratios to the baseline, targets met or not."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--browser-size", type=int, default=10_000)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    server: dict[int, dict[str, float]] = {}
    browser: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        for n in sorted(set(args.sizes) | ({args.browser_size} if not args.no_browser else set())):
            start = time.perf_counter()
            source = write_workbook(n, Path(tmp) / f"book-{n}")
            print(f"{n:,} recommendations: workbook written in {time.perf_counter() - start:.1f} s", flush=True)
            snapshots = Path(tmp) / f"snapshots-{n}"
            snapshots.mkdir()
            if n in args.sizes:
                server[n] = server_times(source, snapshots, args.runs)
                print(f"  server side: {', '.join(f'{p} {s:.2f} s' for p, s in server[n].items())}", flush=True)
            if not args.no_browser and n == args.browser_size:
                browser = browser_times(source, snapshots, args.runs)
                print(f"  browser: {', '.join(f'{p} {s:.2f} s' for p, s in browser.items())}", flush=True)
    sizes = sorted(server)
    print(f"\nMedian of {args.runs}, seconds (× = ratio to the {BASELINE} page, same size, same run). Server: AppTest "
          "run of dashboard.py + page, cache warm. Browser: navigation to the last chart drawn.")
    head = "".join(f"{f'server {n:,}':>16}" for n in sizes)
    head += f"{f'browser {args.browser_size:,}':>18}" if browser else ""
    print(f"{'page':14}{head}")
    for page in [BASELINE, *PAGES]:
        cells = "".join(f"{server[n][page]:8.2f} ({server[n][page] / server[n][BASELINE]:4.1f}×)" for n in sizes)
        if browser:
            cells += f"{browser[page]:10.2f} ({browser[page] / browser[BASELINE]:4.1f}×)"
        print(f"{page:14}{cells}")
    for n, limit in TARGETS.items():
        if n in server:
            slow = [p for p in PAGES if server[n][p] >= limit]
            verdict = "met" if not slow else f"NOT met by {', '.join(slow)}"
            print(f"Target under {limit:g} s at {n:,} recommendations: {verdict}")


if __name__ == "__main__":
    main()
