"""Streamlit glue for the pages shown instead of the data (sign in, not a member, link not valid, errors)
and for who is signed in. They show no data and name no source, sheet or check that failed. Their text is in
the interface language of the run (upr_sheets.core.i18n); the product name is not translated.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

import streamlit as st

from upr_sheets.access.modes import Access
from upr_sheets.analysis.views import plain_md
from upr_sheets.core.i18n import N_, _

TITLE = "UPR Monitor"
# The browser tab's icon, served by the app itself: a `:material/…:` or emoji page icon makes every browser fetch it
# from a Google or CDN host, which would tell them the address of everyone who opens the dashboard.
ICON = Path(__file__).resolve().parent / "static" / "icon.svg"
SOURCE_HELP = N_("The source is set in config/settings.toml ([source] default), by the UPR_MONITOR_SOURCE "
                 "environment variable, or by `streamlit run dashboard.py -- --source SOURCE`.")
ROLES = {"admin": N_("admin"), "editor": N_("editor"), "member": N_("member")}
log = logging.getLogger(__name__)


def error_page(title: str, message: str, retry: Callable[[], None]) -> Callable[[], None]:
    """A full-page, friendly error for members (no traceback) with a Try again button that calls `retry`."""

    def show_error() -> None:
        st.title(TITLE)
        st.error(f"**{plain_md(title)}**\n\n{plain_md(message)}", icon=":material/error:")
        st.caption(_(SOURCE_HELP))
        st.button(_("Try again"), icon=":material/refresh:", on_click=retry)

    return show_error


def auth_providers() -> list[str | None]:
    """The OpenID Connect providers of [auth] in secrets.toml: None for the default one, else their names."""
    try:
        auth = st.secrets.get("auth")
    except Exception:  # noqa: BLE001 — no secrets.toml at all
        return []
    if not isinstance(auth, Mapping):
        return []
    named = [name for name, value in auth.items() if isinstance(value, Mapping)]
    return ([None] if "client_id" in auth else []) + named


def _login(provider: str | None) -> None:
    try:
        st.login(provider) if provider else st.login()
    except Exception as exc:  # noqa: BLE001 — [auth] missing or Authlib not installed; say so without details
        log.warning("Sign-in could not start (%s); see the README's Access section.", type(exc).__name__)
        st.error(_("Sign-in is not set up on this server yet. Please tell your coalition admin."),
                 icon=":material/error:")


def sign_in_page() -> None:
    """Login mode, nobody signed in: a Sign in button per provider, nothing else."""
    st.title(TITLE)
    st.markdown(_("This dashboard is for the coalition's members. Sign in with the account your coalition "
                  "admin registered."))
    for provider in auth_providers() or [None]:
        label = _("Sign in with {provider}").format(provider=provider.capitalize()) if provider else _("Sign in")
        if st.button(label, type="primary", icon=":material/login:", key=f"upr_login_{provider or 'default'}"):
            _login(provider)
    st.caption(_("Did you receive a read-only link? Open it exactly as it was sent to you."))


def _sign_out_button() -> None:
    if st.button(_("Sign out"), icon=":material/logout:", key="upr_logout"):
        st.logout()


def not_a_member_page(email: str) -> Callable[[], None]:
    """Signed in with an email the Members tab does not list: ask the coalition admin, no data."""

    def ask_your_coalition_admin() -> None:
        st.title(TITLE)
        if email:
            text = _("You are signed in as **{email}**, but this account is not on the coalition's member list. "
                     "Please ask your coalition admin to add it to the Members tab, then reload this page.")
        else:
            text = _("You are signed in with an account that has no email address, but this account is not on "
                     "the coalition's member list. Please ask your coalition admin to add it to the Members tab, "
                     "then reload this page.")
        st.info(text.format(email=plain_md(email)), icon=":material/person_off:")
        _sign_out_button()

    return ask_your_coalition_admin


def invalid_link_page() -> None:
    """A read-only link that does not open (whatever the reason): one plain sentence."""
    st.title(TITLE)
    st.error(_("This link is not valid. Please ask the person who sent it to you for a new one."),
             icon=":material/link_off:")


def unavailable_page() -> None:
    """The data could not be loaded, said to someone who is not an editor: no source, no details."""
    st.title(TITLE)
    st.warning(_("The data cannot be shown just now. Please try again in a few minutes."),
               icon=":material/cloud_off:")
    st.button(_("Try again"), icon=":material/refresh:")


def not_available_page() -> None:
    """A page this session's access does not include."""
    st.title(TITLE)
    st.info(_("This page is not available to you."), icon=":material/block:")


def identity(access: Access) -> None:
    """In the sidebar for a signed-in member: who, which role and working group, and Sign out."""
    if access.mode != "login":
        return
    with st.sidebar:
        role = _(ROLES[access.role]) if access.role in ROLES else access.role
        details = " · ".join(plain_md(p) for p in (role, access.working_group) if p)
        signed_in = _("Signed in as **{name}**").format(name=plain_md(access.name or access.email))
        st.caption(f":material/person: {signed_in} · {details}")
        _sign_out_button()
