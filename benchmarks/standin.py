"""A stand-in Google Sheets API in a process of its own, serving pre-encoded answers (for the loader benchmarks).

`tests/fakesheets.py` renders and indents every answer as it is asked, in the client's own process: at
100k recommendations that costs more than the loader being measured. Here the fake only renders each
distinct request once (`--warm` paths at start, the others the first time they come), and then sends
the same bytes, from another process, like a server that has its answer ready. Requests are counted per
kind; `GET /_counts` answers the counts since the last `GET /_reset`.

    python benchmarks/standin.py --port 8765 --size 100000      # serves until stopped (SIGTERM)
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests")]


class StandIn:
    """FakeSheets' answers for one spreadsheet, rendered once per distinct request and kept as bytes."""

    def __init__(self, key: str, tabs: dict[str, list[list[Any]]]):
        from fakesheets import FakeSheets

        self.fake = FakeSheets({key: tabs})
        self.answers: dict[str, tuple[int, bytes, str]] = {}  # path and query → (status, body, kind)
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()

    def answer(self, path: str) -> tuple[int, bytes]:
        """The answer to GET `path`, rendered the first time only."""
        with self.lock:
            cached = self.answers.get(path)
        if cached is None:
            status, text, _headers, hit, _fault = self.fake.handle("GET", path, b"")
            self.fake.hits.clear()
            cached = (status, text.encode("utf-8"), hit.kind)
            with self.lock:
                self.answers[path] = cached
        with self.lock:
            self.counts[cached[2]] += 1
        return cached[0], cached[1]


def serve(port: int, standin: StandIn) -> None:
    """Serve on 127.0.0.1:port until the process is stopped."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
            pass

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            if self.path in ("/_counts", "/_reset"):
                with standin.lock:
                    status, body = 200, json.dumps(dict(standin.counts)).encode()
                    if self.path == "/_reset":
                        standin.counts.clear()
            else:
                status, body = standin.answer(self.path)
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print("ready", flush=True)
    server.serve_forever()


def main() -> None:
    """The bench_loaders workbook of --size recommendations, served on --port."""
    from bench_loaders import KEY, workbook

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--assessments-per", type=int, default=2)
    p.add_argument("--measurements-per", type=int, default=1)
    p.add_argument("--warm", nargs="*", default=[], help="paths (with query) to render before serving")
    args = p.parse_args()
    standin = StandIn(KEY, workbook(args.size, args.assessments_per, args.measurements_per))
    for path in args.warm:
        standin.answer(path)
    standin.counts.clear()
    serve(args.port, standin)


if __name__ == "__main__":
    main()
