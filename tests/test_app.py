"""The Streamlit app end to end with AppTest: every page, banner, filters and the query string."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from apptest_support import figures, source_writer
from builders import REC_HEADER, rec, write_xlsx
from streamlit.runtime.caching import cache_utils
from streamlit.testing.v1 import AppTest

from upr_sheets import app
from upr_sheets.access.modes import EDITOR_PAGES, Access
from upr_sheets.app import loader, visitor
from upr_sheets.core.settings import SOURCE_ENV, load_settings

pytestmark = pytest.mark.usefixtures("fresh_app")  # a clean data cache and snapshot folder

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
PAGES = ["overview", "themes", "ministries", "cycles", "states", "indicators", "recommendations", "data_quality"]
HOSTILE = "**Bold** [click](javascript:alert(1)) <img src=x onerror=alert(1)> :red[red] $x^2$"
TEXT = {0}  # column A (ID) is formatted as text in the fixture workbooks

Workbook = Callable[[str], Path]



def _cycles_rows() -> list[list]:
    return [REC_HEADER,
            rec("1.1", "1", "Abolish the death penalty", "Japan", "Accepted", "Justice"),
            rec("1.2", "1", "Protect land rights", "France", "Accepted", "Land", status="Partially implemented"),
            rec("1.3", "1", "Ratify the Rome Statute", "Germany; Chile", "Noted", "Justice"),
            rec("2.1", "2", "Ensure free elections", "Brazil", "Accepted", "Elections"),
            rec("2.2", "2", HOSTILE, "Kenya", "Noted", "Land", status="Fully implemented",
                government_status="Not implemented", notes="internal only")]


@pytest.fixture
def workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbook:
    """Write a named fixture workbook and make it the app's source ($UPR_MONITOR_SOURCE)."""
    books = {
        "cycles": {"Recommendations": _cycles_rows()},
        "empty": {"Recommendations": [REC_HEADER]},
        "quarantined": {
            "Recommendations": [REC_HEADER, rec("1.1", "2"), rec("1.2", "2", status="Partialy implemented",
                                                             notes="secret note"),
                                rec("1.3", "two"), rec("1.4", "1", response="Noted")],
            "Members": [["Email", "Name"], ["not-an-email", "A. Member"]],
        },
    }
    return source_writer(tmp_path, monkeypatch, books)


def run_app(query: dict[str, str] | None = None) -> AppTest:
    """The dashboard after its first run (optionally opened with a query string)."""
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def page_links(at: AppTest) -> list[str]:
    """Labels of the st.page_link elements on the page."""
    return [el.proto.label for el in at.get("page_link")]


@pytest.mark.parametrize("name", ["demo", "empty", "quarantined", "cycles"])
def test_every_page_renders(workbook: Workbook, name: str) -> None:
    workbook(name)
    at = run_app()
    assert not at.exception, at.exception
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, f"{page}: {at.exception}"
        assert any("Synced" in c.value for c in at.caption), f"{page}: no freshness banner"


def test_overview_figures_on_the_fixture(workbook: Workbook) -> None:
    workbook("cycles")
    at = run_app()  # the current cycle: the latest with recommendations
    assert figures(at) == {"Recommendations": "2", "Accepted": "1", "Noted": "1", "Triggered action, of 2": "50%"}
    assert at.query_params["cycle"] == "2"
    at.sidebar.button(key="upr_all_cycles").click().run()
    assert figures(at) == {"Recommendations": "5", "Accepted": "3", "Noted": "2", "Triggered action, of 5": "40%"}
    assert at.query_params["cycle"] == "all"
    assert [m.delta for m in at.metric if m.label.startswith("Triggered")] == [""]  # pooled: no benchmark
    assert any("pool 2 reviews" in c.value for c in at.caption)


def test_demo_second_cycle_matches_the_un_report(workbook: Workbook) -> None:
    workbook("demo")
    shown = figures(run_app({"cycle": "2"}))
    assert (shown["Recommendations"], shown["Accepted"], shown["Noted"]) == ("205", "163", "42")


def test_banner_counts_quarantined_rows_and_links_to_data_quality(workbook: Workbook) -> None:
    workbook("quarantined")
    at = run_app({"cycle": "all"})
    assert page_links(at) == ["3 rows quarantined"]
    assert figures(at)["Recommendations"] == "2"
    at.switch_page("pages/data_quality.py").run()
    assert figures(at) == {"Errors": "3", "Warnings": "0", "Quarantined rows": "3"}
    tables = [df.value for df in at.dataframe]
    codes = set(tables[0]["code"])
    assert {"unknown-status", "bad-cycle", "bad-email"} <= codes
    quarantine = tables[-1]
    assert list(quarantine["Row"]) == [3, 4]
    assert "Internal Notes" not in quarantine.columns  # private column
    assert not any("not-an-email" in str(t.values) for t in tables[-1:])  # private tab has no row table


def test_empty_sheet_shows_zeros_and_a_clean_data_quality_page(workbook: Workbook) -> None:
    workbook("empty")
    at = run_app()
    assert figures(at) == {"Recommendations": "0", "Accepted": "0", "Noted": "0", "Triggered action": "–"}
    assert page_links(at) == []
    at.switch_page("pages/data_quality.py").run()
    assert any("The sheet is clean" in s.value for s in at.success)
    at.switch_page("pages/recommendations.py").run()
    assert any(c.value == "0 of 0 recommendations" for c in at.caption)


def test_query_string_opens_the_same_view_and_survives_page_switches(workbook: Workbook) -> None:
    workbook("cycles")
    at = run_app({"cycle": "2"})
    assert at.multiselect(key="filter_cycles").value == ["2"]
    assert figures(at)["Recommendations"] == "2"
    assert at.query_params["cycle"] == "2"
    at.query_params.clear()  # what st.navigation does to the URL on a page switch
    at.switch_page("pages/themes.py").run()
    assert at.query_params["cycle"] == "2"
    assert figures(at)["Recommendations"] == "2"
    assert at.multiselect(key="filter_cycles").value == ["2"]


def test_filters_change_the_figures_and_the_url(workbook: Workbook) -> None:
    workbook("cycles")
    at = run_app({"cycle": "all"})
    assert figures(at)["Recommendations"] == "5"
    at.multiselect(key="filter_responses").select("Noted").run()
    assert figures(at) == {"Recommendations": "2", "Accepted": "0", "Noted": "2", "Triggered action, of 2": "50%"}
    assert at.query_params["response"] == "Noted"
    at.multiselect(key="filter_themes").select("Land").run()
    assert figures(at)["Recommendations"] == "1"
    at.sidebar.button(key="upr_clear_filters").click().run()  # back to the default view: the current cycle
    assert figures(at)["Recommendations"] == "2"
    assert "response" not in at.query_params and "theme" not in at.query_params and at.query_params["cycle"] == "2"


def test_link_with_unknown_values_shows_everything(workbook: Workbook) -> None:
    workbook("cycles")
    at = run_app({"cycle": "9", "theme": "No such theme"})
    assert not at.exception
    assert figures(at)["Recommendations"] == "5"


def test_missing_source_is_a_friendly_full_page_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOURCE_ENV, str(tmp_path / "gone.xlsx"))
    at = run_app()
    assert not at.exception
    assert "Could not load gone\\.xlsx" in at.error[0].value
    assert [b.label for b in at.button] == ["Try again"]
    assert not at.metric


def test_stale_snapshot_is_served_with_a_warning(workbook: Workbook) -> None:
    path = workbook("cycles")
    run_app()
    path.unlink()
    st.cache_data.clear()
    at = run_app({"cycle": "all"})
    assert not at.exception
    assert figures(at)["Recommendations"] == "5"
    assert any("last good data" in w.value for w in at.warning)


def test_refresh_reads_the_source_again(workbook: Workbook) -> None:
    path = workbook("cycles")
    at = run_app({"cycle": "all"})
    write_xlsx(path, {"Recommendations": _cycles_rows()[:3]}, {"Recommendations": TEXT})
    at.run()
    assert figures(at)["Recommendations"] == "5"  # served from the cache
    at.button(key="upr_refresh").click().run()
    assert figures(at)["Recommendations"] == "2"


def test_every_session_shares_one_data_cache(workbook: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    workbook("cycles")
    reads = []
    real = loader.load
    monkeypatch.setattr(loader, "load", lambda *args: reads.append(args[0]) or real(*args))
    first, second = run_app(), run_app()  # two browser sessions
    assert figures(first) == figures(second) and len(reads) == 1


def test_the_data_cache_lasts_the_ttl_of_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(cache_utils, "TTLCACHE_TIMER", lambda: now[0])  # the clock of Streamlit's TTL caches
    settings = load_settings()
    short = settings.model_copy(update={"sync": settings.sync.model_copy(update={"cache_ttl_seconds": 30})})
    monkeypatch.setattr(loader, "get_settings", lambda: short)
    reads = []
    monkeypatch.setattr(loader, "load", lambda source, _settings, _progress=None: reads.append(source) or source)
    st.cache_data.clear()
    assert loader.cached_load()("a.xlsx") == "a.xlsx"
    now[0] += 29
    loader.cached_load()("a.xlsx")
    assert reads == ["a.xlsx"]
    now[0] += 2
    loader.cached_load()("a.xlsx")
    assert reads == ["a.xlsx", "a.xlsx"]


def test_a_page_outside_the_access_shows_a_notice_and_nothing_else(workbook: Workbook,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    workbook("cycles")
    at = run_app()
    member = Access("member", mode="login", email="member@example.org")  # no Data quality page
    monkeypatch.setattr(visitor, "resolve_access", lambda *args: member)
    at.switch_page("pages/data_quality.py").run()  # AppTest runs a pages/ file directly: the page itself refuses
    assert not at.exception
    assert [i.value for i in at.info] == ["This page is not available to you."]
    assert not at.header and not at.metric and not at.dataframe


def test_every_page_names_itself_to_live() -> None:
    """`@app.live("key")` is what decides whether a session may see the page: it must be the page's own key."""
    pages = sorted((ROOT / "pages").glob("*.py"))
    named = [(path.stem, d.args[0].value) for path in pages
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.FunctionDef)
             for d in node.decorator_list if isinstance(d, ast.Call) and ast.unparse(d.func) == "app.live"]
    assert named == [(path.stem, path.stem) for path in pages]
    assert {path.stem for path in pages} >= set(EDITOR_PAGES)


def test_recommendations_search_and_detail_escape_sheet_text(workbook: Workbook) -> None:
    workbook("cycles")
    at = run_app({"cycle": "all"})
    at.switch_page("pages/recommendations.py").run()
    at.text_input(key="rec_search").input("kenya").run()
    assert any(c.value == "1 of 5 recommendations matches the search" for c in at.caption)
    assert at.selectbox(key="rec_pick").value[1] == "2.2"
    assert HOSTILE in [t.value for t in at.text]  # st.text: no Markdown at all
    assert not any(HOSTILE in m.value for m in at.markdown)
    assert any(t.value.endswith("Response: Noted") for t in at.text)
    assert [m.value for m in at.markdown if m.value in ("**Fully implemented**", "**Not implemented**")] == [
        "**Fully implemented**", "**Not implemented**"]
    assert any("differ" in w.value for w in at.warning)
    shown = " ".join(str(df.value.to_dict()) for df in at.dataframe)
    assert "internal only" not in shown


Z = "\u200b"  # zero-width space that breaks GFM autolinks


@pytest.mark.parametrize(("text", "escaped"), [
    ("**bold**", r"\*\*bold\*\*"),
    ("[a](javascript:x)", r"\[a\]\(javascript" + Z + r"\:x\)"),
    ("<b>hi</b>", r"\<b\>hi\<\/b\>"),
    (":red[x] $y$", Z + r"\:red\[x\] \$y\$"),
    ("# 1. - a_b", r"\# 1\. \- a\_b"),
    ("www.x.org a@b.org", Z + r"www\.x\.org a" + Z + r"\@b\.org"),
    ("plain words, 50%", "plain words, 50%"),
])
def test_plain_md_escapes_markdown(text: str, escaped: str) -> None:
    assert app.plain_md(text) == escaped


@pytest.mark.parametrize(("seconds", "text"), [(5, "just now"), (125, "2 min ago"), (7300, "2 h ago"),
                                               (86400, "1 day ago"), (3 * 86400, "3 days ago")])
def test_ago(seconds: float, text: str) -> None:
    assert app.ago(seconds) == text


@pytest.mark.parametrize(("argv", "env", "expected"), [
    (["--source", "a.xlsx"], "b.xlsx", "a.xlsx"),
    (["--source=a.xlsx"], None, "a.xlsx"),
    (["-q", "tests"], "b.xlsx", "b.xlsx"),
    ([], None, "demo"),
])
def test_current_source(monkeypatch: pytest.MonkeyPatch, argv: list[str], env: str | None, expected: str) -> None:
    if env:
        monkeypatch.setenv(SOURCE_ENV, env)
    assert app.current_source(load_settings(), argv) == expected


def test_two_values_of_one_filter_are_repeated_keys(workbook: Workbook) -> None:
    workbook("cycles")
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    at.query_params["theme"] = ["Land", "Justice"]
    at.query_params["cycle"] = "all"
    at.run()
    assert at.multiselect(key="filter_themes").value == ["Land", "Justice"]
    assert figures(at)["Recommendations"] == "4"


def test_bad_settings_file_is_a_friendly_full_page_error(
        workbook: Workbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from upr_sheets.core import settings

    workbook("cycles")
    good, bad = settings.SETTINGS_PATH, tmp_path / "settings.toml"
    bad.write_text("[sync]\ncache_ttl_seconds = 'soon'\n", encoding="utf-8")
    monkeypatch.setattr(settings, "SETTINGS_PATH", bad)
    app.get_settings.clear()
    try:
        at = run_app()
        assert not at.exception
        assert "settings file has a problem" in at.error[0].value
        assert "cache\\_ttl\\_seconds" in at.error[0].value
        monkeypatch.setattr(settings, "SETTINGS_PATH", good)  # the file fixed: Try again shows the data
        at.button[0].click().run()
    finally:
        app.get_settings.clear()
    assert not at.exception and not at.error
    assert figures(at)["Recommendations"] == "2"  # the current cycle
