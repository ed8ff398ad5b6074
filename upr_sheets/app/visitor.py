"""Who the visitor is: a read-only link (`?link=`), a signed-in member (st.user) or anyone (open mode), and
what data that Access may see.
"""

from __future__ import annotations

import logging

import streamlit as st

from upr_sheets.access.links import QUERY_PARAM, link_secret, revoked_ids
from upr_sheets.access.modes import OPEN, Access, User, link_access, member_access
from upr_sheets.access.redact import PUBLIC_SOURCE, public_dataset
from upr_sheets.core.contract import canonical
from upr_sheets.core.errors import SettingsError
from upr_sheets.core.model import Dataset
from upr_sheets.core.settings import Settings
from upr_sheets.sync import LoadResult

TOKEN_KEY = "upr_monitor_link"  # st.session_state key of the read-only link this browser session opened
log = logging.getLogger(__name__)


def current_user() -> User | None:
    """The signed-in user (st.user, login mode), or None when nobody is signed in or sign-in is not set up."""
    try:
        info = st.user.to_dict()
    except Exception:  # noqa: BLE001 — no [auth] secrets, no runtime: nobody is signed in
        return None
    if info.get("is_logged_in") is not True:
        return None
    email = info.get("email")
    return User(email.strip() if isinstance(email, str) else "", str(info.get("name") or ""),
                verified=info.get("email_verified") is not False)


def link_token() -> str | None:
    """The read-only link of this request (`?link=`), else the one this browser session opened, else None."""
    given = st.query_params.get_all(QUERY_PARAM)
    if given:
        return given[0] if len(given) == 1 else ""
    return st.session_state.get(TOKEN_KEY)


def keep_token(token: str) -> None:
    """Remember a valid link for the session and keep it in the URL (a page switch drops the query string)."""
    st.session_state[TOKEN_KEY] = token
    if st.query_params.get(QUERY_PARAM) != token:
        st.query_params[QUERY_PARAM] = token


def resolve_access(settings: Settings, dataset: Dataset, token: str | None, user: User | None) -> Access | None:
    """The Access of a link token, a signed-in user or open mode; None when nothing may be shown."""
    if token is not None:
        try:
            secret, revoked = link_secret(settings), revoked_ids(settings, dataset)
        except SettingsError:
            log.warning("A read-only link was refused: the link secret or the link registry is not usable.")
            return None
        return link_access(token, secret, revoked)
    if settings.access.mode == "open":
        return OPEN
    return member_access(dataset, user) if user is not None else None


def visible_result(result: LoadResult, access: Access, settings: Settings) -> LoadResult:
    """The data an Access may see: for a read-only link the public dataset of its scope, with a neutral source."""
    if not access.viewer:
        return result
    scope = access.grant.scope if access.grant else None
    return LoadResult(public_dataset(result.dataset, settings, scope), PUBLIC_SOURCE, result.fetched_at,
                      result.stale, None)


def still_allowed(settings: Settings, dataset: Dataset, access: Access) -> bool:
    """True when freshly loaded data still grants this Access (a link not revoked, a member still listed)."""
    if access.mode == "open":
        return settings.access.mode == "open"
    if access.viewer:
        now = resolve_access(settings, dataset, st.session_state.get(TOKEN_KEY), None)
        return now is not None and now.grant == access.grant
    now = member_access(dataset, User(access.email))
    return now is not None and now.role == access.role


def focus_state(dataset: Dataset, wanted: tuple[str, ...], key: str) -> None:
    """Select the first of a link's States in the States page's picker (`key`), once per session, as the data
    spells it; nothing when no recommendation in view names it."""
    if key in st.session_state or not wanted:
        return
    target = canonical(wanted[0])
    for cell in dataset.recommendations.get("states", ()):
        for state in cell if isinstance(cell, tuple | list) else ():
            if canonical(str(state)) == target:
                st.session_state[key] = str(state)
                return
