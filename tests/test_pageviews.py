"""Pure helpers behind the dashboard pages: empty states, chart clicks, dates, indicators, display tables."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

import pandas as pd
import pytest
from builders import dataset_of_records

from upr_sheets.analysis import breakdowns, indicator_figures, metrics, pageviews, views
from upr_sheets.analysis.filters import Filters, apply_filters
from upr_sheets.core import i18n
from upr_sheets.core.model import Dataset

# The status scale of config/settings.toml, in display order.
NOT, PART, FULL, NOINFO = "Not implemented", "Partially implemented", "Fully implemented", "No information"


workbook = dataset_of_records  # tabs as lists of {header: value} rows, validated


def rec(id: str, cycle: int, response: str = "Accepted", **cells: str) -> dict[str, Any]:
    """One Recommendations row; keyword names are headers with spaces as underscores."""
    row = {"ID": id, "Cycle": str(cycle), "Recommendation": f"Text of {id}", "Response": response}
    row.update({k.replace("_", " "): v for k, v in cells.items()})
    return row


@cache
def data() -> Dataset:
    """The sample workbook, validated on first use."""
    return workbook({
        "Recommendations": [
            rec("1", 1, Themes="Land; Judiciary", Ministries="Justice", Recommending_States="France; Kenya",
                Status=FULL),
            rec("2", 1, Themes="Land", Recommending_States="Kenya", Status=PART),
            rec("3", 2, "Noted", Ministries="Interior", Recommending_States="", Status=NOT),
        ],
        "Assessments": [
            {"Date": "2024-01-10", "Cycle": "1", "Recommendation ID": "1", "Status": PART},
            {"Date": "2024-06-30", "Cycle": "1", "Recommendation ID": "1", "Status": FULL},
            {"Date": "2024-02-01", "Cycle": "2", "Recommendation ID": "3", "Status": NOT},
        ],
        "Indicators": [
            {"Indicator ID": "Q1", "Cycle": "2", "Recommendation IDs": "3", "Indicator": "A law", "Type": "Qualitative",
             "Baseline": "No law", "Baseline Date": "2020-01-01", "Target": "Law adopted"},
            {"Indicator ID": "N1", "Cycle": "1", "Recommendation IDs": "1; 2", "Indicator": "Land titles",
             "Type": "Quantitative", "Unit": "titles", "Baseline": "100", "Target": "200", "Direction": "Increase",
             "Source": "Cadastre"},
            {"Indicator ID": "N2", "Cycle": "1", "Recommendation IDs": "2", "Indicator": "Unmeasured",
             "Type": "Quantitative", "Baseline": "1", "Target": "2", "Direction": "Increase"},
        ],
        "Measurements": [
            {"Date": "2023-06-30", "Indicator ID": "N1", "Value": "150"},
            {"Date": "2024-06-30", "Indicator ID": "N1", "Value": "175"},
            {"Date": "2024-01-01", "Indicator ID": "Q1", "Value": "Draft published"},
        ],
        "Cycles": [
            {"Cycle": "1", "Mid-term Report Due": "2012-06-01", "Next Review": "2014-01-28"},
            {"Cycle": "2", "Mid-term Report Due": "2026-06-30", "Next Review": "2029-01-30"},
        ],
    })


@cache
def headers_only() -> Dataset:
    """A Recommendations tab with its header row and no recommendation."""
    one = workbook({"Recommendations": [rec("1", 1)]})
    return replace(one, recommendations=one.recommendations.iloc[:0])


@cache
def all_bad() -> Dataset:
    """Every recommendation quarantined."""
    return workbook({"Recommendations": [rec("1", "x"), rec("2", "y")]})


def test_fixture_is_clean():
    assert data().issues == []


@pytest.mark.parametrize(("full", "filters", "table", "expected"), [
    (data, Filters(), "recommendations", None),
    (data, Filters(cycles=(2,), themes=("Land",)), "recommendations", "filtered"),
    (data, Filters(cycles=(2,)), "indicators", None),
    (data, Filters(themes=("Judiciary",), statuses=(PART,)), "indicators", "filtered"),
    (headers_only, Filters(), "recommendations", "no-data"),
    (headers_only, Filters(), "indicators", "no-data"),
    (all_bad, Filters(), "recommendations", "quarantined"),
    (lambda: replace(all_bad(), public=True), Filters(), "recommendations", "no-data"),
], ids=["shown", "filtered out", "indicators shown", "indicators filtered out", "no data", "no indicators tab",
        "all quarantined", "read-only link: no Data quality page to send to"])
def test_why_empty(full, filters, table, expected):
    full = full()  # the dataset, built when the test runs
    assert pageviews.why_empty(full, apply_filters(full, filters), filters, table) == expected


def test_capped_says_how_many_rows_there_were():
    shown, total = pageviews.capped(data().recommendations, 2)
    assert (len(shown), total) == (2, 3)
    shown, total = pageviews.capped(data().recommendations, 10)
    assert (len(shown), total) == (3, 3)


@pytest.mark.parametrize(("field", "expected"), [("themes", {"groups": 2, "untagged": 1}),
                                                 ("ministries", {"groups": 2, "untagged": 1}),
                                                 ("states", {"groups": 2, "untagged": 1})])
def test_coverage(field, expected):
    assert pageviews.coverage(data().recommendations, field) == expected


def test_present_keeps_non_zero_columns_in_the_given_order():
    frame = pd.DataFrame({"accepted": [2, 1], "noted": [0, 0], "pending": [0, 1]})
    labels = {"pending": "Pending", "noted": "Noted", "accepted": "Accepted", "missing": "Missing"}
    assert pageviews.present(frame, labels) == {"pending": "Pending", "accepted": "Accepted"}


def test_groups_of_follows_chart_order(settings):
    long = breakdowns.status_by(data().recommendations, "themes", settings, none="(no theme)")
    assert pageviews.groups_of(long) == ["Judiciary", "Land", "(no theme)"]


@pytest.mark.parametrize(("state", "expected"), [
    ({"selection": {"points": [{"curve_number": 1, "customdata": ["Land", 2, 50.0]}], "point_indices": [0]}},
     "Land"),
    ({"selection": {"points": [{"x": 1}, {"customdata": "Judiciary"}]}}, "Judiciary"),
    ({"selection": {"points": [], "box": [], "lasso": []}}, None),
    ({"selection": {}}, None),
    ({}, None),
    (None, None),
], ids=["bar", "string customdata", "nothing selected", "no points", "no selection", "no state"])
def test_clicked_group(state, expected):
    assert pageviews.clicked_group(state) == expected


@pytest.mark.parametrize(("state", "expected"), [
    ({"selection": {"points": [{"customdata": ["Land", 2, 50.0, "Not implemented"]}]}}, ("Land", "Not implemented")),
    ({"selection": {"points": [{"customdata": ["Land", 2, 50.0]}]}}, ("Land", None)),
    ({"selection": {"points": []}}, None),
    (None, None),
], ids=["segment", "bar without segments", "nothing selected", "no state"])
def test_clicked_segment(state, expected):
    assert pageviews.clicked_segment(state) == expected


def test_segment_rows_are_the_bar_and_the_segment(settings):
    recs = data().recommendations
    bar = breakdowns.recommendations_in(recs, "themes", "Judiciary", none="(no theme)")
    status = bar["status"].iloc[0]
    rows = pageviews.segment_rows(recs, "themes", "Judiciary", "status", status, none="(no theme)")
    assert len(rows) == int((bar["status"] == status).sum()) and set(rows["status"]) == {status}
    assert len(pageviews.segment_rows(recs, "themes", "Judiciary", "status", None, none="(no theme)")) == len(bar)


def test_since_range_defaults_to_ninety_days_before_the_newest_assessment(settings):
    assert pageviews.since_range(data()) == (date(2024, 4, 1), date(2024, 1, 9), date(2024, 6, 30))
    assert metrics.changes_since(data(), date(2024, 1, 9), settings)["id"].tolist() == ["1", "3"]


def test_since_range_never_starts_before_the_first_assessment():
    short = workbook({"Recommendations": [rec("1", 1)],
                      "Assessments": [{"Date": "2024-05-01", "Cycle": "1", "Recommendation ID": "1", "Status": PART}]})
    assert pageviews.since_range(short) == (date(2024, 4, 30), date(2024, 4, 30), date(2024, 5, 1))


def test_since_range_without_assessments():
    assert pageviews.since_range(headers_only()) is None


@pytest.mark.parametrize(("today", "expected"), [
    ("2025-01-01", [("Mid-term report due", 2, date(2026, 6, 30)), ("Next review", 2, date(2029, 1, 30))]),
    ("2013-01-01", [("Mid-term report due", 2, date(2026, 6, 30)), ("Next review", 1, date(2014, 1, 28))]),
    ("2030-01-01", [("Mid-term report due", 2, date(2026, 6, 30)), ("Next review", 2, date(2029, 1, 30))]),
], ids=["both ahead", "nearest ahead", "all past: the latest"])
def test_next_milestones(today, expected):
    line = metrics.timeline(data(), today)
    found = pageviews.next_milestones(line, ["Mid-term report due", "Next review", "Adoption of the outcome"])
    assert [(m["milestone"], m["cycle"], m["date"]) for m in found] == expected
    assert all((m["days_left"] >= 0) == (m["date"] >= date.fromisoformat(today)) for m in found)


@pytest.mark.parametrize(("today", "past", "ahead", "missing"), [
    ("2025-01-01", ("Next review", 1), ("Mid-term report due", 2), None),
    ("2030-01-01", ("Next review", 2), None, 3),
], ids=["one past, one ahead", "none ahead: say which cycle's dates to add"])
def test_calendar_cards_past_and_upcoming(today, past, ahead, missing):
    line = metrics.timeline(data(), today)
    cards, to_add = pageviews.calendar_cards(line)
    shown = {c["upcoming"]: (c["milestone"], c["cycle"]) for c in cards}
    assert shown.get(False) == past and shown.get(True) == ahead and to_add == missing
    assert all((c["days_left"] >= 0) == c["upcoming"] for c in cards)


def test_next_milestones_without_a_cycles_tab():
    assert pageviews.next_milestones(metrics.timeline(headers_only(), "2025-01-01"), ["Next review"]) == []


def test_indicator_summary_and_default():
    progress = indicator_figures.indicator_progress(data())
    assert pageviews.indicator_summary(progress) == {"indicators": 3, "measured": 2, "median_progress": 75.0}
    assert progress["indicator_id"][pageviews.default_indicator(progress)] == "N1"
    assert pageviews.default_indicator(progress.iloc[[0]]) == 0  # only a qualitative one
    empty = indicator_figures.indicator_progress(headers_only())
    assert pageviews.indicator_summary(empty)["median_progress"] is None


def test_indicator_info_merges_the_definition_and_blanks_are_none():
    progress = indicator_figures.indicator_progress(data())
    info = pageviews.indicator_info(data(), progress, "Q1")
    assert info["type"] == "Qualitative" and info["progress_pct"] is None and info["unit"] is None
    assert (info["baseline_text"], info["target_text"]) == ("No law", "Law adopted")
    assert views.text_of(info["baseline_date"]) == "2020-01-01" and info["target_date"] is None
    info = pageviews.indicator_info(data(), progress, "N1")
    assert (info["baseline"], info["target"], info["latest"], info["progress_pct"]) == (100.0, 200.0, 175.0, 75.0)
    assert info["rec_ids"] == ("1", "2") and info["source"] == "Cadastre"


def test_recommendation_table_is_display_text():
    table = views.recommendation_table(data().recommendations, {"id": "ID", "cycle": "Cycle", "themes": "Themes",
                                                               "evidence": "Evidence", "nowhere": "Missing"})
    assert list(table.columns) == ["ID", "Cycle", "Themes", "Evidence", "Missing"]
    assert table["Themes"].tolist() == ["Land; Judiciary", "Land", ""]
    assert table["Cycle"].tolist() == [1, 1, 2] and str(table["Cycle"].dtype) == "Int64"
    assert views.recommendation_table(headers_only().recommendations).empty


def test_indicator_choices_label_each_indicator_in_order():
    progress = pd.DataFrame({"indicator_id": ["I2", "I1", "I3"], "indicator": ["Second", "First", None]})
    assert pageviews.indicator_choices(progress) == {"I2": "I2 · Second", "I1": "I1 · First", "I3": "I3 · "}
    assert list(pageviews.indicator_choices(progress)) == ["I2", "I1", "I3"]


@pytest.mark.parametrize(("value", "goal"), [("16", 16), ("16.3", 16), ("16.a", 16), ("SDG 5", 5), ("Goal 5.2", 5),
                                             ("18", None), ("peace", None), ("", None)])
def test_sdg_goal(value, goal):
    assert pageviews.sdg_goal(value) == goal


def test_recommendations_grouped_by_sdg_goal_with_names_in_each_language():
    from upr_sheets.core import i18n

    recs = pd.DataFrame({"sdgs": [("16", "16.3", "5.2"), (), ("x",)]})
    assert list(pageviews.with_sdg_goals(recs)["sdg_goals"]) == [
        ("5 · Gender equality", "16 · Peace, justice and strong institutions"), (), ()]
    with i18n.use("fr"):
        assert pageviews.with_sdg_goals(recs)["sdg_goals"][0][0] == "5 · Égalité entre les sexes"
    with i18n.use("km"):
        assert pageviews.with_sdg_goals(recs)["sdg_goals"][0][0] == "5 · សមភាពយេនឌ័រ"


# ---- paging -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("total", "wanted", "expected"), [
    (10_000, 0, (0, 200, 0, 50)), (10_000, 1, (1, 200, 50, 100)), (10_000, 199, (199, 200, 9_950, 10_000)),
    (10_000, 500, (199, 200, 9_950, 10_000)),  # a page past the end: the last one
    (120, -3, (0, 3, 0, 50)), (120, 2, (2, 3, 100, 120)), (120, "x", (0, 3, 0, 50)), (120, None, (0, 3, 0, 50)),
    (0, 4, (0, 1, 0, 0)), (50, 1, (0, 1, 0, 50)),
])
def test_page_of_clamps_to_the_pages_that_exist(total: int, wanted: object, expected: tuple) -> None:
    page = pageviews.page_of(total, wanted)
    assert (page.number, page.pages, page.start, page.stop) == expected and page.total == total
    assert page.first == (page.number == 0) and page.last == (page.number == page.pages - 1)


def test_a_page_slices_its_rows_and_says_which() -> None:
    frame = pd.DataFrame({"n": range(10_000)}, index=range(5, 10_005))
    page = pageviews.page_of(len(frame), 1)
    assert list(page.rows(frame)["n"]) == list(range(50, 100))
    assert page.label() == "Rows 51–100 of 10,000"
    assert pageviews.page_of(51, 1).label() == "Row 51 of 51"
    assert pageviews.page_of(0).label() == "No rows"
    with i18n.use("fr"):
        assert page.label() == "Lignes 51–100 sur 10\u202f000"
    with i18n.use("km"):
        assert "51" in page.label() and "Rows" not in page.label()


def test_page_holding_finds_a_recommendation_in_the_order_shown() -> None:
    recs = pd.DataFrame({"cycle": [1, 2] * 60, "id": [str(n // 2) for n in range(120)]})
    assert pageviews.page_holding(recs, 2, "0") == 0
    assert pageviews.page_holding(recs, 1, "30") == 1  # row 60
    assert pageviews.page_holding(recs, 2, "59") == 2  # row 119
    assert pageviews.page_holding(recs, 3, "1") is None
    assert pageviews.page_holding(recs.iloc[::-1], 2, "59") == 0


def test_pick_on_page_keeps_a_pick_only_when_it_is_listed() -> None:
    choices = [(2, "1.1", "Text one"), (2, "1.2", "Text two")]
    assert pageviews.pick_on_page((2, "1.2", "Text two"), choices) == (2, "1.2", "Text two")
    assert pageviews.pick_on_page((2, "1.2"), choices) == (2, "1.2", "Text two")  # from a link
    assert pageviews.pick_on_page((1, "1.2"), choices) is None  # another cycle
    assert pageviews.pick_on_page((2, "9.9", "Elsewhere"), choices) is None and pageviews.pick_on_page(None, []) is None


# ---- wording a page picks ---------------------------------------------------------------------------------

def test_scope_caption_says_which_review_the_figures_are_of() -> None:
    assert pageviews.scope_caption(3, [], 2).startswith("All cycles: these figures pool 3 reviews")
    assert pageviews.scope_caption(1, [2], 2) == "Cycle 2, the current review."
    assert pageviews.scope_caption(1, [1], 2) == "Cycle 1."
    assert pageviews.scope_caption(1, [], 2) is None
    with i18n.use("fr"):
        assert pageviews.scope_caption(1, [1], 2) == i18n._("Cycle {cycle}.").format(cycle=1)


def test_triggered_figure_compares_only_with_the_same_population() -> None:
    populations = {"all": "all recommendations", "accepted": "accepted ones", "noted": "noted ones"}
    head = {"assessed": 10}
    rows = pd.DataFrame({"group": ["accepted"], "n": [40], "pct": [60.0], "benchmark": [55.0]})
    figure = pageviews.triggered_figure(head, rows, populations)
    assert figure["label"] == "Triggered action, of 40" and figure["value"] == "60%"
    assert figure["delta"] == "+5 points vs UPR Info (55% of accepted ones)"
    pooled = pageviews.triggered_figure(head, rows.assign(benchmark=[float("nan")]), populations)
    assert pooled["delta"] is None and pooled["value"] == "60%"
    none = pageviews.triggered_figure({"assessed": 0}, rows, populations)
    assert (none["label"], none["value"], none["delta"]) == ("Triggered action", "–", None)
    assert len(none["help"]) < len(figure["help"])
    assert pageviews.benchmark_title(rows) == "Triggered action, against UPR Info's benchmarks"
    assert pageviews.benchmark_title(rows.assign(benchmark=[float("nan")])) == "Triggered action"


def test_search_caption() -> None:
    assert pageviews.search_caption("", 205, 205) == "205 of 205 recommendations"
    assert pageviews.search_caption("kenya", 1, 205) == "1 of 205 recommendations matches the search"
    assert pageviews.search_caption("land", 12, 205) == "12 of 205 recommendations match the search"


def test_a_themes_click_selects_its_theme_and_segment_and_starts_a_new_generation() -> None:
    state = {"selection": {"points": [{"customdata": ["Land", 3, 40.0, "Fully implemented"]}]}}
    click = pageviews.theme_click("themes_status", state, 2)
    assert click is not None and (click.theme, click.segment, click.generation) == ("Land", "Fully implemented", 3)
    assert click.state() == {"chart": "themes_status", "theme": "Land", "segment": "Fully implemented"}
    assert pageviews.theme_click("themes_response", {"selection": {"points": []}}, 2) is None
    assert pageviews.theme_click("themes_status", None, None) is None
    unstacked = pageviews.theme_click("themes_response", {"selection": {"points": [{"customdata": ["Land"]}]}}, 0)
    assert unstacked is not None and unstacked.segment is None and unstacked.generation == 1


@pytest.mark.parametrize(("field", "rank", "status", "response", "picker"), [
    ("themes", "share", "Status by theme, best implemented first", "Accepted and noted, by theme", "a theme"),
    ("themes", "count", "Status by theme, largest first", "Accepted and noted, by theme", "a theme"),
    ("sdg_goals", "share", "Status by SDG, best implemented first", "Accepted and noted, by SDG", "a goal"),
    ("sdg_goals", "count", "Status by SDG, largest first", "Accepted and noted, by SDG", "a goal"),
])
def test_themes_titles(field: str, rank: str, status: str, response: str, picker: str) -> None:
    assert pageviews.themes_titles(field, rank) == (status, response, f"Click a bar above, or choose {picker}")
