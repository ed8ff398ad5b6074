"""Suggested coding: the rules (action category, UPR Info issues), the coalition's mapping onto themes and
ministries, the Coded By mark, `import-report` filling only empty cells, and the `suggest` command.

The sentences are written for these tests. The last test measures the rules against UPR Info's own coding
when the research data is present (sessions 13–16, which the rules were not written on)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from upr_sheets.authoring import suggest as S
from upr_sheets.authoring.suggest import Suggester, action_category, issues_of, load_rules
from upr_sheets.authoring.suggest_rows import detail_suggestion, fill_empty
from upr_sheets.checks.suggested import mark, parse_mark, still_suggested, to_review
from upr_sheets.cli import main
from upr_sheets.core.errors import SettingsError
from upr_sheets.core.settings import SuggestSettings
from upr_sheets.sync import read

DATA = Path(__file__).resolve().parents[2] / "shared" / "research" / "data"
CODED = DATA / "upr_info_recommendations_sessions01-16.csv"
ISSUE_LIST = DATA / "upr_info_issues.csv"

ACTIONS = [  # (text, category, the words the why names)
    ("Seek technical assistance from the international community to train its judges", 1, "seek"),
    ("Share its experience in reducing rural poverty with other developing countries", 1, "share"),
    ("Continue its efforts to reduce maternal mortality", 2, "continue"),
    ("Maintain its cooperation with the special procedures", 2, "maintain"),
    ("Continue its efforts against trafficking and ratify the Palermo Protocol", 2, "continue"),  # first clause
    ("Consider ratifying the Convention on the Rights of Persons with Disabilities", 3, "consider"),
    ("Give positive consideration to a standing invitation to the special procedures", 3,
     "give positive consideration"),
    ("Review the Penal Code with a view to its reform", 3, "review"),
    ("Take measures to protect journalists from harassment", 4, "take measures"),
    ("Ensure that detainees have prompt access to a lawyer", 4, "ensure"),
    ("Adopt measures to prevent forced evictions", 4, "adopt measures"),
    ("Continue and strengthen its programmes for the protection of children", 4, "continue and"),
    ("Establish effective mechanisms to monitor places of detention", 4, "establish effective"),
    ("Abolish further restrictions on the press", 4, "further"),  # a specific verb with a general word
    ("Ratify the Optional Protocol to the Convention against Torture", 5, "ratify"),
    ("Adopt a law on access to information", 5, "adopt a"),
    ("Fully implement the law on domestic violence", 5, "implement the"),
    ("Recommended that the Government abolish the death penalty", 5, "abolish"),
    ("Recommended ratifying the Convention on enforced disappearances", 5, "ratifying"),
    ("In line with its international obligations, amend the Penal Code to decriminalize defamation", 5, "amend"),
    ("Review and amend the Land Law", 5, "review and amend"),
    ("Urgently  ABOLISH   the death penalty.", 5, "abolish"),
]


@pytest.mark.parametrize(("text", "category", "words"), ACTIONS)
def test_action_category_from_the_leading_verb_and_its_modifiers(text: str, category: int, words: str) -> None:
    got, why = action_category(text, load_rules("en"))
    assert (got, f"“{words}”" in why) == (category, True), why


def test_no_known_verb_is_general_action_and_says_so() -> None:
    got, why = action_category("Bananas for everyone", load_rules("en"))
    assert got == 4 and "no known verb" in why and "“bananas”" in why


ISSUES = [
    ("Ratify the Convention against Torture", {"International instruments", "Torture and other CID treatment"}),
    ("Combat violence against women and girls", {"Women's rights", "Rights of the Child"}),
    ("Integrate human rights education into school curricula", {"Human rights education and training"}),
    ("Guarantee access to primary education in rural areas", {"Right to education"}),
    ("Stop forced evictions and resolve land disputes fairly", {"Right to housing", "Right to land"}),
    ("Develop a programme against drug trafficking", {"Public security"}),
    ("Protect human rights defenders and journalists", {"Human rights defenders", "Freedom of the press"}),
    ("Respect the WOMEN’S right to vote", {"Women's rights", "Elections"}),
    ("Establish an independent national human rights institution in line with the Paris Principles", {"NHRI"}),
    ("Do its best", set()),
]


@pytest.mark.parametrize(("text", "issues"), ISSUES)
def test_issues_from_word_lists(text: str, issues: set[str]) -> None:
    found, why = issues_of(text, load_rules("en"))
    assert set(found) == issues
    assert len(why) == len(found)


def test_why_names_the_words_of_the_text_that_decided() -> None:
    found = Suggester(SuggestSettings()).suggest("Investigate all cases of torture in places of detention")
    assert found.action_category == 5
    assert "“investigate” → 5 (specific action)" in found.why
    assert "“torture” → Torture and other CID treatment" in found.why
    assert "“places of detention” → Detention" in found.why


def test_rule_file_lists_every_upr_info_issue_once_with_words() -> None:
    rules = load_rules("en")
    assert len(rules.issue_names) == len(set(rules.issue_names)) == 54
    assert all(rules.issue_names.count(n) == 1 for n in ("Women's rights", "Rights of the Child", "Detention"))
    if ISSUE_LIST.exists():
        import csv

        with ISSUE_LIST.open(encoding="utf-8") as fh:
            assert set(rules.issue_names) == {r["issue_as_in_export"] for r in csv.DictReader(fh)}


def test_a_rule_file_for_another_language_is_picked_by_the_settings(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    french = (S.RULES_DIR / "en.toml").read_text(encoding="utf-8").replace('language = "en"', 'language = "fr"')
    french = french.replace('1 = ["seek", ', '1 = ["solliciter", "seek", ')
    (tmp_path / "fr.toml").write_text(french, encoding="utf-8")
    monkeypatch.setattr(S, "RULES_DIR", tmp_path)
    load_rules.cache_clear()
    try:
        found = Suggester(SuggestSettings(language="fr")).suggest("Solliciter l'assistance technique du HCDH")
        assert found.action_category == 1
        with pytest.raises(SettingsError, match=r"no suggestion rules for `km`.*\['fr'\]"):
            load_rules("km")
        (tmp_path / "xx.toml").write_text(french.replace('"preserve"]', '"preserve", "seek"]'), encoding="utf-8")
        with pytest.raises(SettingsError, match="listed under two categories"):
            load_rules("xx")
        (tmp_path / "yy.toml").write_text("language = ", encoding="utf-8")
        with pytest.raises(SettingsError, match="yy.toml"):
            load_rules("yy")
    finally:
        load_rules.cache_clear()


def test_settings_map_issues_onto_the_coalitions_themes_and_ministries() -> None:
    conf = SuggestSettings(themes={"Torture and other CID treatment": ["Torture and detention"],
                                   "Detention": ["Torture and detention"], "Women's rights": ["Gender"]},
                           ministries={"Torture and detention": ["Ministry of Interior"],
                                       "Gender": ["Ministry of Women's Affairs"]},
                           institutions={"police": ["Ministry of Interior"], "courts": ["Ministry of Justice"]})
    found = Suggester(conf).suggest("Ratify the Convention against Torture and train the police and the courts")
    assert found.themes == ("Torture and detention",)  # International instruments is not mapped: left out
    assert found.ministries == ("Ministry of Interior", "Ministry of Justice")
    assert "named: “police”; “courts”" in found.why
    plain = Suggester(SuggestSettings()).suggest("Ratify the Convention against Torture")
    assert plain.themes == plain.issues == ("International instruments", "Torture and other CID treatment")


def test_project_settings_name_the_demo_coalitions_themes_and_ministries(settings) -> None:
    from upr_sheets.authoring import demo_texts

    conf = settings.suggest
    assert set(conf.themes) <= set(load_rules(conf.language).issue_names)
    assert {t for themes in conf.themes.values() for t in themes} <= set(demo_texts.THEMES)
    assert set(conf.ministries) <= set(demo_texts.THEMES)
    named = {m for table in (conf.ministries, conf.institutions) for ms in table.values() for m in ms}
    assert named <= set(demo_texts.MINISTRIES)


# ---- the Coded By mark -------------------------------------------------------------------------------------

def test_mark_records_what_was_filled_and_reads_back() -> None:
    cell = mark({"action_category": "5", "themes": "Women's rights; Health", "ministries": ""})
    assert cell == "suggested | Action Category: 5 | Themes: Women's rights; Health"
    assert parse_mark(cell) == {"action_category": "5", "themes": "Women's rights; Health"}
    assert parse_mark("Sok Malis") == parse_mark("") == parse_mark(None) == {}
    assert mark({}) == ""


def test_a_cell_is_still_suggested_until_a_member_edits_it() -> None:
    row = {"coded_by": "suggested | Action Category: 5 | Themes: Women's rights; Health",
           "action_category": 5, "themes": ("Health", "women's rights")}
    assert still_suggested(row) == {"action_category": "5", "themes": "Women's rights; Health"}
    assert still_suggested({**row, "themes": ("Health",)}) == {"action_category": "5"}  # edited: cleared
    assert still_suggested({**row, "coded_by": "Sok Malis"}) == {}  # reviewed: the member's name


def test_fill_empty_never_overwrites_and_marks_only_what_it_filled() -> None:
    rows = [{"ID": "1.1", "Recommendation": "Ratify the Convention against Torture", "Themes": "Justice"},
            {"ID": "1.2", "Recommendation": "Combat violence against women", "Coded By": "Sok Malis"},
            {"ID": "1.3", "Recommendation": "Protect journalists", "Action Category": 3},
            {"ID": "1.4", "Recommendation": "Do its best"}]
    assert fill_empty(rows, None, Suggester(SuggestSettings())) == 3
    first, person, third, fourth = rows
    assert first["Themes"] == "Justice" and first["Action Category"] == 5
    assert first["Coded By"] == "suggested | Action Category: 5"
    assert person.get("Themes") is None and person["Coded By"] == "Sok Malis"  # a person coded it
    assert third["Action Category"] == 3 and third["Themes"] == "Freedom of the press"
    assert parse_mark(third["Coded By"]) == {"themes": "Freedom of the press"}
    assert fourth["Action Category"] == 4 and fourth["Themes"] is None
    assert [list(r) for r in rows][0][-4:] == ["Themes", "Ministries", "Action Category", "Coded By"]


# ---- import-report and the suggest command ---------------------------------------------------------------

REPORT = """\
117. The delegation thanked all participants.
II. Conclusions and/or recommendations
118. The recommendations formulated during the interactive dialogue and listed
below enjoy the support of Ruritania:
118.1 Ratify the Optional Protocol to the Convention against Torture (Denmark);
118.2 Continue its efforts to combat violence against women and girls (Chile);
118.3 Consider establishing a national human rights institution in line with the Paris Principles (Ghana).
119. All conclusions and/or recommendations contained in the present report reflect the position of
the submitting State(s) and/or the State under review.
"""


def imported(tmp_path: Path, *extra: str) -> Path:
    """The REPORT imported into a workbook."""
    report, out = tmp_path / "report.txt", tmp_path / "imported.xlsx"
    report.write_text(REPORT, encoding="utf-8")
    assert main(["import-report", str(report), "--cycle", "2", "--out", str(out), *extra]) == 0
    return out


def test_import_report_arrives_coded_and_lists_the_cells_to_review(tmp_path: Path, settings, capsys) -> None:
    out = imported(tmp_path)
    assert "Suggested the coding of 3" in capsys.readouterr().out
    data = read(str(out), settings)
    assert not data.issues
    recs = data.recommendations.set_index("id")
    assert recs.loc["118.1", "action_category"] == 5 and recs.loc["118.2", "action_category"] == 2
    assert recs.loc["118.3", "themes"] == ("National human rights institution",)
    review = to_review(data.recommendations)
    assert set(review["column"]) == {"Action Category", "Themes", "Ministries"}
    assert len(review.loc[review["id"] == "118.2"]) == 3

    book = load_workbook(out)
    sheet = book["Recommendations"]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("Themes") + 1, "Judiciary")  # a member edits 118.1's themes
    sheet.cell(3, header.index("Coded By") + 1, "Sok Malis")  # and keeps 118.2's suggestion
    book.save(out)
    review = to_review(read(str(out), settings).recommendations)
    assert ("118.1", "Themes") not in set(zip(review["id"], review["column"]))
    assert ("118.1", "Action Category") in set(zip(review["id"], review["column"]))
    assert "118.2" not in set(review["id"])


def test_import_report_without_suggestions_leaves_the_coding_empty(tmp_path: Path, settings) -> None:
    data = read(str(imported(tmp_path, "--no-suggest")), settings)
    assert data.recommendations["action_category"].isna().all()
    assert to_review(data.recommendations).empty


def test_detail_shows_the_suggestion_and_what_is_left_to_review(tmp_path: Path, settings) -> None:
    data = read(str(imported(tmp_path)), settings)
    rec = data.recommendations.set_index("id").loc["118.1"].to_dict()
    hint = detail_suggestion(rec, settings)
    assert hint["action_category"] == 5 and "“ratify”" in hint["why"]
    assert hint["to_review"] == ["Action Category", "Themes", "Ministries"]


def test_suggest_command_one_json_object_per_line(tmp_path: Path, capsys) -> None:
    texts = tmp_path / "texts.txt"
    texts.write_text("Ratify the Convention against Torture\n\nContinue efforts to combat trafficking\n",
                     encoding="utf-8")
    assert main(["suggest", "--texts", str(texts), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and json.loads(lines[1]) == {}
    first, last = json.loads(lines[0]), json.loads(lines[2])
    assert set(first) >= {"action_category", "themes", "ministries", "why"}
    assert (first["action_category"], last["action_category"]) == (5, 2)
    assert "Torture and detention" in first["themes"] and "Trafficking" in last["themes"]
    assert main(["suggest", "--texts", str(texts)]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("5 | International instruments; Torture and detention")


# ---- measured against UPR Info's own coding -----------------------------------------------------------------

@pytest.mark.skipif(not CODED.exists(), reason=f"UPR Info's coded recommendations are absent ({CODED})")
def test_held_out_sessions_meet_the_targets() -> None:
    from upr_sheets.authoring.suggest_measure import agreement, micro, per_label, read_upr_info

    rows = [r for r in read_upr_info(CODED) if r.session >= 13]
    found = Suggester(SuggestSettings()).suggest_many(r.text for r in rows)
    assert len(rows) > 8000
    assert agreement([f.action_category for f in found], [r.action for r in rows]) >= 0.85
    overall = micro(per_label([f.issues for f in found], [r.issues for r in rows]))
    assert overall.precision >= 0.75 and overall.recall >= 0.65


def test_suggest_command_reads_stdin_and_names_a_missing_rule_file(tmp_path: Path, capsys,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from upr_sheets.core.settings import SETTINGS_PATH

    monkeypatch.setattr(sys, "stdin", io.StringIO("Share its experience in fighting poverty\n"))
    assert main(["suggest", "--texts", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["action_category"] == 1
    other = tmp_path / "settings.toml"
    other.write_text(SETTINGS_PATH.read_text(encoding="utf-8").replace('language = "en"', 'language = "km"'),
                     encoding="utf-8")
    assert main(["--settings", str(other), "suggest", "--texts", "-"]) == 2
    assert "Settings error: [suggest] language: no suggestion rules for `km`" in capsys.readouterr().err
