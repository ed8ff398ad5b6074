"""The six analysis pages with AppTest: they render on every kind of sheet, charts follow the filters,
empty pages say why, and sheet text never becomes Markdown."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from apptest_support import figures, open_page, source_writer
from builders import REC_HEADER, rec
from streamlit.testing.v1 import AppTest

from upr_sheets.analysis import metrics, views
from upr_sheets.app import widgets
from upr_sheets.core import i18n
from upr_sheets.core.settings import DEMO_WORKBOOK, load_settings
from upr_sheets.sync import load

pytestmark = pytest.mark.usefixtures("fresh_app")  # a clean data cache and snapshot folder

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
PAGES = ["overview", "themes", "ministries", "cycles", "states", "indicators"]
HOSTILE = "**Bold** [click](javascript:alert(1)) <img src=x onerror=alert(1)> :red[red] $x^2$"
BOOKS = {
    "empty": {"Recommendations": [REC_HEADER]},
    "quarantined": {"Recommendations": [REC_HEADER, rec("1.1", "2", themes="Land"),
                                        rec("1.2", "2", status="Partialy implemented"), rec("1.3", "two"),
                                        rec("1.4", "1", response="Noted", ministries="Justice")]},
    "all_quarantined": {"Recommendations": [REC_HEADER, rec("1.1", "two"), rec("1.2", "2", response="Maybe")]},
    "hostile": {"Recommendations": [REC_HEADER, rec("1.1", "1", HOSTILE, HOSTILE, "Accepted", HOSTILE, HOSTILE),
                                    rec("2.1", "2", HOSTILE, HOSTILE, "Noted", HOSTILE, HOSTILE,
                                        status="Fully implemented", government_status="Not implemented")]},
}

Workbook = Callable[[str], Path]



@pytest.fixture
def workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbook:
    """Write a named fixture workbook (or take the demo) and make it the app's source ($UPR_MONITOR_SOURCE)."""
    return source_writer(tmp_path, monkeypatch, BOOKS)


def _decode(values: object) -> list:
    """Plotly's JSON arrays: plain lists, or {dtype, bdata} typed arrays."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def chart(at: AppTest, key: str) -> dict:
    """The plotly spec of the chart with this key, numeric arrays decoded."""
    found = [el for el in at.get("plotly_chart") if el.key == key]
    assert found, f"no chart {key!r}: {[el.key for el in at.get('plotly_chart')]}"
    spec = json.loads(found[0].proto.spec)
    for trace in spec["data"]:
        for axis in ("x", "y"):
            if axis in trace:
                trace[axis] = _decode(trace[axis])
    return spec


def infos(at: AppTest) -> list[str]:
    """The st.info messages on the page."""
    return [i.value for i in at.info]


@pytest.mark.parametrize("name", ["demo", "empty", "quarantined", "all_quarantined", "hostile"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders(workbook: Workbook, name: str, page: str) -> None:
    workbook(name)
    at = open_page(page)
    assert any("Synced" in c.value for c in at.caption), "no freshness banner"
    if name in ("demo", "hostile", "quarantined") and page != "indicators":
        assert at.get("plotly_chart"), f"{page} drew no chart on {name}"
    if name == "demo":
        assert at.get("plotly_chart") and not [i for i in infos(at) if "Cycles tab" not in i]  # (demo dates: past)


def test_overview_second_cycle_matches_the_un_report(workbook: Workbook) -> None:
    workbook("demo")
    at = open_page("overview", {"cycle": "2"})
    shown = figures(at)
    assert (shown["Recommendations"], shown["Accepted"], shown["Noted"]) == ("205", "163", "42")
    ours, benchmark = chart(at, "overview_benchmark")["data"]
    assert benchmark["x"] == [48.0, 55.0, 19.0]
    data = load(str(DEMO_WORKBOOK), load_settings()).dataset
    second = data.recommendations.loc[data.recommendations["cycle"] == 2]
    expected = metrics.triggered_action(second, load_settings())
    assert ours["x"] == [expected["all"], expected["accepted"], expected["noted"]]
    assert shown["Triggered action, of 205"] == f"{expected['all']:g}%"


def test_overview_changes_since_follows_the_date(workbook: Workbook) -> None:
    workbook("demo")
    at = open_page("overview")
    default = at.date_input(key="overview_since").value
    recent = len(at.dataframe[0].value)
    assert any(c.value.startswith(f"{recent:,} recommendation") for c in at.caption)
    at.date_input(key="overview_since").set_value(date(2015, 1, 1)).run()
    assert len(at.dataframe[0].value) > recent and default > date(2015, 1, 1)
    assert "Past: Next review, cycle 2" in {c.value for c in at.caption}


@pytest.mark.parametrize(("page", "key"), [("themes", "themes_status"), ("ministries", "ministries_scorecard"),
                                           ("cycles", "cycles_responses"), ("states", "states_top"),
                                           ("overview", "overview_status")])
def test_filters_change_the_figures(workbook: Workbook, page: str, key: str) -> None:
    workbook("demo")
    everything = chart(open_page(page), key)["data"]
    first_cycle = chart(open_page(page, {"cycle": "1"}), key)["data"]
    assert everything != first_cycle
    assert sum(sum(t["x" if t.get("orientation") == "h" else "y"]) for t in first_cycle) > 0


def test_themes_fallback_lists_the_recommendations_of_the_chosen_theme(workbook: Workbook) -> None:
    workbook("demo")
    at = open_page("themes")
    status = chart(at, "themes_status")
    groups = list(dict.fromkeys(row[0] for trace in status["data"] for row in trace["customdata"]))
    assert at.selectbox(key="themes_pick").options == groups  # the same themes, in chart order
    at.selectbox(key="themes_pick").select("Land and housing").run()
    recs = load(str(DEMO_WORKBOOK), load_settings()).dataset.recommendations
    expected = sorted(i for i, c, themes in zip(recs["id"], recs["cycle"], recs["themes"])
                      if "Land and housing" in themes and c == 2)  # the current cycle
    assert sorted(at.dataframe[0].value["ID"]) == expected
    assert any(c.value == f"{len(expected)} recommendations in Land and housing." for c in at.caption)


def test_empty_states_say_why(workbook: Workbook) -> None:
    workbook("empty")
    no_data = {page: infos(open_page(page)) for page in PAGES}
    workbook("demo")
    filtered = {page: infos(open_page(page, {"cycle": "1", "response": "Noted"})) for page in PAGES}
    workbook("all_quarantined")
    quarantined = {page: infos(open_page(page)) for page in PAGES if page != "indicators"}
    for page in PAGES:
        assert len(no_data[page]) == 1 and len(filtered[page]) == 1, page
        assert no_data[page] != filtered[page], page
        assert "filters" in filtered[page][0] and "filters" not in no_data[page][0], page
    for page, message in quarantined.items():
        assert "Data quality" in message[0] and message != no_data[page], page


def test_indicators_filtered_out_vs_none_at_all(workbook: Workbook) -> None:
    workbook("demo")
    at = open_page("indicators", {"cycle": "1"})  # every demo indicator belongs to cycle 2
    assert figures(at)["Indicators"] == "0"
    assert "No indicator is linked to the recommendations that match the filters" in infos(at)[0]


def test_indicators_chart_then_a_qualitative_log(workbook: Workbook) -> None:
    workbook("demo")
    at = open_page("indicators")
    assert at.selectbox(key="indicators_pick").value == "IND-02"  # the first quantitative one
    line = chart(at, "indicators_chart")
    assert len(line["data"][0]["y"]) == 13
    assert len(at.dataframe[1].value) == 12  # every indicator, with its progress
    at.selectbox(key="indicators_pick").select("IND-01").run()
    assert not at.get("plotly_chart")
    log = at.dataframe[0].value
    dates = pd.to_datetime(log["date"])  # dates, which the grid shows as 2026-06-30 and sorts as dates
    assert len(log) == 4 and list(dates) == sorted(dates, reverse=True) and dates.notna().all()


def test_themes_grouped_by_sdg(workbook: Workbook) -> None:
    """The SDG view: the same charts and list, by Sustainable Development Goal, named in the interface language."""
    workbook("demo")
    at = open_page("themes")  # the names in French and Khmer: tests/test_pageviews.py
    at.radio(key="themes_by").set_value("sdg_goals").run()
    status = chart(at, "themes_status")
    goals = list(dict.fromkeys(row[0] for trace in status["data"] for row in trace["customdata"]))
    assert "16 · Peace, justice and strong institutions" in goals
    assert at.selectbox(key="themes_pick_sdg").options == goals
    at.selectbox(key="themes_pick_sdg").select("16 · Peace, justice and strong institutions").run()
    recs = load(str(DEMO_WORKBOOK), load_settings()).dataset.recommendations
    shown = at.dataframe[0].value
    cycles = set(shown["Cycle"])  # the cycles in view (the current one by default)
    expected = sum(any(str(v).split(".")[0] == "16" for v in sdgs) and cycle in cycles
                   for sdgs, cycle in zip(recs["sdgs"], recs["cycle"]))
    assert len(shown) == expected > 0


def test_ministries_stale_threshold_is_adjustable(workbook: Workbook) -> None:
    workbook("demo")
    at = open_page("ministries")
    assert at.number_input(key="ministries_months").value == load_settings().dashboard.stale_after_months
    six = int(figures(at)["Not assessed in 6 months"])
    at.number_input(key="ministries_months").set_value(240).run()
    assert int(figures(at)["Not assessed in 240 months"]) < six
    card, disputed = (df.value for df in at.dataframe)
    assert int(figures(at)["Government claim disputed"]) == len(disputed) > 0
    assert list(card.columns) == ["ministry", "assigned", "triggered_pct", "stale", "disagreements"]


def test_cycles_recurring_pairs(workbook: Workbook) -> None:
    workbook("demo")
    at = open_page("cycles", {"cycle": "all"})
    pairs = at.dataframe[1].value
    assert len(pairs) > 0 and pairs["similarity"].min() >= 80
    assert set(pairs["cycle_a"]) == {1} and set(pairs["cycle_b"]) == {2}
    at.slider(key="cycles_threshold").set_value(95).run()
    assert len(at.dataframe[1].value) < len(pairs)
    one_cycle = open_page("cycles", {"cycle": "2"})
    assert figures(one_cycle)["Cycles"] == "1"
    assert any("at least two cycles" in c.value for c in one_cycle.caption)


def test_states_list_what_one_state_recommended(workbook: Workbook) -> None:
    workbook("demo")
    at = open_page("states")
    table = at.dataframe[0].value
    assert at.selectbox(key="states_pick").options == list(table["state"])
    at.selectbox(key="states_pick").select("Kenya").run()
    found = at.dataframe[2].value
    assert len(found) == int(table.loc[table["state"] == "Kenya", "made"].iloc[0]) > 0
    assert len(at.dataframe[1].value) >= 5  # regional groups


def test_sheet_text_is_never_markdown(workbook: Workbook) -> None:
    workbook("hostile")
    for page in ["themes", "states", "ministries"]:
        at = open_page(page)
        assert not any(HOSTILE in m.value for m in at.markdown), page
        assert not any(HOSTILE in c.value for c in at.caption), page
    at = open_page("themes", {"cycle": "all"})
    at.selectbox(key="themes_pick").select(HOSTILE).run()
    assert at.dataframe[0].value["Recommendation"].tolist() == [HOSTILE, HOSTILE]


def test_page_settings_survive_a_page_switch(workbook: Workbook) -> None:
    workbook("demo")
    at = open_page("ministries")
    at.number_input(key="ministries_months").set_value(12).run()
    at.switch_page("pages/themes.py").run()
    at.selectbox(key="themes_pick").select("Health").run()
    at.switch_page("pages/ministries.py").run()
    assert at.number_input(key="ministries_months").value == 12
    at.switch_page("pages/themes.py").run()
    assert at.selectbox(key="themes_pick").value == "Health"


def _capped_page() -> None:
    import pandas as pd
    import streamlit as st

    from upr_sheets import app
    from upr_sheets.core.i18n import ngettext

    frame = pd.DataFrame({"id": ["1", "2", "3"]})
    for limit, more in ((2, None), (2, "The {n} most recent are listed."), (3, None)):
        shown = app.capped_caption(frame, lambda n: ngettext("{n} change.", "{n} changes.", n).format(n=n),
                                   more=more, limit=limit)
        st.write(f"{len(shown)} shown")


def test_a_capped_table_says_how_many_rows_it_leaves_out() -> None:
    at = AppTest.from_function(_capped_page).run()
    assert [c.value for c in at.caption] == ["3 changes. The first 2 are listed.",
                                             "3 changes. The 2 most recent are listed.", "3 changes."]
    assert [m.value for m in at.markdown] == ["2 shown", "2 shown", "3 shown"]


def test_empty_notices_are_shown_in_the_language_of_the_run(workbook: Workbook) -> None:
    """The pages' shared notices are module constants: translated when shown, not when first imported."""
    workbook("empty")
    open_page("themes")
    with i18n.use("fr"):
        french = i18n._(widgets.EMPTY["no-data"])
    assert french != widgets.EMPTY["no-data"]
    assert infos(open_page("themes", {"lang": "fr"})) == [french]


def test_recommendations_sends_a_page_of_rows_with_a_pager(workbook: Workbook) -> None:
    """50 rows at a time; Next and Previous move through them; the detail picker offers the rows shown."""
    workbook("demo")
    recs = load(str(DEMO_WORKBOOK), load_settings()).dataset.recommendations
    at = open_page("recommendations", {"cycle": "all"})
    assert len(at.dataframe[0].value) == 50
    total = len(recs)
    assert f"Rows 1–50 of {total}" in [c.value for c in at.caption]
    assert at.button(key="rec_page_previous").disabled and not at.button(key="rec_page_next").disabled
    at.button(key="rec_page_next").click().run()
    shown = at.dataframe[0].value
    assert f"Rows 51–100 of {total}" in [c.value for c in at.caption]
    assert list(shown["ID"]) == list(recs["id"].iloc[50:100])
    options = at.selectbox(key="rec_pick").options  # as shown: "ID (cycle N) · text"
    assert [o.split(" (cycle ")[0] for o in options] == list(recs["id"].iloc[50:100])
    assert at.selectbox(key="rec_pick").value[1] == recs["id"].iloc[50]
    while not at.button(key="rec_page_next").disabled:  # to the last page
        at.button(key="rec_page_next").click().run()
    last = (total - 1) // 50 * 50
    assert f"Rows {last + 1}–{total} of {total}" in [c.value for c in at.caption]
    assert list(at.dataframe[0].value["ID"]) == list(recs["id"].iloc[last:])
    assert at.button(key="rec_page_next").disabled
    at.text_input(key="rec_search").input("kenya").run()  # a new search starts on its first page
    assert not any(c.value.startswith(f"Rows {last + 1}") for c in at.caption)
    assert all("Kenya" in states for states in at.dataframe[0].value["Recommending States"])


def test_a_recommendation_link_opens_the_page_that_lists_it(workbook: Workbook) -> None:
    workbook("demo")
    recs = load(str(DEMO_WORKBOOK), load_settings()).dataset.recommendations
    cycle, rec_id = int(recs["cycle"].iloc[120]), recs["id"].iloc[120]
    at = open_page("recommendations", {"cycle": "all", "rec": f"{cycle}-{rec_id}"})
    assert f"Rows 101–150 of {len(recs)}" in [c.value for c in at.caption]
    assert at.selectbox(key="rec_pick").value[:2] == (cycle, rec_id)
    assert f"{views.plain_md(rec_id)} · cycle {cycle}" in [s.value for s in at.subheader]


def test_a_short_table_has_no_pager(workbook: Workbook) -> None:
    workbook("hostile")
    at = open_page("recommendations", {"cycle": "all"})
    assert len(at.dataframe[0].value) == 2
    assert not any(c.value.startswith("Rows ") for c in at.caption)
    assert not [b for b in at.button if b.key and b.key.startswith("rec_page")]


def test_data_quality_pages_a_long_tab_and_offers_every_issue_as_a_file(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A tab with hundreds of issues is listed 50 at a time; the CSV and Excel files hold all of them."""
    import csv
    import io

    from openpyxl import load_workbook

    from upr_sheets.outputs import issue_files

    rows = [rec(f"1.{n}", "2", status="Partialy implemented") for n in range(1, 261)]
    books = {"many": {"Recommendations": [REC_HEADER, *rows, rec("9.1", "2", response="@Maybe")]}}
    path = source_writer(tmp_path, monkeypatch, books)("many")
    at = open_page("data_quality")
    data = load(str(path), load_settings()).dataset
    assert len(data.issues) > 260
    grids = [df.value for df in at.dataframe]
    assert [len(g) for g in grids if "message" in g] == [50]
    assert f"Rows 1–50 of {len(data.issues)}" in [c.value for c in at.caption]
    assert any("downloads above hold every issue" in c.value for c in at.caption)
    at.button(key="dq_page_0_next").click().run()
    assert f"Rows 51–100 of {len(data.issues)}" in [c.value for c in at.caption]
    grid = next(df.value for df in at.dataframe if "message" in df.value)
    assert list(grid["cell"]) == list(views.issues_by_tab(data)[0][1]["cell"].iloc[50:100])
    assert {b.key for b in at.get("download_button")} >= {"dq_download_csv", "dq_download_xlsx"}
    table = list(csv.reader(io.StringIO(issue_files.issues_csv(data).decode("utf-8-sig"))))
    assert table[0][:3] == ["Tab", "Cell", "Severity"] and len(table) == len(data.issues) + 1
    assert {row[1] for row in table[1:]} == {i.cell for i in data.issues}
    assert any(str(i.value).startswith("@") for i in data.issues)
    assert not any(cell.startswith("@") for row in table for cell in row)  # formula-like text is quoted
    book = load_workbook(io.BytesIO(issue_files.issues_xlsx(data)))
    sheet = book.active
    assert sheet.max_row == len(data.issues) + 1
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if c.value is not None)
    with i18n.use("fr"):
        french = issue_files.issues_csv(data).decode("utf-8-sig").splitlines()[0]
    assert french != ",".join(table[0])
