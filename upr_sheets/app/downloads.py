"""Streamlit glue: download buttons for the recommendations a page shows (CSV, XLSX, the OHCHR matrix).

The files are what the sidebar filters select. A viewer (read-only link) only ever has the redacted data, so
that is what it downloads. A member downloads the public copy too, unless they tick "Include internal notes";
then the file carries Lead Organization and Internal Notes. Each file is built only when its button is
clicked (Streamlit 1.67 takes a callable as `data=`), in a thread of Streamlit's own, in the interface
language the page was shown in.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from upr_sheets.access.redact import public_dataset, require_public
from upr_sheets.analysis.filters import Filters
from upr_sheets.analysis.provenance import Provenance
from upr_sheets.core import i18n
from upr_sheets.core.i18n import N_, _
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings

from .context import PageContext

MIME = {"csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
BUTTONS = (("csv", N_("CSV"), ":material/table_view:"), ("xlsx", N_("Excel workbook"), ":material/grid_on:"),
           ("matrix-xlsx", N_("OHCHR matrix (Excel)"), ":material/view_list:"),
           ("matrix-docx", N_("OHCHR matrix (Word)"), ":material/description:"))


def file_maker(dataset: Dataset, settings: Settings, fmt: str, internal: bool, filters: Filters,
               cycle: int | None, lang: str, notes: Provenance | None = None) -> Callable[[], bytes]:
    """A callable building one file on click: from `dataset` as is when internal, else from its public copy; its
    About sheet says what `notes` (the provenance of the data as loaded) leaves out."""

    def make() -> bytes:
        from upr_sheets.outputs.exports import export_file

        with i18n.use(lang):
            data = dataset if internal else public_dataset(dataset, settings)
            return export_file(data, fmt, filters, cycle, notes=notes).data

    return make


def download_buttons(ctx: PageContext) -> None:
    """A Download menu: the recommendations in view as CSV, XLSX and the OHCHR matrix (Excel, Word)."""
    # Imported here, not at start-up: the writers bring openpyxl and python-docx (0.5 s), for one page's menu.
    from upr_sheets.outputs.exports import file_name
    from upr_sheets.outputs.matrix import cycles_in

    with st.popover(_("Download"), icon=":material/download:"):
        internal = False
        if ctx.public:
            require_public(ctx.dataset)
        else:
            internal = st.checkbox(_("Include internal notes (members only)"), key="dl_internal",
                                   help=_("Adds Lead Organization and Internal Notes. Do not share such a file "
                                          "outside the coalition."))
        total = len(ctx.dataset.recommendations)
        st.caption(i18n.ngettext("{n} recommendation, as the filters select.",
                                 "{n} recommendations, as the filters select.", total).format(n=i18n.number(total)))
        cycles = cycles_in(ctx.dataset)
        cycle = cycles[-1] if cycles else None
        if len(cycles) > 1:
            cycle = st.selectbox(_("Cycle of the OHCHR matrix"), cycles, index=len(cycles) - 1, key="dl_cycle")
        lang = i18n.current()
        # a link's file says what it holds: its scope, as well as the filters (the About sheet, the matrix's title)
        filters = ctx.access.grant.scope.as_filters(ctx.filters) if ctx.public and ctx.access.grant else ctx.filters
        for fmt, label, icon in BUTTONS:
            is_matrix = fmt.startswith("matrix")
            st.download_button(_(label), file_maker(ctx.dataset, ctx.settings, fmt, internal, filters, cycle, lang,
                                                    ctx.provenance),
                               file_name=file_name(fmt, cycle if is_matrix else None, internal),
                               mime=MIME[fmt.rsplit("-", 1)[-1]], key=f"dl_{fmt.replace('-', '_')}", icon=icon,
                               on_click="ignore", disabled=is_matrix and cycle is None, width="stretch")


def issue_maker(dataset: Dataset, fmt: str, lang: str) -> Callable[[], bytes]:
    """A callable building the file of every issue (outputs.issue_files) on click, in the page's language."""

    def make() -> bytes:
        from upr_sheets.outputs.issue_files import issues_file

        with i18n.use(lang):
            return issues_file(dataset, fmt)

    return make


def issue_downloads(dataset: Dataset) -> None:
    """Every problem found in the sheet as CSV and as an Excel workbook (the Data quality page), built on click."""
    from upr_sheets.outputs.issue_files import MIME as ISSUE_MIME

    lang = i18n.current()
    with st.container(horizontal=True, gap="small"):
        for fmt, label, icon in BUTTONS[:2]:
            st.download_button(_("Every issue: {format}").format(format=_(label)), issue_maker(dataset, fmt, lang),
                               file_name=f"upr-issues.{fmt}", mime=ISSUE_MIME[fmt], key=f"dq_download_{fmt}",
                               icon=icon, on_click="ignore")
