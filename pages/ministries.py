"""Ministries: a scorecard per responsible body, stale assessments and claims the coalition disputes."""

from __future__ import annotations

from datetime import date

import streamlit as st

from upr_sheets import app
from upr_sheets.analysis import breakdowns, charts, metrics, pageviews, views
from upr_sheets.core.i18n import N_, _, ngettext, number

NONE = _("(no ministry)")
CARD = {"ministry": st.column_config.TextColumn(_("Responsible body"), width="medium"),
        "assigned": st.column_config.NumberColumn(_("Assigned"), format="%d"),
        "triggered_pct": st.column_config.ProgressColumn(_("Triggered action"), min_value=0, max_value=100,
                                                         format="%.0f%%"),
        "stale": st.column_config.NumberColumn(_("Not assessed lately"), format="%d"),
        "disagreements": st.column_config.NumberColumn(_("Government claim disputed"), format="%d")}
COLUMNS = {"id": N_("ID"), "cycle": N_("Cycle"), "text": N_("Recommendation"), "status": N_("Coalition's assessment"),
           "government_status": N_("Government says"), "ministries": N_("Ministries"), "evidence": N_("Evidence")}
TABLE = app.table_columns(COLUMNS.values())  # the table's column names are COLUMNS' English labels


@app.live("ministries")
def render(ctx: app.PageContext) -> None:
    """The Ministries page."""
    st.header(_("Ministries"))
    figures = st.container(horizontal=True, gap="medium")
    if app.empty_notice(ctx):
        return
    months = st.number_input(_("Stale after this many months without an assessment"), min_value=1, max_value=240,
                             value=ctx.settings.dashboard.stale_after_months, step=1, key="ministries_months",
                             persist_state="session")
    today, recs = date.today(), ctx.dataset.recommendations
    card = breakdowns.ministry_scorecard(ctx.dataset, ctx.settings, today, int(months), none=NONE)
    disputed = metrics.disagreements(recs, ctx.settings)
    with figures:
        st.metric(_("Recommendations"), number(len(recs)), border=True)
        st.metric(_("Responsible bodies"), number(pageviews.coverage(recs, "ministries")["groups"]), border=True)
        st.metric(ngettext("Not assessed in {n} month", "Not assessed in {n} months", months).format(n=number(months)),
                  number(int(metrics.stale_mask(ctx.dataset, today, months).sum())), border=True,
                  help=_("No dated assessment and no Last Assessed date in that time."))
        st.metric(_("Government claim disputed"), number(len(disputed)), border=True,
                  help=_("The coalition's assessment and the government's status are both set and differ."))
    fig = charts.scorecard_bar(card, title=_("Recommendations that triggered action, by responsible body"),
                               x_title="", share_of=_("{percent} of {total}"))  # no benchmark: of all recs
    st.plotly_chart(fig, key="ministries_scorecard", theme=None)
    st.subheader(_("Scorecard"))
    st.dataframe(card, hide_index=True, column_config=CARD)
    app.follow_up_panel(ctx)
    st.subheader(_("Where the coalition and the government disagree"))
    if disputed.empty:
        st.caption(_("The coalition's assessment and the government's claim agree wherever both are set."))
        return
    shown = app.capped_caption(disputed, lambda n: ngettext(
        "{n} recommendation where both are set and differ.",
        "{n} recommendations where both are set and differ.", n).format(n=number(n)))
    app.recommendation_grid(views.recommendation_table(shown, COLUMNS), shown, ctx, key="ministries_recs",
                            link="recommendations", column_config=TABLE)
