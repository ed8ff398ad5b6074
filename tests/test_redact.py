"""Redaction: a canary in every private place never survives public_dataset(); scopes keep exactly their rows."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from builders import default_settings, write_xlsx

from upr_sheets.access.redact import Scope, is_public, private_columns, public_dataset, require_public
from upr_sheets.checks.validate import validate
from upr_sheets.core.contract import TABS
from upr_sheets.core.errors import SettingsError
from upr_sheets.core.model import Dataset, Issue
from upr_sheets.core.settings import PrivacySettings, Settings
from upr_sheets.sources import read_source

CANARY = f"CANARY{uuid.uuid4().hex}"

REC_HEADER = ["ID", "Cycle", "Recommendation", "Recommending States", "Response", "Themes", "Ministries",
              "Working Group", "Lead Organization", "Status", "Internal Notes"]
LAND, JUDICIAL = "Land Rights", "Judicial reform"
PLACES = ["rec-notes", "rec-lead", "rec-lead-unlisted", "rec-quarantined-notes", "assess-by", "assess-notes",
          "assess-quarantined-by", "measure-by", "lists-org", "member-email", "member-name", "member-org",
          "member-wg", "member-bad-email", "link-id", "link-audience", "link-scope"]


def canary(place: str) -> str:
    """The canary planted at one place (all share the unique prefix)."""
    return f"{CANARY}-{place}"


def rec_row(rid: str, cycle: int, wg: str, themes: str = "Health", ministries: str = "Ministry of Health",
            lead: str = "", notes: str = "", status: str = "Not implemented") -> list[Any]:
    """One Recommendations row in REC_HEADER order."""
    return [rid, str(cycle), f"Recommendation {rid}", "France", "Accepted", themes, ministries, wg, lead, status,
            notes]


def workbook_tabs() -> dict[str, list[list[Any]]]:
    """A workbook with a canary in every private column and private tab, in valid and quarantined rows."""
    return {
        "Recommendations": [
            REC_HEADER,
            rec_row("1.1", 1, LAND, themes="Land and housing", lead=canary("rec-lead"), notes=canary("rec-notes")),
            rec_row("1.2", 1, JUDICIAL, themes="Judiciary", ministries="Ministry of Justice"),
            rec_row("118.1", 2, LAND, themes="Land and housing; Health", lead=canary("rec-lead-unlisted")),
            rec_row("118.2", 2, JUDICIAL, ministries="Ministry of Justice; Ministry of Health"),
            rec_row("118.3", 2, f"{LAND}; {JUDICIAL}", themes="Judiciary"),
            rec_row("118.4", 2, "", status="Partialy implemented", notes=canary("rec-quarantined-notes")),
        ],
        "Assessments": [
            ["Date", "Cycle", "Recommendation ID", "Status", "Assessed By", "Internal Notes"],
            ["2024-01-10", "1", "1.1", "Not implemented", canary("assess-by"), canary("assess-notes")],
            ["2024-01-10", "2", "118.1", "Not implemented", "", ""],
            ["2024-01-10", "2", "118.2", "Not implemented", "", ""],
            ["2024-01-10", "2", "999", "Not implemented", canary("assess-quarantined-by"), ""],
        ],
        "Indicators": [
            ["Indicator ID", "Cycle", "Recommendation IDs", "Indicator", "Type", "Baseline", "Target"],
            ["I1", "2", "118.1; 118.2", "Land titles issued", "Quantitative", "10", "100"],
            ["I2", "2", "118.2", "Judges trained", "Quantitative", "0", "50"],
            ["I3", "", "", "Unlinked indicator", "Qualitative", "", ""],
        ],
        "Measurements": [
            ["Date", "Indicator ID", "Value", "Reported By"],
            ["2024-02-01", "I1", "20", canary("measure-by")],
            ["2024-02-01", "I2", "5", ""],
            ["2024-02-01", "I3", "better", ""],
        ],
        "Lists": [["Working Groups", "Organizations"], [LAND, canary("lists-org")], [JUDICIAL, canary("rec-lead")]],
        "Cycles": [["Cycle", "Review Date"], ["1", "2009-12-01"], ["2", "2014-01-28"]],
        "Members": [
            ["Email", "Name", "Organization", "Role", "Working Group"],
            [f"{canary('member-email')}@example.org", canary("member-name"), canary("member-org"), "admin",
             canary("member-wg")],
            [canary("member-bad-email"), "", "", "member", ""],
        ],
        "Share Links": [["Link ID", "Audience", "Expires", "Revoked", "Scope"],
                        [canary("link-id"), canary("link-audience"), "2030-01-01", "FALSE", canary("link-scope")]],
    }


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Dataset:
    """The canary workbook written as a real .xlsx, read and validated as the app does."""
    path = write_xlsx(Path(tmp_path_factory.mktemp("canary")) / "canary.xlsx", workbook_tabs())
    return validate(read_source(str(path), settings), settings)


def dump(value: Any) -> str:
    """Everything a value holds, as text: every DataFrame as CSV, every container walked, every field."""
    if isinstance(value, pd.DataFrame):
        return value.to_csv() + repr(value.attrs)
    if isinstance(value, Issue):
        return repr(value.as_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return "\n".join(dump(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, dict):
        return "\n".join(f"{dump(k)}={dump(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return "\n".join(dump(v) for v in value)
    return repr(value)


def test_every_canary_is_in_the_full_dataset(full):
    text = dump(full)
    assert [p for p in PLACES if canary(p) not in text] == []


@pytest.mark.parametrize("scope", [None, "cycle=2", "working-group=Land Rights", "cycle=1;theme=Land and housing"])
def test_no_canary_survives_redaction(full, scope, settings):
    assert CANARY not in dump(public_dataset(full, settings, scope))


def test_redaction_keeps_the_public_data_and_leaves_the_full_dataset_alone(full, settings):
    before = dump(full)
    public = public_dataset(full, settings)
    assert set(public.recommendations["id"]) == set(full.recommendations["id"])
    assert {"internal_notes", "lead_organization"}.isdisjoint(public.recommendations.columns)
    assert {"assessed_by", "internal_notes"}.isdisjoint(public.assessments.columns)
    assert "reported_by" not in public.measurements.columns
    assert (len(public.members), len(public.share_links), public.issues, public.quarantine) == (0, 0, [], {})
    assert "organizations" not in public.lists and public.lists["working_groups"] == (LAND, JUDICIAL)
    assert (public.source, public.url, public.sheet_ids, public.quarantined_rows) == (
        "UPR Monitor read-only view", None, {}, 0)
    assert not public.tabs["members"].present and not public.tabs["share_links"].present
    assert dump(full) == before and not is_public(full) and is_public(public)


def test_dataset_fields_are_all_handled_by_redaction():
    handled = {"recommendations", "assessments", "indicators", "measurements", "cycles", "members", "share_links",
               "lists", "issues", "tabs", "quarantine", "source", "kind", "url", "fetched_at", "requests",
               "sheet_ids", "public", "source_label"}
    assert {f.name for f in dataclasses.fields(Dataset)} == handled, "a new Dataset field: review redact.py"


def test_the_source_label_is_replaced_too(full, settings):
    labelled = dataclasses.replace(full, source_label=f"{CANARY}.xlsx")
    public = public_dataset(labelled, settings)
    assert public.source_label == public.source == "UPR Monitor read-only view" and CANARY not in dump(public)


def test_require_public_fails_closed(full, settings):
    with pytest.raises(PermissionError):
        require_public(full)
    public = public_dataset(full, settings)
    assert require_public(public) is public


SCOPE_CASES = [
    (None, {"1.1", "1.2", "118.1", "118.2", "118.3"}),
    ("", {"1.1", "1.2", "118.1", "118.2", "118.3"}),
    ("working-group=Land Rights", {"1.1", "118.1", "118.3"}),
    ("Working_Group = land  rights", {"1.1", "118.1", "118.3"}),
    ("cycle=2", {"118.1", "118.2", "118.3"}),
    ("cycle=2nd", {"118.1", "118.2", "118.3"}),
    ("cycle=1;cycle=2", {"1.1", "1.2", "118.1", "118.2", "118.3"}),
    ("cycle=2;working-group=Land Rights", {"118.1", "118.3"}),
    ("working-group=Land Rights;working-group=Judicial reform", {"1.1", "1.2", "118.1", "118.2", "118.3"}),
    ("theme=Judiciary", {"1.2", "118.3"}),
    ("ministry=Ministry of Justice", {"1.2", "118.2"}),
    ("working-group=Nobody", set()),
]


@pytest.mark.parametrize("scope,ids", SCOPE_CASES)
def test_scope_keeps_exactly_the_matching_recommendations(full, scope, ids, settings):
    public = public_dataset(full, settings, scope)
    assert set(public.recommendations["id"]) == ids
    recs = set(zip(public.recommendations["cycle"].astype(int), public.recommendations["id"]))
    assert set(zip(public.assessments["cycle"].astype(int), public.assessments["rec_id"])) <= recs


@pytest.mark.parametrize("scope,indicators,rec_ids,measured,cycles", [
    (None, {"I1", "I2", "I3"}, {"118.1", "118.2"}, {"I1", "I2", "I3"}, {1, 2}),
    ("working-group=Land Rights", {"I1"}, {"118.1"}, {"I1"}, {1, 2}),
    ("cycle=2;ministry=Ministry of Justice", {"I1", "I2"}, {"118.2"}, {"I1", "I2"}, {2}),
    ("cycle=1", set(), set(), set(), {1}),
])
def test_scope_carries_over_to_linked_tabs(full, scope, indicators, rec_ids, measured, cycles, settings):
    public = public_dataset(full, settings, scope)
    assert set(public.indicators["indicator_id"]) == indicators
    assert {r for ids in public.indicators["rec_ids"] for r in ids} == rec_ids
    assert set(public.measurements["indicator_id"]) == measured
    assert set(public.cycles["cycle"].astype(int)) == cycles


def test_scope_cuts_the_lists_to_what_it_shows(full, settings):
    assert public_dataset(full, settings, "cycle=2;working-group=Judicial reform").lists["working_groups"] == (
        LAND, JUDICIAL)
    assert public_dataset(full, settings, "cycle=1;working-group=Judicial reform").lists["working_groups"] == (
        JUDICIAL,)


def test_an_sdg_scope_keeps_the_recommendations_of_its_goal(settings):
    from builders import dataset_of_records

    from upr_sheets.analysis.filters import Filters

    rows = [{"ID": i, "Cycle": "2", "Recommendation": f"Text {i}", "Response": "Accepted", "SDGs": sdgs}
            for i, sdgs in (("1", "16.3"), ("2", "5; 16"), ("3", "5.2"), ("4", ""))]
    data = dataset_of_records({"Recommendations": rows})
    assert set(public_dataset(data, settings, "sdg=16").recommendations["id"]) == {"1", "2"}
    assert set(public_dataset(data, settings, "sdg=SDG 5.2;sdg=16").recommendations["id"]) == {"1", "2", "3"}
    assert Scope.parse("sdg=5.2").as_filters() == Filters(sdgs=(5,))


@pytest.mark.parametrize("text", ["foo=1", "working-group", "cycle=x", "cycle=12", "theme=", "=Land",
                                  "cycle=2;department=Health", "sdg=18", "sdg=peace"])
def test_unreadable_scope_is_an_error(full, text, settings):
    with pytest.raises(ValueError):
        Scope.parse(text)
    with pytest.raises(ValueError):
        public_dataset(full, settings, text)


@pytest.mark.parametrize("text,canonical,label", [
    ("cycle=2;working-group=Land rights", "cycle=2;working-group=Land rights", "cycle 2, working group Land rights"),
    (" theme = Health ; cycle=II ;", "cycle=2;theme=Health", "cycle 2, theme Health"),
    ("", "", ""),
    ("sdg=16.3;cycle=2", "cycle=2;sdg=16", "cycle 2, sdg 16"),
])
def test_scope_round_trips_as_text(text, canonical, label):
    scope = Scope.parse(text)
    assert (str(scope), scope.label(), Scope.parse(str(scope))) == (canonical, label, scope)
    assert scope.unrestricted == (canonical == "")


def settings_with(**privacy: list[str]):
    """The project settings with other privacy lists."""
    return default_settings().model_copy(update={"privacy": PrivacySettings(**privacy)})


@pytest.mark.parametrize("privacy,tab,gone", [
    ({"private_columns": ["Working Group"]}, "recommendations", {"working_group"}),
    ({"private_columns": ["notes"]}, "assessments", {"internal_notes"}),
    ({"private_columns": ["Baseline", "Value"]}, "indicators", {"baseline", "baseline_value"}),
    ({"private_columns": ["Value"]}, "measurements", {"value", "numeric_value"}),
    ({"private_columns": ["Lead Organisation"]}, "recommendations", {"lead_organization"}),
])
def test_private_columns_follow_the_settings(full, privacy, tab, gone):
    public = public_dataset(full, settings_with(**privacy), None)
    assert gone.isdisjoint(getattr(public, tab).columns)
    assert gone <= private_columns(settings_with(**privacy))[tab]


def test_private_lists_follow_their_columns_and_tabs(full):
    assert "working_groups" not in public_dataset(full, settings_with(private_columns=["Working Group"])).lists
    assert public_dataset(full, settings_with(private_tabs=["Lists"])).lists == {}
    no_tabs = public_dataset(full, settings_with(private_tabs=[]))
    assert (len(no_tabs.members), len(no_tabs.share_links)) == (0, 0)


@pytest.mark.parametrize("privacy", [{"private_columns": ["Internal Notez"]}, {"private_tabs": ["Memberz"]}])
def test_a_misspelt_private_name_stops_rather_than_protecting_nothing(full, privacy):
    with pytest.raises(SettingsError, match="privacy.private_"):
        public_dataset(full, settings_with(**privacy))


def test_every_private_contract_tab_is_emptied(full, settings):
    public = public_dataset(full, settings)
    for tab in TABS:
        if tab.private:
            assert len(getattr(public, tab.key)) == 0


@pytest.mark.parametrize(("scope", "sidebar", "said"), [
    ("cycle=2", {}, "Cycle: 2"),
    ("cycle=2;working-group=Land Rights", {"themes": ("Judiciary",)}, "Cycle: 2\nThemes: Judiciary"),
    ("state=France", {"cycles": (1,)}, ": France"),
])
def test_a_scoped_links_export_says_its_scope(full: Dataset, settings: Settings, scope: str, sidebar: dict,
                                              said: str) -> None:
    """The About sheet of a link holder's export names what the file holds, never "None: every recommendation"."""
    import io

    from openpyxl import load_workbook

    from upr_sheets.analysis.filters import Filters, apply_filters
    from upr_sheets.outputs.exports import export_file

    parsed, chosen = Scope.parse(scope), Filters(**sidebar)
    data = apply_filters(public_dataset(full, settings, parsed), chosen)
    book = load_workbook(io.BytesIO(export_file(data, "xlsx", parsed.as_filters(chosen)).data))
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert said in about["Filters applied"] and "None" not in about["Filters applied"]
    assert about["Recommendations"] == str(len(data.recommendations))
    assert Scope.parse(None).as_filters(chosen) == chosen  # a link without a scope adds nothing
