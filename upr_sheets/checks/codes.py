"""The validation issue codes, each declared once: its severity rule, its message and what it means.

Like the error types of the `frictionless` library, every stable kebab-case code an Issue can carry
is a member of `IssueCode`. A member is a `str` (a StrEnum), so it compares equal to its text and
`Issue.code` stays plain text. What each code says is data, in `codes.toml` beside this module: how
severe the issue is, how its message reads (a `str.format` template) and the one line that documents it
in the README table. Both list the same codes, or the package does not import.

Templates may use `{value}` (the cell as typed) and `{letter}` (its column letter); at a cell also
`{header}` (the contract's header of the column); the rest comes from the check that reports it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import cast

from upr_sheets.core.model import Severity

REGISTRY = Path(__file__).with_name("codes.toml")


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
    template: str | Mapping[str, str]  # the message; by variant name where checks word it differently
    when_warning: str = ""  # appended to the message when the issue is a warning
    severity_text: str = ""  # the README's severity column, where the rule alone does not say it


class IssueCode(StrEnum):
    """Every code validation reports, in the order of the README table."""

    MISSING_VALUE = "missing-value"
    FORMULA_ERROR = "formula-error"
    UNKNOWN_RESPONSE = "unknown-response"
    UNKNOWN_STATUS = "unknown-status"
    UNKNOWN_PRIORITY = "unknown-priority"
    UNKNOWN_ACTION_CATEGORY = "unknown-action-category"
    UNKNOWN_TYPE = "unknown-type"
    UNKNOWN_DIRECTION = "unknown-direction"
    UNKNOWN_ROLE = "unknown-role"
    BAD_CYCLE = "bad-cycle"
    BAD_DATE = "bad-date"
    BAD_NUMBER = "bad-number"
    BAD_BOOLEAN = "bad-boolean"
    BAD_EMAIL = "bad-email"
    DUPLICATE_ID = "duplicate-id"
    DUPLICATE_CYCLE = "duplicate-cycle"
    ID_STORED_AS_NUMBER = "id-stored-as-number"
    UNKNOWN_RECOMMENDATION = "unknown-recommendation"
    AMBIGUOUS_RECOMMENDATION = "ambiguous-recommendation"
    UNKNOWN_INDICATOR = "unknown-indicator"
    UNKNOWN_THEME = "unknown-theme"
    UNKNOWN_MINISTRY = "unknown-ministry"
    UNKNOWN_WORKING_GROUP = "unknown-working-group"
    UNKNOWN_ORGANIZATION = "unknown-organization"
    STATUS_DISAGREES = "status-disagrees"
    DUPLICATE_HEADER = "duplicate-header"
    MISSING_HEADER = "missing-header"
    MISSING_COLUMN = "missing-column"

    @property
    def spec(self) -> CodeSpec:
        """What codes.toml says about this code."""
        return SPECS[self]

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


def load_specs(text: str) -> dict[IssueCode, CodeSpec]:
    """The registry's tables as CodeSpecs, in IssueCode order; ValueError when the codes or keys differ."""
    tables = tomllib.loads(text)
    declared, found = [c.value for c in IssueCode], list(tables)
    if declared != found:
        raise ValueError(f"codes.toml should list {declared} in that order; found {found}")
    specs = {}
    for code in IssueCode:
        entry = dict(tables[code.value])
        try:
            specs[code] = CodeSpec(Rule(entry.pop("rule")), entry.pop("title"), entry.pop("template"),
                                   **{key: entry.pop(key) for key in ("when_warning", "severity_text") if key in entry})
        except (KeyError, ValueError) as exc:
            raise ValueError(f"codes.toml [{code.value}]: expected rule, title and template; {exc}") from None
        if entry:
            raise ValueError(f"codes.toml [{code.value}]: unknown keys {sorted(entry)}")
    return specs


SPECS = load_specs(REGISTRY.read_text(encoding="utf-8"))

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
