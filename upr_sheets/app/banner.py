"""The freshness banner at the top of every page: how old the data is, where it comes from, what to check."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from upr_sheets.access.links import describe_scope
from upr_sheets.access.modes import OPEN, Access, open_to_everyone
from upr_sheets.analysis.frames import distinct
from upr_sheets.analysis.views import plain_md
from upr_sheets.core import i18n
from upr_sheets.core.i18n import _, ngettext, number
from upr_sheets.core.model import Dataset
from upr_sheets.sources import describe_source
from upr_sheets.sync import LoadResult

from . import loader

DATA_QUALITY_PAGE = "pages/data_quality.py"


def ago(seconds: float) -> str:
    """A short human age, in the interface language: `just now`, `2 min ago`, `3 h ago`, `4 days ago`."""
    if seconds >= 86400:
        n = int(seconds // 86400)
        return ngettext("{n} day ago", "{n} days ago", n).format(n=number(n))
    if seconds >= 3600:
        return _("{n} h ago").format(n=number(int(seconds // 3600)))
    if seconds >= 60:
        return _("{n} min ago").format(n=number(int(seconds // 60)))
    return _("just now")


def scope_names(dataset: Dataset) -> set[str]:
    """The names a link's scope may give (working groups, themes, ministries, States), as the sheet spells them."""
    recs = dataset.recommendations
    return {name for column in ("working_group", "themes", "ministries", "states") if column in recs
            for name in distinct(recs[column])}


def banner(result: LoadResult, access: Access = OPEN) -> None:
    """Freshness and where the data comes from; for editors also quarantined rows (linked to Data quality) and
    Refresh; for a read-only link only its audience, scope and the date of the data. A warning when stale."""
    when = ago(result.age_seconds(datetime.now(UTC)))
    if access.viewer:
        scope = describe_scope(access.grant.scope, scope_names(result.dataset)) if access.grant else ""
        parts = [_("Read-only view for **{audience}**").format(audience=plain_md(access.name)),
                 plain_md(scope), _("data as of {date}").format(date=i18n.day(result.fetched_at))]
        st.caption(":material/visibility: " + " · ".join(part for part in parts if part))
        if result.stale:
            st.warning(_("Showing the last good data, read {when}: the data could not be refreshed just now.").format(
                when=when), icon=":material/cloud_off:")
        return
    dataset = result.dataset
    where = plain_md(describe_source(result.source))
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(":material/sync: " + _("Synced {when} from {source}").format(when=when, source=where),
                   width="content")
        if dataset.url and dataset.kind == "gsheet":
            st.link_button(_("Open the sheet"), dataset.url, icon=":material/open_in_new:", type="tertiary")
        if dataset.quarantined_rows:
            n = dataset.quarantined_rows
            text = ngettext("{n} row quarantined", "{n} rows quarantined", n).format(n=number(n))
            if "data_quality" in access.pages:
                st.page_link(DATA_QUALITY_PAGE, label=text, icon=":material/warning:")
            else:
                st.caption(f":material/warning: {text}", width="content")
        if access.can_refresh and st.button(_("Refresh"), icon=":material/refresh:", type="tertiary",
                                            key="upr_refresh"):
            loader.refresh()
            st.rerun()
    if open_to_everyone(access, result.source):
        st.warning(_("This dashboard is open: anyone who can reach its address sees everything, internal notes and "
                     "Data quality included, without signing in, and read-only links hide nothing from them. To "
                     "close it, set `mode = \"login\"` under [access] in config/settings.toml (see the README, "
                     "Access)."), icon=":material/lock_open:")
    if result.stale:
        st.warning(_("Showing the last good data, read {when}: the sheet could not be read just now.").format(when=when)
                   + f" {plain_md(_(result.error) if result.error else '')}", icon=":material/cloud_off:")
