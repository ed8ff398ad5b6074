"""The addresses people type: a few other spellings of a page's address open that page, and an address that names
no page opens the first page with a notice in the interface language.

Streamlit answers an unknown address with an English "Page not found" dialog sent by st.navigation.
`hidden_pages()` adds the other spellings as hidden pages of the same files;
`forget_unknown()`, called just before st.navigation, turns a request for an address that is none of the
pages into a request for the default page (so no English dialog) and keeps what was typed for `notice()`.

The very first visit after the server starts is still answered by Streamlit's own dialog when it names no
page: that run resolves pages from the pages/ folder before dashboard.py runs (see app.legacy).
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from upr_sheets.core.i18n import _

# Another spelling people type → the page key (its file name in pages/, its own address). The landing page's own
# address and its twin at its key are dashboard.py's.
ALIASES = {"index": "overview", "dashboard": "overview",
           "theme": "themes", "ministry": "ministries", "cycle": "cycles", "recommending-states": "states",
           "recommending_states": "states", "indicator": "indicators", "recommendation": "recommendations",
           "report": "reports", "data-quality": "data_quality", "quality": "data_quality"}
NOTICE_KEY = "upr_monitor_unknown_path"  # st.session_state: the unknown address typed, until a page says so


def aliases(keys: Iterable[str]) -> list[tuple[str, str]]:
    """(address, page key) of the spellings to add as hidden pages, for the pages this session has."""
    keys = set(keys)
    return [(alias, key) for alias, key in ALIASES.items() if key in keys]


def hidden_pages(keys: Iterable[str]) -> list[st.Page]:
    """The aliases as hidden st.Pages of the same files."""
    return [st.Page(f"pages/{key}.py", url_path=alias, visibility="hidden") for alias, key in aliases(keys)]


def forget_unknown(paths: Iterable[str]) -> str | None:
    """The address typed when it names none of `paths` (then the run goes on as a request for the default page);
    None when it names a page, or when the run asks for a page by its hash (a click in the navigation)."""
    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if manager is None or manager.intended_page_script_hash:
        return None
    typed = (manager.intended_page_name or "").strip("/")
    if not typed or typed in set(paths):
        return None
    manager.set_script_intent("", "")
    st.session_state[NOTICE_KEY] = typed
    return typed


def notice(title: str) -> None:
    """Once, on the page shown instead: the address typed names no page (in the interface language)."""
    typed = st.session_state.pop(NOTICE_KEY, None)
    if typed:
        st.info(_("There is no page at “/{path}”: here is the {page} page.").format(path=typed, page=title),
                icon=":material/explore_off:")
