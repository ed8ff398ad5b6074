"""What a person feels in the browser: the first page after the server starts, and page switches, vs a bare app.

Both apps run with `streamlit run` on 127.0.0.1 (the Dockerfile's flags: headless, no file watcher) and
are driven by the Debian Chromium through Playwright, measured the same way in the same run:

- UPR Monitor: dashboard.py on the bundled demo workbook (its default source; snapshots in a temporary
  folder);
- the baseline: benchmarks/bare_app/app.py, st.navigation over the same six chart pages, each with one
  metric and one plotly chart.

Cold first page (`--cold` times, a new server each time): from `page.goto("/")` on a server that has
just answered its health check (so the app's first script run is included) to the Overview's header,
a metric and its first chart drawn. Page switch (`--rounds` rounds through the six pages, warm): from
the click on the page's link in the sidebar to its header, a metric and its first chart drawn, and the
script finished. Each figure is a median; each target is a ratio to the baseline's median:

- cold first page within 1.5x of the bare app;
- page switch within 2x of the bare app.

    python benchmarks/bench_browser.py                     # 3 cold starts, 3 rounds of switches, each app
    python benchmarks/bench_browser.py --cold 1 --rounds 1
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from serving import free_port, run_arguments, streamlit_server  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = {"overview": "Overview", "themes": "Themes", "ministries": "Ministries", "cycles": "Cycles",
         "states": "Recommending States", "indicators": "Indicators"}  # url path → title in the sidebar
APPS = {"bare app": ROOT / "benchmarks" / "bare_app" / "app.py", "UPR Monitor": ROOT / "dashboard.py"}
TARGETS = {"cold first page": 1.5, "page switch": 2.0}  # ratio to the bare app
TIMEOUT_MS = 180_000
SERVE = """import sys
from pathlib import Path
from upr_sheets import sync
folder = Path(sys.argv[1])
sync.snapshot_dir = lambda settings: folder
from streamlit.web import cli
sys.argv = ["streamlit", "run", *sys.argv[2:]]
cli.main()
"""

SHOWN = """(title) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const heads = [...document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] h2')];
  return heads.some(h => h.textContent.trim() === title)
    && document.querySelector('[data-testid="stMain"] [data-testid="stMetric"]') !== null
    && document.querySelector('[data-testid="stMain"] [data-testid="stPlotlyChart"] .js-plotly-plot .main-svg')
       !== null;
}"""


def measure(app: Path, cold: int, rounds: int, tmp: Path) -> dict[str, list[float]]:
    """Cold first-page times and warm page-switch times of one app."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {"cold first page": [], "page switch": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for start in range(cold):
            port = free_port()
            snapshots = tmp / f"snapshots-{app.stem}-{start}"
            command = [sys.executable, "-c", SERVE, str(snapshots),
                       *run_arguments(app, port, "--server.fileWatcherType", "none")]
            env = {k: v for k, v in os.environ.items() if not k.startswith("UPR_MONITOR_")}
            with streamlit_server(command, port, cwd=ROOT, env=env, log=tmp / f"{app.stem}-{start}.log") as server:
                tab = browser.new_page(viewport={"width": 1280, "height": 900})
                began = time.perf_counter()
                tab.goto(server.url + "/", wait_until="domcontentloaded")
                tab.wait_for_function(SHOWN, arg=PAGES["overview"], timeout=TIMEOUT_MS, polling=50)
                out["cold first page"].append(time.perf_counter() - began)
                if start == cold - 1:  # the last server also serves the page switches, warm
                    order = [*list(PAGES)[1:], "overview"]
                    for path in order:  # one untimed round fills the server's caches of each page
                        _switch(tab, path)
                    for _ in range(rounds):
                        for path in order:
                            out["page switch"].append(_switch(tab, path))
                tab.close()
        browser.close()
    return out


def _switch(tab, path: str) -> float:
    """Click the page's link in the sidebar; seconds until it is shown and its script has finished."""
    link = tab.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=PAGES[path], exact=True)
    began = time.perf_counter()
    link.click()
    tab.wait_for_function(SHOWN, arg=PAGES[path], timeout=TIMEOUT_MS, polling=50)
    return time.perf_counter() - began


def main() -> None:
    """Measure both apps and print medians, ratios and the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", type=int, default=3, help="cold starts per app")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds through the six pages")
    args = parser.parse_args()
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        for name, app in APPS.items():
            results[name] = measure(app, args.cold, args.rounds, Path(tmp))
            print(f"{name}: " + "; ".join(f"{what} {', '.join(f'{s:.2f}' for s in times)} s"
                                          for what, times in results[name].items()), flush=True)
    bare, ours = results["bare app"], results["UPR Monitor"]
    print(f"\n{'median seconds':<18}{'bare app':>10}{'UPR Monitor':>13}{'ratio':>8}{'target':>8}")
    for what, target in TARGETS.items():
        b, o = statistics.median(bare[what]), statistics.median(ours[what])
        ratio = o / b
        verdict = "met" if ratio <= target else f"missed by {ratio - target:.2f}x ({ratio / target - 1:.0%})"
        print(f"{what:<18}{b:>10.2f}{o:>13.2f}{ratio:>7.2f}x{target:>7.1f}x  {verdict}")
    print(f"(cold: {args.cold} server starts per app; switch: {args.rounds} rounds through {len(PAGES)} pages, warm)")


if __name__ == "__main__":
    main()
