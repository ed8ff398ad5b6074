"""Themes: implementation status and responses by theme, and the recommendations behind a bar."""

from __future__ import annotations

from functools import partial

import streamlit as st

from upr_sheets import app
from upr_sheets.analysis import breakdowns, charts, pageviews, views
from upr_sheets.core.i18n import N_, _, ngettext, number

NONE = _("(no theme)")
PICK = "themes_pick"
RANKS = {"share": N_("Share fully implemented"), "count": N_("Number of recommendations")}
TITLES = {"share": N_("Status by theme, best implemented first"), "count": N_("Status by theme, largest first")}
COLUMNS = {"id": N_("ID"), "cycle": N_("Cycle"), "text": N_("Recommendation"), "response": N_("Response"),
           "status": N_("Status"), "states": N_("Recommending States"), "ministries": N_("Ministries")}
TABLE = app.table_columns(COLUMNS.values())  # the table's column names are COLUMNS' English labels


def follow_click(chart: str) -> None:
    """Show the recommendations of the theme whose bar was clicked."""
    group = pageviews.clicked_group(st.session_state.get(chart))
    if group is not None:
        st.session_state[PICK] = group


@app.live("themes")
def render(ctx: app.PageContext) -> None:
    """The Themes page."""
    st.header(_("Themes"))
    recs = ctx.dataset.recommendations
    cover = pageviews.coverage(recs, "themes")
    with st.container(horizontal=True, gap="medium"):
        st.metric(_("Recommendations"), number(len(recs)), border=True)
        st.metric(_("Themes"), number(cover["groups"]), border=True)
        st.metric(_("Without a theme"), number(cover["untagged"]), border=True)
    if app.empty_notice(ctx):
        return
    numbers = st.toggle(_("Show numbers of recommendations instead of shares"), key="themes_numbers",
                        persist_state="session")
    by = st.segmented_control(_("Rank themes by"), list(RANKS), default="share", key="themes_rank",
                              format_func=lambda k: _(RANKS[k]), persist_state="session") or "share"
    status = breakdowns.status_by(recs, "themes", ctx.settings, none=NONE, by=by)
    fig = charts.status_by_bar(status, ctx.settings, title=_(TITLES[by]),
                               x_title=_("Recommendations") if numbers else "", percent=not numbers,
                               unit=_("recommendations"), empty=_("No recommendations to show."))
    st.plotly_chart(fig, key="themes_status", theme=None, on_select=partial(follow_click, "themes_status"),
                    selection_mode="points")
    fig = charts.response_by_bar(breakdowns.response_by(recs, "themes", none=NONE),
                                 title=_("Accepted and noted, by theme"), x_title=_("Recommendations"),
                                 unit=_("recommendations"), empty=_("No recommendations to show."))
    st.plotly_chart(fig, key="themes_response", theme=None, on_select=partial(follow_click, "themes_response"),
                    selection_mode="points")
    st.subheader(_("The recommendations behind a bar"))
    theme = st.selectbox(_("Click a bar above, or choose a theme"), pageviews.groups_of(status), key=PICK,
                         persist_state="session")
    found = app.capped_caption(breakdowns.recommendations_in(recs, "themes", theme, none=NONE), lambda n: ngettext(
        "{n} recommendation in {theme}.", "{n} recommendations in {theme}.", n).format(
        n=number(n), theme=app.plain_md(theme)))
    app.recommendation_grid(views.recommendation_table(found, COLUMNS), found, ctx, key="themes_recs",
                            link="recommendations", column_config=TABLE)
