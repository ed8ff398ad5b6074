"""The sheet contract: which tabs and columns editors type, and what each column may hold.

Everything else (validation, the template workbook, the demo generator, exports) reads these
declarations instead of repeating column names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(str, Enum):
    """How a column's text is interpreted."""

    TEXT = "text"  # free text, kept as typed (trimmed)
    ID = "id"  # identifier: always text, numbers turned into text are flagged
    CYCLE = "cycle"  # 1–9, with ordinal / roman / "Cycle 2" forms
    CHOICE = "choice"  # one value of a controlled vocabulary (aliases allowed)
    MULTI = "multi"  # several values separated by ; newline or "- " bullets
    DATE = "date"  # ISO, day/month/year, spreadsheet serial
    NUMBER = "number"
    INTEGER = "integer"
    BOOL = "bool"


@dataclass(frozen=True)
class Column:
    """One column of a tab as editors see it."""

    key: str  # name used in the normalised tables
    header: str  # canonical header text
    kind: Kind = Kind.TEXT
    required: bool = False  # the column must exist and every row must have a value
    aliases: tuple[str, ...] = ()
    choices: str | None = None  # name of a vocabulary in VOCABULARIES or the status scale
    lookup: str | None = None  # Lists tab column the values are checked against, when present


@dataclass(frozen=True)
class Tab:
    """One tab of the workbook."""

    key: str
    title: str
    columns: tuple[Column, ...]
    required: bool = False
    aliases: tuple[str, ...] = ()
    private: bool = False  # never shown to outsiders
    notes: str = ""

    def column(self, key: str) -> Column:
        """The column with this key."""
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


@dataclass(frozen=True)
class Vocabulary:
    """A controlled vocabulary: canonical labels and the aliases that normalise to them."""

    labels: tuple[str, ...]
    aliases: dict[str, str] = field(default_factory=dict)

    def lookup_table(self) -> dict[str, str]:
        """Lower-cased label or alias → canonical label."""
        table = {label.casefold(): label for label in self.labels}
        table.update({alias.casefold(): label for alias, label in self.aliases.items()})
        return table


VOCABULARIES: dict[str, Vocabulary] = {
    "response": Vocabulary(
        ("Accepted", "Partially accepted", "Noted", "Pending"),
        {
            "supported": "Accepted",
            "accept": "Accepted",
            "supported in part": "Partially accepted",
            "partially supported": "Partially accepted",
            "accepted in part": "Partially accepted",
            "partly accepted": "Partially accepted",
            "rejected": "Noted",
            "not supported": "Noted",
            "note": "Noted",
            "will be examined": "Pending",
            "to be examined": "Pending",
        },
    ),
    "priority": Vocabulary(
        ("Short-term", "Medium-term", "Long-term"),
        {"short": "Short-term", "short term": "Short-term", "medium": "Medium-term",
         "medium term": "Medium-term", "long": "Long-term", "long term": "Long-term"},
    ),
    "indicator_type": Vocabulary(
        ("Quantitative", "Qualitative"), {"quant": "Quantitative", "qual": "Qualitative"}
    ),
    "direction": Vocabulary(
        ("Increase", "Decrease"),
        {"up": "Increase", "higher": "Increase", "down": "Decrease", "lower": "Decrease"},
    ),
    "role": Vocabulary(("admin", "editor", "member"), {"administrator": "admin"}),
    "action_category": Vocabulary(
        ("1", "2", "3", "4", "5"),
        {"minimal action": "1", "continuing action": "2", "considering action": "3",
         "general action": "4", "specific action": "5"},
    ),
}

# The status scale is configurable (config/settings.toml); columns name it with choices="status".
STATUS = "status"

_RECOMMENDATION_ID = Column("rec_id", "Recommendation ID", Kind.ID, True,
                            ("Rec ID", "Recommendation", "Recommendation No.", "Rec. ID"))

# Written by the dashboard's record form and `record`: one id per entry, so a retried submit writes one row.
_SUBMISSION_ID = Column("submission_id", "Submission ID", Kind.ID, False, ("Submission",))

RECOMMENDATIONS = Tab("recommendations", "Recommendations", required=True, aliases=("Recs",), columns=(
    Column("id", "ID", Kind.ID, True, ("Rec ID", "Recommendation ID", "No.", "No", "Number", "Paragraph")),
    Column("cycle", "Cycle", Kind.CYCLE, True, ("UPR Cycle",)),
    Column("text", "Recommendation", Kind.TEXT, True, ("Text", "Recommendation Text")),
    # Optional translations of the text, shown instead of it when the interface is in that language
    Column("text_km", "Recommendation (km)", Kind.TEXT, False, ("Recommendation (Khmer)", "Text (km)")),
    Column("text_fr", "Recommendation (fr)", Kind.TEXT, False, ("Recommendation (French)", "Text (fr)")),
    Column("states", "Recommending States", Kind.MULTI, False,
           ("Recommending State", "State", "States", "Recommended By", "Recommending States/Entities")),
    Column("response", "Response", Kind.CHOICE, True, ("Position", "Position of the State under review"),
           choices="response"),
    Column("themes", "Themes", Kind.MULTI, False, ("Theme", "Issues", "Full list of themes"), lookup="themes"),
    Column("ministries", "Ministries", Kind.MULTI, False,
           ("Ministry", "Responsible Ministry", "Responsible Ministries", "Government Bodies"),
           lookup="ministries"),
    Column("working_group", "Working Group", Kind.TEXT, False, ("WG", "Thematic Group"), lookup="working_groups"),
    Column("lead_organization", "Lead Organization", Kind.TEXT, False,
           ("Lead Organisation", "Lead Org", "Lead"), lookup="organizations"),
    Column("priority", "Priority", Kind.CHOICE, False, (), choices="priority"),
    Column("status", "Status", Kind.CHOICE, False, ("Coalition Status", "Implementation Status"), choices=STATUS),
    Column("government_status", "Government Status", Kind.CHOICE, False, ("Govt Status", "Government Claim"),
           choices=STATUS),
    Column("action_category", "Action Category", Kind.CHOICE, False, ("Action", "Category"),
           choices="action_category"),
    Column("sdgs", "SDGs", Kind.MULTI, False, ("SDG", "Relevant SDGs")),
    Column("evidence", "Evidence", Kind.TEXT, False, ("Sources", "Evidence / Sources")),
    Column("last_assessed", "Last Assessed", Kind.DATE, False, ("Assessed On", "Last Assessment")),
    Column("internal_notes", "Internal Notes", Kind.TEXT, False, ("Notes", "Internal Note", "Private Notes")),
    # Follow-up: who does what by when (optional; Owner and Next Step are private by default).
    Column("next_step", "Next Step", Kind.TEXT, False, ("Next Action", "Follow-up")),
    Column("owner", "Owner", Kind.TEXT, False, ("Follow-up Owner", "Responsible")),
    Column("due_date", "Due", Kind.DATE, False, ("Due Date", "Deadline")),
    # `suggested | Themes: …` while cells filled by a suggestion await review (upr_sheets.checks.suggested)
    Column("coded_by", "Coded By", Kind.TEXT, False, ("Coded by", "Coding")),
))

ASSESSMENTS = Tab("assessments", "Assessments", aliases=("Assessment History",), columns=(
    Column("date", "Date", Kind.DATE, True, ("Assessment Date", "Assessed On")),
    Column("cycle", "Cycle", Kind.CYCLE, False, ("UPR Cycle",)),
    _RECOMMENDATION_ID,
    Column("status", "Status", Kind.CHOICE, True, (), choices=STATUS),
    Column("government_status", "Government Status", Kind.CHOICE, False, ("Govt Status",), choices=STATUS),
    Column("evidence", "Evidence", Kind.TEXT, False, ("Sources",)),
    Column("assessed_by", "Assessed By", Kind.TEXT, False, ("Assessor",)),
    Column("internal_notes", "Internal Notes", Kind.TEXT, False, ("Notes", "Private Notes")),
    _SUBMISSION_ID,
))

INDICATORS = Tab("indicators", "Indicators", columns=(
    Column("indicator_id", "Indicator ID", Kind.ID, True, ("ID", "Indicator No.")),
    Column("cycle", "Cycle", Kind.CYCLE, False, ("UPR Cycle",)),
    Column("rec_ids", "Recommendation IDs", Kind.MULTI, False, ("Recommendation ID", "Rec IDs", "Recommendations")),
    Column("indicator", "Indicator", Kind.TEXT, True, ("Name", "Indicator Name", "Description")),
    Column("type", "Type", Kind.CHOICE, False, ("Indicator Type",), choices="indicator_type"),
    Column("unit", "Unit", Kind.TEXT, False, ()),
    Column("baseline", "Baseline", Kind.TEXT, False, ("Baseline Value",)),
    Column("baseline_date", "Baseline Date", Kind.DATE, False, ()),
    Column("target", "Target", Kind.TEXT, False, ("Target Value",)),
    Column("target_date", "Target Date", Kind.DATE, False, ()),
    Column("direction", "Direction", Kind.CHOICE, False, (), choices="direction"),
    Column("source", "Source", Kind.TEXT, False, ("Data Source",)),
))

MEASUREMENTS = Tab("measurements", "Measurements", columns=(
    Column("date", "Date", Kind.DATE, True, ("Measured On",)),
    Column("indicator_id", "Indicator ID", Kind.ID, True, ("Indicator",)),
    Column("value", "Value", Kind.TEXT, True, ("Measurement",)),
    Column("note", "Note", Kind.TEXT, False, ("Notes", "Comment")),
    Column("source", "Source", Kind.TEXT, False, ()),
    Column("reported_by", "Reported By", Kind.TEXT, False, ("Reporter",)),
    _SUBMISSION_ID,
))

LISTS = Tab("lists", "Lists", aliases=("Lookups", "Vocabularies"), columns=(
    Column("themes", "Themes", Kind.TEXT, False, ("Theme",)),
    Column("ministries", "Ministries", Kind.TEXT, False, ("Ministry",)),
    Column("working_groups", "Working Groups", Kind.TEXT, False, ("Working Group",)),
    Column("organizations", "Organizations", Kind.TEXT, False, ("Organisations", "Organization")),
))

CYCLES = Tab("cycles", "Cycles", columns=(
    Column("cycle", "Cycle", Kind.CYCLE, True, ()),
    Column("review_date", "Review Date", Kind.DATE, False, ("Review",)),
    Column("adoption_date", "Adoption Date", Kind.DATE, False, ("Adoption",)),
    Column("midterm_due", "Mid-term Report Due", Kind.DATE, False, ("Mid-term Report", "Midterm Due")),
    Column("next_review", "Next Review", Kind.DATE, False, ()),
))

MEMBERS = Tab("members", "Members", private=True, columns=(
    Column("email", "Email", Kind.TEXT, True, ("E-mail", "Email Address")),
    Column("name", "Name", Kind.TEXT, False, ()),
    Column("organization", "Organization", Kind.TEXT, False, ("Organisation",)),
    Column("role", "Role", Kind.CHOICE, False, (), choices="role"),
    Column("working_group", "Working Group", Kind.TEXT, False, ("WG",)),
))

SHARE_LINKS = Tab("share_links", "Share Links", private=True, aliases=("Links",), columns=(
    Column("link_id", "Link ID", Kind.ID, True, ("ID",)),
    Column("audience", "Audience", Kind.TEXT, False, ()),
    Column("expires", "Expires", Kind.DATE, False, ("Expiry",)),
    Column("revoked", "Revoked", Kind.BOOL, False, ()),
    Column("scope", "Scope", Kind.TEXT, False, ()),
))

TABS: tuple[Tab, ...] = (RECOMMENDATIONS, ASSESSMENTS, INDICATORS, MEASUREMENTS, LISTS, CYCLES, MEMBERS,
                         SHARE_LINKS)
TABS_BY_KEY: dict[str, Tab] = {tab.key: tab for tab in TABS}

FORMULA_ERRORS = frozenset({"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#ERROR!",
                            "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#UNKNOWN!"})


def canonical(text: str) -> str:
    """Header/tab matching form: trimmed, inner spaces collapsed, case-folded."""
    return " ".join(str(text).split()).casefold()
