"""Parsing a UN Working Group report's recommendations into Recommendations rows."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from upr_sheets.authoring.importer import HEADERS, parse_wg_report, response_of, split_states, write_rows
from upr_sheets.core.contract import RECOMMENDATIONS

DATA = Path(__file__).resolve().parents[2] / "shared" / "research" / "data"
REPORT_2014 = DATA / "cambodia_wg_report_A-HRC-26-16_2014.txt"
REPORT_2010 = DATA / "cambodia_wg_report_A-HRC-13-4_2010.txt"
CYCLE2_CSV = DATA / "cambodia_cycle2.csv"
needs_research = pytest.mark.skipif(not REPORT_2014.exists(),
                                    reason=f"research data not present ({DATA} is absent on this machine)")

ID, TEXT, STATES, RESPONSE = (RECOMMENDATIONS.column(k).header for k in ("id", "text", "states", "response"))


def norm(text: str) -> str:
    """Whitespace-normalised text."""
    return " ".join(text.split())


WRAPPED = """\
117. In conclusion, the delegation thanked its interlocutors. It made
recommendations.
II. Conclusions and/or recommendations
118. The recommendations formulated during the interactive dialogue and listed
below enjoy the support of Ruritania:
118.1 Establish a law on freedom of information in accordance with
international standards (Belgium);
GE.14-12727 17
A/HRC/26/16
118.2 Continue strengthening effective job creation programmes to combat poverty (Venezuela
(Bolivarian Republic of));
118.3 Ratify the Optional Protocol to the Convention against Torture3 (Cuba, Viet Nam);
3 A/HRC/WG.6/18/KHM/1.
118.4 Improve the well-
being of older persons, including the
2.5 per cent of the population living with disabilities (Iran (Islamic Republic of));
118.5 Set up a national preventive mechanism (OP-CAT) (Denmark).
119.
The following recommendations will be examined by Ruritania, which will
provide responses in due time:
119.1 Issue a standing invitation to the special procedures (Trinidad and Tobago);
119.2 Ratify ICCPR-OP2 (France);
120. All conclusions and/or recommendations contained in the present report reflect the position of
the submitting State(s) and/or the State under review.
Annex
"""

CLUSTERED = """\
81. Ruritania thanked all delegations and noted the recommendations made.
II. Conclusions and/or recommendations
82. In the course of the discussion, the following recommendations were made to Ruritania (will be examined):\x20
1.\x20
Consider ratifying CED (Brazil);\x20
2.\x20
Issue and implement a standing invitation to all special procedures (Czech Republic);\x20
3.
Issue a standing invitation to all Council special procedures (Slovakia);\x20
4.\x20
Adopt a law against corruption (Switzerland); enact it swiftly (Norway);\x20
5.\x20
Ensure the independence of the judiciary (Sweden);\x20
6.
ensure the independence of the judiciary, without any political intervention (Switzerland);\x20
83.\x20
The response of Ruritania to these recommendations will be included in the outcome report.
"""

NOTED = """\
100. The following recommendations did not enjoy the support of Ruritania and were thus noted:
100.1 Abolish the death penalty (Portugal);
100.2 Decriminalize defamation (Norway, Sweden);
101. All conclusions reflect the position of the submitting State(s).
"""

# (case, report text, cycle) → expected rows as (ID, Recommendation, Recommending States, Response)
PARSE_CASES = {
    "wrapped lines, page furniture, footnotes, parentheses": (WRAPPED, 2, [
        ("118.1", "Establish a law on freedom of information in accordance with international standards",
         "Belgium", "Accepted"),
        ("118.2", "Continue strengthening effective job creation programmes to combat poverty",
         "Venezuela (Bolivarian Republic of)", "Accepted"),
        ("118.3", "Ratify the Optional Protocol to the Convention against Torture", "Cuba; Viet Nam", "Accepted"),
        ("118.4", "Improve the well-being of older persons, including the 2.5 per cent of the population living "
                  "with disabilities", "Iran (Islamic Republic of)", "Accepted"),
        ("118.5", "Set up a national preventive mechanism (OP-CAT)", "Denmark", "Accepted"),
        ("119.1", "Issue a standing invitation to the special procedures", "Trinidad and Tobago", "Pending"),
        ("119.2", "Ratify ICCPR-OP2", "France", "Pending"),
    ]),
    "numbered items, clusters sharing one number": (CLUSTERED, 1, [
        ("82.1", "Consider ratifying CED", "Brazil", "Pending"),
        ("82.2", "Issue and implement a standing invitation to all special procedures (Czech Republic); Issue a "
                 "standing invitation to all Council special procedures", "Czech Republic; Slovakia", "Pending"),
        ("82.3", "Adopt a law against corruption (Switzerland); enact it swiftly", "Switzerland; Norway", "Pending"),
        ("82.4", "Ensure the independence of the judiciary (Sweden); ensure the independence of the judiciary, "
                 "without any political intervention", "Sweden; Switzerland", "Pending"),
    ]),
    "noted paragraph, several States": (NOTED, 3, [
        ("100.1", "Abolish the death penalty", "Portugal", "Noted"),
        ("100.2", "Decriminalize defamation", "Norway; Sweden", "Noted"),
    ]),
    "misprinted item number follows the sequence": (
        "118. The recommendations below enjoy the support of Ruritania:\n"
        + "".join(f"118.{n} Act {n} (Chile);\n" for n in range(1, 109))
        + "118.09 Prevent violence against demonstrators (Czech Republic);\n119. Other.\n", 2,
        [(f"118.{n}", f"Act {n}", "Chile", "Accepted") for n in range(1, 109)]
        + [("118.109", "Prevent violence against demonstrators", "Czech Republic", "Accepted")]),
    "no recommendations paragraph": ("1. Introduction.\n2. Latvia made recommendations.\n3. Noted.\n", 2, []),
}


@pytest.mark.parametrize("text, cycle, expected", PARSE_CASES.values(), ids=PARSE_CASES.keys())
def test_parse_cases(text: str, cycle: int, expected: list[tuple[str, str, str, str]]) -> None:
    rows = parse_wg_report(text, cycle)
    assert [(r[ID], r[TEXT], r[STATES], r[RESPONSE]) for r in rows] == expected
    assert all(list(r) == list(HEADERS) and r["Cycle"] == cycle for r in rows)


HEADING_CASES = {
    "The recommendations formulated during the interactive dialogue and listed below enjoy the support of X:":
        "Accepted",
    "The following recommendations will be examined by X which will provide responses in due time:": "Pending",
    "In the course of the discussion, the following recommendations were made to X (will be examined):": "Pending",
    "The following recommendations did not enjoy the support of X and would thus be noted:": "Noted",
    "The following recommendations will be noted by X:": "Noted",
    "X thanked all delegations for their participation.": None,
    "Latvia noted the progress made.": None,
}


@pytest.mark.parametrize("heading, expected", HEADING_CASES.items(), ids=list(HEADING_CASES))
def test_response_of_heading(heading: str, expected: str | None) -> None:
    assert response_of(heading) == expected


SPLIT_CASES = {
    "one State": ("Ratify CAT (Brazil);", ("Ratify CAT", ["Brazil"])),
    "State with parentheses": ("Act (Venezuela (Bolivarian Republic of));",
                               ("Act", ["Venezuela (Bolivarian Republic of)"])),
    "two States": ("Act (Cuba, Viet Nam);", ("Act", ["Cuba", "Viet Nam"])),
    "acronym before the State": ("Ratify CED (CED) (Brazil),", ("Ratify CED (CED)", ["Brazil"])),
    "no State": ("Ratify OP-CAT (OP-CAT)", ("Ratify OP-CAT (OP-CAT)", [])),
    "cluster": ("Do A (Chile); do B (Peru);", ("Do A (Chile); do B", ["Chile", "Peru"])),
}


@pytest.mark.parametrize("item, expected", SPLIT_CASES.values(), ids=SPLIT_CASES.keys())
def test_split_states(item: str, expected: tuple[str, list[str]]) -> None:
    assert split_states(item) == expected


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_write_rows_round_trip(tmp_path: Path, suffix: str) -> None:
    rows = parse_wg_report(WRAPPED, 2)
    out = tmp_path / f"recs{suffix}"
    write_rows(rows, out)
    if suffix == ".csv":
        with out.open(encoding="utf-8", newline="") as fh:
            back = list(csv.DictReader(fh))
        assert [r[ID] for r in back] == [r[ID] for r in rows]
        assert back[1][STATES] == "Venezuela (Bolivarian Republic of)"
        return
    sheet = load_workbook(out)[RECOMMENDATIONS.title]
    assert [c.value for c in sheet[1]] == list(HEADERS)
    ids = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in ids] == [r[ID] for r in rows]
    assert all(isinstance(c.value, str) and c.number_format == "@" for c in ids)
    assert sheet.freeze_panes == "A2"


def test_write_rows_refuses_other_suffixes(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_rows([], tmp_path / "recs.txt")


@needs_research
def test_cambodia_2014_report_matches_the_reference_table() -> None:
    rows = parse_wg_report(REPORT_2014.read_text(encoding="utf-8"), 2)
    assert len(rows) == 205
    assert Counter((r[ID].split(".")[0], r[RESPONSE]) for r in rows) == {("118", "Accepted"): 171,
                                                                       ("119", "Pending"): 34}
    assert [r[ID] for r in rows] == [f"118.{n}" for n in range(1, 172)] + [f"119.{n}" for n in range(1, 35)]
    by_id = {r[ID]: r for r in rows}
    assert by_id["118.126"][STATES] == "Venezuela (Bolivarian Republic of)"
    with CYCLE2_CSV.open(encoding="utf-8", newline="") as fh:
        reference = list(csv.DictReader(fh))
    printed_as = {"118.09": "118.109"}  # the report prints 118.109 as "118.09"; the table keeps the print
    exact = sum(1 for ref in reference
                if (row := by_id.get(printed_as.get(ref["id"], ref["id"])))
                and norm(row[TEXT]) == norm(ref["text"]) and row[STATES] == norm(ref["recommending_state"]))
    assert exact / len(reference) >= 0.98, f"{exact} of {len(reference)} rows match"


@needs_research
def test_cambodia_2010_report_clusters() -> None:
    rows = parse_wg_report(REPORT_2010.read_text(encoding="utf-8"), 1)
    # Officially 91 numbered recommendations; this text extraction separates 93 clusters.
    assert len(rows) == 93
    assert [r[ID] for r in rows] == [f"82.{n}" for n in range(1, 94)]
    assert {r[RESPONSE] for r in rows} == {"Pending"}
    assert all(r[STATES] for r in rows)
    states = Counter(s for r in rows for s in r[STATES].split("; "))
    assert states["Brazil"] >= 5 and "Bolivarian Republic of Venezuela" in states
