"""The issue-code registry: every reported code is declared, every declared code is reported, the README agrees.

The corpus (tests/corpus.py) and the validation cases of tests/test_validate.py state exactly which
issues each workbook gets, and their tests assert that validation reports those and nothing else;
here their codes are compared with the registry in upr_sheets/checks/codes.py.
"""

from __future__ import annotations

import string
from functools import cache
from itertools import takewhile
from pathlib import Path

import pytest
from corpus import generate
from test_validate import ASSESSMENT_CASES, OTHER_TAB_CASES, RECOMMENDATION_CASES

from upr_sheets.checks.codes import (
    REGISTRY,
    RULE_TEXT,
    SPECS,
    UNKNOWN_CHOICE,
    IssueCode,
    Rule,
    did_you_mean,
    load_specs,
    markdown_table,
)
from upr_sheets.core.contract import TABS, Kind

README = Path(__file__).resolve().parent.parent / "README.md"
CODES = {code.value for code in IssueCode}
SEVERITIES = {Rule.ERROR: {"error"}, Rule.WARNING: {"warning"}, Rule.COLUMN: {"error", "warning"}}


@cache
def reported() -> set[tuple[str, str]]:
    """(code, severity) of every issue the corpus and the validation cases expect."""
    corpus = {(code, severity) for case in generate() for _, _, code, severity in case.expected_issues()}
    cases = [*RECOMMENDATION_CASES.values(), *ASSESSMENT_CASES.values(), *OTHER_TAB_CASES.values()]
    return corpus | {(code, severity) for _, expected in cases for _, code, severity in expected}



def test_every_reported_code_is_declared():
    assert {code for code, _ in reported()} <= CODES


def test_every_declared_code_is_reported_by_some_case():
    assert CODES <= {code for code, _ in reported()}


def test_reported_severities_follow_each_code_rule():
    for code, severity in reported():
        assert severity in SEVERITIES[IssueCode(code).rule], (code, severity)
    column_rule = {code for code in IssueCode if code.rule is Rule.COLUMN}
    both = {code for code in column_rule if {(code.value, "error"), (code.value, "warning")} <= reported()}
    # each "depends on the column" code is seen both ways, but bad-boolean cannot be an error today:
    # the contract's only TRUE/FALSE column (Share Links!Revoked) is optional
    assert not any(col.required for tab in TABS for col in tab.columns if col.kind is Kind.BOOL)
    assert both == column_rule - {IssueCode.BAD_BOOLEAN}


def test_codes_are_stable_kebab_case_and_declared_once():
    assert len(IssueCode.__members__) == len(IssueCode)  # no member is an alias of another (a repeated code)
    for code in IssueCode:
        assert code.value == code.name.lower().replace("_", "-")
        assert code.value.replace("-", "").isalpha() and code.spec.title
        assert code == code.value and f"{code}" == code.value


def test_templates_name_their_placeholders():
    """Only named fields ({value}, {header}, …): no positional {} and no stray brace."""
    for code in IssueCode:
        template = code.spec.template
        for text in [template] if isinstance(template, str) else template.values():
            fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
            assert all(field.isidentifier() for field in fields), (code, text)


@pytest.mark.parametrize("rule,required,severity", [
    (Rule.ERROR, False, "error"), (Rule.ERROR, True, "error"), (Rule.WARNING, True, "warning"),
    (Rule.COLUMN, True, "error"), (Rule.COLUMN, False, "warning")])
def test_severity_rules(rule, required, severity):
    for code in (c for c in IssueCode if c.rule is rule):
        assert code.severity(required) == severity


def test_message_adds_the_warning_note_only_to_warnings():
    error = IssueCode.BAD_CYCLE.message("error", value="x")
    assert error == "`x` is not a UPR cycle number from 1 to 9 (`2`, `2nd`, `Cycle 2` and `II` all work)."
    warning = IssueCode.BAD_CYCLE.message("warning", value="x")
    assert warning == f"{error} The cell is read as empty until it is corrected."
    assert IssueCode.BAD_NUMBER.message("error", "measurement", value="many", indicator="I1").startswith(
        "`many` is not a number, but indicator `I1`")
    assert did_you_mean(None) == "" and did_you_mean("Noted") == " Did you mean `Noted`?"


def test_every_vocabulary_of_the_contract_has_its_code():
    assert set(UNKNOWN_CHOICE) == {col.choices for tab in TABS for col in tab.columns if col.kind is Kind.CHOICE}


def readme_table() -> str:
    """The table of README.md's "What happens to bad input" section, as text."""
    section = README.read_text(encoding="utf-8").split("### What happens to bad input", 1)[1]
    lines = section.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("| code |"))
    return "\n".join(takewhile(lambda line: line.startswith("|"), lines[start:]))


def test_readme_table_is_the_registry():
    """Regenerate with: python3 -c 'from upr_sheets.checks.codes import markdown_table; print(markdown_table())'."""
    table = readme_table()
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()[2:]]
    listed = {row[0].strip("`"): row[1] for row in rows}
    assert listed == {code.value: code.spec.severity_text or RULE_TEXT[code.rule]
                      for code in IssueCode}
    assert table == markdown_table()


REGISTRY_CASES = {
    "a code missing": (lambda text: text.replace("[missing-value]", "[missing-valu]"), "should list"),
    "codes reordered": (lambda text: text.replace("[missing-value]", "[tmp]")
                        .replace("[formula-error]", "[missing-value]").replace("[tmp]", "[formula-error]"),
                        "should list"),
    "an unknown rule": (lambda text: text.replace('rule = "error"', 'rule = "fatal"', 1), "expected rule"),
    "an unknown key": (lambda text: text.replace('rule = "error"', 'rule = "error"\ncolour = "red"', 1),
                       "unknown keys"),
}


@pytest.mark.parametrize("change,said", REGISTRY_CASES.values(), ids=REGISTRY_CASES.keys())
def test_a_registry_that_disagrees_with_the_enum_is_refused(change, said):
    text = REGISTRY.read_text(encoding="utf-8")
    assert load_specs(text) == SPECS
    with pytest.raises(ValueError, match=said):
        load_specs(change(text))


def _templates() -> list[str]:
    return [text for spec in SPECS.values()
            for text in ([spec.template] if isinstance(spec.template, str) else list(spec.template.values()))]


def test_messages_name_the_lists_columns_as_editors_see_them():
    """`Lists!Ministries`, never a plural made up by adding an s (`Lists!Ministrys`)."""
    import re

    from upr_sheets.core.contract import LISTS

    named = {name for text in _templates() for name in re.findall(r"Lists!(\w[\w ]*?)\.", text)}
    assert named and named <= {column.header for column in LISTS.columns}, named


def test_messages_use_an_before_a_vowel():
    import re

    assert not [t for t in _templates() if re.search(r"\ba [aeio]", t)]
