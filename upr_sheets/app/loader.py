"""The checked settings, the source to read, and the one cached loader every session shares.

The cache's TTL is the settings' sync.cache_ttl_seconds, read when the cache is first used: a settings file
that cannot be read stops bootstrap() at the settings error page, before any load.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

import streamlit as st

from upr_sheets.analysis.views import plain_md
from upr_sheets.core.errors import SourceError
from upr_sheets.core.i18n import N_, _
from upr_sheets.core.settings import Settings, load_settings, resolve_source
from upr_sheets.sources import describe_source
from upr_sheets.sync import LoadResult, last_good, load

from .cache import SharedCache, Ticket, share

log = logging.getLogger(__name__)
# Why the last good data is shown after a failure that is not the source's (a bug, memory, a file the readers did
# not expect): the details go to the server log only. Translated where it is shown (banner, error page).
UNEXPECTED = N_("The data could not be read just now because of an unexpected problem; the details are in the "
                "server log.")


@dataclass(frozen=True)
class LoadFailure:
    """Nothing could be loaded: no source and no snapshot."""

    source: str
    message: str


CachedLoad = Callable[[str, Callable[[str], None] | None], LoadResult | LoadFailure]
_early: dict[str, tuple[float, Future]] = {}  # source → (when its read began, the read): see load_early
_early_lock = threading.Lock()
_read_at: dict[str, float] = {}  # source → when the shared cache last read it (see load_dataset)


def load_early(source: str, settings: Settings) -> Future:
    """Start reading and validating `source` in a thread now, as the server starts: the first cached load of that
    source takes this result (waiting for it if need be) instead of reading the source again."""
    future: Future = Future()

    def read() -> None:
        try:
            future.set_result(load(source, settings))
        except BaseException as exc:  # noqa: BLE001 — handed over: the first visit then loads as usual
            future.set_exception(exc)

    with _early_lock:
        _early[source] = (time.monotonic(), future)
    threading.Thread(target=read, name="upr-load-early", daemon=True).start()
    return future


def _take_early(source: str, ttl_seconds: int) -> LoadResult | None:
    """The result of load_early for the source (once), unless it failed or began more than a TTL ago."""
    with _early_lock:
        began, future = _early.pop(source, (0.0, None))
    if future is None:
        return None
    try:
        result = future.result()
    except Exception:  # noqa: BLE001 — the cached load reads the source itself and reports what is wrong
        log.info("Reading %s at start failed; reading it again.", describe_source(source), exc_info=True)
        return None
    return result if time.monotonic() - began < ttl_seconds else None


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    """The checked settings, read once per process."""
    return load_settings()


def current_source(settings: Settings, argv: list[str] | None = None) -> str:
    """`-- --source SOURCE` after `streamlit run dashboard.py`, else $UPR_MONITOR_SOURCE, else settings."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--source")
    known, _rest = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    return resolve_source(known.source, settings)


@st.cache_resource(show_spinner=False)
def _loader(ttl_seconds: int) -> CachedLoad:
    """The cached load for a TTL, made on first use with the TTL of the checked settings (get_settings).

    st.cache_data takes its TTL when it decorates a function, so the cached function is made here rather than
    at import, when the settings may not be readable. Streamlit keys a data cache by the function's module,
    qualified name and source, not by the function object: every session gets the same cache.
    """

    @st.cache_data(ttl=ttl_seconds, show_spinner=False, max_entries=16)
    def load_source(source: str, _progress: Callable[[str], None] | None = None) -> Ticket:
        """One load per source and TTL, shared by every session; failures are cached too (Refresh retries)."""
        try:
            early = _take_early(source, ttl_seconds)  # read as the server started (app.serve)
            if early is not None:
                return share(source, early)
            return share(source, load(source, get_settings(), _progress))  # by reference: never copied per run
        except SourceError as exc:
            return share(source, LoadFailure(source, str(exc)))
        except Exception:  # noqa: BLE001 — whatever broke, the dashboard keeps showing something true
            return share(source, _after_unexpected_failure(source))
        finally:
            _read_at[source] = time.monotonic()  # read: runs within a TTL are served from the cache

    return SharedCache(load_source)


def _after_unexpected_failure(source: str) -> LoadResult | LoadFailure:
    """After a load failed in a way the sync does not expect: the traceback to the server log, and the last good
    snapshot marked stale (or, without one or when it cannot be served either, a failure that says so plainly)."""
    log.exception("Reading %s failed; serving the last good data if there is any.", describe_source(source))
    try:
        served = last_good(source, get_settings(), UNEXPECTED)
    except Exception:  # noqa: BLE001 — a snapshot that cannot be served is no reason to show a traceback
        log.exception("The last good data of %s could not be served either.", describe_source(source))
        served = None
    return served if served is not None else LoadFailure(source, UNEXPECTED)


def cached_load() -> CachedLoad:
    """The shared cached load, its TTL the settings' sync.cache_ttl_seconds (raises SettingsError if unreadable)."""
    return _loader(get_settings().sync.cache_ttl_seconds)


def needs_reading(source: str, ttl_seconds: int, now: float | None = None) -> bool:
    """Whether the next cached load of `source` may have to read it (so a status line is worth showing): not
    when the shared cache read it less than a TTL ago, nor when the read begun at server start has finished."""
    now = time.monotonic() if now is None else now
    if now - _read_at.get(source, -float("inf")) < ttl_seconds:
        return False
    with _early_lock:
        early = _early.get(source)
    return early is None or not early[1].done()


def load_dataset(source: str, quiet: bool = False) -> LoadResult | LoadFailure:
    """The cached load, with a status line saying what is being done (without naming the source when quiet)
    when the source may have to be read; a page run served from the cache draws no status line at all."""
    if not needs_reading(source, get_settings().sync.cache_ttl_seconds):
        return cached_load()(source, None)
    slot = st.empty()
    label = _("Loading the data…") if quiet else _("Loading {source}…").format(
        source=plain_md(describe_source(source)))
    with slot.status(label) as status:
        outcome = cached_load()(source, None if quiet else lambda message: status.update(label=plain_md(message)))
    slot.empty()
    return outcome


def refresh_marks_clear() -> None:
    """Forget when each source was last read (the next run shows its status line while loading)."""
    _read_at.clear()


def refresh() -> None:
    """Forget the cached data so the next run reads the source again."""
    refresh_marks_clear()
    cached_load().clear()


def reread_settings() -> None:
    """Read the settings file again on the next run (after it had a problem; a failed read is not cached anyway)."""
    get_settings.clear()
