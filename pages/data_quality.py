"""Data quality: every problem found in the sheet, cell by cell, and the rows that could not be used."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app
from upr_sheets.analysis import pageviews, views
from upr_sheets.checks import suggested
from upr_sheets.core.i18n import _, ngettext, number

ISSUE_COLUMNS = {
    "cell": st.column_config.TextColumn(_("Cell"), width="small"),
    "severity": st.column_config.TextColumn(_("Severity"), width="small"),
    "code": st.column_config.TextColumn(_("Code"), width="small"),
    "column": st.column_config.TextColumn(_("Column"), width="small"),
    "value": st.column_config.TextColumn(_("Value as typed"), width="small"),
    "message": st.column_config.TextColumn(_("What to fix"), width="large"),
    "link": st.column_config.LinkColumn(_("Sheet"), display_text=_("Open cell"), width="small"),
}
REVIEW_COLUMNS = {"row": _("Row"), "cycle": _("Cycle"), "id": _("ID"), "column": _("Column"), "value": _("Suggested")}
SUMMARY_COLUMNS = {"sheet": _("Tab"), "code": _("Code"), "severity": _("Severity"), "count": _("Issues")}


@app.live("data_quality")
def render(ctx: app.PageContext) -> None:
    """The Data quality page (always the whole sheet, whatever the filters)."""
    data = ctx.full
    st.header(_("Data quality"))
    st.caption(_("Problems found in the sheet, cell by cell, whatever the filters. Rows with an error are "
                 "quarantined: they are left out of every figure until the cell is fixed. Rows with only "
                 "warnings are used as normalised."))
    with st.container(horizontal=True, gap="medium"):
        st.metric(_("Errors"), number(len(data.errors)), border=True)
        st.metric(_("Warnings"), number(len(data.warnings)), border=True)
        st.metric(_("Quarantined rows"), number(data.quarantined_rows), border=True)
    review = suggested.to_review(data.recommendations)
    if len(review):
        st.subheader(ngettext("{n} suggested cell to review", "{n} suggested cells to review", len(review)).format(
            n=number(len(review))))
        st.caption(_("Filled by the import's suggestion (Coded By says `suggested`). Edit a cell, or put your name "
                     "in Coded By to keep the suggestion."))
        st.dataframe(review, hide_index=True, column_config=REVIEW_COLUMNS)
    if not data.issues:
        rows = sum(t.rows for t in data.tabs.values())
        st.success(ngettext("The sheet is clean: no problems found in {n} row.",
                            "The sheet is clean: no problems found in {n} rows.", rows).format(n=number(rows)),
                   icon=":material/check_circle:")
        return
    st.subheader(_("Summary by tab and code"))
    st.dataframe(views.issue_summary(data), hide_index=True, column_order=list(SUMMARY_COLUMNS),
                 column_config=SUMMARY_COLUMNS)
    app.issue_downloads(data)
    order = [c for c in ISSUE_COLUMNS if data.kind == "gsheet" or c != "link"]
    for n, (tab, issues) in enumerate(views.issues_by_tab(data)):
        st.subheader(ngettext("{tab} tab: {n} issue", "{tab} tab: {n} issues", len(issues)).format(
            tab=app.plain_md(tab), n=number(len(issues))))
        if len(issues) <= views.MAX_TABLE_ROWS:
            st.table(views.readable_issues(issues), hide_index=True)
        else:  # a page at a time: the downloads above hold every issue
            st.caption(_("Listed {n} at a time; the CSV and Excel downloads above hold every issue.").format(
                n=number(pageviews.PAGE_SIZE)))
            page = app.pager(len(issues), f"dq_page_{n}")
            st.dataframe(views.issue_grid(page.rows(issues)), hide_index=True, column_order=order,
                         column_config=ISSUE_COLUMNS)
    quarantined = views.quarantine_tables(data, ctx.settings)
    if quarantined:
        st.subheader(_("Quarantined rows"))
        for tab, rows in quarantined:
            st.caption(ngettext("{tab} tab: {n} row, as typed", "{tab} tab: {n} rows, as typed", len(rows)).format(
                tab=app.plain_md(tab), n=number(len(rows))))
            st.dataframe(rows, hide_index=True)
