"""What dashboard.py runs before any page (`bootstrap()`) and what a page gets (`live()`, `PageContext`).

What a visitor may see is decided here, once per run, in the data: `bootstrap()` resolves the session's
Access (upr_sheets.access.modes, through app.visitor) and `visitor.visible_result()` turns the loaded data into
what that Access may see.
For a read-only link that is `public_dataset(full, settings, scope)`, which becomes both `ctx.dataset`
and `ctx.full`; the full data never enters a viewer's PageContext or session state.

The interface language (upr_sheets.core.i18n) is activated first thing in every script run (`bootstrap()`,
from the sidebar's choice or `?lang=`) and again at the start of every rerun of a page's fragment
(`live()`), which does not run `bootstrap()`; pages read it as `ctx.lang`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from upr_sheets.access.modes import Access
from upr_sheets.access.redact import require_public
from upr_sheets.analysis.filters import Filters, apply_filters, current_cycle
from upr_sheets.analysis.provenance import DEMO_MARK, Provenance, provenance
from upr_sheets.core import i18n
from upr_sheets.core.errors import SettingsError
from upr_sheets.core.i18n import _
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings
from upr_sheets.sources import describe_source
from upr_sheets.sync import LoadResult

from . import gate, legacy, loader, style, visitor
from .banner import banner
from .sidebar import language, language_selector, session_language, sidebar_filters

STATE_KEY = "upr_monitor"  # st.session_state key of the DashboardState set by bootstrap() (None: refused)
STATE_PICK_KEY = "states_pick"  # the key of the States page's "What one State recommended" selectbox


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
    provenance: Provenance = Provenance()  # rows left out for errors (0 for a viewer), whether it is the demo
    current_cycle: int | None = None  # the review pages open on (analysis.filters.current_cycle)

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
    landing: str = ""  # the page opened at the root address (default: the first of `pages`)


Render = Callable[[PageContext], None]  # a page's body


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
        settings = loader.get_settings()
    except SettingsError as exc:
        if visitor.link_token() is not None:  # an outsider: no file names, no keys
            return _refuse(gate.unavailable_page, choose_language=False)
        return _refuse(gate.error_page(_("The settings file has a problem"), str(exc), loader.reread_settings))
    token = visitor.link_token()
    insider = token is None and settings.access.mode == "open"
    user = None
    if token is None and settings.access.mode == "login":
        user = visitor.current_user()
        if user is None:
            return _refuse(gate.sign_in_page)
    source = loader.current_source(settings)
    outcome = loader.load_dataset(source, quiet=not insider)
    if isinstance(outcome, loader.LoadFailure):
        if not insider:
            return _refuse(gate.unavailable_page, choose_language=False)
        title = _("Could not load {source}").format(source=describe_source(source))
        return _refuse(gate.error_page(title, _(outcome.message), loader.refresh))
    access = visitor.resolve_access(settings, outcome.dataset, token, user)
    if access is None:
        if token is not None:
            st.session_state.pop(visitor.TOKEN_KEY, None)
            return _refuse(gate.invalid_link_page, choose_language=False)
        return _refuse(gate.not_a_member_page(user.email if user else ""))
    if token is not None:
        visitor.keep_token(token)
    view = visitor.visible_result(outcome, access, settings)
    language_selector()
    filters = sidebar_filters(view.dataset, settings)
    gate.identity(access)
    publish(source, view, filters, access)
    if access.landing == "states" and access.grant is not None:
        visitor.focus_state(view.dataset, access.grant.scope.states, STATE_PICK_KEY)
    return Gate(access.pages, landing=access.landing)


def publish(source: str, result: LoadResult, filters: Filters, access: Access) -> None:
    """Hand the data this session may see (already redacted for a viewer) and the filters to the page about to run."""
    st.session_state[STATE_KEY] = DashboardState(source, result, filters, access)


def page_context() -> PageContext:
    """The context for a page: the data loaded this run (or reloaded through the cache), as this session may see it."""
    state: DashboardState | None = st.session_state.get(STATE_KEY)
    if state is None:
        st.stop()
    settings = loader.get_settings()
    if state.fresh:
        state.fresh = False
    else:
        outcome = loader.load_dataset(state.source, quiet=not state.access.sees_source)
        if isinstance(outcome, LoadResult):
            if not visitor.still_allowed(settings, outcome.dataset, state.access):
                st.rerun()
            state.result = visitor.visible_result(outcome, state.access, settings)
    dataset = apply_filters(state.result.dataset, state.filters)
    return PageContext(settings, state.result, dataset, state.filters, state.access, i18n.current(),
                       provenance(state.result.dataset, state.source), current_cycle(state.result.dataset, settings))


def demo_mark(ctx: PageContext) -> None:
    """Under the banner of every page of the bundled demo: its statuses are illustrative."""
    if ctx.provenance.demo:
        st.caption(":material/science: **" + _(DEMO_MARK) + "**")


def live(page: str) -> Callable[[Render], Render]:
    """Decorator for the body of the page `page` (its key: its file name in pages/, as in dashboard.PAGES and
    Access.pages): rendered now, then again every cache TTL with fresh data, no reload.

    A page that the session's access does not include shows a short notice and nothing else.
    """

    def run(render: Render) -> Render:
        legacy.run_through_dashboard(STATE_KEY, bootstrap)
        state: DashboardState | None = st.session_state.get(STATE_KEY)
        if state is None:
            st.stop()
        if page not in state.access.pages:
            gate.not_available_page()
            st.stop()
        style.inject()  # phones and paper (app.style)
        style.identity(loader.get_settings())  # the coalition's name, logo and contact, in the sidebar

        @st.fragment(run_every=loader.get_settings().sync.cache_ttl_seconds)
        def _live_body() -> None:
            session_language()  # a rerun of this fragment alone does not pass through bootstrap()
            ctx = page_context()
            banner(ctx.result, ctx.access)
            demo_mark(ctx)
            render(ctx)

        _live_body()
        return render

    return run
