"""Cycles: the UPR cycles side by side, and the recommendations made again from one cycle to the next."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app
from upr_sheets.analysis import breakdowns, charts, filters, pageviews
from upr_sheets.core.i18n import _, ngettext, number

RESPONSES = {"accepted": _("Accepted"), "partially_accepted": _("Partially accepted"), "noted": _("Noted"),
             "pending": _("Pending")}
PERCENT = {"min_value": 0, "max_value": 100, "format": "%.0f%%"}
COMPARISON = {"cycle": st.column_config.NumberColumn(_("Cycle"), format="%d", width="small"),
              "count": _("Recommendations"), **{k: st.column_config.NumberColumn(v) for k, v in RESPONSES.items()},
              "triggered_pct": st.column_config.ProgressColumn(_("Triggered action"), **PERCENT),
              "fully_pct": st.column_config.ProgressColumn(_("Fully implemented"), **PERCENT)}
PAIRS = {"similarity": st.column_config.ProgressColumn(_("Similarity"), min_value=0, max_value=100, format="%.0f"),
         "cycle_a": st.column_config.NumberColumn(_("Cycle"), format="%d", width="small"),
         "id_a": st.column_config.TextColumn(_("ID"), width="small"),
         "text_a": st.column_config.TextColumn(_("Earlier recommendation"), width="large"),
         "cycle_b": st.column_config.NumberColumn(_("Cycle"), format="%d", width="small"),
         "id_b": st.column_config.TextColumn(_("ID"), width="small"),
         "text_b": st.column_config.TextColumn(_("Made again as"), width="large")}


@app.live("cycles")
def render(ctx: app.PageContext) -> None:
    """The Cycles page."""
    st.header(_("Cycles"))
    recs = ctx.dataset.recommendations
    comparison = breakdowns.cycle_comparison(ctx.dataset, ctx.settings)
    with st.container(horizontal=True, gap="medium"):
        st.metric(_("Cycles"), number(len(comparison)), border=True)
        st.metric(_("Recommendations"), number(len(recs)), border=True)
    if app.empty_notice(ctx):
        return
    left, right = st.columns(2, gap="large")
    with left:
        fig = charts.cycles_bar(comparison, pageviews.present(comparison, RESPONSES), title=_("Responses by cycle"),
                                y_title=_("Recommendations"), cycle_label=_("Cycle {cycle}"))
        st.plotly_chart(fig, key="cycles_responses", theme=None)
    with right:
        fig = charts.cycles_bar(comparison, {"triggered_pct": _("Triggered action"),
                                             "fully_pct": _("Fully implemented")},
                                title=_("Implementation by cycle"),
                                y_title=_("Share of the cycle's recommendations (%)"), cycle_label=_("Cycle {cycle}"))
        st.plotly_chart(fig, key="cycles_implementation", theme=None)
    st.dataframe(comparison, hide_index=True, column_config=COMPARISON)
    st.subheader(_("Recommendations made again"))
    if len(comparison) < 2:
        st.caption(_("Recurring recommendations need at least two cycles in view."))
        if filters.pooled_cycles(ctx.full, filters.Filters()) > 1:
            st.caption(_("Choose All cycles under the Cycle filter of the sidebar to compare the reviews."))
        return
    st.caption(_("Each recommendation is compared with those of the previous cycle; the closest one is kept when "
                 "their texts are similar enough (100 = the same words)."))
    threshold = st.slider(_("Similarity at least"), min_value=60, max_value=100, value=80, step=5,
                          key="cycles_threshold", persist_state="session")
    with st.spinner(_("Comparing the recommendations of each cycle with the previous one…")):
        pairs = app.recurring_pairs(recs, threshold)
    shown_pairs = app.capped_caption(pairs, lambda n: ngettext(
        "{n} recommendation repeats one of the cycle before.",
        "{n} recommendations repeat one of the cycle before.", n).format(n=number(n)),
        more=_("The {n} most similar are listed."))
    if not pairs.attrs.get("complete", True):
        st.caption(_("With this many recommendations, only those sharing a rare word were compared: "
                     "a few repeats may be missing."))
    if len(shown_pairs):
        st.dataframe(shown_pairs, hide_index=True, column_config=PAIRS, column_order=list(PAIRS))
