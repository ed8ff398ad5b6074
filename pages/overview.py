"""Overview: headline figures against UPR Info's benchmarks, status, progress, the UPR calendar, recent changes."""

from __future__ import annotations

from datetime import date

import streamlit as st

from upr_sheets import app, charts, metrics, pageviews

EMPTY = {"no-data": "The Recommendations tab has no rows yet, so there is nothing to show.",
         "quarantined": "Every row of the Recommendations tab has an error: the Data quality page says what to fix.",
         "filtered": "No recommendation matches the filters. Clear some filters in the sidebar."}
MILESTONES = {"review_date": "Review", "adoption_date": "Adoption", "midterm_due": "Mid-term report due",
              "next_review": "Next review"}
GROUPS = {"all": "All recommendations", "accepted": "Accepted", "noted": "Noted"}
CHANGES = {"id": st.column_config.TextColumn("ID", width="small"),
           "cycle": st.column_config.NumberColumn("Cycle", format="%d", width="small"),
           "text": st.column_config.TextColumn("Recommendation", width="large"), "from": "Was", "to": "Now",
           "date": st.column_config.DateColumn("Assessed on", format="D MMM YYYY")}


@app.live
def render(ctx: app.PageContext) -> None:
    """The Overview page."""
    st.header("Overview")
    head = metrics.headline(ctx.dataset, ctx.settings)
    shares, bench = head["triggered_pct"], head["benchmarks"]
    with st.container(horizontal=True, gap="medium"):
        st.metric("Recommendations", f"{head['total']:,}", border=True)
        st.metric("Accepted", f"{head['accepted']:,}", border=True,
                  help=f"Partially accepted: {head['partially_accepted']:,}. Pending: {head['pending']:,}.")
        st.metric("Noted", f"{head['noted']:,}", border=True)
        st.metric("Triggered action", "–" if shares["all"] is None else f"{shares['all']:g}%", border=True,
                  delta=None if shares["all"] is None else f"{shares['all'] - bench['all']:+.0f} points vs UPR Info",
                  help="Partially or fully implemented, as a share of all recommendations. UPR Info found 48% "
                       "of first-cycle recommendations had triggered action by the mid-term.")
    reason = pageviews.why_empty(ctx.full, ctx.dataset, ctx.filters)
    if reason:
        st.info(EMPTY[reason], icon=":material/info:")
        return
    left, right = st.columns(2, gap="large")
    fig = pageviews.benchmark_bar(shares, bench, GROUPS, title="Triggered action, against UPR Info's benchmarks",
                                  value_label="This coalition's assessment",
                                  benchmark_label="UPR Info, first cycle at mid-term")
    left.plotly_chart(fig, key="overview_benchmark", theme=None)
    fig = charts.status_bar(metrics.status_distribution(ctx.dataset.recommendations, ctx.settings), ctx.settings,
                            title="Implementation status", x_title="Recommendations")
    right.plotly_chart(fig, key="overview_status", theme=None)
    fig = charts.progress_area(metrics.progress_over_time(ctx.dataset, ctx.settings), ctx.settings,
                               title="Progress over time, from dated assessments", y_title="Recommendations",
                               empty="No dated assessments yet.")
    st.plotly_chart(fig, key="overview_progress", theme=None)
    st.subheader("UPR calendar")
    today = date.today()
    line = metrics.timeline(ctx.full, today, MILESTONES)
    if line.empty:
        st.caption("Add a Cycles tab (Cycle, Review Date, Mid-term Report Due, Next Review) to see the time left.")
    else:
        with st.container(horizontal=True, gap="medium"):
            for m in pageviews.next_milestones(line, [MILESTONES["midterm_due"], MILESTONES["next_review"]]):
                left_text = f"in {m['days_left']:,} days" if m["days_left"] >= 0 else f"{-m['days_left']:,} days ago"
                with st.container(border=True):
                    st.caption(f"{m['milestone']}, cycle {m['cycle']}")
                    st.markdown(f"**{m['date']:%d %b %Y}** · {left_text}")
        fig = charts.timeline_chart(line, today, title="Milestones of each cycle", today_label="Today",
                                    cycle_label="Cycle {}", empty="No dates in the Cycles tab.")
        st.plotly_chart(fig, key="overview_timeline", theme=None)
    st.subheader("What changed")
    window = pageviews.since_range(ctx.full)
    if window is None:
        st.caption("No dated assessments yet: add rows to the Assessments tab to follow changes.")
        return
    since = st.date_input("Status changes since", value=window[0], min_value=window[1],
                          max_value=max(today, window[2]), key="overview_since", format="DD/MM/YYYY") or window[0]
    changes, total = pageviews.capped(metrics.changes_since(ctx.dataset, since, ctx.settings), 500)
    more = f"; the {len(changes):,} most recent are listed" if total > len(changes) else ""
    st.caption(f"{total:,} recommendation{'s' if total != 1 else ''} changed status after {since:%d %b %Y}{more}.")
    if total:
        st.dataframe(changes, hide_index=True, column_config=CHANGES)
