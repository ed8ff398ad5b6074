"""A Streamlit server on a free loopback port, for the benchmarks and the browser and deployment tests.

`streamlit_server(command, …)` starts the command (a `streamlit run` with `{port}` in place of the port),
waits for `/_stcore/health` to answer `ok`, yields the URL, and stops the process afterwards. A server
that exits or does not answer in time raises ServerDidNotStart with the end of its log.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
LOG_TAIL = 6000  # characters of the server log quoted when it does not start


class ServerDidNotStart(RuntimeError):
    """The server exited, or did not answer its health check in time."""


@dataclass(frozen=True)
class Server:
    """A running server: its process and base URL."""

    process: subprocess.Popen
    url: str
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str, timeout: float = 5.0) -> tuple[int, bytes, list[str]]:
    """(status, body, Set-Cookie headers) of a GET to 127.0.0.1, ignoring any proxy settings."""
    assert url.startswith("http://127.0.0.1:"), url
    with NO_PROXY.open(url, timeout=timeout) as response:
        return response.status, response.read(), response.headers.get_all("Set-Cookie") or []


def healthy(url: str) -> bool:
    """Whether /_stcore/health answers `ok`."""
    try:
        return http_get(f"{url}/_stcore/health", timeout=2)[1].strip() == b"ok"
    except OSError:
        return False


def run_arguments(app: Path, port: int, *extra: str) -> list[str]:
    """What follows `streamlit run`: APP headless on 127.0.0.1:PORT, without usage statistics."""
    return [str(app), "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
            "--browser.gatherUsageStats", "false", *extra]


def streamlit_command(python: str, app: Path, port: int, *extra: str) -> list[str]:
    """`python -m streamlit run APP …` (see run_arguments)."""
    return [python, "-m", "streamlit", "run", *run_arguments(app, port, *extra)]


@contextlib.contextmanager
def streamlit_server(command: Sequence[str], port: int, *, cwd: Path, env: Mapping[str, str], log: Path,
                     start_timeout: float = 60.0) -> Iterator[Server]:
    """Run `command` (which serves on `port`) while the block runs; its output goes to `log`."""
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen(list(command), cwd=cwd, env=dict(env), stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + start_timeout
            while not healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    why = "exited" if process.poll() is not None else f"did not answer in {start_timeout:g} s"
                    text = log.read_text(errors="replace")[-LOG_TAIL:]
                    raise ServerDidNotStart(f"the Streamlit server {why}; the end of its log:\n{text}")
                time.sleep(0.2)
            yield Server(process, url, log)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
