"""Write to a Google Sheet: append rows, write header cells, apply set-up requests — in few, plain requests.

The same bounded retry as reading (RetryingHTTPClient), with one exception: `append` is sent once,
because a failed append may still have reached the sheet; callers make it idempotent (submission ids,
(Cycle, ID) keys) and retry by reading first. Errors are the project's SourceError family, in words that
say what to do: a 403 means the service account needs the **Editor** role on the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

import gspread
import requests
from google.auth import exceptions as auth_exceptions
from gspread.urls import (
    SPREADSHEET_BATCH_UPDATE_URL,
    SPREADSHEET_URL,
    SPREADSHEET_VALUES_APPEND_URL,
    SPREADSHEET_VALUES_BATCH_UPDATE_URL,
    SPREADSHEET_VALUES_BATCH_URL,
)

from upr_sheets.core.errors import (
    MalformedResponse,
    SourceError,
    SourcePermissionDenied,
)
from upr_sheets.core.settings import Settings

from .gsheets import _translate as read_error
from .gsheets import clear_metadata_cache, quote_title, signed_in_client
from .gsheets_http import RetryingHTTPClient, api_base

SERVED_TEXT = "The last good data keeps being served; the next refresh tries again."  # the reading path's words
READ_PARAMS = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "FORMATTED_STRING",
               "majorDimension": "ROWS"}


def editor_message(info: dict[str, Any] | None, key: str) -> str:
    """What to do when Google refuses a write with 403."""
    email = (info or {}).get("client_email") or "the app's service account"
    return (
        f"Google answered 403 Permission denied: the app may not change Google Sheet {key}. Share the sheet "
        f"with {email} as Editor (Share → add that address → Editor), then try again. Reading works with "
        "Viewer; writing needs Editor."
    )


def translate(exc: Exception, *, key: str, info: dict[str, Any] | None, http: RetryingHTTPClient) -> SourceError:
    """The project's exception for anything a write raised: the reading path's words, with a 403 that asks for
    Editor and no mention of data being served."""
    if isinstance(exc, gspread.exceptions.APIError) and exc.response.status_code == 403 \
            and "SERVICE_DISABLED" not in str(exc.error) and "has not been used" not in str(exc.error):
        return SourcePermissionDenied(editor_message(info, key))
    error = read_error(exc, key=key, info=info, http=http)
    text = str(error).replace(SERVED_TEXT, "Nothing was written and nothing was lost: try again in a minute.")
    return type(error)(text)


@dataclass
class SheetWriter:
    """One Google Sheet opened for writing (service account with the Editor role)."""

    key: str
    http: RetryingHTTPClient
    info: dict[str, Any] | None

    def _call(self, method: str, url: str, **kwargs: Any) -> Any:
        try:
            response = self.http.request(method, url, **kwargs)
        except (gspread.exceptions.GSpreadException, requests.RequestException, auth_exceptions.GoogleAuthError) \
                as exc:
            raise translate(exc, key=self.key, info=self.info, http=self.http) from exc
        try:
            return response.json()
        except ValueError:
            raise MalformedResponse(f"Google Sheets answered {len(response.content)} bytes that are not JSON; "
                                    "the answer was probably cut off. Try again.") from None

    @property
    def requests_made(self) -> int:
        """HTTP requests sent so far, retries included."""
        return self.http.requests_made

    def spreadsheet(self, *, ranges: list[str] | None = None, fields: str | None = None) -> dict[str, Any]:
        """spreadsheets.get: properties of every tab (with grid data for `ranges`, when given)."""
        params: dict[str, Any] = {"includeGridData": "true" if ranges else "false"}
        if ranges:
            params["ranges"] = ranges
        if fields:
            params["fields"] = fields
        return self._call("get", SPREADSHEET_URL % self.key, params=params)

    def read_values(self, titles: list[str]) -> dict[str, list[list[Any]]]:
        """Every cell of these tabs in one values:batchGet (cells as stored, "" for empty)."""
        if not titles:
            return {}
        params = dict(READ_PARAMS, ranges=[quote_title(t) for t in titles])
        body = self._call("get", SPREADSHEET_VALUES_BATCH_URL % self.key, params=params)
        ranges = body.get("valueRanges") or []
        return {title: list(r.get("values", [])) for title, r in zip(titles, ranges, strict=False)}

    def batch_update(self, requests_: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """One spreadsheets.batchUpdate (all or nothing); the replies."""
        if not requests_:
            return []
        body = self._call("post", SPREADSHEET_BATCH_UPDATE_URL % self.key, json={"requests": requests_})
        clear_metadata_cache(self.key)  # tabs may have been added
        return list(body.get("replies", []))

    def write_values(self, data: list[tuple[str, list[list[Any]]]]) -> int:
        """One values.batchUpdate of raw text (no formula or number parsing); cells written."""
        if not data:
            return 0
        payload = {"valueInputOption": "RAW", "data": [{"range": r, "values": v} for r, v in data]}
        body = self._call("post", SPREADSHEET_VALUES_BATCH_UPDATE_URL % self.key, json=payload)
        return int(body.get("totalUpdatedCells", 0))

    def append(self, title: str, rows: list[list[Any]]) -> str:
        """One values.append of raw text after the tab's last row, sent once (no retry); the range written."""
        url = SPREADSHEET_VALUES_APPEND_URL % (self.key, quote(quote_title(title), safe=""))
        params = {"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS"}
        policy = self.http.policy
        self.http.policy = replace(policy, max_attempts=1)
        try:
            body = self._call("post", url, params=params, json={"values": rows})
        finally:
            self.http.policy = policy
        return str((body.get("updates") or {}).get("updatedRange", ""))


def open_writer(key: str, settings: Settings) -> SheetWriter:
    """A SheetWriter for the spreadsheet, signed in with the service account's read-write scope."""
    client, info = signed_in_client(settings, api_base(), write=True)
    return SheetWriter(key, client.http_client, info)  # type: ignore[arg-type]
