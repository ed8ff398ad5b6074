"""The Google Sheets source: real gspread against the local fake Sheets API (FakeSheets)."""

from __future__ import annotations

import datetime as dt
import json
import socket
import time
from email.utils import format_datetime

import pytest
import requests
from builders import default_settings
from fakesheets import FakeSheets, Formula
from google.auth.credentials import AnonymousCredentials

from upr_sheets.core import secrets
from upr_sheets.core.errors import (
    MalformedResponse,
    SettingsError,
    SourceError,
    SourceNotFound,
    SourcePermissionDenied,
    SourceUnavailable,
)
from upr_sheets.core.raw import RawWorkbook
from upr_sheets.core.settings import Settings
from upr_sheets.sources import gsheets, gsheets_http, read_source
from upr_sheets.sources.gsheets import permission_message, quote_title, read_gsheet

KEY = "1AbCdEfGhIjKlMnOpQrStUvWxYz_0123456789-abcd"
SA_EMAIL = "upr-monitor@coalition-project.iam.gserviceaccount.com"
FAKE_KEY_INFO = {  # a throwaway, unusable key: never signs in anywhere
    "type": "service_account",
    "client_email": SA_EMAIL,
    "private_key": "-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----\n",
    "private_key_id": "0000",
    "token_uri": "https://oauth2.googleapis.com/token",
}
HEADER = ["ID", "Cycle", "Recommendation", "Response"]
WORKBOOK = {
    "Recommendations": [HEADER, ["118.10", 2, "Ratify OP-CAT", "Accepted"], ["118.1", 2, "Abolish …", "Noted"]],
    "Lists": [["Themes"], ["Torture"]],
    "Share Links": [],
}


def with_sync(**changes: float) -> Settings:
    """The project settings with some [sync] values changed."""
    settings = default_settings()
    return settings.model_copy(update={"sync": settings.sync.model_copy(update=changes)})


def read(settings: Settings | None = None, key: str = KEY) -> RawWorkbook:
    return read_gsheet(key, settings or default_settings(), source=f"gsheet:{key}")


@pytest.fixture
def sheet(fake_sheets: FakeSheets) -> FakeSheets:
    fake_sheets.add_spreadsheet(KEY, WORKBOOK)
    return fake_sheets


# -- one request per refresh ---------------------------------------------------------------------

def test_one_batch_get_per_read_and_metadata_cached(sheet: FakeSheets) -> None:
    first = read()
    assert (first.requests, sheet.counts["metadata"], sheet.counts["batch_get"]) == (2, 1, 1)
    second = read()
    assert (second.requests, sheet.counts["metadata"], sheet.counts["batch_get"]) == (1, 1, 2)
    assert sheet.counts["values_get"] == 0 and sum(sheet.counts.values()) == 3
    assert first.kind == "gsheet" and first.url == f"https://docs.google.com/spreadsheets/d/{KEY}/edit"
    assert list(first.tables) == ["Recommendations", "Lists", "Share Links"]
    assert first.tables["Recommendations"].rows[0] == HEADER
    assert [t.sheet_id for t in first.tables.values()] == [tab.sheet_id for tab in sheet.books[KEY].tabs]


def test_batch_get_asks_for_unformatted_values_and_formatted_dates(sheet: FakeSheets) -> None:
    read()
    query = next(hit.query for hit in sheet.hits if hit.kind == "batch_get")
    assert "valueRenderOption=UNFORMATTED_VALUE" in query
    assert "dateTimeRenderOption=FORMATTED_STRING" in query


def test_metadata_refetched_after_ttl(sheet: FakeSheets, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(gsheets, "clock", lambda: now[0])
    read()
    now[0] += gsheets.METADATA_TTL_SECONDS - 1
    assert read().requests == 1
    now[0] += 2
    assert read().requests == 2
    gsheets.clear_metadata_cache(KEY)
    assert read().requests == 2


@pytest.mark.parametrize("stored,expected", [
    ("118.10", "118.10"),  # text id keeps its trailing zero
    ("007", "007"),  # and its leading zeros
    (118.1, 118.1),  # an id the sheet stores as a number comes as a number (validation flags it)
    (53, 53),
    (7.0, 7),  # the API has no float/int distinction: whole numbers come without ".0"
    (True, True),
    (dt.date(2024, 1, 2), "2024-01-02"),  # dates as displayed, not serial numbers
    (Formula("=1/0", "#DIV/0!"), "#DIV/0!"),  # formula errors arrive as text
    (Formula("=A2&\"\"", "118.17"), "118.17"),
    ("  spaced  ", "  spaced  "),
])
def test_cells_keep_what_the_sheet_stores(fake_sheets: FakeSheets, stored: object, expected: object) -> None:
    fake_sheets.add_spreadsheet(KEY, {"Recommendations": [["ID", "Other"], [stored, "x"]]})
    cell = read().tables["Recommendations"].rows[1][0]
    assert cell == expected and type(cell) is type(expected)


def test_empty_cells_and_rows(fake_sheets: FakeSheets) -> None:
    rows = [["ID", "Cycle", "Notes"], ["1", None, "n"], [], ["2", "", None], [None, None]]
    fake_sheets.add_spreadsheet(KEY, {"Recommendations": rows, "Assessments": [], "Blank": [[None, ""]]})
    tables = read().tables
    assert tables["Recommendations"].rows == [["ID", "Cycle", "Notes"], ["1", "", "n"], [], ["2"]]  # "" as sent
    assert tables["Assessments"].rows == [] and tables["Blank"].rows == []


@pytest.mark.parametrize("title,quoted", [
    ("Recommendations", "'Recommendations'"),
    ("It's", "'It''s'"),
    ("Share Links", "'Share Links'"),
    ("2024", "'2024'"),
    ("A1", "'A1'"),
    ("Cycle 2!", "'Cycle 2!'"),
])
def test_tab_titles_are_quoted(fake_sheets: FakeSheets, title: str, quoted: str) -> None:
    assert quote_title(title) == quoted
    fake_sheets.add_spreadsheet(KEY, {"First": [["x"]], title: [["ID"], ["118.10"]]})
    assert read().tables[title].rows == [["ID"], ["118.10"]]


def test_read_source_dispatches_urls(sheet: FakeSheets, settings: Settings) -> None:
    workbook = read_source(f"https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=0", settings)
    assert workbook.kind == "gsheet" and "Recommendations" in workbook.tables


# -- renamed and deleted tabs --------------------------------------------------------------------

@pytest.mark.parametrize("change,expected_tabs", [
    (lambda f: f.rename_tab(KEY, "Lists", "Vocabularies"), ["Recommendations", "Vocabularies", "Share Links"]),
    (lambda f: f.delete_tab(KEY, "Share Links"), ["Recommendations", "Lists"]),
])
def test_changed_tabs_refresh_cached_metadata(sheet: FakeSheets, change, expected_tabs: list[str]) -> None:
    read()
    change(sheet)
    again = read()
    assert list(again.tables) == expected_tabs
    assert again.requests == 3  # failed batchGet, metadata, batchGet
    assert (sheet.counts["metadata"], sheet.counts["batch_get"]) == (2, 3)
    assert read().requests == 1


# -- errors --------------------------------------------------------------------------------------

@pytest.mark.parametrize("create,setup,error,requests_made", [
    (False, None, SourceNotFound, 1),  # no such spreadsheet
    (True, lambda f: f.unshare(KEY), SourcePermissionDenied, 1),
    (True, lambda f: f.fail_next(403, kind="metadata"), SourcePermissionDenied, 1),
    (True, lambda f: f.fail_next(401), SourcePermissionDenied, 1),
    (True, lambda f: f.fail_next(404, kind="batch_get"), SourceNotFound, 2),
    (True, lambda f: f.fail_next(400, kind="batch_get"), SourceError, 2),
    (True, lambda f: f.fail_next(400, message="This operation is not supported for this document"),
     SourceNotFound, 1),
    (True, lambda f: f.fail_next(403, message="Google Sheets API has not been used in project 1 before or it is "
                                 "disabled."), SourcePermissionDenied, 1),
    (True, lambda f: f.truncate_next(kind="metadata"), MalformedResponse, 1),
    (True, lambda f: f.truncate_next(kind="batch_get"), MalformedResponse, 2),
])
def test_errors_become_source_errors(
    fake_sheets: FakeSheets, create: bool, setup, error: type, requests_made: int
) -> None:
    if create:
        fake_sheets.add_spreadsheet(KEY, WORKBOOK)
        setup(fake_sheets)
    with pytest.raises(error) as caught:
        read()
    assert type(caught.value) is error
    assert sum(fake_sheets.counts.values()) == requests_made
    assert fake_sheets.sleeps == []


def test_403_message_names_the_service_account(sheet: FakeSheets, monkeypatch: pytest.MonkeyPatch) -> None:
    assert SA_EMAIL in permission_message(FAKE_KEY_INFO, KEY)
    assert "Viewer" in permission_message(FAKE_KEY_INFO, KEY)
    monkeypatch.setattr(gsheets, "service_account_info", lambda: FAKE_KEY_INFO)
    monkeypatch.setattr(gsheets_http, "credentials_for", lambda info, write=False: AnonymousCredentials())
    sheet.unshare(KEY)
    with pytest.raises(SourcePermissionDenied, match=SA_EMAIL.replace(".", r"\.")):
        read()


def test_damaged_private_key(sheet: FakeSheets, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gsheets, "service_account_info", lambda: FAKE_KEY_INFO)
    with pytest.raises(SourcePermissionDenied) as caught:
        read()
    assert "not-a-key" not in str(caught.value)
    assert sum(sheet.counts.values()) == 0


@pytest.mark.parametrize("failures", [(429,), (429, 429), (503,), (500, 502, 503)])
def test_transient_errors_are_retried(sheet: FakeSheets, failures: tuple[int, ...], settings: Settings) -> None:
    sheet.fail_next(*failures, kind="batch_get")
    workbook = read()
    assert workbook.requests == 2 + len(failures)
    assert sheet.counts["batch_get"] == 1 + len(failures)
    assert len(sheet.sleeps) == len(failures)
    assert all(0 < wait <= settings.sync.max_total_wait_seconds for wait in sheet.sleeps)


@pytest.mark.parametrize("status", [429, 500, 503])
@pytest.mark.parametrize("attempts,cap", [(4, 15.0), (6, 3.0), (1, 15.0)])
def test_persistent_errors_give_up_within_bounds(
    sheet: FakeSheets, status: int, attempts: int, cap: float
) -> None:
    sheet.fail_next(*[status] * 20, kind="batch_get")
    with pytest.raises(SourceUnavailable) as caught:
        read(with_sync(max_attempts=attempts, max_total_wait_seconds=cap))
    assert caught.value.retryable
    assert sum(sheet.sleeps) <= cap + 1e-9
    assert 1 <= sheet.counts["batch_get"] <= attempts
    if sum(sheet.sleeps) < cap:  # the wait budget was not the limit: every attempt was made
        assert sheet.counts["batch_get"] == attempts
    assert len(sheet.sleeps) == sheet.counts["batch_get"] - 1


@pytest.mark.parametrize("failures,retry_after,cap,succeeds,sleeps,attempts", [
    (1, "0.25", 15.0, True, [0.25], 2),  # a short Retry-After is honoured
    (3, "120", 5.0, False, [5.0], 2),  # a long one is cut to the budget, then the read gives up
])
def test_retry_after_is_honoured_within_the_cap(
    sheet: FakeSheets, failures: int, retry_after: str, cap: float, succeeds: bool, sleeps: list[float], attempts: int
) -> None:
    sheet.fail_next(*[429] * failures, kind="batch_get", retry_after=retry_after)
    settings = with_sync(max_total_wait_seconds=cap)
    if succeeds:
        assert read(settings).requests == 2 + failures
    else:
        with pytest.raises(SourceUnavailable):
            read(settings)
    assert sheet.sleeps == sleeps
    assert sheet.counts["batch_get"] == attempts


@pytest.mark.parametrize("value,expected", [
    ("3", 3.0), (" 0.5 ", 0.5), ("-4", 0.0), ("soon", None), ("", None),
    (format_datetime(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), usegmt=True), 0.0),
])
def test_retry_after_parsing(value: str, expected: float | None) -> None:
    response = requests.Response()
    response.headers["Retry-After"] = value
    assert gsheets_http.retry_after_seconds(response) == expected


def test_hung_server_fails_within_the_timeout(sheet: FakeSheets) -> None:
    sheet.hang_next(3, kind="batch_get")
    started = time.monotonic()
    with pytest.raises(SourceUnavailable):
        read(with_sync(request_timeout_seconds=0.5))
    assert time.monotonic() - started < 1.5
    assert sheet.counts["batch_get"] == 1  # a timeout is not retried: each retry would wait as long again


def test_unreachable_server_is_retried_then_unavailable(
    fake_sheets: FakeSheets, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv(gsheets_http.API_ENV, f"http://127.0.0.1:{port}")
    with pytest.raises(SourceUnavailable):
        read()
    assert len(fake_sheets.sleeps) == settings.sync.max_attempts - 1


# -- credentials ---------------------------------------------------------------------------------

@pytest.mark.parametrize("base", [None, "https://sheets.googleapis.com", "http://10.1.2.3:8080", "https://sheets.example.org/"])
def test_no_credentials_outside_loopback(fake_sheets: FakeSheets, monkeypatch: pytest.MonkeyPatch, base) -> None:
    if base is None:
        monkeypatch.delenv(gsheets_http.API_ENV)
    else:
        monkeypatch.setenv(gsheets_http.API_ENV, base)
    with pytest.raises(SourcePermissionDenied) as caught:
        read()
    assert "secrets.toml" in str(caught.value) and "share" in str(caught.value).lower()
    assert sum(fake_sheets.counts.values()) == 0


@pytest.mark.parametrize("url,loopback", [
    ("http://127.0.0.1:8765", True), ("http://127.3.4.5", True), ("http://localhost:1", True),
    ("http://[::1]:9000", True), ("https://sheets.googleapis.com", False), ("http://10.0.0.1", False),
    ("http://localhost.example.com", False), ("not a url", False),
])
def test_is_loopback(url: str, loopback: bool) -> None:
    assert gsheets_http.is_loopback(url) is loopback


@pytest.mark.parametrize("where", ["secrets_toml", "env_json", "env_path", "gspread_default", "nowhere"])
def test_service_account_lookup(fake_sheets: FakeSheets, tmp_path, monkeypatch: pytest.MonkeyPatch, where) -> None:
    key_file = tmp_path / "key.json"
    key_file.write_text(json.dumps(FAKE_KEY_INFO))
    if where == "secrets_toml":
        toml = "[gcp_service_account]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in FAKE_KEY_INFO.items())
        (tmp_path / ".streamlit").mkdir()
        (tmp_path / ".streamlit" / "secrets.toml").write_text(toml)
        assert "gcp_service_account" in secrets.load_secrets()
    elif where == "env_json":
        monkeypatch.setenv(secrets.SERVICE_ACCOUNT_ENV, json.dumps(FAKE_KEY_INFO))
    elif where == "env_path":
        monkeypatch.setenv(secrets.SERVICE_ACCOUNT_ENV, str(key_file))
    elif where == "gspread_default":
        monkeypatch.setattr(secrets, "gspread_default_key_file", lambda: key_file)
    info = secrets.service_account_info()
    assert (info or {}).get("client_email") == (None if where == "nowhere" else SA_EMAIL)
    if where == "nowhere":
        assert secrets.load_secrets() == {}


@pytest.mark.parametrize("value", ["{not json", "/no/such/key.json", json.dumps({"type": "service_account"})])
def test_bad_service_account_key(fake_sheets: FakeSheets, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(secrets.SERVICE_ACCOUNT_ENV, value)
    with pytest.raises(SettingsError) as caught:
        secrets.service_account_info()
    assert "not-a-key" not in str(caught.value)
    with pytest.raises(SourcePermissionDenied):
        read()
    assert sum(fake_sheets.counts.values()) == 0
