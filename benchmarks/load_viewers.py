"""Many viewers: N concurrent dashboard sessions against `streamlit run dashboard.py`, for a fixed time.

The app reads a synthetic workbook (2,000 recommendations by default) from the local fake Sheets API
(`tests/fakesheets.py`, in this process, on 127.0.0.1) with a short cache TTL, through a settings
file of its own (`UPR_MONITOR_SETTINGS`) and a snapshot folder in a temporary directory, with the
Dockerfile's flags (headless, no file watcher). `--replicas N` starts N such processes and keeps
viewer i on replica i mod N, as a sticky load balancer would. One render per replica warms it up
before the viewers arrive.

Most viewers speak Streamlit's own protocol, as its browser client does: they ping
`/_stcore/health` (which sets the XSRF cookie) and `/_stcore/host-config`, open the websocket
`/_stcore/stream` with the subprotocols `streamlit, <xsrf token>`, send `BackMsg.rerun_script` with a
`ClientState` (the page's url path on the first run, the page's script hash when switching page, the
live fragment's id on its timed reruns, the hashes of the messages they hold), and read `ForwardMsg`s
until `script_finished`; cached messages sent back as `ref_hash` are resolved from their own cache.
They do not download the frontend's JavaScript, which a browser fetches once and caches. A few
viewers (`--browsers`) are real headless Chromium pages; their websocket frames are decoded with the
same classes, so both kinds measure the same thing: from the rerun request leaving the client to
`script_finished` arriving. Chromium viewers also record when the page has finished drawing.

Each viewer arrives within `--ramp` seconds, opens its page, switches to the next page of `--pages`
every `--interval` seconds, honours the app's live refresh (`st.fragment(run_every=TTL)`: a fragment
rerun every TTL, restarted by each page switch, as in the browser) and leaves `--duration` seconds
after arriving. An error is an `exception` element, an `st.error` alert, a compile error, a page not
found, an unresolved cached message, a closed socket or a run that does not finish within
`--timeout`. The servers' CPU and RSS are sampled every second from /proc; Sheets API requests come
from the fake's counters and the app's sync log.

Nothing contacts any host but 127.0.0.1; every loop is bounded in count and time.

    python benchmarks/load_viewers.py                       # 50 viewers, 180 s each, 3 of them in Chromium
    python benchmarks/load_viewers.py --replicas 2          # the same, over 2 app processes
    python benchmarks/load_viewers.py --viewers 10 --duration 60 --browsers 0
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import math
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests")]

from serving import Server, free_port, http_get, streamlit_command, streamlit_server  # noqa: E402
from streamlit.proto.Alert_pb2 import Alert  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

KEY = "1LoadViewersUprMonitor_0123456789abcdefghij"
PAGES = {"overview": "Overview", "themes": "Themes", "ministries": "Ministries", "cycles": "Cycles",
         "states": "Recommending States", "indicators": "Indicators", "recommendations": "Recommendations",
         "data_quality": "Data quality"}  # url path → title in the sidebar (dashboard.py)
DEFAULT_PAGE = "overview"  # st.Page(default=True): served at "/"
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
MAX_CACHED_AGE = 2  # global.maxCachedMessageAge: runs a cached message survives without being used
MAX_MESSAGES_PER_RUN = 20_000
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TICK = os.sysconf("SC_CLK_TCK")


# -- the app under load ---------------------------------------------------------------------------

def run_async(coro: Any) -> Any:
    """Run a coroutine to completion in a thread of its own, even when this thread has a running loop."""
    result: list[Any] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coro))
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    thread = threading.Thread(target=target, name="load-viewers")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


def workbook(n: int) -> dict[str, list[list[Any]]]:
    """The synthetic workbook: n recommendations, their assessments, indicators, measurements, Lists."""
    from itertools import zip_longest

    from synthetic import MINISTRIES, THEMES, headers, workbook_rows

    from upr_sheets.core.contract import LISTS

    tabs: dict[str, list[list[Any]]] = workbook_rows(n, assessments_per=3, measurements_per=1)
    columns = [THEMES, MINISTRIES, ["Land rights"], ["Member NGO"]]
    tabs["Lists"] = [headers(LISTS), *[[v or None for v in r] for r in zip_longest(*columns, fillvalue="")]]
    return tabs


def settings_file(folder: Path, ttl: int) -> Path:
    """config/settings.toml with the given cache TTL and a snapshot folder inside `folder`."""
    text = (ROOT / "config" / "settings.toml").read_text(encoding="utf-8")
    text, n_ttl = re.subn(r"(?m)^cache_ttl_seconds\s*=\s*\d+", f"cache_ttl_seconds = {ttl}", text)
    snapshots = json.dumps(str(folder / "snapshots"))
    text, n_dir = re.subn(r"(?m)^snapshot_dir\s*=\s*\"[^\"]*\"", f"snapshot_dir = {snapshots}", text)
    assert n_ttl == 1 and n_dir == 1, "config/settings.toml no longer has cache_ttl_seconds / snapshot_dir"
    path = folder / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


@contextlib.contextmanager
def running_app(sheets_api: str, folder: Path, ttl: int, start_timeout: float = 60.0, name: str = "server"
                ) -> Iterator[Server]:
    """`python -m streamlit run dashboard.py` on 127.0.0.1 reading gsheet:KEY from `sheets_api`, no file watcher."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "UPR_MONITOR_SERVICE_ACCOUNT"}
    env.update({"UPR_MONITOR_SOURCE": f"gsheet:{KEY}", "UPR_MONITOR_SHEETS_API": sheets_api,
                "UPR_MONITOR_SETTINGS": str(settings_file(folder, ttl)), "NO_PROXY": "127.0.0.1"})
    command = streamlit_command(sys.executable, ROOT / "dashboard.py", port, "--server.fileWatcherType", "none")
    with streamlit_server(command, port, cwd=ROOT, env=env, log=folder / f"{name}.log",
                          start_timeout=start_timeout) as server:
        yield server


# -- /proc sampling -------------------------------------------------------------------------------

def proc_cpu_seconds(pid: int, reaped: bool = False) -> float:
    """utime + stime of a process (plus those of its children it has waited for), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15 if reaped else 13]) / TICK


def proc_rss_mb(pid: int) -> float:
    """Resident set size of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    total = sum(ticks)
    return (total - ticks[3] - ticks[4]) / TICK, total / TICK


def descendants(pid: int) -> list[int]:
    """All processes below pid (children, grandchildren, …)."""
    found, todo = [], [pid]
    while todo and len(found) < 10_000:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            with contextlib.suppress(OSError):
                kids = [int(k) for k in (task / "children").read_text().split()]
                found += kids
                todo += kids
    return found


@dataclass
class Sample:
    """One second of the server: elapsed time, cumulative CPU seconds, RSS, machine busy/total."""

    t: float
    cpu: float
    rss: float
    busy: float
    total: float
    viewers: int


class Sampler(threading.Thread):
    """Samples the servers' CPU and RSS (summed over replicas) and the machine's load, at most `limit` times."""

    def __init__(self, pids: list[int], active: Counter, every: float = 1.0, limit: int = 7200) -> None:
        super().__init__(name="Sampler", daemon=True)
        self.pids, self.active, self.every, self.limit = pids, active, every, limit
        self.samples: list[Sample] = []
        self.stopping = threading.Event()
        self.t0 = time.monotonic()

    def sample(self) -> None:
        """Take one sample now."""
        with contextlib.suppress(OSError, ValueError, IndexError):
            busy, total = machine_busy()
            cpu = sum(proc_cpu_seconds(pid) for pid in self.pids)
            rss = sum(proc_rss_mb(pid) for pid in self.pids)
            self.samples.append(Sample(time.monotonic() - self.t0, cpu, rss, busy, total, self.active["now"]))

    def run(self) -> None:
        """Sample until stopped or `limit` samples were taken."""
        self.sample()
        while len(self.samples) < self.limit and not self.stopping.wait(self.every):
            self.sample()

    def stop(self) -> None:
        """Stop sampling after one last sample."""
        self.stopping.set()
        self.join(5)
        self.sample()


# -- viewers --------------------------------------------------------------------------------------

@dataclass
class ViewerStats:
    """What one viewer measured."""

    name: str
    kind: str  # "protocol" or "browser"
    renders: list[float] = field(default_factory=list)  # full page runs: request → script_finished (s)
    refreshes: list[float] = field(default_factory=list)  # live fragment reruns, same measure
    drawn: list[float] = field(default_factory=list)  # browser only: page switch → drawn (s)
    by_page: dict[str, list[float]] = field(default_factory=dict)  # page renders per url path
    errors: list[str] = field(default_factory=list)
    stale: int = 0
    bytes_in: int = 0

    def record(self, seconds: float, page: str, fragment: bool) -> None:
        """One finished run: a live refresh, or a render of `page`."""
        if fragment:
            self.refreshes.append(seconds)
        else:
            self.renders.append(seconds)
            self.by_page.setdefault(page, []).append(seconds)


class RunReader:
    """Reads the ForwardMsgs of one run as Streamlit's browser client would: cache, refs, errors."""

    def __init__(self, stats: ViewerStats) -> None:
        self.stats = stats
        self.cache: dict[str, tuple[ForwardMsg, int]] = {}  # hash → (message, run count when last used)
        self.runs = 0
        self.fragment_run = ""  # id of the fragment whose run is being read, "" for a full run
        self.pages: dict[str, str] = {}  # url path → page script hash
        self.page_hash = ""
        self.fragment: tuple[str, float] | None = None  # (fragment id, interval) of the live refresh

    def hashes(self) -> list[str]:
        """Hashes of the cached messages, sent with each rerun request."""
        return list(self.cache)

    def take(self, data: bytes) -> int | None:
        """Process one frame; the script_finished status when it ends a run."""
        self.stats.bytes_in += len(data)
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                self.stats.errors.append(f"cached message {msg.ref_hash} missing")
                return None
            self.cache[msg.ref_hash] = (cached[0], self.runs)
            msg, kind = cached[0], cached[0].WhichOneof("type")
        elif msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = (msg, self.runs)
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element)
        elif kind == "navigation":
            self.pages = {p.url_pathname or DEFAULT_PAGE: p.page_script_hash for p in msg.navigation.app_pages}
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash or self.page_hash
        elif kind == "auto_rerun" and msg.auto_rerun.fragment_id:
            self.fragment = (msg.auto_rerun.fragment_id, float(msg.auto_rerun.interval))
        elif kind == "stop_auto_rerun":
            self.fragment = None
        elif kind == "page_not_found":
            self.stats.errors.append(f"page not found: {msg.page_not_found.page_name}")
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                self.stats.errors.append("script compile error")
            if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self._expire()
            return status
        return None

    def _expire(self) -> None:
        """Count a finished run and drop what was not used for MAX_CACHED_AGE runs (fragment runs: their own)."""
        self.runs += 1
        fragment = self.fragment_run
        self.cache = {h: (m, used) for h, (m, used) in self.cache.items()
                      if (fragment and m.delta.fragment_id != fragment) or self.runs - used <= MAX_CACHED_AGE}

    def _element(self, element: Any) -> None:
        which = element.WhichOneof("type")
        if which == "exception":
            self.stats.errors.append(f"exception: {element.exception.type}: {element.exception.message[:200]}")
        elif which == "alert" and element.alert.format == Alert.ERROR:
            self.stats.errors.append(f"error shown: {element.alert.body[:200]}")
        elif which == "alert" and element.alert.format == Alert.WARNING and "last good data" in element.alert.body:
            self.stats.stale += 1


def rerun_message(reader: RunReader, *, page_name: str = "", page_hash: str = "", fragment: str = "",
                  url: str = "") -> bytes:
    """BackMsg.rerun_script as the browser client builds it."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = ""
    state.page_script_hash = page_hash
    state.page_name = page_name
    state.fragment_id = fragment
    state.is_auto_rerun = bool(fragment)
    state.cached_message_hashes.extend(reader.hashes())
    info = state.context_info
    info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
    info.url, info.is_embedded, info.color_scheme = url, False, "light"
    state.widget_states.SetInParent()
    return msg.SerializeToString()


def page_cycle(pages: list[str], index: int) -> Iterator[str]:
    """Pages in order, starting at a viewer's own offset, forever."""
    n = 0
    while True:
        yield pages[(index + n) % len(pages)]
        n += 1


class ProtocolViewer:
    """One viewer speaking Streamlit's websocket protocol, like its browser client."""

    def __init__(self, url: str, index: int, pages: list[str], interval: float, stay: float, timeout: float,
                 active: Counter) -> None:
        self.url, self.interval, self.stay, self.timeout, self.active = url, interval, stay, timeout, active
        self.pages = page_cycle(pages, index)
        self.stats = ViewerStats(f"protocol-{index}", "protocol")
        self.reader = RunReader(self.stats)

    async def run(self) -> ViewerStats:
        """Connect, render, switch page every interval and follow the live refresh until the stay is over."""
        import websockets

        loop = asyncio.get_running_loop()
        end = loop.time() + self.stay
        self.active["now"] += 1
        try:
            _, _, cookies = await asyncio.to_thread(http_get, f"{self.url}/_stcore/health")
            await asyncio.to_thread(http_get, f"{self.url}/_stcore/host-config")
            xsrf = next((c.split(";")[0].split("=", 1)[1] for c in cookies if c.startswith("_streamlit_xsrf=")), "")
            headers = {"Origin": self.url, **({"Cookie": f"_streamlit_xsrf={xsrf}"} if xsrf else {})}
            async with websockets.connect(
                self.url.replace("http://", "ws://") + "/_stcore/stream",
                subprotocols=["streamlit", xsrf or "PLACEHOLDER_AUTH_TOKEN"],  # type: ignore[list-item]
                additional_headers=headers, max_size=None, proxy=None, open_timeout=self.timeout,
                ping_interval=None,
            ) as ws:
                await self.session(ws, loop, end)
        except Exception as exc:  # noqa: BLE001 - any failure of a viewer is an error to count
            self.stats.errors.append(f"{type(exc).__name__}: {exc}"[:300])
        finally:
            self.active["now"] -= 1
        return self.stats

    async def session(self, ws: Any, loop: asyncio.AbstractEventLoop, end: float) -> None:
        """The viewer's visit: first page by url path, then page switches and live refreshes."""
        first = next(self.pages)
        await self.render(ws, first, page_name="" if first == DEFAULT_PAGE else first)
        next_switch = loop.time() + self.interval
        refresh_at = self._refresh_due(loop)
        for _ in range(int(self.stay / min(self.interval, 5)) * 4 + 10):
            due = min(next_switch, refresh_at)
            if due >= end:
                await self.drain(ws, end)
                return
            await self.drain(ws, due)
            if due == next_switch:
                page = next(self.pages)
                target = self.reader.pages.get(page)
                if target is None:
                    self.stats.errors.append(f"no page {page!r} in the navigation")
                    return
                await self.render(ws, page, page_hash=target)
                next_switch = max(next_switch + self.interval, loop.time())
                refresh_at = self._refresh_due(loop)
            elif self.reader.fragment is None:
                refresh_at = math.inf  # the app stopped its live refresh
            else:
                fragment_id, every = self.reader.fragment
                await self.render(ws, "", page_hash=self.reader.page_hash, fragment=fragment_id)
                refresh_at += every

    def _refresh_due(self, loop: asyncio.AbstractEventLoop) -> float:
        fragment = self.reader.fragment
        return loop.time() + fragment[1] if fragment else math.inf

    async def render(self, ws: Any, page: str, *, page_name: str = "", page_hash: str = "", fragment: str = "") -> None:
        """Send one rerun request and read until its script_finished; record the latency."""
        if not fragment:
            self.reader.fragment = None  # the browser clears its refresh timers on a page change
        self.reader.fragment_run = fragment
        started = time.perf_counter()
        await ws.send(rerun_message(self.reader, page_name=page_name, page_hash=page_hash, fragment=fragment,
                                    url=f"{self.url}/{page_name}"))
        errors = len(self.stats.errors)
        try:
            async with asyncio.timeout(self.timeout):
                for _ in range(MAX_MESSAGES_PER_RUN):
                    status = self.reader.take(await ws.recv())
                    if status in FINISHED or status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        break
        except TimeoutError:
            self.stats.errors.append(f"no script_finished within {self.timeout:g} s")
            return
        if len(self.stats.errors) == errors:
            self.stats.record(time.perf_counter() - started, page, bool(fragment))

    async def drain(self, ws: Any, until: float) -> None:
        """Read whatever the server sends until the loop time `until`."""
        loop = asyncio.get_running_loop()
        for _ in range(MAX_MESSAGES_PER_RUN):
            left = until - loop.time()
            if left <= 0:
                return
            try:
                async with asyncio.timeout(left):
                    self.reader.take(await ws.recv())
            except TimeoutError:
                return


class BrowserViewer:
    """One viewer in headless Chromium: same pages and pace, its websocket frames decoded for the same measure."""

    def __init__(self, browser: Any, url: str, index: int, pages: list[str], interval: float, stay: float,
                 timeout: float, active: Counter) -> None:
        self.browser, self.url, self.interval, self.stay, self.timeout = browser, url, interval, stay, timeout
        self.pages, self.active = page_cycle(pages, index), active
        self.stats = ViewerStats(f"browser-{index}", "browser")
        self.reader = RunReader(self.stats)
        self.sent: list[tuple[float, bool]] = []  # (time, is fragment run) of rerun requests not yet finished
        self.page = ""
        self.finished = asyncio.Event()  # set when a page render (not a live refresh) has finished

    def watch(self, ws: Any) -> None:
        """Follow the frames of the page's websocket."""
        ws.on("framesent", self.on_sent)
        ws.on("framereceived", self.on_received)

    def on_sent(self, payload: str | bytes) -> None:
        """A frame the page sent: note the time of rerun requests."""
        if isinstance(payload, bytes):
            msg = BackMsg()
            msg.ParseFromString(payload)
            if msg.WhichOneof("type") == "rerun_script":
                self.reader.fragment_run = msg.rerun_script.fragment_id
                self.sent.append((time.perf_counter(), bool(msg.rerun_script.fragment_id)))

    def on_received(self, payload: str | bytes) -> None:
        """A frame the page received: on script_finished, record the latency of the oldest open request."""
        if not isinstance(payload, bytes):
            return
        status = self.reader.take(payload)
        if status in FINISHED and self.sent:
            started, fragment = self.sent.pop(0)
            self.stats.record(time.perf_counter() - started, self.page, fragment)
            if not fragment:
                self.finished.set()
        elif status == ForwardMsg.FINISHED_EARLY_FOR_RERUN and len(self.sent) > 1:
            self.sent.pop(0)

    async def run(self) -> ViewerStats:
        """Open the first page, click the next page in the sidebar every interval, until the stay is over."""
        loop = asyncio.get_running_loop()
        end = loop.time() + self.stay
        self.active["now"] += 1
        context = await self.browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            await context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
            page = await context.new_page()
            page.on("websocket", self.watch)
            page.on("pageerror", lambda exc: self.stats.errors.append(f"page error: {exc}"[:300]))
            first = self.page = next(self.pages)
            started = time.perf_counter()
            self.finished.clear()
            await page.goto(f"{self.url}/{'' if first == DEFAULT_PAGE else first}", wait_until="domcontentloaded",
                            timeout=self.timeout * 1000)
            await self.drawn(page, started)
            for _ in range(int(self.stay / self.interval) + 2):
                left = end - loop.time()
                if left <= self.interval:
                    await asyncio.sleep(max(0.0, left))
                    break
                await asyncio.sleep(max(0.0, self.interval - (time.perf_counter() - started)))
                self.page = next(self.pages)
                title = PAGES[self.page]
                started = time.perf_counter()
                self.finished.clear()
                link = page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True)
                await link.click(timeout=self.timeout * 1000)
                await self.drawn(page, started)
        except Exception as exc:  # noqa: BLE001 - any failure of a viewer is an error to count
            self.stats.errors.append(f"{type(exc).__name__}: {exc}"[:300])
        finally:
            self.active["now"] -= 1
            await context.close()
        return self.stats

    async def drawn(self, page: Any, started: float) -> None:
        """Wait for this render's script_finished, then until its charts are drawn; record the time."""
        async with asyncio.timeout(self.timeout):
            await self.finished.wait()
        await page.wait_for_function(
            """() => {
                const app = document.querySelector('[data-testid="stApp"]');
                if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
                if (!document.querySelector('[data-testid="stMetric"], [data-testid="stDataFrame"], h1')) return false;
                return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                    .every(c => c.querySelector('.main-svg'));
            }""",
            timeout=self.timeout * 1000, polling=100,
        )
        self.stats.drawn.append(time.perf_counter() - started)


# -- the run --------------------------------------------------------------------------------------

@dataclass
class Report:
    """Everything one load run measured."""

    viewers: list[ViewerStats]
    samples: list[Sample]
    requests: Counter
    sync_log: list[dict]
    ttl: int
    replicas: int
    window: float  # seconds from the warm-up to the last departure
    client_cpu: float  # CPU seconds of this process and its non-server children (Chromium)
    idle_rss: float  # servers started, nothing loaded
    warm_rss: float  # after one render per replica: data loaded and cached

    def of(self, kind: str) -> list[ViewerStats]:
        """The viewers of one kind."""
        return [v for v in self.viewers if v.kind == kind]

    @property
    def errors(self) -> list[str]:
        """Every error of every viewer, prefixed with the viewer."""
        return [f"{v.name}: {e}" for v in self.viewers for e in v.errors]

    @property
    def sheets_reads(self) -> int:
        """Read requests the fake Sheets API answered (values and metadata)."""
        return sum(self.requests[k] for k in ("batch_get", "metadata", "values_get"))


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of values, NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


async def drive(urls: list[str], args: argparse.Namespace, active: Counter) -> list[ViewerStats]:
    """Start every viewer at its arrival time (viewer i on replica i mod n) and wait for all of them (bounded)."""
    pages = args.pages
    n_browsers = min(args.browsers, args.viewers)
    arrivals = [args.ramp * i / max(1, args.viewers - 1) if args.viewers > 1 else 0.0 for i in range(args.viewers)]
    browser_slots = {round(i * args.viewers / n_browsers) for i in range(n_browsers)} if n_browsers else set()

    async def later(delay: float, viewer: Any) -> ViewerStats:
        await asyncio.sleep(delay)
        return await viewer.run()

    async with contextlib.AsyncExitStack() as stack:
        browser = None
        if browser_slots:
            from playwright.async_api import async_playwright

            playwright = await stack.enter_async_context(async_playwright())
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            stack.push_async_callback(browser.close)
        viewers: list[Any] = []
        for i, arrival in enumerate(arrivals):
            url = urls[i % len(urls)]
            if i in browser_slots:
                viewer: Any = BrowserViewer(browser, url, i, pages, args.interval, args.duration, args.timeout, active)
            else:
                viewer = ProtocolViewer(url, i, pages, args.interval, args.duration, args.timeout, active)
            viewers.append((arrival, viewer))
        tasks = [asyncio.create_task(later(a, v)) for a, v in viewers]
        budget = args.ramp + args.duration + 2 * args.timeout + 30
        done, pending = await asyncio.wait(tasks, timeout=budget)
        for task in pending:
            task.cancel()
        results = []
        for (_, viewer), task in zip(viewers, tasks):
            if task in done and not task.cancelled() and task.exception() is None:
                results.append(task.result())
            else:
                viewer.stats.errors.append(f"did not finish within {budget:g} s")
                results.append(viewer.stats)
        return results


def warm_up(urls: list[str], timeout: float) -> None:
    """One render of the default page per replica, so the load starts on a loaded, cached app."""
    for url in urls:
        viewer = ProtocolViewer(url, 0, [DEFAULT_PAGE], interval=timeout, stay=0.0, timeout=timeout, active=Counter())
        stats = run_async(viewer.run())
        if stats.errors or not stats.renders:
            raise RuntimeError(f"warm-up render on {url} failed: {stats.errors}")


def client_cpu_seconds(server_pids: list[int]) -> float:
    """CPU seconds of this process and its children other than the servers (Playwright's driver, Chromium)."""
    servers = {pid for server in server_pids for pid in (server, *descendants(server))}
    total = proc_cpu_seconds(os.getpid(), reaped=True)
    for pid in descendants(os.getpid()):
        if pid not in servers:
            with contextlib.suppress(OSError, ValueError, IndexError):
                total += proc_cpu_seconds(pid, reaped=True)
    return total


def run_load(args: argparse.Namespace) -> Report:
    """Serve the workbook, start the replicas, warm them up, hold the viewers, and collect the figures."""
    from fakesheets import FakeSheets

    folder = Path(tempfile.mkdtemp(prefix="upr-load-"))
    try:
        with FakeSheets({KEY: workbook(args.recommendations)}) as fake, contextlib.ExitStack() as stack:
            apps = []
            for r in range(args.replicas):
                (folder / f"replica-{r}").mkdir()
                apps.append(stack.enter_context(running_app(fake.base_url, folder / f"replica-{r}", args.ttl,
                                                            name=f"replica-{r}")))
            pids, urls = [app.pid for app in apps], [app.url for app in apps]
            idle_rss = sum(proc_rss_mb(pid) for pid in pids)
            active: Counter = Counter(now=0)
            sampler = Sampler(pids, active)
            cpu0 = client_cpu_seconds(pids)
            fake.reset_counts()
            sampler.start()
            t0 = time.monotonic()
            try:
                warm_up(urls, args.timeout)
                warm_rss = sum(proc_rss_mb(pid) for pid in pids)
                viewers = run_async(drive(urls, args, active))
            finally:
                window = time.monotonic() - t0
                sampler.stop()
            client_cpu = client_cpu_seconds(pids) - cpu0
            requests = Counter(fake.counts)
        sync_log = []
        for log_path in sorted(folder.glob("replica-*/snapshots/sync-log.jsonl")):
            sync_log += [json.loads(line) for line in log_path.read_text().splitlines()]
        return Report(viewers, sampler.samples, requests, sync_log, args.ttl, args.replicas, window, client_cpu,
                      idle_rss, warm_rss)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- the figures ----------------------------------------------------------------------------------

def summary(report: Report) -> dict[str, Any]:
    """The headline figures of a run, as numbers."""
    samples = report.samples
    cpu_s = samples[-1].cpu - samples[0].cpu if len(samples) > 1 else math.nan
    steps = [(b.cpu - a.cpu) / (b.t - a.t) * 100 for a, b in zip(samples, samples[1:]) if b.t > a.t]
    busy = [(b.busy - a.busy) / (b.total - a.total) * 100 for a, b in zip(samples, samples[1:]) if b.total > a.total]
    renders = sum(len(v.renders) for v in report.viewers)
    refreshes = sum(len(v.refreshes) for v in report.viewers)
    rss = [s.rss for s in samples] or [math.nan]
    batch_gets = report.requests["batch_get"]
    return {
        "viewers": len(report.viewers), "renders": renders, "refreshes": refreshes, "errors": len(report.errors),
        "stale": sum(v.stale for v in report.viewers), "window_s": report.window,
        "cpu_avg": statistics.fmean(steps) if steps else math.nan, "cpu_peak": max(steps, default=math.nan),
        "machine_avg": statistics.fmean(busy) if busy else math.nan, "machine_peak": max(busy, default=math.nan),
        "cpu_s": cpu_s, "cpu_per_run": cpu_s / max(1, renders + refreshes), "client_cpu_s": report.client_cpu,
        "other_cpu_s": (samples[-1].busy - samples[0].busy) - cpu_s - report.client_cpu if len(samples) > 1 else 0.0,
        "rss_idle": report.idle_rss, "rss_warm": report.warm_rss, "rss_peak": max(rss), "rss_end": rss[-1],
        "mb_per_session": (max(rss) - report.warm_rss) / max(1, len(report.viewers)),
        "reads": report.sheets_reads, "batch_gets": batch_gets, "metadata": report.requests["metadata"],
        "ttl_windows": report.window / report.ttl,
        "reads_per_ttl": batch_gets / max(1e-9, report.window / report.ttl) / report.replicas,
        "sync_fetches": len(report.sync_log), "sync_requests": sum(e.get("requests", 0) for e in report.sync_log),
    }


def latency_rows(report: Report) -> list[tuple[str, int, float, float, float]]:
    """(label, n, median, p95, max) for each kind of measure that has values."""
    rows = []
    for kind in ("protocol", "browser"):
        group = report.of(kind)
        for label, attr in (("page renders", "renders"), ("live refreshes", "refreshes"), ("drawn on screen", "drawn")):
            values = [x for v in group for x in getattr(v, attr)]
            if values:
                rows.append((f"{kind}: {label}", len(values), statistics.median(values), pct(values, 0.95),
                             max(values)))
    return rows


def print_report(report: Report, args: argparse.Namespace) -> None:
    """The figures, as a Markdown table and a per-30-s timeline."""
    s = summary(report)
    kinds = Counter(v.kind for v in report.viewers)
    print(f"\n{s['viewers']} viewers ({kinds['protocol']} protocol, {kinds['browser']} Chromium) on "
          f"{report.replicas} replica{'s' if report.replicas > 1 else ''}, arriving over "
          f"{args.ramp:g} s, each {args.duration:g} s, a page switch every {args.interval:g} s; cache TTL "
          f"{args.ttl} s; {args.recommendations:,} recommendations; run {s['window_s']:.0f} s\n")
    print("| latency (request → script_finished) | n | median | p95 | max |")
    print("|---|---|---|---|---|")
    for label, n, med, p95, top in latency_rows(report):
        print(f"| {label} | {n:,} | {med:.2f} s | {p95:.2f} s | {top:.2f} s |")
    pages: dict[str, list[float]] = {}
    for viewer in report.viewers:
        for page, values in viewer.by_page.items():
            pages.setdefault(page, []).extend(values)
    if pages:
        print("\n| page | renders | median | p95 |")
        print("|---|---|---|---|")
        for page in sorted(pages, key=lambda p: list(PAGES).index(p)):
            values = pages[page]
            print(f"| {page} | {len(values):,} | {statistics.median(values):.2f} s | {pct(values, 0.95):.2f} s |")
    print("\n| figure | value |")
    print("|---|---|")
    rows = [
        ("viewers / page renders / live refreshes", f"{s['viewers']} / {s['renders']:,} / {s['refreshes']:,}"),
        ("errors", f"{s['errors']}"),
        ("stale banners (last good data)", f"{s['stale']}"),
        ("server CPU avg / peak (100% = 1 core, all replicas)", f"{s['cpu_avg']:.0f}% / {s['cpu_peak']:.0f}%"),
        ("machine CPU busy avg / peak (2 cores = 100%)", f"{s['machine_avg']:.0f}% / {s['machine_peak']:.0f}%"),
        ("server CPU-seconds per run (renders + refreshes)", f"{s['cpu_per_run'] * 1000:.0f} ms"),
        ("viewers per core (viewers / server CPU avg in cores, at this pace of page switches)",
         f"{s['viewers'] / (s['cpu_avg'] / 100):.0f}" if s["cpu_avg"] > 0 else "—"),
        ("CPU-seconds: server / load generator + Chromium / rest of the machine",
         f"{s['cpu_s']:.0f} s / {s['client_cpu_s']:.0f} s / {max(0.0, s['other_cpu_s']):.0f} s"),
        ("server RSS idle / warm / peak / end",
         f"{s['rss_idle']:.0f} / {s['rss_warm']:.0f} / {s['rss_peak']:.0f} / {s['rss_end']:.0f} MB"),
        ("RSS growth per viewer ((peak − warm) / viewers)", f"{s['mb_per_session']:.1f} MB"),
        ("Sheets API reads (batchGet + metadata)", f"{s['reads']} ({s['batch_gets']} + {s['metadata']})"),
        ("batchGet per TTL per replica",
         f"{s['reads_per_ttl']:.2f} ({s['batch_gets']} in {s['ttl_windows']:.1f} TTLs × {report.replicas})"),
        ("sync log: fetches / API requests", f"{s['sync_fetches']} / {s['sync_requests']}"),
    ]
    for label, value in rows:
        print(f"| {label} | {value} |")
    print("\n| t | viewers | server CPU | RSS |")
    print("|---|---|---|---|")
    samples = report.samples
    for i in range(0, len(samples) - 1, 30):
        a, b = samples[i], samples[min(i + 30, len(samples) - 1)]
        if b.t > a.t:
            cpu = (b.cpu - a.cpu) / (b.t - a.t) * 100
            print(f"| {a.t:.0f}–{b.t:.0f} s | {b.viewers} | {cpu:.0f}% | {b.rss:.0f} MB |")
    if report.errors:
        print("\nerrors (first 20):")
        for line in report.errors[:20]:
            print("  " + line)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--viewers", type=int, default=50)
    parser.add_argument("--browsers", type=int, default=3, help="how many of the viewers are Chromium pages")
    parser.add_argument("--duration", type=float, default=180, help="seconds each viewer stays")
    parser.add_argument("--ramp", type=float, default=60, help="viewers arrive evenly over this many seconds")
    parser.add_argument("--interval", type=float, default=20, help="seconds between page switches")
    parser.add_argument("--ttl", type=int, default=30, help="cache_ttl_seconds for the app")
    parser.add_argument("--replicas", type=int, default=1, help="app processes; viewer i sticks to replica i mod n")
    parser.add_argument("--recommendations", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=60, help="longest wait for one run")
    parser.add_argument("--pages", type=lambda text: [p.strip() for p in text.split(",") if p.strip()],
                        default=list(PAGES), help="comma-separated url paths: " + ",".join(PAGES))
    args = parser.parse_args(argv)
    unknown = [p for p in args.pages if p not in PAGES]
    if unknown or not args.pages:
        parser.error(f"unknown pages {unknown}; choose from {', '.join(PAGES)}")
    if args.viewers < 1 or args.duration <= 0 or args.interval <= 0 or args.ttl < 5 or not 1 <= args.replicas <= 8:
        parser.error("need --viewers ≥ 1, --duration > 0, --interval > 0, --ttl ≥ 5, 1 ≤ --replicas ≤ 8")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the load and print the figures; exit 1 when any viewer saw an error."""
    args = parse_args(argv)
    if args.browsers and not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: running without browser viewers", file=sys.stderr)
        args.browsers = 0
    if args.browsers and importlib.util.find_spec("playwright") is None:
        print("playwright is not installed (requirements-dev.txt): running without browser viewers", file=sys.stderr)
        args.browsers = 0
    report = run_load(args)
    print_report(report, args)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
