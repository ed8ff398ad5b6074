"""Recommendations: search and browse the recommendations in view, and open one in detail."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app, metrics, views

TABLE_COLUMNS = {
    "ID": st.column_config.TextColumn("ID", width="small", pinned=True),
    "Cycle": st.column_config.NumberColumn("Cycle", width="small", format="%d"),
    "Recommendation": st.column_config.TextColumn("Recommendation", width="large"),
}
HISTORY_COLUMNS = {"date": st.column_config.DateColumn("Date"), "status": "Coalition status",
                   "government_status": "Government status", "evidence": "Evidence", "assessed_by": "Assessed by",
                   "internal_notes": "Internal notes"}

INTERNAL_FIELDS = {"lead_organization": "Lead organization", "internal_notes": "Internal notes"}
INDICATOR_COLUMNS = {"indicator_id": "ID", "indicator": "Indicator", "type": "Type", "unit": "Unit",
                     "direction": "Direction", "baseline": "Baseline", "target": "Target", "latest": "Latest",
                     "latest_date": st.column_config.DateColumn("Measured"), "measurements": "Measurements",
                     "progress_pct": st.column_config.NumberColumn("Progress", format="%.0f%%")}


def show_detail(ctx: app.PageContext, cycle: int, rec_id: str) -> None:
    """One recommendation: text, States, response, both statuses, evidence, history, indicators."""
    detail = metrics.recommendation_detail(ctx.dataset, cycle, rec_id, ctx.settings, include_private=not ctx.public)
    if detail is None:
        return
    rec = detail["recommendation"]
    st.subheader(f"{app.plain_md(rec_id)} · cycle {cycle}")
    st.text(rec["text"], width="stretch")
    st.text(f"Recommended by {views.text_of(rec['states']) or 'no State recorded'} · Response: {rec['response']}",
            width="stretch")
    with st.container(horizontal=True, gap="small"):
        for label, key in (("Coalition assessment", "status"), ("Government says", "government_status")):
            with st.container(border=True, key=f"rec_{key}"):
                st.caption(label)
                st.markdown(f"**{app.plain_md(rec[key] or '–')}**")
    if rec.get("disagrees"):
        st.warning("The coalition's assessment and the government's claim differ.", icon=":material/compare_arrows:")
    fields = views.detail_table(rec)
    if not ctx.public:  # members only: a read-only link's data has no private column at all
        fields += [{"Field": label, "Value": app.plain_md(views.text_of(rec.get(key)))}
                   for key, label in INTERNAL_FIELDS.items() if views.text_of(rec.get(key))]
    if fields:
        st.table(fields, hide_index=True, hide_header=True)
    st.markdown("**Evidence**")
    st.text(rec.get("evidence") or "None recorded.", width="stretch")
    st.markdown("**Assessment history**")
    if len(detail["assessments"]):
        st.dataframe(detail["assessments"], hide_index=True, column_config=HISTORY_COLUMNS, placeholder="–")
    else:
        st.caption("No assessments recorded in the Assessments tab.")
    st.markdown("**Linked indicators**")
    if len(detail["indicators"]):
        st.dataframe(detail["indicators"], hide_index=True, column_config=INDICATOR_COLUMNS, placeholder="–")
    else:
        st.caption("No indicator is linked to this recommendation.")


@app.live
def render(ctx: app.PageContext) -> None:
    """The Recommendations page."""
    st.header("Recommendations")
    query = st.text_input("Search", key="rec_search", placeholder="An ID, words of the text, or a State",
                          icon=":material/search:")
    found = views.search_recommendations(ctx.dataset, query)
    total = len(ctx.dataset.recommendations)
    st.caption(f"{len(found):,} of {total:,} recommendations" + (" match the search" if query else ""))
    st.dataframe(found, hide_index=True, column_config=TABLE_COLUMNS, height=420 if len(found) > 10 else "auto")
    if found.empty:
        return
    picks = list(zip(found["Cycle"], found["ID"], found["Recommendation"]))
    choice = st.selectbox("Show details of", picks, key="rec_pick",
                          format_func=lambda p: f"{p[1]} (cycle {p[0]}) · {p[2][:90]}")
    if choice is not None:
        show_detail(ctx, int(choice[0]), choice[1])
