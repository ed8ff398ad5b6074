"""Data quality: every problem found in the sheet, cell by cell, and the rows that could not be used."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app, metrics, views

ISSUE_COLUMNS = {
    "cell": st.column_config.TextColumn("Cell", width="small"),
    "severity": st.column_config.TextColumn("Severity", width="small"),
    "code": st.column_config.TextColumn("Code", width="medium"),
    "column": st.column_config.TextColumn("Column", width="small"),
    "value": st.column_config.TextColumn("Value as typed", width="small"),
    "message": st.column_config.TextColumn("What to fix", width="large"),
    "link": st.column_config.LinkColumn("Sheet", display_text="Open cell", width="small"),
}
SUMMARY_COLUMNS = {"sheet": "Tab", "code": "Code", "severity": "Severity", "count": "Issues"}


@app.live
def render(ctx: app.PageContext) -> None:
    """The Data quality page (always the whole sheet, whatever the filters)."""
    data = ctx.full
    st.header("Data quality")
    st.caption("Problems found in the sheet, cell by cell, whatever the filters. Rows with an error are "
               "quarantined: they are left out of every figure until the cell is fixed. Rows with only "
               "warnings are used as normalised.")
    with st.container(horizontal=True, gap="medium"):
        st.metric("Errors", f"{len(data.errors):,}", border=True)
        st.metric("Warnings", f"{len(data.warnings):,}", border=True)
        st.metric("Quarantined rows", f"{data.quarantined_rows:,}", border=True)
    if not data.issues:
        rows = sum(t.rows for t in data.tabs.values())
        st.success(f"The sheet is clean: no problems found in {rows:,} rows.", icon=":material/check_circle:")
        return
    st.subheader("Summary by tab and code")
    st.dataframe(metrics.issue_groups(data), hide_index=True, column_order=list(SUMMARY_COLUMNS),
                 column_config=SUMMARY_COLUMNS)
    order = [c for c in ISSUE_COLUMNS if data.kind == "gsheet" or c != "link"]
    for tab, issues in views.issues_by_tab(data):
        st.subheader(f"{app.plain_md(tab)} tab: {len(issues):,} issue{'s' if len(issues) != 1 else ''}")
        if len(issues) <= views.MAX_TABLE_ROWS:
            st.table(views.readable_issues(issues), hide_index=True)
        else:
            st.dataframe(issues, hide_index=True, column_order=order, column_config=ISSUE_COLUMNS)
    quarantined = views.quarantine_tables(data, ctx.settings)
    if quarantined:
        st.subheader("Quarantined rows")
        for tab, rows in quarantined:
            st.caption(f"{app.plain_md(tab)} tab: {len(rows):,} row{'s' if len(rows) != 1 else ''}, as typed")
            st.dataframe(rows, hide_index=True)
