"""Overview: headline figures against UPR Info's benchmarks, status, progress, the UPR calendar, recent changes."""

from __future__ import annotations

from datetime import date

import streamlit as st

from upr_sheets import app
from upr_sheets.analysis import charts, filters, metrics, pageviews, views
from upr_sheets.core.i18n import _, day, ngettext, number

MILESTONES = {"review_date": _("Review"), "adoption_date": _("Adoption"), "midterm_due": _("Mid-term report due"),
              "next_review": _("Next review")}
GROUPS = {"all": _("All recommendations"), "accepted": _("Accepted"), "noted": _("Noted")}
POPULATIONS = {"all": _("all recommendations"), "accepted": _("accepted ones"), "noted": _("noted ones")}
CHANGES = {"id": st.column_config.TextColumn(_("ID"), width="small"),
           "cycle": st.column_config.NumberColumn(_("Cycle"), format="%d", width="small"),
           "text": st.column_config.TextColumn(_("Recommendation"), width="large"), "from": _("Was"), "to": _("Now"),
           "date": _("Assessed on")}


def triggered_metric(head: dict, rows) -> None:
    """% triggered action of the population in view, its n, and UPR Info's figure for the same population only."""
    figure = pageviews.triggered_figure(head, rows, POPULATIONS)
    st.metric(figure["label"], figure["value"], border=True, delta=figure["delta"], help=figure["help"])


@app.live("overview")
def render(ctx: app.PageContext) -> None:
    """The Overview page."""
    st.header(_("Overview"))
    head = metrics.headline(ctx.dataset, ctx.settings)
    pooled = filters.pooled_cycles(ctx.dataset, ctx.filters)
    rows = metrics.triggered_rows(ctx.dataset.recommendations, ctx.settings, ctx.filters, pooled)
    scope = pageviews.scope_caption(pooled, ctx.filters.cycles, ctx.current_cycle)
    if scope is not None:
        st.caption((":material/layers: " if pooled > 1 else ":material/event: ") + scope)
    with st.container(horizontal=True, gap="medium"):
        st.metric(_("Recommendations"), number(head["total"]), border=True)
        st.metric(_("Accepted"), number(head["accepted"]), border=True)
        if head["partially_accepted"]:
            st.metric(_("Partially accepted"), number(head["partially_accepted"]), border=True)
        st.metric(_("Noted"), number(head["noted"]), border=True)
        if head["pending"]:
            st.metric(_("Pending"), number(head["pending"]), border=True,
                      help=_("The State answers these later, in an addendum to the Working Group's report."))
        triggered_metric(head, rows)
    if head["pending"]:
        st.info(ngettext("{n} recommendation still awaits the State's response. When the addendum to the Working "
                         "Group's report is published, record its response in the Response column.",
                         "{n} recommendations still await the State's response. When the addendum to the Working "
                         "Group's report is published, record their responses in the Response column.",
                         head["pending"]).format(n=number(head["pending"])), icon=":material/hourglass_top:")
    if app.empty_notice(ctx):
        return
    left, right = st.columns(2, gap="large")
    if head["assessed"]:
        fig = charts.benchmark_bar(rows, GROUPS, title=pageviews.benchmark_title(rows),
                                   value_label=_("This coalition's assessment"),
                                   benchmark_label=_("UPR Info, first cycle at mid-term"),
                                   share_of=_("{percent} of {total}"))
        left.plotly_chart(fig, key="overview_benchmark", theme=None)
        left.caption(ngettext("{n} of {total} recommendation assessed.", "{n} of {total} recommendations assessed.",
                              head["total"]).format(n=number(head["assessed"]), total=number(head["total"])))
    else:
        left.info(_("No recommendation in view has been assessed yet, so there is no implementation figure to "
                    "compare. Fill in the Status column of the Recommendations tab, or add dated rows to the "
                    "Assessments tab, then press Refresh."), icon=":material/assignment:")
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
        cards, missing = pageviews.calendar_cards(line)
        app.milestone_cards(cards)
        if missing is not None:
            st.info(_("No date in the Cycles tab is ahead. Add a row for cycle {cycle} in the Cycles tab, with its "
                      "Review Date, Adoption Date, Mid-term Report Due and Next Review, to see the time left.").format(
                cycle=missing), icon=":material/event_upcoming:")
        fig = charts.timeline_chart(line, today, title=_("Milestones of each cycle"), today_label=_("Today"),
                                    cycle_label=_("Cycle {cycle}"), empty=_("No dates in the Cycles tab."))
        st.plotly_chart(fig, key="overview_timeline", theme=None)
    app.follow_up_panel(ctx)
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
        st.dataframe(views.display_frame(changes, ("from", "to"), ("date",)), hide_index=True, column_config=CHANGES)
