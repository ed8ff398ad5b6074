"""A local fake of the Google Sheets API v4 that real gspread talks to (127.0.0.1, port 0).

It answers in the shapes of the recorded real responses (2-space-indented JSON, compact with
`prettyPrint=false`, trailing empty cells and rows omitted, no "values" key for an empty range,
ranges normalised to the grid), counts requests
per kind, and injects faults: error statuses, a hang, a truncated body, an unshared spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

ERRORS = {
    400: ("INVALID_ARGUMENT", "Request contains an invalid argument."),
    401: ("UNAUTHENTICATED", "Request had invalid authentication credentials."),
    403: ("PERMISSION_DENIED", "The caller does not have permission"),
    404: ("NOT_FOUND", "Requested entity was not found."),
    429: (
        "RESOURCE_EXHAUSTED",
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' "
        "of service 'sheets.googleapis.com' for consumer 'project_number:0'.",
    ),
    500: ("INTERNAL", "Internal error encountered."),
    502: ("UNAVAILABLE", "Bad gateway."),
    503: ("UNAVAILABLE", "The service is currently unavailable."),
    504: ("DEADLINE_EXCEEDED", "The service did not answer in time."),
}
KINDS = ("metadata", "values_get", "batch_get", "append", "values_update", "values_batch_update", "clear",
         "batch_update", "other")
_EPOCH = dt.datetime(1899, 12, 30)
_CELL = re.compile(r"^([A-Za-z]{0,3})(\d*)$")
_PLAIN_TITLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LOOKS_LIKE_REF = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*")


@dataclass(frozen=True)
class Formula:
    """A formula cell: its text (FORMULA rendering) and its computed value."""

    text: str
    value: Any


@dataclass
class Tab:
    """One grid tab."""

    title: str
    sheet_id: int
    rows: list[list[Any]]
    row_count: int = 1000
    column_count: int = 26
    frozen_rows: int = 0
    validations: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)  # (grid range, rule)
    formats: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)  # (grid range, format)
    protected: list[dict[str, Any]] = field(default_factory=list)  # protectedRange objects
    conditional: list[dict[str, Any]] = field(default_factory=list)  # conditional format rules


@dataclass
class Book:
    """One spreadsheet."""

    title: str
    tabs: list[Tab]


@dataclass
class Fault:
    """One injected answer, used by the next request of `kind` (any kind when None)."""

    kind: str | None = None
    status: int | None = None
    hang: float = 0.0
    truncate: bool = False
    retry_after: str | None = None
    message: str | None = None


@dataclass
class Hit:
    """One request the fake received."""

    method: str
    path: str  # raw, percent-encoded
    query: str  # raw
    kind: str
    key: str | None
    body: str = ""  # the request body, for writes

    @property
    def uri(self) -> str:
        """Path and query as sent."""
        return self.path + ("?" + self.query if self.query else "")


class RangeError(ValueError):
    """A range the API would answer 400 'Unable to parse range' for."""


def column_letters(number: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """A → 1, AA → 27."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def sheet_ref(title: str) -> str:
    """The tab title as the API writes it in ranges: quoted only when needed."""
    if _PLAIN_TITLE.fullmatch(title) and not _LOOKS_LIKE_REF.fullmatch(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def split_range(text: str) -> tuple[str | None, str | None]:
    """('Sheet', 'A1:B2') from "'Sheet'!A1:B2"; (None, text) when there is no sheet part."""
    text = text.strip()
    if text.startswith("'"):
        name, i = [], 1
        while i < len(text):
            if text[i] == "'":
                if text[i + 1 : i + 2] == "'":
                    name.append("'")
                    i += 2
                    continue
                break
            name.append(text[i])
            i += 1
        else:
            raise RangeError(text)
        rest = text[i + 1 :]
        if rest and not rest.startswith("!"):
            raise RangeError(text)
        return "".join(name), rest[1:] or None
    if "!" in text:
        sheet, cells = text.rsplit("!", 1)
        return sheet, cells or None
    return None, text


def render(value: Any, value_option: str, date_option: str) -> Any:
    """A stored cell as the API renders it under the given options ("" for empty)."""
    if isinstance(value, Formula):
        if value_option == "FORMULA":
            return value.text
        value = value.value
    if value is None:
        return ""
    formatted = value_option == "FORMATTED_VALUE"
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE") if formatted else value
    if isinstance(value, dt.date):
        if formatted or date_option == "FORMATTED_STRING":
            return value.strftime("%Y-%m-%d %H:%M:%S") if isinstance(value, dt.datetime) else value.isoformat()
        if isinstance(value, dt.datetime):
            return (value - _EPOCH).total_seconds() / 86400
        return (value - _EPOCH.date()).days
    if isinstance(value, (int, float)):
        number = int(value) if isinstance(value, float) and value.is_integer() else value
        return str(number) if formatted else number
    return str(value)


def _trim(matrix: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty cells of each row, then trailing empty rows."""
    rows = []
    for row in matrix:
        end = len(row)
        while end and row[end - 1] == "":
            end -= 1
        rows.append(row[:end])
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _user_entered(cell: Any) -> Any:
    """A USER_ENTERED cell as Sheets stores it (numbers parsed, leading apostrophe kept as text)."""
    if not isinstance(cell, str):
        return cell
    if cell.startswith("'"):
        return cell[1:]
    try:
        return int(cell) if re.fullmatch(r"[+-]?\d+", cell) else float(cell) if cell.strip() else cell
    except ValueError:
        return cell


class FakeSheets:
    """A Sheets API v4 fake on 127.0.0.1; use `with FakeSheets() as fake:` or start()/stop()."""

    def __init__(self, spreadsheets: dict[str, dict[str, list[list[Any]]]] | None = None, *, max_hang: float = 5.0):
        self.books: dict[str, Book] = {}
        self.unshared: set[str] = set()
        self.faults: list[Fault] = []
        self.counts: Counter[str] = Counter()
        self.hits: list[Hit] = []
        self.bodies: list[tuple[Hit, int, str]] = []  # (request, status, body sent)
        self.sleeps: list[float] = []  # back-off waits of the client, filled by the fake_sheets fixture
        self.batch_requests: list[list[str]] = []  # names of the requests of each applied spreadsheets.batchUpdate
        self.max_hang = max_hang
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        for key, tabs in (spreadsheets or {}).items():
            self.add_spreadsheet(key, tabs)

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> FakeSheets:
        """Listen on 127.0.0.1 on a free port, in a daemon thread."""
        self._stopping.clear()
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="FakeSheets", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake any hanging handler, stop serving and close the socket."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeSheets:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT (what replaces https://sheets.googleapis.com)."""
        assert self._server is not None, "FakeSheets is not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- content ---------------------------------------------------------------------------------
    def add_spreadsheet(
        self,
        key: str,
        tabs: dict[str, list[list[Any]]] | None = None,
        *,
        title: str | None = None,
        grids: dict[str, tuple[int, int]] | None = None,
        sheet_ids: dict[str, int] | None = None,
    ) -> None:
        """A spreadsheet with tabs {title: rows}; grids {title: (rowCount, columnCount)} default to 1000×26."""
        with self._lock:
            self.books[key] = Book(title or f"Spreadsheet {key}", [])
            for title_, rows in (tabs or {"Sheet1": []}).items():
                grid = (grids or {}).get(title_)
                self.add_tab(key, title_, rows, grid=grid, sheet_id=(sheet_ids or {}).get(title_))

    def add_tab(
        self, key: str, title: str, rows: list[list[Any]], *, grid: tuple[int, int] | None = None,
        sheet_id: int | None = None,
    ) -> None:
        """Add a tab at the end."""
        with self._lock:
            tabs: list[Tab] = self.books[key].tabs
            if sheet_id is None:
                sheet_id = 0 if not tabs else 1_000_003 * len(tabs) % 2_000_000_011
            width = max((len(row) for row in rows), default=0)
            rows_, cols = grid or (max(1000, len(rows)), max(26, width))
            tabs.append(Tab(title, sheet_id, [list(row) for row in rows], rows_, cols))

    def tab(self, key: str, title: str) -> Tab:
        """The tab with this exact title."""
        for tab in self.books[key].tabs:
            if tab.title == title:
                return tab
        raise KeyError(title)

    def set_rows(self, key: str, title: str, rows: list[list[Any]]) -> None:
        """Replace a tab's cells."""
        with self._lock:
            self.tab(key, title).rows = [list(row) for row in rows]

    def rename_tab(self, key: str, old: str, new: str) -> None:
        """What an editor does by double-clicking a tab name."""
        with self._lock:
            self.tab(key, old).title = new

    def delete_tab(self, key: str, title: str) -> None:
        """Remove a tab."""
        with self._lock:
            self.books[key].tabs.remove(self.tab(key, title))

    def unshare(self, key: str) -> None:
        """Every request for this spreadsheet gets 403 PERMISSION_DENIED."""
        with self._lock:
            self.unshared.add(key)

    # -- faults ----------------------------------------------------------------------------------
    def fail_next(
        self, *statuses: int, kind: str | None = None, retry_after: str | None = None, message: str | None = None
    ) -> None:
        """Answer the next requests (of `kind`, or any) with these error statuses, one each."""
        with self._lock:
            self.faults.extend(Fault(kind, status, retry_after=retry_after, message=message) for status in statuses)

    def hang_next(self, seconds: float | None = None, *, kind: str | None = None) -> None:
        """Make the next request wait (at most max_hang, cut short by stop()) before answering."""
        with self._lock:
            self.faults.append(Fault(kind, hang=min(seconds or self.max_hang, self.max_hang)))

    def truncate_next(self, *, kind: str | None = None) -> None:
        """Send only the first half of the next answer's JSON (200, consistent Content-Length)."""
        with self._lock:
            self.faults.append(Fault(kind, truncate=True))

    def reset_counts(self) -> None:
        """Forget counted requests."""
        with self._lock:
            self.counts.clear()
            self.hits.clear()
            self.bodies.clear()
            self.batch_requests.clear()

    # -- request handling ------------------------------------------------------------------------
    def _take_fault(self, kind: str) -> Fault | None:
        for i, fault in enumerate(self.faults):
            if fault.kind in (None, kind):
                return self.faults.pop(i)
        return None

    def handle(self, method: str, raw_path: str, body: bytes) -> tuple[int, str, dict[str, str], Hit, Fault | None]:
        """Answer one request: (status, JSON text, extra headers, hit, fault)."""
        split = urlsplit(raw_path)
        query = parse_qs(split.query, keep_blank_values=True)
        kind, key, range_text = _classify(method, split.path)
        hit = Hit(method, split.path, split.query, kind, key, body.decode("utf-8", errors="replace"))
        with self._lock:
            self.counts[kind] += 1
            self.hits.append(hit)
            fault = self._take_fault(kind)
        if fault and fault.hang:
            self._stopping.wait(fault.hang)
        headers = {"Retry-After": fault.retry_after} if fault and fault.retry_after else {}
        if fault and fault.status:
            return fault.status, _error_body(fault.status, fault.message), headers, hit, fault
        with self._lock:
            status, payload = self._answer(method, kind, key, range_text, query, body)
        if query.get("prettyPrint", ["true"])[0] == "false":  # compact JSON, as Google sends it when asked
            return status, json.dumps(payload, ensure_ascii=False, separators=(",", ":")), headers, hit, fault
        return status, json.dumps(payload, indent=2, ensure_ascii=False) + "\n", headers, hit, fault

    def _answer(self, method: str, kind: str, key: str | None, range_text: str | None,
                query: dict[str, list[str]], body: bytes) -> tuple[int, Any]:
        from fakesheets_writes import WRITE_KINDS, grid_data  # the write calls live in their own module
        if kind == "other" or key is None:
            return 400, _error(400, f"FakeSheets does not implement {method} {kind}.")
        if key in self.unshared:
            return 403, _error(403)
        if key not in self.books:
            return 404, _error(404)
        book = self.books[key]
        try:
            if kind == "metadata":
                answer = self._metadata(key)
                if query.get("includeGridData", ["false"])[0].lower() == "true":
                    grid_data(self, book, answer, query.get("ranges", []))
                return 200, answer
            if kind in WRITE_KINDS:
                return WRITE_KINDS[kind](self, key, book, range_text or "", query, body)
            options = (
                query.get("valueRenderOption", ["FORMATTED_VALUE"])[0],
                query.get("dateTimeRenderOption", ["SERIAL_NUMBER"])[0],
                query.get("majorDimension", ["ROWS"])[0],
            )
            if kind == "values_get":
                return 200, self._values(book, range_text or "", *options)
            if kind == "batch_get":
                ranges = [self._values(book, text, *options) for text in query.get("ranges", [])]
                return 200, {"spreadsheetId": key, "valueRanges": ranges} if ranges else {"spreadsheetId": key}
            return 200, self._append(key, book, range_text or "", query, json.loads(body or b"{}"))
        except RangeError as exc:
            return 400, _error(400, str(exc))

    def _metadata(self, key: str) -> dict[str, Any]:
        book = self.books[key]
        sheets = [
            {"properties": {
                "sheetId": tab.sheet_id, "title": tab.title, "index": index, "sheetType": "GRID",
                "gridProperties": {"rowCount": tab.row_count, "columnCount": tab.column_count},
            }}
            for index, tab in enumerate(book.tabs)
        ]
        for sheet, tab in zip(sheets, book.tabs, strict=True):
            if tab.frozen_rows:
                sheet["properties"]["gridProperties"]["frozenRowCount"] = tab.frozen_rows
            if tab.conditional:
                sheet["conditionalFormats"] = [dict(rule) for rule in tab.conditional]
            if tab.protected:
                sheet["protectedRanges"] = [dict(item) for item in tab.protected]
        properties = {
            "title": book.title, "locale": "en_US", "autoRecalc": "ON_CHANGE", "timeZone": "Etc/GMT",
            "defaultFormat": {
                "backgroundColor": {"red": 1, "green": 1, "blue": 1},
                "verticalAlignment": "BOTTOM", "wrapStrategy": "OVERFLOW_CELL",
                "textFormat": {"fontFamily": "arial,sans,sans-serif", "fontSize": 10, "bold": False},
            },
            "spreadsheetTheme": {"primaryFontFamily": "Arial", "themeColors": []},
        }
        return {"spreadsheetId": key, "properties": properties, "sheets": sheets,
                "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{key}/edit"}

    def _resolve(self, book: Book, text: str) -> tuple[Tab, int, int, int, int, str]:
        """(tab, r1, c1, r2, c2, normalised range) for an A1 range."""
        try:
            sheet, cells = split_range(text)
        except RangeError:
            raise RangeError(f"Unable to parse range: {text}") from None
        titles = {tab.title: tab for tab in book.tabs}
        if sheet is None and cells in titles:
            sheet, cells = cells, None
        tab = titles.get(sheet) if sheet is not None else book.tabs[0]
        if tab is None:
            raise RangeError(f"Unable to parse range: {text}")
        r1, c1, r2, c2 = 1, 1, tab.row_count, tab.column_count
        if cells is not None:
            parts = cells.split(":")
            matches = [_CELL.match(part) for part in parts]
            if len(parts) > 2 or not all(matches) or (len(parts) == 1 and not all(matches[0].groups())):
                raise RangeError(f"Unable to parse range: {text}")
            (sc, sr), (ec, er) = matches[0].groups(), matches[-1].groups()
            if not (sc or sr) or not (ec or er):
                raise RangeError(f"Unable to parse range: {text}")
            r1, c1 = int(sr or 1), column_number(sc) if sc else 1
            r2, c2 = int(er) if er else tab.row_count, column_number(ec) if ec else tab.column_count
            r1, r2 = sorted((r1, r2))
            c1, c2 = sorted((c1, c2))
            if r1 > tab.row_count or c1 > tab.column_count:
                raise RangeError(
                    f"Range ({sheet_ref(tab.title)}!{column_letters(c1)}{r1}) exceeds grid limits. "
                    f"Max rows: {tab.row_count}, max columns: {tab.column_count}"
                )
            r2, c2 = min(r2, tab.row_count), min(c2, tab.column_count)
        end = "" if (r1, c1) == (r2, c2) else f":{column_letters(c2)}{r2}"
        return tab, r1, c1, r2, c2, f"{sheet_ref(tab.title)}!{column_letters(c1)}{r1}{end}"

    def _values(self, book: Book, text: str, value_option: str, date_option: str,
                dimension: str) -> dict[str, Any]:
        tab, r1, c1, r2, c2, normalised = self._resolve(book, text)
        matrix = []
        for r in range(r1 - 1, min(r2, len(tab.rows))):
            row = tab.rows[r]
            matrix.append([render(row[c] if c < len(row) else None, value_option, date_option)
                           for c in range(c1 - 1, c2)])
        if dimension == "COLUMNS":
            matrix = [list(column) for column in zip(*matrix, strict=False)] if matrix else []
        answer: dict[str, Any] = {"range": normalised, "majorDimension": dimension}
        values = _trim(matrix)
        if values:
            answer["values"] = values
        return answer

    def _append(self, key: str, book: Book, text: str, query: dict[str, list[str]],
                body: dict[str, Any]) -> dict[str, Any]:
        option = query.get("valueInputOption", [""])[0]
        if option not in ("RAW", "USER_ENTERED"):
            raise RangeError("'valueInputOption' is required but not specified")
        tab, r1, c1, _, _, _ = self._resolve(book, text)
        new = [[None if cell == "" else (cell if option == "RAW" else _user_entered(cell)) for cell in row]
               for row in body.get("values", [])]
        filled = [i for i, row in enumerate(tab.rows) if any(cell not in (None, "") for cell in row)]
        answer: dict[str, Any] = {"spreadsheetId": key}
        start = r1
        if filled:
            start = filled[-1] + 2
            first = tab.rows[r1 - 1] if r1 - 1 < len(tab.rows) else []
            width = 1
            while c1 - 1 + width < len(first) and first[c1 - 1 + width] not in (None, ""):
                width += 1
            height = sum(1 for _ in _run(tab.rows, r1 - 1))
            end = "" if (width, height) == (1, 1) else f":{column_letters(c1 + width - 1)}{r1 + height - 1}"
            answer["tableRange"] = f"{sheet_ref(tab.title)}!{column_letters(c1)}{r1}{end}"
        width = put_rows(tab, start, c1, new)
        last_row, last_column = start + len(new) - 1, column_letters(c1 + width - 1)
        updated = f"{sheet_ref(tab.title)}!{column_letters(c1)}{start}:{last_column}{last_row}"
        answer["updates"] = {"spreadsheetId": key, "updatedRange": updated, "updatedRows": len(new),
                             "updatedColumns": width, "updatedCells": width * len(new)}
        return answer


def put_rows(tab: Tab, r1: int, c1: int, rows: list[list[Any]]) -> int:
    """Store rows with their top-left cell at (r1, c1), 1-based, growing the grid as needed; their width."""
    for offset, row in enumerate(rows):
        index = r1 - 1 + offset
        while len(tab.rows) <= index:
            tab.rows.append([])
        target = tab.rows[index]
        target.extend([None] * (c1 - 1 + len(row) - len(target)))
        target[c1 - 1 : c1 - 1 + len(row)] = row
    width = max((len(row) for row in rows), default=0)
    tab.row_count = max(tab.row_count, r1 + len(rows) - 1)
    tab.column_count = max(tab.column_count, c1 + width - 1)
    return width


def _run(rows: list[list[Any]], start: int):
    """Consecutive non-empty rows from `start`."""
    for row in rows[start:]:
        if not any(cell not in (None, "") for cell in row):
            return
        yield row


def _classify(method: str, path: str) -> tuple[str, str | None, str | None]:
    """(kind, spreadsheet key, range) of a request path."""
    parts = path.split("/")
    if len(parts) < 4 or parts[1] != "v4" or parts[2] != "spreadsheets":
        return "other", None, None
    key = unquote(parts[3])
    rest = parts[4:]
    if not rest and method == "GET" and ":" not in key:
        return "metadata", key, None
    if rest == ["values:batchGet"] and method == "GET":
        return "batch_get", key, None
    if not rest and method == "POST" and key.endswith(":batchUpdate"):
        return "batch_update", key[: -len(":batchUpdate")], None
    if rest == ["values:batchUpdate"] and method == "POST":
        return "values_batch_update", key, None
    if len(rest) == 2 and rest[0] == "values":
        if rest[1].endswith(":append") and method == "POST":
            return "append", key, unquote(rest[1][: -len(":append")])
        if rest[1].endswith(":clear") and method == "POST":
            return "clear", key, unquote(rest[1][: -len(":clear")])
        if method == "PUT" and ":" not in rest[1]:
            return "values_update", key, unquote(rest[1])
        if method == "GET" and ":" not in rest[1]:
            return "values_get", key, unquote(rest[1])
    return "other", key, None


def _error(status: int, message: str | None = None) -> dict[str, Any]:
    name, default = ERRORS.get(status, ("UNKNOWN", "Unknown error."))
    return {"error": {"code": status, "message": message or default, "status": name}}


def _error_body(status: int, message: str | None = None) -> str:
    return json.dumps(_error(status, message), indent=2) + "\n"


class _Handler(BaseHTTPRequestHandler):
    fake: FakeSheets
    server_version = "ESF"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, text, headers, hit, fault = self.fake.handle(self.command, self.path, body)
        data = text.encode("utf-8")
        if fault and fault.truncate:
            data = data[: len(data) // 2]
        with self.fake._lock:
            self.fake.bodies.append((hit, status, data.decode("utf-8", errors="replace")))
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout) before the answer came

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve
