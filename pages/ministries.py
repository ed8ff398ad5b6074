"""Ministries: a scorecard per responsible body, stale assessments and claims the coalition disputes."""

from __future__ import annotations

from datetime import date

import streamlit as st

from upr_sheets import app, charts, metrics, pageviews, views

EMPTY = {"no-data": "The Recommendations tab has no rows yet, so there is nothing to show.",
         "quarantined": "Every row of the Recommendations tab has an error: the Data quality page says what to fix.",
         "filtered": "No recommendation matches the filters. Clear some filters in the sidebar."}
NONE = "(no ministry)"
CARD = {"ministry": st.column_config.TextColumn("Responsible body", width="medium"),
        "assigned": st.column_config.NumberColumn("Assigned", format="%d"),
        "triggered_pct": st.column_config.ProgressColumn("Triggered action", min_value=0, max_value=100,
                                                         format="%.0f%%"),
        "stale": st.column_config.NumberColumn("Not assessed lately", format="%d"),
        "disagreements": st.column_config.NumberColumn("Government claim disputed", format="%d")}
COLUMNS = {"id": "ID", "cycle": "Cycle", "text": "Recommendation", "status": "Coalition's assessment",
           "government_status": "Government says", "ministries": "Ministries", "evidence": "Evidence"}
TABLE = {"ID": st.column_config.TextColumn("ID", width="small", pinned=True),
         "Cycle": st.column_config.NumberColumn("Cycle", width="small", format="%d"),
         "Recommendation": st.column_config.TextColumn("Recommendation", width="large")}
LIMIT = 500


@app.live
def render(ctx: app.PageContext) -> None:
    """The Ministries page."""
    st.header("Ministries")
    figures = st.container(horizontal=True, gap="medium")
    reason = pageviews.why_empty(ctx.full, ctx.dataset, ctx.filters)
    if reason:
        st.info(EMPTY[reason], icon=":material/info:")
        return
    months = st.number_input("Stale after this many months without an assessment", min_value=1, max_value=240,
                             value=ctx.settings.dashboard.stale_after_months, step=1, key="ministries_months",
                             persist_state="session")
    today, recs = date.today(), ctx.dataset.recommendations
    card = metrics.ministry_scorecard(ctx.dataset, ctx.settings, today, int(months), none=NONE)
    disputed = metrics.disagreements(recs, ctx.settings)
    with figures:
        st.metric("Recommendations", f"{len(recs):,}", border=True)
        st.metric("Responsible bodies", f"{pageviews.coverage(recs, 'ministries')['groups']:,}", border=True)
        st.metric(f"Not assessed in {months} months", f"{int(metrics.stale_mask(ctx.dataset, today, months).sum()):,}",
                  border=True, help="No dated assessment and no Last Assessed date in that time.")
        st.metric("Government claim disputed", f"{len(disputed):,}", border=True,
                  help="The coalition's assessment and the government's status are both set and differ.")
    fig = charts.scorecard_bar(card, title="Recommendations that triggered action, by responsible body",
                               x_title="", of="of",
                               benchmark=metrics.UPR_INFO_BENCHMARKS["all"], benchmark_label="UPR Info")
    st.plotly_chart(fig, key="ministries_scorecard", theme=None)
    st.subheader("Scorecard")
    st.dataframe(card, hide_index=True, column_config=CARD)
    st.subheader("Where the coalition and the government disagree")
    if disputed.empty:
        st.caption("The coalition's assessment and the government's claim agree wherever both are set.")
        return
    shown, total = pageviews.capped(disputed, LIMIT)
    more = f"; the first {LIMIT:,} are listed" if total > LIMIT else ""
    st.caption(f"{total:,} recommendation{'s' if total != 1 else ''} where both are set and differ{more}.")
    st.dataframe(views.recommendation_table(shown, COLUMNS), hide_index=True, column_config=TABLE)
