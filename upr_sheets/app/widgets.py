"""What several pages show the same way: why a page has nothing to show, the caption of a capped table, the
columns of a recommendation table; and the Overview's milestone cards, which hold no data-shaping of their own.

This module is imported once while pages run on every rerun, so its own sentences are marked with N_ and
translated where they are shown, in the language of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from upr_sheets.analysis import pageviews, views
from upr_sheets.core.i18n import N_, _, day, ngettext, number

from .context import PageContext

LIMIT = 500  # rows a page lists at most, under a caption that says how many there are
EMPTY = {  # why a page has nothing to show (pageviews.why_empty's reasons), for the pages about recommendations
    "no-data": N_("The Recommendations tab has no rows yet, so there is nothing to show."),
    "quarantined": N_("Every row of the Recommendations tab has an error: the Data quality page says what to fix."),
    "filtered": N_("No recommendation matches the filters. Clear some filters in the sidebar."),
}
FIRST = N_("The first {n} are listed.")


def empty_notice(ctx: PageContext, messages: Mapping[str, str] | None = None, table: str = "recommendations") -> bool:
    """True, after an st.info that says why, when the page has nothing of `table` to show (pageviews.why_empty).

    `messages` (reason → text in the language of the run) replaces the sentences about the Recommendations tab.
    """
    reason = pageviews.why_empty(ctx.full, ctx.dataset, ctx.filters, table=table)
    if reason is None:
        return False
    st.info(messages[reason] if messages is not None else _(EMPTY[reason]), icon=":material/info:")
    return True


def capped_caption(frame: pd.DataFrame, said: Callable[[int], str], more: str | None = None,
                   limit: int = LIMIT) -> pd.DataFrame:
    """The first `limit` rows of `frame`, after a caption: the page's sentence for its number of rows (`said`),
    then, when rows are left out, `more` (`{n}`: the limit; by default "The first {n} are listed.")."""
    shown, total = pageviews.capped(frame, limit)
    left_out = (_(FIRST) if more is None else more).format(n=number(limit)) if total > limit else ""
    st.caption(f"{said(total)} {left_out}".strip())
    return shown


def milestone_cards(milestones: Iterable[Mapping]) -> None:
    """A card per milestone of pageviews.calendar_cards (or next_milestones), side by side: which one, whether it is
    past or ahead, its date, how far from today."""
    with st.container(horizontal=True, gap="medium"):
        for m in milestones:
            n = abs(m["days_left"])
            left = (ngettext("in {n} day", "in {n} days", n) if m["days_left"] >= 0
                    else ngettext("{n} day ago", "{n} days ago", n)).format(n=number(n))
            with st.container(border=True):
                when = m.get("upcoming")
                line = _("{milestone}, cycle {cycle}").format(milestone=m["milestone"], cycle=m["cycle"])
                if when is not None:  # pageviews.calendar_cards: say which is past and which is ahead
                    line = (_("Next: {milestone}") if when else _("Past: {milestone}")).format(milestone=line)
                st.caption(line)
                st.markdown(f"**{day(m['date'])}** · {left}")


def recommendation_grid(table: pd.DataFrame, recs: pd.DataFrame, ctx: PageContext, key: str, link: str | None = None,
                        **grid: object) -> object:
    """A table of recommendations: the grid (`table`, with st.dataframe's `grid` arguments) on a wide screen,
    readable rows of `recs` (views.rows_html) on a phone (app.style shows one of the two). `link`: the page whose
    `?rec=` opens a recommendation's detail (its IDs become links). Returns what st.dataframe returns."""
    with st.container(key=f"wide_{key}"):
        shown = st.dataframe(table, hide_index=True, key=key, **grid)
    with st.container(key=f"narrow_{key}", height=560 if len(recs) > 8 else "content"):  # scrolls, as the grid
        st.html(views.rows_html(recs, ctx.settings, href=None if link is None else f"{link}?rec="))
    return shown


def _turn(key: str, step: int) -> None:
    st.session_state[key] = st.session_state.get(key, 0) + step


def pager(total: int, key: str, size: int = pageviews.PAGE_SIZE) -> pageviews.Page:
    """Which rows of a long table to send (pageviews.page_of): with more than one page, a line `Rows 1–50 of
    10,000` between Previous and Next. The page number is kept under `key` (pop it to go back to the first)."""
    page = pageviews.page_of(total, st.session_state.get(key, 0), size)
    st.session_state[key] = page.number
    if page.pages > 1:
        with st.container(horizontal=True, vertical_alignment="center", gap="small", key=f"{key}_pager"):
            st.button(_("Previous"), key=f"{key}_previous", icon=":material/chevron_left:", disabled=page.first,
                      on_click=_turn, args=(key, -1))
            st.caption(page.label(), width="content")
            st.button(_("Next"), key=f"{key}_next", icon=":material/chevron_right:", disabled=page.last,
                      on_click=_turn, args=(key, 1))
    return page


def this_page_link(**params: str) -> str:
    """The address of the page being shown, with these query parameters only (a link to copy and share)."""
    url = urlsplit(st.context.url or "")
    return urlunsplit((url.scheme, url.netloc, url.path, urlencode(params), ""))


def table_columns(labels: Iterable[str]) -> dict:
    """st.dataframe column_config for a views.recommendation_table whose columns carry these English labels:
    each shown in the interface language, the ID pinned, the cycle a whole number, the text wide."""
    return {**{name: _(name) for name in labels},
            "ID": st.column_config.TextColumn(_("ID"), width="small", pinned=True),
            "Cycle": st.column_config.NumberColumn(_("Cycle"), width="small", format="%d"),
            "Recommendation": st.column_config.TextColumn(_("Recommendation"), width="large")}
