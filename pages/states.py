"""Recommending States: who recommended what, what was accepted and implemented, by State and UN regional group."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app
from upr_sheets.analysis import breakdowns, charts, pageviews, views
from upr_sheets.core.i18n import N_, _, ngettext, number

PERCENT = {"min_value": 0, "max_value": 100, "format": "%.0f%%"}
SHARES = {"made": st.column_config.NumberColumn(_("Recommendations made"), format="%d"),
          "accepted_pct": st.column_config.ProgressColumn(_("Accepted"), **PERCENT),
          "triggered_pct": st.column_config.ProgressColumn(_("Triggered action"), **PERCENT)}
STATES = {"state": st.column_config.TextColumn(_("State"), width="medium", pinned=True),
          "regional_group": st.column_config.TextColumn(_("UN regional group"), width="medium"), **SHARES}
REGIONS = {"regional_group": st.column_config.TextColumn(_("UN regional group"), width="medium", pinned=True),
           "states": st.column_config.NumberColumn(_("States"), format="%d"), **SHARES}
COLUMNS = {"id": N_("ID"), "cycle": N_("Cycle"), "text": N_("Recommendation"), "response": N_("Response"),
           "status": N_("Status"), "themes": N_("Themes"), "ministries": N_("Ministries")}
TABLE = app.table_columns(COLUMNS.values())  # the table's column names are COLUMNS' English labels
TOP = 20


@app.live("states")
def render(ctx: app.PageContext) -> None:
    """The Recommending States page."""
    st.header(_("Recommending States"))
    recs = ctx.dataset.recommendations
    table, regions = breakdowns.state_table(recs, ctx.settings), breakdowns.regional_table(recs, ctx.settings)
    with st.container(horizontal=True, gap="medium"):
        st.metric(_("Recommending States"), number(len(table)), border=True)
        st.metric(_("Recommendations"), number(len(recs)), border=True)
        st.metric(_("Without a State"), number(pageviews.coverage(recs, "states")["untagged"]), border=True)
    if app.empty_notice(ctx):
        return
    if table.empty:
        st.info(_("No recommendation in view names a recommending State."), icon=":material/info:")
        return
    top = min(TOP, len(table))
    title = (_("The {n} States that made the most recommendations").format(n=number(top)) if len(table) > top
             else _("Recommendations by recommending State"))
    fig = charts.states_bar(table, title=title, x_title=_("Recommendations made"), top=top, accepted=_("accepted"),
                            triggered=_("triggered action"), empty=_("No recommending States to show."))
    st.plotly_chart(fig, key="states_top", theme=None)
    st.subheader(_("Every recommending State"))
    st.dataframe(table, hide_index=True, column_config=STATES,
                 column_order=["state", "made", "accepted_pct", "triggered_pct", "regional_group"])
    st.subheader(_("By UN regional group"))
    st.caption(_("A recommendation made jointly by several States of one group counts once for that group."))
    st.dataframe(regions, hide_index=True, column_config=REGIONS)
    st.subheader(_("What one State recommended"))
    state = st.selectbox(_("Recommending State"), list(table["state"]), key="states_pick", persist_state="session")
    found = app.capped_caption(breakdowns.recommendations_in(recs, "states", state), lambda n: ngettext(
        "{n} recommendation made by {state}.", "{n} recommendations made by {state}.", n).format(
        n=number(n), state=app.plain_md(state)))
    app.recommendation_grid(views.recommendation_table(found, COLUMNS), found, ctx, key="states_recs",
                            link="recommendations", column_config=TABLE)
