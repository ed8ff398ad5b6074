"""app/sidebar.py with AppTest: the SDG filter, named in the interface language, cuts every page and the URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_support import DASHBOARD, figures, source_writer
from streamlit.testing.v1 import AppTest

from upr_sheets.analysis.filters import Filters, apply_filters
from upr_sheets.core.settings import load_settings
from upr_sheets.sync import load

pytestmark = pytest.mark.usefixtures("fresh_app")  # a clean data cache and snapshot folder

ROWS = [["ID", "Cycle", "Recommendation", "Recommending States", "Response", "Themes", "SDGs"],
        ["1.1", "2", "Protect land rights", "France", "Accepted", "Land", "1.4; 16"],
        ["1.2", "2", "End violence against women", "Kenya", "Noted", "Women", "5.2"],
        ["1.3", "2", "Ensure free elections", "Brazil", "Accepted", "Elections", "16.7"],
        ["1.4", "2", "Ratify the Optional Protocol", "Chile", "Accepted", "Justice", ""]]


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return source_writer(tmp_path, monkeypatch, {"sdgs": {"Recommendations": ROWS}})("sdgs")


def run(query: dict[str, str | list[str]] | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def test_the_sdg_filter_offers_the_goals_named_in_the_interface_language(book: Path) -> None:
    at = run({"lang": "km"})
    sdg = at.sidebar.multiselect(key="filter_sdgs")
    assert sdg.label == "SDGs" and sdg.options == ["1 · គ្មានភាពក្រីក្រ", "5 · សមភាពយេនឌ័រ",
                                                   "16 · សន្តិភាព យុត្តិធម៌ និងស្ថាប័នរឹងមាំ"]
    at = run()
    assert at.sidebar.multiselect(key="filter_sdgs").options[-1] == "16 · Peace, justice and strong institutions"


def test_choosing_a_goal_cuts_the_figures_and_goes_into_the_url(book: Path) -> None:
    at = run()
    assert figures(at)["Recommendations"] == "4"
    at.sidebar.multiselect(key="filter_sdgs").select("16").run()  # a target (1.4, 16.7) counts under its goal
    assert not at.exception and figures(at)["Recommendations"] == "2"
    assert at.query_params["sdg"] == "16"
    at.switch_page("pages/recommendations.py").run()  # every page honours it
    assert not at.exception and at.multiselect(key="filter_sdgs").value == ["16"]
    at.sidebar.button(key="upr_clear_filters").click().run()
    assert "sdg" not in at.query_params and at.multiselect(key="filter_sdgs").value == []


def test_a_link_with_sdgs_opens_on_them(book: Path) -> None:
    at = run({"sdg": ["5", "SDG 16.7", "18"]}, page="pages/themes.py")  # a target names its goal; 18 is none
    assert not at.exception
    assert at.multiselect(key="filter_sdgs").value == ["5", "16"]
    assert figures(at)["Recommendations"] == "3"


def test_the_demo_has_goals_to_filter_by(fresh_app: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = source_writer(tmp_path, monkeypatch, {})("demo")
    at = run({"sdg": "5"})
    data = load(str(path), load_settings()).dataset
    cut = apply_filters(data, Filters(cycles=(2,), sdgs=(5,))).recommendations
    assert not at.exception and 0 < len(cut) < 205
    assert figures(at)["Recommendations"] == str(len(cut))
