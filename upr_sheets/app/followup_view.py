"""Follow-up on a page: what is overdue and what is due in the next 30 days (Overview, Ministries)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from upr_sheets.analysis import followup
from upr_sheets.core.i18n import _, ngettext, number

from .context import PageContext


def follow_up_panel(ctx: PageContext, ministry: str | None = None) -> None:
    """Overdue and due-soon recommendations (by their Due column); nothing when no row has a Due date."""
    frame = followup.follow_up(ctx.dataset, ctx.settings, date.today(), ministry=ministry)
    if frame.empty:
        return
    found = followup.counts(frame)
    st.subheader(_("Follow-up"))
    st.markdown(ngettext("**{n}** overdue", "**{n}** overdue", found["overdue"]).format(n=number(found["overdue"]))
                + " · " + ngettext("**{n}** due in the next 30 days", "**{n}** due in the next 30 days",
                                   found["soon"]).format(n=number(found["soon"])))
    shown = frame.assign(state=frame["state"].map({"overdue": _("Overdue"), "soon": _("Due soon")}))
    if ctx.public:  # a read-only link's data has no owner or next step; never show the columns empty either
        shown = shown.drop(columns=["next_step", "owner"])
    st.dataframe(shown, hide_index=True, column_config={
        "due_date": st.column_config.DateColumn(_("Due"), format="D MMM YYYY"), "state": _("State"),
        "cycle": st.column_config.NumberColumn(_("Cycle"), format="%d"), "id": _("ID"),
        "text": st.column_config.TextColumn(_("Recommendation"), width="large"), "next_step": _("Next step"),
        "owner": _("Owner"), "ministries": _("Ministries")})
