"""app/legacy.py: a page reached before dashboard.py ran still goes through dashboard.py (AppTest).

Streamlit runs a pages/ file directly while it takes the app for a legacy multipage app (a `pages/` folder
beside dashboard.py, before st.navigation ran). The browser test of the same case, on a real fresh server, is
tests/e2e/test_browser.py::test_a_page_link_is_the_first_visit_to_a_fresh_server.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_support import source_writer
from builders import REC_HEADER, rec
from streamlit.testing.v1 import AppTest

from upr_sheets import app
from upr_sheets.app import legacy

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"
BOOK = {"Recommendations": [REC_HEADER, rec("1.1", "1", "Protect land rights", "France", "Accepted", "Land"),
                            rec("2.1", "2", "Ensure free elections", "Brazil", "Noted", "Elections")]}


@pytest.fixture(autouse=True)
def workbook(fresh_app: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """BOOK as the app's source, set after fresh_app (which clears $UPR_MONITOR_SOURCE) has cleaned up."""
    source_writer(tmp_path, monkeypatch, {"book": BOOK})("book")


def test_a_page_opened_first_starts_again_from_the_dashboard() -> None:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    at.switch_page("pages/themes.py")  # the first run of the session is a page, as after opening /themes
    at.run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Themes"]
    assert at.session_state[app.STATE_KEY] is not None  # bootstrap() ran: settings, access, data, filters
    assert at.sidebar.selectbox(key="upr_lang") and at.sidebar.multiselect(key="filter_themes")
    assert any("Synced" in c.value for c in at.caption)


def test_a_page_switch_in_apptest_runs_the_dashboard_steps_inline() -> None:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    at.query_params["cycle"] = "all"
    at.run()
    at.multiselect(key="filter_themes").select("Land").run()
    at.query_params.clear()
    at.switch_page("pages/themes.py").run()  # AppTest runs the pages/ file directly
    assert not at.exception and [h.value for h in at.header] == ["Themes"]
    assert at.multiselect(key="filter_themes").value == ["Land"]  # the filters of the session, read again
    assert {m.label: m.value for m in at.metric}["Recommendations"] == "1"


def test_nothing_to_do_once_the_dashboard_ran() -> None:
    def page() -> None:
        import streamlit as st
        from streamlit.runtime.pages_manager import PagesManager

        from upr_sheets.app import legacy

        PagesManager.uses_pages_directory = False  # what st.navigation does
        st.session_state["state"] = "set by bootstrap"
        legacy.run_through_dashboard("state", lambda: st.write("bootstrap ran"))
        st.write("page ran")

    at = AppTest.from_function(page).run()
    assert not at.exception and [m.value for m in at.markdown] == ["page ran"]


def test_the_streamlit_behaviour_it_answers_is_still_there() -> None:
    """The flag the workaround reads: if Streamlit drops it, this module (and its call in app.live) can go."""
    from streamlit.runtime.pages_manager import PagesManager

    assert hasattr(PagesManager, "uses_pages_directory") and legacy.PagesManager is PagesManager
