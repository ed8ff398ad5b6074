"""Overview: headline figures against UPR Info's benchmarks, status, progress, the UPR calendar, recent changes."""

from __future__ import annotations

from datetime import date

import streamlit as st

from upr_sheets import app
from upr_sheets.analysis import charts, metrics, pageviews
from upr_sheets.core.i18n import _, day, ngettext, number, percent

MILESTONES = {"review_date": _("Review"), "adoption_date": _("Adoption"), "midterm_due": _("Mid-term report due"),
              "next_review": _("Next review")}
GROUPS = {"all": _("All recommendations"), "accepted": _("Accepted"), "noted": _("Noted")}
CHANGES = {"id": st.column_config.TextColumn(_("ID"), width="small"),
           "cycle": st.column_config.NumberColumn(_("Cycle"), format="%d", width="small"),
           "text": st.column_config.TextColumn(_("Recommendation"), width="large"), "from": _("Was"), "to": _("Now"),
           "date": st.column_config.DateColumn(_("Assessed on"), format="D MMM YYYY")}


@app.live("overview")
def render(ctx: app.PageContext) -> None:
    """The Overview page."""
    st.header(_("Overview"))
    head = metrics.headline(ctx.dataset, ctx.settings)
    shares, bench = head["triggered_pct"], head["benchmarks"]
    with st.container(horizontal=True, gap="medium"):
        st.metric(_("Recommendations"), number(head["total"]), border=True)
        st.metric(_("Accepted"), number(head["accepted"]), border=True,
                  help=_("Partially accepted: {partial}. Pending: {pending}.").format(
                      partial=number(head["partially_accepted"]), pending=number(head["pending"])))
        st.metric(_("Noted"), number(head["noted"]), border=True)
        st.metric(_("Triggered action"), percent(shares["all"], 1, trim=True), border=True,
                  delta=None if shares["all"] is None else _("{delta} points vs UPR Info").format(
                      delta=f"{shares['all'] - bench['all']:+.0f}"),
                  help=_("Partially or fully implemented, as a share of all recommendations. UPR Info found "
                         "{benchmark} of first-cycle recommendations had triggered action by the mid-term.").format(
                      benchmark=percent(bench["all"])))
    if app.empty_notice(ctx):
        return
    left, right = st.columns(2, gap="large")
    fig = charts.benchmark_bar(shares, bench, GROUPS, title=_("Triggered action, against UPR Info's benchmarks"),
                               value_label=_("This coalition's assessment"),
                               benchmark_label=_("UPR Info, first cycle at mid-term"))
    left.plotly_chart(fig, key="overview_benchmark", theme=None)
    fig = charts.status_bar(metrics.status_distribution(ctx.dataset.recommendations, ctx.settings), ctx.settings,
                            title=_("Implementation status"), x_title=_("Recommendations"))
    right.plotly_chart(fig, key="overview_status", theme=None)
    fig = charts.progress_area(metrics.progress_over_time(ctx.dataset, ctx.settings), ctx.settings,
                               title=_("Progress over time, from dated assessments"), y_title=_("Recommendations"),
                               empty=_("No dated assessments yet."))
    st.plotly_chart(fig, key="overview_progress", theme=None)
    st.subheader(_("UPR calendar"))
    today = date.today()
    line = metrics.timeline(ctx.full, today, MILESTONES)
    if line.empty:
        st.caption(_("Add a Cycles tab (Cycle, Review Date, Mid-term Report Due, Next Review) to see the time left."))
    else:
        app.milestone_cards(pageviews.next_milestones(line, [MILESTONES["midterm_due"], MILESTONES["next_review"]]))
        fig = charts.timeline_chart(line, today, title=_("Milestones of each cycle"), today_label=_("Today"),
                                    cycle_label=_("Cycle {cycle}"), empty=_("No dates in the Cycles tab."))
        st.plotly_chart(fig, key="overview_timeline", theme=None)
    st.subheader(_("What changed"))
    window = pageviews.since_range(ctx.full)
    if window is None:
        st.caption(_("No dated assessments yet: add rows to the Assessments tab to follow changes."))
        return
    since = st.date_input(_("Status changes since"), value=window[0], min_value=window[1],
                          max_value=max(today, window[2]), key="overview_since", format="DD/MM/YYYY") or window[0]
    changes = app.capped_caption(metrics.changes_since(ctx.dataset, since, ctx.settings), lambda n: ngettext(
        "{n} recommendation changed status after {date}.",
        "{n} recommendations changed status after {date}.", n).format(n=number(n), date=day(since)),
        more=_("The {n} most recent are listed."))
    if len(changes):
        st.dataframe(changes, hide_index=True, column_config=CHANGES)
