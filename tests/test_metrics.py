"""Metrics on small inline datasets: every output frame checked cell by cell."""

from __future__ import annotations

import random
from datetime import date
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pytest
from builders import dataset_of_records
from pandas.testing import assert_frame_equal

from upr_sheets.analysis import breakdowns, indicator_figures, quality
from upr_sheets.analysis import metrics as M
from upr_sheets.checks.validate import validate
from upr_sheets.core.model import Dataset
from upr_sheets.core.raw import RawTable, RawWorkbook
from upr_sheets.core.regions import AFRICAN, ASIA_PACIFIC, OBSERVER, UNKNOWN, WEOG

# The status scale of config/settings.toml, in display order.
NOT, PART, FULL, NOINFO = "Not implemented", "Partially implemented", "Fully implemented", "No information"
SCRIPT = "<script>alert(1)</script>"


workbook = dataset_of_records  # tabs as lists of {header: value} rows, validated


def rec(id: str, cycle: int, **cells: str) -> dict[str, Any]:
    """One Recommendations row; keyword names are headers with spaces as underscores."""
    row = {"ID": id, "Cycle": str(cycle), "Recommendation": f"Text of {id}", "Response": "Accepted"}
    row.update({k.replace("_", " "): v for k, v in cells.items()})
    return row


def assessment(day: str, cycle: int, rid: str, status: str, **cells: str) -> dict[str, Any]:
    """One Assessments row."""
    row = {"Date": day, "Cycle": str(cycle), "Recommendation ID": rid, "Status": status}
    row.update({k.replace("_", " "): v for k, v in cells.items()})
    return row


@cache
def data() -> Dataset:
    """The sample workbook, validated on first use."""
    return workbook({
        "Recommendations": [
            rec("1", 1, Themes="Land", Ministries="Justice", Recommending_States="France", Status=FULL,
                Government_Status=FULL, Internal_Notes="private", Lead_Organization="NGO A"),
            rec("2", 1, Themes="Land; Judiciary", Ministries="Justice; Interior", Recommending_States="Viet Nam; Kenya",
                Status=PART, Government_Status=FULL, Evidence="Decree 12"),
            rec("3", 2, Themes="Judiciary", Ministries="Interior", Recommending_States="Kenya", Response="Noted",
                Status=NOT),
            rec("4", 2, Recommending_States="Holy See", Response="Noted", Government_Status=FULL),
            rec("5", 2, Themes=SCRIPT, Recommending_States="Atlantis", Response="Partially accepted", Status=PART,
                Last_Assessed="2025-01-10"),
        ],
        "Assessments": [
            assessment("2023-02-10", 1, "1", PART),
            assessment("2023-08-01", 1, "1", FULL, Evidence="Law passed"),
            assessment("2023-08-01", 1, "2", NOT, Assessed_By="Sokha"),
            assessment("2024-03-05", 1, "2", PART, Government_Status=FULL, Internal_Notes="call back"),
            assessment("2024-01-15", 2, "3", PART),
            assessment("2024-03-06", 2, "3", NOT),
        ],
        "Indicators": [
            {"Indicator ID": "I1", "Cycle": "1", "Recommendation IDs": "2", "Indicator": "Land titles",
             "Type": "Quantitative", "Unit": "titles", "Baseline": "100", "Target": "200", "Direction": "Increase"},
            {"Indicator ID": "I2", "Cycle": "2", "Recommendation IDs": "3", "Indicator": "Law", "Type": "Qualitative"},
        ],
        "Measurements": [
            {"Date": "2024-06-30", "Indicator ID": "I1", "Value": "175", "Source": "Ministry"},
            {"Date": "2023-06-30", "Indicator ID": "I1", "Value": "150"},
            {"Date": "2023-01-01", "Indicator ID": "I2", "Value": "Draft published", "Note": "consultation"},
            {"Date": "2024-02-01", "Indicator ID": "I2", "Value": "Adopted", "Reported By": "Dara"},
        ],
        "Cycles": [
            {"Cycle": "1", "Review Date": "2009-12-01", "Next Review": "2014-01-28"},
            {"Cycle": "2", "Review Date": "2014-01-28", "Mid-term Report Due": "2016-06-30"},
        ],
    })


def frame(**columns: Any) -> pd.DataFrame:
    """A DataFrame with pandas' default dtypes (strings become `str`)."""
    return pd.DataFrame(columns)


def test_dataset_is_clean():
    assert data().errors == []


def test_summary_is_unchanged(settings):
    assert M.summary(data(), settings) == {
        "recommendations": 5, "by_cycle": {"1": 2, "2": 3},
        "by_response": {"Accepted": 2, "Partially accepted": 1, "Noted": 2, "Pending": 0},
        "by_status": {NOT: 1, PART: 2, FULL: 1, NOINFO: 1},
        "triggered_action": {"all": 60.0, "accepted": 100.0, "noted": 0.0}}


def test_headline(settings):
    assert M.headline(data(), settings) == {
        "total": 5, "accepted": 2, "partially_accepted": 1, "noted": 2, "pending": 0, "assessed": 4,
        "triggered_pct": {"all": 60.0, "accepted": 100.0, "noted": 0.0},
        "benchmarks": {"all": 48.0, "accepted": 55.0, "noted": 19.0}}


DISTRIBUTION_CASES = {  # which recommendations of the sample
    "all statuses": (slice(None), [1, 2, 1, 1]),
    "zeros kept": (slice(1), [0, 0, 1, 0]),
    "no recommendations": (slice(0), [0, 0, 0, 0]),
}


@pytest.mark.parametrize("rows,expected", DISTRIBUTION_CASES.values(), ids=DISTRIBUTION_CASES.keys())
def test_status_distribution(rows, expected, settings):
    total = sum(expected)
    share = [100.0 * c / total if total else 0.0 for c in expected]
    whole = [float(np.floor(v + 0.5)) if total else np.nan for v in share]
    assert_frame_equal(M.status_distribution(data().recommendations.iloc[rows], settings),
                       frame(status=[NOT, PART, FULL, NOINFO], count=np.array(expected, dtype=np.int64), share=share,
                             pct=whole))


@pytest.mark.parametrize("part,whole,expected", [(20, 31, 65.0), (1, 8, 13.0), (29, 200, 15.0), (1, 3, 33.0),
                                                 (2, 3, 67.0), (0, 5, 0.0), (1, 0, None)])
def test_one_rounding_rule_whole_percent_half_up(part, whole, expected):
    assert M.pct(part, whole) == expected
    got = M.pct_of(np.array([part]), np.array([whole]))[0]
    assert (np.isnan(got) if expected is None else got == expected)


def test_status_by_ranks_by_share_or_by_number(settings):
    recs = data().recommendations
    by_count = breakdowns.status_by(recs, "themes", settings, by="count")
    sizes = by_count.groupby("group", sort=False)["count"].sum()
    named = sizes.drop(index=M.NONE, errors="ignore")
    assert list(named) == sorted(named, reverse=True)  # the largest theme first, whatever its share
    assert set(by_count["group"]) == set(breakdowns.status_by(recs, "themes", settings)["group"])


def test_triggered_rows_compare_like_with_like(settings):
    from upr_sheets.analysis.filters import Filters

    recs = data().recommendations
    rows = M.triggered_rows(recs, settings, Filters(cycles=(2,)))
    assert list(rows["group"]) == ["all", "accepted", "noted"]
    assert list(rows["n"]) == [5, 2, 2] and list(rows["benchmark"]) == [48.0, 55.0, 19.0]
    noted = M.triggered_rows(recs, settings, Filters(cycles=(2,), responses=("Noted",)))
    assert list(noted["group"]) == ["noted"] and list(noted["benchmark"]) == [19.0]  # never the 48% of all
    pooled = M.triggered_rows(recs, settings, Filters(), pooled=2)
    assert pooled["benchmark"].isna().all()  # several reviews pooled: no single-cycle benchmark
    themed = M.triggered_rows(recs, settings, Filters(cycles=(2,), themes=("Land",)))
    assert themed["benchmark"].isna().all()  # a theme is not the population UPR Info measured


def test_progress_over_time(settings):
    quarters = ["2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31", "2024-03-31"]
    grid = [[0, 1, 0, 4], [0, 1, 0, 4], [1, 0, 1, 3], [1, 0, 1, 3], [1, 1, 1, 2]]
    expected = frame(date=pd.to_datetime(np.repeat(quarters, 4)).astype("datetime64[s]"),
                     status=[NOT, PART, FULL, NOINFO] * 5, count=np.array(grid, dtype=np.int64).ravel())
    assert_frame_equal(M.progress_over_time(data(), settings), expected)


def test_progress_over_time_without_assessments(settings):
    empty = workbook({"Recommendations": [rec("1", 1)]})
    got = M.progress_over_time(empty, settings)
    assert got.empty and list(got.columns) == ["date", "status", "count"]


def _brute_progress(ds, settings) -> pd.DataFrame:
    """The same measure computed the slow, obvious way."""
    a = ds.assessments.sort_values(["date", "row"])
    ends = pd.period_range(a["date"].min(), a["date"].max(), freq="Q").end_time.normalize()
    rows = []
    for end in ends:
        status = {key: NOINFO for key in zip(ds.recommendations["cycle"], ds.recommendations["id"])}
        for c, rid, d, s in zip(a["cycle"], a["rec_id"], a["date"], a["status"]):
            if d <= end:
                status[(c, rid)] = s
        found = pd.Series(list(status.values())).value_counts()
        rows += [(end, s, int(found.get(s, 0))) for s in settings.status_labels]
    out = pd.DataFrame(rows, columns=["date", "status", "count"])
    return out.astype({"date": "datetime64[s]", "count": np.int64})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_progress_over_time_matches_brute_force(seed, settings):
    rnd = random.Random(seed)
    recs = [rec(str(i), 1 + i % 3) for i in range(40)]
    rows = [assessment(f"20{rnd.randint(19, 23)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}", 1 + i % 3, str(i),
                       rnd.choice(settings.status_labels)) for i in range(40) for _ in range(rnd.randint(0, 4))]
    ds = workbook({"Recommendations": recs, "Assessments": rows})
    assert_frame_equal(M.progress_over_time(ds, settings), _brute_progress(ds, settings))


CHANGES_CASES = {
    "since end of 2023": ("2023-12-31", [("3", 2, NOINFO, NOT, "2024-03-06"), ("2", 1, NOT, PART, "2024-03-05")]),
    "an assessment on the day counts as before": (
        "2023-08-01", [("3", 2, NOINFO, NOT, "2024-03-06"), ("2", 1, NOT, PART, "2024-03-05")]),
    "since the start": ("2020-01-01", [("3", 2, NOINFO, NOT, "2024-03-06"), ("2", 1, NOINFO, PART, "2024-03-05"),
                                       ("1", 1, NOINFO, FULL, "2023-08-01")]),
    "nothing after": ("2025-01-01", []),
}


@pytest.mark.parametrize("since,expected", CHANGES_CASES.values(), ids=CHANGES_CASES.keys())
def test_changes_since(since, expected, settings):
    ids, cycles, old, new, days = zip(*expected) if expected else ((),) * 5
    want = frame(id=pd.array(ids, dtype=str), cycle=pd.array(cycles, dtype="Int64"),
                 text=pd.array([f"Text of {i}" for i in ids], dtype=str), **{"from": pd.array(old, dtype=str)},
                 to=pd.array(new, dtype=str), date=pd.to_datetime(list(days)).astype("datetime64[s]"))
    assert_frame_equal(M.changes_since(data(), since, settings), want)


def test_changes_since_without_settings_leaves_from_blank():
    got = M.changes_since(data(), "2023-12-31")
    assert got["from"].isna().tolist() == [True, False]


def test_timeline():
    want = frame(cycle=pd.array([1, 1, 2, 2], dtype="Int64"),
                 milestone=["Review", "Next review", "Review", "Mid-term report due"],
                 date=pd.to_datetime(["2009-12-01", "2014-01-28", "2014-01-28", "2016-06-30"]).astype("datetime64[s]"),
                 days_left=np.array([-1857, -338, -338, 546], dtype=np.int64))  # days from 1 Jan 2015
    assert_frame_equal(M.timeline(data(), date(2015, 1, 1)), want)
    relabelled = M.timeline(data(), "2015-01-01", labels={"midterm_due": "Examen à mi-parcours"})
    assert relabelled["milestone"].tolist() == ["Examen à mi-parcours"]


def long(groups: list[str], key: str, labels: list[str], counts: list[list[int]]) -> pd.DataFrame:
    """Expected [group, key, count, share] frame."""
    grid = np.array(counts, dtype=np.int64)
    totals = grid.sum(axis=1, keepdims=True)
    share = np.divide(grid * 100.0, totals, out=np.zeros(grid.shape), where=totals > 0)
    return frame(group=np.repeat(groups, len(labels)).tolist(), **{key: labels * len(groups)},
                 count=grid.ravel(), share=share.ravel())


STATUS_BY_CASES = {
    "themes: by share fully implemented, then triggered, (none) last": (
        "themes", long(["Land", SCRIPT, "Judiciary", "(none)"], "status", [NOT, PART, FULL, NOINFO],
                       [[0, 1, 1, 0], [0, 1, 0, 0], [1, 1, 0, 0], [0, 0, 0, 1]])),
    "ministries": ("ministries", long(["Justice", "Interior", "(none)"], "status", [NOT, PART, FULL, NOINFO],
                                      [[0, 1, 1, 0], [1, 1, 0, 0], [0, 1, 0, 1]])),
    "regional group of the recommending States": (
        "regional_group", long([WEOG, ASIA_PACIFIC, UNKNOWN, AFRICAN, OBSERVER], "status", [NOT, PART, FULL, NOINFO],
                               [[0, 0, 1, 0], [0, 1, 0, 0], [0, 1, 0, 0], [1, 1, 0, 0], [0, 0, 0, 1]])),
}


@pytest.mark.parametrize("field,expected", STATUS_BY_CASES.values(), ids=STATUS_BY_CASES.keys())
def test_status_by(field, expected, settings):
    assert_frame_equal(breakdowns.status_by(data().recommendations, field, settings), expected)


def test_response_by():
    expected = long(["Judiciary", "Land", SCRIPT, "(none)"], "response", ["Accepted", "Partially accepted", "Noted"],
                    [[1, 0, 1], [2, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert_frame_equal(breakdowns.response_by(data().recommendations, "themes"), expected)


IN_CASES = {
    "a theme": ("themes", "Land", ["1", "2"]),
    "untagged": ("themes", "(none)", ["4"]),
    "a State": ("states", "Kenya", ["2", "3"]),
    "a regional group": ("regional_group", AFRICAN, ["2", "3"]),
    "observers": ("regional_group", OBSERVER, ["4"]),
    "unknown States": ("regional_group", UNKNOWN, ["5"]),
    "a response": ("response", "Noted", ["3", "4"]),
    "no such group": ("themes", "Health", []),
}


@pytest.mark.parametrize("field,group,ids", IN_CASES.values(), ids=IN_CASES.keys())
def test_recommendations_in(field, group, ids):
    got = breakdowns.recommendations_in(data().recommendations, field, group)
    assert got["id"].tolist() == ids and list(got.columns) == list(data().recommendations.columns)


SCORECARD_CASES = {
    "six months": (None, [1, 0, 1]),
    "two years": (24, [0, 0, 1]),
}


@pytest.mark.parametrize("months,stale", SCORECARD_CASES.values(), ids=SCORECARD_CASES.keys())
def test_ministry_scorecard(months, stale, settings):
    want = frame(ministry=["Interior", "Justice", "(none)"], assigned=np.array([2, 2, 2], dtype=np.int64),
                 triggered_pct=[50.0, 100.0, 50.0], stale=np.array(stale[1:2] + stale[:1] + stale[2:], dtype=np.int64),
                 disagreements=np.array([1, 1, 0], dtype=np.int64))
    assert_frame_equal(breakdowns.ministry_scorecard(data(), settings, date(2024, 6, 30), months), want)


@pytest.mark.parametrize(("months", "stale"), [(6, [True, False, False, True, False]),
                                               (2, [True, True, True, True, False]),
                                               (24, [False, False, False, True, False])])
def test_stale_mask_counts_assessments_and_last_assessed(months, stale):
    # Newest dates: 1 → 2023-08-01, 2 → 2024-03-05, 3 → 2024-03-06 (assessments); 5 → 2025-01-10 (Last Assessed).
    assert M.stale_mask(data(), date(2024, 9, 1), months).tolist() == stale


def test_disagreements_need_both_statuses(settings):
    assert M.disagreements(data().recommendations, settings)["id"].tolist() == ["2"]


def test_cycle_comparison(settings):
    want = frame(cycle=pd.array([1, 2], dtype="Int64"), count=np.array([2, 3]), accepted=np.array([2, 0]),
                 partially_accepted=np.array([0, 1]), noted=np.array([0, 2]), pending=np.array([0, 0]),
                 triggered_pct=[100.0, 33.0], fully_pct=[50.0, 0.0])
    assert_frame_equal(breakdowns.cycle_comparison(data(), settings), want)


def test_state_table(settings):
    want = frame(state=["Kenya", "Atlantis", "France", "Holy See", "Viet Nam"],
                 regional_group=[AFRICAN, UNKNOWN, WEOG, OBSERVER, ASIA_PACIFIC],
                 made=np.array([2, 1, 1, 1, 1]), accepted_pct=[50.0, 0.0, 100.0, 0.0, 100.0],
                 triggered_pct=[50.0, 100.0, 100.0, 0.0, 100.0])
    assert_frame_equal(breakdowns.state_table(data().recommendations, settings), want)


def test_regional_table(settings):
    want = frame(regional_group=[AFRICAN, ASIA_PACIFIC, OBSERVER, UNKNOWN, WEOG], states=np.array([1, 1, 1, 1, 1]),
                 made=np.array([2, 1, 1, 1, 1]), accepted_pct=[50.0, 100.0, 0.0, 0.0, 100.0],
                 triggered_pct=[50.0, 100.0, 0.0, 100.0, 100.0])
    assert_frame_equal(breakdowns.regional_table(data().recommendations, settings), want)


def test_indicator_progress():
    want = frame(indicator_id=["I1", "I2"], indicator=["Land titles", "Law"],
                 type=pd.array(["Quantitative", "Qualitative"], dtype=str), unit=["titles", ""],
                 direction=pd.array(["Increase", None], dtype=str), baseline=[100.0, np.nan], target=[200.0, np.nan],
                 latest=[175.0, np.nan],
                 latest_date=pd.to_datetime(["2024-06-30", "2024-02-01"]).astype("datetime64[s]"),
                 measurements=np.array([2, 2]), progress_pct=[75.0, np.nan])
    assert_frame_equal(indicator_figures.indicator_progress(data()), want)


PROGRESS_CASES = {
    "halfway up": ("10", "20", "Increase", "", [("2024-01-01", "15")], 50.0),
    "halfway down": ("100", "50", "Decrease", "", [("2024-01-01", "75")], 50.0),
    "direction taken from the target": ("100", "50", "", "", [("2024-01-01", "40")], 100.0),
    "past the target is 100": ("10", "20", "Increase", "", [("2024-01-01", "35")], 100.0),
    "worse than baseline is negative": ("10", "20", "Increase", "", [("2024-01-01", "8")], -20.0),
    "far worse is clipped": ("10", "20", "Increase", "", [("2024-01-01", "-50")], -100.0),
    "newest by date, not by row": ("10", "20", "", "", [("2024-05-01", "18"), ("2024-01-01", "12")], 80.0),
    "target on the wrong side of Direction": ("10", "20", "Decrease", "", [("2024-01-01", "15")], None),
    "target equals baseline": ("10", "10", "", "", [("2024-01-01", "12")], None),
    "no baseline": ("", "20", "", "", [("2024-01-01", "12")], None),
    "no measurement": ("10", "20", "Increase", "", [], None),
    "qualitative": ("", "", "", "Qualitative", [("2024-01-01", "Law drafted")], None),
}


@pytest.mark.parametrize("base,target,direction,kind,values,expected", PROGRESS_CASES.values(),
                         ids=PROGRESS_CASES.keys())
def test_progress_to_target(base, target, direction, kind, values, expected):
    ds = workbook({"Recommendations": [rec("1", 1)],
                   "Indicators": [{"Indicator ID": "X", "Recommendation IDs": "1", "Indicator": "x", "Type": kind,
                                   "Baseline": base, "Target": target, "Direction": direction}],
                   "Measurements": [{"Date": d, "Indicator ID": "X", "Value": v} for d, v in values]
                   or [{"Date": "", "Indicator ID": "", "Value": ""}]})
    got = indicator_figures.indicator_progress(ds)["progress_pct"].iloc[0]
    assert (np.isnan(got) if expected is None else got == expected)


def test_indicator_series_and_log():
    assert_frame_equal(indicator_figures.indicator_series(data(), "I1"), frame(
        date=pd.to_datetime(["2023-06-30", "2024-06-30"]).astype("datetime64[s]"), value=[150.0, 175.0],
        note=["", ""], source=["", "Ministry"]))
    assert_frame_equal(indicator_figures.qualitative_log(data(), "I2"), frame(
        date=pd.to_datetime(["2024-02-01", "2023-01-01"]).astype("datetime64[s]"),
        value=["Adopted", "Draft published"], note=["", "consultation"], source=["", ""]))
    assert indicator_figures.indicator_series(data(), "I2").empty
    assert indicator_figures.indicator_series(data(), "nope").empty


def test_recommendation_detail_hides_private_fields(settings):
    detail = quality.recommendation_detail(data(), 1, "2", settings)
    fields = detail["recommendation"]
    assert fields["id"] == "2" and fields["evidence"] == "Decree 12" and fields["disagrees"] is True
    assert (fields["status"], fields["government_status"]) == (PART, FULL)
    assert not {"internal_notes", "lead_organization"} & set(fields)
    columns = ["date", "status", "government_status", "evidence"]
    assert_frame_equal(detail["assessments"], data().assessments.loc[[2, 3], columns].reset_index(drop=True))
    assert detail["assessments"]["status"].tolist() == [NOT, PART]
    assert detail["indicators"]["indicator_id"].tolist() == ["I1"]


def test_recommendation_detail_private_on_request_and_missing(settings):
    detail = quality.recommendation_detail(data(), 1, "2", settings, include_private=True)
    assert "internal_notes" in detail["recommendation"]
    assert list(detail["assessments"].columns)[-2:] == ["assessed_by", "internal_notes"]
    assert quality.recommendation_detail(data(), 2, "2", settings) is None
    assert quality.recommendation_detail(data(), 1, "1")["recommendation"].keys().isdisjoint({"internal_notes"})


def _issues_workbook(kind: str, url: str | None, settings):
    rows = [["ID", "Cycle", "Recommendation", "Response", "Status", "Government Status"],
            ["1", "2", "Text", "Accepted", "Partialy implemented", ""],
            ["2", "2", "Text", "Accepted", "", "Done-ish"],
            ["3", "2", "Text", "Accepted", "Finished", ""]]
    return validate(RawWorkbook("s", {"Recs 2024": RawTable("Recs 2024", rows, sheet_id=777 if url else None)},
                                kind=kind, url=url), settings.model_copy(update={"tabs": settings.tabs.model_copy(
                                    update={"recommendations": "Recs 2024"})}))


ISSUE_LINK_CASES = {
    "Google Sheets": ("gsheet", "https://docs.google.com/spreadsheets/d/AbC-12_x/edit",
                      "https://docs.google.com/spreadsheets/d/AbC-12_x/edit#gid=777&range=E2"),
    "a workbook file": ("xlsx", None, None),
}


@pytest.mark.parametrize("kind,url,first_link", ISSUE_LINK_CASES.values(), ids=ISSUE_LINK_CASES.keys())
def test_issues_table(kind, url, first_link, settings):
    table = quality.issues_table(_issues_workbook(kind, url, settings))
    assert list(table.columns) == ["sheet", "cell", "code", "severity", "column", "value", "message", "link"]
    assert table[["cell", "code", "severity"]].values.tolist() == [
        ["E2", "unknown-status", "error"], ["F3", "unknown-status", "warning"], ["E4", "unknown-status", "error"]]
    assert table["link"].iloc[0] == first_link and table["sheet"].iloc[0] == "Recs 2024"


def test_issue_groups(settings):
    want = frame(sheet=["Recs 2024", "Recs 2024"], code=["unknown-status", "unknown-status"],
                 severity=["error", "warning"], count=np.array([2, 1], dtype=np.int64))
    assert_frame_equal(quality.issue_groups(_issues_workbook("file", None, settings)), want)
    assert quality.issues_table(data()).empty and quality.issue_groups(data()).empty


@cache
def bare() -> Dataset:
    """Recommendations only, no optional tab."""
    return workbook({"Recommendations": [rec("1", 1)]})


@cache
def blank() -> Dataset:
    """No valid recommendation."""
    return workbook({"Recommendations": [{"ID": "", "Cycle": "", "Recommendation": "", "Response": ""}]})


BARE_CALLS = {  # each called with (dataset, settings)
    "headline": lambda ds, s: M.headline(ds, s),
    "progress": lambda ds, s: M.progress_over_time(ds, s),
    "changes": lambda ds, s: M.changes_since(ds, "2020-01-01", s),
    "timeline": lambda ds, _: M.timeline(ds, "2020-01-01"),
    "status by theme": lambda ds, s: breakdowns.status_by(ds.recommendations, "themes", s),
    "status by regional group": lambda ds, s: breakdowns.status_by(ds.recommendations, "regional_group", s),
    "response by working group": lambda ds, _: breakdowns.response_by(ds.recommendations, "working_group"),
    "scorecard": lambda ds, s: breakdowns.ministry_scorecard(ds, s, "2024-01-01"),
    "cycles": lambda ds, s: breakdowns.cycle_comparison(ds, s),
    "states": lambda ds, s: breakdowns.state_table(ds.recommendations, s),
    "regions": lambda ds, s: breakdowns.regional_table(ds.recommendations, s),
    "indicators": lambda ds, _: indicator_figures.indicator_progress(ds),
    "log": lambda ds, _: indicator_figures.qualitative_log(ds, "x"),
    "issues": lambda ds, _: quality.issue_groups(ds),
}


@pytest.mark.parametrize("ds", [bare, blank], ids=["no optional tabs", "no valid recommendation"])
@pytest.mark.parametrize("call", BARE_CALLS.values(), ids=BARE_CALLS.keys())
def test_metrics_work_without_optional_tabs(call, ds, settings):
    out = call(ds(), settings)
    assert isinstance(out, (dict, pd.DataFrame))
