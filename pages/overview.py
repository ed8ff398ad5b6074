"""Overview: headline figures against UPR Info's benchmarks, status, progress, the UPR calendar, recent changes."""

from __future__ import annotations

from datetime import date

import streamlit as st

from upr_sheets import app, charts, metrics, pageviews
from upr_sheets.i18n import _, day, ngettext, number, percent

EMPTY = {"no-data": _("The Recommendations tab has no rows yet, so there is nothing to show."),
         "quarantined": _("Every row of the Recommendations tab has an error: the Data quality page says what to fix."),
         "filtered": _("No recommendation matches the filters. Clear some filters in the sidebar.")}
MILESTONES = {"review_date": _("Review"), "adoption_date": _("Adoption"), "midterm_due": _("Mid-term report due"),
              "next_review": _("Next review")}
GROUPS = {"all": _("All recommendations"), "accepted": _("Accepted"), "noted": _("Noted")}
CHANGES = {"id": st.column_config.TextColumn(_("ID"), width="small"),
           "cycle": st.column_config.NumberColumn(_("Cycle"), format="%d", width="small"),
           "text": st.column_config.TextColumn(_("Recommendation"), width="large"), "from": _("Was"), "to": _("Now"),
           "date": st.column_config.DateColumn(_("Assessed on"), format="D MMM YYYY")}
LIMIT = 500


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
    reason = pageviews.why_empty(ctx.full, ctx.dataset, ctx.filters)
    if reason:
        st.info(EMPTY[reason], icon=":material/info:")
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
        with st.container(horizontal=True, gap="medium"):
            for m in pageviews.next_milestones(line, [MILESTONES["midterm_due"], MILESTONES["next_review"]]):
                n = abs(m["days_left"])
                left_text = (ngettext("in {n} day", "in {n} days", n) if m["days_left"] >= 0
                             else ngettext("{n} day ago", "{n} days ago", n)).format(n=number(n))
                with st.container(border=True):
                    st.caption(_("{milestone}, cycle {cycle}").format(milestone=m["milestone"], cycle=m["cycle"]))
                    st.markdown(f"**{day(m['date'])}** · {left_text}")
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
    changes, total = pageviews.capped(metrics.changes_since(ctx.dataset, since, ctx.settings), LIMIT)
    said = ngettext("{n} recommendation changed status after {date}.",
                    "{n} recommendations changed status after {date}.", total).format(n=number(total), date=day(since))
    more = _("The {n} most recent are listed.").format(n=number(len(changes))) if total > len(changes) else ""
    st.caption(f"{said} {more}".strip())
    if total:
        st.dataframe(changes, hide_index=True, column_config=CHANGES)
