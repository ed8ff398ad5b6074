"""Read a Google Sheet: every tab in one `values:batchGet` request, errors in the editors' words."""

from __future__ import annotations

import threading
import time
from typing import Any
from urllib.parse import urlsplit

import gspread
import requests
from google.auth import exceptions as auth_exceptions
from gspread.urls import SPREADSHEET_URL, SPREADSHEET_VALUES_BATCH_URL

from upr_sheets.core.errors import (
    MalformedResponse,
    SettingsError,
    SourceError,
    SourceNotFound,
    SourcePermissionDenied,
    SourceUnavailable,
)
from upr_sheets.core.raw import RawTable, RawWorkbook
from upr_sheets.core.secrets import SERVICE_ACCOUNT_ENV, SERVICE_ACCOUNT_TABLE, service_account_info
from upr_sheets.core.settings import Settings
from upr_sheets.core.sheet_urls import sheet_url

from .gsheets_body import Tabs, digest, tables_from_body
from .gsheets_http import RetryingHTTPClient, api_base, is_loopback, make_client

METADATA_TTL_SECONDS = 600.0
COMPACT = {"prettyPrint": "false"}  # Google indents its JSON unless told not to: the body is 40 % smaller
VALUE_PARAMS = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "FORMATTED_STRING",
    "majorDimension": "ROWS",
    **COMPACT,
}

# Replaced in tests to age the metadata cache without waiting.
clock = time.monotonic

_metadata_cache: dict[tuple[str, str], tuple[float, Tabs]] = {}
_cache_lock = threading.Lock()


def clear_metadata_cache(key: str | None = None) -> int:
    """Forget cached tab lists (of one spreadsheet, or all), e.g. when an editor presses Refresh; how many."""
    with _cache_lock:
        dropped = [k for k in _metadata_cache if key is None or k[1] == key]
        for cached in dropped:
            del _metadata_cache[cached]
    return len(dropped)


def quote_title(title: str) -> str:
    """A tab title as an A1 sheet reference: always quoted, inner apostrophes doubled."""
    return "'" + title.replace("'", "''") + "'"


def missing_credentials_message(base_url: str, *, write: bool = False) -> str:
    """Step-by-step help when no service-account key is configured."""
    verb, role = ("write to", "Editor") if write else ("read", "Viewer")
    return (
        f"No Google service-account key is configured, so the app cannot {verb} the sheet at {base_url}. "
        "To set one up: 1) in Google Cloud Console create a project, enable the Google Sheets API, and create "
        "a service account (IAM & Admin → Service accounts); 2) add a JSON key to it and copy the key's fields "
        f"into a [{SERVICE_ACCOUNT_TABLE}] table in .streamlit/secrets.toml (or put the JSON, or its path, in "
        f"the {SERVICE_ACCOUNT_ENV} environment variable); 3) share the sheet with the service account's "
        f"e-mail address (client_email in the key) as {role}."
    )


def signed_in_client(
    settings: Settings, base: str, *, write: bool = False
) -> tuple[gspread.Client, dict[str, Any] | None]:
    """A gspread Client signed in with the service account's key (none is needed on a loopback stand-in)."""
    try:
        info = service_account_info()
    except SettingsError as exc:
        raise SourcePermissionDenied(str(exc)) from None
    if info is None and not is_loopback(base):
        raise SourcePermissionDenied(missing_credentials_message(base, write=write))
    try:
        return make_client(settings, info, base, write=write), info
    except (ValueError, auth_exceptions.GoogleAuthError):
        raise SourcePermissionDenied(
            "The service-account key could not be loaded: its private_key is damaged or incomplete. Download "
            "a new JSON key from Google Cloud Console and copy it again, whole."
        ) from None


def permission_message(info: dict[str, Any] | None, key: str) -> str:
    """What to do when Google answers 403 for the sheet."""
    email = (info or {}).get("client_email") or "the app's service account"
    return (
        f"Google answered 403 Permission denied: the app may not read Google Sheet {key}. Share the sheet with {email} "
        "(Share → add that address → Viewer is enough), then refresh."
    )


def _google_message(exc: gspread.exceptions.APIError) -> str:
    message = str((exc.error or {}).get("message", "")).strip()
    return message[:200] + ("…" if len(message) > 200 else "")


def _translate(exc: Exception, *, key: str, info: dict[str, Any] | None, http: RetryingHTTPClient) -> SourceError:
    """The project's exception for anything the read raised."""
    host = urlsplit(http.base_url).netloc or http.base_url
    tries = f"{http.last_attempts} attempt{'s' if http.last_attempts != 1 else ''}"
    served = "The last good data keeps being served; the next refresh tries again."
    if isinstance(exc, gspread.exceptions.APIError):
        status, said = exc.response.status_code, _google_message(exc)
        if status == 401:
            return SourcePermissionDenied(
                f"Google rejected the service-account key (HTTP 401: {said}). Create a new JSON key for the "
                "service account and replace the one in .streamlit/secrets.toml."
            )
        if status == 403:
            if "has not been used" in said or "disabled" in said or "SERVICE_DISABLED" in said:
                return SourcePermissionDenied(
                    "The Google Sheets API is not enabled for the service account's Cloud project. Enable it "
                    f"in Google Cloud Console (APIs & Services → Library → Google Sheets API). Google said: {said}"
                )
            return SourcePermissionDenied(permission_message(info, key))
        if status == 404:
            return SourceNotFound(
                f"No Google Sheet with key {key} exists (Google answered 404 Not Found). Check the link: it "
                "should look like https://docs.google.com/spreadsheets/d/KEY/edit, copied from the browser."
            )
        if status == 429:
            return SourceUnavailable(
                f"Google refused to read the sheet after {tries}: the quota of 60 reads per minute per user "
                "is used up (the app's service account counts as one user). " + served
                + " If this happens often, raise cache_ttl_seconds in config/settings.toml."
            )
        if status >= 500 or status == 408:
            return SourceUnavailable(f"Google Sheets answered with HTTP {status} ({said}) after {tries}. " + served)
        if status == 400 and "not supported for this document" in said:
            return SourceNotFound(
                f"The link {key} points to a file the Sheets API cannot read, usually an uploaded .xlsx. Open "
                "it and use File → Save as Google Sheets, then use the new sheet's link."
            )
        return SourceError(f"Google Sheets rejected the request with HTTP {status}: {said}")
    if isinstance(exc, requests.Timeout):
        return SourceUnavailable(f"{host} did not answer within {http.policy.timeout:g} s. " + served)
    if isinstance(exc, requests.RequestException):
        return SourceUnavailable(f"Could not reach {host} after {tries} ({_network_failure(exc)}). " + served)
    if isinstance(exc, auth_exceptions.TransportError):
        return SourceUnavailable("Could not reach Google to sign in (the connection failed). " + served)
    if isinstance(exc, auth_exceptions.GoogleAuthError):
        return SourcePermissionDenied(
            "Google did not accept the app's sign-in; the service-account key may have "
            "been deleted or revoked. Create a new JSON key and put it in .streamlit/secrets.toml."
        )
    return SourceUnavailable(f"Reading Google Sheet {key} failed ({exc}). " + served)


def _network_failure(exc: Exception) -> str:
    """What went wrong on the network, in words (never a Python class name)."""
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "the answer was cut off"
    if isinstance(exc, requests.exceptions.SSLError):
        return "the secure connection failed"
    if isinstance(exc, requests.exceptions.ProxyError):
        return "the proxy refused the connection"
    if isinstance(exc, requests.ConnectionError):
        return "the connection was refused or dropped"
    return "a network error"


def _json(response: requests.Response, what: str) -> Any:
    """The response body as JSON, or MalformedResponse saying what came instead."""
    try:
        return response.json()
    except ValueError as exc:
        kind = response.headers.get("Content-Type", "no content type")
        raise MalformedResponse(
            f"Expected {what} as JSON from Google Sheets, got {len(response.content)} bytes of {kind} that do "
            f"not parse ({exc}); the answer was probably cut off. The next refresh tries again."
        ) from None


def _fetch_tabs(http: RetryingHTTPClient, key: str) -> Tabs:
    """One metadata GET: titles and sheet ids of the grid tabs."""
    response = http.request("get", SPREADSHEET_URL % key, params={"includeGridData": "false", **COMPACT})
    body = _json(response, "the spreadsheet's list of tabs")
    sheets = body.get("sheets") if isinstance(body, dict) else None
    if not isinstance(sheets, list):
        raise MalformedResponse(
            f"Expected the spreadsheet's metadata with a 'sheets' list, got {type(body).__name__} "
            f"with keys {sorted(body)[:8] if isinstance(body, dict) else '—'}."
        )
    tabs: Tabs = []
    for sheet in sheets:
        props = sheet.get("properties") if isinstance(sheet, dict) else None
        if not isinstance(props, dict) or not isinstance(props.get("title"), str):
            raise MalformedResponse(f"Expected every sheet to have properties with a title, got {sheet!r:.120}.")
        if props.get("sheetType", "GRID") == "GRID":
            tabs.append((props["title"], int(props.get("sheetId", 0))))
    return tabs


def _tabs(http: RetryingHTTPClient, key: str, *, fresh: bool = False) -> Tabs:
    """The cached tab list of the spreadsheet, fetched when missing, older than the TTL, or `fresh`."""
    cache_key = (http.base_url, key)
    with _cache_lock:
        cached = _metadata_cache.get(cache_key)
    if cached and not fresh and clock() - cached[0] < METADATA_TTL_SECONDS:
        return cached[1]
    tabs = _fetch_tabs(http, key)
    with _cache_lock:
        _metadata_cache[cache_key] = (clock(), tabs)
    return tabs


def _batch_get(http: RetryingHTTPClient, key: str, tabs: Tabs,
               known: str = "") -> tuple[dict[str, RawTable] | None, bytes, str]:
    """One values:batchGet for every tab: (tables, body, digest); tables None when the digest is `known`."""
    if not tabs:
        return {}, b"", ""
    params: dict[str, Any] = dict(VALUE_PARAMS, ranges=[quote_title(title) for title, _ in tabs])
    response = http.request("get", SPREADSHEET_VALUES_BATCH_URL % key, params=params)
    body, hashed = response.content, digest(response.content, tabs)
    if known and hashed == known:
        return None, body, hashed  # the same answer as the data already held: nothing to parse
    return tables_from_body(_json(response, "the values of every tab"), tabs), body, hashed


def _is_unparsable_range(exc: Exception) -> bool:
    return (
        isinstance(exc, gspread.exceptions.APIError)
        and exc.response.status_code == 400
        and "Unable to parse range" in _google_message(exc)
    )


def read_gsheet(key: str, settings: Settings, *, source: str, known_digest: str = "") -> RawWorkbook:
    """Every tab of the Google Sheet in one values:batchGet (plus one metadata GET when not cached).

    When the answer's digest is `known_digest` (that of the data the caller holds), its cells are not parsed:
    the workbook comes back with `unchanged` set and no tables.
    """
    client, info = signed_in_client(settings, api_base())
    http: RetryingHTTPClient = client.http_client  # type: ignore[assignment]
    try:
        try:
            tables, body, hashed = _batch_get(http, key, _tabs(http, key), known_digest)
        except gspread.exceptions.APIError as exc:
            if not _is_unparsable_range(exc):
                raise
            # a tab was renamed or deleted
            tables, body, hashed = _batch_get(http, key, _tabs(http, key, fresh=True), known_digest)
    except (gspread.exceptions.GSpreadException, requests.RequestException, auth_exceptions.GoogleAuthError) as exc:
        raise _translate(exc, key=key, info=info, http=http) from exc
    return RawWorkbook(
        source=source, tables=tables or {}, kind="gsheet", url=sheet_url(key), requests=http.requests_made,
        body=body, digest=hashed, unchanged=tables is None,
    )
