"""Reports: a mid-term (shadow) report, a ministry briefing or an embassy pack, as PDF or Word, to download."""

from __future__ import annotations

import streamlit as st

from upr_sheets import app
from upr_sheets.app import reports_form
from upr_sheets.core import i18n
from upr_sheets.core.errors import OutputError
from upr_sheets.core.i18n import _

BUILT = "reports_built"  # st.session_state key of the last report built in this session (reports_form.Built)


@app.live("reports")
def render(ctx: app.PageContext) -> None:
    """The Reports page."""
    st.header(_("Reports"))
    app.hide_filters()  # the reports cover the whole cycle: the sidebar filters do not apply here
    st.caption(_("Documents to take into a meeting with a ministry, an embassy or the UN. They cover every "
                 "recommendation of the chosen cycle, whatever the sidebar filters."))
    cycles = reports_form.options(ctx.full, ctx.settings)["cycles"]
    if not cycles:
        st.info(_("The Recommendations tab has no usable rows yet, so there is nothing to report."),
                icon=":material/info:")
        return
    kind = st.radio(_("Report"), list(reports_form.KIND_LABELS), key="reports_kind",
                    format_func=lambda k: _(reports_form.KIND_LABELS[k]))
    current = ctx.current_cycle
    cycle = st.selectbox(_("UPR cycle"), cycles, index=cycles.index(current) if current in cycles else len(cycles) - 1,
                         key="reports_cycle")
    found = reports_form.options(ctx.full, ctx.settings, cycle)
    subject = None
    if kind == "ministry":
        subject = st.selectbox(_("Ministry"), found["ministries"], key="reports_ministry")
    elif kind == "state":
        subject = st.selectbox(_("Recommending State"), found["states"], key="reports_state")
    with st.container(horizontal=True, gap="medium"):
        fmt = st.radio(_("Format"), list(reports_form.FORMAT_LABELS), key="reports_format", horizontal=True,
                       format_func=lambda f: _(reports_form.FORMAT_LABELS[f]))
        languages = list(i18n.LANGUAGES)
        lang = ctx.lang
        lang = st.selectbox(_("Language of the report"), languages, key="reports_lang",
                            index=languages.index(lang) if lang in languages else 0, format_func=i18n.LANGUAGES.get)
    country = st.text_input(_("State under review, for the title (optional)"), key="reports_country", max_chars=80,
                            value=ctx.settings.coalition.country)  # [coalition] country of the settings
    internal = False
    if not ctx.public:
        internal = st.checkbox(_("Internal copy for members"), key="reports_internal",
                               help=_("Adds the private columns (such as internal notes) and marks every page "
                                      "\"Internal — do not share\". Without it, the report is the public copy."))
    if (kind == "ministry" and not found["ministries"]) or (kind == "state" and not found["states"]):
        st.info(_("No recommendation of this cycle names one."), icon=":material/info:")
        return
    request = reports_form.Request(kind, subject, cycle, fmt, lang, internal, country.strip())
    if st.button(_("Build report"), type="primary", icon=":material/description:", key="reports_build"):
        with st.spinner(_("Building the report: drawing the charts and laying out the pages…")):
            try:
                st.session_state[BUILT] = reports_form.build(ctx.full, ctx.settings, request, ctx.public,
                                                             ctx.provenance)
            except OutputError as exc:
                st.session_state.pop(BUILT, None)
                st.error(_("The report could not be built: {reason}").format(reason=app.plain_md(exc)),
                         icon=":material/error:")
    built: reports_form.Built | None = st.session_state.get(BUILT)
    if built is not None and built.request == request:
        st.download_button(_("Download {name}").format(name=built.file_name), built.data, file_name=built.file_name,
                           mime=built.mime, icon=":material/download:", key="reports_download", on_click="ignore")
        if built.request.internal:
            st.warning(_("Internal copy: share it only within the coalition."), icon=":material/lock:")
