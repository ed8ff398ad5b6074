"""The validation issue codes, each declared once: its severity rule, its message and what it means.

Like the error types of the `frictionless` library, every stable kebab-case code an Issue can carry
is a member of `IssueCode`. A member is a `str` (a StrEnum), so it compares equal to its text and
`Issue.code` stays plain text; the member also knows how severe the issue is, how its message reads
(a `str.format` template) and the one line that documents it in the README table.

Templates may use `{value}` (the cell as typed) and `{letter}` (its column letter); at a cell also
`{header}` (the contract's header of the column); the rest comes from the site that reports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import cast

from .model import Severity


class Rule(StrEnum):
    """How the severity of a code is decided."""

    ERROR = "error"  # always an error: the row is quarantined
    WARNING = "warning"  # always a warning: the row is used as normalised
    COLUMN = "column"  # an error where the column must hold a usable value (required), else a warning


RULE_TEXT = {Rule.ERROR: "error", Rule.WARNING: "warning",
             Rule.COLUMN: "error in a required column, else warning"}


@dataclass(frozen=True)
class CodeSpec:
    """What the registry says about one code."""

    rule: Rule
    title: str  # one line for the README table
    template: str | Mapping[str, str]  # the message; by variant name where sites word it differently
    when_warning: str = ""  # appended to the message when the issue is a warning
    severity_text: str = ""  # the README's severity column, where the rule alone does not say it


_READ_AS_EMPTY = " The cell is read as empty until it is corrected."


def _unreadable(rule: Rule, title: str, expected: str) -> CodeSpec:
    """A cell the parser of its column cannot read."""
    return CodeSpec(rule, title, f"`{{value}}` is not {expected}.", _READ_AS_EMPTY)


def _not_in_vocabulary(rule: Rule, title: str, noun: str, severity_text: str = "") -> CodeSpec:
    """A value outside a controlled vocabulary (`{did}`: a suggestion; `{choices}`: the labels)."""
    return CodeSpec(rule, title, f"`{{value}}` is not a {noun}.{{did}} Use one of: {{choices}}.", _READ_AS_EMPTY,
                    severity_text)


def _not_in_list(title: str, lists_column: str) -> CodeSpec:
    """A part of a multi-valued cell missing from a column of the Lists tab (`{part}`, `{did}`)."""
    return CodeSpec(Rule.WARNING, title, f"`{{part}}` is not in Lists!{lists_column}.{{did}} Add it to the list or "
                                         "correct the spelling; the value is kept as typed.")


_DUPLICATE = ("{noun} `{value}` already appears in row {first_row} ({letter}{first_row}){where}; each must be "
              "unique. Correct one of the two.")


class IssueCode(StrEnum):
    """Every code validation reports, in the order of the README table."""

    spec: CodeSpec

    def __new__(cls, value: str, spec: CodeSpec) -> IssueCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.spec = spec
        return member

    MISSING_VALUE = "missing-value", CodeSpec(
        Rule.ERROR, "a required cell is empty",
        "{header} is required; this cell is empty. Type the {header_lower} or delete the row.")
    FORMULA_ERROR = "formula-error", CodeSpec(
        Rule.COLUMN, "`#REF!`, `#N/A`, `#VALUE!`, …",
        "`{value}` is a formula error, not a value. Fix the formula or type the {header} by hand.",
        " The cell is read as empty.")
    UNKNOWN_RESPONSE = "unknown-response", _not_in_vocabulary(
        Rule.ERROR, "not Accepted, Partially accepted, Noted or Pending; a close match is suggested", "response")
    UNKNOWN_STATUS = "unknown-status", _not_in_vocabulary(
        Rule.COLUMN, "not on the status scale; a close match is suggested", "status",
        "error (warning for Government Status)")
    UNKNOWN_PRIORITY = "unknown-priority", _not_in_vocabulary(
        Rule.WARNING, "not Short-term, Medium-term or Long-term; read as empty", "priority")
    # "a action category": today's wording, kept so that messages do not change
    UNKNOWN_ACTION_CATEGORY = "unknown-action-category", _not_in_vocabulary(
        Rule.WARNING, "not an action category from 1 to 5; read as empty", "action category")
    UNKNOWN_TYPE = "unknown-type", _not_in_vocabulary(
        Rule.WARNING, "an indicator Type other than Quantitative or Qualitative; read as empty", "type")
    UNKNOWN_DIRECTION = "unknown-direction", _not_in_vocabulary(
        Rule.WARNING, "not Increase or Decrease; read as empty", "direction")
    UNKNOWN_ROLE = "unknown-role", _not_in_vocabulary(
        Rule.WARNING, "a member Role other than admin, editor or member; read as empty", "role")
    BAD_CYCLE = "bad-cycle", _unreadable(
        Rule.COLUMN, "not a cycle number from 1 to 9",
        "a UPR cycle number from 1 to 9 (`2`, `2nd`, `Cycle 2` and `II` all work)")
    BAD_DATE = "bad-date", _unreadable(
        Rule.COLUMN, "not a date", "a date (use 2024-05-31, 31/05/2024 or 31 May 2024)")
    BAD_NUMBER = "bad-number", CodeSpec(
        Rule.COLUMN, "not a number (a measurement's value, an indicator's baseline or target)", {
            "indicator": "`{value}` is not a number, so progress to target cannot be computed. Type a plain number "
                         "(put the unit in the Unit column) or set Type to Qualitative.",
            "measurement": "`{value}` is not a number, but indicator `{indicator}` is quantitative. Type a plain "
                           "number (the unit belongs in the Indicators tab), or put words in the Note column."})
    BAD_BOOLEAN = "bad-boolean", _unreadable(Rule.COLUMN, "not TRUE or FALSE", "TRUE or FALSE")
    BAD_EMAIL = "bad-email", CodeSpec(
        Rule.ERROR, "not an email address", "`{value}` is not an email address. Type the member's sign-in email.")
    DUPLICATE_ID = "duplicate-id", CodeSpec(
        Rule.ERROR, "an id repeats (a recommendation's within its cycle); the first row is kept", _DUPLICATE)
    DUPLICATE_CYCLE = "duplicate-cycle", CodeSpec(
        Rule.ERROR, "a cycle repeats in the Cycles tab; the first row is kept", _DUPLICATE)
    ID_STORED_AS_NUMBER = "id-stored-as-number", CodeSpec(
        Rule.WARNING, "the spreadsheet turned an id into a number",
        "`{value}` is stored as a number, so an id such as 118.10 may have become 118.1. Format the column as "
        "Plain text and retype the id exactly as in the UN report.")
    UNKNOWN_RECOMMENDATION = "unknown-recommendation", CodeSpec(
        Rule.ERROR, "a reference to a recommendation does not resolve", {
            "assessment": "No recommendation `{value}`{in_cycle} in the Recommendations tab. Check the number "
                          "(as printed in the UN report) and the Cycle.",
            "indicator": "Recommendation `{rid}` is not in the Recommendations tab{for_cycle}. Check the number or "
                         "remove it from the list."})
    AMBIGUOUS_RECOMMENDATION = "ambiguous-recommendation", CodeSpec(
        Rule.ERROR, "a reference without a Cycle to an id that exists in several cycles", {
            "assessment": "Recommendation `{value}` exists in cycles {cycles}; fill in the Cycle column to say "
                          "which one is meant.",
            "indicator": "Recommendation `{rid}` is not in the Recommendations tab{for_cycle} (it exists in several "
                         "cycles: fill in Cycle). Check the number or remove it from the list."})
    UNKNOWN_INDICATOR = "unknown-indicator", CodeSpec(
        Rule.ERROR, "a measurement names an indicator the Indicators tab does not have",
        "No indicator `{value}` in the Indicators tab.{did} Check the id or add the indicator.")
    UNKNOWN_THEME = "unknown-theme", _not_in_list("not in the Lists tab's Themes (kept as typed)", "Themes")
    # "Lists!Ministrys": today's wording, kept so that messages do not change
    UNKNOWN_MINISTRY = "unknown-ministry", _not_in_list("not in the Lists tab's Ministries (kept as typed)",
                                                        "Ministrys")
    UNKNOWN_WORKING_GROUP = "unknown-working-group", _not_in_list(
        "not in the Lists tab's Working Groups (kept as typed)", "Working Groups")
    UNKNOWN_ORGANIZATION = "unknown-organization", _not_in_list(
        "not in the Lists tab's Organizations (kept as typed)", "Organizations")
    STATUS_DISAGREES = "status-disagrees", CodeSpec(
        Rule.WARNING, "the newest assessment and the Status column differ",
        "Status says `{current}` but the newest assessment ({where}, {date}) says `{newest}`. Update whichever "
        "is out of date.")
    DUPLICATE_HEADER = "duplicate-header", CodeSpec(
        Rule.WARNING, "a header repeats; the later column is ignored",
        "Header `{value}` repeats column {first} ({first_header}); column {letter} is ignored. Rename or delete "
        "one of the two columns.")
    MISSING_HEADER = "missing-header", CodeSpec(
        Rule.WARNING, "a column has values but no header; it is ignored",
        "Column {letter} has values but no header, so it is ignored. Type a header in row 1 (see the sheet "
        "contract) or clear the column.")
    MISSING_COLUMN = "missing-column", CodeSpec(
        Rule.ERROR, "an optional tab lacks a required column: its rows are quarantined",
        "The `{tab}` tab has no {names} column, so none of its rows can be used. Add the column (recognised "
        "headers found: {found}).")

    @property
    def rule(self) -> Rule:
        """How the severity of this code is decided."""
        return self.spec.rule

    def severity(self, required: bool = False) -> Severity:
        """`error` or `warning`; `required`: whether the column must hold a usable value (Rule.COLUMN only)."""
        if self.spec.rule is Rule.COLUMN:
            return "error" if required else "warning"
        return cast(Severity, self.spec.rule.value)

    def message(self, severity: Severity, variant: str = "", **fields: object) -> str:
        """The message for one issue: the (variant's) template filled in, plus the warning's note."""
        template = self.spec.template
        text = (template if isinstance(template, str) else template[variant]).format(**fields)
        return text + self.spec.when_warning if severity == "warning" else text


# Contract vocabulary (Column.choices) → its code for a value outside it
UNKNOWN_CHOICE: dict[str, IssueCode] = {
    "response": IssueCode.UNKNOWN_RESPONSE, "status": IssueCode.UNKNOWN_STATUS,
    "priority": IssueCode.UNKNOWN_PRIORITY, "action_category": IssueCode.UNKNOWN_ACTION_CATEGORY,
    "indicator_type": IssueCode.UNKNOWN_TYPE, "direction": IssueCode.UNKNOWN_DIRECTION, "role": IssueCode.UNKNOWN_ROLE,
}


def did_you_mean(hint: str | None) -> str:
    """The `{did}` part of a message: ` Did you mean `X`?` when there is a close match, else nothing."""
    return f" Did you mean `{hint}`?" if hint else ""


def markdown_table() -> str:
    """The README's issue-code table: one row per code, in declaration order."""
    rows = ["| code | severity | meaning |", "|---|---|---|"]
    rows += [f"| `{code}` | {code.spec.severity_text or RULE_TEXT[code.rule]} | {code.spec.title} |"
             for code in IssueCode]
    return "\n".join(rows)
