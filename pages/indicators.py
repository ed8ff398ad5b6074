"""Indicators: each measure over time against its baseline and target, and qualitative ones as a dated log."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app, charts, metrics, pageviews, views

EMPTY = {"no-data": "The sheet has no indicators yet: add them to an Indicators tab, and their values to a "
                    "Measurements tab.",
         "quarantined": "Every row of the Indicators tab has an error: the Data quality page says what to fix.",
         "filtered": "No indicator is linked to the recommendations that match the filters. Clear some filters "
                     "in the sidebar."}
NUMBER = {"format": "%.4g"}
PROGRESS = {"indicator_id": st.column_config.TextColumn("ID", width="small", pinned=True),
            "indicator": st.column_config.TextColumn("Indicator", width="large"), "type": "Type", "unit": "Unit",
            "direction": "Direction", "baseline": st.column_config.NumberColumn("Baseline", **NUMBER),
            "target": st.column_config.NumberColumn("Target", **NUMBER),
            "latest": st.column_config.NumberColumn("Latest", **NUMBER),
            "latest_date": st.column_config.DateColumn("Measured on", format="D MMM YYYY"),
            "measurements": st.column_config.NumberColumn("Measurements", format="%d"),
            "progress_pct": st.column_config.ProgressColumn("Progress to target", min_value=0, max_value=100,
                                                            format="%.0f%%")}
LOG = {"date": st.column_config.DateColumn("Date", format="D MMM YYYY"), "value": "Value", "note": "Note",
       "source": "Source"}


@app.live
def render(ctx: app.PageContext) -> None:
    """The Indicators page."""
    st.header("Indicators")
    progress = metrics.indicator_progress(ctx.dataset)
    summary = pageviews.indicator_summary(progress)
    with st.container(horizontal=True, gap="medium"):
        st.metric("Indicators", f"{summary['indicators']:,}", border=True)
        st.metric("With measurements", f"{summary['measured']:,}", border=True)
        middle = summary["median_progress"]
        st.metric("Median progress to target", "–" if middle is None else f"{middle:.0f}%", border=True,
                  help="(latest − baseline) ÷ (target − baseline), for quantitative indicators with a target.")
    reason = pageviews.why_empty(ctx.full, ctx.dataset, ctx.filters, table="indicators")
    if reason:
        st.info(EMPTY[reason], icon=":material/info:")
        return
    ids = list(progress["indicator_id"])
    names = dict(zip(ids, progress["indicator"]))
    pick = st.selectbox("Indicator", ids, index=pageviews.default_indicator(progress), key="indicators_pick",
                        format_func=lambda i: f"{i} · {views.text_of(names[i])}", persist_state="session")
    info = pageviews.indicator_info(ctx.dataset, progress, pick)
    text = {k: views.text_of(v) or "–" for k, v in info.items()}
    if info["type"] == "Qualitative":
        st.caption("A qualitative indicator: its measurements are a dated log, newest first.")
    else:
        fig = charts.indicator_chart(
            metrics.indicator_series(ctx.dataset, pick), info["baseline"], info["target"], title=text["indicator"],
            unit=views.text_of(info["unit"]), value_label="Measured", baseline_label="Baseline",
            target_label="Target", empty="No numeric measurement of this indicator yet.")
        st.plotly_chart(fig, key="indicators_chart", theme=None)
        done = info["progress_pct"]
        away = " (further from the target than at the baseline)" if done is not None and done < 0 else ""
        st.markdown(f"**Progress to target: {'–' if done is None else f'{done:.0f}%'}**{away}")
    st.text(f"Baseline: {text['baseline_text']} ({text['baseline_date']}) · Target: {text['target_text']} "
            f"({text['target_date']}) · Direction: {text['direction']}\nSource: {text['source']} · "
            f"Recommendations: {text['rec_ids']}", width="stretch")
    st.dataframe(metrics.qualitative_log(ctx.dataset, pick), hide_index=True, column_config=LOG)
    st.subheader("Every indicator")
    st.dataframe(progress, hide_index=True, column_config=PROGRESS)
