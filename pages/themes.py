"""Themes: implementation status and responses by theme, and the recommendations behind a bar."""

from __future__ import annotations

from functools import partial

import streamlit as st

from upr_sheets import app, charts, metrics, pageviews, views

EMPTY = {"no-data": "The Recommendations tab has no rows yet, so there is nothing to show.",
         "quarantined": "Every row of the Recommendations tab has an error: the Data quality page says what to fix.",
         "filtered": "No recommendation matches the filters. Clear some filters in the sidebar."}
NONE = "(no theme)"
PICK = "themes_pick"
COLUMNS = {"id": "ID", "cycle": "Cycle", "text": "Recommendation", "response": "Response", "status": "Status",
           "states": "Recommending States", "ministries": "Ministries"}
TABLE = {"ID": st.column_config.TextColumn("ID", width="small", pinned=True),
         "Cycle": st.column_config.NumberColumn("Cycle", width="small", format="%d"),
         "Recommendation": st.column_config.TextColumn("Recommendation", width="large")}
LIMIT = 500


def follow_click(chart: str) -> None:
    """Show the recommendations of the theme whose bar was clicked."""
    group = pageviews.clicked_group(st.session_state.get(chart))
    if group is not None:
        st.session_state[PICK] = group


@app.live
def render(ctx: app.PageContext) -> None:
    """The Themes page."""
    st.header("Themes")
    recs = ctx.dataset.recommendations
    cover = pageviews.coverage(recs, "themes")
    with st.container(horizontal=True, gap="medium"):
        st.metric("Recommendations", f"{len(recs):,}", border=True)
        st.metric("Themes", f"{cover['groups']:,}", border=True)
        st.metric("Without a theme", f"{cover['untagged']:,}", border=True)
    reason = pageviews.why_empty(ctx.full, ctx.dataset, ctx.filters)
    if reason:
        st.info(EMPTY[reason], icon=":material/info:")
        return
    numbers = st.toggle("Show numbers of recommendations instead of shares", key="themes_numbers",
                        persist_state="session")
    status = metrics.status_by(recs, "themes", ctx.settings, none=NONE)
    fig = charts.status_by_bar(status, ctx.settings, title="Status by theme, best implemented first",
                               x_title="Recommendations" if numbers else "",
                               percent=not numbers, unit="recommendations", empty="No recommendations to show.")
    st.plotly_chart(fig, key="themes_status", theme=None, on_select=partial(follow_click, "themes_status"),
                    selection_mode="points")
    fig = charts.response_by_bar(metrics.response_by(recs, "themes", none=NONE), title="Accepted and noted, by theme",
                                 x_title="Recommendations", unit="recommendations", empty="No recommendations to show.")
    st.plotly_chart(fig, key="themes_response", theme=None, on_select=partial(follow_click, "themes_response"),
                    selection_mode="points")
    st.subheader("The recommendations behind a bar")
    theme = st.selectbox("Click a bar above, or choose a theme", pageviews.groups_of(status), key=PICK,
                         persist_state="session")
    found, total = pageviews.capped(metrics.recommendations_in(recs, "themes", theme, none=NONE), LIMIT)
    more = f"; the first {LIMIT:,} are listed" if total > LIMIT else ""
    st.caption(f"{total:,} recommendation{'s' if total != 1 else ''} in {app.plain_md(theme)}{more}.")
    st.dataframe(views.recommendation_table(found, COLUMNS), hide_index=True, column_config=TABLE)
