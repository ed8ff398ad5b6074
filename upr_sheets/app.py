"""Streamlit glue, the one module of upr_sheets that imports Streamlit: settings, the shared cached
loader, the freshness banner, the sidebar filters and the context handed to pages."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import NoReturn

import streamlit as st

from . import metrics
from .errors import SettingsError, SourceError
from .filters import FIELDS, Filters, apply_filters, filter_options
from .model import Dataset
from .settings import Settings, load_settings, resolve_source
from .sources import describe_source
from .sync import LoadResult, load
from .views import plain_md

STATE_KEY = "upr_monitor"  # st.session_state key of the DashboardState set by dashboard.py
DATA_QUALITY_PAGE = "pages/data_quality.py"
LABELS = {"cycles": "Cycle", "responses": "Response", "themes": "Theme", "ministries": "Ministry",
          "working_groups": "Working group", "statuses": "Status", "priorities": "Priority",
          "states": "Recommending State"}


@dataclass(frozen=True)
class LoadFailure:
    """Nothing could be loaded: no source and no snapshot."""

    source: str
    message: str


@dataclass
class DashboardState:
    """What dashboard.py hands to pages through st.session_state[STATE_KEY]."""

    source: str
    result: LoadResult
    filters: Filters
    fresh: bool = True  # the result was loaded in this script run (the page need not reload it)


@dataclass
class PageContext:
    """Everything a page renders: the filtered dataset, the full one, the filters, the settings."""

    settings: Settings
    source: str
    result: LoadResult
    dataset: Dataset  # filtered by the sidebar
    filters: Filters
    full: Dataset = field(init=False)  # unfiltered (Data quality, option lists)

    def __post_init__(self) -> None:
        self.full = self.result.dataset


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    """The checked settings, read once per process."""
    return load_settings()


def _ttl() -> int:
    try:
        return load_settings().sync.cache_ttl_seconds
    except SettingsError:
        return 300


def current_source(settings: Settings, argv: list[str] | None = None) -> str:
    """`-- --source SOURCE` after `streamlit run dashboard.py`, else $UPR_MONITOR_SOURCE, else settings."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--source")
    known, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    return resolve_source(known.source, settings)


@st.cache_data(ttl=_ttl(), show_spinner=False, max_entries=16)
def _cached_load(source: str, _progress: Callable[[str], None] | None = None) -> LoadResult | LoadFailure:
    """One load per source and TTL, shared by every session; failures are cached too (Refresh retries)."""
    try:
        return load(source, get_settings(), _progress)
    except SourceError as exc:
        return LoadFailure(source, str(exc))


def load_dataset(source: str) -> LoadResult | LoadFailure:
    """The cached load, with a status line saying what is being done while the sheet is read."""
    slot = st.empty()
    with slot.status(f"Loading {plain_md(describe_source(source))}…") as status:
        outcome = _cached_load(source, lambda message: status.update(label=plain_md(message)))
    slot.empty()
    return outcome


def refresh() -> None:
    """Forget the cached data so the next run reads the source again."""
    _cached_load.clear()


def stop_with_error(title: str, message: str) -> NoReturn:
    """A full-page, friendly error (no traceback) with a Try again button; stops the script."""
    st.title("UPR Monitor")
    st.error(f"**{plain_md(title)}**\n\n{plain_md(message)}", icon=":material/error:")
    st.caption("The source is set in config/settings.toml ([source] default), by the UPR_MONITOR_SOURCE "
               "environment variable, or by `streamlit run dashboard.py -- --source SOURCE`.")
    st.button("Try again", icon=":material/refresh:", on_click=refresh)
    st.stop()


def settings_or_stop() -> Settings:
    """The settings, or a full-page error naming the problem in config/settings.toml."""
    try:
        return get_settings()
    except SettingsError as exc:
        stop_with_error("The settings file has a problem", str(exc))


def load_or_stop(source: str) -> LoadResult:
    """The loaded data, or a full-page error saying why nothing could be loaded."""
    outcome = load_dataset(source)
    if isinstance(outcome, LoadFailure):
        stop_with_error(f"Could not load {describe_source(source)}", outcome.message)
    return outcome


def ago(seconds: float) -> str:
    """A short human age: `just now`, `2 min ago`, `3 h ago`, `4 days ago`."""
    if seconds < 60:
        return "just now"
    for unit, size in (("day", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            n = int(seconds // size)
            return f"{n} {unit}{'s' if unit == 'day' and n > 1 else ''} ago"
    return "just now"


def banner(result: LoadResult) -> None:
    """Freshness, quarantined rows (linked to Data quality), a Refresh button; a warning when stale."""
    dataset = result.dataset
    when = ago(result.age_seconds(datetime.now(timezone.utc)))
    where = plain_md(describe_source(result.source))
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(f":material/sync: Synced {when} from {where}", width="content")
        if dataset.url and dataset.kind == "gsheet":
            st.link_button("Open the sheet", dataset.url, icon=":material/open_in_new:", type="tertiary")
        if dataset.quarantined_rows:
            n = dataset.quarantined_rows
            st.page_link(DATA_QUALITY_PAGE, label=f"{n:,} row{'s' if n != 1 else ''} quarantined",
                         icon=":material/warning:")
        if st.button("Refresh", icon=":material/refresh:", type="tertiary", key="upr_refresh"):
            refresh()
            st.rerun()
    if result.stale:
        st.warning(f"Showing the last good data, read {when}: the sheet could not be read just now. "
                   f"{plain_md(result.error or '')}", icon=":material/cloud_off:")


def _query_now() -> dict[str, list[str]]:
    """The filter keys of the current URL, with repeated keys as lists."""
    keys = {key for key, _ in FIELDS.values()}
    return {key: st.query_params.get_all(key) for key in st.query_params.keys() if key in keys}


def _clear_filters() -> None:
    for attr in FIELDS:
        st.session_state[f"filter_{attr}"] = []
    st.session_state.pop("upr_filters_query", None)
    for key, _ in FIELDS.values():
        st.query_params.pop(key, None)


def sidebar_filters(dataset: Dataset, settings: Settings) -> Filters:
    """Sidebar multiselects, initialised from and written back to the URL so a copied link opens this view."""
    options = filter_options(dataset, settings)
    saved: dict[str, list[str]] | None = st.session_state.get("upr_filters_query")
    query = _query_now()
    if not query and saved:
        query = saved  # a page switch dropped the query string: restore it
    offered = {attr: [str(c) for c in choices] for attr, choices in options.items()}
    if query != saved:
        wanted = Filters.from_query(query).within(options)
        for attr in FIELDS:
            st.session_state[f"filter_{attr}"] = [str(v) for v in getattr(wanted, attr)]
    for attr in FIELDS:
        current = st.session_state.get(f"filter_{attr}", [])
        st.session_state[f"filter_{attr}"] = [v for v in current if v in offered[attr]]
    with st.sidebar:
        st.subheader("Filters")
        for attr, choices in offered.items():
            if choices:
                label = LABELS.get(attr, attr.replace("_", " ").capitalize())
                st.multiselect(label, choices, key=f"filter_{attr}", placeholder="All")
        st.button("Clear filters", icon=":material/filter_alt_off:", on_click=_clear_filters,
                  disabled=not any(st.session_state.get(f"filter_{a}") for a in FIELDS))
    chosen = {key: st.session_state.get(f"filter_{attr}", []) for attr, (key, _) in FIELDS.items()}
    filters = Filters.from_query(chosen).within(options)
    canonical = filters.to_query()
    if canonical != _query_now():
        for key, _ in FIELDS.values():
            if key in canonical:
                st.query_params[key] = canonical[key]
            else:
                st.query_params.pop(key, None)
    st.session_state["upr_filters_query"] = canonical
    return filters


def bootstrap() -> None:
    """What dashboard.py does before running a page: settings, load, sidebar filters, hand-over."""
    settings = settings_or_stop()
    source = current_source(settings)
    result = load_or_stop(source)
    filters = sidebar_filters(result.dataset, settings)
    publish(source, result, filters)


def publish(source: str, result: LoadResult, filters: Filters) -> None:
    """Hand the loaded data and the filters to the page about to run."""
    st.session_state[STATE_KEY] = DashboardState(source, result, filters)


def page_context() -> PageContext:
    """The context for a page: the data loaded this run (or reloaded through the cache), filtered."""
    state: DashboardState = st.session_state[STATE_KEY]
    if state.fresh:
        state.fresh = False
    else:
        outcome = load_dataset(state.source)
        if isinstance(outcome, LoadResult):
            state.result = outcome
    dataset = apply_filters(state.result.dataset, state.filters)
    return PageContext(get_settings(), state.source, state.result, dataset, state.filters)


def _run_through_dashboard() -> None:
    """When a page runs without dashboard.py first, rerun through dashboard.py's st.navigation instead.

    Streamlit treats an app whose entry script sits beside a `pages/` folder as a legacy multipage
    app until that script calls st.navigation; a visitor who opens a page's link on a freshly
    started server would otherwise reach the page without settings, data or filters.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if not PagesManager.uses_pages_directory and STATE_KEY in st.session_state:
        return
    PagesManager.uses_pages_directory = False
    if STATE_KEY not in st.session_state:
        st.rerun()  # first visit through a page's link: start again from dashboard.py
    bootstrap()  # later runs (only in AppTest, which resets the flag every run): same steps inline


def live(render: Callable[[PageContext], None]) -> Callable[[PageContext], None]:
    """Decorator for a page body: rendered now, then again every cache TTL with fresh data, no reload."""

    _run_through_dashboard()

    @st.fragment(run_every=get_settings().sync.cache_ttl_seconds)
    def _live_body() -> None:
        ctx = page_context()
        banner(ctx.result)
        render(ctx)

    _live_body()
    return render


def headline(ctx: PageContext, cycle: int | None = None) -> None:
    """The headline figures as metrics: recommendations, accepted, noted, triggered action."""
    figures = metrics.summary(ctx.dataset, ctx.settings, cycle)
    responses = figures["by_response"]
    triggered = figures["triggered_action"]["all"]
    with st.container(horizontal=True, gap="medium"):
        st.metric("Recommendations", f"{figures['recommendations']:,}", border=True)
        st.metric("Accepted", f"{responses.get('Accepted', 0):,}", border=True)
        st.metric("Noted", f"{responses.get('Noted', 0):,}", border=True)
        st.metric("Triggered action", "–" if triggered is None else f"{triggered:g}%", border=True,
                  help="Partially or fully implemented, as a share of all recommendations (UPR Info's measure).")
