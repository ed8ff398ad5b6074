"""Settings, who the visitor is, the shared cached loader, the freshness banner and the context handed to pages.

What a visitor may see is decided here, once per run, in the data: `bootstrap()` resolves the session's
Access (upr_sheets.access) and `visible_result()` turns the loaded data into what that Access may see.
For a read-only link that is `public_dataset(full, settings, scope)`, which becomes both `ctx.dataset`
and `ctx.full`; the full data never enters a viewer's PageContext or session state.

The interface language (upr_sheets.i18n) is activated first thing in every script run (`bootstrap()`,
from the sidebar's choice or `?lang=`) and again at the start of every rerun of a page's fragment
(`live()`), which does not run `bootstrap()`; pages read it as `ctx.lang`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import streamlit as st

from .. import i18n, metrics
from ..access import OPEN, Access, User, link_access, member_access
from ..errors import SettingsError, SourceError
from ..filters import Filters, apply_filters
from ..i18n import _, ngettext, number
from ..links import QUERY_PARAM, link_secret, revoked_ids
from ..model import Dataset
from ..redact import PUBLIC_SOURCE, public_dataset, require_public
from ..settings import Settings, load_settings, resolve_source
from ..sources import describe_source
from ..sync import LoadResult, load
from ..views import plain_md
from . import gate
from .sidebar import language, language_selector, session_language, sidebar_filters

STATE_KEY = "upr_monitor"  # st.session_state key of the DashboardState set by bootstrap() (None: refused)
TOKEN_KEY = "upr_monitor_link"  # st.session_state key of the read-only link this browser session opened
DATA_QUALITY_PAGE = "pages/data_quality.py"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadFailure:
    """Nothing could be loaded: no source and no snapshot."""

    source: str
    message: str


@dataclass
class DashboardState:
    """What bootstrap() hands to pages through st.session_state[STATE_KEY]."""

    source: str
    result: LoadResult  # what this session may see: for a read-only link, the redacted data only
    filters: Filters
    access: Access
    fresh: bool = True  # the result was loaded in this script run (the page need not reload it)


@dataclass(frozen=True)
class PageContext:
    """Everything a page renders: the filtered dataset, the unfiltered one, the filters, the settings, the access.

    For a viewer (read-only link) `result`, `dataset` and `full` all hold redacted data, checked here.
    """

    settings: Settings
    result: LoadResult  # what this session may see (redacted for viewers)
    dataset: Dataset  # filtered by the sidebar
    filters: Filters
    access: Access
    lang: str = i18n.SOURCE_LANGUAGE  # the interface language of this run (a key of i18n.LANGUAGES)

    def __post_init__(self) -> None:
        if self.access.viewer:
            require_public(self.result.dataset)
            require_public(self.dataset)

    @property
    def full(self) -> Dataset:
        """Unfiltered (Data quality, option lists); for a viewer, the whole public dataset of its scope."""
        return self.result.dataset

    @property
    def source(self) -> str:
        """The source name (a neutral label for viewers)."""
        return self.result.source

    @property
    def public(self) -> bool:
        """True when the page is seen through a read-only link: show nothing internal."""
        return self.access.viewer


@dataclass(frozen=True)
class Gate:
    """What dashboard.py offers after bootstrap(): the page keys of pages/, or one page that stops there."""

    pages: tuple[str, ...] = ()
    stop: Callable[[], None] | None = None


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
    known, _rest = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    return resolve_source(known.source, settings)


def current_user() -> User | None:
    """The signed-in user (st.user, login mode), or None when nobody is signed in or sign-in is not set up."""
    try:
        info = st.user.to_dict()
    except Exception:  # noqa: BLE001 — no [auth] secrets, no runtime: nobody is signed in
        return None
    if info.get("is_logged_in") is not True:
        return None
    email = info.get("email")
    return User(email.strip() if isinstance(email, str) else "", str(info.get("name") or ""),
                verified=info.get("email_verified") is not False)


@st.cache_data(ttl=_ttl(), show_spinner=False, max_entries=16)
def _cached_load(source: str, _progress: Callable[[str], None] | None = None) -> LoadResult | LoadFailure:
    """One load per source and TTL, shared by every session; failures are cached too (Refresh retries)."""
    try:
        return load(source, get_settings(), _progress)
    except SourceError as exc:
        return LoadFailure(source, str(exc))


def load_dataset(source: str, quiet: bool = False) -> LoadResult | LoadFailure:
    """The cached load, with a status line saying what is being done (without naming the source when quiet)."""
    slot = st.empty()
    label = _("Loading the data…") if quiet else _("Loading {source}…").format(
        source=plain_md(describe_source(source)))
    with slot.status(label) as status:
        outcome = _cached_load(source, None if quiet else lambda message: status.update(label=plain_md(message)))
    slot.empty()
    return outcome


def refresh() -> None:
    """Forget the cached data so the next run reads the source again."""
    _cached_load.clear()


def ago(seconds: float) -> str:
    """A short human age, in the interface language: `just now`, `2 min ago`, `3 h ago`, `4 days ago`."""
    if seconds >= 86400:
        n = int(seconds // 86400)
        return ngettext("{n} day ago", "{n} days ago", n).format(n=number(n))
    if seconds >= 3600:
        return _("{n} h ago").format(n=number(int(seconds // 3600)))
    if seconds >= 60:
        return _("{n} min ago").format(n=number(int(seconds // 60)))
    return _("just now")


def banner(result: LoadResult, access: Access = OPEN) -> None:
    """Freshness and where the data comes from; for editors also quarantined rows (linked to Data quality) and
    Refresh; for a read-only link only its audience, scope and the date of the data. A warning when stale."""
    when = ago(result.age_seconds(datetime.now(UTC)))
    if access.viewer:
        scope = access.grant.scope.label() if access.grant else ""
        parts = [_("Read-only view for **{audience}**").format(audience=plain_md(access.name)),
                 plain_md(scope), _("data as of {date}").format(date=i18n.day(result.fetched_at))]
        st.caption(":material/visibility: " + " · ".join(part for part in parts if part))
        if result.stale:
            st.warning(_("Showing the last good data, read {when}.").format(when=when), icon=":material/cloud_off:")
        return
    dataset = result.dataset
    where = plain_md(describe_source(result.source))
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(":material/sync: " + _("Synced {when} from {source}").format(when=when, source=where),
                   width="content")
        if dataset.url and dataset.kind == "gsheet":
            st.link_button(_("Open the sheet"), dataset.url, icon=":material/open_in_new:", type="tertiary")
        if dataset.quarantined_rows:
            n = dataset.quarantined_rows
            text = ngettext("{n} row quarantined", "{n} rows quarantined", n).format(n=number(n))
            if "data_quality" in access.pages:
                st.page_link(DATA_QUALITY_PAGE, label=text, icon=":material/warning:")
            else:
                st.caption(f":material/warning: {text}", width="content")
        if access.can_refresh and st.button(_("Refresh"), icon=":material/refresh:", type="tertiary",
                                            key="upr_refresh"):
            refresh()
            st.rerun()
    if result.stale:
        st.warning(_("Showing the last good data, read {when}: the sheet could not be read just now.").format(when=when)
                   + f" {plain_md(result.error or '')}", icon=":material/cloud_off:")


def _link_token() -> str | None:
    """The read-only link of this request (`?link=`), else the one this browser session opened, else None."""
    given = st.query_params.get_all(QUERY_PARAM)
    if given:
        return given[0] if len(given) == 1 else ""
    return st.session_state.get(TOKEN_KEY)


def _keep_token(token: str) -> None:
    """Remember a valid link for the session and keep it in the URL (a page switch drops the query string)."""
    st.session_state[TOKEN_KEY] = token
    if st.query_params.get(QUERY_PARAM) != token:
        st.query_params[QUERY_PARAM] = token


def resolve_access(settings: Settings, dataset: Dataset, token: str | None, user: User | None) -> Access | None:
    """The Access of a link token, a signed-in user or open mode; None when nothing may be shown."""
    if token is not None:
        try:
            secret, revoked = link_secret(settings), revoked_ids(settings, dataset)
        except SettingsError:
            log.warning("A read-only link was refused: the link secret or the link registry is not usable.")
            return None
        return link_access(token, secret, revoked)
    if settings.access.mode == "open":
        return OPEN
    return member_access(dataset, user) if user is not None else None


def visible_result(result: LoadResult, access: Access, settings: Settings) -> LoadResult:
    """The data an Access may see: for a read-only link the public dataset of its scope, with a neutral source."""
    if not access.viewer:
        return result
    scope = access.grant.scope if access.grant else None
    return LoadResult(public_dataset(result.dataset, settings, scope), PUBLIC_SOURCE, result.fetched_at,
                      result.stale, None)


def _refuse(page: Callable[[], None], choose_language: bool = True) -> Gate:
    """Nothing of the data for this session: one page that says why (with the language selector, unless the page
    is for someone whose link failed, who is shown one sentence and nothing else)."""
    if choose_language:
        language_selector()
    st.session_state[STATE_KEY] = None
    return Gate(stop=page)


def bootstrap() -> Gate:
    """What dashboard.py does before running a page: language, settings, who the visitor is, load, filters,
    hand-over."""
    language()
    try:
        settings = get_settings()
    except SettingsError as exc:
        if _link_token() is not None:  # an outsider: no file names, no keys
            return _refuse(gate.unavailable_page, choose_language=False)
        return _refuse(gate.error_page(_("The settings file has a problem"), str(exc), refresh))
    token = _link_token()
    insider = token is None and settings.access.mode == "open"
    user = None
    if token is None and settings.access.mode == "login":
        user = current_user()
        if user is None:
            return _refuse(gate.sign_in_page)
    source = current_source(settings)
    outcome = load_dataset(source, quiet=not insider)
    if isinstance(outcome, LoadFailure):
        if not insider:
            return _refuse(gate.unavailable_page, choose_language=False)
        title = _("Could not load {source}").format(source=describe_source(source))
        return _refuse(gate.error_page(title, outcome.message, refresh))
    access = resolve_access(settings, outcome.dataset, token, user)
    if access is None:
        if token is not None:
            st.session_state.pop(TOKEN_KEY, None)
            return _refuse(gate.invalid_link_page, choose_language=False)
        return _refuse(gate.not_a_member_page(user.email if user else ""))
    if token is not None:
        _keep_token(token)
    view = visible_result(outcome, access, settings)
    language_selector()
    filters = sidebar_filters(view.dataset, settings)
    gate.identity(access)
    publish(source, view, filters, access)
    return Gate(access.pages)


def publish(source: str, result: LoadResult, filters: Filters, access: Access) -> None:
    """Hand the data this session may see (already redacted for a viewer) and the filters to the page about to run."""
    st.session_state[STATE_KEY] = DashboardState(source, result, filters, access)


def _still_allowed(settings: Settings, dataset: Dataset, access: Access) -> bool:
    """True when freshly loaded data still grants this Access (a link not revoked, a member still listed)."""
    if access.mode == "open":
        return settings.access.mode == "open"
    if access.viewer:
        now = resolve_access(settings, dataset, st.session_state.get(TOKEN_KEY), None)
        return now is not None and now.grant == access.grant
    now = member_access(dataset, User(access.email))
    return now is not None and now.role == access.role


def page_context() -> PageContext:
    """The context for a page: the data loaded this run (or reloaded through the cache), as this session may see it."""
    state: DashboardState | None = st.session_state.get(STATE_KEY)
    if state is None:
        st.stop()
    settings = get_settings()
    if state.fresh:
        state.fresh = False
    else:
        outcome = load_dataset(state.source, quiet=not state.access.sees_source)
        if isinstance(outcome, LoadResult):
            if not _still_allowed(settings, outcome.dataset, state.access):
                st.rerun()
            state.result = visible_result(outcome, state.access, settings)
    dataset = apply_filters(state.result.dataset, state.filters)
    return PageContext(settings, state.result, dataset, state.filters, state.access, i18n.current())


def _run_through_dashboard() -> None:
    """When a page runs without dashboard.py first, rerun through dashboard.py's st.navigation instead.

    Streamlit treats an app whose entry script sits beside a `pages/` folder as a legacy multipage
    app until that script calls st.navigation; a visitor who opens a page's link on a freshly
    started server would otherwise reach the page without settings, access, data or filters.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if not PagesManager.uses_pages_directory and STATE_KEY in st.session_state:
        return
    PagesManager.uses_pages_directory = False
    if STATE_KEY not in st.session_state:
        st.rerun()  # first visit through a page's link: start again from dashboard.py
    inline = bootstrap()  # later runs (only in AppTest, which resets the flag every run): same steps inline
    if inline.stop is not None:
        inline.stop()
        st.stop()


def live(render: Callable[[PageContext], None]) -> Callable[[PageContext], None]:
    """Decorator for a page body: rendered now, then again every cache TTL with fresh data, no reload.

    A page that the session's access does not include shows a short notice and nothing else.
    """
    _run_through_dashboard()
    state: DashboardState | None = st.session_state.get(STATE_KEY)
    if state is None:
        st.stop()
    if Path(render.__code__.co_filename).stem not in state.access.pages:
        gate.not_available_page()
        st.stop()

    @st.fragment(run_every=get_settings().sync.cache_ttl_seconds)
    def _live_body() -> None:
        session_language()  # a rerun of this fragment alone does not pass through bootstrap()
        ctx = page_context()
        banner(ctx.result, ctx.access)
        render(ctx)

    _live_body()
    return render


def headline(ctx: PageContext, cycle: int | None = None) -> None:
    """The headline figures as metrics: recommendations, accepted, noted, triggered action."""
    figures = metrics.summary(ctx.dataset, ctx.settings, cycle)
    responses = figures["by_response"]
    triggered = figures["triggered_action"]["all"]
    with st.container(horizontal=True, gap="medium"):
        st.metric(_("Recommendations"), number(figures["recommendations"]), border=True)
        st.metric(_("Accepted"), number(responses.get("Accepted", 0)), border=True)
        st.metric(_("Noted"), number(responses.get("Noted", 0)), border=True)
        st.metric(_("Triggered action"), i18n.percent(triggered, 1, trim=True), border=True,
                  help=_("Partially or fully implemented, as a share of all recommendations (UPR Info's measure)."))


def table_columns(labels: Iterable[str]) -> dict:
    """st.dataframe column_config for a views.recommendation_table whose columns carry these English labels:
    each shown in the interface language, the ID pinned, the cycle a whole number, the text wide."""
    return {**{name: _(name) for name in labels},
            "ID": st.column_config.TextColumn(_("ID"), width="small", pinned=True),
            "Cycle": st.column_config.NumberColumn(_("Cycle"), width="small", format="%d"),
            "Recommendation": st.column_config.TextColumn(_("Recommendation"), width="large")}
