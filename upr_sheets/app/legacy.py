"""A workaround for Streamlit's legacy multipage apps, kept in one place: pages run through dashboard.py.

Streamlit treats an app whose entry script has a `pages/` folder beside it as a legacy ("v1") multipage app
until the entry script calls st.navigation: `PagesManager.uses_pages_directory` is set from the folder when
the first session starts, and while it is true the script runner runs the requested pages/ file directly.
So on a freshly started server, a visitor who opens a page's link first (`/themes`) would reach the page
without dashboard.py: no settings, no access check, no data, no filters. `run_through_dashboard()`, which
app.live() calls before a page renders, turns the flag off and starts the run again from dashboard.py.

AppTest sets the flag again before every run, so its page switches always run pages/ files directly; there
dashboard.py's steps (bootstrap) run inline, in the page's run, instead of a rerun.

When it can go: remove the call in app.live(), then run `python3 -m pytest tests/test_app_legacy.py` and
`python3 -m pytest tests/e2e/test_browser.py -k fresh_server` (a page link opened first on a fresh server).
If opening /themes on a fresh server still shows the navigation, the filters and the data, and AppTest's page
switches still pass through bootstrap, Streamlit no longer needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


class Bootstrapped(Protocol):
    """What bootstrap() returns (context.Gate): `stop` is the page to show instead of the data, if any."""

    stop: Callable[[], None] | None


def run_through_dashboard(state_key: str, bootstrap: Callable[[], Bootstrapped]) -> None:
    """Make sure dashboard.py's steps ran in this session before a page renders (see the module docstring).

    `state_key` is the st.session_state key bootstrap() always sets (to None when it refused the session).
    """
    if not PagesManager.uses_pages_directory and state_key in st.session_state:
        return  # the usual case: dashboard.py ran bootstrap() and st.navigation, which runs this page
    PagesManager.uses_pages_directory = False
    if state_key not in st.session_state:
        st.rerun()  # first visit through a page's link: start again from dashboard.py
    gate = bootstrap()  # later runs (only in AppTest, which sets the flag again every run): the same steps inline
    if gate.stop is not None:
        gate.stop()
        st.stop()
