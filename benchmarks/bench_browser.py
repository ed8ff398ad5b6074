"""What a person feels in the browser: the first page after the server starts, and page switches, vs a bare app.

Both apps run with `streamlit run` on 127.0.0.1 (the Dockerfile's flags: headless, no file watcher) and
are driven by the Debian Chromium through Playwright, measured the same way in the same run:

- UPR Monitor: dashboard.py on the bundled demo workbook (its default source; snapshots in a temporary
  folder), started as the Dockerfile starts it (`python -m upr_sheets.app.serve`, which imports the
  dashboard's code before the server answers its health check);
- the baseline: benchmarks/bare_app/app.py, st.navigation over the same six chart pages, each with one
  metric and one plotly chart, started with plain `streamlit run`.

Cold first page (`--cold` times, a new server each time, the apps taking turns): from `page.goto("/")`
on a server that has just answered its health check (so the app's first script run is included) to the
Overview's header, a metric and its first chart drawn. Page switch (`--rounds` rounds through the six pages, warm): from
the click on the page's link in the sidebar to its header, a metric and its first chart drawn, and the
script finished. Each figure is a median; each target is a ratio to the baseline's median:

- cold first page within 1.5x of the bare app;
- page switch within 2x of the bare app.

Beside each cold first page, the server's and the browser's CPU seconds over the same interval (steadier
than wall time on a busy machine), and the server's start (launch to health check). `--large N` also
times the dashboard's cold first page on an N-recommendation workbook (benchmarks/synthetic.py, written
as .xlsx as editors type it) against the demo's, in the same run: the issue's target is the
10,000-recommendation workbook within 3x of the demo, from the first request and from launching the
server (the dashboard starts reading its source as it starts).

    python benchmarks/bench_browser.py                     # 3 cold starts, 3 rounds of switches, each app
    python benchmarks/bench_browser.py --cold 1 --rounds 1
    python benchmarks/bench_browser.py --cold 2 --rounds 0 --large 10000
    python benchmarks/bench_browser.py --cold 5 --rounds 0 --plain       # also `streamlit run dashboard.py`
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
LARGE_TARGET = 3.0  # the large workbook's cold first page, as a ratio to the demo's
TIMEOUT_MS = 180_000
SERVE = """import os
import sys
from pathlib import Path
from upr_sheets import sync
folder = Path(sys.argv[1])
sync.snapshot_dir = lambda settings: folder
if sys.argv[2].endswith("dashboard.py") and not os.environ.get("BENCH_PLAIN_RUN"):  # as the Dockerfile starts it
    from upr_sheets.app import serve
    serve.main(sys.argv[3:])
else:
    from streamlit.web import cli
    sys.argv = ["streamlit", "run", *sys.argv[2:]]
    cli.main()
"""
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def browser_cpu_seconds() -> float:
    """User + system CPU seconds so far of the Chromium processes this benchmark started (its descendants)."""
    parents, names = {}, {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except OSError:
                continue
            names[int(entry.name)] = text[text.index("(") + 1:text.rindex(")")]
            parents[int(entry.name)] = int(text.rsplit(")", 1)[1].split()[1])
    total, mine = 0.0, {os.getpid()}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                grew = True
    for pid in mine:
        if "chrom" in names.get(pid, ""):
            try:
                total += cpu_seconds(pid)
            except OSError:
                continue
    return total

SHOWN = """(title) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const heads = [...document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] h2')];
  return heads.some(h => h.textContent.trim() === title)
    && document.querySelector('[data-testid="stMain"] [data-testid="stMetric"]') !== null
    && document.querySelector('[data-testid="stMain"] [data-testid="stPlotlyChart"] .js-plotly-plot .main-svg')
       !== null;
}"""


def empty_figures() -> dict[str, list[float]]:
    return {"server start": [], "cold first page": [], "server CPU": [], "browser CPU": [], "page switch": []}


def cold_start(browser, app: Path, n: int, tmp: Path, out: dict[str, list[float]], rounds: int = 0,
               source: Path | None = None, plain: bool = False) -> None:
    """One cold first page of an app on a new server (its start, wall time, the server's and the browser's CPU
    seconds meanwhile) into `out`; then, with `rounds`, that many timed rounds of warm page switches (after one
    untimed round). `source`: the dashboard's workbook instead of the demo. `plain`: the dashboard started with
    plain `streamlit run dashboard.py`, as the README's quick start does, instead of as the Dockerfile does."""
    port = free_port()
    command = [sys.executable, "-c", SERVE, str(tmp / f"snapshots-{app.stem}-{n}"),
               *run_arguments(app, port, "--server.fileWatcherType", "none")]
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPR_MONITOR_")}
    if source is not None:
        env["UPR_MONITOR_SOURCE"] = str(source)
    if plain:
        env["BENCH_PLAIN_RUN"] = "1"
    launched, log = time.perf_counter(), tmp / f"{app.stem}-{source.stem if source else ''}{n}.log"
    with streamlit_server(command, port, cwd=ROOT, env=env, log=log) as server:
        out["server start"].append(time.perf_counter() - launched)  # to its health check answering
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        began, cpu, browser_cpu = time.perf_counter(), cpu_seconds(server.pid), browser_cpu_seconds()
        tab.goto(server.url + "/", wait_until="domcontentloaded")
        tab.wait_for_function(SHOWN, arg=PAGES["overview"], timeout=TIMEOUT_MS, polling=50)
        out["cold first page"].append(time.perf_counter() - began)
        out["server CPU"].append(cpu_seconds(server.pid) - cpu)
        out["browser CPU"].append(browser_cpu_seconds() - browser_cpu)
        if rounds:
            order = [*list(PAGES)[1:], "overview"]
            for path in order:  # one untimed round fills the server's caches of each page
                _switch(tab, path)
            for _ in range(rounds):
                for path in order:
                    out["page switch"].append(_switch(tab, path))
        tab.close()


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
    parser.add_argument("--plain", action="store_true",
                        help="also the dashboard's cold first page started with plain `streamlit run dashboard.py`")
    parser.add_argument("--large", type=int, default=0, metavar="N",
                        help="also the dashboard's cold first page on an N-recommendation workbook (e.g. 10000)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, list[float]]] = {name: empty_figures() for name in [*APPS, "large", "plain"]}
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        book = None
        if args.large:
            from bench_xlsx import write_10k

            book = write_10k(Path(tmp) / f"large-{args.large}.xlsx", args.large)
        for n in range(args.cold):  # the apps take turns, so a busy spell of the machine falls on each alike
            for name, app in APPS.items():
                cold_start(browser, app, n, Path(tmp), results[name], args.rounds if n == args.cold - 1 else 0)
            if args.plain:
                cold_start(browser, APPS["UPR Monitor"], n, Path(tmp), results["plain"], plain=True)
            if book is not None:
                cold_start(browser, APPS["UPR Monitor"], n, Path(tmp), results["large"], source=book)
        browser.close()
    for name in APPS:
        report(name, results[name])
    if args.large:
        report(f"UPR Monitor, {args.large:,} recommendations", results["large"])
    if args.plain:
        report("UPR Monitor, plain streamlit run", results["plain"])
    bare, ours = results["bare app"], results["UPR Monitor"]
    print(f"\n{'median seconds':<18}{'bare app':>10}{'UPR Monitor':>13}{'ratio':>8}{'target':>8}")
    for what, target in TARGETS.items():
        if not bare[what] or not ours[what]:
            continue
        b, o = statistics.median(bare[what]), statistics.median(ours[what])
        ratio = o / b
        verdict = "met" if ratio <= target else f"missed by {ratio - target:.2f}x ({ratio / target - 1:.0%})"
        print(f"{what:<18}{b:>10.2f}{o:>13.2f}{ratio:>7.2f}x{target:>7.1f}x  {verdict}")
        if what == "cold first page":
            for cpu in ("server CPU", "browser CPU"):
                b, o = statistics.median(bare[cpu]), statistics.median(ours[cpu])
                print(f"{'  ' + cpu:<18}{b:>10.2f}{o:>13.2f}{o / b:>7.2f}x")
    def from_launch(figures: dict[str, list[float]]) -> float:
        return statistics.median(s + f for s, f in zip(figures["server start"], figures["cold first page"],
                                                       strict=True))

    b, o = from_launch(bare), from_launch(ours)
    print(f"{'  start + page':<18}{b:>10.2f}{o:>13.2f}{o / b:>7.2f}x   (from launching the server)")
    if args.plain:
        plain = results["plain"]
        b, o = statistics.median(bare["cold first page"]), statistics.median(plain["cold first page"])
        print(f"{'plain run, cold':<18}{b:>10.2f}{o:>13.2f}{o / b:>7.2f}x{TARGETS['cold first page']:>7.1f}x  "
              f"{'met' if o / b <= TARGETS['cold first page'] else 'missed'} (`streamlit run dashboard.py`)")
        b, o = from_launch(bare), from_launch(plain)
        print(f"{'  start + page':<18}{b:>10.2f}{o:>13.2f}{o / b:>7.2f}x   (from launching the server)")
    if args.large:
        large = results["large"]
        d, big = statistics.median(ours["cold first page"]), statistics.median(large["cold first page"])
        ratio = big / d
        verdict = "met" if ratio <= LARGE_TARGET else f"missed by {ratio - LARGE_TARGET:.2f}x"
        print(f"\n{'cold first page':<18}{'demo':>10}{f'{args.large:,} recs':>13}{'ratio':>8}{'target':>8}")
        print(f"{'  wall':<18}{d:>10.2f}{big:>13.2f}{ratio:>7.2f}x{LARGE_TARGET:>7.1f}x  {verdict}")
        for cpu in ("server CPU", "browser CPU"):
            d, big = statistics.median(ours[cpu]), statistics.median(large[cpu])
            print(f"{'  ' + cpu:<18}{d:>10.2f}{big:>13.2f}{big / d:>7.2f}x")
        d = statistics.median(s + f for s, f in zip(ours["server start"], ours["cold first page"], strict=True))
        big = statistics.median(s + f for s, f in zip(large["server start"], large["cold first page"], strict=True))
        print(f"{'  start + page':<18}{d:>10.2f}{big:>13.2f}{big / d:>7.2f}x{LARGE_TARGET:>7.1f}x  "
              f"{'met' if big / d <= LARGE_TARGET else 'missed'} (from launching the server)")
    print(f"(cold: {args.cold} server starts per app; switch: {args.rounds} rounds through {len(PAGES)} pages, warm)")


def report(name: str, result: dict[str, list[float]]) -> None:
    """One app's raw figures."""
    print(f"{name}: " + "; ".join(f"{what} {', '.join(f'{s:.2f}' for s in times)} s"
                                  for what, times in result.items() if times), flush=True)


if __name__ == "__main__":
    main()
