"""Recommending States: who recommended what, what was accepted and implemented, by State and UN regional group."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app, charts, metrics, pageviews, views

EMPTY = {"no-data": "The Recommendations tab has no rows yet, so there is nothing to show.",
         "quarantined": "Every row of the Recommendations tab has an error: the Data quality page says what to fix.",
         "filtered": "No recommendation matches the filters. Clear some filters in the sidebar."}
PERCENT = {"min_value": 0, "max_value": 100, "format": "%.0f%%"}
SHARES = {"made": st.column_config.NumberColumn("Recommendations made", format="%d"),
          "accepted_pct": st.column_config.ProgressColumn("Accepted", **PERCENT),
          "triggered_pct": st.column_config.ProgressColumn("Triggered action", **PERCENT)}
STATES = {"state": st.column_config.TextColumn("State", width="medium", pinned=True),
          "regional_group": st.column_config.TextColumn("UN regional group", width="medium"), **SHARES}
REGIONS = {"regional_group": st.column_config.TextColumn("UN regional group", width="medium", pinned=True),
           "states": st.column_config.NumberColumn("States", format="%d"), **SHARES}
COLUMNS = {"id": "ID", "cycle": "Cycle", "text": "Recommendation", "response": "Response", "status": "Status",
           "themes": "Themes", "ministries": "Ministries"}
TABLE = {"ID": st.column_config.TextColumn("ID", width="small", pinned=True),
         "Cycle": st.column_config.NumberColumn("Cycle", width="small", format="%d"),
         "Recommendation": st.column_config.TextColumn("Recommendation", width="large")}
TOP = 20
LIMIT = 500


@app.live
def render(ctx: app.PageContext) -> None:
    """The Recommending States page."""
    st.header("Recommending States")
    recs = ctx.dataset.recommendations
    table, regions = metrics.state_table(recs, ctx.settings), metrics.regional_table(recs, ctx.settings)
    with st.container(horizontal=True, gap="medium"):
        st.metric("Recommending States", f"{len(table):,}", border=True)
        st.metric("Recommendations", f"{len(recs):,}", border=True)
        st.metric("Without a State", f"{pageviews.coverage(recs, 'states')['untagged']:,}", border=True)
    reason = pageviews.why_empty(ctx.full, ctx.dataset, ctx.filters)
    if reason:
        st.info(EMPTY[reason], icon=":material/info:")
        return
    if table.empty:
        st.info("No recommendation in view names a recommending State.", icon=":material/info:")
        return
    top = min(TOP, len(table))
    title = (f"The {top} States that made the most recommendations" if len(table) > top
             else "Recommendations by recommending State")
    fig = charts.states_bar(table, title=title, x_title="Recommendations made", top=top, accepted="accepted",
                            triggered="triggered action", empty="No recommending States to show.")
    st.plotly_chart(fig, key="states_top", theme=None)
    st.subheader("Every recommending State")
    st.dataframe(table, hide_index=True, column_config=STATES,
                 column_order=["state", "made", "accepted_pct", "triggered_pct", "regional_group"])
    st.subheader("By UN regional group")
    st.caption("A recommendation made jointly by several States of one group counts once for that group.")
    st.dataframe(regions, hide_index=True, column_config=REGIONS)
    st.subheader("What one State recommended")
    state = st.selectbox("Recommending State", list(table["state"]), key="states_pick", persist_state="session")
    found, total = pageviews.capped(metrics.recommendations_in(recs, "states", state), LIMIT)
    more = f"; the first {LIMIT:,} are listed" if total > LIMIT else ""
    st.caption(f"{total:,} recommendation{'s' if total != 1 else ''} made by {app.plain_md(state)}{more}.")
    st.dataframe(views.recommendation_table(found, COLUMNS), hide_index=True, column_config=TABLE)
