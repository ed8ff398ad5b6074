"""The HTTP layer under gspread: API address, credentials, per-request timeout and a bounded retry."""

from __future__ import annotations

import ipaddress
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import gspread
import requests
from google.auth.credentials import AnonymousCredentials, Credentials
from google.oauth2.service_account import Credentials as ServiceAccountCredentials
from gspread.http_client import HTTPClient

from upr_sheets.core.settings import Settings

GOOGLE_BASE = "https://sheets.googleapis.com"
API_ENV = "UPR_MONITOR_SHEETS_API"
READONLY_SCOPES = ("https://www.googleapis.com/auth/spreadsheets.readonly",)
WRITE_SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
BODY_CHUNK_BYTES = 4 << 20  # an answer is read in chunks this large (requests reads 10 kB at a time)
BACKOFF_BASE_SECONDS = 1.0

# Replaced in tests so that back-off waits are recorded instead of slept.
sleep: Callable[[float], None] = time.sleep

_credentials_cache: dict[tuple[str, str, bool], Credentials] = {}


def api_base() -> str:
    """The Sheets API base URL: $UPR_MONITOR_SHEETS_API or Google's."""
    return (os.environ.get(API_ENV) or GOOGLE_BASE).strip().rstrip("/")


def is_loopback(url: str) -> bool:
    """Whether the URL points at this machine (localhost, 127.x, ::1)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry one request, and how long to wait for an answer."""

    max_attempts: int = 4
    max_total_wait: float = 15.0
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        """The policy of the `[sync]` settings."""
        sync = settings.sync
        return cls(sync.max_attempts, float(sync.max_total_wait_seconds), float(sync.request_timeout_seconds))

    def backoff(self, attempt: int) -> float:
        """Jittered exponential wait after the given (1-based) failed attempt."""
        return BACKOFF_BASE_SECONDS * 2 ** (attempt - 1) * random.uniform(0.5, 1.0)


def retry_after_seconds(response: requests.Response | None) -> float | None:
    """The server's Retry-After (seconds or HTTP date) as seconds, if it sent one."""
    value = response.headers.get("Retry-After") if response is not None else None
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class RetryingHTTPClient(HTTPClient):
    """gspread's HTTPClient aimed at `base_url`, with a timeout on every request and a bounded retry."""

    def __init__(
        self,
        auth: Credentials | None,
        session: requests.Session | None = None,
        *,
        base_url: str = GOOGLE_BASE,
        policy: RetryPolicy | None = None,
    ) -> None:
        super().__init__(auth, session)  # type: ignore[arg-type]
        self.base_url = base_url.rstrip("/")
        self.policy = policy or RetryPolicy()
        self.set_timeout(self.policy.timeout)
        if is_loopback(self.base_url):
            self.session.trust_env = False  # never send loopback traffic through a proxy
        self.requests_made = 0  # HTTP requests sent, retries included
        self.last_attempts = 0  # attempts of the most recent logical request
        self.waits: list[float] = []  # back-off waits, in order

    def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> requests.Response:
        """Send one API request, retrying 408/429/5xx and connection failures within the policy."""
        if endpoint.startswith(GOOGLE_BASE):
            endpoint = self.base_url + endpoint[len(GOOGLE_BASE) :]
        waited = 0.0
        attempt = 0
        while True:
            attempt += 1
            self.requests_made += 1
            self.last_attempts = attempt
            try:
                return self._send(method, endpoint, *args, **kwargs)
            except gspread.exceptions.APIError as exc:
                if exc.response.status_code not in RETRY_STATUSES:
                    raise
                desired = retry_after_seconds(exc.response)
                error: Exception = exc
            except requests.Timeout:
                raise  # a hung server would make every retry wait the full timeout again
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                desired, error = None, exc
            if desired is None:
                desired = self.policy.backoff(attempt)
            remaining = self.policy.max_total_wait - waited
            if attempt >= self.policy.max_attempts or (remaining <= 0 and desired > 0):
                raise error
            wait = min(desired, remaining)
            self.waits.append(wait)
            waited += wait
            sleep(wait)

    def _send(self, method: str, endpoint: str, params: Any = None, data: Any = None, json: Any = None,
              files: Any = None, headers: Any = None) -> requests.Response:
        """gspread's HTTPClient.request, with the answer read in large chunks: a 50 MB answer is read in a
        third of the time. Reading errors are those requests raises when it reads the body itself."""
        response = self.session.request(method=method, url=endpoint, json=json, params=params, data=data,
                                        files=files, headers=headers, timeout=self.timeout, stream=True)
        # what Response.content does, with larger chunks; `content` then returns these bytes
        response._content = b"".join(response.iter_content(BODY_CHUNK_BYTES)) or b""
        if response.ok:
            return response
        raise gspread.exceptions.APIError(response)


def credentials_for(info: dict[str, Any] | None, *, write: bool = False) -> Credentials:
    """Service-account credentials for the key (cached, so tokens are reused), or anonymous ones."""
    if info is None:
        return AnonymousCredentials()
    fingerprint = (str(info.get("client_email")), str(info.get("private_key_id", "")), write)
    cached = _credentials_cache.get(fingerprint)
    if cached is None:
        scopes = list(WRITE_SCOPES if write else READONLY_SCOPES)
        cached = ServiceAccountCredentials.from_service_account_info(info, scopes=scopes)
        _credentials_cache[fingerprint] = cached
    return cached


def make_client(
    settings: Settings, info: dict[str, Any] | None, base_url: str | None = None, *, write: bool = False
) -> gspread.Client:
    """A gspread Client whose requests go to `base_url` through RetryingHTTPClient (read-only unless write)."""
    base = (base_url or api_base()).rstrip("/")
    policy = RetryPolicy.from_settings(settings)

    def factory(auth: Credentials, session: requests.Session | None = None) -> RetryingHTTPClient:
        return RetryingHTTPClient(auth, session, base_url=base, policy=policy)

    return gspread.Client(auth=credentials_for(info, write=write), http_client=factory)  # type: ignore[arg-type]
