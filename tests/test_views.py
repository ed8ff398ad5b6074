"""Pure tables behind the Data quality and Recommendations pages."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest
from builders import REC_HEADER, dataset, rec

from upr_sheets.analysis import views
from upr_sheets.core.settings import load_settings

RECS = [REC_HEADER,
        rec("118.1", "2", "Ratify the Optional Protocol against torture", "France; Japan"),
        rec("118.10", "2", "Protect human rights defenders", "Norway", themes="Defenders"),
        rec("118.2", "2", "Guarantee land rights", "Kenya", status="Partialy implemented", notes="secret"),
        rec("118.3", "x", "Improve prisons", "Chile")]


@pytest.mark.parametrize(("query", "ids"), [
    ("", ["118.1", "118.10"]),
    ("TORTURE", ["118.1"]),
    ("japan optional", ["118.1"]),
    ("118.1", ["118.1", "118.10"]),
    ("norway torture", []),
    ("defenders", ["118.10"]),  # a theme
    ("118.10", ["118.10"]),
])
def test_search_matches_every_word_in_id_text_or_states(query: str, ids: list[str]) -> None:
    found = views.search_recommendations(dataset({"Recommendations": RECS}), query)
    assert list(found["ID"]) == ids


def test_search_table_is_display_text() -> None:
    found = views.search_recommendations(dataset({"Recommendations": RECS}))
    assert found.loc[0, "Recommending States"] == "France; Japan"
    assert found.loc[1, "Themes"] == "Defenders"
    assert list(found["Cycle"]) == [2, 2]
    assert "Internal Notes" not in found.columns


def test_issues_by_tab_puts_errors_first_then_code_then_row() -> None:
    data = dataset({"Recommendations": RECS, "Members": [["Email"], ["nobody"]]})
    tabs = views.issues_by_tab(data)
    assert [tab for tab, _ in tabs] == ["Recommendations", "Members"]
    recs = tabs[0][1]
    assert list(recs["severity"]) == sorted(recs["severity"], key=["error", "warning"].index)
    errors = recs.loc[recs["severity"] == "error"]
    assert list(errors["code"]) == sorted(errors["code"])
    assert {"cell", "code", "severity", "message", "link"} <= set(recs.columns)


def test_no_issues_no_tabs() -> None:
    assert views.issues_by_tab(dataset({"Recommendations": [REC_HEADER, rec()]})) == []


def test_quarantine_tables_leave_out_private_columns_and_tabs() -> None:
    data = dataset({"Recommendations": RECS, "Members": [["Email"], ["nobody"]]})
    tables = views.quarantine_tables(data, load_settings())
    assert [tab for tab, _ in tables] == ["Recommendations"]
    frame = tables[0][1]
    assert list(frame["Row"]) == [4, 5]
    assert "Internal Notes" not in frame.columns
    assert "Issue codes" in frame.columns


@pytest.mark.parametrize(("value", "text"), [
    (("a", "b"), "a; b"), ((), ""), (None, ""), (float("nan"), ""), (pd.NaT, ""),
    (pd.Timestamp("2024-05-31"), "2024-05-31"), (3, "3"), ("x", "x"),
])
def test_text_of(value: object, text: str) -> None:
    assert views.text_of(value) == text


def test_detail_table_keeps_filled_fields_in_order_escaped() -> None:
    rows = views.detail_table({"themes": ("Land",), "priority": None, "sdgs": ("16", "5.2"), "text": "x",
                               "ministries": ("**M**",)})
    assert rows == [{"Field": "Themes", "Value": "Land"}, {"Field": "Ministries", "Value": r"\*\*M\*\*"},
                    {"Field": "SDGs", "Value": r"16; 5\.2"}]


def test_readable_issues_escape_sheet_text_and_link_cells_of_a_google_sheet() -> None:
    data = dataset({"Recommendations": [REC_HEADER, rec("1.1", "2", status="**[x](y)**")]})
    (_, issues), = views.issues_by_tab(data)
    plain = views.readable_issues(issues)
    assert list(plain.columns) == ["Cell", "Severity", "What to fix", "Code"]
    assert plain.loc[0, "Cell"] == "H2" and plain.loc[0, "Severity"] == "Error"
    assert plain.loc[0, "What to fix"].startswith("`**[x](y)**` is not a status\\.")  # a code span: inert
    assert plain.loc[0, "Code"] == "`unknown-status`"
    sheet = replace(data, kind="gsheet", url="https://docs.google.com/spreadsheets/d/KEY/edit",
                    sheet_ids={"Recommendations": 7})
    (_, issues), = views.issues_by_tab(sheet)
    linked = views.readable_issues(issues)
    assert linked.loc[0, "Cell"] == "[H2](https://docs.google.com/spreadsheets/d/KEY/edit#gid=7&range=H2)"


def test_plain_md_keeps_plain_text() -> None:
    assert views.plain_md("Ministry of Justice, 2024") == "Ministry of Justice, 2024"


def test_recommendation_table_shows_vocabulary_in_the_interface_language() -> None:
    """Responses and statuses follow the language (French catalogue as shipped); the sheet's text does not."""
    from upr_sheets.core import i18n

    data = dataset({"Recommendations": [REC_HEADER, rec("118.1", "2", "Ratify the Convention", "France",
                                                         "Accepted", status="Fully implemented")]})
    with i18n.use("fr"):
        row = views.search_recommendations(data).iloc[0]
    assert (row["Response"], row["Status"]) == ("Acceptée", "Pleinement mise en œuvre")
    assert row["Recommendation"] == "Ratify the Convention" and row["Recommending States"] == "France"
    assert views.search_recommendations(data).iloc[0]["Status"] == "Fully implemented"


def test_detail_choices_follow_the_search_result():
    found = pd.DataFrame({"ID": ["118.1", "82.3"], "Cycle": pd.array([2, 1], dtype="Int64"),
                          "Recommendation": ["Ratify", "Protect"]})
    assert views.detail_choices(found) == [(2, "118.1", "Ratify"), (1, "82.3", "Protect")]
    assert views.detail_choices(found.iloc[:0]) == []


def test_issue_messages_follow_the_interface_language_with_values_as_typed() -> None:
    """Fix-it messages, their suggestion and the severity in Khmer and French; the value and column stay as typed."""
    from upr_sheets.core import i18n

    data = dataset({"Recommendations": [REC_HEADER, rec("1.1", "2", status="Partialy implemented"),
                                        rec("1.2", "2", response="")]})
    (_, issues), = views.issues_by_tab(data)
    english = list(issues["message"])
    assert any("Did you mean `Partially implemented`?" in m for m in english)
    with i18n.use("km"):
        km = views.readable_issues(issues)
        summary = views.issue_summary(data)
    with i18n.use("fr"):
        fr = views.issue_grid(issues)
    status = km.loc[km["ក្រឡា"] == "H2", "អ្វីដែលត្រូវកែ"].iloc[0]
    assert status.startswith("`Partialy implemented` មិនមែនជាស្ថានភាពទេ។ តើអ្នកចង់សំដៅលើ `Partially implemented` ឬ?")
    assert not re.search(r"\b(is|not|the|Did|mean|Use|one|of)\b", " ".join(km["អ្វីដែលត្រូវកែ"]).replace(
        "Partially implemented", "").replace("Partialy implemented", ""))
    assert set(km["កម្រិតធ្ងន់ធ្ងរ"]) <= {"កំហុស", "ការព្រមាន"} and set(summary["severity"]) <= {"កំហុស", "ការព្រមាន"}
    assert any(m.startswith("“Partialy implemented” n’est pas un statut. Vouliez-vous dire “Partially implemented”")
               for m in fr["message"])
    assert list(views.issue_grid(issues)["message"]) == [views.quoted(m) for m in english]  # English: as written


@pytest.mark.parametrize("message", [
    "`x` is no longer a status. Use one of: A, B.",  # a template changed since the data was loaded
    "Something else entirely",
])
def test_a_message_that_does_not_read_back_is_shown_as_written(message: str) -> None:
    from upr_sheets.analysis import issue_text
    from upr_sheets.core import i18n

    with i18n.use("km"):
        assert issue_text.localized("unknown-status", "error", message) == message
        assert issue_text.localized("no-such-code", "error", message) == message


def test_every_issue_sentence_is_in_the_catalogue_template() -> None:
    from upr_sheets.analysis import issue_text
    from upr_sheets.authoring import catalogues

    assert set(issue_text.messages()) <= set(catalogues.messages(catalogues.read(catalogues.template_path())))


def test_display_frame_writes_fixed_words_in_the_interface_language_and_keeps_dates_as_dates() -> None:
    from datetime import date

    import pyarrow as pa

    from upr_sheets.core import i18n

    frame = pd.DataFrame({"to": ["Fully implemented", None, "Not implemented"],
                          "type": ["Quantitative", "Qualitative", "Qualitative"],
                          "date": [pd.Timestamp("2026-10-25"), pd.NaT, "2024-12-03"],
                          "text": ["Fully implemented", "x", ""]})
    with i18n.use("km"):
        km = views.display_frame(frame, ("to", "type"), ("date",))
    assert km.loc[0, "to"] == "បានអនុវត្តពេញលេញ" and km.loc[1, "to"] == "" and km.loc[0, "type"] != "Quantitative"
    assert km.loc[0, "text"] == "Fully implemented"  # sheet text is left as typed
    # A grid gets dates, whatever the language: it shows them as 2026-10-25 and sorts them as dates.
    assert list(km["date"]) == [date(2026, 10, 25), None, date(2024, 12, 3)]
    assert pa.Table.from_pandas(km[["date"]]).schema.field("date").type == pa.date32()
    assert list(km.sort_values("date", na_position="last")["date"])[:2] == [date(2024, 12, 3), date(2026, 10, 25)]
    assert list(frame["date"])[1] is pd.NaT  # the input is untouched


def test_detail_table_names_action_categories_and_translates_fixed_words() -> None:
    from upr_sheets.core import i18n

    fields = {"priority": "Medium-term", "action_category": "4", "last_assessed": pd.Timestamp("2012-08-21")}
    assert [r["Value"] for r in views.detail_table(fields)] == [r"Medium\-term", "4 · general action",
                                                                "21\u00a0Aug\u00a02012"]
    with i18n.use("km"):
        values = [r["Value"] for r in views.detail_table(fields)]
    assert not any(re.search(r"[A-Za-z]", v) for v in values), values


def test_search_covers_themes_ministries_statuses_and_puts_the_exact_id_first() -> None:
    from upr_sheets.core import i18n

    recs = [REC_HEADER, rec("118.11", "2", "Ratify the Convention against Torture", "Chile", themes="Torture",
                            ministries="Ministry of Justice", status="Not implemented"),
            rec("118.1", "2", "Protect defenders", "Norway", themes="Torture; Defenders",
                status="Fully implemented"),
            rec("118.12", "2", "Improve prisons", "Kenya", ministries="Ministry of Interior")]
    data = dataset({"Recommendations": recs})
    assert list(views.search_recommendations(data, "Ministry of Justice")["ID"]) == ["118.11"]
    assert list(views.search_recommendations(data, "torture")["ID"]) == ["118.11", "118.1"]
    assert list(views.search_recommendations(data, "not implemented")["ID"]) == ["118.11"]
    assert list(views.search_recommendations(data, "118.1")["ID"]) == ["118.1", "118.11", "118.12"]
    with i18n.use("fr"):
        assert list(views.search_recommendations(data, "pleinement")["ID"]) == ["118.1"]
        assert list(views.search_recommendations(data, "fully")["ID"]) == ["118.1"]  # the English word too


def test_a_translated_text_is_shown_in_its_language_with_the_original_kept() -> None:
    from upr_sheets.core import i18n

    header = [*REC_HEADER, "Recommendation (km)"]
    data = dataset({"Recommendations": [header, [*rec("1.1", "2", "Ratify the Convention"), "ផ្តល់សច្ចាប័ន"],
                                        [*rec("1.2", "2", "Improve prisons"), ""]]})
    with i18n.use("km"):
        table = views.search_recommendations(data)
        assert list(table["Recommendation"]) == ["ផ្តល់សច្ចាប័ន", "Improve prisons"]
        assert list(views.search_recommendations(data, "ratify")["ID"]) == ["1.1"]  # the original is searched
        first = data.recommendations.iloc[0].to_dict()
        assert views.text_and_original(first) == ("ផ្តល់សច្ចាប័ន", "Ratify the Convention")
    assert list(views.search_recommendations(data)["Recommendation"]) == ["Ratify the Convention", "Improve prisons"]
    assert views.text_and_original(data.recommendations.iloc[1].to_dict()) == ("Improve prisons", None)


def test_rows_for_a_phone_show_status_for_every_row_and_escape_sheet_text() -> None:
    recs = [REC_HEADER, rec("118.1", "2", "<script>alert(1)</script>", "Chile", status="Not implemented"),
            rec("118.2", "2", "Protect defenders", "", status="")]
    data = dataset({"Recommendations": recs})
    settings = load_settings()
    rows = views.rows_html(data.recommendations, settings, href="/recommendations?rec=")
    assert rows.count('<li class="upr-row"') == 2 and rows.count('class="upr-status"') == 2
    assert "<script>" not in rows and "&lt;script&gt;alert(1)&lt;/script&gt;" in rows
    assert settings.status_colours["Not implemented"] in rows
    assert 'href="/recommendations?rec=2-118.1"' in rows and "Chile" in rows
    assert views.parse_rec_key("2-118.1") == (2, "118.1") and views.parse_rec_key("x-1") is None
