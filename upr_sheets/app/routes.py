"""The addresses people type: a few other spellings of a page's address open that page, and an address that names
no page opens the first page with a notice in the interface language.

Streamlit answers an unknown address with an English "Page not found" dialog sent by st.navigation.
`hidden_pages()` adds the other spellings as hidden pages of the same files;
`forget_unknown()`, called just before st.navigation, turns a request for an address that is none of the
pages into a request for the default page (so no English dialog) and keeps what was typed for `notice()`.

The very first visit after the server starts is different: until a run calls st.navigation, Streamlit takes the
app for a legacy multipage app (a pages/ folder beside dashboard.py, see app.legacy) and resolves the address
against the files of pages/ before dashboard.py runs. An address that names none of them (`/nowhere`,
`/data-quality`) gets Streamlit's dialog there, already sent when dashboard.py starts; `close_legacy_dialog()`
closes it in the browser as soon as dashboard.py's first element arrives (it is on screen for a moment, about
a second on a fresh server), and the notice says the same thing in the interface language. Both go with
app.legacy: an app with no pages/ folder beside dashboard.py is never taken for a legacy one.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from upr_sheets.core.i18n import _

# Another spelling people type → the page key (its file name in pages/, its own address). The landing page's own
# address and its twin at its key are dashboard.py's.
ALIASES = {"index": "overview", "dashboard": "overview",
           "theme": "themes", "ministry": "ministries", "cycle": "cycles", "recommending-states": "states",
           "recommending_states": "states", "indicator": "indicators", "recommendation": "recommendations",
           "report": "reports", "data-quality": "data_quality", "quality": "data_quality"}
NOTICE_KEY = "upr_monitor_unknown_path"  # st.session_state: the unknown address typed, until a page says so
# Closes Streamlit's "Page not found" dialog once it is on screen (its title is Streamlit's own, in English).
CLOSE_DIALOG = """<script>
(function () {
  const doc = window.document;
  function close() {
    for (const dialog of doc.querySelectorAll('[role="dialog"]')) {
      const button = dialog.querySelector('button[aria-label="Close"]');
      if (button && dialog.textContent.includes("Page not found")) { button.click(); return true; }
    }
    return false;
  }
  if (close()) return;
  const watch = new MutationObserver(() => { if (close()) watch.disconnect(); });
  watch.observe(doc.body, {childList: true, subtree: true});
  setTimeout(() => watch.disconnect(), 15000);
})();
</script>"""


def aliases(keys: Iterable[str]) -> list[tuple[str, str]]:
    """(address, page key) of the spellings to add as hidden pages, for the pages this session has."""
    keys = set(keys)
    return [(alias, key) for alias, key in ALIASES.items() if key in keys]


def hidden_pages(keys: Iterable[str]) -> list[st.Page]:
    """The aliases as hidden st.Pages of the same files."""
    return [st.Page(f"pages/{key}.py", url_path=alias, visibility="hidden") for alias, key in aliases(keys)]


def legacy_not_found() -> str | None:
    """The address typed, when this run is the legacy first one (see the module docstring) and Streamlit found no
    file of pages/ for it: then it has sent its dialog already. None otherwise (call before st.navigation)."""
    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if manager is None or not PagesManager.uses_pages_directory or manager.intended_page_script_hash:
        return None
    typed = (manager.intended_page_name or "").strip("/")
    known = {info.get("url_pathname", "") for info in manager.get_pages().values()}
    return typed if typed and typed not in known else None


def close_legacy_dialog() -> None:
    """On the legacy first run for an address that names no file of pages/: close Streamlit's dialog."""
    if legacy_not_found() is not None:
        st.html(CLOSE_DIALOG, unsafe_allow_javascript=True)


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
