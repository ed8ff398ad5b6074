"""Cycles: the UPR cycles side by side, and the recommendations made again from one cycle to the next."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app, app_cache, charts, metrics, pageviews

EMPTY = {"no-data": "The Recommendations tab has no rows yet, so there is nothing to show.",
         "quarantined": "Every row of the Recommendations tab has an error: the Data quality page says what to fix.",
         "filtered": "No recommendation matches the filters. Clear some filters in the sidebar."}
RESPONSES = {"accepted": "Accepted", "partially_accepted": "Partially accepted", "noted": "Noted",
             "pending": "Pending"}
PERCENT = {"min_value": 0, "max_value": 100, "format": "%.0f%%"}
COMPARISON = {"cycle": st.column_config.NumberColumn("Cycle", format="%d", width="small"),
              "count": "Recommendations", **{k: st.column_config.NumberColumn(v) for k, v in RESPONSES.items()},
              "triggered_pct": st.column_config.ProgressColumn("Triggered action", **PERCENT),
              "fully_pct": st.column_config.ProgressColumn("Fully implemented", **PERCENT)}
PAIRS = {"similarity": st.column_config.ProgressColumn("Similarity", min_value=0, max_value=100, format="%.0f"),
         "cycle_a": st.column_config.NumberColumn("Cycle", format="%d", width="small"),
         "id_a": st.column_config.TextColumn("ID", width="small"),
         "text_a": st.column_config.TextColumn("Earlier recommendation", width="large"),
         "cycle_b": st.column_config.NumberColumn("Cycle", format="%d", width="small"),
         "id_b": st.column_config.TextColumn("ID", width="small"),
         "text_b": st.column_config.TextColumn("Made again as", width="large")}
LIMIT = 500


@app.live
def render(ctx: app.PageContext) -> None:
    """The Cycles page."""
    st.header("Cycles")
    recs = ctx.dataset.recommendations
    comparison = metrics.cycle_comparison(ctx.dataset, ctx.settings)
    with st.container(horizontal=True, gap="medium"):
        st.metric("Cycles", f"{len(comparison):,}", border=True)
        st.metric("Recommendations", f"{len(recs):,}", border=True)
    reason = pageviews.why_empty(ctx.full, ctx.dataset, ctx.filters)
    if reason:
        st.info(EMPTY[reason], icon=":material/info:")
        return
    left, right = st.columns(2, gap="large")
    with left:
        fig = charts.cycles_bar(comparison, pageviews.present(comparison, RESPONSES), title="Responses by cycle",
                                y_title="Recommendations", cycle_label="Cycle {}")
        st.plotly_chart(fig, key="cycles_responses", theme=None)
    with right:
        fig = charts.cycles_bar(comparison, {"triggered_pct": "Triggered action", "fully_pct": "Fully implemented"},
                                title="Implementation by cycle", y_title="% of the cycle's recommendations",
                                cycle_label="Cycle {}")
        st.plotly_chart(fig, key="cycles_implementation", theme=None)
    st.dataframe(comparison, hide_index=True, column_config=COMPARISON)
    st.subheader("Recommendations made again")
    if len(comparison) < 2:
        st.caption("Recurring recommendations need at least two cycles in view.")
        return
    st.caption("Each recommendation is compared with those of the previous cycle; the closest one is kept when "
               "their texts are similar enough (100 = the same words).")
    threshold = st.slider("Similarity at least", min_value=60, max_value=100, value=80, step=5,
                          key="cycles_threshold", persist_state="session")
    with st.spinner("Comparing the recommendations of each cycle with the previous one…"):
        pairs = app_cache.recurring_pairs(recs, threshold)
    shown_pairs, total = pageviews.capped(pairs, LIMIT)
    more = f"; the {LIMIT:,} most similar are listed" if total > LIMIT else ""
    st.caption(f"{total:,} recommendation{'s repeat' if total != 1 else ' repeats'} one of the cycle before{more}.")
    if not pairs.attrs.get("complete", True):
        st.caption("With this many recommendations, only those sharing a rare word were compared: "
                   "a few repeats may be missing.")
    if total:
        st.dataframe(shown_pairs, hide_index=True, column_config=PAIRS, column_order=list(PAIRS))
