"""Sidebar filters: query-string round trip, cutting a Dataset, the choices offered."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

import pandas as pd
import pytest
from builders import dataset_of_records

from upr_sheets.analysis.filters import Filters, apply_filters, filter_options
from upr_sheets.analysis.frames import explode, positions

workbook = dataset_of_records  # tabs as lists of {header: value} rows, validated


def rec(id: str, cycle: int = 2, **cells: str) -> dict[str, Any]:
    """One Recommendations row; keyword names are headers with spaces as underscores."""
    row = {"ID": id, "Cycle": str(cycle), "Recommendation": f"Text of {id}", "Response": "Accepted"}
    row.update({k.replace("_", " "): v for k, v in cells.items()})
    return row


LAND = "Land, housing and property"


@pytest.fixture(scope="module")
def data():
    """The sample workbook, validated."""
    return workbook({
        "Recommendations": [
            rec("1.1", 1, Themes=f"{LAND}; Judiciary", Ministries="Justice", Recommending_States="France",
                Status="Fully implemented", Priority="Short-term", Working_Group="Land; Civic space", SDGs="16.3; 5"),
            rec("1.2", 1, Themes="Judiciary", Recommending_States="Viet Nam; Kenya", Response="Noted",
                Working_Group="Civic space"),
            rec("2.1", 2, Themes=LAND, Ministries="Land; Justice", Recommending_States="Kenya",
                Status="Partially implemented", Priority="Long-term", SDGs="SDG 16"),
            rec("2.2", 2, Ministries="Interior", Recommending_States="France", Response="Noted",
                Status="Not implemented", SDGs="5.a; 18; not a goal"),
            rec("1.1", 2, Themes="Women's rights & gender", Recommending_States="Brazil", Working_Group="Land"),
        ],
        "Assessments": [
            {"Date": "2024-01-01", "Cycle": "1", "Recommendation ID": "1.1", "Status": "Partially implemented"},
            {"Date": "2024-06-01", "Cycle": "1", "Recommendation ID": "1.1", "Status": "Fully implemented"},
            {"Date": "2024-06-01", "Cycle": "2", "Recommendation ID": "2.1", "Status": "Partially implemented"},
            {"Date": "2024-06-01", "Cycle": "2", "Recommendation ID": "1.1", "Status": "No information"},
        ],
        "Indicators": [
            {"Indicator ID": "I1", "Cycle": "1", "Recommendation IDs": "1.1", "Indicator": "Cases", "Baseline": "1",
             "Target": "2"},
            {"Indicator ID": "I2", "Recommendation IDs": "2.1", "Indicator": "Titles", "Baseline": "1", "Target": "2"},
            {"Indicator ID": "I3", "Indicator": "Unlinked"},
        ],
        "Measurements": [{"Date": "2024-01-01", "Indicator ID": iid, "Value": "1"} for iid in ("I1", "I2", "I3")],
    })


def test_dataset_is_clean(data):
    assert [i.code for i in data.errors] == []
    assert len(data.recommendations) == 5


QUERY_CASES = {
    "nothing": ({}, Filters()),
    "one cycle": ({"cycle": "2"}, Filters(cycles=(2,))),
    "cycles in any spelling, bad ones dropped": ({"cycle": ["2", "3rd", "x", "", "II"]}, Filters(cycles=(2, 3))),
    "theme names keep their commas": ({"theme": [LAND, "Judiciary"]}, Filters(themes=(LAND, "Judiciary"))),
    "unknown keys and blank values ignored": ({"colour": "red", "theme": ["", " "], "state": []}, Filters()),
    "repeats collapse": ({"status": ["Fully implemented", "Fully implemented"]},
                         Filters(statuses=("Fully implemented",))),
    "every key": ({"cycle": "1", "response": "Noted", "theme": "A", "ministry": "B", "working_group": "C",
                   "status": "D", "priority": "E", "state": "F"},
                  Filters((1,), ("Noted",), ("A",), ("B",), ("C",), ("D",), ("E",), ("F",))),
    "SDGs by goal, a target naming its goal": ({"sdg": ["16", "SDG 5", "5.2", "18", "x"]}, Filters(sdgs=(16, 5))),
}


@pytest.mark.parametrize("params,expected", QUERY_CASES.values(), ids=QUERY_CASES.keys())
def test_from_query(params, expected):
    assert Filters.from_query(params) == expected


ROUND_TRIPS = [
    Filters(),
    Filters(cycles=(3, 2), themes=(LAND, "Women's rights & gender"), states=("Côte d'Ivoire",)),
    Filters(responses=("Noted",), ministries=("Ministry of Education, Youth and Sports",),
            working_groups=("Land",), statuses=("Not implemented", "No information"), priorities=("Short-term",)),
    Filters(sdgs=(16, 1), cycles=(2,)),
]


@pytest.mark.parametrize("filters", ROUND_TRIPS)
def test_query_round_trip_is_exact(filters):
    assert Filters.from_query(filters.to_query()) == filters
    url = urlencode(filters.to_query(), doseq=True)  # as a copied link carries it
    assert Filters.from_query(parse_qs(url)) == filters


class QueryParams(dict):
    """Like st.query_params: get() gives the last value of a repeated key, get_all() every value."""

    def get(self, key, default=None):
        return self[key][-1] if key in self else default

    def get_all(self, key):
        return list(dict.get(self, key, []))


def test_from_query_reads_every_value_of_a_repeated_key():
    params = QueryParams({"theme": [LAND, "Judiciary"], "cycle": ["1"]})
    assert Filters.from_query(params) == Filters(cycles=(1,), themes=(LAND, "Judiciary"))


def test_to_query_lists_only_active_filters():
    assert Filters(cycles=(2,), themes=(LAND,)).to_query() == {"cycle": ["2"], "theme": [LAND]}
    assert Filters().is_empty and not Filters(states=("France",)).is_empty
    assert Filters(cycles=(2,), states=("France",)).active == ("cycles", "states")


def test_filters_are_hashable_and_normalised():
    f = Filters(cycles=[2, "3"], themes="Judiciary")
    assert f == Filters(cycles=(2, 3), themes=("Judiciary",))
    assert hash(f) == hash(Filters(cycles=(2, 3), themes=("Judiciary",)))


def test_within_drops_values_not_offered(settings, data):
    options = filter_options(data, settings)
    f = Filters(cycles=(2, 7), themes=("Judiciary", "Gone"), states=("Kenya",))
    assert f.within(options) == Filters(cycles=(2,), themes=("Judiciary",), states=("Kenya",))


APPLY_CASES = {
    "no filter keeps everything": (Filters(), {(1, "1.1"), (1, "1.2"), (2, "2.1"), (2, "2.2"), (2, "1.1")}),
    "cycle": (Filters(cycles=(1,)), {(1, "1.1"), (1, "1.2")}),
    "a theme matches any of a cell's themes": (Filters(themes=(LAND,)), {(1, "1.1"), (2, "2.1")}),
    "two themes are OR": (Filters(themes=(LAND, "Judiciary")), {(1, "1.1"), (1, "1.2"), (2, "2.1")}),
    "filters are AND": (Filters(themes=("Judiciary",), responses=("Noted",)), {(1, "1.2")}),
    "ministry": (Filters(ministries=("Justice",)), {(1, "1.1"), (2, "2.1")}),
    "working group in a joined cell": (Filters(working_groups=("Land",)), {(1, "1.1"), (2, "1.1")}),
    "recommending State": (Filters(states=("Kenya",)), {(1, "1.2"), (2, "2.1")}),
    "status (blank cell = default)": (Filters(statuses=("No information",)), {(1, "1.2"), (2, "1.1")}),
    "priority": (Filters(priorities=("Long-term",)), {(2, "2.1")}),
    "nothing passes": (Filters(states=("Nowhere",)), set()),
    "an SDG goal matches its targets": (Filters(sdgs=(16,)), {(1, "1.1"), (2, "2.1")}),
    "two goals are OR": (Filters(sdgs=(16, 5)), {(1, "1.1"), (2, "2.1"), (2, "2.2")}),
    "a goal no cell names": (Filters(sdgs=(1,)), set()),
    "SDGs AND the other filters": (Filters(sdgs=(5,), responses=("Noted",)), {(2, "2.2")}),
}


@pytest.mark.parametrize("filters,expected", APPLY_CASES.values(), ids=APPLY_CASES.keys())
def test_apply_filters(filters, expected, data):
    out = apply_filters(data, filters)
    recs = out.recommendations
    assert set(zip(recs["cycle"], recs["id"])) == expected
    assert list(recs.columns) == list(data.recommendations.columns)
    assert set(zip(out.assessments["cycle"], out.assessments["rec_id"])) <= expected
    assert out.issues == data.issues and out.cycles is data.cycles
    assert len(data.recommendations) == 5  # the input is untouched


def test_apply_filters_restricts_linked_tables(data):
    out = apply_filters(data, Filters(cycles=(1,)))
    expected = data.assessments.loc[data.assessments["cycle"] == 1].reset_index(drop=True)
    pd.testing.assert_frame_equal(out.assessments, expected)
    assert list(out.indicators["indicator_id"]) == ["I1"]  # I2 belongs to cycle 2, I3 to nothing
    assert list(out.measurements["indicator_id"]) == ["I1"]
    everything = apply_filters(data, Filters())
    assert list(everything.indicators["indicator_id"]) == ["I1", "I2", "I3"]
    assert everything is not data


def test_filter_options(settings, data):
    assert filter_options(data, settings) == {
        "cycles": [1, 2],
        "responses": ["Accepted", "Noted"],
        "themes": ["Judiciary", LAND, "Women's rights & gender"],
        "ministries": ["Interior", "Justice", "Land"],
        "working_groups": ["Civic space", "Land"],
        "statuses": ["Not implemented", "Partially implemented", "Fully implemented", "No information"],
        "priorities": ["Short-term", "Long-term"],
        "states": ["Brazil", "France", "Kenya", "Viet Nam"],
        "sdgs": [5, 16],  # goals, whatever the cells named (targets, `SDG 16`); `18` and text name none
    }


EXPLODE_CASES = {
    "tuples": (pd.Series([("a", "b"), (), ("b",)], name="themes"), None, [0, 0, 2], ["a", "b", "b"]),
    "empty cells as a group": (pd.Series([("a",), ()], name="themes"), "(none)", [0, 1], ["a", "(none)"]),
    "joined text": (pd.Series(["x; y", None, "x"], name="working_group"), None, [0, 0, 2], ["x", "y", "x"]),
    "single values": (pd.Series(["Noted", "Accepted"], name="response"), None, [0, 1], ["Noted", "Accepted"]),
}


@pytest.mark.parametrize("series,none,rows,values", EXPLODE_CASES.values(), ids=EXPLODE_CASES.keys())
def test_explode(series, none, rows, values):
    got_rows, got_values = explode(series, none)
    assert list(got_rows) == rows and list(got_values) == values


def test_positions_match_cycle_and_id():
    recs = pd.DataFrame({"cycle": pd.array([1, 2, 2], dtype="Int64"), "id": ["118.1", "118.1", "118.10"]})
    got = positions(pd.Series(pd.array([2, 1, 2, None, 3], dtype="Int64")),
                    pd.Series(["118.10", "118.1", "118.1", "118.1", "118.1"]), recs)
    assert list(got) == [2, 0, 1, -1, -1]
