"""Recommendations: search and browse the recommendations in view, and open one in detail."""

from __future__ import annotations

from functools import partial

import streamlit as st

from upr_sheets import app
from upr_sheets.analysis import pageviews, quality, views
from upr_sheets.authoring import suggest_rows
from upr_sheets.core.i18n import _

PICK, TABLE_KEY, LINK_SEEN, PAGE = "rec_pick", "rec_table", "rec_link_seen", "rec_page"
TABLE_COLUMNS = app.table_columns(views.REC_COLUMNS.values())  # the search results' columns: REC_COLUMNS' labels
HISTORY_COLUMNS = {"date": _("Date"), "status": _("Coalition status"),
                   "government_status": _("Government status"), "evidence": _("Evidence"),
                   "assessed_by": _("Assessed by"), "internal_notes": _("Internal notes")}

INTERNAL_FIELDS = {"lead_organization": _("Lead organization"), "internal_notes": _("Internal notes")}
INDICATOR_COLUMNS = {"indicator_id": _("ID"), "indicator": _("Indicator"), "type": _("Type"), "unit": _("Unit"),
                     "direction": _("Direction"), "baseline": _("Baseline"), "target": _("Target"),
                     "latest": _("Latest"), "latest_date": _("Measured on"),
                     "measurements": _("Measurements"),
                     "progress_pct": st.column_config.NumberColumn(_("Progress"), format="%.0f%%")}


def follow_row(choices: list, key: str) -> None:
    """A click on a row of the table (the page of it shown, whose rows are `choices`) opens that recommendation's
    detail below it."""
    rows = st.session_state[key].selection.rows
    if rows and rows[0] < len(choices):
        st.session_state[PICK] = choices[rows[0]]


def show_detail(ctx: app.PageContext, cycle: int, rec_id: str) -> None:
    """One recommendation: text, States, response, both statuses, evidence, history, indicators."""
    detail = quality.recommendation_detail(ctx.dataset, cycle, rec_id, ctx.settings, include_private=not ctx.public)
    if detail is None:
        return
    rec = detail["recommendation"]
    st.subheader(_("{id} · cycle {cycle}").format(id=app.plain_md(rec_id), cycle=cycle))
    st.caption(_("A link to this recommendation:"))
    st.code(app.this_page_link(rec=views.rec_key(cycle, rec_id)), language=None, wrap_lines=True)
    text, original = views.text_and_original(rec)
    st.text(text, width="stretch")
    if original is not None:
        with st.expander(_("Original text"), icon=":material/translate:"):
            st.text(original, width="stretch")
    st.text(_("Recommended by {states} · Response: {response}").format(
        states=views.text_of(rec["states"]) or _("no State recorded"), response=_(rec["response"])), width="stretch")
    with st.container(horizontal=True, gap="small"):
        for label, key in ((_("Coalition assessment"), "status"), (_("Government says"), "government_status")):
            with st.container(border=True, key=f"rec_{key}"):
                st.caption(label)
                st.markdown(f"**{app.plain_md(_(rec[key]) if rec[key] else '–')}**")
    if rec.get("disagrees"):
        st.warning(_("The coalition's assessment and the government's claim differ."),
                   icon=":material/compare_arrows:")
    fields = views.detail_table(rec)
    if not ctx.public:  # members only: a read-only link's data has no private column at all
        fields += [{"Field": label, "Value": app.plain_md(views.text_of(rec.get(key)))}
                   for key, label in INTERNAL_FIELDS.items() if views.text_of(rec.get(key))]
    if fields:
        st.table(fields, hide_index=True, hide_header=True)
    if not ctx.public:
        show_suggestion(suggest_rows.detail_suggestion(rec, ctx.settings))
    st.markdown("**" + _("Evidence") + "**")
    st.text(rec.get("evidence") or _("None recorded."), width="stretch")
    st.markdown("**" + _("Assessment history") + "**")
    if len(detail["assessments"]):
        history = views.display_frame(detail["assessments"], ("status", "government_status"), ("date",))
        st.dataframe(history, hide_index=True, column_config=HISTORY_COLUMNS, placeholder="–")
    else:
        st.caption(_("No assessments recorded in the Assessments tab."))
    st.markdown("**" + _("Linked indicators") + "**")
    if len(detail["indicators"]):
        linked = views.display_frame(detail["indicators"], ("type", "direction"), ("latest_date",))
        st.dataframe(linked, hide_index=True, column_config=INDICATOR_COLUMNS, placeholder="–")
    else:
        st.caption(_("No indicator is linked to this recommendation."))
    app.assessment_form(ctx, cycle, rec_id)


def show_suggestion(hint: dict) -> None:
    """The coding the rules suggest for the text, the words that decided it, and the cells still to review."""
    with st.expander(_("Suggested coding"), expanded=bool(hint["to_review"]), icon=":material/auto_awesome:"):
        if hint["to_review"]:
            st.info(_("Not reviewed yet: {cells} hold the suggestion. Edit a cell, or put your name in Coded By to "
                      "keep it.").format(cells=", ".join(hint["to_review"])), icon=":material/rate_review:")
        st.table([{"Field": _("Action category"), "Value": str(hint["action_category"])},
                  {"Field": _("Themes"), "Value": app.plain_md("; ".join(hint["themes"])) or "–"},
                  {"Field": _("Ministries"), "Value": app.plain_md("; ".join(hint["ministries"])) or "–"}],
                 hide_index=True, hide_header=True)
        st.caption(_("Why: {why}").format(why=app.plain_md(hint["why"])))


@app.live("recommendations")
def render(ctx: app.PageContext) -> None:
    """The Recommendations page."""
    st.header(_("Recommendations"))
    app.download_buttons(ctx)
    query = st.text_input(_("Search"), key="rec_search", placeholder=_("An ID, words of the text, or a State"),
                          icon=":material/search:", on_change=lambda: st.session_state.pop(PAGE, None))
    rows = views.search_rows(ctx.dataset, query)
    st.caption(pageviews.search_caption(query, len(rows), len(ctx.dataset.recommendations)))
    linked = views.parse_rec_key(st.query_params.get("rec"))
    if linked is not None and st.session_state.get(LINK_SEEN) != linked:  # opened from a link: its page, that one
        st.session_state[LINK_SEEN] = linked
        holding = pageviews.page_holding(rows, *linked)
        if holding is not None:
            st.session_state[PAGE] = holding
            st.session_state[PICK] = linked
    page = app.pager(len(rows), PAGE)  # only a page of rows goes to the browser
    shown = page.rows(rows)
    table = views.recommendation_table(shown)
    choices = views.detail_choices(table)
    pick = pageviews.pick_on_page(st.session_state.get(PICK), choices)  # a link's, or one not on this page: None
    if pick is None:
        st.session_state.pop(PICK, None)  # the first row's detail
    else:
        st.session_state[PICK] = pick
    st.caption(_("Click a row to see the recommendation in detail."))
    key = f"{TABLE_KEY}_{page.number}" if page.number else TABLE_KEY  # a row selected on one page stays there
    app.recommendation_grid(table, shown, ctx, key=key, link="recommendations", column_config=TABLE_COLUMNS,
                            height=420 if len(shown) > 10 else "auto", on_select=partial(follow_row, choices, key),
                            selection_mode="single-row")
    if shown.empty:
        return
    said = _("{id} (cycle {cycle}) · {text}")
    choice = st.selectbox(_("Show details of"), choices, key=PICK,
                          format_func=lambda p: said.format(id=p[1], cycle=p[0], text=p[2][:90]))
    if choice is not None:
        show_detail(ctx, int(choice[0]), choice[1])
