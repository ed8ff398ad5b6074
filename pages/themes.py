"""Themes: implementation status and responses by theme, and the recommendations behind a bar."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import streamlit as st

from upr_sheets import app
from upr_sheets.analysis import breakdowns, charts, pageviews, views
from upr_sheets.core.i18n import N_, _, ngettext, number

if TYPE_CHECKING:
    import pandas as pd

NONE = _("(no theme)")
GROUPINGS = {"themes": N_("Themes"), "sdg_goals": N_("Sustainable Development Goals")}  # what the bars group by
NONE_OF = {"themes": N_("(no theme)"), "sdg_goals": N_("(no SDG)")}
BY = "themes_by"
PICK = "themes_pick"
RANKS = {"share": N_("Share fully implemented"), "count": N_("Number of recommendations")}
CLICK = "themes_click"  # the last bar segment clicked: {chart, theme, segment}
SCROLL = "themes_scroll"  # the chart whose clicked rows are brought into view on the next run
GENERATION = "themes_charts"  # bumped by a click: both charts are drawn again under new keys, without highlight
COLUMNS = {"id": N_("ID"), "cycle": N_("Cycle"), "text": N_("Recommendation"), "response": N_("Response"),
           "status": N_("Status"), "states": N_("Recommending States"), "ministries": N_("Ministries")}
TABLE = app.table_columns(COLUMNS.values())  # the table's column names are COLUMNS' English labels


def follow_click(chart: str) -> None:
    """A click on a bar segment: its theme and status (or response) are shown under that chart, and no highlight
    is left on either chart (both are drawn again under new keys): the rows below say what was clicked."""
    click = pageviews.theme_click(chart, st.session_state.get(chart_key(chart)), st.session_state.get(GENERATION, 0))
    if click is None:
        st.session_state.pop(CLICK, None)
        return
    st.session_state[CLICK] = click.state()
    st.session_state[pick_key()] = click.theme
    st.session_state[GENERATION] = click.generation
    st.session_state[SCROLL] = chart


def pick_key() -> str:
    """The key of the theme (or goal) picker: one per grouping, as their options differ."""
    return PICK if st.session_state.get(BY, "themes") == "themes" else f"{PICK}_sdg"


def chart_key(chart: str) -> str:
    """The chart's widget key in this generation (a click starts a new one)."""
    generation = st.session_state.get(GENERATION, 0)
    return f"{chart}_{generation}" if generation else chart


def clicked_rows(ctx: app.PageContext, recs: pd.DataFrame, chart: str, key: str) -> None:
    """Under the chart clicked last: the recommendations (`recs`, with their SDG goals) of the clicked theme and
    segment, right there."""
    click = st.session_state.get(CLICK)
    if not click or click["chart"] != chart:
        return
    segment, field = click["segment"], st.session_state.get(BY, "themes")
    rows = pageviews.segment_rows(recs, field, click["theme"], key, segment, none=_(NONE_OF[field]))
    with st.container(border=True, key=f"{chart}_clicked"):
        found = app.capped_caption(rows, lambda n: ngettext(
            "{n} recommendation in {theme} · {segment}.", "{n} recommendations in {theme} · {segment}.", n).format(
            n=number(n), theme=app.plain_md(click["theme"]), segment=app.plain_md(_(segment) if segment else "–")))
        app.recommendation_grid(views.recommendation_table(found, COLUMNS), found, ctx, key=f"{chart}_recs",
                                link="recommendations", column_config=TABLE)
        if st.session_state.pop(SCROLL, None) == chart:
            app.scroll_to(f"{chart}_clicked")
        if st.button(_("Close"), key=f"{chart}_close", icon=":material/close:"):
            st.session_state.pop(CLICK, None)
            st.rerun(scope="fragment")


@app.live("themes")
def render(ctx: app.PageContext) -> None:
    """The Themes page."""
    st.header(_("Themes"))
    recs = pageviews.with_sdg_goals(ctx.dataset.recommendations)
    cover, goals = pageviews.coverage(recs, "themes"), pageviews.coverage(recs, "sdg_goals")
    with st.container(horizontal=True, gap="medium"):
        st.metric(_("Recommendations"), number(len(recs)), border=True)
        st.metric(_("Themes"), number(cover["groups"]), border=True)
        st.metric(_("Without a theme"), number(cover["untagged"]), border=True)
        st.metric(_("SDGs"), number(goals["groups"]), border=True)
    if app.empty_notice(ctx):
        return
    field = st.radio(_("Group by"), list(GROUPINGS), key=BY, format_func=lambda k: _(GROUPINGS[k]),
                     horizontal=True, on_change=lambda: st.session_state.pop(CLICK, None))
    none = _(NONE_OF[field])
    numbers = st.toggle(_("Show numbers of recommendations instead of shares"), key="themes_numbers",
                        persist_state="session")
    by = st.segmented_control(_("Rank themes by"), list(RANKS), default="share", key="themes_rank",
                              format_func=lambda k: _(RANKS[k]), persist_state="session") or "share"
    status = breakdowns.status_by(recs, field, ctx.settings, none=none, by=by)
    status_title, response_title, picker = pageviews.themes_titles(field, by)
    fig = charts.status_by_bar(status, ctx.settings, title=status_title,
                               x_title=_("Recommendations") if numbers else "", percent=not numbers,
                               unit=_("recommendations"), empty=_("No recommendations to show."))
    st.plotly_chart(fig, key=chart_key("themes_status"), theme=None, selection_mode="points",
                    on_select=partial(follow_click, "themes_status"))
    clicked_rows(ctx, recs, "themes_status", "status")
    fig = charts.response_by_bar(breakdowns.response_by(recs, field, none=none),
                                 title=response_title,
                                 x_title=_("Recommendations"),
                                 unit=_("recommendations"), empty=_("No recommendations to show."))
    st.plotly_chart(fig, key=chart_key("themes_response"), theme=None, selection_mode="points",
                    on_select=partial(follow_click, "themes_response"))
    clicked_rows(ctx, recs, "themes_response", "response")
    st.subheader(_("The recommendations behind a bar"))
    theme = st.selectbox(picker, pageviews.groups_of(status), key=pick_key(), persist_state="session")
    found = app.capped_caption(breakdowns.recommendations_in(recs, field, theme, none=none), lambda n: ngettext(
        "{n} recommendation in {theme}.", "{n} recommendations in {theme}.", n).format(
        n=number(n), theme=app.plain_md(theme)))
    app.recommendation_grid(views.recommendation_table(found, COLUMNS), found, ctx, key="themes_recs",
                            link="recommendations", column_config=TABLE)
