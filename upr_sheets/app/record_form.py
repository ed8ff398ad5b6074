"""The record forms: an assessment on a recommendation's detail, a measurement on the Indicators page.

Shown to editors and admins (everyone in open mode), never to a read-only link or a `member`, and only
when the source can be written (a Google Sheet or an .xlsx workbook). Each entry is checked with the
loader's rules, appended once (its submission id survives a double click), and when Google fails it
waits in the local outbox, listed here with a retry button and retried on the next refresh.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import streamlit as st

from upr_sheets.authoring.outbox import Outbox, outbox_dir
from upr_sheets.authoring.record import Outcome, new_entry, new_submission_id, retry_waiting, submit
from upr_sheets.core.i18n import _, ngettext, number
from upr_sheets.core.sheet_urls import gsheet_key

from . import loader
from .context import PageContext

FLASH_KEY = "upr_monitor_record_flash"  # the outcome of the last submit, shown after the rerun that reloads data
TRIED_KEY = "upr_monitor_outbox_tried"  # when this session last retried the outbox on its own


def can_record(ctx: PageContext) -> bool:
    """True when this session may record progress into this source."""
    if ctx.public or ctx.access.role not in ("editor", "admin"):
        return False
    return bool(gsheet_key(ctx.source)) or ctx.source.lower().endswith(".xlsx")


def _outbox(ctx: PageContext) -> Outbox:
    return Outbox(outbox_dir(ctx.settings))


def _form_id(key: str) -> str:
    """The submission id of an open form: kept across reruns until written, so a double click writes one row."""
    slot = f"upr_monitor_sid_{key}"
    if slot not in st.session_state:
        st.session_state[slot] = new_submission_id()
    return st.session_state[slot]


def _show(outcome: Outcome) -> None:
    if outcome.status == "written":
        label = _("Open the row in the sheet")
        link = f" [{label}]({outcome.link})" if outcome.link.startswith("https://") else ""
        st.success(_("Written to the sheet.") + link, icon=":material/check_circle:")
    elif outcome.status == "already":
        st.info(_("Already in the sheet: this entry was written before."), icon=":material/check_circle:")
    elif outcome.status == "queued":
        st.warning(_("Google could not be reached: the entry waits here and is written on the next refresh."),
                   icon=":material/schedule:")
    else:
        st.error(outcome.message, icon=":material/error:")


def _send(ctx: PageContext, kind: str, key: str, values: dict[str, Any]) -> None:
    entry = new_entry(kind, ctx.source, values, ctx.access.email, ctx.settings, _form_id(key))
    outcome = submit(entry, ctx.settings, _outbox(ctx))
    if outcome.status == "refused":
        _show(outcome)  # the form keeps what was typed
        return
    st.session_state.pop(f"upr_monitor_sid_{key}", None)  # the next entry gets a new id
    st.session_state[FLASH_KEY] = outcome
    if outcome.status == "queued":
        st.session_state[TRIED_KEY] = time.monotonic()  # retried on the next refresh, or with the button
    else:
        loader.refresh()  # every viewer's next load reads the sheet again; this session reloads now
    st.rerun(scope="app")


def flash() -> None:
    """The outcome of the submit that triggered this rerun, once."""
    outcome = st.session_state.pop(FLASH_KEY, None)
    if outcome is not None:
        _show(outcome)


def waiting(ctx: PageContext) -> None:
    """Entries of this source waiting in the outbox, with a retry button; retried once per refresh period."""
    box = _outbox(ctx)
    entries = box.entries(ctx.source)
    if not entries:
        return
    last = st.session_state.get(TRIED_KEY, 0.0)
    if time.monotonic() - last >= ctx.settings.sync.cache_ttl_seconds:
        st.session_state[TRIED_KEY] = time.monotonic()
        if any(o.status == "written" for o in retry_waiting(ctx.settings, box, ctx.source)):
            loader.refresh()
        entries = box.entries(ctx.source)
        if not entries:
            return
    with st.container(border=True, key="record_waiting"):
        st.markdown("**" + ngettext("{n} entry is waiting to be written", "{n} entries are waiting to be written",
                                    len(entries)).format(n=number(len(entries))) + "**")
        st.text("\n".join(f"• {entry.label()}" + (f" — {entry.last_error[:160]}" if entry.last_error else "")
                          for entry in entries))
        if st.button(_("Try again now"), key="record_retry", icon=":material/refresh:"):
            st.session_state[TRIED_KEY] = time.monotonic()
            outcomes = retry_waiting(ctx.settings, box, ctx.source)
            if any(o.status in ("written", "already") for o in outcomes):
                loader.refresh()
                st.rerun(scope="app")
            st.warning(_("Google could not be reached: the entry waits here and is written on the next refresh."),
                       icon=":material/schedule:")


def assessment_form(ctx: PageContext, cycle: int, rec_id: str) -> None:
    """Record the coalition's assessment of one recommendation."""
    if not can_record(ctx):
        return
    flash()
    waiting(ctx)
    labels = list(ctx.settings.status_labels)
    key = f"assess_{cycle}_{rec_id}"
    with st.expander(_("Record an assessment"), icon=":material/edit_note:"):
        with st.form(key=key, border=False):
            when = st.date_input(_("Date"), value=date.today(), key=f"{key}_date")
            status = st.selectbox(_("Coalition status"), labels, index=None, key=f"{key}_status")
            government = st.selectbox(_("Government status"), labels, index=None, key=f"{key}_gov")
            evidence = st.text_input(_("Evidence (text or a link)"), key=f"{key}_evidence")
            note = st.text_area(_("Internal note"), key=f"{key}_note")
            sent = st.form_submit_button(_("Record"), type="primary")
    if sent:
        _send(ctx, "assessment", key, {"date": when, "cycle": cycle, "rec_id": rec_id, "status": status or "",
                                       "government_status": government, "evidence": evidence,
                                       "internal_notes": note})


def measurement_form(ctx: PageContext, indicator_id: str) -> None:
    """Record one value of an indicator."""
    if not can_record(ctx):
        return
    flash()
    waiting(ctx)
    key = f"measure_{indicator_id}"
    with st.expander(_("Record a measurement"), icon=":material/edit_note:"):
        with st.form(key=key, border=False):
            when = st.date_input(_("Date"), value=date.today(), key=f"{key}_date")
            value = st.text_input(_("Value"), key=f"{key}_value")
            source = st.text_input(_("Source"), key=f"{key}_source")
            note = st.text_input(_("Note"), key=f"{key}_note")
            sent = st.form_submit_button(_("Record"), type="primary")
    if sent:
        _send(ctx, "measurement", key, {"date": when, "indicator_id": indicator_id, "value": value,
                                        "source": source, "note": note})
