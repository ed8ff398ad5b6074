"""Indicators: each measure over time against its baseline and target, and qualitative ones as a dated log."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app
from upr_sheets.analysis import charts, indicator_figures, pageviews, views
from upr_sheets.core.i18n import _, day, number, percent

EMPTY = {"no-data": _("The sheet has no indicators yet: add them to an Indicators tab, and their values to a "
                      "Measurements tab."),
         "quarantined": _("Every row of the Indicators tab has an error: the Data quality page says what to fix."),
         "filtered": _("No indicator is linked to the recommendations that match the filters. Clear some filters "
                       "in the sidebar.")}
NUMBER = {"format": "%.4g"}
PROGRESS = {"indicator_id": st.column_config.TextColumn(_("ID"), width="small", pinned=True),
            "indicator": st.column_config.TextColumn(_("Indicator"), width="large"), "type": _("Type"),
            "unit": _("Unit"), "direction": _("Direction"),
            "baseline": st.column_config.NumberColumn(_("Baseline"), **NUMBER),
            "target": st.column_config.NumberColumn(_("Target"), **NUMBER),
            "latest": st.column_config.NumberColumn(_("Latest"), **NUMBER),
            "latest_date": st.column_config.TextColumn(_("Measured on")),
            "measurements": st.column_config.NumberColumn(_("Measurements"), format="%d"),
            "progress_pct": st.column_config.ProgressColumn(_("Progress to target"), min_value=0, max_value=100,
                                                            format="%.0f%%")}
LOG = {"date": st.column_config.TextColumn(_("Date")), "value": _("Value"), "note": _("Note"),
       "source": _("Source")}


@app.live("indicators")
def render(ctx: app.PageContext) -> None:
    """The Indicators page."""
    st.header(_("Indicators"))
    progress = indicator_figures.indicator_progress(ctx.dataset)
    summary = pageviews.indicator_summary(progress)
    with st.container(horizontal=True, gap="medium"):
        st.metric(_("Indicators"), number(summary["indicators"]), border=True)
        st.metric(_("With measurements"), number(summary["measured"]), border=True)
        st.metric(_("Median progress to target"), percent(summary["median_progress"]), border=True,
                  help=_("(latest − baseline) ÷ (target − baseline), for quantitative indicators with a target."))
    if app.empty_notice(ctx, EMPTY, table="indicators"):
        return
    choices = pageviews.indicator_choices(progress)
    pick = st.selectbox(_("Indicator"), list(choices), index=pageviews.default_indicator(progress),
                        key="indicators_pick", format_func=choices.__getitem__, persist_state="session")
    info = pageviews.indicator_info(ctx.dataset, progress, pick)
    text = {k: views.text_of(v) or "–" for k, v in info.items()}
    if info["type"] == "Qualitative":
        st.caption(_("A qualitative indicator: its measurements are a dated log, newest first."))
    else:
        series = indicator_figures.indicator_series(ctx.dataset, pick)
        fig = charts.indicator_chart(
            series, info["baseline"], info["target"], title=text["indicator"],
            unit=views.text_of(info["unit"]), value_label=_("Measured"), baseline_label=_("Baseline"),
            target_label=_("Target"), empty=_("No numeric measurement of this indicator yet."))
        st.plotly_chart(fig, key="indicators_chart", theme=None)
        done = info["progress_pct"]
        said = _("Progress to target: {percent}").format(percent=percent(done))
        away = _("(further from the target than at the baseline)") if done is not None and done < 0 else ""
        st.markdown(f"**{said}** {away}".strip())
    st.text(_("Baseline: {baseline} ({baseline_date}) · Target: {target} ({target_date}) · Direction: {direction}\n"
              "Source: {source} · Recommendations: {recommendations}").format(
        baseline=text["baseline_text"], baseline_date=day(info["baseline_date"]), target=text["target_text"],
        target_date=day(info["target_date"]), direction=_(info["direction"]) if info["direction"] else "–",
        source=text["source"], recommendations=text["rec_ids"]), width="stretch")
    st.dataframe(views.display_frame(indicator_figures.qualitative_log(ctx.dataset, pick), dates=("date",)),
                 hide_index=True, column_config=LOG, placeholder="–")
    app.measurement_form(ctx, pick)
    st.subheader(_("Every indicator"))
    st.dataframe(views.display_frame(progress, ("type", "direction"), ("latest_date",)), hide_index=True,
                 column_config=PROGRESS, placeholder="–")
